/* malloc/free churn, N operations (default 6M): a table of 16384 live blocks in which
 * each step frees a random block and allocates one of a random size (mostly small, some
 * page-sized, a few large enough for mmap), touching its first and last bytes. Results
 * depend only on the contents, never on addresses. */
#include <string.h>

#include "common.h"

#define SLOTS 16384

static size_t pick_size(void)
{
    uint32_t r = bench_rand32();
    if (r % 4096 == 0)
        return 200000 + r % 100000;   /* above glibc's mmap threshold */
    if (r % 16 == 0)
        return 1024 + r % 8192;
    return 8 + r % 120;
}

int main(int argc, char **argv)
{
    long ops = bench_size(argc, argv, 6L << 20);
    static unsigned char *blk[SLOTS];
    static size_t len[SLOTS];
    uint32_t acc = 0;
    for (long i = 0; i < ops; i++) {
        uint32_t k = bench_rand32() % SLOTS;
        if (blk[k]) {
            acc = acc * 33 + blk[k][0] + blk[k][len[k] - 1];
            free(blk[k]);
        }
        len[k] = pick_size();
        blk[k] = malloc(len[k]);
        if (!blk[k]) {
            fprintf(stderr, "malloc: out of memory\n");
            return 1;
        }
        blk[k][0] = (unsigned char)i;
        blk[k][len[k] - 1] = (unsigned char)(i >> 8);
    }
    for (int k = 0; k < SLOTS; k++)
        free(blk[k]);
    printf("malloc: %ld allocations, checksum %08x\n", ops, acc);
    return 0;
}
