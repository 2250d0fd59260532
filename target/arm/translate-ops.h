/* IR generators shared by the 32-bit ARM decoders (A32, T16, T32): each emits the IR of
 * one operation of the ARM ARM pseudocode, so a decoder only extracts fields.
 * Contract:
 *  - registers are given by number; r15 reads as the instruction's address + 8 (A32)
 *    or + 4 (T32); a base of r15 for loads is Align(pc, 4) as literal loads need;
 *  - flags are lazy: N = NF bit 31, Z = (ZF == 0); C and V are read only through
 *    arm_get_c/arm_get_v, and a write of CF/VF is followed by arm_flags_c_written or
 *    arm_flags_cv_written, because an add or subtract that sets flags leaves them as
 *    operands (cpu.h); flags are written only when the instruction sets them;
 *  - the decoder rejects UNDEFINED/UNPREDICTABLE encodings before calling: a generator
 *    never fails once called, and it writes guest state only after its last possible
 *    fault (loads and stores write their base back after the access);
 *  - a generator that writes r15 leaves s->state at DISAS_JUMP (pc already stored) or
 *    ends the TB itself (DISAS_NORETURN); the TB loop in translate.c emits the rest;
 *  - temps passed in as "consumed" are freed by the generator; values returned by
 *    arm_reg_ro() are read-only and must not be freed or written. */
#ifndef TARGET_ARM_TRANSLATE_OPS_H
#define TARGET_ARM_TRANSLATE_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/translate.h"

/* --- temps and registers --- */
static inline ir_i32 arm_tmp(struct arm_dc *s) { return ir_new_i32(s->ir); }
static inline ir_i64 arm_tmp64(struct arm_dc *s) { return ir_new_i64(s->ir); }
static inline void arm_free(struct arm_dc *s, ir_i32 t) { ir_free_i32(s->ir, t); }
static inline void arm_free64(struct arm_dc *s, ir_i64 t) { ir_free_i64(s->ir, t); }
static inline ir_i32 arm_const(struct arm_dc *s, uint32_t v) { return ir_const_i32(s->ir, v); }
/* Frees v if it is a scratch temp: consumed operands may also be constants or globals. */
void arm_release(struct arm_dc *s, ir_i32 v);

/* The value r15 reads as for the current instruction. */
static inline uint32_t arm_pc_read(const struct arm_dc *s) { return s->pc + (s->thumb ? 4 : 8); }
/* A register's global (or pc's constant): read-only, never freed. */
ir_i32 arm_reg_ro(struct arm_dc *s, int reg);
/* Like arm_reg_ro, but r15 reads word-aligned (literal addressing, ADR). */
ir_i32 arm_reg_ro_aligned(struct arm_dc *s, int reg);
/* Writes a result to rd the way a data-processing instruction does: in A32 a write to
 * r15 interworks (ALUWritePC on ARMv7), in T32 it does not. Consumes v. */
void arm_store_reg_alu(struct arm_dc *s, int rd, ir_i32 v);

/* --- TB exits (implemented by the TB loop, translate.c) --- */
/* Direct branch to dest in state 'thumb' (interworking BL/BLX imm): ends the TB. */
void arm_gen_goto(struct arm_dc *s, uint32_t dest, bool thumb);
/* Raises excp at this instruction (pc = its address) or, when 'after', with pc at the
 * next one (svc). Ends the TB. */
void arm_gen_exception(struct arm_dc *s, int excp, uint32_t code, bool after);

/* --- conditions --- */
/* Branches to l when condition cc (0..14, the ARM encoding) holds on NZCV. */
void arm_gen_jump_cc(struct arm_dc *s, unsigned cc, ir_label l);
/* Makes what follows of the current instruction conditional on cc (at most once per
 * instruction; cc 14 is a no-op). The TB loop places the skip target after it. */
void arm_skip_unless(struct arm_dc *s, unsigned cc);
/* The same on a register being zero (zero) or not (!zero): CBZ/CBNZ. */
void arm_skip_unless_zero(struct arm_dc *s, int reg, bool zero);
/* Inside a T32 IT block (where 16-bit data processing does not set flags). */
static inline bool arm_in_it(const struct arm_dc *s) { return s->condexec_mask != 0; }

/* --- shifter --- */
enum arm_shift { ARM_LSL, ARM_LSR, ARM_ASR, ARM_ROR };
/* v shifted by an encoded imm5 (LSR/ASR #0 mean #32, ROR #0 means RRX). Returns a new
 * temp; when set_carry, CF gets the shifter carry-out (kept for LSL #0). */
ir_i32 arm_shift_imm(struct arm_dc *s, ir_i32 v, enum arm_shift type, unsigned imm5,
                     bool set_carry);
/* v shifted by the bottom byte of amount (a register's value). */
ir_i32 arm_shift_reg(struct arm_dc *s, ir_i32 v, enum arm_shift type, ir_i32 amount,
                     bool set_carry);
/* CF = bit 31 of a rotated/expanded immediate, as its carry-out when the rotation is
 * not zero. */
