/* The AArch64 FP run-time helpers bound to the CPU state (contract in helper-a64-fp.h),
 * and FPCR/FPSR as the rest of crossrun sees them (cpu64.h). */
#include "target/arm/helper-a64-fp.h"

#include "target/arm/cpu64.h"
#include "tcg/ir.h"

/* --- helpers bound to the CPU state --- */

static inline unsigned d_op(uint32_t desc) { return desc & 0xff; }
static inline bool d_dbl(uint32_t desc) { return desc >> 8 & 1; }
static inline unsigned d_size(uint32_t desc) { return desc >> 9 & 0x7f; }
static inline unsigned d_fbits(uint32_t desc) { return desc >> 16 & 0x7f; }
static inline bool d_uns(uint32_t desc) { return desc >> 23 & 1; }

static enum fpu_rmode d_rmode(uint32_t desc, uint32_t st)
{
    unsigned rm = desc >> 24 & 7;
    return rm == A64_RMODE_FPCR ? fpu_rmode_of(st) : (enum fpu_rmode)rm;
}

static inline uint32_t status_in(void *env) { return a64_fp_status(A64_CPU(env)->fpcr); }
static inline void status_out(void *env, uint32_t st)
{
    A64_CPU(env)->fpsr |= st & FPU_EXC_MASK;
}

uint64_t helper_a64_fbinop(void *env, uint64_t a, uint64_t b, uint32_t desc)
{
    uint32_t st = status_in(env);
    uint64_t r = a64_fbinop(d_op(desc), d_dbl(desc), a, b, &st);
    status_out(env, st);
    return r;
}

uint64_t helper_a64_funop(void *env, uint64_t a, uint32_t desc)
{
    uint32_t st = status_in(env);
    uint64_t r = a64_funop(d_op(desc), d_dbl(desc), a, &st);
    status_out(env, st);
    return r;
}

uint64_t helper_a64_fmuladd(void *env, uint64_t a, uint64_t n, uint64_t m, uint32_t desc)
{
    uint32_t st = status_in(env);
    uint64_t r = a64_fmuladd(d_op(desc), d_dbl(desc), a, n, m, &st);
    status_out(env, st);
    return r;
}

uint64_t helper_a64_fcmp(void *env, uint64_t a, uint64_t b, uint32_t desc)
{
    uint32_t st = status_in(env);
    uint32_t r = a64_fcmp(d_dbl(desc), a, b, d_op(desc) != 0, &st);
    status_out(env, st);
    return r;
}

uint64_t helper_a64_f_to_int(void *env, uint64_t a, uint32_t desc)
{
    uint32_t st = status_in(env);
    uint64_t r = a64_f_to_int(d_dbl(desc), a, d_size(desc), d_fbits(desc), d_uns(desc),
                              d_rmode(desc, st), &st);
    status_out(env, st);
    return r;
}

uint64_t helper_a64_int_to_f(void *env, uint64_t v, uint32_t desc)
{
    uint32_t st = status_in(env);
    uint64_t r = a64_int_to_f(d_dbl(desc), v, d_size(desc), d_fbits(desc), d_uns(desc),
                              d_rmode(desc, st), &st);
    status_out(env, st);
    return r;
}

uint64_t helper_a64_fcvt(void *env, uint64_t a, uint32_t desc)
{
    uint32_t st = status_in(env);
    uint64_t r = d_op(desc) == 4 ? fpu_f64_to_f32_odd(a, &st)
                                 : a64_fcvt(d_op(desc) & 3, d_op(desc) >> 2, a, &st);
    status_out(env, st);
    return r;
}

/* --- FPCR and FPSR as the rest of crossrun sees them (cpu64.h) ---
 * Both are kept as the architectural words; the helpers read FPCR's control bits and
 * OR flags into FPSR directly, so nothing needs converting. Only the bits a Cortex-A76
 * keeps stick: FPCR AHP, DN, FZ, RMode, Stride and Len (no function in AArch64, kept
 * for AArch32's FPSCR) and FZ16 (it selects flushing for half-precision arithmetic,
 * which crossrun does not implement, so it changes nothing); the trap enables are
 * RAZ/WI, as on every core without trapped exceptions. FPSR: NZCV (AArch32's), QC and
 * the cumulative flags. */
