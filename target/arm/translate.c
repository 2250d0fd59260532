/* The 32-bit ARM TB loop: fetches A32 or T32 instructions, makes them conditional
 * (condition field, IT blocks), hands each to its decoder and ends the TB.
 * The IT state is known at translate time inside a TB, so env's copy (which tb_flags
 * and signal frames read) is brought up to date only just before control leaves the
 * TB, and restore_state puts it back from the insn_start extra word after a fault. */
#include <signal.h>
#include <stddef.h>

#include "common/log.h"
#include "target/arm/flags-scan.h"
#include "target/arm/translate-entry.h"
#include "target/arm/translate-ops.h"
#include "tcg/page.h"

ir_i32 arm_r[16];
ir_i32 arm_NF, arm_ZF, arm_CF, arm_VF, arm_QF, arm_GE;
ir_i32 arm_CCOP, arm_CCA, arm_CCB;
ir_i32 arm_thumb_g;
ir_i64 arm_pc_g;
ir_i32 arm_excl_addr;
ir_i64 arm_excl_val;

/* Loop state the decoders do not see: they get the arm_dc inside. */
struct arm_tb {
    struct arm_dc dc;
    uint32_t it_tb;        /* ITSTATE at TB entry: what env holds until an exit stores */
    uint32_t it_insn;      /* ITSTATE at the start of the current instruction */
    bool has_skip;         /* the current instruction is conditional ... */
    ir_label skip;         /* ... and this label follows it */
};

static struct arm_tb *tb_of(struct arm_dc *s)
{
    return (struct arm_tb *)((char *)s - offsetof(struct arm_tb, dc));
}

/* Every context registers the same globals in the same order, so the indices agree;
 * writing them only when they differ keeps later threads' set-up free of races. */
static void keep32(ir_i32 *slot, ir_i32 v) { if (slot->t != v.t) *slot = v; }
static void keep64(ir_i64 *slot, ir_i64 v) { if (slot->t != v.t) *slot = v; }

void arm_ir_init(struct ir *ir)
{
    static const char *const names[15] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "fp", "ip", "sp", "lr",
    };
    for (int i = 0; i < 15; i++)
        keep32(&arm_r[i], ir_global_i32(ir, ARM_ENV_OFF(r) + 4 * i, names[i]));
    keep32(&arm_r[15], (ir_i32){ UINT16_MAX });    /* pc is never a global */
    keep32(&arm_NF, ir_global_i32(ir, ARM_ENV_OFF(NF), "NF"));
    keep32(&arm_ZF, ir_global_i32(ir, ARM_ENV_OFF(ZF), "ZF"));
    keep32(&arm_CF, ir_global_i32(ir, ARM_ENV_OFF(CF), "CF"));
    keep32(&arm_VF, ir_global_i32(ir, ARM_ENV_OFF(VF), "VF"));
    keep32(&arm_CCOP, ir_global_i32(ir, ARM_ENV_OFF(cc_op), "cc_op"));
    keep32(&arm_CCA, ir_global_i32(ir, ARM_ENV_OFF(cc_a), "cc_a"));
    keep32(&arm_CCB, ir_global_i32(ir, ARM_ENV_OFF(cc_b), "cc_b"));
    keep32(&arm_QF, ir_global_i32(ir, ARM_ENV_OFF(QF), "QF"));
    keep32(&arm_GE, ir_global_i32(ir, ARM_ENV_OFF(GE), "GE"));
    keep32(&arm_thumb_g, ir_global_i32(ir, ARM_ENV_OFF(thumb), "thumb"));
    keep64(&arm_pc_g, ir_global_i64(ir, (int)offsetof(struct cpu_common, pc), "pc"));
    keep32(&arm_excl_addr, ir_global_i32(ir, ARM_ENV_OFF(excl_addr), "excl_addr"));
    keep64(&arm_excl_val, ir_global_i64(ir, ARM_ENV_OFF(excl_val), "excl_val"));
    ir->pc_offset = (int)offsetof(struct cpu_common, pc);
}

/* --- IT state: ITSTATE[7:4] is the condition, [3:0] the mask (translate.h) --- */
static uint32_t it_get(const struct arm_dc *s)
{
    return s->condexec_cond << 4 | s->condexec_mask;
}

