/* The ABI tables: number lookups, struct layouts, value translation, and the decoding
 * of 64-bit arguments from register pairs. The layouts and values are also checked
 * against the guest kernel's own headers: meson compiles test_syscall_abi_probe.c with
 * the guest cross compiler to assembly and passes it in SYSCALL_PROBE_<abi>. */
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
#include <termios.h>

#include "syscall/abi-tables.h"
#include "syscall/gstructs.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"

static const struct syscall_table *arm;

/* ---- without the cross compiler ---- */

static void arm_numbers(void **state)
{
    const struct sysnum_map *m = arm->numbers;
    assert_int_equal(sysnum_lookup(m, 1), GSYS_exit);
    assert_int_equal(sysnum_lookup(m, 3), GSYS_read);
    assert_int_equal(sysnum_lookup(m, 4), GSYS_write);
    assert_int_equal(sysnum_lookup(m, 140), GSYS__llseek);
    assert_int_equal(sysnum_lookup(m, 192), GSYS_mmap2);
    assert_int_equal(sysnum_lookup(m, 197), GSYS_fstat64);
    assert_int_equal(sysnum_lookup(m, 248), GSYS_exit_group);
    assert_int_equal(sysnum_lookup(m, 322), GSYS_openat);
    assert_int_equal(sysnum_lookup(m, 341), GSYS_sync_file_range2);
    assert_int_equal(sysnum_lookup(m, 397), GSYS_statx);
    assert_int_equal(sysnum_lookup(m, 403), GSYS_clock_gettime64);
    /* holes, the private range and nonsense are not generic calls */
    assert_int_equal(sysnum_lookup(m, 7), GSYS_NONE);        /* waitpid: not in EABI */
    assert_int_equal(sysnum_lookup(m, 0xf0005), GSYS_NONE);
    assert_int_equal(sysnum_lookup(m, -1), GSYS_NONE);
    assert_int_equal(sysnum_lookup(m, 100000), GSYS_NONE);
    assert_int_equal(sysnum_reverse(m, GSYS_getdents64), 217);
    assert_int_equal(sysnum_reverse(m, GSYS_newfstatat), -1);   /* 64-bit ABIs only */
    assert_string_equal(gsys_name(GSYS_rt_sigaction), "rt_sigaction");
    assert_null(gsys_name(GSYS_NONE));
    assert_ptr_equal(syscall_table_by_name("arm"), arm);
}

static void arm_open_flags(void **state)
{
    /* the four flags asm/fcntl.h moves */
    assert_int_equal(abi_oflags_to_host(arm, 040000), O_DIRECTORY);
    assert_int_equal(abi_oflags_to_host(arm, 0100000), O_NOFOLLOW);
    assert_int_equal(abi_oflags_to_host(arm, 0200000), O_DIRECT);
    assert_int_equal(abi_oflags_to_host(arm, 0400000), 0100000);    /* kernel O_LARGEFILE */
    assert_int_equal(abi_oflags_from_host(arm, O_DIRECTORY), 040000);
    assert_int_equal(abi_oflags_from_host(arm, O_NOFOLLOW), 0100000);
    assert_int_equal(abi_oflags_from_host(arm, O_DIRECT), 0200000);
    assert_int_equal(abi_oflags_from_host(arm, 0100000), 0400000);
    /* the rest stays */
    uint32_t same = O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_APPEND | O_NONBLOCK | O_CLOEXEC;
    assert_int_equal(abi_oflags_to_host(arm, same), same);
    assert_int_equal(abi_oflags_from_host(arm, same), same);
    /* every combination of the moved bits and a few others goes there and back */
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t g = (i & 15) << 14 | (i >> 4 & 1 ? O_CREAT : 0) | (i >> 5 & 1 ? O_CLOEXEC : 0) |
                     (i >> 6 & 1 ? O_RDWR : 0) | (i >> 7 & 1 ? O_NONBLOCK : 0);
        assert_int_equal(abi_oflags_from_host(arm, abi_oflags_to_host(arm, g)), g);
    }
}

static void generic_value_maps(void **state)
{
    static const struct abi_map m[] = { { 11, 35 }, { 35, 45 }, { 45, 11 }, { 0, 0 } };
    assert_int_equal(abi_value_to_guest(m, 11), 35);
    assert_int_equal(abi_value_to_guest(m, 12), 12);
    assert_int_equal(abi_value_from_guest(m, 11), 45);
    assert_int_equal(abi_value_to_guest(NULL, 7), 7);
    static const struct abi_map bits[] = { { 1, 4 }, { 4, 1 }, { 0, 0 } };
    assert_int_equal(abi_bits_to_guest(bits, 1 | 2), 4 | 2);
    assert_int_equal(abi_bits_from_guest(bits, 4 | 8), 1 | 8);
    /* ARM numbers signals and errno values as the host does */
    assert_int_equal(abi_sig_to_host(arm, 10), SIGUSR1);
    assert_int_equal(abi_sig_from_host(arm, SIGCHLD), 17);
    assert_int_equal(abi_sig_to_host(arm, 65), 0);
    assert_int_equal(abi_errno_from_host(arm, ENOSYS), 38);
}

