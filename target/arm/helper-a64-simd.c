/* AArch64 AdvSIMD integer helpers (contract in helper-a64-simd.h).
 * Each lane is widened to a 128-bit integer, so the ARM pseudocode's unbounded integer
 * arithmetic (halving, rounding, doubling, saturation tests) is followed literally for
 * every lane size up to 64 bits. Registers are copied out of the CPU state first and
 * the result is written back whole, which makes overlapping operands safe. */
#include "target/arm/helper-a64-simd.h"

#include <string.h>

#include "target/arm/cpu64.h"
#include "target/arm/helper-a64-simd-lanes.h"

/* --- three same --- */

static i128 shift_reg(i128 v, int sh, bool round)
{
    if (sh >= 0)
        return sh >= 127 ? 0 : (i128)((u128)v << sh);
    unsigned n = (unsigned)-sh;
    if (n > 100)                    /* |v| < 2^65: everything shifts out */
        return round || v >= 0 ? 0 : -1;
    if (round)
        v += (i128)1 << (n - 1);
    return v >> n;
}

/* Saturating shift by a register's signed byte (SQSHL, UQRSHL, ...). */
static i128 qshift_reg(i128 v, int sh, bool round, unsigned bits, bool sign, bool *qc)
{
    if (sh >= 0)
        return sat_shl(v, (unsigned)sh, bits, sign, qc);
    return shift_reg(v, sh, round);
}

static uint64_t dmulh(i128 a, i128 b, unsigned bits, bool round, bool *qc)
{
    i128 p = 2 * a * b + (round ? (i128)1 << (bits - 1) : 0);
    return (uint64_t)sat(p >> bits, bits, true, qc);
}

/* SQRDMLAH, SQRDMLSH, SDOT, UDOT */
static uint64_t extra_lane(unsigned op, unsigned size, uint64_t a, uint64_t b, uint64_t d,
                           bool *qc)
{
    unsigned bits = ebits(size);
    if (op == A64_SIMD_SDOT || op == A64_SIMD_UDOT) {
        int64_t sum = (int32_t)d;
        for (unsigned i = 0; i < 4; i++) {
            uint64_t x = a >> (8 * i) & 0xff, y = b >> (8 * i) & 0xff;
            sum += op == A64_SIMD_UDOT ? (int64_t)(x * y)
                                       : (int64_t)(int8_t)x * (int64_t)(int8_t)y;
        }
        return (uint64_t)sum;
    }
    i128 prod = 2 * sext(a, bits) * sext(b, bits);
    i128 acc = sext(d, bits) * ((i128)1 << bits) + (op == A64_SIMD_SQRDMLSH ? -prod : prod)
               + ((i128)1 << (bits - 1));
    return (uint64_t)sat(acc >> bits, bits, true, qc);
}

static uint64_t same_lane(unsigned op, unsigned size, uint64_t a, uint64_t b, uint64_t d,
                          bool *qc)
{
    unsigned bits = ebits(size);
    if (op >= A64_SIMD_SQRDMLAH)
        return extra_lane(op, size, a, b, d, qc);
    bool u = op >> 5;
    i128 x = u ? (i128)a : sext(a, bits), y = u ? (i128)b : sext(b, bits);
    int sh = (int8_t)b;

    switch (op & 31) {
    case 0x00: return (uint64_t)((x + y) >> 1);
    case 0x01: return (uint64_t)sat(x + y, bits, !u, qc);
    case 0x02: return (uint64_t)((x + y + 1) >> 1);
    case 0x04: return (uint64_t)((x - y) >> 1);
    case 0x05: return (uint64_t)sat(x - y, bits, !u, qc);
    case 0x06: return x > y ? ~0ull : 0;
    case 0x07: return x >= y ? ~0ull : 0;
    case 0x08: return (uint64_t)shift_reg(x, sh, false);
    case 0x09: return (uint64_t)qshift_reg(x, sh, false, bits, !u, qc);
    case 0x0a: return (uint64_t)shift_reg(x, sh, true);
    case 0x0b: return (uint64_t)qshift_reg(x, sh, true, bits, !u, qc);
    case 0x0c: case 0x14: return x >= y ? a : b;
    case 0x0d: case 0x15: return x <= y ? a : b;
    case 0x0e: return (uint64_t)(x > y ? x - y : y - x);
    case 0x0f: return d + (uint64_t)(x > y ? x - y : y - x);
    case 0x10: return u ? a - b : a + b;
    case 0x11: return u ? (a == b ? ~0ull : 0) : ((a & b) ? ~0ull : 0);
    case 0x12: return u ? d - a * b : d + a * b;
    case 0x13: return u ? pmul(a, b, bits) : a * b;
    case 0x16: return dmulh(sext(a, bits), sext(b, bits), bits, u, qc);
    default: return a + b;                          /* 0x17 ADDP */
    }
}

