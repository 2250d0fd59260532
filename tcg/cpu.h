/* The generic part of a guest CPU: the first member of every target's CPU state, so the
 * JIT and the Linux layer can reach it without knowing the target. Host code addresses
 * the whole state through env (a fixed host register); offsets of the fields below are
 * what generated code uses for the guest pc, exit requests and the jump cache. */
#ifndef TCG_CPU_H
#define TCG_CPU_H

#include <setjmp.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct tb;
struct target_ops;
struct thread_state;

/* One entry of a thread's jump cache: the host code for (pc, flags), or pc = ~0. */
struct jc_entry {
    uint64_t pc;
    uint32_t flags, pad;
    const void *code;
    const struct tb *tb;
};
#define JC_BITS 12
#define JC_SIZE (1u << JC_BITS)
/* Must match the hash the back end inlines for goto_ptr. */
static inline uint32_t jc_hash(uint64_t pc)
{
    return (uint32_t)((pc >> 1) ^ (pc >> (JC_BITS + 1))) & (JC_SIZE - 1);
}

/* Reasons cpu_exec() returns (exception), decided by the translator or a fault. */
enum excp {
    EXCP_NONE = 0,
    EXCP_INTERRUPT,      /* exit_request was set: pending signal or stop */
    EXCP_SYSCALL,        /* guest asked for a system call; pc is after the instruction */
    EXCP_UDEF,           /* undefined instruction: SIGILL, excp_addr = pc */
    EXCP_BKPT,           /* breakpoint: SIGTRAP */
    EXCP_SEGV,           /* memory fault: excp_addr = guest address, excp_code = si_code */
    EXCP_BUS,            /* alignment fault: SIGBUS */
    EXCP_FPE,            /* arithmetic trap: SIGFPE */
    EXCP_TARGET,         /* target-specific: excp_code says which (e.g. kernel helpers) */
    EXCP_HALT,           /* thread ends (exit) */
};

struct cpu_common {
    uint64_t pc;                  /* guest pc of the next instruction to run */
    atomic_int exit_request;      /* checked at every TB entry */
    int exception;                /* enum excp of the last cpu_exec() return */
    int excp_code;
    uint64_t excp_addr;
    uint32_t excp_insn;           /* undefined instruction's bytes, for logs */
    uint32_t pad;
    struct jc_entry *jc;          /* this thread's jump cache */
    const struct target_ops *ops;
    struct thread_state *ts;      /* the Linux layer's per-thread state */
    sigjmp_buf jmp;               /* cpu_raise() and faults return to cpu_exec() here */
    uint64_t tb_execs;            /* -d stats: TB entries counted by generated code */
    uint64_t jc_hits;             /* -d stats: indirect jumps resolved inline */
    bool in_jit;                  /* inside generated code or a helper (fault is ours) */
    uintptr_t helper_ra;          /* a helper touching guest memory sets its return address */
};

#endif
