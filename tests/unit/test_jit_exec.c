/* The JIT core through the real exec loop, with the toy guest ISA (toy_target.c):
 * loop results, block chaining and its statistics, unchaining on invalidation, the
 * inline jump cache, precise faults (the guest registers written earlier in the same TB
 * must come back from the fault-point register maps), exceptions, helper raises,
 * exit requests, and self-modifying code through write-protected code pages.
 *
 * One process, one tcg_init (it can only run once): every test uses its own guest code
 * page (or pages: long_straight_line has 16-18) so translations of one test never meet
 * another's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "tcg/exec.h"
#include "tcg/page.h"
#include "tcg/tb.h"
#include "toy_target.h"

#define CODE_BASE 0x10000u       /* 32 code pages, one per test */
#define DATA_BASE 0x40000u       /* read/write data */
#define RO_PAGE 0x50000u         /* read-only data */
#define UNMAPPED 0x7000000u

static struct toy_cpu *cpu;

static uint64_t code_page(unsigned n) { return CODE_BASE + 0x1000u * n; }

/* ---- running ---- */

struct watchdog {
    pthread_t th;
    volatile int done;
    unsigned ms;
};

static void *watchdog_main(void *arg)
{
    struct watchdog *w = arg;
    for (unsigned i = 0; i < w->ms && !w->done; i++) {
        struct timespec ts = { 0, 1000000 };
        nanosleep(&ts, NULL);
    }
    if (!w->done)
        cpu_exit_request(&cpu->common);
    return NULL;
}

/* cpu_exec from pc; a watchdog turns a hang into EXCP_INTERRUPT after ms. */
static int exec_cpu(void);
static void exec_cpu_handlers(void);

static int run_for(uint64_t pc, unsigned ms)
{
    struct watchdog w = { .ms = ms };
    cpu->common.pc = pc;
    if (pthread_create(&w.th, NULL, watchdog_main, &w))
        abort();
    int e = exec_cpu();
    w.done = 1;
    pthread_join(w.th, NULL);
    atomic_store(&cpu->common.exit_request, 0);
    return e;
}

static int run(uint64_t pc) { return run_for(pc, 5000); }

static void regs_clear(void) { memset(cpu->r, 0, sizeof cpu->r); }

struct snap {
    struct tb_stats s;
    uint64_t execs, jc_hits;
};

static struct snap snap(void)
{
    return (struct snap){ tb_stats, cpu->common.tb_execs, cpu->common.jc_hits };
}

/* ---- loops and chaining ---- */

static uint64_t loop_l;          /* address of the loop TB of the counted loop */

/* r1 += step, r2 times; the loop is its own TB, entered by a jmp */
static uint64_t put_counted_loop(uint64_t at, uint32_t step, uint32_t n)
{
    struct toy_asm a = { at };
    toy_emit(&a, TOY_LI, 1, 0, 0, 0);
    toy_emit(&a, TOY_LI, 2, 0, 0, n);
    uint64_t j = toy_emit(&a, TOY_JMP, 0, 0, 0, 0);
    uint64_t l = a.pc;
    toy_patch_branch(j, l);
    toy_emit(&a, TOY_ADDI, 1, 1, 0, step);
    toy_emit(&a, TOY_ADDI, 2, 2, 0, (uint32_t)-1);
    uint64_t b = toy_emit(&a, TOY_BNE, 0, 2, 0, 0);
    toy_patch_branch(b, l);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);
    return l;
}

