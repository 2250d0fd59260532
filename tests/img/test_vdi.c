/* The VDI driver: dynamic and static images written and read back (checked and compared by
 * qemu-img when installed), the same layout as qemu-img's, images qemu-img writes read back
 * identically, and bad images refused with a reason (or reported by check), unmodified. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sysemu/block/block.h"
#include "sysemu/block/hostfile.h"
#include "sysemu/block/vdi_int.h"
#include "testutil.h"

/* meson defines HAVE_QEMU_IMG=1 when qemu-img was found; the interop checks then must pass
 * and the tests reading qemu-img's own images are registered. */
#ifndef HAVE_QEMU_IMG
#define HAVE_QEMU_IMG 0
#endif

#define MiB (1u << 20)

static void put_file(const char *path, uint64_t size, uint64_t off, const void *buf,
                     size_t len)
{
    int fd = open(path, O_RDWR | O_CREAT, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)size), 0);
    if (len)
        assert_int_equal(pwrite(fd, buf, len, (off_t)off), (ssize_t)len);
    close(fd);
}

static uint8_t *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    assert_true(fd >= 0 && fstat(fd, &st) == 0);
    uint8_t *b = malloc((size_t)st.st_size + 1);
    assert_int_equal(hostfile_pread(fd, b, (size_t)st.st_size, 0), 0);
    close(fd);
    *len = (size_t)st.st_size;
    return b;
}

static void assert_same(struct block_dev *bs, const char *raw)
{
    int fd = open(raw, O_RDONLY);
    assert_true(fd >= 0);
    size_t chunk = MiB + 4096 + 17;        /* never block-aligned */
    uint8_t *a = malloc(chunk), *b = malloc(chunk);
    for (uint64_t off = 0; off < bs->size; off += chunk) {
        size_t n = bs->size - off < chunk ? (size_t)(bs->size - off) : chunk;
        assert_int_equal(block_read(bs, off, a, n), 0);
        assert_int_equal(hostfile_pread_zero(fd, b, n, off), 0);
        assert_memory_equal(a, b, n);
    }
    free(a);
    free(b);
    close(fd);
}

static void write_both(struct block_dev *bs, const char *raw, uint64_t off, size_t len,
                       uint32_t seed)
{
    uint8_t *b = malloc(len);
    tpattern(b, len, seed);
    assert_int_equal(block_write(bs, off, b, len), 0);
    put_file(raw, bs->size, off, b, len);
    free(b);
}

static uint32_t allocated_blocks(const char *img)
{
    size_t len;
    uint8_t *b = slurp(img, &len);
    uint32_t n = vdi_ld32(b + 0x184);
    free(b);
    return n;
}

static void write_read_back(bool is_static, const char *name)
{
    const char *img = tpath(name), *raw = tpath("ref.raw");
    uint64_t size = 5 * MiB + 1000;        /* rounded up to whole sectors, as qemu-img */
    struct block_opts o = { 0 };
    assert_int_equal(block_opts_set(&o, "static", is_static ? "on" : "off"), 0);
    assert_int_equal(block_create(img, "vdi", size, &o), 0);
    block_opts_free(&o);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, img, NULL, BLOCK_O_RDWR), 0);
    assert_string_equal(bs->drv->name, "vdi");
    assert_int_equal(bs->size, 5 * MiB + 1024);
    assert_int_equal(bs->cluster_size, MiB);
    unlink(raw);
    put_file(raw, bs->size, 0, NULL, 0);
    uint8_t zeros[8192] = { 0 };
    assert_int_equal(block_write(bs, 4 * MiB, zeros, sizeof zeros), 0);
    assert_int_equal(allocated_blocks(img), is_static ? 6 : 0);   /* zeros stay sparse */
    write_both(bs, raw, 100, 3000, 1);                  /* unaligned inside block 0 */
    write_both(bs, raw, 2 * MiB - 512, 1024, 2);        /* across blocks 1 and 2 */
    write_both(bs, raw, 3 * MiB, MiB, 3);               /* one whole block */
    write_both(bs, raw, bs->size - 24, 24, 4);          /* the partial last block */
    assert_same(bs, raw);
    assert_int_equal(block_flush(bs), 0);
    block_close(bs);
    assert_int_equal(allocated_blocks(img), is_static ? 6 : 5);
    assert_int_equal(block_open(&bs, img, NULL, 0), 0);
    assert_same(bs, raw);
    struct block_check c = { 0 };
    assert_int_equal(bs->drv->check(bs, &c, 0), 0);
    assert_int_equal(c.corruptions, 0);
    assert_int_equal(bs->drv->check(bs, &c, BLOCK_FIX_ERRORS), -ENOTSUP);   /* as qemu-img */
    block_close(bs);
    if (HAVE_QEMU_IMG) {
        assert_int_equal(tsystem("qemu-img check -q -f vdi '%s'", img), 0);
        assert_int_equal(tsystem("qemu-img compare -q -f vdi -F raw '%s' '%s'", img, raw), 0);
    }
}

