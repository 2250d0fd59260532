/* futex(2) for guests: each operation maps onto the host futex at the same memory, so
 * guest threads (host threads) and guest processes sharing memory wait and wake each
 * other through the host kernel, private and shared keys alike.
 *
 * Byte order: the host kernel reads futex words as host (little-endian) integers. Where
 * it only compares a word with a value (WAIT, CMP_REQUEUE), the value is given in the
 * guest's byte order. FUTEX_WAKE_OP computes on the word, so it is done here (atomic
 * update in guest order, then the two wakes): the same code for every guest. The PI
 * operations have the kernel interpret the word as an owner TID; for big-endian guests
 * the host would read it byte-swapped, so LOCK_PI, LOCK_PI2, TRYLOCK_PI and UNLOCK_PI
 * follow the same protocol here on the guest-order word (TID, WAITERS and OWNER_DIED
 * bits; waiters sleep on the word with a plain wait). Only the priority boost itself is
 * lost. The requeue-PI pair stays ENOSYS there (glibc's condition variables do not use
 * it any more). */
#include "syscall/futex.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/safe-syscall.h"
#include "syscall/syscall.h"
#include "tcg/page.h"

#define FUTEX_CMD(op) ((op) & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

/* Compare-and-swap of a guest futex word: *raw is what was read (guest order), nv the
 * new value (host order). */
static bool cas_word(const struct syscall_table *abi, uint32_t *w, uint32_t *raw, uint32_t nv)
{
    return __atomic_compare_exchange_n(w, raw, abi_order32(abi, nv), false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_RELAXED);
}

static long host_futex(uint64_t uaddr, int op, uint32_t val, const void *t_or_val2,
                       uint64_t uaddr2, uint32_t val3)
{
    long r = syscall(SYS_futex, g2h(uaddr), op, val, t_or_val2, g2h(uaddr2), val3);
    return r < 0 ? -errno : r;
}

static long host_futex_wait(uint64_t uaddr, int op, uint32_t val, const struct timespec *t,
                            uint64_t uaddr2, uint32_t val3)
{
    return safe_syscall6(SYS_futex, (long)g2h(uaddr), op, (long)val, (long)t,
                         (long)g2h(uaddr2), (long)val3);
}

/* The kernel's FUTEX_OP encoding: op, cmp and two 12-bit signed arguments. */
static int wake_op_compute(uint32_t enc, uint32_t old, uint32_t *new)
{
    unsigned op = enc >> 28 & 7, shift = enc >> 31;
    int32_t oparg = (int32_t)(enc << 8) >> 20;
    if (shift)
        oparg = (int32_t)(1u << (oparg & 31));
    switch (op) {
    case FUTEX_OP_SET: *new = (uint32_t)oparg; return 0;
    case FUTEX_OP_ADD: *new = old + (uint32_t)oparg; return 0;
    case FUTEX_OP_OR: *new = old | (uint32_t)oparg; return 0;
    case FUTEX_OP_ANDN: *new = old & ~(uint32_t)oparg; return 0;
    case FUTEX_OP_XOR: *new = old ^ (uint32_t)oparg; return 0;
    default: return -ENOSYS;
    }
}

static int wake_op_compare(uint32_t enc, int32_t old)
{
    int32_t cmparg = (int32_t)(enc << 20) >> 20;
    switch (enc >> 24 & 15) {
    case FUTEX_OP_CMP_EQ: return old == cmparg;
    case FUTEX_OP_CMP_NE: return old != cmparg;
    case FUTEX_OP_CMP_LT: return old < cmparg;
    case FUTEX_OP_CMP_LE: return old <= cmparg;
    case FUTEX_OP_CMP_GT: return old > cmparg;
    case FUTEX_OP_CMP_GE: return old >= cmparg;
    default: return -ENOSYS;
    }
}

