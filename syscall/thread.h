/* Per-thread state of the Linux layer, the list of the process's guest threads, and the
 * guest signal sets a thread holds.
 * Contract: every host thread that runs guest code has one struct thread_state,
 * reachable as cpu->ts and as thread_self() (which also works inside host signal
 * handlers). Guest tid = host tid. Only the owning thread changes its state, except
 * 'pending'/'info' and 'sig_flag', which the host signal handler running ON THAT THREAD
 * sets (pending bits atomically, after filling info). Signal sets are indexed by GUEST
 * signal numbers: bit (s - 1) is signal s, up to 128 signals.
 * The thread list (thread_register ...) is what exit_group, fork and get_robust_list
 * need to know about the other threads; it has its own lock. */
#ifndef SYSCALL_THREAD_H
#define SYSCALL_THREAD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "syscall/siginfo.h"
#include "tcg/cpu.h"

#define GSIG_MAX 128

typedef struct {
    uint64_t w[2];
} gsigset;

static inline void gsigset_clear(gsigset *s) { s->w[0] = s->w[1] = 0; }
static inline bool gsig_valid(int sig) { return sig >= 1 && sig <= GSIG_MAX; }
static inline void gsigset_add(gsigset *s, int sig)
{
    if (gsig_valid(sig))
        s->w[(sig - 1) / 64] |= 1ull << ((sig - 1) % 64);
}
static inline void gsigset_del(gsigset *s, int sig)
{
    if (gsig_valid(sig))
        s->w[(sig - 1) / 64] &= ~(1ull << ((sig - 1) % 64));
}
static inline bool gsigset_has(const gsigset *s, int sig)
{
    return gsig_valid(sig) && (s->w[(sig - 1) / 64] >> ((sig - 1) % 64) & 1);
}

struct thread_state {
    int tid;                            /* host tid = guest tid */
    struct cpu_common *cpu;
    gsigset blocked;                    /* the guest's signal mask */
    /* sigsuspend, ppoll, pselect6: 'blocked' is a temporary mask for the call and this
     * is the real one, which a handler frame saves and the end of the call restores. */
    bool mask_saved;
    gsigset saved_mask;
    /* Guest signals this thread holds for delivery, one instance each (the host keeps
     * further instances queued: a held signal stays blocked on the host). */
    _Atomic uint64_t pending[2];
    struct gsiginfo info[GSIG_MAX + 1];
    /* A synchronous fault: delivered before anything else, even if blocked. */
    int sync_sig;
    struct gsiginfo sync_info;
    /* Set by the host handler when it records a signal; blocking calls made through
     * safe_syscall() fail with EINTR while it is set (syscall/safe-syscall.h). */
    atomic_int sig_flag;
    /* sigaltstack as the guest set it */
    uint64_t altstack_sp, altstack_size;
    int altstack_flags;
    uint64_t clear_child_tid;           /* set_tid_address, CLONE_CHILD_CLEARTID */
    uint64_t robust_list, robust_list_len;
    void *host_altstack;                /* crossrun's own sigaltstack for this thread */
    struct thread_state *next;          /* the thread list */
};

/* A zeroed state for the calling thread (tid filled in), or NULL without memory. */
struct thread_state *thread_new(void);
/* The calling thread's state, or NULL in threads that run no guest code. */
struct thread_state *thread_self(void);
/* Makes ts the calling thread's state and links it with cpu (both ways). */
void thread_attach(struct thread_state *ts, struct cpu_common *cpu);
/* The calling thread no longer has a state (it is about to end). */
void thread_forget(void);

/* The list of live guest threads. register/unregister return the number left. */
int thread_register(struct thread_state *ts);
int thread_unregister(struct thread_state *ts);
int thread_count(void);
/* Calls fn for each thread (under the list lock: fn must not take it again). */
void thread_for_each(void (*fn)(struct thread_state *ts, void *opaque), void *opaque);
/* The robust list head of thread tid of this process; false if there is no such thread. */
bool thread_robust_list(int tid, uint64_t *head, uint64_t *len);
/* fork(): hold the list lock across the fork; in the child only 'self' is left. */
void thread_fork_prepare(void);
void thread_fork_parent(void);
void thread_fork_child(struct thread_state *self);

static inline void thread_set_pending(struct thread_state *ts, int sig)
{
    if (gsig_valid(sig))
        atomic_fetch_or(&ts->pending[(sig - 1) / 64], 1ull << ((sig - 1) % 64));
}
static inline void thread_clear_pending(struct thread_state *ts, int sig)
{
    if (gsig_valid(sig))
        atomic_fetch_and(&ts->pending[(sig - 1) / 64], ~(1ull << ((sig - 1) % 64)));
}
static inline gsigset thread_pending(struct thread_state *ts)
{
    gsigset s = { { atomic_load(&ts->pending[0]), atomic_load(&ts->pending[1]) } };
    return s;
}

#endif
