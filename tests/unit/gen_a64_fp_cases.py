#!/usr/bin/env python3
"""Writes a64_fp_cases.h, the expected results of test_a64_fp.c, from qemu-aarch64.

Each case is one AArch64 scalar floating-point instruction run on chosen operands under a
chosen FPCR (rounding mode, FZ, DN, AHP), with FPSR cleared first; the case records the
result bits and the FPSR (or, for comparisons, NZCV) the instruction left. The operands
come from edge-case pools and a fixed-seed PRNG, so a rerun writes the same file.

Needs aarch64-linux-gnu-gcc and qemu-aarch64 (Debian: gcc-aarch64-linux-gnu, qemu-user).
Usage: tests/unit/gen_a64_fp_cases.py > tests/unit/a64_fp_cases.h
(the case's op is the name of the OPS entry: test_a64_fp.c decodes it)
"""
import os
import subprocess
import sys
import tempfile

# name: (operand kinds "res:in1,in2,in3", instruction). Registers: the result is v0/x0
# side, inputs are v1..v3 (or x1 for integer sources). Kinds: s d h (FP), w x (integer).
OPS = {}
for fmt in 'sd':
    for op in ['fadd', 'fsub', 'fmul', 'fdiv', 'fmax', 'fmin', 'fmaxnm', 'fminnm',
               'fmulx', 'fabd', 'frecps', 'frsqrts', 'fnmul']:
        OPS[f'{op}_{fmt}'] = (f'{fmt}:{fmt},{fmt}', f'{op} {fmt}0, {fmt}1, {fmt}2')
    for op in ['fsqrt', 'frecpe', 'frsqrte', 'frecpx', 'frintn', 'frintp', 'frintm',
               'frintz', 'frinta', 'frintx', 'frinti']:
        OPS[f'{op}_{fmt}'] = (f'{fmt}:{fmt}', f'{op} {fmt}0, {fmt}1')
    for op in ['fmadd', 'fmsub', 'fnmadd', 'fnmsub']:
        OPS[f'{op}_{fmt}'] = (f'{fmt}:{fmt},{fmt},{fmt}', f'{op} {fmt}0, {fmt}1, {fmt}2, {fmt}3')
    for op in ['fcmp', 'fcmpe']:
        OPS[f'{op}_{fmt}'] = (f'n:{fmt},{fmt}', f'{op} {fmt}1, {fmt}2')
    for ireg in 'wx':
        for op in ['fcvtzs', 'fcvtzu', 'fcvtas', 'fcvtau', 'fcvtns', 'fcvtnu', 'fcvtms',
                   'fcvtmu', 'fcvtps', 'fcvtpu']:
            OPS[f'{op}_{ireg}{fmt}'] = (f'{ireg}:{fmt}', f'{op} {ireg}0, {fmt}1')
        OPS[f'scvtf_{fmt}{ireg}'] = (f'{fmt}:{ireg}', f'scvtf {fmt}0, {ireg}1')
        OPS[f'ucvtf_{fmt}{ireg}'] = (f'{fmt}:{ireg}', f'ucvtf {fmt}0, {ireg}1')
OPS['fcvtzs_wd_fix10'] = ('w:d', 'fcvtzs w0, d1, #10')
OPS['fcvtzu_xs_fix33'] = ('x:s', 'fcvtzu x0, s1, #33')
OPS['scvtf_dx_fix64'] = ('d:x', 'scvtf d0, x1, #64')
OPS['ucvtf_sw_fix7'] = ('s:w', 'ucvtf s0, w1, #7')
OPS['fcvt_ds'] = ('d:s', 'fcvt d0, s1')
OPS['fcvt_sd'] = ('s:d', 'fcvt s0, d1')
OPS['fcvt_hs'] = ('h:s', 'fcvt h0, s1')
OPS['fcvt_hd'] = ('h:d', 'fcvt h0, d1')
OPS['fcvt_sh'] = ('s:h', 'fcvt s0, h1')
OPS['fcvt_dh'] = ('d:h', 'fcvt d0, h1')
OPS['fcvtxn_sd'] = ('s:d', 'fcvtxn s0, d1')

SINGLES = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40200000,
           0xc0200000, 0x3f000000, 0x7f7fffff, 0x00800000, 0x00400001, 0x807fffff,
           0x7f800000, 0xff800000, 0x7fc12345, 0x7f812345, 0xffa00001, 0x40400000,
           0x501502f9, 0xaedbe6ff, 0x3f7fffff, 0x4effffff, 0x4f000000, 0x5f800000,
           0xdf000000, 0x3eaaaaab, 0x00000001, 0x7e800000, 0x3fa00000, 0xbfe00000]
DOUBLES = [0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
           0x3ff8000000000000, 0x4004000000000000, 0xc004000000000000, 0x3fe0000000000000,
           0x7fefffffffffffff, 0x0010000000000000, 0x0008000000000001, 0x800fffffffffffff,
           0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000012345678, 0x7ff0000012345678,
           0xfff4000000000001, 0x4008000000000000, 0x41dfffffffc00000, 0x43e0000000000000,
           0xc3e0000000000000, 0x43f0000000000000, 0x3fd5555555555555, 0x36a0000000000000,
           0x47efffffe0000000, 0x380fffffe0000000, 0x3810000000000000, 0x40f0000000000001,
           0x3ff4000000000000, 0xc00c000000000000, 0x0000000000000001, 0x7fd0000000000000]
