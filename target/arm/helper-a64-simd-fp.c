/* AArch64 AdvSIMD floating point (contract in helper-a64-simd.h): three-same,
 * by-element, two-register miscellaneous, across-lanes, scalar pairwise and the
 * fixed-point conversions, lane by lane through helper-a64-fp.h under FPCR (AArch64
 * SIMD uses the real FPCR, not ARMv7's "standard FPSCR"). */
#include "target/arm/helper-a64-simd.h"

#include "target/arm/helper-a64-fp.h"
#include "target/arm/helper-a64-simd-lanes.h"

enum { CLS_SAME, CLS_MISC, CLS_ACROSS, CLS_FIXED };

/* The three-same op number (U:a:opcode) of each operation of helper-a64-fp.h. */
static bool same_op(unsigned op, unsigned *fop)
{
    static const struct { uint8_t key, fop; } map[] = {
        { 0x18, AF_MAXNM }, { 0x1a, AF_ADD }, { 0x1b, AF_MULX }, { 0x1c, AF_CMEQ },
        { 0x1e, AF_MAX }, { 0x1f, AF_RECPS }, { 0x38, AF_MINNM }, { 0x3a, AF_SUB },
        { 0x3e, AF_MIN }, { 0x3f, AF_RSQRTS }, { 0x58, AF_MAXNM }, { 0x5a, AF_ADD },
        { 0x5b, AF_MUL }, { 0x5c, AF_CMGE }, { 0x5d, AF_ACGE }, { 0x5e, AF_MAX },
        { 0x5f, AF_DIV }, { 0x78, AF_MINNM }, { 0x7a, AF_ABD }, { 0x7c, AF_CMGT },
        { 0x7d, AF_ACGT }, { 0x7e, AF_MIN },
    };
    for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].key == op) {
            *fop = map[i].fop;
            return true;
        }
    return false;
}

static bool is_pairwise(unsigned op) { return op == 0x58 || op == 0x5a || op == 0x5e
                                              || op == 0x78 || op == 0x7e; }

/* One-operand operations of two-register misc (U:a:opcode -> enum a64_funop). */
static bool misc_op(unsigned op, unsigned *fop)
{
    static const struct { uint8_t key, fop; } map[] = {
        { 0x18, AU_RINTN }, { 0x38, AU_RINTP }, { 0x19, AU_RINTM }, { 0x39, AU_RINTZ },
        { 0x58, AU_RINTA }, { 0x59, AU_RINTX }, { 0x79, AU_RINT_CUR }, { 0x3d, AU_RECPE },
        { 0x7d, AU_RSQRTE }, { 0x2c, AU_CMGT0 }, { 0x2d, AU_CMEQ0 }, { 0x2e, AU_CMLT0 },
        { 0x6c, AU_CMGE0 }, { 0x6d, AU_CMLE0 }, { 0x2f, AU_ABS }, { 0x6f, AU_NEG },
        { 0x7f, AU_SQRT }, { 0x3f, AU_RECPX },
    };
    for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].key == op) {
            *fop = map[i].fop;
            return true;
        }
    return false;
}

/* Conversions to integers in misc: rounding mode, or -1. */
static int to_int_rmode(unsigned op)
{
    switch (op & 0x3f) {
    case 0x1a: return FPU_RN;
    case 0x3a: return FPU_RP;
    case 0x1b: return FPU_RM;
    case 0x3b: return FPU_RZ;
    case 0x1c: return FPU_RA;
    default: return -1;
    }
}

