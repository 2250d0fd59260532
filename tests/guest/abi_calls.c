/* guest-test: portable
 * The AAPCS (hard-float variant) at call boundaries: 64-bit arguments in even register
 * pairs (r0:r1 / r2:r3) and 8-byte aligned on the stack, floats and doubles in s/d
 * registers with back-filling of free s registers, homogeneous float aggregates in VFP
 * registers, small structs in r0, larger ones through a hidden pointer, many arguments
 * spilling onto the stack, variadic calls (where doubles go in core registers), and
 * narrow integer arguments/returns that must be extended. noinline keeps every call a real
 * call at -O2/-O3. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#define NI __attribute__((noinline))

struct small { uint8_t a; int8_t b; uint16_t c; };          /* 4 bytes: in r0 */
struct pair { int32_t x, y; };                               /* 8 bytes: memory return */
struct big { int32_t v[9]; double d; };
struct hfa4f { float a, b, c, d; };                          /* 4 floats: s0-s3 */
struct hfa3d { double a, b, c; };                            /* 3 doubles: d0-d2 */
struct mixed { char tag; double val; short s; };
struct bits { unsigned a : 4, b : 12; signed c : 7; unsigned d : 9; };

NI static int64_t sum_ll(int32_t a, int64_t b, int32_t c, int64_t d, int32_t e, int64_t f)
{
    return a + b * 3 + c * 5 + d * 7 + e * 11 + f * 13;
}

/* float, double, float, float, double...: s0, d1, s1 (back-fill), s4, d3, ... */
NI static double fp_mix(float a, double b, float c, float d, double e, float f, double g,
                        float h, double i, double j, float k)
{
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10 + k * 11;
}

/* More FP arguments than the 16 s / 8 d registers: the rest go on the stack. */
NI static double fp_many(double a, double b, double c, double d, double e, double f,
                         double g, double h, double i, double j, float k, double l)
{
    return a - b + c - d + e - f + g - h + i - j + k - l;
}

NI static int32_t int_many(int32_t a, int8_t b, uint8_t c, int16_t d, uint16_t e, int32_t f,
                           int64_t g, int32_t h, int8_t i, int64_t j)
{
    return (int32_t)(a + b + c + d + e + f + g + h + i + j);
}

NI static struct small mk_small(int x)
{
    struct small s = {(uint8_t)(x * 3), (int8_t)-x, (uint16_t)(x * 1000)};
    return s;
}

NI static struct pair mk_pair(int32_t x) { struct pair p = {x, -x * 2}; return p; }

NI static struct big mk_big(int32_t seed)
{
    struct big b;
    for (int i = 0; i < 9; i++)
        b.v[i] = seed * (i + 1);
    b.d = seed / 8.0;
    return b;
}

NI static double use_big(struct big b, int32_t k)
{
    double s = b.d;
    for (int i = 0; i < 9; i++)
        s += b.v[i] * k;
    return s;
}

NI static struct hfa4f scale4(struct hfa4f v, float k)
{
    struct hfa4f r = {v.a * k, v.b * k, v.c * k, v.d * k};
    return r;
}

NI static struct hfa3d cross(struct hfa3d u, struct hfa3d v)
{
    struct hfa3d r = {u.b * v.c - u.c * v.b, u.c * v.a - u.a * v.c, u.a * v.b - u.b * v.a};
    return r;
}

NI static double use_mixed(struct mixed m, int32_t x, struct mixed n)
{
    return m.tag + m.val * x + m.s + n.tag * 2 + n.val + n.s;
}

NI static uint32_t use_bits(struct bits b) { return b.a + b.b * 16u + (uint32_t)(b.c * 7) + b.d; }

NI static int8_t narrow_s(int32_t x) { return (int8_t)x; }
NI static uint16_t narrow_u(int32_t x) { return (uint16_t)x; }
NI static _Bool as_bool(int32_t x) { return x != 0; }

/* Variadic: types tagged by the format string, as printf does. */
NI static double vsum(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    double s = 0;
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': s += va_arg(ap, int32_t); break;
        case 'l': s += (double)va_arg(ap, int64_t); break;
        case 'd': s += va_arg(ap, double); break;
        case 's': { struct pair q = va_arg(ap, struct pair); s += q.x * 10 + q.y; break; }
        }
    }
    va_end(ap);
    return s;
}

typedef int64_t (*llfn)(int32_t, int64_t, int32_t, int64_t, int32_t, int64_t);

int main(void)
{
    volatile llfn f = sum_ll;
    printf("sum_ll %" PRId64 " %" PRId64 "\n", sum_ll(1, 2, 3, 4, 5, 6),
           f(-1, INT64_C(0x100000001), 7, INT64_C(-0x7fffffff00000000) / 7, 9,
             INT64_C(0x0123456789abcdef)));
    printf("fp_mix %.17g\n", fp_mix(1.5f, 2.25, 3.125f, 4.0625f, 5.5, 6.75f, 7.875, 8.5f,
                                    9.25, 10.125, 11.0625f));
    printf("fp_many %.17g\n", fp_many(1, 2.5, 3, 4.5, 5, 6.5, 7, 8.5, 9, 10.5, 11.25f, 12.75));
    printf("int_many %" PRId32 "\n", int_many(100000, -100, 200, -30000, 60000, -7,
                                              INT64_C(10000000000), 3, -128, -INT64_C(9999999999)));
    struct small s = mk_small(77);
    printf("small %u %d %u\n", s.a, s.b, s.c);
    struct pair p = mk_pair(123456);
    printf("pair %" PRId32 " %" PRId32 "\n", p.x, p.y);
    struct big b = mk_big(-31);
    printf("big %" PRId32 " %" PRId32 " %.17g use=%.17g\n", b.v[0], b.v[8], b.d, use_big(b, 3));
    struct hfa4f h = scale4((struct hfa4f){1.5f, -2.0f, 0.1f, 1e30f}, 3.0f);
    printf("hfa4f %.9g %.9g %.9g %.9g\n", (double)h.a, (double)h.b, (double)h.c, (double)h.d);
    struct hfa3d c = cross((struct hfa3d){1, 2, 3}, (struct hfa3d){-4.5, 0.25, 8});
    printf("hfa3d %.17g %.17g %.17g\n", c.a, c.b, c.c);
    printf("mixed %.17g\n", use_mixed((struct mixed){'A', 2.5, -300}, 7,
                                      (struct mixed){'z', -0.125, 32000}));
    printf("bits %" PRIu32 "\n", use_bits((struct bits){9, 4000, -50, 511}));
    printf("narrow %d %u %d %d\n", narrow_s(0x1ff), narrow_u(-1), as_bool(256), narrow_s(-129));
    struct pair q = {3, 4};
    printf("vsum %.17g\n", vsum("idlids", 1, 2.5, INT64_C(10000000000), -4, 0.125, q));
    printf("vsum2 %.17g\n", vsum("dddddddddd", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.5));
    return 0;
}
