/* The guest's initial stack, laid out as the Linux kernel's ELF loader leaves it for
 * the target's word size and byte order (no randomization). From the top down:
 *   one zero word, AT_EXECFN string, environment strings, argument strings,
 *   (align 16) AT_PLATFORM string, 16 AT_RANDOM bytes,
 *   (align 16 at sp) argc, argv[], NULL, envp[], NULL, auxv pairs ending in AT_NULL.
 * Strings are in order of increasing address (argv[0] lowest), as the kernel copies
 * them last-first downward. */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "loader/elf_internal.h"
#include "loader/loader.h"
#include "syscall/mmap.h"
#include "target/target.h"
#include "tcg/page.h"

struct auxv {
    uint64_t type, val;
};

static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

int stack_map(const struct target_ops *ops, uint64_t size, bool exec,
              struct image_info *info, char *err, size_t errlen)
{
    uint64_t pg = guest_page_size();
    uint64_t end = guest_addr_max + 1;
    uint64_t top = ops->stack_top && ops->stack_top < end ? ops->stack_top : end;
    top &= ~(pg - 1);
    size = (size + pg - 1) & ~(pg - 1);
    if (size == 0 || size > top || top - size < 2 * pg)
        return fail(err, errlen, -ENOMEM, "a stack of %llu bytes does not fit below 0x%llx",
                    (unsigned long long)size, (unsigned long long)top);
    uint64_t limit = top - size;
    int prot = PROT_READ | PROT_WRITE | (exec ? PROT_EXEC : 0);
    int64_t r = guest_mmap(limit, size, prot,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (r == -EEXIST)
        return fail(err, errlen, -ENOEXEC, "the program overlaps the stack at 0x%llx-0x%llx",
                    (unsigned long long)limit, (unsigned long long)top);
    if (r < 0)
        return fail(err, errlen, (int)r, "cannot map the stack: %s", strerror((int)-r));
    /* The guard page stays inaccessible and out of mmap's reach. */
    if (page_get_flags(limit - pg) == 0)
        page_set_flags(limit - pg, limit, PAGE_RESERVED);
    info->stack_top = top;
    info->stack_limit = limit;
    return 0;
}

/* One guest word, in the guest's byte order. */
static void put_word(const struct target_ops *ops, uint64_t addr, uint64_t v)
{
    unsigned n = ops->addr_bits / 8;
    unsigned char b[8];
    for (unsigned i = 0; i < n; i++)
        b[i] = (unsigned char)(v >> (ops->big_endian ? 8 * (n - 1 - i) : 8 * i));
    memcpy(g2h(addr), b, n);
}

/* Writes a word at *q and moves *q past it (tables are filled upward). */
static void emit_word(const struct target_ops *ops, uint64_t *q, uint64_t v)
{
    put_word(ops, *q, v);
    *q += ops->addr_bits / 8;
}

static uint64_t push_bytes(uint64_t *p, const void *data, size_t n)
{
    *p -= n;
    memcpy(g2h(*p), data, n);
    return *p;
}

static void random_bytes(unsigned char *buf, size_t n)
{
    if (getrandom(buf, n, GRND_NONBLOCK) == (ssize_t)n)
        return;
    /* No entropy yet (early boot): still different per run. */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)getpid();
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        buf[i] = (unsigned char)x;
    }
}

static void add_aux(struct auxv *a, size_t *n, uint64_t type, uint64_t val)
{
    a[*n].type = type;
    a[*n].val = val;
    (*n)++;
}

