/* Carry chains: adc/adcs/sbc/sbcs/rsc across 64- and 96-bit additions and subtractions,
 * with the incoming carry both set and clear, and the overflow of the top word. */
#include "harness.inc"
    TEST_MAIN

.macro ADD64 ahi, alo, bhi, blo
    INIT
    LI r1, \alo
    LI r2, \ahi
    LI r3, \blo
    LI r4, \bhi
    adds r0, r1, r3
    adcs r5, r2, r4
    DUMP "add64 \ahi:\alo + \bhi:\blo -> r5:r0"
.endm
.macro SUB64 ahi, alo, bhi, blo
    INIT
    LI r1, \alo
    LI r2, \ahi
    LI r3, \blo
    LI r4, \bhi
    subs r0, r1, r3
    sbcs r5, r2, r4
    DUMP "sub64 \ahi:\alo - \bhi:\blo -> r5:r0"
.endm
    ADD64 0x00000000, 0xffffffff, 0x00000000, 0x00000001
    ADD64 0x7fffffff, 0xffffffff, 0x00000000, 0x00000001
    ADD64 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff
    ADD64 0x80000000, 0x00000000, 0x80000000, 0x00000000
    SUB64 0x00000001, 0x00000000, 0x00000000, 0x00000001
    SUB64 0x00000000, 0x00000000, 0x00000000, 0x00000001
    SUB64 0x80000000, 0x00000000, 0x00000000, 0x00000001
    SUB64 0x12345678, 0x9abcdef0, 0x12345678, 0x9abcdef0

.macro CIN op, a, b, c
    INIT
    FLAGS \c
    LI r1, \a
    LI r2, \b
    \op r0, r1, r2
    DUMP "\op \a \b carry-in \c"
.endm
    .irp c, 0, 0x20000000
    CIN adcs, 0xffffffff, 0, \c
    CIN adcs, 0x7fffffff, 0, \c
    CIN adcs, 0xfffffffe, 1, \c
    CIN sbcs, 0, 0, \c
    CIN sbcs, 0x80000000, 0, \c
    CIN sbcs, 5, 4, \c
    CIN rscs, 1, 1, \c
    CIN rscs, 0, 0x80000000, \c
    CIN adc, 1, 2, \c
    CIN sbc, 1, 2, \c
    .endr

    /* 96-bit add and subtract, and a carry propagated through a loop of 8 words. */
    INIT
    LI r0, 0xffffffff
    LI r1, 0xffffffff
    LI r2, 0x7fffffff
    LI r3, 1
    mov r4, #0
    mov r5, #0
    adds r0, r0, r3
    adcs r1, r1, r4
    adcs r2, r2, r5
    DUMP "add96"
    subs r0, r0, r3
    sbcs r1, r1, r4
    sbcs r2, r2, r5
    DUMP "sub96 back"

    INIT
    LI r8, words
    mov r9, #8
    LI r3, 0x80000001
    adds r4, r3, r3             @ sets C, value 2
1:  ldr r5, [r8]
    adcs r5, r5, #0
    str r5, [r8], #4
    sub r9, r9, #1              @ no S: the carry survives the loop control
    teq r9, #0                  @ teq leaves C alone (no shift)
    bne 1b
    DUMP "carry loop"
    DUMPMEM "carry loop words", words, 8
    TEST_END

    .data
words: .word 0xffffffff, 0xffffffff, 0xfffffffe, 0, 0xffffffff, 0xffffffff, 0xffffffff, 7
