/* MIPS integer instructions: SPECIAL (shifts, ALU, HI/LO, multiply/divide, traps,
 * syscall/break/sync), REGIMM traps, the immediate ALU group, SPECIAL2 (mul, madd, clz)
 * and SPECIAL3 (ext/ins, seb/seh/wsbh, rdhwr). 32-bit operations compute on the low
 * words and write sign-extended results, which on MIPS32 is just the i32 result. */
#include <signal.h>

#include "target/mips/helper.h"
#include "target/mips/translate.h"

/* Break and trap codes Linux turns into SIGFPE (asm/break.h). */
enum { BRK_OVERFLOW = 6, BRK_DIVZERO = 7 };

/* rd = f(rt's low word) for the 32-bit shift group, sign-extended. */
static void shift32_imm(struct mips_dc *s, unsigned rd, unsigned rt, unsigned sa,
                        void (*op)(struct ir *, ir_i32, ir_i32, unsigned))
{
    ir_i32 a = tl_lo32(s, gpr_ro(s, rt)), r = ir_new_i32(s->ir);
    op(s->ir, r, a, sa);
    if (rd)
        tl_set_s32(s, mips_gpr[rd], r);
    ir_free_i32(s->ir, r);
    tl_lo32_done(s, gpr_ro(s, rt), a);
}

static void shift32_var(struct mips_dc *s, unsigned rd, unsigned rt, unsigned rs,
                        void (*op)(struct ir *, ir_i32, ir_i32, ir_i32))
{
    struct ir *ir = s->ir;
    ir_i32 a = tl_lo32(s, gpr_ro(s, rt)), n = tl_lo32(s, gpr_ro(s, rs));
    ir_i32 cnt = ir_new_i32(ir), r = ir_new_i32(ir);
    ir_andi_i32(ir, cnt, n, 31);
    op(ir, r, a, cnt);
    if (rd)
        tl_set_s32(s, mips_gpr[rd], r);
    ir_free_i32(ir, r);
    ir_free_i32(ir, cnt);
    tl_lo32_done(s, gpr_ro(s, rs), n);
    tl_lo32_done(s, gpr_ro(s, rt), a);
}

static void rotri32(struct ir *ir, ir_i32 d, ir_i32 a, unsigned n)
{
    if (n)
        ir_rotri_i32(ir, d, a, n);
    else
        ir_mov_i32(ir, d, a);
}

static bool shift_special(struct mips_dc *s, uint32_t insn)
{
    unsigned rs = f_rs(insn), rt = f_rt(insn), rd = f_rd(insn), sa = f_sa(insn);
    switch (f_funct(insn)) {
    case 0x00:
        if (rs)
            return false;
        shift32_imm(s, rd, rt, sa, ir_shli_i32);
        return true;
    case 0x02:
        if (rs > 1)
            return false;
        shift32_imm(s, rd, rt, sa, rs ? rotri32 : ir_shri_i32);
        return true;
    case 0x03:
        if (rs)
            return false;
        shift32_imm(s, rd, rt, sa, ir_sari_i32);
        return true;
    case 0x04:
        if (sa)
            return false;
        shift32_var(s, rd, rt, rs, ir_shl_i32);
        return true;
    case 0x06:
        if (sa > 1)
            return false;
        shift32_var(s, rd, rt, rs, sa ? ir_rotr_i32 : ir_shr_i32);
        return true;
    case 0x07:
        if (sa)
            return false;
        shift32_var(s, rd, rt, rs, ir_sar_i32);
        return true;
    default:
        return false;
    }
}

/* 64-bit shifts: dsll/dsrl/drotr/dsra(32) by immediates, dsllv/dsrlv/drotrv/dsrav. */
static bool shift64_valid(uint32_t insn)
{
    unsigned fn = f_funct(insn), sel = fn >= 0x38 ? f_rs(insn) : f_sa(insn);
    bool rotatable = (fn & 3) == 2;
    if (fn >= 0x38 && (fn & 3) == 1)
        return false;
    return sel == 0 || (rotatable && sel == 1);
}

