/* The A32 decoder: splits an ARM-state instruction along the ARMv7-A ARM's encoding
 * tables (A5.1-A5.7) and calls the shared generators of translate-ops.h.
 * Every check for UNDEFINED or UNPREDICTABLE encodings happens here, before any IR is
 * emitted, so refusing an encoding (returning false) leaves nothing half-translated.
 * UNPREDICTABLE encodings are refused (SIGILL) except where ARMv7 cores (and qemu) behave
 * one way: STR/STM of pc, LDM with the base in the list, long multiplies with
 * RdHi == RdLo (RdHi is written last), and should-be-zero/one fields, which are ignored. */
#include "target/arm/translate-ops.h"

static inline unsigned field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

static inline bool bit(uint32_t insn, unsigned pos)
{
    return (insn >> pos) & 1;
}

static uint32_t ror32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v >> n) | (v << (32 - n)) : v;
}

/* The rotated 8-bit immediate of data processing and MSR. */
static uint32_t a32_expand_imm(uint32_t insn)
{
    return ror32(field(insn, 0, 8), 2 * field(insn, 8, 4));
}

/* --- data processing (A5.2.1-A5.2.3) --- */

static bool a32_dp(struct arm_dc *s, uint32_t insn)
{
    enum arm_dp op = (enum arm_dp)field(insn, 21, 4);
    bool setflags = bit(insn, 20);
    int rn = field(insn, 16, 4), rd = field(insn, 12, 4), rm = field(insn, 0, 4);
    bool setc = setflags && arm_dp_is_logical(op);
    enum arm_shift type = (enum arm_shift)field(insn, 5, 2);
    if (rd == 15 && setflags && !arm_dp_is_compare(op))
        return false;                 /* exception return: not in user mode */
    ir_i32 op2;
    if (bit(insn, 25)) {
        uint32_t imm = a32_expand_imm(insn);
        if (setc && field(insn, 8, 4))
            arm_set_carry_imm(s, imm);
        op2 = arm_const(s, imm);
    } else if (!bit(insn, 4)) {
        op2 = arm_shift_imm(s, arm_reg_ro(s, rm), type, field(insn, 7, 5), setc);
    } else {
        int rs = field(insn, 8, 4);
        if (rd == 15 || rn == 15 || rm == 15 || rs == 15)
            return false;
        op2 = arm_shift_reg(s, arm_r[rm], type, arm_r[rs], setc);
    }
    arm_gen_dp(s, op, rd, rn, op2, setflags);
    return true;
}

static bool a32_movw_movt(struct arm_dc *s, uint32_t insn)
{
    int rd = field(insn, 12, 4);
    uint32_t imm = field(insn, 16, 4) << 12 | field(insn, 0, 12);
    if (rd == 15)
        return false;
    if (!bit(insn, 22)) {
        arm_store_reg(s, rd, arm_const(s, imm), false);
        return true;
    }
    ir_i32 d = arm_tmp(s);
    ir_deposit_i32(s->ir, d, arm_r[rd], arm_const(s, imm), 16, 16);
    arm_store_reg(s, rd, d, false);
    return true;
}

/* MSR immediate and the hints (A5.2.11): every hint runs as a NOP in user mode. */
static bool a32_msr_imm_hints(struct arm_dc *s, uint32_t insn)
{
    unsigned mask = field(insn, 16, 4);
    if (bit(insn, 22))
        return false;                 /* SPSR */
    if (mask == 0)
        return true;
    arm_gen_msr(s, arm_const(s, a32_expand_imm(insn)), mask);
    return true;
}

/* --- miscellaneous (A5.2.12) --- */

static bool a32_status(struct arm_dc *s, uint32_t insn)
{
    unsigned op = field(insn, 21, 2);
    int rd = field(insn, 12, 4), rn = field(insn, 0, 4);
    if (bit(insn, 9) || (op & 2))
        return false;                 /* banked registers, SPSR */
    if (op == 0) {
        if (rd == 15)
            return false;
        arm_gen_mrs(s, rd);
        return true;
    }
    if (rn == 15 || field(insn, 16, 4) == 0)
        return false;
    arm_gen_msr(s, arm_r[rn], field(insn, 16, 4));
    return true;
}

