/* One VMDK sparse extent: header (or streamOptimized footer), grain directory and grain
 * tables, reading grains (plain or deflated) and allocating plain grains (see vmdk_int.h).
 * Grain tables are loaded on first use and validated as they load; the whole-file scan
 * (vmdk_sparse_check) also runs before any write so allocation never lands on live data. */
#include "sysemu/block/vmdk_int.h"
#include "sysemu/block/zcache.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static uint64_t gt_bytes(const struct vmdk_sparse *s)
{
    return (uint64_t)s->hdr.gtes * 4;
}

static uint64_t gt_sectors(const struct vmdk_sparse *s)
{
    return (gt_bytes(s) + VMDK_SECTOR - 1) / VMDK_SECTOR;
}

static bool compressed(const struct vmdk_sparse *s)
{
    return s->hdr.compress == 1;
}

static bool is_zero_entry(const struct vmdk_sparse *s, uint32_t v)
{
    return v == 1 && (s->hdr.flags & VMDK_FLAG_ZERO_GRAIN);
}

static uint64_t file_sectors(const struct vmdk_sparse *s)
{
    return s->file_size / VMDK_SECTOR;
}

/* The three trailing sectors of a streamOptimized file: footer marker, footer, EOS. */
static int read_footer(struct vmdk_sparse *s)
{
    uint8_t b[3 * VMDK_SECTOR];
    if (s->file_size < 5 * VMDK_SECTOR ||
        hostfile_pread(s->fd, b, sizeof b, s->file_size - sizeof b) < 0)
        return block_fail(-EINVAL, "streamOptimized footer missing (truncated file?)");
    const uint8_t *mark = b, *foot = b + VMDK_SECTOR, *eos = b + 2 * VMDK_SECTOR;
    if (vmdk_ld32(mark + 8) != 0 || vmdk_ld32(mark + 12) != VMDK_MARK_FOOTER ||
        !vmdk_hdr_magic_ok(foot) || vmdk_ld64(eos) != 0 || vmdk_ld32(eos + 8) != 0 ||
        vmdk_ld32(eos + 12) != VMDK_MARK_EOS)
        return block_fail(-EINVAL, "streamOptimized footer or end-of-stream marker "
                         "missing or damaged (truncated file?)");
    vmdk_hdr_decode(foot, &s->hdr);
    if (s->hdr.gd_off == VMDK_GD_AT_END)
        return block_fail(-EINVAL, "streamOptimized footer has no grain directory");
    return vmdk_hdr_check(&s->hdr, s->file_size);
}

static int read_dir(struct vmdk_sparse *s, uint64_t sector, uint32_t **out)
{
    size_t n = (size_t)s->gd_entries;
    uint8_t *raw = malloc(n * 4 + 1);
    uint32_t *d = malloc(n * 4 + 1);
    int r = raw && d ? hostfile_pread(s->fd, raw, n * 4, sector * VMDK_SECTOR) : -ENOMEM;
    if (r == -EIO)
        r = block_fail(-EINVAL, "grain directory at sector %" PRIu64 " is truncated",
                      sector);
    for (size_t i = 0; r == 0 && i < n; i++) {
        d[i] = vmdk_ld32(raw + 4 * i);
        if (d[i] && (d[i] < 1 || d[i] > file_sectors(s) ||
                     gt_sectors(s) > file_sectors(s) - d[i]))
            r = block_fail(-EINVAL, "grain directory entry %zu points outside the file "
                          "(sector %" PRIu32 ")", i, d[i]);
    }
    free(raw);
    if (r < 0) {
        free(d);
        return r;
    }
    *out = d;
    return 0;
}

static int setup_tables(struct vmdk_sparse *s)
{
    s->grain_bytes = s->hdr.grain * VMDK_SECTOR;
    s->n_grains = s->hdr.capacity / s->hdr.grain + (s->hdr.capacity % s->hdr.grain != 0);
    s->gd_entries = vmdk_hdr_gd_entries(&s->hdr);
    int r = read_dir(s, s->hdr.gd_off, &s->gd);
    if (r == 0 && (s->hdr.flags & VMDK_FLAG_RGD) && !s->gd_at_end && s->hdr.rgd_off)
        r = read_dir(s, s->hdr.rgd_off, &s->rgd);
    if (r < 0)
        return r;
    s->gt = calloc(s->gd_entries + 1, sizeof *s->gt);
    s->gt_dirty = calloc(s->gd_entries + 1, 1);
    s->zbuf = malloc(s->grain_bytes);
    return s->gt && s->gt_dirty && s->zbuf ? 0 : -ENOMEM;
}

/* Readers take the footer's copy; a writer keeps the header too (it is not rewritten), so
 * the two must describe the same extent or the header would be left pointing at space the
 * new tail reuses (a descriptor the footer places elsewhere, say). */
