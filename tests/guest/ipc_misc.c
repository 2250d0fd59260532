/* guest-test: portable, native-oracle
 * The rarer process calls: POSIX message queues (priorities, mq_attr, timeouts,
 * O_NONBLOCK, notification by signal and by thread), Linux AIO (struct iocb and
 * io_event with a 64-bit cookie, PWRITE/PREAD/PREADV/FSYNC, eventfd completion, errors),
 * the pre-rt signal calls where the ABI has them (the rt ones elsewhere, so every guest
 * prints the same), restart_syscall, nice, pidfd_open/pidfd_send_signal/pidfd_getfd,
 * kcmp, process_vm_readv/writev on ourselves and on a child, unshare and setns. Each
 * check prints one line; the queue is unlinked at exit even when a check fails. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <linux/kcmp.h>
#include <mqueue.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef PIDFD_NONBLOCK
#define PIDFD_NONBLOCK O_NONBLOCK
#endif

static int failures;

#define CHECK(cond, what)                                                               \
    do {                                                                                \
        if (cond) {                                                                     \
            printf("ok   %s\n", what);                                                  \
        } else {                                                                        \
            failures++;                                                                 \
            printf("FAIL %s (line %d, errno %d)\n", what, __LINE__, errno);             \
        }                                                                               \
    } while (0)

static char mq_name[64];

static void cleanup(void)
{
    if (mq_name[0])
        mq_unlink(mq_name);
}

static volatile sig_atomic_t got_sig, got_code, got_value;

static void on_info(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_value = si->si_value.sival_int;
}

static void catch(int sig)
{
    struct sigaction sa = { .sa_sigaction = on_info, .sa_flags = SA_SIGINFO };
    sigaction(sig, &sa, NULL);
    got_sig = got_code = got_value = 0;
}

static volatile int thread_value;

static void notify_thread(union sigval v)
{
    thread_value = v.sival_int;
}

static void abs_in(struct timespec *ts, long ms)
{
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_nsec += ms * 1000000;
    while (ts->tv_nsec >= 1000000000) {
        ts->tv_nsec -= 1000000000;
        ts->tv_sec++;
    }
}

static void message_queues(void)
{
    snprintf(mq_name, sizeof mq_name, "/crossrun-ipc-misc-%d", (int)getpid());
    struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
    mqd_t q = mq_open(mq_name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    CHECK(q != (mqd_t)-1, "mq_open O_CREAT with an mq_attr");
    if (q == (mqd_t)-1) {
        mq_name[0] = 0;
        return;
    }
    CHECK(mq_open(mq_name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr) == (mqd_t)-1 &&
          errno == EEXIST, "mq_open O_EXCL again: EEXIST");
    memset(&attr, 0, sizeof attr);
    CHECK(mq_getattr(q, &attr) == 0, "mq_getattr");
    printf("maxmsg %ld msgsize %ld curmsgs %ld nonblock %d\n", (long)attr.mq_maxmsg,
           (long)attr.mq_msgsize, (long)attr.mq_curmsgs, !!(attr.mq_flags & O_NONBLOCK));
    CHECK(mq_send(q, "low", 3, 1) == 0 && mq_send(q, "high", 4, 5) == 0 &&
          mq_send(q, "middle", 6, 3) == 0, "mq_send with priorities 1, 5, 3");
    CHECK(mq_getattr(q, &attr) == 0 && attr.mq_curmsgs == 3, "curmsgs 3");
    for (int i = 0; i < 3; i++) {
        char buf[64] = { 0 };
        unsigned prio = 99;
        ssize_t n = mq_receive(q, buf, sizeof buf, &prio);
        printf("received '%s' (%zd) priority %u\n", buf, n, prio);
    }
    char small[8];
    CHECK(mq_receive(q, small, sizeof small, NULL) < 0 && errno == EMSGSIZE,
          "mq_receive into less than msgsize: EMSGSIZE");
    struct timespec ts;
    abs_in(&ts, 30);
    char buf[64];
    CHECK(mq_timedreceive(q, buf, sizeof buf, NULL, &ts) < 0 && errno == ETIMEDOUT,
          "mq_timedreceive times out");
    /* Only the message must fit: a 64-byte buffer with 8 bytes of room. */
    long pg = sysconf(_SC_PAGESIZE);
    char *two = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(two + pg, pg);
    char *tail = two + pg - 8;
    mq_send(q, "tiny", 4, 0);
    CHECK(mq_receive(q, tail, 64, NULL) == 4 && memcmp(tail, "tiny", 4) == 0,
          "mq_receive: a short message fits at the end of the mapping");
    mq_send(q, "longer than eight", 17, 0);
    CHECK(mq_receive(q, tail, 64, NULL) < 0 && errno == EFAULT &&
          mq_getattr(q, &attr) == 0 && attr.mq_curmsgs == 0,
          "mq_receive: one that does not fit is consumed, EFAULT");
    munmap(two, pg);
    for (int i = 0; i < 4; i++)
        mq_send(q, "x", 1, 0);
    abs_in(&ts, 30);
    CHECK(mq_timedsend(q, "y", 1, 0, &ts) < 0 && errno == ETIMEDOUT,
          "mq_timedsend on a full queue times out");
    struct mq_attr nb = { .mq_flags = O_NONBLOCK }, old;
    CHECK(mq_setattr(q, &nb, &old) == 0 && !(old.mq_flags & O_NONBLOCK) &&
          old.mq_curmsgs == 4, "mq_setattr O_NONBLOCK returns the old attributes");
    CHECK(mq_send(q, "y", 1, 0) < 0 && errno == EAGAIN, "mq_send non-blocking: EAGAIN");
    while (mq_receive(q, buf, sizeof buf, NULL) == 1)
        ;
    CHECK(errno == EAGAIN, "mq_receive non-blocking on empty: EAGAIN");
    CHECK(mq_getattr(q, &attr) == 0 && (attr.mq_flags & O_NONBLOCK), "flags show O_NONBLOCK");

    catch(SIGUSR1);
    struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1,
                            .sigev_value.sival_int = 1234 };
    CHECK(mq_notify(q, &sev) == 0, "mq_notify SIGEV_SIGNAL");
    CHECK(mq_notify(q, &sev) < 0 && errno == EBUSY, "a second registration: EBUSY");
    mq_send(q, "wake", 4, 0);
    for (int i = 0; i < 100 && !got_sig; i++)
        usleep(1000);
    CHECK(got_sig == SIGUSR1 && got_code == SI_MESGQ && got_value == 1234,
          "notified: SIGUSR1, SI_MESGQ, the value");
    mq_receive(q, buf, sizeof buf, NULL);

    struct sigevent tev = { .sigev_notify = SIGEV_THREAD, .sigev_notify_function = notify_thread,
                            .sigev_value.sival_int = 4321 };
    CHECK(mq_notify(q, &tev) == 0, "mq_notify SIGEV_THREAD");
    mq_send(q, "wake", 4, 0);
    for (int i = 0; i < 2000 && !thread_value; i++)
        usleep(1000);
    CHECK(thread_value == 4321, "notified in a thread with the value");
    mq_close(q);
    CHECK(mq_unlink(mq_name) == 0, "mq_unlink");
    CHECK(mq_open(mq_name, O_RDONLY) == (mqd_t)-1 && errno == ENOENT, "gone: ENOENT");
    mq_name[0] = 0;
}

