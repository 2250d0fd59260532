/* MIPS loads and stores: the aligned forms, the unaligned-pair forms (lwl/lwr, swl/swr,
 * ldl/ldr, sdl/sdr), ll/sc and lld/scd, pref and cache.
 * Plain accesses do not demand alignment: Linux emulates unaligned loads and stores
 * for user programs (do_ade), so they simply work here too; ll/sc do demand it (the
 * kernel sends SIGBUS). The partial-word stores merge into the aligned word with a
 * compare-and-swap loop, so bytes other threads store next to them are never lost. */
#include "target/mips/translate.h"

/* --- the plain forms --- */
static bool load(struct mips_dc *s, unsigned rt, tl addr, unsigned memop)
{
    tl v = tl_new(s);
    tl_qemu_ld(s, v, addr, memop);
    gpr_set(s, rt, v);
    tl_free(s, v);
    return true;
}

/* --- lwl/lwr/ldl/ldr --- */

/* The byte shift of an unaligned-pair access: 8 * k, where k is the byte's index in
 * the aligned unit counted from its most significant end (big-endian numbering). */
static tl pair_shift(struct mips_dc *s, tl addr, unsigned size)
{
    tl sh = tl_new_tb(s);
    tl_andi(s, sh, addr, size - 1);
    if (!s->be)
        tl_xor(s, sh, sh, tl_const(s, size - 1));
    tl_shli(s, sh, sh, 3);
    return sh;
}

/* lwl/lwr (size 4) and ldl/ldr (size 8) in one shape: 'left' puts the loaded unit's
 * low bytes into the register's top ones; 'right' the high bytes into the bottom. */
static void load_pair(struct mips_dc *s, unsigned rt, tl addr, unsigned size, bool left)
{
    struct ir *ir = s->ir;
    bool wide = size == 8;
    tl sh = pair_shift(s, addr, size);
    tl_andi(s, addr, addr, ~(uint64_t)(size - 1));
    if (!wide && s->w64) {
        /* 32-bit pair on a 64-bit guest: compute on the low words, sign-extend */
        ir_i64 w = ir_new_i64(ir);
        ir_qemu_ld_i64(ir, w, addr.t, MO_UL | (s->be ? MO_BE : 0));
        ir_i32 word = ir_new_i32(ir), r = ir_new_i32(ir), n = ir_new_i32(ir);
        ir_i32 m = ir_new_i32(ir);
        ir_extrl_i64_i32(ir, word, w);
        ir_extrl_i64_i32(ir, n, tl64(sh));
        ir_extrl_i64_i32(ir, r, tl64(gpr_ro(s, rt)));
        if (left) {
            ir_shl_i32(ir, word, word, n);
            ir_shl_i32(ir, m, ir_const_i32(ir, 1), n);
            ir_subi_i32(ir, m, m, 1);
        } else {
            ir_subi_i32(ir, n, n, 24);
            ir_neg_i32(ir, n, n);
            ir_shr_i32(ir, word, word, n);
            ir_shr_i32(ir, m, ir_const_i32(ir, 0xffffffffu), n);
            ir_not_i32(ir, m, m);
        }
        ir_and_i32(ir, r, r, m);
        ir_or_i32(ir, r, r, word);
        if (rt)
            tl_set_s32(s, mips_gpr[rt], r);
        ir_free_i32(ir, word);
        ir_free_i32(ir, r);
        ir_free_i32(ir, n);
        ir_free_i32(ir, m);
        ir_free_i64(ir, w);
        tl_free(s, sh);
        return;
    }
    tl word = tl_new(s), m = tl_new(s), r = tl_new(s);
    tl_qemu_ld(s, word, addr, wide ? MO_Q : MO_UL);
    if (left) {
        tl_shl(s, word, word, sh);
        tl_shl(s, m, tl_const(s, 1), sh);
        tl_addi(s, m, m, ~0ull);
    } else {
        tl_sub(s, sh, tl_const(s, size * 8 - 8), sh);
        tl_shr(s, word, word, sh);
        tl_shr(s, m, tl_const(s, ~0ull), sh);
        tl_not(s, m, m);
    }
    tl_and(s, r, gpr_ro(s, rt), m);
    tl_or(s, r, r, word);
    gpr_set(s, rt, r);
    tl_free(s, word);
    tl_free(s, m);
    tl_free(s, r);
    tl_free(s, sh);
}

/* swl/swr/sdl/sdr: merge the register's bytes into the aligned unit atomically. */
static void store_pair(struct mips_dc *s, unsigned rt, tl addr, unsigned size, bool left)
{
    struct ir *ir = s->ir;
    bool wide = size == 8;
    unsigned memop = (wide ? MO_Q : MO_UL) | (s->be ? MO_BE : 0);
    tl sh = pair_shift(s, addr, size);
    tl a = tl_new_tb(s), m = tl_new_tb(s), v = tl_new_tb(s), old = tl_new_tb(s);
    tl_andi(s, a, addr, ~(uint64_t)(size - 1));
    tl_free(s, addr);
    tl ones = tl_const(s, wide || !s->w64 ? ~0ull : 0xffffffffull);
    tl val = tl_new(s);
    tl_zext32(s, val, gpr_ro(s, rt));
    if (wide)
        tl_mov(s, val, gpr_ro(s, rt));
    if (left) {
        tl_shr(s, m, ones, sh);
        tl_shr(s, v, val, sh);
    } else {
        tl_sub(s, sh, tl_const(s, size * 8 - 8), sh);
        tl_shl(s, m, ones, sh);
        tl_shl(s, v, val, sh);
        tl_andi(s, m, m, wide || !s->w64 ? ~0ull : 0xffffffffull);
        tl_andi(s, v, v, wide || !s->w64 ? ~0ull : 0xffffffffull);
    }
    tl_free(s, val);
    tl_qemu_ld(s, old, a, (wide ? MO_Q : MO_UL));
    ir_label again = ir_new_label(ir), done = ir_new_label(ir);
    ir_set_label(ir, again);
    tl nv = tl_new(s), seen = tl_new(s);
    tl_not(s, nv, m);
    tl_and(s, nv, nv, old);
    tl_or(s, nv, nv, v);
    if (!wide && s->w64)
        tl_andi(s, nv, nv, 0xffffffffull);
    if (s->w64)
        ir_cmpxchg_i64(ir, tl64(seen), a.t, tl64(old), tl64(nv), memop);
    else
        ir_cmpxchg_i32(ir, tl32(seen), a.t, tl32(old), tl32(nv), memop);
    tl_brcond(s, IR_EQ, seen, old, done);
    tl_mov(s, old, seen);
    ir_br(ir, again);
    ir_set_label(ir, done);
    tl_free(s, sh);
    tl_free(s, a);
    tl_free(s, m);
    tl_free(s, v);
    tl_free(s, old);
}

