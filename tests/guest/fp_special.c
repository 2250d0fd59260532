/* Special values: denormals (VFP computes them in full unless FPSCR.FZ is set, which glibc
 * leaves clear), infinities, signed zeros and NaNs, printed both as text and as bits.
 * Not portable: the bits of a generated NaN are ARM's "default NaN" (positive quiet,
 * 0x7ff80000_00000000 / 0x7fc00000) where x86 makes a negative one. */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
/* Through a volatile, so the operations below run on the guest even at -O2 (gcc would
 * fold NaN arithmetic with x86's payload rules, which MIPS's legacy FPU does not share). */
static double bdouble(uint64_t u)
{
    volatile uint64_t v = u;
    uint64_t w = v;
    double d;
    memcpy(&d, &w, 8);
    return d;
}
static float bfloat(uint32_t u)
{
    volatile uint32_t v = u;
    uint32_t w = v;
    float f;
    memcpy(&f, &w, 4);
    return f;
}

static volatile double zero = 0.0, one = 1.0, big = 1e308, tiny = 2.2250738585072014e-308;
static volatile float fzero = 0.0f, fone = 1.0f, ftiny = 1.17549435e-38f;

static void show(const char *what, double d)
{
    printf("%-22s %-24.17g %016" PRIx64 " class=%d sign=%d\n", what, d, dbits(d),
           fpclassify(d) == FP_NAN ? 0 : fpclassify(d) == FP_INFINITE ? 1
           : fpclassify(d) == FP_ZERO ? 2 : fpclassify(d) == FP_SUBNORMAL ? 3 : 4,
           signbit(d) != 0);
}

static void showf(const char *what, float f)
{
    printf("%-22s %-16.9g %08" PRIx32 " sub=%d\n", what, (double)f, fbits(f),
           fpclassify(f) == FP_SUBNORMAL);
}

int main(void)
{
    show("true_min", DBL_TRUE_MIN);
    show("min/2", tiny / 2);
    show("min/3", tiny / 3);
    show("min*0.75", tiny * 0.75);
    show("denorm*denorm", DBL_TRUE_MIN * (tiny / 4));
    show("denorm+denorm", tiny / 4 + tiny / 8);
    show("denorm-min", tiny / 4 - tiny);
    show("denorm/2^-40", (tiny / 1024) / 9.094947017729282e-13);
    show("sqrt(denorm)", sqrt(tiny / 1e10));
    show("nextafter(0,1)", nextafter(zero, one));
    show("nextafter(1,2)", nextafter(one, 2.0));
    show("inf", big * 10);
    show("-inf", -big * 10);
    show("1/+0", one / zero);
    show("1/-0", one / -zero);
    show("-0*5", -zero * 5);
    show("0-0", zero - zero);
    show("-0-0", -zero - zero);
    show("0/0", zero / zero);
    show("inf-inf", big * 10 - big * 10);
    show("inf*0", big * 10 * zero);
    show("sqrt(-1)", sqrt(-one));
    show("-(0/0)", -(zero / zero));
    show("nan(\"\")", nan(""));
    /* A quiet NaN with a payload goes through arithmetic unchanged (FPSCR.DN is 0). */
    show("qnan payload+1", bdouble(0x7ff8000000012345ull) + one);
    show("-qnan payload*2", bdouble(0xfff80000000abcdeull) * 2);
    /* A signalling NaN is quieted (bit 51 set), keeping its payload. */
    show("snan+1", bdouble(0x7ff0000000000777ull) + one);
    show("narrow(qnan)", (double)(float)bdouble(0x7ff8000012345678ull));
    show("widen(fnan)", (double)bfloat(0x7fc01234u));
    show("fmax(nan,1)", fmax(zero / zero, one));
    showf("f true_min", FLT_TRUE_MIN);
    showf("f min/2", ftiny / 2);
    showf("f min/3", ftiny / 3);
    showf("f denorm*1e30", (ftiny / 1024) * 1e30f);
    showf("f 0/0", fzero / fzero);
    showf("f 1/0", fone / fzero);
    showf("f -1/0", -fone / fzero);
    showf("f sqrt(-1)", sqrtf(-fone));
    showf("f narrow(denorm)", (float)(tiny * 1e10));
    showf("f narrow(1e-46)", (float)(1e-46 * one));
    /* printf spellings of the special values. */
    printf("%f %F %e %g %a %A\n", big * 10, -big * 10, zero / zero, -(zero / zero),
           -zero, DBL_TRUE_MIN);
    printf("%a %a %a %.3a\n", 1.0, 0.1, -tiny, 1.0 / 3);
    printf("comparisons nan==nan %d nan<1 %d nan!=nan %d -0==0 %d isless %d isunordered %d\n",
           zero / zero == zero / zero, zero / zero < one, zero / zero != zero / zero,
           -zero == zero, isless(zero / zero, one), isunordered(zero / zero, one));
    /* Gradual underflow: halve until zero, counting steps. */
    double x = 1.0;
    int steps = 0;
    while (x > 0) {
        x /= 2;
        steps++;
    }
    float xf = 1.0f;
    int fsteps = 0;
    while (xf > 0) {
        xf /= 2;
        fsteps++;
    }
    printf("halvings to zero: double %d float %d\n", steps, fsteps);
    return 0;
}
