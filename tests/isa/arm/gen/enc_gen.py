#!/usr/bin/env python3
"""Generate enc_cases.S: random instruction encodings with random register and flag inputs,
for enc_main.c to run one case at a time. Modes: a32 / t32 (data-processing, multiply,
saturate, pack, extend, bit-field, APSR-write, load/store (single, dual, multiple)
instructions, T16 included), vfp-a32 /
vfp-t32 (the whole NEON data-processing space, VFP data processing, core <-> VFP/NEON
register transfers), seq-a32 / seq-t32 (runs of 2-8 instructions of the a32/t32 classes,
with T32 IT blocks of up to four, so flags and registers flow between instructions the
way the JIT's optimizer and register allocator see them in real code).

Encodings are built field by field per instruction class (random fields, registers picked
by the class's rules), not drawn as random words: random words are mostly loads, stores and
branches, and the ones left over are dominated by UNPREDICTABLE forms.

EXCLUSION RULES (the ARMv7-A ARM leaves these UNPREDICTABLE, and real cores, qemu and
crossrun may all legitimately do different things; everything else is generated, including
encodings the architecture defines as UNDEFINED, which must raise SIGILL everywhere):
  E1  should-be-zero / should-be-one fields, written (0) and (1) in the ARM ARM, always
      hold their required value (qemu treats a wrong one as UNDEFINED, a core may ignore it);
  E2  no register operand is SP (its value differs between emulators anyway) and no
      destination is SP, LR or PC (those are branches or exception returns); LR is a
      source only of STM (it holds the return address into the driver);
  E3  PC is a source only where the encoding defines it: A32 data-processing (immediate and
      immediate-shifted register) operands, T32 ADR, and T16 ADD/MOV high-register Rm;
  E4  long multiplies never have RdHi == RdLo;
  E5  bit-field instructions keep lsb + width <= 32 (SBFX/UBFX) and msb >= lsb (BFI/BFC);
  E6  T32 REV/REV16/RBIT/REVSH/CLZ repeat Rm in the Rn field, as the encoding requires;
  E7  T32 modified immediates never have the UNPREDICTABLE zero-byte replication forms;
  E8  T16 CMP of two low registers through the high-register encoding, MOVS Rd, Rm (LSL #0)
      inside an IT block, and MSR with an empty field mask are not generated;
  E9  T32 MLS and SMMLS always have an accumulator (Ra == PC is not another instruction
      there, unlike MLA/SMMLA, but UNPREDICTABLE);
  E10 A32 conditions are 0..14 (15 is the unconditional space, other instructions); IT
      conditions 0..14 for one instruction, 0..13 for longer blocks (an else-AL slot is
      UNPREDICTABLE);
  E11 UNDEFINED encodings are always unconditional (AL, no IT): whether one that fails its
      condition traps or does nothing is IMPLEMENTATION DEFINED (so VFP/NEON cases, drawn
      from spaces full of UNDEFINED encodings, are all unconditional);
  E12 VTBL/VTBX register lists end at D31;
  E13 VSWP/VTRN/VUZP/VZIP never have Vd == Vm;
  E14 VFP fixed-point conversions of 16-bit values have at most 16 fraction bits;
  E15 loads and stores address enc_main.c's buffer only (its base register is set to point
      into it, index registers hold small values, no ROR/RRX index): addresses outside the
      program image are mapped differently under each emulator; multi-word accesses are
      word aligned (Linux fixes unaligned ones up, qemu faults); memory classes are single-
      instruction cases only, as an earlier instruction could move the base;
  E16 no writeback with Rn == Rt (or Rt2), no PC as base, data or index register, no A32
      LDRD/STRD post-indexed with W=1, LDRD Rt even below r12 and index not Rt/Rt2;
  E17 LDM/STM lists are non-empty (two or more in T32), without SP/PC, LR only stored, the
      base not in the list when written back (T16 STM: only as the lowest register).
The UDF classes also produce the Linux breakpoint encodings (A32 UDF 0xe7f001f0, T16 UDF
0xde01, T32 0xf7f0a000), which raise SIGTRAP rather than SIGILL, as the kernel and
qemu-arm do.

usage: enc_gen.py a32|t32|vfp-a32|vfp-t32|seq-a32|seq-t32 SCALE OUT.S
       (cases = 20000 * SCALE)
"""
import sys

import fuzzlib

SEEDS = {'a32': 0xA32E2C, 't32': 0x7E32E2C,    # fixed: same cases in every build
         'vfp-a32': 0xF9A32, 'vfp-t32': 0xF97E32, 'seq-a32': 0x5E0A32, 'seq-t32': 0x5E07E32}
CASES_PER_SCALE = 20000

