/* All 16 condition codes under all 16 NZCV values, through B.cond and CSET: x0-x15 get
 * one bit per flag value for each condition (bit f set when the condition holds with
 * NZCV = f), by branches; x16-x29 the same for 14 conditions by CSET. */
#include "harness.inc"

.macro BCOND cc, reg
    mov x30, #0
1:  lsl x27, x30, #28
    msr nzcv, x27
    b.\cc 2f
    b 3f
2:  mov x28, #1
    lsl x28, x28, x30
    orr \reg, \reg, x28
3:  add x30, x30, #1
    cmp x30, #16
    b.ne 1b
.endm

.macro CSETC cc, reg
    mov x30, #0
1:  lsl x27, x30, #28
    msr nzcv, x27
    cset x28, \cc
    lsl x28, x28, x30
    orr \reg, \reg, x28
    add x30, x30, #1
    cmp x30, #16
    b.ne 1b
.endm

TEST_MAIN
    INIT
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29
    mov x\r, #0
    .endr
    BCOND eq, x0
    BCOND ne, x1
    BCOND cs, x2
    BCOND cc, x3
    BCOND mi, x4
    BCOND pl, x5
    BCOND vs, x6
    BCOND vc, x7
    BCOND hi, x8
    BCOND ls, x9
    BCOND ge, x10
    BCOND lt, x11
    BCOND gt, x12
    BCOND le, x13
    BCOND al, x14
    BCOND nv, x15
    CSETC eq, x16
    CSETC ne, x17
    CSETC hs, x18
    CSETC lo, x19
    CSETC mi, x20
    CSETC pl, x21
    CSETC vs, x22
    CSETC vc, x23
    CSETC hi, x24
    CSETC ls, x25
    CSETC ge, x26
    mov x27, #0
    mov x28, #0
    mov x29, #0
    msr nzcv, xzr
    DUMP conditions
    .irp r, 16,17,18,19,20,21,22,23,24,25,26
    mov x\r, #0
    .endr
    CSETC lt, x16
    CSETC gt, x17
    CSETC le, x18
    mov x27, #0
    mov x28, #0
    msr nzcv, xzr
    DUMP conditions2
    TEST_END
