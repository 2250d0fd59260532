/* CRC-32 (the IEEE 802.3 / zlib polynomial, reflected), table-driven a byte at a time,
 * over N MiB of pseudo-random data (default 768): loads, shifts and table lookups in a
 * tight loop. Checks itself on the standard "123456789" check value. */
#include <string.h>

#include "common.h"

static uint32_t table[256];

static void make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

/* crc is the running value in its non-inverted form, as zlib's crc32() passes it. */
static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t len)
{
    crc = ~crc;
    for (size_t i = 0; i < len; i++)
        crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

int main(int argc, char **argv)
{
    long mib = bench_size(argc, argv, 768);
    make_table();
    if (crc32_update(0, (const uint8_t *)"123456789", 9) != 0xcbf43926u) {
        fprintf(stderr, "crc32: wrong check value\n");
        return 1;
    }
    size_t chunk = 1 << 20;
    uint8_t *buf = bench_alloc(chunk);
    for (size_t i = 0; i < chunk; i++)
        buf[i] = (uint8_t)bench_rand32();
    uint32_t crc = 0;
    for (long i = 0; i < mib; i++) {
        buf[i % chunk] ^= 0x5a;
        crc = crc32_update(crc, buf, chunk);
    }
    printf("crc32 over %ld MiB: %08x\n", mib, crc);
    free(buf);
    return 0;
}