static bool shift64(struct mips_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    unsigned rs = f_rs(insn), rt = f_rt(insn), rd = f_rd(insn), sa = f_sa(insn);
    unsigned fn = f_funct(insn);
    if (!s->w64 || !shift64_valid(insn))
        return false;
    bool rot = (fn & 3) == 2 && (fn >= 0x38 ? rs : sa) == 1;
    ir_i64 a = tl64(gpr_ro(s, rt)), r = ir_new_i64(ir), n = ir_new_i64(ir);
    if (fn >= 0x38)
        ir_movi_i64(ir, n, sa + (fn >= 0x3c ? 32 : 0));
    else
        ir_andi_i64(ir, n, tl64(gpr_ro(s, rs)), 63);
    switch (fn & 3) {
    case 0: ir_shl_i64(ir, r, a, n); break;
    case 3: ir_sar_i64(ir, r, a, n); break;
    default:
        if (rot)
            ir_rotr_i64(ir, r, a, n);
        else
            ir_shr_i64(ir, r, a, n);
        break;
    }
    gpr_set(s, rd, (tl){ r.t });
    ir_free_i64(ir, n);
    ir_free_i64(ir, r);
    return true;
}

/* add/sub (32 or 64 bit) with the overflow trap: SIGFPE FPE_INTOVF, rd unchanged. */
static void add_trap(struct mips_dc *s, unsigned rd, tl a, tl b, bool sub, bool wide)
{
    tl r = tl_new_tb(s), ovf = tl_new_tb(s), t = tl_new(s);
    if (sub)
        tl_sub(s, r, a, b);
    else
        tl_add(s, r, a, b);
    if (!wide)
        tl_sext32(s, r, r);
    /* overflow iff the operands' signs agree (differ, for sub) and the result's does not */
    tl_xor(s, ovf, a, r);
    tl_xor(s, t, sub ? a : b, sub ? b : r);
    tl_and(s, ovf, ovf, t);
    tl_free(s, t);
    /* (a 64-bit guest's 32-bit operands and result are sign-extended: bit 63 is bit 31) */
    gen_excp_if(s, IR_LT, ovf, tl_const(s, 0), EXCP_FPE, FPE_INTOVF);
    gpr_set(s, rd, r);
    tl_free(s, ovf);
    tl_free(s, r);
}

/* The plain three-register ALU group. */
static bool alu3(struct mips_dc *s, uint32_t insn)
{
    unsigned rs = f_rs(insn), rt = f_rt(insn), rd = f_rd(insn), fn = f_funct(insn);
    tl a = gpr_ro(s, rs), b = gpr_ro(s, rt);
    if (f_sa(insn))
        return false;
    bool wide = fn >= 0x2c;
    if (wide && !s->w64)
        return false;
    if (fn == 0x20 || fn == 0x22 || fn == 0x2c || fn == 0x2e) {
        add_trap(s, rd, a, b, fn & 2, wide);
        return true;
    }
    tl r = tl_new(s);
    switch (fn) {
    case 0x21: case 0x2d: tl_add(s, r, a, b); break;
    case 0x23: case 0x2f: tl_sub(s, r, a, b); break;
    case 0x24: tl_and(s, r, a, b); break;
    case 0x25: tl_or(s, r, a, b); break;
    case 0x26: tl_xor(s, r, a, b); break;
    case 0x27: tl_or(s, r, a, b); tl_not(s, r, r); break;
    case 0x2a: tl_setcond(s, IR_LT, r, a, b); break;
    case 0x2b: tl_setcond(s, IR_LTU, r, a, b); break;
    default: tl_free(s, r); return false;
    }
    if (fn == 0x21 || fn == 0x23)
        tl_sext32(s, r, r);
    gpr_set(s, rd, r);
    tl_free(s, r);
    return true;
}