static int64_t wake_op(struct sc *c, uint64_t uaddr, int op, uint32_t n1, uint32_t n2,
                       uint64_t uaddr2, uint32_t enc)
{
    if (uaddr2 & 3)
        return -EINVAL;
    uint32_t *w = guest_wr(uaddr2, 4);
    if (!w)
        return -EFAULT;
    uint32_t raw = __atomic_load_n(w, __ATOMIC_RELAXED), old, nv;
    do {
        old = abi_order32(c->abi, raw);
        int r = wake_op_compute(enc, old, &nv);
        if (r < 0)
            return r;
    } while (!cas_word(c->abi, w, &raw, nv));
    int wake = (op & FUTEX_PRIVATE_FLAG) | FUTEX_WAKE;
    long woken = host_futex(uaddr, wake, n1, NULL, 0, 0);
    if (woken < 0)
        return woken;
    int cmp = wake_op_compare(enc, (int32_t)old);
    if (cmp < 0)
        return cmp;
    if (cmp) {
        long more = host_futex(uaddr2, wake, n2, NULL, 0, 0);
        if (more < 0)
            return more;
        woken += more;
    }
    return woken;
}

/* WAIT's timeout is relative, WAIT_BITSET's and LOCK_PI's absolute; the host takes
 * them the same way, so only the struct changes. */
static int get_timeout(struct sc *c, uint64_t addr, bool time64, struct timespec *t)
{
    if (!addr)
        return 0;
    int r = get_timespec(c->abi, addr, time64, t);
    if (r < 0)
        return r;
    return t->tv_nsec < 0 || t->tv_nsec >= 1000000000 || t->tv_sec < 0 ? -EINVAL : 1;
}

static int64_t futex_wait(struct sc *c, int op, bool time64)
{
    struct timespec t;
    int has = get_timeout(c, c->a[3], time64, &t);
    if (has < 0)
        return has;
    /* Without a timeout an interrupted wait restarts under SA_RESTART (ERESTARTSYS);
     * with one it reports EINTR after a handler (the kernel's restart block). */
    c->restart = has ? RESTART_NEVER : RESTART_IF_SA;
    uint32_t val = abi_order32(c->abi, (uint32_t)c->a[2]);
    return host_futex_wait(c->a[0], op, val, has ? &t : NULL, 0, (uint32_t)c->a[5]);
}

/* LOCK_PI's timeout is on CLOCK_REALTIME, LOCK_PI2's on CLOCK_MONOTONIC unless the op
 * asks for the real-time clock; both absolute, as WAIT_BITSET's. */
static int64_t emul_lock_pi(struct sc *c, int op, bool try, const struct timespec *t)
{
    uint32_t *w = guest_wr(c->a[0], 4);
    if (!w)
        return -EFAULT;
    uint32_t self = (uint32_t)c->ts->tid;
    int wait_op = FUTEX_WAIT_BITSET | (op & FUTEX_PRIVATE_FLAG) |
                  (FUTEX_CMD(op) == FUTEX_LOCK_PI ? FUTEX_CLOCK_REALTIME
                                                  : op & FUTEX_CLOCK_REALTIME);
    bool waited = false;
    for (;;) {
        uint32_t raw = __atomic_load_n(w, __ATOMIC_RELAXED);
        uint32_t v = abi_order32(c->abi, raw);
        uint32_t owner = v & FUTEX_TID_MASK;
        if (owner == self)
            return -EDEADLK;
        if (owner == 0) {
            /* one that waited keeps WAITERS set: others may still sleep */
            uint32_t nv = self | (v & FUTEX_OWNER_DIED) | (waited ? FUTEX_WAITERS : 0);
            if (cas_word(c->abi, w, &raw, nv))
                return 0;
            continue;
        }
        if (try)
            return -EAGAIN;
        if (!(v & FUTEX_WAITERS)) {
            if (!cas_word(c->abi, w, &raw, v | FUTEX_WAITERS))
                continue;
            raw = abi_order32(c->abi, v | FUTEX_WAITERS);
        }
        waited = true;
        long r = host_futex_wait(c->a[0], wait_op, raw, t, 0, FUTEX_BITSET_MATCH_ANY);
        if (r == -ETIMEDOUT || r == -EINTR)
            return r;
    }
}

