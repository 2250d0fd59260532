/* The MIPS TB loop: fetch in guest byte order, branches and jumps with their delay
 * slots, and the block exits.
 * A branch and its delay slot are translated as one unit: the branch's condition (or
 * jump target) is computed into a TB temp first, the link register is written, then the
 * delay-slot instruction is translated with its own insn_start whose extra word says
 * "delay slot", and only then the exits. A fault or exception in the delay slot thus
 * leaves the branch's sources untouched, and restore_state moves the pc back to the
 * branch, exactly where Linux's EPC points (Cause.BD): the branch runs again when the
 * signal handler returns. Branch-likely skips the delay slot when not taken. */
#include <signal.h>
#include <stddef.h>

#include "common/log.h"
#include "target/mips/translate-entry.h"
#include "target/mips/translate.h"
#include "tcg/page.h"

tl mips_gpr[32];
tl mips_hi, mips_lo, mips_lladdr, mips_llval;
ir_i64 mips_pc_g;

static const char *const gpr_names[32] = {
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5",
    "t6", "t7", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1",
    "gp", "sp", "fp", "ra",
};

/* Every context registers the same globals in the same order, so the indices agree;
 * writing them only when they differ keeps later threads' set-up free of races. */
static void keep(tl *slot, uint16_t t) { if (slot->t != t) slot->t = t; }

static uint16_t global(struct ir *ir, int off, const char *name)
{
    if (ir->guest_addr_bits == 64)
        return ir_global_i64(ir, off, name).t;
    return ir_global_i32(ir, off, name).t;     /* the low word: the host is little-endian */
}

void mips_ir_init(struct ir *ir)
{
    keep(&mips_gpr[0], UINT16_MAX);            /* $zero is never a global */
    for (int i = 1; i < 32; i++)
        keep(&mips_gpr[i], global(ir, MIPS_ENV_OFF(gpr) + 8 * i, gpr_names[i]));
    keep(&mips_hi, global(ir, MIPS_ENV_OFF(hi), "hi"));
    keep(&mips_lo, global(ir, MIPS_ENV_OFF(lo), "lo"));
    keep(&mips_lladdr, global(ir, MIPS_ENV_OFF(lladdr), "lladdr"));
    keep(&mips_llval, global(ir, MIPS_ENV_OFF(llval), "llval"));
    ir_i64 pc = ir_global_i64(ir, (int)offsetof(struct cpu_common, pc), "pc");
    if (mips_pc_g.t != pc.t)
        mips_pc_g = pc;
    ir->pc_offset = (int)offsetof(struct cpu_common, pc);
}

/* --- registers --- */
tl gpr_ro(struct mips_dc *s, unsigned r)
{
    return r ? mips_gpr[r] : tl_const(s, 0);
}

void gpr_set(struct mips_dc *s, unsigned r, tl v)
{
    if (r)
        tl_mov(s, mips_gpr[r], v);
}

tl gen_addr(struct mips_dc *s, unsigned base, int64_t off)
{
    tl a = tl_new(s);
    tl_addi(s, a, gpr_ro(s, base), (uint64_t)off);
    /* 32-bit guests wrap at 4 GiB by the i32 add; 64-bit ones use the full sum. */
    mips_clean_addr(s, a);
    return a;
}

/* 64-bit guests live in a window of guest_addr_max + 1 bytes (mips64el_ops.guest_space)
 * with an unmapped guard after it; generated code adds guest_base to the whole 64-bit
 * address, so one beyond the window (a kernel-segment address, a wild pointer) becomes
 * 0, in the never-mapped page 0: the guest gets SIGSEGV, as the CPU's address error
 * gives it, instead of the access reaching crossrun's own memory. A compare and a
 * conditional move, no branch. */
void mips_clean_addr(struct mips_dc *s, tl a)
{
    if (s->w64)
        tl_movcond(s, IR_GTU, a, a, tl_const(s, guest_addr_max), tl_const(s, 0), a);
}

/* --- exits --- */
static uint64_t excp_pc(const struct mips_dc *s)
{
    return s->in_ds ? s->pc - 4 : s->pc;
}

