/* A64 AdvSIMD groups with one register source: two-register miscellaneous, across
 * lanes (and the scalar pairwise forms that share its encoding), and shifts by an
 * immediate. Each instruction is one helper call (helper-a64-simd.h) once the
 * encoding is known to be allocated. */
#include "target/arm/translate-a64-simd.h"

#include "target/arm/helper-a64-simd.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return a64_field(insn, pos, len);
}

enum { FP_CLS_MISC = 1, FP_CLS_ACROSS = 2, FP_CLS_FIXED = 3 };

static bool call_fp(struct a64_dc *s, uint32_t insn, unsigned key, unsigned esize,
                    unsigned cls, unsigned imm)
{
    bool q = field(insn, 30, 1), scalar = field(insn, 28, 1);
    if (!a64_simd_fp_ok(cls << 8 | key, esize, q, scalar))
        return false;
    uint32_t desc = a64_sdesc(key, esize, q, field(insn, 0, 5), field(insn, 5, 5), 0, scalar,
                              q && !scalar);
    a64_simd_helper(s, (void *)helper_a64_simd_fp, desc, cls << 8 | imm);
    return true;
}

static bool call_int(struct a64_dc *s, uint32_t insn, void *fn, unsigned op, unsigned size,
                     unsigned imm)
{
    bool q = field(insn, 30, 1), scalar = field(insn, 28, 1);
    uint32_t desc = a64_sdesc(op, size, q, field(insn, 0, 5), field(insn, 5, 5), 0, scalar,
                              q && !scalar);
    a64_simd_helper(s, fn, desc, imm);
    return true;
}

/* Opcodes of two-register misc that are floating point (with size<1> as 'a'). */
static bool misc_is_fp(unsigned opcode, unsigned size)
{
    return opcode >= 0x16 || (opcode >= 0x0c && opcode <= 0x0f && size >= 2);
}

bool a64_simd_misc(struct a64_dc *s, uint32_t insn)
{
    unsigned size = field(insn, 22, 2), opcode = field(insn, 12, 5), u = field(insn, 29, 1);
    bool q = field(insn, 30, 1), scalar = field(insn, 28, 1);

    if (misc_is_fp(opcode, size)) {
        unsigned key = u << 6 | (size >> 1) << 5 | opcode;
        return call_fp(s, insn, key, size & 1 ? 3 : 2, FP_CLS_MISC, 0);
    }
    unsigned op = u << 5 | opcode;
    if (!a64_simd_misc_ok(op, size, q, scalar))
        return false;
    if (a64_simd_int_misc(s, insn))
        return true;
    return call_int(s, insn, (void *)helper_a64_simd_misc, op, size, 0);
}

bool a64_simd_across(struct a64_dc *s, uint32_t insn)
{
    unsigned size = field(insn, 22, 2), opcode = field(insn, 12, 5), u = field(insn, 29, 1);
    bool q = field(insn, 30, 1), scalar = field(insn, 28, 1);

    if (u && (opcode == 0x0c || opcode == 0x0d || opcode == 0x0f)) {
        unsigned key = 0x40 | (size >> 1) << 5 | opcode;
        return call_fp(s, insn, key, size & 1 ? 3 : 2, FP_CLS_ACROSS, 0);
    }
    unsigned op = 0x40 | u << 5 | opcode;
    if (!a64_simd_misc_ok(op, size, q, scalar))
        return false;
    return call_int(s, insn, (void *)helper_a64_simd_misc, op, size, 0);
}

/* Shift by immediate: immh:immb gives the element size (immh's top bit) and the
 * amount, counted down from twice the element size for right shifts and up from the
 * element size for left shifts. */
bool a64_simd_shift_imm(struct a64_dc *s, uint32_t insn)
{
    unsigned immh = field(insn, 19, 4), immhb = field(insn, 16, 7), opcode = field(insn, 11, 5);
    unsigned u = field(insn, 29, 1), size = 31 - (unsigned)__builtin_clz(immh);
    unsigned esize = 8u << size, op = u << 5 | opcode;
    bool q = field(insn, 30, 1), scalar = field(insn, 28, 1);
    bool left = opcode == 0x0a || opcode == 0x0c || opcode == 0x0e || opcode == 0x14;

    if (opcode == 0x1c || opcode == 0x1f) {         /* [SU]CVTF, FCVTZ[SU] fixed point */
        if (size < 2)
            return false;
        return call_fp(s, insn, u << 6 | opcode, size, FP_CLS_FIXED, 2 * esize - immhb);
    }
    if (!a64_simd_shift_ok(op, size, q, scalar))
        return false;
    unsigned sh = left ? immhb - esize : 2 * esize - immhb;
    if (a64_simd_int_shift(s, insn, op, size, sh))
        return true;
    return call_int(s, insn, (void *)helper_a64_simd_shift, op, size, sh);
}
