/* The IR builder: temps, labels and op emission. Typed wrappers are thin on purpose;
 * all checking that matters (arity, types) happens once in ir_emit. */
#include "tcg/ir.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

const struct ir_opdef ir_opdefs[IR_NB_OPS] = {
#define DEF(n, o, i, c, f) [IR_##n] = { #n, o, i, c, f },
#include "tcg/ir-ops.h"
#undef DEF
};

#define IR_OPS_SOFT_LIMIT 3000   /* translators stop adding instructions past this */

static void *grow(void *p, uint32_t *cap, size_t elem, uint32_t need)
{
    if (need <= *cap)
        return p;
    uint32_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(p, n * elem);
    if (!q)
        abort();   /* out of memory while translating: nothing sensible to do */
    *cap = n;
    return q;
}

static uint16_t new_temp(struct ir *ir, enum ir_type type, enum ir_kind kind)
{
    /* reuse a freed temp of the same type and kind first */
    for (uint32_t i = ir->nb_globals; i < ir->nb_temps; i++) {
        struct ir_temp *t = &ir->temps[i];
        if (!t->allocated && t->type == type && t->kind == kind) {
            t->allocated = true;
            return (uint16_t)i;
        }
    }
    ir->temps = grow(ir->temps, &ir->cap_temps, sizeof *ir->temps, ir->nb_temps + 1);
    assert(ir->nb_temps < 0xfff0);
    struct ir_temp *t = &ir->temps[ir->nb_temps];
    memset(t, 0, sizeof *t);
    t->type = (uint8_t)type;
    t->kind = (uint8_t)kind;
    t->allocated = true;
    return (uint16_t)ir->nb_temps++;
}

void ir_init(struct ir *ir, unsigned guest_addr_bits)
{
    memset(ir, 0, sizeof *ir);
    ir->guest_addr_bits = guest_addr_bits;
    ir->env.t = new_temp(ir, IR_I64, IRK_FIXED);
    ir->temps[ir->env.t].name = "env";
    ir->nb_globals = ir->nb_temps;
}

void ir_free(struct ir *ir)
{
    free(ir->temps);
    free(ir->ops);
    free(ir->labels);
    memset(ir, 0, sizeof *ir);
}

static uint16_t new_global(struct ir *ir, enum ir_type type, int off, const char *name)
{
    assert(ir->nb_temps == ir->nb_globals);   /* globals come before any other temp */
    uint16_t t = new_temp(ir, type, IRK_GLOBAL);
    ir->temps[t].mem_offset = off;
    ir->temps[t].name = name;
    ir->nb_globals = ir->nb_temps;
    return t;
}

ir_i32 ir_global_i32(struct ir *ir, int off, const char *name)
{
    return (ir_i32){ new_global(ir, IR_I32, off, name) };
}

ir_i64 ir_global_i64(struct ir *ir, int off, const char *name)
{
    return (ir_i64){ new_global(ir, IR_I64, off, name) };
}

void ir_reset(struct ir *ir)
{
    ir->nb_temps = ir->nb_globals;
    ir->nb_ops = 0;
    ir->nb_labels = 0;
    ir->overflow = false;
}

ir_i32 ir_new_i32(struct ir *ir) { return (ir_i32){ new_temp(ir, IR_I32, IRK_EBB) }; }
ir_i64 ir_new_i64(struct ir *ir) { return (ir_i64){ new_temp(ir, IR_I64, IRK_EBB) }; }
ir_i32 ir_new_tb_i32(struct ir *ir) { return (ir_i32){ new_temp(ir, IR_I32, IRK_TB) }; }
ir_i64 ir_new_tb_i64(struct ir *ir) { return (ir_i64){ new_temp(ir, IR_I64, IRK_TB) }; }

static uint16_t new_const(struct ir *ir, enum ir_type type, int64_t v)
{
    /* constants are never freed by translators; share equal ones within the TB */
    for (uint32_t i = ir->nb_globals; i < ir->nb_temps; i++) {
        struct ir_temp *t = &ir->temps[i];
        if (t->kind == IRK_CONST && t->type == type && t->val == v)
            return (uint16_t)i;
    }
    uint16_t t = new_temp(ir, type, IRK_CONST);
    ir->temps[t].val = v;
    return t;
}

