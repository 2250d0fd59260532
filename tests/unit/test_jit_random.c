/* Randomized differential test of the whole back end: many generated IR programs (fixed
 * seeds, so every run checks the same programs) mixing i32/i64 globals, ebb and tb temps
 * and constants, every ALU op, setcond/movcond, forward branches, short counted loops,
 * host loads/stores on env, guest loads/stores, helper calls with every flag mix, and
 * more live values than the host has registers. Each program runs in the reference
 * interpreter and, with and without ir_optimize, as generated code; the final CPU state,
 * guest memory and exit value must agree (test_jit_harness.c does the comparing).
 *
 * The generator only builds IR that ir-ops.h defines: shift counts are masked, divisors
 * are made odd and never -1, bit fields fit, ebb temps are read only while they hold a
 * value (they survive the fall-through of a brcond, not a label), guest addresses stay
 * inside the buffer. The interpreter rejects anything else, so a generator bug shows up
 * as an interpreter error, not as a false alarm about the JIT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "test_jit_harness.h"

#define N_EBB 24          /* per type */
#define N_TB 10           /* per type */
#define MAX_PENDING 4
#define GUEST_WINDOW 0x1000  /* guest accesses stay in [0, GUEST_WINDOW + 8) */

struct rng { uint64_t s; };

static uint64_t next(struct rng *r)
{
    /* xorshift64*: deterministic across hosts and compilers */
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545f4914f6cdd1dull;
}

static unsigned below(struct rng *r, unsigned n) { return (unsigned)(next(r) % n); }
static bool chance(struct rng *r, unsigned pct) { return below(r, 100) < pct; }

struct gen {
    struct jh *h;
    struct ir *ir;
    struct rng r;
    unsigned addr_bits;
    uint16_t ebb[2][N_EBB];      /* [0] i32, [1] i64 */
    bool ebb_ok[2][N_EBB];
    uint16_t tb[2][N_TB];
    ir_label pending[MAX_PENDING];
    unsigned npending;
};

struct params {
    uint64_t seed;
    unsigned addr_bits;
    unsigned length;             /* random steps */
};

static uint64_t interesting(struct rng *r, bool w64)
{
    static const uint64_t v[] = {
        0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
        0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
        0x8000000000000000ull, ~0ull, ~1ull, 0xffffffff80000000ull,
    };
    uint64_t x = chance(r, 60) ? v[below(r, sizeof v / sizeof v[0])] : next(r);
    if (chance(r, 10))
        x = (uint64_t)-(int64_t)below(r, 300);
    return w64 ? x : (uint32_t)x;
}

/* ---- operand choice ---- */

static uint16_t src(struct gen *g, int w)
{
    for (;;) {
        unsigned k = below(&g->r, 100);
        if (k < 25)
            return w ? g->h->g64[below(&g->r, TENV_NG64)].t : g->h->g32[below(&g->r, TENV_NG32)].t;
        if (k < 50)
            return g->tb[w][below(&g->r, N_TB)];
        if (k < 85) {
            unsigned i = below(&g->r, N_EBB);
            if (g->ebb_ok[w][i])
                return g->ebb[w][i];
            continue;
        }
        uint64_t v = interesting(&g->r, w);
        return w ? ir_const_i64(g->ir, v).t : ir_const_i32(g->ir, (uint32_t)v).t;
    }
}

static uint16_t dst(struct gen *g, int w)
{
    unsigned k = below(&g->r, 100);
    if (k < 25)
        return w ? g->h->g64[below(&g->r, TENV_NG64)].t : g->h->g32[below(&g->r, TENV_NG32)].t;
    if (k < 45)
        return g->tb[w][below(&g->r, N_TB)];
    unsigned i = below(&g->r, N_EBB);
    g->ebb_ok[w][i] = true;      /* valid once the op writing it has run */
    return g->ebb[w][i];
}

/* An ebb temp for an intermediate value (a masked count, a safe divisor, an address);
 * call it after picking the op's other sources, since it overwrites a random ebb temp. */
static uint16_t scratch_temp(struct gen *g, int w)
{
    unsigned i = below(&g->r, N_EBB);
    g->ebb_ok[w][i] = true;
    return g->ebb[w][i];
}

static void emit(struct gen *g, enum ir_opc o, const uintptr_t *a, unsigned n)
{
    ir_emit(g->ir, o, a, n);
}

/* ---- op families ---- */

