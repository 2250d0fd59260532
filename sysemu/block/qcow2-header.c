/* qcow2 header: parsing and validating the header, its extensions and the backing file
 * name; writing it back (unknown extensions preserved); feature bits. */
#include "sysemu/block/qcow2.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct feature_name {
    uint8_t type, bit;      /* type: 0 incompatible, 1 compatible, 2 autoclear */
    const char *name;
};

/* The feature names of the qcow2 specification, written into v3 headers for tools that
 * meet a bit they do not know. */
static const struct feature_name feature_names[] = {
    { 0, 0, "dirty bit" }, { 0, 1, "corrupt bit" }, { 0, 2, "external data file" },
    { 0, 3, "compression type" }, { 0, 4, "extended L2 entries" },
    { 1, 0, "lazy refcounts" }, { 2, 0, "bitmaps" }, { 2, 1, "raw external data" },
};
#define NFEATURES (sizeof(feature_names) / sizeof(feature_names[0]))

int qcow2_barrier(struct qcow2 *s)
{
    return s->unsafe ? 0 : hostfile_flush(s->fd);
}

static int parse_ext(struct qcow2 *s, uint32_t type, const uint8_t *data, uint32_t len,
                     uint64_t *unknown_named, const uint8_t **table, uint32_t *table_len)
{
    switch (type) {
    case QEXT_BACKING_FORMAT:
        if (len >= sizeof(s->backing_fmt))
            return block_fail(-EINVAL, "qcow2: backing format name too long (%u bytes)", len);
        memcpy(s->backing_fmt, data, len);
        s->backing_fmt[len] = 0;
        return 0;
    case QEXT_FEATURE_TABLE:
        *table = data;
        *table_len = len;
        return 0;
    case QEXT_CRYPTO:
        return block_fail(-ENOTSUP, "qcow2: encrypted images are not supported");
    case QEXT_DATA_FILE:
        return block_fail(-ENOTSUP, "qcow2: external data files are not supported");
    default: {
        struct qcow2_ext *e = realloc(s->exts, sizeof(*e) * (size_t)(s->nexts + 1));
        if (!e)
            return -ENOMEM;
        s->exts = e;
        e[s->nexts].type = type;
        e[s->nexts].len = len;
        e[s->nexts].data = malloc(len ? len : 1);
        if (!e[s->nexts].data)
            return -ENOMEM;
        memcpy(e[s->nexts].data, data, len);
        s->nexts++;
        (void)unknown_named;
        return 0;
    }
    }
}

/* Walks the extensions between the header and the end of the header cluster. */
static int parse_exts(struct qcow2 *s, const uint8_t *hdr, uint32_t start, uint32_t end,
                      const uint8_t **table, uint32_t *table_len)
{
    uint32_t p = start;
    while (p + 8 <= end) {
        uint32_t type = be32(hdr + p), len = be32(hdr + p + 4);
        if (type == QEXT_END)
            return 0;
        if (len > end - p - 8)
            return block_fail(-EINVAL, "qcow2: header extension 0x%x runs past the header "
                              "cluster (length %u)", type, len);
        int r = parse_ext(s, type, hdr + p + 8, len, NULL, table, table_len);
        if (r < 0)
            return r;
        p += 8 + ((len + 7) & ~7u);
    }
    return 0;
}

/* The unknown incompatible feature bits, named from the image's own table if it has one. */
static int refuse_features(uint64_t bits, const uint8_t *table, uint32_t table_len)
{
    char names[256] = "";
    for (int bit = 0; bit < 64; bit++) {
        if (!(bits >> bit & 1))
            continue;
        char one[64];
        snprintf(one, sizeof(one), "bit %d", bit);
        for (uint32_t i = 0; table && i + 48 <= table_len; i += 48)
            if (table[i] == 0 && table[i + 1] == bit)
                snprintf(one, sizeof(one), "%.46s", (const char *)table + i + 2);
        size_t n = strlen(names);
        snprintf(names + n, sizeof(names) - n, "%s%s", n ? ", " : "", one);
    }
    return block_fail(-ENOTSUP, "qcow2: unsupported incompatible features: %s", names);
}

