/* A64 data processing with register operands (bits 27:25 = 101): logical and
 * add/subtract with shifted or extended operands, add/subtract with carry, conditional
 * compare and select, and the 1-, 2- and 3-source groups (bit operations, byte
 * reversal, variable shifts, division, multiplies). CRC32 goes to a64_tr_crypto. */
#include "target/arm/helper-a64.h"
#include "target/arm/translate-a64-dec.h"

static unsigned field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

static void set_logic_flags(struct a64_dc *s, ir_i64 r, bool sf)
{
    a64_gen_nz(s, r, sf);
    ir_movi_i64(s->ir, a64_CF, 0);
    ir_movi_i64(s->ir, a64_VF, 0);
    a64_note_flags(s, A64_CC_LOGIC, r, r, r, sf);
}

/* AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register) */
static bool tr_logic_reg(struct a64_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool sf = insn >> 31, invert = field(insn, 21, 1);
    unsigned opc = field(insn, 29, 2), shift = field(insn, 22, 2), imm6 = field(insn, 10, 6);
    unsigned rm = field(insn, 16, 5), rn = field(insn, 5, 5), rd = field(insn, 0, 5);
    if (!sf && imm6 > 31)
        return false;
    ir_i64 b = a64_gen_shift(s, a64_xreg(s, rm), shift, imm6, sf), r = a64_tmp(s);
    if (invert) {
        ir_i64 nb = a64_tmp(s);
        ir_not_i64(ir, nb, b);
        b = nb;
    }
    switch (opc) {
    case 0: case 3: ir_and_i64(ir, r, a64_xreg(s, rn), b); break;
    case 1: ir_or_i64(ir, r, a64_xreg(s, rn), b); break;
    default: ir_xor_i64(ir, r, a64_xreg(s, rn), b); break;
    }
    if (opc == 3) {
        if (!sf)
            ir_ext32u_i64(ir, r, r);
        set_logic_flags(s, r, sf);
    }
    a64_set_reg(s, rd, r, sf);
    return true;
}

static void addsub(struct a64_dc *s, bool sf, bool sub, bool setflags, int rd, bool rd_sp,
                   ir_i64 a, ir_i64 b)
{
    if (setflags) {
        ir_i64 r = sub ? a64_gen_sub_cc(s, a, b, sf) : a64_gen_add_cc(s, a, b, sf);
        a64_set_reg(s, rd, r, sf);
        return;
    }
    ir_i64 r = a64_tmp(s);
    if (sub)
        ir_sub_i64(s->ir, r, a, b);
    else
        ir_add_i64(s->ir, r, a, b);
    if (rd_sp)
        a64_set_reg_sp(s, rd, r, sf);
    else
        a64_set_reg(s, rd, r, sf);
}

/* ADD/ADDS/SUB/SUBS (shifted register): no SP anywhere, no ROR. */
static bool tr_addsub_shifted(struct a64_dc *s, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned shift = field(insn, 22, 2), imm6 = field(insn, 10, 6);
    if (shift == 3 || (!sf && imm6 > 31))
        return false;
    ir_i64 b = a64_gen_shift(s, a64_xreg(s, field(insn, 16, 5)), shift, imm6, sf);
    addsub(s, sf, field(insn, 30, 1), field(insn, 29, 1), field(insn, 0, 5), false,
           a64_xreg(s, field(insn, 5, 5)), b);
    return true;
}

/* ADD/ADDS/SUB/SUBS (extended register): Rn may be SP, and Rd too without flags. */
static bool tr_addsub_extended(struct a64_dc *s, uint32_t insn)
{
    bool sf = insn >> 31, setflags = field(insn, 29, 1);
    unsigned imm3 = field(insn, 10, 3);
    if (field(insn, 22, 2) || imm3 > 4)
        return false;
    ir_i64 b = a64_gen_extend(s, a64_xreg(s, field(insn, 16, 5)), field(insn, 13, 3), imm3);
    addsub(s, sf, field(insn, 30, 1), setflags, field(insn, 0, 5), !setflags,
           a64_xreg_sp(s, field(insn, 5, 5)), b);
    return true;
}

