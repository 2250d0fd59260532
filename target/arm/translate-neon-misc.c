/* Advanced SIMD data processing, the groups of ARM ARM A7.4 with two registers: shifts
 * by an immediate, the miscellaneous operations (A7.4.5), VEXT, VTBL/VTBX and VDUP of
 * a scalar. Entered from arm_tr_neon_dp (translate-neon.c). */
#include "target/arm/translate-neon.h"

#include "target/arm/helper-neon.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return neon_field(insn, pos, len);
}

static const uint64_t lane_ones[4] = {
    0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1,
};

/* The same lane-sized mask in every lane. */
static uint64_t rep_lane(uint64_t lane_mask, unsigned size)
{
    return size == 3 ? lane_mask : lane_mask * lane_ones[size];
}

static uint64_t lane_bits(unsigned size)
{
    return size == 3 ? ~0ull : (1ull << (8u << size)) - 1;
}

static ir_i64 call1(struct arm_dc *s, void *fn, bool env, uint32_t desc, ir_i64 a)
{
    return (ir_i64){ neon_call(s, fn, env, false, desc, 1, (uint16_t[]){ a.t }) };
}

static ir_i64 gen_shift(struct arm_dc *s, unsigned op, unsigned size, unsigned amount,
                        ir_i64 a, ir_i64 d)
{
    return (ir_i64){ neon_call(s, (void *)helper_neon_shift, true, false,
                               neon_desc(op, size, amount), 2, (uint16_t[]){ a.t, d.t }) };
}

/* Lane-wise logical shifts by a constant, inline: the bits that cross into the next
 * lane are masked off. */
static void gen_shl_lanes(struct arm_dc *s, unsigned size, ir_i64 v, unsigned sh)
{
    struct ir *ir = s->ir;
    if (sh >= (8u << size)) {
        ir_movi_i64(ir, v, 0);
        return;
    }
    ir_shli_i64(ir, v, v, sh);
    if (size != 3)
        ir_andi_i64(ir, v, v, rep_lane((lane_bits(size) << sh) & lane_bits(size), size));
}

static void gen_shr_lanes(struct arm_dc *s, unsigned size, ir_i64 v, unsigned sh)
{
    struct ir *ir = s->ir;
    if (sh >= (8u << size)) {
        ir_movi_i64(ir, v, 0);
        return;
    }
    ir_shri_i64(ir, v, v, sh);
    if (size != 3)
        ir_andi_i64(ir, v, v, rep_lane(lane_bits(size) >> sh, size));
}

static void gen_perm(struct arm_dc *s, uint32_t desc)
{
    ir_call(s->ir, (void *)helper_neon_perm, NEON_CALL_ENV, IR_NO_RET, 2,
            (uint16_t[]){ s->ir->env.t, ir_const_i32(s->ir, desc).t });
}

/* --- two registers and a shift amount (A7.4.4) --- */

/* VSHRN, VRSHRN, VQSHRN, VQRSHRN, VQSHRUN, VQRSHRUN: Dd from Qm, shifting in the wide
 * lanes (exactly, rounding included) before narrowing. */
static bool gen_shift_narrow(struct arm_dc *s, int d, int m, unsigned size, unsigned amount,
                             unsigned shift_op, unsigned narrow_op)
{
    struct ir *ir = s->ir;
    ir_i64 src[2];
    ir_i32 half[2];

    if (m & 1)
        return false;
    src[0] = neon_ld(s, m);
    src[1] = neon_ld(s, m + 1);
    for (unsigned h = 0; h < 2; h++) {
        ir_i64 w;
        if (shift_op == NS_SHR_U) {
            w = src[h];
            gen_shr_lanes(s, size + 1, w, amount);
        } else {
            w = gen_shift(s, shift_op, size + 1, amount, src[h], src[h]);
            ir_free_i64(ir, src[h]);
        }
        half[h] = neon_narrow(s, w, size, narrow_op);
        ir_free_i64(ir, w);
    }
    ir_i64 out = ir_new_i64(ir);
    ir_concat_i32_i64(ir, out, half[0], half[1]);
    ir_free_i32(ir, half[0]);
    ir_free_i32(ir, half[1]);
    neon_st(s, d, out);
    return true;
}