static int check_features(struct qcow2 *s, const uint8_t *hdr, const uint8_t *table,
                          uint32_t table_len)
{
    if (s->incompat & QCOW2_INCOMPAT_DATA_FILE)
        return block_fail(-ENOTSUP, "qcow2: external data files are not supported");
    if (s->incompat & QCOW2_INCOMPAT_EXTL2)
        return block_fail(-ENOTSUP, "qcow2: extended L2 entries (subclusters) are not "
                          "supported");
    if (s->incompat & QCOW2_INCOMPAT_COMPRESSION) {
        uint8_t type = s->header_length > QH_COMPRESSION_TYPE ? hdr[QH_COMPRESSION_TYPE] : 0;
        if (type != 0)
            return block_fail(-ENOTSUP, "qcow2: compression type %u (zstd?) is not supported; "
                              "only zlib is", type);
    }
    uint64_t known = QCOW2_INCOMPAT_DIRTY | QCOW2_INCOMPAT_CORRUPT | QCOW2_INCOMPAT_COMPRESSION;
    if (s->incompat & ~known)
        return refuse_features(s->incompat & ~known, table, table_len);
    return 0;
}

static int parse_version_fields(struct qcow2 *s, const uint8_t *hdr, uint64_t file_size)
{
    s->version = be32(hdr + QH_VERSION);
    if (s->version != 2 && s->version != 3)
        return block_fail(-ENOTSUP, "qcow2: unsupported version %u (2 and 3 are)", s->version);
    s->cluster_bits = be32(hdr + QH_CLUSTER_BITS);
    if (s->cluster_bits < QCOW2_MIN_CLUSTER_BITS || s->cluster_bits > QCOW2_MAX_CLUSTER_BITS)
        return block_fail(-EINVAL, "qcow2: cluster_bits %u is out of range (%d..%d)",
                          s->cluster_bits, QCOW2_MIN_CLUSTER_BITS, QCOW2_MAX_CLUSTER_BITS);
    s->cluster_size = 1u << s->cluster_bits;
    s->l2_bits = s->cluster_bits - 3;
    s->l2_size = 1u << s->l2_bits;
    if (s->version == 2) {
        s->header_length = QH_V2_LENGTH;
        s->refcount_order = 4;
        return 0;
    }
    s->incompat = be64(hdr + QH_INCOMPAT);
    s->compat = be64(hdr + QH_COMPAT);
    s->autoclear = be64(hdr + QH_AUTOCLEAR);
    s->refcount_order = be32(hdr + QH_REFCOUNT_ORDER);
    s->header_length = be32(hdr + QH_HEADER_LENGTH);
    if (s->refcount_order > 6)
        return block_fail(-EINVAL, "qcow2: refcount_order %u is out of range (0..6)",
                          s->refcount_order);
    if (s->header_length < 104 || s->header_length > s->cluster_size ||
        s->header_length > file_size)
        return block_fail(-EINVAL, "qcow2: header length %u is invalid", s->header_length);
    return 0;
}

static int check_table(struct qcow2 *s, uint64_t offset, uint64_t bytes, uint64_t file_size,
                       const char *what)
{
    if (offset & (s->cluster_size - 1))
        return block_fail(-EINVAL, "qcow2: %s offset 0x%llx is not cluster-aligned", what,
                          (unsigned long long)offset);
    if (offset == 0 && bytes)
        return block_fail(-EINVAL, "qcow2: %s overlaps the header (offset 0)", what);
    if (offset > file_size || bytes > file_size - offset)
        return block_fail(-EINVAL, "qcow2: %s at 0x%llx (%llu bytes) is beyond the end of the "
                          "file (%llu bytes; truncated?)", what, (unsigned long long)offset,
                          (unsigned long long)bytes, (unsigned long long)file_size);
    return 0;
}