static void gen_alu(struct gen *g, int w)
{
    static const enum ir_opc ops[2][7] = {
        { IR_add_i32, IR_sub_i32, IR_mul_i32, IR_and_i32, IR_or_i32, IR_xor_i32, IR_andc_i32 },
        { IR_add_i64, IR_sub_i64, IR_mul_i64, IR_and_i64, IR_or_i64, IR_xor_i64, IR_andc_i64 },
    };
    uintptr_t a[3];
    a[1] = src(g, w);
    a[2] = chance(&g->r, 20) ? a[1] : src(g, w);
    a[0] = dst(g, w);
    emit(g, ops[w][below(&g->r, 7)], a, 3);
}

static void gen_shift(struct gen *g, int w)
{
    static const enum ir_opc ops[2][5] = {
        { IR_shl_i32, IR_shr_i32, IR_sar_i32, IR_rotl_i32, IR_rotr_i32 },
        { IR_shl_i64, IR_shr_i64, IR_sar_i64, IR_rotl_i64, IR_rotr_i64 },
    };
    unsigned bits = w ? 64 : 32;
    uintptr_t a[3];
    a[1] = src(g, w);
    if (chance(&g->r, 50)) {
        a[2] = w ? ir_const_i64(g->ir, below(&g->r, bits)).t
                 : ir_const_i32(g->ir, below(&g->r, bits)).t;
    } else {
        /* a variable count, masked into range first */
        uint16_t s = src(g, w);
        uintptr_t m[3] = { scratch_temp(g, w), s,
                           w ? ir_const_i64(g->ir, bits - 1).t : ir_const_i32(g->ir, bits - 1).t };
        emit(g, w ? IR_and_i64 : IR_and_i32, m, 3);
        a[2] = m[0];
    }
    a[0] = dst(g, w);
    emit(g, ops[w][below(&g->r, 5)], a, 3);
}

static void gen_unary(struct gen *g, int w)
{
    static const enum ir_opc ops32[] = {
        IR_neg_i32, IR_not_i32, IR_ext8s_i32, IR_ext8u_i32, IR_ext16s_i32, IR_ext16u_i32,
        IR_bswap16_i32, IR_bswap32_i32, IR_ctpop_i32, IR_mov_i32,
    };
    static const enum ir_opc ops64[] = {
        IR_neg_i64, IR_not_i64, IR_ext8s_i64, IR_ext8u_i64, IR_ext16s_i64, IR_ext16u_i64,
        IR_ext32s_i64, IR_ext32u_i64, IR_bswap16_i64, IR_bswap32_i64, IR_bswap64_i64,
        IR_ctpop_i64, IR_mov_i64,
    };
    uintptr_t a[2];
    a[1] = src(g, w);
    a[0] = dst(g, w);
    emit(g, w ? ops64[below(&g->r, sizeof ops64 / sizeof ops64[0])]
              : ops32[below(&g->r, sizeof ops32 / sizeof ops32[0])], a, 2);
}

static void gen_width(struct gen *g)
{
    uintptr_t a[3];
    switch (below(&g->r, 5)) {
    case 0: a[1] = src(g, 0); a[0] = dst(g, 1); emit(g, IR_ext_i32_i64, a, 2); break;
    case 1: a[1] = src(g, 0); a[0] = dst(g, 1); emit(g, IR_extu_i32_i64, a, 2); break;
    case 2: a[1] = src(g, 1); a[0] = dst(g, 0); emit(g, IR_extrl_i64_i32, a, 2); break;
    case 3: a[1] = src(g, 1); a[0] = dst(g, 0); emit(g, IR_extrh_i64_i32, a, 2); break;
    default:
        a[1] = src(g, 0);
        a[2] = src(g, 0);
        a[0] = dst(g, 1);
        emit(g, IR_concat_i32_i64, a, 3);
        break;
    }
}

static void gen_bits(struct gen *g, int w)
{
    unsigned bits = w ? 64 : 32;
    uintptr_t a[5];
    unsigned k = below(&g->r, 4);
    if (k == 0) {
        a[1] = src(g, w);
        a[2] = src(g, w);
        a[0] = dst(g, w);
        emit(g, chance(&g->r, 50) ? (w ? IR_clz_i64 : IR_clz_i32) : (w ? IR_ctz_i64 : IR_ctz_i32),
             a, 3);
        return;
    }
    unsigned len = 1 + below(&g->r, bits);
    unsigned pos = below(&g->r, bits - len + 1);
    if (k == 3) {
        a[1] = src(g, w);
        a[2] = src(g, w);
        a[0] = dst(g, w);
        a[3] = pos;
        a[4] = len;
        emit(g, w ? IR_deposit_i64 : IR_deposit_i32, a, 5);
        return;
    }
    a[1] = src(g, w);
    a[0] = dst(g, w);
    a[2] = pos;
    a[3] = len;
    emit(g, k == 1 ? (w ? IR_extract_i64 : IR_extract_i32) : (w ? IR_sextract_i64 : IR_sextract_i32),
         a, 4);
}

