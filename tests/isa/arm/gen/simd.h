/* isa-fuzz SIMD tests: what simd_gen.py's generated cases and simd_main.c share. */
#ifndef ISA_FUZZ_SIMD_H
#define ISA_FUZZ_SIMD_H

#include <stdint.h>

/* One instruction form: fn runs it on g_state and fills in the outputs. */
struct simd_test {
    void (*fn)(void);
    const char *name;
    char kind;          /* n NEON, v VFP, c core transfer, m memory */
};

/* Everything a form reads and writes, in one block so the asm needs one address register
 * (gcc runs out of registers in T32 with one operand per item). The generated asm uses
 * these byte offsets; simd_main.c checks them. */
struct simd_state {
    uint64_t in[32];        /* D0-D31 before, offset 0 */
    uint64_t out[32];       /* D0-D31 after, offset 256 */
    uint32_t r0;            /* r0 after (writeback), offset 512 */
    uint32_t r2;            /* r2 after (core results), offset 516 */
    uint32_t apsr;          /* APSR after, offset 520 */
    uint32_t core;          /* r1 before, offset 524 */
    uint32_t buf;           /* r0 before (the buffer address), offset 528 */
};
extern struct simd_state g_state;

extern const struct simd_test simd_tests[];
extern const unsigned simd_count;
extern const unsigned simd_sets;        /* input sets per form and FPSCR setting */

#endif
