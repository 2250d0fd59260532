/* Memory ops of the IR against the reference interpreter: host loads/stores relative to
 * env of every width and signedness, guest loads/stores (qemu_ld/st) of every size,
 * sign and byte order for 32- and 64-bit guest addresses, aligned and not, and
 * cmpxchg. Guest memory is the harness's buffer at guest_base, filled with a pattern in
 * which every byte differs, so a wrong size, order or address shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "test_jit_harness.h"

static uint8_t pattern[JH_GMEM_SIZE];
static unsigned cases_run;

static void fill_pattern(void)
{
    for (unsigned i = 0; i < JH_GMEM_SIZE; i++)
        pattern[i] = (uint8_t)(i * 7 + 3 + (i >> 8));
}

static void base_env(struct tenv *e)
{
    memset(e, 0, sizeof *e);
    for (unsigned k = 0; k < TENV_NG64; k++) {
        e->g64[k] = 0x0123456789abcdefull * (k + 1);
        e->g32[k] = 0x89abcdefu * (k + 1);
    }
    for (unsigned k = 0; k < TENV_NSCRATCH; k++)
        e->scratch[k] = 0xf0e1d2c3b4a59687ull ^ (k * 0x1111111111111111ull);
    for (unsigned k = 0; k < 16; k++)
        e->out[k] = 0xccccccccccccccccull;
}

/* ---- host loads and stores on env ---- */

struct hostcase {
    enum ir_opc opc;
    unsigned off;               /* byte offset into scratch[] */
    bool to_global;             /* load result into a global instead of a temp */
};

static bool hostop_is_load(enum ir_opc o)
{
    return ir_opdefs[o].nb_oargs == 1;
}

static void build_host(struct jh *h, void *arg)
{
    const struct hostcase *c = arg;
    struct ir *ir = &h->ir;
    bool w64 = strstr(ir_opdefs[c->opc].name, "i64") != NULL;
    intptr_t off = (intptr_t)(offsetof(struct tenv, scratch) + c->off);
    uintptr_t a[3];
    if (hostop_is_load(c->opc)) {
        uint16_t d = c->to_global ? (w64 ? h->g64[5].t : h->g32[5].t)
                                  : (w64 ? ir_new_i64(ir).t : ir_new_i32(ir).t);
        a[0] = d;
        a[1] = ir->env.t;
        a[2] = (uintptr_t)off;
        ir_emit(ir, c->opc, a, 3);
        if (w64) {
            ir_st_i64(ir, (ir_i64){ d }, ir->env, offsetof(struct tenv, out));
        } else {
            ir_i64 x = ir_new_i64(ir);
            ir_concat_i32_i64(ir, x, (ir_i32){ d }, ir_const_i32(ir, 0));
            ir_st_i64(ir, x, ir->env, offsetof(struct tenv, out));
        }
    } else {
        /* store a global (register) and then a constant one byte further on */
        a[0] = w64 ? h->g64[1].t : h->g32[1].t;
        a[1] = ir->env.t;
        a[2] = (uintptr_t)off;
        ir_emit(ir, c->opc, a, 3);
        a[0] = w64 ? ir_const_i64(ir, 0x8899aabbccddeeffull).t : ir_const_i32(ir, 0xccddeeff).t;
        a[2] = (uintptr_t)(off + 17);
        ir_emit(ir, c->opc, a, 3);
    }
    ir_exit_tb(ir, 0);
}

static void host_ldst(void **state)
{
    static const enum ir_opc ops[] = {
        IR_ld8u_i32, IR_ld8s_i32, IR_ld16u_i32, IR_ld16s_i32, IR_ld_i32,
        IR_ld8u_i64, IR_ld8s_i64, IR_ld16u_i64, IR_ld16s_i64, IR_ld32u_i64, IR_ld32s_i64,
        IR_ld_i64,
        IR_st8_i32, IR_st16_i32, IR_st_i32, IR_st8_i64, IR_st16_i64, IR_st32_i64, IR_st_i64,
    };
    struct tenv e;
    base_env(&e);
    cases_run = 0;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        for (unsigned off = 0; off < 16; off += 3)
            for (int g = 0; g < 2; g++) {
                struct hostcase c = { ops[i], off, g };
                char what[96];
                snprintf(what, sizeof what, "%s at scratch+%u%s", ir_opdefs[ops[i]].name, off,
                         g ? " into a global" : "");
                if (!jh_check(build_host, &c, 64, &e, NULL, JH_BOTH, what, NULL))
                    fail_msg("%s", what);
                cases_run++;
            }
    assert_true(cases_run > 200);
}

