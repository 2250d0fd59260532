/* IR building blocks shared by the A64 FP, AdvSIMD and crypto decoders
 * (translate-a64-fp.c, translate-a64-simd*.c, translate-a64-crypto.c).
 * Contract: V registers are not IR globals; they are read and written in the CPU state
 * through ir->env, 64 bits (or one element) at a time. A decoder reads every source
 * it needs before it writes any destination, so overlapping registers behave as the
 * ARM pseudocode says. Temps returned here are a64_tmp() temps (freed by the TB loop).
 * Helpers called through a64_vcall() touch no IR global and never raise. */
#ifndef TARGET_ARM_TRANSLATE_A64_SIMD_H
#define TARGET_ARM_TRANSLATE_A64_SIMD_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/translate-a64.h"

enum { A64_FP_CALL = CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE };

static inline uint32_t a64_field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

/* Element idx of 1 << esize bytes of V<n>, zero-extended (or sign-extended: 'sign'). */
ir_i64 a64_velem(struct a64_dc *s, int n, unsigned esize, unsigned idx, bool sign);
/* Stores the low 1 << esize bytes of v as element idx of V<n>; nothing else changes. */
void a64_set_velem(struct a64_dc *s, int n, unsigned esize, unsigned idx, ir_i64 v);
/* The 64-bit half (0 low, 1 high) of V<n>. */
ir_i64 a64_vhalf(struct a64_dc *s, int n, unsigned half);
void a64_set_vhalf(struct a64_dc *s, int n, unsigned half, ir_i64 v);
/* Writes a scalar result: v (already zero-extended) into bits 63:0, zeros above. */
void a64_set_vscalar(struct a64_dc *s, int n, ir_i64 v);
/* Zeroes bits 127:64 of V<n> (every 64-bit vector result does). */
void a64_clear_vhigh(struct a64_dc *s, int n);

/* op (IR_FADD ... IR_FSQRT; b unused for FSQRT) on one double (dbl) or single held
 * zero-extended in an i64: an inline host float op when the TB was translated with
 * FPCR RMode, FZ and DN clear (exceptional results and flags as the architecture's,
 * through the direct helpers as fallback), else the direct helper. */
ir_i64 a64_gen_fop(struct a64_dc *s, enum ir_fop op, bool dbl, ir_i64 a, ir_i64 b);

/* fn(env, args..., desc) with A64_FP_CALL flags; returns the result temp (or nothing:
 * has_ret false). */
ir_i64 a64_vcall(struct a64_dc *s, void *fn, bool has_ret, uint32_t desc, unsigned n,
                 const uint16_t *args);

/* helper(env, desc, imm) for the helper-a64-simd.h helpers. */
void a64_simd_helper(struct a64_dc *s, void *fn, uint32_t desc, uint32_t imm);
/* Bitwise logic of whole registers inline: d = f(n, m, d) for 64 or 128 bits. */
enum a64_logic { AL_AND, AL_BIC, AL_ORR, AL_ORN, AL_EOR, AL_BSL, AL_BIT, AL_BIF };
void a64_gen_logic(struct a64_dc *s, enum a64_logic op, bool q, int rd, int rn, int rm);

/* The decoder groups of AdvSIMD data processing (translate-a64-simd-*.c); each returns
 * false for encodings it does not implement. */
bool a64_simd_three_same(struct a64_dc *s, uint32_t insn);
bool a64_simd_three_diff(struct a64_dc *s, uint32_t insn);
bool a64_simd_three_extra(struct a64_dc *s, uint32_t insn);
bool a64_simd_misc(struct a64_dc *s, uint32_t insn);
bool a64_simd_across(struct a64_dc *s, uint32_t insn);
bool a64_simd_copy(struct a64_dc *s, uint32_t insn);
bool a64_simd_modimm(struct a64_dc *s, uint32_t insn);
bool a64_simd_shift_imm(struct a64_dc *s, uint32_t insn);
bool a64_simd_elem(struct a64_dc *s, uint32_t insn);
bool a64_simd_permute(struct a64_dc *s, uint32_t insn);
bool a64_simd_ext(struct a64_dc *s, uint32_t insn);
bool a64_simd_table(struct a64_dc *s, uint32_t insn);

/* Inline forms of common integer operations (translate-a64-simd-int.c), tried once an
 * encoding is known to be allocated; false leaves the instruction to the helper.
 * For shifts: op = U:opcode, size the lane size and sh the amount, as decoded. */
bool a64_simd_int_same(struct a64_dc *s, uint32_t insn);
bool a64_simd_int_misc(struct a64_dc *s, uint32_t insn);
bool a64_simd_int_shift(struct a64_dc *s, uint32_t insn, unsigned op, unsigned size,
                        unsigned sh);

#endif
