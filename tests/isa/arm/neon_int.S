/* NEON integer operations on D and Q registers: add/sub/mul/mla in every element size,
 * saturating vqadd/vqsub/vqshl/vqmovn/vqdmulh (setting FPSCR.QC), shifts (vshl by
 * register with negative counts, vshr/vrshr/vsra/vshrn/vshll/vsli/vsri), vabd/vaba,
 * vmax/vmin, comparisons, logic (vand/vorr/veor/vbic/vorn/vbsl/vbit/vbif), pairwise
 * vpadd/vpaddl, widening/narrowing vmovl/vmovn/vaddl/vsubw/vmull, vcnt/vclz/vcls,
 * vdup, and vmov immediate forms. Inputs: q8 = bytes 0x80..0x8f ^ pattern, q9 = another. */
#include "harness.inc"
    TEST_MAIN

.macro NSETUP
    INITFP
    LDD d16, 0x7f80ff01, 0x00fe8081
    LDD d17, 0x12345678, 0x9abcdef0
    LDD d18, 0x0102fffe, 0x7fff8000
    LDD d19, 0x80000000, 0x7fffffff
    LDD d20, 0x00000003, 0xfffffffd       @ shift counts
    LDD d21, 0x08f8011f, 0xe0207f81
.endm

.macro N3 op, size, a=d16, b=d18
    NSETUP
    \op\size d0, \a, \b
    \op\size q1, q8, q9
    DUMPFP "\op\size"
.endm

    .irp op, vadd.i, vsub.i, vmul.i, vmla.i, vmls.i, vqadd.s, vqadd.u, vqsub.s, vqsub.u, vhadd.s, vhadd.u, vrhadd.u, vhsub.s, vabd.s, vabd.u, vaba.u, vmax.s, vmax.u, vmin.s, vmin.u, vceq.i, vcgt.s, vcgt.u, vcge.s, vtst.
    N3 \op, 8
    N3 \op, 16
    .endr
    .irp op, vadd.i, vsub.i, vmul.i, vqadd.s, vqsub.u, vmax.s, vcgt.u, vqdmulh.s, vqrdmulh.s
    N3 \op, 32
    .endr
    N3 vadd.i, 64
    N3 vqadd.s, 64
    N3 vqsub.u, 64

    /* Shifts by register (signed counts in d20/d21: negative means right). */
    .irp op, vshl.s, vshl.u, vrshl.s, vqshl.s, vqshl.u, vqrshl.u
    NSETUP
    \op\()8 d0, d16, d21
    \op\()32 d1, d17, d20
    \op\()16 q1, q8, q10
    DUMPFP "\op by register"
    .endr

    NSETUP
    vshr.s8 d0, d16, #3
    vshr.u16 d1, d16, #15
    vrshr.s32 d2, d17, #7
    vsra.u8 d3, d16, #1
    vrsra.s16 d4, d17, #4
    vshl.i32 d5, d17, #31
    vqshl.s8 d6, d16, #2
    vqshlu.s16 d7, d18, #3
    vshrn.i32 d8, q8, #8
    vqshrn.s32 d9, q8, #4
    vqrshrun.s16 d10, q9, #2
    vshll.u8 q6, d16, #4
    vshll.s16 q7, d18, #16
    vsli.32 d22, d17, #12
    vsri.8 d23, d16, #5
    DUMPFP "immediate shifts"

    NSETUP
    vand d0, d16, d17
    vorr d1, d16, d17
    veor d2, d16, d17
    vbic d3, d16, d17
    vorn d4, d16, d17
    vmov d5, d18
    vbsl d5, d16, d17
    vmov d6, d18
    vbit d6, d16, d17
    vmov d7, d18
    vbif d7, d16, d17
    vmvn d8, d16
    vbic.i32 d9, #0xff00
    vorr.i16 d10, #0x8000
    vmov.i8 d11, #0xa5
    vmov.i32 d12, #0x00ab0000
    vmov.i64 d13, #0xff00ff0000ffff00
    vmvn.i16 d14, #0x12
    vmov.i32 q15, #0x4dffff
    DUMPFP "logic and immediates"

    NSETUP
    vpadd.i8 d0, d16, d17
    vpadd.i32 d1, d16, d17
    vpaddl.u8 d2, d16
    vpaddl.s16 q2, q8
    vpadal.u16 d6, d17
    vpmax.s8 d7, d16, d17
    vpmin.u16 d8, d16, d17
    vcnt.8 d9, d16
    vclz.i8 d10, d16
    vclz.i32 d11, d17
    vcls.s16 d12, d16
    vabs.s8 d13, d16
    vqabs.s8 d14, d16
    vqneg.s16 d15, d18
    DUMPFP "pairwise and unary"

    NSETUP
    vmovl.u8 q0, d16
    vmovl.s16 q1, d18
    vmovn.i32 d4, q8
    vqmovn.s32 d5, q8
    vqmovn.u16 d6, q8
    vqmovun.s16 d7, q9
    vaddl.s8 q4, d16, d17
    vsubw.u16 q5, q8, d18
    vmull.u8 q6, d16, d17
    vmull.s32 q7, d18, d19
    vmlal.s16 q11, d16, d18
    vqdmull.s16 q12, d18, d18
    vdup.8 d26, d16[7]
    vdup.32 q14, d17[0]
    LI r0, 0xabcd
    vdup.16 d27, r0
    DUMPFP "widen, narrow, dup"
    TEST_END
