/* The 16-bit Thumb decoder: ARMv7-A ARM tables A6.2.1-A6.2.6, onto the generators of
 * translate-ops.h. Data processing sets flags only outside IT blocks (CMP/CMN/TST
 * always do). Encodings are checked before any IR is emitted. */
#include "target/arm/translate-ops.h"

static inline unsigned field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

static inline bool bit(uint32_t insn, unsigned pos)
{
    return (insn >> pos) & 1;
}

/* Shift by immediate, add/subtract with 3-bit fields, and the 8-bit immediate forms
 * (A6.2.1). */
static bool t16_shift_add_sub_mov_cmp(struct arm_dc *s, uint16_t insn)
{
    bool setflags = !arm_in_it(s);
    unsigned op = field(insn, 9, 5);
    int rd = field(insn, 0, 3), rn = field(insn, 3, 3), rm8 = field(insn, 8, 3);
    if (op < 12) {                       /* LSL/LSR/ASR #imm5 (LSL #0 is MOVS) */
        ir_i32 v = arm_shift_imm(s, arm_r[rn], (enum arm_shift)(op >> 2), field(insn, 6, 5),
                                 setflags);
        arm_gen_dp(s, ARM_DP_MOV, rd, 0, v, setflags);
        return true;
    }
    switch (op) {
    case 12: arm_gen_dp(s, ARM_DP_ADD, rd, rn, arm_r[field(insn, 6, 3)], setflags); break;
    case 13: arm_gen_dp(s, ARM_DP_SUB, rd, rn, arm_r[field(insn, 6, 3)], setflags); break;
    case 14: arm_gen_dp(s, ARM_DP_ADD, rd, rn, arm_const(s, field(insn, 6, 3)), setflags); break;
    case 15: arm_gen_dp(s, ARM_DP_SUB, rd, rn, arm_const(s, field(insn, 6, 3)), setflags); break;
    default: {
        static const enum arm_dp ops[4] = { ARM_DP_MOV, ARM_DP_CMP, ARM_DP_ADD, ARM_DP_SUB };
        enum arm_dp dp = ops[(op >> 2) & 3];
        arm_gen_dp(s, dp, rm8, rm8, arm_const(s, field(insn, 0, 8)),
                   setflags || dp == ARM_DP_CMP);
        break;
    }
    }
    return true;
}

/* A6.2.2: two low registers, Rdn = Rdn op Rm. */
static bool t16_data_processing(struct arm_dc *s, uint16_t insn)
{
    static const int ops[16] = {
        ARM_DP_AND, ARM_DP_EOR, -1, -1, -1, ARM_DP_ADC, ARM_DP_SBC, -1,
        ARM_DP_TST, ARM_DP_RSB, ARM_DP_CMP, ARM_DP_CMN, ARM_DP_ORR, -1, ARM_DP_BIC, ARM_DP_MVN,
    };
    unsigned op = field(insn, 6, 4);
    int rdn = field(insn, 0, 3), rm = field(insn, 3, 3);
    bool setflags = !arm_in_it(s);
    switch (op) {
    case 2: case 3: case 4: case 7: {   /* LSL, LSR, ASR, ROR by register */
        static const enum arm_shift kinds[8] = { [2] = ARM_LSL, [3] = ARM_LSR,
                                                 [4] = ARM_ASR, [7] = ARM_ROR };
        ir_i32 v = arm_shift_reg(s, arm_r[rdn], kinds[op], arm_r[rm], setflags);
        arm_gen_dp(s, ARM_DP_MOV, rdn, 0, v, setflags);
        return true;
    }
    case 9:                              /* RSB Rd, Rn, #0 */
        arm_gen_dp(s, ARM_DP_RSB, rdn, rm, arm_const(s, 0), setflags);
        return true;
    case 13:
        arm_gen_mul(s, rdn, rm, rdn, -1, setflags);
        return true;
    default: {
        enum arm_dp dp = (enum arm_dp)ops[op];
        arm_gen_dp(s, dp, rdn, rdn, arm_r[rm], setflags || arm_dp_is_compare(dp));
        return true;
    }
    }
}

/* A6.2.3: high-register ADD/CMP/MOV, BX, BLX. Writes to pc branch without
 * interworking (ALUWritePC in Thumb state). */