ir_i32 ir_const_i32(struct ir *ir, uint32_t v) { return (ir_i32){ new_const(ir, IR_I32, v) }; }
ir_i64 ir_const_i64(struct ir *ir, uint64_t v)
{
    return (ir_i64){ new_const(ir, IR_I64, (int64_t)v) };
}

static void free_temp(struct ir *ir, uint16_t t)
{
    struct ir_temp *tp = &ir->temps[t];
    if (tp->kind == IRK_EBB || tp->kind == IRK_TB) {
        uintptr_t a[1] = { t };
        ir_emit(ir, IR_discard, a, 1);
        tp->allocated = false;
    }
}
void ir_free_i32(struct ir *ir, ir_i32 t) { free_temp(ir, t.t); }

void ir_discard_i32(struct ir *ir, ir_i32 t)
{
    uint8_t k = ir->temps[t.t].kind;
    if (k == IRK_CONST || k == IRK_FIXED)
        return;
    uintptr_t a[1] = { t.t };
    ir_emit(ir, IR_discard, a, 1);
}
void ir_free_i64(struct ir *ir, ir_i64 t) { free_temp(ir, t.t); }

ir_label ir_new_label(struct ir *ir)
{
    ir->labels = grow(ir->labels, &ir->cap_labels, sizeof *ir->labels, ir->nb_labels + 1);
    ir->labels[ir->nb_labels] = (struct ir_label_info){ UINT32_MAX, false, false };
    return (ir_label){ ir->nb_labels++ };
}

struct ir_op *ir_emit(struct ir *ir, enum ir_opc opc, const uintptr_t *args, unsigned n)
{
    const struct ir_opdef *d = &ir_opdefs[opc];
    assert(n <= IR_MAX_ARGS);
    assert((d->flags & OPF_CALL) || n == (unsigned)(d->nb_oargs + d->nb_iargs + d->nb_cargs));
    ir->ops = grow(ir->ops, &ir->cap_ops, sizeof *ir->ops, ir->nb_ops + 1);
    struct ir_op *op = &ir->ops[ir->nb_ops++];
    memset(op, 0, sizeof *op);
    op->opc = (uint16_t)opc;
    op->nb_oargs = d->nb_oargs;
    op->nb_iargs = d->nb_iargs;
    if (n)
        memcpy(op->args, args, n * sizeof *args);
    if (ir->nb_ops > IR_OPS_SOFT_LIMIT)
        ir->overflow = true;
    return op;
}

void ir_set_label(struct ir *ir, ir_label l)
{
    ir->labels[l.id].op_index = ir->nb_ops;
    uintptr_t a[1] = { l.id };
    ir_emit(ir, IR_set_label, a, 1);
}

void ir_br(struct ir *ir, ir_label l)
{
    ir->labels[l.id].has_refs = true;
    uintptr_t a[1] = { l.id };
    ir_emit(ir, IR_br, a, 1);
}

/* --- small emitters by shape --- */
static void op1(struct ir *ir, enum ir_opc o, uint16_t d, uint16_t a)
{
    uintptr_t v[2] = { d, a };
    ir_emit(ir, o, v, 2);
}
static void op2(struct ir *ir, enum ir_opc o, uint16_t d, uint16_t a, uint16_t b)
{
    uintptr_t v[3] = { d, a, b };
    ir_emit(ir, o, v, 3);
}
static void op1c(struct ir *ir, enum ir_opc o, uint16_t d, uint16_t a, uintptr_t c)
{
    uintptr_t v[3] = { d, a, c };
    ir_emit(ir, o, v, 3);
}
static void op2c(struct ir *ir, enum ir_opc o, uint16_t d, uint16_t a, uint16_t b,
                 uintptr_t c)
{
    uintptr_t v[4] = { d, a, b, c };
    ir_emit(ir, o, v, 4);
}
static void op1cc(struct ir *ir, enum ir_opc o, uint16_t d, uint16_t a, uintptr_t c1,
                  uintptr_t c2)
{
    uintptr_t v[4] = { d, a, c1, c2 };
    ir_emit(ir, o, v, 4);
}

