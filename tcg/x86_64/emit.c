/* x86-64 instruction encoder; the contract is in emit.h.
 *
 * Every public function first checks for room (X86_MAX_INSN bytes) and then writes
 * one whole instruction with the put* helpers, which do not check again. All the
 * prefix/REX/ModRM/SIB logic lives in opcode(), modrm_reg() and modrm_mem() so
 * each public function only states its opcode and operands.
 *
 * Operand-role convention (matches the hardware manuals): "reg" is the ModRM.reg
 * field (or a /digit opcode extension), "rm" is ModRM.rm as a register or memory. */
#include "tcg/x86_64/emit.h"

#include <assert.h>
#include <stddef.h>
#include <string.h>

/* Prefix flags combined with the final opcode byte (low 8 bits). */
enum {
    P_66 = 1u << 8,      /* operand-size override (16-bit or SSE "66" form) */
    P_F2 = 1u << 9,
    P_F3 = 1u << 10,
    P_W = 1u << 11,      /* REX.W: 64-bit operand size */
    P_0F = 1u << 12,     /* two-byte opcode map */
    P_0F38 = 1u << 13,   /* three-byte maps; each implies the 0F escape */
    P_0F3A = 1u << 14,
    P_LOCK = 1u << 15,
    P_BREG = 1u << 16,   /* ModRM.reg is a byte register (spl..dil need a REX) */
    P_BRM = 1u << 17,    /* ModRM.rm (register form) is a byte register */
};

static bool room(struct x86_buf *b)
{
    if (b->end - b->p < X86_MAX_INSN) {
        b->overflow = true;
        return false;
    }
    return true;
}

static void put8(struct x86_buf *b, unsigned v) { *b->p++ = (uint8_t)v; }

static void put16(struct x86_buf *b, uint32_t v)
{
    put8(b, v);
    put8(b, v >> 8);
}

static void put32(struct x86_buf *b, uint32_t v)
{
    put16(b, v);
    put16(b, v >> 16);
}

static void put64(struct x86_buf *b, uint64_t v)
{
    put32(b, (uint32_t)v);
    put32(b, (uint32_t)(v >> 32));
}

static bool fits8(int64_t v) { return v >= -128 && v <= 127; }
static bool fits32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

static bool is_gpr(int r) { return r >= RAX && r <= R15; }
static bool is_xmm(int r) { return r >= XMM0 && r <= XMM15; }

/* Immediate of an instruction whose operand size is w (64-bit forms take imm32). */
static void put_imm(struct x86_buf *b, int w, int32_t imm)
{
    if (w == 8)
        put8(b, (uint32_t)imm);
    else if (w == 16)
        put16(b, (uint32_t)imm);
    else
        put32(b, (uint32_t)imm);
}

/* Size prefix for a 16/32/64-bit operation. Byte forms use a different opcode, so the
 * caller handles w == 8 itself. */
static unsigned wflags(int w)
{
    assert(w == 8 || w == 16 || w == 32 || w == 64);
    return w == 16 ? P_66 : w == 64 ? P_W : 0;
}

/* Writes prefixes, REX and the opcode. reg, index and rm are the register numbers that
 * land in ModRM.reg, SIB.index and ModRM.rm/SIB.base/opcode low bits, or -1 when that
 * slot holds no register. xmm numbers work too: bit 3 is all that REX cares about. */
static void opcode(struct x86_buf *b, unsigned f, int reg, int index, int rm)
{
    /* Legacy prefixes may come in any order; this one matches the GNU assembler. */
    if (f & P_66)
        put8(b, 0x66);
    if (f & P_LOCK)
        put8(b, 0xf0);
    if (f & P_F2)
        put8(b, 0xf2);
    if (f & P_F3)
        put8(b, 0xf3);

    unsigned rex = 0;
    if (f & P_W)
        rex |= 8;
    if (reg >= 0 && (reg & 8))
        rex |= 4;
    if (index >= 0 && (index & 8))
        rex |= 2;
    if (rm >= 0 && (rm & 8))
        rex |= 1;
    /* Without any REX, byte registers 4-7 mean ah/ch/dh/bh; an empty REX selects
     * spl/bpl/sil/dil instead, which is what a register allocator expects. */
    bool low_byte = ((f & P_BREG) && reg >= RSP && reg <= RDI)
                 || ((f & P_BRM) && rm >= RSP && rm <= RDI);
    if (rex || low_byte)
        put8(b, 0x40 | rex);

    if (f & (P_0F | P_0F38 | P_0F3A))
        put8(b, 0x0f);
    if (f & P_0F38)
        put8(b, 0x38);
    if (f & P_0F3A)
        put8(b, 0x3a);
    put8(b, f & 0xff);
}

