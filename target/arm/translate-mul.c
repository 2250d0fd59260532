/* Multiplies, multiply-accumulates and divides for the 32-bit ARM decoders.
 * Wide results are computed as 64-bit IR products (one host multiply); the DSP forms
 * that saturate nothing but report overflow set the sticky Q flag. */
#include "target/arm/translate-ops.h"

static ir_i64 ext64(struct arm_dc *s, ir_i32 v, bool sign)
{
    ir_i64 d = arm_tmp64(s);
    if (sign)
        ir_ext_i32_i64(s->ir, d, v);
    else
        ir_extu_i32_i64(s->ir, d, v);
    return d;
}

/* The 64-bit value of a register pair. */
static ir_i64 pair64(struct arm_dc *s, int rlo, int rhi)
{
    ir_i64 d = arm_tmp64(s);
    ir_concat_i32_i64(s->ir, d, arm_r[rlo], arm_r[rhi]);
    return d;
}

/* Writes v to rdlo:rdhi, with N and Z of the 64-bit value when setflags. */
static void store_pair(struct arm_dc *s, int rdlo, int rdhi, ir_i64 v, bool setflags)
{
    struct ir *ir = s->ir;
    ir_i32 lo = arm_tmp(s), hi = arm_tmp(s);
    ir_extrl_i64_i32(ir, lo, v);
    ir_extrh_i64_i32(ir, hi, v);
    if (setflags) {
        ir_mov_i32(ir, arm_NF, hi);
        ir_or_i32(ir, arm_ZF, lo, hi);
    }
    arm_store_reg(s, rdlo, lo, false);
    arm_store_reg(s, rdhi, hi, false);
    arm_free64(s, v);
}

/* A signed 16-bit half of a register. */
static ir_i32 half(struct arm_dc *s, int reg, bool high)
{
    ir_i32 d = arm_tmp(s);
    if (high)
        ir_sari_i32(s->ir, d, arm_r[reg], 16);
    else
        ir_ext16s_i32(s->ir, d, arm_r[reg]);
    return d;
}

/* d = a + b, setting Q when the signed addition overflows. */
static void add_set_q(struct arm_dc *s, ir_i32 d, ir_i32 a, ir_i32 b)
{
    struct ir *ir = s->ir;
    ir_i32 t = arm_tmp(s), u = arm_tmp(s);
    ir_add_i32(ir, t, a, b);
    ir_xor_i32(ir, u, t, a);
    ir_xor_i32(ir, d, a, b);
    ir_andc_i32(ir, u, u, d);
    ir_shri_i32(ir, u, u, 31);
    ir_or_i32(ir, arm_QF, arm_QF, u);
    ir_mov_i32(ir, d, t);
    arm_free(s, t);
    arm_free(s, u);
}

/* Q |= (v64 does not fit in 32 signed bits); returns the low half. */
static ir_i32 narrow_set_q(struct arm_dc *s, ir_i64 v)
{
    struct ir *ir = s->ir;
    ir_i32 lo = arm_tmp(s), q = arm_tmp(s);
    ir_i64 back = arm_tmp64(s);
    ir_extrl_i64_i32(ir, lo, v);
    ir_ext_i32_i64(ir, back, lo);
    ir_setcond_i64(ir, IR_NE, back, back, v);
    ir_extrl_i64_i32(ir, q, back);
    ir_or_i32(ir, arm_QF, arm_QF, q);
    arm_free64(s, back);
    arm_free(s, q);
    return lo;
}

void arm_gen_mul(struct arm_dc *s, int rd, int rn, int rm, int ra, bool setflags)
{
    ir_i32 d = arm_tmp(s);
    ir_mul_i32(s->ir, d, arm_r[rn], arm_r[rm]);
    if (ra >= 0)
        ir_add_i32(s->ir, d, d, arm_r[ra]);
    if (setflags)
        arm_gen_nz(s, d);
    arm_store_reg(s, rd, d, false);
}

