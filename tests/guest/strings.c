/* guest-test: portable
 * glibc's string functions on ARM are hand-written assembly (NEON and ldrd/ldm word-at-a-
 * time loops, unaligned heads and tails). Run them over every length up to 80 and every
 * source/destination misalignment, check each result against an obvious byte loop, check
 * that guard bytes around the destination are untouched, and print a per-function summary
 * (check count, failures, and a hash of all results). Strings that end just before an
 * unmapped page catch over-reads. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

/* strncpy without room for the terminator is the very case being tested. */
#pragma GCC diagnostic ignored "-Wstringop-truncation"

#define MAXLEN 80
#define ALIGNS 8
#define BUFSZ 256

static unsigned char src[BUFSZ], dst[BUFSZ], ref[BUFSZ];

struct stat_ {
    const char *name;
    unsigned checks, fails;
    uint32_t hash;
};

static void note(struct stat_ *s, int ok, long value, const char *detail_fmt, unsigned a,
                 unsigned b, unsigned c)
{
    s->checks++;
    s->hash = (s->hash ^ (uint32_t)value) * 16777619u;
    if (!ok) {
        if (s->fails++ < 5) {
            printf("FAIL %s: ", s->name);
            printf(detail_fmt, a, b, c);
            printf("\n");
        }
    }
}

static void report(const struct stat_ *s)
{
    printf("%-10s checks=%u fails=%u hash=%08" PRIx32 "\n", s->name, s->checks, s->fails,
           s->hash);
}

static int sign(int x) { return (x > 0) - (x < 0); }

/* Deterministic fill: nonzero bytes (so strings end where we put the NUL), varied values. */
static void fill(unsigned char *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        p[i] = (unsigned char)(1 + (seed >> 24) % 250);
    }
}

