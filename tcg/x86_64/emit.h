/* x86-64 instruction encoder: appends machine code for one instruction per call.
 * Contract: every function writes to the buffer's cursor and advances it; it never
 * fails loudly - if fewer than X86_MAX_INSN bytes remain, it sets b->overflow and
 * writes nothing (callers check overflow once per block and flush the code cache).
 * Registers 0-15 are the general registers, 16-31 are xmm0-xmm15. "w" selects the
 * operand width: 8, 16, 32 or 64 bits where the instruction has that form; 32-bit
 * forms zero the upper half of the destination as the hardware does. */
#ifndef TCG_X86_64_EMIT_H
#define TCG_X86_64_EMIT_H

#include <stdbool.h>
#include <stdint.h>

#define X86_MAX_INSN 16

enum x86_reg {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
    R8, R9, R10, R11, R12, R13, R14, R15,
    XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7,
    XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15,
    X86_NOREG = -1,
};

/* Condition codes in hardware order (the low nibble of Jcc/SETcc/CMOVcc). */
enum x86_cc {
    CC_O, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A,
    CC_S, CC_NS, CC_P, CC_NP, CC_L, CC_GE, CC_LE, CC_G,
};
static inline enum x86_cc x86_cc_invert(enum x86_cc c) { return (enum x86_cc)(c ^ 1); }

/* Group-1 ALU operations, numbered as their /digit. */
enum x86_alu { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };
/* Group-2 shifts and rotates, numbered as their /digit. */
enum x86_shift { SH_ROL = 0, SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };
/* Group-3 unary operations, numbered as their /digit. */
enum x86_unop { UN_NOT = 2, UN_NEG = 3, UN_MUL = 4, UN_IMUL = 5, UN_DIV = 6, UN_IDIV = 7 };

/* A memory operand [base + index*scale + disp]. base may be X86_NOREG only with an index
 * (then disp32 absolute-less SIB form) or for a RIP-relative operand (rip = true, disp is
 * relative to the end of the instruction). scale is 1, 2, 4 or 8. */
struct x86_mem {
    int8_t base;
    int8_t index;
    uint8_t scale;
    bool rip;
    int32_t disp;
};
static inline struct x86_mem x86_mem_bd(int base, int32_t disp)
{
    return (struct x86_mem){ (int8_t)base, X86_NOREG, 1, false, disp };
}
static inline struct x86_mem x86_mem_bid(int base, int index, int scale, int32_t disp)
{
    return (struct x86_mem){ (int8_t)base, (int8_t)index, (uint8_t)scale, false, disp };
}

struct x86_buf {
    uint8_t *start, *p, *end;
    bool overflow;
};

/* --- integer moves --- */
void x86_mov_rr(struct x86_buf *b, int w, int dst, int src);          /* w = 32 or 64 */
/* dst = imm with the shortest encoding: 32-bit mov when imm fits zero-extended,
 * sign-extended imm32 form, else movabs. Never touches flags (no xor-zeroing). */
void x86_mov_ri(struct x86_buf *b, int w, int dst, uint64_t imm);
/* Load size bytes (1, 2, 4, 8) into a w-bit register, zero- or sign-extending. */
void x86_load(struct x86_buf *b, int size, bool sign, int w, int dst, struct x86_mem m);
void x86_store(struct x86_buf *b, int size, int src, struct x86_mem m);
void x86_store_imm(struct x86_buf *b, int size, int32_t imm, struct x86_mem m);
void x86_lea(struct x86_buf *b, int w, int dst, struct x86_mem m);
/* movzx/movsx register to register: from size 1, 2 or 4 (4 only with sign) */
void x86_ext_rr(struct x86_buf *b, int size, bool sign, int w, int dst, int src);
/* movbe load/store of size 2, 4, 8 (caller checks host support). */
void x86_movbe_load(struct x86_buf *b, int size, int dst, struct x86_mem m);
void x86_movbe_store(struct x86_buf *b, int size, int src, struct x86_mem m);

