/* MIPS FPU semantics on an x86-64 host (contract in fpu.h).
 *
 * The host computes each correctly rounded IEEE result under FCSR.RM with every
 * exception masked; this file supplies what MIPS's legacy-NaN FPU defines differently:
 *  - NaN encoding: a NaN with the top fraction bit set is signalling on MIPS and quiet
 *    on x86, so the invalid flag for NaN operands is decided here from the MIPS view,
 *    and every NaN result is the MIPS default NaN (no payload propagation);
 *  - invalid float-to-integer conversions give the maximum positive integer (x86 gives
 *    the minimum);
 *  - MXCSR's IE/ZE/OE/UE/PE become the V/Z/O/U/I bits of FCSR's fields.
 * Empty asm statements pin values in registers between the MXCSR switches so the
 * compiler cannot move the arithmetic outside them. */
#include "target/mips/fpu.h"

#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <xmmintrin.h>
#include <emmintrin.h>

#include "target/mips/cpu.h"
#include "tcg/exec.h"

enum { MX_IE = 1, MX_ZE = 4, MX_OE = 8, MX_UE = 16, MX_PE = 32, MX_ALL_MASKED = 0x1f80,
       MX_RC_SHIFT = 13 };
/* MIPS RM order is nearest, zero, +inf, -inf; MXCSR.RC is nearest, -inf, +inf, zero. */
static const unsigned mx_rc[4] = { 0, 3, 2, 1 };

static inline void pin_f(float *x) { __asm__ volatile("" : "+x"(*x)); }
static inline void pin_d(double *x) { __asm__ volatile("" : "+x"(*x)); }

static float u2f(uint32_t v) { float f; memcpy(&f, &v, 4); return f; }
static uint32_t f2u(float f) { uint32_t v; memcpy(&v, &f, 4); return v; }
static double u2d(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static uint64_t d2u(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }

static bool nan32(uint32_t x) { return (x & 0x7f800000u) == 0x7f800000u && (x & 0x7fffffu); }
static bool snan32(uint32_t x) { return nan32(x) && (x & 0x400000u); }
static bool nan64(uint64_t x)
{
    return (x & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (x & 0xfffffffffffffull);
}
static bool snan64(uint64_t x) { return nan64(x) && (x & 0x8000000000000ull); }

static unsigned mx_begin(const struct mips_cpu *env)
{
    unsigned saved = _mm_getcsr();
    _mm_setcsr(MX_ALL_MASKED | mx_rc[env->fcsr & FCSR_RM] << MX_RC_SHIFT);
    return saved;
}

static unsigned mx_end(unsigned saved)
{
    unsigned mx = _mm_getcsr();
    _mm_setcsr(saved);
    return (mx & MX_PE ? FPX_I : 0) | (mx & MX_UE ? FPX_U : 0) | (mx & MX_OE ? FPX_O : 0) |
           (mx & MX_ZE ? FPX_Z : 0) | (mx & MX_IE ? FPX_V : 0);
}

/* With NaN operands the host's invalid flag means the opposite NaN kind: decide it from
 * the MIPS encoding (only signalling NaNs are invalid operands). */
static unsigned nan_operands(unsigned fl, bool any_nan, bool any_snan)
{
    if (!any_nan)
        return fl;
    return (fl & ~FPX_V) | (any_snan ? FPX_V : 0);
}

static int si_code_of(unsigned x)
{
    if (x & FPX_V) return FPE_FLTINV;
    if (x & FPX_Z) return FPE_FLTDIV;
    if (x & FPX_O) return FPE_FLTOVF;
    if (x & FPX_U) return FPE_FLTUND;
    return FPE_FLTRES;
}

/* Cause = fl; trap if enabled (the destination is left alone), else accumulate. */
static void finish(struct mips_cpu *env, unsigned fl, uintptr_t ra)
{
    uint32_t f = (env->fcsr & ~(0x3fu << FCSR_CAUSE_SHIFT)) | fl << FCSR_CAUSE_SHIFT;
    unsigned trapped = fl & (env->fcsr >> FCSR_ENABLES_SHIFT) & 0x1f;
    if (trapped) {
        env->fcsr = f;
        env->c.excp_code = si_code_of(trapped);
        cpu_raise(&env->c, EXCP_FPE, ra);
    }
    env->fcsr = f | fl << FCSR_FLAGS_SHIFT;
}

/* --- arithmetic --- */
static uint32_t op_s(const struct mips_cpu *env, unsigned op, uint32_t a, uint32_t b,
                     unsigned *fl)
{
    float x = u2f(a), y = u2f(b), r;
    unsigned saved = mx_begin(env);
    pin_f(&x);
    pin_f(&y);
    switch (op) {
    case FOP_ADD: r = x + y; break;
    case FOP_SUB: r = x - y; break;
    case FOP_MUL: r = x * y; break;
    case FOP_DIV: r = x / y; break;
    case FOP_SQRT: r = _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(x))); break;
    case FOP_RECIP: r = 1.0f / x; break;
    default:                        /* rsqrt: the square root, then the division */
        r = _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(x)));
        pin_f(&r);
        r = 1.0f / r;
        break;
    }
    pin_f(&r);
    *fl = mx_end(saved);
    bool unary = op >= FOP_SQRT;
    *fl = nan_operands(*fl, nan32(a) || (!unary && nan32(b)),
                       snan32(a) || (!unary && snan32(b)));
    uint32_t res = f2u(r);
    return nan32(res) ? MIPS_DEFAULT_NAN32 : res;
}

