/* Control flow and calls in the IR, against the reference interpreter where it can
 * follow (brcond for every condition, loops, helper calls with every flag combination)
 * and against fixed expectations where it cannot (goto_tb chaining and unchaining,
 * the inline jump-cache probe of goto_ptr, exit requests seen by chk_exit). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_jit_harness.h"
#include "tcg/opt.h"
#include "tcg/tb.h"
#include "tcg/x86_64/cg.h"

static unsigned cases_run;

static void base_env(struct tenv *e)
{
    memset(e, 0, sizeof *e);
    for (unsigned k = 0; k < TENV_NG64; k++) {
        e->g64[k] = 0x0123456789abcdefull * (k + 3);
        e->g32[k] = 0x89abcdefu * (k + 3);
    }
    for (unsigned k = 0; k < TENV_NSCRATCH; k++)
        e->scratch[k] = 0x1000 + k;
}

/* ---- brcond: every condition, register and immediate forms ---- */

struct bcase {
    bool w64;
    enum ir_cond cond;
    bool imm;                   /* second operand a constant */
};

static uint64_t bvals[2];       /* the constant for imm cases */

static void build_brcond(struct jh *h, void *arg)
{
    const struct bcase *c = arg;
    struct ir *ir = &h->ir;
    ir_label l = ir_new_label(ir);
    /* an ebb temp computed before the branch and used on the fall-through path */
    ir_i32 e = ir_new_i32(ir);
    ir_addi_i32(ir, e, h->g32[2], 1);
    ir_movi_i32(ir, h->g32[7], 0x11);
    if (c->w64) {
        ir_i64 b = c->imm ? ir_const_i64(ir, bvals[1]) : h->g64[1];
        ir_brcond_i64(ir, c->cond, h->g64[0], b, l);
    } else {
        ir_i32 b = c->imm ? ir_const_i32(ir, (uint32_t)bvals[1]) : h->g32[1];
        ir_brcond_i32(ir, c->cond, h->g32[0], b, l);
    }
    ir_mov_i32(ir, h->g32[6], e);
    ir_movi_i32(ir, h->g32[7], 0x22);
    ir_set_label(ir, l);
    ir_exit_tb(ir, 0);
}

static void brcond_all(void **state)
{
    static const uint64_t v32[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x1234 };
    static const uint64_t v64[] = { 0, 1, 0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull,
                                    0xffffffffull, 0x100000000ull };
    cases_run = 0;
    for (int w64 = 0; w64 < 2; w64++) {
        const uint64_t *v = w64 ? v64 : v32;
        size_t n = w64 ? 7 : 6;
        for (unsigned cond = IR_NEVER; cond <= IR_TSTNE; cond++)
            for (size_t x = 0; x < n; x++)
                for (size_t y = 0; y < n; y++)
                    for (int imm = 0; imm < 2; imm++) {
                        struct tenv e;
                        base_env(&e);
                        e.g64[0] = v[x];
                        e.g64[1] = v[y];
                        e.g32[0] = (uint32_t)v[x];
                        e.g32[1] = (uint32_t)v[y];
                        bvals[1] = v[y];
                        struct bcase c = { w64, (enum ir_cond)cond, imm };
                        char what[96];
                        snprintf(what, sizeof what, "brcond_i%d cond %u 0x%llx 0x%llx%s",
                                 w64 ? 64 : 32, cond, (unsigned long long)v[x],
                                 (unsigned long long)v[y], imm ? " imm" : "");
                        if (!jh_check(build_brcond, &c, 64, &e, NULL, JH_BOTH, what, NULL))
                            fail_msg("%s", what);
                        cases_run++;
                    }
    }
    assert_true(cases_run > 1000);
}

/* ---- a counted loop: backward branch, tb temps and globals across the label ---- */

static void build_loop(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_label top = ir_new_label(ir), skip = ir_new_label(ir);
    ir_i32 i = ir_new_tb_i32(ir);
    ir_i64 acc = ir_new_tb_i64(ir);
    ir_movi_i32(ir, i, 0);
    ir_movi_i64(ir, acc, 0x100000000ull);
    ir_movi_i64(ir, h->g64[0], 0);
    ir_set_label(ir, top);
    {
        ir_i64 w = ir_new_i64(ir);
        ir_extu_i32_i64(ir, w, i);
        ir_add_i64(ir, h->g64[0], h->g64[0], w);
        ir_xor_i64(ir, acc, acc, w);
        ir_shli_i64(ir, w, w, 33);
        ir_add_i64(ir, acc, acc, w);
        ir_free_i64(ir, w);
    }
    /* odd iterations also bump w1 */
    {
        ir_i32 odd = ir_new_i32(ir);
        ir_andi_i32(ir, odd, i, 1);
        ir_brcondi_i32(ir, IR_EQ, odd, 0, skip);
        ir_addi_i32(ir, h->g32[1], h->g32[1], 3);
        ir_set_label(ir, skip);
    }
    ir_addi_i32(ir, i, i, 1);
    ir_brcondi_i32(ir, IR_LTU, i, 100, top);
    ir_st_i64(ir, acc, ir->env, offsetof(struct tenv, out));
    ir_mov_i32(ir, h->g32[2], i);
    ir_exit_tb(ir, 0);
}

