/* Advanced SIMD run-time helpers (contract in helper-neon.h).
 * Each lane is widened to a 128-bit integer, enough for the ARM pseudocode's unbounded
 * integers (halving adds, rounding shifts, doubling multiplies, saturation tests) to be
 * followed literally for every lane size up to 64 bits. Floating-point lanes go through
 * fpu.c with the standard FPSCR value; their flags are merged into the real FPSCR. */
#include "target/arm/helper-neon.h"

#include <stdbool.h>

#include "target/arm/cpu.h"
#include "target/arm/fpu.h"

typedef __int128 i128;
typedef unsigned __int128 u128;

static inline unsigned op_of(uint32_t desc) { return desc & 0xff; }
static inline unsigned size_of(uint32_t desc) { return desc >> 8 & 0xff; }
static inline unsigned imm_of(uint32_t desc) { return desc >> 16; }

/* --- lanes ---
 * Each public helper switches on the lane size once and runs a body inlined for that
 * size (the *_sized functions), so lane extraction compiles to constant shifts. */
static inline unsigned ebits(unsigned size) { return 8u << size; }
static inline unsigned nlanes(unsigned size) { return 8u >> size; }
static inline uint64_t emask(unsigned size)
{
    return size >= 3 ? ~0ull : (1ull << ebits(size)) - 1;
}
static inline uint64_t lane_u(uint64_t v, unsigned size, unsigned i)
{
    return (v >> (i * ebits(size))) & emask(size);
}
static inline i128 sext(uint64_t u, unsigned bits)
{
    return (i128)((int64_t)(u << (64 - bits)) >> (64 - bits));
}
static inline i128 lane_s(uint64_t v, unsigned size, unsigned i)
{
    return sext(lane_u(v, size, i), ebits(size));
}
static inline uint64_t lane_put(uint64_t acc, unsigned size, unsigned i, uint64_t x)
{
    return acc | (x & emask(size)) << (i * ebits(size));
}
static inline unsigned bitlen(uint64_t x) { return x ? 64 - (unsigned)__builtin_clzll(x) : 0; }

/* --- saturation and shifts on unbounded integers --- */
static i128 sat_lo(unsigned bits, bool sign) { return sign ? -((i128)1 << (bits - 1)) : 0; }
static i128 sat_hi(unsigned bits, bool sign)
{
    return sign ? ((i128)1 << (bits - 1)) - 1 : ((i128)1 << bits) - 1;
}

static i128 sat(i128 v, unsigned bits, bool sign, bool *qc)
{
    i128 lo = sat_lo(bits, sign), hi = sat_hi(bits, sign);
    if (v < lo || v > hi) {
        *qc = true;
        return v < lo ? lo : hi;
    }
    return v;
}

/* v * 2^sh saturated to 'bits' (sign: signed result); checked before shifting, so
 * nothing overflows even for 64-bit lanes. */
static i128 sat_shl(i128 v, unsigned sh, unsigned bits, bool sign, bool *qc)
{
    i128 lo = sat_lo(bits, sign), hi = sat_hi(bits, sign);
    if (v == 0)
        return 0;
    if (sh >= bits || v > (hi >> sh) || v < (lo >> sh)) {
        *qc = true;
        return v > 0 ? hi : lo;
    }
    return (i128)((u128)v << sh);
}

/* v shifted by sh (right when negative, flooring), rounding to nearest with ties up
 * when 'round'. Left shifts keep the low 128 bits: callers use the low lane bits or
 * have bounded sh. */
static i128 shift_lane(i128 v, int sh, bool round)
{
    if (sh >= 0)
        return sh >= 128 ? 0 : (i128)((u128)v << sh);
    unsigned n = (unsigned)-sh;
    if (n > 100)    /* |v| < 2^66: everything shifts out */
        return round || v >= 0 ? 0 : -1;
    if (round)
        v += (i128)1 << (n - 1);
    return v >> n;
}

static void set_qc(void *env, bool qc)
{
    if (qc)
        ARM_CPU(env)->fpscr |= FPSCR_QC;
}

/* Polynomial (carry-less) product of 'bits'-wide values. */
static uint64_t pmul(uint64_t a, uint64_t b, unsigned bits)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < bits; i++)
        if (b >> i & 1)
            r ^= a << i;
    return r;
}

/* --- integer binary operations --- */