static void loop_chains(void **state)
{
    uint64_t p = code_page(0);
    loop_l = put_counted_loop(p, 3, 100);

    regs_clear();
    struct snap s0 = snap();
    assert_int_equal(run(p), EXCP_HALT);
    struct snap s1 = snap();
    assert_int_equal(cpu->r[1], 300);
    assert_int_equal(cpu->r[2], 0);
    assert_int_equal(cpu->common.pc, loop_l + 24);      /* the halt */
    /* entry, loop (taken), loop (fall through), halt: 3 jumps patched */
    assert_int_equal(s1.s.tbs_translated - s0.s.tbs_translated, 3);
    assert_int_equal(s1.s.chains_made - s0.s.chains_made, 3);
    /* 1 entry + 100 loop iterations + 1 halt TB, counted by the generated code */
    assert_int_equal(s1.execs - s0.execs, 102);
    assert_int_equal(s1.s.loop_exits - s0.s.loop_exits, 4);

    /* again: everything is translated and chained, one trip through the main loop */
    regs_clear();
    assert_int_equal(run(p), EXCP_HALT);
    struct snap s2 = snap();
    assert_int_equal(cpu->r[1], 300);
    assert_int_equal(s2.s.tbs_translated - s1.s.tbs_translated, 0);
    assert_int_equal(s2.s.chains_made - s1.s.chains_made, 0);
    assert_int_equal(s2.execs - s1.execs, 102);
    assert_int_equal(s2.s.loop_exits - s1.s.loop_exits, 1);
}

/* Host write to guest code behind the JIT's back (the page is write-protected). */
static void poke_code(uint64_t addr, uint64_t insn)
{
    void *page = g2h(addr & ~0xfffull);
    assert_int_equal(mprotect(page, 4096, PROT_READ | PROT_WRITE), 0);
    memcpy(g2h(addr), &insn, 8);
    assert_int_equal(mprotect(page, 4096, PROT_READ), 0);
}

static void unchain_on_invalidate(void **state)
{
    uint64_t p = code_page(0);
    /* the loop body's first instruction becomes r1 += 5, unknown to the JIT ... */
    poke_code(loop_l, toy_encode(TOY_ADDI, 1, 1, 0, 5));
    regs_clear();
    assert_int_equal(run(p), EXCP_HALT);
    assert_int_equal(cpu->r[1], 300);          /* stale translation, as expected */

    /* ... until its TB is invalidated: the entry TB and the loop itself jump into it */
    struct snap s0 = snap();
    tb_invalidate_range(loop_l, loop_l + 8);
    struct snap s1 = snap();
    assert_int_equal(s1.s.invalidations - s0.s.invalidations, 1);

    regs_clear();
    assert_int_equal(run(p), EXCP_HALT);
    struct snap s2 = snap();
    assert_int_equal(cpu->r[1], 500);
    assert_int_equal(cpu->r[2], 0);
    /* only the loop was translated again, and the three jumps into it re-chained */
    assert_int_equal(s2.s.tbs_translated - s1.s.tbs_translated, 1);
    assert_int_equal(s2.s.chains_made - s1.s.chains_made, 3);
    assert_int_equal(s2.execs - s1.execs, 102);

    /* and it stays chained */
    regs_clear();
    assert_int_equal(run(p), EXCP_HALT);
    struct snap s3 = snap();
    assert_int_equal(cpu->r[1], 500);
    assert_int_equal(s3.s.loop_exits - s2.s.loop_exits, 1);
}

/* 1500 instructions in a row: TBs end at page boundaries (and at the instruction
 * limit), and their chain still computes the sum. */
static void long_straight_line(void **state)
{
    uint64_t p = code_page(16);
    struct toy_asm a = { p };
    uint32_t r1 = 0, r2 = 0;
    for (unsigned i = 0; i < 1500; i++) {
        if (i % 3 == 2) {
            toy_emit(&a, TOY_ADD, 2, 2, 1, 0);
            r2 += r1;
        } else {
            toy_emit(&a, TOY_ADDI, 1, 1, 0, i);
            r1 += i;
        }
    }
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);
    assert_true(a.pc <= code_page(20));

    regs_clear();
    struct snap s0 = snap();
    assert_int_equal(run(p), EXCP_HALT);
    struct snap s1 = snap();
    assert_int_equal(cpu->r[1], r1);
    assert_int_equal(cpu->r[2], r2);
    /* 12008 bytes of code on 3 pages: at least one TB each */
    assert_true(s1.s.tbs_translated - s0.s.tbs_translated >= 3);
    assert_int_equal(s1.s.guest_insns - s0.s.guest_insns, 1501);
}