LOW = list(range(8))
DST = list(range(13))           # r0-r12 (E2)
SRC = list(range(13))           # sources; PC added where the encoding allows it (E3)
INDEX_VALUES = [0, 1, 2, 3, 4, 7, 8, 12, 16, 64, 100, 255]   # index registers (E15)


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.undefined = False      # set by a class that produced an UNDEFINED encoding
        self.in_sequence = False    # generating one instruction of a multi-instruction case
        self.fixed = {}             # register -> input value a memory class needs
        self.based = set()          # registers whose input is an offset into the buffer

    def bits(self, n):
        return self.r.bits(n)

    def reg(self, choices=DST):
        return self.r.choice(choices)

    def src_or_pc(self):
        """A source register, PC one time in eight (E3: caller checks it is allowed)."""
        return 15 if self.r.chance(1, 8) else self.reg(SRC)

    def two_dsts(self):
        """Distinct RdLo, RdHi (E4)."""
        lo = self.reg()
        hi = self.r.choice([x for x in DST if x != lo])
        return lo, hi

    def cond(self):
        """Mostly AL, so most cases execute (E10: never 15)."""
        return 14 if self.r.chance(2, 3) else self.r.below(15)

    def mem_base(self, align, choices=DST):
        """A base register pointing near the middle of enc_main.c's 16 KiB buffer (E15)."""
        r = self.r.choice(choices)
        self.fixed[r] = ((self.r.below(33) - 16) * align) & 0xFFFFFFFF
        self.based.add(r)
        return r

    def mem_index(self, avoid, mult=1, choices=DST):
        """An index register other than the base, holding a small non-negative value so the
        address stays inside the buffer (E15)."""
        r = self.r.choice([x for x in choices if x not in avoid])
        self.fixed[r] = self.r.choice(INDEX_VALUES) * mult
        self.based.discard(r)
        return r

    def other(self, avoid, choices=DST):
        return self.r.choice([x for x in choices if x not in avoid])

    def rare(self):
        """Whether to produce one of a class's UNDEFINED encodings this time; the case is
        then made unconditional (E11). Never inside sequences, where a trap would hide the
        instructions around it."""
        if not self.in_sequence and self.r.chance(1, 16):
            self.undefined = True
        return self.undefined


# ---------------------------------------------------------------- A32 classes
# Each returns a 32-bit word; `g` supplies the random choices.

def a32_dp_imm(g):
    opc, s, imm12 = g.bits(4), g.bits(1), g.bits(12)
    rd, rn = g.reg(), g.src_or_pc()
    if 8 <= opc <= 11:          # TST TEQ CMP CMN: S=1 (S=0 is MOVW/MOVT/MSR), Rd SBZ (E1)
        s, rd = 1, 0
    if opc in (13, 15):         # MOV MVN: Rn SBZ (E1)
        rn = 0
    return g.cond() << 28 | 1 << 25 | opc << 21 | s << 20 | rn << 16 | rd << 12 | imm12


def a32_dp_reg(g):
    opc, s, imm5, typ = g.bits(4), g.bits(1), g.bits(5), g.bits(2)
    rd, rn, rm = g.reg(), g.src_or_pc(), g.src_or_pc()
    if 8 <= opc <= 11:          # S=0 here is the miscellaneous space (MRS, BX, CLZ, ...)
        s, rd = 1, 0
    if opc in (13, 15):
        rn = 0
    return (g.cond() << 28 | opc << 21 | s << 20 | rn << 16 | rd << 12 | imm5 << 7 |
            typ << 5 | rm)


def a32_dp_rsr(g):
    """Register-shifted register: any PC operand is UNPREDICTABLE (E3)."""
    opc, s, typ = g.bits(4), g.bits(1), g.bits(2)
    rd, rn, rs, rm = g.reg(), g.reg(SRC), g.reg(SRC), g.reg(SRC)
    if 8 <= opc <= 11:
        s, rd = 1, 0
    if opc in (13, 15):
        rn = 0
    return (g.cond() << 28 | opc << 21 | s << 20 | rn << 16 | rd << 12 | rs << 8 |
            typ << 5 | 1 << 4 | rm)


def a32_movw_movt(g):
    return (g.cond() << 28 | 0x30 << 20 | g.bits(1) << 22 | g.bits(4) << 16 |
            g.reg() << 12 | g.bits(12))


def a32_multiply(g):
    """MUL MLA UMAAL MLS UMULL UMLAL SMULL SMLAL (UMAAL and MLS with S=1 are UNDEFINED)."""
    op, s = g.bits(3), g.bits(1)
    rm, rn = g.reg(SRC), g.reg(SRC)
    if op in (2, 3) and not g.rare():
        s = 0
    if op >= 4 or op == 2:      # long: RdHi in 19-16, RdLo in 15-12 (E4)
        lo, hi = g.two_dsts()
    else:
        hi, lo = g.reg(), (0 if op == 0 else g.reg(SRC))   # MUL: Ra SBZ (E1)
    return (g.cond() << 28 | op << 21 | s << 20 | hi << 16 | lo << 12 | rm << 8 |
            0x9 << 4 | rn)


def a32_halfword_multiply(g):
    """SMLAxy SMLAWy SMULWy SMLALxy SMULxy."""
    op, y, x = g.bits(2), g.bits(1), g.bits(1)
    rm, rn = g.reg(SRC), g.reg(SRC)
    if op == 2:
        lo, hi = g.two_dsts()
        rd, ra = hi, lo
    else:
        rd = g.reg()
        ra = 0 if op == 3 or (op == 1 and x) else g.reg(SRC)   # SMUL*: Ra SBZ (E1)
    return (g.cond() << 28 | 0x10 << 20 | op << 21 | rd << 16 | ra << 12 | rm << 8 |
            1 << 7 | y << 6 | x << 5 | rn)


def a32_saturating(g):
    """QADD QSUB QDADD QDSUB; bits 11-8 SBZ (E1)."""
    return (g.cond() << 28 | 0x10 << 20 | g.bits(2) << 21 | g.reg(SRC) << 16 |
            g.reg() << 12 | 0x5 << 4 | g.reg(SRC))


def a32_clz(g):
    return g.cond() << 28 | 0x016F0F10 | g.reg() << 12 | g.reg(SRC)


def a32_msr(g):
    """MSR APSR_<fields>, Rn or #imm; mask never empty (E8). Changes only the APSR."""
    mask = 1 + g.r.below(3)
    if g.r.chance(1, 2):
        return g.cond() << 28 | 0x0120F000 | mask << 18 | g.reg(SRC)
    return g.cond() << 28 | 0x0320F000 | mask << 18 | g.bits(12)