static inline __attribute__((always_inline))
uint64_t binop_lane(unsigned op, unsigned size, uint64_t ua, uint64_t ub)
{
    unsigned bits = ebits(size);
    i128 sa = sext(ua, bits), sb = sext(ub, bits), za = ua, zb = ub;

    switch (op) {
    case NB_ADD: return ua + ub;
    case NB_SUB: return ua - ub;
    case NB_MUL: return ua * ub;
    case NB_PMUL: return pmul(ua, ub, bits);
    case NB_HADD_S: return (uint64_t)((sa + sb) >> 1);
    case NB_HADD_U: return (uint64_t)((za + zb) >> 1);
    case NB_RHADD_S: return (uint64_t)((sa + sb + 1) >> 1);
    case NB_RHADD_U: return (uint64_t)((za + zb + 1) >> 1);
    case NB_HSUB_S: return (uint64_t)((sa - sb) >> 1);
    case NB_HSUB_U: return (uint64_t)((za - zb) >> 1);
    case NB_CGT_S: return sa > sb ? ~0ull : 0;
    case NB_CGT_U: return ua > ub ? ~0ull : 0;
    case NB_CGE_S: return sa >= sb ? ~0ull : 0;
    case NB_CGE_U: return ua >= ub ? ~0ull : 0;
    case NB_CEQ: return ua == ub ? ~0ull : 0;
    case NB_TST: return (ua & ub) ? ~0ull : 0;
    case NB_MAX_S: return sa >= sb ? ua : ub;
    case NB_MAX_U: return ua >= ub ? ua : ub;
    case NB_MIN_S: return sa <= sb ? ua : ub;
    case NB_MIN_U: return ua <= ub ? ua : ub;
    case NB_ABD_S: return (uint64_t)(sa > sb ? sa - sb : sb - sa);
    case NB_ABD_U: return ua > ub ? ua - ub : ub - ua;
    case NB_SHL_S: case NB_SHL_U: case NB_RSHL_S: case NB_RSHL_U: {
        int sh = (int8_t)ub;
        bool sign = op == NB_SHL_S || op == NB_RSHL_S;
        if (sh >= (int)bits)
            return 0;
        return (uint64_t)shift_lane(sign ? sa : za, sh, op == NB_RSHL_S || op == NB_RSHL_U);
    }
    default: return 0;
    }
}

static inline __attribute__((always_inline))
uint64_t pair_lane(unsigned op, unsigned size, uint64_t v, unsigned j)
{
    uint64_t x = lane_u(v, size, j), y = lane_u(v, size, j + 1);
    i128 sx = lane_s(v, size, j), sy = lane_s(v, size, j + 1);

    switch (op) {
    case NB_PADD: return x + y;
    case NB_PMAX_S: return sx >= sy ? x : y;
    case NB_PMAX_U: return x >= y ? x : y;
    case NB_PMIN_S: return sx <= sy ? x : y;
    default: return x <= y ? x : y;
    }
}

static inline __attribute__((always_inline))
uint64_t binop_sized(uint64_t a, uint64_t b, uint32_t desc, unsigned size)
{
    unsigned op = op_of(desc), n = nlanes(size);
    uint64_t r = 0;

    if (op >= NB_PADD) {
        for (unsigned i = 0; i < n; i++)
            r = lane_put(r, size, i, pair_lane(op, size, i < n / 2 ? a : b, (i % (n / 2)) * 2));
        return r;
    }
    for (unsigned i = 0; i < n; i++)
        r = lane_put(r, size, i, binop_lane(op, size, lane_u(a, size, i), lane_u(b, size, i)));
    return r;
}

uint64_t helper_neon_binop(uint64_t a, uint64_t b, uint32_t desc)
{
    switch (size_of(desc)) {
    case 0: return binop_sized(a, b, desc, 0);
    case 1: return binop_sized(a, b, desc, 1);
    case 2: return binop_sized(a, b, desc, 2);
    default: return binop_sized(a, b, desc, 3);
    }
}

