/* glibc's AdvSIMD string and memory routines (memcpy, memmove, memset, memcmp, memchr,
 * memrchr, strlen, strnlen, strchr, strrchr, strcmp, strncmp, strcpy, stpcpy) over every
 * alignment of source and destination and lengths around the vector and page sizes; a
 * string ends at the end of a page followed by an unmapped one, as the routines' aligned
 * over-reads must allow. Prints one hash per routine of all its results. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kcommon.h"

#define BUF 4096

static unsigned char src[BUF + 128], dst[BUF + 128];
static const size_t lens[] = { 0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100,
                               127, 128, 129, 255, 256, 257, 1000, 2047 };
#define NLENS (sizeof lens / sizeof lens[0])

static uint64_t h;

static void mix(uint64_t v)
{
    h = (h ^ v) * 0x100000001b3ull;
}

static void fill(unsigned char *p, size_t n, int nonzero)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)krand();
        p[i] = nonzero && c == 0 ? 'a' : c;
    }
}

static void done(const char *name)
{
    printf("%-28s %016llx\n", name, (unsigned long long)h);
    h = 0xcbf29ce484222325ull;
}

int main(void)
{
    h = 0xcbf29ce484222325ull;
    for (unsigned sa = 0; sa < 16; sa++)
        for (unsigned da = 0; da < 16; da++)
            for (unsigned l = 0; l < NLENS; l++) {
                fill(src, sizeof src, 0);
                memset(dst, 0x5a, sizeof dst);
                memcpy(dst + da, src + sa, lens[l]);
                mix(khash(dst, sizeof dst));
            }
    done("memcpy");
    for (unsigned sa = 0; sa < 16; sa++)
        for (unsigned l = 0; l < NLENS; l++) {
            fill(dst, sizeof dst, 0);
            memmove(dst + sa + 5, dst + sa, lens[l]);
            mix(khash(dst, sizeof dst));
            memmove(dst + sa, dst + sa + 9, lens[l]);
            mix(khash(dst, sizeof dst));
        }
    done("memmove");
    for (unsigned da = 0; da < 16; da++)
        for (unsigned l = 0; l < NLENS; l++) {
            memset(dst, 1, sizeof dst);
            memset(dst + da, (int)(da * 17 + l), lens[l]);
            mix(khash(dst, sizeof dst));
            memset(dst + da, 0, lens[l]);
            mix(khash(dst, sizeof dst));
        }
    done("memset");
    for (unsigned sa = 0; sa < 16; sa++)
        for (unsigned l = 1; l < NLENS; l++) {
            fill(src, sizeof src, 0);
            memcpy(dst + 3, src + sa, lens[l]);
            size_t at = krand() % lens[l];
            dst[3 + at] ^= (unsigned char)(1 + krand() % 255);
            int r = memcmp(src + sa, dst + 3, lens[l]);
            mix((uint64_t)(r > 0) - (uint64_t)(r < 0));
            mix((uint64_t)memcmp(src + sa, src + sa, lens[l]));
        }
    done("memcmp");
    for (unsigned sa = 0; sa < 16; sa++)
        for (unsigned l = 0; l < NLENS; l++) {
            fill(src, sizeof src, 1);
            int c = (int)(krand() % 256);
            if (lens[l])
                src[sa + krand() % lens[l]] = (unsigned char)c;
            const unsigned char *p = memchr(src + sa, c, lens[l]);
            const unsigned char *q = memrchr(src + sa, c, lens[l]);
            mix(p ? (uint64_t)(p - src) : ~0ull);
            mix(q ? (uint64_t)(q - src) : ~0ull);
        }
    done("memchr-memrchr");
    for (unsigned sa = 0; sa < 16; sa++)
        for (unsigned l = 0; l < NLENS; l++) {
            fill(src, sizeof src, 1);
            src[sa + lens[l]] = 0;
            mix(strlen((char *)src + sa));
            mix(strnlen((char *)src + sa, lens[l] / 2 + 1));
            int c = src[sa + (lens[l] ? krand() % lens[l] : 0)];
            char *p = strchr((char *)src + sa, c), *q = strrchr((char *)src + sa, c);
            mix(p ? (uint64_t)(p - (char *)src) : ~0ull);
            mix(q ? (uint64_t)(q - (char *)src) : ~0ull);
            p = strchr((char *)src + sa, 0);
            mix((uint64_t)(p - (char *)src));
        }
    done("strlen-strchr");
    for (unsigned sa = 0; sa < 16; sa++)
        for (unsigned da = 0; da < 16; da++)
            for (unsigned l = 0; l < NLENS; l += 3) {
                fill(src, sizeof src, 1);
                src[sa + lens[l]] = 0;
                char *e = stpcpy((char *)dst + da, (char *)src + sa);
                mix((uint64_t)(e - (char *)dst));
                mix((uint64_t)(strcmp((char *)dst + da, (char *)src + sa) != 0));
                if (lens[l])
                    dst[da + krand() % lens[l]] ^= 0x20;
                int r = strcmp((char *)dst + da, (char *)src + sa);
                mix((uint64_t)(r > 0) - (uint64_t)(r < 0));
                r = strncmp((char *)dst + da, (char *)src + sa, lens[l] / 2);
                mix((uint64_t)(r > 0) - (uint64_t)(r < 0));
                strcpy((char *)dst, (char *)src + sa);
                mix(khash(dst, lens[l] + 1));
            }
    done("strcpy-strcmp");

    /* strings that end right before an unmapped page */
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *map = mmap(NULL, 2 * (size_t)pg, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED || munmap(map + pg, (size_t)pg))
        return 1;
    for (unsigned l = 0; l < 80; l++) {
        unsigned char *s = map + pg - 1 - l;
        memset(map, 'x', (size_t)pg);
        s[l] = 0;
        mix(strlen((char *)s));
        mix((uint64_t)(strchr((char *)s, 'y') == NULL));
        mix((uint64_t)(memchr(s, 'q', l + 1) == NULL));
        mix((uint64_t)(strcmp((char *)s, (char *)s) == 0));
        mix((uint64_t)((unsigned char *)rawmemchr(s, 0) - s));
    }
    done("page-end");
    return 0;
}
