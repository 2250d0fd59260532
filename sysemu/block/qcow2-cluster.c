/* qcow2 guest I/O: reads (coalescing contiguous clusters, falling to the backing file),
 * writes that allocate in the crash-safe order of qcow2.h, zero writes, allocation status,
 * resizing and emptying the active layer. */
#include "sysemu/block/qcow2.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* One L2 table's share of a request. */
struct seg {
    uint64_t off;           /* guest offset */
    size_t len;
    uint32_t idx;           /* first L2 index */
    uint32_t n;             /* clusters touched */
};

static void seg_of(const struct qcow2 *s, uint64_t off, uint64_t len, struct seg *g)
{
    uint64_t l2_span = (uint64_t)s->l2_size << s->cluster_bits;
    uint64_t end = (off / l2_span + 1) * l2_span;
    g->off = off;
    g->len = (size_t)(end - off < len ? end - off : len);
    g->idx = (uint32_t)(off >> s->cluster_bits) & (s->l2_size - 1);
    g->n = (uint32_t)(((off + g->len - 1) >> s->cluster_bits) - (off >> s->cluster_bits) + 1);
}

/* The L2 entries for a segment, or NULL when its table is unallocated. */
static int seg_entries(struct qcow2 *s, const struct seg *g, uint64_t **e)
{
    uint64_t l1i = g->off >> (s->cluster_bits + s->l2_bits);
    uint64_t l2_offset = l1i < s->l1_size ? s->l1[l1i] & QCOW_OFFSET_MASK : 0;
    *e = NULL;
    return l2_offset ? qcow2_l2_load(s, l2_offset, e) : 0;
}

enum kind { K_UNALLOC, K_ZERO, K_DATA, K_COMPRESSED };

static int classify(struct qcow2 *s, uint64_t e, enum kind *k)
{
    if (e & QCOW_OFLAG_COMPRESSED) {
        *k = K_COMPRESSED;
        return 0;
    }
    if (e & QCOW_L2_RESERVED)
        return block_fail(-EIO, "qcow2: L2 entry 0x%llx has reserved bits set (image corrupt)",
                          (unsigned long long)e);
    if (s->version >= 3 && (e & QCOW_OFLAG_ZERO))
        *k = K_ZERO;
    else if (e & QCOW_OFFSET_MASK)
        *k = K_DATA;
    else
        *k = K_UNALLOC;
    if (*k == K_DATA && (e & QCOW_OFFSET_MASK) < s->cluster_size)
        return block_fail(-EIO, "qcow2: data cluster at offset 0 overlaps the header (image "
                          "corrupt)");
    return 0;
}

static int read_data(struct qcow2 *s, uint64_t host, void *buf, size_t len)
{
    int r = hostfile_pread(s->fd, buf, len, host);
    if (r == -EIO)
        return block_fail(-EIO, "qcow2: data at 0x%llx is beyond the end of the file "
                          "(truncated image?)", (unsigned long long)host);
    return r;
}

/* Reads clusters [i, i+count) of a segment that share kind k (contiguous on the host for
 * data) into buf. */
static int read_run(struct qcow2 *s, const struct seg *g, const uint64_t *e, uint32_t i,
                    enum kind k, uint64_t off, uint8_t *buf, size_t len)
{
    uint32_t in = (uint32_t)(off & (s->cluster_size - 1));
    switch (k) {
    case K_ZERO:
        memset(buf, 0, len);
        return 0;
    case K_UNALLOC:
        return block_read_backing(s->bs, off, buf, len);
    case K_DATA:
        return read_data(s, (e[g->idx + i] & QCOW_OFFSET_MASK) + in, buf, len);
    case K_COMPRESSED: {
        int r = qcow2_read_compressed(s, e[g->idx + i], s->zbuf);
        if (r == 0)
            memcpy(buf, s->zbuf + in, len);
        return r;
    }
    }
    return -EINVAL;
}

