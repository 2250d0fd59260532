#!/usr/bin/env python3
"""Generate a64_cases.S for a64_main.c: A64 scalar floating-point, AdvSIMD, crypto and
CRC32 instruction encodings with their inputs, to be run under crossrun and under
qemu-aarch64 -cpu cortex-a76 and compared (fuzz_diff.py).

Each encoding class below is a bit pattern of fixed bits and named fields. Modes:
  enum  every value of each class's selector fields (opcode, size, Q, U, type ...: every
        arrangement and operation, allocated or not), a few cases each with the other
        fields (registers, immediates) random;
  rand  random encodings of random classes, every field random;
  mem   loads and stores of SIMD&FP registers: structures (LD1-LD4, ST1-ST4, LD1R-LD4R,
        single lanes) with and without post-index, and LDR/STR/LDP/STP/LDUR/STUR/LDR
        (literal) of B/H/S/D/Q registers in every addressing mode, into a8 KiB buffer;
  seq   runs of 2-6 random instructions of all these classes and of integer instructions
        that set or read NZCV (ADDS/SUBS, CSEL, CCMP) over four V and four X registers
        (loads and stores share one base and one index register), so values and flags flow
        between instructions the way the JIT sees them in a block.
Every case also gets random NZCV, one of the FPCR settings below (rounding modes, FZ, DN,
AHP) and an FPSR that is clear or already holds flags, and a value profile for V0-V31
(a64_values.h: NaN/infinity/denormal-rich lanes of one format, saturation limits, small
shift counts and table indices ...).

EXCLUSIONS (the reference CPU, a Cortex-A76, has an extension crossrun does not advertise in
AT_HWCAP, so its encodings are valid there and UNDEFINED under crossrun; everything else
is generated, unallocated encodings included, which must raise SIGILL in both):
  X1  half-precision arithmetic (FEAT_FP16): scalar FP with ftype 11 other than FCVT from
      half, AdvSIMD FP by element with size 00, fixed-point conversions with immh 001x,
      the FP16 across-lanes and scalar pairwise forms (U 0; qemu ignores their size<0>,
      so all sizes) and FMOV (vector, half) (o2 1, cmode 1111; qemu ignores op there).
Operands: general-register destinations are never X30 (the driver's return address); bases
of loads and stores are X0-X29 pointing into the buffer, register post-indexes hold small
values; LDP of the same register twice (CONSTRAINED UNPREDICTABLE) is not generated.

usage: a64_gen.py enum|rand|mem|seq SCALE OUT.S
"""
import itertools
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'arm',
                                'gen'))
import fuzzlib  # noqa: E402  (tests/isa/arm/gen: the shared PRNG)

SEEDS = {'enum': 0xA64E, 'rand': 0xA64A, 'mem': 0xA64F, 'seq': 0xA645}
RAND_CASES = 40000
SEQ_CASES = 8000

# value profiles (a64_values.h)
P_MIXED, P_F32, P_F64, P_F16, P_SMALL, P_INTEDGE, P_RANDOM = range(7)
SIMD_PROFILES = [P_MIXED, P_F32, P_F32, P_F64, P_F64, P_F16, P_SMALL, P_INTEDGE, P_INTEDGE,
                 P_RANDOM]
FP_PROFILES = [P_MIXED, P_F32, P_F32, P_F64, P_F64, P_F16]
INT_PROFILES = [P_RANDOM, P_INTEDGE, P_MIXED]
TBL_PROFILES = [P_SMALL, P_SMALL, P_RANDOM, P_INTEDGE]

FZ, DN, AHP, FZ16 = 1 << 24, 1 << 25, 1 << 26, 1 << 19


def rmode(m):
    return m << 22


FPCRS = [0] * 6 + [FZ, DN, FZ | DN, rmode(1), rmode(2), rmode(3), AHP, AHP | DN | rmode(1),
                   FZ | rmode(2), FZ | DN | rmode(3), FZ16, FZ | FZ16 | DN]


def parse(pattern):
    """'0 Q U 01110 size:2 ...' -> (fixed value, {field: (pos, len)}), MSB first."""
    pos, value, fields = 32, 0, {}
    for tok in pattern.split():
        if set(tok) <= {'0', '1'}:
            pos -= len(tok)
            value |= int(tok, 2) << pos
        else:
            name, _, n = tok.partition(':')
            n = int(n) if n else 1
            pos -= n
            fields[name] = (pos, n)
    assert pos == 0, pattern
    return value, fields


