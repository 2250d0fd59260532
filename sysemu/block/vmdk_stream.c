/* streamOptimized writing: grains are deflated and appended behind a marker (lba, size);
 * closing appends each grain table and the grain directory behind their markers, then the
 * footer (a header copy that knows the directory) and the end-of-stream marker.  Grains
 * are write-once: a grain already in the file cannot be rewritten.  One grain is buffered
 * so that writes smaller than a grain still produce whole compressed grains. */
#include "sysemu/block/vmdk_int.h"
#include "sysemu/block/zcache.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static uint64_t sectors_of(uint64_t bytes)
{
    return bytes / VMDK_SECTOR + (bytes % VMDK_SECTOR != 0);
}

static bool no_grains(const struct vmdk_sparse *s)
{
    for (uint64_t i = 0; i < s->gd_entries; i++)
        if (s->gd[i] || s->gt[i])
            return false;
    return true;
}

/* A fresh image is header, descriptor and an empty tail: the first grain replaces the
 * tail (a new one is written at close) so created-then-filled images stay compact. */
static void reuse_empty_tail(struct vmdk_sparse *s)
{
    if (s->stream_tail_reused || !s->gd_at_end || !no_grains(s))
        return;
    uint64_t tail = (s->hdr.gd_off - 1) * VMDK_SECTOR;
    uint64_t meta = (s->hdr.desc_size ? s->hdr.desc_off + s->hdr.desc_size : 1) * VMDK_SECTOR;
    if (tail >= meta && tail >= VMDK_SECTOR)
        s->alloc_next = tail;
    s->stream_tail_reused = true;
}

static int table_for(struct vmdk_sparse *s, uint64_t grain, uint32_t **gt)
{
    uint64_t gdi = grain / s->hdr.gtes;
    int r = vmdk_sparse_gt(s, gdi, gt);
    if (r == 0 && !*gt) {
        if (!(*gt = s->gt[gdi] = calloc(s->hdr.gtes, sizeof **gt)))
            return -ENOMEM;
    }
    return r;
}

/* Appends a deflated grain behind its marker (lba, size) and points its table entry at it. */
static int put_grain(struct vmdk_sparse *s, uint64_t grain, const void *z, size_t zlen)
{
    uint32_t *gt;
    int r = table_for(s, grain, &gt);
    if (r < 0)
        return r;
    size_t total = (size_t)sectors_of(12 + zlen) * VMDK_SECTOR;
    uint8_t *b = calloc(1, total);
    if (!b)
        return -ENOMEM;
    vmdk_st64(b, grain * s->hdr.grain);
    vmdk_st32(b + 8, (uint32_t)zlen);
    memcpy(b + 12, z, zlen);
    uint64_t at = s->alloc_next;
    if (at / VMDK_SECTOR >= UINT32_MAX)
        r = block_fail(-EFBIG, "VMDK extent is full (grain offsets are 32-bit)");
    else if ((r = hostfile_pwrite(s->fd, b, total, at)) < 0)
        r = block_fail(r, "cannot write grain %" PRIu64, grain);
    free(b);
    if (r < 0)
        return r;
    gt[grain % s->hdr.gtes] = (uint32_t)(at / VMDK_SECTOR);
    s->alloc_next += total;
    if (s->alloc_next > s->file_size)
        s->file_size = s->alloc_next;
    return 0;
}

/* Bytes of the grain inside the capacity (the last grain may be short). */
static uint64_t grain_len(const struct vmdk_sparse *s, uint64_t grain)
{
    uint64_t left = s->hdr.capacity * VMDK_SECTOR - grain * s->grain_bytes;
    return left < s->grain_bytes ? left : s->grain_bytes;
}