static bool t16_special(struct arm_dc *s, uint16_t insn)
{
    unsigned op = field(insn, 6, 4);
    int rdn = field(insn, 0, 3) | bit(insn, 7) << 3, rm = field(insn, 3, 4);
    switch (op >> 2) {
    case 0:                              /* ADD Rdn, Rm */
        if (rdn == 15 && rm == 15)
            return false;
        arm_gen_dp(s, ARM_DP_ADD, rdn, rdn, arm_reg_ro(s, rm), false);
        return true;
    case 1:                              /* CMP Rn, Rm (two low registers also work) */
        if (rdn == 15 || rm == 15)
            return false;
        arm_gen_dp(s, ARM_DP_CMP, 0, rdn, arm_r[rm], true);
        return true;
    case 2:                              /* MOV Rd, Rm */
        arm_gen_dp(s, ARM_DP_MOV, rdn, 0, arm_reg_ro(s, rm), false);
        return true;
    default:                             /* BX, BLX */
        if (field(insn, 0, 3) || (bit(insn, 7) && rm == 15))
            return false;
        arm_gen_bx(s, rm, bit(insn, 7));
        return true;
    }
}

/* A6.2.4: loads and stores with immediate or register offsets, all pre-indexed. */
static bool t16_ldst(struct arm_dc *s, uint16_t insn)
{
    unsigned opa = field(insn, 12, 4), opb = field(insn, 9, 3);
    int rt = field(insn, 0, 3), rn = field(insn, 3, 3);
    unsigned imm5 = field(insn, 6, 5);
    switch (opa) {
    case 5: {                            /* register offset */
        static const uint8_t memops[8] = { MO_UL, MO_UW, MO_UB, MO_SB,
                                           MO_UL, MO_UW, MO_UB, MO_SW };
        bool load = opb >= 3;
        arm_gen_ldst(s, load, memops[opb], rt, rn, arm_r[field(insn, 6, 3)], true, true,
                     false);
        return true;
    }
    case 6:
        arm_gen_ldst(s, bit(insn, 11), MO_UL, rt, rn, arm_const(s, imm5 * 4), true, true,
                     false);
        return true;
    case 7:
        arm_gen_ldst(s, bit(insn, 11), MO_UB, rt, rn, arm_const(s, imm5), true, true, false);
        return true;
    case 8:
        arm_gen_ldst(s, bit(insn, 11), MO_UW, rt, rn, arm_const(s, imm5 * 2), true, true,
                     false);
        return true;
    default:                             /* 9: SP-relative */
        arm_gen_ldst(s, bit(insn, 11), MO_UL, field(insn, 8, 3), 13,
                     arm_const(s, field(insn, 0, 8) * 4), true, true, false);
        return true;
    }
}

/* IT: the TB loop applies and advances the new state from the next instruction on. */
static bool t16_it(struct arm_dc *s, uint16_t insn)
{
    unsigned firstcond = field(insn, 4, 4), mask = field(insn, 0, 4);
    if (arm_in_it(s) || firstcond == 15 || (firstcond == 14 && __builtin_popcount(mask) != 1))
        return false;
    s->condexec_cond = firstcond;
    s->condexec_mask = mask;
    return true;
}

