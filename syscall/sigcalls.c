/* Signal system calls: actions, masks, the alternate stack, sending, returning. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/guest-mem.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"
#include "target/target.h"

static int64_t ret_errno(int64_t r)
{
    return r < 0 ? -errno : r;
}

/* A guest sigset_t in memory */
static size_t sigset_size(const struct syscall_table *abi) { return abi->nsig / 8; }

static void sigset_load(const struct syscall_table *abi, const uint8_t *p, gsigset *s)
{
    uint64_t words[GSIG_MAX / 32];
    for (unsigned i = 0; i < sigset_words(abi); i++)
        words[i] = abi_ldword(abi, p + i * abi->word_size);
    gsigset_from_words(abi, words, s);
}

static void sigset_store(const struct syscall_table *abi, uint8_t *p, const gsigset *s)
{
    uint64_t words[GSIG_MAX / 32];
    gsigset_to_words(abi, s, words);
    for (unsigned i = 0; i < sigset_words(abi); i++)
        abi_stword(abi, p + i * abi->word_size, words[i]);
}

/* SIGKILL and SIGSTOP are never blocked. */
static void unblockable(const struct syscall_table *abi, gsigset *s)
{
    gsigset_del(s, abi_sig_from_host(abi, SIGKILL));
    gsigset_del(s, abi_sig_from_host(abi, SIGSTOP));
}

static int64_t sys_rt_sigaction(struct sc *c)
{
    const struct syscall_table *abi = c->abi;
    int sig = (int)c->a[0];
    if (c->a[3] != sigset_size(abi))
        return -EINVAL;
    const struct gfield *lay = abi_sigaction_layout(abi);
    size_t size = gstruct_size(abi, lay);
    struct guest_sigaction act, old;
    if (c->a[1]) {
        const uint8_t *p = guest_rd(c->a[1], size);
        if (!p)
            return -EFAULT;
        uint64_t v[SA_K_COUNT] = { 0 };
        gstruct_load(abi, lay, p, v);
        act.handler = v[SA_K_HANDLER];
        act.flags = v[SA_K_FLAGS];
        act.restorer = v[SA_K_RESTORER];
        gsigset_from_words(abi, v + SA_K_MASK, &act.mask);
        unblockable(abi, &act.mask);
    }
    if (c->a[2] && !guest_wr(c->a[2], size))
        return -EFAULT;
    int r = signal_action(sig, c->a[1] ? &act : NULL, &old);
    if (r < 0)
        return r;
    if (c->a[2]) {
        uint64_t v[SA_K_COUNT] = { [SA_K_HANDLER] = old.handler, [SA_K_FLAGS] = old.flags,
                                   [SA_K_RESTORER] = old.restorer };
        gsigset_to_words(abi, &old.mask, v + SA_K_MASK);
        gstruct_store(abi, lay, guest_wr(c->a[2], size), v);
    }
    return 0;
}

static int64_t sys_rt_sigprocmask(struct sc *c)
{
    const struct syscall_table *abi = c->abi;
    struct thread_state *ts = c->ts;
    size_t size = sigset_size(abi);
    if (c->a[3] != size)
        return -EINVAL;
    gsigset set, old = ts->blocked;
    if (c->a[1]) {
        const uint8_t *p = guest_rd(c->a[1], size);
        if (!p)
            return -EFAULT;
        sigset_load(abi, p, &set);
    }
    uint8_t *out = NULL;
    if (c->a[2] && !(out = guest_wr(c->a[2], size)))
        return -EFAULT;
    if (c->a[1]) {
        int how = abi_sig_how_to_host(abi, (int)c->a[0]);
        gsigset next = ts->blocked;
        for (int i = 0; i < 2; i++) {
            switch (how) {
            case SIG_BLOCK: next.w[i] |= set.w[i]; break;
            case SIG_UNBLOCK: next.w[i] &= ~set.w[i]; break;
            case SIG_SETMASK: next.w[i] = set.w[i]; break;
            default: return -EINVAL;
            }
        }
        unblockable(abi, &next);
        signal_set_mask(ts, &next);
    }
    if (out)
        sigset_store(abi, out, &old);
    return 0;
}

static int64_t sys_rt_sigpending(struct sc *c)
{
    size_t size = sigset_size(c->abi);
    if (c->a[1] > size)
        return -EINVAL;
    uint8_t *out = guest_wr(c->a[0], c->a[1]);
    if (!out)
        return -EFAULT;
    gsigset p = signal_pending_set(c->ts);
    p.w[0] &= c->ts->blocked.w[0];
    p.w[1] &= c->ts->blocked.w[1];
    uint8_t raw[GSIG_MAX / 8];
    sigset_store(c->abi, raw, &p);
    memcpy(out, raw, (size_t)c->a[1]);
    return 0;
}

static uint64_t guest_sp(struct sc *c)
{
    const struct target_ops *ops = linux_proc.ops;
    return ops->cpu_sp ? ops->cpu_sp(c->cpu) : 0;
}