static int parse_tables(struct qcow2 *s, const uint8_t *hdr, uint64_t file_size)
{
    struct block_dev *bs = s->bs;
    bs->size = be64(hdr + QH_SIZE);
    if (bs->size > BLOCK_MAX_SIZE)
        return block_fail(-EINVAL, "qcow2: virtual size %llu is absurd",
                          (unsigned long long)bs->size);
    if (be32(hdr + QH_CRYPT))
        return block_fail(-ENOTSUP, "qcow2: encrypted images are not supported (method %u)",
                          be32(hdr + QH_CRYPT));
    s->l1_size = be32(hdr + QH_L1_SIZE);
    s->l1_offset = be64(hdr + QH_L1_OFFSET);
    uint64_t per_l2 = (uint64_t)s->l2_size << s->cluster_bits;
    if ((uint64_t)s->l1_size * 8 > QCOW2_MAX_L1_BYTES)
        return block_fail(-EINVAL, "qcow2: L1 table of %u entries is absurdly large", s->l1_size);
    if ((bs->size + per_l2 - 1) / per_l2 > s->l1_size)
        return block_fail(-EINVAL, "qcow2: L1 table (%u entries) too small for the virtual "
                          "size %llu", s->l1_size, (unsigned long long)bs->size);
    int r = check_table(s, s->l1_offset, (uint64_t)s->l1_size * 8, file_size, "L1 table");
    if (r < 0)
        return r;
    s->reftable_offset = be64(hdr + QH_REFTABLE_OFFSET);
    s->reftable_clusters = be32(hdr + QH_REFTABLE_CLUSTERS);
    if ((uint64_t)s->reftable_clusters << s->cluster_bits > QCOW2_MAX_REFTABLE_BYTES)
        return block_fail(-EINVAL, "qcow2: refcount table of %u clusters is absurdly large",
                          s->reftable_clusters);
    if (s->reftable_clusters == 0)
        return block_fail(-EINVAL, "qcow2: the image has no refcount table");
    r = check_table(s, s->reftable_offset, (uint64_t)s->reftable_clusters << s->cluster_bits,
                    file_size, "refcount table");
    if (r < 0)
        return r;
    uint64_t l1_end = s->l1_offset + qcow2_align(s, (uint64_t)s->l1_size * 8);
    uint64_t rt_end = s->reftable_offset + ((uint64_t)s->reftable_clusters << s->cluster_bits);
    if (s->l1_size && s->l1_offset < rt_end && s->reftable_offset < l1_end)
        return block_fail(-EINVAL, "qcow2: the L1 table (0x%llx) overlaps the refcount table "
                          "(0x%llx): image corrupt", (unsigned long long)s->l1_offset,
                          (unsigned long long)s->reftable_offset);
    s->nb_snapshots = be32(hdr + QH_NB_SNAPSHOTS);
    s->snapshots_offset = be64(hdr + QH_SNAPSHOTS_OFFSET);
    if (s->nb_snapshots > QCOW2_MAX_SNAPSHOTS)
        return block_fail(-EINVAL, "qcow2: %u snapshots is absurd", s->nb_snapshots);
    if (s->nb_snapshots)
        return check_table(s, s->snapshots_offset, (uint64_t)s->nb_snapshots * 40, file_size,
                           "snapshot table");
    return 0;
}

static int parse_backing_name(struct qcow2 *s, const uint8_t *hdr)
{
    uint64_t off = be64(hdr + QH_BACKING_OFFSET);
    uint32_t len = be32(hdr + QH_BACKING_SIZE);
    if (!off)
        return 0;
    if (len > QCOW2_MAX_BACKING_NAME || off >= s->cluster_size || len > s->cluster_size - off)
        return block_fail(-EINVAL, "qcow2: backing file name (offset %llu, %u bytes) is not "
                          "inside the header cluster", (unsigned long long)off, len);
    memcpy(s->bs->backing_file, hdr + off, len);
    s->bs->backing_file[len] = 0;
    if (strlen(s->bs->backing_file) != len)
        return block_fail(-EINVAL, "qcow2: backing file name contains a NUL byte");
    return 0;
}

/* Reads and checks everything the header says; nothing is written. */
int qcow2_parse_header(struct qcow2 *s, uint64_t file_size)
{
    uint8_t first[QH_V3_LENGTH] = { 0 };
    if (file_size < QH_V2_LENGTH)
        return block_fail(-EINVAL, "qcow2: file too short for a header (%llu bytes)",
                          (unsigned long long)file_size);
    int r = hostfile_pread_zero(s->fd, first, sizeof(first), 0);
    if (r < 0)
        return r;
    if (be32(first) != QCOW2_MAGIC)
        return block_fail(-EINVAL, "qcow2: bad magic (not a qcow2 image)");
    if ((r = parse_version_fields(s, first, file_size)) < 0)
        return r;
    uint8_t *hdr = calloc(1, s->cluster_size);
    if (!hdr)
        return -ENOMEM;
    r = hostfile_pread_zero(s->fd, hdr, s->cluster_size, 0);
    const uint8_t *table = NULL;
    uint32_t table_len = 0;
    if (r == 0)
        r = parse_exts(s, hdr, s->header_length, s->cluster_size, &table, &table_len);
    if (r == 0)
        r = check_features(s, hdr, table, table_len);
    if (r == 0)
        r = parse_tables(s, hdr, file_size);
    if (r == 0)
        r = parse_backing_name(s, hdr);
    free(hdr);
    return r;
}

static uint32_t put_ext(uint8_t *buf, uint32_t p, uint32_t type, const void *data, uint32_t len)
{
    put_be32(buf + p, type);
    put_be32(buf + p + 4, len);
    memcpy(buf + p + 8, data, len);
    return p + 8 + ((len + 7) & ~7u);
}

