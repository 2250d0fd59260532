/* guest-test: portable
 * Signals and threads: a thread blocked in read and a thread spinning in a loop are
 * interrupted by pthread_kill; a process-directed signal goes to the one thread that
 * does not block it; sigwait in a dedicated thread; a blocked thread-directed signal
 * stays with its thread; pthread_cancel and set*id (glibc's internal signals 32 and 33);
 * how the process ends when threads call abort, exit, or SYS_exit last. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t tid(void) { return (pid_t)syscall(SYS_gettid); }

static void sleep_ms(int ms)
{
    struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000 };
    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        continue;
}

static atomic_int handler_tid;
static void note_tid(int sig) { atomic_store(&handler_tid, tid()); }

static void handle(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

/* --- a thread blocked in read: pthread_kill until read gives up with EINTR --- */
static atomic_int read_result, reader_tid;
static int rpipe[2];

static void *blocked_reader(void *arg)
{
    atomic_store(&reader_tid, tid());
    char c;
    long r = read(rpipe[0], &c, 1);
    atomic_store(&read_result, r < 0 ? -errno : (int)r);
    return NULL;
}

static void test_blocked_read(void)
{
    handle(SIGUSR1, note_tid, 0);
    pipe(rpipe);
    atomic_store(&read_result, 1000);
    pthread_t t;
    pthread_create(&t, NULL, blocked_reader, NULL);
    while (atomic_load(&read_result) == 1000) {
        sleep_ms(20);
        pthread_kill(t, SIGUSR1);
    }
    pthread_join(t, NULL);
    printf("read in a thread: %s, handler ran in that thread: %s\n",
           atomic_load(&read_result) == -EINTR ? "EINTR" : "??",
           atomic_load(&handler_tid) == atomic_load(&reader_tid) ? "yes" : "no");
}

/* --- a thread spinning in straight-line guest code --- */
static volatile int stop_spin;
static atomic_int spinner_tid;
static void set_stop(int sig) { stop_spin = 1; atomic_store(&handler_tid, tid()); }

static void *spinner(void *arg)
{
    atomic_store(&spinner_tid, tid());
    unsigned long n = 0;
    while (!stop_spin)
        n = n * 3 + 1;
    return (void *)(n & 1);
}

static void test_spinning(void)
{
    handle(SIGUSR2, set_stop, SA_RESTART);
    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    while (!atomic_load(&spinner_tid))
        sleep_ms(1);
    sleep_ms(20);
    pthread_kill(t, SIGUSR2);
    pthread_join(t, NULL);
    printf("spinning thread stopped by its handler: %s\n",
           atomic_load(&handler_tid) == atomic_load(&spinner_tid) ? "yes" : "no");
}

/* --- a process-directed signal finds the only thread that accepts it --- */
static atomic_int accepting_tid, quit_waiters;

static void *accepting(void *arg)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    atomic_store(&accepting_tid, tid());
    while (!atomic_load(&quit_waiters))
        sleep_ms(2);
    return NULL;
}

static void *refusing(void *arg)
{
    while (!atomic_load(&quit_waiters))
        sleep_ms(2);
    return NULL;
}

static void test_process_directed(void)
{
    handle(SIGUSR1, note_tid, SA_RESTART);
    atomic_store(&handler_tid, 0);
    sigset_t s, old;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &s, &old);       /* new threads inherit the block */
    pthread_t t[4];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, refusing, NULL);
    pthread_create(&t[3], NULL, accepting, NULL);
    while (!atomic_load(&accepting_tid))
        sleep_ms(1);
    kill(getpid(), SIGUSR1);
    while (!atomic_load(&handler_tid))
        sleep_ms(1);
    printf("kill() handled by the thread that unblocked it: %s\n",
           atomic_load(&handler_tid) == atomic_load(&accepting_tid) ? "yes" : "no");
    atomic_store(&quit_waiters, 1);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* --- sigwait in a dedicated thread --- */
static void *waiter(void *arg)
{
    sigset_t *s = arg;
    int sig = 0;
    sigwait(s, &sig);
    return (void *)(long)sig;
}

static void test_sigwait_thread(void)
{
    static sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_t t;
    pthread_create(&t, NULL, waiter, &s);
    sleep_ms(20);
    kill(getpid(), SIGHUP);
    void *r;
    pthread_join(t, &r);
    printf("sigwait thread got %s\n", (long)r == SIGHUP ? "SIGHUP" : "??");
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
}