/* Clusters from i on that can be read as one run with cluster i. */
static uint32_t run_length(struct qcow2 *s, const struct seg *g, const uint64_t *e, uint32_t i,
                           enum kind k)
{
    if (k == K_COMPRESSED || (k == K_ZERO && e && (e[g->idx + i] & QCOW_OFFSET_MASK)))
        return 1;   /* zero clusters that keep their allocation are reported one by one */
    uint32_t j = i + 1;
    for (; j < g->n; j++) {
        enum kind kj = K_UNALLOC;
        uint64_t ej = e ? e[g->idx + j] : 0;
        if (classify(s, ej, &kj) < 0 || kj != k)
            break;
        if (k == K_DATA && (ej & QCOW_OFFSET_MASK) !=
            (e[g->idx + i] & QCOW_OFFSET_MASK) + ((uint64_t)(j - i) << s->cluster_bits))
            break;
    }
    return j - i;
}

static int read_seg(struct qcow2 *s, const struct seg *g, uint8_t *buf)
{
    uint64_t *e;
    int r = seg_entries(s, g, &e);
    uint64_t off = g->off, end = g->off + g->len;
    for (uint32_t i = 0; r == 0 && i < g->n;) {
        enum kind k = K_UNALLOC;
        if (e && (r = classify(s, e[g->idx + i], &k)) < 0)
            break;
        uint32_t n = run_length(s, g, e, i, k);
        uint64_t run_end = ((off >> s->cluster_bits) + n) << s->cluster_bits;
        size_t len = (size_t)((run_end < end ? run_end : end) - off);
        r = read_run(s, g, e, i, k, off, buf + (off - g->off), len);
        /* Reading a backing file or decompressing may have evicted this table. */
        if (r == 0 && k != K_DATA && k != K_ZERO)
            r = seg_entries(s, g, &e);
        off += len;
        i += n;
    }
    return r;
}

int qcow2_read(struct block_dev *bs, uint64_t off, void *buf, size_t len)
{
    struct qcow2 *s = bs->opaque;
    while (len) {
        struct seg g;
        seg_of(s, off, len, &g);
        int r = read_seg(s, &g, buf);
        if (r < 0)
            return r;
        buf = (uint8_t *)buf + g.len;
        off += g.len;
        len -= g.len;
    }
    return 0;
}

/* ---- writes ---- */

static bool in_place(const struct qcow2 *s, uint64_t e)
{
    return !(e & (QCOW_OFLAG_COMPRESSED | QCOW_OFLAG_ZERO)) && (e & QCOW_OFLAG_COPIED) &&
           (e & QCOW_OFFSET_MASK);
}

/* Writes one cluster's part of the request into a new cluster at host, filling the rest
 * of the cluster from what it held before. */
static int write_partial_new(struct qcow2 *s, uint64_t coff, uint64_t host, uint32_t in,
                             const uint8_t *data, size_t len)
{
    uint64_t csize = s->cluster_size;
    if (coff + csize > s->bs->size)
        csize = s->bs->size - coff;
    uint8_t *tmp = malloc(s->cluster_size);
    if (!tmp)
        return -ENOMEM;
    memset(tmp, 0, s->cluster_size);
    int r = qcow2_read(s->bs, coff, tmp, (size_t)csize);
    if (r == 0) {
        memcpy(tmp + in, data, len);
        r = hostfile_pwrite(s->fd, tmp, s->cluster_size, host);
    }
    free(tmp);
    return r;
}

static bool within(uint64_t x, uint64_t start, uint64_t len)
{
    return x >= start && x - start < len;
}

/* True when host cluster `host` holds metadata this image knows of. */
static bool is_metadata(const struct qcow2 *s, uint64_t host)
{
    if (within(host, s->l1_offset, qcow2_align(s, (uint64_t)s->l1_size * 8)) ||
        within(host, s->reftable_offset, (uint64_t)s->reftable_clusters << s->cluster_bits) ||
        (s->nb_snapshots && within(host, s->snapshots_offset, qcow2_align(s, s->snapshots_size))))
        return true;
    for (uint32_t i = 0; i < s->reftable_size; i++)
        if (s->reftable[i] == host)
            return true;
    for (uint32_t i = 0; i < s->l1_size; i++)
        if ((s->l1[i] & QCOW_OFFSET_MASK) == host)
            return true;
    return false;
}

/* An existing cluster written in place must be a live data cluster: a crafted L2 entry
 * must not turn a guest write into a metadata overwrite or a write past the file. */
static int check_in_place(const struct qcow2 *s, uint64_t host)
{
    if (qcow2_refcount_get(s, host >> s->cluster_bits) == 0)
        return block_fail(-EIO, "qcow2: L2 entry points at cluster 0x%llx whose refcount is 0 "
                          "(image corrupt; try check -r all)", (unsigned long long)host);
    if (is_metadata(s, host))
        return block_fail(-EIO, "qcow2: L2 entry points at metadata (0x%llx): image corrupt",
                          (unsigned long long)host);
    return 0;
}

