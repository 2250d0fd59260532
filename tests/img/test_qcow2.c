/* The qcow2 driver through the block layer: round trips for both versions and several
 * cluster sizes and refcount widths, zero and compressed clusters, backing files and
 * loops, snapshots, resize, check and repair, lazy refcounts, and writes killed midway. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sysemu/block/block.h"
#include "sysemu/block/hostfile.h"
#include "testutil.h"

static void make(const char *path, const char *opts, uint64_t size)
{
    struct block_opts o = { 0 };
    assert_int_equal(block_opts_parse(&o, opts), 0);
    int r = block_create(path, "qcow2", size, &o);
    if (r)
        fprintf(stderr, "create %s: %s\n", opts, block_error());
    assert_int_equal(r, 0);
    block_opts_free(&o);
}

static struct block_dev *open_rw(const char *path)
{
    struct block_dev *bs = NULL;
    int r = block_open(&bs, path, NULL, BLOCK_O_RDWR);
    if (r)
        fprintf(stderr, "open %s: %s\n", path, block_error());
    assert_int_equal(r, 0);
    return bs;
}

static void expect_clean(struct block_dev *bs)
{
    struct block_check c = { 0 };
    assert_int_equal(bs->drv->check(bs, &c, 0), 0);
    for (int i = 0; i < c.nmessages; i++)
        fprintf(stderr, "check: %s\n", c.messages[i]);
    assert_int_equal(c.corruptions, 0);
    assert_int_equal(c.leaks, 0);
    block_check_free(&c);
}

static void expect_pattern(struct block_dev *bs, uint64_t off, size_t len, uint32_t seed)
{
    uint8_t *want = malloc(len), *got = malloc(len);
    tpattern(want, len, seed);
    assert_int_equal(block_read(bs, off, got, len), 0);
    assert_memory_equal(want, got, len);
    free(want);
    free(got);
}

static void write_pattern(struct block_dev *bs, uint64_t off, size_t len, uint32_t seed)
{
    uint8_t *buf = malloc(len);
    tpattern(buf, len, seed);
    assert_int_equal(block_write(bs, off, buf, len), 0);
    free(buf);
}

static void expect_zero(struct block_dev *bs, uint64_t off, size_t len)
{
    uint8_t *got = malloc(len);
    assert_int_equal(block_read(bs, off, got, len), 0);
    assert_true(buffer_is_zero(got, len));
    free(got);
}

/* Writes at awkward offsets (inside clusters, across L2 tables), reopens, reads back. */
static void roundtrip(const char *opts)
{
    const char *f = tpath("rt.qcow2");
    make(f, opts, 8 << 20);
    struct block_dev *bs = open_rw(f);
    write_pattern(bs, 1000, 70000, 1);
    write_pattern(bs, (4 << 20) - 3000, 9000, 2);
    write_pattern(bs, (8 << 20) - 4096, 4096, 3);
    write_pattern(bs, 1500, 100, 4);     /* overwrite in place */
    expect_clean(bs);
    block_close(bs);
    bs = open_rw(f);
    expect_pattern(bs, 1500, 100, 4);
    expect_pattern(bs, (4 << 20) - 3000, 9000, 2);
    expect_pattern(bs, (8 << 20) - 4096, 4096, 3);
    expect_zero(bs, 2 << 20, 65536);
    expect_clean(bs);
    block_close(bs);
}

static void roundtrip_v3_64k(void **state) { roundtrip("compat=1.1"); }
static void roundtrip_v2_64k(void **state) { roundtrip("compat=0.10"); }
static void roundtrip_v3_512(void **state) { roundtrip("cluster_size=512"); }
static void roundtrip_v2_4k(void **state) { roundtrip("compat=0.10,cluster_size=4k"); }
static void roundtrip_refcount_bits(void **state)
{
    roundtrip("refcount_bits=1,cluster_size=4k");
    roundtrip("refcount_bits=4");
    roundtrip("refcount_bits=64,cluster_size=2M");
}

static void zero_clusters(void **state)
{
    const char *f = tpath("zero.qcow2");
    make(f, "cluster_size=4k", 1 << 20);
    struct block_dev *bs = open_rw(f);
    write_pattern(bs, 0, 1 << 20, 5);
    assert_int_equal(block_write_zeroes(bs, 4096 + 100, 3 * 4096, true), 0);
    expect_zero(bs, 4096 + 100, 3 * 4096);
    expect_pattern(bs, 0, 4096, 5);
    uint64_t pnum, host;
    int st = block_status(bs, 8192, 4096, &pnum, &host, NULL);
    assert_true(st & BLOCK_STATUS_ZERO);
    assert_true(st & BLOCK_STATUS_ALLOCATED);
    assert_false(st & BLOCK_STATUS_DATA);
    expect_clean(bs);
    block_close(bs);
}