/* VSHLL (and VMOVL for a zero shift): Qd = widen(Dm) << amount. */
static bool gen_shll(struct arm_dc *s, int d, int m, unsigned size, bool uns, unsigned amount)
{
    struct ir *ir = s->ir;
    ir_i64 src, res[2];

    if (d & 1)
        return false;
    src = neon_ld(s, m);
    for (unsigned h = 0; h < 2; h++) {
        ir_i32 half = ir_new_i32(ir);
        if (h)
            ir_extrh_i64_i32(ir, half, src);
        else
            ir_extrl_i64_i32(ir, half, src);
        res[h] = neon_widen(s, half, size, uns);
        ir_free_i32(ir, half);
        if (amount)
            gen_shl_lanes(s, size + 1, res[h], amount);
    }
    ir_free_i64(ir, src);
    neon_st(s, d, res[0]);
    neon_st(s, d + 1, res[1]);
    return true;
}

bool neon_shift_imm(struct arm_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    unsigned a = field(insn, 8, 4), imm6 = field(insn, 16, 6);
    bool u = field(insn, 24, 1), l = field(insn, 7, 1), q = field(insn, 6, 1);
    int d = neon_vd(insn), m = neon_vm(insn);
    unsigned size = l ? 3 : (imm6 & 0x20) ? 2 : (imm6 & 0x10) ? 1 : 0;
    unsigned bits = 8u << size;
    unsigned rshift = (l ? 64 : 2 * bits) - imm6, lshift = l ? imm6 : imm6 - bits;

    if (a >= 8) {
        if (l)
            return false;
        switch (a) {
        case 8:
            if (!u)
                return gen_shift_narrow(s, d, m, size, rshift, q ? NS_RSHR_U : NS_SHR_U, NN_PLAIN);
            return gen_shift_narrow(s, d, m, size, rshift, q ? NS_RSHR_S : NS_SHR_S, NN_QSU);
        case 9:
            if (u)
                return gen_shift_narrow(s, d, m, size, rshift, q ? NS_RSHR_U : NS_SHR_U, NN_QU);
            return gen_shift_narrow(s, d, m, size, rshift, q ? NS_RSHR_S : NS_SHR_S, NN_QS);
        case 10:
            return !q && gen_shll(s, d, m, size, u, lshift);
        case 14: case 15: {     /* VCVT between f32 and 32-bit fixed point */
            if (!(imm6 & 0x20) || (q && ((d | m) & 1)))
                return false;
            unsigned op = a == 14 ? (u ? NFU_FROM_U : NFU_FROM_S) : (u ? NFU_TO_U : NFU_TO_S);
            for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
                ir_i64 v = neon_ld(s, m + (int)r);
                ir_i64 res = call1(s, (void *)helper_neon_funop, true,
                                   neon_desc(op, 2, 64 - imm6), v);
                ir_free_i64(ir, v);
                neon_st(s, d + (int)r, res);
            }
            return true;
        }
        default:
            return false;
        }
    }
    if ((q && ((d | m) & 1)) || ((a == 4 || a == 6) && !u))
        return false;
    for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
        ir_i64 v = neon_ld(s, m + (int)r), res, old;
        switch (a) {
        case 0: case 1: case 2: case 3: {   /* VSHR, VSRA, VRSHR, VRSRA */
            if (a < 2) {
                if (u)
                    gen_shr_lanes(s, size, v, rshift);
                else
                    neon_sar_lanes(s, size, v, rshift);
                res = v;
            } else {
                res = gen_shift(s, u ? NS_RSHR_U : NS_RSHR_S, size, rshift, v, v);
                ir_free_i64(ir, v);
            }
            if (a & 1) {
                old = neon_ld(s, d + (int)r);
                neon_add_lanes(s, size, res, old, res, false);
                ir_free_i64(ir, old);
            }
            break;
        }
        case 4: case 5:
            if (a == 5 && !u) {             /* VSHL */
                gen_shl_lanes(s, size, v, lshift);
                res = v;
                break;
            }
            old = neon_ld(s, d + (int)r);   /* VSRI, VSLI */
            res = gen_shift(s, a == 4 ? NS_SRI : NS_SLI, size, a == 4 ? rshift : lshift, v, old);
            ir_free_i64(ir, old);
            ir_free_i64(ir, v);
            break;
        default:                            /* 6: VQSHLU; 7: VQSHL */
            res = gen_shift(s, a == 6 ? NS_QSHLU : u ? NS_QSHL_U : NS_QSHL_S, size, lshift, v, v);
            ir_free_i64(ir, v);
            break;
        }
        neon_st(s, d + (int)r, res);
    }
    return true;
}

