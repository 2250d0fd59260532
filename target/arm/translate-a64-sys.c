/* A64 system instructions as EL0 under Linux sees them: hints, barriers, CLREX, the
 * cache maintenance Linux lets user space run (DC ZVA, DC CVAU/CVAC/CIVAC/CVAP, IC
 * IVAU; DC CVADP needs FEAT_DPB2, which an ARMv8.2 core lacks), and MRS/MSR of the registers EL0 may reach: NZCV, FPCR, FPSR, TPIDR_EL0,
 * TPIDRRO_EL0 (read), CTR_EL0, DCZID_EL0, CNTVCT_EL0, CNTFRQ_EL0, and the ID register
 * space (op0 3, op1 0, CRn 0), which Linux emulates by trapping (a64_idreg_read).
 * Everything else (DAIF, PSTATE writes, SYSL, other registers) is undefined at EL0. */
#include "target/arm/helper-a64.h"
#include "target/arm/translate-a64-dec.h"

static unsigned field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

/* System register keys: insn bits 20:5 = op0:op1:CRn:CRm:op2 */
#define SYSREG(op0, op1, crn, crm, op2) \
    ((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))
enum {
    SR_NZCV = SYSREG(3, 3, 4, 2, 0),
    SR_FPCR = SYSREG(3, 3, 4, 4, 0),
    SR_FPSR = SYSREG(3, 3, 4, 4, 1),
    SR_CTR = SYSREG(3, 3, 0, 0, 1),
    SR_DCZID = SYSREG(3, 3, 0, 0, 7),
    SR_TPIDR = SYSREG(3, 3, 13, 0, 2),
    SR_TPIDRRO = SYSREG(3, 3, 13, 0, 3),
    SR_CNTFRQ = SYSREG(3, 3, 14, 0, 0),
    SR_CNTVCT = SYSREG(3, 3, 14, 0, 2),
};

/* DC ZVA zeroes blocks of 4 << DCZID_EL0.BS bytes: 64, like most cores. */
enum { DCZID_BS = 4, ZVA_BLOCK = 4 << DCZID_BS };

static void gen_dc_zva(struct a64_dc *s, int rt)
{
    ir_i64 a = a64_tmp(s);
    ir_andi_i64(s->ir, a, a64_xreg(s, rt), ~(uint64_t)(ZVA_BLOCK - 1));
    ir_i64 clean = a64_clean_addr(s, a);
    for (unsigned off = 0; off < ZVA_BLOCK; off += 8)
        a64_gen_st(s, a64_const(s, 0), clean, off, MO_64);
}

/* SYS: the cache maintenance operations EL0 may use (SCTLR_EL1.UCI and DZE are set by
 * Linux). Cleans to the point of coherency/persistence are no-ops for the JIT. */
static bool tr_sys(struct a64_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 16, 3), crn = field(insn, 12, 4), crm = field(insn, 8, 4);
    unsigned op2 = field(insn, 5, 3), rt = field(insn, 0, 5);
    if (field(insn, 21, 1) || op1 != 3 || crn != 7 || op2 != 1)
        return false;
    switch (crm) {
    case 4:                                         /* DC ZVA */
        gen_dc_zva(s, rt);
        return true;
    case 5: {                                       /* IC IVAU */
        ir_call1(s->ir, helper_a64_ic_ivau,
                 CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE, IR_NO_RET,
                 a64_xreg(s, rt).t);
        return true;
    }
    case 10: case 11: case 12: case 14:             /* DC CVAC, CVAU, CVAP, CIVAC */
        return true;
    default:
        return false;
    }
}

/* Hints (all NOPs here, including the PAC and BTI ones of the hint space, which
 * execute as NOPs on a CPU without those features), barriers and CLREX. */
