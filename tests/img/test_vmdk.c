/* The VMDK driver: monolithicSparse and streamOptimized written and read back (and checked
 * and compared by qemu-img when installed), every subformat qemu-img writes read back
 * identically with matching info, and bad images refused with a reason, unmodified. */
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
#include "sysemu/block/vmdk_int.h"
#include "testutil.h"

/* meson defines HAVE_QEMU_IMG=1 when qemu-img was found; the interop checks then must pass
 * and the tests reading qemu-img's own images are registered. */
#ifndef HAVE_QEMU_IMG
#define HAVE_QEMU_IMG 0
#endif

#define MiB (1u << 20)
#define GRAIN 65536u

/* Writes bytes at offsets of a plain file (the reference "raw" copy). */
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

/* The same writes go to an image and to a raw reference file. */
struct pair { struct block_dev *bs; const char *raw; uint64_t size; };

static void pair_write(struct pair *p, uint64_t off, size_t len, uint32_t seed)
{
    uint8_t *b = malloc(len);
    tpattern(b, len, seed);
    assert_int_equal(block_write(p->bs, off, b, len), 0);
    put_file(p->raw, p->size, off, b, len);
    free(b);
}

/* Every byte of the image equals the raw file. */
static void assert_same(struct block_dev *bs, const char *raw)
{
    int fd = open(raw, O_RDONLY);
    assert_true(fd >= 0);
    size_t chunk = 3 * MiB + 512;           /* not grain-aligned on purpose */
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

static void fill_pattern(struct pair *p)
{
    pair_write(p, 0, 4096, 1);                          /* partial first grain */
    pair_write(p, GRAIN - 512, 1024, 2);                /* across a grain boundary */
    pair_write(p, 3 * GRAIN, 2 * GRAIN, 3);             /* whole grains */
    pair_write(p, 32 * MiB - 512, 4096, 4);             /* across a grain-table boundary */
    pair_write(p, p->size - 1024, 1024, 5);             /* the very end */
}

/* The first "key": number in qemu-img's JSON. */
static long long json_num(const char *json, const char *key)
{
    char k[64];
    snprintf(k, sizeof k, "\"%s\": ", key);
    const char *p = strstr(json, k);
    assert_non_null(p);
    return strtoll(p + strlen(k), NULL, 10);
}

static void info_matches_qemu(struct block_dev *bs, const char *img, const char *type)
{
    int status;
    char *json = tcapture(&status, "qemu-img info --output=json -f vmdk '%s'", img);
    assert_int_equal(status, 0);
    assert_int_equal(json_num(json, "virtual-size"), bs->size);
    struct block_info in;
    assert_int_equal(block_get_info(bs, &in), 0);
    if (strstr(json, "\"cluster-size\""))
        assert_int_equal(json_num(json, "cluster-size"), in.cluster_size);
    else
        assert_int_equal(in.cluster_size, 0);
    assert_int_equal(json_num(json, "cid"), in.fields[0].num);
    assert_int_equal(json_num(json, "parent-cid"), in.fields[1].num);
    char want[600];
    snprintf(want, sizeof want, "\"create-type\": \"%s\"", type);
    assert_non_null(strstr(json, want));
    assert_string_equal(in.fields[2].str, type);
    for (int i = 0; i < in.nfields; i++) {
        if (!in.fields[i].key || strcmp(in.fields[i].key, "filename"))
            continue;
        snprintf(want, sizeof want, "\"filename\": \"%s\"", in.fields[i].str);
        assert_non_null(strstr(json, want));            /* each extent's file, as opened */
    }
    block_info_free(&in);
    free(json);
}

static void qemu_agrees(const char *img, const char *raw)
{
    if (!HAVE_QEMU_IMG)
        return;
    assert_int_equal(tsystem("qemu-img check -q -f vmdk '%s'", img), 0);
    assert_int_equal(tsystem("qemu-img compare -q -f vmdk -F raw '%s' '%s'", img, raw), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, img, NULL, 0), 0);
    struct block_info in;
    assert_int_equal(block_get_info(bs, &in), 0);
    info_matches_qemu(bs, img, in.fields[2].str);
    block_info_free(&in);
    block_close(bs);
}