int stack_build(const struct target_ops *ops, char *const argv[], char *const envp[],
                const char *execfn, struct image_info *info, char *err, size_t errlen)
{
    unsigned w = ops->addr_bits / 8;
    size_t argc = 0, envc = 0, strings = strlen(execfn) + 1;
    while (argv[argc])
        strings += strlen(argv[argc++]) + 1;
    while (envp[envc])
        strings += strlen(envp[envc++]) + 1;

    /* The kernel caps arguments at a quarter of the stack; beyond that, E2BIG. */
    uint64_t size = info->stack_top - info->stack_limit;
    uint64_t tables = (argc + envc + 3 + 2 * 32) * w + 64 + 16;
    if (strings + tables > size / 4)
        return fail(err, errlen, -E2BIG,
                    "argument list too long (%zu bytes of strings for a %llu-byte stack)",
                    strings, (unsigned long long)size);

    uint64_t *argp = calloc(argc + envc + 1, sizeof *argp);
    if (!argp)
        return fail(err, errlen, -ENOMEM, "out of memory");
    uint64_t *envp_g = argp + argc;

    uint64_t p = info->stack_top - w;
    put_word(ops, p, 0);
    uint64_t execfn_g = push_bytes(&p, execfn, strlen(execfn) + 1);
    for (size_t i = envc; i-- > 0;)
        envp_g[i] = push_bytes(&p, envp[i], strlen(envp[i]) + 1);
    for (size_t i = argc; i-- > 0;)
        argp[i] = push_bytes(&p, argv[i], strlen(argv[i]) + 1);
    info->env_end = execfn_g;
    info->env_start = envc ? envp_g[0] : execfn_g;
    info->arg_end = info->env_start;
    info->arg_start = argc ? argp[0] : info->arg_end;

    p &= ~(uint64_t)15;
    uint64_t platform_g = 0;
    if (ops->platform)
        platform_g = push_bytes(&p, ops->platform, strlen(ops->platform) + 1);
    unsigned char rnd[16];
    random_bytes(rnd, sizeof rnd);
    uint64_t random_g = push_bytes(&p, rnd, sizeof rnd);

    /* The kernel's order of entries. No AT_SYSINFO_EHDR: there is no vDSO. */
    struct auxv aux[32];
    size_t na = 0;
    add_aux(aux, &na, AT_HWCAP, ops->hwcap ? ops->hwcap() : 0);
    add_aux(aux, &na, AT_PAGESZ, guest_page_size());
    add_aux(aux, &na, AT_CLKTCK, (uint64_t)sysconf(_SC_CLK_TCK));
    add_aux(aux, &na, AT_PHDR, info->phdr);
    add_aux(aux, &na, AT_PHENT, info->phent);
    add_aux(aux, &na, AT_PHNUM, info->phnum);
    add_aux(aux, &na, AT_BASE, info->interp_base);
    add_aux(aux, &na, AT_FLAGS, 0);
    add_aux(aux, &na, AT_ENTRY, info->prog_entry);
    add_aux(aux, &na, AT_UID, getuid());
    add_aux(aux, &na, AT_EUID, geteuid());
    add_aux(aux, &na, AT_GID, getgid());
    add_aux(aux, &na, AT_EGID, getegid());
    add_aux(aux, &na, AT_SECURE, getuid() != geteuid() || getgid() != getegid());
    add_aux(aux, &na, AT_RANDOM, random_g);
    if (ops->hwcap2)
        add_aux(aux, &na, AT_HWCAP2, ops->hwcap2());
    add_aux(aux, &na, AT_EXECFN, execfn_g);
    if (platform_g)
        add_aux(aux, &na, AT_PLATFORM, platform_g);
    add_aux(aux, &na, AT_NULL, 0);

    uint64_t items = 1 + (argc + 1) + (envc + 1);
    uint64_t sp = (p - 2 * na * w - items * w) & ~(uint64_t)15;
    uint64_t q = sp;
    emit_word(ops, &q, argc);
    for (size_t i = 0; i < argc; i++)
        emit_word(ops, &q, argp[i]);
    emit_word(ops, &q, 0);
    for (size_t i = 0; i < envc; i++)
        emit_word(ops, &q, envp_g[i]);
    emit_word(ops, &q, 0);
    info->auxv = q;
    for (size_t i = 0; i < na; i++) {
        emit_word(ops, &q, aux[i].type);
        emit_word(ops, &q, aux[i].val);
    }
    info->auxv_len = q - info->auxv;
    info->sp = sp;
    free(argp);
    return 0;
}
