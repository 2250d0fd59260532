/* The block layer: disk image formats (raw, qcow2, vmdk, vdi) behind one interface, used by
 * crossrun-img and by system mode's disks.
 *
 * Contract.  A format is a `struct block_driver` (a table of function pointers) listed in
 * drivers.c.  The generic layer (block.c) opens the image file, probes or picks the driver,
 * calls its open, then opens the backing chain (relative names resolve against the overlay's
 * directory; a loop or a chain deeper than BLOCK_MAX_CHAIN is refused with -ELOOP).
 * Every function returns 0 (or a count) on success and a negative errno on failure; a
 * failing function may leave a one-line reason for main to print in block_error().
 * Images open read-only unless BLOCK_O_RDWR is asked for, and drivers validate every header
 * field and table before their first write, so bad input never gets modified.
 * Offsets and lengths are bytes of the guest-visible (virtual) disk unless named "host".
 * The generic layer checks bounds and pads requests to drv->align, so a driver sees only
 * in-range requests whose offset and length are multiples of its alignment (the last one may
 * end at an unaligned virtual size). */
#ifndef SYSEMU_BLOCK_BLOCK_H
#define SYSEMU_BLOCK_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BLOCK_SECTOR 512
#define BLOCK_MAX_CHAIN 64           /* backing files deeper than this are taken as a loop */
#define BLOCK_MAX_SIZE (1ULL << 60)  /* larger virtual sizes are refused as absurd */

struct block_dev;

/* ---- options: "-o key=value,key=value" (",," stands for a literal comma) ---- */
struct block_opt {
    char *key;
    char *value;
};
struct block_opts {
    struct block_opt *v;
    int n;
};
/* A create/amend option a driver accepts, listed for "-o help" and for rejecting typos. */
struct block_opt_desc {
    const char *name;   /* NULL ends a list */
    const char *type;   /* "size", "str", "bool", "num": shown by -o help */
    const char *help;
};

/* Appends the pairs of `list` to `o` (a later key replaces an earlier one). */
int block_opts_parse(struct block_opts *o, const char *list);
int block_opts_set(struct block_opts *o, const char *key, const char *value);
const char *block_opts_get(const struct block_opts *o, const char *key);
/* Sizes take k/K, M, G, T, P, E suffixes (powers of 1024) or "b" for bytes. */
int block_opts_get_size(const struct block_opts *o, const char *key, uint64_t dflt, uint64_t *out);
int block_opts_get_bool(const struct block_opts *o, const char *key, bool dflt, bool *out);
/* -EINVAL (naming the key) if `o` holds a key `desc` does not list. */
int block_opts_check(const struct block_opts *o, const struct block_opt_desc *desc);
void block_opts_free(struct block_opts *o);
int block_parse_size(const char *s, uint64_t *out);

/* ---- allocation status (map, convert, compare, measure) ---- */
enum block_status_flags {
    BLOCK_STATUS_DATA         = 1 << 0,   /* stored in this layer's file(s) */
    BLOCK_STATUS_ZERO         = 1 << 1,   /* reads as zeros */
    BLOCK_STATUS_ALLOCATED    = 1 << 2,   /* this layer decides the content (not the backing) */
    BLOCK_STATUS_OFFSET_VALID = 1 << 3,   /* *host holds where the bytes are in *file */
    BLOCK_STATUS_COMPRESSED   = 1 << 4,
};

/* ---- information ---- */
/* Format-specific information is a small tree of fields, written as the JSON object
 * "format-specific": {"type": <format>, "data": {...}} and as indented human lines (a key's
 * dashes become spaces there, as qemu-img prints).  A LIST or OBJECT opens a level that
 * block_info_end() closes; list members have no key. */
enum block_field_type { BLOCK_FIELD_STR, BLOCK_FIELD_INT, BLOCK_FIELD_BOOL,
                        BLOCK_FIELD_OBJECT, BLOCK_FIELD_LIST, BLOCK_FIELD_END };
struct block_field {
    enum block_field_type type;
    char *key;          /* NULL for list members and END */
    char *str;
    int64_t num;        /* INT value, BOOL as 0/1 */
};
struct block_info {
    uint64_t cluster_size;      /* 0: the format has none (raw) */
    bool dirty;                 /* "dirty-flag" */
    bool has_dirty;
    const char *specific_type;  /* e.g. "qcow2"; NULL: no format-specific section */
    struct block_field *fields;
    int nfields, cap;
};
int block_info_add_str(struct block_info *in, const char *key, const char *value);
int block_info_add_int(struct block_info *in, const char *key, int64_t value);
int block_info_add_bool(struct block_info *in, const char *key, bool value);
int block_info_begin(struct block_info *in, const char *key, enum block_field_type list_or_obj);
int block_info_end(struct block_info *in);
void block_info_free(struct block_info *in);

