/* Bit and byte manipulation, packing, extension, the parallel (SIMD-in-a-register)
 * arithmetic and saturation for the 32-bit ARM decoders. The rare, lane-heavy ones go
 * to pure helpers (helper.h); the common ones are short IR sequences. */
#include "target/arm/helper.h"
#include "target/arm/translate-ops.h"

/* A pure helper taking up to three i32 arguments (unused ones are 0xffff). */
static void call_pure(struct arm_dc *s, void *fn, unsigned ret, unsigned nargs,
                      unsigned a0, unsigned a1, unsigned a2)
{
    const uint16_t args[3] = { (uint16_t)a0, (uint16_t)a1, (uint16_t)a2 };
    ir_call(s->ir, fn, CALL_PURE, ret, nargs, args);
}

/* Splits a helper's result | flag << 32 into the result and the flag. */
static ir_i32 split_flag(struct arm_dc *s, ir_i64 v, ir_i32 flag_dest, bool or_into)
{
    ir_i32 d = arm_tmp(s);
    ir_extrl_i64_i32(s->ir, d, v);
    if (or_into) {
        ir_i32 f = arm_tmp(s);
        ir_extrh_i64_i32(s->ir, f, v);
        ir_or_i32(s->ir, flag_dest, flag_dest, f);
        arm_free(s, f);
    } else {
        ir_extrh_i64_i32(s->ir, flag_dest, v);
    }
    arm_free64(s, v);
    return d;
}

void arm_gen_clz(struct arm_dc *s, int rd, int rm)
{
    ir_i32 d = arm_tmp(s);
    ir_clz_i32(s->ir, d, arm_r[rm], arm_const(s, 32));
    arm_store_reg(s, rd, d, false);
}

void arm_gen_rev(struct arm_dc *s, enum arm_rev kind, int rd, int rm)
{
    struct ir *ir = s->ir;
    ir_i32 d = arm_tmp(s), t;
    switch (kind) {
    case ARM_REV:
        ir_bswap32_i32(ir, d, arm_r[rm]);
        break;
    case ARM_REV16:                                 /* bytes swapped within halfwords */
        t = arm_tmp(s);
        ir_shri_i32(ir, t, arm_r[rm], 8);
        ir_andi_i32(ir, t, t, 0x00ff00ffu);
        ir_andi_i32(ir, d, arm_r[rm], 0x00ff00ffu);
        ir_shli_i32(ir, d, d, 8);
        ir_or_i32(ir, d, d, t);
        arm_free(s, t);
        break;
    case ARM_REVSH:
        ir_bswap16_i32(ir, d, arm_r[rm]);
        ir_ext16s_i32(ir, d, d);
        break;
    case ARM_RBIT:
        call_pure(s, (void *)helper_arm_rbit, d.t, 1, arm_r[rm].t, 0, 0);
        break;
    }
    arm_store_reg(s, rd, d, false);
}

void arm_gen_bfi(struct arm_dc *s, int rd, int rn, unsigned lsb, unsigned msb)
{
    ir_i32 d = arm_tmp(s);
    ir_i32 src = rn == 15 ? arm_const(s, 0) : arm_r[rn];
    ir_deposit_i32(s->ir, d, arm_r[rd], src, lsb, msb - lsb + 1);
    arm_store_reg(s, rd, d, false);
}

void arm_gen_bfx(struct arm_dc *s, int rd, int rn, unsigned lsb, unsigned width, bool sign)
{
    ir_i32 d = arm_tmp(s);
    if (sign)
        ir_sextract_i32(s->ir, d, arm_r[rn], lsb, width);
    else
        ir_extract_i32(s->ir, d, arm_r[rn], lsb, width);
    arm_store_reg(s, rd, d, false);
}

/* The two extended bytes of the B16 forms, at bits 0 and 16. */
static void extend_b16(struct arm_dc *s, ir_i32 d, ir_i32 v, bool sign)
{
    struct ir *ir = s->ir;
    if (!sign) {
        ir_andi_i32(ir, d, v, 0x00ff00ffu);
        return;
    }
    ir_i32 hi = arm_tmp(s);
    ir_sextract_i32(ir, hi, v, 16, 8);
    ir_ext8s_i32(ir, d, v);
    ir_deposit_i32(ir, d, d, hi, 16, 16);
    arm_free(s, hi);
}

/* Halfword-wise a + b: no carry from the low half into the high one. */
static void add_halves(struct arm_dc *s, ir_i32 d, ir_i32 a, ir_i32 b)
{
    struct ir *ir = s->ir;
    ir_i32 lo = arm_tmp(s), hi = arm_tmp(s), t = arm_tmp(s);
    ir_add_i32(ir, lo, a, b);
    ir_andi_i32(ir, hi, b, 0xffff0000u);
    ir_andi_i32(ir, t, a, 0xffff0000u);
    ir_add_i32(ir, hi, hi, t);
    ir_deposit_i32(ir, d, hi, lo, 0, 16);
    arm_free(s, lo);
    arm_free(s, hi);
    arm_free(s, t);
}

