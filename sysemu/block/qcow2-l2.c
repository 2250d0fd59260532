/* qcow2 L1 and L2 tables: the L2 cache, looking up an entry, allocating or copying an L2
 * table for a write, growing the L1 table, reference walks over an L1 table, and the
 * COPIED flags. */
#include "sysemu/block/qcow2.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int qcow2_validate_offset(struct qcow2 *s, uint64_t off, const char *what)
{
    if (off & (s->cluster_size - 1))
        return block_fail(-EIO, "qcow2: %s offset 0x%llx is not cluster-aligned (image "
                          "corrupt)", what, (unsigned long long)off);
    if (off < s->cluster_size)
        return block_fail(-EIO, "qcow2: %s at offset 0x%llx overlaps the header (image "
                          "corrupt)", what, (unsigned long long)off);
    if ((off >> s->cluster_bits) >= s->nclusters ||
        qcow2_refcount_get(s, off >> s->cluster_bits) == 0) {
        uint64_t size = 0;
        hostfile_size(s->fd, &size);
        if (off + s->cluster_size > size)
            return block_fail(-EIO, "qcow2: %s at 0x%llx is beyond the end of the file "
                              "(truncated or corrupt image)", what, (unsigned long long)off);
    }
    if (off == s->l1_offset || off == s->reftable_offset)
        return block_fail(-EIO, "qcow2: %s at 0x%llx overlaps other metadata (image corrupt)",
                          what, (unsigned long long)off);
    return 0;
}

static struct qcow2_l2 *cache_find(struct qcow2 *s, uint64_t l2_offset)
{
    for (int i = 0; i < QCOW2_L2_CACHE; i++)
        if (s->l2c[i].offset == l2_offset) {
            s->l2c[i].used = ++s->l2_stamp;
            return &s->l2c[i];
        }
    return NULL;
}

static struct qcow2_l2 *cache_victim(struct qcow2 *s)
{
    struct qcow2_l2 *v = &s->l2c[0];
    for (int i = 1; i < QCOW2_L2_CACHE; i++)
        if (s->l2c[i].used < v->used)
            v = &s->l2c[i];
    return v;
}

/* Puts a table into the cache; entries are host order.  Tables are written through, so
 * evicting one costs nothing. */
static int cache_insert(struct qcow2 *s, uint64_t l2_offset, const uint8_t *raw,
                        uint64_t **entries)
{
    struct qcow2_l2 *c = cache_victim(s);
    if (!c->e && !(c->e = malloc((size_t)s->l2_size * 8)))
        return -ENOMEM;
    for (uint32_t i = 0; i < s->l2_size; i++)
        c->e[i] = raw ? be64(raw + (size_t)i * 8) : 0;
    c->offset = l2_offset;
    c->used = ++s->l2_stamp;
    *entries = c->e;
    return 0;
}

int qcow2_l2_load(struct qcow2 *s, uint64_t l2_offset, uint64_t **entries)
{
    struct qcow2_l2 *c = cache_find(s, l2_offset);
    if (c) {
        *entries = c->e;
        return 0;
    }
    int r = qcow2_validate_offset(s, l2_offset, "L2 table");
    if (r < 0)
        return r;
    uint8_t *raw = malloc(s->cluster_size);
    if (!raw)
        return -ENOMEM;
    r = hostfile_pread(s->fd, raw, s->cluster_size, l2_offset);
    if (r == -EIO)
        block_set_error("qcow2: L2 table at 0x%llx is beyond the end of the file",
                        (unsigned long long)l2_offset);
    if (r == 0)
        r = cache_insert(s, l2_offset, raw, entries);
    free(raw);
    return r;
}

int qcow2_l2_write(struct qcow2 *s, uint64_t l2_offset, uint32_t first, uint32_t n)
{
    struct qcow2_l2 *c = cache_find(s, l2_offset);
    if (!c)
        return -EIO;
    uint8_t *raw = malloc((size_t)n * 8);
    if (!raw)
        return -ENOMEM;
    for (uint32_t i = 0; i < n; i++)
        put_be64(raw + (size_t)i * 8, c->e[first + i]);
    int r = hostfile_pwrite(s->fd, raw, (size_t)n * 8, l2_offset + (uint64_t)first * 8);
    free(raw);
    return r;
}

void qcow2_l2_forget(struct qcow2 *s, uint64_t l2_offset)
{
    for (int i = 0; i < QCOW2_L2_CACHE; i++)
        if (s->l2c[i].offset == l2_offset)
            s->l2c[i].offset = 0;
}

void qcow2_l2_cache_free(struct qcow2 *s)
{
    for (int i = 0; i < QCOW2_L2_CACHE; i++) {
        free(s->l2c[i].e);
        s->l2c[i].e = NULL;
        s->l2c[i].offset = 0;
    }
}

