/* The MIPS ABI tables (syscall/abi-mips.c) and signal frame offsets
 * (target/mips/signal.c), checked by hand and against the guest kernel's headers: meson
 * compiles test_syscall_abi_mips_probe.c with each MIPS cross compiler to assembly and
 * passes the files in SYSCALL_PROBE_mips, SYSCALL_PROBE_mipsel, SYSCALL_PROBE_mips64el.
 * Without a compiler the header checks of that ABI are skipped, and say so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <termios.h>

#include "syscall/abi-tables.h"
#include "syscall/gstructs.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"
#include "target/mips/linux-abi.h"

struct probe {
    char name[64];
    long value;
};

struct abi_case {
    const char *name;
    const struct syscall_table *abi;
    struct probe *probes;
    size_t nprobes;
};

static struct abi_case cases[] = {
    { "mips", NULL, NULL, 0 }, { "mipsel", NULL, NULL, 0 }, { "mips64el", NULL, NULL, 0 },
};

/* ---- the probe files: "probe_NAME:" then ".word VALUE" (or .space for zero) ---- */

static int load_probes(struct abi_case *c, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256], label[64] = "";
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        long v;
        if (sscanf(line, "probe_%63[A-Za-z0-9_]:", label) == 1 && strchr(line, ':'))
            continue;
        bool zero = sscanf(line, " .space %ld", &v) == 1 || sscanf(line, " .zero %ld", &v) == 1;
        if (zero)
            v = 0;
        if (label[0] && (zero || sscanf(line, " .word %ld", &v) == 1)) {
            if (c->nprobes == cap) {
                cap = cap ? cap * 2 : 256;
                c->probes = realloc(c->probes, cap * sizeof *c->probes);
            }
            snprintf(c->probes[c->nprobes].name, sizeof c->probes[0].name, "%s", label);
            c->probes[c->nprobes++].value = v;
        }
        label[0] = 0;
    }
    fclose(f);
    return 0;
}

static long probe(const struct abi_case *c, const char *name)
{
    for (size_t i = 0; i < c->nprobes; i++)
        if (!strcmp(c->probes[i].name, name))
            return c->probes[i].value;
    fail_msg("%s: probe_%s missing from the probe file", c->name, name);
    return 0;
}

static const struct abi_case *need_probes(void **state)
{
    const struct abi_case *c = *state;
    if (!c->probes)
        skip();
    return c;
}

static bool o32(const struct abi_case *c) { return c->abi->word_size == 4; }

/* ---- without the cross compilers ---- */

static void numbers(void **state)
{
    const struct syscall_table *o = syscall_table_by_name("mips");
    const struct syscall_table *n = syscall_table_by_name("mips64el");
    assert_ptr_equal(o->numbers, syscall_table_by_name("mipsel")->numbers);
    assert_int_equal(sysnum_lookup(o->numbers, 4003), GSYS_read);
    assert_int_equal(sysnum_lookup(o->numbers, 4246), GSYS_exit_group);
    assert_int_equal(sysnum_lookup(o->numbers, 4283), GSYS_set_thread_area);
    assert_int_equal(sysnum_lookup(o->numbers, 3), GSYS_NONE);
    assert_int_equal(sysnum_lookup(n->numbers, 5000), GSYS_read);
    assert_int_equal(sysnum_lookup(n->numbers, 5211), GSYS_rt_sigreturn);
    assert_int_equal(sysnum_reverse(n->numbers, GSYS_mmap2), -1);   /* o32 only */
}

static void byte_orders(void **state)
{
    assert_true(syscall_table_by_name("mips")->big_endian);
    assert_false(syscall_table_by_name("mipsel")->big_endian);
    assert_false(syscall_table_by_name("mips64el")->big_endian);
    assert_int_equal(syscall_table_by_name("mips64el")->word_size, 8);
}

/* o32 64-bit arguments: aligned register pairs, high word first on big-endian. */
static void register_pairs(void **state)
{
    const struct syscall_table *be = syscall_table_by_name("mips");
    const struct syscall_table *le = syscall_table_by_name("mipsel");
    uint64_t a[6];
    /* pread64(fd, buf, count, pad, off): a3 skipped, the offset in the stack words */
    const uint64_t regs[6] = { 3, 0x1000, 64, 0xdead, 0x01234567, 0x89abcdef };
    syscall_decode_args(be, syscall_def_of(GSYS_pread64), regs, a);
    assert_int_equal(a[3], 0x0123456789abcdefull);
    syscall_decode_args(le, syscall_def_of(GSYS_pread64), regs, a);
    assert_int_equal(a[3], 0x89abcdef01234567ull);
    const uint64_t n64regs[6] = { 3, 0x1000, 64, 0x0123456789abcdefull };
    syscall_decode_args(syscall_table_by_name("mips64el"), syscall_def_of(GSYS_pread64),
                        n64regs, a);
    assert_int_equal(a[3], 0x0123456789abcdefull);
}

