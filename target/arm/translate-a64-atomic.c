/* A64 exclusives (LDXR/STXR and the acquire/release and pair forms), load-acquire and
 * store-release (LDAR/STLR/LDAPR), and the LSE atomics (CAS, CASP, LDADD, LDCLR,
 * LDEOR, LDSET, LDSMAX, LDSMIN, LDUMAX, LDUMIN, SWP).
 * The exclusive monitor is an address and the value the load read: a store-exclusive
 * succeeds by compare-and-swap against that value (an ABA change goes unseen, which the
 * architecture allows as a monitor may be lost for no reason). Read-modify-write
 * atomics are compare-and-swap loops. On the x86-64 host every locked instruction is a
 * full barrier and plain loads and stores are acquire and release already; only a
 * store-release needs a fence after it, so a later load-acquire cannot pass it (ARM's
 * release/acquire pairs are sequentially consistent). All of them demand natural
 * alignment (SIGBUS), pairs of X registers 16 bytes. */
#include "target/arm/helper-a64.h"
#include "target/arm/translate-a64-dec.h"

static unsigned field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

/* The cleaned base address, in a temp that survives labels (free with ir_free_i64). */
static ir_i64 tb_addr(struct a64_dc *s, int rn)
{
    ir_i64 a = ir_new_tb_i64(s->ir);
    ir_mov_i64(s->ir, a, a64_clean_addr(s, a64_addr_base(s, rn)));
    return a;
}

static ir_i64 ld_field(struct a64_dc *s, unsigned off)
{
    ir_i64 t = a64_tmp(s);
    ir_ld_i64(s->ir, t, s->ir->env, off);
    return t;
}

/* LDXR/LDAXR (pair: LDXP/LDAXP) */
static void gen_load_excl(struct a64_dc *s, unsigned size, bool pair, int rt, int rt2, int rn)
{
    struct ir *ir = s->ir;
    ir_i64 addr = a64_clean_addr(s, a64_addr_base(s, rn));
    if (pair && size == 3) {
        ir_call2(ir, helper_a64_ld128, CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS,
                 IR_NO_RET, ir->env.t, addr.t);
        ir_i64 lo = ld_field(s, A64_ENV_OFF(xscratch)), hi = ld_field(s, A64_ENV_OFF(xscratch) + 8);
        ir_mov_i64(ir, a64_excl_val, lo);
        ir_mov_i64(ir, a64_excl_val2, hi);
        ir_mov_i64(ir, a64_excl_addr, addr);
        a64_set_reg(s, rt, lo, true);
        a64_set_reg(s, rt2, hi, true);
        return;
    }
    ir_i64 v = a64_tmp(s);
    a64_gen_ld(s, v, addr, 0, (pair ? size + 1 : size) | MO_ALIGN);
    ir_mov_i64(ir, a64_excl_val, v);
    ir_mov_i64(ir, a64_excl_addr, addr);
    if (pair) {
        ir_i64 hi = a64_tmp(s);
        ir_shri_i64(ir, hi, v, 32);
        a64_set_reg(s, rt, v, false);
        a64_set_reg(s, rt2, hi, false);
    } else {
        a64_set_reg(s, rt, v, true);
    }
}

/* The compare-and-swap of a store-exclusive: rs = 0 if it stored, else 1. */
static void gen_store_excl_cas(struct a64_dc *s, unsigned size, bool pair, int rs, int rt,
                               int rt2, ir_i64 addr)
{
    struct ir *ir = s->ir;
    ir_i64 ok = a64_tmp(s);
    if (pair && size == 3) {
        uint16_t args[6] = { ir->env.t, addr.t, a64_excl_val.t, a64_excl_val2.t,
                             a64_xreg(s, rt).t, a64_xreg(s, rt2).t };
        ir_call(ir, helper_a64_cmpxchg128, CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS,
                ok.t, 6, args);
        a64_set_reg(s, rs, ok, false);
        return;
    }
    ir_i64 nv = a64_xreg(s, rt), old = a64_tmp(s);
    if (pair) {
        nv = a64_tmp(s);
        ir_deposit_i64(ir, nv, a64_xreg(s, rt), a64_xreg(s, rt2), 32, 32);
    }
    unsigned memop = (pair ? size + 1 : size) | MO_ALIGN;
    ir_cmpxchg_i64(ir, old, addr.t, a64_excl_val, nv, memop);
    ir_setcond_i64(ir, IR_NE, ok, old, a64_excl_val);
    a64_set_reg(s, rs, ok, false);
}

