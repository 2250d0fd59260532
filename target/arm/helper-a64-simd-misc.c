/* AArch64 AdvSIMD integer helpers with one source: two-register miscellaneous, across
 * lanes and scalar pairwise, and shifts by an immediate (contract in helper-a64-simd.h;
 * lane primitives in helper-a64-simd-lanes.h). */
#include "target/arm/helper-a64-simd.h"

#include "target/arm/helper-a64-simd-lanes.h"

/* --- two-register miscellaneous --- */

bool a64_simd_misc_ok(unsigned op, unsigned size, bool q, bool scalar)
{
    bool big = size == 3 && !q;         /* 1D: only scalars have it */
    if (op >= 0x40) {                   /* across lanes; ADDP (scalar) */
        if (scalar)
            return op == 0x5b && size == 3;
        switch (op) {
        case 0x43: case 0x63: case 0x4a: case 0x6a: case 0x5a: case 0x7a: case 0x5b:
            return size < 2 || (size == 2 && q);
        default: return false;
        }
    }
    if (scalar) {
        switch (op) {
        case 0x03: case 0x23: case 0x07: case 0x27: return true;
        case 0x08: case 0x28: case 0x09: case 0x29: case 0x0a: case 0x0b: case 0x2b:
            return size == 3;
        case 0x14: case 0x34: case 0x32: return size < 3;
        default: return false;
        }
    }
    switch (op) {
    case 0x00: return size < 3;
    case 0x20: return size < 2;
    case 0x01: return size == 0;
    case 0x02: case 0x22: case 0x06: case 0x26: case 0x04: case 0x24: return size < 3;
    case 0x05: return size == 0;
    case 0x25: return size < 2;
    case 0x03: case 0x23: case 0x07: case 0x27: case 0x08: case 0x28: case 0x09: case 0x29:
    case 0x0a: case 0x0b: case 0x2b:
        return !big;
    case 0x12: case 0x32: case 0x14: case 0x34: case 0x33: return size < 3;
    default: return false;
    }
}

static unsigned count_leading(uint64_t x, unsigned bits, bool sign_bits)
{
    unsigned n = 0;
    if (sign_bits) {                    /* CLS: bits after the top one equal to it */
        uint64_t top = x >> (bits - 1) & 1;
        for (int i = (int)bits - 2; i >= 0 && (x >> i & 1) == top; i--)
            n++;
        return n;
    }
    for (int i = (int)bits - 1; i >= 0 && !(x >> i & 1); i--)
        n++;
    return n;
}

static uint64_t rbit8(uint64_t x)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        r |= (x >> i & 1) << (7 - i);
    return r;
}

static uint64_t misc_lane(unsigned op, unsigned size, uint64_t a, uint64_t d, bool *qc)
{
    unsigned bits = ebits(size);
    i128 x = sext(a, bits);

    switch (op) {
    case 0x03: return (uint64_t)sat(sext(d, bits) + (i128)a, bits, true, qc);
    case 0x23: return (uint64_t)sat((i128)d + x, bits, false, qc);
    case 0x04: return count_leading(a, bits, true);
    case 0x24: return count_leading(a, bits, false);
    case 0x05: return (uint64_t)__builtin_popcountll(a);
    case 0x07: return (uint64_t)sat(x < 0 ? -x : x, bits, true, qc);
    case 0x27: return (uint64_t)sat(-x, bits, true, qc);
    case 0x08: return x > 0 ? ~0ull : 0;
    case 0x28: return x >= 0 ? ~0ull : 0;
    case 0x09: return x == 0 ? ~0ull : 0;
    case 0x29: return x <= 0 ? ~0ull : 0;
    case 0x0a: return x < 0 ? ~0ull : 0;
    case 0x0b: return (uint64_t)(x < 0 ? -x : x);
    default: return (uint64_t)-x;                   /* 0x2b NEG */
    }
}

/* XTN, SQXTN, UQXTN, SQXTUN: wide lanes of size + 1 to lanes of size. */
static void misc_narrow(void *env, const struct vdesc *c, const uint64_t *n, const uint64_t *d)
{
    unsigned nl = c->scalar ? 1 : 8u >> c->size, wbits = ebits(c->size + 1);
    unsigned bits = ebits(c->size);
    uint64_t r = 0;
    bool qc = false;

    for (unsigned i = 0; i < nl; i++) {
        uint64_t w = lane_get(n, c->size + 1, i);
        i128 v = c->op == 0x34 ? (i128)w : sext(w, wbits);
        if (c->op == 0x14)
            v = sat(v, bits, true, &qc);
        else if (c->op != 0x12)
            v = sat(v, bits, false, &qc);
        r = lane_put(r, c->size, i, (uint64_t)v);
    }
    vstore_half(env, c, d, r);
    set_qc(env, qc);
}