/* ARM EABI struct stat64 (asm/stat.h): member offsets and size. */
static const struct {
    unsigned key, off, size;
} stat64_members[] = {
    { SK_DEV, 0, 8 }, { SK_INO, 12, 4 }, { SK_MODE, 16, 4 }, { SK_NLINK, 20, 4 },
    { SK_UID, 24, 4 }, { SK_GID, 28, 4 }, { SK_RDEV, 32, 8 }, { SK_SIZE, 48, 8 },
    { SK_BLKSIZE, 56, 4 }, { SK_BLOCKS, 64, 8 }, { SK_ATIME, 72, 4 },
    { SK_ATIME_NSEC, 76, 4 }, { SK_MTIME, 80, 4 }, { SK_MTIME_NSEC, 84, 4 },
    { SK_CTIME, 88, 4 }, { SK_CTIME_NSEC, 92, 4 }, { SK_INO, 96, 8 },
};

static uint64_t load_n(const struct syscall_table *abi, const uint8_t *p, unsigned size)
{
    switch (size) {
    case 1: return *p;
    case 2: return abi_ld16(abi, p);
    case 4: return abi_ld32(abi, p);
    default: return abi_ld64(abi, p);
    }
}

static void fill_stat(uint64_t v[SK_COUNT])
{
    for (unsigned k = 0; k < SK_COUNT; k++)
        v[k] = 0x1000 + k;
    v[SK_INO] = 0x123456789abull;          /* wider than __st_ino */
    v[SK_SIZE] = 0x100000000ull + 5;
    v[SK_BLOCKS] = 0x200000000ull + 7;
}

static void check_stat64(const struct syscall_table *abi)
{
    const struct gfield *lay = abi_stat64_layout(abi);
    assert_int_equal(gstruct_size(abi, lay), 104);
    uint64_t v[SK_COUNT];
    fill_stat(v);
    uint8_t buf[104];
    memset(buf, 0xee, sizeof buf);
    assert_int_equal(gstruct_store(abi, lay, buf, v), 0);
    for (size_t i = 0; i < sizeof stat64_members / sizeof stat64_members[0]; i++) {
        unsigned size = stat64_members[i].size;
        uint64_t want = v[stat64_members[i].key];
        if (size < 8)
            want &= (1ull << (size * 8)) - 1;
        assert_int_equal(load_n(abi, buf + stat64_members[i].off, size), want);
    }
    /* the padding after st_dev and st_rdev is zeroed */
    assert_int_equal(abi_ld32(abi, buf + 8), 0);
    assert_int_equal(abi_ld32(abi, buf + 40), 0);
    assert_int_equal(abi_ld32(abi, buf + 44), 0);
}

static void arm_stat64_layout(void **state)
{
    check_stat64(arm);
}

/* The same facts with the other byte order: every member is stored big-endian. */
static void big_endian_stat64(void **state)
{
    struct syscall_table be = *arm;
    be.big_endian = true;
    check_stat64(&be);
    uint64_t v[SK_COUNT];
    fill_stat(v);
    uint8_t buf[104];
    gstruct_store(&be, abi_stat64_layout(&be), buf, v);
    static const uint8_t mode_be[4] = { 0, 0, 0x10, SK_MODE };
    assert_memory_equal(buf + 16, mode_be, 4);
    static const uint8_t size_be[8] = { 0, 0, 0, 1, 0, 0, 0, 5 };
    assert_memory_equal(buf + 48, size_be, 8);
}

static void old_stat_overflow(void **state)
{
    const struct gfield *lay = abi_stat_layout(arm);
    assert_int_equal(gstruct_size(arm, lay), 64);
    uint64_t v[SK_COUNT];
    uint8_t buf[64];
    fill_stat(v);
    assert_int_equal(gstruct_store(arm, lay, buf, v), -EOVERFLOW);   /* inode, size */
    for (unsigned k = 0; k < SK_COUNT; k++)
        v[k] = 7;
    v[SK_UID] = 100000;                                              /* too wide: 65534 */
    assert_int_equal(gstruct_store(arm, lay, buf, v), 0);
    assert_int_equal(abi_ld16(arm, buf + 12), 65534);
    assert_int_equal(abi_ld16(arm, buf + 8), 7);                     /* st_mode */
}

