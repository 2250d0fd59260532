/* -strace formatting: decoded arguments (strings, flags by name, signals, AT_FDCWD)
 * from raw ARM registers, and results. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/mman.h>

#include "syscall/abi-tables.h"
#include "syscall/mmap.h"
#include "syscall/strace.h"
#include "syscall/syscall.h"
#include "tcg/page.h"

static const struct syscall_table *arm;

/* Formats a call the way the dispatcher does: ARM number and raw registers. */
static const char *call(int64_t nr, uint64_t r0, uint64_t r1, uint64_t r2, uint64_t r3,
                        uint64_t r4, uint64_t r5)
{
    static char buf[512];
    const uint64_t raw[6] = { r0, r1, r2, r3, r4, r5 };
    uint64_t a[6];
    enum gsys g = sysnum_lookup(arm->numbers, nr);
    const struct syscall_def *d = g ? syscall_def_of(g) : NULL;
    syscall_decode_args(arm, d, raw, a);
    strace_format_call(buf, sizeof buf, arm, g, nr, d, a);
    return buf;
}

static const char *result(enum gsys g, int64_t ret)
{
    static char buf[128];
    strace_format_result(buf, sizeof buf, arm, syscall_def_of(g), ret);
    return buf;
}

static int setup(void **state)
{
    arm = syscall_table_by_name("arm");
    if (!arm || guest_space_init(32, 12, 0, 0) < 0)
        return -1;
    guest_mmap_init(0xb7000000ull, 0xbf000000ull);
    if (guest_mmap(0x10000, 0x1000, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != 0x10000)
        return -1;
    strcpy(g2h(0x10000), "/etc/passwd");
    memcpy(g2h(0x10100), "hi\n\001\"", 5);
    memset(g2h(0x10200), 'x', 40);
    return 0;
}

static void openat_line(void **state)
{
    /* openat = 322; AT_FDCWD arrives as a 32-bit register */
    assert_string_equal(call(322, 0xffffff9c, 0x10000, 02000000, 0, 0, 0),
                        "openat(AT_FDCWD,\"/etc/passwd\",O_RDONLY|O_CLOEXEC,0)");
    /* ARM's own O_DIRECTORY/O_NOFOLLOW bits are named after translation */
    assert_string_equal(call(322, 3, 0x10000, 040000 | 0100000 | 0400000, 0, 0, 0),
                        "openat(3,\"/etc/passwd\",O_RDONLY|O_LARGEFILE|O_DIRECTORY|O_NOFOLLOW,0)");
    assert_string_equal(call(5, 0x10000, 0101 | 01000, 0644, 0, 0, 0),
                        "open(\"/etc/passwd\",O_WRONLY|O_CREAT|O_TRUNC,0644)");
    /* a name the guest cannot read prints as its address */
    assert_string_equal(call(5, 0x50000000, 0, 0, 0, 0, 0),
                        "open(0x50000000,O_RDONLY,0)");
}

static void write_line(void **state)
{
    assert_string_equal(call(4, 1, 0x10100, 5, 0, 0, 0), "write(1,\"hi\\n\\1\\\"\",5)");
    assert_string_equal(call(4, 1, 0x10200, 40, 0, 0, 0),
                        "write(1,\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"...,40)");
    assert_string_equal(call(3, 0, 0x10300, 64, 0, 0, 0), "read(0,0x10300,64)");
}

static void mmap_line(void **state)
{
    assert_string_equal(call(192, 0, 8192, 3, 0x22, 0xffffffff, 0),
                        "mmap2(NULL,8192,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0)");
    assert_string_equal(call(125, 0x10000, 4096, 0, 0, 0, 0),
                        "mprotect(0x10000,4096,PROT_NONE)");
    assert_string_equal(result(GSYS_mmap2, 0xb6ffe000), " = 0xb6ffe000");
}

static void misc_lines(void **state)
{
    assert_string_equal(call(37, 123, 10, 0, 0, 0, 0), "kill(123,SIGUSR1)");
    assert_string_equal(call(175, 0, 0x10300, 0, 8, 0, 0),
                        "rt_sigprocmask(SIG_BLOCK,0x10300,NULL,8)");
    assert_string_equal(call(327, 0xffffff9c, 0x10000, 0x10300, 0x100, 0, 0),
                        "fstatat64(AT_FDCWD,\"/etc/passwd\",0x10300,AT_SYMLINK_NOFOLLOW)");
    assert_string_equal(call(403, 1, 0x10300, 0, 0, 0, 0),
                        "clock_gettime64(CLOCK_MONOTONIC,0x10300)");
    assert_string_equal(call(19, 3, 0xfffffff6, 2, 0, 0, 0), "lseek(3,-10,SEEK_END)");
    assert_string_equal(call(221, 3, 4, 0x800, 0, 0, 0), "fcntl64(3,F_SETFL,0x800)");
    assert_string_equal(call(54, 1, 0x5401, 0x10300, 0, 0, 0), "ioctl(1,TCGETS,0x10300)");
    assert_string_equal(call(248, 3, 0, 0, 0, 0, 0), "exit_group(3)");
    assert_string_equal(call(359, 0x10300, 02004000, 0, 0, 0, 0),
                        "pipe2(0x10300,O_NONBLOCK|O_CLOEXEC)");
    assert_string_equal(call(358, 3, 4, 0, 0, 0, 0), "dup3(3,4,0)");
    /* pread64's offset comes from the r4/r5 pair */
    assert_string_equal(call(180, 3, 0x10300, 16, 0, 0x1000, 1),
                        "pread64(3,0x10300,16,4294971392)");
}

static void unknown_lines(void **state)
{
    /* ARM private calls and numbers no ABI defines: raw words */
    assert_string_equal(call(0xf0005, 0x1234, 0, 0, 0, 0, 0),
                        "syscall_0xf0005(0x1234,0,0,0,0,0)");
    /* defined by the ABI, not implemented here: named, raw words */
    assert_string_equal(call(450, 1, 2, 3, 4, 5, 6),
                        "set_mempolicy_home_node(0x1,0x2,0x3,0x4,0x5,0x6)");
}

static void results(void **state)
{
    assert_string_equal(result(GSYS_openat, 3), " = 3");
    assert_string_equal(result(GSYS_openat, -2), " = -1 errno=2 (No such file or directory)");
    assert_string_equal(result(GSYS_read, -14), " = -1 errno=14 (Bad address)");
    assert_string_equal(result(GSYS_NONE, -38), " = -1 errno=38 (Function not implemented)");
}

static void truncation(void **state)
{
    char small[16];
    const uint64_t a[6] = { (uint64_t)-100, 0x10000, 0, 0 };
    size_t n = strace_format_call(small, sizeof small, arm, GSYS_openat, 322,
                                  syscall_def_of(GSYS_openat), a);
    assert_int_equal(n, 15);
    assert_int_equal(strlen(small), 15);
    assert_memory_equal(small, "openat(AT_FDCWD", 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(openat_line),
        cmocka_unit_test(write_line),
        cmocka_unit_test(mmap_line),
        cmocka_unit_test(misc_lines),
        cmocka_unit_test(unknown_lines),
        cmocka_unit_test(results),
        cmocka_unit_test(truncation),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
