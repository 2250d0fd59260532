/* Guest signals: dispositions, the host handlers that feed them, the host signal masks
 * that mirror the guest's, and delivery at block boundaries and after system calls.
 * Contract: signal_init() (from linux_init) installs a host handler for every host
 * signal but SIGKILL/SIGSTOP. Host faults (SIGSEGV/SIGBUS/SIGILL/SIGFPE raised by the
 * CPU) go to tcg_handle_fault() first; a fault it does not claim is a crossrun bug and
 * aborts with a message. Any other host signal becomes a guest signal HELD by the thread
 * the host kernel picked, which then leaves generated code (cpu_exit_request) or its
 * blocking call (safe_syscall) and delivers it in signal_deliver(): ignore, default
 * (ignore, stop, or die of the same signal so the parent sees the right wait status,
 * without a core dump of the emulator), or the guest handler through ops->setup_frame.
 *
 * Each host thread's signal mask is the guest thread's mask plus the signals it holds
 * (signal_host_mask), so the host kernel itself routes process-directed signals to a
 * thread that accepts them, keeps blocked ones pending (with their queued real-time
 * instances and values), and wakes sigsuspend/sigtimedwait/ppoll exactly as it would
 * for the guest. Guest signal n is host signal n (the ABI table maps the ABIs whose
 * numbers differ); see signal.c for the two glibc-internal signals.
 * Guest dispositions are process-wide; masks and held signals are per thread
 * (syscall/thread.h). Signal numbers here are the GUEST's unless named host_/h. */
#ifndef SYSCALL_SIGNAL_H
#define SYSCALL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "syscall/siginfo.h"
#include "syscall/thread.h"
#include "tcg/cpu.h"

/* Handler values with the same meaning on every Linux ABI. */
#define GSIG_DFL 0
#define GSIG_IGN 1
/* stack_t flags, the same on every ABI */
enum { GSS_ONSTACK = 1, GSS_DISABLE = 2, GSS_AUTODISARM = 1u << 31 };

/* A guest action in generic form; flags are the GUEST's SA_ bits. */
struct guest_sigaction {
    uint64_t handler, flags, restorer;
    gsigset mask;
};

/* --- set-up (signal.c) --- */
int signal_init(void);
/* A new thread, before it runs guest code: crossrun's own alternate stack, the host mask
 * of its guest mask. signal_thread_exit blocks everything and frees what init made. */
int signal_thread_init(struct thread_state *ts);
void signal_thread_exit(struct thread_state *ts);
/* glibc's first pthread_create installs its own handler for signal 33 and unblocks 32
 * and 33 (its late_init): the creating thread takes them back for the guest. */
void signal_reclaim_internal(struct thread_state *ts);

struct syscall_table;
/* The guest's sigset_t is nsig bits in words of its word size, signal 1 in bit 0 of
 * the first word; these move it between such words and a gsigset. */
unsigned sigset_words(const struct syscall_table *abi);
void gsigset_from_words(const struct syscall_table *abi, const uint64_t *words, gsigset *s);
void gsigset_to_words(const struct syscall_table *abi, const gsigset *s, uint64_t *words);

/* Reads a guest sigset_t of size bytes at addr (not the ABI's size: -EINVAL), without
 * SIGKILL and SIGSTOP, which no mask holds. Returns 0 or -errno. */
int signal_read_guest_set(const struct syscall_table *abi, uint64_t addr, uint64_t size,
                          gsigset *s);

/* rt_sigaction's core: old and act may be NULL. -EINVAL for bad numbers and for
 * changing SIGKILL/SIGSTOP. */
int signal_action(int sig, const struct guest_sigaction *act, struct guest_sigaction *old);
/* A consistent copy of one action. */
struct guest_sigaction signal_get_action(int sig);
/* SA_RESETHAND: the action becomes the default (as its handler starts). */
void signal_reset_action(int sig);

/* --- masks (signal.c) --- */
/* The host mask for guest mask m: its signals, the ones this thread holds, never the
 * host's fault signals. */
