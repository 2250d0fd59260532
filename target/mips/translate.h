/* Shared state of the MIPS translators (integer, memory, FPU).
 * Contract: translate.c owns the TB loop, branches with their delay slots and the
 * exits; the decoders below translate one non-branch instruction each and return false
 * for encodings they do not implement (the caller raises SIGILL). Register values are
 * 'tl' temps: i32 on 32-bit guests, i64 on 64-bit ones (translate-tl.c wraps the IR
 * builder for both widths). 32-bit operations on a 64-bit guest leave sign-extended
 * results, as MIPS64 requires. */
#ifndef TARGET_MIPS_TRANSLATE_H
#define TARGET_MIPS_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "target/mips/cpu.h"
#include "tcg/ir.h"
#include "tcg/translate.h"

/* A guest-register-sized IR temp: ir_i32 or ir_i64 depending on the guest. */
typedef struct { uint16_t t; } tl;

enum mips_disas_state {
    DISAS_NEXT,        /* fall through to the next instruction */
    DISAS_UPDATE,      /* state that affects translation changed: end TB at pc_next */
    DISAS_NORETURN,    /* an exit or exception was emitted */
};

struct mips_dc {
    struct tr_ctx *ctx;
    struct ir *ir;
    uint64_t pc;             /* address of the instruction being translated */
    uint32_t insn;
    bool w64;                /* 64-bit guest (MIPS64, n64) */
    bool be;                 /* big-endian */
    bool fr;                 /* FR=1: 32 64-bit FPRs */
    bool in_ds;              /* translating a delay slot: exceptions restart the branch */
    enum mips_disas_state state;
};

/* Globals registered by mips_ir_init(): gpr[0] is never used (reads give 0). */
extern tl mips_gpr[32];
extern tl mips_hi, mips_lo, mips_lladdr, mips_llval;
extern ir_i64 mips_pc_g;

/* --- instruction fields --- */
static inline unsigned f_rs(uint32_t i) { return (i >> 21) & 31; }
static inline unsigned f_rt(uint32_t i) { return (i >> 16) & 31; }
static inline unsigned f_rd(uint32_t i) { return (i >> 11) & 31; }
static inline unsigned f_sa(uint32_t i) { return (i >> 6) & 31; }
static inline unsigned f_funct(uint32_t i) { return i & 63; }
static inline int32_t f_simm(uint32_t i) { return (int16_t)(i & 0xffff); }
static inline uint32_t f_uimm(uint32_t i) { return i & 0xffff; }