static void value_maps(void **state)
{
    const struct syscall_table *abi = syscall_table_by_name("mipsel");
    assert_int_equal(abi_errno_from_host(abi, ENOSYS), 89);
    assert_int_equal(abi_errno_from_host(abi, EDQUOT), 1133);
    assert_int_equal(abi_errno_from_host(abi, ENOENT), 2);
    assert_int_equal(abi_sig_to_host(abi, 16), SIGUSR1);
    assert_int_equal(abi_sig_from_host(abi, SIGCHLD), 18);
    assert_int_equal(abi_sig_to_host(abi, 7), 0);               /* SIGEMT */
    assert_int_equal(abi_sig_from_host(abi, SIGSTKFLT), 0);
    assert_int_equal(abi_sig_to_host(abi, 40), 40);             /* real-time */
    assert_int_equal(abi_sig_to_host(abi, 100), 0);             /* beyond the host's */
    assert_int_equal(abi_oflags_to_host(abi, 0x100 | 0x8 | 0x80), O_CREAT | O_APPEND |
                                                                  O_NONBLOCK);
    assert_int_equal(abi_mmap_flags_to_host(abi, 0x800 | 0x2), MAP_ANONYMOUS | MAP_PRIVATE);
    assert_int_equal(abi_sig_how_to_host(abi, 1), SIG_BLOCK);
    assert_int_equal(abi_rlimit_to_host(abi, 5), RLIMIT_NOFILE);
    assert_int_equal(sigset_words(abi), 4);
    assert_int_equal(sigset_words(syscall_table_by_name("mips64el")), 2);
    /* every combination of MIPS's own flag bits (0x8 ... 0x8000) goes there and back */
    for (uint32_t i = 0; i < 0x2000; i++) {
        uint32_t g = (i & 3) | (i >> 2) << 3;
        if (!(g & 0x40))
            assert_int_equal(abi_oflags_from_host(abi, abi_oflags_to_host(abi, g)), g);
    }
}

/* ---- against the guest's kernel headers ---- */

static uint64_t load_n(const struct syscall_table *abi, const uint8_t *p, unsigned size)
{
    switch (size) {
    case 1: return *p;
    case 2: return abi_ld16(abi, p);
    case 4: return abi_ld32(abi, p);
    default: return abi_ld64(abi, p);
    }
}

/* Stores distinct values and finds each member at the header's offset. */
static void check_members(const struct abi_case *c, const struct gfield *lay,
                          const char *sname, const char *const *members, const unsigned *keys,
                          const unsigned *sizes, size_t n)
{
    const struct syscall_table *abi = c->abi;
    char key[96];
    snprintf(key, sizeof key, "sizeof_%s", sname);
    size_t size = gstruct_size(abi, lay);
    if ((long)size != probe(c, key))
        fail_msg("%s: struct %s is %zu bytes, the headers say %ld", c->name, sname, size,
                 probe(c, key));
    uint64_t vals[64];
    for (unsigned k = 0; k < 64; k++)
        vals[k] = 0x11 * (k + 1);
    uint8_t *buf = calloc(1, size);
    gstruct_store(abi, lay, buf, vals);
    for (size_t i = 0; i < n; i++) {
        snprintf(key, sizeof key, "%s_%s", sname, members[i]);
        long off = probe(c, key);
        uint64_t want = vals[keys[i]] & (sizes[i] == 8 ? ~0ull : (1ull << (sizes[i] * 8)) - 1);
        if (load_n(abi, buf + off, sizes[i]) != want)
            fail_msg("%s: %s.%s is not at offset %ld", c->name, sname, members[i], off);
    }
    free(buf);
}