/* Wrappers: name, opcode, shape. Each is one line so the list reads as a table. */
#define W32 ir_i32
#define W64 ir_i64
void ir_mov_i32(struct ir *ir, W32 d, W32 a) { if (d.t != a.t) op1(ir, IR_mov_i32, d.t, a.t); }
void ir_movi_i32(struct ir *ir, W32 d, uint32_t v) { op1(ir, IR_mov_i32, d.t, ir_const_i32(ir, v).t); }
void ir_add_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_add_i32, d.t, a.t, b.t); }
void ir_addi_i32(struct ir *ir, W32 d, W32 a, uint32_t b) { op2(ir, IR_add_i32, d.t, a.t, ir_const_i32(ir, b).t); }
void ir_sub_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_sub_i32, d.t, a.t, b.t); }
void ir_subi_i32(struct ir *ir, W32 d, W32 a, uint32_t b) { op2(ir, IR_sub_i32, d.t, a.t, ir_const_i32(ir, b).t); }
void ir_mul_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_mul_i32, d.t, a.t, b.t); }
void ir_and_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_and_i32, d.t, a.t, b.t); }
void ir_andi_i32(struct ir *ir, W32 d, W32 a, uint32_t b) { op2(ir, IR_and_i32, d.t, a.t, ir_const_i32(ir, b).t); }
void ir_or_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_or_i32, d.t, a.t, b.t); }
void ir_ori_i32(struct ir *ir, W32 d, W32 a, uint32_t b) { op2(ir, IR_or_i32, d.t, a.t, ir_const_i32(ir, b).t); }
void ir_xor_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_xor_i32, d.t, a.t, b.t); }
void ir_xori_i32(struct ir *ir, W32 d, W32 a, uint32_t b) { op2(ir, IR_xor_i32, d.t, a.t, ir_const_i32(ir, b).t); }
void ir_andc_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_andc_i32, d.t, a.t, b.t); }
void ir_shl_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_shl_i32, d.t, a.t, b.t); }
void ir_shli_i32(struct ir *ir, W32 d, W32 a, unsigned b) { op2(ir, IR_shl_i32, d.t, a.t, ir_const_i32(ir, b).t); }
void ir_shr_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_shr_i32, d.t, a.t, b.t); }
void ir_shri_i32(struct ir *ir, W32 d, W32 a, unsigned b) { op2(ir, IR_shr_i32, d.t, a.t, ir_const_i32(ir, b).t); }
void ir_sar_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_sar_i32, d.t, a.t, b.t); }
void ir_sari_i32(struct ir *ir, W32 d, W32 a, unsigned b) { op2(ir, IR_sar_i32, d.t, a.t, ir_const_i32(ir, b).t); }
void ir_rotl_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_rotl_i32, d.t, a.t, b.t); }
void ir_rotr_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_rotr_i32, d.t, a.t, b.t); }
void ir_rotri_i32(struct ir *ir, W32 d, W32 a, unsigned b) { op2(ir, IR_rotr_i32, d.t, a.t, ir_const_i32(ir, b).t); }
void ir_neg_i32(struct ir *ir, W32 d, W32 a) { op1(ir, IR_neg_i32, d.t, a.t); }
void ir_not_i32(struct ir *ir, W32 d, W32 a) { op1(ir, IR_not_i32, d.t, a.t); }
void ir_ext8s_i32(struct ir *ir, W32 d, W32 a) { op1(ir, IR_ext8s_i32, d.t, a.t); }
void ir_ext8u_i32(struct ir *ir, W32 d, W32 a) { op1(ir, IR_ext8u_i32, d.t, a.t); }
void ir_ext16s_i32(struct ir *ir, W32 d, W32 a) { op1(ir, IR_ext16s_i32, d.t, a.t); }
void ir_ext16u_i32(struct ir *ir, W32 d, W32 a) { op1(ir, IR_ext16u_i32, d.t, a.t); }
void ir_bswap16_i32(struct ir *ir, W32 d, W32 a) { op1(ir, IR_bswap16_i32, d.t, a.t); }
void ir_bswap32_i32(struct ir *ir, W32 d, W32 a) { op1(ir, IR_bswap32_i32, d.t, a.t); }
void ir_clz_i32(struct ir *ir, W32 d, W32 a, W32 z) { op2(ir, IR_clz_i32, d.t, a.t, z.t); }
void ir_ctz_i32(struct ir *ir, W32 d, W32 a, W32 z) { op2(ir, IR_ctz_i32, d.t, a.t, z.t); }
void ir_ctpop_i32(struct ir *ir, W32 d, W32 a) { op1(ir, IR_ctpop_i32, d.t, a.t); }
void ir_extract_i32(struct ir *ir, W32 d, W32 a, unsigned p, unsigned l) { op1cc(ir, IR_extract_i32, d.t, a.t, p, l); }
void ir_sextract_i32(struct ir *ir, W32 d, W32 a, unsigned p, unsigned l) { op1cc(ir, IR_sextract_i32, d.t, a.t, p, l); }
void ir_mulu2_i32(struct ir *ir, W32 lo, W32 hi, W32 a, W32 b) { uintptr_t v[4] = { lo.t, hi.t, a.t, b.t }; ir_emit(ir, IR_mulu2_i32, v, 4); }
void ir_muls2_i32(struct ir *ir, W32 lo, W32 hi, W32 a, W32 b) { uintptr_t v[4] = { lo.t, hi.t, a.t, b.t }; ir_emit(ir, IR_muls2_i32, v, 4); }
void ir_divs_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_divs_i32, d.t, a.t, b.t); }
void ir_divu_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_divu_i32, d.t, a.t, b.t); }
void ir_rems_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_rems_i32, d.t, a.t, b.t); }
void ir_remu_i32(struct ir *ir, W32 d, W32 a, W32 b) { op2(ir, IR_remu_i32, d.t, a.t, b.t); }
void ir_ld8u_i32(struct ir *ir, W32 d, W64 b, intptr_t o) { op1c(ir, IR_ld8u_i32, d.t, b.t, (uintptr_t)o); }
void ir_ld8s_i32(struct ir *ir, W32 d, W64 b, intptr_t o) { op1c(ir, IR_ld8s_i32, d.t, b.t, (uintptr_t)o); }
void ir_ld16u_i32(struct ir *ir, W32 d, W64 b, intptr_t o) { op1c(ir, IR_ld16u_i32, d.t, b.t, (uintptr_t)o); }
void ir_ld16s_i32(struct ir *ir, W32 d, W64 b, intptr_t o) { op1c(ir, IR_ld16s_i32, d.t, b.t, (uintptr_t)o); }
void ir_ld_i32(struct ir *ir, W32 d, W64 b, intptr_t o) { op1c(ir, IR_ld_i32, d.t, b.t, (uintptr_t)o); }
void ir_st8_i32(struct ir *ir, W32 v, W64 b, intptr_t o) { op1c(ir, IR_st8_i32, v.t, b.t, (uintptr_t)o); }
void ir_st16_i32(struct ir *ir, W32 v, W64 b, intptr_t o) { op1c(ir, IR_st16_i32, v.t, b.t, (uintptr_t)o); }
void ir_st_i32(struct ir *ir, W32 v, W64 b, intptr_t o) { op1c(ir, IR_st_i32, v.t, b.t, (uintptr_t)o); }

