/* The A64 TB loop and the services of translate-a64.h: register access, temps freed
 * per instruction, conditions on the split NZCV, exits, and guest address cleaning.
 *
 * Guest addresses. The guest gets a reserved window of the host address space
 * (a64_ops.guest_space bytes, 64 TiB: the host's 47-bit user space cannot hold the
 * 48-bit one of an arm64 process, and the window is the only way to keep guest
 * accesses out of crossrun's own memory). Generated code adds guest_base to a 64-bit
 * address, so every data address is first cleaned (a64_clean_addr): the top byte is
 * dropped, because Linux runs EL0 with top-byte-ignore and tagged pointers must work,
 * and an address beyond the window is replaced by one in page 0, which is never
 * mapped: a wild pointer gets SIGSEGV (at si_addr 0 + offset, the one imprecision)
 * instead of touching the host. The check is a compare and a conditional move, no
 * branch, so guest registers stay in host registers across it. */
#include <signal.h>
#include <stddef.h>

#include "common/log.h"
#include "target/arm/flags64-scan.h"
#include "target/arm/translate-a64-dec.h"
#include "target/arm/translate-a64-entry.h"
#include "tcg/page.h"

ir_i64 a64_x[32];
ir_i64 a64_NF, a64_ZF, a64_CF, a64_VF;
ir_i64 a64_pc_g;
ir_i64 a64_excl_addr, a64_excl_val, a64_excl_val2;

/* Every context registers the same globals in the same order, so the indices agree;
 * writing them only when they differ keeps later threads' set-up free of races. */
static void keep64(ir_i64 *slot, ir_i64 v)
{
    if (slot->t != v.t)
        *slot = v;
}

void a64_ir_init(struct ir *ir)
{
    static const char *const names[32] = {
        "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
        "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22",
        "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp",
    };
    for (int i = 0; i < 32; i++)
        keep64(&a64_x[i], ir_global_i64(ir, A64_ENV_OFF(x) + 8 * i, names[i]));
    keep64(&a64_NF, ir_global_i64(ir, A64_ENV_OFF(NF), "NF"));
    keep64(&a64_ZF, ir_global_i64(ir, A64_ENV_OFF(ZF), "ZF"));
    keep64(&a64_CF, ir_global_i64(ir, A64_ENV_OFF(CF), "CF"));
    keep64(&a64_VF, ir_global_i64(ir, A64_ENV_OFF(VF), "VF"));
    keep64(&a64_pc_g, ir_global_i64(ir, (int)offsetof(struct cpu_common, pc), "pc"));
    keep64(&a64_excl_addr, ir_global_i64(ir, A64_ENV_OFF(excl_addr), "excl_addr"));
    keep64(&a64_excl_val, ir_global_i64(ir, A64_ENV_OFF(excl_val), "excl_val"));
    keep64(&a64_excl_val2, ir_global_i64(ir, A64_ENV_OFF(excl_val2), "excl_val2"));
    ir->pc_offset = (int)offsetof(struct cpu_common, pc);
}

/* --- temps --- */

static void remember(struct a64_dc *s, uint16_t t)
{
    if (s->nb_auto < A64_MAX_AUTO_TEMPS)
        s->auto_temps[s->nb_auto++] = t;
}

ir_i64 a64_tmp(struct a64_dc *s)
{
    ir_i64 t = ir_new_i64(s->ir);
    remember(s, t.t);
    return t;
}

ir_i32 a64_tmp32(struct a64_dc *s)
{
    ir_i32 t = ir_new_i32(s->ir);
    remember(s, t.t);
    return t;
}

static void free_auto_temps(struct a64_dc *s)
{
    for (unsigned i = 0; i < s->nb_auto; i++) {
        uint16_t t = s->auto_temps[i];
        if (s->ir->temps[t].type == IR_I64)
            ir_free_i64(s->ir, (ir_i64){ t });
        else
            ir_free_i32(s->ir, (ir_i32){ t });
    }
    s->nb_auto = 0;
}

