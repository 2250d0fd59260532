/* Forward IR optimizer: constant folding and propagation, copy propagation and a few
 * algebraic identities. Knowledge is per extended basic block: it survives branches
 * out (the fall-through path sees the same values) and is dropped at labels and at
 * helper calls that may write globals. */
#include "tcg/opt.h"

#include <stdlib.h>
#include <string.h>

#include "tcg/ir.h"

struct tinfo {
    bool is_const;
    uint64_t val;          /* const value, truncated to the type */
    uint16_t copy_of;      /* representative of its copy class, or itself */
    bool has_base;         /* the value is base + off (for guest address folding) */
    uint16_t base;
    int64_t off;
};

struct opt {
    struct ir *ir;
    struct tinfo *ti;
    /* per temp: how many others name it as copy_of or base, so forgetting a temp
     * nobody refers to needs no scan (most of them: without this the pass was
     * quadratic in the number of temps, a third of a short program's CPU time) */
    uint32_t *nref;
};

static uint64_t trunc_type(const struct ir *ir, uint16_t t, uint64_t v)
{
    return ir->temps[t].type == IR_I32 ? (uint32_t)v : v;
}

static void set_copy(struct opt *o, uint16_t t, uint16_t of)
{
    struct tinfo *ti = &o->ti[t];
    if (ti->copy_of != t)
        o->nref[ti->copy_of]--;
    ti->copy_of = of;
    if (of != t)
        o->nref[of]++;
}

static void set_base(struct opt *o, uint16_t t, bool has, uint16_t base)
{
    struct tinfo *ti = &o->ti[t];
    if (ti->has_base)
        o->nref[ti->base]--;
    ti->has_base = has;
    ti->base = base;
    if (has)
        o->nref[base]++;
}

/* Entries past the temps that exist: the folder may create a few constants before the
 * table grows to them, and they must read as unlinked (copy_of itself), not as copies
 * of temp 0. */
static void init_slack(struct opt *o, uint32_t from, uint32_t to)
{
    for (uint32_t t = from; t < to; t++) {
        o->ti[t] = (struct tinfo){ .copy_of = (uint16_t)t };
        o->nref[t] = 0;
    }
}

/* A temp's initial knowledge: its constant if it is one, no links. */
static void init_temp(struct opt *o, uint16_t t)
{
    o->ti[t] = (struct tinfo){ .is_const = o->ir->temps[t].kind == IRK_CONST,
                               .val = (uint64_t)o->ir->temps[t].val, .copy_of = t };
    o->nref[t] = 0;
}

static void forget(struct opt *o, uint16_t t)
{
    struct tinfo *ti = o->ti;
    /* anything that was a copy of t, or computed from it, loses that link */
    for (uint32_t i = 0; o->nref[t] && i < o->ir->nb_temps; i++) {
        if (ti[i].copy_of == t && i != t)
            set_copy(o, (uint16_t)i, (uint16_t)i);
        if (ti[i].has_base && ti[i].base == t)
            set_base(o, (uint16_t)i, false, 0);
    }
    ti[t].is_const = o->ir->temps[t].kind == IRK_CONST;
    ti[t].val = (uint64_t)o->ir->temps[t].val;
    set_copy(o, t, t);
    set_base(o, t, false, 0);
}

static void forget_all(struct opt *o, bool globals_only)
{
    for (uint32_t i = 0; i < o->ir->nb_temps; i++) {
        if (globals_only && o->ir->temps[i].kind != IRK_GLOBAL) {
            if (o->ti[i].copy_of < o->ir->nb_globals)
                set_copy(o, (uint16_t)i, (uint16_t)i);
            continue;
        }
        forget(o, (uint16_t)i);
    }
}

static bool is_const(struct opt *o, uintptr_t t) { return o->ti[t].is_const; }
static uint64_t cval(struct opt *o, uintptr_t t) { return o->ti[t].val; }

/* Replace an input by the best member of its copy class: a constant temp if known,
 * else the representative. */
static uint16_t canon(struct opt *o, uint16_t t)
{
    struct ir *ir = o->ir;
    if (o->ti[t].is_const && ir->temps[t].kind != IRK_CONST)
        return ir->temps[t].type == IR_I32 ? ir_const_i32(ir, (uint32_t)o->ti[t].val).t
                                           : ir_const_i64(ir, o->ti[t].val).t;
    uint16_t r = o->ti[t].copy_of;
    return ir->temps[r].type == ir->temps[t].type ? r : t;
}

