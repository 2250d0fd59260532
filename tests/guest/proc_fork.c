/* guest-test: portable, native-oracle
 * Processes: fork and vfork, pipes between parent and child, exit statuses and deaths
 * by signal as wait4 and waitid report them (no core dumps), stopped and continued
 * children, rusage, SIGCHLD's siginfo, process groups and sessions, kill to a group,
 * a child subreaper, and the prctl basics. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(int ms)
{
    struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000 };
    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        continue;
}

static void describe(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by %s%s\n", what, strsignal(WTERMSIG(st)),
               WCOREDUMP(st) ? " (core dumped)" : "");
    else if (WIFSTOPPED(st))
        printf("%s: stopped by %s\n", what, strsignal(WSTOPSIG(st)));
    else if (WIFCONTINUED(st))
        printf("%s: continued\n", what);
}

static void crash(void) { *(volatile int *)0 = 1; }

/* Each way a child can end, as its parent sees it. */
static void test_statuses(void)
{
    struct { const char *what; int kind; } cases[] = {
        { "exit(0)", 0 }, { "exit(7)", 1 }, { "_exit(255)", 2 }, { "abort()", 3 },
        { "null store", 4 }, { "SIGKILL from parent", 5 }, { "SIGTERM to self", 6 },
        { "return 300 from a thread-less main", 7 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fflush(stdout);
        pid_t p = fork();
        if (p == 0) {
            switch (cases[i].kind) {
            case 0: exit(0);
            case 1: exit(7);
            case 2: _exit(255);
            case 3: abort();
            case 4: crash(); break;
            case 5: pause(); break;
            case 6: kill(getpid(), SIGTERM); pause(); break;
            case 7: exit(300);
            }
            _exit(100);
        }
        if (cases[i].kind == 5) {
            sleep_ms(10);
            kill(p, SIGKILL);
        }
        int st;
        struct rusage ru;
        pid_t w = wait4(p, &st, 0, &ru);
        if (w != p)
            printf("wait4 returned %d\n", (int)w);
        describe(cases[i].what, st);
        if (ru.ru_utime.tv_sec < 0 || ru.ru_stime.tv_usec < 0 || ru.ru_utime.tv_usec >= 1000000)
            printf("  bad rusage\n");
    }
}

static const char *cld_code(int code)
{
    switch (code) {
    case CLD_EXITED: return "CLD_EXITED";
    case CLD_KILLED: return "CLD_KILLED";
    case CLD_DUMPED: return "CLD_DUMPED";
    case CLD_STOPPED: return "CLD_STOPPED";
    case CLD_CONTINUED: return "CLD_CONTINUED";
    default: return "?";
    }
}

/* Stop and continue a child, watched by waitpid (WUNTRACED, WCONTINUED) and waitid. */
static void test_stop_continue(void)
{
    pid_t p = fork();
    if (p == 0) {
        for (;;)
            pause();
    }
    int st;
    kill(p, SIGSTOP);
    waitpid(p, &st, WUNTRACED);
    describe("SIGSTOP", st);
    kill(p, SIGCONT);
    waitpid(p, &st, WCONTINUED);
    describe("SIGCONT", st);
    /* (SIGTSTP would be discarded if the test runs in an orphaned process group) */
    kill(p, SIGSTOP);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    waitid(P_PID, (id_t)p, &si, WSTOPPED);
    printf("waitid: %s status %s pid %s\n", cld_code(si.si_code), strsignal(si.si_status),
           si.si_pid == p ? "right" : "wrong");
    kill(p, SIGCONT);
    memset(&si, 0, sizeof si);
    waitid(P_PID, (id_t)p, &si, WCONTINUED);
    printf("waitid: %s\n", cld_code(si.si_code));
    memset(&si, 0, sizeof si);
    int r = waitid(P_PID, (id_t)p, &si, WEXITED | WNOHANG);
    printf("waitid WNOHANG on a running child: %d, si_pid %d\n", r, (int)si.si_pid);
    kill(p, SIGQUIT);
    memset(&si, 0, sizeof si);
    waitid(P_PID, (id_t)p, &si, WEXITED);
    printf("waitid: %s by %s\n", cld_code(si.si_code), strsignal(si.si_status));
    r = waitid(P_ALL, 0, &si, WEXITED);
    printf("waitid with no children: %d %s\n", r, errno == ECHILD ? "ECHILD" : "?");
}

/* SIGCHLD with SA_SIGINFO: who ended and how. */
static volatile int chld_code, chld_status, chld_pid;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    chld_code = si->si_code;
    chld_status = si->si_status;
    chld_pid = si->si_pid;
}

static void test_sigchld(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t p = fork();
    if (p == 0)
        _exit(42);
    sigsuspend(&old);
    printf("SIGCHLD: %s status %d pid %s\n", cld_code(chld_code), chld_status,
           chld_pid == p ? "right" : "wrong");
    waitpid(p, NULL, 0);
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGCHLD, SIG_DFL);
}

