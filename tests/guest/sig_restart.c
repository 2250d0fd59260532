/* guest-test: portable
 * Blocking system calls interrupted by a handled signal: restarted under SA_RESTART
 * (read, write, wait4, a futex wait via sem_wait, fcntl F_SETLKW), EINTR without it,
 * and EINTR always for the calls signal(7) lists as never restarted (poll, select,
 * nanosleep with the time left, sigsuspend, sigtimedwait). A child process is the slow
 * party; its delays are long compared with the 40 ms alarm, so the order is fixed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { ALARM_MS = 40, SLOW_MS = 250 };

static volatile int alarms;
static void on_alarm(int sig) { alarms++; }

static void handle_alarm(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
    alarms = 0;
}

static void alarm_in_ms(int ms)
{
    struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void sleep_ms(int ms)
{
    struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000 };
    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        continue;
}

/* A child that writes one byte to fd after ms milliseconds, then exits with code. */
static pid_t writer_after(int fd, int ms, int code)
{
    pid_t p = fork();
    if (p == 0) {
        sleep_ms(ms);
        if (write(fd, "x", 1) != 1)
            _exit(99);
        _exit(code);
    }
    return p;
}

static const char *res(long r, int e)
{
    static char buf[64];
    if (r >= 0)
        snprintf(buf, sizeof buf, "returned %ld", r);
    else
        snprintf(buf, sizeof buf, "failed %s", e == EINTR ? "EINTR" : strerror(e));
    return buf;
}

static void test_read(int flags, const char *name)
{
    int p[2];
    pipe(p);
    handle_alarm(flags);
    pid_t child = writer_after(p[1], SLOW_MS, 0);
    alarm_in_ms(ALARM_MS);
    char c;
    long r = read(p[0], &c, 1);
    int e = errno;
    printf("pipe read, %s: %s, alarms %d\n", name, res(r, e), alarms);
    waitpid(child, NULL, 0);
    close(p[0]);
    close(p[1]);
}

static void test_write(int flags, const char *name)
{
    int p[2];
    pipe(p);
    fcntl(p[1], F_SETPIPE_SZ, 4096);
    char buf[4096];
    memset(buf, 'y', sizeof buf);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    while (write(p[1], buf, sizeof buf) > 0)
        continue;
    fcntl(p[1], F_SETFL, 0);
    handle_alarm(flags);
    pid_t child = fork();
    if (child == 0) {
        sleep_ms(SLOW_MS);
        char sink[8192];
        if (read(p[0], sink, sizeof sink) < 0)
            _exit(1);
        _exit(0);
    }
    alarm_in_ms(ALARM_MS);
    long r = write(p[1], "z", 1);
    int e = errno;
    printf("full pipe write, %s: %s, alarms %d\n", name, res(r, e), alarms);
    waitpid(child, NULL, 0);
    close(p[0]);
    close(p[1]);
}

static void test_wait(int flags, const char *name)
{
    handle_alarm(flags);
    pid_t child = fork();
    if (child == 0) {
        sleep_ms(SLOW_MS);
        _exit(5);
    }
    alarm_in_ms(ALARM_MS);
    int st = 0;
    long r = waitpid(child, &st, 0);
    int e = errno;
    printf("waitpid, %s: %s status %d, alarms %d\n", name, r == child ? "the child" : res(r, e),
           r == child ? WEXITSTATUS(st) : -1, alarms);
    if (r != child)
        waitpid(child, NULL, 0);
}

/* sem_wait is a futex wait: restarted under SA_RESTART, EINTR without (POSIX). */
static void test_sem(int flags, const char *name)
{
    sem_t *s = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                    -1, 0);
    sem_init(s, 1, 0);
    handle_alarm(flags);
    pid_t child = fork();
    if (child == 0) {
        sleep_ms(SLOW_MS);
        sem_post(s);
        _exit(0);
    }
    alarm_in_ms(ALARM_MS);
    long r = sem_wait(s);
    int e = errno;
    printf("sem_wait, %s: %s, alarms %d\n", name, res(r, e), alarms);
    waitpid(child, NULL, 0);
    munmap(s, sizeof(sem_t));
}