static void stat_layouts(void **state)
{
    const struct abi_case *c = need_probes(state);
    const struct syscall_table *abi = c->abi;
    unsigned w = abi->word_size;
    assert_int_equal(probe(c, "word_size"), w);
    static const char *const st[] = { "st_dev", "st_ino", "st_mode", "st_nlink", "st_uid",
        "st_gid", "st_rdev", "st_size", "st_blksize", "st_blocks", "st_atime", "st_atime_nsec",
        "st_mtime", "st_mtime_nsec", "st_ctime", "st_ctime_nsec" };
    static const unsigned stk[] = { SK_DEV, SK_INO, SK_MODE, SK_NLINK, SK_UID, SK_GID, SK_RDEV,
        SK_SIZE, SK_BLKSIZE, SK_BLOCKS, SK_ATIME, SK_ATIME_NSEC, SK_MTIME, SK_MTIME_NSEC,
        SK_CTIME, SK_CTIME_NSEC };
    unsigned sts[16] = { 4, w, 4, 4, 4, 4, 4, w, w, w, w, w, w, w, w, w };
    if (w == 8)
        for (int i = 8; i < 16; i++)
            sts[i] = i == 9 ? 8 : 4;
    check_members(c, abi_stat_layout(abi), "stat", st, stk, sts, 16);
    if (o32(c)) {
        static const unsigned st64s[16] = { 4, 8, 4, 4, 4, 4, 4, 8, 4, 8, 4, 4, 4, 4, 4, 4 };
        check_members(c, abi_stat64_layout(abi), "stat64", st, stk, st64s, 16);
    }
}

static void other_layouts(void **state)
{
    const struct abi_case *c = need_probes(state);
    const struct syscall_table *abi = c->abi;
    unsigned w = abi->word_size;
    static const char *const sf[] = { "f_type", "f_frsize", "f_blocks", "f_bfree", "f_files",
        "f_ffree", "f_bavail", "f_fsid", "f_namelen", "f_flags" };
    static const unsigned sfk[] = { SF_K_TYPE, SF_K_FRSIZE, SF_K_BLOCKS, SF_K_BLOCKS + 1,
        SF_K_BLOCKS + 3, SF_K_BLOCKS + 4, SF_K_BLOCKS + 2, SF_K_FSID, SF_K_NAMELEN, SF_K_FLAGS };
    const unsigned sfs[] = { w, w, w, w, w, w, w, 4, w, w };
    check_members(c, abi_statfs_layout(abi), "statfs", sf, sfk, sfs, 10);
    static const char *const fl[] = { "l_type", "l_whence", "l_start", "l_len", "l_pid" };
    static const unsigned flk[] = { FL_K_TYPE, FL_K_WHENCE, FL_K_START, FL_K_LEN, FL_K_PID };
    const unsigned fls[] = { 2, 2, w, w, 4 };
    check_members(c, abi_flock_layout(abi), "flock", fl, flk, fls, 5);
    if (o32(c)) {
        const unsigned sf64s[] = { 4, 4, 8, 8, 8, 8, 8, 4, 4, 4 };
        check_members(c, abi_statfs64_layout(abi), "statfs64", sf, sfk, sf64s, 10);
        static const unsigned fl64s[] = { 2, 2, 8, 8, 4 };
        check_members(c, abi_flock64_layout(abi), "flock64", fl, flk, fl64s, 5);
    }
    static const char *const sa[] = { "sa_flags", "sa_handler", "sa_mask" };
    static const unsigned sak[] = { SA_K_FLAGS, SA_K_HANDLER, SA_K_MASK };
    const unsigned sas[] = { 4, w, w };
    check_members(c, abi_sigaction_layout(abi), "sigaction", sa, sak, sas, 3);
    static const char *const ss[] = { "ss_sp", "ss_size", "ss_flags" };
    static const unsigned ssk[] = { SS_K_SP, SS_K_SIZE, SS_K_FLAGS };
    const unsigned sss[] = { w, w, 4 };
    check_members(c, abi_stack_layout(abi), "stack_t", ss, ssk, sss, 3);
    const struct abi_termios *t = abi_termios_facts(abi);
    static const char *const tio[] = { "c_iflag", "c_lflag", "c_line", "c_cc" };
    static const unsigned tiok[] = { TIO_K_IFLAG, TIO_K_LFLAG, TIO_K_LINE, TIO_K_CC };
    static const unsigned tios[] = { 4, 4, 1, 1 };
    check_members(c, t->layout, "termios", tio, tiok, tios, 4);
    assert_int_equal(abi->nsig, probe(c, "nsig"));
}

