/* guest-test: portable
 * About 5 MB of stdout through stdio into a pipe: many full-buffer write() calls, partial
 * writes handled by glibc, and the emulator's write path under volume. The runner compares
 * a digest (size, line count, sha256, first and last lines) instead of a huge file. */
#include <inttypes.h>
#include <stdio.h>

int main(void)
{
    uint32_t x = 20240601u, sum = 0;
    for (uint32_t i = 0; i < 110000; i++) {
        x = x * 1664525u + 1013904223u;
        sum += x >> 7;
        printf("line %06" PRIu32 " value %08" PRIx32 " running %010" PRIu32 "\n", i, x, sum);
    }
    /* A few very long lines too. */
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < 50000; i++)
            putchar('a' + (i + k) % 26);
        putchar('\n');
    }
    printf("end sum=%" PRIu32 "\n", sum);
    return 0;
}
