/* Autovectorized single and double precision loops (gcc -O3): arithmetic, fused
 * multiply-add, min/max, square roots, divisions, conversions to and from integers and
 * between precisions, reductions; inputs include NaNs, infinities, denormals and signed
 * zeros. Each kernel prints a hash of its results' bits. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "kcommon.h"

#define N 1027      /* not a multiple of the vector length: the tails run too */

static float fa[N], fb[N], fc[N], fr[N];
static double da[N], db[N], dc[N], dr[N];
static int32_t ir[N];
static int64_t lr[N];
static uint32_t ur[N];

static float fval(void)
{
    static const uint32_t special[] = { 0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000,
                                        0x00000001, 0x807fffff, 0x7f7fffff, 0x4f000000,
                                        0xcf000001, 0x3f000000, 0x4effffff };
    uint64_t r = krand();
    uint32_t bits;
    if (r % 16 == 0)
        bits = special[(r >> 8) % (sizeof special / sizeof special[0])];
    else
        bits = ((uint32_t)(r >> 16) & 0x807fffffu) | (uint32_t)(100 + (r >> 40) % 56) << 23;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static double dval(void)
{
    uint64_t r = krand();
    if (r % 16 == 0)
        return (double)fval();
    uint64_t bits = (krand() & 0x800fffffffffffffull) | (uint64_t)(990 + (r >> 40) % 70) << 52;
    double d;
    memcpy(&d, &bits, 8);
    return d;
}

__attribute__((noinline)) static void saxpy(float a)
{
    for (int i = 0; i < N; i++)
        fr[i] = a * fa[i] + fb[i];
}

__attribute__((noinline)) static void fmaf_loop(void)
{
    for (int i = 0; i < N; i++)
        fr[i] = fmaf(fa[i], fb[i], fc[i]);
}

__attribute__((noinline)) static void fminmax(void)
{
    for (int i = 0; i < N; i++)
        fr[i] = fmaxf(fminf(fa[i], fb[i]), fc[i]);
}

__attribute__((noinline)) static void fsel(void)
{
    for (int i = 0; i < N; i++)
        fr[i] = fa[i] > fb[i] ? fa[i] - fb[i] : fc[i] * 0.5f;
}

__attribute__((noinline)) static void fdivsqrt(void)
{
    for (int i = 0; i < N; i++)
        fr[i] = sqrtf(fabsf(fa[i])) / (fb[i] + 1.0f);
}

__attribute__((noinline)) static void f2i(void)
{
    for (int i = 0; i < N; i++) {
        ir[i] = (int32_t)fa[i];
        ur[i] = (uint32_t)fb[i];
    }
}

__attribute__((noinline)) static void i2f(void)
{
    for (int i = 0; i < N; i++)
        fr[i] = (float)ir[i] + (float)ur[i];
}

__attribute__((noinline)) static void round_loops(void)
{
    for (int i = 0; i < N; i++)
        fr[i] = floorf(fa[i]) + ceilf(fb[i]) + truncf(fc[i]) + roundf(fa[i]) + rintf(fb[i]);
}

__attribute__((noinline)) static void daxpy(double a)
{
    for (int i = 0; i < N; i++)
        dr[i] = a * da[i] + db[i];
}

__attribute__((noinline)) static void dfma(void)
{
    for (int i = 0; i < N; i++)
        dr[i] = fma(da[i], db[i], dc[i]) - fabs(dc[i]);
}

__attribute__((noinline)) static void ddiv(void)
{
    for (int i = 0; i < N; i++)
        dr[i] = sqrt(fabs(da[i])) / db[i] + fmin(da[i], dc[i]);
}

__attribute__((noinline)) static void d2l(void)
{
    for (int i = 0; i < N; i++)
        lr[i] = (int64_t)da[i] + llround(db[i] * 0.001);
}

__attribute__((noinline)) static void precision(void)
{
    for (int i = 0; i < N; i++) {
        fr[i] = (float)da[i];
        dr[i] = (double)fa[i] * (double)fb[i];
    }
}

__attribute__((noinline, optimize("fast-math"))) static float fsum_fast(void)
{
    float s = 0;
    for (int i = 0; i < N; i++)
        s += fb[i] * fc[i];
    return s;
}

__attribute__((noinline, optimize("fast-math"))) static double dmax_fast(void)
{
    double m = -INFINITY;
    for (int i = 0; i < N; i++)
        m = da[i] > m ? da[i] : m;
    return m;
}

__attribute__((noinline)) static float fsum_strict(void)
{
    float s = 0;
    for (int i = 0; i < N; i++)
        s += fa[i];
    return s;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        fa[i] = fval();
        fb[i] = fval();
        fc[i] = fval();
        da[i] = dval();
        db[i] = dval();
        dc[i] = dval();
    }
    /* finite copies for the reductions, which should not just give NaN */
    static float fbf[N], fcf[N];
    for (int i = 0; i < N; i++) {
        fbf[i] = (float)(int)(krand() % 2001 - 1000) / 64.0f;
        fcf[i] = (float)(int)(krand() % 3001 - 1500) * 1.0e-3f;
    }
    saxpy(1.75f);
    kprint("saxpy", fr, sizeof fr);
    fmaf_loop();
    kprint("fmaf", fr, sizeof fr);
    fminmax();
    kprint("fminmax", fr, sizeof fr);
    fsel();
    kprint("fsel", fr, sizeof fr);
    fdivsqrt();
    kprint("fdivsqrt", fr, sizeof fr);
    f2i();
    kprint("f2i", ir, sizeof ir);
    kprint("f2u", ur, sizeof ur);
    i2f();
    kprint("i2f", fr, sizeof fr);
    round_loops();
    kprint("round", fr, sizeof fr);
    daxpy(-3.25);
    kprint("daxpy", dr, sizeof dr);
    dfma();
    kprint("dfma", dr, sizeof dr);
    ddiv();
    kprint("ddiv", dr, sizeof dr);
    d2l();
    kprint("d2l", lr, sizeof lr);
    precision();
    kprint("d2f", fr, sizeof fr);
    kprint("fmul-wide", dr, sizeof dr);
    memcpy(fb, fbf, sizeof fb);
    memcpy(fc, fcf, sizeof fc);
    float s = fsum_fast();
    kprint("fsum-fast", &s, sizeof s);
    memcpy(fa, fcf, sizeof fa);
    s = fsum_strict();
    kprint("fsum-strict", &s, sizeof s);
    double m = dmax_fast();
    kprint("dmax-fast", &m, sizeof m);
    printf("sample %a %a %a\n", (double)fr[5], dr[7], (double)s);
    return 0;
}
