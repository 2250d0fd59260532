/* ARM floating-point semantics on an x86-64 host (contract in fpu.h).
 *
 * The host computes each correctly rounded IEEE result under the guest's rounding mode
 * with every exception masked and FTZ/DAZ off; this file supplies what ARM defines
 * differently from x86:
 *  - NaN operands: ARM returns the first signalling NaN (quietened), else the first
 *    quiet NaN, or the default NaN 0x7fc00000 when FPSCR.DN is set; a NaN the operation
 *    itself creates is always the positive default NaN (x86 makes a negative one);
 *  - flush-to-zero: denormal inputs become signed zeros and set IDC (x86 DAZ sets no
 *    flag); a result whose *unrounded* value is below the normal range becomes a signed
 *    zero and sets only UFC (x86 FTZ looks at the rounded value and also sets inexact);
 *  - underflow is detected before rounding (x86 detects it after rounding), so a result
 *    that rounds up to the smallest normal still underflows on ARM;
 *  - the flag bits: MXCSR IE/ZE/OE/PE map to IOC/DZC/OFC/IXC; DE has no ARM meaning.
 * Conversions to integers and half precision and comparisons are plain integer code:
 * there the architecture's rules are simpler to follow exactly than the host's. The
 * estimates live in fpu-recip.c, the ARMv8 additions in fpu-v8.c; fpu-internal.h holds
 * what the three share. */
#include "target/arm/fpu.h"
#include "target/arm/fpu-internal.h"

#include <math.h>
#include <string.h>
#include <xmmintrin.h>
#include <emmintrin.h>

typedef unsigned __int128 u128_t;
typedef __int128 i128_t;

enum { MX_IE = 1, MX_ZE = 4, MX_OE = 8, MX_PE = 32, MX_ALL_MASKED = 0x1f80,
       MX_RC_SHIFT = 13 };
/* ARM RMode order is nearest, +inf, -inf, zero; MXCSR.RC is nearest, -inf, +inf, zero. */
static const unsigned mx_rc[4] = { 0, 2, 1, 3 };

uint32_t fpu_standard_fpscr(uint32_t fpscr)
{
    return (fpscr & AHP) | DN | FZ;
}

uint64_t fpu_flush_input(const struct fpfmt *f, uint64_t x, uint32_t *fpscr)
{
    if ((*fpscr & FZ) && exp_of(f, x) == 0 && (x & frac_mask(f)) != 0) {
        *fpscr |= IDC;
        return x & sign_bit(f);
    }
    return x;
}

uint64_t fpu_process_nan(const struct fpfmt *f, uint64_t x, uint32_t *fpscr)
{
    if (is_snan(f, x))
        *fpscr |= IOC;
    if (*fpscr & DN)
        return f->default_nan;
    return x | quiet_bit(f);
}

/* The first signalling NaN wins, then the first quiet NaN, in operand order. */
bool fpu_pick_nan(const struct fpfmt *f, const uint64_t *ops, unsigned n,
                     uint32_t *fpscr, uint64_t *res)
{
    for (unsigned i = 0; i < n; i++)
        if (is_snan(f, ops[i])) {
            *res = fpu_process_nan(f, ops[i], fpscr);
            return true;
        }
    for (unsigned i = 0; i < n; i++)
        if (is_nan(f, ops[i])) {
            *res = fpu_process_nan(f, ops[i], fpscr);
            return true;
        }
    return false;
}

/* --- the host side --- */

enum hop { H_ADD, H_SUB, H_MUL, H_DIV, H_SQRT, H_MULADD, H_NARROW, H_FROM_INT };

/* Empty asm statements pin values in registers between the MXCSR switches: the
 * compiler can neither fold the arithmetic at build time nor move it across them. */
static inline void pin_f(float *x) { __asm__ volatile("" : "+x"(*x)); }
static inline void pin_d(double *x) { __asm__ volatile("" : "+x"(*x)); }
static inline void pin_i(int64_t *x) { __asm__ volatile("" : "+r"(*x)); }

