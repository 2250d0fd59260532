/* Advanced SIMD data processing (A32 1111 001x; T32 forms arrive rewritten to it): the
 * top-level decode of ARM ARM A7.4 and the groups with three registers, a scalar, or a
 * modified immediate. The other groups are in translate-neon-misc.c.
 * Bitwise operations, moves and lane-wise adds and subtracts are inline IR on 64-bit
 * halves; operations whose lanes interact in any other way are one helper call per D
 * register (helper-neon.h). An encoding not implemented here returns false: the guest
 * gets SIGILL and -d unimp names the instruction. */
#include "target/arm/translate-neon.h"

#include "target/arm/helper-neon.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return neon_field(insn, pos, len);
}

/* --- building blocks (translate-neon.h) --- */

ir_i64 neon_ld(struct arm_dc *s, int reg)
{
    ir_i64 t = ir_new_i64(s->ir);
    ir_ld_i64(s->ir, t, s->ir->env, arm_dreg_off(reg));
    return t;
}

void neon_st(struct arm_dc *s, int reg, ir_i64 v)
{
    ir_st_i64(s->ir, v, s->ir->env, arm_dreg_off(reg));
    ir_free_i64(s->ir, v);
}

uint16_t neon_call(struct arm_dc *s, void *fn, bool with_env, bool ret32, uint32_t desc,
                   unsigned n, const uint16_t *args)
{
    uint16_t all[IR_MAX_CALL_ARGS];
    unsigned k = 0;

    if (with_env)
        all[k++] = s->ir->env.t;
    for (unsigned i = 0; i < n; i++)
        all[k++] = args[i];
    all[k++] = ir_const_i32(s->ir, desc).t;
    uint16_t r = ret32 ? ir_new_i32(s->ir).t : ir_new_i64(s->ir).t;
    ir_call(s->ir, fn, with_env ? NEON_CALL_ENV : CALL_PURE, r, k, all);
    return r;
}

static const uint64_t lane_ones[4] = {
    0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1,
};

/* The top bit of every lane, for the SWAR add and subtract. */
static const uint64_t lane_tops[3] = {
    0x8080808080808080ull, 0x8000800080008000ull, 0x8000000080000000ull,
};

/* Lanes add without carries between them when their top bits are left out of the sum
 * and put back with an XOR (for subtraction, the top bits are forced to 1 so no borrow
 * leaves a lane). */
void neon_add_lanes(struct arm_dc *s, unsigned size, ir_i64 d, ir_i64 a, ir_i64 b, bool sub)
{
    struct ir *ir = s->ir;
    if (size == 3) {
        (sub ? ir_sub_i64 : ir_add_i64)(ir, d, a, b);
        return;
    }
    ir_i64 h = ir_const_i64(ir, lane_tops[size]), nh = ir_const_i64(ir, ~lane_tops[size]);
    ir_i64 x = ir_new_i64(ir), y = ir_new_i64(ir), t = ir_new_i64(ir);
    if (sub) {
        ir_or_i64(ir, x, a, h);
        ir_and_i64(ir, y, b, nh);
        ir_sub_i64(ir, x, x, y);
        ir_not_i64(ir, t, b);
        ir_xor_i64(ir, t, a, t);
    } else {
        ir_and_i64(ir, x, a, nh);
        ir_and_i64(ir, y, b, nh);
        ir_add_i64(ir, x, x, y);
        ir_xor_i64(ir, t, a, b);
    }
    ir_and_i64(ir, t, t, h);
    ir_xor_i64(ir, d, x, t);
    ir_free_i64(ir, x);
    ir_free_i64(ir, y);
    ir_free_i64(ir, t);
}

ir_i64 neon_dup_lane(struct arm_dc *s, ir_i64 v, unsigned size, unsigned index)
{
    struct ir *ir = s->ir;
    unsigned bits = 8u << size;
    ir_i64 r = ir_new_i64(ir);
    if (size == 3) {
        ir_mov_i64(ir, r, v);
        return r;
    }
    ir_extract_i64(ir, r, v, index * bits, bits);
    ir_mul_i64(ir, r, r, ir_const_i64(ir, lane_ones[size]));
    return r;
}