void gen_excp(struct mips_dc *s, int excp, int code)
{
    tr_gen_exception(s->ctx, excp_pc(s), excp, code, excp_pc(s));
    s->state = DISAS_NORETURN;
}

void gen_excp_if(struct mips_dc *s, enum ir_cond c, tl a, tl b, int excp, int code)
{
    ir_label skip = ir_new_label(s->ir);
    tl_brcond(s, ir_cond_invert(c), a, b, skip);
    tr_gen_exception(s->ctx, excp_pc(s), excp, code, excp_pc(s));
    ir_set_label(s->ir, skip);
}

void gen_reserved(struct mips_dc *s)
{
    if (log_enabled(LOG_UNIMP))
        log_printf("mips: reserved instruction %08x at 0x%08llx\n", s->insn,
                   (unsigned long long)s->pc);
    tr_gen_exception(s->ctx, excp_pc(s), EXCP_UDEF, (int)s->insn, excp_pc(s));
    s->state = DISAS_NORETURN;
}

static void store_pc(struct mips_dc *s, tl v)
{
    if (s->w64)
        ir_mov_i64(s->ir, mips_pc_g, tl64(v));
    else
        ir_extu_i32_i64(s->ir, mips_pc_g, tl32(v));
}

/* --- fetch --- */
static bool fetch(struct mips_dc *s, uint64_t pc, uint32_t *insn)
{
    if (!tr_fetch32(s->ctx, pc, insn))
        return false;
    if (s->be)
        *insn = __builtin_bswap32(*insn);
    return true;
}

/* The instruction at pc cannot be fetched (addr is the word that failed): fault if
 * nothing was translated yet, else end the TB before it. */
