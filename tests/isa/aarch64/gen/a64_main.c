/* isa-fuzz (AArch64): run the cases a64_gen.py writes, one at a time.
 *
 * Each case is a stub (its instructions, then `ret`) with NZCV, FPCR and FPSR inputs, a
 * value profile for V0-V31 (a64_values.h) and up to four general registers with fixed
 * values, which may be offsets into a 8 KiB buffer (bases and indexes of loads and
 * stores); the other general registers and V0-V31 get values seeded by the case number.
 * This driver loads X0-X29, V0-V31, NZCV, FPCR and FPSR, calls the stub, stores them all
 * back and prints
 *     N form=FORM code=ENC:ENC... fpcr=X fpsr=X nzcv=X p=PROFILE in=xR=V,... -> CHANGES
 * where CHANGES lists the X and V registers and buffer words (m[OFFSET]) that changed,
 * then NZCV and FPSR (and FPCR when it changed). An instruction of the stub that raises
 * SIGILL is skipped by the handler (it moves the interrupted pc on by 4, so the rest of a
 * sequence still runs, after a return from the handler through sigreturn) and CHANGES
 * starts with ill=MASK, bit i for the stub's instruction i; SIGSEGV/SIGBUS end the case
 * and show as such. A buffer address shows as @OFFSET from the buffer's middle.
 * `a64_main -v N` prints case N with every input; `a64_main K N` runs cases K, K+N, ...
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "a64_values.h"

struct a64_case {
    const uint32_t *stub;
    const char *form;
    uint32_t ninsn;
    uint32_t nzcv;          /* bits 31:28 */
    uint32_t fpcr, fpsr;
    uint32_t profile;
    uint32_t based;         /* bit i: fixval[i] is an offset from the buffer's middle */
    uint8_t fixreg[4];      /* 0xff: unused slot */
    int64_t fixval[4];
};
_Static_assert(offsetof(struct a64_case, fixval) == 48 && sizeof(struct a64_case) == 80,
               "a64_gen.py hard-codes the layout");
extern const struct a64_case a64_cases[];
extern const uint32_t a64_count;

#define MEM 8192
static uint8_t membuf[MEM] __attribute__((aligned(64)));
static uint8_t pattern[MEM + 256];

/* The register block run_case loads and stores (offsets used by the asm below). */
struct block {
    uint64_t x[30];         /* 0 */
    uint64_t nzcv;          /* 240 */
    uint64_t fpcr;          /* 248 */
    uint64_t fpsr;          /* 256 */
    uint64_t stub;          /* 264 */
    uint64_t v[32][2];      /* 272 */
};
_Static_assert(offsetof(struct block, v) == 272 && sizeof(struct block) == 272 + 512,
               "run_case hard-codes the layout");

/* run_case(block): load every register from the block, call the stub with blr (x30 is
 * the return address, so stubs never write it), store every register back, reset FPCR
 * for the C code. Callee-saved registers are preserved; the block pointer waits in a
 * global while the stub runs. Loads and stores use LDP/STP of Q registers, not the
 * structure instructions under test. */
