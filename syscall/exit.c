/* exit ends one guest thread, exit_group the process. */
#include <pthread.h>
#include <stdlib.h>

#include "syscall/futex.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"
#include "tcg/exec.h"

/* The kernel's order: robust futexes and the CLEARTID wake-up (pthread_join), then the
 * thread is gone. The last thread's exit code is the process's. Nothing here touches
 * the guest stack, which a joiner may free as soon as it is woken. */
static int64_t sys_exit(struct sc *c)
{
    struct thread_state *ts = c->ts;
    struct cpu_common *cpu = c->cpu;
    int status = (int)c->a[0];
    futex_thread_exit(ts);
    if (thread_unregister(ts) == 0)
        linux_exit(status);
    signal_thread_exit(ts);
    thread_forget();
    cpu_free(cpu);
    free(ts);
    pthread_exit(NULL);
}

/* The other threads end with the host process. Only robust futexes are released, for
 * other processes; nothing in this one is woken (no CLEARTID): a woken pthread_join
 * must not get to run on and exit with its own status. */
static int64_t sys_exit_group(struct sc *c)
{
    futex_robust_exit(c->ts);
    linux_exit((int)c->a[0]);
}

const struct syscall_def syscalls_exit[] = {
    { GSYS_exit, sys_exit, { A_INT }, R_NORETURN, 0 },
    { GSYS_exit_group, sys_exit_group, { A_INT }, R_NORETURN, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
