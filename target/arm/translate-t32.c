/* The 32-bit Thumb-2 decoder: ARMv7-A ARM tables A6.3.1-A6.3.18, onto the generators
 * of translate-ops.h. insn is hw1 << 16 | hw2. Coprocessor and Advanced SIMD encodings
 * are rewritten into their A32 form for the VFP and NEON decoders. Encodings are
 * checked before any IR is emitted. */
#include "target/arm/translate-ops.h"

static inline unsigned field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

static inline bool bit(uint32_t insn, unsigned pos)
{
    return (insn >> pos) & 1;
}

/* SP or PC where the architecture forbids both. */
static bool bad_reg(int r)
{
    return r == 13 || r == 15;
}

/* The 5-bit shift/lsb field imm3:imm2. */
static unsigned imm3_imm2(uint32_t insn)
{
    return field(insn, 12, 3) << 2 | field(insn, 6, 2);
}

static unsigned imm12(uint32_t insn)
{
    return bit(insn, 26) << 11 | field(insn, 12, 3) << 8 | field(insn, 0, 8);
}

/* ThumbExpandImm: false for the UNPREDICTABLE zero byte patterns. *rotated tells whether
 * the carry-out is the result's bit 31 (otherwise C is unchanged). */
static bool thumb_expand_imm(unsigned imm, uint32_t *out, bool *rotated)
{
    uint32_t b = imm & 0xff;
    *rotated = (imm >> 10) != 0;
    if (*rotated) {
        uint32_t v = 0x80 | (imm & 0x7f);
        unsigned n = imm >> 7;
        *out = (v >> n) | (v << (32 - n));
        return true;
    }
    switch ((imm >> 8) & 3) {
    case 0: *out = b; return true;
    case 1: *out = b << 16 | b; break;
    case 2: *out = b << 24 | b << 8; break;
    default: *out = b * 0x01010101u; break;
    }
    return b != 0;
}

/* --- data processing --- */

/* The T32 opcode (shared by the register and modified-immediate forms), with the
 * Rd == PC / Rn == PC aliases: TST, TEQ, CMN, CMP, MOV, MVN. */
static bool t32_dp_op(unsigned op, int rn, int rd, bool setflags, enum arm_dp *dp)
{
    bool flags_only = rd == 15 && setflags;
    switch (op) {
    case 0: *dp = flags_only ? ARM_DP_TST : ARM_DP_AND; break;
    case 1: *dp = ARM_DP_BIC; break;
    case 2: *dp = rn == 15 ? ARM_DP_MOV : ARM_DP_ORR; break;
    case 3: *dp = rn == 15 ? ARM_DP_MVN : ARM_DP_ORN; break;
    case 4: *dp = flags_only ? ARM_DP_TEQ : ARM_DP_EOR; break;
    case 8: *dp = flags_only ? ARM_DP_CMN : ARM_DP_ADD; break;
    case 10: *dp = ARM_DP_ADC; break;
    case 11: *dp = ARM_DP_SBC; break;
    case 13: *dp = flags_only ? ARM_DP_CMP : ARM_DP_SUB; break;
    case 14: *dp = ARM_DP_RSB; break;
    default: return false;
    }
    if (rd == 15 && !arm_dp_is_compare(*dp))
        return false;
    return rn != 15 || *dp == ARM_DP_MOV || *dp == ARM_DP_MVN;
}

static bool t32_dp_shifted(struct arm_dc *s, uint32_t insn)
{
    unsigned op = field(insn, 21, 4);
    bool setflags = bit(insn, 20);
    int rn = field(insn, 16, 4), rd = field(insn, 8, 4), rm = field(insn, 0, 4);
    enum arm_dp dp;
    if (op == 6) {                       /* PKHBT, PKHTB */
        if (setflags || bit(insn, 4) || bad_reg(rd) || bad_reg(rn) || bad_reg(rm))
            return false;
        arm_gen_pkh(s, rd, rn, rm, bit(insn, 5), imm3_imm2(insn));
        return true;
    }
    if (!t32_dp_op(op, rn, rd, setflags, &dp) || rm == 15)
        return false;
    ir_i32 v = arm_shift_imm(s, arm_r[rm], (enum arm_shift)field(insn, 4, 2), imm3_imm2(insn),
                             setflags && arm_dp_is_logical(dp));
    arm_gen_dp(s, dp, rd, rn, v, setflags);
    return true;
}

