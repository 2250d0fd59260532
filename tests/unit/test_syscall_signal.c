/* Guest signal dispositions and delivery without the JIT: a child process plays the
 * guest and the parent checks how it ended (the wait status a shell would see). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscall/abi-tables.h"
#include "syscall/hostsig.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"
#include "target/target.h"

static const struct target_ops fake_target = {
    .name = "fake",
    .syscalls = &syscall_table_arm,       /* generic signal numbers */
};

static struct cpu_common cpu;
static struct thread_state ts;

/* What the Linux layer's start-up does, minus the program. */
static void guest_setup(void)
{
    linux_proc.ops = &fake_target;
    linux_proc.abi = fake_target.syscalls;
    thread_attach(&ts, &cpu);
    /* signal_init keeps inherited ignored signals (as exec does): start from defaults,
     * whatever the test runner left ignored (nohup ignores SIGHUP) */
    for (int h = 1; h < 32; h++)
        if (h != SIGKILL && h != SIGSTOP)
            signal(h, SIG_DFL);
    if (signal_init() < 0)
        _exit(100);
}

/* Runs fn in a child; returns its wait status. */
static int in_child(void (*fn)(void))
{
    pid_t pid = fork();
    if (pid == 0) {
        guest_setup();
        fn();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

static void killed_by(int status, int sig)
{
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), sig);
    assert_false(WCOREDUMP(status));
}

