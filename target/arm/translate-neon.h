/* IR building blocks shared by the Advanced SIMD decoders (translate-neon*.c).
 * Contract: D registers are read and written as whole 64-bit values in env (they are
 * not IR globals); a Q register n is D<2n>, D<2n+1>. A decoder loads every source it
 * needs before it stores any result, so overlapping operands behave as the ARM
 * pseudocode says. Values returned here are fresh temps owned by the caller;
 * neon_st() frees the value it stores. */
#ifndef TARGET_ARM_TRANSLATE_NEON_H
#define TARGET_ARM_TRANSLATE_NEON_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/translate.h"

enum { NEON_CALL_ENV = CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE };

static inline uint32_t neon_field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}
/* D:Vd, N:Vn and M:Vm register numbers of the usual encoding. */
static inline int neon_vd(uint32_t insn)
{
    return (int)(neon_field(insn, 22, 1) << 4 | neon_field(insn, 12, 4));
}
static inline int neon_vn(uint32_t insn)
{
    return (int)(neon_field(insn, 7, 1) << 4 | neon_field(insn, 16, 4));
}
static inline int neon_vm(uint32_t insn)
{
    return (int)(neon_field(insn, 5, 1) << 4 | neon_field(insn, 0, 4));
}

ir_i64 neon_ld(struct arm_dc *s, int reg);
void neon_st(struct arm_dc *s, int reg, ir_i64 v);

/* fn([env,] args..., desc): with_env passes env first and uses NEON_CALL_ENV flags,
 * else the helper is pure. Returns the result temp (i32 when ret32, else i64). */
uint16_t neon_call(struct arm_dc *s, void *fn, bool with_env, bool ret32, uint32_t desc,
                   unsigned n, const uint16_t *args);
/* d = a + b (or a - b) lane-wise for lanes of 8 << size bits, inline. */
void neon_add_lanes(struct arm_dc *s, unsigned size, ir_i64 d, ir_i64 a, ir_i64 b, bool sub);
/* A 64-bit value with every lane of 8 << size bits equal to lane 'index' of v. */
ir_i64 neon_dup_lane(struct arm_dc *s, ir_i64 v, unsigned size, unsigned index);

/* Lane operations emitted inline where that takes a few IR ops, else as helper calls:
 * widen the lanes of a 32-bit half to twice their size; narrow a 64-bit value's lanes
 * to half (op: enum neon_narrow, size: the result lanes); the long ops of enum
 * neon_long (size: the source lanes); arithmetic shift right of every lane, in place. */
ir_i64 neon_widen(struct arm_dc *s, ir_i32 a, unsigned size, bool uns);
ir_i32 neon_narrow(struct arm_dc *s, ir_i64 a, unsigned size, unsigned op);
ir_i64 neon_long(struct arm_dc *s, unsigned op, unsigned size, ir_i32 a, ir_i32 b);
void neon_sar_lanes(struct arm_dc *s, unsigned size, ir_i64 v, unsigned sh);

/* The decoder groups of the data-processing space, in translate-neon-misc.c. */
bool neon_shift_imm(struct arm_dc *s, uint32_t insn);
bool neon_misc(struct arm_dc *s, uint32_t insn);
bool neon_vext(struct arm_dc *s, uint32_t insn);
bool neon_vtbl(struct arm_dc *s, uint32_t insn);
bool neon_vdup_scalar(struct arm_dc *s, uint32_t insn);

#endif