static void it_set(struct arm_dc *s, uint32_t it)
{
    s->condexec_cond = it >> 4;
    s->condexec_mask = it & 0xf;
}

/* ITAdvance of the ARM ARM. */
static uint32_t it_advance(uint32_t it)
{
    if ((it & 7) == 0)
        return 0;
    return (it & 0xe0) | ((it << 1) & 0x1f);
}

static void sync_it(struct arm_tb *t, uint32_t it)
{
    struct ir *ir = t->dc.ir;
    if (it != t->it_tb)
        ir_st_i32(ir, ir_const_i32(ir, it), ir->env, ARM_ENV_OFF(condexec));
}

/* --- registers --- */
ir_i32 arm_reg_ro(struct arm_dc *s, int reg)
{
    return reg == 15 ? arm_const(s, arm_pc_read(s)) : arm_r[reg];
}

ir_i32 arm_reg_ro_aligned(struct arm_dc *s, int reg)
{
    return reg == 15 ? arm_const(s, arm_pc_read(s) & ~3u) : arm_r[reg];
}

ir_i32 arm_load_reg(struct arm_dc *s, int reg)
{
    ir_i32 t = arm_tmp(s);
    if (reg == 15)
        ir_movi_i32(s->ir, t, arm_pc_read(s));
    else
        ir_mov_i32(s->ir, t, arm_r[reg]);
    return t;
}

void arm_release(struct arm_dc *s, ir_i32 v)
{
    uint8_t kind = s->ir->temps[v.t].kind;
    if (kind == IRK_EBB || kind == IRK_TB)
        arm_free(s, v);
}

void arm_store_reg(struct arm_dc *s, int reg, ir_i32 v, bool interwork)
{
    struct ir *ir = s->ir;
    if (reg != 15) {
        ir_mov_i32(ir, arm_r[reg], v);
        arm_release(s, v);
        return;
    }
    ir_i32 pc = arm_tmp(s);
    if (interwork) {
        ir_andi_i32(ir, arm_thumb_g, v, 1);
        ir_andi_i32(ir, pc, v, ~1u);
    } else {
        ir_andi_i32(ir, pc, v, s->thumb ? ~1u : ~3u);
    }
    ir_extu_i32_i64(ir, arm_pc_g, pc);
    arm_free(s, pc);
    arm_release(s, v);
    s->state = DISAS_JUMP;
}

void arm_store_reg_alu(struct arm_dc *s, int rd, ir_i32 v)
{
    arm_store_reg(s, rd, v, !s->thumb);
}

/* --- exits --- */

/* Before a direct exit to dest: flags the code there writes before reading need not be
 * kept, so their computation and stores die (flags-scan.h). */
static void discard_dead_flags(struct arm_dc *s, uint32_t dest, bool thumb, uint32_t it)
{
    if (it & 0xf)
        return;          /* inside an IT block, T16 data processing sets no flags */
    unsigned live = arm_flags_read_first(s->ctx, dest, thumb);
    struct ir *ir = s->ir;
    if (!(live & ARM_FLAG_N))
        ir_discard_i32(ir, arm_NF);
    if (!(live & ARM_FLAG_Z))
        ir_discard_i32(ir, arm_ZF);
    if (!(live & (ARM_FLAG_C | ARM_FLAG_V))) {
        ir_discard_i32(ir, arm_CF);
        ir_discard_i32(ir, arm_VF);
        ir_discard_i32(ir, arm_CCOP);
        ir_discard_i32(ir, arm_CCA);
        ir_discard_i32(ir, arm_CCB);
    }
}

void arm_gen_goto(struct arm_dc *s, uint32_t dest, bool thumb)
{
    struct arm_tb *t = tb_of(s);
    if (thumb != s->thumb)
        ir_movi_i32(s->ir, arm_thumb_g, thumb);
    sync_it(t, it_advance(t->it_insn));
    discard_dead_flags(s, dest, thumb, it_advance(t->it_insn));
    ir_goto_tb(s->ir, 0, dest, s->ctx->tb);
    s->state = DISAS_NORETURN;
}