static uint64_t op_d(const struct mips_cpu *env, unsigned op, uint64_t a, uint64_t b,
                     unsigned *fl)
{
    double x = u2d(a), y = u2d(b), r;
    unsigned saved = mx_begin(env);
    pin_d(&x);
    pin_d(&y);
    switch (op) {
    case FOP_ADD: r = x + y; break;
    case FOP_SUB: r = x - y; break;
    case FOP_MUL: r = x * y; break;
    case FOP_DIV: r = x / y; break;
    case FOP_SQRT: r = _mm_cvtsd_f64(_mm_sqrt_sd(_mm_set_sd(0), _mm_set_sd(x))); break;
    case FOP_RECIP: r = 1.0 / x; break;
    default:
        r = _mm_cvtsd_f64(_mm_sqrt_sd(_mm_set_sd(0), _mm_set_sd(x)));
        pin_d(&r);
        r = 1.0 / r;
        break;
    }
    pin_d(&r);
    *fl = mx_end(saved);
    bool unary = op >= FOP_SQRT;
    *fl = nan_operands(*fl, nan64(a) || (!unary && nan64(b)),
                       snan64(a) || (!unary && snan64(b)));
    uint64_t res = d2u(r);
    return nan64(res) ? MIPS_DEFAULT_NAN64 : res;
}

uint32_t helper_mips_fop_s(void *env, uint32_t op, uint32_t a, uint32_t b)
{
    unsigned fl;
    uint32_t r = op_s(env, op, a, b, &fl);
    finish(env, fl, (uintptr_t)__builtin_return_address(0));
    return r;
}

uint64_t helper_mips_fop_d(void *env, uint32_t op, uint64_t a, uint64_t b)
{
    unsigned fl;
    uint64_t r = op_d(env, op, a, b, &fl);
    finish(env, fl, (uintptr_t)__builtin_return_address(0));
    return r;
}

uint32_t helper_mips_fma_s(void *env, uint32_t op, uint32_t fs, uint32_t ft, uint32_t fr)
{
    unsigned f1, f2;
    uint32_t p = op_s(env, FOP_MUL, fs, ft, &f1);
    uint32_t r = op_s(env, op & 1 ? FOP_SUB : FOP_ADD, p, fr, &f2);
    if (op >= FMA_NMADD)
        r ^= 0x80000000u;
    finish(env, f1 | f2, (uintptr_t)__builtin_return_address(0));
    return r;
}

