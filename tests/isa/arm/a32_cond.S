/* A32 conditional execution: for each of the 16 NZCV combinations, 15 conditional orrs
 * (eq .. le, al) each set one bit of r0, so r0 shows exactly which conditions passed.
 * Then conditional data processing with S (flags change only when the condition passes),
 * conditional loads/stores (a failing condition must not access memory, even an invalid
 * address) and conditional branches. */
#include "harness.inc"
    TEST_MAIN

.macro CONDS nzcv
    INIT
    FLAGS (\nzcv<<28)
    mov r0, #0
    orreq r0, r0, #1 << 0
    orrne r0, r0, #1 << 1
    orrcs r0, r0, #1 << 2
    orrcc r0, r0, #1 << 3
    orrmi r0, r0, #1 << 4
    orrpl r0, r0, #1 << 5
    orrvs r0, r0, #1 << 6
    orrvc r0, r0, #1 << 7
    orrhi r0, r0, #1 << 8
    orrls r0, r0, #1 << 9
    orrge r0, r0, #1 << 10
    orrlt r0, r0, #1 << 11
    orrgt r0, r0, #1 << 12
    orrle r0, r0, #1 << 13
    orral r0, r0, #1 << 14
    DUMP "conditions with NZCV=\nzcv"
.endm
    .irp f, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    CONDS \f
    .endr

    /* Flag-setting instructions under a condition. */
    INIT
    FLAGS 0x40000000            @ Z
    LI r1, 0xffffffff
    addsne r2, r1, #1           @ skipped: flags stay Z
    addseq r3, r1, #2           @ runs: C set, Z clear
    subsne r4, r1, r1           @ runs now (Z clear): Z set again
    movsmi r5, #0x80000000      @ skipped (N clear)
    DUMP "conditional flag setting"

    /* A failing condition must not touch memory: r6 holds an unmapped address. */
    INIT
    FLAGS 0x00000000
    LI r6, 0x00000010
    ldreq r7, [r6]
    streq r7, [r6]
    ldmeq r6, {r0-r3}
    LI r8, cword
    ldrne r9, [r8]
    strne r1, [r8, #4]
    ldrne r10, [r8, #4]
    DUMP "conditional memory access"

    /* Conditional branches and bl. */
    INIT
    mov r0, #0
    cmp r1, r2                  @ 0x01010101 < 0x02020202: lo, lt
    bhs 1f
    orr r0, r0, #1
1:  blo 2f
    orr r0, r0, #2
2:  bgt 3f
    orr r0, r0, #4
3:  cmp r2, r1
    blgt 9f                     @ sets bit 3 in the subroutine
    bleq 10f                    @ not taken
    DUMP "conditional branches"
    TEST_END

9:  orr r0, r0, #8
    bx lr
10: orr r0, r0, #16
    bx lr

    .data
cword: .word 0x5a5a5a5a, 0
