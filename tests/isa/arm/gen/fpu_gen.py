#!/usr/bin/env python3
"""Generate fpu_cases.c: single VFP/NEON floating-point operations on inputs chosen to hit
the hard parts of IEEE arithmetic and ARM's conversions: NaNs (signalling and quiet, with
payloads), infinities, denormals, values next to the overflow and integer-conversion limits,
products landing just below the smallest normal (where flush-to-zero and tininess detection
decide the result), ties for every rounding mode, and half-precision limits; each with a
random FPSCR (rounding mode, flush-to-zero, default NaN, alternative half precision).

fpu_main.c runs each case and prints the result and the FPSCR afterwards (the cumulative
exception flags are part of the comparison).

usage: fpu_gen.py arm|thumb SCALE OUT.c   (ROUNDS_PER_SCALE * SCALE rounds of every op)
"""
import struct
import sys

import fuzzlib

SEEDS = {'arm': 0xF9A1, 'thumb': 0xF9A2}   # fixed; the variants draw different cases
ROUNDS_PER_SCALE = 600


def f2b(x):
    return struct.unpack('<I', struct.pack('<f', x))[0]


def d2b(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


S_SPECIAL = [0, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001,
             0xFF812345, 0x7FC12345, 0x00000001, 0x80000001, 0x007FFFFF, 0x807FFFFF,
             0x00800000, 0x80800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x3F800000, 0xBF800000,
             0x40000000, 0x3F000000, 0x4F000000, 0x4F800000, 0xCF000000, 0xCF000001,
             0x4EFFFFFF, 0x477FE000, 0x477FF000, 0x38800000, 0x33800000, 0x00400000,
             0x3F7FFFFF, 0x00800001, 0x7EFFFFFF, 0x40400000, 0x3FC00000, 0x5E800000,
             0x5E7FFFFF, 0x00200000, 0x001FFFFF]
D_SPECIAL = [0, 1 << 63, 0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000,
             0x7FF0000000000001, 0xFFF4000000001234, 0x7FF8000012345678, 1,
             0x000FFFFFFFFFFFFF, 0x8010000000000000, 0x7FEFFFFFFFFFFFFF, 0x3FF0000000000000,
             0xBFF0000000000000, 0x41DFFFFFFFC00000, 0x41E0000000000000, 0xC1E0000000000000,
             0xC1E0000000200000, 0x41EFFFFFFFE00000, 0x3810000000000000, 0x380FFFFFFFFFFFFF,
             0x36A0000000000000, 0x47EFFFFFE0000000, 0x47EFFFFFF0000000, 0x47EFFFFFFFFFFFFF,
             0x3E7FFFFFFFFFFFFF, 0x3F7FF00000000000]
# Ordinary numbers with exact halves (rounding ties), integer limits and f16 limits.
NICE = [1.0, 2.0, 0.5, 3.0, 1.5, 0.1, 1e10, -7.0, 65504.0, 65520.0, 1e-5, 6e-8, 2.5, 3.5,
        -2.5, 4294967295.0, 2147483647.0, 0.75, 0.25]
NICE_D = [1.0, 2.0, 0.5, 3.0, 1.5, 0.1, 1e10, -7.0, 2.5, 3.5, 4294967295.5, 2147483647.5,
          -2147483648.5, 1e300, 1e-310]


class Values:
    def __init__(self, rng):
        self.r = rng

    def single(self):
        r = self.r.below(10)
        if r < 3:
            return self.r.choice(S_SPECIAL)
        if r < 5:
            return self.r.bits(32)
        if r < 8:
            e = self.r.choice([0, 1, 2, 3, 100, 126, 127, 128, 150, 160, 250, 253, 254, 255])
            return self.r.bits(1) << 31 | e << 23 | self.r.bits(23)
        return f2b(self.r.choice(NICE)) ^ self.r.bits(1) << 31

    def double(self):
        r = self.r.below(10)
        if r < 3:
            return self.r.choice(D_SPECIAL)
        if r < 5:
            return self.r.bits(64)
        if r < 8:
            e = self.r.choice([0, 1, 2, 896, 897, 1000, 1023, 1024, 1054, 1055, 1056, 1100,
                               1150, 2045, 2046, 2047])
            return self.r.bits(1) << 63 | e << 52 | self.r.bits(52)
        return d2b(self.r.choice(NICE_D)) ^ self.r.bits(1) << 63

    def unit(self):
        """A float in [1, 2) with 52 random fraction bits."""
        return 1.0 + self.r.bits(52) / float(1 << 52)

    def near_tiny_single(self):
        """a, b with a * b just around 2^-126, the smallest normal single."""
        a = self.unit()
        eps = self.r.choice([2.0 ** -25, 2.0 ** -26, 2.0 ** -30, 2.0 ** -24, -2.0 ** -25,
                             2.0 ** -23, 3 * 2.0 ** -25])
        return f2b(a), f2b(2.0 ** -126 * (1 - eps) / a)

    def near_tiny_double(self):
        a = self.unit()
        eps = self.r.choice([2.0 ** -54, 2.0 ** -55, 2.0 ** -60, 2.0 ** -53, -2.0 ** -54])
        return d2b(a), d2b(2.0 ** -1022 * (1 - eps) / a)

    def fpscr(self):
        v = self.r.below(4) << 22                  # rounding mode
        if self.r.chance(2, 5):
            v |= 1 << 24                           # flush to zero
        if self.r.chance(3, 10):
            v |= 1 << 25                           # default NaN
        if self.r.chance(3, 10):
            v |= 1 << 26                           # alternative half precision
        return v


# Operation names fpu_main.c knows, by operand shape.
OPS_S2 = ['adds', 'subs', 'muls', 'divs', 'cmps', 'cmpes', 'recps', 'rsqrts', 'vmax',
          'vmin', 'vadd', 'vmul']
OPS_D2 = ['addd', 'subd', 'muld', 'divd', 'cmpd', 'cmped']
OPS_S1 = ['sqrts', 's2d', 's2si', 's2ui', 's2sir', 's2uir', 'si2s', 'ui2s', 'si2d',
          's2fx16s', 's2fx32u', 'fx32s2s', 'fx16u2s', 's2h', 'recpe', 'rsqrte', 'recpeu',
          'rsqrteu', 'vcvts', 'vcvtfu']
OPS_D1 = ['sqrtd', 'd2s', 'd2si', 'd2uir', 'd2fx32s']


def main():
    mode, scale, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    v = Values(fuzzlib.Rng(SEEDS[mode]))
    cases = []
    for _ in range(ROUNDS_PER_SCALE * scale):
        for op in OPS_S2:
            a, b = v.single(), v.single()
            if op in ('muls', 'vmul') and v.r.chance(3, 10):
                a, b = v.near_tiny_single()
            cases.append((op, v.fpscr(), a, b, 0))
        for op in OPS_D2:
            a, b = v.double(), v.double()
            if op == 'muld' and v.r.chance(3, 10):
                a, b = v.near_tiny_double()
            cases.append((op, v.fpscr(), a, b, 0))
        for op in OPS_S1:
            cases.append((op, v.fpscr(), v.single(), v.single(), 0))
        for op in OPS_D1:
            cases.append((op, v.fpscr(), v.double(), 0, 0))
        half = v.r.choice([0, 0x7C00, 0xFC00, 0x7C01, 0x7E00, 0x0001, 0x3C00, 0x8000, 0xFE01])
        cases.append(('h2s', v.fpscr(), v.r.bits(16) << 16 | half, 0, 0))
        cases.append(('fmas', v.fpscr(), v.single(), v.single(), v.single()))
        cases.append(('fmad', v.fpscr(), v.double(), v.double(), v.double()))
        cases.append(('mlas', v.fpscr(), v.single(), v.single(), v.single()))
        cases.append(('nmlsd', v.fpscr(), v.double(), v.double(), v.double()))
        # A fused multiply-add whose product is near the smallest normal, plus a tiny addend.
        a, b = v.near_tiny_single()
        cases.append(('fmas', v.fpscr(), v.r.choice([0, 0x80000000, 1, 0x80000001]), a, b))

    o = ['/* Generated by fpu_gen.py %s %d: do not edit. */' % (mode, scale),
         '#include "fpu.h"', 'const struct fpu_case fpu_cases[] = {']
    for op, fpscr, a, b, c in cases:
        o.append('    { "%s", 0x%08x, 0x%xull, 0x%xull, 0x%xull },' % (op, fpscr, a, b, c))
    o.append('};')
    o.append('const unsigned fpu_count = %d;' % len(cases))
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(o) + '\n')


if __name__ == '__main__':
    main()
