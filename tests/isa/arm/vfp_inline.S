/* The corners of inline VFP arithmetic (add/sub/mul/div/sqrt run on the host's SSE unit
 * in the default FPSCR mode, falling back to the exact helper for exceptional results):
 * quiet and signalling NaNs in either operand and in both, each sign; default-NaN mode;
 * invalid operations and their default NaN; division by zero; overflow; underflow to
 * zero; results that are tiny before rounding but round to the smallest normal (ARM
 * detects tininess before rounding, x86 after); subnormal inputs and results with and
 * without FZ; conversions between the formats and to and from 32-bit integers around
 * their ranges; compares; cumulative flags read back with VMRS after many operations,
 * flags dropped by a VMSR and flags pending at a fault; core registers live across a
 * fallback call. */
#include "harness.inc"
    TEST_MAIN

.macro D2 name, op, hi1, lo1, hi2, lo2, fpscr=0
    INITFP
    FPSCR_SET \fpscr
    LDD d0, \hi1, \lo1
    LDD d1, \hi2, \lo2
    \op d2, d0, d1
    DUMPFP "\name"
.endm

.macro S2 name, op, a, b, fpscr=0
    INITFP
    FPSCR_SET \fpscr
    LDS s0, \a
    LDS s1, \b
    \op s2, s0, s1
    DUMPFP "\name"
.endm

.macro NANS64 op
    D2 "\op qnan,1", \op, 0x7ff80000, 0x1234, 0x3ff00000, 0
    D2 "\op 1,-qnan", \op, 0x3ff00000, 0, 0xfff80000, 0x5678
    D2 "\op snan,1", \op, 0x7ff00000, 0x1234, 0x3ff00000, 0
    D2 "\op 1,-snan", \op, 0x3ff00000, 0, 0xfff00000, 0x5678
    D2 "\op qnan,snan", \op, 0x7ff80000, 0x1111, 0x7ff00000, 0x2222
    D2 "\op -snan,qnan", \op, 0xfff00000, 0x1111, 0x7ff80000, 0x2222
    D2 "\op qnan,-qnan", \op, 0x7ff80000, 0x1111, 0xfff80000, 0x2222
    D2 "\op snan,snan", \op, 0x7ff00000, 0x1111, 0xfff00000, 0x2222
    D2 "\op qnan,1 DN", \op, 0x7ff80000, 0x1234, 0x3ff00000, 0, 0x02000000
    D2 "\op 1,snan DN", \op, 0x3ff00000, 0, 0x7ff00000, 0x1234, 0x02000000
.endm

.macro NANS32 op
    S2 "\op qnan,1", \op, 0x7fc01234, 0x3f800000
    S2 "\op 1,-qnan", \op, 0x3f800000, 0xffc05678
    S2 "\op snan,1", \op, 0x7f801234, 0x3f800000
    S2 "\op 1,-snan", \op, 0x3f800000, 0xff805678
    S2 "\op qnan,snan", \op, 0x7fc01111, 0x7f802222
    S2 "\op -snan,qnan", \op, 0xff801111, 0x7fc02222
    S2 "\op qnan,1 DN", \op, 0x7fc01234, 0x3f800000, 0x02000000
