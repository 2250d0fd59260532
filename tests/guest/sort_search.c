/* guest-test: portable
 * qsort and bsearch from glibc on several element sizes and orderings (glibc's qsort is a
 * merge sort using memcpy of the element size, with a quicksort fallback), with stable-
 * looking output: the sorted data is checksummed and spot-printed. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng = 2463534242u;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A 24-byte record ordered by key then by id, so the order is total and deterministic
 * whatever algorithm the library picks. */
struct rec {
    uint16_t key;
    uint8_t pad;
    uint32_t id;
    char name[14];
};

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint32_t fnv(const void *p, size_t n)
{
    const unsigned char *c = p;
    uint32_t h = 2166136261u;
    while (n--)
        h = (h ^ *c++) * 16777619u;
    return h;
}

static void ints(size_t n, int kind)
{
    int32_t *a = malloc(n * sizeof *a);
    for (size_t i = 0; i < n; i++)
        a[i] = kind == 0 ? (int32_t)next() : kind == 1 ? (int32_t)i
             : kind == 2 ? (int32_t)(n - i) : (int32_t)(next() % 10) - 5;
    qsort(a, n, sizeof *a, cmp_i32);
    int sorted = 1;
    for (size_t i = 1; i < n; i++)
        sorted &= a[i - 1] <= a[i];
    unsigned found = 0, absent = 0;
    for (int k = 0; k < 200; k++) {
        int32_t key = k < 100 && n ? a[(size_t)k * 7919 % n] : (int32_t)next() | 1;
        int32_t *p = bsearch(&key, a, n, sizeof *a, cmp_i32);
        if (p && *p == key)
            found++;
        else if (!p)
            absent++;
    }
    printf("int32 n=%zu kind=%d sorted=%d min=%" PRId32 " max=%" PRId32
           " hash=%08" PRIx32 " found=%u absent=%u\n", n, kind, sorted, n ? a[0] : 0,
           n ? a[n - 1] : 0, fnv(a, n * sizeof *a), found, absent);
    free(a);
}

int main(void)
{
    static const size_t sizes[] = {0, 1, 2, 3, 7, 16, 100, 1000, 20000};
    for (unsigned s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (int kind = 0; kind < 4; kind++)
            ints(sizes[s], kind);

    static uint64_t u[5000];
    for (int i = 0; i < 5000; i++)
        u[i] = ((uint64_t)next() << 32) | next();
    qsort(u, 5000, sizeof *u, cmp_u64);
    printf("u64 first=%016" PRIx64 " mid=%016" PRIx64 " last=%016" PRIx64 " hash=%08" PRIx32
           "\n", u[0], u[2500], u[4999], fnv(u, sizeof u));

    static double d[3000];
    for (int i = 0; i < 3000; i++)
        d[i] = ((int32_t)next()) / 65536.0;
    qsort(d, 3000, sizeof *d, cmp_double);
    printf("double first=%.17g last=%.17g hash=%08" PRIx32 "\n", d[0], d[2999],
           fnv(d, sizeof d));

    static struct rec r[4000];
    memset(r, 0, sizeof r);
    for (int i = 0; i < 4000; i++) {
        r[i].key = (uint16_t)(next() % 300);
        r[i].id = (uint32_t)i;
        snprintf(r[i].name, sizeof r[i].name, "n%u", (unsigned)(next() % 100000));
    }
    qsort(r, 4000, sizeof *r, cmp_rec);
    uint32_t h = 2166136261u;
    for (int i = 0; i < 4000; i++)
        h = (h ^ r[i].key ^ (r[i].id << 16) ^ fnv(r[i].name, strlen(r[i].name))) * 16777619u;
    printf("rec first=%u/%" PRIu32 "/%s last=%u/%" PRIu32 "/%s hash=%08" PRIx32 "\n",
           r[0].key, r[0].id, r[0].name, r[3999].key, r[3999].id, r[3999].name, h);
    struct rec key = {.key = r[1234].key, .id = r[1234].id};
    struct rec *p = bsearch(&key, r, 4000, sizeof *r, cmp_rec);
    printf("rec bsearch %ld\n", p ? (long)(p - r) : -1L);

    static const char *words[] = {"pear", "apple", "fig", "banana", "kiwi", "apricot",
                                  "cherry", "date", "elderberry", "grape", "Apple", ""};
    const char *w[12];
    memcpy(w, words, sizeof w);
    qsort(w, 12, sizeof *w, cmp_str);
    for (int i = 0; i < 12; i++)
        printf("%s%s", i ? "," : "words: ", w[i]);
    printf("\n");
    return 0;
}