static uint16_t const_temp(struct opt *o, uint16_t like, uint64_t v)
{
    struct ir *ir = o->ir;
    return ir->temps[like].type == IR_I32 ? ir_const_i32(ir, (uint32_t)v).t
                                          : ir_const_i64(ir, v).t;
}

static void make_mov(struct opt *o, struct ir_op *op, uint16_t d, uint16_t s)
{
    bool is64 = o->ir->temps[d].type == IR_I64;
    op->opc = is64 ? IR_mov_i64 : IR_mov_i32;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->args[0] = d;
    op->args[1] = s;
}

static void record_mov(struct opt *o, uint16_t d, uint16_t s)
{
    forget(o, d);
    if (o->ti[s].has_base) {
        set_base(o, d, true, o->ti[s].base);
        o->ti[d].off = o->ti[s].off;
    }
    if (o->ti[s].is_const) {
        o->ti[d].is_const = true;
        o->ti[d].val = o->ti[s].val;
    } else if (o->ir->temps[s].type == o->ir->temps[d].type) {
        set_copy(o, d, o->ti[s].copy_of);
    }
}

static bool cond_holds(enum ir_cond c, uint64_t a, uint64_t b, bool is64)
{
    int64_t sa = is64 ? (int64_t)a : (int32_t)a, sb = is64 ? (int64_t)b : (int32_t)b;
    switch (c) {
    case IR_NEVER: return false;
    case IR_ALWAYS: return true;
    case IR_EQ: return a == b;
    case IR_NE: return a != b;
    case IR_LT: return sa < sb;
    case IR_GE: return sa >= sb;
    case IR_GT: return sa > sb;
    case IR_LE: return sa <= sb;
    case IR_LTU: return a < b;
    case IR_GEU: return a >= b;
    case IR_GTU: return a > b;
    case IR_LEU: return a <= b;
    case IR_TSTEQ: return (a & b) == 0;
    case IR_TSTNE: return (a & b) != 0;
    }
    return false;
}

/* Folds a two-input op with constant inputs; returns false if it cannot. */
static bool fold2(enum ir_opc opc, uint64_t a, uint64_t b, uint64_t *r)
{
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
    switch (opc) {
    case IR_add_i32: case IR_add_i64: *r = a + b; return true;
    case IR_sub_i32: case IR_sub_i64: *r = a - b; return true;
    case IR_mul_i32: case IR_mul_i64: *r = a * b; return true;
    case IR_and_i32: case IR_and_i64: *r = a & b; return true;
    case IR_or_i32: case IR_or_i64: *r = a | b; return true;
    case IR_xor_i32: case IR_xor_i64: *r = a ^ b; return true;
    case IR_andc_i32: case IR_andc_i64: *r = a & ~b; return true;
    case IR_shl_i32: *r = (uint32_t)(a32 << (b & 31)); return true;
    case IR_shr_i32: *r = a32 >> (b & 31); return true;
    case IR_sar_i32: *r = (uint32_t)((int32_t)a32 >> (b & 31)); return true;
    case IR_rotl_i32: b &= 31; *r = b ? (uint32_t)(a32 << b | a32 >> (32 - b)) : a32; return true;
    case IR_rotr_i32: b &= 31; *r = b ? (uint32_t)(a32 >> b | a32 << (32 - b)) : a32; return true;
    case IR_shl_i64: *r = a << (b & 63); return true;
    case IR_shr_i64: *r = a >> (b & 63); return true;
    case IR_sar_i64: *r = (uint64_t)((int64_t)a >> (b & 63)); return true;
    case IR_rotl_i64: b &= 63; *r = b ? (a << b | a >> (64 - b)) : a; return true;
    case IR_rotr_i64: b &= 63; *r = b ? (a >> b | a << (64 - b)) : a; return true;
    case IR_concat_i32_i64: *r = (uint64_t)a32 | (uint64_t)b32 << 32; return true;
    default: return false;
    }
}

