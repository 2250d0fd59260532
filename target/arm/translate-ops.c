/* Condition tests, the barrel shifter and data processing with lazy NZCV for the 32-bit
 * ARM decoders (see translate-ops.h for the flag representation). */
#include "target/arm/translate-ops.h"

/* --- lazy C and V (cpu.h) ---
 * A flag-setting add or subtract only records its operands (cc_a, cc_b) and the sources
 * of C and V in cc_op; C and V are computed where something reads them. Within a TB the
 * translator knows the sources (s->c_known, s->v_known) and reads resolve statically;
 * otherwise they test cc_op. */

/* Records new sources for C and V (ARM_CC_UNKNOWN: keep what cc_op has for that one). */
static void set_sources(struct arm_dc *s, int c_src, int v_src)
{
    struct ir *ir = s->ir;
    int c = c_src == ARM_CC_UNKNOWN ? s->c_known : c_src;
    int v = v_src == ARM_CC_UNKNOWN ? s->v_known : v_src;
    if (c != ARM_CC_UNKNOWN && v != ARM_CC_UNKNOWN) {
        ir_movi_i32(ir, arm_CCOP, ARM_CC_OP(c, v));
    } else if (c != ARM_CC_UNKNOWN) {            /* V's source stays what it is */
        ir_andi_i32(ir, arm_CCOP, arm_CCOP, 0xff00);
        ir_ori_i32(ir, arm_CCOP, arm_CCOP, (uint32_t)c);
    } else {
        ir_andi_i32(ir, arm_CCOP, arm_CCOP, 0xff);
        ir_ori_i32(ir, arm_CCOP, arm_CCOP, (uint32_t)v << 8);
    }
    s->c_known = c;
    s->v_known = v;
    s->cc_changed = true;
}

/* C (0/1) when its source is src. */
static void c_of(struct arm_dc *s, int src, ir_i32 d)
{
    struct ir *ir = s->ir;
    if (src == ARM_CC_FLAGS) {
        ir_mov_i32(ir, d, arm_CF);
    } else if (src == ARM_CC_ADD) {
        ir_i32 sum = arm_tmp(s);
        ir_add_i32(ir, sum, arm_CCA, arm_CCB);
        ir_setcond_i32(ir, IR_LTU, d, sum, arm_CCA);
        arm_free(s, sum);
    } else {
        ir_setcond_i32(ir, IR_GEU, d, arm_CCA, arm_CCB);
    }
}

/* V (in bit 31) when its source is src. */
static void v_of(struct arm_dc *s, int src, ir_i32 d)
{
    struct ir *ir = s->ir;
    if (src == ARM_CC_FLAGS) {
        ir_mov_i32(ir, d, arm_VF);
        return;
    }
    ir_i32 r = arm_tmp(s), t = arm_tmp(s);
    if (src == ARM_CC_ADD) {             /* the operands agree in sign, the sum does not */
        ir_add_i32(ir, r, arm_CCA, arm_CCB);
        ir_xor_i32(ir, r, r, arm_CCA);
        ir_xor_i32(ir, t, arm_CCA, arm_CCB);
        ir_andc_i32(ir, d, r, t);
    } else {                             /* the operands differ in sign, a and a - b too */
        ir_sub_i32(ir, r, arm_CCA, arm_CCB);
        ir_xor_i32(ir, r, r, arm_CCA);
        ir_xor_i32(ir, t, arm_CCA, arm_CCB);
        ir_and_i32(ir, d, r, t);
    }
    arm_free(s, r);
    arm_free(s, t);
}

/* Resolves a flag whose source is only known at run time: the byte of cc_op at shift. */
static ir_i32 flag_dynamic(struct arm_dc *s, void (*of)(struct arm_dc *, int, ir_i32),
                           unsigned shift)
{
    struct ir *ir = s->ir;
    ir_i32 d = arm_tmp(s), add = arm_tmp(s), sub = arm_tmp(s), flags = arm_tmp(s);
    ir_i32 src = arm_tmp(s);
    of(s, ARM_CC_ADD, add);
    of(s, ARM_CC_SUB, sub);
    of(s, ARM_CC_FLAGS, flags);
    ir_extract_i32(ir, src, arm_CCOP, shift, 8);
    ir_movcond_i32(ir, IR_EQ, d, src, arm_const(s, ARM_CC_ADD), add, sub);
    ir_movcond_i32(ir, IR_EQ, d, src, arm_const(s, ARM_CC_FLAGS), flags, d);
    arm_free(s, add);
    arm_free(s, sub);
    arm_free(s, flags);
    arm_free(s, src);
    return d;
}

ir_i32 arm_get_c(struct arm_dc *s)
{
    if (s->c_known == ARM_CC_UNKNOWN)
        return flag_dynamic(s, c_of, 0);
    ir_i32 d = arm_tmp(s);
    c_of(s, s->c_known, d);
    return d;
}

