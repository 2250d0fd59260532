/* Every arithmetic/logic IR op with edge values, compiled by the real pipeline and run,
 * compared with the reference interpreter (ir_interp.c). Each case is tried with its
 * inputs coming from globals, constants, temps set by movi, tb temps loaded from memory,
 * and with the output overwriting an input, so register, immediate and constant-folding
 * paths of the back end and the optimizer all meet the same values. Everything runs
 * once with all host features and once with the baseline (no BMI/LZCNT/MOVBE). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "test_jit_harness.h"

enum mode {
    M_GLOBALS,        /* inputs are globals, outputs go to other globals */
    M_CONSTS,         /* inputs are constant temps */
    M_MOVI,           /* inputs are ebb temps set by movi (known constants to opt) */
    M_LOADED,         /* inputs are tb temps loaded from env (unknown values) */
    M_IMM_B,          /* first input a global, the rest constants */
    M_ALIAS,          /* output 0 overwrites input 0 (a global); other inputs globals */
    M_NMODES,
};
static const char *const mode_names[] = {
    "globals", "consts", "movi", "loaded", "imm_b", "alias",
};

struct one {
    enum ir_opc opc;
    enum mode mode;
    uint64_t v[4];
    uintptr_t c[2];
};

static bool is_i64_name(enum ir_opc o)
{
    const char *n = ir_opdefs[o].name;
    size_t l = strlen(n);
    return l > 3 && !strcmp(n + l - 3, "i64");
}

static enum ir_type arg_type(enum ir_opc o, bool out)
{
    switch (o) {
    case IR_ext_i32_i64: case IR_extu_i32_i64: case IR_concat_i32_i64:
        return out ? IR_I64 : IR_I32;
    case IR_extrl_i64_i32: case IR_extrh_i64_i32:
        return out ? IR_I32 : IR_I64;
    default:
        return is_i64_name(o) ? IR_I64 : IR_I32;
    }
}

static uint16_t global_of(struct jh *h, enum ir_type t, unsigned i)
{
    return t == IR_I64 ? h->g64[i].t : h->g32[i].t;
}

static uint16_t const_of(struct jh *h, enum ir_type t, uint64_t v)
{
    return t == IR_I64 ? ir_const_i64(&h->ir, v).t : ir_const_i32(&h->ir, (uint32_t)v).t;
}

static void build_one(struct jh *h, void *arg)
{
    const struct one *c = arg;
    struct ir *ir = &h->ir;
    const struct ir_opdef *d = &ir_opdefs[c->opc];
    enum ir_type ti = arg_type(c->opc, false), to = arg_type(c->opc, true);
    uintptr_t a[IR_MAX_ARGS];
    uint16_t outs[2];
    unsigned n = 0;

    for (unsigned k = 0; k < d->nb_oargs; k++) {
        if (c->mode == M_GLOBALS || (c->mode == M_ALIAS && k > 0))
            outs[k] = global_of(h, to, 4 + k);
        else if (c->mode == M_ALIAS)
            outs[k] = global_of(h, ti, 0);      /* only used when ti == to */
        else
            outs[k] = to == IR_I64 ? ir_new_i64(ir).t : ir_new_i32(ir).t;
        a[n++] = outs[k];
    }
    for (unsigned k = 0; k < d->nb_iargs; k++) {
        uint16_t t;
        switch (c->mode) {
        case M_CONSTS:
            t = const_of(h, ti, c->v[k]);
            break;
        case M_MOVI:
            t = ti == IR_I64 ? ir_new_i64(ir).t : ir_new_i32(ir).t;
            if (ti == IR_I64)
                ir_movi_i64(ir, (ir_i64){ t }, c->v[k]);
            else
                ir_movi_i32(ir, (ir_i32){ t }, (uint32_t)c->v[k]);
            break;
        case M_LOADED:
            t = ti == IR_I64 ? ir_new_tb_i64(ir).t : ir_new_tb_i32(ir).t;
            if (ti == IR_I64)
                ir_ld_i64(ir, (ir_i64){ t }, ir->env, offsetof(struct tenv, scratch) + 8 * k);
            else
                ir_ld_i32(ir, (ir_i32){ t }, ir->env, offsetof(struct tenv, scratch) + 8 * k);
            break;
        case M_IMM_B:
            t = k == 0 ? global_of(h, ti, 0) : const_of(h, ti, c->v[k]);
            break;
        default:
            t = global_of(h, ti, k);
            break;
        }
        a[n++] = t;
    }
    for (unsigned k = 0; k < d->nb_cargs; k++)
        a[n++] = c->c[k];
    ir_emit(ir, c->opc, a, n);

    /* results to out[]: i32 ones also through concat with zero, which exposes a value
     * whose host register was not kept zero-extended */
    for (unsigned k = 0; k < d->nb_oargs; k++) {
        intptr_t off = (intptr_t)(offsetof(struct tenv, out) + 8 * k);
        if (to == IR_I64) {
            ir_st_i64(ir, (ir_i64){ outs[k] }, ir->env, off);
        } else {
            ir_i64 w = ir_new_i64(ir);
            ir_concat_i32_i64(ir, w, (ir_i32){ outs[k] }, ir_const_i32(ir, 0));
            ir_st_i64(ir, w, ir->env, off);
        }
    }
    ir_exit_tb(ir, 0);
}

