/* ARM floating-point semantics of target/arm/fpu.c, without the JIT.
 * Every expected value and FPSCR was observed on qemu-arm running the same instruction
 * (vadd.f32, vcvt..., vrecpe...) with the same FPSCR, from a static armhf test program. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <xmmintrin.h>

#include "target/arm/fpu.h"

enum { RN = 0, RP = 1u << 22, RM = 2u << 22, RZ = 3u << 22,
       FZ = 1u << 24, DN = 1u << 25, AHP = 1u << 26 };
enum { IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128 };

/* Checks a result and the FPSCR it leaves, starting from fpscr 'ctl'. */
#define CHECK32(call, ctl, want, want_fpscr) do {          \
        uint32_t fpscr = (ctl);                              \
        uint32_t *fp = &fpscr;                               \
        assert_int_equal((uint32_t)(call), (want));          \
        assert_int_equal(fpscr, (want_fpscr));               \
        (void)fp;                                            \
    } while (0)
#define CHECK64(call, ctl, want, want_fpscr) do {          \
        uint32_t fpscr = (ctl);                              \
        uint32_t *fp = &fpscr;                               \
        assert_int_equal((uint64_t)(call), (want));          \
        assert_int_equal(fpscr, (want_fpscr));               \
        (void)fp;                                            \
    } while (0)

static void nan_propagation(void **state)
{
    /* a signalling NaN beats an earlier quiet one and comes back quiet */
    CHECK32(fpu_add32(0x7fc12345, 0x7f800001, fp), RN, 0x7fc00001, IOC);
    /* two quiet NaNs: the first operand's */
    CHECK32(fpu_add32(0x7fc00001, 0xffc00002, fp), RN, 0x7fc00001, 0);
    CHECK32(fpu_add32(0x3f800000, 0xff812345, fp), RN, 0xffc12345, IOC);
    /* default NaN mode */
    CHECK32(fpu_add32(0x7fc12345, 0x3f800000, fp), DN, 0x7fc00000, DN);
    /* a NaN the operation makes is the positive default NaN */
    CHECK32(fpu_sub32(0x7f800000, 0x7f800000, fp), RN, 0x7fc00000, IOC);
    CHECK32(fpu_div32(0, 0, fp), RN, 0x7fc00000, IOC);
    CHECK32(fpu_sqrt32(0xbf800000, fp), RN, 0x7fc00000, IOC);
    CHECK64(fpu_add64(0x7ff0000000000001ull, 0x7ff8000000000002ull, fp), RN,
            0x7ff8000000000001ull, IOC);
    /* fused: the addend is the first operand; inf*0 with a quiet addend is invalid */
    CHECK32(fpu_muladd32(0x7fc00055, 0x7f800000, 0, fp), RN, 0x7fc00000, IOC);
    CHECK32(fpu_muladd32(0x7fc00055, 0x7f800001, 0x3f800000, fp), RN, 0x7fc00001, IOC);
    CHECK32(fpu_muladd32(0x3f800000, 0x7fc00066, 0x7f800001, fp), RN, 0x7fc00001, IOC);
    /* NaNs across precisions keep their top payload bits */
    CHECK32(fpu_f64_to_f32(0xfff4000000001234ull, fp), RN, 0xffe00000, IOC);
    CHECK64(fpu_f32_to_f64(0x7f800001, fp), RN, 0x7ff8000020000000ull, IOC);
    /* Advanced SIMD max/min: standard FPSCR gives the default NaN */
    CHECK32(fpu_max32(0x7fc00001, 0x3f800000, fp), fpu_standard_fpscr(RN), 0x7fc00000,
            DN | FZ);
}

