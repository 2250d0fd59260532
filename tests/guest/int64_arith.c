/* guest-test: portable
 * 64-bit integer arithmetic on a 32-bit guest: gcc lowers these to register-pair
 * sequences (adds/adc, umull/umlal) and libgcc calls (__aeabi_ldivmod, __aeabi_uldivmod),
 * which stress carry flags and helper calls in the translator. Inputs come from volatile
 * tables so nothing is folded at compile time. */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>

static volatile uint64_t vals[] = {
    0, 1, 2, 3, 7, 10, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0x100000000ull,
    0x123456789abcdef0ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xffffffffffffffffull, 0xfedcba9876543210ull, 1000000007ull, 0xfffffffffffffffeull,
};
#define NV (sizeof vals / sizeof vals[0])

static volatile int32_t v32[] = {
    0, 1, -1, 2, -2, 7, -7, 100, INT32_MAX, INT32_MIN, INT32_MIN + 1, 0x12345678, -1000000,
};
#define N32 (sizeof v32 / sizeof v32[0])

/* INT64_MIN / -1 overflows (undefined in C, a trap on x86): handle it as two's complement
 * wrap explicitly so the program is defined everywhere. */
static int64_t sdiv64(int64_t a, int64_t b) { return b == -1 ? (int64_t)(0 - (uint64_t)a) : a / b; }
static int64_t smod64(int64_t a, int64_t b) { return b == -1 ? 0 : a % b; }
static int32_t sdiv32(int32_t a, int32_t b) { return b == -1 ? (int32_t)(0 - (uint32_t)a) : a / b; }
static int32_t smod32(int32_t a, int32_t b) { return b == -1 ? 0 : a % b; }

static void pairs64(void)
{
    for (unsigned i = 0; i < NV; i++) {
        for (unsigned j = 0; j < NV; j++) {
            uint64_t a = vals[i], b = vals[j];
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            printf("%2u,%2u add=%016" PRIx64 " sub=%016" PRIx64 " mul=%016" PRIx64, i, j,
                   a + b, a - b, a * b);
            if (b != 0)
                printf(" udiv=%016" PRIx64 " umod=%016" PRIx64 " sdiv=%" PRId64
                       " smod=%" PRId64, a / b, a % b, sdiv64(sa, sb), smod64(sa, sb));
            printf(" shl=%016" PRIx64 " shr=%016" PRIx64 " sar=%016" PRIx64,
                   a << (b & 63), a >> (b & 63), (uint64_t)(sa >> (b & 63)));
            printf(" lt=%d slt=%d\n", a < b, sa < sb);
        }
    }
}

static void pairs32(void)
{
    for (unsigned i = 0; i < N32; i++) {
        for (unsigned j = 0; j < N32; j++) {
            int32_t a = v32[i], b = v32[j];
            uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
            int32_t r;
            int ovf_add = __builtin_add_overflow(a, b, &r);
            int ovf_sub = __builtin_sub_overflow(a, b, &r);
            int ovf_mul = __builtin_mul_overflow(a, b, &r);
            printf("32 %2u,%2u umulh=%08" PRIx32 " smull=%016" PRIx64 " ovf=%d%d%d", i, j,
                   (uint32_t)(((uint64_t)ua * ub) >> 32), (uint64_t)((int64_t)a * b),
                   ovf_add, ovf_sub, ovf_mul);
            if (b != 0)
                printf(" sdiv=%" PRId32 " smod=%" PRId32 " udiv=%" PRIu32 " umod=%" PRIu32,
                       sdiv32(a, b), smod32(a, b), ua / ub, ua % ub);
            printf(" wrapadd=%" PRId32 " sext=%016" PRIx64 "\n", (int32_t)(ua + ub),
                   (uint64_t)(int64_t)a);
        }
    }
}

/* Division by constants becomes multiply-high sequences: check them against the helper
 * path (volatile divisor). */
static void const_div(void)
{
    static volatile uint64_t ten = 10, seven = 7, thousand = 1000;
    for (unsigned i = 0; i < NV; i++) {
        uint64_t a = vals[i];
        int64_t s = (int64_t)a;
        printf("cdiv %2u %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRId64 " %" PRId64 " %d%d%d\n",
               i, a / 10, a % 1000, a / 7, s / 10, s % 7, a / 10 == a / ten,
               a % 1000 == a % thousand, a / 7 == a / seven);
    }
    for (unsigned i = 0; i < N32; i++) {
        int32_t a = v32[i];
        uint32_t u = (uint32_t)a;
        printf("cdiv32 %2u %" PRId32 " %" PRId32 " %" PRIu32 " %" PRIu32 " %" PRId32 "\n",
               i, a / 10, a % 3, u / 10, u % 641, a / -5);
    }
}

/* Every shift amount 0..63, both directions and both signs. */
static void shifts(void)
{
    static volatile uint64_t x = 0x8123456789abcdefull;
    for (unsigned n = 0; n < 64; n++)
        printf("shift %2u %016" PRIx64 " %016" PRIx64 " %016" PRIx64 "\n", n, x << n, x >> n,
               (uint64_t)((int64_t)x >> n));
}

/* 64-bit accumulation loop: a chain of carries through many iterations. */
static void accumulate(void)
{
    uint64_t acc = 0, prod = 1;
    int64_t sacc = 0;
    for (uint32_t i = 1; i <= 100000; i++) {
        acc += (uint64_t)i * i * i;
        prod = prod * 6364136223846793005ull + i;
        sacc -= (int64_t)i * 123456789;
    }
    printf("accumulate %" PRIu64 " %016" PRIx64 " %" PRId64 "\n", acc, prod, sacc);
}

int main(void)
{
    pairs64();
    pairs32();
    const_div();
    shifts();
    accumulate();
    return 0;
}
