/* Private to the helper-a64-simd*.c files: lane access on 128-bit register copies,
 * the unpacked instruction descriptor, and the integer primitives (saturation,
 * polynomial multiply) they share. Lane i of 8 << size bits sits at bit i * (8 << size)
 * of the little-endian pair { bits 63:0, bits 127:64 }. */
#ifndef TARGET_ARM_HELPER_A64_SIMD_LANES_H
#define TARGET_ARM_HELPER_A64_SIMD_LANES_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/cpu64.h"

typedef __int128 i128;
typedef unsigned __int128 u128;

enum { FPSR_QC = 1u << 27 };

struct vdesc {
    unsigned op, size, rd, rn, rm;
    bool q, scalar, part2, elem;
};

static inline struct vdesc vdesc_of(uint32_t desc)
{
    return (struct vdesc){
        .op = desc & 0xff, .size = desc >> 8 & 3, .q = desc >> 10 & 1,
        .rd = desc >> 11 & 31, .rn = desc >> 16 & 31, .rm = desc >> 21 & 31,
        .scalar = desc >> 26 & 1, .part2 = desc >> 27 & 1, .elem = desc >> 28 & 1,
    };
}

static inline unsigned ebits(unsigned size) { return 8u << size; }
static inline uint64_t emask(unsigned size)
{
    return size >= 3 ? ~0ull : (1ull << ebits(size)) - 1;
}
/* Lanes the instruction processes: one for scalars, else a 64 or 128-bit vector's. */
static inline unsigned nlanes(const struct vdesc *c)
{
    return c->scalar ? 1 : (c->q ? 16u : 8u) >> c->size;
}

static inline uint64_t lane_get(const uint64_t *v, unsigned size, unsigned i)
{
    unsigned pos = i * ebits(size);
    return (v[pos >> 6] >> (pos & 63)) & emask(size);
}
static inline void lane_set(uint64_t *v, unsigned size, unsigned i, uint64_t x)
{
    unsigned pos = i * ebits(size);
    uint64_t m = emask(size) << (pos & 63);
    v[pos >> 6] = (v[pos >> 6] & ~m) | ((x << (pos & 63)) & m);
}
/* Lane i of a single 64-bit word. */
static inline uint64_t lane_put(uint64_t acc, unsigned size, unsigned i, uint64_t x)
{
    unsigned pos = i * ebits(size);
    uint64_t m = emask(size) << pos;
    return (acc & ~m) | ((x << pos) & m);
}
static inline i128 sext(uint64_t u, unsigned bits)
{
    return (i128)((int64_t)(u << (64 - bits)) >> (64 - bits));
}

static inline void vload(void *env, unsigned r, uint64_t *out)
{
    out[0] = A64_CPU(env)->v[r][0];
    out[1] = A64_CPU(env)->v[r][1];
}
/* A full result: 128 bits when Q, else the low 64 (a scalar's low lane), zeros above. */
static inline void vstore(void *env, const struct vdesc *c, const uint64_t *r)
{
    A64_CPU(env)->v[c->rd][0] = r[0];
    A64_CPU(env)->v[c->rd][1] = c->q && !c->scalar ? r[1] : 0;
}
/* A narrowed 64-bit result: the low half (zeroing the high one), or for the "2" forms
 * the high half, keeping the low half of the old destination d. */
static inline void vstore_half(void *env, const struct vdesc *c, const uint64_t *d, uint64_t r)
{
    A64_CPU(env)->v[c->rd][0] = c->part2 ? d[0] : r;
    A64_CPU(env)->v[c->rd][1] = c->part2 ? r : 0;
}
static inline void set_qc(void *env, bool qc)
{
    if (qc)
        A64_CPU(env)->fpsr |= FPSR_QC;
}

static inline i128 sat_lo(unsigned bits, bool sign)
{
    return sign ? -((i128)1 << (bits - 1)) : 0;
}
static inline i128 sat_hi(unsigned bits, bool sign)
{
    return sign ? ((i128)1 << (bits - 1)) - 1 : ((i128)1 << bits) - 1;
}
static inline i128 sat(i128 v, unsigned bits, bool sign, bool *qc)
{
    i128 lo = sat_lo(bits, sign), hi = sat_hi(bits, sign);
    if (v < lo || v > hi) {
        *qc = true;
        return v < lo ? lo : hi;
    }
    return v;
}
/* v * 2^sh saturated to 'bits', tested before shifting so nothing overflows. */
static inline i128 sat_shl(i128 v, unsigned sh, unsigned bits, bool sign, bool *qc)
{
    i128 lo = sat_lo(bits, sign), hi = sat_hi(bits, sign);
    if (v == 0)
        return 0;
    if (sh >= bits || v > (hi >> sh) || v < (lo >> sh)) {
        *qc = true;
        return v > 0 ? hi : lo;
    }
    return (i128)((u128)v << sh);
}
/* Carry-less product of 'bits'-wide values (low 64 bits of it). */
static inline uint64_t pmul(uint64_t a, uint64_t b, unsigned bits)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < bits; i++)
        if (b >> i & 1)
            r ^= a << i;
    return r;
}

#endif