static bool t32_dp_modified_imm(struct arm_dc *s, uint32_t insn)
{
    bool setflags = bit(insn, 20), rotated;
    int rn = field(insn, 16, 4), rd = field(insn, 8, 4);
    enum arm_dp dp;
    uint32_t imm;
    if (!t32_dp_op(field(insn, 21, 4), rn, rd, setflags, &dp) ||
        !thumb_expand_imm(imm12(insn), &imm, &rotated))
        return false;
    if (setflags && rotated && arm_dp_is_logical(dp))
        arm_set_carry_imm(s, imm);
    arm_gen_dp(s, dp, rd, rn, arm_const(s, imm), setflags);
    return true;
}

/* ADDW/SUBW (ADR when Rn is PC), MOVW/MOVT, saturation and bit fields. */
static bool t32_dp_plain_imm(struct arm_dc *s, uint32_t insn)
{
    unsigned op = field(insn, 20, 5);
    int rn = field(insn, 16, 4), rd = field(insn, 8, 4);
    unsigned imm = imm12(insn), sh = imm3_imm2(insn), low5 = field(insn, 0, 5);
    if (bit(insn, 15) || rd == 15 || (rd == 13 && op != 0 && op != 10))
        return false;
    switch (op) {
    case 0: case 10:
        if (rn == 15) {
            uint32_t base = arm_pc_read(s) & ~3u;
            arm_store_reg(s, rd, arm_const(s, op ? base - imm : base + imm), false);
        } else {
            arm_gen_dp(s, op ? ARM_DP_SUB : ARM_DP_ADD, rd, rn, arm_const(s, imm), false);
        }
        return true;
    case 4:
        arm_store_reg(s, rd, arm_const(s, field(insn, 16, 4) << 12 | imm), false);
        return true;
    case 12: {
        ir_i32 d = arm_tmp(s);
        ir_deposit_i32(s->ir, d, arm_r[rd], arm_const(s, field(insn, 16, 4) << 12 | imm),
                       16, 16);
        arm_store_reg(s, rd, d, false);
        return true;
    }
    default:
        break;
    }
    if (bad_reg(rn) && !(op == 22 && rn == 15))
        return false;
    switch (op) {
    case 16: case 18: case 24: case 26:  /* SSAT, SSAT16, USAT, USAT16 */
        if ((op & 2) && sh == 0)
            arm_gen_sat16(s, op >= 24, rd, rn, field(insn, 0, 4));
        else
            arm_gen_sat(s, op >= 24, rd, rn, op & 2, sh, low5);
        return true;
    case 20: case 28:                    /* SBFX, UBFX */
        if (sh + low5 + 1 > 32)
            return false;
        arm_gen_bfx(s, rd, rn, sh, low5 + 1, op == 20);
        return true;
    case 22:                             /* BFI, BFC */
        if (low5 < sh)
            return false;
        arm_gen_bfi(s, rd, rn, sh, low5);
        return true;
    default:
        return false;
    }
}

/* A6.3.15: saturating add/sub, reversal, SEL, CLZ (a = op1[1:0], b = op2[1:0]). */
static bool t32_misc_ops(struct arm_dc *s, unsigned a, unsigned b, int rd, int rn, int rm)
{
    switch (a) {
    case 0:
        arm_gen_qaddsub(s, rd, rm, rn, b & 2, b & 1);
        return true;
    case 1: {                            /* Rm is encoded twice; cores use bits 3:0 */
        static const enum arm_rev kinds[4] = { ARM_REV, ARM_REV16, ARM_RBIT, ARM_REVSH };
        arm_gen_rev(s, kinds[b], rd, rm);
        return true;
    }
    case 2:
        if (b)
            return false;
        arm_gen_sel(s, rd, rn, rm);
        return true;
    default:
        if (b)
            return false;
        arm_gen_clz(s, rd, rm);
        return true;
    }
}

