/* A64 AdvSIMD moves, all inline IR: copy (DUP element/general, INS, SMOV, UMOV, and
 * the scalar DUP), modified immediate (MOVI, MVNI, ORR, BIC, FMOV vector immediate),
 * and the permutations, EXT and TBL/TBX through helper-a64-simd.h. */
#include "target/arm/translate-a64-simd.h"

#include "target/arm/helper-a64-simd.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return a64_field(insn, pos, len);
}

static const uint64_t lane_ones[4] = {
    0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1,
};

/* Every lane of both halves (or the low half and zeros) set to v's low lane. */
static void gen_dup(struct a64_dc *s, int rd, unsigned size, bool q, ir_i64 v)
{
    ir_i64 r = a64_tmp(s);
    if (size < 3) {
        ir_extract_i64(s->ir, r, v, 0, 8u << size);
        ir_mul_i64(s->ir, r, r, a64_const(s, lane_ones[size]));
    } else {
        ir_mov_i64(s->ir, r, v);
    }
    a64_set_vhalf(s, rd, 0, r);
    if (q)
        a64_set_vhalf(s, rd, 1, r);
    else
        a64_clear_vhigh(s, rd);
}

bool a64_simd_copy(struct a64_dc *s, uint32_t insn)
{
    unsigned imm5 = field(insn, 16, 5), imm4 = field(insn, 11, 4), op = field(insn, 29, 1);
    int rd = (int)field(insn, 0, 5), rn = (int)field(insn, 5, 5);
    bool q = field(insn, 30, 1), scalar = field(insn, 28, 1);
    if ((imm5 & 15) == 0)
        return false;
    unsigned size = (unsigned)__builtin_ctz(imm5), idx = imm5 >> (size + 1);

    if (scalar) {                                   /* DUP (scalar): Vd = Vn.T[idx] */
        if (op || imm4 != 0)
            return false;
        a64_set_vscalar(s, rd, a64_velem(s, rn, size, idx, false));
        return true;
    }
    if (op) {                                       /* INS (element) */
        if (!q)
            return false;
        ir_i64 v = a64_velem(s, rn, size, imm4 >> size, false);
        a64_set_velem(s, rd, size, idx, v);
        return true;
    }
    switch (imm4) {
    case 0x0:                                       /* DUP (element) */
        if (size == 3 && !q)
            return false;
        gen_dup(s, rd, size, q, a64_velem(s, rn, size, idx, false));
        return true;
    case 0x1:                                       /* DUP (general) */
        if (size == 3 && !q)
            return false;
        gen_dup(s, rd, size, q, a64_xreg(s, rn));
        return true;
    case 0x3:                                       /* INS (general) */
        if (!q)
            return false;
        a64_set_velem(s, rd, size, idx, a64_xreg(s, rn));
        return true;
    case 0x5: case 0x7: {                           /* SMOV, UMOV */
        bool sign = imm4 == 5;
        if ((sign && (size == 3 || (size == 2 && !q))) || (!sign && (size == 3) != q))
            return false;
        a64_set_reg(s, rd, a64_velem(s, rn, size, idx, sign), q);
        return true;
    }
    default:
        return false;
    }
}

/* AdvSIMDExpandImm: the 64-bit pattern of cmode and imm8 (op selects MOVI's 64-bit
 * byte mask and FMOV's double form). */
static uint64_t expand_imm(unsigned op, unsigned cmode, uint64_t imm8)
{
    uint64_t r;
    switch (cmode >> 1) {
    case 0: return imm8 * lane_ones[2];
    case 1: return (imm8 << 8) * lane_ones[2];
    case 2: return (imm8 << 16) * lane_ones[2];
    case 3: return (imm8 << 24) * lane_ones[2];
    case 4: return imm8 * lane_ones[1];
    case 5: return (imm8 << 8) * lane_ones[1];
    case 6: return (cmode & 1 ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff) * lane_ones[2];
    default: break;
    }
    if (!(cmode & 1)) {
        if (!op)
            return imm8 * lane_ones[0];
        r = 0;
        for (unsigned i = 0; i < 8; i++)
            r |= (imm8 >> i & 1 ? 0xffull : 0) << (8 * i);
        return r;
    }
    uint64_t b6 = imm8 >> 6 & 1, sign = imm8 >> 7;
    if (!op) {
        uint64_t f = sign << 31 | (b6 ^ 1) << 30 | (b6 ? 0x1full : 0) << 25 | (imm8 & 0x3f) << 19;
        return f * lane_ones[2];
    }
    return sign << 63 | (b6 ^ 1) << 62 | (b6 ? 0xffull : 0) << 54 | (imm8 & 0x3f) << 48;
}

bool a64_simd_modimm(struct a64_dc *s, uint32_t insn)
{
    unsigned cmode = field(insn, 12, 4), op = field(insn, 29, 1);
    unsigned imm8 = field(insn, 16, 3) << 5 | field(insn, 5, 5);
    int rd = (int)field(insn, 0, 5);
    bool q = field(insn, 30, 1);

    if (field(insn, 11, 1) || (cmode == 15 && op && !q))
        return false;
    uint64_t imm = expand_imm(op, cmode, imm8);
    bool logic = (cmode & 1) && cmode < 12;
    if (!logic) {
        /* MOVI, MVNI (op with the shifted forms), FMOV */
        if (op && cmode < 14)
            imm = ~imm;
        ir_i64 v = a64_const(s, imm);
        a64_set_vhalf(s, rd, 0, v);
        if (q)
            a64_set_vhalf(s, rd, 1, v);
        else
            a64_clear_vhigh(s, rd);
        return true;
    }
    ir_i64 r[2];
    for (unsigned h = 0; h < (q ? 2u : 1u); h++) {     /* ORR / BIC (op) */
        r[h] = a64_tmp(s);
        if (op)
            ir_andi_i64(s->ir, r[h], a64_vhalf(s, rd, h), ~imm);
        else
            ir_or_i64(s->ir, r[h], a64_vhalf(s, rd, h), a64_const(s, imm));
    }
    a64_set_vhalf(s, rd, 0, r[0]);
    if (q)
        a64_set_vhalf(s, rd, 1, r[1]);
    else
        a64_clear_vhigh(s, rd);
    return true;
}

static void call_perm(struct a64_dc *s, uint32_t insn, unsigned op, unsigned size, unsigned imm)
{
    uint32_t desc = a64_sdesc(op, size, field(insn, 30, 1), field(insn, 0, 5), field(insn, 5, 5),
                              field(insn, 16, 5), false, false);
    a64_simd_helper(s, (void *)helper_a64_simd_perm, desc, imm);
}

bool a64_simd_permute(struct a64_dc *s, uint32_t insn)
{
    unsigned op = field(insn, 12, 3), size = field(insn, 22, 2);
    if ((op & 3) == 0 || (size == 3 && !field(insn, 30, 1)))
        return false;
    call_perm(s, insn, op, size, 0);
    return true;
}

bool a64_simd_ext(struct a64_dc *s, uint32_t insn)
{
    unsigned imm4 = field(insn, 11, 4);
    if (!field(insn, 30, 1) && imm4 >= 8)
        return false;
    call_perm(s, insn, A64_PERM_EXT, 0, imm4);
    return true;
}

bool a64_simd_table(struct a64_dc *s, uint32_t insn)
{
    if (field(insn, 22, 2) != 0)
        return false;
    call_perm(s, insn, field(insn, 12, 1) ? A64_PERM_TBX : A64_PERM_TBL, 0,
              field(insn, 13, 2) + 1);
    return true;
}
