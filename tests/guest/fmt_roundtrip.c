/* guest-test: portable
 * Text <-> number conversions: printf's format directives, strtod of what %.17g and %a
 * print (bit-exact round trips over 6000 generated doubles), the shortest round-tripping
 * precision, strtol/strtoull in every base with overflow and end pointers, sscanf. glibc's
 * printf/strtod use multi-precision integer arithmetic, a good workout for 32-bit
 * multiplies with carries. */
#include <errno.h>
/* snprintf into a too-small buffer is deliberate: its return value is under test. */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}

static double from_bits(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

static void formats(void)
{
    char b[256];
    int n;
    snprintf(b, sizeof b, "[%d|%i|%u|%x|%X|%o|%#x|%#o|%+d|% d|%-8d|%08d|%.3d|%*d|%-*d]%n",
             -42, 42, 3000000000u, 0xbeefu, 0xbeefu, 8u, 255u, 8u, 5, 5, -7, -7, 7, 6, 33, 4,
             9, &n);
    printf("%s n=%d\n", b, n);
    snprintf(b, sizeof b, "[%f|%.0f|%.1f|%10.3f|%-10.2f|%+e|%E|%.0e|%g|%G|%#g|%.3g|%g|%g]",
             3.14159265, 2.5, 0.05, -1234.5678, 1.005, 12345.678, 0.000123, 5e10, 100000.0,
             1e-5, 1.0, 1234567.0, 1e100, 0.0001);
    printf("%s\n", b);
    snprintf(b, sizeof b, "[%s|%.3s|%10s|%-10s|%c|%%|%5c|%lld|%llu|%hhd|%hd|%zu|%jd]", "str",
             "abcdef", "right", "left", 'x', 'y', -9223372036854775807ll - 1,
             18446744073709551615ull, 300, 70000, (size_t)12345, (intmax_t)-5);
    printf("%s\n", b);
    snprintf(b, sizeof b, "[%" PRId64 "|%" PRIx64 "|%016" PRIX64 "|%a|%A|%.2a]", INT64_MIN,
             UINT64_MAX, (uint64_t)0xabcdefull, 1.0, -0.1, 3.0);
    printf("%s\n", b);
    /* Return value: the length that would have been written, even when truncated. */
    int want = snprintf(b, 10, "%s-%d", "truncated output", 12345);
    printf("truncated: [%s] want=%d\n", b, want);
    /* Rounding of halfway cases in decimal output (exact binary values). */
    printf("halfway: %.0f %.0f %.0f %.0f %.1f %.1f %.2f %.3f\n", 0.5, 1.5, 2.5, -2.5, 0.25,
           0.35, 1.125, 2.0625);
    printf("big: %.0f %.20g %.30e\n", 1e300, 123456789012345678901234567890.0, 1.0 / 3);
}

static void double_round_trips(void)
{
    unsigned fails17 = 0, failsa = 0, total = 0;
    unsigned hist[18] = {0};
    uint64_t hash = 0;
    for (int i = 0; i < 6000; i++) {
        uint64_t u = next();
        /* A mix: random bit patterns (any exponent), and "ordinary" decimals. */
        double d = i % 3 == 0 ? (double)(int64_t)(u >> 20) / 1000.0 : from_bits(u);
        if (d != d || d - d != 0)       /* skip NaN and infinities */
            continue;
        total++;
        char b[64];
        snprintf(b, sizeof b, "%.17g", d);
        fails17 += bits(strtod(b, NULL)) != bits(d);
        snprintf(b, sizeof b, "%a", d);
        failsa += bits(strtod(b, NULL)) != bits(d);
        int p;
        for (p = 1; p < 17; p++) {
            snprintf(b, sizeof b, "%.*g", p, d);
            if (bits(strtod(b, NULL)) == bits(d))
                break;
        }
        hist[p]++;
        for (char *c = b; *c; c++)
            hash = hash * 131 + (unsigned char)*c;
    }
    printf("doubles: total=%u fails %%.17g=%u %%a=%u shortest-hash=%016" PRIx64 "\n", total,
           fails17, failsa, hash);
    printf("shortest precision histogram:");
    for (int p = 1; p <= 17; p++)
        printf(" %u", hist[p]);
    printf("\n");

    static const char *inputs[] = {
        "0", "-0", "1e-400", "1e400", "-1e400", "2.2250738585072011e-308",
        "4.9406564584124654e-324", "2.4703282292062328e-324", "2.4703282292062327e-324",
        "0x1.fffffffffffffp+1023", "0x1p-1074", "  +3.5e2xyz", "inf", "-Infinity", "nan",
        "1.7976931348623158e308", "1.7976931348623159e308", "9007199254740993",
        "0.1000000000000000055511151231257827", ".5", "5.", "1e", "abc",
    };
    for (unsigned i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        char *end;
        errno = 0;
        double d = strtod(inputs[i], &end);
        int e = errno;
        float f = strtof(inputs[i], NULL);
        printf("strtod(\"%s\") = %.17g bits=%016" PRIx64 " used=%d erange=%d strtof=%.9g\n",
               inputs[i], d != d ? 0.0 / 1 : d, d != d ? 0 : bits(d), (int)(end - inputs[i]),
               e == ERANGE, d != d ? -1.0 : (double)f);
    }
}

static void integers(void)
{
    static const struct { const char *s; int base; } in[] = {
        {"12345", 10}, {"-2147483648", 10}, {"2147483647", 10}, {"  +77", 8}, {"0x1F", 16},
        {"0x1F", 0}, {"017", 0}, {"0b101", 2}, {"101", 2}, {"zz", 36}, {"Zz9", 36},
        {"-0", 10}, {"12abc", 10}, {"", 10}, {"-", 10}, {"0x", 16}, {"deadbeef", 16},
    };
    for (unsigned i = 0; i < sizeof in / sizeof *in; i++) {
        char *end;
        errno = 0;
        long long v = strtoll(in[i].s, &end, in[i].base);
        int e = errno;
        errno = 0;
        unsigned long long u = strtoull(in[i].s, NULL, in[i].base);
        printf("strtoll(\"%s\", %d) = %lld used=%d errno=%d strtoull=%llu\n", in[i].s,
               in[i].base, v, (int)(end - in[i].s), e, u);
    }
    static const char *over[] = {"9223372036854775807", "9223372036854775808",
                                 "-9223372036854775808", "-9223372036854775809",
                                 "18446744073709551615", "18446744073709551616", "-1"};
    for (unsigned i = 0; i < sizeof over / sizeof *over; i++) {
        errno = 0;
        long long v = strtoll(over[i], NULL, 10);
        int e1 = errno;
        errno = 0;
        unsigned long long u = strtoull(over[i], NULL, 10);
        int e2 = errno;
        printf("overflow \"%s\": strtoll=%lld erange=%d strtoull=%llu erange=%d\n", over[i], v,
               e1 == ERANGE, u, e2 == ERANGE);
    }
    /* Every int32 printed and parsed back, sampled. */
    unsigned bad = 0;
    for (int64_t v = INT32_MIN; v <= INT32_MAX; v += 65537) {
        char b[32];
        snprintf(b, sizeof b, "%" PRId32, (int32_t)v);
        bad += strtol(b, NULL, 10) != (long)v;
        snprintf(b, sizeof b, "%" PRIx32, (uint32_t)v);
        bad += (uint32_t)strtoul(b, NULL, 16) != (uint32_t)v;
    }
    printf("int32 round trips bad=%u\n", bad);
}

static void scanning(void)
{
    int a, n;
    unsigned x;
    double d;
    char w[16], c;
    int r = sscanf("  -17 0x2a 3.25e1 word! tail", "%d %x %lf %15[a-z]%c%n", &a, &x, &d, w,
                   &c, &n);
    printf("sscanf r=%d a=%d x=%u d=%.17g w=%s c=%c n=%d\n", r, a, x, d, w, c, n);
    long long ll;
    r = sscanf("123456789012 rest", "%lld", &ll);
    printf("sscanf ll r=%d %lld\n", r, ll);
}

int main(void)
{
    formats();
    double_round_trips();
    integers();
    scanning();
    return 0;
}