static inline float f_of(uint64_t b)
{
    uint32_t w = (uint32_t)b;
    float f;
    memcpy(&f, &w, 4);
    return f;
}
static inline uint64_t bits_f(float f)
{
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}
static inline double d_of(uint64_t b)
{
    double d;
    memcpy(&d, &b, 8);
    return d;
}
static inline uint64_t bits_d(double d)
{
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

/* One operation under ARM rounding mode 'rmode'. 'dbl' selects the input format
 * (H_NARROW turns a double into a single; H_FROM_INT reads 'a' as an int64 and makes
 * the format 'dbl' selects). H_MULADD is a + b * c. Returns the result bits and the
 * MXCSR flags raised. */
static uint64_t host_run(enum hop op, bool dbl, uint64_t a, uint64_t b, uint64_t c,
                         unsigned rmode, unsigned *mxflags)
{
    unsigned saved = _mm_getcsr();
    uint64_t r;

    _mm_setcsr(MX_ALL_MASKED | mx_rc[rmode & 3] << MX_RC_SHIFT);
    if (op == H_FROM_INT) {
        int64_t i = (int64_t)a;
        pin_i(&i);
        if (dbl) {
            double d = (double)i;
            pin_d(&d);
            r = bits_d(d);
        } else {
            float f = (float)i;
            pin_f(&f);
            r = bits_f(f);
        }
    } else if (dbl) {
        double x = d_of(a), y = d_of(b), z = d_of(c), res = 0;
        pin_d(&x);
        pin_d(&y);
        pin_d(&z);
        switch (op) {
        case H_ADD: res = x + y; break;
        case H_SUB: res = x - y; break;
        case H_MUL: res = x * y; break;
        case H_DIV: res = x / y; break;
        case H_SQRT: res = _mm_cvtsd_f64(_mm_sqrt_sd(_mm_set_sd(x), _mm_set_sd(x))); break;
        case H_MULADD: res = fma(y, z, x); break;
        case H_NARROW: {
            float n = (float)x;
            pin_f(&n);
            *mxflags = _mm_getcsr() & 0x3f;
            _mm_setcsr(saved);
            return bits_f(n);
        }
        case H_FROM_INT: break;
        }
        pin_d(&res);
        r = bits_d(res);
    } else {
        float x = f_of(a), y = f_of(b), z = f_of(c), res = 0;
        pin_f(&x);
        pin_f(&y);
        pin_f(&z);
        switch (op) {
        case H_ADD: res = x + y; break;
        case H_SUB: res = x - y; break;
        case H_MUL: res = x * y; break;
        case H_DIV: res = x / y; break;
        case H_SQRT: res = _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(x))); break;
        case H_MULADD: res = fmaf(y, z, x); break;
        case H_NARROW: case H_FROM_INT: break;
        }
        pin_f(&res);
        r = bits_f(res);
    }
    *mxflags = _mm_getcsr() & 0x3f;
    _mm_setcsr(saved);
    return r;
}

/* Turns a host result (in format f) into the ARM one: default NaN, underflow decided
 * before rounding, output flush-to-zero, flag mapping. The operation is re-run towards
 * zero when the rounded result is the smallest normal: only then can x86's
 * after-rounding view and ARM's before-rounding view of tininess disagree. */
static uint64_t finish(const struct fpfmt *f, enum hop op, bool dbl, const uint64_t *ops,
                       uint64_t r, unsigned mx, unsigned rmode, uint32_t *fpscr)
{
    uint64_t sign = r & sign_bit(f), mag = r & ~sign_bit(f);
    bool inexact = (mx & MX_PE) != 0, tiny = false;

    if (is_nan(f, r)) {
        *fpscr |= IOC;
        return f->default_nan;
    }
    if (mag < min_normal(f)) {
        tiny = mag != 0 || inexact;
    } else if (mag == min_normal(f) && inexact && rmode != FPU_RZ) {
        unsigned mx2;
        uint64_t rz = host_run(op, dbl, ops[0], ops[1], ops[2], FPU_RZ, &mx2);
        tiny = (rz & ~sign_bit(f)) < min_normal(f);
    }
    if (tiny && (*fpscr & FZ)) {
        *fpscr |= UFC;
        return sign;
    }
    if (mx & MX_IE)
        *fpscr |= IOC;
    if (mx & MX_ZE)
        *fpscr |= DZC;
    if (mx & MX_OE)
        *fpscr |= OFC;
    if (inexact)
        *fpscr |= IXC | (tiny ? UFC : 0);
    return r;
}

