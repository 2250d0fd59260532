/* A64 data processing with immediates (bits 28:26 = 100): PC-relative addresses,
 * add/subtract, logical, move wide, bitfield moves and extract. */
#include "target/arm/translate-a64-dec.h"

static unsigned field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

/* ADR / ADRP */
static bool tr_pcrel(struct a64_dc *s, uint32_t insn)
{
    /* the 21-bit immhi:immlo, sign-extended (shifted as unsigned: no signed overflow) */
    int64_t imm = (int64_t)(((uint64_t)field(insn, 5, 19) << 2 | field(insn, 29, 2)) << 43) >> 43;
    uint64_t base = s->pc;
    if (insn >> 31) {
        base &= ~0xfffull;
        imm *= 4096;
    }
    a64_set_reg(s, field(insn, 0, 5), a64_const(s, base + (uint64_t)imm), true);
    return true;
}

/* ADD/ADDS/SUB/SUBS (immediate): Rn may be SP; Rd is SP unless flags are set. */
static bool tr_addsub_imm(struct a64_dc *s, uint32_t insn)
{
    bool sf = insn >> 31, sub = field(insn, 30, 1), setflags = field(insn, 29, 1);
    unsigned sh = field(insn, 22, 2), rn = field(insn, 5, 5), rd = field(insn, 0, 5);
    if (sh > 1)
        return false;
    uint64_t imm = (uint64_t)field(insn, 10, 12) << (sh ? 12 : 0);
    ir_i64 a = a64_xreg_sp(s, rn), b = a64_const(s, imm);
    if (setflags) {
        ir_i64 r = sub ? a64_gen_sub_cc(s, a, b, sf) : a64_gen_add_cc(s, a, b, sf);
        a64_set_reg(s, rd, r, sf);
        return true;
    }
    ir_i64 r = a64_tmp(s);
    if (sub)
        ir_addi_i64(s->ir, r, a, -imm);
    else
        ir_addi_i64(s->ir, r, a, imm);
    a64_set_reg_sp(s, rd, r, sf);
    return true;
}

/* AND/ORR/EOR/ANDS (immediate): Rd is SP except for ANDS. */
static bool tr_logic_imm(struct a64_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool sf = insn >> 31;
    unsigned opc = field(insn, 29, 2), n = field(insn, 22, 1);
    unsigned rn = field(insn, 5, 5), rd = field(insn, 0, 5);
    uint64_t imm;
    if ((!sf && n) || !a64_decode_bitmask(sf, n, field(insn, 10, 6), field(insn, 16, 6), &imm))
        return false;
    ir_i64 a = a64_xreg(s, rn), r = a64_tmp(s);
    switch (opc) {
    case 0: case 3: ir_andi_i64(ir, r, a, imm); break;
    case 1: ir_or_i64(ir, r, a, a64_const(s, imm)); break;
    default: ir_xor_i64(ir, r, a, a64_const(s, imm)); break;
    }
    if (opc == 3) {
        if (!sf)
            ir_ext32u_i64(ir, r, r);
        a64_gen_nz(s, r, sf);
        ir_movi_i64(ir, a64_CF, 0);
        ir_movi_i64(ir, a64_VF, 0);
        a64_note_flags(s, A64_CC_LOGIC, r, r, r, sf);
        a64_set_reg(s, rd, r, sf);
    } else {
        a64_set_reg_sp(s, rd, r, sf);
    }
    return true;
}

/* MOVN/MOVZ/MOVK */
static bool tr_movw(struct a64_dc *s, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned opc = field(insn, 29, 2), hw = field(insn, 21, 2), rd = field(insn, 0, 5);
    if (opc == 1 || (!sf && hw > 1))
        return false;
    uint64_t imm = (uint64_t)field(insn, 5, 16) << (16 * hw);
    if (opc == 3) {
        ir_i64 r = a64_tmp(s);
        ir_deposit_i64(s->ir, r, a64_xreg(s, rd), a64_const(s, imm >> (16 * hw)), 16 * hw, 16);
        a64_set_reg(s, rd, r, sf);
        return true;
    }
    a64_set_reg(s, rd, a64_const(s, opc == 0 ? ~imm : imm), sf);
    return true;
}