def a32_parallel(g):
    """Signed/unsigned parallel add and subtract; op1 000/100 and op2 101/110 UNDEFINED."""
    op1 = g.r.choice([1, 2, 3, 5, 6, 7]) if not g.rare() else g.r.choice([0, 4])
    op2 = g.r.choice([0, 1, 2, 3, 4, 7]) if not g.rare() else g.r.choice([5, 6])
    return (g.cond() << 28 | 0x6 << 24 | op1 << 20 | g.reg(SRC) << 16 | g.reg() << 12 |
            0xF << 8 | op2 << 5 | 1 << 4 | g.reg(SRC))


def a32_pack_sat_extend(g):
    """PKH, SSAT/USAT(16), SXTA*/UXTA* (and SXT*/UXT* with Rn = PC), SEL, REV*, RBIT."""
    c, rd, rm, rn = g.cond() << 28, g.reg(), g.reg(SRC), g.reg(SRC)
    k = g.r.below(7)
    if k == 0:   # PKHBT / PKHTB
        return c | 0x06800010 | rn << 16 | rd << 12 | g.bits(5) << 7 | g.bits(1) << 6 | rm
    if k == 1:   # SSAT / USAT
        return (c | 0x06A00010 | g.bits(1) << 22 | g.bits(5) << 16 | rd << 12 |
                g.bits(5) << 7 | g.bits(1) << 6 | rn)
    if k == 2:   # SSAT16 / USAT16, bits 11-8 SBO (E1)
        return c | 0x06A00F30 | g.bits(1) << 22 | g.bits(4) << 16 | rd << 12 | rn
    if k == 3:   # extend and add; op 001 and 101 are other instructions
        op = g.r.choice([0, 2, 3, 4, 6, 7])
        rn = 15 if g.r.chance(1, 3) else rn
        return c | 0x06800070 | op << 20 | rn << 16 | rd << 12 | g.bits(2) << 10 | rm
    if k == 4:   # SEL
        return c | 0x06800FB0 | rn << 16 | rd << 12 | rm
    # REV REV16 RBIT REVSH (SBO fields E1)
    return c | 0x06BF0F30 | g.bits(1) << 22 | g.bits(1) << 7 | rd << 12 | rm


def a32_signed_multiply(g):
    """SMLAD SMUAD SMLSD SMUSD SMLALD SMLSLD SMMLA SMMUL SMMLS SDIV UDIV."""
    c, rd, rm, rn = g.cond() << 28, g.reg(), g.reg(SRC), g.reg(SRC)
    k = g.r.below(5)
    if k == 0:   # SMLAD/SMLSD, Ra = PC makes them SMUAD/SMUSD
        ra = 15 if g.r.chance(1, 3) else g.reg(SRC)
        return (c | 0x07000010 | rd << 16 | ra << 12 | rm << 8 | g.bits(1) << 6 |
                g.bits(1) << 5 | rn)
    if k == 1:   # SMLALD/SMLSLD (E4)
        lo, hi = g.two_dsts()
        return (c | 0x07400010 | hi << 16 | lo << 12 | rm << 8 | g.bits(1) << 6 |
                g.bits(1) << 5 | rn)
    if k == 2:   # SMMLA/SMMUL (Ra = PC)
        ra = 15 if g.r.chance(1, 3) else g.reg(SRC)
        return c | 0x07500010 | rd << 16 | ra << 12 | rm << 8 | g.bits(1) << 5 | rn
    if k == 3:   # SMMLS
        return c | 0x075000D0 | rd << 16 | g.reg(SRC) << 12 | rm << 8 | g.bits(1) << 5 | rn
    # SDIV/UDIV, bits 15-12 SBO (E1)
    return c | 0x0710F010 | g.bits(1) << 21 | rd << 16 | rm << 8 | rn


def a32_usad_bitfield(g):
    """USAD8/USADA8, SBFX/UBFX, BFI/BFC (E5)."""
    c, rd, rn = g.cond() << 28, g.reg(), g.reg(SRC)
    k = g.r.below(3)
    if k == 0:
        ra = 15 if g.r.chance(1, 2) else g.reg(SRC)
        return c | 0x07800010 | rd << 16 | ra << 12 | g.reg(SRC) << 8 | rn
    lsb = g.r.below(32)
    if k == 1:
        widthm1 = g.r.below(32 - lsb)
        return (c | 0x07A00050 | g.bits(1) << 22 | widthm1 << 16 | rd << 12 | lsb << 7 |
                rn)
    msb = lsb + g.r.below(32 - lsb)
    rn = 15 if g.r.chance(1, 3) else rn        # BFC
    return c | 0x07C00010 | msb << 16 | rd << 12 | lsb << 7 | rn


# The Linux breakpoints: A32 UDF #16 (any condition), T16 UDF #1, T32 0xf7f0a000.
A32_BREAKPOINT, T16_BREAKPOINT, T32_BREAKPOINT = 0xE7F001F0, 0xDE01, 0xF7F0A000


def a32_udf(g):
    """UDF: permanently UNDEFINED (only with AL; other conditions are UNPREDICTABLE)."""
    g.undefined = True
    return 0xE7F000F0 | g.bits(12) << 8 | g.bits(4) if g.bits(2) else A32_BREAKPOINT


def a32_load_store(g):
    """LDR/STR/LDRB/STRB and the unprivileged LDRT.. forms: immediate or scaled register
    offset, offset/pre-indexed/post-indexed (E15, E16)."""
    p, u, b, w, l = g.bits(1), g.bits(1), g.bits(1), g.bits(1), g.bits(1)
    n = g.mem_base(1)
    t = g.other({n}) if p == 0 or w else g.reg()
    if g.bits(1):   # register: LSL #0-3, LSR or ASR (a ROR could rotate out of the buffer)
        m = g.mem_index({n})
        typ = g.r.below(3)
        imm5 = g.r.below(4) if typ == 0 else g.bits(5)
        return (g.cond() << 28 | 0x06000000 | p << 24 | u << 23 | b << 22 | w << 21 |
                l << 20 | n << 16 | t << 12 | imm5 << 7 | typ << 5 | m)
    return (g.cond() << 28 | 0x04000000 | p << 24 | u << 23 | b << 22 | w << 21 | l << 20 |
            n << 16 | t << 12 | g.bits(12))