static void gen_cond(struct gen *g, int w)
{
    uintptr_t a[6];
    enum ir_cond c = (enum ir_cond)below(&g->r, IR_TSTNE + 1);
    if (chance(&g->r, 50)) {
        a[1] = src(g, w);
        a[2] = src(g, w);
        a[0] = dst(g, w);
        a[3] = c;
        emit(g, w ? IR_setcond_i64 : IR_setcond_i32, a, 4);
    } else {
        a[1] = src(g, w);
        a[2] = src(g, w);
        a[3] = src(g, w);
        a[4] = src(g, w);
        a[0] = dst(g, w);
        a[5] = c;
        emit(g, w ? IR_movcond_i64 : IR_movcond_i32, a, 6);
    }
}

static void gen_muldiv(struct gen *g, int w)
{
    uintptr_t a[4];
    if (chance(&g->r, 40)) {
        a[2] = src(g, w);
        a[3] = src(g, w);
        a[0] = dst(g, w);
        do
            a[1] = dst(g, w);
        while (a[1] == a[0]);
        emit(g, chance(&g->r, 50) ? (w ? IR_mulu2_i64 : IR_mulu2_i32)
                                  : (w ? IR_muls2_i64 : IR_muls2_i32), a, 4);
        return;
    }
    /* divisor made odd with bit 1 clear: never 0, never -1 */
    uint16_t s = src(g, w);
    uint16_t d = scratch_temp(g, w);
    uintptr_t m[3] = { d, s, w ? ir_const_i64(g->ir, ~2ull).t : ir_const_i32(g->ir, ~2u).t };
    emit(g, w ? IR_and_i64 : IR_and_i32, m, 3);
    m[1] = d;
    m[2] = w ? ir_const_i64(g->ir, 1).t : ir_const_i32(g->ir, 1).t;
    emit(g, w ? IR_or_i64 : IR_or_i32, m, 3);
    static const enum ir_opc ops[2][4] = {
        { IR_divs_i32, IR_divu_i32, IR_rems_i32, IR_remu_i32 },
        { IR_divs_i64, IR_divu_i64, IR_rems_i64, IR_remu_i64 },
    };
    a[1] = src(g, w);
    a[2] = d;
    a[0] = dst(g, w);
    emit(g, ops[w][below(&g->r, 4)], a, 3);
}

static void gen_host_mem(struct gen *g)
{
    static const struct { enum ir_opc o; unsigned size; int w; } ops[] = {
        { IR_ld8u_i32, 1, 0 }, { IR_ld8s_i32, 1, 0 }, { IR_ld16u_i32, 2, 0 },
        { IR_ld16s_i32, 2, 0 }, { IR_ld_i32, 4, 0 }, { IR_ld8u_i64, 1, 1 },
        { IR_ld8s_i64, 1, 1 }, { IR_ld16u_i64, 2, 1 }, { IR_ld16s_i64, 2, 1 },
        { IR_ld32u_i64, 4, 1 }, { IR_ld32s_i64, 4, 1 }, { IR_ld_i64, 8, 1 },
        { IR_st8_i32, 1, 0 }, { IR_st16_i32, 2, 0 }, { IR_st_i32, 4, 0 },
        { IR_st8_i64, 1, 1 }, { IR_st16_i64, 2, 1 }, { IR_st32_i64, 4, 1 }, { IR_st_i64, 8, 1 },
    };
    unsigned i = below(&g->r, sizeof ops / sizeof ops[0]);
    unsigned off = below(&g->r, 8 * TENV_NSCRATCH - ops[i].size + 1);
    uintptr_t a[3];
    if (ir_opdefs[ops[i].o].nb_oargs) {
        a[0] = dst(g, ops[i].w);
    } else {
        a[0] = src(g, ops[i].w);
    }
    a[1] = g->ir->env.t;
    a[2] = offsetof(struct tenv, scratch) + off;
    emit(g, ops[i].o, a, 3);
}