/* STXR/STLXR (pair: STXP/STLXP): fails at once unless the monitor holds the address. */
static void gen_store_excl(struct a64_dc *s, unsigned size, bool pair, int rs, int rt,
                           int rt2, int rn)
{
    struct ir *ir = s->ir;
    ir_label fail = ir_new_label(ir), done = ir_new_label(ir);
    ir_i64 addr = tb_addr(s, rn);
    ir_brcond_i64(ir, IR_NE, addr, a64_excl_addr, fail);
    gen_store_excl_cas(s, size, pair, rs, rt, rt2, addr);
    ir_br(ir, done);
    ir_set_label(ir, fail);
    a64_set_reg(s, rs, a64_const(s, 1), false);
    ir_set_label(ir, done);
    ir_movi_i64(ir, a64_excl_addr, ~0ull);
    ir_free_i64(ir, addr);
}

/* LDAR/LDLAR/LDAPR and STLR/STLLR */
static void gen_ordered(struct a64_dc *s, unsigned size, bool load, int rt, int rn)
{
    ir_i64 addr = a64_clean_addr(s, a64_addr_base(s, rn));
    if (load) {
        ir_i64 v = a64_tmp(s);
        a64_gen_ld(s, v, addr, 0, size | MO_ALIGN);
        a64_set_reg(s, rt, v, true);
    } else {
        a64_gen_st(s, a64_xreg(s, rt), addr, 0, size | MO_ALIGN);
        ir_mb(s->ir);
    }
}

/* CAS/CASA/CASL/CASAL: rs = old; memory = rt if it held rs. */
static void gen_cas(struct a64_dc *s, unsigned size, int rs, int rt, int rn)
{
    ir_i64 addr = a64_clean_addr(s, a64_addr_base(s, rn)), old = a64_tmp(s);
    ir_cmpxchg_i64(s->ir, old, addr.t, a64_xreg(s, rs), a64_xreg(s, rt), size | MO_ALIGN);
    a64_set_reg(s, rs, old, true);
}

/* CASP: the pairs rs:rs+1 and rt:rt+1 (even registers). */
static bool gen_casp(struct a64_dc *s, bool x, int rs, int rt, int rn)
{
    struct ir *ir = s->ir;
    if ((rs | rt) & 1)
        return false;
    ir_i64 addr = a64_clean_addr(s, a64_addr_base(s, rn));
    if (x) {
        uint16_t args[6] = { ir->env.t, addr.t, a64_xreg(s, rs).t, a64_xreg(s, rs + 1).t,
                             a64_xreg(s, rt).t, a64_xreg(s, rt + 1).t };
        ir_call(ir, helper_a64_cmpxchg128, CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS,
                IR_NO_RET, 6, args);
        ir_i64 lo = ld_field(s, A64_ENV_OFF(xscratch)), hi = ld_field(s, A64_ENV_OFF(xscratch) + 8);
        a64_set_reg(s, rs, lo, true);
        a64_set_reg(s, rs + 1, hi, true);
        return true;
    }
    ir_i64 cmp = a64_tmp(s), nv = a64_tmp(s), old = a64_tmp(s), hi = a64_tmp(s);
    ir_deposit_i64(ir, cmp, a64_xreg(s, rs), a64_xreg(s, rs + 1), 32, 32);
    ir_deposit_i64(ir, nv, a64_xreg(s, rt), a64_xreg(s, rt + 1), 32, 32);
    ir_cmpxchg_i64(ir, old, addr.t, cmp, nv, MO_64 | MO_ALIGN);
    ir_shri_i64(ir, hi, old, 32);
    a64_set_reg(s, rs, old, false);
    a64_set_reg(s, rs + 1, hi, false);
    return true;
}

/* Exclusive, ordered and CAS group: size 001000 o2 L o1 Rs o0 Rt2 Rn Rt. */
static bool tr_excl_group(struct a64_dc *s, uint32_t insn)
{
    unsigned size = field(insn, 30, 2), o2 = field(insn, 23, 1), o1 = field(insn, 21, 1);
    bool load = field(insn, 22, 1);
    int rs = (int)field(insn, 16, 5), rt2 = (int)field(insn, 10, 5);
    int rn = (int)field(insn, 5, 5), rt = (int)field(insn, 0, 5);
    if (!o2 && o1 && !(size & 2)) {                 /* CASP (size<1> == 0) */
        if (rt2 != 31)
            return false;
        return gen_casp(s, size & 1, rs, rt, rn);
    }
    if (!o2) {
        if (o1 && size < 2)
            return false;
        if (load)
            gen_load_excl(s, size, o1, rt, rt2, rn);
        else
            gen_store_excl(s, size, o1, rs, rt, rt2, rn);
        return true;
    }
    if (rt2 != 31)
        return false;
    if (o1)
        gen_cas(s, size, rs, rt, rn);
    else
        gen_ordered(s, size, load, rt, rn);
    return true;
}