/* --- ll/sc --- */
static void load_linked(struct mips_dc *s, unsigned rt, tl addr, bool wide)
{
    tl v = tl_new(s);
    tl_qemu_ld(s, v, addr, (wide ? MO_Q : MO_SL) | MO_ALIGN);
    tl_mov(s, mips_lladdr, addr);
    tl_mov(s, mips_llval, v);
    gpr_set(s, rt, v);
    tl_free(s, v);
}

/* sc succeeds (rt = 1) when its address is the last ll's and memory still holds what
 * ll read: a compare-and-swap, so it is atomic against every other thread's stores. */
static void store_cond(struct mips_dc *s, unsigned rt, tl addr, bool wide)
{
    struct ir *ir = s->ir;
    unsigned memop = (wide ? MO_Q : MO_SL) | MO_ALIGN | (s->be ? MO_BE : 0);
    tl a = tl_new_tb(s), res = tl_new_tb(s);
    tl_mov(s, a, addr);
    tl_free(s, addr);
    ir_label fail = ir_new_label(ir), done = ir_new_label(ir);
    tl_brcond(s, IR_NE, a, mips_lladdr, fail);
    tl old = tl_new(s);
    if (s->w64)
        ir_cmpxchg_i64(ir, tl64(old), a.t, tl64(mips_llval), tl64(gpr_ro(s, rt)), memop);
    else
        ir_cmpxchg_i32(ir, tl32(old), a.t, tl32(mips_llval), tl32(gpr_ro(s, rt)), memop);
    tl_setcond(s, IR_EQ, res, old, mips_llval);
    tl_free(s, old);
    ir_br(ir, done);
    ir_set_label(ir, fail);
    tl_movi(s, res, 0);
    ir_set_label(ir, done);
    tl_movi(s, mips_lladdr, ~0ull);
    gpr_set(s, rt, res);
    tl_free(s, a);
    tl_free(s, res);
}

static bool store(struct mips_dc *s, unsigned rt, tl addr, unsigned memop)
{
    tl_qemu_st(s, gpr_ro(s, rt), addr, memop);
    return true;
}

bool mips_tr_mem(struct mips_dc *s, uint32_t insn)
{
    unsigned op = insn >> 26, rt = f_rt(insn);
    bool w64 = s->w64;
    switch (op) {
    case 0x1a: case 0x1b: case 0x27: case 0x2c: case 0x2d: case 0x34: case 0x37:
    case 0x3c: case 0x3f:
        if (!w64)
            return false;
        break;
    case 0x2f: case 0x33:          /* cache (privileged in user mode), pref */
        return op == 0x33;
    default:
        break;
    }
    tl addr = gen_addr(s, f_rs(insn), f_simm(insn));
    bool ok = true;
    switch (op) {
    case 0x20: load(s, rt, addr, MO_SB); break;
    case 0x21: load(s, rt, addr, MO_SW); break;
    case 0x23: load(s, rt, addr, MO_SL); break;
    case 0x24: load(s, rt, addr, MO_UB); break;
    case 0x25: load(s, rt, addr, MO_UW); break;
    case 0x27: load(s, rt, addr, MO_UL); break;
    case 0x37: load(s, rt, addr, MO_Q); break;
    case 0x28: store(s, rt, addr, MO_8); break;
    case 0x29: store(s, rt, addr, MO_16); break;
    case 0x2b: store(s, rt, addr, MO_32); break;
    case 0x3f: store(s, rt, addr, MO_64); break;
    case 0x22: load_pair(s, rt, addr, 4, true); break;
    case 0x26: load_pair(s, rt, addr, 4, false); break;
    case 0x1a: load_pair(s, rt, addr, 8, true); break;
    case 0x1b: load_pair(s, rt, addr, 8, false); break;
    case 0x2a: store_pair(s, rt, addr, 4, true); return true;
    case 0x2e: store_pair(s, rt, addr, 4, false); return true;
    case 0x2c: store_pair(s, rt, addr, 8, true); return true;
    case 0x2d: store_pair(s, rt, addr, 8, false); return true;
    case 0x30: load_linked(s, rt, addr, false); break;
    case 0x34: load_linked(s, rt, addr, true); break;
    case 0x38: store_cond(s, rt, addr, false); return true;
    case 0x3c: store_cond(s, rt, addr, true); return true;
    default: ok = false; break;
    }
    tl_free(s, addr);
    return ok;
}
