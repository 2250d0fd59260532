/* The optimizer and liveness on hand-built IR: what ops remain after ir_optimize and
 * ir_liveness (constant folding, copy propagation, algebraic identities, branch folding,
 * dead code, dead stores to globals), and where knowledge must be dropped (labels, calls
 * that write globals). The op list is printed in a compact text form and compared with
 * the expected text; every case is also run through the differential harness, so the
 * transformed IR must still compute what the original did. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "test_jit_harness.h"
#include "tcg/opt.h"

/* ---- the op list as text: "op a,b,c; op ..." without nops and insn_starts ---- */

static void temp_text(const struct ir *ir, uintptr_t t, char *buf, size_t n)
{
    const struct ir_temp *tp = &ir->temps[t];
    if (tp->kind == IRK_GLOBAL || tp->kind == IRK_FIXED)
        snprintf(buf, n, "%s", tp->name);
    else if (tp->kind == IRK_CONST)
        snprintf(buf, n, "$%llu", (unsigned long long)(tp->type == IR_I32 ? (uint32_t)tp->val
                                                                            : (uint64_t)tp->val));
    else
        snprintf(buf, n, "%c%u", tp->kind == IRK_TB ? 'L' : 't', (unsigned)(t - ir->nb_globals));
}

static const char *ops_text(const struct ir *ir)
{
    static char out[2048];
    size_t len = 0;
    out[0] = 0;
    for (uint32_t i = 0; i < ir->nb_ops; i++) {
        const struct ir_op *op = &ir->ops[i];
        if (op->opc == IR_nop || op->opc == IR_insn_start)
            continue;
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", len ? "; " : "",
                                ir_opdefs[op->opc].name);
        unsigned nt = op->nb_oargs + op->nb_iargs;
        for (unsigned k = 0; k < nt; k++) {
            char b[32];
            temp_text(ir, op->args[k], b, sizeof b);
            len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", k ? "," : " ", b);
        }
    }
    return out;
}

/* Builds with 'build', runs ir_optimize (if opt) and ir_liveness, compares the text;
 * then checks the semantics with the harness. */
static void expect(jh_build_fn build, bool opt, const char *want)
{
    struct jh h;
    jh_ir_init(&h, 32);
    build(&h, NULL);
    if (opt)
        ir_optimize(&h.ir);
    ir_liveness(&h.ir);
    const char *got = ops_text(&h.ir);
    if (strcmp(got, want)) {
        fprintf(stderr, "expected: %s\n     got: %s\n", want, got);
        fail();
    }
    jh_ir_free(&h);

    struct tenv e;
    memset(&e, 0, sizeof e);
    for (unsigned k = 0; k < TENV_NG32; k++) {
        e.g32[k] = 100 + k;
        e.g64[k] = 1000 + k;
    }
    assert_true(jh_check(build, NULL, 32, &e, NULL, JH_BOTH, want, NULL));
}

/* ---- folding and propagation ---- */

static void build_fold(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_i32 a = ir_new_i32(ir), b = ir_new_i32(ir), c = ir_new_i32(ir);
    ir_movi_i32(ir, a, 5);
    ir_movi_i32(ir, b, 7);
    ir_add_i32(ir, c, a, b);
    ir_shli_i32(ir, c, c, 4);           /* 192 */
    ir_not_i32(ir, c, c);               /* ~192 */
    ir_mov_i32(ir, h->g32[0], c);
    ir_exit_tb(ir, 0);
}

static void constant_folding(void **state)
{
    expect(build_fold, true, "mov_i32 w0,$4294967103; exit_tb");
    /* without the optimizer only liveness runs: nothing is dead */
    expect(build_fold, false, "mov_i32 t0,$5; mov_i32 t1,$7; add_i32 t2,t0,t1; "
                              "shl_i32 t2,t2,$4; not_i32 t2,t2; mov_i32 w0,t2; exit_tb");
}

