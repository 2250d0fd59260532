/* Run-time helpers for AArch64 AdvSIMD instructions, called from code that
 * translate-a64-simd*.c generates, and the validity checks the decoders ask first.
 * Contract: each helper executes one whole instruction on the V registers in env (the
 * struct a64_cpu), described by 'desc' (a64_sdesc(): operation, element size, Q,
 * registers, scalar and "2" (upper half) forms) and 'imm' (shift amount, element
 * index, table length ... as each group says). Operations are numbered by their
 * encoding fields so the decoder passes them through: op = U << 5 | opcode for the
 * integer groups, U << 6 | size<1> << 5 | opcode for floating point. Sources are read
 * before the destination is written; a 64-bit (Q = 0) or scalar result zeroes the rest
 * of the destination. Saturation sets FPSR.QC; floating point runs under FPCR and
 * accumulates FPSR flags. Helpers touch no IR global and never raise: call them with
 * A64_FP_CALL. The a64_simd_*_ok() checks say whether an encoding is allocated (and
 * implemented); they are pure. */
#ifndef TARGET_ARM_HELPER_A64_SIMD_H
#define TARGET_ARM_HELPER_A64_SIMD_H

#include <stdbool.h>
#include <stdint.h>

static inline uint32_t a64_sdesc(unsigned op, unsigned size, bool q, unsigned rd, unsigned rn,
                                 unsigned rm, bool scalar, bool part2)
{
    return op | size << 8 | (uint32_t)q << 10 | rd << 11 | rn << 16 | rm << 21
           | (uint32_t)scalar << 26 | (uint32_t)part2 << 27;
}
/* desc bit 28: the by-element form (imm is the element index of Vm). */
enum { A64_SDESC_ELEM = 1u << 28 };

/* Three registers, same arrangement (integer: op = U:opcode<15:11>, opcode < 0x18;
 * logic ops (opcode 3) are done inline by the translator). By element: MUL, MLA, MLS,
 * SQDMULH, SQRDMULH use the three-same op numbers with A64_SDESC_ELEM. */
bool a64_simd_3same_ok(unsigned op, unsigned size, bool q, bool scalar);
void helper_a64_simd_3same(void *env, uint32_t desc, uint32_t imm);
/* Three-same extra operations (FEAT_RDM, FEAT_DotProd), also through
 * helper_a64_simd_3same and its by-element form: the dot products work on 32-bit lanes,
 * each the sum of four byte products added to the destination lane. */
enum { A64_SIMD_SQRDMLAH = 0x40, A64_SIMD_SQRDMLSH = 0x41, A64_SIMD_SDOT = 0x42,
       A64_SIMD_UDOT = 0x43 };

/* Three registers, different arrangements (op = U:opcode<15:12>): long, wide and
 * narrowing-high forms, PMULL of 8 and 64-bit lanes; by element with
 * A64_SDESC_ELEM (SMULL, SMLAL, SMLSL, SQDMULL, SQDMLAL, SQDMLSL and U forms). */
bool a64_simd_3diff_ok(unsigned op, unsigned size, bool scalar);
void helper_a64_simd_3diff(void *env, uint32_t desc, uint32_t imm);

/* Two-register miscellaneous, integer part (op = U:opcode<16:12>), and across lanes
 * (op = 0x40 | U:opcode<16:12>; scalar pairwise ADDP is 0x40 | 0x1b). */
bool a64_simd_misc_ok(unsigned op, unsigned size, bool q, bool scalar);
void helper_a64_simd_misc(void *env, uint32_t desc, uint32_t imm);

/* Shift by immediate (op = U:opcode<15:11>, imm = the decoded shift amount). */
bool a64_simd_shift_ok(unsigned op, unsigned size, bool q, bool scalar);
void helper_a64_simd_shift(void *env, uint32_t desc, uint32_t imm);

/* Floating point, three same (op = U:size<1>:opcode<15:11>, size 2 single, 3 double;
 * by element: FMUL, FMLA, FMLS, FMULX with A64_SDESC_ELEM), two-register misc
 * (op = 0x80 | U:size<1>:opcode<16:12>; imm = fraction bits of the fixed-point
 * conversions, which come from shift-by-immediate as FCVTZ[SU]/[SU]CVTF op numbers
 * with imm != 0), across lanes and scalar pairwise (op = 0x100 | U:size<1>:opcode). */
bool a64_simd_fp_ok(unsigned op, unsigned size, bool q, bool scalar);
void helper_a64_simd_fp(void *env, uint32_t desc, uint32_t imm);

/* Permutations: ZIP1/2, UZP1/2, TRN1/2 (op = opcode<14:12>), EXT (op 8, imm = byte
 * index), TBL/TBX (op 9/10, imm = number of table registers, Rn first). */
enum { A64_PERM_EXT = 8, A64_PERM_TBL = 9, A64_PERM_TBX = 10 };
void helper_a64_simd_perm(void *env, uint32_t desc, uint32_t imm);

/* LD2-LD4/ST2-ST4 of multiple structures between env's fp_scratch (the bytes as in
 * memory) and registers Rd, Rd+1, ... (mod 32): op = number of registers, imm 1 loads
 * (scratch to registers, zeroing high halves when Q = 0), 0 stores. */
void helper_a64_simd_ileave(void *env, uint32_t desc, uint32_t imm);

#endif