/* --- a thread-directed signal the thread blocks stays with that thread --- */
static atomic_int phase;
static volatile int pending_here, handled_here;
static void mark(int sig) { handled_here = tid() == atomic_load(&handler_tid); }

static void *holder(void *arg)
{
    sigset_t s, p;
    sigemptyset(&s);
    sigaddset(&s, SIGWINCH);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    atomic_store(&handler_tid, tid());
    atomic_store(&phase, 1);
    while (atomic_load(&phase) != 2)
        sleep_ms(1);
    sigpending(&p);
    pending_here = sigismember(&p, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    return NULL;
}

static void test_thread_pending(void)
{
    handle(SIGWINCH, mark, 0);
    pthread_t t;
    pthread_create(&t, NULL, holder, NULL);
    while (atomic_load(&phase) != 1)
        sleep_ms(1);
    pthread_kill(t, SIGWINCH);
    sigset_t p;
    sigpending(&p);
    int pending_main = sigismember(&p, SIGWINCH);
    atomic_store(&phase, 2);
    pthread_join(t, NULL);
    printf("blocked thread signal: pending there %d, pending in main %d, handled there on "
           "unblock %d\n", pending_here, pending_main, handled_here);
}

/* --- pthread_cancel (glibc's SIGCANCEL, signal 32) of a thread blocked in read --- */
static void *cancellable(void *arg)
{
    char c;
    atomic_store(&phase, 3);
    for (;;)
        if (read(rpipe[0], &c, 1) < 0)
            continue;
    return NULL;
}

static void test_cancel(void)
{
    pthread_t t;
    atomic_store(&phase, 0);
    pthread_create(&t, NULL, cancellable, NULL);
    while (atomic_load(&phase) != 3)
        sleep_ms(1);
    sleep_ms(10);
    pthread_cancel(t);
    void *r;
    pthread_join(t, &r);
    printf("pthread_cancel: %s\n", r == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "??");
}

/* --- set*id with threads: glibc makes every thread do the call (SIGSETXID, 33) --- */
static void *idle(void *arg)
{
    while (!atomic_load(&quit_waiters))
        sleep_ms(2);
    return NULL;
}

static void test_setxid(void)
{
    atomic_store(&quit_waiters, 0);
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, idle, NULL);
    int a = setgid(getgid()), b = setuid(getuid()), c = setresuid(-1, -1, -1);
    atomic_store(&quit_waiters, 1);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("setgid %d setuid %d setresuid %d with 4 threads\n", a, b, c);
}

/* --- how the process ends --- */
static void *aborter(void *arg) { abort(); }
static void *exiter(void *arg) { exit(3); }
/* The main thread's state letter ('Z' once it has exited and waits for the group). */
static char leader_state(void)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)getpid());
    FILE *f = fopen(path, "r");
    if (!f)
        return '?';
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    return p && p[1] && p[2] ? p[2] : '?';
}

/* Exits last only once the main thread is gone (a fixed delay lost that race under load:
 * the main thread's own SYS_exit then ended the process, with status 0). */
static void *last_exit(void *arg)
{
    for (int i = 0; i < 5000 && leader_state() != 'Z'; i++)
        sleep_ms(2);
    syscall(SYS_exit, 7);
    return NULL;
}

static void ending(const char *what, void *(*fn)(void *), int main_exits)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        pthread_t t;
        pthread_create(&t, NULL, fn, NULL);
        if (main_exits)
            pthread_exit(NULL);
        pthread_join(t, NULL);
        _exit(0);
    }
    int st;
    waitpid(p, &st, 0);
    if (WIFSIGNALED(st))
        printf("%s: killed by %s, core %d\n", what, strsignal(WTERMSIG(st)), WCOREDUMP(st) != 0);
    else
        printf("%s: exit status %d\n", what, WEXITSTATUS(st));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_blocked_read();
    test_spinning();
    test_process_directed();
    test_sigwait_thread();
    test_thread_pending();
    test_cancel();
    test_setxid();
    ending("a thread calls abort", aborter, 0);
    ending("a thread calls exit(3)", exiter, 0);
    ending("main pthread_exit, last thread SYS_exit(7)", last_exit, 1);
    return 0;
}
