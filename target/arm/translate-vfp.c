/* VFPv3-D32 and VFPv4 instructions: the coprocessor 10/11 space of A32 (T32 encodings
 * arrive rewritten into it, after the condition check).
 *
 * Register moves, loads and stores are inline IR on the register file in env (VFP
 * registers are not IR globals). Each floating-point primitive is one helper call
 * (helper-vfp.h), except add, subtract, multiply, divide, square root, compare and
 * the common conversions in the default FPSCR mode: those are inline IR float ops
 * (fp_inline below). The sign flips of VNMLA, VFMS & co. are inline XORs between
 * them, so NaN results carry the signs the ARM pseudocode gives them.
 *
 * Not implemented, by choice:
 *  - short vectors (FPSCR.LEN != 0, deprecated; no compiler emits them): every
 *    vector-capable operation is UNDEFINED while LEN != 0;
 *  - alignment faults of VLDR/VSTR/VLDM/VSTM on addresses that are not word aligned
 *    (the access simply happens);
 *  - user-mode access to FPSID, FPEXC and MVFRx (UNDEFINED, as on ARMv7 hardware). */
#include "target/arm/translate-ops.h"

#include "target/arm/fpu.h"
#include "target/arm/helper-vfp.h"

enum { CALL_FP = CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE };
enum { FPSCR_WRITABLE = 0xfff7009fu };    /* ARMv7 VFPv4 without trapping: bit 19 RES0 */

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

/* A register operand: Vx:X for singles, X:Vx for doubles. */
static int vreg(uint32_t insn, bool dp, unsigned vpos, unsigned xpos)
{
    unsigned v = field(insn, vpos, 4), x = field(insn, xpos, 1);
    return dp ? (int)(x << 4 | v) : (int)(v << 1 | x);
}
static int reg_d(uint32_t insn, bool dp) { return vreg(insn, dp, 12, 22); }
static int reg_n(uint32_t insn, bool dp) { return vreg(insn, dp, 16, 7); }
static int reg_m(uint32_t insn, bool dp) { return vreg(insn, dp, 0, 5); }

/* Values of either precision are handled as temp indices; dp selects i64. */
static uint16_t vnew(struct arm_dc *s, bool dp)
{
    return dp ? ir_new_i64(s->ir).t : ir_new_i32(s->ir).t;
}

static void vfree(struct arm_dc *s, bool dp, uint16_t t)
{
    if (dp)
        ir_free_i64(s->ir, (ir_i64){ t });
    else
        ir_free_i32(s->ir, (ir_i32){ t });
}

static uint16_t vload(struct arm_dc *s, bool dp, int r)
{
    uint16_t t = vnew(s, dp);
    if (dp)
        ir_ld_i64(s->ir, (ir_i64){ t }, s->ir->env, arm_dreg_off(r));
    else
        ir_ld_i32(s->ir, (ir_i32){ t }, s->ir->env, arm_sreg_off(r));
    return t;
}

/* Stores t to register r and frees it. */
static void vstore(struct arm_dc *s, bool dp, int r, uint16_t t)
{
    if (dp)
        ir_st_i64(s->ir, (ir_i64){ t }, s->ir->env, arm_dreg_off(r));
    else
        ir_st_i32(s->ir, (ir_i32){ t }, s->ir->env, arm_sreg_off(r));
    vfree(s, dp, t);
}

static void vstore_const(struct arm_dc *s, bool dp, int r, uint64_t v)
{
    uint16_t t = vnew(s, dp);
    if (dp)
        ir_movi_i64(s->ir, (ir_i64){ t }, v);
    else
        ir_movi_i32(s->ir, (ir_i32){ t }, (uint32_t)v);
    vstore(s, dp, r, t);
}

/* FPNeg / FPAbs in place: pure sign-bit operations, NaNs included. */
static void vneg(struct arm_dc *s, bool dp, uint16_t t)
{
    if (dp)
        ir_xor_i64(s->ir, (ir_i64){ t }, (ir_i64){ t }, ir_const_i64(s->ir, 1ull << 63));
    else
        ir_xori_i32(s->ir, (ir_i32){ t }, (ir_i32){ t }, 0x80000000u);
}