/* ---- guest memory ---- */

enum addr_mode { A_GLOBAL, A_CONST, A_SUM, A_NMODES };

struct gcase {
    enum ir_opc opc;            /* qemu_ld/st_i32/i64 */
    unsigned memop;
    unsigned addr_bits;
    enum addr_mode amode;
    uint64_t addr;
    bool global_val;            /* load into / store from a global */
};

/* The guest address as the right temp type for the guest width. */
static uint16_t guest_addr(struct jh *h, const struct gcase *c)
{
    struct ir *ir = &h->ir;
    bool a64 = c->addr_bits == 64;
    switch (c->amode) {
    case A_CONST:
        return a64 ? ir_const_i64(ir, c->addr).t : ir_const_i32(ir, (uint32_t)c->addr).t;
    case A_SUM:
        /* g2 holds addr - 0x40; the sum lands in an ebb temp */
        if (a64) {
            ir_i64 t = ir_new_i64(ir);
            ir_addi_i64(ir, t, h->g64[2], 0x40);
            return t.t;
        } else {
            ir_i32 t = ir_new_i32(ir);
            ir_addi_i32(ir, t, h->g32[2], 0x40);
            return t.t;
        }
    default:
        return a64 ? h->g64[2].t : h->g32[2].t;
    }
}

static void build_guest(struct jh *h, void *arg)
{
    const struct gcase *c = arg;
    struct ir *ir = &h->ir;
    bool v64 = c->opc == IR_qemu_ld_i64 || c->opc == IR_qemu_st_i64;
    uint16_t addr = guest_addr(h, c);
    bool load = c->opc == IR_qemu_ld_i32 || c->opc == IR_qemu_ld_i64;
    if (load) {
        uint16_t d = c->global_val ? (v64 ? h->g64[5].t : h->g32[5].t)
                                   : (v64 ? ir_new_i64(ir).t : ir_new_i32(ir).t);
        if (v64)
            ir_qemu_ld_i64(ir, (ir_i64){ d }, addr, c->memop);
        else
            ir_qemu_ld_i32(ir, (ir_i32){ d }, addr, c->memop);
        if (v64) {
            ir_st_i64(ir, (ir_i64){ d }, ir->env, offsetof(struct tenv, out));
        } else {
            ir_i64 x = ir_new_i64(ir);
            ir_concat_i32_i64(ir, x, (ir_i32){ d }, ir_const_i32(ir, 0));
            ir_st_i64(ir, x, ir->env, offsetof(struct tenv, out));
        }
    } else {
        uint16_t v = c->global_val ? (v64 ? h->g64[1].t : h->g32[1].t)
                                   : (v64 ? ir_const_i64(ir, 0x8192a3b4c5d6e7f8ull).t
                                          : ir_const_i32(ir, 0xc5d6e7f8u).t);
        if (v64)
            ir_qemu_st_i64(ir, (ir_i64){ v }, addr, c->memop);
        else
            ir_qemu_st_i32(ir, (ir_i32){ v }, addr, c->memop);
    }
    ir_exit_tb(ir, 0);
}

static void run_guest(void)
{
    static const enum ir_opc ops[] = {
        IR_qemu_ld_i32, IR_qemu_st_i32, IR_qemu_ld_i64, IR_qemu_st_i64,
    };
    static const uint64_t addrs[] = { 0x100, 0x101, 0x102, 0x103, 0x107, 0x2ff8,
                                      JH_GMEM_SIZE - 8 };
    struct tenv e;
    base_env(&e);
    for (size_t i = 0; i < 4; i++)
        for (unsigned bits = 32; bits <= 64; bits += 32)
            for (unsigned mo = 0; mo < 32; mo++) {
                bool v64 = ops[i] == IR_qemu_ld_i64 || ops[i] == IR_qemu_st_i64;
                unsigned size = mo & MO_SIZE;
                if (!v64 && size == MO_64)
                    continue;
                for (size_t k = 0; k < sizeof addrs / sizeof addrs[0]; k++) {
                    uint64_t addr = addrs[k];
                    if ((mo & MO_ALIGN) && (addr & ((1u << size) - 1)))
                        continue;       /* alignment faults are the exec tests' business */
                    for (int am = 0; am < A_NMODES; am++)
                        for (int g = 0; g < 2; g++) {
                            struct gcase c = { ops[i], mo, bits, (enum addr_mode)am, addr, g };
                            e.g64[2] = addr - (am == A_SUM ? 0x40 : 0);
                            e.g32[2] = (uint32_t)e.g64[2];
                            char what[128];
                            snprintf(what, sizeof what, "%s memop 0x%x guest%u addr 0x%llx "
                                     "mode %d%s", ir_opdefs[ops[i]].name, mo, bits,
                                     (unsigned long long)addr, am, g ? " global" : "");
                            if (!jh_check(build_guest, &c, bits, &e, pattern, JH_BOTH, what,
                                          NULL))
                                fail_msg("%s", what);
                            cases_run++;
                        }
                }
            }
}

