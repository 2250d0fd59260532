/* POSIX interval timers: timer_create/settime/gettime/getoverrun/delete and the time64
 * variants. Timer ids are the host kernel's (an int on every ABI); expirations arrive
 * as host signals that the signal layer turns into guest ones, with the guest's sigval
 * and the timer id and overrun in their siginfo. Made with raw system calls: glibc's
 * wrappers would treat the guest's SIGEV_THREAD_ID requests as their own. */
#include <errno.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscall/guest-mem.h"
#include "syscall/itimerspec.h"
#include "syscall/sigevent.h"
#include "syscall/syscall.h"

static int64_t sys_timer_create(struct sc *c)
{
    struct sigevent sev;
    if (c->a[1]) {
        int r = get_sigevent(c->abi, c->a[1], &sev);
        if (r < 0)
            return r;
    }
    void *out = guest_wr(c->a[2], 4);
    if (!out)
        return -EFAULT;
    int id;
    if (syscall(SYS_timer_create, (clockid_t)c->a[0], c->a[1] ? &sev : NULL, &id) < 0)
        return -errno;
    abi_st32(c->abi, out, (uint32_t)id);
    return 0;
}

static int64_t do_settime(struct sc *c, bool time64)
{
    struct itimerspec nv, ov;
    int r = get_itimerspec(c->abi, c->a[2], time64, &nv);
    if (r < 0)
        return r;
    if (syscall(SYS_timer_settime, (int)c->a[0], (int)c->a[1], &nv, c->a[3] ? &ov : NULL) < 0)
        return -errno;
    return c->a[3] ? put_itimerspec(c->abi, c->a[3], time64, &ov) : 0;
}

static int64_t do_gettime(struct sc *c, bool time64)
{
    struct itimerspec v;
    if (syscall(SYS_timer_gettime, (int)c->a[0], &v) < 0)
        return -errno;
    return put_itimerspec(c->abi, c->a[1], time64, &v);
}

static bool native64(struct sc *c) { return c->abi->word_size == 8; }
static int64_t sys_timer_settime(struct sc *c) { return do_settime(c, native64(c)); }
static int64_t sys_timer_settime64(struct sc *c) { return do_settime(c, true); }
static int64_t sys_timer_gettime(struct sc *c) { return do_gettime(c, native64(c)); }
static int64_t sys_timer_gettime64(struct sc *c) { return do_gettime(c, true); }

static int64_t sys_timer_getoverrun(struct sc *c)
{
    long r = syscall(SYS_timer_getoverrun, (int)c->a[0]);
    return r < 0 ? -errno : r;
}

static int64_t sys_timer_delete(struct sc *c)
{
    return syscall(SYS_timer_delete, (int)c->a[0]) < 0 ? -errno : 0;
}

const struct syscall_def syscalls_timer[] = {
    { GSYS_timer_create, sys_timer_create, { A_CLOCK, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_timer_settime, sys_timer_settime, { A_INT, A_TFDFLAGS, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_timer_settime64, sys_timer_settime64,
      { A_INT, A_TFDFLAGS, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_timer_gettime, sys_timer_gettime, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_timer_gettime64, sys_timer_gettime64, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_timer_getoverrun, sys_timer_getoverrun, { A_INT }, R_INT, 0 },
    { GSYS_timer_delete, sys_timer_delete, { A_INT }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
