/* VMDK sparse extent consistency scan: every grain and table inside the file (-EINVAL
 * otherwise) and no two of them sharing a sector (-EUCLEAN).  It also finds where the next
 * grain may be allocated. */
#include "sysemu/block/vmdk_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

struct region {
    uint64_t start, len;                   /* sectors */
    uint64_t reach;                        /* end of what it may grow to (a whole grain) */
    const char *what;
    uint64_t index;
};

struct regions {
    struct region *r;
    size_t n, cap;
};

static int add_reach(struct regions *rs, uint64_t start, uint64_t len, uint64_t reach,
                     const char *what, uint64_t index)
{
    if (len == 0)
        return 0;
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 64;
        struct region *n = realloc(rs->r, cap * sizeof *n);
        if (!n)
            return -ENOMEM;
        rs->r = n, rs->cap = cap;
    }
    rs->r[rs->n++] = (struct region){ start, len, reach, what, index };
    return 0;
}

static int add(struct regions *rs, uint64_t start, uint64_t len, const char *what,
               uint64_t index)
{
    return add_reach(rs, start, len, start + len, what, index);
}

static int by_start(const void *a, const void *b)
{
    const struct region *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static uint64_t div_up(uint64_t a, uint64_t b)
{
    return a / b + (a % b != 0);
}

/* Sectors a grain occupies: a compressed one is its marker plus deflated bytes. */
static int grain_len(struct vmdk_sparse *s, uint64_t grain, uint32_t v, uint64_t *len)
{
    uint64_t fs = s->file_size / VMDK_SECTOR;
    if (s->hdr.compress != 1 || !(s->hdr.flags & VMDK_FLAG_MARKER)) {
        *len = s->hdr.grain < fs - v ? s->hdr.grain : fs - v;
        return 0;
    }
    uint8_t m[12];
    if (hostfile_pread(s->fd, m, sizeof m, (uint64_t)v * VMDK_SECTOR) < 0)
        return block_fail(-EINVAL, "grain %" PRIu64 " marker is truncated", grain);
    if (vmdk_ld64(m) != grain * s->hdr.grain)
        return block_fail(-EINVAL, "grain %" PRIu64 " marker names sector %" PRIu64
                         " instead of %" PRIu64, grain, vmdk_ld64(m), grain * s->hdr.grain);
    *len = div_up(12 + (uint64_t)vmdk_ld32(m + 8), VMDK_SECTOR);
    if (*len > fs - v)
        return block_fail(-EINVAL, "compressed grain %" PRIu64 " runs past the end of "
                         "the file", grain);
    return 0;
}

static int add_grains(struct vmdk_sparse *s, struct regions *rs, uint64_t gdi)
{
    uint32_t *gt;
    int r = vmdk_sparse_gt(s, gdi, &gt);
    for (uint32_t i = 0; r == 0 && gt && i < s->hdr.gtes; i++) {
        uint64_t grain = gdi * s->hdr.gtes + i, len = 0;
        uint32_t v = gt[i];
        if (v == 0 || (v == 1 && (s->hdr.flags & VMDK_FLAG_ZERO_GRAIN)))
            continue;
        if (grain >= s->n_grains)
            return block_fail(-EINVAL, "grain table %" PRIu64 " maps grain %" PRIu64
                             " beyond the capacity", gdi, grain);
        r = grain_len(s, grain, v, &len);
        /* A plain grain cut short by the end of the file still owns its whole span. */
        uint64_t reach = v + (s->hdr.compress == 1 ? len : s->hdr.grain);
        if (r == 0)
            r = add_reach(rs, v, len, reach, "grain", grain);
    }
    return r;
}

static int collect(struct vmdk_sparse *s, struct regions *rs)
{
    uint64_t gts = div_up((uint64_t)s->hdr.gtes * 4, VMDK_SECTOR);
    uint64_t gds = div_up(s->gd_entries * 4, VMDK_SECTOR);
    int r = add(rs, 0, 1, "header", 0);
    if (r == 0)
        r = add(rs, s->hdr.desc_off, s->hdr.desc_size, "descriptor", 0);
    if (r == 0)
        r = add(rs, s->hdr.gd_off, gds, "grain directory", 0);
    if (r == 0 && s->rgd)
        r = add(rs, s->hdr.rgd_off, gds, "redundant grain directory", 0);
    if (r == 0 && s->gd_at_end)
        r = add(rs, s->file_size / VMDK_SECTOR - 3, 3, "footer", 0);
    /* Disjoint regions of at least a sector each cannot outnumber the file's sectors. */
    uint64_t most = s->file_size / VMDK_SECTOR + 1;
    for (uint64_t i = 0; r == 0 && i < s->gd_entries; i++) {
        if (rs->n > most)
            return block_fail(-EUCLEAN, "grain tables or grains overlap (more of them than "
                              "the file has sectors)");
        r = add(rs, s->gd[i], s->gd[i] ? gts : 0, "grain table", i);
        if (r == 0 && s->rgd)
            r = add(rs, s->rgd[i], s->rgd[i] ? gts : 0, "redundant grain table", i);
        if (r == 0)
            r = add_grains(s, rs, i);
    }
    return r;
}

int vmdk_sparse_check(struct vmdk_sparse *s)
{
    struct regions rs = { 0 };
    int r = collect(s, &rs);
    uint64_t end = 0;
    if (r == 0)
        qsort(rs.r, rs.n, sizeof *rs.r, by_start);
    for (size_t i = 0; r == 0 && i < rs.n; i++) {
        const struct region *a = &rs.r[i], *b = &rs.r[i + 1];
        if (i + 1 < rs.n && a->start + a->len > b->start)
            r = block_fail(-EUCLEAN, "%s %" PRIu64 " overlaps %s %" PRIu64 " at sector %"
                          PRIu64, a->what, a->index, b->what, b->index, b->start);
        if (a->reach > end)
            end = a->reach;
    }
    free(rs.r);
    if (r < 0)
        return r;
    uint64_t next = div_up(s->file_size, VMDK_SECTOR);
    if (end > next)
        next = end;
    if (s->hdr.overhead > next && s->hdr.overhead <= UINT32_MAX)
        next = s->hdr.overhead;
    s->alloc_next = next * VMDK_SECTOR;
    return 0;
}
