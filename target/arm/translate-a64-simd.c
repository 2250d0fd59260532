/* A64 AdvSIMD data processing: the top-level decode of the vector and scalar groups
 * (ARM ARM C4.1.96) and the IR building blocks of translate-a64-simd.h. The groups
 * themselves are in translate-a64-simd-*.c. */
#include "target/arm/translate-a64-simd.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return a64_field(insn, pos, len);
}

/* --- building blocks --- */

ir_i64 a64_velem(struct a64_dc *s, int n, unsigned esize, unsigned idx, bool sign)
{
    static void (*const ldu[4])(struct ir *, ir_i64, ir_i64, intptr_t) = {
        ir_ld8u_i64, ir_ld16u_i64, ir_ld32u_i64, ir_ld_i64,
    };
    static void (*const lds[4])(struct ir *, ir_i64, ir_i64, intptr_t) = {
        ir_ld8s_i64, ir_ld16s_i64, ir_ld32s_i64, ir_ld_i64,
    };
    ir_i64 t = a64_tmp(s);
    (sign ? lds : ldu)[esize](s->ir, t, s->ir->env, a64_vreg_elem_off(n, esize, idx));
    return t;
}

void a64_set_velem(struct a64_dc *s, int n, unsigned esize, unsigned idx, ir_i64 v)
{
    static void (*const st[4])(struct ir *, ir_i64, ir_i64, intptr_t) = {
        ir_st8_i64, ir_st16_i64, ir_st32_i64, ir_st_i64,
    };
    st[esize](s->ir, v, s->ir->env, a64_vreg_elem_off(n, esize, idx));
}

ir_i64 a64_vhalf(struct a64_dc *s, int n, unsigned half)
{
    return a64_velem(s, n, 3, half, false);
}

void a64_set_vhalf(struct a64_dc *s, int n, unsigned half, ir_i64 v)
{
    a64_set_velem(s, n, 3, half, v);
}

void a64_clear_vhigh(struct a64_dc *s, int n)
{
    a64_set_vhalf(s, n, 1, a64_const(s, 0));
}

void a64_set_vscalar(struct a64_dc *s, int n, ir_i64 v)
{
    a64_set_vhalf(s, n, 0, v);
    a64_clear_vhigh(s, n);
}

ir_i64 a64_vcall(struct a64_dc *s, void *fn, bool has_ret, uint32_t desc, unsigned n,
                 const uint16_t *args)
{
    uint16_t all[IR_MAX_CALL_ARGS];
    unsigned k = 0;

    all[k++] = s->ir->env.t;
    for (unsigned i = 0; i < n; i++)
        all[k++] = args[i];
    all[k++] = ir_const_i32(s->ir, desc).t;
    ir_i64 r = has_ret ? a64_tmp(s) : (ir_i64){ IR_NO_RET };
    ir_call(s->ir, fn, A64_FP_CALL, has_ret ? r.t : IR_NO_RET, k, all);
    return r;
}

void a64_simd_helper(struct a64_dc *s, void *fn, uint32_t desc, uint32_t imm)
{
    uint16_t args[3] = { s->ir->env.t, ir_const_i32(s->ir, desc).t, ir_const_i32(s->ir, imm).t };
    ir_call(s->ir, fn, A64_FP_CALL, IR_NO_RET, 3, args);
}

static void logic_half(struct ir *ir, enum a64_logic op, ir_i64 r, ir_i64 n, ir_i64 m, ir_i64 d)
{
    switch (op) {
    case AL_AND: ir_and_i64(ir, r, n, m); break;
    case AL_BIC: ir_andc_i64(ir, r, n, m); break;
    case AL_ORR: ir_or_i64(ir, r, n, m); break;
    case AL_ORN: ir_not_i64(ir, r, m); ir_or_i64(ir, r, n, r); break;
    case AL_EOR: ir_xor_i64(ir, r, n, m); break;
    case AL_BSL:                                    /* m ^ ((n ^ m) & d) */
        ir_xor_i64(ir, r, n, m); ir_and_i64(ir, r, r, d); ir_xor_i64(ir, r, r, m); break;
    case AL_BIT:                                    /* d ^ ((n ^ d) & m) */
        ir_xor_i64(ir, r, n, d); ir_and_i64(ir, r, r, m); ir_xor_i64(ir, r, r, d); break;
    case AL_BIF:                                    /* d ^ ((n ^ d) & ~m) */
        ir_xor_i64(ir, r, n, d); ir_andc_i64(ir, r, r, m); ir_xor_i64(ir, r, r, d); break;
    }
}

