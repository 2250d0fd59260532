/* The crypto and CRC32 instructions through ACLE intrinsics (AESE/AESD/AESMC/AESIMC,
 * SHA1C/P/M/H/SU0/SU1, SHA256H/H2/SU0/SU1, PMULL/PMULL2 of 64-bit lanes, CRC32 and CRC32C
 * of every width), each checked against a plain C implementation in this file: AES-128
 * encryption and decryption of a FIPS-197 test vector and of chained blocks, SHA-1 and
 * SHA-256 of "abc" and of a long message, a GHASH-style carry-less multiply, and the
 * zlib/iSCSI CRCs of a buffer. Prints each digest and whether both ways agree. */
#include <arm_acle.h>
#include <arm_neon.h>
#include <stdint.h>
#include <stdlib.h>

#include "kcommon.h"

static int failures;

static void check(const char *name, const void *a, const void *b, size_t n)
{
    int same = memcmp(a, b, n) == 0;
    printf("%-28s %016llx %s\n", name, (unsigned long long)khash(a, n), same ? "ok" : "MISMATCH");
    failures += !same;
}

/* --- AES-128, plain C --- */
static uint8_t sbox[256], isbox[256];

static uint8_t xt(uint8_t x) { return (uint8_t)(x << 1 ^ (x & 0x80 ? 0x1b : 0)); }

static uint8_t gmul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    for (; b; b >>= 1, a = xt(a))
        if (b & 1)
            r ^= a;
    return r;
}

static void make_sbox(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0;
        for (int y = 1; x && y < 256; y++)
            if (gmul((uint8_t)x, (uint8_t)y) == 1)
                inv = (uint8_t)y;
        uint8_t s = inv, r = inv;
        for (int k = 0; k < 4; k++) {
            r = (uint8_t)(r << 1 | r >> 7);
            s ^= r;
        }
        sbox[x] = s ^ 0x63;
        isbox[sbox[x]] = (uint8_t)x;
    }
}

static void expand_key(const uint8_t *key, uint8_t rk[11][16])
{
    uint8_t rcon = 1;
    memcpy(rk[0], key, 16);
    for (int r = 1; r <= 10; r++) {
        uint8_t t[4] = { sbox[rk[r - 1][13]], sbox[rk[r - 1][14]], sbox[rk[r - 1][15]],
                         sbox[rk[r - 1][12]] };
        t[0] ^= rcon;
        rcon = xt(rcon);
        for (int i = 0; i < 16; i++)
            rk[r][i] = rk[r - 1][i] ^ (i < 4 ? t[i] : rk[r][i - 4]);
    }
}

static void enc_c(const uint8_t rk[11][16], const uint8_t *in, uint8_t *out)
{
    uint8_t s[16], t[16];
    for (int i = 0; i < 16; i++)
        s[i] = in[i] ^ rk[0][i];
    for (int r = 1; r <= 10; r++) {
        for (int c = 0; c < 4; c++)
            for (int row = 0; row < 4; row++)
                t[4 * c + row] = sbox[s[4 * ((c + row) % 4) + row]];
        if (r < 10)
            for (int c = 0; c < 4; c++) {
                uint8_t *col = t + 4 * c, a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
                col[0] = gmul(a0, 2) ^ gmul(a1, 3) ^ a2 ^ a3;
                col[1] = a0 ^ gmul(a1, 2) ^ gmul(a2, 3) ^ a3;
                col[2] = a0 ^ a1 ^ gmul(a2, 2) ^ gmul(a3, 3);
                col[3] = gmul(a0, 3) ^ a1 ^ a2 ^ gmul(a3, 2);
            }
        for (int i = 0; i < 16; i++)
            s[i] = t[i] ^ rk[r][i];
    }
    memcpy(out, s, 16);
}

static void enc_neon(const uint8_t rk[11][16], const uint8_t *in, uint8_t *out)
{
    uint8x16_t s = vld1q_u8(in);
    for (int r = 0; r < 9; r++)
        s = vaesmcq_u8(vaeseq_u8(s, vld1q_u8(rk[r])));
    s = vaeseq_u8(s, vld1q_u8(rk[9]));
    vst1q_u8(out, veorq_u8(s, vld1q_u8(rk[10])));
}

/* The equivalent inverse cipher: decryption round keys are InvMixColumns of the
 * encryption ones. */
static void dec_neon(const uint8_t rk[11][16], const uint8_t *in, uint8_t *out)
{
    uint8x16_t s = vld1q_u8(in);
    s = vaesimcq_u8(vaesdq_u8(s, vld1q_u8(rk[10])));
    for (int r = 9; r > 1; r--)
        s = vaesimcq_u8(vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[r]))));
    s = vaesdq_u8(s, vaesimcq_u8(vld1q_u8(rk[1])));
    vst1q_u8(out, veorq_u8(s, vld1q_u8(rk[0])));
}

/* --- SHA-256 --- */
static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
};

static uint32_t ror32(uint32_t x, int n) { return x >> n | x << (32 - n); }
static uint32_t rol32(uint32_t x, int n) { return x << n | x >> (32 - n); }

