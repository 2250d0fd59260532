/* The debugging options of tcg_init: single_step (one guest instruction per TB) and
 * no_chain (never patch direct jumps). With both, every guest instruction is its own TB
 * and every TB is entered from the main loop; programs still compute the same results.
 * Its own process: options are fixed by the one tcg_init call. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "tcg/exec.h"
#include "tcg/page.h"
#include "tcg/tb.h"
#include "toy_target.h"

#define CODE_BASE 0x10000u
#define UNMAPPED 0x7000000u

static struct toy_cpu *cpu;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    if (tcg_handle_fault(sig, si, uc))
        return;
    static const char msg[] = "test_jit_options: fault outside guest code\n";
    if (write(2, msg, sizeof msg - 1) < 0)
        _exit(3);
    abort();
}

static int exec_at(uint64_t pc)
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
    cpu->common.pc = pc;
    return cpu_exec(&cpu->common);
}

static void one_insn_per_tb_no_chaining(void **state)
{
    struct toy_asm a = { CODE_BASE };
    toy_emit(&a, TOY_LI, 1, 0, 0, 0);
    toy_emit(&a, TOY_LI, 2, 0, 0, 10);
    uint64_t l = toy_emit(&a, TOY_ADDI, 1, 1, 0, 3);
    toy_emit(&a, TOY_ADDI, 2, 2, 0, (uint32_t)-1);
    uint64_t b = toy_emit(&a, TOY_BNE, 0, 2, 0, 0);
    toy_patch_branch(b, l);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);

    struct tb_stats s0 = tb_stats;
    uint64_t e0 = cpu->common.tb_execs;
    assert_int_equal(exec_at(CODE_BASE), EXCP_HALT);
    assert_int_equal(cpu->r[1], 30);
    /* six instructions, six TBs */
    assert_int_equal(tb_stats.tbs_translated - s0.tbs_translated, 6);
    assert_int_equal(tb_stats.guest_insns - s0.guest_insns, 6);
    /* nothing chained: all 2 + 3 * 10 + 1 TB runs came from the main loop */
    assert_int_equal(tb_stats.chains_made - s0.chains_made, 0);
    assert_int_equal(cpu->common.tb_execs - e0, 33);
    assert_int_equal(tb_stats.loop_exits - s0.loop_exits, 33);
}

static void precise_fault_single_step(void **state)
{
    struct toy_asm a = { CODE_BASE + 0x1000 };
    toy_emit(&a, TOY_LI, 1, 0, 0, 5);
    toy_emit(&a, TOY_LI, 4, 0, 0, UNMAPPED);
    uint64_t ld = toy_emit(&a, TOY_LD, 5, 4, 0, 0);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);
    memset(cpu->r, 0, sizeof cpu->r);
    assert_int_equal(exec_at(CODE_BASE + 0x1000), EXCP_SEGV);
    assert_int_equal(cpu->common.pc, ld);
    assert_int_equal(cpu->common.excp_addr, UNMAPPED);
    assert_int_equal(cpu->r[1], 5);
    assert_int_equal(cpu->r[4], UNMAPPED);
}

static int setup(void **state)
{
    log_mask |= LOG_STATS;          /* generated code counts TB entries */
    if (guest_space_init(32, 12, 0, 0) < 0)
        return -1;
    if (toy_map(CODE_BASE, 2 * 4096, PAGE_RWX))
        return -1;
    struct tcg_options o = { .single_step = true, .no_chain = true };
    if (tcg_init(&toy_ops, &o) < 0)
        return -1;
    cpu = (struct toy_cpu *)cpu_new(&toy_ops, NULL);
    return cpu ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_insn_per_tb_no_chaining),
        cmocka_unit_test(precise_fault_single_step),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