static inline __attribute__((always_inline))
uint64_t qbinop_sized(void *env, uint64_t a, uint64_t b, uint32_t desc, unsigned size)
{
    unsigned op = op_of(desc), bits = ebits(size);
    uint64_t r = 0;
    bool qc = false;

    for (unsigned i = 0; i < nlanes(size); i++) {
        uint64_t ua = lane_u(a, size, i), ub = lane_u(b, size, i);
        i128 sa = sext(ua, bits), sb = sext(ub, bits), za = ua, zb = ub, x;
        switch (op) {
        case NQ_ADD_S: x = sat(sa + sb, bits, true, &qc); break;
        case NQ_ADD_U: x = sat(za + zb, bits, false, &qc); break;
        case NQ_SUB_S: x = sat(sa - sb, bits, true, &qc); break;
        case NQ_SUB_U: x = sat(za - zb, bits, false, &qc); break;
        case NQ_DMULH: x = sat((2 * sa * sb) >> bits, bits, true, &qc); break;
        case NQ_RDMULH:
            x = sat((2 * sa * sb + ((i128)1 << (bits - 1))) >> bits, bits, true, &qc);
            break;
        default: {   /* VQSHL, VQRSHL by register */
            int sh = (int8_t)ub;
            bool sign = op == NQ_SHL_S || op == NQ_RSHL_S;
            i128 v = sign ? sa : za;
            if (sh >= 0)
                x = sat_shl(v, (unsigned)sh, bits, sign, &qc);
            else
                x = sat(shift_lane(v, sh, op == NQ_RSHL_S || op == NQ_RSHL_U), bits, sign, &qc);
            break;
        }
        }
        r = lane_put(r, size, i, (uint64_t)x);
    }
    set_qc(env, qc);
    return r;
}

uint64_t helper_neon_qbinop(void *env, uint64_t a, uint64_t b, uint32_t desc)
{
    switch (size_of(desc)) {
    case 0: return qbinop_sized(env, a, b, desc, 0);
    case 1: return qbinop_sized(env, a, b, desc, 1);
    case 2: return qbinop_sized(env, a, b, desc, 2);
    default: return qbinop_sized(env, a, b, desc, 3);
    }
}

/* --- one-operand integer operations --- */

/* Reverses the order of 'size' lanes within each group of 'group' bits. */
static uint64_t rev_lanes(uint64_t a, unsigned size, unsigned group)
{
    unsigned k = group / ebits(size);
    uint64_t r = 0;
    for (unsigned i = 0; i < nlanes(size); i++)
        r = lane_put(r, size, i, lane_u(a, size, (i / k) * k + (k - 1 - i % k)));
    return r;
}

static inline __attribute__((always_inline))
uint64_t unop_sized(uint64_t a, uint32_t desc, unsigned size)
{
    unsigned op = op_of(desc), bits = ebits(size);
    uint64_t r = 0;

    switch (op) {
    case NU_REV16: return rev_lanes(a, size, 16);
    case NU_REV32: return rev_lanes(a, size, 32);
    case NU_REV64: return rev_lanes(a, size, 64);
    case NU_PADDL_S: case NU_PADDL_U:
        for (unsigned j = 0; j < nlanes(size) / 2; j++) {
            i128 x = op == NU_PADDL_S ? lane_s(a, size, 2 * j) + lane_s(a, size, 2 * j + 1)
                                      : (i128)lane_u(a, size, 2 * j) + lane_u(a, size, 2 * j + 1);
            r = lane_put(r, size + 1, j, (uint64_t)x);
        }
        return r;
    default:
        break;
    }
    for (unsigned i = 0; i < nlanes(size); i++) {
        uint64_t u = lane_u(a, size, i), x;
        i128 sv = sext(u, bits);
        switch (op) {
        case NU_CLS: {
            uint64_t pos = (uint64_t)(sv < 0 ? ~sv : sv);
            x = bits - 1 - bitlen(pos);
            break;
        }
        case NU_CLZ: x = bits - bitlen(u); break;
        case NU_CNT: x = (uint64_t)__builtin_popcountll(u); break;
        case NU_ABS: x = (uint64_t)(sv < 0 ? -sv : sv); break;
        case NU_NEG: x = (uint64_t)-sv; break;
        case NU_CGT0: x = sv > 0 ? ~0ull : 0; break;
        case NU_CGE0: x = sv >= 0 ? ~0ull : 0; break;
        case NU_CEQ0: x = u == 0 ? ~0ull : 0; break;
        case NU_CLE0: x = sv <= 0 ? ~0ull : 0; break;
        case NU_CLT0: x = sv < 0 ? ~0ull : 0; break;
        case NU_RECPE_U: x = fpu_recpe_u32((uint32_t)u); break;
        case NU_RSQRTE_U: x = fpu_rsqrte_u32((uint32_t)u); break;
        default: x = 0; break;
        }
        r = lane_put(r, size, i, x);
    }
    return r;
}

