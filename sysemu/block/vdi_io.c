/* VDI reads, writes and allocation status.  A write to an unallocated block of a dynamic
 * image appends a whole data block, then records it in the map, then bumps the header's
 * allocated count: a crash in between leaves at worst an unreferenced block at the end. */
#include "sysemu/block/vdi_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static bool allocated(uint32_t e)
{
    return e < VDI_DISCARDED;
}

static uint64_t data_offset(const struct vdi_state *st, uint32_t e)
{
    return st->hdr.offset_data + (uint64_t)e * st->hdr.block_size;
}

int vdi_read(struct block_dev *bs, uint64_t off, void *buf, size_t len)
{
    struct vdi_state *st = bs->opaque;
    uint8_t *p = buf;
    while (len) {
        uint32_t blk = (uint32_t)(off / st->hdr.block_size);
        uint64_t in = off % st->hdr.block_size;
        size_t n = st->hdr.block_size - in < len ? (size_t)(st->hdr.block_size - in) : len;
        uint32_t e = st->bmap[blk];
        if (allocated(e) && e >= st->hdr.blocks_in_image)
            return block_fail(-EINVAL, "VDI block %" PRIu32 " maps outside the image", blk);
        int r = allocated(e) ? hostfile_pread_zero(bs->fd, p, n, data_offset(st, e) + in) : 0;
        if (r < 0)
            return r;
        if (!allocated(e))
            memset(p, 0, n);
        p += n, off += n, len -= n;
    }
    return 0;
}

static int alloc_block(struct block_dev *bs, uint32_t blk, uint64_t in, const uint8_t *p,
                       size_t n)
{
    struct vdi_state *st = bs->opaque;
    uint32_t e = st->next_block;
    if (e >= st->hdr.blocks_in_image)
        return block_fail(-ENOSPC, "VDI data area is full");
    int r;
    if (n == st->hdr.block_size) {
        r = hostfile_pwrite(bs->fd, p, n, data_offset(st, e));
    } else {
        uint8_t *b = calloc(1, st->hdr.block_size);
        if (!b)
            return -ENOMEM;
        memcpy(b + in, p, n);
        r = hostfile_pwrite(bs->fd, b, st->hdr.block_size, data_offset(st, e));
        free(b);
    }
    uint8_t word[4];
    vdi_st32(word, e);
    if (r == 0)
        r = hostfile_pwrite(bs->fd, word, 4, st->hdr.offset_bmap + (uint64_t)blk * 4);
    vdi_st32(word, st->hdr.blocks_allocated + 1);
    if (r == 0)
        r = hostfile_pwrite(bs->fd, word, 4, 0x184);   /* blocks_allocated */
    if (r < 0)
        return r;
    st->bmap[blk] = e;
    st->hdr.blocks_allocated++;
    st->next_block++;
    return 0;
}

int vdi_write(struct block_dev *bs, uint64_t off, const void *buf, size_t len)
{
    struct vdi_state *st = bs->opaque;
    if (st->map_bad)
        return block_fail(-EINVAL, "VDI block map is corrupt; refusing to write");
    const uint8_t *p = buf;
    while (len) {
        uint32_t blk = (uint32_t)(off / st->hdr.block_size);
        uint64_t in = off % st->hdr.block_size;
        size_t n = st->hdr.block_size - in < len ? (size_t)(st->hdr.block_size - in) : len;
        uint32_t e = st->bmap[blk];
        int r = 0;
        if (allocated(e))
            r = hostfile_pwrite(bs->fd, p, n, data_offset(st, e) + in);
        else if (!buffer_is_zero(p, n))        /* zeros: the block already reads as zeros */
            r = alloc_block(bs, blk, in, p, n);
        if (r < 0)
            return r;
        p += n, off += n, len -= n;
    }
    return 0;
}

/* Free only where no block is allocated; the generic layer writes zeros otherwise. */
int vdi_write_zeroes(struct block_dev *bs, uint64_t off, uint64_t len, bool may_unmap)
{
    struct vdi_state *st = bs->opaque;
    uint64_t first = off / st->hdr.block_size;
    uint64_t last = (off + len - 1) / st->hdr.block_size;
    for (uint64_t b = first; len && b <= last; b++)
        if (allocated(st->bmap[b]))
            return -ENOTSUP;
    return 0;
}

int vdi_block_status(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                     uint64_t *host, const char **file)
{
    struct vdi_state *st = bs->opaque;
    uint64_t bsz = st->hdr.block_size;
    uint32_t blk = (uint32_t)(off / bsz);
    uint32_t e = st->bmap[blk];
    uint64_t run = bsz - off % bsz;
    /* Merge following blocks of the same kind (allocated ones only if contiguous). */
    for (uint32_t k = 1; run < len; k++) {
        uint32_t f = st->bmap[blk + k];
        if (allocated(f) != allocated(e) || (allocated(e) && f != e + k))
            break;
        run += bsz;
    }
    *pnum = run < len ? run : len;
    /* Without a backing file this layer decides: unallocated blocks are its zeros (qemu-img
     * map shows them present). */
    if (!allocated(e))
        return BLOCK_STATUS_ZERO | BLOCK_STATUS_ALLOCATED;
    /* Data blocks that are holes in the file (a static image's) read as zeros. */
    uint64_t at = data_offset(st, e) + off % bsz;
    bool data = true;
    int r = hostfile_extent(bs->fd, at, *pnum, &data, pnum);
    if (r < 0)
        return r;
    if (host)
        *host = at;
    if (file)
        *file = bs->filename;
    return BLOCK_STATUS_DATA | BLOCK_STATUS_ALLOCATED | BLOCK_STATUS_OFFSET_VALID |
           (data ? 0 : BLOCK_STATUS_ZERO);
}
