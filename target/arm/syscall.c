/* The ARM EABI system call convention and the ARM-private calls (0xf0000 range), as
 * the Linux kernel implements them (arch/arm/kernel/entry-common.S and traps.c).
 * EABI: svc #0 with the number in r7, arguments in r0-r5, result in r0. An svc with
 * another immediate in ARM state is an old-ABI (OABI) call, which this EABI-only
 * emulation answers with ENOSYS. Numbers below the private range that the table lacks
 * get ENOSYS (sys_ni_syscall); numbers above it, and unknown private ones past 0xf07ff,
 * raise SIGILL as the kernel's bad_syscall does. */
#include <errno.h>
#include <signal.h>

#include "syscall/abi-tables.h"
#include "syscall/signal.h"
#include "target/arm/cpu.h"
#include "target/arm/linux-abi.h"
#include "tcg/exec.h"

enum {
    ARM_NR_OABI = -1,             /* syscall_args' number for an OABI svc */
    ARM_NR_BASE = 0xf0000,
    ARM_NR_BREAKPOINT = 1, ARM_NR_CACHEFLUSH = 2, ARM_NR_USR26 = 3, ARM_NR_USR32 = 4,
    ARM_NR_SET_TLS = 5, ARM_NR_GET_TLS = 6,
    ARM_NR_PRIVATE_ENOSYS_MAX = 0x7ff,   /* unknown private calls up to here: ENOSYS */
};

static unsigned svc_size(const struct arm_cpu *env)
{
    return env->thumb ? 2 : 4;
}

void arm_syscall_args(struct cpu_common *cpu, int *nr, uint64_t args[6])
{
    struct arm_cpu *env = ARM_CPU(cpu);
    /* the translator passes the svc immediate as the exception code */
    *nr = (cpu->excp_code != 0 && !env->thumb) ? ARM_NR_OABI : (int)env->r[7];
    for (int i = 0; i < 6; i++)
        args[i] = env->r[i];
}

/* The kernel clears the exclusive monitor on every return to user mode: an STREX after
 * a system call between it and its LDREX fails, as on a board. */
void arm_syscall_ret(struct cpu_common *cpu, int64_t ret)
{
    ARM_CPU(cpu)->r[0] = (uint32_t)ret;
    ARM_CPU(cpu)->excl_addr = ~0u;
}

void arm_syscall_restart(struct cpu_common *cpu)
{
    cpu->pc -= svc_size(ARM_CPU(cpu));
}

/* SIGILL for a call the kernel does not know at all; r0 is left alone. */
static int64_t bad_syscall(struct cpu_common *cpu)
{
    struct arm_cpu *env = ARM_CPU(cpu);
    signal_raise_sync(cpu->ts, SIGILL, ILL_ILLTRP, cpu->pc - svc_size(env));
    return env->r[0];
}

/* cacheflush(start, end, flags): the only cache that matters is the JIT's. */
static int64_t cacheflush(const uint64_t args[6])
{
    if (args[0] > args[1] || args[2] != 0)
        return -EINVAL;
    tb_invalidate_range(args[0], args[1]);
    return 0;
}

static int64_t arm_private(struct cpu_common *cpu, unsigned call, const uint64_t args[6])
{
    struct arm_cpu *env = ARM_CPU(cpu);
    switch (call) {
    case ARM_NR_BREAKPOINT:              /* reported at the svc itself */
        cpu->pc -= svc_size(env);
        signal_raise_sync(cpu->ts, SIGTRAP, TRAP_BRKPT, cpu->pc);
        return env->r[0];
    case ARM_NR_CACHEFLUSH:
        return cacheflush(args);
    case ARM_NR_SET_TLS:
        env->tpidruro = (uint32_t)args[0];
        return 0;
    case ARM_NR_GET_TLS:
        return env->tpidruro;
    case ARM_NR_USR26: case ARM_NR_USR32:  /* no 26-bit mode: invalid */
        return bad_syscall(cpu);
    default:
        return call <= ARM_NR_PRIVATE_ENOSYS_MAX ? -ENOSYS : bad_syscall(cpu);
    }
}

bool arm_private_syscall(struct cpu_common *cpu, int nr, const uint64_t args[6],
                         int64_t *ret)
{
    uint32_t n = (uint32_t)nr;
    if (nr == ARM_NR_OABI)
        *ret = -ENOSYS;
    else if ((n >> 16) == (ARM_NR_BASE >> 16))
        *ret = arm_private(cpu, n & 0xffff, args);
    else if (n < ARM_NR_BASE)
        *ret = -ENOSYS;                  /* past or in a hole of the table: sys_ni_syscall */
    else
        *ret = bad_syscall(cpu);
    return true;
}