bool a64_simd_fp_ok(unsigned op, unsigned size, bool q, bool scalar)
{
    unsigned cls = op >> 8, key = op & 0x7f, fop = 0;
    bool dbl = size == 3;
    if (dbl && !q && !scalar && !(cls == CLS_MISC && (key == 0x16 || key == 0x17 || key == 0x56)))
        return false;
    switch (cls) {
    case CLS_SAME:
        if (!same_op(key, &fop) && key != 0x19 && key != 0x39)
            return false;
        if (scalar)
            return fop == AF_MULX || fop == AF_CMEQ || fop == AF_RECPS || fop == AF_RSQRTS
                   || fop == AF_CMGE || fop == AF_ACGE || fop == AF_ABD || fop == AF_CMGT
                   || fop == AF_ACGT;
        return true;
    case CLS_MISC:
        if (key == 0x16 || key == 0x17)
            return !scalar;
        if (key == 0x56)
            return dbl;
        if (key == 0x3c || key == 0x7c)
            return !scalar && !dbl;
        if (key == 0x3f)
            return scalar;
        if (to_int_rmode(key) >= 0 || (key & 0x3f) == 0x1d)
            return true;
        if (!misc_op(key, &fop))
            return false;
        switch (fop) {      /* scalar: no FRINT*, FABS, FNEG, FSQRT (those are FP's) */
        case AU_RECPE: case AU_RSQRTE: case AU_CMEQ0: case AU_CMGE0: case AU_CMGT0:
        case AU_CMLE0: case AU_CMLT0:
            return true;
        default:
            return !scalar;
        }
    case CLS_ACROSS:
        if (scalar)
            return key == 0x4c || key == 0x4d || key == 0x4f || key == 0x6c || key == 0x6f;
        return !dbl && q && (key == 0x4c || key == 0x4f || key == 0x6c || key == 0x6f);
    default:
        return true;
    }
}

static inline uint32_t st_in(void *env) { return a64_fp_status(A64_CPU(env)->fpcr); }
static inline void st_out(void *env, uint32_t st) { A64_CPU(env)->fpsr |= st & FPU_EXC_MASK; }

static void fp_same(void *env, const struct vdesc *c, unsigned imm)
{
    uint64_t n[2], m[2], d[2], r[2] = { 0, 0 }, src[4];
    unsigned nl = nlanes(c), fop = 0, key = c->op & 0x7f;
    bool dbl = c->size == 3, pair = is_pairwise(key);
    uint32_t st = st_in(env);

    vload(env, c->rn, n);
    vload(env, c->rm, m);
    vload(env, c->rd, d);
    src[0] = n[0], src[1] = n[1];
    for (unsigned i = 0; i < nl; i++)
        lane_set(src, c->size, nl + i, lane_get(m, c->size, i));
    same_op(key, &fop);
    for (unsigned i = 0; i < nl; i++) {
        uint64_t a = pair ? lane_get(src, c->size, 2 * i) : lane_get(n, c->size, i);
        uint64_t b = pair ? lane_get(src, c->size, 2 * i + 1)
                          : lane_get(m, c->size, c->elem ? imm : i);
        uint64_t v;
        if (key == 0x19 || key == 0x39)             /* FMLA, FMLS */
            v = a64_fmuladd(key == 0x19 ? AM_MADD : AM_MSUB, dbl, lane_get(d, c->size, i),
                            a, b, &st);
        else
            v = a64_fbinop(fop, dbl, a, b, &st);
        lane_set(r, c->size, i, v);
    }
    vstore(env, c, r);
    st_out(env, st);
}

/* FCVTN/FCVTXN (narrow into the low or high half), FCVTL (widen one half). */
static void fp_cvt_width(void *env, const struct vdesc *c, const uint64_t *n,
                         const uint64_t *d, uint32_t *st)
{
    bool dbl = c->size == 3;           /* the wide side is double (else single) */
    unsigned wide = dbl ? 3 : 2, narrow = dbl ? 2 : 1, key = c->op & 0x7f;
    unsigned nl = c->scalar ? 1 : (dbl ? 2 : 4);
    uint64_t r[2] = { 0, 0 };

    if (key == 0x17) {                              /* FCVTL */
        unsigned base = c->part2 ? nl : 0;
        for (unsigned i = 0; i < nl; i++)
            lane_set(r, c->size, i, a64_fcvt(narrow, wide, lane_get(n, narrow, base + i), st));
        struct vdesc full = *c;
        full.q = true;
        vstore(env, &full, r);
        return;
    }
    uint64_t h = 0;
    for (unsigned i = 0; i < nl; i++) {
        uint64_t w = lane_get(n, wide, i);
        uint64_t v = key == 0x56 ? fpu_f64_to_f32_odd(w, st) : a64_fcvt(wide, narrow, w, st);
        h = lane_put(h, narrow, i, v);
    }
    vstore_half(env, c, d, h);
}