static void write_read_back(const char *subformat, const char *name)
{
    const char *img = tpath(name), *raw = tpath("ref.raw");
    uint64_t size = 40 * MiB + 3 * 512;                 /* last grain is partial */
    struct block_opts o = { 0 };
    unlink(raw);
    assert_int_equal(block_opts_set(&o, "subformat", subformat), 0);
    assert_int_equal(block_create(img, "vmdk", size, &o), 0);
    block_opts_free(&o);
    struct pair p = { NULL, raw, size };
    assert_int_equal(block_open(&p.bs, img, NULL, BLOCK_O_RDWR), 0);
    assert_string_equal(p.bs->drv->name, "vmdk");
    assert_int_equal(p.bs->size, size);
    put_file(raw, size, 0, NULL, 0);
    fill_pattern(&p);
    assert_same(p.bs, raw);                             /* before the tables are flushed */
    assert_int_equal(block_flush(p.bs), 0);
    block_close(p.bs);
    assert_int_equal(block_open(&p.bs, img, "vmdk", 0), 0);
    assert_same(p.bs, raw);
    struct block_check c = { 0 };
    assert_int_equal(p.bs->drv->check(p.bs, &c, 0), 0);
    assert_int_equal(c.corruptions, 0);
    assert_int_equal(p.bs->drv->check(p.bs, &c, BLOCK_FIX_ERRORS), -ENOTSUP);   /* as qemu-img */
    block_check_free(&c);
    block_close(p.bs);
    qemu_agrees(img, raw);
}

static void sparse_write_read(void **state)
{
    write_read_back("monolithicSparse", "w-sparse.vmdk");
}

static void stream_write_read(void **state)
{
    write_read_back("streamOptimized", "w-stream.vmdk");
}

/* A closed streamOptimized image takes new grains but refuses to rewrite old ones. */
static void stream_append_not_rewrite(void **state)
{
    const char *img = tpath("append.vmdk"), *raw = tpath("append.raw");
    struct block_opts o = { 0 };
    unlink(raw);
    assert_int_equal(block_opts_set(&o, "subformat", "streamOptimized"), 0);
    assert_int_equal(block_create(img, "vmdk", 4 * MiB, &o), 0);
    block_opts_free(&o);
    struct pair p = { NULL, raw, 4 * MiB };
    put_file(raw, p.size, 0, NULL, 0);
    assert_int_equal(block_open(&p.bs, img, NULL, BLOCK_O_RDWR), 0);
    pair_write(&p, 0, GRAIN, 7);
    block_close(p.bs);
    assert_int_equal(block_open(&p.bs, img, NULL, BLOCK_O_RDWR), 0);
    pair_write(&p, 2 * GRAIN, GRAIN, 8);
    uint8_t b[512] = { 1 };
    assert_int_equal(block_write(p.bs, 0, b, sizeof b), -EIO);
    assert_non_null(strstr(block_error(), "cannot be rewritten"));
    assert_int_equal(block_flush(p.bs), 0);
    block_close(p.bs);
    assert_int_equal(block_open(&p.bs, img, NULL, 0), 0);
    assert_same(p.bs, raw);
    block_close(p.bs);
    qemu_agrees(img, raw);
}

/* Grains deflated elsewhere (convert compresses on several threads) go in beside ordinary
 * writes: a buffered grain is stored first, no grain twice. */