static void structs_load_signed(void **state)
{
    uint8_t buf[16];
    uint64_t v[2] = { (uint64_t)-5, 999999999 };
    gstruct_store(arm, gs_timespec, buf, v);
    assert_int_equal(gstruct_size(arm, gs_timespec), 8);
    assert_int_equal(gstruct_size(arm, gs_timespec64), 16);
    uint64_t back[2];
    gstruct_load(arm, gs_timespec, buf, back);
    assert_int_equal((int64_t)back[0], -5);
    assert_int_equal(back[1], 999999999);
    assert_int_equal(gstruct_size(arm, gs_sysinfo(arm)), 64);
    assert_int_equal(gstruct_size(arm, gs_statx), 256);
    assert_int_equal(gstruct_size(arm, abi_flock64_layout(arm)), 32);
    assert_int_equal(gstruct_offset(arm, abi_flock64_layout(arm), FL_K_START), 8);
}

/* The host layout description agrees with the host's own struct stat. */
static void host_stat_layout(void **state)
{
    const struct gfield *lay = abi_stat_layout(&abi_host);
    assert_int_equal(gstruct_size(&abi_host, lay), sizeof(struct stat));
    assert_int_equal(gstruct_offset(&abi_host, lay, SK_NLINK), offsetof(struct stat, st_nlink));
    assert_int_equal(gstruct_offset(&abi_host, lay, SK_MODE), offsetof(struct stat, st_mode));
    assert_int_equal(gstruct_offset(&abi_host, lay, SK_SIZE), offsetof(struct stat, st_size));
    assert_int_equal(gstruct_offset(&abi_host, lay, SK_CTIME_NSEC),
                     offsetof(struct stat, st_ctim.tv_nsec));
}

static void arm_register_pairs(void **state)
{
    uint64_t a[6];
    /* pread64(fd, buf, count, off): the offset skips r3 for the even pair r4/r5 */
    const uint64_t pread_regs[6] = { 3, 0x1000, 64, 0xdead, 0x89abcdef, 0x01234567 };
    syscall_decode_args(arm, syscall_def_of(GSYS_pread64), pread_regs, a);
    assert_int_equal(a[0], 3);
    assert_int_equal(a[3], 0x0123456789abcdefull);
    /* ftruncate64(fd, len): r2/r3 */
    const uint64_t ftr_regs[6] = { 4, 0xdead, 0x10, 0x2 };
    syscall_decode_args(arm, syscall_def_of(GSYS_ftruncate64), ftr_regs, a);
    assert_int_equal(a[1], 0x200000010ull);
    /* ARM's fadvise64_64(fd, advice, off, len): no gaps */
    const uint64_t fadv_regs[6] = { 5, 4, 1, 0, 2, 0 };
    syscall_decode_args(arm, syscall_def_of(GSYS_arm_fadvise64_64), fadv_regs, a);
    assert_int_equal(a[1], 4);
    assert_int_equal(a[2], 1);
    assert_int_equal(a[3], 2);
    /* lseek's offset is a signed long */
    const uint64_t lseek_regs[6] = { 1, 0xffffffff, 2 };
    syscall_decode_args(arm, syscall_def_of(GSYS_lseek), lseek_regs, a);
    assert_int_equal((int64_t)a[1], -1);
    /* big-endian guests put the high word first */
    struct syscall_table be = *arm;
    be.big_endian = true;
    syscall_decode_args(&be, syscall_def_of(GSYS_pread64), pread_regs, a);
    assert_int_equal(a[3], 0x89abcdef01234567ull);
}

static void arm_sigsets(void **state)
{
    uint64_t words[4] = { 0x80000001, 0x3 };
    gsigset s;
    assert_int_equal(sigset_words(arm), 2);
    gsigset_from_words(arm, words, &s);
    assert_true(gsigset_has(&s, 1));
    assert_true(gsigset_has(&s, 32));
    assert_true(gsigset_has(&s, 33));
    assert_true(gsigset_has(&s, 34));
    assert_false(gsigset_has(&s, 35));
    uint64_t back[4] = { 0 };
    gsigset_to_words(arm, &s, back);
    assert_int_equal(back[0], 0x80000001);
    assert_int_equal(back[1], 3);
    assert_int_equal(gstruct_size(arm, abi_sigaction_layout(arm)), 20);
}

/* ---- against the guest's kernel headers ---- */

struct probe {
    char name[64];
    long value;
};
static struct probe *probes;
static size_t nprobes;

static int load_probes(const char *path)
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
        /* zero may be emitted as .space/.zero */
        bool zero = sscanf(line, " .space %ld", &v) == 1 || sscanf(line, " .zero %ld", &v) == 1;
        if (zero)
            v = 0;
        if (label[0] && (zero || sscanf(line, " .word %ld", &v) == 1 ||
                         sscanf(line, " .long %ld", &v) == 1 ||
                         sscanf(line, " .4byte %ld", &v) == 1)) {
            if (nprobes == cap) {
                cap = cap ? cap * 2 : 256;
                probes = realloc(probes, cap * sizeof *probes);
            }
            snprintf(probes[nprobes].name, sizeof probes[nprobes].name, "%s", label);
            probes[nprobes++].value = v;
        }
        label[0] = 0;
    }
    fclose(f);
    return 0;
}