void arm_gen_extend(struct arm_dc *s, enum arm_ext kind, int rd, int rn, int rm, unsigned rot)
{
    struct ir *ir = s->ir;
    ir_i32 v = arm_tmp(s), d = arm_tmp(s);
    if (rot)
        ir_rotri_i32(ir, v, arm_r[rm], 8 * rot);
    else
        ir_mov_i32(ir, v, arm_r[rm]);
    switch (kind) {
    case ARM_SXTB: ir_ext8s_i32(ir, d, v); break;
    case ARM_SXTH: ir_ext16s_i32(ir, d, v); break;
    case ARM_UXTB: ir_ext8u_i32(ir, d, v); break;
    case ARM_UXTH: ir_ext16u_i32(ir, d, v); break;
    default: extend_b16(s, d, v, kind == ARM_SXTB16); break;
    }
    if (rn != 15) {
        if (kind == ARM_SXTB16 || kind == ARM_UXTB16)
            add_halves(s, d, arm_r[rn], d);
        else
            ir_add_i32(ir, d, d, arm_r[rn]);
    }
    arm_free(s, v);
    arm_store_reg(s, rd, d, false);
}

/* PKHBT: low half of rn, high half of rm LSL imm5; PKHTB: high half of rn, low half of
 * rm ASR imm5 (#0 meaning #32, whose low half equals that of ASR #31). */
void arm_gen_pkh(struct arm_dc *s, int rd, int rn, int rm, bool tb, unsigned imm5)
{
    struct ir *ir = s->ir;
    ir_i32 t = arm_tmp(s), d = arm_tmp(s);
    if (tb) {
        ir_sari_i32(ir, t, arm_r[rm], imm5 ? imm5 : 31);
        ir_deposit_i32(ir, d, arm_r[rn], t, 0, 16);
    } else {
        ir_shli_i32(ir, t, arm_r[rm], imm5);
        ir_deposit_i32(ir, d, t, arm_r[rn], 0, 16);
    }
    arm_free(s, t);
    arm_store_reg(s, rd, d, false);
}

/* SEL: bytes of rn where GE is set, of rm elsewhere. GE's four bits spread to the low
 * bit of each byte by one multiply (the shifted copies never overlap), then fill it. */
void arm_gen_sel(struct arm_dc *s, int rd, int rn, int rm)
{
    struct ir *ir = s->ir;
    ir_i32 mask = arm_tmp(s), d = arm_tmp(s), t = arm_tmp(s);
    ir_mul_i32(ir, mask, arm_GE, arm_const(s, 0x00204081));
    ir_andi_i32(ir, mask, mask, 0x01010101);
    ir_mul_i32(ir, mask, mask, arm_const(s, 0xff));
    ir_and_i32(ir, d, arm_r[rn], mask);
    ir_andc_i32(ir, t, arm_r[rm], mask);
    ir_or_i32(ir, d, d, t);
    arm_free(s, t);
    arm_free(s, mask);
    arm_store_reg(s, rd, d, false);
}

/* GE from the carry (or borrow) out of each byte: bit 7 of every byte of c, gathered
 * into bits 3:0 by one multiply (again the shifted copies never collide). */
static void ge_from_byte_msbs(struct arm_dc *s, ir_i32 c)
{
    struct ir *ir = s->ir;
    ir_shri_i32(ir, c, c, 7);
    ir_andi_i32(ir, c, c, 0x01010101);
    ir_mul_i32(ir, c, c, arm_const(s, 0x00204081));
    ir_shri_i32(ir, c, c, 21);
    ir_andi_i32(ir, arm_GE, c, 0xf);
}

/* UADD8 and USUB8 without a helper: byte-wise add/subtract in one register with the
 * carries between bytes cut off (the top bit of each byte is fixed up separately).
 * These two are what glibc's string functions spend their time in. */
