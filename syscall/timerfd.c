/* timerfd_create/settime/gettime and the time64 variants of 32-bit ABIs. TFD_CLOEXEC
 * and TFD_NONBLOCK are the ABI's O_ values; TFD_TIMER_ABSTIME and
 * TFD_TIMER_CANCEL_ON_SET are the same everywhere. The expiration count a read returns
 * is 8 bytes in the CPU's byte order (fdtrans for big-endian guests). */
#include <errno.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "syscall/fdtrans.h"
#include "syscall/itimerspec.h"
#include "syscall/syscall.h"

static int64_t sys_timerfd_create(struct sc *c)
{
    int fd = timerfd_create((int)c->a[0], (int)abi_oflags_to_host(c->abi, (uint32_t)c->a[1]));
    if (fd < 0)
        return -errno;
    fdtrans_set(fd, c->abi->big_endian ? &fdtrans_u64 : NULL);
    return fd;
}

static int64_t do_settime(struct sc *c, bool time64)
{
    struct itimerspec nv, ov;
    int r = get_itimerspec(c->abi, c->a[2], time64, &nv);
    if (r < 0)
        return r;
    if (timerfd_settime((int)c->a[0], (int)c->a[1], &nv, c->a[3] ? &ov : NULL) < 0)
        return -errno;
    return c->a[3] ? put_itimerspec(c->abi, c->a[3], time64, &ov) : 0;
}

static int64_t do_gettime(struct sc *c, bool time64)
{
    struct itimerspec v;
    if (timerfd_gettime((int)c->a[0], &v) < 0)
        return -errno;
    return put_itimerspec(c->abi, c->a[1], time64, &v);
}

static bool native64(struct sc *c) { return c->abi->word_size == 8; }
static int64_t sys_timerfd_settime(struct sc *c) { return do_settime(c, native64(c)); }
static int64_t sys_timerfd_settime64(struct sc *c) { return do_settime(c, true); }
static int64_t sys_timerfd_gettime(struct sc *c) { return do_gettime(c, native64(c)); }
static int64_t sys_timerfd_gettime64(struct sc *c) { return do_gettime(c, true); }

const struct syscall_def syscalls_timerfd[] = {
    { GSYS_timerfd_create, sys_timerfd_create, { A_CLOCK, A_FDFLAGS }, R_INT, 0 },
    { GSYS_timerfd_settime, sys_timerfd_settime, { A_FD, A_TFDFLAGS, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_timerfd_settime64, sys_timerfd_settime64,
      { A_FD, A_TFDFLAGS, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_timerfd_gettime, sys_timerfd_gettime, { A_FD, A_PTR }, R_INT, 0 },
    { GSYS_timerfd_gettime64, sys_timerfd_gettime64, { A_FD, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