/* Host offsets for every cluster of the segment: in place, or new ones allocated as one run. */
static int plan_hosts(struct qcow2 *s, const struct seg *g, const uint64_t *e, uint64_t *host,
                      bool *fresh, uint32_t *nfresh)
{
    *nfresh = 0;
    for (uint32_t i = 0; i < g->n; i++) {
        fresh[i] = !in_place(s, e[g->idx + i]);
        *nfresh += fresh[i];
    }
    for (uint32_t i = 0; i < g->n; i++) {
        enum kind k;
        int r = classify(s, e[g->idx + i], &k);    /* no writes through a damaged entry */
        if (r == 0 && !fresh[i])
            r = check_in_place(s, e[g->idx + i] & QCOW_OFFSET_MASK);
        if (r < 0)
            return r;
    }
    uint64_t base = 0;
    if (*nfresh) {
        int r = qcow2_alloc_clusters(s, *nfresh, &base);
        if (r < 0)
            return r;
    }
    for (uint32_t i = 0, j = 0; i < g->n; i++) {
        host[i] = fresh[i] ? base + ((uint64_t)j++ << s->cluster_bits)
                           : e[g->idx + i] & QCOW_OFFSET_MASK;
    }
    return 0;
}

/* Bytes of the request in the cluster holding off. */
static size_t part_len(const struct qcow2 *s, uint64_t off, uint64_t end)
{
    uint64_t cend = ((off >> s->cluster_bits) + 1) << s->cluster_bits;
    return (size_t)((cend < end ? cend : end) - off);
}

static bool is_whole(const struct qcow2 *s, uint64_t off, size_t len)
{
    return (off & (s->cluster_size - 1)) == 0 &&
           (len == s->cluster_size || off + len == s->bs->size);
}

/* Writes the guest data, one pwrite per run of clusters contiguous on the host. */
static int write_data(struct qcow2 *s, const struct seg *g, const uint64_t *host,
                      const bool *fresh, const uint8_t *buf)
{
    uint64_t off = g->off, end = g->off + g->len;
    for (uint32_t i = 0; i < g->n;) {
        uint32_t in = (uint32_t)(off & (s->cluster_size - 1));
        size_t len = part_len(s, off, end);
        int r;
        if (fresh[i] && !is_whole(s, off, len)) {
            r = write_partial_new(s, off - in, host[i], in, buf + (off - g->off), len);
            off += len;
            i++;
        } else {
            uint64_t p = off + len;
            uint32_t j = i + 1;
            while (j < g->n && host[j] == host[j - 1] + s->cluster_size &&
                   (!fresh[j] || is_whole(s, p, part_len(s, p, end)))) {
                p += part_len(s, p, end);
                j++;
            }
            r = hostfile_pwrite(s->fd, buf + (off - g->off), (size_t)(p - off), host[i] + in);
            off = p;
            i = j;
        }
        if (r < 0)
            return r;
    }
    return 0;
}

static int write_seg(struct qcow2 *s, const struct seg *g, const uint8_t *buf)
{
    uint64_t *e, l2_offset;
    int r = qcow2_l2_for_write(s, g->off, &e, &l2_offset);
    if (r < 0)
        return r;
    uint64_t *host = malloc(sizeof(*host) * g->n), *old = malloc(sizeof(*old) * g->n);
    bool *fresh = malloc(sizeof(*fresh) * g->n);
    uint32_t nfresh = 0;
    if (!host || !old || !fresh)
        r = -ENOMEM;
    if (r == 0) {
        memcpy(old, e + g->idx, sizeof(*old) * g->n);
        r = plan_hosts(s, g, e, host, fresh, &nfresh);
    }
    if (r == 0 && nfresh && !s->dirty_set)
        r = qcow2_refcount_sync(s);
    if (r == 0)
        r = write_data(s, g, host, fresh, buf);
    if (r == 0 && nfresh) {
        /* Refcounts and data are in place (one barrier for both); now the L2 table may
         * point at them. */
        if ((r = qcow2_barrier(s)) == 0 && (r = qcow2_l2_load(s, l2_offset, &e)) == 0) {
            for (uint32_t i = 0; i < g->n; i++)
                if (fresh[i])
                    e[g->idx + i] = host[i] | QCOW_OFLAG_COPIED;
            r = qcow2_l2_write(s, l2_offset, g->idx, g->n);
        }
        bool frees = false;
        for (uint32_t i = 0; i < g->n; i++)
            frees |= fresh[i] && old[i];
        if (r == 0 && frees)
            r = qcow2_barrier(s);   /* the old clusters are unreferenced before they are freed */
        for (uint32_t i = 0; r == 0 && frees && i < g->n; i++)
            if (fresh[i])
                r = qcow2_free_entry(s, old[i]);
    }
    free(host);
    free(old);
    free(fresh);
    return r;
}

