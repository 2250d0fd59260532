/* guest-test: portable, native-oracle
 * execve from a guest: this program again (argv[0], AT_EXECFN, /proc/self/exe), a host
 * program (/bin/echo), a script run by a host shell, a script whose interpreter is this
 * guest program, a pipeline of two guest processes, exec from a process with threads,
 * posix_spawn and system() (CLONE_VM|CLONE_VFORK), and the errors execve gives.
 * Expected output comes from the native build: qemu-user cannot run a guest program
 * that execs another guest program without binfmt_misc. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char self[PATH_MAX];
static char tmpdir[PATH_MAX];

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int wait_for(pid_t p)
{
    int st;
    if (waitpid(p, &st, 0) != p)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* ---- the modes this program runs in when it is exec'd ---- */

static int mode_child(int argc, char **argv)
{
    char exe[PATH_MAX] = { 0 };
    if (readlink("/proc/self/exe", exe, sizeof exe - 1) < 0)
        strcpy(exe, "?");
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    printf("child: argv[0] '%s', %d arguments:", argv[0], argc - 1);
    for (int i = 1; i < argc; i++)
        printf(" '%s'", i == 2 ? "<its path>" : argv[i]);
    printf("\nchild: AT_EXECFN is the path given to execve: %s; /proc/self/exe is this "
           "program: %s; environment kept: %s\n", execfn && !strcmp(execfn, argv[2]) ? "yes" : "no",
           !strcmp(base(exe), base(argv[2])) ? "yes" : "no",
           getenv("PROC_EXEC_MARK") && !strcmp(getenv("PROC_EXEC_MARK"), "set") ? "yes" : "no");
    return 4;
}

static int mode_produce(void)
{
    printf("pear\napple\nfig\nbanana\n");
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int mode_sort(void)
{
    char *lines[64], buf[128];
    int n = 0;
    while (n < 64 && fgets(buf, sizeof buf, stdin))
        lines[n++] = strdup(buf);
    qsort(lines, (size_t)n, sizeof *lines, cmp);
    for (int i = 0; i < n; i++)
        fputs(lines[i], stdout);
    return 0;
}

/* As the interpreter of a script: argv = self, the #! argument, script, its args. */
static int mode_interp(int argc, char **argv)
{
    char line[128] = "";
    FILE *f = argc > 2 ? fopen(argv[2], "r") : NULL;
    if (f) {
        if (!fgets(line, sizeof line, f) || !fgets(line, sizeof line, f))
            line[0] = 0;
        fclose(f);
    }
    line[strcspn(line, "\n")] = 0;
    printf("guest interpreter: argc %d, #! argument '%s', script %s, then '%s'; the script "
           "says '%s'\n", argc, argc > 1 ? argv[1] : "", argc > 2 ? base(argv[2]) : "",
           argc > 3 ? argv[3] : "", line);
    return 0;
}

/* ---- the tests ---- */

static void test_exec_self(void)
{
    fflush(stdout);
    setenv("PROC_EXEC_MARK", "set", 1);
    pid_t p = fork();
    if (p == 0) {
        char *args[] = { "renamed-zero", "child", self, "two words", NULL };
        execve(self, args, environ);
        _exit(100);
    }
    printf("exec of this program: status %d\n", wait_for(p));
}

static void test_exec_host(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        execl("/bin/echo", "echo", "hello from /bin/echo", (char *)NULL);
        _exit(100);
    }
    printf("exec of /bin/echo: status %d\n", wait_for(p));
}

static void write_script(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    chmod(path, 0755);
}

static void run(const char *what, const char *path, char *const args[])
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        execv(path, args);
        printf("execv %s: %s\n", what, strerror(errno));
        _exit(100);
    }
    printf("%s: status %d\n", what, wait_for(p));
}

