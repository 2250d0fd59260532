/* qcow2 refcounts: loading the refcount table and blocks into one in-memory array,
 * allocating and freeing clusters, and writing changed refcount blocks back (placing new
 * refcount blocks and growing the refcount table when the image outgrows them). */
#include "sysemu/block/qcow2.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rb_entries(const struct qcow2 *s)
{
    return (uint64_t)s->cluster_size * 8 >> s->refcount_order;
}

uint64_t qcow2_refcount_max(const struct qcow2 *s)
{
    return s->refcount_order == 6 ? UINT64_MAX : (1ULL << (1u << s->refcount_order)) - 1;
}

static uint64_t decode(const struct qcow2 *s, const uint8_t *blk, uint64_t i)
{
    unsigned w = 1u << s->refcount_order;
    if (w < 8)
        return (blk[i * w / 8] >> (i * w % 8)) & ((1u << w) - 1);
    uint64_t v = 0;
    for (unsigned b = 0; b < w / 8; b++)
        v = v << 8 | blk[i * (w / 8) + b];
    return v;
}

static void encode(const struct qcow2 *s, uint8_t *blk, uint64_t i, uint64_t v)
{
    unsigned w = 1u << s->refcount_order;
    if (w < 8) {
        unsigned shift = (unsigned)(i * w % 8), mask = ((1u << w) - 1) << shift;
        blk[i * w / 8] = (uint8_t)((blk[i * w / 8] & ~mask) | ((unsigned)v << shift & mask));
        return;
    }
    for (int b = (int)(w / 8) - 1; b >= 0; b--, v >>= 8)
        blk[i * (w / 8) + (unsigned)b] = (uint8_t)v;
}

static bool narrow(const struct qcow2 *s)
{
    return s->refcount_order <= 4;
}

static uint64_t rc(const struct qcow2 *s, uint64_t i)
{
    return narrow(s) ? s->refcnt16[i] : s->refcnt64[i];
}

static void rc_put(struct qcow2 *s, uint64_t i, uint64_t v)
{
    if (narrow(s))
        s->refcnt16[i] = (uint16_t)v;
    else
        s->refcnt64[i] = v;
}

/* Makes the refcount array hold at least n entries. */
static int grow_array(struct qcow2 *s, uint64_t n)
{
    if (n <= s->nclusters)
        return 0;
    uint64_t cap = s->nclusters * 2 > n ? s->nclusters * 2 : n;
    size_t w = narrow(s) ? sizeof(uint16_t) : sizeof(uint64_t);
    void *old = narrow(s) ? (void *)s->refcnt16 : (void *)s->refcnt64;
    uint8_t *a = realloc(old, cap * w);
    if (!a)
        return -ENOMEM;
    memset(a + s->nclusters * w, 0, (cap - s->nclusters) * w);
    if (narrow(s))
        s->refcnt16 = (uint16_t *)(void *)a;
    else
        s->refcnt64 = (uint64_t *)(void *)a;
    s->nclusters = cap;
    return 0;
}

static int grow_reftable(struct qcow2 *s, uint32_t entries)
{
    if (entries <= s->reftable_size)
        return 0;
    uint64_t *t = realloc(s->reftable, entries * sizeof(*t));
    struct qcow2_dirty *d = realloc(s->refblock_dirty, entries * sizeof(*d));
    if (t)
        s->reftable = t;
    if (d)
        s->refblock_dirty = d;
    if (!t || !d)
        return -ENOMEM;
    memset(t + s->reftable_size, 0, (entries - s->reftable_size) * sizeof(*t));
    for (uint32_t i = s->reftable_size; i < entries; i++)
        d[i] = (struct qcow2_dirty){ UINT32_MAX, 0 };
    s->reftable_size = entries;
    return 0;
}