static bool a32_misc(struct arm_dc *s, uint32_t insn)
{
    unsigned op = field(insn, 21, 2), op2 = field(insn, 4, 3);
    int rd = field(insn, 12, 4), rn = field(insn, 16, 4), rm = field(insn, 0, 4);
    switch (op2) {
    case 0:
        return a32_status(s, insn);
    case 1:
        if (op == 1) {
            arm_gen_bx(s, rm, false);
            return true;
        }
        if (op != 3 || rd == 15 || rm == 15)
            return false;
        arm_gen_clz(s, rd, rm);
        return true;
    case 2:                           /* BXJ: no Jazelle, so it is BX */
        if (op != 1)
            return false;
        arm_gen_bx(s, rm, false);
        return true;
    case 3:
        if (op != 1 || rm == 15)
            return false;
        arm_gen_bx(s, rm, true);
        return true;
    case 5:
        if (rd == 15 || rn == 15 || rm == 15)
            return false;
        arm_gen_qaddsub(s, rd, rm, rn, op & 1, op & 2);
        return true;
    case 7:
        if (op != 1)
            return false;             /* HVC, SMC */
        arm_gen_bkpt(s, field(insn, 8, 12) << 4 | field(insn, 0, 4));
        return true;
    default:
        return false;
    }
}

/* --- multiplies (A5.2.5, A5.2.7) --- */

static bool any_pc(int a, int b, int c, int d)
{
    return a == 15 || b == 15 || c == 15 || d == 15;
}

static bool a32_multiply(struct arm_dc *s, uint32_t insn)
{
    unsigned op = field(insn, 21, 3);
    bool setflags = bit(insn, 20);
    int rd = field(insn, 16, 4), ra = field(insn, 12, 4);
    int rm = field(insn, 8, 4), rn = field(insn, 0, 4);
    if (any_pc(rd, ra, rm, rn))
        return false;
    switch (op) {
    case 0: arm_gen_mul(s, rd, rn, rm, -1, setflags); return true;
    case 1: arm_gen_mul(s, rd, rn, rm, ra, setflags); return true;
    case 2:
        if (setflags)
            return false;
        arm_gen_umaal(s, ra, rd, rn, rm);
        return true;
    case 3:
        if (setflags)
            return false;
        arm_gen_mls(s, rd, rn, rm, ra);
        return true;
    default:
        arm_gen_mull(s, op >= 6, op & 1, ra, rd, rn, rm, setflags);
        return true;
    }
}

static bool a32_halfword_multiply(struct arm_dc *s, uint32_t insn)
{
    int rd = field(insn, 16, 4), ra = field(insn, 12, 4);
    int rm = field(insn, 8, 4), rn = field(insn, 0, 4);
    bool n = bit(insn, 5), m = bit(insn, 6);
    if (any_pc(rd, ra, rm, rn))
        return false;
    switch (field(insn, 21, 2)) {
    case 0: arm_gen_smulxy(s, rd, rn, rm, ra, n, m); break;
    case 1: arm_gen_smulw(s, rd, rn, rm, n ? -1 : ra, m); break;
    case 2:
        arm_gen_smlalxy(s, ra, rd, rn, rm, n, m);
        break;
    default: arm_gen_smulxy(s, rd, rn, rm, -1, n, m); break;
    }
    return true;
}

/* --- synchronization primitives (A5.2.10) --- */

static bool a32_sync(struct arm_dc *s, uint32_t insn)
{
    unsigned op = field(insn, 20, 4);
    int rn = field(insn, 16, 4), rt = field(insn, 12, 4), rt2 = field(insn, 0, 4);
    static const unsigned sizes[4] = { MO_32, MO_64, MO_8, MO_16 };
    if ((op & 0xb) == 0) {            /* SWP, SWPB */
        if (field(insn, 8, 4) != 0 || any_pc(rn, rt, rt2, 0) || rn == rt || rn == rt2)
            return false;
        arm_gen_swp(s, bit(insn, 22), rt, rt2, rn);
        return true;
    }
    if (op < 8 || field(insn, 8, 4) != 0xf)
        return false;
    unsigned size = sizes[(op >> 1) & 3];
    bool dbl = size == MO_64;
    if (op & 1) {                     /* LDREX*: Rt is bits 15:12 */
        if (rn == 15 || rt == 15 || (dbl && ((rt & 1) || rt == 14)))
            return false;
        arm_gen_ldrex(s, size, rt, rt + 1, rn, 0);
        return true;
    }
    int rd = rt;                      /* STREX*: Rd is bits 15:12, Rt bits 3:0 */
    rt = rt2;
    if (rn == 15 || rd == 15 || rt == 15 || rd == rn || rd == rt ||
        (dbl && ((rt & 1) || rt == 14 || rd == rt + 1)))
        return false;
    arm_gen_strex(s, size, rd, rt, rt + 1, rn, 0);
    return true;
}

