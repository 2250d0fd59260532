/* A64 AdvSIMD groups with two or three register operands of arithmetic: three same
 * (integer and floating point), three different (long, wide, narrowing-high) and
 * vector/scalar by element. Bitwise logic is inline IR; everything else is one helper
 * call that executes the whole instruction (helper-a64-simd.h), after the encoding is
 * checked to be allocated. */
#include "target/arm/translate-a64-simd.h"

#include "target/arm/helper-a64-simd.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return a64_field(insn, pos, len);
}

enum { FP_CLS_SAME = 0 };

struct regs { unsigned rd, rn, rm; bool q, u, scalar; };

static struct regs regs_of(uint32_t insn)
{
    return (struct regs){ field(insn, 0, 5), field(insn, 5, 5), field(insn, 16, 5),
                          field(insn, 30, 1), field(insn, 29, 1), field(insn, 28, 1) };
}

/* Vector FADD, FSUB, FMUL, FDIV: AArch64 runs each lane exactly as the scalar
 * instruction (FPCR, FPSR flags), so each lane is the scalar operation. */
static bool fp_same_direct(struct a64_dc *s, const struct regs *r, unsigned key, bool dbl)
{
    static const enum ir_fop fops[4] = { IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV };
    int k = key == 0x1a ? 0 : key == 0x3a ? 1 : key == 0x5b ? 2 : key == 0x5f ? 3 : -1;
    if (k < 0 || r->scalar)
        return false;
    unsigned esize = dbl ? 3 : 2, nl = (r->q ? 16u : 8u) >> esize;
    ir_i64 n[4], m[4], res[4];
    for (unsigned i = 0; i < nl; i++) {
        n[i] = a64_velem(s, (int)r->rn, esize, i, false);
        m[i] = a64_velem(s, (int)r->rm, esize, i, false);
    }
    for (unsigned i = 0; i < nl; i++)
        res[i] = a64_gen_fop(s, fops[k], dbl, n[i], m[i]);
    for (unsigned h = 0; h < (r->q ? 2u : 1u); h++) {
        ir_i64 v = res[h];
        if (!dbl) {
            v = a64_tmp(s);
            ir_deposit_i64(s->ir, v, res[2 * h], res[2 * h + 1], 32, 32);
        }
        a64_set_vhalf(s, (int)r->rd, h, v);
    }
    if (!r->q)
        a64_clear_vhigh(s, (int)r->rd);
    return true;
}

static bool fp_same(struct a64_dc *s, const struct regs *r, unsigned key, unsigned esize,
                    bool elem, unsigned index)
{
    /* by element, every operation has a scalar form and only 1D is reserved */
    bool ok = elem ? !(esize == 3 && !r->q && !r->scalar)
                   : a64_simd_fp_ok(key, esize, r->q, r->scalar);
    if (!ok)
        return false;
    if (!elem && fp_same_direct(s, r, key, esize == 3))
        return true;
    uint32_t desc = a64_sdesc(key, esize, r->q, r->rd, r->rn, r->rm, r->scalar, false);
    a64_simd_helper(s, (void *)helper_a64_simd_fp, desc | (elem ? A64_SDESC_ELEM : 0),
                    FP_CLS_SAME << 8 | index);
    return true;
}

bool a64_simd_three_same(struct a64_dc *s, uint32_t insn)
{
    struct regs r = regs_of(insn);
    unsigned size = field(insn, 22, 2), opcode = field(insn, 11, 5);

    if (opcode >= 0x18) {
        unsigned key = (unsigned)r.u << 6 | (size >> 1) << 5 | opcode;
        return fp_same(s, &r, key, size & 1 ? 3 : 2, false, 0);
    }
    if (opcode == 0x03) {
        if (r.scalar)
            return false;
        a64_gen_logic(s, (enum a64_logic)(r.u << 2 | size), r.q, (int)r.rd, (int)r.rn,
                      (int)r.rm);
        return true;
    }
    unsigned op = (unsigned)r.u << 5 | opcode;
    if (!a64_simd_3same_ok(op, size, r.q, r.scalar))
        return false;
    if (a64_simd_int_same(s, insn))
        return true;
    a64_simd_helper(s, (void *)helper_a64_simd_3same,
                    a64_sdesc(op, size, r.q, r.rd, r.rn, r.rm, r.scalar, false), 0);
    return true;
}

/* Three same extra: U=1 opcode 0000/0001 SQRDMLAH/SQRDMLSH (vector and scalar),
 * opcode 0010 SDOT/UDOT (vector). FCMLA, FCADD and the later additions of the group
 * are not implemented (not advertised). */
