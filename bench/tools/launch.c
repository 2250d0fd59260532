/* launch RESULT COUNT PROG [ARGS...]: run PROG COUNT times one after another and write
 * to the file RESULT one line,
 *   <wait status> <peak RSS KiB> <user s> <system s> <wall s>
 * with the times summed, the largest peak RSS of any run, and the status of the last
 * run (the first that did not exit 0 ends the series).
 * bench/run measures through this small static program rather than from Python
 * because Linux counts the RSS a process had before exec in its ru_maxrss: a child
 * forked from the Python interpreter would report Python's size, not the emulator's.
 * SIGTERM kills the running PROG (SIGKILL) and ends the series, so whoever stops the
 * launcher (bench/run, at its time limit) leaves no orphan behind.
 * Exit status: 0 when RESULT was written, 127 if PROG could not be started (with the
 * reason on stderr), 125 for other failures of the launcher itself. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct totals {
    int status;
    long maxrss_kib;
    double user, system, wall;
};

static volatile sig_atomic_t running_pid;

static void on_term(int sig)
{
    (void)sig;
    if (running_pid > 0)
        kill(running_pid, SIGKILL);
    running_pid = -1;   /* start no further run */
}

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One run added to t; returns 0, or -errno when PROG could not be started or waited for
 * (exec failures come back through exec_errno, which the vfork child shares). */
static int run_once(char **argv, struct totals *t)
{
    static volatile int exec_errno;
    exec_errno = 0;
    double start = now();
    /* vfork: the child borrows this tiny process's memory until exec, so the RSS it
     * carries into the program is the launcher's few hundred KiB. */
    pid_t pid = vfork();
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        execvp(argv[0], argv);
        exec_errno = errno;
        _exit(127);
    }
    if (running_pid < 0)   /* SIGTERM came while the child was starting */
        kill(pid, SIGKILL);
    else
        running_pid = pid;
    struct rusage ru;
    while (wait4(pid, &t->status, 0, &ru) < 0) {
        if (errno != EINTR)
            return -errno;
    }
    if (running_pid > 0)
        running_pid = 0;
    t->wall += now() - start;
    if (exec_errno)
        return -exec_errno;
    t->user += seconds(ru.ru_utime);
    t->system += seconds(ru.ru_stime);
    if (ru.ru_maxrss > t->maxrss_kib)
        t->maxrss_kib = ru.ru_maxrss;
    return 0;
}

int main(int argc, char **argv)
{
    char *end;
    long count = argc > 3 ? strtol(argv[2], &end, 10) : 0;
    if (argc < 4 || *end || count < 1) {
        fprintf(stderr, "usage: launch RESULT COUNT PROG [ARGS...]\n");
        return 125;
    }
    FILE *result = fopen(argv[1], "w");
    if (!result) {
        fprintf(stderr, "launch: %s: %s\n", argv[1], strerror(errno));
        return 125;
    }
    struct sigaction sa = { .sa_handler = on_term };
    sigaction(SIGTERM, &sa, NULL);
    struct totals t = { 0 };
    for (long i = 0; i < count && t.status == 0 && running_pid == 0; i++) {
        int err = run_once(argv + 3, &t);
        if (err) {
            fprintf(stderr, "launch: cannot run %s: %s\n", argv[3], strerror(-err));
            return 127;
        }
    }
    fprintf(result, "%d %ld %.6f %.6f %.6f\n", t.status, t.maxrss_kib, t.user, t.system,
            t.wall);
    return fclose(result) == 0 ? 0 : 125;
}
