/* epoll. struct epoll_event is packed on x86 (12 bytes) and laid out the C way
 * elsewhere (16 bytes: the 64-bit data 8-aligned): the ABI table says which
 * (abi_epoll_layout), so events are converted member by member. Event bits and the
 * EPOLL_CTL_ operations are the same on every ABI; EPOLL_CLOEXEC is O_CLOEXEC. Waits go
 * through safe_syscall; epoll_pwait's mask is the thread's temporary guest mask for the
 * call, as ppoll's. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/syscall.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/layouts.h"
#include "syscall/safe-syscall.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"

/* The kernel's limit: INT_MAX / sizeof(struct epoll_event). */
enum { EP_MAX_EVENTS = INT_MAX / 12 };

static int64_t sys_epoll_create(struct sc *c)
{
    if ((int)c->a[0] <= 0)
        return -EINVAL;
    int fd = epoll_create1(0);
    return fd < 0 ? -errno : fd;
}

static int64_t sys_epoll_create1(struct sc *c)
{
    int fd = epoll_create1((int)abi_oflags_to_host(c->abi, (uint32_t)c->a[0]));
    return fd < 0 ? -errno : fd;
}

static int64_t sys_epoll_ctl(struct sc *c)
{
    struct epoll_event ev = { 0 }, *evp = NULL;
    if (c->a[3]) {
        uint64_t v[EP_K_COUNT];
        int r = get_struct(c->abi, abi_epoll_layout(c->abi), c->a[3], v);
        if (r < 0)
            return r;
        ev.events = (uint32_t)v[EP_K_EVENTS];
        ev.data.u64 = v[EP_K_DATA];
        evp = &ev;
    }
    int r = epoll_ctl((int)c->a[0], (int)c->a[1], (int)c->a[2], evp);
    return r < 0 ? -errno : 0;
}

/* timeout_ms for epoll_pwait, or ts (NULL: forever) for epoll_pwait2. */
static int64_t do_wait(struct sc *c, int timeout_ms, const struct timespec *ts, bool pwait2,
                       uint64_t mask_addr, uint64_t mask_size)
{
    int max = (int)c->a[2];
    if (max <= 0 || max > EP_MAX_EVENTS)
        return -EINVAL;
    const struct gfield *lay = abi_epoll_layout(c->abi);
    size_t esz = gstruct_size(c->abi, lay);
    uint8_t *out = guest_wr(c->a[1], (uint64_t)max * esz);
    if (!out)
        return -EFAULT;
    uint64_t hmask;
    if (mask_addr) {
        int r = signal_wait_mask(c->ts, c->abi, mask_addr, mask_size, &hmask);
        if (r < 0)
            return r;
    }
    /* No more events than the guest's buffer takes, in a bounded host buffer. */
    int hmax = max < 1024 ? max : 1024;
    struct epoll_event *ev = malloc((size_t)hmax * sizeof *ev);
    if (!ev)
        return -ENOMEM;
    struct timespec t = ts ? *ts : (struct timespec){ 0, 0 };
    long n;
    if (pwait2)
        n = safe_syscall6(SYS_epoll_pwait2, (int)c->a[0], (long)ev, hmax, ts ? (long)&t : 0,
                          mask_addr ? (long)&hmask : 0, 8);
    else
        n = safe_syscall6(SYS_epoll_pwait, (int)c->a[0], (long)ev, hmax, timeout_ms,
                          mask_addr ? (long)&hmask : 0, 8);
    for (long i = 0; i < n; i++) {
        uint64_t v[EP_K_COUNT] = { ev[i].events, ev[i].data.u64 };
        gstruct_store(c->abi, lay, out + (size_t)i * esz, v);
    }
    free(ev);
    return n;
}

static int64_t sys_epoll_wait(struct sc *c)
{
    return do_wait(c, (int)c->a[3], NULL, false, 0, 0);
}

static int64_t sys_epoll_pwait(struct sc *c)
{
    return do_wait(c, (int)c->a[3], NULL, false, c->a[4], c->a[5]);
}

static int64_t sys_epoll_pwait2(struct sc *c)
{
    struct timespec ts;
    if (c->a[3]) {
        int r = get_timespec(c->abi, c->a[3], true, &ts);
        if (r < 0)
            return r;
    }
    return do_wait(c, 0, c->a[3] ? &ts : NULL, true, c->a[4], c->a[5]);
}

const struct syscall_def syscalls_epoll[] = {
    { GSYS_epoll_create, sys_epoll_create, { A_INT }, R_INT, 0 },
    { GSYS_epoll_create1, sys_epoll_create1, { A_FDFLAGS }, R_INT, 0 },
    { GSYS_epoll_ctl, sys_epoll_ctl, { A_FD, A_EPOLLOP, A_FD, A_EPOLLEV }, R_INT, 0 },
    { GSYS_epoll_wait, sys_epoll_wait, { A_FD, A_PTR, A_INT, A_INT }, R_INT, SCF_NORESTART },
    { GSYS_epoll_pwait, sys_epoll_pwait,
      { A_FD, A_PTR, A_INT, A_INT, A_SIGSET, A_ULONG }, R_INT, SCF_NORESTART },
    { GSYS_epoll_pwait2, sys_epoll_pwait2,
      { A_FD, A_PTR, A_INT, A_TIMESPEC64, A_SIGSET, A_ULONG }, R_INT, SCF_NORESTART },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
