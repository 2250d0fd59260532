/* The IR builder at guest register width: each wrapper emits the i32 op on 32-bit
 * guests and the i64 op on 64-bit ones, so one decoder serves MIPS32 and MIPS64. */
#include "target/mips/translate.h"

tl tl_new(struct mips_dc *s)
{
    return s->w64 ? (tl){ ir_new_i64(s->ir).t } : (tl){ ir_new_i32(s->ir).t };
}

tl tl_new_tb(struct mips_dc *s)
{
    return s->w64 ? (tl){ ir_new_tb_i64(s->ir).t } : (tl){ ir_new_tb_i32(s->ir).t };
}

void tl_free(struct mips_dc *s, tl v)
{
    uint8_t kind = s->ir->temps[v.t].kind;
    if (kind != IRK_EBB && kind != IRK_TB)
        return;
    if (s->w64)
        ir_free_i64(s->ir, tl64(v));
    else
        ir_free_i32(s->ir, tl32(v));
}

tl tl_const(struct mips_dc *s, uint64_t v)
{
    if (s->w64)
        return (tl){ ir_const_i64(s->ir, v).t };
    return (tl){ ir_const_i32(s->ir, (uint32_t)v).t };
}

void tl_mov(struct mips_dc *s, tl d, tl a)
{
    if (s->w64)
        ir_mov_i64(s->ir, tl64(d), tl64(a));
    else
        ir_mov_i32(s->ir, tl32(d), tl32(a));
}

void tl_movi(struct mips_dc *s, tl d, uint64_t v)
{
    if (s->w64)
        ir_movi_i64(s->ir, tl64(d), v);
    else
        ir_movi_i32(s->ir, tl32(d), (uint32_t)v);
}

void tl_add(struct mips_dc *s, tl d, tl a, tl b)
{
    if (s->w64)
        ir_add_i64(s->ir, tl64(d), tl64(a), tl64(b));
    else
        ir_add_i32(s->ir, tl32(d), tl32(a), tl32(b));
}

void tl_addi(struct mips_dc *s, tl d, tl a, uint64_t b)
{
    if (s->w64)
        ir_addi_i64(s->ir, tl64(d), tl64(a), b);
    else
        ir_addi_i32(s->ir, tl32(d), tl32(a), (uint32_t)b);
}

void tl_sub(struct mips_dc *s, tl d, tl a, tl b)
{
    if (s->w64)
        ir_sub_i64(s->ir, tl64(d), tl64(a), tl64(b));
    else
        ir_sub_i32(s->ir, tl32(d), tl32(a), tl32(b));
}

void tl_and(struct mips_dc *s, tl d, tl a, tl b)
{
    if (s->w64)
        ir_and_i64(s->ir, tl64(d), tl64(a), tl64(b));
    else
        ir_and_i32(s->ir, tl32(d), tl32(a), tl32(b));
}

void tl_andi(struct mips_dc *s, tl d, tl a, uint64_t b)
{
    if (s->w64)
        ir_andi_i64(s->ir, tl64(d), tl64(a), b);
    else
        ir_andi_i32(s->ir, tl32(d), tl32(a), (uint32_t)b);
}

void tl_or(struct mips_dc *s, tl d, tl a, tl b)
{
    if (s->w64)
        ir_or_i64(s->ir, tl64(d), tl64(a), tl64(b));
    else
        ir_or_i32(s->ir, tl32(d), tl32(a), tl32(b));
}

void tl_xor(struct mips_dc *s, tl d, tl a, tl b)
{
    if (s->w64)
        ir_xor_i64(s->ir, tl64(d), tl64(a), tl64(b));
    else
        ir_xor_i32(s->ir, tl32(d), tl32(a), tl32(b));
}

void tl_not(struct mips_dc *s, tl d, tl a)
{
    if (s->w64)
        ir_not_i64(s->ir, tl64(d), tl64(a));
    else
        ir_not_i32(s->ir, tl32(d), tl32(a));
}

void tl_shl(struct mips_dc *s, tl d, tl a, tl n)
{
    if (s->w64)
        ir_shl_i64(s->ir, tl64(d), tl64(a), tl64(n));
    else
        ir_shl_i32(s->ir, tl32(d), tl32(a), tl32(n));
}