/* --- registers --- */

ir_i64 a64_xreg(struct a64_dc *s, int r)
{
    return r == 31 ? a64_const(s, 0) : a64_x[r];
}

ir_i64 a64_xreg_sp(struct a64_dc *s, int r)
{
    return a64_x[r];
}

static void forget_clean(struct a64_dc *s, int r)
{
    if (s->clean_valid & (1u << r)) {
        ir_free_i64(s->ir, s->clean_base[r]);
        s->clean_valid &= ~(1u << r);
    }
}

static void forget_all_clean(struct a64_dc *s)
{
    for (int r = 0; r < 32; r++)
        forget_clean(s, r);
}

void a64_set_reg_sp(struct a64_dc *s, int r, ir_i64 v, bool sf)
{
    forget_clean(s, r);
    if (sf)
        ir_mov_i64(s->ir, a64_x[r], v);
    else
        ir_ext32u_i64(s->ir, a64_x[r], v);
}

void a64_set_reg(struct a64_dc *s, int r, ir_i64 v, bool sf)
{
    if (r != 31)
        a64_set_reg_sp(s, r, v, sf);
}

/* --- exits --- */

void a64_gen_exception(struct a64_dc *s, int excp, int code, bool after)
{
    tr_gen_exception(s->ctx, after ? s->pc + 4 : s->pc, excp, code, s->pc);
    s->state = A64_NORETURN;
}

void a64_gen_udef(struct a64_dc *s)
{
    if (log_enabled(LOG_UNIMP))
        log_printf("aarch64: undefined instruction %08x at 0x%llx\n", s->insn,
                   (unsigned long long)s->pc);
    a64_gen_exception(s, EXCP_UDEF, (int)s->insn, false);
}

static void discard_global(struct ir *ir, ir_i64 g)
{
    uintptr_t a[1] = { g.t };
    ir_emit(ir, IR_discard, a, 1);
}

/* Flags the code at dest overwrites before reading need not survive this exit, so
 * their computation dies (flags64-scan.h). */
static void discard_dead_flags(struct a64_dc *s, uint64_t dest)
{
    unsigned live = a64_flags_read_first(s->ctx, dest);
    if (!(live & A64_FLAG_N))
        discard_global(s->ir, a64_NF);
    if (!(live & A64_FLAG_Z))
        discard_global(s->ir, a64_ZF);
    if (!(live & A64_FLAG_C))
        discard_global(s->ir, a64_CF);
    if (!(live & A64_FLAG_V))
        discard_global(s->ir, a64_VF);
}

void a64_gen_goto_slot(struct a64_dc *s, unsigned slot, uint64_t dest)
{
    discard_dead_flags(s, dest);
    ir_goto_tb(s->ir, slot, dest, s->ctx->tb);
    s->state = A64_NORETURN;
}

void a64_gen_goto(struct a64_dc *s, uint64_t dest)
{
    a64_gen_goto_slot(s, 0, dest);
}

/* The pc global holds the target: continue through the jump cache. FP state cannot
 * have changed inside the TB (MSR FPCR ends it), so the flags are the TB's own. */
static void gen_jump_ptr(struct a64_dc *s)
{
    ir_goto_ptr(s->ir, a64_pc_g.t, ir_const_i32(s->ir, s->tb_flags));
}

static void gen_update_exit(struct a64_dc *s)
{
    ir_movi_i64(s->ir, a64_pc_g, s->ctx->pc_next);
    ir_exit_tb(s->ir, 0);
}

/* --- NZCV --- */

void a64_forget_flags(struct a64_dc *s)
{
    if (!s->cc_insn)
        return;
    ir_free_i64(s->ir, s->cc_a);
    ir_free_i64(s->ir, s->cc_b);
    ir_free_i64(s->ir, s->cc_res);
    s->cc_insn = 0;
}

