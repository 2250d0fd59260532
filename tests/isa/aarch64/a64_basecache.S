/* Runs of loads and stores through one base register inside a translated block: the
 * translator keeps the cleaned (top-byte-stripped, window-checked) base between them,
 * so every way the base can change between two accesses must be seen: a load into the
 * base, write-back (pre- and post-index, negative too), an ALU write, a register-writing
 * atomic (SWP) and CAS, SIMD&FP transfers in between, tagged bases (top byte ignored,
 * the same tag and a new tag), and offsets at the edge of what the kept base covers
 * (64 bytes) and past it. */
#include "harness.inc"
TEST_MAIN
    INIT
    LA x1, buf
    ldr x2, [x1]
    ldr x3, [x1, #8]
    ldp x4, x5, [x1, #16]
    ldr x6, [x1, #56]
    ldp x7, x8, [x1, #48]
    ldr x9, [x1, #64]
    ldp x10, x11, [x1, #120]
    ldr x12, [x1, #8]!
    ldr x13, [x1]
    ldr x14, [x1], #16
    ldr x15, [x1]
    ldr x16, [x1, #-8]!
    ldr x17, [x1, #8]
    ldur x18, [x1, #-8]
    mov x1, #0
    DUMP same_base_and_writeback
    INIT
    LA x1, buf
    ldr x2, [x1, #8]
    add x1, x1, #24
    ldr x3, [x1, #8]
    LA x4, ptrs
    ldr x5, [x4]
    ldr x4, [x4, #8]
    ldr x6, [x4]
    ldr x7, [x4, #8]
    ldr x1, [x1]
    mov x4, #0
    mov x5, #0
    DUMP base_rewritten
    INIT
    LA x1, buf
    LI x2, 0x5a00000000000000
    orr x1, x1, x2
    ldr x3, [x1]
    ldp x4, x5, [x1, #16]
    str x3, [x1, #200]
    ldr x6, [x1, #200]
    LI x2, 0xa500000000000000
    eor x1, x1, x2
    ldr x7, [x1, #8]
    ldr x8, [x1, #32]!
    ldr x9, [x1, #8]
    mov x1, #0
    mov x2, #0
    DUMP tagged_bases
    INIT
    LA x1, buf
    LA x10, cell
    LA x11, buf
    add x11, x11, #40
    str x11, [x10]
    add x12, x11, #24
    ldr x2, [x1]
    swp x12, x1, [x10]
    ldr x3, [x1]
    ldr x4, [x1, #8]
    LA x1, buf
    ldr x5, [x1, #16]
    add x13, x1, #64
    add x14, x1, #96
    cas x13, x14, [x10]
    ldr x6, [x1, #16]
    ldr x7, [x10]
    ldr x8, [x7]
    mov x1, #0
    mov x10, #0
    mov x11, #0
    mov x12, #0
    mov x13, #0
    mov x14, #0
    DUMP atomics_between
    INIT
    LA x1, buf
    ldr q0, [x1, #48]
    ldp q1, q2, [x1, #32]
    ldr d3, [x1, #56]
    ldr q4, [x1, #64]
    str q0, [x1, #208]
    stp q1, q2, [x1, #224]
    ldr x2, [x1, #208]
    ldr x3, [x1, #216]
    ldp x4, x5, [x1, #224]
    ldp x6, x7, [x1, #240]
    fmov x8, d3
    fmov x9, d4
    mov x10, v4.d[1]
    movi v0.16b, #0
    movi v1.16b, #0
    movi v2.16b, #0
    movi v3.16b, #0
    movi v4.16b, #0
    mov x1, #0
    DUMP simd_edges
    TEST_END

    .data
    .balign 16
buf:
    .quad 0x1111111111111111, 0x2222222222222222, 0x3333333333333333, 0x4444444444444444
    .quad 0x5555555555555555, 0x6666666666666666, 0x7777777777777777, 0x8888888888888888
    .quad 0x99999999999999aa, 0xaaaaaaaaaaaaaabb, 0xbbbbbbbbbbbbbbcc, 0xccccccccccccccdd
    .quad 0xddddddddddddddee, 0xeeeeeeeeeeeeeeff, 0xfedcba9876543210, 0x0123456789abcdef
    .quad 0x1020304050607080, 0x0102030405060708
    .fill 256, 1, 0
ptrs:
    .quad buf + 8, buf + 32
cell:
    .quad 0
