/* Run-time helpers the A64 integer translator calls from generated code, for work with
 * no short IR sequence: bit reversal, the generic timer, FPCR/FPSR through the FP
 * code's accessors, instruction cache invalidation, and 128-bit compare-and-swap.
 * Contract: env is the struct a64_cpu; the call flags each needs are given here. */
#ifndef TARGET_ARM_HELPER_A64_H
#define TARGET_ARM_HELPER_A64_H

#include <stdint.h>

/* CALL_PURE */
uint64_t helper_a64_rbit64(uint64_t x);

/* The virtual counter (CNTVCT_EL0) at the frequency CNTFRQ_EL0 reports: a monotonic
 * host clock. No globals, no raise. */
enum { A64_CNTFRQ = 1000000000 };
uint64_t helper_a64_cntvct(void);

/* MRS/MSR FPCR and FPSR: no globals, no raise. */
uint64_t helper_a64_get_fpcr(void *env);
void helper_a64_set_fpcr(void *env, uint64_t v);
uint64_t helper_a64_get_fpsr(void *env);
void helper_a64_set_fpsr(void *env, uint64_t v);

/* IC IVAU: throws away translations of the cache line holding guest address addr
 * (code written through another mapping is only noticed here). No globals, no raise. */
void helper_a64_ic_ivau(uint64_t addr);

/* 128-bit exclusives and CASP on the guest address clean (a64_clean_addr's result),
 * which must be 16-aligned (else SIGBUS). They may fault: call them without
 * CALL_NO_RAISE; they read and write no globals.
 * ld128: the two halves into env->xscratch[0] (low) and [1] (high).
 * cmpxchg128: if memory holds cmp_hi:cmp_lo, writes new_hi:new_lo, atomically (a
 * lock-free cmpxchg16b); the old value goes to env->xscratch. Returns 0 when it
 * stored, 1 when memory differed. */
void helper_a64_ld128(void *env, uint64_t clean);
uint64_t helper_a64_cmpxchg128(void *env, uint64_t clean, uint64_t cmp_lo, uint64_t cmp_hi,
                               uint64_t new_lo, uint64_t new_hi);

#endif