def a32_extra_load_store(g):
    """LDRH/STRH/LDRSB/LDRSH (P=0 W=1: the unprivileged forms) and LDRD/STRD (E15, E16)."""
    p, u, w, l, reg_form = g.bits(1), g.bits(1), g.bits(1), g.bits(1), g.bits(1)
    op2 = 1 + g.r.below(3)          # 01 H; 10 SB or LDRD; 11 SH or STRD
    if l == 0 and op2 >= 2:         # doubleword: word aligned, even Rt below r12
        if p == 0:
            w = 0                   # P=0 W=1 is UNPREDICTABLE here
        wback = p == 0 or w
        n = g.mem_base(4)
        t = g.r.choice([x for x in range(0, 12, 2) if not wback or n not in (x, x + 1)])
        if reg_form:
            m = g.mem_index({n, t, t + 1}, 4)
            hi, lo = 0, m
        else:
            imm = g.r.below(64) * 4
            hi, lo = imm >> 4, imm & 15
    else:
        n = g.mem_base(1)
        t = g.other({n}) if p == 0 or w else g.reg()
        if reg_form:
            hi, lo = 0, g.mem_index({n})
        else:
            hi, lo = g.bits(4), g.bits(4)
    return (g.cond() << 28 | p << 24 | u << 23 | (1 - reg_form) << 22 | w << 21 | l << 20 |
            n << 16 | t << 12 | hi << 8 | 1 << 7 | op2 << 5 | 1 << 4 | lo)


def random_list(g, regs, at_least):
    """A random register list (as a mask) of at least `at_least` of `regs`."""
    while True:
        mask = sum(1 << r for r in regs if g.r.chance(1, 3))
        if bin(mask).count('1') >= at_least:
            return mask


def a32_ldm_stm(g):
    """LDM/STM IA/IB/DA/DB with and without writeback; no SP or PC in the list, LR only
    stored (E2); with writeback the base is not in the list (E17)."""
    p, u, w, l = g.bits(1), g.bits(1), g.bits(1), g.bits(1)
    n = g.mem_base(4)
    regs = [r for r in DST if not (w and r == n)] + ([14] if not l else [])
    return (g.cond() << 28 | 0x08000000 | p << 24 | u << 23 | w << 21 | l << 20 | n << 16 |
            random_list(g, regs, 1))


A32_CLASSES = [  # (weight, generator)
    (6, a32_dp_imm), (6, a32_dp_reg), (4, a32_dp_rsr), (1, a32_movw_movt),
    (3, a32_multiply), (2, a32_halfword_multiply), (1, a32_saturating), (1, a32_clz),
    (1, a32_msr), (3, a32_parallel), (3, a32_pack_sat_extend), (2, a32_signed_multiply),
    (2, a32_usad_bitfield), (1, a32_udf),
]
A32_MEMORY = [(3, a32_load_store), (3, a32_extra_load_store), (2, a32_ldm_stm)]


# ---------------------------------------------------------------- T32 classes
# 16-bit encodings are returned as a halfword, 32-bit ones as hw1 << 16 | hw2.

def t16_shift_imm(g, in_it):
    op, imm5 = g.r.below(3), g.bits(5)
    if in_it and op == 0 and imm5 == 0:   # MOVS Rd, Rm inside IT (E8)
        imm5 = 1 + g.r.below(31)
    return op << 11 | imm5 << 6 | g.reg(LOW) << 3 | g.reg(LOW)


def t16_add_sub3(g, in_it):
    return 0x1800 | g.bits(2) << 9 | g.bits(3) << 6 | g.reg(LOW) << 3 | g.reg(LOW)


def t16_imm8(g, in_it):
    return 0x2000 | g.bits(2) << 11 | g.reg(LOW) << 8 | g.bits(8)


def t16_alu(g, in_it):
    return 0x4000 | g.bits(4) << 6 | g.reg(LOW) << 3 | g.reg(LOW)


def t16_high(g, in_it):
    """ADD/CMP/MOV with high registers: no SP (E2), no PC destination; CMP needs a high
    register and no PC (E8); PC as the ADD/MOV source reads the instruction address + 4."""
    op = g.r.below(3)
    if op == 1:
        while True:
            n, m = g.reg(), g.reg()
            if n >= 8 or m >= 8:
                break
    else:
        n, m = g.reg(), g.src_or_pc()
    return 0x4400 | op << 8 | (n >> 3) << 7 | m << 3 | (n & 7)


def t16_adr(g, in_it):
    return 0xA000 | g.reg(LOW) << 8 | g.bits(8)


def t16_extend_rev(g, in_it):
    if g.r.chance(1, 2):
        return 0xB200 | g.bits(2) << 6 | g.reg(LOW) << 3 | g.reg(LOW)
    return 0xBA00 | g.r.choice([0, 1, 3]) << 6 | g.reg(LOW) << 3 | g.reg(LOW)


def t16_udf(g, in_it):
    g.undefined = True
    if g.bits(2):
        return 0xDE00 | g.bits(8)
    return g.r.choice([T16_BREAKPOINT, T32_BREAKPOINT])


def t32(hw1, hw2):
    return hw1 << 16 | hw2


def thumb_imm12(g):
    """i:imm3:imm8 avoiding the UNPREDICTABLE replication of a zero byte (E7)."""
    while True:
        imm = g.bits(12)
        if not (imm >> 10 == 0 and (imm >> 8) & 3 and imm & 0xFF == 0):
            return imm


