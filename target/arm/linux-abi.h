/* The 32-bit ARM Linux user ABI hooks of arm_ops that live outside cpu.c: the kuser
 * helper page (kuser.c) and the system call convention (syscall.c).
 * Contract: same meaning as the target_ops members they fill (target/target.h). */
#ifndef TARGET_ARM_LINUX_ABI_H
#define TARGET_ARM_LINUX_ABI_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"

/* Maps the kuser helper page at 0xffff0000, guest read+exec. It also holds the signal
 * return trampolines: sigreturn at ARM_SIGRETURN_CODES (+8 in Thumb), rt_sigreturn at
 * +12 (+20 in Thumb). */
int arm_map_kuser_page(void);
enum { ARM_SIGRETURN_CODES = 0xffff0500u };

/* Signal frames in the kernel's layout (signal.c). */
int arm_setup_frame(struct cpu_common *cpu, int sig, const void *info, const void *act,
                    uint64_t blocked);
int arm_sigreturn(struct cpu_common *cpu, bool rt, uint64_t *mask);

void arm_syscall_args(struct cpu_common *cpu, int *nr, uint64_t args[6]);
void arm_syscall_ret(struct cpu_common *cpu, int64_t ret);
void arm_syscall_restart(struct cpu_common *cpu);
bool arm_private_syscall(struct cpu_common *cpu, int nr, const uint64_t args[6],
                         int64_t *ret);

#endif