static void rounding_modes(void **state)
{
    /* 1 + 2^-24 is a tie */
    CHECK32(fpu_add32(0x3f800000, 0x33800000, fp), RN, 0x3f800000, IXC);
    CHECK32(fpu_add32(0x3f800000, 0x33800000, fp), RP, 0x3f800001, RP | IXC);
    CHECK32(fpu_add32(0x3f800000, 0x33800000, fp), RM, 0x3f800000, RM | IXC);
    CHECK32(fpu_add32(0x3f800000, 0x33800000, fp), RZ, 0x3f800000, RZ | IXC);
    CHECK32(fpu_add32(0xbf800000, 0xb3800000, fp), RM, 0xbf800001, RM | IXC);
    CHECK32(fpu_div32(0x3f800000, 0x40400000, fp), RN, 0x3eaaaaab, IXC);
    CHECK32(fpu_div32(0x3f800000, 0x40400000, fp), RM, 0x3eaaaaaa, RM | IXC);
    /* x - x is -0 only when rounding towards minus infinity */
    CHECK32(fpu_sub32(0x3f800000, 0x3f800000, fp), RM, 0x80000000, RM);
    CHECK32(fpu_sub32(0x3f800000, 0x3f800000, fp), RN, 0, 0);
    /* overflow: infinity or the largest finite number, depending on the mode */
    CHECK32(fpu_mul32(0x7f7fffff, 0x40000000, fp), RN, 0x7f800000, OFC | IXC);
    CHECK32(fpu_mul32(0x7f7fffff, 0x40000000, fp), RZ, 0x7f7fffff, RZ | OFC | IXC);
    CHECK32(fpu_div32(0x3f800000, 0, fp), RN, 0x7f800000, DZC);
    CHECK32(fpu_sqrt32(0x80000000, fp), RN, 0x80000000, 0);
    /* the host's own rounding mode is left alone */
    unsigned before = _mm_getcsr();
    CHECK32(fpu_div32(0x3f800000, 0x40400000, fp), RZ, 0x3eaaaaaa, RZ | IXC);
    assert_int_equal(_mm_getcsr(), before);
}

static void flush_to_zero(void **state)
{
    /* denormal inputs flush with IDC */
    CHECK32(fpu_add32(0x00000001, 0, fp), FZ, 0, FZ | IDC);
    CHECK32(fpu_cmp32(0x00000001, 0, false, fp), FZ, 0x60000000, FZ | IDC);
    CHECK32(fpu_cmp32(0x00000001, 0, false, fp), RN, 0x20000000, 0);
    /* an exact denormal result flushes with UFC only */
    CHECK32(fpu_mul32(0x00800000, 0x3f000000, fp), FZ, 0, FZ | UFC);
    CHECK32(fpu_mul32(0x00800000, 0x3f000000, fp), RN, 0x00400000, 0);
    CHECK32(fpu_mul32(0x00800001, 0x3f000000, fp), RN, 0x00400000, UFC | IXC);
    /* tiny before rounding, the smallest normal after: ARM underflows, x86 would not */
    CHECK32(fpu_mul32(0x3fb45c2a, 0x005ad72d, fp), RP, 0x00800000, RP | UFC | IXC);
    CHECK32(fpu_mul32(0x3fb45c2a, 0x005ad72d, fp), RP | FZ, 0, RP | FZ | IDC);
    CHECK32(fpu_muladd32(0, 0x00800000, 0x3f000000, fp), FZ, 0, FZ | UFC);
    CHECK32(fpu_f64_to_f32(0x380fffffffffffffull, fp), FZ, 0, FZ | UFC);
    CHECK64(fpu_f32_to_f64(0x80000001, fp), FZ, 0x8000000000000000ull, FZ | IDC);
    CHECK32(fpu_max32(0x00000001, 0x80000002, fp), fpu_standard_fpscr(RN), 0,
            DN | FZ | IDC);
}

static void compare(void **state)
{
    CHECK32(fpu_cmp32(0x7fc00000, 0x3f800000, false, fp), RN, 0x30000000, 0);
    CHECK32(fpu_cmp32(0x7fc00000, 0x3f800000, true, fp), RN, 0x30000000, IOC);
    CHECK32(fpu_cmp32(0x7f800001, 0x3f800000, false, fp), RN, 0x30000000, IOC);
    CHECK32(fpu_cmp32(0x80000000, 0, false, fp), RN, 0x60000000, 0);
    CHECK32(fpu_cmp32(0xbf800000, 0x3f800000, false, fp), RN, 0x80000000, 0);
    CHECK32(fpu_cmp64(0x4000000000000000ull, 0x3ff0000000000000ull, false, fp), RN,
            0x20000000, 0);
}