/* --- the fast path ---
 * Switching MXCSR costs more than the arithmetic (about 10 ns per load on current
 * hosts), so the common case avoids it: round to nearest (the host's own mode), finite
 * operands that need no flushing, and a result that is zero or comfortably normal. Then
 * the only possible flag is IXC, and whether the result is exact follows from the
 * operands without reading the host's flags: an error-free transformation for sums, and
 * the odd parts of the integer significands for products, quotients and roots. This
 * relies on host code running in the default MXCSR mode (round to nearest, FTZ and DAZ
 * off), which nothing in crossrun changes outside host_run(); even reading MXCSR to
 * check costs as much as the rest. The host's sticky flags may be left set here, but
 * only those whose FPSCR counterparts the ARM operation sets too (fpu.h). */

static inline bool ordinary(const struct fpfmt *f, uint64_t x, bool fz)
{
    unsigned e = exp_of(f, x);
    return e != exp_ones(f) && (e != 0 || !fz || (x & frac_mask(f)) == 0);
}

/* The significand as an integer, trailing zeros removed (0 for zeros). */
static inline uint64_t odd_sig(const struct fpfmt *f, uint64_t x)
{
    uint64_t m = x & frac_mask(f);
    if (exp_of(f, x))
        m |= min_normal(f);
    return m ? m >> __builtin_ctzll(m) : 0;
}

static inline bool odd_product_is(u128_t p, uint64_t want)
{
    if (p == 0)
        return want == 0;
    unsigned tz = (uint64_t)p ? (unsigned)__builtin_ctzll((uint64_t)p)
                              : 64 + (unsigned)__builtin_ctzll((uint64_t)(p >> 64));
    return (p >> tz) == want;
}

/* Could a product or quotient of non-zero normals be below the normal range? Then the
 * host raises underflow and inexact where ARM's flush-to-zero raises only UFC: such
 * operations must not be tried on the host's sticky flags (see fpu.h). Sums that small
 * are exact (no host flag), square roots of normals never are. */
static inline bool may_be_tiny(const struct fpfmt *f, enum hop op, uint64_t a, uint64_t b)
{
    int ea = (int)exp_of(f, a), eb = (int)exp_of(f, b), bias = bias_of(f);
    if (is_zero(f, a) || is_zero(f, b))
        return false;
    if (op == H_MUL)
        return ea + eb - bias <= 1;
    return op == H_DIV && ea - eb + bias <= 2;
}

/* Knuth's TwoSum: whether z = x + y rounded nothing away, from operations that are
 * themselves exact. Only for finite z: with an infinite one, inf - inf would raise the
 * host's invalid flag, which must not reach the guest (fpu.h). */
static inline bool sum_exact_d(double x, double y, double z)
{
    double yv = z - x, xv = z - yv;
    return (x - xv) + (y - yv) == 0;
}

static inline bool sum_exact_f(float x, float y, float z)
{
    float yv = z - x, xv = z - yv;
    return (x - xv) + (y - yv) == 0;
}

static inline __attribute__((always_inline))
bool fast_arith(const struct fpfmt *f, bool dbl, enum hop op, uint64_t a, uint64_t b,
                uint32_t *fpscr, uint64_t *res)
{
    bool fz = (*fpscr & FZ) != 0, exact = true;
    uint64_t r, mag;

    if (fpu_rmode_of(*fpscr) != FPU_RN || op == H_MULADD || !ordinary(f, a, fz)
        || (op != H_SQRT && !ordinary(f, b, fz)))
        return false;
    if (fz && may_be_tiny(f, op, a, b))
        return false;
    if (dbl) {
        double x = d_of(a), y = d_of(b), z = 0;
        switch (op) {
        case H_SUB: z = x - y; break;
        case H_ADD: z = x + y; break;
        case H_MUL: z = x * y; break;
        case H_DIV: z = x / y; break;
        default: z = _mm_cvtsd_f64(_mm_sqrt_sd(_mm_set_sd(x), _mm_set_sd(x))); break;
        }
        r = bits_d(z);
    } else {
        float x = f_of(a), y = f_of(b), z = 0;
        switch (op) {
        case H_SUB: z = x - y; break;
        case H_ADD: z = x + y; break;
        case H_MUL: z = x * y; break;
        case H_DIV: z = x / y; break;
        default: z = _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(x))); break;
        }
        r = bits_f(z);
    }
    mag = r & ~sign_bit(f);
    if (mag == 0) {
        /* exact unless a product or quotient of non-zeros underflowed */
        if ((op == H_MUL && !is_zero(f, a) && !is_zero(f, b))
            || (op == H_DIV && (!is_zero(f, a) || is_zero(f, b))))
            return false;
        *res = r;
        return true;
    }
    if (mag <= min_normal(f) || mag >= inf_of(f) || (op == H_SQRT && (a & sign_bit(f))))
        return false;
    switch (op) {
    case H_ADD: case H_SUB:
        exact = dbl ? sum_exact_d(d_of(a), d_of(op == H_SUB ? b ^ sign_bit(f) : b), d_of(r))
                    : sum_exact_f(f_of(a), f_of(op == H_SUB ? b ^ sign_bit(f) : b), f_of(r));
        break;
    case H_MUL:
        /* an odd significand product that fits the format is the exact result */
        exact = ((u128_t)odd_sig(f, a) * odd_sig(f, b)) >> (f->frac_bits + 1) == 0;
        break;
    case H_DIV:     /* q = a / b exactly iff q * b == a; odd parts settle it */
        exact = odd_product_is((u128_t)odd_sig(f, r) * odd_sig(f, b), odd_sig(f, a));
        break;
    default:
        exact = odd_product_is((u128_t)odd_sig(f, r) * odd_sig(f, r), odd_sig(f, a));
        break;
    }
    if (!exact)
        *fpscr |= IXC;
    *res = r;
    return true;
}

