/* AArch64 (ARMv8.2-A, EL0 under Linux) CPU state, as the JIT and the Linux layer see it.
 * The pc lives in cpu_common.pc. x[31] is SP; register number 31 means XZR or SP
 * depending on the instruction (the translator decides, see translate-a64.h).
 * NZCV is kept split for cheap lazy evaluation, in 64-bit words:
 *   N = NF bit 63, Z = (ZF == 0), C = CF (0 or 1), V = VF bit 63.
 * 32-bit (W) operations store NF and VF sign-extended from bit 31 and ZF zero-extended,
 * so conditions never need to know the width of the instruction that set the flags.
 * V0-V31 are 128 bits, little-endian: v[n][0] holds bits 63:0, v[n][1] bits 127:64.
 * FPCR/FPSR: the FP/SIMD code owns their representation; everyone else goes through
 * the a64_fp* accessors below. */
#ifndef TARGET_ARM_CPU64_H
#define TARGET_ARM_CPU64_H

#include <stddef.h>
#include <stdint.h>

#include "tcg/cpu.h"

struct a64_cpu {
    struct cpu_common c;
    uint64_t x[32];              /* X0-X30, x[31] = SP */
    uint64_t NF, ZF, CF, VF;
    uint64_t tpidr_el0;          /* TLS pointer (msr/mrs TPIDR_EL0) */
    uint64_t tpidrro_el0;        /* read-only at EL0; Linux keeps it 0 */
    /* exclusive monitor: the address ldxr/ldaxr/ldxp marked (~0 when clear) and the
     * value(s) read there; stxr succeeds by compare-and-swap against them */
    uint64_t excl_addr;
    uint64_t excl_val, excl_val2;
    uint64_t xscratch[2];        /* 128-bit atomics: the old value (helper-a64.h) */
    uint32_t fpcr, fpsr;         /* see a64_fpcr_get() ...: representation is FP's */
    uint64_t v[32][2] __attribute__((aligned(16)));
    uint64_t fp_scratch[8] __attribute__((aligned(16)));   /* FP/SIMD helpers' temps */
};

#define A64_CPU(c) ((struct a64_cpu *)(c))
#define A64_ENV_OFF(field) ((int)offsetof(struct a64_cpu, field))

/* NZCV in bits 31:28, as MRS NZCV and the signal frame's pstate show it. */
uint32_t a64_nzcv_read(const struct a64_cpu *env);
void a64_nzcv_write(struct a64_cpu *env, uint32_t nzcv);

/* CPU identification as EL0 reads it (cpu64.c): CTR_EL0 (64-byte cache lines, PIPT
 * instruction cache, as a Cortex-A76), and the ID register space op0 3, op1 0, CRn 0
 * (MIDR_EL1, ID_AA64ISAR0_EL1 ...) as Linux's trap emulation answers: the fields of
 * what crossrun implements, 0 for registers it hides. idx is CRm << 3 | op2. */
#define A64_CTR_EL0 0x8444c004u
uint64_t a64_idreg_read(unsigned idx);

/* tb flags: bits 15:8 belong to the FP/SIMD translator (a64_fp_tb_flags), the rest is
 * zero for now. */
enum { A64_TBF_FP_SHIFT = 8, A64_TBF_FP_MASK = 0xff00 };

/* --- implemented by the FP/SIMD code (stubs in translate-a64-stubs.c) --- */
/* FPCR and FPSR as MRS/MSR, signal frames and the reset see them. */
uint32_t a64_fpcr_get(const struct a64_cpu *env);
void a64_fpcr_set(struct a64_cpu *env, uint32_t v);
uint32_t a64_fpsr_get(const struct a64_cpu *env);
void a64_fpsr_set(struct a64_cpu *env, uint32_t v);
/* FP state that selects how code is translated, already shifted into A64_TBF_FP_MASK.
 * MSR FPCR ends the TB, so a change takes effect at the next instruction. */
uint32_t a64_fp_tb_flags(const struct a64_cpu *env);
/* The AT_HWCAP/AT_HWCAP2 bits of what the FP/SIMD code implements and tests: FP,
 * ASIMD, AES, PMULL, SHA1, SHA2, CRC32, FPHP, ASIMDHP ... (arch/arm64 hwcap values). */
uint64_t a64_fp_hwcap(void);
uint64_t a64_fp_hwcap2(void);

extern const struct target_ops a64_ops;

#endif
