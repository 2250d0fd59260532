/* A64 scalar floating point: data processing with 1, 2 and 3 sources, compares,
 * conditional compare and select, immediates, and the conversions between FP and
 * integer or fixed point, including FMOV to and from general registers
 * (ARM ARM C4.1.96, "Data Processing -- Scalar Floating-Point and Advanced SIMD").
 * Moves, FABS, FNEG and FCSEL are inline IR; FADD, FSUB, FMUL, FDIV, FSQRT and FCMP(E)
 * are inline host float ops in TBs translated with FPCR's RMode, FZ and DN clear (the
 * default: a64_fp_tb_flags), falling back to the exact helpers for exceptional results;
 * the rest of the arithmetic is one helper call each (helper-a64-fp.h) under FPCR. Half precision exists only as a
 * conversion source or destination (no FP16 arithmetic is advertised). */
#include "target/arm/translate-a64-simd.h"

#include "target/arm/helper-a64-fp.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return a64_field(insn, pos, len);
}

/* ftype 0 single, 1 double, 3 half (only for FCVT); 2 is unallocated. */
static ir_i64 fp_read(struct a64_dc *s, int n, unsigned ftype)
{
    return a64_velem(s, n, ftype == 3 ? 1 : ftype == 1 ? 3 : 2, 0, false);
}

static ir_i64 call1(struct a64_dc *s, void *fn, uint32_t desc, ir_i64 a)
{
    return a64_vcall(s, fn, true, desc, 1, (uint16_t[]){ a.t });
}
static ir_i64 call2(struct a64_dc *s, void *fn, uint32_t desc, ir_i64 a, ir_i64 b)
{
    return a64_vcall(s, fn, true, desc, 2, (uint16_t[]){ a.t, b.t });
}

/* --- arithmetic: inline or direct helpers --- */

static void *const fop_helpers[2][5] = {
    { (void *)helper_a64_fadd_s, (void *)helper_a64_fsub_s, (void *)helper_a64_fmul_s,
      (void *)helper_a64_fdiv_s, (void *)helper_a64_fsqrt_s },
    { (void *)helper_a64_fadd_d, (void *)helper_a64_fsub_d, (void *)helper_a64_fmul_d,
      (void *)helper_a64_fdiv_d, (void *)helper_a64_fsqrt_d },
};

ir_i64 a64_gen_fop(struct a64_dc *s, enum ir_fop op, bool dbl, ir_i64 a, ir_i64 b)
{
    struct ir *ir = s->ir;
    void *fn = fop_helpers[dbl][op];
    ir_i64 r = a64_tmp(s);
    if (op == IR_FSQRT)
        b = a;
    if (s->tb_flags & A64_TBF_FP_MASK) {
        if (op == IR_FSQRT)
            ir_call2(ir, fn, A64_FP_CALL, r.t, ir->env.t, a.t);
        else
            ir_call3(ir, fn, A64_FP_CALL, r.t, ir->env.t, a.t, b.t);
        return r;
    }
    if (dbl) {
        ir_fop_f64(ir, op, r, a, b, fn);
        return r;
    }
    /* the single-precision fallbacks take and return the value zero-extended, as an
     * i32 reaches a helper */
    ir_i32 x = a64_tmp32(s), y = a64_tmp32(s), z = a64_tmp32(s);
    ir_extrl_i64_i32(ir, x, a);
    ir_extrl_i64_i32(ir, y, b);
    ir_fop_f32(ir, op, z, x, y, fn);
    ir_extu_i32_i64(ir, r, z);
    return r;
}

/* --- one source --- */

static const uint8_t dp1_ops[16] = {
    [3] = AU_SQRT, [8] = AU_RINTN, [9] = AU_RINTP, [10] = AU_RINTM, [11] = AU_RINTZ,
    [12] = AU_RINTA, [14] = AU_RINTX, [15] = AU_RINT_CUR,
};