static void vabs(struct arm_dc *s, bool dp, uint16_t t)
{
    if (dp)
        ir_andi_i64(s->ir, (ir_i64){ t }, (ir_i64){ t }, ~(1ull << 63));
    else
        ir_andi_i32(s->ir, (ir_i32){ t }, (ir_i32){ t }, 0x7fffffffu);
}

/* Calls fn(env, args...) and returns its result in a new temp (i64 when dp_res). */
static uint16_t vcall(struct arm_dc *s, bool dp_res, void *fn, unsigned nargs,
                      uint16_t a, uint16_t b, uint16_t c)
{
    uint16_t args[4] = { s->ir->env.t, a, b, c };
    uint16_t r = vnew(s, dp_res);
    ir_call(s->ir, fn, CALL_FP, r, nargs + 1, args);
    return r;
}

enum fpop { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_MULADD };
static void *const fp_helpers[][2] = {
    [OP_ADD] = { (void *)helper_vfp_adds, (void *)helper_vfp_addd },
    [OP_SUB] = { (void *)helper_vfp_subs, (void *)helper_vfp_subd },
    [OP_MUL] = { (void *)helper_vfp_muls, (void *)helper_vfp_muld },
    [OP_DIV] = { (void *)helper_vfp_divs, (void *)helper_vfp_divd },
    [OP_SQRT] = { (void *)helper_vfp_sqrts, (void *)helper_vfp_sqrtd },
    [OP_MULADD] = { (void *)helper_vfp_muladds, (void *)helper_vfp_muladdd },
};

/* In the default FPSCR mode (round to nearest, no flush-to-zero, no default NaN, which
 * tb flags guarantee for the whole TB) the host's IEEE arithmetic is ARM's for every
 * ordinary result, and its flags map one to one (arm_fpscr_of_fpx); the ops fall back
 * to the exact helper for NaNs, infinities and results near the underflow threshold,
 * where NaN selection and tininess (ARM: before rounding) differ. */
static bool fp_inline(const struct arm_dc *s)
{
    return !(s->ctx->flags & ARM_TBF_FPMODE) && !s->vec_len;
}

static uint16_t fp_op(struct arm_dc *s, bool dp, enum fpop op, uint16_t a, uint16_t b)
{
    static const enum ir_fop iop[] = {
        [OP_ADD] = IR_FADD, [OP_SUB] = IR_FSUB, [OP_MUL] = IR_FMUL, [OP_DIV] = IR_FDIV,
        [OP_SQRT] = IR_FSQRT,
    };
    if (!fp_inline(s))
        return vcall(s, dp, fp_helpers[op][dp], op == OP_SQRT ? 1 : 2, a, b, 0);
    uint16_t r = vnew(s, dp);
    if (op == OP_SQRT)
        b = a;
    if (dp)
        ir_fop_f64(s->ir, iop[op], (ir_i64){ r }, (ir_i64){ a }, (ir_i64){ b },
                   fp_helpers[op][dp]);
    else
        ir_fop_f32(s->ir, iop[op], (ir_i32){ r }, (ir_i32){ a }, (ir_i32){ b },
                   fp_helpers[op][dp]);
    return r;
}

/* a op b; frees both operands. */
static uint16_t fp_binop(struct arm_dc *s, bool dp, enum fpop op, uint16_t a, uint16_t b)
{
    uint16_t r = fp_op(s, dp, op, a, b);
    vfree(s, dp, a);
    vfree(s, dp, b);
    return r;
}

