/* ARMv8 floating-point operations AArch64 added to the ARMv7 set (contract in fpu.h):
 * rounding to integral (FRINT*), FMULX, and the conversions between half and double
 * precision and FCVTXN's rounding to odd. */
#include "target/arm/fpu.h"
#include "target/arm/fpu-internal.h"

/* FPRoundInt: the value's integer part by 'rmode'; a zero result keeps the sign. */
static uint64_t rint_fmt(const struct fpfmt *f, uint64_t a, enum fpu_rmode rmode, bool exact,
                         uint32_t *fpscr)
{
    uint64_t x = fpu_flush_input(f, a, fpscr), sign = x & sign_bit(f), mant, ip;
    struct rem r;
    int exp;

    if (is_nan(f, x))
        return fpu_process_nan(f, x, fpscr);
    if (is_inf(f, x) || is_zero(f, x))
        return x;
    fpu_unpack_finite(f, x, &mant, &exp);
    if (exp >= 0)
        return x;                       /* no fraction bits: already integral */
    ip = fpu_shift_right(mant, (unsigned)-exp, &r);
    if (fpu_round_up(&r, ip & 1, sign != 0, rmode))
        ip++;
    if (exact && r.inexact)
        *fpscr |= IXC;
    if (ip == 0)
        return sign;
    return fpu_round_pack(f, sign != 0, 0, ip, FPU_RN, false, false, fpscr);
}

uint32_t fpu_rint32(uint32_t a, enum fpu_rmode rmode, bool exact, uint32_t *fpscr)
{
    return (uint32_t)rint_fmt(&F32, a, rmode, exact, fpscr);
}
uint64_t fpu_rint64(uint64_t a, enum fpu_rmode rmode, bool exact, uint32_t *fpscr)
{
    return rint_fmt(&F64, a, rmode, exact, fpscr);
}

/* FPMulX: NaNs first, then infinity times zero is 2.0, else an ordinary product. */
static bool mulx_special(const struct fpfmt *f, uint64_t *a, uint64_t *b, uint32_t *fpscr,
                         uint64_t *res)
{
    uint64_t ops[2];

    ops[0] = *a = fpu_flush_input(f, *a, fpscr);
    ops[1] = *b = fpu_flush_input(f, *b, fpscr);
    if (fpu_pick_nan(f, ops, 2, fpscr, res))
        return true;
    if ((is_inf(f, *a) && is_zero(f, *b)) || (is_zero(f, *a) && is_inf(f, *b))) {
        *res = ((*a ^ *b) & sign_bit(f)) | (uint64_t)(bias_of(f) + 1) << f->frac_bits;
        return true;
    }
    return false;
}

uint32_t fpu_mulx32(uint32_t a, uint32_t b, uint32_t *fpscr)
{
    uint64_t x = a, y = b, res;
    if (mulx_special(&F32, &x, &y, fpscr, &res))
        return (uint32_t)res;
    return fpu_mul32((uint32_t)x, (uint32_t)y, fpscr);
}
uint64_t fpu_mulx64(uint64_t a, uint64_t b, uint32_t *fpscr)
{
    uint64_t x = a, y = b, res;
    if (mulx_special(&F64, &x, &y, fpscr, &res))
        return res;
    return fpu_mul64(x, y, fpscr);
}

/* Double to half, as fpu_f32_to_f16 does from single: FZ flushes the double input only;
 * the alternative format (AHP) has no NaNs or infinities and saturates. */
uint16_t fpu_f64_to_f16(uint64_t a, uint32_t *fpscr)
{
    bool ahp = (*fpscr & AHP) != 0, sign = a >> 63;
    uint64_t x = fpu_flush_input(&F64, a, fpscr), mant;
    uint16_t s = sign ? 0x8000 : 0;
    int exp;

    if (is_nan(&F64, x)) {
        if (ahp || is_snan(&F64, x))
            *fpscr |= IOC;
        if (ahp)
            return s;
        if (*fpscr & DN)
            return FPU_DEFAULT_NAN16;
        return s | FPU_DEFAULT_NAN16 | (uint16_t)(x >> 42 & 0x1ff);
    }
    if (is_inf(&F64, x)) {
        if (ahp) {
            *fpscr |= IOC;
            return s | 0x7fff;
        }
        return s | 0x7c00;
    }
    fpu_unpack_finite(&F64, x, &mant, &exp);
    if (mant == 0)
        return s;
    return (uint16_t)fpu_round_pack(&F16, sign, exp, mant, fpu_rmode_of(*fpscr), false, ahp,
                                    fpscr);
}

/* Half to double is exact: only NaNs need care (and AHP's top binade is ordinary). */
uint64_t fpu_f16_to_f64(uint16_t h, uint32_t *fpscr)
{
    bool ahp = (*fpscr & AHP) != 0, sign = h >> 15;
    uint64_t s = sign ? sign_bit(&F64) : 0, mant;
    int exp;

    if (!ahp && is_nan(&F16, h)) {
        if (is_snan(&F16, h))
            *fpscr |= IOC;
        if (*fpscr & DN)
            return FPU_DEFAULT_NAN64;
        return s | FPU_DEFAULT_NAN64 | (uint64_t)(h & 0x1ff) << 42;
    }
    if (!ahp && is_inf(&F16, h))
        return s | inf_of(&F64);
    if (exp_of(&F16, h) == exp_ones(&F16)) {
        mant = (h & 0x3ffu) | 0x400u;
        exp = 31 - 15 - 10;
    } else {
        fpu_unpack_finite(&F16, h, &mant, &exp);
    }
    if (mant == 0)
        return s;
    return fpu_round_pack(&F64, sign, exp, mant, FPU_RN, false, false, fpscr);
}

/* Round to odd = truncate, then set the lowest bit if anything was lost; a value too
 * large truncates to the largest finite single, which is odd already. */
uint32_t fpu_f64_to_f32_odd(uint64_t a, uint32_t *fpscr)
{
    uint32_t st = (*fpscr & ~(FPU_EXC_MASK | 3u << 22)) | (uint32_t)FPU_RZ << 22;
    uint32_t r = fpu_f64_to_f32(a, &st);

    if (st & IXC)
        r |= 1;
    *fpscr |= st & FPU_EXC_MASK;
    return r;
}
