/* A64 AdvSIMD integer instructions done inline (contract in translate-a64-simd.h):
 * the lane-wise adds, subtracts, compares, min/max, pairwise reductions and shifts by
 * an immediate that compilers and glibc's string routines use in their hot loops,
 * built from translate-a64-swar.h on the 64-bit halves of the registers. Each entry
 * point is asked after the encoding was found allocated and returns false for the
 * forms it leaves to the helpers. */
#include "target/arm/translate-a64-simd.h"

#include "target/arm/translate-a64-swar.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return a64_field(insn, pos, len);
}

/* Writes the result halves: both for a 128-bit operation, else the low one and zeros. */
static void set_result(struct a64_dc *s, int rd, bool full, const ir_i64 *r)
{
    a64_set_vhalf(s, rd, 0, r[0]);
    if (full)
        a64_set_vhalf(s, rd, 1, r[1]);
    else
        a64_clear_vhigh(s, rd);
}

/* --- three same --- */

enum same_kind { SK_NONE, SK_ADD, SK_SUB, SK_CMP, SK_MINMAX, SK_PAIR };

struct same_op {
    enum same_kind kind;
    enum swar_rel rel;      /* SK_CMP */
    bool max, sign;         /* SK_MINMAX and pairwise min/max */
    bool add;               /* SK_PAIR: ADDP */
};

static struct same_op same_op_of(unsigned op)
{
    switch (op) {
    case 0x10: return (struct same_op){ .kind = SK_ADD };
    case 0x30: return (struct same_op){ .kind = SK_SUB };
    case 0x06: return (struct same_op){ .kind = SK_CMP, .rel = SW_GT };
    case 0x26: return (struct same_op){ .kind = SK_CMP, .rel = SW_HI };
    case 0x07: return (struct same_op){ .kind = SK_CMP, .rel = SW_GE };
    case 0x27: return (struct same_op){ .kind = SK_CMP, .rel = SW_HS };
    case 0x11: return (struct same_op){ .kind = SK_CMP, .rel = SW_TST };
    case 0x31: return (struct same_op){ .kind = SK_CMP, .rel = SW_EQ };
    case 0x0c: case 0x2c: case 0x0d: case 0x2d:
        return (struct same_op){ .kind = SK_MINMAX, .max = !(op & 1), .sign = !(op & 0x20) };
    case 0x14: case 0x34: case 0x15: case 0x35:
        return (struct same_op){ .kind = SK_PAIR, .max = !(op & 1), .sign = !(op & 0x20) };
    case 0x17: return (struct same_op){ .kind = SK_PAIR, .add = true };
    default: return (struct same_op){ .kind = SK_NONE };
    }
}

static ir_i64 same_lanes(struct a64_dc *s, const struct same_op *o, unsigned size, ir_i64 a,
                         ir_i64 b)
{
    switch (o->kind) {
    case SK_ADD: return swar_add(s, size, a, b);
    case SK_SUB: return swar_sub(s, size, a, b);
    case SK_CMP: return swar_cmp(s, size, o->rel, a, b);
    default:
        if (o->add)
            return swar_add(s, size, a, b);
        return swar_minmax(s, size, o->max, o->sign, a, b);
    }
}

/* min or max of lo and hi, lanes of 'bits' bits zero-extended in lanes twice as wide:
 * (lo | 2^bits) - hi cannot borrow out of its wide lane, and its bit 'bits' says
 * lo >= hi. Signed values are compared with their sign bits flipped. */
static ir_i64 pair_minmax(struct a64_dc *s, const struct same_op *o, unsigned size, ir_i64 lo,
                          ir_i64 hi)
{
    struct ir *ir = s->ir;
    unsigned bits = 8u << size;
    uint64_t above = swar_rep(size + 1, 1ull << bits);
    uint64_t sign = o->sign ? swar_rep(size + 1, 1ull << (bits - 1)) : 0;
    ir_i64 a = a64_tmp(s), b = a64_tmp(s), ge = a64_tmp(s), t = a64_tmp(s), r = a64_tmp(s);
    if (sign) {
        ir_xor_i64(ir, a, lo, a64_const(s, sign));
        ir_xor_i64(ir, b, hi, a64_const(s, sign));
    } else {
        ir_mov_i64(ir, a, lo);
        ir_mov_i64(ir, b, hi);
    }
    ir_or_i64(ir, ge, a, a64_const(s, above));
    ir_sub_i64(ir, ge, ge, b);
    ir_andi_i64(ir, ge, ge, above);
    ir_shri_i64(ir, t, ge, bits);
    ir_sub_i64(ir, ge, ge, t);                      /* lane mask where lo >= hi */
    ir_xor_i64(ir, t, lo, hi);
    ir_and_i64(ir, t, t, ge);
    /* where lo >= hi: max is lo (hi ^ (lo ^ hi)), min is hi (lo ^ (lo ^ hi)) */
    ir_xor_i64(ir, r, o->max ? hi : lo, t);
    return r;
}