static bool fold1(enum ir_opc opc, uint64_t a, uint64_t *r)
{
    switch (opc) {
    case IR_neg_i32: case IR_neg_i64: *r = -a; return true;
    case IR_not_i32: case IR_not_i64: *r = ~a; return true;
    case IR_ext8s_i32: case IR_ext8s_i64: *r = (uint64_t)(int64_t)(int8_t)a; return true;
    case IR_ext8u_i32: case IR_ext8u_i64: *r = (uint8_t)a; return true;
    case IR_ext16s_i32: case IR_ext16s_i64: *r = (uint64_t)(int64_t)(int16_t)a; return true;
    case IR_ext16u_i32: case IR_ext16u_i64: *r = (uint16_t)a; return true;
    case IR_ext32s_i64: case IR_ext_i32_i64: *r = (uint64_t)(int64_t)(int32_t)a; return true;
    case IR_ext32u_i64: case IR_extu_i32_i64: case IR_extrl_i64_i32: *r = (uint32_t)a; return true;
    case IR_extrh_i64_i32: *r = a >> 32; return true;
    case IR_bswap32_i32: *r = __builtin_bswap32((uint32_t)a); return true;
    case IR_bswap64_i64: *r = __builtin_bswap64(a); return true;
    default: return false;
    }
}

/* x op identity -> x; x op absorbing -> constant */
static bool simplify2(struct opt *o, struct ir_op *op)
{
    enum ir_opc opc = op->opc;
    uint16_t d = (uint16_t)op->args[0], a = (uint16_t)op->args[1], b = (uint16_t)op->args[2];
    bool bc = is_const(o, b);
    uint64_t v = bc ? cval(o, b) : 0;
    bool allones = bc && v == trunc_type(o->ir, b, ~0ull);
    switch (opc) {
    case IR_add_i32: case IR_add_i64: case IR_sub_i32: case IR_sub_i64:
    case IR_or_i32: case IR_or_i64: case IR_xor_i32: case IR_xor_i64:
    case IR_shl_i32: case IR_shl_i64: case IR_shr_i32: case IR_shr_i64:
    case IR_sar_i32: case IR_sar_i64: case IR_rotl_i32: case IR_rotl_i64:
    case IR_rotr_i32: case IR_rotr_i64: case IR_andc_i32: case IR_andc_i64:
        if (bc && v == 0) {
            make_mov(o, op, d, a);
            return true;
        }
        break;
    case IR_and_i32: case IR_and_i64:
        if (allones) {
            make_mov(o, op, d, a);
            return true;
        }
        if (bc && v == 0) {
            make_mov(o, op, d, const_temp(o, d, 0));
            return true;
        }
        break;
    case IR_mul_i32: case IR_mul_i64:
        if (bc && v == 1) {
            make_mov(o, op, d, a);
            return true;
        }
        if (bc && v == 0) {
            make_mov(o, op, d, const_temp(o, d, 0));
            return true;
        }
        break;
    default:
        break;
    }
    /* same-operand identities */
    if (o->ti[a].copy_of == o->ti[b].copy_of && !is_const(o, a)) {
        switch (opc) {
        case IR_sub_i32: case IR_sub_i64: case IR_xor_i32: case IR_xor_i64:
        case IR_andc_i32: case IR_andc_i64:
            make_mov(o, op, d, const_temp(o, d, 0));
            return true;
        case IR_and_i32: case IR_and_i64: case IR_or_i32: case IR_or_i64:
            make_mov(o, op, d, a);
            return true;
        default:
            break;
        }
    }
    return false;
}

static bool is_commutative(enum ir_opc opc)
{
    switch (opc) {
    case IR_add_i32: case IR_add_i64: case IR_mul_i32: case IR_mul_i64:
    case IR_and_i32: case IR_and_i64: case IR_or_i32: case IR_or_i64:
    case IR_xor_i32: case IR_xor_i64:
        return true;
    default:
        return false;
    }
}