bool a64_simd_three_extra(struct a64_dc *s, uint32_t insn)
{
    struct regs r = regs_of(insn);
    unsigned size = field(insn, 22, 2), opcode = field(insn, 11, 4), op;

    if (opcode == 0 || opcode == 1) {
        if (!r.u)
            return false;
        op = opcode ? A64_SIMD_SQRDMLSH : A64_SIMD_SQRDMLAH;
    } else if (opcode == 2) {
        op = r.u ? A64_SIMD_UDOT : A64_SIMD_SDOT;
    } else {
        return false;
    }
    if (!a64_simd_3same_ok(op, size, r.q, r.scalar))
        return false;
    a64_simd_helper(s, (void *)helper_a64_simd_3same,
                    a64_sdesc(op, size, r.q, r.rd, r.rn, r.rm, r.scalar, false), 0);
    return true;
}

bool a64_simd_three_diff(struct a64_dc *s, uint32_t insn)
{
    struct regs r = regs_of(insn);
    unsigned size = field(insn, 22, 2), op = (unsigned)r.u << 4 | field(insn, 12, 4);

    if (!a64_simd_3diff_ok(op, size, r.scalar))
        return false;
    a64_simd_helper(s, (void *)helper_a64_simd_3diff,
                    a64_sdesc(op, size, r.q, r.rd, r.rn, r.rm, r.scalar, r.q && !r.scalar), 0);
    return true;
}

/* By element: the integer forms map onto three-same (MUL, MLA, MLS, SQDMULH,
 * SQRDMULH) or three-different (the long ones) operations. */
static int elem_int_op(unsigned u, unsigned opcode, bool *is_long)
{
    *is_long = false;
    switch (u << 4 | opcode) {
    case 0x08: return 0x13;                 /* MUL */
    case 0x10: return 0x12;                 /* MLA */
    case 0x14: return 0x32;                 /* MLS */
    case 0x0c: return 0x16;                 /* SQDMULH */
    case 0x0d: return 0x36;                 /* SQRDMULH */
    case 0x1d: return A64_SIMD_SQRDMLAH;
    case 0x1f: return A64_SIMD_SQRDMLSH;
    case 0x0e: return A64_SIMD_SDOT;
    case 0x1e: return A64_SIMD_UDOT;
    default: break;
    }
    *is_long = true;
    switch (opcode) {
    case 0x2: case 0x6: case 0xa: return (int)(u << 4 | (opcode == 2 ? 8 : opcode == 6 ? 10 : 12));
    case 0x3: case 0x7: case 0xb:
        return u ? -1 : (opcode == 3 ? 9 : opcode == 7 ? 11 : 13);
    default: return -1;
    }
}

bool a64_simd_elem(struct a64_dc *s, uint32_t insn)
{
    struct regs r = regs_of(insn);
    unsigned size = field(insn, 22, 2), opcode = field(insn, 12, 4);
    unsigned h = field(insn, 11, 1), l = field(insn, 21, 1), m = field(insn, 20, 1);
    bool is_long;

    if (opcode == 0x1 || opcode == 0x5 || opcode == 0x9) {      /* FMLA, FMLS, FMUL(X) */
        if (size < 2 || (size == 3 && l) || (opcode != 0x9 && r.u))
            return false;
        unsigned key = opcode == 0x1 ? 0x19 : opcode == 0x5 ? 0x39 : r.u ? 0x1b : 0x5b;
        r.rm = m << 4 | field(insn, 16, 4);
        return fp_same(s, &r, key, size, true, size == 3 ? h : h << 1 | l);
    }
    int op = elem_int_op(r.u, opcode, &is_long);
    if (op < 0 || size == 0 || size == 3)
        return false;
    unsigned index = size == 1 ? h << 2 | l << 1 | m : h << 1 | l;
    r.rm = size == 1 ? field(insn, 16, 4) : m << 4 | field(insn, 16, 4);
    uint32_t desc = a64_sdesc((unsigned)op, size, r.q, r.rd, r.rn, r.rm, r.scalar,
                              is_long && r.q && !r.scalar) | A64_SDESC_ELEM;
    if (is_long) {
        if (!a64_simd_3diff_ok((unsigned)op, size, r.scalar))
            return false;
        a64_simd_helper(s, (void *)helper_a64_simd_3diff, desc, index);
    } else {
        if (!a64_simd_3same_ok((unsigned)op, size, r.q, r.scalar))
            return false;
        a64_simd_helper(s, (void *)helper_a64_simd_3same, desc, index);
    }
    return true;
}
