/* Reciprocal and reciprocal square root estimates and Newton-Raphson steps (contract in
 * fpu.h), following the ARM ARM's RecipEstimate, RecipSqrtEstimate, FPRecipStep(Fused)
 * and FPRSqrtStep(Fused) for single and double precision: the estimates are 8-bit
 * table-free computations on the leading fraction bits, so they are plain integer code
 * shared by both formats. */
#include "target/arm/fpu.h"
#include "target/arm/fpu-internal.h"

/* a in [256, 512) stands for a/512 in [0.5, 1); returns 1/a in [256, 512) as x/256. */
static unsigned recip_estimate(unsigned a)
{
    a = a * 2 + 1;
    unsigned b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* a in [128, 512) stands for a/512 in [0.25, 1); returns 1/sqrt(a) as x/256. */
static unsigned rsqrt_estimate(unsigned a)
{
    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;
    }
    unsigned b = 512;
    while (a * (b + 1) * (b + 1) < (1u << 28))
        b++;
    return (b + 1) / 2;
}

/* The estimates work on a 52-bit fraction whatever the format. */
static inline unsigned to52(const struct fpfmt *f) { return 52 - f->frac_bits; }

static bool overflow_to_inf(enum fpu_rmode rm, bool sign)
{
    return rm == FPU_RN || (rm == FPU_RP && !sign) || (rm == FPU_RM && sign);
}

static uint64_t recpe(const struct fpfmt *f, uint64_t a, uint32_t *fpscr)
{
    uint64_t x = fpu_flush_input(f, a, fpscr), sign = x & sign_bit(f);
    int exp = (int)exp_of(f, x), bias = bias_of(f);

    if (is_nan(f, x))
        return fpu_process_nan(f, x, fpscr);
    if (is_inf(f, x))
        return sign;
    if (is_zero(f, x)) {
        *fpscr |= DZC;
        return sign | inf_of(f);
    }
    if ((x & ~sign_bit(f)) < 1ull << (f->frac_bits - 2)) {   /* below 2^-(bias+1) */
        *fpscr |= OFC | IXC;
        return sign | (overflow_to_inf(fpu_rmode_of(*fpscr), sign != 0) ? inf_of(f)
                                                                         : inf_of(f) - 1);
    }
    if ((*fpscr & FZ) && exp >= 2 * bias - 1) {                /* 2^(bias-1) and up */
        *fpscr |= UFC;
        return sign;
    }
    uint64_t fraction = (x & frac_mask(f)) << to52(f);
    if (exp == 0) {
        if (!(fraction >> 51 & 1)) {
            exp = -1;
            fraction = (fraction << 2) & ((1ull << 52) - 1);
        } else {
            fraction = (fraction << 1) & ((1ull << 52) - 1);
        }
    }
    unsigned est = recip_estimate(256 | (unsigned)(fraction >> 44 & 0xff));
    int rexp = 2 * bias - 1 - exp;
    uint64_t rf = (uint64_t)(est & 0xff) << 44;
    if (rexp == 0) {
        rf = (1ull << 51) | rf >> 1;
    } else if (rexp == -1) {
        rf = (1ull << 50) | rf >> 2;
        rexp = 0;
    }
    return sign | (uint64_t)(rexp & (int)exp_ones(f)) << f->frac_bits | rf >> to52(f);
}

static uint64_t rsqrte(const struct fpfmt *f, uint64_t a, uint32_t *fpscr)
{
    uint64_t x = fpu_flush_input(f, a, fpscr);
    int exp = (int)exp_of(f, x);
    unsigned scaled;

    if (is_nan(f, x))
        return fpu_process_nan(f, x, fpscr);
    if (is_zero(f, x)) {
        *fpscr |= DZC;
        return (x & sign_bit(f)) | inf_of(f);
    }
    if (x & sign_bit(f)) {
        *fpscr |= IOC;
        return f->default_nan;
    }
    if (is_inf(f, x))
        return 0;
    uint64_t fraction = (x & frac_mask(f)) << to52(f);
    if (exp == 0) {
        while (!(fraction >> 51 & 1)) {
            fraction <<= 1;
            exp--;
        }
        fraction = (fraction << 1) & ((1ull << 52) - 1);
    }
    if ((exp & 1) == 0)
        scaled = 256 | (unsigned)(fraction >> 44 & 0xff);
    else
        scaled = 128 | (unsigned)(fraction >> 45 & 0x7f);
    unsigned est = rsqrt_estimate(scaled);
    uint64_t rexp = (uint64_t)(3 * bias_of(f) - 1 - exp) / 2;
    return (rexp & exp_ones(f)) << f->frac_bits | (uint64_t)(est & 0xff) << (f->frac_bits - 8);
}

uint32_t fpu_recpe32(uint32_t a, uint32_t *fpscr) { return (uint32_t)recpe(&F32, a, fpscr); }
uint64_t fpu_recpe64(uint64_t a, uint32_t *fpscr) { return recpe(&F64, a, fpscr); }
uint32_t fpu_rsqrte32(uint32_t a, uint32_t *fpscr) { return (uint32_t)rsqrte(&F32, a, fpscr); }
uint64_t fpu_rsqrte64(uint64_t a, uint32_t *fpscr) { return rsqrte(&F64, a, fpscr); }

uint32_t fpu_recpe_u32(uint32_t a)
{
    if (!(a & 0x80000000u))
        return 0xffffffffu;
    return recip_estimate(a >> 23) << 23;
}

uint32_t fpu_rsqrte_u32(uint32_t a)
{
    if ((a >> 30) == 0)
        return 0xffffffffu;
    return rsqrt_estimate(a >> 23) << 23;
}