static void test_scripts(void)
{
    char host_sh[PATH_MAX + 16], guest_sh[PATH_MAX + 16], text[PATH_MAX + 64];
    snprintf(host_sh, sizeof host_sh, "%s/host.sh", tmpdir);
    write_script(host_sh, "#!/bin/sh\necho \"host script: $(basename \"$0\") $1\"\nexit 6\n");
    run("script with /bin/sh", host_sh, (char *const[]){ "ignored", "arg1", NULL });

    snprintf(guest_sh, sizeof guest_sh, "%s/guest.sh", tmpdir);
    snprintf(text, sizeof text, "#!%s interp-mode  \nsecond line\n", self);
    write_script(guest_sh, text);
    run("script with a guest interpreter", guest_sh, (char *const[]){ "ignored", "x", NULL });
}

static void test_pipeline(void)
{
    fflush(stdout);
    int p[2];
    pipe(p);
    pid_t a = fork();
    if (a == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execl(self, "produce", "produce", (char *)NULL);
        _exit(100);
    }
    pid_t b = fork();
    if (b == 0) {
        dup2(p[0], 0);
        close(p[0]);
        close(p[1]);
        execl(self, "sort", "sort", (char *)NULL);
        _exit(100);
    }
    close(p[0]);
    close(p[1]);
    int sa = wait_for(a), sb = wait_for(b);
    printf("pipeline produce | sort: statuses %d %d\n", sa, sb);
}

static void *spin(void *arg)
{
    for (;;)
        __asm__ volatile("" ::: "memory");
    return NULL;
}

static void test_exec_with_threads(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        pthread_t t[3];
        for (int i = 0; i < 3; i++)
            pthread_create(&t[i], NULL, spin, NULL);
        execl(self, "from-threads", "child", self, (char *)NULL);
        _exit(100);
    }
    printf("exec with three threads running: status %d\n", wait_for(p));
}

static void test_spawn(void)
{
    fflush(stdout);
    pid_t p;
    char *args[] = { "spawned", "child", self, NULL };
    int r = posix_spawn(&p, self, NULL, NULL, args, environ);
    printf("posix_spawn: %d, status %d\n", r, r == 0 ? wait_for(p) : -1);
    fflush(stdout);
    int st = system("echo from system; exit 3");
    printf("system: exit status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static void test_errors(void)
{
    char plain[PATH_MAX + 16], garbage[PATH_MAX + 16], empty[PATH_MAX + 16];
    snprintf(plain, sizeof plain, "%s/plain.txt", tmpdir);
    write_script(plain, "not a program\n");
    chmod(plain, 0644);
    snprintf(garbage, sizeof garbage, "%s/garbage", tmpdir);
    write_script(garbage, "\x01\x02\x03 no format at all\n");
    snprintf(empty, sizeof empty, "%s/empty-shebang", tmpdir);
    write_script(empty, "#!\n");
    struct { const char *what, *path; } cases[] = {
        { "missing file", "/nonexistent/program" }, { "not executable", plain },
        { "directory", tmpdir }, { "no known format", garbage }, { "empty #! line", empty },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *args[] = { "x", NULL };
        execve(cases[i].path, args, environ);
        printf("execve %s: %s\n", cases[i].what, errno == ENOENT ? "ENOENT"
               : errno == EACCES ? "EACCES" : errno == ENOEXEC ? "ENOEXEC" : strerror(errno));
    }
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && !strcmp(argv[1], "child"))
        return mode_child(argc, argv);
    if (argc > 0 && !strcmp(argv[0], "produce"))
        return mode_produce();
    if (argc > 0 && !strcmp(argv[0], "sort"))
        return mode_sort();
    if (argc > 1 && !strcmp(argv[1], "interp-mode"))
        return mode_interp(argc, argv);

    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n < 0) {
        perror("readlink /proc/self/exe");
        return 1;
    }
    self[n] = 0;
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s", t ? t : "/tmp");
    test_exec_self();
    test_exec_host();
    test_scripts();
    test_pipeline();
    test_exec_with_threads();
    test_spawn();
    test_errors();
    return 0;
}
