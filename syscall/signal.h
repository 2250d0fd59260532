/* Guest signals: the guest's dispositions, the host handlers that feed them, and
 * delivery at block boundaries and after system calls.
 * Contract: signal_init() (from linux_init) installs a host handler for every
 * catchable host signal. Host faults (SIGSEGV/SIGBUS/SIGILL/SIGFPE raised by the CPU)
 * go to tcg_handle_fault() first; a fault it does not claim is a crossrun bug and
 * aborts with a message. Other host signals become pending guest signals of the thread
 * that got them and ask its CPU to leave generated code; cpu_loop then calls
 * signal_deliver(). Delivery follows the guest's action: ignore, default (ignore, stop,
 * or die of the same signal so the parent sees the right wait status, without an
 * emulator core dump), or the guest handler through ops->setup_frame.
 * Guest dispositions are process-wide; masks and pending sets are per thread
 * (syscall/thread.h). Signal numbers here are the GUEST's unless named host_. */
#ifndef SYSCALL_SIGNAL_H
#define SYSCALL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "syscall/thread.h"
#include "tcg/cpu.h"

/* Handler values with the same meaning on every Linux ABI. */
#define GSIG_DFL 0
#define GSIG_IGN 1

/* A guest action in generic form; flags are the GUEST's SA_ bits. */
struct guest_sigaction {
    uint64_t handler, flags, restorer;
    gsigset mask;
};

int signal_init(void);

struct syscall_table;
/* The guest's sigset_t is nsig bits in words of its word size, signal 1 in bit 0 of
 * the first word; these move it between such words and a gsigset. */
unsigned sigset_words(const struct syscall_table *abi);
void gsigset_from_words(const struct syscall_table *abi, const uint64_t *words, gsigset *s);
void gsigset_to_words(const struct syscall_table *abi, const gsigset *s, uint64_t *words);

/* rt_sigaction's core: old and act may be NULL. -EINVAL for bad numbers and for
 * changing SIGKILL/SIGSTOP. */
int signal_action(int sig, const struct guest_sigaction *act, struct guest_sigaction *old);

/* A synchronous signal from the guest's own instruction (cpu_loop); delivered before
 * anything else, even when blocked or ignored (then with the default action). */
void signal_raise_sync(struct thread_state *ts, int host_sig, int code, uint64_t addr);

/* Delivers what is pending and not blocked (at most one handler frame per call). */
void signal_deliver(struct cpu_common *cpu);

/* After a host call returned EINTR: acts on the pending signals that need no guest
 * handler (drop ignored ones, stop, or die) and returns true if the call should simply
 * be restarted, false if a guest handler must run (the guest then sees EINTR). */
bool signal_restart_after_eintr(struct thread_state *ts);

/* After a call returned EINTR because a guest handler must run: does that handler
 * want the call restarted (SA_RESTART)? */
bool signal_handler_restarts(struct thread_state *ts);

/* The mask changed (rt_sigprocmask, sigreturn): make sure newly unblocked pending
 * signals get delivered soon. */
void signal_mask_changed(struct thread_state *ts);

/* Dies of the host signal's default action (flushing logs first); for core-dumping
 * signals the emulator itself dumps no core. */
_Noreturn void signal_die(int host_sig);

#endif