static void exits_normally(int status)
{
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void die_term(void) { signal_die(SIGTERM); }
static void die_segv(void) { signal_die(SIGSEGV); }

static void die_blocked_and_handled(void)
{
    /* crossrun's own handler and a blocked host mask must not save it */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigprocmask(SIG_BLOCK, &s, NULL);
    signal_die(SIGUSR1);
}

static void dying(void **state)
{
    killed_by(in_child(die_term), SIGTERM);
    /* core-dumping signals: the right signal, but no emulator core */
    killed_by(in_child(die_segv), SIGSEGV);
    killed_by(in_child(die_blocked_and_handled), SIGUSR1);
}

static void pend(int sig)
{
    thread_set_pending(&ts, sig);
}

static void default_terminates(void) { pend(SIGUSR2); signal_deliver(&cpu); }

static void default_ignores(void)
{
    pend(SIGCHLD);
    pend(SIGWINCH);
    signal_deliver(&cpu);
}

static void ignored_dropped(void)
{
    struct guest_sigaction ign = { .handler = GSIG_IGN };
    signal_action(SIGUSR2, &ign, NULL);
    pend(SIGUSR2);
    signal_deliver(&cpu);
    gsigset p = thread_pending(&ts);
    if (gsigset_has(&p, SIGUSR2))
        _exit(3);
}

static void blocked_waits(void)
{
    gsigset_add(&ts.blocked, SIGTERM);
    pend(SIGTERM);
    signal_deliver(&cpu);
    gsigset p = thread_pending(&ts);
    if (!gsigset_has(&p, SIGTERM))
        _exit(4);
    gsigset_del(&ts.blocked, SIGTERM);
    signal_deliver(&cpu);                /* now it kills */
    _exit(5);
}

static void sync_fault_forced(void)
{
    /* a fault the guest blocks still kills with the fault's signal */
    gsigset_add(&ts.blocked, SIGSEGV);
    signal_raise_sync(&ts, SIGSEGV, 1, 0x1234);
    signal_deliver(&cpu);
    _exit(6);
}

static void handler_without_frames(void)
{
    /* the fake target has no setup_frame: a clear fatal error, not a silent skip */
    struct guest_sigaction h = { .handler = 0x10000 };
    signal_action(SIGUSR1, &h, NULL);
    pend(SIGUSR1);
    signal_deliver(&cpu);
    _exit(7);
}

static void delivery(void **state)
{
    killed_by(in_child(default_terminates), SIGUSR2);
    exits_normally(in_child(default_ignores));
    exits_normally(in_child(ignored_dropped));
    killed_by(in_child(blocked_waits), SIGTERM);
    killed_by(in_child(sync_fault_forced), SIGSEGV);
    killed_by(in_child(handler_without_frames), SIGUSR1);
}

static void kill_self_async(void)
{
    /* a real host signal to ourselves arrives through crossrun's handler */
    kill(getpid(), SIGHUP);
    gsigset p = thread_pending(&ts);
    if (!gsigset_has(&p, SIGHUP))
        _exit(8);
    signal_deliver(&cpu);
    _exit(9);
}

static void eintr_restart(void)
{
    /* ignored by default: the interrupted call goes on, and the signal is gone */
    pend(SIGCHLD);
    if (!signal_restart_after_eintr(&ts))
        _exit(10);
    gsigset p = thread_pending(&ts);
    if (gsigset_has(&p, SIGCHLD))
        _exit(11);
    /* a guest handler must run first: the call fails with EINTR (or restarts) */
    struct guest_sigaction h = { .handler = 0x10000 };
    signal_action(SIGUSR1, &h, NULL);
    pend(SIGUSR1);
    if (signal_restart_after_eintr(&ts))
        _exit(12);
    if (signal_handler_restarts(&ts))
        _exit(13);
    h.flags = SA_RESTART;
    signal_action(SIGUSR1, &h, NULL);
    if (!signal_handler_restarts(&ts))
        _exit(14);
    /* a terminating default kills right there */
    h.handler = GSIG_DFL;
    signal_action(SIGUSR1, &h, NULL);
    signal_restart_after_eintr(&ts);
    _exit(15);
}

static void host_signals(void **state)
{
    killed_by(in_child(kill_self_async), SIGHUP);
    killed_by(in_child(eintr_restart), SIGUSR1);
}

static void actions(void **state)
{
    /* in this process: no signal_init, which would take over cmocka's handlers */
    linux_proc.ops = &fake_target;
    linux_proc.abi = fake_target.syscalls;
    struct guest_sigaction a = { .handler = 0x8000, .flags = SA_SIGINFO, .restorer = 0x9000 };
    gsigset_add(&a.mask, SIGINT);
    struct guest_sigaction old;
    assert_int_equal(signal_action(SIGUSR1, &a, &old), 0);
    assert_int_equal(old.handler, GSIG_DFL);
    assert_int_equal(signal_action(SIGUSR1, NULL, &old), 0);
    assert_int_equal(old.handler, 0x8000);
    assert_int_equal(old.restorer, 0x9000);
    assert_true(gsigset_has(&old.mask, SIGINT));
    /* SIGKILL and SIGSTOP cannot be changed, only read */
    assert_int_equal(signal_action(SIGKILL, &a, NULL), -EINVAL);
    assert_int_equal(signal_action(SIGSTOP, NULL, &old), 0);
    assert_int_equal(signal_action(0, NULL, &old), -EINVAL);
    assert_int_equal(signal_action(65, NULL, &old), -EINVAL);
    struct guest_sigaction dfl = { .handler = GSIG_DFL };
    signal_action(SIGUSR1, &dfl, NULL);
}

/* ---- host masks mirror guest masks (children report failures as exit codes) ---- */

static uint64_t host_mask_now(void)
{
    uint64_t m = 0;
    hostsig_mask(SIG_BLOCK, 0, &m);
    return m;
}

static void mask_mirrored(void)
{
    gsigset m = { { 0 } };
    gsigset_add(&m, SIGUSR1);
    gsigset_add(&m, 33);                      /* glibc's own, given to the guest */
    gsigset_add(&m, SIGSEGV);                 /* never blocked on the host */
    signal_set_mask(&ts, &m);
    uint64_t h = host_mask_now();
    if (!(h & hostsig_bit(SIGUSR1)) || !(h & hostsig_bit(33)) || (h & hostsig_bit(SIGSEGV)))
        _exit(20);
    /* a blocked signal stays pending on the host, not with us */
    kill(getpid(), SIGUSR1);
    gsigset p = thread_pending(&ts);
    if (gsigset_has(&p, SIGUSR1) || !(hostsig_pending() & hostsig_bit(SIGUSR1)))
        _exit(21);
    if (!gsigset_has((gsigset[]){ signal_pending_set(&ts) }, SIGUSR1))
        _exit(22);
    _exit(0);
}

/* A signal the handler records stays blocked on the host until the guest takes it, so
 * further real-time instances wait in the host's queue with their values. */
static void held_and_queued(void)
{
    int rt = SIGRTMIN + 2;
    gsigset m = { { 0 } };
    gsigset_add(&m, rt);
    signal_set_mask(&ts, &m);
    for (int v = 1; v <= 3; v++)
        sigqueue(getpid(), rt, (union sigval){ .sival_int = v * 10 });
    gsigset none = { { 0 } };
    signal_set_mask(&ts, &none);              /* the first instance arrives and is held */
    gsigset p = thread_pending(&ts);
    if (!gsigset_has(&p, rt) || !(host_mask_now() & hostsig_bit(rt)))
        _exit(30);
    gsigset want = { { 0 } };
    gsigset_add(&want, rt);
    for (int v = 1; v <= 3; v++) {
        struct gsiginfo info;
        if (signal_take(&ts, &want, &info) != rt || info.value != (uint64_t)(v * 10) ||
            info.code != SI_QUEUE)
            _exit(30 + v);
    }
    struct gsiginfo info;
    if (signal_take(&ts, &want, &info) != 0 || (host_mask_now() & hostsig_bit(rt)))
        _exit(34);
    _exit(0);
}

/* sigsuspend-style temporary masks come back after the call. */
static void temp_mask_restored(void)
{
    gsigset real = { { 0 } }, temp = { { 0 } };
    gsigset_add(&real, SIGUSR2);
    signal_set_mask(&ts, &real);
    gsigset_add(&temp, SIGHUP);
    signal_set_temp_mask(&ts, &temp);
    if (!gsigset_has(&ts.blocked, SIGHUP) || !ts.mask_saved)
        _exit(40);
    signal_deliver(&cpu);                     /* nothing to deliver: mask restored */
    if (ts.mask_saved || gsigset_has(&ts.blocked, SIGHUP) || !gsigset_has(&ts.blocked, SIGUSR2))
        _exit(41);
    if (!(host_mask_now() & hostsig_bit(SIGUSR2)) || (host_mask_now() & hostsig_bit(SIGHUP)))
        _exit(42);
    _exit(0);
}

static void masks(void **state)
{
    exits_normally(in_child(mask_mirrored));
    exits_normally(in_child(held_and_queued));
    exits_normally(in_child(temp_mask_restored));
}

/* ---- the alternate signal stack, as the kernel's do_sigaltstack and sigsp ---- */

static void altstack(void **state)
{
    linux_proc.ops = &fake_target;
    linux_proc.abi = fake_target.syscalls;
    struct thread_state t;
    memset(&t, 0, sizeof t);
    t.altstack_flags = GSS_DISABLE;
    uint64_t ov[3], saved[3];
    assert_int_equal(signal_altstack(&t, NULL, ov, 0x5000, 2048), 0);
    assert_int_equal(ov[1], GSS_DISABLE);
    uint64_t small[3] = { 0x10000, 0, 1024 };
    assert_int_equal(signal_altstack(&t, small, NULL, 0x5000, 2048), -ENOMEM);
    uint64_t bad[3] = { 0x10000, 7, 8192 };
    assert_int_equal(signal_altstack(&t, bad, NULL, 0x5000, 2048), -EINVAL);
    uint64_t ok[3] = { 0x10000, 0, 8192 };
    assert_int_equal(signal_altstack(&t, ok, NULL, 0x5000, 2048), 0);
    /* a handler asking for it gets the top of the alternate stack */
    assert_int_equal(signal_frame_stack(&t, 0x5000, true, saved), 0x12000);
    assert_int_equal(saved[0], 0x10000);
    assert_int_equal(saved[2], 8192);
    assert_int_equal(signal_frame_stack(&t, 0x5000, false, saved), 0x5000);
    /* already on it: nested frames stay where they are, and it cannot be changed */
    assert_int_equal(signal_frame_stack(&t, 0x11000, true, saved), 0x11000);
    assert_int_equal(signal_altstack(&t, NULL, ov, 0x11000, 2048), 0);
    assert_int_equal(ov[1], GSS_ONSTACK);
    assert_int_equal(signal_altstack(&t, ok, NULL, 0x11000, 2048), -EPERM);
    /* SS_AUTODISARM: the frame takes the stack and the thread has none until sigreturn */
    uint64_t auto_ok[3] = { 0x10000, GSS_AUTODISARM, 8192 };
    assert_int_equal(signal_altstack(&t, auto_ok, NULL, 0x5000, 2048), 0);
    assert_int_equal(signal_frame_stack(&t, 0x5000, true, saved), 0x12000);
    assert_int_equal(t.altstack_size, 0);
    assert_int_equal(saved[1], GSS_AUTODISARM);
    signal_restore_altstack(&t, saved, 0x5000);
    assert_int_equal(t.altstack_size, 8192);
    assert_int_equal((uint32_t)t.altstack_flags, GSS_AUTODISARM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dying),
        cmocka_unit_test(delivery),
        cmocka_unit_test(host_signals),
        cmocka_unit_test(actions),
        cmocka_unit_test(masks),
        cmocka_unit_test(altstack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