static uint64_t slow_arith(const struct fpfmt *f, bool dbl, enum hop op, unsigned nops,
                           uint64_t a, uint64_t b, uint64_t c, uint32_t *fpscr)
{
    uint64_t ops[3] = { a, b, c }, res;
    unsigned rmode = fpu_rmode_of(*fpscr), mx;

    for (unsigned i = 0; i < nops; i++)
        ops[i] = fpu_flush_input(f, ops[i], fpscr);
    if (op == H_MULADD && is_qnan(f, ops[0])
        && ((is_inf(f, ops[1]) && is_zero(f, ops[2]))
            || (is_zero(f, ops[1]) && is_inf(f, ops[2])))) {
        *fpscr |= IOC;
        return f->default_nan;
    }
    if (fpu_pick_nan(f, ops, nops, fpscr, &res))
        return res;
    res = host_run(op, dbl, ops[0], ops[1], ops[2], rmode, &mx);
    return finish(f, op, dbl, ops, res, mx, rmode, fpscr);
}

/* Inlined into each entry point, so the format is a constant for the fast path. */
static inline __attribute__((always_inline))
uint64_t arith(const struct fpfmt *f, bool dbl, enum hop op, unsigned nops, uint64_t a,
               uint64_t b, uint64_t c, uint32_t *fpscr)
{
    uint64_t res;
    if (fast_arith(f, dbl, op, a, b, fpscr, &res))
        return res;
    return slow_arith(f, dbl, op, nops, a, b, c, fpscr);
}

uint32_t fpu_add32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    return (uint32_t)arith(&F32, false, H_ADD, 2, a, b, 0, fpscr);
}
uint32_t fpu_sub32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    return (uint32_t)arith(&F32, false, H_SUB, 2, a, b, 0, fpscr);
}
uint32_t fpu_mul32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    return (uint32_t)arith(&F32, false, H_MUL, 2, a, b, 0, fpscr);
}
uint32_t fpu_div32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    return (uint32_t)arith(&F32, false, H_DIV, 2, a, b, 0, fpscr);
}
uint32_t fpu_sqrt32(uint32_t a, uint32_t *fpscr)
{
    return (uint32_t)arith(&F32, false, H_SQRT, 1, a, 0, 0, fpscr);
}
uint32_t fpu_muladd32(uint32_t addend, uint32_t op1, uint32_t op2, uint32_t *fpscr)
{
    return (uint32_t)arith(&F32, false, H_MULADD, 3, addend, op1, op2, fpscr);
}
uint64_t fpu_add64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    return arith(&F64, true, H_ADD, 2, a, b, 0, fpscr);
}
uint64_t fpu_sub64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    return arith(&F64, true, H_SUB, 2, a, b, 0, fpscr);
}
uint64_t fpu_mul64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    return arith(&F64, true, H_MUL, 2, a, b, 0, fpscr);
}
uint64_t fpu_div64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    return arith(&F64, true, H_DIV, 2, a, b, 0, fpscr);
}
uint64_t fpu_sqrt64(uint64_t a, uint32_t *fpscr)
{
    return arith(&F64, true, H_SQRT, 1, a, 0, 0, fpscr);
}
uint64_t fpu_muladd64(uint64_t addend, uint64_t op1, uint64_t op2, uint32_t *fpscr)
{
    return arith(&F64, true, H_MULADD, 3, addend, op1, op2, fpscr);
}