static int64_t sys_sigaltstack(struct sc *c)
{
    const struct syscall_table *abi = c->abi;
    const struct gfield *lay = abi_stack_layout(abi);
    size_t size = gstruct_size(abi, lay);
    uint64_t nv[SS_K_COUNT], ov[SS_K_COUNT];
    void *out = NULL;
    if (c->a[0]) {
        const void *p = guest_rd(c->a[0], size);
        if (!p)
            return -EFAULT;
        gstruct_load(abi, lay, p, nv);
    }
    if (c->a[1] && !(out = guest_wr(c->a[1], size)))
        return -EFAULT;
    _Static_assert(SS_K_SP == 0 && SS_K_FLAGS == 1 && SS_K_SIZE == 2, "stack_t keys");
    int r = signal_altstack(c->ts, c->a[0] ? nv : NULL, ov, guest_sp(c), abi->minsigstksz);
    if (out && r == 0)
        gstruct_store(abi, lay, out, ov);
    return r;
}

/* 0 (a probe) stays 0; a guest signal the host lacks is an invalid one. */
static int host_sig_arg(struct sc *c, uint64_t v, int *host)
{
    int g = (int)v;
    *host = g ? abi_sig_to_host(c->abi, g) : 0;
    return g && !*host ? -EINVAL : 0;
}

static int64_t sys_kill(struct sc *c)
{
    int h;
    int r = host_sig_arg(c, c->a[1], &h);
    if (r < 0)
        return r;
    return ret_errno(kill((pid_t)c->a[0], h));
}

static int64_t sys_tgkill(struct sc *c)
{
    int h;
    int r = host_sig_arg(c, c->a[2], &h);
    if (r < 0)
        return r;
    return ret_errno(syscall(SYS_tgkill, (pid_t)c->a[0], (pid_t)c->a[1], h));
}

static int64_t sys_tkill(struct sc *c)
{
    int h;
    int r = host_sig_arg(c, c->a[1], &h);
    if (r < 0)
        return r;
    return ret_errno(syscall(SYS_tkill, (pid_t)c->a[0], h));
}

/* The guest's siginfo goes to the host as is, with its signal number and value; the
 * kernel checks who may send what si_code. */
static int get_guest_siginfo(struct sc *c, uint64_t addr, int host_sig, siginfo_t *si)
{
    const uint8_t *p = guest_rd(addr, GSIGINFO_SIZE);
    if (!p)
        return -EFAULT;
    struct gsiginfo g;
    siginfo_from_guest(c->abi, p, &g);
    g.signo = abi_sig_from_host(c->abi, host_sig);
    siginfo_to_host(c->abi, &g, si);
    si->si_signo = host_sig;
    return 0;
}

static int64_t sys_rt_sigqueueinfo(struct sc *c)
{
    int h;
    siginfo_t si;
    int r = host_sig_arg(c, c->a[1], &h);
    if (r == 0)
        r = get_guest_siginfo(c, c->a[2], h, &si);
    if (r < 0)
        return r;
    return ret_errno(syscall(SYS_rt_sigqueueinfo, (pid_t)c->a[0], h, &si));
}

static int64_t sys_rt_tgsigqueueinfo(struct sc *c)
{
    int h;
    siginfo_t si;
    int r = host_sig_arg(c, c->a[2], &h);
    if (r == 0)
        r = get_guest_siginfo(c, c->a[3], h, &si);
    if (r < 0)
        return r;
    return ret_errno(syscall(SYS_rt_tgsigqueueinfo, (pid_t)c->a[0], (pid_t)c->a[1], h, &si));
}

static int64_t do_sigreturn(struct sc *c, bool rt)
{
    const struct target_ops *ops = linux_proc.ops;
    if (!ops->sigreturn)
        return -ENOSYS;
    uint64_t mask = 0;
    if (ops->sigreturn(c->cpu, rt, &mask) < 0)
        signal_die(SIGSEGV);        /* a corrupt frame: the kernel's answer too */
    gsigset m = { { mask, c->ts->blocked.w[1] } };
    unblockable(c->abi, &m);
    signal_set_mask(c->ts, &m);
    return SC_NO_RESULT;
}

static int64_t sys_rt_sigreturn(struct sc *c) { return do_sigreturn(c, true); }
static int64_t sys_sigreturn(struct sc *c) { return do_sigreturn(c, false); }

const struct syscall_def syscalls_sigcalls[] = {
    { GSYS_rt_sigaction, sys_rt_sigaction, { A_SIG, A_PTR, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_rt_sigprocmask, sys_rt_sigprocmask, { A_SIGHOW, A_PTR, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_rt_sigpending, sys_rt_sigpending, { A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_sigaltstack, sys_sigaltstack, { A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_kill, sys_kill, { A_INT, A_SIG }, R_INT, 0 },
    { GSYS_tgkill, sys_tgkill, { A_INT, A_INT, A_SIG }, R_INT, 0 },
    { GSYS_tkill, sys_tkill, { A_INT, A_SIG }, R_INT, 0 },
    { GSYS_rt_sigqueueinfo, sys_rt_sigqueueinfo, { A_INT, A_SIG, A_PTR }, R_INT, 0 },
    { GSYS_rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo,
      { A_INT, A_INT, A_SIG, A_PTR }, R_INT, 0 },
    { GSYS_rt_sigreturn, sys_rt_sigreturn, { 0 }, R_INT, 0 },
    { GSYS_sigreturn, sys_sigreturn, { 0 }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
