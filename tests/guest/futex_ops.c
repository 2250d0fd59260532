/* guest-test: portable, native-oracle
 * futex(2) operation by operation, called directly: WAIT (value check, timeouts),
 * WAKE, REQUEUE and CMP_REQUEUE, WAKE_OP (every op and comparison, the shift form,
 * negative arguments), the BITSET pair, absolute timeouts on both clocks, the PI
 * operations, the time64 call, robust mutexes whose owner dies (thread and process),
 * the robust list calls, and bad arguments. Expected output comes from the native build
 * (qemu-user 7.2 mishandles some of these). */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long fx(void *uaddr, int op, int val, const void *t, void *uaddr2, int val3)
{
    return syscall(SYS_futex, uaddr, op, val, t, uaddr2, val3);
}

static const char *err(long r)
{
    static char buf[32];
    if (r >= 0) {
        snprintf(buf, sizeof buf, "%ld", r);
        return buf;
    }
    switch (errno) {
    case EAGAIN: return "EAGAIN";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case ENOSYS: return "ENOSYS";
    case EPERM: return "EPERM";
    case EDEADLK: return "EDEADLK";
    default: return strerror(errno);
    }
}

static pid_t tid(void) { return (pid_t)syscall(SYS_gettid); }

static void sleep_ms(int ms)
{
    struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000 };
    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        continue;
}

static void test_wait_basics(void)
{
    int w = 1;
    struct timespec t = { 0, 20 * 1000 * 1000 };
    printf("WAIT on a changed value: %s\n", err(fx(&w, FUTEX_WAIT, 0, NULL, NULL, 0)));
    printf("WAIT with timeout: %s\n", err(fx(&w, FUTEX_WAIT, 1, &t, NULL, 0)));
    printf("WAIT_PRIVATE with timeout: %s\n", err(fx(&w, FUTEX_WAIT_PRIVATE, 1, &t, NULL, 0)));
    printf("WAKE with no waiters: %s\n", err(fx(&w, FUTEX_WAKE, 5, NULL, NULL, 0)));

    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 20 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    printf("WAIT_BITSET absolute monotonic: %s\n",
           err(fx(&w, FUTEX_WAIT_BITSET, 1, &abs, NULL, FUTEX_BITSET_MATCH_ANY)));
    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_nsec += 20 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    printf("WAIT_BITSET absolute realtime: %s\n",
           err(fx(&w, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &abs, NULL,
                  FUTEX_BITSET_MATCH_ANY)));
    struct timespec badt = { 0, 1000000000 };
    printf("WAIT with tv_nsec out of range: %s\n", err(fx(&w, FUTEX_WAIT, 1, &badt, NULL, 0)));
#ifdef SYS_futex_time64
    struct { int64_t sec, nsec; } t64 = { 0, 20 * 1000 * 1000 };
    long r = syscall(SYS_futex_time64, &w, FUTEX_WAIT, 1, &t64, NULL, 0);
#else
    long r = fx(&w, FUTEX_WAIT, 1, &t, NULL, 0);
#endif
    printf("futex_time64 WAIT with timeout: %s\n", err(r));
}

/* Waiters that count themselves in, then sleep on their word until woken once. */
static int word_a, word_b;
static atomic_int arrived, woken;

static void *waiter(void *arg)
{
    int *w = arg;
    atomic_fetch_add(&arrived, 1);
    while (fx(w, FUTEX_WAIT, 0, NULL, NULL, 0) != 0 && errno == EINTR)
        continue;
    atomic_fetch_add(&woken, 1);
    return NULL;
}

static void start_waiters(pthread_t *t, int n, int *w)
{
    atomic_store(&arrived, 0);
    atomic_store(&woken, 0);
    for (int i = 0; i < n; i++)
        pthread_create(&t[i], NULL, waiter, w);
    while (atomic_load(&arrived) < n)
        sleep_ms(1);
    sleep_ms(50);              /* from "arrived" to asleep in the kernel */
}