/* SBFM/BFM/UBFM: the field moves of the ARM ARM, split into "extract a field to the
 * bottom" (imms >= immr) and "insert low bits at a position" (imms < immr). */
static bool tr_bitfield(struct a64_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool sf = insn >> 31;
    unsigned opc = field(insn, 29, 2), n = field(insn, 22, 1);
    unsigned immr = field(insn, 16, 6), imms = field(insn, 10, 6);
    unsigned rn = field(insn, 5, 5), rd = field(insn, 0, 5), width = sf ? 64 : 32;
    if (opc == 3 || n != sf || (!sf && (immr > 31 || imms > 31)))
        return false;
    ir_i64 src = a64_xreg(s, rn), r = a64_tmp(s);
    if (imms >= immr) {
        unsigned len = imms - immr + 1;
        if (opc == 0)
            ir_sextract_i64(ir, r, src, immr, len);
        else if (opc == 2)
            ir_extract_i64(ir, r, src, immr, len);
        else {
            ir_i64 f = a64_tmp(s);
            ir_extract_i64(ir, f, src, immr, len);
            ir_deposit_i64(ir, r, a64_xreg(s, rd), f, 0, len);
        }
    } else {
        unsigned len = imms + 1, pos = width - immr;
        if (opc == 1) {
            ir_deposit_i64(ir, r, a64_xreg(s, rd), src, pos, len);
        } else {
            if (opc == 0)
                ir_sextract_i64(ir, r, src, 0, len);
            else
                ir_extract_i64(ir, r, src, 0, len);
            ir_shli_i64(ir, r, r, pos);
        }
    }
    a64_set_reg(s, rd, r, sf);
    return true;
}

/* EXTR: the low bits of Rn above the high bits of Rm (ROR when Rn == Rm). */
static bool tr_extract(struct a64_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool sf = insn >> 31;
    unsigned op21 = field(insn, 29, 2), n = field(insn, 22, 1), o0 = field(insn, 21, 1);
    unsigned rm = field(insn, 16, 5), imms = field(insn, 10, 6);
    unsigned rn = field(insn, 5, 5), rd = field(insn, 0, 5);
    if (op21 || o0 || n != sf || (!sf && imms > 31))
        return false;
    ir_i64 r = a64_tmp(s);
    if (imms == 0) {
        ir_mov_i64(ir, r, a64_xreg(s, rm));
    } else if (rn == rm && sf) {                    /* ROR: one host rotate */
        ir_rotr_i64(ir, r, a64_xreg(s, rm), a64_const(s, imms));
    } else if (rn == rm) {
        ir_i32 w = a64_tmp32(s);
        ir_extrl_i64_i32(ir, w, a64_xreg(s, rm));
        ir_rotri_i32(ir, w, w, imms);
        ir_extu_i32_i64(ir, r, w);
    } else if (sf) {
        ir_i64 hi = a64_tmp(s);
        ir_shri_i64(ir, r, a64_xreg(s, rm), imms);
        ir_shli_i64(ir, hi, a64_xreg(s, rn), 64 - imms);
        ir_or_i64(ir, r, r, hi);
    } else {
        /* Rn:Rm as one 64-bit value, shifted right */
        ir_i64 lo = a64_tmp(s);
        ir_ext32u_i64(ir, lo, a64_xreg(s, rm));
        ir_shli_i64(ir, r, a64_xreg(s, rn), 32);
        ir_or_i64(ir, r, r, lo);
        ir_shri_i64(ir, r, r, imms);
    }
    a64_set_reg(s, rd, r, sf);
    return true;
}

bool a64_tr_dp_imm(struct a64_dc *s, uint32_t insn)
{
    switch (field(insn, 23, 3)) {
    case 0: case 1: return tr_pcrel(s, insn);
    case 2: return tr_addsub_imm(s, insn);
    case 4: return tr_logic_imm(s, insn);
    case 5: return tr_movw(s, insn);
    case 6: return tr_bitfield(s, insn);
    case 7: return tr_extract(s, insn);
    default: return false;              /* 3: add/subtract with tags (MTE) */
    }
}
