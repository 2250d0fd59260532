/* Host signal handlers, guest dispositions, and delivery of guest signals. */
#include "syscall/signal.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/syscall.h"
#include "target/target.h"
#include "tcg/exec.h"

static struct guest_sigaction actions[GSIG_MAX + 1];
/* A thread without guest state (none yet) leaves its signals to the first thread. */
static struct thread_state *main_ts;

enum dfl { DFL_TERM, DFL_CORE, DFL_IGN, DFL_STOP };

static enum dfl default_action(int host_sig)
{
    switch (host_sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
        return DFL_IGN;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return DFL_STOP;
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
    case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return DFL_CORE;
    default:
        return DFL_TERM;
    }
}

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

static void host_handler(int sig, siginfo_t *si, void *uc)
{
    /* si_code > 0: the kernel raised it for an instruction, not someone's kill(). */
    if (is_fault_signal(sig) && si->si_code > 0) {
        if (tcg_handle_fault(sig, si, uc))
            return;
        internal_error(sig, uc);
    }
    int saved_errno = errno;
    struct thread_state *ts = thread_self();
    if (!ts)
        ts = main_ts;
    int g = linux_proc.abi ? abi_sig_from_host(linux_proc.abi, sig) : 0;
    if (ts && g) {
        struct pending_info *pi = &ts->info[g];
        pi->code = si->si_code;
        pi->err = 0;
        pi->pid = si->si_pid;
        pi->uid = (int)si->si_uid;
        pi->addr = 0;
        thread_set_pending(ts, g);
        struct cpu_common *cpu = cpu_current();
        if (cpu)
            cpu_exit_request(cpu);
    }
    errno = saved_errno;
}

/* Ignored stays ignored on the host too: no wakeups for nothing, and a program the
 * guest execs inherits it, as the kernel would do. Fault signals always stay ours. */
static int install_host(int host_sig, const struct guest_sigaction *ga)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    if (ga && ga->handler == GSIG_IGN && !is_fault_signal(host_sig) && host_sig != SIGTRAP) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_sigaction = host_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    }
    /* SIGCHLD's flags change what the kernel does for children: mirror them. */
    if (host_sig == SIGCHLD && ga) {
        uint32_t hf = abi_sa_flags_to_host(linux_proc.abi, (uint32_t)ga->flags);
        sa.sa_flags |= (int)(hf & (SA_NOCLDSTOP | SA_NOCLDWAIT));
    }
    return sigaction(host_sig, &sa, NULL) ? -errno : 0;
}

/* So a stack overflow inside crossrun reports itself instead of dying silently. */
static int host_altstack(void)
{
    stack_t ss = { .ss_size = 64 * 1024 };
    ss.ss_sp = malloc(ss.ss_size);
    if (!ss.ss_sp)
        return -ENOMEM;
    return sigaltstack(&ss, NULL) ? -errno : 0;
}

int signal_init(void)
{
    main_ts = thread_self();
    int r = host_altstack();
    if (r < 0)
        return r;
    sigset_t inherited, all;
    sigprocmask(SIG_SETMASK, NULL, &inherited);
    for (int h = 1; h <= 64; h++) {
        if (h == SIGKILL || h == SIGSTOP)
            continue;
        int g = abi_sig_from_host(linux_proc.abi, h);
        /* Ignored and blocked signals survive exec: the guest starts with them. */
        struct sigaction old;
        if (sigaction(h, NULL, &old) == 0 && old.sa_handler == SIG_IGN && g &&
            !is_fault_signal(h))
            actions[g].handler = GSIG_IGN;
        if (g && main_ts && sigismember(&inherited, h) == 1)
            gsigset_add(&main_ts->blocked, g);
        r = install_host(h, g ? &actions[g] : NULL);
        /* glibc keeps a few real-time signals for itself and refuses them. */
        if (r < 0 && r != -EINVAL)
            return r;
    }
    /* The guest's mask is emulated: the host takes every signal and holds it. */
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    return 0;
}

