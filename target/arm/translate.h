/* Shared state of the 32-bit ARM translators (A32, T32, VFP, NEON).
 * Contract: translate.c owns the TB loop, conditional execution and IT blocks, and
 * calls the decoders below for one instruction each. A decoder returns false when the
 * encoding is not one it implements; the caller then raises SIGILL (EXCP_UDEF) in the
 * guest. VFP and NEON decoders always see the A32 form of an encoding (translate-t32.c
 * rewrites T32 coprocessor/NEON encodings into it) and are entered after the
 * condition check, so they never look at bits [31:28] of VFP instructions. */
#ifndef TARGET_ARM_TRANSLATE_H
#define TARGET_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/cpu.h"
#include "tcg/ir.h"
#include "tcg/translate.h"

/* How the current instruction left the block. */
enum arm_disas_state {
    DISAS_NEXT,        /* fall through to the next instruction */
    DISAS_JUMP,        /* pc global already holds the target: end with goto_ptr */
    DISAS_UPDATE,      /* state that affects translation changed: end TB, continue at pc_next */
    DISAS_NORETURN,    /* an exit or exception was emitted: nothing more */
};

struct arm_dc {
    struct tr_ctx *ctx;
    struct ir *ir;
    uint32_t pc;             /* address of the instruction being translated */
    uint32_t insn;           /* its encoding (32-bit T32 as hw1 << 16 | hw2) */
    bool thumb;
    uint32_t condexec_cond;  /* IT block: current condition (T32), 0 outside IT */
    uint32_t condexec_mask;  /* IT block: remaining mask, 0 outside IT */
    enum arm_disas_state state;
    uint32_t vec_len, vec_stride;   /* FPSCR.LEN/STRIDE at TB start (from tb flags) */
    int c_known, v_known;    /* C's and V's sources (cpu.h) as far as translation knows,
                                or ARM_CC_UNKNOWN */
    bool cc_changed;         /* the current instruction changed the lazy flag state */
};
#define ARM_CC_UNKNOWN (-1)

/* Guest-register globals, registered by arm_ir_init(). pc is not among them. */
extern ir_i32 arm_r[16];
extern ir_i32 arm_NF, arm_ZF, arm_CF, arm_VF, arm_QF, arm_GE;
extern ir_i32 arm_CCOP, arm_CCA, arm_CCB;   /* lazy C/V: see cpu.h */
extern ir_i32 arm_thumb_g;          /* cpu thumb field */
extern ir_i64 arm_pc_g;             /* cpu_common.pc (64-bit) */
extern ir_i32 arm_excl_addr;
extern ir_i64 arm_excl_val;

/* Read a core register into a new temp; r15 reads as the instruction's pc + 8 (A32)
 * or + 4 (T32). */
ir_i32 arm_load_reg(struct arm_dc *s, int reg);
/* Write a core register; a write to r15 is a branch (BX-style interworking when
 * 'interwork', else staying in the current state) and ends the TB. Consumes v. */
void arm_store_reg(struct arm_dc *s, int reg, ir_i32 v, bool interwork);
/* Raise SIGILL for the current instruction (logged with -d unimp). */
void arm_gen_udef(struct arm_dc *s);

/* Decoders for one instruction each (true if handled). */
bool arm_tr_a32(struct arm_dc *s, uint32_t insn);
bool arm_tr_t16(struct arm_dc *s, uint16_t insn);
bool arm_tr_t32(struct arm_dc *s, uint32_t insn);
bool arm_tr_vfp(struct arm_dc *s, uint32_t insn);      /* coprocessor 10/11 space */
bool arm_tr_neon_dp(struct arm_dc *s, uint32_t insn);  /* A32 1111 001x ... */
bool arm_tr_neon_ls(struct arm_dc *s, uint32_t insn);  /* A32 1111 0100 xxx0 ... */

/* Env offsets of VFP/NEON registers. */
static inline int arm_dreg_off(int d) { return ARM_ENV_OFF(d) + 8 * d; }
static inline int arm_sreg_off(int sn)  /* S<n> is the low/high half of D<n/2> */
{
    return ARM_ENV_OFF(d) + 8 * (sn >> 1) + 4 * (sn & 1);
}

#endif