/* --- loads and stores (A5.2.8, A5.2.9, A5.3) --- */

static bool a32_extra_ldst(struct arm_dc *s, uint32_t insn)
{
    bool p = bit(insn, 24), u = bit(insn, 23), w = bit(insn, 21), load = bit(insn, 20);
    int rn = field(insn, 16, 4), rt = field(insn, 12, 4), rm = field(insn, 0, 4);
    unsigned op2 = field(insn, 5, 2);
    bool wback = !p || w;
    bool dual = !load && op2 >= 2;
    if (!bit(insn, 22) && rm == 15)
        return false;
    if (wback && (rn == 15 || rn == rt))
        return false;
    if (dual) {
        if ((rt & 1) || rt == 14 || (!p && w) || (wback && rn == rt + 1))
            return false;
        load = op2 == 2;
    } else if (rt == 15) {
        return false;
    }
    ir_i32 off = bit(insn, 22) ? arm_const(s, field(insn, 8, 4) << 4 | field(insn, 0, 4))
                               : arm_r[rm];
    if (dual) {
        arm_gen_ldstd(s, load, rt, rt + 1, rn, off, u, p, wback);
        return true;
    }
    static const unsigned memops[4] = { 0, MO_UW, MO_SB, MO_SW };
    arm_gen_ldst(s, load, memops[op2], rt, rn, off, u, p, wback);
    return true;
}

static bool a32_ldst_word(struct arm_dc *s, uint32_t insn)
{
    bool p = bit(insn, 24), u = bit(insn, 23), byte = bit(insn, 22);
    bool w = bit(insn, 21), load = bit(insn, 20);
    int rn = field(insn, 16, 4), rt = field(insn, 12, 4), rm = field(insn, 0, 4);
    bool wback = !p || w;
    if (wback && (rn == 15 || rn == rt))
        return false;
    if (byte && rt == 15)
        return false;
    ir_i32 off;
    if (!bit(insn, 25)) {
        off = arm_const(s, field(insn, 0, 12));
    } else {
        if (rm == 15)
            return false;
        off = arm_shift_imm(s, arm_r[rm], (enum arm_shift)field(insn, 5, 2),
                            field(insn, 7, 5), false);
    }
    arm_gen_ldst(s, load, byte ? MO_UB : MO_UL, rt, rn, off, u, p, wback);
    return true;
}

static bool a32_block(struct arm_dc *s, uint32_t insn)
{
    int rn = field(insn, 16, 4);
    uint32_t list = field(insn, 0, 16);
    bool p = bit(insn, 24), u = bit(insn, 23), w = bit(insn, 21);
    if (bit(insn, 22) || rn == 15 || list == 0)
        return false;                 /* user-register and exception-return forms */
    if (bit(insn, 20))
        arm_gen_ldm(s, rn, list, u, p, w);
    else
        arm_gen_stm(s, rn, list, u, p, w);
    return true;
}

/* --- media instructions (A5.4) --- */

