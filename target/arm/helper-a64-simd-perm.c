/* AArch64 AdvSIMD permutations (contract in helper-a64-simd.h): ZIP, UZP, TRN, EXT,
 * TBL and TBX, on copies of the registers. */
#include <string.h>

#include "target/arm/helper-a64-simd.h"

#include "target/arm/helper-a64-simd-lanes.h"

static void zip_uzp_trn(const struct vdesc *c, const uint64_t *n, const uint64_t *m,
                        uint64_t *r)
{
    unsigned nl = nlanes(c), half = nl / 2, part = c->op >> 2 & 1, sz = c->size;
    uint64_t cat[4] = { n[0], n[1], 0, 0 };

    for (unsigned i = 0; i < nl; i++)
        lane_set(cat, sz, nl + i, lane_get(m, sz, i));
    for (unsigned i = 0; i < nl; i++) {
        uint64_t v;
        switch (c->op & 3) {
        case 1: v = lane_get(cat, sz, 2 * i + part); break;                         /* UZP */
        case 2: v = lane_get(i & 1 ? m : n, sz, (i & ~1u) + part); break;          /* TRN */
        default: v = lane_get(i & 1 ? m : n, sz, part * half + i / 2); break;      /* ZIP */
        }
        lane_set(r, sz, i, v);
    }
}

static void table(void *env, const struct vdesc *c, unsigned len, const uint64_t *m,
                  const uint64_t *d, uint64_t *r)
{
    uint8_t tbl[64];
    for (unsigned t = 0; t < len; t++) {
        const uint64_t *v = A64_CPU(env)->v[(c->rn + t) % 32];
        for (unsigned b = 0; b < 16; b++)
            tbl[16 * t + b] = (uint8_t)(v[b / 8] >> (8 * (b % 8)));
    }
    for (unsigned i = 0; i < (c->q ? 16u : 8u); i++) {
        unsigned idx = (unsigned)lane_get(m, 0, i);
        uint64_t v = idx < 16 * len ? tbl[idx] : c->op == A64_PERM_TBX ? lane_get(d, 0, i) : 0;
        lane_set(r, 0, i, v);
    }
}

void helper_a64_simd_perm(void *env, uint32_t desc, uint32_t imm)
{
    struct vdesc c = vdesc_of(desc);
    uint64_t n[2], m[2], d[2], r[2] = { 0, 0 };
    unsigned nbytes = c.q ? 16 : 8;

    vload(env, c.rn, n);
    vload(env, c.rm, m);
    vload(env, c.rd, d);
    if (c.op == A64_PERM_EXT) {
        for (unsigned i = 0; i < nbytes; i++) {
            unsigned k = i + imm;
            lane_set(r, 0, i, k < nbytes ? lane_get(n, 0, k) : lane_get(m, 0, k - nbytes));
        }
    } else if (c.op == A64_PERM_TBL || c.op == A64_PERM_TBX) {
        table(env, &c, imm, m, d, r);
    } else {
        zip_uzp_trn(&c, n, m, r);
    }
    vstore(env, &c, r);
}

/* Lanes are little-endian bytes in both the registers and the scratch (as on the
 * host), so each element is one fixed-size copy; 'eb' is a constant in every caller. */
static inline __attribute__((always_inline))
void ileave(struct a64_cpu *cpu, const struct vdesc *c, unsigned eb, bool load)
{
    unsigned selem = c->op, nl = (c->q ? 16u : 8u) / eb;
    uint8_t *mem = (uint8_t *)cpu->fp_scratch;

    for (unsigned r = 0; r < selem; r++) {
        uint8_t *v = (uint8_t *)cpu->v[(c->rd + r) % 32];
        for (unsigned e = 0; e < nl; e++) {
            uint8_t *m = mem + (e * selem + r) * eb;        /* element e*selem+r in memory */
            if (load)
                memcpy(v + e * eb, m, eb);
            else
                memcpy(m, v + e * eb, eb);
        }
        if (load && !c->q)
            cpu->v[(c->rd + r) % 32][1] = 0;
    }
}

void helper_a64_simd_ileave(void *env, uint32_t desc, uint32_t imm)
{
    struct vdesc c = vdesc_of(desc);
    struct a64_cpu *cpu = A64_CPU(env);

    switch (c.size) {
    case 0: ileave(cpu, &c, 1, imm != 0); break;
    case 1: ileave(cpu, &c, 2, imm != 0); break;
    case 2: ileave(cpu, &c, 4, imm != 0); break;
    default: ileave(cpu, &c, 8, imm != 0); break;
    }
}