/* A guest address inside the window, as the guest's address type. */
static uint16_t guest_addr(struct gen *g, unsigned memop)
{
    int aw = g->addr_bits == 64;
    unsigned size = 1u << (memop & MO_SIZE);
    uint64_t low = (memop & MO_ALIGN) ? 0 : below(&g->r, 8);
    if (chance(&g->r, 25)) {
        uint64_t v = (next(&g->r) & (GUEST_WINDOW - 8)) + low;
        if (memop & MO_ALIGN)
            v &= ~(uint64_t)(size - 1);
        return aw ? ir_const_i64(g->ir, v).t : ir_const_i32(g->ir, (uint32_t)v).t;
    }
    uint16_t s = src(g, aw);
    uint16_t t = scratch_temp(g, aw);
    uintptr_t m[3] = { t, s, aw ? ir_const_i64(g->ir, GUEST_WINDOW - 8).t
                                         : ir_const_i32(g->ir, GUEST_WINDOW - 8).t };
    emit(g, aw ? IR_and_i64 : IR_and_i32, m, 3);
    if (low) {
        m[1] = t;
        m[2] = aw ? ir_const_i64(g->ir, low).t : ir_const_i32(g->ir, (uint32_t)low).t;
        emit(g, aw ? IR_add_i64 : IR_add_i32, m, 3);
    }
    return t;
}

static void gen_guest_mem(struct gen *g)
{
    int w = chance(&g->r, 50);
    unsigned memop = below(&g->r, 32);
    if (!w && (memop & MO_SIZE) == MO_64)
        memop &= ~(unsigned)MO_SIZE;
    uint16_t addr = guest_addr(g, memop);
    unsigned k = below(&g->r, 10);
    if (k < 4) {
        uint16_t d = dst(g, w);
        if (w)
            ir_qemu_ld_i64(g->ir, (ir_i64){ d }, addr, memop);
        else
            ir_qemu_ld_i32(g->ir, (ir_i32){ d }, addr, memop);
    } else if (k < 8) {
        uint16_t v = src(g, w);
        if (w)
            ir_qemu_st_i64(g->ir, (ir_i64){ v }, addr, memop);
        else
            ir_qemu_st_i32(g->ir, (ir_i32){ v }, addr, memop);
    } else {
        uint16_t cmp = src(g, w), nv = src(g, w), old = dst(g, w);
        if (w)
            ir_cmpxchg_i64(g->ir, (ir_i64){ old }, addr, (ir_i64){ cmp }, (ir_i64){ nv }, memop);
        else
            ir_cmpxchg_i32(g->ir, (ir_i32){ old }, addr, (ir_i32){ cmp }, (ir_i32){ nv }, memop);
    }
}

/* ---- helpers ---- */

static uint64_t h_pure6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
    return (a ^ (b << 7)) + c * 31 - (d >> 3) + (e ^ 0x5555) * 3 + (f | 1);
}

static uint32_t h_pure32(uint32_t a, uint32_t b)
{
    return (a << 5 | a >> 27) ^ (b * 0x01000193u);
}

static uint64_t h_read(struct tenv *env, uint64_t x)
{
    uint64_t s = x;
    for (unsigned i = 0; i < TENV_NG64; i++)
        s = s * 33 + env->g64[i];
    for (unsigned i = 0; i < TENV_NG32; i++)
        s = s * 17 + env->g32[i];
    return s;
}

static void h_write(struct tenv *env, uint32_t sel, uint64_t v)
{
    env->g32[sel % TENV_NG32] ^= (uint32_t)v;
    env->g64[(sel >> 3) % TENV_NG64] += v;
}

static uint32_t h_side(struct tenv *env, uint32_t v)
{
    env->scratch[v % TENV_NSCRATCH] += v | 1;
    return v * 3;
}

