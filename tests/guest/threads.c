/* guest-test: portable
 * POSIX threads on guest clone/futex/set_tid_address/TLS: mutexes of every kind,
 * condition variables, barriers, rwlocks, once, keys with destructors, 16 threads
 * hammering atomics, thread-local storage, join and detach, exit values. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NTHREADS 16

static __thread int tls_value = 7;
static __thread char tls_name[16];

static pid_t tid(void) { return (pid_t)syscall(SYS_gettid); }

/* --- atomics and a plain mutex --- */
static atomic_int a_counter;
static volatile int s_counter;
static long plain_total;
static pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;

static void *hammer(void *arg)
{
    long id = (long)(intptr_t)arg;
    for (int i = 0; i < 20000; i++) {
        atomic_fetch_add_explicit(&a_counter, 1, memory_order_relaxed);
        __sync_fetch_and_add(&s_counter, 2);
        pthread_mutex_lock(&plain);
        plain_total += id;
        pthread_mutex_unlock(&plain);
    }
    tls_value += (int)id;                  /* each thread's own copy */
    return (void *)(intptr_t)(tls_value * 10);
}

static void test_hammer(void)
{
    pthread_t t[NTHREADS];
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, hammer, (void *)(intptr_t)i);
    long rets = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        rets += (long)(intptr_t)r;
    }
    printf("atomic %d sync %d mutex %ld\n", atomic_load(&a_counter), s_counter, plain_total);
    printf("join values %ld, main tls %d\n", rets, tls_value);
}

/* --- condition variable: a bounded queue, one producer, four consumers --- */
enum { QCAP = 4, ITEMS = 2000, CONSUMERS = 4 };
static int queue[QCAP], qhead, qlen;
static bool done;
static pthread_mutex_t qm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static long consumed_sum;
static int consumed_count;

static void *producer(void *arg)
{
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&qm);
        while (qlen == QCAP)
            pthread_cond_wait(&not_full, &qm);
        queue[(qhead + qlen++) % QCAP] = i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qm);
    }
    pthread_mutex_lock(&qm);
    done = true;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&qm);
    return NULL;
}

static void *consumer(void *arg)
{
    for (;;) {
        pthread_mutex_lock(&qm);
        while (qlen == 0 && !done)
            pthread_cond_wait(&not_empty, &qm);
        if (qlen == 0) {
            pthread_mutex_unlock(&qm);
            return NULL;
        }
        int v = queue[qhead];
        qhead = (qhead + 1) % QCAP;
        qlen--;
        consumed_sum += v;
        consumed_count++;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qm);
    }
}

static void test_condvar(void)
{
    pthread_t p, c[CONSUMERS];
    for (int i = 0; i < CONSUMERS; i++)
        pthread_create(&c[i], NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    for (int i = 0; i < CONSUMERS; i++)
        pthread_join(c[i], NULL);
    printf("condvar queue: %d items, sum %ld\n", consumed_count, consumed_sum);

    /* a timed wait nobody signals */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&qm);
    int r = pthread_cond_timedwait(&not_empty, &qm, &ts);
    pthread_mutex_unlock(&qm);
    printf("cond_timedwait: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : strerror(r));
}

/* --- barrier: every thread sees every other's phase-1 write after the wait --- */
static pthread_barrier_t bar;
static atomic_int phase1;
static int seen_after[NTHREADS];
static atomic_int serial_count;

static void *barrier_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    for (int round = 0; round < 3; round++) {
        atomic_fetch_add(&phase1, 1);
        if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
            atomic_fetch_add(&serial_count, 1);
        if (atomic_load(&phase1) >= (round + 1) * NTHREADS)
            seen_after[id]++;
        pthread_barrier_wait(&bar);
    }
    return NULL;
}

