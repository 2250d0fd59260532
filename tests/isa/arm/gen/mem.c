/* isa-fuzz: loads, stores and control flow through memory — every addressing mode with
 * writeback, LDM/STM, exclusives, PC-relative forms, TBB/TBH, CBZ/CBNZ and IT blocks — in
 * A32 or T32 (whichever this file is compiled as), each over several base alignments and
 * index values.
 *
 * Each case resets a 64-word buffer, points the base register into its middle (plus a
 * byte offset), runs one asm snippet with operands
 *     %0 base (may be written back)   %1 %2 data registers   %3 index / offset
 * and prints the base's movement, the registers and every buffer word the snippet changed,
 * so a wrong store shows where it landed.
 *
 * Exclusions (legitimate differences between cores, qemu and crossrun, so not tested):
 * - multi-word accesses (LDM/STM, LDRD/STRD, exclusives) and loads into the PC only at
 *   word-aligned addresses (LDREXD at doubleword-aligned ones): unaligned ones fault on
 *   qemu, Linux on a real core fixes some of them up, and an unaligned load into the PC is
 *   UNPREDICTABLE;
 * - STREX to an address other than the LDREX's: IMPLEMENTATION DEFINED whether it succeeds;
 * - writeback forms whose base is also a loaded/stored register: UNPREDICTABLE (the
 *   operand constraints keep them apart).
 */
#include <stdint.h>
#include <stdio.h>

#define WORDS 64
static uint32_t buf[WORDS] __attribute__((aligned(8)));

static uint32_t pattern(int i)
{
    return 0x11111111u * (uint32_t)(i & 15) ^ ((uint32_t)i << 24);
}

static void reset(void)
{
    for (int i = 0; i < WORDS; i++)
        buf[i] = pattern(i);
}

static void report(const char *name, int boff, uint32_t off, uint32_t moved, uint32_t r1,
                   uint32_t r2, uint32_t r3)
{
    printf("%s b%+d o%08x : base%+d %08x %08x %08x", name, boff, off, (int)moved, r1, r2, r3);
    for (int i = 0; i < WORDS; i++)
        if (buf[i] != pattern(i))
            printf(" [%d]=%08x", i - WORDS / 2, buf[i]);
    printf("\n");
}

/* The form's header line: the snippet on one line, its instructions separated by "; ". */
static void header(const char *name, const char *snippet)
{
    printf("@ %s:", name);
    for (const char *p = snippet; *p; p++) {
        if (*p == '\n')
            fputs(";", stdout);
        else
            putchar(*p == '\t' ? ' ' : *p);
    }
    putchar('\n');
}

/* Base byte offsets from the middle of the buffer, and index values; a case uses those
 * that are multiples of its alignment. */
static const int bases[] = { 0, 1, 2, 3, 4, -8 };
static const uint32_t offsets[] = { 0, 4, 8, 0xfffffff8, 1, 3 };

#define NUM(a) (int)(sizeof(a) / sizeof((a)[0]))

/* ALIGN: 1, or 4 for multi-word accesses, word exclusives and loads into the PC, or 8 for
 * LDREXD/STREXD (see above). The operands sit in fixed registers: base r0, data r2 and r3
 * (an even pair, as A32 LDRD wants), index r4, so register lists are in order and T16
 * encodings are possible. */
#define CASE(name, align, snippet)                                                     \
    do {                                                                               \
        header(name, snippet);                                                         \
        for (int b = 0; b < NUM(bases); b++)                                           \
            for (int o = 0; o < NUM(offsets); o++) {                                   \
                if ((uint32_t)bases[b] % (align) || offsets[o] % (align))              \
                    continue;                                                          \
                reset();                                                               \
                uint32_t start = (uint32_t)(uintptr_t)&buf[WORDS / 2] + (uint32_t)bases[b]; \
                register uint32_t base __asm__("r0") = start;                          \
                register uint32_t r1 __asm__("r2") = 0x12345678;                       \
                register uint32_t r2 __asm__("r3") = 0x9abcdef0;                       \
                register uint32_t r3 __asm__("r4") = offsets[o];                       \
                __asm__ volatile(".syntax unified\n\t" snippet                         \
                                 : "+&r"(base), "+&r"(r1), "+&r"(r2), "+&r"(r3)         \
                                 :                                                      \
                                 : "r8", "r9", "memory", "cc");                         \
                report(name, bases[b], offsets[o], base - start, r1, r2, r3);          \
            }                                                                          \
    } while (0)

#ifdef __thumb__
#define THUMB_BIT "1"
#else
#define THUMB_BIT "0"
#endif

