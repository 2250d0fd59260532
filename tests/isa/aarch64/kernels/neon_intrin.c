/* Hand-vectorized code through ACLE intrinsics, the way codecs and DSP libraries write it:
 * a Q15 FIR filter with saturating rounding doubling multiplies and saturating narrowing,
 * fixed-point <-> float conversions, reciprocal and square-root estimates refined by
 * Newton-Raphson steps, byte shuffles with TBL/TBX, lane loads/stores, EXT/ZIP/UZP/TRN,
 * across-lane reductions and widening pairwise adds. Prints a hash per kernel. */
#include <arm_neon.h>
#include <stdint.h>

#include "kcommon.h"

#define N 512

static int16_t sig[N + 16], coef[16], fir_out[N];
static float fin[N], fout[N];
static int32_t fix_out[N];
static uint8_t bytes[N + 64], shuf[N];

static void fir_q15(void)
{
    for (int i = 0; i < N; i += 8) {
        int32x4_t lo = vdupq_n_s32(0), hi = vdupq_n_s32(0);
        for (int k = 0; k < 16; k++) {
            int16x8_t x = vld1q_s16(sig + i + k);
            lo = vqdmlal_n_s16(lo, vget_low_s16(x), coef[k]);
            hi = vqdmlal_high_n_s16(hi, x, coef[k]);
        }
        int16x8_t y = vcombine_s16(vqrshrn_n_s32(lo, 16), vqrshrn_n_s32(hi, 16));
        y = vqrdmulhq_n_s16(y, 23170);              /* times 1/sqrt(2) in Q15 */
        y = vqaddq_s16(y, vqrdmulhq_s16(y, vld1q_s16(sig + i)));
        vst1q_s16(fir_out + i, y);
    }
}

static void fixed_point(void)
{
    for (int i = 0; i < N; i += 4) {
        float32x4_t f = vld1q_f32(fin + i);
        int32x4_t q = vcvtq_n_s32_f32(f, 12);
        uint32x4_t u = vcvtq_n_u32_f32(vabsq_f32(f), 20);
        float32x4_t back = vcvtq_n_f32_s32(q, 12);
        int32x4_t r = vcvtnq_s32_f32(vmulq_n_f32(f, 3.0f));
        vst1q_s32(fix_out + i, veorq_s32(vaddq_s32(q, r), vreinterpretq_s32_u32(u)));
        vst1q_f32(fout + i, vsubq_f32(back, vcvtq_f32_u32(vshrq_n_u32(u, 8))));
    }
}

static void newton(void)
{
    for (int i = 0; i < N; i += 4) {
        float32x4_t x = vabsq_f32(vld1q_f32(fin + i));
        float32x4_t r = vrecpeq_f32(x);
        r = vmulq_f32(r, vrecpsq_f32(x, r));
        r = vmulq_f32(r, vrecpsq_f32(x, r));
        float32x4_t s = vrsqrteq_f32(x);
        s = vmulq_f32(s, vrsqrtsq_f32(vmulq_f32(x, s), s));
        float64x2_t d = vcvt_f64_f32(vget_low_f32(x));
        float64x2_t dr = vrecpeq_f64(d);
        dr = vmulq_f64(dr, vrecpsq_f64(d, dr));
        vst1q_f32(fout + i, vaddq_f32(r, vcombine_f32(vcvt_f32_f64(dr), vget_high_f32(s))));
    }
}

static void shuffles(void)
{
    uint8x16x2_t tab = { { vld1q_u8(bytes), vld1q_u8(bytes + 16) } };
    uint8x16x4_t tab4 = vld4q_u8(bytes);
    for (int i = 0; i < N; i += 16) {
        uint8x16_t idx = vandq_u8(vld1q_u8(bytes + i), vdupq_n_u8(63));
        uint8x16_t a = vqtbl2q_u8(tab, idx);
        uint8x16_t b = vqtbx4q_u8(a, tab4, vshrq_n_u8(vld1q_u8(bytes + i + 3), 1));
        uint8x16_t c = vextq_u8(a, b, 5);
        uint8x16x2_t z = vzipq_u8(b, c);
        uint8x16x2_t uz = vuzpq_u8(z.val[1], a);
        uint16x8x2_t tr = vtrnq_u16(vreinterpretq_u16_u8(uz.val[0]),
                                    vreinterpretq_u16_u8(z.val[0]));
        vst1q_u8(shuf + i, veorq_u8(vreinterpretq_u8_u16(tr.val[1]), uz.val[1]));
    }
}

static uint64_t reductions(void)
{
    uint64_t h = 0;
    for (int i = 0; i < N; i += 16) {
        uint8x16_t v = vld1q_u8(bytes + i);
        int16x8_t s = vld1q_s16(sig + i / 2);
        h = h * 31 + vaddvq_u8(v) + vmaxvq_u8(v) + (uint64_t)vminvq_s16(s);
        h = h * 31 + vaddlvq_u8(v) + (uint64_t)vaddlvq_s16(s);
        uint16x8_t w = vpaddlq_u8(v);
        uint32x4_t w2 = vpadalq_u16(vdupq_n_u32(7), w);
        h = h * 31 + vaddvq_u32(w2) + vmaxvq_f32(vld1q_f32(fin + i / 4)) * 0.0f;
    }
    return h;
}

static void lanes(void)
{
    int16x4x3_t t = vld3_s16(sig);
    for (int i = 0; i < 64; i += 12) {
        t = vld3_lane_s16(sig + i, t, 0);
        t = vld3_lane_s16(sig + i + 3, t, 1);
        t = vld3_lane_s16(sig + i + 6, t, 3);
        vst3_lane_s16(fir_out + i, t, 1);
        vst3_lane_s16(fir_out + i + 3, t, 2);
        vst3_s16(fir_out + 100 + i, t);
    }
    int32x2x4_t q = vld4_dup_s32(fix_out + 5);
    vst4_s32(fix_out + 100, q);
}

int main(void)
{
    for (int i = 0; i < N + 16; i++)
        sig[i] = (int16_t)krand();
    for (int i = 0; i < 16; i++)
        coef[i] = (int16_t)(krand() % 20000 - 10000);
    sig[40] = INT16_MIN;
    sig[41] = INT16_MAX;
    for (int i = 0; i < N; i++)
        fin[i] = (float)((int64_t)(krand() % 2000001) - 1000000) / 1024.0f;
    for (int i = 0; i < N + 64; i++)
        bytes[i] = (uint8_t)krand();
    fir_q15();
    kprint("fir-q15", fir_out, sizeof fir_out);
    fixed_point();
    kprint("fixed-point-int", fix_out, sizeof fix_out);
    kprint("fixed-point-float", fout, sizeof fout);
    newton();
    kprint("newton", fout, sizeof fout);
    shuffles();
    kprint("shuffles", shuf, sizeof shuf);
    uint64_t h = reductions();
    kprint("reductions", &h, sizeof h);
    lanes();
    kprint("lanes-16", fir_out, sizeof fir_out);
    kprint("lanes-32", fix_out, sizeof fix_out);
    return 0;
}
