/* guest-test: portable
 * A bytecode interpreter dispatching through a dense switch (a jump table: ldr pc from a
 * table in ARM code, tbb/tbh in Thumb-2) and the same interpreter with computed goto
 * (indirect branches through registers), running small programs: a sieve, gcd, collatz
 * lengths and fibonacci. Indirect-branch-heavy code is what the JIT's jump cache is for. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum op {
    PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIVU, MODU, AND, OR, XOR, SHL, SHR, NEG,
    LOAD, STORE, JMP, JZ, JNZ, LT, EQ, INC, DEC, CALL, RET, HALT, NOP, ROT, GT, NOT,
};

#define MEMSZ 4096

struct vm {
    int32_t stack[256], rstack[64], mem[MEMSZ];
    int sp, rsp;
    uint32_t steps;
};

static int32_t run_switch(struct vm *m, const int32_t *code)
{
    int pc = 0;
    m->sp = m->rsp = 0;
    m->steps = 0;
    for (;;) {
        m->steps++;
        int32_t op = code[pc++];
        int32_t a, b;
        switch (op) {
        case PUSH: m->stack[m->sp++] = code[pc++]; break;
        case POP: m->sp--; break;
        case DUP: m->stack[m->sp] = m->stack[m->sp - 1]; m->sp++; break;
        case SWAP: a = m->stack[m->sp - 1]; m->stack[m->sp - 1] = m->stack[m->sp - 2];
                   m->stack[m->sp - 2] = a; break;
        case OVER: m->stack[m->sp] = m->stack[m->sp - 2]; m->sp++; break;
        case ROT: a = m->stack[m->sp - 3]; m->stack[m->sp - 3] = m->stack[m->sp - 2];
                  m->stack[m->sp - 2] = m->stack[m->sp - 1]; m->stack[m->sp - 1] = a; break;
        case ADD: b = m->stack[--m->sp]; m->stack[m->sp - 1] += b; break;
        case SUB: b = m->stack[--m->sp]; m->stack[m->sp - 1] -= b; break;
        case MUL: b = m->stack[--m->sp];
                  m->stack[m->sp - 1] = (int32_t)((uint32_t)m->stack[m->sp - 1] * (uint32_t)b);
                  break;
        case DIVU: b = m->stack[--m->sp];
                   m->stack[m->sp - 1] = (int32_t)((uint32_t)m->stack[m->sp - 1] / (uint32_t)b);
                   break;
        case MODU: b = m->stack[--m->sp];
                   m->stack[m->sp - 1] = (int32_t)((uint32_t)m->stack[m->sp - 1] % (uint32_t)b);
                   break;
        case AND: b = m->stack[--m->sp]; m->stack[m->sp - 1] &= b; break;
        case OR: b = m->stack[--m->sp]; m->stack[m->sp - 1] |= b; break;
        case XOR: b = m->stack[--m->sp]; m->stack[m->sp - 1] ^= b; break;
        case SHL: b = m->stack[--m->sp];
                  m->stack[m->sp - 1] = (int32_t)((uint32_t)m->stack[m->sp - 1] << (b & 31));
                  break;
        case SHR: b = m->stack[--m->sp];
                  m->stack[m->sp - 1] = (int32_t)((uint32_t)m->stack[m->sp - 1] >> (b & 31));
                  break;
        case NEG: m->stack[m->sp - 1] = (int32_t)(0u - (uint32_t)m->stack[m->sp - 1]); break;
        case NOT: m->stack[m->sp - 1] = !m->stack[m->sp - 1]; break;
        case LOAD: m->stack[m->sp - 1] = m->mem[m->stack[m->sp - 1] & (MEMSZ - 1)]; break;
        case STORE: a = m->stack[--m->sp]; b = m->stack[--m->sp]; m->mem[a & (MEMSZ - 1)] = b;
                    break;
        case JMP: pc = code[pc]; break;
        case JZ: a = m->stack[--m->sp]; pc = a == 0 ? code[pc] : pc + 1; break;
        case JNZ: a = m->stack[--m->sp]; pc = a != 0 ? code[pc] : pc + 1; break;
        case LT: b = m->stack[--m->sp]; m->stack[m->sp - 1] = m->stack[m->sp - 1] < b; break;
        case GT: b = m->stack[--m->sp]; m->stack[m->sp - 1] = m->stack[m->sp - 1] > b; break;
        case EQ: b = m->stack[--m->sp]; m->stack[m->sp - 1] = m->stack[m->sp - 1] == b; break;
        case INC: m->stack[m->sp - 1]++; break;
        case DEC: m->stack[m->sp - 1]--; break;
        case CALL: m->rstack[m->rsp++] = pc + 1; pc = code[pc]; break;
        case RET: pc = m->rstack[--m->rsp]; break;
        case NOP: break;
        case HALT: return m->sp ? m->stack[m->sp - 1] : 0;
        default: printf("bad opcode %" PRId32 "\n", op); return -1;
        }
    }
}

static int32_t run_goto(struct vm *m, const int32_t *code)
{
    static void *const tab[] = {
        &&L_PUSH, &&L_POP, &&L_DUP, &&L_SWAP, &&L_OVER, &&L_ADD, &&L_SUB, &&L_MUL, &&L_DIVU,
        &&L_MODU, &&L_AND, &&L_OR, &&L_XOR, &&L_SHL, &&L_SHR, &&L_NEG, &&L_LOAD, &&L_STORE,
        &&L_JMP, &&L_JZ, &&L_JNZ, &&L_LT, &&L_EQ, &&L_INC, &&L_DEC, &&L_CALL, &&L_RET,
        &&L_HALT, &&L_NOP, &&L_ROT, &&L_GT, &&L_NOT,
    };
    int pc = 0, sp = 0, rsp = 0;
    int32_t *st = m->stack, a, b;
    m->steps = 0;
#define NEXT do { m->steps++; goto *tab[code[pc++]]; } while (0)
    NEXT;
L_PUSH: st[sp++] = code[pc++]; NEXT;
L_POP: sp--; NEXT;
L_DUP: st[sp] = st[sp - 1]; sp++; NEXT;
L_SWAP: a = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = a; NEXT;
L_OVER: st[sp] = st[sp - 2]; sp++; NEXT;
L_ROT: a = st[sp - 3]; st[sp - 3] = st[sp - 2]; st[sp - 2] = st[sp - 1]; st[sp - 1] = a; NEXT;
L_ADD: b = st[--sp]; st[sp - 1] += b; NEXT;
L_SUB: b = st[--sp]; st[sp - 1] -= b; NEXT;
L_MUL: b = st[--sp]; st[sp - 1] = (int32_t)((uint32_t)st[sp - 1] * (uint32_t)b); NEXT;
L_DIVU: b = st[--sp]; st[sp - 1] = (int32_t)((uint32_t)st[sp - 1] / (uint32_t)b); NEXT;
L_MODU: b = st[--sp]; st[sp - 1] = (int32_t)((uint32_t)st[sp - 1] % (uint32_t)b); NEXT;
L_AND: b = st[--sp]; st[sp - 1] &= b; NEXT;
L_OR: b = st[--sp]; st[sp - 1] |= b; NEXT;
L_XOR: b = st[--sp]; st[sp - 1] ^= b; NEXT;
L_SHL: b = st[--sp]; st[sp - 1] = (int32_t)((uint32_t)st[sp - 1] << (b & 31)); NEXT;
L_SHR: b = st[--sp]; st[sp - 1] = (int32_t)((uint32_t)st[sp - 1] >> (b & 31)); NEXT;
L_NEG: st[sp - 1] = (int32_t)(0u - (uint32_t)st[sp - 1]); NEXT;
L_NOT: st[sp - 1] = !st[sp - 1]; NEXT;
L_LOAD: st[sp - 1] = m->mem[st[sp - 1] & (MEMSZ - 1)]; NEXT;
L_STORE: a = st[--sp]; b = st[--sp]; m->mem[a & (MEMSZ - 1)] = b; NEXT;
L_JMP: pc = code[pc]; NEXT;
L_JZ: a = st[--sp]; pc = a == 0 ? code[pc] : pc + 1; NEXT;
L_JNZ: a = st[--sp]; pc = a != 0 ? code[pc] : pc + 1; NEXT;
L_LT: b = st[--sp]; st[sp - 1] = st[sp - 1] < b; NEXT;
L_GT: b = st[--sp]; st[sp - 1] = st[sp - 1] > b; NEXT;
L_EQ: b = st[--sp]; st[sp - 1] = st[sp - 1] == b; NEXT;
L_INC: st[sp - 1]++; NEXT;
L_DEC: st[sp - 1]--; NEXT;
L_CALL: m->rstack[rsp++] = pc + 1; pc = code[pc]; NEXT;
L_RET: pc = m->rstack[--rsp]; NEXT;
L_NOP: NEXT;
L_HALT: return sp ? st[sp - 1] : 0;
#undef NEXT
}

/* Programs are written as text and assembled at start-up (two passes, labels "name:",
 * references ">name"), which is string-processing work for the guest as well. STORE pops
 * the address, then the value. */
