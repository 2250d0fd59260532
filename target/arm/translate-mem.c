/* Loads and stores for the 32-bit ARM decoders: single and dual transfers in every
 * addressing mode, LDM/STM, the exclusive monitor and SWP.
 * Unaligned LDR/STR/LDRH/STRH/LDRD/LDM are allowed (SCTLR.A is clear under Linux, which
 * also fixes up unaligned LDRD/LDM in user mode); only exclusives demand alignment.
 * Each base write-back is emitted after the instruction's last access, so a fault
 * leaves the base register as it was when the instruction started. */
#include "target/arm/translate-ops.h"

static ir_i32 offset_addr(struct arm_dc *s, ir_i32 base, ir_i32 offset, bool add)
{
    ir_i32 a = arm_tmp(s);
    if (add)
        ir_add_i32(s->ir, a, base, offset);
    else
        ir_sub_i32(s->ir, a, base, offset);
    arm_release(s, offset);
    return a;
}

void arm_gen_ldst(struct arm_dc *s, bool load, unsigned memop, int rt, int rn,
                  ir_i32 offset, bool add, bool index, bool wback)
{
    struct ir *ir = s->ir;
    ir_i32 base = arm_reg_ro_aligned(s, rn);
    ir_i32 moved = offset_addr(s, base, offset, add);
    ir_i32 addr = index ? moved : base;
    if (load) {
        ir_i32 v = arm_tmp(s);
        ir_qemu_ld_i32(ir, v, addr.t, memop);
        if (wback)
            ir_mov_i32(ir, arm_r[rn], moved);
        arm_store_reg(s, rt, v, true);
    } else {
        ir_qemu_st_i32(ir, arm_reg_ro(s, rt), addr.t, memop);
        if (wback)
            ir_mov_i32(ir, arm_r[rn], moved);
    }
    arm_free(s, moved);
}

void arm_gen_ldstd(struct arm_dc *s, bool load, int rt, int rt2, int rn, ir_i32 offset,
                   bool add, bool index, bool wback)
{
    struct ir *ir = s->ir;
    ir_i32 base = arm_reg_ro_aligned(s, rn);
    ir_i32 moved = offset_addr(s, base, offset, add);
    ir_i32 addr = index ? moved : base;
    ir_i64 v = arm_tmp64(s);
    if (load) {
        ir_qemu_ld_i64(ir, v, addr.t, MO_Q);
        if (wback)
            ir_mov_i32(ir, arm_r[rn], moved);
        ir_extrl_i64_i32(ir, arm_r[rt], v);
        ir_extrh_i64_i32(ir, arm_r[rt2], v);
    } else {
        ir_concat_i32_i64(ir, v, arm_reg_ro(s, rt), arm_reg_ro(s, rt2));
        ir_qemu_st_i64(ir, v, addr.t, MO_Q);
        if (wback)
            ir_mov_i32(ir, arm_r[rn], moved);
    }
    arm_free64(s, v);
    arm_free(s, moved);
}

/* First address an LDM/STM touches (it then goes up by 4) and the written-back base. */
static ir_i32 block_start(struct arm_dc *s, ir_i32 base, unsigned n, bool inc, bool before)
{
    int32_t off = inc ? (before ? 4 : 0) : (before ? -4 * (int32_t)n : -4 * (int32_t)n + 4);
    ir_i32 a = arm_tmp(s);
    ir_addi_i32(s->ir, a, base, (uint32_t)off);
    return a;
}

static void block_writeback(struct arm_dc *s, int rn, unsigned n, bool inc)
{
    ir_addi_i32(s->ir, arm_r[rn], arm_r[rn], inc ? 4 * n : (uint32_t)(-4 * (int32_t)n));
}

/* Registers other than the base and pc are loaded in place: re-running the instruction
 * after a fault loads them again from the unchanged base. */
void arm_gen_ldm(struct arm_dc *s, int rn, uint32_t list, bool inc, bool before, bool wback)
{
    struct ir *ir = s->ir;
    unsigned n = (unsigned)__builtin_popcount(list);
    ir_i32 addr = block_start(s, arm_r[rn], n, inc, before);
    ir_i32 base_val = { 0 }, pc_val = { 0 };
    bool have_base = false, have_pc = false;
    for (int i = 0; i < 16; i++) {
        if (!(list & (1u << i)))
            continue;
        if (i != __builtin_ctz(list))
            ir_addi_i32(ir, addr, addr, 4);
        ir_i32 v = arm_tmp(s);
        ir_qemu_ld_i32(ir, v, addr.t, MO_UL);
        if (i == rn) {
            base_val = v;
            have_base = true;
        } else if (i == 15) {
            pc_val = v;
            have_pc = true;
        } else {
            ir_mov_i32(ir, arm_r[i], v);
            arm_free(s, v);
        }
    }
    arm_free(s, addr);
    if (have_base)
        arm_store_reg(s, rn, base_val, false);
    else if (wback)
        block_writeback(s, rn, n, inc);
    if (have_pc)
        arm_store_reg(s, 15, pc_val, true);
}