/* A zlib stream (header and checksum), as VMware and qemu-img write grains. */
size_t vmdk_stream_deflate(const void *in, size_t len, void *out, size_t cap)
{
    z_stream *z = cap >= compressBound(len) ? zcache_deflate(Z_DEFAULT_COMPRESSION,
                                                               MAX_WBITS, 8) : NULL;
    if (!z)
        return 0;
    z->next_in = (Bytef *)in;
    z->avail_in = (uInt)len;
    z->next_out = out;
    z->avail_out = (uInt)cap;
    return deflate(z, Z_FINISH) == Z_STREAM_END ? cap - z->avail_out : 0;
}

static int append_grain(struct vmdk_sparse *s)
{
    uint64_t grain = s->pend_grain;
    size_t len = (size_t)grain_len(s, grain);
    if (len == 0 || (s->pend[0] == 0 && memcmp(s->pend, s->pend + 1, len - 1) == 0))
        return 0;                          /* zeros stay unallocated */
    size_t cap = compressBound(len);
    uint8_t *z = malloc(cap);
    size_t zlen = z ? vmdk_stream_deflate(s->pend, len, z, cap) : 0;
    int r = !z ? -ENOMEM : zlen ? put_grain(s, grain, z, zlen)
           : block_fail(-EIO, "cannot compress grain %" PRIu64, grain);
    free(z);
    return r;
}

static int start_pending(struct vmdk_sparse *s, uint64_t grain)
{
    uint32_t *gt;
    int r = vmdk_sparse_gt(s, grain / s->hdr.gtes, &gt);
    if (r < 0)
        return r;
    if (gt && gt[grain % s->hdr.gtes])
        return block_fail(-EIO, "grain %" PRIu64 " of a streamOptimized image is already "
                         "written and cannot be rewritten", grain);
    if (s->pend_valid && (r = append_grain(s)) < 0)
        return r;
    memset(s->pend, 0, s->grain_bytes);
    s->pend_grain = grain;
    s->pend_valid = true;
    return 0;
}

int vmdk_stream_write_deflated(struct vmdk_sparse *s, uint64_t grain, const void *z,
                               size_t zlen)
{
    reuse_empty_tail(s);
    s->dirty = true;
    s->zvalid = false;
    uint32_t *gt;
    int r = vmdk_sparse_gt(s, grain / s->hdr.gtes, &gt);
    if (r == 0 && ((gt && gt[grain % s->hdr.gtes]) ||
                   (s->pend_valid && s->pend_grain == grain)))
        r = block_fail(-EIO, "grain %" PRIu64 " of a streamOptimized image is already "
                       "written and cannot be rewritten", grain);
    /* A grain buffered by an ordinary write goes first, keeping grains in order. */
    if (r == 0 && s->pend_valid && (r = append_grain(s)) == 0)
        s->pend_valid = false;
    return r < 0 ? r : put_grain(s, grain, z, zlen);
}

int vmdk_stream_write(struct vmdk_sparse *s, uint64_t off, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    reuse_empty_tail(s);
    s->dirty = true;
    s->zvalid = false;
    while (len) {
        uint64_t grain = off / s->grain_bytes, in = off % s->grain_bytes;
        size_t n = s->grain_bytes - in < len ? (size_t)(s->grain_bytes - in) : len;
        if (!s->pend_valid || s->pend_grain != grain) {
            int r = start_pending(s, grain);
            if (r < 0)
                return r;
        }
        memcpy(s->pend + in, p, n);
        p += n, off += n, len -= n;
    }
    return 0;
}

