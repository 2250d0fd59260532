/* The MIPS FPU front end: COP1 moves, arithmetic, comparisons, conversions and
 * conditional moves, COP1X indexed memory and multiply-add, lwc1/ldc1/swc1/sdc1.
 * FPRs live in the CPU state (cpu.h describes the FR=0 and FR=1 views); the FR mode is
 * a TB flag, so each TB knows which view its accesses use. Arithmetic goes to the
 * helpers of fpu.h, which may raise SIGFPE, so they are called with globals synced. */
#include "target/mips/fpu.h"
#include "target/mips/translate.h"

enum { CALL_FPU = CALL_NO_WRITE_GLOBALS };

static int fpr_off(unsigned n) { return MIPS_ENV_OFF(fpr) + 8 * (int)n; }

/* Single register n: the low word of FPR n in FR=1 mode; in FR=0 mode the even/odd
 * singles are the low/high words of the even 64-bit register (the host is little-endian). */
static int single_off(const struct mips_dc *s, unsigned n)
{
    return s->fr ? fpr_off(n) : fpr_off(n & ~1u) + 4 * (int)(n & 1);
}

static ir_i32 load_s(struct mips_dc *s, unsigned n)
{
    ir_i32 v = ir_new_i32(s->ir);
    ir_ld_i32(s->ir, v, s->ir->env, single_off(s, n));
    return v;
}

static void store_s(struct mips_dc *s, unsigned n, ir_i32 v)
{
    ir_st_i32(s->ir, v, s->ir->env, single_off(s, n));
}

/* In FR=0 mode double registers are the even ones: odd numbers are reserved. */
static bool dreg_ok(const struct mips_dc *s, unsigned n) { return s->fr || !(n & 1); }

static ir_i64 load_d(struct mips_dc *s, unsigned n)
{
    ir_i64 v = ir_new_i64(s->ir);
    ir_ld_i64(s->ir, v, s->ir->env, fpr_off(n));
    return v;
}

static void store_d(struct mips_dc *s, unsigned n, ir_i64 v)
{
    ir_st_i64(s->ir, v, s->ir->env, fpr_off(n));
}

/* The high word of double register n (mfhc1/mthc1), in either mode. */
static int high_off(unsigned n)
{
    return fpr_off(n) + 4;
}

static ir_i32 load_fcsr(struct mips_dc *s)
{
    ir_i32 v = ir_new_i32(s->ir);
    ir_ld_i32(s->ir, v, s->ir->env, MIPS_ENV_OFF(fcsr));
    return v;
}

tl mips_fcc_bit(struct mips_dc *s, unsigned cc)
{
    ir_i32 f = load_fcsr(s);
    ir_extract_i32(s->ir, f, f, cc ? FCSR_FCC1_SHIFT + cc - 1 : 23, 1);
    if (!s->w64)
        return (tl){ f.t };
    tl r = tl_new(s);
    ir_extu_i32_i64(s->ir, tl64(r), f);
    ir_free_i32(s->ir, f);
    return r;
}

tl mips_fp_branch_cond(struct mips_dc *s, uint32_t insn)
{
    tl bit = mips_fcc_bit(s, (insn >> 18) & 7), c = tl_new_tb(s);
    if (insn & (1 << 16))
        tl_mov(s, c, bit);
    else
        tl_xor(s, c, bit, tl_const(s, 1));
    tl_free(s, bit);
    return c;
}

/* --- moves between the register files and control registers --- */
static bool cop1_move(struct mips_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    unsigned fmt = f_rs(insn), rt = f_rt(insn), fs = f_rd(insn);
    if (insn & 0x7ff)
        return false;
    switch (fmt) {
    case 0: case 3: {                           /* mfc1, mfhc1 */
        ir_i32 v = ir_new_i32(ir);
        ir_ld_i32(ir, v, ir->env, fmt ? high_off(fs) : single_off(s, fs));
        if (rt)
            tl_set_s32(s, mips_gpr[rt], v);
        ir_free_i32(ir, v);
        return fmt == 0 || dreg_ok(s, fs);
    }
    case 4: case 7: {                           /* mtc1, mthc1 */
        if (fmt == 7 && !dreg_ok(s, fs))
            return false;
        ir_i32 v = tl_lo32(s, gpr_ro(s, rt));
        ir_st_i32(ir, v, ir->env, fmt == 7 ? high_off(fs) : single_off(s, fs));
        tl_lo32_done(s, gpr_ro(s, rt), v);
        return true;
    }
    case 1: case 5: {                           /* dmfc1, dmtc1 */
        if (!s->w64 || !dreg_ok(s, fs))
            return false;
        if (fmt == 5) {
            store_d(s, fs, tl64(gpr_ro(s, rt)));
            return true;
        }
        ir_i64 v = load_d(s, fs);
        gpr_set(s, rt, (tl){ v.t });
        ir_free_i64(ir, v);
        return true;
    }
    case 2: {                                   /* cfc1 */
        ir_i32 v = ir_new_i32(ir);
        ir_call2(ir, (void *)helper_mips_cfc1, CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS |
                 CALL_NO_RAISE, v.t, ir->env.t, ir_const_i32(ir, fs).t);
        if (rt)
            tl_set_s32(s, mips_gpr[rt], v);
        ir_free_i32(ir, v);
        return true;
    }
    case 6: {                                   /* ctc1 */
        ir_i32 v = tl_lo32(s, gpr_ro(s, rt));
        ir_call3(ir, (void *)helper_mips_ctc1, CALL_FPU, IR_NO_RET, ir->env.t,
                 ir_const_i32(ir, fs).t, v.t);
        tl_lo32_done(s, gpr_ro(s, rt), v);
        return true;
    }
    default:
        return false;
    }
}