static bool a32_pack_sat_rev(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 20, 3), op2 = field(insn, 5, 3);
    int rn = field(insn, 16, 4), rd = field(insn, 12, 4), rm = field(insn, 0, 4);
    unsigned rot = field(insn, 10, 2);
    if (rd == 15 || rm == 15)
        return false;
    if ((op1 & 6) == 2 && !(op2 & 1)) {          /* SSAT */
        arm_gen_sat(s, false, rd, rm, bit(insn, 6), field(insn, 7, 5), field(insn, 16, 5));
        return true;
    }
    if ((op1 & 6) == 6 && !(op2 & 1)) {          /* USAT */
        arm_gen_sat(s, true, rd, rm, bit(insn, 6), field(insn, 7, 5), field(insn, 16, 5));
        return true;
    }
    if (op2 == 3) {                              /* extends: Rn 15 means none */
        static const int kinds[8] = { ARM_SXTB16, -1, ARM_SXTB, ARM_SXTH,
                                      ARM_UXTB16, -1, ARM_UXTB, ARM_UXTH };
        if (kinds[op1] < 0)
            return false;
        arm_gen_extend(s, (enum arm_ext)kinds[op1], rd, rn, rm, rot);
        return true;
    }
    switch (op1 << 3 | op2) {           /* op1:op2, two octal digits as in table A5.4.3 */
    case 000: case 002: case 004: case 006:
    case 001: case 003: case 005: case 007:
        break;
    case 031: arm_gen_rev(s, ARM_REV, rd, rm); return true;     /* 011 001 */
    case 035: arm_gen_rev(s, ARM_REV16, rd, rm); return true;   /* 011 101 */
    case 071: arm_gen_rev(s, ARM_RBIT, rd, rm); return true;    /* 111 001 */
    case 075: arm_gen_rev(s, ARM_REVSH, rd, rm); return true;   /* 111 101 */
    case 021: arm_gen_sat16(s, false, rd, rm, field(insn, 16, 4)); return true;
    case 061: arm_gen_sat16(s, true, rd, rm, field(insn, 16, 4)); return true;
    default: return false;
    }
    if (rn == 15)
        return false;
    if (!(op2 & 1)) {                            /* PKHBT, PKHTB */
        arm_gen_pkh(s, rd, rn, rm, bit(insn, 6), field(insn, 7, 5));
        return true;
    }
    if (op2 == 5) {
        arm_gen_sel(s, rd, rn, rm);
        return true;
    }
    return false;
}

static bool a32_signed_multiply(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 20, 3), op2 = field(insn, 5, 3);
    int rd = field(insn, 16, 4), ra = field(insn, 12, 4);
    int rm = field(insn, 8, 4), rn = field(insn, 0, 4);
    bool m = bit(insn, 5);
    if (rd == 15 || rm == 15 || rn == 15)
        return false;
    switch (op1) {
    case 0:
        if (op2 >= 4)
            return false;
        arm_gen_smuad(s, rd, rn, rm, ra == 15 ? -1 : ra, op2 >= 2, m);
        return true;
    case 1: case 3:
        if (op2 != 0 || ra != 15)
            return false;
        arm_gen_div(s, rd, rn, rm, op1 == 1);
        return true;
    case 4:
        if (op2 >= 4 || ra == 15)
            return false;
        arm_gen_smlald(s, ra, rd, rn, rm, op2 >= 2, m);
        return true;
    case 5:
        if (op2 <= 1) {
            arm_gen_smmul(s, rd, rn, rm, ra == 15 ? -1 : ra, false, m);
            return true;
        }
        if (op2 >= 6 && ra != 15) {
            arm_gen_smmul(s, rd, rn, rm, ra, true, m);
            return true;
        }
        return false;
    default:
        return false;
    }
}

static bool a32_bitfield(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 20, 5), op2 = field(insn, 5, 3);
    int rd = field(insn, 12, 4), rn = field(insn, 0, 4);
    unsigned lsb = field(insn, 7, 5), hi = field(insn, 16, 5);
    if (rd == 15)
        return false;
    if ((op1 & 0x1e) == 0x1c && (op2 & 3) == 0) {      /* BFI, BFC */
        if (hi < lsb)
            return false;
        arm_gen_bfi(s, rd, rn, lsb, hi);
        return true;
    }
    if ((op2 & 3) != 2 || rn == 15 || lsb + hi + 1 > 32)
        return false;
    if ((op1 & 0x1e) == 0x1a || (op1 & 0x1e) == 0x1e) {  /* SBFX, UBFX */
        arm_gen_bfx(s, rd, rn, lsb, hi + 1, (op1 & 0x1e) == 0x1a);
        return true;
    }
    return false;
}

static bool a32_media(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 20, 5), op2 = field(insn, 5, 3);
    if (op1 < 8) {                               /* parallel add/subtract */
        int rn = field(insn, 16, 4), rd = field(insn, 12, 4), rm = field(insn, 0, 4);
        if (rn == 15 || rd == 15 || rm == 15)
            return false;
        return arm_gen_parallel(s, op1, op2, rd, rn, rm);
    }
    if (op1 < 16)
        return a32_pack_sat_rev(s, insn);
    if (op1 < 24)
        return a32_signed_multiply(s, insn);
    if (op1 == 24 && op2 == 0) {                 /* USAD8, USADA8 */
        int rd = field(insn, 16, 4), ra = field(insn, 12, 4);
        int rm = field(insn, 8, 4), rn = field(insn, 0, 4);
        if (rd == 15 || rm == 15 || rn == 15)
            return false;
        arm_gen_usad8(s, rd, rn, rm, ra);
        return true;
    }
    return a32_bitfield(s, insn);
}

