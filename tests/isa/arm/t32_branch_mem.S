/* Thumb-2 control flow and memory: cbz/cbnz forward, tbb/tbh jump tables (including the
 * pc-relative table base), bl/blx to A32 code and back (interworking), bx to a Thumb
 * address with bit 0 set, literal loads and adr, 16-bit and 32-bit load/store forms with
 * immediate/register offsets and writeback, ldrd/strd, ldm/stm, and ldrex with an
 * offset (T32 only). */
#include "harness.inc"
    TEST_MAIN_THUMB

    INIT
    mov r0, #0
    mov r1, #0
    cbz r1, 1f
    orr r0, r0, #1
1:  cbnz r1, 2f
    orr r0, r0, #2
2:  mov r1, #5
    cbnz r1, 3f
    orr r0, r0, #4
3:  cbz r1, 4f
    orr r0, r0, #8
4:  DUMP "cbz/cbnz"

    /* tbb: index 0..3 into a byte table; each target adds a distinct value. */
    INIT
    mov r0, #0
    mov r4, #0
5:  tbb [pc, r4]
tbb_table:
    .byte (t0 - tbb_table) / 2, (t1 - tbb_table) / 2, (t2 - tbb_table) / 2, (t3 - tbb_table) / 2
t0: add r0, r0, #1
    b 6f
t1: add r0, r0, #0x10
    b 6f
t2: add r0, r0, #0x100
    b 6f
t3: add r0, r0, #0x1000
6:  add r4, r4, #1
    cmp r4, #4
    blt 5b
    DUMP "tbb table"

    INIT
    mov r0, #0
    mov r4, #2
7:  tbh [pc, r4, lsl #1]
tbh_table:
    .hword (h0 - tbh_table) / 2, (h1 - tbh_table) / 2, (h2 - tbh_table) / 2
h0: add r0, r0, #3
    b 8f
h1: add r0, r0, #0x30
    b 8f
    .space 600                  @ beyond the reach of a tbb byte offset
h2: add r0, r0, #0x300
8:  subs r4, r4, #1
    bge 7b
    DUMP "tbh table"

    /* Interworking: bl to an A32 function (linker makes it blx), blx register both ways. */
    INIT
    LI r0, 10
    bl arm_double
    LI r5, thumb_add3
    blx r5                      @ Thumb -> Thumb through a register (bit 0 set)
    LI r6, arm_double
    blx r6                      @ Thumb -> A32 through a register
    DUMP "interworking calls"

    /* Literals and adr. */
    INIT
    ldr r0, =0xdeadbeef
    ldr r1, lit
    adr r2, lit
    ldr r3, [r2]
    LI r6, lit
    subs r2, r2, r6             @ adr must give lit's address: 0 (code addresses not printed)
    DUMP "literal loads"
    b 9f
    .align 2
lit: .word 0x12345678
9:
    INIT
    LI r7, data
    ldr r0, [r7, #4]            @ 16-bit imm5 form
    ldrb r1, [r7, #5]
    ldrh r2, [r7, #6]
    mov r3, #8
    ldr r4, [r7, r3]            @ 16-bit register form
    ldrsb r5, [r7, r3]
    ldrsh r6, [r7, r3]
    ldr r8, [r7, #-4]!          @ 32-bit, pre-index writeback
    ldr r9, [r7], #12           @ post-index
    ldr r10, [r7, r3, lsl #1]   @ register shifted
    ldrd r11, r12, [r7, #-8]
    DUMP "thumb loads"
    INIT
    LI r7, out
    LI r0, 0xa1b2c3d4
    str r0, [r7]
    strb r0, [r7, #4]
    strh r0, [r7, #6]
    str r0, [r7, #8]!
    strd r0, r7, [r7, #4]
    stmia r7!, {r0-r2}
    push {r0, r1}
    pop {r2, r3}
    LI r8, out
    ldm r8, {r9-r12}
    DUMP "thumb stores"
    DUMPMEM "out", out, 8
    INIT
    LI r1, data
    ldrex r0, [r1, #8]
    add r0, r0, #1
    add r3, r1, #8
    strex r2, r0, [r1, #8]
    ldr r4, [r3]
    DUMP "ldrex/strex with offset"
    TEST_END

    .thumb_func
thumb_add3:
    add r0, r0, #3
    bx lr

    .arm
    .type arm_double, %function
arm_double:
    add r0, r0, r0
    bx lr

    .data
    .align 3
    .word 0xcccccccc, 0xdddddddd
data: .word 0x11111111, 0x8281a0b0, 0xfedc8899, 0x44444444, 0x55555555, 0x66666666
out: .space 32, 0
