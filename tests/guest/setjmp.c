/* guest-test: portable
 * setjmp/longjmp: glibc's ARM versions save and restore sp, the callee-saved core
 * registers and d8-d15 (when AT_HWCAP says VFP), and mangle the saved sp/lr with the
 * pointer guard from the TLS block. Jumps out of deep recursion, nested buffers, values 0
 * and non-zero, and sigsetjmp/siglongjmp with a blocked-signal mask. */
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

/* dive() only ends by longjmp, which gcc reads as infinite recursion; and the locals it
 * warns about are not modified between setjmp and longjmp, so their values are defined. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
#pragma GCC diagnostic ignored "-Wclobbered"

static jmp_buf outer, inner;
static int depth_reached;

static void dive(int depth, int limit)
{
    volatile char pad[64];
    pad[depth % 64] = (char)depth;
    depth_reached = depth;
    if (depth == limit)
        longjmp(outer, depth + pad[depth % 64] * 0 + 1);
    dive(depth + 1, limit);
    pad[0]++;
}

static double fp_work(double x, int n)
{
    for (int i = 0; i < n; i++)
        x = x * 1.000001 + 0.5;
    return x;
}

static void jump_with_zero(void) { longjmp(inner, 0); }

int main(void)
{
    volatile int count = 0;
    volatile double acc = 1.25;
    int r = setjmp(outer);
    count++;
    if (r == 0) {
        acc = acc * 3;
        dive(0, 500);
        printf("not reached\n");
    }
    printf("longjmp from depth %d returned %d, count=%d acc=%.17g\n", depth_reached, r,
           count, acc);

    /* Many round trips, with FP values that live in callee-saved d registers across calls. */
    volatile int trips = 0;
    double keep = 3.0;
    double keep2 = fp_work(keep, 10);
    if (setjmp(outer) < 100) {
        trips++;
        if (trips < 100)
            longjmp(outer, trips);
    }
    printf("trips=%d keep=%.17g keep2=%.17g\n", trips, keep, keep2);

    /* longjmp(.., 0) makes setjmp return 1. */
    r = setjmp(inner);
    if (r == 0)
        jump_with_zero();
    printf("longjmp(0) gave %d\n", r);

    /* Nested: an inner handler jumps to the outer one. */
    volatile int stage = 0;
    if ((r = setjmp(outer)) == 0) {
        stage = 1;
        if ((r = setjmp(inner)) == 0) {
            stage = 2;
            longjmp(inner, 7);
        }
        printf("inner caught %d at stage %d\n", r, stage);
        stage = 3;
        longjmp(outer, 9);
    }
    printf("outer caught %d at stage %d\n", r, stage);

    /* sigsetjmp(..., 1) saves the mask; siglongjmp restores it. */
    sigjmp_buf sj;
    sigset_t set, cur;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_SETMASK, &set, NULL);
    if ((r = sigsetjmp(sj, 1)) == 0) {
        sigaddset(&set, SIGUSR2);
        sigprocmask(SIG_BLOCK, &set, NULL);
        sigprocmask(SIG_BLOCK, NULL, &cur);
        printf("before siglongjmp: usr1=%d usr2=%d\n", sigismember(&cur, SIGUSR1),
               sigismember(&cur, SIGUSR2));
        siglongjmp(sj, 42);
    }
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("after siglongjmp %d: usr1=%d usr2=%d\n", r, sigismember(&cur, SIGUSR1),
           sigismember(&cur, SIGUSR2));
    return 0;
}
