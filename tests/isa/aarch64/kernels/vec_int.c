/* Autovectorized integer loops (gcc -O3) over 8, 16, 32 and 64-bit lanes: arithmetic,
 * widening multiply-accumulate, saturation by clamping, averages, absolute differences,
 * shifts, narrowing, selects, reductions, population counts, byte reversal, and the
 * strided accesses gcc turns into LD2/LD3/LD4 and ST2/ST3/ST4. Each kernel prints a hash
 * of its results. */
#include <stdint.h>
#include <stdlib.h>

#include "kcommon.h"

#define N 1031

static int8_t b8a[N], b8b[N], b8r[N];
static uint8_t u8a[N], u8b[N], u8r[N];
static int16_t h16a[N], h16b[N], h16r[N];
static uint16_t uh16r[N];
static int32_t w32a[N], w32b[N], w32r[N];
static uint32_t uw32r[N];
static int64_t x64a[N], x64b[N], x64r[N];
static uint8_t rgb[3 * N], rgba[4 * N], gray[N];
static int16_t cplx[2 * N], cplx_r[2 * N];

__attribute__((noinline)) static void add_sub(void)
{
    for (int i = 0; i < N; i++) {
        b8r[i] = (int8_t)(b8a[i] + b8b[i]);
        h16r[i] = (int16_t)(h16a[i] - h16b[i]);
        w32r[i] = w32a[i] * w32b[i] + w32a[i];
        x64r[i] = x64a[i] + (x64b[i] >> 3);
    }
}

__attribute__((noinline)) static int32_t dot16(void)
{
    int32_t s = 0;
    for (int i = 0; i < N; i++)
        s += (int32_t)h16a[i] * h16b[i];
    return s;
}

__attribute__((noinline)) static void widen_mla(void)
{
    for (int i = 0; i < N; i++)
        w32r[i] += (int32_t)h16a[i] * h16b[i];
}

__attribute__((noinline)) static void sat_add(void)
{
    for (int i = 0; i < N; i++) {
        int s = u8a[i] + u8b[i];
        u8r[i] = (uint8_t)(s > 255 ? 255 : s);
        int t = h16a[i] + h16b[i];
        h16r[i] = (int16_t)(t > 32767 ? 32767 : t < -32768 ? -32768 : t);
    }
}

__attribute__((noinline)) static void average(void)
{
    for (int i = 0; i < N; i++)
        u8r[i] = (uint8_t)((u8a[i] + u8b[i] + 1) >> 1);
}

__attribute__((noinline)) static uint32_t sad(void)
{
    uint32_t s = 0;
    for (int i = 0; i < N; i++)
        s += (uint32_t)abs(u8a[i] - u8b[i]);
    return s;
}

__attribute__((noinline)) static void shifts(void)
{
    for (int i = 0; i < N; i++) {
        w32r[i] = w32a[i] >> (w32b[i] & 31);
        uw32r[i] = (uint32_t)w32a[i] << (w32b[i] & 31);
        h16r[i] = (int16_t)((h16a[i] >> 3) + (h16b[i] << 2));
        x64r[i] = (int64_t)((uint64_t)x64a[i] >> (x64b[i] & 63));
    }
}

__attribute__((noinline)) static void narrow(void)
{
    for (int i = 0; i < N; i++) {
        b8r[i] = (int8_t)(w32a[i] >> 24);
        uh16r[i] = (uint16_t)(x64a[i] >> 20);
    }
}

__attribute__((noinline)) static void select_abs(void)
{
    for (int i = 0; i < N; i++) {
        w32r[i] = w32a[i] > w32b[i] ? abs(w32a[i] % 1000) : -w32b[i];
        b8r[i] = (int8_t)(b8a[i] < 0 ? -b8a[i] : b8a[i]);
        x64r[i] = x64a[i] < x64b[i] ? x64a[i] : x64b[i];
    }
}

__attribute__((noinline)) static void minmax_reduce(int32_t *mx, int16_t *mn, uint8_t *umx)
{
    int32_t a = INT32_MIN;
    int16_t b = INT16_MAX;
    uint8_t c = 0;
    for (int i = 0; i < N; i++) {
        a = w32a[i] > a ? w32a[i] : a;
        b = h16a[i] < b ? h16a[i] : b;
        c = u8a[i] > c ? u8a[i] : c;
    }
    *mx = a, *mn = b, *umx = c;
}

__attribute__((noinline)) static void popcount(void)
{
    for (int i = 0; i < N; i++)
        u8r[i] = (uint8_t)__builtin_popcount(u8a[i]);
}

__attribute__((noinline)) static void bswap(void)
{
    for (int i = 0; i < N; i++) {
        uw32r[i] = __builtin_bswap32((uint32_t)w32a[i]);
        uh16r[i] = __builtin_bswap16((uint16_t)h16a[i]);
    }
}

