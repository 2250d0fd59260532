/* AArch64 floating-point semantics by operation number, for the scalar FP translator
 * (translate-a64-fp.c) and the AdvSIMD helpers (helper-a64-simd.c).
 * Contract: values are raw bit patterns of single (dbl false) or double precision in a
 * uint64_t (singles in the low 32 bits, upper bits zero). 'fpscr' is an ARM FPSCR-shaped
 * word: the caller puts FPCR's control bits in it (AHP, DN, FZ, RMode: the same bit
 * positions in FPCR and FPSCR) and afterwards ORs its cumulative exception bits
 * (FPU_EXC_MASK, the same positions as in FPSR) into FPSR. Results, NaN choice, flushing
 * and flags are the architecture's (fpu.h does the arithmetic). No function here looks
 * at the CPU state. */
#ifndef TARGET_ARM_HELPER_A64_FP_H
#define TARGET_ARM_HELPER_A64_FP_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/fpu.h"

/* Two operands. The compares (FCMEQ ... FACGT) give all ones or zero in the format's
 * width; NMUL is FNMUL (negated product), ABD FABD, RECPS/RSQRTS the fused steps. */
enum a64_fbinop {
    AF_ADD, AF_SUB, AF_MUL, AF_DIV, AF_MAX, AF_MIN, AF_MAXNM, AF_MINNM, AF_MULX,
    AF_ABD, AF_RECPS, AF_RSQRTS, AF_NMUL, AF_CMEQ, AF_CMGE, AF_CMGT, AF_ACGE, AF_ACGT,
};
uint64_t a64_fbinop(unsigned op, bool dbl, uint64_t a, uint64_t b, uint32_t *fpscr);

/* One operand. RINT_CUR is FRINTI (FPCR's rounding mode); RINTX is FRINTX (the same,
 * raising IXC when inexact). The compares with zero give masks as above. */
enum a64_funop {
    AU_SQRT, AU_RECPE, AU_RSQRTE, AU_RECPX, AU_RINTN, AU_RINTP, AU_RINTM, AU_RINTZ,
    AU_RINTA, AU_RINTX, AU_RINT_CUR, AU_NEG, AU_ABS, AU_CMEQ0, AU_CMGE0, AU_CMGT0,
    AU_CMLE0, AU_CMLT0,
};
uint64_t a64_funop(unsigned op, bool dbl, uint64_t a, uint32_t *fpscr);

/* Fused multiply-add family, one rounding: MADD a + n*m, MSUB a - n*m, NMADD -a - n*m,
 * NMSUB -a + n*m (FMADD ... FNMSUB; FMLA/FMLS are MADD/MSUB). */
enum a64_fmaop { AM_MADD, AM_MSUB, AM_NMADD, AM_NMSUB };
uint64_t a64_fmuladd(unsigned op, bool dbl, uint64_t a, uint64_t n, uint64_t m,
                     uint32_t *fpscr);

/* FCMP/FCMPE: NZCV in bits [31:28] ('signal' raises IOC for quiet NaNs too). */
uint32_t a64_fcmp(bool dbl, uint64_t a, uint64_t b, bool signal, uint32_t *fpscr);

/* Float to a 'size'-bit (32 or 64) integer with 'fbits' fraction bits, and back. The
 * integer result is zero-extended from 'size' bits. */
uint64_t a64_f_to_int(bool dbl, uint64_t a, unsigned size, unsigned fbits, bool uns,
                      enum fpu_rmode rmode, uint32_t *fpscr);
uint64_t a64_int_to_f(bool dbl, uint64_t v, unsigned size, unsigned fbits, bool uns,
                      enum fpu_rmode rmode, uint32_t *fpscr);

/* FCVT between precisions: 'from' and 'to' are 1 (half), 2 (single) or 3 (double). */
uint64_t a64_fcvt(unsigned from, unsigned to, uint64_t a, uint32_t *fpscr);

/* --- run-time helpers for the scalar FP translator ---
 * env is the struct a64_cpu: each helper runs one operation above under its FPCR and
 * ORs the exception flags into its FPSR, touching nothing else (no IR global, never
 * raises): call with A64_FP_CALL. 'desc' is built with a64_fdesc(). */
enum { A64_RMODE_FPCR = 7 };      /* desc rounding mode: FPCR's */
static inline uint32_t a64_fdesc(unsigned op, bool dbl, unsigned size, unsigned fbits,
                                 bool uns, unsigned rmode)
{
    return op | (uint32_t)dbl << 8 | size << 9 | fbits << 16 | (uint32_t)uns << 23
           | rmode << 24;
}
uint64_t helper_a64_fbinop(void *env, uint64_t a, uint64_t b, uint32_t desc);
uint64_t helper_a64_funop(void *env, uint64_t a, uint32_t desc);
uint64_t helper_a64_fmuladd(void *env, uint64_t a, uint64_t n, uint64_t m, uint32_t desc);
/* Returns NZCV in bits 31:28; op != 0 is FCMPE. */
uint64_t helper_a64_fcmp(void *env, uint64_t a, uint64_t b, uint32_t desc);
/* size: the integer's bits (32, 64); op: from and to formats for FCVT (from | to << 2),
 * 4 for FCVTXN. */
uint64_t helper_a64_f_to_int(void *env, uint64_t a, uint32_t desc);
uint64_t helper_a64_int_to_f(void *env, uint64_t v, uint32_t desc);
uint64_t helper_a64_fcvt(void *env, uint64_t a, uint32_t desc);

/* FADD, FSUB, FMUL, FDIV, FSQRT of doubles (_d) and singles (_s) as their own helpers
 * (helper-a64-fp-fast.c): the same results and flags as helper_a64_fbinop/funop, with
 * a quicker path for normal operands under round-to-nearest once FPSR.IXC is set. */
uint64_t helper_a64_fadd_d(void *env, uint64_t a, uint64_t b);
uint64_t helper_a64_fsub_d(void *env, uint64_t a, uint64_t b);
uint64_t helper_a64_fmul_d(void *env, uint64_t a, uint64_t b);
uint64_t helper_a64_fdiv_d(void *env, uint64_t a, uint64_t b);
uint64_t helper_a64_fsqrt_d(void *env, uint64_t a);
uint64_t helper_a64_fadd_s(void *env, uint64_t a, uint64_t b);
uint64_t helper_a64_fsub_s(void *env, uint64_t a, uint64_t b);
uint64_t helper_a64_fmul_s(void *env, uint64_t a, uint64_t b);
uint64_t helper_a64_fdiv_s(void *env, uint64_t a, uint64_t b);
uint64_t helper_a64_fsqrt_s(void *env, uint64_t a);

/* IEEE flags the inline float ops leave in the host (IR_FPX_*) as FPSR cumulative bits,
 * and the target_ops.fp_flags hook that ORs them into FPSR. */
struct cpu_common;
uint32_t a64_fpsr_of_fpx(unsigned fpx);
void a64_fp_flags(struct cpu_common *cpu, unsigned fpx);

/* The FPCR control bits fpu.h reads (AHP, DN, FZ, RMode), as a starting status word. */
enum { A64_FPCR_CTL = 0x07c00000u };
static inline uint32_t a64_fp_status(uint32_t fpcr) { return fpcr & A64_FPCR_CTL; }

#endif