static void test_mem(void)
{
    struct stat_ cpy = {"memcpy", 0, 0, 2166136261u}, set = {"memset", 0, 0, 2166136261u};
    struct stat_ cmp = {"memcmp", 0, 0, 2166136261u}, chr = {"memchr", 0, 0, 2166136261u};
    struct stat_ mov = {"memmove", 0, 0, 2166136261u}, rchr = {"memrchr", 0, 0, 2166136261u};
    for (unsigned sa = 0; sa < ALIGNS; sa++)
        for (unsigned da = 0; da < ALIGNS; da++)
            for (unsigned len = 0; len <= MAXLEN; len++) {
                fill(src, BUFSZ, sa * 131 + da * 7 + len);
                memset(dst, 0xee, BUFSZ);
                memcpy(dst + 16 + da, src + sa, len);
                int ok = memcmp(dst + 16 + da, src + sa, len) == 0;
                for (unsigned i = 0; i < 16 + da; i++)
                    ok &= dst[i] == 0xee;
                for (unsigned i = 16 + da + len; i < BUFSZ; i++)
                    ok &= dst[i] == 0xee;
                note(&cpy, ok, len, "sa=%u da=%u len=%u", sa, da, len);

                memset(dst, 0xee, BUFSZ);
                memset(dst + 16 + da, (int)(sa * 37 + 1), len);
                ok = 1;
                for (unsigned i = 0; i < BUFSZ; i++)
                    ok &= dst[i] == ((i >= 16 + da && i < 16 + da + len)
                                     ? (unsigned char)(sa * 37 + 1) : 0xee);
                note(&set, ok, len, "fill=%u da=%u len=%u", sa, da, len);

                /* memcmp: equal, then differ at each of a few positions, both signs. */
                memcpy(dst + da, src + sa, len);
                int r = memcmp(dst + da, src + sa, len);
                note(&cmp, r == 0, r, "sa=%u da=%u len=%u equal", sa, da, len);
                if (len) {
                    unsigned pos = (sa * 11 + da * 5) % len;
                    dst[da + pos] = (unsigned char)(src[sa + pos] + 3);
                    r = memcmp(dst + da, src + sa, len);
                    note(&cmp, sign(r) == 1, sign(r), "sa=%u da=%u len=%u greater", sa, da,
                         len);
                    r = memcmp(src + sa, dst + da, len);
                    note(&cmp, sign(r) == -1, sign(r), "sa=%u da=%u len=%u less", sa, da,
                         len);
                }

                /* memchr / memrchr for a byte placed at a chosen spot (or absent). */
                fill(src, BUFSZ, len);
                for (unsigned i = 0; i < BUFSZ; i++)
                    if (src[i] == 0xfd)
                        src[i] = 0x11;
                long want = len ? (long)((sa * 3 + da) % (len + 1)) : 0;
                if (want < (long)len)
                    src[sa + want] = 0xfd;
                else
                    want = -1;
                unsigned char *p = memchr(src + sa, 0xfd, len);
                long got = p ? p - (src + sa) : -1;
                note(&chr, got == want, got, "sa=%u da=%u len=%u", sa, da, len);
                p = memrchr(src + sa, 0xfd, len);
                got = p ? p - (src + sa) : -1;
                note(&rchr, got == want, got, "sa=%u da=%u len=%u", sa, da, len);

                /* memmove with overlap in both directions. */
                fill(src, BUFSZ, len * 3 + sa);
                memcpy(ref, src, BUFSZ);
                unsigned shift = da + 1;
                memmove(src + 32 + sa + shift, src + 32 + sa, len);
                ok = memcmp(src + 32 + sa + shift, ref + 32 + sa, len) == 0 &&
                     memcmp(src, ref, 32 + sa + shift) == 0;
                note(&mov, ok, len, "up sa=%u shift=%u len=%u", sa, shift, len);
                memcpy(src, ref, BUFSZ);
                memmove(src + 32 + sa, src + 32 + sa + shift, len);
                ok = memcmp(src + 32 + sa, ref + 32 + sa + shift, len) == 0 &&
                     memcmp(src + 32 + sa + len, ref + 32 + sa + len, BUFSZ - 32 - sa - len)
                         == 0;
                note(&mov, ok, len, "down sa=%u shift=%u len=%u", sa, shift, len);
            }
    report(&cpy);
    report(&set);
    report(&cmp);
    report(&chr);
    report(&rchr);
    report(&mov);
}