static int64_t emul_unlock_pi(struct sc *c, int op)
{
    uint32_t *w = guest_wr(c->a[0], 4);
    if (!w)
        return -EFAULT;
    uint32_t raw = __atomic_load_n(w, __ATOMIC_RELAXED);
    for (;;) {
        uint32_t v = abi_order32(c->abi, raw);
        if ((v & FUTEX_TID_MASK) != (uint32_t)c->ts->tid)
            return -EPERM;
        if (cas_word(c->abi, w, &raw, 0)) {
            if (v & FUTEX_WAITERS)
                host_futex(c->a[0], FUTEX_WAKE | (op & FUTEX_PRIVATE_FLAG), 1, NULL, 0, 0);
            return 0;
        }
    }
}

static int64_t futex_pi_other_order(struct sc *c, int op, bool time64)
{
    int cmd = FUTEX_CMD(op);
    if (cmd == FUTEX_UNLOCK_PI)
        return emul_unlock_pi(c, op);
    if (cmd == FUTEX_TRYLOCK_PI)
        return emul_lock_pi(c, op, true, NULL);
    if (cmd != FUTEX_LOCK_PI && cmd != FUTEX_LOCK_PI2)
        return -ENOSYS;
    struct timespec t;
    int has = get_timeout(c, c->a[3], time64, &t);
    if (has < 0)
        return has;
    c->restart = RESTART_ALWAYS;
    return emul_lock_pi(c, op, false, has ? &t : NULL);
}

static int64_t futex_pi(struct sc *c, int op, bool time64)
{
    if (c->abi->big_endian)
        return futex_pi_other_order(c, op, time64);
    int cmd = FUTEX_CMD(op);
    if (cmd == FUTEX_UNLOCK_PI || cmd == FUTEX_TRYLOCK_PI)
        return host_futex(c->a[0], op, (uint32_t)c->a[2], NULL, 0, 0);
    if (cmd == FUTEX_CMP_REQUEUE_PI) {
        if (c->a[4] & 3 || !guest_rd(c->a[4], 4))
            return c->a[4] & 3 ? -EINVAL : -EFAULT;
        return host_futex(c->a[0], op, (uint32_t)c->a[2], (void *)(uintptr_t)(uint32_t)c->a[3],
                          c->a[4], (uint32_t)c->a[5]);
    }
    struct timespec t;
    int has = get_timeout(c, c->a[3], time64, &t);
    if (has < 0)
        return has;
    /* An interrupted LOCK_PI is restarted whatever the handler says (ERESTARTNOINTR). */
    c->restart = cmd == FUTEX_WAIT_REQUEUE_PI ? RESTART_IF_SA : RESTART_ALWAYS;
    if (cmd == FUTEX_WAIT_REQUEUE_PI && (c->a[4] & 3 || !guest_rd(c->a[4], 4)))
        return c->a[4] & 3 ? -EINVAL : -EFAULT;
    return host_futex_wait(c->a[0], op, (uint32_t)c->a[2], has ? &t : NULL,
                           cmd == FUTEX_WAIT_REQUEUE_PI ? c->a[4] : 0, 0);
}

static int64_t requeue(struct sc *c, int op)
{
    if (c->a[4] & 3)
        return -EINVAL;
    if (!guest_rd(c->a[4], 4))
        return -EFAULT;
    uint32_t n2 = (uint32_t)c->a[3];             /* the timeout argument is a count here */
    uint32_t cmp = FUTEX_CMD(op) == FUTEX_CMP_REQUEUE ? abi_order32(c->abi, (uint32_t)c->a[5])
                                                      : 0;
    return host_futex(c->a[0], op, (uint32_t)c->a[2], (void *)(uintptr_t)n2, c->a[4], cmp);
}

static int64_t do_futex(struct sc *c, bool time64)
{
    uint64_t uaddr = c->a[0];
    int op = (int)c->a[1];
    if (uaddr & 3)
        return -EINVAL;
    if (!guest_rd(uaddr, 4))
        return -EFAULT;
    switch (FUTEX_CMD(op)) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
        return futex_wait(c, op, time64);
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
        return host_futex(uaddr, op, (uint32_t)c->a[2], NULL, 0, (uint32_t)c->a[5]);
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
        return requeue(c, op);
    case FUTEX_WAKE_OP:
        return wake_op(c, uaddr, op, (uint32_t)c->a[2], (uint32_t)c->a[3], c->a[4],
                       (uint32_t)c->a[5]);
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_UNLOCK_PI:
    case FUTEX_TRYLOCK_PI:
    case FUTEX_WAIT_REQUEUE_PI:
    case FUTEX_CMP_REQUEUE_PI:
        return futex_pi(c, op, time64);
    default:
        return -ENOSYS;                         /* FUTEX_FD is gone since Linux 2.6.26 */
    }
}