static void modrm(struct x86_buf *b, int mod, int reg, int rm)
{
    put8(b, (unsigned)(mod << 6 | (reg & 7) << 3 | (rm & 7)));
}

/* Register-direct instruction: prefixes, opcode, ModRM with mod = 3. */
static void op_rr(struct x86_buf *b, unsigned f, int reg, int rm)
{
    opcode(b, f, reg, -1, rm);
    modrm(b, 3, reg, rm);
}

static void check_mem(struct x86_mem m)
{
    if (m.rip) {
        assert(m.base == X86_NOREG && m.index == X86_NOREG);
        return;
    }
    assert(m.base == X86_NOREG || is_gpr(m.base));
    assert(m.index == X86_NOREG || is_gpr(m.index));
    /* SIB.index = 100 without REX.X means "no index": rsp can never be an index. */
    assert(m.index != RSP);
    assert(m.index == X86_NOREG || m.scale == 1 || m.scale == 2 || m.scale == 4 || m.scale == 8);
}

static unsigned scale_bits(uint8_t scale)
{
    return scale == 8 ? 3 : scale == 4 ? 2 : scale == 2 ? 1 : 0;
}

static void sib(struct x86_buf *b, unsigned ss, int index, int base)
{
    put8(b, ss << 6 | (unsigned)(index & 7) << 3 | (unsigned)(base & 7));
}

/* ModRM (+ SIB, + displacement) for a memory operand. */
static void modrm_mem(struct x86_buf *b, int reg, struct x86_mem m)
{
    if (m.rip) {
        modrm(b, 0, reg, 5);
        put32(b, (uint32_t)m.disp);
        return;
    }
    if (m.base == X86_NOREG) {
        /* mod = 0 with SIB.base = 101 means "no base, disp32"; SIB.index = 100 when
         * there is no index either gives a plain absolute [disp32]. */
        modrm(b, 0, reg, 4);
        if (m.index == X86_NOREG)
            sib(b, 0, RSP, RBP);
        else
            sib(b, scale_bits(m.scale), m.index, RBP);
        put32(b, (uint32_t)m.disp);
        return;
    }
    /* rbp/r13 as base with mod = 0 would mean rip/no-base, so they take a disp8 of 0. */
    int mod = (m.disp == 0 && (m.base & 7) != 5) ? 0 : fits8(m.disp) ? 1 : 2;
    if (m.index == X86_NOREG && (m.base & 7) != 4) {
        modrm(b, mod, reg, m.base);
    } else {
        /* rsp/r12 as base live in rm = 100, which always announces a SIB. */
        modrm(b, mod, reg, 4);
        if (m.index == X86_NOREG)
            sib(b, 0, RSP, m.base);
        else
            sib(b, scale_bits(m.scale), m.index, m.base);
    }
    if (mod == 1)
        put8(b, (uint32_t)m.disp);
    else if (mod == 2)
        put32(b, (uint32_t)m.disp);
}

/* Memory-operand instruction: prefixes, opcode, ModRM/SIB/disp. */
static void op_rm(struct x86_buf *b, unsigned f, int reg, struct x86_mem m)
{
    check_mem(m);
    opcode(b, f & ~(unsigned)P_BRM, reg, m.rip ? -1 : m.index, m.rip ? -1 : m.base);
    modrm_mem(b, reg, m);
}

/* Plain mov of width w between registers, shared by the extension helpers. */
static void mov_rr(struct x86_buf *b, int w, int dst, int src)
{
    if (w == 8)
        op_rr(b, 0x88 | P_BREG | P_BRM, src, dst);
    else
        op_rr(b, 0x89 | wflags(w), src, dst);
}

/* --- integer moves --- */

void x86_mov_rr(struct x86_buf *b, int w, int dst, int src)
{
    assert(is_gpr(dst) && is_gpr(src));
    if (!room(b))
        return;
    mov_rr(b, w, dst, src);
}

void x86_mov_ri(struct x86_buf *b, int w, int dst, uint64_t imm)
{
    assert(is_gpr(dst));
    if (!room(b))
        return;
    switch (w) {
    case 8:
        opcode(b, (0xb0 + (dst & 7)) | P_BRM, -1, -1, dst);
        put8(b, (uint32_t)imm);
        return;
    case 16:
        opcode(b, (0xb8 + (dst & 7)) | P_66, -1, -1, dst);
        put16(b, (uint32_t)imm);
        return;
    case 32:
        opcode(b, 0xb8 + (dst & 7), -1, -1, dst);
        put32(b, (uint32_t)imm);
        return;
    case 64:
        break;
    default:
        assert(!"bad width");
        return;
    }
    if (imm <= UINT32_MAX) {
        /* A 32-bit write zero-extends, so this is the shortest exact form. */
        opcode(b, 0xb8 + (dst & 7), -1, -1, dst);
        put32(b, (uint32_t)imm);
    } else if (fits32((int64_t)imm)) {
        op_rr(b, 0xc7 | P_W, 0, dst);
        put32(b, (uint32_t)imm);
    } else {
        opcode(b, (0xb8 + (dst & 7)) | P_W, -1, -1, dst);
        put64(b, imm);
    }
}