static void test_barrier(void)
{
    pthread_t t[NTHREADS];
    pthread_barrier_init(&bar, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, barrier_worker, (void *)(intptr_t)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    int all = 0;
    for (int i = 0; i < NTHREADS; i++)
        all += seen_after[i];
    printf("barrier: %d of %d saw every arrival, %d serial threads\n", all, 3 * NTHREADS,
           atomic_load(&serial_count));
    pthread_barrier_destroy(&bar);
}

/* --- mutex kinds --- */
static void *try_other(void *arg)
{
    return (void *)(intptr_t)pthread_mutex_trylock(arg);
}

static void test_mutex_kinds(void)
{
    pthread_mutexattr_t a;
    pthread_mutex_t rec, chk;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&rec, &a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&chk, &a);
    pthread_mutexattr_destroy(&a);

    int r1 = pthread_mutex_lock(&rec), r2 = pthread_mutex_lock(&rec);
    pthread_t t;
    void *other;
    pthread_create(&t, NULL, try_other, &rec);
    pthread_join(t, &other);
    printf("recursive: %d %d, other thread trylock %s\n", r1, r2,
           (intptr_t)other == EBUSY ? "EBUSY" : "??");
    pthread_mutex_unlock(&rec);
    pthread_mutex_unlock(&rec);

    pthread_mutex_lock(&chk);
    int relock = pthread_mutex_lock(&chk);
    pthread_mutex_unlock(&chk);
    int unlock_again = pthread_mutex_unlock(&chk);
    printf("errorcheck: relock %s, unlock unowned %s\n", relock == EDEADLK ? "EDEADLK" : "??",
           unlock_again == EPERM ? "EPERM" : "??");
}

/* --- rwlock: many readers at once, a writer alone --- */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static atomic_int readers_in, max_readers;
static int shared_value;

static void *reader(void *arg)
{
    for (int i = 0; i < 200; i++) {
        pthread_rwlock_rdlock(&rw);
        int n = atomic_fetch_add(&readers_in, 1) + 1;
        int m = atomic_load(&max_readers);
        while (n > m && !atomic_compare_exchange_weak(&max_readers, &m, n))
            ;
        volatile int v = shared_value;
        (void)v;
        atomic_fetch_sub(&readers_in, 1);
        pthread_rwlock_unlock(&rw);
    }
    return NULL;
}

static void *writer(void *arg)
{
    for (int i = 0; i < 200; i++) {
        pthread_rwlock_wrlock(&rw);
        if (atomic_load(&readers_in) != 0)
            shared_value = -1000000;
        shared_value++;
        pthread_rwlock_unlock(&rw);
    }
    return NULL;
}

static void test_rwlock(void)
{
    pthread_t t[6];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, reader, NULL);
    for (int i = 4; i < 6; i++)
        pthread_create(&t[i], NULL, writer, NULL);
    for (int i = 0; i < 6; i++)
        pthread_join(t[i], NULL);
    printf("rwlock: writer total %d\n", shared_value);
}

/* --- once, keys with destructors, TLS arrays, detach, pthread_exit --- */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int once_runs, destructor_runs;
static pthread_key_t key;
static sem_t detached_done;

static void once_fn(void) { atomic_fetch_add(&once_runs, 1); }
static void key_destructor(void *p) { atomic_fetch_add(&destructor_runs, (int)(intptr_t)p); }

static void *keyed(void *arg)
{
    pthread_once(&once, once_fn);
    pthread_setspecific(key, arg);
    snprintf(tls_name, sizeof tls_name, "t%d", (int)(intptr_t)arg);
    sched_yield();
    if (strcmp(tls_name, "t") < 0)
        return NULL;
    if ((intptr_t)arg == 3)
        pthread_exit((void *)(intptr_t)(33 + (tls_name[1] - '0')));
    return (void *)(intptr_t)(tls_name[1] - '0');
}

static void *detached(void *arg)
{
    *(pid_t *)arg = tid();
    sem_post(&detached_done);
    return NULL;
}

static void test_misc(void)
{
    pthread_key_create(&key, key_destructor);
    pthread_t t[5];
    for (long i = 1; i <= 4; i++)
        pthread_create(&t[i], NULL, keyed, (void *)(intptr_t)i);
    int sum = 0;
    for (int i = 1; i <= 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        sum += (int)(intptr_t)r;
    }
    printf("once ran %d time(s), key destructors got %d, exit values sum %d\n",
           atomic_load(&once_runs), atomic_load(&destructor_runs), sum);

    sem_init(&detached_done, 0, 0);
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_t d;
    pid_t dtid = 0;
    pthread_create(&d, &at, detached, &dtid);
    sem_wait(&detached_done);
    printf("detached thread ran with its own tid: %s\n",
           dtid != 0 && dtid != tid() && dtid != getpid() ? "yes" : "no");
    pthread_attr_destroy(&at);

    cpu_set_t set;
    CPU_ZERO(&set);
    printf("sched_getaffinity: %s, sched_yield: %d\n",
           sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0 ? "ok" : "failed",
           sched_yield());
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("main tid is pid: %s\n", tid() == getpid() ? "yes" : "no");
    test_hammer();
    test_condvar();
    test_barrier();
    test_mutex_kinds();
    test_rwlock();
    test_misc();
    return 0;
}
