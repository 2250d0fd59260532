/* Lane-wise integer arithmetic on 64-bit IR temps (contract in translate-a64-swar.h).
 * The tricks: keep each lane's top bit out of an addition or subtraction so no carry
 * crosses into the next lane, then put the top bit back with an XOR; turn "top bit of
 * each lane" into whole-lane masks with one subtraction. */
#include "target/arm/translate-a64-swar.h"

uint64_t swar_rep(unsigned size, uint64_t v)
{
    static const uint64_t ones[4] = {
        0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1,
    };
    unsigned bits = 8u << size;
    if (bits < 64)
        v &= (1ull << bits) - 1;
    return v * ones[size];
}

/* The top bit of every lane. */
static uint64_t top(unsigned size) { return swar_rep(size, 1ull << ((8u << size) - 1)); }

static ir_i64 op2(struct a64_dc *s, void (*f)(struct ir *, ir_i64, ir_i64, ir_i64),
                  ir_i64 a, ir_i64 b)
{
    ir_i64 r = a64_tmp(s);
    f(s->ir, r, a, b);
    return r;
}

static ir_i64 and_k(struct a64_dc *s, ir_i64 a, uint64_t k)
{
    return op2(s, ir_and_i64, a, a64_const(s, k));
}

static ir_i64 shl_k(struct a64_dc *s, ir_i64 a, unsigned sh)
{
    ir_i64 r = a64_tmp(s);
    ir_shli_i64(s->ir, r, a, sh);
    return r;
}

static ir_i64 shr_k(struct a64_dc *s, ir_i64 a, unsigned sh)
{
    ir_i64 r = a64_tmp(s);
    ir_shri_i64(s->ir, r, a, sh);
    return r;
}

/* x holds only lane top bits: each set one becomes a whole lane of ones. */
static ir_i64 expand_top(struct a64_dc *s, unsigned size, ir_i64 x)
{
    if (size == 3) {
        ir_i64 r = a64_tmp(s);
        ir_sari_i64(s->ir, r, x, 63);
        return r;
    }
    ir_i64 low = op2(s, ir_sub_i64, x, shr_k(s, x, (8u << size) - 1));
    return op2(s, ir_or_i64, low, x);
}

ir_i64 swar_add(struct a64_dc *s, unsigned size, ir_i64 a, ir_i64 b)
{
    if (size == 3)
        return op2(s, ir_add_i64, a, b);
    uint64_t h = top(size);
    ir_i64 sum = op2(s, ir_add_i64, and_k(s, a, ~h), and_k(s, b, ~h));
    return op2(s, ir_xor_i64, sum, and_k(s, op2(s, ir_xor_i64, a, b), h));
}

/* Each lane: (a | top) - (b & ~top) never borrows from the next lane; its top bit is
 * set iff a's low bits >= b's. The true top bit is a_top ^ b_top ^ borrow. */
static ir_i64 sub_low(struct a64_dc *s, unsigned size, ir_i64 a, ir_i64 b)
{
    uint64_t h = top(size);
    ir_i64 ah = op2(s, ir_or_i64, a, a64_const(s, h));
    return op2(s, ir_sub_i64, ah, and_k(s, b, ~h));
}

ir_i64 swar_sub(struct a64_dc *s, unsigned size, ir_i64 a, ir_i64 b)
{
    if (size == 3)
        return op2(s, ir_sub_i64, a, b);
    ir_i64 diff = sub_low(s, size, a, b);
    ir_i64 fix = op2(s, ir_andc_i64, a64_const(s, top(size)), op2(s, ir_xor_i64, a, b));
    return op2(s, ir_xor_i64, diff, fix);
}

ir_i64 swar_neg(struct a64_dc *s, unsigned size, ir_i64 a)
{
    return swar_sub(s, size, a64_const(s, 0), a);
}

/* Top bit set in each lane of x that is zero. */
static ir_i64 zero_tops(struct a64_dc *s, unsigned size, ir_i64 x)
{
    uint64_t h = top(size);
    ir_i64 t = op2(s, ir_add_i64, and_k(s, x, ~h), a64_const(s, ~h));
    t = op2(s, ir_or_i64, t, x);
    return op2(s, ir_andc_i64, a64_const(s, h), t);
}

/* Top bit set in each lane where a >= b, unsigned. */
static ir_i64 hs_tops(struct a64_dc *s, unsigned size, ir_i64 a, ir_i64 b)
{
    ir_i64 low_ge = sub_low(s, size, a, b);
    ir_i64 same_top = op2(s, ir_andc_i64, low_ge, op2(s, ir_xor_i64, a, b));
    ir_i64 r = op2(s, ir_or_i64, op2(s, ir_andc_i64, a, b), same_top);
    return and_k(s, r, top(size));
}

static ir_i64 cmp64(struct a64_dc *s, enum swar_rel rel, ir_i64 a, ir_i64 b)
{
    static const enum ir_cond conds[] = {
        [SW_EQ] = IR_EQ, [SW_TST] = IR_TSTNE, [SW_HS] = IR_GEU, [SW_HI] = IR_GTU,
        [SW_GE] = IR_GE, [SW_GT] = IR_GT,
    };
    ir_i64 r = a64_tmp(s);
    ir_setcond_i64(s->ir, conds[rel], r, a, b);
    ir_neg_i64(s->ir, r, r);
    return r;
}