uint64_t helper_mips_fma_d(void *env, uint32_t op, uint64_t fs, uint64_t ft, uint64_t fr)
{
    unsigned f1, f2;
    uint64_t p = op_d(env, FOP_MUL, fs, ft, &f1);
    uint64_t r = op_d(env, op & 1 ? FOP_SUB : FOP_ADD, p, fr, &f2);
    if (op >= FMA_NMADD)
        r ^= 1ull << 63;
    finish(env, f1 | f2, (uintptr_t)__builtin_return_address(0));
    return r;
}

/* --- comparisons --- */
static void set_fcc(struct mips_cpu *env, unsigned cc, bool v)
{
    uint32_t bit = cc ? 1u << (FCSR_FCC1_SHIFT + cc - 1) : FCSR_FCC0;
    env->fcsr = v ? env->fcsr | bit : env->fcsr & ~bit;
}

/* cond bit 0: true if unordered, 1: if equal, 2: if less; bit 3: quiet NaNs are
 * invalid operands too. */
static void compare(struct mips_cpu *env, uint32_t op, double x, double y, bool unordered,
                    bool any_snan, uintptr_t ra)
{
    unsigned cond = op & 15, cc = (op >> 4) & 7;
    bool r = unordered ? (cond & 1) : x == y ? (cond & 2) : x < y ? (cond & 4) : false;
    unsigned fl = unordered && ((cond & 8) || any_snan) ? FPX_V : 0;
    if (!(fl & (env->fcsr >> FCSR_ENABLES_SHIFT)))
        set_fcc(env, cc, r);
    finish(env, fl, ra);
}

void helper_mips_fcmp_s(void *env, uint32_t op, uint32_t a, uint32_t b)
{
    compare(env, op, u2f(a), u2f(b), nan32(a) || nan32(b), snan32(a) || snan32(b),
            (uintptr_t)__builtin_return_address(0));
}

void helper_mips_fcmp_d(void *env, uint32_t op, uint64_t a, uint64_t b)
{
    compare(env, op, u2d(a), u2d(b), nan64(a) || nan64(b), snan64(a) || snan64(b),
            (uintptr_t)__builtin_return_address(0));
}

/* --- conversions --- */

/* Round-half-even without depending on the host's rounding mode. */
static double round_even(double x)
{
    double f = floor(x), d = x - f;
    if (d > 0.5 || (d == 0.5 && fmod(f, 2.0) != 0.0))
        f += 1.0;
    return f;
}

static uint64_t to_int(const struct mips_cpu *env, double x, bool is_nan, unsigned rnd,
                       bool wide, unsigned *fl)
{
    uint64_t max = wide ? 0x7fffffffffffffffull : 0x7fffffffull;
    double lim = wide ? 9223372036854775808.0 : 2147483648.0;
    if (is_nan) {
        *fl |= FPX_V;
        return max;
    }
    static const unsigned from_rm[4] = { FRND_NEAREST, FRND_TRUNC, FRND_CEIL, FRND_FLOOR };
    if (rnd == FRND_CUR)
        rnd = from_rm[env->fcsr & FCSR_RM];
    double r = rnd == FRND_NEAREST ? round_even(x) : rnd == FRND_TRUNC ? trunc(x)
             : rnd == FRND_CEIL ? ceil(x) : floor(x);
    if (r < -lim || r >= lim) {
        *fl |= FPX_V;
        return max;
    }
    if (r != x)
        *fl |= FPX_I;
    int64_t v = (int64_t)r;
    return wide ? (uint64_t)v : (uint64_t)(uint32_t)(int32_t)v;
}

