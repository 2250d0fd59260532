/* isa-fuzz: the system side of the user-mode ISA, in A32 or T32 (as compiled) — hints,
 * barriers (including the CP15 ones Linux leaves enabled), the thread-ID registers,
 * MRS/MSR of the APSR, the Linux kuser helpers, BKPT, and instructions that must trap at
 * PL0 (SMC, HVC, privileged CP15/VFP system registers, PMU). Each case prints its result
 * registers or the signal it raised; no value depends on where the emulator put memory.
 *
 * Exclusions (legitimate differences): the generic timer (CNTVCT, CNTFRQ) — Linux lets
 * PL0 read it, qemu-arm does not; the TLS pointer's value (it lives in memory each
 * emulator places differently: only its agreement with the get_tls call is printed).
 *
 * Built with -DKNOWN_BUGS it runs only cases crossrun gets wrong today (the
 * fuzz-sys-known-bugs-* programs, not registered as tests; see meson.build).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sigjmp_buf jb;

static void on_signal(int sig)
{
    siglongjmp(jb, sig);
}

static uint32_t word[4] __attribute__((aligned(8)));

/* One case: r0 and r1 in, both out (operands %0 and %1, fixed in r0/r1 so svc and the
 * kuser helpers see them), plus the APSR flags after it. The APSR starts as Z C set, GE
 * clear (GE would otherwise hold what libc's start-up code left, which depends on the
 * auxiliary vector each emulator builds). Extra inputs are %4, ... */
#define CASE(name, in0, in1, snippet, ...)                                              \
    do {                                                                              \
        word[0] = 0x11223344;                                                         \
        word[1] = 0x55667788;                                                         \
        volatile int sig = sigsetjmp(jb, 1);                                          \
        if (sig) {                                                                    \
            printf("%-14s -> signal %d\n", name, sig);                                \
            break;                                                                    \
        }                                                                             \
        register uint32_t r0 __asm__("r0") = (in0);                                   \
        register uint32_t r1 __asm__("r1") = (in1);                                   \
        uint32_t psr;                                                                 \
        __asm__ volatile(".syntax unified\n\tmsr APSR_nzcvqg, %3\n\t" snippet         \
                         "\n\tmrs %2, APSR"                                           \
                         : "+r"(r0), "+r"(r1), "=&r"(psr)                             \
                         : "r"(0x60000000u) __VA_ARGS__                               \
                         : "r2", "r3", "r12", "lr", "memory", "cc");                  \
        printf("%-14s -> r0=%08x r1=%08x apsr=%08x word=%08x,%08x\n", name,           \
               (unsigned)r0, (unsigned)r1, (unsigned)(psr & 0xf80f0000u),              \
               (unsigned)word[0], (unsigned)word[1]);                                 \
    } while (0)

#define ADDR ((uint32_t)(uintptr_t)word)

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);   /* a case may kill us: print as we go */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

#ifndef KNOWN_BUGS
    /* Hints and barriers run as NOPs in user mode. */
    CASE("hints", 1, 2, "nop\n\tyield\n\twfe\n\tsev\n\tdbg #5\n\tpld [%1]\n\tpli [%1]\n\t"
                        "pldw [%1]");
    CASE("barriers", 1, 2, "dmb ish\n\tdmb sy\n\tdsb sy\n\tdsb ishst\n\tisb");
    CASE("cp15-barriers", 0, 2, "mcr p15, 0, %0, c7, c10, 5\n\tmcr p15, 0, %0, c7, c10, 4\n\t"
                                "mcr p15, 0, %0, c7, c5, 4");
    /* The user read/write thread-ID register keeps what is written. */
    CASE("tpidrurw", 0xfeedf00d, 0, "mcr p15, 0, %0, c13, c0, 2\n\tmov %0, #0\n\t"
                                    "mrc p15, 0, %1, c13, c0, 2");
    /* TPIDRURO (read-only at PL0) equals what the get_tls private call returns. */
    CASE("tpidruro", 0, 0, "mrc p15, 0, r3, c13, c0, 3\n\tpush {r7}\n\tmovw r7, #6\n\t"
                           "movt r7, #0xf\n\tsvc #0\n\tpop {r7}\n\tsubs %0, %0, r3");
    /* Linux kuser helpers in the vector page. */
    CASE("kuser-version", 0, 0, "movw r3, #0x0ffc\n\tmovt r3, #0xffff\n\tldr %0, [r3]");
    CASE("kuser-get-tls", 0, 0, "mrc p15, 0, r3, c13, c0, 3\n\tmovw r2, #0x0fe0\n\t"
                                "movt r2, #0xffff\n\tblx r2\n\tsubs %0, %0, r3");
    /* __kuser_cmpxchg promises only r0 == 0 and C set on success, r0 != 0 and C clear
     * on failure (the kernel's other flags and failure value are not part of the ABI, and
     * qemu-arm's differ): r0 becomes 0/1, r1 the C flag, and the flags are reset. */