static long probe(const char *name)
{
    for (size_t i = 0; i < nprobes; i++)
        if (!strcmp(probes[i].name, name))
            return probes[i].value;
    fail_msg("probe_%s missing from the probe file", name);
    return 0;
}

static void need_probes(void)
{
    if (!probes)
        skip();
}

/* A member's value, found at the header's offset after a store of distinct values. */
static void check_members(const struct syscall_table *abi, const struct gfield *lay,
                          const char *sname, const char *const *members, const unsigned *keys,
                          const unsigned *sizes, size_t n)
{
    char key[96];
    snprintf(key, sizeof key, "sizeof_%s", sname);
    size_t size = gstruct_size(abi, lay);
    assert_int_equal(size, probe(key));
    uint64_t vals[64];
    for (unsigned k = 0; k < 64; k++)
        vals[k] = 0x11 * (k + 1);
    uint8_t *buf = calloc(1, size);
    gstruct_store(abi, lay, buf, vals);
    for (size_t i = 0; i < n; i++) {
        snprintf(key, sizeof key, "%s_%s", sname, members[i]);
        long off = probe(key);
        uint64_t want = vals[keys[i]] & (sizes[i] == 8 ? ~0ull : (1ull << (sizes[i] * 8)) - 1);
        if (load_n(abi, buf + off, sizes[i]) != want)
            fail_msg("%s.%s: not at offset %ld", sname, members[i], off);
    }
    free(buf);
}

static void probe_layouts(void **state)
{
    need_probes();
    const struct syscall_table *abi = arm;
    unsigned w = abi->word_size;
    assert_int_equal(probe("word_size"), w);

    static const char *const st64[] = { "st_dev", "__st_ino", "st_mode", "st_nlink", "st_uid",
        "st_gid", "st_rdev", "st_size", "st_blksize", "st_blocks", "st_atime", "st_atime_nsec",
        "st_mtime", "st_mtime_nsec", "st_ctime", "st_ctime_nsec", "st_ino" };
    static const unsigned st64k[] = { SK_DEV, SK_INO, SK_MODE, SK_NLINK, SK_UID, SK_GID, SK_RDEV,
        SK_SIZE, SK_BLKSIZE, SK_BLOCKS, SK_ATIME, SK_ATIME_NSEC, SK_MTIME, SK_MTIME_NSEC,
        SK_CTIME, SK_CTIME_NSEC, SK_INO };
    static const unsigned st64s[] = { 8, 4, 4, 4, 4, 4, 8, 8, 4, 8, 4, 4, 4, 4, 4, 4, 8 };
    check_members(abi, abi_stat64_layout(abi), "stat64", st64, st64k, st64s, 17);

    static const char *const st[] = { "st_dev", "st_ino", "st_mode", "st_nlink", "st_uid",
        "st_gid", "st_rdev", "st_size", "st_blksize", "st_blocks", "st_atime", "st_atime_nsec",
        "st_mtime", "st_mtime_nsec", "st_ctime", "st_ctime_nsec" };
    static const unsigned stk[] = { SK_DEV, SK_INO, SK_MODE, SK_NLINK, SK_UID, SK_GID, SK_RDEV,
        SK_SIZE, SK_BLKSIZE, SK_BLOCKS, SK_ATIME, SK_ATIME_NSEC, SK_MTIME, SK_MTIME_NSEC,
        SK_CTIME, SK_CTIME_NSEC };
    static const unsigned sts[] = { 4, 4, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 };
    check_members(abi, abi_stat_layout(abi), "stat", st, stk, sts, 16);

    static const char *const sf[] = { "f_type", "f_blocks", "f_ffree", "f_fsid", "f_namelen",
                                      "f_flags" };
    static const unsigned sfk[] = { SF_K_TYPE, SF_K_BLOCKS, SF_K_FFREE, SF_K_FSID,
                                    SF_K_NAMELEN, SF_K_FLAGS };
    const unsigned sfs[] = { w, w, w, 4, w, w };
    check_members(abi, abi_statfs_layout(abi), "statfs", sf, sfk, sfs, 6);
    const unsigned sf64s[] = { w, 8, 8, 4, w, w };
    check_members(abi, abi_statfs64_layout(abi), "statfs64", sf, sfk, sf64s, 6);

    static const char *const fl[] = { "l_type", "l_whence", "l_start", "l_len", "l_pid" };
    static const unsigned flk[] = { FL_K_TYPE, FL_K_WHENCE, FL_K_START, FL_K_LEN, FL_K_PID };
    const unsigned fls[] = { 2, 2, w, w, 4 };
    check_members(abi, abi_flock_layout(abi), "flock", fl, flk, fls, 5);
    static const unsigned fl64s[] = { 2, 2, 8, 8, 4 };
    check_members(abi, abi_flock64_layout(abi), "flock64", fl, flk, fl64s, 5);

    static const char *const stx[] = { "stx_mask", "stx_mode", "stx_ino", "stx_atime",
        "stx_mtime", "stx_rdev_major", "stx_dev_minor", "stx_mnt_id" };
    static const unsigned stxk[] = { 0, 6, 8, 12, 21, 24, 27, 28 };
    static const unsigned stxs[] = { 4, 2, 8, 8, 8, 4, 4, 8 };
    check_members(abi, gs_statx, "statx", stx, stxk, stxs, 8);

    const struct abi_termios *t = abi_termios_facts(abi);
    static const char *const tio[] = { "c_iflag", "c_oflag", "c_cflag", "c_lflag", "c_line",
                                       "c_cc" };
    static const unsigned tiok[] = { TIO_K_IFLAG, TIO_K_OFLAG, TIO_K_CFLAG, TIO_K_LFLAG,
                                     TIO_K_LINE, TIO_K_CC };
    static const unsigned tios[] = { 4, 4, 4, 4, 1, 1 };
    check_members(abi, t->layout, "termios", tio, tiok, tios, 6);

    static const char *const iov[] = { "iov_len" };
    static const unsigned iovk[] = { 1 };
    const unsigned iovs[] = { w };
    check_members(abi, gs_iovec, "iovec", iov, iovk, iovs, 1);

    static const char *const ru[] = { "ru_stime", "ru_maxrss", "ru_nivcsw" };
    static const unsigned ruk[] = { 2, 4, 17 };
    const unsigned rus[] = { w, w, w };
    check_members(abi, gs_rusage, "rusage", ru, ruk, rus, 3);

    static const char *const si[] = { "totalram", "procs", "totalhigh", "mem_unit" };
    static const unsigned sik[] = { SI_K_TOTALRAM, SI_K_PROCS, SI_K_TOTALHIGH, SI_K_MEM_UNIT };
    const unsigned sis[] = { w, 2, w, 4 };
    check_members(abi, gs_sysinfo(abi), "sysinfo", si, sik, sis, 4);

    static const char *const pf[] = { "events", "revents" };
    static const unsigned pfk[] = { 1, 2 };
    static const unsigned pfs[] = { 2, 2 };
    check_members(abi, gs_pollfd, "pollfd", pf, pfk, pfs, 2);

    static const char *const ss[] = { "ss_flags", "ss_size" };
    static const unsigned ssk[] = { SS_K_FLAGS, SS_K_SIZE };
    const unsigned sss[] = { 4, w };
    check_members(abi, abi_stack_layout(abi), "stack_t", ss, ssk, sss, 2);

    assert_int_equal(gstruct_size(abi, gs_winsize), probe("sizeof_winsize"));
    assert_int_equal(gstruct_size(abi, gs_timespec64), probe("sizeof___kernel_timespec"));
    assert_int_equal(gstruct_size(abi, gs_timeval), probe("sizeof___kernel_old_timeval"));
    assert_int_equal(gstruct_size(abi, gs_rlimit), probe("sizeof_rlimit"));
    assert_int_equal(gstruct_size(abi, gs_rlimit64), probe("sizeof_rlimit64"));
}