/* signal.c's sigcontext offsets are the kernel's */
static void sigcontext_layout(void **state)
{
    const struct abi_case *c = need_probes(state);
    const struct mips_frame_layout *l = o32(c) ? &mips_o32_frame : &mips_n64_frame;
    assert_int_equal(l->sc_size, probe(c, "sizeof_sigcontext"));
    assert_int_equal(l->sc_pc, probe(c, "sigcontext_sc_pc"));
    assert_int_equal(l->sc_regs, probe(c, "sigcontext_sc_regs"));
    assert_int_equal(l->sc_fpregs, probe(c, "sigcontext_sc_fpregs"));
    assert_int_equal(l->sc_fpc_csr, probe(c, "sigcontext_sc_fpc_csr"));
    assert_int_equal(l->sc_used_math, probe(c, "sigcontext_sc_used_math"));
    assert_int_equal(l->sc_mdhi, probe(c, "sigcontext_sc_mdhi"));
    assert_int_equal(l->sc_mdlo, probe(c, "sigcontext_sc_mdlo"));
    /* ucontext: flags and link words, stack_t, then the sigcontext (8-aligned) */
    unsigned w = l->word, stack_size = (unsigned)probe(c, "sizeof_stack_t");
    assert_int_equal(l->uc_stack, 2 * w);
    assert_int_equal(l->uc_mcontext, (2 * w + stack_size + 7) & ~7u);
    assert_int_equal(l->uc_sigmask, l->uc_mcontext + l->sc_size);
    assert_int_equal(l->uc_size, l->uc_sigmask + probe(c, "nsig") / 8);
}

struct named {
    const char *name;
    long host;
};

static void check_equal(const struct abi_case *c, const char *what, const char *name,
                        long ours, long theirs)
{
    if (ours != theirs)
        fail_msg("%s: %s %s: table says %#lx, the guest's headers %#lx", c->name, what, name,
                 ours, theirs);
}

#define EACH(t) for (size_t i = 0; i < sizeof(t) / sizeof((t)[0]); i++)

static void file_values(void **state)
{
    const struct abi_case *c = need_probes(state);
    const struct syscall_table *abi = c->abi;
    static const struct named oflags[] = {
        { "O_APPEND", O_APPEND }, { "O_DSYNC", O_DSYNC }, { "O_NONBLOCK", O_NONBLOCK },
        { "O_CREAT", O_CREAT }, { "O_TRUNC", O_TRUNC }, { "O_EXCL", O_EXCL },
        { "O_NOCTTY", O_NOCTTY }, { "FASYNC", O_ASYNC }, { "O_LARGEFILE", 0100000 },
        { "__O_SYNC", 04000000 }, { "O_DIRECT", O_DIRECT }, { "O_DIRECTORY", O_DIRECTORY },
        { "O_NOFOLLOW", O_NOFOLLOW }, { "O_NOATIME", O_NOATIME }, { "O_CLOEXEC", O_CLOEXEC },
        { "O_PATH", O_PATH }, { "__O_TMPFILE", 020000000 },
    };
    EACH(oflags) {
        long g = probe(c, oflags[i].name);
        check_equal(c, "open flag", oflags[i].name,
                    abi_oflags_from_host(abi, (uint32_t)oflags[i].host), g);
        check_equal(c, "open flag (back)", oflags[i].name,
                    abi_oflags_to_host(abi, (uint32_t)g), oflags[i].host);
    }
    static const struct named fcntls[] = {
        { "F_DUPFD", F_DUPFD }, { "F_GETFD", F_GETFD }, { "F_SETFD", F_SETFD },
        { "F_GETFL", F_GETFL }, { "F_SETFL", F_SETFL }, { "F_GETLK", F_GETLK },
        { "F_SETLK", F_SETLK }, { "F_SETLKW", F_SETLKW }, { "F_SETOWN", F_SETOWN },
        { "F_GETOWN", F_GETOWN }, { "F_SETSIG", F_SETSIG }, { "F_GETSIG", F_GETSIG },
        { "F_SETOWN_EX", F_SETOWN_EX }, { "F_GETOWN_EX", F_GETOWN_EX },
        { "F_OFD_GETLK", F_OFD_GETLK }, { "F_OFD_SETLK", F_OFD_SETLK },
        { "F_OFD_SETLKW", F_OFD_SETLKW },
    };
    EACH(fcntls)
        check_equal(c, "fcntl", fcntls[i].name,
                    abi_fcntl_cmd_to_host(abi, (int)probe(c, fcntls[i].name)), fcntls[i].host);
    if (o32(c)) {
        check_equal(c, "fcntl", "F_GETLK64", abi_fcntl_cmd_to_host(abi,
                    (int)probe(c, "F_GETLK64")), 12);
        check_equal(c, "fcntl", "F_SETLKW64", abi_fcntl_cmd_to_host(abi,
                    (int)probe(c, "F_SETLKW64")), 14);
    }
    static const struct named mmap_flags[] = {
        { "MAP_SHARED", MAP_SHARED }, { "MAP_PRIVATE", MAP_PRIVATE }, { "MAP_FIXED", MAP_FIXED },
        { "MAP_ANONYMOUS", MAP_ANONYMOUS }, { "MAP_NORESERVE", MAP_NORESERVE },
        { "MAP_GROWSDOWN", MAP_GROWSDOWN }, { "MAP_DENYWRITE", MAP_DENYWRITE },
        { "MAP_EXECUTABLE", MAP_EXECUTABLE }, { "MAP_LOCKED", MAP_LOCKED },
        { "MAP_POPULATE", MAP_POPULATE }, { "MAP_NONBLOCK", MAP_NONBLOCK },
        { "MAP_STACK", MAP_STACK }, { "MAP_HUGETLB", MAP_HUGETLB },
    };
    EACH(mmap_flags)
        check_equal(c, "mmap flag", mmap_flags[i].name,
                    abi_mmap_flags_to_host(abi, (uint32_t)probe(c, mmap_flags[i].name)),
                    mmap_flags[i].host);
    static const struct named rlimits[] = {
        { "RLIMIT_CPU", RLIMIT_CPU }, { "RLIMIT_FSIZE", RLIMIT_FSIZE },
        { "RLIMIT_DATA", RLIMIT_DATA }, { "RLIMIT_STACK", RLIMIT_STACK },
        { "RLIMIT_CORE", RLIMIT_CORE }, { "RLIMIT_RSS", RLIMIT_RSS },
        { "RLIMIT_NPROC", RLIMIT_NPROC }, { "RLIMIT_NOFILE", RLIMIT_NOFILE },
        { "RLIMIT_MEMLOCK", RLIMIT_MEMLOCK }, { "RLIMIT_AS", RLIMIT_AS },
    };
    EACH(rlimits)
        check_equal(c, "rlimit", rlimits[i].name,
                    abi_rlimit_to_host(abi, (int)probe(c, rlimits[i].name)), rlimits[i].host);
}