uint64_t helper_neon_unop(uint64_t a, uint32_t desc)
{
    switch (size_of(desc)) {
    case 0: return unop_sized(a, desc, 0);
    case 1: return unop_sized(a, desc, 1);
    case 2: return unop_sized(a, desc, 2);
    default: return unop_sized(a, desc, 3);
    }
}

uint64_t helper_neon_qunop(void *env, uint64_t a, uint32_t desc)
{
    unsigned op = op_of(desc), size = size_of(desc), bits = ebits(size);
    uint64_t r = 0;
    bool qc = false;

    for (unsigned i = 0; i < nlanes(size); i++) {
        i128 v = lane_s(a, size, i);
        if (op == NQU_ABS && v < 0)
            v = -v;
        else if (op == NQU_NEG)
            v = -v;
        r = lane_put(r, size, i, (uint64_t)sat(v, bits, true, &qc));
    }
    set_qc(env, qc);
    return r;
}

/* --- shifts by immediate --- */

static inline __attribute__((always_inline))
uint64_t shift_sized(void *env, uint64_t a, uint64_t d, uint32_t desc, unsigned size)
{
    unsigned op = op_of(desc), amt = imm_of(desc), bits = ebits(size);
    uint64_t r = 0;
    bool qc = false;

    for (unsigned i = 0; i < nlanes(size); i++) {
        uint64_t ua = lane_u(a, size, i), ud = lane_u(d, size, i), x, mask;
        i128 sa = sext(ua, bits), za = ua;
        switch (op) {
        case NS_SHR_S: x = (uint64_t)shift_lane(sa, -(int)amt, false); break;
        case NS_SHR_U: x = (uint64_t)shift_lane(za, -(int)amt, false); break;
        case NS_RSHR_S: x = (uint64_t)shift_lane(sa, -(int)amt, true); break;
        case NS_RSHR_U: x = (uint64_t)shift_lane(za, -(int)amt, true); break;
        case NS_SHL: x = amt >= 64 ? 0 : ua << amt; break;
        case NS_QSHL_S: x = (uint64_t)sat_shl(sa, amt, bits, true, &qc); break;
        case NS_QSHL_U: x = (uint64_t)sat_shl(za, amt, bits, false, &qc); break;
        case NS_QSHLU: x = (uint64_t)sat_shl(sa, amt, bits, false, &qc); break;
        case NS_SRI:
            mask = amt >= bits ? 0 : emask(size) >> amt;
            x = (ud & ~mask) | (amt >= bits ? 0 : (ua >> amt) & mask);
            break;
        default:    /* NS_SLI */
            mask = (emask(size) << amt) & emask(size);
            x = (ud & ~mask) | ((ua << amt) & mask);
            break;
        }
        r = lane_put(r, size, i, x);
    }
    set_qc(env, qc);
    return r;
}

uint64_t helper_neon_shift(void *env, uint64_t a, uint64_t d, uint32_t desc)
{
    switch (size_of(desc)) {
    case 0: return shift_sized(env, a, d, desc, 0);
    case 1: return shift_sized(env, a, d, desc, 1);
    case 2: return shift_sized(env, a, d, desc, 2);
    default: return shift_sized(env, a, d, desc, 3);
    }
}

/* --- widening, narrowing, long --- */

static inline __attribute__((always_inline))
uint64_t widen_sized(uint32_t a, uint32_t desc, unsigned size)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < nlanes(size) / 2; i++) {
        i128 x = op_of(desc) == NW_S ? lane_s(a, size, i) : (i128)lane_u(a, size, i);
        r = lane_put(r, size + 1, i, (uint64_t)x);
    }
    return r;
}

uint64_t helper_neon_widen(uint32_t a, uint32_t desc)
{
    switch (size_of(desc)) {
    case 0: return widen_sized(a, desc, 0);
    case 1: return widen_sized(a, desc, 1);
    default: return widen_sized(a, desc, 2);
    }
}

