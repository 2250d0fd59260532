/* isa-fuzz: D-register input values shared by simd_main.c and enc_main.c, from a small
 * xorshift generator the caller seeds per case (so every run sees the same values). */
#ifndef ISA_FUZZ_FVALUES_H
#define ISA_FUZZ_FVALUES_H

#include <stdint.h>

static uint64_t rng;   /* the caller seeds it per case */

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Single-precision values where rounding, overflow, denormals, NaN handling and integer
 * conversion limits matter, plus bit patterns that are interesting as integers. */
static const uint32_t special32[] = {
    0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0xffc12345, 0x00000001,
    0x807fffff, 0x00800000, 0x7f7fffff, 0x3f800000, 0xbf800000, 0x40000000, 0x3f000000,
    0x4f000000, 0xcf000000, 0x4f800000, 0x477ff000, 0x33800000, 0x7fffffff, 0xffffffff,
    0x80000001, 0x00007fff, 0x00008000, 0x0000ffff, 0x7f7f7f7f, 0x80808080, 0x00ff00ff,
    0x41200000, 0xc1200000, 0x3eaaaaab,
};
static const uint64_t special64[] = {
    0, 1ull << 63, 0x7ff0000000000000ull, 0x7ff8000000000000ull, 0x7ff0000000000001ull, 1,
    0x000fffffffffffffull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
    0x41dfffffffc00000ull, 0x41e0000000000000ull, 0xc1e0000000200000ull,
    0x380fffffffffffffull, 0x47efffffe0000000ull, 0x7fefffffffffffffull,
    0x4024000000000000ull, 0x3fd5555555555555ull, 0x8000000000000001ull,
    0x7fffffffffffffffull,
};
#ifndef NUM
#define NUM(a) (sizeof(a) / sizeof((a)[0]))
#endif

static uint32_t value32(void)
{
    static const uint32_t exps[] = { 0, 1, 100, 126, 127, 128, 150, 158, 159, 200, 254 };
    uint64_t r = rnd() % 8;
    if (r < 3)
        return special32[rnd() % NUM(special32)];
    if (r < 5)
        return (uint32_t)rnd();
    if (r < 6)
        return (uint32_t)(rnd() % 64) - 32;
    return ((uint32_t)rnd() & 0x807fffffu) | exps[rnd() % NUM(exps)] << 23;
}

static uint64_t value64(void)
{
    static const uint64_t exps[] = { 0, 1, 1000, 1022, 1023, 1024, 1054, 1086, 1500, 2046 };
    uint64_t r = rnd() % 6;
    if (r < 2)
        return special64[rnd() % NUM(special64)];
    if (r < 3)
        return rnd();
    if (r < 4)
        return (rnd() & 0x800fffffffffffffull) | exps[rnd() % NUM(exps)] << 52;
    return value32() | (uint64_t)value32() << 32;
}

#endif