static void guest_ldst(void **state)
{
    cases_run = 0;
    jh_features(true);
    run_guest();
    jh_features(false);
    run_guest();
    jh_features(true);
    assert_true(cases_run > 2000);
}

/* ---- cmpxchg: a miss that returns the old value, then a hit with that value ---- */

struct xcase {
    bool v64;
    unsigned memop;
    unsigned addr_bits;
    uint64_t addr;
};

static void build_cmpxchg(struct jh *h, void *arg)
{
    const struct xcase *c = arg;
    struct ir *ir = &h->ir;
    uint16_t addr = c->addr_bits == 64 ? ir_const_i64(ir, c->addr).t
                                       : ir_const_i32(ir, (uint32_t)c->addr).t;
    if (c->v64) {
        ir_i64 old = ir_new_tb_i64(ir), old2 = ir_new_i64(ir);
        ir_cmpxchg_i64(ir, old, addr, h->g64[3], h->g64[1], c->memop);
        ir_st_i64(ir, old, ir->env, offsetof(struct tenv, out));
        ir_cmpxchg_i64(ir, old2, addr, old, h->g64[4], c->memop);
        ir_st_i64(ir, old2, ir->env, offsetof(struct tenv, out) + 8);
        /* the output overwriting an input */
        ir_cmpxchg_i64(ir, h->g64[4], addr, h->g64[4], h->g64[1], c->memop);
    } else {
        ir_i32 old = ir_new_tb_i32(ir), old2 = ir_new_i32(ir);
        ir_i64 x = ir_new_i64(ir);
        ir_cmpxchg_i32(ir, old, addr, h->g32[3], h->g32[1], c->memop);
        ir_concat_i32_i64(ir, x, old, ir_const_i32(ir, 0));
        ir_st_i64(ir, x, ir->env, offsetof(struct tenv, out));
        ir_cmpxchg_i32(ir, old2, addr, old, h->g32[4], c->memop);
        ir_st_i32(ir, old2, ir->env, offsetof(struct tenv, out) + 8);
        ir_cmpxchg_i32(ir, h->g32[4], addr, h->g32[4], h->g32[1], c->memop);
    }
    ir_exit_tb(ir, 0);
}

static void run_cmpxchg(void)
{
    struct tenv e;
    base_env(&e);
    for (int v64 = 0; v64 < 2; v64++)
        for (unsigned bits = 32; bits <= 64; bits += 32)
            for (unsigned mo = 0; mo < 32; mo++) {
                if (!v64 && (mo & MO_SIZE) == MO_64)
                    continue;
                struct xcase c = { v64, mo, bits, 0x200 };
                char what[96];
                snprintf(what, sizeof what, "cmpxchg_i%d memop 0x%x guest%u", v64 ? 64 : 32, mo,
                         bits);
                if (!jh_check(build_cmpxchg, &c, bits, &e, pattern, JH_BOTH, what, NULL))
                    fail_msg("%s", what);
                cases_run++;
            }
}

static void cmpxchg_ops(void **state)
{
    cases_run = 0;
    jh_features(true);
    run_cmpxchg();
    jh_features(false);
    run_cmpxchg();
    jh_features(true);
    assert_true(cases_run > 50);
}

/* mb emits a fence and changes nothing else */
static void build_mb(struct jh *h, void *arg)
{
    struct ir *ir = &h->ir;
    ir_add_i32(ir, h->g32[0], h->g32[0], h->g32[1]);
    ir_mb(ir);
    ir_qemu_st_i32(ir, h->g32[0], ir_const_i32(ir, 0x40).t, MO_UL);
    ir_exit_tb(ir, 0);
}

static void memory_barrier(void **state)
{
    struct tenv e, res;
    base_env(&e);
    assert_true(jh_check(build_mb, NULL, 32, &e, pattern, JH_BOTH, "mb", &res));
    assert_int_equal(res.g32[0], (uint32_t)(e.g32[0] + e.g32[1]));
}

int main(void)
{
    jh_setup();
    fill_pattern();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(host_ldst),
        cmocka_unit_test(guest_ldst),
        cmocka_unit_test(cmpxchg_ops),
        cmocka_unit_test(memory_barrier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