HALVES = [0x0000, 0x8000, 0x3c00, 0xbc00, 0x7bff, 0x0400, 0x0001, 0x83ff, 0x7c00, 0xfc00,
          0x7e12, 0x7d12, 0x3555, 0xfbff, 0x7c01, 0x4248]
INTS_W = [0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x00ffffff, 0x01000001, 0x12345678,
          0xfffffffe, 0x00000080]
INTS_X = [0, 1, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000,
          0x0020000000000001, 0x001fffffffffffff, 0x123456789abcdef0, 0x00000000ffffffff,
          0xfffffffffffffc00]
POOLS = {'s': SINGLES, 'd': DOUBLES, 'h': HALVES, 'w': INTS_W, 'x': INTS_X}
# FPCR values: the four rounding modes, FZ, DN, FZ|DN, AHP.
FPCRS = [0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25, 3 << 24, 1 << 26]


class Rng:
    """xorshift64*, so the cases never depend on Python's random module."""
    def __init__(self, seed):
        self.s = (seed * 0x9E3779B97F4A7C15 + 1) & (2**64 - 1) or 1

    def below(self, n):
        s = self.s
        s ^= s >> 12
        s ^= (s << 25) & (2**64 - 1)
        s ^= s >> 27
        self.s = s
        return ((s * 0x2545F4914F6CDD1D) & (2**64 - 1)) % n


def cases():
    rng = Rng(5)
    out = []
    for name, (kinds, _) in OPS.items():
        ins = kinds.split(':')[1].split(',')
        n = 16 if len(ins) > 1 else 12
        for i in range(n):
            fpcr = FPCRS[i % len(FPCRS)] if i < 8 else FPCRS[rng.below(len(FPCRS))]
            vals = [POOLS[k][rng.below(len(POOLS[k]))] for k in ins]
            vals += [0] * (3 - len(vals))
            out.append((name, fpcr, vals))
    return out


def probe_source(all_cases):
    reg = {'s': 's', 'd': 'd', 'h': 'h', 'w': 'w', 'x': 'x'}
    lines = ['#include <stdio.h>', '#include <stdint.h>',
             'static void run(int op, uint64_t fpcr, uint64_t a, uint64_t b, uint64_t c) {',
             '  uint64_t r = 0, st = 0;', '  switch (op) {']
    for i, (name, (kinds, insn)) in enumerate(OPS.items()):
        res, ins = kinds.split(':')
        ins = ins.split(',')
        body = ['msr fpcr, %[c]', 'msr fpsr, xzr']
        for j, k in enumerate(ins):
            src = '%' + ['[a]', '[b]', '[e]'][j]
            if k in 'wx':
                body.append(f'mov x{j + 1}, {src}')
            else:
                body.append(f'fmov d{j + 1}, {src}')
        body.append(insn)
        if res == 'n':
            body.append('mrs %[r], nzcv')
        elif res in 'wx':
            body.append('mov %[r], x0')
        else:
            body.append('fmov %[r], d0' if res == 'd' else f'umov %w[r], v0.{"s" if res == "s" else "h"}[0]')
        body += ['mrs %[s], fpsr', 'msr fpcr, xzr']
        asm = '\\n'.join(body)
        lines.append(f'  case {i}: __asm__ volatile("{asm}" : [r]"=&r"(r), [s]"=&r"(st) '
                     ': [a]"r"(a), [b]"r"(b), [e]"r"(c), [c]"r"(fpcr) '
                     ': "x0","x1","x2","x3","v0","v1","v2","v3","cc"); break;')
    lines += ['  }', '  printf("%llx %llx\\n", (unsigned long long)r, (unsigned long long)st);',
              '}', 'int main(void) {']
    index = {n: i for i, n in enumerate(OPS)}
    for name, fpcr, (a, b, c) in all_cases:
        lines.append(f'  run({index[name]}, {fpcr:#x}ull, {a:#x}ull, {b:#x}ull, {c:#x}ull);')
    lines += ['  return 0;', '}']
    return '\n'.join(lines) + '\n'


def main():
    all_cases = cases()
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = os.path.join(tmp, 'p.c'), os.path.join(tmp, 'p')
        with open(src, 'w') as f:
            f.write(probe_source(all_cases))
        subprocess.run(['aarch64-linux-gnu-gcc', '-O1', '-static', '-o', exe, src], check=True)
        out = subprocess.run(['qemu-aarch64', '-cpu', 'cortex-a72', exe], check=True,
                             capture_output=True, text=True).stdout.split('\n')
    print('/* Generated by gen_a64_fp_cases.py from qemu-aarch64 -cpu cortex-a72: do not edit.')
    print(' * { op, fpcr, a, b, c, result (NZCV for compares), fpsr } */')
    print('static const struct a64_fp_case a64_fp_cases[] = {')
    for (name, fpcr, (a, b, c)), line in zip(all_cases, out):
        r, st = (int(x, 16) for x in line.split())
        print(f'    {{ "{name}", {fpcr:#x}, {a:#x}, {b:#x}, {c:#x}, {r:#x}, {st:#x} }},')
    print('};')
    print('enum { A64_FP_NCASES = sizeof(a64_fp_cases) / sizeof(a64_fp_cases[0]) };')


if __name__ == '__main__':
    sys.exit(main())
