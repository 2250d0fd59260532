/* clone, clone3, fork and vfork. A guest thread (CLONE_VM|CLONE_THREAD...) is a host
 * thread with its own CPU state; a guest process is a host process made by fork.
 *
 * vfork and clone(CLONE_VM|CLONE_VFORK) (posix_spawn) are a plain fork here: the child
 * gets a copy of memory instead of sharing the parent's, and the parent waits until the
 * child execs or exits, as vfork's parent does. A child that writes into the shared
 * memory to report something (posix_spawn's exec error code) is not seen by the parent:
 * posix_spawn then reports a failed exec through the child's exit status 127 instead of
 * its return value, as qemu-user does. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/guest-mem.h"
#include "syscall/hostsig.h"
#include "syscall/linux.h"
#include "syscall/mmap.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"
#include "target/target.h"
#include "tcg/exec.h"

struct clone_req {
    uint64_t flags;             /* CLONE_* without the exit signal */
    int exit_signal;            /* guest signal number, 0 for none */
    uint64_t sp, ptid, ctid, tls;
};

/* What glibc's pthread_create asks for; anything else sharing memory is refused. */
static const uint64_t thread_flags =
    CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
static const uint64_t thread_optional = CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
    CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | CLONE_DETACHED;
static const uint64_t fork_optional = CLONE_SETTLS | CLONE_PARENT_SETTID |
    CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | CLONE_VFORK | CLONE_DETACHED | CLONE_PTRACE |
    CLONE_UNTRACED | CLONE_IO;

static const uint64_t clone_into_cgroup = 0x200000000ull;   /* linux/sched.h */

/* One atomic store: other guest threads may be reading or clearing the word (a
 * recycled thread descriptor's tid), synchronized only by guest code the host cannot
 * see. */
static void put_tid(uint64_t addr, int tid)
{
    uint32_t *p = (addr & 3) ? NULL : guest_wr(addr, 4);
    uint32_t v = (uint32_t)tid;
    if (p)
        __atomic_store_n(p, abi_order32(linux_proc.abi, v), __ATOMIC_RELAXED);
    else if ((p = guest_wr(addr, 4)))
        abi_st32(linux_proc.abi, p, v);
}

/* ---- threads ---- */

struct start {
    struct cpu_common *cpu;
    struct thread_state *ts;
    const struct clone_req *req;
    sem_t started;
    int tid;
};

static void *thread_main(void *arg)
{
    struct start *st = arg;
    struct thread_state *ts = st->ts;
    struct cpu_common *cpu = st->cpu;
    const struct clone_req *r = st->req;
    ts->tid = (int)gettid();
    thread_attach(ts, cpu);
    /* Both ids are in place before either thread runs guest code again. */
    if (r->flags & CLONE_CHILD_SETTID)
        put_tid(r->ctid, ts->tid);
    if (r->flags & CLONE_PARENT_SETTID)
        put_tid(r->ptid, ts->tid);
    if (r->flags & CLONE_CHILD_CLEARTID)
        ts->clear_child_tid = r->ctid;
    st->tid = ts->tid;
    sem_post(&st->started);                     /* st is gone after this */
    if (signal_thread_init(ts) < 0)
        log_printf("crossrun: thread %d runs without its own signal stack\n", ts->tid);
    cpu_loop(cpu);
}

static struct thread_state *child_state(const struct thread_state *parent)
{
    struct thread_state *ts = thread_new();
    if (!ts)
        return NULL;
    ts->blocked = parent->blocked;
    ts->altstack_flags = GSS_DISABLE;           /* a new thread has no alternate stack */
    return ts;
}

/* The new host thread starts with every signal blocked: until it has its state, a
 * signal for the guest must go to another thread. */
