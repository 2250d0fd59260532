/* Shared by the SIMD kernel programs: a deterministic input generator and a hash of
 * result bits, so each kernel prints one line that any bit of difference changes. */
#ifndef KCOMMON_H
#define KCOMMON_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t kseed = 0x123456789abcdefull;

static inline uint64_t krand(void)
{
    kseed ^= kseed << 13;
    kseed ^= kseed >> 7;
    kseed ^= kseed << 17;
    return kseed;
}

/* FNV-1a over bytes: the results' exact bits, NaN payloads and signed zeros included. */
static inline uint64_t khash(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static inline void kprint(const char *name, const void *p, size_t n)
{
    printf("%-28s %016llx\n", name, (unsigned long long)khash(p, n));
}

#endif