/* The multiply/add group, VDIV and the fused forms (opc = bits 23,21,20). */
static bool vfp_arith(struct arm_dc *s, uint32_t insn, bool dp, unsigned opc, bool op6)
{
    int d = reg_d(insn, dp), n = reg_n(insn, dp), m = reg_m(insn, dp);
    uint16_t vn, vm, vd, res;

    if (opc == 4 && op6)
        return false;
    vn = vload(s, dp, n);
    vm = vload(s, dp, m);
    switch (opc) {
    case 0:     /* VMLA, VMLS: d + (+/-)(n * m) */
    case 1:     /* VNMLS, VNMLA: -d + (+/-)(n * m) */
        res = fp_binop(s, dp, OP_MUL, vn, vm);
        if (op6)
            vneg(s, dp, res);
        vd = vload(s, dp, d);
        if (opc == 1)
            vneg(s, dp, vd);
        res = fp_binop(s, dp, OP_ADD, vd, res);
        break;
    case 2:     /* VMUL, VNMUL */
        res = fp_binop(s, dp, OP_MUL, vn, vm);
        if (op6)
            vneg(s, dp, res);
        break;
    case 3:     /* VADD, VSUB */
        res = fp_binop(s, dp, op6 ? OP_SUB : OP_ADD, vn, vm);
        break;
    case 4:
        res = fp_binop(s, dp, OP_DIV, vn, vm);
        break;
    default:    /* 5: VFNMS, VFNMA (-d + ...); 6: VFMA, VFMS (... (-n) * m) */
        vd = vload(s, dp, d);
        if (opc == 5)
            vneg(s, dp, vd);
        if (op6)
            vneg(s, dp, vn);
        res = vcall(s, dp, fp_helpers[OP_MULADD][dp], 3, vd, vn, vm);
        vfree(s, dp, vd);
        vfree(s, dp, vn);
        vfree(s, dp, vm);
        break;
    }
    vstore(s, dp, d, res);
    return true;
}

/* VFPExpandImm. */
static uint64_t vfp_expand_imm(uint32_t imm8, bool dp)
{
    uint64_t sign = imm8 >> 7, b = imm8 >> 6 & 1, low = imm8 & 0x3f;
    if (dp)
        return sign << 63 | (b ? 0x3fc0000000000000ull : 0x4000000000000000ull) | low << 48;
    return sign << 31 | (b ? 0x3e000000u : 0x40000000u) | low << 19;
}

/* FPSCR.NZCV from the host's comparison, exact without flush-to-zero: equal 0110,
 * less 1000, greater 0010, unordered 0011, indexed by the IR_FCMP_* code. */
static void inline_compare(struct arm_dc *s, bool dp, uint16_t a, uint16_t b, bool signal)
{
    struct ir *ir = s->ir;
    _Static_assert(IR_FCMP_EQ == 0 && IR_FCMP_LT == 1 && IR_FCMP_GT == 2 && IR_FCMP_UN == 3,
                   "the nibble table below is indexed by IR_FCMP_*");
    ir_i32 code = ir_new_i32(ir), f = ir_new_i32(ir);
    if (dp)
        ir_fcmp_f64(ir, code, (ir_i64){ a }, (ir_i64){ b }, signal);
    else
        ir_fcmp_f32(ir, code, (ir_i32){ a }, (ir_i32){ b }, signal);
    ir_shli_i32(ir, code, code, 2);
    ir_shr_i32(ir, code, ir_const_i32(ir, 0x3286), code);
    ir_shli_i32(ir, code, code, 28);
    ir_ld_i32(ir, f, ir->env, ARM_ENV_OFF(fpscr));
    ir_andi_i32(ir, f, f, 0x0fffffffu);
    ir_or_i32(ir, f, f, code);
    ir_st_i32(ir, f, ir->env, ARM_ENV_OFF(fpscr));
    ir_free_i32(ir, code);
    ir_free_i32(ir, f);
}

static bool vfp_compare(struct arm_dc *s, uint32_t insn, bool dp, bool with_zero)
{
    uint16_t a, b, args[4];

    if (with_zero && (field(insn, 0, 4) != 0 || field(insn, 5, 1) != 0))
        return false;
    a = vload(s, dp, reg_d(insn, dp));
    if (with_zero) {
        b = dp ? ir_const_i64(s->ir, 0).t : ir_const_i32(s->ir, 0).t;
    } else {
        b = vload(s, dp, reg_m(insn, dp));
    }
    if (fp_inline(s)) {
        inline_compare(s, dp, a, b, field(insn, 7, 1));
    } else {
        args[0] = s->ir->env.t;
        args[1] = a;
        args[2] = b;
        args[3] = ir_const_i32(s->ir, !field(insn, 7, 1)).t;
        ir_call(s->ir, dp ? (void *)helper_vfp_cmpd : (void *)helper_vfp_cmps, CALL_FP,
                IR_NO_RET, 4, args);
    }
    vfree(s, dp, a);
    if (!with_zero)
        vfree(s, dp, b);
    return true;
}

