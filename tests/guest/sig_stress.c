/* guest-test: portable
 * Threads plus signals under load, bounded in time: worker threads share a mutex and a
 * condition variable and count with atomics while the main thread fires thread-directed
 * standard signals and queued real-time signals with values at them. Every queued
 * real-time signal must arrive exactly once with its value, no work may be lost, and
 * the blocking calls the workers make (futex waits, reads, nanosleep) must survive. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { WORKERS = 4, ROUNDS = 3000, RT_PER_WORKER = 150 };

static atomic_int usr1_seen, rt_seen;
static atomic_long rt_value_sum;
static atomic_int worker_tids[WORKERS];

static void on_usr1(int sig) { atomic_fetch_add(&usr1_seen, 1); }

static void on_rt(int sig, siginfo_t *si, void *uc)
{
    atomic_fetch_add(&rt_seen, 1);
    atomic_fetch_add(&rt_value_sum, si->si_value.sival_int);
}

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long shared_total;
static int turn;
static int pipes[WORKERS][2];

/* Each round: a turn-taking handoff through the condition variable (futex waits), a
 * byte through a pipe (a read that signals interrupt), and plain atomic work. */
static void *worker(void *arg)
{
    int id = (int)(long)arg;
    atomic_store(&worker_tids[id], (int)syscall(SYS_gettid));
    for (int r = 0; r < ROUNDS; r++) {
        pthread_mutex_lock(&m);
        while (turn % WORKERS != id)
            pthread_cond_wait(&cv, &m);
        shared_total += r;
        turn++;
        pthread_cond_broadcast(&cv);
        pthread_mutex_unlock(&m);
        if (r % 100 == 0) {
            char c = 'x';
            if (write(pipes[id][1], &c, 1) != 1 || read(pipes[id][0], &c, 1) != 1)
                printf("worker %d: pipe I/O failed: %s\n", id, strerror(errno));
        }
    }
    return NULL;
}

static void install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGRTMIN + 1, &sa, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    install();
    pthread_t t[WORKERS];
    for (long i = 0; i < WORKERS; i++) {
        pipe(pipes[i]);
        pthread_create(&t[i], NULL, worker, (void *)i);
    }
    for (int i = 0; i < WORKERS; i++)
        while (!atomic_load(&worker_tids[i]))
            sched_yield();
    long sent_sum = 0;
    int sent = 0;
    pid_t pid = getpid();
    for (int k = 0; k < RT_PER_WORKER; k++) {
        for (int i = 0; i < WORKERS; i++) {
            int v = k * WORKERS + i;
            siginfo_t si;
            memset(&si, 0, sizeof si);
            si.si_signo = SIGRTMIN + 1;
            si.si_code = SI_QUEUE;
            si.si_pid = pid;
            si.si_uid = getuid();
            si.si_value.sival_int = v;
            /* a worker that already finished is gone: its tid may not be ours */
            if (syscall(SYS_rt_tgsigqueueinfo, pid, atomic_load(&worker_tids[i]),
                        SIGRTMIN + 1, &si) == 0) {
                sent++;
                sent_sum += v;
            }
            syscall(SYS_tgkill, pid, atomic_load(&worker_tids[i]), SIGUSR1);
        }
        if (k % 16 == 0) {
            struct timespec ts = { 0, 100000 };
            nanosleep(&ts, NULL);
        }
    }
    for (int i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);
    long want = 0;
    for (int r = 0; r < ROUNDS; r++)
        want += (long)r * WORKERS;
    printf("work: %s\n", shared_total == want ? "complete" : "LOST");
    printf("queued real-time signals: every one arrived once with its value: %s\n",
           atomic_load(&rt_seen) == sent && atomic_load(&rt_value_sum) == sent_sum ? "yes"
                                                                                  : "no");
    printf("standard signals merged, at least one arrived: %s\n",
           atomic_load(&usr1_seen) >= 1 && atomic_load(&usr1_seen) <= WORKERS * RT_PER_WORKER
               ? "yes" : "no");
    return 0;
}
