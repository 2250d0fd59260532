#!/usr/bin/env python3
"""Generate simd_cases.c: about two thousand VFP and NEON instruction forms (arithmetic,
compares, shifts, narrowing/widening, conversions, permutes, table lookups, core-register
transfers, loads/stores with every addressing form) for simd_main.c to run on random and
special inputs under several FPSCR settings.

Each form becomes one function: it loads D0-D31 from the input block, r0 = a buffer
pointer, r1 = a core-register input, r2 = r3 = 0, clears the APSR, runs the form, and
stores r0 (to see writeback), r2 (core results), the APSR and D0-D31 (struct simd_state in
simd.h).

Forms marked 'v' (VFP) and 'c' (core transfers) get random core inputs; 'm' (memory) get
r1 = 24, a post-index step; 'n' (NEON data processing) none.

Exclusions (UNPREDICTABLE, so real cores, qemu and crossrun may differ): `vmsr fpscr`
never writes the Len/Stride fields (short vectors are UNPREDICTABLE on a core without them,
simd_main.c masks them); NEON instructions are conditional only in T32 IT blocks (A32 has
no encoding for it); every register list and alignment is one the architecture defines.

usage: simd_gen.py arm|thumb SCALE OUT.c   (SETS_PER_SCALE * SCALE input sets per form and
       FPSCR setting)
"""
import sys

import fuzzlib

SETS_PER_SCALE = 3
INTS = ['s8', 's16', 's32', 'u8', 'u16', 'u32']
QFORMS = ['d0, d1, d2', 'q0, q1, q2', 'q8, q9, q8', 'd3, d3, d4']