/* VCVTB/VCVTT (bit 16: to half), single precision only on ARMv7. */
static bool vfp_cvt_half(struct arm_dc *s, uint32_t insn, bool dp, bool to_half)
{
    struct ir *ir = s->ir;
    bool top = field(insn, 7, 1);
    int d = reg_d(insn, false);

    if (dp)
        return false;
    ir_i32 src = { vload(s, false, reg_m(insn, false)) };
    if (to_half) {
        ir_i32 h = { vcall(s, false, (void *)helper_vfp_f32_to_f16, 1, src.t, 0, 0) };
        ir_i32 old = { vload(s, false, d) };
        ir_deposit_i32(ir, old, old, h, top ? 16 : 0, 16);
        ir_free_i32(ir, h);
        vstore(s, false, d, old.t);
    } else {
        if (top)
            ir_shri_i32(ir, src, src, 16);
        else
            ir_ext16u_i32(ir, src, src);
        vstore(s, false, d, vcall(s, false, (void *)helper_vfp_f16_to_f32, 1, src.t, 0, 0));
    }
    ir_free_i32(ir, src);
    return true;
}

/* VCVT between single and double (sz is the source precision). */
static bool vfp_cvt_precision(struct arm_dc *s, uint32_t insn, bool dp)
{
    uint16_t src = vload(s, dp, reg_m(insn, dp));
    void *fn = dp ? (void *)helper_vfp_f64_to_f32 : (void *)helper_vfp_f32_to_f64;
    uint16_t r;
    if (fp_inline(s)) {
        r = vnew(s, !dp);
        if (dp)
            ir_fnarrow_f32(s->ir, (ir_i32){ r }, (ir_i64){ src }, fn);
        else
            ir_fext_f64(s->ir, (ir_i64){ r }, (ir_i32){ src }, fn);
    } else {
        r = vcall(s, !dp, fn, 1, src, 0, 0);
    }
    vfree(s, dp, src);
    vstore(s, !dp, reg_d(insn, !dp), r);
    return true;
}

/* Float to 64-bit fixed/integer word through the helpers; returns the i64 temp. */
static ir_i64 gen_to_fix(struct arm_dc *s, bool dp, uint16_t src, uint32_t desc)
{
    uint16_t c = ir_const_i32(s->ir, desc).t;
    return (ir_i64){ vcall(s, true, dp ? (void *)helper_vfp_f64_to_fix
                                       : (void *)helper_vfp_f32_to_fix, 2, src, c, 0) };
}

/* 64-bit integer word (i64 temp) to float through the helpers. */
static uint16_t gen_from_fix(struct arm_dc *s, bool dp, ir_i64 v, uint32_t desc)
{
    uint16_t c = ir_const_i32(s->ir, desc).t;
    return vcall(s, dp, dp ? (void *)helper_vfp_fix_to_f64 : (void *)helper_vfp_fix_to_f32,
                 2, v.t, c, 0);
}

