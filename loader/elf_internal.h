/* Between the loader's two halves: elf.c maps files, stack.c builds the initial stack.
 * Also the seam the unit tests use to detect against their own target list.
 * Contract: functions return 0 or -errno and write a one-line reason to err. */
#ifndef LOADER_ELF_INTERNAL_H
#define LOADER_ELF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct target_ops;
struct image_info;

/* loader_detect() against an explicit NULL-terminated list. */
const struct target_ops *loader_detect_in(const struct target_ops *const *list,
                                          const char *path, char *err, size_t errlen);

/* Maps the stack: size bytes ending at the target's stack top (clipped to the guest
 * space), with a reserved guard page below. Sets info->stack_top and stack_limit. */
int stack_map(const struct target_ops *ops, uint64_t size, bool exec,
              struct image_info *info, char *err, size_t errlen);

/* Writes strings, AT_RANDOM bytes, argc/argv/envp and auxv below info->stack_top as
 * the target's kernel does. Reads info's phdr, phent, phnum, interp_base, prog_entry;
 * sets sp, arg_start/end, env_start/end, auxv and auxv_len. */
int stack_build(const struct target_ops *ops, char *const argv[], char *const envp[],
                const char *execfn, struct image_info *info, char *err, size_t errlen);

#endif