/* --- integer arithmetic --- */
void x86_alu_rr(struct x86_buf *b, enum x86_alu op, int w, int dst, int src);
void x86_alu_ri(struct x86_buf *b, enum x86_alu op, int w, int dst, int32_t imm); /* imm8 form when it fits */
void x86_alu_rm(struct x86_buf *b, enum x86_alu op, int w, int dst, struct x86_mem m);
void x86_alu_mr(struct x86_buf *b, enum x86_alu op, int w, struct x86_mem m, int src);
void x86_alu_mi(struct x86_buf *b, enum x86_alu op, int w, struct x86_mem m, int32_t imm);
void x86_test_rr(struct x86_buf *b, int w, int a, int c);
void x86_test_ri(struct x86_buf *b, int w, int r, int32_t imm);
void x86_test_mi(struct x86_buf *b, int size, struct x86_mem m, int32_t imm);
void x86_shift_ri(struct x86_buf *b, enum x86_shift op, int w, int dst, uint8_t imm);
void x86_shift_cl(struct x86_buf *b, enum x86_shift op, int w, int dst);
/* BMI2 shifts by a register other than cl: shlx/shrx/sarx dst = src >> cnt. */
void x86_shiftx(struct x86_buf *b, enum x86_shift op, int w, int dst, int src, int cnt);
void x86_unary(struct x86_buf *b, enum x86_unop op, int w, int r);
void x86_imul_rr(struct x86_buf *b, int w, int dst, int src);
void x86_imul_rri(struct x86_buf *b, int w, int dst, int src, int32_t imm);
void x86_bswap(struct x86_buf *b, int w, int r);     /* w 32/64 */
void x86_rol16_8(struct x86_buf *b, int r);          /* rol r16, 8: swaps the low two bytes */
void x86_bsr(struct x86_buf *b, int w, int dst, int src);
void x86_bsf(struct x86_buf *b, int w, int dst, int src);
void x86_lzcnt(struct x86_buf *b, int w, int dst, int src);
void x86_tzcnt(struct x86_buf *b, int w, int dst, int src);
void x86_popcnt(struct x86_buf *b, int w, int dst, int src);
void x86_setcc(struct x86_buf *b, enum x86_cc cc, int r8);   /* any register: REX used for sil/dil... */
void x86_cmov(struct x86_buf *b, enum x86_cc cc, int w, int dst, int src);
void x86_cdq(struct x86_buf *b, int w);              /* cdq (32) / cqo (64) */
void x86_xchg_rr(struct x86_buf *b, int w, int a, int c);

/* --- atomics and barriers --- */
void x86_lock_cmpxchg(struct x86_buf *b, int size, struct x86_mem m, int src); /* compares with rax */
void x86_lock_xadd(struct x86_buf *b, int size, struct x86_mem m, int src);
void x86_xchg_mr(struct x86_buf *b, int size, struct x86_mem m, int src);     /* implicitly locked */
void x86_lock_cmpxchg16b(struct x86_buf *b, struct x86_mem m);
void x86_mfence(struct x86_buf *b);

/* --- control flow --- */
/* Both return the offset (from b->start) of the rel32 field for later patching.
 * A NULL target is a placeholder (jumps to the next instruction until patched); any
 * other target must be within rel32 reach. On overflow they write nothing, return 0. */
uint32_t x86_jmp_rel32(struct x86_buf *b, const uint8_t *target);
uint32_t x86_jcc_rel32(struct x86_buf *b, enum x86_cc cc, const uint8_t *target);
/* Short forms when the target is known to be within reach; return false if not.
 * The answer is about reach only: on overflow they write nothing and return true. */
bool x86_jmp_rel8(struct x86_buf *b, const uint8_t *target);
bool x86_jcc_rel8(struct x86_buf *b, enum x86_cc cc, const uint8_t *target);
void x86_jmp_r(struct x86_buf *b, int r);
void x86_jmp_m(struct x86_buf *b, struct x86_mem m);
void x86_call_r(struct x86_buf *b, int r);
/* Direct call when the target is within +-2 GiB, else movabs r11 + call r11
 * (so r11 is clobbered; it is a scratch register in the SysV ABI anyway). */