#define CMPXCHG "mov r2, %4\n\tmovw r3, #0x0fc0\n\tmovt r3, #0xffff\n\tblx r3\n\t"        \
                "ite cs\n\tmovcs r1, #1\n\tmovcc r1, #0\n\tcmp r0, #0\n\tite ne\n\t"          \
                "movne r0, #1\n\tmoveq r0, #0\n\tmsr APSR_nzcvqg, %3"
    CASE("kuser-cmpxchg-ok", 0x11223344, 0x99, CMPXCHG, , "r"(ADDR));
    CASE("kuser-cmpxchg-no", 0x1, 0x99, CMPXCHG, , "r"(ADDR));
    CASE("kuser-barrier", 1, 2, "movw r3, #0x0fa0\n\tmovt r3, #0xffff\n\tblx r3");
    /* The APSR: MRS shows NZCVQ/GE as written (user mode's other bits: the mode 0x10). */
    CASE("mrs", 0, 0, "msr APSR_nzcvqg, %4\n\tmrs %0, apsr", , "r"(0xa80f0000u));
#ifndef __thumb__
    CASE("msr-imm", 0, 0, "msr APSR_nzcvq, #0x50000000\n\tmrs %0, apsr");   /* A32 only */
#endif
    CASE("msr-g", 0, 0, "msr APSR_g, %4\n\tmrs %0, apsr", , "r"(0xffffffffu));
    /* BKPT: SIGTRAP. */
    CASE("bkpt", 0, 0, "bkpt #7");
    /* Privileged at PL0: SIGILL. */
    CASE("smc", 0, 0, "smc #0");
    CASE("hvc", 0, 0, "hvc #0");
    CASE("pmu-ccnt", 0, 0, "mrc p15, 0, %0, c9, c13, 0");
    CASE("pmu-pmcr", 0, 0, "mrc p15, 0, %0, c9, c12, 0");
    CASE("midr", 0, 0, "mrc p15, 0, %0, c0, c0, 0");
    CASE("sctlr", 0, 0, "mrc p15, 0, %0, c1, c0, 0");
    CASE("dccmvac", 0, 0, "mcr p15, 0, %1, c7, c10, 1", , "r"(ADDR));
    CASE("fpsid", 0, 0, "vmrs %0, fpsid");
    CASE("mvfr0", 0, 0, "vmrs %0, mvfr0");
    CASE("mvfr1", 0, 0, "vmrs %0, mvfr1");
    CASE("fpexc", 0, 0, "vmrs %0, fpexc");
    CASE("vmsr-fpexc", 0, 0, "vmsr fpexc, %0");
    /* The private ARM calls: unknown ones up to 0xf07ff return -ENOSYS. */
    CASE("svc-private-nosys", 0, 0, "push {r7}\n\tmovw r7, #0x07ff\n\tmovt r7, #0xf\n\t"
                                    "svc #0\n\tpop {r7}");
    /* The Linux breakpoint instructions raise SIGTRAP. */
#ifdef __thumb__
    CASE("udf-1-breakpoint", 0, 0, ".inst.n 0xde01");
    CASE("t32-breakpoint", 0, 0, ".inst.w 0xf7f0a000");
#else
    CASE("udf-16-breakpoint", 0, 0, ".inst 0xe7f001f0");
#endif
    /* CPS at PL0 is a NOP. */
    CASE("cps", 0, 0, "cpsid i\n\tcpsie f");
    /* Numbers beyond the syscall table (below the private range) return -ENOSYS from the
     * kernel's sys_ni_syscall. */
    CASE("svc-nosys", 0, 0, "push {r7}\n\tmovw r7, #0xffff\n\tsvc #0\n\tpop {r7}");
#else
    /* TODO(crossrun bug): each line here differs from Linux and qemu-arm today. */
    /* SETEND BE switches data accesses to big-endian (crossrun: SIGILL). */
    CASE("setend-ldr", 0, 0, "setend be\n\tldr %0, [%4]\n\tsetend le", , "r"(ADDR));
    CASE("setend-str", 0x01020304, 0, "setend be\n\tstr %0, [%4]\n\tsetend le",
         , "r"(ADDR));
    CASE("setend-ldrh", 0, 0, "setend be\n\tldrh %0, [%4, #2]\n\tsetend le", , "r"(ADDR));
#endif
    return 0;
}