void ir_mov_i64(struct ir *ir, W64 d, W64 a) { if (d.t != a.t) op1(ir, IR_mov_i64, d.t, a.t); }
void ir_movi_i64(struct ir *ir, W64 d, uint64_t v) { op1(ir, IR_mov_i64, d.t, ir_const_i64(ir, v).t); }
void ir_add_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_add_i64, d.t, a.t, b.t); }
void ir_addi_i64(struct ir *ir, W64 d, W64 a, uint64_t b) { op2(ir, IR_add_i64, d.t, a.t, ir_const_i64(ir, b).t); }
void ir_sub_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_sub_i64, d.t, a.t, b.t); }
void ir_mul_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_mul_i64, d.t, a.t, b.t); }
void ir_and_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_and_i64, d.t, a.t, b.t); }
void ir_andi_i64(struct ir *ir, W64 d, W64 a, uint64_t b) { op2(ir, IR_and_i64, d.t, a.t, ir_const_i64(ir, b).t); }
void ir_or_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_or_i64, d.t, a.t, b.t); }
void ir_xor_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_xor_i64, d.t, a.t, b.t); }
void ir_andc_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_andc_i64, d.t, a.t, b.t); }
void ir_shl_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_shl_i64, d.t, a.t, b.t); }
void ir_shli_i64(struct ir *ir, W64 d, W64 a, unsigned b) { op2(ir, IR_shl_i64, d.t, a.t, ir_const_i64(ir, b).t); }
void ir_shr_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_shr_i64, d.t, a.t, b.t); }
void ir_shri_i64(struct ir *ir, W64 d, W64 a, unsigned b) { op2(ir, IR_shr_i64, d.t, a.t, ir_const_i64(ir, b).t); }
void ir_sar_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_sar_i64, d.t, a.t, b.t); }
void ir_sari_i64(struct ir *ir, W64 d, W64 a, unsigned b) { op2(ir, IR_sar_i64, d.t, a.t, ir_const_i64(ir, b).t); }
void ir_rotl_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_rotl_i64, d.t, a.t, b.t); }
void ir_rotr_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_rotr_i64, d.t, a.t, b.t); }
void ir_neg_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_neg_i64, d.t, a.t); }
void ir_not_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_not_i64, d.t, a.t); }
void ir_ext8s_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_ext8s_i64, d.t, a.t); }
void ir_ext8u_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_ext8u_i64, d.t, a.t); }
void ir_ext16s_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_ext16s_i64, d.t, a.t); }
void ir_ext16u_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_ext16u_i64, d.t, a.t); }
void ir_ext32s_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_ext32s_i64, d.t, a.t); }
void ir_ext32u_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_ext32u_i64, d.t, a.t); }
void ir_bswap16_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_bswap16_i64, d.t, a.t); }
void ir_bswap32_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_bswap32_i64, d.t, a.t); }
void ir_bswap64_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_bswap64_i64, d.t, a.t); }
void ir_clz_i64(struct ir *ir, W64 d, W64 a, W64 z) { op2(ir, IR_clz_i64, d.t, a.t, z.t); }
void ir_ctz_i64(struct ir *ir, W64 d, W64 a, W64 z) { op2(ir, IR_ctz_i64, d.t, a.t, z.t); }
void ir_ctpop_i64(struct ir *ir, W64 d, W64 a) { op1(ir, IR_ctpop_i64, d.t, a.t); }
void ir_extract_i64(struct ir *ir, W64 d, W64 a, unsigned p, unsigned l) { op1cc(ir, IR_extract_i64, d.t, a.t, p, l); }
void ir_sextract_i64(struct ir *ir, W64 d, W64 a, unsigned p, unsigned l) { op1cc(ir, IR_sextract_i64, d.t, a.t, p, l); }
void ir_mulu2_i64(struct ir *ir, W64 lo, W64 hi, W64 a, W64 b) { uintptr_t v[4] = { lo.t, hi.t, a.t, b.t }; ir_emit(ir, IR_mulu2_i64, v, 4); }
void ir_muls2_i64(struct ir *ir, W64 lo, W64 hi, W64 a, W64 b) { uintptr_t v[4] = { lo.t, hi.t, a.t, b.t }; ir_emit(ir, IR_muls2_i64, v, 4); }
void ir_divs_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_divs_i64, d.t, a.t, b.t); }
void ir_divu_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_divu_i64, d.t, a.t, b.t); }
void ir_rems_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_rems_i64, d.t, a.t, b.t); }
void ir_remu_i64(struct ir *ir, W64 d, W64 a, W64 b) { op2(ir, IR_remu_i64, d.t, a.t, b.t); }
void ir_ld8u_i64(struct ir *ir, W64 d, W64 b, intptr_t o) { op1c(ir, IR_ld8u_i64, d.t, b.t, (uintptr_t)o); }
void ir_ld8s_i64(struct ir *ir, W64 d, W64 b, intptr_t o) { op1c(ir, IR_ld8s_i64, d.t, b.t, (uintptr_t)o); }
void ir_ld16u_i64(struct ir *ir, W64 d, W64 b, intptr_t o) { op1c(ir, IR_ld16u_i64, d.t, b.t, (uintptr_t)o); }
void ir_ld16s_i64(struct ir *ir, W64 d, W64 b, intptr_t o) { op1c(ir, IR_ld16s_i64, d.t, b.t, (uintptr_t)o); }
void ir_ld32u_i64(struct ir *ir, W64 d, W64 b, intptr_t o) { op1c(ir, IR_ld32u_i64, d.t, b.t, (uintptr_t)o); }
void ir_ld32s_i64(struct ir *ir, W64 d, W64 b, intptr_t o) { op1c(ir, IR_ld32s_i64, d.t, b.t, (uintptr_t)o); }
void ir_ld_i64(struct ir *ir, W64 d, W64 b, intptr_t o) { op1c(ir, IR_ld_i64, d.t, b.t, (uintptr_t)o); }
void ir_st8_i64(struct ir *ir, W64 v, W64 b, intptr_t o) { op1c(ir, IR_st8_i64, v.t, b.t, (uintptr_t)o); }
void ir_st16_i64(struct ir *ir, W64 v, W64 b, intptr_t o) { op1c(ir, IR_st16_i64, v.t, b.t, (uintptr_t)o); }
void ir_st32_i64(struct ir *ir, W64 v, W64 b, intptr_t o) { op1c(ir, IR_st32_i64, v.t, b.t, (uintptr_t)o); }
void ir_st_i64(struct ir *ir, W64 v, W64 b, intptr_t o) { op1c(ir, IR_st_i64, v.t, b.t, (uintptr_t)o); }

