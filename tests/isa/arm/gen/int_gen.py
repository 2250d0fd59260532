#!/usr/bin/env python3
"""Generate int_ops.c: integer instructions (A32 or T32) on every combination of edge-case
operands and APSR inputs.

Each template is one inline-asm instruction with operands %0 (result, starts as 0x5a5a5a5a
so an instruction that does not write it shows), %1 (first source, may be written),
%2 (second source), %3 (high result / accumulator, starts as 0xa5a5a5a5). The program sets
the APSR (NZCVQ, GE) from the flags input, runs the instruction, reads the APSR back and
prints one line per case:

    T a b flags : %0 %1 %3 apsr

preceded, once per template, by a header `@ T <assembly>` that the runner shows with any
differing line. `int_ops K N` runs only templates with index % N == K, so one binary can
be split into several parallel tests.

usage: int_gen.py arm|thumb SCALE OUT.c   (SCALE >= 1 adds random operand values)
"""
import sys

import fuzzlib

SEED = 0x1A7E6E5  # fixed: the same build always runs the same cases


def templates(thumb):
    """(assembly, number of register inputs used, A32 only). %2 is the second source."""
    out = []

    def t(asm, nargs=2, arm_only=False):
        if not (thumb and arm_only):
            out.append((asm, nargs))

    shifts = ['', ', lsl #1', ', lsl #31', ', lsr #1', ', lsr #32', ', asr #1', ', asr #32',
              ', ror #7', ', rrx']
    for op in ['adds', 'adcs', 'subs', 'sbcs', 'rsbs', 'ands', 'orrs', 'eors', 'bics',
               'add', 'adc', 'sbc', 'rsb']:
        for sh in shifts:
            t('%s %%0, %%1, %%2%s' % (op, sh))
        t('%s %%0, %%1, #0xff000000' % op)
        t('%s %%0, %%1, #0x3fc' % op)
    for op in ['orns', 'orn']:                      # T32 only
        if thumb:
            t('%s %%0, %%1, %%2, asr #3' % op)
            t('%s %%0, %%1, #0x00ff00ff' % op)
    for op in ['rscs', 'rsc']:
        t('%s %%0, %%1, %%2, lsl #3' % op, arm_only=True)
        t('%s %%0, %%1, #0x80000001' % op, 1, arm_only=True)
    # Register-shifted register operands (A32 only): amounts 0, 31, 32, 33 and >= 256
    # (only the bottom byte counts) come from the edge values.
    for op in ['adds', 'adcs', 'ands', 'orrs', 'eors', 'bics', 'subs', 'rsbs', 'movs', 'mvns']:
        for sh in ['lsl', 'lsr', 'asr', 'ror']:
            if op in ('movs', 'mvns'):
                t('%s %%0, %%1, %s %%2' % (op, sh), arm_only=True)
            else:
                t('%s %%0, %%1, %%1, %s %%2' % (op, sh), arm_only=True)
    for op in ['tst', 'teq', 'cmp', 'cmn']:
        t('%s %%1, %%2, lsl %%2' % op, arm_only=True)
    for sh in ['lsls', 'lsrs', 'asrs', 'rors', 'lsl', 'lsr', 'asr', 'ror']:
        t('%s %%0, %%1, %%2' % sh)
    for op in ['movs', 'mvns', 'mov', 'mvn']:
        for sh in ['', ', lsl #4', ', lsr #32', ', asr #3', ', ror #16', ', rrx']:
            t('%s %%0, %%1%s' % (op, sh), 1)
    for op in ['movs', 'mvns']:
        # Modified immediates differ: A32 rotates a byte, T32 also repeats one.
        t('%s %%0, #%s' % (op, '0xab00ab00' if thumb else '0xf000000f'), 0)
    t('mov %0, #0x12', 0)
    for op in ['cmp', 'cmn', 'tst', 'teq']:
        t('%s %%1, %%2' % op)
        t('%s %%1, %%2, lsr #1' % op)
        t('%s %%1, %%2, rrx' % op)
        t('%s %%1, #0x80000000' % op)
    for c in ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le']:
        # T32 needs an IT block for a conditional instruction; A32 encodes the condition.
        it = 'it %s\n\t' % c if thumb else ''
        t('%smov%s %%0, %%1' % (it, c), 1)
        # Inside an IT block the T32 form does not set flags; A32 sets them conditionally.
        t('it %s\n\tadd%s %%0, %%1, %%2' % (c, c) if thumb else 'adds%s %%0, %%1, %%2' % c)
    if thumb:
        # IT blocks of several instructions whose first one changes the flags the others test.
        t('itte mi\n\tsubsmi %0, %1, %2\n\taddmi %3, %1, #1\n\tmovpl %3, %2', 2)
        t('ittee eq\n\tmoveq %0, %1\n\tcmpeq %1, %2\n\tmovne %3, %2\n\tmvnne %0, %0', 2)
    t('mul %0, %1, %2')
    t('muls %0, %1, %2', arm_only=True)
    t('mla %0, %1, %2, %1')
    t('mls %0, %1, %2, %1')
    t('mlas %0, %1, %2, %1', arm_only=True)
    for op in ['umull', 'smull', 'umlal', 'smlal', 'umaal']:
        t('%s %%0, %%3, %%1, %%2' % op)
    t('umulls %0, %3, %1, %2', arm_only=True)
    t('smlals %0, %3, %1, %2', arm_only=True)
    for x in 'bt':
        for y in 'bt':
            t('smul%s%s %%0, %%1, %%2' % (x, y))
            t('smla%s%s %%0, %%1, %%2, %%1' % (x, y))
            t('smlal%s%s %%0, %%3, %%1, %%2' % (x, y))
        t('smulw%s %%0, %%1, %%2' % x)
        t('smlaw%s %%0, %%1, %%2, %%1' % x)
    for op in ['smmul', 'smmulr']:
        t('%s %%0, %%1, %%2' % op)
    for op in ['smmla', 'smmlar', 'smmls', 'smmlsr', 'smlad', 'smladx', 'smlsd', 'smlsdx']:
        t('%s %%0, %%1, %%2, %%1' % op)
    for op in ['smuad', 'smuadx', 'smusd', 'smusdx', 'sdiv', 'udiv', 'usad8', 'sel',
               'qadd', 'qsub', 'qdadd', 'qdsub']:
        t('%s %%0, %%1, %%2' % op)
    t('usada8 %0, %1, %2, %1')
    for op in ['smlald', 'smlaldx', 'smlsld', 'smlsldx']:
        t('%s %%0, %%3, %%1, %%2' % op)
    for op in ['clz', 'rev', 'rev16', 'revsh', 'rbit']:
        t('%s %%0, %%1' % op, 1)
    t('bfi %0, %1, #3, #9', 1)
    t('bfc %0, #4, #20', 0)
    t('bfi %0, %1, #0, #32', 1)
    t('bfi %3, %1, #31, #1', 1)
    t('ubfx %0, %1, #3, #9', 1)
    t('sbfx %0, %1, #3, #9', 1)
    t('sbfx %0, %1, #0, #32', 1)
    t('ubfx %0, %1, #31, #1', 1)
    for op in ['uxtb', 'uxth', 'sxtb', 'sxth', 'uxtb16', 'sxtb16']:
        for r in ['', ', ror #8', ', ror #16', ', ror #24']:
            t('%s %%0, %%1%s' % (op, r), 1)
            t('%s %%0, %%2, %%1%s' % (op.replace('xt', 'xta'), r))
    for p in ['s', 'q', 'sh', 'u', 'uq', 'uh']:
        for op in ['add16', 'asx', 'sax', 'sub16', 'add8', 'sub8']:
            t('%s%s %%0, %%1, %%2' % (p, op))
    for s in ['1', '8', '16', '31', '32']:
        t('ssat %%0, #%s, %%1' % s, 1)
        t('ssat %%0, #%s, %%1, asr #5' % s, 1)
    for s in ['0', '1', '8', '16', '31']:
        t('usat %%0, #%s, %%1' % s, 1)
        t('usat %%0, #%s, %%1, lsl #3' % s, 1)
    for s in ['1', '8', '16']:
        t('ssat16 %%0, #%s, %%1' % s, 1)
    for s in ['0', '8', '15']:
        t('usat16 %%0, #%s, %%1' % s, 1)
    t('pkhbt %0, %1, %2')
    t('pkhbt %0, %1, %2, lsl #7')
    t('pkhtb %0, %1, %2, asr #7')
    t('pkhtb %0, %1, %2, asr #32')
    t('movw %0, #0xbeef', 0)
    t('movt %0, #0xbeef', 0)
    return out