def t32_dp_modimm(g, in_it):
    """AND/TST BIC ORR/MOV ORN/MVN EOR/TEQ ADD/CMN ADC SBC SUB/CMP RSB; other ops UNDEFINED."""
    valid = [0, 1, 2, 3, 4, 8, 10, 11, 13, 14]
    op = g.r.choice(valid) if not g.rare() else g.r.choice([5, 6, 7, 9, 12, 15])
    s, rd, rn = g.bits(1), g.reg(), g.reg(SRC)
    if op in (0, 4, 8, 13) and g.r.chance(1, 4):
        rd, s = 15, 1                            # the compare forms
    if op in (2, 3) and g.r.chance(1, 3):
        rn = 15                                  # MOV / MVN
    imm = thumb_imm12(g)
    return t32(0xF000 | (imm >> 11) << 10 | op << 5 | s << 4 | rn,
               ((imm >> 8) & 7) << 12 | rd << 8 | (imm & 0xFF))


def t32_dp_plainimm(g, in_it):
    """ADDW/ADR, MOVW, SUBW/ADR, MOVT, SSAT(16), USAT(16), SBFX, UBFX, BFI/BFC (E1, E5)."""
    rd, rn = g.reg(), g.reg(SRC)
    k = g.r.below(8)
    if k == 0:   # ADDW / SUBW; Rn = PC is ADR
        rn = 15 if g.r.chance(1, 3) else rn
        op = g.r.choice([0x00, 0x0A])
        imm = g.bits(12)
        return t32(0xF200 | (imm >> 11) << 10 | op << 4 | rn,
                   ((imm >> 8) & 7) << 12 | rd << 8 | (imm & 0xFF))
    if k == 1:   # MOVW / MOVT
        imm = g.bits(16)
        op = g.r.choice([0x04, 0x0C])
        return t32(0xF200 | ((imm >> 11) & 1) << 10 | op << 4 | imm >> 12,
                   ((imm >> 8) & 7) << 12 | rd << 8 | (imm & 0xFF))
    if k in (2, 3):   # SSAT / USAT, shift LSL or ASR #1-31 (ASR #0 is SSAT16)
        sh = g.bits(1)
        amount = g.bits(5) if not sh else 1 + g.r.below(31)
        op = (0x18 if k == 3 else 0x10) | sh << 1
        return t32(0xF300 | (op & 0xF) << 4 | rn,
                   (amount >> 2) << 12 | rd << 8 | (amount & 3) << 6 | g.bits(5))
    if k == 4:   # SSAT16 / USAT16
        op = g.r.choice([0x12, 0x1A])
        return t32(0xF300 | (op & 0xF) << 4 | rn, rd << 8 | g.bits(4))
    lsb = g.r.below(32)
    if k in (5, 6):   # SBFX / UBFX
        op = 0x14 if k == 5 else 0x1C
        widthm1 = g.r.below(32 - lsb)
        return t32(0xF300 | (op & 0xF) << 4 | rn,
                   (lsb >> 2) << 12 | rd << 8 | (lsb & 3) << 6 | widthm1)
    msb = lsb + g.r.below(32 - lsb)               # BFI / BFC
    rn = 15 if g.r.chance(1, 3) else rn
    return t32(0xF360 | rn, (lsb >> 2) << 12 | rd << 8 | (lsb & 3) << 6 | msb)


def t32_dp_shifted(g, in_it):
    """Shifted-register data processing and PKH (S=1 or T=1 UNDEFINED); others UNDEFINED."""
    valid = [0, 1, 2, 3, 4, 6, 8, 10, 11, 13, 14]
    op = g.r.choice(valid) if not g.rare() else g.r.choice([5, 7, 9, 12, 15])
    s, rd, rn, rm = g.bits(1), g.reg(), g.reg(SRC), g.reg(SRC)
    imm5, typ = g.bits(5), g.bits(2)
    if op in (0, 4, 8, 13) and g.r.chance(1, 4):
        rd, s = 15, 1
    if op in (2, 3) and g.r.chance(1, 3):
        rn = 15
    if op == 6 and not g.rare():                  # PKHBT/PKHTB: S=0, T=0
        s, typ = 0, typ & 2
    return t32(0xEA00 | op << 5 | s << 4 | rn,
               (imm5 >> 2) << 12 | rd << 8 | (imm5 & 3) << 6 | typ << 4 | rm)


def t32_dp_register(g, in_it):
    """Register shifts, extend(-and-add), parallel add/sub, QADD.., REV.., SEL, CLZ."""
    rd, rn, rm = g.reg(), g.reg(SRC), g.reg(SRC)
    k = g.r.below(4)
    if k == 0:   # LSL LSR ASR ROR (register), S random
        return t32(0xFA00 | g.bits(3) << 4 | rn, 0xF000 | rd << 8 | rm)
    if k == 1:   # extends; op 110/111 UNDEFINED; Rn = PC is the plain extend; bit 6 SBZ
        op = g.r.below(6) if not g.rare() else g.r.choice([6, 7])
        rn = 15 if g.r.chance(1, 3) else rn
        return t32(0xFA00 | op << 4 | rn, 0xF080 | rd << 8 | g.bits(2) << 4 | rm)
    if k == 2:   # parallel add/sub: op1 011/111 and op2 11 UNDEFINED
        op1 = g.r.choice([0, 1, 2, 4, 5, 6]) if not g.rare() else g.r.choice([3, 7])
        op2 = g.r.below(3) if not g.rare() else 3
        return t32(0xFA80 | op1 << 4 | rn, 0xF000 | rd << 8 | g.bits(1) << 6 | op2 << 4 | rm)
    # miscellaneous: (op1, op2) pairs; REV.. and CLZ repeat Rm as Rn (E6)
    op1, op2 = g.r.choice([(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1), (1, 2), (1, 3),
                           (2, 0), (3, 0)])
    if op1 in (1, 3):
        rn = rm
    return t32(0xFA80 | op1 << 4 | rn, 0xF080 | rd << 8 | op2 << 4 | rm)