static long io_setup_(unsigned n, aio_context_t *ctx) { return syscall(SYS_io_setup, n, ctx); }
static long io_destroy_(aio_context_t ctx) { return syscall(SYS_io_destroy, ctx); }
static long io_submit_(aio_context_t ctx, long n, struct iocb **v)
{
    return syscall(SYS_io_submit, ctx, n, v);
}
static long io_getevents_(aio_context_t ctx, long min, long max, struct io_event *ev,
                          struct timespec *ts)
{
#ifdef SYS_io_getevents
    return syscall(SYS_io_getevents, ctx, min, max, ev, ts);
#else
    return syscall(SYS_io_pgetevents, ctx, min, max, ev, ts, NULL);
#endif
}

static void prep(struct iocb *cb, int op, int fd, void *buf, uint64_t n, int64_t off,
                 uint64_t data)
{
    memset(cb, 0, sizeof *cb);
    cb->aio_lio_opcode = (uint16_t)op;
    cb->aio_fildes = (uint32_t)fd;
    cb->aio_buf = (uint64_t)(uintptr_t)buf;
    cb->aio_nbytes = n;
    cb->aio_offset = off;
    cb->aio_data = data;
}

static void linux_aio(void)
{
    char path[] = "/tmp/crossrun-aio-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "a scratch file");
    if (fd < 0)
        return;
    unlink(path);
    aio_context_t ctx = 0;
    CHECK(io_setup_(8, &ctx) == 0 && ctx != 0, "io_setup");
    aio_context_t again = ctx;
    CHECK(io_setup_(8, &again) < 0 && errno == EINVAL, "io_setup with a non-zero id: EINVAL");
    int efd = eventfd(0, 0);

    struct iocb w, *wv[1] = { &w };
    prep(&w, IOCB_CMD_PWRITE, fd, "hello, asynchronous world", 25, 0, 0x1122334455667788ull);
    w.aio_flags = IOCB_FLAG_RESFD;
    w.aio_resfd = (uint32_t)efd;
    CHECK(io_submit_(ctx, 1, wv) == 1, "io_submit PWRITE");
    struct io_event ev[4];
    memset(ev, 0, sizeof ev);
    long n = io_getevents_(ctx, 1, 4, ev, NULL);
    CHECK(n == 1 && ev[0].data == 0x1122334455667788ull && ev[0].obj == (uintptr_t)&w &&
          ev[0].res == 25 && ev[0].res2 == 0, "io_event: data, obj, res");
    uint64_t count = 0;
    CHECK(read(efd, &count, 8) == 8 && count == 1, "the eventfd counted the completion");

    char a[8] = { 0 }, b[32] = { 0 };
    struct iovec iov[2] = { { a, 7 }, { b, 10 } };
    struct iocb r1, r2, f, *rv[3] = { &r1, &r2, &f };
    char whole[32] = { 0 };
    prep(&r1, IOCB_CMD_PREAD, fd, whole, sizeof whole, 0, 1);
    prep(&r2, IOCB_CMD_PREADV, fd, iov, 2, 7, 2);
    prep(&f, IOCB_CMD_FSYNC, fd, NULL, 0, 0, 3);
    CHECK(io_submit_(ctx, 3, rv) == 3, "io_submit PREAD, PREADV and FSYNC");
    int seen = 0;
    for (int tries = 0; tries < 10 && seen < 3; tries++) {
        n = io_getevents_(ctx, 1, 4, ev, NULL);
        for (long i = 0; i < n; i++) {
            struct iocb *cb = (struct iocb *)(uintptr_t)ev[i].obj;
            printf("event %llu: res %lld (%s)\n", (unsigned long long)ev[i].data,
                   (long long)ev[i].res,
                   cb == &r1 ? "pread" : cb == &r2 ? "preadv" : cb == &f ? "fsync" : "?");
            seen++;
        }
    }
    printf("pread '%s' preadv '%s' + '%s'\n", whole, a, b);

    struct timespec ts = { 0, 20000000 };
    CHECK(io_getevents_(ctx, 1, 4, ev, &ts) == 0, "io_getevents times out with nothing");
    /* io_pgetevents with a mask that lets a waiting signal in: EINTR, the handler ran,
     * the old mask is back. */
    sigset_t usr1, none, after;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&none);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    catch(SIGUSR1);
    raise(SIGUSR1);
    /* The kernel's sigset_t: 64 signals, or 128 on MIPS (glibc's _NSIG 65 or 128). */
    struct { const sigset_t *mask; size_t size; } aset = { &none, _NSIG > 65 ? 16 : 8 };
    struct timespec second = { 1, 0 };
    errno = 0;
    long pr = syscall(SYS_io_pgetevents, ctx, 1l, 4l, ev, &second, &aset);
    sigprocmask(SIG_BLOCK, NULL, &after);
    CHECK(pr < 0 && errno == EINTR && got_sig == SIGUSR1 && sigismember(&after, SIGUSR1),
          "io_pgetevents with a signal mask: EINTR, handled, mask restored");
    struct timespec zero = { 0, 0 };
    pr = syscall(SYS_io_pgetevents, ctx, 1l, 4l, ev, &zero, &aset);
    sigprocmask(SIG_BLOCK, NULL, &after);
    CHECK(pr == 0 && sigismember(&after, SIGUSR1),
          "io_pgetevents with a mask that times out: the mask is restored");
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    struct iocb bad, *bv[2] = { &bad, &r1 };
    prep(&bad, IOCB_CMD_PREAD, 9999, whole, 4, 0, 4);
    CHECK(io_submit_(ctx, 2, bv) < 0 && errno == EBADF, "a bad first iocb: EBADF");
    prep(&bad, 99, fd, whole, 4, 0, 4);
    CHECK(io_submit_(ctx, 1, bv) < 0 && errno == EINVAL, "an unknown opcode: EINVAL");
    struct io_event cev;
    CHECK(syscall(SYS_io_cancel, ctx, &r1, &cev) < 0 && errno == EINVAL,
          "io_cancel of a finished request: EINVAL");
    CHECK(io_destroy_(ctx) == 0, "io_destroy");
    CHECK(io_destroy_(ctx) < 0 && errno == EINVAL, "io_destroy again: EINVAL");
    CHECK(io_submit_(ctx, 1, wv) < 0 && errno == EINVAL, "io_submit to it: EINVAL");
    close(efd);
    close(fd);
}

