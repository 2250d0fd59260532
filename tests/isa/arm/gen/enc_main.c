/* isa-fuzz: run generated instruction encodings one at a time.
 *
 * enc_gen.py writes the cases (enc_cases.S): for each, a stub holding the instructions
 * (for T32 maybe with IT) followed by `bx lr`, the APSR and FPSCR inputs and the 13 core
 * register inputs, some of which may be offsets into a 16 KiB buffer (for loads and
 * stores; the buffer is refilled for each such case); D0-D31 get values seeded by the
 * case number (fvalues.h). This driver loads all of that, calls the stub, and prints
 *     N form=CLASSES code=ENC:ENC... fl=APSR fp=FPSCR in=r0,...,r12 -> CHANGES
 * with the encodings read back from the stub (a T32 32-bit one as hw1 hw2) and a buffer
 * address shown as @OFFSET from the buffer's middle, where CHANGES lists the core and D
 * registers and buffer words (m[OFFSET]) that changed, then the APSR and FPSCR, or is
 * SIGILL/SIGSEGV/SIGBUS when the instruction traps.
 * `enc_main -v N` prints case N alone with every input and every register.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fvalues.h"

struct enc_case {
    uint32_t stub;      /* address, bit 0 set for T32 */
    uint32_t ninsn;     /* instructions before the final bx lr (an IT counts) */
    uint32_t apsr;
    uint32_t fpscr;
    uint32_t based;     /* mask: these regs[] are offsets from the buffer's middle */
    uint32_t regs[13];
    const char *form;   /* the generator's name for the instruction class */
};

/* The loads' and stores' memory: refilled from a fixed pattern (shifted per case) before
 * each case that uses it. In .bss, so at the same address under every emulator. */
#define MEM 16384
static uint8_t membuf[MEM] __attribute__((aligned(64)));
static uint8_t pattern[MEM + 256];
extern const struct enc_case enc_cases[];
extern const uint32_t enc_count;

/* The register block run_case loads and stores (offsets used by the asm below). */
struct block {
    uint32_t r[13];     /* 0 */
    uint32_t apsr;      /* 52 */
    uint32_t fpscr;     /* 56 */
    uint32_t pad;
    uint64_t d[32];     /* 64 */
};
_Static_assert(sizeof(struct block) == 64 + 256, "run_case hard-codes the layout");

/* run_case(block, stub): load every register from the block, call the stub with blx
 * (interworking, so lr is the return address here), store every register back. The
 * callee-saved core and D8-D15 registers are preserved; the FPSCR is reset to 0 for the
 * C code. Written in A32 so it does not depend on the stubs' state. */
void run_case(struct block *b, uint32_t stub);
__asm__(".text\n.arm\n.fpu neon-vfpv4\n.p2align 2\n.global run_case\n"
        ".type run_case, %function\n"
        "run_case:\n"
        "  push {r3-r11, lr}\n"
        "  vpush {d8-d15}\n"
        "  sub sp, sp, #8\n"
        "  str r0, [sp]\n"            /* the block, reloaded after the case */
        "  ldr r2, [r0, #52]\n"
        "  msr APSR_nzcvqg, r2\n"
        "  ldr r2, [r0, #56]\n"
        "  vmsr fpscr, r2\n"
        "  add r2, r0, #64\n"
        "  vldm r2!, {d0-d15}\n"
        "  vldm r2, {d16-d31}\n"
        "  mov lr, r1\n"
        "  ldm r0, {r0-r12}\n"
        "  blx lr\n"
        "  str r0, [sp, #4]\n"
        "  ldr r0, [sp]\n"
        "  stmib r0, {r1-r12}\n"
        "  ldr r1, [sp, #4]\n"
        "  str r1, [r0]\n"
        "  mrs r1, APSR\n"
        "  str r1, [r0, #52]\n"
        "  vmrs r1, fpscr\n"
        "  str r1, [r0, #56]\n"
        "  add r1, r0, #64\n"
        "  vstm r1!, {d0-d15}\n"
        "  vstm r1, {d16-d31}\n"
        "  mov r1, #0\n"
        "  vmsr fpscr, r1\n"
        "  add sp, sp, #8\n"
        "  vpop {d8-d15}\n"
        "  pop {r3-r11, pc}\n");

static sigjmp_buf jb;

