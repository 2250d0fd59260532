/* Process controls that act on crossrun's own process as they would on the guest's:
 * nice (the host has only setpriority), unshare and setns (namespaces and the sharing
 * of files and fs state belong to the whole emulated process), restart_syscall, kcmp,
 * and the pidfd calls (a guest pid is a host pid; PIDFD_NONBLOCK is the ABI's
 * O_NONBLOCK; a queued siginfo is converted as for rt_sigqueueinfo). */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/guest-mem.h"
#include "syscall/siginfo.h"
#include "syscall/syscall.h"
#include "target/target.h"

static int64_t ret_errno(long r)
{
    return r < 0 ? -errno : r;
}

/* nice(inc): the kernel clamps the increment to +-40 and the result to -20..19, and
 * returns 0. */
static int64_t sys_nice(struct sc *c)
{
    long inc = (long)(int32_t)c->a[0];
    if (inc < -40)
        inc = -40;
    if (inc > 40)
        inc = 40;
    errno = 0;
    long cur = getpriority(PRIO_PROCESS, 0);
    if (cur == -1 && errno)
        return -errno;
    long want = cur + inc;
    want = want < -20 ? -20 : want > 19 ? 19 : want;
    if (setpriority(PRIO_PROCESS, 0, (int)want) < 0)
        return errno == EACCES ? -EPERM : -errno;
    return 0;
}

/* Only reached when no call is waiting to be restarted: the kernel's answer then is
 * EINTR. Stored here: the dispatcher would take an -EINTR with no handler to run for a
 * host interruption and make the call again. */
static int64_t sys_restart_syscall(struct sc *c)
{
    linux_proc.ops->syscall_ret(c->cpu, -abi_errno_from_host(c->abi, EINTR));
    return SC_NO_RESULT;
}

static int64_t sys_unshare(struct sc *c)
{
    return ret_errno(unshare((int)c->a[0]));
}

static int64_t sys_setns(struct sc *c)
{
    return ret_errno(setns((int)c->a[0], (int)c->a[1]));
}

enum { KCMP_EPOLL_TFD_TYPE = 7 };

/* KCMP_EPOLL_TFD's idx2 points at struct kcmp_epoll_slot (three u32). */
static int64_t sys_kcmp(struct sc *c)
{
    unsigned long idx2 = (unsigned long)c->a[4];
    uint32_t slot[3];
    if ((int)c->a[2] == KCMP_EPOLL_TFD_TYPE) {
        const uint8_t *p = guest_rd(c->a[4], sizeof slot);
        if (!p)
            return -EFAULT;
        for (int i = 0; i < 3; i++)
            slot[i] = abi_ld32(c->abi, p + 4 * i);
        idx2 = (unsigned long)slot;
    }
    return ret_errno(syscall(SYS_kcmp, (pid_t)c->a[0], (pid_t)c->a[1], (int)c->a[2],
                             (unsigned long)c->a[3], idx2));
}

static int64_t sys_pidfd_open(struct sc *c)
{
    int flags = (int)abi_oflags_to_host(c->abi, (uint32_t)c->a[1]);
    return ret_errno(syscall(SYS_pidfd_open, (pid_t)c->a[0], flags));
}

static int64_t sys_pidfd_getfd(struct sc *c)
{
    return ret_errno(syscall(SYS_pidfd_getfd, (int)c->a[0], (int)c->a[1],
                             (unsigned)c->a[2]));
}

static int64_t sys_pidfd_send_signal(struct sc *c)
{
    int g = (int)c->a[1];
    int h = g ? abi_sig_to_host(c->abi, g) : 0;
    if (g && !h)
        return -EINVAL;
    siginfo_t si, *sip = NULL;
    if (c->a[2]) {
        const uint8_t *p = guest_rd(c->a[2], GSIGINFO_SIZE);
        if (!p)
            return -EFAULT;
        struct gsiginfo gi;
        siginfo_from_guest(c->abi, p, &gi);
        gi.signo = g;
        siginfo_to_host(c->abi, &gi, &si);
        si.si_signo = h;
        sip = &si;
    }
    return ret_errno(syscall(SYS_pidfd_send_signal, (int)c->a[0], h, sip,
                             (unsigned)c->a[3]));
}

const struct syscall_def syscalls_procctl[] = {
    { GSYS_nice, sys_nice, { A_INT }, R_INT, 0 },
    { GSYS_restart_syscall, sys_restart_syscall, { 0 }, R_INT, 0 },
    { GSYS_unshare, sys_unshare, { A_HEX }, R_INT, 0 },
    { GSYS_setns, sys_setns, { A_FD, A_HEX }, R_INT, 0 },
    { GSYS_kcmp, sys_kcmp, { A_INT, A_INT, A_INT, A_ULONG, A_ULONG }, R_INT, 0 },
    { GSYS_pidfd_open, sys_pidfd_open, { A_INT, A_FDFLAGS }, R_INT, 0 },
    { GSYS_pidfd_getfd, sys_pidfd_getfd, { A_FD, A_INT, A_UINT }, R_INT, 0 },
    { GSYS_pidfd_send_signal, sys_pidfd_send_signal, { A_FD, A_SIG, A_PTR, A_UINT },
      R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