/* --- two registers, miscellaneous (A7.4.5) --- */

/* Dd = fn(Dm) per D register (the unary helpers). */
static bool gen_unary(struct arm_dc *s, int d, int m, unsigned passes, void *fn, bool env,
                      uint32_t desc)
{
    for (unsigned r = 0; r < passes; r++) {
        ir_i64 v = neon_ld(s, m + (int)r);
        ir_i64 res = call1(s, fn, env, desc, v);
        ir_free_i64(s->ir, v);
        neon_st(s, d + (int)r, res);
    }
    return true;
}

static bool gen_unop(struct arm_dc *s, int d, int m, unsigned passes, unsigned op,
                     unsigned size)
{
    return gen_unary(s, d, m, passes, (void *)helper_neon_unop, false, neon_desc(op, size, 0));
}

/* Inline bit operations: v = (v & and_mask) ^ xor_mask. */
static bool gen_bits(struct arm_dc *s, int d, int m, unsigned passes, uint64_t and_mask,
                     uint64_t xor_mask)
{
    struct ir *ir = s->ir;
    for (unsigned r = 0; r < passes; r++) {
        ir_i64 v = neon_ld(s, m + (int)r);
        if (and_mask != ~0ull)
            ir_andi_i64(ir, v, v, and_mask);
        if (xor_mask)
            ir_xor_i64(ir, v, v, ir_const_i64(ir, xor_mask));
        neon_st(s, d + (int)r, v);
    }
    return true;
}

static bool misc_group0(struct arm_dc *s, int d, int m, unsigned passes, unsigned size,
                        unsigned op)
{
    struct ir *ir = s->ir;
    switch (op) {
    case 0: return size < 3 && gen_unop(s, d, m, passes, NU_REV64, size);
    case 1: return size < 2 && gen_unop(s, d, m, passes, NU_REV32, size);
    case 2: return size == 0 && gen_unop(s, d, m, passes, NU_REV16, size);
    case 4: case 5:
        return size < 3 && gen_unop(s, d, m, passes, op == 5 ? NU_PADDL_U : NU_PADDL_S, size);
    case 8: return size < 3 && gen_unop(s, d, m, passes, NU_CLS, size);
    case 9: return size < 3 && gen_unop(s, d, m, passes, NU_CLZ, size);
    case 10: return size == 0 && gen_unop(s, d, m, passes, NU_CNT, size);
    case 11: return size == 0 && gen_bits(s, d, m, passes, ~0ull, ~0ull);
    case 12: case 13:                       /* VPADAL */
        if (size == 3)
            return false;
        for (unsigned r = 0; r < passes; r++) {
            ir_i64 v = neon_ld(s, m + (int)r);
            ir_i64 res = call1(s, (void *)helper_neon_unop, false,
                               neon_desc(op == 13 ? NU_PADDL_U : NU_PADDL_S, size, 0), v);
            ir_free_i64(ir, v);
            ir_i64 old = neon_ld(s, d + (int)r);
            neon_add_lanes(s, size + 1, res, old, res, false);
            ir_free_i64(ir, old);
            neon_st(s, d + (int)r, res);
        }
        return true;
    case 14: case 15:
        return size < 3 && gen_unary(s, d, m, passes, (void *)helper_neon_qunop, true,
                                     neon_desc(op == 14 ? NQU_ABS : NQU_NEG, size, 0));
    default:
        return false;
    }
}

static bool misc_group1(struct arm_dc *s, int d, int m, unsigned passes, unsigned size,
                        unsigned op, bool fl)
{
    static const unsigned int_ops[5] = { NU_CGT0, NU_CGE0, NU_CEQ0, NU_CLE0, NU_CLT0 };
    static const unsigned float_ops[5] = { NFU_CGT0, NFU_CGE0, NFU_CEQ0, NFU_CLE0, NFU_CLT0 };

    if (size == 3 || (fl && size != 2) || op == 5)
        return false;
    if (op < 5) {
        if (fl)
            return gen_unary(s, d, m, passes, (void *)helper_neon_funop, true,
                             neon_desc(float_ops[op], 2, 0));
        return gen_unop(s, d, m, passes, int_ops[op], size);
    }
    if (fl)
        return op == 6 ? gen_bits(s, d, m, passes, 0x7fffffff7fffffffull, 0)
                       : gen_bits(s, d, m, passes, ~0ull, 0x8000000080000000ull);
    return gen_unop(s, d, m, passes, op == 6 ? NU_ABS : NU_NEG, size);
}