static void counted_loop(void **state)
{
    struct tenv e, res;
    base_env(&e);
    assert_true(jh_check(build_loop, NULL, 64, &e, NULL, JH_BOTH, "counted loop", &res));
    assert_int_equal(res.g64[0], 4950);
    assert_int_equal(res.g32[2], 100);
    assert_int_equal(res.g32[1], e.g32[1] + 150);
}

/* ---- helper calls ---- */

static uint64_t h_sum6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
    return a + 3 * b + 5 * c + 7 * d + 11 * e + 13 * f;
}

static uint32_t h_mix32(uint32_t a, uint32_t b)
{
    return (a * 0x9e3779b9u) ^ (b >> 3) ^ b;
}

static uint64_t h_read_globals(struct tenv *env)
{
    return env->g64[0] * 3 + env->g32[0] + ((uint64_t)env->g32[3] << 32);
}

static void h_write_globals(struct tenv *env, uint32_t v)
{
    env->g32[1] = v * 2;
    env->g64[1] = (uint64_t)v << 20;
}

static uint64_t h_touch_scratch(struct tenv *env)
{
    env->scratch[5]++;
    return 1;
}

static uint64_t h_inc_out(struct tenv *env, uint64_t v)
{
    env->out[9] += v;
    return env->out[9];
}

struct ccase {
    unsigned flags_read;        /* for h_read_globals: flags without NO_READ_GLOBALS */
    unsigned flags_write;
};

static void build_calls(struct jh *h, void *arg)
{
    const struct ccase *c = arg;
    struct ir *ir = &h->ir;
    ir_i64 r = ir_new_i64(ir), live[6];
    ir_i32 r32 = ir_new_i32(ir);
    /* values live across every call below: some end up in caller-saved registers */
    for (int k = 0; k < 6; k++) {
        live[k] = ir_new_tb_i64(ir);
        ir_ld_i64(ir, live[k], ir->env, offsetof(struct tenv, scratch) + 8 * k);
    }
    /* dirty globals before a call that reads them */
    ir_addi_i64(ir, h->g64[0], h->g64[0], 7);
    ir_xori_i32(ir, h->g32[0], h->g32[0], 0x55);
    ir_call1(ir, (void *)h_read_globals, c->flags_read, r.t, ir->env.t);
    ir_st_i64(ir, r, ir->env, offsetof(struct tenv, out));

    /* six arguments of mixed origin */
    {
        uint16_t a[6] = { h->g64[2].t, ir_const_i64(ir, 0x123456789ull).t, live[0].t,
                          h->g32[5].t, ir_const_i32(ir, 0xfffffff0u).t, live[1].t };
        ir_call(ir, (void *)h_sum6, CALL_PURE, r.t, 6, a);
        ir_st_i64(ir, r, ir->env, offsetof(struct tenv, out) + 8);
    }
    ir_call2(ir, (void *)h_mix32, CALL_PURE, r32.t, h->g32[2].t, ir_const_i32(ir, 77).t);
    ir_st_i32(ir, r32, ir->env, offsetof(struct tenv, out) + 16);

    /* a helper that writes globals; w1 was dirty before, x1 is read after */
    ir_addi_i32(ir, h->g32[1], h->g32[1], 1);
    ir_call2(ir, (void *)h_write_globals, c->flags_write, IR_NO_RET, ir->env.t, h->g32[4].t);
    ir_addi_i64(ir, h->g64[6], h->g64[1], 1);
    ir_mov_i32(ir, h->g32[6], h->g32[1]);

    /* side effects only: the result is unused but the call must happen */
    ir_call1(ir, (void *)h_touch_scratch, CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS |
             CALL_NO_RAISE, r.t, ir->env.t);
    /* pure and unused: may disappear, must not matter */
    ir_call2(ir, (void *)h_mix32, CALL_PURE, r32.t, h->g32[3].t, h->g32[3].t);

    /* result straight into a global */
    ir_call2(ir, (void *)h_inc_out, CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS |
             CALL_NO_RAISE, h->g64[7].t, ir->env.t, live[2].t);

    for (int k = 0; k < 6; k++)
        ir_st_i64(ir, live[k], ir->env, offsetof(struct tenv, out) + 24 + 8 * k);
    ir_exit_tb(ir, 0);
}

