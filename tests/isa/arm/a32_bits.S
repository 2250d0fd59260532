/* Bit and byte manipulation: clz, rev/rev16/revsh, rbit, bfi/bfc, ubfx/sbfx (all field
 * positions at the edges), uxtb/uxth/sxtb/sxth with rotations, the accumulating uxtab/
 * uxtah/sxtab/sxtah, the dual-halfword uxtb16/sxtb16/uxtab16/sxtab16, pkhbt/pkhtb with
 * shifts, usad8/usada8. */
#include "harness.inc"
    TEST_MAIN

.macro U1 op, a, extra=""
    INIT
    LI r1, \a
    \op r0, r1 \extra
    DUMP "\op \a \extra"
.endm
.macro U2 op, a, b, extra=""
    INIT
    LI r1, \a
    LI r2, \b
    \op r0, r1, r2 \extra
    DUMP "\op \a \b \extra"
.endm

    .irp v, 0, 1, 0x80000000, 0x00010000, 0x0000ffff, 0x7fffffff
    U1 clz, \v
    .endr
    .irp op, rev, rev16, revsh, rbit
    U1 \op, 0x12345680
    U1 \op, 0x00ff80f1
    .endr
    .irp r, "", ", ror #8", ", ror #16", ", ror #24"
    U1 uxtb, 0x8182f384, "\r"
    U1 uxth, 0x8182f384, "\r"
    U1 sxtb, 0x8182f384, "\r"
    U1 sxth, 0x8182f384, "\r"
    U1 uxtb16, 0x8182f384, "\r"
    U1 sxtb16, 0x8182f384, "\r"
    U2 uxtab, 0x10000000, 0x8182f384, "\r"
    U2 uxtah, 0x10000000, 0x8182f384, "\r"
    U2 sxtab, 0x10000000, 0x8182f384, "\r"
    U2 sxtah, 0x10000000, 0x8182f384, "\r"
    U2 uxtab16, 0x10002000, 0x8182f384, "\r"
    U2 sxtab16, 0x10002000, 0x8182f384, "\r"
    .endr

.macro BF op, lsb, width, src=0xffffffff, dst=0x12345678
    INIT
    LI r0, \dst
    LI r1, \src
    \op r0, r1, #\lsb, #\width
    DUMP "\op #\lsb #\width"
.endm
    BF bfi, 0, 1
    BF bfi, 0, 32, 0xcafef00d
    BF bfi, 31, 1, 0
    BF bfi, 8, 12, 0xabc
    BF ubfx, 0, 1, 0x80000001
    BF ubfx, 31, 1, 0x80000001
    BF ubfx, 4, 28, 0xfedcba98
    BF ubfx, 0, 32, 0xfedcba98
    BF sbfx, 4, 8, 0x00000f80
    BF sbfx, 4, 8, 0x00000780
    BF sbfx, 0, 32, 0x80000000
    BF sbfx, 31, 1, 0x80000000
    INIT
    LI r0, 0xffffffff
    bfc r0, #4, #8
    LI r1, 0xffffffff
    bfc r1, #0, #32
    LI r2, 0xffffffff
    bfc r2, #31, #1
    DUMP "bfc"

    U2 pkhbt, 0x1111aaaa, 0x2222bbbb
    U2 pkhbt, 0x1111aaaa, 0x2222bbbb, ", lsl #8"
    U2 pkhtb, 0x1111aaaa, 0x2222bbbb
    U2 pkhtb, 0x1111aaaa, 0x8222bbbb, ", asr #16"
    U2 pkhtb, 0x1111aaaa, 0x8222bbbb, ", asr #31"
    U2 usad8, 0x01ff7f80, 0xff01807f
    U2 usad8, 0x12345678, 0x12345678
    INIT
    LI r1, 0x00ff00ff
    LI r2, 0xff00ff00
    LI r3, 0x10
    usada8 r0, r1, r2, r3
    DUMP "usada8"
    TEST_END
