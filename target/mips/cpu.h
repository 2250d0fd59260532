/* MIPS CPU state as the JIT sees it: MIPS32R2 (o32, big- and little-endian) and
 * MIPS64R2 (n64, little-endian) user mode with the FPU.
 * General registers are 64 bits wide in the struct; 32-bit guests use only the low
 * word (the JIT's globals are i32 views of it), 64-bit guests the whole register.
 * FPRs are the 64-bit physical registers: in FR=1 mode all 32 are double registers and
 * single fN is the low word of fpr[N]; in FR=0 mode only the even ones are doubles and
 * the singles f2k and f2k+1 are the low and high words of fpr[2k], as on the hardware
 * (so a PR_SET_FP_MODE switch sees the values the kernel would show). The pc lives in
 * cpu_common.pc. */
#ifndef TARGET_MIPS_CPU_H
#define TARGET_MIPS_CPU_H

#include <stddef.h>
#include <stdint.h>

#include "tcg/cpu.h"

struct mips_cpu {
    struct cpu_common c;
    uint64_t gpr[32];            /* gpr[0] stays 0 */
    uint64_t hi, lo;
    uint64_t ulr;                /* UserLocal: the TLS pointer (rdhwr $29) */
    uint64_t lladdr;             /* ll/sc: address of the last ll, or ~0 when none */
    uint64_t llval;              /* the value it read (sign-extended word for ll) */
    uint64_t fpr[32];
    uint32_t fcsr;               /* FCR31: rounding, flags, enables, cause, FCCs, FS */
    uint32_t fir;                /* FCR0: implementation bits (read-only) */
    uint32_t fr;                 /* Status.FR: 0 or 1 (prctl PR_SET_FP_MODE) */
    uint32_t pad;
};

#define MIPS_CPU(c) ((struct mips_cpu *)(c))
#define MIPS_ENV_OFF(field) ((int)offsetof(struct mips_cpu, field))

/* FCSR (FCR31) fields */
enum {
    FCSR_RM = 3,                      /* 0 nearest, 1 zero, 2 +inf, 3 -inf */
    FCSR_FLAGS_SHIFT = 2,             /* I U O Z V sticky flags, bits 6:2 */
    FCSR_ENABLES_SHIFT = 7,           /* I U O Z V trap enables, bits 11:7 */
    FCSR_CAUSE_SHIFT = 12,            /* I U O Z V E cause, bits 17:12 */
    FCSR_NAN2008 = 1 << 18, FCSR_ABS2008 = 1 << 19,
    FCSR_FCC0 = 1 << 23, FCSR_FS = 1 << 24,
    FCSR_FCC1_SHIFT = 25,             /* FCC1..7 in bits 31:25 */
};
/* The exception bits inside each field: inexact, underflow, overflow, divide by zero,
 * invalid operation, (cause only) unimplemented operation. */
enum { FPX_I = 1, FPX_U = 2, FPX_O = 4, FPX_Z = 8, FPX_V = 16, FPX_E = 32 };

/* tb flags */
enum { MIPS_TBF_FR = 1, MIPS_TBF_BE = 2, MIPS_TBF_64 = 4 };

/* Bits of the insn_start extra word: the instruction sits in a branch delay slot (a
 * fault there restarts the branch, 4 bytes before it, as Linux's EPC does). */
enum { MIPS_EXTRA_DELAY_SLOT = 1 };

extern const struct target_ops mips_ops, mipsel_ops, mips64el_ops;

#endif
