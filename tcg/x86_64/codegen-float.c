/* Lowering of the IEEE float ops (ir-ops.h: fadd_f32 ... itof_f64) to SSE2 scalar
 * instructions. The allocator knows only general registers, so an op moves its
 * operands into xmm0/xmm1, computes into xmm2 and moves the result back: a few cycles
 * against a helper call. The operands stay in xmm0/xmm1 (the result in xmm2) for the
 * fallback, called from a stub after the TB's code (a branch not taken in the common
 * case) with every live caller-saved register pushed around it, so neither path
 * changes the allocator's state. */
#include "tcg/x86_64/cg.h"

#include <stdint.h>

#define B (&cg->b)

static bool is_f64(enum ir_opc o) { return o >= IR_fadd_f64 && o <= IR_fsqrt_f64; }

/* The widths of the op's input and output formats (32 or 64). */
static void widths(enum ir_opc o, int *in_w, int *out_w)
{
    if (o == IR_fext_f64) {
        *in_w = 32;
        *out_w = 64;
    } else if (o == IR_fnarrow_f32) {
        *in_w = 64;
        *out_w = 32;
    } else {
        *in_w = *out_w = is_f64(o) ? 64 : 32;
    }
}

static enum x86_sse_op sse_of(enum ir_fop f)
{
    switch (f) {
    case IR_FADD: return SSE_ADD;
    case IR_FSUB: return SSE_SUB;
    case IR_FMUL: return SSE_MUL;
    case IR_FDIV: return SSE_DIV;
    default: return SSE_SQRT;
    }
}

/* Sets the flags "below" when the result in rd may be exceptional: an exponent field
 * of 0 (zero or subnormal), 1 (smallest normal binade) or all ones (infinity, NaN).
 * The exponent, moved to the top of a 32-bit word, is incremented there so that all
 * ones wraps to 0: then one unsigned compare covers the three. Zeros take the branch
 * too; their stub returns at once. rt is scratch. */
static void classify(struct cg *cg, int w, int rd, int rt)
{
    x86_lea(B, w, rt, x86_mem_bid(rd, rd, 1, 0));     /* drop the sign */
    if (w == 64)
        x86_shift_ri(B, SH_SHR, 64, rt, 32);
    int ebit = w == 64 ? 21 : 24;                     /* the exponent's lowest bit */
    x86_alu_ri(B, ALU_ADD, 32, rt, (int32_t)(1u << ebit));
    x86_alu_ri(B, ALU_CMP, 32, rt, (int32_t)(3u << ebit));
}

/* Branches (cc) to a fallback stub for op, emitted later by cg_gen_fp_stubs. */
static void branch_to_stub(struct cg *cg, const struct ir_op *op, enum x86_cc cc, int in_w,
                           int w, int rd, bool zero_ok)
{
    uint32_t rel = x86_jcc_rel32(B, cc, NULL);
    uint32_t save = 0;
    for (int r = 0; r < 16; r++)
        if ((CG_CALLER_SAVED & (1u << r)) && r != rd && cg->reg_temp[r] >= 0)
            save |= 1u << r;
    cg->fp_stubs = cg_grow(cg->fp_stubs, &cg->cap_fp_stubs, sizeof *cg->fp_stubs,
                           cg->nb_fp_stubs + 1);
    cg->fp_stubs[cg->nb_fp_stubs++] = (struct cg_fp_stub){
        .jcc_rel = rel, .ret_off = (uint32_t)(cg->b.p - cg->b.start), .save = save,
        .fn = (const void *)op->args[op->nb_oargs + op->nb_iargs], .rd = (int8_t)rd,
        .in_w = (uint8_t)in_w, .w = (uint8_t)w, .nargs = op->nb_iargs, .zero_ok = zero_ok,
    };
}

/* rd = fn(env, xmm0[, xmm1]) (in_w: the operands' width, w: the result's), every other
 * live register preserved, then back to the op's continuation. */
static void gen_stub(struct cg *cg, const struct cg_fp_stub *st)
{
    uint8_t *start = cg->b.p;
    uint8_t *nonzero = NULL;
    if (st->zero_ok) {
        /* the result is still in xmm2; an SSE result is never a signalling NaN */
        x86_sse_66_rr(B, 0xef, XMM3, XMM3);          /* pxor */
        x86_ucomis(B, st->w == 64, XMM2, XMM3);
        nonzero = cg->b.p;
        x86_jcc_rel8(B, CC_P, cg->b.p);              /* unordered: NaN */
        x86_jcc_rel32(B, CC_E, cg->b.start + st->ret_off);
    }
    if (nonzero && !cg->b.overflow)
        nonzero[1] = (uint8_t)(cg->b.p - (nonzero + 2));
    unsigned n = (unsigned)__builtin_popcount(st->save);
    for (int r = 0; r < 16; r++)
        if (st->save & (1u << r))
            x86_push(B, r);
    if (n & 1)
        x86_alu_ri(B, ALU_SUB, 64, RSP, 8);          /* calls need rsp 16-byte aligned */
    x86_movq_rx(B, st->in_w, RSI, XMM0);
    if (st->nargs == 2)
        x86_movq_rx(B, st->in_w, RDX, XMM1);
    x86_mov_rr(B, 64, RDI, CG_ENV);
    x86_call_abs(B, st->fn);
    x86_mov_rr(B, st->w, st->rd, RAX);                /* 32-bit moves zero-extend */
    if (n & 1)
        x86_alu_ri(B, ALU_ADD, 64, RSP, 8);
    for (int r = 15; r >= 0; r--)
        if (st->save & (1u << r))
            x86_pop(B, r);
    x86_jmp_rel32(B, cg->b.start + st->ret_off);
    if (!cg->b.overflow)
        x86_patch_rel32(cg->b.start, st->jcc_rel, start);
}

