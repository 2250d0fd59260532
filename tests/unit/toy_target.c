/* The toy guest ISA of toy_target.h: translator to IR, CPU state hooks, and the small
 * assembler the exec tests write their programs with. It uses the translator services
 * the way a real target does (tr_fetch32, tr_should_stop, ir_goto_tb, ir_goto_ptr,
 * tr_gen_exception, insn_start per instruction), so the tests see real TB shapes. */
#include "toy_target.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

#include "tcg/exec.h"
#include "tcg/ir.h"
#include "tcg/page.h"
#include "tcg/translate.h"

static ir_i32 regs[16];

static const char *const reg_names[16] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

static void toy_ir_init(struct ir *ir)
{
    for (int i = 0; i < 16; i++)
        regs[i] = ir_global_i32(ir, (int)(offsetof(struct toy_cpu, r) + 4 * i), reg_names[i]);
}

/* Raises a guest arithmetic trap when v is zero: the guest state at the call comes back
 * from the return address (the call is a fault point). */
static void helper_chk(struct cpu_common *env, uint32_t v)
{
    if (v == 0)
        cpu_raise(env, EXCP_FPE, (uintptr_t)__builtin_return_address(0));
}

static ir_i32 guest_addr(struct ir *ir, unsigned rs, uint32_t imm)
{
    ir_i32 a = ir_new_i32(ir);
    ir_addi_i32(ir, a, regs[rs], imm);
    return a;
}

static void gen_branch(struct tr_ctx *ctx, enum ir_cond c, unsigned rs, unsigned rt,
                       uint64_t target)
{
    struct ir *ir = ctx->ir;
    ir_label taken = ir_new_label(ir);
    ir_brcond_i32(ir, c, regs[rs], regs[rt], taken);
    ir_goto_tb(ir, 0, ctx->pc_next, ctx->tb);
    ir_set_label(ir, taken);
    ir_goto_tb(ir, 1, target, ctx->tb);
}

/* Translates one instruction; returns true if it ended the TB. */
static bool translate_one(struct tr_ctx *ctx, uint64_t pc, uint32_t w0, uint32_t imm)
{
    struct ir *ir = ctx->ir;
    unsigned op = w0 & 0xff, rd = (w0 >> 8) & 15, rs = (w0 >> 16) & 15, rt = (w0 >> 24) & 15;
    uint64_t rel = (uint32_t)(pc + imm);       /* 32-bit guest: wraps */
    switch (op) {
    case TOY_LI:
        ir_movi_i32(ir, regs[rd], imm);
        return false;
    case TOY_ADD:
        ir_add_i32(ir, regs[rd], regs[rs], regs[rt]);
        return false;
    case TOY_ADDI:
        ir_addi_i32(ir, regs[rd], regs[rs], imm);
        return false;
    case TOY_SUB:
        ir_sub_i32(ir, regs[rd], regs[rs], regs[rt]);
        return false;
    case TOY_MUL:
        ir_mul_i32(ir, regs[rd], regs[rs], regs[rt]);
        return false;
    case TOY_LD:
    case TOY_LDA: {
        ir_i32 a = guest_addr(ir, rs, imm);
        ir_qemu_ld_i32(ir, regs[rd], a.t, op == TOY_LDA ? MO_UL | MO_ALIGN : MO_UL);
        ir_free_i32(ir, a);
        return false;
    }
    case TOY_ST: {
        ir_i32 a = guest_addr(ir, rs, imm);
        ir_qemu_st_i32(ir, regs[rt], a.t, MO_UL);
        ir_free_i32(ir, a);
        return false;
    }
    case TOY_MOVZ: {
        ir_label skip = ir_new_label(ir);
        ir_brcondi_i32(ir, IR_NE, regs[rt], 0, skip);
        ir_mov_i32(ir, regs[rd], regs[rs]);
        ir_set_label(ir, skip);
        return false;
    }
    case TOY_CHK:
        ir_call2(ir, (void *)helper_chk, CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS,
                 IR_NO_RET, ir->env.t, regs[rs].t);
        return false;
    case TOY_BEQ:
    case TOY_BNE:
        gen_branch(ctx, op == TOY_BEQ ? IR_EQ : IR_NE, rs, rt, rel);
        return true;
    case TOY_JMP:
        ir_goto_tb(ir, 0, rel, ctx->tb);
        return true;
    case TOY_JR: {
        ir_i64 t = ir_new_i64(ir);
        ir_extu_i32_i64(ir, t, regs[rs]);
        ir_st_i64(ir, t, ir->env, offsetof(struct cpu_common, pc));
        ir_goto_ptr(ir, regs[rs].t, ir_const_i32(ir, 0));
        return true;
    }
    case TOY_SYSCALL:
        tr_gen_exception(ctx, ctx->pc_next, EXCP_SYSCALL, 0, 0);
        return true;
    case TOY_HALT:
        tr_gen_exception(ctx, pc, EXCP_HALT, 0, 0);
        return true;
    case TOY_BKPT:
        tr_gen_exception(ctx, pc, EXCP_BKPT, 0, pc);
        return true;
    default:
        tr_gen_exception(ctx, pc, EXCP_UDEF, (int)w0, pc);
        return true;
    }
}