.endm

    NANS64 vadd.f64
    NANS64 vsub.f64
    NANS64 vmul.f64
    NANS64 vdiv.f64
    NANS32 vadd.f32
    NANS32 vsub.f32
    NANS32 vmul.f32
    NANS32 vdiv.f32

    /* invalid operations: the default NaN (positive on ARM, negative on x86) */
    D2 "inf-inf", vsub.f64, 0x7ff00000, 0, 0x7ff00000, 0
    D2 "inf+-inf", vadd.f64, 0xfff00000, 0, 0x7ff00000, 0
    D2 "inf*0", vmul.f64, 0x7ff00000, 0, 0, 0
    D2 "0*-inf", vmul.f64, 0, 0, 0xfff00000, 0
    D2 "0/0", vdiv.f64, 0x80000000, 0, 0, 0
    D2 "inf/inf", vdiv.f64, 0x7ff00000, 0, 0xfff00000, 0
    S2 "inf-inf f32", vsub.f32, 0x7f800000, 0x7f800000
    S2 "inf*0 f32", vmul.f32, 0xff800000, 0
    S2 "0/0 f32", vdiv.f32, 0, 0

    /* division by zero, infinities as operands */
    D2 "1/0", vdiv.f64, 0x3ff00000, 0, 0, 0
    D2 "-1/0", vdiv.f64, 0xbff00000, 0, 0, 0
    D2 "1/-0", vdiv.f64, 0x3ff00000, 0, 0x80000000, 0
    D2 "inf/0 (no DZC)", vdiv.f64, 0x7ff00000, 0, 0, 0
    D2 "1/inf", vdiv.f64, 0x3ff00000, 0, 0x7ff00000, 0
    D2 "inf+1", vadd.f64, 0x7ff00000, 0, 0x3ff00000, 0
    S2 "1/0 f32", vdiv.f32, 0x3f800000, 0
    S2 "-inf*2 f32", vmul.f32, 0xff800000, 0x40000000

    /* overflow */
    D2 "max*2", vmul.f64, 0x7fefffff, 0xffffffff, 0x40000000, 0
    D2 "-max-max", vsub.f64, 0xffefffff, 0xffffffff, 0x7fefffff, 0xffffffff
    D2 "max+ulp/2 (rounds back)", vadd.f64, 0x7fefffff, 0xffffffff, 0x7c900000, 0
    S2 "max*2 f32", vmul.f32, 0x7f7fffff, 0x40000000
    D2 "max*2 RZ", vmul.f64, 0x7fefffff, 0xffffffff, 0x40000000, 0, 0x00c00000

    /* underflow and subnormals */
    D2 "min*min to +0", vmul.f64, 0x00100000, 0, 0x00100000, 0
    D2 "min*-min to -0", vmul.f64, 0x00100000, 0, 0x80100000, 0
    D2 "tiny before rounding -> min normal", vmul.f64, 0x3fefffff, 0xfffffffe, 0x00100000, 1
    D2 "-tiny before rounding -> -min normal", vmul.f64, 0xbfefffff, 0xfffffffe, 0x00100000, 1
    S2 "tiny before rounding -> min normal f32", vmul.f32, 0x3f7ffffe, 0x00800001
    D2 "exactly min normal", vmul.f64, 0x00200000, 0, 0x3fe00000, 0
    D2 "min normal + ulp, inexact", vmul.f64, 0x3ff00000, 1, 0x00100000, 1
    D2 "subnormal result exact", vmul.f64, 0x00100000, 0, 0x3fe00000, 0
    D2 "subnormal result inexact", vmul.f64, 0x00100000, 1, 0x3fe00000, 0
    D2 "subnormal input, normal result", vadd.f64, 0x00080000, 0, 0x3ff00000, 0
    D2 "subnormal+subnormal = min normal", vadd.f64, 0x00080000, 0, 0x00080000, 0
    D2 "subnormal*big", vmul.f64, 0x00000000, 1, 0x7fe00000, 0
    D2 "normal/big to subnormal", vdiv.f64, 0x3ff00000, 0, 0x7fe00000, 0
    D2 "subnormal input FZ", vadd.f64, 0x00080000, 0, 0x3ff00000, 0, 0x01000000
    D2 "subnormal result FZ", vmul.f64, 0x00100000, 0, 0x3fe00000, 0, 0x01000000
    D2 "tiny->min normal FZ", vmul.f64, 0x3fefffff, 0xfffffffe, 0x00100000, 1, 0x01000000
    S2 "subnormal input f32", vadd.f32, 0x00400000, 0x3f800000
    S2 "subnormal result f32", vmul.f32, 0x00800001, 0x3f000000
    S2 "subnormal input FZ f32", vadd.f32, 0x00400000, 0x3f800000, 0x01000000

    /* zeros: exact results never raise */
    D2 "x-x", vsub.f64, 0x3ff00000, 0, 0x3ff00000, 0
    D2 "-0+-0", vadd.f64, 0x80000000, 0, 0x80000000, 0
    D2 "-0*5", vmul.f64, 0x80000000, 0, 0x40140000, 0
    D2 "x-x RM", vsub.f64, 0x3ff00000, 0, 0x3ff00000, 0, 0x00800000

    /* rounding modes other than nearest take the exact helper */
    D2 "1/3 RN", vdiv.f64, 0x3ff00000, 0, 0x40080000, 0
    D2 "1/3 RP", vdiv.f64, 0x3ff00000, 0, 0x40080000, 0, 0x00400000
    D2 "1/3 RM", vdiv.f64, 0x3ff00000, 0, 0x40080000, 0, 0x00800000
    D2 "1/3 RZ", vdiv.f64, 0x3ff00000, 0, 0x40080000, 0, 0x00c00000
    S2 "-1/3 RP f32", vdiv.f32, 0xbf800000, 0x40400000, 0x00400000
    S2 "-1/3 RM f32", vdiv.f32, 0xbf800000, 0x40400000, 0x00800000

    /* square roots */