/* A6.3.12: register-controlled shifts, extends, parallel arithmetic, misc. */
static bool t32_dp_register(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 20, 4), op2 = field(insn, 4, 4);
    int rn = field(insn, 16, 4), rd = field(insn, 8, 4), rm = field(insn, 0, 4);
    if (field(insn, 12, 4) != 0xf || bad_reg(rd) || bad_reg(rm))
        return false;
    if (!(op1 & 8) && op2 == 0) {        /* LSL/LSR/ASR/ROR Rd, Rn, Rm */
        if (bad_reg(rn))
            return false;
        bool setflags = op1 & 1;
        ir_i32 v = arm_shift_reg(s, arm_r[rn], (enum arm_shift)(op1 >> 1), arm_r[rm], setflags);
        arm_gen_dp(s, ARM_DP_MOV, rd, 0, v, setflags);
        return true;
    }
    if (!(op1 & 8) && (op2 & 8)) {       /* SXTAH ... UXTB: Rn 15 means no accumulate */
        static const int kinds[8] = { ARM_SXTH, ARM_UXTH, ARM_SXTB16, ARM_UXTB16,
                                      ARM_SXTB, ARM_UXTB, -1, -1 };
        if (kinds[op1] < 0 || rn == 13)
            return false;
        arm_gen_extend(s, (enum arm_ext)kinds[op1], rd, rn, rm, field(insn, 4, 2));
        return true;
    }
    if (bad_reg(rn))
        return false;
    if ((op1 & 8) && !(op2 & 8)) {       /* parallel add/sub: map onto the A32 numbering */
        static const int a32_op[8] = { 4, 0, 1, -1, 7, 3, 2, -1 };
        unsigned prefix = op2 & 3;
        if (a32_op[op1 & 7] < 0 || prefix == 3)
            return false;
        unsigned kind = (prefix + 1) | (op2 & 4);
        return arm_gen_parallel(s, kind, (unsigned)a32_op[op1 & 7], rd, rn, rm);
    }
    if ((op1 & 0xc) != 8 || (op2 & 0xc) != 8)
        return false;
    return t32_misc_ops(s, op1 & 3, op2 & 3, rd, rn, rm);
}

/* --- multiplies --- */

static bool t32_multiply(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 20, 3), op2 = field(insn, 4, 2);
    int rn = field(insn, 16, 4), ra = field(insn, 12, 4), rd = field(insn, 8, 4);
    int rm = field(insn, 0, 4);
    int acc = ra == 15 ? -1 : ra;
    bool x = bit(insn, 4);
    if (field(insn, 6, 2) || bad_reg(rd) || bad_reg(rn) || bad_reg(rm) || ra == 13)
        return false;
    if (op1 != 1 && op2 > 1)
        return false;
    switch (op1) {
    case 0:
        if (op2 == 0)
            arm_gen_mul(s, rd, rn, rm, acc, false);
        else if (acc >= 0)
            arm_gen_mls(s, rd, rn, rm, ra);
        else
            return false;
        return true;
    case 1: arm_gen_smulxy(s, rd, rn, rm, acc, bit(insn, 5), x); return true;
    case 2: arm_gen_smuad(s, rd, rn, rm, acc, false, x); return true;
    case 3: arm_gen_smulw(s, rd, rn, rm, acc, x); return true;
    case 4: arm_gen_smuad(s, rd, rn, rm, acc, true, x); return true;
    case 5: arm_gen_smmul(s, rd, rn, rm, acc, false, x); return true;
    case 6:
        if (acc < 0)
            return false;
        arm_gen_smmul(s, rd, rn, rm, acc, true, x);
        return true;
    default:
        if (op2)
            return false;
        arm_gen_usad8(s, rd, rn, rm, ra);
        return true;
    }
}

