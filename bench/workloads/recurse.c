/* Calls and returns: N rounds (default 300) of a naive recursive Fibonacci(27),
 * Ackermann(3, 6) and Ackermann(2, round): millions of small calls that push and pop
 * frames, exercising a translator's handling of return addresses. */
#include "common.h"

/* noinline keeps the compiler from turning the recursion into loops or partial inlining
 * that would hide the calls this workload is about. */
__attribute__((noinline)) static uint32_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static uint32_t ack(uint32_t m, uint32_t n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

int main(int argc, char **argv)
{
    long rounds = bench_size(argc, argv, 300);
    uint32_t f = 0, a = 0;
    for (uint32_t i = 0; i < (uint32_t)rounds; i++) {
        f += fib(27);
        a += ack(3, 6) + ack(2, i & 1023);
    }
    printf("recurse: %ld rounds: fibonacci sum %u, ackermann sum %u\n", rounds, f, a);
    return 0;
}
