/* POSIX message queues: the host kernel's queues, with the ABI's open flags, struct
 * mq_attr (longs), the old or time64 timespec of the timed calls and struct sigevent
 * for mq_notify. SIGEV_THREAD does reach the kernel here: the C library's notification
 * thread reads a netlink socket (sigev_signo is its descriptor, not a signal) and the
 * value points at the cookie the kernel copies, a guest buffer; what the socket then
 * reads is that cookie, so it loses any netlink conversion. Sends and receives
 * block through safe_syscall and are restarted under SA_RESTART as on Linux. */
#include <errno.h>
#include <mqueue.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/fdtrans.h"
#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/layouts.h"
#include "syscall/safe-syscall.h"
#include "syscall/sigevent.h"
#include "syscall/syscall.h"

/* MQ_NAME_MAX; the cookie SIGEV_THREAD passes; HARD_MSGSIZEMAX (ipc/mqueue.c). */
enum { MQ_NAME_MAX = 255, NOTIFY_COOKIE_LEN = 32, MQ_MSGSIZE_HARD = 16 << 20 };

static int get_attr(struct sc *c, uint64_t addr, struct mq_attr *a)
{
    uint64_t v[4];
    int r = get_struct(c->abi, gl_mq_attr, addr, v);
    if (r < 0)
        return r;
    memset(a, 0, sizeof *a);
    a->mq_flags = (long)abi_oflags_to_host(c->abi, (uint32_t)v[0]);
    a->mq_maxmsg = (long)v[1];
    a->mq_msgsize = (long)v[2];
    a->mq_curmsgs = (long)v[3];
    return 0;
}

static int put_attr(struct sc *c, uint64_t addr, const struct mq_attr *a)
{
    uint64_t v[4] = { abi_oflags_from_host(c->abi, (uint32_t)a->mq_flags),
                      (uint64_t)a->mq_maxmsg, (uint64_t)a->mq_msgsize,
                      (uint64_t)a->mq_curmsgs };
    return put_struct(c->abi, gl_mq_attr, addr, v);
}

static int64_t sys_mq_open(struct sc *c)
{
    char name[MQ_NAME_MAX + 1];
    long n = guest_strcpy(name, sizeof name, c->a[0]);
    if (n < 0)
        return n;
    struct mq_attr attr, *ap = NULL;
    int flags = (int)abi_oflags_to_host(c->abi, (uint32_t)c->a[1]);
    if ((flags & O_CREAT) && c->a[3]) {
        int r = get_attr(c, c->a[3], &attr);
        if (r < 0)
            return r;
        ap = &attr;
    }
    long fd = syscall(SYS_mq_open, name, flags, (mode_t)c->a[2], ap);
    return fd < 0 ? -errno : fd;
}

static int64_t sys_mq_unlink(struct sc *c)
{
    char name[MQ_NAME_MAX + 1];
    long n = guest_strcpy(name, sizeof name, c->a[0]);
    if (n < 0)
        return n;
    return syscall(SYS_mq_unlink, name) < 0 ? -errno : 0;
}

static int64_t do_send(struct sc *c, bool time64)
{
    const void *msg = guest_rd(c->a[1], c->a[2]);
    if (!msg && c->a[2])
        return -EFAULT;
    struct timespec ts;
    if (c->a[4]) {
        int r = get_timespec(c->abi, c->a[4], time64, &ts);
        if (r < 0)
            return r;
    }
    return safe_syscall6(SYS_mq_timedsend, (long)c->a[0], (long)msg, (long)c->a[2],
                         (long)(unsigned)c->a[3], c->a[4] ? (long)&ts : 0, 0);
}

/* A buffer not mapped for all it claims: as the kernel, only the message that
 * arrives must fit (else it is consumed and the call fails with EFAULT). */
static long receive_bounced(struct sc *c, const struct timespec *ts, unsigned *prio)
{
    size_t len = c->a[2] < MQ_MSGSIZE_HARD ? (size_t)c->a[2] : MQ_MSGSIZE_HARD;
    char *buf = malloc(len ? len : 1);
    if (!buf)
        return -ENOMEM;
    long n = safe_syscall6(SYS_mq_timedreceive, (long)c->a[0], (long)buf, (long)len,
                           (long)prio, (long)ts, 0);
    if (n >= 0) {
        void *g = guest_wr(c->a[1], (uint64_t)n);
        if (g)
            memcpy(g, buf, (size_t)n);
        else
            n = -EFAULT;
    }
    free(buf);
    return n;
}

