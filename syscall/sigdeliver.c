/* Delivering held guest signals: default actions, handler frames, the decisions about
 * interrupted system calls, and the alternate signal stack rules frames follow. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/futex.h"
#include "syscall/hostsig.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"
#include "target/target.h"
#include "tcg/exec.h"

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

void signal_raise_sync(struct thread_state *ts, int host_sig, int code, uint64_t addr)
{
    int g = abi_sig_from_host(linux_proc.abi, host_sig);
    if (!g)
        signal_die(host_sig);
    struct gsiginfo *i = &ts->sync_info;
    memset(i, 0, sizeof *i);
    i->signo = g;
    i->code = code;
    i->addr = addr;
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
    futex_robust_exit(thread_self());
    /* The wait status says "killed by", never "core dumped": the core would be the
     * emulator's, and a piped core_pattern ignores RLIMIT_CORE, so be undumpable. */
    if (default_action(host_sig) == DFL_CORE) {
        struct rlimit none = { 0, 0 };
        setrlimit(RLIMIT_CORE, &none);
        prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    hostsig_action(host_sig, &dfl, NULL);
    hostsig_mask(SIG_UNBLOCK, hostsig_bit(host_sig), NULL);
    /* To this thread: a synchronous signal must not land in another one. */
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), host_sig);
    /* Only reached if the signal cannot kill (e.g. an ignore-by-default one). */
    _exit(128 + host_sig);
}

/* Stopping by default: stop for real (the whole process, as the kernel's group stop),
 * then take the signal back when continued. */
static void stop_self(int host_sig)
{
    if (log_enabled(LOG_SIGNAL))
        log_printf("crossrun: guest stopped by host signal %d\n", host_sig);
    log_flush();
    struct sigaction dfl, old;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    hostsig_action(host_sig, &dfl, &old);
    uint64_t mask;
    hostsig_mask(SIG_UNBLOCK, hostsig_bit(host_sig), &mask);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), host_sig);
    hostsig_mask(SIG_SETMASK, mask, NULL);
    hostsig_action(host_sig, &old, NULL);
}

/* The default action of a guest signal; returns only if it ignores or stops. */
static void act_default(int sig)
{
    int h = abi_sig_to_host(linux_proc.abi, sig);
    switch (h ? default_action(h) : DFL_TERM) {
    case DFL_IGN:
        return;
    case DFL_STOP:
        stop_self(h);
        return;
    default:
        signal_die(h ? h : SIGKILL);
    }
}

/* The kernel takes the synchronous (fault) signals before any other, then the lowest. */
static int next_in(const struct syscall_table *abi, const gsigset *s)
{
    static const int sync_class[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS };
    for (size_t i = 0; i < sizeof sync_class / sizeof sync_class[0]; i++) {
        int g = abi_sig_from_host(abi, sync_class[i]);
        if (gsigset_has(s, g))
            return g;
    }
    for (int w = 0; w < 2; w++)
        if (s->w[w])
            return w * 64 + __builtin_ctzll(s->w[w]) + 1;
    return 0;
}

static int next_deliverable(struct thread_state *ts)
{
    gsigset p = thread_pending(ts);
    p.w[0] &= ~ts->blocked.w[0];
    p.w[1] &= ~ts->blocked.w[1];
    return next_in(linux_proc.abi, &p);
}

bool signal_deliverable(struct thread_state *ts)
{
    return next_deliverable(ts) != 0;
}

static uint64_t frame_mask(const struct thread_state *ts)
{
    return ts->mask_saved ? ts->saved_mask.w[0] : ts->blocked.w[0];
}

static void run_handler(struct cpu_common *cpu, struct thread_state *ts, int sig,
                        const struct gsiginfo *info, const struct guest_sigaction *ga)
{
    const struct target_ops *ops = linux_proc.ops;
    const struct syscall_table *abi = linux_proc.abi;
    if (!ops->setup_frame) {
        log_printf("crossrun: the guest installed a handler for signal %d, but target %s "
                   "cannot deliver signals to handlers yet\n", sig, ops->name);
        signal_die(abi_sig_to_host(abi, sig));
    }
    uint8_t ginfo[GSIGINFO_SIZE];
    siginfo_to_guest(abi, info, ginfo);

    const struct gfield *lay = abi_sigaction_layout(abi);
    uint8_t act[64];
    uint64_t vals[SA_K_COUNT] = { ga->handler, ga->flags, ga->restorer };
    gsigset_to_words(abi, &ga->mask, vals + SA_K_MASK);
    gstruct_store(abi, lay, act, vals);

    /* No room for the frame: the kernel kills with SIGSEGV. */
    if (ops->setup_frame(cpu, sig, ginfo, act, frame_mask(ts)) < 0)
        signal_die(SIGSEGV);
    uint32_t hf = abi_sa_flags_to_host(abi, (uint32_t)ga->flags);
    ts->blocked.w[0] |= ga->mask.w[0];
    ts->blocked.w[1] |= ga->mask.w[1];
    if (!(hf & SA_NODEFER))
        gsigset_add(&ts->blocked, sig);
    ts->mask_saved = false;
    if (hf & SA_RESETHAND)
        signal_reset_action(sig);
}

/* Returns true if a guest handler was started. */
static bool deliver_one(struct cpu_common *cpu, struct thread_state *ts, int sig,
                        const struct gsiginfo *info, bool forced)
{
    struct guest_sigaction ga = signal_get_action(sig);
    if (log_enabled(LOG_SIGNAL))
        log_printf("crossrun: delivering guest signal %d (code %d) to thread %d\n", sig,
                   info->code, ts->tid);
    /* A fault the guest blocks or ignores kills it, as the kernel's forced signals. */
    if (forced && (ga.handler == GSIG_IGN || gsigset_has(&ts->blocked, sig)))
        ga.handler = GSIG_DFL;
    if (ga.handler == GSIG_IGN)
        return false;
    if (ga.handler == GSIG_DFL) {
        act_default(sig);
        return false;
    }
    run_handler(cpu, ts, sig, info, &ga);
    return true;
}

