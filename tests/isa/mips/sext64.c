/* MIPS64: 32-bit operations leave sign-extended 64-bit results (addu, subu, sll, srl,
 * sra, mul, lw vs lwu, lui, ext/ins, div), 64-bit ones use the whole register
 * (daddu, dsll32, dsra32, drotr, dext, dins, dmult, ddiv, dclz), and add/sub/daddi
 * overflow traps with SIGFPE. */
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define OP2(name, insn, a, b)                                                              \
    do {                                                                                   \
        uint64_t r_;                                                                       \
        __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"(a), "r"(b));                  \
        printf("%-8s %016" PRIx64 "\n", name, r_);                                         \
    } while (0)
#define OPI(name, insn, a)                                                                 \
    do {                                                                                   \
        uint64_t r_;                                                                       \
        __asm__ volatile(insn : "=r"(r_) : "r"(a));                                        \
        printf("%-8s %016" PRIx64 "\n", name, r_);                                         \
    } while (0)

static sigjmp_buf out;
static volatile int caught;
static void on_fpe(int sig, siginfo_t *si, void *uc)
{
    caught = si->si_code;
    siglongjmp(out, 1);
}

int main(void)
{
    uint64_t big = 0x7fffffffull, neg = 0xffffffff80000000ull, x = 0x123456789abcdef0ull;
    uint32_t word = 0x87654321u;
    OP2("addu", "addu", big, 1ull);
    OP2("subu", "subu", neg, 1ull);
    OP2("daddu", "daddu", big, 1ull);
    OP2("mul", "mul", 0x10000ull, 0x8000ull);
    OPI("sll", "sll %0, %1, 4", 0x0f000000ull);
    OPI("srl", "srl %0, %1, 1", 0xfffffffffffffffeull);
    OPI("sra", "sra %0, %1, 4", 0xffffffff80000000ull);
    OPI("dsll32", "dsll32 %0, %1, 4", 0x9ull);
    OPI("dsra32", "dsra32 %0, %1, 0", x);
    OPI("drotr", "drotr %0, %1, 12", x);
    OPI("dext", "dext %0, %1, 4, 40", x);
    OPI("ext", "ext %0, %1, 4, 28", x);
    OPI("seb", "seb %0, %1", 0x80ull);
    OPI("lui", "lui %0, 0x8000", 0ull);
    OPI("dclz", "dclz %0, %1", 0x00000fffffffffffull);
    uint64_t ins = x;
    __asm__ volatile("dins %0, %1, 20, 24" : "+r"(ins) : "r"(0xffffffffffull));
    printf("%-8s %016" PRIx64 "\n", "dins", ins);
    int64_t lw, lwu;
    __asm__ volatile("lw %0, 0(%1)" : "=r"(lw) : "r"(&word));
    __asm__ volatile("lwu %0, 0(%1)" : "=r"(lwu) : "r"(&word));
    printf("lw %016" PRIx64 " lwu %016" PRIx64 "\n", (uint64_t)lw, (uint64_t)lwu);
    uint64_t hi, lo;
    __asm__ volatile("dmult %2, %3\nmfhi %0\nmflo %1" : "=r"(hi), "=r"(lo)
                     : "r"(x), "r"(-3ll) : "hi", "lo");
    printf("dmult hi=%016" PRIx64 " lo=%016" PRIx64 "\n", hi, lo);
    __asm__ volatile("div $zero, %2, %3\nmfhi %0\nmflo %1" : "=r"(hi), "=r"(lo)
                     : "r"(-7ll), "r"(2ll) : "hi", "lo");
    printf("div hi=%016" PRIx64 " lo=%016" PRIx64 "\n", hi, lo);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    static const char *const names[] = { "add", "daddi", "dsub" };
    for (int i = 0; i < 3; i++) {
        uint64_t r = 0x5a5a;
        caught = 0;
        if (!sigsetjmp(out, 1)) {
            if (i == 0)
                __asm__ volatile("add %0, %1, %2" : "+r"(r) : "r"(big), "r"(1ull));
            else if (i == 1)
                __asm__ volatile("daddi %0, %1, 1" : "+r"(r) : "r"(0x7fffffffffffffffull));
            else
                __asm__ volatile("dsub %0, %1, %2" : "+r"(r) : "r"(1ull << 63), "r"(1ull));
        }
        printf("%s overflow: si_code_is_intovf=%d\n", names[i], caught == FPE_INTOVF);
    }
    return 0;
}
