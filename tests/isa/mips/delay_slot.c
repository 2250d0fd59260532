/* Branch delay slots: the slot runs whether the branch is taken or not, branch-likely
 * skips it when not taken, jal's link is visible in its slot, and a fault or a trap in a
 * delay slot is reported at the branch (Linux's EPC with Cause.BD): the handler sees the
 * branch's address, and after it repairs the register the branch runs again. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile uintptr_t fault_pc;
static volatile int fault_sig;
static uintptr_t repair_value;

/* SIGSEGV: point $8 at good memory and return: the branch and its slot run again. */
static void repair(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    fault_sig = sig;
    fault_pc = (uintptr_t)uc->uc_mcontext.pc;
    uc->uc_mcontext.gregs[8] = repair_value;
}

static sigjmp_buf out;
static void escape(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    fault_sig = sig;
    fault_pc = (uintptr_t)uc->uc_mcontext.pc;
    siglongjmp(out, 1);
}

static void slots(void)
{
    long taken, not_taken, likely_not, likely_taken;
    __asm__ volatile(
        ".set noreorder\n"
        "li %0, 0\n"
        "beq $zero, $zero, 1f\n"
        "addiu %0, %0, 5\n"          /* runs: taken */
        "addiu %0, %0, 100\n"        /* skipped */
        "1: li %1, 0\n"
        "bne $zero, $zero, 2f\n"
        "addiu %1, %1, 7\n"          /* runs: not taken */
        "addiu %1, %1, 1\n"
        "2: li %2, 0\n"
        "bnel $zero, $zero, 3f\n"
        "addiu %2, %2, 9\n"          /* nullified */
        "3: li %3, 0\n"
        "beql $zero, $zero, 4f\n"
        "addiu %3, %3, 11\n"         /* runs: taken */
        "addiu %3, %3, 100\n"
        "4:\n"
        ".set reorder\n"
        : "=&r"(taken), "=&r"(not_taken), "=&r"(likely_not), "=&r"(likely_taken));
    printf("slots: taken=%ld not_taken=%ld likely_not_taken=%ld likely_taken=%ld\n", taken,
           not_taken, likely_not, likely_taken);
}

static void link_in_slot(void)
{
    long ra_in_slot, ra_after;
    __asm__ volatile(
        ".set noreorder\n"
        "bal 1f\n"
        "move %0, $ra\n"             /* sees the new $ra */
        "1: move %1, $ra\n"
        ".set reorder\n"
        : "=&r"(ra_in_slot), "=&r"(ra_after) : : "ra");
    printf("link visible in slot: %d\n", ra_in_slot == ra_after);
}

/* The branches that get a faulting or trapping delay slot (global labels in the asm). */
extern const char fault_branch[], trap_branch[];

static __attribute__((noinline)) void fault_in_slot(void)
{
    static uint32_t good = 0x600d;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = repair;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    repair_value = (uintptr_t)&good;
    long value, count;
    __asm__ volatile(
        ".set noreorder\n"
        "li $8, 16\n"                /* an unmapped address, in $8 (t0 on o32, a4 on n64) */
        "li %1, 0\n"
        "addiu %1, %1, 1\n"
        ".globl fault_branch\n"
        "fault_branch:\n"
        "beq $zero, $zero, 2f\n"
        "lw %0, 0($8)\n"             /* faults once; runs again after the repair */
        "addiu %1, %1, 100\n"        /* skipped: the branch is taken */
        "2:\n"
        ".set reorder\n"
        : "=&r"(value), "=&r"(count) : : "$8", "memory");
    printf("fault in slot: sig=%d at branch=%d value=%lx count=%ld\n", fault_sig,
           fault_pc == (uintptr_t)fault_branch, value, count);
    signal(SIGSEGV, SIG_DFL);
}

static __attribute__((noinline)) void trap_in_slot(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = escape;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTRAP, &sa, NULL);
    fault_sig = 0;
    if (!sigsetjmp(out, 1)) {
        __asm__ volatile(
            ".set noreorder\n"
            ".globl trap_branch\n"
            "trap_branch:\n"
            "bne $zero, $zero, 1f\n"
            "teq $zero, $zero, 0\n"
            "1:\n"
            ".set reorder\n");
    }
    /* Linux reports the branch (EPC with Cause.BD), as crossrun does; qemu-mips reports
     * the trap itself, so only the signal is compared here. */
    printf("trap in slot: sig=%s\n", fault_sig == SIGTRAP ? "SIGTRAP" : "?");
}

int main(void)
{
    slots();
    link_in_slot();
    fault_in_slot();
    trap_in_slot();
    return 0;
}