static ir_i64 call2(struct arm_dc *s, void *fn, bool env, uint32_t desc, ir_i64 a, ir_i64 b)
{
    return (ir_i64){ neon_call(s, fn, env, false, desc, 2, (uint16_t[]){ a.t, b.t }) };
}

/* --- common lane operations, inline where a few IR ops do (translate-neon.h) --- */

ir_i64 neon_widen(struct arm_dc *s, ir_i32 a, unsigned size, bool uns)
{
    struct ir *ir = s->ir;
    unsigned bits = 8u << size;
    ir_i64 r = ir_new_i64(ir);

    if (size == 2) {
        (uns ? ir_extu_i32_i64 : ir_ext_i32_i64)(ir, r, a);
        return r;
    }
    ir_i64 x = ir_new_i64(ir), t = ir_new_i64(ir);
    ir_extu_i32_i64(ir, x, a);
    ir_movi_i64(ir, r, 0);
    for (unsigned i = 0; i < 32 / bits; i++) {
        (uns ? ir_extract_i64 : ir_sextract_i64)(ir, t, x, i * bits, bits);
        ir_deposit_i64(ir, r, r, t, 2 * bits * i, 2 * bits);
    }
    ir_free_i64(ir, x);
    ir_free_i64(ir, t);
    return r;
}

ir_i32 neon_narrow(struct arm_dc *s, ir_i64 a, unsigned size, unsigned op)
{
    struct ir *ir = s->ir;
    unsigned bits = 8u << size;

    if (op != NN_PLAIN)
        return (ir_i32){ neon_call(s, (void *)helper_neon_narrow, true, true,
                                   neon_desc(op, size, 0), 1, (uint16_t[]){ a.t }) };
    ir_i32 r = ir_new_i32(ir);
    if (size == 2) {
        ir_extrl_i64_i32(ir, r, a);
        return r;
    }
    ir_i64 acc = ir_new_i64(ir), t = ir_new_i64(ir);
    ir_movi_i64(ir, acc, 0);
    for (unsigned i = 0; i < 32 / bits; i++) {
        ir_extract_i64(ir, t, a, 2 * bits * i, bits);
        ir_deposit_i64(ir, acc, acc, t, bits * i, bits);
    }
    ir_extrl_i64_i32(ir, r, acc);
    ir_free_i64(ir, acc);
    ir_free_i64(ir, t);
    return r;
}

ir_i64 neon_long(struct arm_dc *s, unsigned op, unsigned size, ir_i32 a, ir_i32 b)
{
    struct ir *ir = s->ir;
    bool uns = op == NL_MULL_U;

    if ((op != NL_MULL_S && op != NL_MULL_U) || size == 0)
        return (ir_i64){ neon_call(s, (void *)helper_neon_long, true, false,
                                   neon_desc(op, size, 0), 2, (uint16_t[]){ a.t, b.t }) };
    ir_i32 lo = ir_new_i32(ir), hi = ir_new_i32(ir);
    ir_i64 r = ir_new_i64(ir);
    if (size == 2) {
        (uns ? ir_mulu2_i32 : ir_muls2_i32)(ir, lo, hi, a, b);
    } else {            /* two 16-bit lanes: 32-bit products are exact */
        ir_i32 x = ir_new_i32(ir);
        for (unsigned i = 0; i < 2; i++) {
            ir_i32 p = i ? hi : lo;
            (uns ? ir_extract_i32 : ir_sextract_i32)(ir, p, a, 16 * i, 16);
            (uns ? ir_extract_i32 : ir_sextract_i32)(ir, x, b, 16 * i, 16);
            ir_mul_i32(ir, p, p, x);
        }
        ir_free_i32(ir, x);
    }
    ir_concat_i32_i64(ir, r, lo, hi);
    ir_free_i32(ir, lo);
    ir_free_i32(ir, hi);
    return r;
}