void cg_gen_fp_stubs(struct cg *cg)
{
    for (uint32_t i = 0; i < cg->nb_fp_stubs && !cg->b.overflow; i++)
        gen_stub(cg, &cg->fp_stubs[i]);
}

/* The arithmetic ops, fext_f64 and fnarrow_f32: operands into xmm0 (and xmm1), the
 * result into xmm2. */
static void compute(struct cg *cg, const struct ir_op *op, bool dbl, int in_w)
{
    enum ir_opc o = (enum ir_opc)op->opc;
    int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    x86_movq_xr(B, in_w, XMM0, ra);
    if (o == IR_fext_f64) {
        x86_cvtss2sd(B, XMM2, XMM0);
    } else if (o == IR_fnarrow_f32) {
        x86_cvtsd2ss(B, XMM2, XMM0);
    } else if (o == IR_fsqrt_f32 || o == IR_fsqrt_f64) {
        x86_sse_rr(B, SSE_SQRT, dbl, XMM2, XMM0);
    } else {
        enum ir_fop f = (enum ir_fop)(o - (dbl ? IR_fadd_f64 : IR_fadd_f32));
        int rb = cg_in_reg(cg, op->args[2], CG_ALL_REGS);
        x86_movq_xr(B, in_w, XMM1, rb);
        x86_movaps_rr(B, XMM2, XMM0);
        x86_sse_rr(B, sse_of(f), dbl, XMM2, XMM1);
    }
}

void cg_gen_float(struct cg *cg, const struct ir_op *op)
{
    int in_w, w;
    widths((enum ir_opc)op->opc, &in_w, &w);
    compute(cg, op, is_f64((enum ir_opc)op->opc), in_w);
    cg_unbind_output(cg, op->args[0]);
    int rd = cg_alloc(cg, CG_ALL_REGS);
    int rt = cg_alloc(cg, CG_ALL_REGS);
    x86_movq_rx(B, w, rd, XMM2);
    classify(cg, w, rd, rt);
    branch_to_stub(cg, op, CC_B, in_w, w, rd, true);
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

/* ftoi32: the host's "integer indefinite" 0x80000000 stands for NaN and out of range
 * (and for -2^31 itself, which the fallback then also gets right). */
void cg_gen_ftoi(struct cg *cg, const struct ir_op *op)
{
    bool dbl = op->opc == IR_ftoi32_f64;
    int in_w = dbl ? 64 : 32;
    int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    x86_movq_xr(B, in_w, XMM0, ra);
    cg_unbind_output(cg, op->args[0]);
    int rd = cg_alloc(cg, CG_ALL_REGS);
    x86_cvtts2si(B, dbl, 32, rd, XMM0);
    x86_alu_ri(B, ALU_CMP, 32, rd, INT32_MIN);
    branch_to_stub(cg, op, CC_E, in_w, 32, rd, false);
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

/* itof: an unsigned 32-bit value is converted as the (zero-extended) 64-bit one. */
void cg_gen_itof(struct cg *cg, const struct ir_op *op)
{
    bool dbl = op->opc == IR_itof_f64;
    int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    cg_unbind_output(cg, op->args[0]);
    int rd = cg_alloc(cg, CG_ALL_REGS);
    x86_sse_66_rr(B, 0xef, XMM0, XMM0);          /* pxor: no false dependency */
    x86_cvtsi2s(B, dbl, op->args[2] ? 32 : 64, XMM0, ra);
    x86_movq_rx(B, dbl ? 64 : 32, rd, XMM0);
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}

/* ucomis/comis leave ZF PF CF = 111 unordered, 100 less... as CF=1 less, ZF=1 equal,
 * all clear greater; cmovs turn that into the IR_FCMP_* code without branches. */
void cg_gen_fcmp(struct cg *cg, const struct ir_op *op)
{
    bool dbl = op->opc == IR_fcmp_f64;
    int w = dbl ? 64 : 32;
    int ra = cg_in_reg(cg, op->args[1], CG_ALL_REGS);
    int rb = cg_in_reg(cg, op->args[2], CG_ALL_REGS);
    x86_movq_xr(B, w, XMM0, ra);
    x86_movq_xr(B, w, XMM1, rb);
    cg_unbind_output(cg, op->args[0]);
    int rd = cg_alloc(cg, CG_ALL_REGS);
    int rt = cg_alloc(cg, CG_ALL_REGS);
    x86_mov_ri(B, 32, rd, IR_FCMP_GT);
    if (op->args[3])
        x86_comis(B, dbl, XMM0, XMM1);
    else
        x86_ucomis(B, dbl, XMM0, XMM1);
    x86_mov_ri(B, 32, rt, IR_FCMP_LT);           /* mov leaves the flags alone */
    x86_cmov(B, CC_B, 32, rd, rt);
    x86_mov_ri(B, 32, rt, IR_FCMP_EQ);
    x86_cmov(B, CC_E, 32, rd, rt);
    x86_mov_ri(B, 32, rt, IR_FCMP_UN);
    x86_cmov(B, CC_P, 32, rd, rt);
    cg_kill_dead_inputs(cg, op);
    cg_finish_output(cg, op, 0, rd);
}
