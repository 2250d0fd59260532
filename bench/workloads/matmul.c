/* Dense matrix multiply C = A * B of N x N doubles (default 640), loops in i-k-j order
 * so the inner loop streams rows: double loads, multiplies, adds and stores. Prints a
 * checksum of C to the last bit (no fused multiply-adds, so every machine agrees). */
#include <string.h>

#include "common.h"

static void multiply(int n, const double *a, const double *b, double *c)
{
    memset(c, 0, (size_t)n * n * sizeof *c);
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
            double aik = a[i * n + k];
            const double *brow = &b[k * n];
            double *crow = &c[i * n];
            for (int j = 0; j < n; j++)
                crow[j] += aik * brow[j];
        }
    }
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 640);
    if (n > 8192) {
        fprintf(stderr, "matmul: %ld is too large a matrix\n", n);
        return 2;
    }
    size_t cells = (size_t)n * n;
    double *a = bench_alloc(cells * sizeof *a);
    double *b = bench_alloc(cells * sizeof *b);
    double *c = bench_alloc(cells * sizeof *c);
    /* A holds exact binary fractions, B thirds: the products and sums need rounding. */
    for (size_t i = 0; i < cells; i++) {
        a[i] = (double)(int)(bench_rand32() % 2001 - 1000) / 1024.0;
        b[i] = (double)(int)(bench_rand32() % 2001 - 1000) / 3.0;
    }
    multiply((int)n, a, b, c);
    double sum = 0, weighted = 0;
    for (size_t i = 0; i < cells; i++) {
        sum += c[i];
        weighted += c[i] * (double)(i % 7 + 1);
    }
    printf("matmul %ldx%ld: sum %.17g, weighted %.17g, c[last] %.17g\n", n, n, sum, weighted,
           c[cells - 1]);
    free(a);
    free(b);
    free(c);
    return 0;
}
