/* Process start-up of the Linux layer and the per-thread CPU loop. */
#include "syscall/linux.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/log.h"
#include "loader/loader.h"
#include "syscall/mmap.h"
#include "syscall/path.h"
#include "syscall/procfs.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"
#include "target/target.h"
#include "tcg/exec.h"

int linux_init(const struct linux_opts *o)
{
    if (!o->ops || !o->ops->syscalls)
        return -ENOSYS;
    linux_proc.ops = o->ops;
    linux_proc.abi = o->ops->syscalls;
    linux_proc.image = o->image;
    linux_proc.ld_prefix = o->ld_prefix;
    linux_proc.strace = o->strace;
    int r = path_init(o->ld_prefix, o->image ? o->image->exe_path : NULL);
    if (r < 0)
        return r;
    procfs_init();
    struct thread_state *ts = thread_self();
    if (!ts) {
        ts = thread_new();
        if (!ts)
            return -ENOMEM;
        thread_attach(ts, NULL);
    }
    thread_register(ts);
    return signal_init();
}

_Noreturn void linux_exit(int status)
{
    if (log_enabled(LOG_STATS))
        tcg_print_stats(log_file ? log_file : stderr);
    log_flush();
    /* Other threads would go on running guest code through exit()'s handlers: end
     * them all at once, as exit_group does. */
    if (thread_count() > 1) {
        fflush(NULL);
        _exit(status & 0xff);
    }
    exit(status & 0xff);
}

static void undefined_insn(struct cpu_common *cpu)
{
    if (log_enabled(LOG_UNIMP))
        log_printf("crossrun: undefined instruction at guest pc %#llx: %08x\n",
                   (unsigned long long)cpu->excp_addr, cpu->excp_insn);
    signal_raise_sync(cpu->ts, SIGILL, ILL_ILLOPC, cpu->excp_addr);
}

_Noreturn void cpu_loop(struct cpu_common *cpu)
{
    const struct target_ops *ops = linux_proc.ops;
    if (!cpu->ts) {
        struct thread_state *ts = thread_self();
        if (!ts && !(ts = thread_new())) {
            log_printf("crossrun: out of memory for thread state\n");
            linux_exit(1);
        }
        thread_attach(ts, cpu);
    }
    for (;;) {
        int e = cpu_exec(cpu);
        switch (e) {
        case EXCP_SYSCALL:
            linux_syscall(cpu);
            break;
        case EXCP_UDEF:
            undefined_insn(cpu);
            break;
        case EXCP_BKPT:
            signal_raise_sync(cpu->ts, SIGTRAP, TRAP_BRKPT, cpu->pc);
            break;
        case EXCP_SEGV:
            signal_raise_sync(cpu->ts, SIGSEGV, cpu->excp_code ? cpu->excp_code : SEGV_MAPERR,
                              cpu->excp_addr);
            break;
        case EXCP_BUS:
            signal_raise_sync(cpu->ts, SIGBUS, cpu->excp_code ? cpu->excp_code : BUS_ADRALN,
                              cpu->excp_addr);
            break;
        case EXCP_FPE:
            signal_raise_sync(cpu->ts, SIGFPE, cpu->excp_code ? cpu->excp_code : FPE_INTDIV,
                              cpu->pc);
            break;
        case EXCP_INTERRUPT:
            break;
        case EXCP_TARGET: {
            int sig = ops->target_exception ? ops->target_exception(cpu) : SIGILL;
            if (sig)
                signal_raise_sync(cpu->ts, sig, sig == SIGILL ? ILL_ILLOPC : SI_KERNEL,
                                  cpu->pc);
            break;
        }
        case EXCP_HALT:
            /* The only thread ended: so does the process. */
            linux_exit(0);
        default:
            log_printf("crossrun: internal error: cpu_exec returned %d\n", e);
            log_flush();
            abort();
        }
        signal_deliver(cpu);
    }
}
