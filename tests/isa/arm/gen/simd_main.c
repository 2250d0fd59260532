/* isa-fuzz: run the VFP/NEON forms of simd_gen.py on generated inputs.
 *
 * For each form, each FPSCR setting below and simd_sets input sets, the inputs (D0-D31,
 * the 4 KiB buffer r0 points into, r1) come from a xorshift generator seeded by the case's
 * numbers alone, so every run and every emulator sees the same values. One line per case:
 *     FORM.FPSCR.SET fpscr=IN>OUT r0=+WRITEBACK r2=X apsr=X dN=NEW... m[OFF]=NEW...
 * listing the D registers and buffer words that changed. `simd_main -v FORM.FPSCR.SET`
 * also prints that case's inputs. `simd_main K N` runs only forms with index % N == K.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fvalues.h"
#include "simd.h"

#include <stddef.h>

struct simd_state g_state;
_Static_assert(offsetof(struct simd_state, out) == 256 &&
               offsetof(struct simd_state, r0) == 512 &&
               offsetof(struct simd_state, r2) == 516 &&
               offsetof(struct simd_state, apsr) == 520 &&
               offsetof(struct simd_state, core) == 524 &&
               offsetof(struct simd_state, buf) == 528,
               "simd_gen.py hard-codes these offsets");

#define BUF 4096
static uint8_t membuf[BUF] __attribute__((aligned(64)));
static uint8_t memin[BUF];

/* FPSCR inputs: default; flush-to-zero; default NaN with round towards +inf; both with
 * round towards zero; round towards -inf; alternative half precision; and QC with all
 * cumulative exception flags already set (they must stay set). */
static const uint32_t fpscrs[] = {
    0, 1u << 24, 1u << 25 | 1u << 22, 3u << 22 | 1u << 24 | 1u << 25, 2u << 22, 1u << 26,
    1u << 27 | 0x9f,
};
#define NFPSCR (sizeof fpscrs / sizeof fpscrs[0])

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

/* Fill the inputs of case (t, k, s) from its own seed. */
static void make_inputs(unsigned t, unsigned k, unsigned s)
{
    rng = 88172645463325252ull ^ ((uint64_t)t * 7919u + (uint64_t)k * 104729u +
                                  (uint64_t)s * 0x9e3779b97f4a7c15ull);
    struct simd_state *st = &g_state;
    for (int i = 0; i < 32; i++)
        st->in[i] = value64();
    for (int i = 0; i < BUF; i++)
        memin[i] = (uint8_t)rnd();
    memcpy(membuf, memin, BUF);
    st->buf = (uint32_t)(uintptr_t)(membuf + BUF / 2);
    st->core = simd_tests[t].kind == 'm' ? 24 : (uint32_t)rnd();
    if (strstr(simd_tests[t].name, "vmsr"))
        st->core &= ~0x00370000u;   /* Len and Stride: short vectors are UNPREDICTABLE */
}

static void run_case(unsigned t, unsigned k, unsigned s, int verbose)
{
    const struct simd_state *st = &g_state;
    make_inputs(t, k, s);
    if (verbose) {
        printf("inputs of %u.%u.%u (%s): r1=%08x fpscr=%08x\n", t, k, s, simd_tests[t].name,
               (unsigned)st->core, (unsigned)fpscrs[k]);
        for (int i = 0; i < 32; i++)
            printf("  d%d=%016llx%s", i, (unsigned long long)st->in[i], i % 4 == 3 ? "\n" : "");
    }
    set_fpscr(fpscrs[k]);
    simd_tests[t].fn();
    uint32_t f = get_fpscr();
    set_fpscr(0);

    printf("%u.%u.%u fpscr=%08x>%08x r0=%+d r2=%08x apsr=%08x", t, k, s, (unsigned)fpscrs[k],
           (unsigned)f, (int)(st->r0 - st->buf), (unsigned)st->r2,
           (unsigned)(st->apsr & 0xf8000000u));
    for (int i = 0; i < 32; i++)
        if (st->out[i] != st->in[i])
            printf(" d%d=%016llx", i, (unsigned long long)st->out[i]);
    for (int i = 0; i < BUF; i += 4)
        if (memcmp(membuf + i, memin + i, 4)) {
            uint32_t w;
            memcpy(&w, membuf + i, 4);
            printf(" m[%+d]=%08x", i - BUF / 2, (unsigned)w);
        }
    printf("\n");
}

int main(int argc, char **argv)
{
    static char out[1 << 16];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    if (argc == 3 && !strcmp(argv[1], "-v")) {
        unsigned t, k, s;
        if (sscanf(argv[2], "%u.%u.%u", &t, &k, &s) == 3 && t < simd_count && k < NFPSCR)
            run_case(t, k, s, 1);
        return 0;
    }
    unsigned part = argc > 2 ? (unsigned)atoi(argv[1]) : 0;
    unsigned parts = argc > 2 ? (unsigned)atoi(argv[2]) : 1;
    for (unsigned t = part; t < simd_count; t += parts) {
        printf("@ %u %s\n", t, simd_tests[t].name);
        /* Loads and stores do not depend on the FPSCR: two settings are enough. */
        unsigned nk = simd_tests[t].kind == 'm' ? 2 : NFPSCR;
        for (unsigned k = 0; k < nk; k++)
            for (unsigned s = 0; s < simd_sets; s++)
                run_case(t, k, s, 0);
    }
    return 0;
}