/* ---- indirect jumps: the inline jump cache ---- */

static void jump_cache_hits(void **state)
{
    uint64_t p = code_page(1);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 3, 0, 0, (uint32_t)(p + 0x20));
    toy_emit(&a, TOY_LI, 2, 0, 0, 50);
    toy_emit(&a, TOY_LI, 1, 0, 0, 0);
    toy_emit(&a, TOY_JR, 0, 3, 0, 0);
    assert_int_equal(a.pc, p + 0x20);
    toy_emit(&a, TOY_ADDI, 1, 1, 0, 1);
    toy_emit(&a, TOY_ADDI, 2, 2, 0, (uint32_t)-1);
    uint64_t b = toy_emit(&a, TOY_BEQ, 0, 2, 0, 0);
    toy_emit(&a, TOY_JR, 0, 3, 0, 0);
    toy_patch_branch(b, a.pc);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);

    regs_clear();
    struct snap s0 = snap();
    assert_int_equal(run(p), EXCP_HALT);
    struct snap s1 = snap();
    assert_int_equal(cpu->r[1], 50);
    /* the first jr misses (nothing cached), the loop's 49 jr find the loop TB inline */
    assert_int_equal(s1.jc_hits - s0.jc_hits, 49);
    assert_int_equal(s1.execs - s0.execs, 1 + 50 + 49 + 1);

    /* the loop TB is replaced: the jump cache must not lead to the old one */
    poke_code(p + 0x20, toy_encode(TOY_ADDI, 1, 1, 0, 2));
    tb_invalidate_range(p + 0x20, p + 0x28);
    regs_clear();
    assert_int_equal(run(p), EXCP_HALT);
    struct snap s2 = snap();
    assert_int_equal(cpu->r[1], 100);
    assert_int_equal(s2.jc_hits - s1.jc_hits, 49);
}

/* ---- precise faults ---- */

/* Every guest register changed in the TB before a faulting load: more values than the
 * host has free registers, so some are in registers and some already in memory. */
static void fault_many_dirty(void **state)
{
    uint64_t p = code_page(11);
    struct toy_asm a = { p };
    for (unsigned r = 1; r < 16; r++)
        toy_emit(&a, TOY_ADDI, r, r, 0, 0x100 * r);
    for (unsigned r = 1; r < 15; r++)
        toy_emit(&a, TOY_ADD, r, r, r + 1, 0);
    toy_emit(&a, TOY_LI, 0, 0, 0, UNMAPPED);
    uint64_t ld = toy_emit(&a, TOY_LD, 3, 0, 0, 0x44);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);

    uint32_t want[16];
    regs_clear();
    for (unsigned r = 0; r < 16; r++)
        cpu->r[r] = want[r] = 0x1000000u * r + 7;
    for (unsigned r = 1; r < 16; r++)
        want[r] += 0x100 * r;
    for (unsigned r = 1; r < 15; r++)
        want[r] += want[r + 1];
    want[0] = UNMAPPED;
    assert_int_equal(run(p), EXCP_SEGV);
    assert_int_equal(cpu->common.pc, ld);
    assert_int_equal(cpu->common.excp_addr, UNMAPPED + 0x44);
    for (unsigned r = 0; r < 16; r++)
        assert_int_equal(cpu->r[r], want[r]);
}


