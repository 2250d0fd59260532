/* qcow2 internals shared by the qcow2-*.c files (the driver itself is block_driver_qcow2).
 *
 * Model: the whole refcount table is loaded into memory as one refcount per host cluster
 * (s->refcnt16 or s->refcnt64), authoritative while the image is open; changed refcount
 * blocks are written back by qcow2_refcount_sync().  The L1 table lives in memory; L2
 * tables go through a small write-through cache.  Ordering of a write that allocates (crash
 * safety): refcounts (and a grown refcount table plus header) and the guest data, a
 * barrier, then L2 entries, then the L1 entry; refcounts that drop are written after a
 * barrier that makes the dropped reference durable.  A crash can leak clusters, never leave
 * a reference to a cluster whose refcount is zero.  Lazy refcounts defer the refcount
 * writes to flush/close behind the dirty bit instead.  Barriers are fdatasync unless the
 * image is open with BLOCK_O_UNSAFE, where the order of the writes alone protects against
 * a killed process.
 */
#ifndef SYSEMU_BLOCK_QCOW2_H
#define SYSEMU_BLOCK_QCOW2_H

#include <stdbool.h>
#include <stdint.h>

#include "sysemu/block/block.h"

#define QCOW2_MAGIC 0x514649fbu          /* "QFI\xfb" */
#define QCOW2_MIN_CLUSTER_BITS 9
#define QCOW2_MAX_CLUSTER_BITS 21
#define QCOW2_MAX_L1_BYTES (32u << 20)    /* larger L1 tables are refused as absurd */
#define QCOW2_MAX_REFTABLE_BYTES (8u << 20)
#define QCOW2_MAX_SNAPSHOTS 65536
#define QCOW2_MAX_BACKING_NAME 1023

/* Header field offsets (big-endian). */
enum {
    QH_MAGIC = 0, QH_VERSION = 4, QH_BACKING_OFFSET = 8, QH_BACKING_SIZE = 16,
    QH_CLUSTER_BITS = 20, QH_SIZE = 24, QH_CRYPT = 32, QH_L1_SIZE = 36, QH_L1_OFFSET = 40,
    QH_REFTABLE_OFFSET = 48, QH_REFTABLE_CLUSTERS = 56, QH_NB_SNAPSHOTS = 60,
    QH_SNAPSHOTS_OFFSET = 64, QH_V2_LENGTH = 72,
    QH_INCOMPAT = 72, QH_COMPAT = 80, QH_AUTOCLEAR = 88, QH_REFCOUNT_ORDER = 96,
    QH_HEADER_LENGTH = 100, QH_COMPRESSION_TYPE = 104, QH_V3_LENGTH = 112,
};

enum {
    QCOW2_INCOMPAT_DIRTY = 1 << 0,
    QCOW2_INCOMPAT_CORRUPT = 1 << 1,
    QCOW2_INCOMPAT_DATA_FILE = 1 << 2,
    QCOW2_INCOMPAT_COMPRESSION = 1 << 3,
    QCOW2_INCOMPAT_EXTL2 = 1 << 4,
    QCOW2_COMPAT_LAZY_REFCOUNTS = 1 << 0,
};

enum {
    QEXT_END = 0, QEXT_BACKING_FORMAT = 0xe2792aca, QEXT_FEATURE_TABLE = 0x6803f857,
    QEXT_BITMAPS = 0x23852875, QEXT_CRYPTO = 0x0537be77, QEXT_DATA_FILE = 0x44415441,
};

/* L1/L2 entry bits. */
#define QCOW_OFLAG_COPIED (1ULL << 63)
#define QCOW_OFLAG_COMPRESSED (1ULL << 62)
#define QCOW_OFLAG_ZERO 1ULL
#define QCOW_OFFSET_MASK 0x00fffffffffffe00ULL
#define QCOW_L1_RESERVED 0x7f000000000001ffULL
#define QCOW_L2_RESERVED 0x3f000000000001feULL

struct qcow2_snapshot {
    uint64_t l1_offset;
    uint32_t l1_size;
    struct block_snapshot info;
    uint64_t disk_size;
    uint32_t extra_size;      /* as found; new entries get 24 bytes (v3) or 16 */
};

/* A header extension this driver does not interpret, kept when the header is rewritten. */
struct qcow2_ext {
    uint32_t type, len;
    uint8_t *data;
};