static void gen_call(struct gen *g)
{
    struct ir *ir = g->ir;
    switch (below(&g->r, 5)) {
    case 0: {
        uint16_t a[6];
        for (int i = 0; i < 6; i++)
            a[i] = src(g, (int)below(&g->r, 2));
        ir_call(ir, (void *)h_pure6, CALL_PURE, dst(g, 1), 6, a);
        break;
    }
    case 1: {
        uint16_t a = src(g, 0), b = src(g, 0);
        ir_call2(ir, (void *)h_pure32, CALL_PURE, dst(g, 0), a, b);
        break;
    }
    case 2: {
        static const unsigned fl[] = {
            0, CALL_NO_WRITE_GLOBALS, CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE,
            CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE | CALL_NO_SIDE_EFFECTS,
        };
        unsigned f = fl[below(&g->r, 4)];
        uint16_t a = src(g, 1);
        ir_call2(ir, (void *)h_read, f, dst(g, 1), ir->env.t, a);
        break;
    }
    case 3: {
        static const unsigned fl[] = {
            0, CALL_NO_READ_GLOBALS, CALL_NO_READ_GLOBALS | CALL_NO_RAISE,
        };
        unsigned f = fl[below(&g->r, 3)];
        uint16_t a = src(g, 0), b = src(g, 1);
        ir_call3(ir, (void *)h_write, f, IR_NO_RET, ir->env.t, a, b);
        break;
    }
    default: {
        uint16_t a = src(g, 0);
        unsigned ret = chance(&g->r, 50) ? dst(g, 0) : IR_NO_RET;
        ir_call2(ir, (void *)h_side, CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE,
                 ret, ir->env.t, a);
        break;
    }
    }
}

/* ---- control flow ---- */

static void ebb_all_dead(struct gen *g)
{
    memset(g->ebb_ok, 0, sizeof g->ebb_ok);
}

static void place_label(struct gen *g)
{
    unsigned i = below(&g->r, g->npending);
    ir_set_label(g->ir, g->pending[i]);
    g->pending[i] = g->pending[--g->npending];
    ebb_all_dead(g);
}

static void gen_branch(struct gen *g)
{
    if (g->npending && chance(&g->r, 40)) {
        place_label(g);
        return;
    }
    ir_label l;
    if (g->npending < MAX_PENDING && (g->npending == 0 || chance(&g->r, 60))) {
        l = ir_new_label(g->ir);
        g->pending[g->npending++] = l;
    } else {
        l = g->pending[below(&g->r, g->npending)];
    }
    int w = chance(&g->r, 50);
    enum ir_cond c = (enum ir_cond)below(&g->r, IR_TSTNE + 1);
    uintptr_t a[4] = { src(g, w), src(g, w), c, l.id };
    g->ir->labels[l.id].has_refs = true;
    emit(g, w ? IR_brcond_i64 : IR_brcond_i32, a, 4);
    if (chance(&g->r, 8)) {
        /* an unconditional jump: code up to the next label is unreachable */
        ir_br(g->ir, l);
        place_label(g);
    } else if (chance(&g->r, 5)) {
        /* an early exit on the fall-through path */
        ir_exit_tb(g->ir, 0x700 + below(&g->r, 16));
        place_label(g);
    }
}

static void gen_step(struct gen *g);

/* A short loop: a reserved counter, a straight-line body, a backward brcond. */
static void gen_loop(struct gen *g, uint16_t counter)
{
    struct ir *ir = g->ir;
    ir_label top = ir_new_label(ir);
    ir_movi_i32(ir, (ir_i32){ counter }, 1 + below(&g->r, 4));
    ir_set_label(ir, top);
    ebb_all_dead(g);
    unsigned n = 2 + below(&g->r, 8);
    for (unsigned i = 0; i < n; i++)
        gen_step(g);
    ir_subi_i32(ir, (ir_i32){ counter }, (ir_i32){ counter }, 1);
    ir_brcondi_i32(ir, IR_NE, (ir_i32){ counter }, 0, top);
}

static void gen_step(struct gen *g)
{
    int w = chance(&g->r, 50);
    unsigned k = below(&g->r, 100);
    if (k < 22)
        gen_alu(g, w);
    else if (k < 32)
        gen_shift(g, w);
    else if (k < 42)
        gen_unary(g, w);
    else if (k < 48)
        gen_width(g);
    else if (k < 55)
        gen_bits(g, w);
    else if (k < 63)
        gen_cond(g, w);
    else if (k < 68)
        gen_muldiv(g, w);
    else if (k < 76)
        gen_host_mem(g);
    else if (k < 84)
        gen_guest_mem(g);
    else if (k < 89)
        gen_call(g);
    else if (k < 91)
        ir_insn_start(g->ir, next(&g->r) & 0xfffc, 0);
    else if (k < 93) {
        /* a value's end of life */
        unsigned i = below(&g->r, N_EBB);
        if (g->ebb_ok[w][i]) {
            uintptr_t a[1] = { g->ebb[w][i] };
            ir_emit(g->ir, IR_discard, a, 1);
            g->ebb_ok[w][i] = false;
        }
    } else {
        gen_alu(g, w);
    }
}

