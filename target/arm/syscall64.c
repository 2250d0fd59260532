/* The AArch64 Linux system call convention (arch/arm64/kernel/syscall.c): svc #0 with
 * the number in x8 (taken as a 32-bit value, as the kernel does), arguments in x0-x5,
 * the result in x0. There are no architecture-private calls: every number outside the
 * generic table is ENOSYS. */
#include "target/arm/cpu64.h"
#include "target/arm/linux-abi64.h"

void a64_syscall_args(struct cpu_common *cpu, int *nr, uint64_t args[6])
{
    struct a64_cpu *env = A64_CPU(cpu);
    *nr = (int)(uint32_t)env->x[8];
    for (int i = 0; i < 6; i++)
        args[i] = env->x[i];
}

/* The kernel clears the exclusive monitor on every return to user mode: a
 * store-exclusive after a system call between it and its load-exclusive fails. */
void a64_syscall_ret(struct cpu_common *cpu, int64_t ret)
{
    A64_CPU(cpu)->x[0] = (uint64_t)ret;
    A64_CPU(cpu)->excl_addr = ~0ull;
}

void a64_syscall_restart(struct cpu_common *cpu)
{
    cpu->pc -= 4;
}
