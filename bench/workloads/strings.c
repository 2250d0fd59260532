/* String handling through the C library, N rounds (default 400) over 4096 strings of
 * 8-300 bytes that share long prefixes: strlen, memcpy, strcmp, strchr and memcmp, the
 * calls a compiler or a shell spends its time in. Only the signs of comparisons count,
 * since their magnitudes differ between C libraries. */
#include <string.h>

#include "common.h"

#define NSTR 4096

static int sign(int x)
{
    return (x > 0) - (x < 0);
}

/* Strings drawn from a few shared prefixes, so strcmp has to read far before it decides. */
static char **make_strings(void)
{
    static const char *prefixes[4] = {
        "/usr/lib/arm-linux-gnueabihf/",
        "/usr/lib/arm-linux-gnueabihf/gconv/",
        "/usr/share/locale/en_GB/LC_MESSAGES/",
        "",
    };
    char **s = bench_alloc(NSTR * sizeof *s);
    for (int i = 0; i < NSTR; i++) {
        const char *pre = prefixes[bench_rand32() % 4];
        size_t plen = strlen(pre);
        size_t len = plen + 8 + bench_rand32() % 260;
        s[i] = bench_alloc(len + 1);
        memcpy(s[i], pre, plen);
        for (size_t k = plen; k < len; k++)
            s[i][k] = (char)('a' + bench_rand32() % (k % 5 == 0 ? 2 : 26));
        s[i][len] = '\0';
    }
    return s;
}

static uint32_t one_round(char **s, char *buf, uint32_t round)
{
    uint32_t acc = 0;
    size_t off = 0;
    for (uint32_t i = 0; i < NSTR; i++) {
        const char *a = s[i], *b = s[(i * 7 + round) % NSTR];
        size_t len = strlen(a);
        if (off + len + 1 > 65536)
            off = 0;
        memcpy(buf + off, a, len + 1);
        acc = acc * 3 + (uint32_t)len + (uint32_t)sign(strcmp(buf + off, b));
        const char *q = strchr(buf + off, 'q');
        acc += q ? (uint32_t)(q - (buf + off)) : 7;
        size_t blen = strlen(b);
        acc += (uint32_t)sign(memcmp(a, b, len < blen ? len : blen));
        off += len + 1;
    }
    return acc;
}

int main(int argc, char **argv)
{
    long rounds = bench_size(argc, argv, 400);
    char **s = make_strings();
    char *buf = bench_alloc(65536);
    uint32_t acc = 0;
    for (long r = 0; r < rounds; r++)
        acc ^= one_round(s, buf, (uint32_t)r) + (uint32_t)r;
    printf("strings: %ld rounds over %d strings: %08x\n", rounds, NSTR, acc);
    for (int i = 0; i < NSTR; i++)
        free(s[i]);
    free(s);
    free(buf);
    return 0;
}