class Cls:
    """An encoding class: a pattern, the fields 'enum' mode walks through (each value, or
    each group of values of `groups`), cases per combination, how V registers are filled,
    exclusions, and a hook fixing up operands (general registers, memory)."""

    def __init__(self, name, pattern, enum='', k=2, profiles=SIMD_PROFILES, exclude=None,
                 groups=None, fix=None, gp_rd=False, weight=1):
        self.name, self.pattern = name, pattern
        self.value, self.fields = parse(pattern)
        self.enum = enum.split()
        self.k, self.profiles, self.exclude = k, profiles, exclude
        self.groups = groups or {}
        self.fix, self.gp_rd, self.weight = fix, gp_rd, weight

    def choices(self, f):
        if f in self.groups:
            return self.groups[f]
        return [[v] for v in range(1 << self.fields[f][1])]

    def encode(self, vals):
        w = self.value
        for f, (pos, n) in self.fields.items():
            assert 0 <= vals[f] < 1 << n, (self.name, f, vals[f])
            w |= vals[f] << pos
        return w

    def form(self, vals):
        return self.name + ''.join('.%s%x' % (f, vals[f]) for f in self.enum)


class Case:
    def __init__(self, words, form, profile):
        self.words, self.form, self.profile = words, form, profile
        self.fixed = []         # (register, value, based)


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.case = None
        self.pool = None        # seq mode: the registers operands come from
        self.shared = {}        # seq mode: the one base and one index register of a case

    def reg(self, avoid=()):
        choices = self.pool if self.pool else range(32)
        return self.r.choice([x for x in choices if x not in avoid])

    def fix(self, reg, value, based):
        self.case.fixed.append((reg, value, based))

    def fixed_regs(self):
        return [x for x, _, _ in self.case.fixed]

    def base(self, lo=-128, hi=128):
        """A base register (not SP) pointing into the buffer. In a sequence all loads and
        stores share one, outside the operand pool, which their writebacks move by at
        most a few hundred bytes."""
        if 'base' in self.shared:
            return self.shared['base']
        r = self.r.choice([x for x in range(30)
                           if x not in self.fixed_regs() and x not in (self.pool or ())])
        self.fix(r, lo + self.r.below(hi - lo + 1), True)
        if self.pool:
            self.shared['base'] = r
        return r

    def index(self, values):
        """An index register with a small value (in a sequence: shared, non-negative, as
        every addressing form that reads it must stay inside the buffer)."""
        if 'index' in self.shared:
            return self.shared['index']
        r = self.r.choice([x for x in range(30)
                           if x not in self.fixed_regs() and x not in (self.pool or ())])
        self.fix(r, self.r.choice([0, 8, 16, 32] if self.pool else values), False)
        if self.pool:
            self.shared['index'] = r
        return r


# ------------------------------------------------------------------ exclusions (X1)

def x_across(f):
    return f['U'] == 0 and f['opc'] in (0x0c, 0x0f)


def x_pair(f):
    return f['U'] == 0 and f['opc'] in (0x0c, 0x0d, 0x0f)


def x_fmov_half(f):
    return f['o2'] == 1 and f['cmode'] == 15


def x_fixed_half(f):
    return f['opc'] in (0x1c, 0x1f) and f['immh'] in (2, 3)


def x_elem(f):
    fp = (f['U'] == 0 and f['opc'] in (1, 5, 9)) or (f['U'] == 1 and f['opc'] == 9)
    return fp and f['size'] == 0


def x_half(f):
    return f['ftype'] == 3


def x_dp1_half(f):
    return f['ftype'] == 3 and not 4 <= f['opc'] <= 7


# ------------------------------------------------------------------ operand fix-ups

def fp_ms(g, f):
    """M and S (scalar FP) are 0 in every allocated encoding: set now and then."""
    for b in ('M', 'S'):
        if b in f:
            f[b] = 1 if g.r.chance(1, 16) else 0


def fp_imm(g, f):
    fp_ms(g, f)
    f['imm5'] = 0 if g.r.chance(7, 8) else f['imm5']


def ldst_multiple(g, f):
    f['Rn'] = g.base()
    if 'Rm' in f:
        f['Rm'] = 31 if g.r.chance(1, 2) else g.index([0, 1, 8, 16, 24, 32, 48, 64, -16, -64])


