/* Code cache flushes: with a tiny code cache a long toy program (thousands of TBs,
 * direct and indirect jumps, run several times over) fills the cache again and again;
 * the whole cache is flushed each time and the program must still compute the right
 * answer. Its own process: the cache size is a tcg_init option and tcg_init runs once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcg/exec.h"
#include "tcg/page.h"
#include "tcg/tb.h"
#include "toy_target.h"

#define CODE_BASE 0x100000u
#define CODE_SIZE 0x20000u
#define NBLOCKS 2500
#define PASSES 3

static struct toy_cpu *cpu;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    if (tcg_handle_fault(sig, si, uc))
        return;
    static const char msg[] = "test_jit_flush: fault outside guest code\n";
    if (write(2, msg, sizeof msg - 1) < 0)
        _exit(3);
    abort();
}

static int exec_cpu(void)
{
    /* cmocka installs its own crash handlers around each test */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    return cpu_exec(&cpu->common);
}

/* Block i: r1 += i; r2 += r1 * 3 (via add); then on to block i+1, every 7th block by jr
 * through r5 and the jump cache, the others by jmp. After the last block r4 counts
 * passes down and branches back to block 0. */
static uint64_t put_program(void)
{
    struct toy_asm a = { CODE_BASE };
    toy_emit(&a, TOY_LI, 4, 0, 0, PASSES);
    toy_emit(&a, TOY_LI, 6, 0, 0, 3);
    uint64_t first = a.pc;
    for (unsigned i = 0; i < NBLOCKS; i++) {
        toy_emit(&a, TOY_ADDI, 1, 1, 0, i);
        toy_emit(&a, TOY_MUL, 7, 1, 6, 0);
        toy_emit(&a, TOY_ADD, 2, 2, 7, 0);
        if (i % 7 == 3) {
            toy_emit(&a, TOY_LI, 5, 0, 0, (uint32_t)(a.pc + 16));
            toy_emit(&a, TOY_JR, 0, 5, 0, 0);
        } else {
            toy_emit(&a, TOY_JMP, 0, 0, 0, TOY_INSN_SIZE);
        }
    }
    toy_emit(&a, TOY_ADDI, 4, 4, 0, (uint32_t)-1);
    uint64_t b = toy_emit(&a, TOY_BNE, 0, 4, 0, 0);
    toy_patch_branch(b, first);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);
    assert_true(a.pc <= CODE_BASE + CODE_SIZE);
    return CODE_BASE;
}

static void long_program_survives_flushes(void **state)
{
    uint64_t entry = put_program();
    uint32_t r1 = 0, r2 = 0;
    for (unsigned p = 0; p < PASSES; p++)
        for (unsigned i = 0; i < NBLOCKS; i++) {
            r1 += i;
            r2 += r1 * 3;
        }

    struct tb_stats s0 = tb_stats;
    memset(cpu->r, 0, sizeof cpu->r);
    cpu->common.pc = entry;
    assert_int_equal(exec_cpu(), EXCP_HALT);
    assert_int_equal(cpu->r[1], r1);
    assert_int_equal(cpu->r[2], r2);
    assert_int_equal(cpu->r[4], 0);
    /* the cache was too small for the program: flushed, more than once per pass */
    assert_true(tb_stats.flushes - s0.flushes >= PASSES);
    /* every block was translated again after the flushes */
    assert_true(tb_stats.tbs_translated - s0.tbs_translated >= (uint64_t)PASSES * NBLOCKS);
    /* chaining still happened between flushes */
    assert_true(tb_stats.chains_made - s0.chains_made > NBLOCKS);
}

/* After all that, a small loop still chains and runs from the cache. */
static void small_loop_after_flushes(void **state)
{
    uint64_t at = CODE_BASE + CODE_SIZE - 0x100;
    struct toy_asm a = { at };
    toy_emit(&a, TOY_LI, 1, 0, 0, 0);
    toy_emit(&a, TOY_LI, 2, 0, 0, 1000);
    uint64_t l = toy_emit(&a, TOY_ADDI, 1, 1, 0, 2);
    toy_emit(&a, TOY_ADDI, 2, 2, 0, (uint32_t)-1);
    uint64_t b = toy_emit(&a, TOY_BNE, 0, 2, 0, 0);
    toy_patch_branch(b, l);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);
    for (int k = 0; k < 2; k++) {
        struct tb_stats s0 = tb_stats;
        cpu->common.pc = at;
        assert_int_equal(exec_cpu(), EXCP_HALT);
        assert_int_equal(cpu->r[1], 2000);
        assert_true(tb_stats.loop_exits - s0.loop_exits <= 5);
    }
}

static int setup(void **state)
{
    if (guest_space_init(32, 12, 0, 0) < 0)
        return -1;
    if (toy_map(CODE_BASE, CODE_SIZE, PAGE_READ | PAGE_EXEC | PAGE_WRITE))
        return -1;
    /* room for a few dozen TBs at a time */
    struct tcg_options o = { .code_cache_size = 64u << 10 };
    if (tcg_init(&toy_ops, &o) < 0)
        return -1;
    cpu = (struct toy_cpu *)cpu_new(&toy_ops, NULL);
    return cpu ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_program_survives_flushes),
        cmocka_unit_test(small_loop_after_flushes),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
