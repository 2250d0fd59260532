/* Lane-wise integer arithmetic on 64-bit IR temps ("SIMD within a register"), the
 * building blocks that let the A64 AdvSIMD translator do common integer vector
 * instructions inline instead of calling a helper.
 * Contract: a temp holds 8 >> size lanes of 8 << size bits (size 0..3; size 3 is one
 * 64-bit lane). No operation carries or borrows across lanes. Compares return lane
 * masks: all ones where the relation holds, zero elsewhere. Every function returns a
 * fresh a64_tmp() and leaves its operands alone. */
#ifndef TARGET_ARM_TRANSLATE_A64_SWAR_H
#define TARGET_ARM_TRANSLATE_A64_SWAR_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/translate-a64.h"

/* The constant v (of 8 << size bits) in every lane. */
uint64_t swar_rep(unsigned size, uint64_t v);

ir_i64 swar_add(struct a64_dc *s, unsigned size, ir_i64 a, ir_i64 b);
ir_i64 swar_sub(struct a64_dc *s, unsigned size, ir_i64 a, ir_i64 b);
ir_i64 swar_neg(struct a64_dc *s, unsigned size, ir_i64 a);

/* Relations for swar_cmp: a == b, (a & b) != 0, and the ordered ones (unsigned HS/HI,
 * signed GE/GT). */
enum swar_rel { SW_EQ, SW_TST, SW_HS, SW_HI, SW_GE, SW_GT };
ir_i64 swar_cmp(struct a64_dc *s, unsigned size, enum swar_rel rel, ir_i64 a, ir_i64 b);
/* max or min of a and b, signed or unsigned. */
ir_i64 swar_minmax(struct a64_dc *s, unsigned size, bool max, bool sign, ir_i64 a, ir_i64 b);

/* Shifts by a constant: sh < 8 << size for shl; shr/sar accept sh == 8 << size (all
 * bits shifted out: zero, or copies of the sign). */
ir_i64 swar_shl(struct a64_dc *s, unsigned size, ir_i64 a, unsigned sh);
ir_i64 swar_shr(struct a64_dc *s, unsigned size, ir_i64 a, unsigned sh);
ir_i64 swar_sar(struct a64_dc *s, unsigned size, ir_i64 a, unsigned sh);

/* Narrowing: the low halves of a's lanes of size 'size' (>= 1), packed into the low
 * 32 bits of the result (upper bits zero). */
ir_i64 swar_narrow(struct a64_dc *s, unsigned size, ir_i64 a);
/* Widening: the lanes of size 'size' (<= 2) in bits 31:0 of a (the low half, part 0)
 * or 63:32 (part 1), zero- or sign-extended to lanes of size + 1. */
ir_i64 swar_widen(struct a64_dc *s, unsigned size, ir_i64 a, unsigned part, bool sign);

#endif