static ir_i64 snapshot(struct a64_dc *s, ir_i64 v)
{
    ir_i64 t = ir_new_i64(s->ir);
    ir_mov_i64(s->ir, t, v);
    return t;
}

void a64_note_flags(struct a64_dc *s, enum a64_cc_kind kind, ir_i64 a, ir_i64 b, ir_i64 res,
                    bool sf)
{
    a64_forget_flags(s);
    s->cc_a = snapshot(s, a);
    s->cc_b = snapshot(s, b);
    s->cc_res = snapshot(s, res);
    s->cc_kind = (uint8_t)kind;
    s->cc_sf = sf;
    s->cc_insn = s->ctx->num_insns + 1;
}

static ir_i64 sext32(struct a64_dc *s, ir_i64 v)
{
    ir_i64 t = a64_tmp(s);
    ir_ext32s_i64(s->ir, t, v);
    return t;
}

/* Conditions after a subtraction a - b: the comparison itself. Returns false for the
 * ones that need the result's sign or overflow (MI, PL, VS, VC). */
static bool cond_after_sub(struct a64_dc *s, unsigned cc, struct a64_cmp *c)
{
    static const int8_t map[8] = { IR_EQ, IR_GEU, -1, -1, IR_GTU, IR_GE, IR_GT, -1 };
    int m = map[(cc >> 1) & 7];
    if (m < 0)
        return false;
    c->cond = (enum ir_cond)m;
    c->a = s->cc_a;
    c->b = s->cc_b;
    if (!s->cc_sf && (m == IR_GE || m == IR_GT)) {      /* signed on 32-bit values */
        c->a = sext32(s, c->a);
        c->b = sext32(s, c->b);
    }
    return true;
}

/* Conditions after an addition res = a + b: Z, and (64-bit) N and C. */
static bool cond_after_add(struct a64_dc *s, unsigned cc, struct a64_cmp *c)
{
    switch (cc >> 1) {
    case 0: c->cond = IR_EQ; c->a = s->cc_res; c->b = a64_const(s, 0); return true;
    case 1: c->cond = IR_LTU; c->a = s->cc_res; c->b = s->cc_a; return s->cc_sf;
    case 2: c->cond = IR_LT; c->a = s->cc_res; c->b = a64_const(s, 0); return s->cc_sf;
    default: return false;
    }
}

/* Conditions after a logical operation: C and V are clear, N and Z come from NF. */
static bool cond_after_logic(struct a64_dc *s, unsigned cc, struct a64_cmp *c)
{
    static const int8_t map[8] = { IR_EQ, IR_NEVER, IR_LT, IR_NEVER, IR_NEVER, IR_GE, IR_GT,
                                   -1 };
    int m = map[(cc >> 1) & 7];
    if (m < 0)
        return false;
    c->cond = (enum ir_cond)m;
    c->a = a64_NF;
    c->b = a64_const(s, 0);
    return true;
}

/* A condition read right after the operation that set the flags, as one comparison of
 * its operands; false when that does not apply. */
static bool cond_from_operands(struct a64_dc *s, unsigned cc, struct a64_cmp *c)
{
    if (!s->cc_insn || s->cc_insn != s->ctx->num_insns || cc >= 14)
        return false;
    bool ok;
    switch (s->cc_kind) {
    case A64_CC_SUB: ok = cond_after_sub(s, cc, c); break;
    case A64_CC_ADD: ok = cond_after_add(s, cc, c); break;
    case A64_CC_LOGIC: ok = cond_after_logic(s, cc, c); break;
    default: ok = false; break;
    }
    if (ok && (cc & 1))
        c->cond = ir_cond_invert(c->cond);
    return ok;
}

