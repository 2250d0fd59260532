/* The qcow2 driver table: probe, open (validating everything before any write), close,
 * flush, information, backing-file changes. */
#include "sysemu/block/qcow2.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int qcow2_probe(const uint8_t *head, size_t len, const char *filename)
{
    if (len < 8 || be32(head) != QCOW2_MAGIC)
        return 0;
    return be32(head + 4) >= 2 ? 100 : 0;
}

struct region {
    uint64_t start, len;
    const char *what;
};

static int region_cmp(const void *a, const void *b)
{
    const struct region *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Metadata structures must not share clusters: a crafted image could make a write to one
 * corrupt another. */
static int check_overlaps(struct qcow2 *s)
{
    size_t n = 0, cap = 4 + s->nb_snapshots + s->reftable_size;
    struct region *r = malloc(sizeof(*r) * cap);
    if (!r)
        return -ENOMEM;
    r[n++] = (struct region){ 0, s->cluster_size, "the header" };
    r[n++] = (struct region){ s->l1_offset, qcow2_align(s, (uint64_t)s->l1_size * 8),
                              "the L1 table" };
    r[n++] = (struct region){ s->reftable_offset,
                              (uint64_t)s->reftable_clusters << s->cluster_bits,
                              "the refcount table" };
    if (s->nb_snapshots)
        r[n++] = (struct region){ s->snapshots_offset, qcow2_align(s, s->snapshots_size),
                                  "the snapshot table" };
    for (uint32_t i = 0; i < s->nb_snapshots; i++)
        r[n++] = (struct region){ s->snaps[i].l1_offset,
                                  qcow2_align(s, (uint64_t)s->snaps[i].l1_size * 8),
                                  "a snapshot's L1 table" };
    for (uint32_t i = 0; i < s->reftable_size; i++)
        if (s->reftable[i])
            r[n++] = (struct region){ s->reftable[i], s->cluster_size, "a refcount block" };
    qsort(r, n, sizeof(*r), region_cmp);
    int ret = 0;
    for (size_t i = 1; i < n && ret == 0; i++)
        if (r[i].len && r[i - 1].len && r[i - 1].start + r[i - 1].len > r[i].start)
            ret = block_fail(-EINVAL, "qcow2: %s (0x%llx) overlaps %s (0x%llx): image corrupt",
                             r[i].what, (unsigned long long)r[i].start, r[i - 1].what,
                             (unsigned long long)r[i - 1].start);
    free(r);
    return ret;
}

static void free_state(struct qcow2 *s)
{
    qcow2_l2_cache_free(s);
    qcow2_refcount_free_all(s);
    qcow2_snapshots_free(s);
    for (int i = 0; i < s->nexts; i++)
        free(s->exts[i].data);
    free(s->exts);
    free(s->l1);
    free(s->zbuf);
    free(s);
}

static int load(struct qcow2 *s)
{
    uint64_t file_size;
    int r = hostfile_size(s->fd, &file_size);
    if (r == 0)
        r = qcow2_parse_header(s, file_size);
    if (r == 0)
        r = qcow2_l1_read(s, s->l1_offset, s->l1_size, &s->l1);
    if (r == 0)
        r = qcow2_refcount_load(s);
    if (r == 0)
        r = qcow2_snapshots_load(s);
    if (r == 0)
        r = check_overlaps(s);
    if (r == 0 && !(s->zbuf = malloc(s->cluster_size)))
        r = -ENOMEM;
    return r;
}

/* -EIO when a cluster of [off, off+len) has refcount 0: the allocator would hand it out. */
static int counted(struct qcow2 *s, uint64_t off, uint64_t len, const char *what)
{
    for (uint64_t c = off >> s->cluster_bits; len && c <= (off + len - 1) >> s->cluster_bits; c++)
        if (qcow2_refcount_get(s, c) == 0)
            return block_fail(-EIO, "qcow2: %s at 0x%llx has refcount 0: image corrupt, "
                              "writing refused (repair it with check -r all)", what,
                              (unsigned long long)(c << s->cluster_bits));
    return 0;
}

/* Before the first write: every metadata cluster must be counted as used. */
static int verify_metadata_refcounts(struct qcow2 *s)
{
    int r = counted(s, 0, s->cluster_size, "the header");
    if (r == 0)
        r = counted(s, s->l1_offset, (uint64_t)s->l1_size * 8, "the L1 table");
    if (r == 0)
        r = counted(s, s->reftable_offset, (uint64_t)s->reftable_clusters << s->cluster_bits,
                    "the refcount table");
    for (uint32_t i = 0; r == 0 && i < s->reftable_size; i++)
        if (s->reftable[i])
            r = counted(s, s->reftable[i], s->cluster_size, "a refcount block");
    for (uint32_t i = 0; r == 0 && i < s->l1_size; i++)
        if (s->l1[i] & QCOW_OFFSET_MASK)
            r = counted(s, s->l1[i] & QCOW_OFFSET_MASK, s->cluster_size, "an L2 table");
    if (r == 0 && s->nb_snapshots)
        r = counted(s, s->snapshots_offset, s->snapshots_size, "the snapshot table");
    for (uint32_t i = 0; r == 0 && i < s->nb_snapshots; i++)
        r = counted(s, s->snaps[i].l1_offset, (uint64_t)s->snaps[i].l1_size * 8,
                    "a snapshot's L1 table");
    return r;
}

/* Writable opens repair what a crash or another tool left: dirty refcounts, autoclear
 * features this driver does not maintain. */
static int repair_on_open(struct block_dev *bs, struct qcow2 *s)
{
    if (s->incompat & QCOW2_INCOMPAT_CORRUPT)
        return block_fail(-EACCES, "qcow2: the image is marked corrupt; open it read-only "
                          "or repair it with check -r all");
    int r = 0;
    if (s->incompat & QCOW2_INCOMPAT_DIRTY) {
        struct block_check res = { 0 };
        r = qcow2_check(bs, &res, BLOCK_FIX_LEAKS | BLOCK_FIX_ERRORS);
        block_check_free(&res);
        if (r == 0 && res.corruptions > res.corruptions_fixed)
            r = block_fail(-EIO, "qcow2: the dirty image could not be repaired");
        if (r == 0)
            r = qcow2_set_incompat(s, QCOW2_INCOMPAT_DIRTY, false);
    }
    if (r == 0)
        r = verify_metadata_refcounts(s);
    if (r == 0 && s->autoclear) {
        s->autoclear = 0;
        r = qcow2_write_header(s);
    }
    return r;
}

static int qcow2_open(struct block_dev *bs)
{
    struct qcow2 *s = calloc(1, sizeof(*s));
    if (!s)
        return -ENOMEM;
    s->bs = bs;
    s->fd = bs->fd;
    s->read_only = !(bs->flags & BLOCK_O_RDWR);
    s->unsafe = bs->flags & BLOCK_O_UNSAFE;
    bs->opaque = s;
    int r = load(s);
    if (r == 0) {
        bs->cluster_size = s->cluster_size;
        bs->zero_init = true;
        snprintf(bs->backing_fmt, sizeof(bs->backing_fmt), "%s", s->backing_fmt);
    }
    if (r == 0 && !s->read_only && !(bs->flags & BLOCK_O_CHECK))
        r = repair_on_open(bs, s);
    if (r < 0) {
        free_state(s);
        bs->opaque = NULL;
    }
    return r;
}

static int qcow2_flush(struct block_dev *bs)
{
    struct qcow2 *s = bs->opaque;
    int r = qcow2_refcount_sync(s);
    return r < 0 || s->unsafe ? r : hostfile_flush(s->fd);
}

static void qcow2_close(struct block_dev *bs)
{
    struct qcow2 *s = bs->opaque;
    if (!s->read_only) {
        /* Errors here have no one to go to; the dirty bit then stays set for repair. */
        if (qcow2_refcount_sync(s) == 0 && s->dirty_set && qcow2_barrier(s) == 0)
            qcow2_set_incompat(s, QCOW2_INCOMPAT_DIRTY, false);
        if (!s->unsafe)
            hostfile_flush(s->fd);
    }
    free_state(s);
}

static int qcow2_get_info(struct block_dev *bs, struct block_info *in)
{
    struct qcow2 *s = bs->opaque;
    in->dirty = (s->incompat & QCOW2_INCOMPAT_DIRTY) != 0;
    in->has_dirty = true;
    in->specific_type = "qcow2";
    int r = block_info_add_str(in, "compat", s->version == 2 ? "0.10" : "1.1");
    if (r == 0)
        r = block_info_add_str(in, "compression-type", "zlib");
    if (r == 0 && s->version >= 3)
        r = block_info_add_bool(in, "lazy-refcounts", s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS);
    if (r == 0)
        r = block_info_add_int(in, "refcount-bits", 1 << s->refcount_order);
    if (r == 0 && s->version >= 3)
        r = block_info_add_bool(in, "corrupt", s->incompat & QCOW2_INCOMPAT_CORRUPT);
    if (r == 0 && s->version >= 3)
        r = block_info_add_bool(in, "extended-l2", false);
    return r;
}

static int qcow2_set_backing(struct block_dev *bs, const char *file, const char *fmt)
{
    struct qcow2 *s = bs->opaque;
    if (strlen(file) > QCOW2_MAX_BACKING_NAME || strlen(fmt) >= sizeof(s->backing_fmt))
        return block_fail(-EINVAL, "qcow2: backing file name or format too long");
    char old_file[sizeof(bs->backing_file)], old_fmt[sizeof(s->backing_fmt)];
    memcpy(old_file, bs->backing_file, sizeof(old_file));
    memcpy(old_fmt, s->backing_fmt, sizeof(old_fmt));
    snprintf(bs->backing_file, sizeof(bs->backing_file), "%s", file);
    snprintf(s->backing_fmt, sizeof(s->backing_fmt), "%s", fmt);
    int r = qcow2_write_header(s);
    if (r < 0) {
        memcpy(bs->backing_file, old_file, sizeof(old_file));
        memcpy(s->backing_fmt, old_fmt, sizeof(old_fmt));
        return r;
    }
    snprintf(bs->backing_fmt, sizeof(bs->backing_fmt), "%s", fmt);
    return 0;
}

static int qcow2_allocated_size(struct block_dev *bs, uint64_t *bytes)
{
    return hostfile_allocated(bs->fd, bytes);
}

const struct block_driver block_driver_qcow2 = {
    .name = "qcow2",
    .create_opts = qcow2_create_opts,
    .amend_opts = qcow2_amend_opts,
    .align = 1,
    .probe = qcow2_probe,
    .open = qcow2_open,
    .close = qcow2_close,
    .create = qcow2_create,
    .read = qcow2_read,
    .write = qcow2_write,
    .write_zeroes = qcow2_write_zeroes,
    .write_compressed = qcow2_write_compressed,
    .compress = qcow2_compress,
    .write_compressed_raw = qcow2_write_compressed_raw,
    .flush = qcow2_flush,
    .block_status = qcow2_block_status,
    .truncate = qcow2_truncate,
    .get_info = qcow2_get_info,
    .allocated_size = qcow2_allocated_size,
    .check = qcow2_check,
    .snapshot_list = qcow2_snapshot_list,
    .snapshot_create = qcow2_snapshot_create,
    .snapshot_goto = qcow2_snapshot_goto,
    .snapshot_delete = qcow2_snapshot_delete,
    .amend = qcow2_amend,
    .measure = qcow2_measure,
    .make_empty = qcow2_make_empty,
    .set_backing = qcow2_set_backing,
};
