/* Branches, exceptions, barriers, status-register and coprocessor-15 access for the
 * 32-bit ARM decoders: the instructions that change control flow or touch state
 * outside the register file. */
#include "target/arm/helper.h"
#include "target/arm/translate-ops.h"

/* The return address a link writes: the next instruction, with bit 0 set in T32 so
 * a later BX returns to Thumb state. */
static uint32_t link_value(const struct arm_dc *s)
{
    return (uint32_t)s->ctx->pc_next | (s->thumb ? 1 : 0);
}

void arm_gen_branch(struct arm_dc *s, uint32_t dest, bool link, bool exchange)
{
    if (link)
        ir_movi_i32(s->ir, arm_r[14], link_value(s));
    arm_gen_goto(s, dest, exchange ? !s->thumb : s->thumb);
}

void arm_gen_bx(struct arm_dc *s, int rm, bool link)
{
    ir_i32 target = arm_load_reg(s, rm);          /* a copy: BLX lr reads lr first */
    if (link)
        ir_movi_i32(s->ir, arm_r[14], link_value(s));
    arm_store_reg(s, 15, target, true);
}

void arm_gen_table_branch(struct arm_dc *s, int rn, int rm, bool half)
{
    struct ir *ir = s->ir;
    ir_i32 addr = arm_tmp(s), v = arm_tmp(s);
    if (half) {
        ir_shli_i32(ir, addr, arm_r[rm], 1);
        ir_add_i32(ir, addr, addr, arm_reg_ro(s, rn));
    } else {
        ir_add_i32(ir, addr, arm_reg_ro(s, rn), arm_r[rm]);
    }
    ir_qemu_ld_i32(ir, v, addr.t, half ? MO_UW : MO_UB);
    arm_free(s, addr);
    ir_shli_i32(ir, v, v, 1);
    ir_addi_i32(ir, v, v, arm_pc_read(s));
    arm_store_reg(s, 15, v, false);
}

void arm_gen_svc(struct arm_dc *s, uint32_t imm)
{
    arm_gen_exception(s, EXCP_SYSCALL, imm, true);
}

void arm_gen_bkpt(struct arm_dc *s, uint32_t imm)
{
    arm_gen_exception(s, EXCP_BKPT, imm, false);
}

/* ISB ends the TB so code rewritten before it (and flushed) is translated afresh. */
void arm_gen_barrier(struct arm_dc *s, bool isb)
{
    ir_mb(s->ir);
    if (isb)
        arm_gen_goto(s, (uint32_t)s->ctx->pc_next, s->thumb);
}

void arm_gen_setend(struct arm_dc *s, bool big)
{
    if (big)
        arm_gen_udef(s);
}

void arm_gen_mrs(struct arm_dc *s, int rd)
{
    ir_i32 d = arm_tmp(s);
    ir_call1(s->ir, (void *)helper_arm_mrs,
             CALL_NO_WRITE_GLOBALS | CALL_NO_SIDE_EFFECTS | CALL_NO_RAISE, d.t, s->ir->env.t);
    arm_store_reg(s, rd, d, false);
}

void arm_gen_msr(struct arm_dc *s, ir_i32 v, unsigned mask)
{
    if (mask & 0xc) {
        ir_call3(s->ir, (void *)helper_arm_msr, CALL_NO_RAISE, IR_NO_RET, s->ir->env.t, v.t,
                 arm_const(s, mask).t);
        s->c_known = s->v_known = ARM_CC_UNKNOWN;   /* the helper decides cc_op */
        s->cc_changed = true;
    }
    arm_release(s, v);
}

/* User mode reaches the two thread-ID registers of c13 and the ARMv6-style barrier
 * operations of c7 (still enabled by Linux through SCTLR.CP15BEN). */
bool arm_gen_cp15(struct arm_dc *s, bool read, int rt, unsigned opc1, unsigned crn,
                  unsigned crm, unsigned opc2)
{
    struct ir *ir = s->ir;
    if (opc1 != 0)
        return false;
    if (crn == 13 && crm == 0 && (opc2 == 2 || opc2 == 3)) {
        int off = opc2 == 2 ? ARM_ENV_OFF(tpidrurw) : ARM_ENV_OFF(tpidruro);
        if (read) {
            ir_i32 d = arm_tmp(s);
            ir_ld_i32(ir, d, ir->env, off);
            arm_store_reg(s, rt, d, false);
        } else if (opc2 == 2) {
            ir_st_i32(ir, arm_reg_ro(s, rt), ir->env, off);
        } else {
            return false;                         /* TPIDRURO is read-only here */
        }
        return true;
    }
    if (crn == 7 && !read && ((crm == 10 && (opc2 == 4 || opc2 == 5)) ||
                              (crm == 5 && opc2 == 4))) {
        arm_gen_barrier(s, crm == 5);
        return true;
    }
    return false;
}