.macro SQ64 name, hi, lo, fpscr=0
    INITFP
    FPSCR_SET \fpscr
    LDD d0, \hi, \lo
    vsqrt.f64 d2, d0
    DUMPFP "\name"
.endm
.macro SQ32 name, a, fpscr=0
    INITFP
    FPSCR_SET \fpscr
    LDS s0, \a
    vsqrt.f32 s2, s0
    DUMPFP "\name"
.endm
    SQ64 "sqrt 2", 0x40000000, 0
    SQ64 "sqrt 4", 0x40100000, 0
    SQ64 "sqrt -1", 0xbff00000, 0
    SQ64 "sqrt -0", 0x80000000, 0
    SQ64 "sqrt -inf", 0xfff00000, 0
    SQ64 "sqrt inf", 0x7ff00000, 0
    SQ64 "sqrt -qnan", 0xfff80000, 0x1234
    SQ64 "sqrt snan", 0x7ff00000, 0x1234
    SQ64 "sqrt subnormal", 0x00000000, 0x10
    SQ64 "sqrt -1 DN", 0xbff00000, 0, 0x02000000
    SQ64 "sqrt 2 RP", 0x40000000, 0, 0x00400000
    SQ32 "sqrt 2 f32", 0x40000000
    SQ32 "sqrt -1 f32", 0xbf800000
    SQ32 "sqrt snan f32", 0xff801234
    SQ32 "sqrt subnormal f32", 0x00000010

    /* conversions: d0 (or s0) converted into s4 / d2 */
.macro CVD name, insn, hi, lo, fpscr=0
    INITFP
    FPSCR_SET \fpscr
    LDD d0, \hi, \lo
    \insn
    DUMPFP "\name"
.endm
.macro CVS name, insn, a, fpscr=0
    INITFP
    FPSCR_SET \fpscr
    LDS s0, \a
    \insn
    DUMPFP "\name"
.endm
    CVD "f64->f32 1/3", "vcvt.f32.f64 s4, d0", 0x3fd55555, 0x55555555
    CVD "f64->f32 overflow", "vcvt.f32.f64 s4, d0", 0x47f00000, 0
    CVD "f64->f32 rounds to max", "vcvt.f32.f64 s4, d0", 0x47efffff, 0xe0000000
    CVD "f64->f32 rounds to inf", "vcvt.f32.f64 s4, d0", 0x47efffff, 0xf0000000
    CVD "f64->f32 tiny -> min normal", "vcvt.f32.f64 s4, d0", 0x380fffff, 0xffffffff
    CVD "f64->f32 subnormal", "vcvt.f32.f64 s4, d0", 0x36a00000, 0
    CVD "f64->f32 underflow to 0", "vcvt.f32.f64 s4, d0", 0x10000000, 0
    CVD "f64->f32 -qnan", "vcvt.f32.f64 s4, d0", 0xfff81234, 0x56789abc
    CVD "f64->f32 snan", "vcvt.f32.f64 s4, d0", 0x7ff01234, 0x56789abc
    CVD "f64->f32 snan DN", "vcvt.f32.f64 s4, d0", 0x7ff01234, 0x56789abc, 0x02000000
    CVD "f64->f32 subnormal FZ", "vcvt.f32.f64 s4, d0", 0x36a00000, 0, 0x01000000
    CVS "f32->f64 1/3", "vcvt.f64.f32 d2, s0", 0x3eaaaaab
    CVS "f32->f64 subnormal", "vcvt.f64.f32 d2, s0", 0x00000003
    CVS "f32->f64 -inf", "vcvt.f64.f32 d2, s0", 0xff800000
    CVS "f32->f64 qnan", "vcvt.f64.f32 d2, s0", 0x7fc12345
    CVS "f32->f64 -snan", "vcvt.f64.f32 d2, s0", 0xff812345
    CVS "f32->f64 subnormal FZ", "vcvt.f64.f32 d2, s0", 0x00000003, 0x01000000
    CVD "f64->s32 1.5", "vcvt.s32.f64 s4, d0", 0x3ff80000, 0
    CVD "f64->s32 -1.5", "vcvt.s32.f64 s4, d0", 0xbff80000, 0
    CVD "f64->s32 -0.5", "vcvt.s32.f64 s4, d0", 0xbfe00000, 0
    CVD "f64->s32 2^31-1", "vcvt.s32.f64 s4, d0", 0x41dfffff, 0xffc00000
    CVD "f64->s32 2^31-0.5", "vcvt.s32.f64 s4, d0", 0x41dfffff, 0xffe00000
    CVD "f64->s32 2^31", "vcvt.s32.f64 s4, d0", 0x41e00000, 0
    CVD "f64->s32 -2^31", "vcvt.s32.f64 s4, d0", 0xc1e00000, 0
    CVD "f64->s32 -2^31-0.5", "vcvt.s32.f64 s4, d0", 0xc1e00000, 0x00100000
    CVD "f64->s32 -2^31-1", "vcvt.s32.f64 s4, d0", 0xc1e00000, 0x00200000
    CVD "f64->s32 -inf", "vcvt.s32.f64 s4, d0", 0xfff00000, 0
    CVD "f64->s32 qnan", "vcvt.s32.f64 s4, d0", 0x7ff80000, 0
    CVD "f64->s32 subnormal", "vcvt.s32.f64 s4, d0", 0x80000000, 1
    CVD "f64->s32 subnormal FZ", "vcvt.s32.f64 s4, d0", 0x80000000, 1, 0x01000000
    CVD "f64->s32 VCVTR 2.5", "vcvtr.s32.f64 s4, d0", 0x40040000, 0
    CVD "f64->u32 -1.5", "vcvt.u32.f64 s4, d0", 0xbff80000, 0
    CVD "f64->u32 2^32-0.5", "vcvt.u32.f64 s4, d0", 0x41efffff, 0xfff00000
    CVS "f32->s32 -2.75", "vcvt.s32.f32 s4, s0", 0xc0300000
    CVS "f32->s32 2^31", "vcvt.s32.f32 s4, s0", 0x4f000000
    CVS "f32->s32 -2^31", "vcvt.s32.f32 s4, s0", 0xcf000000
    CVS "f32->s32 snan", "vcvt.s32.f32 s4, s0", 0x7f800001
    CVS "s32->f64 -1", "vcvt.f64.s32 d2, s0", 0xffffffff
    CVS "u32->f64 2^32-1", "vcvt.f64.u32 d2, s0", 0xffffffff
    CVS "s32->f32 2^24+1", "vcvt.f32.s32 s4, s0", 0x01000001
    CVS "s32->f32 -2^31", "vcvt.f32.s32 s4, s0", 0x80000000
    CVS "u32->f32 2^32-1", "vcvt.f32.u32 s4, s0", 0xffffffff
    CVS "s32->f32 2^24+1 RP", "vcvt.f32.s32 s4, s0", 0x01000001, 0x00400000
    CVS "u32->f32 2^32-1 RZ", "vcvt.f32.u32 s4, s0", 0xffffffff, 0x00c00000

    /* vcmp/vcmpe: NZCV and IOC for each ordering and NaN kind */
