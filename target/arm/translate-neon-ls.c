/* Advanced SIMD element and structure loads and stores (A32 1111 0100 xxx0, ARM ARM
 * A7.7; T32 forms arrive rewritten to it): VLD1-4/VST1-4 of multiple structures, of a
 * single lane, and VLD1-4 to all lanes.
 * Whole registers move as 64-bit little-endian accesses; interleaved structures go
 * through env's scratch words and one helper that (de)interleaves them, so every load
 * completes before any register changes. The base register is written back after the
 * accesses. Alignment hints (the :64/:128/:256 qualifiers) are accepted and not
 * checked: a misaligned address is simply accessed. */
#include "target/arm/translate-neon.h"

#include "target/arm/helper-neon.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return neon_field(insn, pos, len);
}

static const uint64_t lane_ones[3] = {
    0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull,
};

/* Rm 15: no writeback; Rm 13: the base moves past the bytes transferred; else by Rm. */
static void writeback(struct arm_dc *s, int rn, int rm, ir_i32 base, unsigned bytes)
{
    struct ir *ir = s->ir;
    if (rm == 15) {
        ir_free_i32(ir, base);
        return;
    }
    if (rm == 13) {
        ir_addi_i32(ir, base, base, bytes);
    } else {
        ir_i32 off = arm_load_reg(s, rm);
        ir_add_i32(ir, base, base, off);
        ir_free_i32(ir, off);
    }
    arm_store_reg(s, rn, base, false);
}

static ir_i32 addr_at(struct arm_dc *s, ir_i32 base, unsigned off)
{
    ir_i32 a = ir_new_i32(s->ir);
    ir_addi_i32(s->ir, a, base, off);
    return a;
}

/* VLDn/VSTn of multiple n-element structures. */
static bool ls_multiple(struct arm_dc *s, uint32_t insn, bool load, int rn, int rm, int d)
{
    struct ir *ir = s->ir;
    unsigned type = field(insn, 8, 4), size = field(insn, 6, 2), align = field(insn, 4, 2);
    unsigned n, regs = 1, inc = 1;

    switch (type) {
    case 7: n = 1; regs = 1; if (align & 2) return false; break;
    case 10: n = 1; regs = 2; if (align == 3) return false; break;
    case 6: n = 1; regs = 3; if (align & 2) return false; break;
    case 2: n = 1; regs = 4; break;
    case 8: case 9: case 3:
        n = 2;
        regs = type == 3 ? 2 : 1;
        inc = type == 8 ? 1 : 2;
        if (size == 3 || align == 3)
            return false;
        break;
    case 4: case 5:
        n = 3;
        inc = type == 4 ? 1 : 2;
        if (size == 3 || (align & 2))
            return false;
        break;
    case 0: case 1:
        n = 4;
        inc = type == 0 ? 1 : 2;
        if (size == 3)
            return false;
        break;
    default:
        return false;
    }
    unsigned last = n == 1 ? (unsigned)d + regs - 1 : (unsigned)d + (n - 1) * inc + regs - 1;
    if (last > 31)
        return false;

    unsigned words = n * regs;
    ir_i32 base = arm_load_reg(s, rn);
    ir_i64 v = ir_new_i64(ir);
    uint32_t desc = neon_ileave_desc(n, size, regs, inc, (unsigned)d, load);
    if (!load && n > 1)
        ir_call(ir, (void *)helper_neon_interleave, NEON_CALL_ENV, IR_NO_RET, 2,
                (uint16_t[]){ ir->env.t, ir_const_i32(ir, desc).t });
    for (unsigned w = 0; w < words; w++) {
        /* VLD1/VST1 lanes are in memory order already: straight to the register */
        intptr_t off = n == 1 ? arm_dreg_off(d + (int)w)
                              : ARM_ENV_OFF(scratch) + 8 * (intptr_t)w;
        ir_i32 a = addr_at(s, base, 8 * w);
        if (load) {
            ir_qemu_ld_i64(ir, v, a.t, MO_Q);
            ir_st_i64(ir, v, ir->env, off);
        } else {
            ir_ld_i64(ir, v, ir->env, off);
            ir_qemu_st_i64(ir, v, a.t, MO_Q);
        }
        ir_free_i32(ir, a);
    }
    ir_free_i64(ir, v);
    if (load && n > 1)
        ir_call(ir, (void *)helper_neon_interleave, NEON_CALL_ENV, IR_NO_RET, 2,
                (uint16_t[]){ ir->env.t, ir_const_i32(ir, desc).t });
    writeback(s, rn, rm, base, 8 * words);
    return true;
}

