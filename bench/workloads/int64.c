/* 64-bit integer arithmetic, N steps (default 24M): splitmix64 mixing (64-bit multiplies
 * and shifts), an FNV-1a style hash, variable shifts, signed compares and a 64-bit
 * remainder every 8th step. A 32-bit guest does each of these with word pairs, carries
 * and library calls, which is what this workload measures. */
#include "common.h"

static uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

int main(int argc, char **argv)
{
    long steps = bench_size(argc, argv, 24L << 20);
    const uint64_t prime = 0xfffffffbull;   /* the largest prime below 2^32 */
    uint64_t hash = 0xcbf29ce484222325ull, prod = 1;
    int64_t balance = 0;
    for (long i = 0; i < steps; i++) {
        uint64_t x = splitmix64((uint64_t)i);
        hash = (hash ^ x) * 0x100000001b3ull;
        unsigned r = (unsigned)(x & 31) + 1;   /* 1..32: both shifts stay below 64 */
        hash = (hash << r) | (hash >> (64 - r));
        int64_t s = (int64_t)(x >> 3) - (int64_t)(hash >> 3);
        balance += s < 0 ? -1 : s > (int64_t)1 << 58 ? 2 : 1;
        if ((i & 7) == 0)
            prod = prod * ((x % prime) | 1) % prime;
    }
    printf("int64: %ld steps: hash %016llx, product %llu, balance %lld\n", steps,
           (unsigned long long)hash, (unsigned long long)prod, (long long)balance);
    return 0;
}