void x86_load(struct x86_buf *b, int size, bool sign, int w, int dst, struct x86_mem m)
{
    assert(is_gpr(dst));
    assert(size == 1 || size == 2 || size == 4 || size == 8);
    assert(size * 8 <= w);
    if (!room(b))
        return;
    if (size * 8 == w) {
        if (w == 8)
            op_rm(b, 0x8a | P_BREG, dst, m);
        else
            op_rm(b, 0x8b | wflags(w), dst, m);
        return;
    }
    if (!sign) {
        /* 32-bit destination writes already clear bits 32-63: no REX.W needed. */
        int ew = w == 64 ? 32 : w;
        if (size == 4)
            op_rm(b, 0x8b, dst, m);
        else
            op_rm(b, (size == 1 ? 0xb6 : 0xb7) | P_0F | wflags(ew), dst, m);
        return;
    }
    if (size == 4)
        op_rm(b, 0x63 | P_W, dst, m);          /* movsxd */
    else
        op_rm(b, (size == 1 ? 0xbe : 0xbf) | P_0F | wflags(w), dst, m);
}

void x86_store(struct x86_buf *b, int size, int src, struct x86_mem m)
{
    assert(is_gpr(src));
    if (!room(b))
        return;
    if (size == 1)
        op_rm(b, 0x88 | P_BREG, src, m);
    else
        op_rm(b, 0x89 | wflags(size * 8), src, m);
}

void x86_store_imm(struct x86_buf *b, int size, int32_t imm, struct x86_mem m)
{
    if (!room(b))
        return;
    if (size == 1)
        op_rm(b, 0xc6, 0, m);
    else
        op_rm(b, 0xc7 | wflags(size * 8), 0, m);
    put_imm(b, size * 8, imm);
}

void x86_lea(struct x86_buf *b, int w, int dst, struct x86_mem m)
{
    assert(is_gpr(dst) && w != 8);
    if (!room(b))
        return;
    op_rm(b, 0x8d | wflags(w), dst, m);
}

void x86_ext_rr(struct x86_buf *b, int size, bool sign, int w, int dst, int src)
{
    assert(is_gpr(dst) && is_gpr(src));
    assert(size == 1 || size == 2 || size == 4 || size == 8);
    if (!room(b))
        return;
    if (size * 8 >= w) {
        mov_rr(b, w, dst, src);                /* nothing to extend: a (truncating) copy */
        return;
    }
    if (!sign) {
        int ew = w == 64 ? 32 : w;
        if (size == 4)
            mov_rr(b, 32, dst, src);
        else if (size == 1)
            op_rr(b, 0xb6 | P_0F | P_BRM | wflags(ew), dst, src);
        else
            op_rr(b, 0xb7 | P_0F | wflags(ew), dst, src);
        return;
    }
    if (size == 4)
        op_rr(b, 0x63 | P_W, dst, src);
    else if (size == 1)
        op_rr(b, 0xbe | P_0F | P_BRM | wflags(w), dst, src);
    else
        op_rr(b, 0xbf | P_0F | wflags(w), dst, src);
}

void x86_movbe_load(struct x86_buf *b, int size, int dst, struct x86_mem m)
{
    assert(is_gpr(dst) && size != 1);
    if (!room(b))
        return;
    op_rm(b, 0xf0 | P_0F38 | wflags(size * 8), dst, m);
}

void x86_movbe_store(struct x86_buf *b, int size, int src, struct x86_mem m)
{
    assert(is_gpr(src) && size != 1);
    if (!room(b))
        return;
    op_rm(b, 0xf1 | P_0F38 | wflags(size * 8), src, m);
}

/* --- integer arithmetic --- */

/* Group-1 opcodes: op*8 + 0 (r/m8, r8), +1 (r/m, r), +2 (r8, r/m8), +3 (r, r/m). */
static unsigned alu_opc(enum x86_alu op, int w, bool to_reg)
{
    unsigned base = (unsigned)op * 8 + (to_reg ? 2 : 0);
    return w == 8 ? base | P_BREG | P_BRM : (base + 1) | wflags(w);
}