void a64_gen_logic(struct a64_dc *s, enum a64_logic op, bool q, int rd, int rn, int rm)
{
    ir_i64 r[2];
    for (unsigned h = 0; h < (q ? 2u : 1u); h++) {
        ir_i64 n = a64_vhalf(s, rn, h), m = a64_vhalf(s, rm, h);
        ir_i64 d = op >= AL_BSL ? a64_vhalf(s, rd, h) : n;
        r[h] = a64_tmp(s);
        logic_half(s->ir, op, r[h], n, m, d);
    }
    a64_set_vhalf(s, rd, 0, r[0]);
    if (q)
        a64_set_vhalf(s, rd, 1, r[1]);
    else
        a64_clear_vhigh(s, rd);
}

/* --- top-level decode --- */

/* Vector forms: 0 Q U 0111 x ...; bits 28:24 = 01110 or 01111. */
static bool simd_vector(struct a64_dc *s, uint32_t insn)
{
    if (field(insn, 24, 1)) {                       /* 01111 */
        if (!field(insn, 10, 1))
            return a64_simd_elem(s, insn);
        return field(insn, 19, 4) == 0 ? a64_simd_modimm(s, insn) : a64_simd_shift_imm(s, insn);
    }
    if (field(insn, 21, 1)) {
        if (field(insn, 10, 1))
            return a64_simd_three_same(s, insn);
        if (field(insn, 10, 2) == 0)
            return a64_simd_three_diff(s, insn);
        switch (field(insn, 17, 4)) {
        case 0x0: return a64_simd_misc(s, insn);
        case 0x8: return a64_simd_across(s, insn);
        default: return false;
        }
    }
    if (field(insn, 15, 1))
        return field(insn, 10, 1) && a64_simd_three_extra(s, insn);
    if (field(insn, 10, 1))
        return field(insn, 22, 2) == 0 && a64_simd_copy(s, insn);
    if (field(insn, 29, 1))
        return field(insn, 22, 2) == 0 && a64_simd_ext(s, insn);
    return field(insn, 11, 1) ? a64_simd_permute(s, insn) : a64_simd_table(s, insn);
}

/* Scalar forms: 01 U 1111 x ...; the same group layout with bit 28 set. */
static bool simd_scalar(struct a64_dc *s, uint32_t insn)
{
    if (field(insn, 24, 1))
        return field(insn, 10, 1) ? field(insn, 19, 4) != 0 && a64_simd_shift_imm(s, insn)
                                  : a64_simd_elem(s, insn);
    if (field(insn, 21, 1)) {
        if (field(insn, 10, 1))
            return a64_simd_three_same(s, insn);
        if (field(insn, 10, 2) == 0)
            return a64_simd_three_diff(s, insn);
        switch (field(insn, 17, 4)) {
        case 0x0: return a64_simd_misc(s, insn);
        case 0x8: return a64_simd_across(s, insn);
        default: return false;
        }
    }
    if (field(insn, 10, 1) && field(insn, 15, 1))
        return a64_simd_three_extra(s, insn);
    if (field(insn, 10, 1) && field(insn, 22, 2) == 0 && !field(insn, 29, 1))
        return a64_simd_copy(s, insn);
    return false;
}

bool a64_tr_simd(struct a64_dc *s, uint32_t insn)
{
    if (field(insn, 25, 3) != 7 || field(insn, 31, 1))
        return false;
    if (!field(insn, 28, 1))
        return simd_vector(s, insn);
    return field(insn, 30, 1) && simd_scalar(s, insn);
}