void arm_gen_stm(struct arm_dc *s, int rn, uint32_t list, bool inc, bool before, bool wback)
{
    struct ir *ir = s->ir;
    unsigned n = (unsigned)__builtin_popcount(list);
    ir_i32 addr = block_start(s, arm_r[rn], n, inc, before);
    for (int i = 0; i < 16; i++) {
        if (!(list & (1u << i)))
            continue;
        if (i != __builtin_ctz(list))
            ir_addi_i32(ir, addr, addr, 4);
        ir_qemu_st_i32(ir, arm_reg_ro(s, i), addr.t, MO_UL);
    }
    arm_free(s, addr);
    if (wback)
        block_writeback(s, rn, n, inc);
}

/* --- the exclusive monitor: an address and the value read there --- */

void arm_gen_ldrex(struct arm_dc *s, unsigned size, int rt, int rt2, int rn, uint32_t imm)
{
    struct ir *ir = s->ir;
    ir_i32 addr = arm_tmp(s);
    ir_addi_i32(ir, addr, arm_r[rn], imm);
    if (size == MO_64) {
        ir_i64 v = arm_tmp64(s);
        ir_qemu_ld_i64(ir, v, addr.t, MO_Q | MO_ALIGN);
        ir_mov_i64(ir, arm_excl_val, v);
        ir_extrl_i64_i32(ir, arm_r[rt], v);
        ir_extrh_i64_i32(ir, arm_r[rt2], v);
        arm_free64(s, v);
    } else {
        ir_i32 v = arm_tmp(s);
        ir_qemu_ld_i32(ir, v, addr.t, size | MO_ALIGN);
        ir_extu_i32_i64(ir, arm_excl_val, v);
        ir_mov_i32(ir, arm_r[rt], v);
        arm_free(s, v);
    }
    ir_mov_i32(ir, arm_excl_addr, addr);
    arm_free(s, addr);
}

/* The store succeeds when the monitor holds this address and memory still holds the
 * value LDREX read: a compare-and-swap against that value (an ABA change goes unseen,
 * which the architecture permits as the monitor may be cleared for no reason). */
static void strex_store(struct arm_dc *s, unsigned size, int rd, int rt, int rt2, ir_i32 addr)
{
    struct ir *ir = s->ir;
    if (size == MO_64) {
        ir_i64 nv = arm_tmp64(s), old = arm_tmp64(s);
        ir_concat_i32_i64(ir, nv, arm_reg_ro(s, rt), arm_reg_ro(s, rt2));
        ir_cmpxchg_i64(ir, old, addr.t, arm_excl_val, nv, MO_Q | MO_ALIGN);
        ir_setcond_i64(ir, IR_NE, nv, old, arm_excl_val);
        ir_extrl_i64_i32(ir, arm_r[rd], nv);
        arm_free64(s, nv);
        arm_free64(s, old);
    } else {
        ir_i32 cmp = arm_tmp(s), old = arm_tmp(s);
        ir_extrl_i64_i32(ir, cmp, arm_excl_val);
        ir_cmpxchg_i32(ir, old, addr.t, cmp, arm_reg_ro(s, rt), size | MO_ALIGN);
        ir_setcond_i32(ir, IR_NE, arm_r[rd], old, cmp);
        arm_free(s, cmp);
        arm_free(s, old);
    }
}

void arm_gen_strex(struct arm_dc *s, unsigned size, int rd, int rt, int rt2, int rn,
                   uint32_t imm)
{
    struct ir *ir = s->ir;
    ir_label fail = ir_new_label(ir), done = ir_new_label(ir);
    ir_i32 addr = ir_new_tb_i32(ir);
    ir_addi_i32(ir, addr, arm_r[rn], imm);
    ir_brcond_i32(ir, IR_NE, addr, arm_excl_addr, fail);
    strex_store(s, size, rd, rt, rt2, addr);
    ir_br(ir, done);
    ir_set_label(ir, fail);
    ir_movi_i32(ir, arm_r[rd], 1);
    ir_set_label(ir, done);
    ir_movi_i32(ir, arm_excl_addr, ~0u);
    arm_free(s, addr);
}

void arm_gen_clrex(struct arm_dc *s)
{
    ir_movi_i32(s->ir, arm_excl_addr, ~0u);
}

/* SWP has no IR op: retry a compare-and-swap until memory did not change under it. */
void arm_gen_swp(struct arm_dc *s, bool byte, int rt, int rt2, int rn)
{
    struct ir *ir = s->ir;
    unsigned memop = byte ? MO_UB : MO_UL;
    ir_i32 addr = ir_new_tb_i32(ir), nv = ir_new_tb_i32(ir), old = ir_new_tb_i32(ir);
    ir_mov_i32(ir, addr, arm_r[rn]);
    ir_mov_i32(ir, nv, arm_reg_ro(s, rt2));
    if (byte)
        ir_ext8u_i32(ir, nv, nv);
    ir_qemu_ld_i32(ir, old, addr.t, memop);
    ir_label again = ir_new_label(ir);
    ir_set_label(ir, again);
    ir_i32 cur = arm_tmp(s), changed = arm_tmp(s);
    ir_cmpxchg_i32(ir, cur, addr.t, old, nv, memop);
    ir_setcond_i32(ir, IR_NE, changed, cur, old);
    ir_mov_i32(ir, old, cur);
    ir_brcondi_i32(ir, IR_NE, changed, 0, again);
    arm_free(s, cur);
    arm_free(s, changed);
    ir_mov_i32(ir, arm_r[rt], old);
    arm_free(s, addr);
    arm_free(s, nv);
    arm_free(s, old);
}