.macro CMP name, insn, hi1, lo1, hi2, lo2, fpscr=0
    INITFP
    FPSCR_SET \fpscr
    LDD d0, \hi1, \lo1
    LDD d1, \hi2, \lo2
    \insn
    vmrs APSR_nzcv, fpscr
    DUMPFP "\name"
.endm
    CMP "vcmp 1,2", "vcmp.f64 d0, d1", 0x3ff00000, 0, 0x40000000, 0
    CMP "vcmp 2,1", "vcmp.f64 d0, d1", 0x40000000, 0, 0x3ff00000, 0
    CMP "vcmp -0,0", "vcmp.f64 d0, d1", 0x80000000, 0, 0, 0
    CMP "vcmp qnan,1", "vcmp.f64 d0, d1", 0x7ff80000, 0, 0x3ff00000, 0
    CMP "vcmpe qnan,1", "vcmpe.f64 d0, d1", 0x7ff80000, 0, 0x3ff00000, 0
    CMP "vcmp 1,snan", "vcmp.f64 d0, d1", 0x3ff00000, 0, 0x7ff00000, 1
    CMP "vcmp subnormal,0", "vcmp.f64 d0, d1", 0, 1, 0, 0
    CMP "vcmp subnormal,0 FZ", "vcmp.f64 d0, d1", 0, 1, 0, 0, 0x01000000
    CMP "vcmp -inf,#0", "vcmp.f64 d0, #0", 0xfff00000, 0, 0, 0
    CMP "vcmpe.f32 s0,s2", "vcmpe.f32 s0, s2", 0x3f800000, 0x7fc00000, 0, 0x3f800000
    CMP "vcmp.f32 s1,#0", "vcmp.f32 s1, #0", 0x7fc00000, 0x3f800000, 0, 0

    /* multiply-accumulate: product and sum each fall back on their own */
    INITFP
    LDD d0, 0x7ff00000, 0                 @ inf
    LDD d1, 0, 0                          @ 0
    LDD d2, 0x3ff00000, 0
    vmla.f64 d2, d0, d1                   @ inf*0 invalid: default NaN + 1
    LDD d3, 0x7ff00000, 0
    LDD d4, 0x3ff00000, 0
    vmls.f64 d3, d4, d0                   @ inf - 1*inf: invalid
    LDD d5, 0x7ff80000, 0x77
    vnmla.f64 d5, d4, d4                  @ -(qnan) - 1: the NaN's sign flipped
    LDS s20, 0x7f800001                   @ snan
    LDS s21, 0x3f800000
    vmla.f32 s21, s20, s21
    DUMPFP "vmla/vmls/vnmla with NaNs and invalid products"

    /* flags accumulate over many inline operations and come back through VMRS */
    INITFP
    LDD d0, 0x3ff00000, 0
    LDD d1, 0x40080000, 0
    LI r4, 1000
