/* isa-fuzz: one floating-point operation per case of fpu_gen.py's table, printed as
 *     N OP fpscr=IN a=A b=B c=C : RESULT fpscr=OUT
 * so a differing line shows the operation, its inputs, and both results. NEON operations
 * (recpe, vmax, ...) run on a D register holding the single input in both lanes and report
 * lane 0. `fpu_main K N` runs only cases with index % N == K.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fpu.h"

struct in {
    float x, y, z;          /* a, b, c as singles */
    double dx, dy, dz;      /* a, b, c as doubles */
    double nx, ny;          /* a, b as singles in both lanes of a D register */
};

static float as_float(uint64_t bits)
{
    uint32_t w = (uint32_t)bits;
    float f;
    memcpy(&f, &w, 4);
    return f;
}

static double as_double(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, 8);
    return d;
}

static uint64_t fbits(float f)
{
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}

static uint64_t dbits(double d)
{
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

static uint64_t lane0(double d)
{
    return dbits(d) & 0xffffffffu;
}

/* Operation bodies: VFP singles use "t" (an S register), doubles "w" (a D register). */
#define S2(name, insn)                                                                  \
    static uint64_t name(const struct in *i)                                            \
    {                                                                                   \
        float o;                                                                        \
        __asm__ volatile(insn " %0, %1, %2" : "=t"(o) : "t"(i->x), "t"(i->y));          \
        return fbits(o);                                                                \
    }
#define D2(name, insn)                                                                  \
    static uint64_t name(const struct in *i)                                            \
    {                                                                                   \
        double o;                                                                       \
        __asm__ volatile(insn " %P0, %P1, %P2" : "=w"(o) : "w"(i->dx), "w"(i->dy));     \
        return dbits(o);                                                                \
    }
#define N2(name, insn)                                                                  \
    static uint64_t name(const struct in *i)                                            \
    {                                                                                   \
        double o;                                                                       \
        __asm__ volatile(insn " %P0, %P1, %P2" : "=w"(o) : "w"(i->nx), "w"(i->ny));     \
        return lane0(o);                                                                \
    }
#define N1(name, insn)                                                                  \
    static uint64_t name(const struct in *i)                                            \
    {                                                                                   \
        double o;                                                                       \
        __asm__ volatile(insn " %P0, %P1" : "=w"(o) : "w"(i->nx));                      \
        return lane0(o);                                                                \
    }
/* Unary with an S or D source and destination of either kind. */
#define U(name, insn, otype, ocon, opfx, itype, icon, ipfx, src, ret)                   \
    static uint64_t name(const struct in *i)                                            \
    {                                                                                   \
        otype o;                                                                        \
        __asm__ volatile(insn " %" opfx "0, %" ipfx "1" : "=" ocon(o) : icon(i->src));  \
        return ret(o);                                                                  \
    }
#define SS(name, insn) U(name, insn, float, "t", "", float, "t", "", x, fbits)
#define SD(name, insn) U(name, insn, double, "w", "P", float, "t", "", x, dbits)
#define DS(name, insn) U(name, insn, float, "t", "", double, "w", "P", dx, fbits)
#define DD(name, insn) U(name, insn, double, "w", "P", double, "w", "P", dx, dbits)
/* In-place fixed-point conversions (source and destination are the same register). */
#define FXS(name, insn)                                                                 \
    static uint64_t name(const struct in *i)                                            \
    {                                                                                   \
        float o = i->x;                                                                 \
        __asm__ volatile(insn : "+t"(o));                                               \
        return fbits(o);                                                                \
    }
#define CMP(name, insn, con, pfx, a, b)                                                 \
    static uint64_t name(const struct in *i)                                            \
    {                                                                                   \
        __asm__ volatile(insn " %" pfx "0, %" pfx "1" ::con(i->a), con(i->b));          \
        return 0;                                                                       \
    }

S2(op_adds, "vadd.f32")
S2(op_subs, "vsub.f32")
S2(op_muls, "vmul.f32")
S2(op_divs, "vdiv.f32")
D2(op_addd, "vadd.f64")
D2(op_subd, "vsub.f64")
D2(op_muld, "vmul.f64")
D2(op_divd, "vdiv.f64")
N2(op_recps, "vrecps.f32")
N2(op_rsqrts, "vrsqrts.f32")
N2(op_vmax, "vmax.f32")
N2(op_vmin, "vmin.f32")
N2(op_vadd, "vadd.f32")
N2(op_vmul, "vmul.f32")
N1(op_recpe, "vrecpe.f32")
N1(op_rsqrte, "vrsqrte.f32")
N1(op_recpeu, "vrecpe.u32")
N1(op_rsqrteu, "vrsqrte.u32")
N1(op_vcvts, "vcvt.s32.f32")
N1(op_vcvtfu, "vcvt.f32.u32")
SS(op_sqrts, "vsqrt.f32")
DD(op_sqrtd, "vsqrt.f64")
SD(op_s2d, "vcvt.f64.f32")
DS(op_d2s, "vcvt.f32.f64")
SS(op_s2si, "vcvt.s32.f32")
SS(op_s2ui, "vcvt.u32.f32")
SS(op_s2sir, "vcvtr.s32.f32")
SS(op_s2uir, "vcvtr.u32.f32")
DS(op_d2si, "vcvt.s32.f64")
DS(op_d2uir, "vcvtr.u32.f64")
SS(op_si2s, "vcvt.f32.s32")
SS(op_ui2s, "vcvt.f32.u32")
SD(op_si2d, "vcvt.f64.s32")
SS(op_h2s, "vcvtt.f32.f16")
FXS(op_s2fx16s, "vcvt.s16.f32 %0, %0, #4")
FXS(op_s2fx32u, "vcvt.u32.f32 %0, %0, #20")
FXS(op_fx32s2s, "vcvt.f32.s32 %0, %0, #20")
FXS(op_fx16u2s, "vcvt.f32.u16 %0, %0, #3")
CMP(op_cmps, "vcmp.f32", "t", "", x, y)
CMP(op_cmpes, "vcmpe.f32", "t", "", x, y)
CMP(op_cmpd, "vcmp.f64", "w", "P", dx, dy)
CMP(op_cmped, "vcmpe.f64", "w", "P", dx, dy)

static uint64_t op_d2fx32s(const struct in *i)
{
    double o = i->dx;
    __asm__ volatile("vcvt.s32.f64 %P0, %P0, #8" : "+w"(o));
    return dbits(o);
}

/* f32 -> f16 into the bottom half of a register whose top half (from b) must survive. */
static uint64_t op_s2h(const struct in *i)
{
    float o = i->y;
    __asm__ volatile("vcvtb.f16.f32 %0, %1" : "+t"(o) : "t"(i->x));
    return fbits(o);
}

/* Accumulating forms: the destination starts as a. */
static uint64_t op_fmas(const struct in *i)
{
    float o = i->x;
    __asm__ volatile("vfma.f32 %0, %1, %2" : "+t"(o) : "t"(i->y), "t"(i->z));
    return fbits(o);
}

static uint64_t op_mlas(const struct in *i)
{
    float o = i->x;
    __asm__ volatile("vmla.f32 %0, %1, %2" : "+t"(o) : "t"(i->y), "t"(i->z));
    return fbits(o);
}

static uint64_t op_fmad(const struct in *i)
{
    double o = i->dx;
    __asm__ volatile("vfma.f64 %P0, %P1, %P2" : "+w"(o) : "w"(i->dy), "w"(i->dz));
    return dbits(o);
}

static uint64_t op_nmlsd(const struct in *i)
{
    double o = i->dx;
    __asm__ volatile("vnmls.f64 %P0, %P1, %P2" : "+w"(o) : "w"(i->dy), "w"(i->dz));
    return dbits(o);
}

static const struct {
    const char *name;
    uint64_t (*fn)(const struct in *);
} ops[] = {
#define OP(n) { #n, op_##n }
    OP(adds), OP(subs), OP(muls), OP(divs), OP(addd), OP(subd), OP(muld), OP(divd),
    OP(recps), OP(rsqrts), OP(vmax), OP(vmin), OP(vadd), OP(vmul), OP(recpe), OP(rsqrte),
    OP(recpeu), OP(rsqrteu), OP(vcvts), OP(vcvtfu), OP(sqrts), OP(sqrtd), OP(s2d), OP(d2s),
    OP(s2si), OP(s2ui), OP(s2sir), OP(s2uir), OP(d2si), OP(d2uir), OP(si2s), OP(ui2s),
    OP(si2d), OP(h2s), OP(s2fx16s), OP(s2fx32u), OP(fx32s2s), OP(fx16u2s), OP(cmps),
    OP(cmpes), OP(cmpd), OP(cmped), OP(d2fx32s), OP(s2h), OP(fmas), OP(mlas), OP(fmad),
    OP(nmlsd),
#undef OP
};

static void set_fpscr(uint32_t v)
{
    __asm__ volatile("vmsr fpscr, %0" ::"r"(v));
}

static uint32_t get_fpscr(void)
{
    uint32_t v;
    __asm__ volatile("vmrs %0, fpscr" : "=r"(v));
    return v;
}

int main(int argc, char **argv)
{
    static char out[1 << 16];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    unsigned part = argc > 2 ? (unsigned)atoi(argv[1]) : 0;
    unsigned parts = argc > 2 ? (unsigned)atoi(argv[2]) : 1;
    for (unsigned n = part; n < fpu_count; n += parts) {
        const struct fpu_case *c = &fpu_cases[n];
        unsigned k = 0;
        while (k < sizeof ops / sizeof ops[0] && strcmp(ops[k].name, c->op))
            k++;
        if (k == sizeof ops / sizeof ops[0]) {
            /* A generator/driver mismatch must fail the test, not print the same twice. */
            fprintf(stderr, "fpu_main: unknown operation %s\n", c->op);
            return 2;
        }
        struct in i = {
            as_float(c->a), as_float(c->b), as_float(c->c),
            as_double(c->a), as_double(c->b), as_double(c->c),
            as_double((c->a & 0xffffffffu) * 0x100000001ull),
            as_double((c->b & 0xffffffffu) * 0x100000001ull),
        };
        set_fpscr(c->fpscr);
        uint64_t r = ops[k].fn(&i);
        uint32_t f = get_fpscr();
        set_fpscr(0);
        printf("%u %s fpscr=%08x a=%llx b=%llx c=%llx : %llx fpscr=%08x\n", n, c->op,
               (unsigned)c->fpscr, (unsigned long long)c->a, (unsigned long long)c->b,
               (unsigned long long)c->c, (unsigned long long)r, (unsigned)f);
    }
    return 0;
}