static void fold_op(struct opt *o, struct ir_op *op)
{
    struct ir *ir = o->ir;
    const struct ir_opdef *def = &ir_opdefs[op->opc];
    enum ir_opc opc = op->opc;
    uint64_t r;

    if (op->nb_oargs == 1 && op->nb_iargs == 2 && def->nb_cargs == 0) {
        uint16_t d = (uint16_t)op->args[0];
        /* constants on the right for commutative ops: the back end's immediate forms */
        if (is_commutative(opc) && is_const(o, op->args[1]) && !is_const(o, op->args[2])) {
            uintptr_t t = op->args[1];
            op->args[1] = op->args[2];
            op->args[2] = t;
        }
        if (is_const(o, op->args[1]) && is_const(o, op->args[2]) &&
            fold2(opc, cval(o, op->args[1]), cval(o, op->args[2]), &r)) {
            make_mov(o, op, d, const_temp(o, d, trunc_type(ir, d, r)));
        } else {
            simplify2(o, op);
        }
    } else if (op->nb_oargs == 1 && op->nb_iargs == 1 && def->nb_cargs == 0 &&
               opc != IR_mov_i32 && opc != IR_mov_i64) {
        uint16_t d = (uint16_t)op->args[0];
        if (is_const(o, op->args[1]) && fold1(opc, cval(o, op->args[1]), &r))
            make_mov(o, op, d, const_temp(o, d, trunc_type(ir, d, r)));
    } else if (opc == IR_setcond_i32 || opc == IR_setcond_i64) {
        uint16_t d = (uint16_t)op->args[0];
        if (is_const(o, op->args[1]) && is_const(o, op->args[2])) {
            bool h = cond_holds((enum ir_cond)op->args[3], cval(o, op->args[1]),
                                cval(o, op->args[2]), opc == IR_setcond_i64);
            make_mov(o, op, d, const_temp(o, d, h));
        }
    } else if (opc == IR_movcond_i32 || opc == IR_movcond_i64) {
        uint16_t d = (uint16_t)op->args[0];
        if (is_const(o, op->args[1]) && is_const(o, op->args[2])) {
            bool h = cond_holds((enum ir_cond)op->args[5], cval(o, op->args[1]),
                                cval(o, op->args[2]), opc == IR_movcond_i64);
            make_mov(o, op, d, (uint16_t)(h ? op->args[3] : op->args[4]));
        } else if (o->ti[op->args[3]].copy_of == o->ti[op->args[4]].copy_of) {
            make_mov(o, op, d, (uint16_t)op->args[3]);
        }
    } else if ((opc == IR_deposit_i32 || opc == IR_deposit_i64) &&
               is_const(o, op->args[1]) && is_const(o, op->args[2])) {
        uint16_t d = (uint16_t)op->args[0];
        unsigned pos = (unsigned)op->args[3], len = (unsigned)op->args[4];
        uint64_t field = (len >= 64 ? ~0ull : (1ull << len) - 1) << pos;
        uint64_t v = (cval(o, op->args[1]) & ~field) | ((cval(o, op->args[2]) << pos) & field);
        make_mov(o, op, d, const_temp(o, d, trunc_type(ir, d, v)));
    } else if (opc == IR_extract_i32 || opc == IR_extract_i64) {
        uint16_t d = (uint16_t)op->args[0];
        if (is_const(o, op->args[1])) {
            unsigned pos = (unsigned)op->args[2], len = (unsigned)op->args[3];
            uint64_t v = cval(o, op->args[1]) >> pos;
            if (len < 64)
                v &= (1ull << len) - 1;
            make_mov(o, op, d, const_temp(o, d, v));
        }
    }
}

static void fold_brcond(struct opt *o, struct ir_op *op)
{
    if (!is_const(o, op->args[0]) || !is_const(o, op->args[1]))
        return;
    bool h = cond_holds((enum ir_cond)op->args[2], cval(o, op->args[0]), cval(o, op->args[1]),
                        op->opc == IR_brcond_i64);
    if (h) {
        uintptr_t l = op->args[3];
        op->opc = IR_br;
        op->nb_iargs = 0;
        op->args[0] = l;
    } else {
        op->opc = IR_nop;
        op->nb_iargs = 0;
    }
}

/* After d = a + c (or a - c): remember d as base + offset, through chains. */
static void record_offset(struct opt *o, const struct ir_op *op)
{
    bool add = op->opc == IR_add_i32 || op->opc == IR_add_i64;
    if (!add && op->opc != IR_sub_i32 && op->opc != IR_sub_i64)
        return;
    uint16_t d = (uint16_t)op->args[0], a = (uint16_t)op->args[1];
    if (!is_const(o, op->args[2]) || is_const(o, a) || d == a)
        return;
    int64_t c = o->ir->temps[d].type == IR_I32 ? (int32_t)cval(o, op->args[2])
                                                : (int64_t)cval(o, op->args[2]);
    struct tinfo *ta = &o->ti[a], *td = &o->ti[d];
    set_base(o, d, true, ta->has_base ? ta->base : a);
    /* wrapping sums, as the ops compute them (c may be INT64_MIN) */
    uint64_t base_off = ta->has_base ? (uint64_t)ta->off : 0;
    td->off = (int64_t)(add ? base_off + (uint64_t)c : base_off - (uint64_t)c);
}