void arm_gen_mls(struct arm_dc *s, int rd, int rn, int rm, int ra)
{
    ir_i32 d = arm_tmp(s);
    ir_mul_i32(s->ir, d, arm_r[rn], arm_r[rm]);
    ir_sub_i32(s->ir, d, arm_r[ra], d);
    arm_store_reg(s, rd, d, false);
}

void arm_gen_mull(struct arm_dc *s, bool sign, bool acc, int rdlo, int rdhi, int rn, int rm,
                  bool setflags)
{
    ir_i64 a = ext64(s, arm_r[rn], sign), b = ext64(s, arm_r[rm], sign);
    ir_mul_i64(s->ir, a, a, b);
    if (acc) {
        ir_i64 c = pair64(s, rdlo, rdhi);
        ir_add_i64(s->ir, a, a, c);
        arm_free64(s, c);
    }
    arm_free64(s, b);
    store_pair(s, rdlo, rdhi, a, setflags);
}

/* rn * rm + rdlo + rdhi cannot overflow 64 bits. */
void arm_gen_umaal(struct arm_dc *s, int rdlo, int rdhi, int rn, int rm)
{
    struct ir *ir = s->ir;
    ir_i64 a = ext64(s, arm_r[rn], false), b = ext64(s, arm_r[rm], false);
    ir_mul_i64(ir, a, a, b);
    ir_extu_i32_i64(ir, b, arm_r[rdlo]);
    ir_add_i64(ir, a, a, b);
    ir_extu_i32_i64(ir, b, arm_r[rdhi]);
    ir_add_i64(ir, a, a, b);
    arm_free64(s, b);
    store_pair(s, rdlo, rdhi, a, false);
}

void arm_gen_smulxy(struct arm_dc *s, int rd, int rn, int rm, int ra, bool nhigh, bool mhigh)
{
    ir_i32 a = half(s, rn, nhigh), b = half(s, rm, mhigh);
    ir_mul_i32(s->ir, a, a, b);
    if (ra >= 0)
        add_set_q(s, a, a, arm_r[ra]);
    arm_free(s, b);
    arm_store_reg(s, rd, a, false);
}

void arm_gen_smlalxy(struct arm_dc *s, int rdlo, int rdhi, int rn, int rm, bool nhigh,
                     bool mhigh)
{
    ir_i32 a = half(s, rn, nhigh), b = half(s, rm, mhigh);
    ir_mul_i32(s->ir, a, a, b);
    ir_i64 p = ext64(s, a, true), c = pair64(s, rdlo, rdhi);
    ir_add_i64(s->ir, p, p, c);
    arm_free(s, a);
    arm_free(s, b);
    arm_free64(s, c);
    store_pair(s, rdlo, rdhi, p, false);
}

/* (rn * half(rm)) >> 16: a 48-bit product, of which bits [47:16] are kept. */
void arm_gen_smulw(struct arm_dc *s, int rd, int rn, int rm, int ra, bool mhigh)
{
    struct ir *ir = s->ir;
    ir_i32 b = half(s, rm, mhigh), d = arm_tmp(s);
    ir_i64 p = ext64(s, arm_r[rn], true), q = ext64(s, b, true);
    ir_mul_i64(ir, p, p, q);
    ir_sari_i64(ir, p, p, 16);
    ir_extrl_i64_i32(ir, d, p);
    if (ra >= 0)
        add_set_q(s, d, d, arm_r[ra]);
    arm_free(s, b);
    arm_free64(s, p);
    arm_free64(s, q);
    arm_store_reg(s, rd, d, false);
}