static void on_signal(int sig)
{
    siglongjmp(jb, sig);
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

static void set_fpscr(uint32_t v)
{
    __asm__ volatile("vmsr fpscr, %0" ::"r"(v));
}

/* The stub's instructions, colon-separated; T32 ones by halfword, a 32-bit one (first
 * halfword 0xe800 or above) as both halfwords in memory order. */
static void print_code(const struct enc_case *c)
{
    if (!(c->stub & 1)) {
        const uint32_t *w = (const uint32_t *)(uintptr_t)c->stub;
        for (uint32_t i = 0; i < c->ninsn; i++)
            printf(i ? ":%08x" : "%08x", (unsigned)w[i]);
        return;
    }
    const uint16_t *h = (const uint16_t *)(uintptr_t)(c->stub & ~1u);
    for (uint32_t i = 0; i < c->ninsn; i++) {
        printf(i ? ":%04x" : "%04x", (unsigned)h[0]);
        if (h[0] >= 0xe800)
            printf("%04x", (unsigned)h[1]);
        h += h[0] >= 0xe800 ? 2 : 1;
    }
}

static void run_one(uint32_t n, int verbose)
{
    const struct enc_case *c = &enc_cases[n];
    static struct block in, out;
    memset(&in, 0, sizeof in);
    memcpy(in.r, c->regs, sizeof c->regs);
    const uint8_t *mem_in = pattern + (n % 64) * 4;
    if (c->based) {
        memcpy(membuf, mem_in, MEM);
        for (int r = 0; r < 13; r++)
            if (c->based >> r & 1)
                in.r[r] = (uint32_t)(uintptr_t)(membuf + MEM / 2) + c->regs[r];
    }
    in.apsr = c->apsr;
    in.fpscr = c->fpscr;
    rng = 0x5eed0000d00dull ^ (uint64_t)n * 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 32; i++)
        in.d[i] = value64();
    out = in;

    printf("%u form=%s code=", (unsigned)n, c->form);
    print_code(c);
    printf(" fl=%08x fp=%08x in=", (unsigned)c->apsr, (unsigned)c->fpscr);
    for (int r = 0; r < 13; r++) {
        if (c->based >> r & 1)
            printf(r ? ",@%+d" : "@%+d", (int)c->regs[r]);
        else
            printf(r ? ",%08x" : "%08x", (unsigned)c->regs[r]);
    }
    if (verbose)
        for (int i = 0; i < 32; i++)
            printf("%sd%d=%016llx", i % 4 ? " " : "\n  ", i, (unsigned long long)in.d[i]);

    /* volatile: the value must survive the longjmp back from a signal handler. */
    volatile int sig = sigsetjmp(jb, 1);
    if (sig) {
        set_fpscr(0);       /* the stub may have left its FPSCR behind */
        printf(" -> %s\n", signame(sig));
        return;
    }
    run_case(&out, c->stub);
    printf(" ->");
    uint32_t mid = (uint32_t)(uintptr_t)(membuf + MEM / 2);
    for (int r = 0; r < 13; r++) {
        if (!verbose && out.r[r] == in.r[r])
            continue;
        if (c->based >> r & 1)      /* a base register written back: where it points now */
            printf(" r%d=@%+d", r, (int)(out.r[r] - mid));
        else
            printf(" r%d=%08x", r, (unsigned)out.r[r]);
    }
    for (int i = 0; i < 32; i++)
        if (out.d[i] != in.d[i])
            printf(" d%d=%016llx", i, (unsigned long long)out.d[i]);
    for (int i = 0; c->based && i < MEM; i += 4)
        if (memcmp(membuf + i, mem_in + i, 4)) {
            uint32_t w;
            memcpy(&w, membuf + i, 4);
            printf(" m[%+d]=%08x", i - MEM / 2, (unsigned)w);
        }
    /* Only NZCVQ and GE are defined for user code to read. */
    printf(" apsr=%08x fpscr=%08x\n", (unsigned)(out.apsr & 0xf80f0000u), (unsigned)out.fpscr);
}

int main(int argc, char **argv)
{
    static char out[1 << 16];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);

    rng = 0xb0f0b0f0b0f0ull;
    for (int i = 0; i < MEM + 256; i++)
        pattern[i] = (uint8_t)rnd();

    if (argc == 3 && !strcmp(argv[1], "-v")) {
        uint32_t n = (uint32_t)strtoul(argv[2], NULL, 0);
        if (n < enc_count)
            run_one(n, 1);
        return 0;
    }
    /* Optional "K N": run only cases with index % N == K (to split one binary). */
    uint32_t part = argc > 2 ? (uint32_t)atoi(argv[1]) : 0;
    uint32_t parts = argc > 2 ? (uint32_t)atoi(argv[2]) : 1;
    for (uint32_t n = part; n < enc_count; n += parts)
        run_one(n, 0);
    return 0;
}