/* Clears the flag first: a signal recorded after that sets it again (safe-syscall.h). */
void signal_deliver(struct cpu_common *cpu)
{
    struct thread_state *ts = cpu->ts;
    if (!ts)
        return;
    atomic_store(&ts->sig_flag, 0);
    bool changed = false;
    if (ts->sync_sig) {
        int sig = ts->sync_sig;
        ts->sync_sig = 0;
        deliver_one(cpu, ts, sig, &ts->sync_info, true);
        changed = true;
    }
    int sig;
    while ((sig = next_deliverable(ts)) != 0) {
        struct gsiginfo info = ts->info[sig];
        thread_clear_pending(ts, sig);
        changed = true;
        deliver_one(cpu, ts, sig, &info, false);
    }
    if (ts->mask_saved) {
        ts->blocked = ts->saved_mask;
        ts->mask_saved = false;
        changed = true;
    }
    if (changed)
        signal_sync_host_mask(ts);
}

int signal_take(struct thread_state *ts, const gsigset *set, struct gsiginfo *info)
{
    gsigset p = thread_pending(ts);
    p.w[0] &= set->w[0];
    p.w[1] &= set->w[1];
    int sig = next_in(linux_proc.abi, &p);
    if (!sig)
        return 0;
    *info = ts->info[sig];
    thread_clear_pending(ts, sig);
    signal_sync_host_mask(ts);
    return sig;
}

bool signal_restart_after_eintr(struct thread_state *ts)
{
    if (!ts)
        return true;
    atomic_store(&ts->sig_flag, 0);
    bool changed = false, again = true;
    int sig;
    while ((sig = next_deliverable(ts)) != 0) {
        uint64_t handler = signal_get_action(sig).handler;
        if (handler != GSIG_DFL && handler != GSIG_IGN) {
            again = false;              /* stays held: cpu_loop runs the handler */
            break;
        }
        thread_clear_pending(ts, sig);
        changed = true;
        if (handler == GSIG_DFL)
            act_default(sig);
    }
    if (changed)
        signal_sync_host_mask(ts);
    return again;
}

bool signal_handler_restarts(struct thread_state *ts)
{
    int sig = ts ? next_deliverable(ts) : 0;
    if (!sig)
        return false;
    struct guest_sigaction ga = signal_get_action(sig);
    if (ga.handler == GSIG_DFL || ga.handler == GSIG_IGN)
        return false;
    return (abi_sa_flags_to_host(linux_proc.abi, (uint32_t)ga.flags) & SA_RESTART) != 0;
}

/* ---- the alternate stack (kernel: on_sig_stack, sas_ss_flags, do_sigaltstack) ---- */

bool signal_on_altstack(const struct thread_state *ts, uint64_t sp)
{
    /* An auto-disarming stack cannot be in use unless the guest armed it from on it. */
    if ((uint32_t)ts->altstack_flags & GSS_AUTODISARM)
        return false;
    return ts->altstack_size && sp > ts->altstack_sp &&
           sp - ts->altstack_sp <= ts->altstack_size;
}

static uint32_t ss_state(const struct thread_state *ts, uint64_t sp)
{
    if (!ts->altstack_size)
        return GSS_DISABLE;
    return signal_on_altstack(ts, sp) ? GSS_ONSTACK : 0;
}

uint64_t signal_frame_stack(struct thread_state *ts, uint64_t sp, bool onstack,
                            uint64_t saved[3])
{
    saved[0] = ts->altstack_sp;
    saved[1] = (uint32_t)ts->altstack_flags;
    saved[2] = ts->altstack_size;
    if (onstack && ss_state(ts, sp) == 0)
        sp = ts->altstack_sp + ts->altstack_size;
    if ((uint32_t)ts->altstack_flags & GSS_AUTODISARM) {
        ts->altstack_sp = ts->altstack_size = 0;
        ts->altstack_flags = GSS_DISABLE;
    }
    return sp;
}

int signal_altstack(struct thread_state *ts, const uint64_t *nv, uint64_t ov[3], uint64_t sp,
                    uint64_t min_size)
{
    if (ov) {
        ov[0] = ts->altstack_sp;
        ov[1] = ss_state(ts, sp) | ((uint32_t)ts->altstack_flags & GSS_AUTODISARM);
        ov[2] = ts->altstack_size;
    }
    if (!nv)
        return 0;
    if (signal_on_altstack(ts, sp))
        return -EPERM;
    uint32_t flags = (uint32_t)nv[1], mode = flags & ~GSS_AUTODISARM;
    if (mode != 0 && mode != GSS_DISABLE && mode != GSS_ONSTACK)
        return -EINVAL;
    uint64_t ss_sp = nv[0], size = nv[2];
    if (mode == GSS_DISABLE) {
        ss_sp = size = 0;
    } else if (size < min_size) {
        return -ENOMEM;
    }
    ts->altstack_sp = ss_sp;
    ts->altstack_size = size;
    ts->altstack_flags = (int)flags;
    return 0;
}

void signal_restore_altstack(struct thread_state *ts, const uint64_t saved[3], uint64_t sp)
{
    signal_altstack(ts, saved, NULL, sp, linux_proc.abi->minsigstksz);
}
