/* isa-fuzz (AArch64): input values for V and X registers, drawn from fvalues.h's generator
 * (tests/isa/arm/gen) which the caller seeds per case, so both emulators see the same.
 * A case's profile says what its V registers hold: lanes of one floating-point format
 * with its edge cases, small signed bytes (shift amounts, table indices), integer lane
 * limits, or anything. */
#ifndef ISA_FUZZ_A64_VALUES_H
#define ISA_FUZZ_A64_VALUES_H

#include <stdint.h>

#include "fvalues.h"

enum profile { P_MIXED, P_F32, P_F64, P_F16, P_SMALL, P_INTEDGE, P_RANDOM, P_COUNT };
static const char *const profile_names[P_COUNT] = {
    "mixed", "f32", "f64", "f16", "small", "intedge", "random",
};

/* Half precision: zeros, infinities, quiet and signalling NaNs, the smallest and largest
 * denormals and normals, one, the alternative format's top binade, rounding ties. */
static const uint16_t special16[] = {
    0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7d00, 0x7c01, 0x0001, 0x03ff,
    0x8200, 0x0400, 0x7bff, 0xfbff, 0x3c00, 0xbc00, 0x3555, 0x7fff, 0xffff, 0x5140,
};

static uint16_t value16(void)
{
    uint64_t r = rnd() % 4;
    if (r < 2)
        return special16[rnd() % NUM(special16)];
    if (r < 3)
        return (uint16_t)rnd();
    return (uint16_t)(((rnd() & 0x83ff) | (rnd() % 31) << 10));
}

static uint64_t value_f64(void)
{
    static const uint64_t exps[] = { 0, 1, 0x380, 0x36a, 0x3fe, 0x3ff, 0x400, 0x41e, 0x41f,
                                     0x43e, 0x43f, 0x47f, 0x7fe };
    uint64_t r = rnd() % 4;
    if (r < 2)
        return special64[rnd() % NUM(special64)];
    if (r < 3)
        return (rnd() & 0x800fffffffffffffull) | exps[rnd() % NUM(exps)] << 52;
    /* Few fraction bits: exact results, ties, integers */
    return (rnd() & 0x800f000000000000ull) | exps[rnd() % NUM(exps)] << 52;
}

/* A lane of 8 << size bits at one of its limits, or near them. */
static uint64_t int_edge(unsigned size)
{
    unsigned bits = 8u << size;
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1, top = 1ull << (bits - 1);
    switch (rnd() % 9) {
    case 0: return 0;
    case 1: return 1;
    case 2: return mask;                        /* -1 */
    case 3: return top - 1;                     /* signed max */
    case 4: return top;                         /* signed min */
    case 5: return top + 1;
    case 6: return mask - 1;
    case 7: return (rnd() % 16) << (rnd() % bits) & mask;
    default: return rnd() & mask;
    }
}

/* One 64-bit half of a V register in the given profile. */
static uint64_t vhalf(enum profile p)
{
    uint64_t v = 0;
    switch (p) {
    case P_F32:
        return value32() | (uint64_t)value32() << 32;
    case P_F64:
        return value_f64();
    case P_F16:
        for (int i = 0; i < 4; i++)
            v |= (uint64_t)value16() << (16 * i);
        return v;
    case P_SMALL:
        /* signed bytes around the lane widths: shift counts and table indices */
        for (int i = 0; i < 8; i++)
            v |= (uint64_t)(uint8_t)((int)(rnd() % 145) - 72) << (8 * i);
        return v;
    case P_INTEDGE: {
        unsigned size = (unsigned)(rnd() % 4);
        for (unsigned i = 0; i < 8u >> size; i++)
            v |= int_edge(size) << (i * (8u << size));
        return v;
    }
    case P_RANDOM:
        return rnd();
    default:
        return value64();
    }
}

/* A general-register input: edge integers, float bit patterns, small counts, anything. */
static uint64_t xvalue(void)
{
    switch (rnd() % 6) {
    case 0: return int_edge(3);
    case 1: return int_edge(2);
    case 2: return value32();
    case 3: return value_f64();
    case 4: return rnd() % 70;
    default: return rnd();
    }
}

#endif