static void fault_load_unmapped(void **state)
{
    uint64_t p = code_page(2);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 1, 0, 0, 11);
    toy_emit(&a, TOY_ADDI, 2, 2, 0, 5);
    toy_emit(&a, TOY_LI, 4, 0, 0, UNMAPPED);
    toy_emit(&a, TOY_ADD, 6, 2, 1, 0);
    uint64_t ld = toy_emit(&a, TOY_LD, 5, 4, 0, 0x10);
    toy_emit(&a, TOY_LI, 1, 0, 0, 99);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);

    regs_clear();
    cpu->r[2] = 100;
    cpu->r[5] = 0x5555;
    assert_int_equal(run(p), EXCP_SEGV);
    assert_int_equal(cpu->common.excp_addr, UNMAPPED + 0x10);
    assert_int_equal(cpu->common.excp_code, SEGV_MAPERR);
    assert_int_equal(cpu->common.pc, ld);
    /* registers written earlier in the same TB hold their new values */
    assert_int_equal(cpu->r[1], 11);
    assert_int_equal(cpu->r[2], 105);
    assert_int_equal(cpu->r[4], UNMAPPED);
    assert_int_equal(cpu->r[6], 116);
    assert_int_equal(cpu->r[5], 0x5555);      /* the load's target is untouched */

    /* map the page and resume at the faulting instruction: it completes */
    assert_int_equal(toy_map(UNMAPPED, 4096, PAGE_READ | PAGE_WRITE), 0);
    uint32_t v = 0xfeedf00d;
    memcpy(g2h(UNMAPPED + 0x10), &v, 4);
    assert_int_equal(exec_cpu(), EXCP_HALT);
    assert_int_equal(cpu->r[5], 0xfeedf00d);
    assert_int_equal(cpu->r[1], 99);
    assert_int_equal(cpu->r[2], 105);
    page_set_flags(UNMAPPED, UNMAPPED + 4096, 0);
    munmap(g2h(UNMAPPED), 4096);
}

/* A fault after a branch and a label inside the TB (movz): the allocator starts over
 * at the label, and what is dirty after it must still be found at the fault. */
static void fault_after_internal_label(void **state)
{
    uint64_t p = code_page(23);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 1, 0, 0, 5);
    toy_emit(&a, TOY_ADDI, 2, 2, 0, 1);
    toy_emit(&a, TOY_MOVZ, 3, 1, 0, 0);        /* r0 == 0: r3 = 5 */
    toy_emit(&a, TOY_MOVZ, 7, 1, 2, 0);        /* r2 != 0: r7 stays */
    toy_emit(&a, TOY_ADDI, 2, 2, 0, 1);
    toy_emit(&a, TOY_ADD, 8, 3, 2, 0);
    toy_emit(&a, TOY_LI, 4, 0, 0, UNMAPPED);
    uint64_t ld = toy_emit(&a, TOY_LD, 6, 4, 0, 0);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);

    regs_clear();
    cpu->r[2] = 10;
    cpu->r[7] = 0x77;
    assert_int_equal(run(p), EXCP_SEGV);
    assert_int_equal(cpu->common.pc, ld);
    assert_int_equal(cpu->r[1], 5);
    assert_int_equal(cpu->r[2], 12);
    assert_int_equal(cpu->r[3], 5);
    assert_int_equal(cpu->r[7], 0x77);
    assert_int_equal(cpu->r[8], 17);
    assert_int_equal(cpu->r[4], UNMAPPED);
}

/* A faulting load into its own address register: the register keeps the address, so
 * the instruction can simply run again. */
static void fault_load_into_address_register(void **state)
{
    uint64_t p = code_page(15);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_ADDI, 1, 1, 0, 1);
    toy_emit(&a, TOY_LI, 4, 0, 0, UNMAPPED);
    uint64_t ld = toy_emit(&a, TOY_LD, 4, 4, 0, 0x8);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);

    regs_clear();
    assert_int_equal(run(p), EXCP_SEGV);
    assert_int_equal(cpu->common.pc, ld);
    assert_int_equal(cpu->common.excp_addr, UNMAPPED + 8);
    assert_int_equal(cpu->r[4], UNMAPPED);
    assert_int_equal(cpu->r[1], 1);
}

