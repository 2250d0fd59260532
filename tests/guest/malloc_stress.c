/* guest-test: portable
 * malloc/free/realloc/calloc stress: thousands of live blocks of sizes from 1 byte to
 * several hundred KiB (the large ones come from mmap, the small ones from brk), each filled
 * with a pattern derived from its slot and verified before it is freed or resized. Exercises
 * brk, mmap2/munmap/mremap and glibc's allocator under the emulator. Prints checksums of the
 * contents, never addresses. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 2048

static uint32_t rng = 88172645u;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static unsigned char *blk[SLOTS];
static size_t len[SLOTS];
static uint32_t tag[SLOTS];

static unsigned char pat(uint32_t t, size_t i) { return (unsigned char)(t + i * 31 + (i >> 8)); }

/* Which bytes carry the pattern: all of the first and last 256, and every 61st between -
 * enough to catch lost or misplaced data while keeping big blocks cheap (the rest is
 * zeroed with memset, so the whole block is still written). */
static size_t next_sample(size_t i, size_t n)
{
    size_t j = i + 1;
    if (j < 256 || j + 256 >= n)
        return j;
    j = (j + 60) / 61 * 61;
    return j + 256 < n ? j : n - 256;
}

static void fillblk(int s)
{
    size_t n = len[s];
    memset(blk[s], 0, n);
    for (size_t i = 0; i < n; i = next_sample(i, n))
        blk[s][i] = pat(tag[s], i);
}

/* Returns the number of sampled bytes below n that do not hold the expected pattern. */
static size_t checkblk(int s, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i = next_sample(i, len[s]))
        bad += blk[s][i] != pat(tag[s], i);
    return bad;
}

static size_t pick_size(void)
{
    uint32_t r = next();
    switch (r % 16) {
    case 0: return 0;
    case 1: case 2: case 3: case 4: case 5: case 6: return 1 + (r >> 8) % 64;
    case 7: case 8: case 9: case 10: return 64 + (r >> 8) % 1024;
    case 11: case 12: case 13: return 1024 + (r >> 8) % 16384;
    case 14: return 16384 + (r >> 8) % 131072;
    default: return 131072 + (r >> 8) % 400000;   /* above the mmap threshold */
    }
}

int main(void)
{
    size_t bad = 0, live_bytes = 0, max_live = 0;
    unsigned nmalloc = 0, nfree = 0, nrealloc = 0, ncalloc = 0;
    uint32_t sum = 0;
    for (int round = 0; round < 30000; round++) {
        int s = (int)(next() % SLOTS);
        uint32_t op = next() % 10;
        if (!blk[s]) {
            len[s] = pick_size();
            tag[s] = next();
            if (op < 2) {
                blk[s] = calloc(len[s] ? len[s] : 1, 1);
                ncalloc++;
                for (size_t i = 0; i < len[s]; i = next_sample(i, len[s]))
                    bad += blk[s][i] != 0;
            } else {
                blk[s] = malloc(len[s] ? len[s] : 1);
                nmalloc++;
            }
            if (!blk[s]) {
                printf("allocation of %zu failed\n", len[s]);
                return 1;
            }
            fillblk(s);
            live_bytes += len[s];
        } else if (op < 6) {
            bad += checkblk(s, len[s]);
            for (size_t i = 0; i < len[s]; i += 97)
                sum = (sum ^ blk[s][i]) * 16777619u;
            free(blk[s]);
            blk[s] = NULL;
            live_bytes -= len[s];
            nfree++;
        } else {
            /* realloc keeps the common prefix: verify it, then refill the whole block. */
            size_t nl = pick_size();
            unsigned char *p = realloc(blk[s], nl ? nl : 1);
            if (!p) {
                printf("realloc to %zu failed\n", nl);
                return 1;
            }
            blk[s] = p;
            bad += checkblk(s, len[s] < nl ? len[s] : nl);
            live_bytes = live_bytes - len[s] + nl;
            len[s] = nl;
            tag[s] = next();
            fillblk(s);
            nrealloc++;
        }
        if (live_bytes > max_live)
            max_live = live_bytes;
    }
    for (int s = 0; s < SLOTS; s++)
        if (blk[s]) {
            bad += checkblk(s, len[s]);
            free(blk[s]);
            nfree++;
        }
    printf("malloc=%u calloc=%u realloc=%u free=%u max_live=%zu bad=%zu sum=%08" PRIx32 "\n",
           nmalloc, ncalloc, nrealloc, nfree, max_live, bad, sum);

    /* Growing one buffer by doubling, as a vector would, then shrinking it back. */
    size_t cap = 16;
    uint32_t *v = malloc(cap * sizeof *v);
    for (uint32_t i = 0; i < 1000000; i++) {
        if (i == cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof *v);
        }
        v[i] = i * 2654435761u;
    }
    v = realloc(v, 1000 * sizeof *v);
    uint32_t h = 0;
    for (uint32_t i = 0; i < 1000; i++)
        h = h * 31 + v[i];
    printf("vector cap=%zu h=%08" PRIx32 "\n", cap, h);
    free(v);

    /* Aligned allocations. */
    unsigned misaligned = 0;
    for (size_t a = 8; a <= 65536; a *= 2) {
        void *p = aligned_alloc(a, a * 3);
        void *q = NULL;
        if (posix_memalign(&q, a, 100) != 0)
            misaligned += 1000;
        misaligned += ((uintptr_t)p % a != 0) + ((uintptr_t)q % a != 0);
        memset(p, 0x5a, a * 3);
        free(p);
        free(q);
    }
    printf("aligned misaligned=%u\n", misaligned);
    return 0;
}
