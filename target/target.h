/* struct target_ops: the only door between generic code (loader, tcg, syscall) and a
 * guest architecture. Each target defines one or more instances (e.g. arm_ops) and lists
 * them in target/targets.c; generic code never includes a target's own headers.
 * Hooks marked "may be NULL" are optional; the others must be provided. */
#ifndef TARGET_TARGET_H
#define TARGET_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/cpu.h"

struct ir;
struct tr_ctx;
struct image_info;
struct syscall_table;

struct target_ops {
    const char *name;              /* "arm": the crossrun-<name> suffix and -cpu help */
    const char *const *aliases;    /* other accepted names (NULL-terminated) or NULL */

    /* --- ELF identity: does this target run a file with this header? --- */
    uint16_t elf_machine;          /* EM_ARM ... */
    uint8_t elf_class;             /* ELFCLASS32 / ELFCLASS64 */
    uint8_t elf_data;              /* ELFDATA2LSB / ELFDATA2MSB */
    /* Checks e_flags (ABI version, float ABI); returns NULL or a reason for refusal. */
    const char *(*elf_check_flags)(uint32_t e_flags);   /* may be NULL */

    /* --- address space facts --- */
    unsigned addr_bits;            /* 32 or 64: guest virtual address width in the JIT */
    bool big_endian;
    unsigned page_bits;            /* guest page size, log2 */
    uint64_t task_size;            /* first address user code cannot map */
    uint64_t stack_top;            /* where the initial stack ends (grows down) */
    uint64_t mmap_base;            /* where mmap(NULL, ...) starts looking, going down */
    uint64_t pie_base;             /* load address of ET_DYN main programs */
    uint64_t interp_base;          /* preferred load address of the ELF interpreter */
    /* 64-bit guests: bytes of host address space reserved as the guest's window when -R
     * is not given (0: none; guest addresses are then host addresses, see tcg/page.c) */
    uint64_t guest_space;

    /* --- Linux ABI facts for the loader and /proc --- */
    const char *uname_machine;     /* "armv7l" */
    const char *platform;          /* AT_PLATFORM string, or NULL for none */
    /* Where Debian's cross libraries for this guest live (/usr/<triplet>): without -L,
     * a program whose interpreter is missing on the host runs from this root. */
    const char *cross_sysroot;     /* may be NULL */
    uint64_t (*hwcap)(void);
    uint64_t (*hwcap2)(void);      /* may be NULL */
    /* Maps extra pages the kernel provides (ARM kuser helpers ...). Returns 0 or -errno. */
    int (*map_special_pages)(void);                        /* may be NULL */
    /* Writes the /proc/cpuinfo text for the emulated CPU. */
    void (*cpuinfo)(FILE *f);                               /* may be NULL */
    const struct syscall_table *syscalls;                   /* number -> generic syscall */

    /* --- CPU state --- */
    size_t cpu_size;               /* sizeof the target's CPU struct (starts with cpu_common) */
    /* Sets a new CPU to its reset state for the given -cpu model (NULL: default). */
    int (*cpu_init)(struct cpu_common *cpu, const char *model);
    /* Registers at program entry: pc, stack pointer and what the ABI puts in registers. */
    void (*cpu_set_entry)(struct cpu_common *cpu, uint64_t pc, uint64_t sp);
    /* Flags that select how code at the current pc is translated (e.g. Thumb). */
    uint32_t (*tb_flags)(const struct cpu_common *cpu);
    void (*cpu_dump)(const struct cpu_common *cpu, FILE *f);
    /* clone/fork: the new thread's or process's CPU, which already holds every guest
     * register of parent (the generic layer copies them; child == parent for fork: the
     * child process keeps its own copy). Sets what the kernel sets in the child: the
     * system call's result 0, the stack pointer
     * to new_sp when it is not 0, the TLS register to tls when clone_flags (Linux's
     * CLONE_* bits) has CLONE_SETTLS; and clears an exclusive/LL reservation.
     * May be NULL: guest threads then fail with ENOSYS (fork still works). */
    void (*cpu_clone)(struct cpu_common *child, const struct cpu_common *parent,
                      uint64_t new_sp, uint64_t tls, uint64_t clone_flags);
    /* The guest's stack pointer (sigaltstack: is the thread on its alternate stack?). */
    uint64_t (*cpu_sp)(const struct cpu_common *cpu);        /* may be NULL */

    /* --- JIT --- */
    void (*ir_init)(struct ir *ir);        /* registers the guest-register globals */
    /* Translates one TB starting at ctx->pc with ctx->flags (see tcg/translate.h). */
    void (*translate)(struct tr_ctx *ctx);
    /* After a fault at a guest instruction: set pc and the insn_start extra word. */
    void (*restore_state)(struct cpu_common *cpu, uint64_t pc, uint64_t extra);
    /* Capstone arch/mode for disassembling guest code translated with these flags. */
    void (*disas_mode)(uint32_t tb_flags, int *cs_arch, int *cs_mode);
    /* IEEE exception flags (IR_FPX_*, tcg/ir.h) that inline float ops raised: fold
     * them into the guest's FP status. NULL when the target emits no float ops. */
    void (*fp_flags)(struct cpu_common *cpu, unsigned fpx);

    /* --- system calls --- */
    /* Reads the syscall number and six arguments after EXCP_SYSCALL. */
    void (*syscall_args)(struct cpu_common *cpu, int *nr, uint64_t args[6]);
    /* Stores a result (negative errno on error) the way the ABI reports it. */
    void (*syscall_ret)(struct cpu_common *cpu, int64_t ret);
    /* Makes the guest re-execute the syscall instruction (for restarts). */
    void (*syscall_restart)(struct cpu_common *cpu);
    /* Target-private syscalls (ARM's 0xf0000 range); returns false if nr is not one. */
    bool (*private_syscall)(struct cpu_common *cpu, int nr, const uint64_t args[6],
                            int64_t *ret);                  /* may be NULL */
    /* Handles EXCP_TARGET; returns a host signal to deliver or 0. */
    int (*target_exception)(struct cpu_common *cpu);        /* may be NULL */

    /* --- signals (may be NULL until the target has them) --- */
    /* Pushes a guest signal frame and points the CPU at the handler; 0 or -errno. */
    int (*setup_frame)(struct cpu_common *cpu, int sig, const void *info_target,
                       const void *action_target, uint64_t blocked_mask);
    /* Undoes a frame at rt_sigreturn/sigreturn; returns the restored mask via *mask. */
    int (*sigreturn)(struct cpu_common *cpu, bool rt, uint64_t *mask);
};

/* All compiled-in targets, NULL-terminated. */
extern const struct target_ops *const target_list[];
const struct target_ops *target_by_name(const char *name);

#endif
