/* Lowering of IR ops to x86-64, one op at a time, on top of the allocator in
 * regalloc.c. Records insn starts and fault points as it goes so faults in the
 * generated code can be mapped back to guest state. */
#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/cpu.h"
#include "tcg/x86_64/cg.h"
#include "tcg/x86_64/hostcpu.h"

#define B (&cg->b)

static uint32_t cur_off(struct cg *cg) { return (uint32_t)(cg->b.p - cg->b.start); }
static int width(struct cg *cg, uintptr_t t) { return cg_is64(cg, t) ? 64 : 32; }
static uint32_t rmask(int r) { return 1u << r; }

static enum x86_cc cc_of(enum ir_cond c)
{
    static const enum x86_cc map[] = {
        [IR_EQ] = CC_E, [IR_NE] = CC_NE, [IR_LT] = CC_L, [IR_GE] = CC_GE,
        [IR_GT] = CC_G, [IR_LE] = CC_LE, [IR_LTU] = CC_B, [IR_GEU] = CC_AE,
        [IR_GTU] = CC_A, [IR_LEU] = CC_BE, [IR_TSTEQ] = CC_E, [IR_TSTNE] = CC_NE,
    };
    return map[c];
}

/* cmp/test a, b for a condition; b may be an immediate. */
static void emit_compare(struct cg *cg, enum ir_cond c, uintptr_t a, uintptr_t b)
{
    int w = width(cg, a);
    int ra = cg_in_reg(cg, a, CG_ALL_REGS);
    int32_t imm;
    bool test = c == IR_TSTEQ || c == IR_TSTNE;
    if (cg_const_imm(cg, b, &imm)) {
        if (test)
            x86_test_ri(B, w, ra, imm);
        else if (imm == 0 && (c == IR_EQ || c == IR_NE))
            x86_test_rr(B, w, ra, ra);
        else
            x86_alu_ri(B, ALU_CMP, w, ra, imm);
    } else {
        int rb = cg_in_reg(cg, b, CG_ALL_REGS);
        if (test)
            x86_test_rr(B, w, ra, rb);
        else
            x86_alu_rr(B, ALU_CMP, w, ra, rb);
    }
}

/* ---- plain data ops ---- */

/* d = s costs no code when s is in a register: d joins the register's ring. */
static void gen_mov(struct cg *cg, const struct ir_op *op)
{
    uintptr_t d = op->args[0], s = op->args[1];
    struct ir_temp *td = cg_temp(cg, d), *ts = cg_temp(cg, s);
    int w = width(cg, d);
    if (d == s) {
        /* a move to itself changes nothing; only liveness's sync/dead apply */
    } else if (ts->val_kind == VK_CONST && td->kind != IRK_GLOBAL) {
        cg_unbind_output(cg, d);
        cg_kill_dead_inputs(cg, op);
        td->val_kind = VK_CONST;
        td->val = ts->val;
        td->mem_coherent = false;
    } else if (ts->val_kind == VK_CONST || ts->kind == IRK_FIXED) {
        cg_unbind_output(cg, d);
        int rd = cg_alloc(cg, CG_ALL_REGS);
        if (ts->kind == IRK_FIXED)
            x86_mov_rr(B, w, rd, ts->reg);
        else
            x86_mov_ri(B, w, rd, (uint64_t)ts->val);
        cg_kill_dead_inputs(cg, op);
        cg_bind(cg, d, rd);
        td->mem_coherent = false;
    } else {
        cg_in_reg(cg, s, CG_ALL_REGS);     /* loads a global that is only in memory */
        if (td->val_kind == VK_REG && td->reg != ts->reg)
            cg->locked &= ~rmask(td->reg);
        cg_alias(cg, d, s);
        cg_kill_dead_inputs(cg, op);
    }
    if (op->sync_args & 1)
        cg_sync(cg, d);
    if (op->dead_args & 1)
        cg_dead(cg, d);
}

static bool commutative(enum ir_opc o)
{
    return o == IR_add_i32 || o == IR_add_i64 || o == IR_mul_i32 || o == IR_mul_i64 ||
           o == IR_and_i32 || o == IR_and_i64 || o == IR_or_i32 || o == IR_or_i64 ||
           o == IR_xor_i32 || o == IR_xor_i64;
}

static enum x86_alu alu_of(enum ir_opc o)
{
    switch (o) {
    case IR_add_i32: case IR_add_i64: return ALU_ADD;
    case IR_sub_i32: case IR_sub_i64: return ALU_SUB;
    case IR_and_i32: case IR_and_i64: return ALU_AND;
    case IR_or_i32: case IR_or_i64: return ALU_OR;
    default: return ALU_XOR;
    }
}

/* Picks the output register of a two-address op whose first operand is in ra:
 * ra itself when that input dies here, else a fresh register (the caller moves). */
static int two_addr_out(struct cg *cg, const struct ir_op *op, unsigned ka, int ra,
                        bool *need_mov)
{
    uintptr_t a = op->args[ka];
    struct ir_temp *ta = cg_temp(cg, a);
    cg_unbind_output(cg, op->args[0]);
    if ((op->dead_args & (1u << ka)) && ta->kind != IRK_CONST && ta->kind != IRK_FIXED &&
        ta->val_kind == VK_REG && ta->reg == ra && cg_reg_alone(cg, a)) {
        *need_mov = false;
        return ra;
    }
    *need_mov = true;
    return cg_alloc(cg, CG_ALL_REGS);
}