void arm_gen_exception(struct arm_dc *s, int excp, uint32_t code, bool after)
{
    struct arm_tb *t = tb_of(s);
    sync_it(t, after ? it_advance(t->it_insn) : t->it_insn);
    tr_gen_exception(s->ctx, after ? s->ctx->pc_next : s->pc, excp, (int)code, s->pc);
    s->state = DISAS_NORETURN;
}

void arm_gen_udef(struct arm_dc *s)
{
    if (log_enabled(LOG_UNIMP))
        log_printf("arm: undefined instruction %0*x at 0x%08x (%s)\n",
                   s->thumb && s->insn < 0x10000 ? 4 : 8, s->insn, s->pc,
                   s->thumb ? "thumb" : "arm");
    arm_gen_exception(s, EXCP_UDEF, s->insn, false);
}

/* pc and thumb are stored: continue through the jump cache. */
static void gen_jump_ptr(struct arm_tb *t)
{
    struct arm_dc *s = &t->dc;
    uint32_t it = it_advance(t->it_insn);
    uint32_t flags = (s->ctx->flags & ~(0xff00u | ARM_TBF_THUMB)) | it << 8;
    sync_it(t, it);
    ir_i32 f = arm_tmp(s);
    ir_ori_i32(s->ir, f, arm_thumb_g, flags);
    ir_goto_ptr(s->ir, arm_pc_g.t, f);
    arm_free(s, f);
}

/* Translation-relevant state changed at run time: let the main loop look up pc_next. */
static void gen_update_exit(struct arm_tb *t)
{
    struct arm_dc *s = &t->dc;
    sync_it(t, it_advance(t->it_insn));
    ir_movi_i64(s->ir, arm_pc_g, s->ctx->pc_next);
    ir_exit_tb(s->ir, 0);
}

/* --- conditional execution --- */
void arm_skip_unless(struct arm_dc *s, unsigned cc)
{
    struct arm_tb *t = tb_of(s);
    if (cc >= 14 || t->has_skip)
        return;
    t->has_skip = true;
    t->skip = ir_new_label(s->ir);
    arm_gen_jump_cc(s, cc ^ 1, t->skip);
}

void arm_skip_unless_zero(struct arm_dc *s, int reg, bool zero)
{
    struct arm_tb *t = tb_of(s);
    if (t->has_skip)
        return;
    t->has_skip = true;
    t->skip = ir_new_label(s->ir);
    ir_brcondi_i32(s->ir, zero ? IR_NE : IR_EQ, arm_r[reg], 0, t->skip);
}

/* --- the loop --- */
static void begin_insn(struct arm_tb *t, uint32_t insn, unsigned len)
{
    struct arm_dc *s = &t->dc;
    s->insn = insn;
    t->it_insn = it_get(s);
    t->has_skip = false;
    s->cc_changed = false;
    s->ctx->pc_next = s->pc + len;
    ir_insn_start(s->ir, s->pc, t->it_insn | (s->thumb ? ARM_EXTRA_THUMB : 0));
}

static void end_insn(struct arm_tb *t)
{
    struct arm_dc *s = &t->dc;
    struct tr_ctx *ctx = s->ctx;
    if (s->state == DISAS_JUMP)
        gen_jump_ptr(t);
    else if (s->state == DISAS_UPDATE)
        gen_update_exit(t);
    if (t->it_insn & 0xf)
        it_set(s, it_advance(t->it_insn));
    if (t->has_skip) {
        /* past a conditional instruction that set flags, either state may hold */
        if (s->cc_changed)
            s->c_known = s->v_known = ARM_CC_UNKNOWN;
        ir_set_label(s->ir, t->skip);
        if (s->state != DISAS_NEXT) {
            sync_it(t, it_get(s));
            discard_dead_flags(s, (uint32_t)ctx->pc_next, s->thumb, it_get(s));
            ir_goto_tb(s->ir, 1, ctx->pc_next, ctx->tb);
            s->state = DISAS_NORETURN;
        }
    }
    ctx->num_insns++;
}

/* Code at addr cannot be fetched: fault if nothing was translated yet, else end the TB
 * before this instruction (the next TB starts with it and faults then). */