void a64_cond_cmp(struct a64_dc *s, unsigned cc, struct a64_cmp *c)
{
    struct ir *ir = s->ir;
    ir_i64 t;
    if (cond_from_operands(s, cc, c))
        return;
    c->b = a64_const(s, 0);
    switch (cc >> 1) {
    case 0: c->cond = IR_EQ; c->a = a64_ZF; break;          /* EQ: Z */
    case 1: c->cond = IR_NE; c->a = a64_CF; break;          /* CS: C */
    case 2: c->cond = IR_LT; c->a = a64_NF; break;          /* MI: N */
    case 3: c->cond = IR_LT; c->a = a64_VF; break;          /* VS: V */
    case 4:                                                 /* HI: C && !Z */
        t = a64_tmp(s);
        ir_neg_i64(ir, t, a64_CF);
        ir_and_i64(ir, t, t, a64_ZF);
        c->cond = IR_NE;
        c->a = t;
        break;
    case 5:                                                 /* GE: N == V */
        t = a64_tmp(s);
        ir_xor_i64(ir, t, a64_NF, a64_VF);
        c->cond = IR_GE;
        c->a = t;
        break;
    case 6:                                                 /* GT: !Z && N == V */
        t = a64_tmp(s);
        ir_xor_i64(ir, t, a64_NF, a64_VF);
        ir_sari_i64(ir, t, t, 63);
        ir_andc_i64(ir, t, a64_ZF, t);
        c->cond = IR_NE;
        c->a = t;
        break;
    default:                                                /* AL, NV */
        c->cond = IR_ALWAYS;
        c->a = c->b;
        return;
    }
    if (cc & 1)
        c->cond = ir_cond_invert(c->cond);
}

void a64_gen_set_nzcv(struct a64_dc *s, ir_i64 v)
{
    struct ir *ir = s->ir;
    a64_forget_flags(s);
    ir_shli_i64(ir, a64_NF, v, 32);                   /* bit 31 -> 63 */
    ir_andi_i64(ir, a64_ZF, v, 1u << 30);
    ir_xor_i64(ir, a64_ZF, a64_ZF, a64_const(s, 1u << 30));   /* Z set: ZF = 0 */
    ir_extract_i64(ir, a64_CF, v, 29, 1);
    ir_shli_i64(ir, a64_VF, v, 35);                   /* bit 28 -> 63 */
}

ir_i64 a64_gen_get_nzcv(struct a64_dc *s)
{
    struct ir *ir = s->ir;
    ir_i64 r = a64_tmp(s), t = a64_tmp(s);
    ir_shri_i64(ir, r, a64_NF, 63);
    ir_shli_i64(ir, r, r, 31);
    ir_setcond_i64(ir, IR_EQ, t, a64_ZF, a64_const(s, 0));
    ir_shli_i64(ir, t, t, 30);
    ir_or_i64(ir, r, r, t);
    ir_shli_i64(ir, t, a64_CF, 29);
    ir_or_i64(ir, r, r, t);
    ir_shri_i64(ir, t, a64_VF, 63);
    ir_shli_i64(ir, t, t, 28);
    ir_or_i64(ir, r, r, t);
    return r;
}

/* --- addresses and memory --- */

/* Largest cleaned address: accesses of up to 64 bytes from it stay in the window. */
static uint64_t clean_limit(void)
{
    return guest_addr_max - 63;
}

ir_i64 a64_clean_addr(struct a64_dc *s, ir_i64 addr)
{
    struct ir *ir = s->ir;
    const struct ir_temp *at = &ir->temps[addr.t];
    if (at->kind == IRK_CONST) {
        uint64_t v = (uint64_t)at->val & ((1ull << 56) - 1);
        return a64_const(s, v > clean_limit() ? 0 : v);
    }
    ir_i64 t = a64_tmp(s), r = a64_tmp(s);
    /* an AND with a constant the host materializes off the dependency chain: one
     * cycle of latency where a 56-bit field extract takes two shifts */
    ir_andi_i64(ir, t, addr, (1ull << 56) - 1);
    ir_movcond_i64(ir, IR_GTU, r, t, a64_const(s, clean_limit()), a64_const(s, 0), t);
    return r;
}

