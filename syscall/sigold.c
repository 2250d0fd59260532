/* The pre-rt signal calls of 32-bit ABIs, on the same state as the rt ones: sigaction
 * with the ABI's old struct (ARM's old_sigaction; MIPS uses its rt struct but only the
 * first mask word), sigprocmask and sigpending on one word of signals (old_sigset_t),
 * sigsuspend with the mask by value (ARM: restart, oldmask, mask) or a sigset_t pointer
 * (MIPS), and MIPS's signal, sgetmask and ssetmask. Old masks replace only the first
 * word; the others keep their signals. */
#include <errno.h>
#include <signal.h>

#include "syscall/guest-mem.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"

static const struct gfield *layout(const struct syscall_table *abi)
{
    return abi->old_sigaction ? abi->old_sigaction : abi_sigaction_layout(abi);
}

static void unblockable(const struct syscall_table *abi, gsigset *s)
{
    gsigset_del(s, abi_sig_from_host(abi, SIGKILL));
    gsigset_del(s, abi_sig_from_host(abi, SIGSTOP));
}

/* A set whose first guest word is w and whose other words come from base. */
static gsigset with_first_word(const struct syscall_table *abi, const gsigset *base,
                               uint64_t w)
{
    uint64_t words[GSIG_MAX / 32] = { 0 };
    if (base)
        gsigset_to_words(abi, base, words);
    words[0] = w;
    gsigset s;
    gsigset_from_words(abi, words, &s);
    return s;
}

static uint64_t first_word(const struct syscall_table *abi, const gsigset *s)
{
    uint64_t words[GSIG_MAX / 32];
    gsigset_to_words(abi, s, words);
    return words[0];
}

static int64_t sys_sigaction(struct sc *c)
{
    const struct syscall_table *abi = c->abi;
    const struct gfield *lay = layout(abi);
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
        act.mask = with_first_word(abi, NULL, v[SA_K_MASK]);
        unblockable(abi, &act.mask);
    }
    uint8_t *out = NULL;
    if (c->a[2] && !(out = guest_wr(c->a[2], size)))
        return -EFAULT;
    int r = signal_action((int)c->a[0], c->a[1] ? &act : NULL, &old);
    if (r < 0)
        return r;
    if (out) {
        uint64_t v[SA_K_COUNT] = { [SA_K_HANDLER] = old.handler, [SA_K_FLAGS] = old.flags,
                                   [SA_K_RESTORER] = old.restorer,
                                   [SA_K_MASK] = first_word(abi, &old.mask) };
        gstruct_store(abi, lay, out, v);
    }
    return 0;
}

static int64_t sys_sigprocmask(struct sc *c)
{
    const struct syscall_table *abi = c->abi;
    struct thread_state *ts = c->ts;
    unsigned w = abi->word_size;
    uint64_t set = 0;
    if (c->a[1]) {
        const uint8_t *p = guest_rd(c->a[1], w);
        if (!p)
            return -EFAULT;
        set = abi_ldword(abi, p);
    }
    uint8_t *out = NULL;
    if (c->a[2] && !(out = guest_wr(c->a[2], w)))
        return -EFAULT;
    uint64_t old = first_word(abi, &ts->blocked);
    if (c->a[1]) {
        uint64_t now;
        switch (abi_sig_how_to_host(abi, (int)c->a[0])) {
        case SIG_BLOCK: now = old | set; break;
        case SIG_UNBLOCK: now = old & ~set; break;
        case SIG_SETMASK: now = set; break;
        default: return -EINVAL;
        }
        gsigset next = with_first_word(abi, &ts->blocked, now);
        unblockable(abi, &next);
        signal_set_mask(ts, &next);
    }
    if (out)
        abi_stword(abi, out, old);
    return 0;
}

static int64_t sys_sigpending(struct sc *c)
{
    uint8_t *out = guest_wr(c->a[0], c->abi->word_size);
    if (!out)
        return -EFAULT;
    gsigset p = signal_pending_set(c->ts);
    p.w[0] &= c->ts->blocked.w[0];
    p.w[1] &= c->ts->blocked.w[1];
    abi_stword(c->abi, out, first_word(c->abi, &p));
    return 0;
}

static int64_t sys_sigsuspend(struct sc *c)
{
    gsigset m;
    if (c->abi->sigsuspend_set_ptr) {
        int r = signal_read_guest_set(c->abi, c->a[0], c->abi->nsig / 8, &m);
        if (r < 0)
            return r;
    } else {
        m = with_first_word(c->abi, NULL, c->a[2]);
    }
    unblockable(c->abi, &m);
    return signal_suspend(c, &m);
}

/* signal(2): SA_ONESHOT | SA_NOMASK, an empty mask; the old handler is the result. */
static int64_t sys_signal(struct sc *c)
{
    struct guest_sigaction act = { .handler = c->a[1] }, old;
    act.flags = abi_sa_flags_from_host(c->abi, SA_RESETHAND | SA_NODEFER);
    int r = signal_action((int)c->a[0], &act, &old);
    return r < 0 ? r : (int64_t)old.handler;
}

static int64_t sys_sgetmask(struct sc *c)
{
    return (int64_t)first_word(c->abi, &c->ts->blocked);
}

/* ssetmask replaces the whole mask with one word's signals; the old word comes back. */
static int64_t sys_ssetmask(struct sc *c)
{
    uint64_t old = first_word(c->abi, &c->ts->blocked);
    gsigset next = with_first_word(c->abi, NULL, c->a[0]);
    unblockable(c->abi, &next);
    signal_set_mask(c->ts, &next);
    return (int64_t)old;
}

const struct syscall_def syscalls_sigold[] = {
    { GSYS_signal, sys_signal, { A_SIG, A_PTR }, R_PTR, 0 },
    { GSYS_sgetmask, sys_sgetmask, { 0 }, R_INT, 0 },
    { GSYS_ssetmask, sys_ssetmask, { A_HEX }, R_INT, 0 },
    { GSYS_sigaction, sys_sigaction, { A_SIG, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_sigprocmask, sys_sigprocmask, { A_SIGHOW, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_sigpending, sys_sigpending, { A_PTR }, R_INT, 0 },
    { GSYS_sigsuspend, sys_sigsuspend, { A_HEX, A_HEX, A_HEX }, R_INT, SCF_NORESTART },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
