/* The C library's qsort on N pseudo-random 32-bit ints (default 4M):
 * an indirect call to the comparison function per comparison, plus glibc's merge sort
 * moving memory. Verifies the order and prints a position-weighted checksum. */
#include "common.h"

static int cmp_int(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 4L << 20);
    int32_t *v = bench_alloc((size_t)n * sizeof *v);
    for (long i = 0; i < n; i++)
        v[i] = (int32_t)bench_rand32();
    qsort(v, (size_t)n, sizeof *v, cmp_int);
    uint32_t sum = (uint32_t)v[0];
    for (long i = 1; i < n; i++) {
        if (v[i - 1] > v[i]) {
            fprintf(stderr, "qsort: out of order at %ld\n", i);
            return 1;
        }
        sum = sum * 31 + (uint32_t)v[i];
    }
    printf("qsort of %ld ints: median %d, checksum %08x\n", n, (int)v[n / 2], sum);
    free(v);
    return 0;
}