/* The first word of signals (1-32) in the old calls, or through the rt ones where the
 * ABI has no old calls. */
static int old_sigprocmask(int how, unsigned long set, unsigned long *old)
{
#ifdef SYS_sigprocmask
    return (int)syscall(SYS_sigprocmask, how, &set, old);
#else
    sigset_t s, o;
    sigemptyset(&s);
    for (int i = 1; i <= 32; i++)
        if (set & (1ul << (i - 1)))
            sigaddset(&s, i);
    int r = sigprocmask(how, &s, &o);
    *old = 0;
    for (int i = 1; i <= 32; i++)
        if (sigismember(&o, i))
            *old |= 1ul << (i - 1);
    return r;
#endif
}

static unsigned long old_sigpending(void)
{
    unsigned long w = 0;
#ifdef SYS_sigpending
    syscall(SYS_sigpending, &w);
#else
    sigset_t s;
    sigpending(&s);
    for (int i = 1; i <= 32; i++)
        if (sigismember(&s, i))
            w |= 1ul << (i - 1);
#endif
    return w;
}

/* Waits with no signal blocked. */
static int old_sigsuspend_none(void)
{
#if defined(SYS_sigsuspend) && defined(__mips__)
    sigset_t none;
    sigemptyset(&none);
    return (int)syscall(SYS_sigsuspend, &none);
#elif defined(SYS_sigsuspend)
    return (int)syscall(SYS_sigsuspend, 0, 0, 0ul);
#else
    sigset_t none;
    sigemptyset(&none);
    return sigsuspend(&none);
#endif
}