/* Pairwise over one 64-bit half: lanes 2i and 2i+1 combined into lane i of the low
 * 32 bits, working in lanes twice as wide so nothing crosses between pairs. */
static ir_i64 pair_half(struct a64_dc *s, const struct same_op *o, unsigned size, ir_i64 x)
{
    unsigned bits = 8u << size;
    uint64_t even = swar_rep(size + 1, (1ull << bits) - 1);
    ir_i64 lo = a64_tmp(s), hi = a64_tmp(s), r;
    ir_andi_i64(s->ir, lo, x, even);
    ir_shri_i64(s->ir, hi, x, bits);
    ir_andi_i64(s->ir, hi, hi, even);
    if (o->add) {
        r = a64_tmp(s);
        ir_add_i64(s->ir, r, lo, hi);               /* the carry lands in the dropped half */
    } else {
        r = pair_minmax(s, o, size, lo, hi);
    }
    return swar_narrow(s, size + 1, r);
}

/* Two halves' pairwise results side by side in one half. */
static ir_i64 pair_full(struct a64_dc *s, const struct same_op *o, unsigned size,
                        ir_i64 h0, ir_i64 h1)
{
    if (size == 3)
        return same_lanes(s, o, size, h0, h1);
    ir_i64 r = a64_tmp(s), b = a64_tmp(s);
    ir_shli_i64(s->ir, b, pair_half(s, o, size, h1), 32);
    ir_or_i64(s->ir, r, pair_half(s, o, size, h0), b);
    return r;
}

static void gen_pairwise(struct a64_dc *s, const struct same_op *o, unsigned size, bool q,
                         int rd, int rn, int rm)
{
    ir_i64 r[2];
    if (q) {
        ir_i64 n0 = a64_vhalf(s, rn, 0), n1 = a64_vhalf(s, rn, 1);
        ir_i64 m0 = a64_vhalf(s, rm, 0), m1 = a64_vhalf(s, rm, 1);
        r[0] = pair_full(s, o, size, n0, n1);
        r[1] = pair_full(s, o, size, m0, m1);
    } else {
        r[0] = pair_full(s, o, size, a64_vhalf(s, rn, 0), a64_vhalf(s, rm, 0));
    }
    set_result(s, rd, q, r);
}

bool a64_simd_int_same(struct a64_dc *s, uint32_t insn)
{
    unsigned size = field(insn, 22, 2), op = field(insn, 29, 1) << 5 | field(insn, 11, 5);
    bool q = field(insn, 30, 1), scalar = field(insn, 28, 1);
    int rd = (int)field(insn, 0, 5), rn = (int)field(insn, 5, 5), rm = (int)field(insn, 16, 5);
    struct same_op o = same_op_of(op);

    if (o.kind == SK_NONE || (scalar && (size != 3 || o.kind == SK_PAIR)))
        return false;
    if (o.kind == SK_PAIR) {
        gen_pairwise(s, &o, size, q, rd, rn, rm);
        return true;
    }
    bool full = q && !scalar;
    ir_i64 r[2];
    for (unsigned h = 0; h < (full ? 2u : 1u); h++)
        r[h] = same_lanes(s, &o, size, a64_vhalf(s, rn, h), a64_vhalf(s, rm, h));
    set_result(s, rd, full, r);
    return true;
}

/* --- two-register miscellaneous --- */

/* Compares with zero, ABS, NEG, NOT and XTN; SHLL (the widening left shift by the
 * element size). */
static ir_i64 misc_lanes(struct a64_dc *s, unsigned op, unsigned size, ir_i64 x)
{
    ir_i64 zero = a64_const(s, 0);
    switch (op) {
    case 0x08: return swar_cmp(s, size, SW_GT, x, zero);           /* CMGT #0 */
    case 0x28: return swar_cmp(s, size, SW_GE, x, zero);           /* CMGE #0 */
    case 0x09: return swar_cmp(s, size, SW_EQ, x, zero);           /* CMEQ #0 */
    case 0x29: return swar_cmp(s, size, SW_GE, zero, x);           /* CMLE #0 */
    case 0x0a: return swar_cmp(s, size, SW_GT, zero, x);           /* CMLT #0 */
    case 0x2b: return swar_neg(s, size, x);                        /* NEG */
    default: {                                                     /* NOT */
        ir_i64 r = a64_tmp(s);
        ir_not_i64(s->ir, r, x);
        return r;
    }
    }
}

static bool misc_inline(unsigned op, unsigned size)
{
    switch (op) {
    case 0x08: case 0x28: case 0x09: case 0x29: case 0x0a: case 0x2b:
        return true;
    case 0x25:
        return size == 0;
    default:
        return false;
    }
}

