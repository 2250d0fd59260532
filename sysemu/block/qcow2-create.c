/* qcow2 images from nothing (create), their expected size (measure), and option changes of
 * an existing image (amend: compat level, lazy refcounts, size). */
#include "sysemu/block/qcow2.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct block_opt_desc qcow2_create_opts[] = {
    { "size", "size", "Virtual disk size" },
    { "compat", "str", "Compatibility level (v2 [0.10] or v3 [1.1])" },
    { "backing_file", "str", "File name of a base image" },
    { "backing_fmt", "str", "Image format of the base image" },
    { "cluster_size", "size", "qcow2 cluster size" },
    { "preallocation", "str", "Preallocation mode (allowed values: off, metadata, falloc, "
      "full)" },
    { "lazy_refcounts", "bool", "Postpone refcount updates" },
    { "refcount_bits", "num", "Width of a reference count entry in bits" },
    { "compression_type", "str", "Compression method (zlib)" },
    { "extended_l2", "bool", "Extended L2 tables (not supported: off)" },
    { "encryption", "bool", "Encryption (not supported: off)" },
    { "encrypt.format", "str", "Encryption (not supported)" },
    { "data_file", "str", "External data file (not supported)" },
    { NULL, NULL, NULL },
};

const struct block_opt_desc qcow2_amend_opts[] = {
    { "compat", "str", "Compatibility level (v2 [0.10] or v3 [1.1])" },
    { "lazy_refcounts", "bool", "Postpone refcount updates" },
    { "size", "size", "Virtual disk size" },
    { NULL, NULL, NULL },
};

struct params {
    uint32_t version, cluster_bits, refcount_order;
    bool lazy;
    const char *backing_file, *backing_fmt;
};

static int parse_compat(const char *v, uint32_t *version)
{
    if (!v || !strcmp(v, "1.1") || !strcmp(v, "v3"))
        *version = 3;
    else if (!strcmp(v, "0.10") || !strcmp(v, "v2"))
        *version = 2;
    else
        return block_fail(-EINVAL, "qcow2: invalid compat level '%s' (0.10/v2 or 1.1/v3)", v);
    return 0;
}

static int refuse_unsupported(const struct block_opts *o)
{
    bool on;
    const char *v;
    int r = block_opts_get_bool(o, "extended_l2", false, &on);
    if (r == 0 && on)
        r = block_fail(-ENOTSUP, "qcow2: extended L2 entries are not supported");
    if (r == 0 && (r = block_opts_get_bool(o, "encryption", false, &on)) == 0 && on)
        r = block_fail(-ENOTSUP, "qcow2: encryption is not supported");
    if (r == 0 && block_opts_get(o, "encrypt.format"))
        r = block_fail(-ENOTSUP, "qcow2: encryption is not supported");
    if (r == 0 && block_opts_get(o, "data_file"))
        r = block_fail(-ENOTSUP, "qcow2: external data files are not supported");
    if (r == 0 && (v = block_opts_get(o, "compression_type")) && strcmp(v, "zlib"))
        r = block_fail(-ENOTSUP, "qcow2: compression type '%s' is not supported (zlib is)", v);
    if (r == 0 && (v = block_opts_get(o, "preallocation")) && strcmp(v, "off") &&
        strcmp(v, "metadata") && strcmp(v, "falloc") && strcmp(v, "full"))
        r = block_fail(-EINVAL, "qcow2: invalid preallocation mode '%s' (off, metadata, "
                       "falloc, full)", v);
    if (r == 0 && v && strcmp(v, "off") && block_opts_get(o, "backing_file"))
        r = block_fail(-EINVAL, "qcow2: preallocation and a backing file cannot be used "
                       "together");
    return r;
}

static int parse_params(const struct block_opts *o, struct params *p)
{
    uint64_t cs, bits;
    int r = refuse_unsupported(o);
    if (r == 0)
        r = parse_compat(block_opts_get(o, "compat"), &p->version);
    if (r == 0)
        r = block_opts_get_size(o, "cluster_size", 65536, &cs);
    if (r == 0 && (cs & (cs - 1) || cs < 512 || cs > (2u << 20)))
        r = block_fail(-EINVAL, "qcow2: cluster size must be a power of two between 512 and "
                       "2M");
    if (r == 0)
        r = block_opts_get_size(o, "refcount_bits", 16, &bits);
    if (r == 0 && (bits & (bits - 1) || bits < 1 || bits > 64))
        r = block_fail(-EINVAL, "qcow2: refcount_bits must be a power of two up to 64");
    if (r == 0)
        r = block_opts_get_bool(o, "lazy_refcounts", false, &p->lazy);
    if (r == 0 && p->version == 2 && (p->lazy || bits != 16))
        r = block_fail(-EINVAL, "qcow2: lazy_refcounts and refcount_bits other than 16 need "
                       "compat=1.1");
    if (r < 0)
        return r;
    p->cluster_bits = (uint32_t)__builtin_ctzll(cs);
    p->refcount_order = (uint32_t)__builtin_ctzll(bits);
    p->backing_file = block_opts_get(o, "backing_file");
    p->backing_fmt = block_opts_get(o, "backing_fmt");
    if (p->backing_fmt && !p->backing_file)
        return block_fail(-EINVAL, "qcow2: backing_fmt needs backing_file");
    return 0;
}