void x86_call_abs(struct x86_buf *b, const void *target);
void x86_ret(struct x86_buf *b);
void x86_push(struct x86_buf *b, int r);
void x86_pop(struct x86_buf *b, int r);
void x86_nop(struct x86_buf *b, int n);              /* n bytes of recommended multi-byte nops */
void x86_ud2(struct x86_buf *b);
void x86_int3(struct x86_buf *b);
/* Rewrites the rel32 at offset off so the branch lands on target. The store is atomic
 * when the field is 4-byte aligned: pad with x86_nop before branches patched live. */
void x86_patch_rel32(uint8_t *base, uint32_t off, const uint8_t *target);

/* --- SSE2 / SSE4.1 scalar and packed (xmm registers are XMM0..XMM15) --- */
enum x86_sse_op {
    SSE_ADD = 0x58, SSE_MUL = 0x59, SSE_SUB = 0x5c, SSE_MIN = 0x5d,
    SSE_DIV = 0x5e, SSE_MAX = 0x5f, SSE_SQRT = 0x51,
};
/* Scalar: double if dbl, else single. dst = dst op src. */
void x86_sse_rr(struct x86_buf *b, enum x86_sse_op op, bool dbl, int dst, int src);
void x86_movsd_load(struct x86_buf *b, bool dbl, int dst, struct x86_mem m);   /* movss/movsd */
void x86_movsd_store(struct x86_buf *b, bool dbl, int src, struct x86_mem m);
void x86_movq_xr(struct x86_buf *b, int w, int xmm, int gpr);                  /* movd/movq xmm <- gpr */
void x86_movq_rx(struct x86_buf *b, int w, int gpr, int xmm);                  /* movd/movq gpr <- xmm */
void x86_movdqu_load(struct x86_buf *b, int dst, struct x86_mem m);
void x86_movdqu_store(struct x86_buf *b, int src, struct x86_mem m);
void x86_movaps_rr(struct x86_buf *b, int dst, int src);
void x86_ucomis(struct x86_buf *b, bool dbl, int a, int c);
void x86_comis(struct x86_buf *b, bool dbl, int a, int c);    /* invalid for quiet NaNs too */
void x86_cvtsi2s(struct x86_buf *b, bool dbl, int w, int dst_xmm, int src_gpr);
void x86_cvtts2si(struct x86_buf *b, bool dbl, int w, int dst_gpr, int src_xmm); /* truncating */
void x86_cvts2si(struct x86_buf *b, bool dbl, int w, int dst_gpr, int src_xmm);  /* MXCSR rounding */
void x86_cvtss2sd(struct x86_buf *b, int dst, int src);
void x86_cvtsd2ss(struct x86_buf *b, int dst, int src);
/* Packed integer/logic ops with 66 0F opcodes: op is the second opcode byte, e.g.
 * 0xdb pand, 0xeb por, 0xef pxor, 0xfe paddd, 0xd4 paddq, 0xfa psubd, 0x74 pcmpeqb. */
void x86_sse_66_rr(struct x86_buf *b, uint8_t op, int dst, int src);
/* Scalar op with a memory source (e.g. an FP register in the CPU state). */
void x86_sse_rm(struct x86_buf *b, enum x86_sse_op op, bool dbl, int dst, struct x86_mem m);
/* SSE4.1 roundss/roundsd; mode bits 0-1 pick the rounding (0 nearest-even, 1 down,
 * 2 up, 3 toward zero), bit 2 uses MXCSR instead, bit 3 suppresses inexact. */
void x86_rounds(struct x86_buf *b, bool dbl, int dst, int src, uint8_t mode);
/* cmpss/cmpsd: dst = all-ones or zero for predicate pred (0 eq, 1 lt, 2 le, 3 unord,
 * 4 neq, 5 nlt, 6 nle, 7 ord); handy for NaN checks. */
void x86_cmps(struct x86_buf *b, bool dbl, uint8_t pred, int dst, int src);
void x86_ldmxcsr(struct x86_buf *b, struct x86_mem m);
void x86_stmxcsr(struct x86_buf *b, struct x86_mem m);

#endif