/* XTN/XTN2 (narrowing) and SHLL/SHLL2 (widening); 'size' is the narrow lanes'. */
static bool misc_resize(struct a64_dc *s, unsigned op, unsigned size, bool q, int rd, int rn)
{
    if (op == 0x12) {                                              /* XTN */
        ir_i64 r = a64_tmp(s), hi = a64_tmp(s);
        ir_shli_i64(s->ir, hi, swar_narrow(s, size + 1, a64_vhalf(s, rn, 1)), 32);
        ir_or_i64(s->ir, r, swar_narrow(s, size + 1, a64_vhalf(s, rn, 0)), hi);
        if (q) {
            a64_set_vhalf(s, rd, 1, r);
        } else {
            a64_set_vhalf(s, rd, 0, r);
            a64_clear_vhigh(s, rd);
        }
        return true;
    }
    ir_i64 src = a64_vhalf(s, rn, q), r[2];                          /* SHLL */
    for (unsigned p = 0; p < 2; p++)
        r[p] = swar_shl(s, size + 1, swar_widen(s, size, src, p, false), 8u << size);
    set_result(s, rd, true, r);
    return true;
}

bool a64_simd_int_misc(struct a64_dc *s, uint32_t insn)
{
    unsigned size = field(insn, 22, 2), op = field(insn, 29, 1) << 5 | field(insn, 12, 5);
    bool q = field(insn, 30, 1), scalar = field(insn, 28, 1);
    int rd = (int)field(insn, 0, 5), rn = (int)field(insn, 5, 5);

    if (!scalar && size < 3 && (op == 0x12 || op == 0x33))
        return misc_resize(s, op, size, q, rd, rn);
    if (!misc_inline(op, size) || (scalar && size != 3))
        return false;
    bool full = q && !scalar;
    ir_i64 r[2];
    for (unsigned h = 0; h < (full ? 2u : 1u); h++)
        r[h] = misc_lanes(s, op, size, a64_vhalf(s, rn, h));
    set_result(s, rd, full, r);
    return true;
}

/* --- shift by immediate --- */

/* SHRN/SHRN2: each wide lane shifted right, its low half kept. 'size' is the wide one. */
static void gen_shrn(struct a64_dc *s, unsigned size, unsigned sh, bool q, int rd, int rn)
{
    ir_i64 lo = swar_narrow(s, size, swar_shr(s, size, a64_vhalf(s, rn, 0), sh));
    ir_i64 hi = swar_narrow(s, size, swar_shr(s, size, a64_vhalf(s, rn, 1), sh));
    ir_i64 r = a64_tmp(s);
    ir_shli_i64(s->ir, r, hi, 32);
    ir_or_i64(s->ir, r, r, lo);
    if (q) {
        a64_set_vhalf(s, rd, 1, r);
    } else {
        a64_set_vhalf(s, rd, 0, r);
        a64_clear_vhigh(s, rd);
    }
}

/* [SU]SHLL/[SU]SHLL2 (and their UXTL/SXTL aliases): 'size' is the narrow lanes'. */
static void gen_shll(struct a64_dc *s, unsigned size, unsigned sh, bool q, bool sign, int rd,
                     int rn)
{
    ir_i64 src = a64_vhalf(s, rn, q), r[2];
    for (unsigned p = 0; p < 2; p++)
        r[p] = swar_shl(s, size + 1, swar_widen(s, size, src, p, sign), sh);
    set_result(s, rd, true, r);
}

/* SHL, SSHR, USHR and the accumulating SSRA, USRA. */
static ir_i64 shift_lanes(struct a64_dc *s, unsigned op, unsigned size, unsigned sh, ir_i64 x,
                          ir_i64 acc)
{
    switch (op) {
    case 0x0a: return swar_shl(s, size, x, sh);
    case 0x00: return swar_sar(s, size, x, sh);
    case 0x20: return swar_shr(s, size, x, sh);
    case 0x02: return swar_add(s, size, acc, swar_sar(s, size, x, sh));
    default: return swar_add(s, size, acc, swar_shr(s, size, x, sh));      /* 0x22 */
    }
}

/* op = U:opcode, size of the lanes (for SHRN the wide source's, for SHLL the narrow
 * source's), sh the decoded amount. */
bool a64_simd_int_shift(struct a64_dc *s, uint32_t insn, unsigned op, unsigned size,
                        unsigned sh)
{
    bool q = field(insn, 30, 1), scalar = field(insn, 28, 1);
    int rd = (int)field(insn, 0, 5), rn = (int)field(insn, 5, 5);

    if (op == 0x10 && !scalar && size < 3) {
        gen_shrn(s, size + 1, sh, q, rd, rn);
        return true;
    }
    if ((op == 0x14 || op == 0x34) && !scalar && size < 3) {
        gen_shll(s, size, sh, q, op == 0x14, rd, rn);
        return true;
    }
    if (op != 0x0a && op != 0x00 && op != 0x20 && op != 0x02 && op != 0x22)
        return false;
    if (scalar && size != 3)
        return false;
    bool full = q && !scalar, acc = op == 0x02 || op == 0x22;
    ir_i64 r[2];
    for (unsigned h = 0; h < (full ? 2u : 1u); h++)
        r[h] = shift_lanes(s, op, size, sh, a64_vhalf(s, rn, h),
                           acc ? a64_vhalf(s, rd, h) : (ir_i64){ 0 });
    set_result(s, rd, full, r);
    return true;
}
