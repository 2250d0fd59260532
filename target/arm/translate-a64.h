/* The A64 translator's shared context: what every A64 decoder file may use.
 *
 * Who owns what: translate-a64.c (the TB loop and the services below) and the integer
 * decoders translate-a64-{dp,ldst,branch,sys,atomic}*.c belong to the aarch64 target.
 * The scalar FP, AdvSIMD, crypto and CRC32 decoders (translate-a64-fp*.c,
 * translate-a64-simd*.c and their helpers) belong to the a64simd engineer, who
 * implements the four entry points at the end of this file and the a64_fp* functions
 * of cpu64.h. Until then translate-a64-stubs.c holds stubs; that file and its meson
 * line are a64simd's to shrink and finally delete.
 *
 * Contract for decoders:
 *  - one call translates one instruction (s->insn at s->pc); a decoder returns false
 *    only when it emitted nothing: the TB loop then raises SIGILL. An encoding found
 *    UNDEFINED after emitting calls a64_gen_udef() and returns true;
 *  - guest state (registers, memory, flags) is written only after the instruction's
 *    last possible fault, so a faulting instruction leaves the state as it found it;
 *  - temps from a64_tmp()/a64_tmp32() are freed by the TB loop at the end of the
 *    instruction; they are ebb temps, so they die at labels and branches (use
 *    ir_new_tb_i64() and free it yourself for values that must cross a label);
 *  - values returned by a64_xreg()/a64_xreg_sp() are the globals themselves (or a
 *    constant for XZR): read-only, never written or freed;
 *  - an instruction that changes the pc leaves s->state at A64_JUMP (pc global already
 *    written) or ends the TB itself (A64_NORETURN).
 * Memory: little-endian, unaligned accesses allowed except where the instruction
 * demands alignment (exclusives, atomics: MO_ALIGN gives SIGBUS). Every guest address
 * goes through a64_clean_addr() before reaching ir_qemu_ld/st (see there). */
#ifndef TARGET_ARM_TRANSLATE_A64_H
#define TARGET_ARM_TRANSLATE_A64_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/cpu64.h"
#include "tcg/ir.h"
#include "tcg/translate.h"

enum a64_disas_state {
    A64_NEXT,          /* fall through to the next instruction */
    A64_JUMP,          /* the pc global holds the target: end with a jump-cache lookup */
    A64_UPDATE,        /* translation-relevant state changed: end TB, continue at pc+4 */
    A64_NORETURN,      /* an exit or exception was emitted: nothing more */
};

#define A64_MAX_AUTO_TEMPS 256

struct a64_dc {
    struct tr_ctx *ctx;
    struct ir *ir;
    uint64_t pc;                 /* address of the instruction being translated */
    uint32_t insn;               /* its encoding */
    uint32_t tb_flags;           /* ctx->flags: A64_TBF_FP_MASK bits are FP's */
    enum a64_disas_state state;
    /* private to translate-a64.c: temps freed at the end of the instruction */
    unsigned nb_auto;
    uint16_t auto_temps[A64_MAX_AUTO_TEMPS];
    /* private: the operands of the last flag-setting add/subtract/logical operation,
     * so a condition read by the next instruction becomes one comparison */
    unsigned cc_insn;            /* index + 1 of the instruction that set them; 0: none */
    uint8_t cc_kind;
    bool cc_sf;
    ir_i64 cc_a, cc_b, cc_res;
    /* private: cleaned base registers reused by a run of plain loads and stores
     * (a64_clean_base): bit n of clean_valid says clean_base[n] holds clean(Xn|SP) */
    uint32_t clean_valid;
    bool clean_cacheable;        /* this instruction may add to clean_base */
    ir_i64 clean_base[32];
};

/* --- guest-register globals (registered by a64_ir_init) --- */
extern ir_i64 a64_x[32];                   /* X0-X30; a64_x[31] is SP */
extern ir_i64 a64_NF, a64_ZF, a64_CF, a64_VF;
extern ir_i64 a64_pc_g;                    /* cpu_common.pc */

/* --- temps --- */
ir_i64 a64_tmp(struct a64_dc *s);          /* freed automatically after the instruction */
ir_i32 a64_tmp32(struct a64_dc *s);
static inline ir_i64 a64_const(struct a64_dc *s, uint64_t v)
{
    return ir_const_i64(s->ir, v);
}

/* --- general-purpose registers --- */
/* Xr for reading; r == 31 is XZR (a constant zero). */
ir_i64 a64_xreg(struct a64_dc *s, int r);
/* Xr for reading; r == 31 is SP. */
ir_i64 a64_xreg_sp(struct a64_dc *s, int r);
/* Writes Xr (sf) or Wr zero-extended (!sf); r == 31 discards (XZR). */
void a64_set_reg(struct a64_dc *s, int r, ir_i64 v, bool sf);
/* Writes Xr or SP (r == 31), 64 bits or zero-extended 32 bits. */
void a64_set_reg_sp(struct a64_dc *s, int r, ir_i64 v, bool sf);

/* --- exceptions and exits --- */
/* SIGILL at this instruction (logged with -d unimp). Ends the TB. */
void a64_gen_udef(struct a64_dc *s);
/* Raises excp (EXCP_*) with code: at this instruction, or with the pc after it
 * ('after', as svc does). Ends the TB. */
