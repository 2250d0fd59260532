/* Temporary stand-ins for the JIT core while it is written (removed when tb.c and
 * exec.c land). */
#include <errno.h>
#include <stdlib.h>
#include "tcg/exec.h"

void tb_invalidate_range(uint64_t start, uint64_t end) { (void)start; (void)end; }
int tcg_init(const struct target_ops *ops, const struct tcg_options *opt) { return -ENOSYS; }
struct cpu_common *cpu_new(const struct target_ops *ops, const char *model) { return NULL; }
void cpu_free(struct cpu_common *cpu) { free(cpu); }
struct cpu_common *cpu_current(void) { return NULL; }
int cpu_exec(struct cpu_common *cpu) { return EXCP_HALT; }
void cpu_raise(struct cpu_common *cpu, int excp, uintptr_t ra) { abort(); }
void cpu_exit_request(struct cpu_common *cpu) { }
bool tcg_handle_fault(int sig, siginfo_t *si, void *uc) { return false; }
void tcg_print_stats(FILE *f) { }