void arm_set_carry_imm(struct arm_dc *s, uint32_t imm);

/* --- data processing --- */
enum arm_dp {
    ARM_DP_AND, ARM_DP_EOR, ARM_DP_SUB, ARM_DP_RSB, ARM_DP_ADD, ARM_DP_ADC, ARM_DP_SBC,
    ARM_DP_RSC, ARM_DP_TST, ARM_DP_TEQ, ARM_DP_CMP, ARM_DP_CMN, ARM_DP_ORR, ARM_DP_MOV,
    ARM_DP_BIC, ARM_DP_MVN, ARM_DP_ORN,
};
/* Logical ops take C from the shifter, arithmetic ones compute C and V. */
bool arm_dp_is_logical(enum arm_dp op);
/* TST/TEQ/CMP/CMN: flags only. */
bool arm_dp_is_compare(enum arm_dp op);
/* rd = rn op op2 (flags when setflags). op2 is consumed. MOV/MVN ignore rn; the
 * compare ops ignore rd. */
void arm_gen_dp(struct arm_dc *s, enum arm_dp op, int rd, int rn, ir_i32 op2, bool setflags);
/* Arithmetic with NZCV: return a new temp holding the result. */
ir_i32 arm_gen_add_cc(struct arm_dc *s, ir_i32 a, ir_i32 b);
ir_i32 arm_gen_sub_cc(struct arm_dc *s, ir_i32 a, ir_i32 b);
ir_i32 arm_gen_adc_cc(struct arm_dc *s, ir_i32 a, ir_i32 b);
ir_i32 arm_gen_sbc_cc(struct arm_dc *s, ir_i32 a, ir_i32 b);
/* N and Z from a result. */
void arm_gen_nz(struct arm_dc *s, ir_i32 res);
/* C as 0/1 and V in bit 31, in new temps the caller frees. */
ir_i32 arm_get_c(struct arm_dc *s);
ir_i32 arm_get_v(struct arm_dc *s);
/* Makes CF hold C, before code that updates it in place. */
void arm_flags_c_materialize(struct arm_dc *s);
/* After code that wrote CF (C's source becomes CF; V's stays) or both CF and VF. */
void arm_flags_c_written(struct arm_dc *s);
void arm_flags_cv_written(struct arm_dc *s);

/* --- loads and stores (translate-mem.c) --- */
/* LDR/STR/LDRB/LDRH/LDRSB/LDRSH (memop gives size and sign): address Rn +/- offset
 * (pre-indexed when index, else post-indexed), base written back when wback.
 * Loads to r15 interwork (LoadWritePC). offset is consumed. */
void arm_gen_ldst(struct arm_dc *s, bool load, unsigned memop, int rt, int rn,
                  ir_i32 offset, bool add, bool index, bool wback);
/* LDRD/STRD of rt, rt2. */
void arm_gen_ldstd(struct arm_dc *s, bool load, int rt, int rt2, int rn, ir_i32 offset,
                   bool add, bool index, bool wback);
/* LDM/STM: inc (IA/IB) or decrement (DA/DB), before (IB/DB) or after (IA/DA).
 * list is not empty; r15 in an LDM list interworks. */
void arm_gen_ldm(struct arm_dc *s, int rn, uint32_t list, bool inc, bool before, bool wback);
void arm_gen_stm(struct arm_dc *s, int rn, uint32_t list, bool inc, bool before, bool wback);
/* LDREX{B,H,,D} / STREX{B,H,,D} at Rn + imm (size is MO_8..MO_64; rt2 only for D). */
void arm_gen_ldrex(struct arm_dc *s, unsigned size, int rt, int rt2, int rn, uint32_t imm);
void arm_gen_strex(struct arm_dc *s, unsigned size, int rd, int rt, int rt2, int rn,
                   uint32_t imm);
void arm_gen_clrex(struct arm_dc *s);
/* SWP/SWPB: rt = [rn]; [rn] = rt2, atomically. */
void arm_gen_swp(struct arm_dc *s, bool byte, int rt, int rt2, int rn);

/* --- multiplies and divides (translate-mul.c) --- */
void arm_gen_mul(struct arm_dc *s, int rd, int rn, int rm, int ra, bool setflags);
void arm_gen_mls(struct arm_dc *s, int rd, int rn, int rm, int ra);
/* UMULL/SMULL, and UMLAL/SMLAL when acc. */
void arm_gen_mull(struct arm_dc *s, bool sign, bool acc, int rdlo, int rdhi, int rn, int rm,
                  bool setflags);
void arm_gen_umaal(struct arm_dc *s, int rdlo, int rdhi, int rn, int rm);
/* SMULxy (ra < 0) / SMLAxy: halves chosen by nhigh/mhigh. */
void arm_gen_smulxy(struct arm_dc *s, int rd, int rn, int rm, int ra, bool nhigh, bool mhigh);
void arm_gen_smlalxy(struct arm_dc *s, int rdlo, int rdhi, int rn, int rm, bool nhigh,
                     bool mhigh);
