/* The MIPS Linux user ABI hooks of the target_ops tables that live outside cpu.c: the
 * system call conventions (syscall.c: o32 and n64), signal frames (signal.c) and the
 * page holding the signal return trampolines (vdso.c).
 * Contract: same meaning as the target_ops members they fill (target/target.h). */
#ifndef TARGET_MIPS_LINUX_ABI_H
#define TARGET_MIPS_LINUX_ABI_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"

/* The trampoline page: one guest page at MIPS_VDSO_PAGE (32-bit guests) or
 * MIPS64_VDSO_PAGE, read+exec, holding 'li v0, NR; syscall' pairs for sigreturn and
 * rt_sigreturn at the offsets below. Linux keeps these in its vdso; gcc's unwinder
 * recognises a signal frame by exactly these two instructions at the return address. */
enum {
    MIPS_VDSO_SIGRETURN = 0x0, MIPS_VDSO_RT_SIGRETURN = 0x8,
};
#define MIPS_VDSO_PAGE 0x7ffff000ull
#define MIPS64_VDSO_PAGE 0xfffffff000ull
int mips_map_vdso_be(void);           /* o32 big-endian */
int mips_map_vdso_le(void);           /* o32 little-endian */
int mips64_map_vdso(void);            /* n64 */

/* Where the kernel's sigcontext and ucontext keep things (byte offsets, sizes), for
 * o32 and n64; tests check them against the cross toolchains' headers. */
struct mips_frame_layout {
    unsigned word;                     /* uc_flags, uc_link, stack_t members */
    unsigned sc_pc, sc_regs, sc_fpregs, sc_fpc_csr, sc_used_math, sc_mdhi, sc_mdlo;
    unsigned sc_size;
    unsigned uc_stack, uc_mcontext, uc_sigmask, uc_size;
    unsigned align;                    /* ALMASK: the frame's alignment */
};
extern const struct mips_frame_layout mips_o32_frame, mips_n64_frame;

int mips_setup_frame(struct cpu_common *cpu, int sig, const void *info, const void *act,
                     uint64_t blocked);
int mips_sigreturn(struct cpu_common *cpu, bool rt, uint64_t *mask);

void mips_o32_syscall_args(struct cpu_common *cpu, int *nr, uint64_t args[6]);
void mips_n64_syscall_args(struct cpu_common *cpu, int *nr, uint64_t args[6]);
void mips_syscall_ret(struct cpu_common *cpu, int64_t ret);
void mips_syscall_restart(struct cpu_common *cpu);
bool mips_private_syscall(struct cpu_common *cpu, int nr, const uint64_t args[6],
                          int64_t *ret);
int mips_target_exception(struct cpu_common *cpu);

#endif
