/* AArch64 scalar floating-point semantics (target/arm/helper-a64-fp.c over fpu.c),
 * without the JIT. a64_fp_cases.h holds instructions run on qemu-aarch64 with their
 * operands, FPCR, result and FPSR (gen_a64_fp_cases.py); each case names its
 * instruction, which decode_case() maps onto the helper layer's operations. Then a few
 * hand-checked cases document the rules the table exercises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "target/arm/helper-a64-fp.h"

struct a64_fp_case {
    const char *op;
    uint32_t fpcr;
    uint64_t a, b, c, result, fpsr;
};
#include "a64_fp_cases.h"

struct named { const char *name; unsigned op; };

static const struct named binops[] = {
    { "fadd", AF_ADD }, { "fsub", AF_SUB }, { "fmul", AF_MUL }, { "fdiv", AF_DIV },
    { "fmax", AF_MAX }, { "fmin", AF_MIN }, { "fmaxnm", AF_MAXNM }, { "fminnm", AF_MINNM },
    { "fmulx", AF_MULX }, { "fabd", AF_ABD }, { "frecps", AF_RECPS },
    { "frsqrts", AF_RSQRTS }, { "fnmul", AF_NMUL },
};
static const struct named unops[] = {
    { "fsqrt", AU_SQRT }, { "frecpe", AU_RECPE }, { "frsqrte", AU_RSQRTE },
    { "frecpx", AU_RECPX }, { "frintn", AU_RINTN }, { "frintp", AU_RINTP },
    { "frintm", AU_RINTM }, { "frintz", AU_RINTZ }, { "frinta", AU_RINTA },
    { "frintx", AU_RINTX }, { "frinti", AU_RINT_CUR },
};
static const struct named maddops[] = {
    { "fmadd", AM_MADD }, { "fmsub", AM_MSUB }, { "fnmadd", AM_NMADD },
    { "fnmsub", AM_NMSUB },
};

static bool lookup(const struct named *t, size_t n, const char *name, unsigned *op)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0) {
            *op = t[i].op;
            return true;
        }
    return false;
}

static unsigned fmt_size(char c) { return c == 'h' ? 1 : c == 's' ? 2 : 3; }

static enum fpu_rmode rmode_letter(char c, uint32_t *st)
{
    switch (c) {
    case 'z': return FPU_RZ;
    case 'a': return FPU_RA;
    case 'n': return FPU_RN;
    case 'm': return FPU_RM;
    case 'p': return FPU_RP;
    default: return fpu_rmode_of(*st);
    }
}

/* Runs one case's instruction: "<op>_<formats>[_fix<n>]" (see the generator's OPS). */
static bool decode_case(const struct a64_fp_case *c, uint64_t *res, uint32_t *st)
{
    char base[16], fmts[8] = "";
    unsigned op, fbits = 0;
    const char *fix = strstr(c->op, "_fix");

    if (sscanf(c->op, "%15[a-z]_%7[a-z]", base, fmts) != 2)
        return false;
    if (fix)
        fbits = (unsigned)atoi(fix + 4);
    bool dbl = fmts[strlen(fmts) - 1] == 'd';
    if (lookup(binops, sizeof binops / sizeof binops[0], base, &op)) {
        *res = a64_fbinop(op, dbl, c->a, c->b, st);
    } else if (lookup(unops, sizeof unops / sizeof unops[0], base, &op)) {
        *res = a64_funop(op, dbl, c->a, st);
    } else if (lookup(maddops, sizeof maddops / sizeof maddops[0], base, &op)) {
        /* fmadd d, n, m, a: the generator's operands are n, m, a */
        *res = a64_fmuladd(op, dbl, c->c, c->a, c->b, st);
    } else if (strcmp(base, "fcmp") == 0 || strcmp(base, "fcmpe") == 0) {
        *res = a64_fcmp(dbl, c->a, c->b, base[4] == 'e', st);
    } else if (strncmp(base, "fcvt", 4) == 0 && strlen(base) == 6 && base[4] != 'x') {
        /* fcvt<rounding><s|u>_<int reg><fp format> */
        *res = a64_f_to_int(dbl, c->a, fmts[0] == 'x' ? 64 : 32, fbits, base[5] == 'u',
                            rmode_letter(base[4], st), st);
    } else if (strcmp(base, "scvtf") == 0 || strcmp(base, "ucvtf") == 0) {
        *res = a64_int_to_f(fmts[0] == 'd', c->a,
                            fmts[1] == 'x' ? 64 : 32, fbits, base[0] == 'u',
                            fpu_rmode_of(*st), st);
    } else if (strcmp(base, "fcvt") == 0 || strcmp(base, "fcvtxn") == 0) {
        if (base[4] == 'x')
            *res = fpu_f64_to_f32_odd(c->a, st);
        else
            *res = a64_fcvt(fmt_size(fmts[1]), fmt_size(fmts[0]), c->a, st);
    } else {
        return false;
    }
    return true;
}

static void qemu_cases(void **state)
{
    unsigned failures = 0;
    (void)state;
    for (size_t i = 0; i < A64_FP_NCASES; i++) {
        const struct a64_fp_case *c = &a64_fp_cases[i];
        uint32_t st = c->fpcr;
        uint64_t res = 0;
        if (!decode_case(c, &res, &st))
            fail_msg("case %zu: unknown operation %s", i, c->op);
        uint32_t flags = st & FPU_EXC_MASK;
        if (res != c->result || flags != c->fpsr) {
            print_error("%s fpcr %#x a %#llx b %#llx c %#llx: got %#llx fpsr %#x, "
                        "want %#llx fpsr %#llx\n", c->op, c->fpcr, (unsigned long long)c->a,
                        (unsigned long long)c->b, (unsigned long long)c->c,
                        (unsigned long long)res, flags, (unsigned long long)c->result,
                        (unsigned long long)c->fpsr);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(qemu_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
