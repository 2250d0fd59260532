/* The IEEE float ops (fadd_f32 ... fsqrt_f64): every op on pairs of edge values (zeros,
 * subnormals, the smallest normal binade, huge values, infinities, quiet and signalling
 * NaNs, operands whose product is tiny before rounding), compiled by the real pipeline
 * and compared with the reference interpreter, which takes the host's IEEE result or the
 * fallback's as ir-ops.h says. The fallback here is a test helper whose answer depends
 * on both operands and which counts its calls, so a wrong choice of path, wrong
 * arguments or a clobbered register (many globals are kept dirty in host registers
 * around the op) shows up as a difference. A second test reads the IEEE flags the ops
 * leave for jit_fp_take_flags(). The conversions get the same treatment with values
 * around the integer range and the binary32 range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tcg/exec.h"
#include "tcg/opt.h"
#include "test_jit_harness.h"

static uint64_t fallback64(void *env, uint64_t a, uint64_t b)
{
    ((struct tenv *)env)->out[0]++;
    return (a * 0x9e3779b97f4a7c15ull) ^ (b >> 3) ^ 0xfa11ull;
}

static uint32_t fallback32(void *env, uint32_t a, uint32_t b)
{
    ((struct tenv *)env)->out[1]++;
    return (a * 0x9e3779b9u) ^ (b >> 3) ^ 0xfa11u;
}

/* square roots: fn(env, a) */
static uint64_t fallback_sqrt64(void *env, uint64_t a)
{
    return fallback64(env, a, 0x5555);
}

static uint32_t fallback_sqrt32(void *env, uint32_t a)
{
    return fallback32(env, a, 0x5555);
}

static const uint64_t vals64[] = {
    0, 1ull << 63, 0x3ff0000000000000ull, 0xbff0000000000000ull, 0x4008000000000000ull,
    0x3fb999999999999aull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
    0x0010000000000000ull, 0x0010000000000001ull, 0x0020000000000000ull, 1,
    0x800fffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000001234ull, 0x7ff0000000005678ull, 0x3feffffffffffffeull,
    0x1a70000000000000ull, 0x6570000000000000ull,
};
static const uint32_t vals32[] = {
    0, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x40400000u, 0x3dcccccdu, 0x7f7fffffu,
    0xff7fffffu, 0x00800000u, 0x00800001u, 0x01000000u, 1, 0x807fffffu, 0x7f800000u,
    0xff800000u, 0x7fc01234u, 0x7f805678u, 0x3f7ffffeu, 0x1a000000u, 0x65000000u,
};
#define NV (sizeof vals64 / sizeof vals64[0])
_Static_assert(NV == sizeof vals32 / sizeof vals32[0], "value tables match");

struct fcase {
    enum ir_fop f;
    bool dbl;
    bool pressure;       /* keep most globals dirty in host registers across the op */
    bool cmp;            /* fcmp instead */
    bool signal;         /* fcmp: quiet NaNs raise invalid too */
    bool alias;          /* the result overwrites the first operand */
};

static void build(struct jh *h, void *arg)
{
    const struct fcase *c = arg;
    struct ir *ir = &h->ir;
    if (c->pressure) {
        for (unsigned i = 3; i < TENV_NG32; i++)
            ir_addi_i32(ir, h->g32[i], h->g32[i], i * 0x01010101u);
        for (unsigned i = 3; i < TENV_NG64; i++)
            ir_xor_i64(ir, h->g64[i], h->g64[i], ir_const_i64(ir, 0x0123456789abcdefull * i));
    }
    if (c->cmp) {
        if (c->dbl)
            ir_fcmp_f64(ir, h->g32[2], h->g64[0], h->g64[1], c->signal);
        else
            ir_fcmp_f32(ir, h->g32[2], h->g32[0], h->g32[1], c->signal);
        ir_exit_tb(ir, 0);
        return;
    }
    bool sq = c->f == IR_FSQRT;
    unsigned out = c->alias ? 0 : 2;
    if (c->dbl)
        ir_fop_f64(ir, c->f, h->g64[out], h->g64[0], h->g64[1],
                   sq ? (void *)fallback_sqrt64 : (void *)fallback64);
    else
        ir_fop_f32(ir, c->f, h->g32[out], h->g32[0], h->g32[1],
                   sq ? (void *)fallback_sqrt32 : (void *)fallback32);
    if (c->pressure) {
        for (unsigned i = 3; i < TENV_NG32; i++)
            ir_add_i32(ir, h->g32[i], h->g32[i], h->g32[i - 1]);
        for (unsigned i = 3; i < TENV_NG64; i++)
            ir_add_i64(ir, h->g64[i], h->g64[i], h->g64[i - 1]);
    }
    ir_exit_tb(ir, 0);
}

