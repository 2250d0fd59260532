/* Loads and stores in every addressing mode: unsigned offset, unscaled (LDUR), pre- and
 * post-index with write-back, register offset (LSL, UXTW, SXTW, SXTX, scaled or not),
 * literal, unprivileged (LDTR, the same at EL0); every size and extension (LDRB/H,
 * LDRSB/SH/SW to W and X); pairs (LDP/STP of W, X, LDPSW, LDNP/STNP) in all three
 * index modes; SIMD&FP registers (B, H, S, D, Q, single and pairs, and the zeroing of
 * the rest of the register on load); unaligned accesses; PRFM. */
#include "harness.inc"
TEST_MAIN
    INIT
    LA x1, src
    ldrb w2, [x1]
    ldrb w3, [x1, #7]
    ldrh w4, [x1, #2]
    ldr w5, [x1, #4]
    ldr x6, [x1, #8]
    ldrsb w7, [x1, #7]
    ldrsb x8, [x1, #7]
    ldrsh w9, [x1, #6]
    ldrsh x10, [x1, #6]
    ldrsw x11, [x1, #4]
    ldr x12, [x1, #0x38]
    ldur x13, [x1, #3]
    ldur w14, [x1, #-1 + 8]
    ldursb x15, [x1, #15]
    ldurh w16, [x1, #9]
    ldursh w17, [x1, #11]
    ldursw x18, [x1, #13]
    ldtr x19, [x1, #16]
    ldtrsb w20, [x1, #23]
    ldr x21, lit64
    ldr w22, lit32
    ldrsw x23, lit32
    prfm pldl1keep, [x1]
    prfm pstl2strm, [x1, x2]
    prfum pldl3keep, [x1, #1]
    prfm plil1keep, lit64
    mov x1, #0
    DUMP loads_imm
    INIT
    LA x1, src
    mov x2, #3
    mov x3, #-2
    LI x4, 0xffffffff00000002
    ldr x5, [x1, x2, lsl #3]
    ldr x6, [x1, x2]
    ldr w7, [x1, w2, uxtw #2]
    ldr w8, [x1, w2, uxtw]
    add x9, x1, #32
    ldr x10, [x9, w3, sxtw #3]
    ldrh w11, [x9, x3, sxtx #1]
    ldrsb x12, [x9, x3, sxtx]
    ldrsh w13, [x1, w4, uxtw #1]
    ldrsw x14, [x9, w3, sxtw #2]
    ldrb w15, [x1, w4, uxtw #0]
    mov x1, #0
    mov x9, #0
    DUMP loads_reg
    INIT
    LA x1, src
    ldr x2, [x1, #8]!
    mov x3, x1
    ldr x4, [x1], #16
    mov x5, x1
    ldrb w6, [x1, #-1]!
    mov x7, x1
    ldrsh x8, [x1], #-5
    mov x9, x1
    ldrsw x10, [x1, #255]!
    mov x11, x1
    ldr w12, [x1], #-256
    LA x13, src
    sub x3, x3, x13
    sub x5, x5, x13
    sub x7, x7, x13
    sub x9, x9, x13
    sub x11, x11, x13
    sub x1, x1, x13
    mov x13, #0
    DUMP loads_index
    INIT
    LA x1, dst
    LI x2, 0x1122334455667788
    str x2, [x1]
    str w2, [x1, #8]
    strh w2, [x1, #12]
    strb w2, [x1, #14]
    stur x2, [x1, #17]
    sturh w2, [x1, #25]
    sttr w2, [x1, #28]
    mov x3, #5
    str x2, [x1, x3, lsl #3]
    strb w2, [x1, w3, uxtw]
    str w2, [x1, w3, sxtw #2]
    add x4, x1, #64
    str x2, [x4, #8]!
    str w2, [x4], #4
    strh w2, [x4, #2]!
    strb w2, [x4], #-1
    str xzr, [x1, #88]
    str wzr, [x1, #96]
    LA x5, dst
    sub x4, x4, x5
    mov x1, #0
    mov x5, #0
    DUMPMEM stores, dst, 112
    INIT
    LA x1, src
    ldp x2, x3, [x1]
    ldp w4, w5, [x1, #8]
    ldpsw x6, x7, [x1, #4]
    ldp x8, x9, [x1, #16]!
    mov x10, x1
    ldp w11, w12, [x1], #-8
    mov x13, x1
    ldnp x14, x15, [x1, #-8]
    ldnp w16, w17, [x1, #4]
    ldpsw x18, x19, [x1], #24
    LA x20, src
    sub x1, x1, x20
    sub x10, x10, x20
    sub x13, x13, x20
    mov x20, #0
    DUMP load_pairs
    INIT
    LA x1, dst
    LI x2, 0xa1a2a3a4a5a6a7a8
    LI x3, 0xb1b2b3b4b5b6b7b8
    stp x2, x3, [x1]
    stp w3, w2, [x1, #16]
    stp x3, x2, [x1, #32]!
    stp w2, w2, [x1], #16
    stnp x2, x2, [x1, #8]
    stnp w3, w3, [x1, #24]
    stp xzr, x2, [x1, #32]
    LA x4, dst
    sub x1, x1, x4
    mov x4, #0
    DUMPMEM store_pairs, dst, 88
    INIT
    LA x1, src
    LI x2, 0xffffffffffffffff
    dup v0.2d, x2
    mov v1.16b, v0.16b
    mov v2.16b, v0.16b
    mov v3.16b, v0.16b
    mov v4.16b, v0.16b
    mov v5.16b, v0.16b
    mov v6.16b, v0.16b
    mov v7.16b, v0.16b
    ldr b0, [x1, #1]
    ldr h1, [x1, #2]
    ldr s2, [x1, #4]
    ldr d3, [x1, #8]
    ldr q4, [x1, #16]
    ldur q5, [x1, #3]
    ldr d6, [x1, x2, lsl #3]
    ldr q7, [x1, #16]!
    ldp s8, s9, [x1]
    ldp d10, d11, [x1, #-16]
    ldp q12, q13, [x1], #32
    ldr s14, lit32
    ldr d15, lit64
    ldr q16, lit128
    ldnp d17, d18, [x1, #-24]
    LA x3, src
    sub x1, x1, x3
    mov x3, #0
    DUMPFP fp_loads
    INIT
    LA x1, dst
    LA x2, src
    ldp q0, q1, [x2]
    str b0, [x1]
    str h0, [x1, #2]
    str s0, [x1, #4]
    str d0, [x1, #8]
    str q1, [x1, #16]
    stur q0, [x1, #33]
    stp s0, s1, [x1, #52]
    stp d0, d1, [x1, #64]!
    stp q1, q0, [x1], #32
    str q0, [x1, #16]
    LA x3, dst
    sub x1, x1, x3
    mov x2, #0
    mov x3, #0
    DUMPMEM fp_stores, dst, 128
    TEST_END

    .balign 16
lit128: .quad 0x0123456789abcdef, 0xfedcba9876543210
lit64: .quad 0x8877665544332211
lit32: .word 0x87654321

    .data
    .balign 16
    .fill 64, 1, 0xee
src:
    .byte 0x01, 0x82, 0x03, 0x84, 0x05, 0x86, 0x07, 0x88
    .byte 0x19, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e, 0x7f, 0x90
    .byte 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07, 0x98
    .byte 0x29, 0x3a, 0x4b, 0x5c, 0x6d, 0x7e, 0x8f, 0xf0
    .byte 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88
    .byte 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00
    .fill 512, 1, 0x5a
    .balign 16
dst: .fill 256, 1, 0