static volatile sig_atomic_t handled;

static void on_usr2(int sig)
{
    handled = sig;
}

/* The old sigaction installs a handler with SIGUSR1 in its mask; the rt one reads it. */
static int old_sigaction_install(void)
{
#if defined(SYS_sigaction) && !defined(__mips__)
    struct { void (*handler)(int); unsigned long mask, flags; void *restorer; } a = {
        on_usr2, 1ul << (SIGUSR1 - 1), 0, NULL }, o;
    return (int)syscall(SYS_sigaction, SIGUSR2, &a, &o);
#elif defined(SYS_sigaction)
    struct sigaction a;     /* MIPS: the kernel's struct is glibc's layout */
    memset(&a, 0, sizeof a);
    a.sa_handler = on_usr2;
    sigaddset(&a.sa_mask, SIGUSR1);
    sigaddset(&a.sa_mask, 40);      /* beyond the old word: ignored */
    return (int)syscall(SYS_sigaction, SIGUSR2, &a, NULL);
#else
    struct sigaction a;
    memset(&a, 0, sizeof a);
    a.sa_handler = on_usr2;
    sigaddset(&a.sa_mask, SIGUSR1);
    return sigaction(SIGUSR2, &a, NULL);
#endif
}

/* The word-sized mask calls and signal(2) of MIPS o32 (glibc's equivalents elsewhere). */
static unsigned long sgetmask_(void)
{
#ifdef SYS_sgetmask
    return (unsigned long)syscall(SYS_sgetmask);
#else
    unsigned long old = 0;
    old_sigprocmask(SIG_BLOCK, 0, &old);
    return old;
#endif
}

static unsigned long ssetmask_(unsigned long m)
{
#ifdef SYS_ssetmask
    return (unsigned long)syscall(SYS_ssetmask, m);
#else
    unsigned long old = 0;
    old_sigprocmask(SIG_SETMASK, m, &old);
    return old;
#endif
}

