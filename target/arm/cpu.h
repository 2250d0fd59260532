/* 32-bit ARM (ARMv7-A, A32/T32 with VFPv3-D32 and NEON) CPU state, as the JIT sees it.
 * Flags are kept split for cheap lazy evaluation: N = NF bit 31, Z = (ZF == 0), and
 * C and V each have a source in cc_op (C's in bits 7:0, V's in bits 15:8): for
 * ARM_CC_ADD and ARM_CC_SUB the flag is that of cc_a + cc_b or cc_a - cc_b (so a
 * flag-setting add only copies its operands), for ARM_CC_FLAGS it is C = CF (0 or 1)
 * or V = VF bit 31. Separate sources let a shifter carry-out replace C while V stays
 * lazy. arm_cpsr_read() resolves them.
 * The pc lives in cpu_common.pc; r[15] is unused (reads of pc are constants in the JIT).
 * Thumb state is 'thumb' (0/1); the IT-block state is 'condexec' (ITSTATE, bits [7:0]
 * as in the CPSR's IT field: firstcond[3:0] in [7:4], mask in [3:0]). */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include <stddef.h>
#include <stdint.h>

#include "tcg/cpu.h"

struct arm_cpu {
    struct cpu_common c;
    uint32_t r[16];
    uint32_t NF, ZF, CF, VF;
    uint32_t cc_op, cc_a, cc_b;  /* lazy C and V (see above) */
    uint32_t QF;                 /* sticky saturation (CPSR.Q), 0 or 1 */
    uint32_t GE;                 /* CPSR.GE[3:0] */
    uint32_t thumb;
    uint32_t condexec;
    uint32_t tpidruro;           /* TLS pointer (set_tls, mrc p15 0 c13 c0 3) */
    uint32_t tpidrurw;           /* user read/write thread id register */
    uint32_t excl_addr;          /* ldrex monitor: address, or ~0 when clear */
    uint32_t pad0;
    uint64_t excl_val;           /* value ldrex read (both words for ldrexd) */
    /* VFP/NEON: D0-D31, Q<n> = D<2n> (low) : D<2n+1> (high), little-endian lanes */
    uint64_t d[32] __attribute__((aligned(16)));
    uint32_t fpscr;              /* FPSCR including NZCV, cumulative flags, RMode, FZ, DN */
    uint32_t fpexc;
    uint64_t scratch[4] __attribute__((aligned(16)));   /* helpers' 128-bit temporaries */
};

#define ARM_CPU(c) ((struct arm_cpu *)(c))
#define ARM_ENV_OFF(field) ((int)offsetof(struct arm_cpu, field))

enum { ARM_CC_FLAGS, ARM_CC_ADD, ARM_CC_SUB };
#define ARM_CC_OP(c_src, v_src) ((uint32_t)(c_src) | (uint32_t)(v_src) << 8)

/* CPSR as user mode sees it (mrs/msr APSR, signal frames). */
uint32_t arm_cpsr_read(const struct arm_cpu *env);
/* Writes the bits selected by mask (NZCVQ, GE, and, when 'all', T and IT). */
void arm_cpsr_write(struct arm_cpu *env, uint32_t val, uint32_t mask);

/* FPSCR bits */
enum {
    FPSCR_IOC = 1 << 0, FPSCR_DZC = 1 << 1, FPSCR_OFC = 1 << 2, FPSCR_UFC = 1 << 3,
    FPSCR_IXC = 1 << 4, FPSCR_IDC = 1 << 7,
    FPSCR_LEN_SHIFT = 16, FPSCR_STRIDE_SHIFT = 20,
    FPSCR_RMODE_SHIFT = 22,      /* 0 nearest, 1 +inf, 2 -inf, 3 zero */
    FPSCR_FZ = 1 << 24, FPSCR_DN = 1 << 25, FPSCR_AHP = 1 << 26, FPSCR_QC = 1 << 27,
};

/* tb flags: bit 0 Thumb; bits 8-15 condexec at TB start; 16-18 VFP LEN, 20-21 STRIDE;
 * 22-25 FPSCR RMode, FZ, DN (VFP arithmetic is inline only in the default mode, all 0) */
enum { ARM_TBF_THUMB = 1, ARM_TBF_FPMODE = 0xfu << FPSCR_RMODE_SHIFT };
/* Inline float ops raised IEEE flags (IR_FPX_*): their FPSCR cumulative bits. */
uint32_t arm_fpscr_of_fpx(unsigned fpx);

extern const struct target_ops arm_ops;

#endif
