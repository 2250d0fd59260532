/* Waiting for signals: rt_sigsuspend, pause, rt_sigtimedwait. The host does the
 * waiting with host masks made from the guest's (signal.h), so a signal arriving at any
 * moment either wakes the host call or is already held when we look. */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/safe-syscall.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"

/* Signals that only need a default action get it on the way (ignored ones do not end
 * the wait). */
int64_t signal_suspend(struct sc *c, const gsigset *m)
{
    struct thread_state *ts = c->ts;
    c->restart = RESTART_NEVER;
    signal_set_temp_mask(ts, m);
    for (;;) {
        atomic_store(&ts->sig_flag, 0);
        if (signal_deliverable(ts))
            return -EINTR;
        uint64_t hm = signal_host_mask(ts, m);
        safe_syscall6(SYS_rt_sigsuspend, (long)&hm, 8, 0, 0, 0, 0);
        if (!signal_restart_after_eintr(ts))
            return -EINTR;
    }
}

static int64_t sys_rt_sigsuspend(struct sc *c)
{
    gsigset m;
    int r = signal_read_guest_set(c->abi, c->a[0], c->a[1], &m);
    return r < 0 ? r : signal_suspend(c, &m);
}

static int64_t sys_pause(struct sc *c)
{
    gsigset m = c->ts->blocked;
    return signal_suspend(c, &m);
}

static int put_info(struct sc *c, uint64_t addr, const struct gsiginfo *g)
{
    if (!addr)
        return 0;
    uint8_t *p = guest_wr(addr, GSIGINFO_SIZE);
    if (!p)
        return -EFAULT;
    siginfo_to_guest(c->abi, g, p);
    return 0;
}

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* One host wait for a signal of set until deadline (< 0: none). Returns the guest
 * signal taken (info filled), 0 to look again, or -errno. */
static int64_t host_wait(struct sc *c, const gsigset *set, int64_t deadline,
                         struct gsiginfo *info)
{
    struct timespec left = { 0, 0 };
    if (deadline >= 0) {
        int64_t ns = deadline - now_ns();
        if (ns > 0)
            left = (struct timespec){ ns / 1000000000, ns % 1000000000 };
    }
    uint64_t hs = signal_host_bits(set);
    siginfo_t si;
    long r = safe_syscall6(SYS_rt_sigtimedwait, (long)&hs, (long)&si,
                           deadline >= 0 ? (long)&left : 0, 8, 0, 0);
    if (r > 0) {
        siginfo_from_host(c->abi, &si, info);
        return info->signo;
    }
    if (r == -EINTR && signal_restart_after_eintr(c->ts))
        return 0;
    return r;
}

static int64_t do_sigtimedwait(struct sc *c, bool time64)
{
    gsigset set;
    int r = signal_read_guest_set(c->abi, c->a[0], c->a[3], &set);
    if (r < 0)
        return r;
    int64_t deadline = -1;
    if (c->a[2]) {
        struct timespec t;
        if ((r = get_timespec(c->abi, c->a[2], time64, &t)) < 0)
            return r;
        if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1000000000)
            return -EINVAL;
        deadline = now_ns() + (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
    }
    c->restart = RESTART_NEVER;
    for (;;) {
        struct gsiginfo info;
        atomic_store(&c->ts->sig_flag, 0);
        int64_t sig = signal_take(c->ts, &set, &info);
        if (!sig)
            sig = host_wait(c, &set, deadline, &info);
        if (sig < 0)
            return sig;
        if (sig > 0) {
            r = put_info(c, c->a[1], &info);
            return r < 0 ? r : sig;
        }
    }
}

static int64_t sys_rt_sigtimedwait(struct sc *c)
{
    return do_sigtimedwait(c, c->abi->word_size == 8);
}

static int64_t sys_rt_sigtimedwait_time64(struct sc *c) { return do_sigtimedwait(c, true); }

const struct syscall_def syscalls_sigwait[] = {
    { GSYS_rt_sigsuspend, sys_rt_sigsuspend, { A_PTR, A_ULONG }, R_INT, SCF_NORESTART },
    { GSYS_pause, sys_pause, { 0 }, R_INT, SCF_NORESTART },
    { GSYS_rt_sigtimedwait, sys_rt_sigtimedwait,
      { A_PTR, A_PTR, A_PTR, A_ULONG }, R_INT, SCF_NORESTART },
    { GSYS_rt_sigtimedwait_time64, sys_rt_sigtimedwait_time64,
      { A_PTR, A_PTR, A_PTR, A_ULONG }, R_INT, SCF_NORESTART },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
