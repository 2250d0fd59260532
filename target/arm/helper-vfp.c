/* VFP run-time helpers (contract in helper-vfp.h): thin wrappers binding fpu.c to the
 * guest's FPSCR. */
#include "target/arm/helper-vfp.h"

#include "target/arm/cpu.h"
#include "target/arm/fpu.h"
#include "tcg/exec.h"

static inline uint32_t *fpscr_of(void *env) { return &ARM_CPU(env)->fpscr; }

uint32_t helper_vfp_adds(void *env, uint32_t a, uint32_t b)
{
    return fpu_add32(a, b, fpscr_of(env));
}
uint32_t helper_vfp_subs(void *env, uint32_t a, uint32_t b)
{
    return fpu_sub32(a, b, fpscr_of(env));
}
uint32_t helper_vfp_muls(void *env, uint32_t a, uint32_t b)
{
    return fpu_mul32(a, b, fpscr_of(env));
}
uint32_t helper_vfp_divs(void *env, uint32_t a, uint32_t b)
{
    return fpu_div32(a, b, fpscr_of(env));
}
uint32_t helper_vfp_sqrts(void *env, uint32_t a) { return fpu_sqrt32(a, fpscr_of(env)); }
uint32_t helper_vfp_muladds(void *env, uint32_t addend, uint32_t op1, uint32_t op2)
{
    return fpu_muladd32(addend, op1, op2, fpscr_of(env));
}
uint64_t helper_vfp_addd(void *env, uint64_t a, uint64_t b)
{
    return fpu_add64(a, b, fpscr_of(env));
}
uint64_t helper_vfp_subd(void *env, uint64_t a, uint64_t b)
{
    return fpu_sub64(a, b, fpscr_of(env));
}
uint64_t helper_vfp_muld(void *env, uint64_t a, uint64_t b)
{
    return fpu_mul64(a, b, fpscr_of(env));
}
uint64_t helper_vfp_divd(void *env, uint64_t a, uint64_t b)
{
    return fpu_div64(a, b, fpscr_of(env));
}
uint64_t helper_vfp_sqrtd(void *env, uint64_t a) { return fpu_sqrt64(a, fpscr_of(env)); }
uint64_t helper_vfp_muladdd(void *env, uint64_t addend, uint64_t op1, uint64_t op2)
{
    return fpu_muladd64(addend, op1, op2, fpscr_of(env));
}

uint32_t helper_vfp_read_fpscr(void *env)
{
    *fpscr_of(env) |= arm_fpscr_of_fpx(jit_fp_take_flags());
    return *fpscr_of(env);
}

void helper_vfp_write_fpscr(void *env, uint32_t v)
{
    (void)jit_fp_take_flags();
    *fpscr_of(env) = v;
}

void helper_vfp_cmps(void *env, uint32_t a, uint32_t b, uint32_t quiet)
{
    uint32_t *f = fpscr_of(env);
    uint32_t nzcv = fpu_cmp32(a, b, !quiet, f);
    *f = (*f & 0x0fffffffu) | nzcv;
}

void helper_vfp_cmpd(void *env, uint64_t a, uint64_t b, uint32_t quiet)
{
    uint32_t *f = fpscr_of(env);
    uint32_t nzcv = fpu_cmp64(a, b, !quiet, f);
    *f = (*f & 0x0fffffffu) | nzcv;
}

uint64_t helper_vfp_f32_to_f64(void *env, uint32_t a) { return fpu_f32_to_f64(a, fpscr_of(env)); }
uint32_t helper_vfp_f64_to_f32(void *env, uint64_t a) { return fpu_f64_to_f32(a, fpscr_of(env)); }
uint32_t helper_vfp_f32_to_f16(void *env, uint32_t a) { return fpu_f32_to_f16(a, fpscr_of(env)); }
uint32_t helper_vfp_f16_to_f32(void *env, uint32_t h)
{
    return fpu_f16_to_f32((uint16_t)h, fpscr_of(env));
}

static enum fpu_rmode desc_rmode(void *env, uint32_t desc)
{
    unsigned rm = desc >> 20 & 7;
    return rm == VFP_RMODE_FPSCR ? fpu_rmode_of(*fpscr_of(env)) : (enum fpu_rmode)rm;
}

uint64_t helper_vfp_f32_to_fix(void *env, uint32_t a, uint32_t desc)
{
    return fpu_f32_to_fixed(a, desc & 0xff, desc >> 8 & 0xff, desc >> 16 & 1,
                            desc_rmode(env, desc), fpscr_of(env));
}

uint64_t helper_vfp_f64_to_fix(void *env, uint64_t a, uint32_t desc)
{
    return fpu_f64_to_fixed(a, desc & 0xff, desc >> 8 & 0xff, desc >> 16 & 1,
                            desc_rmode(env, desc), fpscr_of(env));
}

uint32_t helper_vfp_fix_to_f32(void *env, uint64_t v, uint32_t desc)
{
    return fpu_fixed_to_f32(v, desc & 0xff, desc >> 8 & 0xff, desc >> 16 & 1,
                            desc_rmode(env, desc), fpscr_of(env));
}

uint64_t helper_vfp_fix_to_f64(void *env, uint64_t v, uint32_t desc)
{
    return fpu_fixed_to_f64(v, desc & 0xff, desc >> 8 & 0xff, desc >> 16 & 1,
                            desc_rmode(env, desc), fpscr_of(env));
}

uint32_t helper_vfp_f32_to_s32_rz(void *env, uint32_t a)
{
    return (uint32_t)helper_vfp_f32_to_fix(env, a, vfp_cvt_desc(32, 0, false, FPU_RZ));
}

uint32_t helper_vfp_f64_to_s32_rz(void *env, uint64_t a)
{
    return (uint32_t)helper_vfp_f64_to_fix(env, a, vfp_cvt_desc(32, 0, false, FPU_RZ));
}