bool a64_simd_3same_ok(unsigned op, unsigned size, bool q, bool scalar)
{
    unsigned opc = op & 31;
    bool u = op >> 5;
    if (op == A64_SIMD_SQRDMLAH || op == A64_SIMD_SQRDMLSH)
        return size == 1 || size == 2;
    if (op == A64_SIMD_SDOT || op == A64_SIMD_UDOT)
        return size == 2 && !scalar;
    if (op > 0x3f || opc >= 0x18 || opc == 0x03 || (opc == 0x17 && u))
        return false;
    if (scalar) {
        switch (opc) {
        case 0x01: case 0x05: case 0x09: case 0x0b: return true;
        case 0x06: case 0x07: case 0x08: case 0x0a: case 0x10: case 0x11: return size == 3;
        case 0x16: return size == 1 || size == 2;
        default: return false;
        }
    }
    if (size == 3 && !q)
        return false;
    switch (opc) {
    case 0x01: case 0x05: case 0x06: case 0x07: case 0x08: case 0x09: case 0x0a:
    case 0x0b: case 0x10: case 0x11: case 0x17:
        return true;
    case 0x13: return u ? size == 0 : size != 3;
    case 0x16: return size == 1 || size == 2;
    default: return size != 3;
    }
}

void helper_a64_simd_3same(void *env, uint32_t desc, uint32_t imm)
{
    struct vdesc c = vdesc_of(desc);
    uint64_t n[2], m[2], d[2], r[2] = { 0, 0 }, src[4];
    unsigned nl = nlanes(&c), opc = c.op & 31;
    bool qc = false, pairwise = c.op < 0x40 && (opc == 0x14 || opc == 0x15 || opc == 0x17);

    vload(env, c.rn, n);
    vload(env, c.rm, m);
    vload(env, c.rd, d);
    /* pairwise: the lanes of n then m, taken two at a time */
    memcpy(src, n, 16);
    for (unsigned i = 0; i < nl; i++)
        lane_set(src, c.size, nl + i, lane_get(m, c.size, i));
    for (unsigned i = 0; i < nl; i++) {
        uint64_t a = pairwise ? lane_get(src, c.size, 2 * i) : lane_get(n, c.size, i);
        uint64_t b = pairwise ? lane_get(src, c.size, 2 * i + 1)
                   : lane_get(m, c.size, c.elem ? imm : i);
        lane_set(r, c.size, i, same_lane(c.op, c.size, a, b, lane_get(d, c.size, i), &qc));
    }
    vstore(env, &c, r);
    set_qc(env, qc);
}

/* --- three different: long, wide and narrowing --- */

bool a64_simd_3diff_ok(unsigned op, unsigned size, bool scalar)
{
    unsigned opc = op & 15;
    bool u = op >> 4;
    if (scalar)
        return !u && (opc == 9 || opc == 11 || opc == 13) && (size == 1 || size == 2);
    if (opc == 15)
        return false;
    if (opc == 14)
        return !u && (size == 0 || size == 3);
    if ((opc == 9 || opc == 11 || opc == 13) && (u || size == 0 || size == 3))
        return false;
    return size != 3;
}

static uint64_t pmull64_half(uint64_t a, uint64_t b, bool high)
{
    uint64_t lo = 0, hi = 0;
    for (unsigned i = 0; i < 64; i++)
        if (b >> i & 1) {
            lo ^= a << i;
            hi ^= i ? a >> (64 - i) : 0;
        }
    return high ? hi : lo;
}

