/* ARM floating-point semantics (VFPv3/VFPv4 and Advanced SIMD) computed on the host.
 * Contract: operands and results are raw IEEE bit patterns (uint32_t for single,
 * uint64_t for double, uint16_t for half). Every function that takes 'uint32_t *fpscr'
 * reads the control bits it needs from it (RMode, FZ, DN, AHP) and ORs into it the
 * cumulative exception bits (IOC, DZC, OFC, UFC, IXC, IDC) that the ARMv7 ARM
 * pseudocode sets for that operation; no other FPSCR bit changes. Results, including
 * NaN selection, default NaNs, flush-to-zero and saturation, are those of the
 * architecture, not of the host. The host MXCSR mode is the same on return as on
 * entry; of its sticky flags only those can be newly set whose FPSCR counterparts
 * (invalid IOC, divide-by-zero DZC, overflow OFC, underflow UFC, inexact IXC; the
 * host's denormal flag has none) the operation sets itself, which is what lets the
 * JIT collect inline operations' flags from MXCSR across helper calls.
 *
 * Advanced SIMD uses the "standard FPSCR value" (round to nearest, FZ and DN set, AHP
 * from FPSCR) while still accumulating flags into the real FPSCR: callers run with
 * fpu_standard_fpscr(real) and hand the flags back with fpu_merge_flags(). */
#ifndef TARGET_ARM_FPU_H
#define TARGET_ARM_FPU_H

#include <stdbool.h>
#include <stdint.h>

/* FPSCR.RMode values (also the 'rmode' argument of the conversions). FPU_RA (to nearest,
 * ties away from zero) exists only as an argument: conversions, rounding to integral. */
enum fpu_rmode { FPU_RN = 0, FPU_RP = 1, FPU_RM = 2, FPU_RZ = 3, FPU_RA = 4 };

#define FPU_EXC_MASK 0x9fu          /* IOC DZC OFC UFC IXC IDC */
#define FPU_DEFAULT_NAN32 0x7fc00000u
#define FPU_DEFAULT_NAN64 0x7ff8000000000000ull
#define FPU_DEFAULT_NAN16 0x7e00u

static inline enum fpu_rmode fpu_rmode_of(uint32_t fpscr)
{
    return (enum fpu_rmode)((fpscr >> 22) & 3);
}
uint32_t fpu_standard_fpscr(uint32_t fpscr);
static inline void fpu_merge_flags(uint32_t *fpscr, uint32_t scratch)
{
    *fpscr |= scratch & FPU_EXC_MASK;
}

/* Arithmetic. muladd is fused (one rounding): addend + op1 * op2, with ARM's NaN
 * order (addend first) and the default NaN for inf*0 plus a quiet NaN. */
uint32_t fpu_add32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_sub32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_mul32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_div32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_sqrt32(uint32_t a, uint32_t *fpscr);
uint32_t fpu_muladd32(uint32_t addend, uint32_t op1, uint32_t op2, uint32_t *fpscr);
uint64_t fpu_add64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_sub64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_mul64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_div64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_sqrt64(uint64_t a, uint32_t *fpscr);
uint64_t fpu_muladd64(uint64_t addend, uint64_t op1, uint64_t op2, uint32_t *fpscr);

/* Sign manipulation never signals and never flushes (FPNeg/FPAbs). */
static inline uint32_t fpu_neg32(uint32_t a) { return a ^ 0x80000000u; }
static inline uint32_t fpu_abs32(uint32_t a) { return a & 0x7fffffffu; }
static inline uint64_t fpu_neg64(uint64_t a) { return a ^ (1ull << 63); }
static inline uint64_t fpu_abs64(uint64_t a) { return a & ~(1ull << 63); }

/* Comparison: returns NZCV in bits [31:28] (equal 0110, less 1000, greater 0010,
 * unordered 0011). 'signal_nans' (VCMPE) raises IOC for quiet NaNs too. */
uint32_t fpu_cmp32(uint32_t a, uint32_t b, bool signal_nans, uint32_t *fpscr);
uint32_t fpu_cmp64(uint64_t a, uint64_t b, bool signal_nans, uint32_t *fpscr);

/* Advanced SIMD max/min (ARMv7 FPMax/FPMin: NaNs propagate, max(+0,-0) = +0). */
uint32_t fpu_max32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_min32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint64_t fpu_max64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_min64(uint64_t a, uint64_t b, uint32_t *fpscr);
/* ARMv8 FMAXNM/FMINNM (IEEE maxNum/minNum): a quiet NaN against a number gives the
 * number; otherwise as fpu_max/fpu_min. */