/* --- arithmetic on S and D --- */
struct fregs { unsigned fd, fs, ft; bool dbl; };

static uint16_t load_f(struct mips_dc *s, unsigned n, bool dbl)
{
    return dbl ? load_d(s, n).t : load_s(s, n).t;
}

static void store_f(struct mips_dc *s, unsigned n, bool dbl, uint16_t v)
{
    if (dbl)
        store_d(s, n, (ir_i64){ v });
    else
        store_s(s, n, (ir_i32){ v });
}

static void free_f(struct mips_dc *s, bool dbl, uint16_t v)
{
    if (dbl)
        ir_free_i64(s->ir, (ir_i64){ v });
    else
        ir_free_i32(s->ir, (ir_i32){ v });
}

static uint16_t new_f(struct mips_dc *s, bool dbl)
{
    return dbl ? ir_new_i64(s->ir).t : ir_new_i32(s->ir).t;
}

static void arith(struct mips_dc *s, const struct fregs *r, unsigned op)
{
    struct ir *ir = s->ir;
    uint16_t a = load_f(s, r->fs, r->dbl);
    uint16_t b = op < FOP_SQRT ? load_f(s, r->ft, r->dbl) : a;
    uint16_t d = new_f(s, r->dbl);
    ir_call4(ir, r->dbl ? (void *)helper_mips_fop_d : (void *)helper_mips_fop_s, CALL_FPU, d,
             ir->env.t, ir_const_i32(ir, op).t, a, b);
    store_f(s, r->fd, r->dbl, d);
    free_f(s, r->dbl, d);
    if (b != a)
        free_f(s, r->dbl, b);
    free_f(s, r->dbl, a);
}

/* abs, mov, neg: bit operations that never signal (legacy FPUs included, as qemu). */
static void sign_op(struct mips_dc *s, const struct fregs *r, unsigned fn)
{
    struct ir *ir = s->ir;
    uint16_t v = load_f(s, r->fs, r->dbl);
    if (r->dbl) {
        ir_i64 x = { v };
        if (fn == 5)
            ir_andi_i64(ir, x, x, ~(1ull << 63));
        else if (fn == 7)
            ir_xor_i64(ir, x, x, ir_const_i64(ir, 1ull << 63));
    } else {
        ir_i32 x = { v };
        if (fn == 5)
            ir_andi_i32(ir, x, x, 0x7fffffffu);
        else if (fn == 7)
            ir_xori_i32(ir, x, x, 0x80000000u);
    }
    store_f(s, r->fd, r->dbl, v);
    free_f(s, r->dbl, v);
}

static void convert(struct mips_dc *s, unsigned fd, unsigned fs, unsigned from, unsigned to,
                    unsigned rnd)
{
    struct ir *ir = s->ir;
    bool src64 = from == FFMT_D || from == FFMT_L, dst64 = to == FFMT_D || to == FFMT_L;
    ir_i64 a = ir_new_i64(ir), d = ir_new_i64(ir);
    if (src64) {
        ir_i64 v = load_d(s, fs);
        ir_mov_i64(ir, a, v);
        ir_free_i64(ir, v);
    } else {
        ir_i32 v = load_s(s, fs);
        ir_extu_i32_i64(ir, a, v);
        ir_free_i32(ir, v);
    }
    ir_call3(ir, (void *)helper_mips_fcvt, CALL_FPU, d.t, ir->env.t,
             ir_const_i32(ir, from | to << 2 | rnd << 4).t, a.t);
    if (dst64) {
        store_d(s, fd, d);
    } else {
        ir_i32 w = ir_new_i32(ir);
        ir_extrl_i64_i32(ir, w, d);
        store_s(s, fd, w);
        ir_free_i32(ir, w);
    }
    ir_free_i64(ir, a);
    ir_free_i64(ir, d);
}