static int32_t imm_for_width(int w, int32_t imm)
{
    /* The hardware sign-extends imm8, so judge "fits" on the value as the width sees it. */
    return w == 8 ? (int8_t)imm : w == 16 ? (int16_t)imm : imm;
}

void x86_alu_rr(struct x86_buf *b, enum x86_alu op, int w, int dst, int src)
{
    assert(is_gpr(dst) && is_gpr(src));
    if (!room(b))
        return;
    op_rr(b, alu_opc(op, w, false), src, dst);
}

void x86_alu_ri(struct x86_buf *b, enum x86_alu op, int w, int dst, int32_t imm)
{
    assert(is_gpr(dst));
    if (!room(b))
        return;
    imm = imm_for_width(w, imm);
    if (w == 8) {
        if (dst == RAX)
            opcode(b, (unsigned)op * 8 + 4, -1, -1, -1);
        else
            op_rr(b, 0x80 | P_BRM, (int)op, dst);
        put8(b, (uint32_t)imm);
    } else if (fits8(imm)) {
        op_rr(b, 0x83 | wflags(w), (int)op, dst);
        put8(b, (uint32_t)imm);
    } else {
        if (dst == RAX)                        /* accumulator form saves the ModRM */
            opcode(b, ((unsigned)op * 8 + 5) | wflags(w), -1, -1, -1);
        else
            op_rr(b, 0x81 | wflags(w), (int)op, dst);
        put_imm(b, w, imm);
    }
}

void x86_alu_rm(struct x86_buf *b, enum x86_alu op, int w, int dst, struct x86_mem m)
{
    assert(is_gpr(dst));
    if (!room(b))
        return;
    op_rm(b, alu_opc(op, w, true), dst, m);
}

void x86_alu_mr(struct x86_buf *b, enum x86_alu op, int w, struct x86_mem m, int src)
{
    assert(is_gpr(src));
    if (!room(b))
        return;
    op_rm(b, alu_opc(op, w, false), src, m);
}

void x86_alu_mi(struct x86_buf *b, enum x86_alu op, int w, struct x86_mem m, int32_t imm)
{
    if (!room(b))
        return;
    imm = imm_for_width(w, imm);
    if (w == 8) {
        op_rm(b, 0x80, (int)op, m);
        put8(b, (uint32_t)imm);
    } else if (fits8(imm)) {
        op_rm(b, 0x83 | wflags(w), (int)op, m);
        put8(b, (uint32_t)imm);
    } else {
        op_rm(b, 0x81 | wflags(w), (int)op, m);
        put_imm(b, w, imm);
    }
}

void x86_test_rr(struct x86_buf *b, int w, int a, int c)
{
    assert(is_gpr(a) && is_gpr(c));
    if (!room(b))
        return;
    op_rr(b, w == 8 ? 0x84 | P_BREG | P_BRM : 0x85 | wflags(w), c, a);
}

void x86_test_ri(struct x86_buf *b, int w, int r, int32_t imm)
{
    assert(is_gpr(r));
    if (!room(b))
        return;
    /* test has no sign-extended imm8 form; the accumulator form is the short one. */
    if (r == RAX)
        opcode(b, w == 8 ? 0xa8 : 0xa9 | wflags(w), -1, -1, -1);
    else
        op_rr(b, w == 8 ? 0xf6 | P_BRM : 0xf7 | wflags(w), 0, r);
    put_imm(b, w, imm);
}

void x86_test_mi(struct x86_buf *b, int size, struct x86_mem m, int32_t imm)
{
    if (!room(b))
        return;
    op_rm(b, size == 1 ? 0xf6 : 0xf7 | wflags(size * 8), 0, m);
    put_imm(b, size * 8, imm);
}

static unsigned grp_opc(unsigned byte_opc, int w)
{
    return w == 8 ? byte_opc | P_BRM : (byte_opc + 1) | wflags(w);
}

void x86_shift_ri(struct x86_buf *b, enum x86_shift op, int w, int dst, uint8_t imm)
{
    assert(is_gpr(dst));
    if (!room(b))
        return;
    if (imm == 1) {
        op_rr(b, grp_opc(0xd0, w), (int)op, dst);
    } else {
        op_rr(b, grp_opc(0xc0, w), (int)op, dst);
        put8(b, imm);
    }
}

void x86_shift_cl(struct x86_buf *b, enum x86_shift op, int w, int dst)
{
    assert(is_gpr(dst));
    if (!room(b))
        return;
    op_rr(b, grp_opc(0xd2, w), (int)op, dst);
}