/* An image of size 0: header, refcount table, one refcount block counting those three. */
static int write_skeleton(const char *filename, const struct params *p)
{
    struct block_dev bs = { .size = 0 };
    struct qcow2 s = { .bs = &bs, .version = p->version, .cluster_bits = p->cluster_bits,
                       .cluster_size = 1u << p->cluster_bits,
                       .refcount_order = p->refcount_order };
    s.reftable_offset = s.cluster_size;
    s.reftable_clusters = 1;
    s.compat = p->lazy ? QCOW2_COMPAT_LAZY_REFCOUNTS : 0;
    if (p->backing_file)
        snprintf(bs.backing_file, sizeof(bs.backing_file), "%s", p->backing_file);
    if (p->backing_fmt)
        snprintf(s.backing_fmt, sizeof(s.backing_fmt), "%s", p->backing_fmt);
    if (p->backing_file && strlen(p->backing_file) > QCOW2_MAX_BACKING_NAME)
        return block_fail(-EINVAL, "qcow2: backing file name too long");
    uint8_t *buf = calloc(3, s.cluster_size);
    if (!buf)
        return -ENOMEM;
    int r = qcow2_build_header(&s, buf);
    put_be64(buf + s.cluster_size, 2ULL * s.cluster_size);
    uint8_t *rb = buf + 2 * s.cluster_size;
    unsigned w = 1u << p->refcount_order;
    for (unsigned i = 0; i < 3; i++) {
        if (w < 8)
            rb[i * w / 8] |= (uint8_t)(1u << (i * w % 8));
        else
            rb[(i + 1) * (w / 8) - 1] = 1;
    }
    int fd = r == 0 ? hostfile_create(filename) : r;
    if (fd < 0) {
        free(buf);
        return r < 0 ? r : block_fail(fd, "could not create '%s': %s", filename, strerror(-fd));
    }
    /* The header goes last: a create killed midway leaves a file that is not a qcow2 image
     * rather than one whose refcounts are missing. */
    r = hostfile_pwrite(fd, buf + s.cluster_size, 2 * (size_t)s.cluster_size, s.cluster_size);
    if (r == 0)
        r = hostfile_pwrite(fd, buf, s.cluster_size, 0);
    free(buf);
    close(fd);
    return r;
}

int qcow2_create(const char *filename, uint64_t size, const struct block_opts *opts)
{
    struct params p = { 0 };
    int r = parse_params(opts, &p);
    if (r < 0)
        return r;
    size = (size + BLOCK_SECTOR - 1) / BLOCK_SECTOR * BLOCK_SECTOR;
    if ((r = write_skeleton(filename, &p)) < 0)
        return r;
    struct block_dev *bs;
    r = block_open(&bs, filename, "qcow2", BLOCK_O_RDWR | BLOCK_O_NO_BACKING);
    if (r < 0)
        return r;
    const char *prealloc = block_opts_get(opts, "preallocation");
    if (size)
        r = block_truncate(bs, size, false, prealloc ? prealloc : "off");
    block_close(bs);
    return r;
}

/* Clusters of refcount blocks and table needed to count `clusters` clusters plus
 * themselves. */
static uint64_t refcount_meta(uint64_t clusters, uint32_t cluster_bits, uint32_t order)
{
    uint64_t per_block = (8ULL << cluster_bits) >> order, per_table = (1ULL << cluster_bits) / 8;
    uint64_t blocks = 0, table = 0;
    for (;;) {
        uint64_t nb = (clusters + blocks + table + per_block - 1) / per_block;
        uint64_t nt = (nb + per_table - 1) / per_table;
        if (nb == blocks && nt == table)
            return blocks + table;
        blocks = nb;
        table = nt;
    }
}