void tl_shr(struct mips_dc *s, tl d, tl a, tl n)
{
    if (s->w64)
        ir_shr_i64(s->ir, tl64(d), tl64(a), tl64(n));
    else
        ir_shr_i32(s->ir, tl32(d), tl32(a), tl32(n));
}

void tl_shli(struct mips_dc *s, tl d, tl a, unsigned n)
{
    if (s->w64)
        ir_shli_i64(s->ir, tl64(d), tl64(a), n);
    else
        ir_shli_i32(s->ir, tl32(d), tl32(a), n);
}

void tl_shri(struct mips_dc *s, tl d, tl a, unsigned n)
{
    if (s->w64)
        ir_shri_i64(s->ir, tl64(d), tl64(a), n);
    else
        ir_shri_i32(s->ir, tl32(d), tl32(a), n);
}

void tl_sari(struct mips_dc *s, tl d, tl a, unsigned n)
{
    if (s->w64)
        ir_sari_i64(s->ir, tl64(d), tl64(a), n);
    else
        ir_sari_i32(s->ir, tl32(d), tl32(a), n);
}

void tl_setcond(struct mips_dc *s, enum ir_cond c, tl d, tl a, tl b)
{
    if (s->w64)
        ir_setcond_i64(s->ir, c, tl64(d), tl64(a), tl64(b));
    else
        ir_setcond_i32(s->ir, c, tl32(d), tl32(a), tl32(b));
}

void tl_movcond(struct mips_dc *s, enum ir_cond c, tl d, tl c1, tl c2, tl v1, tl v2)
{
    if (s->w64)
        ir_movcond_i64(s->ir, c, tl64(d), tl64(c1), tl64(c2), tl64(v1), tl64(v2));
    else
        ir_movcond_i32(s->ir, c, tl32(d), tl32(c1), tl32(c2), tl32(v1), tl32(v2));
}

void tl_brcond(struct mips_dc *s, enum ir_cond c, tl a, tl b, ir_label l)
{
    if (s->w64)
        ir_brcond_i64(s->ir, c, tl64(a), tl64(b), l);
    else
        ir_brcond_i32(s->ir, c, tl32(a), tl32(b), l);
}

void tl_brcondi(struct mips_dc *s, enum ir_cond c, tl a, uint64_t b, ir_label l)
{
    tl_brcond(s, c, a, tl_const(s, b), l);
}

void tl_qemu_ld(struct mips_dc *s, tl d, tl a, unsigned memop)
{
    if (s->be)
        memop |= MO_BE;
    if (s->w64)
        ir_qemu_ld_i64(s->ir, tl64(d), a.t, memop);
    else
        ir_qemu_ld_i32(s->ir, tl32(d), a.t, memop);
}

void tl_qemu_st(struct mips_dc *s, tl v, tl a, unsigned memop)
{
    if (s->be)
        memop |= MO_BE;
    if (s->w64)
        ir_qemu_st_i64(s->ir, tl64(v), a.t, memop);
    else
        ir_qemu_st_i32(s->ir, tl32(v), a.t, memop);
}

ir_i32 tl_lo32(struct mips_dc *s, tl v)
{
    if (!s->w64)
        return tl32(v);
    ir_i32 w = ir_new_i32(s->ir);
    ir_extrl_i64_i32(s->ir, w, tl64(v));
    return w;
}

void tl_lo32_done(struct mips_dc *s, tl v, ir_i32 w)
{
    if (s->w64)
        ir_free_i32(s->ir, w);
}

void tl_set_s32(struct mips_dc *s, tl d, ir_i32 w)
{
    if (s->w64)
        ir_ext_i32_i64(s->ir, tl64(d), w);
    else if (d.t != w.t)
        ir_mov_i32(s->ir, tl32(d), w);
}

void tl_sext32(struct mips_dc *s, tl d, tl a)
{
    if (s->w64)
        ir_ext32s_i64(s->ir, tl64(d), tl64(a));
    else if (d.t != a.t)
        ir_mov_i32(s->ir, tl32(d), tl32(a));
}

void tl_zext32(struct mips_dc *s, tl d, tl a)
{
    if (s->w64)
        ir_ext32u_i64(s->ir, tl64(d), tl64(a));
    else if (d.t != a.t)
        ir_mov_i32(s->ir, tl32(d), tl32(a));
}