int qcow2_l2_entry(struct qcow2 *s, uint64_t off, uint64_t *entry)
{
    uint64_t l1i = off >> (s->cluster_bits + s->l2_bits);
    uint32_t l2i = (uint32_t)(off >> s->cluster_bits) & (s->l2_size - 1);
    *entry = 0;
    if (l1i >= s->l1_size)
        return 0;
    uint64_t l2_offset = s->l1[l1i] & QCOW_OFFSET_MASK;
    if (!l2_offset)
        return 0;
    uint64_t *e;
    int r = qcow2_l2_load(s, l2_offset, &e);
    if (r == 0)
        *entry = e[l2i];
    return r;
}

int qcow2_l1_write(struct qcow2 *s, uint32_t first, uint32_t n)
{
    uint8_t *raw = malloc((size_t)n * 8);
    if (!raw)
        return -ENOMEM;
    for (uint32_t i = 0; i < n; i++)
        put_be64(raw + (size_t)i * 8, s->l1[first + i]);
    int r = hostfile_pwrite(s->fd, raw, (size_t)n * 8, s->l1_offset + (uint64_t)first * 8);
    free(raw);
    return r;
}

/* A new L2 table at a fresh cluster, a copy of old_entries (or zeros); written to disk
 * after its refcount, before any L1 entry points at it. */
static int new_l2(struct qcow2 *s, const uint64_t *old_entries, uint64_t *l2_offset,
                  uint64_t **entries)
{
    uint64_t off;
    int r = qcow2_alloc_clusters(s, 1, &off);
    if (r == 0 && !s->dirty_set)
        r = qcow2_refcount_sync(s);     /* the barrier before the L1 write covers it */
    uint8_t *raw = calloc(1, s->cluster_size);
    if (!raw)
        return -ENOMEM;
    for (uint32_t i = 0; r == 0 && old_entries && i < s->l2_size; i++)
        put_be64(raw + (size_t)i * 8, old_entries[i]);
    if (r == 0)
        r = hostfile_pwrite(s->fd, raw, s->cluster_size, off);
    if (r == 0)
        r = cache_insert(s, off, raw, entries);
    free(raw);
    *l2_offset = off;
    return r;
}

int qcow2_l2_for_write(struct qcow2 *s, uint64_t off, uint64_t **entries, uint64_t *l2_offset)
{
    uint64_t l1i = off >> (s->cluster_bits + s->l2_bits);
    if (l1i >= s->l1_size)
        return block_fail(-EIO, "qcow2: write beyond the L1 table");
    uint64_t old = s->l1[l1i] & QCOW_OFFSET_MASK;
    if (old && (s->l1[l1i] & QCOW_OFLAG_COPIED)) {
        *l2_offset = old;
        return qcow2_l2_load(s, old, entries);
    }
    uint64_t *old_entries = NULL;
    int r = old ? qcow2_l2_load(s, old, &old_entries) : 0;
    uint64_t *copy = NULL;
    if (r == 0 && old_entries) {
        /* The cache slot may be reused by new_l2: keep the entries. */
        if (!(copy = malloc((size_t)s->l2_size * 8)))
            return -ENOMEM;
        memcpy(copy, old_entries, (size_t)s->l2_size * 8);
    }
    if (r == 0)
        r = new_l2(s, copy, l2_offset, entries);
    free(copy);
    if (r == 0) {
        s->l1[l1i] = *l2_offset | QCOW_OFLAG_COPIED;
        r = qcow2_barrier(s);
    }
    if (r == 0)
        r = qcow2_l1_write(s, (uint32_t)l1i, 1);
    /* The shared table keeps its other references; this one is gone once the L1 entry
     * is durable. */
    if (r == 0 && old && (r = qcow2_barrier(s)) == 0)
        r = qcow2_refcount_add(s, old, s->cluster_size, -1);
    return r;
}

int qcow2_l1_read(struct qcow2 *s, uint64_t offset, uint32_t n, uint64_t **out)
{
    uint64_t *l1 = calloc(n ? n : 1, 8);
    uint8_t *raw = malloc(n ? (size_t)n * 8 : 1);
    int r = (!l1 || !raw) ? -ENOMEM : 0;
    if (r == 0 && n)
        r = hostfile_pread(s->fd, raw, (size_t)n * 8, offset);
    if (r == -EIO)
        block_set_error("qcow2: L1 table at 0x%llx is beyond the end of the file",
                        (unsigned long long)offset);
    for (uint32_t i = 0; r == 0 && i < n; i++) {
        l1[i] = be64(raw + (size_t)i * 8);
        if (l1[i] & QCOW_L1_RESERVED)
            r = block_fail(-EIO, "qcow2: L1 entry %u has reserved bits set (image corrupt)", i);
    }
    free(raw);
    if (r < 0) {
        free(l1);
        return r;
    }
    *out = l1;
    return 0;
}