struct named {
    const char *name;
    long host;              /* the host's (generic) value */
};

static const struct named oflags[] = {
    { "O_CREAT", O_CREAT }, { "O_EXCL", O_EXCL }, { "O_NOCTTY", O_NOCTTY },
    { "O_TRUNC", O_TRUNC }, { "O_APPEND", O_APPEND }, { "O_NONBLOCK", O_NONBLOCK },
    { "O_DSYNC", O_DSYNC }, { "FASYNC", O_ASYNC }, { "O_DIRECT", O_DIRECT },
    { "O_LARGEFILE", 0100000 }, { "O_DIRECTORY", O_DIRECTORY }, { "O_NOFOLLOW", O_NOFOLLOW },
    { "O_NOATIME", O_NOATIME }, { "O_CLOEXEC", O_CLOEXEC }, { "__O_SYNC", 04000000 },
    { "O_PATH", O_PATH }, { "__O_TMPFILE", 020000000 },
};

static const struct named fcntls[] = {
    { "F_DUPFD", F_DUPFD }, { "F_GETFD", F_GETFD }, { "F_SETFD", F_SETFD },
    { "F_GETFL", F_GETFL }, { "F_SETFL", F_SETFL }, { "F_GETLK", F_GETLK },
    { "F_SETLK", F_SETLK }, { "F_SETLKW", F_SETLKW }, { "F_SETOWN", F_SETOWN },
    { "F_GETOWN", F_GETOWN }, { "F_SETSIG", F_SETSIG }, { "F_GETSIG", F_GETSIG },
    { "F_GETLK64", 12 }, { "F_SETLK64", 13 }, { "F_SETLKW64", 14 },
    { "F_SETOWN_EX", F_SETOWN_EX }, { "F_GETOWN_EX", F_GETOWN_EX },
    { "F_OFD_GETLK", F_OFD_GETLK }, { "F_OFD_SETLK", F_OFD_SETLK },
    { "F_OFD_SETLKW", F_OFD_SETLKW },
};