static int mark_dirty_for_lazy(struct qcow2 *s)
{
    if (s->dirty_set || !(s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS))
        return 0;
    int r = qcow2_set_incompat(s, QCOW2_INCOMPAT_DIRTY, true);
    if (r == 0)
        s->dirty_set = true;
    return r;
}

int qcow2_write(struct block_dev *bs, uint64_t off, const void *buf, size_t len)
{
    struct qcow2 *s = bs->opaque;
    int r = mark_dirty_for_lazy(s);
    while (r == 0 && len) {
        struct seg g;
        seg_of(s, off, len, &g);
        r = write_seg(s, &g, buf);
        buf = (const uint8_t *)buf + g.len;
        off += g.len;
        len -= g.len;
    }
    return r;
}

/* ---- zero writes ---- */

static int zero_partial(struct block_dev *bs, uint64_t off, uint64_t len)
{
    void *z = calloc(1, (size_t)len);
    if (!z)
        return -ENOMEM;
    int r = qcow2_write(bs, off, z, (size_t)len);
    free(z);
    return r;
}

/* Whole clusters [off, off+len) of one L2 table: zero flags (v3) or unallocated (v2 with no
 * backing file); the old clusters are freed once the table says so. */
static int zero_seg(struct qcow2 *s, const struct seg *g)
{
    uint64_t *e, l2_offset;
    int r = qcow2_l2_for_write(s, g->off, &e, &l2_offset);
    uint64_t *old = malloc(sizeof(*old) * g->n);
    if (!old)
        return -ENOMEM;
    uint64_t zero = s->version >= 3 ? QCOW_OFLAG_ZERO : 0;
    if (r == 0) {
        memcpy(old, e + g->idx, sizeof(*old) * g->n);
        for (uint32_t i = 0; i < g->n; i++)
            e[g->idx + i] = zero;
        r = qcow2_l2_write(s, l2_offset, g->idx, g->n);
    }
    if (r == 0)
        r = qcow2_barrier(s);
    for (uint32_t i = 0; r == 0 && i < g->n; i++)
        r = qcow2_free_entry(s, old[i]);
    free(old);
    return r;
}

int qcow2_write_zeroes(struct block_dev *bs, uint64_t off, uint64_t len, bool may_unmap)
{
    struct qcow2 *s = bs->opaque;
    if (s->version < 3 && bs->backing_file[0])
        return -ENOTSUP;    /* v2 has no zero flag: zeros must be written */
    uint64_t cs = s->cluster_size;
    uint64_t head_end = (off + cs - 1) / cs * cs, tail = (off + len) / cs * cs;
    if (off + len == bs->size)
        tail = off + len;   /* the last, partial cluster of the disk counts as whole */
    if (head_end >= tail)
        return zero_partial(bs, off, len);
    int r = head_end > off ? zero_partial(bs, off, head_end - off) : 0;
    if (r == 0)
        r = mark_dirty_for_lazy(s);
    for (uint64_t p = head_end; r == 0 && p < tail;) {
        struct seg g;
        seg_of(s, p, tail - p, &g);
        r = zero_seg(s, &g);
        p += g.len;
    }
    if (r == 0 && off + len > tail)
        r = zero_partial(bs, tail, off + len - tail);
    return r;
}

/* ---- status ---- */

