/* Run-time helpers of the MIPS integer translator and the facts they share with it.
 * Contract: helpers take the CPU state (env) first; none raises guest exceptions or
 * touches guest registers. */
#ifndef TARGET_MIPS_HELPER_H
#define TARGET_MIPS_HELPER_H

#include <stdint.h>

/* EXCP_TARGET codes (cpu.c's target_exception turns them into signals). */
enum { MIPS_EXCP_TRAP = 1 };    /* trap instruction: SIGTRAP as Linux's do_tr */

/* rdhwr values of the emulated core: SYNCI_Step (cache line bytes) and CCRes (the
 * cycle counter advances every other cycle, as on the 24K family). */
enum { MIPS_SYNCI_STEP = 32, MIPS_CC_RES = 2 };

/* rdhwr $2 (CC): a cycle counter derived from the host's monotonic clock at a nominal
 * 100 MHz count rate. */
uint64_t helper_mips_cycle_counter(void *env);

#endif