/* movz/movn: rd = rs if rt ==/!= 0. */
static void cond_move(struct mips_dc *s, uint32_t insn, enum ir_cond c)
{
    unsigned rd = f_rd(insn);
    if (!rd)
        return;
    tl_movcond(s, c, mips_gpr[rd], gpr_ro(s, f_rt(insn)), tl_const(s, 0),
               gpr_ro(s, f_rs(insn)), mips_gpr[rd]);
}

/* movf/movt: rd = rs if FP condition code cc is false/true. */
static void movci(struct mips_dc *s, uint32_t insn)
{
    unsigned rd = f_rd(insn), cc = (insn >> 18) & 7;
    if (!rd)
        return;
    tl bit = mips_fcc_bit(s, cc);
    tl_movcond(s, insn & (1 << 16) ? IR_NE : IR_EQ, mips_gpr[rd], bit, tl_const(s, 0),
               gpr_ro(s, f_rs(insn)), mips_gpr[rd]);
    tl_free(s, bit);
}

/* mult/multu: HI:LO = the 64-bit product of the low words, each half sign-extended. */
static void mult32(struct mips_dc *s, unsigned rs, unsigned rt, bool uns)
{
    struct ir *ir = s->ir;
    ir_i32 a = tl_lo32(s, gpr_ro(s, rs)), b = tl_lo32(s, gpr_ro(s, rt));
    ir_i32 lo = ir_new_i32(ir), hi = ir_new_i32(ir);
    if (uns)
        ir_mulu2_i32(ir, lo, hi, a, b);
    else
        ir_muls2_i32(ir, lo, hi, a, b);
    tl_set_s32(s, mips_lo, lo);
    tl_set_s32(s, mips_hi, hi);
    ir_free_i32(ir, lo);
    ir_free_i32(ir, hi);
    tl_lo32_done(s, gpr_ro(s, rt), b);
    tl_lo32_done(s, gpr_ro(s, rs), a);
}

/* div/divu: LO = quotient, HI = remainder. A zero divisor (and INT_MIN / -1) divides
 * by 1 instead: the results are UNPREDICTABLE architecturally, these are qemu's. */
static void div32(struct mips_dc *s, unsigned rs, unsigned rt, bool uns)
{
    struct ir *ir = s->ir;
    ir_i32 a = tl_lo32(s, gpr_ro(s, rs)), b = tl_lo32(s, gpr_ro(s, rt));
    ir_i32 d = ir_new_i32(ir), bad = ir_new_i32(ir), t = ir_new_i32(ir);
    ir_i32 one = ir_const_i32(ir, 1), zero = ir_const_i32(ir, 0);
    ir_setcond_i32(ir, IR_EQ, bad, b, zero);
    if (!uns) {
        ir_setcond_i32(ir, IR_EQ, t, a, ir_const_i32(ir, 0x80000000u));
        ir_i32 m1 = ir_new_i32(ir);
        ir_setcond_i32(ir, IR_EQ, m1, b, ir_const_i32(ir, 0xffffffffu));
        ir_and_i32(ir, t, t, m1);
        ir_or_i32(ir, bad, bad, t);
        ir_free_i32(ir, m1);
    }
    ir_movcond_i32(ir, IR_NE, d, bad, zero, one, b);
    if (uns) {
        ir_divu_i32(ir, t, a, d);
        ir_remu_i32(ir, bad, a, d);
    } else {
        ir_divs_i32(ir, t, a, d);
        ir_rems_i32(ir, bad, a, d);
    }
    tl_set_s32(s, mips_lo, t);
    tl_set_s32(s, mips_hi, bad);
    ir_free_i32(ir, d);
    ir_free_i32(ir, bad);
    ir_free_i32(ir, t);
    tl_lo32_done(s, gpr_ro(s, rt), b);
    tl_lo32_done(s, gpr_ro(s, rs), a);
}

