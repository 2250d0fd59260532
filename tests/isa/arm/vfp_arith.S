/* VFP arithmetic in single and double precision: vadd/vsub/vmul/vdiv/vsqrt/vabs/vneg/
 * vmla/vmls/vnmla/vnmls/vnmul, each inexact case under all four FPSCR rounding modes, the
 * cumulative exception flags (IOC DZC OFC UFC IXC) they raise, default-NaN mode (DN),
 * flush-to-zero (FZ, with IDC on denormal inputs), and NaN propagation. */
#include "harness.inc"
    TEST_MAIN

/* d0 = 1/3-ish operands; results in d2.. and s-registers in s20.. */
.macro DOPS rmode
    INITFP
    FPSCR_SET (\rmode<<22)
    LDD d0, 0x3ff00000, 0x00000000        @ 1.0
    LDD d1, 0x40080000, 0x00000000        @ 3.0
    vdiv.f64 d2, d0, d1
    LDD d3, 0x3fb99999, 0x9999999a        @ 0.1
    LDD d4, 0x3fc99999, 0x9999999a        @ 0.2
    vadd.f64 d5, d3, d4
    vsub.f64 d6, d3, d1
    vmul.f64 d7, d3, d4
    vsqrt.f64 d8, d4
    vmov.f64 d9, d0
    vmla.f64 d9, d3, d1                   @ d9 = 1 + 0.1*3 (two roundings)
    vmov.f64 d10, d0
    vmls.f64 d10, d3, d4
    vmov.f64 d11, d0
    vnmla.f64 d11, d3, d1
    vmov.f64 d12, d0
    vnmls.f64 d12, d3, d1
    vnmul.f64 d13, d3, d1
    LDS s28, 0x3f800000                   @ 1.0f
    LDS s29, 0x40400000                   @ 3.0f
    vdiv.f32 s30, s28, s29
    vsqrt.f32 s31, s29
    DUMPFP "double/single ops, rounding mode \rmode"
.endm
    DOPS 0
    DOPS 1
    DOPS 2
    DOPS 3

.macro EXC name, op, hi1, lo1, hi2, lo2, fpscr=0
    INITFP
    FPSCR_SET \fpscr
    LDD d0, \hi1, \lo1
    LDD d1, \hi2, \lo2
    \op d2, d0, d1
    DUMPFP "\name"
.endm
    EXC "1/0 divbyzero", vdiv.f64, 0x3ff00000, 0, 0, 0
    EXC "0/0 invalid", vdiv.f64, 0, 0, 0, 0
    EXC "inf-inf invalid", vsub.f64, 0x7ff00000, 0, 0x7ff00000, 0
    EXC "max*2 overflow", vmul.f64, 0x7fefffff, 0xffffffff, 0x40000000, 0
    EXC "max*2 overflow towardzero", vmul.f64, 0x7fefffff, 0xffffffff, 0x40000000, 0, 0x00c00000
    EXC "min*min underflow", vmul.f64, 0x00100000, 0, 0x00100000, 0
    EXC "denormal result", vmul.f64, 0x00100000, 0, 0x3fe00000, 0
    EXC "denormal result FZ", vmul.f64, 0x00100000, 0, 0x3fe00000, 0, 0x01000000
    EXC "denormal input FZ", vadd.f64, 0x00080000, 0, 0, 0, 0x01000000
    EXC "qnan payload propagates", vadd.f64, 0x7ff80000, 0x1234, 0x3ff00000, 0
    EXC "snan quieted + invalid", vadd.f64, 0x7ff00000, 0x1234, 0x3ff00000, 0
    EXC "two nans: first wins", vadd.f64, 0x7ff80000, 0x1111, 0xfff80000, 0x2222
    EXC "snan beats qnan", vadd.f64, 0x7ff80000, 0x1111, 0x7ff00000, 0x2222
    EXC "default nan mode", vadd.f64, 0x7ff80000, 0x1234, 0x3ff00000, 0, 0x02000000
    EXC "0/0 default nan", vdiv.f64, 0, 0, 0, 0, 0x02000000
    EXC "-0 + -0", vadd.f64, 0x80000000, 0, 0x80000000, 0
    EXC "x - x downward is -0", vsub.f64, 0x3ff00000, 0, 0x3ff00000, 0, 0x00800000

    /* Single precision exception cases and abs/neg (which never raise). */
    INITFP
    LDS s0, 0x7f7fffff
    LDS s1, 0x40000000
    vmul.f32 s2, s0, s1
    LDS s3, 0x00800000
    vmul.f32 s4, s3, s3
    LDS s5, 0xff800001                    @ signalling NaN
    vabs.f32 s6, s5
    vneg.f32 s7, s5
    vabs.f64 d5, d0
    vneg.f64 d6, d0
    DUMPFP "single overflow/underflow, abs/neg of snan"
    TEST_END