static void build_random(struct jh *h, void *arg)
{
    const struct params *p = arg;
    struct gen g = { .h = h, .ir = &h->ir, .r = { p->seed * 0x9e3779b97f4a7c15ull + 1 },
                     .addr_bits = p->addr_bits };
    struct ir *ir = &h->ir;
    for (int w = 0; w < 2; w++) {
        for (int i = 0; i < N_EBB; i++)
            g.ebb[w][i] = w ? ir_new_i64(ir).t : ir_new_i32(ir).t;
        for (int i = 0; i < N_TB; i++)
            g.tb[w][i] = w ? ir_new_tb_i64(ir).t : ir_new_tb_i32(ir).t;
    }
    uint16_t counter = ir_new_tb_i32(ir).t;
    /* every tb temp gets a value first: loaded (unknown to the optimizer) or constant */
    for (int w = 0; w < 2; w++)
        for (int i = 0; i < N_TB; i++) {
            if (chance(&g.r, 60)) {
                uintptr_t a[3] = { g.tb[w][i], ir->env.t,
                                   offsetof(struct tenv, scratch) + 8 * below(&g.r, TENV_NSCRATCH) };
                ir_emit(ir, w ? IR_ld_i64 : IR_ld_i32, a, 3);
            } else if (w) {
                ir_movi_i64(ir, (ir_i64){ g.tb[w][i] }, interesting(&g.r, true));
            } else {
                ir_movi_i32(ir, (ir_i32){ g.tb[w][i] }, (uint32_t)interesting(&g.r, false));
            }
        }
    if (chance(&g.r, 50))
        ir_chk_exit(ir);
    for (unsigned s = 0; s < p->length; s++) {
        unsigned k = below(&g.r, 100);
        if (k < 8)
            gen_branch(&g);
        else if (k < 10 && !g.npending)
            gen_loop(&g, counter);
        else
            gen_step(&g);
    }
    while (g.npending)
        place_label(&g);
    /* every tb temp reaches the CPU state, so all of them are compared */
    for (int i = 0; i < N_TB; i++) {
        ir_st_i64(ir, (ir_i64){ g.tb[1][i] }, ir->env, offsetof(struct tenv, out) + 8 * i);
        ir_st_i32(ir, (ir_i32){ g.tb[0][i] }, ir->env, offsetof(struct tenv, out) + 80 + 4 * i);
    }
    ir_exit_tb(ir, 0x600);
}

static void random_env(struct tenv *e, uint64_t seed)
{
    struct rng r = { seed ^ 0xabcdef12345ull };
    memset(e, 0, sizeof *e);
    for (unsigned k = 0; k < TENV_NG64; k++)
        e->g64[k] = interesting(&r, true);
    for (unsigned k = 0; k < TENV_NG32; k++)
        e->g32[k] = (uint32_t)interesting(&r, false);
    for (unsigned k = 0; k < TENV_NSCRATCH; k++)
        e->scratch[k] = interesting(&r, true);
    for (unsigned k = 0; k < 16; k++)
        e->out[k] = next(&r);
}

static uint8_t gmem0[JH_GMEM_SIZE];

static void run_seeds(uint64_t first, unsigned count, unsigned addr_bits, unsigned length)
{
    unsigned long runs = jh_runs;
    for (uint64_t seed = first; seed < first + count; seed++) {
        struct params p = { seed, addr_bits, length };
        struct tenv e;
        random_env(&e, seed);
        char what[96];
        snprintf(what, sizeof what, "random program seed %llu guest%u length %u",
                 (unsigned long long)seed, addr_bits, length);
        if (!jh_check(build_random, &p, addr_bits, &e, gmem0, JH_BOTH, what, NULL))
            fail_msg("%s", what);
    }
    /* every program was compiled and run twice */
    assert_int_equal(jh_runs - runs, 2ul * count);
}

static void short_programs(void **state)
{
    jh_features(true);
    run_seeds(1, 400, 32, 40);
    run_seeds(1001, 400, 64, 40);
}

static void long_programs(void **state)
{
    jh_features(true);
    run_seeds(5001, 150, 32, 250);
    run_seeds(6001, 150, 64, 250);
}

static void baseline_host(void **state)
{
    jh_features(false);
    run_seeds(9001, 200, 32, 120);
    run_seeds(10001, 200, 64, 120);
    jh_features(true);
}

int main(void)
{
    jh_setup();
    for (unsigned i = 0; i < JH_GMEM_SIZE; i++)
        gmem0[i] = (uint8_t)(i * 13 + (i >> 9));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(short_programs),
        cmocka_unit_test(long_programs),
        cmocka_unit_test(baseline_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