static bool t32_long_multiply(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 20, 3), op2 = field(insn, 4, 4);
    int rn = field(insn, 16, 4), rdlo = field(insn, 12, 4), rdhi = field(insn, 8, 4);
    int rm = field(insn, 0, 4);
    if (bad_reg(rn) || bad_reg(rm) || bad_reg(rdhi))
        return false;
    if ((op1 == 1 || op1 == 3) && op2 == 0xf) {
        if (rdlo != 15)
            return false;
        arm_gen_div(s, rdhi, rn, rm, op1 == 1);
        return true;
    }
    if (bad_reg(rdlo))
        return false;
    switch (op1 << 4 | op2) {
    case 0x00: arm_gen_mull(s, true, false, rdlo, rdhi, rn, rm, false); return true;
    case 0x20: arm_gen_mull(s, false, false, rdlo, rdhi, rn, rm, false); return true;
    case 0x40: arm_gen_mull(s, true, true, rdlo, rdhi, rn, rm, false); return true;
    case 0x60: arm_gen_mull(s, false, true, rdlo, rdhi, rn, rm, false); return true;
    case 0x66: arm_gen_umaal(s, rdlo, rdhi, rn, rm); return true;
    case 0x48: case 0x49: case 0x4a: case 0x4b:
        arm_gen_smlalxy(s, rdlo, rdhi, rn, rm, bit(insn, 5), bit(insn, 4));
        return true;
    case 0x4c: case 0x4d: case 0x5c: case 0x5d:
        arm_gen_smlald(s, rdlo, rdhi, rn, rm, op1 == 5, bit(insn, 4));
        return true;
    default:
        return false;
    }
}

/* --- loads and stores --- */

/* The single-register addressing forms shared by LDR/STR of every size: literal,
 * positive imm12, imm8 with P/U/W, and register LSL #0-3. */
static bool t32_ldst_single(struct arm_dc *s, uint32_t insn, bool load, unsigned memop)
{
    int rn = field(insn, 16, 4), rt = field(insn, 12, 4), rm = field(insn, 0, 4);
    bool p = true, u = true, w = false, reg = false;
    uint32_t imm = 0;
    if (rn == 15) {
        if (!load)
            return false;
        u = bit(insn, 23);
        imm = field(insn, 0, 12);
    } else if (bit(insn, 23)) {
        imm = field(insn, 0, 12);
    } else if (bit(insn, 11)) {
        p = bit(insn, 10);
        u = bit(insn, 9);
        w = bit(insn, 8);
        imm = field(insn, 0, 8);
        if (!p && !w)
            return false;
    } else if (field(insn, 6, 6) == 0) {
        if (bad_reg(rm))
            return false;
        reg = true;
    } else {
        return false;
    }
    bool wback = w || !p;
    if ((wback && rn == rt) || (!load && rt == 15))
        return false;
    if (load && rt == 15 && (memop & MO_SIZE) != MO_32)
        return !wback;                   /* PLD, PLI and unallocated hints */
    ir_i32 off = reg ? arm_shift_imm(s, arm_r[rm], ARM_LSL, field(insn, 4, 2), false)
                     : arm_const(s, imm);
    arm_gen_ldst(s, load, memop, rt, rn, off, u, p, wback);
    return true;
}

static bool t32_store_single(struct arm_dc *s, uint32_t insn)
{
    static const int memops[4] = { MO_UB, MO_UW, MO_UL, -1 };
    int memop = memops[field(insn, 21, 2)];
    if (memop < 0)
        return false;
    return t32_ldst_single(s, insn, false, (unsigned)memop);
}

static bool t32_load_single(struct arm_dc *s, uint32_t insn)
{
    bool sign = bit(insn, 24);
    switch (field(insn, 21, 2)) {
    case 0: return t32_ldst_single(s, insn, true, sign ? MO_SB : MO_UB);
    case 1: return t32_ldst_single(s, insn, true, sign ? MO_SW : MO_UW);
    case 2: return !sign && t32_ldst_single(s, insn, true, MO_UL);
    default: return false;
    }
}

static bool t32_ldm_stm(struct arm_dc *s, uint32_t insn)
{
    unsigned op = field(insn, 23, 2);
    bool wback = bit(insn, 21), load = bit(insn, 20);
    int rn = field(insn, 16, 4);
    uint32_t list = field(insn, 0, 16);
    if (op == 0 || op == 3)
        return false;                    /* SRS, RFE */
    if (rn == 15 || list == 0 || (list & (1u << 13)))
        return false;
    if (load ? (list & 0xc000) == 0xc000 : (list & 0x8000) != 0)
        return false;
    if (load)
        arm_gen_ldm(s, rn, list, op == 1, op == 2, wback);
    else
        arm_gen_stm(s, rn, list, op == 1, op == 2, wback);
    return true;
}

