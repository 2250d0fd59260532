/* AArch64 floating-point semantics by operation number (contract in helper-a64-fp.h):
 * the dispatch from AArch64's operations onto fpu.h's primitives, including the ones
 * AArch64 composes (FNMUL, FABD, the negated fused forms, the compare masks). */
#include "target/arm/helper-a64-fp.h"

static inline uint64_t sign_of(bool dbl) { return dbl ? 1ull << 63 : 1ull << 31; }
static inline uint64_t ones_of(bool dbl) { return dbl ? ~0ull : 0xffffffffull; }

static uint64_t add(bool dbl, uint64_t a, uint64_t b, uint32_t *st)
{
    return dbl ? fpu_add64(a, b, st) : fpu_add32((uint32_t)a, (uint32_t)b, st);
}
static uint64_t sub(bool dbl, uint64_t a, uint64_t b, uint32_t *st)
{
    return dbl ? fpu_sub64(a, b, st) : fpu_sub32((uint32_t)a, (uint32_t)b, st);
}
static uint64_t mul(bool dbl, uint64_t a, uint64_t b, uint32_t *st)
{
    return dbl ? fpu_mul64(a, b, st) : fpu_mul32((uint32_t)a, (uint32_t)b, st);
}

/* FPCompareEQ is quiet; GE and GT signal on any NaN. */
static uint64_t cmp_mask(unsigned op, bool dbl, uint64_t a, uint64_t b, uint32_t *st)
{
    bool eq = op == AF_CMEQ, ge = op == AF_CMGE || op == AF_ACGE;
    if (op == AF_ACGE || op == AF_ACGT) {
        a &= ~sign_of(dbl);
        b &= ~sign_of(dbl);
    }
    uint32_t nzcv = dbl ? fpu_cmp64(a, b, !eq, st) : fpu_cmp32((uint32_t)a, (uint32_t)b, !eq, st);
    bool res;
    switch (nzcv >> 28) {
    case 0x6: res = eq || ge; break;            /* equal */
    case 0x2: res = !eq; break;                 /* greater */
    default: res = false; break;                /* less, unordered */
    }
    return res ? ones_of(dbl) : 0;
}

static uint64_t minmax(unsigned op, bool dbl, uint64_t a, uint64_t b, uint32_t *st)
{
    uint32_t x = (uint32_t)a, y = (uint32_t)b;
    switch (op) {
    case AF_MAX: return dbl ? fpu_max64(a, b, st) : fpu_max32(x, y, st);
    case AF_MIN: return dbl ? fpu_min64(a, b, st) : fpu_min32(x, y, st);
    case AF_MAXNM: return dbl ? fpu_maxnm64(a, b, st) : fpu_maxnm32(x, y, st);
    default: return dbl ? fpu_minnm64(a, b, st) : fpu_minnm32(x, y, st);
    }
}

uint64_t a64_fbinop(unsigned op, bool dbl, uint64_t a, uint64_t b, uint32_t *st)
{
    uint32_t x = (uint32_t)a, y = (uint32_t)b;
    switch (op) {
    case AF_ADD: return add(dbl, a, b, st);
    case AF_SUB: return sub(dbl, a, b, st);
    case AF_MUL: return mul(dbl, a, b, st);
    case AF_DIV: return dbl ? fpu_div64(a, b, st) : fpu_div32(x, y, st);
    case AF_MAX: case AF_MIN: case AF_MAXNM: case AF_MINNM:
        return minmax(op, dbl, a, b, st);
    case AF_MULX: return dbl ? fpu_mulx64(a, b, st) : fpu_mulx32(x, y, st);
    case AF_ABD: return sub(dbl, a, b, st) & ~sign_of(dbl);
    case AF_RECPS: return dbl ? fpu_recps_fused64(a, b, st) : fpu_recps_fused32(x, y, st);
    case AF_RSQRTS: return dbl ? fpu_rsqrts_fused64(a, b, st) : fpu_rsqrts_fused32(x, y, st);
    case AF_NMUL: return mul(dbl, a, b, st) ^ sign_of(dbl);
    default: return cmp_mask(op, dbl, a, b, st);
    }
}

static uint64_t round_int(bool dbl, uint64_t a, enum fpu_rmode rm, bool exact, uint32_t *st)
{
    return dbl ? fpu_rint64(a, rm, exact, st) : fpu_rint32((uint32_t)a, rm, exact, st);
}