def t32_multiply(g, in_it):
    """MLA/MUL MLS SMLAxy/SMULxy SMLAD/SMUAD SMLAWy/SMULWy SMLSD/SMUSD SMMLA/SMMUL SMMLS
    USADA8/USAD8; Ra = PC selects the non-accumulating form (E9: not for MLS, SMMLS)."""
    op1 = g.bits(3)
    rd, rn, rm = g.reg(), g.reg(SRC), g.reg(SRC)
    ra = 15 if g.r.chance(1, 3) else g.reg(SRC)
    if op1 == 0:
        op2 = g.bits(1)
        if op2 == 1:
            ra = g.reg(SRC)
    elif op1 == 1:
        op2 = g.bits(2)
    elif op1 == 7:
        op2 = 0
    else:
        op2 = g.bits(1)
        if op1 == 6:
            ra = g.reg(SRC)
    if op1 != 1 and g.rare():                     # op2 values no instruction has: UNDEFINED
        op2 = 1 if op1 == 7 else 2
    return t32(0xFB00 | op1 << 4 | rn, ra << 12 | rd << 8 | op2 << 4 | rm)


def t32_long_multiply(g, in_it):
    """SMULL SDIV UMULL UDIV SMLAL SMLALxy SMLALD SMLSLD UMLAL UMAAL (E4)."""
    rn, rm = g.reg(SRC), g.reg(SRC)
    lo, hi = g.two_dsts()
    op1, op2 = g.r.choice([(0, 0), (1, 15), (2, 0), (3, 15), (4, 0), (4, 8), (4, 9),
                           (4, 10), (4, 11), (4, 12), (4, 13), (5, 12), (5, 13), (6, 0),
                           (6, 6)])
    if op1 in (1, 3):                             # SDIV/UDIV: Rd in 11-8, 15-12 SBO (E1)
        lo = 15
    return t32(0xFB80 | op1 << 4 | rn, lo << 12 | hi << 8 | op2 << 4 | rm)


def t32_msr(g, in_it):
    """MSR APSR_<fields>, Rn with a non-empty mask (E8)."""
    return t32(0xF380 | g.reg(SRC), 0x8000 | (1 + g.r.below(3)) << 10)


def t32_load_store(g, in_it):
    """LDR/STR/LDRB/STRB/LDRH/STRH/LDRSB/LDRSH: positive 12-bit offset, 8-bit offset with
    P/U/W (P=1 U=1 W=0: the unprivileged forms), or register LSL #0-3 (E15, E16)."""
    size, l = g.r.below(3), g.bits(1)
    sign = l and size < 2 and g.bits(1)
    n = g.mem_base(1)
    hw1 = 0xF800 | sign << 8 | size << 5 | l << 4 | n
    form = g.r.below(3)
    if form == 0:
        return t32(hw1 | 1 << 7, g.reg() << 12 | g.bits(12))
    if form == 1:
        p, w = g.r.choice([(1, 0), (1, 1), (0, 1)])    # P=0 W=0 is UNDEFINED
        t = g.other({n}) if w else g.reg()
        return t32(hw1, t << 12 | 1 << 11 | p << 10 | g.bits(1) << 9 | w << 8 | g.bits(8))
    m = g.mem_index({n})
    return t32(hw1, g.reg() << 12 | g.r.below(4) << 4 | m)


def t32_load_store_dual(g, in_it):
    """LDRD/STRD with an 8-bit word offset, offset/pre/post-indexed (E15, E16)."""
    p, w = g.r.choice([(1, 0), (1, 1), (0, 1)])        # P=0 W=0 is LDREX and friends
    l = g.bits(1)
    n = g.mem_base(4)
    t = g.other({n}) if w else g.reg()
    t2 = g.other({n, t}) if w else g.other({t})
    return t32(0xE840 | p << 8 | g.bits(1) << 7 | w << 5 | l << 4 | n,
               t << 12 | t2 << 8 | g.bits(8))


def t32_ldm_stm(g, in_it):
    """LDM (IA) / LDMDB / STM / STMDB with at least two registers, no SP or PC, LR only
    stored, the base not in the list with writeback (E2, E17)."""
    db, w, l = g.bits(1), g.bits(1), g.bits(1)
    n = g.mem_base(4)
    regs = [r for r in DST if not (w and r == n)] + ([14] if not l else [])
    return t32((0xE900 if db else 0xE880) | w << 5 | l << 4 | n, random_list(g, regs, 2))


def t16_load_store(g, in_it):
    """T16 LDR/STR(B/H) with a 5-bit offset, and the register-offset forms (E15)."""
    n = g.mem_base(1, LOW)
    k = g.r.below(4)
    if k < 3:   # word, byte, halfword with immediate offset
        return (0x6000, 0x7000, 0x8000)[k] | g.bits(1) << 11 | g.bits(5) << 6 | n << 3 | g.reg(LOW)
    m = g.mem_index({n}, 1, LOW)
    return 0x5000 | g.bits(3) << 9 | m << 6 | n << 3 | g.reg(LOW)


def t16_ldm_stm(g, in_it):
    """T16 LDM (writeback unless the base is loaded) and STM (writeback; the base may only
    be the lowest register of the list) (E17)."""
    l = g.bits(1)
    n = g.mem_base(4, LOW)
    while True:
        mask = random_list(g, LOW, 1)
        if l or not mask & (1 << n) or mask & ((1 << n) - 1) == 0:
            return 0xC000 | l << 11 | n << 8 | mask