static void init_env(struct tenv *e, const struct one *c)
{
    memset(e, 0, sizeof *e);
    for (unsigned k = 0; k < TENV_NG64; k++) {
        e->g64[k] = k < 4 ? c->v[k] : 0x5a5a5a5a5a5a5a5aull + k;
        e->g32[k] = k < 4 ? (uint32_t)c->v[k] : 0xa5a5a5a5u + k;
    }
    for (unsigned k = 0; k < 4; k++)
        e->scratch[k] = c->v[k];
    for (unsigned k = 0; k < 16; k++)
        e->out[k] = 0xccccccccccccccccull;
}

static unsigned cases_run;

static void check_one(const struct one *c)
{
    struct tenv e;
    char what[200];
    init_env(&e, c);
    snprintf(what, sizeof what, "%s (%s) in 0x%llx 0x%llx 0x%llx 0x%llx c %lu %lu",
             ir_opdefs[c->opc].name, mode_names[c->mode], (unsigned long long)c->v[0],
             (unsigned long long)c->v[1], (unsigned long long)c->v[2],
             (unsigned long long)c->v[3], (unsigned long)c->c[0], (unsigned long)c->c[1]);
    if (!jh_check(build_one, (void *)c, 64, &e, NULL, JH_BOTH, what, NULL))
        fail_msg("%s", what);
    cases_run++;
}

/* Every mode that makes sense for the op's shape. */
static void check_modes(struct one c)
{
    for (int m = 0; m < M_NMODES; m++) {
        if (m == M_ALIAS && arg_type(c.opc, false) != arg_type(c.opc, true))
            continue;
        if (m == M_IMM_B && ir_opdefs[c.opc].nb_iargs < 2)
            continue;
        c.mode = (enum mode)m;
        check_one(&c);
    }
}

static void both_features(void (*fn)(void))
{
    jh_features(true);
    fn();
    jh_features(false);
    fn();
    jh_features(true);
}

static const uint64_t edges32[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
    0xfffffffe, 0xffffffff, 0x12345678, 0xedcba987,
};
static const uint64_t edges64[] = {
    0, 1, 0x80, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
    0xfffffffffffffffeull, 0x123456789abcdef0ull, 0xfedcba9876543210ull, 0xffffffff80000000ull,
};
#define NEDGES (sizeof edges32 / sizeof edges32[0])

static const uint64_t *edges_for(enum ir_opc o)
{
    return arg_type(o, false) == IR_I64 ? edges64 : edges32;
}

/* ---- two-input arithmetic ---- */

static const enum ir_opc binops[] = {
    IR_add_i32, IR_sub_i32, IR_mul_i32, IR_and_i32, IR_or_i32, IR_xor_i32, IR_andc_i32,
    IR_add_i64, IR_sub_i64, IR_mul_i64, IR_and_i64, IR_or_i64, IR_xor_i64, IR_andc_i64,
};

static void run_binops(void)
{
    for (size_t i = 0; i < sizeof binops / sizeof binops[0]; i++) {
        const uint64_t *e = edges_for(binops[i]);
        for (size_t x = 0; x < NEDGES; x++)
            for (size_t y = 0; y < NEDGES; y += 2)
                check_modes((struct one){ .opc = binops[i], .v = { e[x], e[(x + y) % NEDGES] } });
        /* same operand twice: x - x, x ^ x, x & x ... */
        for (size_t x = 0; x < NEDGES; x++) {
            struct one c = { .opc = binops[i], .v = { e[x], e[x] } };
            check_modes(c);
        }
    }
}

static void binary_ops(void **state)
{
    cases_run = 0;
    both_features(run_binops);
    assert_true(cases_run > 1000);
}

/* ---- shifts and rotates: counts 0, 1, width-1 and between ---- */