/* --- comparisons, max/min --- */

/* -1, 0, 1 for ordered non-NaN operands (+0 == -0). */
static int order(const struct fpfmt *f, uint64_t a, uint64_t b)
{
    uint64_t s = sign_bit(f);
    bool sa = (a & s) != 0, sb = (b & s) != 0;
    uint64_t ma = a & ~s, mb = b & ~s;

    if (ma == 0 && mb == 0)
        return 0;
    if (sa != sb)
        return sa ? -1 : 1;
    if (ma == mb)
        return 0;
    return ((ma < mb) != sa) ? -1 : 1;
}

static uint32_t compare(const struct fpfmt *f, uint64_t a, uint64_t b, bool signal_nans,
                        uint32_t *fpscr)
{
    a = fpu_flush_input(f, a, fpscr);
    b = fpu_flush_input(f, b, fpscr);
    if (is_nan(f, a) || is_nan(f, b)) {
        if (signal_nans || is_snan(f, a) || is_snan(f, b))
            *fpscr |= IOC;
        return 0x3u << 28;
    }
    switch (order(f, a, b)) {
    case 0: return 0x6u << 28;
    case -1: return 0x8u << 28;
    default: return 0x2u << 28;
    }
}

uint32_t fpu_cmp32(uint32_t a, uint32_t b, bool signal_nans, uint32_t *fpscr)
{
    return compare(&F32, a, b, signal_nans, fpscr);
}
uint32_t fpu_cmp64(uint64_t a, uint64_t b, bool signal_nans, uint32_t *fpscr)
{
    return compare(&F64, a, b, signal_nans, fpscr);
}

static uint64_t maxmin(const struct fpfmt *f, uint64_t a, uint64_t b, bool want_max,
                       uint32_t *fpscr)
{
    uint64_t ops[2], res;

    ops[0] = a = fpu_flush_input(f, a, fpscr);
    ops[1] = b = fpu_flush_input(f, b, fpscr);
    if (fpu_pick_nan(f, ops, 2, fpscr, &res))
        return res;
    if (is_zero(f, a) && is_zero(f, b))
        return want_max ? (a & b) : (a | b);
    if (want_max)
        return order(f, a, b) > 0 ? a : b;
    return order(f, a, b) < 0 ? a : b;
}

uint32_t fpu_max32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    return (uint32_t)maxmin(&F32, a, b, true, fpscr);
}
uint32_t fpu_min32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    return (uint32_t)maxmin(&F32, a, b, false, fpscr);
}
uint64_t fpu_max64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    return maxmin(&F64, a, b, true, fpscr);
}
uint64_t fpu_min64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    return maxmin(&F64, a, b, false, fpscr);
}

/* IEEE 754-2008 maxNum/minNum (FPMaxNum/FPMinNum): a quiet NaN facing a number loses,
 * as if it were the infinity that never wins; signalling NaNs still propagate. */
static uint64_t maxmin_num(const struct fpfmt *f, uint64_t a, uint64_t b, bool want_max,
                           uint32_t *fpscr)
{
    uint64_t loser = inf_of(f) | (want_max ? sign_bit(f) : 0);

    if (is_qnan(f, a) && !is_nan(f, b))
        a = loser;
    else if (is_qnan(f, b) && !is_nan(f, a))
        b = loser;
    return maxmin(f, a, b, want_max, fpscr);
}

uint32_t fpu_maxnm32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    return (uint32_t)maxmin_num(&F32, a, b, true, fpscr);
}
uint32_t fpu_minnm32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    return (uint32_t)maxmin_num(&F32, a, b, false, fpscr);
}
uint64_t fpu_maxnm64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    return maxmin_num(&F64, a, b, true, fpscr);
}
uint64_t fpu_minnm64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    return maxmin_num(&F64, a, b, false, fpscr);
}

/* --- software rounding, for formats and conversions the host lacks --- */

