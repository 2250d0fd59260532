/* guest-test: portable, native-oracle
 * Signal delivery in one thread: SA_SIGINFO fields (si_code, si_pid, si_uid, si_value,
 * si_addr), real-time queueing order and values, SA_NODEFER, SA_RESETHAND, sigaltstack
 * with SA_ONSTACK, sigpending, sigsuspend, sigtimedwait, masks in handlers, faults
 * caught and left with siglongjmp (SIGSEGV, SIGBUS), raised SIGFPE/SIGILL/SIGTRAP. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

static const char *code_name(int code)
{
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_QUEUE: return "SI_QUEUE";
    case SI_TKILL: return "SI_TKILL";
    case SEGV_MAPERR: return "SEGV_MAPERR/BUS_ADRALN/...(1)";
    case SEGV_ACCERR: return "SEGV_ACCERR/BUS_ADRERR/...(2)";
    default: return "other";
    }
}

static volatile sig_atomic_t got_sig, got_code, pid_ok, uid_ok, got_value;

static void info_handler(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    pid_ok = si->si_pid == getpid();
    uid_ok = si->si_uid == getuid();
    got_value = si->si_value.sival_int;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* si_value means something only for sigqueue (SI_QUEUE). */
static void report(const char *what)
{
    printf("%s: sig %s code %s pid %s uid %s", what,
           got_sig == SIGUSR1 ? "SIGUSR1" : got_sig == SIGRTMIN + 3 ? "SIGRTMIN+3" : "?",
           code_name(got_code), pid_ok ? "ok" : "bad", uid_ok ? "ok" : "bad");
    if (got_code == SI_QUEUE)
        printf(" value %d", (int)got_value);
    printf("\n");
    got_sig = got_code = pid_ok = uid_ok = got_value = 0;
}

static void test_siginfo(void)
{
    install(SIGUSR1, info_handler, 0);
    kill(getpid(), SIGUSR1);
    report("kill");
    raise(SIGUSR1);
    report("raise");
    sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 4242 });
    report("sigqueue");
    install(SIGRTMIN + 3, info_handler, 0);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGRTMIN + 3);
    report("tgkill");
}

/* Real-time signals: every queued instance arrives, lowest number first, each
 * signal's instances in the order sent, with their values. */
static int order[32], norder;

static void rt_handler(int sig, siginfo_t *si, void *uc)
{
    if (norder < 32)
        order[norder++] = (sig - SIGRTMIN) * 100 + si->si_value.sival_int;
}

static void test_rt_queue(void)
{
    sigset_t block, old;
    sigemptyset(&block);
    for (int i = 1; i <= 3; i++) {
        install(SIGRTMIN + i, rt_handler, 0);
        sigaddset(&block, SIGRTMIN + i);
    }
    sigprocmask(SIG_BLOCK, &block, &old);
    int plan[] = { 3, 1, 2, 3, 1, 1 };
    for (int i = 0; i < 6; i++)
        sigqueue(getpid(), SIGRTMIN + plan[i], (union sigval){ .sival_int = i });
    sigset_t pend;
    sigpending(&pend);
    printf("rt pending: %d%d%d\n", sigismember(&pend, SIGRTMIN + 1),
           sigismember(&pend, SIGRTMIN + 2), sigismember(&pend, SIGRTMIN + 3));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("rt delivered %d:", norder);
    for (int i = 0; i < norder; i++)
        printf(" %d", order[i]);
    printf("\n");
}

/* SA_NODEFER lets the handler be interrupted by its own signal; without it the second
 * one waits until the handler returns. */
static volatile int depth, max_depth, entries;

static void nest_handler(int sig)
{
    entries++;
    if (++depth > max_depth)
        max_depth = depth;
    if (entries == 1)
        raise(sig);
    depth--;
}

static void count_once(int sig) { entries++; }

