/* The race-free blocking call (see safe-syscall.h), for x86-64 Linux hosts.
 *
 * Why assembly: between "no guest signal is pending" and the moment the kernel starts
 * sleeping there must be no gap a signal can fall into. Blocking host signals around
 * the call and passing the guest's mask to it works only for calls that take a mask
 * (ppoll, pselect6, epoll_pwait, sigsuspend), not for read, wait4 or futex. Instead the
 * flag test and the syscall instruction sit in one small window of code the signal
 * handler can recognise by its pc: if a signal lands after the test but before the
 * kernel entered the call, the handler moves the pc to an exit that returns -EINTR; if
 * the kernel was already inside the call, our handlers (installed without SA_RESTART)
 * make it return -EINTR itself. */
#include "syscall/safe-syscall.h"

#include <stdatomic.h>
#include <stdint.h>
#include <ucontext.h>

#include "syscall/thread.h"

long crossrun_safe_syscall_base(atomic_int *flag, long nr, long a1, long a2, long a3,
                                long a4, long a5, long a6);
extern const char crossrun_safe_syscall_start[], crossrun_safe_syscall_end[];
extern const char crossrun_safe_syscall_eintr[];

/* SysV arguments: rdi = flag, rsi = nr, rdx/rcx/r8/r9 = a1-a4, stack = a5, a6.
 * Kernel arguments: rax = nr, rdi/rsi/rdx/r10/r8/r9 = a1-a6. r11 holds the flag's
 * address until the test (the syscall instruction clobbers r11 anyway). */
__asm__(
    "    .text\n"
    "    .globl crossrun_safe_syscall_base\n"
    "    .hidden crossrun_safe_syscall_base\n"
    "    .type crossrun_safe_syscall_base, @function\n"
    "crossrun_safe_syscall_base:\n"
    "    .cfi_startproc\n"
    "    mov %rsi, %rax\n"
    "    mov %rdi, %r11\n"
    "    mov %rdx, %rdi\n"
    "    mov %rcx, %rsi\n"
    "    mov %r8, %rdx\n"
    "    mov %r9, %r10\n"
    "    mov 8(%rsp), %r8\n"
    "    mov 16(%rsp), %r9\n"
    "    .globl crossrun_safe_syscall_start\n"
    "    .hidden crossrun_safe_syscall_start\n"
    "crossrun_safe_syscall_start:\n"
    "    cmpl $0, (%r11)\n"
    "    jne crossrun_safe_syscall_eintr\n"
    "    syscall\n"
    "    .globl crossrun_safe_syscall_end\n"
    "    .hidden crossrun_safe_syscall_end\n"
    "crossrun_safe_syscall_end:\n"
    "    ret\n"
    "    .globl crossrun_safe_syscall_eintr\n"
    "    .hidden crossrun_safe_syscall_eintr\n"
    "crossrun_safe_syscall_eintr:\n"
    "    mov $-4, %rax\n"                      /* -EINTR */
    "    ret\n"
    "    .cfi_endproc\n"
    "    .size crossrun_safe_syscall_base, . - crossrun_safe_syscall_base\n");

long safe_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    /* A thread without guest state has no guest signals to wait for. */
    static atomic_int never;
    struct thread_state *ts = thread_self();
    return crossrun_safe_syscall_base(ts ? &ts->sig_flag : &never, nr, a1, a2, a3, a4, a5,
                                      a6);
}

bool safe_syscall_interrupted(void *ucv)
{
    ucontext_t *uc = ucv;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (pc < (uintptr_t)crossrun_safe_syscall_start || pc >= (uintptr_t)crossrun_safe_syscall_end)
        return false;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)crossrun_safe_syscall_eintr;
    return true;
}
