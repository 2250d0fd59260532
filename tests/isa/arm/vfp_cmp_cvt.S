/* VFP compare and convert: vcmp/vcmpe (with zero and register) transferred to APSR by
 * vmrs APSR_nzcv, fpscr for ordered/unordered/equal/signed-zero cases (vcmpe raises IOC on
 * a quiet NaN, vcmp only on a signalling one); conversions f32<->f64, float<->s32/u32 with
 * round-toward-zero (vcvt) and FPSCR rounding (vcvtr), saturation of out-of-range values
 * with IOC, fixed-point vcvt with fraction bits, and vmov of immediates and core regs. */
#include "harness.inc"
    TEST_MAIN

.macro CMP64 name, hi1, lo1, hi2, lo2, op=vcmp.f64
    INITFP
    LDD d0, \hi1, \lo1
    LDD d1, \hi2, \lo2
    \op d0, d1
    vmrs APSR_nzcv, fpscr
    DUMPFP "\op \name"
.endm
    CMP64 "1 < 2", 0x3ff00000, 0, 0x40000000, 0
    CMP64 "2 > 1", 0x40000000, 0, 0x3ff00000, 0
    CMP64 "1 == 1", 0x3ff00000, 0, 0x3ff00000, 0
    CMP64 "-0 == +0", 0x80000000, 0, 0, 0
    CMP64 "qnan unordered", 0x7ff80000, 0, 0x3ff00000, 0
    CMP64 "qnan unordered", 0x7ff80000, 0, 0x3ff00000, 0, vcmpe.f64
    CMP64 "snan unordered", 0x7ff00000, 1, 0x3ff00000, 0
    CMP64 "-inf < max", 0xfff00000, 0, 0x7fefffff, 0xffffffff
    INITFP
    LDS s0, 0xbf800000
    vcmp.f32 s0, #0
    vmrs APSR_nzcv, fpscr
    DUMPFP "vcmp.f32 -1, #0"
    INITFP
    LDS s0, 0x80000000
    vcmpe.f32 s0, #0
    vmrs r5, fpscr
    DUMPFP "vcmpe.f32 -0, #0 into r5"

    /* Conversions: d0 holds a double, results in s2.. ; repeated for each rounding mode. */
.macro CVT hi, lo, rmode
    INITFP
    FPSCR_SET (\rmode<<22)
    LDD d0, \hi, \lo
    vcvt.s32.f64 s2, d0
    vcvtr.s32.f64 s3, d0
    vcvt.u32.f64 s4, d0
    vcvtr.u32.f64 s5, d0
    vcvt.f32.f64 s6, d0
    vcvt.f64.f32 d4, s6
    DUMPFP "cvt \hi:\lo rmode \rmode"
.endm
    .irp r, 0, 1, 2, 3
    CVT 0x40040000, 0, \r                 @ 2.5
    CVT 0xc0040000, 0, \r                 @ -2.5
    CVT 0x3ff80000, 1, \r                 @ 1.5 + ulp
    .endr
    CVT 0x41e00000, 0, 0                  @ 2^31: s32 saturates, u32 fits
    CVT 0xc1e00000, 0x00200000, 0         @ -2^31 - 1: s32 saturates
    CVT 0x41f00000, 0, 0                  @ 2^32: u32 saturates
    CVT 0xbff00000, 0, 0                  @ -1: u32 saturates to 0
    CVT 0x7ff80000, 0, 0                  @ nan -> 0 with IOC
    CVT 0x7ff00000, 0, 0                  @ inf
    CVT 0x36a00000, 0, 0                  @ tiny: float underflow
    CVT 0x47efffff, 0xf0000000, 0         @ rounds to float inf? (just above FLT_MAX)

    INITFP
    LI r0, 0x80000000
    vmov s0, r0
    vcvt.f64.s32 d1, s0
    vcvt.f64.u32 d2, s0
    LI r0, 0x7fffffff
    vmov s6, r0
    vcvt.f32.s32 s7, s6
    vcvt.f32.u32 s8, s6
    LI r0, 0x01000001
    vmov s9, r0
    vcvt.f32.s32 s10, s9                  @ inexact: 16777217 -> 16777216
    DUMPFP "int to float"

    /* Fixed point: vcvt with fraction bits, in place. */
    INITFP
    LDD d0, 0x40091eb8, 0x51eb851f        @ 3.14
    vcvt.s32.f64 d0, d0, #16
    LDD d1, 0xc0091eb8, 0x51eb851f
    vcvt.s16.f64 d1, d1, #8
    LDS s8, 0x00012345
    vcvt.f32.u32 s8, s8, #16
    LDS s9, 0xffff8000
    vcvt.f32.s16 s9, s9, #4
    DUMPFP "fixed point conversions"

    INITFP
    vmov.f64 d0, #1.5
    vmov.f64 d1, #-0.125
    vmov.f32 s4, #31.0
    LI r1, 0x12345678
    LI r2, 0x9abcdef0
    vmov d3, r1, r2
    vmov r3, r4, d0
    vmov s10, s11, r2, r1
    vmov r5, s4
    vmov.32 d7[1], r1
    vmov.32 r6, d1[1]
    DUMPFP "vmov forms"
    TEST_END