static void test_nodefer(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = nest_handler;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("deferred: entries %d max depth %d\n", entries, max_depth);
    entries = depth = max_depth = 0;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("SA_NODEFER: entries %d max depth %d\n", entries, max_depth);

    sa.sa_flags = SA_RESETHAND;
    sa.sa_handler = count_once;
    entries = 0;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    printf("SA_RESETHAND: entries %d, handler now %s\n", entries,
           now.sa_handler == SIG_DFL ? "SIG_DFL" : "still set");
}

/* The handler's own mask: the signal itself plus sa_mask; the old mask comes back. */
static volatile int mask_had_self, mask_had_extra;

static void mask_handler(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    mask_had_self = sigismember(&cur, sig);
    mask_had_extra = sigismember(&cur, SIGWINCH);
}

static void test_handler_mask(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = mask_handler;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGWINCH);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    printf("handler mask: self %d sa_mask %d; after: %d %d\n", mask_had_self, mask_had_extra,
           sigismember(&after, SIGUSR1), sigismember(&after, SIGWINCH));
}

/* sigaltstack with SA_ONSTACK, and what the frame's uc_stack says. */
static char *alt_base;
static volatile int on_alt, uc_flags_onstack, ss_query;

static void alt_handler(int sig, siginfo_t *si, void *ucv)
{
    char here;
    ucontext_t *uc = ucv;
    on_alt = &here > alt_base && &here < alt_base + 65536;
    uc_flags_onstack = uc->uc_stack.ss_sp == alt_base && uc->uc_stack.ss_size == 65536;
    stack_t cur;
    sigaltstack(NULL, &cur);
    ss_query = cur.ss_flags;
}

static void test_altstack(void)
{
    stack_t ss = { .ss_size = 65536 }, old;
    alt_base = malloc(65536);
    ss.ss_sp = alt_base;
    sigaltstack(NULL, &old);
    printf("altstack initially: %s\n", old.ss_flags == SS_DISABLE ? "SS_DISABLE" : "set");
    printf("too small: %s\n", (ss.ss_size = 512, sigaltstack(&ss, NULL) < 0 && errno == ENOMEM)
                                  ? "ENOMEM" : "accepted");
    ss.ss_size = 65536;
    printf("sigaltstack: %d\n", sigaltstack(&ss, NULL));
    install(SIGUSR1, alt_handler, SA_ONSTACK);
    raise(SIGUSR1);
    printf("SA_ONSTACK handler on the alternate stack: %d, frame's stack_t right: %d, "
           "flags inside: %s\n", on_alt, uc_flags_onstack,
           ss_query == SS_ONSTACK ? "SS_ONSTACK" : "other");
    install(SIGUSR1, alt_handler, 0);
    raise(SIGUSR1);
    printf("without SA_ONSTACK: %d\n", on_alt);
    stack_t q;
    sigaltstack(NULL, &q);
    printf("after: flags %d size ok %d\n", q.ss_flags, q.ss_size == 65536);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    sigaltstack(NULL, &q);
    printf("disabled: %s\n", q.ss_flags == SS_DISABLE ? "SS_DISABLE" : "set");
}

/* sigpending, sigsuspend, sigtimedwait */
static volatile int usr1_count;
static void count_handler(int sig) { usr1_count++; }

