/* Resource limits and usage. */
#include <errno.h>
#include <sys/resource.h>
#include <sys/time.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/syscall.h"

/* Limits on the address space or the stack would bind crossrun's own reservations
 * (the whole guest window, the JIT's code cache), not the guest's: they are accepted
 * and not applied, as qemu-user does. */
static bool emulator_limit(int host_resource)
{
    return host_resource == RLIMIT_AS || host_resource == RLIMIT_DATA ||
           host_resource == RLIMIT_STACK;
}

/* A word-sized limit: anything too large for the guest reads as its RLIM_INFINITY. */
static uint64_t limit_to_guest(const struct syscall_table *abi, rlim_t v)
{
    uint64_t inf = abi->word_size == 8 ? ~0ull : 0xffffffffull;
    return v == RLIM_INFINITY || v > inf ? inf : v;
}

static rlim_t limit_from_guest(const struct syscall_table *abi, uint64_t v)
{
    uint64_t inf = abi->word_size == 8 ? ~0ull : 0xffffffffull;
    return v == inf ? RLIM_INFINITY : (rlim_t)v;
}

static int64_t sys_getrlimit(struct sc *c)
{
    struct rlimit rl;
    if (getrlimit(abi_rlimit_to_host(c->abi, (int)c->a[0]), &rl) < 0)
        return -errno;
    uint64_t v[2] = { limit_to_guest(c->abi, rl.rlim_cur), limit_to_guest(c->abi, rl.rlim_max) };
    return put_struct(c->abi, gs_rlimit, c->a[1], v);
}

static int64_t sys_setrlimit(struct sc *c)
{
    uint64_t v[2];
    int r = get_struct(c->abi, gs_rlimit, c->a[1], v);
    if (r < 0)
        return r;
    int res = abi_rlimit_to_host(c->abi, (int)c->a[0]);
    struct rlimit rl = { limit_from_guest(c->abi, v[0]), limit_from_guest(c->abi, v[1]) };
    if (emulator_limit(res))
        return rl.rlim_cur > rl.rlim_max ? -EINVAL : 0;
    return setrlimit(res, &rl) < 0 ? -errno : 0;
}

static int64_t sys_prlimit64(struct sc *c)
{
    int res = abi_rlimit_to_host(c->abi, (int)c->a[1]);
    struct rlimit64 nl, ol, *np = NULL;
    if (c->a[2]) {
        uint64_t v[2];
        int r = get_struct(c->abi, gs_rlimit64, c->a[2], v);
        if (r < 0)
            return r;
        nl.rlim_cur = v[0];
        nl.rlim_max = v[1];
        if (!emulator_limit(res))
            np = &nl;
        else if (nl.rlim_cur > nl.rlim_max)
            return -EINVAL;
    }
    if (c->a[3] && !guest_wr(c->a[3], gstruct_size(c->abi, gs_rlimit64)))
        return -EFAULT;
    if (prlimit64((pid_t)c->a[0], (enum __rlimit_resource)res, np, &ol) < 0)
        return -errno;
    if (c->a[3]) {
        uint64_t v[2] = { ol.rlim_cur, ol.rlim_max };
        return put_struct(c->abi, gs_rlimit64, c->a[3], v);
    }
    return 0;
}

static int64_t sys_getrusage(struct sc *c)
{
    struct rusage ru;
    if (getrusage((int)c->a[0], &ru) < 0)
        return -errno;
    return put_rusage(c->abi, c->a[1], &ru);
}

const struct syscall_def syscalls_resource[] = {
    { GSYS_getrlimit, sys_getrlimit, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_ugetrlimit, sys_getrlimit, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_setrlimit, sys_setrlimit, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_prlimit64, sys_prlimit64, { A_INT, A_INT, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_getrusage, sys_getrusage, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