/* Integer or float operand as a host double (exact for S, D and W; L may round). */
static uint64_t from_int(const struct mips_cpu *env, uint64_t a, unsigned from, unsigned to,
                         unsigned *fl)
{
    int64_t v = from == FFMT_W ? (int64_t)(int32_t)(uint32_t)a : (int64_t)a;
    unsigned saved = mx_begin(env);
    uint64_t r;
    if (to == FFMT_S) {
        float f = (float)v;
        pin_f(&f);
        r = f2u(f);
    } else {
        double d = (double)v;
        pin_d(&d);
        r = d2u(d);
    }
    *fl = mx_end(saved);
    return r;
}

static uint64_t float_to_float(const struct mips_cpu *env, uint64_t a, unsigned from,
                               unsigned *fl)
{
    if (from == FFMT_S) {                    /* to double: exact */
        *fl = snan32((uint32_t)a) ? FPX_V : 0;
        return nan32((uint32_t)a) ? MIPS_DEFAULT_NAN64 : d2u((double)u2f((uint32_t)a));
    }
    if (nan64(a)) {
        *fl = snan64(a) ? FPX_V : 0;
        return MIPS_DEFAULT_NAN32;
    }
    double d = u2d(a);
    unsigned saved = mx_begin(env);
    pin_d(&d);
    float f = (float)d;
    pin_f(&f);
    *fl = mx_end(saved);
    return f2u(f);
}

uint64_t helper_mips_fcvt(void *env, uint32_t op, uint64_t a)
{
    unsigned from = op & 3, to = (op >> 2) & 3, rnd = op >> 4, fl = 0;
    uint64_t r;
    if (from >= FFMT_W)
        r = from_int(env, a, from, to, &fl);
    else if (to <= FFMT_D)
        r = float_to_float(env, a, from, &fl);
    else if (from == FFMT_S)
        r = to_int(env, u2f((uint32_t)a), nan32((uint32_t)a), rnd, to == FFMT_L, &fl);
    else
        r = to_int(env, u2d(a), nan64(a), rnd, to == FFMT_L, &fl);
    finish(env, fl, (uintptr_t)__builtin_return_address(0));
    return r;
}

/* --- control registers --- */
enum { FCSR_WRITABLE = 0xff83ffffu };

uint32_t helper_mips_cfc1(void *env, uint32_t reg)
{
    uint32_t f = ((struct mips_cpu *)env)->fcsr;
    switch (reg) {
    case 0: return ((struct mips_cpu *)env)->fir;
    case 25: return ((f >> 24) & 0xfe) | ((f >> 23) & 1);
    case 26: return f & 0x0003f07cu;
    case 28: return (f & 0xf83u) | ((f >> 22) & 4);
    case 31: return f;
    default: return 0;
    }
}

void helper_mips_ctc1(void *env, uint32_t reg, uint32_t val)
{
    struct mips_cpu *e = env;
    uint32_t f = e->fcsr;
    switch (reg) {
    case 25:
        if (val & ~0xffu)
            return;
        f = (f & ~0xfe800000u) | (val & 0xfe) << 24 | (val & 1) << 23;
        break;
    case 26: f = (f & ~0x0003f07cu) | (val & 0x0003f07cu); break;
    case 28: f = (f & ~0x01000f83u) | (val & 0xf83u) | (val & 4) << 22; break;
    case 31: f = (f & ~FCSR_WRITABLE) | (val & FCSR_WRITABLE); break;
    default: return;
    }
    e->fcsr = f;
    /* A cause bit whose exception is enabled (or E, always enabled) traps at once. */
    unsigned cause = (f >> FCSR_CAUSE_SHIFT) & 0x3f;
    unsigned trapped = cause & (((f >> FCSR_ENABLES_SHIFT) & 0x1f) | FPX_E);
    if (trapped) {
        e->c.excp_code = si_code_of(trapped);
        cpu_raise(&e->c, EXCP_FPE, (uintptr_t)__builtin_return_address(0));
    }
}