static void stream_precompressed(void **state)
{
    const char *img = tpath("prez.vmdk"), *raw = tpath("prez.raw");
    struct block_opts o = { 0 };
    unlink(raw);
    assert_int_equal(block_opts_set(&o, "subformat", "streamOptimized"), 0);
    assert_int_equal(block_create(img, "vmdk", 4 * MiB, &o), 0);
    block_opts_free(&o);
    struct pair p = { NULL, raw, 4 * MiB };
    put_file(raw, p.size, 0, NULL, 0);
    assert_int_equal(block_open(&p.bs, img, NULL, BLOCK_O_RDWR), 0);
    assert_true(p.bs->stores_compressed && block_can_compress_in_parallel(p.bs));
    pair_write(&p, 512, 4096, 40);                 /* grain 0, still buffered */
    static uint8_t g[GRAIN], z[2 * GRAIN];
    tpattern(g, sizeof g, 41);
    size_t zlen = block_compress(p.bs, g, sizeof g, z, sizeof z);
    assert_true(zlen > 0);
    assert_int_equal(block_write_precompressed(p.bs, 3 * GRAIN, z, zlen), 0);
    put_file(raw, p.size, 3 * GRAIN, g, sizeof g);
    assert_int_equal(block_write_precompressed(p.bs, 3 * GRAIN, z, zlen), -EIO);
    assert_int_equal(block_write_precompressed(p.bs, 0, z, zlen), -EIO);
    assert_non_null(strstr(block_error(), "cannot be rewritten"));
    assert_int_equal(block_flush(p.bs), 0);
    block_close(p.bs);
    assert_int_equal(block_open(&p.bs, img, NULL, 0), 0);
    assert_same(p.bs, raw);
    block_close(p.bs);
    qemu_agrees(img, raw);
}

static void status_and_info(void **state)
{
    const char *img = tpath("status.vmdk");
    assert_int_equal(block_create(img, "vmdk", 8 * MiB, NULL), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, img, NULL, BLOCK_O_RDWR), 0);
    uint8_t b[GRAIN];
    tpattern(b, sizeof b, 9);
    assert_int_equal(block_write(bs, 2 * GRAIN, b, sizeof b), 0);
    uint64_t pnum, host;
    int st = block_status(bs, 0, bs->size, &pnum, &host, NULL);
    assert_int_equal(st, BLOCK_STATUS_ZERO);
    assert_int_equal(pnum, 2 * GRAIN);
    st = block_status(bs, 2 * GRAIN, bs->size - 2 * GRAIN, &pnum, &host, NULL);
    assert_true(st & BLOCK_STATUS_DATA && st & BLOCK_STATUS_OFFSET_VALID);
    assert_int_equal(pnum, GRAIN);
    assert_int_equal(host % GRAIN, 0);
    struct block_info in;
    assert_int_equal(block_get_info(bs, &in), 0);
    assert_int_equal(in.cluster_size, GRAIN);
    assert_string_equal(in.specific_type, "vmdk");
    assert_string_equal(in.fields[2].key, "create-type");
    assert_string_equal(in.fields[2].str, "monolithicSparse");
    block_info_free(&in);
    block_close(bs);
}

/* ---- images qemu-img writes ---- */

static void make_raw_source(const char *raw, uint64_t size)
{
    unlink(raw);
    put_file(raw, size, 0, NULL, 0);
    uint8_t *b = malloc(MiB);
    tpattern(b, MiB, 11);
    put_file(raw, size, 0, b, 4096);
    put_file(raw, size, 5 * MiB + 300 * 512, b, MiB);
    put_file(raw, size, size - 2048, b + 77, 2048);
    free(b);
}

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

static void read_qemu_subformat(const char *type)
{
    const char *raw = tpath("q-src.raw");
    char name[64];
    snprintf(name, sizeof name, "q-%s.vmdk", type);
    const char *img = tpath(name);
    make_raw_source(raw, 9 * MiB);
    assert_int_equal(tsystem("qemu-img convert -f raw -O vmdk -o subformat=%s '%s' '%s'",
                             type, raw, img), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, img, NULL, 0), 0);
    assert_int_equal(bs->size, 9 * MiB);
    assert_same(bs, raw);
    info_matches_qemu(bs, img, type);
    map_matches_qemu(bs, img);
    block_close(bs);
    /* Writing through qemu-img's image (streamOptimized: appending new grains). */
    struct pair p = { NULL, raw, 9 * MiB };
    assert_int_equal(block_open(&p.bs, img, NULL, BLOCK_O_RDWR), 0);
    pair_write(&p, 7 * MiB, GRAIN + 4096, 21);
    assert_int_equal(block_flush(p.bs), 0);
    block_close(p.bs);
    qemu_agrees(img, raw);
}

