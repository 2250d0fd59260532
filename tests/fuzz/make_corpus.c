/* Writes the fuzzers' seed corpus: small valid VMDK and VDI images of every kind the drivers
 * read, made through the block layer itself.  Usage: make_corpus DIR (DIR/vmdk, DIR/vdi). */
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
    static char buf[4200];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

/* Creates an image and writes a few compressible patterned runs into it. */
static int image(const char *name, const char *fmt, const char *opts, uint64_t size,
                 int writes)
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
        r = block_open(&bs, at(name), fmt, BLOCK_O_RDWR);
    if (r < 0) {
        fprintf(stderr, "make_corpus: %s: %s\n", name, block_error());
        return r;
    }
    for (int i = 0; r == 0 && i < writes; i++)
        r = block_write(bs, (uint64_t)i * (size / writes) / 4096 * 4096, buf, sizeof buf);
    if (r == 0)
        r = block_flush(bs);
    block_close(bs);
    if (r < 0)
        fprintf(stderr, "make_corpus: %s: %s\n", name, block_error());
    return r;
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

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_corpus DIR\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s/vmdk", argv[1]);
    mkdir(argv[1], 0755);
    mkdir(dir, 0755);
    int r = vmdk_seeds();
    snprintf(dir, sizeof dir, "%s/vdi", argv[1]);
    mkdir(dir, 0755);
    r = r ? r : vdi_seeds();
    return r ? 1 : 0;
}
