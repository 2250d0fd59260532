/* Reads, writes and allocation status through the generic layer: bounds checks, alignment
 * padding for drivers that need it, backing-chain walks (see block.h). */
#include "sysemu/block/block.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int check_range(struct block_dev *bs, uint64_t off, uint64_t len)
{
    if (off > bs->size || len > bs->size - off)
        return block_fail(-EINVAL, "request [%llu, +%llu) is beyond the end of the image "
                          "(%llu bytes)", (unsigned long long)off, (unsigned long long)len,
                          (unsigned long long)bs->size);
    return 0;
}

/* True when the driver can take [off, off+len) as it is. */
static bool is_aligned(struct block_dev *bs, uint64_t off, uint64_t len)
{
    uint32_t a = bs->drv->align ? bs->drv->align : 1;
    return off % a == 0 && (len % a == 0 || off + len == bs->size);
}

/* The aligned window around [off, off+len), clipped to the disk's end. */
static void widen(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *woff,
                  uint64_t *wlen)
{
    uint32_t a = bs->drv->align;
    uint64_t start = off / a * a;
    uint64_t end = (off + len + a - 1) / a * a;
    if (end > bs->size)
        end = bs->size;
    *woff = start;
    *wlen = end - start;
}

int block_read(struct block_dev *bs, uint64_t off, void *buf, size_t len)
{
    int r = check_range(bs, off, len);
    if (r < 0 || len == 0)
        return r;
    if (is_aligned(bs, off, len))
        return bs->drv->read(bs, off, buf, len);
    uint64_t woff, wlen;
    widen(bs, off, len, &woff, &wlen);
    uint8_t *tmp = malloc(wlen);
    if (!tmp)
        return -ENOMEM;
    r = bs->drv->read(bs, woff, tmp, wlen);
    if (r == 0)
        memcpy(buf, tmp + (off - woff), len);
    free(tmp);
    return r;
}

/* A probed raw image must not become another format by a write to its first sector (a
 * guest-written qcow2 header could name any host file as its backing file). */
static int guard_probed_raw(struct block_dev *bs, uint64_t off, const void *buf, size_t len)
{
    if (!bs->probed_raw || off >= BLOCK_SECTOR)
        return 0;
    uint8_t head[BLOCK_SECTOR];
    size_t have = bs->size < BLOCK_SECTOR ? (size_t)bs->size : BLOCK_SECTOR;
    int r = bs->drv->read(bs, 0, head, have);
    if (r < 0)
        return r;
    size_t n = len < have - off ? len : have - (size_t)off;
    memcpy(head + off, buf, n);
    for (int i = 0; block_drivers[i]; i++)
        if (block_drivers[i] != bs->drv && block_drivers[i]->probe &&
            block_drivers[i]->probe(head, have, bs->filename) > 1)
            return block_fail(-EPERM, "'%s' was probed as raw: refusing a write that makes it "
                              "look like %s (name the format with -f raw)", bs->filename,
                              block_drivers[i]->name);
    return 0;
}

int block_write(struct block_dev *bs, uint64_t off, const void *buf, size_t len)
{
    if (!(bs->flags & BLOCK_O_RDWR))
        return block_fail(-EBADF, "image '%s' is open read-only", bs->filename);
    int r = check_range(bs, off, len);
    if (r < 0 || len == 0)
        return r;
    if ((r = guard_probed_raw(bs, off, buf, len)) < 0)
        return r;
    if (is_aligned(bs, off, len))
        return bs->drv->write(bs, off, buf, len);
    uint64_t woff, wlen;
    widen(bs, off, len, &woff, &wlen);
    uint8_t *tmp = malloc(wlen);
    if (!tmp)
        return -ENOMEM;
    r = bs->drv->read(bs, woff, tmp, wlen);
    if (r == 0) {
        memcpy(tmp + (off - woff), buf, len);
        r = bs->drv->write(bs, woff, tmp, wlen);
    }
    free(tmp);
    return r;
}

int block_write_zeroes(struct block_dev *bs, uint64_t off, uint64_t len, bool may_unmap)
{
    if (!(bs->flags & BLOCK_O_RDWR))
        return block_fail(-EBADF, "image '%s' is open read-only", bs->filename);
    int r = check_range(bs, off, len);
    if (r < 0 || len == 0)
        return r;
    if (bs->drv->write_zeroes && is_aligned(bs, off, len)) {
        r = bs->drv->write_zeroes(bs, off, len, may_unmap);
        if (r != -ENOTSUP && r != -EOPNOTSUPP)
            return r;
        r = 0;      /* the driver can't do it cheaply here: write zeros */
    }
    size_t chunk = len < (1 << 20) ? (size_t)len : (1 << 20);
    void *z = calloc(1, chunk);
    if (!z)
        return -ENOMEM;
    for (uint64_t done = 0; done < len && r == 0; done += chunk) {
        size_t n = len - done < chunk ? (size_t)(len - done) : chunk;
        r = block_write(bs, off + done, z, n);
    }
    free(z);
    return r;
}

