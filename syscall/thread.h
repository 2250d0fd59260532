/* Per-thread state of the Linux layer and the guest signal sets it holds.
 * Contract: every host thread that runs guest code has one struct thread_state,
 * reachable as cpu->ts and as thread_self() (which also works inside host signal
 * handlers). Only the owning thread changes it, except 'pending', which host signal
 * handlers of any thread may set (atomically). Signal sets are indexed by GUEST signal
 * numbers: bit (s - 1) is signal s, up to 128 signals. */
#ifndef SYSCALL_THREAD_H
#define SYSCALL_THREAD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

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

/* What we know about a signal waiting for delivery (guest numbering, host errno). */
struct pending_info {
    int code;                   /* si_code (guest value; SI_USER, SEGV_MAPERR ...) */
    int err;                    /* si_errno */
    int pid, uid;               /* sender, for SI_USER/SI_TKILL/SI_QUEUE */
    uint64_t addr;              /* si_addr for faults */
};

struct thread_state {
    int tid;                            /* host tid = guest tid */
    struct cpu_common *cpu;
    gsigset blocked;                    /* the guest's signal mask */
    /* Signals waiting for delivery; set by host handlers, cleared at delivery. */
    _Atomic uint64_t pending[2];
    struct pending_info info[GSIG_MAX + 1];
    /* A synchronous fault: delivered before anything else, even if blocked. */
    int sync_sig;
    /* sigaltstack as the guest set it */
    uint64_t altstack_sp, altstack_size;
    int altstack_flags;
    uint64_t clear_child_tid;           /* set_tid_address */
    uint64_t robust_list, robust_list_len;
};

/* A zeroed state for the calling thread (tid filled in), or NULL without memory. */
struct thread_state *thread_new(void);
/* The calling thread's state, or NULL in threads that run no guest code. */
struct thread_state *thread_self(void);
/* Makes ts the calling thread's state and links it with cpu (both ways). */
void thread_attach(struct thread_state *ts, struct cpu_common *cpu);

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