static size_t ref_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static void test_str(void)
{
    struct stat_ len_ = {"strlen", 0, 0, 2166136261u}, cpy = {"strcpy", 0, 0, 2166136261u};
    struct stat_ cmp = {"strcmp", 0, 0, 2166136261u}, ncmp = {"strncmp", 0, 0, 2166136261u};
    struct stat_ chr = {"strchr", 0, 0, 2166136261u}, rchr = {"strrchr", 0, 0, 2166136261u};
    struct stat_ cat = {"strcat", 0, 0, 2166136261u}, ncpy = {"strncpy", 0, 0, 2166136261u};
    struct stat_ nlen = {"strnlen", 0, 0, 2166136261u}, stp = {"stpcpy", 0, 0, 2166136261u};
    char *s = (char *)src, *d = (char *)dst;
    for (unsigned sa = 0; sa < ALIGNS; sa++)
        for (unsigned da = 0; da < ALIGNS; da++)
            for (unsigned len = 0; len <= MAXLEN; len++) {
                fill(src, BUFSZ, sa * 17 + da * 3 + len * 101);
                src[sa + len] = 0;
                size_t l = strlen(s + sa);
                note(&len_, l == len, (long)l, "sa=%u da=%u len=%u", sa, da, len);
                size_t nl = strnlen(s + sa, da * 9);
                note(&nlen, nl == (len < da * 9 ? len : da * 9), (long)nl, "sa=%u max=%u len=%u",
                     sa, da * 9, len);

                memset(dst, 0xee, BUFSZ);
                char *r = strcpy(d + 16 + da, s + sa);
                int ok = r == d + 16 + da && memcmp(d + 16 + da, s + sa, len + 1) == 0 &&
                         dst[15 + da] == 0xee && dst[16 + da + len + 1] == 0xee;
                note(&cpy, ok, len, "sa=%u da=%u len=%u", sa, da, len);
                memset(dst, 0xee, BUFSZ);
                r = stpcpy(d + 16 + da, s + sa);
                note(&stp, r == d + 16 + da + len && dst[16 + da + len + 1] == 0xee, len,
                     "sa=%u da=%u len=%u", sa, da, len);

                /* strncpy pads with NULs up to n, and does not terminate when len >= n. */
                memset(dst, 0xee, BUFSZ);
                unsigned n = (len + da * 3) % 90;
                strncpy(d + 16 + da, s + sa, n);
                ok = dst[16 + da + n] == 0xee && dst[15 + da] == 0xee;
                for (unsigned i = 0; i < n; i++)
                    ok &= dst[16 + da + i] == (i < len ? src[sa + i] : 0);
                note(&ncpy, ok, n, "sa=%u n=%u len=%u", sa, n, len);

                /* strcmp: equal copy, then one byte changed (greater and less). */
                memcpy(d + da, s + sa, len + 1);
                int c = strcmp(d + da, s + sa);
                note(&cmp, c == 0, c, "sa=%u da=%u len=%u equal", sa, da, len);
                if (len) {
                    unsigned pos = (sa + da * 7) % len;
                    dst[da + pos] = (unsigned char)(src[sa + pos] < 128 ? 200 : 5);
                    int want = src[sa + pos] < 128 ? 1 : -1;
                    c = strcmp(d + da, s + sa);
                    note(&cmp, sign(c) == want, sign(c), "sa=%u da=%u len=%u differ", sa, da,
                         len);
                    c = strncmp(d + da, s + sa, pos);
                    note(&ncmp, c == 0, c, "sa=%u da=%u n=%u before", sa, da, pos);
                    c = strncmp(d + da, s + sa, pos + 1);
                    note(&ncmp, sign(c) == want, sign(c), "sa=%u da=%u n=%u at", sa, da, pos);
                    /* A shorter string is less: compare against a truncated copy. */
                    memcpy(d + da, s + sa, len + 1);
                    dst[da + len - 1] = 0;
                    c = strcmp(d + da, s + sa);
                    note(&cmp, sign(c) == -1, sign(c), "sa=%u da=%u len=%u prefix", sa, da,
                         len);
                }

                /* strchr/strrchr: a byte placed twice, and the NUL terminator itself. */
                for (unsigned i = 0; i < len; i++)
                    if (src[sa + i] == 'Z')
                        src[sa + i] = 'y';
                long first = -1, last = -1;
                if (len) {
                    first = (long)((sa * 5 + da) % len);
                    last = (long)((first + len / 2) % len);
                    if (last < first) {
                        long t = first;
                        first = last;
                        last = t;
                    }
                    src[sa + first] = 'Z';
                    src[sa + last] = 'Z';
                }
                char *p = strchr(s + sa, 'Z');
                long got = p ? p - (s + sa) : -1;
                note(&chr, got == first, got, "sa=%u da=%u len=%u", sa, da, len);
                p = strchr(s + sa, 0);
                note(&chr, p == s + sa + len, len, "sa=%u da=%u len=%u nul", sa, da, len);
                p = strrchr(s + sa, 'Z');
                got = p ? p - (s + sa) : -1;
                note(&rchr, got == last, got, "sa=%u da=%u len=%u", sa, da, len);

                /* strcat onto a prefix of varying length. */
                unsigned pre = da * 5;
                memset(dst, 0xee, BUFSZ);
                memset(d + 8, 'p', pre);
                dst[8 + pre] = 0;
                strcat(d + 8, s + sa);
                ok = ref_strlen(d + 8) == pre + len && memcmp(d + 8 + pre, s + sa, len) == 0 &&
                     dst[8 + pre + len + 1] == 0xee;
                note(&cat, ok, pre + len, "sa=%u pre=%u len=%u", sa, pre, len);
            }
    report(&len_);
    report(&nlen);
    report(&cpy);
    report(&stp);
    report(&ncpy);
    report(&cmp);
    report(&ncmp);
    report(&chr);
    report(&rchr);
    report(&cat);
}