static void mult64(struct mips_dc *s, unsigned rs, unsigned rt, bool uns)
{
    ir_i64 a = tl64(gpr_ro(s, rs)), b = tl64(gpr_ro(s, rt));
    if (uns)
        ir_mulu2_i64(s->ir, tl64(mips_lo), tl64(mips_hi), a, b);
    else
        ir_muls2_i64(s->ir, tl64(mips_lo), tl64(mips_hi), a, b);
}

static void div64(struct mips_dc *s, unsigned rs, unsigned rt, bool uns)
{
    struct ir *ir = s->ir;
    ir_i64 a = tl64(gpr_ro(s, rs)), b = tl64(gpr_ro(s, rt));
    ir_i64 d = ir_new_i64(ir), bad = ir_new_i64(ir), t = ir_new_i64(ir);
    ir_i64 one = ir_const_i64(ir, 1), zero = ir_const_i64(ir, 0);
    ir_setcond_i64(ir, IR_EQ, bad, b, zero);
    if (!uns) {
        ir_i64 m1 = ir_new_i64(ir);
        ir_setcond_i64(ir, IR_EQ, t, a, ir_const_i64(ir, 1ull << 63));
        ir_setcond_i64(ir, IR_EQ, m1, b, ir_const_i64(ir, ~0ull));
        ir_and_i64(ir, t, t, m1);
        ir_or_i64(ir, bad, bad, t);
        ir_free_i64(ir, m1);
    }
    ir_movcond_i64(ir, IR_NE, d, bad, zero, one, b);
    if (uns) {
        ir_divu_i64(ir, t, a, d);
        ir_remu_i64(ir, bad, a, d);
    } else {
        ir_divs_i64(ir, t, a, d);
        ir_rems_i64(ir, bad, a, d);
    }
    ir_mov_i64(ir, tl64(mips_lo), t);
    ir_mov_i64(ir, tl64(mips_hi), bad);
    ir_free_i64(ir, d);
    ir_free_i64(ir, bad);
    ir_free_i64(ir, t);
}

static bool muldiv(struct mips_dc *s, uint32_t insn)
{
    unsigned rs = f_rs(insn), rt = f_rt(insn), fn = f_funct(insn);
    if (f_rd(insn) || f_sa(insn))
        return false;
    if (fn >= 0x1c && !s->w64)
        return false;
    switch (fn) {
    case 0x18: case 0x19: mult32(s, rs, rt, fn & 1); break;
    case 0x1a: case 0x1b: div32(s, rs, rt, fn & 1); break;
    case 0x1c: case 0x1d: mult64(s, rs, rt, fn & 1); break;
    default: div64(s, rs, rt, fn & 1); break;
    }
    return true;
}

/* The exception a trap or break with this code raises (Linux's do_trap_or_bp). */
static void trap_excp(uint32_t code, int *excp, int *si_code)
{
    *excp = EXCP_TARGET;
    *si_code = MIPS_EXCP_TRAP;
    if (code == BRK_OVERFLOW || code == BRK_DIVZERO) {
        *excp = EXCP_FPE;
        *si_code = code == BRK_OVERFLOW ? FPE_INTOVF : FPE_INTDIV;
    }
}

static void trap(struct mips_dc *s, enum ir_cond c, tl a, tl b, uint32_t code)
{
    int excp, si_code;
    trap_excp(code, &excp, &si_code);
    if (c == IR_ALWAYS)
        gen_excp(s, excp, si_code);
    else
        gen_excp_if(s, c, a, b, excp, si_code);
}

static const enum ir_cond trap_conds[8] = {
    IR_GE, IR_GEU, IR_LT, IR_LTU, IR_EQ, IR_NEVER, IR_NE, IR_NEVER,
};

/* break: Linux reads the 20-bit code; assemblers that put a 10-bit code in the upper
 * half are undone the way do_bp does. */