static void helper_calls(void **state)
{
    static const unsigned read_flags[] = {
        0, CALL_NO_WRITE_GLOBALS, CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE,
        CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE | CALL_NO_SIDE_EFFECTS,
    };
    static const unsigned write_flags[] = {
        0, CALL_NO_READ_GLOBALS, CALL_NO_READ_GLOBALS | CALL_NO_RAISE,
    };
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 3; j++) {
            struct tenv e, res;
            base_env(&e);
            struct ccase c = { read_flags[i], write_flags[j] };
            char what[64];
            snprintf(what, sizeof what, "calls, flags 0x%x/0x%x", c.flags_read, c.flags_write);
            assert_true(jh_check(build_calls, &c, 64, &e, NULL, JH_BOTH, what, &res));
            /* and the reference itself is what the helpers say */
            assert_int_equal(res.out[0], (e.g64[0] + 7) * 3 + (e.g32[0] ^ 0x55) +
                                         ((uint64_t)e.g32[3] << 32));
            assert_int_equal(res.g32[6], e.g32[4] * 2);
            assert_int_equal(res.scratch[5], e.scratch[5] + 1);
        }
}

/* ---- limits: spill slots and code buffer space ---- */

static void build_wide(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    unsigned n = (unsigned)(uintptr_t)arg;
    ir_i64 t[300];
    for (unsigned i = 0; i < n; i++) {
        t[i] = ir_new_tb_i64(ir);
        ir_ld_i64(ir, t[i], ir->env, offsetof(struct tenv, scratch) + 8 * (i % TENV_NSCRATCH));
        ir_addi_i64(ir, t[i], t[i], i);
    }
    /* all of them live at once, then folded into one global */
    for (unsigned i = 0; i < n; i++)
        ir_xor_i64(ir, h->g64[0], h->g64[0], t[i]);
    ir_exit_tb(ir, 0);
}

static void spill_slot_limit(void **state)
{
    struct tenv e, res;
    base_env(&e);
    /* 100 values live together: spilled to the frame, still right */
    assert_true(jh_check(build_wide, (void *)(uintptr_t)100, 64, &e, NULL, JH_BOTH, "100 live",
                         &res));
    /* 300 need more spill slots than the frame has: generation fails cleanly, so the
     * exec loop can retry with a shorter TB */
    struct jh h;
    jh_ir_init(&h, 64);
    build_wide(&h, (void *)(uintptr_t)300);
    ir_optimize(&h.ir);
    ir_liveness(&h.ir);
    assert_null(jh_compile(&h.ir, 0));
    jh_ir_free(&h);
}

static void code_buffer_overflow(void **state)
{
    static struct cg cg;
    struct jh h;
    jh_ir_init(&h, 64);
    build_wide(&h, (void *)(uintptr_t)40);
    ir_liveness(&h.ir);
    /* room for a few instructions only: -1, and nothing written past the end */
    uint8_t *buf = tb_code_ptr() + (3u << 20);
    memset(buf, 0xcc, 4096);
    struct tb tb;
    memset(&tb, 0, sizeof tb);
    tb.code = buf;
    assert_int_equal(cg_generate(&cg, &h.ir, &tb, buf, buf + 256), -1);
    for (unsigned i = 256; i < 4096; i++)
        assert_int_equal(buf[i], 0xcc);
    /* with room it works */
    assert_true(cg_generate(&cg, &h.ir, &tb, buf, buf + 65536) > 256);
    jh_ir_free(&h);
}

/* Regression test: an i32 helper result must be zero-extended. The SysV ABI leaves
 * bits 32-63 of rax unspecified for a uint32_t result, and GCC really returns this one
 * as "mov rax, rdi; shr rax, 3". If gen_call bound rax to the i32 output as it is, the
 * invariant of ir.h that i32 values are zero-extended in host registers would break:
 * concat_i32_i64 (or a qemu_ld/st address, far outside the guest) would see garbage. */
static __attribute__((noinline)) uint32_t h_narrow(uint64_t x)
{
    return (uint32_t)(x >> 3);
}

