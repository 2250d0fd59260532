/* guest-test: portable, native-oracle
 * Waiting for descriptors and events: poll, ppoll, select and pselect with their masks,
 * epoll (whose struct epoll_event layout differs between ABIs), eventfd counters,
 * timerfd expirations, signalfd records and POSIX interval timers with a sigval. Each
 * check prints one line. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

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

static void polls(void)
{
    int p[2];
    pipe(p);
    struct pollfd f[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    CHECK(poll(f, 2, 0) == 1 && f[0].revents == 0 && f[1].revents == POLLOUT,
          "poll: only the write end is ready");
    write(p[1], "x", 1);
    CHECK(poll(f, 2, 100) == 2 && f[0].revents == POLLIN, "poll: data to read");
    struct timespec ts = { 0, 1000000 };
    sigset_t mask;
    sigemptyset(&mask);
    CHECK(ppoll(f, 1, &ts, &mask) == 1 && f[0].revents == POLLIN, "ppoll with a mask");
    char c;
    read(p[0], &c, 1);
    CHECK(ppoll(f, 1, &ts, NULL) == 0, "ppoll times out");
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    FD_SET(p[1], &w);
    struct timeval tv = { 0, 20000 };
    CHECK(select(p[1] + 1, &r, &w, NULL, &tv) == 1 && !FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w),
          "select");
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    struct timespec pts = { 0, 20000000 };
    CHECK(pselect(p[0] + 1, &r, NULL, NULL, &pts, &mask) == 0, "pselect times out");
    close(p[1]);
    f[0].events = POLLIN;
    CHECK(poll(f, 1, 0) == 1 && (f[0].revents & POLLHUP), "poll: POLLHUP at the end");
    close(p[0]);
}

static void epolls(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    CHECK(ep >= 0, "epoll_create1");
    int p[2];
    pipe(p);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0, "EPOLL_CTL_ADD");
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) < 0 && errno == EEXIST, "EPOLL_CTL_ADD twice");
    struct epoll_event out[4];
    memset(out, 0, sizeof out);
    CHECK(epoll_wait(ep, out, 4, 10) == 0, "epoll_wait times out");
    write(p[1], "ab", 2);
    int n = epoll_wait(ep, out, 4, 100);
    CHECK(n == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 0x1122334455667788ull,
          "epoll_wait returns the 64-bit data");
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 7;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == 0, "EPOLL_CTL_MOD");
    struct epoll_event wev = { .events = EPOLLOUT, .data.fd = p[1] };
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &wev) == 0, "second descriptor");
    sigset_t mask;
    sigemptyset(&mask);
    n = epoll_pwait(ep, out, 4, 100, &mask);
    int in_ok = 0, out_ok = 0;
    for (int i = 0; i < n; i++) {
        in_ok += out[i].data.u64 == 7 && (out[i].events & EPOLLIN);
        out_ok += out[i].data.fd == p[1] && (out[i].events & EPOLLOUT);
    }
    CHECK(n == 2 && in_ok == 1 && out_ok == 1, "epoll_pwait: two descriptors, two records");
    CHECK(epoll_wait(ep, out, 1, 0) == 1 && out[0].data.fd == p[1],
          "edge-triggered input reported once");
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0, "EPOLL_CTL_DEL");
    close(p[0]);
    close(p[1]);
    close(ep);
}

static void eventfds(void)
{
    int e = eventfd(3, EFD_CLOEXEC | EFD_NONBLOCK);
    uint64_t v = 0;
    CHECK(e >= 0 && read(e, &v, 8) == 8 && v == 3, "eventfd initial count");
    CHECK(read(e, &v, 8) < 0 && errno == EAGAIN, "eventfd empty");
    v = 0x100000001ull;
    CHECK(write(e, &v, 8) == 8, "eventfd write of a 64-bit count");
    v = 0;
    CHECK(read(e, &v, 8) == 8 && v == 0x100000001ull, "eventfd read back");
    close(e);
    int s = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    CHECK(read(s, &v, 8) == 8 && v == 1 && read(s, &v, 8) == 8 && v == 1 &&
              read(s, &v, 8) < 0, "eventfd semaphore");
    close(s);
}

static void timerfds(void)
{
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    struct itimerspec its = { { 0, 2000000 }, { 0, 2000000 } };
    CHECK(t >= 0 && timerfd_settime(t, 0, &its, NULL) == 0, "timerfd_settime");
    uint64_t n = 0;
    CHECK(read(t, &n, 8) == 8 && n >= 1, "timerfd expirations");
    struct itimerspec cur;
    CHECK(timerfd_gettime(t, &cur) == 0 && cur.it_interval.tv_nsec == 2000000 &&
              cur.it_value.tv_sec == 0, "timerfd_gettime");
    struct itimerspec off = { { 0, 0 }, { 0, 0 } }, old;
    CHECK(timerfd_settime(t, 0, &off, &old) == 0 && old.it_interval.tv_nsec == 2000000,
          "timerfd_settime returns the old setting");
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct itimerspec abs = { { 0, 0 }, { now.tv_sec - 1, now.tv_nsec } };
    n = 0;
    CHECK(timerfd_settime(t, TFD_TIMER_ABSTIME, &abs, NULL) == 0 && read(t, &n, 8) == 8 &&
              n == 1, "TFD_TIMER_ABSTIME in the past expires at once");
    close(t);
}

static void signalfds(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGRTMIN + 3);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int s = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    CHECK(s >= 0, "signalfd");
    struct signalfd_siginfo si;
    CHECK(read(s, &si, sizeof si) < 0 && errno == EAGAIN, "nothing pending");
    union sigval val = { .sival_int = 4242 };
    sigqueue(getpid(), SIGRTMIN + 3, val);
    raise(SIGUSR1);
    memset(&si, 0, sizeof si);
    CHECK(read(s, &si, sizeof si) == sizeof si && si.ssi_signo == SIGUSR1 &&
              si.ssi_code == SI_TKILL && si.ssi_pid == (uint32_t)getpid(),
          "signalfd record: SIGUSR1 from raise");
    CHECK(read(s, &si, sizeof si) == sizeof si && si.ssi_signo == (uint32_t)SIGRTMIN + 3 &&
              si.ssi_code == SI_QUEUE && si.ssi_int == 4242, "signalfd record: queued value");
    close(s);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static volatile sig_atomic_t fired, fired_value;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
    fired++;
    fired_value = si->si_value.sival_int;
}

static void timers(void)
{
    struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
    sigaction(SIGUSR2, &sa, NULL);
    struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2,
                            .sigev_value.sival_int = 777 };
    timer_t id;
    CHECK(timer_create(CLOCK_MONOTONIC, &sev, &id) == 0, "timer_create");
    struct itimerspec its = { { 0, 0 }, { 0, 5000000 } };
    CHECK(timer_settime(id, 0, &its, NULL) == 0, "timer_settime");
    for (int i = 0; i < 200 && !fired; i++)
        usleep(1000);
    CHECK(fired == 1 && fired_value == 777, "the timer's signal carries its sigval");
    struct itimerspec cur;
    CHECK(timer_gettime(id, &cur) == 0 && cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0,
          "timer_gettime: disarmed after one shot");
    CHECK(timer_getoverrun(id) == 0, "timer_getoverrun");
    CHECK(timer_delete(id) == 0, "timer_delete");
    timer_t none;
    CHECK(timer_create(CLOCK_REALTIME, NULL, &none) == 0 && timer_delete(none) == 0,
          "timer_create without a sigevent");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    polls();
    epolls();
    eventfds();
    timerfds();
    signalfds();
    timers();
    printf("%s\n", failures ? "FAILED" : "all passed");
    return failures != 0;
}
