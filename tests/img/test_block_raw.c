/* The generic block layer with the raw driver: options, create, read/write, holes,
 * bounds, resize, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sysemu/block/block.h"
#include "sysemu/block/hostfile.h"
#include "testutil.h"

static void opts_parse_and_get(void **state)
{
    struct block_opts o = { 0 };
    assert_int_equal(block_opts_parse(&o, "size=1G,compat=0.10,lazy_refcounts=on"), 0);
    assert_int_equal(block_opts_parse(&o, "backing_file=a,,b.img,compat=1.1"), 0);
    assert_int_equal(o.n, 4);
    assert_string_equal(block_opts_get(&o, "compat"), "1.1");
    assert_string_equal(block_opts_get(&o, "backing_file"), "a,b.img");
    uint64_t size;
    assert_int_equal(block_opts_get_size(&o, "size", 0, &size), 0);
    assert_int_equal(size, 1ULL << 30);
    bool b;
    assert_int_equal(block_opts_get_bool(&o, "lazy_refcounts", false, &b), 0);
    assert_true(b);
    assert_int_equal(block_opts_get_bool(&o, "compat", false, &b), -EINVAL);
    assert_non_null(strstr(block_error(), "compat"));
    static const struct block_opt_desc few[] = { { "size", "size", "" }, { NULL, NULL, NULL } };
    assert_int_equal(block_opts_check(&o, few), -EINVAL);
    assert_non_null(strstr(block_error(), "compat"));
    block_opts_free(&o);
}

static void sizes_parse(void **state)
{
    uint64_t v;
    assert_int_equal(block_parse_size("512", &v), 0);
    assert_int_equal(v, 512);
    assert_int_equal(block_parse_size("64k", &v), 0);
    assert_int_equal(v, 65536);
    assert_int_equal(block_parse_size("1.5M", &v), 0);
    assert_int_equal(v, 3 << 19);
    assert_int_equal(block_parse_size("2T", &v), 0);
    assert_int_equal(v, 2ULL << 40);
    assert_int_equal(block_parse_size("-1", &v), -EINVAL);
    assert_int_equal(block_parse_size("12q", &v), -EINVAL);
    assert_int_equal(block_parse_size("1.5", &v), -EINVAL);
    assert_int_equal(block_parse_size("99999999999E", &v), -ERANGE);
}

static void raw_create_read_write(void **state)
{
    const char *f = tpath("rw.raw");
    assert_int_equal(block_create(f, "raw", 4 << 20, NULL), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, f, NULL, BLOCK_O_RDWR), 0);
    assert_string_equal(bs->drv->name, "raw");
    assert_int_equal(bs->size, 4 << 20);
    uint8_t in[10000], out[10000];
    tpattern(in, sizeof(in), 1);
    assert_int_equal(block_write(bs, 123457, in, sizeof(in)), 0);
    assert_int_equal(block_read(bs, 123457, out, sizeof(out)), 0);
    assert_memory_equal(in, out, sizeof(in));
    /* A freshly created raw image is one hole: status says zero. */
    uint64_t pnum, host;
    int st = block_status(bs, 2 << 20, 1 << 20, &pnum, &host, NULL);
    assert_true(st & BLOCK_STATUS_ZERO);
    assert_true(st & BLOCK_STATUS_ALLOCATED);
    assert_int_equal(host, 2 << 20);
    st = block_status(bs, 123457, 1, &pnum, &host, NULL);
    assert_true(st & BLOCK_STATUS_DATA);
    assert_int_equal(block_write_zeroes(bs, 123457, sizeof(in), true), 0);
    assert_int_equal(block_read(bs, 123457, out, sizeof(out)), 0);
    assert_true(buffer_is_zero(out, sizeof(out)));
    block_close(bs);
}

static void raw_bounds_and_readonly(void **state)
{
    const char *f = tpath("ro.raw");
    assert_int_equal(block_create(f, "raw", 65536, NULL), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, f, "raw", 0), 0);
    uint8_t buf[16];
    assert_int_equal(block_read(bs, 65530, buf, 16), -EINVAL);
    assert_non_null(strstr(block_error(), "beyond the end"));
    assert_int_equal(block_write(bs, 0, buf, 16), -EBADF);
    assert_non_null(strstr(block_error(), "read-only"));
    block_close(bs);
}

