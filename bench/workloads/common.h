/* Helpers every workload shares: its size argument and a deterministic random source.
 * Workloads are built for the host and for each guest from the same source, so they use
 * only fixed-width types and print results that do not depend on the word size,
 * pointer values or the C library's rand(). */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The size argument: argv[1] if given (a positive integer), else the default.
 * A bad argument ends the program with a message and status 2. */
static inline long bench_size(int argc, char **argv, long dflt)
{
    if (argc < 2)
        return dflt;
    char *end;
    errno = 0;
    long n = strtol(argv[1], &end, 0);
    if (errno || *end || end == argv[1] || n <= 0) {
        fprintf(stderr, "%s: size must be a positive integer, not '%s'\n", argv[0], argv[1]);
        exit(2);
    }
    return n;
}

/* xorshift64*: fast, and the same sequence on every machine. */
static uint64_t bench_rng_state = 0x9e3779b97f4a7c15ull;

static inline uint64_t bench_rand64(void)
{
    uint64_t x = bench_rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    bench_rng_state = x;
    return x * 0x2545f4914f6cdd1dull;
}

static inline uint32_t bench_rand32(void)
{
    return (uint32_t)(bench_rand64() >> 32);
}

static inline void *bench_alloc(size_t bytes)
{
    void *p = malloc(bytes);
    if (!p) {
        fprintf(stderr, "out of memory (%zu bytes)\n", bytes);
        exit(2);
    }
    return p;
}

#endif
