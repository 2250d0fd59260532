/* Run-time helpers of the 32-bit ARM integer translator (see helper.h). */
#include "target/arm/helper.h"

#include <stdbool.h>

#include "target/arm/cpu.h"

uint32_t helper_arm_rbit(uint32_t x)
{
    x = (x >> 1 & 0x55555555u) | (x & 0x55555555u) << 1;
    x = (x >> 2 & 0x33333333u) | (x & 0x33333333u) << 2;
    x = (x >> 4 & 0x0f0f0f0fu) | (x & 0x0f0f0f0fu) << 4;
    return __builtin_bswap32(x);
}

uint32_t helper_arm_sel(uint32_t ge, uint32_t a, uint32_t b)
{
    uint32_t mask = 0;
    for (int i = 0; i < 4; i++)
        if (ge & (1u << i))
            mask |= 0xffu << (8 * i);
    return (a & mask) | (b & ~mask);
}

uint32_t helper_arm_usad8(uint32_t a, uint32_t b)
{
    uint32_t sum = 0;
    for (int i = 0; i < 32; i += 8) {
        int x = (a >> i) & 0xff, y = (b >> i) & 0xff;
        sum += (uint32_t)(x > y ? x - y : y - x);
    }
    return sum;
}

static int32_t clamp(int32_t v, int32_t lo, int32_t hi, bool *sat)
{
    if (v < lo) {
        *sat = true;
        return lo;
    }
    if (v > hi) {
        *sat = true;
        return hi;
    }
    return v;
}

/* --- parallel add/sub --- */

/* Lane i of v, width w bits, as a signed or unsigned integer. */
static int32_t lane(uint32_t v, int i, int w, bool sign)
{
    uint32_t x = (v >> (i * w)) & ((1u << w) - 1);
    if (sign && (x >> (w - 1)))
        return (int32_t)x - (1 << w);
    return (int32_t)x;
}

/* Which lane of b each lane of a meets, and whether it is subtracted, for the opcodes
 * ADD16, ASX, SAX, SUB16, ADD8, -, -, SUB8. */
static void lane_plan(unsigned opcode, int i, int *j, bool *sub)
{
    switch (opcode) {
    case 1: *j = !i; *sub = i == 0; break;        /* ASX: lo - hi, hi + lo */
    case 2: *j = !i; *sub = i == 1; break;        /* SAX: lo + hi, hi - lo */
    case 3: case 7: *j = i; *sub = true; break;
    default: *j = i; *sub = false; break;
    }
}

uint64_t helper_arm_parallel(uint32_t op, uint32_t a, uint32_t b)
{
    unsigned kind = op >> 3, opcode = op & 7;
    bool sign = kind < 4;
    unsigned base = kind & 3;                      /* 1 plain, 2 saturating, 3 halving */
    int w = opcode >= 4 ? 8 : 16, n = 32 / w;
    uint32_t res = 0, ge = 0;
    for (int i = 0; i < n; i++) {
        int j;
        bool sub, sat = false;
        lane_plan(opcode, i, &j, &sub);
        int32_t x = lane(a, i, w, sign), y = lane(b, j, w, sign);
        int32_t r = sub ? x - y : x + y;
        bool ge_lane = sign || sub ? r >= 0 : r >= (1 << w);
        if (base == 2)
            r = sign ? clamp(r, -(1 << (w - 1)), (1 << (w - 1)) - 1, &sat)
                     : clamp(r, 0, (1 << w) - 1, &sat);
        else if (base == 3)
            r >>= 1;
        res |= ((uint32_t)r & ((1u << w) - 1)) << (i * w);
        if (ge_lane)
            ge |= (w == 16 ? 3u : 1u) << (i * (w / 8));
    }
    return res | (uint64_t)(base == 1 ? ge : 0) << 32;
}

/* --- saturating arithmetic --- */

static int32_t sat32(int64_t v, bool *sat)
{
    if (v > INT32_MAX) {
        *sat = true;
        return INT32_MAX;
    }
    if (v < INT32_MIN) {
        *sat = true;
        return INT32_MIN;
    }
    return (int32_t)v;
}

uint64_t helper_arm_qaddsub(uint32_t op, uint32_t a, uint32_t b)
{
    bool sat = false;
    int64_t y = (int32_t)b;
    if (op & ARM_QOP_DOUBLE)
        y = sat32(2 * y, &sat);
    int64_t r = (op & ARM_QOP_SUB) ? (int64_t)(int32_t)a - y : (int64_t)(int32_t)a + y;
    uint32_t res = (uint32_t)sat32(r, &sat);
    return res | (uint64_t)sat << 32;
}

uint64_t helper_arm_sat16(uint32_t bits, uint32_t unsign, uint32_t a)
{
    bool sat = false;
    uint32_t res = 0;
    for (int i = 0; i < 2; i++) {
        int32_t x = lane(a, i, 16, true);
        int32_t r = unsign ? clamp(x, 0, (int32_t)((1u << bits) - 1), &sat)
                           : clamp(x, -(1 << (bits - 1)), (1 << (bits - 1)) - 1, &sat);
        res |= ((uint32_t)r & 0xffff) << (16 * i);
    }
    return res | (uint64_t)sat << 32;
}

/* --- status register --- */

enum { APSR_NZCVQ = 0xf8000000u, APSR_GE = 0x000f0000u, CPSR_MODE_USR = 0x10 };

uint32_t helper_arm_mrs(void *env)
{
    return (arm_cpsr_read(env) & (APSR_NZCVQ | APSR_GE)) | CPSR_MODE_USR;
}

void helper_arm_msr(void *env, uint32_t val, uint32_t mask)
{
    uint32_t bits = (mask & 8 ? APSR_NZCVQ : 0) | (mask & 4 ? APSR_GE : 0);
    arm_cpsr_write(env, val, bits);
}