void ir_ext_i32_i64(struct ir *ir, W64 d, W32 a) { op1(ir, IR_ext_i32_i64, d.t, a.t); }
void ir_extu_i32_i64(struct ir *ir, W64 d, W32 a) { op1(ir, IR_extu_i32_i64, d.t, a.t); }
void ir_extrl_i64_i32(struct ir *ir, W32 d, W64 a) { op1(ir, IR_extrl_i64_i32, d.t, a.t); }
void ir_extrh_i64_i32(struct ir *ir, W32 d, W64 a) { op1(ir, IR_extrh_i64_i32, d.t, a.t); }
void ir_concat_i32_i64(struct ir *ir, W64 d, W32 lo, W32 hi) { op2(ir, IR_concat_i32_i64, d.t, lo.t, hi.t); }
#undef W32
#undef W64

static void fop(struct ir *ir, enum ir_opc base, enum ir_fop op, uint16_t d, uint16_t a,
                uint16_t b, void *fallback)
{
    enum ir_opc o = (enum ir_opc)(base + (int)op);
    if (op == IR_FSQRT)
        op1c(ir, o, d, a, (uintptr_t)fallback);
    else
        op2c(ir, o, d, a, b, (uintptr_t)fallback);
}
_Static_assert(IR_fsub_f32 - IR_fadd_f32 == IR_FSUB && IR_fsqrt_f32 - IR_fadd_f32 == IR_FSQRT &&
               IR_fsqrt_f64 - IR_fadd_f64 == IR_FSQRT, "ir_fop order matches ir-ops.h");