/* Guest address arithmetic folded into a load/store's offset. For 32-bit guests the
 * offset stays small enough that an access whose sum wraps around 4 GiB lands in the
 * guard pages around the guest window (tcg_handle_fault then redoes it unfolded). */
static void fold_address(struct opt *o, struct ir_op *op)
{
    if (o->ir->no_addr_fold || (op->args[2] & MO_ALIGN))
        return;
    struct tinfo *ta = &o->ti[op->args[1]];
    if (!ta->has_base)
        return;
    int64_t off = (int64_t)((uint64_t)ta->off + (uint64_t)(intptr_t)op->args[3]);
    bool small = o->ir->guest_addr_bits == 32 ? off >= -32768 && off <= 32767
                                              : off == (int32_t)off;
    if (!small)
        return;
    op->args[1] = ta->base;
    op->args[3] = (uintptr_t)(intptr_t)off;
}

void ir_optimize(struct ir *ir)
{
    struct opt o = { ir, calloc(ir->nb_temps + 64, sizeof(struct tinfo)),
                     calloc(ir->nb_temps + 64, sizeof(uint32_t)) };
    if (!o.ti || !o.nref) {
        free(o.ti);
        free(o.nref);
        return;   /* optimization is optional */
    }
    uint32_t nb_temps_at_start = ir->nb_temps;
    for (uint32_t i = 0; i < nb_temps_at_start; i++)
        init_temp(&o, (uint16_t)i);
    init_slack(&o, nb_temps_at_start, nb_temps_at_start + 64);

    for (uint32_t i = 0; i < ir->nb_ops; i++) {
        struct ir_op *op = &ir->ops[i];
        const struct ir_opdef *def = &ir_opdefs[op->opc];
        if (op->opc == IR_nop || op->opc == IR_insn_start)
            continue;
        if (op->opc == IR_set_label) {
            forget_all(&o, false);
            continue;
        }
        if (op->opc == IR_discard) {
            forget(&o, (uint16_t)op->args[0]);
            continue;
        }
        /* inputs: substitute constants and copy representatives */
        for (unsigned k = op->nb_oargs; k < (unsigned)(op->nb_oargs + op->nb_iargs); k++)
            op->args[k] = canon(&o, (uint16_t)op->args[k]);

        if (op->opc == IR_brcond_i32 || op->opc == IR_brcond_i64) {
            fold_brcond(&o, op);
            continue;
        }
        fold_op(&o, op);

        /* the folder may have added const temps: grow the info table */
        if (ir->nb_temps > nb_temps_at_start) {
            struct tinfo *n = realloc(o.ti, (ir->nb_temps + 64) * sizeof *n);
            if (n)
                o.ti = n;
            uint32_t *r = n ? realloc(o.nref, (ir->nb_temps + 64) * sizeof *r) : NULL;
            if (!r)
                break;
            o.nref = r;
            for (uint32_t t = nb_temps_at_start; t < ir->nb_temps; t++)
                init_temp(&o, (uint16_t)t);
            init_slack(&o, ir->nb_temps, ir->nb_temps + 64);
            nb_temps_at_start = ir->nb_temps;
        }

        if (op->opc == IR_mov_i32 || op->opc == IR_mov_i64) {
            if (o.ti[op->args[1]].copy_of == o.ti[op->args[0]].copy_of &&
                !is_const(&o, op->args[1])) {
                op->opc = IR_nop;             /* already holds that value */
                continue;
            }
            record_mov(&o, (uint16_t)op->args[0], (uint16_t)op->args[1]);
            continue;
        }
        if (op->opc == IR_qemu_ld_i32 || op->opc == IR_qemu_ld_i64 ||
            op->opc == IR_qemu_st_i32 || op->opc == IR_qemu_st_i64)
            fold_address(&o, op);
        for (unsigned k = 0; k < op->nb_oargs; k++)
            forget(&o, (uint16_t)op->args[k]);
        record_offset(&o, op);
        if (op->opc == IR_call) {
            unsigned flags = (unsigned)op->args[op->nb_oargs + op->nb_iargs + 1];
            if (!(flags & CALL_NO_WRITE_GLOBALS))
                forget_all(&o, true);
        }
        (void)def;
    }
    free(o.ti);
    free(o.nref);
}