/* VLDn/VSTn of one n-element structure to or from one lane. */
static bool ls_lane(struct arm_dc *s, uint32_t insn, bool load, int rn, int rm, int d)
{
    struct ir *ir = s->ir;
    unsigned size = field(insn, 10, 2), n = field(insn, 8, 2) + 1, ia = field(insn, 4, 4);
    unsigned index, inc = 1, eb = 1u << size;
    static const unsigned memops[3] = { MO_UB, MO_UW, MO_UL };

    switch (size) {
    case 0:
        index = ia >> 1;
        if (n == 1 && (ia & 1))
            return false;
        break;
    case 1:
        index = ia >> 2;
        inc = (ia & 2) ? 2 : 1;
        if (n == 1 && (ia & 2))
            return false;
        break;
    default:
        index = ia >> 3;
        inc = (ia & 4) ? 2 : 1;
        if (n == 1 && ((ia & 4) || (ia & 3) == 1 || (ia & 3) == 2))
            return false;
        break;
    }
    if (n == 1)
        inc = 1;
    if ((unsigned)d + (n - 1) * inc > 31)
        return false;

    ir_i32 base = arm_load_reg(s, rn), v = ir_new_i32(ir);
    for (unsigned i = 0; i < n; i++) {
        intptr_t off = arm_dreg_off(d + (int)(i * inc)) + (intptr_t)(index * eb);
        ir_i32 a = addr_at(s, base, i * eb);
        if (load) {
            ir_qemu_ld_i32(ir, v, a.t, memops[size]);
            if (size == 0)
                ir_st8_i32(ir, v, ir->env, off);
            else if (size == 1)
                ir_st16_i32(ir, v, ir->env, off);
            else
                ir_st_i32(ir, v, ir->env, off);
        } else {
            if (size == 0)
                ir_ld8u_i32(ir, v, ir->env, off);
            else if (size == 1)
                ir_ld16u_i32(ir, v, ir->env, off);
            else
                ir_ld_i32(ir, v, ir->env, off);
            ir_qemu_st_i32(ir, v, a.t, memops[size]);
        }
        ir_free_i32(ir, a);
    }
    ir_free_i32(ir, v);
    writeback(s, rn, rm, base, n * eb);
    return true;
}

/* VLDn of one n-element structure to all lanes. */
static bool ld_all_lanes(struct arm_dc *s, uint32_t insn, int rn, int rm, int d)
{
    struct ir *ir = s->ir;
    unsigned n = field(insn, 8, 2) + 1, size = field(insn, 6, 2);
    bool t = field(insn, 5, 1), a = field(insn, 4, 1);
    unsigned regs = 1, inc = 1;
    static const unsigned memops[3] = { MO_UB, MO_UW, MO_UL };

    if (n == 1) {
        if (size == 3 || (size == 0 && a))
            return false;
        regs = t ? 2 : 1;
    } else {
        inc = t ? 2 : 1;
        if (size == 3) {
            if (n != 4 || !a)
                return false;
            size = 2;       /* VLD4.32 with 128-bit alignment */
        }
        if (n == 3 && a)
            return false;
    }
    unsigned eb = 1u << size;
    if ((unsigned)d + (n - 1) * inc + regs - 1 > 31)
        return false;

    ir_i32 base = arm_load_reg(s, rn), v = ir_new_i32(ir);
    ir_i64 w = ir_new_i64(ir);
    for (unsigned i = 0; i < n; i++) {
        ir_i32 addr = addr_at(s, base, i * eb);
        ir_qemu_ld_i32(ir, v, addr.t, memops[size]);
        ir_free_i32(ir, addr);
        ir_extu_i32_i64(ir, w, v);
        ir_mul_i64(ir, w, w, ir_const_i64(ir, lane_ones[size]));
        for (unsigned r = 0; r < regs; r++)
            ir_st_i64(ir, w, ir->env, arm_dreg_off(d + (int)(i * inc + r)));
    }
    ir_free_i64(ir, w);
    ir_free_i32(ir, v);
    writeback(s, rn, rm, base, n * eb);
    return true;
}

bool arm_tr_neon_ls(struct arm_dc *s, uint32_t insn)
{
    bool load = field(insn, 21, 1);
    int rn = (int)field(insn, 16, 4), rm = (int)field(insn, 0, 4), d = neon_vd(insn);

    if (rn == 15)
        return false;
    if (!field(insn, 23, 1))
        return ls_multiple(s, insn, load, rn, rm, d);
    if (field(insn, 10, 2) == 3)
        return load && ld_all_lanes(s, insn, rn, rm, d);
    return ls_lane(s, insn, load, rn, rm, d);
}