static void test_waits(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = count_handler;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t block, old, pend;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR1);
    raise(SIGUSR1);                           /* standard signals do not queue */
    sigpending(&pend);
    printf("blocked SIGUSR1 pending %d, delivered %d\n", sigismember(&pend, SIGUSR1),
           usr1_count);
    sigset_t empty;
    sigemptyset(&empty);
    int r = sigsuspend(&empty);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("sigsuspend: %d %s, delivered %d, mask restored %d\n", r,
           errno == EINTR ? "EINTR" : "?", usr1_count, sigismember(&now, SIGUSR1));

    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, NULL);
    sigqueue(getpid(), SIGUSR2, (union sigval){ .sival_int = 99 });
    siginfo_t si;
    struct timespec t = { 0, 50 * 1000 * 1000 };
    int s = sigtimedwait(&block, &si, &t);
    printf("sigtimedwait: %s code %s value %d\n", s == SIGUSR2 ? "SIGUSR2" : "?",
           code_name(si.si_code), si.si_value.sival_int);
    s = sigtimedwait(&block, &si, &t);
    printf("sigtimedwait again: %d %s\n", s, errno == EAGAIN ? "EAGAIN" : "?");
    raise(SIGUSR1);
    s = sigwaitinfo(&block, &si);
    printf("sigwaitinfo: %s code %s, handler not run: %d\n", s == SIGUSR1 ? "SIGUSR1" : "?",
           code_name(si.si_code), usr1_count == 1);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Faults: the handler sees the faulting address and leaves with siglongjmp. */
static sigjmp_buf env;
static volatile uintptr_t fault_addr;
static volatile int fault_sig, fault_code;

static void fault_handler(int sig, siginfo_t *si, void *uc)
{
    fault_sig = sig;
    fault_code = si->si_code;
    fault_addr = (uintptr_t)si->si_addr;
    siglongjmp(env, 1);
}

static void test_faults(void)
{
    install(SIGSEGV, fault_handler, SA_NODEFER);
    install(SIGBUS, fault_handler, SA_NODEFER);
    volatile int *bad = (int *)(uintptr_t)0x10;
    if (!sigsetjmp(env, 1))
        *bad = 1;
    printf("SIGSEGV unmapped: sig %d code %s addr %s\n", fault_sig == SIGSEGV,
           code_name(fault_code), fault_addr == 0x10 ? "0x10" : "wrong");

    long pg = sysconf(_SC_PAGESIZE);
    char *ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!sigsetjmp(env, 1))
        *(volatile char *)(ro + 8) = 1;
    printf("SIGSEGV read-only: code %s addr %s\n", code_name(fault_code),
           fault_addr == (uintptr_t)ro + 8 ? "right" : "wrong");

    /* A file mapping past the end of the file: SIGBUS. */
    char path[] = "/tmp/sig_info_XXXXXX";
    const char *tmp = getenv("TMPDIR");
    char pbuf[512];
    snprintf(pbuf, sizeof pbuf, "%s/sigbusXXXXXX", tmp ? tmp : "/tmp");
    int fd = mkstemp(tmp ? pbuf : path);
    if (fd >= 0 && write(fd, "x", 1) == 1) {
        char *m = mmap(NULL, 2 * pg, PROT_READ, MAP_SHARED, fd, 0);
        volatile char c = 0;
        if (!sigsetjmp(env, 1))
            c = m[pg + 4];
        printf("SIGBUS past EOF: sig %d code %s addr %s (%d)\n", fault_sig == SIGBUS,
               code_name(fault_code), fault_addr == (uintptr_t)m + pg + 4 ? "right" : "wrong", c);
        unlink(tmp ? pbuf : path);
        close(fd);
    }

    sigset_t m;
    sigprocmask(SIG_BLOCK, NULL, &m);
    printf("mask after siglongjmp: SIGSEGV %d\n", sigismember(&m, SIGSEGV));
}

static volatile int raised_sig, raised_code;
static void raise_handler(int sig, siginfo_t *si, void *uc)
{
    raised_sig = sig;
    raised_code = si->si_code;
}

static void test_raised(void)
{
    int sigs[] = { SIGFPE, SIGILL, SIGTRAP, SIGABRT };
    for (int i = 0; i < 4; i++) {
        install(sigs[i], raise_handler, 0);
        raised_sig = 0;
        raise(sigs[i]);
        printf("raise(%d) caught %d code %s\n", i, raised_sig == sigs[i], code_name(raised_code));
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_siginfo();
    test_rt_queue();
    test_nodefer();
    test_handler_mask();
    test_altstack();
    test_waits();
    test_faults();
    test_raised();
    return 0;
}