static void (*signal_(int sig, void (*h)(int)))(int)
{
#ifdef SYS_signal
    return (void (*)(int))syscall(SYS_signal, sig, h);
#else
    return sysv_signal(sig, h);
#endif
}

static void word_masks(void)
{
    unsigned long usr2 = 1ul << (SIGUSR2 - 1);
    unsigned long before = sgetmask_();
    CHECK(!(before & usr2) && ssetmask_(before | usr2) == before && sgetmask_() == (before | usr2),
          "ssetmask/sgetmask");
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    CHECK(sigismember(&cur, SIGUSR2) && !sigismember(&cur, SIGUSR1), "the rt mask agrees");
    ssetmask_(before);
    handled = 0;
    void (*old)(int) = signal_(SIGUSR2, on_usr2);
    CHECK(old == SIG_DFL, "signal() returns the old handler");
    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    CHECK(now.sa_handler == on_usr2 && (now.sa_flags & SA_RESETHAND) &&
          (now.sa_flags & SA_NODEFER), "signal(): SA_RESETHAND | SA_NODEFER");
    raise(SIGUSR2);
    sigaction(SIGUSR2, NULL, &now);
    CHECK(handled == SIGUSR2 && now.sa_handler == SIG_DFL, "one shot: reset to SIG_DFL");
}

static void old_signals(void)
{
    unsigned long old = 99;
    unsigned long usr1 = 1ul << (SIGUSR1 - 1);
    CHECK(old_sigprocmask(SIG_BLOCK, usr1, &old) == 0 && !(old & usr1),
          "old sigprocmask SIG_BLOCK SIGUSR1");
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    CHECK(sigismember(&cur, SIGUSR1), "the rt mask shows it blocked");
    catch(SIGUSR1);
    raise(SIGUSR1);
    CHECK((old_sigpending() & usr1) && !got_sig, "old sigpending shows it waiting");
    CHECK(old_sigsuspend_none() < 0 && errno == EINTR && got_sig == SIGUSR1,
          "old sigsuspend with nothing blocked runs the handler, EINTR");
    sigprocmask(SIG_BLOCK, NULL, &cur);
    CHECK(sigismember(&cur, SIGUSR1), "the mask is restored after sigsuspend");
    CHECK(old_sigprocmask(SIG_UNBLOCK, usr1, &old) == 0 && (old & usr1),
          "old sigprocmask SIG_UNBLOCK");
    CHECK(old_sigaction_install() == 0, "old sigaction installs a handler");
    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    CHECK(now.sa_handler == on_usr2 && sigismember(&now.sa_mask, SIGUSR1) &&
          !sigismember(&now.sa_mask, 40), "rt sigaction sees it and its one-word mask");
    raise(SIGUSR2);
    CHECK(handled == SIGUSR2, "the handler runs");
    signal(SIGUSR2, SIG_DFL);
}