static void read_qemu_sparse(void **state) { read_qemu_subformat("monolithicSparse"); }
static void read_qemu_stream(void **state) { read_qemu_subformat("streamOptimized"); }
static void read_qemu_flat(void **state) { read_qemu_subformat("monolithicFlat"); }
static void read_qemu_2gb_sparse(void **state) { read_qemu_subformat("twoGbMaxExtentSparse"); }
static void read_qemu_2gb_flat(void **state) { read_qemu_subformat("twoGbMaxExtentFlat"); }

/* qemu-io's "write -z" on a zeroed_grain image leaves a grain table entry of 1: zeros. */
static void read_qemu_zeroed_grain(void **state)
{
    const char *img = tpath("q-zg.vmdk");
    assert_int_equal(tsystem("qemu-img create -q -f vmdk -o zeroed_grain=on '%s' 1M && "
                             "qemu-io -c 'write -P 7 0 128k' -c 'write -z 0 64k' '%s' "
                             ">/dev/null", img, img), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, img, NULL, 0), 0);
    uint8_t b[2 * GRAIN], want[2 * GRAIN];
    memset(want, 0, GRAIN);
    memset(want + GRAIN, 7, GRAIN);
    assert_int_equal(block_read(bs, 0, b, sizeof b), 0);
    assert_memory_equal(b, want, sizeof b);
    uint64_t pnum;
    assert_int_equal(block_status(bs, 0, bs->size, &pnum, NULL, NULL),
                     BLOCK_STATUS_ZERO | BLOCK_STATUS_ALLOCATED);
    assert_int_equal(pnum, GRAIN);
    map_matches_qemu(bs, img);
    block_close(bs);
}

/* A descriptor of three kinds of extent, written by hand; one file backs two extents. */
static void multi_extent_descriptor(void **state)
{
    const char *desc = tpath("multi.vmdk"), *raw = tpath("multi.raw");
    uint8_t *b = malloc(MiB);
    tpattern(b, MiB, 12);
    unlink(raw);
    put_file(tpath("multi-f1.bin"), 2 * MiB, 0, b, MiB);
    FILE *f = fopen(desc, "w");
    fprintf(f, "# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\n"
            "createType=\"twoGbMaxExtentFlat\"\n\n"
            "RW 1024 FLAT \"multi-f1.bin\" 1024\nRW 2048 ZERO\nRDONLY 4096 FLAT "
            "\"multi-f1.bin\" 0\n");
    fclose(f);
    /* [0, 512K) the file's second half-MiB; then 1 MiB of zeros; then the whole file. */
    put_file(raw, 7 * MiB / 2, 0, b + MiB / 2, MiB / 2);
    put_file(raw, 7 * MiB / 2, 3 * MiB / 2, b, MiB);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, desc, NULL, 0), 0);
    assert_int_equal(bs->size, 7 * MiB / 2);
    assert_same(bs, raw);
    block_close(bs);
    assert_int_equal(block_open(&bs, desc, NULL, BLOCK_O_RDWR), 0);
    assert_int_equal(block_write(bs, 3 * MiB, b, 512), -EROFS);      /* the RDONLY extent */
    assert_int_equal(block_write(bs, MiB, b, 512), -EROFS);          /* the ZERO extent */
    assert_int_equal(block_write(bs, 0, b, 512), 0);
    block_close(bs);
    free(b);
}

/* ---- bad input: refused with a reason, never modified ---- */

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

static void spit(const char *path, const uint8_t *b, size_t len)
{
    unlink(path);
    put_file(path, len, 0, b, len);
}

/* A small monolithicSparse image with two grains written; returns its bytes. */
static uint8_t *good_sparse(const char *path, size_t *len)
{
    assert_int_equal(block_create(path, "vmdk", 4 * MiB, NULL), 0);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, path, NULL, BLOCK_O_RDWR), 0);
    uint8_t g[GRAIN];
    tpattern(g, sizeof g, 13);
    assert_int_equal(block_write(bs, 0, g, sizeof g), 0);
    assert_int_equal(block_write(bs, 5 * GRAIN, g, sizeof g), 0);
    block_close(bs);
    return slurp(path, len);
}

