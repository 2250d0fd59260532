/* Damaged and hostile qcow2 images: every one is refused (or its bad table reported when
 * used) with a message naming the problem, and the file is never modified, even when it
 * was opened for writing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysemu/block/block.h"
#include "sysemu/block/hostfile.h"
#include "testutil.h"

/* A 1 MiB image, 64 KiB clusters: header, refcount table, refcount block, L1 (cluster 3),
 * L2 (cluster 4), then 4 data clusters. */
static const char *good(void)
{
    const char *f = tpath("good.qcow2");
    struct block_opts o = { 0 };
    assert_int_equal(block_create(f, "qcow2", 1 << 20, &o), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, f, NULL, BLOCK_O_RDWR), 0);
    uint8_t buf[4 * 65536];
    tpattern(buf, sizeof(buf), 3);
    assert_int_equal(block_write(bs, 0, buf, sizeof(buf)), 0);
    block_close(bs);
    return f;
}

static uint8_t *slurp(const char *f, uint64_t *size)
{
    int fd = hostfile_open(f, false);
    assert_true(fd >= 0);
    assert_int_equal(hostfile_size(fd, size), 0);
    uint8_t *b = malloc(*size + 1);
    assert_int_equal(hostfile_pread(fd, b, *size, 0), 0);
    close(fd);
    return b;
}

struct mutation {
    const char *name;
    uint64_t off;           /* where to write value (big-endian, width bytes) */
    int width;
    uint64_t value;
    uint64_t truncate;      /* nonzero: cut the file to this length instead */
    const char *error;      /* expected in the open error; NULL: open may work, I/O fails */
    bool read_ok;           /* reading the damaged place is harmless, only writes fail */
};

static const struct mutation cases[] = {
    { "short file", 0, 0, 0, 50, "too short", false },
    { "L1 cut off", 0, 0, 0, 3 * 65536 + 4, "beyond the end", false },
    { "huge cluster_bits", 20, 4, 30, 0, "cluster_bits 30", false },
    { "tiny cluster_bits", 20, 4, 4, 0, "cluster_bits 4", false },
    { "absurd l1_size", 36, 4, 0x7fffffff, 0, "L1 table", false },
    { "L1 beyond the file", 40, 8, 0x10000000, 0, "beyond the end", false },
    { "unaligned L1", 40, 8, 0x30001, 0, "not cluster-aligned", false },
    { "refcount table on the L1", 48, 8, 0x30000, 0, "overlaps", false },
    { "L1 on the header", 40, 8, 0, 0, "header", false },
    { "encrypted", 32, 4, 1, 0, "encrypt", false },
    { "extended L2", 72, 8, 1 << 4, 0, "extended L2", false },
    { "external data file", 72, 8, 1 << 2, 0, "external data", false },
    { "unknown feature", 72, 8, 1ULL << 40, 0, "bit 40", false },
    { "version 4", 4, 4, 4, 0, "version 4", false },
    { "absurd size", 24, 8, 1ULL << 62, 0, "absurd", false },
    { "refcount_order 7", 96, 4, 7, 0, "refcount_order", false },
    { "header_length 3", 100, 4, 3, 0, "header length", false },
    { "too many snapshots", 60, 4, 1000000, 0, "snapshots", false },
    { "L2 beyond the file", 3 * 65536, 8, (1ULL << 63) | 0x40000000, 0, NULL, false },
    { "data beyond the file", 4 * 65536, 8, (1ULL << 63) | 0x40000000, 0, NULL, false },
    { "L2 on the L1", 3 * 65536, 8, (1ULL << 63) | 0x30000, 0, NULL, false },
    { "data on the L1", 4 * 65536, 8, (1ULL << 63) | 0x30000, 0, NULL, true },
};

static void apply(const char *f, const struct mutation *m)
{
    int fd = hostfile_open(f, true);
    assert_true(fd >= 0);
    if (m->truncate) {
        assert_int_equal(hostfile_truncate(fd, m->truncate), 0);
    } else {
        uint8_t b[8];
        for (int i = 0; i < m->width; i++)
            b[i] = (uint8_t)(m->value >> (8 * (m->width - 1 - i)));
        assert_int_equal(hostfile_pwrite(fd, b, (size_t)m->width, m->off), 0);
    }
    close(fd);
}

/* Open for writing, read and write where the damage is; the file must stay as it was. */
static void try_hard(const char *f, const struct mutation *m)
{
    struct block_dev *bs = NULL;
    int r = block_open(&bs, f, NULL, BLOCK_O_RDWR);
    if (m->error) {
        if (r == 0 || !strstr(block_error(), m->error))
            fprintf(stderr, "%s: r=%d error '%s'\n", m->name, r, block_error());
        assert_true(r < 0);
        assert_non_null(strstr(block_error(), m->error));
        return;
    }
    uint8_t buf[4096];
    if (r < 0) {
        /* Refused at open for writing: a table the header does not count as used.  Read-only
         * access still works, up to the damaged table. */
        assert_non_null(strstr(block_error(), "corrupt"));
        assert_int_equal(block_open(&bs, f, NULL, 0), 0);
        assert_true(block_read(bs, 0, buf, sizeof(buf)) < 0 || m->read_ok);
        block_close(bs);
        return;
    }
    r = block_read(bs, 0, buf, sizeof(buf));
    if (!m->read_ok) {
        if (r == 0)
            fprintf(stderr, "%s: read worked\n", m->name);
        assert_true(r < 0);
        assert_true(strlen(block_error()) > 0);
    }
    memset(buf, 1, sizeof(buf));
    assert_true(block_write(bs, 100, buf, sizeof(buf)) < 0);
    assert_non_null(strstr(block_error(), "corrupt"));
    block_close(bs);
}

