/* AES, SHA1, SHA256 and CRC32 as the ARMv8 crypto and CRC instructions define them
 * (contract in helper-a64-crypto.h). The AES S-box is computed from its definition
 * (inverse in GF(2^8), then the affine map) into tables on first use. */
#include "target/arm/helper-a64-crypto.h"

#include <stdbool.h>
#include <string.h>

#include "target/arm/cpu64.h"

/* --- AES --- */

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1)
            r ^= a;
        a = (uint8_t)(a << 1) ^ (a & 0x80 ? 0x1b : 0);
        b >>= 1;
    }
    return r;
}

static uint8_t rotl8(uint8_t x, unsigned n) { return (uint8_t)(x << n | x >> (8 - n)); }

static uint8_t sbox[256], inv_sbox[256];
static bool sbox_ready;

/* Idempotent: concurrent first calls write the same bytes. */
static void make_sbox(void)
{
    for (unsigned x = 0; x < 256; x++) {
        uint8_t inv = 0;
        for (unsigned y = 1; y < 256 && x; y++)
            if (gf_mul((uint8_t)x, (uint8_t)y) == 1) {
                inv = (uint8_t)y;
                break;
            }
        uint8_t s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
        sbox[x] = s;
        inv_sbox[s] = (uint8_t)x;
    }
    __atomic_store_n(&sbox_ready, true, __ATOMIC_RELEASE);
}

/* The state is column-major: byte r + 4c is row r of column c. */
static void aes_round(uint8_t *st, bool decrypt)
{
    uint8_t t[16];
    if (!__atomic_load_n(&sbox_ready, __ATOMIC_ACQUIRE))
        make_sbox();
    for (unsigned c = 0; c < 4; c++)
        for (unsigned r = 0; r < 4; r++) {
            unsigned from = decrypt ? (c + 4 - r) % 4 : (c + r) % 4;
            uint8_t b = st[r + 4 * from];
            t[r + 4 * c] = decrypt ? inv_sbox[b] : sbox[b];
        }
    memcpy(st, t, 16);
}

static void mix_columns(uint8_t *st, bool inverse)
{
    static const uint8_t fwd[4] = { 2, 3, 1, 1 }, inv[4] = { 14, 11, 13, 9 };
    const uint8_t *k = inverse ? inv : fwd;
    for (unsigned c = 0; c < 4; c++) {
        uint8_t a[4], *col = st + 4 * c;
        memcpy(a, col, 4);
        for (unsigned r = 0; r < 4; r++)
            col[r] = gf_mul(a[r], k[0]) ^ gf_mul(a[(r + 1) % 4], k[1])
                     ^ gf_mul(a[(r + 2) % 4], k[2]) ^ gf_mul(a[(r + 3) % 4], k[3]);
    }
}

/* --- SHA --- */

static uint32_t rol(uint32_t x, unsigned n) { return x << n | x >> (32 - n); }
static uint32_t ror(uint32_t x, unsigned n) { return x >> n | x << (32 - n); }
static uint32_t choose(uint32_t x, uint32_t y, uint32_t z) { return ((y ^ z) & x) ^ z; }
static uint32_t majority(uint32_t x, uint32_t y, uint32_t z) { return (x & y) | ((x | y) & z); }
static uint32_t parity(uint32_t x, uint32_t y, uint32_t z) { return x ^ y ^ z; }

/* SHA1C/P/M: four rounds on abcd (x) and e (y) with message words w. */
static void sha1_rounds(uint32_t *x, uint32_t y, const uint32_t *w, unsigned op)
{
    for (unsigned e = 0; e < 4; e++) {
        uint32_t t = op == AC_SHA1C ? choose(x[1], x[2], x[3])
                   : op == AC_SHA1P ? parity(x[1], x[2], x[3]) : majority(x[1], x[2], x[3]);
        y += rol(x[0], 5) + t + w[e];
        x[1] = rol(x[1], 30);
        uint32_t top = x[3];
        x[3] = x[2], x[2] = x[1], x[1] = x[0], x[0] = y;
        y = top;
    }
}