ir_i32 arm_get_v(struct arm_dc *s)
{
    if (s->v_known == ARM_CC_UNKNOWN)
        return flag_dynamic(s, v_of, 8);
    ir_i32 d = arm_tmp(s);
    v_of(s, s->v_known, d);
    return d;
}

void arm_flags_c_materialize(struct arm_dc *s)
{
    if (s->c_known == ARM_CC_FLAGS)
        return;
    ir_i32 c = arm_get_c(s);
    ir_mov_i32(s->ir, arm_CF, c);
    arm_free(s, c);
    set_sources(s, ARM_CC_FLAGS, ARM_CC_UNKNOWN);
}

void arm_flags_c_written(struct arm_dc *s)
{
    if (s->c_known != ARM_CC_FLAGS)
        set_sources(s, ARM_CC_FLAGS, ARM_CC_UNKNOWN);
}

void arm_flags_cv_written(struct arm_dc *s)
{
    set_sources(s, ARM_CC_FLAGS, ARM_CC_FLAGS);
}

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
    case 1: *cond = IR_NE; t = arm_get_c(s); break;       /* CS */
    case 2: *cond = IR_LT; return arm_NF;                 /* MI */
    case 3: *cond = IR_LT; t = arm_get_v(s); break;       /* VS */
    case 4:                                               /* HI: C set and Z clear */
        t = arm_get_c(s);
        ir_neg_i32(ir, t, t);
        ir_and_i32(ir, t, t, arm_ZF);
        *cond = IR_NE;
        break;
    case 5:                                               /* GE: N == V */
        t = arm_get_v(s);
        ir_xor_i32(ir, t, arm_NF, t);
        *cond = IR_GE;
        break;
    default:                                              /* GT: Z clear and N == V */
        t = arm_get_v(s);
        ir_xor_i32(ir, t, arm_NF, t);
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
    arm_flags_c_written(s);
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
        ir_i32 c = arm_get_c(s);
        ir_shli_i32(ir, c, c, 31);
        ir_shri_i32(ir, d, v, 1);
        ir_or_i32(ir, d, d, c);
        arm_free(s, c);
        if (set_carry) {
            ir_andi_i32(ir, arm_CF, v, 1);
            arm_flags_c_written(s);
        }
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
        arm_flags_c_materialize(s);        /* a zero count keeps the old carry */
        ir_movcond_i32(ir, IR_EQ, arm_CF, n, zero, arm_CF, carry);
    }
    arm_free(s, carry);
    arm_free(s, n);
    return d;
}

void arm_set_carry_imm(struct arm_dc *s, uint32_t imm)
{
    ir_movi_i32(s->ir, arm_CF, imm >> 31);
    arm_flags_c_written(s);
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

/* Flag-setting add/subtract: N and Z are the result, C and V stay lazy. */
static ir_i32 gen_addsub_cc(struct arm_dc *s, ir_i32 a, ir_i32 b, int op)
{
    struct ir *ir = s->ir;
    ir_i32 res = arm_tmp(s);
    if (op == ARM_CC_ADD)
        ir_add_i32(ir, res, a, b);
    else
        ir_sub_i32(ir, res, a, b);
    ir_mov_i32(ir, arm_CCA, a);
    ir_mov_i32(ir, arm_CCB, b);
    set_sources(s, op, op);
    arm_gen_nz(s, res);
    return res;
}

ir_i32 arm_gen_add_cc(struct arm_dc *s, ir_i32 a, ir_i32 b)
{
    return gen_addsub_cc(s, a, b, ARM_CC_ADD);
}

ir_i32 arm_gen_sub_cc(struct arm_dc *s, ir_i32 a, ir_i32 b)
{
    return gen_addsub_cc(s, a, b, ARM_CC_SUB);
}

/* a + b + C computed 64 bits wide: the carry-out is the high half. */
ir_i32 arm_gen_adc_cc(struct arm_dc *s, ir_i32 a, ir_i32 b)
{
    struct ir *ir = s->ir;
    ir_i64 x = arm_tmp64(s), y = arm_tmp64(s);
    ir_i32 res = arm_tmp(s);
    ir_i32 c = arm_get_c(s);
    ir_extu_i32_i64(ir, x, a);
    ir_extu_i32_i64(ir, y, b);
    ir_add_i64(ir, x, x, y);
    ir_extu_i32_i64(ir, y, c);
    arm_free(s, c);
    ir_add_i64(ir, x, x, y);
    ir_extrl_i64_i32(ir, res, x);
    set_add_overflow(s, res, a, b);
    ir_extrh_i64_i32(ir, arm_CF, x);
    arm_flags_cv_written(s);
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
    ir_i32 res = arm_tmp(s), c = arm_get_c(s);
    if (invert_b) {
        ir_not_i32(ir, res, b);
        ir_add_i32(ir, res, res, a);
    } else {
        ir_add_i32(ir, res, a, b);
    }
    ir_add_i32(ir, res, res, c);
    arm_free(s, c);
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