static uint32_t put_feature_table(uint8_t *buf, uint32_t p)
{
    uint8_t t[NFEATURES * 48];
    memset(t, 0, sizeof(t));
    for (size_t i = 0; i < NFEATURES; i++) {
        t[i * 48] = feature_names[i].type;
        t[i * 48 + 1] = feature_names[i].bit;
        memcpy(t + i * 48 + 2, feature_names[i].name, strlen(feature_names[i].name));
    }
    return put_ext(buf, p, QEXT_FEATURE_TABLE, t, sizeof(t));
}

static void put_fields(struct qcow2 *s, uint8_t *buf)
{
    put_be32(buf + QH_MAGIC, QCOW2_MAGIC);
    put_be32(buf + QH_VERSION, s->version);
    put_be32(buf + QH_CLUSTER_BITS, s->cluster_bits);
    put_be64(buf + QH_SIZE, s->bs->size);
    put_be32(buf + QH_L1_SIZE, s->l1_size);
    put_be64(buf + QH_L1_OFFSET, s->l1_offset);
    put_be64(buf + QH_REFTABLE_OFFSET, s->reftable_offset);
    put_be32(buf + QH_REFTABLE_CLUSTERS, s->reftable_clusters);
    put_be32(buf + QH_NB_SNAPSHOTS, s->nb_snapshots);
    put_be64(buf + QH_SNAPSHOTS_OFFSET, s->nb_snapshots ? s->snapshots_offset : 0);
    if (s->version < 3)
        return;
    put_be64(buf + QH_INCOMPAT, s->incompat);
    put_be64(buf + QH_COMPAT, s->compat);
    put_be64(buf + QH_AUTOCLEAR, s->autoclear);
    put_be32(buf + QH_REFCOUNT_ORDER, s->refcount_order);
    put_be32(buf + QH_HEADER_LENGTH, s->header_length);
}

/* Builds the whole header cluster: fields, extensions, backing file name. */
int qcow2_build_header(struct qcow2 *s, uint8_t *buf)
{
    memset(buf, 0, s->cluster_size);
    if (s->version >= 3 && s->header_length < QH_V3_LENGTH)
        s->header_length = QH_V3_LENGTH;
    put_fields(s, buf);
    uint32_t p = s->header_length;
    uint32_t blen = (uint32_t)strlen(s->bs->backing_file);
    uint32_t need = p + 8 + blen;
    if (s->backing_fmt[0] && blen)
        need += 8 + (((uint32_t)strlen(s->backing_fmt) + 7) & ~7u);
    for (int i = 0; i < s->nexts; i++)
        need += 8 + ((s->exts[i].len + 7) & ~7u);
    if (need > s->cluster_size)
        return block_fail(-ENOSPC, "qcow2: header extensions and backing file name do not fit "
                          "in one cluster");
    /* The feature name table is optional: small clusters go without it. */
    bool table = s->version >= 3 && need + 8 + NFEATURES * 48 <= s->cluster_size;
    if (s->backing_fmt[0] && blen)
        p = put_ext(buf, p, QEXT_BACKING_FORMAT, s->backing_fmt, (uint32_t)strlen(s->backing_fmt));
    if (table)
        p = put_feature_table(buf, p);
    for (int i = 0; i < s->nexts; i++)
        p = put_ext(buf, p, s->exts[i].type, s->exts[i].data, s->exts[i].len);
    p += 8;     /* the end marker: type 0, length 0 */
    if (blen) {
        memcpy(buf + p, s->bs->backing_file, blen);
        put_be64(buf + QH_BACKING_OFFSET, p);
        put_be32(buf + QH_BACKING_SIZE, blen);
    }
    return 0;
}

int qcow2_write_header(struct qcow2 *s)
{
    uint8_t *buf = malloc(s->cluster_size);
    if (!buf)
        return -ENOMEM;
    int r = qcow2_build_header(s, buf);
    if (r == 0)
        r = hostfile_pwrite(s->fd, buf, s->cluster_size, 0);
    free(buf);
    return r;
}

int qcow2_set_incompat(struct qcow2 *s, uint64_t bits, bool on)
{
    if (s->version < 3)
        return 0;
    uint64_t v = on ? s->incompat | bits : s->incompat & ~bits;
    if (v == s->incompat)
        return 0;
    s->incompat = v;
    uint8_t b[8];
    put_be64(b, v);
    int r = hostfile_pwrite(s->fd, b, 8, QH_INCOMPAT);
    return r < 0 ? r : qcow2_barrier(s);
}