static void toy_translate(struct tr_ctx *ctx)
{
    struct ir *ir = ctx->ir;
    for (;;) {
        uint64_t pc = ctx->pc_next;
        uint32_t w0, w1;
        if (!tr_fetch32(ctx, pc, &w0) || !tr_fetch32(ctx, pc + 4, &w1)) {
            if (ctx->num_insns == 0)
                tr_gen_exception(ctx, pc, EXCP_SEGV, SEGV_MAPERR, pc);
            else
                ir_goto_tb(ir, 0, pc, ctx->tb);
            return;
        }
        ir_insn_start(ir, pc, 0);
        ctx->num_insns++;
        ctx->pc_next = pc + TOY_INSN_SIZE;
        if (translate_one(ctx, pc, w0, w1))
            return;
        if (tr_should_stop(ctx)) {
            ir_goto_tb(ir, 0, ctx->pc_next, ctx->tb);
            return;
        }
    }
}

static int toy_cpu_init(struct cpu_common *cpu, const char *model)
{
    struct toy_cpu *c = (struct toy_cpu *)cpu;
    memset(c->r, 0, sizeof c->r);
    return model && *model ? -EINVAL : 0;
}

static void toy_set_entry(struct cpu_common *cpu, uint64_t pc, uint64_t sp)
{
    struct toy_cpu *c = (struct toy_cpu *)cpu;
    cpu->pc = pc;
    c->r[15] = (uint32_t)sp;
}

static uint32_t toy_tb_flags(const struct cpu_common *cpu) { return 0; }

static void toy_dump(const struct cpu_common *cpu, FILE *f)
{
    const struct toy_cpu *c = (const struct toy_cpu *)cpu;
    fprintf(f, "pc=%08llx", (unsigned long long)cpu->pc);
    for (int i = 0; i < 16; i++)
        fprintf(f, " r%d=%08x", i, c->r[i]);
    fprintf(f, "\n");
}

static void toy_restore_state(struct cpu_common *cpu, uint64_t pc, uint64_t extra)
{
    cpu->pc = pc;
}

static void toy_disas_mode(uint32_t flags, int *arch, int *mode)
{
    /* no disassembler knows the toy ISA; -d in_asm is not used with it */
    *arch = 0;
    *mode = 0;
}

const struct target_ops toy_ops = {
    .name = "toy",
    .addr_bits = 32,
    .page_bits = 12,
    .task_size = 0xffff0000u,
    .cpu_size = sizeof(struct toy_cpu),
    .cpu_init = toy_cpu_init,
    .cpu_set_entry = toy_set_entry,
    .tb_flags = toy_tb_flags,
    .cpu_dump = toy_dump,
    .ir_init = toy_ir_init,
    .translate = toy_translate,
    .restore_state = toy_restore_state,
    .disas_mode = toy_disas_mode,
};

/* ---- assembler and memory set-up for the tests ---- */

uint64_t toy_encode(enum toy_op op, unsigned rd, unsigned rs, unsigned rt, uint32_t imm)
{
    uint32_t w0 = (uint32_t)op | (rd & 15) << 8 | (rs & 15) << 16 | (rt & 15) << 24;
    return (uint64_t)imm << 32 | w0;
}

uint64_t toy_emit(struct toy_asm *a, enum toy_op op, unsigned rd, unsigned rs, unsigned rt,
                  uint32_t imm)
{
    uint64_t at = a->pc, v = toy_encode(op, rd, rs, rt, imm);
    memcpy(g2h(at), &v, 8);
    a->pc += TOY_INSN_SIZE;
    return at;
}

void toy_patch_branch(uint64_t at, uint64_t target)
{
    uint32_t off = (uint32_t)(target - at);
    memcpy((char *)g2h(at) + 4, &off, 4);
}

int toy_map(uint64_t addr, uint64_t len, int page_flags)
{
    int prot = PROT_NONE;
    if (page_flags & (PAGE_READ | PAGE_EXEC))
        prot |= PROT_READ;
    if (page_flags & PAGE_WRITE)
        prot |= PROT_READ | PROT_WRITE;
    if (mmap(g2h(addr), len, prot, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
        return -errno;
    page_set_flags(addr, addr + len, page_flags | PAGE_VALID);
    return 0;
}
