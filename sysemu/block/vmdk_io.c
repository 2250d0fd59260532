/* VMDK reads, writes and allocation status: each request is split at extent boundaries and
 * handed to the extent's kind (sparse grains, a flat file range, or zeros). */
#include "sysemu/block/vmdk_int.h"

#include <errno.h>
#include <string.h>

static uint64_t piece(const struct vmdk_extent *x, uint64_t off, uint64_t len)
{
    uint64_t left = x->start + x->len - off;
    return len < left ? len : left;
}

static int read_extent(struct vmdk_extent *x, uint64_t in, uint8_t *p, size_t n)
{
    if (x->type == VMDK_EXT_ZERO) {
        memset(p, 0, n);
        return 0;
    }
    if (x->type == VMDK_EXT_FLAT)
        return hostfile_pread(x->fd, p, n, x->flat_off + in);
    return vmdk_sparse_read(x->sp, in, p, n);
}

int vmdk_read(struct block_dev *bs, uint64_t off, void *buf, size_t len)
{
    struct vmdk_image *im = bs->opaque;
    uint8_t *p = buf;
    while (len) {
        struct vmdk_extent *x = vmdk_extent_at(im, off);
        size_t n = (size_t)piece(x, off, len);
        int r = read_extent(x, off - x->start, p, n);
        if (r < 0)
            return r;
        p += n, off += n, len -= n;
    }
    return 0;
}

static int write_extent(struct vmdk_extent *x, uint64_t in, const uint8_t *p, size_t n)
{
    if (x->type == VMDK_EXT_ZERO || x->access != VMDK_RW)
        return block_fail(-EROFS, "VMDK extent '%s' cannot be written",
                          x->path ? x->path : "ZERO");
    if (x->type == VMDK_EXT_FLAT)
        return hostfile_pwrite(x->fd, p, n, x->flat_off + in);
    return vmdk_sparse_write(x->sp, in, p, n);
}

int vmdk_write(struct block_dev *bs, uint64_t off, const void *buf, size_t len)
{
    struct vmdk_image *im = bs->opaque;
    const uint8_t *p = buf;
    while (len) {
        struct vmdk_extent *x = vmdk_extent_at(im, off);
        size_t n = (size_t)piece(x, off, len);
        int r = write_extent(x, off - x->start, p, n);
        if (r < 0)
            return r;
        p += n, off += n, len -= n;
    }
    return 0;
}

/* Grains are compressed exactly where the extent says so; elsewhere (as qemu-img does for
 * "convert -c" to monolithicSparse) the data is simply written. */
int vmdk_write_compressed(struct block_dev *bs, uint64_t off, const void *buf, size_t len)
{
    return vmdk_write(bs, off, buf, len);
}

/* The parallel pair (see block.h): only a streamOptimized image takes deflated grains;
 * for the others compress answers 0, "write it as it is". */
size_t vmdk_compress(const struct block_dev *bs, const void *in, size_t len, void *out,
                     size_t cap)
{
    if (!bs->stores_compressed || len > bs->cluster_size)
        return 0;
    return vmdk_stream_deflate(in, len, out, cap);
}

int vmdk_write_compressed_raw(struct block_dev *bs, uint64_t off, const void *z, size_t zlen)
{
    struct vmdk_image *im = bs->opaque;
    if (!bs->stores_compressed || im->n_ext != 1 || !im->ext[0].sp)
        return block_fail(-ENOTSUP, "only streamOptimized VMDK images store compressed "
                          "grains");
    struct vmdk_sparse *s = im->ext[0].sp;
    return vmdk_stream_write_deflated(s, off / s->grain_bytes, z, zlen);
}