/* Clusters the input allocates (data that is not zero), counted per destination cluster. */
static int allocated_clusters(struct block_dev *in, uint32_t cluster_bits, uint64_t *n)
{
    uint64_t cs = 1ULL << cluster_bits, last = UINT64_MAX;
    *n = 0;
    for (uint64_t off = 0, pnum; off < in->size; off += pnum) {
        uint64_t host;
        int depth;
        int st = block_status_above(in, off, in->size - off, &pnum, &host, NULL, &depth);
        if (st < 0)
            return st;
        if (st & BLOCK_STATUS_ZERO)
            continue;
        uint64_t first = off / cs, end = (off + pnum - 1) / cs;
        if (first == last)
            first++;
        if (end >= first)
            *n += end - first + 1;
        last = end;
    }
    return 0;
}

int qcow2_measure(uint64_t size, const struct block_opts *opts, struct block_dev *in,
                  struct block_measure *out)
{
    struct params p = { 0 };
    int r = parse_params(opts, &p);
    if (r < 0)
        return r;
    if (in)
        size = in->size;
    size = (size + BLOCK_SECTOR - 1) / BLOCK_SECTOR * BLOCK_SECTOR;
    uint64_t cs = 1ULL << p.cluster_bits, l2_entries = cs / 8;
    uint64_t data = (size + cs - 1) / cs;
    uint64_t l2 = (data + l2_entries - 1) / l2_entries;
    uint64_t l1 = (l2 * 8 + cs - 1) / cs;
    uint64_t meta = 1 + l1 + l2;
    uint64_t used = 0;
    if (in && (r = allocated_clusters(in, p.cluster_bits, &used)) < 0)
        return r;
    /* Refcount structures are sized for the fully allocated image either way. */
    uint64_t rc = refcount_meta(meta + data, p.cluster_bits, p.refcount_order);
    out->required = (meta + used + rc) * cs;
    out->fully_allocated = (meta + data + rc) * cs;
    out->bitmaps = 0;
    return 0;
}

/* v3 -> v2 drops zero flags, which v2 cannot express: refuse when any are in use. */
static int check_downgrade(struct qcow2 *s)
{
    if (s->refcount_order != 4)
        return block_fail(-ENOTSUP, "qcow2: compat=0.10 needs refcount_bits=16");
    if (s->incompat & ~QCOW2_INCOMPAT_DIRTY)
        return block_fail(-ENOTSUP, "qcow2: the image uses features compat=0.10 lacks");
    for (uint64_t off = 0, pnum; off < s->bs->size; off += pnum) {
        int st = qcow2_block_status(s->bs, off, s->bs->size - off, &pnum, NULL, NULL);
        if (st < 0)
            return st;
        if ((st & BLOCK_STATUS_ZERO) && (st & BLOCK_STATUS_ALLOCATED))
            return block_fail(-ENOTSUP, "qcow2: cannot downgrade to compat=0.10: the image "
                              "has zero clusters (convert it instead)");
    }
    return 0;
}

static int set_version(struct qcow2 *s, uint32_t version)
{
    if (version == s->version)
        return 0;
    int r = version == 2 ? check_downgrade(s) : 0;
    if (r < 0)
        return r;
    uint32_t old = s->version;
    s->version = version;
    s->header_length = version == 2 ? QH_V2_LENGTH : QH_V3_LENGTH;
    if (version == 2)
        s->compat = s->autoclear = s->incompat = 0;
    r = s->nb_snapshots ? qcow2_snapshots_write(s) : qcow2_write_header(s);
    if (r < 0)
        s->version = old;
    return r;
}

int qcow2_amend(struct block_dev *bs, const struct block_opts *opts)
{
    struct qcow2 *s = bs->opaque;
    uint32_t version = s->version;
    bool lazy;
    uint64_t size;
    const char *compat = block_opts_get(opts, "compat");
    int r = compat ? parse_compat(compat, &version) : 0;
    if (r == 0)
        r = block_opts_get_bool(opts, "lazy_refcounts",
                                s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS, &lazy);
    if (r == 0)
        r = block_opts_get_size(opts, "size", bs->size, &size);
    if (r == 0 && lazy && version < 3)
        r = block_fail(-EINVAL, "qcow2: lazy refcounts need compat=1.1");
    if (r == 0 && version > s->version)
        r = set_version(s, version);
    if (r == 0 && lazy != !!(s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS)) {
        s->compat = lazy ? s->compat | QCOW2_COMPAT_LAZY_REFCOUNTS
                         : s->compat & ~(uint64_t)QCOW2_COMPAT_LAZY_REFCOUNTS;
        r = qcow2_write_header(s);
    }
    if (r == 0 && version < s->version)
        r = set_version(s, version);
    if (r == 0 && size != bs->size)
        r = block_truncate(bs, size, false, "off");
    return r;
}
