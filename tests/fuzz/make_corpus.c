/* Writes the fuzzers' seed corpus: small valid images of every kind the drivers read, made
 * through the block layer itself.  Usage: make_corpus DIR (DIR/vmdk, DIR/vdi, DIR/qcow2,
 * DIR/raw; the raw harness probes, so its seeds are the heads of all the others). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sysemu/block/block.h"

static char dir[4096];

static const char *at(const char *name)
{
    static char buf[4096 + 512];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

/* What to do to a new image besides plain writes. */
enum extra { PLAIN, COMPRESSED, ZEROES, SNAPSHOT };

static int do_extra(struct block_dev *bs, enum extra x, const uint8_t *buf, size_t len)
{
    struct block_snapshot sn = { .icount = UINT64_MAX };
    switch (x) {
    case COMPRESSED:
        return block_write_compressed(bs, 0, buf, bs->cluster_size);
    case ZEROES:
        return block_write_zeroes(bs, 0, 2 * (uint64_t)bs->cluster_size, false);
    case SNAPSHOT:
        snprintf(sn.id, sizeof sn.id, "1");
        snprintf(sn.name, sizeof sn.name, "seed");
        return bs->drv->snapshot_create(bs, &sn) < 0 ? -EIO
               : block_write(bs, 0, buf, len);
    default:
        return 0;
    }
}

/* Creates an image and writes a few compressible patterned runs into it. */
static int image_x(const char *name, const char *fmt, const char *opts, uint64_t size,
                   int writes, enum extra x)
{
    struct block_opts o = { 0 };
    struct block_dev *bs;
    static uint8_t buf[4096];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i / 64);
    int r = opts ? block_opts_parse(&o, opts) : 0;
    if (r == 0)
        r = block_create(at(name), fmt, size, &o);
    block_opts_free(&o);
    if (r == 0)
        r = block_open(&bs, at(name), fmt, BLOCK_O_RDWR | BLOCK_O_NO_BACKING);
    if (r < 0) {
        fprintf(stderr, "make_corpus: %s: %s\n", name, block_error());
        return r;
    }
    for (int i = 0; r == 0 && i < writes; i++)
        r = block_write(bs, (uint64_t)i * (size / writes) / 4096 * 4096, buf, sizeof buf);
    if (r == 0)
        r = do_extra(bs, x, buf, sizeof buf);
    if (r == 0)
        r = block_flush(bs);
    block_close(bs);
    if (r < 0)
        fprintf(stderr, "make_corpus: %s: %s\n", name, block_error());
    return r;
}

static int image(const char *name, const char *fmt, const char *opts, uint64_t size,
                 int writes)
{
    return image_x(name, fmt, opts, size, writes, PLAIN);
}

static int text(const char *name, const char *body)
{
    FILE *f = fopen(at(name), "w");
    if (!f || fputs(body, f) < 0 || fclose(f) != 0)
        return -EIO;
    return 0;
}

static int vmdk_seeds(void)
{
    int r = image("sparse-empty.vmdk", "vmdk", NULL, 1 << 20, 0);
    r = r ? r : image("sparse-data.vmdk", "vmdk", NULL, 1 << 20, 2);
    r = r ? r : image("stream-empty.vmdk", "vmdk", "subformat=streamOptimized", 1 << 20, 0);
    r = r ? r : image("stream-data.vmdk", "vmdk", "subformat=streamOptimized", 1 << 20, 3);
    r = r ? r : text("desc-multi.vmdk", "# Disk DescriptorFile\nversion=1\nCID=fffffffe\n"
                     "parentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\n"
                     "RW 16 FLAT \"flat.bin\" 0\nRW 8 ZERO\nRDONLY 2048 SPARSE \"sparse.vmdk\"\n"
                     "\nddb.adapterType = \"ide\"\n");
    r = r ? r : text("desc-2gb.vmdk", "# Disk DescriptorFile\nversion=1\nCID=1\n"
                     "parentCID=ffffffff\ncreateType=\"twoGbMaxExtentSparse\"\n\n"
                     "RW 2048 SPARSE \"sparse.vmdk\"\n");
    return r;
}

