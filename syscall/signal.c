/* Guest dispositions, the host signal handler, and host masks that mirror guest masks.
 *
 * Signal numbers. Guest signal n is host signal n, real-time ones included (ABIs whose
 * standard signals are numbered differently map them through their syscall_table). glibc
 * keeps host signals 32 and 33 for itself (thread cancellation and set*id broadcasts)
 * and hides them from its wrappers; the guest's own C library uses its 32 and 33 for
 * exactly those purposes and must be able to send them between its threads. crossrun
 * never uses pthread_cancel, the set*id wrappers (the syscall layer calls the raw
 * per-thread syscalls, as the guest's library expects) or SIGEV_THREAD timers, so it
 * takes those two over through direct system calls (hostsig.c). The result is that
 * every guest signal 1..64 exists on the host with its own number: kill(1) from a
 * native shell, a guest sending to a native process, and rt_sigqueueinfo values all
 * cross the emulator unchanged. Guest signals above 64 (MIPS has 128) have no host
 * signal: actions for them are accepted, sending them fails with EINVAL.
 *
 * Holding and masks. The handler records a signal in the thread's slot for it and
 * blocks it on the host for that thread (by editing the interrupted context's mask), so
 * the host keeps any further instance queued, with its siginfo, until the guest has
 * taken this one: a slot never needs more than one entry, and no real-time instance or
 * value is lost. A thread's host mask is therefore always "guest mask + held signals"
 * (signal_host_mask), minus the host fault signals, which crossrun itself needs. */
#include "syscall/signal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/guest-mem.h"
#include "syscall/hostsig.h"
#include "syscall/safe-syscall.h"
#include "syscall/syscall.h"
#include "target/target.h"
#include "tcg/exec.h"

static struct guest_sigaction actions[GSIG_MAX + 1];
static pthread_mutex_t actions_lock = PTHREAD_MUTEX_INITIALIZER;

/* Host signals crossrun never blocks: its own faults arrive through them. */
static const uint64_t never_blocked = 1ull << (SIGKILL - 1) | 1ull << (SIGSTOP - 1) |
                                      1ull << (SIGSEGV - 1) | 1ull << (SIGBUS - 1) |
                                      1ull << (SIGILL - 1) | 1ull << (SIGFPE - 1);

static bool is_fault_signal(int host_sig)
{
    return host_sig == SIGSEGV || host_sig == SIGBUS || host_sig == SIGILL ||
           host_sig == SIGFPE;
}

/* Async-signal-safe report of a crash inside crossrun itself. */
static _Noreturn void internal_error(int sig, void *ucv)
{
    ucontext_t *uc = ucv;
    char msg[128];
    unsigned long long pc = uc ? (unsigned long long)uc->uc_mcontext.gregs[REG_RIP] : 0;
    int n = snprintf(msg, sizeof msg, "crossrun: internal error: host signal %d at host pc %#llx\n",
                     sig, pc);
    if (n > 0 && write(2, msg, (size_t)n) < 0)
        n = 0;
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    sigaction(SIGABRT, &dfl, NULL);
    abort();
}

/* A signal that reached a thread without guest state (a sanitizer's helper thread):
 * that thread blocks it from now on and the process gets it again. */
static void bounce(int h, siginfo_t *si, ucontext_t *uc)
{
    hostsig_set_word(&uc->uc_sigmask, hostsig_word(&uc->uc_sigmask) | hostsig_bit(h));
    syscall(SYS_rt_sigqueueinfo, getpid(), h, si);
}

static void host_handler(int h, siginfo_t *si, void *ucv)
{
    /* si_code > 0: the kernel raised it for an instruction, not someone's kill(). */
    if (is_fault_signal(h) && si->si_code > 0) {
        if (tcg_handle_fault(h, si, ucv))
            return;
        internal_error(h, ucv);
    }
    int saved_errno = errno;
    ucontext_t *uc = ucv;
    struct thread_state *ts = thread_self();
    int g = linux_proc.abi ? abi_sig_from_host(linux_proc.abi, h) : 0;
    if (!ts) {
        bounce(h, si, uc);
    } else if (g) {
        gsigset p = thread_pending(ts);
        bool held = gsigset_has(&p, g);
        if (held && h >= 32 && !(hostsig_bit(h) & never_blocked)) {
            /* Slipped past a mask update: queue it again; the edit below blocks it. */
            syscall(SYS_rt_tgsigqueueinfo, getpid(), ts->tid, h, si);
        } else if (!held || is_fault_signal(h)) {
            siginfo_from_host(linux_proc.abi, si, &ts->info[g]);
            thread_set_pending(ts, g);
        }
        if (!(hostsig_bit(h) & never_blocked))
            hostsig_set_word(&uc->uc_sigmask, hostsig_word(&uc->uc_sigmask) | hostsig_bit(h));
        atomic_store(&ts->sig_flag, 1);
        safe_syscall_interrupted(uc);
        cpu_exit_request(ts->cpu);
    }
    errno = saved_errno;
}

