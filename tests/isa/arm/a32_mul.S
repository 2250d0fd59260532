/* Multiplies: mul/muls/mla/mls, the long forms umull/smull/umlal/smlal/umaal (with S),
 * the halfword DSP multiplies smulxy/smlaxy/smulwy/smlawy/smlalxy (Q from smla), smmul/
 * smmla/smmls with rounding, and the dual multiplies smuad/smusd/smlad/smlsd/smlald. */
#include "harness.inc"
    TEST_MAIN

.macro M2 op, a, b
    INIT
    LI r1, \a
    LI r2, \b
    \op r0, r1, r2
    DUMP "\op \a \b"
.endm
.macro M3 op, a, b, acc
    INIT
    LI r1, \a
    LI r2, \b
    LI r3, \acc
    \op r0, r1, r2, r3
    DUMP "\op \a \b \acc"
.endm
.macro ML op, lo, hi, a, b
    INIT
    LI r0, \lo
    LI r1, \hi
    LI r2, \a
    LI r3, \b
    \op r0, r1, r2, r3
    DUMP "\op \hi:\lo \a \b"
.endm

    M2 mul, 0x12345678, 0x9abcdef0
    M2 muls, 0xffffffff, 0xffffffff
    M2 muls, 0x10000, 0x10000
    M2 muls, 0x40000000, 2
    M3 mla, 0x1234, 0x5678, 0xffffffff
    M3 mls, 0x1234, 0x5678, 0
    ML umull, 0, 0, 0xffffffff, 0xffffffff
    ML smull, 0, 0, 0xffffffff, 0xffffffff
    ML smull, 0, 0, 0x80000000, 0x80000000
    ML smull, 0, 0, 0x7fffffff, 0x80000000
    ML umlal, 0xffffffff, 0xffffffff, 1, 1
    ML smlal, 0x00000000, 0x00000000, 0xffffffff, 1
    ML smlal, 0x12345678, 0x7fffffff, 0x10000, 0x10000
    ML umaal, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff
    ML umulls, 0, 0, 0, 0x12345
    ML smulls, 0, 0, 0xffffffff, 1
    ML umlals, 0, 0x80000000, 0, 0

    .irp op, smulbb, smulbt, smultb, smultt, smulwb, smulwt, smmul, smmulr, smuad, smuadx, smusd, smusdx
    M2 \op, 0x80017fff, 0x8000ffff
    M2 \op, 0x12345678, 0xfedc1234
    .endr
    .irp op, smlabb, smlabt, smlatb, smlatt, smlawb, smlawt, smmla, smmlar, smmls, smmlsr, smlad, smladx, smlsd, smlsdx
    M3 \op, 0x80008000, 0x80008000, 0x7fffffff
    M3 \op, 0x12345678, 0xfedc1234, 0x00001000
    .endr
    .irp op, smlalbb, smlalbt, smlaltb, smlaltt, smlald, smlaldx, smlsld, smlsldx
    ML \op, 0xffffffff, 0x7fffffff, 0x80007fff, 0x7fff8000
    ML \op, 0x00000001, 0x00000000, 0x12345678, 0xfedc1234
    .endr

    /* Q is sticky: once set by smla overflow it stays through later instructions. */
    INIT
    LI r1, 0x00008000
    LI r2, 0x00008000
    LI r3, 0x7fffffff
    smlabb r0, r1, r2, r3       @ 0x40000000 + 0x7fffffff overflows: Q
    adds r4, r1, r2             @ clears NZCV but not Q
    DUMP "Q sticky after smlabb overflow"
    TEST_END