static void compressed_clusters(void **state)
{
    const char *f = tpath("z.qcow2");
    make(f, "", 1 << 20);
    struct block_dev *bs = open_rw(f);
    uint8_t *c = malloc(65536);
    for (int i = 0; i < 65536; i++)
        c[i] = (uint8_t)("compressible "[i % 13]);
    for (uint64_t off = 0; off < 4 * 65536; off += 65536)
        assert_int_equal(block_write_compressed(bs, off, c, 65536), 0);
    uint64_t pnum, used;
    int st = block_status(bs, 65536, 65536, &pnum, NULL, NULL);
    assert_true(st & BLOCK_STATUS_COMPRESSED);
    /* Four clusters packed into one beside five of metadata. */
    assert_int_equal(hostfile_size(bs->fd, &used), 0);
    assert_true(used <= 6 * 65536);
    uint8_t *got = malloc(65536);
    assert_int_equal(block_read(bs, 2 * 65536, got, 65536), 0);
    assert_memory_equal(c, got, 65536);
    write_pattern(bs, 65536 + 10, 20, 6);    /* rewrites one compressed cluster */
    assert_int_equal(block_read(bs, 65536, got, 65536), 0);
    assert_memory_equal(c, got, 10);
    assert_memory_equal(c + 30, got + 30, 65536 - 30);
    expect_clean(bs);
    block_close(bs);
    free(c);
    free(got);
}

static void backing_file_reads_and_cow(void **state)
{
    const char *base = tpath("base.raw"), *top = tpath("top.qcow2");
    assert_int_equal(block_create(base, "raw", 1 << 20, NULL), 0);
    struct block_dev *b = open_rw(base);
    write_pattern(b, 0, 1 << 20, 7);
    block_close(b);
    make(top, "backing_file=base.raw,backing_fmt=raw", 2 << 20);
    struct block_dev *bs = open_rw(top);
    assert_non_null(bs->backing);
    expect_pattern(bs, 0, 1 << 20, 7);
    expect_zero(bs, 1 << 20, 1 << 20);      /* beyond the shorter backing file */
    uint8_t x[10] = "0123456789";
    assert_int_equal(block_write(bs, 70000, x, 10), 0);
    uint8_t *want = malloc(65536), *got = malloc(65536);
    tpattern(want, 1 << 16, 0);
    assert_int_equal(block_read(bs->backing, 65536, want, 65536), 0);
    memcpy(want + (70000 - 65536), x, 10);
    assert_int_equal(block_read(bs, 65536, got, 65536), 0);
    assert_memory_equal(want, got, 65536);
    uint64_t pnum, host;
    int depth;
    int st = block_status_above(bs, 0, 65536, &pnum, &host, NULL, &depth);
    assert_int_equal(depth, 1);
    assert_true(st & BLOCK_STATUS_DATA);
    st = block_status_above(bs, 65536, 65536, &pnum, &host, NULL, &depth);
    assert_int_equal(depth, 0);
    expect_clean(bs);
    block_close(bs);
    free(want);
    free(got);
}

static void backing_loops_refused(void **state)
{
    const char *a = tpath("la.qcow2"), *b = tpath("lb.qcow2"), *self = tpath("self.qcow2");
    make(a, "backing_file=lb.qcow2,backing_fmt=qcow2", 1 << 20);
    make(b, "backing_file=la.qcow2,backing_fmt=qcow2", 1 << 20);
    make(self, "backing_file=self.qcow2,backing_fmt=qcow2", 1 << 20);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, a, NULL, 0), -ELOOP);
    assert_non_null(strstr(block_error(), "loop"));
    assert_int_equal(block_open(&bs, self, NULL, BLOCK_O_RDWR), -ELOOP);
    assert_non_null(strstr(block_error(), "loop"));
    assert_int_equal(block_open(&bs, a, NULL, BLOCK_O_NO_BACKING), 0);
    block_close(bs);
}