static int spawn(struct start *st)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    uint64_t old;
    hostsig_mask(SIG_SETMASK, ~0ull, &old);
    pthread_t th;
    int e = pthread_create(&th, &attr, thread_main, st);
    hostsig_mask(SIG_SETMASK, old, NULL);
    pthread_attr_destroy(&attr);
    if (e)
        return -e;
    static atomic_bool reclaimed;
    if (!atomic_exchange(&reclaimed, true))
        signal_reclaim_internal(thread_self());
    while (sem_wait(&st->started) < 0 && errno == EINTR)
        continue;
    return st->tid;
}

static int64_t new_thread(struct sc *c, const struct clone_req *r)
{
    const struct target_ops *ops = linux_proc.ops;
    if ((r->flags & thread_flags) != thread_flags || (r->flags & ~(thread_flags | thread_optional)))
        return -EINVAL;
    if (!ops->cpu_clone)
        return -ENOSYS;
    struct start st = { .req = r };
    st.cpu = cpu_new(ops, NULL);
    st.ts = st.cpu ? child_state(c->ts) : NULL;
    if (!st.ts) {
        if (st.cpu)
            cpu_free(st.cpu);
        return -EAGAIN;
    }
    /* every guest register, then what the target's kernel sets in the child */
    st.cpu->pc = c->cpu->pc;
    memcpy((char *)st.cpu + sizeof *st.cpu, (const char *)c->cpu + sizeof *c->cpu,
           ops->cpu_size - sizeof *st.cpu);
    ops->cpu_clone(st.cpu, c->cpu, r->sp, r->tls, r->flags);
    sem_init(&st.started, 0, 0);
    thread_register(st.ts);
    int tid = spawn(&st);
    sem_destroy(&st.started);
    if (tid < 0) {
        thread_unregister(st.ts);
        cpu_free(st.cpu);
        free(st.ts);
        return -EAGAIN;
    }
    return tid;
}

/* ---- processes ---- */

/* The child has only this thread; every lock another thread could hold is taken. */
static pid_t host_fork(int host_exit_signal)
{
    log_flush();
    guest_mmap_lock();
    thread_fork_prepare();
    tcg_fork_prepare();
    pid_t pid;
    if (host_exit_signal == SIGCHLD) {
        pid = fork();
    } else {
        /* glibc's fork always asks for SIGCHLD; its atfork handlers do not run here. */
        pid = (pid_t)syscall(SYS_clone, (long)host_exit_signal, 0L, 0L, 0L, 0L);
    }
    int saved = errno;
    if (pid == 0) {
        tcg_fork_child();
        thread_fork_child(thread_self());
    } else {
        tcg_fork_parent();
        thread_fork_parent();
    }
    guest_mmap_unlock();
    errno = saved;
    return pid;
}

static void fork_child(struct sc *c, const struct clone_req *r)
{
    const struct target_ops *ops = linux_proc.ops;
    if (ops->cpu_clone)
        ops->cpu_clone(c->cpu, c->cpu, r->sp, r->tls, r->flags);
    if (r->flags & CLONE_CHILD_SETTID)
        put_tid(r->ctid, c->ts->tid);
    if (r->flags & CLONE_CHILD_CLEARTID)
        c->ts->clear_child_tid = r->ctid;
}

/* vfork's parent sleeps until the child execs (the close-on-exec pipe closes) or
 * exits. Guest signals wait until then, as the kernel's vfork wait is not interruptible
 * by them either. */
static void vfork_wait(int fd)
{
    char b;
    while (read(fd, &b, 1) < 0 && errno == EINTR)
        continue;
    close(fd);
}