static bool fetch_failed(struct mips_dc *s, uint64_t pc, uint64_t addr)
{
    struct tr_ctx *ctx = s->ctx;
    if (ctx->num_insns > 0)
        return false;
    int code = (page_get_flags(addr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
    ctx->pc_next = pc + 4;
    ir_insn_start(s->ir, pc, 0);
    tr_gen_exception(ctx, pc, EXCP_SEGV, code, addr);
    s->state = DISAS_NORETURN;
    return false;
}

/* --- one non-branch instruction --- */
static bool decode(struct mips_dc *s, uint32_t insn)
{
    switch (insn >> 26) {
    case 0x00: return mips_tr_special(s, insn);
    case 0x01: return mips_tr_regimm_trap(s, insn);
    case 0x11: return mips_tr_cop1(s, insn);
    case 0x13: return mips_tr_cop1x(s, insn);
    case 0x1c: return mips_tr_special2(s, insn);
    case 0x1f: return mips_tr_special3(s, insn);
    case 0x31: case 0x35: case 0x39: case 0x3d: return mips_tr_fpmem(s, insn);
    default:
        if ((insn >> 26) >= 0x08 && (insn >> 26) <= 0x0f)
            return mips_tr_imm(s, insn);
        if ((insn >> 26) == 0x18 || (insn >> 26) == 0x19)
            return mips_tr_imm(s, insn);
        return mips_tr_mem(s, insn);
    }
}

/* --- branches --- */
enum br_kind { BR_NONE, BR_ALWAYS, BR_COND, BR_REG };

struct branch {
    enum br_kind kind;
    bool likely;
    unsigned link;            /* register written with pc + 8, or 0 */
    uint64_t target;          /* BR_ALWAYS, BR_COND */
    tl cond;                  /* BR_COND: TB temp, non-zero when taken */
    tl dest;                  /* BR_REG: TB temp holding the target */
};

static uint64_t rel_target(const struct mips_dc *s, uint32_t insn)
{
    return s->pc + 4 + (uint64_t)((int64_t)f_simm(insn) * 4);
}

/* cond = (rs cmp rt) into a TB temp; an always-true comparison becomes BR_ALWAYS. */
static void cond_branch(struct mips_dc *s, struct branch *b, enum ir_cond c, unsigned rs,
                        unsigned rt)
{
    if (rs == rt && (c == IR_EQ || c == IR_GE || c == IR_LE)) {
        b->kind = BR_ALWAYS;
        return;
    }
    b->kind = BR_COND;
    b->cond = tl_new_tb(s);
    tl_setcond(s, c, b->cond, gpr_ro(s, rs), gpr_ro(s, rt));
}

/* REGIMM branches: bltz, bgez, (l)ikely, (al) link. */
static bool regimm_branch(struct mips_dc *s, uint32_t insn, struct branch *b)
{
    unsigned rt = f_rt(insn);
    if ((rt & 0x0c) || rt > 0x13)
        return false;
    b->target = rel_target(s, insn);
    b->likely = rt & 2;
    cond_branch(s, b, rt & 1 ? IR_GE : IR_LT, f_rs(insn), 0);
    if (rt & 0x10)
        b->link = 31;
    return true;
}

/* Decodes a branch or jump (and evaluates its condition/target); false if insn is none. */
static bool decode_branch(struct mips_dc *s, uint32_t insn, struct branch *b)
{
    unsigned op = insn >> 26, rs = f_rs(insn), rt = f_rt(insn);
    *b = (struct branch){ BR_NONE, false, 0, 0, { 0 }, { 0 } };
    switch (op) {
    case 0x00:
        if (f_funct(insn) != 8 && f_funct(insn) != 9)
            return false;
        b->kind = BR_REG;
        b->dest = tl_new_tb(s);
        tl_mov(s, b->dest, gpr_ro(s, rs));
        b->link = f_funct(insn) == 9 ? f_rd(insn) : 0;
        return true;
    case 0x01:
        return regimm_branch(s, insn, b);
    case 0x02: case 0x03:
        b->kind = BR_ALWAYS;
        b->target = ((s->pc + 4) & ~0x0fffffffull) | (uint64_t)(insn & 0x03ffffff) << 2;
        b->link = op == 0x03 ? 31 : 0;
        return true;
    case 0x04: case 0x14: case 0x05: case 0x15:
        b->target = rel_target(s, insn);
        b->likely = op & 0x10;
        cond_branch(s, b, op & 1 ? IR_NE : IR_EQ, rs, rt);
        return true;
    case 0x06: case 0x16: case 0x07: case 0x17:
        b->target = rel_target(s, insn);
        b->likely = op & 0x10;
        cond_branch(s, b, op & 1 ? IR_GT : IR_LE, rs, 0);
        return true;
    case 0x11:
        if (rs != 8)
            return false;
        b->kind = BR_COND;
        b->target = rel_target(s, insn);
        b->likely = insn & (1 << 17);
        b->cond = mips_fp_branch_cond(s, insn);
        return true;
    default:
        return false;
    }
}

static bool is_branch(uint32_t insn)
{
    unsigned op = insn >> 26;
    switch (op) {
    case 0x00: return f_funct(insn) == 8 || f_funct(insn) == 9;
    case 0x01: return (f_rt(insn) & 0x0c) == 0 && f_rt(insn) <= 0x13;
    case 0x02: case 0x03: case 0x04: case 0x05: case 0x06: case 0x07:
    case 0x14: case 0x15: case 0x16: case 0x17:
        return true;
    case 0x11: return f_rs(insn) == 8;
    default: return false;
    }
}

static void delay_slot(struct mips_dc *s, uint64_t pc, uint32_t insn)
{
    s->pc = pc;
    s->insn = insn;
    s->in_ds = true;
    ir_insn_start(s->ir, pc, MIPS_EXTRA_DELAY_SLOT);
    /* A branch in a delay slot is UNPREDICTABLE; SIGILL says so loudly. */
    if (is_branch(insn) || !decode(s, insn))
        gen_reserved(s);
    s->in_ds = false;
}

static void branch_exits(struct mips_dc *s, struct branch *b, uint64_t fallthrough)
{
    struct ir *ir = s->ir;
    switch (b->kind) {
    case BR_ALWAYS:
        ir_goto_tb(ir, 0, b->target, s->ctx->tb);
        break;
    case BR_REG:
        store_pc(s, b->dest);
        ir_goto_ptr(ir, mips_pc_g.t, ir_const_i32(ir, s->ctx->flags));
        break;
    default: {
        ir_label not_taken = ir_new_label(ir);
        tl_brcondi(s, IR_EQ, b->cond, 0, not_taken);
        ir_goto_tb(ir, 0, b->target, s->ctx->tb);
        ir_set_label(ir, not_taken);
        ir_goto_tb(ir, 1, fallthrough, s->ctx->tb);
        break;
    }
    }
}

static void branch_unit(struct mips_dc *s, uint32_t insn, uint32_t ds_insn)
{
    struct branch b;
    uint64_t pc = s->pc;
    decode_branch(s, insn, &b);
    if (b.link)
        gpr_set(s, b.link, tl_const(s, pc + 8));
    ir_label skip_ds = { 0 };
    if (b.likely && b.kind == BR_COND) {
        skip_ds = ir_new_label(s->ir);
        tl_brcondi(s, IR_EQ, b.cond, 0, skip_ds);
    }
    delay_slot(s, pc + 4, ds_insn);
    s->pc = pc;
    if (s->state == DISAS_NORETURN && !(b.likely && b.kind == BR_COND))
        return;
    if (s->state == DISAS_NORETURN) {          /* likely: only the taken path raised */
        ir_set_label(s->ir, skip_ds);
        ir_goto_tb(s->ir, 1, pc + 8, s->ctx->tb);
        return;
    }
    if (b.likely && b.kind == BR_COND) {
        ir_goto_tb(s->ir, 0, b.target, s->ctx->tb);
        ir_set_label(s->ir, skip_ds);
        ir_goto_tb(s->ir, 1, pc + 8, s->ctx->tb);
    } else {
        branch_exits(s, &b, pc + 8);
    }
    s->state = DISAS_NORETURN;
}

/* --- the loop --- */
static bool one_insn(struct mips_dc *s)
{
    struct tr_ctx *ctx = s->ctx;
    uint32_t insn, ds_insn = 0;
    s->pc = ctx->pc_next;
    if (!fetch(s, s->pc, &insn))
        return fetch_failed(s, s->pc, s->pc);
    bool br = is_branch(insn);
    if (br && !fetch(s, s->pc + 4, &ds_insn))
        return fetch_failed(s, s->pc, s->pc + 4);
    s->insn = insn;
    ctx->pc_next = s->pc + (br ? 8 : 4);
    ir_insn_start(s->ir, s->pc, 0);
    if (br) {
        branch_unit(s, insn, ds_insn);
        ctx->num_insns++;
    } else if (!decode(s, insn)) {
        gen_reserved(s);
    }
    ctx->num_insns++;
    return true;
}

void mips_translate(struct tr_ctx *ctx)
{
    struct mips_dc s = { 0 };
    s.ctx = ctx;
    s.ir = ctx->ir;
    s.w64 = ctx->flags & MIPS_TBF_64;
    s.be = ctx->flags & MIPS_TBF_BE;
    s.fr = ctx->flags & MIPS_TBF_FR;
    s.state = DISAS_NEXT;
    ctx->pc_next = ctx->pc;
    if (ctx->pc & 3) {                  /* address error on fetch: SIGBUS, as Linux */
        ctx->pc_next = ctx->pc + 4;
        ir_insn_start(s.ir, ctx->pc, 0);
        tr_gen_exception(ctx, ctx->pc, EXCP_BUS, BUS_ADRALN, ctx->pc);
        return;
    }
    for (;;) {
        if (!one_insn(&s))
            break;
        if (s.state != DISAS_NEXT || tr_should_stop(ctx))
            break;
    }
    if (s.state == DISAS_NEXT)
        ir_goto_tb(s.ir, 1, ctx->pc_next, ctx->tb);
    else if (s.state == DISAS_UPDATE) {
        ir_movi_i64(s.ir, mips_pc_g, ctx->pc_next);
        ir_exit_tb(s.ir, 0);
    }
}
