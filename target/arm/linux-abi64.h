/* The AArch64 Linux user ABI hooks of a64_ops that live outside cpu64.c: the system
 * call convention (syscall64.c) and signal frames with their return trampoline
 * (signal64.c).
 * Contract: same meaning as the target_ops members they fill (target/target.h). */
#ifndef TARGET_ARM_LINUX_ABI64_H
#define TARGET_ARM_LINUX_ABI64_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"

/* Maps the page holding the rt_sigreturn trampoline (see signal64.c). */
int a64_map_sigtramp_page(void);
int a64_setup_frame(struct cpu_common *cpu, int sig, const void *info, const void *act,
                    uint64_t blocked);
int a64_sigreturn(struct cpu_common *cpu, bool rt, uint64_t *mask);

void a64_syscall_args(struct cpu_common *cpu, int *nr, uint64_t args[6]);
void a64_syscall_ret(struct cpu_common *cpu, int64_t ret);
void a64_syscall_restart(struct cpu_common *cpu);

#endif