static const char *const mnemonics[] = {
    "PUSH", "POP", "DUP", "SWAP", "OVER", "ADD", "SUB", "MUL", "DIVU", "MODU", "AND", "OR",
    "XOR", "SHL", "SHR", "NEG", "LOAD", "STORE", "JMP", "JZ", "JNZ", "LT", "EQ", "INC", "DEC",
    "CALL", "RET", "HALT", "NOP", "ROT", "GT", "NOT",
};

static const char src_sieve[] =
    "  PUSH 0 PUSH 0 STORE  PUSH 2 PUSH 1 STORE\n"
    "loop: PUSH 1 LOAD PUSH 4000 LT JZ >end\n"
    "  PUSH 1 LOAD PUSH 16 ADD LOAD JNZ >next\n"
    "  PUSH 0 LOAD INC PUSH 0 STORE\n"
    "  PUSH 1 LOAD DUP ADD\n"
    "inner: DUP PUSH 4000 LT JZ >innerend\n"
    "  DUP PUSH 16 ADD PUSH 1 SWAP STORE\n"
    "  PUSH 1 LOAD ADD JMP >inner\n"
    "innerend: POP\n"
    "next: PUSH 1 LOAD INC PUSH 1 STORE JMP >loop\n"
    "end: PUSH 0 LOAD HALT\n";