static void fault_store_readonly(void **state)
{
    uint64_t p = code_page(3);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 7, 0, 0, 0x1234);
    toy_emit(&a, TOY_LI, 3, 0, 0, DATA_BASE);
    toy_emit(&a, TOY_ST, 0, 3, 7, 0x20);          /* to a writable page: works */
    toy_emit(&a, TOY_ADDI, 8, 8, 0, 1);
    toy_emit(&a, TOY_LI, 9, 0, 0, RO_PAGE);
    uint64_t st = toy_emit(&a, TOY_ST, 0, 9, 7, 0x24);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);

    regs_clear();
    assert_int_equal(run(p), EXCP_SEGV);
    assert_int_equal(cpu->common.excp_addr, RO_PAGE + 0x24);
    assert_int_equal(cpu->common.excp_code, SEGV_ACCERR);
    assert_int_equal(cpu->common.pc, st);
    assert_int_equal(cpu->r[8], 1);
    assert_int_equal(cpu->r[9], RO_PAGE);
    uint32_t v;
    memcpy(&v, g2h(DATA_BASE + 0x20), 4);
    assert_int_equal(v, 0x1234);
    memcpy(&v, g2h(RO_PAGE + 0x24), 4);
    assert_int_equal(v, 0);
}

static void fault_alignment(void **state)
{
    uint64_t p = code_page(4);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 3, 0, 0, DATA_BASE);
    toy_emit(&a, TOY_LDA, 4, 3, 0, 0x40);         /* aligned: fine */
    toy_emit(&a, TOY_ADDI, 5, 4, 0, 1);
    uint64_t bad = toy_emit(&a, TOY_LDA, 6, 3, 0, 0x42);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);
    uint32_t v = 41;
    memcpy(g2h(DATA_BASE + 0x40), &v, 4);

    regs_clear();
    cpu->r[6] = 0x66;
    assert_int_equal(run(p), EXCP_BUS);
    assert_int_equal(cpu->common.excp_addr, DATA_BASE + 0x42);
    assert_int_equal(cpu->common.excp_code, BUS_ADRALN);
    assert_int_equal(cpu->common.pc, bad);
    assert_int_equal(cpu->r[4], 41);
    assert_int_equal(cpu->r[5], 42);
    assert_int_equal(cpu->r[6], 0x66);
}

static void helper_raise(void **state)
{
    uint64_t p = code_page(5);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 1, 0, 0, 7);
    toy_emit(&a, TOY_ADDI, 2, 2, 0, 1);
    toy_emit(&a, TOY_CHK, 0, 1, 0, 0);            /* r1 != 0: passes */
    uint64_t chk = toy_emit(&a, TOY_CHK, 0, 0, 0, 0);
    toy_emit(&a, TOY_LI, 1, 0, 0, 8);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);

    regs_clear();
    cpu->r[2] = 40;
    assert_int_equal(run(p), EXCP_FPE);
    assert_int_equal(cpu->common.pc, chk);
    assert_int_equal(cpu->r[1], 7);
    assert_int_equal(cpu->r[2], 41);
}

/* ---- exceptions ---- */

static void exceptions(void **state)
{
    uint64_t p = code_page(6);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 1, 0, 0, 1);
    uint64_t sc = toy_emit(&a, TOY_SYSCALL, 0, 0, 0, 0);
    toy_emit(&a, TOY_LI, 1, 0, 0, 2);
    uint64_t bk = toy_emit(&a, TOY_BKPT, 0, 0, 0, 0);
    uint64_t ill = a.pc;
    uint64_t junk = 0x00000000000000eeull;
    memcpy(g2h(ill), &junk, 8);
    a.pc += 8;
    uint64_t far = toy_emit(&a, TOY_LI, 3, 0, 0, UNMAPPED + 0x100);
    uint64_t jr = toy_emit(&a, TOY_JR, 0, 3, 0, 0);
    (void)far;

    regs_clear();
    assert_int_equal(run(p), EXCP_SYSCALL);
    assert_int_equal(cpu->common.pc, sc + 8);     /* after the instruction */
    assert_int_equal(cpu->r[1], 1);
    assert_int_equal(exec_cpu(), EXCP_BKPT);
    assert_int_equal(cpu->common.pc, bk);
    assert_int_equal(cpu->r[1], 2);
    cpu->common.pc = bk + 8;
    assert_int_equal(exec_cpu(), EXCP_UDEF);
    assert_int_equal(cpu->common.pc, ill);
    assert_int_equal(cpu->common.excp_addr, ill);
    cpu->common.pc = ill + 8;
    /* jumping to unmapped code: a fetch fault at the target */
    assert_int_equal(exec_cpu(), EXCP_SEGV);
    assert_int_equal(cpu->common.pc, UNMAPPED + 0x100);
    assert_int_equal(cpu->common.excp_addr, UNMAPPED + 0x100);
    (void)jr;
}