static void signal_values(void **state)
{
    const struct abi_case *c = need_probes(state);
    const struct syscall_table *abi = c->abi;
    static const struct named signals[] = {
        { "SIGHUP", SIGHUP }, { "SIGINT", SIGINT }, { "SIGQUIT", SIGQUIT },
        { "SIGILL", SIGILL }, { "SIGTRAP", SIGTRAP }, { "SIGABRT", SIGABRT },
        { "SIGEMT", 0 }, { "SIGFPE", SIGFPE }, { "SIGKILL", SIGKILL }, { "SIGBUS", SIGBUS },
        { "SIGSEGV", SIGSEGV }, { "SIGSYS", SIGSYS }, { "SIGPIPE", SIGPIPE },
        { "SIGALRM", SIGALRM }, { "SIGTERM", SIGTERM }, { "SIGUSR1", SIGUSR1 },
        { "SIGUSR2", SIGUSR2 }, { "SIGCHLD", SIGCHLD }, { "SIGPWR", SIGPWR },
        { "SIGWINCH", SIGWINCH }, { "SIGURG", SIGURG }, { "SIGIO", SIGIO },
        { "SIGSTOP", SIGSTOP }, { "SIGTSTP", SIGTSTP }, { "SIGCONT", SIGCONT },
        { "SIGTTIN", SIGTTIN }, { "SIGTTOU", SIGTTOU }, { "SIGVTALRM", SIGVTALRM },
        { "SIGPROF", SIGPROF }, { "SIGXCPU", SIGXCPU }, { "SIGXFSZ", SIGXFSZ },
        { "SIGRTMIN", 32 },
    };
    EACH(signals) {
        long g = probe(c, signals[i].name);
        check_equal(c, "signal (to host)", signals[i].name, abi_sig_to_host(abi, (int)g),
                    signals[i].host);
        if (signals[i].host)
            check_equal(c, "signal", signals[i].name,
                        abi_sig_from_host(abi, (int)signals[i].host), g);
    }
    check_equal(c, "signal", "SIGSTKFLT", abi_sig_from_host(abi, SIGSTKFLT), 0);
    static const struct named sa_flags[] = {
        { "SA_NOCLDSTOP", SA_NOCLDSTOP }, { "SA_NOCLDWAIT", SA_NOCLDWAIT },
        { "SA_SIGINFO", SA_SIGINFO }, { "SA_ONSTACK", SA_ONSTACK },
        { "SA_RESTART", SA_RESTART }, { "SA_NODEFER", SA_NODEFER },
        { "SA_RESETHAND", SA_RESETHAND },
    };
    EACH(sa_flags)
        check_equal(c, "sa_flag", sa_flags[i].name,
                    (long)abi_sa_flags_from_host(abi, (uint32_t)sa_flags[i].host),
                    (long)(uint32_t)probe(c, sa_flags[i].name));
    check_equal(c, "how", "SIG_BLOCK", abi_sig_how_to_host(abi, (int)probe(c, "SIG_BLOCK")),
                SIG_BLOCK);
    check_equal(c, "how", "SIG_UNBLOCK",
                abi_sig_how_to_host(abi, (int)probe(c, "SIG_UNBLOCK")), SIG_UNBLOCK);
    check_equal(c, "how", "SIG_SETMASK",
                abi_sig_how_to_host(abi, (int)probe(c, "SIG_SETMASK")), SIG_SETMASK);
    check_equal(c, "value", "MINSIGSTKSZ", abi->minsigstksz, probe(c, "MINSIGSTKSZ"));
}

