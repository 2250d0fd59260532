/* siginfo in guest layouts (32/64-bit, both byte orders, MIPS's code-first order), the
 * kernel's layout rules, wait statuses with renumbered signals, and safe_syscall's
 * interruption window. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "syscall/abi-tables.h"
#include "syscall/safe-syscall.h"
#include "syscall/siginfo.h"
#include "syscall/thread.h"

/* A 64-bit big-endian ABI with MIPS's renumbering of two signals and siginfo order. */
static const struct abi_map swapped_signals[] = { { SIGUSR1, 16 }, { SIGCHLD, 18 }, { 0, 0 } };
static const struct syscall_table be64 = {
    .name = "be64", .word_size = 8, .align64 = 8, .big_endian = true, .nsig = 128,
    .signals = swapped_signals, .siginfo_code_first = true,
};

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
static uint64_t be64v(const uint8_t *p) { return (uint64_t)be32(p) << 32 | be32(p + 4); }

static void layouts(void **state)
{
    assert_int_equal(siginfo_layout(SIGSEGV, SEGV_MAPERR), SIL_FAULT);
    assert_int_equal(siginfo_layout(SIGSEGV, SI_USER), SIL_KILL);
    assert_int_equal(siginfo_layout(SIGSEGV, SI_KERNEL), SIL_KILL);
    assert_int_equal(siginfo_layout(SIGUSR1, SI_QUEUE), SIL_RT);
    assert_int_equal(siginfo_layout(SIGUSR1, SI_TKILL), SIL_RT);
    assert_int_equal(siginfo_layout(SIGUSR1, SI_TIMER), SIL_TIMER);
    assert_int_equal(siginfo_layout(SIGIO, SI_SIGIO), SIL_POLL);
    assert_int_equal(siginfo_layout(SIGIO, POLL_IN), SIL_POLL);
    assert_int_equal(siginfo_layout(SIGCHLD, CLD_EXITED), SIL_CHLD);
    assert_int_equal(siginfo_layout(SIGSYS, 1), SIL_SYS);
    assert_int_equal(siginfo_layout(SIGTRAP, TRAP_BRKPT), SIL_FAULT);
}

static void arm_queue_and_chld(void **state)
{
    const struct syscall_table *arm = &syscall_table_arm;
    uint8_t b[GSIGINFO_SIZE];
    struct gsiginfo g = { .signo = 34, .code = SI_QUEUE, .pid = 1234, .uid = 1000,
                          .value = 0xdeadbeef };
    siginfo_to_guest(arm, &g, b);
    assert_int_equal(le32(b), 34);
    assert_int_equal(le32(b + 4), 0);
    assert_int_equal((int32_t)le32(b + 8), SI_QUEUE);
    assert_int_equal(le32(b + 12), 1234);
    assert_int_equal(le32(b + 16), 1000);
    assert_int_equal(le32(b + 20), 0xdeadbeef);
    struct gsiginfo back;
    siginfo_from_guest(arm, b, &back);
    assert_int_equal(back.pid, 1234);
    assert_int_equal(back.value, 0xdeadbeef);

    struct gsiginfo c = { .signo = SIGCHLD, .code = CLD_KILLED, .pid = 7, .uid = 8,
                          .status = SIGSEGV, .utime = 5, .stime = 6 };
    siginfo_to_guest(arm, &c, b);
    assert_int_equal(le32(b + 20), SIGSEGV);
    assert_int_equal(le32(b + 24), 5);
    assert_int_equal(le32(b + 28), 6);

    struct gsiginfo f = { .signo = SIGSEGV, .code = SEGV_ACCERR, .addr = 0xb6f01234 };
    siginfo_to_guest(arm, &f, b);
    assert_int_equal(le32(b + 12), 0xb6f01234);
    assert_int_equal(le32(b + 16), 0);          /* nothing else of the union */
}

static void be64_code_first(void **state)
{
    uint8_t b[GSIGINFO_SIZE];
    struct gsiginfo g = { .signo = 16, .code = SI_QUEUE, .err = 0, .pid = 42, .uid = 7,
                          .value = 0x1122334455667788ull };
    siginfo_to_guest(&be64, &g, b);
    assert_int_equal(be32(b), 16);
    assert_int_equal((int32_t)be32(b + 4), SI_QUEUE);   /* code before errno */
    assert_int_equal(be32(b + 16), 42);                 /* the union is 8-aligned */
    assert_int_equal(be32(b + 20), 7);
    assert_true(be64v(b + 24) == 0x1122334455667788ull);
    struct gsiginfo back;
    siginfo_from_guest(&be64, b, &back);
    assert_int_equal(back.code, SI_QUEUE);
    assert_true(back.value == 0x1122334455667788ull);

    /* SIGCHLD is 18 here: its clock_t fields are longs after the status */
    struct gsiginfo c = { .signo = 18, .code = CLD_EXITED, .pid = 1, .status = 3,
                          .utime = -2, .stime = 9 };
    siginfo_to_guest(&be64, &c, b);
    assert_int_equal(be32(b + 24), 3);
    assert_true(be64v(b + 32) == (uint64_t)-2);
    assert_true(be64v(b + 40) == 9);
}