static void gen_break(struct mips_dc *s, uint32_t insn)
{
    uint32_t code = (insn >> 6) & 0xfffff;
    if (code >= (1u << 10))
        code = ((code & 0x3ff) << 10) | (code >> 10);
    if (code == BRK_OVERFLOW || code == BRK_DIVZERO)
        gen_excp(s, EXCP_FPE, code == BRK_OVERFLOW ? FPE_INTOVF : FPE_INTDIV);
    else
        gen_excp(s, EXCP_BKPT, 0);
}

static bool misc_special(struct mips_dc *s, uint32_t insn)
{
    unsigned rs = f_rs(insn), rd = f_rd(insn), fn = f_funct(insn);
    switch (fn) {
    case 0x01:
        if ((insn & (1 << 17)) || f_sa(insn))
            return false;
        movci(s, insn);
        return true;
    case 0x0a: cond_move(s, insn, IR_EQ); return !f_sa(insn);
    case 0x0b: cond_move(s, insn, IR_NE); return !f_sa(insn);
    case 0x0c:
        if (s->in_ds)
            return false;
        tr_gen_exception(s->ctx, s->pc + 4, EXCP_SYSCALL, 0, s->pc);
        s->state = DISAS_NORETURN;
        return true;
    case 0x0d: gen_break(s, insn); return true;
    case 0x0f: ir_mb(s->ir); return true;
    case 0x10: gpr_set(s, rd, mips_hi); return true;
    case 0x11: tl_mov(s, mips_hi, gpr_ro(s, rs)); return true;
    case 0x12: gpr_set(s, rd, mips_lo); return true;
    case 0x13: tl_mov(s, mips_lo, gpr_ro(s, rs)); return true;
    default: return false;
    }
}

bool mips_tr_special(struct mips_dc *s, uint32_t insn)
{
    unsigned fn = f_funct(insn);
    if (fn <= 0x07 && fn != 0x01)
        return shift_special(s, insn);
    if (fn >= 0x18 && fn <= 0x1f)
        return muldiv(s, insn);
    if (fn >= 0x20 && fn <= 0x2f)
        return alu3(s, insn);
    if (fn == 0x14 || fn == 0x16 || fn == 0x17 || fn >= 0x38)
        return shift64(s, insn);
    if (fn >= 0x30 && fn <= 0x37) {
        enum ir_cond c = trap_conds[fn & 7];
        if (c == IR_NEVER)
            return false;
        trap(s, c, gpr_ro(s, f_rs(insn)), gpr_ro(s, f_rt(insn)), (insn >> 6) & 0x3ff);
        return true;
    }
    return misc_special(s, insn);
}

/* REGIMM: the immediate traps (branches are translate.c's), synci. */
bool mips_tr_regimm_trap(struct mips_dc *s, uint32_t insn)
{
    unsigned rt = f_rt(insn);
    if (rt == 0x1f)                        /* synci: the JIT sees stores itself */
        return true;
    if (rt < 8 || rt > 14 || rt == 13)
        return false;
    trap(s, trap_conds[rt & 7], gpr_ro(s, f_rs(insn)), tl_const(s, (int64_t)f_simm(insn)), 0);
    return true;
}

/* addi, addiu, slti, sltiu, andi, ori, xori, lui, daddi, daddiu */
bool mips_tr_imm(struct mips_dc *s, uint32_t insn)
{
    unsigned op = insn >> 26, rs = f_rs(insn), rt = f_rt(insn);
    tl a = gpr_ro(s, rs);
    int64_t simm = f_simm(insn);
    if ((op == 0x18 || op == 0x19) && !s->w64)
        return false;
    if (op == 0x08 || op == 0x18) {
        add_trap(s, rt, a, tl_const(s, (uint64_t)simm), false, op == 0x18);
        return true;
    }
    tl r = tl_new(s);
    switch (op) {
    case 0x09: tl_addi(s, r, a, (uint64_t)simm); tl_sext32(s, r, r); break;
    case 0x19: tl_addi(s, r, a, (uint64_t)simm); break;
    case 0x0a: tl_setcond(s, IR_LT, r, a, tl_const(s, (uint64_t)simm)); break;
    case 0x0b: tl_setcond(s, IR_LTU, r, a, tl_const(s, (uint64_t)simm)); break;
    case 0x0c: tl_andi(s, r, a, f_uimm(insn)); break;
    case 0x0d: tl_or(s, r, a, tl_const(s, f_uimm(insn))); break;
    case 0x0e: tl_xor(s, r, a, tl_const(s, f_uimm(insn))); break;
    case 0x0f:
        if (rs)
            goto bad;
        tl_movi(s, r, (uint64_t)(int64_t)(int32_t)(f_uimm(insn) << 16));
        break;
    default:
        goto bad;
    }
    gpr_set(s, rt, r);
    tl_free(s, r);
    return true;
bad:
    tl_free(s, r);
    return false;
}