/* Opening (read-only and read-write) fails naming `why`; the file keeps its bytes. */
static void refused(const char *path, const char *why, int qemu_check_rc)
{
    size_t before_len, after_len;
    uint8_t *before = slurp(path, &before_len);
    struct block_dev *bs = NULL;
    int r = block_open(&bs, path, "vmdk", BLOCK_O_RDWR);
    assert_true(r < 0);
    assert_null(bs);
    if (!strstr(block_error(), why))
        fail_msg("error '%s' does not mention '%s'", block_error(), why);
    assert_true(block_open(&bs, path, "vmdk", 0) < 0);
    uint8_t *after = slurp(path, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
    if (HAVE_QEMU_IMG && qemu_check_rc >= 0)
        assert_int_equal(tsystem("qemu-img check -q -f vmdk '%s' 2>/dev/null", path),
                         qemu_check_rc);
}

static void bad_truncated(void **state)
{
    const char *p = tpath("bad-trunc.vmdk");
    size_t len;
    uint8_t *b = good_sparse(p, &len);
    spit(p, b, 300);
    refused(p, "truncated", 1);
    spit(p, b, 20 * 512);                  /* header fine, directories gone */
    refused(p, "outside the file", 1);
    free(b);
}

static void bad_header_fields(void **state)
{
    const char *p = tpath("bad-hdr.vmdk");
    size_t len;
    uint8_t *b = good_sparse(p, &len);
    uint8_t *c = malloc(len);
    memcpy(c, b, len);
    vmdk_st64(c + 12, 1ULL << 60);         /* capacity */
    spit(p, c, len);
    refused(p, "too large", 1);
    memcpy(c, b, len);
    vmdk_st64(c + 20, 3);                  /* grain size not a power of two */
    spit(p, c, len);
    refused(p, "grain size", -1);          /* qemu accepts odd grains; we do not */
    memcpy(c, b, len);
    vmdk_st64(c + 20, 1ULL << 40);
    spit(p, c, len);
    refused(p, "grain size", 1);
    memcpy(c, b, len);
    vmdk_st64(c + 56, 1ULL << 40);         /* gdOffset */
    spit(p, c, len);
    refused(p, "grain directory", -1);     /* qemu reads the redundant copy instead */
    memcpy(c, b, len);
    vmdk_st32(c + 4, 9);                   /* version */
    spit(p, c, len);
    refused(p, "version", 1);
    free(c);
    free(b);
}

/* The subformats of a descriptor file and extent files: created as qemu-img names and
 * sizes them (2 GiB extents), written across an extent boundary, read back (and checked
 * and compared by qemu-img when installed). */
static void create_described(void **state)
{
    static const char *const subs[] = { "monolithicFlat", "twoGbMaxExtentFlat",
                                        "twoGbMaxExtentSparse" };
    static const char *const second[] = { NULL, "desc-1-f002.vmdk", "desc-2-s002.vmdk" };
    const uint64_t size = 3ULL << 30, at = (2ULL << 30) - GRAIN / 2;
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "desc-%d.vmdk", i);
        const char *img = tpath(name), *raw = tpath("desc.raw");
        struct block_opts o = { 0 };
        unlink(raw);
        assert_int_equal(block_opts_set(&o, "subformat", subs[i]), 0);
        assert_int_equal(block_create(img, "vmdk", size, &o), 0);
        block_opts_free(&o);
        struct stat st;
        assert_int_equal(stat(tpath(i ? second[i] : "desc-0-flat.vmdk"), &st), 0);
        struct pair p = { NULL, raw, size };
        put_file(raw, size, 0, NULL, 0);
        assert_int_equal(block_open(&p.bs, img, NULL, BLOCK_O_RDWR), 0);
        pair_write(&p, at, GRAIN, 20 + (uint32_t)i);
        pair_write(&p, 4096, 512, 30 + (uint32_t)i);
        block_close(p.bs);
        assert_int_equal(block_open(&p.bs, img, NULL, 0), 0);
        uint8_t got[GRAIN], want[GRAIN];
        tpattern(want, sizeof want, 20 + (uint32_t)i);
        assert_int_equal(block_read(p.bs, at, got, sizeof got), 0);
        assert_memory_equal(got, want, sizeof got);
        block_close(p.bs);
        qemu_agrees(img, raw);
        unlink(raw);
    }
}