def ldst_imm(g, f):
    if 'Rn' in f:
        f['Rn'] = g.base()
    if 'Rm' in f:
        f['Rm'] = g.index([0, 1, 2, 3, 4, 7, 8, 16, 31])
    if 'imm12' in f:
        f['imm12'] = g.r.below(16)
    if 'imm9' in f:
        f['imm9'] = (g.r.below(128) - 64) & 0x1ff
    if 'imm7' in f:
        f['imm7'] = (g.r.below(16) - 8) & 0x7f
        if f['L'] and f['Rt2'] == f['Rt']:
            f['Rt2'] = (f['Rt'] + 1 + g.r.below(31)) % 32
    if 'imm19' in f:
        f['imm19'] = (g.r.below(129) - 64) & 0x7ffff


IMM5_GROUPS = [[0, 16], list(range(1, 32, 2)), list(range(2, 32, 4)), [4, 12, 20, 28], [8, 24]]
IMMH_GROUPS = [[1], [2, 3], list(range(4, 8)), list(range(8, 16))]


def single(*allocated, bits):
    """Groups for a selector field where only a few values are allocated: one group each,
    and one for all the others (so enum mode spends its cases on the allocated ones)."""
    rest = [v for v in range(1 << bits) if v not in allocated]
    return [[v] for v in allocated] + ([rest] if rest else [])


SIZE0 = single(0, bits=2)

