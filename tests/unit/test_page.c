/* The guest page-flags table and address-space reservation (tcg/page.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "tcg/page.h"

#define RW (PAGE_VALID | PAGE_READ | PAGE_WRITE)
#define RX (PAGE_VALID | PAGE_READ | PAGE_EXEC)

static int setup32(void **state)
{
    return guest_space_init(32, 12, 0, 0);
}

/* Host permissions ("rw-p"...) of the mapping holding p, from /proc/self/maps. */
static const char *host_perms(const void *p)
{
    static char perms[8];
    FILE *f = fopen("/proc/self/maps", "r");
    unsigned long lo, hi;
    perms[0] = 0;
    while (f && fscanf(f, "%lx-%lx %7s%*[^\n]", &lo, &hi, perms) == 3) {
        if ((uintptr_t)p >= lo && (uintptr_t)p < hi)
            break;
        perms[0] = 0;
    }
    if (f)
        fclose(f);
    return perms;
}

static void window_is_reserved(void **state)
{
    assert_int_equal(guest_addr_max, 0xffffffffull);
    assert_int_equal(guest_page_bits, 12);
    assert_true(guest_base != 0);
    assert_true(h2g_valid(g2h(0)));
    assert_true(h2g_valid(g2h(0xffffffff)));
    assert_false(h2g_valid((char *)g2h(0) - 1));
    assert_false(h2g_valid((char *)g2h(0xffffffff) + 1));
    assert_int_equal(h2g(g2h(0x1234)), 0x1234);
    assert_string_equal(host_perms(g2h(0x10000)), "---p");
    assert_string_equal(host_perms(g2h(0xfffff000)), "---p");
    /* Nothing is recorded in a fresh space. */
    assert_int_equal(page_get_flags(0), 0);
    assert_int_equal(page_get_flags(0x80000000), 0);
}

static void set_and_get(void **state)
{
    page_set_flags(0x10000, 0x13000, RX);
    assert_int_equal(page_get_flags(0xffff), 0);
    assert_int_equal(page_get_flags(0x10000), RX);
    assert_int_equal(page_get_flags(0x11abc), RX);
    assert_int_equal(page_get_flags(0x12fff), RX);
    assert_int_equal(page_get_flags(0x13000), 0);
    /* Across a leaf boundary (1024 pages = 4 MiB) and at the very top. */
    page_set_flags(0x3ff000, 0x402000, RW);
    assert_int_equal(page_get_flags(0x3ff000), RW);
    assert_int_equal(page_get_flags(0x401000), RW);
    assert_int_equal(page_get_flags(0x402000), 0);
    page_set_flags(0xfffff000, 0x100000000ull, RW);
    assert_int_equal(page_get_flags(0xffffffff), RW);
    /* Beyond the space: ignored, reads 0. */
    page_set_flags(0x100000000ull, 0x100002000ull, RW);
    assert_int_equal(page_get_flags(0x100000000ull), 0);
    /* Clearing. */
    page_set_flags(0x10000, 0x11000, 0);
    assert_int_equal(page_get_flags(0x10000), 0);
    assert_int_equal(page_get_flags(0x11000), RX);
    page_set_flags(0x20000, 0x21000, PAGE_RESERVED);
    assert_int_equal(page_get_flags(0x20000), PAGE_RESERVED);
}

static void code_flag_survives_protection_changes(void **state)
{
    page_set_flags(0x40000, 0x41000, RX | PAGE_CODE);
    page_set_flags(0x40000, 0x41000, PAGE_VALID | PAGE_READ);     /* loses exec */
    assert_int_equal(page_get_flags(0x40000), PAGE_VALID | PAGE_READ | PAGE_CODE);
    page_set_flags(0x40000, 0x41000, RW);
    assert_int_equal(page_get_flags(0x40000), RW | PAGE_CODE);
    /* Unmapping forgets everything. */
    page_set_flags(0x40000, 0x41000, 0);
    assert_int_equal(page_get_flags(0x40000), 0);
    page_set_flags(0x40000, 0x41000, RW);
    assert_int_equal(page_get_flags(0x40000), RW);
}

static void check_range(void **state)
{
    page_set_flags(0x10000, 0x12000, RW);
    page_set_flags(0x12000, 0x13000, PAGE_VALID | PAGE_READ);
    assert_true(page_check_range(0x10000, 0x3000, PAGE_VALID | PAGE_READ));
    assert_true(page_check_range(0x10ff0, 0x1010, PAGE_WRITE));
    assert_false(page_check_range(0x11ff0, 0x20, PAGE_WRITE));
    assert_false(page_check_range(0x12ff0, 0x20, PAGE_READ));   /* runs into unmapped */
    assert_false(page_check_range(0xf000, 0x2000, PAGE_READ));
    assert_true(page_check_range(0x50000, 0, PAGE_READ));        /* empty is fine */
    assert_false(page_check_range(0xfffff000, 0x2000, 0));       /* past the top */
    assert_false(page_check_range(0xffffffffffffff00ull, 0x200, 0));   /* wraps */
}