static void sha256_c(uint32_t *st, const uint8_t *blk)
{
    uint32_t w[64], a[8];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)blk[4 * i] << 24 | blk[4 * i + 1] << 16 | blk[4 * i + 2] << 8
               | blk[4 * i + 3];
    for (int i = 16; i < 64; i++)
        w[i] = w[i - 16] + (ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ w[i - 15] >> 3)
               + w[i - 7] + (ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ w[i - 2] >> 10);
    memcpy(a, st, 32);
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = a[7] + (ror32(a[4], 6) ^ ror32(a[4], 11) ^ ror32(a[4], 25))
                      + ((a[4] & a[5]) ^ (~a[4] & a[6])) + K256[i] + w[i];
        uint32_t t2 = (ror32(a[0], 2) ^ ror32(a[0], 13) ^ ror32(a[0], 22))
                      + ((a[0] & a[1]) ^ (a[0] & a[2]) ^ (a[1] & a[2]));
        memmove(a + 1, a, 28);
        a[4] += t1;
        a[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++)
        st[i] += a[i];
}

static void sha256_neon(uint32_t *st, const uint8_t *blk)
{
    uint32x4_t abcd = vld1q_u32(st), efgh = vld1q_u32(st + 4), a0 = abcd, e0 = efgh;
    uint32x4_t m[4];
    for (int i = 0; i < 4; i++)
        m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blk + 16 * i)));
    for (int i = 0; i < 16; i++) {
        uint32x4_t wk = vaddq_u32(m[i % 4], vld1q_u32(K256 + 4 * i)), t = abcd;
        if (i < 12)
            m[i % 4] = vsha256su1q_u32(vsha256su0q_u32(m[i % 4], m[(i + 1) % 4]),
                                       m[(i + 2) % 4], m[(i + 3) % 4]);
        abcd = vsha256hq_u32(abcd, efgh, wk);
        efgh = vsha256h2q_u32(efgh, t, wk);
    }
    vst1q_u32(st, vaddq_u32(abcd, a0));
    vst1q_u32(st + 4, vaddq_u32(efgh, e0));
}

/* --- SHA-1 --- */
static void sha1_c(uint32_t *st, const uint8_t *blk)
{
    uint32_t w[80], a = st[0], b = st[1], c = st[2], d = st[3], e = st[4];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)blk[4 * i] << 24 | blk[4 * i + 1] << 16 | blk[4 * i + 2] << 8
               | blk[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20)
            f = (b & c) | (~b & d), k = 0x5a827999;
        else if (i < 40)
            f = b ^ c ^ d, k = 0x6ed9eba1;
        else if (i < 60)
            f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
        else
            f = b ^ c ^ d, k = 0xca62c1d6;
        uint32_t t = rol32(a, 5) + f + e + k + w[i];
        e = d, d = c, c = rol32(b, 30), b = a, a = t;
    }
    st[0] += a, st[1] += b, st[2] += c, st[3] += d, st[4] += e;
}

static void sha1_neon(uint32_t *st, const uint8_t *blk)
{
    static const uint32_t k[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
    uint32x4_t abcd = vld1q_u32(st), abcd0 = abcd, m[4];
    uint32_t e = st[4], e0 = e;
    for (int i = 0; i < 4; i++)
        m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blk + 16 * i)));
    for (int i = 0; i < 20; i++) {
        uint32x4_t wk = vaddq_u32(m[i % 4], vdupq_n_u32(k[i / 5]));
        uint32_t e1 = vsha1h_u32(vgetq_lane_u32(abcd, 0));
        if (i < 5)
            abcd = vsha1cq_u32(abcd, e, wk);
        else if (i < 10 || i >= 15)
            abcd = vsha1pq_u32(abcd, e, wk);
        else
            abcd = vsha1mq_u32(abcd, e, wk);
        e = e1;
        if (i < 16)
            m[i % 4] = vsha1su1q_u32(vsha1su0q_u32(m[i % 4], m[(i + 1) % 4], m[(i + 2) % 4]),
                                     m[(i + 3) % 4]);
    }
    vst1q_u32(st, vaddq_u32(abcd, abcd0));
    st[4] = e + e0;
}

/* --- carry-less multiply --- */
static void clmul_c(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    *lo = *hi = 0;
    for (int i = 0; i < 64; i++)
        if (b >> i & 1) {
            *lo ^= a << i;
            *hi ^= i ? a >> (64 - i) : 0;
        }
}

/* --- CRC32 --- */
static uint32_t crc_c(uint32_t crc, const uint8_t *p, size_t n, uint32_t poly)
{
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = crc >> 1 ^ (crc & 1 ? poly : 0);
    }
    return crc;
}

static uint32_t crc_hw(uint32_t crc, const uint8_t *p, size_t n, int castagnoli)
{
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        crc = castagnoli ? __crc32cd(crc, v) : __crc32d(crc, v);
        p += 8, n -= 8;
    }
    if (n >= 4) {
        uint32_t v;
        memcpy(&v, p, 4);
        crc = castagnoli ? __crc32cw(crc, v) : __crc32w(crc, v);
        p += 4, n -= 4;
    }
    if (n >= 2) {
        uint16_t v;
        memcpy(&v, p, 2);
        crc = castagnoli ? __crc32ch(crc, v) : __crc32h(crc, v);
        p += 2, n -= 2;
    }
    if (n)
        crc = castagnoli ? __crc32cb(crc, *p) : __crc32b(crc, *p);
    return crc;
}