static int load_block(struct qcow2 *s, uint32_t i, uint64_t file_size, uint8_t *blk)
{
    uint64_t off = s->reftable[i];
    if (off & (s->cluster_size - 1) || off & ~QCOW_OFFSET_MASK)
        return block_fail(-EINVAL, "qcow2: refcount block %u offset 0x%llx is invalid", i,
                          (unsigned long long)off);
    if (off >= file_size || s->cluster_size > file_size - off)
        return block_fail(-EINVAL, "qcow2: refcount block %u at 0x%llx is beyond the end of "
                          "the file (truncated?)", i, (unsigned long long)off);
    int r = hostfile_pread(s->fd, blk, s->cluster_size, off);
    if (r < 0)
        return r;
    uint64_t n = rb_entries(s), base = (uint64_t)i * n;
    /* Counts for clusters far beyond the end of the file would only waste memory. */
    uint64_t limit = 2 * (file_size >> s->cluster_bits) + (1u << 20);
    for (uint64_t j = 0; j < n; j++) {
        uint64_t v = decode(s, blk, j);
        if (!v)
            continue;
        if (base + j >= limit)
            return block_fail(-EINVAL, "qcow2: refcount block %u counts clusters far beyond "
                              "the end of the file", i);
        if ((r = grow_array(s, base + j + 1)) < 0)
            return r;
        rc_put(s, base + j, v);
    }
    return 0;
}

int qcow2_refcount_load(struct qcow2 *s)
{
    uint64_t file_size;
    int r = hostfile_size(s->fd, &file_size);
    if (r < 0)
        return r;
    uint32_t entries = (uint32_t)(((uint64_t)s->reftable_clusters << s->cluster_bits) / 8);
    if ((r = grow_reftable(s, entries)) < 0 ||
        (r = grow_array(s, qcow2_clusters(s, file_size) + 1)) < 0)
        return r;
    uint8_t *raw = malloc((size_t)entries * 8);
    uint8_t *blk = malloc(s->cluster_size);
    if (!raw || !blk)
        r = -ENOMEM;
    if (r == 0)
        r = hostfile_pread(s->fd, raw, (size_t)entries * 8, s->reftable_offset);
    for (uint32_t i = 0; r == 0 && i < entries; i++) {
        s->reftable[i] = be64(raw + (size_t)i * 8);
        if (s->reftable[i])
            r = load_block(s, i, file_size, blk);
    }
    free(raw);
    free(blk);
    s->free_hint = 0;
    return r;
}

void qcow2_refcount_free_all(struct qcow2 *s)
{
    free(s->refcnt16);
    free(s->refcnt64);
    free(s->reftable);
    free(s->refblock_dirty);
    s->refcnt16 = NULL;
    s->refcnt64 = s->reftable = NULL;
    s->refblock_dirty = NULL;
    s->nclusters = s->reftable_size = 0;
}

uint64_t qcow2_refcount_get(const struct qcow2 *s, uint64_t idx)
{
    return idx < s->nclusters ? rc(s, idx) : 0;
}

static bool is_dirty(const struct qcow2 *s, uint32_t rb)
{
    return s->refblock_dirty[rb].lo <= s->refblock_dirty[rb].hi;
}

static void dirty_range(struct qcow2 *s, uint32_t rb, uint32_t lo, uint32_t hi)
{
    struct qcow2_dirty *d = &s->refblock_dirty[rb];
    if (lo < d->lo)
        d->lo = lo;
    if (hi > d->hi)
        d->hi = hi;
}

static int mark_dirty(struct qcow2 *s, uint64_t idx)
{
    uint64_t rb = idx / rb_entries(s);
    if (rb >= UINT32_MAX / 2)
        return block_fail(-EFBIG, "qcow2: image too large for its refcount table");
    int r = grow_reftable(s, (uint32_t)rb + 1);
    if (r == 0) {
        uint32_t j = (uint32_t)(idx % rb_entries(s));
        dirty_range(s, (uint32_t)rb, j, j);
    }
    return r;
}

int qcow2_refcount_set(struct qcow2 *s, uint64_t idx, uint64_t value)
{
    if (value > qcow2_refcount_max(s))
        return block_fail(-ERANGE, "qcow2: refcount overflow on cluster %llu (refcount_bits "
                          "%u)", (unsigned long long)idx, 1u << s->refcount_order);
    int r = grow_array(s, idx + 1);
    if (r < 0)
        return r;
    if (rc(s, idx) == value)
        return 0;
    rc_put(s, idx, value);
    if (value == 0) {
        /* A freed cluster may come back as anything: drop what is cached about it. */
        if (idx < s->free_hint)
            s->free_hint = idx;
        qcow2_l2_forget(s, idx << s->cluster_bits);
        s->zbuf_offset = 0;
        s->free_byte = 0;
    }
    return mark_dirty(s, idx);
}

