/* Direct scalar FP helpers for the commonest operations (contract in helper-a64-fp.h):
 * FADD, FSUB, FMUL, FDIV and FSQRT without the operation dispatch of
 * helper_a64_fbinop, and with a shortcut for the steady state of FP code: rounding to
 * nearest, FPSR.IXC already set, normal operands and a normal result. Then the host's
 * IEEE result is the architecture's bit for bit (no NaN, infinity, denormal or flush
 * is involved, and FZ/DN/AHP change nothing) and the only flag the operation could
 * raise, IXC, is already set, so nothing else needs computing. Everything else takes
 * the full path through fpu.h. */
#include <string.h>

#include "target/arm/cpu64.h"
#include "target/arm/helper-a64-fp.h"

enum { FPCR_RMODE = 3u << 22, FPSR_IXC = 1u << 4 };

static inline bool steady(const struct a64_cpu *c)
{
    return (c->fpcr & FPCR_RMODE) == 0 && (c->fpsr & FPSR_IXC);
}

/* Normal and far enough from the underflow threshold that "tiny" cannot apply. */
static inline bool big64(uint64_t x)
{
    unsigned e = x >> 52 & 0x7ff;
    return e > 1 && e != 0x7ff;
}
static inline bool big32(uint64_t x)
{
    unsigned e = x >> 23 & 0xff;
    return e > 1 && e != 0xff;
}

static inline double d_of(uint64_t x) { double d; memcpy(&d, &x, 8); return d; }
static inline uint64_t d_bits(double d) { uint64_t x; memcpy(&x, &d, 8); return x; }
static inline float f_of(uint64_t x) { uint32_t w = (uint32_t)x; float f; memcpy(&f, &w, 4); return f; }
static inline uint64_t f_bits(float f) { uint32_t w; memcpy(&w, &f, 4); return w; }

enum fast_op { FO_ADD, FO_SUB, FO_MUL, FO_DIV, FO_SQRT };

static inline __attribute__((always_inline))
bool try64(void *env, enum fast_op op, uint64_t a, uint64_t b, uint64_t *r)
{
    if (!steady(A64_CPU(env)) || !big64(a) || (op != FO_SQRT && !big64(b)))
        return false;
    double x = d_of(a), y = d_of(b), z;
    switch (op) {
    case FO_ADD: z = x + y; break;
    case FO_SUB: z = x - y; break;
    case FO_MUL: z = x * y; break;
    case FO_DIV: z = x / y; break;
    default:
        if (a >> 63)
            return false;
        z = __builtin_sqrt(x);
        break;
    }
    *r = d_bits(z);
    return big64(*r);
}

static inline __attribute__((always_inline))
bool try32(void *env, enum fast_op op, uint64_t a, uint64_t b, uint64_t *r)
{
    if (!steady(A64_CPU(env)) || !big32(a) || (op != FO_SQRT && !big32(b)))
        return false;
    float x = f_of(a), y = f_of(b), z;
    switch (op) {
    case FO_ADD: z = x + y; break;
    case FO_SUB: z = x - y; break;
    case FO_MUL: z = x * y; break;
    case FO_DIV: z = x / y; break;
    default:
        if (a >> 31 & 1)
            return false;
        z = __builtin_sqrtf(x);
        break;
    }
    *r = f_bits(z);
    return big32(*r);
}

/* The full path: fpu.h under FPCR, flags into FPSR. */
static uint64_t full(void *env, uint64_t (*fn)(uint64_t, uint64_t, uint32_t *), uint64_t a,
                     uint64_t b)
{
    struct a64_cpu *c = A64_CPU(env);
    uint32_t st = a64_fp_status(c->fpcr);
    uint64_t r = fn(a, b, &st);
    c->fpsr |= st & FPU_EXC_MASK;
    return r;
}

static uint64_t add64(uint64_t a, uint64_t b, uint32_t *st) { return fpu_add64(a, b, st); }
static uint64_t sub64(uint64_t a, uint64_t b, uint32_t *st) { return fpu_sub64(a, b, st); }
static uint64_t mul64(uint64_t a, uint64_t b, uint32_t *st) { return fpu_mul64(a, b, st); }
static uint64_t div64(uint64_t a, uint64_t b, uint32_t *st) { return fpu_div64(a, b, st); }
static uint64_t sqrt64(uint64_t a, uint64_t b, uint32_t *st) { (void)b; return fpu_sqrt64(a, st); }
static uint64_t add32(uint64_t a, uint64_t b, uint32_t *st)
{
    return fpu_add32((uint32_t)a, (uint32_t)b, st);
}
static uint64_t sub32(uint64_t a, uint64_t b, uint32_t *st)
{
    return fpu_sub32((uint32_t)a, (uint32_t)b, st);
}
static uint64_t mul32(uint64_t a, uint64_t b, uint32_t *st)
{
    return fpu_mul32((uint32_t)a, (uint32_t)b, st);
}
static uint64_t div32(uint64_t a, uint64_t b, uint32_t *st)
{
    return fpu_div32((uint32_t)a, (uint32_t)b, st);
}
static uint64_t sqrt32(uint64_t a, uint64_t b, uint32_t *st)
{
    (void)b;
    return fpu_sqrt32((uint32_t)a, st);
}

uint64_t helper_a64_fadd_d(void *env, uint64_t a, uint64_t b)
{
    uint64_t r;
    return try64(env, FO_ADD, a, b, &r) ? r : full(env, add64, a, b);
}
uint64_t helper_a64_fsub_d(void *env, uint64_t a, uint64_t b)
{
    uint64_t r;
    return try64(env, FO_SUB, a, b, &r) ? r : full(env, sub64, a, b);
}
uint64_t helper_a64_fmul_d(void *env, uint64_t a, uint64_t b)
{
    uint64_t r;
    return try64(env, FO_MUL, a, b, &r) ? r : full(env, mul64, a, b);
}
uint64_t helper_a64_fdiv_d(void *env, uint64_t a, uint64_t b)
{
    uint64_t r;
    return try64(env, FO_DIV, a, b, &r) ? r : full(env, div64, a, b);
}
uint64_t helper_a64_fsqrt_d(void *env, uint64_t a)
{
    uint64_t r;
    return try64(env, FO_SQRT, a, 0, &r) ? r : full(env, sqrt64, a, 0);
}
uint64_t helper_a64_fadd_s(void *env, uint64_t a, uint64_t b)
{
    uint64_t r;
    return try32(env, FO_ADD, a, b, &r) ? r : full(env, add32, a, b);
}
uint64_t helper_a64_fsub_s(void *env, uint64_t a, uint64_t b)
{
    uint64_t r;
    return try32(env, FO_SUB, a, b, &r) ? r : full(env, sub32, a, b);
}
uint64_t helper_a64_fmul_s(void *env, uint64_t a, uint64_t b)
{
    uint64_t r;
    return try32(env, FO_MUL, a, b, &r) ? r : full(env, mul32, a, b);
}
uint64_t helper_a64_fdiv_s(void *env, uint64_t a, uint64_t b)
{
    uint64_t r;
    return try32(env, FO_DIV, a, b, &r) ? r : full(env, div32, a, b);
}
uint64_t helper_a64_fsqrt_s(void *env, uint64_t a)
{
    uint64_t r;
    return try32(env, FO_SQRT, a, 0, &r) ? r : full(env, sqrt32, a, 0);
}
