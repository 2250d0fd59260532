/* Load/store multiple: ldm/stm in all four modes (ia, ib, da, db) with and without
 * writeback, single-register and full lists, the base register in the list of an ldm
 * without writeback (it gets the loaded value), push/pop of many registers on the real
 * stack (only the values come back, the sp itself is not printed), and pop into pc. */
#include "harness.inc"
    TEST_MAIN

.macro LDMCASE mode, wb
    INIT
    LI r0, src + 16
    ldm\mode r0\wb, {r1, r2, r5, r9}
    DUMP "ldm\mode \wb"
.endm
    LDMCASE ia, ""
    LDMCASE ia, "!"
    LDMCASE ib, "!"
    LDMCASE da, "!"
    LDMCASE db, "!"
    LDMCASE db, ""

.macro STMCASE mode, wb
    INIT
    LI r12, dst + 32
    stm\mode r12\wb, {r0-r3, r7}
    DUMP "stm\mode \wb"
    DUMPMEM "dst after stm\mode \wb", dst, 16
    LI r0, dst
    mov r1, #0
    mov r2, #0
    mov r3, #0
    mov r4, #0
    stmia r0!, {r1-r4}
    stmia r0!, {r1-r4}
    stmia r0!, {r1-r4}
    stmia r0!, {r1-r4}
.endm
    STMCASE ia, "!"
    STMCASE ib, "!"
    STMCASE da, "!"
    STMCASE db, ""

    /* Base in the list, no writeback: the base register takes the loaded value. */
    INIT
    LI r3, src
    ldmia r3, {r1-r4}
    DUMP "ldm base in list"

    /* One register, and all of r0-r12. */
    INIT
    LI r6, src + 4
    ldmib r6!, {r7}
    DUMP "ldmib single"
    INIT
    LI r0, src
    ldm r0, {r0-r12}
    DUMP "ldm r0-r12"
    INIT
    LI r0, dst
    stm r0, {r0-r12}
    DUMPMEM "stm r0-r12 (r0 stored is the base)", dst, 13

    /* push/pop round trip through the stack, and pop {pc} as a return. */
    INIT
    push {r0-r12}
    LI r0, 0
    mov r1, r0
    mov r2, r0
    mov r11, r0
    mov r12, r0
    pop {r0-r12}
    DUMP "push/pop r0-r12"
    INIT
    mov r0, #0
    bl 1f
    orr r0, r0, #2
    DUMP "pop {pc} returned"
    b 2f
1:  push {r4, lr}
    orr r0, r0, #1
    pop {r4, pc}
2:
    /* vstm/vldm style block copy done with ldm/stm pairs of 4 registers. */
    INIT
    LI r0, src
    LI r1, dst
    mov r2, #3
3:  ldmia r0!, {r4-r7}
    stmia r1!, {r4-r7}
    subs r2, r2, #1
    bne 3b
    DUMP "block copy"
    DUMPMEM "copied", dst, 12
    TEST_END

    .data
    .align 3
src: .word 0x10000000, 0x10000001, 0x10000002, 0x10000003, 0x10000004, 0x10000005
    .word 0x10000006, 0x10000007, 0x10000008, 0x10000009, 0x1000000a, 0x1000000b
    .word 0x1000000c, 0x1000000d, 0x1000000e, 0x1000000f
dst: .space 64, 0