/* SMULWy (ra < 0) / SMLAWy. */
void arm_gen_smulw(struct arm_dc *s, int rd, int rn, int rm, int ra, bool mhigh);
/* SMMUL (ra < 0) / SMMLA / SMMLS (sub), rounded when round. */
void arm_gen_smmul(struct arm_dc *s, int rd, int rn, int rm, int ra, bool sub, bool round);
/* SMUAD/SMUSD (ra < 0), SMLAD/SMLSD; swap exchanges rm's halves (the X forms). */
void arm_gen_smuad(struct arm_dc *s, int rd, int rn, int rm, int ra, bool sub, bool swap);
/* SMLALD/SMLSLD. */
void arm_gen_smlald(struct arm_dc *s, int rdlo, int rdhi, int rn, int rm, bool sub, bool swap);
/* SDIV/UDIV with ARM results: x/0 = 0, INT_MIN/-1 = INT_MIN. */
void arm_gen_div(struct arm_dc *s, int rd, int rn, int rm, bool sign);

/* --- bit and byte manipulation, media, saturation (translate-media.c) --- */
void arm_gen_clz(struct arm_dc *s, int rd, int rm);
enum arm_rev { ARM_REV, ARM_REV16, ARM_REVSH, ARM_RBIT };
void arm_gen_rev(struct arm_dc *s, enum arm_rev kind, int rd, int rm);
/* BFI (rn != 15) / BFC (rn == 15); msb >= lsb checked by the decoder. */
void arm_gen_bfi(struct arm_dc *s, int rd, int rn, unsigned lsb, unsigned msb);
void arm_gen_bfx(struct arm_dc *s, int rd, int rn, unsigned lsb, unsigned width, bool sign);
enum arm_ext { ARM_SXTB, ARM_SXTH, ARM_UXTB, ARM_UXTH, ARM_SXTB16, ARM_UXTB16 };
/* {S,U}XT{B,H,B16} (rn == 15) and the accumulating {S,U}XTA forms; rot is 0..3 bytes. */
void arm_gen_extend(struct arm_dc *s, enum arm_ext kind, int rd, int rn, int rm, unsigned rot);
void arm_gen_pkh(struct arm_dc *s, int rd, int rn, int rm, bool tb, unsigned imm5);
void arm_gen_sel(struct arm_dc *s, int rd, int rn, int rm);
/* USAD8 (ra == 15) / USADA8. */
void arm_gen_usad8(struct arm_dc *s, int rd, int rn, int rm, int ra);
/* Parallel add/sub: kind is the A32 op1[1:0] with the U bit as bit 2 (1 S, 2 Q, 3 SH,
 * 5 U, 6 UQ, 7 UH); op the A32 op2 (0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8).
 * Returns false for unallocated combinations (before emitting anything). */
bool arm_gen_parallel(struct arm_dc *s, unsigned kind, unsigned op, int rd, int rn, int rm);
/* QADD/QSUB/QDADD/QDSUB: rd = sat(rm +/- sat(2 * rn) or rn). */
void arm_gen_qaddsub(struct arm_dc *s, int rd, int rm, int rn, bool sub, bool dbl);
/* SSAT/USAT with the shifted operand; sat is the encoded saturate_to field. */
void arm_gen_sat(struct arm_dc *s, bool unsign, int rd, int rn, bool asr, unsigned imm5,
                 unsigned sat);
void arm_gen_sat16(struct arm_dc *s, bool unsign, int rd, int rn, unsigned sat);

/* --- status, system, branches (translate-ctrl.c) --- */
void arm_gen_mrs(struct arm_dc *s, int rd);
/* MSR APSR_<nzcvq|g>: mask bit 3 selects NZCVQ, bit 2 GE (the A32 mask field). */
void arm_gen_msr(struct arm_dc *s, ir_i32 v, unsigned mask);
/* MRC/MCR coprocessor 15; returns false for registers user mode cannot reach. */
bool arm_gen_cp15(struct arm_dc *s, bool read, int rt, unsigned opc1, unsigned crn,
                  unsigned crm, unsigned opc2);
/* B/BL: branch to dest (link: lr = next instruction, with bit 0 in T32). BLX imm
 * switches state. */
void arm_gen_branch(struct arm_dc *s, uint32_t dest, bool link, bool exchange);
/* BX/BLX register. */
void arm_gen_bx(struct arm_dc *s, int rm, bool link);
/* TBB/TBH: branch forward by twice the byte/halfword at Rn + Rm (Rm * 2 for TBH). */
void arm_gen_table_branch(struct arm_dc *s, int rn, int rm, bool half);
void arm_gen_svc(struct arm_dc *s, uint32_t imm);
void arm_gen_bkpt(struct arm_dc *s, uint32_t imm);
/* DMB/DSB/ISB: a full barrier (ISB also ends the TB, as code may have changed). */
void arm_gen_barrier(struct arm_dc *s, bool isb);
/* SETEND: little-endian is a no-op, big-endian is not supported (UDEF). */
void arm_gen_setend(struct arm_dc *s, bool big);

#endif
