"""Shared pieces of the isa-fuzz generators: a seeded PRNG and the edge-case value pools.

The PRNG is our own xorshift64* rather than Python's `random`, so a given seed produces the
same cases on every Python version and every machine: the suite must run the same
instructions on the same inputs in every build.
"""

MASK64 = (1 << 64) - 1


class Rng:
    """xorshift64* (Vigna): small, fast enough for tens of thousands of cases, and fully
    specified here, so the sequence never depends on the Python release."""

    def __init__(self, seed):
        # A zero state would stay zero forever; mix the seed so nearby seeds diverge.
        self.s = (seed * 0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D) & MASK64 or 1

    def next64(self):
        s = self.s
        s ^= s >> 12
        s ^= (s << 25) & MASK64
        s ^= s >> 27
        self.s = s
        return (s * 0x2545F4914F6CDD1D) & MASK64

    def bits(self, n):
        """n random bits (n <= 64), from the high end where xorshift* is strongest."""
        return self.next64() >> (64 - n) if n else 0

    def below(self, n):
        """Uniform integer in [0, n); the modulo bias is irrelevant for test selection."""
        return self.next64() % n

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def chance(self, num, den):
        """True with probability num/den."""
        return self.below(den) < num


# 32-bit integers where arithmetic, shifts and saturation change behaviour: zero, one,
# the signed limits, all ones, halfword/byte boundaries and shift amounts around 32.
INT_EDGES = [0x00000000, 0x00000001, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x12345678,
             0x00008000, 0xFFFF8000, 0x00007FFF, 0x80008000, 0xFEDCBA98, 0x0000001F,
             0x00000020, 0x00000021, 0x00000100, 0x000000FF]

# APSR inputs: NZCVQ and GE combinations (what `msr APSR_nzcvqg` can set), chosen so every
# condition code is both true and false across the set and Q/GE are seen set and clear.
APSR_EDGES = [0x00000000, 0xF80F0000, 0x20000000, 0x60000000, 0x90050000, 0x10000000,
              0x40000000, 0x80000000, 0x30000000]


def int_value(rng):
    """A 32-bit input: mostly edge cases, some random words, some small signed numbers."""
    r = rng.below(8)
    if r < 4:
        return rng.choice(INT_EDGES)
    if r < 6:
        return rng.bits(32)
    if r < 7:
        return (rng.below(80) - 40) & 0xFFFFFFFF
    # One or two bits set: the carries and sign changes that random words rarely hit.
    v = 1 << rng.below(32)
    return v | (1 << rng.below(32)) if rng.chance(1, 2) else v


def apsr_value(rng):
    """Random NZCVQ and GE bits (the only APSR bits user code can write)."""
    return rng.bits(32) & 0xF80F0000


def c_string(text):
    """A C string literal for text (asm bodies and instruction names)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

