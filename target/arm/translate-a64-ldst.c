/* A64 loads and stores of general-purpose and SIMD&FP registers: literal, unscaled,
 * pre/post-indexed, unprivileged (the same at EL0), unsigned offset, register offset,
 * and pairs (including the non-temporal ones). Exclusives, acquire/release and LSE
 * atomics are handed to a64_tr_atomic; AdvSIMD structure loads never reach here.
 * Every access is made before any register is written, so a fault leaves the
 * registers (base included) as they were. */
#include "target/arm/translate-a64-dec.h"

static unsigned field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

static int64_t sfield(uint32_t insn, unsigned pos, unsigned len)
{
    return (int64_t)((uint64_t)field(insn, pos, len) << (64 - len)) >> (64 - len);
}

/* One register's part in a transfer. */
struct xfer {
    bool vreg;          /* a SIMD&FP register */
    int rt;
    unsigned size;      /* log2 bytes, 0..4 (4 only for vreg) */
    bool sign;          /* sign-extending load */
    bool dst64;         /* the sign extension fills an X register (else W) */
};

/* Loads the register's bytes into v[0] (and v[1] for Q); writes nothing. */
static void load_vals(struct a64_dc *s, const struct xfer *x, ir_i64 clean, unsigned off,
                      ir_i64 v[2])
{
    v[0] = a64_tmp(s);
    v[1] = a64_const(s, 0);
    if (x->size == 4) {
        v[1] = a64_tmp(s);
        a64_gen_ld(s, v[0], clean, off, MO_64);
        a64_gen_ld(s, v[1], clean, off + 8, MO_64);
        return;
    }
    a64_gen_ld(s, v[0], clean, off, x->size | (x->sign ? MO_SIGN : 0));
}

static void write_vals(struct a64_dc *s, const struct xfer *x, const ir_i64 v[2])
{
    struct ir *ir = s->ir;
    if (x->vreg) {
        ir_st_i64(ir, v[0], ir->env, a64_vreg_off(x->rt));
        ir_st_i64(ir, v[1], ir->env, a64_vreg_off(x->rt) + 8);
    } else {
        a64_set_reg(s, x->rt, v[0], !x->sign || x->dst64);
    }
}

static void store_reg(struct a64_dc *s, const struct xfer *x, ir_i64 clean, unsigned off)
{
    if (x->vreg)
        a64_gen_st_vreg(s, x->rt, clean, off, x->size);
    else
        a64_gen_st(s, a64_xreg(s, x->rt), clean, off, x->size);
}

/* The size/V/opc combination of a single-register transfer; false if unallocated.
 * *prefetch is set for PRFM/PRFUM (size 3, opc 2), which do nothing. */
static bool decode_single(uint32_t insn, struct xfer *x, bool *load, bool *prefetch)
{
    unsigned size = field(insn, 30, 2), opc = field(insn, 22, 2);
    *x = (struct xfer){ .vreg = field(insn, 26, 1), .rt = (int)field(insn, 0, 5) };
    *prefetch = false;
    if (x->vreg) {
        if ((opc & 2) && size)
            return false;
        x->size = (opc & 2) ? 4 : size;
        *load = opc & 1;
        return true;
    }
    x->size = size;
    *load = opc != 0;
    if (opc >= 2) {
        if (size == 3) {
            *prefetch = opc == 2;
            return opc == 2;
        }
        if (size == 2 && opc == 3)
            return false;
        x->sign = true;
        x->dst64 = opc == 2;
    }
    return true;
}

/* A single transfer at base (+ offset when index), writing base + offset back when
 * wback. offset is a temp or constant. */
static void gen_single(struct a64_dc *s, const struct xfer *x, bool load, int rn,
                       ir_i64 offset, bool index, bool wback)
{
    struct ir *ir = s->ir;
    ir_i64 base = a64_addr_base(s, rn), moved = a64_tmp(s), clean;
    ir_add_i64(ir, moved, base, offset);
    const struct ir_temp *ot = &ir->temps[offset.t];
    unsigned post = 0;
    if (!index)
        clean = a64_clean_base(s, rn, 0, 1u << x->size, &post);
    else if (ot->kind == IRK_CONST)
        clean = a64_clean_base(s, rn, ot->val, 1u << x->size, &post);
    else
        clean = a64_clean_addr(s, moved);
    ir_i64 v[2];
    if (load)
        load_vals(s, x, clean, post, v);
    else
        store_reg(s, x, clean, post);
    if (wback)
        a64_set_reg_sp(s, rn, moved, true);
    if (load)
        write_vals(s, x, v);
}

/* LDR (literal), LDRSW (literal), PRFM (literal) */
static bool tr_literal(struct a64_dc *s, uint32_t insn)
{
    unsigned opc = field(insn, 30, 2);
    bool vreg = field(insn, 26, 1);
    struct xfer x = { .vreg = vreg, .rt = (int)field(insn, 0, 5) };
    if (vreg) {
        if (opc == 3)
            return false;
        x.size = 2 + opc;
    } else if (opc == 3) {
        return true;                                /* PRFM */
    } else {
        x.size = opc == 1 ? 3 : 2;
        x.sign = x.dst64 = opc == 2;
    }
    ir_i64 clean = a64_clean_addr(s, a64_const(s, s->pc + (uint64_t)sfield(insn, 5, 19) * 4));
    ir_i64 v[2];
    load_vals(s, &x, clean, 0, v);
    write_vals(s, &x, v);
    return true;
}

