/* Run-time helpers for VFP instructions, called from code translate-vfp.c generates.
 * Contract: env is the struct arm_cpu. Each helper computes one ARM floating-point
 * primitive with fpu.c under the guest's FPSCR, accumulates its exception flags there
 * (comparisons also write FPSCR.NZCV) and touches nothing else: no IR global is read or
 * written and nothing raises, so calls use CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS
 * | CALL_NO_RAISE (never CALL_NO_SIDE_EFFECTS: the flags are a side effect).
 * Singles travel as uint32_t bit patterns, doubles as uint64_t. */
#ifndef TARGET_ARM_HELPER_VFP_H
#define TARGET_ARM_HELPER_VFP_H

#include <stdbool.h>
#include <stdint.h>

uint32_t helper_vfp_adds(void *env, uint32_t a, uint32_t b);
uint32_t helper_vfp_subs(void *env, uint32_t a, uint32_t b);
uint32_t helper_vfp_muls(void *env, uint32_t a, uint32_t b);
uint32_t helper_vfp_divs(void *env, uint32_t a, uint32_t b);
uint32_t helper_vfp_sqrts(void *env, uint32_t a);
/* Fused: addend + op1 * op2, rounded once. */
uint32_t helper_vfp_muladds(void *env, uint32_t addend, uint32_t op1, uint32_t op2);
uint64_t helper_vfp_addd(void *env, uint64_t a, uint64_t b);
uint64_t helper_vfp_subd(void *env, uint64_t a, uint64_t b);
uint64_t helper_vfp_muld(void *env, uint64_t a, uint64_t b);
uint64_t helper_vfp_divd(void *env, uint64_t a, uint64_t b);
uint64_t helper_vfp_sqrtd(void *env, uint64_t a);
uint64_t helper_vfp_muladdd(void *env, uint64_t addend, uint64_t op1, uint64_t op2);

/* VMRS/VMSR of the whole FPSCR: flags that inline float ops left with the JIT
 * (jit_fp_take_flags) are folded in before a read and dropped by a write. */
uint32_t helper_vfp_read_fpscr(void *env);
void helper_vfp_write_fpscr(void *env, uint32_t v);

/* VCMP (quiet != 0: only signalling NaNs raise IOC) / VCMPE: sets FPSCR.NZCV. */
void helper_vfp_cmps(void *env, uint32_t a, uint32_t b, uint32_t quiet);
void helper_vfp_cmpd(void *env, uint64_t a, uint64_t b, uint32_t quiet);

uint64_t helper_vfp_f32_to_f64(void *env, uint32_t a);
uint32_t helper_vfp_f64_to_f32(void *env, uint64_t a);
/* VCVTB/VCVTT: the half-precision value is in the low 16 bits. */
uint32_t helper_vfp_f32_to_f16(void *env, uint32_t a);
uint32_t helper_vfp_f16_to_f32(void *env, uint32_t h);

/* Conversions with fixed-point or integer values of 'size' (16 or 32) bits with 'fbits'
 * fraction bits, described by one word; rmode is an enum fpu_rmode or VFP_RMODE_FPSCR. */
enum { VFP_RMODE_FPSCR = 4 };
static inline uint32_t vfp_cvt_desc(unsigned size, unsigned fbits, bool uns, unsigned rmode)
{
    return size | fbits << 8 | (uint32_t)uns << 16 | rmode << 20;
}
uint64_t helper_vfp_f32_to_fix(void *env, uint32_t a, uint32_t desc);
uint64_t helper_vfp_f64_to_fix(void *env, uint64_t a, uint32_t desc);
uint32_t helper_vfp_fix_to_f32(void *env, uint64_t v, uint32_t desc);
uint64_t helper_vfp_fix_to_f64(void *env, uint64_t v, uint32_t desc);
/* VCVT to a signed 32-bit integer, rounding toward zero (the inline path's fallback). */
uint32_t helper_vfp_f32_to_s32_rz(void *env, uint32_t a);
uint32_t helper_vfp_f64_to_s32_rz(void *env, uint64_t a);

#endif
