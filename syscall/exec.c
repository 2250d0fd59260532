/* execve and execveat. What runs next is decided as the kernel's binfmt handlers would,
 * seen from the guest:
 *  - an ELF file a crossrun target runs: crossrun itself (/proc/self/exe) with the same
 *    command-line options (-L, -d, -D, -strace, -cpu for the same target ...; not -0,
 *    -E, -U: argv[0] and the environment are the caller's), then the program's host
 *    path, then its arguments; argv[0] travels as -0. Without binfmt_misc this is what
 *    makes `bash -c 'ls | sort'` from a guest root work;
 *  - any other ELF (a host program) runs directly;
 *  - a "#!" script: its interpreter is looked up the guest's way (under -L) and run by
 *    the same rules with the kernel's argv: interpreter as written, its optional
 *    argument, the script's name as given, then argv[1...]. A host interpreter gets the
 *    script's host path; nested scripts go up to the kernel's 5 levels;
 *  - anything else goes to the host kernel, which says ENOEXEC (or knows the format).
 * Known difference: with -L, the program's AT_EXECFN is its host path. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "loader/loader.h"
#include "loader/options.h"
#include "syscall/guest-mem.h"
#include "syscall/hostsig.h"
#include "syscall/path.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"
#include "target/target.h"

extern char **environ;

enum { SCRIPT_DEPTH = 5, HEADER = 256, MAX_ARGS = 1 << 20 };

/* A NULL-terminated vector of malloc'd strings. */
struct strv {
    char **v;
    size_t n, cap;
};

static int strv_add(struct strv *s, const char *str)
{
    if (s->n + 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -ENOMEM;
        s->v = v;
        s->cap = cap;
    }
    if (!(s->v[s->n] = strdup(str)))
        return -ENOMEM;
    s->v[++s->n] = NULL;
    return 0;
}

static void strv_free(struct strv *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    *s = (struct strv){ 0 };
}

/* A guest char *[] (NULL is an empty one, as Linux accepts). */
static int get_strv(uint64_t addr, struct strv *out)
{
    const struct syscall_table *abi = linux_proc.abi;
    unsigned w = abi->word_size;
    if (!(out->v = calloc(1, sizeof *out->v)))
        return -ENOMEM;
    out->cap = 1;
    int r = 0;
    for (size_t i = 0; addr && r == 0; i++) {
        const void *p = guest_rd(addr + i * w, w);
        if (!p || i >= MAX_ARGS)
            return p ? -E2BIG : -EFAULT;
        uint64_t sp = abi_ldword(abi, p);
        if (!sp)
            break;
        long len;
        const char *s = guest_str(sp, 128 * 1024, &len);   /* MAX_ARG_STRLEN */
        if (!s)
            return len == -ENAMETOOLONG ? -E2BIG : (int)len;
        r = strv_add(out, s);
    }
    return r;
}

/* ---- crossrun's own options, for running the next guest program ---- */

static struct strv self_opts;
static bool self_opts_done;

static bool is_guest_only_option(const char *a)
{
    const char *n = a + 1 + (a[1] == '-');
    return !strcmp(n, "0") || !strcmp(n, "E") || !strcmp(n, "U");
}

/* The options crossrun was started with: its host argv before the program, read back
 * from /proc/self/cmdline and split where the option parser stops. */
static int load_self_opts(void)
{
    char buf[65536];
    int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -EIO;
    buf[n] = 0;
    char *argv[512];
    int argc = 0;
    for (char *p = buf; p < buf + n && argc < 511; p += strlen(p) + 1)
        argv[argc++] = p;
    argv[argc] = NULL;
    struct run_options o;
    char err[256];
    int r = options_parse(&o, argc, argv, environ, err, sizeof err);
    int prog = r == 0 && o.guest_argv ? (int)(o.guest_argv - argv) : argc;
    options_free(&o);
    for (int i = 1; i < prog && r == 0; i++) {
        if (argv[i][0] == '-' && is_guest_only_option(argv[i])) {
            i++;
            continue;
        }
        if (!strcmp(argv[i], "--"))
            continue;
        r = strv_add(&self_opts, argv[i]);
    }
    return r;
}

