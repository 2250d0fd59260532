/* A register-machine bytecode interpreter (a switch in a loop, so an indirect jump per
 * bytecode) running a Collatz program over N starting values (default 256K): short
 * handlers, data-dependent branches, loads and stores into the machine's memory. */
#include "common.h"

enum op { LOADI, ADD, ADDI, SHRI, ANDI, MUL3_1, LOADM, STOREM, JMP, JEQ, JNZ, JLE, HALT };

struct insn {
    uint8_t op, a, b, c;   /* c: a register, or unused */
    int32_t imm;           /* an immediate or a jump target */
};

static uint32_t mem[256];

static uint32_t run(const struct insn *prog, uint32_t *r)
{
    for (int pc = 0;;) {
        const struct insn *in = &prog[pc++];
        switch (in->op) {
        case LOADI:  r[in->a] = (uint32_t)in->imm; break;
        case ADD:    r[in->a] = r[in->b] + r[in->c]; break;
        case ADDI:   r[in->a] = r[in->b] + (uint32_t)in->imm; break;
        case SHRI:   r[in->a] = r[in->b] >> in->imm; break;
        case ANDI:   r[in->a] = r[in->b] & (uint32_t)in->imm; break;
        case MUL3_1: r[in->a] = r[in->b] * 3 + 1; break;
        case LOADM:  r[in->a] = mem[r[in->b] & 255]; break;
        case STOREM: mem[r[in->b] & 255] = r[in->a]; break;
        case JMP:    pc = in->imm; break;
        case JEQ:    if (r[in->a] == r[in->b]) pc = in->imm; break;
        case JNZ:    if (r[in->a]) pc = in->imm; break;
        case JLE:    if (r[in->a] <= r[in->b]) pc = in->imm; break;
        case HALT:   return r[in->a];
        default:     return 0xdeadbeef;
        }
    }
}

/* r0 = i, r1 = limit (set by the caller), r2 = total steps, r3 = n, r4 = scratch,
 * r5 = steps of this n, r6 = histogram cell, r7 = 1. For i in 1..limit:
 * n = (i & 0xffff) + 1 (small enough that 3n + 1 never overflows 32 bits), count its
 * Collatz steps, histogram them. */
static const struct insn program[] = {
    /*  0 */ { LOADI, 0, 0, 0, 1 },
    /*  1 */ { LOADI, 2, 0, 0, 0 },
    /*  2 */ { LOADI, 7, 0, 0, 1 },
    /*  3 */ { ANDI, 3, 0, 0, 0xffff },      /* outer: */
    /*  4 */ { ADDI, 3, 3, 0, 1 },
    /*  5 */ { LOADI, 5, 0, 0, 0 },
    /*  6 */ { JEQ, 3, 7, 0, 14 },           /* inner: */
    /*  7 */ { ADDI, 5, 5, 0, 1 },
    /*  8 */ { ANDI, 4, 3, 0, 1 },
    /*  9 */ { JNZ, 4, 0, 0, 12 },
    /* 10 */ { SHRI, 3, 3, 0, 1 },
    /* 11 */ { JMP, 0, 0, 0, 6 },
    /* 12 */ { MUL3_1, 3, 3, 0, 0 },         /* odd: */
    /* 13 */ { JMP, 0, 0, 0, 6 },
    /* 14 */ { LOADM, 6, 5, 0, 0 },          /* n reached 1: */
    /* 15 */ { ADDI, 6, 6, 0, 1 },
    /* 16 */ { STOREM, 6, 5, 0, 0 },
    /* 17 */ { ADD, 2, 2, 5, 0 },
    /* 18 */ { ADDI, 0, 0, 0, 1 },
    /* 19 */ { JLE, 0, 1, 0, 3 },
    /* 20 */ { HALT, 2, 0, 0, 0 },
};

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 256L << 10);
    uint32_t r[16] = { 0 };
    r[1] = (uint32_t)n;
    uint32_t total = run(program, r);
    uint32_t h = 0;
    for (int i = 0; i < 256; i++)
        h = h * 16777619u ^ mem[i];
    printf("interp: collatz over %ld values: %u steps, histogram hash %08x\n", n, total, h);
    return 0;
}
