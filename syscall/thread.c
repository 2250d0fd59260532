/* Which thread_state belongs to the calling host thread, and the list of them all. */
#include "syscall/thread.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static _Thread_local struct thread_state *self;

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct thread_state *list;
static int count;

struct thread_state *thread_new(void)
{
    struct thread_state *ts = calloc(1, sizeof *ts);
    if (ts) {
        ts->tid = (int)gettid();
        ts->altstack_flags = 2;                 /* SS_DISABLE: no alternate stack yet */
    }
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

void thread_forget(void)
{
    self = NULL;
}

int thread_register(struct thread_state *ts)
{
    pthread_mutex_lock(&list_lock);
    ts->next = list;
    list = ts;
    int n = ++count;
    pthread_mutex_unlock(&list_lock);
    return n;
}

int thread_unregister(struct thread_state *ts)
{
    pthread_mutex_lock(&list_lock);
    for (struct thread_state **p = &list; *p; p = &(*p)->next) {
        if (*p == ts) {
            *p = ts->next;
            count--;
            break;
        }
    }
    int n = count;
    pthread_mutex_unlock(&list_lock);
    return n;
}

int thread_count(void)
{
    pthread_mutex_lock(&list_lock);
    int n = count;
    pthread_mutex_unlock(&list_lock);
    return n;
}

void thread_for_each(void (*fn)(struct thread_state *ts, void *opaque), void *opaque)
{
    pthread_mutex_lock(&list_lock);
    for (struct thread_state *t = list; t; t = t->next)
        fn(t, opaque);
    pthread_mutex_unlock(&list_lock);
}

bool thread_robust_list(int tid, uint64_t *head, uint64_t *len)
{
    bool found = false;
    pthread_mutex_lock(&list_lock);
    for (struct thread_state *t = list; t && !found; t = t->next) {
        if (t->tid == tid) {
            *head = t->robust_list;
            *len = t->robust_list_len;
            found = true;
        }
    }
    pthread_mutex_unlock(&list_lock);
    return found;
}

void thread_fork_prepare(void) { pthread_mutex_lock(&list_lock); }
void thread_fork_parent(void) { pthread_mutex_unlock(&list_lock); }

/* The other threads did not come along; their states stay allocated but unlisted. */
void thread_fork_child(struct thread_state *ts)
{
    list = ts;
    count = 1;
    if (ts) {
        ts->next = NULL;
        ts->tid = (int)gettid();
    }
    pthread_mutex_unlock(&list_lock);
}
