/* NEON float and permutation operations: vadd/vmul/vmla/vsub.f32 (NEON flushes denormals
 * and uses round-to-nearest and default NaN whatever FPSCR says), vmax/vmin/vabd/vabs/
 * vneg, comparisons, vrecpe/vrecps/vrsqrte/vrsqrts, vcvt between f32 and s32/u32 (also
 * fixed point); and the shuffles vext/vrev/vzip/vuzp/vtrn/vswp/vtbl/vtbx, element moves,
 * and structure loads/stores vld1-vld4/vst1-vst4 with post-increment and lanes. */
#include "harness.inc"
    TEST_MAIN

.macro FSETUP
    INITFP
    LDD d16, 0x3f800000, 0xbfc00000       @ [ -1.5, 1.0 ]
    LDD d17, 0x00400000, 0x7f7fffff       @ [ FLT_MAX, denormal ]
    LDD d18, 0x40490fdb, 0x3eaaaaab       @ [ 1/3, pi ]
    LDD d19, 0x7fc00001, 0xff800000       @ [ -inf, qnan ]
.endm

    .irp op, vadd.f32, vsub.f32, vmul.f32, vmax.f32, vmin.f32, vabd.f32, vceq.f32, vcge.f32, vcgt.f32, vacge.f32, vrecps.f32, vrsqrts.f32
    FSETUP
    \op d0, d16, d18
    \op d1, d17, d19
    \op q1, q8, q9
    DUMPFP "\op"
    .endr

    FSETUP
    FPSCR_SET 0x00c00000                  @ round toward zero: NEON ignores it
    vmov q1, q8
    vmla.f32 q1, q8, q9
    vmov q2, q9
    vmls.f32 q2, q8, q9
    vmul.f32 d6, d17, d16                 @ denormal input flushed
    vabs.f32 q4, q9
    vneg.f32 d10, d16
    vrecpe.f32 d11, d18
    vrsqrte.f32 d12, d18
    vrecpe.u32 d13, d18
    vcvt.s32.f32 d14, d16
    vcvt.u32.f32 d15, d18
    vcvt.f32.s32 d20, d16
    vcvt.s32.f32 d21, d18, #8
    vcvt.f32.u32 d22, d17, #16
    vceq.f32 d23, d16, #0
    vclt.f32 d24, d16, #0
    vpadd.f32 d25, d16, d18
    vpmax.f32 d26, d17, d19
    DUMPFP "float misc"

.macro SSETUP
    INITFP
    LDD d16, 0x07060504, 0x03020100
    LDD d17, 0x0f0e0d0c, 0x0b0a0908
    LDD d18, 0x17161514, 0x13121110
    LDD d19, 0x1f1e1d1c, 0x1b1a1918
.endm
    SSETUP
    vext.8 d0, d16, d17, #3
    vext.32 q1, q8, q9, #1
    vrev64.8 d4, d16
    vrev32.16 d5, d17
    vrev16.8 d6, d18
    DUMPFP "vext vrev"
    .irp op, vzip.8, vzip.16, vuzp.8, vuzp.32, vtrn.8, vtrn.16, vtrn.32
    SSETUP
    vmov d0, d16
    vmov d1, d17
    \op d0, d1
    vmov q2, q8
    vmov q3, q9
    \op q2, q3
    DUMPFP "\op"
    .endr
    SSETUP
    vswp d16, d19
    LDD d0, 0x00200a05, 0x0301ff10       @ table indices, some out of range
    vtbl.8 d1, {d16}, d0
    vtbl.8 d2, {d16-d17}, d0
    vtbl.8 d3, {d16-d19}, d0
    vmov d4, d17
    vtbx.8 d4, {d18}, d0
    vmov.8 d5[3], r1
    vmov.u8 r2, d16[7]
    vmov.s16 r3, d16[1]
    vmov.32 r4, d17[1]
    DUMPFP "vswp vtbl vtbx lanes"

    INITFP
    LI r0, src
    vld1.8 {d0}, [r0]!
    vld1.32 {d1-d2}, [r0]
    LI r0, src
    vld2.8 {d3-d4}, [r0]
    vld3.16 {d5-d7}, [r0]
    vld4.8 {d8-d11}, [r0]!
    vld1.32 {d12[1]}, [r0]
    vld1.16 {d13[]}, [r0]
    LI r1, 8
    vld2.16 {d14[2], d15[2]}, [r0], r1
    vld4.32 {d16[1], d17[1], d18[1], d19[1]}, [r0:64]
    DUMPFP "structure loads"
    INITFP
    LI r0, src
    vld1.8 {d0-d3}, [r0]
    LI r0, dst
    vst2.8 {d0-d1}, [r0]!
    vst3.8 {d0-d2}, [r0]!
    vst1.16 {d3[2]}, [r0]!
    vst4.16 {d0-d3}, [r0]
    DUMPFP "structure stores"
    DUMPMEM "dst", dst, 32
    TEST_END

    .data
    .align 4
src: .byte 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .byte 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
    .align 4
dst: .space 128, 0xee
