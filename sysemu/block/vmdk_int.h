/* VMDK internals shared by the vmdk*.c files (the public face is block_driver_vmdk).
 * Contract: the sparse-extent header codec (vmdk_hdr.c), the descriptor text codec
 * (vmdk_desc.c), one sparse extent's grain directory/tables (vmdk_sparse.c), their
 * consistency scan (vmdk_check.c), the streamOptimized appender (vmdk_stream.c), and the
 * image of several extents (vmdk_extents.c) behind the driver's operations.  Every
 * function returns 0 or -errno and, on failure, leaves a one-line reason in block_error()
 * (block_fail).  On-disk integers are little-endian; header and table offsets count
 * 512-byte sectors. */
#ifndef SYSEMU_BLOCK_VMDK_INT_H
#define SYSEMU_BLOCK_VMDK_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sysemu/block/block.h"
#include "sysemu/block/hostfile.h"

#define VMDK_SECTOR 512u
#define VMDK_MAGIC 0x564d444bu            /* "KDMV" read as a little-endian word */
#define VMDK_GD_AT_END UINT64_MAX          /* streamOptimized: the footer holds gdOffset */

#define VMDK_FLAG_NL_DETECT  (1u << 0)
#define VMDK_FLAG_RGD        (1u << 1)
#define VMDK_FLAG_ZERO_GRAIN (1u << 2)
#define VMDK_FLAG_COMPRESS   (1u << 16)
#define VMDK_FLAG_MARKER     (1u << 17)

enum vmdk_marker_type { VMDK_MARK_EOS, VMDK_MARK_GT, VMDK_MARK_GD, VMDK_MARK_FOOTER };

/* Limits that keep a hostile header from making us allocate or loop absurdly. */
#define VMDK_MAX_GRAIN_SECTORS 0x200000u   /* 1 GiB grains: nobody makes bigger */
#define VMDK_MAX_GTES 512u                 /* entries per grain table, as everyone writes */
#define VMDK_MAX_GD_ENTRIES (32u << 20)    /* 128 MiB of grain directory */
#define VMDK_MAX_DESC_BYTES (1u << 20)
#define VMDK_MAX_EXTENTS 1024u

/* ---- little-endian fields ---- */
static inline uint32_t vmdk_ld32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t vmdk_ld64(const uint8_t *p)
{
    return vmdk_ld32(p) | (uint64_t)vmdk_ld32(p + 4) << 32;
}
static inline void vmdk_st32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> 8 * i);
}
static inline void vmdk_st64(uint8_t *p, uint64_t v)
{
    vmdk_st32(p, (uint32_t)v);
    vmdk_st32(p + 4, (uint32_t)(v >> 32));
}

/* ---- the 512-byte sparse extent header (vmdk_hdr.c) ---- */
struct vmdk_hdr {
    uint32_t version, flags;
    uint64_t capacity, grain;          /* sectors */
    uint64_t desc_off, desc_size;      /* sectors */
    uint32_t gtes;                     /* entries per grain table */
    uint64_t rgd_off, gd_off, overhead;
    uint8_t unclean;
    uint16_t compress;                 /* 1 = deflate */
};
bool vmdk_hdr_magic_ok(const uint8_t *b);
void vmdk_hdr_decode(const uint8_t b[VMDK_SECTOR], struct vmdk_hdr *h);
void vmdk_hdr_encode(const struct vmdk_hdr *h, uint8_t b[VMDK_SECTOR]);
/* Checks the fields against each other and the file size; gd_off may be GD_AT_END. */
int vmdk_hdr_check(const struct vmdk_hdr *h, uint64_t file_size);
uint64_t vmdk_hdr_gd_entries(const struct vmdk_hdr *h);
void vmdk_marker_encode(uint8_t b[VMDK_SECTOR], uint64_t val, uint32_t type);

/* ---- the descriptor text (vmdk_desc.c) ---- */
enum vmdk_access { VMDK_RW, VMDK_RDONLY, VMDK_NOACCESS };
enum vmdk_ext_type { VMDK_EXT_FLAT, VMDK_EXT_SPARSE, VMDK_EXT_ZERO };
struct vmdk_desc_extent {
    enum vmdk_access access;
    enum vmdk_ext_type type;
    uint64_t sectors;
    uint64_t offset;                   /* FLAT: first sector inside the file */
    char *file;                        /* NULL for ZERO */
};
struct vmdk_desc {
    uint32_t cid, parent_cid;
    char create_type[48];
    bool has_parent_hint;
    uint32_t hw_version;
    char adapter[16];
    struct vmdk_desc_extent *ext;
    size_t n_ext;
};
int vmdk_desc_parse(const char *text, size_t len, struct vmdk_desc *d);
void vmdk_desc_free(struct vmdk_desc *d);
/* Writes the text (NUL-terminated); returns its length or -ENOSPC. */
int vmdk_desc_format(const struct vmdk_desc *d, char *buf, size_t cap);

/* ---- one sparse extent (vmdk_sparse.c, vmdk_stream.c) ---- */
struct vmdk_sparse {
    int fd;
    bool writable, dirty;
    bool unsafe;                       /* BLOCK_O_UNSAFE: no syncs between ordered writes */
    struct vmdk_hdr hdr;               /* the footer's copy when the header says GD_AT_END */
    bool gd_at_end;
    uint64_t file_size;                /* bytes */
    uint64_t grain_bytes;
    uint64_t n_grains;                 /* grains covering hdr.capacity */
    uint64_t gd_entries;
    uint32_t *gd, *rgd;                /* rgd NULL without a redundant directory */
    uint32_t **gt;                     /* per directory entry, loaded on first use */
    uint8_t *gt_dirty;
    uint64_t alloc_next;               /* bytes: where the next grain goes */
    /* decompressed-grain cache */
    uint8_t *zbuf;
    uint64_t zgrain;
    bool zvalid;
    /* streamOptimized appender */
    uint8_t *pend;
    uint64_t pend_grain;
    bool pend_valid, stream_tail_reused;
};
enum vmdk_grain_state { VMDK_GRAIN_UNALLOC, VMDK_GRAIN_ZERO, VMDK_GRAIN_DATA };