static bool fp_dp1(struct a64_dc *s, uint32_t insn, unsigned ftype)
{
    unsigned opcode = field(insn, 15, 6), rd = field(insn, 0, 5), rn = field(insn, 5, 5);
    bool dbl = ftype == 1;
    struct ir *ir = s->ir;

    if (ftype == 2)
        return false;
    if ((opcode & 0x3c) == 0x04) {                  /* FCVT: to S, D, or H */
        static const unsigned fmt_of[4] = { 2, 3, 0, 1 };   /* ftype, opc -> size */
        unsigned to = fmt_of[opcode & 3], from = fmt_of[ftype];
        if (to == 0 || from == to)
            return false;
        ir_i64 v = fp_read(s, rn, ftype);
        a64_set_vscalar(s, rd, call1(s, (void *)helper_a64_fcvt, from | to << 2, v));
        return true;
    }
    if (ftype == 3 || opcode > 15 || opcode == 13 || (opcode >= 4 && opcode < 8))
        return false;
    ir_i64 v = fp_read(s, rn, ftype), r = a64_tmp(s);
    uint64_t sign = dbl ? 1ull << 63 : 1ull << 31;
    switch (opcode) {
    case 0: ir_mov_i64(ir, r, v); break;                            /* FMOV */
    case 1: ir_andi_i64(ir, r, v, ~sign); break;                    /* FABS */
    case 2: ir_xor_i64(ir, r, v, a64_const(s, sign)); break;        /* FNEG */
    case 3:                                                         /* FSQRT */
        r = a64_gen_fop(s, IR_FSQRT, dbl, v, v);
        break;
    default:
        r = call1(s, (void *)helper_a64_funop, a64_fdesc(dp1_ops[opcode], dbl, 0, 0, 0, 0), v);
        break;
    }
    a64_set_vscalar(s, rd, r);
    return true;
}

/* --- two and three sources --- */

static const uint8_t dp2_ops[9] = {
    AF_MUL, AF_DIV, AF_ADD, AF_SUB, AF_MAX, AF_MIN, AF_MAXNM, AF_MINNM, AF_NMUL,
};

static bool fp_dp2(struct a64_dc *s, uint32_t insn, unsigned ftype)
{
    unsigned opcode = field(insn, 12, 4);
    if (ftype > 1 || opcode > 8)
        return false;
    ir_i64 a = fp_read(s, field(insn, 5, 5), ftype), b = fp_read(s, field(insn, 16, 5), ftype);
    if (opcode < 4) {                               /* FMUL, FDIV, FADD, FSUB */
        static const enum ir_fop fops[4] = { IR_FMUL, IR_FDIV, IR_FADD, IR_FSUB };
        a64_set_vscalar(s, field(insn, 0, 5), a64_gen_fop(s, fops[opcode], ftype == 1, a, b));
        return true;
    }
    uint32_t desc = a64_fdesc(dp2_ops[opcode], ftype == 1, 0, 0, 0, 0);
    a64_set_vscalar(s, field(insn, 0, 5), call2(s, (void *)helper_a64_fbinop, desc, a, b));
    return true;
}

static bool fp_dp3(struct a64_dc *s, uint32_t insn, unsigned ftype)
{
    if (ftype > 1)
        return false;
    unsigned op = field(insn, 21, 1) << 1 | field(insn, 15, 1);   /* o1:o0 */
    ir_i64 n = fp_read(s, field(insn, 5, 5), ftype), m = fp_read(s, field(insn, 16, 5), ftype);
    ir_i64 a = fp_read(s, field(insn, 10, 5), ftype);
    ir_i64 r = a64_vcall(s, (void *)helper_a64_fmuladd, true, a64_fdesc(op, ftype == 1, 0, 0, 0, 0),
                         3, (uint16_t[]){ a.t, n.t, m.t });
    a64_set_vscalar(s, field(insn, 0, 5), r);
    return true;
}

/* --- compares and selects --- */

static ir_i64 gen_fcmp(struct a64_dc *s, uint32_t insn, unsigned ftype, bool with_zero,
                       bool signal)
{
    ir_i64 a = fp_read(s, field(insn, 5, 5), ftype);
    ir_i64 b = with_zero ? a64_const(s, 0) : fp_read(s, field(insn, 16, 5), ftype);
    if (s->tb_flags & A64_TBF_FP_MASK)
        return call2(s, (void *)helper_a64_fcmp, a64_fdesc(signal, ftype == 1, 0, 0, 0, 0),
                     a, b);
    /* without flush-to-zero the host's compare is exact: NZCV by the IR_FCMP_* code,
     * equal 0110, less 1000, greater 0010, unordered 0011 */
    _Static_assert(IR_FCMP_EQ == 0 && IR_FCMP_LT == 1 && IR_FCMP_GT == 2 && IR_FCMP_UN == 3,
                   "the nibble table below is indexed by IR_FCMP_*");
    struct ir *ir = s->ir;
    ir_i32 code = a64_tmp32(s);
    if (ftype == 1) {
        ir_fcmp_f64(ir, code, a, b, signal);
    } else {
        ir_i32 x = a64_tmp32(s), y = a64_tmp32(s);
        ir_extrl_i64_i32(ir, x, a);
        ir_extrl_i64_i32(ir, y, b);
        ir_fcmp_f32(ir, code, x, y, signal);
    }
    ir_shli_i32(ir, code, code, 2);
    ir_shr_i32(ir, code, ir_const_i32(ir, 0x3286), code);
    ir_shli_i32(ir, code, code, 28);
    ir_i64 r = a64_tmp(s);
    ir_extu_i32_i64(ir, r, code);
    return r;
}

