/* guest-test: portable
 * IEEE exception flags through <fenv.h>: on ARM they are FPSCR's cumulative bits (IOC, DZC,
 * OFC, UFC, IXC), which the translator must accumulate exactly as VFP does, and which
 * feclearexcept/feraiseexcept/fegetenv/fesetenv read and write with vmrs/vmsr. */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static volatile double zero = 0.0, one = 1.0, three = 3.0, big = 1e308, tiny = 1e-308;
static volatile double half = 0.5, four = 4.0;
static volatile float fbig = 3e38f, ftiny = 1e-38f;
static volatile int32_t sink;

static void flags(const char *what)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    printf("%-20s %s%s%s%s%s%s\n", what, e & FE_INVALID ? " invalid" : "",
           e & FE_DIVBYZERO ? " divbyzero" : "", e & FE_OVERFLOW ? " overflow" : "",
           e & FE_UNDERFLOW ? " underflow" : "", e & FE_INEXACT ? " inexact" : "",
           e ? "" : " none");
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void)
{
    volatile double r;
    volatile float rf;
    feclearexcept(FE_ALL_EXCEPT);
    flags("start");
    r = one + one;
    flags("1+1");
    r = one / three;
    flags("1/3");
    r = one / zero;
    flags("1/0");
    r = zero / zero;
    flags("0/0");
    r = big * big;
    flags("big*big");
    r = tiny * tiny;
    flags("tiny*tiny");
    r = tiny / 4;
    flags("tiny/4 (exact?)");
    r = tiny / 3;
    flags("tiny/3");
    r = sqrt(-one);
    flags("sqrt(-1)");
    r = sqrt(four);
    flags("sqrt(4)");
    r = sqrt(three);
    flags("sqrt(3)");
    rf = fbig * 10.0f;
    flags("fbig*10");
    rf = ftiny * ftiny;
    flags("ftiny^2");
    rf = (float)(one / three);
    flags("narrow 1/3");
    rf = (float)half;
    flags("narrow 0.5");
    rf = (float)big;
    flags("narrow 1e308");
    sink = (int32_t)(three * half);
    flags("(int)1.5");
    sink = (int32_t)four;
    flags("(int)4.0");
    r = big * 10 - big * 10;
    flags("inf-inf");
    r = (zero / zero) + one;
    flags("qnan+1");
    r = (zero / zero) < one;
    flags("qnan<1");
    feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    flags("raise ovf|inexact");
    fenv_t env;
    r = one / zero;
    fegetenv(&env);
    feclearexcept(FE_ALL_EXCEPT);
    r = one / three;
    fesetenv(&env);
    flags("restored env");
    fexcept_t saved;
    r = zero / zero;
    fegetexceptflag(&saved, FE_INVALID);
    feclearexcept(FE_ALL_EXCEPT);
    fesetexceptflag(&saved, FE_INVALID);
    flags("restored flag");
    (void)r;
    (void)rf;
    return 0;
}