static int vdi_seeds(void)
{
    int r = image("dyn-empty.vdi", "vdi", NULL, 4 << 20, 0);
    r = r ? r : image("dyn-data.vdi", "vdi", NULL, 4 << 20, 1);
    /* A whole 1 MiB data block is too big for a seed: keep its first 4 KiB. */
    r = r ? r : truncate(at("dyn-data.vdi"), 1024 + 4096) ? -errno : 0;
    return r;
}

/* 512-byte clusters keep the seeds a few KiB; one seed per feature the driver parses. */
static int qcow2_seeds(void)
{
    int r = image("v3-empty.qcow2", "qcow2", "cluster_size=512", 1 << 20, 0);
    r = r ? r : image("v3-data.qcow2", "qcow2", "cluster_size=512", 1 << 20, 2);
    r = r ? r : image("v2-data.qcow2", "qcow2", "compat=0.10,cluster_size=512", 1 << 20, 2);
    r = r ? r : image("lazy.qcow2", "qcow2", "cluster_size=512,lazy_refcounts=on", 1 << 20, 1);
    r = r ? r : image("refcount1.qcow2", "qcow2", "cluster_size=512,refcount_bits=1",
                      1 << 20, 1);
    r = r ? r : image("refcount64.qcow2", "qcow2", "cluster_size=512,refcount_bits=64",
                      1 << 20, 1);
    r = r ? r : image_x("compressed.qcow2", "qcow2", "cluster_size=4096", 1 << 20, 0,
                        COMPRESSED);
    r = r ? r : image_x("zeroes.qcow2", "qcow2", "cluster_size=512", 1 << 20, 1, ZEROES);
    r = r ? r : image_x("snapshot.qcow2", "qcow2", "cluster_size=512", 1 << 20, 1, SNAPSHOT);
    r = r ? r : image("backing-raw.qcow2", "qcow2",
                      "cluster_size=512,backing_file=flat.bin,backing_fmt=raw", 1 << 20, 1);
    r = r ? r : image("backing-qcow2.qcow2", "qcow2",
                      "cluster_size=512,backing_file=base.qcow2,backing_fmt=qcow2", 1 << 20, 1);
    r = r ? r : image("prealloc.qcow2", "qcow2", "cluster_size=512,preallocation=metadata",
                      64 << 10, 0);
    return r;
}

/* The first 4 KiB (what probing reads) of every other seed, plus a few plain files. */
static int raw_seeds(const char *top)
{
    static const char *const fmts[] = { "vmdk", "vdi", "qcow2" };
    int r = text("text.img", "not an image\n");
    r = r ? r : text("desc-prefix.img", "# Disk DescriptorFile\n");
    for (size_t i = 0; r == 0 && i < sizeof fmts / sizeof *fmts; i++) {
        char from[4200];
        snprintf(from, sizeof from, "%s/%s", top, fmts[i]);
        DIR *d = opendir(from);
        struct dirent *e;
        while (r == 0 && d && (e = readdir(d))) {
            char src[8400], buf[4096];
            if (e->d_name[0] == '.')
                continue;
            snprintf(src, sizeof src, "%s/%s", from, e->d_name);
            FILE *in = fopen(src, "rb"), *out = fopen(at(e->d_name), "wb");
            size_t n = in ? fread(buf, 1, sizeof buf, in) : 0;
            r = in && out && fwrite(buf, 1, n, out) == n ? 0 : -EIO;
            if (in)
                fclose(in);
            if (out && fclose(out) != 0)
                r = -EIO;
        }
        if (d)
            closedir(d);
    }
    return r;
}

static int seeds(const char *top, const char *fmt, int (*make)(void))
{
    snprintf(dir, sizeof dir, "%s/%s", top, fmt);
    mkdir(dir, 0755);
    return make ? make() : raw_seeds(top);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_corpus DIR\n");
        return 2;
    }
    mkdir(argv[1], 0755);
    int r = seeds(argv[1], "vmdk", vmdk_seeds);
    r = r ? r : seeds(argv[1], "vdi", vdi_seeds);
    r = r ? r : seeds(argv[1], "qcow2", qcow2_seeds);
    r = r ? r : seeds(argv[1], "raw", NULL);
    return r ? 1 : 0;
}