/* Unscaled (LDUR...), post-indexed, unprivileged (LDTR...) and pre-indexed forms:
 * a signed 9-bit byte offset. */
static bool tr_imm9(struct a64_dc *s, uint32_t insn)
{
    unsigned kind = field(insn, 10, 2);      /* 0 unscaled, 1 post, 2 unprivileged, 3 pre */
    struct xfer x;
    bool load, prefetch;
    if (!decode_single(insn, &x, &load, &prefetch) || (prefetch && kind != 0) ||
        (kind == 2 && x.vreg))
        return false;
    if (prefetch)
        return true;
    gen_single(s, &x, load, (int)field(insn, 5, 5), a64_const(s, (uint64_t)sfield(insn, 12, 9)),
               kind != 1, kind & 1);
    return true;
}

/* Unsigned offset: imm12 scaled by the access size. */
static bool tr_uimm(struct a64_dc *s, uint32_t insn)
{
    struct xfer x;
    bool load, prefetch;
    if (!decode_single(insn, &x, &load, &prefetch))
        return false;
    if (prefetch)
        return true;
    uint64_t off = (uint64_t)field(insn, 10, 12) << x.size;
    gen_single(s, &x, load, (int)field(insn, 5, 5), a64_const(s, off), true, false);
    return true;
}

/* Register offset: Rm extended (UXTW, LSL, SXTW, SXTX), shifted by the size when S. */
static bool tr_regoff(struct a64_dc *s, uint32_t insn)
{
    struct xfer x;
    bool load, prefetch;
    unsigned option = field(insn, 13, 3);
    if (!(option & 2) || !decode_single(insn, &x, &load, &prefetch))
        return false;
    if (prefetch)
        return true;
    unsigned shift = field(insn, 12, 1) ? x.size : 0;
    ir_i64 off = a64_gen_extend(s, a64_xreg(s, (int)field(insn, 16, 5)), option, shift);
    gen_single(s, &x, load, (int)field(insn, 5, 5), off, true, false);
    return true;
}

/* STP/LDP/LDPSW/STNP/LDNP in offset, pre- and post-indexed forms. */
static bool tr_pair(struct a64_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    unsigned opc = field(insn, 30, 2), kind = field(insn, 23, 2);   /* 0 NP, 1 post, 2 off, 3 pre */
    bool vreg = field(insn, 26, 1), load = field(insn, 22, 1);
    struct xfer a = { .vreg = vreg, .rt = (int)field(insn, 0, 5) };
    if (opc == 3 || (!vreg && opc == 1 && (!load || kind == 0)))
        return false;                                   /* STGP (MTE), LDNPSW */
    if (vreg) {
        a.size = 2 + opc;
    } else {
        a.size = opc == 2 ? 3 : 2;
        a.sign = a.dst64 = opc == 1;
    }
    struct xfer b = a;
    b.rt = (int)field(insn, 10, 5);
    unsigned bytes = 1u << a.size;
    int rn = (int)field(insn, 5, 5);
    int64_t off = sfield(insn, 15, 7) * (int64_t)bytes;
    ir_i64 base = a64_addr_base(s, rn), moved = a64_tmp(s);
    ir_addi_i64(ir, moved, base, (uint64_t)off);
    unsigned post;
    ir_i64 clean = a64_clean_base(s, rn, kind == 1 ? 0 : off, 2 * bytes, &post);
    ir_i64 va[2], vb[2];
    if (load) {
        load_vals(s, &a, clean, post, va);
        load_vals(s, &b, clean, post + bytes, vb);
    } else {
        store_reg(s, &a, clean, post);
        store_reg(s, &b, clean, post + bytes);
    }
    if (kind & 1)
        a64_set_reg_sp(s, rn, moved, true);
    if (load) {
        write_vals(s, &a, va);
        write_vals(s, &b, vb);
    }
    return true;
}

/* The register forms (bits 29:28 = 11, bit 24 = 0): by bit 21 and bits 11:10. */
static bool tr_reg_forms(struct a64_dc *s, uint32_t insn)
{
    if (!field(insn, 21, 1))
        return tr_imm9(s, insn);
    switch (field(insn, 10, 2)) {
    case 0: return a64_tr_atomic(s, insn);
    case 2: return tr_regoff(s, insn);
    default: return false;                      /* LDRAA/LDRAB (pointer authentication) */
    }
}

bool a64_tr_ldst(struct a64_dc *s, uint32_t insn)
{
    switch (field(insn, 28, 2)) {
    case 0:                                     /* exclusives, acquire/release, CAS */
        if (field(insn, 24, 1) || field(insn, 26, 1))
            return false;
        return a64_tr_atomic(s, insn);
    case 1:
        if (field(insn, 24, 1))
            return false;                       /* LDAPUR/STLUR (FEAT_LRCPC2) */
        return tr_literal(s, insn);
    case 2:
        return tr_pair(s, insn);
    default:
        return field(insn, 24, 1) ? tr_uimm(s, insn) : tr_reg_forms(s, insn);
    }
}