CLASSES = [
    # AdvSIMD vector
    Cls('simd-3same', '0 Q U 01110 size:2 1 Rm:5 opc:5 1 Rn:5 Rd:5', 'Q U size opc', 3,
        weight=6),
    Cls('simd-3diff', '0 Q U 01110 size:2 1 Rm:5 opc:4 00 Rn:5 Rd:5', 'Q U size opc', 3,
        weight=3),
    Cls('simd-misc', '0 Q U 01110 size:2 10000 opc:5 10 Rn:5 Rd:5', 'Q U size opc', 3,
        weight=6),
    Cls('simd-across', '0 Q U 01110 size:2 11000 opc:5 10 Rn:5 Rd:5', 'Q U size opc', 4,
        groups={'opc': single(0x03, 0x0a, 0x1a, 0x0c, 0x0f, bits=5)}, exclude=x_across,
        weight=2),
    Cls('simd-copy', '0 Q op 01110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5', 'Q op imm4 imm5', 2,
        groups={'imm5': IMM5_GROUPS}, gp_rd=True, profiles=INT_PROFILES, weight=2),
    Cls('simd-modimm', '0 Q op 0111100000 abc:3 cmode:4 o2 1 defgh:5 Rd:5',
        'Q op cmode o2', 3, exclude=x_fmov_half, weight=1),
    Cls('simd-shift', '0 Q U 011110 immh:4 immb:3 opc:5 1 Rn:5 Rd:5', 'Q U immh opc', 2,
        groups={'immh': IMMH_GROUPS}, exclude=x_fixed_half, weight=5),
    Cls('simd-elem', '0 Q U 01111 size:2 L M Rm:4 opc:4 H 0 Rn:5 Rd:5', 'Q U size opc', 3,
        exclude=x_elem, weight=4),
    Cls('simd-extra', '0 Q U 01110 size:2 0 Rm:5 1 opc:4 1 Rn:5 Rd:5', 'Q U size opc', 3,
        weight=2),
    Cls('simd-perm', '0 Q 001110 size:2 0 Rm:5 0 opc:3 10 Rn:5 Rd:5', 'Q size opc', 3,
        profiles=INT_PROFILES, weight=1),
    Cls('simd-ext', '0 Q 101110 op2:2 0 Rm:5 0 imm4:4 0 Rn:5 Rd:5', 'Q op2 imm4', 2,
        profiles=INT_PROFILES, weight=1),
    Cls('simd-tbl', '0 Q 001110 op2:2 0 Rm:5 0 len:2 op 00 Rn:5 Rd:5', 'Q op2 len op', 4,
        profiles=TBL_PROFILES, weight=1),
    # AdvSIMD scalar
    Cls('sc-3same', '01 U 11110 size:2 1 Rm:5 opc:5 1 Rn:5 Rd:5', 'U size opc', 3, weight=3),
    Cls('sc-3diff', '01 U 11110 size:2 1 Rm:5 opc:4 00 Rn:5 Rd:5', 'U size opc', 6,
        groups={'opc': single(9, 11, 13, bits=4)}, weight=1),
    Cls('sc-misc', '01 U 11110 size:2 10000 opc:5 10 Rn:5 Rd:5', 'U size opc', 3, weight=3),
    Cls('sc-extra', '01 U 11110 size:2 0 Rm:5 1 opc:4 1 Rn:5 Rd:5', 'U size opc', 3,
        weight=1),
    Cls('sc-pair', '01 U 11110 size:2 11000 opc:5 10 Rn:5 Rd:5', 'U size opc', 6,
        groups={'opc': single(0x1b, 0x0c, 0x0d, 0x0f, bits=5)}, exclude=x_pair, weight=1),
    Cls('sc-shift', '01 U 111110 immh:4 immb:3 opc:5 1 Rn:5 Rd:5', 'U immh opc', 2,
        groups={'immh': [[0]] + IMMH_GROUPS}, exclude=x_fixed_half, weight=3),
    Cls('sc-elem', '01 U 11111 size:2 L M Rm:4 opc:4 H 0 Rn:5 Rd:5', 'U size opc', 3,
        exclude=x_elem, weight=2),
    Cls('sc-copy', '01 op 11110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5', 'op imm4 imm5', 6,
        groups={'imm5': IMM5_GROUPS, 'imm4': single(0, bits=4)}, profiles=INT_PROFILES,
        weight=1),
    # crypto and CRC32
    Cls('aes', '01001110 size:2 10100 opc:5 10 Rn:5 Rd:5', 'size opc', 16,
        groups={'size': SIZE0, 'opc': single(4, 5, 6, 7, bits=5)}, profiles=[P_RANDOM],
        weight=1),
    Cls('sha-3reg', '01011110 size:2 0 Rm:5 0 opc:3 00 Rn:5 Rd:5', 'size opc', 16,
        groups={'size': SIZE0}, profiles=[P_RANDOM], weight=1),
    Cls('sha-2reg', '01011110 size:2 10100 opc:5 10 Rn:5 Rd:5', 'size opc', 16,
        groups={'size': SIZE0, 'opc': single(0, 1, 2, bits=5)}, profiles=[P_RANDOM],
        weight=1),
    Cls('crypto-v82', '11001110 rest:24', '', 64, profiles=[P_RANDOM], weight=1),
    Cls('crc32', 'sf 0 0 11010110 Rm:5 010 C sz:2 Rn:5 Rd:5', 'sf C sz', 12,
        gp_rd=True, profiles=[P_RANDOM], weight=1),
    # scalar floating point
    Cls('fp-dp1', 'M 0 S 11110 ftype:2 1 opc:6 10000 Rn:5 Rd:5', 'ftype opc', 6,
        groups={'opc': single(*range(16), bits=6)}, exclude=x_dp1_half, fix=fp_ms, profiles=FP_PROFILES, weight=5),
    Cls('fp-dp2', 'M 0 S 11110 ftype:2 1 Rm:5 opc:4 10 Rn:5 Rd:5', 'ftype opc', 8,
        exclude=x_half, fix=fp_ms, profiles=FP_PROFILES, weight=5),
    Cls('fp-dp3', 'M 0 S 11111 ftype:2 o1 Rm:5 o0 Ra:5 Rn:5 Rd:5', 'ftype o1 o0', 24,
        exclude=x_half, fix=fp_ms, profiles=FP_PROFILES, weight=3),
    Cls('fp-cmp', 'M 0 S 11110 ftype:2 1 Rm:5 op:2 1000 Rn:5 opc2:5', 'ftype op opc2', 8,
        groups={'op': single(0, bits=2), 'opc2': single(0, 8, 16, 24, bits=5)}, exclude=x_half, fix=fp_ms, profiles=FP_PROFILES, weight=2),
    Cls('fp-ccmp', 'M 0 S 11110 ftype:2 1 Rm:5 cond:4 01 Rn:5 op nzcv:4', 'ftype op cond', 3,
        exclude=x_half, fix=fp_ms, profiles=FP_PROFILES, weight=2),
    Cls('fp-csel', 'M 0 S 11110 ftype:2 1 Rm:5 cond:4 11 Rn:5 Rd:5', 'ftype cond', 3,
        exclude=x_half, fix=fp_ms, profiles=FP_PROFILES, weight=1),
    Cls('fp-imm', 'M 0 S 11110 ftype:2 1 imm8:8 100 imm5:5 Rd:5', 'ftype', 16,
        exclude=x_half, fix=fp_imm, profiles=FP_PROFILES, weight=1),
    Cls('fp-int', 'sf 0 S 11110 ftype:2 1 rmode:2 opc:3 000000 Rn:5 Rd:5',
        'sf ftype rmode opc', 3, exclude=x_half, fix=fp_ms, gp_rd=True,
        profiles=FP_PROFILES, weight=5),
    Cls('fp-fixed', 'sf 0 S 11110 ftype:2 0 rmode:2 opc:3 scale:6 Rn:5 Rd:5',
        'sf ftype rmode opc', 4, groups={'opc': single(0, 1, 2, 3, bits=3)}, exclude=x_half, fix=fp_ms, gp_rd=True,
        profiles=FP_PROFILES, weight=3),
    Cls('fp-sysreg', '1101010100 L 11 011 0100 0100 00 op2 Rt:5', 'L op2', 20,
        gp_rd=True, profiles=[P_RANDOM], weight=1),
]