static const struct named signals[] = {
    { "SIGHUP", SIGHUP }, { "SIGINT", SIGINT }, { "SIGQUIT", SIGQUIT }, { "SIGILL", SIGILL },
    { "SIGTRAP", SIGTRAP }, { "SIGABRT", SIGABRT }, { "SIGBUS", SIGBUS }, { "SIGFPE", SIGFPE },
    { "SIGKILL", SIGKILL }, { "SIGUSR1", SIGUSR1 }, { "SIGSEGV", SIGSEGV },
    { "SIGUSR2", SIGUSR2 }, { "SIGPIPE", SIGPIPE }, { "SIGALRM", SIGALRM },
    { "SIGTERM", SIGTERM }, { "SIGSTKFLT", SIGSTKFLT }, { "SIGCHLD", SIGCHLD },
    { "SIGCONT", SIGCONT }, { "SIGSTOP", SIGSTOP }, { "SIGTSTP", SIGTSTP },
    { "SIGTTIN", SIGTTIN }, { "SIGTTOU", SIGTTOU }, { "SIGURG", SIGURG },
    { "SIGXCPU", SIGXCPU }, { "SIGXFSZ", SIGXFSZ }, { "SIGVTALRM", SIGVTALRM },
    { "SIGPROF", SIGPROF }, { "SIGWINCH", SIGWINCH }, { "SIGIO", SIGIO }, { "SIGPWR", SIGPWR },
    { "SIGSYS", SIGSYS },
};

static const struct named sa_flags[] = {
    { "SA_NOCLDSTOP", SA_NOCLDSTOP }, { "SA_NOCLDWAIT", SA_NOCLDWAIT },
    { "SA_SIGINFO", SA_SIGINFO }, { "SA_ONSTACK", SA_ONSTACK }, { "SA_RESTART", SA_RESTART },
    { "SA_NODEFER", SA_NODEFER }, { "SA_RESETHAND", SA_RESETHAND },
    { "SA_RESTORER", 0x04000000 },
};

static const struct named mmap_flags[] = {
    { "MAP_SHARED", MAP_SHARED }, { "MAP_PRIVATE", MAP_PRIVATE }, { "MAP_FIXED", MAP_FIXED },
    { "MAP_ANONYMOUS", MAP_ANONYMOUS }, { "MAP_GROWSDOWN", MAP_GROWSDOWN },
    { "MAP_DENYWRITE", MAP_DENYWRITE }, { "MAP_EXECUTABLE", MAP_EXECUTABLE },
    { "MAP_LOCKED", MAP_LOCKED }, { "MAP_NORESERVE", MAP_NORESERVE },
    { "MAP_POPULATE", MAP_POPULATE }, { "MAP_NONBLOCK", MAP_NONBLOCK },
    { "MAP_STACK", MAP_STACK }, { "MAP_HUGETLB", MAP_HUGETLB },
};

static const struct named errnos[] = {
    { "EPERM", EPERM }, { "ENOENT", ENOENT }, { "ESRCH", ESRCH }, { "EINTR", EINTR },
    { "EIO", EIO }, { "ENXIO", ENXIO }, { "E2BIG", E2BIG }, { "ENOEXEC", ENOEXEC },
    { "EBADF", EBADF }, { "ECHILD", ECHILD }, { "EAGAIN", EAGAIN }, { "ENOMEM", ENOMEM },
    { "EACCES", EACCES }, { "EFAULT", EFAULT }, { "EBUSY", EBUSY }, { "EEXIST", EEXIST },
    { "EXDEV", EXDEV }, { "ENODEV", ENODEV }, { "ENOTDIR", ENOTDIR }, { "EISDIR", EISDIR },
    { "EINVAL", EINVAL }, { "ENFILE", ENFILE }, { "EMFILE", EMFILE }, { "ENOTTY", ENOTTY },
    { "EFBIG", EFBIG }, { "ENOSPC", ENOSPC }, { "ESPIPE", ESPIPE }, { "EROFS", EROFS },
    { "EMLINK", EMLINK }, { "EPIPE", EPIPE }, { "EDOM", EDOM }, { "ERANGE", ERANGE },
    { "EDEADLK", EDEADLK }, { "ENAMETOOLONG", ENAMETOOLONG }, { "ENOLCK", ENOLCK },
    { "ENOSYS", ENOSYS }, { "ENOTEMPTY", ENOTEMPTY }, { "ELOOP", ELOOP },
    { "ENOMSG", ENOMSG }, { "EIDRM", EIDRM }, { "ENOSTR", ENOSTR }, { "ENODATA", ENODATA },
    { "ETIME", ETIME }, { "EOVERFLOW", EOVERFLOW }, { "EILSEQ", EILSEQ },
    { "ENOTSOCK", ENOTSOCK }, { "EDESTADDRREQ", EDESTADDRREQ }, { "EMSGSIZE", EMSGSIZE },
    { "EPROTOTYPE", EPROTOTYPE }, { "ENOPROTOOPT", ENOPROTOOPT },
    { "EPROTONOSUPPORT", EPROTONOSUPPORT }, { "EOPNOTSUPP", EOPNOTSUPP },
    { "EAFNOSUPPORT", EAFNOSUPPORT }, { "EADDRINUSE", EADDRINUSE },
    { "EADDRNOTAVAIL", EADDRNOTAVAIL }, { "ENETDOWN", ENETDOWN },
    { "ENETUNREACH", ENETUNREACH }, { "ECONNABORTED", ECONNABORTED },
    { "ECONNRESET", ECONNRESET }, { "ENOBUFS", ENOBUFS }, { "EISCONN", EISCONN },
    { "ENOTCONN", ENOTCONN }, { "ETIMEDOUT", ETIMEDOUT }, { "ECONNREFUSED", ECONNREFUSED },
    { "EHOSTUNREACH", EHOSTUNREACH }, { "EALREADY", EALREADY },
    { "EINPROGRESS", EINPROGRESS }, { "ESTALE", ESTALE }, { "EDQUOT", EDQUOT },
    { "ECANCELED", ECANCELED }, { "EOWNERDEAD", EOWNERDEAD },
    { "ENOTRECOVERABLE", ENOTRECOVERABLE },
};

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

