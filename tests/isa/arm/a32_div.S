/* Integer divide (ARMv7VE / the idiv extension, present on the emulated CPU): sdiv/udiv
 * rounding toward zero, INT_MIN / -1 (wraps to INT_MIN, no trap), and division by zero,
 * which returns 0 on Linux (SCTLR.DZ clear) instead of trapping. Also the A32 forms
 * under a condition. */
#include "harness.inc"
    TEST_MAIN

.macro DIV op, a, b
    INIT
    LI r1, \a
    LI r2, \b
    \op r0, r1, r2
    DUMP "\op \a \b"
.endm
    DIV sdiv, 100, 7
    DIV sdiv, -100, 7
    DIV sdiv, 100, -7
    DIV sdiv, -100, -7
    DIV sdiv, 0x80000000, 0xffffffff
    DIV sdiv, 0x80000000, 1
    DIV sdiv, 0x7fffffff, 0x80000000
    DIV sdiv, 5, 0
    DIV sdiv, 0x80000000, 0
    DIV udiv, 100, 7
    DIV udiv, 0xffffffff, 1
    DIV udiv, 0xffffffff, 0xfffffffe
    DIV udiv, 0x80000000, 0xffffffff
    DIV udiv, 1, 2
    DIV udiv, 5, 0
    INIT
    LI r1, 1000
    LI r2, 10
    cmp r1, r2
    sdivgt r3, r1, r2
    udivlt r4, r1, r2
    DUMP "conditional divides"
    TEST_END