static void dynamic_write_read(void **state) { write_read_back(false, "dyn.vdi"); }
static void static_write_read(void **state) { write_read_back(true, "static.vdi"); }

static void status_runs(void **state)
{
    const char *img = tpath("status.vdi");
    assert_int_equal(block_create(img, "vdi", 8 * MiB, NULL), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, img, NULL, BLOCK_O_RDWR), 0);
    uint8_t b[4096];
    tpattern(b, sizeof b, 5);
    assert_int_equal(block_write(bs, 3 * MiB, b, sizeof b), 0);
    assert_int_equal(block_write(bs, 4 * MiB, b, sizeof b), 0);
    uint64_t pnum, host;
    assert_int_equal(block_status(bs, 0, bs->size, &pnum, &host, NULL),
                     BLOCK_STATUS_ZERO | BLOCK_STATUS_ALLOCATED);
    assert_int_equal(pnum, 3 * MiB);
    int st = block_status(bs, 3 * MiB + 512, bs->size - 3 * MiB - 512, &pnum, &host, NULL);
    assert_int_equal(st, BLOCK_STATUS_DATA | BLOCK_STATUS_ALLOCATED |
                         BLOCK_STATUS_OFFSET_VALID);
    assert_int_equal(pnum, 2 * MiB - 512);              /* blocks 3 and 4 are adjacent */
    assert_int_equal(host, 1024 + 512);                 /* data starts after one map sector */
    struct block_opts o = { 0 };
    assert_int_equal(block_opts_set(&o, "static", "on"), 0);
    assert_int_equal(block_create(tpath("status-static.vdi"), "vdi", 2 * MiB, &o), 0);
    block_opts_free(&o);
    block_close(bs);
    assert_int_equal(block_open(&bs, tpath("status-static.vdi"), NULL, 0), 0);
    /* Block 1 is allocated but a hole in the file (block 0 shares a page with the map). */
    st = block_status(bs, MiB, MiB, &pnum, &host, NULL);
    assert_int_equal(st, BLOCK_STATUS_DATA | BLOCK_STATUS_ZERO | BLOCK_STATUS_ALLOCATED |
                         BLOCK_STATUS_OFFSET_VALID);
    assert_int_equal(pnum, MiB);
    block_close(bs);
}

/* ---- qemu-img's images ---- */

/* Our empty image has qemu-img's header and map, UUIDs aside. */
static void same_layout_as_qemu(bool is_static)
{
    const char *ours = tpath("lay-ours.vdi"), *theirs = tpath("lay-qemu.vdi");
    struct block_opts o = { 0 };
    assert_int_equal(block_opts_set(&o, "static", is_static ? "on" : "off"), 0);
    uint32_t size = 130 * MiB + 512;                    /* a map of two sectors */
    assert_int_equal(block_create(ours, "vdi", size, &o), 0);
    block_opts_free(&o);
    assert_int_equal(tsystem("qemu-img create -q -f vdi -o static=%s '%s' %u", is_static ?
                             "on" : "off", theirs, size), 0);
    struct stat sa, sb;
    assert_int_equal(stat(ours, &sa), 0);
    assert_int_equal(stat(theirs, &sb), 0);
    assert_int_equal(sa.st_size, sb.st_size);
    uint8_t a[1536], b[1536];                           /* header and map; data is a hole */
    int fa = open(ours, O_RDONLY), fb = open(theirs, O_RDONLY);
    assert_int_equal(hostfile_pread(fa, a, sizeof a, 0), 0);
    assert_int_equal(hostfile_pread(fb, b, sizeof b, 0), 0);
    close(fa);
    close(fb);
    memset(a + 0x188, 0, 32);                           /* image and last-snapshot UUIDs */
    memset(b + 0x188, 0, 32);
    assert_memory_equal(a, b, sizeof a);
}