/* Splits a finite value into mant * 2^exp (mant 0 for zeros). */
void fpu_unpack_finite(const struct fpfmt *f, uint64_t x, uint64_t *mant, int *exp)
{
    unsigned e = exp_of(f, x);
    uint64_t fr = x & frac_mask(f);

    if (e == 0) {
        *mant = fr;
        *exp = 1 - bias_of(f) - (int)f->frac_bits;
    } else {
        *mant = fr | min_normal(f);
        *exp = (int)e - bias_of(f) - (int)f->frac_bits;
    }
}

/* mant >> sh with the discarded bits classified; sh may exceed 63. */
uint64_t fpu_shift_right(uint64_t mant, unsigned sh, struct rem *r)
{
    if (sh == 0) {
        *r = (struct rem){ false, false, false };
        return mant;
    }
    if (sh >= 64) {
        *r = (struct rem){ mant != 0, false, false };
        return 0;
    }
    uint64_t low = mant & ((1ull << sh) - 1), half = 1ull << (sh - 1);
    *r = (struct rem){ low != 0, low > half, low == half };
    return mant >> sh;
}

bool fpu_round_up(const struct rem *r, bool odd, bool sign, enum fpu_rmode rmode)
{
    switch (rmode) {
    case FPU_RN: return r->above_half || (r->at_half && odd);
    case FPU_RP: return r->inexact && !sign;
    case FPU_RM: return r->inexact && sign;
    case FPU_RA: return r->above_half || r->at_half;
    default: return false;
    }
}

/* ARM's FPRound of the exact value (-1)^sign * mant * 2^exp, mant != 0, into format f.
 * 'fz' flushes tiny results; 'ahp' selects the alternative half-precision format,
 * which has no infinities and saturates with IOC instead of overflowing. */
uint64_t fpu_round_pack(const struct fpfmt *f, bool sign, int exp, uint64_t mant,
                           enum fpu_rmode rmode, bool fz, bool ahp, uint32_t *fpscr)
{
    uint64_t s = sign ? sign_bit(f) : 0;
    int min_exp = 1 - bias_of(f);
    int e = exp + 63 - __builtin_clzll(mant);       /* value in [2^e, 2^(e+1)) */
    struct rem r;
    uint64_t im;

    if (fz && e < min_exp) {
        *fpscr |= UFC;
        return s;
    }
    int biased = e < min_exp ? 0 : e - min_exp + 1;
    int lsb = (biased == 0 ? min_exp : e) - (int)f->frac_bits;
    if (lsb <= exp) {
        im = mant << (exp - lsb);
        r = (struct rem){ false, false, false };
    } else {
        im = fpu_shift_right(mant, (unsigned)(lsb - exp), &r);
    }
    if (biased == 0 && r.inexact)
        *fpscr |= UFC;
    if (fpu_round_up(&r, im & 1, sign, rmode)) {
        im++;
        if (im == min_normal(f) << 1) {
            im >>= 1;
            biased++;
        } else if (biased == 0 && im == min_normal(f)) {
            biased = 1;
        }
    }
    if (ahp) {
        if (biased > (int)exp_ones(f)) {
            *fpscr |= IOC;
            return s | (sign_bit(f) - 1);
        }
    } else if (biased >= (int)exp_ones(f)) {
        bool to_inf = rmode == FPU_RN || (rmode == FPU_RP && !sign)
                      || (rmode == FPU_RM && sign);
        *fpscr |= OFC | IXC;
        return s | (to_inf ? inf_of(f) : inf_of(f) - 1);
    }
    if (r.inexact)
        *fpscr |= IXC;
    return s | (uint64_t)biased << f->frac_bits | (im & frac_mask(f));
}

/* --- precision changes --- */

uint64_t fpu_f32_to_f64(uint32_t a, uint32_t *fpscr)
{
    uint64_t x = fpu_flush_input(&F32, a, fpscr), mant, s = (uint64_t)(a >> 31) << 63;
    int exp;

    if (is_nan(&F32, x)) {
        if (is_snan(&F32, x))
            *fpscr |= IOC;
        if (*fpscr & DN)
            return FPU_DEFAULT_NAN64;
        return s | FPU_DEFAULT_NAN64 | (x & 0x3fffffu) << 29;
    }
    if (is_inf(&F32, x))
        return s | inf_of(&F64);
    fpu_unpack_finite(&F32, x, &mant, &exp);
    if (mant == 0)
        return s;
    return fpu_round_pack(&F64, s != 0, exp, mant, FPU_RN, false, false, fpscr);
}