void ir_fop_f32(struct ir *ir, enum ir_fop op, ir_i32 d, ir_i32 a, ir_i32 b, void *fallback)
{
    fop(ir, IR_fadd_f32, op, d.t, a.t, b.t, fallback);
}
void ir_fop_f64(struct ir *ir, enum ir_fop op, ir_i64 d, ir_i64 a, ir_i64 b, void *fallback)
{
    fop(ir, IR_fadd_f64, op, d.t, a.t, b.t, fallback);
}

void ir_fext_f64(struct ir *ir, ir_i64 d, ir_i32 a, void *fallback)
{
    op1c(ir, IR_fext_f64, d.t, a.t, (uintptr_t)fallback);
}
void ir_fnarrow_f32(struct ir *ir, ir_i32 d, ir_i64 a, void *fallback)
{
    op1c(ir, IR_fnarrow_f32, d.t, a.t, (uintptr_t)fallback);
}
void ir_ftoi32_f32(struct ir *ir, ir_i32 d, ir_i32 a, void *fallback)
{
    op1c(ir, IR_ftoi32_f32, d.t, a.t, (uintptr_t)fallback);
}
void ir_ftoi32_f64(struct ir *ir, ir_i32 d, ir_i64 a, void *fallback)
{
    op1c(ir, IR_ftoi32_f64, d.t, a.t, (uintptr_t)fallback);
}
void ir_itof_f32(struct ir *ir, ir_i32 d, ir_i32 a, bool is_signed)
{
    op1c(ir, IR_itof_f32, d.t, a.t, is_signed);
}
void ir_itof_f64(struct ir *ir, ir_i64 d, ir_i32 a, bool is_signed)
{
    op1c(ir, IR_itof_f64, d.t, a.t, is_signed);
}
void ir_fcmp_f32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b, bool signal)
{
    op2c(ir, IR_fcmp_f32, d.t, a.t, b.t, signal);
}
void ir_fcmp_f64(struct ir *ir, ir_i32 d, ir_i64 a, ir_i64 b, bool signal)
{
    op2c(ir, IR_fcmp_f64, d.t, a.t, b.t, signal);
}

static void deposit(struct ir *ir, enum ir_opc o, uint16_t d, uint16_t a, uint16_t b,
                    unsigned pos, unsigned len)
{
    uintptr_t v[5] = { d, a, b, pos, len };
    ir_emit(ir, o, v, 5);
}
void ir_deposit_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b, unsigned pos, unsigned len)
{
    deposit(ir, IR_deposit_i32, d.t, a.t, b.t, pos, len);
}
void ir_deposit_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b, unsigned pos, unsigned len)
{
    deposit(ir, IR_deposit_i64, d.t, a.t, b.t, pos, len);
}