int block_write_compressed(struct block_dev *bs, uint64_t off, const void *buf, size_t len)
{
    if (!(bs->flags & BLOCK_O_RDWR))
        return block_fail(-EBADF, "image '%s' is open read-only", bs->filename);
    if (!bs->drv->write_compressed || !bs->cluster_size)
        return block_fail(-ENOTSUP, "format '%s' does not support compressed writes",
                          bs->drv->name);
    int r = check_range(bs, off, len);
    if (r < 0)
        return r;
    uint64_t end = off + bs->cluster_size < bs->size ? off + bs->cluster_size : bs->size;
    if (off % bs->cluster_size || off + len != end)
        return block_fail(-EINVAL, "compressed writes must cover exactly one cluster");
    return bs->drv->write_compressed(bs, off, buf, len);
}

bool block_can_compress_in_parallel(const struct block_dev *bs)
{
    return bs->drv->compress && bs->drv->write_compressed_raw && bs->cluster_size;
}

size_t block_compress(const struct block_dev *bs, const void *in, size_t len, void *out,
                      size_t cap)
{
    return block_can_compress_in_parallel(bs) ? bs->drv->compress(bs, in, len, out, cap) : 0;
}

int block_write_precompressed(struct block_dev *bs, uint64_t off, const void *z, size_t zlen)
{
    if (!(bs->flags & BLOCK_O_RDWR))
        return block_fail(-EBADF, "image '%s' is open read-only", bs->filename);
    if (!block_can_compress_in_parallel(bs))
        return block_fail(-ENOTSUP, "format '%s' does not support compressed writes",
                          bs->drv->name);
    if (off % bs->cluster_size || off >= bs->size)
        return block_fail(-EINVAL, "compressed writes must start a cluster inside the image");
    return bs->drv->write_compressed_raw(bs, off, z, zlen);
}

int block_flush(struct block_dev *bs)
{
    if (!(bs->flags & BLOCK_O_RDWR) || !bs->drv->flush)
        return 0;
    return bs->drv->flush(bs);
}

int block_truncate(struct block_dev *bs, uint64_t size, bool allow_shrink, const char *prealloc)
{
    if (!(bs->flags & BLOCK_O_RDWR))
        return block_fail(-EBADF, "image '%s' is open read-only", bs->filename);
    if (!bs->drv->truncate)
        return block_fail(-ENOTSUP, "format '%s' does not support resizing", bs->drv->name);
    if (size > BLOCK_MAX_SIZE)
        return block_fail(-EFBIG, "size %llu is too large", (unsigned long long)size);
    if (size < bs->size && !allow_shrink)
        return block_fail(-EPERM, "shrinking needs --shrink (data beyond the new end is lost)");
    return bs->drv->truncate(bs, size, prealloc ? prealloc : "off");
}

int block_status(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                 uint64_t *host, const char **file)
{
    int r = check_range(bs, off, len);
    if (r < 0)
        return r;
    if (len == 0) {
        *pnum = 0;
        return 0;
    }
    if (!bs->drv->block_status) {
        *pnum = len;
        return BLOCK_STATUS_DATA | BLOCK_STATUS_ALLOCATED;
    }
    r = bs->drv->block_status(bs, off, len, pnum, host, file);
    if (r >= 0 && (*pnum == 0 || *pnum > len))
        return block_fail(-EIO, "driver %s reported a bad status length", bs->drv->name);
    return r;
}

int block_status_above(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                       uint64_t *host, const char **file, int *depth)
{
    *depth = 0;
    for (struct block_dev *layer = bs;; layer = layer->backing, ++*depth) {
        int st = block_status(layer, off, len, pnum, host, file);
        if (st < 0 || (st & BLOCK_STATUS_ALLOCATED))
            return st;
        len = *pnum;
        struct block_dev *next = layer->backing;
        if (!next)
            return st | BLOCK_STATUS_ZERO;
        if (off >= next->size)
            return (st | BLOCK_STATUS_ZERO) & ~BLOCK_STATUS_DATA;
        if (len > next->size - off)
            len = *pnum = next->size - off;
    }
}

int block_read_backing(struct block_dev *bs, uint64_t off, void *buf, size_t len)
{
    struct block_dev *b = bs->backing;
    uint64_t have = 0;
    if (b && off < b->size) {
        have = b->size - off < len ? b->size - off : len;
        int r = block_read(b, off, buf, (size_t)have);
        if (r < 0)
            return r;
    }
    memset((uint8_t *)buf + have, 0, len - (size_t)have);
    return 0;
}