/* VCVT{R} between floating point and 32-bit integers. */
static bool vfp_cvt_int(struct arm_dc *s, uint32_t insn, bool dp, unsigned opc2)
{
    struct ir *ir = s->ir;
    bool op7 = field(insn, 7, 1);

    if (opc2 == 8 && fp_inline(s)) {    /* rounds to nearest in the inline mode */
        ir_i32 src = { vload(s, false, reg_m(insn, false)) };
        uint16_t r = vnew(s, dp);
        if (dp)
            ir_itof_f64(ir, (ir_i64){ r }, src, op7);
        else
            ir_itof_f32(ir, (ir_i32){ r }, src, op7);
        ir_free_i32(ir, src);
        vstore(s, dp, reg_d(insn, dp), r);
        return true;
    }
    if (opc2 == 13 && op7 && fp_inline(s)) {    /* VCVT.S32: toward zero, signed */
        uint16_t src = vload(s, dp, reg_m(insn, dp));
        ir_i32 r = ir_new_i32(ir);
        if (dp)
            ir_ftoi32_f64(ir, r, (ir_i64){ src }, (void *)helper_vfp_f64_to_s32_rz);
        else
            ir_ftoi32_f32(ir, r, (ir_i32){ src }, (void *)helper_vfp_f32_to_s32_rz);
        vfree(s, dp, src);
        vstore(s, false, reg_d(insn, false), r.t);
        return true;
    }
    if (opc2 == 8) {                    /* integer (always a single register) to float */
        ir_i32 src = { vload(s, false, reg_m(insn, false)) };
        ir_i64 w = ir_new_i64(ir);
        ir_extu_i32_i64(ir, w, src);
        ir_free_i32(ir, src);
        uint16_t r = gen_from_fix(s, dp, w, vfp_cvt_desc(32, 0, !op7, VFP_RMODE_FPSCR));
        ir_free_i64(ir, w);
        vstore(s, dp, reg_d(insn, dp), r);
        return true;
    }
    /* float to integer: opc2 bit 0 signed; op7 rounds towards zero, else FPSCR (VCVTR) */
    uint16_t src = vload(s, dp, reg_m(insn, dp));
    ir_i64 w = gen_to_fix(s, dp, src,
                          vfp_cvt_desc(32, 0, !(opc2 & 1), op7 ? FPU_RZ : VFP_RMODE_FPSCR));
    vfree(s, dp, src);
    ir_i32 r = ir_new_i32(ir);
    ir_extrl_i64_i32(ir, r, w);
    ir_free_i64(ir, w);
    vstore(s, false, reg_d(insn, false), r.t);
    return true;
}

/* VCVT between floating point and fixed point, in place in Vd. */
static bool vfp_cvt_fixed(struct arm_dc *s, uint32_t insn, bool dp, unsigned opc2)
{
    struct ir *ir = s->ir;
    bool to_fixed = opc2 & 4, uns = opc2 & 1;
    unsigned size = field(insn, 7, 1) ? 32 : 16;
    unsigned imm = field(insn, 0, 4) << 1 | field(insn, 5, 1);
    int d = reg_d(insn, dp);

    if (imm > size)
        return false;
    unsigned fbits = size - imm;
    uint16_t src = vload(s, dp, d);
    if (to_fixed) {
        ir_i64 w = gen_to_fix(s, dp, src, vfp_cvt_desc(size, fbits, uns, FPU_RZ));
        vfree(s, dp, src);
        if (dp) {
            vstore(s, true, d, w.t);
        } else {
            ir_i32 r = ir_new_i32(ir);
            ir_extrl_i64_i32(ir, r, w);
            ir_free_i64(ir, w);
            vstore(s, false, d, r.t);
        }
        return true;
    }
    ir_i64 w;
    if (dp) {
        w = (ir_i64){ src };
    } else {
        w = ir_new_i64(ir);
        ir_extu_i32_i64(ir, w, (ir_i32){ src });
        ir_free_i32(ir, (ir_i32){ src });
    }
    uint16_t r = gen_from_fix(s, dp, w, vfp_cvt_desc(size, fbits, uns, FPU_RN));
    ir_free_i64(ir, w);
    vstore(s, dp, d, r);
    return true;
}

/* opc 0b111: moves, VABS/VNEG/VSQRT, compares and conversions (opc2 = bits 19:16). */
static bool vfp_misc(struct arm_dc *s, uint32_t insn, bool dp)
{
    unsigned opc2 = field(insn, 16, 4);
    bool op7 = field(insn, 7, 1);
    int d = reg_d(insn, dp);

    if (!field(insn, 6, 1)) {                       /* VMOV immediate */
        if (s->vec_len)
            return false;
        vstore_const(s, dp, d, vfp_expand_imm(field(insn, 16, 4) << 4 | field(insn, 0, 4), dp));
        return true;
    }
    switch (opc2) {
    case 0:                                         /* VMOV register, VABS */
    case 1: {                                       /* VNEG, VSQRT */
        if (s->vec_len)
            return false;
        uint16_t v = vload(s, dp, reg_m(insn, dp));
        if (opc2 == 1 && op7) {
            uint16_t r = fp_op(s, dp, OP_SQRT, v, 0);
            vfree(s, dp, v);
            v = r;
        } else if (opc2 == 1) {
            vneg(s, dp, v);
        } else if (op7) {
            vabs(s, dp, v);
        }
        vstore(s, dp, d, v);
        return true;
    }
    case 2: case 3:
        return vfp_cvt_half(s, insn, dp, opc2 & 1);
    case 4: case 5:
        return vfp_compare(s, insn, dp, opc2 & 1);
    case 7:
        return op7 && vfp_cvt_precision(s, insn, dp);
    case 8: case 12: case 13:
        return vfp_cvt_int(s, insn, dp, opc2);
    case 10: case 11: case 14: case 15:
        return vfp_cvt_fixed(s, insn, dp, opc2);
    default:
        return false;
    }
}

