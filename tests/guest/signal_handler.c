/* Signal delivery to guest handlers: sigaction with SA_SIGINFO (siginfo fields), a handler
 * that modifies a global and returns through sigreturn, blocked signals staying pending
 * until unblocked, a SIGSEGV handler that recovers with siglongjmp, SIGILL from a udf
 * caught the same way, and an alternate signal stack. Registers and VFP state of the
 * interrupted code must survive handlers. Not portable: the udf instruction (A32, T16 or
 * A64). */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t hits, last_sig, last_code;
static volatile uintptr_t fault_addr;
static sigjmp_buf recover;
static volatile int on_altstack;
static char altstack[65536];

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    hits++;
    last_sig = sig;
    last_code = si->si_code;
    char probe;
    on_altstack = (uintptr_t)&probe >= (uintptr_t)altstack &&
                  (uintptr_t)&probe < (uintptr_t)altstack + sizeof altstack;
}

static void fault_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    last_sig = sig;
    last_code = si->si_code;
    fault_addr = (uintptr_t)si->si_addr;
    siglongjmp(recover, 1);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);

    /* FP and integer state live across a signal. */
    volatile double x = 1.0;
    double acc = 0;
    for (int i = 0; i < 5; i++) {
        acc += x * 1.5;
        raise(SIGUSR1);
        acc *= 1.25;
    }
    printf("after 5 raises: hits=%d sig=%s code_is_tkill=%d acc=%.17g\n", (int)hits,
           last_sig == SIGUSR1 ? "SIGUSR1" : "?", last_code == SI_TKILL, acc);

    /* A blocked signal stays pending and arrives on unblock. */
    sigset_t set, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    hits = 0;
    kill(getpid(), SIGUSR2);
    sigpending(&pending);
    printf("blocked: hits=%d pending=%d\n", (int)hits, sigismember(&pending, SIGUSR2));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("unblocked: hits=%d sig=%s code_is_user=%d\n", (int)hits,
           last_sig == SIGUSR2 ? "SIGUSR2" : "?", last_code == SI_USER);

    /* Handler on an alternate stack. */
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("altstack: handler ran on it=%d\n", (int)on_altstack);

    /* SIGSEGV with a handler: si_addr is the faulting guest address. */
    struct sigaction fa;
    memset(&fa, 0, sizeof fa);
    fa.sa_sigaction = fault_handler;
    fa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &fa, NULL);
    sigaction(SIGILL, &fa, NULL);
    volatile int survived = 0;
    volatile uintptr_t bad = 0x10;
    if (sigsetjmp(recover, 1) == 0) {
        *(volatile int *)bad = 1;
        survived = -1;
    } else {
        survived = 1;
    }
    printf("segv: recovered=%d sig=%s addr=0x%lx code_is_maperr=%d\n", survived,
           last_sig == SIGSEGV ? "SIGSEGV" : "?", (unsigned long)fault_addr,
           last_code == SEGV_MAPERR);

    survived = 0;
    if (sigsetjmp(recover, 1) == 0) {
#if defined(__aarch64__)
        __asm__ volatile(".inst 0x00000000");
#elif defined(__mips__)
        __asm__ volatile(".word 0x0000000e");
#elif defined(__thumb__)
        __asm__ volatile(".inst.n 0xde00");
#else
        __asm__ volatile(".inst 0xe7f000f0");
#endif
        survived = -1;
    } else {
        survived = 1;
    }
    /* si_code is not printed: boards say ILL_ILLOPC, qemu-arm does not. */
    printf("sigill: recovered=%d sig=%s\n", survived, last_sig == SIGILL ? "SIGILL" : "?");
    return 0;
}