static void build_narrow(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_i32 r = ir_new_i32(ir);
    ir_i64 x = ir_new_i64(ir);
    ir_call1(ir, (void *)h_narrow, CALL_PURE, r.t, h->g64[0].t);
    ir_concat_i32_i64(ir, x, r, h->g32[1]);
    ir_st_i64(ir, x, ir->env, offsetof(struct tenv, out));
    ir_exit_tb(ir, 0);
}

static void helper_i32_result_zero_extended(void **state)
{
    struct tenv e, res;
    base_env(&e);
    e.g64[0] = 0xfedcba9876543210ull;
    e.g32[1] = 0x11;
    assert_true(jh_check(build_narrow, NULL, 64, &e, NULL, JH_BOTH, "i32 helper result", &res));
    assert_int_equal(res.out[0], 0x11ull << 32 | (uint32_t)(e.g64[0] >> 3));
}

/* ---- goto_tb: unchained exit, then chained to another piece of code, then reset ---- */

#define FAKE_TB ((const void *)0x10000)

/* arg: slot in bit 0, a number of filler ops above it (to move the jump around) */
static void build_goto_tb(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    unsigned slot = (unsigned)(uintptr_t)arg & 1, fill = (unsigned)(uintptr_t)arg >> 1;
    ir_addi_i32(ir, h->g32[0], h->g32[0], 1);
    for (unsigned i = 0; i < fill; i++)
        ir_addi_i32(ir, h->g32[2 + i % 3], h->g32[2 + i % 3], 1 + i);
    ir_goto_tb(ir, slot, 0x4444, FAKE_TB);
}

static void build_second(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_addi_i32(ir, h->g32[1], h->g32[1], 10);
    ir_exit_tb(ir, 0x99);
}

static void *compile_at(jh_build_fn build, void *arg, unsigned slot, struct jh *h)
{
    jh_ir_init(h, 64);
    build(h, arg);
    ir_optimize(&h->ir);
    ir_liveness(&h->ir);
    void *code = jh_compile(&h->ir, slot);
    jh_ir_free(h);
    return code;
}

static void goto_tb_chaining(void **state)
{
    /* the patched rel32 never straddles a 4-byte boundary, wherever the jump lands */
    for (uintptr_t fill = 0; fill < 8; fill++) {
        struct jh h;
        assert_non_null(compile_at(build_goto_tb, (void *)(fill << 1 | (fill & 1)), 0, &h));
        struct tb *t = jh_slot_tb(0);
        assert_int_equal((uintptr_t)(t->code + t->jmp_off[fill & 1]) % 4, 0);
        assert_int_equal(t->jmp_off[(fill & 1) ^ 1], TB_NO_JUMP);
    }
    for (unsigned slot = 0; slot < 2; slot++) {
        struct tenv e, res;
        base_env(&e);
        assert_true(jh_check(build_goto_tb, (void *)(uintptr_t)slot, 64, &e, NULL, JH_BOTH,
                             "goto_tb", &res));
        assert_int_equal(res.common.pc, 0x4444);

        struct jh h;
        void *a = compile_at(build_goto_tb, (void *)(uintptr_t)slot, 0, &h);
        void *b = compile_at(build_second, NULL, 1, &h);
        assert_non_null(a);
        assert_non_null(b);
        struct tb *ta = jh_slot_tb(0), *tbb = jh_slot_tb(1);
        assert_int_not_equal(ta->jmp_off[slot], TB_NO_JUMP);

        /* unchained: back to the caller with the TB and slot, pc stored */
        base_env(&e);
        assert_int_equal(jh_run(a, &e), (uintptr_t)FAKE_TB | slot);
        assert_int_equal(e.common.pc, 0x4444);
        assert_int_equal(e.g32[0], res.g32[0]);

        /* chained: straight into the second piece of code */
        uint64_t chains = tb_stats.chains_made;
        tb_add_jump(ta, slot, tbb);
        assert_int_equal(tb_stats.chains_made, chains + 1);
        base_env(&e);
        assert_int_equal(jh_run(a, &e), 0x99);
        assert_int_equal(e.g32[0], res.g32[0]);
        assert_int_equal(e.g32[1], res.g32[1] + 10);

        /* invalidating the target resets the jump to the exit path */
        tb_invalidate(tbb);
        assert_null(ta->jmp_dest[slot]);
        base_env(&e);
        assert_int_equal(jh_run(a, &e), (uintptr_t)FAKE_TB | slot);
        assert_int_equal(e.g32[1], res.g32[1]);
    }
}

/* ---- goto_ptr: the inline jump-cache probe ---- */