/* Lane-wise products keeping the low half; 32-bit lanes inline, the rest by helper. */
static ir_i64 gen_mul(struct arm_dc *s, unsigned size, ir_i64 a, ir_i64 b)
{
    struct ir *ir = s->ir;
    if (size != 2)
        return call2(s, (void *)helper_neon_binop, false, neon_desc(NB_MUL, size, 0), a, b);
    ir_i32 x = ir_new_i32(ir), y = ir_new_i32(ir), lo = ir_new_i32(ir), hi = ir_new_i32(ir);
    ir_i64 r = ir_new_i64(ir);
    ir_extrl_i64_i32(ir, x, a);
    ir_extrl_i64_i32(ir, y, b);
    ir_mul_i32(ir, lo, x, y);
    ir_extrh_i64_i32(ir, x, a);
    ir_extrh_i64_i32(ir, y, b);
    ir_mul_i32(ir, hi, x, y);
    ir_concat_i32_i64(ir, r, lo, hi);
    ir_free_i32(ir, x);
    ir_free_i32(ir, y);
    ir_free_i32(ir, lo);
    ir_free_i32(ir, hi);
    return r;
}

void neon_sar_lanes(struct arm_dc *s, unsigned size, ir_i64 v, unsigned sh)
{
    struct ir *ir = s->ir;
    unsigned bits = 8u << size;

    if (sh >= bits)
        sh = bits - 1;      /* the same all-sign-bits result */
    if (size == 3) {
        ir_sari_i64(ir, v, v, sh);
        return;
    }
    /* logical shift, then sign-extend each (bits - sh)-bit field: (t ^ m) - m */
    uint64_t lane = (1ull << bits) - 1, m = (1ull << (bits - 1 - sh)) * lane_ones[size];
    ir_i64 k = ir_const_i64(ir, m);
    ir_shri_i64(ir, v, v, sh);
    ir_andi_i64(ir, v, v, (lane >> sh) * lane_ones[size]);
    ir_xor_i64(ir, v, v, k);
    neon_add_lanes(s, size, v, v, k, true);
}

/* --- three registers of the same length --- */

enum acc { ACC_NONE, ACC_ADD, ACC_SUB };

/* Dd = fn(Dn, Dm) per D register, optionally accumulated lane-wise into Dd. */
static bool gen_3same(struct arm_dc *s, int d, int n, int m, unsigned passes, void *fn,
                      bool env, uint32_t desc, enum acc acc, unsigned size)
{
    for (unsigned r = 0; r < passes; r++) {
        ir_i64 a = neon_ld(s, n + (int)r), b = neon_ld(s, m + (int)r);
        ir_i64 res = call2(s, fn, env, desc, a, b);
        ir_free_i64(s->ir, a);
        ir_free_i64(s->ir, b);
        if (acc != ACC_NONE) {
            ir_i64 old = neon_ld(s, d + (int)r);
            neon_add_lanes(s, size, res, old, res, acc == ACC_SUB);
            ir_free_i64(s->ir, old);
        }
        neon_st(s, d + (int)r, res);
    }
    return true;
}

static bool gen_binop(struct arm_dc *s, int d, int n, int m, unsigned passes, unsigned op,
                      unsigned size)
{
    return gen_3same(s, d, n, m, passes, (void *)helper_neon_binop, false,
                     neon_desc(op, size, 0), ACC_NONE, size);
}

static bool gen_qbinop(struct arm_dc *s, int d, int n, int m, unsigned passes, unsigned op,
                       unsigned size)
{
    return gen_3same(s, d, n, m, passes, (void *)helper_neon_qbinop, true,
                     neon_desc(op, size, 0), ACC_NONE, size);
}

/* VMUL, VMLA, VMLS (integer). */
static bool gen_mul_acc(struct arm_dc *s, int d, int n, int m, unsigned passes, unsigned size,
                        enum acc acc)
{
    for (unsigned r = 0; r < passes; r++) {
        ir_i64 a = neon_ld(s, n + (int)r), b = neon_ld(s, m + (int)r);
        ir_i64 res = gen_mul(s, size, a, b);
        ir_free_i64(s->ir, a);
        ir_free_i64(s->ir, b);
        if (acc != ACC_NONE) {
            ir_i64 old = neon_ld(s, d + (int)r);
            neon_add_lanes(s, size, res, old, res, acc == ACC_SUB);
            ir_free_i64(s->ir, old);
        }
        neon_st(s, d + (int)r, res);
    }
    return true;
}

