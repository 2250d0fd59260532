/* Exclusive access: ldrex/strex pairs on words, bytes, halfwords and doublewords; strex
 * succeeds (0) after a matching ldrex, fails (1) without one, after clrex, and for a
 * second strex; the atomic-increment loop gcc emits; swp is not tested (deprecated). */
#include "harness.inc"
    TEST_MAIN

    INIT
    LI r1, word
    ldrex r0, [r1]
    add r0, r0, #1
    strex r2, r0, [r1]
    ldr r3, [r1]
    strex r4, r0, [r1]          @ no reservation any more: fails
    DUMP "ldrex/strex word, second strex fails"

    INIT
    LI r1, word
    ldrex r0, [r1]
    clrex
    strex r2, r1, [r1]
    ldr r3, [r1]
    DUMP "strex after clrex fails"

    INIT
    LI r1, byte
    ldrexb r0, [r1]
    add r0, r0, #0x80
    strexb r2, r0, [r1]
    add r7, r1, #2
    ldrexh r3, [r7]
    LI r4, 0xfffe
    strexh r5, r4, [r7]
    ldr r6, [r1]
    DUMP "ldrexb/strexb ldrexh/strexh"

    INIT
    LI r8, dword
    ldrexd r0, r1, [r8]
    adds r0, r0, #1
    adc r1, r1, #0
    strexd r2, r0, r1, [r8]
    ldrd r4, r5, [r8]
    DUMP "ldrexd/strexd 64-bit increment"

    /* The atomic add loop (as __sync_fetch_and_add): 100 increments by 3. */
    INIT
    LI r1, word
    mov r5, #100
1:  ldrex r0, [r1]
    add r0, r0, #3
    strex r2, r0, [r1]
    cmp r2, #0
    bne 1b
    subs r5, r5, #1
    bne 1b
    ldr r3, [r1]
    dmb ish
    DUMP "atomic add loop"
    TEST_END

    .data
    .align 3
word: .word 0x7fffffff
byte: .word 0x1234ff80
dword: .word 0xffffffff, 0x00000001