static bool vfp_data_processing(struct arm_dc *s, uint32_t insn)
{
    bool dp = field(insn, 8, 1), op6 = field(insn, 6, 1);
    unsigned opc = field(insn, 23, 1) << 2 | field(insn, 20, 2);

    if (opc == 7)
        return vfp_misc(s, insn, dp);
    if (s->vec_len)
        return false;
    return vfp_arith(s, insn, dp, opc, op6);
}

/* --- transfers between core and extension registers --- */

static bool vmrs_vmsr(struct arm_dc *s, uint32_t insn, bool to_core)
{
    struct ir *ir = s->ir;
    int rt = (int)field(insn, 12, 4);

    if (field(insn, 16, 4) != 1)        /* only FPSCR is reachable from user mode */
        return false;
    if (!to_core) {
        if (rt == 15)
            return false;
        ir_i32 v = arm_load_reg(s, rt);
        ir_andi_i32(ir, v, v, FPSCR_WRITABLE);
        ir_call2(ir, (void *)helper_vfp_write_fpscr, CALL_FP, IR_NO_RET, ir->env.t, v.t);
        ir_free_i32(ir, v);
        /* LEN/STRIDE select the translation: continue in a fresh TB */
        s->state = DISAS_UPDATE;
        return true;
    }
    ir_i32 f = ir_new_i32(ir);
    if (rt != 15) {
        ir_call1(ir, (void *)helper_vfp_read_fpscr, CALL_FP, f.t, ir->env.t);
        arm_store_reg(s, rt, f, false);
        return true;
    }
    /* VMRS APSR_nzcv, FPSCR: into the lazily kept flags (see cpu.h); NZCV is always
     * current in env (only the cumulative flags are kept back) */
    ir_ld_i32(ir, f, ir->env, ARM_ENV_OFF(fpscr));
    ir_mov_i32(ir, arm_NF, f);
    ir_andi_i32(ir, arm_ZF, f, 1u << 30);
    ir_xori_i32(ir, arm_ZF, arm_ZF, 1u << 30);
    ir_extract_i32(ir, arm_CF, f, 29, 1);
    ir_shli_i32(ir, arm_VF, f, 3);
    arm_flags_cv_written(s);
    ir_free_i32(ir, f);
    return true;
}

/* VMOV between a core register and a single. */
static bool vmov_single(struct arm_dc *s, uint32_t insn, bool to_core)
{
    struct ir *ir = s->ir;
    int rt = (int)field(insn, 12, 4), n = reg_n(insn, false);

    if (rt == 15)
        return false;
    if (to_core) {
        arm_store_reg(s, rt, (ir_i32){ vload(s, false, n) }, false);
    } else {
        ir_i32 v = arm_load_reg(s, rt);
        ir_st_i32(ir, v, ir->env, arm_sreg_off(n));
        ir_free_i32(ir, v);
    }
    return true;
}

/* Element size (8/16/32) and index of a scalar from opc1 (bits 22:21) and opc2 (6:5). */
static bool scalar_sel(uint32_t insn, unsigned *esize, unsigned *index)
{
    unsigned opc1 = field(insn, 21, 2), opc2 = field(insn, 5, 2);
    if (opc1 & 2) {
        *esize = 8;
        *index = (opc1 & 1) << 2 | opc2;
    } else if (opc2 & 1) {
        *esize = 16;
        *index = (opc1 & 1) << 1 | opc2 >> 1;
    } else if (opc2 == 0) {
        *esize = 32;
        *index = opc1 & 1;
    } else {
        return false;
    }
    return true;
}