static bool gen_addsub(struct arm_dc *s, int d, int n, int m, unsigned passes, unsigned size,
                       bool sub)
{
    for (unsigned r = 0; r < passes; r++) {
        ir_i64 a = neon_ld(s, n + (int)r), b = neon_ld(s, m + (int)r);
        neon_add_lanes(s, size, a, a, b, sub);
        ir_free_i64(s->ir, b);
        neon_st(s, d + (int)r, a);
    }
    return true;
}

/* VAND VBIC VORR VORN (U=0) and VEOR VBSL VBIT VBIF (U=1), selected by op = U:size. */
static bool gen_logic(struct arm_dc *s, int d, int n, int m, unsigned passes, unsigned op)
{
    struct ir *ir = s->ir;
    for (unsigned r = 0; r < passes; r++) {
        ir_i64 a = neon_ld(s, n + (int)r), b = neon_ld(s, m + (int)r), t;
        switch (op) {
        case 0: ir_and_i64(ir, a, a, b); break;
        case 1: ir_andc_i64(ir, a, a, b); break;
        case 2: ir_or_i64(ir, a, a, b); break;
        case 3: ir_not_i64(ir, b, b); ir_or_i64(ir, a, a, b); break;
        case 4: ir_xor_i64(ir, a, a, b); break;
        default:
            /* select: VBSL takes n where d is set; VBIT where m is set; VBIF where m is
             * clear; the rest keeps m (VBSL) or d */
            t = neon_ld(s, d + (int)r);
            if (op == 5) {
                ir_and_i64(ir, a, a, t);
                ir_andc_i64(ir, b, b, t);
                ir_or_i64(ir, a, a, b);
            } else {
                if (op == 7)
                    ir_not_i64(ir, b, b);
                ir_and_i64(ir, a, a, b);
                ir_andc_i64(ir, t, t, b);
                ir_or_i64(ir, a, a, t);
            }
            ir_free_i64(ir, t);
            break;
        }
        ir_free_i64(ir, b);
        neon_st(s, d + (int)r, a);
    }
    return true;
}

static bool gen_fbinop(struct arm_dc *s, int d, int n, int m, unsigned passes, unsigned op)
{
    return gen_3same(s, d, n, m, passes, (void *)helper_neon_fbinop, true,
                     neon_desc(op, 2, 0), ACC_NONE, 2);
}

static bool gen_facc(struct arm_dc *s, int d, int n, int m, unsigned passes, unsigned op)
{
    for (unsigned r = 0; r < passes; r++) {
        ir_i64 a = neon_ld(s, n + (int)r), b = neon_ld(s, m + (int)r);
        ir_i64 old = neon_ld(s, d + (int)r);
        ir_i64 res = { neon_call(s, (void *)helper_neon_facc, true, false, neon_desc(op, 2, 0),
                                 3, (uint16_t[]){ old.t, a.t, b.t }) };
        ir_free_i64(s->ir, a);
        ir_free_i64(s->ir, b);
        ir_free_i64(s->ir, old);
        neon_st(s, d + (int)r, res);
    }
    return true;
}

/* Floating-point three-same (A = 12..15); sz (size bit 0) must be 0 (f32). */
static bool neon_3same_float(struct arm_dc *s, uint32_t insn, int d, int n, int m,
                             unsigned passes)
{
    unsigned a = field(insn, 8, 4), op = field(insn, 21, 1);
    bool b = field(insn, 4, 1), u = field(insn, 24, 1), q = passes == 2;

    if (field(insn, 20, 1))
        return false;
    switch (a) {
    case 12:
        if (!b || u)
            return false;
        return gen_facc(s, d, n, m, passes, op ? NFA_FMS : NFA_FMA);
    case 13:
        if (!b && !u)
            return gen_fbinop(s, d, n, m, passes, op ? NF_SUB : NF_ADD);
        if (!b)
            return op ? gen_fbinop(s, d, n, m, passes, NF_ABD)
                      : !q && gen_fbinop(s, d, n, m, passes, NF_PADD);
        if (!u)
            return gen_facc(s, d, n, m, passes, op ? NFA_MLS : NFA_MLA);
        return !op && gen_fbinop(s, d, n, m, passes, NF_MUL);
    case 14:
        if (!b && !u)
            return !op && gen_fbinop(s, d, n, m, passes, NF_CEQ);
        if (!b)
            return gen_fbinop(s, d, n, m, passes, op ? NF_CGT : NF_CGE);
        return u && gen_fbinop(s, d, n, m, passes, op ? NF_ACGT : NF_ACGE);
    default:
        if (!b && !u)
            return gen_fbinop(s, d, n, m, passes, op ? NF_MIN : NF_MAX);
        if (!b)
            return !q && gen_fbinop(s, d, n, m, passes, op ? NF_PMIN : NF_PMAX);
        return !u && gen_fbinop(s, d, n, m, passes, op ? NF_RSQRTS : NF_RECPS);
    }
}

