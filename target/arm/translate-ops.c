/* Condition tests, the barrel shifter and data processing with lazy NZCV for the 32-bit
 * ARM decoders (see translate-ops.h for the flag representation). */
#include "target/arm/translate-ops.h"

/* --- conditions --- */

/* Reduces the even condition cc & ~1 to "value <cond> 0"; *tmp is set when value is a
 * scratch temp the caller frees. The odd conditions are the inverses. */
static ir_i32 cond_value(struct arm_dc *s, unsigned cc, enum ir_cond *cond, bool *tmp)
{
    struct ir *ir = s->ir;
    ir_i32 t;
    *tmp = false;
    switch (cc >> 1) {
    case 0: *cond = IR_EQ; return arm_ZF;                 /* EQ: Z set */
    case 1: *cond = IR_NE; return arm_CF;                 /* CS */
    case 2: *cond = IR_LT; return arm_NF;                 /* MI */
    case 3: *cond = IR_LT; return arm_VF;                 /* VS */
    case 4:                                               /* HI: C set and Z clear */
        t = arm_tmp(s);
        ir_neg_i32(ir, t, arm_CF);
        ir_and_i32(ir, t, t, arm_ZF);
        *cond = IR_NE;
        break;
    case 5:                                               /* GE: N == V */
        t = arm_tmp(s);
        ir_xor_i32(ir, t, arm_NF, arm_VF);
        *cond = IR_GE;
        break;
    default:                                              /* GT: Z clear and N == V */
        t = arm_tmp(s);
        ir_xor_i32(ir, t, arm_NF, arm_VF);
        ir_sari_i32(ir, t, t, 31);
        ir_andc_i32(ir, t, arm_ZF, t);
        *cond = IR_NE;
        break;
    }
    *tmp = true;
    return t;
}

void arm_gen_jump_cc(struct arm_dc *s, unsigned cc, ir_label l)
{
    if (cc >= 14) {
        if (cc == 14)
            ir_br(s->ir, l);
        return;
    }
    enum ir_cond cond;
    bool tmp;
    ir_i32 v = cond_value(s, cc, &cond, &tmp);
    if (cc & 1)
        cond = ir_cond_invert(cond);
    ir_brcondi_i32(s->ir, cond, v, 0, l);
    if (tmp)
        arm_free(s, v);
}

/* --- shifter --- */

static void set_carry_bit(struct arm_dc *s, ir_i32 v, unsigned bit)
{
    ir_extract_i32(s->ir, arm_CF, v, bit, 1);
}

ir_i32 arm_shift_imm(struct arm_dc *s, ir_i32 v, enum arm_shift type, unsigned imm5,
                     bool set_carry)
{
    struct ir *ir = s->ir;
    ir_i32 d = arm_tmp(s);
    unsigned n = imm5 ? imm5 : 32;
    switch (type) {
    case ARM_LSL:
        if (imm5 && set_carry)
            set_carry_bit(s, v, 32 - imm5);
        ir_shli_i32(ir, d, v, imm5);
        break;
    case ARM_LSR:
        if (set_carry)
            set_carry_bit(s, v, n - 1);
        if (n == 32)
            ir_movi_i32(ir, d, 0);
        else
            ir_shri_i32(ir, d, v, n);
        break;
    case ARM_ASR:
        if (set_carry)
            set_carry_bit(s, v, n - 1);
        ir_sari_i32(ir, d, v, n == 32 ? 31 : n);
        break;
    case ARM_ROR:
        if (imm5) {
            if (set_carry)
                set_carry_bit(s, v, imm5 - 1);
            ir_rotri_i32(ir, d, v, imm5);
            break;
        }
        /* RRX: the old carry enters at the top, so read it before replacing it */
        ir_i32 c = arm_tmp(s);
        ir_shli_i32(ir, c, arm_CF, 31);
        ir_shri_i32(ir, d, v, 1);
        ir_or_i32(ir, d, d, c);
        arm_free(s, c);
        if (set_carry)
            ir_andi_i32(ir, arm_CF, v, 1);
        break;
    }
    return d;
}

/* Shifts of 32 and more have defined results here, but IR shifts need counts below the
 * width: LSL/LSR/ASR work on a 64-bit copy with a guard half (whose bit next to the
 * result is the carry-out) and a count clamped where the result stops changing. */