static uint64_t long_lane(unsigned op, unsigned size, uint64_t a, uint64_t b, uint64_t d,
                          bool *qc)
{
    unsigned bits = ebits(size), wbits = 2 * bits;
    bool u = op >> 4;
    i128 x = u ? (i128)a : sext(a, bits), y = u ? (i128)b : sext(b, bits);
    i128 acc = u ? (i128)(d & emask(size + 1)) : sext(d, wbits);

    switch (op & 15) {
    case 0: return (uint64_t)(x + y);
    case 2: return (uint64_t)(x - y);
    case 5: return (uint64_t)(acc + (x > y ? x - y : y - x));
    case 7: return (uint64_t)(x > y ? x - y : y - x);
    case 8: return (uint64_t)(acc + x * y);
    case 10: return (uint64_t)(acc - x * y);
    case 12: return (uint64_t)(x * y);
    case 9: return (uint64_t)sat(acc + sat(2 * x * y, wbits, true, qc), wbits, true, qc);
    case 11: return (uint64_t)sat(acc - sat(2 * x * y, wbits, true, qc), wbits, true, qc);
    case 13: return (uint64_t)sat(2 * x * y, wbits, true, qc);
    default: return pmul(a, b, bits);                /* 14: PMULL of bytes */
    }
}

/* ADDW/SUBW: a is already a wide lane. */
static uint64_t wide_lane(unsigned op, unsigned size, uint64_t a, uint64_t b)
{
    bool u = op >> 4;
    uint64_t y = u ? b : (uint64_t)sext(b, ebits(size));
    return (op & 15) == 1 ? a + y : a - y;
}

/* ADDHN, RADDHN, SUBHN, RSUBHN: the high half of each wide sum or difference. */
static uint64_t narrow_high_lane(unsigned op, unsigned size, uint64_t a, uint64_t b)
{
    unsigned bits = ebits(size);
    u128 w = (op & 15) == 4 ? (u128)a + b : (u128)a - b;
    if (op >> 4)
        w += (u128)1 << (bits - 1);
    return (uint64_t)(w >> bits);
}

static void gen_narrow_high(void *env, const struct vdesc *c)
{
    uint64_t n[2], m[2], d[2], r = 0;
    unsigned nl = 8u >> c->size;

    vload(env, c->rn, n);
    vload(env, c->rm, m);
    vload(env, c->rd, d);
    for (unsigned i = 0; i < nl; i++)
        r = lane_put(r, c->size, i, narrow_high_lane(c->op, c->size,
                                                      lane_get(n, c->size + 1, i),
                                                      lane_get(m, c->size + 1, i)));
    vstore_half(env, c, d, r);
}

void helper_a64_simd_3diff(void *env, uint32_t desc, uint32_t imm)
{
    struct vdesc c = vdesc_of(desc);
    uint64_t n[2], m[2], d[2], r[2] = { 0, 0 };
    unsigned opc = c.op & 15, nl = c.scalar ? 1 : 8u >> c.size, half = c.part2 ? 1 : 0;
    bool qc = false;

    if (opc == 4 || opc == 6) {
        gen_narrow_high(env, &c);
        return;
    }
    vload(env, c.rn, n);
    vload(env, c.rm, m);
    vload(env, c.rd, d);
    if (opc == 14 && c.size == 3) {
        r[0] = pmull64_half(n[half], m[half], false);
        r[1] = pmull64_half(n[half], m[half], true);
    } else {
        for (unsigned i = 0; i < nl; i++) {
            uint64_t b = c.elem ? lane_get(m, c.size, imm) : lane_get(m, c.size, half * nl + i);
            uint64_t w;
            if (opc == 1 || opc == 3)
                w = wide_lane(c.op, c.size, lane_get(n, c.size + 1, i), b);
            else
                w = long_lane(c.op, c.size, lane_get(n, c.size, half * nl + i), b,
                              lane_get(d, c.size + 1, i), &qc);
            lane_set(r, c.size + 1, i, w);
        }
    }
    c.q = !c.scalar;
    vstore(env, &c, r);
    set_qc(env, qc);
}