static bool neon_3same(struct arm_dc *s, uint32_t insn)
{
    unsigned a = field(insn, 8, 4), size = field(insn, 20, 2);
    bool b = field(insn, 4, 1), u = field(insn, 24, 1), q = field(insn, 6, 1);
    int d = neon_vd(insn), n = neon_vn(insn), m = neon_vm(insn);
    unsigned passes = q ? 2 : 1;

    if (q && ((d | n | m) & 1))
        return false;
    if (a >= 12)
        return neon_3same_float(s, insn, d, n, m, passes);
    /* besides the logic group, only adds, subs and shifts have 64-bit lanes */
    if (size == 3 && !(a == 0 && b) && !(a == 1 && b) && !(a == 2 && b) && a != 4 && a != 5
        && !(a == 8 && !b))
        return false;
    switch (a) {
    case 0:
        if (b)
            return gen_qbinop(s, d, n, m, passes, u ? NQ_ADD_U : NQ_ADD_S, size);
        return gen_binop(s, d, n, m, passes, u ? NB_HADD_U : NB_HADD_S, size);
    case 1:
        if (b)
            return gen_logic(s, d, n, m, passes, (unsigned)u << 2 | size);
        return gen_binop(s, d, n, m, passes, u ? NB_RHADD_U : NB_RHADD_S, size);
    case 2:
        if (b)
            return gen_qbinop(s, d, n, m, passes, u ? NQ_SUB_U : NQ_SUB_S, size);
        return gen_binop(s, d, n, m, passes, u ? NB_HSUB_U : NB_HSUB_S, size);
    case 3:
        if (b)
            return gen_binop(s, d, n, m, passes, u ? NB_CGE_U : NB_CGE_S, size);
        return gen_binop(s, d, n, m, passes, u ? NB_CGT_U : NB_CGT_S, size);
    case 4:     /* shifts by register: the value is Dm, the amounts come from Dn */
        if (b)
            return gen_qbinop(s, d, m, n, passes, u ? NQ_SHL_U : NQ_SHL_S, size);
        return gen_binop(s, d, m, n, passes, u ? NB_SHL_U : NB_SHL_S, size);
    case 5:
        if (b)
            return gen_qbinop(s, d, m, n, passes, u ? NQ_RSHL_U : NQ_RSHL_S, size);
        return gen_binop(s, d, m, n, passes, u ? NB_RSHL_U : NB_RSHL_S, size);
    case 6:
        if (b)
            return gen_binop(s, d, n, m, passes, u ? NB_MIN_U : NB_MIN_S, size);
        return gen_binop(s, d, n, m, passes, u ? NB_MAX_U : NB_MAX_S, size);
    case 7:
        return gen_3same(s, d, n, m, passes, (void *)helper_neon_binop, false,
                         neon_desc(u ? NB_ABD_U : NB_ABD_S, size, 0),
                         b ? ACC_ADD : ACC_NONE, size);
    case 8:
        if (!b)
            return gen_addsub(s, d, n, m, passes, size, u);
        return gen_binop(s, d, n, m, passes, u ? NB_CEQ : NB_TST, size);
    case 9:
        if (u && b && size != 0)
            return false;
        if (b && u)
            return gen_binop(s, d, n, m, passes, NB_PMUL, size);
        return gen_mul_acc(s, d, n, m, passes, size, !b ? (u ? ACC_SUB : ACC_ADD) : ACC_NONE);
    case 10:
        if (q)
            return false;
        if (b)
            return gen_binop(s, d, n, m, passes, u ? NB_PMIN_U : NB_PMIN_S, size);
        return gen_binop(s, d, n, m, passes, u ? NB_PMAX_U : NB_PMAX_S, size);
    default:    /* 11 */
        if (!b) {
            if (size == 0 || size == 3)
                return false;
            return gen_qbinop(s, d, n, m, passes, u ? NQ_RDMULH : NQ_DMULH, size);
        }
        if (u || q)
            return false;
        return gen_binop(s, d, n, m, passes, NB_PADD, size);
    }
}