int qcow2_block_status(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                       uint64_t *host, const char **file)
{
    struct qcow2 *s = bs->opaque;
    struct seg g;
    seg_of(s, off, len, &g);
    uint64_t *e;
    int r = seg_entries(s, &g, &e);
    enum kind k = K_UNALLOC;
    if (r == 0 && e)
        r = classify(s, e[g.idx], &k);
    if (r < 0)
        return r;
    uint32_t n = run_length(s, &g, e, 0, k);
    uint64_t in = off & (s->cluster_size - 1);
    uint64_t bytes = ((uint64_t)n << s->cluster_bits) - in;
    *pnum = bytes < len ? bytes : len;
    switch (k) {
    case K_UNALLOC:
        return 0;
    case K_ZERO:
        if (!(e[g.idx] & QCOW_OFFSET_MASK))
            return BLOCK_STATUS_ZERO | BLOCK_STATUS_ALLOCATED;
        if (host)
            *host = (e[g.idx] & QCOW_OFFSET_MASK) + in;
        if (file)
            *file = bs->filename;
        return BLOCK_STATUS_ZERO | BLOCK_STATUS_ALLOCATED | BLOCK_STATUS_OFFSET_VALID;
    case K_COMPRESSED:
        return BLOCK_STATUS_DATA | BLOCK_STATUS_ALLOCATED | BLOCK_STATUS_COMPRESSED;
    case K_DATA:
        if (host)
            *host = (e[g.idx] & QCOW_OFFSET_MASK) + in;
        if (file)
            *file = bs->filename;
        return BLOCK_STATUS_DATA | BLOCK_STATUS_ALLOCATED | BLOCK_STATUS_OFFSET_VALID;
    }
    return -EINVAL;
}

/* ---- preallocation ---- */

/* Gives the unallocated clusters of one L2 table's segment fresh host clusters whose
 * content is made to read as zeros first: a hole in the grown file ("metadata"), reserved
 * blocks ("falloc") or written zeros ("full"). */
static int prealloc_seg(struct qcow2 *s, const struct seg *g, const char *mode)
{
    uint64_t *e, l2_offset, base = 0, file_size;
    int r = qcow2_l2_for_write(s, g->off, &e, &l2_offset);
    uint32_t n = 0;
    for (uint32_t i = 0; r == 0 && i < g->n; i++)
        n += (e[g->idx + i] & QCOW_OFFSET_MASK) == 0 && !(e[g->idx + i] & QCOW_OFLAG_COMPRESSED);
    if (r < 0 || n == 0)
        return r;
    uint64_t bytes = (uint64_t)n << s->cluster_bits;
    if ((r = qcow2_alloc_clusters(s, n, &base)) == 0 && (r = qcow2_refcount_sync(s)) == 0 &&
        (r = hostfile_size(s->fd, &file_size)) == 0 && file_size < base + bytes)
        r = hostfile_truncate(s->fd, base + bytes);
    if (r == 0 && !strcmp(mode, "falloc"))
        r = hostfile_allocate(s->fd, base, bytes);
    for (uint64_t p = 0; r == 0 && !strcmp(mode, "full") && p < bytes; p += s->cluster_size) {
        static const uint8_t zeros[1 << 16];
        for (uint64_t q = 0; r == 0 && q < s->cluster_size; q += sizeof(zeros))
            r = hostfile_pwrite(s->fd, zeros, sizeof(zeros) < s->cluster_size ? sizeof(zeros)
                                : s->cluster_size, base + p + q);
    }
    if (r == 0)
        r = qcow2_barrier(s);
    if (r == 0 && (r = qcow2_l2_load(s, l2_offset, &e)) == 0) {
        for (uint32_t i = 0, j = 0; i < g->n; i++) {
            uint64_t *x = &e[g->idx + i];
            if ((*x & QCOW_OFFSET_MASK) == 0 && !(*x & QCOW_OFLAG_COMPRESSED))
                *x = (base + ((uint64_t)j++ << s->cluster_bits)) | QCOW_OFLAG_COPIED;
        }
        r = qcow2_l2_write(s, l2_offset, g->idx, g->n);
    }
    return r;
}

int qcow2_preallocate(struct block_dev *bs, uint64_t from, uint64_t to, const char *mode)
{
    struct qcow2 *s = bs->opaque;
    if (strcmp(mode, "metadata") && strcmp(mode, "falloc") && strcmp(mode, "full"))
        return block_fail(-EINVAL, "qcow2: invalid preallocation mode '%s' (off, metadata, "
                          "falloc, full)", mode);
    if (bs->backing_file[0])
        return block_fail(-EINVAL, "qcow2: preallocation and a backing file cannot be used "
                          "together");
    int r = 0;
    from = from / s->cluster_size * s->cluster_size;
    while (r == 0 && from < to) {
        struct seg g;
        seg_of(s, from, to - from, &g);
        r = prealloc_seg(s, &g, mode);
        from += g.len;
    }
    return r;
}