ir_i64 swar_cmp(struct a64_dc *s, unsigned size, enum swar_rel rel, ir_i64 a, ir_i64 b)
{
    if (size == 3)
        return cmp64(s, rel, a, b);
    uint64_t h = top(size);
    ir_i64 tops;
    if (rel == SW_GE || rel == SW_GT) {             /* signed: flip the signs, compare */
        a = op2(s, ir_xor_i64, a, a64_const(s, h));
        b = op2(s, ir_xor_i64, b, a64_const(s, h));
        rel = rel == SW_GE ? SW_HS : SW_HI;
    }
    switch (rel) {
    case SW_EQ: tops = zero_tops(s, size, op2(s, ir_xor_i64, a, b)); break;
    case SW_TST:
        tops = op2(s, ir_xor_i64, zero_tops(s, size, op2(s, ir_and_i64, a, b)),
                   a64_const(s, h));
        break;
    case SW_HS: tops = hs_tops(s, size, a, b); break;
    default:                                        /* a > b: not b >= a */
        tops = op2(s, ir_xor_i64, hs_tops(s, size, b, a), a64_const(s, h));
        break;
    }
    return expand_top(s, size, tops);
}

ir_i64 swar_minmax(struct a64_dc *s, unsigned size, bool max, bool sign, ir_i64 a, ir_i64 b)
{
    ir_i64 ge = swar_cmp(s, size, sign ? SW_GE : SW_HS, a, b);
    ir_i64 pick = op2(s, ir_and_i64, op2(s, ir_xor_i64, a, b), ge);
    /* where a >= b: max is a (b ^ (a ^ b)), min is b (a ^ (a ^ b)) */
    return op2(s, ir_xor_i64, max ? b : a, pick);
}

static uint64_t lane_mask(unsigned size)
{
    return size == 3 ? ~0ull : (1ull << (8u << size)) - 1;
}

ir_i64 swar_shl(struct a64_dc *s, unsigned size, ir_i64 a, unsigned sh)
{
    ir_i64 r = shl_k(s, a, sh);
    if (size == 3 || sh == 0)
        return r;
    return and_k(s, r, swar_rep(size, lane_mask(size) << sh));
}

ir_i64 swar_shr(struct a64_dc *s, unsigned size, ir_i64 a, unsigned sh)
{
    if (sh >= (8u << size))
        return a64_const(s, 0);
    ir_i64 r = shr_k(s, a, sh);
    if (size == 3 || sh == 0)
        return r;
    return and_k(s, r, swar_rep(size, lane_mask(size) >> sh));
}

ir_i64 swar_sar(struct a64_dc *s, unsigned size, ir_i64 a, unsigned sh)
{
    unsigned bits = 8u << size;
    if (sh >= bits)
        sh = bits - 1;
    if (size == 3) {
        ir_i64 r = a64_tmp(s);
        ir_sari_i64(s->ir, r, a, sh);
        return r;
    }
    /* the logical shift, with the vacated top bits of negative lanes filled */
    ir_i64 neg = expand_top(s, size, and_k(s, a, top(size)));
    ir_i64 fill = and_k(s, neg, ~swar_rep(size, lane_mask(size) >> sh));
    return op2(s, ir_or_i64, swar_shr(s, size, a, sh), fill);
}

ir_i64 swar_narrow(struct a64_dc *s, unsigned size, ir_i64 a)
{
    /* keep each lane's low half, then close the gaps, doubling the packed width */
    unsigned half = 4u << size;
    ir_i64 x = and_k(s, a, swar_rep(size, lane_mask(size - 1)));
    for (unsigned w = half; w < 32; w *= 2) {
        x = op2(s, ir_or_i64, x, shr_k(s, x, w));
        x = and_k(s, x, swar_rep((unsigned)__builtin_ctz(4 * w / 8), (1ull << (2 * w)) - 1));
    }
    return x;
}

ir_i64 swar_widen(struct a64_dc *s, unsigned size, ir_i64 a, unsigned part, bool sign)
{
    unsigned bits = 8u << size;
    ir_i64 x = a64_tmp(s);
    ir_extract_i64(s->ir, x, a, 32 * part, 32);
    /* spread: 32 bits into two 32-bit lanes, then 16-bit pieces, then bytes */
    for (unsigned w = 16; w >= bits; w /= 2) {
        x = op2(s, ir_or_i64, x, shl_k(s, x, w));
        x = and_k(s, x, swar_rep((unsigned)__builtin_ctz(2 * w / 8), lane_mask(
                                     (unsigned)__builtin_ctz(w / 8))));
    }
    if (!sign)
        return x;
    /* copy bit bits-1 of each wide lane into its upper half: (b << (bits+1)) - (b << 1)
     * sets exactly bits..2*bits-1 of each lane (the top lane's sum wraps correctly) */
    ir_i64 b = and_k(s, x, swar_rep(size + 1, 1ull << (bits - 1)));
    ir_i64 ext = op2(s, ir_sub_i64, shl_k(s, b, bits + 1), shl_k(s, b, 1));
    return op2(s, ir_or_i64, x, ext);
}