int main(void)
{
    static char out[1 << 14];
    setvbuf(stdout, out, _IOFBF, sizeof out);

    /* Immediate, register and scaled-register offsets; pre/post-indexed writeback. */
    CASE("ldr", 1, "ldr %1, [%0]");
    CASE("ldr+imm", 1, "ldr %1, [%0, #4]");
    CASE("ldr-imm", 1, "ldr %1, [%0, #-4]");
    CASE("ldr!", 1, "ldr %1, [%0, #4]!");
    CASE("ldr-post", 1, "ldr %1, [%0], #-12");
    CASE("ldr+reg", 1, "ldr %1, [%0, %3]");
    CASE("ldr+reg-lsl", 1, "ldr %1, [%0, %3, lsl #2]");
    CASE("ldrb", 1, "ldrb %1, [%0, #3]");
    CASE("ldrb+reg", 1, "ldrb %1, [%0, %3]");
    CASE("ldrsb", 1, "ldrsb %1, [%0, #3]");
    CASE("ldrsb+reg", 1, "ldrsb %1, [%0, %3]");
    CASE("ldrh", 1, "ldrh %1, [%0, #2]");
    CASE("ldrh+reg", 1, "ldrh %1, [%0, %3]");
    CASE("ldrsh", 1, "ldrsh %1, [%0, #-2]");
    CASE("ldrsh!", 1, "ldrsh %1, [%0, #-2]!");
    CASE("ldrh-post", 1, "ldrh %1, [%0], #6");
    CASE("ldrb!", 1, "ldrb %1, [%0, #-1]!");
    CASE("str", 1, "str %1, [%0]");
    CASE("str+reg", 1, "str %1, [%0, %3]");
    CASE("str!", 1, "str %1, [%0, #-8]!");
    CASE("str-post", 1, "str %2, [%0], #4");
    CASE("strb", 1, "strb %2, [%0, #5]");
    CASE("strb+reg", 1, "strb %2, [%0, %3]");
    CASE("strh", 1, "strh %2, [%0, #6]");
    CASE("strh-post", 1, "strh %2, [%0], #-2");
    CASE("strh+reg", 1, "strh %1, [%0, %3]");
    CASE("ldrd", 4, "ldrd %1, %2, [%0, #8]");
    CASE("ldrd!", 4, "ldrd %1, %2, [%0, #-8]!");
    CASE("ldrd-post", 4, "ldrd %1, %2, [%0], #16");
    CASE("strd", 4, "strd %1, %2, [%0, #4]");
    CASE("strd-post", 4, "strd %1, %2, [%0], #-4");
    CASE("strd!", 4, "strd %1, %2, [%0, #-16]!");
    CASE("ldmia", 4, "ldmia %0, {%1, %2}");
    CASE("ldmia!", 4, "ldmia %0!, {%1, %2}");
    CASE("ldmdb!", 4, "ldmdb %0!, {%1, %2}");
    CASE("stmia!", 4, "stmia %0!, {%1, %2}");
    CASE("stmdb!", 4, "stmdb %0!, {%1, %2, %3}");
    CASE("stmia", 4, "stmia %0, {%1, %3}");
#ifndef __thumb__
    /* A32-only forms: register writeback offsets, IB/DA, SWP, unprivileged loads. */
    CASE("ldr+reg!", 1, "ldr %1, [%0, %3]!");
    CASE("ldr-reg!", 1, "ldr %1, [%0, -%3]!");
    CASE("str-post-reg", 1, "str %1, [%0], %3");
    CASE("ldr-post-reg-asr", 1, "ldr %1, [%0], -%3, asr #1");
    CASE("ldrh+reg!", 1, "ldrh %1, [%0, %3]!");
    CASE("ldrsh-post-reg", 1, "ldrsh %1, [%0], %3");
    CASE("strh-reg!", 1, "strh %2, [%0, -%3]!");
    CASE("ldrd+reg", 4, "ldrd %1, %2, [%0, %3]");
    CASE("ldmib!", 4, "ldmib %0!, {%1, %2}");
    CASE("ldmda!", 4, "ldmda %0!, {%1, %2}");
    CASE("stmib", 4, "stmib %0, {%1, %2}");
    CASE("stmda!", 4, "stmda %0!, {%1, %2}");
    CASE("swp", 4, "swp %1, %2, [%0]");
    CASE("swpb", 1, "swpb %1, %2, [%0]");
    CASE("ldrbt", 1, "ldrbt %1, [%0], #1");
    CASE("ldrt", 1, "ldrt %1, [%0], #-4");
    CASE("strt", 1, "strt %2, [%0], #8");
    CASE("ldrcc", 1, "cmp %3, #4\n\tldrcc %1, [%0, %3]!");
    CASE("strne-post", 1, "cmp %3, #0\n\tstrne %2, [%0], %3");
#else
    /* T32-only forms: negative 8-bit offsets with writeback, unprivileged loads. */
    CASE("ldr-imm8!", 1, "ldr %1, [%0, #-99]!");
    CASE("ldrt", 1, "ldrt %1, [%0, #4]");
    CASE("strbt", 1, "strbt %2, [%0, #1]");
    CASE("ldr.n", 1, "ldr %1, [%0, #4]");
    CASE("ldr+reg-lsl3", 1, "ldr %1, [%0, %3, lsl #3]");
#endif
    /* Exclusives: a successful pair, a store with no reservation, and each size. */
    CASE("ldrex/strex", 4, "ldrex %1, [%0]\n\tstrex %2, %3, [%0]");
    CASE("ldrexb/strexb", 1, "ldrexb %1, [%0]\n\tstrexb %2, %3, [%0]");
    CASE("ldrexh/strexh", 4, "ldrexh %1, [%0]\n\tstrexh %2, %3, [%0]");
    CASE("clrex/strex", 4, "clrex\n\tstrex %2, %3, [%0]");
    CASE("ldrex-twice", 4, "ldrex %1, [%0]\n\tadd %0, %0, #4\n\tldrex %1, [%0]\n\t"
                           "strex %2, %3, [%0]");
    CASE("ldrexd/strexd", 8, "ldrexd r8, r9, [%0]\n\tmov %1, r8\n\tmov %2, r9\n\t"
                             "add r8, r8, #1\n\tstrexd %3, r8, r9, [%0]");
    /* Stack and PC-relative forms. */
    CASE("push/pop", 1, "push {%1, %2}\n\tpop {%2, %3}");
    CASE("adr", 1, "adr %1, 1f\n1:\tsub %1, %1, %1");
    CASE("ldr-literal", 1, "ldr %1, 1f\n\tb 2f\n\t.p2align 2\n1:\t.word 0xfeedface\n2:");
    /* Branches and interworking through registers and memory. */
    CASE("bl", 1, "push {lr}\n\tbl 1f\n\tb 2f\n1:\tmov %1, #7\n\tbx lr\n2:\tpop {lr}");
    CASE("blx-reg", 1, "push {lr}\n\tadr %2, 1f\n\torr %2, %2, #" THUMB_BIT "\n\tblx %2\n\t"
                       "b 2f\n1:\tmov %1, #9\n\tbx lr\n2:\tpop {lr}");
    CASE("pop-pc", 1, "push {lr}\n\tadr %2, 1f\n\torr %2, %2, #" THUMB_BIT "\n\tpush {%2}\n\t"
                      "pop {pc}\n\tmov %1, #1\n1:\tpop {lr}");
    CASE("ldr-pc", 4, "adr %2, 1f\n\torr %2, %2, #" THUMB_BIT "\n\tstr %2, [%0]\n\t"
                      "ldr pc, [%0]\n\tmov %1, #1\n1:");
#ifdef __thumb__
    /* Table branches land inside a run of 32-bit adds, so r3 counts the adds after the
     * target: 4 - index (each add is two halfwords; the tables start at PC). */
    CASE("tbb", 1, "orr %1, %3, %3, lsr #2\n\tand %1, %1, #3\n\ttbb [pc, %1]\n\t"
                   ".byte 2, 4, 6, 8\n\tadd %2, %2, #1\n\tadd %2, %2, #1\n\t"
                   "add %2, %2, #1\n\tadd %2, %2, #1");
    CASE("tbh", 1, "orr %1, %3, %3, lsr #2\n\tand %1, %1, #3\n\ttbh [pc, %1, lsl #1]\n\t"
                   ".hword 4, 6, 8, 10\n\tadd %2, %2, #1\n\tadd %2, %2, #1\n\t"
                   "add %2, %2, #1\n\tadd %2, %2, #1");
    CASE("tbb-mem", 1, "mov %1, #0x0200\n\tstrh %1, [%0]\n\torr %1, %3, %3, lsr #2\n\t"
                       "and %1, %1, #1\n\ttbb [%0, %1]\n\tadd %2, %2, #1\n\t"
                       "add %2, %2, #1");
    CASE("cbz", 1, "cbz %3, 1f\n\tmov %2, #5\n1:\tnop");
    CASE("cbnz", 1, "cbnz %3, 1f\n\tmov %2, #5\n1:\tnop");
    CASE("it-block", 1, "cmp %3, #4\n\tite hi\n\tmovhi %1, #1\n\tmovls %1, #2\n\tite ne\n\t"
                        "addne %1, %1, #10\n\taddeq %1, %1, #100");
    CASE("it-ldr-str", 1, "cmp %3, #4\n\titte eq\n\tldreq %1, [%0, #4]\n\tstreq %2, [%0]\n\t"
                          "strne %1, [%0, #8]");
    CASE("it-branch", 1, "cmp %3, #0\n\tit ne\n\tbne 1f\n\tmov %1, #3\n1:\tnop");
#endif
    CASE("cond-load", 1, "cmp %3, #8\n\tit ne\n\tldrne %2, [%0]");
    return 0;
}