ir_i64 a64_clean_base(struct a64_dc *s, int rn, int64_t off, unsigned bytes, unsigned *post)
{
    ir_i64 base = a64_addr_base(s, rn);
    if (off < 0 || off + bytes > 64) {
        ir_i64 a = a64_tmp(s);
        ir_addi_i64(s->ir, a, base, (uint64_t)off);
        *post = 0;
        return a64_clean_addr(s, a);
    }
    /* clean(B) + off equals clean(B + off) whenever the latter is in the window (no
     * carry reaches the tag byte below the limit); a wild B still lands in page 0 */
    if (!s->clean_cacheable) {
        *post = (unsigned)off;
        return a64_clean_addr(s, base);
    }
    if (!(s->clean_valid & (1u << rn))) {
        s->clean_base[rn] = ir_new_tb_i64(s->ir);
        ir_mov_i64(s->ir, s->clean_base[rn], a64_clean_addr(s, base));
        s->clean_valid |= 1u << rn;
    }
    *post = (unsigned)off;
    return s->clean_base[rn];
}

/* The plain loads and stores that may keep cleaned base registers: LDR/STR (unsigned
 * immediate), the imm9 forms (LDUR/STUR, pre/post-index, LDTR/STTR) and register pairs,
 * integer and SIMD&FP: straight-line code, so a kept value is defined on every path
 * after it. */
static bool plain_ldst(uint32_t insn)
{
    return (insn & 0x3b000000) == 0x39000000 || (insn & 0x3b200000) == 0x38000000
           || (insn & 0x3a000000) == 0x28000000;
}

/* Translators write X registers only through a64_set_reg_sp(), which forgets a kept
 * base; a helper that may write globals (ops from 'first' on) could change any. */
static void forget_clean_after_calls(struct a64_dc *s, uint32_t first)
{
    for (uint32_t i = first; i < s->ir->nb_ops && s->clean_valid; i++) {
        const struct ir_op *op = &s->ir->ops[i];
        if (op->opc == IR_call
            && !(op->args[op->nb_oargs + op->nb_iargs + 1] & CALL_NO_WRITE_GLOBALS))
            forget_all_clean(s);
    }
}

static ir_i64 at_offset(struct a64_dc *s, ir_i64 clean, unsigned off)
{
    if (!off)
        return clean;
    ir_i64 a = a64_tmp(s);
    ir_addi_i64(s->ir, a, clean, off);
    return a;
}

void a64_gen_ld(struct a64_dc *s, ir_i64 dst, ir_i64 clean, unsigned off, unsigned memop)
{
    ir_qemu_ld_i64(s->ir, dst, at_offset(s, clean, off).t, memop);
}

void a64_gen_st(struct a64_dc *s, ir_i64 val, ir_i64 clean, unsigned off, unsigned memop)
{
    ir_qemu_st_i64(s->ir, val, at_offset(s, clean, off).t, memop);
}

void a64_gen_ld_vreg(struct a64_dc *s, int t, ir_i64 clean, unsigned off, unsigned size_log2)
{
    struct ir *ir = s->ir;
    ir_i64 lo = a64_tmp(s), hi = a64_const(s, 0);
    a64_gen_ld(s, lo, clean, off, size_log2 > 3 ? MO_64 : size_log2);
    if (size_log2 > 3) {
        hi = a64_tmp(s);
        a64_gen_ld(s, hi, clean, off + 8, MO_64);
    }
    ir_st_i64(ir, lo, ir->env, a64_vreg_off(t));
    ir_st_i64(ir, hi, ir->env, a64_vreg_off(t) + 8);
}

