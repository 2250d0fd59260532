/* guest-test: portable
 * IEEE double and single arithmetic printed with full precision (%.17g / %.9g), so any
 * rounding difference in the translator's VFP handling shows up. Chaotic iterations (the
 * logistic map) amplify a single wrong last bit into a visibly different result. */
#include <math.h>
#include <stdio.h>

static volatile double dv[] = {
    0.1, 1.0 / 3.0, -2.5, 3.141592653589793, 1e308, 1e-300, 123456789.123456789,
    -0.0, 7.0, 0.7, 4503599627370497.0, 2.2250738585072014e-308,
};
#define ND (sizeof dv / sizeof dv[0])

static volatile float fv[] = {
    0.1f, 1.0f / 3.0f, -2.5f, 3.14159265f, 3e38f, 1e-30f, 16777217.0f, -0.0f, 7.0f, 0.7f,
};
#define NF (sizeof fv / sizeof fv[0])

/* NaN's sign is where ARM (default NaN positive) and x86 (negative) legitimately differ;
 * fp_special checks the ARM bits, this program prints any NaN as "nan". */
static const char *g(double x, int digits)
{
    static char buf[8][40];
    static unsigned n;
    char *b = buf[n++ % 8];
    if (isnan(x))
        return "nan";
    snprintf(b, 40, "%.*g", digits, x);
    return b;
}

static void pairs(void)
{
    for (unsigned i = 0; i < ND; i++)
        for (unsigned j = 0; j < ND; j++) {
            double a = dv[i], b = dv[j];
            printf("d %2u %2u %s %s %s %s\n", i, j, g(a + b, 17), g(a - b, 17), g(a * b, 17),
                   g(a / b, 17));
        }
    for (unsigned i = 0; i < NF; i++)
        for (unsigned j = 0; j < NF; j++) {
            float a = fv[i], b = fv[j];
            float s = a + b, m = a - b, p = a * b, q = a / b;
            printf("f %2u %2u %s %s %s %s\n", i, j, g(s, 9), g(m, 9), g(p, 9), g(q, 9));
        }
    for (unsigned i = 0; i < ND; i++) {
        double a = fabs(dv[i]);
        float f = fabsf(fv[i % NF]);
        printf("sqrt %2u %.17g %.9g neg=%.17g\n", i, sqrt(a), (double)sqrtf(f), -dv[i]);
    }
}

static void series(void)
{
    double h = 0, k = 0, c = 0, leib = 0;
    float hf = 0;
    for (int i = 1; i <= 1000000; i++) {
        double t = 1.0 / i;
        h += t;
        hf += 1.0f / (float)i;
        /* Kahan summation: relies on every operation being rounded exactly once. */
        double y = t - c;
        double s = k + y;
        c = (s - k) - y;
        k = s;
        leib += ((i & 1) ? 4.0 : -4.0) / (2 * i - 1);
    }
    printf("harmonic %.17g kahan %.17g float %.9g leibniz %.17g\n", h, k, (double)hf, leib);

    double x = 0.3;
    float xf = 0.3f;
    for (int i = 0; i < 2000; i++) {
        x = 3.9 * x * (1.0 - x);
        xf = 3.9f * xf * (1.0f - xf);
        if (i % 250 == 249)
            printf("logistic %4d %.17g %.9g\n", i, x, (double)xf);
    }

    /* Newton's method for cube roots, and a polynomial evaluated two ways. */
    for (int n = 2; n < 200; n += 37) {
        double r = n;
        for (int it = 0; it < 60; it++)
            r = r - (r * r * r - n) / (3 * r * r);
        double p = ((((1.5 * r - 2.25) * r + 3.125) * r - 4.0625) * r + 5.03125);
        double q = 1.5 * r * r * r * r - 2.25 * r * r * r + 3.125 * r * r - 4.0625 * r
                   + 5.03125;
        printf("cbrt(%d) %.17g horner %.17g naive %.17g\n", n, r, p, q);
    }

    /* Mixed float/double expressions and float-only accumulation. */
    float acc = 1.0f;
    double dacc = 1.0;
    for (int i = 0; i < 100; i++) {
        acc = acc * 1.0625f + 0.001f * (float)i;
        dacc = dacc * 0.9921875 + acc;
    }
    printf("mixed %.9g %.17g\n", (double)acc, dacc);
}

/* Matrix multiply: a regular loop that -O3 unrolls and schedules aggressively. */
static void matmul(void)
{
    static double a[24][24], b[24][24], c[24][24];
    for (int i = 0; i < 24; i++)
        for (int j = 0; j < 24; j++) {
            a[i][j] = (i * 24 + j) * 0.015625 - 3.0;
            b[i][j] = 1.0 / (1 + i + j);
        }
    for (int i = 0; i < 24; i++)
        for (int j = 0; j < 24; j++) {
            double s = 0;
            for (int k = 0; k < 24; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    double tr = 0;
    for (int i = 0; i < 24; i++)
        tr += c[i][i] * (i + 1);
    printf("matmul %.17g %.17g %.17g\n", tr, c[0][23], c[23][0]);
}

int main(void)
{
    pairs();
    series();
    matmul();
    return 0;
}