/* A pipe both ways, and vfork's child running first. */
static void test_pipes_vfork(void)
{
    int to_child[2], to_parent[2];
    pipe(to_child);
    pipe(to_parent);
    pid_t p = fork();
    if (p == 0) {
        char buf[64];
        long n = read(to_child[0], buf, sizeof buf);
        for (long i = 0; i < n; i++)
            if (buf[i] >= 'a' && buf[i] <= 'z')
                buf[i] = (char)(buf[i] - 'a' + 'A');
        if (write(to_parent[1], buf, (size_t)n) != n)
            _exit(1);
        _exit(getppid() == (pid_t)syscall(SYS_getppid) ? 0 : 2);
    }
    if (write(to_child[1], "hello child", 11) != 11)
        printf("write failed\n");
    char buf[64] = { 0 };
    long n = read(to_parent[0], buf, sizeof buf - 1);
    int st;
    waitpid(p, &st, 0);
    printf("pipe round trip: %ld bytes '%s', child status %d\n", n, buf, WEXITSTATUS(st));

    volatile int order = 0;
    pid_t v = vfork();
    if (v == 0) {
        order = 1;           /* shares memory only on a real vfork: not printed */
        _exit(9);
    }
    waitpid(v, &st, 0);
    printf("vfork child: exited %d\n", WEXITSTATUS(st));
    (void)order;
}

/* Process groups, sessions, and a signal to a whole group. */
static void test_groups(void)
{
    int ready[2];
    pipe(ready);
    pid_t leader = fork();
    if (leader == 0) {
        setpgid(0, 0);
        pid_t member = fork();
        if (member == 0) {
            if (write(ready[1], "m", 1) != 1)
                _exit(1);
            for (;;)
                pause();
        }
        int st;
        if (write(ready[1], "l", 1) != 1)
            _exit(1);
        waitpid(member, &st, 0);
        _exit(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR2 ? 50 : 51);
    }
    char c[2];
    if (read(ready[0], c, 1) != 1 || read(ready[0], c + 1, 1) != 1)
        printf("group not ready\n");
    printf("child's group is its own: %s, getpgid(0) differs: %s\n",
           getpgid(leader) == leader ? "yes" : "no", getpgid(0) != leader ? "yes" : "no");
    kill(-leader, SIGUSR2);
    int st;
    waitpid(leader, &st, 0);
    describe("group leader after kill(-pgid, SIGUSR2)", st);

    pid_t s = fork();
    if (s == 0) {
        pid_t sid = setsid();
        _exit(sid == getpid() && getsid(0) == getpid() && getpgrp() == getpid() ? 0 : 1);
    }
    waitpid(s, &st, 0);
    printf("setsid in a child: %s, setsid as group leader: %s\n",
           WEXITSTATUS(st) == 0 ? "own session" : "failed",
           (setpgid(0, 0), setsid() < 0 && errno == EPERM) ? "EPERM" : "?");
}

/* A subreaper inherits its orphaned grandchildren. */
static void test_subreaper(void)
{
    pid_t r = fork();
    if (r == 0) {
        prctl(PR_SET_CHILD_SUBREAPER, 1);
        int on = 0;
        prctl(PR_GET_CHILD_SUBREAPER, &on);
        pid_t mid = fork();
        if (mid == 0) {
            if (fork() == 0) {
                sleep_ms(30);
                _exit(33);
            }
            _exit(0);
        }
        waitpid(mid, NULL, 0);
        int st;
        pid_t g = wait(&st);
        _exit(on && g > 0 && WEXITSTATUS(st) == 33 ? 0 : 1);
    }
    int st;
    waitpid(r, &st, 0);
    printf("subreaper collected its grandchild: %s\n", WEXITSTATUS(st) == 0 ? "yes" : "no");
}

static void test_prctl(void)
{
    char name[16] = { 0 };
    prctl(PR_SET_NAME, "guest-name-too-long-for-it");
    prctl(PR_GET_NAME, name);
    printf("PR_GET_NAME: '%s'\n", name);
    prctl(PR_SET_PDEATHSIG, SIGHUP);
    int sig = 0;
    prctl(PR_GET_PDEATHSIG, &sig);
    printf("PR_GET_PDEATHSIG: %s\n", sig == SIGHUP ? "SIGHUP" : "?");
    prctl(PR_SET_PDEATHSIG, 0);
    int before = prctl(PR_GET_DUMPABLE);
    prctl(PR_SET_DUMPABLE, 0);
    int off = prctl(PR_GET_DUMPABLE);
    prctl(PR_SET_DUMPABLE, 1);
    printf("PR_GET_DUMPABLE: %d, %d after clearing\n", before, off);
    int bad = prctl(-1, 0, 0, 0, 0);
    printf("bad option: %d %s\n", bad, errno == EINVAL ? "EINVAL" : "?");

    /* a parent-death signal arrives when the parent goes */
    pid_t mid = fork();
    if (mid == 0) {
        int pipefd[2];
        pipe(pipefd);
        pid_t kid = fork();
        if (kid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGUSR1);
            if (write(pipefd[1], "k", 1) != 1)
                _exit(1);
            for (;;)
                pause();
        }
        char c;
        if (read(pipefd[0], &c, 1) != 1)
            _exit(1);
        _exit(0);
    }
    waitpid(mid, NULL, 0);
    printf("pdeathsig child: the orphan was told (no hang)\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_statuses();
    test_stop_continue();
    test_sigchld();
    test_pipes_vfork();
    test_groups();
    test_subreaper();
    test_prctl();
    return 0;
}
