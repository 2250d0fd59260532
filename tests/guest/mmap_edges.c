/* guest-test: portable, native-oracle
 * Memory-map corner cases, each printing one line: MAP_FIXED over an existing mapping,
 * MAP_FIXED_NOREPLACE refusing one, munmap holes, PROT_NONE guard pages (the fault's
 * si_addr), mprotect both ways, mremap growing in place, moving, shrinking and to a fixed
 * address, MADV_DONTNEED on private anonymous memory, a shared file mapping seen by
 * read(2) and a private one not writing through, msync, mincore, and bad arguments. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static sigjmp_buf jb;
static volatile void *fault_addr;
static volatile int fault_sig;
static long pg;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fault_sig = sig;
    fault_addr = si->si_addr;
    siglongjmp(jb, 1);
}

/* Reads (or writes) one byte at p: 0 if it worked, else the signal number. */
static int touch(volatile char *p, int write)
{
    fault_sig = 0;
    fault_addr = NULL;
    if (sigsetjmp(jb, 1) == 0) {
        if (write)
            *p = 1;
        else
            (void)*p;
        return 0;
    }
    return fault_sig;
}

static const char *sig_name(int s)
{
    return s == 0 ? "ok" : s == SIGSEGV ? "SIGSEGV" : s == SIGBUS ? "SIGBUS" : "other";
}

