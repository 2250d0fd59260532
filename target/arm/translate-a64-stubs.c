/* Placeholders for the A64 FP/SIMD side (see translate-a64.h for who owns what): the
 * decoders recognise nothing, so such instructions raise SIGILL; FPCR/FPSR are plain
 * words with only their defined bits kept; no FP/SIMD hwcaps are advertised.
 * This file belongs to the a64simd engineer, who replaces each stub with the real
 * thing and deletes the file (and its meson line) when none is left. */
#include "target/arm/translate-a64.h"

bool a64_tr_crypto(struct a64_dc *s, uint32_t insn) { return false; }
bool a64_tr_fp(struct a64_dc *s, uint32_t insn) { return false; }
bool a64_tr_simd(struct a64_dc *s, uint32_t insn) { return false; }
bool a64_tr_simd_ldst(struct a64_dc *s, uint32_t insn) { return false; }

/* FPCR: AHP, DN, FZ, RMode, FZ16 and the (untrapped) exception enables; FPSR: the
 * cumulative flags, QC and the AArch32 NZCV copy. */
enum { FPCR_DEFINED = 0x07c89f00u, FPSR_DEFINED = 0xf800009fu };

uint32_t a64_fpcr_get(const struct a64_cpu *env) { return env->fpcr; }
void a64_fpcr_set(struct a64_cpu *env, uint32_t v) { env->fpcr = v & FPCR_DEFINED; }
uint32_t a64_fpsr_get(const struct a64_cpu *env) { return env->fpsr; }
void a64_fpsr_set(struct a64_cpu *env, uint32_t v) { env->fpsr = v & FPSR_DEFINED; }
uint32_t a64_fp_tb_flags(const struct a64_cpu *env) { return 0; }
uint64_t a64_fp_hwcap(void) { return 0; }
uint64_t a64_fp_hwcap2(void) { return 0; }
