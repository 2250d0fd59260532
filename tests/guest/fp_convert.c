/* guest-test: portable
 * Conversions between integers and floating point at the edges of each range, staying
 * inside what C defines (out-of-range float->int is undefined, and ARM saturates where x86
 * returns INT_MIN, so those are left to the isa tests). On ARM these are vcvt for 32-bit
 * and libgcc (__aeabi_l2d, __aeabi_d2lz, ...) for 64-bit integers. */
#include <float.h>
#include <inttypes.h>
#include <stdio.h>

static volatile double d2i[] = {
    0.0, -0.0, 0.9, -0.9, 1.5, -1.5, 2147483647.0, 2147483647.9, -2147483648.0,
    -2147483648.9, 123456.789, -98765.4321, 1e9, -1e9, 2147483646.5,
};
static volatile double d2u[] = {
    0.0, 0.9999, -0.9, 4294967295.0, 4294967295.9, 2147483648.0, 3000000000.5, 65535.99,
};
static volatile double d2l[] = {
    0.0, -0.5, 9007199254740993.0, -9007199254740993.0, 9223372036854774784.0,
    -9223372036854775808.0, 1e18, -1e18, 4294967296.5, -4294967297.75, 123456789012.345,
};
static volatile double d2ul[] = {
    0.0, 18446744073709549568.0, 9223372036854775808.0, 1.8e19, 4294967296.0, 0.75,
};
static volatile int32_t i2f[] = {
    0, 1, -1, 16777216, 16777217, 16777219, -16777217, INT32_MAX, INT32_MIN, 123456789,
    2147483520, 2147483584,
};
static volatile uint32_t u2f[] = {
    0, 1, 0x80000000u, 0xffffffffu, 0xffffff7fu, 0xffffff80u, 4000000001u,
};
static volatile int64_t l2f[] = {
    0, 1, -1, INT64_MAX, INT64_MIN, 9007199254740993ll, -9007199254740993ll,
    9007199254740995ll, 0x7ffffffffffffc00ll, 0x7ffffffffffffdffll, 1234567890123456789ll,
};
static volatile uint64_t ul2f[] = {
    0, UINT64_MAX, 0x8000000000000001ull, 0xfffffffffffff800ull, 0xfffffffffffffbffull,
    18446744073709550591ull, 1ull << 63,
};
static volatile float f2i[] = {
    0.0f, 0.99f, -0.99f, 2147483520.0f, -2147483648.0f, 16777215.5f, 8388607.5f, -3.75f,
};
static volatile double narrow[] = {
    0.1, 1.0 / 3, 3.4028234663852886e38, 3.4028235677973366e38, 1e-38, 1.1754942e-38,
    1.401298464324817e-45, 7.006492321624085e-46, 16777217.0, -2.7755575615628914e-17,
};

#define N(a) (sizeof a / sizeof a[0])

int main(void)
{
    for (unsigned i = 0; i < N(d2i); i++)
        printf("d2i %.17g -> %" PRId32 " f-> %" PRId32 "\n", d2i[i], (int32_t)d2i[i],
               (int32_t)(float)(d2i[i] / 1024) * 1024);
    for (unsigned i = 0; i < N(d2u); i++)
        printf("d2u %.17g -> %" PRIu32 "\n", d2u[i], (uint32_t)d2u[i]);
    for (unsigned i = 0; i < N(d2l); i++)
        printf("d2l %.17g -> %" PRId64 "\n", d2l[i], (int64_t)d2l[i]);
    for (unsigned i = 0; i < N(d2ul); i++)
        printf("d2ul %.17g -> %" PRIu64 "\n", d2ul[i], (uint64_t)d2ul[i]);
    for (unsigned i = 0; i < N(i2f); i++)
        printf("i2f %" PRId32 " -> %.9g %.17g\n", i2f[i], (double)(float)i2f[i],
               (double)i2f[i]);
    for (unsigned i = 0; i < N(u2f); i++)
        printf("u2f %" PRIu32 " -> %.9g %.17g\n", u2f[i], (double)(float)u2f[i],
               (double)u2f[i]);
    for (unsigned i = 0; i < N(l2f); i++)
        printf("l2f %" PRId64 " -> %.9g %.17g\n", l2f[i], (double)(float)l2f[i],
               (double)l2f[i]);
    for (unsigned i = 0; i < N(ul2f); i++)
        printf("ul2f %" PRIu64 " -> %.9g %.17g\n", ul2f[i], (double)(float)ul2f[i],
               (double)ul2f[i]);
    for (unsigned i = 0; i < N(f2i); i++)
        printf("f2i %.9g -> %" PRId32 " %" PRId64 " u16=%u s8=%d\n", (double)f2i[i],
               (int32_t)f2i[i], (int64_t)f2i[i], (unsigned)(uint16_t)(int32_t)f2i[i],
               (int)(int8_t)(int32_t)f2i[i]);
    for (unsigned i = 0; i < N(narrow); i++) {
        float f = (float)narrow[i];
        printf("narrow %.17g -> %.9g back %.17g\n", narrow[i], (double)f, (double)f);
    }

    /* Loops the -O3 NEON build vectorizes (vcvt.s32.f32 / vcvt.f32.s32 on q registers). */
    static int32_t iv[1024];
    static float fv[1024];
    for (int i = 0; i < 1024; i++)
        fv[i] = (float)(i * 37 - 20000) * 0.37f;
    for (int i = 0; i < 1024; i++)
        iv[i] = (int32_t)fv[i];
    int64_t isum = 0;
    for (int i = 0; i < 1024; i++)
        isum += iv[i];
    for (int i = 0; i < 1024; i++)
        fv[i] = (float)(iv[i] ^ 0x5555);
    double fsum = 0;
    for (int i = 0; i < 1024; i++)
        fsum += fv[i];
    printf("vector isum=%" PRId64 " fsum=%.17g\n", isum, fsum);
    return 0;
}