static void test_misc(void)
{
    const char *hay = "the quick brown fox jumps over the lazy dog; THE QUICK BROWN FOX";
    const char *needles[] = {"the", "fox", "dog;", "THE", "lazy dog", "", "x", "FOX",
                             "quick brown fox jumps", "zzz", "o"};
    for (unsigned i = 0; i < sizeof needles / sizeof *needles; i++) {
        const char *p = strstr(hay, needles[i]);
        const char *q = memmem(hay, strlen(hay), needles[i], strlen(needles[i]));
        const char *c = strcasestr(hay + 5, needles[i]);
        printf("strstr %-22s %3ld memmem %3ld strcasestr %3ld\n", needles[i],
               p ? (long)(p - hay) : -1L, q ? (long)(q - hay) : -1L,
               c ? (long)(c - hay) : -1L);
    }
    printf("strspn %zu strcspn %zu strpbrk %ld\n", strspn(hay, "the qu"),
           strcspn(hay, ";X"), (long)(strpbrk(hay, "xyz") - hay));
    printf("strcasecmp %d %d %d strncasecmp %d\n", sign(strcasecmp("Hello", "hELLO")),
           sign(strcasecmp("abc", "ABD")), sign(strcasecmp("b", "A")),
           sign(strncasecmp("prefixA", "PREFIXb", 6)));
    char buf[128];
    strcpy(buf, "a,b,,c;d e,;f");
    char *save, *tok;
    printf("strtok_r:");
    for (tok = strtok_r(buf, ",; ", &save); tok; tok = strtok_r(NULL, ",; ", &save))
        printf(" [%s]", tok);
    printf("\n");
    char *dup = strdup(hay);
    char *ndup = strndup(hay, 9);
    printf("strdup %d strndup [%s]\n", strcmp(dup, hay) == 0, ndup);
    free(dup);
    free(ndup);
    printf("rawmemchr %ld strchrnul %ld\n", (long)((char *)rawmemchr(hay, 'j') - hay),
           (long)(strchrnul(hay, '#') - hay));
}

/* Strings ending right before an unmapped page: vectorized scans must not read past. */
static void test_page_edge(void)
{
    long pg = 4096;
    unsigned char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED || mprotect(m + pg, pg, PROT_NONE) != 0) {
        printf("page edge: mmap/mprotect failed\n");
        return;
    }
    unsigned fails = 0, checks = 0;
    for (unsigned len = 0; len < 70; len++) {
        unsigned char *s = m + pg - len - 1;
        fill(s, len, len);
        s[len] = 0;
        checks += 6;
        fails += strlen((char *)s) != len;
        fails += strchr((char *)s, 0) != (char *)s + len;
        fails += memchr(s, 0, len + 1) != s + len;
        fails += strrchr((char *)s, 0) != (char *)s + len;
        fails += strcmp((char *)s, (char *)s) != 0;
        fails += rawmemchr(s, 0) != s + len;
        /* Two strings both ending at the edge, equal and unequal. */
        if (len > 1) {
            memcpy(m, s, len + 1);
            checks += 1;
            fails += strcmp((char *)m, (char *)s) != 0;
        }
    }
    printf("page edge checks=%u fails=%u\n", checks, fails);
    munmap(m, 2 * pg);
}

int main(void)
{
    test_mem();
    test_str();
    test_misc();
    test_page_edge();
    return 0;
}
