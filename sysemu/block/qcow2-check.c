/* qcow2 check and repair: every reference from the header, L1/L2 tables (active and
 * snapshots), snapshot table and refcount structures is counted and compared with the
 * stored refcounts; COPIED flags are compared with refcount == 1.  Repair sets refcounts
 * to the counted references (leaks with BLOCK_FIX_LEAKS, too-low ones with
 * BLOCK_FIX_ERRORS) and rewrites the COPIED flags. */
#include "sysemu/block/qcow2.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct walk {
    struct qcow2 *s;
    struct block_check *res;
    uint64_t *ref;          /* counted references per host cluster */
    uint64_t n;
    uint64_t prev_host;     /* for fragmentation statistics */
    int copied_errors;      /* COPIED flags that disagree with refcounts */
    uint64_t file_clusters;
    uint64_t file_size;     /* bytes */
};

static void count(struct walk *w, uint64_t off, uint64_t len, const char *what)
{
    struct qcow2 *s = w->s;
    /* A region may end inside the file's last, partly written cluster; one that reaches a
     * whole cluster or more past the end of the file is corrupt (as qemu-img counts it). */
    if (off + len > w->file_size && off + len - w->file_size >= s->cluster_size) {
        w->res->corruptions++;
        block_check_report(w->res, "ERROR counting reference for region exceeding the end "
                           "of the file by one cluster or more: %s at offset 0x%llx size "
                           "0x%llx", what, (unsigned long long)off, (unsigned long long)len);
        return;
    }
    uint64_t first = off >> s->cluster_bits;
    uint64_t last = (off + (len ? len : 1) - 1) >> s->cluster_bits;
    for (uint64_t i = first; i <= last; i++) {
        if (i >= w->n) {
            w->res->corruptions++;
            block_check_report(w->res, "ERROR %s at offset 0x%llx is outside the image file",
                               what, (unsigned long long)off);
            return;
        }
        w->ref[i]++;
    }
}

static void check_data_entry(struct walk *w, uint64_t e, bool active, uint64_t l1i, uint32_t j)
{
    struct qcow2 *s = w->s;
    if (e & QCOW_OFLAG_COMPRESSED) {
        uint64_t start, len;
        qcow2_compressed_range(s, e, &start, &len);
        count(w, start, len, "compressed cluster");
        /* Compressed clusters count as fragmented, as qemu-img counts them: neighbours still
         * share sectors that must be read again. */
        if (active) {
            w->res->compressed_clusters++;
            w->res->allocated_clusters++;
            w->res->fragmented_clusters++;
        }
        return;
    }
    uint64_t host = e & QCOW_OFFSET_MASK;
    if (e & QCOW_L2_RESERVED || (s->version < 3 && (e & QCOW_OFLAG_ZERO))) {
        w->res->corruptions++;
        block_check_report(w->res, "ERROR L2 entry 0x%llx (L1 index %llu, L2 index %u) has "
                           "reserved bits set", (unsigned long long)e,
                           (unsigned long long)l1i, j);
        return;
    }
    if (!host)
        return;
    if (host & (s->cluster_size - 1)) {
        w->res->corruptions++;
        block_check_report(w->res, "ERROR offset=%llx: data cluster is not properly aligned; "
                           "L2 entry corrupted", (unsigned long long)host);
        return;
    }
    count(w, host, s->cluster_size, "data cluster");
    if (!active)
        return;
    w->res->allocated_clusters++;
    if (w->prev_host && host != w->prev_host + s->cluster_size)
        w->res->fragmented_clusters++;
    w->prev_host = host;
    uint64_t rc = qcow2_refcount_get(s, host >> s->cluster_bits);
    if ((rc == 1) != ((e & QCOW_OFLAG_COPIED) != 0)) {
        w->res->corruptions++;
        w->copied_errors++;
        block_check_report(w->res, "ERROR OFLAG_COPIED data cluster: l2_entry=%llx refcount=%llu",
                           (unsigned long long)e, (unsigned long long)rc);
    }
}

static int read_l2_raw(struct qcow2 *s, uint64_t off, uint64_t *e)
{
    uint8_t *raw = malloc(s->cluster_size);
    if (!raw)
        return -ENOMEM;
    int r = hostfile_pread(s->fd, raw, s->cluster_size, off);
    for (uint32_t i = 0; r == 0 && i < s->l2_size; i++)
        e[i] = be64(raw + (size_t)i * 8);
    free(raw);
    return r;
}

static int walk_l1(struct walk *w, const uint64_t *l1, uint32_t n, bool active)
{
    struct qcow2 *s = w->s;
    uint64_t *e = malloc((size_t)s->l2_size * 8);
    if (!e)
        return -ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t l2 = l1[i] & QCOW_OFFSET_MASK;
        if (!l2)
            continue;
        if (l2 & (s->cluster_size - 1) || (l2 >> s->cluster_bits) >= w->n || l2 == 0 ||
            read_l2_raw(s, l2, e) < 0) {
            w->res->corruptions++;
            block_check_report(w->res, "ERROR l2_offset=%llx: L2 table is misaligned or "
                               "outside the image file; L1 entry corrupted",
                               (unsigned long long)l2);
            continue;
        }
        count(w, l2, s->cluster_size, "L2 table");
        uint64_t rc = qcow2_refcount_get(s, l2 >> s->cluster_bits);
        if (active && (rc == 1) != ((l1[i] & QCOW_OFLAG_COPIED) != 0)) {
            w->res->corruptions++;
            w->copied_errors++;
            block_check_report(w->res, "ERROR OFLAG_COPIED L2 cluster: l1_index=%u "
                               "l1_entry=%llx refcount=%llu", i, (unsigned long long)l1[i],
                               (unsigned long long)rc);
        }
        for (uint32_t j = 0; j < s->l2_size; j++)
            if (e[j])
                check_data_entry(w, e[j], active, i, j);
    }
    free(e);
    return 0;
}

