/* guest-test: portable
 * Clocks: values differ every run, so only properties are printed: CLOCK_MONOTONIC never
 * goes back over many reads, REALTIME is after 2020 and agrees with time() and
 * gettimeofday(), nanosleep of 20 ms takes at least 20 ms, the process CPU clock advances
 * under a busy loop, and clock_getres answers. On armhf glibc these are clock_gettime64 /
 * clock_nanosleep_time64 syscalls (the vDSO is not used under emulation). */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static long long ns(const struct timespec *t) { return t->tv_sec * 1000000000ll + t->tv_nsec; }

int main(void)
{
    struct timespec a, b, r;
    int back = 0, ok = 1;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 20000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &b);
        back += ns(&b) < ns(&a);
        ok &= b.tv_nsec >= 0 && b.tv_nsec < 1000000000;
        a = b;
    }
    printf("monotonic: went back %d times, nsec in range %d\n", back, ok);

    /* time() reads the kernel's coarse clock (updated once a tick), so near a second
     * boundary it may still say the second before CLOCK_REALTIME's */
    struct timespec rt;
    clock_gettime(CLOCK_REALTIME, &rt);
    time_t t = time(NULL);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("realtime after 2020: %d, time() within 2s: %d, gettimeofday within 2s: %d, "
           "usec in range: %d\n", rt.tv_sec > 1577836800, t - rt.tv_sec <= 2 &&
           t - rt.tv_sec >= -1, tv.tv_sec - rt.tv_sec <= 2 && tv.tv_sec >= rt.tv_sec,
           tv.tv_usec >= 0 && tv.tv_usec < 1000000);

    clock_gettime(CLOCK_MONOTONIC, &a);
    struct timespec req = {0, 20000000};
    int rc = nanosleep(&req, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long long slept = ns(&b) - ns(&a);
    printf("nanosleep rc=%d slept >= 20ms: %d, < 5s: %d\n", rc, slept >= 20000000,
           slept < 5000000000ll);

    struct timespec c0, c1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    volatile unsigned long sink = 0;
    for (unsigned long i = 0; i < 30000000; i++)
        sink += i;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    printf("cpu clock advanced: %d\n", ns(&c1) > ns(&c0));

    rc = clock_getres(CLOCK_MONOTONIC, &r);
    printf("getres monotonic rc=%d positive=%d, < 1ms=%d\n", rc, r.tv_sec > 0 || r.tv_nsec > 0, r.tv_sec == 0 && r.tv_nsec < 1000000);

    struct tm tm;
    time_t fixed = 1700000000;
    gmtime_r(&fixed, &tm);
    char s[64];
    strftime(s, sizeof s, "%Y-%m-%d %H:%M:%S %a %j", &tm);
    printf("gmtime(1700000000) = %s\n", s);
    printf("mktime round trip: %d\n", timegm(&tm) == fixed);
    return 0;
}