static void find_free(void **state)
{
    page_set_flags(0x10000, 0x13000, RW);
    page_set_flags(0x14000, 0x15000, PAGE_RESERVED);
    assert_int_equal(page_find_free(0x10000, 0x100000, 0x1000, 0), 0x13000);
    assert_int_equal(page_find_free(0x10000, 0x100000, 0x2000, 0), 0x15000);
    assert_int_equal(page_find_free(0x10000, 0x100000, 0x1000, 0x10000), 0x20000);
    assert_int_equal(page_find_free(0x10000, 0x14000, 0x2000, 0), (uint64_t)-1);
    assert_int_equal(page_find_free(0, 0x10000, 0x10000, 0), 0);
    assert_int_equal(page_find_free(0x11000, 0x100000, 1, 0), 0x13000);    /* len rounds up */
    assert_int_equal(page_find_free(0xfffff000, 0x100000000ull, 0x1000, 0), 0xfffff000);
    assert_int_equal(page_find_free(0xfffff000, 0x100000000ull, 0x2000, 0), (uint64_t)-1);
    assert_int_equal(page_find_free(0, 0x100000000ull, 0x200000000ull, 0), (uint64_t)-1);
    assert_int_equal(page_find_free(0, 0x100000, 0, 0), (uint64_t)-1);
    /* A big search over a mostly mapped space. */
    page_set_flags(0x100000, 0xfff00000, RW);
    assert_int_equal(page_find_free(0x100000, 0x100000000ull, 0x1000, 0), 0xfff00000);
}

struct run { uint64_t start, end; int flags; };
struct runs { struct run r[16]; int n, stop_after; };

static int collect(void *opaque, uint64_t start, uint64_t end, int flags)
{
    struct runs *w = opaque;
    if (w->n < 16)
        w->r[w->n] = (struct run){ start, end, flags };
    w->n++;
    return w->stop_after && w->n >= w->stop_after ? 42 : 0;
}

static void walk(void **state)
{
    struct runs w = { .n = 0 };
    assert_int_equal(page_walk(collect, &w), 0);
    assert_int_equal(w.n, 0);

    page_set_flags(0x10000, 0x12000, RW);
    page_set_flags(0x12000, 0x13000, RX);
    page_set_flags(0x13000, 0x14000, RX);               /* same flags: one run */
    page_set_flags(0x7fc000, 0x801000, RW);             /* spans leaves */
    page_set_flags(0xfffff000, 0x100000000ull, PAGE_RESERVED);
    assert_int_equal(page_walk(collect, &w), 0);
    assert_int_equal(w.n, 4);
    assert_int_equal(w.r[0].start, 0x10000);
    assert_int_equal(w.r[0].end, 0x12000);
    assert_int_equal(w.r[0].flags, RW);
    assert_int_equal(w.r[1].start, 0x12000);
    assert_int_equal(w.r[1].end, 0x14000);
    assert_int_equal(w.r[1].flags, RX);
    assert_int_equal(w.r[2].start, 0x7fc000);
    assert_int_equal(w.r[2].end, 0x801000);
    assert_int_equal(w.r[3].start, 0xfffff000);
    assert_int_equal(w.r[3].end, 0x100000000ull);
    assert_int_equal(w.r[3].flags, PAGE_RESERVED);

    struct runs s = { .stop_after = 2 };
    assert_int_equal(page_walk(collect, &s), 42);
    assert_int_equal(s.n, 2);
}

