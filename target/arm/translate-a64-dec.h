/* The integer A64 decoders (the aarch64 target's own files) and the IR generators they
 * share. Same contract as translate-a64.h; FP/SIMD code does not need this header.
 * Flags follow cpu64.h: NF/ZF/VF are 64-bit words whose meaning does not depend on the
 * operation width, so 32-bit results are extended before they are stored there. */
#ifndef TARGET_ARM_TRANSLATE_A64_DEC_H
#define TARGET_ARM_TRANSLATE_A64_DEC_H

#include "target/arm/translate-a64.h"

/* Decoders by major group (bits 28:25), called by the TB loop. */
bool a64_tr_dp_imm(struct a64_dc *s, uint32_t insn);       /* 100x */
bool a64_tr_branch_sys(struct a64_dc *s, uint32_t insn);   /* 101x */
bool a64_tr_ldst(struct a64_dc *s, uint32_t insn);         /* x1x0 */
bool a64_tr_dp_reg(struct a64_dc *s, uint32_t insn);       /* x101 */
/* Inside the load/store group: exclusives, acquire/release, LSE atomics. */
bool a64_tr_atomic(struct a64_dc *s, uint32_t insn);
/* Inside the branch/system group: MSR/MRS, hints, barriers, SYS (translate-a64-sys.c). */
bool a64_tr_system(struct a64_dc *s, uint32_t insn);

/* The exclusive monitor (cpu64.h): globals, so loops keep them in host registers. */
extern ir_i64 a64_excl_addr, a64_excl_val, a64_excl_val2;

/* Direct branch through goto_tb slot n (0 or 1; each at most once per TB). */
void a64_gen_goto_slot(struct a64_dc *s, unsigned slot, uint64_t dest);

/* --- flags (translate-a64-alu.c) --- */
/* What the flag-setting operation of the current instruction was (for a64_cond_cmp of
 * the next one): a - b, a + b, or a logical result (b unused). Only for operations
 * that set NZCV unconditionally; anything else that writes NZCV calls
 * a64_forget_flags(). Copies a, b and res. */
enum a64_cc_kind { A64_CC_NONE, A64_CC_SUB, A64_CC_ADD, A64_CC_LOGIC };
void a64_note_flags(struct a64_dc *s, enum a64_cc_kind kind, ir_i64 a, ir_i64 b, ir_i64 res,
                    bool sf);
void a64_forget_flags(struct a64_dc *s);
/* N and Z from a result of width sf ? 64 : 32 (a 32-bit one may hold garbage above). */
void a64_gen_nz(struct a64_dc *s, ir_i64 res, bool sf);
/* ADDS/SUBS/ADCS/SBCS: return a new temp with the result (zero-extended when !sf) and
 * set NZCV. Operands may hold garbage above bit 31 when !sf. */
ir_i64 a64_gen_add_cc(struct a64_dc *s, ir_i64 a, ir_i64 b, bool sf);
ir_i64 a64_gen_sub_cc(struct a64_dc *s, ir_i64 a, ir_i64 b, bool sf);
ir_i64 a64_gen_adc_cc(struct a64_dc *s, ir_i64 a, ir_i64 b, bool sf);
/* The shift of shifted-register operands: LSL, LSR, ASR, ROR (0..3). */
ir_i64 a64_gen_shift(struct a64_dc *s, ir_i64 v, unsigned type, unsigned amount, bool sf);
/* The extend of extended-register operands: UXTB..SXTX (0..7), then LSL by shift. */
ir_i64 a64_gen_extend(struct a64_dc *s, ir_i64 v, unsigned option, unsigned shift);
/* DecodeBitMasks of the ARM ARM for logical immediates: false if reserved. */
bool a64_decode_bitmask(bool sf, unsigned n, unsigned imms, unsigned immr, uint64_t *wmask);

#endif