static void errno_values(void **state)
{
    const struct abi_case *c = need_probes(state);
    static const struct named errnos[] = {
        { "EPERM", EPERM }, { "ENOENT", ENOENT }, { "EINTR", EINTR }, { "EAGAIN", EAGAIN },
        { "ENOMEM", ENOMEM }, { "EACCES", EACCES }, { "EFAULT", EFAULT },
        { "EEXIST", EEXIST }, { "ENOTDIR", ENOTDIR }, { "EINVAL", EINVAL },
        { "ENOTTY", ENOTTY }, { "ERANGE", ERANGE }, { "EDEADLK", EDEADLK },
        { "ENAMETOOLONG", ENAMETOOLONG }, { "ENOLCK", ENOLCK }, { "ENOSYS", ENOSYS },
        { "ENOTEMPTY", ENOTEMPTY }, { "ELOOP", ELOOP }, { "ENOMSG", ENOMSG },
        { "EIDRM", EIDRM }, { "ENOSTR", ENOSTR }, { "ENODATA", ENODATA }, { "ETIME", ETIME },
        { "EOVERFLOW", EOVERFLOW }, { "EILSEQ", EILSEQ }, { "ENOTSOCK", ENOTSOCK },
        { "EDESTADDRREQ", EDESTADDRREQ }, { "EMSGSIZE", EMSGSIZE },
        { "EPROTOTYPE", EPROTOTYPE }, { "ENOPROTOOPT", ENOPROTOOPT },
        { "EPROTONOSUPPORT", EPROTONOSUPPORT }, { "EOPNOTSUPP", EOPNOTSUPP },
        { "EAFNOSUPPORT", EAFNOSUPPORT }, { "EADDRINUSE", EADDRINUSE },
        { "EADDRNOTAVAIL", EADDRNOTAVAIL }, { "ENETDOWN", ENETDOWN },
        { "ENETUNREACH", ENETUNREACH }, { "ECONNABORTED", ECONNABORTED },
        { "ECONNRESET", ECONNRESET }, { "ENOBUFS", ENOBUFS }, { "EISCONN", EISCONN },
        { "ENOTCONN", ENOTCONN }, { "ETIMEDOUT", ETIMEDOUT },
        { "ECONNREFUSED", ECONNREFUSED }, { "EHOSTUNREACH", EHOSTUNREACH },
        { "EALREADY", EALREADY }, { "EINPROGRESS", EINPROGRESS }, { "ESTALE", ESTALE },
        { "EDQUOT", EDQUOT }, { "ECANCELED", ECANCELED }, { "EOWNERDEAD", EOWNERDEAD },
        { "ENOTRECOVERABLE", ENOTRECOVERABLE }, { "EHWPOISON", EHWPOISON },
    };
    EACH(errnos)
        check_equal(c, "errno", errnos[i].name, abi_errno_from_host(c->abi, (int)errnos[i].host),
                    probe(c, errnos[i].name));
}