/* A host SIGCHLD says "killed by host SIGUSR1": the guest reads its own number. */
static void host_to_guest_numbers(void **state)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = SIGCHLD;
    si.si_code = CLD_KILLED;
    si.si_pid = 99;
    si.si_status = SIGUSR1;
    struct gsiginfo g;
    siginfo_from_host(&be64, &si, &g);
    assert_int_equal(g.signo, 18);
    assert_int_equal(g.status, 16);
    assert_int_equal(g.pid, 99);
    siginfo_t again;
    siginfo_to_host(&be64, &g, &again);
    assert_int_equal(again.si_signo, SIGCHLD);
    assert_int_equal(again.si_status, SIGUSR1);

    si.si_code = CLD_EXITED;
    si.si_status = 10;                  /* an exit code, not a signal: unchanged */
    siginfo_from_host(&be64, &si, &g);
    assert_int_equal(g.status, 10);
}

static void wait_statuses(void **state)
{
    assert_int_equal(wait_status_to_guest(&be64, 3 << 8), 3 << 8);           /* exit 3 */
    assert_int_equal(wait_status_to_guest(&be64, SIGUSR1), 16);              /* killed */
    assert_int_equal(wait_status_to_guest(&be64, SIGUSR1 | 0x80), 16 | 0x80);
    assert_int_equal(wait_status_to_guest(&be64, SIGUSR1 << 8 | 0x7f), 16 << 8 | 0x7f);
    assert_int_equal(wait_status_to_guest(&be64, 0xffff), 0xffff);         /* continued */
    assert_int_equal(wait_status_to_guest(&syscall_table_arm, SIGSEGV), SIGSEGV);
}

/* ---- safe_syscall ---- */

static struct thread_state ts;

static void flag_set_means_eintr(void **state)
{
    thread_attach(&ts, NULL);
    atomic_store(&ts.sig_flag, 0);
    assert_int_equal(safe_syscall6(SYS_getpid, 0, 0, 0, 0, 0, 0), getpid());
    atomic_store(&ts.sig_flag, 1);
    assert_int_equal(safe_syscall6(SYS_getpid, 0, 0, 0, 0, 0, 0), -EINTR);
    atomic_store(&ts.sig_flag, 0);
    assert_int_equal(safe_syscall6(SYS_close, -1, 0, 0, 0, 0, 0), -EBADF);
}

extern const char crossrun_safe_syscall_start[], crossrun_safe_syscall_end[];
extern const char crossrun_safe_syscall_eintr[];

/* A handler that interrupts between the flag test and the syscall instruction moves
 * the thread to the -EINTR exit; anywhere else it leaves the context alone. */
static void window(void **state)
{
    ucontext_t uc;
    memset(&uc, 0, sizeof uc);
    uc.uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)crossrun_safe_syscall_start;
    assert_true(safe_syscall_interrupted(&uc));
    assert_true(uc.uc_mcontext.gregs[REG_RIP] == (greg_t)(uintptr_t)crossrun_safe_syscall_eintr);
    uc.uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)crossrun_safe_syscall_end - 2;
    assert_true(safe_syscall_interrupted(&uc));
    uc.uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)crossrun_safe_syscall_end;
    assert_false(safe_syscall_interrupted(&uc));  /* the kernel already ran the call */
    uc.uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)window;
    assert_false(safe_syscall_interrupted(&uc));
}

/* A real blocked read ends with -EINTR when a handler sets the flag. */
static void on_alarm(int sig, siginfo_t *si, void *uc)
{
    atomic_store(&ts.sig_flag, 1);
    safe_syscall_interrupted(uc);
}

static void blocked_call_interrupted(void **state)
{
    thread_attach(&ts, NULL);
    atomic_store(&ts.sig_flag, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_alarm;
    sa.sa_flags = SA_SIGINFO;                /* no SA_RESTART, as crossrun's handlers */
    sigaction(SIGALRM, &sa, NULL);
    int p[2];
    assert_int_equal(pipe(p), 0);
    alarm(1);
    char c;
    long r = safe_syscall6(SYS_read, p[0], (long)&c, 1, 0, 0, 0);
    assert_int_equal(r, -EINTR);
    /* the flag stays set until someone looks at the signals: no blocking meanwhile */
    assert_int_equal(safe_syscall6(SYS_read, p[0], (long)&c, 1, 0, 0, 0), -EINTR);
    close(p[0]);
    close(p[1]);
    signal(SIGALRM, SIG_DFL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layouts),
        cmocka_unit_test(arm_queue_and_chld),
        cmocka_unit_test(be64_code_first),
        cmocka_unit_test(host_to_guest_numbers),
        cmocka_unit_test(wait_statuses),
        cmocka_unit_test(flag_set_means_eintr),
        cmocka_unit_test(window),
        cmocka_unit_test(blocked_call_interrupted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