T32_CLASSES = [
    (2, t16_shift_imm), (2, t16_add_sub3), (2, t16_imm8), (3, t16_alu), (2, t16_high),
    (1, t16_adr), (1, t16_extend_rev), (1, t16_udf),
    (5, t32_dp_modimm), (4, t32_dp_plainimm), (5, t32_dp_shifted), (5, t32_dp_register),
    (4, t32_multiply), (3, t32_long_multiply), (1, t32_msr),
]
T32_MEMORY = [(2, t16_load_store), (1, t16_ldm_stm), (3, t32_load_store),
              (2, t32_load_store_dual), (2, t32_ldm_stm)]


# ---------------------------------------------------------------- VFP and NEON classes
# Built in A32 form and always unconditional (E11: many of these random encodings are
# UNDEFINED); to_t32() gives the same instruction's T32 encoding.

def neon_data_processing(g):
    """Any encoding of the Advanced SIMD data-processing space, 1111 001U + 24 random bits,
    except where the result is UNPREDICTABLE (E12, E13)."""
    enc = 0xF2000000 | g.bits(1) << 24 | g.bits(24)
    if g.r.chance(7, 8):
        # Q-register forms with odd register numbers are UNDEFINED: tested, but rarely.
        enc &= ~(1 << 16 | 1 << 12 | 1)
    if enc & 0xFFB00C10 == 0xF3B00800:           # VTBL/VTBX: list within D0-D31 (E12)
        length = (enc >> 8 & 3) + 1
        n = (enc >> 7 & 1) << 4 | (enc >> 16 & 15)
        n = min(n, 32 - length)
        enc = enc & ~(1 << 7 | 15 << 16) | (n >> 4) << 7 | (n & 15) << 16
    if enc & 0xFFB30E10 == 0xF3B20000:           # VSWP/VTRN/VUZP/VZIP: Vd != Vm (E13)
        d = (enc >> 22 & 1) << 4 | (enc >> 12 & 15)
        m = (enc >> 5 & 1) << 4 | (enc & 15)
        if d == m:
            m = (m + 2) % 32
            enc = enc & ~(1 << 5 | 15) | (m >> 4) << 5 | (m & 15)
    return enc


def vfp_data_processing(g):
    """Any VFP data-processing encoding (cond AL): 1110 1110 + opc1/Vn/Vd, 101 sz, N op M 0
    Vm random, except fixed-point conversions with more fraction bits than the size (E14)."""
    enc = 0xEE000A00 | g.bits(4) << 20 | g.bits(4) << 16 | g.bits(4) << 12 | g.bits(1) << 8
    enc |= g.bits(3) << 5 | g.bits(4)
    if enc & 0x00BA0040 == 0x00BA0040 and not enc & 0x80:   # VCVT fixed, 16-bit
        imm5 = ((enc & 15) << 1 | (enc >> 5 & 1)) % 17
        enc = enc & ~(15 | 1 << 5) | imm5 >> 1 | (imm5 & 1) << 5
    if enc & 0x00B00040 == 0x00B00000:           # VMOV immediate: bits 7, 5 SBZ (E1)
        enc &= ~(1 << 7 | 1 << 5)
    if enc & 0x00BF0040 == 0x00B50040:           # VCMP(E) with #0: bits 5, 3-0 SBZ (E1)
        enc &= ~(1 << 5 | 15)
    return enc


def vfp_core_transfer(g):
    """VMOV between core registers and S/D registers or scalars, VDUP from a core register,
    VMRS of the FPSCR (to a register or the APSR flags). Reads never have Rt == Rt2 (E4)."""
    k = g.r.below(6)
    if k == 0:   # VMOV Sn <-> Rt
        op = g.bits(1)
        rt = g.reg() if op else g.reg(SRC)
        return 0xEE000A10 | op << 20 | g.bits(4) << 16 | rt << 12 | g.bits(1) << 7
    if k == 1:   # VMOV Dd[x] <- Rt; opc1:opc2 = 0x10 is UNDEFINED
        return (0xEE000B10 | g.bits(2) << 21 | g.bits(4) << 16 | g.reg(SRC) << 12 |
                g.bits(1) << 7 | g.bits(2) << 5)
    if k == 2:   # VMOV Rt <- Dn[x] (U): U with a word is UNDEFINED
        return (0xEE100B10 | g.bits(1) << 23 | g.bits(2) << 21 | g.bits(4) << 16 |
                g.reg() << 12 | g.bits(1) << 7 | g.bits(2) << 5)
    if k == 3:   # VDUP Qd/Dd <- Rt; B:E = 11 is UNDEFINED
        return (0xEE800B10 | g.bits(1) << 22 | g.bits(1) << 21 | g.bits(4) << 16 |
                g.reg(SRC) << 12 | g.bits(1) << 7 | g.bits(1) << 5)
    if k == 4:   # VMOV Rt, Rt2 <-> Dm or two S registers (Sm, Sm+1 with m < 31)
        op, single = g.bits(1), g.bits(1)
        rt, rt2 = g.two_dsts() if op else (g.reg(SRC), g.reg(SRC))
        m = g.r.below(31 if single else 32)
        vm, mbit = (m >> 1, m & 1) if single else (m & 15, m >> 4)
        return (0xEC400A10 | (0 if single else 1 << 8) | op << 20 | rt2 << 16 | rt << 12 |
                mbit << 5 | vm)
    # VMRS Rt, FPSCR (Rt = PC: APSR_nzcv)
    return 0xEEF10A10 | (15 if g.r.chance(1, 3) else g.reg()) << 12


VEC_CLASSES = [(8, neon_data_processing), (5, vfp_data_processing), (2, vfp_core_transfer)]