static bool fetch_failed(struct arm_tb *t, uint32_t addr)
{
    struct arm_dc *s = &t->dc;
    struct tr_ctx *ctx = s->ctx;
    if (ctx->num_insns > 0)
        return false;
    int code = (page_get_flags(addr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
    ctx->pc_next = s->pc + (s->thumb ? 2 : 4);
    ir_insn_start(s->ir, s->pc, t->it_tb | (s->thumb ? ARM_EXTRA_THUMB : 0));
    tr_gen_exception(ctx, s->pc, EXCP_SEGV, code, addr);
    s->state = DISAS_NORETURN;
    return false;
}

/* The breakpoint encodings the kernel claims from the undefined-instruction space
 * (arch/arm/kernel/ptrace.c): they raise SIGTRAP, not SIGILL. */
static bool is_linux_breakpoint(uint32_t insn, bool thumb, bool wide)
{
    if (!thumb)
        return (insn & 0x0fffffffu) == 0x07f001f0u;
    return wide ? insn == 0xf7f0a000u : insn == 0xde01u;
}

static bool a32_one(struct arm_tb *t)
{
    struct arm_dc *s = &t->dc;
    uint32_t insn;
    s->pc = (uint32_t)s->ctx->pc_next;
    if (!tr_fetch32(s->ctx, s->pc, &insn))
        return fetch_failed(t, s->pc);
    begin_insn(t, insn, 4);
    if (is_linux_breakpoint(insn, false, false)) {
        arm_gen_exception(s, EXCP_BKPT, insn, false);
    } else {
        arm_skip_unless(s, insn >> 28);   /* 1111 is the unconditional space */
        if (!arm_tr_a32(s, insn))
            arm_gen_udef(s);
    }
    end_insn(t);
    return true;
}

/* A T32 instruction is 32 bits wide when its first halfword starts 0b11101..0b11111. */
static bool thumb_one(struct arm_tb *t)
{
    struct arm_dc *s = &t->dc;
    uint16_t hw1, hw2 = 0;
    s->pc = (uint32_t)s->ctx->pc_next;
    if (!tr_fetch16(s->ctx, s->pc, &hw1))
        return fetch_failed(t, s->pc);
    bool wide = (hw1 >> 11) >= 0x1d;
    if (wide && !tr_fetch16(s->ctx, s->pc + 2, &hw2))
        return fetch_failed(t, s->pc + 2);
    begin_insn(t, wide ? (uint32_t)hw1 << 16 | hw2 : hw1, wide ? 4 : 2);
    if (is_linux_breakpoint(s->insn, true, wide)) {
        arm_gen_exception(s, EXCP_BKPT, s->insn, false);
    } else {
        if (s->condexec_mask)
            arm_skip_unless(s, s->condexec_cond);
        if (!(wide ? arm_tr_t32(s, s->insn) : arm_tr_t16(s, hw1)))
            arm_gen_udef(s);
    }
    end_insn(t);
    return true;
}

void arm_translate(struct tr_ctx *ctx)
{
    struct arm_tb t = { 0 };
    struct arm_dc *s = &t.dc;
    s->ctx = ctx;
    s->ir = ctx->ir;
    s->thumb = ctx->flags & ARM_TBF_THUMB;
    t.it_tb = (ctx->flags >> 8) & 0xff;
    it_set(s, t.it_tb);
    s->vec_len = (ctx->flags >> 16) & 7;
    s->vec_stride = (ctx->flags >> 20) & 3;
    s->state = DISAS_NEXT;
    s->c_known = s->v_known = ARM_CC_UNKNOWN;
    ctx->pc_next = ctx->pc;
    for (;;) {
        if (!(s->thumb ? thumb_one(&t) : a32_one(&t)))
            break;
        if (s->state != DISAS_NEXT || tr_should_stop(ctx))
            break;
    }
    if (s->state == DISAS_NEXT) {
        sync_it(&t, it_get(s));
        discard_dead_flags(s, (uint32_t)ctx->pc_next, s->thumb, it_get(s));
        ir_goto_tb(s->ir, 1, ctx->pc_next, ctx->tb);
    }
}