void a64_gen_exception(struct a64_dc *s, int excp, int code, bool after);
/* Direct branch to dest: ends the TB through a chainable goto_tb. */
void a64_gen_goto(struct a64_dc *s, uint64_t dest);

/* --- NZCV --- */
/* A condition (the A64 cond field, 0..15) as one IR comparison: it holds iff
 * (a cond b). AL and NV give IR_ALWAYS. Use it for brcond/setcond/movcond. */
struct a64_cmp {
    enum ir_cond cond;
    ir_i64 a, b;
};
void a64_cond_cmp(struct a64_dc *s, unsigned cc, struct a64_cmp *c);
/* Sets NZCV from bits 31:28 of v (FCMP, MSR NZCV, CCMP's immediate). */
void a64_gen_set_nzcv(struct a64_dc *s, ir_i64 v);
/* NZCV into bits 31:28 of a new temp (other bits zero). */
ir_i64 a64_gen_get_nzcv(struct a64_dc *s);

/* --- addresses and memory --- */
/* The base register of an address: Xn, or SP when n == 31 (read-only global). */
static inline ir_i64 a64_addr_base(struct a64_dc *s, int rn) { return a64_xreg_sp(s, rn); }
/* The address to give ir_qemu_ld/st for guest address 'addr' (any temp, not
 * consumed): bits 63:56 are ignored (Linux enables top-byte-ignore for EL0 data
 * accesses); an address outside the guest window becomes one in the never-mapped
 * page 0, so the access faults (SIGSEGV) instead of reaching crossrun's own memory.
 * The result is valid for accesses of up to 64 bytes from it (result + 0..63).
 * Instruction fetches and branch targets are not cleaned (TBI is data only). */
ir_i64 a64_clean_addr(struct a64_dc *s, ir_i64 addr);
/* The clean address of Xn|SP + off for an access of 'bytes' bytes, as a temp plus an
 * offset to add to it (*post, for a64_gen_ld/st). When 0 <= off and off + bytes <= 64
 * this is clean(Xn|SP) with *post = off; in a plain load or store (LDR/STR/LDP/STP ...
 * with an immediate offset) the cleaned base is kept for later accesses through the
 * same register in the TB, until the register is written (a64_set_reg*) or a helper
 * that may write globals runs. Not consumed; read-only. */
ir_i64 a64_clean_base(struct a64_dc *s, int rn, int64_t off, unsigned bytes, unsigned *post);
/* Loads/stores of 1-8 bytes (memop: MO_8..MO_64, MO_SIGN, MO_ALIGN) at clean + off. */
void a64_gen_ld(struct a64_dc *s, ir_i64 dst, ir_i64 clean, unsigned off, unsigned memop);
void a64_gen_st(struct a64_dc *s, ir_i64 val, ir_i64 clean, unsigned off, unsigned memop);
/* SIMD&FP register transfers of 1 << size_log2 bytes (0..4: B, H, S, D, Q) at
 * clean + off; a load zeroes the rest of V<t>. */
void a64_gen_ld_vreg(struct a64_dc *s, int t, ir_i64 clean, unsigned off, unsigned size_log2);
void a64_gen_st_vreg(struct a64_dc *s, int t, ir_i64 clean, unsigned off, unsigned size_log2);

/* --- SIMD&FP registers in the CPU state (loads/stores through ir->env) --- */
static inline int a64_vreg_off(int n) { return A64_ENV_OFF(v) + 16 * n; }
/* Element idx of size 1 << esize_log2 bytes of V<n> (little-endian lanes). */
static inline int a64_vreg_elem_off(int n, unsigned esize_log2, unsigned idx)
{
    return a64_vreg_off(n) + (int)(idx << esize_log2);
}

/* --- the FP/SIMD decoders (a64simd's; stubs return false) ---
 * The TB loop calls them for these encoding groups, in this order for bits 27:25 = 111:
 *   a64_tr_crypto    first: AES, SHA1/SHA256/SHA512/SHA3, SM3/SM4 (return false
 *                    for anything else); also called for CRC32/CRC32C, which live in
 *                    data-processing (2 source): sf 0 0 11010110 Rm 010 C sz Rn Rd;
 *   a64_tr_fp        then scalar FP and FP<->integer conversions: bit 30 == 0 and
 *                    bits 28:24 == 1111x, i.e. (insn & 0x5e000000) == 0x1e000000;
 *   a64_tr_simd      then everything else of bits 27:25 == 111 (AdvSIMD);
 *   a64_tr_simd_ldst AdvSIMD load/store multiple/single structures (LD1-LD4, ST1-ST4,
 *                    LD1R-LD4R, with and without post-index):
 *                    (insn & 0xbe000000) == 0x0c000000.
 * LDR/STR/LDP/STP/LDUR/STUR of B/H/S/D/Q registers (the V=1 forms of the ordinary
 * load/store encodings) are decoded by translate-a64-ldst.c with the same addressing
 * code as the integer forms. */
bool a64_tr_crypto(struct a64_dc *s, uint32_t insn);
bool a64_tr_fp(struct a64_dc *s, uint32_t insn);
bool a64_tr_simd(struct a64_dc *s, uint32_t insn);
bool a64_tr_simd_ldst(struct a64_dc *s, uint32_t insn);

#endif