static const enum ir_opc shifts[] = {
    IR_shl_i32, IR_shr_i32, IR_sar_i32, IR_rotl_i32, IR_rotr_i32,
    IR_shl_i64, IR_shr_i64, IR_sar_i64, IR_rotl_i64, IR_rotr_i64,
};

static void run_shifts(void)
{
    static const uint64_t counts32[] = { 0, 1, 4, 8, 16, 31 };
    static const uint64_t counts64[] = { 0, 1, 8, 31, 32, 33, 63 };
    for (size_t i = 0; i < sizeof shifts / sizeof shifts[0]; i++) {
        bool w64 = arg_type(shifts[i], false) == IR_I64;
        const uint64_t *e = edges_for(shifts[i]);
        const uint64_t *cnt = w64 ? counts64 : counts32;
        size_t ncnt = w64 ? 7 : 6;
        for (size_t x = 0; x < NEDGES; x++)
            for (size_t s = 0; s < ncnt; s++)
                check_modes((struct one){ .opc = shifts[i], .v = { e[x], cnt[s] } });
    }
}

static void shift_ops(void **state)
{
    cases_run = 0;
    both_features(run_shifts);
    assert_true(cases_run > 500);
}

/* ---- one-input ops and width changes ---- */

static const enum ir_opc unops[] = {
    IR_neg_i32, IR_not_i32, IR_ext8s_i32, IR_ext8u_i32, IR_ext16s_i32, IR_ext16u_i32,
    IR_bswap16_i32, IR_bswap32_i32, IR_ctpop_i32, IR_mov_i32,
    IR_neg_i64, IR_not_i64, IR_ext8s_i64, IR_ext8u_i64, IR_ext16s_i64, IR_ext16u_i64,
    IR_ext32s_i64, IR_ext32u_i64, IR_bswap16_i64, IR_bswap32_i64, IR_bswap64_i64,
    IR_ctpop_i64, IR_mov_i64,
    IR_ext_i32_i64, IR_extu_i32_i64, IR_extrl_i64_i32, IR_extrh_i64_i32,
};

static void run_unops(void)
{
    for (size_t i = 0; i < sizeof unops / sizeof unops[0]; i++) {
        const uint64_t *e = edges_for(unops[i]);
        for (size_t x = 0; x < NEDGES; x++)
            check_modes((struct one){ .opc = unops[i], .v = { e[x] } });
        /* byte patterns that show which byte went where */
        check_modes((struct one){ .opc = unops[i], .v = { 0x0102030405060708ull } });
        check_modes((struct one){ .opc = unops[i], .v = { 0x8182838485868788ull } });
    }
}

static void unary_ops(void **state)
{
    cases_run = 0;
    both_features(run_unops);
    assert_true(cases_run > 500);
}

static void run_concat(void)
{
    for (size_t x = 0; x < NEDGES; x++)
        for (size_t y = 0; y < NEDGES; y += 3)
            check_modes((struct one){ .opc = IR_concat_i32_i64, .v = { edges32[x], edges32[y] } });
}

static void concat_op(void **state)
{
    cases_run = 0;
    both_features(run_concat);
    assert_true(cases_run > 100);
}

/* ---- clz/ctz: zero input gives the second operand ---- */

static void run_bitcount(void)
{
    static const enum ir_opc ops[] = { IR_clz_i32, IR_ctz_i32, IR_clz_i64, IR_ctz_i64 };
    for (size_t i = 0; i < 4; i++) {
        bool w64 = arg_type(ops[i], false) == IR_I64;
        const uint64_t *e = edges_for(ops[i]);
        uint64_t zv[] = { w64 ? 64 : 32, 0, 0x55, w64 ? ~0ull : 0xffffffffu };
        for (size_t x = 0; x < NEDGES; x++)
            for (size_t z = 0; z < 4; z++)
                check_modes((struct one){ .opc = ops[i], .v = { e[x], zv[z] } });
    }
}

static void bitcount_ops(void **state)
{
    cases_run = 0;
    both_features(run_bitcount);
    assert_true(cases_run > 200);
}

/* ---- bit fields at their edges ---- */

static const unsigned fields32[][2] = {
    { 0, 1 }, { 0, 8 }, { 0, 16 }, { 0, 31 }, { 0, 32 }, { 1, 31 }, { 31, 1 }, { 8, 8 },
    { 16, 16 }, { 24, 8 }, { 3, 5 }, { 30, 2 },
};
static const unsigned fields64[][2] = {
    { 0, 1 }, { 0, 32 }, { 0, 63 }, { 0, 64 }, { 1, 63 }, { 63, 1 }, { 32, 32 }, { 31, 2 },
    { 40, 24 }, { 8, 48 }, { 16, 16 }, { 60, 4 },
};