static char *anon(size_t n, int prot)
{
    char *p = mmap(NULL, n, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void fixed_over(void)
{
    char *p = anon(4 * pg, PROT_READ | PROT_WRITE);
    memset(p, 'a', 4 * pg);
    char *q = mmap(p + pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                   -1, 0);
    printf("MAP_FIXED over a mapping: same address %d, new page zero %d, neighbours kept %d\n",
           q == p + pg, q[0] == 0 && q[pg - 1] == 0, p[0] == 'a' && p[2 * pg] == 'a');
    void *r = mmap(p + 2 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                   -1, 0);
    printf("MAP_FIXED_NOREPLACE over a mapping: %s, contents kept %d\n",
           r == MAP_FAILED && errno == EEXIST ? "EEXIST" : "mapped", p[2 * pg] == 'a');
    munmap(p, 4 * pg);
}

static void holes_and_guards(void)
{
    char *p = anon(3 * pg, PROT_READ | PROT_WRITE);
    munmap(p + pg, pg);
    int s = touch(p + pg + 5, 0);
    int exact = fault_addr == p + pg + 5;
    int before = touch(p, 1), after = touch(p + 2 * pg, 1);
    printf("read in an unmapped hole: %s, si_addr exact %d; around it: %s %s\n", sig_name(s),
           exact, sig_name(before), sig_name(after));
    char *g = anon(2 * pg, PROT_READ | PROT_WRITE);
    mprotect(g + pg, pg, PROT_NONE);
    s = touch(g + pg + 100, 1);
    exact = fault_addr == g + pg + 100;
    before = touch(g + pg - 1, 1);
    printf("write to a PROT_NONE guard page: %s, si_addr exact %d, below it: %s\n",
           sig_name(s), exact, sig_name(before));
    mprotect(g + pg, pg, PROT_READ);
    int rd = touch(g + pg, 0), wr = touch(g + pg, 1);
    printf("after mprotect(PROT_READ): read %s, write %s\n", sig_name(rd), sig_name(wr));
    mprotect(g + pg, pg, PROT_READ | PROT_WRITE);
    printf("after mprotect(PROT_READ|PROT_WRITE): write %s\n", sig_name(touch(g + pg, 1)));
    munmap(p, 3 * pg);
    munmap(g, 2 * pg);
}

static void remaps(void)
{
    /* room to grow: reserve 8 pages, keep the first 2 */
    char *p = anon(8 * pg, PROT_NONE);
    munmap(p + 2 * pg, 6 * pg);
    mprotect(p, 2 * pg, PROT_READ | PROT_WRITE);
    memset(p, 'x', 2 * pg);
    char *q = mremap(p, 2 * pg, 4 * pg, 0);
    printf("mremap grow in place: %s, old bytes kept %d, new zero %d\n",
           q == p ? "same address" : q == MAP_FAILED ? strerror(errno) : "moved",
           q != MAP_FAILED && q[2 * pg - 1] == 'x', q != MAP_FAILED && q[3 * pg] == 0);
    char *block = anon(pg, PROT_READ);           /* something right after it */
    char *r = mremap(q, 4 * pg, 4 * pg, 0);
    printf("mremap same size: %s\n", r == q ? "same address" : "changed");
    char *m = mremap(q, 4 * pg, 64 * pg, MREMAP_MAYMOVE);
    printf("mremap MAYMOVE to 64 pages: ok %d, contents kept %d, tail writable %s\n",
           m != MAP_FAILED, m != MAP_FAILED && m[0] == 'x' && m[2 * pg - 1] == 'x',
           m != MAP_FAILED ? sig_name(touch(m + 63 * pg, 1)) : "-");
    char *s = mremap(m, 64 * pg, pg, 0);
    printf("mremap shrink: same address %d, cut part unmapped: %s\n", s == m,
           sig_name(touch(m + 2 * pg, 0)));
    char *dst = anon(2 * pg, PROT_READ | PROT_WRITE);
    char *f = mremap(s, pg, pg, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
    printf("mremap FIXED: at target %d, data moved %d, source gone: %s\n", f == dst,
           f == dst && f[0] == 'x', sig_name(touch(s, 0)));
    char *bad = mremap(dst, pg, 2 * pg, 0x80);
    printf("mremap bad flags: %s\n", bad == MAP_FAILED && errno == EINVAL ? "EINVAL" : "?");
    munmap(dst, 2 * pg);
    munmap(block, pg);
}

static void advice_and_files(void)
{
    char *p = anon(2 * pg, PROT_READ | PROT_WRITE);
    memset(p, 7, 2 * pg);
    int r = madvise(p, 2 * pg, MADV_DONTNEED);
    printf("MADV_DONTNEED: %d, private anonymous pages read back zero %d\n", r,
           p[0] == 0 && p[2 * pg - 1] == 0);
    unsigned char vec[2];
    p[0] = 1;
    r = mincore(p, 2 * pg, vec);
    printf("mincore: %d, touched page resident %d\n", r, vec[0] & 1);
    r = mincore(p + 1, pg, vec);
    printf("mincore unaligned: %s\n", r < 0 && errno == EINVAL ? "EINVAL" : "?");
    munmap(p, 2 * pg);

    char path[] = "/tmp/crossrun-mmap-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    if (fd < 0 || ftruncate(fd, 2 * pg) < 0) {
        printf("temporary file: %s\n", strerror(errno));
        return;
    }
    char *sh = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    strcpy(sh + pg + 10, "through the page cache");
    r = msync(sh, 2 * pg, MS_SYNC);
    char buf[32] = { 0 };
    pread(fd, buf, 22, pg + 10);
    printf("MAP_SHARED store seen by pread: %d (msync %d)\n",
           !strcmp(buf, "through the page cache"), r);
    char *pv = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("MAP_PRIVATE sees the file: %d\n", !strcmp(pv + pg + 10, "through the page cache"));
    pv[pg + 10] = 'T';
    pread(fd, buf, 1, pg + 10);
    printf("MAP_PRIVATE store stays private: %d\n", buf[0] == 't' && sh[pg + 10] == 't');
    char *beyond = mmap(NULL, 4 * pg, PROT_READ, MAP_SHARED, fd, 0);
    printf("read past the end of the file: %s\n", sig_name(touch(beyond + 3 * pg, 0)));
    munmap(beyond, 4 * pg);
    munmap(pv, 2 * pg);
    munmap(sh, 2 * pg);
    void *ro = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, open("/dev/null", O_RDONLY), 0);
    printf("MAP_SHARED|PROT_WRITE of a read-only fd: %s\n",
           ro == MAP_FAILED && errno == EACCES ? "EACCES" : "?");
    close(fd);
}

static void bad_args(void)
{
    void *r = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap length 0: %s\n", r == MAP_FAILED && errno == EINVAL ? "EINVAL" : "?");
    r = mmap((void *)(uintptr_t)(pg + 1), pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
             -1, 0);
    printf("MAP_FIXED unaligned: %s\n", r == MAP_FAILED && errno == EINVAL ? "EINVAL" : "?");
    r = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 12345, 0);
    printf("mmap bad fd: %s\n", r == MAP_FAILED && errno == EBADF ? "EBADF" : "?");
    int m = munmap((void *)(uintptr_t)(pg + 3), pg);
    printf("munmap unaligned: %s\n", m < 0 && errno == EINVAL ? "EINVAL" : "?");
    m = mprotect((void *)(uintptr_t)(pg + 3), pg, PROT_READ);
    printf("mprotect unaligned: %s\n", m < 0 && errno == EINVAL ? "EINVAL" : "?");
}

int main(void)
{
    pg = sysconf(_SC_PAGESIZE);
    struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    fixed_over();
    holes_and_guards();
    remaps();
    advice_and_files();
    bad_args();
    return 0;
}