static void build_copies(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_i32 t = ir_new_i32(ir), u = ir_new_i32(ir);
    ir_mov_i32(ir, t, h->g32[0]);
    ir_mov_i32(ir, u, t);
    ir_add_i32(ir, h->g32[1], u, t);
    ir_mov_i32(ir, h->g32[2], u);
    ir_exit_tb(ir, 0);
}

static void copy_propagation(void **state)
{
    expect(build_copies, true, "add_i32 w1,w0,w0; mov_i32 w2,w0; exit_tb");
}

static void build_identities(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_addi_i32(ir, h->g32[0], h->g32[0], 0);           /* no-op */
    ir_andi_i32(ir, h->g32[1], h->g32[2], 0);           /* 0 */
    ir_xor_i32(ir, h->g32[3], h->g32[4], h->g32[4]);    /* 0 */
    ir_mul_i32(ir, h->g32[5], h->g32[6], ir_const_i32(ir, 1));
    ir_or_i32(ir, h->g32[6], h->g32[7], h->g32[7]);
    ir_sub_i64(ir, h->g64[0], h->g64[1], h->g64[1]);
    ir_andi_i64(ir, h->g64[2], h->g64[3], ~0ull);
    ir_exit_tb(ir, 0);
}

static void algebraic_identities(void **state)
{
    expect(build_identities, true,
           "mov_i32 w1,$0; mov_i32 w3,$0; mov_i32 w5,w6; mov_i32 w6,w7; "
           "mov_i64 x0,$0; mov_i64 x2,x3; exit_tb");
}

static void build_branches(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_label l1 = ir_new_label(ir), l2 = ir_new_label(ir);
    ir_i32 k = ir_new_i32(ir);
    ir_movi_i32(ir, k, 3);
    ir_brcondi_i32(ir, IR_GTU, k, 5, l1);               /* never taken: disappears */
    ir_movi_i32(ir, h->g32[0], 1);
    ir_brcondi_i32(ir, IR_LT, k, 5, l2);                /* always taken: becomes br */
    ir_movi_i32(ir, h->g32[0], 2);
    ir_set_label(ir, l1);
    ir_movi_i32(ir, h->g32[1], 3);
    ir_set_label(ir, l2);
    ir_exit_tb(ir, 0);
}

static void branch_folding(void **state)
{
    expect(build_branches, true, "mov_i32 w0,$1; br; mov_i32 w0,$2; set_label; "
                                 "mov_i32 w1,$3; set_label; exit_tb");
}

/* ---- where knowledge ends ---- */

static void build_label_forgets(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_label l = ir_new_label(ir);
    ir_movi_i32(ir, h->g32[0], 5);
    ir_brcondi_i32(ir, IR_EQ, h->g32[7], 0, l);
    ir_addi_i32(ir, h->g32[1], h->g32[0], 1);            /* fall-through: still known */
    ir_movi_i32(ir, h->g32[0], 9);
    ir_set_label(ir, l);
    ir_addi_i32(ir, h->g32[2], h->g32[0], 1);            /* 6 or 10: unknown */
    ir_exit_tb(ir, 0);
}

static void labels_end_knowledge(void **state)
{
    expect(build_label_forgets, true,
           "mov_i32 w0,$5; brcond_i32 w7,$0; mov_i32 w1,$6; mov_i32 w0,$9; set_label; "
           "add_i32 w2,w0,$1; exit_tb");
}

static uint64_t h_clobber(struct tenv *env)
{
    env->g32[0] = 40;
    return 0;
}

static uint64_t h_pure(uint64_t x) { return x * 3; }

static void build_call_forgets(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_movi_i32(ir, h->g32[0], 5);
    ir_movi_i32(ir, h->g32[3], 8);
    ir_i64 r = ir_new_i64(ir);
    ir_call1(ir, (void *)h_pure, CALL_PURE, r.t, ir->env.t);   /* result unused: gone */
    ir_addi_i32(ir, h->g32[1], h->g32[0], 1);           /* 6: a pure call changes nothing */
    ir_call1(ir, (void *)h_clobber, CALL_NO_READ_GLOBALS | CALL_NO_RAISE, IR_NO_RET,
             ir->env.t);
    ir_addi_i32(ir, h->g32[2], h->g32[0], 1);           /* 41: must not fold to 6 */
    ir_exit_tb(ir, 0);
}

