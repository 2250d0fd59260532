/* Shared set-up for the JIT back-end tests (test_jit_ir.c, test_jit_random.c,
 * test_jit_opt.c): a fake CPU state whose fields the IR uses as globals, a guest-memory
 * buffer at guest_base, and "build the same IR, run it through the interpreter and
 * through the real pipeline, compare everything" in one call.
 *
 * Without tcg_init: the tests drive tb_storage_init + cg_build_prologue + cg_generate +
 * cg_enter themselves, so every IR shape can be tried without a guest ISA. */
#ifndef TESTS_UNIT_TEST_JIT_HARNESS_H
#define TESTS_UNIT_TEST_JIT_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg/cpu.h"
#include "tcg/ir.h"

#define TENV_NG32 8
#define TENV_NG64 8
#define TENV_NSCRATCH 16

/* The CPU state of the tests: cpu_common first, as generated code expects. Globals are
 * g32[] and g64[]; scratch[] is only ever touched by host ld/st ops (never aliasing a
 * global, as the IR contract requires); out[] receives results of hand-built cases. */
struct tenv {
    struct cpu_common common;
    uint64_t g64[TENV_NG64];
    uint32_t g32[TENV_NG32];
    uint64_t scratch[TENV_NSCRATCH];
    uint64_t out[16];
};

#define JH_GMEM_SIZE 65536u

struct jh {
    struct ir ir;
    ir_i32 g32[TENV_NG32];
    ir_i64 g64[TENV_NG64];
};

/* Once per process: host features, guest memory at guest_base, code cache, prologue. */
void jh_setup(void);
/* Guest memory (at guest_base, JH_GMEM_SIZE bytes). */
uint8_t *jh_gmem(void);

/* Host features the back end may use: all the host has, or the baseline (popcnt only),
 * so the fallback lowering (bsr/bsf, shifts by cl, bswap instead of movbe) runs too. */
void jh_features(bool all);

/* A fresh IR with the tenv globals registered. */
void jh_ir_init(struct jh *h, unsigned guest_addr_bits);
void jh_ir_free(struct jh *h);

/* Compiles ir as it is (the caller ran ir_optimize/ir_liveness or not) into code slot
 * n (0..3, so several snippets can coexist); returns the entry or NULL. */
void *jh_compile(struct ir *ir, unsigned slot);
/* The struct tb that code slot n was last compiled for (chaining tests patch it). */
struct tb *jh_slot_tb(unsigned slot);
/* Runs compiled code on env with the current guest memory; returns exit_tb's value. */
uintptr_t jh_run(void *code, struct tenv *env);

/* Builds the IR to test into h (called again for each pipeline variant, so it must be
 * deterministic). */
typedef void (*jh_build_fn)(struct jh *h, void *arg);

enum {
    JH_OPT = 1 << 0,            /* also check the ir_optimize + ir_liveness variant */
    JH_NOOPT = 1 << 1,          /* also check the ir_liveness-only variant */
    JH_BOTH = JH_OPT | JH_NOOPT,
};

/* The differential check: the interpreter on the IR as built is the reference; then for
 * each requested variant the interpreter on the transformed IR and the generated code
 * must produce the same exit value, CPU state and guest memory. env0/gmem0 are the
 * initial state (gmem0 may be NULL for zeroes). On the first difference it prints what
 * differs (and the IR, labelled with 'what') and returns false. If res_env is not NULL
 * it receives the reference final state. */
bool jh_check(jh_build_fn build, void *arg, unsigned addr_bits, const struct tenv *env0,
              const uint8_t *gmem0, unsigned variants, const char *what,
              struct tenv *res_env);

/* Number of IR variants compiled and compared so far (so tests can assert they ran). */
extern unsigned long jh_runs;

#endif