/* Maps one writable guest page on the host and records it. */
static void *map_rw_page(uint64_t addr)
{
    void *p = mmap(g2h(addr), 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    assert_true(p == g2h(addr));
    page_set_flags(addr, addr + 4096, RW | PAGE_EXEC);
    return p;
}

static void protect_and_unprotect(void **state)
{
    char *p = map_rw_page(0x30000);
    p[5] = 1;
    assert_string_equal(host_perms(p), "rw-p");

    page_protect_code(0x30010);
    assert_int_equal(page_get_flags(0x30000), RW | PAGE_EXEC | PAGE_CODE);
    assert_string_equal(host_perms(p), "r--p");
    assert_int_equal(p[5], 1);            /* still readable */
    page_protect_code(0x30000);           /* idempotent */
    assert_string_equal(host_perms(p), "r--p");

    assert_true(page_unprotect(0x30abc));
    assert_int_equal(page_get_flags(0x30000), RW | PAGE_EXEC);
    assert_string_equal(host_perms(p), "rw-p");
    p[6] = 2;
    /* A second thread losing the race finds the page writable: retry, not a fault. */
    assert_true(page_unprotect(0x30000));

    /* Not the guest's to write: a real fault. */
    page_set_flags(0x31000, 0x32000, RX);
    page_protect_code(0x31000);
    assert_false(page_unprotect(0x31000));
    assert_int_equal(page_get_flags(0x31000), RX | PAGE_CODE);
    assert_false(page_unprotect(0x50000));            /* unmapped */
    assert_false(page_unprotect(0x100000000ull));     /* outside */
    page_protect_code(0x50000);                       /* unmapped: nothing to protect */
    assert_int_equal(page_get_flags(0x50000), 0);
}

static void prepare_write(void **state)
{
    char *a = map_rw_page(0x60000);
    char *b = map_rw_page(0x61000);
    char *c = map_rw_page(0x62000);
    page_protect_code(0x60000);
    page_protect_code(0x62000);
    assert_string_equal(host_perms(a), "r--p");
    page_prepare_write(0x60ff0, 0x20);        /* touches 0x60000 and 0x61000 only */
    assert_string_equal(host_perms(a), "rw-p");
    assert_string_equal(host_perms(b), "rw-p");
    assert_string_equal(host_perms(c), "r--p");
    assert_false(page_get_flags(0x60000) & PAGE_CODE);
    assert_true(page_get_flags(0x62000) & PAGE_CODE);
    page_prepare_write(0x62000, 0);           /* empty */
    assert_string_equal(host_perms(c), "r--p");
    page_prepare_write(0x61000, 0x1001);
    assert_string_equal(host_perms(c), "rw-p");
}

static void reinit_forgets(void **state)
{
    page_set_flags(0x10000, 0x11000, RW);
    assert_int_equal(guest_space_init(32, 12, 0, 0), 0);
    assert_int_equal(page_get_flags(0x10000), 0);
}

static void fixed_base(void **state)
{
    uintptr_t base = guest_base;
    /* The same place again (the old window is released first). */
    assert_int_equal(guest_space_init(32, 12, base, 0), 0);
    assert_int_equal(guest_base, base);
    /* An occupied place is refused, not clobbered. */
    void *busy = mmap(NULL, 1 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(busy != MAP_FAILED);
    assert_int_equal(guest_space_init(32, 12, (uintptr_t)busy - (1 << 16), 0), -EEXIST);
    assert_string_equal(host_perms(busy), "r--p");
    munmap(busy, 1 << 20);
    assert_int_equal(guest_space_init(32, 12, 0x1234, 0), -EINVAL);   /* unaligned */
}

static void reserved_va(void **state)
{
    assert_int_equal(guest_space_init(32, 12, 0, 0x10000000), 0);
    assert_int_equal(guest_addr_max, 0x0fffffff);
    page_set_flags(0x0ffff000, 0x10001000, RW);
    assert_int_equal(page_get_flags(0x0ffff000), RW);
    assert_int_equal(page_get_flags(0x10000000), 0);
    assert_false(h2g_valid(g2h(0x10000000)));
    assert_int_equal(page_find_free(0x0ffff000, 0x20000000, 0x1000, 0), (uint64_t)-1);
    assert_int_equal(guest_space_init(32, 12, 0, 0x200000000ull), -EINVAL);
    assert_int_equal(guest_space_init(32, 12, 0, 0), 0);
}

static void big_guest_pages(void **state)
{
    assert_int_equal(guest_space_init(32, 13, 0, 0), 0);
    assert_int_equal(guest_page_size(), 8192);
    page_set_flags(0x10000, 0x12000, RW);
    assert_int_equal(page_get_flags(0x11fff), RW);
    assert_int_equal(page_get_flags(0x12000), 0);
    assert_int_equal(page_find_free(0x10000, 0x100000, 0x1000, 0), 0x12000);
    assert_int_equal(guest_space_init(32, 11, 0, 0), -EINVAL);
    assert_int_equal(guest_space_init(32, 12, 0, 0), 0);
}

static void identity_mode_64(void **state)
{
    assert_int_equal(guest_space_init(64, 12, 0, 0), 0);
    assert_int_equal(guest_base, 0);
    assert_int_equal(guest_addr_max, (1ull << 47) - 1);
    uint64_t hi = 0x7f1234560000ull;
    page_set_flags(hi, hi + 0x3000, RW);
    assert_int_equal(page_get_flags(hi + 0x2fff), RW);
    assert_int_equal(page_get_flags(hi + 0x3000), 0);
    assert_int_equal(page_find_free(hi, hi + 0x10000, 0x1000, 0), hi + 0x3000);
    struct runs w = { .n = 0 };
    page_walk(collect, &w);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.r[0].start, hi);
    assert_int_equal(w.r[0].end, hi + 0x3000);
    /* 64-bit guests may also get a window. */
    assert_int_equal(guest_space_init(64, 12, 0, 1ull << 32), 0);
    assert_true(guest_base != 0);
    assert_int_equal(guest_addr_max, 0xffffffffull);
    assert_int_equal(guest_space_init(32, 12, 0, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(window_is_reserved, setup32),
        cmocka_unit_test_setup(set_and_get, setup32),
        cmocka_unit_test_setup(code_flag_survives_protection_changes, setup32),
        cmocka_unit_test_setup(check_range, setup32),
        cmocka_unit_test_setup(find_free, setup32),
        cmocka_unit_test_setup(walk, setup32),
        cmocka_unit_test_setup(protect_and_unprotect, setup32),
        cmocka_unit_test_setup(prepare_write, setup32),
        cmocka_unit_test_setup(reinit_forgets, setup32),
        cmocka_unit_test_setup(fixed_base, setup32),
        cmocka_unit_test_setup(reserved_va, setup32),
        cmocka_unit_test_setup(big_guest_pages, setup32),
        cmocka_unit_test_setup(identity_mode_64, setup32),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