/* SHA256H (part1: returns the new x) and SHA256H2 (returns y). */
static void sha256_hash(uint32_t *x, uint32_t *y, const uint32_t *w, bool part1, uint32_t *out)
{
    for (unsigned e = 0; e < 4; e++) {
        uint32_t chs = choose(y[0], y[1], y[2]), maj = majority(x[0], x[1], x[2]);
        uint32_t t = y[3] + (ror(y[0], 6) ^ ror(y[0], 11) ^ ror(y[0], 25)) + chs + w[e];
        x[3] = t + x[3];
        y[3] = t + (ror(x[0], 2) ^ ror(x[0], 13) ^ ror(x[0], 22)) + maj;
        uint32_t xt = x[3], yt = y[3];
        for (unsigned i = 3; i > 0; i--) {
            x[i] = x[i - 1];
            y[i] = y[i - 1];
        }
        x[0] = yt;
        y[0] = xt;
    }
    memcpy(out, part1 ? x : y, 16);
}

static uint32_t sigma0_msg(uint32_t x) { return ror(x, 7) ^ ror(x, 18) ^ (x >> 3); }
static uint32_t sigma1_msg(uint32_t x) { return ror(x, 17) ^ ror(x, 19) ^ (x >> 10); }

static void sha_msg(unsigned op, const uint32_t *d, const uint32_t *n, const uint32_t *m,
                    uint32_t *r)
{
    uint32_t t[4];
    switch (op) {
    case AC_SHA1SU0:            /* (n<63:0> : d<127:64>) ^ d ^ m */
        t[0] = d[2], t[1] = d[3], t[2] = n[0], t[3] = n[1];
        for (unsigned i = 0; i < 4; i++)
            r[i] = t[i] ^ d[i] ^ m[i];
        return;
    case AC_SHA1SU1:
        for (unsigned i = 0; i < 4; i++)
            t[i] = d[i] ^ (i < 3 ? n[i + 1] : 0);
        for (unsigned i = 0; i < 4; i++)
            r[i] = rol(t[i], 1);
        r[3] ^= rol(t[0], 2);
        return;
    case AC_SHA256SU0:          /* T = n<31:0> : d<127:32> */
        t[0] = d[1], t[1] = d[2], t[2] = d[3], t[3] = n[0];
        for (unsigned i = 0; i < 4; i++)
            r[i] = sigma0_msg(t[i]) + d[i];
        return;
    default: {                  /* SHA256SU1: T0 = m<31:0> : n<127:32>, T1 = m<127:64> */
        uint32_t t0[4] = { n[1], n[2], n[3], m[0] };
        r[0] = sigma1_msg(m[2]) + d[0] + t0[0];
        r[1] = sigma1_msg(m[3]) + d[1] + t0[1];
        r[2] = sigma1_msg(r[0]) + d[2] + t0[2];
        r[3] = sigma1_msg(r[1]) + d[3] + t0[3];
        return;
    }
    }
}

void helper_a64_crypto(void *env, uint32_t desc)
{
    struct a64_cpu *cpu = A64_CPU(env);
    unsigned op = desc & 0xff;
    uint32_t d[4], n[4], m[4], r[4];
    uint8_t st[16];

    memcpy(d, cpu->v[desc >> 8 & 31], 16);
    memcpy(n, cpu->v[desc >> 16 & 31], 16);
    memcpy(m, cpu->v[desc >> 24 & 31], 16);
    switch (op) {
    case AC_AESE: case AC_AESD:
        for (unsigned i = 0; i < 4; i++)
            d[i] ^= n[i];
        memcpy(st, d, 16);
        aes_round(st, op == AC_AESD);
        memcpy(r, st, 16);
        break;
    case AC_AESMC: case AC_AESIMC:
        memcpy(st, n, 16);
        mix_columns(st, op == AC_AESIMC);
        memcpy(r, st, 16);
        break;
    case AC_SHA1C: case AC_SHA1P: case AC_SHA1M:
        sha1_rounds(d, n[0], m, op);
        memcpy(r, d, 16);
        break;
    case AC_SHA256H: sha256_hash(d, n, m, true, r); break;
    case AC_SHA256H2: sha256_hash(n, d, m, false, r); break;
    case AC_SHA1H:
        r[0] = rol(n[0], 30), r[1] = r[2] = r[3] = 0;
        break;
    default: sha_msg(op, d, n, m, r); break;
    }
    memcpy(cpu->v[desc >> 8 & 31], r, 16);
}

uint64_t helper_a64_crc32(uint64_t acc, uint64_t val, uint32_t desc)
{
    uint32_t crc = (uint32_t)acc, poly = desc & 0x100 ? 0x82f63b78u : 0xedb88320u;
    unsigned bits = 8 * (desc & 15);

    for (unsigned i = 0; i < bits; i++) {
        crc ^= (uint32_t)(val >> i & 1);
        crc = (crc >> 1) ^ (crc & 1 ? poly : 0);
    }
    return crc;
}