/* Lanes of size + 1 made from lanes of size: pairwise sums (xADDLP, xADALP) or SHLL. */
static void misc_long(void *env, const struct vdesc *c, const uint64_t *n, const uint64_t *d)
{
    unsigned bits = ebits(c->size), wl = (c->q ? 16u : 8u) >> (c->size + 1);
    bool u = c->op >> 5;
    uint64_t r[2] = { 0, 0 };

    if (c->op == 0x33) {                            /* SHLL: one half, shifted */
        for (unsigned i = 0; i < (8u >> c->size); i++)
            lane_set(r, c->size + 1, i, lane_get(n, c->size, (c->part2 ? 8u >> c->size : 0) + i)
                                        << bits);
        struct vdesc full = *c;
        full.q = true;
        vstore(env, &full, r);
        return;
    }
    for (unsigned i = 0; i < wl; i++) {
        uint64_t a = lane_get(n, c->size, 2 * i), b = lane_get(n, c->size, 2 * i + 1);
        i128 s = u ? (i128)a + b : sext(a, bits) + sext(b, bits);
        if ((c->op & 31) == 0x06)
            s += lane_get(d, c->size + 1, i);
        lane_set(r, c->size + 1, i, (uint64_t)s);
    }
    vstore(env, c, r);
}

static void misc_rev(void *env, const struct vdesc *c, const uint64_t *n)
{
    unsigned cbits = c->op == 0x00 ? 64 : c->op == 0x20 ? 32 : 16;
    unsigned flip = cbits / ebits(c->size) - 1;
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < nlanes(c); i++)
        lane_set(r, c->size, i, lane_get(n, c->size, i ^ flip));
    vstore(env, c, r);
}

/* Across lanes: sums (ADDV, xADDLV into a wider lane) and extremes (xMAXV, xMINV). */
static void across(void *env, const struct vdesc *c, const uint64_t *n)
{
    unsigned bits = ebits(c->size), nl = c->scalar ? 2 : nlanes(c);
    bool u = c->op & 0x20, sum = (c->op & 31) == 0x03 || (c->op & 31) == 0x1b;
    bool want_max = (c->op & 31) == 0x0a;
    i128 acc = u ? (i128)lane_get(n, c->size, 0) : sext(lane_get(n, c->size, 0), bits);
    uint64_t r[2] = { 0, 0 };

    for (unsigned i = 1; i < nl; i++) {
        uint64_t a = lane_get(n, c->size, i);
        i128 x = u ? (i128)a : sext(a, bits);
        if (sum)
            acc += x;
        else if (want_max ? x > acc : x < acc)
            acc = x;
    }
    unsigned rsize = (c->op & 31) == 0x03 ? c->size + 1 : c->size;
    lane_set(r, rsize, 0, (uint64_t)acc);
    struct vdesc sc = *c;
    sc.scalar = true;
    vstore(env, &sc, r);
}

void helper_a64_simd_misc(void *env, uint32_t desc, uint32_t imm)
{
    struct vdesc c = vdesc_of(desc);
    uint64_t n[2], d[2], r[2] = { 0, 0 };
    bool qc = false;

    vload(env, c.rn, n);
    vload(env, c.rd, d);
    if (c.op >= 0x40) {
        across(env, &c, n);
        return;
    }
    switch (c.op) {
    case 0x12: case 0x32: case 0x14: case 0x34: misc_narrow(env, &c, n, d); return;
    case 0x02: case 0x22: case 0x06: case 0x26: case 0x33: misc_long(env, &c, n, d); return;
    case 0x00: case 0x20: case 0x01: misc_rev(env, &c, n); return;
    default: break;
    }
    if (c.op == 0x25) {                 /* NOT (size 0), RBIT (size 1): byte lanes */
        for (unsigned i = 0; i < (c.q ? 16u : 8u); i++) {
            uint64_t b = lane_get(n, 0, i);
            lane_set(r, 0, i, c.size ? rbit8(b) : ~b);
        }
        vstore(env, &c, r);
        return;
    }
    for (unsigned i = 0; i < nlanes(&c); i++)
        lane_set(r, c.size, i, misc_lane(c.op, c.size, lane_get(n, c.size, i),
                                         lane_get(d, c.size, i), &qc));
    vstore(env, &c, r);
    set_qc(env, qc);
}

/* --- shifts by an immediate --- */