/* madd/maddu/msub/msubu: HI:LO +/-= the 64-bit product of the low words. */
static void madd(struct mips_dc *s, unsigned rs, unsigned rt, bool uns, bool sub)
{
    struct ir *ir = s->ir;
    ir_i32 a = tl_lo32(s, gpr_ro(s, rs)), b = tl_lo32(s, gpr_ro(s, rt));
    ir_i32 lo = tl_lo32(s, mips_lo), hi = tl_lo32(s, mips_hi);
    ir_i32 plo = ir_new_i32(ir), phi = ir_new_i32(ir);
    ir_i64 acc = ir_new_i64(ir), prod = ir_new_i64(ir);
    if (uns)
        ir_mulu2_i32(ir, plo, phi, a, b);
    else
        ir_muls2_i32(ir, plo, phi, a, b);
    ir_concat_i32_i64(ir, prod, plo, phi);
    ir_concat_i32_i64(ir, acc, lo, hi);
    if (sub)
        ir_sub_i64(ir, acc, acc, prod);
    else
        ir_add_i64(ir, acc, acc, prod);
    ir_extrl_i64_i32(ir, plo, acc);
    ir_extrh_i64_i32(ir, phi, acc);
    tl_set_s32(s, mips_lo, plo);
    tl_set_s32(s, mips_hi, phi);
    ir_free_i64(ir, acc);
    ir_free_i64(ir, prod);
    ir_free_i32(ir, plo);
    ir_free_i32(ir, phi);
    tl_lo32_done(s, mips_hi, hi);
    tl_lo32_done(s, mips_lo, lo);
    tl_lo32_done(s, gpr_ro(s, rt), b);
    tl_lo32_done(s, gpr_ro(s, rs), a);
}

/* clz/clo (32-bit) and dclz/dclo */
static void count_lead(struct mips_dc *s, unsigned rd, unsigned rs, bool ones, bool wide)
{
    struct ir *ir = s->ir;
    if (wide) {
        ir_i64 v = ir_new_i64(ir);
        ir_mov_i64(ir, v, tl64(gpr_ro(s, rs)));
        if (ones)
            ir_not_i64(ir, v, v);
        ir_clz_i64(ir, v, v, ir_const_i64(ir, 64));
        gpr_set(s, rd, (tl){ v.t });
        ir_free_i64(ir, v);
        return;
    }
    ir_i32 a = tl_lo32(s, gpr_ro(s, rs)), v = ir_new_i32(ir);
    if (ones)
        ir_not_i32(ir, v, a);
    else
        ir_mov_i32(ir, v, a);
    ir_clz_i32(ir, v, v, ir_const_i32(ir, 32));
    if (rd)
        tl_set_s32(s, mips_gpr[rd], v);
    ir_free_i32(ir, v);
    tl_lo32_done(s, gpr_ro(s, rs), a);
}