static void gen_binop(struct cg *cg, const struct ir_op *op)
{
    enum ir_opc o = op->opc;
    unsigned ka = 1, kb = 2;
    int w = width(cg, op->args[0]);
    int32_t imm;

    /* commutative: put a dying register operand first so it can be reused */
    if (commutative(o) && !(op->dead_args & 2) && (op->dead_args & 4) &&
        cg_reg_alone(cg, op->args[2])) {
        ka = 2;
        kb = 1;
    }
    uintptr_t a = op->args[ka], b = op->args[kb];
    bool bimm = cg_const_imm(cg, b, &imm);
    int ra = cg_in_reg(cg, a, CG_ALL_REGS);
    int rb = bimm ? -1 : cg_in_reg(cg, b, CG_ALL_REGS);

    if (o == IR_add_i32 || o == IR_add_i64) {
        bool need_mov;
        int rd = two_addr_out(cg, op, ka, ra, &need_mov);
        if (!need_mov) {
            if (bimm)
                x86_alu_ri(B, ALU_ADD, w, rd, imm);
            else
                x86_alu_rr(B, ALU_ADD, w, rd, rb);
        } else {
            /* three-address add without a move */
            x86_lea(B, w, rd, bimm ? x86_mem_bd(ra, imm) : x86_mem_bid(ra, rb, 1, 0));
        }
        cg_kill_dead_inputs(cg, op);
        cg_finish_output(cg, op, 0, rd);
        return;
    }
    if (o == IR_andc_i32 || o == IR_andc_i64) {
        cg_unbind_output(cg, op->args[0]);
        int rd = cg_alloc(cg, CG_ALL_REGS);
        if (bimm) {
            x86_mov_rr(B, w, rd, ra);
            x86_alu_ri(B, ALU_AND, w, rd, ~imm);
        } else {
            x86_mov_rr(B, w, rd, rb);
            x86_unary(B, UN_NOT, w, rd);
            x86_alu_rr(B, ALU_AND, w, rd, ra);
        }
        cg_kill_dead_inputs(cg, op);
        cg_finish_output(cg, op, 0, rd);
        return;
    }
    bool need_mov;
    int rd = two_addr_out(cg, op, ka, ra, &need_mov);
    if (need_mov)
        x86_mov_rr(B, w, rd, ra);
    if (o == IR_mul_i32 || o == IR_mul_i64) {
        if (bimm)
            x86_imul_rri(B, w, rd, rd, imm);
        else
            x86_imul_rr(B, w, rd, rb);
    } else if (bimm) {
        x86_alu_ri(B, alu_of(o), w, rd, imm);
    } else {
        x86_alu_rr(B, alu_of(o), w, rd, rb);
    }
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

static enum x86_shift shift_of(enum ir_opc o)
{
    switch (o) {
    case IR_shl_i32: case IR_shl_i64: return SH_SHL;
    case IR_shr_i32: case IR_shr_i64: return SH_SHR;
    case IR_sar_i32: case IR_sar_i64: return SH_SAR;
    case IR_rotl_i32: case IR_rotl_i64: return SH_ROL;
    default: return SH_ROR;
    }
}

static void gen_shift(struct cg *cg, const struct ir_op *op)
{
    int w = width(cg, op->args[0]);
    enum x86_shift sh = shift_of(op->opc);
    int32_t imm;
    if (cg_const_imm(cg, op->args[2], &imm)) {
        int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
        bool need_mov;
        int rd = two_addr_out(cg, op, 1, ra, &need_mov);
        if (need_mov)
            x86_mov_rr(B, w, rd, ra);
        x86_shift_ri(B, sh, w, rd, (uint8_t)(imm & (w - 1)));
        cg_kill_dead_inputs(cg, op);
        cg_finish_output(cg, op, 0, rd);
        return;
    }
    if (host_cpu.bmi2 && sh != SH_ROL && sh != SH_ROR) {
        int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
        int rb = cg_in_reg(cg, op->args[2], CG_ALL_REGS);
        cg_unbind_output(cg, op->args[0]);
        int rd = cg_alloc(cg, CG_ALL_REGS);
        x86_shiftx(B, sh, w, rd, ra, rb);
        cg_kill_dead_inputs(cg, op);
        cg_finish_output(cg, op, 0, rd);
        return;
    }
    /* count in cl: rcx is emptied and used as scratch */
    cg_evict(cg, RCX);
    cg->locked |= rmask(RCX);
    int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS & ~rmask(RCX));
    int rb = cg_in_reg(cg, op->args[2], CG_ALL_REGS & ~rmask(RCX));
    x86_mov_rr(B, 32, RCX, rb);
    bool need_mov;
    int rd = two_addr_out(cg, op, 1, ra, &need_mov);
    if (need_mov)
        x86_mov_rr(B, w, rd, ra);
    x86_shift_cl(B, sh, w, rd);
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

static void gen_unary(struct cg *cg, const struct ir_op *op)
{
    int w = width(cg, op->args[0]);
    int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    enum ir_opc o = op->opc;
    int rd;
    switch (o) {
    case IR_ext8s_i32: case IR_ext8s_i64: case IR_ext8u_i32: case IR_ext8u_i64:
    case IR_ext16s_i32: case IR_ext16s_i64: case IR_ext16u_i32: case IR_ext16u_i64:
    case IR_ext32s_i64: case IR_ext_i32_i64: case IR_ext32u_i64: case IR_extu_i32_i64:
    case IR_extrl_i64_i32: {
        cg_unbind_output(cg, op->args[0]);
        rd = cg_alloc(cg, CG_ALL_REGS);
        bool sign = o == IR_ext8s_i32 || o == IR_ext8s_i64 || o == IR_ext16s_i32 ||
                    o == IR_ext16s_i64 || o == IR_ext32s_i64 || o == IR_ext_i32_i64;
        int size = (o == IR_ext8s_i32 || o == IR_ext8s_i64 || o == IR_ext8u_i32 ||
                    o == IR_ext8u_i64) ? 1
                 : (o == IR_ext16s_i32 || o == IR_ext16s_i64 || o == IR_ext16u_i32 ||
                    o == IR_ext16u_i64) ? 2 : 4;
        if (size == 4 && !sign)
            x86_mov_rr(B, 32, rd, ra);          /* 32-bit mov zero-extends */
        else
            x86_ext_rr(B, size, sign, sign && size == 4 ? 64 : w, rd, ra);
        break;
    }
    case IR_extrh_i64_i32:
        cg_unbind_output(cg, op->args[0]);
        rd = cg_alloc(cg, CG_ALL_REGS);
        x86_mov_rr(B, 64, rd, ra);
        x86_shift_ri(B, SH_SHR, 64, rd, 32);
        break;
    case IR_bswap16_i32: case IR_bswap16_i64:
        cg_unbind_output(cg, op->args[0]);
        rd = cg_alloc(cg, CG_ALL_REGS);
        x86_ext_rr(B, 2, false, 32, rd, ra);
        x86_rol16_8(B, rd);
        break;
    case IR_bswap32_i64:
        cg_unbind_output(cg, op->args[0]);
        rd = cg_alloc(cg, CG_ALL_REGS);
        x86_mov_rr(B, 32, rd, ra);
        x86_bswap(B, 32, rd);
        break;
    case IR_ctpop_i32: case IR_ctpop_i64:
        cg_unbind_output(cg, op->args[0]);
        rd = cg_alloc(cg, CG_ALL_REGS);
        x86_popcnt(B, w, rd, ra);
        break;
    default: {
        bool need_mov;
        rd = two_addr_out(cg, op, 1, ra, &need_mov);
        if (need_mov)
            x86_mov_rr(B, w, rd, ra);
        if (o == IR_neg_i32 || o == IR_neg_i64)
            x86_unary(B, UN_NEG, w, rd);
        else if (o == IR_not_i32 || o == IR_not_i64)
            x86_unary(B, UN_NOT, w, rd);
        else
            x86_bswap(B, w, rd);     /* bswap32_i32, bswap64_i64 */
        break;
    }
    }
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

/* clz/ctz with the IR's "value if zero" operand. */
static void gen_bitcount(struct cg *cg, const struct ir_op *op)
{
    int w = width(cg, op->args[0]);
    bool clz = op->opc == IR_clz_i32 || op->opc == IR_clz_i64;
    int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    int32_t zimm;
    bool zconst = cg_const_imm(cg, op->args[2], &zimm);
    int rz = (zconst && zimm == w && (clz ? host_cpu.lzcnt : host_cpu.bmi1)) ? -1
           : cg_in_reg(cg, op->args[2], CG_ALL_REGS);
    cg_unbind_output(cg, op->args[0]);
    int rd = cg_alloc(cg, CG_ALL_REGS);
    if (clz && host_cpu.lzcnt) {
        x86_lzcnt(B, w, rd, ra);
        if (rz >= 0)
            x86_cmov(B, CC_B, w, rd, rz);       /* CF set when the source was zero */
    } else if (!clz && host_cpu.bmi1) {
        x86_tzcnt(B, w, rd, ra);
        if (rz >= 0)
            x86_cmov(B, CC_B, w, rd, rz);
    } else if (clz) {
        x86_bsr(B, w, rd, ra);
        x86_alu_ri(B, ALU_XOR, w, rd, w - 1);   /* index of top bit -> leading zeros */
        x86_test_rr(B, w, ra, ra);
        x86_cmov(B, CC_E, w, rd, rz);
    } else {
        x86_bsf(B, w, rd, ra);
        x86_cmov(B, CC_E, w, rd, rz);
    }
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

static void gen_extract(struct cg *cg, const struct ir_op *op)
{
    int w = width(cg, op->args[0]);
    unsigned pos = (unsigned)op->args[2], len = (unsigned)op->args[3];
    bool sign = op->opc == IR_sextract_i32 || op->opc == IR_sextract_i64;
    int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    cg_unbind_output(cg, op->args[0]);
    int rd = cg_alloc(cg, CG_ALL_REGS);
    x86_mov_rr(B, w, rd, ra);
    if (pos + len < (unsigned)w)
        x86_shift_ri(B, SH_SHL, w, rd, (uint8_t)(w - pos - len));
    if (len < (unsigned)w)
        x86_shift_ri(B, sign ? SH_SAR : SH_SHR, w, rd, (uint8_t)(w - len));
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

static void gen_deposit(struct cg *cg, const struct ir_op *op)
{
    int w = width(cg, op->args[0]);
    unsigned pos = (unsigned)op->args[3], len = (unsigned)op->args[4];
    uint64_t field = (len >= 64 ? ~0ull : ((1ull << len) - 1)) << pos;
    if (w == 32)
        field &= 0xffffffffu;
    int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    int rb = cg_in_reg(cg, op->args[2], CG_ALL_REGS);
    int rt = cg_alloc(cg, CG_ALL_REGS);
    int rm = cg_alloc(cg, CG_ALL_REGS);
    /* rt = (b << pos) & field; rd = (a & ~field) | rt */
    x86_mov_rr(B, w, rt, rb);
    if (pos)
        x86_shift_ri(B, SH_SHL, w, rt, (uint8_t)pos);
    x86_mov_ri(B, w, rm, field);
    x86_alu_rr(B, ALU_AND, w, rt, rm);
    x86_unary(B, UN_NOT, w, rm);
    bool need_mov;
    int rd = two_addr_out(cg, op, 1, ra, &need_mov);
    if (need_mov)
        x86_mov_rr(B, w, rd, ra);
    x86_alu_rr(B, ALU_AND, w, rd, rm);
    x86_alu_rr(B, ALU_OR, w, rd, rt);
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

static void gen_setcond(struct cg *cg, const struct ir_op *op)
{
    enum ir_cond c = (enum ir_cond)op->args[3];
    int w = width(cg, op->args[0]);
    if (c == IR_ALWAYS || c == IR_NEVER) {
        cg_unbind_output(cg, op->args[0]);
        int rd = cg_alloc(cg, CG_ALL_REGS);
        x86_mov_ri(B, w, rd, c == IR_ALWAYS);
        cg_kill_dead_inputs(cg, op);
        cg_finish_output(cg, op, 0, rd);
        return;
    }
    emit_compare(cg, c, op->args[1], op->args[2]);
    cg_unbind_output(cg, op->args[0]);
    int rd = cg_alloc(cg, CG_ALL_REGS);
    x86_setcc(B, cc_of(c), rd);
    x86_ext_rr(B, 1, false, 32, rd, rd);
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

static void gen_movcond(struct cg *cg, const struct ir_op *op)
{
    enum ir_cond c = (enum ir_cond)op->args[5];
    int w = width(cg, op->args[0]);
    int r1 = cg_in_reg(cg, op->args[3], CG_ALL_REGS);
    int r2 = cg_in_reg(cg, op->args[4], CG_ALL_REGS);
    if (c == IR_ALWAYS || c == IR_NEVER) {
        cg_unbind_output(cg, op->args[0]);
        int rd = cg_alloc(cg, CG_ALL_REGS);
        x86_mov_rr(B, w, rd, c == IR_ALWAYS ? r1 : r2);
        cg_kill_dead_inputs(cg, op);
        cg_finish_output(cg, op, 0, rd);
        return;
    }
    /* rd = v2, then cmov v1 if the condition holds; mov does not touch flags but the
     * compare must still see its inputs, so compare first into locked registers */
    emit_compare(cg, c, op->args[1], op->args[2]);
    cg_unbind_output(cg, op->args[0]);
    int rd = cg_alloc(cg, CG_ALL_REGS);
    x86_mov_rr(B, w, rd, r2);
    x86_cmov(B, cc_of(c), w, rd, r1);
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

/* mulu2/muls2 and division: rax/rdx are emptied and used as scratch. */
static void gen_muldiv(struct cg *cg, const struct ir_op *op)
{
    enum ir_opc o = op->opc;
    bool two = o == IR_mulu2_i32 || o == IR_mulu2_i64 || o == IR_muls2_i32 ||
               o == IR_muls2_i64;
    unsigned ka = two ? 2 : 1;
    int w = width(cg, op->args[ka]);
    cg_evict(cg, RAX);
    cg_evict(cg, RDX);
    cg->locked |= rmask(RAX) | rmask(RDX);
    uint32_t ok = CG_ALL_REGS & ~(rmask(RAX) | rmask(RDX));
    int ra = cg_in_reg(cg, op->args[ka], ok);
    int rb = cg_in_reg(cg, op->args[ka + 1], ok);
    x86_mov_rr(B, w, RAX, ra);
    bool sign = o == IR_muls2_i32 || o == IR_muls2_i64 || o == IR_divs_i32 ||
                o == IR_divs_i64 || o == IR_rems_i32 || o == IR_rems_i64;
    if (two) {
        x86_unary(B, sign ? UN_IMUL : UN_MUL, w, rb);
    } else {
        if (sign)
            x86_cdq(B, w);
        else
            x86_alu_rr(B, ALU_XOR, 32, RDX, RDX);
        x86_unary(B, sign ? UN_IDIV : UN_DIV, w, rb);
    }
    cg_kill_dead_inputs(cg, op);
    for (unsigned k = 0; k < op->nb_oargs; k++)
        cg_unbind_output(cg, op->args[k]);
    if (two) {
        cg_finish_output(cg, op, 0, RAX);
        cg_finish_output(cg, op, 1, RDX);
    } else {
        bool rem = o == IR_rems_i32 || o == IR_rems_i64 || o == IR_remu_i32 ||
                   o == IR_remu_i64;
        cg_finish_output(cg, op, 0, rem ? RDX : RAX);
    }
}

static void gen_concat(struct cg *cg, const struct ir_op *op)
{
    int rlo = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    int rhi = cg_in_reg(cg, op->args[2], CG_ALL_REGS);
    cg_unbind_output(cg, op->args[0]);
    int rd = cg_alloc(cg, CG_ALL_REGS);
    x86_mov_rr(B, 64, rd, rhi);
    x86_shift_ri(B, SH_SHL, 64, rd, 32);
    x86_alu_rr(B, ALU_OR, 64, rd, rlo);    /* i32 values are zero-extended */
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

/* ---- host memory ---- */

static void gen_host_ld(struct cg *cg, const struct ir_op *op)
{
    enum ir_opc o = op->opc;
    int w = width(cg, op->args[0]);
    int size = 4;
    bool sign = false;
    switch (o) {
    case IR_ld8u_i32: case IR_ld8u_i64: size = 1; break;
    case IR_ld8s_i32: case IR_ld8s_i64: size = 1; sign = true; break;
    case IR_ld16u_i32: case IR_ld16u_i64: size = 2; break;
    case IR_ld16s_i32: case IR_ld16s_i64: size = 2; sign = true; break;
    case IR_ld32s_i64: sign = true; break;
    case IR_ld_i64: size = 8; break;
    default: break;
    }
    int rb = cg_in_reg(cg, op->args[1], CG_ALL_REGS | rmask(CG_ENV));
    cg_unbind_output(cg, op->args[0]);
    int rd = cg_alloc(cg, CG_ALL_REGS);
    x86_load(B, size, sign, w, rd, x86_mem_bd(rb, (int32_t)op->args[2]));
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

static void gen_host_st(struct cg *cg, const struct ir_op *op)
{
    enum ir_opc o = op->opc;
    int size = (o == IR_st8_i32 || o == IR_st8_i64) ? 1
             : (o == IR_st16_i32 || o == IR_st16_i64) ? 2
             : (o == IR_st_i64) ? 8 : 4;
    int rb = cg_in_reg(cg, op->args[1], CG_ALL_REGS | rmask(CG_ENV));
    struct x86_mem m = x86_mem_bd(rb, (int32_t)op->args[2]);
    int32_t imm;
    if (size <= 4 && cg_const_imm(cg, op->args[0], &imm)) {
        x86_store_imm(B, size, imm, m);
    } else if (size == 8 && cg_const_imm(cg, op->args[0], &imm)) {
        x86_store_imm(B, 8, imm, m);
    } else {
        int rv = cg_in_reg(cg, op->args[0], CG_ALL_REGS);
        x86_store(B, size, rv, m);
    }
    cg_kill_dead_inputs(cg, op);
}

/* ---- guest memory ---- */

/* [guest_base + addr + offset]: addr in a register (zero-extended for 32-bit guests),
 * or a small constant address folded into the displacement (ra < 0). */
static struct x86_mem guest_mem(int ra, int32_t off)
{
    if (ra < 0)
        return x86_mem_bd(CG_GUEST_BASE, off);
    return x86_mem_bid(CG_GUEST_BASE, ra, 1, off);
}

/* The address operand of a qemu_ld/st: a register, or nothing when the whole address
 * is a constant that fits a displacement (*off then holds it). */
static int guest_addr_reg(struct cg *cg, uintptr_t addr, int32_t *off)
{
    struct ir_temp *t = cg_temp(cg, addr);
    if (t->val_kind == VK_CONST || t->kind == IRK_CONST) {
        uint64_t a = (uint64_t)t->val + (uint64_t)(int64_t)*off;
        if (t->type == IR_I32)
            a = (uint32_t)a;
        if (a <= 0x7fffffffu) {
            *off = (int32_t)a;
            return -1;
        }
    }
    return cg_in_reg(cg, addr, CG_ALL_REGS);
}

static void check_align(struct cg *cg, unsigned memop, int ra)
{
    unsigned size = 1u << (memop & MO_SIZE);
    if (!(memop & MO_ALIGN) || size == 1)
        return;
    x86_test_ri(B, 32, ra, (int32_t)(size - 1));
    x86_jcc_rel8(B, CC_E, cg->b.p + 4);      /* jz over the ud2 */
    cg_record_fault(cg, cur_off(cg), FAULT_ALIGN, ra);
    x86_ud2(B);
}

static void gen_qemu_ld(struct cg *cg, const struct ir_op *op)
{
    unsigned memop = (unsigned)op->args[2];
    int32_t off = (int32_t)(intptr_t)op->args[3];
    int size = 1 << (memop & MO_SIZE);
    bool sign = memop & MO_SIGN, be = (memop & MO_BE) && size > 1;
    int w = width(cg, op->args[0]);
    /* aligned accesses keep their address in a register (the optimizer folds no
     * offset into them) so check_align can test it */
    int ra = (memop & MO_ALIGN) ? cg_in_reg(cg, op->args[1], CG_ALL_REGS)
                                : guest_addr_reg(cg, op->args[1], &off);
    check_align(cg, memop, ra);
    /* the output's old value stays where it is: it is guest state if the load faults */
    int rd = cg_alloc(cg, CG_ALL_REGS);
    uint32_t at = cur_off(cg);
    if (!be) {
        x86_load(B, size, sign, w, rd, guest_mem(ra, off));
    } else if (host_cpu.movbe && size > 2) {
        x86_movbe_load(B, size, rd, guest_mem(ra, off));
        if (sign && size == 4 && w == 64)
            x86_ext_rr(B, 4, true, 64, rd, rd);
    } else {
        x86_load(B, size, false, size == 8 ? 64 : 32, rd, guest_mem(ra, off));
        if (size == 2) {
            x86_rol16_8(B, rd);
            x86_ext_rr(B, 2, sign, w, rd, rd);
        } else {
            x86_bswap(B, size == 8 ? 64 : 32, rd);
            if (sign && size == 4 && w == 64)
                x86_ext_rr(B, 4, true, 64, rd, rd);
        }
    }
    cg_record_fault(cg, at, FAULT_MEM, -1);
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

static void gen_qemu_st(struct cg *cg, const struct ir_op *op)
{
    unsigned memop = (unsigned)op->args[2];
    int32_t off = (int32_t)(intptr_t)op->args[3];
    int size = 1 << (memop & MO_SIZE);
    bool be = (memop & MO_BE) && size > 1;
    int ra = (memop & MO_ALIGN) ? cg_in_reg(cg, op->args[1], CG_ALL_REGS)
                                : guest_addr_reg(cg, op->args[1], &off);
    int rv = cg_in_reg(cg, op->args[0], CG_ALL_REGS);
    check_align(cg, memop, ra);
    uint32_t at;
    if (!be) {
        at = cur_off(cg);
        x86_store(B, size, rv, guest_mem(ra, off));
    } else if (host_cpu.movbe && size > 1) {
        at = cur_off(cg);
        x86_movbe_store(B, size, rv, guest_mem(ra, off));
    } else {
        int rt = cg_alloc(cg, CG_ALL_REGS);
        x86_mov_rr(B, 64, rt, rv);
        if (size == 2)
            x86_rol16_8(B, rt);
        else
            x86_bswap(B, size == 8 ? 64 : 32, rt);
        at = cur_off(cg);
        x86_store(B, size, rt, guest_mem(ra, off));
    }
    cg_record_fault(cg, at, FAULT_MEM, -1);
    cg_kill_dead_inputs(cg, op);
}

static void bswap_sized(struct cg *cg, int size, int r)
{
    if (size == 2)
        x86_rol16_8(B, r);
    else if (size > 2)
        x86_bswap(B, size == 8 ? 64 : 32, r);
}

static void gen_cmpxchg(struct cg *cg, const struct ir_op *op)
{
    unsigned memop = (unsigned)op->args[4];
    int size = 1 << (memop & MO_SIZE);
    bool be = (memop & MO_BE) && size > 1;
    int w = width(cg, op->args[0]);
    cg_evict(cg, RAX);
    cg->locked |= rmask(RAX);
    uint32_t ok = CG_ALL_REGS & ~rmask(RAX);
    int ra = cg_in_reg(cg, op->args[1], ok);
    int rc = cg_in_reg(cg, op->args[2], ok);
    int rn = cg_in_reg(cg, op->args[3], ok);
    check_align(cg, memop, ra);
    x86_mov_rr(B, 64, RAX, rc);
    if (be) {
        int rt = cg_alloc(cg, ok);
        x86_mov_rr(B, 64, rt, rn);
        bswap_sized(cg, size, rt);
        bswap_sized(cg, size, RAX);
        rn = rt;
    }
    uint32_t at = cur_off(cg);
    x86_lock_cmpxchg(B, size, guest_mem(ra, 0), rn);
    cg_record_fault(cg, at, FAULT_MEM, -1);
    if (be)
        bswap_sized(cg, size, RAX);
    if (size < 4)
        x86_ext_rr(B, size, (memop & MO_SIGN) != 0, w, RAX, RAX);
    else if (size == 4 && (memop & MO_SIGN) && w == 64)
        x86_ext_rr(B, 4, true, 64, RAX, RAX);
    else if (size == 4)
        x86_mov_rr(B, 32, RAX, RAX);
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, RAX);
}

/* ---- calls ---- */

static const int8_t arg_regs[IR_MAX_CALL_ARGS] = { RDI, RSI, RDX, RCX, R8, R9 };

static void gen_call(struct cg *cg, const struct ir_op *op)
{
    unsigned nout = op->nb_oargs, nin = op->nb_iargs;
    void *fn = (void *)op->args[nout + nin];
    unsigned flags = (unsigned)op->args[nout + nin + 1];
    bool sync = !(flags & CALL_NO_READ_GLOBALS) || !(flags & CALL_NO_RAISE) ||
                !(flags & CALL_NO_WRITE_GLOBALS);
    if (sync)
        cg_sync_all(cg, false);
    /* empty every caller-saved register, keeping values the call does not kill */
    uint32_t argmask = 0;
    for (unsigned i = 0; i < nin; i++)
        argmask |= rmask(arg_regs[i]);
    for (int r = 0; r < 16; r++)
        if ((CG_CALLER_SAVED & rmask(r)) && cg->reg_temp[r] >= 0)
            cg_evict(cg, r);
    cg->locked |= CG_CALLER_SAVED;
    for (unsigned i = 0; i < nin; i++) {
        uintptr_t t = op->args[nout + i];
        struct ir_temp *tp = cg_temp(cg, t);
        int w = width(cg, t), dst = arg_regs[i];
        if (tp->kind == IRK_FIXED || tp->val_kind == VK_REG)
            x86_mov_rr(B, w, dst, tp->reg);
        else if (tp->val_kind == VK_MEM)
            x86_load(B, w / 8, false, w, dst, cg_home(cg, t));
        else
            x86_mov_ri(B, w, dst, (uint64_t)tp->val);
    }
    (void)argmask;
    x86_call_abs(B, fn);
    if (!(flags & CALL_NO_RAISE))
        cg_record_fault(cg, cur_off(cg), FAULT_CALL, -1);
    cg_kill_dead_inputs(cg, op);
    if (!(flags & CALL_NO_WRITE_GLOBALS))
        cg_globals_to_mem(cg);
    if (nout) {
        /* C may leave garbage above a 32-bit return value; i32 temps are zero-extended */
        if (!cg_is64(cg, op->args[0]))
            x86_mov_rr(B, 32, RAX, RAX);
        cg_unbind_output(cg, op->args[0]);
        cg_finish_output(cg, op, 0, RAX);
    }
}

/* ---- control flow ---- */

static void add_fixup(struct cg *cg, uint32_t rel_off, uint32_t label)
{
    cg->fixups = cg_grow(cg->fixups, &cg->cap_fixups, sizeof *cg->fixups, cg->nb_fixups + 1);
    cg->fixups[cg->nb_fixups++] = (struct cg_fixup){ rel_off, label };
}

/* Block ends store nothing themselves: liveness gave every write whose value is needed
 * in memory at a block end a sync bit, and values it left unsynced are dead there. */
static void gen_brcond(struct cg *cg, const struct ir_op *op)
{
    enum ir_cond c = (enum ir_cond)op->args[2];
    uint32_t label = (uint32_t)op->args[3];
    if (c == IR_NEVER) {
        cg_kill_dead_inputs(cg, op);
        /* the label is never reached from here, but its code starts from this state */
        if (cg->ir->labels[label].carry)
            cg_snapshot_save(cg, &cg->snaps[label]);
        return;
    }
    if (c != IR_ALWAYS) {
        cg_in_reg(cg, op->args[0], CG_ALL_REGS);
        int32_t imm;
        if (!cg_const_imm(cg, op->args[1], &imm))
            cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    }
    if (c == IR_ALWAYS) {
        add_fixup(cg, x86_jmp_rel32(B, cg->b.p), label);
    } else {
        emit_compare(cg, c, op->args[0], op->args[1]);
        add_fixup(cg, x86_jcc_rel32(B, cc_of(c), cg->b.p), label);
    }
    cg_kill_dead_inputs(cg, op);
    if (cg->ir->labels[label].carry)
        cg_snapshot_save(cg, &cg->snaps[label]);
}

static void gen_goto_tb(struct cg *cg, const struct ir_op *op)
{
    unsigned slot = (unsigned)op->args[0];
    cg_sync_all(cg, false);           /* leaving: dirty globals not discarded go home */
    /* the rel32 must not cross a 4-byte boundary so patching it is one atomic store */
    unsigned mis = (unsigned)((uintptr_t)(cg->b.p + 1) & 3);
    if (mis)
        x86_nop(B, (int)(4 - mis));
    uint32_t rel = x86_jmp_rel32(B, cg->b.p + 5);
    cg->tb->jmp_off[slot] = rel;
    cg->tb->jmp_reset[slot] = cur_off(cg);
}

static void gen_exit_tb(struct cg *cg, const struct ir_op *op)
{
    cg_sync_all(cg, false);
    x86_mov_ri(B, 64, RAX, op->args[0]);
    x86_jmp_rel32(B, cg_epilogue);
}

/* Inline jump-cache probe: entry = &jc[hash(pc)]; hit iff pc and flags match. */
static void gen_goto_ptr(struct cg *cg, const struct ir_op *op)
{
    int wpc = width(cg, op->args[0]);
    int rpc = cg_in_reg(cg, op->args[0], CG_ALL_REGS);
    int rfl = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    cg_sync_all(cg, false);
    int rh = cg_alloc(cg, CG_ALL_REGS);
    int rt = cg_alloc(cg, CG_ALL_REGS);
    x86_mov_rr(B, wpc == 64 ? 64 : 32, rh, rpc);
    x86_shift_ri(B, SH_SHR, 64, rh, 1);
    x86_mov_rr(B, wpc == 64 ? 64 : 32, rt, rpc);
    x86_shift_ri(B, SH_SHR, 64, rt, JC_BITS + 1);
    x86_alu_rr(B, ALU_XOR, 64, rh, rt);
    x86_alu_ri(B, ALU_AND, 32, rh, JC_SIZE - 1);
    x86_shift_ri(B, SH_SHL, 64, rh, 5);
    _Static_assert(sizeof(struct jc_entry) == 32, "jump cache entry size");
    x86_alu_rm(B, ALU_ADD, 64, rh, x86_mem_bd(CG_ENV, offsetof(struct cpu_common, jc)));
    if (wpc == 32)
        x86_mov_rr(B, 32, rt, rpc);          /* zero-extended guest pc */
    else
        x86_mov_rr(B, 64, rt, rpc);
    x86_alu_rm(B, ALU_CMP, 64, rt, x86_mem_bd(rh, offsetof(struct jc_entry, pc)));
    uint8_t *miss1 = cg->b.p;
    x86_jcc_rel8(B, CC_NE, cg->b.p);
    x86_alu_rm(B, ALU_CMP, 32, rfl, x86_mem_bd(rh, offsetof(struct jc_entry, flags)));
    uint8_t *miss2 = cg->b.p;
    x86_jcc_rel8(B, CC_NE, cg->b.p);
    if (cg_count_execs)
        x86_alu_mi(B, ALU_ADD, 64, x86_mem_bd(CG_ENV, offsetof(struct cpu_common, jc_hits)), 1);
    x86_jmp_m(B, x86_mem_bd(rh, offsetof(struct jc_entry, code)));
    /* miss: back to the main loop, which looks pc up in the hash table */
    uint8_t *miss = cg->b.p;
    if (!cg->b.overflow) {
        miss1[1] = (uint8_t)(miss - (miss1 + 2));
        miss2[1] = (uint8_t)(miss - (miss2 + 2));
    }
    x86_alu_rr(B, ALU_XOR, 32, RAX, RAX);
    x86_jmp_rel32(B, cg_epilogue);
    cg_kill_dead_inputs(cg, op);
}

bool cg_count_execs;

static void gen_chk_exit(struct cg *cg)
{
    if (cg_count_execs)
        x86_alu_mi(B, ALU_ADD, 64, x86_mem_bd(CG_ENV, offsetof(struct cpu_common, tb_execs)), 1);
    x86_alu_mi(B, ALU_CMP, 32, x86_mem_bd(CG_ENV, offsetof(struct cpu_common, exit_request)), 0);
    uint32_t rel = x86_jcc_rel32(B, CC_NE, cg->b.p);
    cg->exit_fixups = cg_grow(cg->exit_fixups, &cg->cap_exit_fixups, sizeof(uint32_t),
                              cg->nb_exit_fixups + 1);
    cg->exit_fixups[cg->nb_exit_fixups++] = rel;
}

/* Stub at the end of the TB for exit requests seen at entry: the guest state is that
 * of the TB's start, but pc was not stored if we were chained here. */
static void gen_exit_stub(struct cg *cg)
{
    if (!cg->nb_exit_fixups)
        return;
    uint8_t *stub = cg->b.p;
    x86_mov_ri(B, 64, RAX, cg->tb->pc);
    x86_store(B, 8, RAX, x86_mem_bd(CG_ENV, offsetof(struct cpu_common, pc)));
    x86_mov_ri(B, 64, RAX, 2 /* TB_EXIT_REQUESTED */);
    x86_jmp_rel32(B, cg_epilogue);
    if (cg->b.overflow)
        return;
    for (uint32_t i = 0; i < cg->nb_exit_fixups; i++)
        x86_patch_rel32(cg->b.start, cg->exit_fixups[i], stub);
}

static void gen_insn_start(struct cg *cg, const struct ir_op *op)
{
    cg->insns = cg_grow(cg->insns, &cg->cap_insns, sizeof *cg->insns, cg->nb_insns + 1);
    cg->insns[cg->nb_insns++] = (struct insn_rec){ cur_off(cg), 0, op->args[0], op->args[1] };
}

static void gen_op(struct cg *cg, const struct ir_op *op)
{
    switch (op->opc) {
    case IR_nop:
        break;
    case IR_discard:
        cg_discard(cg, op->args[0]);
        break;
    case IR_insn_start: gen_insn_start(cg, op); break;
    case IR_set_label:
        if (cg->ir->labels[op->args[0]].carry)
            cg_snapshot_restore(cg, &cg->snaps[op->args[0]]);
        else
            cg_reset_at_label(cg);
        cg->label_off[op->args[0]] = cur_off(cg);
        break;
    case IR_br:
        add_fixup(cg, x86_jmp_rel32(B, cg->b.p), (uint32_t)op->args[0]);
        if (cg->ir->labels[op->args[0]].carry)
            cg_snapshot_save(cg, &cg->snaps[op->args[0]]);
        break;
    case IR_mb: x86_mfence(B); break;
    case IR_mov_i32: case IR_mov_i64: gen_mov(cg, op); break;
    case IR_add_i32: case IR_add_i64: case IR_sub_i32: case IR_sub_i64:
    case IR_mul_i32: case IR_mul_i64: case IR_and_i32: case IR_and_i64:
    case IR_or_i32: case IR_or_i64: case IR_xor_i32: case IR_xor_i64:
    case IR_andc_i32: case IR_andc_i64:
        gen_binop(cg, op);
        break;
    case IR_shl_i32: case IR_shl_i64: case IR_shr_i32: case IR_shr_i64:
    case IR_sar_i32: case IR_sar_i64: case IR_rotl_i32: case IR_rotl_i64:
    case IR_rotr_i32: case IR_rotr_i64:
        gen_shift(cg, op);
        break;
    case IR_clz_i32: case IR_clz_i64: case IR_ctz_i32: case IR_ctz_i64:
        gen_bitcount(cg, op);
        break;
    case IR_extract_i32: case IR_extract_i64: case IR_sextract_i32: case IR_sextract_i64:
        gen_extract(cg, op);
        break;
    case IR_deposit_i32: case IR_deposit_i64: gen_deposit(cg, op); break;
    case IR_setcond_i32: case IR_setcond_i64: gen_setcond(cg, op); break;
    case IR_movcond_i32: case IR_movcond_i64: gen_movcond(cg, op); break;
    case IR_brcond_i32: case IR_brcond_i64: gen_brcond(cg, op); break;
    case IR_mulu2_i32: case IR_mulu2_i64: case IR_muls2_i32: case IR_muls2_i64:
    case IR_divs_i32: case IR_divs_i64: case IR_divu_i32: case IR_divu_i64:
    case IR_rems_i32: case IR_rems_i64: case IR_remu_i32: case IR_remu_i64:
        gen_muldiv(cg, op);
        break;
    case IR_concat_i32_i64: gen_concat(cg, op); break;
    case IR_ld8u_i32: case IR_ld8s_i32: case IR_ld16u_i32: case IR_ld16s_i32: case IR_ld_i32:
    case IR_ld8u_i64: case IR_ld8s_i64: case IR_ld16u_i64: case IR_ld16s_i64:
    case IR_ld32u_i64: case IR_ld32s_i64: case IR_ld_i64:
        gen_host_ld(cg, op);
        break;
    case IR_st8_i32: case IR_st16_i32: case IR_st_i32:
    case IR_st8_i64: case IR_st16_i64: case IR_st32_i64: case IR_st_i64:
        gen_host_st(cg, op);
        break;
    case IR_qemu_ld_i32: case IR_qemu_ld_i64: gen_qemu_ld(cg, op); break;
    case IR_qemu_st_i32: case IR_qemu_st_i64: gen_qemu_st(cg, op); break;
    case IR_cmpxchg_i32: case IR_cmpxchg_i64: gen_cmpxchg(cg, op); break;
    case IR_fadd_f32: case IR_fsub_f32: case IR_fmul_f32: case IR_fdiv_f32:
    case IR_fsqrt_f32: case IR_fadd_f64: case IR_fsub_f64: case IR_fmul_f64:
    case IR_fdiv_f64: case IR_fsqrt_f64: case IR_fext_f64: case IR_fnarrow_f32:
        cg_gen_float(cg, op);
        break;
    case IR_fcmp_f32: case IR_fcmp_f64: cg_gen_fcmp(cg, op); break;
    case IR_ftoi32_f32: case IR_ftoi32_f64: cg_gen_ftoi(cg, op); break;
    case IR_itof_f32: case IR_itof_f64: cg_gen_itof(cg, op); break;
    case IR_call: gen_call(cg, op); break;
    case IR_goto_tb: gen_goto_tb(cg, op); break;
    case IR_exit_tb: gen_exit_tb(cg, op); break;
    case IR_goto_ptr: gen_goto_ptr(cg, op); break;
    case IR_chk_exit: gen_chk_exit(cg); break;
    default:
        gen_unary(cg, op);     /* neg, not, extensions, bswap, ctpop */
        break;
    }
}

int cg_generate(struct cg *cg, struct ir *ir, struct tb *tb, uint8_t *buf, uint8_t *end)
{
    cg->ir = ir;
    cg->tb = tb;
    cg->b = (struct x86_buf){ buf, buf, end, false };
    cg->failed = false;
    cg->nb_fixups = cg->nb_exit_fixups = cg->nb_fp_stubs = 0;
    cg->nb_insns = cg->nb_faults = cg->nb_maps = 0;
    cg->label_off = realloc(cg->label_off, (ir->nb_labels + 1) * sizeof *cg->label_off);
    if (!cg->label_off)
        abort();
    for (uint32_t i = 0; i < ir->nb_labels; i++)
        cg->label_off[i] = UINT32_MAX;
    if (ir->nb_labels > cg->cap_snaps) {
        struct cg_snapshot *n = realloc(cg->snaps, ir->nb_labels * sizeof *n);
        if (!n)
            abort();
        memset(n + cg->cap_snaps, 0, (ir->nb_labels - cg->cap_snaps) * sizeof *n);
        cg->snaps = n;
        cg->cap_snaps = ir->nb_labels;
    }
    tb->jmp_off[0] = tb->jmp_off[1] = TB_NO_JUMP;
    cg_ra_begin(cg);

    for (uint32_t i = 0; i < ir->nb_ops && !cg->b.overflow && !cg->failed; i++) {
        gen_op(cg, &ir->ops[i]);
        cg->locked = 0;
    }
    gen_exit_stub(cg);
    cg_gen_fp_stubs(cg);
    if (cg->b.overflow || cg->failed)
        return -1;
    for (uint32_t i = 0; i < cg->nb_fixups; i++) {
        uint32_t target = cg->label_off[cg->fixups[i].label];
        assert(target != UINT32_MAX);
        x86_patch_rel32(buf, cg->fixups[i].rel_off, buf + target);
    }
    return (int)(cg->b.p - buf);
}

void cg_free(struct cg *cg)
{
    for (uint32_t i = 0; i < cg->cap_snaps; i++)
        free(cg->snaps[i].temps);
    free(cg->snaps);
    free(cg->label_off);
    free(cg->fixups);
    free(cg->exit_fixups);
    free(cg->fp_stubs);
    free(cg->insns);
    free(cg->faults);
    free(cg->maps);
    memset(cg, 0, sizeof *cg);
}