# Integer instructions that set or read NZCV, mixed into seq runs only: FCMP/FCCMP/FCSEL
# against flags the integer side computes lazily, and the other way round.
FLAG_CLASSES = [
    Cls('int-addsub', 'sf op S 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5', '', gp_rd=True),
    Cls('int-csel', 'sf op S 11010100 Rm:5 cond:4 0 o2 Rn:5 Rd:5', '', gp_rd=True),
    Cls('int-ccmp', 'sf op 1 11010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4', ''),
]

MEM_CLASSES = [
    Cls('ld-mult', '0 Q 0011000 L 000000 opc:4 size:2 Rn:5 Rt:5', 'Q L opc size', 2,
        fix=ldst_multiple, profiles=[P_RANDOM]),
    Cls('ld-mult-post', '0 Q 0011001 L 0 Rm:5 opc:4 size:2 Rn:5 Rt:5', 'Q L opc size', 2,
        fix=ldst_multiple, profiles=[P_RANDOM]),
    Cls('ld-single', '0 Q 0011010 L R 00000 opc:3 S size:2 Rn:5 Rt:5', 'Q L R opc S size',
        2, fix=ldst_multiple, profiles=[P_RANDOM]),
    Cls('ld-single-post', '0 Q 0011011 L R Rm:5 opc:3 S size:2 Rn:5 Rt:5',
        'Q L R opc S size', 2, fix=ldst_multiple, profiles=[P_RANDOM]),
    Cls('ldr-uimm', 'size:2 111 1 01 opc:2 imm12:12 Rn:5 Rt:5', 'size opc', 8, fix=ldst_imm,
        profiles=[P_RANDOM]),
    Cls('ldr-imm9', 'size:2 111 1 00 opc:2 0 imm9:9 idx:2 Rn:5 Rt:5', 'size opc idx', 6,
        fix=ldst_imm, profiles=[P_RANDOM]),
    Cls('ldr-reg', 'size:2 111 1 00 opc:2 1 Rm:5 option:3 S 10 Rn:5 Rt:5',
        'size opc option', 2, fix=ldst_imm, profiles=[P_RANDOM]),
    Cls('ldp', 'opc:2 101 1 0 idx:2 L imm7:7 Rt2:5 Rn:5 Rt:5', 'opc idx L', 10,
        fix=ldst_imm, profiles=[P_RANDOM]),
    Cls('ldr-lit', 'opc:2 011 1 00 imm19:19 Rt:5', 'opc', 12, fix=ldst_imm,
        profiles=[P_RANDOM]),
]

REG_FIELDS = ('Rd', 'Rn', 'Rm', 'Ra', 'Rt', 'Rt2')


def fill(g, cls, combo):
    """Field values for one case: the enumerated ones from combo, the rest random;
    None if the result is excluded."""
    f = {}
    for name, (_, n) in cls.fields.items():
        if name in combo:
            f[name] = g.r.choice(combo[name])
        elif name in cls.groups:
            f[name] = g.r.choice(g.r.choice(cls.groups[name]))
        elif name in REG_FIELDS and g.pool:
            f[name] = g.reg() & ((1 << n) - 1)
        else:
            f[name] = g.r.bits(n)
    if cls.gp_rd:
        for name in ('Rd', 'Rt'):
            if name in f and f[name] == 30:
                f[name] = 29 if not g.pool else g.reg(avoid=(30,))
    if cls.fix:
        cls.fix(g, f)
    if cls.exclude and cls.exclude(f):
        return None
    return f