uint32_t fpu_maxnm32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_minnm32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint64_t fpu_maxnm64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint64_t fpu_minnm64(uint64_t a, uint64_t b, uint32_t *fpscr);

/* Precision changes. */
uint64_t fpu_f32_to_f64(uint32_t a, uint32_t *fpscr);
uint32_t fpu_f64_to_f32(uint64_t a, uint32_t *fpscr);
/* Half precision (VCVTB/VCVTT): IEEE or, with FPSCR.AHP, the alternative format;
 * FZ never applies to the half-precision side. */
uint16_t fpu_f32_to_f16(uint32_t a, uint32_t *fpscr);
uint32_t fpu_f16_to_f32(uint16_t h, uint32_t *fpscr);

/* Float to fixed point with 'fbits' fraction bits (0 for plain integers) in a 'size'-bit
 * (16, 32 or 64) signed or unsigned integer, rounded with 'rmode'; saturates and raises IOC
 * on overflow and NaN (NaN gives 0). The result is sign- or zero-extended to 64 bits. */
uint64_t fpu_f32_to_fixed(uint32_t a, unsigned size, unsigned fbits, bool uns,
                          enum fpu_rmode rmode, uint32_t *fpscr);
uint64_t fpu_f64_to_fixed(uint64_t a, unsigned size, unsigned fbits, bool uns,
                          enum fpu_rmode rmode, uint32_t *fpscr);
/* Fixed point to float: v holds the integer (low 'size' bits are used, read as signed
 * or unsigned), rounded with 'rmode' (VCVT from an integer follows FPSCR.RMode, VCVT
 * from fixed point always rounds to nearest). */
uint32_t fpu_fixed_to_f32(uint64_t v, unsigned size, unsigned fbits, bool uns,
                          enum fpu_rmode rmode, uint32_t *fpscr);
uint64_t fpu_fixed_to_f64(uint64_t v, unsigned size, unsigned fbits, bool uns,
                          enum fpu_rmode rmode, uint32_t *fpscr);

/* Estimates and Newton-Raphson steps (fpu-recip.c): VRECPE/FRECPE, VRSQRTE/FRSQRTE,
 * the ARMv7 VRECPS/VRSQRTS (product rounded first) and the AArch64 FRECPS/FRSQRTS
 * (fused: 2 - a*b and (3 - a*b)/2 rounded once), FRECPX (exponent-only reciprocal). */
uint32_t fpu_recpe32(uint32_t a, uint32_t *fpscr);
uint64_t fpu_recpe64(uint64_t a, uint32_t *fpscr);
uint32_t fpu_rsqrte32(uint32_t a, uint32_t *fpscr);
uint64_t fpu_rsqrte64(uint64_t a, uint32_t *fpscr);
uint32_t fpu_recps32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_rsqrts32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fpu_recps_fused32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint64_t fpu_recps_fused64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint32_t fpu_rsqrts_fused32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint64_t fpu_rsqrts_fused64(uint64_t a, uint64_t b, uint32_t *fpscr);
uint32_t fpu_recpx32(uint32_t a, uint32_t *fpscr);
uint64_t fpu_recpx64(uint64_t a, uint32_t *fpscr);
uint32_t fpu_recpe_u32(uint32_t a);
uint32_t fpu_rsqrte_u32(uint32_t a);

/* ARMv8 additions (fpu-v8.c). Round to an integral value in the same format with
 * 'rmode' (FRINT*; 'exact' raises IXC when the value changes, as FRINTX does). */
uint32_t fpu_rint32(uint32_t a, enum fpu_rmode rmode, bool exact, uint32_t *fpscr);
uint64_t fpu_rint64(uint64_t a, enum fpu_rmode rmode, bool exact, uint32_t *fpscr);
/* FMULX: a multiply where infinity times zero is 2.0 (sign of the product). */
uint32_t fpu_mulx32(uint32_t a, uint32_t b, uint32_t *fpscr);
uint64_t fpu_mulx64(uint64_t a, uint64_t b, uint32_t *fpscr);
/* Half <-> double (FCVT), one rounding; AHP as for the single-precision forms. */
uint16_t fpu_f64_to_f16(uint64_t a, uint32_t *fpscr);
uint64_t fpu_f16_to_f64(uint16_t h, uint32_t *fpscr);
/* FCVTXN: double to single rounding to odd (inexact results get their lowest bit set). */
uint32_t fpu_f64_to_f32_odd(uint64_t a, uint32_t *fpscr);

#endif