void run_case(struct block *b);
void *g_block;
__asm__(".text\n.p2align 2\n.global run_case\n.type run_case, %function\n"
        "run_case:\n"
        "  stp x29, x30, [sp, #-176]!\n"
        "  stp x19, x20, [sp, #16]\n"
        "  stp x21, x22, [sp, #32]\n"
        "  stp x23, x24, [sp, #48]\n"
        "  stp x25, x26, [sp, #64]\n"
        "  stp x27, x28, [sp, #80]\n"
        "  stp d8, d9, [sp, #96]\n"
        "  stp d10, d11, [sp, #112]\n"
        "  stp d12, d13, [sp, #128]\n"
        "  stp d14, d15, [sp, #144]\n"
        "  adrp x1, g_block\n"
        "  str x0, [x1, :lo12:g_block]\n"
        "  ldr x1, [x0, #240]\n"
        "  msr nzcv, x1\n"
        "  ldr x1, [x0, #248]\n"
        "  msr fpcr, x1\n"
        "  ldr x1, [x0, #256]\n"
        "  msr fpsr, x1\n"
        "  add x1, x0, #272\n"
        "  ldp q0, q1, [x1, #0]\n"
        "  ldp q2, q3, [x1, #32]\n"
        "  ldp q4, q5, [x1, #64]\n"
        "  ldp q6, q7, [x1, #96]\n"
        "  ldp q8, q9, [x1, #128]\n"
        "  ldp q10, q11, [x1, #160]\n"
        "  ldp q12, q13, [x1, #192]\n"
        "  ldp q14, q15, [x1, #224]\n"
        "  ldp q16, q17, [x1, #256]\n"
        "  ldp q18, q19, [x1, #288]\n"
        "  ldp q20, q21, [x1, #320]\n"
        "  ldp q22, q23, [x1, #352]\n"
        "  ldp q24, q25, [x1, #384]\n"
        "  ldp q26, q27, [x1, #416]\n"
        "  ldp q28, q29, [x1, #448]\n"
        "  ldp q30, q31, [x1, #480]\n"
        "  ldr x30, [x0, #264]\n"
        "  ldp x2, x3, [x0, #16]\n"
        "  ldp x4, x5, [x0, #32]\n"
        "  ldp x6, x7, [x0, #48]\n"
        "  ldp x8, x9, [x0, #64]\n"
        "  ldp x10, x11, [x0, #80]\n"
        "  ldp x12, x13, [x0, #96]\n"
        "  ldp x14, x15, [x0, #112]\n"
        "  ldp x16, x17, [x0, #128]\n"
        "  ldp x18, x19, [x0, #144]\n"
        "  ldp x20, x21, [x0, #160]\n"
        "  ldp x22, x23, [x0, #176]\n"
        "  ldp x24, x25, [x0, #192]\n"
        "  ldp x26, x27, [x0, #208]\n"
        "  ldp x28, x29, [x0, #224]\n"
        "  ldp x0, x1, [x0, #0]\n"
        "  blr x30\n"
        "  adrp x30, g_block\n"
        "  ldr x30, [x30, :lo12:g_block]\n"
        "  stp x0, x1, [x30, #0]\n"
        "  stp x2, x3, [x30, #16]\n"
        "  stp x4, x5, [x30, #32]\n"
        "  stp x6, x7, [x30, #48]\n"
        "  stp x8, x9, [x30, #64]\n"
        "  stp x10, x11, [x30, #80]\n"
        "  stp x12, x13, [x30, #96]\n"
        "  stp x14, x15, [x30, #112]\n"
        "  stp x16, x17, [x30, #128]\n"
        "  stp x18, x19, [x30, #144]\n"
        "  stp x20, x21, [x30, #160]\n"
        "  stp x22, x23, [x30, #176]\n"
        "  stp x24, x25, [x30, #192]\n"
        "  stp x26, x27, [x30, #208]\n"
        "  stp x28, x29, [x30, #224]\n"
        "  mrs x0, nzcv\n"
        "  str x0, [x30, #240]\n"
        "  mrs x0, fpcr\n"
        "  str x0, [x30, #248]\n"
        "  mrs x0, fpsr\n"
        "  str x0, [x30, #256]\n"
        "  add x0, x30, #272\n"
        "  stp q0, q1, [x0, #0]\n"
        "  stp q2, q3, [x0, #32]\n"
        "  stp q4, q5, [x0, #64]\n"
        "  stp q6, q7, [x0, #96]\n"
        "  stp q8, q9, [x0, #128]\n"
        "  stp q10, q11, [x0, #160]\n"
        "  stp q12, q13, [x0, #192]\n"
        "  stp q14, q15, [x0, #224]\n"
        "  stp q16, q17, [x0, #256]\n"
        "  stp q18, q19, [x0, #288]\n"
        "  stp q20, q21, [x0, #320]\n"
        "  stp q22, q23, [x0, #352]\n"
        "  stp q24, q25, [x0, #384]\n"
        "  stp q26, q27, [x0, #416]\n"
        "  stp q28, q29, [x0, #448]\n"
        "  stp q30, q31, [x0, #480]\n"
        "  msr fpcr, xzr\n"
        "  msr fpsr, xzr\n"
        "  ldp x19, x20, [sp, #16]\n"
        "  ldp x21, x22, [sp, #32]\n"
        "  ldp x23, x24, [sp, #48]\n"
        "  ldp x25, x26, [sp, #64]\n"
        "  ldp x27, x28, [sp, #80]\n"
        "  ldp d8, d9, [sp, #96]\n"
        "  ldp d10, d11, [sp, #112]\n"
        "  ldp d12, d13, [sp, #128]\n"
        "  ldp d14, d15, [sp, #144]\n"
        "  ldp x29, x30, [sp], #176\n"
        "  ret\n"
        ".size run_case, .-run_case\n");

static sigjmp_buf jb;
static const struct a64_case *running;     /* the case whose stub runs */
static volatile uint32_t ill_mask;

static void on_signal(int sig)
{
    siglongjmp(jb, sig);
}

static void on_sigill(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    uint64_t pc = uc->uc_mcontext.pc, stub = (uint64_t)(uintptr_t)running->stub;
    (void)si;
    if (pc < stub || pc >= stub + 4 * running->ninsn)
        siglongjmp(jb, sig);                /* not the stub's: end the case */
    ill_mask |= 1u << ((pc - stub) / 4);
    uc->uc_mcontext.pc = pc + 4;
}

static const char *signame(int sig)
{
    switch (sig) {
    case SIGILL: return "SIGILL";
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGTRAP: return "SIGTRAP";
    default: return "SIG?";
    }
}

static void reset_fp(void)
{
    __asm__ volatile("msr fpcr, xzr\n msr fpsr, xzr" ::: "memory");
}