/* Code mapped where execution faulted before: the new code must run.
 * Regression test: the TB made for the unfetchable pc (it only raises EXCP_SEGV) must
 * not be cached, since nothing drops it when the page is mapped later, and a guest that
 * maps code on demand after a fetch fault (a SIGSEGV handler that mmaps the page and
 * returns) would fault forever. */
static void code_mapped_after_fetch_fault(void **state)
{
    uint64_t p = code_page(21), x = 0x7100000u;
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 3, 0, 0, (uint32_t)x);
    toy_emit(&a, TOY_JR, 0, 3, 0, 0);

    regs_clear();
    assert_int_equal(run(p), EXCP_SEGV);
    assert_int_equal(cpu->common.pc, x);
    assert_int_equal(cpu->common.excp_addr, x);

    /* what mmap(MAP_FIXED, PROT_READ|PROT_EXEC) of a fresh range does to the flags */
    assert_int_equal(toy_map(x, 4096, PAGE_READ | PAGE_WRITE | PAGE_EXEC), 0);
    struct toy_asm b = { x };
    toy_emit(&b, TOY_LI, 1, 0, 0, 5);
    toy_emit(&b, TOY_HALT, 0, 0, 0, 0);
    regs_clear();
    assert_int_equal(run(p), EXCP_HALT);
    assert_int_equal(cpu->r[1], 5);
}

/* ---- exit requests reach a chained infinite loop ---- */

static void exit_request_breaks_loop(void **state)
{
    uint64_t p = code_page(7);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 1, 0, 0, 0);
    uint64_t l = toy_emit(&a, TOY_ADDI, 1, 1, 0, 1);
    uint64_t j = toy_emit(&a, TOY_JMP, 0, 0, 0, 0);
    toy_patch_branch(j, l);

    regs_clear();
    struct snap s0 = snap();
    assert_int_equal(run_for(p, 50), EXCP_INTERRUPT);
    struct snap s1 = snap();
    /* it ran chained for a while, and stopped at a TB boundary */
    assert_true(cpu->r[1] > 1000);
    assert_true(s1.s.loop_exits - s0.s.loop_exits < 10);
    assert_true(cpu->common.pc == l || cpu->common.pc == p);
    /* and it continues from there */
    uint32_t r1 = cpu->r[1];
    assert_int_equal(run_for(cpu->common.pc, 20), EXCP_INTERRUPT);
    assert_true(cpu->r[1] > r1);
}

/* ---- threads: each with its own CPU, all sharing the translated code ---- */

#define NTHREADS 4
#define THREAD_RUNS 300

struct worker {
    pthread_t th;
    struct toy_cpu *cpu;
    uint64_t entry;
    unsigned id, bad;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    for (unsigned k = 0; k < THREAD_RUNS; k++) {
        uint32_t n = 100 + 37 * w->id + k % 11;
        memset(w->cpu->r, 0, sizeof w->cpu->r);
        w->cpu->r[2] = n;
        w->cpu->common.pc = w->entry;
        if (cpu_exec(&w->cpu->common) != EXCP_HALT || w->cpu->r[1] != 7 * n ||
            w->cpu->r[3] != n)
            w->bad++;
    }
    return NULL;
}