static int footer_matches_header(const struct vmdk_hdr *h, const struct vmdk_hdr *f)
{
    const char *what = h->version != f->version ? "version"
        : (h->flags & ~VMDK_FLAG_RGD) != (f->flags & ~VMDK_FLAG_RGD) ? "flags"
        : h->capacity != f->capacity ? "capacity"
        : h->grain != f->grain ? "grain size"
        : h->gtes != f->gtes ? "grain table size"
        : h->compress != f->compress ? "compression"
        : h->desc_off != f->desc_off || h->desc_size != f->desc_size ? "descriptor place"
        : NULL;
    if (what)
        return block_fail(-ENOTSUP, "streamOptimized footer and header disagree about the "
                          "%s; refusing to write to such a VMDK", what);
    return 0;
}

static int open_header(struct vmdk_sparse *s)
{
    struct stat st;
    uint8_t b[VMDK_SECTOR];
    if (fstat(s->fd, &st) < 0)
        return block_fail(-errno, "cannot stat the extent");
    s->file_size = (uint64_t)st.st_size;
    if (s->file_size < VMDK_SECTOR || hostfile_pread(s->fd, b, sizeof b, 0) < 0)
        return block_fail(-EINVAL, "file too small for a VMDK sparse header (truncated)");
    if (!vmdk_hdr_magic_ok(b))
        return block_fail(-EINVAL, "not a VMDK sparse extent (bad magic)");
    vmdk_hdr_decode(b, &s->hdr);
    int r = vmdk_hdr_check(&s->hdr, s->file_size);
    if (r == 0 && s->hdr.gd_off == VMDK_GD_AT_END) {
        struct vmdk_hdr head = s->hdr;
        s->gd_at_end = true;
        r = read_footer(s);
        if (r == 0 && s->writable)
            r = footer_matches_header(&head, &s->hdr);
    }
    return r;
}

int vmdk_sparse_open(struct vmdk_sparse **out, int fd, bool writable)
{
    struct vmdk_sparse *s = calloc(1, sizeof *s);
    if (!s)
        return -ENOMEM;
    s->fd = fd;
    s->writable = writable;
    int r = open_header(s);
    if (r == 0)
        r = setup_tables(s);
    /* Allocation must go past every live grain and table: find them all first. */
    if (r == 0 && writable)
        r = vmdk_sparse_check(s);
    /* The appender always writes grain markers; without them a reader would misparse. */
    if (r == 0 && writable && compressed(s) && !(s->hdr.flags & VMDK_FLAG_MARKER))
        r = block_fail(-ENOTSUP, "writing compressed VMDK extents without grain markers is "
                       "not supported");
    if (r == 0 && writable && compressed(s))
        s->pend = malloc(s->grain_bytes);
    if (r == 0 && writable && compressed(s) && !s->pend)
        r = -ENOMEM;
    if (r < 0) {
        vmdk_sparse_close(s);
        return r;
    }
    *out = s;
    return 0;
}

void vmdk_sparse_close(struct vmdk_sparse *s)
{
    if (!s)
        return;
    for (uint64_t i = 0; s->gt && i < s->gd_entries; i++)
        free(s->gt[i]);
    free(s->gt);
    free(s->gt_dirty);
    free(s->gd);
    free(s->rgd);
    free(s->zbuf);
    free(s->pend);
    free(s);
}

static int check_entry(struct vmdk_sparse *s, uint64_t gdi, uint32_t i, uint32_t v)
{
    /* Grains start past the header and any embedded descriptor (an empty one has none). */
    uint64_t meta_end = s->hdr.desc_size ? s->hdr.desc_off + s->hdr.desc_size : 1;
    if (v == 0 || is_zero_entry(s, v))
        return 0;
    if (v >= file_sectors(s) || v < 1 || v < meta_end)
        return block_fail(-EINVAL, "grain table %" PRIu64 " entry %" PRIu32
                         " points outside the file's data (sector %" PRIu32 ")", gdi, i, v);
    return 0;
}

int vmdk_sparse_gt(struct vmdk_sparse *s, uint64_t gdi, uint32_t **gt)
{
    if (s->gt[gdi] || s->gd[gdi] == 0) {
        *gt = s->gt[gdi];
        return 0;
    }
    uint32_t n = s->hdr.gtes;
    uint8_t *raw = malloc(gt_bytes(s));
    uint32_t *t = malloc(gt_bytes(s));
    int r = raw && t ? hostfile_pread(s->fd, raw, gt_bytes(s), s->gd[gdi] * (uint64_t)VMDK_SECTOR)
                     : -ENOMEM;
    if (r == -EIO)
        r = block_fail(-EINVAL, "grain table %" PRIu64 " is truncated", gdi);
    for (uint32_t i = 0; r == 0 && i < n; i++) {
        t[i] = vmdk_ld32(raw + 4 * i);
        r = check_entry(s, gdi, i, t[i]);
    }
    free(raw);
    if (r < 0) {
        free(t);
        return r;
    }
    *gt = s->gt[gdi] = t;
    return 0;
}