int main(void)
{
    static uint8_t msg[4096 + 64], c1[4096], c2[4096], back[4096];
    static const uint8_t key[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                     0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f };
    static const uint8_t fips[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                      0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
    static const uint8_t fips_ct[16] = { 0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
                                         0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a };
    uint8_t rk[11][16];

    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)krand();
    make_sbox();
    expand_key(key, rk);
    enc_c(rk, fips, c1);
    enc_neon(rk, fips, c2);
    check("aes128-fips197-c", c1, fips_ct, 16);
    check("aes128-fips197-neon", c2, fips_ct, 16);
    for (int i = 0; i < 4096; i += 16) {
        for (int k = 0; k < 16; k++)
            msg[i + k] ^= i ? c1[i - 16 + k] : 0;   /* CBC-style chaining */
        enc_c(rk, msg + i, c1 + i);
        enc_neon(rk, msg + i, c2 + i);
        dec_neon(rk, c2 + i, back + i);
    }
    check("aes128-cbc", c2, c1, 4096);
    check("aes128-decrypt", back, msg, 4096);

    static const uint32_t h256[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    static const uint32_t h1[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
                                    0xc3d2e1f0 };
    uint8_t abc[64] = { 'a', 'b', 'c', 0x80 };
    abc[63] = 24;
    uint32_t s1[8], s2[8];
    static const uint32_t abc256[8] = { 0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
                                        0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad };
    static const uint32_t abc1[5] = { 0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c,
                                      0x9cd0d89d };
    memcpy(s1, h256, 32);
    memcpy(s2, h256, 32);
    sha256_c(s1, abc);
    sha256_neon(s2, abc);
    check("sha256-abc-c", s1, abc256, 32);
    check("sha256-abc-neon", s2, abc256, 32);
    for (int i = 0; i < 4096; i += 64) {
        sha256_c(s1, msg + i);
        sha256_neon(s2, msg + i);
    }
    check("sha256-4k", s2, s1, 32);
    memcpy(s1, h1, 20);
    memcpy(s2, h1, 20);
    sha1_c(s1, abc);
    sha1_neon(s2, abc);
    check("sha1-abc-c", s1, abc1, 20);
    check("sha1-abc-neon", s2, abc1, 20);
    for (int i = 0; i < 4096; i += 64) {
        sha1_c(s1, msg + i);
        sha1_neon(s2, msg + i);
    }
    check("sha1-4k", s2, s1, 20);

    uint64_t r1[2 * 256], r2[2 * 256];
    for (int i = 0; i < 256; i++) {
        uint64_t a = krand(), b = krand();
        if (i % 7 == 0)
            a = ~0ull;
        clmul_c(a, b, &r1[2 * i], &r1[2 * i + 1]);
        poly128_t p = i & 1 ? vmull_high_p64(vreinterpretq_p64_u64(vdupq_n_u64(a)),
                                             vreinterpretq_p64_u64(vdupq_n_u64(b)))
                            : vmull_p64((poly64_t)a, (poly64_t)b);
        memcpy(&r2[2 * i], &p, 16);
    }
    check("pmull64", r2, r1, sizeof r1);
    uint16_t p8a[256], p8b[256];
    for (int i = 0; i < 256; i += 8) {
        poly8x8_t a = vcreate_p8(krand()), b = vcreate_p8(krand());
        uint64_t la, lb;
        memcpy(&la, &a, 8);
        memcpy(&lb, &b, 8);
        poly16x8_t p = vmull_p8(a, b);
        memcpy(p8a + i, &p, 16);
        for (int k = 0; k < 8; k++) {
            uint64_t lo, hi;
            clmul_c(la >> 8 * k & 0xff, lb >> 8 * k & 0xff, &lo, &hi);
            p8b[i + k] = (uint16_t)lo;
        }
    }
    check("pmull8", p8a, p8b, sizeof p8a);

    uint32_t crcs_c[64], crcs_hw[64];
    for (int i = 0; i < 32; i++) {
        size_t off = krand() % 64, n = krand() % 4000;
        crcs_c[2 * i] = ~crc_c(~0u, msg + off, n, 0xedb88320);
        crcs_hw[2 * i] = ~crc_hw(~0u, msg + off, n, 0);
        crcs_c[2 * i + 1] = ~crc_c(~0u, msg + off, n, 0x82f63b78);
        crcs_hw[2 * i + 1] = ~crc_hw(~0u, msg + off, n, 1);
    }
    check("crc32-crc32c", crcs_hw, crcs_c, sizeof crcs_c);
    uint32_t check_value = ~crc_hw(~0u, (const uint8_t *)"123456789", 9, 0);
    printf("crc32(123456789) %08x\n", check_value);
    return failures != 0;
}