def setup(g, case):
    r = g.r
    case.nzcv = r.bits(4) << 28
    case.fpcr = r.choice(FPCRS)
    k = r.below(10)
    case.fpsr = 0 if k < 8 else 0x0800009f if k == 8 else r.bits(32) & 0x0800009f


def gen_enum(g, classes):
    cases = []
    for cls in classes:
        for combo in itertools.product(*(cls.choices(f) for f in cls.enum)):
            combo = dict(zip(cls.enum, combo))
            for _ in range(cls.k):
                case = Case([], '', g.r.choice(cls.profiles))
                g.case = case
                f = fill(g, cls, combo)
                if f is None:
                    continue
                case.words = [cls.encode(f)]
                case.form = cls.form(f)
                setup(g, case)
                cases.append(case)
    return cases


def pick_class(g, classes):
    total = sum(c.weight for c in classes)
    k = g.r.below(total)
    for c in classes:
        if k < c.weight:
            return c
        k -= c.weight
    return classes[-1]


def random_word(g, classes):
    """A random encoding of a random class (re-drawn when excluded)."""
    while True:
        cls = pick_class(g, classes)
        f = fill(g, cls, {})
        if f is not None:
            return cls, f


def gen_rand(g, n):
    cases = []
    for _ in range(n):
        case = Case([], '', P_MIXED)
        g.case = case
        cls, f = random_word(g, CLASSES)
        case.words, case.form = [cls.encode(f)], cls.form(f)
        case.profile = g.r.choice(cls.profiles)
        setup(g, case)
        cases.append(case)
    return cases


def gen_seq(g, n):
    cases = []
    g.pool = [0, 1, 2, 3]
    for _ in range(n):
        case = Case([], '', g.r.choice(SIMD_PROFILES))
        g.case = case
        g.shared = {}
        for _ in range(2 + g.r.below(5)):
            k = g.r.below(8)
            cls, f = random_word(g, FLAG_CLASSES if k < 1 else MEM_CLASSES if k < 2
                                 else CLASSES)
            case.words.append(cls.encode(f))
        case.form = 'seq'
        setup(g, case)
        cases.append(case)
    return cases


def write(path, mode, scale, cases):
    forms = {}
    o = ['/* Generated by a64_gen.py %s %d: do not edit. */' % (mode, scale),
         '\t.text', '\t.p2align 2']
    for i, c in enumerate(cases):
        o.append('s%d:' % i)
        o += ['\t.inst 0x%08x' % w for w in c.words]
        o.append('\tret')
    o.append('\t.section .rodata')
    for c in cases:
        if c.form not in forms:
            forms[c.form] = 'f%d' % len(forms)
            o.append('%s:\t.asciz %s' % (forms[c.form], fuzzlib.c_string(c.form)))
    o += ['\t.p2align 3', '\t.global a64_cases', 'a64_cases:']
    for i, c in enumerate(cases):
        regs = [0xff] * 4
        vals = [0] * 4
        based = 0
        for k, (reg, val, b) in enumerate(c.fixed):
            regs[k], vals[k] = reg, val & ((1 << 64) - 1)
            based |= b << k
        o.append('\t.quad s%d, %s' % (i, forms[c.form]))
        o.append('\t.word %d, 0x%08x, 0x%08x, 0x%08x, %d, %d' % (
            len(c.words), c.nzcv, c.fpcr, c.fpsr, c.profile, based))
        o.append('\t.byte %s' % ', '.join(str(r) for r in regs))
        o.append('\t.word 0')
        o.append('\t.quad %s' % ', '.join('0x%x' % v for v in vals))
    o += ['\t.global a64_count', '\t.p2align 2', 'a64_count:', '\t.word %d' % len(cases)]
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(o) + '\n')


def main():
    mode, scale, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    g = Gen(fuzzlib.Rng(SEEDS[mode] + scale - 1))
    if mode == 'enum':
        cases = []
        for _ in range(scale):
            cases += gen_enum(g, CLASSES)
    elif mode == 'mem':
        cases = []
        for _ in range(scale):
            cases += gen_enum(g, MEM_CLASSES)
    elif mode == 'rand':
        cases = gen_rand(g, RAND_CASES * scale)
    else:
        cases = gen_seq(g, SEQ_CASES * scale)
    write(path, mode, scale, cases)


if __name__ == '__main__':
    main()