/* Every async signal is blocked while the handler runs, so handlers never nest. */
static void handler_mask(sigset_t *m)
{
    memset(m, 0, sizeof *m);
    hostsig_set_word(m, ~never_blocked);
}

/* Ignored stays ignored on the host too: no wakeups for nothing, and a program the
 * guest execs inherits it, as the kernel would do. Fault signals always stay ours. */
static int install_host(int host_sig, const struct guest_sigaction *ga)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    if (ga && ga->handler == GSIG_IGN && !is_fault_signal(host_sig) && host_sig != SIGTRAP) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_sigaction = host_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        handler_mask(&sa.sa_mask);
    }
    /* SIGCHLD's flags change what the kernel does for children: mirror them. */
    if (host_sig == SIGCHLD && ga) {
        uint32_t hf = abi_sa_flags_to_host(linux_proc.abi, (uint32_t)ga->flags);
        sa.sa_flags |= (int)(hf & (SA_NOCLDSTOP | SA_NOCLDWAIT));
    }
    return hostsig_action(host_sig, &sa, NULL);
}

/* So a stack overflow inside crossrun reports itself instead of dying silently. */
static int host_altstack(struct thread_state *ts)
{
    stack_t ss = { .ss_size = 64 * 1024 };
    ss.ss_sp = malloc(ss.ss_size);
    if (!ss.ss_sp)
        return -ENOMEM;
    if (sigaltstack(&ss, NULL) < 0) {
        free(ss.ss_sp);
        return -errno;
    }
    if (ts)
        ts->host_altstack = ss.ss_sp;
    return 0;
}

int signal_init(void)
{
    struct thread_state *ts = thread_self();
    int r = host_altstack(ts);
    if (r < 0)
        return r;
    uint64_t inherited = 0;
    hostsig_mask(SIG_BLOCK, 0, &inherited);
    for (int h = 1; h <= 64; h++) {
        if (h == SIGKILL || h == SIGSTOP)
            continue;
        int g = abi_sig_from_host(linux_proc.abi, h);
        /* Ignored and blocked signals survive exec: the guest starts with them. */
        struct sigaction old;
        if (hostsig_action(h, NULL, &old) == 0 && old.sa_handler == SIG_IGN && g &&
            !is_fault_signal(h))
            actions[g].handler = GSIG_IGN;
        if (g && ts && (inherited & hostsig_bit(h)))
            gsigset_add(&ts->blocked, g);
        r = install_host(h, g ? &actions[g] : NULL);
        if (r < 0)
            return r;
    }
    if (ts)
        signal_sync_host_mask(ts);
    else
        hostsig_mask(SIG_SETMASK, 0, NULL);
    return 0;
}

int signal_thread_init(struct thread_state *ts)
{
    int r = host_altstack(ts);
    if (r < 0)
        return r;
    signal_sync_host_mask(ts);
    return 0;
}

void signal_thread_exit(struct thread_state *ts)
{
    hostsig_mask(SIG_SETMASK, ~never_blocked, NULL);
    stack_t off = { .ss_flags = SS_DISABLE };
    sigaltstack(&off, NULL);
    free(ts->host_altstack);
    ts->host_altstack = NULL;
}

void signal_reclaim_internal(struct thread_state *ts)
{
    pthread_mutex_lock(&actions_lock);
    for (int h = 32; h < SIGRTMIN; h++) {
        int g = abi_sig_from_host(linux_proc.abi, h);
        install_host(h, g ? &actions[g] : NULL);
    }
    pthread_mutex_unlock(&actions_lock);
    signal_sync_host_mask(ts);
}

int signal_action(int sig, const struct guest_sigaction *act, struct guest_sigaction *old)
{
    if (!gsig_valid(sig) || sig > (int)linux_proc.abi->nsig)
        return -EINVAL;
    int h = abi_sig_to_host(linux_proc.abi, sig);
    if (act && (h == SIGKILL || h == SIGSTOP))
        return -EINVAL;
    int r = 0;
    pthread_mutex_lock(&actions_lock);
    if (old)
        *old = actions[sig];
    if (act) {
        actions[sig] = *act;
        if (h)
            r = install_host(h, act);
    }
    pthread_mutex_unlock(&actions_lock);
    return r;
}