static bool t32_exclusive_bhd(struct arm_dc *s, uint32_t insn, bool load)
{
    static const int sizes[4] = { MO_8, MO_16, -1, MO_64 };
    int rn = field(insn, 16, 4), rt = field(insn, 12, 4), rt2 = field(insn, 8, 4);
    int rd = field(insn, 0, 4);
    int size = sizes[field(insn, 4, 2)];
    if (size < 0 || rn == 15 || bad_reg(rt) || (size == MO_64 && (bad_reg(rt2) || rt == rt2)))
        return false;
    if (load) {
        arm_gen_ldrex(s, (unsigned)size, rt, rt2, rn, 0);
        return true;
    }
    if (bad_reg(rd) || rd == rn || rd == rt || (size == MO_64 && rd == rt2))
        return false;
    arm_gen_strex(s, (unsigned)size, rd, rt, rt2, rn, 0);
    return true;
}

/* A6.3.6: LDRD/STRD, the exclusives, TBB/TBH. */
static bool t32_dual_excl_tb(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 23, 2), op2 = field(insn, 20, 2), op3 = field(insn, 4, 4);
    int rn = field(insn, 16, 4), rt = field(insn, 12, 4), rt2 = field(insn, 8, 4);
    uint32_t imm = field(insn, 0, 8) * 4;
    if ((op1 & 2) || (op2 & 2)) {        /* LDRD, STRD (immediate, literal) */
        bool p = bit(insn, 24), u = bit(insn, 23), w = bit(insn, 21), load = bit(insn, 20);
        if ((w && (rn == rt || rn == rt2 || rn == 15)) || bad_reg(rt) || bad_reg(rt2) ||
            (load && rt == rt2) || (!load && rn == 15))
            return false;
        arm_gen_ldstd(s, load, rt, rt2, rn, arm_const(s, imm), u, p, w || !p);
        return true;
    }
    if (op1 == 0) {                      /* STREX, LDREX */
        if (rn == 15 || bad_reg(rt))
            return false;
        if (op2 == 1) {
            arm_gen_ldrex(s, MO_32, rt, 0, rn, imm);
            return true;
        }
        if (bad_reg(rt2) || rt2 == rn || rt2 == rt)
            return false;
        arm_gen_strex(s, MO_32, rt2, rt, 0, rn, imm);
        return true;
    }
    if (op2 == 1 && op3 <= 1) {          /* TBB, TBH */
        int rm = field(insn, 0, 4);
        if (rn == 13 || bad_reg(rm) || (s->condexec_mask & 7))
            return false;
        arm_gen_table_branch(s, rn, rm, op3 == 1);
        return true;
    }
    if (op3 < 4)
        return false;
    return t32_exclusive_bhd(s, insn, op2 == 1);
}

/* --- branches and miscellaneous control (A6.3.4) --- */

/* The 25-bit offset of B.W/BL/BLX: S:I1:I2:imm10:imm11:0, I = NOT(J XOR S). */
static uint32_t branch24(uint32_t insn)
{
    uint32_t sgn = bit(insn, 26), i1 = !(bit(insn, 13) ^ sgn), i2 = !(bit(insn, 11) ^ sgn);
    uint32_t v = sgn << 24 | i1 << 23 | i2 << 22 | field(insn, 16, 10) << 12 |
                 field(insn, 0, 11) << 1;
    return (uint32_t)((int32_t)(v << 7) >> 7);
}

static bool t32_misc_control(struct arm_dc *s, uint32_t insn)
{
    unsigned op = field(insn, 20, 7);
    int rn = field(insn, 16, 4), rd = field(insn, 8, 4);
    switch (op) {
    case 0x38: case 0x39:                /* MSR APSR */
        if (bit(insn, 20) || bad_reg(rn) || field(insn, 8, 2) || !field(insn, 10, 2))
            return false;
        arm_gen_msr(s, arm_r[rn], field(insn, 10, 2) << 2);
        return true;
    case 0x3a:                           /* hints, and CPS (user mode): NOPs */
        return true;
    case 0x3b:
        switch (field(insn, 4, 4)) {
        case 2: arm_gen_clrex(s); return true;
        case 4: case 5: arm_gen_barrier(s, false); return true;
        case 6: arm_gen_barrier(s, true); return true;
        default: return false;
        }
    case 0x3c:                           /* BXJ: no Jazelle, so BX */
        if (rn == 15 || (s->condexec_mask & 7))
            return false;
        arm_gen_bx(s, rn, false);
        return true;
    case 0x3e: case 0x3f:                /* MRS APSR */
        if (bit(insn, 20) || bad_reg(rd))
            return false;
        arm_gen_mrs(s, rd);
        return true;
    default:
        return false;
    }
}