/* A6.2.5: miscellaneous 16-bit instructions. */
static bool t16_misc(struct arm_dc *s, uint16_t insn)
{
    unsigned op = field(insn, 5, 7);
    int rd = field(insn, 0, 3), rm = field(insn, 3, 3);
    if ((op & 0x78) == 0) {              /* ADD/SUB SP, SP, #imm7 * 4 */
        ir_i32 imm = arm_const(s, field(insn, 0, 7) * 4);
        arm_gen_dp(s, (op & 4) ? ARM_DP_SUB : ARM_DP_ADD, 13, 13, imm, false);
        return true;
    }
    if ((op & 0x28) == 0x08) {           /* CBZ, CBNZ */
        if (arm_in_it(s))
            return false;
        uint32_t dest = arm_pc_read(s) + (bit(insn, 9) << 6 | field(insn, 3, 5) << 1);
        arm_skip_unless_zero(s, rd, !bit(insn, 11));
        arm_gen_branch(s, dest, false, false);
        return true;
    }
    if ((op & 0x78) == 0x10) {           /* SXTH, SXTB, UXTH, UXTB */
        static const enum arm_ext kinds[4] = { ARM_SXTH, ARM_SXTB, ARM_UXTH, ARM_UXTB };
        arm_gen_extend(s, kinds[field(insn, 6, 2)], rd, 15, rm, 0);
        return true;
    }
    if ((op & 0x70) == 0x20 || (op & 0x70) == 0x60) {   /* PUSH, POP */
        bool pop = bit(insn, 11);
        uint32_t list = field(insn, 0, 8) | (uint32_t)bit(insn, 8) << (pop ? 15 : 14);
        if (list == 0)
            return false;
        if (pop)
            arm_gen_ldm(s, 13, list, true, false, true);
        else
            arm_gen_stm(s, 13, list, false, true, true);
        return true;
    }
    if (op == 0x33)                      /* CPS: a NOP in user mode */
        return true;
    if (op == 0x32) {                    /* SETEND */
        arm_gen_setend(s, bit(insn, 3));
        return true;
    }
    if ((op & 0x78) == 0x50) {           /* REV, REV16, -, REVSH */
        static const int kinds[4] = { ARM_REV, ARM_REV16, -1, ARM_REVSH };
        if (kinds[field(insn, 6, 2)] < 0)
            return false;
        arm_gen_rev(s, (enum arm_rev)kinds[field(insn, 6, 2)], rd, rm);
        return true;
    }
    if ((op & 0x78) == 0x70) {
        arm_gen_bkpt(s, field(insn, 0, 8));
        return true;
    }
    if ((op & 0x78) == 0x78)             /* IT, or a hint (NOP, YIELD, WFE, ...) */
        return field(insn, 0, 4) ? t16_it(s, insn) : true;
    return false;                        /* CPS and unallocated */
}

/* A6.2.6: B<c>, UDF, SVC. */
static bool t16_cond_branch(struct arm_dc *s, uint16_t insn)
{
    unsigned cond = field(insn, 8, 4);
    if (cond == 15) {
        arm_gen_svc(s, field(insn, 0, 8));
        return true;
    }
    if (cond == 14 || arm_in_it(s))
        return false;                    /* UDF; B<c> may not be in an IT block */
    uint32_t dest = arm_pc_read(s) + (uint32_t)((int32_t)((uint32_t)insn << 24) >> 23);
    arm_skip_unless(s, cond);
    arm_gen_branch(s, dest, false, false);
    return true;
}

bool arm_tr_t16(struct arm_dc *s, uint16_t insn)
{
    switch (field(insn, 12, 4)) {
    case 0: case 1: case 2: case 3:
        return t16_shift_add_sub_mov_cmp(s, insn);
    case 4:
        if (bit(insn, 11)) {             /* LDR Rt, [pc, #imm8 * 4] */
            arm_gen_ldst(s, true, MO_UL, field(insn, 8, 3), 15,
                         arm_const(s, field(insn, 0, 8) * 4), true, true, false);
            return true;
        }
        return bit(insn, 10) ? t16_special(s, insn) : t16_data_processing(s, insn);
    case 5: case 6: case 7: case 8: case 9:
        return t16_ldst(s, insn);
    case 10: {                           /* ADR / ADD Rd, SP, #imm8 * 4 */
        int rd = field(insn, 8, 3);
        uint32_t imm = field(insn, 0, 8) * 4;
        if (bit(insn, 11))
            arm_gen_dp(s, ARM_DP_ADD, rd, 13, arm_const(s, imm), false);
        else
            arm_store_reg(s, rd, arm_const(s, (arm_pc_read(s) & ~3u) + imm), false);
        return true;
    }
    case 11:
        return t16_misc(s, insn);
    case 12: {                           /* STM Rn!, LDM Rn{!} */
        int rn = field(insn, 8, 3);
        uint32_t list = field(insn, 0, 8);
        if (list == 0)
            return false;
        if (bit(insn, 11))
            arm_gen_ldm(s, rn, list, true, false, !(list & (1u << rn)));
        else
            arm_gen_stm(s, rn, list, true, false, true);
        return true;
    }
    case 13:
        return t16_cond_branch(s, insn);
    default:                             /* 14: B; 15 never reaches here (32-bit) */
        if (bit(insn, 11))
            return false;
        if (s->condexec_mask & 7)
            return false;                /* a branch must end its IT block */
        arm_gen_branch(s, arm_pc_read(s) + (uint32_t)((int32_t)((uint32_t)insn << 21) >> 20), false,
                       false);
        return true;
    }
}