void a64_gen_st_vreg(struct a64_dc *s, int t, ir_i64 clean, unsigned off, unsigned size_log2)
{
    struct ir *ir = s->ir;
    ir_i64 v = a64_tmp(s);
    ir_ld_i64(ir, v, ir->env, a64_vreg_off(t));
    a64_gen_st(s, v, clean, off, size_log2 > 3 ? MO_64 : size_log2);
    if (size_log2 > 3) {
        ir_ld_i64(ir, v, ir->env, a64_vreg_off(t) + 8);
        a64_gen_st(s, v, clean, off + 8, MO_64);
    }
}

/* --- the loop --- */

/* One instruction by its major group, bits 28:25 (the A64 top-level table). */
static bool decode(struct a64_dc *s, uint32_t insn)
{
    switch ((insn >> 25) & 0xf) {
    case 0x8: case 0x9:
        return a64_tr_dp_imm(s, insn);
    case 0xa: case 0xb:
        return a64_tr_branch_sys(s, insn);
    case 0x4: case 0x6: case 0xc: case 0xe:
        if ((insn & 0xbe000000) == 0x0c000000)
            return a64_tr_simd_ldst(s, insn);
        return a64_tr_ldst(s, insn);
    case 0x5: case 0xd:
        return a64_tr_dp_reg(s, insn);
    case 0x7: case 0xf:
        return a64_tr_crypto(s, insn) || a64_tr_fp(s, insn) || a64_tr_simd(s, insn);
    default:            /* UDF, SME, SVE and unallocated space */
        return false;
    }
}

/* Code at pc cannot be run: fault if nothing was translated yet, else end the TB
 * before it (the next TB starts there and faults then). A misaligned pc is a PC
 * alignment fault: SIGBUS, as the kernel reports it. */
static bool fetch_failed(struct a64_dc *s, bool misaligned)
{
    struct tr_ctx *ctx = s->ctx;
    if (ctx->num_insns > 0)
        return false;
    ctx->pc_next = s->pc + 4;
    ir_insn_start(s->ir, s->pc, 0);
    if (misaligned)
        tr_gen_exception(ctx, s->pc, EXCP_BUS, BUS_ADRALN, s->pc);
    else
        tr_gen_exception(ctx, s->pc, EXCP_SEGV,
                         (page_get_flags(s->pc) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR,
                         s->pc);
    s->state = A64_NORETURN;
    return false;
}

static bool translate_one(struct a64_dc *s)
{
    struct tr_ctx *ctx = s->ctx;
    uint32_t insn;
    s->pc = ctx->pc_next;
    if (s->pc & 3)
        return fetch_failed(s, true);
    if (!tr_fetch32(ctx, s->pc, &insn))
        return fetch_failed(s, false);
    s->insn = insn;
    ctx->pc_next = s->pc + 4;
    if (s->cc_insn && s->cc_insn != ctx->num_insns)
        a64_forget_flags(s);             /* only the next instruction may use them */
    ir_insn_start(s->ir, s->pc, 0);
    s->clean_cacheable = plain_ldst(insn);
    uint32_t first_op = s->ir->nb_ops;
    if (!decode(s, insn))
        a64_gen_udef(s);
    forget_clean_after_calls(s, first_op);
    free_auto_temps(s);
    if (s->state == A64_JUMP)
        gen_jump_ptr(s);
    else if (s->state == A64_UPDATE)
        gen_update_exit(s);
    ctx->num_insns++;
    return true;
}

void a64_translate(struct tr_ctx *ctx)
{
    struct a64_dc dc = { 0 };
    struct a64_dc *s = &dc;
    s->ctx = ctx;
    s->ir = ctx->ir;
    s->tb_flags = ctx->flags;
    s->state = A64_NEXT;
    ctx->pc_next = ctx->pc;
    for (;;) {
        if (!translate_one(s))
            break;
        if (s->state != A64_NEXT || tr_should_stop(ctx))
            break;
    }
    if (s->state == A64_NEXT)
        a64_gen_goto_slot(s, 1, ctx->pc_next);
}