def to_t32(enc):
    """T32 encoding of an unconditional A32 VFP/NEON encoding: the NEON data-processing
    prefix 1111 001U becomes 111U 1111; coprocessor forms (cond 1110) are identical."""
    if enc >> 25 == 0x79:
        return 0xEF000000 | (enc >> 24 & 1) << 28 | (enc & 0x00FFFFFF)
    return enc


def vec_fpscr(rng):
    """Rounding mode, flush-to-zero, default NaN, alternative half precision, and sometimes
    QC with every cumulative exception flag already set (they must stay set)."""
    v = rng.below(4) << 22 | rng.bits(3) << 24
    return v | (0x0800009F if rng.chance(1, 4) else 0)


def pick(rng, classes):
    total = sum(w for w, _ in classes)
    x = rng.below(total)
    for w, fn in classes:
        if x < w:
            return fn
        x -= w
    raise AssertionError


def it_block(rng, length):
    """An IT instruction for a block of `length` (1-4) with random then/else slots; AL only
    for one instruction (an else-AL slot would be UNPREDICTABLE)."""
    cond = rng.below(15 if length == 1 else 14)
    mask = 1 << (4 - length)                  # the terminating 1 after the slot bits
    for slot in range(1, length):             # slot bit = cond[0] for then, !cond[0] else
        then = rng.chance(1, 2)
        mask |= ((cond & 1) ^ (0 if then else 1)) << (4 - slot)
    return 0xBF00 | cond << 4 | mask


def one_case(g, rng, mode, classes):
    """[(class name, encoding)...] of one case: a single instruction (maybe with an IT in
    front in T32), or in the seq modes 2-8 instructions with IT blocks of up to 4."""
    thumb = mode.endswith('t32')
    if mode.startswith('vfp'):
        fn = pick(rng, classes)
        enc = fn(g)
        return [(fn.__name__, to_t32(enc) if thumb else enc)]
    if not mode.startswith('seq'):
        g.undefined = False
        fn = pick(rng, classes)
        if not thumb:
            enc = fn(g)
            if g.undefined:                       # E11
                enc = enc & 0x0FFFFFFF | 0xE0000000
            return [(fn.__name__, enc)]
        in_it = rng.chance(1, 4)
        enc = fn(g, in_it)
        if in_it and not g.undefined:             # one-instruction IT block (E10, E11)
            return [('it', 0xBF08 | rng.below(15) << 4), (fn.__name__, enc)]
        return [(fn.__name__, enc)]
    # Sequences: no UNDEFINED encodings (rare() is off, UDF classes are not in `classes`).
    g.in_sequence = True
    out, want = [], 2 + rng.below(7)
    while len(out) < want:
        if thumb and rng.chance(1, 3):
            length = 1 + rng.below(4)
            out.append(('it', it_block(rng, length)))
            for _ in range(length):
                fn = pick(rng, classes)
                out.append((fn.__name__, fn(g, True)))
        else:
            fn = pick(rng, classes)
            out.append((fn.__name__, fn(g, False) if thumb else fn(g)))
    g.in_sequence = False
    return out


def main():
    mode, scale, path = sys.argv[1:]
    scale = int(scale)
    rng = fuzzlib.Rng(SEEDS[mode])
    g = Gen(rng)
    thumb = mode.endswith('t32')
    classes = (VEC_CLASSES if mode.startswith('vfp') else T32_CLASSES if thumb
               else A32_CLASSES)
    if mode.startswith('seq'):                    # no UNDEFINED in sequences
        classes = [c for c in classes if c[1] not in (a32_udf, t16_udf)]
    elif mode in ('a32', 't32'):                  # one memory access per case (E15)
        classes = classes + (T32_MEMORY if thumb else A32_MEMORY)
    count = CASES_PER_SCALE * scale
    cases = []
    for _ in range(count):
        g.fixed, g.based = {}, set()
        insns = one_case(g, rng, mode, classes)
        fpscr = vec_fpscr(rng) if mode.startswith('vfp') else 0
        regs = [g.fixed.get(r, fuzzlib.int_value(rng)) for r in range(13)]
        based = sum(1 << r for r in g.based)
        cases.append((insns, fuzzlib.apsr_value(rng), fpscr, regs, based))

    o = ['/* Generated by enc_gen.py %s %d: do not edit. */' % (mode, scale),
         '    .syntax unified', '    .text', '    .thumb' if thumb else '    .arm']
    for n, (insns, _, _, _, _) in enumerate(cases):
        o.append('    .p2align %d' % (1 if thumb else 2))
        o.append('s%d:' % n)
        for _, enc in insns:
            if thumb:
                o.append('    .inst.w 0x%08x' % enc if enc > 0xFFFF else
                         '    .inst.n 0x%04x' % enc)
            else:
                o.append('    .inst 0x%08x' % enc)
        o.append('    .inst.n 0x4770' if thumb else '    .inst 0xe12fff1e')   # bx lr
    # The table: struct enc_case in enc_main.c; a case's form names its classes.
    forms = {}
    o += ['    .section .rodata', '    .p2align 2', '    .global enc_cases', 'enc_cases:']
    for n, (insns, apsr, fpscr, regs, based) in enumerate(cases):
        form = '+'.join(name for name, _ in insns if name != 'it')
        label = forms.setdefault(form, 'f%d' % len(forms))
        o.append('    .word s%d%s, %d, 0x%08x, 0x%08x, 0x%04x' % (
            n, ' + 1' if thumb else '', len(insns), apsr, fpscr, based))
        o.append('    .word ' + ', '.join('0x%08x' % v for v in regs) + ', ' + label)
    o += ['    .global enc_count', 'enc_count:', '    .word %d' % len(cases)]
    for form, label in forms.items():
        o += ['%s:' % label, '    .asciz "%s"' % form]
    o.append('    .section .note.GNU-stack,"",%progbits')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(o) + '\n')


if __name__ == '__main__':
    main()