/* VMOVN, VQMOVUN, VQMOVN (Dd from Qm; nop < 0: the half-precision VCVT.F16.F32). */
static bool gen_narrow_q(struct arm_dc *s, int d, int m, int nop, unsigned size)
{
    struct ir *ir = s->ir;
    ir_i64 src[2] = { neon_ld(s, m), neon_ld(s, m + 1) };
    ir_i32 half[2];

    for (unsigned h = 0; h < 2; h++) {
        if (nop >= 0) {
            half[h] = neon_narrow(s, src[h], size, (unsigned)nop);
        } else {
            half[h] = ir_new_i32(ir);
            ir_call(ir, (void *)helper_neon_f32_to_f16, NEON_CALL_ENV, half[h].t, 2,
                    (uint16_t[]){ ir->env.t, src[h].t });
        }
        ir_free_i64(ir, src[h]);
    }
    ir_i64 out = ir_new_i64(ir);
    ir_concat_i32_i64(ir, out, half[0], half[1]);
    ir_free_i32(ir, half[0]);
    ir_free_i32(ir, half[1]);
    neon_st(s, d, out);
    return true;
}

/* VCVT.F32.F16: Qd from Dm. */
static bool gen_f16_to_f32(struct arm_dc *s, int d, int m)
{
    struct ir *ir = s->ir;
    ir_i64 src = neon_ld(s, m), res[2];
    for (unsigned h = 0; h < 2; h++) {
        ir_i32 half = ir_new_i32(ir);
        if (h)
            ir_extrh_i64_i32(ir, half, src);
        else
            ir_extrl_i64_i32(ir, half, src);
        res[h] = ir_new_i64(ir);
        ir_call(ir, (void *)helper_neon_f16_to_f32, NEON_CALL_ENV, res[h].t, 2,
                (uint16_t[]){ ir->env.t, half.t });
        ir_free_i32(ir, half);
    }
    ir_free_i64(ir, src);
    neon_st(s, d, res[0]);
    neon_st(s, d + 1, res[1]);
    return true;
}

static bool gen_vswp(struct arm_dc *s, int d, int m, unsigned passes)
{
    ir_i64 vd[2], vm[2];
    for (unsigned r = 0; r < passes; r++) {
        vd[r] = neon_ld(s, d + (int)r);
        vm[r] = neon_ld(s, m + (int)r);
    }
    for (unsigned r = 0; r < passes; r++) {
        neon_st(s, d + (int)r, vm[r]);
        neon_st(s, m + (int)r, vd[r]);
    }
    return true;
}

static bool misc_group2(struct arm_dc *s, int d, int m, bool q, unsigned size, unsigned op)
{
    unsigned passes = q ? 2 : 1;
    if (op <= 3 && q && ((d | m) & 1))
        return false;
    switch (op) {
    case 0:
        return size == 0 && gen_vswp(s, d, m, passes);
    case 1: case 2: case 3:
        if (size == 3 || (op != 1 && !q && size == 2))
            return false;
        gen_perm(s, neon_perm_desc(op == 1 ? NP_TRN : op == 2 ? NP_UZP : NP_ZIP, size, q,
                                   (unsigned)d, (unsigned)m, 0, 0));
        return true;
    case 4: case 5: {   /* bit 6 joins op here: VMOVN, VQMOVUN, VQMOVN.S, VQMOVN.U */
        static const int nops[4] = { NN_PLAIN, NN_QSU, NN_QS, NN_QU };
        if (size == 3 || (m & 1))
            return false;
        return gen_narrow_q(s, d, m, nops[(op - 4) * 2 + q], size);
    }
    case 6:
        return !q && size < 3 && gen_shll(s, d, m, size, true, 8u << size);
    case 12:
        return !q && size == 1 && !(m & 1) && gen_narrow_q(s, d, m, -1, 1);
    case 14:
        return !q && size == 1 && !(d & 1) && gen_f16_to_f32(s, d, m);
    default:
        return false;
    }
}