static inline __attribute__((always_inline))
uint32_t narrow_sized(void *env, uint64_t a, uint32_t desc, unsigned size)
{
    unsigned op = op_of(desc), bits = ebits(size);
    uint64_t r = 0;
    bool qc = false;

    for (unsigned i = 0; i < nlanes(size + 1); i++) {
        uint64_t u = lane_u(a, size + 1, i);
        i128 sv = lane_s(a, size + 1, i), x;
        switch (op) {
        case NN_PLAIN: x = u; break;
        case NN_QS: x = sat(sv, bits, true, &qc); break;
        case NN_QU: x = sat(u, bits, false, &qc); break;
        case NN_QSU: x = sat(sv, bits, false, &qc); break;
        case NN_HIGH: x = u >> bits; break;
        default: x = ((i128)u + ((i128)1 << (bits - 1))) >> bits; break;
        }
        r = lane_put(r, size, i, (uint64_t)x);
    }
    set_qc(env, qc);
    return (uint32_t)r;
}

uint32_t helper_neon_narrow(void *env, uint64_t a, uint32_t desc)
{
    switch (size_of(desc)) {
    case 0: return narrow_sized(env, a, desc, 0);
    case 1: return narrow_sized(env, a, desc, 1);
    default: return narrow_sized(env, a, desc, 2);
    }
}

static inline __attribute__((always_inline))
uint64_t long_sized(void *env, uint32_t a, uint32_t b, uint32_t desc, unsigned size)
{
    unsigned op = op_of(desc), bits = ebits(size);
    uint64_t r = 0;
    bool qc = false;

    for (unsigned i = 0; i < nlanes(size) / 2; i++) {
        uint64_t ua = lane_u(a, size, i), ub = lane_u(b, size, i);
        i128 sa = sext(ua, bits), sb = sext(ub, bits), za = ua, zb = ub, x;
        switch (op) {
        case NL_MULL_S: x = sa * sb; break;
        case NL_MULL_U: x = za * zb; break;
        case NL_MULL_P: x = pmul(ua, ub, bits); break;
        case NL_QDMULL: x = sat(2 * sa * sb, 2 * bits, true, &qc); break;
        case NL_ABDL_S: x = sa > sb ? sa - sb : sb - sa; break;
        default: x = za > zb ? za - zb : zb - za; break;
        }
        r = lane_put(r, size + 1, i, (uint64_t)x);
    }
    set_qc(env, qc);
    return r;
}

uint64_t helper_neon_long(void *env, uint32_t a, uint32_t b, uint32_t desc)
{
    switch (size_of(desc)) {
    case 0: return long_sized(env, a, b, desc, 0);
    case 1: return long_sized(env, a, b, desc, 1);
    default: return long_sized(env, a, b, desc, 2);
    }
}

/* --- single-precision lanes --- */

static uint32_t fcmp_mask(uint32_t a, uint32_t b, unsigned op, uint32_t *st)
{
    uint32_t nzcv;
    if (op == NF_ACGE || op == NF_ACGT) {
        a = fpu_abs32(a);
        b = fpu_abs32(b);
    }
    nzcv = fpu_cmp32(a, b, op != NF_CEQ, st) >> 28;
    switch (op) {
    case NF_CEQ: return nzcv == 6 ? ~0u : 0;
    case NF_CGE: case NF_ACGE: return nzcv == 6 || nzcv == 2 ? ~0u : 0;
    default: return nzcv == 2 ? ~0u : 0;
    }
}

static uint32_t fbinop_lane(unsigned op, uint32_t a, uint32_t b, uint32_t *st)
{
    switch (op) {
    case NF_ADD: case NF_PADD: return fpu_add32(a, b, st);
    case NF_SUB: return fpu_sub32(a, b, st);
    case NF_MUL: return fpu_mul32(a, b, st);
    case NF_ABD: return fpu_abs32(fpu_sub32(a, b, st));
    case NF_MAX: case NF_PMAX: return fpu_max32(a, b, st);
    case NF_MIN: case NF_PMIN: return fpu_min32(a, b, st);
    case NF_RECPS: return fpu_recps32(a, b, st);
    case NF_RSQRTS: return fpu_rsqrts32(a, b, st);
    default: return fcmp_mask(a, b, op, st);
    }
}

static inline uint64_t pack2(uint32_t lo, uint32_t hi) { return lo | (uint64_t)hi << 32; }

uint64_t helper_neon_fbinop(void *env, uint64_t a, uint64_t b, uint32_t desc)
{
    uint32_t *fpscr = &ARM_CPU(env)->fpscr, st = fpu_standard_fpscr(*fpscr);
    unsigned op = op_of(desc);
    uint32_t r0, r1;

    if (op == NF_PADD || op == NF_PMAX || op == NF_PMIN) {
        r0 = fbinop_lane(op, (uint32_t)a, (uint32_t)(a >> 32), &st);
        r1 = fbinop_lane(op, (uint32_t)b, (uint32_t)(b >> 32), &st);
    } else {
        r0 = fbinop_lane(op, (uint32_t)a, (uint32_t)b, &st);
        r1 = fbinop_lane(op, (uint32_t)(a >> 32), (uint32_t)(b >> 32), &st);
    }
    fpu_merge_flags(fpscr, st);
    return pack2(r0, r1);
}