/* -cpu names a model of this target only. */
static int add_self_opts(struct strv *av, const struct target_ops *next)
{
    if (!self_opts_done) {
        int r = load_self_opts();
        if (r < 0)
            return r;
        self_opts_done = true;
    }
    for (size_t i = 0; i < self_opts.n; i++) {
        const char *a = self_opts.v[i];
        bool cpu = !strcmp(a, "-cpu") || !strcmp(a, "--cpu");
        if (cpu && next != linux_proc.ops && i + 1 < self_opts.n) {
            i++;
            continue;
        }
        int r = strv_add(av, a);
        if (r < 0)
            return r;
    }
    return 0;
}

/* ---- the exec itself ---- */

/* The host sees the guest's mask exactly (held signals would otherwise stay blocked in
 * the next program); a failed exec puts the thread's own mask back. */
static int64_t host_execve(const char *path, char *const argv[], char *const envp[])
{
    struct thread_state *ts = thread_self();
    log_flush();
    if (log_file)
        fcntl(fileno(log_file), F_SETFD, FD_CLOEXEC);
    if (ts)
        hostsig_mask(SIG_SETMASK, signal_host_bits(&ts->blocked), NULL);
    long r = syscall(SYS_execve, path, argv, envp);
    int e = errno;
    if (ts)
        signal_sync_host_mask(ts);
    return r < 0 ? -e : r;
}

static int64_t exec_guest(const struct target_ops *next, const char *host_path,
                          char *const argv[], char *const envp[])
{
    struct strv av = { 0 };
    int r = strv_add(&av, "crossrun");
    if (r == 0)
        r = add_self_opts(&av, next);
    if (r == 0 && !(r = strv_add(&av, "-0")))
        r = strv_add(&av, argv[0] ? argv[0] : "");
    if (r == 0 && !(r = strv_add(&av, "--")))
        r = strv_add(&av, host_path);
    for (size_t i = 1; r == 0 && argv[0] && argv[i]; i++)
        r = strv_add(&av, argv[i]);
    int64_t ret = r < 0 ? r : host_execve("/proc/self/exe", av.v, envp);
    strv_free(&av);
    return ret;
}

/* The kernel's #! parsing: interpreter up to a blank, then one optional argument with
 * the line's trailing blanks removed. Returns 0, or -ENOEXEC for a line it refuses. */