static void threads_share_code(void **state)
{
    /* r1 += 7 and r3 += 1, r2 times, through a jr (jump cache) and a bne (chain) */
    uint64_t p = code_page(22);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 4, 0, 0, (uint32_t)(p + 0x10));
    toy_emit(&a, TOY_JR, 0, 4, 0, 0);
    uint64_t l = toy_emit(&a, TOY_ADDI, 1, 1, 0, 7);
    toy_emit(&a, TOY_ADDI, 3, 3, 0, 1);
    toy_emit(&a, TOY_ADDI, 2, 2, 0, (uint32_t)-1);
    uint64_t b = toy_emit(&a, TOY_BNE, 0, 2, 0, 0);
    toy_patch_branch(b, l);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);

    struct worker w[NTHREADS];
    exec_cpu_handlers();
    for (unsigned i = 0; i < NTHREADS; i++) {
        w[i] = (struct worker){ .entry = p, .id = i };
        w[i].cpu = (struct toy_cpu *)cpu_new(&toy_ops, NULL);
        assert_non_null(w[i].cpu);
    }
    for (unsigned i = 0; i < NTHREADS; i++)
        assert_int_equal(pthread_create(&w[i].th, NULL, worker_main, &w[i]), 0);
    for (unsigned i = 0; i < NTHREADS; i++) {
        pthread_join(w[i].th, NULL);
        assert_int_equal(w[i].bad, 0);
        cpu_free(&w[i].cpu->common);
    }
}

/* ---- self-modifying code ---- */

/* A store from one page into translated code on another: the new code runs. Three
 * times, so the later stores hit code whose TB is already chained from the storing
 * one (the chain must be undone) and reached through the main loop's jump cache. */
static void smc_other_page(void **state)
{
    uint64_t p = code_page(8), q = code_page(9);
    struct toy_asm b = { q };
    toy_emit(&b, TOY_LI, 1, 0, 0, 1);
    toy_emit(&b, TOY_HALT, 0, 0, 0, 0);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 5, 0, 0, (uint32_t)q);
    toy_emit(&a, TOY_ADDI, 7, 7, 0, 1);
    toy_emit(&a, TOY_ST, 0, 5, 6, 4);                 /* li r1, 1 -> li r1, r6 */
    uint64_t j = toy_emit(&a, TOY_JMP, 0, 0, 0, 0);
    toy_patch_branch(j, q);

    regs_clear();
    assert_int_equal(run(q), EXCP_HALT);
    assert_int_equal(cpu->r[1], 1);
    assert_true(page_get_flags(q) & PAGE_CODE);

    for (uint32_t v = 2; v <= 4; v++) {
        struct snap s0 = snap();
        regs_clear();
        cpu->r[6] = v;
        assert_int_equal(run(p), EXCP_HALT);
        struct snap s1 = snap();
        assert_int_equal(cpu->r[1], v);
        assert_int_equal(cpu->r[7], 1);         /* the retried store did not redo addi */
        assert_true(s1.s.invalidations > s0.s.invalidations);
        uint64_t w;
        memcpy(&w, g2h(q), 8);
        assert_int_equal(w, toy_encode(TOY_LI, 1, 0, 0, v));
        assert_true(page_get_flags(q) & PAGE_CODE);   /* translated again: protected */
    }
}

/* An instruction straddling two pages: its TB is on both, and a store into the second
 * page (from code elsewhere) invalidates it. */
static void smc_straddling_insn(void **state)
{
    uint64_t q = code_page(13), p = code_page(14);
    struct toy_asm b = { q - 4 };                    /* word 0 on page 12, imm on 13 */
    toy_emit(&b, TOY_LI, 1, 0, 0, 1);
    toy_emit(&b, TOY_HALT, 0, 0, 0, 0);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 6, 0, 0, 3);
    toy_emit(&a, TOY_LI, 5, 0, 0, (uint32_t)q);
    toy_emit(&a, TOY_ST, 0, 5, 6, 0);                /* the imm: li r1, 1 -> li r1, 3 */
    uint64_t j = toy_emit(&a, TOY_JMP, 0, 0, 0, 0);
    toy_patch_branch(j, q - 4);

    regs_clear();
    assert_int_equal(run(q - 4), EXCP_HALT);
    assert_int_equal(cpu->r[1], 1);
    assert_true(page_get_flags(q - 4) & PAGE_CODE);
    assert_true(page_get_flags(q) & PAGE_CODE);

    regs_clear();
    assert_int_equal(run(p), EXCP_HALT);
    assert_int_equal(cpu->r[1], 3);
}