static uint32_t facc_lane(unsigned op, uint32_t d, uint32_t a, uint32_t b, uint32_t *st)
{
    switch (op) {
    case NFA_MLA: return fpu_add32(d, fpu_mul32(a, b, st), st);
    case NFA_MLS: return fpu_add32(d, fpu_neg32(fpu_mul32(a, b, st)), st);
    case NFA_FMA: return fpu_muladd32(d, a, b, st);
    default: return fpu_muladd32(d, fpu_neg32(a), b, st);
    }
}

uint64_t helper_neon_facc(void *env, uint64_t d, uint64_t a, uint64_t b, uint32_t desc)
{
    uint32_t *fpscr = &ARM_CPU(env)->fpscr, st = fpu_standard_fpscr(*fpscr);
    unsigned op = op_of(desc);
    uint32_t r0 = facc_lane(op, (uint32_t)d, (uint32_t)a, (uint32_t)b, &st);
    uint32_t r1 = facc_lane(op, (uint32_t)(d >> 32), (uint32_t)(a >> 32), (uint32_t)(b >> 32),
                            &st);
    fpu_merge_flags(fpscr, st);
    return pack2(r0, r1);
}

static uint32_t funop_lane(unsigned op, unsigned fbits, uint32_t a, uint32_t *st)
{
    switch (op) {
    case NFU_RECPE: return fpu_recpe32(a, st);
    case NFU_RSQRTE: return fpu_rsqrte32(a, st);
    case NFU_CGT0: return fcmp_mask(a, 0, NF_CGT, st);
    case NFU_CGE0: return fcmp_mask(a, 0, NF_CGE, st);
    case NFU_CEQ0: return fcmp_mask(a, 0, NF_CEQ, st);
    case NFU_CLE0: return fcmp_mask(0, a, NF_CGE, st);
    case NFU_CLT0: return fcmp_mask(0, a, NF_CGT, st);
    case NFU_TO_S: return (uint32_t)fpu_f32_to_fixed(a, 32, fbits, false, FPU_RZ, st);
    case NFU_TO_U: return (uint32_t)fpu_f32_to_fixed(a, 32, fbits, true, FPU_RZ, st);
    case NFU_FROM_S: return fpu_fixed_to_f32(a, 32, fbits, false, FPU_RN, st);
    default: return fpu_fixed_to_f32(a, 32, fbits, true, FPU_RN, st);
    }
}

uint64_t helper_neon_funop(void *env, uint64_t a, uint32_t desc)
{
    uint32_t *fpscr = &ARM_CPU(env)->fpscr, st = fpu_standard_fpscr(*fpscr);
    unsigned op = op_of(desc), fbits = imm_of(desc);
    uint32_t r0 = funop_lane(op, fbits, (uint32_t)a, &st);
    uint32_t r1 = funop_lane(op, fbits, (uint32_t)(a >> 32), &st);
    fpu_merge_flags(fpscr, st);
    return pack2(r0, r1);
}

uint32_t helper_neon_f32_to_f16(void *env, uint64_t a)
{
    uint32_t *fpscr = &ARM_CPU(env)->fpscr, st = fpu_standard_fpscr(*fpscr);
    uint32_t h0 = fpu_f32_to_f16((uint32_t)a, &st);
    uint32_t h1 = fpu_f32_to_f16((uint32_t)(a >> 32), &st);
    fpu_merge_flags(fpscr, st);
    return h0 | h1 << 16;
}

uint64_t helper_neon_f16_to_f32(void *env, uint32_t a)
{
    uint32_t *fpscr = &ARM_CPU(env)->fpscr, st = fpu_standard_fpscr(*fpscr);
    uint32_t r0 = fpu_f16_to_f32((uint16_t)a, &st);
    uint32_t r1 = fpu_f16_to_f32((uint16_t)(a >> 16), &st);
    fpu_merge_flags(fpscr, st);
    return pack2(r0, r1);
}

/* --- permutations on env's registers --- */