uint64_t a64_funop(unsigned op, bool dbl, uint64_t a, uint32_t *st)
{
    uint32_t x = (uint32_t)a;
    switch (op) {
    case AU_SQRT: return dbl ? fpu_sqrt64(a, st) : fpu_sqrt32(x, st);
    case AU_RECPE: return dbl ? fpu_recpe64(a, st) : fpu_recpe32(x, st);
    case AU_RSQRTE: return dbl ? fpu_rsqrte64(a, st) : fpu_rsqrte32(x, st);
    case AU_RECPX: return dbl ? fpu_recpx64(a, st) : fpu_recpx32(x, st);
    case AU_RINTN: return round_int(dbl, a, FPU_RN, false, st);
    case AU_RINTP: return round_int(dbl, a, FPU_RP, false, st);
    case AU_RINTM: return round_int(dbl, a, FPU_RM, false, st);
    case AU_RINTZ: return round_int(dbl, a, FPU_RZ, false, st);
    case AU_RINTA: return round_int(dbl, a, FPU_RA, false, st);
    case AU_RINTX: return round_int(dbl, a, fpu_rmode_of(*st), true, st);
    case AU_RINT_CUR: return round_int(dbl, a, fpu_rmode_of(*st), false, st);
    case AU_NEG: return a ^ sign_of(dbl);
    case AU_ABS: return a & ~sign_of(dbl);
    case AU_CMEQ0: return a64_fbinop(AF_CMEQ, dbl, a, 0, st);
    case AU_CMGE0: return a64_fbinop(AF_CMGE, dbl, a, 0, st);
    case AU_CMGT0: return a64_fbinop(AF_CMGT, dbl, a, 0, st);
    case AU_CMLE0: return a64_fbinop(AF_CMGE, dbl, 0, a, st);
    default: return a64_fbinop(AF_CMGT, dbl, 0, a, st);          /* AU_CMLT0 */
    }
}

/* The negations are FPNeg of the operands before one fused FPMulAdd, so NaN operands
 * come back with their signs flipped, as the hardware does. */
uint64_t a64_fmuladd(unsigned op, bool dbl, uint64_t a, uint64_t n, uint64_t m,
                     uint32_t *st)
{
    uint64_t s = sign_of(dbl);
    if (op == AM_MSUB || op == AM_NMADD)
        n ^= s;
    if (op == AM_NMADD || op == AM_NMSUB)
        a ^= s;
    if (dbl)
        return fpu_muladd64(a, n, m, st);
    return fpu_muladd32((uint32_t)a, (uint32_t)n, (uint32_t)m, st);
}

uint32_t a64_fcmp(bool dbl, uint64_t a, uint64_t b, bool signal, uint32_t *st)
{
    return dbl ? fpu_cmp64(a, b, signal, st) : fpu_cmp32((uint32_t)a, (uint32_t)b, signal, st);
}

uint64_t a64_f_to_int(bool dbl, uint64_t a, unsigned size, unsigned fbits, bool uns,
                      enum fpu_rmode rmode, uint32_t *st)
{
    uint64_t r = dbl ? fpu_f64_to_fixed(a, size, fbits, uns, rmode, st)
                     : fpu_f32_to_fixed((uint32_t)a, size, fbits, uns, rmode, st);
    return size == 64 ? r : (uint32_t)r;
}

uint64_t a64_int_to_f(bool dbl, uint64_t v, unsigned size, unsigned fbits, bool uns,
                      enum fpu_rmode rmode, uint32_t *st)
{
    if (dbl)
        return fpu_fixed_to_f64(v, size, fbits, uns, rmode, st);
    return fpu_fixed_to_f32(v, size, fbits, uns, rmode, st);
}

uint64_t a64_fcvt(unsigned from, unsigned to, uint64_t a, uint32_t *st)
{
    switch (from * 4 + to) {
    case 1 * 4 + 2: return fpu_f16_to_f32((uint16_t)a, st);
    case 1 * 4 + 3: return fpu_f16_to_f64((uint16_t)a, st);
    case 2 * 4 + 1: return fpu_f32_to_f16((uint32_t)a, st);
    case 2 * 4 + 3: return fpu_f32_to_f64((uint32_t)a, st);
    case 3 * 4 + 1: return fpu_f64_to_f16(a, st);
    case 3 * 4 + 2: return fpu_f64_to_f32(a, st);
    default: return a;
    }
}