static void each_mutation_is_refused_untouched(void **state)
{
    uint64_t good_size;
    const char *g = good();
    uint8_t *orig = slurp(g, &good_size);
    const char *f = tpath("bad.qcow2");
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int fd = hostfile_create(f);
        assert_int_equal(hostfile_pwrite(fd, orig, good_size, 0), 0);
        close(fd);
        apply(f, &cases[i]);
        uint64_t before_size, after_size;
        uint8_t *before = slurp(f, &before_size);
        try_hard(f, &cases[i]);
        uint8_t *after = slurp(f, &after_size);
        if (before_size != after_size || memcmp(before, after, before_size))
            fprintf(stderr, "%s: file modified\n", cases[i].name);
        assert_int_equal(before_size, after_size);
        assert_memory_equal(before, after, before_size);
        free(before);
        free(after);
    }
    free(orig);
}

/* Random byte damage in the metadata: never a crash, and never a write. */
static void random_damage_never_crashes(void **state)
{
    uint64_t good_size;
    uint8_t *orig = slurp(good(), &good_size);
    const char *f = tpath("fuzz.qcow2");
    srand(1234);
    for (int round = 0; round < 300; round++) {
        uint8_t *img = malloc(good_size);
        memcpy(img, orig, good_size);
        for (int k = 0; k < 4; k++) {
            uint64_t region = (uint64_t)(rand() % 5) * 65536;   /* metadata clusters */
            uint64_t off = region + (uint64_t)(rand() % (region ? 64 : 128));
            img[off] ^= (uint8_t)(1 + rand() % 255);
        }
        int fd = hostfile_create(f);
        assert_int_equal(hostfile_pwrite(fd, img, good_size, 0), 0);
        close(fd);
        struct block_dev *bs;
        if (block_open(&bs, f, NULL, 0) == 0) {
            uint8_t buf[65536];
            for (uint64_t off = 0; off < bs->size && off < (1 << 20); off += sizeof(buf))
                block_read(bs, off, buf, sizeof(buf));
            struct block_check c = { 0 };
            if (bs->drv->check)
                bs->drv->check(bs, &c, 0);
            block_check_free(&c);
            block_close(bs);
        }
        uint64_t n;
        uint8_t *after = slurp(f, &n);
        assert_int_equal(n, good_size);
        assert_memory_equal(after, img, good_size);
        free(after);
        free(img);
    }
    free(orig);
}

/* Inputs that once broke the qcow2 driver under fuzzing (QCOW2_REGRESS names their
 * directory): what a write says it wrote must read back after reopening. */
static void fuzz_regressions_write_back(void **state)
{
    const char *dir = getenv("QCOW2_REGRESS");
    assert_non_null(dir);
    static const char *const names[] = { "write-through-reserved-bits.qcow2",
                                         "metadata-refcount-zero.qcow2" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char src[1024];
        snprintf(src, sizeof(src), "%s/%s", dir, names[i]);
        uint64_t size;
        uint8_t *img = slurp(src, &size);
        const char *f = tpath("regress.qcow2");
        int fd = hostfile_create(f);
        assert_int_equal(hostfile_pwrite(fd, img, size, 0), 0);
        close(fd);
        free(img);
        struct block_dev *bs;
        if (block_open(&bs, f, NULL, BLOCK_O_RDWR) < 0)
            continue;           /* refused for writing: fine */
        uint8_t pat[1024], got[1024];
        for (size_t k = 0; k < sizeof(pat); k++)
            pat[k] = (uint8_t)(k ^ 0x5a);
        uint64_t at = bs->size / 2 / 512 * 512;
        int w = block_write(bs, at, pat, sizeof(pat));
        if (w == 0)
            w = block_flush(bs);
        block_close(bs);
        if (w < 0)
            continue;           /* refused to write through damage: fine */
        assert_int_equal(block_open(&bs, f, NULL, 0), 0);
        assert_int_equal(block_read(bs, at, got, sizeof(got)), 0);
        assert_memory_equal(pat, got, sizeof(got));
        block_close(bs);
    }
}

/* A table entry pointing a whole cluster or more past the end of the file is a corruption
 * for check (as qemu-img counts it), not a silent reference to a cluster nobody has yet:
 * the fuzzer found check calling such an image clean. */
static void check_counts_references_past_eof(void **state)
{
    const char *f = good();
    uint64_t size;
    uint8_t *b = slurp(f, &size);
    free(b);
    int fd = hostfile_open(f, true);
    uint8_t e[8];
    uint64_t far = (size / 65536 + 8) * 65536;
    for (int i = 0; i < 8; i++)
        e[i] = (uint8_t)(((far | 1ULL << 63)) >> (56 - 8 * i));
    assert_int_equal(hostfile_pwrite(fd, e, sizeof(e), 4 * 65536 + 8 * 5), 0);   /* L2[5] */
    close(fd);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, f, NULL, BLOCK_O_CHECK), 0);
    struct block_check c = { 0 };
    assert_int_equal(bs->drv->check(bs, &c, 0), 0);
    /* That entry's COPIED flag also disagrees with the (absent) refcount: two errors, as
     * qemu-img finds. */
    assert_int_equal(c.corruptions, 2);
    assert_int_equal(c.nmessages, 2);
    assert_non_null(strstr(c.messages[0], "exceeding the end of the file"));
    block_check_free(&c);
    block_close(bs);
    if (have_qemu_img())
        assert_int_equal(tsystem("qemu-img check -q '%s' 2>/dev/null", f), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_mutation_is_refused_untouched),
        cmocka_unit_test(random_damage_never_crashes),
        cmocka_unit_test(fuzz_regressions_write_back),
        cmocka_unit_test(check_counts_references_past_eof),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