/* Element idx of a vector held in consecutive 64-bit words. */
static uint64_t vec_get(const uint64_t *v, unsigned size, unsigned idx)
{
    return lane_u(v[idx / nlanes(size)], size, idx % nlanes(size));
}

static void vec_set(uint64_t *v, unsigned size, unsigned idx, uint64_t x)
{
    unsigned w = idx / nlanes(size), sh = (idx % nlanes(size)) * ebits(size);
    v[w] = (v[w] & ~(emask(size) << sh)) | (x & emask(size)) << sh;
}

static void permute(struct arm_cpu *cpu, unsigned op, unsigned size, unsigned regs,
                    unsigned d, unsigned m)
{
    uint64_t vd[2], vm[2], od[2], om[2];
    unsigned ne = regs * nlanes(size);

    for (unsigned i = 0; i < regs; i++) {
        od[i] = vd[i] = cpu->d[d + i];
        om[i] = vm[i] = cpu->d[m + i];
    }
    switch (op) {
    case NP_ZIP:            /* d0 m0 d1 m1 ...: first half to d, second half to m */
        for (unsigned k = 0; k < 2 * ne; k++) {
            uint64_t x = k % 2 ? vec_get(vm, size, k / 2) : vec_get(vd, size, k / 2);
            vec_set(k < ne ? od : om, size, k % ne, x);
        }
        break;
    case NP_UZP:            /* d:m concatenated, even elements to d, odd to m */
        for (unsigned k = 0; k < 2 * ne; k++) {
            uint64_t x = k < ne ? vec_get(vd, size, k) : vec_get(vm, size, k - ne);
            vec_set(k % 2 ? om : od, size, k / 2, x);
        }
        break;
    default:                /* NP_TRN: swap d's odd elements with m's even ones */
        for (unsigned i = 0; i + 1 < ne; i += 2) {
            vec_set(od, size, i + 1, vec_get(vm, size, i));
            vec_set(om, size, i, vec_get(vd, size, i + 1));
        }
        break;
    }
    for (unsigned i = 0; i < regs; i++) {
        cpu->d[d + i] = od[i];
        cpu->d[m + i] = om[i];
    }
}

static void table_lookup(struct arm_cpu *cpu, bool tbx, unsigned d, unsigned m, unsigned n,
                         unsigned len)
{
    uint64_t table[4], idx = cpu->d[m], r = cpu->d[d];
    unsigned nbytes = 8 * (len + 1);

    for (unsigned i = 0; i <= len; i++)
        table[i] = cpu->d[(n + i) & 31];
    for (unsigned i = 0; i < 8; i++) {
        unsigned k = (unsigned)(idx >> (8 * i)) & 0xff;
        uint64_t byte;
        if (k < nbytes)
            byte = table[k / 8] >> (8 * (k % 8)) & 0xff;
        else if (tbx)
            continue;
        else
            byte = 0;
        r = (r & ~(0xffull << (8 * i))) | byte << (8 * i);
    }
    cpu->d[d] = r;
}

void helper_neon_perm(void *env, uint32_t desc)
{
    struct arm_cpu *cpu = ARM_CPU(env);
    unsigned op = desc & 0xf, size = desc >> 4 & 3, q = desc >> 6 & 1;
    unsigned d = desc >> 8 & 31, m = desc >> 13 & 31, n = desc >> 18 & 31, len = desc >> 23 & 3;

    if (op == NP_TBL || op == NP_TBX)
        table_lookup(cpu, op == NP_TBX, d, m, n, len);
    else
        permute(cpu, op, size, q ? 2 : 1, d, m);
}

/* --- structure loads and stores --- */

void helper_neon_interleave(void *env, uint32_t desc)
{
    struct arm_cpu *cpu = ARM_CPU(env);
    unsigned n = desc & 7, size = desc >> 3 & 3, regs = desc >> 5 & 3, inc = desc >> 7 & 3;
    unsigned d = desc >> 9 & 31, load = desc >> 14 & 1, elems = nlanes(size), k = 0;

    for (unsigned r = 0; r < regs; r++)
        for (unsigned e = 0; e < elems; e++)
            for (unsigned i = 0; i < n; i++, k++) {
                uint64_t *reg = &cpu->d[d + i * inc + r];
                if (load)
                    vec_set(reg, size, e, vec_get(cpu->scratch, size, k));
                else
                    vec_set(cpu->scratch, size, k, vec_get(reg, size, e));
            }
}