bool a64_simd_shift_ok(unsigned op, unsigned size, bool q, bool scalar)
{
    switch (op) {
    case 0x00: case 0x20: case 0x02: case 0x22: case 0x04: case 0x24: case 0x06:
    case 0x26: case 0x28: case 0x0a: case 0x2a:
        return scalar ? size == 3 : !(size == 3 && !q);
    case 0x2c: case 0x0e: case 0x2e:
        return scalar || !(size == 3 && !q);
    case 0x10: case 0x11:
        return !scalar && size < 3;
    case 0x30: case 0x31: case 0x12: case 0x32: case 0x13: case 0x33:
        return size < 3;
    case 0x14: case 0x34:
        return !scalar && size < 3;
    default: return false;
    }
}

/* x >> sh (1 <= sh <= 128 bits of headroom), rounding to nearest with ties up. */
static i128 shr_round(i128 x, unsigned sh, bool round)
{
    if (round)
        x += (i128)1 << (sh - 1);
    return sh >= 127 ? (x < 0 ? -1 : 0) : x >> sh;
}

static uint64_t shift_lane(unsigned op, unsigned size, unsigned sh, uint64_t a, uint64_t d,
                           bool *qc)
{
    unsigned bits = ebits(size);
    bool u = op >> 5;
    i128 x = u ? (i128)a : sext(a, bits);
    uint64_t m;

    switch (op & 31) {
    case 0x00: return (uint64_t)shr_round(x, sh, false);
    case 0x02: return d + (uint64_t)shr_round(x, sh, false);
    case 0x04: return (uint64_t)shr_round(x, sh, true);
    case 0x06: return d + (uint64_t)shr_round(x, sh, true);
    case 0x08:                                      /* SRI */
        m = sh >= bits ? 0 : emask(size) >> sh;
        return (d & ~m) | ((sh >= bits ? 0 : a >> sh) & m);
    case 0x0a:
        if (!u)
            return a << sh;
        m = emask(size) << sh;                      /* SLI */
        return (d & ~m) | ((a << sh) & m);
    case 0x0c: return (uint64_t)sat_shl(sext(a, bits), sh, bits, false, qc);   /* SQSHLU */
    default: return (uint64_t)sat_shl(x, sh, bits, !u, qc);                    /* xQSHL */
    }
}

/* SHRN ... SQRSHRUN: lanes of size + 1 shifted right into lanes of size. */
static void shift_narrow(void *env, const struct vdesc *c, unsigned sh, const uint64_t *n,
                         const uint64_t *d)
{
    unsigned nl = c->scalar ? 1 : 8u >> c->size, bits = ebits(c->size);
    unsigned wbits = ebits(c->size + 1), opc = c->op & 31;
    bool u = c->op >> 5, round = opc & 1, qc = false;
    uint64_t r = 0;

    for (unsigned i = 0; i < nl; i++) {
        uint64_t w = lane_get(n, c->size + 1, i);
        bool src_uns = u && opc >= 0x12;            /* UQSHRN, UQRSHRN */
        i128 v = shr_round(src_uns ? (i128)w : sext(w, wbits), sh, round);
        if (opc >= 0x12)
            v = sat(v, bits, !u, &qc);
        else if (u)
            v = sat(v, bits, false, &qc);           /* SQSHRUN, SQRSHRUN */
        r = lane_put(r, c->size, i, (uint64_t)v);
    }
    vstore_half(env, c, d, r);
    set_qc(env, qc);
}

static void shift_long(void *env, const struct vdesc *c, unsigned sh, const uint64_t *n)
{
    unsigned nl = 8u >> c->size, base = c->part2 ? nl : 0, bits = ebits(c->size);
    uint64_t r[2] = { 0, 0 };
    for (unsigned i = 0; i < nl; i++) {
        uint64_t a = lane_get(n, c->size, base + i);
        i128 x = c->op >> 5 ? (i128)a : sext(a, bits);
        lane_set(r, c->size + 1, i, (uint64_t)((u128)x << sh));
    }
    struct vdesc full = *c;
    full.q = true;
    vstore(env, &full, r);
}

void helper_a64_simd_shift(void *env, uint32_t desc, uint32_t imm)
{
    struct vdesc c = vdesc_of(desc);
    uint64_t n[2], d[2], r[2] = { 0, 0 };
    unsigned opc = c.op & 31;
    bool qc = false;

    vload(env, c.rn, n);
    vload(env, c.rd, d);
    if (opc >= 0x10 && opc <= 0x13) {
        shift_narrow(env, &c, imm, n, d);
        return;
    }
    if (opc == 0x14) {
        shift_long(env, &c, imm, n);
        return;
    }
    for (unsigned i = 0; i < nlanes(&c); i++)
        lane_set(r, c.size, i, shift_lane(c.op, c.size, imm, lane_get(n, c.size, i),
                                          lane_get(d, c.size, i), &qc));
    vstore(env, &c, r);
    set_qc(env, qc);
}