static int walk_all(struct walk *w)
{
    struct qcow2 *s = w->s;
    count(w, 0, s->cluster_size, "header");
    if (s->l1_size)     /* an empty disk may have no L1 table at all */
        count(w, s->l1_offset, (uint64_t)s->l1_size * 8, "L1 table");
    int r = walk_l1(w, s->l1, s->l1_size, true);
    for (uint32_t i = 0; r == 0 && i < s->nb_snapshots; i++) {
        struct qcow2_snapshot *sn = &s->snaps[i];
        uint64_t *l1;
        if (sn->l1_size)
            count(w, sn->l1_offset, (uint64_t)sn->l1_size * 8, "snapshot L1 table");
        if (qcow2_l1_read(s, sn->l1_offset, sn->l1_size, &l1) < 0) {
            w->res->corruptions++;
            block_check_report(w->res, "ERROR snapshot '%s': cannot read its L1 table",
                               sn->info.name);
            continue;
        }
        r = walk_l1(w, l1, sn->l1_size, false);
        free(l1);
    }
    if (s->nb_snapshots)
        count(w, s->snapshots_offset, s->snapshots_size, "snapshot table");
    count(w, s->reftable_offset, (uint64_t)s->reftable_clusters << s->cluster_bits,
          "refcount table");
    for (uint32_t i = 0; i < s->reftable_size; i++)
        if (s->reftable[i])
            count(w, s->reftable[i], s->cluster_size, "refcount block");
    return r;
}

/* Compares counted references with refcounts, repairing what `fix` allows. */
static int compare(struct walk *w, int fix)
{
    struct qcow2 *s = w->s;
    /* Refcounts of clusters past the end of the file count nothing (as qemu-img sees it). */
    for (uint64_t i = 0; i < w->file_clusters; i++) {
        uint64_t stored = qcow2_refcount_get(s, i), want = w->ref[i];
        if (stored == want)
            continue;
        bool leak = stored > want;
        block_check_report(w->res, "%s cluster %llu refcount=%llu reference=%llu",
                           leak ? "Leaked" : "ERROR", (unsigned long long)i,
                           (unsigned long long)stored, (unsigned long long)want);
        if (leak)
            w->res->leaks++;
        else
            w->res->corruptions++;
        if (!(fix & (leak ? BLOCK_FIX_LEAKS : BLOCK_FIX_ERRORS)))
            continue;
        int r = qcow2_refcount_set(s, i, want);
        if (r < 0)
            return r;
        if (leak)
            w->res->leaks_fixed++;
        else
            w->res->corruptions_fixed++;
    }
    return 0;
}

static void end_offset(struct walk *w)
{
    uint64_t last = 0;
    for (uint64_t i = 0; i < w->file_clusters; i++)
        if (w->ref[i] || qcow2_refcount_get(w->s, i))
            last = i + 1;
    w->res->image_end_offset = last << w->s->cluster_bits;
}

int qcow2_check(struct block_dev *bs, struct block_check *res, int fix)
{
    struct qcow2 *s = bs->opaque;
    uint64_t file_size;
    int r = hostfile_size(s->fd, &file_size);
    if (r < 0)
        return r;
    if (fix && s->read_only)
        return block_fail(-EBADF, "repairing needs the image open for writing");
    struct walk w = { .s = s, .res = res, .file_size = file_size };
    w.n = w.file_clusters = qcow2_clusters(s, file_size);
    if (w.n < s->nclusters)
        w.n = s->nclusters;
    w.ref = calloc(w.n ? w.n : 1, sizeof(*w.ref));
    if (!w.ref)
        return -ENOMEM;
    res->has_cluster_stats = true;
    res->total_clusters = qcow2_clusters(s, bs->size);
    r = walk_all(&w);
    int flag_errors = w.copied_errors;
    if (r == 0)
        r = compare(&w, fix);
    end_offset(&w);
    free(w.ref);
    /* Flags follow the refcounts: after any refcount repair they are recomputed too (a
     * leak fixed from 2 to 1 makes its cluster writable in place again). */
    bool refcounts_changed = res->leaks_fixed || res->corruptions_fixed;
    if (r == 0 && (((fix & BLOCK_FIX_ERRORS) && flag_errors) || refcounts_changed))
        r = qcow2_update_copied(s);
    if (r == 0 && (fix & BLOCK_FIX_ERRORS))
        res->corruptions_fixed += flag_errors;
    if (r == 0 && fix)
        r = qcow2_refcount_sync(s);
    /* A repaired image is consistent again: neither corrupt nor dirty (its refcounts were
     * just rebuilt). */
    if (r == 0 && (fix & BLOCK_FIX_ERRORS) && res->corruptions == res->corruptions_fixed) {
        r = qcow2_set_incompat(s, QCOW2_INCOMPAT_CORRUPT | QCOW2_INCOMPAT_DIRTY, false);
        s->dirty_set = false;
    }
    return r;
}