void x86_shiftx(struct x86_buf *b, enum x86_shift op, int w, int dst, int src, int cnt)
{
    assert(is_gpr(dst) && is_gpr(src) && is_gpr(cnt));
    assert(w == 32 || w == 64);
    assert(op == SH_SHL || op == SH_SHR || op == SH_SAR);
    if (!room(b))
        return;
    /* VEX.LZ.{66,F2,F3}.0F38.W F7 /r: only the three-byte VEX reaches map 0F38. The
     * R/X/B bits and vvvv (the count register) are stored inverted. */
    unsigned pp = op == SH_SHL ? 1 : op == SH_SAR ? 2 : 3;
    put8(b, 0xc4);
    put8(b, (unsigned)(!(dst & 8)) << 7 | 1u << 6 | (unsigned)(!(src & 8)) << 5 | 0x02);
    put8(b, (unsigned)(w == 64) << 7 | (~(unsigned)cnt & 15) << 3 | pp);
    put8(b, 0xf7);
    modrm(b, 3, dst, src);
}

void x86_unary(struct x86_buf *b, enum x86_unop op, int w, int r)
{
    assert(is_gpr(r));
    if (!room(b))
        return;
    op_rr(b, grp_opc(0xf6, w), (int)op, r);
}

void x86_imul_rr(struct x86_buf *b, int w, int dst, int src)
{
    assert(is_gpr(dst) && is_gpr(src) && w != 8);
    if (!room(b))
        return;
    op_rr(b, 0xaf | P_0F | wflags(w), dst, src);
}

void x86_imul_rri(struct x86_buf *b, int w, int dst, int src, int32_t imm)
{
    assert(is_gpr(dst) && is_gpr(src) && w != 8);
    if (!room(b))
        return;
    imm = imm_for_width(w, imm);
    if (fits8(imm)) {
        op_rr(b, 0x6b | wflags(w), dst, src);
        put8(b, (uint32_t)imm);
    } else {
        op_rr(b, 0x69 | wflags(w), dst, src);
        put_imm(b, w, imm);
    }
}

void x86_bswap(struct x86_buf *b, int w, int r)
{
    assert(is_gpr(r) && (w == 32 || w == 64));
    if (!room(b))
        return;
    opcode(b, (0xc8 + (r & 7)) | P_0F | wflags(w), -1, -1, r);
}

void x86_rol16_8(struct x86_buf *b, int r)
{
    assert(is_gpr(r));
    if (!room(b))
        return;
    op_rr(b, 0xc1 | P_66, SH_ROL, r);
    put8(b, 8);
}

static void bitscan(struct x86_buf *b, unsigned f, int w, int dst, int src)
{
    assert(is_gpr(dst) && is_gpr(src) && w != 8);
    if (!room(b))
        return;
    op_rr(b, f | P_0F | wflags(w), dst, src);
}

void x86_bsr(struct x86_buf *b, int w, int dst, int src) { bitscan(b, 0xbd, w, dst, src); }
void x86_bsf(struct x86_buf *b, int w, int dst, int src) { bitscan(b, 0xbc, w, dst, src); }
void x86_lzcnt(struct x86_buf *b, int w, int dst, int src) { bitscan(b, 0xbd | P_F3, w, dst, src); }
void x86_tzcnt(struct x86_buf *b, int w, int dst, int src) { bitscan(b, 0xbc | P_F3, w, dst, src); }
void x86_popcnt(struct x86_buf *b, int w, int dst, int src) { bitscan(b, 0xb8 | P_F3, w, dst, src); }

void x86_setcc(struct x86_buf *b, enum x86_cc cc, int r8)
{
    assert(is_gpr(r8));
    if (!room(b))
        return;
    op_rr(b, (0x90 + ((unsigned)cc & 15)) | P_0F | P_BRM, 0, r8);
}

void x86_cmov(struct x86_buf *b, enum x86_cc cc, int w, int dst, int src)
{
    assert(is_gpr(dst) && is_gpr(src) && w != 8);
    if (!room(b))
        return;
    op_rr(b, (0x40 + ((unsigned)cc & 15)) | P_0F | wflags(w), dst, src);
}

void x86_cdq(struct x86_buf *b, int w)
{
    assert(w != 8);
    if (!room(b))
        return;
    opcode(b, 0x99 | wflags(w), -1, -1, -1);
}

void x86_xchg_rr(struct x86_buf *b, int w, int a, int c)
{
    assert(is_gpr(a) && is_gpr(c));
    if (!room(b))
        return;
    /* Always the ModRM form: the one-byte 90+r form with eax,eax would be a nop and
     * would not zero-extend. */
    op_rr(b, w == 8 ? 0x86 | P_BREG | P_BRM : 0x87 | wflags(w), c, a);
}

