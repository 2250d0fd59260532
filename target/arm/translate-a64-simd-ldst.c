/* A64 AdvSIMD loads and stores of structures: LD1-LD4/ST1-ST4 of multiple structures,
 * of one lane, and LD1R-LD4R, with and without post-index (ARM ARM C4.1.x "Advanced
 * SIMD load/store multiple/single structures").
 * Loads read all memory into temps before any register changes, so a fault leaves the
 * registers as they were; the interleaving of LD2-LD4/ST2-ST4 goes through the CPU
 * state's fp_scratch words and helper_a64_simd_ileave (the bytes as in memory). */
#include "target/arm/translate-a64-simd.h"

#include "target/arm/helper-a64-simd.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return a64_field(insn, pos, len);
}

struct ldst {
    bool load, q;
    unsigned rt, rn, size, selem, rpt, bytes;
};

/* Post-index: Rm 31 adds the transfer size, else Xm. */
static void writeback(struct a64_dc *s, uint32_t insn, unsigned rn, unsigned bytes)
{
    unsigned rm = field(insn, 16, 5);
    ir_i64 base = a64_addr_base(s, (int)rn), r = a64_tmp(s);
    if (rm == 31)
        ir_addi_i64(s->ir, r, base, bytes);
    else
        ir_add_i64(s->ir, r, base, a64_xreg(s, (int)rm));
    a64_set_reg_sp(s, (int)rn, r, true);
}

static bool multiple_shape(unsigned opcode, unsigned *selem, unsigned *rpt)
{
    switch (opcode) {
    case 0x0: *selem = 4; *rpt = 1; return true;
    case 0x2: *selem = 1; *rpt = 4; return true;
    case 0x4: *selem = 3; *rpt = 1; return true;
    case 0x6: *selem = 1; *rpt = 3; return true;
    case 0x7: *selem = 1; *rpt = 1; return true;
    case 0x8: *selem = 2; *rpt = 1; return true;
    case 0xa: *selem = 1; *rpt = 2; return true;
    default: return false;
    }
}

static int scratch_off(unsigned i) { return A64_ENV_OFF(fp_scratch) + 8 * (int)i; }

static void gen_multiple(struct a64_dc *s, const struct ldst *l, ir_i64 clean)
{
    unsigned chunks = l->bytes / 8, regs = l->selem * l->rpt, half = l->q ? 2 : 1;
    uint32_t desc = a64_sdesc(l->selem, l->size, l->q, l->rt, 0, 0, false, false);
    ir_i64 v[8];

    if (l->load) {
        for (unsigned i = 0; i < chunks; i++) {
            v[i] = a64_tmp(s);
            a64_gen_ld(s, v[i], clean, 8 * i, MO_64);
        }
        if (l->selem == 1) {
            for (unsigned r = 0; r < regs; r++) {
                int t = (int)((l->rt + r) % 32);
                for (unsigned h = 0; h < half; h++)
                    a64_set_vhalf(s, t, h, v[r * half + h]);
                if (!l->q)
                    a64_clear_vhigh(s, t);
            }
            return;
        }
        for (unsigned i = 0; i < chunks; i++)
            ir_st_i64(s->ir, v[i], s->ir->env, scratch_off(i));
        a64_simd_helper(s, (void *)helper_a64_simd_ileave, desc, 1);
        return;
    }
    if (l->selem == 1) {
        for (unsigned r = 0; r < regs; r++)
            for (unsigned h = 0; h < half; h++)
                v[r * half + h] = a64_vhalf(s, (int)((l->rt + r) % 32), h);
    } else {
        a64_simd_helper(s, (void *)helper_a64_simd_ileave, desc, 0);
        for (unsigned i = 0; i < chunks; i++) {
            v[i] = a64_tmp(s);
            ir_ld_i64(s->ir, v[i], s->ir->env, scratch_off(i));
        }
    }
    for (unsigned i = 0; i < chunks; i++)
        a64_gen_st(s, v[i], clean, 8 * i, MO_64);
}

/* One lane of selem registers, or (replicate) every lane. */
static void gen_single(struct a64_dc *s, const struct ldst *l, ir_i64 clean, unsigned index,
                       bool replicate)
{
    unsigned eb = 1u << l->size;
    ir_i64 v[4];

    for (unsigned i = 0; i < l->selem; i++) {
        int t = (int)((l->rt + i) % 32);
        if (l->load) {
            v[i] = a64_tmp(s);
            a64_gen_ld(s, v[i], clean, eb * i, l->size);
        } else {
            a64_gen_st(s, a64_velem(s, t, l->size, index, false), clean, eb * i, l->size);
        }
    }
    if (!l->load)
        return;
    static const uint64_t ones[4] = {
        0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1,
    };
    for (unsigned i = 0; i < l->selem; i++) {
        int t = (int)((l->rt + i) % 32);
        if (!replicate) {
            a64_set_velem(s, t, l->size, index, v[i]);
            continue;
        }
        ir_i64 r = a64_tmp(s);
        ir_mul_i64(s->ir, r, v[i], a64_const(s, ones[l->size]));
        a64_set_vhalf(s, t, 0, r);
        if (l->q)
            a64_set_vhalf(s, t, 1, r);
        else
            a64_clear_vhigh(s, t);
    }
}

static bool single_shape(uint32_t insn, struct ldst *l, unsigned *index, bool *replicate)
{
    unsigned opcode = field(insn, 13, 3), sflag = field(insn, 12, 1), size = field(insn, 10, 2);
    unsigned qs = (unsigned)l->q << 3 | sflag << 2 | size;     /* Q:S:size */

    l->selem = (field(insn, 13, 1) << 1 | field(insn, 21, 1)) + 1;
    *replicate = false;
    switch (opcode >> 1) {
    case 0: l->size = 0; *index = qs; return true;
    case 1:
        if (size & 1)
            return false;
        l->size = 1; *index = qs >> 1; return true;
    case 2:
        if (size & 2)
            return false;
        if (size == 0) {
            l->size = 2; *index = qs >> 2;
        } else {
            if (sflag)
                return false;
            l->size = 3; *index = l->q;
        }
        return true;
    default:
        if (!l->load || sflag)
            return false;
        *replicate = true;
        l->size = size;
        *index = 0;
        return true;
    }
}

bool a64_tr_simd_ldst(struct a64_dc *s, uint32_t insn)
{
    struct ldst l = { .load = field(insn, 22, 1), .q = field(insn, 30, 1),
                      .rt = field(insn, 0, 5), .rn = field(insn, 5, 5) };
    bool post = field(insn, 23, 1), single = field(insn, 24, 1), replicate = false;
    unsigned index = 0;

    if ((insn & 0xbe000000) != 0x0c000000 || (!post && field(insn, 16, 5) != 0))
        return false;
    if (!single) {
        if (field(insn, 21, 1) || !multiple_shape(field(insn, 12, 4), &l.selem, &l.rpt))
            return false;
        l.size = field(insn, 10, 2);
        if (l.size == 3 && !l.q && l.selem > 1)
            return false;
        l.bytes = (l.q ? 16 : 8) * l.selem * l.rpt;
    } else {
        if (!single_shape(insn, &l, &index, &replicate))
            return false;
        l.bytes = (1u << l.size) * l.selem;
    }
    ir_i64 clean = a64_clean_addr(s, a64_addr_base(s, (int)l.rn));
    if (single)
        gen_single(s, &l, clean, index, replicate);
    else
        gen_multiple(s, &l, clean);
    if (post)
        writeback(s, insn, l.rn, l.bytes);
    return true;
}
