/* A32 loads and stores, every addressing mode: immediate offset (+/-), register offset
 * (+/-, shifted by lsl/lsr/asr/ror/rrx), pre-indexed with writeback, post-indexed; the
 * byte/halfword/signed/doubleword forms with their own (8-bit immediate / plain register)
 * modes; ldrt/strt; unaligned word and halfword accesses (allowed on ARMv7 Linux); and
 * store-then-load ordering. Base registers hold fixed .data addresses (linked at a fixed
 * address), so writeback results print deterministically. */
#include "harness.inc"
    TEST_MAIN

    INIT
    LI r1, src + 16
    ldr r0, [r1]
    ldr r2, [r1, #4]
    ldr r3, [r1, #-4]
    ldr r4, [r1, #4095 - 4095 + 12]
    mov r5, #8
    ldr r6, [r1, r5]
    ldr r7, [r1, -r5]
    mov r5, #2
    ldr r8, [r1, r5, lsl #2]
    ldr r9, [r1, -r5, lsl #3]
    LI r5, 0x20
    ldr r10, [r1, r5, lsr #3]
    LI r5, 0xfffffff8           @ asr #1 -> -4
    ldr r11, [r1, r5, asr #1]
    LI r5, 0x00000040           @ ror #4 -> 4
    ldr r12, [r1, r5, ror #4]
    DUMP "ldr offset modes"

    /* rrx offsets: C shifts into bit 31, so with C=1 the base is biased to compensate. */
    INIT
    LI r1, src + 16
    LI r5, 0x10                 @ C=0: rrx -> 8
    ldr r0, [r1, -r5, rrx]
    FLAGS 0x20000000
    LI r2, src + 16
    sub r2, r2, #0x80000000     @ sub leaves the flags (and C) alone
    sub r2, r2, #4
    LI r5, 8                    @ C=1: rrx -> 0x80000004
    ldr r3, [r2, r5, rrx]
    DUMP "ldr with rrx offsets"

    INIT
    LI r1, src
    ldr r0, [r1, #4]!
    ldr r2, [r1, #4]!
    ldr r3, [r1], #8
    ldr r4, [r1], #-4
    mov r5, #3
    ldr r6, [r1, r5, lsl #2]!
    ldr r7, [r1], r5, lsl #1    @ post-index by 6 bytes: r1 becomes unaligned
    ldr r8, [r1]                @ unaligned word load
    DUMP "ldr writeback and post-index"

    INIT
    LI r1, src
    ldrb r0, [r1, #3]
    ldrsb r2, [r1, #3]
    ldrh r3, [r1, #2]
    ldrsh r4, [r1, #2]
    mov r5, #6
    ldrb r6, [r1, r5]
    ldrsb r7, [r1, -r5]!        @ r1 = src - 6: loads the guard byte below src
    ldrh r8, [r1, #7]           @ unaligned halfword
    ldrsh r9, [r1], #255
    ldrb r10, [r1, #-250]
    ldrd r2, r3, [r1, #-245]    @ r1 = src + 249; -245 -> src+4 (8-aligned not required)
    DUMP "byte halfword doubleword loads"

    INIT
    LI r1, dst
    LI r0, 0x11223344
    LI r2, 0xa5a5a5a5
    LI r3, 0x5a5a5a5a
    str r0, [r1]
    strb r0, [r1, #4]
    strh r0, [r1, #6]
    str r0, [r1, #8]!
    strb r2, [r1], #1
    strh r3, [r1], #2           @ unaligned halfword store (r1 = dst+9)
    mov r4, #4
    str r2, [r1, r4]!           @ unaligned word store at dst+15
    strd r2, r3, [r1, #5]       @ dst+20: word aligned is enough for strd
    mov r5, #9
    strd r2, r3, [r1, r5]!      @ dst+24
    strt r0, [r1], #4           @ user-mode store: same as str here
    ldrt r6, [r1], #-4
    DUMP "stores with writeback"
    DUMPMEM "dst after stores", dst, 10

    /* ldr into pc (a computed branch, and interworking via bit 0 from ldr in ARMv7). */
    INIT
    LI r1, jumptab
    mov r0, #0
    ldr pc, [r1, #4]
1:  orr r0, r0, #1
2:  orr r0, r0, #2
    DUMP "ldr pc from table"
    TEST_END

    .data
    .align 3
    .word 0xfeedface, 0xdeadbeef
src: .word 0x03020100, 0x87868584, 0x0b0a0908, 0x0f0e0d0c
    .word 0x13121110, 0x17161514, 0x1b1a1918, 0x1f1e1d1c
    .word 0x23222120, 0x27262524, 0x2b2a2928, 0x2f2e2d2c
    .space 256, 0x77
    .align 3
dst: .space 48, 0
jumptab: .word 1b, 2b