/* ---- resize, empty ---- */

/* Drops every cluster from guest offset `from` (cluster-aligned) to the end of the L1. */
static int discard_tail(struct qcow2 *s, uint64_t from)
{
    uint64_t span = (uint64_t)s->l2_size << s->cluster_bits;
    for (uint64_t l1i = from / span; l1i < s->l1_size; l1i++) {
        uint64_t l2_offset = s->l1[l1i] & QCOW_OFFSET_MASK;
        if (!l2_offset)
            continue;
        uint64_t start = l1i * span > from ? l1i * span : from;
        struct seg g;
        seg_of(s, start, (l1i + 1) * span - start, &g);
        uint64_t *e, *old = malloc(sizeof(*old) * g.n);
        int r = old ? qcow2_l2_load(s, l2_offset, &e) : -ENOMEM;
        if (r == 0) {
            memcpy(old, e + g.idx, sizeof(*old) * g.n);
            memset(e + g.idx, 0, sizeof(*old) * g.n);
            r = qcow2_l2_write(s, l2_offset, g.idx, g.n);
        }
        if (r == 0)
            r = qcow2_barrier(s);
        for (uint32_t i = 0; r == 0 && i < g.n; i++)
            r = qcow2_free_entry(s, old[i]);
        free(old);
        if (r < 0)
            return r;
    }
    return 0;
}

static int shrink(struct qcow2 *s, uint64_t size)
{
    struct block_dev *bs = s->bs;
    if (s->nb_snapshots)
        return block_fail(-ENOTSUP, "qcow2: cannot shrink an image that has internal "
                          "snapshots");
    bs->size = size;
    int r = qcow2_write_header(s);
    if (r == 0)
        r = qcow2_barrier(s);
    if (r == 0)
        r = discard_tail(s, qcow2_align(s, size));
    if (r == 0)
        r = qcow2_refcount_sync(s);
    if (r == 0)
        r = qcow2_barrier(s);
    uint64_t file_size, end = qcow2_image_end(s);
    if (r == 0 && (r = hostfile_size(s->fd, &file_size)) == 0 && end < file_size)
        r = hostfile_truncate(s->fd, end);
    return r;
}

int qcow2_truncate(struct block_dev *bs, uint64_t size, const char *prealloc)
{
    struct qcow2 *s = bs->opaque;
    if (strcmp(prealloc, "off") && size < bs->size)
        return block_fail(-EINVAL, "qcow2: preallocation applies to growing only");
    if (size % BLOCK_SECTOR)
        return block_fail(-EINVAL, "qcow2: the size must be a multiple of 512 bytes");
    if (size < bs->size)
        return shrink(s, size);
    uint64_t old = bs->size;
    int r = qcow2_l1_grow(s, size);
    if (r < 0)
        return r;
    bs->size = size;
    /* Bytes of the old last cluster past the old end may hold stale data: zero them. */
    uint64_t tail_end = qcow2_align(s, old) < size ? qcow2_align(s, old) : size;
    if (tail_end > old)
        r = zero_partial(bs, old, tail_end - old);
    if (r == 0)
        r = qcow2_write_header(s);
    if (r == 0 && strcmp(prealloc, "off"))
        r = qcow2_preallocate(bs, old, size, prealloc);
    return r;
}

int qcow2_make_empty(struct block_dev *bs)
{
    struct qcow2 *s = bs->opaque;
    if (s->nb_snapshots)
        return block_fail(-ENOTSUP, "qcow2: cannot empty an image that has internal "
                          "snapshots");
    uint64_t *old = malloc((size_t)s->l1_size * 8 + 8);
    if (!old)
        return -ENOMEM;
    memcpy(old, s->l1, (size_t)s->l1_size * 8);
    memset(s->l1, 0, (size_t)s->l1_size * 8);
    int r = qcow2_l1_write(s, 0, s->l1_size);
    if (r == 0)
        r = qcow2_barrier(s);
    if (r == 0)
        r = qcow2_l1_refs(s, old, s->l1_size, -1);
    free(old);
    if (r == 0)
        r = qcow2_refcount_sync(s);
    return r;
}