bool neon_misc(struct arm_dc *s, uint32_t insn)
{
    unsigned size = field(insn, 18, 2), opa = field(insn, 16, 2), op = field(insn, 7, 4);
    bool q = field(insn, 6, 1);
    int d = neon_vd(insn), m = neon_vm(insn);
    unsigned passes = q ? 2 : 1;

    if (opa == 2)
        return misc_group2(s, d, m, q, size, op);
    if (q && ((d | m) & 1))
        return false;
    switch (opa) {
    case 0:
        return misc_group0(s, d, m, passes, size, op);
    case 1:
        return misc_group1(s, d, m, passes, size, op & 7, op >> 3);
    default:
        if (size != 2)
            return false;
        if ((op >> 2) == 2) {               /* VRECPE, VRSQRTE (bit 8: float) */
            bool rsqrt = op & 1;
            if (op & 2)
                return gen_unary(s, d, m, passes, (void *)helper_neon_funop, true,
                                 neon_desc(rsqrt ? NFU_RSQRTE : NFU_RECPE, 2, 0));
            return gen_unop(s, d, m, passes, rsqrt ? NU_RSQRTE_U : NU_RECPE_U, 2);
        }
        if ((op >> 2) == 3) {               /* VCVT between f32 and 32-bit integers */
            static const unsigned cvt_ops[4] = { NFU_FROM_S, NFU_FROM_U, NFU_TO_S, NFU_TO_U };
            return gen_unary(s, d, m, passes, (void *)helper_neon_funop, true,
                             neon_desc(cvt_ops[op & 3], 2, 0));
        }
        return false;
    }
}

/* --- VEXT, VTBL/VTBX, VDUP (scalar) --- */

bool neon_vext(struct arm_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool q = field(insn, 6, 1);
    unsigned imm4 = field(insn, 8, 4), passes = q ? 2 : 1;
    int d = neon_vd(insn), n = neon_vn(insn), m = neon_vm(insn);
    ir_i64 seq[4], res[2];

    if ((!q && imm4 > 7) || (q && ((d | n | m) & 1)))
        return false;
    /* the bytes of n then m, as consecutive 64-bit words */
    for (unsigned r = 0; r < passes; r++) {
        seq[r] = neon_ld(s, n + (int)r);
        seq[passes + r] = neon_ld(s, m + (int)r);
    }
    for (unsigned r = 0; r < passes; r++) {
        unsigned off = imm4 + 8 * r, w = off / 8, sh = (off % 8) * 8;
        res[r] = ir_new_i64(ir);
        if (sh == 0) {
            ir_mov_i64(ir, res[r], seq[w]);
        } else {
            ir_i64 t = ir_new_i64(ir);
            ir_shri_i64(ir, res[r], seq[w], sh);
            ir_shli_i64(ir, t, seq[w + 1], 64 - sh);
            ir_or_i64(ir, res[r], res[r], t);
            ir_free_i64(ir, t);
        }
    }
    for (unsigned i = 0; i < 2 * passes; i++)
        ir_free_i64(ir, seq[i]);
    for (unsigned r = 0; r < passes; r++)
        neon_st(s, d + (int)r, res[r]);
    return true;
}

bool neon_vtbl(struct arm_dc *s, uint32_t insn)
{
    unsigned len = field(insn, 8, 2);
    int d = neon_vd(insn), n = neon_vn(insn), m = neon_vm(insn);

    if (n + (int)len + 1 > 32)
        return false;
    gen_perm(s, neon_perm_desc(field(insn, 6, 1) ? NP_TBX : NP_TBL, 0, 0, (unsigned)d,
                               (unsigned)m, (unsigned)n, len));
    return true;
}

bool neon_vdup_scalar(struct arm_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    unsigned imm4 = field(insn, 16, 4), size, index;
    bool q = field(insn, 6, 1);
    int d = neon_vd(insn), m = neon_vm(insn);

    if (imm4 & 1) {
        size = 0;
        index = imm4 >> 1;
    } else if (imm4 & 2) {
        size = 1;
        index = imm4 >> 2;
    } else if (imm4 & 4) {
        size = 2;
        index = imm4 >> 3;
    } else {
        return false;
    }
    if (q && (d & 1))
        return false;
    ir_i64 v = neon_ld(s, m);
    ir_i64 dup = neon_dup_lane(s, v, size, index);
    ir_free_i64(ir, v);
    if (q)
        ir_st_i64(ir, dup, ir->env, arm_dreg_off(d + 1));
    neon_st(s, d, dup);
    return true;
}