static void calls_end_knowledge(void **state)
{
    expect(build_call_forgets, true,
           "mov_i32 w0,$5; mov_i32 w3,$8; mov_i32 w1,$6; call env; add_i32 w2,w0,$1; exit_tb");
}

/* ---- dead code ---- */

static uint32_t side_calls;
static uint64_t h_side(uint64_t x)
{
    side_calls++;
    return x;
}

static void build_dead_code(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_i32 t = ir_new_i32(ir), u = ir_new_i32(ir);
    ir_add_i32(ir, t, h->g32[0], h->g32[1]);            /* unused */
    ir_mul_i32(ir, u, t, t);                            /* unused, uses t */
    ir_i64 r = ir_new_i64(ir);
    ir_call1(ir, (void *)h_pure, CALL_PURE, r.t, h->g64[0].t);          /* unused */
    ir_call1(ir, (void *)h_side, CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE,
             r.t, h->g64[0].t);                         /* result unused, side effect */
    ir_ld_i32(ir, t, ir->env, offsetof(struct tenv, scratch));          /* unused load */
    ir_st_i32(ir, h->g32[2], ir->env, offsetof(struct tenv, scratch));  /* a store stays */
    ir_exit_tb(ir, 0);
}

static void dead_code(void **state)
{
    expect(build_dead_code, false, "call t2,x0; st_i32 w2,env; exit_tb");
    expect(build_dead_code, true, "call t2,x0; st_i32 w2,env; exit_tb");
}

/* A global written twice: the first value is dead unless something between can see it
 * (a fault point, a call that reads globals or may raise, a block end). */
enum between {
    B_NOTHING, B_ARITH, B_PURE_CALL, B_QEMU_LD, B_QEMU_ST, B_CALL_READS, B_CALL_RAISES,
    B_BRCOND, B_LABEL, B_READ,
};

static enum between between;

static void build_twice(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_label l = ir_new_label(ir);
    ir_addi_i32(ir, h->g32[0], h->g32[1], 1);           /* the first write */
    switch (between) {
    case B_ARITH:
        ir_addi_i32(ir, h->g32[5], h->g32[6], 2);
        break;
    case B_PURE_CALL: {
        ir_i64 r = ir_new_i64(ir);
        ir_call1(ir, (void *)h_pure, CALL_PURE, r.t, h->g64[0].t);
        ir_st_i64(ir, r, ir->env, offsetof(struct tenv, out));
        break;
    }
    case B_QEMU_LD:
        ir_qemu_ld_i32(ir, h->g32[4], ir_const_i32(ir, 0x100).t, MO_UL);
        break;
    case B_QEMU_ST:
        ir_qemu_st_i32(ir, h->g32[4], ir_const_i32(ir, 0x100).t, MO_UL);
        break;
    case B_CALL_READS:
        ir_call1(ir, (void *)h_pure, CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE, IR_NO_RET,
                 h->g64[0].t);
        break;
    case B_CALL_RAISES:
        ir_call1(ir, (void *)h_side, CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS, IR_NO_RET,
                 h->g64[0].t);
        break;
    case B_BRCOND:
        ir_brcondi_i32(ir, IR_EQ, h->g32[7], 12345, l);
        break;
    case B_LABEL:
        ir_set_label(ir, l);
        break;
    case B_READ:
        ir_mov_i32(ir, h->g32[5], h->g32[0]);
        break;
    default:
        break;
    }
    ir_addi_i32(ir, h->g32[0], h->g32[2], 2);           /* the second write */
    if (between == B_BRCOND)
        ir_set_label(ir, l);
    ir_exit_tb(ir, 0);
}

