/* A64 integer ALU generators shared by the immediate and register decoders: the
 * flag-setting adds and subtracts, shifted and extended operands, and the logical
 * immediate decoder. 32-bit forms work on zero-extended 64-bit values, which makes the
 * carry simply bit 32 of the sum. */
#include "target/arm/translate-a64-dec.h"

void a64_gen_nz(struct a64_dc *s, ir_i64 res, bool sf)
{
    struct ir *ir = s->ir;
    if (sf) {
        ir_mov_i64(ir, a64_NF, res);
        ir_mov_i64(ir, a64_ZF, res);
    } else {
        ir_ext32s_i64(ir, a64_NF, res);
        ir_ext32u_i64(ir, a64_ZF, res);
    }
}

/* V of a + b = res: the operands agree in sign and the result does not. */
static void set_add_v(struct a64_dc *s, ir_i64 a, ir_i64 b, ir_i64 res, bool sf)
{
    struct ir *ir = s->ir;
    ir_i64 t = a64_tmp(s), u = a64_tmp(s);
    ir_xor_i64(ir, t, a, b);
    ir_xor_i64(ir, u, res, a);
    ir_andc_i64(ir, a64_VF, u, t);
    if (!sf)
        ir_ext32s_i64(ir, a64_VF, a64_VF);
}

static void zext_operands(struct a64_dc *s, ir_i64 *a, ir_i64 *b)
{
    ir_i64 za = a64_tmp(s), zb = a64_tmp(s);
    ir_ext32u_i64(s->ir, za, *a);
    ir_ext32u_i64(s->ir, zb, *b);
    *a = za;
    *b = zb;
}

/* The sum of a + b + carry_in (a temp or NULL for none) with NZCV. */
static ir_i64 add_with_carry(struct a64_dc *s, ir_i64 a, ir_i64 b, const ir_i64 *cin, bool sf)
{
    struct ir *ir = s->ir;
    ir_i64 res = a64_tmp(s), c = a64_tmp(s);
    if (!sf) {
        zext_operands(s, &a, &b);
        ir_add_i64(ir, res, a, b);
        if (cin)
            ir_add_i64(ir, res, res, *cin);
        ir_shri_i64(ir, c, res, 32);
    } else if (!cin) {
        ir_add_i64(ir, res, a, b);
        ir_setcond_i64(ir, IR_LTU, c, res, a);
    } else {
        ir_i64 c2 = a64_tmp(s);
        ir_add_i64(ir, res, a, b);
        ir_setcond_i64(ir, IR_LTU, c, res, a);
        ir_add_i64(ir, res, res, *cin);
        ir_setcond_i64(ir, IR_LTU, c2, res, *cin);
        ir_or_i64(ir, c, c, c2);
    }
    set_add_v(s, a, b, res, sf);
    ir_mov_i64(ir, a64_CF, c);
    if (!sf)
        ir_ext32u_i64(ir, res, res);
    a64_gen_nz(s, res, sf);
    return res;
}

ir_i64 a64_gen_add_cc(struct a64_dc *s, ir_i64 a, ir_i64 b, bool sf)
{
    ir_i64 r = add_with_carry(s, a, b, NULL, sf);
    a64_note_flags(s, A64_CC_ADD, a, b, r, sf);
    return r;
}

ir_i64 a64_gen_adc_cc(struct a64_dc *s, ir_i64 a, ir_i64 b, bool sf)
{
    ir_i64 cin = a64_tmp(s);
    ir_mov_i64(s->ir, cin, a64_CF);
    a64_forget_flags(s);
    return add_with_carry(s, a, b, &cin, sf);
}

/* a - b: C is "no borrow" (a >= b unsigned), V when the operands differ in sign and
 * the result's sign differs from a's. */
ir_i64 a64_gen_sub_cc(struct a64_dc *s, ir_i64 a, ir_i64 b, bool sf)
{
    struct ir *ir = s->ir;
    ir_i64 res = a64_tmp(s), t = a64_tmp(s), u = a64_tmp(s);
    if (!sf)
        zext_operands(s, &a, &b);
    ir_sub_i64(ir, res, a, b);
    ir_xor_i64(ir, t, a, b);
    ir_xor_i64(ir, u, a, res);
    ir_and_i64(ir, a64_VF, t, u);
    if (!sf)
        ir_ext32s_i64(ir, a64_VF, a64_VF);
    ir_setcond_i64(ir, IR_GEU, a64_CF, a, b);
    if (!sf)
        ir_ext32u_i64(ir, res, res);
    a64_gen_nz(s, res, sf);
    a64_note_flags(s, A64_CC_SUB, a, b, res, sf);
    return res;
}

ir_i64 a64_gen_shift(struct a64_dc *s, ir_i64 v, unsigned type, unsigned amount, bool sf)
{
    struct ir *ir = s->ir;
    if (amount == 0)
        return v;
    ir_i64 r = a64_tmp(s);
    switch (type) {
    case 0:
        ir_shli_i64(ir, r, v, amount);
        break;
    case 1:
        if (sf) {
            ir_shri_i64(ir, r, v, amount);
        } else {
            ir_ext32u_i64(ir, r, v);
            ir_shri_i64(ir, r, r, amount);
        }
        break;
    case 2:
        if (sf) {
            ir_sari_i64(ir, r, v, amount);
        } else {
            ir_ext32s_i64(ir, r, v);
            ir_sari_i64(ir, r, r, amount);
        }
        break;
    default:
        if (sf) {
            ir_rotr_i64(ir, r, v, a64_const(s, amount));
        } else {
            ir_i32 t = a64_tmp32(s);
            ir_extrl_i64_i32(ir, t, v);
            ir_rotri_i32(ir, t, t, amount);
            ir_extu_i32_i64(ir, r, t);
        }
        break;
    }
    return r;
}

ir_i64 a64_gen_extend(struct a64_dc *s, ir_i64 v, unsigned option, unsigned shift)
{
    struct ir *ir = s->ir;
    ir_i64 r = a64_tmp(s);
    switch (option) {
    case 0: ir_ext8u_i64(ir, r, v); break;
    case 1: ir_ext16u_i64(ir, r, v); break;
    case 2: ir_ext32u_i64(ir, r, v); break;
    case 4: ir_ext8s_i64(ir, r, v); break;
    case 5: ir_ext16s_i64(ir, r, v); break;
    case 6: ir_ext32s_i64(ir, r, v); break;
    default: ir_mov_i64(ir, r, v); break;          /* UXTX, SXTX */
    }
    if (shift)
        ir_shli_i64(ir, r, r, shift);
    return r;
}

static uint64_t ones(unsigned n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

bool a64_decode_bitmask(bool sf, unsigned n, unsigned imms, unsigned immr, uint64_t *wmask)
{
    unsigned combined = (n << 6) | (~imms & 0x3f);
    if (combined == 0)
        return false;
    unsigned len = 31 - (unsigned)__builtin_clz(combined);
    if (len < 1)
        return false;
    unsigned levels = (unsigned)ones(len);
    if ((imms & levels) == levels)
        return false;
    unsigned esize = 1u << len, sbits = imms & levels, r = immr & levels;
    uint64_t elem = ones(sbits + 1);
    if (r)
        elem = ((elem >> r) | (elem << (esize - r))) & ones(esize);
    uint64_t m = 0;
    for (unsigned i = 0; i < 64; i += esize)
        m |= elem << i;
    *wmask = sf ? m : m & 0xffffffffu;
    return true;
}
