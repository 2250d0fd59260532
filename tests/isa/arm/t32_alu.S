/* Thumb-2 data processing: 16-bit encodings (which set flags outside an IT block:
 * adds/subs/movs/ands/lsls/... on low registers; add/mov/cmp on high registers do not),
 * 32-bit encodings with and without S, the Thumb modified-immediate forms (0x00XY00XY,
 * 0xXYXYXYXY, rotated 8-bit) and their carry-out, shifts by register, orn/orns, and the
 * Thumb-only shifted-register forms. */
#include "harness.inc"
    TEST_MAIN_THUMB

    INIT
    FLAGS 0xf0000000
    movs r0, #0                 @ 16-bit: Z=1, N=0, C and V unchanged
    adds r1, r0, #7             @ 16-bit
    subs r2, r1, #8             @ 16-bit: negative, borrow
    DUMP "16-bit low register ops"

    INIT
    FLAGS 0x60000000
    mov r8, r1                  @ high registers: never flag-setting
    add r8, r8, r2
    cmp r8, r9                  @ 16-bit cmp with a high register
    DUMP "high register ops"

    INIT
    LI r1, 0x80000001
    lsls r0, r1, #1
    DUMP "lsls #1 (16-bit)"
    INIT
    LI r1, 0x80000001
    mov r2, #33
    lsrs r1, r1, r2             @ 16-bit register shift by 33
    DUMP "lsrs by register 33 (16-bit)"
    INIT
    LI r1, 0x80000001
    mov r2, #32
    asrs r3, r1, r2             @ 32-bit form (rd != rn)
    rors r4, r1, r2
    DUMP "asrs/rors by register 32"
    INIT
    FLAGS 0x20000000
    LI r1, 0x80000001
    rrxs r0, r1
    DUMP "rrxs"

    /* Modified immediates. */
    INIT
    mov r0, #0x00ab00ab
    mov r1, #0xab00ab00
    mov r2, #0xabababab
    mov r3, #0x3fc00            @ rotated 8-bit
    mvn r4, #0x00ff00ff
    LI r5, 0xffffffff
    ands r6, r5, #0x80000000    @ rotated constant: C = bit 31 = 1
    DUMP "modified immediates"
    INIT
    FLAGS 0x20000000
    LI r5, 0xffffffff
    ands r6, r5, #0x00ff00ff    @ replicated pattern: C unchanged (stays 1)
    DUMP "ands replicated immediate keeps C"
    INIT
    LI r5, 0xffffffff
    ands r6, r5, #0x00010000    @ rotated with bit 31 clear: C = 0
    DUMP "ands rotated immediate clears C"

    /* 32-bit ops, with S and without, with shifted register operands. */
    INIT
    LI r1, 0x7fffffff
    LI r2, 0x00000010
    add r0, r1, r2, lsl #28
    adds r3, r1, r2, lsl #28
    sub r4, r1, r2, asr #2
    orn r5, r1, r2
    orns r6, r2, r1
    eor r7, r1, r2, ror #4
    bic r8, r1, r2, lsr #1
    rsb r9, r2, #0
    rsbs r10, r2, r1, lsl #1
    adc r11, r1, r2
    sbcs r12, r2, r1
    DUMP "32-bit ops"
    INIT
    LI r1, 0x12345678
    addw r0, r1, #4095
    subw r2, r1, #4095
    movw r3, #0xfedc
    movt r3, #0x7654
    mvns r4, r1, lsl #4
    teq r1, r1, lsl #1
    DUMP "addw/subw/movw/movt/mvns/teq"
    INIT
    LI r1, 0x12345678
    clz r0, r1
    rbit r2, r1
    rev r3, r1
    rev16 r4, r1
    revsh r5, r1
    ubfx r6, r1, #4, #12
    sbfx r7, r1, #20, #8
    bfi r8, r1, #8, #8
    uxtb r9, r1, ror #8
    sxtah r10, r1, r1, ror #16
    mul r11, r1, r1
    mla r12, r1, r1, r1
    DUMP "thumb-2 misc"
    INIT
    LI r2, 0xfffffff9
    LI r3, 2
    sdiv r0, r2, r3
    udiv r1, r2, r3
    umull r4, r5, r2, r2
    smlal r6, r7, r2, r3
    ssat r8, #8, r2, lsl #5
    usat r9, #4, r3, lsl #3
    qadd r10, r2, r2
    DUMP "thumb-2 divide, long multiply, saturate"
    TEST_END