def main():
    mode, scale, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    thumb = mode == 'thumb'
    rng = fuzzlib.Rng(SEED)
    # Every template sees every edge value; SCALE adds random ones (4 per step beyond 1).
    vals = list(fuzzlib.INT_EDGES) + [fuzzlib.int_value(rng) for _ in range(4 * (scale - 1))]
    flags = list(fuzzlib.APSR_EDGES) + [fuzzlib.apsr_value(rng) for _ in range(scale - 1)]
    tmpl = templates(thumb)

    o = ['/* Generated by int_gen.py %s %d: do not edit. */' % (mode, scale),
         '#include <stdint.h>', '#include <stdio.h>', '#include <stdlib.h>',
         'struct io { uint32_t r, a, b, h, fl, psr; };',
         'static const uint32_t V[] = {%s};' % ', '.join('0x%08x' % v for v in vals),
         'static const uint32_t F[] = {%s};' % ', '.join('0x%08x' % v for v in flags)]
    for i, (asm, _) in enumerate(tmpl):
        # %4 is the flags input and %5 the second source: the template's %2 maps to %5.
        body = asm.replace('%2', '%5')
        o.append('static void t%d(struct io *io) {' % i)
        o.append('  uint32_t r = io->r, a = io->a, h = io->h, psr;')
        # gcc hands A32 inline asm to gas in divided syntax; the templates are unified.
        o.append('  __asm__ volatile(".syntax unified\\n\\tmsr APSR_nzcvqg, %%4\\n\\t%s\\n\\t"'
                 '"mrs %%2, APSR"'
                 % body.replace('\n', '\\n').replace('\t', '\\t'))
        o.append('    : "+&r"(r), "+&r"(a), "=&r"(psr), "+&r"(h) : "r"(io->fl), "r"(io->b)'
                 ' : "cc");')
        o.append('  io->r = r; io->a = a; io->h = h; io->psr = psr; }')
    o.append('static const struct { void (*fn)(struct io *); int nargs; const char *asm_; }'
             ' T[] = {')
    for i, (asm, n) in enumerate(tmpl):
        o.append('  { t%d, %d, %s },' % (i, n, fuzzlib.c_string(asm.replace('\n\t', '; '))))
    o.append('};')
    o.append('''
#define COUNT(x) (sizeof(x) / sizeof((x)[0]))
int main(int argc, char **argv)
{
    unsigned part = argc > 2 ? (unsigned)atoi(argv[1]) : 0;
    unsigned parts = argc > 2 ? (unsigned)atoi(argv[2]) : 1;
    static char buf[1 << 16];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    for (unsigned t = part; t < COUNT(T); t += parts) {
        printf("@ %u %s\\n", t, T[t].asm_);
        /* Inputs a template does not read are held at one value: fewer, distinct cases. */
        unsigned na = T[t].nargs >= 1 ? COUNT(V) : 1, nb = T[t].nargs >= 2 ? COUNT(V) : 1;
        for (unsigned i = 0; i < na; i++)
            for (unsigned j = 0; j < nb; j++)
                for (unsigned f = 0; f < COUNT(F); f++) {
                    struct io io = { 0x5a5a5a5a, V[i], V[j], 0xa5a5a5a5, F[f], 0 };
                    T[t].fn(&io);
                    printf("%u %08x %08x %08x : %08x %08x %08x %08x\\n", t, V[i], V[j], F[f],
                           io.r, io.a, io.h, io.psr & 0xf80f0000u);
                }
    }
    return 0;
}''')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(o) + '\n')


if __name__ == '__main__':
    main()
