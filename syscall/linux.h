/* The Linux user-mode layer as main() sees it.
 * Contract: main() loads the program, creates the first CPU, then calls linux_init()
 * once (it installs the host signal handlers and records what the syscalls need to know:
 * the target, the loaded image for /proc/self/exe and brk, the -L prefix, -strace) and
 * finally cpu_loop(), which runs the guest until it exits. cpu_loop never returns: the
 * process ends with the guest's exit status or dies of the guest's fatal signal.
 * linux_init returns 0 or -errno; it prints nothing. */
#ifndef SYSCALL_LINUX_H
#define SYSCALL_LINUX_H

#include <stdbool.h>

#include "tcg/cpu.h"

struct target_ops;
struct image_info;

struct linux_opts {
    const struct target_ops *ops;
    const struct image_info *image;
    const char *ld_prefix;
    bool strace;
};

int linux_init(const struct linux_opts *o);
_Noreturn void cpu_loop(struct cpu_common *cpu);

#endif