int signal_action(int sig, const struct guest_sigaction *act, struct guest_sigaction *old)
{
    if (!gsig_valid(sig) || sig > (int)linux_proc.abi->nsig)
        return -EINVAL;
    int h = abi_sig_to_host(linux_proc.abi, sig);
    if (act && (h == SIGKILL || h == SIGSTOP))
        return -EINVAL;
    if (old)
        *old = actions[sig];
    if (act) {
        actions[sig] = *act;
        if (h && h != SIGKILL && h != SIGSTOP) {
            int r = install_host(h, act);
            if (r < 0 && r != -EINVAL)
                return r;
        }
    }
    return 0;
}

void signal_raise_sync(struct thread_state *ts, int host_sig, int code, uint64_t addr)
{
    int g = abi_sig_from_host(linux_proc.abi, host_sig);
    if (!g)
        signal_die(host_sig);
    struct pending_info *pi = &ts->info[g];
    pi->code = code;
    pi->err = 0;
    pi->pid = 0;
    pi->uid = 0;
    pi->addr = addr;
    ts->sync_sig = g;
}

_Noreturn void signal_die(int host_sig)
{
    if (log_enabled(LOG_SIGNAL))
        log_printf("crossrun: guest killed by host signal %d\n", host_sig);
    log_flush();
    fflush(NULL);
    if (host_sig <= 0 || host_sig > 64)
        host_sig = SIGKILL;
    if (default_action(host_sig) == DFL_CORE) {
        struct rlimit none = { 0, 0 };
        setrlimit(RLIMIT_CORE, &none);
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(host_sig, &dfl, NULL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, host_sig);
    sigprocmask(SIG_UNBLOCK, &only, NULL);
    /* To this thread: a synchronous signal must not land in another one. */
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), host_sig);
    /* Only reached if the signal cannot kill (e.g. an ignore-by-default one). */
    _exit(128 + host_sig);
}

/* Stopping by default: stop for real, then take the signal back when continued. */
static void stop_self(int host_sig)
{
    if (log_enabled(LOG_SIGNAL))
        log_printf("crossrun: guest stopped by host signal %d\n", host_sig);
    log_flush();
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(host_sig, &dfl, NULL);
    raise(host_sig);
    int g = abi_sig_from_host(linux_proc.abi, host_sig);
    install_host(host_sig, g ? &actions[g] : NULL);
}

/* The guest's siginfo in its own layout (the kernel's 128-byte siginfo). */
static void build_siginfo(uint8_t info[128], int sig, const struct pending_info *pi)
{
    const struct syscall_table *abi = linux_proc.abi;
    memset(info, 0, 128);
    /* MIPS keeps si_code before si_errno and numbers some negative codes its own way. */
    uint32_t code = pi->code < 0 ? abi_value_to_guest(abi->si_codes, (uint32_t)pi->code)
                                 : (uint32_t)pi->code;
    abi_st32(abi, info + 0, (uint32_t)sig);
    abi_st32(abi, info + (abi->siginfo_code_first ? 8 : 4),
             (uint32_t)abi_errno_from_host(abi, pi->err));
    abi_st32(abi, info + (abi->siginfo_code_first ? 4 : 8), code);
    /* The union after the three ints is aligned like a pointer. */
    uint8_t *u = info + (abi->word_size == 8 ? 16 : 12);
    if (pi->code <= 0) {
        abi_st32(abi, u, (uint32_t)pi->pid);
        abi_st32(abi, u + 4, (uint32_t)pi->uid);
    } else {
        abi_stword(abi, u, pi->addr);
    }
}

static uint64_t mask64(const gsigset *s) { return s->w[0]; }

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