/* ADC/ADCS/SBC/SBCS: Rn + Rm + C, or Rn + NOT(Rm) + C. */
static bool tr_adc(struct a64_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool sf = insn >> 31, sub = field(insn, 30, 1), setflags = field(insn, 29, 1);
    if (field(insn, 10, 6))
        return false;            /* RMIF, SETF8/16: FEAT_FlagM is not advertised */
    ir_i64 a = a64_xreg(s, field(insn, 5, 5)), b = a64_xreg(s, field(insn, 16, 5));
    if (sub) {
        ir_i64 nb = a64_tmp(s);
        ir_not_i64(ir, nb, b);
        b = nb;
    }
    ir_i64 r;
    if (setflags) {
        r = a64_gen_adc_cc(s, a, b, sf);
    } else {
        r = a64_tmp(s);
        ir_add_i64(ir, r, a, b);
        ir_add_i64(ir, r, r, a64_CF);
    }
    a64_set_reg(s, field(insn, 0, 5), r, sf);
    return true;
}

/* CCMN/CCMP (register or immediate): if cond, the flags of Rn +/- op2, else #nzcv. */
static bool tr_ccmp(struct a64_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool sf = insn >> 31, sub = field(insn, 30, 1), is_imm = field(insn, 11, 1);
    if (!field(insn, 29, 1) || field(insn, 10, 1) || field(insn, 4, 1))
        return false;
    unsigned y = field(insn, 16, 5), nzcv = field(insn, 0, 4);
    struct a64_cmp c;
    a64_cond_cmp(s, field(insn, 12, 4), &c);
    ir_label other = ir_new_label(ir), done = ir_new_label(ir);
    ir_brcond_i64(ir, ir_cond_invert(c.cond), c.a, c.b, other);
    ir_i64 a = a64_xreg(s, field(insn, 5, 5));
    ir_i64 b = is_imm ? a64_const(s, y) : a64_xreg(s, y);
    if (sub)
        a64_gen_sub_cc(s, a, b, sf);
    else
        a64_gen_add_cc(s, a, b, sf);
    ir_br(ir, done);
    ir_set_label(ir, other);
    a64_gen_set_nzcv(s, a64_const(s, (uint64_t)nzcv << 28));
    ir_set_label(ir, done);
    a64_forget_flags(s);            /* the flags come from either path */
    return true;
}

/* CSEL/CSINC/CSINV/CSNEG */
static bool tr_csel(struct a64_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool sf = insn >> 31, inv = field(insn, 30, 1), inc = field(insn, 10, 1);
    if (field(insn, 29, 1) || field(insn, 11, 1))
        return false;
    ir_i64 b = a64_xreg(s, field(insn, 16, 5));
    if (inv || inc) {
        ir_i64 t = a64_tmp(s);
        if (inv && inc)
            ir_neg_i64(ir, t, b);
        else if (inv)
            ir_not_i64(ir, t, b);
        else
            ir_addi_i64(ir, t, b, 1);
        b = t;
    }
    struct a64_cmp c;
    a64_cond_cmp(s, field(insn, 12, 4), &c);
    ir_i64 r = a64_tmp(s);
    ir_movcond_i64(ir, c.cond, r, c.a, c.b, a64_xreg(s, field(insn, 5, 5)), b);
    a64_set_reg(s, field(insn, 0, 5), r, sf);
    return true;
}

/* UDIV/SDIV: x / 0 is 0 and INT_MIN / -1 is INT_MIN, with no trap (the host's divide
 * would trap on both, so the divisor is replaced first). */
static void gen_div(struct a64_dc *s, bool sf, bool sign, int rd, ir_i64 a, ir_i64 b)
{
    struct ir *ir = s->ir;
    ir_i64 zero = a64_const(s, 0), one = a64_const(s, 1), r = a64_tmp(s);
    ir_i64 x = a64_tmp(s), y = a64_tmp(s);
    if (!sf && sign) {       /* 32-bit values in 64 bits: INT32_MIN / -1 cannot overflow */
        ir_ext32s_i64(ir, x, a);
        ir_ext32s_i64(ir, y, b);
    } else if (!sf) {
        ir_ext32u_i64(ir, x, a);
        ir_ext32u_i64(ir, y, b);
    } else {
        ir_mov_i64(ir, x, a);
        ir_mov_i64(ir, y, b);
    }
    ir_i64 d = a64_tmp(s);
    ir_movcond_i64(ir, IR_EQ, d, y, zero, one, y);
    if (sign && sf) {
        ir_i64 m1 = a64_const(s, ~0ull), neg = a64_tmp(s);
        ir_movcond_i64(ir, IR_EQ, d, y, m1, one, d);
        ir_divs_i64(ir, r, x, d);
        ir_neg_i64(ir, neg, x);
        ir_movcond_i64(ir, IR_EQ, r, y, m1, neg, r);
    } else if (sign) {
        ir_divs_i64(ir, r, x, d);
    } else {
        ir_divu_i64(ir, r, x, d);
    }
    ir_movcond_i64(ir, IR_EQ, r, y, zero, zero, r);
    a64_set_reg(s, rd, r, sf);
}