static void ioctl_socket_values(void **state)
{
    const struct abi_case *c = need_probes(state);
    const struct syscall_table *abi = c->abi;
    static const struct named ioctls[] = {
        { "TCGETS", TCGETS }, { "TCSETS", TCSETS }, { "TCSETSW", TCSETSW },
        { "TCSETSF", TCSETSF }, { "TIOCGWINSZ", TIOCGWINSZ }, { "TIOCSWINSZ", TIOCSWINSZ },
        { "FIONREAD", FIONREAD }, { "TIOCGPGRP", TIOCGPGRP }, { "TIOCSPGRP", TIOCSPGRP },
        { "TIOCOUTQ", TIOCOUTQ }, { "FIONBIO", FIONBIO }, { "TIOCSCTTY", TIOCSCTTY },
        { "TIOCNOTTY", TIOCNOTTY }, { "TCFLSH", TCFLSH }, { "TCXONC", TCXONC },
        { "TCSBRK", TCSBRK }, { "FIOCLEX", FIOCLEX }, { "FIONCLEX", FIONCLEX },
        { "TIOCGPTN", (int)TIOCGPTN }, { "TIOCSPTLCK", (int)TIOCSPTLCK },
        { "TIOCGSID", TIOCGSID }, { "FIOASYNC", FIOASYNC },
    };
    EACH(ioctls)
        check_equal(c, "ioctl", ioctls[i].name,
                    (long)abi_ioctl_to_host(abi, (uint32_t)probe(c, ioctls[i].name)),
                    (long)(uint32_t)ioctls[i].host);
    static const struct named types[] = {
        { "SOCK_STREAM", SOCK_STREAM }, { "SOCK_DGRAM", SOCK_DGRAM }, { "SOCK_RAW", SOCK_RAW },
        { "SOCK_SEQPACKET", SOCK_SEQPACKET },
    };
    EACH(types)
        check_equal(c, "socket type", types[i].name,
                    (long)abi_value_to_guest(abi->sock_types, (uint32_t)types[i].host),
                    probe(c, types[i].name));
    check_equal(c, "level", "SOL_SOCKET",
                (long)abi_value_to_guest(abi->sock_levels, SOL_SOCKET), probe(c, "SOL_SOCKET"));
    static const struct named opts[] = {
        { "SO_DEBUG", SO_DEBUG }, { "SO_REUSEADDR", SO_REUSEADDR }, { "SO_TYPE", SO_TYPE },
        { "SO_ERROR", SO_ERROR }, { "SO_DONTROUTE", SO_DONTROUTE },
        { "SO_BROADCAST", SO_BROADCAST }, { "SO_SNDBUF", SO_SNDBUF },
        { "SO_RCVBUF", SO_RCVBUF }, { "SO_KEEPALIVE", SO_KEEPALIVE },
        { "SO_OOBINLINE", SO_OOBINLINE }, { "SO_LINGER", SO_LINGER },
        { "SO_REUSEPORT", SO_REUSEPORT }, { "SO_PASSCRED", SO_PASSCRED },
        { "SO_PEERCRED", SO_PEERCRED }, { "SO_RCVLOWAT", SO_RCVLOWAT },
        { "SO_SNDLOWAT", SO_SNDLOWAT }, { "SO_ACCEPTCONN", SO_ACCEPTCONN },
        { "SO_PROTOCOL", SO_PROTOCOL }, { "SO_DOMAIN", SO_DOMAIN },
    };
    EACH(opts) {
        long g = probe(c, opts[i].name);
        check_equal(c, "socket option", opts[i].name,
                    (long)abi_value_to_guest(abi->so_options, (uint32_t)opts[i].host), g);
        check_equal(c, "socket option (back)", opts[i].name,
                    (long)abi_value_from_guest(abi->so_options, (uint32_t)g), opts[i].host);
    }
}