/* The clusters one L2 entry references: none, or a normal cluster, or a compressed range. */
static int entry_refs(struct qcow2 *s, uint64_t e, int delta)
{
    if (e & QCOW_OFLAG_COMPRESSED) {
        uint64_t start, len;
        qcow2_compressed_range(s, e, &start, &len);
        return qcow2_refcount_add(s, start, len, delta);
    }
    uint64_t host = e & QCOW_OFFSET_MASK;
    return host ? qcow2_refcount_add(s, host, s->cluster_size, delta) : 0;
}

int qcow2_free_entry(struct qcow2 *s, uint64_t e)
{
    return entry_refs(s, e, -1);
}

int qcow2_l1_refs(struct qcow2 *s, const uint64_t *l1, uint32_t n, int delta)
{
    for (uint32_t i = 0; i < n; i++) {
        uint64_t l2_offset = l1[i] & QCOW_OFFSET_MASK;
        if (!l2_offset)
            continue;
        uint64_t *e;
        int r = qcow2_l2_load(s, l2_offset, &e);
        for (uint32_t j = 0; r == 0 && j < s->l2_size; j++)
            r = entry_refs(s, e[j], delta);
        if (r == 0)
            r = qcow2_refcount_add(s, l2_offset, s->cluster_size, delta);
        if (r < 0)
            return r;
    }
    return 0;
}

static uint64_t with_copied(const struct qcow2 *s, uint64_t e, uint64_t host)
{
    bool one = host && qcow2_refcount_get(s, host >> s->cluster_bits) == 1;
    return one ? e | QCOW_OFLAG_COPIED : e & ~QCOW_OFLAG_COPIED;
}

int qcow2_update_copied(struct qcow2 *s)
{
    for (uint32_t i = 0; i < s->l1_size; i++) {
        uint64_t l2_offset = s->l1[i] & QCOW_OFFSET_MASK;
        if (!l2_offset)
            continue;
        uint64_t *e;
        int r = qcow2_l2_load(s, l2_offset, &e);
        bool changed = false;
        for (uint32_t j = 0; r == 0 && j < s->l2_size; j++) {
            if (e[j] & QCOW_OFLAG_COMPRESSED)
                continue;
            uint64_t v = with_copied(s, e[j], e[j] & QCOW_OFFSET_MASK);
            changed |= v != e[j];
            e[j] = v;
        }
        if (r == 0 && changed)
            r = qcow2_l2_write(s, l2_offset, 0, s->l2_size);
        uint64_t v = with_copied(s, s->l1[i], l2_offset);
        if (r == 0 && v != s->l1[i]) {
            s->l1[i] = v;
            r = qcow2_l1_write(s, i, 1);
        }
        if (r < 0)
            return r;
    }
    return 0;
}

int qcow2_l1_grow(struct qcow2 *s, uint64_t size)
{
    uint64_t per_l2 = (uint64_t)s->l2_size << s->cluster_bits;
    uint64_t need = (size + per_l2 - 1) / per_l2;
    if (need <= s->l1_size)
        return 0;
    if (need * 8 > QCOW2_MAX_L1_BYTES)
        return block_fail(-EFBIG, "qcow2: size %llu needs an L1 table beyond the maximum",
                          (unsigned long long)size);
    uint64_t bytes = qcow2_align(s, need * 8), off;
    uint64_t *l1 = realloc(s->l1, bytes);
    if (!l1)
        return -ENOMEM;
    memset(l1 + s->l1_size, 0, bytes - (uint64_t)s->l1_size * 8);
    s->l1 = l1;
    int r = qcow2_alloc_clusters(s, bytes >> s->cluster_bits, &off);
    if (r == 0)
        r = qcow2_refcount_sync(s);
    if (r == 0)
        r = qcow2_barrier(s);
    uint64_t old = s->l1_offset, old_bytes = qcow2_align(s, (uint64_t)s->l1_size * 8);
    uint32_t old_size = s->l1_size;
    s->l1_offset = off;
    s->l1_size = (uint32_t)(bytes / 8);
    if (r == 0)
        r = qcow2_l1_write(s, 0, s->l1_size);
    if (r == 0)
        r = qcow2_barrier(s);
    if (r == 0)
        r = qcow2_write_header(s);
    if (r == 0)
        r = qcow2_barrier(s);
    if (r == 0 && old_size)
        r = qcow2_refcount_add(s, old, old_bytes, -1);
    return r;
}
