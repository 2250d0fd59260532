/* Loading a guest program: ELF file -> mapped guest image + initial stack.
 * Contract: loader_exec() maps the program (and its PT_INTERP interpreter) into guest
 * memory through guest_mmap(), builds the stack exactly as the target's Linux kernel
 * does (argc, argv, envp, auxv, strings, AT_RANDOM bytes) and fills image_info. On
 * error it returns -errno or -ENOEXEC and writes a one-line reason (without the file
 * name; main prefixes it) to err. */
#ifndef LOADER_LOADER_H
#define LOADER_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct target_ops;

struct image_info {
    uint64_t load_bias;          /* ET_DYN: added to every p_vaddr; ET_EXEC: 0 */
    uint64_t entry;              /* where execution starts (the interpreter's, if any) */
    uint64_t prog_entry;         /* the program's own entry (AT_ENTRY) */
    uint64_t phdr, phent, phnum; /* AT_PHDR/AT_PHENT/AT_PHNUM */
    uint64_t interp_base;        /* AT_BASE: 0 when static */
    uint64_t start_code, end_code, start_data, end_data;
    uint64_t start_brk, brk;     /* initial program break (page-aligned end of bss) */
    uint64_t stack_top, stack_limit;   /* the stack mapping [limit, top) */
    uint64_t sp;                 /* initial stack pointer */
    uint64_t arg_start, arg_end, env_start, env_end;   /* strings, for /proc/self/cmdline */
    uint64_t auxv, auxv_len;     /* guest address and byte length of auxv */
    uint64_t elf_flags;          /* e_flags of the main program */
    char exe_path[4096];         /* absolute host path of the program (/proc/self/exe) */
    char interp_path[4096];      /* host path of the interpreter actually loaded, or "" */
    /* Without -L: the target's cross_sysroot when the interpreter was found only there
     * (then it is the guest's root for every path, as -L would be), else NULL. */
    const char *auto_root;
};

struct loader_opts {
    const char *ld_prefix;       /* -L: sysroot for PT_INTERP (and guest paths), or NULL */
    uint64_t stack_size;         /* -s: bytes (0: default 8 MiB) */
    const char *argv0;           /* -0: argv[0] as the guest sees it, or NULL */
};

/* Reads just enough of the header to pick a target. Returns NULL and fills err if the
 * file is not a usable ELF or no compiled-in target runs it. */
const struct target_ops *loader_detect(const char *path, char *err, size_t errlen);

/* Loads path for target ops (guest space must be initialized); argv/envp as the guest
 * will see them. */
int loader_exec(const struct target_ops *ops, const char *path, char *const argv[],
                char *const envp[], const struct loader_opts *opt, struct image_info *info,
                char *err, size_t errlen);

#endif