static void layout_dynamic(void **state) { same_layout_as_qemu(false); }
static void layout_static(void **state) { same_layout_as_qemu(true); }

/* Every extent qemu-img map reports starts an area our status calls the same:
 * zero, data, present (allocated). */
static void map_matches_qemu(struct block_dev *bs, const char *img)
{
    int status;
    char *json = tcapture(&status, "qemu-img map --output=json '%s'", img);
    assert_int_equal(status, 0);
    int entries = 0;
    for (const char *p = strstr(json, "{ \"start\""); p; p = strstr(p + 1, "{ \"start\"")) {
        unsigned long long start, length;
        int depth;
        char present[8], zero[8], data[8];
        assert_int_equal(sscanf(p, "{ \"start\": %llu, \"length\": %llu, \"depth\": %d, "
                                "\"present\": %7[a-z], \"zero\": %7[a-z], \"data\": %7[a-z]",
                                &start, &length, &depth, present, zero, data), 6);
        uint64_t pnum;
        int st = block_status(bs, start, length, &pnum, NULL, NULL);
        assert_true(st >= 0);
        if (!(st & BLOCK_STATUS_ZERO) != !strcmp(zero, "false") ||
            !(st & BLOCK_STATUS_DATA) != !strcmp(data, "false") ||
            !(st & BLOCK_STATUS_ALLOCATED) != !strcmp(present, "false"))
            fail_msg("%s at %llu: qemu-img says present %s zero %s data %s, we say 0x%x",
                     img, start, present, zero, data, st);
        entries++;
    }
    assert_true(entries > 0);
    free(json);
}

static void read_qemu_image(bool is_static)
{
    const char *raw = tpath("q-src.raw"), *img = tpath("q.vdi");
    uint8_t *b = malloc(MiB);
    tpattern(b, MiB, 6);
    unlink(raw);
    put_file(raw, 7 * MiB, 0, b, 512);
    put_file(raw, 7 * MiB, 2 * MiB + 4096, b, MiB);
    put_file(raw, 7 * MiB, 7 * MiB - 100, b, 100);
    free(b);
    assert_int_equal(tsystem("qemu-img convert -f raw -O vdi -o static=%s '%s' '%s'",
                             is_static ? "on" : "off", raw, img), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, img, NULL, 0), 0);
    assert_same(bs, raw);
    int status;
    char *json = tcapture(&status, "qemu-img info --output=json '%s'", img);
    assert_int_equal(status, 0);
    char want[128];
    snprintf(want, sizeof want, "\"virtual-size\": %llu", (unsigned long long)bs->size);
    assert_non_null(strstr(json, want));
    snprintf(want, sizeof want, "\"cluster-size\": %u", bs->cluster_size);
    assert_non_null(strstr(json, want));
    assert_non_null(strstr(json, "\"format\": \"vdi\""));
    free(json);
    map_matches_qemu(bs, img);
    block_close(bs);
}

static void read_qemu_dynamic(void **state) { read_qemu_image(false); }
static void read_qemu_static(void **state) { read_qemu_image(true); }

/* ---- bad input ---- */

/* A 4 MiB dynamic image with blocks 0 and 2 allocated (map entries 0 and 1). */
static uint8_t *good_image(const char *path, size_t *len)
{
    assert_int_equal(block_create(path, "vdi", 4 * MiB, NULL), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, path, NULL, BLOCK_O_RDWR), 0);
    uint8_t b[512];
    tpattern(b, sizeof b, 7);
    assert_int_equal(block_write(bs, 0, b, sizeof b), 0);
    assert_int_equal(block_write(bs, 2 * MiB, b, sizeof b), 0);
    block_close(bs);
    return slurp(path, len);
}

static void spit(const char *path, const uint8_t *b, size_t len)
{
    unlink(path);
    put_file(path, len, 0, b, len);
}

/* Writes `len` bytes of `good` with one 32-bit field changed (off < 0: none). */
static void variant(const char *path, const uint8_t *good, size_t len, long off, uint32_t v)
{
    uint8_t *c = malloc(len);
    memcpy(c, good, len);
    if (off >= 0)
        vdi_st32(c + off, v);
    spit(path, c, len);
    free(c);
}