struct guest_sigaction signal_get_action(int sig)
{
    struct guest_sigaction ga = { 0 };
    if (!gsig_valid(sig))
        return ga;
    pthread_mutex_lock(&actions_lock);
    ga = actions[sig];
    pthread_mutex_unlock(&actions_lock);
    return ga;
}

/* SA_RESETHAND: back to the default as the handler starts. */
void signal_reset_action(int sig)
{
    pthread_mutex_lock(&actions_lock);
    memset(&actions[sig], 0, sizeof actions[sig]);
    int h = abi_sig_to_host(linux_proc.abi, sig);
    if (h)
        install_host(h, &actions[sig]);
    pthread_mutex_unlock(&actions_lock);
}

/* ---- sets and masks ---- */

unsigned sigset_words(const struct syscall_table *abi)
{
    return abi->nsig / 8 / abi->word_size;
}

void gsigset_from_words(const struct syscall_table *abi, const uint64_t *words, gsigset *s)
{
    unsigned bits = abi->word_size * 8;
    gsigset_clear(s);
    for (unsigned i = 0; i < sigset_words(abi) && i * bits < GSIG_MAX; i++)
        s->w[i * bits / 64] |= words[i] << (i * bits % 64);
}

void gsigset_to_words(const struct syscall_table *abi, const gsigset *s, uint64_t *words)
{
    unsigned bits = abi->word_size * 8;
    for (unsigned i = 0; i < sigset_words(abi); i++) {
        uint64_t v = i * bits < GSIG_MAX ? s->w[i * bits / 64] >> (i * bits % 64) : 0;
        words[i] = bits == 64 ? v : v & 0xffffffffull;
    }
}

int signal_read_guest_set(const struct syscall_table *abi, uint64_t addr, uint64_t size,
                          gsigset *s)
{
    if (size != abi->nsig / 8)
        return -EINVAL;
    const uint8_t *p = guest_rd(addr, size);
    if (!p)
        return -EFAULT;
    uint64_t words[GSIG_MAX / 32];
    for (unsigned i = 0; i < sigset_words(abi); i++)
        words[i] = abi_ldword(abi, p + i * abi->word_size);
    gsigset_from_words(abi, words, s);
    gsigset_del(s, abi_sig_from_host(abi, SIGKILL));
    gsigset_del(s, abi_sig_from_host(abi, SIGSTOP));
    return 0;
}

uint64_t signal_host_bits(const gsigset *s)
{
    uint64_t m = 0;
    for (int w = 0; w < 2; w++) {
        for (uint64_t bits = s->w[w]; bits; bits &= bits - 1) {
            int g = w * 64 + __builtin_ctzll(bits) + 1;
            m |= hostsig_bit(abi_sig_to_host(linux_proc.abi, g));
        }
    }
    return m;
}

uint64_t signal_host_mask(struct thread_state *ts, const gsigset *m)
{
    gsigset held = thread_pending(ts);
    return (signal_host_bits(m) | signal_host_bits(&held)) & ~never_blocked;
}

/* A signal recorded between computing and setting the mask was unblocked again by the
 * set: compute and set until nothing new is held. */
void signal_sync_host_mask(struct thread_state *ts)
{
    for (int tries = 0; tries < 64; tries++) {
        uint64_t m = signal_host_mask(ts, &ts->blocked);
        hostsig_mask(SIG_SETMASK, m, NULL);
        gsigset held = thread_pending(ts);
        if (!(signal_host_bits(&held) & ~never_blocked & ~m))
            return;
    }
}

void signal_set_mask(struct thread_state *ts, const gsigset *m)
{
    ts->blocked = *m;
    signal_sync_host_mask(ts);
    if (ts->cpu && signal_deliverable(ts))
        cpu_exit_request(ts->cpu);
}

void signal_set_temp_mask(struct thread_state *ts, const gsigset *m)
{
    if (!ts->mask_saved) {
        ts->saved_mask = ts->blocked;
        ts->mask_saved = true;
    }
    ts->blocked = *m;
}

int signal_wait_mask(struct thread_state *ts, const struct syscall_table *abi, uint64_t addr,
                     uint64_t size, uint64_t *host)
{
    gsigset m;
    int r = signal_read_guest_set(abi, addr, size, &m);
    if (r < 0)
        return r;
    signal_set_temp_mask(ts, &m);
    if (signal_deliverable(ts))
        return -EINTR;
    *host = signal_host_mask(ts, &m);
    return 0;
}

gsigset signal_pending_set(struct thread_state *ts)
{
    gsigset s = thread_pending(ts);
    uint64_t host = hostsig_pending();
    for (int h = 1; h <= 64; h++)
        if (host & hostsig_bit(h))
            gsigset_add(&s, abi_sig_from_host(linux_proc.abi, h));
    return s;
}
