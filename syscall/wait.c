/* wait4, waitpid and waitid: the host waits; statuses and siginfo come back with the
 * guest's signal numbers, rusage in the guest's layout. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/safe-syscall.h"
#include "syscall/siginfo.h"
#include "syscall/syscall.h"

/* As the kernel: the child is reaped first, a bad status pointer is reported after. */
static int64_t do_wait4(struct sc *c, uint64_t status_addr, uint64_t ru_addr)
{
    int st = 0;
    struct rusage ru;
    long r = safe_syscall6(SYS_wait4, (long)(int)c->a[0], (long)&st, (long)(int)c->a[2],
                           ru_addr ? (long)&ru : 0, 0, 0);
    if (r <= 0)
        return r;
    if (status_addr) {
        void *p = guest_wr(status_addr, 4);
        if (!p)
            return -EFAULT;
        abi_st32(c->abi, p, (uint32_t)wait_status_to_guest(c->abi, st));
    }
    if (ru_addr && put_rusage(c->abi, ru_addr, &ru) < 0)
        return -EFAULT;
    return r;
}

static int64_t sys_wait4(struct sc *c) { return do_wait4(c, c->a[1], c->a[3]); }
static int64_t sys_waitpid(struct sc *c) { return do_wait4(c, c->a[1], 0); }

static int64_t sys_waitid(struct sc *c)
{
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof si);
    long r = safe_syscall6(SYS_waitid, (long)(int)c->a[0], (long)(int)c->a[1], (long)&si,
                           (long)(int)c->a[3], c->a[4] ? (long)&ru : 0, 0);
    if (r < 0)
        return r;
    if (c->a[2]) {
        uint8_t *p = guest_wr(c->a[2], GSIGINFO_SIZE);
        if (!p)
            return -EFAULT;
        struct gsiginfo g;
        siginfo_from_host(c->abi, &si, &g);
        if (si.si_signo)
            siginfo_to_guest(c->abi, &g, p);
        else
            memset(p, 0, GSIGINFO_SIZE);        /* WNOHANG and nothing to report */
    }
    if (c->a[4] && put_rusage(c->abi, c->a[4], &ru) < 0)
        return -EFAULT;
    return r;
}

const struct syscall_def syscalls_wait[] = {
    { GSYS_wait4, sys_wait4, { A_INT, A_PTR, A_HEX, A_PTR }, R_INT, 0 },
    { GSYS_waitpid, sys_waitpid, { A_INT, A_PTR, A_HEX }, R_INT, 0 },
    { GSYS_waitid, sys_waitid, { A_INT, A_INT, A_PTR, A_HEX, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
