/* Run-time helpers for Advanced SIMD (NEON) instructions, called from code that
 * translate-neon.c generates.
 * Contract: a vector operand is one 64-bit D register value (lanes little-endian, lane 0
 * in the low bits) or, for the widening and narrowing forms, a 32-bit half of one.
 * 'desc' words are built with neon_desc(): an operation from the enums below, the lane
 * size (0 = 8 bits ... 3 = 64 bits) and, where an operation needs it, an immediate.
 *  - helpers without env are pure: call them with CALL_PURE;
 *  - helpers with env (the struct arm_cpu) may set FPSCR.QC (saturation) or, for the
 *    floating-point ones, accumulate FPSCR exception flags under the Advanced SIMD
 *    "standard FPSCR" rules (round to nearest, flush-to-zero, default NaN);
 *    helper_neon_perm also reads and writes the D registers in env. None of them
 *    touches an IR global or raises: call with CALL_NO_READ_GLOBALS |
 *    CALL_NO_WRITE_GLOBALS | CALL_NO_RAISE. */
#ifndef TARGET_ARM_HELPER_NEON_H
#define TARGET_ARM_HELPER_NEON_H

#include <stdint.h>

static inline uint32_t neon_desc(unsigned op, unsigned size, unsigned imm)
{
    return op | size << 8 | imm << 16;
}

/* Element-wise (and pairwise) integer operations of two vectors. Shifts by register
 * take the signed bottom byte of each b lane; the pairwise ones take pairs of a's lanes
 * for the low half of the result and pairs of b's for the high half. */
enum neon_binop {
    NB_ADD, NB_SUB, NB_MUL, NB_PMUL,
    NB_HADD_S, NB_HADD_U, NB_RHADD_S, NB_RHADD_U, NB_HSUB_S, NB_HSUB_U,
    NB_CGT_S, NB_CGT_U, NB_CGE_S, NB_CGE_U, NB_CEQ, NB_TST,
    NB_MAX_S, NB_MAX_U, NB_MIN_S, NB_MIN_U, NB_ABD_S, NB_ABD_U,
    NB_SHL_S, NB_SHL_U, NB_RSHL_S, NB_RSHL_U,
    NB_PADD, NB_PMAX_S, NB_PMAX_U, NB_PMIN_S, NB_PMIN_U,
};
uint64_t helper_neon_binop(uint64_t a, uint64_t b, uint32_t desc);

/* Saturating element-wise operations (QC on saturation). DMULH/RDMULH are VQDMULH and
 * VQRDMULH (16 and 32-bit lanes). */
enum neon_qbinop {
    NQ_ADD_S, NQ_ADD_U, NQ_SUB_S, NQ_SUB_U,
    NQ_SHL_S, NQ_SHL_U, NQ_RSHL_S, NQ_RSHL_U, NQ_DMULH, NQ_RDMULH,
};
uint64_t helper_neon_qbinop(void *env, uint64_t a, uint64_t b, uint32_t desc);

/* Element-wise operations of one vector. PADDL adds adjacent lanes into lanes of twice
 * the size (size is the source lane size); RECPE_U/RSQRTE_U are the 32-bit unsigned
 * estimates. */
enum neon_unop {
    NU_CLS, NU_CLZ, NU_CNT, NU_ABS, NU_NEG, NU_REV16, NU_REV32, NU_REV64,
    NU_PADDL_S, NU_PADDL_U, NU_CGT0, NU_CGE0, NU_CEQ0, NU_CLE0, NU_CLT0,
    NU_RECPE_U, NU_RSQRTE_U,
};
uint64_t helper_neon_unop(uint64_t a, uint32_t desc);
enum neon_qunop { NQU_ABS, NQU_NEG };
uint64_t helper_neon_qunop(void *env, uint64_t a, uint32_t desc);

/* Shifts by an immediate (the desc immediate, 0..64). SRI/SLI insert into d; the others
 * ignore d. QSHLU shifts signed lanes and saturates them to unsigned. Rounding is
 * computed without overflow, as the ARM pseudocode's integers are unbounded. */
