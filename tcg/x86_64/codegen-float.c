/* Lowering of the IEEE float ops (ir-ops.h: fadd_f32 ... itof_f64) to SSE2 scalar
 * instructions. The allocator knows only general registers, so an op moves its
 * operands into xmm0/xmm1, computes into xmm2 and moves the result back: a few cycles
 * against a helper call. The operands stay in xmm0/xmm1 for the fallback, which is
 * called in line (behind a branch the predictor learns) with every live caller-saved
 * register pushed around it, so the common path touches no allocator state. */
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

/* A short forward branch whose target is set by land(). */
static uint8_t *branch8(struct cg *cg, enum x86_cc cc)
{
    uint8_t *at = cg->b.p;
    x86_jcc_rel8(B, cc, cg->b.p);
    return at;
}

static void land(struct cg *cg, uint8_t *from)
{
    if (!cg->b.overflow)
        from[1] = (uint8_t)(cg->b.p - (from + 2));
}

/* Leaves the flags "above" when the result in rd is ordinary: zero, or an exponent
 * field other than 0 (subnormal), 1 (smallest normal binade) and all ones (infinity,
 * NaN). Zero jumps straight to *zero_skip. rt is scratch. */
static void classify(struct cg *cg, int w, int rd, int rt, uint8_t **zero_skip)
{
    int mant = w == 64 ? 52 : 23;
    uint32_t emax = w == 64 ? 0x7ff : 0xff;
    x86_mov_rr(B, w, rt, rd);
    x86_alu_rr(B, ALU_ADD, w, rt, rt);          /* drop the sign; ZF for +-0 */
    *zero_skip = branch8(cg, CC_E);
    x86_shift_ri(B, SH_SHR, w, rt, (uint8_t)(mant + 1));
    x86_alu_ri(B, ALU_ADD, 32, rt, 1);          /* all ones -> 0, 0 -> 1, 1 -> 2 */
    x86_alu_ri(B, ALU_AND, 32, rt, (int32_t)emax);
    x86_alu_ri(B, ALU_CMP, 32, rt, 2);
}

/* rd = fallback(env, xmm0[, xmm1]) (in_w: the operands' width, w: the result's),
 * preserving every other live register. */
static void call_fallback(struct cg *cg, const struct ir_op *op, int in_w, int w, int rd)
{
    void *fn = (void *)op->args[op->nb_oargs + op->nb_iargs];
    uint32_t save = 0;
    unsigned n = 0;
    for (int r = 0; r < 16; r++)
        if ((CG_CALLER_SAVED & (1u << r)) && r != rd && cg->reg_temp[r] >= 0) {
            save |= 1u << r;
            n++;
        }
    for (int r = 0; r < 16; r++)
        if (save & (1u << r))
            x86_push(B, r);
    if (n & 1)
        x86_alu_ri(B, ALU_SUB, 64, RSP, 8);    /* calls need rsp 16-byte aligned */
    x86_movq_rx(B, in_w, RSI, XMM0);
    if (op->nb_iargs == 2)
        x86_movq_rx(B, in_w, RDX, XMM1);
    x86_mov_rr(B, 64, RDI, CG_ENV);
    x86_call_abs(B, fn);
    x86_mov_rr(B, w, rd, RAX);                  /* 32-bit moves zero-extend */
    if (n & 1)
        x86_alu_ri(B, ALU_ADD, 64, RSP, 8);
    for (int r = 15; r >= 0; r--)
        if (save & (1u << r))
            x86_pop(B, r);
}

/* The arithmetic ops, fext_f64 and fnarrow_f32: compute into xmm2, then classify. */
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
    uint8_t *zero_skip;
    classify(cg, w, rd, rt, &zero_skip);
    uint8_t *ordinary = branch8(cg, CC_A);
    call_fallback(cg, op, in_w, w, rd);
    land(cg, zero_skip);
    land(cg, ordinary);
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
    uint8_t *ordinary = branch8(cg, CC_NE);
    call_fallback(cg, op, in_w, 32, rd);
    land(cg, ordinary);
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