/* FPRecpX: the exponent inverted, the fraction dropped (zeros get the largest finite
 * exponent). */
static uint64_t recpx(const struct fpfmt *f, uint64_t a, uint32_t *fpscr)
{
    uint64_t x = fpu_flush_input(f, a, fpscr), sign = x & sign_bit(f);
    unsigned e = exp_of(f, x);

    if (is_nan(f, x))
        return fpu_process_nan(f, x, fpscr);
    if (e == 0)
        return sign | (uint64_t)(exp_ones(f) - 1) << f->frac_bits;
    return sign | (uint64_t)(~e & exp_ones(f)) << f->frac_bits;
}

uint32_t fpu_recpx32(uint32_t a, uint32_t *fpscr) { return (uint32_t)recpx(&F32, a, fpscr); }
uint64_t fpu_recpx64(uint64_t a, uint32_t *fpscr) { return recpx(&F64, a, fpscr); }

/* --- steps: 2 - a*b and (3 - a*b)/2 ---
 * Both start alike: flushed inputs, NaNs, then infinity times zero (the constant
 * 'inf_zero_result') and other infinities. The fused AArch64 forms negate a before
 * all of it, so a NaN from a comes back with its sign flipped; the ARMv7 forms do not,
 * and subtract the product instead ('flip' gives the infinite result's sign). */
static bool step_specials(const struct fpfmt *f, uint64_t *a, uint64_t *b,
                          uint64_t inf_zero_result, uint64_t flip, uint32_t *fpscr,
                          uint64_t *res)
{
    uint64_t ops[2];

    ops[0] = *a = fpu_flush_input(f, *a, fpscr);
    ops[1] = *b = fpu_flush_input(f, *b, fpscr);
    if (fpu_pick_nan(f, ops, 2, fpscr, res))
        return true;
    if ((is_inf(f, *a) && is_zero(f, *b)) || (is_zero(f, *a) && is_inf(f, *b))) {
        *res = inf_zero_result;
        return true;
    }
    if (is_inf(f, *a) || is_inf(f, *b)) {
        *res = ((*a ^ *b ^ flip) & sign_bit(f)) | inf_of(f);
        return true;
    }
    return false;
}

uint32_t fpu_recps32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    uint64_t x = a, y = b, res;
    if (step_specials(&F32, &x, &y, 0x40000000u, sign_bit(&F32), fpscr, &res))
        return (uint32_t)res;
    return fpu_sub32(0x40000000u, fpu_mul32((uint32_t)x, (uint32_t)y, fpscr), fpscr);
}

uint32_t fpu_rsqrts32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    uint64_t x = a, y = b, res;
    if (step_specials(&F32, &x, &y, 0x3fc00000u, sign_bit(&F32), fpscr, &res))
        return (uint32_t)res;
    /* 3 - p is a multiple of 2^-23 or beyond, so halving it is exact */
    return fpu_mul32(fpu_sub32(0x40400000u, fpu_mul32((uint32_t)x, (uint32_t)y, fpscr),
                               fpscr), 0x3f000000u, fpscr);
}

/* The constant c (2.0, 1.5, 3.0) in format f. */
static uint64_t fconst(const struct fpfmt *f, unsigned c2)
{
    uint64_t one = (uint64_t)bias_of(f) << f->frac_bits;
    switch (c2) {
    case 4: return one + (1ull << f->frac_bits);            /* 2.0 */
    case 3: return one | 1ull << (f->frac_bits - 1);        /* 1.5 */
    default: return one + (1ull << f->frac_bits) + (1ull << (f->frac_bits - 1)); /* 3.0 */
    }
}

static uint64_t muladd(const struct fpfmt *f, uint64_t c, uint64_t a, uint64_t b,
                       uint32_t *fpscr)
{
    if (f == &F32)
        return fpu_muladd32((uint32_t)c, (uint32_t)a, (uint32_t)b, fpscr);
    return fpu_muladd64(c, a, b, fpscr);
}

static uint64_t recps_fused(const struct fpfmt *f, uint64_t a, uint64_t b, uint32_t *fpscr)
{
    uint64_t res;
    a = fpu_flush_input(f, a, fpscr) ^ sign_bit(f);
    if (step_specials(f, &a, &b, fconst(f, 4), 0, fpscr, &res))
        return res;
    return muladd(f, fconst(f, 4), a, b, fpscr);
}

/* (3 + a*b)/2 rounded once: halving an operand whose exponent allows it keeps the
 * product exact; when neither does, the product is far below 3's last bit and halving
 * the rounded sum (a normal number near 3) is exact too. */
static uint64_t rsqrts_fused(const struct fpfmt *f, uint64_t a, uint64_t b, uint32_t *fpscr)
{
    uint64_t res;
    a = fpu_flush_input(f, a, fpscr) ^ sign_bit(f);
    if (step_specials(f, &a, &b, fconst(f, 3), 0, fpscr, &res))
        return res;
    if (exp_of(f, a) > 1)
        return muladd(f, fconst(f, 3), a - min_normal(f), b, fpscr);
    if (exp_of(f, b) > 1)
        return muladd(f, fconst(f, 3), a, b - min_normal(f), fpscr);
    return muladd(f, fconst(f, 6), a, b, fpscr) - min_normal(f);
}

uint32_t fpu_recps_fused32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    return (uint32_t)recps_fused(&F32, a, b, fpscr);
}
uint64_t fpu_recps_fused64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    return recps_fused(&F64, a, b, fpscr);
}
uint32_t fpu_rsqrts_fused32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    return (uint32_t)rsqrts_fused(&F32, a, b, fpscr);
}
uint64_t fpu_rsqrts_fused64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    return rsqrts_fused(&F64, a, b, fpscr);
}