/* --- atomics and barriers --- */

static void lock_rm(struct x86_buf *b, unsigned byte_opc, unsigned f, int size,
                    struct x86_mem m, int src)
{
    assert(is_gpr(src));
    if (!room(b))
        return;
    if (size == 1)
        op_rm(b, byte_opc | f | P_BREG, src, m);
    else
        op_rm(b, (byte_opc + 1) | f | wflags(size * 8), src, m);
}

void x86_lock_cmpxchg(struct x86_buf *b, int size, struct x86_mem m, int src)
{
    lock_rm(b, 0xb0, P_LOCK | P_0F, size, m, src);
}

void x86_lock_xadd(struct x86_buf *b, int size, struct x86_mem m, int src)
{
    lock_rm(b, 0xc0, P_LOCK | P_0F, size, m, src);
}

void x86_xchg_mr(struct x86_buf *b, int size, struct x86_mem m, int src)
{
    lock_rm(b, 0x86, 0, size, m, src);
}

void x86_lock_cmpxchg16b(struct x86_buf *b, struct x86_mem m)
{
    if (!room(b))
        return;
    op_rm(b, 0xc7 | P_LOCK | P_0F | P_W, 1, m);
}

void x86_mfence(struct x86_buf *b)
{
    if (!room(b))
        return;
    put8(b, 0x0f);
    put8(b, 0xae);
    put8(b, 0xf0);
}

/* --- control flow --- */

/* rel32 from the end of an instruction at `end` to target. A NULL target is a
 * placeholder for a branch that will be patched (encoded as a jump to the next
 * instruction); any other target must be within reach. */
static uint32_t rel32_to(const uint8_t *end, const uint8_t *target)
{
    if (target == NULL)
        return 0;
    int64_t rel = (int64_t)((uintptr_t)target - (uintptr_t)end);
    assert(fits32(rel));
    return (uint32_t)rel;
}

uint32_t x86_jmp_rel32(struct x86_buf *b, const uint8_t *target)
{
    if (!room(b))
        return 0;                              /* nothing written; overflow is set */
    put8(b, 0xe9);
    uint32_t off = (uint32_t)(b->p - b->start);
    put32(b, rel32_to(b->p + 4, target));
    return off;
}

uint32_t x86_jcc_rel32(struct x86_buf *b, enum x86_cc cc, const uint8_t *target)
{
    if (!room(b))
        return 0;
    put8(b, 0x0f);
    put8(b, 0x80 + ((unsigned)cc & 15));
    uint32_t off = (uint32_t)(b->p - b->start);
    put32(b, rel32_to(b->p + 4, target));
    return off;
}

/* Displacement of a two-byte short branch at the cursor; false if out of reach. */
static bool rel8_to(const struct x86_buf *b, const uint8_t *target, int8_t *rel)
{
    int64_t d = (int64_t)((uintptr_t)target - (uintptr_t)(b->p + 2));
    if (!fits8(d))
        return false;
    *rel = (int8_t)d;
    return true;
}

/* The short-branch functions answer only "is it in reach": when the buffer is full
 * they return true after setting overflow, so callers do not fall back needlessly. */
bool x86_jmp_rel8(struct x86_buf *b, const uint8_t *target)
{
    int8_t rel;
    if (!rel8_to(b, target, &rel))
        return false;
    if (!room(b))
        return true;
    put8(b, 0xeb);
    put8(b, (uint8_t)rel);
    return true;
}

bool x86_jcc_rel8(struct x86_buf *b, enum x86_cc cc, const uint8_t *target)
{
    int8_t rel;
    if (!rel8_to(b, target, &rel))
        return false;
    if (!room(b))
        return true;
    put8(b, 0x70 + ((unsigned)cc & 15));
    put8(b, (uint8_t)rel);
    return true;
}

void x86_jmp_r(struct x86_buf *b, int r)
{
    assert(is_gpr(r));
    if (!room(b))
        return;
    op_rr(b, 0xff, 4, r);                      /* near jumps/calls are 64-bit without REX.W */
}

void x86_jmp_m(struct x86_buf *b, struct x86_mem m)
{
    if (!room(b))
        return;
    op_rm(b, 0xff, 4, m);
}

void x86_call_r(struct x86_buf *b, int r)
{
    assert(is_gpr(r));
    if (!room(b))
        return;
    op_rr(b, 0xff, 2, r);
}

/* A far target clobbers r11: it is caller-saved and carries no argument in the SysV
 * ABI, so a call site never needs its old value. */