static void int_conversions(void **state)
{
    /* saturation and NaN raise IOC only */
    CHECK32(fpu_f32_to_fixed(0x4f500000, 32, 0, false, FPU_RZ, fp), RN, 0x7fffffff, IOC);
    CHECK32(fpu_f32_to_fixed(0xff800000, 32, 0, false, FPU_RZ, fp), RN, 0x80000000, IOC);
    CHECK32(fpu_f32_to_fixed(0x7fc00000, 32, 0, false, FPU_RZ, fp), RN, 0, IOC);
    CHECK32(fpu_f32_to_fixed(0xbf800000, 32, 0, true, FPU_RZ, fp), RN, 0, IOC);
    CHECK32(fpu_f32_to_fixed(0xbf400000, 32, 0, true, FPU_RZ, fp), RN, 0, IXC);
    CHECK32(fpu_f32_to_fixed(0xbf000000, 32, 0, false, FPU_RZ, fp), RN, 0, IXC);
    /* VCVTR: FPSCR rounding; -0.75 rounded down is -1, out of range for unsigned */
    CHECK32(fpu_f32_to_fixed(0x40200000, 32, 0, false, FPU_RN, fp), RN, 2, IXC);
    CHECK32(fpu_f32_to_fixed(0x40600000, 32, 0, false, FPU_RN, fp), RN, 4, IXC);
    CHECK32(fpu_f32_to_fixed(0xbfc00000, 32, 0, false, FPU_RM, fp), RM, 0xfffffffe, RM | IXC);
    CHECK32(fpu_f32_to_fixed(0xbf400000, 32, 0, true, FPU_RM, fp), RM, 0, RM | IOC);
    CHECK32(fpu_f64_to_fixed(0x41dfffffffe00000ull, 32, 0, false, FPU_RZ, fp), RN,
            0x7fffffff, IXC);
    CHECK32(fpu_f64_to_fixed(0xc1e0000000100000ull, 32, 0, false, FPU_RZ, fp), RN,
            0x80000000, IXC);
    /* integers to float follow the rounding mode */
    CHECK32(fpu_fixed_to_f32(0x7fffffff, 32, 0, false, FPU_RN, fp), RN, 0x4f000000, IXC);
    CHECK32(fpu_fixed_to_f32(0x7fffffff, 32, 0, false, FPU_RZ, fp), RZ, 0x4effffff,
            RZ | IXC);
    CHECK32(fpu_fixed_to_f32(0xffffffff, 32, 0, true, FPU_RN, fp), RN, 0x4f800000, IXC);
    CHECK64(fpu_fixed_to_f64(0x80000000, 32, 0, false, FPU_RN, fp), RN,
            0xc1e0000000000000ull, 0);
}

static void fixed_point(void **state)
{
    /* vcvt.s16.f32 #4 saturates to 16 bits and sign-extends */
    CHECK64(fpu_f32_to_fixed(0x453b8000, 16, 4, false, FPU_RZ, fp), RN, 0x7fff, IOC);
    CHECK64(fpu_f32_to_fixed(0xc53b8000, 16, 4, false, FPU_RZ, fp), RN,
            0xffffffffffff8000ull, IOC);
    CHECK64(fpu_f32_to_fixed(0x3f880000, 16, 4, false, FPU_RZ, fp), RN, 0x11, 0);
    CHECK64(fpu_f64_to_fixed(0xc000800000000000ull, 32, 8, false, FPU_RZ, fp), RN,
            0xfffffffffffffdf0ull, 0);
    CHECK32(fpu_fixed_to_f32(0xfff00000, 32, 20, false, FPU_RN, fp), RN, 0xbf800000, 0);
    /* only the low 16 bits of a 16-bit fixed-point source count */
    CHECK32(fpu_fixed_to_f32(0xffff000c, 16, 3, true, FPU_RN, fp), RN, 0x3fc00000, 0);
}

static void half_precision(void **state)
{
    CHECK32(fpu_f32_to_f16(0x477ff000, fp), RN, 0x7c00, OFC | IXC);
    CHECK32(fpu_f32_to_f16(0x477ff000, fp), RZ, 0x7bff, RZ | IXC);
    CHECK32(fpu_f32_to_f16(0x7f800001, fp), RN, 0x7e00, IOC);
    CHECK32(fpu_f32_to_f16(0x7f800001, fp), DN, 0x7e00, DN | IOC);
    CHECK32(fpu_f32_to_f16(0x33800000, fp), RN, 0x0001, 0);
    CHECK32(fpu_f32_to_f16(0x387fc000, fp), RN, 0x03ff, 0);
    CHECK32(fpu_f32_to_f16(0x00000001, fp), FZ, 0, FZ | IDC);
    /* alternative half precision: no infinities or NaNs */
    CHECK32(fpu_f32_to_f16(0x48000000, fp), AHP, 0x7fff, AHP | IOC);
    CHECK32(fpu_f32_to_f16(0x7fc00000, fp), AHP, 0, AHP | IOC);
    CHECK32(fpu_f32_to_f16(0xff800000, fp), AHP, 0xffff, AHP | IOC);
    CHECK32(fpu_f16_to_f32(0x7fff, fp), AHP, 0x47ffe000, AHP);
    CHECK32(fpu_f16_to_f32(0x7c01, fp), RN, 0x7fc02000, IOC);
    CHECK32(fpu_f16_to_f32(0x0001, fp), FZ, 0x33800000, FZ);
}