static int64_t new_process(struct sc *c, const struct clone_req *r)
{
    uint64_t f = r->flags;
    if ((f & CLONE_VM) && !(f & CLONE_VFORK))
        return -EINVAL;
    if (f & ~(fork_optional | CLONE_VM))
        return -EINVAL;
    if ((r->sp || (f & CLONE_SETTLS)) && !linux_proc.ops->cpu_clone)
        return -ENOSYS;
    int hsig = r->exit_signal ? abi_sig_to_host(c->abi, r->exit_signal) : 0;
    if (r->exit_signal && !hsig)
        return -EINVAL;
    int pipefd[2] = { -1, -1 };
    if ((f & CLONE_VFORK) && pipe2(pipefd, O_CLOEXEC) < 0)
        return -errno;
    pid_t pid = host_fork(hsig);
    if (pid == 0) {
        if (pipefd[0] >= 0)
            close(pipefd[0]);               /* the write end closes at exec or exit */
        fork_child(c, r);
        return 0;
    }
    int e = errno;
    if (pipefd[1] >= 0)
        close(pipefd[1]);
    if (pid < 0) {
        if (pipefd[0] >= 0)
            close(pipefd[0]);
        return -e;
    }
    if (f & CLONE_PARENT_SETTID)
        put_tid(r->ptid, pid);
    if (pipefd[0] >= 0)
        vfork_wait(pipefd[0]);
    return pid;
}

static int64_t do_clone(struct sc *c, const struct clone_req *r)
{
    if (r->flags & CLONE_THREAD)
        return new_thread(c, r);
    if (r->flags & (CLONE_SIGHAND | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM))
        return -EINVAL;
    return new_process(c, r);
}

/* Argument orders differ between ABIs (the kernel's CLONE_BACKWARDS* options). */
static int64_t sys_clone(struct sc *c)
{
    struct clone_req r = { .flags = c->a[0] & ~(uint64_t)CSIGNAL,
                           .exit_signal = (int)(c->a[0] & CSIGNAL), .sp = c->a[1],
                           .ptid = c->a[2] };
    switch (c->abi->clone_args) {
    case CLONE_ARGS_TLS_4TH:
        r.tls = c->a[3];
        r.ctid = c->a[4];
        break;
    case CLONE_ARGS_GENERIC:
        r.ctid = c->a[3];
        r.tls = c->a[4];
        break;
    }
    return do_clone(c, &r);
}

/* struct clone_args: eleven 64-bit fields (flags, pidfd, child_tid, parent_tid,
 * exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup). */
static int64_t sys_clone3(struct sc *c)
{
    uint64_t size = c->a[1], v[11] = { 0 };
    if (size < 64 || size > 4096)
        return -EINVAL;
    const uint8_t *p = guest_rd(c->a[0], size);
    if (!p)
        return -EFAULT;
    for (unsigned i = 0; i < 11 && i * 8 < size; i++)
        v[i] = abi_ld64(c->abi, p + i * 8);
    for (uint64_t i = 88; i < size; i++)
        if (p[i])
            return -E2BIG;
    /* pidfds, set_tid and cgroups would need the host kernel's view of our children */
    if (v[1] || v[8] || v[9] || v[10] || (v[0] & (CLONE_PIDFD | clone_into_cgroup)))
        return -EINVAL;
    if (v[4] > 64 || (v[0] & CSIGNAL) || (!v[5] != !v[6]))
        return -EINVAL;
    struct clone_req r = { .flags = v[0], .exit_signal = (int)v[4], .ctid = v[2],
                           .ptid = v[3], .sp = v[5] ? v[5] + v[6] : 0, .tls = v[7] };
    return do_clone(c, &r);
}

static int64_t sys_fork(struct sc *c)
{
    struct clone_req r = { .exit_signal = abi_sig_from_host(c->abi, SIGCHLD) };
    return new_process(c, &r);
}

static int64_t sys_vfork(struct sc *c)
{
    struct clone_req r = { .flags = CLONE_VM | CLONE_VFORK,
                           .exit_signal = abi_sig_from_host(c->abi, SIGCHLD) };
    return new_process(c, &r);
}

const struct syscall_def syscalls_clone[] = {
    { GSYS_clone, sys_clone, { A_HEX, A_PTR, A_PTR, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_clone3, sys_clone3, { A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_fork, sys_fork, { 0 }, R_INT, 0 },
    { GSYS_vfork, sys_vfork, { 0 }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