static const struct named rlimits[] = {
    { "RLIMIT_CPU", RLIMIT_CPU }, { "RLIMIT_FSIZE", RLIMIT_FSIZE },
    { "RLIMIT_DATA", RLIMIT_DATA }, { "RLIMIT_STACK", RLIMIT_STACK },
    { "RLIMIT_CORE", RLIMIT_CORE }, { "RLIMIT_RSS", RLIMIT_RSS },
    { "RLIMIT_NPROC", RLIMIT_NPROC }, { "RLIMIT_NOFILE", RLIMIT_NOFILE },
    { "RLIMIT_MEMLOCK", RLIMIT_MEMLOCK }, { "RLIMIT_AS", RLIMIT_AS },
};

#define EACH(t) for (size_t i = 0; i < sizeof(t) / sizeof((t)[0]); i++)

static void check_equal(const char *what, const char *name, long ours, long theirs)
{
    if (ours != theirs)
        fail_msg("%s %s: table says %#lx, the guest's headers %#lx", what, name, ours, theirs);
}

static void probe_values(void **state)
{
    need_probes();
    const struct syscall_table *abi = arm;
    EACH(oflags) {
        long g = probe(oflags[i].name);
        check_equal("open flag", oflags[i].name,
                    abi_oflags_from_host(abi, (uint32_t)oflags[i].host), g);
        check_equal("open flag (back)", oflags[i].name, abi_oflags_to_host(abi, (uint32_t)g),
                    oflags[i].host);
    }
    EACH(fcntls)
        check_equal("fcntl", fcntls[i].name,
                    abi_fcntl_cmd_to_host(abi, (int)probe(fcntls[i].name)), fcntls[i].host);
    EACH(signals) {
        long g = probe(signals[i].name);
        check_equal("signal", signals[i].name, abi_sig_from_host(abi, (int)signals[i].host), g);
        check_equal("signal (back)", signals[i].name, abi_sig_to_host(abi, (int)g),
                    signals[i].host);
    }
    EACH(sa_flags)
        check_equal("sa_flag", sa_flags[i].name,
                    (long)abi_sa_flags_from_host(abi, (uint32_t)sa_flags[i].host),
                    (long)(uint32_t)probe(sa_flags[i].name));
    check_equal("how", "SIG_BLOCK", abi_sig_how_to_host(abi, (int)probe("SIG_BLOCK")), SIG_BLOCK);
    check_equal("how", "SIG_UNBLOCK", abi_sig_how_to_host(abi, (int)probe("SIG_UNBLOCK")),
                SIG_UNBLOCK);
    check_equal("how", "SIG_SETMASK", abi_sig_how_to_host(abi, (int)probe("SIG_SETMASK")),
                SIG_SETMASK);
    check_equal("value", "MINSIGSTKSZ", abi->minsigstksz, probe("MINSIGSTKSZ"));
    EACH(mmap_flags)
        check_equal("mmap flag", mmap_flags[i].name,
                    abi_mmap_flags_to_host(abi, (uint32_t)probe(mmap_flags[i].name)),
                    mmap_flags[i].host);
    EACH(errnos)
        check_equal("errno", errnos[i].name, abi_errno_from_host(abi, (int)errnos[i].host),
                    probe(errnos[i].name));
    EACH(ioctls)
        check_equal("ioctl", ioctls[i].name,
                    (long)abi_ioctl_to_host(abi, (uint32_t)probe(ioctls[i].name)),
                    (long)(uint32_t)ioctls[i].host);
    EACH(rlimits)
        check_equal("rlimit", rlimits[i].name,
                    abi_rlimit_to_host(abi, (int)probe(rlimits[i].name)), rlimits[i].host);
}