struct pcase {
    bool pc64;
};

static void build_goto_ptr(struct jh *h, void *arg)
{
    const struct pcase *c = arg;
    struct ir *ir = &h->ir;
    ir_addi_i32(ir, h->g32[0], h->g32[0], 1);
    if (c->pc64) {
        ir_st_i64(ir, h->g64[3], ir->env, offsetof(struct cpu_common, pc));
        ir_goto_ptr(ir, h->g64[3].t, h->g32[3]);
    } else {
        ir_i64 w = ir_new_i64(ir);
        ir_extu_i32_i64(ir, w, h->g32[2]);
        ir_st_i64(ir, w, ir->env, offsetof(struct cpu_common, pc));
        ir_goto_ptr(ir, h->g32[2].t, h->g32[3]);
    }
}

static void goto_ptr_jump_cache(void **state)
{
    static struct jc_entry jc[JC_SIZE];
    for (int pc64 = 0; pc64 < 2; pc64++) {
        struct pcase c = { pc64 };
        struct jh h;
        void *a = compile_at(build_goto_ptr, &c, 0, &h);
        void *b = compile_at(build_second, NULL, 1, &h);
        assert_non_null(a);
        assert_non_null(b);
        uint64_t pc = pc64 ? 0x0000123456789ab0ull : 0x89abcde0ull;
        for (unsigned i = 0; i < JC_SIZE; i++)
            jc[i] = (struct jc_entry){ ~0ull, 0, 0, NULL, NULL };
        jc[jc_hash(pc)] = (struct jc_entry){ pc, 5, 0, b, jh_slot_tb(1) };

        struct tenv e;
        base_env(&e);
        e.common.jc = jc;
        e.g64[3] = pc;
        e.g32[2] = (uint32_t)pc;
        e.g32[3] = 5;
        uint32_t w0 = e.g32[0], w1 = e.g32[1];
        /* hit: the second code runs */
        assert_int_equal(jh_run(a, &e), 0x99);
        assert_int_equal(e.g32[0], w0 + 1);
        assert_int_equal(e.g32[1], w1 + 10);
        assert_int_equal(e.common.pc, pc);
        /* flags differ: miss, back to the main loop with 0 */
        e.g32[3] = 6;
        assert_int_equal(jh_run(a, &e), 0);
        assert_int_equal(e.g32[1], w1 + 10);
        /* pc differs only in bits the hash ignores: same entry, still a miss */
        e.g32[3] = 5;
        e.g64[3] = pc + (1ull << 40);
        e.g32[2] = (uint32_t)pc + 0x80000000u;
        uint64_t other = pc64 ? e.g64[3] : e.g32[2];
        assert_int_equal(jc_hash(other), jc_hash(pc));
        assert_int_equal(jh_run(a, &e), 0);
        assert_int_equal(e.common.pc, other);
        /* an empty entry: miss */
        e.g64[3] = pc + 8;
        e.g32[2] = (uint32_t)pc + 8;
        assert_int_equal(jh_run(a, &e), 0);
        assert_int_equal(e.g32[1], w1 + 10);
    }
}

/* ---- chk_exit: an exit request leaves before the TB does anything ---- */

static void build_chk_exit(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_chk_exit(ir);
    ir_movi_i32(ir, h->g32[0], 5);
    ir_exit_tb(ir, 0x40);
}

static void chk_exit_request(void **state)
{
    struct tenv e, res;
    base_env(&e);
    assert_true(jh_check(build_chk_exit, NULL, 64, &e, NULL, JH_BOTH, "chk_exit", &res));
    assert_int_equal(res.g32[0], 5);

    struct jh h;
    void *a = compile_at(build_chk_exit, NULL, 0, &h);
    assert_non_null(a);
    base_env(&e);
    atomic_store(&e.common.exit_request, 1);
    uint32_t w0 = e.g32[0];
    assert_int_equal(jh_run(a, &e), 2);
    assert_int_equal(e.g32[0], w0);
    assert_int_equal(e.common.pc, jh_slot_tb(0)->pc);
}

int main(void)
{
    jh_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(brcond_all),
        cmocka_unit_test(counted_loop),
        cmocka_unit_test(helper_calls),
        cmocka_unit_test(goto_tb_chaining),
        cmocka_unit_test(goto_ptr_jump_cache),
        cmocka_unit_test(chk_exit_request),
        cmocka_unit_test(spill_slot_limit),
        cmocka_unit_test(code_buffer_overflow),
        cmocka_unit_test(helper_i32_result_zero_extended),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