enum neon_shift {
    NS_SHR_S, NS_SHR_U, NS_RSHR_S, NS_RSHR_U, NS_SHL,
    NS_QSHL_S, NS_QSHL_U, NS_QSHLU, NS_SRI, NS_SLI,
};
uint64_t helper_neon_shift(void *env, uint64_t a, uint64_t d, uint32_t desc);

/* Lanes of a 32-bit value extended to twice their size (size: the source lanes). */
enum neon_widen { NW_S, NW_U };
uint64_t helper_neon_widen(uint32_t a, uint32_t desc);

/* Lanes of a 64-bit value narrowed to half their size (size: the result lanes):
 * truncated, saturated (signed, unsigned, signed to unsigned), or their high halves
 * (RHIGH rounds), as VMOVN, VQMOVN, VQMOVUN and VADDHN/VRADDHN need. */
enum neon_narrow { NN_PLAIN, NN_QS, NN_QU, NN_QSU, NN_HIGH, NN_RHIGH };
uint32_t helper_neon_narrow(void *env, uint64_t a, uint32_t desc);

/* Long operations of two 32-bit halves into lanes of twice the size (size: source). */
enum neon_long { NL_MULL_S, NL_MULL_U, NL_MULL_P, NL_QDMULL, NL_ABDL_S, NL_ABDL_U };
uint64_t helper_neon_long(void *env, uint32_t a, uint32_t b, uint32_t desc);

/* Single-precision lanes (two per D register). */
enum neon_fbinop {
    NF_ADD, NF_SUB, NF_MUL, NF_ABD, NF_MAX, NF_MIN, NF_CEQ, NF_CGE, NF_CGT, NF_ACGE,
    NF_ACGT, NF_RECPS, NF_RSQRTS, NF_PADD, NF_PMAX, NF_PMIN,
};
uint64_t helper_neon_fbinop(void *env, uint64_t a, uint64_t b, uint32_t desc);
/* d + a*b (MLA: product rounded first; FMA: fused), d - a*b (MLS, FMS). */
enum neon_facc { NFA_MLA, NFA_MLS, NFA_FMA, NFA_FMS };
uint64_t helper_neon_facc(void *env, uint64_t d, uint64_t a, uint64_t b, uint32_t desc);
/* One-operand float operations; the conversions take the fraction bits as immediate
 * (0 for integers): float to integer rounds towards zero, integer to float to nearest. */
enum neon_funop {
    NFU_RECPE, NFU_RSQRTE, NFU_CGT0, NFU_CGE0, NFU_CEQ0, NFU_CLE0, NFU_CLT0,
    NFU_TO_S, NFU_TO_U, NFU_FROM_S, NFU_FROM_U,
};
uint64_t helper_neon_funop(void *env, uint64_t a, uint32_t desc);
/* VCVT.F16.F32 (two singles to two halves) and VCVT.F32.F16 (two halves to singles). */
uint32_t helper_neon_f32_to_f16(void *env, uint64_t a);
uint64_t helper_neon_f16_to_f32(void *env, uint32_t a);

/* Register permutations done in place on env's D registers:
 * desc = op | size << 4 | q << 6 | d << 8 | m << 13 | n << 18 | len << 23. */
enum neon_perm { NP_ZIP, NP_UZP, NP_TRN, NP_TBL, NP_TBX };
static inline uint32_t neon_perm_desc(unsigned op, unsigned size, unsigned q, unsigned d,
                                      unsigned m, unsigned n, unsigned len)
{
    return op | size << 4 | q << 6 | d << 8 | m << 13 | n << 18 | len << 23;
}
void helper_neon_perm(void *env, uint32_t desc);

/* VLD2-4/VST2-4 of multiple structures, between env's scratch words (the bytes as they
 * are in memory) and the D registers: 'n' members per structure, 'regs' registers per
 * member (VLD2 of four registers has 2), member i of structure r in D<d + i*inc + r>.
 * load: scratch to registers, else registers to scratch. */
static inline uint32_t neon_ileave_desc(unsigned n, unsigned size, unsigned regs, unsigned inc,
                                        unsigned d, unsigned load)
{
    return n | size << 3 | regs << 5 | inc << 7 | d << 9 | load << 14;
}
void helper_neon_interleave(void *env, uint32_t desc);

#endif