static int lookup(struct vmdk_sparse *s, uint64_t grain, uint32_t *v)
{
    uint32_t *gt;
    int r = vmdk_sparse_gt(s, grain / s->hdr.gtes, &gt);
    *v = r == 0 && gt ? gt[grain % s->hdr.gtes] : 0;
    return r;
}

static int inflate_grain(struct vmdk_sparse *s, const uint8_t *z, size_t zlen,
                         uint64_t grain)
{
    z_stream *zs = zcache_inflate(MAX_WBITS);
    if (!zs)
        return -ENOMEM;
    zs->next_in = (Bytef *)z;
    zs->avail_in = (uInt)zlen;
    zs->next_out = s->zbuf;
    zs->avail_out = (uInt)s->grain_bytes;
    int zr = inflate(zs, Z_FINISH);
    uint64_t got = s->grain_bytes - zs->avail_out;
    /* The last grain may be stored short; the part inside the capacity may not. */
    uint64_t need = s->hdr.capacity * VMDK_SECTOR - grain * s->grain_bytes;
    if (need > s->grain_bytes)
        need = s->grain_bytes;
    if (zr != Z_STREAM_END || got < need)
        return block_fail(-EIO, "compressed grain %" PRIu64 " is corrupt", grain);
    memset(s->zbuf + got, 0, s->grain_bytes - got);
    return 0;
}

static int load_compressed(struct vmdk_sparse *s, uint64_t grain, uint32_t v)
{
    if (s->zvalid && s->zgrain == grain)
        return 0;
    uint64_t off = (uint64_t)v * VMDK_SECTOR, zlen;
    uint64_t bound = s->grain_bytes + s->grain_bytes / 8 + 1024;
    if (s->hdr.flags & VMDK_FLAG_MARKER) {
        uint8_t m[12];
        if (hostfile_pread_zero(s->fd, m, sizeof m, off) < 0)
            return -EIO;
        zlen = vmdk_ld32(m + 8);
        off += sizeof m;
        if (zlen == 0 || zlen > bound || off + zlen > s->file_size)
            return block_fail(-EINVAL, "compressed grain %" PRIu64 " at sector %" PRIu32
                             " has a bad size or runs past the end of the file", grain, v);
    } else {
        zlen = s->file_size - off < bound ? s->file_size - off : bound;
    }
    uint8_t *z = malloc(zlen);
    int r = z ? hostfile_pread(s->fd, z, zlen, off) : -ENOMEM;
    if (r == 0)
        r = inflate_grain(s, z, zlen, grain);
    free(z);
    s->zvalid = r == 0;
    s->zgrain = grain;
    return r;
}

int vmdk_sparse_read(struct vmdk_sparse *s, uint64_t off, void *buf, size_t len)
{
    uint8_t *p = buf;
    while (len) {
        uint64_t grain = off / s->grain_bytes, in = off % s->grain_bytes;
        size_t n = s->grain_bytes - in < len ? (size_t)(s->grain_bytes - in) : len;
        uint32_t v;
        int r = lookup(s, grain, &v);
        if (r < 0)
            return r;
        if (s->pend_valid && s->pend_grain == grain) {
            memcpy(p, s->pend + in, n);    /* written but not yet compressed */
        } else if (v == 0 || is_zero_entry(s, v)) {
            memset(p, 0, n);
        } else if (compressed(s)) {
            if ((r = load_compressed(s, grain, v)) < 0)
                return r;
            memcpy(p, s->zbuf + in, n);
        } else {
            r = hostfile_pread_zero(s->fd, p, n, (uint64_t)v * VMDK_SECTOR + in);
            if (r < 0)
                return block_fail(r, "cannot read grain %" PRIu64, grain);
        }
        p += n, off += n, len -= n;
    }
    return 0;
}

int vmdk_sparse_state(struct vmdk_sparse *s, uint64_t off, uint64_t *run,
                      enum vmdk_grain_state *st)
{
    uint32_t v;
    uint64_t grain = off / s->grain_bytes;
    int r = lookup(s, grain, &v);
    *run = s->grain_bytes - off % s->grain_bytes;
    *st = v == 0 ? VMDK_GRAIN_UNALLOC : is_zero_entry(s, v) ? VMDK_GRAIN_ZERO
                                                            : VMDK_GRAIN_DATA;
    return r;
}

