/* Integer data processing: add/sub (immediate, shifted, extended, SP forms), logical
 * (immediate and shifted, inverted), move wide, ADR/ADRP, multiplies (MADD/MSUB, long,
 * high), division (by zero and INT_MIN / -1), variable shifts, 1-source bit ops, in 32
 * and 64 bits. Flags are covered by a64_flags.S. */
#include "harness.inc"
TEST_MAIN
    INIT
    add x0, x1, #0xfff
    add x2, x3, #0xabc, lsl #12
    sub x4, x5, #1
    add w6, w7, #0x800
    sub w8, w9, #0x10, lsl #12
    mov x10, sp
    add x11, sp, #0
    sub x11, x11, x10
    add x12, x13, x14, lsl #3
    sub x15, x16, x17, lsr #7
    add x18, x19, x20, asr #63
    add w21, w22, w23, lsl #31
    sub w24, w25, w26, asr #5
    mov x10, #0
    DUMP addsub
    INIT
    LI x1, 0x80000000fffffff0
    LI x2, 0xfffffffffffffff3
    add x0, x1, w2, sxtb
    add x3, x1, w2, uxtb #4
    add x4, x1, w2, sxth #1
    add x5, x1, w2, uxth #2
    add x6, x1, w2, sxtw #3
    add x7, x1, w2, uxtw
    add x8, x1, x2, sxtx #4
    sub x9, x1, x2, uxtx #2
    add w10, w1, w2, sxtb #2
    sub w11, w1, w2, uxth
    mov x12, sp
    add x13, sp, w2, sxtw
    sub x13, x13, x12
    mov x12, #0
    DUMP extended
    INIT
    LI x1, 0x0123456789abcdef
    LI x2, 0xf0f0f0f00ff00ff0
    and x3, x1, x2
    orr x4, x1, x2, lsl #4
    eor x5, x1, x2, lsr #8
    bic x6, x1, x2, asr #12
    orn x7, x1, x2, ror #16
    eon x8, x1, x2
    and w9, w1, w2, ror #7
    orr w10, w1, w2, lsl #31
    and x11, x1, #0x00ff00ff00ff00ff
    orr x12, x1, #0xfffffffffffff000
    eor x13, x1, #0x5555555555555555
    and w14, w1, #0x3c
    orr w15, w2, #0x80000001
    eor w16, w1, #0xffff0000
    mov x17, #0xffff
    mov x18, #-2
    movn w19, #0x1234, lsl #16
    movz x20, #0xbeef, lsl #48
    mov x21, x1
    movk x21, #0xcafe, lsl #32
    movk w22, #0x7777
    mov w23, #-1
    mov x24, #0x3333333333333333
    DUMP logic_movewide
    INIT
    LI x1, 0x0000000100000003
    LI x2, 0xfffffffffffffffd
    LI x3, 0x7fffffff12345678
    mul x4, x1, x2
    madd x5, x1, x2, x3
    msub x6, x1, x2, x3
    mul w7, w1, w2
    madd w8, w3, w2, w1
    msub w9, w3, w2, w1
    smull x10, w2, w3
    umull x11, w2, w3
    smaddl x12, w2, w3, x1
    umsubl x13, w2, w3, x1
    smulh x14, x2, x3
    umulh x15, x2, x3
    smulh x16, x3, x3
    umulh x17, x2, x2
    mneg x18, x1, x3
    smnegl x19, w2, w3
    DUMP multiply
    INIT
    LI x1, 0x8000000000000000
    mov x2, #-1
    mov x3, #7
    mov x4, #0
    sdiv x5, x1, x2
    udiv x6, x1, x2
    sdiv x7, x1, x3
    udiv x8, x1, x3
    sdiv x9, x1, x4
    udiv x10, x1, x4
    mov w11, #0x80000000
    sdiv w12, w11, w2
    udiv w13, w11, w3
    sdiv w14, w11, w3
    sdiv w15, w3, w4
    udiv w16, w3, w4
    mov x17, #-100
    sdiv x18, x17, x3
    udiv x19, x17, x3
    sdiv w20, w17, w3
    DUMP divide
    INIT
    LI x1, 0x8123456789abcdef
    mov x2, #4
    mov x3, #68
    mov x4, #-1
    lsl x5, x1, x2
    lsr x6, x1, x3
    asr x7, x1, x3
    ror x8, x1, x4
    lsl w9, w1, w3
    lsr w10, w1, w4
    asr w11, w1, w2
    ror w12, w1, w3
    lsl x13, x1, #63
    lsr x14, x1, #1
    asr x15, x1, #7
    ror x16, x1, #13
    asr w17, w1, #31
    ror w18, w1, #1
    DUMP shifts
    INIT
    LI x1, 0x00f0000012345678
    LI x2, 0xffff0000ffff0000
    rbit x3, x1
    rbit w4, w1
    rev x5, x1
    rev w6, w1
    rev16 x7, x1
    rev16 w8, w1
    rev32 x9, x1
    clz x10, x1
    clz w11, w1
    clz x12, xzr
    clz w13, wzr
    cls x14, x2
    cls w15, w2
    cls x16, xzr
    cls w17, w1
    mov x18, #-1
    cls x19, x18
    cls w20, w18
    DUMP bits
    INIT
    adr x1, 1f
    adr x2, .
    sub x3, x1, x2
    adrp x4, test_main
    adrp x5, data
    LA x6, data
    mov x1, #0
    mov x2, #0
1:  DUMP adr
    TEST_END
    .data
    .balign 8
data: .quad 0
