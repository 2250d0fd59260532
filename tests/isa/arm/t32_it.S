/* Thumb-2 IT blocks: every condition under every NZCV combination (one IT per
 * instruction), the then/else patterns of 2-4 instruction blocks, 16-bit instructions
 * inside a block (which do not set flags there), flag-setting instructions inside a block
 * changing the condition for the rest of it, and a conditional branch ending a block. */
#include "harness.inc"
    TEST_MAIN_THUMB

.macro ITCONDS nzcv
    INIT
    FLAGS (\nzcv<<28)
    mov r0, #0
    it eq
    orreq r0, r0, #1 << 0
    it ne
    orrne r0, r0, #1 << 1
    it cs
    orrcs r0, r0, #1 << 2
    it cc
    orrcc r0, r0, #1 << 3
    it mi
    orrmi r0, r0, #1 << 4
    it pl
    orrpl r0, r0, #1 << 5
    it vs
    orrvs r0, r0, #1 << 6
    it vc
    orrvc r0, r0, #1 << 7
    it hi
    orrhi r0, r0, #1 << 8
    it ls
    orrls r0, r0, #1 << 9
    it ge
    orrge r0, r0, #1 << 10
    it lt
    orrlt r0, r0, #1 << 11
    it gt
    orrgt r0, r0, #1 << 12
    it le
    orrle r0, r0, #1 << 13
    DUMP "it conditions with NZCV=\nzcv"
.endm
    .irp f, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    ITCONDS \f
    .endr

    /* Block patterns: r0..r3 show which slots ran. */
.macro PATTERN it, c1, c2, c3, c4, flags
    INIT
    FLAGS \flags
    \it eq
    mov\c1 r0, #1
    mov\c2 r1, #2
    mov\c3 r2, #3
    mov\c4 r3, #4
    DUMP "\it eq with flags \flags"
.endm
    PATTERN itttt, eq, eq, eq, eq, 0x40000000
    PATTERN itttt, eq, eq, eq, eq, 0
    PATTERN iteee, eq, ne, ne, ne, 0x40000000
    PATTERN iteee, eq, ne, ne, ne, 0
    PATTERN ittet, eq, eq, ne, eq, 0x40000000
    PATTERN itete, eq, ne, eq, ne, 0

    /* Inside IT, "add r0, #1" is the 16-bit encoding and does not set flags; adds inside
     * IT needs the 32-bit encoding, which does. */
    INIT
    FLAGS 0x40000000            @ Z
    mov r0, #0xff
    itt eq
    addeq r0, r0, #1            @ 16-bit, no flags
    moveq r1, #0x11             @ still runs: Z unchanged
    DUMP "16-bit add in IT keeps flags"

    INIT
    FLAGS 0x40000000
    LI r5, 5
    itte eq
    cmpeq r5, #6                @ runs, clears Z (5 != 6)
    moveq r1, #0x22             @ now skipped
    movne r2, #0x33             @ else slot: now runs
    DUMP "cmp inside IT changes later slots"

    INIT
    FLAGS 0x40000000
    LI r5, 0xffffffff
    itete eq
    addseq r0, r5, #1           @ 32-bit flag-setting: Z=1, C=1
    movne r1, #1                @ else slot: skipped (Z still 1)
    subseq r2, r5, r5           @ Z=1 again
    movne r3, #1                @ skipped
    DUMP "flag setting in ITETE"

    /* A conditional branch as the last instruction of a block. */
    INIT
    mov r0, #0
    cmp r1, r2
    itt lt
    orrlt r0, r0, #1
    blt 1f
    orr r0, r0, #2              @ skipped by the branch
1:  cmp r2, r1
    ite lt
    orrlt r0, r0, #4
    orrge r0, r0, #8
    DUMP "branch at end of IT"
    TEST_END
