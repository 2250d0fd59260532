/* qcow2 compressed clusters: raw deflate streams (zlib, 4 KiB window as the format's
 * readers expect) packed byte-wise into host clusters. */
#include "sysemu/block/qcow2.h"
#include "sysemu/block/hostfile.h"
#include "sysemu/block/zcache.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define WINDOW_BITS (-12)

static unsigned csize_shift(const struct qcow2 *s)
{
    return 62 - (s->cluster_bits - 8);
}

void qcow2_compressed_range(const struct qcow2 *s, uint64_t entry, uint64_t *start,
                            uint64_t *len)
{
    unsigned x = csize_shift(s);
    uint64_t off = entry & ((1ULL << x) - 1);
    uint64_t sectors = (entry >> x) & ((1ULL << (s->cluster_bits - 8)) - 1);
    *start = off;
    *len = (sectors + 1) * 512 - (off & 511);
}

static int inflate_cluster(const uint8_t *in, size_t inlen, uint8_t *out, size_t outlen)
{
    z_stream *z = zcache_inflate(WINDOW_BITS);
    if (!z)
        return -ENOMEM;
    z->next_in = (Bytef *)in;
    z->avail_in = (uInt)inlen;
    z->next_out = out;
    z->avail_out = (uInt)outlen;
    int zr = inflate(z, Z_FINISH);
    /* The stored length is rounded up to sectors, so input may be left over. */
    if ((zr != Z_STREAM_END && zr != Z_BUF_ERROR) || z->avail_out != 0)
        return -EIO;
    return 0;
}

int qcow2_read_compressed(struct qcow2 *s, uint64_t entry, uint8_t *cluster)
{
    uint64_t start, len, file_size;
    qcow2_compressed_range(s, entry, &start, &len);
    if (s->zbuf_offset == (entry & ~QCOW_OFLAG_COPIED) && cluster == s->zbuf)
        return 0;
    int r = hostfile_size(s->fd, &file_size);
    if (r < 0)
        return r;
    if (start < s->cluster_size || start >= file_size)
        return block_fail(-EIO, "qcow2: compressed cluster at 0x%llx is outside the file "
                          "(image corrupt)", (unsigned long long)start);
    uint8_t *in = malloc((size_t)len);
    if (!in)
        return -ENOMEM;
    r = hostfile_pread_zero(s->fd, in, (size_t)len, start);
    if (r == 0 && inflate_cluster(in, (size_t)len, cluster, s->cluster_size) < 0)
        r = block_fail(-EIO, "qcow2: compressed cluster at 0x%llx does not decompress "
                       "(image corrupt)", (unsigned long long)start);
    free(in);
    if (cluster == s->zbuf)
        s->zbuf_offset = r == 0 ? entry & ~QCOW_OFLAG_COPIED : 0;
    return r;
}

/* Deflates one cluster; returns the compressed length, or 0 when it does not shrink. */
static size_t deflate_cluster(const uint8_t *in, size_t len, uint8_t *out, size_t outcap)
{
    z_stream *z = zcache_deflate(Z_DEFAULT_COMPRESSION, WINDOW_BITS, 9);
    if (!z)
        return 0;
    z->next_in = (Bytef *)in;
    z->avail_in = (uInt)len;
    z->next_out = out;
    z->avail_out = (uInt)outcap;
    int zr = deflate(z, Z_FINISH);
    return zr == Z_STREAM_END ? outcap - z->avail_out : 0;
}

/* Host bytes for clen compressed bytes: the rest of the current packing cluster when they
 * fit, else new clusters. */
static int place_compressed(struct qcow2 *s, size_t clen, uint64_t *at)
{
    uint64_t cs = s->cluster_size;
    if (s->free_byte && (s->free_byte & (cs - 1)) &&
        cs - (s->free_byte & (cs - 1)) >= clen) {
        *at = s->free_byte;
        s->free_byte += clen;
        return qcow2_refcount_add(s, *at, clen, 1);
    }
    uint64_t off;
    int r = qcow2_alloc_clusters(s, (clen + cs - 1) / cs, &off);
    if (r < 0)
        return r;
    *at = off;
    s->free_byte = off + clen;
    return 0;
}

static int store(struct qcow2 *s, uint64_t off, const uint8_t *z, size_t clen)
{
    uint64_t at = 0, *e, l2_offset;
    int r = qcow2_l2_for_write(s, off, &e, &l2_offset);
    if (r == 0)
        r = place_compressed(s, clen, &at);
    if (r == 0 && !s->dirty_set)
        r = qcow2_refcount_sync(s);
    if (r == 0)
        r = hostfile_pwrite(s->fd, z, clen, at);
    if (r == 0)
        r = qcow2_barrier(s);   /* refcounts and data before the L2 entry */
    if (r == 0)
        r = qcow2_l2_load(s, l2_offset, &e);
    if (r < 0)
        return r;
    uint32_t idx = (uint32_t)(off >> s->cluster_bits) & (s->l2_size - 1);
    uint64_t old = e[idx];
    uint64_t sectors = ((at + clen - 1) >> 9) - (at >> 9);
    e[idx] = QCOW_OFLAG_COMPRESSED | sectors << csize_shift(s) | at;
    r = qcow2_l2_write(s, l2_offset, idx, 1);
    if (r == 0 && old)
        r = qcow2_barrier(s);
    return r == 0 && old ? qcow2_free_entry(s, old) : r;
}

size_t qcow2_compress(const struct block_dev *bs, const void *buf, size_t len, void *out,
                      size_t cap)
{
    size_t cs = bs->cluster_size;
    if (len > cs || cap == 0)
        return 0;
    const void *in = buf;
    uint8_t *padded = NULL;
    /* The last cluster of a disk may be short; a compressed cluster is always whole. */
    if (len < cs) {
        if (!(padded = calloc(1, cs)))
            return 0;
        memcpy(padded, buf, len);
        in = padded;
    }
    size_t n = deflate_cluster(in, cs, out, cap < cs - 1 ? cap : cs - 1);
    free(padded);
    return n;
}

int qcow2_write_compressed_raw(struct block_dev *bs, uint64_t off, const void *z, size_t zlen)
{
    struct qcow2 *s = bs->opaque;
    if (zlen == 0 || zlen >= s->cluster_size)
        return block_fail(-EINVAL, "qcow2: compressed data must be shorter than a cluster");
    int r = 0;
    if ((s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS) && !s->dirty_set &&
        (r = qcow2_set_incompat(s, QCOW2_INCOMPAT_DIRTY, true)) == 0)
        s->dirty_set = true;
    return r < 0 ? r : store(s, off, z, zlen);
}

int qcow2_write_compressed(struct block_dev *bs, uint64_t off, const void *buf, size_t len)
{
    struct qcow2 *s = bs->opaque;
    uint8_t *out = malloc(s->cluster_size);
    if (!out)
        return -ENOMEM;
    size_t clen = qcow2_compress(bs, buf, len, out, s->cluster_size);
    int r = clen ? qcow2_write_compressed_raw(bs, off, out, clen) : qcow2_write(bs, off, buf, len);
    free(out);
    return r;
}