static void snapshots(void **state)
{
    const char *f = tpath("snap.qcow2");
    make(f, "cluster_size=4k", 1 << 20);
    struct block_dev *bs = open_rw(f);
    write_pattern(bs, 0, 1 << 20, 8);
    struct block_snapshot sn = { .name = "first", .icount = UINT64_MAX };
    assert_int_equal(bs->drv->snapshot_create(bs, &sn), 0);
    struct block_snapshot same_id = { .id = "1", .name = "other", .icount = UINT64_MAX };
    assert_int_equal(bs->drv->snapshot_create(bs, &same_id), -EEXIST);
    expect_clean(bs);
    write_pattern(bs, 5000, 300000, 9);
    expect_pattern(bs, 5000, 300000, 9);
    expect_clean(bs);
    struct block_snapshot sn2 = { .name = "second", .icount = UINT64_MAX };
    assert_int_equal(bs->drv->snapshot_create(bs, &sn2), 0);
    assert_int_equal(bs->drv->snapshot_goto(bs, "first"), 0);
    expect_pattern(bs, 0, 1 << 20, 8);
    expect_clean(bs);
    struct block_snapshot *list;
    assert_int_equal(bs->drv->snapshot_list(bs, &list), 2);
    assert_string_equal(list[0].name, "first");
    assert_string_equal(list[0].id, "1");
    assert_string_equal(list[1].id, "2");
    free(list);
    assert_int_equal(bs->drv->snapshot_delete(bs, "1"), 0);
    assert_int_equal(bs->drv->snapshot_goto(bs, "first"), -ENOENT);
    expect_clean(bs);
    assert_int_equal(bs->drv->snapshot_goto(bs, "second"), 0);
    expect_pattern(bs, 5000, 300000, 9);
    assert_int_equal(bs->drv->snapshot_delete(bs, "second"), 0);
    expect_pattern(bs, 5000, 300000, 9);
    expect_clean(bs);
    block_close(bs);
}

static void resize_grow_and_shrink(void **state)
{
    const char *f = tpath("resize.qcow2");
    make(f, "cluster_size=512", 64 << 10);     /* one L2 table covers 32 KiB */
    struct block_dev *bs = open_rw(f);
    write_pattern(bs, 0, 64 << 10, 10);
    assert_int_equal(block_truncate(bs, 8 << 20, false, "off"), 0);
    expect_pattern(bs, 0, 64 << 10, 10);
    write_pattern(bs, (8 << 20) - 1000, 1000, 11);
    expect_clean(bs);
    assert_int_equal(block_truncate(bs, 32 << 10, false, "off"), -EPERM);
    assert_int_equal(block_truncate(bs, 32 << 10, true, "off"), 0);
    expect_clean(bs);
    block_close(bs);
    bs = open_rw(f);
    assert_int_equal(bs->size, 32 << 10);
    expect_pattern(bs, 0, 32 << 10, 10);
    assert_int_equal(block_truncate(bs, 64 << 10, false, "off"), 0);
    expect_zero(bs, 32 << 10, 32 << 10);    /* shrunk data does not come back */
    expect_clean(bs);
    block_close(bs);
}

static void preallocation_modes(void **state)
{
    static const char *const modes[] = { "preallocation=metadata", "preallocation=falloc",
                                         "preallocation=full,cluster_size=4k" };
    for (int m = 0; m < 3; m++) {
        const char *f = tpath("prealloc.qcow2");
        make(f, modes[m], 3 << 20);
        struct block_dev *bs = open_rw(f);
        uint64_t pnum, host;
        int st;
        for (uint64_t off = 0; off < bs->size; off += pnum) {
            st = block_status(bs, off, bs->size - off, &pnum, &host, NULL);
            assert_true(st & BLOCK_STATUS_OFFSET_VALID);
        }
        expect_zero(bs, 0, 3 << 20);
        write_pattern(bs, 12345, 100000, 13);
        assert_int_equal(block_truncate(bs, 4 << 20, false, "metadata"), 0);
        st = block_status(bs, 3 << 20, 1 << 20, &pnum, &host, NULL);
        assert_true(st & BLOCK_STATUS_ALLOCATED);
        expect_pattern(bs, 12345, 100000, 13);
        expect_clean(bs);
        block_close(bs);
    }
    struct block_opts o = { 0 };
    assert_int_equal(block_opts_parse(&o, "preallocation=metadata,backing_file=x"), 0);
    assert_int_equal(block_create(tpath("pb.qcow2"), "qcow2", 1 << 20, &o), -EINVAL);
    assert_non_null(strstr(block_error(), "backing"));
    block_opts_free(&o);
}

/* Offsets of the header fields this test edits. */
static uint64_t rd64(const char *f, uint64_t off)
{
    uint8_t b[8];
    int fd = hostfile_open(f, false);
    assert_int_equal(hostfile_pread(fd, b, 8, off), 0);
    close(fd);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | b[i];
    return v;
}

