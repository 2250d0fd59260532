/* A made-up guest ISA for testing the JIT core through the real exec loop without any
 * real architecture: 16 32-bit registers, fixed 8-byte little-endian instructions
 *     word 0: opcode | rd << 8 | rs << 16 | rt << 24      word 1: imm32
 * Branch targets are relative to the branch's own address. It implements struct
 * target_ops (target/target.h) with just what tcg/exec.c needs.
 *
 *   li rd, imm          rd = imm                 ld rd, [rs+imm]   32-bit guest load
 *   add rd, rs, rt      rd = rs + rt             st rt, [rs+imm]   32-bit guest store
 *   addi rd, rs, imm    rd = rs + imm            lda rd, [rs+imm]  load, must be aligned
 *   sub rd, rs, rt      rd = rs - rt             beq/bne rs, rt, off
 *   mul rd, rs, rt      rd = rs * rt             jmp off           jr rs
 *   movz rd, rs, rt     rd = rs if rt == 0 (a branch and a label inside the TB)
 *   chk rs              helper raises EXCP_FPE if rs == 0 (cpu_raise from a helper)
 *   syscall (EXCP_SYSCALL, pc after it)   halt (EXCP_HALT)   bkpt (EXCP_BKPT)
 *   anything else: EXCP_UDEF with excp_addr = pc */
#ifndef TESTS_UNIT_TOY_TARGET_H
#define TESTS_UNIT_TOY_TARGET_H

#include <stdint.h>

#include "target/target.h"
#include "tcg/cpu.h"

enum toy_op {
    TOY_ILLEGAL = 0x00,
    TOY_LI, TOY_ADD, TOY_ADDI, TOY_SUB, TOY_LD, TOY_ST, TOY_BEQ, TOY_BNE, TOY_JMP, TOY_JR,
    TOY_SYSCALL, TOY_HALT, TOY_MUL, TOY_CHK, TOY_LDA, TOY_BKPT, TOY_MOVZ,
};

#define TOY_INSN_SIZE 8

struct toy_cpu {
    struct cpu_common common;
    uint32_t r[16];
};

extern const struct target_ops toy_ops;

/* The encoding of one instruction (two words, as stored in guest memory). */
uint64_t toy_encode(enum toy_op op, unsigned rd, unsigned rs, unsigned rt, uint32_t imm);

/* A cursor writing instructions into guest memory through the host mapping; the page
 * must be host-writable (not yet holding translated code). */
struct toy_asm {
    uint64_t pc;
};
uint64_t toy_emit(struct toy_asm *a, enum toy_op op, unsigned rd, unsigned rs, unsigned rt,
                  uint32_t imm);   /* returns the instruction's address */
/* Branch from 'at' (already emitted) to 'target': rewrites its offset. */
void toy_patch_branch(uint64_t at, uint64_t target);

/* Maps guest memory for the tests: host mmap inside the guest window and the guest page
 * flags (PAGE_VALID is added). Returns 0 or -errno. */
int toy_map(uint64_t addr, uint64_t len, int page_flags);

#endif