static int64_t sys_futex(struct sc *c) { return do_futex(c, c->abi->word_size == 8); }
static int64_t sys_futex_time64(struct sc *c) { return do_futex(c, true); }

/* ---- thread exit (the kernel's exit_robust_list and mm_release) ---- */

/* The dying thread owned the lock: mark it, wake one waiter (non-PI, and PI locks of
 * big-endian guests, which this file runs: otherwise the kernel wakes PI waiters when it
 * drops the PI state, which the host does for this host thread). */
static void futex_owner_died(const struct syscall_table *abi, uint64_t addr, int tid, bool pi,
                             bool pending)
{
    uint32_t *w = (addr & 3) ? NULL : guest_wr(addr, 4);
    if (!w)
        return;
    uint32_t raw = __atomic_load_n(w, __ATOMIC_RELAXED);
    for (;;) {
        uint32_t v = abi_order32(abi, raw);
        if (pending && !pi && v == 0) {
            host_futex(addr, FUTEX_WAKE, 1, NULL, 0, 0);
            return;
        }
        if ((int)(v & FUTEX_TID_MASK) != tid)
            return;
        uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
        if (cas_word(abi, w, &raw, nv)) {
            if ((!pi || abi->big_endian) && (v & FUTEX_WAITERS))
                host_futex(addr, FUTEX_WAKE, 1, NULL, 0, 0);
            return;
        }
    }
}

/* A list pointer with the PI flag in bit 0. */
static bool fetch_entry(const struct syscall_table *abi, uint64_t at, uint64_t *entry, bool *pi)
{
    const void *p = guest_rd(at, abi->word_size);
    if (!p)
        return false;
    uint64_t v = abi_ldword(abi, p);
    *entry = v & ~1ull;
    *pi = v & 1;
    return true;
}

static void walk_robust_list(const struct syscall_table *abi, struct thread_state *ts)
{
    unsigned w = abi->word_size;
    uint64_t head = ts->robust_list, entry, pending, next;
    bool pi, pending_pi, next_pi;
    const void *offp = guest_rd(head + w, w);
    if (!offp || !fetch_entry(abi, head, &entry, &pi) ||
        !fetch_entry(abi, head + 2 * w, &pending, &pending_pi))
        return;
    int64_t offset = abi_sext_word(abi, abi_ldword(abi, offp));
    for (int limit = ROBUST_LIST_LIMIT; entry != head && limit > 0; limit--) {
        bool ok = fetch_entry(abi, entry, &next, &next_pi);
        if (entry != pending)
            futex_owner_died(abi, entry + (uint64_t)offset, ts->tid, pi, false);
        if (!ok)
            return;
        entry = next;
        pi = next_pi;
    }
    if (pending)
        futex_owner_died(abi, pending + (uint64_t)offset, ts->tid, pending_pi, true);
}

void futex_robust_exit(struct thread_state *ts)
{
    if (ts && ts->robust_list)
        walk_robust_list(linux_proc.abi, ts);
}

void futex_thread_exit(struct thread_state *ts)
{
    futex_robust_exit(ts);
    if (ts->clear_child_tid) {
        uint32_t *w = (ts->clear_child_tid & 3) ? NULL : guest_wr(ts->clear_child_tid, 4);
        if (w) {
            __atomic_store_n(w, 0, __ATOMIC_SEQ_CST);
            host_futex(ts->clear_child_tid, FUTEX_WAKE, 1, NULL, 0, 0);
        }
    }
}

const struct syscall_def syscalls_futex[] = {
    { GSYS_futex, sys_futex, { A_PTR, A_INT, A_UINT, A_PTR, A_PTR, A_UINT }, R_INT, 0 },
    { GSYS_futex_time64, sys_futex_time64,
      { A_PTR, A_INT, A_UINT, A_PTR, A_PTR, A_UINT }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
