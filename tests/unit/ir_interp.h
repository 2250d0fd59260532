/* A reference interpreter for struct ir, used only by tests to cross-check the optimizer
 * and the x86-64 back end (DESIGN.md: "an IR interpreter used only to cross-check the
 * back end in tests"). It executes ops in order exactly as tcg/ir-ops.h defines them:
 * globals are read and written directly in the CPU state (env + mem_offset), guest
 * memory is a host buffer, helper calls are made for real.
 *
 * It is deliberately strict: anything ir-ops.h leaves undefined (a shift count out of
 * range, division by zero, reading a temp that holds no value, a guest access outside
 * the buffer) stops it with INTERP_UNDEFINED and a message, so a test that builds bad IR
 * finds out instead of comparing two arbitrary answers. */
#ifndef TESTS_UNIT_IR_INTERP_H
#define TESTS_UNIT_IR_INTERP_H

#include <stdint.h>

#include "tcg/ir.h"

struct interp_env {
    void *env;                 /* value of the fixed env temp; globals live here */
    uint8_t *gmem;             /* host address of guest address 0 */
    uint64_t gmem_size;        /* guest accesses must stay below this */
    uint64_t tb_pc;            /* pc chk_exit stores when exit_request is set */
    uint64_t max_steps;        /* 0: a default large enough for any test */
};

enum interp_status {
    INTERP_EXIT,               /* exit_tb (also the unchained path of goto_tb) */
    INTERP_GOTO_PTR,           /* goto_ptr: the jump cache lives in host code, stop here */
    INTERP_FAULT_ALIGN,        /* MO_ALIGN check failed: addr is the guest address */
    INTERP_UNDEFINED,          /* the IR did something ir-ops.h leaves undefined */
};

struct interp_result {
    enum interp_status status;
    uintptr_t exit_val;        /* exit_tb's value; chk_exit's exit gives 2 */
    uint64_t addr;             /* INTERP_FAULT_ALIGN: the guest address */
    uint32_t op_index;         /* the op that stopped execution */
    char msg[160];             /* INTERP_UNDEFINED: what went wrong */
};

/* Runs ir from its first op; returns res->status. */
enum interp_status ir_interp(const struct ir *ir, const struct interp_env *e,
                             struct interp_result *res);

#endif
