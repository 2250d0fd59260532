/* Scalar FP arithmetic and compares that run as inline host float ops (FPCR RMode, FZ
 * and DN clear): results and FPSR flags of every exceptional case the inline path hands
 * to its fallback (NaN operands of both kinds, invalid operations, division by zero,
 * overflow, underflow, tiny results that round to the smallest normal, subnormal
 * operands) and of ordinary ones; flags accumulated over a loop of chained blocks,
 * read by MRS while still pending, dropped by MSR FPSR; FCMP/FCMPE NZCV and IOC; and
 * the same operations under FZ and a directed rounding mode, which take the helpers. */
#include "harness.inc"

/* x\xd = FPSR after 'insn' (FPSR cleared first) */
.macro FLAGS_OF xd, insn:vararg
    msr fpsr, xzr
    \insn
    mrs \xd, fpsr
.endm

.macro LOADD dreg, imm
    LI x30, \imm
    fmov \dreg, x30
.endm

.macro LOADS sreg, imm
    LI x30, \imm
    fmov \sreg, w30
.endm

TEST_MAIN
    INIT
    /* double: inexact, divide by zero, invalid, overflow, underflow */
    LOADD d1, 0x3fb999999999999a            /* 0.1 */
    LOADD d2, 0x3ff0000000000000            /* 1.0 */
    LOADD d3, 0x0000000000000000            /* +0 */
    LOADD d4, 0x7fe0000000000000            /* 2^1023 */
    LOADD d5, 0x0010000000000000            /* smallest normal */
    LOADD d6, 0x3fe0000000000000            /* 0.5 */
    LOADD d7, 0x7ff4000000000000            /* sNaN */
    LOADD d8, 0x7ff8000000000001            /* qNaN */
    LOADD d9, 0x000fffffffffffff            /* largest subnormal */
    LOADD d10, 0x3ff0000000000001           /* 1 + ulp */
    FLAGS_OF x1, fadd d16, d2, d1
    FLAGS_OF x2, fdiv d17, d2, d3
    FLAGS_OF x3, fdiv d18, d3, d3
    FLAGS_OF x4, fadd d19, d4, d4
    FLAGS_OF x5, fmul d20, d5, d6
    FLAGS_OF x6, fmul d21, d5, d10
    FLAGS_OF x7, fadd d22, d7, d2
    FLAGS_OF x8, fadd d23, d2, d8
    FLAGS_OF x9, fsub d24, d9, d5
    FLAGS_OF x10, fsqrt d25, d6
    LOADD d11, 0xbff0000000000000           /* -1 */
    FLAGS_OF x11, fsqrt d26, d11
    FLAGS_OF x12, fmul d27, d9, d2
    FLAGS_OF x13, fdiv d28, d5, d4
    FLAGS_OF x14, fsub d29, d2, d2
    FLAGS_OF x15, fmul d30, d2, d2
    DUMPFP double_ops
    INIT
    /* single */
    LOADS s1, 0x3dcccccd                    /* 0.1f */
    LOADS s2, 0x3f800000                    /* 1.0f */
    LOADS s3, 0x00000000
    LOADS s4, 0x7f000000                    /* 2^127 */
    LOADS s5, 0x00800000                    /* smallest normal */
    LOADS s6, 0x3f000000                    /* 0.5f */
    LOADS s7, 0x7fa00000                    /* sNaN */
    LOADS s8, 0x7fc00001                    /* qNaN */
    LOADS s9, 0x007fffff                    /* largest subnormal */
    FLAGS_OF x1, fadd s16, s2, s1
    FLAGS_OF x2, fdiv s17, s2, s3
    FLAGS_OF x3, fdiv s18, s3, s3
    FLAGS_OF x4, fmul s19, s4, s4
    FLAGS_OF x5, fmul s20, s5, s6
    FLAGS_OF x6, fadd s22, s7, s2
    FLAGS_OF x7, fadd s23, s2, s8
    FLAGS_OF x8, fsub s24, s9, s5
    FLAGS_OF x9, fsqrt s25, s6
    FLAGS_OF x10, fdiv s26, s1, s6
    DUMPFP single_ops
    INIT
    /* compares: NZCV and IOC */
    LOADD d1, 0x3ff0000000000000
    LOADD d2, 0x4000000000000000
    LOADD d3, 0x7ff8000000000000            /* qNaN */
    LOADD d4, 0x7ff4000000000000            /* sNaN */
    msr fpsr, xzr
    fcmp d1, d2
    mrs x1, nzcv
    fcmp d2, d1
    mrs x2, nzcv
    fcmp d1, d1
    mrs x3, nzcv
    fcmp d1, d3
    mrs x4, nzcv
    mrs x5, fpsr
    fcmpe d1, d3
    mrs x6, nzcv
    mrs x7, fpsr
    msr fpsr, xzr
    fcmp d4, d1
    mrs x8, fpsr
    msr fpsr, xzr
    fcmp d1, #0.0
    mrs x9, nzcv
    LOADS s5, 0xbf800000
    fcmp s5, #0.0
    mrs x10, nzcv
    fcmpe s5, s5
    mrs x11, nzcv
    mrs x12, fpsr
    DUMP compares
    INIT
    /* flags accumulated over a loop of blocks; MSR FPSR drops pending ones */
    msr fpsr, xzr
    LOADD d1, 0x3fb999999999999a
    fmov d0, xzr
    mov x2, #100
1:  fadd d0, d0, d1
    subs x2, x2, #1
    b.ne 1b
    mrs x1, fpsr
    fmov x3, d0
    fadd d2, d1, d1
    fmul d2, d2, d1
    msr fpsr, xzr
    mrs x4, fpsr
    fdiv d3, d1, d1
    b 2f
2:  mrs x5, fpsr
    DUMP accumulate
    INIT
    /* FZ and directed rounding: the helpers' results and flags */
    LOADD d1, 0x3fb999999999999a
    LOADD d2, 0x3ff0000000000000
    LOADD d5, 0x0010000000000000
    LOADD d6, 0x3fe0000000000000
    LOADD d9, 0x000fffffffffffff
    mov x30, #(1 << 24)                     /* FZ */
    msr fpcr, x30
    FLAGS_OF x1, fmul d16, d5, d6
    FLAGS_OF x2, fadd d17, d9, d2
    FLAGS_OF x3, fadd d18, d2, d1
    mov x30, #(2 << 22)                     /* round toward minus infinity */
    msr fpcr, x30
    FLAGS_OF x4, fadd d19, d2, d1
    FLAGS_OF x5, fsub d20, d1, d2
    mov x30, #(1 << 25)                     /* DN */
    msr fpcr, x30
    LOADD d7, 0x7ff8000000000001
    FLAGS_OF x6, fadd d21, d7, d2
    msr fpcr, xzr
    fmov x7, d16
    fmov x8, d17
    fmov x9, d18
    fmov x10, d19
    fmov x11, d20
    fmov x12, d21
    DUMP fpcr_modes
    TEST_END
