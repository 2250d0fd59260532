/* -L prefix lookup (qemu-user's rule) and the /proc/self/exe alias. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "syscall/mmap.h"
#include "syscall/path.h"
#include "tcg/page.h"

static char root[64];

static void touch(const char *rel)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s%s", root, rel);
    FILE *f = fopen(p, "w");
    if (f)
        fclose(f);
}

static int setup(void **state)
{
    snprintf(root, sizeof root, "/tmp/crossrun-path-XXXXXX");
    if (!mkdtemp(root))
        return -1;
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/etc", root);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/lib", root);
    mkdir(p, 0755);
    touch("/etc/only-in-prefix");
    touch("/lib/ld-linux-armhf.so.3");
    /* a dangling symlink is still the guest's file */
    snprintf(p, sizeof p, "%s/lib/dangling", root);
    if (symlink("/nonexistent/target", p) < 0)
        return -1;
    return path_init(root, "/opt/guest/prog");
}

static int teardown(void **state)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void expect_prefixed(const char *guest)
{
    char out[PATH_MAX], want[PATH_MAX];
    snprintf(want, sizeof want, "%s%s", root, guest);
    assert_string_equal(path_host(guest, out, sizeof out), want);
}

static void prefix_first(void **state)
{
    expect_prefixed("/etc/only-in-prefix");
    expect_prefixed("/lib/ld-linux-armhf.so.3");
    expect_prefixed("/lib/dangling");
    expect_prefixed("/etc");
}

static void host_fallback(void **state)
{
    char out[PATH_MAX];
    /* missing under the prefix: the host's file (or the name to create on the host) */
    assert_string_equal(path_host("/etc/hostname-not-in-prefix", out, sizeof out),
                        "/etc/hostname-not-in-prefix");
    assert_string_equal(path_host("/tmp/new-file", out, sizeof out), "/tmp/new-file");
    /* relative names are never touched */
    assert_string_equal(path_host("etc/only-in-prefix", out, sizeof out), "etc/only-in-prefix");
    assert_string_equal(path_host("", out, sizeof out), "");
}

static void proc_self_exe(void **state)
{
    char out[PATH_MAX], own[64];
    assert_string_equal(path_host("/proc/self/exe", out, sizeof out), "/opt/guest/prog");
    snprintf(own, sizeof own, "/proc/%d/exe", (int)getpid());
    assert_string_equal(path_host(own, out, sizeof out), "/opt/guest/prog");
    assert_true(path_is_proc_exe(own));
    assert_false(path_is_proc_exe("/proc/1/exe") && getpid() != 1);
    assert_false(path_is_proc_exe("/proc/self/exe2"));
    assert_false(path_is_proc_exe("/proc/self/maps"));
    assert_string_equal(path_exe(), "/opt/guest/prog");
}

static void no_prefix(void **state)
{
    char out[PATH_MAX];
    assert_int_equal(path_init(NULL, NULL), 0);
    assert_string_equal(path_host("/etc/only-in-prefix", out, sizeof out), "/etc/only-in-prefix");
    /* "/" as the prefix is the host itself */
    assert_int_equal(path_init("/", NULL), 0);
    assert_string_equal(path_host("/etc/passwd", out, sizeof out), "/etc/passwd");
    /* a trailing slash on the prefix does not double */
    char slashed[PATH_MAX + 2];
    snprintf(slashed, sizeof slashed, "%s/", root);
    assert_int_equal(path_init(slashed, "/opt/guest/prog"), 0);
    expect_prefixed("/etc/only-in-prefix");
}

/* path_get reads the name from guest memory first. */
static void from_guest_memory(void **state)
{
    assert_int_equal(guest_space_init(32, 12, 0, 0), 0);
    guest_mmap_init(0xb7000000ull, 0xbf000000ull);
    int64_t a = guest_mmap(0x10000, 0x2000, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    assert_int_equal(a, 0x10000);
    strcpy(g2h(0x10000), "/etc/only-in-prefix");
    struct path_buf pb;
    int err = 0;
    const char *p = path_get(&pb, 0x10000, 0, &err);
    assert_non_null(p);
    assert_string_equal(pb.guest, "/etc/only-in-prefix");
    char want[PATH_MAX];
    snprintf(want, sizeof want, "%s/etc/only-in-prefix", root);
    assert_string_equal(p, want);
    /* an unmapped name is EFAULT, an empty one ENOENT (unless allowed) */
    assert_null(path_get(&pb, 0x40000000, 0, &err));
    assert_int_equal(err, -14);
    *(char *)g2h(0x10100) = 0;
    assert_null(path_get(&pb, 0x10100, 0, &err));
    assert_int_equal(err, -2);
    assert_non_null(path_get(&pb, 0x10100, 1, &err));
    /* a name running into an unmapped page is EFAULT, not a crash */
    memset(g2h(0x11000), 'a', 0x1000);
    assert_null(path_get(&pb, 0x11800, 0, &err));
    assert_int_equal(err, -14);
    /* ... unless PATH_MAX bytes came first: then it is too long */
    assert_null(path_get(&pb, 0x11000, 0, &err));
    assert_int_equal(err, -36);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prefix_first),
        cmocka_unit_test(host_fallback),
        cmocka_unit_test(proc_self_exe),
        cmocka_unit_test(no_prefix),
        cmocka_unit_test(from_guest_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