static void run_fields(void)
{
    static const enum ir_opc ops[] = {
        IR_extract_i32, IR_sextract_i32, IR_deposit_i32,
        IR_extract_i64, IR_sextract_i64, IR_deposit_i64,
    };
    for (size_t i = 0; i < 6; i++) {
        bool w64 = arg_type(ops[i], false) == IR_I64;
        const uint64_t *e = edges_for(ops[i]);
        for (size_t f = 0; f < 12; f++) {
            unsigned pos = w64 ? fields64[f][0] : fields32[f][0];
            unsigned len = w64 ? fields64[f][1] : fields32[f][1];
            for (size_t x = 0; x < NEDGES; x += 2)
                check_modes((struct one){ .opc = ops[i], .v = { e[x], e[(x + 5) % NEDGES] },
                                          .c = { pos, len } });
        }
    }
}

static void field_ops(void **state)
{
    cases_run = 0;
    both_features(run_fields);
    assert_true(cases_run > 500);
}

/* ---- setcond/movcond: every condition at signed and unsigned boundaries ---- */

static void run_conds(void)
{
    static const enum ir_opc ops[] = {
        IR_setcond_i32, IR_movcond_i32, IR_setcond_i64, IR_movcond_i64,
    };
    static const uint64_t b32[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678 };
    static const uint64_t b64[] = {
        0, 1, 0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull, 0xffffffffull,
        0x80000000ull,
    };
    for (size_t i = 0; i < 4; i++) {
        bool w64 = arg_type(ops[i], false) == IR_I64;
        const uint64_t *b = w64 ? b64 : b32;
        size_t nb = w64 ? 7 : 6;
        for (unsigned cond = IR_NEVER; cond <= IR_TSTNE; cond++)
            for (size_t x = 0; x < nb; x++)
                for (size_t y = 0; y < nb; y++)
                    check_modes((struct one){ .opc = ops[i],
                                              .v = { b[x], b[y], 0x1111111122222222ull,
                                                     0x3333333344444444ull },
                                              .c = { cond } });
    }
}

static void cond_ops(void **state)
{
    cases_run = 0;
    both_features(run_conds);
    assert_true(cases_run > 5000);
}

/* ---- double-width multiply and division ---- */

static bool div_defined(enum ir_opc o, uint64_t a, uint64_t b)
{
    bool w64 = arg_type(o, false) == IR_I64;
    bool sign = o == IR_divs_i32 || o == IR_divs_i64 || o == IR_rems_i32 || o == IR_rems_i64;
    if ((w64 ? b : (uint32_t)b) == 0)
        return false;
    if (sign && w64 && a == 0x8000000000000000ull && b == ~0ull)
        return false;
    if (sign && !w64 && (uint32_t)a == 0x80000000u && (uint32_t)b == 0xffffffffu)
        return false;
    return true;
}

static void run_muldiv(void)
{
    static const enum ir_opc ops[] = {
        IR_mulu2_i32, IR_muls2_i32, IR_mulu2_i64, IR_muls2_i64,
        IR_divs_i32, IR_divu_i32, IR_rems_i32, IR_remu_i32,
        IR_divs_i64, IR_divu_i64, IR_rems_i64, IR_remu_i64,
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        const uint64_t *e = edges_for(ops[i]);
        for (size_t x = 0; x < NEDGES; x++)
            for (size_t y = 0; y < NEDGES; y++)
                if (div_defined(ops[i], e[x], e[y]) || i < 4)
                    check_modes((struct one){ .opc = ops[i], .v = { e[x], e[y] } });
        /* small signed cases where C's truncation toward zero shows */
        uint64_t m7 = (uint64_t)-7, m2 = (uint64_t)-2;
        check_modes((struct one){ .opc = ops[i], .v = { m7, 2 } });
        check_modes((struct one){ .opc = ops[i], .v = { 7, m2 } });
        check_modes((struct one){ .opc = ops[i], .v = { m7, m2 } });
    }
}

static void muldiv_ops(void **state)
{
    cases_run = 0;
    both_features(run_muldiv);
    assert_true(cases_run > 1000);
}

int main(void)
{
    jh_setup();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(binary_ops),
        cmocka_unit_test(shift_ops),
        cmocka_unit_test(unary_ops),
        cmocka_unit_test(concat_op),
        cmocka_unit_test(bitcount_ops),
        cmocka_unit_test(field_ops),
        cmocka_unit_test(cond_ops),
        cmocka_unit_test(muldiv_ops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
