/* Guest mmap/munmap/mprotect/mremap/brk semantics (syscall/mmap.c) in a 32-bit window
 * laid out like ARM Linux: mmap_base 0xb7000000, task size 0xbf000000. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "syscall/mmap.h"
#include "tcg/page.h"

#define MMAP_BASE 0xb7000000ull
#define TASK_SIZE 0xbf000000ull
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)
#define F_RW (PAGE_VALID | PAGE_READ | PAGE_WRITE)

static int setup(void **state)
{
    int r = guest_space_init(32, 12, 0, 0);
    guest_mmap_init(MMAP_BASE, TASK_SIZE);
    return r;
}

static const char *host_perms(uint64_t gaddr)
{
    static char perms[8];
    uintptr_t p = (uintptr_t)g2h(gaddr);
    FILE *f = fopen("/proc/self/maps", "r");
    unsigned long lo, hi;
    perms[0] = 0;
    while (f && fscanf(f, "%lx-%lx %7s%*[^\n]", &lo, &hi, perms) == 3) {
        if (p >= lo && p < hi)
            break;
        perms[0] = 0;
    }
    if (f)
        fclose(f);
    return perms;
}

static bool all_zero(uint64_t addr, size_t len)
{
    const unsigned char *p = g2h(addr);
    for (size_t i = 0; i < len; i++)
        if (p[i])
            return false;
    return true;
}

static void anonymous_top_down(void **state)
{
    int64_t a = guest_mmap(0, 0x3000, RW, ANON, -1, 0);
    assert_int_equal(a, MMAP_BASE - 0x3000);
    assert_int_equal(page_get_flags(a), F_RW | PAGE_ANON);
    assert_true(all_zero(a, 0x3000));
    memset(g2h(a), 0x5a, 0x3000);
    int64_t b = guest_mmap(0, 100, PROT_READ, ANON, -1, 0);
    assert_int_equal(b, a - 0x1000);
    assert_int_equal(page_get_flags(b), PAGE_VALID | PAGE_READ | PAGE_ANON);
    assert_string_equal(host_perms(b), "r--p");
    /* Execute-only pages stay readable on the host: the translator reads them. */
    int64_t x = guest_mmap(0, 0x1000, PROT_EXEC, ANON, -1, 0);
    assert_int_equal(page_get_flags(x), PAGE_VALID | PAGE_EXEC | PAGE_ANON);
    assert_string_equal(host_perms(x), "r--p");
    int64_t n = guest_mmap(0, 0x1000, PROT_NONE, ANON, -1, 0);
    assert_int_equal(page_get_flags(n), PAGE_VALID | PAGE_ANON);
    /* A gap left by munmap is reused before going lower. */
    assert_int_equal(guest_munmap(b, 0x1000), 0);
    assert_int_equal(guest_mmap(0, 0x1000, RW, ANON, -1, 0), b);
}

static void hints(void **state)
{
    assert_int_equal(guest_mmap(0x40000000, 0x2000, RW, ANON, -1, 0), 0x40000000);
    /* Taken: the hint is ignored, not an error. */
    int64_t r = guest_mmap(0x40001000, 0x1000, RW, ANON, -1, 0);
    assert_int_equal(r, MMAP_BASE - 0x1000);
    /* Unaligned hints round up; hints above the task size are ignored. */
    assert_int_equal(guest_mmap(0x50000123, 0x1000, RW, ANON, -1, 0), 0x50001000);
    r = guest_mmap(0xc0000000, 0x1000, RW, ANON, -1, 0);
    assert_true(r > 0 && (uint64_t)r < TASK_SIZE);
    /* Page zero is never handed out for a hint. */
    r = guest_mmap(0x1000, 0x1000, RW, ANON, -1, 0);
    assert_true(r >= 0x10000);
}