static bool first_write_survives(enum between b, bool opt)
{
    struct jh h;
    between = b;
    jh_ir_init(&h, 32);
    build_twice(&h, NULL);
    if (opt)
        ir_optimize(&h.ir);
    ir_liveness(&h.ir);
    bool found = false;
    for (uint32_t i = 0; i < h.ir.nb_ops; i++) {
        const struct ir_op *op = &h.ir.ops[i];
        if (op->opc == IR_add_i32 && op->args[0] == h.g32[0].t && op->args[1] == h.g32[1].t)
            found = true;
    }
    jh_ir_free(&h);

    struct tenv e;
    memset(&e, 0, sizeof e);
    for (unsigned k = 0; k < TENV_NG32; k++)
        e.g32[k] = 10 * k;
    char what[64];
    snprintf(what, sizeof what, "global written twice, case %d", (int)b);
    assert_true(jh_check(build_twice, NULL, 32, &e, NULL, JH_BOTH, what, NULL));
    return found;
}

static void dead_global_stores(void **state)
{
    for (int opt = 0; opt < 2; opt++) {
        assert_false(first_write_survives(B_NOTHING, opt));
        assert_false(first_write_survives(B_ARITH, opt));
        assert_false(first_write_survives(B_PURE_CALL, opt));
        assert_true(first_write_survives(B_QEMU_LD, opt));
        assert_true(first_write_survives(B_QEMU_ST, opt));
        assert_true(first_write_survives(B_CALL_READS, opt));
        assert_true(first_write_survives(B_CALL_RAISES, opt));
        assert_true(first_write_survives(B_BRCOND, opt));
        /* liveness follows control flow through labels: the code after this one
         * overwrites the global before reading it, so the first write is dead on
         * every path into the label */
        assert_false(first_write_survives(B_LABEL, opt));
        assert_true(first_write_survives(B_READ, opt));
    }
}

/* ---- liveness annotations the allocator relies on ---- */

static void build_sync(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_label l = ir_new_label(ir);
    ir_addi_i32(ir, h->g32[0], h->g32[0], 1);           /* needed in memory at the brcond */
    ir_addi_i32(ir, h->g32[1], h->g32[1], 1);           /* overwritten on one path only */
    ir_brcondi_i32(ir, IR_EQ, h->g32[0], 0, l);
    ir_mov_i32(ir, h->g32[1], h->g32[0]);
    ir_set_label(ir, l);
    ir_exit_tb(ir, 0);
}

static void liveness_sync_and_dead(void **state)
{
    struct jh h;
    jh_ir_init(&h, 32);
    build_sync(&h, NULL);
    ir_liveness(&h.ir);
    const struct ir_op *ops = h.ir.ops;
    /* w0 = w0 + 1: stored right away (the brcond needs it in memory), input dies */
    assert_int_equal(ops[0].opc, IR_add_i32);
    assert_int_equal(ops[0].sync_args & 1, 1);
    /* w1 = w1 + 1 is needed too: the branch may be taken and skip the overwrite */
    assert_int_equal(ops[1].opc, IR_add_i32);
    assert_int_equal(ops[1].sync_args & 1, 1);
    /* the brcond's w0 stays live (read after it on the fall-through path) */
    assert_int_equal(ops[2].opc, IR_brcond_i32);
    assert_int_equal(ops[2].dead_args & 1, 0);
    /* the last read of w0 kills it; w1's new value is synced for the block end */
    assert_int_equal(ops[3].opc, IR_mov_i32);
    assert_int_equal(ops[3].dead_args & 2, 2);
    assert_int_equal(ops[3].sync_args & 1, 1);
    jh_ir_free(&h);
}

int main(void)
{
    jh_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(constant_folding),
        cmocka_unit_test(copy_propagation),
        cmocka_unit_test(algebraic_identities),
        cmocka_unit_test(branch_folding),
        cmocka_unit_test(labels_end_knowledge),
        cmocka_unit_test(calls_end_knowledge),
        cmocka_unit_test(dead_code),
        cmocka_unit_test(dead_global_stores),
        cmocka_unit_test(liveness_sync_and_dead),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
