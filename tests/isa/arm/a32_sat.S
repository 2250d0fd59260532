/* Saturating arithmetic and the Q flag (qadd/qsub/qdadd/qdsub, ssat/usat with shifts,
 * ssat16/usat16), and the SIMD-within-a-register ops: signed/unsigned/saturating/halving
 * parallel add and subtract on halfwords and bytes (including the asx/sax exchange forms),
 * the GE flags they set, and sel choosing bytes by GE. Q is cleared before each case. */
#include "harness.inc"
    TEST_MAIN

.macro Q2 op, a, b
    INIT
    LI r1, \a
    LI r2, \b
    \op r0, r1, r2
    DUMP "\op \a \b"
.endm

    Q2 qadd, 0x7fffffff, 1
    Q2 qadd, 0x80000000, 0xffffffff
    Q2 qadd, 0x40000000, 0x3fffffff
    Q2 qsub, 0x80000000, 1
    Q2 qsub, 0x7fffffff, 0xffffffff
    Q2 qsub, 100, 200
    Q2 qdadd, 0x10000000, 0x40000000
    Q2 qdadd, 0x10000000, 0x20000000
    Q2 qdsub, 0, 0x40000000
    Q2 qdsub, 0, 0xc0000000

.macro SAT op, bits, val, shift=""
    INIT
    LI r1, \val
    \op r0, #\bits, r1 \shift
    DUMP "\op #\bits \val \shift"
.endm
    SAT ssat, 8, 0x00000080
    SAT ssat, 8, 0xffffff7f
    SAT ssat, 8, 0x0000007f
    SAT ssat, 1, 0x00000001
    SAT ssat, 32, 0x80000000
    SAT ssat, 16, 0x00012345, ", lsl #4"
    SAT ssat, 16, 0x80000000, ", asr #31"
    SAT ssat, 12, 0xfff00000, ", asr #8"
    SAT usat, 8, 0x00000100
    SAT usat, 8, 0xffffffff
    SAT usat, 0, 0x00000005
    SAT usat, 31, 0x80000000
    SAT usat, 16, 0x00000fff, ", lsl #5"
    SAT ssat16, 8, 0x7fff8000
    SAT ssat16, 8, 0x00400020
    SAT usat16, 8, 0x7fff8000
    SAT usat16, 4, 0x000f0010

    .irp op, sadd16, uadd16, ssub16, usub16, sadd8, uadd8, ssub8, usub8, sasx, ssax, uasx, usax, qadd16, qsub16, qadd8, qsub8, qasx, qsax, uqadd16, uqsub16, uqadd8, uqsub8, uqasx, uqsax, shadd16, shsub16, shadd8, shsub8, shasx, shsax, uhadd16, uhsub16, uhadd8, uhsub8, uhasx, uhsax
    Q2 \op, 0x7fff8001, 0x00027fff
    Q2 \op, 0x80ff017f, 0x7f0101ff
    .endr

    /* sel picks each byte from r1 where GE[i] is set, else from r2. */
.macro SELCASE ge
    INIT
    FLAGS (\ge<<16)
    LI r1, 0xa1a2a3a4
    LI r2, 0xb1b2b3b4
    sel r0, r1, r2
    DUMP "sel GE=\ge"
.endm
    .irp g, 0, 1, 5, 10, 15
    SELCASE \g
    .endr

    /* A realistic use: per-byte unsigned max through usub8 + sel. */
    INIT
    LI r1, 0x10ff7f80
    LI r2, 0x20fe8070
    usub8 r3, r1, r2
    sel r0, r1, r2
    DUMP "bytewise max via usub8+sel"
    TEST_END