/* --- three registers of different lengths --- */

static ir_i32 half_of(struct arm_dc *s, ir_i64 v, unsigned h)
{
    ir_i32 t = ir_new_i32(s->ir);
    if (h)
        ir_extrh_i64_i32(s->ir, t, v);
    else
        ir_extrl_i64_i32(s->ir, t, v);
    return t;
}

/* res (lanes of 2 * size) accumulated into the old value of Qd's half h. */
static void gen_long_acc(struct arm_dc *s, int dreg, unsigned size, ir_i64 res, bool sub,
                         bool saturate)
{
    ir_i64 old = neon_ld(s, dreg);
    if (saturate) {
        ir_i64 t = call2(s, (void *)helper_neon_qbinop, true,
                         neon_desc(sub ? NQ_SUB_S : NQ_ADD_S, size + 1, 0), old, res);
        ir_mov_i64(s->ir, res, t);
        ir_free_i64(s->ir, t);
    } else {
        neon_add_lanes(s, size + 1, res, old, res, sub);
    }
    ir_free_i64(s->ir, old);
}

static bool neon_3diff(struct arm_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    unsigned a = field(insn, 8, 4), size = field(insn, 20, 2);
    bool u = field(insn, 24, 1);
    int d = neon_vd(insn), n = neon_vn(insn), m = neon_vm(insn);
    bool wide_n = a == 1 || a == 3, narrow = a == 4 || a == 6;
    ir_i64 vn[2], vm[2], res[2];

    if (a == 15 || (narrow && ((n | m) & 1)) || (!narrow && (d & 1)) || (wide_n && (n & 1)))
        return false;
    if ((a == 9 || a == 11 || a == 13) && (u || size == 0))
        return false;
    if (a == 14 && (u || size != 0))
        return false;

    /* every source is loaded before anything is stored: Qd may overlap them */
    vn[0] = neon_ld(s, n);
    vm[0] = neon_ld(s, m);
    if (narrow || wide_n)
        vn[1] = neon_ld(s, n + 1);
    if (narrow)
        vm[1] = neon_ld(s, m + 1);
    for (unsigned h = 0; h < 2; h++) {
        if (narrow) {
            ir_i64 sum = ir_new_i64(ir);
            neon_add_lanes(s, size + 1, sum, vn[h], vm[h], a == 6);
            res[h] = (ir_i64){ neon_call(s, (void *)helper_neon_narrow, true, true,
                                         neon_desc(u ? NN_RHIGH : NN_HIGH, size, 0), 1,
                                         (uint16_t[]){ sum.t }) };
            ir_free_i64(ir, sum);
            continue;
        }
        ir_i32 mh = half_of(s, vm[0], h), nh = half_of(s, vn[0], h);
        switch (a) {
        case 0: case 1: case 2: case 3: {
            ir_i64 wa = wide_n ? vn[h] : neon_widen(s, nh, size, u);
            ir_i64 wb = neon_widen(s, mh, size, u);
            res[h] = ir_new_i64(ir);
            neon_add_lanes(s, size + 1, res[h], wa, wb, a >= 2);
            if (!wide_n)
                ir_free_i64(ir, wa);
            ir_free_i64(ir, wb);
            break;
        }
        case 5: case 7:
            res[h] = neon_long(s, u ? NL_ABDL_U : NL_ABDL_S, size, nh, mh);
            if (a == 5)
                gen_long_acc(s, d + (int)h, size, res[h], false, false);
            break;
        case 8: case 10: case 12:
            res[h] = neon_long(s, u ? NL_MULL_U : NL_MULL_S, size, nh, mh);
            if (a != 12)
                gen_long_acc(s, d + (int)h, size, res[h], a == 10, false);
            break;
        case 9: case 11: case 13:
            res[h] = neon_long(s, NL_QDMULL, size, nh, mh);
            if (a != 13)
                gen_long_acc(s, d + (int)h, size, res[h], a == 11, true);
            break;
        default:    /* 14 */
            res[h] = neon_long(s, NL_MULL_P, size, nh, mh);
            break;
        }
        ir_free_i32(ir, mh);
        ir_free_i32(ir, nh);
    }
    ir_free_i64(ir, vn[0]);
    ir_free_i64(ir, vm[0]);
    if (narrow || wide_n)
        ir_free_i64(ir, vn[1]);
    if (narrow) {
        ir_free_i64(ir, vm[1]);
        ir_i64 out = ir_new_i64(ir);
        ir_concat_i32_i64(ir, out, (ir_i32){ res[0].t }, (ir_i32){ res[1].t });
        ir_free_i32(ir, (ir_i32){ res[0].t });
        ir_free_i32(ir, (ir_i32){ res[1].t });
        neon_st(s, d, out);
    } else {
        neon_st(s, d, res[0]);
        neon_st(s, d + 1, res[1]);
    }
    return true;
}