static void raw_resize(void **state)
{
    const char *f = tpath("resize.raw");
    assert_int_equal(block_create(f, "raw", 1 << 20, NULL), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, f, NULL, BLOCK_O_RDWR), 0);
    assert_int_equal(block_truncate(bs, 2 << 20, false, "off"), 0);
    assert_int_equal(bs->size, 2 << 20);
    assert_int_equal(block_truncate(bs, 1 << 19, false, "off"), -EPERM);
    assert_non_null(strstr(block_error(), "--shrink"));
    assert_int_equal(block_truncate(bs, 1 << 19, true, "off"), 0);
    block_close(bs);
    struct stat st;
    assert_int_equal(stat(f, &st), 0);
    assert_int_equal(st.st_size, 1 << 19);
}

static void raw_preallocation(void **state)
{
    const char *f = tpath("full.raw");
    struct block_opts o = { 0 };
    assert_int_equal(block_opts_parse(&o, "preallocation=full"), 0);
    assert_int_equal(block_create(f, "raw", 1 << 20, &o), 0);
    struct stat st;
    assert_int_equal(stat(f, &st), 0);
    assert_true((uint64_t)st.st_blocks * 512 >= (1 << 20));
    block_opts_free(&o);
    assert_int_equal(block_opts_parse(&o, "preallocation=bogus"), 0);
    assert_int_equal(block_create(tpath("bad.raw"), "raw", 1 << 20, &o), -EINVAL);
    assert_non_null(strstr(block_error(), "bogus"));
    block_opts_free(&o);
    assert_int_equal(block_opts_parse(&o, "cluster_size=64k"), 0);
    assert_int_equal(block_create(tpath("bad.raw"), "raw", 1 << 20, &o), -EINVAL);
    assert_non_null(strstr(block_error(), "cluster_size"));
    block_opts_free(&o);
}

/* A raw image found by probing never turns into another format through a write. */
static void probed_raw_keeps_its_format(void **state)
{
    const char *f = tpath("probed.raw");
    assert_int_equal(block_create(f, "raw", 65536, NULL), 0);
    static const uint8_t qcow2_magic[8] = { 'Q', 'F', 'I', 0xfb, 0, 0, 0, 3 };
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, f, NULL, BLOCK_O_RDWR), 0);
    assert_true(bs->probed_raw);
    assert_int_equal(block_write(bs, 0, qcow2_magic, sizeof(qcow2_magic)), -EPERM);
    assert_non_null(strstr(block_error(), "qcow2"));
    assert_int_equal(block_write(bs, 512, qcow2_magic, sizeof(qcow2_magic)), 0);
    block_close(bs);
    assert_int_equal(block_open(&bs, f, "raw", BLOCK_O_RDWR), 0);
    assert_false(bs->probed_raw);
    assert_int_equal(block_write(bs, 0, qcow2_magic, sizeof(qcow2_magic)), 0);
    block_close(bs);
}

static void open_errors(void **state)
{
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, tpath("missing"), NULL, 0), -ENOENT);
    assert_non_null(strstr(block_error(), "missing"));
    assert_int_equal(block_create(tpath("x"), "nosuchfmt", 1, NULL), -EINVAL);
    assert_non_null(strstr(block_error(), "nosuchfmt"));
    assert_int_equal(block_create(tpath("x"), "raw", BLOCK_MAX_SIZE + 1, NULL), -EFBIG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(opts_parse_and_get),
        cmocka_unit_test(sizes_parse),
        cmocka_unit_test(raw_create_read_write),
        cmocka_unit_test(raw_bounds_and_readonly),
        cmocka_unit_test(raw_resize),
        cmocka_unit_test(raw_preallocation),
        cmocka_unit_test(probed_raw_keeps_its_format),
        cmocka_unit_test(open_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