/* VMOV core register to scalar, and VMOV scalar to core register (U: zero-extend); the
 * D register is in the Vn/N fields for both. Lanes are little-endian in env, so a
 * scalar is a narrow access inside D<n>. */
static bool vmov_scalar(struct arm_dc *s, uint32_t insn, bool to_core)
{
    struct ir *ir = s->ir;
    int rt = (int)field(insn, 12, 4), r = reg_n(insn, true);
    bool uns = field(insn, 23, 1);
    unsigned esize, index;

    if (rt == 15 || !scalar_sel(insn, &esize, &index) || (esize == 32 && to_core && uns))
        return false;
    intptr_t off = arm_dreg_off(r) + (int)(index * esize / 8);
    if (!to_core) {
        ir_i32 v = arm_load_reg(s, rt);
        if (esize == 8)
            ir_st8_i32(ir, v, ir->env, off);
        else if (esize == 16)
            ir_st16_i32(ir, v, ir->env, off);
        else
            ir_st_i32(ir, v, ir->env, off);
        ir_free_i32(ir, v);
        return true;
    }
    ir_i32 v = ir_new_i32(ir);
    if (esize == 8)
        (uns ? ir_ld8u_i32 : ir_ld8s_i32)(ir, v, ir->env, off);
    else if (esize == 16)
        (uns ? ir_ld16u_i32 : ir_ld16s_i32)(ir, v, ir->env, off);
    else
        ir_ld_i32(ir, v, ir->env, off);
    arm_store_reg(s, rt, v, false);
    return true;
}

/* VDUP from a core register (B:E select 32/16/8-bit lanes; Q a quad register; the
 * destination is in the Vn/N fields). */
static bool vdup_core(struct arm_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    unsigned be = field(insn, 22, 1) << 1 | field(insn, 5, 1);
    bool q = field(insn, 21, 1);
    int d = reg_n(insn, true), rt = (int)field(insn, 12, 4);

    if (be == 3 || rt == 15 || (q && (d & 1)))
        return false;
    ir_i32 v = arm_load_reg(s, rt);
    if (be == 2) {
        ir_ext8u_i32(ir, v, v);
        ir_mul_i32(ir, v, v, ir_const_i32(ir, 0x01010101u));
    } else if (be == 1) {
        ir_ext16u_i32(ir, v, v);
        ir_mul_i32(ir, v, v, ir_const_i32(ir, 0x00010001u));
    }
    ir_i64 w = ir_new_i64(ir);
    ir_concat_i32_i64(ir, w, v, v);
    ir_free_i32(ir, v);
    ir_st_i64(ir, w, ir->env, arm_dreg_off(d));
    if (q)
        ir_st_i64(ir, w, ir->env, arm_dreg_off(d + 1));
    ir_free_i64(ir, w);
    return true;
}

static bool vfp_core_transfer(struct arm_dc *s, uint32_t insn)
{
    bool to_core = field(insn, 20, 1), cp11 = field(insn, 8, 1);
    unsigned a = field(insn, 21, 3);

    if (!cp11) {
        if (field(insn, 5, 2) != 0)
            return false;
        if (a == 0)
            return vmov_single(s, insn, to_core);
        if (a == 7)
            return vmrs_vmsr(s, insn, to_core);
        return false;
    }
    if (to_core)
        return vmov_scalar(s, insn, true);
    if (!(a & 4))
        return vmov_scalar(s, insn, false);
    return !field(insn, 6, 1) && vdup_core(s, insn);
}

/* VMOV between two core registers and a double, or two consecutive singles. */
static bool vmov_64(struct arm_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool to_core = field(insn, 20, 1), dp = field(insn, 8, 1);
    int rt = (int)field(insn, 12, 4), rt2 = (int)field(insn, 16, 4);
    int m = reg_m(insn, dp);

    if (field(insn, 6, 2) != 0 || !field(insn, 4, 1) || rt == 15 || rt2 == 15
        || (to_core && rt == rt2) || (!dp && m == 31))
        return false;
    int s0 = dp ? 2 * m : m;            /* D<m> is S<2m>:S<2m+1> in the register file */
    if (to_core) {
        ir_i32 lo = ir_new_i32(ir), hi = ir_new_i32(ir);
        ir_ld_i32(ir, lo, ir->env, arm_sreg_off(s0));
        ir_ld_i32(ir, hi, ir->env, arm_sreg_off(s0 + 1));
        arm_store_reg(s, rt, lo, false);
        arm_store_reg(s, rt2, hi, false);
    } else {
        ir_i32 lo = arm_load_reg(s, rt), hi = arm_load_reg(s, rt2);
        ir_st_i32(ir, lo, ir->env, arm_sreg_off(s0));
        ir_st_i32(ir, hi, ir->env, arm_sreg_off(s0 + 1));
        ir_free_i32(ir, lo);
        ir_free_i32(ir, hi);
    }
    return true;
}