static void probe_termios(void **state)
{
    need_probes();
    const struct abi_termios *t = abi_termios_facts(arm);
    assert_int_equal(t->ncc, probe("NCCS"));
    static const struct named cc[] = {
        { "VINTR", VINTR }, { "VQUIT", VQUIT }, { "VERASE", VERASE }, { "VKILL", VKILL },
        { "VEOF", VEOF }, { "VTIME", VTIME }, { "VMIN", VMIN }, { "VSTART", VSTART },
        { "VSTOP", VSTOP }, { "VSUSP", VSUSP }, { "VEOL", VEOL }, { "VEOL2", VEOL2 },
    };
    EACH(cc) {
        long ours = t->cc_index ? t->cc_index[cc[i].host] : cc[i].host;
        check_equal("c_cc index", cc[i].name, ours, probe(cc[i].name));
    }
    check_equal("lflag", "ICANON", abi_bits_to_guest(t->lflag, ICANON), probe("ICANON"));
    check_equal("lflag", "ECHO", abi_bits_to_guest(t->lflag, ECHO), probe("ECHO"));
    check_equal("lflag", "ISIG", abi_bits_to_guest(t->lflag, ISIG), probe("ISIG"));
    check_equal("lflag", "IEXTEN", abi_bits_to_guest(t->lflag, IEXTEN), probe("IEXTEN"));
    check_equal("iflag", "ICRNL", abi_bits_to_guest(t->iflag, ICRNL), probe("ICRNL"));
    check_equal("iflag", "IXON", abi_bits_to_guest(t->iflag, IXON), probe("IXON"));
    check_equal("oflag", "OPOST", abi_bits_to_guest(t->oflag, OPOST), probe("OPOST"));
    check_equal("oflag", "ONLCR", abi_bits_to_guest(t->oflag, ONLCR), probe("ONLCR"));
    check_equal("cflag", "CS8", abi_bits_to_guest(t->cflag, CS8), probe("CS8"));
    check_equal("cflag", "CREAD", abi_bits_to_guest(t->cflag, CREAD), probe("CREAD"));
    check_equal("cflag", "CLOCAL", abi_bits_to_guest(t->cflag, CLOCAL), probe("CLOCAL"));
    check_equal("cflag", "B38400", abi_bits_to_guest(t->cflag, B38400), probe("B38400"));
}

static void probe_numbers(void **state)
{
    need_probes();
    const struct sysnum_map *m = arm->numbers;
    assert_int_equal(sysnum_lookup(m, probe("nr_read")), GSYS_read);
    assert_int_equal(sysnum_lookup(m, probe("nr_openat")), GSYS_openat);
    assert_int_equal(sysnum_lookup(m, probe("nr_fstat64")), GSYS_fstat64);
    assert_int_equal(sysnum_lookup(m, probe("nr_statx")), GSYS_statx);
    assert_int_equal(sysnum_lookup(m, probe("nr_clock_gettime64")), GSYS_clock_gettime64);
    assert_int_equal(sysnum_lookup(m, probe("nr_exit_group")), GSYS_exit_group);
    assert_int_equal(sysnum_lookup(m, probe("nr_mmap2")), GSYS_mmap2);
    assert_int_equal(sysnum_lookup(m, probe("nr__llseek")), GSYS__llseek);
    assert_int_equal(sysnum_lookup(m, probe("nr_sync_file_range2")), GSYS_sync_file_range2);
}

int main(void)
{
    arm = syscall_table_by_name("arm");
    if (!arm)
        return 1;
    const char *path = getenv("SYSCALL_PROBE_arm");
    if (path && *path && load_probes(path) < 0) {
        fprintf(stderr, "cannot read the probe file %s\n", path);
        return 1;
    }
    if (!probes)
        fprintf(stderr, "test_syscall_abi: no ARM cross compiler: the checks against the "
                        "guest's kernel headers are SKIPPED\n");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arm_numbers),
        cmocka_unit_test(arm_open_flags),
        cmocka_unit_test(generic_value_maps),
        cmocka_unit_test(arm_stat64_layout),
        cmocka_unit_test(big_endian_stat64),
        cmocka_unit_test(old_stat_overflow),
        cmocka_unit_test(structs_load_signed),
        cmocka_unit_test(host_stat_layout),
        cmocka_unit_test(arm_register_pairs),
        cmocka_unit_test(arm_sigsets),
        cmocka_unit_test(probe_layouts),
        cmocka_unit_test(probe_values),
        cmocka_unit_test(probe_termios),
        cmocka_unit_test(probe_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
