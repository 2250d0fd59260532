/* The MIPS Linux system call conventions (arch/mips/kernel/scall{32-o32,64-n64}.S):
 *   o32: number in v0 (4000 + n), arguments in a0-a3 and, from the fifth on, in the
 *        caller's stack at sp + 16, sp + 20, ... (the argument save area);
 *   n64: number in v0 (5000 + n), arguments in a0-a5 ($4-$9).
 * The result comes back in v0 with a3 = 0, or a3 = 1 and the positive errno in v0.
 * MIPS-private calls: set_thread_area (the TLS pointer rdhwr $29 reads), cacheflush
 * and sysmips. */
#include <errno.h>
#include <signal.h>

#include "syscall/abi.h"
#include "syscall/guest-mem.h"
#include "target/mips/cpu.h"
#include "target/mips/helper.h"
#include "target/mips/linux-abi.h"
#include "target/target.h"
#include "tcg/exec.h"

enum {
    O32_SYSMIPS = 4149, O32_CACHEFLUSH = 4147, O32_SET_THREAD_AREA = 4283,
    N64_SYSMIPS = 5199, N64_CACHEFLUSH = 5197, N64_SET_THREAD_AREA = 5242,
    MIPS_FLUSH_CACHE = 3,            /* sysmips command (asm/sysmips.h) */
};

void mips_o32_syscall_args(struct cpu_common *cpu, int *nr, uint64_t args[6])
{
    struct mips_cpu *env = MIPS_CPU(cpu);
    *nr = (int)(int32_t)env->gpr[2];
    for (int i = 0; i < 4; i++)
        args[i] = (uint32_t)env->gpr[4 + i];
    uint32_t sp = (uint32_t)env->gpr[29];
    const uint8_t *stack = guest_rd(sp + 16, 8);
    for (int i = 0; i < 2; i++)
        args[4 + i] = stack ? abi_ld32(cpu->ops->syscalls, stack + 4 * i) : 0;
}

void mips_n64_syscall_args(struct cpu_common *cpu, int *nr, uint64_t args[6])
{
    struct mips_cpu *env = MIPS_CPU(cpu);
    *nr = (int)(int32_t)env->gpr[2];
    for (int i = 0; i < 6; i++)
        args[i] = env->gpr[4 + i];
}

/* The kernel's return to user mode also clears the LL bit: an sc after a system call
 * fails. */
void mips_syscall_ret(struct cpu_common *cpu, int64_t ret)
{
    struct mips_cpu *env = MIPS_CPU(cpu);
    bool w64 = cpu->ops->addr_bits == 64;
    bool err = ret < 0 && ret >= -4095;
    uint64_t v = err ? (uint64_t)-ret : (uint64_t)ret;
    env->gpr[2] = w64 ? v : (uint64_t)(int64_t)(int32_t)v;
    env->gpr[7] = err;
    env->lladdr = ~0ull;
}

void mips_syscall_restart(struct cpu_common *cpu)
{
    cpu->pc -= 4;
}

/* cacheflush(addr, bytes, cache): the only cache that matters is the JIT's. */
static int64_t cacheflush(const uint64_t args[6])
{
    uint64_t end = args[0] + args[1];
    if (end < args[0])
        return -EFAULT;
    tb_invalidate_range(args[0], end);
    return 0;
}

static int64_t guest_errno(struct cpu_common *cpu, int host_errno)
{
    return -abi_errno_from_host(cpu->ops->syscalls, host_errno);
}

bool mips_private_syscall(struct cpu_common *cpu, int nr, const uint64_t args[6],
                          int64_t *ret)
{
    struct mips_cpu *env = MIPS_CPU(cpu);
    switch (nr) {
    case O32_SET_THREAD_AREA: case N64_SET_THREAD_AREA:
        env->ulr = args[0];
        *ret = 0;
        return true;
    case O32_CACHEFLUSH: case N64_CACHEFLUSH:
        *ret = cacheflush(args);
        if (*ret < 0)
            *ret = guest_errno(cpu, (int)-*ret);
        return true;
    case O32_SYSMIPS: case N64_SYSMIPS:
        *ret = args[0] == MIPS_FLUSH_CACHE ? 0 : guest_errno(cpu, EINVAL);
        return true;
    default:
        return false;
    }
}

int mips_target_exception(struct cpu_common *cpu)
{
    return cpu->excp_code == MIPS_EXCP_TRAP ? SIGTRAP : SIGILL;
}