/* Zeros are free only where every grain is still unallocated (and not being written). */
int vmdk_write_zeroes(struct block_dev *bs, uint64_t off, uint64_t len, bool may_unmap)
{
    while (len) {
        struct vmdk_extent *x = vmdk_extent_at(bs->opaque, off);
        if (x->type != VMDK_EXT_SPARSE)
            return -ENOTSUP;
        struct vmdk_sparse *s = x->sp;
        uint64_t in = off - x->start, run;
        enum vmdk_grain_state st;
        int r = vmdk_sparse_state(s, in, &run, &st);
        if (r < 0)
            return r;
        if (st == VMDK_GRAIN_DATA || (s->pend_valid && s->pend_grain == in / s->grain_bytes))
            return -ENOTSUP;
        run = piece(x, off, run < len ? run : len);
        off += run, len -= run;
    }
    return 0;
}

static int sparse_status(struct vmdk_extent *x, uint64_t in, uint64_t len, uint64_t *pnum,
                         uint64_t *host)
{
    enum vmdk_grain_state st, st2;
    uint64_t run, h = 0, h2;
    int r = vmdk_sparse_state(x->sp, in, &run, &st);
    bool plain = x->sp->hdr.compress != 1;
    if (r < 0)
        return r;
    if (st == VMDK_GRAIN_DATA && plain)
        r = vmdk_sparse_host(x->sp, in, &h);
    /* Merge following grains of the same kind (and, for data, contiguous on the host);
     * a bounded number, so one call on a vast empty disk stays quick. */
    for (unsigned k = 0; r == 0 && run < len && k < 65536; k++) {
        if ((r = vmdk_sparse_state(x->sp, in + run, &h2, &st2)) < 0 || st2 != st)
            break;
        if (st == VMDK_GRAIN_DATA && plain &&
            ((r = vmdk_sparse_host(x->sp, in + run, &h2)) < 0 || h2 != h + run))
            break;
        run += x->sp->grain_bytes;
    }
    *pnum = run < len ? run : len;
    *host = h;
    if (r < 0)
        return r;
    if (st == VMDK_GRAIN_UNALLOC)
        return BLOCK_STATUS_ZERO;
    if (st == VMDK_GRAIN_ZERO)
        return BLOCK_STATUS_ZERO | BLOCK_STATUS_ALLOCATED;
    return BLOCK_STATUS_DATA | BLOCK_STATUS_ALLOCATED |
           (plain ? BLOCK_STATUS_OFFSET_VALID : BLOCK_STATUS_COMPRESSED);
}

int vmdk_block_status(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                      uint64_t *host, const char **file)
{
    struct vmdk_extent *x = vmdk_extent_at(bs->opaque, off);
    uint64_t in = off - x->start, h = 0;
    int flags;
    len = piece(x, off, len);
    if (x->type == VMDK_EXT_ZERO) {
        *pnum = len;
        flags = BLOCK_STATUS_ZERO | BLOCK_STATUS_ALLOCATED;
    } else if (x->type == VMDK_EXT_FLAT) {
        /* A hole in the flat file is data that reads as zeros (qemu-img map says so too). */
        bool data = true;
        h = x->flat_off + in;
        int r = hostfile_extent(x->fd, h, len, &data, pnum);
        if (r < 0)
            return r;
        flags = BLOCK_STATUS_DATA | BLOCK_STATUS_ALLOCATED | BLOCK_STATUS_OFFSET_VALID |
                (data ? 0 : BLOCK_STATUS_ZERO);
    } else if ((flags = sparse_status(x, in, len, pnum, &h)) < 0) {
        return flags;
    }
    if (host)
        *host = h;
    if (file)
        *file = x->path;
    return flags;
}

int vmdk_flush(struct block_dev *bs)
{
    struct vmdk_image *im = bs->opaque;
    for (size_t i = 0; i < im->n_ext; i++) {
        struct vmdk_extent *x = &im->ext[i];
        int r = 0;
        if (x->type == VMDK_EXT_SPARSE && x->sp->hdr.compress == 1)
            r = vmdk_stream_finish(x->sp);
        else if (x->type == VMDK_EXT_SPARSE)
            r = vmdk_sparse_flush(x->sp);
        else if (x->type == VMDK_EXT_FLAT && x->access == VMDK_RW && x->own_fd &&
                 !(bs->flags & BLOCK_O_UNSAFE))
            r = hostfile_flush(x->fd);
        if (r < 0)
            return r;
    }
    return 0;
}