static int parse_shebang(char *hdr, size_t n, char **interp, char **arg)
{
    char *end = memchr(hdr, '\n', n);
    if (!end) {
        end = hdr + n;
        /* a cut-off line must at least have the whole interpreter name */
        char *p = hdr + 2;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        while (p < end && *p != ' ' && *p != '\t')
            p++;
        if (p == end && n == HEADER)
            return -ENOEXEC;
    }
    *end = 0;
    while (end > hdr + 2 && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = 0;
    char *p = hdr + 2;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return -ENOEXEC;
    *interp = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    if (*p) {
        *p++ = 0;
        while (*p == ' ' || *p == '\t')
            p++;
    }
    *arg = *p ? p : NULL;
    return 0;
}

static int64_t exec_file(const char *host_path, const char *guest_name, char **argv,
                         char **envp, int depth);

/* An ELF file no crossrun target claims: the host runs it. */
static bool is_host_program(const char *path)
{
    char magic[4], why[64];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool elf = read(fd, magic, 4) == 4 && !memcmp(magic, "\177ELF", 4);
    close(fd);
    return elf && !loader_detect(path, why, sizeof why);
}

static int64_t exec_script(char *hdr, size_t n, const char *host_path, const char *guest_name,
                           char **argv, char **envp, int depth)
{
    char *interp, *arg;
    int r = parse_shebang(hdr, n, &interp, &arg);
    if (r < 0)
        return r;
    if (depth + 1 >= SCRIPT_DEPTH)
        return -ELOOP;
    char ibuf[PATH_MAX];
    const char *host_interp = path_host(interp, ibuf, sizeof ibuf);
    struct strv av = { 0 };
    r = strv_add(&av, interp);
    if (r == 0 && arg)
        r = strv_add(&av, arg);
    /* Decided again at the next level: a guest interpreter resolves the name itself. */
    if (r == 0)
        r = strv_add(&av, guest_name);
    for (size_t i = 1; r == 0 && argv[0] && argv[i]; i++)
        r = strv_add(&av, argv[i]);
    char *script_host = strdup(host_path);
    size_t script_at = arg ? 2 : 1;
    int64_t ret = r < 0 ? r : script_host ? 0 : -ENOMEM;
    if (ret == 0) {
        /* A host interpreter opens the script with host paths. */
        if (is_host_program(host_interp)) {
            free(av.v[script_at]);
            av.v[script_at] = script_host;
            script_host = NULL;
        }
        ret = exec_file(host_interp, interp, av.v, envp, depth + 1);
    }
    free(script_host);
    strv_free(&av);
    return ret;
}

/* The kernel's checks first: a regular file we may execute. */
static int check_exec(const char *host_path)
{
    struct stat st;
    if (stat(host_path, &st) < 0)
        return -errno;
    if (!S_ISREG(st.st_mode))
        return -EACCES;
    return access(host_path, X_OK) < 0 ? -errno : 0;
}

static int64_t exec_file(const char *host_path, const char *guest_name, char **argv,
                         char **envp, int depth)
{
    int r = check_exec(host_path);
    if (r < 0)
        return r;
    char hdr[HEADER + 1];
    int fd = open(host_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    ssize_t n = read(fd, hdr, HEADER);
    close(fd);
    if (n < 0)
        return -errno;
    hdr[n] = 0;
    if (n >= 2 && hdr[0] == '#' && hdr[1] == '!')
        return exec_script(hdr, (size_t)n, host_path, guest_name, argv, envp, depth);
    if (n >= 4 && !memcmp(hdr, "\177ELF", 4)) {
        char why[256];
        const struct target_ops *next = loader_detect(host_path, why, sizeof why);
        if (next)
            return exec_guest(next, host_path, argv, envp);
    }
    return host_execve(host_path, argv, envp);
}

static int64_t do_execve(struct sc *c, int dirfd, uint64_t path_addr, uint64_t argv_addr,
                         uint64_t envp_addr, int flags)
{
    struct path_buf pb;
    int err;
    const char *host = path_get(&pb, path_addr, (flags & AT_EMPTY_PATH) != 0, &err);
    if (!host)
        return err;
    char fdpath[PATH_MAX + 64];
    if (!pb.guest[0]) {
        snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", dirfd);
        host = fdpath;
    } else if (pb.guest[0] != '/' && dirfd != AT_FDCWD) {
        snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d/%s", dirfd, pb.guest);
        host = fdpath;
    }
    struct strv argv = { 0 }, envp = { 0 };
    int64_t r = get_strv(argv_addr, &argv);
    if (r == 0)
        r = get_strv(envp_addr, &envp);
    if (r == 0)
        r = exec_file(host, pb.guest[0] ? pb.guest : host, argv.v, envp.v, 0);
    strv_free(&argv);
    strv_free(&envp);
    return r;
}

static int64_t sys_execve(struct sc *c)
{
    return do_execve(c, AT_FDCWD, c->a[0], c->a[1], c->a[2], 0);
}

static int64_t sys_execveat(struct sc *c)
{
    int flags = (int)c->a[4];
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
        return -EINVAL;
    return do_execve(c, (int)c->a[0], c->a[1], c->a[2], c->a[3], flags);
}

const struct syscall_def syscalls_exec[] = {
    { GSYS_execve, sys_execve, { A_PATH, A_PTR, A_PTR }, R_NORETURN, 0 },
    { GSYS_execveat, sys_execveat, { A_DIRFD, A_PATH, A_PTR, A_PTR, A_ATFLAGS }, R_NORETURN, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