/* new = op(old, v) for the LD<op> atomics; both zero-extended values of 'size'. */
static void gen_atomic_op(struct a64_dc *s, unsigned op, unsigned size, ir_i64 nv,
                          ir_i64 old, ir_i64 v)
{
    struct ir *ir = s->ir;
    switch (op) {
    case 0: ir_add_i64(ir, nv, old, v); break;              /* LDADD */
    case 1: ir_andc_i64(ir, nv, old, v); break;             /* LDCLR */
    case 2: ir_xor_i64(ir, nv, old, v); break;              /* LDEOR */
    case 3: ir_or_i64(ir, nv, old, v); break;               /* LDSET */
    case 8: ir_mov_i64(ir, nv, v); break;                   /* SWP */
    default: {                                              /* LD{S,U}{MAX,MIN} */
        bool sign = op < 6, max = !(op & 1);
        ir_i64 a = a64_tmp(s), b = a64_tmp(s);
        unsigned ext = size == 3 ? 7 : (sign ? 4 : 0) + size;
        ir_mov_i64(ir, a, a64_gen_extend(s, old, ext, 0));
        ir_mov_i64(ir, b, a64_gen_extend(s, v, ext, 0));
        enum ir_cond c = sign ? (max ? IR_GT : IR_LT) : (max ? IR_GTU : IR_LTU);
        ir_movcond_i64(ir, c, nv, a, b, old, v);
        break;
    }
    }
}

/* LD<op>/SWP as a compare-and-swap loop: Rt = the old value (zero-extended). */
static void gen_ldop(struct a64_dc *s, unsigned op, unsigned size, int rs, int rt, int rn)
{
    struct ir *ir = s->ir;
    ir_i64 addr = tb_addr(s, rn), v = ir_new_tb_i64(ir), old = ir_new_tb_i64(ir);
    ir_mov_i64(ir, v, a64_xreg(s, rs));
    a64_gen_ld(s, old, addr, 0, size | MO_ALIGN);
    ir_label again = ir_new_label(ir);
    ir_set_label(ir, again);
    ir_i64 nv = a64_tmp(s), cur = a64_tmp(s), changed = a64_tmp(s);
    gen_atomic_op(s, op, size, nv, old, v);
    ir_cmpxchg_i64(ir, cur, addr.t, old, nv, size | MO_ALIGN);
    ir_setcond_i64(ir, IR_NE, changed, cur, old);
    ir_mov_i64(ir, old, cur);
    ir_brcond_i64(ir, IR_NE, changed, a64_const(s, 0), again);
    a64_set_reg(s, rt, old, true);
    ir_free_i64(ir, addr);
    ir_free_i64(ir, v);
    ir_free_i64(ir, old);
}

/* Atomic memory operations: size 111 0 00 A R 1 Rs o3 opc 00 Rn Rt. */
static bool tr_lse(struct a64_dc *s, uint32_t insn)
{
    unsigned size = field(insn, 30, 2), o3 = field(insn, 15, 1), opc = field(insn, 12, 3);
    int rs = (int)field(insn, 16, 5), rn = (int)field(insn, 5, 5), rt = (int)field(insn, 0, 5);
    if (field(insn, 26, 1))
        return false;
    if (o3) {
        if (opc == 0) {
            gen_ldop(s, 8, size, rs, rt, rn);
            return true;
        }
        /* LDAPR (FEAT_LRCPC): acquire without the store-release ordering */
        if (opc == 4 && field(insn, 23, 1) && !field(insn, 22, 1) && rs == 31) {
            gen_ordered(s, size, true, rt, rn);
            return true;
        }
        return false;
    }
    gen_ldop(s, opc, size, rs, rt, rn);
    return true;
}

bool a64_tr_atomic(struct a64_dc *s, uint32_t insn)
{
    if (field(insn, 24, 6) == 0x08)                 /* bits 29:24 = 001000 */
        return tr_excl_group(s, insn);
    return tr_lse(s, insn);
}