static bool tr_hint_barrier(struct a64_dc *s, uint32_t insn)
{
    unsigned op1 = field(insn, 16, 3), crn = field(insn, 12, 4), op2 = field(insn, 5, 3);
    if (op1 != 3 || field(insn, 0, 5) != 31)
        return false;
    if (crn == 2)
        return true;
    if (crn != 3)
        return false;
    switch (op2) {
    case 1:                                         /* DSB nXS */
        if ((field(insn, 8, 4) & 3) != 2)
            return false;
        ir_mb(s->ir);
        return true;
    case 2:                                         /* CLREX */
        ir_movi_i64(s->ir, a64_excl_addr, ~0ull);
        return true;
    case 4: case 5: case 7:                         /* DSB, DMB, SB */
        ir_mb(s->ir);
        return true;
    case 6:                                         /* ISB: fetch anew after it */
        ir_mb(s->ir);
        s->state = A64_UPDATE;
        return true;
    default:
        return false;
    }
}

static void gen_mrs_call(struct a64_dc *s, int rt, void *fn, bool with_env)
{
    ir_i64 v = a64_tmp(s);
    unsigned flags = CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE;
    if (with_env)
        ir_call1(s->ir, fn, flags, v.t, s->ir->env.t);
    else
        ir_call0(s->ir, fn, flags, v.t);
    a64_set_reg(s, rt, v, true);
}

static bool tr_mrs(struct a64_dc *s, unsigned key, int rt)
{
    struct ir *ir = s->ir;
    uint64_t v;
    switch (key) {
    case SR_NZCV:
        a64_set_reg(s, rt, a64_gen_get_nzcv(s), true);
        return true;
    case SR_FPCR:
        gen_mrs_call(s, rt, helper_a64_get_fpcr, true);
        return true;
    case SR_FPSR:
        gen_mrs_call(s, rt, helper_a64_get_fpsr, true);
        return true;
    case SR_CNTVCT:
        gen_mrs_call(s, rt, helper_a64_cntvct, false);
        return true;
    case SR_TPIDR: case SR_TPIDRRO: {
        ir_i64 t = a64_tmp(s);
        ir_ld_i64(ir, t, ir->env, key == SR_TPIDR ? A64_ENV_OFF(tpidr_el0)
                                                   : A64_ENV_OFF(tpidrro_el0));
        a64_set_reg(s, rt, t, true);
        return true;
    }
    case SR_CTR: v = A64_CTR_EL0; break;
    case SR_DCZID: v = DCZID_BS; break;
    case SR_CNTFRQ: v = A64_CNTFRQ; break;
    default:
        if ((key >> 7) != SYSREG(3, 0, 0, 0, 0) >> 7)
            return false;
        v = a64_idreg_read(key & 0x7f);
        break;
    }
    a64_set_reg(s, rt, a64_const(s, v), true);
    return true;
}

static bool tr_msr(struct a64_dc *s, unsigned key, int rt)
{
    struct ir *ir = s->ir;
    unsigned flags = CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE;
    ir_i64 v = a64_xreg(s, rt);
    switch (key) {
    case SR_NZCV:
        a64_gen_set_nzcv(s, v);
        return true;
    case SR_FPCR:                   /* may change how FP code is translated */
        ir_call2(ir, helper_a64_set_fpcr, flags, IR_NO_RET, ir->env.t, v.t);
        s->state = A64_UPDATE;
        return true;
    case SR_FPSR:
        ir_call2(ir, helper_a64_set_fpsr, flags, IR_NO_RET, ir->env.t, v.t);
        return true;
    case SR_TPIDR:
        ir_st_i64(ir, v, ir->env, A64_ENV_OFF(tpidr_el0));
        return true;
    default:
        return false;
    }
}

bool a64_tr_system(struct a64_dc *s, uint32_t insn)
{
    unsigned op0 = field(insn, 19, 2), rt = field(insn, 0, 5);
    if (op0 >= 2) {
        unsigned key = field(insn, 5, 16);
        return field(insn, 21, 1) ? tr_mrs(s, key, rt) : tr_msr(s, key, rt);
    }
    if (op0 == 1)
        return tr_sys(s, insn);
    if (field(insn, 21, 1))
        return false;
    return tr_hint_barrier(s, insn);
}