void x86_call_abs(struct x86_buf *b, const void *target)
{
    if (!room(b))
        return;
    int64_t rel = (int64_t)((uintptr_t)target - (uintptr_t)(b->p + 5));
    if (fits32(rel)) {
        put8(b, 0xe8);
        put32(b, (uint32_t)rel);
        return;
    }
    opcode(b, (0xb8 + (R11 & 7)) | P_W, -1, -1, R11);
    put64(b, (uint64_t)(uintptr_t)target);
    op_rr(b, 0xff, 2, R11);
}

void x86_ret(struct x86_buf *b)
{
    if (!room(b))
        return;
    put8(b, 0xc3);
}

void x86_push(struct x86_buf *b, int r)
{
    assert(is_gpr(r));
    if (!room(b))
        return;
    opcode(b, 0x50 + (r & 7), -1, -1, r);
}

void x86_pop(struct x86_buf *b, int r)
{
    assert(is_gpr(r));
    if (!room(b))
        return;
    opcode(b, 0x58 + (r & 7), -1, -1, r);
}

/* The nop forms the Intel optimization manual recommends, 1 to 9 bytes long:
 * 0F 1F /0 with growing ModRM/SIB/displacement, plus an operand-size prefix. */
static const uint8_t nops[9][9] = {
    { 0x90 },
    { 0x66, 0x90 },
    { 0x0f, 0x1f, 0x00 },
    { 0x0f, 0x1f, 0x40, 0x00 },
    { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
    { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
    { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
    { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

void x86_nop(struct x86_buf *b, int n)
{
    if (n <= 0)
        return;
    /* All or nothing, like every other call, even when n exceeds X86_MAX_INSN. */
    if (!room(b) || b->end - b->p < n) {
        b->overflow = true;
        return;
    }
    while (n > 0) {
        int k = n > 9 ? 9 : n;
        memcpy(b->p, nops[k - 1], (size_t)k);
        b->p += k;
        n -= k;
    }
}

void x86_ud2(struct x86_buf *b)
{
    if (!room(b))
        return;
    put8(b, 0x0f);
    put8(b, 0x0b);
}

void x86_int3(struct x86_buf *b)
{
    if (!room(b))
        return;
    put8(b, 0xcc);
}

void x86_patch_rel32(uint8_t *base, uint32_t off, const uint8_t *target)
{
    uint8_t *field = base + off;
    uint32_t rel = rel32_to(field + 4, target);
    /* Chained blocks are patched while other threads may run the code: an aligned
     * 4-byte store is single-copy atomic, so they see the old or the new branch. */
    if (((uintptr_t)field & 3) == 0) {
        __atomic_store_n((uint32_t *)(void *)field, rel, __ATOMIC_RELEASE);
    } else {
        uint8_t le[4] = { (uint8_t)rel, (uint8_t)(rel >> 8), (uint8_t)(rel >> 16),
                          (uint8_t)(rel >> 24) };
        memcpy(field, le, 4);
    }
}

/* --- SSE --- */

static unsigned scalar_prefix(bool dbl) { return dbl ? P_F2 : P_F3; }

void x86_sse_rr(struct x86_buf *b, enum x86_sse_op op, bool dbl, int dst, int src)
{
    assert(is_xmm(dst) && is_xmm(src));
    if (!room(b))
        return;
    op_rr(b, (unsigned)op | P_0F | scalar_prefix(dbl), dst, src);
}

void x86_sse_rm(struct x86_buf *b, enum x86_sse_op op, bool dbl, int dst, struct x86_mem m)
{
    assert(is_xmm(dst));
    if (!room(b))
        return;
    op_rm(b, (unsigned)op | P_0F | scalar_prefix(dbl), dst, m);
}

void x86_movsd_load(struct x86_buf *b, bool dbl, int dst, struct x86_mem m)
{
    assert(is_xmm(dst));
    if (!room(b))
        return;
    op_rm(b, 0x10 | P_0F | scalar_prefix(dbl), dst, m);
}

void x86_movsd_store(struct x86_buf *b, bool dbl, int src, struct x86_mem m)
{
    assert(is_xmm(src));
    if (!room(b))
        return;
    op_rm(b, 0x11 | P_0F | scalar_prefix(dbl), src, m);
}

void x86_movq_xr(struct x86_buf *b, int w, int xmm, int gpr)
{
    assert(is_xmm(xmm) && is_gpr(gpr) && (w == 32 || w == 64));
    if (!room(b))
        return;
    op_rr(b, 0x6e | P_66 | P_0F | wflags(w), xmm, gpr);
}

void x86_movq_rx(struct x86_buf *b, int w, int gpr, int xmm)
{
    assert(is_xmm(xmm) && is_gpr(gpr) && (w == 32 || w == 64));
    if (!room(b))
        return;
    op_rr(b, 0x7e | P_66 | P_0F | wflags(w), xmm, gpr);
}

void x86_movdqu_load(struct x86_buf *b, int dst, struct x86_mem m)
{
    assert(is_xmm(dst));
    if (!room(b))
        return;
    op_rm(b, 0x6f | P_F3 | P_0F, dst, m);
}

void x86_movdqu_store(struct x86_buf *b, int src, struct x86_mem m)
{
    assert(is_xmm(src));
    if (!room(b))
        return;
    op_rm(b, 0x7f | P_F3 | P_0F, src, m);
}

void x86_movaps_rr(struct x86_buf *b, int dst, int src)
{
    assert(is_xmm(dst) && is_xmm(src));
    if (!room(b))
        return;
    op_rr(b, 0x28 | P_0F, dst, src);
}

void x86_ucomis(struct x86_buf *b, bool dbl, int a, int c)
{
    assert(is_xmm(a) && is_xmm(c));
    if (!room(b))
        return;
    op_rr(b, 0x2e | P_0F | (dbl ? P_66 : 0), a, c);
}

void x86_comis(struct x86_buf *b, bool dbl, int a, int c)
{
    assert(is_xmm(a) && is_xmm(c));
    if (!room(b))
        return;
    op_rr(b, 0x2f | P_0F | (dbl ? P_66 : 0), a, c);
}

void x86_cvtsi2s(struct x86_buf *b, bool dbl, int w, int dst_xmm, int src_gpr)
{
    assert(is_xmm(dst_xmm) && is_gpr(src_gpr) && (w == 32 || w == 64));
    if (!room(b))
        return;
    op_rr(b, 0x2a | P_0F | scalar_prefix(dbl) | wflags(w), dst_xmm, src_gpr);
}

void x86_cvtts2si(struct x86_buf *b, bool dbl, int w, int dst_gpr, int src_xmm)
{
    assert(is_gpr(dst_gpr) && is_xmm(src_xmm) && (w == 32 || w == 64));
    if (!room(b))
        return;
    op_rr(b, 0x2c | P_0F | scalar_prefix(dbl) | wflags(w), dst_gpr, src_xmm);
}

void x86_cvts2si(struct x86_buf *b, bool dbl, int w, int dst_gpr, int src_xmm)
{
    assert(is_gpr(dst_gpr) && is_xmm(src_xmm) && (w == 32 || w == 64));
    if (!room(b))
        return;
    op_rr(b, 0x2d | P_0F | scalar_prefix(dbl) | wflags(w), dst_gpr, src_xmm);
}

void x86_cvtss2sd(struct x86_buf *b, int dst, int src)
{
    assert(is_xmm(dst) && is_xmm(src));
    if (!room(b))
        return;
    op_rr(b, 0x5a | P_0F | P_F3, dst, src);
}

void x86_cvtsd2ss(struct x86_buf *b, int dst, int src)
{
    assert(is_xmm(dst) && is_xmm(src));
    if (!room(b))
        return;
    op_rr(b, 0x5a | P_0F | P_F2, dst, src);
}

void x86_sse_66_rr(struct x86_buf *b, uint8_t op, int dst, int src)
{
    /* Some 66 0F ops take a general register on one side (movmskpd, pextrw): allow
     * any register and let the opcode decide what it means. */
    assert((is_gpr(dst) || is_xmm(dst)) && (is_gpr(src) || is_xmm(src)));
    if (!room(b))
        return;
    op_rr(b, op | P_66 | P_0F, dst, src);
}

void x86_rounds(struct x86_buf *b, bool dbl, int dst, int src, uint8_t mode)
{
    assert(is_xmm(dst) && is_xmm(src));
    if (!room(b))
        return;
    op_rr(b, (dbl ? 0x0b : 0x0a) | P_66 | P_0F3A, dst, src);
    put8(b, mode);
}

void x86_cmps(struct x86_buf *b, bool dbl, uint8_t pred, int dst, int src)
{
    assert(is_xmm(dst) && is_xmm(src) && pred < 8);
    if (!room(b))
        return;
    op_rr(b, 0xc2 | P_0F | scalar_prefix(dbl), dst, src);
    put8(b, pred);
}

void x86_ldmxcsr(struct x86_buf *b, struct x86_mem m)
{
    if (!room(b))
        return;
    op_rm(b, 0xae | P_0F, 2, m);
}

void x86_stmxcsr(struct x86_buf *b, struct x86_mem m)
{
    if (!room(b))
        return;
    op_rm(b, 0xae | P_0F, 3, m);
}
