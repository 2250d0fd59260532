/* guest-test: portable
 * Bit-manipulation builtins and idioms: on ARMv7 these become clz, rbit+clz (ctz),
 * rev/rev16, bfi/ubfx/sbfx, ror, and libgcc popcount; at -O3 with NEON, vcnt. */
#include <inttypes.h>
#include <stdio.h>

static volatile uint32_t w[] = {
    1, 2, 3, 0x80, 0xff, 0x100, 0x8000, 0xffff, 0x10000, 0x12345678, 0x7fffffff, 0x80000000,
    0x80000001, 0xaaaaaaaa, 0x55555555, 0xdeadbeef, 0xfffffffe, 0xffffffff, 0x00f00f00,
};
#define NW (sizeof w / sizeof w[0])

static volatile uint64_t d[] = {
    1, 0x80000000ull, 0x100000000ull, 0x8000000000000000ull, 0xffffffffffffffffull,
    0x0123456789abcdefull, 0x00000001000000ffull, 0xf0f0f0f00f0f0f0full,
};
#define ND (sizeof d / sizeof d[0])

static uint32_t rotl32(uint32_t x, unsigned n) { return (x << (n & 31)) | (x >> (-n & 31)); }
static uint32_t rotr32(uint32_t x, unsigned n) { return (x >> (n & 31)) | (x << (-n & 31)); }

/* Reverse bits the slow, obvious way: the reference for the compiler's idiom detection. */
static uint32_t bitrev_slow(uint32_t x)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++)
        r |= ((x >> i) & 1u) << (31 - i);
    return r;
}

static uint32_t bitrev_fast(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    return __builtin_bswap32(x);
}

struct fields {
    unsigned a : 3;
    unsigned b : 7;
    signed c : 5;
    unsigned d : 17;
};

int main(void)
{
    for (unsigned i = 0; i < NW; i++) {
        uint32_t x = w[i];
        int32_t s = (int32_t)x;
        printf("w %08" PRIx32 " clz=%d ctz=%d pop=%d par=%d ffs=%d clrsb=%d bswap=%08" PRIx32
               " b16=%04x rotl7=%08" PRIx32 " rotr13=%08" PRIx32 " rbit=%08" PRIx32 " %d\n",
               x, __builtin_clz(x), __builtin_ctz(x), __builtin_popcount(x),
               __builtin_parity(x), __builtin_ffs(s), __builtin_clrsb(s), __builtin_bswap32(x),
               __builtin_bswap16((uint16_t)x), rotl32(x, 7), rotr32(x, 13), bitrev_slow(x),
               bitrev_slow(x) == bitrev_fast(x));
        /* Bit-field style extracts and inserts (ubfx/sbfx/bfi/bfc). */
        uint32_t ext = (x >> 5) & 0x3ff;
        int32_t sext = (int32_t)(x << 7) >> 20;
        uint32_t ins = (x & ~(0xffu << 12)) | ((x & 0xffu) << 12);
        uint32_t low = x & -x, clearlow = x & (x - 1), smear = x | (x - 1);
        printf("  ext=%03" PRIx32 " sext=%" PRId32 " ins=%08" PRIx32 " low=%08" PRIx32
               " clr=%08" PRIx32 " smear=%08" PRIx32 " pow2=%d\n", ext, sext, ins, low,
               clearlow, smear, (x & (x - 1)) == 0);
    }
    for (unsigned i = 0; i < ND; i++) {
        uint64_t x = d[i];
        printf("d %016" PRIx64 " clz=%d ctz=%d pop=%d par=%d clrsb=%d bswap=%016" PRIx64 "\n",
               x, __builtin_clzll(x), __builtin_ctzll(x), __builtin_popcountll(x),
               __builtin_parityll(x), __builtin_clrsbll((int64_t)x), __builtin_bswap64(x));
    }
    /* Popcount over a large array: the loop -O3 vectorizes with NEON vcnt. */
    static uint32_t arr[4096];
    uint32_t seed = 12345;
    for (unsigned i = 0; i < 4096; i++) {
        seed = seed * 1103515245u + 12345u;
        arr[i] = seed;
    }
    unsigned total = 0;
    for (unsigned i = 0; i < 4096; i++)
        total += (unsigned)__builtin_popcount(arr[i]);
    uint32_t xr = 0, an = 0xffffffffu, orr = 0;
    for (unsigned i = 0; i < 4096; i++) {
        xr ^= arr[i] >> (i & 15);
        an &= arr[i] | 0x0f0f0f0fu;
        orr |= arr[i] & 0x11111111u;
    }
    printf("array pop=%u xor=%08" PRIx32 " and=%08" PRIx32 " or=%08" PRIx32 "\n", total, xr,
           an, orr);
    /* Bit-fields: packing, sign extension of a signed field, and read-modify-write. */
    static volatile struct fields f;
    for (int i = 0; i < 40; i += 3) {
        f.a = (unsigned)i;
        f.b = (unsigned)(i * 5);
        f.c = i - 20;
        f.d = (unsigned)(i * 4099);
        printf("bf %2d a=%u b=%u c=%d d=%u\n", i, f.a, f.b, (int)f.c, f.d);
    }
    return 0;
}
