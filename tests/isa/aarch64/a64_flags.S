/* NZCV from ADDS/SUBS/ADCS/SBCS/ANDS/BICS in 32 and 64 bits at the interesting edges
 * (carry out, signed overflow, zero, negative), NEGS/NGCS, CMP/CMN/TST with every
 * operand form, CCMP/CCMN (condition true and false), CSEL/CSINC/CSINV/CSNEG, CSET/CSETM,
 * and MRS/MSR NZCV. */
#include "harness.inc"

/* r = op of a and b, then the flags as a number in the destination's pair register */
.macro ARITH op, d, a, b
    \op \d, \a, \b
    mrs x28, nzcv
.endm

TEST_MAIN
    INIT
    LI x1, 0x7fffffffffffffff
    LI x2, 0x8000000000000000
    mov x3, #1
    mov x4, #-1
    adds x5, x1, x3
    mrs x6, nzcv
    adds x7, x2, x4
    mrs x8, nzcv
    adds x9, x4, x3
    mrs x10, nzcv
    subs x11, x2, x3
    mrs x12, nzcv
    subs x13, x3, x4
    mrs x14, nzcv
    subs x15, x1, x1
    mrs x16, nzcv
    subs x17, xzr, x3
    mrs x18, nzcv
    adds w19, w1, w3
    mrs x20, nzcv
    adds w21, w4, w3
    mrs x22, nzcv
    subs w23, w3, w4
    mrs x24, nzcv
    mov w25, #0x7fffffff
    adds w26, w25, #1
    mrs x27, nzcv
    subs w28, w25, #0x80, lsl #12
    mrs x29, nzcv
    DUMP adds_subs
    INIT
    mov x1, #-1
    mov x2, #1
    FLAGS 0
    adcs x3, x1, x2
    mrs x4, nzcv
    adcs x5, x1, x2
    mrs x6, nzcv
    adcs x7, xzr, xzr
    mrs x8, nzcv
    FLAGS 2
    sbcs x9, x2, x2
    mrs x10, nzcv
    sbcs x11, x2, x2
    mrs x12, nzcv
    FLAGS 2
    adcs w13, w1, wzr
    mrs x14, nzcv
    FLAGS 0
    sbcs w15, wzr, wzr
    mrs x16, nzcv
    FLAGS 2
    adc x17, x1, x1
    sbc x18, x2, x1
    FLAGS 0
    adc w19, w1, w2
    sbc w20, w2, w1
    ngcs x21, x2
    mrs x22, nzcv
    negs x23, x2
    mrs x24, nzcv
    negs w25, wzr
    mrs x26, nzcv
    LI x27, 0x8000000000000000
    negs x28, x27
    mrs x29, nzcv
    DUMP carry
    INIT
    LI x1, 0xf0f0f0f0f0f0f0f0
    LI x2, 0x0f0f0f0f0f0f0f0f
    FLAGS 3
    ands x3, x1, x2
    mrs x4, nzcv
    FLAGS 3
    ands x5, x1, x1
    mrs x6, nzcv
    bics x7, x1, x2
    mrs x8, nzcv
    ands w9, w1, #0x80000000
    mrs x10, nzcv
    tst x2, #0x8000000000000000
    mrs x11, nzcv
    tst w1, w2, lsl #4
    mrs x12, nzcv
    cmp x1, x2, lsr #4
    mrs x13, nzcv
    cmn x1, #1
    mrs x14, nzcv
    cmp w1, w2, uxtb
    mrs x15, nzcv
    cmp sp, #0
    mrs x16, nzcv
    cmn w2, #0xfff, lsl #12
    mrs x17, nzcv
    DUMP logic_flags
    INIT
    mov x1, #5
    mov x2, #7
    FLAGS 0
    ccmp x1, x2, #0xf, eq
    mrs x3, nzcv
    FLAGS 4
    ccmp x1, x2, #0xf, eq
    mrs x4, nzcv
    FLAGS 4
    ccmp x1, #5, #0, ne
    mrs x5, nzcv
    FLAGS 0
    ccmp x1, #5, #0, ne
    mrs x6, nzcv
    FLAGS 8
    ccmn w1, #30, #2, mi
    mrs x7, nzcv
    FLAGS 1
    ccmn x1, x2, #4, vc
    mrs x8, nzcv
    FLAGS 2
    ccmp w2, w1, #8, hi
    mrs x9, nzcv
    FLAGS 6
    ccmp w2, w1, #8, hi
    mrs x10, nzcv
    DUMP ccmp
    INIT
    mov x1, #10
    mov x2, #20
    cmp x1, x2
    csel x3, x1, x2, lt
    csel x4, x1, x2, ge
    csinc x5, x1, x2, gt
    csinc w6, w1, w2, le
    csinv x7, x1, x2, hi
    csinv w8, w1, w2, ls
    csneg x9, x1, x2, eq
    csneg w10, w1, w2, ne
    cset x11, cc
    csetm x12, cc
    cset w13, vs
    csetm w14, pl
    cinc x15, x1, mi
    cinv x16, x2, ne
    cneg x17, x1, lo
    LI x18, 0x90000000
    msr nzcv, x18
    mrs x19, nzcv
    mov x20, #0xffffffff
    msr nzcv, x20
    mrs x21, nzcv
    DUMP csel
    TEST_END