static bool t32_branch_misc(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 12, 3), op = field(insn, 20, 7);
    bool last_in_it = !(s->condexec_mask & 7);
    if (op1 & 1) {                       /* B.W, BL */
        if (!last_in_it)
            return false;
        arm_gen_branch(s, arm_pc_read(s) + branch24(insn), op1 & 4, false);
        return true;
    }
    if (op1 & 4) {                       /* BLX to A32 */
        if (!last_in_it || bit(insn, 0))
            return false;
        arm_gen_branch(s, (arm_pc_read(s) & ~3u) + branch24(insn), true, true);
        return true;
    }
    if ((op & 0x38) == 0x38)
        return !(op & 0x40) && t32_misc_control(s, insn);
    if (arm_in_it(s))
        return false;                    /* B<c>.W may not be in an IT block */
    uint32_t v = bit(insn, 26) << 20 | bit(insn, 11) << 19 | bit(insn, 13) << 18 |
                 field(insn, 16, 6) << 12 | field(insn, 0, 11) << 1;
    arm_skip_unless(s, field(insn, 22, 4));
    arm_gen_branch(s, arm_pc_read(s) + (uint32_t)((int32_t)(v << 11) >> 11), false, false);
    return true;
}

/* --- coprocessor space: VFP, NEON, CP15 --- */

static bool t32_coproc(struct arm_dc *s, uint32_t insn)
{
    if ((insn & 0xef000000u) == 0xef000000u)     /* 111U 1111: Advanced SIMD data */
        return arm_tr_neon_dp(s, 0xf2000000u | bit(insn, 28) << 24 | (insn & 0x00ffffffu));
    if (bit(insn, 28))
        return false;                    /* the "2" coprocessor forms */
    unsigned coproc = field(insn, 8, 4);
    if ((coproc & 0xe) == 0xa)
        return arm_tr_vfp(s, insn);      /* 1110 is the A32 AL condition already */
    if (coproc == 15 && field(insn, 24, 2) == 2 && bit(insn, 4)) {
        int rt = field(insn, 12, 4);
        if (bad_reg(rt))
            return false;
        return arm_gen_cp15(s, bit(insn, 20), rt, field(insn, 21, 3), field(insn, 16, 4),
                            field(insn, 0, 4), field(insn, 5, 3));
    }
    return false;
}

bool arm_tr_t32(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 27, 2), op2 = field(insn, 20, 7);
    switch (op1) {
    case 1:
        if ((op2 & 0x64) == 0x00)
            return t32_ldm_stm(s, insn);
        if ((op2 & 0x64) == 0x04)
            return t32_dual_excl_tb(s, insn);
        if ((op2 & 0x60) == 0x20)
            return t32_dp_shifted(s, insn);
        return t32_coproc(s, insn);
    case 2:
        if (bit(insn, 15))
            return t32_branch_misc(s, insn);
        return (op2 & 0x20) ? t32_dp_plain_imm(s, insn) : t32_dp_modified_imm(s, insn);
    default:
        if ((op2 & 0x71) == 0x00)
            return t32_store_single(s, insn);
        if ((op2 & 0x71) == 0x10)        /* Advanced SIMD element/structure load/store */
            return arm_tr_neon_ls(s, 0xf4000000u | (insn & 0x00ffffffu));
        if ((op2 & 0x67) == 0x01 || (op2 & 0x67) == 0x03 || (op2 & 0x67) == 0x05)
            return t32_load_single(s, insn);
        if (op2 & 0x40)
            return t32_coproc(s, insn);
        if ((op2 & 0x70) == 0x20)
            return t32_dp_register(s, insn);
        if ((op2 & 0x78) == 0x30)
            return t32_multiply(s, insn);
        if ((op2 & 0x78) == 0x38)
            return t32_long_multiply(s, insn);
        return false;
    }
}