static void print_v(int i, const uint64_t *v)
{
    printf(" v%d=%016llx:%016llx", i, (unsigned long long)v[1], (unsigned long long)v[0]);
}

static void run_one(uint32_t n, int verbose)
{
    const struct a64_case *c = &a64_cases[n];
    static struct block in, out;
    uint64_t mid = (uint64_t)(uintptr_t)(membuf + MEM / 2);
    const uint8_t *mem_in = pattern + (n % 64) * 4;

    memset(&in, 0, sizeof in);
    rng = 0xa64ca5e0000ull ^ (uint64_t)n * 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 30; i++)
        in.x[i] = xvalue();
    for (int i = 0; i < 32; i++) {
        in.v[i][0] = vhalf((enum profile)c->profile);
        in.v[i][1] = vhalf((enum profile)c->profile);
    }
    for (int k = 0; k < 4; k++)
        if (c->fixreg[k] < 30)
            in.x[c->fixreg[k]] = (uint64_t)c->fixval[k] + (c->based >> k & 1 ? mid : 0);
    in.nzcv = c->nzcv;
    in.fpcr = c->fpcr;
    in.fpsr = c->fpsr;
    in.stub = (uint64_t)(uintptr_t)c->stub;
    if (c->based)
        memcpy(membuf, mem_in, MEM);
    out = in;

    printf("%u form=%s code=", (unsigned)n, c->form);
    for (uint32_t i = 0; i < c->ninsn; i++)
        printf(i ? ":%08x" : "%08x", (unsigned)c->stub[i]);
    printf(" fpcr=%08x fpsr=%08x nzcv=%x p=%s in=", (unsigned)c->fpcr, (unsigned)c->fpsr,
           (unsigned)(c->nzcv >> 28), profile_names[c->profile % P_COUNT]);
    for (int k = 0, first = 1; k < 4; k++) {
        if (c->fixreg[k] >= 30)
            continue;
        printf(c->based >> k & 1 ? "%sx%u=@%+lld" : "%sx%u=%llx", first ? "" : ",",
               (unsigned)c->fixreg[k], (long long)c->fixval[k]);
        first = 0;
    }
    if (verbose) {
        for (int i = 0; i < 30; i++)
            printf("%sx%d=%016llx", i % 4 ? " " : "\n  ", i, (unsigned long long)in.x[i]);
        for (int i = 0; i < 32; i++) {
            if (i % 2 == 0)
                printf("\n ");
            print_v(i, in.v[i]);
        }
    }

    running = c;
    ill_mask = 0;
    /* volatile: the value must survive the longjmp back from a signal handler. */
    volatile int sig = sigsetjmp(jb, 1);
    if (sig) {
        reset_fp();
        printf(" -> %s\n", signame(sig));
        return;
    }
    run_case(&out);
    printf(" ->");
    if (ill_mask)
        printf(" ill=%x", (unsigned)ill_mask);
    for (int i = 0; i < 30; i++) {
        if (out.x[i] == in.x[i])
            continue;
        bool based = false;
        for (int k = 0; k < 4; k++)
            based |= c->fixreg[k] == i && (c->based >> k & 1);
        if (based)      /* a base register written back: where it points now */
            printf(" x%d=@%+lld", i, (long long)(out.x[i] - mid));
        else
            printf(" x%d=%016llx", i, (unsigned long long)out.x[i]);
    }
    for (int i = 0; i < 32; i++)
        if (memcmp(out.v[i], in.v[i], 16))
            print_v(i, out.v[i]);
    for (int i = 0; c->based && i < MEM; i += 4)
        if (memcmp(membuf + i, mem_in + i, 4)) {
            uint32_t w;
            memcpy(&w, membuf + i, 4);
            printf(" m[%+d]=%08x", i - MEM / 2, (unsigned)w);
        }
    printf(" nzcv=%x fpsr=%08x", (unsigned)(out.nzcv >> 28), (unsigned)out.fpsr);
    if (out.fpcr != in.fpcr)
        printf(" fpcr=%08x", (unsigned)out.fpcr);
    printf("\n");
}

int main(int argc, char **argv)
{
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sa.sa_handler = NULL;
    sa.sa_sigaction = on_sigill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);

    rng = 0xb0f0b0f0b0f0ull;
    for (int i = 0; i < MEM + 256; i++)
        pattern[i] = (uint8_t)rnd();

    if (argc == 3 && !strcmp(argv[1], "-v")) {
        uint32_t n = (uint32_t)strtoul(argv[2], NULL, 0);
        if (n < a64_count)
            run_one(n, 1);
        return 0;
    }
    uint32_t part = argc > 2 ? (uint32_t)atoi(argv[1]) : 0;
    uint32_t parts = argc > 2 ? (uint32_t)atoi(argv[2]) : 1;
    for (uint32_t n = part; n < a64_count; n += parts)
        run_one(n, 0);
    return 0;
}
