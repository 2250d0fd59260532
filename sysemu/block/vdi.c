/* The VDI format driver: recognizing and opening images, the block map scan shared by open
 * and check, and the driver's entry in the list.  I/O lives in vdi_io.c. */
#include "sysemu/block/vdi_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int vdi_probe(const uint8_t *head, size_t len, const char *filename)
{
    return len >= 0x48 && vdi_ld32(head + 0x40) == VDI_SIGNATURE ? 100 : 0;
}

/* One problem: the first one fails an open; check collects them all as corruptions. */
static int problem(struct block_check *res, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int problem(struct block_check *res, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!res)
        return block_fail(-EINVAL, "%s", msg);
    res->corruptions++;
    block_check_report(res, "ERROR: %s", msg);
    return 0;
}

static int scan_entry(struct vdi_state *st, uint32_t blk, uint32_t *owner,
                      struct block_check *res)
{
    const struct vdi_hdr *h = &st->hdr;
    uint32_t e = st->bmap[blk];
    if (e >= h->blocks_in_image)
        return problem(res, "VDI block %" PRIu32 " maps to data block %" PRIu32
                       ", beyond the image's %" PRIu32 " blocks", blk, e, h->blocks_in_image);
    if (owner[e] != VDI_UNALLOCATED)
        return problem(res, "VDI blocks %" PRIu32 " and %" PRIu32 " share data block %"
                       PRIu32, owner[e], blk, e);
    owner[e] = blk;
    if (h->offset_data + (uint64_t)e * h->block_size >= st->file_size)
        return problem(res, "VDI block %" PRIu32 " has its data block %" PRIu32
                       " past the end of the file (truncated?)", blk, e);
    return 0;
}

/* Every allocated map entry in range, inside the file and unique; the count agrees. */
static int scan_map(struct vdi_state *st, struct block_check *res)
{
    const struct vdi_hdr *h = &st->hdr;
    uint32_t *owner = malloc((size_t)h->blocks_in_image * 4 + 1);
    if (!owner)
        return -ENOMEM;
    memset(owner, 0xff, (size_t)h->blocks_in_image * 4);
    uint32_t used = 0, top = 0;
    int r = 0;
    for (uint32_t blk = 0; r == 0 && blk < h->blocks_in_image; blk++) {
        if (st->bmap[blk] >= VDI_DISCARDED)
            continue;
        used++;
        if (st->bmap[blk] >= top)
            top = st->bmap[blk] + 1;
        r = scan_entry(st, blk, owner, res);
    }
    free(owner);
    if (r == 0 && used != h->blocks_allocated)
        r = problem(res, "VDI header counts %" PRIu32 " allocated blocks, the map %" PRIu32,
                    h->blocks_allocated, used);
    st->next_block = top > h->blocks_allocated ? top : h->blocks_allocated;
    return r;
}

static int read_map(struct block_dev *bs, struct vdi_state *st)
{
    size_t n = st->hdr.blocks_in_image;
    /* Refused even for check: the map's memory stays bounded by the file's size. */
    if (st->hdr.offset_bmap + (uint64_t)n * 4 > st->file_size)
        return block_fail(-EINVAL, "VDI block map runs past the end of the file "
                          "(truncated)");
    uint8_t *raw = malloc(n * 4 + 1);
    st->bmap = malloc(n * 4 + 1);
    int r = raw && st->bmap ? hostfile_pread(bs->fd, raw, n * 4, st->hdr.offset_bmap)
                            : -ENOMEM;
    for (size_t i = 0; r == 0 && i < n; i++)
        st->bmap[i] = vdi_ld32(raw + 4 * i);
    free(raw);
    if (r < 0 || !(bs->flags & BLOCK_O_CHECK))
        return r ? r : scan_map(st, NULL);     /* a bad map is refused outright */
    /* check opens what it will report on, but nothing may be written through a bad map. */
    struct block_check found = { 0 };
    r = scan_map(st, &found);
    st->map_bad = found.corruptions != 0;
    block_check_free(&found);
    return r;
}

static int vdi_open(struct block_dev *bs)
{
    struct vdi_state *st = calloc(1, sizeof *st);
    uint8_t b[VDI_HEADER_BYTES];
    int r = st ? hostfile_size(bs->fd, &st->file_size) : -ENOMEM;
    if (r == 0 && (st->file_size < VDI_HEADER_BYTES ||
                   hostfile_pread(bs->fd, b, sizeof b, 0) < 0))
        r = block_fail(-EINVAL, "file too small for a VDI header (truncated)");
    if (r == 0) {
        vdi_hdr_decode(b, &st->hdr);
        r = vdi_hdr_check(&st->hdr);
    }
    if (r == 0)
        r = read_map(bs, st);
    if (r < 0) {
        if (st)
            free(st->bmap);
        free(st);
        return r;
    }
    /* VirtualBox can leave a size that is not whole sectors; the last part is unusable. */
    bs->size = st->hdr.disk_size / 512 * 512;
    bs->cluster_size = st->hdr.block_size;
    bs->zero_init = true;
    bs->opaque = st;
    return 0;
}

static void vdi_close(struct block_dev *bs)
{
    struct vdi_state *st = bs->opaque;
    if (st)
        free(st->bmap);
    free(st);
    bs->opaque = NULL;
}

static int vdi_check(struct block_dev *bs, struct block_check *res, int fix)
{
    if (fix)
        return block_fail(-ENOTSUP, "repairing VDI images is not supported (as qemu-img)");
    return scan_map(bs->opaque, res);
}

/* BLOCK_O_UNSAFE (qemu-img's cache=unsafe, convert's default) ignores flushes, as qemu does. */
static int vdi_flush(struct block_dev *bs)
{
    return bs->flags & BLOCK_O_UNSAFE ? 0 : hostfile_flush(bs->fd);
}

const struct block_driver block_driver_vdi = {
    .name = "vdi",
    .create_opts = vdi_create_opts,
    .align = 1,
    .probe = vdi_probe,
    .open = vdi_open,
    .close = vdi_close,
    .create = vdi_create,
    .read = vdi_read,
    .write = vdi_write,
    .write_zeroes = vdi_write_zeroes,
    .flush = vdi_flush,
    .block_status = vdi_block_status,
    .check = vdi_check,
};