/* LSLV/LSRV/ASRV/RORV: the amount is Rm modulo the width. */
static void gen_shift_var(struct a64_dc *s, bool sf, unsigned type, int rd, ir_i64 a,
                          ir_i64 b)
{
    struct ir *ir = s->ir;
    ir_i64 amt = a64_tmp(s), r = a64_tmp(s);
    ir_andi_i64(ir, amt, b, sf ? 63 : 31);
    if (!sf && type == 3) {
        ir_i32 v = a64_tmp32(s), n = a64_tmp32(s);
        ir_extrl_i64_i32(ir, v, a);
        ir_extrl_i64_i32(ir, n, amt);
        ir_rotr_i32(ir, v, v, n);
        ir_extu_i32_i64(ir, r, v);
        a64_set_reg(s, rd, r, sf);
        return;
    }
    ir_i64 x = a;
    if (!sf && type != 0) {
        x = a64_tmp(s);
        if (type == 2)
            ir_ext32s_i64(ir, x, a);
        else
            ir_ext32u_i64(ir, x, a);
    }
    switch (type) {
    case 0: ir_shl_i64(ir, r, x, amt); break;
    case 1: ir_shr_i64(ir, r, x, amt); break;
    case 2: ir_sar_i64(ir, r, x, amt); break;
    default: ir_rotr_i64(ir, r, x, amt); break;
    }
    a64_set_reg(s, rd, r, sf);
}

static bool tr_dp2(struct a64_dc *s, uint32_t insn)
{
    bool sf = insn >> 31;
    unsigned op = field(insn, 10, 6), rd = field(insn, 0, 5);
    if (field(insn, 29, 1))
        return false;
    if ((op >> 3) == 2)
        return a64_tr_crypto(s, insn);           /* CRC32/CRC32C */
    ir_i64 a = a64_xreg(s, field(insn, 5, 5)), b = a64_xreg(s, field(insn, 16, 5));
    switch (op) {
    case 2: case 3:
        gen_div(s, sf, op == 3, rd, a, b);
        return true;
    case 8: case 9: case 10: case 11:
        gen_shift_var(s, sf, op - 8, rd, a, b);
        return true;
    default:
        return false;            /* MTE (SUBP, IRG, GMI), PACGA */
    }
}

/* REV16: bytes swapped within each halfword. */
static void gen_rev16(struct a64_dc *s, ir_i64 r, ir_i64 v, bool sf)
{
    struct ir *ir = s->ir;
    uint64_t m = sf ? 0x00ff00ff00ff00ffull : 0x00ff00ffull;
    ir_i64 t = a64_tmp(s);
    ir_shri_i64(ir, t, v, 8);
    ir_andi_i64(ir, t, t, m);
    ir_andi_i64(ir, r, v, m);
    ir_shli_i64(ir, r, r, 8);
    ir_or_i64(ir, r, r, t);
}

/* CLZ/CLS in 32 or 64 bits. CLS counts the bits after the top one that equal it:
 * clz(x ^ (x >> 1, arithmetic)) - 1. */