/* ---- internal snapshots ---- */
struct block_snapshot {
    char id[128];
    char name[256];
    uint64_t vm_state_size;
    uint32_t date_sec, date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t icount;            /* UINT64_MAX: not recorded */
};

/* ---- check ---- */
enum block_fix { BLOCK_FIX_LEAKS = 1 << 0, BLOCK_FIX_ERRORS = 1 << 1 };
struct block_check {
    int corruptions, leaks, check_errors;
    int corruptions_fixed, leaks_fixed;
    uint64_t image_end_offset;          /* 0: not reported */
    uint64_t total_clusters, allocated_clusters, fragmented_clusters, compressed_clusters;
    bool has_cluster_stats;
    char **messages;                    /* one line per problem found, for main to print */
    int nmessages;
};
void block_check_report(struct block_check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void block_check_free(struct block_check *c);

/* ---- measure ---- */
struct block_measure {
    uint64_t required;          /* bytes a converted image of `in` (or an empty one) needs */
    uint64_t fully_allocated;   /* bytes with every cluster allocated */
    uint64_t bitmaps;
};

/* ---- a format ---- */
struct block_driver {
    const char *name;                        /* "raw", "qcow2", "vmdk", "vdi" */
    const struct block_opt_desc *create_opts;
    const struct block_opt_desc *amend_opts; /* NULL: amend unsupported */
    uint32_t align;                          /* request alignment in bytes (1 for any) */

    /* How surely the first bytes of a file are this format, 0..100 (raw answers 1). */
    int (*probe)(const uint8_t *head, size_t len, const char *filename);
    /* bs->fd, filename, flags are set; the driver sets size, cluster_size, zero_init,
     * backing_file, backing_fmt, opaque.  Must validate everything it will trust. */
    int (*open)(struct block_dev *bs);
    void (*close)(struct block_dev *bs);
    /* Creates (truncating) `filename` as an empty image of `size` bytes; opts are checked
     * against create_opts already.  Backing files in opts are only recorded, not opened. */
    int (*create)(const char *filename, uint64_t size, const struct block_opts *opts);

    int (*read)(struct block_dev *bs, uint64_t off, void *buf, size_t len);
    int (*write)(struct block_dev *bs, uint64_t off, const void *buf, size_t len);
    /* Optional.  may_unmap: deallocate when the result still reads as zeros. */
    int (*write_zeroes)(struct block_dev *bs, uint64_t off, uint64_t len, bool may_unmap);
    /* Optional.  One cluster: off is cluster-aligned, len is cluster_size (or up to the end of
     * the disk for the last cluster); the cluster must be unallocated or is overwritten. */
    int (*write_compressed)(struct block_dev *bs, uint64_t off, const void *buf, size_t len);
    /* Optional pair that lets callers compress clusters on several threads: compress is
     * pure (reads no image state, safe from any thread) and returns the compressed length,
     * 0 when the cluster does not shrink (then write it uncompressed); write_compressed_raw
     * stores compress's output for the cluster at off, as write_compressed would. */
    size_t (*compress)(const struct block_dev *bs, const void *in, size_t len, void *out,
                       size_t cap);
    int (*write_compressed_raw)(struct block_dev *bs, uint64_t off, const void *z, size_t zlen);
    int (*flush)(struct block_dev *bs);
    /* Status of [off, off+len) in this layer only: returns BLOCK_STATUS_* flags for the
     * first *pnum bytes (1 <= *pnum <= len).  *host and *file (may be NULL) are set when
     * OFFSET_VALID.  Optional: without it everything is DATA|ALLOCATED. */
    int (*block_status)(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                        uint64_t *host, const char **file);

    /* Optional.  New virtual size; the generic layer already refused shrinking without
     * permission.  prealloc is "off", "metadata", "falloc" or "full". */
    int (*truncate)(struct block_dev *bs, uint64_t size, const char *prealloc);
    /* Optional: cluster size, dirty flag, format-specific fields. */
    int (*get_info)(struct block_dev *bs, struct block_info *info);
    /* Optional.  Bytes the image uses on the host (default: the image file's blocks). */
    int (*allocated_size)(struct block_dev *bs, uint64_t *bytes);
    /* Optional.  fix is a mask of enum block_fix; fixing needs BLOCK_O_RDWR. */
    int (*check)(struct block_dev *bs, struct block_check *res, int fix);

    /* Optional.  list returns the count and a malloc'ed array (NULL when 0). */
    int (*snapshot_list)(struct block_dev *bs, struct block_snapshot **list);
    int (*snapshot_create)(struct block_dev *bs, const struct block_snapshot *sn);
    int (*snapshot_goto)(struct block_dev *bs, const char *id_or_name);
    int (*snapshot_delete)(struct block_dev *bs, const char *id_or_name);

    /* Optional.  Changes format options of an open image (e.g. qcow2 compat). */
    int (*amend)(struct block_dev *bs, const struct block_opts *opts);
    /* Optional.  Space a new image of `size` bytes with `opts` needs; with `in`, as a copy
     * of that (whole chain) image's allocated data. */
    int (*measure)(uint64_t size, const struct block_opts *opts, struct block_dev *in,
                   struct block_measure *out);
    /* Optional.  Drops all data of this layer (reads fall to the backing file): commit. */
    int (*make_empty)(struct block_dev *bs);
    /* Optional.  Rewrites the backing reference ("" removes it) without touching data. */
    int (*set_backing)(struct block_dev *bs, const char *file, const char *fmt);
};

/* Every driver, NULL-terminated (drivers.c). */
extern const struct block_driver *const block_drivers[];
const struct block_driver *block_find_driver(const char *name);

/* ---- an open image ---- */
enum block_open_flags {
    BLOCK_O_RDWR       = 1 << 0,   /* default: read-only */
    BLOCK_O_NO_BACKING = 1 << 1,   /* leave bs->backing NULL (info, rebase -u, amend) */
    BLOCK_O_CHECK      = 1 << 2,   /* for check: open images a driver would refuse as
                                      corrupt, so check can report (never implies writes) */
    BLOCK_O_UNSAFE     = 1 << 3,   /* no flushes between ordered metadata writes (qemu-img's
                                      cache=unsafe): a killed process still leaves a consistent
                                      image, a power loss may not */
};

struct block_dev {
    const struct block_driver *drv;
    void *opaque;               /* the driver's state */
    char *filename;             /* as given */
    int fd;                     /* the image file, opened by the generic layer */
    int flags;                  /* enum block_open_flags */
    uint64_t size;              /* virtual size */
    uint32_t cluster_size;      /* allocation unit, 0 for none */
    bool zero_init;             /* unwritten areas of a new image read as zeros */
    bool probed_raw;            /* raw found by probing: writes that would make the first
                                   sector look like another format are refused */
    bool stores_compressed;     /* every write is stored deflated (streamOptimized VMDK):
                                   convert compresses on its threads even without -c */
    char backing_file[4096];    /* as recorded in the image; "" for none */
    char backing_fmt[32];       /* "" when the image does not say */
    struct block_dev *backing;  /* opened by the generic layer */
};

/* fmt NULL probes the format.  A raw image found by probing is fine (as qemu-img). */
int block_open(struct block_dev **out, const char *filename, const char *fmt, int flags);
void block_close(struct block_dev *bs);    /* closes the backing chain too; NULL is fine */
int block_create(const char *filename, const char *fmt, uint64_t size,
                 const struct block_opts *opts);
int block_probe(const char *filename, const struct block_driver **drv);

int block_read(struct block_dev *bs, uint64_t off, void *buf, size_t len);
int block_write(struct block_dev *bs, uint64_t off, const void *buf, size_t len);
int block_write_zeroes(struct block_dev *bs, uint64_t off, uint64_t len, bool may_unmap);
int block_write_compressed(struct block_dev *bs, uint64_t off, const void *buf, size_t len);
/* True when the driver offers compress/write_compressed_raw (see there); then
 * block_compress may run on any thread and block_write_precompressed stores its output. */
bool block_can_compress_in_parallel(const struct block_dev *bs);
size_t block_compress(const struct block_dev *bs, const void *in, size_t len, void *out,
                      size_t cap);
int block_write_precompressed(struct block_dev *bs, uint64_t off, const void *z, size_t zlen);
int block_flush(struct block_dev *bs);
int block_truncate(struct block_dev *bs, uint64_t size, bool allow_shrink, const char *prealloc);

/* This layer only (see the driver op). */
int block_status(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                 uint64_t *host, const char **file);
/* The whole chain: the flags of the first layer that allocates the range (ZERO when none
 * does), *depth its index (0 = bs; the chain length when none).  Ranges beyond a shorter
 * backing file read as zeros. */
int block_status_above(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                       uint64_t *host, const char **file, int *depth);
/* For drivers: fills buf from bs's backing chain, zeros where there is none. */
int block_read_backing(struct block_dev *bs, uint64_t off, void *buf, size_t len);

int block_get_info(struct block_dev *bs, struct block_info *info);
/* The backing file name as opened (resolved against the overlay's directory). */
int block_backing_path(const struct block_dev *bs, char *out, size_t outlen);

/* ---- errors: a reason for the last failure on this thread, for main to print ---- */
void block_set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *block_error(void);          /* "" when none was set */
void block_clear_error(void);
/* block_set_error() and return -err in one step: `return block_fail(-EINVAL, "...")`. */
int block_fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