enum { FPCR_DEFINED = 0x07ff0000u, FPSR_DEFINED = 0xf800009fu };

uint32_t a64_fpcr_get(const struct a64_cpu *env) { return env->fpcr; }
void a64_fpcr_set(struct a64_cpu *env, uint32_t v) { env->fpcr = v & FPCR_DEFINED; }
uint32_t a64_fpsr_get(const struct a64_cpu *env) { return env->fpsr; }
void a64_fpsr_set(struct a64_cpu *env, uint32_t v) { env->fpsr = v & FPSR_DEFINED; }
/* FPCR RMode, FZ and DN (bits 25:22) select how FP arithmetic is translated: with all
 * three clear, FADD & co. are inline host float ops (translate-a64-fp.c). */
uint32_t a64_fp_tb_flags(const struct a64_cpu *env)
{
    return (env->fpcr >> 22 & 0xf) << A64_TBF_FP_SHIFT;
}

/* The host's input-denormal flag has no counterpart while FZ is clear (IDC means
 * "flushed"), and the inline float ops run only then; the others are FPSR's. */
uint32_t a64_fpsr_of_fpx(unsigned fpx)
{
    return ((fpx & IR_FPX_INVALID) ? 1u << 0 : 0) | ((fpx & IR_FPX_DIVZERO) ? 1u << 1 : 0)
           | ((fpx & IR_FPX_OVERFLOW) ? 1u << 2 : 0) | ((fpx & IR_FPX_UNDERFLOW) ? 1u << 3 : 0)
           | ((fpx & IR_FPX_INEXACT) ? 1u << 4 : 0);
}

void a64_fp_flags(struct cpu_common *cpu, unsigned fpx)
{
    A64_CPU(cpu)->fpsr |= a64_fpsr_of_fpx(fpx);
}

/* arch/arm64 AT_HWCAP bits: exactly what is implemented here and tested against
 * qemu-aarch64 -cpu cortex-a76 by tests/isa/aarch64/gen (every encoding of these groups,
 * a64-enum/-rand/-mem/-seq) and tests/isa/aarch64/kernels (gcc -O3 loops, glibc's string
 * routines, intrinsics):
 *   FP        scalar FP, FCVT to and from half precision  (fp-* classes, vec_float)
 *   ASIMD     AdvSIMD integer and FP, loads/stores         (simd-*, sc-*, ld-*, all kernels)
 *   AES PMULL SHA1 SHA2 CRC32                              (aes, sha-*, crc32, simd-3diff
 *                                                           PMULL, crypto_simd)
 *   ASIMDRDM  SQRDMLAH/SQRDMLSH (ARMv8.1)                  (simd-extra, *-elem)
 *   ASIMDDP   SDOT/UDOT                                     (simd-extra, simd-elem)
 * Not implemented, so not advertised: half-precision arithmetic (FPHP, ASIMDHP), JSCVT,
 * FCMA, FHM, SHA3, SHA512, SM3, SM4, I8MM, BF16, FRINT (HWCAP2), SVE. The integer side
 * adds its own bits (cpu64.c). */
enum { HWCAP_FP = 1 << 0, HWCAP_ASIMD = 1 << 1, HWCAP_AES = 1 << 3, HWCAP_PMULL = 1 << 4,
       HWCAP_SHA1 = 1 << 5, HWCAP_SHA2 = 1 << 6, HWCAP_CRC32 = 1 << 7,
       HWCAP_ASIMDRDM = 1 << 12, HWCAP_ASIMDDP = 1 << 20 };
uint64_t a64_fp_hwcap(void)
{
    return HWCAP_FP | HWCAP_ASIMD | HWCAP_AES | HWCAP_PMULL | HWCAP_SHA1 | HWCAP_SHA2
           | HWCAP_CRC32 | HWCAP_ASIMDRDM | HWCAP_ASIMDDP;
}
/* No AT_HWCAP2 feature of the FP/SIMD side is implemented (FRINT, BF16, I8MM, SVE2 ...). */
uint64_t a64_fp_hwcap2(void) { return 0; }