/* --- loads and stores --- */

static void vfp_access(struct arm_dc *s, bool load, bool dp, int r, ir_i32 addr)
{
    struct ir *ir = s->ir;
    if (dp) {
        ir_i64 v = ir_new_i64(ir);
        if (load) {
            ir_qemu_ld_i64(ir, v, addr.t, MO_Q);
            ir_st_i64(ir, v, ir->env, arm_dreg_off(r));
        } else {
            ir_ld_i64(ir, v, ir->env, arm_dreg_off(r));
            ir_qemu_st_i64(ir, v, addr.t, MO_Q);
        }
        ir_free_i64(ir, v);
    } else {
        ir_i32 v = ir_new_i32(ir);
        if (load) {
            ir_qemu_ld_i32(ir, v, addr.t, MO_UL);
            ir_st_i32(ir, v, ir->env, arm_sreg_off(r));
        } else {
            ir_ld_i32(ir, v, ir->env, arm_sreg_off(r));
            ir_qemu_st_i32(ir, v, addr.t, MO_UL);
        }
        ir_free_i32(ir, v);
    }
}

/* VLDR/VSTR, VLDM/VSTM (IA, IA!, DB!), which include VPUSH/VPOP. */
static bool vfp_load_store(struct arm_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool p = field(insn, 24, 1), u = field(insn, 23, 1), w = field(insn, 21, 1);
    bool load = field(insn, 20, 1), dp = field(insn, 8, 1);
    int rn = (int)field(insn, 16, 4), d = reg_d(insn, dp);
    uint32_t imm8 = field(insn, 0, 8), bytes = imm8 * 4;

    if (p && !w) {
        ir_i32 addr = arm_load_reg(s, rn);
        if (rn == 15)
            ir_andi_i32(ir, addr, addr, ~3u);
        ir_addi_i32(ir, addr, addr, u ? bytes : -bytes);
        vfp_access(s, load, dp, d, addr);
        ir_free_i32(ir, addr);
        return true;
    }
    if (p == u || (w && rn == 15))
        return false;
    /* an odd imm8 with doubles is FLDMX/FSTMX: the extra word is skipped */
    unsigned regs = dp ? imm8 / 2 : imm8;
    if (regs == 0 || (dp && regs > 16) || d + (int)regs > 32)
        return false;
    ir_i32 base = arm_load_reg(s, rn);
    if (!u)
        ir_subi_i32(ir, base, base, bytes);
    ir_i32 addr = ir_new_i32(ir);
    for (unsigned i = 0; i < regs; i++) {
        ir_addi_i32(ir, addr, base, i * (dp ? 8 : 4));
        vfp_access(s, load, dp, d + (int)i, addr);
    }
    ir_free_i32(ir, addr);
    if (w) {
        if (u)
            ir_addi_i32(ir, base, base, bytes);
        arm_store_reg(s, rn, base, false);
    } else {
        ir_free_i32(ir, base);
    }
    return true;
}

bool arm_tr_vfp(struct arm_dc *s, uint32_t insn)
{
    if (field(insn, 9, 3) != 5)                     /* coprocessor 10 or 11 */
        return false;
    if (field(insn, 25, 3) == 6) {
        if (field(insn, 21, 4) == 2)
            return vmov_64(s, insn);
        return vfp_load_store(s, insn);
    }
    if (field(insn, 24, 4) != 0xe)
        return false;
    if (field(insn, 4, 1))
        return vfp_core_transfer(s, insn);
    return vfp_data_processing(s, insn);
}