/* movf/movt/movz/movn.fmt: copy fs to fd when the condition holds (a branch over it). */
static void cond_fmove(struct mips_dc *s, const struct fregs *r, tl c, enum ir_cond skip_if)
{
    ir_label skip = ir_new_label(s->ir);
    tl_brcondi(s, skip_if, c, 0, skip);
    uint16_t v = load_f(s, r->fs, r->dbl);
    store_f(s, r->fd, r->dbl, v);
    free_f(s, r->dbl, v);
    ir_set_label(s->ir, skip);
}

static void compare(struct mips_dc *s, const struct fregs *r, unsigned cond, unsigned cc)
{
    struct ir *ir = s->ir;
    uint16_t a = load_f(s, r->fs, r->dbl), b = load_f(s, r->ft, r->dbl);
    ir_call4(ir, r->dbl ? (void *)helper_mips_fcmp_d : (void *)helper_mips_fcmp_s, CALL_FPU,
             IR_NO_RET, ir->env.t, ir_const_i32(ir, cond | cc << 4).t, a, b);
    free_f(s, r->dbl, a);
    free_f(s, r->dbl, b);
}

static bool fmt_sd(struct mips_dc *s, uint32_t insn, bool dbl)
{
    unsigned fn = f_funct(insn);
    struct fregs r = { f_sa(insn), f_rd(insn), f_rt(insn), dbl };
    if (dbl && (!dreg_ok(s, r.fd) || !dreg_ok(s, r.fs) ||
                ((fn <= 3 || fn >= 48) && !dreg_ok(s, r.ft))))
        return false;
    if (fn <= 3) {
        arith(s, &r, fn);
        return true;
    }
    switch (fn) {
    case 4: case 21: case 22:
        if (r.ft)
            return false;
        arith(s, &r, fn == 4 ? FOP_SQRT : fn == 21 ? FOP_RECIP : FOP_RSQRT);
        return true;
    case 5: case 6: case 7:
        sign_op(s, &r, fn);
        return r.ft == 0;
    case 8: case 9: case 10: case 11: case 12: case 13: case 14: case 15: {
        static const unsigned rnd[4] = { FRND_NEAREST, FRND_TRUNC, FRND_CEIL, FRND_FLOOR };
        bool wide = fn < 12;
        if (r.ft || (wide && !dreg_ok(s, r.fd)))
            return false;
        convert(s, r.fd, r.fs, dbl, wide ? FFMT_L : FFMT_W, rnd[fn & 3]);
        return true;
    }
    case 17: {
        tl c = mips_fcc_bit(s, (insn >> 18) & 7);
        cond_fmove(s, &r, c, insn & (1 << 16) ? IR_EQ : IR_NE);
        tl_free(s, c);
        return !(insn & (1 << 17));
    }
    case 18: cond_fmove(s, &r, gpr_ro(s, r.ft), IR_NE); return true;
    case 19: cond_fmove(s, &r, gpr_ro(s, r.ft), IR_EQ); return true;
    case 32: case 33: case 36: case 37: {
        unsigned to = fn == 32 ? FFMT_S : fn == 33 ? FFMT_D : fn == 36 ? FFMT_W : FFMT_L;
        if (r.ft || to == (unsigned)dbl || ((to == FFMT_D || to == FFMT_L) && !dreg_ok(s, r.fd)))
            return false;
        convert(s, r.fd, r.fs, dbl, to, FRND_CUR);
        return true;
    }
    default:
        if (fn < 48 || (r.fd & 3))
            return false;
        compare(s, &r, fn & 15, r.fd >> 2);
        return true;
    }
}

/* cvt.s/cvt.d of W and L values */
static bool fmt_wl(struct mips_dc *s, uint32_t insn, bool l)
{
    unsigned fn = f_funct(insn), fd = f_sa(insn), fs = f_rd(insn);
    if (f_rt(insn) || (fn != 32 && fn != 33))
        return false;
    if ((l && !dreg_ok(s, fs)) || (fn == 33 && !dreg_ok(s, fd)))
        return false;
    convert(s, fd, fs, l ? FFMT_L : FFMT_W, fn == 32 ? FFMT_S : FFMT_D, FRND_CUR);
    return true;
}