/* --- tl: the IR at guest register width (translate-tl.c) --- */
tl tl_new(struct mips_dc *s);            /* ebb temp */
tl tl_new_tb(struct mips_dc *s);         /* lives across labels */
void tl_free(struct mips_dc *s, tl v);
tl tl_const(struct mips_dc *s, uint64_t v);
static inline ir_i32 tl32(tl v) { return (ir_i32){ v.t }; }
static inline ir_i64 tl64(tl v) { return (ir_i64){ v.t }; }
void tl_mov(struct mips_dc *s, tl d, tl a);
void tl_movi(struct mips_dc *s, tl d, uint64_t v);
void tl_add(struct mips_dc *s, tl d, tl a, tl b);
void tl_addi(struct mips_dc *s, tl d, tl a, uint64_t b);
void tl_sub(struct mips_dc *s, tl d, tl a, tl b);
void tl_and(struct mips_dc *s, tl d, tl a, tl b);
void tl_andi(struct mips_dc *s, tl d, tl a, uint64_t b);
void tl_or(struct mips_dc *s, tl d, tl a, tl b);
void tl_xor(struct mips_dc *s, tl d, tl a, tl b);
void tl_not(struct mips_dc *s, tl d, tl a);
void tl_shl(struct mips_dc *s, tl d, tl a, tl n);       /* n < width */
void tl_shr(struct mips_dc *s, tl d, tl a, tl n);
void tl_shli(struct mips_dc *s, tl d, tl a, unsigned n);
void tl_shri(struct mips_dc *s, tl d, tl a, unsigned n);
void tl_sari(struct mips_dc *s, tl d, tl a, unsigned n);
void tl_setcond(struct mips_dc *s, enum ir_cond c, tl d, tl a, tl b);
void tl_movcond(struct mips_dc *s, enum ir_cond c, tl d, tl c1, tl c2, tl v1, tl v2);
void tl_brcond(struct mips_dc *s, enum ir_cond c, tl a, tl b, ir_label l);
void tl_brcondi(struct mips_dc *s, enum ir_cond c, tl a, uint64_t b, ir_label l);
/* Guest memory at address a (a tl): loads extend to tl width as memop says. */
void tl_qemu_ld(struct mips_dc *s, tl d, tl a, unsigned memop);
void tl_qemu_st(struct mips_dc *s, tl v, tl a, unsigned memop);
/* The low word of v (v itself on 32-bit guests; a new temp otherwise). */
ir_i32 tl_lo32(struct mips_dc *s, tl v);
void tl_lo32_done(struct mips_dc *s, tl v, ir_i32 w);   /* frees what tl_lo32 made */
/* d = sign-extended 32-bit value w (a move on 32-bit guests). */
void tl_set_s32(struct mips_dc *s, tl d, ir_i32 w);
/* d = sign extension of a's low word (a move on 32-bit guests). */
void tl_sext32(struct mips_dc *s, tl d, tl a);
/* d = zero extension of a's low word (a move on 32-bit guests). */
void tl_zext32(struct mips_dc *s, tl d, tl a);

/* --- registers --- */
/* A register's value for reading (the constant 0 for $zero); do not write it. */
tl gpr_ro(struct mips_dc *s, unsigned r);
/* d = v for a destination register; writes to $zero are dropped. */
void gpr_set(struct mips_dc *s, unsigned r, tl v);
/* A temp for an address: base + sign-extended offset. */
tl gen_addr(struct mips_dc *s, unsigned base, int64_t off);
void mips_clean_addr(struct mips_dc *s, tl a);     /* 64-bit: keep it in the window */

/* --- exits --- */
/* Raise excp (EXCP_*) at this instruction (its branch when in a delay slot). */
void gen_excp(struct mips_dc *s, int excp, int code);
/* Reserved instruction: SIGILL, logged with -d unimp. */
void gen_reserved(struct mips_dc *s);
/* Raise excp at run time when cond(a, b) holds (traps, overflow checks). */
void gen_excp_if(struct mips_dc *s, enum ir_cond c, tl a, tl b, int excp, int code);

/* --- decoders: one instruction each (true if handled) --- */
bool mips_tr_special(struct mips_dc *s, uint32_t insn);    /* opcode 0 (no branches) */
bool mips_tr_regimm_trap(struct mips_dc *s, uint32_t insn);
bool mips_tr_imm(struct mips_dc *s, uint32_t insn);        /* addi..lui, daddi(u) */
bool mips_tr_special2(struct mips_dc *s, uint32_t insn);
bool mips_tr_special3(struct mips_dc *s, uint32_t insn);
bool mips_tr_mem(struct mips_dc *s, uint32_t insn);        /* loads, stores, ll/sc, pref */
bool mips_tr_cop1(struct mips_dc *s, uint32_t insn);       /* COP1 except bc1* */
bool mips_tr_cop1x(struct mips_dc *s, uint32_t insn);
bool mips_tr_fpmem(struct mips_dc *s, uint32_t insn);      /* lwc1, ldc1, swc1, sdc1 */
/* FCSR condition code cc (0-7) as a new tl temp holding 0 or 1. */
tl mips_fcc_bit(struct mips_dc *s, unsigned cc);
/* bc1f/bc1t(l): a TB temp, non-zero when the branch is taken. */
tl mips_fp_branch_cond(struct mips_dc *s, uint32_t insn);

#endif
