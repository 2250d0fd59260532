/* MIPS FPU run-time helpers (MIPS32R2/MIPS64R2 legacy-NaN FPU, IEEE 754-1985).
 * Contract: operands and results are raw bit patterns (uint32_t single, uint64_t
 * double, integers as their W/L bits). Each helper computes under FCSR.RM, writes
 * FCSR.Cause with the exceptions the operation raised, and then either ORs them into
 * FCSR.Flags or, when one of them is enabled in FCSR.Enables, leaves the destination
 * alone and raises SIGFPE (EXCP_FPE with the si_code Linux picks) through cpu_raise:
 * call them without CALL_NO_READ_GLOBALS. NaN results are the legacy default NaNs
 * (0x7fbfffff, 0x7ff7ffffffffffff); a NaN whose top fraction bit is SET is signalling.
 * Integer conversions that are invalid (NaN, out of range) give the maximum positive
 * integer, as MIPS's legacy FPUs do. */
#ifndef TARGET_MIPS_FPU_H
#define TARGET_MIPS_FPU_H

#include <stdint.h>

#define MIPS_DEFAULT_NAN32 0x7fbfffffu
#define MIPS_DEFAULT_NAN64 0x7ff7ffffffffffffull

/* Two-operand and one-operand arithmetic: b is ignored by the unary ones. */
enum mips_fop { FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_SQRT, FOP_RECIP, FOP_RSQRT };
uint32_t helper_mips_fop_s(void *env, uint32_t op, uint32_t a, uint32_t b);
uint64_t helper_mips_fop_d(void *env, uint32_t op, uint64_t a, uint64_t b);

/* madd/msub/nmadd/nmsub fd = +-(fs * ft +- fr), rounded after the multiply and after
 * the add (these MIPS32R2/MIPS64R2 forms are not fused). */
enum mips_fma { FMA_MADD, FMA_MSUB, FMA_NMADD, FMA_NMSUB };
uint32_t helper_mips_fma_s(void *env, uint32_t op, uint32_t fs, uint32_t ft, uint32_t fr);
uint64_t helper_mips_fma_d(void *env, uint32_t op, uint64_t fs, uint64_t ft, uint64_t fr);

/* c.cond.fmt: op = cond (0-15) | cc << 4; sets or clears condition code cc. */
void helper_mips_fcmp_s(void *env, uint32_t op, uint32_t a, uint32_t b);
void helper_mips_fcmp_d(void *env, uint32_t op, uint64_t a, uint64_t b);

/* Format conversions: op = from | to << 2 | round << 4, formats as below; round picks
 * the rounding of float-to-integer conversions (cvt uses FCSR.RM). */
enum mips_ffmt { FFMT_S, FFMT_D, FFMT_W, FFMT_L };
enum mips_fround { FRND_CUR, FRND_NEAREST, FRND_TRUNC, FRND_CEIL, FRND_FLOOR };
uint64_t helper_mips_fcvt(void *env, uint32_t op, uint64_t a);

/* cfc1/ctc1 of FCR0 (FIR), 25 (FCCR), 26 (FEXR), 28 (FENR), 31 (FCSR). Writing
 * cause bits that are enabled raises SIGFPE, as the hardware does. Unknown registers
 * read 0 and ignore writes. */
uint32_t helper_mips_cfc1(void *env, uint32_t reg);
void helper_mips_ctc1(void *env, uint32_t reg, uint32_t val);

#endif
