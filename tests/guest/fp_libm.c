/* guest-test: portable
 * libm under every rounding mode. fesetround writes FPSCR.RMode on ARM; the basic
 * operations, sqrt, rint/nearbyint/lrint and friends must honour it, and glibc's
 * transcendental functions must give the same bits as on a board. */
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

static volatile double in[] = {
    2.5, -2.5, 3.5, 0.5, -0.5, 1.4999999999999998, 1e15 + 0.5, -7.25, 0.1, 100.0,
    -1e-10, 4503599627370495.5,
};
#define NIN (sizeof in / sizeof in[0])

static const struct { int mode; const char *name; } modes[] = {
    {FE_TONEAREST, "nearest"}, {FE_UPWARD, "upward"}, {FE_DOWNWARD, "downward"},
    {FE_TOWARDZERO, "towardzero"},
};

static void rounding(void)
{
    for (unsigned m = 0; m < 4; m++) {
        for (unsigned i = 0; i < NIN; i++) {
            double x = in[i];
            /* Compute everything in the mode, print after restoring round-to-nearest so
             * the decimal conversion itself is not what is being tested. */
            fesetround(modes[m].mode);
            double r = rint(x), nb = nearbyint(x);
            /* long is 32 bits on the guest: only ask lrint/lround/casts what fits. */
            int small = fabs(x) < 2e9;
            long li = small ? lrint(x) : 0;
            long long lli = llrint(x);
            double q = x / 3.0, s = x + 0.3, p = x * 1.1, sq = sqrt(fabs(x));
            float fq = (float)x / 3.0f, fd = (float)(x * 1.1);
            double fl = floor(x), ce = ceil(x), tr = trunc(x), ro = round(x);
            long lr = small ? lround(x) : 0;
            int cast = small ? (int)x : 0;
            fesetround(FE_TONEAREST);
            printf("%s %2u rint=%.17g nearby=%.17g lrint=%ld llrint=%lld div3=%.17g "
                   "add=%.17g mul=%.17g sqrt=%.17g fdiv=%.9g fnarrow=%.9g\n",
                   modes[m].name, i, r, nb, li, lli, q, s, p, sq, (double)fq, (double)fd);
            printf("%s %2u floor=%.17g ceil=%.17g trunc=%.17g round=%.17g lround=%ld "
                   "cast=%d\n", modes[m].name, i, fl, ce, tr, ro, lr, cast);
        }
    }
}

static volatile double targs[] = {
    0.5, 1.0, 2.0, 3.0, 10.0, 0.001, 100.5, 1e-5, 0.7853981633974483, 1e6, 123.456,
};
#define NT (sizeof targs / sizeof targs[0])

static void transcendental(void)
{
    for (unsigned i = 0; i < NT; i++) {
        double x = targs[i];
        printf("x=%.17g sin=%.17g cos=%.17g tan=%.17g exp=%.17g log=%.17g log10=%.17g\n",
               x, sin(x), cos(x), tan(x), exp(x / 10), log(x), log10(x));
        printf("  pow=%.17g pow2=%.17g atan=%.17g atan2=%.17g sinh=%.17g cbrt=%.17g "
               "hypot=%.17g\n", pow(x, 1.5), pow(2.0, x / 7), atan(x), atan2(x, -1.5),
               sinh(x / 100), cbrt(x), hypot(x, 3.0));
        float f = (float)x;
        printf("  sinf=%.9g cosf=%.9g expf=%.9g logf=%.9g powf=%.9g sqrtf=%.9g\n",
               (double)sinf(f), (double)cosf(f), (double)expf(f / 10), (double)logf(f),
               (double)powf(f, 0.75f), (double)sqrtf(f));
        printf("  fmod=%.17g remainder=%.17g fmodneg=%.17g\n", fmod(x * 7.3, 1.7),
               remainder(x * 7.3, 1.7), fmod(-x, 0.3));
    }
}

static void classify(void)
{
    static volatile double z = 0.0, one = 1.0;
    int e;
    double mant = frexp(1234.5678, &e);
    printf("frexp %.17g %d ldexp %.17g modf ", mant, e, ldexp(0.75, -1070));
    double ip, fp = modf(-123.25, &ip);
    printf("%.17g %.17g\n", ip, fp);
    printf("log(0)=%g exp(1000)=%g exp(-1000)=%g pow(0,-1)=%g sqrt(-1) nan? %d\n",
           log(z), exp(1000 * one), exp(-1000 * one), pow(z, -one), isnan(sqrt(-one)));
    printf("copysign %g %g fdim %g fmax %g fmin %g\n", copysign(3.0, -z), copysign(one, z),
           fdim(5.0, 7.0 * one), fmax(-one, 2.0), fmin(-one, 2.0));
}

int main(void)
{
    rounding();
    transcendental();
    classify();
    return 0;
}