/* Changed entries [lo, hi] of one refcount block; lo > hi when it is clean. */
struct qcow2_dirty {
    uint32_t lo, hi;
};

struct qcow2_l2 {
    uint64_t offset;          /* host offset of the table; 0: slot empty */
    uint64_t *e;              /* entries, host byte order */
    uint64_t used;            /* LRU stamp */
};
#define QCOW2_L2_CACHE 16

struct qcow2 {
    struct block_dev *bs;
    int fd;
    uint32_t version;
    uint32_t cluster_bits, cluster_size;
    uint32_t l2_bits, l2_size;            /* entries per L2 table */
    uint32_t refcount_order;
    uint64_t incompat, compat, autoclear;
    uint32_t header_length;
    bool read_only, unsafe;

    uint64_t *l1;
    uint32_t l1_size;
    uint64_t l1_offset;

    uint64_t reftable_offset;
    uint32_t reftable_clusters;
    uint64_t *reftable;                   /* entries: host offsets of refcount blocks */
    uint32_t reftable_size;               /* entries */
    /* One refcount per host cluster, 16 bits wide while refcount_order <= 4 (the common
     * case: a quarter of the memory), 64 bits otherwise. */
    uint16_t *refcnt16;
    uint64_t *refcnt64;
    uint64_t nclusters;                   /* length of the array in use */
    struct qcow2_dirty *refblock_dirty;   /* per reftable entry */
    uint64_t free_hint;                   /* no free cluster below this index */

    struct qcow2_l2 l2c[QCOW2_L2_CACHE];
    uint64_t l2_stamp;

    struct qcow2_snapshot *snaps;
    uint32_t nb_snapshots;
    uint64_t snapshots_offset;
    uint64_t snapshots_size;              /* bytes of the table on disk */

    char backing_fmt[32];
    struct qcow2_ext *exts;
    int nexts;

    uint64_t free_byte;                   /* compressed-data packing point, 0 = none */
    uint64_t zbuf_offset;                 /* host offset of the cluster in zbuf, 0 = none */
    uint8_t *zbuf;                        /* last decompressed cluster */
    bool dirty_set;                       /* we set the dirty bit for lazy refcounts */
};

static inline uint64_t be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}
static inline uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}
static inline void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}
static inline void put_be16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v; }

static inline uint64_t qcow2_align(const struct qcow2 *s, uint64_t n)
{
    return (n + s->cluster_size - 1) & ~(uint64_t)(s->cluster_size - 1);
}
static inline uint64_t qcow2_clusters(const struct qcow2 *s, uint64_t bytes)
{
    return qcow2_align(s, bytes) >> s->cluster_bits;
}

/* qcow2-header.c */
int qcow2_parse_header(struct qcow2 *s, uint64_t file_size);
int qcow2_build_header(struct qcow2 *s, uint8_t *cluster);
int qcow2_write_header(struct qcow2 *s);
int qcow2_set_incompat(struct qcow2 *s, uint64_t bits, bool on);
int qcow2_barrier(struct qcow2 *s);     /* fdatasync between ordered writes (not if unsafe) */

/* qcow2-refcount.c */
int qcow2_refcount_load(struct qcow2 *s);
void qcow2_refcount_free_all(struct qcow2 *s);
/* Marks n consecutive free host clusters used (refcount 1) and returns the first offset. */
int qcow2_alloc_clusters(struct qcow2 *s, uint64_t n, uint64_t *offset);
/* Adds delta to the refcount of every cluster touched by [offset, offset+len). */
int qcow2_refcount_add(struct qcow2 *s, uint64_t offset, uint64_t len, int delta);
uint64_t qcow2_refcount_get(const struct qcow2 *s, uint64_t cluster_index);
int qcow2_refcount_set(struct qcow2 *s, uint64_t cluster_index, uint64_t value);
/* Writes changed refcount blocks (growing the refcount table and header if needed). */
int qcow2_refcount_sync(struct qcow2 *s);
uint64_t qcow2_refcount_max(const struct qcow2 *s);
/* The end of the last used cluster. */
uint64_t qcow2_image_end(const struct qcow2 *s);