uint32_t fpu_f64_to_f32(uint64_t a, uint32_t *fpscr)
{
    uint64_t ops[3] = { fpu_flush_input(&F64, a, fpscr), 0, 0 }, r;
    unsigned mx, rmode = fpu_rmode_of(*fpscr);

    unsigned e = exp_of(&F64, ops[0]);
    if (rmode == FPU_RN && e > 1023 - 126 && e < 1023 + 127) {
        /* fast path (see fast_arith): a normal single is exact iff the 29 bits it drops
         * are zero; the exponent range keeps the host from raising underflow or
         * overflow on the way (see fpu.h) */
        float n = (float)d_of(ops[0]);
        uint32_t nb = (uint32_t)bits_f(n), mag = nb & 0x7fffffffu;
        if (mag > 0x00800000u && mag < 0x7f800000u) {
            if (ops[0] & 0x1fffffffu)
                *fpscr |= IXC;
            return nb;
        }
    }
    if (is_nan(&F64, ops[0])) {
        if (is_snan(&F64, ops[0]))
            *fpscr |= IOC;
        if (*fpscr & DN)
            return FPU_DEFAULT_NAN32;
        return (uint32_t)(a >> 32 & 0x80000000u) | FPU_DEFAULT_NAN32
               | (uint32_t)(ops[0] >> 29 & 0x3fffffu);
    }
    r = host_run(H_NARROW, true, ops[0], 0, 0, rmode, &mx);
    return (uint32_t)finish(&F32, H_NARROW, true, ops, r, mx, rmode, fpscr);
}

uint16_t fpu_f32_to_f16(uint32_t a, uint32_t *fpscr)
{
    bool ahp = (*fpscr & AHP) != 0, sign = a >> 31;
    uint64_t x = fpu_flush_input(&F32, a, fpscr), mant;
    uint16_t s = sign ? 0x8000 : 0;
    int exp;

    if (is_nan(&F32, x)) {
        if (ahp || is_snan(&F32, x))
            *fpscr |= IOC;
        if (ahp)
            return s;
        if (*fpscr & DN)
            return FPU_DEFAULT_NAN16;
        return s | FPU_DEFAULT_NAN16 | (uint16_t)(x >> 13 & 0x1ff);
    }
    if (is_inf(&F32, x)) {
        if (ahp) {
            *fpscr |= IOC;
            return s | 0x7fff;
        }
        return s | 0x7c00;
    }
    fpu_unpack_finite(&F32, x, &mant, &exp);
    if (mant == 0)
        return s;
    return (uint16_t)fpu_round_pack(&F16, sign, exp, mant, fpu_rmode_of(*fpscr), false, ahp,
                                fpscr);
}

uint32_t fpu_f16_to_f32(uint16_t h, uint32_t *fpscr)
{
    bool ahp = (*fpscr & AHP) != 0, sign = h >> 15;
    uint32_t s = sign ? 0x80000000u : 0;
    uint64_t mant;
    int exp;

    if (!ahp && is_nan(&F16, h)) {
        if (is_snan(&F16, h))
            *fpscr |= IOC;
        if (*fpscr & DN)
            return FPU_DEFAULT_NAN32;
        return s | FPU_DEFAULT_NAN32 | (uint32_t)(h & 0x1ff) << 13;
    }
    if (!ahp && is_inf(&F16, h))
        return s | 0x7f800000u;
    if (exp_of(&F16, h) == exp_ones(&F16)) {
        /* alternative format: the top exponent is an ordinary binade */
        mant = (h & 0x3ffu) | 0x400u;
        exp = 31 - 15 - 10;
    } else {
        fpu_unpack_finite(&F16, h, &mant, &exp);
    }
    if (mant == 0)
        return s;
    return (uint32_t)fpu_round_pack(&F32, sign, exp, mant, FPU_RN, false, false, fpscr);
}

/* --- fixed point --- */

