/* A64 branches and exception generation (bits 28:26 = 101, all but the system
 * instructions, which translate-a64-sys.c decodes): B/BL, B.cond, CBZ/CBNZ, TBZ/TBNZ,
 * BR/BLR/RET, SVC and BRK. Direct branches chain (goto_tb); conditional ones use slot 0
 * for the taken and slot 1 for the fall-through path. */
#include <signal.h>

#include "target/arm/translate-a64-dec.h"

static unsigned field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

/* A signed word offset of 'bits' bits at 'pos', in bytes. */
static int64_t branch_offset(uint32_t insn, unsigned pos, unsigned bits)
{
    int64_t v = (int64_t)((uint64_t)field(insn, pos, bits) << (64 - bits)) >> (64 - bits);
    return v * 4;
}

/* Ends the TB with the taken path (slot 0) when c holds, else the next instruction. */
static void gen_cond_branch(struct a64_dc *s, enum ir_cond cond, ir_i64 a, ir_i64 b,
                            uint64_t dest)
{
    ir_label taken = ir_new_label(s->ir);
    ir_brcond_i64(s->ir, cond, a, b, taken);
    a64_gen_goto_slot(s, 1, s->pc + 4);
    ir_set_label(s->ir, taken);
    a64_gen_goto_slot(s, 0, dest);
}

/* B, BL */
static bool tr_b(struct a64_dc *s, uint32_t insn)
{
    if (insn >> 31)
        a64_set_reg(s, 30, a64_const(s, s->pc + 4), true);
    a64_gen_goto(s, s->pc + (uint64_t)branch_offset(insn, 0, 26));
    return true;
}

/* B.cond (BC.cond needs FEAT_HBC, not implemented) */
static bool tr_bcond(struct a64_dc *s, uint32_t insn)
{
    if (field(insn, 24, 1) || field(insn, 4, 1))
        return false;
    uint64_t dest = s->pc + (uint64_t)branch_offset(insn, 5, 19);
    unsigned cc = field(insn, 0, 4);
    if (cc >= 14) {
        a64_gen_goto(s, dest);
        return true;
    }
    struct a64_cmp c;
    a64_cond_cmp(s, cc, &c);
    gen_cond_branch(s, c.cond, c.a, c.b, dest);
    return true;
}

/* CBZ, CBNZ */
static bool tr_cbz(struct a64_dc *s, uint32_t insn)
{
    bool sf = insn >> 31, nz = field(insn, 24, 1);
    ir_i64 v = a64_xreg(s, field(insn, 0, 5));
    if (!sf) {
        ir_i64 t = a64_tmp(s);
        ir_ext32u_i64(s->ir, t, v);
        v = t;
    }
    gen_cond_branch(s, nz ? IR_NE : IR_EQ, v, a64_const(s, 0),
                    s->pc + (uint64_t)branch_offset(insn, 5, 19));
    return true;
}

/* TBZ, TBNZ: bit b5:b40 of Rt */
static bool tr_tbz(struct a64_dc *s, uint32_t insn)
{
    unsigned bit = field(insn, 31, 1) << 5 | field(insn, 19, 5);
    bool nz = field(insn, 24, 1);
    gen_cond_branch(s, nz ? IR_TSTNE : IR_TSTEQ, a64_xreg(s, field(insn, 0, 5)),
                    a64_const(s, 1ull << bit), s->pc + (uint64_t)branch_offset(insn, 5, 14));
    return true;
}

/* BR, BLR, RET. The target's top byte is replaced by copies of bit 55, as a branch to
 * a tagged address does under top-byte-ignore. The PAC forms are not implemented. */
static bool tr_branch_reg(struct a64_dc *s, uint32_t insn)
{
    unsigned opc = field(insn, 21, 4);
    if (field(insn, 16, 5) != 31 || field(insn, 10, 6) || field(insn, 0, 5) || opc > 2)
        return false;
    ir_sextract_i64(s->ir, a64_pc_g, a64_xreg(s, field(insn, 5, 5)), 0, 56);
    if (opc == 1)
        a64_set_reg(s, 30, a64_const(s, s->pc + 4), true);
    s->state = A64_JUMP;
    return true;
}

/* SVC, BRK; HVC, SMC, HLT and DCPS are undefined at EL0. */
static bool tr_exception(struct a64_dc *s, uint32_t insn)
{
    unsigned opc = field(insn, 21, 3), ll = field(insn, 0, 2);
    if (field(insn, 2, 3))
        return false;
    if (opc == 0 && ll == 1)
        a64_gen_exception(s, EXCP_SYSCALL, 0, true);
    else if (opc == 1 && ll == 0)
        a64_gen_exception(s, EXCP_BKPT, (int)field(insn, 5, 16), false);
    else
        return false;
    return true;
}

bool a64_tr_branch_sys(struct a64_dc *s, uint32_t insn)
{
    unsigned op0 = insn >> 29;
    switch (op0) {
    case 0: case 4:
        return tr_b(s, insn);
    case 1: case 5:
        return field(insn, 25, 1) ? tr_tbz(s, insn) : tr_cbz(s, insn);
    case 2:
        return field(insn, 25, 1) ? false : tr_bcond(s, insn);
    case 6:
        if (field(insn, 25, 1))
            return tr_branch_reg(s, insn);
        if (field(insn, 24, 1) == 0)
            return tr_exception(s, insn);
        if (field(insn, 22, 4) == 4)
            return a64_tr_system(s, insn);
        return false;
    default:
        return false;
    }
}