void arm_gen_smmul(struct arm_dc *s, int rd, int rn, int rm, int ra, bool sub, bool round)
{
    struct ir *ir = s->ir;
    ir_i64 p = ext64(s, arm_r[rn], true), q = ext64(s, arm_r[rm], true);
    ir_mul_i64(ir, p, p, q);
    if (ra >= 0) {
        ir_extu_i32_i64(ir, q, arm_r[ra]);
        ir_shli_i64(ir, q, q, 32);
        if (sub)
            ir_sub_i64(ir, p, q, p);
        else
            ir_add_i64(ir, p, p, q);
    }
    if (round)
        ir_addi_i64(ir, p, p, 0x80000000u);
    ir_i32 d = arm_tmp(s);
    ir_extrh_i64_i32(ir, d, p);
    arm_free64(s, p);
    arm_free64(s, q);
    arm_store_reg(s, rd, d, false);
}

/* The sum or difference of the two halfword products, 64 bits wide. */
static ir_i64 dual_products(struct arm_dc *s, int rn, int rm, bool sub, bool swap)
{
    struct ir *ir = s->ir;
    ir_i32 m = arm_tmp(s), t = arm_tmp(s), u = arm_tmp(s);
    ir_i32 sixteen = arm_const(s, 16);
    if (swap)
        ir_rotr_i32(ir, m, arm_r[rm], sixteen);
    else
        ir_mov_i32(ir, m, arm_r[rm]);
    ir_ext16s_i32(ir, t, arm_r[rn]);
    ir_ext16s_i32(ir, u, m);
    ir_mul_i32(ir, t, t, u);
    ir_sari_i32(ir, u, arm_r[rn], 16);
    ir_sari_i32(ir, m, m, 16);
    ir_mul_i32(ir, u, u, m);
    ir_i64 lo = ext64(s, t, true), hi = ext64(s, u, true);
    if (sub)
        ir_sub_i64(ir, lo, lo, hi);
    else
        ir_add_i64(ir, lo, lo, hi);
    arm_free(s, m);
    arm_free(s, t);
    arm_free(s, u);
    arm_free64(s, hi);
    return lo;
}

void arm_gen_smuad(struct arm_dc *s, int rd, int rn, int rm, int ra, bool sub, bool swap)
{
    ir_i64 v = dual_products(s, rn, rm, sub, swap);
    if (ra >= 0) {
        ir_i64 a = ext64(s, arm_r[ra], true);
        ir_add_i64(s->ir, v, v, a);
        arm_free64(s, a);
    }
    ir_i32 d = narrow_set_q(s, v);
    arm_free64(s, v);
    arm_store_reg(s, rd, d, false);
}

void arm_gen_smlald(struct arm_dc *s, int rdlo, int rdhi, int rn, int rm, bool sub, bool swap)
{
    ir_i64 v = dual_products(s, rn, rm, sub, swap), c = pair64(s, rdlo, rdhi);
    ir_add_i64(s->ir, v, v, c);
    arm_free64(s, c);
    store_pair(s, rdlo, rdhi, v, false);
}

/* IR division is undefined for x/0 and INT_MIN/-1; ARM gives 0 and INT_MIN. A zero
 * divisor is replaced by 1 and the quotient by 0 afterwards; the signed case divides
 * 64 bits wide, where INT_MIN/-1 is representable and truncates to INT_MIN. */
void arm_gen_div(struct arm_dc *s, int rd, int rn, int rm, bool sign)
{
    struct ir *ir = s->ir;
    ir_i32 zero = arm_const(s, 0), one = arm_const(s, 1);
    ir_i32 b = arm_tmp(s), q = arm_tmp(s);
    ir_movcond_i32(ir, IR_EQ, b, arm_r[rm], zero, one, arm_r[rm]);
    if (sign) {
        ir_i64 a64 = ext64(s, arm_r[rn], true), b64 = ext64(s, b, true);
        ir_divs_i64(ir, a64, a64, b64);
        ir_extrl_i64_i32(ir, q, a64);
        arm_free64(s, a64);
        arm_free64(s, b64);
    } else {
        ir_divu_i32(ir, q, arm_r[rn], b);
    }
    ir_movcond_i32(ir, IR_EQ, q, arm_r[rm], zero, zero, q);
    arm_free(s, b);
    arm_store_reg(s, rd, q, false);
}