static void run_case(const struct fcase *c, unsigned i, unsigned j, unsigned *fallbacks)
{
    struct tenv env0, res;
    memset(&env0, 0, sizeof env0);
    for (unsigned k = 0; k < TENV_NG32; k++)
        env0.g32[k] = 0x11111111u * k;
    for (unsigned k = 0; k < TENV_NG64; k++)
        env0.g64[k] = 0x1111111111111111ull * k;
    env0.g64[0] = vals64[i];
    env0.g64[1] = vals64[j];
    env0.g32[0] = vals32[i];
    env0.g32[1] = vals32[j];
    char what[96];
    snprintf(what, sizeof what, "%s op %d: values %u, %u%s", c->dbl ? "f64" : "f32", c->f,
             i, j, c->pressure ? " (pressure)" : "");
    assert_true(jh_check(build, (void *)c, 32, &env0, NULL, JH_BOTH, what, &res));
    *fallbacks += (unsigned)(res.out[0] + res.out[1]);
}

static void ops_against_interpreter(void **state)
{
    (void)state;
    unsigned long runs0 = jh_runs;
    unsigned fallbacks = 0;
    for (int dbl = 0; dbl < 2; dbl++) {
        for (enum ir_fop f = IR_FADD; f <= IR_FSQRT; f++) {
            unsigned nj = f == IR_FSQRT ? 1 : NV;
            for (unsigned i = 0; i < NV; i++)
                for (unsigned j = 0; j < nj; j++) {
                    struct fcase c = { f, dbl, (i + j) % 5 == 0, false, false,
                                       (i + j) % 3 == 1 };
                    run_case(&c, i, j, &fallbacks);
                }
        }
    }
    for (int dbl = 0; dbl < 2; dbl++)
        for (unsigned i = 0; i < NV; i++)
            for (unsigned j = 0; j < NV; j++) {
                struct fcase c = { IR_FADD, dbl, false, true, (i ^ j) & 1, false };
                run_case(&c, i, j, &fallbacks);
            }
    assert_true(jh_runs > runs0 + 3000);
    /* NaNs, infinities and the tiny results among the values need the fallback */
    assert_true(fallbacks > 500);
}

/* ---- conversions ---- */

static const uint64_t conv64[] = {
    0x41dfffffffc00000ull, 0x41e0000000000000ull, 0xc1e0000000000000ull,
    0xc1e0000000100000ull, 0xc1e0000000200000ull, 0x3ff8000000000000ull,
    0xbff8000000000000ull, 0x3fe0000000000000ull, 0x41f0000000000000ull,
    0x36a0000000000000ull, 0x3810000000000000ull, 0x380fffffffffffffull,
    0x47efffffe0000000ull, 0x47effffff0000000ull, 0x7ff4000000000000ull,
};
static const uint32_t conv32[] = {
    0x4effffffu, 0x4f000000u, 0xcf000000u, 0xcf000001u, 0x3fc00000u, 0xbfc00000u,
    0x00000001u, 0x7fa00000u, 0xff800000u,
};
static const uint32_t ints[] = {
    0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 0x01000001u, 0x075bcd15u, 0xfeffffffu,
};

struct ccase {
    enum ir_opc opc;
    bool is_signed;
};

static void build_conv(struct jh *h, void *arg)
{
    const struct ccase *c = arg;
    struct ir *ir = &h->ir;
    /* dirty registers around the fallback, as in build() */
    for (unsigned i = 3; i < TENV_NG32; i++)
        ir_addi_i32(ir, h->g32[i], h->g32[i], i * 0x01010101u);
    switch (c->opc) {
    case IR_fext_f64: ir_fext_f64(ir, h->g64[2], h->g32[0], (void *)fallback_sqrt64); break;
    case IR_fnarrow_f32:
        ir_fnarrow_f32(ir, h->g32[2], h->g64[0], (void *)fallback_sqrt32);
        break;
    case IR_ftoi32_f32: ir_ftoi32_f32(ir, h->g32[2], h->g32[0], (void *)fallback_sqrt32); break;
    case IR_ftoi32_f64: ir_ftoi32_f64(ir, h->g32[2], h->g64[0], (void *)fallback_sqrt32); break;
    case IR_itof_f32: ir_itof_f32(ir, h->g32[2], h->g32[0], c->is_signed); break;
    default: ir_itof_f64(ir, h->g64[2], h->g32[0], c->is_signed); break;
    }
    for (unsigned i = 3; i < TENV_NG32; i++)
        ir_add_i32(ir, h->g32[i], h->g32[i], h->g32[i - 1]);
    ir_exit_tb(ir, 0);
}

static void check_conv(const struct ccase *c, uint64_t v64, uint32_t v32)
{
    struct tenv env0;
    memset(&env0, 0, sizeof env0);
    for (unsigned k = 0; k < TENV_NG32; k++)
        env0.g32[k] = 0x11111111u * k;
    env0.g64[0] = v64;
    env0.g32[0] = v32;
    char what[96];
    snprintf(what, sizeof what, "%s%s of %#llx / %#x", ir_opdefs[c->opc].name,
             c->is_signed ? " (signed)" : "", (unsigned long long)v64, v32);
    assert_true(jh_check(build_conv, (void *)c, 32, &env0, NULL, JH_BOTH, what, NULL));
}