static void gen_clz_cls(struct a64_dc *s, ir_i64 r, ir_i64 v, bool sf, bool cls)
{
    struct ir *ir = s->ir;
    if (sf) {
        ir_i64 x = v;
        if (cls) {
            x = a64_tmp(s);
            ir_sari_i64(ir, x, v, 1);
            ir_xor_i64(ir, x, x, v);
        }
        ir_clz_i64(ir, r, x, a64_const(s, 64));
    } else {
        ir_i32 x = a64_tmp32(s), t = a64_tmp32(s);
        ir_extrl_i64_i32(ir, x, v);
        if (cls) {
            ir_sari_i32(ir, t, x, 1);
            ir_xor_i32(ir, x, x, t);
        }
        ir_clz_i32(ir, t, x, ir_const_i32(ir, 32));
        ir_extu_i32_i64(ir, r, t);
    }
    if (cls)
        ir_addi_i64(ir, r, r, ~0ull);
}

static bool tr_dp1(struct a64_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool sf = insn >> 31;
    unsigned op = field(insn, 10, 6);
    if (field(insn, 29, 1) || field(insn, 16, 5) || op > 5 || (op == 3 && !sf))
        return false;            /* opcode2 != 0: pointer authentication */
    ir_i64 v = a64_xreg(s, field(insn, 5, 5)), r = a64_tmp(s);
    switch (op) {
    case 0:
        ir_call1(ir, helper_a64_rbit64, CALL_PURE, r.t, v.t);
        if (!sf)
            ir_shri_i64(ir, r, r, 32);
        break;
    case 1:
        gen_rev16(s, r, v, sf);
        break;
    case 2:
        if (sf) {
            ir_bswap64_i64(ir, r, v);
            ir_rotr_i64(ir, r, r, a64_const(s, 32));
        } else {
            ir_bswap32_i64(ir, r, v);
        }
        break;
    case 3:
        ir_bswap64_i64(ir, r, v);
        break;
    default:
        gen_clz_cls(s, r, v, sf, op == 5);
        break;
    }
    a64_set_reg(s, field(insn, 0, 5), r, sf);
    return true;
}

/* MADD/MSUB, SMADDL/SMSUBL/UMADDL/UMSUBL, SMULH/UMULH */
static bool tr_dp3(struct a64_dc *s, uint32_t insn)
{
    struct ir *ir = s->ir;
    bool sf = insn >> 31, sub = field(insn, 15, 1);
    unsigned op31 = field(insn, 21, 3), ra = field(insn, 10, 5), rd = field(insn, 0, 5);
    if (field(insn, 29, 2) || (!sf && op31) || ((op31 & 3) == 2 && (sub || ra != 31)))
        return false;
    ir_i64 a = a64_xreg(s, field(insn, 5, 5)), b = a64_xreg(s, field(insn, 16, 5));
    ir_i64 p = a64_tmp(s), r = a64_tmp(s);
    switch (op31) {
    case 0:
        ir_mul_i64(ir, p, a, b);
        break;
    case 1: case 5: {
        ir_i64 x = a64_tmp(s), y = a64_tmp(s);
        if (op31 == 1) {
            ir_ext32s_i64(ir, x, a);
            ir_ext32s_i64(ir, y, b);
        } else {
            ir_ext32u_i64(ir, x, a);
            ir_ext32u_i64(ir, y, b);
        }
        ir_mul_i64(ir, p, x, y);
        break;
    }
    case 2: case 6:
        if (op31 == 2)
            ir_muls2_i64(ir, p, r, a, b);
        else
            ir_mulu2_i64(ir, p, r, a, b);
        a64_set_reg(s, rd, r, true);
        return true;
    default:
        return false;
    }
    if (sub)
        ir_sub_i64(ir, r, a64_xreg(s, ra), p);
    else
        ir_add_i64(ir, r, a64_xreg(s, ra), p);
    a64_set_reg(s, rd, r, sf);
    return true;
}

bool a64_tr_dp_reg(struct a64_dc *s, uint32_t insn)
{
    bool op1 = field(insn, 28, 1);
    unsigned op2 = field(insn, 21, 4);
    if (!op1) {
        if (!(op2 & 8))
            return tr_logic_reg(s, insn);
        return (op2 & 1) ? tr_addsub_extended(s, insn) : tr_addsub_shifted(s, insn);
    }
    if (op2 & 8)
        return tr_dp3(s, insn);
    switch (op2) {
    case 0: return tr_adc(s, insn);
    case 2: return tr_ccmp(s, insn);
    case 4: return tr_csel(s, insn);
    case 6: return field(insn, 30, 1) ? tr_dp1(s, insn) : tr_dp2(s, insn);
    default: return false;
    }
}