/* A store into the page holding the storing code itself, then a jump to what it
 * changed.
 * Regression test for a livelock: the store faults on the write-protected page,
 * tcg_handle_fault unprotects it, invalidates its TBs (the storing TB included) and
 * restarts at the store; a cached retranslation there would protect the page again and
 * the store would fault forever. The store must run once from an uncached TB. */
static void smc_same_page(void **state)
{
    uint64_t p = code_page(10);
    struct toy_asm a = { p };
    toy_emit(&a, TOY_LI, 6, 0, 0, 2);
    toy_emit(&a, TOY_LI, 5, 0, 0, (uint32_t)(p + 0x28));
    toy_emit(&a, TOY_ST, 0, 5, 6, 4);                  /* li r1, 1 -> li r1, 2 */
    toy_emit(&a, TOY_ADDI, 7, 7, 0, 1);
    uint64_t j = toy_emit(&a, TOY_JMP, 0, 0, 0, 0);
    uint64_t target = toy_emit(&a, TOY_LI, 1, 0, 0, 1);
    toy_emit(&a, TOY_HALT, 0, 0, 0, 0);
    toy_patch_branch(j, target);
    assert_int_equal(target, p + 0x28);

    regs_clear();
    int e = run_for(p, 2000);
    if (e == EXCP_INTERRUPT)
        fail_msg("self-modifying store into its own code page never completes: "
                 "pc 0x%llx, %llu invalidations so far",
                 (unsigned long long)cpu->common.pc, (unsigned long long)tb_stats.invalidations);
    assert_int_equal(e, EXCP_HALT);
    assert_int_equal(cpu->r[1], 2);
    assert_int_equal(cpu->r[7], 1);
}

/* ---- set-up ---- */

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    if (tcg_handle_fault(sig, si, uc))
        return;
    static const char msg[] = "test_jit_exec: fault outside guest code\n";
    if (write(2, msg, sizeof msg - 1) < 0)
        _exit(3);
    abort();
}

/* cmocka installs its own SIGSEGV/SIGILL handlers around every test: ours go in right
 * before guest code runs. */
static void exec_cpu_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
}

static int exec_cpu(void)
{
    exec_cpu_handlers();
    return cpu_exec(&cpu->common);
}

static int setup(void **state)
{
    log_mask |= LOG_STATS;          /* generated code counts TB entries and jc hits */
    if (guest_space_init(32, 12, 0, 0) < 0)
        return -1;
    if (toy_map(CODE_BASE, 32 * 4096, PAGE_RWX) || toy_map(DATA_BASE, 2 * 4096,
                                                            PAGE_READ | PAGE_WRITE) ||
        toy_map(RO_PAGE, 4096, PAGE_READ))
        return -1;
    struct tcg_options o = { .code_cache_size = 16u << 20 };
    if (tcg_init(&toy_ops, &o) < 0)
        return -1;
    cpu = (struct toy_cpu *)cpu_new(&toy_ops, NULL);
    return cpu ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loop_chains),
        cmocka_unit_test(unchain_on_invalidate),
        cmocka_unit_test(long_straight_line),
        cmocka_unit_test(jump_cache_hits),
        cmocka_unit_test(fault_load_unmapped),
        cmocka_unit_test(fault_many_dirty),
        cmocka_unit_test(fault_load_into_address_register),
        cmocka_unit_test(fault_after_internal_label),
        cmocka_unit_test(fault_store_readonly),
        cmocka_unit_test(fault_alignment),
        cmocka_unit_test(helper_raise),
        cmocka_unit_test(exceptions),
        cmocka_unit_test(exit_request_breaks_loop),
        cmocka_unit_test(threads_share_code),
        cmocka_unit_test(smc_other_page),
        cmocka_unit_test(smc_straddling_insn),
        cmocka_unit_test(smc_same_page),
        cmocka_unit_test(code_mapped_after_fetch_fault),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