int qcow2_refcount_add(struct qcow2 *s, uint64_t offset, uint64_t len, int delta)
{
    uint64_t first = offset >> s->cluster_bits;
    uint64_t last = (offset + (len ? len : 1) - 1) >> s->cluster_bits;
    for (uint64_t i = first; i <= last; i++) {
        uint64_t v = qcow2_refcount_get(s, i);
        if (delta < 0 && v < (uint64_t)-delta)
            return block_fail(-EIO, "qcow2: refcount of cluster %llu would drop below zero "
                              "(image corrupt; try check -r all)", (unsigned long long)i);
        int r = qcow2_refcount_set(s, i, v + (uint64_t)(int64_t)delta);
        if (r < 0)
            return r;
    }
    return 0;
}

static bool run_free(const struct qcow2 *s, uint64_t start, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        if (qcow2_refcount_get(s, start + i))
            return false;
    return true;
}

int qcow2_alloc_clusters(struct qcow2 *s, uint64_t n, uint64_t *offset)
{
    uint64_t hint = s->free_hint ? s->free_hint : 1, start = hint;
    while (!run_free(s, start, n)) {
        uint64_t i = start;
        while (i < start + n && !qcow2_refcount_get(s, i))
            i++;
        start = i + 1;   /* the run [start, i] held a used cluster at i */
    }
    if (((start + n) << s->cluster_bits) >> s->cluster_bits != start + n ||
        (start + n) << s->cluster_bits > (QCOW_OFFSET_MASK | 0x1ff))
        return block_fail(-EFBIG, "qcow2: the image file would grow beyond 2^56 bytes");
    for (uint64_t i = 0; i < n; i++) {
        int r = qcow2_refcount_set(s, start + i, 1);
        if (r < 0)
            return r;
    }
    if (start == hint)
        s->free_hint = start + n;
    *offset = start << s->cluster_bits;
    return 0;
}

/* A refcount block for reftable index rb: inside the range it covers when it can be (it
 * then counts itself), elsewhere otherwise. */
static int place_refblock(struct qcow2 *s, uint64_t rb)
{
    uint64_t n = rb_entries(s), base = rb * n;
    /* A new block is written whole: everything it counts is new. */
    dirty_range(s, (uint32_t)rb, 0, (uint32_t)(n - 1));
    for (uint64_t i = base ? base : 1; i < base + n; i++) {
        if (!qcow2_refcount_get(s, i)) {
            int r = qcow2_refcount_set(s, i, 1);
            s->reftable[rb] = i << s->cluster_bits;
            return r;
        }
    }
    uint64_t off;
    int r = qcow2_alloc_clusters(s, 1, &off);
    s->reftable[rb] = off;
    return r;
}

/* Gives every dirty index a refcount block; true in *moved when the table must move. */
static int cover_dirty(struct qcow2 *s, uint32_t disk_entries, bool *moved, bool *changed)
{
    for (bool again = true; again;) {
        again = false;
        for (uint32_t rb = 0; rb < s->reftable_size; rb++) {
            if (!is_dirty(s, rb) || s->reftable[rb])
                continue;
            int r = place_refblock(s, rb);
            if (r < 0)
                return r;
            *changed = true;
            if (rb >= disk_entries)
                *moved = true;
            again = true;
        }
    }
    return 0;
}

/* Writes the sectors of a refcount block that hold its changed entries. */
static int write_refblock(struct qcow2 *s, uint32_t rb, uint8_t *blk)
{
    uint64_t n = rb_entries(s), base = (uint64_t)rb * n;
    unsigned w = 1u << s->refcount_order;
    struct qcow2_dirty d = s->refblock_dirty[rb];
    uint64_t from = (uint64_t)d.lo * w / 8 / BLOCK_SECTOR * BLOCK_SECTOR;
    uint64_t end = ((uint64_t)(d.hi + 1) * w + 7) / 8;
    uint64_t to = (end + BLOCK_SECTOR - 1) / BLOCK_SECTOR * BLOCK_SECTOR;
    if (to > s->cluster_size)
        to = s->cluster_size;
    memset(blk + from, 0, to - from);
    uint64_t first = from * 8 / w, last = to * 8 / w;
    for (uint64_t j = first; j < last && base + j < s->nclusters; j++)
        if (rc(s, base + j))
            encode(s, blk, j, rc(s, base + j));
    s->refblock_dirty[rb] = (struct qcow2_dirty){ UINT32_MAX, 0 };
    return hostfile_pwrite(s->fd, blk + from, to - from, s->reftable[rb] + from);
}