static const char src_gcd[] =
    "  PUSH 0 PUSH 0 STORE  PUSH 1 PUSH 1 STORE\n"
    "loop: PUSH 1 LOAD PUSH 3000 LT JZ >end\n"
    "  PUSH 1 LOAD PUSH 7919 MUL PUSH 65535 AND INC\n"
    "  PUSH 1 LOAD PUSH 104729 MUL PUSH 4095 AND INC\n"
    "gcd: DUP JZ >gdone SWAP OVER MODU JMP >gcd\n"
    "gdone: POP PUSH 0 LOAD ADD PUSH 0 STORE\n"
    "  PUSH 1 LOAD INC PUSH 1 STORE JMP >loop\n"
    "end: PUSH 0 LOAD HALT\n";

static const char src_collatz[] =
    "  PUSH 0 PUSH 0 STORE  PUSH 0 PUSH 2 STORE  PUSH 1 PUSH 1 STORE\n"
    "loop: PUSH 1 LOAD PUSH 3000 LT JZ >end\n"
    "  PUSH 1 LOAD PUSH 0\n"
    "step: OVER PUSH 1 EQ JNZ >done\n"
    "  INC SWAP DUP PUSH 1 AND JZ >even\n"
    "  DUP DUP ADD ADD INC SWAP JMP >step\n"
    "even: PUSH 1 SHR SWAP JMP >step\n"
    "done: SWAP POP DUP PUSH 0 LOAD GT JZ >notbest\n"
    "  DUP PUSH 0 STORE PUSH 1 LOAD PUSH 2 STORE\n"
    "notbest: POP PUSH 1 LOAD INC PUSH 1 STORE JMP >loop\n"
    "end: PUSH 2 LOAD PUSH 1000 MUL PUSH 0 LOAD ADD HALT\n";

static const char src_fib[] =
    "  PUSH 24 CALL >fib HALT\n"
    "fib: DUP PUSH 2 LT JNZ >ret\n"
    "  DUP DEC CALL >fib SWAP PUSH 2 SUB CALL >fib ADD\n"
    "ret: RET\n";

#define MAXCODE 512
#define MAXLABELS 32

/* Returns the code length, or -1 with a message on a malformed program. */
static int assemble(const char *src, int32_t *code)
{
    char names[MAXLABELS][16];
    int addr[MAXLABELS], nlabels = 0;
    for (int pass = 0; pass < 2; pass++) {
        int pc = 0;
        const char *p = src;
        while (*p) {
            while (*p == ' ' || *p == '\n')
                p++;
            if (!*p)
                break;
            char tok[16];
            int n = 0;
            while (*p && *p != ' ' && *p != '\n' && n < 15)
                tok[n++] = *p++;
            tok[n] = 0;
            if (tok[n - 1] == ':') {
                if (pass == 0) {
                    tok[n - 1] = 0;
                    strcpy(names[nlabels], tok);
                    addr[nlabels++] = pc;
                }
                continue;
            }
            int32_t v = 0;
            if (tok[0] == '>') {
                int k;
                for (k = 0; k < nlabels && strcmp(names[k], tok + 1) != 0; k++)
                    ;
                if (pass == 1 && k == nlabels) {
                    printf("undefined label %s\n", tok + 1);
                    return -1;
                }
                v = k < nlabels ? addr[k] : 0;
            } else if (isdigit((unsigned char)tok[0])) {
                v = (int32_t)strtol(tok, NULL, 10);
            } else {
                int k;
                for (k = 0; k < 32 && strcmp(mnemonics[k], tok) != 0; k++)
                    ;
                if (k == 32) {
                    printf("unknown mnemonic %s\n", tok);
                    return -1;
                }
                v = k;
            }
            code[pc++] = v;
        }
        if (pass == 1)
            return pc;
    }
    return -1;
}

int main(void)
{
    static struct vm m;
    static const struct { const char *name, *src; } progs[] = {
        {"sieve", src_sieve}, {"gcd", src_gcd}, {"collatz", src_collatz}, {"fib", src_fib},
    };
    for (unsigned p = 0; p < 4; p++) {
        static int32_t code[MAXCODE];
        int len = assemble(progs[p].src, code);
        if (len < 0)
            return 1;
        memset(m.mem, 0, sizeof m.mem);
        int32_t r1 = run_switch(&m, code);
        uint32_t s1 = m.steps;
        memset(m.mem, 0, sizeof m.mem);
        int32_t r2 = run_goto(&m, code);
        printf("%-8s len=%d switch=%" PRId32 " (%" PRIu32 " steps) goto=%" PRId32 " (%" PRIu32
               " steps)\n", progs[p].name, len, r1, s1, r2, m.steps);
    }
    return 0;
}