1:  vdiv.f64 d2, d0, d1
    vadd.f64 d0, d0, d2
    subs r4, r4, #1
    bne 1b
    vmrs r5, fpscr
    DUMPFP "1000 inexact divisions and additions"

    /* a VMSR drops the flags the inline operations have not yet written back */
    INITFP
    LDD d0, 0x3ff00000, 0
    LDD d1, 0x40080000, 0
    LI r4, 100
2:  vdiv.f64 d2, d0, d1
    subs r4, r4, #1
    bne 2b
    LI r0, 0
    vmsr fpscr, r0
    vadd.f64 d3, d0, d0                   @ exact
    vmrs r5, fpscr
    vmul.f64 d4, d1, d1                   @ exact
    vmrs r6, fpscr
    vsqrt.f64 d5, d1                      @ inexact
    vmrs r7, fpscr
    LDD d6, 0x00100000, 0
    vmul.f64 d7, d6, d6                   @ underflow to zero
    vmrs r8, fpscr
    vdiv.f64 d8, d0, d1
    vcmp.f64 d0, d1
    vmrs APSR_nzcv, fpscr
    vmrs r9, fpscr
    DUMPFP "VMSR clears pending flags; VMRS after each step"

    /* core registers held in host registers stay intact across a fallback call */
    INITFP
    LDD d0, 0x7ff00000, 0x1           @ snan
    LDD d1, 0x3ff00000, 0
    LI r0, 0x10000001
    LI r1, 0x20000002
    LI r2, 0x30000003
    LI r3, 0x40000004
    LI r4, 0x50000005
    LI r5, 0x60000006
    LI r6, 0x70000007
    LI r7, 0x80000008
    LI r8, 0x90000009
    LI r9, 0xa000000a
    LI r10, 0xb000000b
    LI r11, 0xc000000c
    LI r12, 0xd000000d
    add r0, r0, r1
    add r1, r1, r2
    add r2, r2, r3
    vadd.f64 d2, d0, d1
    add r3, r3, r4
    add r4, r4, r5
    eor r5, r5, r6
    vmul.f64 d3, d0, d0
    add r6, r6, r7
    add r7, r7, r8
    vdiv.f64 d4, d1, d0
    sub r8, r8, r9
    add r9, r9, r10
    vsqrt.f64 d5, d0
    add r10, r10, r11
    add r11, r11, r12
    add r12, r12, r0
    DUMPFP "core registers across fallback calls"

    /* flags still pending at a fault in the same block reach the signal frame: the
     * SIGSEGV handler steps over the faulting load, sigreturn restores FPSCR */
    LI r0, 11                             @ SIGSEGV
    adr r1, segv_action
    LI r2, 0
    LI r3, 8
    LI r7, 174                            @ rt_sigaction
    svc #0
    INITFP
    LDD d0, 0x3ff00000, 0
    LDD d1, 0x40080000, 0
    LI r4, 0
    vdiv.f64 d2, d0, d1                   @ inexact
    vmul.f64 d3, d0, d1                   @ exact
    ldr r5, [r4]                          @ faults; the handler skips it
    vmrs r6, fpscr
    DUMPFP "flags pending at a fault survive the signal frame"
    TEST_END

segv_handler:                             @ (sig, info, ucontext): pc at uc + 92
    ldr r3, [r2, #92]
    add r3, r3, #4
    str r3, [r2, #92]
    bx lr
segv_restorer:
    LI r7, 173                            @ rt_sigreturn
    svc #0
    .balign 4
segv_action:
    .word segv_handler
    .word 0x04000004                      @ SA_RESTORER | SA_SIGINFO
    .word segv_restorer
    .word 0, 0                            @ sa_mask
