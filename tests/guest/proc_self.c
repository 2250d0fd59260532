/* guest-test: portable, native-oracle
 * /proc as the program sees itself, through /proc/self and /proc/<its pid>: exe names
 * the program, maps and smaps show its own code, data, stack and a fresh mapping at
 * their addresses with the right permissions, auxv holds what getauxval says, cmdline
 * is argv, stat and status carry its pid and name, cpuinfo describes a processor. Only
 * properties are printed, so the same lines hold on every CPU. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

static char buf[1 << 20];

static long slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -errno;
    long n = 0, r;
    while (n < (long)sizeof buf - 1 && (r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
        n += r;
    close(fd);
    buf[n] = 0;
    return n;
}

/* The maps line whose range holds addr: its permissions in perm, its name returned. */
static const char *map_of(uintptr_t addr, char perm[5])
{
    static char name[512];
    for (char *l = buf; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
        unsigned long lo, hi;
        char p[5];
        int off = 0;
        if (sscanf(l, "%lx-%lx %4s %*s %*s %*s%n", &lo, &hi, p, &off) < 3)
            continue;
        if (addr < lo || addr >= hi)
            continue;
        memcpy(perm, p, 5);
        const char *n = l + off;
        while (*n == ' ')
            n++;
        size_t len = strcspn(n, "\n");
        snprintf(name, sizeof name, "%.*s", (int)len, n);
        return name;
    }
    strcpy(perm, "none");
    return "";
}

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int global_data = 42;

/* Whether the program's PT_GNU_STACK asks for an executable stack (MIPS toolchains
 * still do), found through the program headers the kernel points AT_PHDR at. */
static int stack_exec(void)
{
    const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
    for (unsigned long i = 0; ph && i < getauxval(AT_PHNUM); i++)
        if (ph[i].p_type == PT_GNU_STACK)
            return (ph[i].p_flags & PF_X) != 0;
    return 0;
}

static void maps(const char *self, const char *exe)
{
    int local = 0;
    char *fresh = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char path[64];
    snprintf(path, sizeof path, "%s/maps", self);
    printf("%s readable: %d\n", path + strlen(self) + 1, slurp(path) > 0);
    char perm[5];
    const char *n = map_of((uintptr_t)&maps, perm);
    printf("  code: %s, names the program %d\n", perm, !strcmp(n, exe));
    n = map_of((uintptr_t)&global_data, perm);
    printf("  data: %s, names the program %d\n", perm, !strcmp(n, exe));
    n = map_of((uintptr_t)&local, perm);
    printf("  stack: %.2s, executable as PT_GNU_STACK asks %d, private %d, %s\n", perm,
           (perm[2] == 'x') == stack_exec(), perm[3] == 'p', n);
    n = map_of((uintptr_t)fresh + 4096, perm);
    printf("  fresh mapping: %s, anonymous %d\n", perm, *n == 0);
    mprotect(fresh + 4096, 4096, PROT_READ | PROT_WRITE);
    slurp(path);
    n = map_of((uintptr_t)fresh + 4096, perm);
    char p0[5], p2[5];
    map_of((uintptr_t)fresh, p0);
    map_of((uintptr_t)fresh + 8192, p2);
    printf("  after mprotect of its middle page: %s %s %s\n", p0, perm, p2);
    munmap(fresh + 4096, 4096);
    slurp(path);
    map_of((uintptr_t)fresh + 4096, perm);
    printf("  after munmap of the middle page: %s\n", perm);
    munmap(fresh, 3 * 4096);

    snprintf(path, sizeof path, "%s/smaps", self);
    long len = slurp(path);
    printf("smaps readable: %d, has Size and Rss lines %d\n", len > 0,
           strstr(buf, "\nSize:") != NULL && strstr(buf, "\nRss:") != NULL);
}

