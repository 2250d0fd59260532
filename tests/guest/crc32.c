/* guest-test: portable
 * CRC-32 (IEEE, reflected) and CRC-32C computed three ways: bit at a time (shifts and
 * conditional xor), byte table, and slicing-by-4 over 32-bit word loads from unaligned
 * offsets. All three must agree; the "123456789" check values are the published ones
 * (cbf43926 and e3069283). Also Adler-32, which leans on 32-bit modulo. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static uint32_t tab[4][256], ctab[256];

static void make_tables(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i, d = i;
        for (int k = 0; k < 8; k++) {
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
            d = (d >> 1) ^ (0x82f63b78u & (0u - (d & 1)));
        }
        tab[0][i] = c;
        ctab[i] = d;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 4; t++)
            tab[t][i] = (tab[t - 1][i] >> 8) ^ tab[0][tab[t - 1][i] & 0xff];
}

static uint32_t crc_bits(const unsigned char *p, size_t n, uint32_t poly)
{
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? (c >> 1) ^ poly : c >> 1;
    }
    return ~c;
}

static uint32_t crc_table(const unsigned char *p, size_t n, const uint32_t *t)
{
    uint32_t c = 0xffffffffu;
    while (n--)
        c = (c >> 8) ^ t[(c ^ *p++) & 0xff];
    return ~c;
}

/* Slicing-by-4: four table lookups per 32-bit word. The byte loads are assembled
 * little-endian (endian-neutral C); gcc merges them into one unaligned ldr on ARMv7. */
static uint32_t crc_slice4(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    while (n >= 4) {
        uint32_t w = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        c ^= w;
        c = tab[3][c & 0xff] ^ tab[2][(c >> 8) & 0xff] ^ tab[1][(c >> 16) & 0xff] ^
            tab[0][c >> 24];
        p += 4;
        n -= 4;
    }
    while (n--)
        c = (c >> 8) ^ tab[0][(c ^ *p++) & 0xff];
    return ~c;
}

static uint32_t adler32(const unsigned char *p, size_t n)
{
    uint32_t a = 1, b = 0;
    while (n--) {
        a = (a + *p++) % 65521;
        b = (b + a) % 65521;
    }
    return b << 16 | a;
}

int main(void)
{
    make_tables();
    const unsigned char *check = (const unsigned char *)"123456789";
    printf("check crc32 %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " crc32c %08" PRIx32
           " %08" PRIx32 " adler %08" PRIx32 "\n", crc_bits(check, 9, 0xedb88320u),
           crc_table(check, 9, tab[0]), crc_slice4(check, 9), crc_bits(check, 9, 0x82f63b78u),
           crc_table(check, 9, ctab), adler32(check, 9));

    static unsigned char buf[70000];
    uint32_t x = 7;
    for (size_t i = 0; i < sizeof buf; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)x;
    }
    unsigned disagree = 0;
    for (unsigned off = 0; off < 8; off++)
        for (size_t n = 0; n < 300; n += 1 + n / 8) {
            uint32_t a = crc_bits(buf + off, n, 0xedb88320u), b = crc_table(buf + off, n, tab[0]);
            uint32_t c = crc_slice4(buf + off, n);
            disagree += a != b || b != c;
            if (off == 3 && n % 5 == 0)
                printf("off=%u n=%3zu crc32=%08" PRIx32 " crc32c=%08" PRIx32 " adler=%08"
                       PRIx32 "\n", off, n, c, crc_table(buf + off, n, ctab), adler32(buf + off, n));
        }
    printf("disagreements=%u\n", disagree);
    printf("big crc32=%08" PRIx32 " %08" PRIx32 " crc32c=%08" PRIx32 " adler=%08" PRIx32 "\n",
           crc_table(buf, sizeof buf, tab[0]), crc_slice4(buf + 1, sizeof buf - 1),
           crc_table(buf, sizeof buf, ctab), adler32(buf, sizeof buf));
    return 0;
}