static void setcond(struct ir *ir, enum ir_opc o, enum ir_cond c, uint16_t d, uint16_t a,
                    uint16_t b)
{
    uintptr_t v[4] = { d, a, b, c };
    ir_emit(ir, o, v, 4);
}
void ir_setcond_i32(struct ir *ir, enum ir_cond c, ir_i32 d, ir_i32 a, ir_i32 b)
{
    setcond(ir, IR_setcond_i32, c, d.t, a.t, b.t);
}
void ir_setcond_i64(struct ir *ir, enum ir_cond c, ir_i64 d, ir_i64 a, ir_i64 b)
{
    setcond(ir, IR_setcond_i64, c, d.t, a.t, b.t);
}

static void movcond(struct ir *ir, enum ir_opc o, enum ir_cond c, uint16_t d, uint16_t c1,
                    uint16_t c2, uint16_t v1, uint16_t v2)
{
    uintptr_t v[6] = { d, c1, c2, v1, v2, c };
    ir_emit(ir, o, v, 6);
}
void ir_movcond_i32(struct ir *ir, enum ir_cond c, ir_i32 d, ir_i32 c1, ir_i32 c2, ir_i32 v1,
                    ir_i32 v2)
{
    movcond(ir, IR_movcond_i32, c, d.t, c1.t, c2.t, v1.t, v2.t);
}
void ir_movcond_i64(struct ir *ir, enum ir_cond c, ir_i64 d, ir_i64 c1, ir_i64 c2, ir_i64 v1,
                    ir_i64 v2)
{
    movcond(ir, IR_movcond_i64, c, d.t, c1.t, c2.t, v1.t, v2.t);
}

static void brcond(struct ir *ir, enum ir_opc o, enum ir_cond c, uint16_t a, uint16_t b,
                   ir_label l)
{
    ir->labels[l.id].has_refs = true;
    uintptr_t v[4] = { a, b, c, l.id };
    ir_emit(ir, o, v, 4);
}
void ir_brcond_i32(struct ir *ir, enum ir_cond c, ir_i32 a, ir_i32 b, ir_label l)
{
    brcond(ir, IR_brcond_i32, c, a.t, b.t, l);
}
void ir_brcondi_i32(struct ir *ir, enum ir_cond c, ir_i32 a, uint32_t b, ir_label l)
{
    brcond(ir, IR_brcond_i32, c, a.t, ir_const_i32(ir, b).t, l);
}
void ir_brcond_i64(struct ir *ir, enum ir_cond c, ir_i64 a, ir_i64 b, ir_label l)
{
    brcond(ir, IR_brcond_i64, c, a.t, b.t, l);
}

/* --- guest memory --- */
static void qemu_ldst(struct ir *ir, enum ir_opc o, uint16_t v, uint16_t addr, unsigned memop)
{
    assert(ir->temps[addr].type == (ir->guest_addr_bits == 64 ? IR_I64 : IR_I32));
    uintptr_t a[4] = { v, addr, memop, 0 };
    ir_emit(ir, o, a, 4);
}
void ir_qemu_ld_i32(struct ir *ir, ir_i32 d, uint16_t addr, unsigned mo)
{
    assert((mo & MO_SIZE) <= MO_32);
    qemu_ldst(ir, IR_qemu_ld_i32, d.t, addr, mo);
}
void ir_qemu_st_i32(struct ir *ir, ir_i32 v, uint16_t addr, unsigned mo)
{
    assert((mo & MO_SIZE) <= MO_32);
    qemu_ldst(ir, IR_qemu_st_i32, v.t, addr, mo);
}
void ir_qemu_ld_i64(struct ir *ir, ir_i64 d, uint16_t addr, unsigned mo)
{
    qemu_ldst(ir, IR_qemu_ld_i64, d.t, addr, mo);
}
void ir_qemu_st_i64(struct ir *ir, ir_i64 v, uint16_t addr, unsigned mo)
{
    qemu_ldst(ir, IR_qemu_st_i64, v.t, addr, mo);
}