static ir_i32 shift_reg_wide(struct arm_dc *s, ir_i32 v, enum arm_shift type, ir_i32 n,
                             ir_i32 *carry)
{
    struct ir *ir = s->ir;
    unsigned limit = type == ARM_ASR ? 32 : 33;
    ir_i32 nc = arm_tmp(s), d = arm_tmp(s);
    ir_i32 lim = arm_const(s, limit);
    ir_movcond_i32(ir, IR_GTU, nc, n, lim, lim, n);
    ir_i64 w = arm_tmp64(s), c64 = arm_tmp64(s);
    ir_extu_i32_i64(ir, c64, nc);
    arm_free(s, nc);
    if (type == ARM_LSL) {
        ir_extu_i32_i64(ir, w, v);
        ir_shl_i64(ir, w, w, c64);
        ir_extrl_i64_i32(ir, d, w);
        if (carry) {
            ir_extrh_i64_i32(ir, *carry, w);
            ir_andi_i32(ir, *carry, *carry, 1);
        }
    } else {
        if (type == ARM_ASR)
            ir_ext_i32_i64(ir, w, v);
        else
            ir_extu_i32_i64(ir, w, v);
        ir_shli_i64(ir, w, w, 32);
        if (type == ARM_ASR)
            ir_sar_i64(ir, w, w, c64);
        else
            ir_shr_i64(ir, w, w, c64);
        ir_extrh_i64_i32(ir, d, w);
        if (carry) {
            ir_extrl_i64_i32(ir, *carry, w);
            ir_shri_i32(ir, *carry, *carry, 31);
        }
    }
    arm_free64(s, w);
    arm_free64(s, c64);
    return d;
}

ir_i32 arm_shift_reg(struct arm_dc *s, ir_i32 v, enum arm_shift type, ir_i32 amount,
                     bool set_carry)
{
    struct ir *ir = s->ir;
    ir_i32 n = arm_tmp(s), d, carry = arm_tmp(s);
    ir_andi_i32(ir, n, amount, 0xff);
    if (type == ARM_ROR) {
        ir_i32 r = arm_tmp(s);
        d = arm_tmp(s);
        ir_andi_i32(ir, r, n, 31);
        ir_rotr_i32(ir, d, v, r);
        arm_free(s, r);
        ir_shri_i32(ir, carry, d, 31);
    } else {
        d = shift_reg_wide(s, v, type, n, set_carry ? &carry : NULL);
    }
    if (set_carry) {
        ir_i32 zero = arm_const(s, 0);
        ir_movcond_i32(ir, IR_EQ, arm_CF, n, zero, arm_CF, carry);
    }
    arm_free(s, carry);
    arm_free(s, n);
    return d;
}

void arm_set_carry_imm(struct arm_dc *s, uint32_t imm)
{
    ir_movi_i32(s->ir, arm_CF, imm >> 31);
}

/* --- flags --- */

void arm_gen_nz(struct arm_dc *s, ir_i32 res)
{
    ir_mov_i32(s->ir, arm_NF, res);
    ir_mov_i32(s->ir, arm_ZF, res);
}

/* V of a + b = res: the operands agree in sign and the result does not. */
static void set_add_overflow(struct arm_dc *s, ir_i32 res, ir_i32 a, ir_i32 b)
{
    struct ir *ir = s->ir;
    ir_i32 t = arm_tmp(s), u = arm_tmp(s);
    ir_xor_i32(ir, t, res, a);
    ir_xor_i32(ir, u, a, b);
    ir_andc_i32(ir, arm_VF, t, u);
    arm_free(s, t);
    arm_free(s, u);
}

ir_i32 arm_gen_add_cc(struct arm_dc *s, ir_i32 a, ir_i32 b)
{
    struct ir *ir = s->ir;
    ir_i32 res = arm_tmp(s);
    ir_add_i32(ir, res, a, b);
    set_add_overflow(s, res, a, b);
    ir_setcond_i32(ir, IR_LTU, arm_CF, res, a);
    arm_gen_nz(s, res);
    return res;
}

ir_i32 arm_gen_sub_cc(struct arm_dc *s, ir_i32 a, ir_i32 b)
{
    struct ir *ir = s->ir;
    ir_i32 res = arm_tmp(s), t = arm_tmp(s), u = arm_tmp(s);
    ir_sub_i32(ir, res, a, b);
    ir_xor_i32(ir, t, res, a);
    ir_xor_i32(ir, u, a, b);
    ir_and_i32(ir, arm_VF, t, u);
    arm_free(s, t);
    arm_free(s, u);
    ir_setcond_i32(ir, IR_GEU, arm_CF, a, b);
    arm_gen_nz(s, res);
    return res;
}

/* a + b + C computed 64 bits wide: the carry-out is the high half. */
ir_i32 arm_gen_adc_cc(struct arm_dc *s, ir_i32 a, ir_i32 b)
{
    struct ir *ir = s->ir;
    ir_i64 x = arm_tmp64(s), y = arm_tmp64(s);
    ir_i32 res = arm_tmp(s);
    ir_extu_i32_i64(ir, x, a);
    ir_extu_i32_i64(ir, y, b);
    ir_add_i64(ir, x, x, y);
    ir_extu_i32_i64(ir, y, arm_CF);
    ir_add_i64(ir, x, x, y);
    ir_extrl_i64_i32(ir, res, x);
    set_add_overflow(s, res, a, b);
    ir_extrh_i64_i32(ir, arm_CF, x);
    arm_free64(s, x);
    arm_free64(s, y);
    arm_gen_nz(s, res);
    return res;
}