/* --- the data-processing and miscellaneous space (A5.2) --- */

static bool a32_dp_misc(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 20, 5), op2 = field(insn, 4, 4);
    bool imm = bit(insn, 25);
    bool test_no_s = (op1 & 0x19) == 0x10;       /* TST..CMN without S: other things */
    if (!imm && (op2 & 9) == 9) {
        if (op2 == 9)
            return (op1 & 0x10) ? a32_sync(s, insn) : a32_multiply(s, insn);
        return a32_extra_ldst(s, insn);
    }
    if (!imm && test_no_s)
        return (op2 & 8) ? a32_halfword_multiply(s, insn) : a32_misc(s, insn);
    if (imm && test_no_s)
        return (op1 & 2) ? a32_msr_imm_hints(s, insn) : a32_movw_movt(s, insn);
    return a32_dp(s, insn);
}

/* --- branches, coprocessors, supervisor call (A5.5, A5.6) --- */

static uint32_t branch_offset(uint32_t insn)
{
    return (uint32_t)((int32_t)(insn << 8) >> 6);
}

static bool a32_coproc(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 20, 6), coproc = field(insn, 8, 4);
    if ((op1 & 0x30) == 0x30) {
        arm_gen_svc(s, field(insn, 0, 24));
        return true;
    }
    if ((coproc & 0xe) == 0xa)
        return arm_tr_vfp(s, insn);
    if (coproc == 15 && (op1 & 0x30) == 0x20 && bit(insn, 4)) {
        int rt = field(insn, 12, 4);
        if (rt == 15)
            return false;
        return arm_gen_cp15(s, bit(insn, 20), rt, field(insn, 21, 3), field(insn, 16, 4),
                            field(insn, 0, 4), field(insn, 5, 3));
    }
    return false;
}

/* --- the unconditional space (A5.7) --- */

static bool a32_uncond_misc(struct arm_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 20, 7), op2 = field(insn, 4, 4);
    if ((insn & 0xfffffdffu) == 0xf1010000u) {   /* SETEND */
        arm_gen_setend(s, bit(insn, 9));
        return true;
    }
    if ((insn & 0xfff1fe20u) == 0xf1000000u)     /* CPS: a NOP in user mode */
        return true;
    if ((op1 & 0x60) == 0x20)
        return arm_tr_neon_dp(s, insn);
    if ((op1 & 0x71) == 0x40)
        return arm_tr_neon_ls(s, insn);
    if ((op1 & 0x43) == 0x41)                    /* PLD, PLDW, PLI, unallocated hints */
        return !(op1 & 0x20) || !(op2 & 1);
    if (op1 == 0x57) {
        switch (op2) {
        case 1: arm_gen_clrex(s); return true;
        case 4: case 5: arm_gen_barrier(s, false); return true;
        case 6: arm_gen_barrier(s, true); return true;
        default: return false;
        }
    }
    return false;
}

static bool a32_uncond(struct arm_dc *s, uint32_t insn)
{
    if (!bit(insn, 27))
        return a32_uncond_misc(s, insn);
    if (field(insn, 25, 3) == 5) {               /* BLX (immediate) */
        uint32_t dest = arm_pc_read(s) + branch_offset(insn) + (bit(insn, 24) << 1);
        arm_gen_branch(s, dest, true, true);
        return true;
    }
    return false;                                /* SRS, RFE, LDC2/STC2, MCR2/MRC2, CDP2 */
}

bool arm_tr_a32(struct arm_dc *s, uint32_t insn)
{
    if (field(insn, 28, 4) == 0xf)
        return a32_uncond(s, insn);
    switch (field(insn, 25, 3)) {
    case 0: case 1:
        return a32_dp_misc(s, insn);
    case 2:
        return a32_ldst_word(s, insn);
    case 3:
        return bit(insn, 4) ? a32_media(s, insn) : a32_ldst_word(s, insn);
    case 4:
        return a32_block(s, insn);
    case 5:
        arm_gen_branch(s, arm_pc_read(s) + branch_offset(insn), bit(insn, 24), false);
        return true;
    default:
        return a32_coproc(s, insn);
    }
}