static int write_dirty_blocks(struct qcow2 *s)
{
    uint8_t *blk = malloc(s->cluster_size);
    if (!blk)
        return -ENOMEM;
    int r = 0;
    for (uint32_t rb = 0; rb < s->reftable_size && r == 0; rb++)
        if (is_dirty(s, rb) && s->reftable[rb])
            r = write_refblock(s, rb, blk);
    free(blk);
    return r;
}

static int write_reftable(struct qcow2 *s, uint64_t offset, uint32_t clusters)
{
    size_t bytes = (size_t)clusters << s->cluster_bits;
    uint8_t *buf = calloc(1, bytes);
    if (!buf)
        return -ENOMEM;
    for (uint32_t i = 0; i < s->reftable_size && (size_t)i * 8 < bytes; i++)
        put_be64(buf + (size_t)i * 8, s->reftable[i]);
    int r = hostfile_pwrite(s->fd, buf, bytes, offset);
    free(buf);
    return r;
}

/* Puts the refcount table into new, larger clusters: written, then the header points there,
 * then the old clusters are freed. */
static int move_reftable(struct qcow2 *s)
{
    uint64_t per = s->cluster_size / 8;
    uint32_t clusters = 0;
    uint64_t off = 0;
    for (;;) {
        uint64_t want = (uint64_t)s->reftable_size + s->reftable_size / 2 + 2;
        clusters = (uint32_t)((want + per - 1) / per);
        if (((uint64_t)clusters << s->cluster_bits) > QCOW2_MAX_REFTABLE_BYTES)
            return block_fail(-EFBIG, "qcow2: refcount table would exceed its maximum size");
        int r = qcow2_alloc_clusters(s, clusters, &off);
        if (r < 0)
            return r;
        bool moved = false, changed = false;
        if ((r = cover_dirty(s, (uint32_t)(clusters * per), &moved, &changed)) < 0)
            return r;
        if (s->reftable_size <= clusters * per)
            break;
        /* Covering the new table needed more entries than it has: try a bigger one. */
        if ((r = qcow2_refcount_add(s, off, (uint64_t)clusters << s->cluster_bits, -1)) < 0)
            return r;
    }
    int r = grow_reftable(s, (uint32_t)(clusters * per));
    if (r == 0)
        r = write_dirty_blocks(s);
    if (r == 0)
        r = write_reftable(s, off, clusters);
    if (r == 0)
        r = qcow2_barrier(s);
    if (r < 0)
        return r;
    uint64_t old = s->reftable_offset;
    uint32_t old_clusters = s->reftable_clusters;
    s->reftable_offset = off;
    s->reftable_clusters = clusters;
    if ((r = qcow2_write_header(s)) < 0 || (r = qcow2_barrier(s)) < 0)
        return r;
    return qcow2_refcount_add(s, old, (uint64_t)old_clusters << s->cluster_bits, -1);
}

int qcow2_refcount_sync(struct qcow2 *s)
{
    uint32_t disk_entries = (uint32_t)(((uint64_t)s->reftable_clusters << s->cluster_bits) / 8);
    bool moved = false, changed = false;
    int r = cover_dirty(s, disk_entries, &moved, &changed);
    if (r < 0)
        return r;
    if (moved) {
        if ((r = move_reftable(s)) < 0)
            return r;
        return write_dirty_blocks(s);
    }
    if ((r = write_dirty_blocks(s)) < 0)
        return r;
    if (changed) {
        /* New refcount blocks are complete on disk before the table points at them. */
        if ((r = qcow2_barrier(s)) < 0)
            return r;
        r = write_reftable(s, s->reftable_offset, s->reftable_clusters);
    }
    return r;
}

uint64_t qcow2_image_end(const struct qcow2 *s)
{
    uint64_t n = s->nclusters;
    while (n && !rc(s, n - 1))
        n--;
    return n << s->cluster_bits;
}