static void auxv(const char *self)
{
    char path[64];
    snprintf(path, sizeof path, "%s/auxv", self);
    long n = slurp(path);
    unsigned long pagesz = 0, entry = 0, phdr = 0;
    int pairs = 0, ended = 0;
    for (long i = 0; i + 2 * (long)sizeof(unsigned long) <= n; i += 2 * sizeof(unsigned long)) {
        unsigned long k, v;
        memcpy(&k, buf + i, sizeof k);
        memcpy(&v, buf + i + sizeof k, sizeof v);
        pairs++;
        if (k == AT_NULL) {
            ended = 1;
            break;
        }
        if (k == AT_PAGESZ)
            pagesz = v;
        if (k == AT_ENTRY)
            entry = v;
        if (k == AT_PHDR)
            phdr = v;
    }
    printf("auxv: ends with AT_NULL %d, more than 10 entries %d\n", ended, pairs > 10);
    printf("  AT_PAGESZ = getauxval %d = sysconf %d\n", pagesz == getauxval(AT_PAGESZ),
           (long)pagesz == sysconf(_SC_PAGESIZE));
    printf("  AT_ENTRY = getauxval %d, AT_PHDR = getauxval %d\n",
           entry == getauxval(AT_ENTRY) && entry != 0, phdr == getauxval(AT_PHDR) && phdr != 0);
}

static void cmdline(const char *self, int argc, char **argv)
{
    char path[64];
    snprintf(path, sizeof path, "%s/cmdline", self);
    long n = slurp(path);
    long want = 0;
    int same = 1;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]) + 1;
        same &= want + (long)l <= n && !memcmp(buf + want, argv[i], l);
        want += l;
    }
    printf("cmdline: argv with NULs %d, length %d\n", same, n == want);
}

static void stat_status(const char *self, const char *exe)
{
    char path[64];
    snprintf(path, sizeof path, "%s/stat", self);
    slurp(path);
    int pid = 0;
    char comm[64] = "", state = 0;
    sscanf(buf, "%d (%63[^)]) %c", &pid, comm, &state);
    char want[16];
    snprintf(want, sizeof want, "%.15s", base(exe));
    printf("stat: pid %d, comm %d, state %c, ppid %d\n", pid == getpid(), !strcmp(comm, want),
           state, atoi(strrchr(buf, ')') + 4) == getppid());
    snprintf(path, sizeof path, "%s/status", self);
    slurp(path);
    char *p = strstr(buf, "\nPid:");
    char *nm = strncmp(buf, "Name:", 5) ? NULL : buf + 5;
    while (nm && (*nm == ' ' || *nm == '\t'))
        nm++;
    printf("status: Pid %d, Name %d\n", p && atoi(p + 5) == getpid(),
           nm && !strncmp(nm, want, strlen(want)) && nm[strlen(want)] == '\n');
}

int main(int argc, char **argv)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    char real[4096];
    printf("exe: absolute %d, the program %d\n", exe[0] == '/',
           realpath(argv[0], real) && !strcmp(real, exe));
    char pidpath[64];
    snprintf(pidpath, sizeof pidpath, "/proc/%d", (int)getpid());
    char exe2[4096];
    n = readlink(strcat(strcpy(exe2 + 2048, pidpath), "/exe"), exe2, 2047);
    exe2[n > 0 ? n : 0] = 0;
    printf("%s/exe the same: %d\n", "/proc/PID", !strcmp(exe, exe2));
    const char *selves[] = { "/proc/self", pidpath };
    for (int i = 0; i < 2; i++) {
        printf("== %s\n", i ? "/proc/PID" : "/proc/self");
        maps(selves[i], exe);
        auxv(selves[i]);
        cmdline(selves[i], argc, argv);
        stat_status(selves[i], exe);
    }
    long c = slurp("/proc/cpuinfo");
    printf("cpuinfo: readable %d, names a processor %d\n", c > 0,
           strstr(buf, "processor") != NULL);
    return 0;
}