static void fixed(void **state)
{
    int64_t a = guest_mmap(0x40000000, 0x3000, RW, ANON | MAP_FIXED, -1, 0);
    assert_int_equal(a, 0x40000000);
    memset(g2h(a), 1, 0x3000);
    /* MAP_FIXED replaces: fresh zero page in the middle. */
    assert_int_equal(guest_mmap(0x40001000, 0x1000, PROT_READ, ANON | MAP_FIXED, -1, 0),
                     0x40001000);
    assert_true(all_zero(0x40001000, 0x1000));
    assert_int_equal(*(char *)g2h(0x40000000), 1);
    assert_int_equal(page_get_flags(0x40001000), PAGE_VALID | PAGE_READ | PAGE_ANON);
    assert_int_equal(guest_mmap(0x40001000, 0x1000, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
                     -EEXIST);
    assert_int_equal(guest_mmap(0x40003000, 0x1000, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0),
                     0x40003000);
    /* Above the task size but inside the window: special pages live there. */
    assert_int_equal(guest_mmap(0xffff0000, 0x1000, PROT_READ, ANON | MAP_FIXED, -1, 0),
                     0xffff0000);
    /* Errors. */
    assert_int_equal(guest_mmap(0x40000123, 0x1000, RW, ANON | MAP_FIXED, -1, 0), -EINVAL);
    assert_int_equal(guest_mmap(0xfffff000, 0x2000, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM);
    assert_int_equal(guest_mmap(0, 0, RW, ANON, -1, 0), -EINVAL);
    assert_int_equal(guest_mmap(0, 0x1000, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);
    assert_int_equal(guest_mmap(0, (uint64_t)-1, RW, ANON, -1, 0), -ENOMEM);
    assert_int_equal(guest_mmap(0, 0x200000000ull, RW, ANON, -1, 0), -ENOMEM);
    assert_int_equal(guest_mmap(0, 0x1000, RW, MAP_PRIVATE, 12345, 0), -EBADF);
    assert_int_equal(guest_mmap(0x40000000, 0x1000, RW, MAP_PRIVATE | MAP_FIXED, 12345, 0),
                     -EBADF);
    /* ... and a failed MAP_FIXED leaves the old mapping alone. */
    assert_int_equal(*(char *)g2h(0x40000000), 1);
    assert_int_equal(page_get_flags(0x40000000), F_RW | PAGE_ANON);
}

static int temp_file(size_t size, unsigned char fill)
{
    char path[] = "/tmp/crossrun-mmap-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    unsigned char *buf = malloc(size);
    for (size_t i = 0; i < size; i++)
        buf[i] = (unsigned char)(fill + i / 4096);
    assert_int_equal(write(fd, buf, size), (ssize_t)size);
    free(buf);
    return fd;
}

static void file_mappings(void **state)
{
    int fd = temp_file(5000, 0x10);
    int64_t a = guest_mmap(0, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
    assert_true(a > 0);
    assert_int_equal(page_get_flags(a), PAGE_VALID | PAGE_READ);     /* not anonymous */
    const unsigned char *p = g2h(a);
    assert_int_equal(p[0], 0x10);
    assert_int_equal(p[4096], 0x11);
    assert_int_equal(p[4999], 0x11);
    /* The rest of the last file page reads as zeros, as on Linux. */
    assert_true(all_zero(a + 5000, 8192 - 5000));
    /* Offsets are bytes and must be page-aligned. */
    int64_t b = guest_mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
    assert_int_equal(*(unsigned char *)g2h(b), 0x11);
    assert_int_equal(guest_mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 100), -EINVAL);
    /* Shared writable mappings need a writable file. */
    int rfd = dup(fd);
    int64_t s = guest_mmap(0, 4096, RW, MAP_SHARED, rfd, 0);
    assert_true(s > 0);
    *(unsigned char *)g2h(s) = 0x99;
    unsigned char c;
    assert_int_equal(pread(fd, &c, 1, 0), 1);
    assert_int_equal(c, 0x99);
    close(rfd);
    close(fd);
}

static void munmap_keeps_reservation(void **state)
{
    int64_t a = guest_mmap(0, 0x4000, RW, ANON, -1, 0);
    assert_int_equal(guest_munmap(a + 0x1000, 0x2000), 0);
    assert_int_equal(page_get_flags(a), F_RW | PAGE_ANON);
    assert_int_equal(page_get_flags(a + 0x1000), 0);
    assert_int_equal(page_get_flags(a + 0x2fff), 0);
    assert_int_equal(page_get_flags(a + 0x3000), F_RW | PAGE_ANON);
    assert_string_equal(host_perms(a + 0x1000), "---p");
    /* Lengths round up; unmapping nothing is fine; bad arguments are not. */
    assert_int_equal(guest_munmap(a + 0x3000, 1), 0);
    assert_int_equal(page_get_flags(a + 0x3000), 0);
    assert_int_equal(guest_munmap(0x20000000, 0x1000), 0);
    assert_int_equal(guest_munmap(a + 1, 0x1000), -EINVAL);
    assert_int_equal(guest_munmap(a, 0), -EINVAL);
    assert_int_equal(guest_munmap(0xfffff000, 0x2000), -EINVAL);
}

static void mprotect_semantics(void **state)
{
    int64_t a = guest_mmap(0, 0x3000, RW, ANON, -1, 0);
    assert_int_equal(guest_mprotect(a, 0x1000, PROT_READ), 0);
    assert_int_equal(page_get_flags(a), PAGE_VALID | PAGE_READ | PAGE_ANON);
    assert_string_equal(host_perms(a), "r--p");
    assert_string_equal(host_perms(a + 0x1000), "rw-p");
    assert_int_equal(guest_mprotect(a, 0x3000, PROT_READ | PROT_EXEC), 0);
    assert_int_equal(page_get_flags(a + 0x2000),
                     PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_ANON);
    /* Holes: ENOMEM. Bad arguments: EINVAL. Empty: fine. */
    assert_int_equal(guest_mprotect(a, 0x4000, PROT_READ), -ENOMEM);
    assert_int_equal(guest_mprotect(a + 2, 0x1000, PROT_READ), -EINVAL);
    assert_int_equal(guest_mprotect(a, 0x1000, 0x100), -EINVAL);
    assert_int_equal(guest_mprotect(a, 0, PROT_READ), 0);

    /* Code pages: the guest's PROT_WRITE is recorded, the host page stays read-only. */
    page_protect_code(a);
    assert_int_equal(guest_mprotect(a, 0x1000, RW | PROT_EXEC), 0);
    assert_int_equal(page_get_flags(a), F_RW | PAGE_EXEC | PAGE_ANON | PAGE_CODE);
    assert_string_equal(host_perms(a), "r--p");
    assert_true(page_unprotect(a));
    assert_string_equal(host_perms(a), "rw-p");
    *(char *)g2h(a) = 7;

    assert_true(guest_access_ok(a, 0x1000, PROT_WRITE));
    assert_false(guest_access_ok(a, 0x1001, PROT_WRITE));
    assert_true(guest_access_ok(a + 0x1000, 0x2000, PROT_READ | PROT_EXEC));
    assert_false(guest_access_ok(a + 0x3000, 1, PROT_READ));
    assert_false(guest_access_ok(0xffffffff, 2, PROT_READ));
}

static void mremap_semantics(void **state)
{
    /* Grow in place into free pages: contents kept, new part zero. */
    assert_int_equal(guest_mmap(0x40000000, 0x2000, RW, ANON | MAP_FIXED, -1, 0), 0x40000000);
    memset(g2h(0x40000000), 3, 0x2000);
    assert_int_equal(guest_mremap(0x40000000, 0x2000, 0x4000, 0, 0), 0x40000000);
    assert_int_equal(page_get_flags(0x40003000), F_RW | PAGE_ANON);
    assert_int_equal(*(char *)g2h(0x40001fff), 3);
    assert_true(all_zero(0x40002000, 0x2000));

    /* Blocked: without MAYMOVE it fails, with it the data moves. */
    assert_int_equal(guest_mmap(0x40004000, 0x1000, PROT_READ, ANON | MAP_FIXED, -1, 0),
                     0x40004000);
    assert_int_equal(guest_mremap(0x40000000, 0x4000, 0x8000, 0, 0), -ENOMEM);
    int64_t m = guest_mremap(0x40000000, 0x4000, 0x8000, MREMAP_MAYMOVE, 0);
    assert_true(m > 0 && m != 0x40000000);
    assert_int_equal(*(char *)g2h(m + 0x1fff), 3);
    assert_int_equal(page_get_flags(m + 0x7000), F_RW | PAGE_ANON);
    assert_int_equal(page_get_flags(0x40000000), 0);
    assert_string_equal(host_perms(0x40000000), "---p");
    assert_string_equal(host_perms(m), "rw-p");

    /* Shrink: the tail is unmapped. */
    assert_int_equal(guest_mremap(m, 0x8000, 0x3000, 0, 0), m);
    assert_int_equal(page_get_flags(m + 0x3000), 0);
    assert_int_equal(page_get_flags(m + 0x2000), F_RW | PAGE_ANON);

    /* MREMAP_FIXED to a chosen address, replacing what was there. */
    assert_int_equal(guest_mremap(m, 0x3000, 0x3000, MREMAP_MAYMOVE | MREMAP_FIXED,
                                  0x40004000), 0x40004000);
    assert_int_equal(*(char *)g2h(0x40005fff), 3);
    assert_int_equal(page_get_flags(0x40004000), F_RW | PAGE_ANON);
    assert_int_equal(page_get_flags(m), 0);

    /* File mappings grow in place through the host's mremap. */
    int fd = temp_file(3 * 4096, 0x20);
    assert_int_equal(guest_mmap(0x50000000, 0x1000, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0),
                     0x50000000);
    assert_int_equal(guest_mremap(0x50000000, 0x1000, 0x3000, 0, 0), 0x50000000);
    assert_int_equal(*(unsigned char *)g2h(0x50002000), 0x22);
    assert_int_equal(page_get_flags(0x50002000), PAGE_VALID | PAGE_READ);
    close(fd);

    /* Errors. */
    assert_int_equal(guest_mremap(0x60000000, 0x1000, 0x2000, MREMAP_MAYMOVE, 0), -EFAULT);
    assert_int_equal(guest_mremap(0x40004001, 0x1000, 0x2000, 0, 0), -EINVAL);
    assert_int_equal(guest_mremap(0x40004000, 0x1000, 0, 0, 0), -EINVAL);
    assert_int_equal(guest_mremap(0x40004000, 0x1000, 0x2000, MREMAP_FIXED, 0x70000000),
                     -EINVAL);
    assert_int_equal(guest_mremap(0x40004000, 0x3000, 0x3000, MREMAP_MAYMOVE | MREMAP_FIXED,
                                  0x40005000), -EINVAL);     /* overlapping */
    /* Mixed protections are not one mapping. */
    assert_int_equal(guest_mprotect(0x40005000, 0x1000, PROT_READ), 0);
    assert_int_equal(guest_mremap(0x40004000, 0x3000, 0x1000, 0, 0), -EFAULT);
}

static void brk_semantics(void **state)
{
    guest_brk_init(0x20000);
    assert_int_equal(guest_brk(0), 0x20000);
    assert_int_equal(guest_brk(0x20100), 0x20100);
    assert_int_equal(page_get_flags(0x20000), F_RW | PAGE_ANON);
    memset(g2h(0x20000), 9, 0x1000);         /* also past the break, inside the page */
    /* Shrinking within the page keeps it; growing again reads zeros. */
    assert_int_equal(guest_brk(0x20080), 0x20080);
    assert_int_equal(page_get_flags(0x20000), F_RW | PAGE_ANON);
    assert_int_equal(guest_brk(0x20800), 0x20800);
    assert_int_equal(*(char *)g2h(0x2007f), 9);
    assert_true(all_zero(0x20080, 0x780));
    /* Growing over several pages, then shrinking releases whole pages. */
    assert_int_equal(guest_brk(0x23010), 0x23010);
    memset(g2h(0x22000), 5, 0x1010);
    assert_int_equal(guest_brk(0x21000), 0x21000);
    assert_int_equal(page_get_flags(0x21000), 0);
    assert_int_equal(page_get_flags(0x20fff), F_RW | PAGE_ANON);
    assert_int_equal(guest_brk(0x23010), 0x23010);
    assert_true(all_zero(0x21000, 0x2010));
    /* Failures return the current break. */
    assert_int_equal(guest_brk(0x1000), 0x23010);
    assert_int_equal(guest_mmap(0x30000, 0x1000, RW, ANON | MAP_FIXED, -1, 0), 0x30000);
    assert_int_equal(guest_brk(0x40000), 0x23010);
    assert_int_equal(guest_brk(0xc0000000), 0x23010);
    assert_int_equal(guest_brk(0x30000), 0x30000);    /* right up to the mapping */
}

static void find_unmapped(void **state)
{
    assert_int_equal(guest_find_unmapped(0, 0x1000, 0), MMAP_BASE - 0x1000);
    assert_int_equal(guest_find_unmapped(0, 0x1000, 0x100000), MMAP_BASE - 0x100000);
    assert_int_equal(guest_find_unmapped(0x30000000, 0x1000, 0), 0x30000000);
    assert_int_equal(guest_find_unmapped(0, 0x1000, 3), -EINVAL);
    /* Full below mmap_base: the search continues above it. */
    assert_int_equal(guest_mmap(0x10000, MMAP_BASE - 0x10000, PROT_NONE,
                                ANON | MAP_FIXED | MAP_NORESERVE, -1, 0), 0x10000);
    assert_int_equal(guest_mmap(0, 0x2000, RW, ANON, -1, 0), MMAP_BASE);
    assert_int_equal(guest_mmap(0, TASK_SIZE, RW, ANON, -1, 0), -ENOMEM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(anonymous_top_down, setup),
        cmocka_unit_test_setup(hints, setup),
        cmocka_unit_test_setup(fixed, setup),
        cmocka_unit_test_setup(file_mappings, setup),
        cmocka_unit_test_setup(munmap_keeps_reservation, setup),
        cmocka_unit_test_setup(mprotect_semantics, setup),
        cmocka_unit_test_setup(mremap_semantics, setup),
        cmocka_unit_test_setup(brk_semantics, setup),
        cmocka_unit_test_setup(find_unmapped, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