/* Every open fails naming `why`, the file unchanged; qemu-img check exits as given. */
static void refused(const char *path, const char *why, int qemu_check_rc)
{
    size_t la, lb;
    uint8_t *before = slurp(path, &la);
    struct block_dev *bs = NULL;
    assert_true(block_open(&bs, path, "vdi", BLOCK_O_RDWR) < 0);
    assert_null(bs);
    if (!strstr(block_error(), why))
        fail_msg("error '%s' does not mention '%s'", block_error(), why);
    assert_true(block_open(&bs, path, "vdi", 0) < 0);
    uint8_t *after = slurp(path, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(before, after, la);
    free(before);
    free(after);
    if (HAVE_QEMU_IMG && qemu_check_rc >= 0)
        assert_int_equal(tsystem("qemu-img check -q -f vdi '%s' 2>/dev/null", path),
                         qemu_check_rc);
}

static void bad_headers(void **state)
{
    const char *p = tpath("bad.vdi");
    size_t len;
    uint8_t *g = good_image(p, &len);
    variant(p, g, 300, -1, 0);
    refused(p, "truncated", 1);
    variant(p, g, len, 0x40, 0x1234);
    refused(p, "not a VDI", 1);
    variant(p, g, len, 0x44, 0x00010000);
    refused(p, "version 1.0", 1);
    variant(p, g, len, 0x4c, 3);
    refused(p, "image type", -1);          /* qemu reads undo images as dynamic */
    variant(p, g, len, 0x178, 4096);
    refused(p, "block size", 1);
    variant(p, g, len, 0x180, 0x7fffffff);
    refused(p, "blocks", 1);
    variant(p, g, len, 0x170, 100 * MiB);
    refused(p, "exceeds", 1);
    variant(p, g, len, 0x1b8, 5);
    refused(p, "parent", 1);
    variant(p, g, len, 0x158, 0x401);
    refused(p, "aligned", 1);
    variant(p, g, len, 0x158, 0x200);
    refused(p, "overlaps", -1);            /* qemu only looks at the data offset's alignment */
    free(g);
}

/* Map damage: open refuses it, check (exit code 2 as qemu-img's) reports each problem. */
static void check_reports(const char *p, const char *why, int corruptions)
{
    refused(p, why, 2);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, p, "vdi", BLOCK_O_CHECK | BLOCK_O_RDWR), 0);
    struct block_check c = { 0 };
    assert_int_equal(bs->drv->check(bs, &c, 0), 0);
    assert_int_equal(c.corruptions, corruptions);
    assert_int_equal(c.nmessages, corruptions);
    assert_non_null(strstr(c.messages[0], why));
    block_check_free(&c);
    uint8_t b[512] = { 0 };
    assert_int_equal(block_write(bs, MiB, b, sizeof b), -EINVAL);   /* never through it */
    block_close(bs);
}

static void bad_maps(void **state)
{
    const char *p = tpath("badmap.vdi");
    size_t len;
    uint8_t *g = good_image(p, &len);
    variant(p, g, len, 0x200 + 4, 4);                  /* block 1 -> data block 4 of 4 */
    check_reports(p, "beyond", 2);                     /* and the count disagrees */
    variant(p, g, len, 0x200 + 8, 0);                  /* blocks 0 and 2 share one */
    check_reports(p, "share", 1);
    variant(p, g, len, 0x184, 1);
    check_reports(p, "counts 1", 1);
    variant(p, g, len, 0x200 + 12, 3);                 /* past the end of the file */
    check_reports(p, "past the end", 2);
    variant(p, g, 0x202, -1, 0);                       /* the map cut short */
    refused(p, "truncated", -1);           /* qemu-img check reads zeros past the end: 2 */
    free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dynamic_write_read),
        cmocka_unit_test(static_write_read),
        cmocka_unit_test(status_runs),
        cmocka_unit_test(bad_headers),
        cmocka_unit_test(bad_maps),
    };
    const struct CMUnitTest qemu_tests[] = {
        cmocka_unit_test(layout_dynamic),
        cmocka_unit_test(layout_static),
        cmocka_unit_test(read_qemu_dynamic),
        cmocka_unit_test(read_qemu_static),
    };
    int failed = cmocka_run_group_tests_name("vdi", tests, NULL, NULL);
    if (HAVE_QEMU_IMG)
        failed += cmocka_run_group_tests_name("vdi-qemu-img", qemu_tests, NULL, NULL);
    return failed;
}