static void conversions_against_interpreter(void **state)
{
    (void)state;
    unsigned long runs0 = jh_runs;
    static const enum ir_opc fops[] = {
        IR_fext_f64, IR_fnarrow_f32, IR_ftoi32_f32, IR_ftoi32_f64,
    };
    for (unsigned k = 0; k < sizeof fops / sizeof fops[0]; k++) {
        struct ccase c = { fops[k], true };
        for (unsigned i = 0; i < NV; i++)
            check_conv(&c, vals64[i], vals32[i]);
        for (unsigned i = 0; i < sizeof conv64 / sizeof conv64[0]; i++)
            check_conv(&c, conv64[i], conv32[i % (sizeof conv32 / sizeof conv32[0])]);
    }
    for (int sg = 0; sg < 2; sg++)
        for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) {
            struct ccase c32 = { IR_itof_f32, sg }, c64 = { IR_itof_f64, sg };
            check_conv(&c32, 0, ints[i]);
            check_conv(&c64, 0, ints[i]);
        }
    assert_true(jh_runs > runs0 + 300);
}

/* Compiles d = a op b on globals and returns the IEEE flags one run leaves. */
static unsigned run_flags(const struct fcase *c, uint64_t a, uint64_t b);

static unsigned flags_of(enum ir_fop f, bool dbl, uint64_t a, uint64_t b)
{
    struct fcase c = { f, dbl, false, false, false, false };
    return run_flags(&c, a, b);
}

/* ... and of a compare */
static unsigned cmp_flags_of(bool signal, bool dbl, uint64_t a, uint64_t b)
{
    struct fcase c = { IR_FADD, dbl, false, true, signal, false };
    return run_flags(&c, a, b);
}

static unsigned run_flags(const struct fcase *c, uint64_t a, uint64_t b)
{
    struct jh h;
    jh_ir_init(&h, 32);
    build(&h, (void *)c);
    ir_liveness(&h.ir);
    void *code = jh_compile(&h.ir, 0);
    assert_non_null(code);
    struct tenv env;
    memset(&env, 0, sizeof env);
    env.g64[0] = a;
    env.g64[1] = b;
    env.g32[0] = (uint32_t)a;
    env.g32[1] = (uint32_t)b;
    (void)jit_fp_take_flags();
    jh_run(code, &env);
    unsigned fl = jit_fp_take_flags();
    jh_ir_free(&h);
    return fl;
}

static void flags_collected(void **state)
{
    (void)state;
    const uint64_t one = 0x3ff0000000000000ull, tiny = 0x3c30000000000000ull;
    assert_int_equal(flags_of(IR_FADD, true, one, one), 0);
    assert_int_equal(flags_of(IR_FADD, true, one, tiny), IR_FPX_INEXACT);
    assert_int_equal(flags_of(IR_FDIV, true, one, 0), IR_FPX_DIVZERO);
    assert_int_equal(flags_of(IR_FDIV, true, 0, 0), IR_FPX_INVALID);
    assert_int_equal(flags_of(IR_FMUL, true, 0x7fefffffffffffffull, 0x4000000000000000ull),
                     IR_FPX_OVERFLOW | IR_FPX_INEXACT);
    assert_int_equal(flags_of(IR_FMUL, true, 0x0010000000000000ull, 0x0010000000000000ull),
                     IR_FPX_UNDERFLOW | IR_FPX_INEXACT);
    assert_int_equal(flags_of(IR_FSQRT, true, 0xbff0000000000000ull, 0), IR_FPX_INVALID);
    assert_int_equal(flags_of(IR_FADD, true, 1, one), IR_FPX_DENORMAL | IR_FPX_INEXACT);
    assert_int_equal(flags_of(IR_FMUL, false, 0x3f800000u, 0x40400000u), 0);
    assert_int_equal(flags_of(IR_FDIV, false, 0x3f800000u, 0x40400000u), IR_FPX_INEXACT);
    assert_int_equal(flags_of(IR_FSUB, false, 0x7f800000u, 0x7f800000u), IR_FPX_INVALID);
    assert_int_equal(flags_of(IR_FSQRT, false, 0x7f800001u, 0), IR_FPX_INVALID);
    /* compares: signalling NaNs always raise invalid, quiet ones only when asked to */
    const uint64_t qnan = 0x7ff8000000000000ull, snan = 0x7ff0000000000001ull;
    assert_int_equal(cmp_flags_of(false, true, one, qnan), 0);
    assert_int_equal(cmp_flags_of(true, true, one, qnan), IR_FPX_INVALID);
    assert_int_equal(cmp_flags_of(false, true, snan, one), IR_FPX_INVALID);
    assert_int_equal(cmp_flags_of(false, false, 0x7fc00000u, 0), 0);
    assert_int_equal(cmp_flags_of(true, false, 0x3f800000u, 0x7fc00000u), IR_FPX_INVALID);
    assert_int_equal(cmp_flags_of(true, true, one, tiny), 0);
    /* taking the flags cleared them */
    assert_int_equal(jit_fp_take_flags(), 0);
}

int main(void)
{
    jh_setup();
    jh_features(true);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ops_against_interpreter),
        cmocka_unit_test(conversions_against_interpreter),
        cmocka_unit_test(flags_collected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