static void poke(const char *f, uint64_t off, const void *bytes, size_t n)
{
    int fd = hostfile_open(f, true);
    assert_int_equal(hostfile_pwrite(fd, bytes, n, off), 0);
    close(fd);
}

static void check_finds_and_repairs(void **state)
{
    const char *f = tpath("repair.qcow2");
    make(f, "", 1 << 20);
    struct block_dev *bs = open_rw(f);
    write_pattern(bs, 0, 3 * 65536, 12);
    block_close(bs);
    /* Refcount block at cluster 2: count an appended cluster 8 nothing uses (a leak) and
     * drop the refcount of the first data cluster (cluster 5: header, reftable, refblock,
     * L1, L2 before it). */
    uint64_t rb = rd64(f, rd64(f, 48));
    uint8_t one[2] = { 0, 1 }, zero[2] = { 0, 0 };
    static const uint8_t unused[65536];
    poke(f, 8 * 65536, unused, sizeof(unused));
    poke(f, rb + 8 * 2, one, 2);
    poke(f, rb + 5 * 2, zero, 2);
    struct block_dev *ro;
    assert_int_equal(block_open(&ro, f, NULL, BLOCK_O_CHECK), 0);
    struct block_check c = { 0 };
    assert_int_equal(ro->drv->check(ro, &c, 0), 0);
    assert_int_equal(c.leaks, 1);
    assert_true(c.corruptions >= 1);
    block_check_free(&c);
    block_close(ro);
    assert_int_equal(block_open(&bs, f, NULL, BLOCK_O_RDWR | BLOCK_O_CHECK), 0);
    memset(&c, 0, sizeof(c));
    assert_int_equal(bs->drv->check(bs, &c, BLOCK_FIX_LEAKS | BLOCK_FIX_ERRORS), 0);
    assert_int_equal(c.leaks_fixed, 1);
    assert_true(c.corruptions_fixed >= 1);
    block_check_free(&c);
    expect_clean(bs);
    expect_pattern(bs, 0, 3 * 65536, 12);
    block_close(bs);
}

static void lazy_refcounts_and_dirty_bit(void **state)
{
    const char *f = tpath("lazy.qcow2");
    make(f, "lazy_refcounts=on", 4 << 20);
    pid_t pid = fork();
    if (pid == 0) {
        struct block_dev *bs;
        if (block_open(&bs, f, NULL, BLOCK_O_RDWR) < 0)
            _exit(1);
        uint8_t buf[65536];
        memset(buf, 0x5a, sizeof(buf));
        for (int i = 0; i < 20; i++)
            if (block_write(bs, (uint64_t)i * 131072, buf, sizeof(buf)) < 0)
                _exit(2);
        _exit(0);     /* a crash: no close, refcounts never written */
    }
    int st;
    waitpid(pid, &st, 0);
    assert_int_equal(WEXITSTATUS(st), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, f, NULL, 0), 0);
    struct block_info in;
    assert_int_equal(block_get_info(bs, &in), 0);
    assert_true(in.dirty);
    block_info_free(&in);
    block_close(bs);
    bs = open_rw(f);                       /* repairs and clears the dirty bit */
    assert_int_equal(block_get_info(bs, &in), 0);
    assert_false(in.dirty);
    block_info_free(&in);
    expect_clean(bs);
    uint8_t buf[65536], want[65536];
    memset(want, 0x5a, sizeof(want));
    assert_int_equal(block_read(bs, 19 * 131072, buf, sizeof(buf)), 0);
    assert_memory_equal(buf, want, sizeof(buf));
    block_close(bs);
}

/* Forks a child that runs `work` on a fresh image and kills it after a random moment. */
static void kill_midway(const char *f, const char *opts, void (*work)(const char *f))
{
    make(f, opts, 16 << 20);
    pid_t pid = fork();
    if (pid == 0) {
        work(f);
        _exit(0);
    }
    usleep((useconds_t)(2000 + rand() % 30000));
    kill(pid, SIGKILL);
    int st;
    waitpid(pid, &st, 0);
    assert_true(WIFSIGNALED(st));
}

static void write_forever(const char *f)
{
    struct block_dev *bs;
    if (block_open(&bs, f, NULL, BLOCK_O_RDWR | BLOCK_O_UNSAFE) < 0)
        _exit(1);
    uint8_t buf[20000];
    for (unsigned i = 0;; i++) {
        tpattern(buf, sizeof(buf), i);
        uint64_t off = (uint64_t)(i * 7919u % 800) * 20000;
        int r = i % 3 ? block_write(bs, off, buf, sizeof(buf))
                      : block_write_zeroes(bs, off, sizeof(buf), true);
        if (r < 0)
            _exit(2);
        if (i % 97 == 96 && block_truncate(bs, bs->size + (1 << 20), false, "off") < 0)
            _exit(3);
    }
}