static bool fp_compare(struct a64_dc *s, uint32_t insn, unsigned ftype)
{
    unsigned op2 = field(insn, 0, 5);
    if (ftype > 1 || field(insn, 14, 2) != 0 || (op2 & 7) != 0)
        return false;
    a64_gen_set_nzcv(s, gen_fcmp(s, insn, ftype, op2 & 8, op2 & 16));
    return true;
}

/* FCCMP/FCCMPE: the compare runs (and may raise flags) only when the condition holds. */
static bool fp_ccmp(struct a64_dc *s, uint32_t insn, unsigned ftype)
{
    struct ir *ir = s->ir;
    struct a64_cmp c;

    if (ftype > 1)
        return false;
    a64_cond_cmp(s, field(insn, 12, 4), &c);
    ir_i64 res = ir_new_tb_i64(ir);
    ir_movi_i64(ir, res, (uint64_t)field(insn, 0, 4) << 28);
    ir_label skip = ir_new_label(ir);
    if (c.cond != IR_ALWAYS)
        ir_brcond_i64(ir, ir_cond_invert(c.cond), c.a, c.b, skip);
    ir_mov_i64(ir, res, gen_fcmp(s, insn, ftype, false, field(insn, 4, 1)));
    ir_set_label(ir, skip);
    a64_gen_set_nzcv(s, res);
    ir_free_i64(ir, res);
    return true;
}

static bool fp_csel(struct a64_dc *s, uint32_t insn, unsigned ftype)
{
    struct a64_cmp c;
    if (ftype > 1)
        return false;
    ir_i64 n = fp_read(s, field(insn, 5, 5), ftype), m = fp_read(s, field(insn, 16, 5), ftype);
    ir_i64 r = a64_tmp(s);
    a64_cond_cmp(s, field(insn, 12, 4), &c);
    if (c.cond == IR_ALWAYS)
        ir_mov_i64(s->ir, r, n);
    else
        ir_movcond_i64(s->ir, c.cond, r, c.a, c.b, n, m);
    a64_set_vscalar(s, field(insn, 0, 5), r);
    return true;
}

/* VFPExpandImm: sign, a 3-bit exponent around the bias and a 4-bit fraction. */
static uint64_t expand_imm(unsigned imm8, bool dbl)
{
    uint64_t sign = imm8 >> 7, b6 = imm8 >> 6 & 1, e54 = imm8 >> 4 & 3, frac = imm8 & 15;
    if (dbl)
        return sign << 63 | (b6 ^ 1) << 62 | (b6 ? 0xffull : 0) << 54 | e54 << 52 | frac << 48;
    return sign << 31 | (b6 ^ 1) << 30 | (b6 ? 0x1full : 0) << 25 | e54 << 23 | frac << 19;
}

static bool fp_imm(struct a64_dc *s, uint32_t insn, unsigned ftype)
{
    if (ftype > 1 || field(insn, 5, 5) != 0)
        return false;
    a64_set_vscalar(s, field(insn, 0, 5), a64_const(s, expand_imm(field(insn, 13, 8), ftype == 1)));
    return true;
}

/* --- conversions with general registers --- */

static void set_xreg(struct a64_dc *s, unsigned rd, ir_i64 v, bool sf)
{
    a64_set_reg(s, (int)rd, v, sf);
}

/* FCVT[NPMZA][SU] (fbits 0) and the fixed-point FCVTZ[SU]. */
static void gen_to_int(struct a64_dc *s, uint32_t insn, unsigned ftype, bool sf, bool uns,
                       unsigned rmode, unsigned fbits)
{
    ir_i64 v = fp_read(s, field(insn, 5, 5), ftype);
    uint32_t desc = a64_fdesc(0, ftype == 1, sf ? 64 : 32, fbits, uns, rmode);
    set_xreg(s, field(insn, 0, 5), call1(s, (void *)helper_a64_f_to_int, desc, v), sf);
}