static void gen_uaddsub8(struct arm_dc *s, int rd, int rn, int rm, bool sub)
{
    struct ir *ir = s->ir;
    ir_i32 a = arm_r[rn], b = arm_r[rm];
    ir_i32 res = arm_tmp(s), t = arm_tmp(s), c = arm_tmp(s);
    if (!sub) {
        ir_andi_i32(ir, res, a, 0x7f7f7f7f);
        ir_andi_i32(ir, t, b, 0x7f7f7f7f);
        ir_add_i32(ir, res, res, t);
        ir_xor_i32(ir, t, a, b);
        ir_andi_i32(ir, c, t, 0x80808080);
        ir_xor_i32(ir, res, res, c);
        /* carry out = (a & b) | ((a ^ b) & ~res) */
        ir_andc_i32(ir, t, t, res);
        ir_and_i32(ir, c, a, b);
        ir_or_i32(ir, c, c, t);
    } else {
        ir_ori_i32(ir, res, a, 0x80808080);
        ir_andi_i32(ir, t, b, 0x7f7f7f7f);
        ir_sub_i32(ir, res, res, t);
        ir_xor_i32(ir, t, a, b);
        ir_not_i32(ir, c, t);
        ir_andi_i32(ir, c, c, 0x80808080);
        ir_xor_i32(ir, res, res, c);
        /* no borrow out = ~((~a & b) | (~(a ^ b) & res)) */
        ir_andc_i32(ir, c, res, t);
        ir_andc_i32(ir, t, b, a);
        ir_or_i32(ir, c, c, t);
        ir_not_i32(ir, c, c);
    }
    ge_from_byte_msbs(s, c);
    arm_free(s, t);
    arm_free(s, c);
    arm_store_reg(s, rd, res, false);
}

void arm_gen_usad8(struct arm_dc *s, int rd, int rn, int rm, int ra)
{
    ir_i32 d = arm_tmp(s);
    call_pure(s, (void *)helper_arm_usad8, d.t, 2, arm_r[rn].t, arm_r[rm].t, 0);
    if (ra != 15)
        ir_add_i32(s->ir, d, d, arm_r[ra]);
    arm_store_reg(s, rd, d, false);
}

bool arm_gen_parallel(struct arm_dc *s, unsigned kind, unsigned op, int rd, int rn, int rm)
{
    if ((kind & 3) == 0 || op == 5 || op == 6)
        return false;
    if (kind == 5 && (op == 4 || op == 7)) {      /* UADD8, USUB8 */
        gen_uaddsub8(s, rd, rn, rm, op == 7);
        return true;
    }
    ir_i64 v = arm_tmp64(s);
    ir_i32 code = arm_const(s, kind << 3 | op);
    call_pure(s, (void *)helper_arm_parallel, v.t, 3, code.t, arm_r[rn].t, arm_r[rm].t);
    ir_i32 d;
    if ((kind & 3) == 1) {
        d = split_flag(s, v, arm_GE, false);
    } else {
        d = arm_tmp(s);
        ir_extrl_i64_i32(s->ir, d, v);
        arm_free64(s, v);
    }
    arm_store_reg(s, rd, d, false);
    return true;
}

void arm_gen_qaddsub(struct arm_dc *s, int rd, int rm, int rn, bool sub, bool dbl)
{
    ir_i64 v = arm_tmp64(s);
    ir_i32 code = arm_const(s, (sub ? ARM_QOP_SUB : 0) | (dbl ? ARM_QOP_DOUBLE : 0));
    call_pure(s, (void *)helper_arm_qaddsub, v.t, 3, code.t, arm_r[rm].t, arm_r[rn].t);
    arm_store_reg(s, rd, split_flag(s, v, arm_QF, true), false);
}

/* Clamps v (signed) to [lo, hi], setting Q when it had to. */
static void clamp_set_q(struct arm_dc *s, ir_i32 d, ir_i32 v, int32_t lo, int32_t hi)
{
    struct ir *ir = s->ir;
    ir_i32 l = arm_const(s, (uint32_t)lo), h = arm_const(s, (uint32_t)hi);
    ir_i32 q = arm_tmp(s);
    ir_movcond_i32(ir, IR_GT, d, v, h, h, v);
    ir_movcond_i32(ir, IR_LT, d, d, l, l, d);
    ir_setcond_i32(ir, IR_NE, q, d, v);
    ir_or_i32(ir, arm_QF, arm_QF, q);
    arm_free(s, q);
}

void arm_gen_sat(struct arm_dc *s, bool unsign, int rd, int rn, bool asr, unsigned imm5,
                 unsigned sat)
{
    ir_i32 v = arm_shift_imm(s, arm_r[rn], asr ? ARM_ASR : ARM_LSL, imm5, false);
    ir_i32 d = arm_tmp(s);
    if (unsign) {
        clamp_set_q(s, d, v, 0, (int32_t)((1u << sat) - 1));
    } else if (sat + 1 == 32) {
        ir_mov_i32(s->ir, d, v);
    } else {
        int32_t max = (int32_t)((1u << sat) - 1);
        clamp_set_q(s, d, v, -max - 1, max);
    }
    arm_free(s, v);
    arm_store_reg(s, rd, d, false);
}

void arm_gen_sat16(struct arm_dc *s, bool unsign, int rd, int rn, unsigned sat)
{
    ir_i64 v = arm_tmp64(s);
    ir_i32 bits = arm_const(s, unsign ? sat : sat + 1), u = arm_const(s, unsign);
    call_pure(s, (void *)helper_arm_sat16, v.t, 3, bits.t, u.t, arm_r[rn].t);
    arm_store_reg(s, rd, split_flag(s, v, arm_QF, true), false);
}