uint64_t signal_host_mask(struct thread_state *ts, const gsigset *m);
/* The host signals of a guest set (for host calls that take a set to wait for). */
uint64_t signal_host_bits(const gsigset *s);
/* Makes the host mask match ts->blocked and the held signals again. */
void signal_sync_host_mask(struct thread_state *ts);
/* The guest mask changed (rt_sigprocmask, sigreturn): host mask, and held signals that
 * became deliverable get delivered soon. */
void signal_set_mask(struct thread_state *ts, const gsigset *m);
/* For sigsuspend, ppoll, pselect6 ...: m is the mask until the call ends; the real one
 * comes back in signal_deliver, after a handler frame saved it. The host mask is left
 * alone: the host call takes signal_host_mask(ts, m) itself. */
void signal_set_temp_mask(struct thread_state *ts, const gsigset *m);
/* The mask argument of a call that waits with it (ppoll, pselect6, epoll_pwait,
 * io_pgetevents): reads it from guest memory and makes it the temporary mask; -EINTR at
 * once if that lets a held signal through, else 0 and the host mask to wait with. */
int signal_wait_mask(struct thread_state *ts, const struct syscall_table *abi, uint64_t addr,
                     uint64_t size, uint64_t *host);
/* rt_sigsuspend's wait (sigwait.c), for every call that suspends with a mask: sleeps
 * with m until a signal that needs a guest handler comes; returns -EINTR. */
struct sc;
int64_t signal_suspend(struct sc *c, const gsigset *m);
/* Held and host-pending signals of this thread, guest numbering (rt_sigpending). */
gsigset signal_pending_set(struct thread_state *ts);

/* --- delivery (sigdeliver.c) --- */
/* A synchronous signal from the guest's own instruction (cpu_loop); delivered before
 * anything else, even when blocked or ignored (then with the default action). */
void signal_raise_sync(struct thread_state *ts, int host_sig, int code, uint64_t addr);
/* Delivers what is held and not blocked: a handler frame for each, nested as the kernel
 * does, and restores a temporary mask. */
void signal_deliver(struct cpu_common *cpu);
/* Is there a held signal the thread would deliver now? */
bool signal_deliverable(struct thread_state *ts);
/* sigtimedwait: takes the lowest held signal in set (blocked or not). Returns it, or 0. */
int signal_take(struct thread_state *ts, const gsigset *set, struct gsiginfo *info);

/* After a host call returned EINTR: acts on the held signals that need no guest handler
 * (drop ignored ones, stop, or die) and returns true if the call should simply be made
 * again, false if a guest handler must run (the guest then sees EINTR or a restart). */
bool signal_restart_after_eintr(struct thread_state *ts);
/* After a call returned EINTR because a guest handler must run: does that handler
 * want the call restarted (SA_RESTART)? */
bool signal_handler_restarts(struct thread_state *ts);

/* For the targets' setup_frame: where a handler's frame goes. sp: the interrupted stack
 * pointer; onstack: the action has SA_ONSTACK. Returns the stack top to build the frame
 * below and fills saved[] with the stack_t (sp, flags, size) the frame records, as the
 * kernel's sigsp/__save_altstack; SS_AUTODISARM disarms the alternate stack here. */
uint64_t signal_frame_stack(struct thread_state *ts, uint64_t sp, bool onstack,
                            uint64_t saved[3]);
/* For the targets' rt_sigreturn: the stack_t the frame recorded comes back (errors are
 * ignored, as the kernel's restore_altstack does). sp: the restored stack pointer. */
void signal_restore_altstack(struct thread_state *ts, const uint64_t saved[3], uint64_t sp);
/* sigaltstack(2)'s core; sp is the caller's stack pointer. Returns 0 or -errno. */
bool signal_on_altstack(const struct thread_state *ts, uint64_t sp);
int signal_altstack(struct thread_state *ts, const uint64_t *nv, uint64_t ov[3], uint64_t sp,
                    uint64_t min_size);

/* Dies of the host signal's default action (flushing logs first); for core-dumping
 * signals the emulator itself dumps no core. */
_Noreturn void signal_die(int host_sig);

#endif