static void gen_from_int(struct a64_dc *s, uint32_t insn, unsigned ftype, bool sf, bool uns,
                         unsigned fbits)
{
    ir_i64 v = a64_xreg(s, (int)field(insn, 5, 5));
    uint32_t desc = a64_fdesc(0, ftype == 1, sf ? 64 : 32, fbits, uns, A64_RMODE_FPCR);
    a64_set_vscalar(s, field(insn, 0, 5), call1(s, (void *)helper_a64_int_to_f, desc, v));
}

static bool fp_fixed(struct a64_dc *s, uint32_t insn, unsigned ftype)
{
    bool sf = field(insn, 31, 1);
    unsigned scale = field(insn, 10, 6), op = field(insn, 16, 5);   /* rmode:opcode */
    if (ftype > 1 || (!sf && scale < 32))
        return false;
    switch (op) {
    case 0x02: case 0x03: gen_from_int(s, insn, ftype, sf, op & 1, 64 - scale); return true;
    case 0x18: case 0x19: gen_to_int(s, insn, ftype, sf, op & 1, FPU_RZ, 64 - scale); return true;
    default: return false;
    }
}

/* FMOV between general and FP registers, including the top half of V (D[1]). */
static bool fp_fmov_gen(struct a64_dc *s, uint32_t insn, unsigned ftype, bool sf,
                        unsigned rmode, bool to_fp)
{
    unsigned rd = field(insn, 0, 5), rn = field(insn, 5, 5);
    if (rmode == 1 && sf && ftype == 2) {           /* Vd.D[1] <-> Xn */
        if (to_fp)
            a64_set_vhalf(s, (int)rd, 1, a64_xreg(s, (int)rn));
        else
            set_xreg(s, rd, a64_vhalf(s, (int)rn, 1), true);
        return true;
    }
    if (rmode != 0 || !((ftype == 0 && !sf) || (ftype == 1 && sf)))
        return false;
    if (to_fp) {
        ir_i64 v = a64_tmp(s);
        if (sf)
            ir_mov_i64(s->ir, v, a64_xreg(s, (int)rn));
        else
            ir_ext32u_i64(s->ir, v, a64_xreg(s, (int)rn));
        a64_set_vscalar(s, rd, v);
    } else {
        set_xreg(s, rd, fp_read(s, (int)rn, ftype), sf);
    }
    return true;
}

static const uint8_t rmode_of_field[4] = { FPU_RN, FPU_RP, FPU_RM, FPU_RZ };

static bool fp_int(struct a64_dc *s, uint32_t insn, unsigned ftype)
{
    bool sf = field(insn, 31, 1);
    unsigned rmode = field(insn, 19, 2), opcode = field(insn, 16, 3);

    if (opcode >= 6)
        return fp_fmov_gen(s, insn, ftype, sf, rmode, opcode == 7);
    if (ftype > 1)
        return false;
    switch (opcode) {
    case 0: case 1:
        gen_to_int(s, insn, ftype, sf, opcode & 1, rmode_of_field[rmode], 0);
        return true;
    case 2: case 3:
        if (rmode != 0)
            return false;
        gen_from_int(s, insn, ftype, sf, opcode & 1, 0);
        return true;
    default:                                        /* FCVTA[SU] */
        if (rmode != 0)
            return false;
        gen_to_int(s, insn, ftype, sf, opcode & 1, FPU_RA, 0);
        return true;
    }
}

bool a64_tr_fp(struct a64_dc *s, uint32_t insn)
{
    unsigned ftype = field(insn, 22, 2);

    if ((insn & 0x5e000000) != 0x1e000000)
        return false;
    if (field(insn, 29, 1))                         /* S == 1: unallocated */
        return false;
    if (field(insn, 24, 1))
        return !field(insn, 31, 1) && fp_dp3(s, insn, ftype);
    if (!field(insn, 21, 1))
        return fp_fixed(s, insn, ftype);
    if (field(insn, 10, 6) == 0)
        return fp_int(s, insn, ftype);
    if (field(insn, 31, 1))                         /* M == 1: unallocated */
        return false;
    if (field(insn, 10, 5) == 0x10)
        return fp_dp1(s, insn, ftype);
    if (field(insn, 10, 4) == 0x8)
        return fp_compare(s, insn, ftype);
    if (field(insn, 10, 3) == 0x4)
        return fp_imm(s, insn, ftype);
    switch (field(insn, 10, 2)) {
    case 1: return fp_ccmp(s, insn, ftype);
    case 2: return fp_dp2(s, insn, ftype);
    case 3: return fp_csel(s, insn, ftype);
    default: return false;
    }
}