__attribute__((noinline)) static void rgb_to_gray(void)
{
    for (int i = 0; i < N; i++)
        gray[i] = (uint8_t)((77 * rgb[3 * i] + 150 * rgb[3 * i + 1] + 29 * rgb[3 * i + 2]) >> 8);
}

__attribute__((noinline)) static void rgba_swap(void)
{
    for (int i = 0; i < N; i++) {
        uint8_t r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2], a = rgba[4 * i + 3];
        rgba[4 * i] = b, rgba[4 * i + 1] = g, rgba[4 * i + 2] = r;
        rgba[4 * i + 3] = (uint8_t)(a ^ 0xff);
    }
}

__attribute__((noinline)) static void complex_mul(void)
{
    for (int i = 0; i < N; i++) {
        int re = cplx[2 * i], im = cplx[2 * i + 1];
        cplx_r[2 * i] = (int16_t)((re * 3 - im * 5) >> 4);
        cplx_r[2 * i + 1] = (int16_t)((re * 5 + im * 3) >> 4);
    }
}

__attribute__((noinline)) static void reverse(void)
{
    for (int i = 0; i < N; i++)
        w32r[i] = w32a[N - 1 - i];
}

__attribute__((noinline)) static int64_t sum64(void)
{
    int64_t s = 0;
    for (int i = 0; i < N; i++)
        s += x64a[i] ^ (x64b[i] * 7);
    return s;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        uint64_t r = krand();
        b8a[i] = (int8_t)r, b8b[i] = (int8_t)(r >> 8);
        u8a[i] = (uint8_t)(r >> 16), u8b[i] = (uint8_t)(r >> 24);
        h16a[i] = (int16_t)(r >> 32), h16b[i] = (int16_t)(r >> 48);
        w32a[i] = (int32_t)krand(), w32b[i] = (int32_t)krand();
        x64a[i] = (int64_t)krand(), x64b[i] = (int64_t)krand();
        w32r[i] = (int32_t)(r >> 5);
        if (i % 17 == 0) {
            b8a[i] = INT8_MIN, h16a[i] = INT16_MIN, w32a[i] = INT32_MIN, u8a[i] = 255;
            x64a[i] = INT64_MIN;
        }
    }
    for (int i = 0; i < 3 * N; i++)
        rgb[i] = (uint8_t)krand();
    for (int i = 0; i < 4 * N; i++)
        rgba[i] = (uint8_t)krand();
    for (int i = 0; i < 2 * N; i++)
        cplx[i] = (int16_t)krand();

    add_sub();
    kprint("add-sub8", b8r, sizeof b8r);
    kprint("add-sub16", h16r, sizeof h16r);
    kprint("add-sub32", w32r, sizeof w32r);
    kprint("add-sub64", x64r, sizeof x64r);
    int32_t d = dot16();
    kprint("dot16", &d, sizeof d);
    widen_mla();
    kprint("widen-mla", w32r, sizeof w32r);
    sat_add();
    kprint("sat-add-u8", u8r, sizeof u8r);
    kprint("sat-add-s16", h16r, sizeof h16r);
    average();
    kprint("average", u8r, sizeof u8r);
    uint32_t s = sad();
    kprint("sad", &s, sizeof s);
    shifts();
    kprint("shift32", w32r, sizeof w32r);
    kprint("shl32", uw32r, sizeof uw32r);
    kprint("shift16", h16r, sizeof h16r);
    kprint("shift64", x64r, sizeof x64r);
    narrow();
    kprint("narrow8", b8r, sizeof b8r);
    kprint("narrow16", uh16r, sizeof uh16r);
    select_abs();
    kprint("select32", w32r, sizeof w32r);
    kprint("abs8", b8r, sizeof b8r);
    kprint("min64", x64r, sizeof x64r);
    int32_t mx;
    int16_t mn;
    uint8_t umx;
    minmax_reduce(&mx, &mn, &umx);
    printf("minmax %d %d %u\n", mx, mn, umx);
    popcount();
    kprint("popcount", u8r, sizeof u8r);
    bswap();
    kprint("bswap32", uw32r, sizeof uw32r);
    kprint("bswap16", uh16r, sizeof uh16r);
    rgb_to_gray();
    kprint("rgb-gray", gray, sizeof gray);
    rgba_swap();
    kprint("rgba-swap", rgba, sizeof rgba);
    complex_mul();
    kprint("complex", cplx_r, sizeof cplx_r);
    reverse();
    kprint("reverse", w32r, sizeof w32r);
    int64_t t = sum64();
    printf("sum64 %lld\n", (long long)t);
    return 0;
}