/* --- two registers and a scalar --- */

static bool neon_scalar(struct arm_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    unsigned a = field(insn, 8, 4), size = field(insn, 20, 2);
    bool bit24 = field(insn, 24, 1), fl = (a & 1) && (a == 1 || a == 5 || a == 9);
    int d = neon_vd(insn), n = neon_vn(insn), mreg;
    unsigned index;

    if (size == 0 || size == 3 || a == 14 || a == 15 || (fl && size != 2))
        return false;
    if (size == 1) {
        mreg = (int)field(insn, 0, 3);
        index = field(insn, 5, 1) << 1 | field(insn, 3, 1);
    } else {
        mreg = (int)field(insn, 0, 4);
        index = field(insn, 5, 1);
    }
    bool is_long = a == 2 || a == 3 || a == 6 || a == 7 || a == 10 || a == 11;
    if (is_long) {
        if ((d & 1) || ((a == 3 || a == 7 || a == 11) && bit24))
            return false;
    } else if (bit24 && ((d | n) & 1)) {
        return false;
    }

    ir_i64 mv = neon_ld(s, mreg);
    ir_i64 sc = neon_dup_lane(s, mv, size, index);
    ir_free_i64(ir, mv);
    if (is_long) {
        ir_i64 nv = neon_ld(s, n), res[2];
        ir_i32 sc32 = half_of(s, sc, 0);
        bool dbl = a == 3 || a == 7 || a == 11;
        for (unsigned h = 0; h < 2; h++) {
            ir_i32 nh = half_of(s, nv, h);
            res[h] = neon_long(s, dbl ? NL_QDMULL : bit24 ? NL_MULL_U : NL_MULL_S, size, nh, sc32);
            ir_free_i32(ir, nh);
            if (a != 10 && a != 11)
                gen_long_acc(s, d + (int)h, size, res[h], a == 6 || a == 7, dbl);
        }
        ir_free_i32(ir, sc32);
        ir_free_i64(ir, nv);
        neon_st(s, d, res[0]);
        neon_st(s, d + 1, res[1]);
        ir_free_i64(ir, sc);
        return true;
    }
    unsigned passes = bit24 ? 2 : 1;
    for (unsigned r = 0; r < passes; r++) {
        ir_i64 nv = neon_ld(s, n + (int)r), res;
        if (a >= 12) {
            res = call2(s, (void *)helper_neon_qbinop, true,
                        neon_desc(a == 12 ? NQ_DMULH : NQ_RDMULH, size, 0), nv, sc);
        } else if (fl && a == 9) {
            res = call2(s, (void *)helper_neon_fbinop, true, neon_desc(NF_MUL, 2, 0), nv, sc);
        } else if (fl) {
            ir_i64 old = neon_ld(s, d + (int)r);
            res = (ir_i64){ neon_call(s, (void *)helper_neon_facc, true, false,
                                      neon_desc(a == 5 ? NFA_MLS : NFA_MLA, 2, 0), 3,
                                      (uint16_t[]){ old.t, nv.t, sc.t }) };
            ir_free_i64(ir, old);
        } else {
            res = gen_mul(s, size, nv, sc);
            if (a != 8) {
                ir_i64 old = neon_ld(s, d + (int)r);
                neon_add_lanes(s, size, res, old, res, a == 4);
                ir_free_i64(ir, old);
            }
        }
        ir_free_i64(ir, nv);
        neon_st(s, d + (int)r, res);
    }
    ir_free_i64(ir, sc);
    return true;
}