/* A streamOptimized footer that places the descriptor elsewhere than the header does: it
 * reads (from the footer, as qemu does) but a write, which keeps the header and reuses the
 * space behind it, would leave the header pointing past the end of the file (found by the
 * fuzzer): refused, file untouched. */
static void stream_footer_disagrees(void **state)
{
    const char *p = tpath("foot-desc.vmdk");
    struct block_opts o = { 0 };
    assert_int_equal(block_opts_set(&o, "subformat", "streamOptimized"), 0);
    assert_int_equal(block_create(p, "vmdk", 4 * MiB, &o), 0);
    block_opts_free(&o);
    size_t len;
    uint8_t *b = slurp(p, &len);
    uint64_t desc_off = vmdk_ld64(b + 28), desc_size = vmdk_ld64(b + 36);
    size_t grown = len + (size_t)desc_size * VMDK_SECTOR;
    uint8_t *c = calloc(1, grown);
    memcpy(c, b, len - 3 * VMDK_SECTOR);   /* the footer moves to the new end */
    memcpy(c + grown - 3 * VMDK_SECTOR, b + len - 3 * VMDK_SECTOR, 3 * VMDK_SECTOR);
    uint64_t moved = (len - 3 * VMDK_SECTOR) / VMDK_SECTOR;
    memcpy(c + moved * VMDK_SECTOR, b + desc_off * VMDK_SECTOR, desc_size * VMDK_SECTOR);
    vmdk_st64(c + 28, moved);              /* the header's descriptor: past the old tail */
    spit(p, c, grown);
    struct block_dev *bs = NULL;
    assert_int_equal(block_open(&bs, p, "vmdk", 0), 0);
    block_close(bs);
    bs = NULL;
    assert_int_equal(block_open(&bs, p, "vmdk", BLOCK_O_RDWR), -ENOTSUP);
    assert_null(bs);
    assert_non_null(strstr(block_error(), "footer and header disagree"));
    size_t after_len;
    uint8_t *after = slurp(p, &after_len);
    assert_int_equal(after_len, grown);
    assert_memory_equal(after, c, grown);
    free(after);
    free(c);
    free(b);
}

/* Table damage that only a full scan sees: check reports it as a corruption (exit code 2,
 * overlap) or stops with an error (exit code 1, out of the file), as qemu-img does. */
