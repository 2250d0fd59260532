/* guest-test: portable
 * Call-heavy code: Ackermann (millions of calls, return-address prediction in the JIT's
 * jump cache), recursive Fibonacci, mutual recursion, and a 100000-frame-deep recursion
 * that uses megabytes of the guest stack (each frame keeps a volatile local alive across
 * the call so the compiler cannot turn it into a loop). */
#include <inttypes.h>
#include <stdio.h>

static uint32_t ack(uint32_t m, uint32_t n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int is_odd(uint32_t n);
static __attribute__((noinline)) int is_even(uint32_t n) { return n == 0 ? 1 : is_odd(n - 1); }
static __attribute__((noinline)) int is_odd(uint32_t n) { return n == 0 ? 0 : is_even(n - 1); }

static __attribute__((noinline)) uint32_t deep(uint32_t n)
{
    volatile uint32_t local = n * 2654435761u;
    if (n == 0)
        return 0;
    uint32_t r = deep(n - 1);
    return (r ^ local) + n;
}

/* Recursion with a 64-bit and a double argument: arguments in register pairs and VFP
 * registers must survive every level. */
static __attribute__((noinline)) double deep_mixed(uint32_t n, uint64_t acc, double x)
{
    volatile uint64_t keep = acc;
    if (n == 0)
        return (double)(acc % 1000003) + x;
    double r = deep_mixed(n - 1, acc * 6364136223846793005ull + n, x * 0.999 + 1.0);
    return r + (double)(keep & 0xff) * 1e-9;
}

int main(void)
{
    for (uint32_t m = 0; m <= 3; m++)
        for (uint32_t n = 0; n <= (m < 3 ? 10u : 7u); n += (m < 3 ? 5 : 1))
            printf("ack(%" PRIu32 ",%" PRIu32 ") = %" PRIu32 "\n", m, n, ack(m, n));
    printf("fib(27) = %" PRIu32 "\n", fib(27));
    printf("is_even(100001) = %d is_odd(77777) = %d\n", is_even(100001), is_odd(77777));
    printf("deep(100000) = %08" PRIx32 "\n", deep(100000));
    printf("deep_mixed(20000) = %.17g\n", deep_mixed(20000, 1, 0.5));
    return 0;
}
