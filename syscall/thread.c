/* Which thread_state belongs to the calling host thread. */
#include "syscall/thread.h"

#include <stdlib.h>
#include <unistd.h>

static _Thread_local struct thread_state *self;

struct thread_state *thread_new(void)
{
    struct thread_state *ts = calloc(1, sizeof *ts);
    if (ts)
        ts->tid = (int)gettid();
    return ts;
}

struct thread_state *thread_self(void)
{
    return self;
}

void thread_attach(struct thread_state *ts, struct cpu_common *cpu)
{
    self = ts;
    ts->cpu = cpu;
    if (cpu)
        cpu->ts = ts;
}