static uint64_t to_fixed(const struct fpfmt *f, uint64_t x, unsigned size, unsigned fbits,
                         bool uns, enum fpu_rmode rmode, uint32_t *fpscr)
{
    i128_t lo = uns ? 0 : -((i128_t)1 << (size - 1));
    i128_t hi = uns ? ((i128_t)1 << size) - 1 : ((i128_t)1 << (size - 1)) - 1;
    uint64_t mant;
    u128_t mag;
    struct rem r = { false, false, false };
    bool sign;
    int exp;

    x = fpu_flush_input(f, x, fpscr);
    sign = (x & sign_bit(f)) != 0;
    if (is_nan(f, x)) {
        *fpscr |= IOC;
        return 0;
    }
    if (is_inf(f, x)) {
        *fpscr |= IOC;
        return (uint64_t)(sign ? lo : hi);
    }
    fpu_unpack_finite(f, x, &mant, &exp);
    if (mant == 0)
        return 0;
    exp += (int)fbits;
    if (exp >= 0) {
        /* anything of 2^72 or more saturates any 64-bit destination */
        mag = (64 - __builtin_clzll(mant) + exp > 72) ? (u128_t)1 << 72 : (u128_t)mant << exp;
    } else {
        mag = fpu_shift_right(mant, (unsigned)-exp, &r);
        if (fpu_round_up(&r, mag & 1, sign, rmode))
            mag++;
    }
    i128_t v = sign ? -(i128_t)mag : (i128_t)mag;
    if (v < lo || v > hi) {
        *fpscr |= IOC;
        v = v < lo ? lo : hi;
    } else if (r.inexact) {
        *fpscr |= IXC;
    }
    return (uint64_t)v;
}

uint64_t fpu_f32_to_fixed(uint32_t a, unsigned size, unsigned fbits, bool uns,
                          enum fpu_rmode rmode, uint32_t *fpscr)
{
    return to_fixed(&F32, a, size, fbits, uns, rmode, fpscr);
}
uint64_t fpu_f64_to_fixed(uint64_t a, unsigned size, unsigned fbits, bool uns,
                          enum fpu_rmode rmode, uint32_t *fpscr)
{
    return to_fixed(&F64, a, size, fbits, uns, rmode, fpscr);
}

/* 64-bit integers (the host converts only signed ones) and ties-away rounding: the
 * magnitude rounded in software. */
static uint64_t from_fixed_soft(const struct fpfmt *f, uint64_t v, unsigned size,
                                unsigned fbits, bool uns, enum fpu_rmode rmode,
                                uint32_t *fpscr)
{
    uint64_t mask = size >= 64 ? ~0ull : (1ull << size) - 1, low = v & mask;
    bool neg = !uns && (low >> (size - 1) & 1);
    uint64_t mag = neg ? -low & mask : low;

    if (mag == 0)
        return 0;
    return fpu_round_pack(f, neg, -(int)fbits, mag, rmode, false, false, fpscr);
}

/* Rounding the integer and then scaling by 2^-fbits is exact scaling of a rounded
 * value: 32-bit integers over at most 2^32 stay far inside the normal range. */
static uint64_t from_fixed(const struct fpfmt *f, bool dbl, uint64_t v, unsigned size,
                           unsigned fbits, bool uns, enum fpu_rmode rmode, uint32_t *fpscr)
{
    if (size > 32 || rmode > FPU_RZ)
        return from_fixed_soft(f, v, size, fbits, uns, rmode, fpscr);
    uint64_t low = v & ((1ull << size) - 1), r;
    int64_t iv = uns ? (int64_t)low : (int64_t)(low << (64 - size)) >> (64 - size);
    unsigned mx;

    if (rmode == FPU_RN) {
        /* fast path (see fast_arith): the host rounds to nearest already, and an integer
         * of at most 32 bits converts back exactly iff it was representable */
        if (dbl) {
            r = bits_d((double)iv);
        } else {
            float fv = (float)iv;
            r = bits_f(fv);
            if ((int64_t)fv != iv)
                *fpscr |= IXC;
        }
    } else {
        r = host_run(H_FROM_INT, dbl, (uint64_t)iv, 0, 0, rmode, &mx);
        if (mx & MX_PE)
            *fpscr |= IXC;
    }
    if ((r & ~sign_bit(f)) != 0)
        r -= (uint64_t)fbits << f->frac_bits;
    return r;
}

uint32_t fpu_fixed_to_f32(uint64_t v, unsigned size, unsigned fbits, bool uns,
                          enum fpu_rmode rmode, uint32_t *fpscr)
{
    return (uint32_t)from_fixed(&F32, false, v, size, fbits, uns, rmode, fpscr);
}
uint64_t fpu_fixed_to_f64(uint64_t v, unsigned size, unsigned fbits, bool uns,
                          enum fpu_rmode rmode, uint32_t *fpscr)
{
    return from_fixed(&F64, true, v, size, fbits, uns, rmode, fpscr);
}
