/* Setting and adjusting clocks: clock_settime, settimeofday, adjtimex, clock_adjtime and
 * the time64 variants (the host decides whether the caller may). struct timex is longs
 * and ints in the word size of the ABI; the time64 one is all 64-bit. */
#include <errno.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>

#include "syscall/gstructs.h"
#include "syscall/layouts.h"
#include "syscall/syscall.h"

static bool native64(struct sc *c) { return c->abi->word_size == 8; }

static int64_t do_clock_settime(struct sc *c, bool time64)
{
    struct timespec ts;
    int r = get_timespec(c->abi, c->a[1], time64, &ts);
    if (r < 0)
        return r;
    return clock_settime((clockid_t)c->a[0], &ts) < 0 ? -errno : 0;
}

static int64_t sys_clock_settime(struct sc *c) { return do_clock_settime(c, native64(c)); }
static int64_t sys_clock_settime64(struct sc *c) { return do_clock_settime(c, true); }

static int64_t sys_settimeofday(struct sc *c)
{
    struct timeval tv;
    struct timezone tz;
    if (c->a[0]) {
        int r = get_timeval(c->abi, c->a[0], &tv);
        if (r < 0)
            return r;
    }
    if (c->a[1]) {
        uint64_t v[2];
        int r = get_struct(c->abi, gs_timezone, c->a[1], v);
        if (r < 0)
            return r;
        tz.tz_minuteswest = (int)v[0];
        tz.tz_dsttime = (int)v[1];
    }
    return settimeofday(c->a[0] ? &tv : NULL, c->a[1] ? &tz : NULL) < 0 ? -errno : 0;
}

static int64_t do_adjtime(struct sc *c, clockid_t clk, uint64_t addr, bool time64)
{
    const struct gfield *lay = time64 ? gl_timex64 : gl_timex;
    uint64_t v[TX_COUNT] = { 0 };
    int r = get_struct(c->abi, lay, addr, v);
    if (r < 0)
        return r;
    struct timex tx = {
        .modes = (unsigned)v[TX_MODES], .offset = (long)v[TX_OFFSET], .freq = (long)v[TX_FREQ],
        .maxerror = (long)v[TX_MAXERROR], .esterror = (long)v[TX_ESTERROR],
        .status = (int)v[TX_STATUS], .constant = (long)v[TX_CONSTANT],
        .precision = (long)v[TX_PRECISION], .tolerance = (long)v[TX_TOLERANCE],
        .time = { (time_t)v[TX_SEC], (suseconds_t)v[TX_USEC] }, .tick = (long)v[TX_TICK],
        .ppsfreq = (long)v[TX_PPSFREQ], .jitter = (long)v[TX_JITTER], .shift = (int)v[TX_SHIFT],
        .stabil = (long)v[TX_STABIL], .jitcnt = (long)v[TX_JITCNT], .calcnt = (long)v[TX_CALCNT],
        .errcnt = (long)v[TX_ERRCNT], .stbcnt = (long)v[TX_STBCNT], .tai = (int)v[TX_TAI],
    };
    int state = clock_adjtime(clk, &tx);
    if (state < 0)
        return -errno;
    uint64_t o[TX_COUNT] = {
        [TX_MODES] = tx.modes, [TX_OFFSET] = (uint64_t)tx.offset, [TX_FREQ] = (uint64_t)tx.freq,
        [TX_MAXERROR] = (uint64_t)tx.maxerror, [TX_ESTERROR] = (uint64_t)tx.esterror,
        [TX_STATUS] = (uint64_t)tx.status, [TX_CONSTANT] = (uint64_t)tx.constant,
        [TX_PRECISION] = (uint64_t)tx.precision, [TX_TOLERANCE] = (uint64_t)tx.tolerance,
        [TX_SEC] = (uint64_t)tx.time.tv_sec, [TX_USEC] = (uint64_t)tx.time.tv_usec,
        [TX_TICK] = (uint64_t)tx.tick, [TX_PPSFREQ] = (uint64_t)tx.ppsfreq,
        [TX_JITTER] = (uint64_t)tx.jitter, [TX_SHIFT] = (uint64_t)tx.shift,
        [TX_STABIL] = (uint64_t)tx.stabil, [TX_JITCNT] = (uint64_t)tx.jitcnt,
        [TX_CALCNT] = (uint64_t)tx.calcnt, [TX_ERRCNT] = (uint64_t)tx.errcnt,
        [TX_STBCNT] = (uint64_t)tx.stbcnt, [TX_TAI] = (uint64_t)tx.tai,
    };
    /* Values a 32-bit long cannot hold wrap, as the kernel's compat copy. */
    r = put_struct(c->abi, lay, addr, o);
    return r == -EFAULT ? r : state;
}

static int64_t sys_adjtimex(struct sc *c)
{
    return do_adjtime(c, CLOCK_REALTIME, c->a[0], native64(c));
}
static int64_t sys_clock_adjtime(struct sc *c)
{
    return do_adjtime(c, (clockid_t)c->a[0], c->a[1], native64(c));
}
static int64_t sys_clock_adjtime64(struct sc *c)
{
    return do_adjtime(c, (clockid_t)c->a[0], c->a[1], true);
}

const struct syscall_def syscalls_clockadj[] = {
    { GSYS_clock_settime, sys_clock_settime, { A_CLOCK, A_TIMESPEC }, R_INT, 0 },
    { GSYS_clock_settime64, sys_clock_settime64, { A_CLOCK, A_TIMESPEC64 }, R_INT, 0 },
    { GSYS_settimeofday, sys_settimeofday, { A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_adjtimex, sys_adjtimex, { A_PTR }, R_INT, 0 },
    { GSYS_clock_adjtime, sys_clock_adjtime, { A_CLOCK, A_PTR }, R_INT, 0 },
    { GSYS_clock_adjtime64, sys_clock_adjtime64, { A_CLOCK, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