static void run_handler(struct cpu_common *cpu, struct thread_state *ts, int sig)
{
    const struct target_ops *ops = linux_proc.ops;
    const struct syscall_table *abi = linux_proc.abi;
    struct guest_sigaction *ga = &actions[sig];
    if (!ops->setup_frame) {
        log_printf("crossrun: the guest installed a handler for signal %d, but target %s "
                   "cannot deliver signals to handlers yet\n", sig, ops->name);
        signal_die(abi_sig_to_host(abi, sig));
    }
    uint8_t info[128];
    build_siginfo(info, sig, &ts->info[sig]);

    const struct gfield *lay = abi_sigaction_layout(abi);
    uint8_t act[64];
    uint64_t vals[SA_K_COUNT] = { ga->handler, ga->flags, ga->restorer };
    gsigset_to_words(abi, &ga->mask, vals + SA_K_MASK);
    gstruct_store(abi, lay, act, vals);

    int r = ops->setup_frame(cpu, sig, info, act, mask64(&ts->blocked));
    if (r < 0) {
        /* No room for the frame: the kernel kills with SIGSEGV. */
        signal_die(SIGSEGV);
    }
    uint32_t hf = abi_sa_flags_to_host(abi, (uint32_t)ga->flags);
    ts->blocked.w[0] |= ga->mask.w[0];
    ts->blocked.w[1] |= ga->mask.w[1];
    if (!(hf & SA_NODEFER))
        gsigset_add(&ts->blocked, sig);
    if (hf & SA_RESETHAND) {
        memset(ga, 0, sizeof *ga);
        int h = abi_sig_to_host(abi, sig);
        if (h)
            install_host(h, ga);
    }
}

/* Returns true if a guest handler was started. */
static bool deliver_one(struct cpu_common *cpu, struct thread_state *ts, int sig, bool forced)
{
    int h = abi_sig_to_host(linux_proc.abi, sig);
    struct guest_sigaction *ga = &actions[sig];
    uint64_t handler = ga->handler;
    if (log_enabled(LOG_SIGNAL))
        log_printf("crossrun: delivering guest signal %d (host %d)\n", sig, h);
    /* A fault the guest blocks or ignores kills it, as the kernel's forced signals. */
    if (forced && (handler == GSIG_IGN || gsigset_has(&ts->blocked, sig)))
        handler = GSIG_DFL;
    if (handler == GSIG_IGN)
        return false;
    if (handler == GSIG_DFL) {
        switch (h ? default_action(h) : DFL_TERM) {
        case DFL_IGN:
            return false;
        case DFL_STOP:
            stop_self(h);
            return false;
        default:
            signal_die(h);
        }
    }
    run_handler(cpu, ts, sig);
    return true;
}

static int next_deliverable(struct thread_state *ts)
{
    gsigset p = thread_pending(ts);
    for (int w = 0; w < 2; w++) {
        uint64_t bits = p.w[w] & ~ts->blocked.w[w];
        if (bits)
            return w * 64 + __builtin_ctzll(bits) + 1;
    }
    return 0;
}

void signal_deliver(struct cpu_common *cpu)
{
    struct thread_state *ts = cpu->ts;
    if (!ts)
        return;
    if (ts->sync_sig) {
        int sig = ts->sync_sig;
        ts->sync_sig = 0;
        if (deliver_one(cpu, ts, sig, true))
            return;
    }
    int sig;
    while ((sig = next_deliverable(ts)) != 0) {
        thread_clear_pending(ts, sig);
        if (deliver_one(cpu, ts, sig, false))
            return;
    }
}

bool signal_restart_after_eintr(struct thread_state *ts)
{
    if (!ts)
        return true;
    int sig;
    while ((sig = next_deliverable(ts)) != 0) {
        uint64_t handler = actions[sig].handler;
        if (handler != GSIG_DFL && handler != GSIG_IGN)
            return false;               /* stays pending: cpu_loop runs the handler */
        thread_clear_pending(ts, sig);
        if (handler == GSIG_DFL)
            deliver_one(NULL, ts, sig, false);
    }
    return true;
}

bool signal_handler_restarts(struct thread_state *ts)
{
    int sig = ts ? next_deliverable(ts) : 0;
    if (!sig)
        return false;
    const struct guest_sigaction *ga = &actions[sig];
    if (ga->handler == GSIG_DFL || ga->handler == GSIG_IGN)
        return false;
    return (abi_sa_flags_to_host(linux_proc.abi, (uint32_t)ga->flags) & SA_RESTART) != 0;
}

void signal_mask_changed(struct thread_state *ts)
{
    if (ts && ts->cpu && next_deliverable(ts))
        cpu_exit_request(ts->cpu);
}