static void test_wake_requeue(void)
{
    pthread_t t[3];
    start_waiters(t, 3, &word_a);
    long r1 = fx(&word_a, FUTEX_WAKE, 1, NULL, NULL, 0);
    long r2 = fx(&word_a, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("WAKE 1 then all: %ld %ld, woken %d\n", r1, r2, atomic_load(&woken));

    start_waiters(t, 3, &word_a);
    long bad = fx(&word_a, FUTEX_CMP_REQUEUE, 1, (void *)2, &word_b, 1);
    printf("CMP_REQUEUE with the wrong value: %s\n", err(bad));
    long rq = fx(&word_a, FUTEX_CMP_REQUEUE, 1, (void *)1, &word_b, 0);
    long still = fx(&word_a, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    long moved = fx(&word_b, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("CMP_REQUEUE wake 1 move 1: %ld; left on A %ld, on B %ld\n", rq, still, moved);

    start_waiters(t, 3, &word_a);
    long rr = fx(&word_a, FUTEX_REQUEUE, 0, (void *)INT_MAX, &word_b, 0);
    long on_b = fx(&word_b, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("REQUEUE all to B: %ld, then woken on B %ld\n", rr, on_b);

    start_waiters(t, 2, &word_a);
    long nob = fx(&word_a, FUTEX_WAKE_BITSET, INT_MAX, NULL, NULL, 0x2);
    long any = fx(&word_a, FUTEX_WAKE_BITSET, INT_MAX, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("WAKE_BITSET 0x2 on plain waiters (bitset all): %ld, then any: %ld\n", nob, any);
}

/* FUTEX_WAKE_OP: *uaddr2 changes by op; waiters on uaddr wake, and those on uaddr2 too
 * if the old value compares true with the argument. One waiter sleeps on uaddr2. */
static int op_start;

static void *op_waiter(void *arg)
{
    atomic_fetch_add(&arrived, 1);
    while (fx(&word_b, FUTEX_WAIT, op_start, NULL, NULL, 0) != 0 && errno == EINTR)
        continue;
    return NULL;
}

static void test_wake_op(void)
{
    static const struct { const char *name; int op, oparg, cmp, cmparg, start; } c[] = {
        { "SET 9, EQ 5", FUTEX_OP_SET, 9, FUTEX_OP_CMP_EQ, 5, 5 },
        { "SET 9, EQ 4", FUTEX_OP_SET, 9, FUTEX_OP_CMP_EQ, 4, 5 },
        { "ADD 3, NE 5", FUTEX_OP_ADD, 3, FUTEX_OP_CMP_NE, 5, 5 },
        { "OR 0x30, LT 7", FUTEX_OP_OR, 0x30, FUTEX_OP_CMP_LT, 7, 6 },
        { "ANDN 1, LE -2", FUTEX_OP_ANDN, 1, FUTEX_OP_CMP_LE, -2, -3 },
        { "XOR 0xff, GT 100", FUTEX_OP_XOR, 0xff, FUTEX_OP_CMP_GT, 100, 200 },
        { "ADD -1, GE 0", FUTEX_OP_ADD, -1, FUTEX_OP_CMP_GE, 0, 0 },
        { "ADD 1<<4 (shift), EQ 1", FUTEX_OP_ADD | FUTEX_OP_OPARG_SHIFT, 4, FUTEX_OP_CMP_EQ, 1,
          1 },
    };
    for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
        word_b = op_start = c[i].start;
        int enc = (int)FUTEX_OP(c[i].op, c[i].oparg & 0xfff, c[i].cmp, c[i].cmparg & 0xfff);
        atomic_store(&arrived, 0);
        pthread_t t;
        pthread_create(&t, NULL, op_waiter, NULL);
        while (atomic_load(&arrived) < 1)
            sleep_ms(1);
        sleep_ms(50);
        long r = fx(&word_a, FUTEX_WAKE_OP, 1, (void *)1, &word_b, enc);
        int after = word_b;
        if (r == 0)
            fx(&word_b, FUTEX_WAKE, 1, NULL, NULL, 0);
        pthread_join(t, NULL);
        printf("WAKE_OP %s: %d -> %d, woken %ld\n", c[i].name, c[i].start, after, r);
    }
    int w = 0;
    long r = fx(&w, FUTEX_WAKE_OP, 1, (void *)1, &w, (int)FUTEX_OP(7, 0, 0, 0));
    printf("WAKE_OP with a bad op: %s\n", err(r));
}

/* Priority-inheritance futexes: the kernel writes the owner's tid into the word. */
static int pi_word;
static atomic_int pi_phase;

static void *pi_holder(void *arg)
{
    fx(&pi_word, FUTEX_LOCK_PI, 0, NULL, NULL, 0);
    atomic_store(&pi_phase, 1);
    while (atomic_load(&pi_phase) != 2)
        sleep_ms(1);
    sleep_ms(30);
    fx(&pi_word, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
    return NULL;
}

static void test_pi(void)
{
    long r = fx(&pi_word, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0);
    printf("TRYLOCK_PI free: %s, word is my tid: %s\n", err(r), pi_word == tid() ? "yes" : "no");
    r = fx(&pi_word, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
    printf("UNLOCK_PI: %s, word %d\n", err(r), pi_word);
    pthread_t t;
    pthread_create(&t, NULL, pi_holder, NULL);
    while (atomic_load(&pi_phase) != 1)
        sleep_ms(1);
    r = fx(&pi_word, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0);
    printf("TRYLOCK_PI held by another: %s\n", err(r));
    atomic_store(&pi_phase, 2);
    r = fx(&pi_word, FUTEX_LOCK_PI, 0, NULL, NULL, 0);
    printf("LOCK_PI contended: %s, now mine: %s\n", err(r),
           (pi_word & FUTEX_TID_MASK) == tid() ? "yes" : "no");
    r = fx(&pi_word, FUTEX_LOCK_PI, 0, NULL, NULL, 0);
    printf("LOCK_PI again: %s\n", err(r));
    fx(&pi_word, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
    pthread_join(t, NULL);
    pi_word = 12345;
    r = fx(&pi_word, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
    printf("UNLOCK_PI not owner: %s\n", err(r));

    pthread_mutexattr_t a;
    pthread_mutex_t m;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
    int e = pthread_mutex_init(&m, &a);
    int l = pthread_mutex_lock(&m), u = pthread_mutex_unlock(&m);
    printf("PTHREAD_PRIO_INHERIT mutex: init %d lock %d unlock %d\n", e, l, u);
}

/* Robust mutexes: the owner's death is reported to the next locker. */
static pthread_mutex_t robust;

static void *die_holding(void *arg)
{
    pthread_mutex_lock(&robust);
    return NULL;                   /* the thread ends with the mutex locked */
}

static void test_robust(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &a);
    pthread_t t;
    pthread_create(&t, NULL, die_holding, NULL);
    pthread_join(t, NULL);
    int r = pthread_mutex_lock(&robust);
    int c = pthread_mutex_consistent(&robust);
    pthread_mutex_unlock(&robust);
    int again = pthread_mutex_lock(&robust);
    pthread_mutex_unlock(&robust);
    printf("robust, owner thread died: %s, consistent %d, relock %d\n",
           r == EOWNERDEAD ? "EOWNERDEAD" : "??", c, again);

    pthread_mutex_t *shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE,
                                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(shared, &a);
    pid_t p = fork();
    if (p == 0) {
        pthread_mutex_lock(shared);
        _exit(0);
    }
    waitpid(p, NULL, 0);
    r = pthread_mutex_lock(shared);
    printf("robust, process-shared, owner process died: %s\n",
           r == EOWNERDEAD ? "EOWNERDEAD" : "??");

    struct robust_list_head *head;
    size_t len;
    long g = syscall(SYS_get_robust_list, 0, &head, &len);
    printf("get_robust_list: %s, registered by libc: %s, set with a bad length: %s\n", err(g),
           head != NULL && len == sizeof *head ? "yes" : "no",
           err(syscall(SYS_set_robust_list, head, len + 1)));
}

static void test_bad_args(void)
{
    char buf[8] __attribute__((aligned(4))) = { 0 };
    printf("unaligned: %s\n", err(fx(buf + 1, FUTEX_WAKE, 1, NULL, NULL, 0)));
    printf("unmapped: %s\n", err(fx((void *)16, FUTEX_WAIT, 0, NULL, NULL, 0)));
    printf("FUTEX_FD: %s\n", err(fx(buf, 2, 0, NULL, NULL, 0)));
    printf("unknown op: %s\n", err(fx(buf, 99, 0, NULL, NULL, 0)));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_wait_basics();
    test_wake_requeue();
    test_wake_op();
    test_pi();
    test_robust();
    test_bad_args();
    return 0;
}
