/* Run-time helpers the 32-bit ARM integer translator calls from generated code, for
 * operations with no short IR sequence.
 * Contract: all are pure functions of their arguments (call them with CALL_PURE) except
 * the CPSR accessors, which read or write the flag globals through env. Helpers that
 * report saturation or GE bits return them in the high half of a 64-bit result so they
 * stay pure; the translator merges them into QF/GE. */
#ifndef TARGET_ARM_HELPER_H
#define TARGET_ARM_HELPER_H

#include <stdint.h>

uint32_t helper_arm_rbit(uint32_t x);
/* Bytes of a where the GE bit is set, else of b (SEL). */
uint32_t helper_arm_sel(uint32_t ge, uint32_t a, uint32_t b);
/* Sum of absolute differences of the four bytes (USAD8). */
uint32_t helper_arm_usad8(uint32_t a, uint32_t b);

/* Parallel add/sub: op = kind << 3 | opcode, as arm_gen_parallel's arguments.
 * Returns result | GE << 32 (GE meaningful for the plain signed/unsigned kinds). */
uint64_t helper_arm_parallel(uint32_t op, uint32_t a, uint32_t b);
enum { ARM_QOP_SUB = 1, ARM_QOP_DOUBLE = 2 };
/* QADD/QSUB/QDADD/QDSUB of a (Rm) and b (Rn): result | saturated << 32. */
uint64_t helper_arm_qaddsub(uint32_t op, uint32_t a, uint32_t b);
/* SSAT16/USAT16 to 'bits' bits (signed when !unsign): result | saturated << 32. */
uint64_t helper_arm_sat16(uint32_t bits, uint32_t unsign, uint32_t a);

/* The APSR as MRS reads it in user mode, and MSR's write of NZCVQ (mask bit 3) and
 * GE (mask bit 2). env is the struct arm_cpu. */
uint32_t helper_arm_mrs(void *env);
void helper_arm_msr(void *env, uint32_t val, uint32_t mask);

#endif
