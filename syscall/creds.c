/* Changing user and group ids. The kernel's calls change the calling THREAD's
 * credentials; the guest's C library makes every thread do the call (with its own
 * signal 33) to change the process's. So these are the raw per-thread host calls, never
 * glibc's wrappers, which would broadcast to all host threads themselves (with the host
 * signal 33 that belongs to the guest, see signal.c). ABIs with 16-bit ids have calls
 * without "32" whose 0xffff means -1, "leave unchanged". */
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/guest-mem.h"
#include "syscall/syscall.h"

static int64_t raw(long nr, long a, long b, long c)
{
    long r = syscall(nr, a, b, c);
    return r < 0 ? -errno : r;
}

static long id16(struct sc *c, int i)
{
    uint32_t v = (uint32_t)c->a[i];
    if (c->abi->uid16 && (c->nr == GSYS_setuid || c->nr == GSYS_setgid ||
                          c->nr == GSYS_setreuid || c->nr == GSYS_setregid ||
                          c->nr == GSYS_setresuid || c->nr == GSYS_setresgid ||
                          c->nr == GSYS_setfsuid || c->nr == GSYS_setfsgid))
        return (v & 0xffff) == 0xffff ? -1 : (long)(v & 0xffff);
    return (long)(int32_t)v;
}

static int64_t sys_setuid(struct sc *c) { return raw(SYS_setuid, id16(c, 0), 0, 0); }
static int64_t sys_setgid(struct sc *c) { return raw(SYS_setgid, id16(c, 0), 0, 0); }
static int64_t sys_setreuid(struct sc *c) { return raw(SYS_setreuid, id16(c, 0), id16(c, 1), 0); }
static int64_t sys_setregid(struct sc *c) { return raw(SYS_setregid, id16(c, 0), id16(c, 1), 0); }
static int64_t sys_setresuid(struct sc *c)
{
    return raw(SYS_setresuid, id16(c, 0), id16(c, 1), id16(c, 2));
}
static int64_t sys_setresgid(struct sc *c)
{
    return raw(SYS_setresgid, id16(c, 0), id16(c, 1), id16(c, 2));
}

/* setfsuid/setfsgid return the previous id, never an error. */
static int64_t sys_setfsuid(struct sc *c) { return raw(SYS_setfsuid, id16(c, 0), 0, 0); }
static int64_t sys_setfsgid(struct sc *c) { return raw(SYS_setfsgid, id16(c, 0), 0, 0); }

static int64_t do_setgroups(struct sc *c, bool narrow)
{
    int n = (int)c->a[0];
    if (n < 0 || n > 65536)
        return -EINVAL;
    unsigned w = narrow ? 2 : 4;
    const uint8_t *p = guest_rd(c->a[1], (uint64_t)n * w);
    if (n && !p)
        return -EFAULT;
    gid_t *list = malloc(((size_t)n + 1) * sizeof *list);
    if (!list)
        return -ENOMEM;
    for (int i = 0; i < n; i++)
        list[i] = narrow ? abi_ld16(c->abi, p + i * w) : abi_ld32(c->abi, p + i * w);
    int64_t r = raw(SYS_setgroups, n, (long)list, 0);
    free(list);
    return r;
}

static int64_t sys_setgroups(struct sc *c) { return do_setgroups(c, c->abi->uid16); }
static int64_t sys_setgroups32(struct sc *c) { return do_setgroups(c, false); }

const struct syscall_def syscalls_creds[] = {
    { GSYS_setuid, sys_setuid, { A_UINT }, R_INT, 0 },
    { GSYS_setuid32, sys_setuid, { A_UINT }, R_INT, 0 },
    { GSYS_setgid, sys_setgid, { A_UINT }, R_INT, 0 },
    { GSYS_setgid32, sys_setgid, { A_UINT }, R_INT, 0 },
    { GSYS_setreuid, sys_setreuid, { A_UINT, A_UINT }, R_INT, 0 },
    { GSYS_setreuid32, sys_setreuid, { A_UINT, A_UINT }, R_INT, 0 },
    { GSYS_setregid, sys_setregid, { A_UINT, A_UINT }, R_INT, 0 },
    { GSYS_setregid32, sys_setregid, { A_UINT, A_UINT }, R_INT, 0 },
    { GSYS_setresuid, sys_setresuid, { A_UINT, A_UINT, A_UINT }, R_INT, 0 },
    { GSYS_setresuid32, sys_setresuid, { A_UINT, A_UINT, A_UINT }, R_INT, 0 },
    { GSYS_setresgid, sys_setresgid, { A_UINT, A_UINT, A_UINT }, R_INT, 0 },
    { GSYS_setresgid32, sys_setresgid, { A_UINT, A_UINT, A_UINT }, R_INT, 0 },
    { GSYS_setfsuid, sys_setfsuid, { A_UINT }, R_INT, 0 },
    { GSYS_setfsuid32, sys_setfsuid, { A_UINT }, R_INT, 0 },
    { GSYS_setfsgid, sys_setfsgid, { A_UINT }, R_INT, 0 },
    { GSYS_setfsgid32, sys_setfsgid, { A_UINT }, R_INT, 0 },
    { GSYS_setgroups, sys_setgroups, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_setgroups32, sys_setgroups32, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