static void precision_changes(void **state)
{
    CHECK32(fpu_f64_to_f32(0x47efffffe0000000ull, fp), RN, 0x7f7fffff, 0);
    CHECK32(fpu_f64_to_f32(0x47f0000000000000ull, fp), RZ, 0x7f7fffff, RZ | OFC | IXC);
    CHECK32(fpu_f64_to_f32(0x36a0000000000000ull, fp), RN, 0x00000001, 0);
}

static void fused_single_rounding(void **state)
{
    /* (1 + 2^-12)^2 - (1 + 2^-11) = 2^-24 exactly; a rounded product would give 0 */
    CHECK32(fpu_muladd32(0xbf801000, 0x3f800800, 0x3f800800, fp), RN, 0x33800000, 0);
    CHECK64(fpu_muladd64(0xbff0000004000000ull, 0x3ff0000002000000ull,
                         0x3ff0000002000000ull, fp), RN, 0x3c90000000000000ull, 0);
    CHECK64(fpu_mul64(0x3ff0000002000000ull, 0x3ff0000002000000ull, fp), RN,
            0x3ff0000004000000ull, IXC);
    /* exact zero sums: -0 + (1 * -0) is -0 in every mode */
    CHECK32(fpu_muladd32(0x80000000, 0x3f800000, 0x80000000, fp), RP, 0x80000000, RP);
    CHECK32(fpu_muladd32(0, 0x3f800000, 0x80000000, fp), RM, 0x80000000, RM);
}

static void simd_estimates(void **state)
{
    uint32_t std = fpu_standard_fpscr(RN);
    CHECK32(fpu_recpe32(0x3f800000, fp), std, 0x3f7f8000, std);
    CHECK32(fpu_recpe32(0x40400000, fp), std, 0x3eaa8000, std);
    CHECK32(fpu_recpe32(0, fp), std, 0x7f800000, std | DZC);
    CHECK32(fpu_recpe32(0x7f000000, fp), std, 0, std | UFC);
    CHECK32(fpu_recpe32(0xff800000, fp), std, 0x80000000, std);
    CHECK32(fpu_recpe32(0x7f800001, fp), std, 0x7fc00000, std | IOC);
    CHECK32(fpu_rsqrte32(0x40800000, fp), std, 0x3eff8000, std);
    CHECK32(fpu_rsqrte32(0x40000000, fp), std, 0x3f348000, std);
    CHECK32(fpu_rsqrte32(0xbf800000, fp), std, 0x7fc00000, std | IOC);
    CHECK32(fpu_rsqrte32(0x80000000, fp), std, 0xff800000, std | DZC);
    assert_int_equal(fpu_recpe_u32(0x80000000), 0xff800000);
    assert_int_equal(fpu_recpe_u32(0x7fffffff), 0xffffffff);
    assert_int_equal(fpu_recpe_u32(0xc0000000), 0xaa800000);
    assert_int_equal(fpu_rsqrte_u32(0x40000000), 0xff800000);
    assert_int_equal(fpu_rsqrte_u32(0x3fffffff), 0xffffffff);
    assert_int_equal(fpu_rsqrte_u32(0xffffffff), 0x80000000);
    CHECK32(fpu_recps32(0x40000000, 0x3f000000, fp), std, 0x3f800000, std);
    CHECK32(fpu_recps32(0x7f800000, 0, fp), std, 0x40000000, std);
    CHECK32(fpu_rsqrts32(0x3f800000, 0x3f800000, fp), std, 0x3f800000, std);
    CHECK32(fpu_rsqrts32(0x7f800000, 0x80000000, fp), std, 0x3fc00000, std);
    CHECK32(fpu_max32(0x80000000, 0, fp), std, 0, std);
    CHECK32(fpu_min32(0x80000000, 0, fp), std, 0x80000000, std);
    /* flags reach the real FPSCR, the standard value's controls do not */
    uint32_t real = RP | FZ;
    uint32_t st = fpu_standard_fpscr(real);
    assert_int_equal(fpu_add32(0x3f800000, 0x33800000, &st), 0x3f800000);
    fpu_merge_flags(&real, st);
    assert_int_equal(real, RP | FZ | IXC);
}

