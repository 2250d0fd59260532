/* Running guest code: the JIT's public face for the loader and the Linux layer.
 * Contract: tcg_init() once per process; each guest thread owns a cpu_common (made by
 * cpu_new) and calls cpu_exec() in a loop: it runs translated code until something
 * needs the outside world (syscall, fault, signal) and returns an enum excp, with the
 * guest state exact at the faulting or trapping instruction. */
#ifndef TCG_EXEC_H
#define TCG_EXEC_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/cpu.h"

struct target_ops;

struct tcg_options {
    size_t code_cache_size;     /* bytes; 0 for the default */
    bool single_step;           /* one guest instruction per TB (debugging) */
    bool no_chain;              /* never patch direct jumps (debugging) */
    bool perf_map;              /* write /tmp/perf-PID.map so perf can name TBs */
};

int tcg_init(const struct target_ops *ops, const struct tcg_options *opt);

/* A fresh CPU for the target, with its jump cache; NULL on allocation failure. */
struct cpu_common *cpu_new(const struct target_ops *ops, const char *model);
void cpu_free(struct cpu_common *cpu);
/* The CPU of the calling thread (set by cpu_exec), or NULL. */
struct cpu_common *cpu_current(void);

/* Runs guest code until an exception; returns it (also in cpu->exception). */
int cpu_exec(struct cpu_common *cpu);

/* From a helper called by generated code: the guest state at the call site (ra is the
 * helper's __builtin_return_address(0)) is restored, then cpu_exec returns excp. */
_Noreturn void cpu_raise(struct cpu_common *cpu, int excp, uintptr_t ra);
/* From a helper called by generated code: the IEEE exception flags (IR_FPX_*, ir.h)
 * that inline float ops raised since this run of generated code began or since the
 * last call, which are then forgotten. A target reading its FP status register in
 * generated code folds them in first; writing it discards them. */
unsigned jit_fp_take_flags(void);
/* Ask the thread's CPU to leave generated code at the next block boundary. */
void cpu_exit_request(struct cpu_common *cpu);

/* Called first by the host SIGSEGV/SIGBUS/SIGILL/SIGFPE handler. Returns false if the
 * fault did not come from guest execution (then it is a crossrun bug). Otherwise it does
 * not return: it retries the access (self-modifying code) or leaves cpu_exec with
 * EXCP_SEGV/EXCP_BUS/... and the guest state of the faulting instruction. */
bool tcg_handle_fault(int sig, siginfo_t *si, void *uc);

/* Throws away translations of guest code in [start, end) (cacheflush, munmap,
 * mprotect dropping PROT_EXEC, self-modifying stores). */
void tb_invalidate_range(uint64_t start, uint64_t end);

/* fork() from a thread: the child process has only the calling thread, which is not
 * running guest code (it is in a system call). prepare takes every JIT lock another
 * thread might hold (call it after the Linux layer's mmap lock); parent releases
 * them; child releases them and forgets the other threads' CPUs and running state. */
void tcg_fork_prepare(void);
void tcg_fork_parent(void);
void tcg_fork_child(void);

/* -d stats */
void tcg_print_stats(FILE *f);

#endif