def forms(thumb):
    """[(assembly, kind)] with kind n (NEON), c (core transfer), v (VFP), m (memory)."""
    out = []

    def t(asm, kind='n'):
        out.append((asm, kind))

    def three(op, types, regs=QFORMS):
        for ty in types:
            for r in regs:
                t('%s.%s %s' % (op, ty, r))

    # Three registers, same length.
    three('vadd', ['i8', 'i16', 'i32', 'i64'])
    three('vsub', ['i8', 'i16', 'i32', 'i64'])
    three('vmul', ['i8', 'i16', 'i32', 'p8'])
    three('vmla', ['i8', 'i16', 'i32'])
    three('vmls', ['i8', 'i16', 'i32'])
    three('vqadd', INTS + ['s64', 'u64'])
    three('vqsub', INTS + ['s64', 'u64'])
    for op in ['vhadd', 'vrhadd', 'vhsub', 'vcgt', 'vcge', 'vmax', 'vmin', 'vabd', 'vaba']:
        three(op, INTS)
    three('vceq', ['i8', 'i16', 'i32'])
    three('vtst', ['8', '16', '32'])
    for op in ['vshl', 'vqshl', 'vrshl', 'vqrshl']:
        three(op, INTS + ['s64', 'u64'])
    three('vpadd', ['i8', 'i16', 'i32'], ['d0, d1, d2', 'd5, d5, d6'])
    for op in ['vpmax', 'vpmin']:
        three(op, INTS, ['d0, d1, d2'])
    three('vqdmulh', ['s16', 's32'])
    three('vqrdmulh', ['s16', 's32'])
    for op in ['vand', 'vbic', 'vorr', 'vorn', 'veor', 'vbsl', 'vbit', 'vbif']:
        for r in QFORMS:
            t('%s %s' % (op, r))
    for op in ['vadd', 'vsub', 'vmul', 'vmla', 'vmls', 'vfma', 'vfms', 'vabd', 'vmax',
               'vmin', 'vceq', 'vcge', 'vcgt', 'vacge', 'vacgt', 'vrecps', 'vrsqrts']:
        three(op, ['f32'])
    for op in ['vpadd', 'vpmax', 'vpmin']:
        three(op, ['f32'], ['d0, d1, d2'])
    # Three registers, different lengths.
    for op in ['vaddl', 'vsubl', 'vabdl', 'vmull', 'vmlal', 'vmlsl', 'vabal']:
        for ty in INTS:
            t('%s.%s q0, d2, d3' % (op, ty))
            t('%s.%s q1, d2, d3' % (op, ty))
    t('vmull.p8 q0, d2, d3')
    t('vmull.p8 q1, d2, d3')
    for op in ['vaddw', 'vsubw']:
        for ty in INTS:
            t('%s.%s q0, q1, d4' % (op, ty))
            t('%s.%s q2, q2, d5' % (op, ty))
    for op in ['vaddhn', 'vraddhn', 'vsubhn', 'vrsubhn']:
        for ty in ['i16', 'i32', 'i64']:
            t('%s.%s d0, q1, q2' % (op, ty))
            t('%s.%s d2, q1, q2' % (op, ty))
    for op in ['vqdmull', 'vqdmlal', 'vqdmlsl']:
        for ty in ['s16', 's32']:
            t('%s.%s q0, d2, d3' % (op, ty))
            t('%s.%s q1, d2, d3' % (op, ty))
    # By scalar.
    for ty, sc in [('i16', 'd2[1]'), ('i32', 'd2[1]'), ('i16', 'd7[3]'), ('i32', 'd15[0]')]:
        for op in ['vmul', 'vmla', 'vmls']:
            t('%s.%s d0, d1, %s' % (op, ty, sc))
            t('%s.%s q2, q4, %s' % (op, ty, sc))
    for op in ['vmul', 'vmla', 'vmls']:
        t('%s.f32 q0, q1, d2[0]' % op)
        t('%s.f32 d0, d1, d9[1]' % op)
    for op in ['vmull', 'vmlal', 'vmlsl']:
        for ty, sc in [('s16', 'd3[2]'), ('u16', 'd3[1]'), ('s32', 'd3[1]'), ('u32', 'd3[0]')]:
            t('%s.%s q0, d2, %s' % (op, ty, sc))
            t('%s.%s q1, d2, %s' % (op, ty, sc))
    for op in ['vqdmull', 'vqdmlal', 'vqdmlsl']:
        for ty, sc in [('s16', 'd3[2]'), ('s32', 'd3[1]')]:
            t('%s.%s q0, d2, %s' % (op, ty, sc))
    for op in ['vqdmulh', 'vqrdmulh']:
        for ty, sc in [('s16', 'd3[2]'), ('s32', 'd3[1]')]:
            t('%s.%s q0, q2, %s' % (op, ty, sc))
            t('%s.%s d0, d1, %s' % (op, ty, sc))
    # Shifts by immediate: the smallest, middle and largest amounts of each size.
    for ty, bits in [('8', 8), ('16', 16), ('32', 32), ('64', 64)]:
        for sh in sorted({1, bits // 2, bits - 1, bits}):
            for op in ['vshr', 'vsra', 'vrshr', 'vrsra']:
                for sg in 'su':
                    t('%s.%s%s q0, q1, #%d' % (op, sg, ty, sh))
                    t('%s.%s%s d2, d2, #%d' % (op, sg, ty, sh))
            t('vsri.%s q0, q1, #%d' % (ty, sh))
            t('vsri.%s d0, d1, #%d' % (ty, sh))
        for sh in sorted({0, 1, bits // 2, bits - 1}):
            t('vshl.i%s q0, q1, #%d' % (ty, sh))
            t('vsli.%s d0, d1, #%d' % (ty, sh))
            t('vsli.%s q0, q1, #%d' % (ty, sh))
            for sg in 'su':
                t('vqshl.%s%s q0, q1, #%d' % (sg, ty, sh))
                t('vqshl.%s%s d0, d1, #%d' % (sg, ty, sh))
            t('vqshlu.s%s q0, q1, #%d' % (ty, sh))
    for ty, bits in [('16', 8), ('32', 16), ('64', 32)]:
        for sh in sorted({1, bits // 2, bits}):
            t('vshrn.i%s d0, q1, #%d' % (ty, sh))
            t('vrshrn.i%s d2, q1, #%d' % (ty, sh))
            for sg in 'su':
                t('vqshrn.%s%s d0, q1, #%d' % (sg, ty, sh))
                t('vqrshrn.%s%s d3, q1, #%d' % (sg, ty, sh))
            t('vqshrun.s%s d0, q1, #%d' % (ty, sh))
            t('vqrshrun.s%s d0, q1, #%d' % (ty, sh))
    for ty, bits in [('8', 8), ('16', 16), ('32', 32)]:
        for sh in [1, bits // 2, bits - 1]:
            for sg in 'su':
                t('vshll.%s%s q0, d2, #%d' % (sg, ty, sh))
                t('vshll.%s%s q1, d2, #%d' % (sg, ty, sh))
        t('vshll.i%s q0, d2, #%d' % (ty, bits))
        t('vshll.i%s q1, d3, #%d' % (ty, bits))
        for sg in 'su':
            t('vmovl.%s%s q0, d2' % (sg, ty))
            t('vmovl.%s%s q1, d2' % (sg, ty))
    for fb in [1, 8, 16, 32]:
        for ty in ['s32.f32', 'u32.f32', 'f32.s32', 'f32.u32']:
            t('vcvt.%s q0, q1, #%d' % (ty, fb))
            t('vcvt.%s d0, d1, #%d' % (ty, fb))
    # One register and a modified immediate.
    for s in ['vmov.i8 q0, #0x5a', 'vmov.i16 d0, #0x12', 'vmov.i16 q0, #0x1200',
              'vmov.i32 d0, #0x12', 'vmov.i32 d0, #0x1200', 'vmov.i32 d0, #0x120000',
              'vmov.i32 q0, #0x12000000', 'vmov.i32 d0, #0x12ff', 'vmov.i32 d0, #0x12ffff',
              'vmov.i64 q0, #0xff00ff0000ffff00', 'vmov.f32 q0, #1.5', 'vmov.f32 d0, #-0.125',
              'vmvn.i16 d0, #0x12', 'vmvn.i16 q0, #0x3400', 'vmvn.i32 d0, #0x12',
              'vmvn.i32 q0, #0x12000000', 'vmvn.i32 d0, #0x12ff', 'vmvn.i32 d0, #0x12ffff',
              'vorr.i16 d0, #0x12', 'vorr.i16 q0, #0x3400', 'vorr.i32 d0, #0x12',
              'vorr.i32 q0, #0x12000000', 'vbic.i16 d0, #0x12', 'vbic.i16 q0, #0x3400',
              'vbic.i32 d0, #0x120000', 'vbic.i32 q0, #0xff']:
        t(s)
    # Two registers, miscellaneous.
    for s in ['8', '16', '32']:
        t('vrev64.%s q0, q1' % s)
        t('vrev64.%s d0, d0' % s)
    for s in ['8', '16']:
        t('vrev32.%s q0, q1' % s)
        t('vrev32.%s d3, d4' % s)
    t('vrev16.8 q0, q1')
    t('vrev16.8 d1, d1')
    for op in ['vpaddl', 'vpadal']:
        for ty in INTS:
            t('%s.%s q0, q1' % (op, ty))
            t('%s.%s d0, d1' % (op, ty))
    for ty in ['s8', 's16', 's32']:
        for op in ['vcls', 'vqabs', 'vqneg', 'vabs', 'vneg']:
            t('%s.%s q0, q1' % (op, ty))
            t('%s.%s d0, d1' % (op, ty))
        for op in ['vcgt', 'vcge', 'vceq', 'vcle', 'vclt']:
            t('%s.%s q0, q1, #0' % (op, ty if op != 'vceq' else 'i' + ty[1:]))
    for ty in ['i8', 'i16', 'i32']:
        t('vclz.%s q0, q1' % ty)
        t('vclz.%s d0, d1' % ty)
    for s in ['vcnt.8 q0, q1', 'vcnt.8 d0, d1', 'vmvn q0, q1', 'vmvn d0, d1']:
        t(s)
    for op in ['vcgt', 'vcge', 'vceq', 'vcle', 'vclt']:
        t('%s.f32 q0, q1, #0' % op)
        t('%s.f32 d0, d1, #0' % op)
    for op in ['vabs', 'vneg']:
        t('%s.f32 q0, q1' % op)
        t('%s.f32 d0, d1' % op)
    t('vswp d0, d1')
    t('vswp q0, q1')
    for op in ['vtrn', 'vuzp', 'vzip']:
        for s in ['8', '16', '32']:
            t('%s.%s q0, q1' % (op, s))
            if op == 'vtrn' or s != '32':        # VUZP.32/VZIP.32 on D registers: no such
                t('%s.%s d0, d1' % (op, s))
    for ty in ['i16', 'i32', 'i64']:
        t('vmovn.%s d0, q1' % ty)
        t('vmovn.%s d2, q1' % ty)
    for ty in ['s16', 's32', 's64']:
        t('vqmovun.%s d0, q1' % ty)
        t('vqmovn.%s d0, q1' % ty)
        t('vqmovn.u%s d2, q1' % ty[1:])
    for s in ['vcvt.f16.f32 d0, q1', 'vcvt.f16.f32 d2, q1', 'vcvt.f32.f16 q0, d2',
              'vcvt.f32.f16 q1, d2']:
        t(s)
    for ty in ['u32', 'f32']:
        t('vrecpe.%s q0, q1' % ty)
        t('vrsqrte.%s d0, d1' % ty)
    for ty in ['s32.f32', 'u32.f32', 'f32.s32', 'f32.u32']:
        t('vcvt.%s q0, q1' % ty)
        t('vcvt.%s d0, d1' % ty)
    for i in [0, 3, 7]:
        t('vext.8 d0, d1, d2, #%d' % i)
    for i in [0, 1, 5, 8, 13, 15]:
        t('vext.8 q0, q1, q2, #%d' % i)
        t('vext.8 q1, q1, q0, #%d' % i)
    t('vext.16 d0, d1, d2, #3')
    t('vext.32 q0, q1, q2, #3')
    for lst in ['{d1}', '{d1, d2}', '{d1, d2, d3}', '{d1, d2, d3, d4}', '{d0, d1}']:
        t('vtbl.8 d0, %s, d5' % lst)
        t('vtbx.8 d0, %s, d5' % lst)
    for s in ['vdup.8 d0, d1[5]', 'vdup.16 q0, d1[3]', 'vdup.32 q1, d2[1]',
              'vdup.32 d0, d0[0]']:
        t(s)
    # Core register transfers.
    for s in ['vdup.8 q0, r1', 'vdup.16 d3, r1', 'vdup.32 q5, r1', 'vdup.32 d22, r1',
              'vmov.8 d0[3], r1', 'vmov.16 d17[2], r1', 'vmov.32 d31[1], r1',
              'vmov.s8 r2, d1[5]', 'vmov.u8 r2, d1[7]', 'vmov.s16 r2, d20[3]',
              'vmov.u16 r2, d1[1]', 'vmov.32 r2, d19[1]', 'vmov d5, r1, r2',
              'vmov r2, r3, d7', 'vmov s3, s4, r1, r2', 'vmov r2, r3, s5, s6', 'vmov s7, r1',
              'vmov r2, s9', 'vmrs r2, fpscr', 'vmsr fpscr, r1']:
        t(s, 'c')
    # VFP.
    for ty, regs in [('f32', 's0, s1, s2'), ('f32', 's5, s5, s31'), ('f64', 'd0, d1, d2'),
                     ('f64', 'd17, d30, d17')]:
        for op in ['vadd', 'vsub', 'vmul', 'vnmul', 'vdiv', 'vmla', 'vmls', 'vnmla', 'vnmls',
                   'vfma', 'vfms', 'vfnma', 'vfnms']:
            t('%s.%s %s' % (op, ty, regs), 'v')
    for ty, regs in [('f32', 's0, s1'), ('f64', 'd0, d1'), ('f64', 'd20, d7')]:
        for op in ['vabs', 'vneg', 'vsqrt', 'vmov']:
            t('%s.%s %s' % (op, ty, regs), 'v')
        first = regs.split(',')[0]
        t('vcmp.%s %s\n vmrs APSR_nzcv, fpscr' % (ty, regs), 'v')
        t('vcmpe.%s %s\n vmrs APSR_nzcv, fpscr' % (ty, regs), 'v')
        t('vcmp.%s %s, #0\n vmrs APSR_nzcv, fpscr' % (ty, first), 'v')
        t('vcmpe.%s %s, #0' % (ty, first), 'v')
    for s in ['vcvt.f64.f32 d0, s3', 'vcvt.f32.f64 s0, d3', 'vcvt.f64.f32 d1, s2',
              'vcvt.f32.f64 s7, d3', 'vcvt.s32.f32 s0, s1', 'vcvt.u32.f32 s0, s1',
              'vcvtr.s32.f32 s0, s1', 'vcvtr.u32.f32 s0, s1', 'vcvt.s32.f64 s0, d1',
              'vcvt.u32.f64 s0, d1', 'vcvtr.s32.f64 s0, d1', 'vcvtr.u32.f64 s0, d1',
              'vcvt.f32.s32 s0, s1', 'vcvt.f32.u32 s0, s1', 'vcvt.f64.s32 d0, s1',
              'vcvt.f64.u32 d0, s3', 'vcvt.s16.f32 s0, s0, #4', 'vcvt.u16.f32 s1, s1, #16',
              'vcvt.s32.f32 s2, s2, #1', 'vcvt.u32.f32 s3, s3, #32', 'vcvt.f32.s16 s0, s0, #4',
              'vcvt.f32.u16 s1, s1, #16', 'vcvt.f32.s32 s2, s2, #1', 'vcvt.f32.u32 s3, s3, #32',
              'vcvt.s16.f64 d0, d0, #4', 'vcvt.u32.f64 d1, d1, #20', 'vcvt.f64.s16 d0, d0, #4',
              'vcvt.f64.u32 d1, d1, #20', 'vcvtb.f32.f16 s0, s1', 'vcvtt.f32.f16 s0, s1',
              'vcvtb.f16.f32 s0, s1', 'vcvtt.f16.f32 s0, s1', 'vmov.f32 s0, #1.5',
              'vmov.f32 s9, #-31.0', 'vmov.f64 d0, #0.125', 'vmov.f64 d19, #-2.0']:
        t(s, 'v')
    # Conditional execution, flags from r1 (A32 encodes the condition; T32 uses IT, where
    # gas accepts the `it` in A32 too and emits nothing).
    for cond, s in [('eq', 'vaddeq.f32 s0, s1, s2'), ('ne', 'vmulne.f64 d0, d1, d2'),
                    ('gt', 'vmovgt s0, r1'), ('le', 'vmovle.f32 s3, #2.0'),
                    ('mi', 'vldrmi d3, [r0]'), ('vs', 'vcmpvs.f32 s0, s1'),
                    ('ge', 'vmrsge APSR_nzcv, fpscr'), ('lt', 'vcvtlt.s32.f64 s0, d1'),
                    ('hi', 'vmovhi r2, s3'), ('cc', 'vstmiacc r0!, {d0-d3}'),
                    ('ls', 'vaddls.i32 q0, q1, q2')]:
        if not thumb and s.startswith('vaddls.i32'):
            continue                              # NEON has no A32 conditional form
        t('msr APSR_nzcvq, r1\n it %s\n %s' % (cond, s), 'v')
    # Loads and stores: r0 = buffer, r1 = 24 (post-index step).
    ls = []
    for sz in ['8', '16', '32', '64']:
        for lst in ['{d0}', '{d0, d1}', '{d0, d1, d2}', '{d0, d1, d2, d3}', '{d30, d31}']:
            ls += ['vld1.%s %s, [r0]' % (sz, lst), 'vst1.%s %s, [r0]!' % (sz, lst),
                   'vld1.%s %s, [r0], r1' % (sz, lst)]
    for sz in ['8', '16', '32']:
        for n, lists in [(2, ['{d0, d1}', '{d0, d2}', '{d0, d1, d2, d3}']),
                         (3, ['{d0, d1, d2}', '{d0, d2, d4}']),
                         (4, ['{d0, d1, d2, d3}', '{d0, d2, d4, d6}'])]:
            for lst in lists:
                ls += ['vld%d.%s %s, [r0]!' % (n, sz, lst), 'vst%d.%s %s, [r0]' % (n, sz, lst)]
        idx = {'8': 5, '16': 3, '32': 1}[sz]
        for n, lanes in [(1, ['d0']), (2, ['d0', 'd1']), (3, ['d0', 'd1', 'd2']),
                         (4, ['d0', 'd1', 'd2', 'd3'])]:
            lst = '{%s}' % ', '.join('%s[%d]' % (d, idx) for d in lanes)
            ls += ['vld%d.%s %s, [r0]!' % (n, sz, lst), 'vst%d.%s %s, [r0], r1' % (n, sz, lst)]
            if n == 2 and sz != '8':              # double-spaced lanes
                ls.append('vld2.%s {d0[%d], d2[%d]}, [r0]' % (sz, idx, idx))
        for n, lst in [(1, '{d0[]}'), (1, '{d0[], d1[]}'), (2, '{d0[], d1[]}'),
                       (2, '{d0[], d2[]}'), (3, '{d0[], d1[], d2[]}'),
                       (4, '{d0[], d1[], d2[], d3[]}')]:
            ls.append('vld%d.%s %s, [r0]!' % (n, sz, lst))
    for lst in ['{d0-d3}', '{s0-s5}', '{d16-d31}', '{d1}', '{s31}']:
        ls += ['vldmia r0!, %s' % lst, 'vstmdb r0!, %s' % lst, 'vldmia r0, %s' % lst,
               'vstmia r0, %s' % lst, 'vstmia r0!, %s' % lst, 'vldmdb r0!, %s' % lst]
    ls += ['vldr d5, [r0, #16]', 'vldr s7, [r0, #-8]', 'vstr d30, [r0, #1020]',
           'vstr s1, [r0]', 'vpush {d8-d15}', 'vpop {d0-d3}', 'vpush {s3-s9}', 'vpop {s2}']
    ls += ['vld4.32 {d0[], d1[], d2[], d3[]}, [r0:128]', 'vld1.64 {d0-d1}, [r0:128]!',
           'vld1.32 {d0[1]}, [r0:32]', 'vld2.16 {d0[], d1[]}, [r0:32]',
           'vst1.8 {d0-d3}, [r0:256]', 'vld1.16 {d0[], d1[]}, [r0:16]!',
           'vld4.8 {d0[1], d1[1], d2[1], d3[1]}, [r0:32]', 'vst2.32 {d0[1], d2[1]}, [r0:64]',
           'vld3.16 {d1[], d3[], d5[]}, [r0], r1',
           'vld4.16 {d1[2], d3[2], d5[2], d7[2]}, [r0:64]!',
           'vst3.32 {d20[0], d22[0], d24[0]}, [r0]', 'vld1.64 {d31}, [r0]']
    for s in ls:
        t(s, 'm')
    return out


def body(asm):
    """The form's asm, with the stack moved onto the buffer for VPUSH/VPOP (so both
    emulators see the same addresses) and put back afterwards."""
    if 'vpush' in asm or 'vpop' in asm:
        asm = 'mov r3, sp\n mov sp, r0\n %s\n mov r0, sp\n mov sp, r3' % asm
    return asm


def main():
    mode, scale, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    thumb = mode == 'thumb'
    tests = forms(thumb)
    dregs = ', '.join('"d%d"' % i for i in range(32))
    o = ['/* Generated by simd_gen.py %s %d: do not edit. */' % (mode, scale),
         '#include "simd.h"']
    for i, (asm, _) in enumerate(tests):
        # Offsets into struct simd_state (simd.h).
        text = ('.syntax unified\n vldm %[s], {d0-d15}\n add r0, %[s], #128\n'
                ' vldm r0, {d16-d31}\n ldr r0, [%[s], #528]\n ldr r1, [%[s], #524]\n'
                ' mov r2, #0\n mov r3, #0\n msr APSR_nzcvq, r2\n ' + body(asm) + '\n'
                ' mrs r3, APSR\n str r0, [%[s], #512]\n str r2, [%[s], #516]\n'
                ' str r3, [%[s], #520]\n add r0, %[s], #256\n vstm r0!, {d0-d15}\n'
                ' vstm r0, {d16-d31}')
        o.append('static void t%d(void)\n{' % i)
        o.append('    __asm__ volatile(%s' % fuzzlib.c_string(text))
        o.append('        : : [s] "r"(&g_state)')
        o.append('        : "r0", "r1", "r2", "r3", "memory", "cc", %s);' % dregs)
        o.append('}')
    o.append('const struct simd_test simd_tests[] = {')
    for i, (asm, kind) in enumerate(tests):
        o.append("    { t%d, %s, '%s' }," % (i, fuzzlib.c_string(asm.replace('\n', ';')), kind))
    o.append('};')
    o.append('const unsigned simd_count = %d;' % len(tests))
    o.append('const unsigned simd_sets = %d;' % (SETS_PER_SCALE * scale))
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(o) + '\n')


if __name__ == '__main__':
    main()