bool mips_tr_special2(struct mips_dc *s, uint32_t insn)
{
    unsigned rs = f_rs(insn), rt = f_rt(insn), rd = f_rd(insn), fn = f_funct(insn);
    switch (fn) {
    case 0x00: case 0x01: case 0x04: case 0x05:
        if (rd || f_sa(insn))
            return false;
        madd(s, rs, rt, fn & 1, fn & 4);
        return true;
    case 0x02: {
        ir_i32 a = tl_lo32(s, gpr_ro(s, rs)), b = tl_lo32(s, gpr_ro(s, rt));
        ir_i32 r = ir_new_i32(s->ir);
        ir_mul_i32(s->ir, r, a, b);
        if (rd)
            tl_set_s32(s, mips_gpr[rd], r);
        ir_free_i32(s->ir, r);
        tl_lo32_done(s, gpr_ro(s, rt), b);
        tl_lo32_done(s, gpr_ro(s, rs), a);
        return !f_sa(insn);
    }
    case 0x20: case 0x21: case 0x24: case 0x25:
        /* rt must equal rd in these encodings; gcc always emits it so */
        if ((fn & 4) && !s->w64)
            return false;
        count_lead(s, rd, rs, fn & 1, fn & 4);
        return true;
    case 0x3f:                              /* sdbbp: a debug breakpoint */
        gen_excp(s, EXCP_BKPT, 0);
        return true;
    default:
        return false;
    }
}

/* ext/dext*: rt = the size-bit field of rs at pos, zero-extended (ext: sign-extended
 * to 64 bits from its 32-bit result). */
static bool extract(struct mips_dc *s, unsigned rt, unsigned rs, unsigned pos,
                    unsigned size, bool wide)
{
    if (pos + size > (wide ? 64u : 32u))
        return false;
    if (!rt)
        return true;
    if (wide) {
        ir_extract_i64(s->ir, tl64(mips_gpr[rt]), tl64(gpr_ro(s, rs)), pos, size);
        return true;
    }
    ir_i32 a = tl_lo32(s, gpr_ro(s, rs)), r = ir_new_i32(s->ir);
    ir_extract_i32(s->ir, r, a, pos, size);
    tl_set_s32(s, mips_gpr[rt], r);
    ir_free_i32(s->ir, r);
    tl_lo32_done(s, gpr_ro(s, rs), a);
    return true;
}

/* ins/dins*: rt's bits [pos, msb] = the low bits of rs. */
static bool insert(struct mips_dc *s, unsigned rt, unsigned rs, unsigned pos, unsigned msb,
                   bool wide)
{
    if (msb < pos || msb >= (wide ? 64u : 32u))
        return false;
    if (!rt)
        return true;
    unsigned size = msb - pos + 1;
    if (wide) {
        ir_deposit_i64(s->ir, tl64(mips_gpr[rt]), tl64(mips_gpr[rt]), tl64(gpr_ro(s, rs)),
                       pos, size);
        return true;
    }
    ir_i32 a = tl_lo32(s, mips_gpr[rt]), b = tl_lo32(s, gpr_ro(s, rs));
    ir_i32 r = ir_new_i32(s->ir);
    ir_deposit_i32(s->ir, r, a, b, pos, size);
    tl_set_s32(s, mips_gpr[rt], r);
    ir_free_i32(s->ir, r);
    tl_lo32_done(s, gpr_ro(s, rs), b);
    tl_lo32_done(s, mips_gpr[rt], a);
    return true;
}