int vmdk_sparse_open(struct vmdk_sparse **out, int fd, bool writable);
void vmdk_sparse_close(struct vmdk_sparse *s);
/* Reads/writes bytes [off, off+len) of the extent's virtual space. */
int vmdk_sparse_read(struct vmdk_sparse *s, uint64_t off, void *buf, size_t len);
int vmdk_sparse_write(struct vmdk_sparse *s, uint64_t off, const void *buf, size_t len);
/* State of the grain holding off; *run = bytes from off to the end of that grain. */
int vmdk_sparse_state(struct vmdk_sparse *s, uint64_t off, uint64_t *run,
                      enum vmdk_grain_state *st);
/* Byte offset in the file of extent byte off, which must lie in a plain data grain. */
int vmdk_sparse_host(struct vmdk_sparse *s, uint64_t off, uint64_t *host);
int vmdk_sparse_flush(struct vmdk_sparse *s);
/* fdatasync, or nothing for an extent opened BLOCK_O_UNSAFE. */
int vmdk_sparse_sync(struct vmdk_sparse *s);
/* Every table entry in bounds, no grain overlapping metadata or another grain. */
int vmdk_sparse_check(struct vmdk_sparse *s);

/* internals shared with vmdk_stream.c */
int vmdk_sparse_gt(struct vmdk_sparse *s, uint64_t gdi, uint32_t **gt);
int vmdk_stream_write(struct vmdk_sparse *s, uint64_t off, const void *buf, size_t len);
/* Deflates one grain's bytes (pure, any thread): the length, 0 when cap is too small. */
size_t vmdk_stream_deflate(const void *in, size_t len, void *out, size_t cap);
/* Appends a grain vmdk_stream_deflate made; the grain must not be written yet. */
int vmdk_stream_write_deflated(struct vmdk_sparse *s, uint64_t grain, const void *z,
                               size_t zlen);
int vmdk_stream_finish(struct vmdk_sparse *s);
/* Writes the GT/GD/footer/EOS tail at byte offset at; used by create and the appender. */
int vmdk_stream_write_tail(struct vmdk_sparse *s, uint64_t at);

/* ---- the whole image: a descriptor and its extents (vmdk.c, vmdk_io.c, vmdk_info.c) ---- */
struct vmdk_extent {
    enum vmdk_ext_type type;
    enum vmdk_access access;
    uint64_t start, len;               /* bytes of the virtual disk this extent covers */
    uint64_t flat_off;                 /* FLAT: bytes into its file */
    int fd;                            /* -1 for ZERO */
    bool own_fd;                       /* false: it is the image file itself */
    char *path;                        /* as opened; NULL for ZERO */
    bool named;                        /* listed in a descriptor file (info shows its type) */
    struct vmdk_sparse *sp;            /* SPARSE only */
};
struct vmdk_image {
    struct vmdk_desc desc;
    struct vmdk_extent *ext;
    size_t n_ext;
};
/* The extent holding byte off of the virtual disk (off < disk size). */
struct vmdk_extent *vmdk_extent_at(struct vmdk_image *im, uint64_t off);
int vmdk_open_extents(struct block_dev *bs, struct vmdk_image *im);
void vmdk_image_free(struct vmdk_image *im);

/* ---- the driver's operations, one file each by topic (see block.h for the contracts) ---- */
int vmdk_read(struct block_dev *bs, uint64_t off, void *buf, size_t len);
int vmdk_write(struct block_dev *bs, uint64_t off, const void *buf, size_t len);
int vmdk_write_compressed(struct block_dev *bs, uint64_t off, const void *buf, size_t len);
size_t vmdk_compress(const struct block_dev *bs, const void *in, size_t len, void *out,
                     size_t cap);
int vmdk_write_compressed_raw(struct block_dev *bs, uint64_t off, const void *z, size_t zlen);
int vmdk_write_zeroes(struct block_dev *bs, uint64_t off, uint64_t len, bool may_unmap);
int vmdk_block_status(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                      uint64_t *host, const char **file);
int vmdk_flush(struct block_dev *bs);
int vmdk_get_info(struct block_dev *bs, struct block_info *info);
int vmdk_check(struct block_dev *bs, struct block_check *res, int fix);
int vmdk_allocated_size(struct block_dev *bs, uint64_t *bytes);
int vmdk_create(const char *filename, uint64_t size, const struct block_opts *opts);
/* Creation helpers (vmdk_create.c): the descriptor text for these extents (its length),
 * and a sparse extent file with an empty descriptor space, as descriptor files use. */
int vmdk_create_desc_text(const struct block_opts *o, const char *type,
                          struct vmdk_desc_extent *ext, size_t n_ext, char *buf, size_t cap);
int vmdk_create_sparse_extent(const char *path, uint64_t sectors, bool zeroed);
/* monolithicFlat and twoGbMaxExtent{Flat,Sparse}: a descriptor file and its extent files
 * (vmdk_create_desc.c). */
int vmdk_create_described(const char *filename, const char *sub, uint64_t sectors,
                          const struct block_opts *opts, bool zeroed);
extern const struct block_opt_desc vmdk_create_opts[];

#endif
