/* Clocks, sleeping and process times. "time64" calls are the 32-bit ABIs' 64-bit
 * variants; on 64-bit ABIs the plain ones already are. */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/safe-syscall.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"

static bool native64(struct sc *c) { return c->abi->word_size == 8; }

static int64_t do_clock_gettime(struct sc *c, bool time64)
{
    struct timespec ts;
    if (clock_gettime((clockid_t)c->a[0], &ts) < 0)
        return -errno;
    return put_timespec(c->abi, c->a[1], time64, &ts);
}

static int64_t sys_clock_gettime(struct sc *c) { return do_clock_gettime(c, native64(c)); }
static int64_t sys_clock_gettime64(struct sc *c) { return do_clock_gettime(c, true); }

static int64_t do_clock_getres(struct sc *c, bool time64)
{
    struct timespec ts;
    if (clock_getres((clockid_t)c->a[0], &ts) < 0)
        return -errno;
    return c->a[1] ? put_timespec(c->abi, c->a[1], time64, &ts) : 0;
}

static int64_t sys_clock_getres(struct sc *c) { return do_clock_getres(c, native64(c)); }
static int64_t sys_clock_getres_time64(struct sc *c) { return do_clock_getres(c, true); }

static int64_t sys_gettimeofday(struct sc *c)
{
    struct timeval tv;
    struct timezone tz;
    if (gettimeofday(&tv, &tz) < 0)
        return -errno;
    if (c->a[0]) {
        int r = put_timeval(c->abi, c->a[0], &tv);
        if (r < 0)
            return r;
    }
    if (c->a[1]) {
        uint64_t v[2] = { (uint64_t)tz.tz_minuteswest, (uint64_t)tz.tz_dsttime };
        return put_struct(c->abi, gs_timezone, c->a[1], v);
    }
    return 0;
}

static int64_t sys_time(struct sc *c)
{
    time_t t = time(NULL);
    if (c->a[0]) {
        void *p = guest_wr(c->a[0], c->abi->word_size);
        if (!p)
            return -EFAULT;
        abi_stword(c->abi, p, (uint64_t)t);
    }
    return t;
}

/* Sleeps go on through signals the guest never sees; remaining time is kept so the
 * total is right. flags: TIMER_ABSTIME or 0. */
static int64_t do_sleep(struct sc *c, clockid_t clk, int flags, uint64_t req_addr,
                        uint64_t rem_addr, bool time64)
{
    struct timespec req, rem;
    int r = get_timespec(c->abi, req_addr, time64, &req);
    if (r < 0)
        return r;
    if (req.tv_nsec < 0 || req.tv_nsec >= 1000000000 || req.tv_sec < 0)
        return -EINVAL;
    for (;;) {
        rem = req;                  /* what is left if the sleep never started */
        long e = safe_syscall6(SYS_clock_nanosleep, clk, flags, (long)&req, (long)&rem, 0, 0);
        if (e == 0)
            return 0;
        if (e != -EINTR)
            return e;
        if (!signal_restart_after_eintr(c->ts))
            break;
        if (!(flags & TIMER_ABSTIME))
            req = rem;
    }
    if (rem_addr && !(flags & TIMER_ABSTIME)) {
        r = put_timespec(c->abi, rem_addr, time64, &rem);
        if (r < 0)
            return r;
    }
    return -EINTR;
}

static int64_t sys_nanosleep(struct sc *c)
{
    return do_sleep(c, CLOCK_REALTIME, 0, c->a[0], c->a[1], native64(c));
}

static int64_t sys_clock_nanosleep(struct sc *c)
{
    return do_sleep(c, (clockid_t)c->a[0], (int)c->a[1], c->a[2], c->a[3], native64(c));
}

static int64_t sys_clock_nanosleep_time64(struct sc *c)
{
    return do_sleep(c, (clockid_t)c->a[0], (int)c->a[1], c->a[2], c->a[3], true);
}

static int64_t sys_times(struct sc *c)
{
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1)
        return -errno;
    if (c->a[0]) {
        uint64_t v[4] = { (uint64_t)t.tms_utime, (uint64_t)t.tms_stime,
                          (uint64_t)t.tms_cutime, (uint64_t)t.tms_cstime };
        int e = put_struct(c->abi, gs_tms, c->a[0], v);
        if (e < 0)
            return e;
    }
    /* A clock_t of a 32-bit guest wraps; keep it out of the error range as Linux. */
    int64_t ticks = abi_sext_word(c->abi, (uint64_t)r);
    return ticks < 0 && ticks >= -4095 ? 0 : ticks;
}

/* struct itimerval: two timevals (interval, value) */
static int get_itimerval(struct sc *c, uint64_t addr, struct itimerval *it)
{
    size_t one = gstruct_size(c->abi, gs_timeval);
    int r = get_timeval(c->abi, addr, &it->it_interval);
    return r < 0 ? r : get_timeval(c->abi, addr + one, &it->it_value);
}

static int put_itimerval(struct sc *c, uint64_t addr, const struct itimerval *it)
{
    size_t one = gstruct_size(c->abi, gs_timeval);
    int r = put_timeval(c->abi, addr, &it->it_interval);
    return r < 0 ? r : put_timeval(c->abi, addr + one, &it->it_value);
}

static int64_t sys_setitimer(struct sc *c)
{
    struct itimerval nv, ov;
    memset(&nv, 0, sizeof nv);
    if (c->a[1]) {
        int r = get_itimerval(c, c->a[1], &nv);
        if (r < 0)
            return r;
    }
    if (setitimer((__itimer_which_t)c->a[0], &nv, &ov) < 0)
        return -errno;
    return c->a[2] ? put_itimerval(c, c->a[2], &ov) : 0;
}

static int64_t sys_getitimer(struct sc *c)
{
    struct itimerval v;
    if (getitimer((__itimer_which_t)c->a[0], &v) < 0)
        return -errno;
    return put_itimerval(c, c->a[1], &v);
}

static int64_t sys_alarm(struct sc *c)
{
    return alarm((unsigned)c->a[0]);
}

const struct syscall_def syscalls_time[] = {
    { GSYS_clock_gettime, sys_clock_gettime, { A_CLOCK, A_PTR }, R_INT, 0 },
    { GSYS_clock_gettime64, sys_clock_gettime64, { A_CLOCK, A_PTR }, R_INT, 0 },
    { GSYS_clock_getres, sys_clock_getres, { A_CLOCK, A_PTR }, R_INT, 0 },
    { GSYS_clock_getres_time64, sys_clock_getres_time64, { A_CLOCK, A_PTR }, R_INT, 0 },
    { GSYS_gettimeofday, sys_gettimeofday, { A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_time, sys_time, { A_PTR }, R_INT, 0 },
    { GSYS_nanosleep, sys_nanosleep, { A_PTR, A_PTR }, R_INT, SCF_NORESTART },
    { GSYS_clock_nanosleep, sys_clock_nanosleep,
      { A_CLOCK, A_INT, A_PTR, A_PTR }, R_INT, SCF_NORESTART },
    { GSYS_clock_nanosleep_time64, sys_clock_nanosleep_time64,
      { A_CLOCK, A_INT, A_PTR, A_PTR }, R_INT, SCF_NORESTART },
    { GSYS_times, sys_times, { A_PTR }, R_INT, 0 },
    { GSYS_setitimer, sys_setitimer, { A_INT, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_getitimer, sys_getitimer, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_alarm, sys_alarm, { A_UINT }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