static int64_t do_receive(struct sc *c, bool time64)
{
    struct timespec ts;
    if (c->a[4]) {
        int r = get_timespec(c->abi, c->a[4], time64, &ts);
        if (r < 0)
            return r;
    }
    unsigned prio = 0;
    void *msg = guest_wr(c->a[1], c->a[2]);
    long n = msg || !c->a[2]
        ? safe_syscall6(SYS_mq_timedreceive, (long)c->a[0], (long)msg, (long)c->a[2],
                        (long)&prio, c->a[4] ? (long)&ts : 0, 0)
        : receive_bounced(c, c->a[4] ? &ts : NULL, &prio);
    if (n >= 0 && c->a[3]) {
        void *p = guest_wr(c->a[3], 4);
        if (!p)
            return -EFAULT;
        abi_st32(c->abi, p, prio);
    }
    return n;
}

static bool native64(struct sc *c) { return c->abi->word_size == 8; }
static int64_t sys_mq_timedsend(struct sc *c) { return do_send(c, native64(c)); }
static int64_t sys_mq_timedsend64(struct sc *c) { return do_send(c, true); }
static int64_t sys_mq_timedreceive(struct sc *c) { return do_receive(c, native64(c)); }
static int64_t sys_mq_timedreceive64(struct sc *c) { return do_receive(c, true); }

/* SIGEV_THREAD: the signal number is a socket and the value a cookie buffer. */
static int get_thread_sigevent(struct sc *c, struct sigevent *sev)
{
    uint64_t v[SEV_K_COUNT];
    int r = get_struct(c->abi, gl_sigevent(c->abi), c->a[1], v);
    if (r < 0)
        return r;
    void *cookie = guest_rd(v[SEV_K_VALUE], NOTIFY_COOKIE_LEN);
    if (!cookie)
        return -EFAULT;
    memset(sev, 0, sizeof *sev);
    sev->sigev_notify = SIGEV_THREAD;
    sev->sigev_signo = (int)v[SEV_K_SIGNO];
    sev->sigev_value.sival_ptr = cookie;
    /* The socket now carries raw cookies, not route messages to byte-swap. */
    fdtrans_set(sev->sigev_signo, NULL);
    return 0;
}

static int64_t sys_mq_notify(struct sc *c)
{
    struct sigevent sev, *sp = NULL;
    if (c->a[1]) {
        const void *g = guest_rd(c->a[1], gstruct_size(c->abi, gl_sigevent(c->abi)));
        if (!g)
            return -EFAULT;
        long off = gstruct_offset(c->abi, gl_sigevent(c->abi), SEV_K_NOTIFY);
        int notify = (int)abi_ld32(c->abi, (const char *)g + off);
        int r = notify == SIGEV_THREAD ? get_thread_sigevent(c, &sev)
                                       : get_sigevent(c->abi, c->a[1], &sev);
        if (r < 0)
            return r;
        sp = &sev;
    }
    return syscall(SYS_mq_notify, (int)c->a[0], sp) < 0 ? -errno : 0;
}

static int64_t sys_mq_getsetattr(struct sc *c)
{
    struct mq_attr nv, ov, *np = NULL;
    if (c->a[1]) {
        int r = get_attr(c, c->a[1], &nv);
        if (r < 0)
            return r;
        np = &nv;
    }
    if (syscall(SYS_mq_getsetattr, (int)c->a[0], np, c->a[2] ? &ov : NULL) < 0)
        return -errno;
    return c->a[2] ? put_attr(c, c->a[2], &ov) : 0;
}

const struct syscall_def syscalls_mqueue[] = {
    { GSYS_mq_open, sys_mq_open, { A_STR, A_OFLAGS, A_MODE, A_PTR }, R_INT, 0 },
    { GSYS_mq_unlink, sys_mq_unlink, { A_STR }, R_INT, 0 },
    { GSYS_mq_timedsend, sys_mq_timedsend, { A_FD, A_BUF, A_ULONG, A_UINT, A_TIMESPEC },
      R_INT, 0 },
    { GSYS_mq_timedsend_time64, sys_mq_timedsend64,
      { A_FD, A_BUF, A_ULONG, A_UINT, A_TIMESPEC64 }, R_INT, 0 },
    { GSYS_mq_timedreceive, sys_mq_timedreceive,
      { A_FD, A_PTR, A_ULONG, A_PTR, A_TIMESPEC }, R_INT, 0 },
    { GSYS_mq_timedreceive_time64, sys_mq_timedreceive64,
      { A_FD, A_PTR, A_ULONG, A_PTR, A_TIMESPEC64 }, R_INT, 0 },
    { GSYS_mq_notify, sys_mq_notify, { A_FD, A_PTR }, R_INT, 0 },
    { GSYS_mq_getsetattr, sys_mq_getsetattr, { A_FD, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