static void cmpxchg(struct ir *ir, enum ir_opc o, uint16_t old, uint16_t addr, uint16_t cmp,
                    uint16_t nv, unsigned memop)
{
    uintptr_t a[5] = { old, addr, cmp, nv, memop };
    ir_emit(ir, o, a, 5);
}
void ir_cmpxchg_i32(struct ir *ir, ir_i32 old, uint16_t addr, ir_i32 cmp, ir_i32 nv,
                    unsigned memop)
{
    cmpxchg(ir, IR_cmpxchg_i32, old.t, addr, cmp.t, nv.t, memop);
}
void ir_cmpxchg_i64(struct ir *ir, ir_i64 old, uint16_t addr, ir_i64 cmp, ir_i64 nv,
                    unsigned memop)
{
    cmpxchg(ir, IR_cmpxchg_i64, old.t, addr, cmp.t, nv.t, memop);
}

void ir_mb(struct ir *ir)
{
    uintptr_t a[1] = { 0 };
    ir_emit(ir, IR_mb, a, 1);
}

/* --- calls: args = [ret?] [inputs...] fn flags nargs; nb_oargs/nb_iargs are per op --- */
void ir_call(struct ir *ir, void *fn, unsigned flags, unsigned ret, unsigned nargs,
             const uint16_t *args)
{
    assert(nargs <= IR_MAX_CALL_ARGS);
    uintptr_t a[IR_MAX_ARGS];
    unsigned n = 0, nout = ret != IR_NO_RET;
    if (nout)
        a[n++] = ret;
    for (unsigned i = 0; i < nargs; i++)
        a[n++] = args[i];
    a[n++] = (uintptr_t)fn;
    a[n++] = flags;
    a[n++] = nargs;
    struct ir_op *op = ir_emit(ir, IR_call, a, n);
    op->nb_oargs = (uint8_t)nout;
    op->nb_iargs = (uint8_t)nargs;
}
void ir_call0(struct ir *ir, void *fn, unsigned flags, unsigned ret)
{
    ir_call(ir, fn, flags, ret, 0, NULL);
}
void ir_call1(struct ir *ir, void *fn, unsigned flags, unsigned ret, unsigned a0)
{
    uint16_t a[1] = { (uint16_t)a0 };
    ir_call(ir, fn, flags, ret, 1, a);
}
void ir_call2(struct ir *ir, void *fn, unsigned flags, unsigned ret, unsigned a0, unsigned a1)
{
    uint16_t a[2] = { (uint16_t)a0, (uint16_t)a1 };
    ir_call(ir, fn, flags, ret, 2, a);
}
void ir_call3(struct ir *ir, void *fn, unsigned flags, unsigned ret, unsigned a0, unsigned a1,
              unsigned a2)
{
    uint16_t a[3] = { (uint16_t)a0, (uint16_t)a1, (uint16_t)a2 };
    ir_call(ir, fn, flags, ret, 3, a);
}
void ir_call4(struct ir *ir, void *fn, unsigned flags, unsigned ret, unsigned a0, unsigned a1,
              unsigned a2, unsigned a3)
{
    uint16_t a[4] = { (uint16_t)a0, (uint16_t)a1, (uint16_t)a2, (uint16_t)a3 };
    ir_call(ir, fn, flags, ret, 4, a);
}

/* --- boundaries and exits --- */
void ir_insn_start(struct ir *ir, uint64_t pc, uint64_t extra)
{
    uintptr_t a[2] = { (uintptr_t)pc, (uintptr_t)extra };
    ir_emit(ir, IR_insn_start, a, 2);
}

void ir_chk_exit(struct ir *ir)
{
    ir_emit(ir, IR_chk_exit, NULL, 0);
}

void ir_goto_tb(struct ir *ir, unsigned slot, uint64_t dest, const void *tb)
{
    uintptr_t a[1] = { slot };
    ir_emit(ir, IR_goto_tb, a, 1);
    ir_st_i64(ir, ir_const_i64(ir, dest), ir->env, ir->pc_offset);
    ir_exit_tb(ir, (uintptr_t)tb | slot);
}

void ir_exit_tb(struct ir *ir, uintptr_t val)
{
    uintptr_t a[1] = { val };
    ir_emit(ir, IR_exit_tb, a, 1);
}

void ir_goto_ptr(struct ir *ir, unsigned pc_temp, ir_i32 flags)
{
    uintptr_t a[2] = { pc_temp, flags.t };
    ir_emit(ir, IR_goto_ptr, a, 2);
}