static void termios_values(void **state)
{
    const struct abi_case *c = need_probes(state);
    const struct abi_termios *t = abi_termios_facts(c->abi);
    assert_int_equal(t->ncc, probe(c, "NCCS"));
    static const struct named cc[] = {
        { "VINTR", VINTR }, { "VQUIT", VQUIT }, { "VERASE", VERASE }, { "VKILL", VKILL },
        { "VEOF", VEOF }, { "VTIME", VTIME }, { "VMIN", VMIN }, { "VSTART", VSTART },
        { "VSTOP", VSTOP }, { "VSUSP", VSUSP }, { "VEOL", VEOL }, { "VEOL2", VEOL2 },
    };
    EACH(cc) {
        long ours = t->cc_index ? t->cc_index[cc[i].host] : cc[i].host;
        check_equal(c, "c_cc index", cc[i].name, ours, probe(c, cc[i].name));
    }
    static const struct named lflags[] = {
        { "ICANON", ICANON }, { "ECHO", ECHO }, { "ISIG", ISIG }, { "IEXTEN", IEXTEN },
        { "TOSTOP", TOSTOP }, { "FLUSHO", FLUSHO },
    };
    EACH(lflags)
        check_equal(c, "lflag", lflags[i].name, abi_bits_to_guest(t->lflag, (uint32_t)lflags[i].host),
                    probe(c, lflags[i].name));
    check_equal(c, "iflag", "ICRNL", abi_bits_to_guest(t->iflag, ICRNL), probe(c, "ICRNL"));
    check_equal(c, "iflag", "IXON", abi_bits_to_guest(t->iflag, IXON), probe(c, "IXON"));
    check_equal(c, "oflag", "OPOST", abi_bits_to_guest(t->oflag, OPOST), probe(c, "OPOST"));
    check_equal(c, "oflag", "ONLCR", abi_bits_to_guest(t->oflag, ONLCR), probe(c, "ONLCR"));
    check_equal(c, "cflag", "CS8", abi_bits_to_guest(t->cflag, CS8), probe(c, "CS8"));
    check_equal(c, "cflag", "CREAD", abi_bits_to_guest(t->cflag, CREAD), probe(c, "CREAD"));
    check_equal(c, "cflag", "B38400", abi_bits_to_guest(t->cflag, B38400), probe(c, "B38400"));
}

static void number_values(void **state)
{
    const struct abi_case *c = need_probes(state);
    const struct sysnum_map *m = c->abi->numbers;
    assert_int_equal(sysnum_lookup(m, probe(c, "nr_read")), GSYS_read);
    assert_int_equal(sysnum_lookup(m, probe(c, "nr_openat")), GSYS_openat);
    assert_int_equal(sysnum_lookup(m, probe(c, "nr_exit_group")), GSYS_exit_group);
    assert_int_equal(sysnum_lookup(m, probe(c, "nr_statx")), GSYS_statx);
    assert_int_equal(sysnum_lookup(m, probe(c, "nr_rt_sigreturn")), GSYS_rt_sigreturn);
    assert_int_equal(sysnum_lookup(m, probe(c, "nr_set_thread_area")), GSYS_set_thread_area);
    assert_int_equal(sysnum_lookup(m, probe(c, "nr_cacheflush")), GSYS_cacheflush);
    assert_int_equal(sysnum_lookup(m, probe(c, "nr_clone")), GSYS_clone);
    assert_int_equal(sysnum_lookup(m, probe(c, "nr_pipe2")), GSYS_pipe2);
    assert_int_equal(sysnum_lookup(m, probe(c, "nr_io_uring_setup")), GSYS_io_uring_setup);
    if (o32(c)) {
        assert_int_equal(sysnum_lookup(m, probe(c, "nr_mmap2")), GSYS_mmap2);
        assert_int_equal(sysnum_lookup(m, probe(c, "nr_fstat64")), GSYS_fstat64);
        assert_int_equal(sysnum_lookup(m, probe(c, "nr_sigreturn")), GSYS_sigreturn);
        assert_int_equal(sysnum_lookup(m, probe(c, "nr_clock_gettime64")),
                         GSYS_clock_gettime64);
    }
}

#define PER_ABI(fn) cmocka_unit_test_prestate(fn, &cases[0]),                     \
    cmocka_unit_test_prestate(fn, &cases[1]), cmocka_unit_test_prestate(fn, &cases[2])

int main(void)
{
    for (size_t i = 0; i < 3; i++) {
        struct abi_case *c = &cases[i];
        c->abi = syscall_table_by_name(c->name);
        if (!c->abi)
            return 1;
        char var[64];
        snprintf(var, sizeof var, "SYSCALL_PROBE_%s", c->name);
        const char *path = getenv(var);
        if (path && *path && load_probes(c, path) < 0) {
            fprintf(stderr, "cannot read the probe file %s\n", path);
            return 1;
        }
        if (!c->probes)
            fprintf(stderr, "test_syscall_abi_mips: no %s cross compiler: the checks against "
                            "its kernel headers are SKIPPED\n", c->name);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers),
        cmocka_unit_test(byte_orders),
        cmocka_unit_test(register_pairs),
        cmocka_unit_test(value_maps),
        PER_ABI(stat_layouts),
        PER_ABI(other_layouts),
        PER_ABI(sigcontext_layout),
        PER_ABI(file_values),
        PER_ABI(signal_values),
        PER_ABI(errno_values),
        PER_ABI(ioctl_socket_values),
        PER_ABI(termios_values),
        PER_ABI(number_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