static void snapshot_forever(const char *f)
{
    struct block_dev *bs;
    if (block_open(&bs, f, NULL, BLOCK_O_RDWR | BLOCK_O_UNSAFE) < 0)
        _exit(1);
    uint8_t buf[20000];
    for (unsigned i = 0;; i++) {
        tpattern(buf, sizeof(buf), i);
        if (block_write(bs, (uint64_t)(i * 7919u % 800) * 20000, buf, sizeof(buf)) < 0)
            _exit(2);
        struct block_snapshot sn = { .icount = UINT64_MAX };
        snprintf(sn.name, sizeof(sn.name), "s%u", i);
        if (i % 5 == 4 && bs->drv->snapshot_create(bs, &sn) < 0)
            _exit(3);
        snprintf(sn.name, sizeof(sn.name), "s%u", i - 10);
        if (i % 5 == 4 && i > 10 && bs->drv->snapshot_delete(bs, sn.name) < 0)
            _exit(4);
    }
}

static struct block_check check_of(const char *f)
{
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, f, NULL, BLOCK_O_CHECK), 0);
    struct block_check c = { 0 };
    assert_int_equal(bs->drv->check(bs, &c, 0), 0);
    block_close(bs);
    return c;
}

/* Writes, zero writes and resizes killed at random points leave leaks, never corruption. */
static void killed_writer_leaves_no_corruption(void **state)
{
    const char *f = tpath("kill.qcow2");
    srand((unsigned)time(NULL));
    for (int round = 0; round < 6; round++) {
        kill_midway(f, round % 2 ? "cluster_size=4k" : "", write_forever);
        struct block_check c = check_of(f);
        for (int i = 0; i < c.nmessages && c.corruptions; i++)
            fprintf(stderr, "round %d: %s\n", round, c.messages[i]);
        assert_int_equal(c.corruptions, 0);
        block_check_free(&c);
    }
}

/* Snapshot changes killed midway can leave one harmless inconsistency (as qemu's can): a
 * COPIED flag missing on a cluster whose refcount is 1, which costs a copy on the next
 * write.  Never a COPIED flag on a shared cluster, and check -r all repairs everything. */
static void killed_snapshotter_is_repairable(void **state)
{
    const char *f = tpath("ksnap.qcow2");
    for (int round = 0; round < 6; round++) {
        kill_midway(f, "cluster_size=4k", snapshot_forever);
        struct block_check c = check_of(f);
        for (int i = 0; i < c.nmessages; i++) {
            const char *m = c.messages[i];
            bool harmless = !strncmp(m, "Leaked", 6) ||
                            (strstr(m, "OFLAG_COPIED") && strstr(m, " refcount=1") &&
                             !strcmp(strstr(m, " refcount=1"), " refcount=1"));
            if (!harmless)
                fprintf(stderr, "round %d: %s\n", round, m);
            assert_true(harmless);
        }
        block_check_free(&c);
        struct block_dev *bs;
        assert_int_equal(block_open(&bs, f, NULL, BLOCK_O_RDWR | BLOCK_O_CHECK), 0);
        memset(&c, 0, sizeof(c));
        assert_int_equal(bs->drv->check(bs, &c, BLOCK_FIX_LEAKS | BLOCK_FIX_ERRORS), 0);
        block_check_free(&c);
        expect_clean(bs);
        block_close(bs);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(roundtrip_v3_64k),
        cmocka_unit_test(roundtrip_v2_64k),
        cmocka_unit_test(roundtrip_v3_512),
        cmocka_unit_test(roundtrip_v2_4k),
        cmocka_unit_test(roundtrip_refcount_bits),
        cmocka_unit_test(zero_clusters),
        cmocka_unit_test(compressed_clusters),
        cmocka_unit_test(backing_file_reads_and_cow),
        cmocka_unit_test(backing_loops_refused),
        cmocka_unit_test(snapshots),
        cmocka_unit_test(resize_grow_and_shrink),
        cmocka_unit_test(preallocation_modes),
        cmocka_unit_test(check_finds_and_repairs),
        cmocka_unit_test(lazy_refcounts_and_dirty_bit),
        cmocka_unit_test(killed_writer_leaves_no_corruption),
        cmocka_unit_test(killed_snapshotter_is_repairable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