int vmdk_sparse_host(struct vmdk_sparse *s, uint64_t off, uint64_t *host)
{
    uint32_t v;
    int r = lookup(s, off / s->grain_bytes, &v);
    *host = (uint64_t)v * VMDK_SECTOR + off % s->grain_bytes;
    return r;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    return n == 0 || (p[0] == 0 && memcmp(p, p + 1, n - 1) == 0);
}

/* A new grain at the end of the file: data first, the table entry after (flush writes it). */
static int alloc_grain(struct vmdk_sparse *s, uint32_t *gt, uint64_t grain, uint64_t in,
                       const uint8_t *p, size_t n)
{
    uint64_t at = s->alloc_next;
    if (at / VMDK_SECTOR > UINT32_MAX - s->hdr.grain)
        return block_fail(-EFBIG, "VMDK extent is full (grain offsets are 32-bit)");
    int r;
    if (n == s->grain_bytes) {
        r = hostfile_pwrite(s->fd, p, n, at);
    } else {
        uint8_t *g = calloc(1, s->grain_bytes);
        if (!g)
            return -ENOMEM;
        memcpy(g + in, p, n);
        r = hostfile_pwrite(s->fd, g, s->grain_bytes, at);
        free(g);
    }
    if (r < 0)
        return block_fail(r, "cannot write grain %" PRIu64, grain);
    s->alloc_next += s->grain_bytes;
    if (s->alloc_next > s->file_size)
        s->file_size = s->alloc_next;
    gt[grain % s->hdr.gtes] = (uint32_t)(at / VMDK_SECTOR);
    s->gt_dirty[grain / s->hdr.gtes] = 1;
    s->dirty = true;
    return 0;
}

static int write_grain(struct vmdk_sparse *s, uint64_t grain, uint64_t in, const uint8_t *p,
                       size_t n)
{
    uint32_t *gt;
    uint64_t gdi = grain / s->hdr.gtes;
    int r = vmdk_sparse_gt(s, gdi, &gt);
    if (r < 0)
        return r;
    if (!gt)
        return block_fail(-ENOTSUP, "grain table %" PRIu64 " is not allocated; writing "
                         "to such a VMDK is not supported", gdi);
    uint32_t v = gt[grain % s->hdr.gtes];
    if (v && !is_zero_entry(s, v)) {
        r = hostfile_pwrite(s->fd, p, n, (uint64_t)v * VMDK_SECTOR + in);
        return r < 0 ? block_fail(r, "cannot write grain %" PRIu64, grain) : 0;
    }
    if (all_zero(p, n))
        return 0;                          /* already reads as zeros: stay sparse */
    return alloc_grain(s, gt, grain, in, p, n);
}

int vmdk_sparse_write(struct vmdk_sparse *s, uint64_t off, const void *buf, size_t len)
{
    if (!s->writable)
        return block_fail(-EROFS, "VMDK extent opened read-only");
    if (compressed(s))
        return vmdk_stream_write(s, off, buf, len);
    const uint8_t *p = buf;
    while (len) {
        uint64_t grain = off / s->grain_bytes, in = off % s->grain_bytes;
        size_t n = s->grain_bytes - in < len ? (size_t)(s->grain_bytes - in) : len;
        int r = write_grain(s, grain, in, p, n);
        if (r < 0)
            return r;
        p += n, off += n, len -= n;
    }
    return 0;
}

static int write_gt(struct vmdk_sparse *s, uint64_t gdi, uint32_t sector)
{
    uint8_t *raw = malloc(gt_bytes(s));
    if (!raw)
        return -ENOMEM;
    for (uint32_t i = 0; i < s->hdr.gtes; i++)
        vmdk_st32(raw + 4 * i, s->gt[gdi][i]);
    int r = hostfile_pwrite(s->fd, raw, gt_bytes(s), (uint64_t)sector * VMDK_SECTOR);
    free(raw);
    return r;
}

int vmdk_sparse_sync(struct vmdk_sparse *s)
{
    if (s->unsafe || fdatasync(s->fd) == 0)
        return 0;
    return block_fail(-errno, "cannot sync the VMDK extent");
}

int vmdk_sparse_flush(struct vmdk_sparse *s)
{
    if (!s->writable || !s->dirty || compressed(s))
        return 0;
    /* Grains reach the disk before the tables that point at them. */
    int r = vmdk_sparse_sync(s);
    if (r < 0)
        return r;
    for (uint64_t i = 0; i < s->gd_entries; i++) {
        if (!s->gt_dirty[i])
            continue;
        int r = write_gt(s, i, s->gd[i]);
        if (r == 0 && s->rgd && s->rgd[i])
            r = write_gt(s, i, s->rgd[i]);
        if (r < 0)
            return block_fail(r, "cannot write grain table %" PRIu64, i);
        s->gt_dirty[i] = 0;
    }
    s->dirty = false;
    return vmdk_sparse_sync(s);
}
