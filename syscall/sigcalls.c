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
        ts->blocked = next;
        signal_mask_changed(ts);
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
    gsigset p = thread_pending(c->ts);
    p.w[0] &= c->ts->blocked.w[0];
    p.w[1] &= c->ts->blocked.w[1];
    uint8_t raw[GSIG_MAX / 8];
    sigset_store(c->abi, raw, &p);
    memcpy(out, raw, (size_t)c->a[1]);
    return 0;
}

/* stack_t flags, the same on every ABI */
enum { G_SS_ONSTACK = 1, G_SS_DISABLE = 2, G_SS_AUTODISARM = 1u << 31 };

static int64_t sys_sigaltstack(struct sc *c)
{
    const struct syscall_table *abi = c->abi;
    struct thread_state *ts = c->ts;
    const struct gfield *lay = abi_stack_layout(abi);
    size_t size = gstruct_size(abi, lay);
    uint64_t nv[SS_K_COUNT];
    if (c->a[0]) {
        const void *p = guest_rd(c->a[0], size);
        if (!p)
            return -EFAULT;
        gstruct_load(abi, lay, p, nv);
    }
    if (c->a[1]) {
        void *p = guest_wr(c->a[1], size);
        if (!p)
            return -EFAULT;
        uint64_t ov[SS_K_COUNT] = {
            [SS_K_SP] = ts->altstack_sp, [SS_K_SIZE] = ts->altstack_size,
            [SS_K_FLAGS] = ts->altstack_size ? (uint64_t)ts->altstack_flags : G_SS_DISABLE,
        };
        gstruct_store(abi, lay, p, ov);
    }
    if (c->a[0]) {
        uint32_t flags = (uint32_t)nv[SS_K_FLAGS];
        uint32_t mode = flags & ~G_SS_AUTODISARM;
        if (mode != 0 && mode != G_SS_DISABLE && mode != G_SS_ONSTACK)
            return -EINVAL;
        if (mode == G_SS_DISABLE) {
            ts->altstack_sp = 0;
            ts->altstack_size = 0;
            ts->altstack_flags = 0;
        } else {
            if (nv[SS_K_SIZE] < abi->minsigstksz)
                return -ENOMEM;
            ts->altstack_sp = nv[SS_K_SP];
            ts->altstack_size = nv[SS_K_SIZE];
            ts->altstack_flags = (int)(flags & G_SS_AUTODISARM);
        }
    }
    return 0;
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

static int64_t do_sigreturn(struct sc *c, bool rt)
{
    const struct target_ops *ops = linux_proc.ops;
    if (!ops->sigreturn)
        return -ENOSYS;
    uint64_t mask = 0;
    if (ops->sigreturn(c->cpu, rt, &mask) < 0)
        signal_die(SIGSEGV);        /* a corrupt frame: the kernel's answer too */
    c->ts->blocked.w[0] = mask;
    unblockable(c->abi, &c->ts->blocked);
    signal_mask_changed(c->ts);
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
    { GSYS_rt_sigreturn, sys_rt_sigreturn, { 0 }, R_INT, 0 },
    { GSYS_sigreturn, sys_sigreturn, { 0 }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