static void fp_misc(void *env, const struct vdesc *c, unsigned fbits, bool fixed)
{
    uint64_t n[2], d[2], r[2] = { 0, 0 };
    unsigned key = c->op & 0x7f, fop = 0, size = ebits(c->size);
    bool dbl = c->size == 3, uns = key & 0x40;
    uint32_t st = st_in(env);
    int rm = fixed ? ((key & 0x1f) == 0x1f ? FPU_RZ : -1) : to_int_rmode(key);

    vload(env, c->rn, n);
    vload(env, c->rd, d);
    if (!fixed && (key == 0x16 || key == 0x17 || key == 0x56)) {
        fp_cvt_width(env, c, n, d, &st);
        st_out(env, st);
        return;
    }
    misc_op(key, &fop);
    for (unsigned i = 0; i < nlanes(c); i++) {
        uint64_t a = lane_get(n, c->size, i), v;
        if (rm >= 0)
            v = a64_f_to_int(dbl, a, size, fbits, uns, (enum fpu_rmode)rm, &st);
        else if ((!fixed && (key & 0x3f) == 0x1d) || (fixed && (key & 0x1f) == 0x1c))
            v = a64_int_to_f(dbl, a, size, fbits, uns, fpu_rmode_of(st), &st);
        else if (key == 0x3c)
            v = fpu_recpe_u32((uint32_t)a);
        else if (key == 0x7c)
            v = fpu_rsqrte_u32((uint32_t)a);
        else
            v = a64_funop(fop, dbl, a, &st);
        lane_set(r, c->size, i, v);
    }
    vstore(env, c, r);
    st_out(env, st);
}

/* FMAXV & co. reduce as a tree of pairs (lanes 0-1 and 2-3 first); the scalar pairwise
 * forms combine the two lanes of a 64 or 128-bit source. */
static void fp_across(void *env, const struct vdesc *c)
{
    uint64_t n[2], r[2] = { 0, 0 };
    unsigned key = c->op & 0x7f, fop;
    bool dbl = c->size == 3;
    uint32_t st = st_in(env);

    switch (key) {
    case 0x4c: fop = AF_MAXNM; break;
    case 0x6c: fop = AF_MINNM; break;
    case 0x4d: fop = AF_ADD; break;
    case 0x4f: fop = AF_MAX; break;
    default: fop = AF_MIN; break;
    }
    vload(env, c->rn, n);
    uint64_t v;
    if (c->scalar) {
        v = a64_fbinop(fop, dbl, lane_get(n, c->size, 0), lane_get(n, c->size, 1), &st);
    } else {
        uint64_t lo = a64_fbinop(fop, false, lane_get(n, 2, 0), lane_get(n, 2, 1), &st);
        uint64_t hi = a64_fbinop(fop, false, lane_get(n, 2, 2), lane_get(n, 2, 3), &st);
        v = a64_fbinop(fop, false, lo, hi, &st);
    }
    lane_set(r, c->size, 0, v);
    struct vdesc sc = *c;
    sc.scalar = true;
    vstore(env, &sc, r);
    st_out(env, st);
}

void helper_a64_simd_fp(void *env, uint32_t desc, uint32_t imm)
{
    struct vdesc c = vdesc_of(desc);
    switch (imm >> 8) {
    case CLS_SAME: fp_same(env, &c, imm & 0xff); break;
    case CLS_MISC: fp_misc(env, &c, 0, false); break;
    case CLS_ACROSS: fp_across(env, &c); break;
    default: fp_misc(env, &c, imm & 0xff, true); break;
    }
}