static void test_lock(int flags, const char *name)
{
    char path[512];
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/lockXXXXXX", tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    unlink(path);
    int ready[2];
    pipe(ready);
    pid_t child = fork();
    if (child == 0) {
        struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
        fcntl(fd, F_SETLK, &fl);
        if (write(ready[1], "r", 1) != 1)
            _exit(1);
        sleep_ms(SLOW_MS);
        _exit(0);
    }
    char c;
    if (read(ready[0], &c, 1) != 1)
        printf("lock child did not start\n");
    handle_alarm(flags);
    alarm_in_ms(ALARM_MS);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    long r = fcntl(fd, F_SETLKW, &fl);
    int e = errno;
    printf("F_SETLKW, %s: %s, alarms %d\n", name, res(r, e), alarms);
    waitpid(child, NULL, 0);
    close(fd);
    close(ready[0]);
    close(ready[1]);
}

/* Never restarted: each gets EINTR although the handler has SA_RESTART. */
static void test_never_restarted(void)
{
    int p[2];
    pipe(p);
    struct pollfd pfd = { p[0], POLLIN, 0 };
    handle_alarm(SA_RESTART);
    alarm_in_ms(ALARM_MS);
    long r = poll(&pfd, 1, 2000);
    printf("poll: %s, alarms %d\n", res(r, errno), alarms);

    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timeval tv = { 2, 0 };
    alarm_in_ms(ALARM_MS);
    r = select(p[0] + 1, &rs, NULL, NULL, &tv);
    printf("select: %s, alarms %d\n", res(r, errno), alarms);

    struct timespec t = { 2, 0 }, left = { 0, 0 };
    alarm_in_ms(ALARM_MS);
    r = nanosleep(&t, &left);
    printf("nanosleep: %s, time left between 1 and 2 s: %d, alarms %d\n", res(r, errno),
           left.tv_sec == 1 && left.tv_nsec > 500000000, alarms);

    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigprocmask(SIG_BLOCK, &s, NULL);
    struct timespec to = { 2, 0 };
    alarm_in_ms(ALARM_MS);
    r = sigtimedwait(&s, NULL, &to);
    printf("sigtimedwait: %s, alarms %d\n", res(r, errno), alarms);
    close(p[0]);
    close(p[1]);
}

/* A signal that is ignored, or whose default is to ignore, interrupts nothing. */
static void test_ignored(void)
{
    int p[2];
    pipe(p);
    signal(SIGALRM, SIG_IGN);
    signal(SIGWINCH, SIG_DFL);
    pid_t child = writer_after(p[1], 200, 0);
    alarm_in_ms(ALARM_MS);
    pid_t k = fork();
    if (k == 0) {
        sleep_ms(60);
        kill(getppid(), SIGWINCH);
        _exit(0);
    }
    char c;
    long r = read(p[0], &c, 1);
    printf("read through ignored SIGALRM and default-ignored SIGWINCH: %s\n", res(r, errno));
    waitpid(child, NULL, 0);
    waitpid(k, NULL, 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_read(SA_RESTART, "SA_RESTART");
    test_read(0, "no SA_RESTART");
    test_write(SA_RESTART, "SA_RESTART");
    test_write(0, "no SA_RESTART");
    test_wait(SA_RESTART, "SA_RESTART");
    test_wait(0, "no SA_RESTART");
    test_sem(SA_RESTART, "SA_RESTART");
    test_sem(0, "no SA_RESTART");
    test_lock(SA_RESTART, "SA_RESTART");
    test_lock(0, "no SA_RESTART");
    test_never_restarted();
    test_ignored();
    return 0;
}