/* a - b - !C = a + ~b + C */
ir_i32 arm_gen_sbc_cc(struct arm_dc *s, ir_i32 a, ir_i32 b)
{
    ir_i32 nb = arm_tmp(s);
    ir_not_i32(s->ir, nb, b);
    ir_i32 res = arm_gen_adc_cc(s, a, nb);
    arm_free(s, nb);
    return res;
}

static ir_i32 gen_adc(struct arm_dc *s, ir_i32 a, ir_i32 b, bool invert_b)
{
    struct ir *ir = s->ir;
    ir_i32 res = arm_tmp(s);
    if (invert_b) {
        ir_not_i32(ir, res, b);
        ir_add_i32(ir, res, res, a);
    } else {
        ir_add_i32(ir, res, a, b);
    }
    ir_add_i32(ir, res, res, arm_CF);
    return res;
}

/* --- data processing --- */

bool arm_dp_is_logical(enum arm_dp op)
{
    switch (op) {
    case ARM_DP_AND: case ARM_DP_EOR: case ARM_DP_TST: case ARM_DP_TEQ:
    case ARM_DP_ORR: case ARM_DP_MOV: case ARM_DP_BIC: case ARM_DP_MVN: case ARM_DP_ORN:
        return true;
    default:
        return false;
    }
}

bool arm_dp_is_compare(enum arm_dp op)
{
    return op >= ARM_DP_TST && op <= ARM_DP_CMN;
}

static ir_i32 gen_logical(struct arm_dc *s, enum arm_dp op, ir_i32 a, ir_i32 b)
{
    struct ir *ir = s->ir;
    ir_i32 res = arm_tmp(s);
    switch (op) {
    case ARM_DP_AND: case ARM_DP_TST: ir_and_i32(ir, res, a, b); break;
    case ARM_DP_EOR: case ARM_DP_TEQ: ir_xor_i32(ir, res, a, b); break;
    case ARM_DP_ORR: ir_or_i32(ir, res, a, b); break;
    case ARM_DP_BIC: ir_andc_i32(ir, res, a, b); break;
    case ARM_DP_MOV: ir_mov_i32(ir, res, b); break;
    case ARM_DP_MVN: ir_not_i32(ir, res, b); break;
    default:                                              /* ORN */
        ir_not_i32(ir, res, b);
        ir_or_i32(ir, res, res, a);
        break;
    }
    return res;
}

static ir_i32 gen_arith(struct arm_dc *s, enum arm_dp op, ir_i32 a, ir_i32 b, bool cc)
{
    struct ir *ir = s->ir;
    ir_i32 res;
    switch (op) {
    case ARM_DP_SUB: case ARM_DP_CMP:
        if (cc)
            return arm_gen_sub_cc(s, a, b);
        res = arm_tmp(s);
        ir_sub_i32(ir, res, a, b);
        return res;
    case ARM_DP_RSB:
        if (cc)
            return arm_gen_sub_cc(s, b, a);
        res = arm_tmp(s);
        ir_sub_i32(ir, res, b, a);
        return res;
    case ARM_DP_ADD: case ARM_DP_CMN:
        if (cc)
            return arm_gen_add_cc(s, a, b);
        res = arm_tmp(s);
        ir_add_i32(ir, res, a, b);
        return res;
    case ARM_DP_ADC:
        return cc ? arm_gen_adc_cc(s, a, b) : gen_adc(s, a, b, false);
    case ARM_DP_SBC:
        return cc ? arm_gen_sbc_cc(s, a, b) : gen_adc(s, a, b, true);
    default:                                              /* RSC */
        return cc ? arm_gen_sbc_cc(s, b, a) : gen_adc(s, b, a, true);
    }
}

void arm_gen_dp(struct arm_dc *s, enum arm_dp op, int rd, int rn, ir_i32 op2, bool setflags)
{
    bool no_rn = op == ARM_DP_MOV || op == ARM_DP_MVN;
    ir_i32 a = no_rn ? op2 : arm_reg_ro(s, rn);
    ir_i32 res;
    if (arm_dp_is_logical(op)) {
        res = gen_logical(s, op, a, op2);
        if (setflags)
            arm_gen_nz(s, res);
    } else {
        res = gen_arith(s, op, a, op2, setflags);
    }
    arm_release(s, op2);
    if (arm_dp_is_compare(op))
        arm_free(s, res);
    else
        arm_store_reg_alu(s, rd, res);
}
