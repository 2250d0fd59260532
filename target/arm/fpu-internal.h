/* Private to the fpu*.c files: IEEE format descriptions, bit-pattern predicates and the
 * software rounding primitives they share (the public contract is fpu.h).
 * Values are raw bit patterns in a uint64_t whatever the format; 'fpscr' is the control
 * and cumulative-flag word described in fpu.h. */
#ifndef TARGET_ARM_FPU_INTERNAL_H
#define TARGET_ARM_FPU_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/fpu.h"

enum { IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128 };
enum { FZ = 1u << 24, DN = 1u << 25, AHP = 1u << 26 };

struct fpfmt {
    unsigned frac_bits, exp_bits;
    uint64_t default_nan;
};
static const struct fpfmt F16 = { 10, 5, FPU_DEFAULT_NAN16 };
static const struct fpfmt F32 = { 23, 8, FPU_DEFAULT_NAN32 };
static const struct fpfmt F64 = { 52, 11, FPU_DEFAULT_NAN64 };

static inline uint64_t sign_bit(const struct fpfmt *f)
{
    return 1ull << (f->frac_bits + f->exp_bits);
}
static inline uint64_t frac_mask(const struct fpfmt *f) { return (1ull << f->frac_bits) - 1; }
static inline unsigned exp_ones(const struct fpfmt *f) { return (1u << f->exp_bits) - 1; }
static inline unsigned exp_of(const struct fpfmt *f, uint64_t x)
{
    return (unsigned)(x >> f->frac_bits) & exp_ones(f);
}
static inline uint64_t quiet_bit(const struct fpfmt *f) { return 1ull << (f->frac_bits - 1); }
static inline uint64_t inf_of(const struct fpfmt *f)
{
    return (uint64_t)exp_ones(f) << f->frac_bits;
}
static inline uint64_t min_normal(const struct fpfmt *f) { return 1ull << f->frac_bits; }
static inline int bias_of(const struct fpfmt *f) { return (1 << (f->exp_bits - 1)) - 1; }

static inline bool is_nan(const struct fpfmt *f, uint64_t x)
{
    return exp_of(f, x) == exp_ones(f) && (x & frac_mask(f)) != 0;
}
static inline bool is_snan(const struct fpfmt *f, uint64_t x)
{
    return is_nan(f, x) && !(x & quiet_bit(f));
}
static inline bool is_qnan(const struct fpfmt *f, uint64_t x)
{
    return is_nan(f, x) && (x & quiet_bit(f));
}
static inline bool is_inf(const struct fpfmt *f, uint64_t x)
{
    return (x & ~sign_bit(f)) == inf_of(f);
}
static inline bool is_zero(const struct fpfmt *f, uint64_t x) { return (x & ~sign_bit(f)) == 0; }

/* Denormal input under FPSCR.FZ: a signed zero, and IDC. */
uint64_t fpu_flush_input(const struct fpfmt *f, uint64_t x, uint32_t *fpscr);
/* A NaN operand's result: quietened (IOC if it was signalling) or the default NaN. */
uint64_t fpu_process_nan(const struct fpfmt *f, uint64_t x, uint32_t *fpscr);
/* The first signalling NaN of ops[0..n), else the first quiet one, processed into *res;
 * false when no operand is a NaN. */
bool fpu_pick_nan(const struct fpfmt *f, const uint64_t *ops, unsigned n,
                  uint32_t *fpscr, uint64_t *res);
/* A finite value as mant * 2^exp (mant 0 for zeros). */
void fpu_unpack_finite(const struct fpfmt *f, uint64_t x, uint64_t *mant, int *exp);

/* Where the bits below an integer part lie relative to one half: the rounding input. */
struct rem { bool inexact, above_half, at_half; };
/* mant >> sh with the discarded bits classified; sh may exceed 63. */
uint64_t fpu_shift_right(uint64_t mant, unsigned sh, struct rem *r);
/* Whether a magnitude with remainder r and low bit 'odd' rounds up in 'rmode'
 * (FPU_RA, ties away from zero, included). */
bool fpu_round_up(const struct rem *r, bool odd, bool sign, enum fpu_rmode rmode);
/* ARM's FPRound of the exact value (-1)^sign * mant * 2^exp, mant != 0, into format f.
 * 'fz' flushes tiny results; 'ahp' selects the alternative half-precision format. */
uint64_t fpu_round_pack(const struct fpfmt *f, bool sign, int exp, uint64_t mant,
                        enum fpu_rmode rmode, bool fz, bool ahp, uint32_t *fpscr);

#endif