static void check_finds(const char *p, const char *why, int check_result)
{
    struct block_dev *bs;
    size_t before_len;
    uint8_t *before = slurp(p, &before_len);
    assert_true(block_open(&bs, p, "vmdk", BLOCK_O_RDWR) < 0);   /* no writes to it */
    assert_non_null(strstr(block_error(), why));
    assert_int_equal(block_open(&bs, p, "vmdk", BLOCK_O_CHECK), 0);
    struct block_check c = { 0 };
    assert_int_equal(bs->drv->check(bs, &c, 0), check_result);
    assert_int_equal(c.corruptions, check_result == 0);
    assert_int_equal(c.nmessages, 1);
    assert_non_null(strstr(c.messages[0], why));
    block_check_free(&c);
    block_close(bs);
    size_t after_len;
    uint8_t *after = slurp(p, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
}

static void bad_tables(void **state)
{
    const char *p = tpath("bad-gt.vmdk");
    size_t len;
    uint8_t *b = good_sparse(p, &len);
    struct vmdk_hdr h;
    vmdk_hdr_decode(b, &h);
    uint64_t gt = vmdk_ld32(b + h.gd_off * 512) * 512ULL;
    uint8_t *c = malloc(len);
    memcpy(c, b, len);
    vmdk_st32(c + gt + 4, 0x7fffffff);     /* grain 1 far past the end */
    spit(p, c, len);
    check_finds(p, "outside", -EINVAL);
    struct block_dev *bs;
    assert_int_equal(block_open(&bs, p, NULL, 0), 0);
    uint8_t buf[512];
    assert_int_equal(block_read(bs, GRAIN, buf, sizeof buf), -EINVAL);
    assert_non_null(strstr(block_error(), "outside"));
    block_close(bs);
    if (HAVE_QEMU_IMG)
        assert_int_equal(tsystem("qemu-img check -q -f vmdk '%s' 2>/dev/null", p), 1);
    memcpy(c, b, len);
    vmdk_st32(c + gt + 4 * 2, vmdk_ld32(c + gt) + 1);   /* grain 2 overlaps grain 0 */
    spit(p, c, len);
    check_finds(p, "overlaps", 0);
    memcpy(c, b, len);
    vmdk_st32(c + gt + 4 * 3, (uint32_t)h.gd_off);      /* a grain on the directory */
    spit(p, c, len);
    check_finds(p, "overlaps", 0);
    free(c);
    free(b);
}

static void write_desc(const char *path, const char *extent_line)
{
    FILE *f = fopen(path, "w");
    fprintf(f, "# Disk DescriptorFile\nversion=1\nCID=1\nparentCID=ffffffff\n"
            "createType=\"monolithicFlat\"\n\n%s\n", extent_line);
    fclose(f);
}

static void bad_descriptors(void **state)
{
    const char *d = tpath("bad-desc.vmdk");
    write_desc(d, "RW 2048 FLAT \"no-such-file.bin\" 0");
    refused(d, "no-such-file.bin", 1);
    write_desc(d, "RW 1 FLAT \"bad-desc.vmdk\" 0");
    refused(d, "descriptor loop", -1);     /* qemu reads its own text as the disk */
    write_desc(tpath("bad-desc2.vmdk"), "RW 2048 SPARSE \"bad-desc.vmdk\"");
    write_desc(d, "RW 2048 SPARSE \"bad-desc2.vmdk\"");
    refused(d, "nested descriptors", 1);
    put_file(tpath("short.bin"), 4096, 0, NULL, 0);
    write_desc(d, "RW 2048 FLAT \"short.bin\" 0");
    refused(d, "truncated", -1);           /* qemu reads zeros past the end */
    write_desc(d, "RW 2048 BOGUS \"short.bin\"");
    refused(d, "extent type", -1);         /* qemu skips lines it does not know */
    write_desc(d, "RW 99999999999999999999 FLAT \"short.bin\"");
    refused(d, "extent size", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sparse_write_read),
        cmocka_unit_test(stream_write_read),
        cmocka_unit_test(stream_append_not_rewrite),
        cmocka_unit_test(stream_precompressed),
        cmocka_unit_test(status_and_info),
        cmocka_unit_test(multi_extent_descriptor),
        cmocka_unit_test(bad_truncated),
        cmocka_unit_test(bad_header_fields),
        cmocka_unit_test(stream_footer_disagrees),
        cmocka_unit_test(create_described),
        cmocka_unit_test(bad_tables),
        cmocka_unit_test(bad_descriptors),
    };
    const struct CMUnitTest qemu_tests[] = {
        cmocka_unit_test(read_qemu_sparse),
        cmocka_unit_test(read_qemu_stream),
        cmocka_unit_test(read_qemu_flat),
        cmocka_unit_test(read_qemu_2gb_sparse),
        cmocka_unit_test(read_qemu_2gb_flat),
        cmocka_unit_test(read_qemu_zeroed_grain),
    };
    int failed = cmocka_run_group_tests_name("vmdk", tests, NULL, NULL);
    if (HAVE_QEMU_IMG)
        failed += cmocka_run_group_tests_name("vmdk-qemu-img", qemu_tests, NULL, NULL);
    return failed;
}