static void process_calls(void)
{
    errno = 0;
    CHECK(syscall(SYS_restart_syscall) < 0 && errno == EINTR,
          "restart_syscall with nothing to restart: EINTR");

    errno = 0;
    int before = getpriority(PRIO_PROCESS, 0);
    int after = nice(1);
    int want = before < 19 ? before + 1 : 19;
    CHECK(after == want && getpriority(PRIO_PROCESS, 0) == want, "nice(1)");

    int pfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
    CHECK(pfd >= 0, "pidfd_open on ourselves");
    catch(SIGUSR2);
    CHECK(syscall(SYS_pidfd_send_signal, pfd, SIGUSR2, NULL, 0) == 0 && got_sig == SIGUSR2 &&
          got_code == SI_USER, "pidfd_send_signal to ourselves");
    int fd = open("/proc/self/exe", O_RDONLY);
    int got = (int)syscall(SYS_pidfd_getfd, pfd, fd, 0);
    struct stat s1, s2;
    CHECK(got >= 0 && got != fd && fstat(got, &s1) == 0 && fstat(fd, &s2) == 0 &&
          s1.st_ino == s2.st_ino, "pidfd_getfd duplicates one of our descriptors");
    CHECK(syscall(SYS_kcmp, getpid(), getpid(), KCMP_FILE, fd, got) == 0,
          "kcmp: the copy is the same file description");
    int other = open("/proc/self/exe", O_RDONLY);
    long k = syscall(SYS_kcmp, getpid(), getpid(), KCMP_FILE, fd, other);
    CHECK(k == 1 || k == 2, "kcmp: another open is a different one");
    close(other);
    int ep = epoll_create1(0), pp[2];
    pipe(pp);
    int pdup = dup(pp[0]);
    struct epoll_event ee = { .events = EPOLLIN };
    epoll_ctl(ep, EPOLL_CTL_ADD, pp[0], &ee);
    struct kcmp_epoll_slot slot = { (uint32_t)ep, (uint32_t)pp[0], 0 };
    CHECK(syscall(SYS_kcmp, getpid(), getpid(), KCMP_EPOLL_TFD, pdup, &slot) == 0,
          "kcmp KCMP_EPOLL_TFD: the epoll target is that pipe");
    close(ep);
    close(pdup);
    close(pp[0]);
    close(pp[1]);
    close(got);
    close(fd);
    close(pfd);

    int p[2];
    pipe(p);
    pid_t child = fork();
    if (child == 0) {
        char c;
        read(p[0], &c, 1);
        _exit(7);
    }
    int cfd = (int)syscall(SYS_pidfd_open, child, PIDFD_NONBLOCK);
    CHECK(cfd >= 0, "pidfd_open PIDFD_NONBLOCK on a child");
    struct pollfd pf = { cfd, POLLIN, 0 };
    CHECK(poll(&pf, 1, 0) == 0, "its pidfd is not readable while it runs");
    write(p[1], "x", 1);
    CHECK(poll(&pf, 1, 5000) == 1 && (pf.revents & POLLIN), "readable once it exits");
    int st = 0;
    waitpid(child, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "its status");
    close(cfd);
    close(p[0]);
    close(p[1]);
}

static char remote_buf[32] = "process_vm test data";

static void process_vm(void)
{
    char x[8] = { 0 }, y[16] = { 0 };
    struct iovec local[2] = { { x, 7 }, { y, 13 } };
    struct iovec remote[2] = { { remote_buf, 8 }, { remote_buf + 8, 12 } };
    ssize_t n = process_vm_readv(getpid(), local, 2, remote, 2, 0);
    printf("process_vm_readv self: %zd '%s' '%s'\n", n, x, y);
    struct iovec src = { "WRITTEN", 7 }, dst = { remote_buf + 8, 7 };
    n = process_vm_writev(getpid(), &src, 1, &dst, 1, 0);
    printf("process_vm_writev self: %zd '%s'\n", n, remote_buf);
    struct iovec bad = { (void *)16, 4 };
    CHECK(process_vm_readv(getpid(), local, 1, &bad, 1, 0) < 0 && errno == EFAULT,
          "process_vm_readv from an unmapped address: EFAULT");
    CHECK(process_vm_readv(getpid(), local, 1, remote, 1, 1) < 0 && errno == EINVAL,
          "flags: EINVAL");

    int p[2], q[2];
    pipe(p);
    pipe(q);
    pid_t child = fork();
    if (child == 0) {
        strcpy(remote_buf, "the child's own copy");
        write(q[1], "r", 1);
        char c;
        read(p[0], &c, 1);
        _exit(0);
    }
    char c;
    read(q[0], &c, 1);
    char got[32] = { 0 };
    struct iovec l = { got, 20 }, r = { remote_buf, 20 };
    n = process_vm_readv(child, &l, 1, &r, 1, 0);
    printf("process_vm_readv child: %zd '%s'\n", n, got);
    write(p[1], "x", 1);
    waitpid(child, NULL, 0);
    close(p[0]);
    close(p[1]);
    close(q[0]);
    close(q[1]);
}

static void namespaces(void)
{
    CHECK(unshare(0) == 0, "unshare(0)");
    CHECK(unshare(CLONE_FILES) == 0, "unshare(CLONE_FILES)");
    CHECK(setns(-1, 0) < 0 && errno == EBADF, "setns on a bad descriptor: EBADF");
    int ns = open("/proc/self/ns/uts", O_RDONLY);
    CHECK(ns >= 0 && setns(ns, CLONE_NEWNET) < 0 && errno == EINVAL,
          "setns with the wrong type: EINVAL");
    close(ns);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    atexit(cleanup);
    message_queues();
    linux_aio();
    old_signals();
    word_masks();
    process_calls();
    process_vm();
    namespaces();
    printf("%s\n", failures ? "FAILURES" : "all ok");
    return failures ? 1 : 0;
}