/* fpu.h's promise to the JIT: an operation leaves in MXCSR only flags whose FPSCR
 * counterparts it sets itself (invalid IOC, divide-by-zero DZC, overflow OFC, underflow
 * UFC, inexact IXC; denormal has none), in every FPSCR mode, on every path. */
static unsigned fpscr_of_mxcsr(unsigned mx)
{
    return (mx & 1 ? IOC : 0) | (mx & 4 ? DZC : 0) | (mx & 8 ? OFC : 0) |
           (mx & 16 ? UFC : 0) | (mx & 32 ? IXC : 0);
}

static void host_flags_subset(void **state)
{
    static const uint64_t v64[] = {
        0, 0x3ff0000000000000ull, 0xbff8000000000000ull, 0x7fefffffffffffffull,
        0x0010000000000000ull, 0x0010000000000001ull, 0x3feffffffffffffeull, 1,
        0x7ff0000000000000ull, 0x7ff8000000000001ull, 0x7ff0000000000001ull,
        0x36a0000000000000ull, 0x380fffffffffffffull, 0x47efffffe0000000ull,
        0x47effffff0000000ull, 0x2000000000000000ull, 0x5fe0000000000000ull,
    };
    static const uint32_t v32[] = {
        0, 0x3f800000u, 0xbfc00000u, 0x7f7fffffu, 0x00800000u, 0x00800001u, 0x3f7ffffeu,
        1, 0x7f800000u, 0x7fc00001u, 0x7f800001u, 0x20000000u, 0x5f000000u,
    };
    static const uint32_t modes[] = { RN, FZ, DN, FZ | DN, RP, RM | FZ, RZ };
    unsigned checked = 0;
    (void)state;
    for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; m++)
        for (unsigned i = 0; i < sizeof v64 / sizeof v64[0]; i++)
            for (unsigned j = 0; j < sizeof v64 / sizeof v64[0]; j++)
                for (unsigned op = 0; op < 8; op++) {
                    uint32_t fpscr = modes[m];
                    uint64_t a = v64[i], b = v64[j];
                    uint32_t a32 = v32[i % 13], b32 = v32[j % 13];
                    _mm_setcsr(0x1f80);
                    switch (op) {
                    case 0: fpu_add64(a, b ^ (1ull << 63), &fpscr); break;
                    case 1: fpu_mul64(a, b, &fpscr); break;
                    case 2: fpu_div64(a, b, &fpscr); break;
                    case 3: fpu_sqrt64(a, &fpscr); break;
                    case 4: fpu_f64_to_f32(a, &fpscr); break;
                    case 5: fpu_mul32(a32, b32, &fpscr); break;
                    case 6: fpu_div32(a32, b32, &fpscr); break;
                    default: fpu_sub32(a32, b32, &fpscr); break;
                    }
                    unsigned host = fpscr_of_mxcsr(_mm_getcsr() & 0x3f);
                    if ((host & ~fpscr) != 0)
                        fail_msg("op %u on %#llx, %#llx (mode %#x): host flags %#x, "
                                 "FPSCR %#x", op, (unsigned long long)a,
                                 (unsigned long long)b, modes[m], host, fpscr);
                    checked++;
                }
    _mm_setcsr(0x1f80);
    assert_true(checked > 10000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nan_propagation),
        cmocka_unit_test(host_flags_subset),
        cmocka_unit_test(rounding_modes),
        cmocka_unit_test(flush_to_zero),
        cmocka_unit_test(compare),
        cmocka_unit_test(int_conversions),
        cmocka_unit_test(fixed_point),
        cmocka_unit_test(half_precision),
        cmocka_unit_test(precision_changes),
        cmocka_unit_test(fused_single_rounding),
        cmocka_unit_test(simd_estimates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