static int write_gts(struct vmdk_sparse *s, uint64_t *at, uint32_t *new_gd)
{
    uint64_t gt_sec = sectors_of((uint64_t)s->hdr.gtes * 4);
    uint8_t *b = calloc(1 + gt_sec, VMDK_SECTOR);
    if (!b)
        return -ENOMEM;
    int r = 0;
    for (uint64_t i = 0; r == 0 && i < s->gd_entries; i++) {
        uint32_t *gt;
        bool used = false;
        r = vmdk_sparse_gt(s, i, &gt);
        for (uint32_t k = 0; r == 0 && gt && k < s->hdr.gtes; k++)
            used |= gt[k] != 0;
        new_gd[i] = 0;
        if (!used)
            continue;                      /* a zero directory entry: nothing allocated */
        vmdk_marker_encode(b, gt_sec, VMDK_MARK_GT);
        memset(b + VMDK_SECTOR, 0, gt_sec * VMDK_SECTOR);
        for (uint32_t k = 0; k < s->hdr.gtes; k++)
            vmdk_st32(b + VMDK_SECTOR + 4 * k, gt[k]);
        r = hostfile_pwrite(s->fd, b, (1 + gt_sec) * VMDK_SECTOR, *at);
        new_gd[i] = (uint32_t)(*at / VMDK_SECTOR + 1);
        *at += (1 + gt_sec) * VMDK_SECTOR;
    }
    free(b);
    return r;
}

static int write_gd_footer(struct vmdk_sparse *s, uint64_t *at, const uint32_t *new_gd)
{
    uint64_t gd_sec = sectors_of(s->gd_entries * 4);
    size_t len = (size_t)(gd_sec + 4) * VMDK_SECTOR;
    uint8_t *b = calloc(1, len), *p = b;
    if (!b)
        return -ENOMEM;
    vmdk_marker_encode(p, gd_sec, VMDK_MARK_GD);
    for (uint64_t i = 0; i < s->gd_entries; i++)
        vmdk_st32(p + VMDK_SECTOR + 4 * i, new_gd[i]);
    p += (1 + gd_sec) * VMDK_SECTOR;
    struct vmdk_hdr foot = s->hdr;
    foot.gd_off = *at / VMDK_SECTOR + 1;
    foot.rgd_off = 0;
    foot.flags &= ~VMDK_FLAG_RGD;
    vmdk_marker_encode(p, 1, VMDK_MARK_FOOTER);
    vmdk_hdr_encode(&foot, p + VMDK_SECTOR);
    vmdk_marker_encode(p + 2 * VMDK_SECTOR, 0, VMDK_MARK_EOS);
    int r = hostfile_pwrite(s->fd, b, len, *at);
    free(b);
    if (r == 0) {
        s->hdr = foot;
        *at += len;
    }
    return r;
}

int vmdk_stream_write_tail(struct vmdk_sparse *s, uint64_t at)
{
    uint32_t *new_gd = calloc(s->gd_entries + 1, sizeof *new_gd);
    if (!new_gd)
        return -ENOMEM;
    int r = write_gts(s, &at, new_gd);
    if (r == 0)
        r = write_gd_footer(s, &at, new_gd);
    if (r == 0 && ftruncate(s->fd, (off_t)at) < 0)
        r = -errno;
    if (r == 0) {
        memcpy(s->gd, new_gd, s->gd_entries * sizeof *new_gd);
        s->file_size = at;
        s->gd_at_end = true;
    }
    free(new_gd);
    return r < 0 ? block_fail(r, "cannot write the streamOptimized tables") : 0;
}

int vmdk_stream_finish(struct vmdk_sparse *s)
{
    if (!s->writable || !s->dirty)
        return 0;
    int r = s->pend_valid ? append_grain(s) : 0;
    s->pend_valid = false;
    bool header_knew_gd = !s->gd_at_end;
    if (r == 0)
        r = vmdk_stream_write_tail(s, s->alloc_next);
    if (r == 0 && header_knew_gd) {
        /* The directory moved to the tail: the header must now send readers there. */
        uint8_t b[VMDK_SECTOR];
        struct vmdk_hdr h = s->hdr;
        h.gd_off = VMDK_GD_AT_END;
        vmdk_hdr_encode(&h, b);
        if ((r = vmdk_sparse_sync(s)) == 0 && (r = hostfile_pwrite(s->fd, b, sizeof b, 0)) < 0)
            r = block_fail(r, "cannot rewrite the VMDK header");
    }
    if (r == 0)
        r = vmdk_sparse_sync(s);
    s->dirty = r < 0;
    return r;
}