/* --- one register and a modified immediate --- */

static uint64_t rep32(uint64_t x) { return x | x << 32; }

/* AdvSIMDExpandImm (op 1 with cmode 1111 is rejected by the caller). */
static uint64_t expand_imm(unsigned op, unsigned cmode, uint64_t imm8)
{
    switch (cmode >> 1) {
    case 0: return rep32(imm8);
    case 1: return rep32(imm8 << 8);
    case 2: return rep32(imm8 << 16);
    case 3: return rep32(imm8 << 24);
    case 4: return imm8 * 0x0001000100010001ull;
    case 5: return (imm8 << 8) * 0x0001000100010001ull;
    case 6: return rep32((cmode & 1) ? (imm8 << 16 | 0xffff) : (imm8 << 8 | 0xff));
    default:
        if (cmode & 1)
            return rep32((imm8 >> 7) << 31 | ((imm8 >> 6 & 1) ? 0x3e000000u : 0x40000000u)
                         | (imm8 & 0x3f) << 19);
        if (!op)
            return imm8 * 0x0101010101010101ull;
        uint64_t r = 0;
        for (unsigned i = 0; i < 8; i++)
            if (imm8 >> i & 1)
                r |= 0xffull << (8 * i);
        return r;
    }
}

static bool neon_1reg_imm(struct arm_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    unsigned cmode = field(insn, 8, 4), op = field(insn, 5, 1);
    uint64_t imm8 = field(insn, 24, 1) << 7 | field(insn, 16, 3) << 4 | field(insn, 0, 4);
    bool q = field(insn, 6, 1);
    int d = neon_vd(insn);

    if ((q && (d & 1)) || (op && cmode == 15))
        return false;
    uint64_t imm = expand_imm(op, cmode, imm8);
    bool logic = cmode < 12 && (cmode & 1);          /* VORR / VBIC */
    if (!logic && op && cmode != 14)
        imm = ~imm;                                  /* VMVN */
    for (unsigned r = 0; r < (q ? 2u : 1u); r++) {
        ir_i64 v = ir_new_i64(ir);
        if (!logic) {
            ir_movi_i64(ir, v, imm);
        } else {
            ir_ld_i64(ir, v, ir->env, arm_dreg_off(d + (int)r));
            if (op)
                ir_andi_i64(ir, v, v, ~imm);
            else
                ir_or_i64(ir, v, v, ir_const_i64(ir, imm));
        }
        neon_st(s, d + (int)r, v);
    }
    return true;
}

/* --- top level: ARM ARM A7.4 --- */

bool arm_tr_neon_dp(struct arm_dc *s, uint32_t insn)
{
    if (!field(insn, 23, 1))
        return neon_3same(s, insn);
    if (field(insn, 4, 1)) {
        if (field(insn, 19, 3) == 0 && !field(insn, 7, 1))
            return neon_1reg_imm(s, insn);
        return neon_shift_imm(s, insn);
    }
    if (field(insn, 20, 2) != 3)
        return field(insn, 6, 1) ? neon_scalar(s, insn) : neon_3diff(s, insn);
    if (!field(insn, 24, 1))
        return neon_vext(s, insn);
    if (!field(insn, 11, 1))
        return neon_misc(s, insn);
    if (!field(insn, 10, 1))
        return neon_vtbl(s, insn);
    return field(insn, 8, 4) == 12 && !field(insn, 7, 1) && neon_vdup_scalar(s, insn);
}
