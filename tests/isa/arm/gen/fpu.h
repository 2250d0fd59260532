/* isa-fuzz FPU tests: the case table fpu_gen.py writes and fpu_main.c runs. */
#ifndef ISA_FUZZ_FPU_H
#define ISA_FUZZ_FPU_H

#include <stdint.h>

struct fpu_case {
    const char *op;         /* an operation name of fpu_main.c */
    uint32_t fpscr;         /* FPSCR before (rounding mode, FZ, DN, AHP) */
    uint64_t a, b, c;       /* operand bit patterns (singles in the low 32 bits) */
};

extern const struct fpu_case fpu_cases[];
extern const unsigned fpu_count;

#endif