/* wsbh/seb/seh (bshfl) and dsbh/dshd (dbshfl) */
static bool byte_shuffle(struct mips_dc *s, uint32_t insn, bool wide)
{
    struct ir *ir = s->ir;
    unsigned rt = f_rt(insn), rd = f_rd(insn), op = f_sa(insn);
    if (f_rs(insn) || (wide && !s->w64))
        return false;
    if (wide) {
        if (op != 2 && op != 5)
            return false;
        /* dsbh swaps the bytes of each halfword; dshd reverses the halfwords, which is
         * a byte reversal followed by dsbh */
        ir_i64 r = ir_new_i64(ir), t = ir_new_i64(ir);
        ir_mov_i64(ir, r, tl64(gpr_ro(s, rt)));
        if (op == 5)
            ir_bswap64_i64(ir, r, r);
        ir_shri_i64(ir, t, r, 8);
        ir_andi_i64(ir, t, t, 0x00ff00ff00ff00ffull);
        ir_shli_i64(ir, r, r, 8);
        ir_andi_i64(ir, r, r, 0xff00ff00ff00ff00ull);
        ir_or_i64(ir, r, r, t);
        gpr_set(s, rd, (tl){ r.t });
        ir_free_i64(ir, r);
        ir_free_i64(ir, t);
        return true;
    }
    ir_i32 a = tl_lo32(s, gpr_ro(s, rt)), r = ir_new_i32(ir), t = ir_new_i32(ir);
    switch (op) {
    case 0x02:
        ir_shri_i32(ir, t, a, 8);
        ir_andi_i32(ir, t, t, 0x00ff00ffu);
        ir_shli_i32(ir, r, a, 8);
        ir_andi_i32(ir, r, r, 0xff00ff00u);
        ir_or_i32(ir, r, r, t);
        break;
    case 0x10: ir_ext8s_i32(ir, r, a); break;
    case 0x18: ir_ext16s_i32(ir, r, a); break;
    default:
        ir_free_i32(ir, r);
        ir_free_i32(ir, t);
        return false;
    }
    if (rd)
        tl_set_s32(s, mips_gpr[rd], r);
    ir_free_i32(ir, r);
    ir_free_i32(ir, t);
    tl_lo32_done(s, gpr_ro(s, rt), a);
    return true;
}

/* rdhwr: the hardware registers Linux enables for user mode (HWREna). */
static bool rdhwr(struct mips_dc *s, uint32_t insn)
{
    unsigned rt = f_rt(insn), hw = f_rd(insn);
    tl v = tl_new(s);
    switch (hw) {
    case 0: tl_movi(s, v, 0); break;                        /* CPUNum */
    case 1: tl_movi(s, v, MIPS_SYNCI_STEP); break;          /* SYNCI_Step */
    case 2:                                                 /* CC */
        ir_call1(s->ir, (void *)helper_mips_cycle_counter, CALL_NO_READ_GLOBALS |
                 CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE, v.t, s->ir->env.t);
        break;
    case 3: tl_movi(s, v, MIPS_CC_RES); break;              /* CCRes */
    case 29:                                                /* UserLocal */
        if (s->w64)
            ir_ld_i64(s->ir, tl64(v), s->ir->env, MIPS_ENV_OFF(ulr));
        else
            ir_ld_i32(s->ir, tl32(v), s->ir->env, MIPS_ENV_OFF(ulr));
        break;
    default:
        tl_free(s, v);
        return false;
    }
    gpr_set(s, rt, v);
    tl_free(s, v);
    return !f_rs(insn);
}

bool mips_tr_special3(struct mips_dc *s, uint32_t insn)
{
    unsigned rs = f_rs(insn), rt = f_rt(insn), rd = f_rd(insn), sa = f_sa(insn);
    unsigned fn = f_funct(insn);
    if (fn >= 1 && fn <= 7 && fn != 4 && !s->w64)
        return false;
    switch (fn) {
    case 0x00: return extract(s, rt, rs, sa, rd + 1, false);
    case 0x01: return extract(s, rt, rs, sa, rd + 33, true);
    case 0x02: return extract(s, rt, rs, sa + 32, rd + 1, true);
    case 0x03: return extract(s, rt, rs, sa, rd + 1, true);
    case 0x04: return insert(s, rt, rs, sa, rd, false);
    case 0x05: return insert(s, rt, rs, sa, rd + 32, true);
    case 0x06: return insert(s, rt, rs, sa + 32, rd + 32, true);
    case 0x07: return insert(s, rt, rs, sa, rd, true);
    case 0x20: return byte_shuffle(s, insn, false);
    case 0x24: return byte_shuffle(s, insn, true);
    case 0x3b: return rdhwr(s, insn);
    default: return false;
    }
}