/* qcow2-l2.c */
int qcow2_l2_load(struct qcow2 *s, uint64_t l2_offset, uint64_t **entries);
/* Writes entries [first, first+n) of a cached table to disk. */
int qcow2_l2_write(struct qcow2 *s, uint64_t l2_offset, uint32_t first, uint32_t n);
void qcow2_l2_forget(struct qcow2 *s, uint64_t l2_offset);
void qcow2_l2_cache_free(struct qcow2 *s);
/* The L2 entry of guest offset off (0 when its L2 table is unallocated). */
int qcow2_l2_entry(struct qcow2 *s, uint64_t off, uint64_t *entry);
/* The L2 table for guest offset off, allocated or copied (from a shared one) if needed;
 * the L1 entry is written once the table is. */
int qcow2_l2_for_write(struct qcow2 *s, uint64_t off, uint64_t **entries, uint64_t *l2_offset);
int qcow2_l1_write(struct qcow2 *s, uint32_t first, uint32_t n);
int qcow2_validate_offset(struct qcow2 *s, uint64_t off, const char *what);
/* Reads an L1 table of n entries at offset (snapshots), validating it. */
int qcow2_l1_read(struct qcow2 *s, uint64_t offset, uint32_t n, uint64_t **out);
/* Grows the active L1 table to cover `size` bytes (header rewritten). */
int qcow2_l1_grow(struct qcow2 *s, uint64_t size);
/* Recomputes the COPIED flags of the active L1/L2 tables from the refcounts. */
int qcow2_update_copied(struct qcow2 *s);
/* Adds delta to the refcounts of everything an L1 table reaches (its L2 tables and their
 * clusters). */
int qcow2_l1_refs(struct qcow2 *s, const uint64_t *l1, uint32_t n, int delta);

/* qcow2-cluster.c: the guest I/O paths. */
int qcow2_read(struct block_dev *bs, uint64_t off, void *buf, size_t len);
int qcow2_write(struct block_dev *bs, uint64_t off, const void *buf, size_t len);
int qcow2_write_zeroes(struct block_dev *bs, uint64_t off, uint64_t len, bool may_unmap);
int qcow2_block_status(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                       uint64_t *host, const char **file);
int qcow2_truncate(struct block_dev *bs, uint64_t size, const char *prealloc);
int qcow2_make_empty(struct block_dev *bs);
/* Allocates every cluster of [from, to) that has none ("metadata", "falloc" or "full"). */
int qcow2_preallocate(struct block_dev *bs, uint64_t from, uint64_t to, const char *mode);
/* Drops the reference an L2 entry holds (decrements its cluster(s)). */
int qcow2_free_entry(struct qcow2 *s, uint64_t entry);

/* qcow2-compress.c */
int qcow2_read_compressed(struct qcow2 *s, uint64_t entry, uint8_t *cluster);
int qcow2_write_compressed(struct block_dev *bs, uint64_t off, const void *buf, size_t len);
size_t qcow2_compress(const struct block_dev *bs, const void *in, size_t len, void *out,
                      size_t cap);
int qcow2_write_compressed_raw(struct block_dev *bs, uint64_t off, const void *z, size_t zlen);
/* The host range [*start, *start+*len) a compressed entry covers. */
void qcow2_compressed_range(const struct qcow2 *s, uint64_t entry, uint64_t *start,
                            uint64_t *len);

/* qcow2-snapshot.c (the table is rewritten whole: new clusters, then the header) */
int qcow2_snapshots_write(struct qcow2 *s);
int qcow2_snapshots_load(struct qcow2 *s);
void qcow2_snapshots_free(struct qcow2 *s);
int qcow2_snapshot_list(struct block_dev *bs, struct block_snapshot **list);
int qcow2_snapshot_create(struct block_dev *bs, const struct block_snapshot *sn);
int qcow2_snapshot_goto(struct block_dev *bs, const char *id_or_name);
int qcow2_snapshot_delete(struct block_dev *bs, const char *id_or_name);

/* qcow2-check.c */
int qcow2_check(struct block_dev *bs, struct block_check *res, int fix);

/* qcow2-create.c: create, measure, amend. */
int qcow2_create(const char *filename, uint64_t size, const struct block_opts *opts);
int qcow2_measure(uint64_t size, const struct block_opts *opts, struct block_dev *in,
                  struct block_measure *out);
int qcow2_amend(struct block_dev *bs, const struct block_opts *opts);
extern const struct block_opt_desc qcow2_create_opts[];
extern const struct block_opt_desc qcow2_amend_opts[];

#endif