bool mips_tr_cop1(struct mips_dc *s, uint32_t insn)
{
    unsigned fmt = f_rs(insn);
    if (fmt < 8)
        return cop1_move(s, insn);
    switch (fmt) {
    case 16: return fmt_sd(s, insn, false);
    case 17: return fmt_sd(s, insn, true);
    case 20: return fmt_wl(s, insn, false);
    case 21: return fmt_wl(s, insn, true);
    default: return false;             /* bc1 is a branch (translate.c); no paired single */
    }
}

/* --- memory --- */
static void fp_load(struct mips_dc *s, unsigned ft, tl addr, bool dbl)
{
    struct ir *ir = s->ir;
    unsigned be = s->be ? MO_BE : 0;
    if (dbl) {
        ir_i64 v = ir_new_i64(ir);
        ir_qemu_ld_i64(ir, v, addr.t, MO_Q | be);
        store_d(s, ft, v);
        ir_free_i64(ir, v);
    } else {
        ir_i32 v = ir_new_i32(ir);
        ir_qemu_ld_i32(ir, v, addr.t, MO_UL | be);
        store_s(s, ft, v);
        ir_free_i32(ir, v);
    }
}

static void fp_store(struct mips_dc *s, unsigned ft, tl addr, bool dbl)
{
    struct ir *ir = s->ir;
    unsigned be = s->be ? MO_BE : 0;
    if (dbl) {
        ir_i64 v = load_d(s, ft);
        ir_qemu_st_i64(ir, v, addr.t, MO_Q | be);
        ir_free_i64(ir, v);
    } else {
        ir_i32 v = load_s(s, ft);
        ir_qemu_st_i32(ir, v, addr.t, MO_UL | be);
        ir_free_i32(ir, v);
    }
}

bool mips_tr_fpmem(struct mips_dc *s, uint32_t insn)
{
    unsigned op = insn >> 26, ft = f_rt(insn);
    bool dbl = op == 0x35 || op == 0x3d, st = op >= 0x39;
    if (dbl && !dreg_ok(s, ft))
        return false;
    tl addr = gen_addr(s, f_rs(insn), f_simm(insn));
    if (st)
        fp_store(s, ft, addr, dbl);
    else
        fp_load(s, ft, addr, dbl);
    tl_free(s, addr);
    return true;
}

static void gen_fma(struct mips_dc *s, uint32_t insn, unsigned op, bool dbl)
{
    struct ir *ir = s->ir;
    unsigned fr = f_rs(insn), ft = f_rt(insn), fs = f_rd(insn), fd = f_sa(insn);
    uint16_t a = load_f(s, fs, dbl), b = load_f(s, ft, dbl), c = load_f(s, fr, dbl);
    uint16_t d = new_f(s, dbl);
    uint16_t args[5] = { ir->env.t, ir_const_i32(ir, op).t, a, b, c };
    ir_call(ir, dbl ? (void *)helper_mips_fma_d : (void *)helper_mips_fma_s, CALL_FPU, d, 5,
            args);
    store_f(s, fd, dbl, d);
    free_f(s, dbl, d);
    free_f(s, dbl, a);
    free_f(s, dbl, b);
    free_f(s, dbl, c);
}

bool mips_tr_cop1x(struct mips_dc *s, uint32_t insn)
{
    unsigned fn = f_funct(insn), base = f_rs(insn), index = f_rt(insn);
    if (fn >= 32) {
        unsigned fmt = fn & 7, op = (fn >> 3) - 4;
        if (fmt > 1 || (fmt && (!dreg_ok(s, f_sa(insn)) || !dreg_ok(s, f_rd(insn)) ||
                                !dreg_ok(s, f_rt(insn)) || !dreg_ok(s, f_rs(insn)))))
            return false;
        gen_fma(s, insn, op, fmt);
        return true;
    }
    if (fn == 15)                                  /* prefx */
        return true;
    bool st = fn >= 8, dbl = (fn & 7) != 0, unaligned = (fn & 7) == 5;
    unsigned reg = st ? f_rd(insn) : f_sa(insn);
    if ((fn & 7) != 0 && (fn & 7) != 1 && (fn & 7) != 5)
        return false;
    if ((st && f_sa(insn)) || (!st && f_rd(insn)) || (dbl && !dreg_ok(s, reg)))
        return false;
    tl addr = tl_new(s);
    tl_add(s, addr, gpr_ro(s, base), gpr_ro(s, index));
    if (unaligned)
        tl_andi(s, addr, addr, ~7ull);
    mips_clean_addr(s, addr);
    if (st)
        fp_store(s, reg, addr, dbl);
    else
        fp_load(s, reg, addr, dbl);
    tl_free(s, addr);
    return true;
}
