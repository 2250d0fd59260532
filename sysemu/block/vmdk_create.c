/* Creating VMDK images: monolithicSparse (header, descriptor, redundant and primary grain
 * directories with every grain table preallocated, data from the first grain boundary on,
 * the layout qemu-img and VMware write) and streamOptimized (header, descriptor and an
 * empty GT/GD/footer/end-of-stream tail that the first written grain replaces); the
 * subformats of a descriptor file and extent files are in vmdk_create_desc.c. */
#include "sysemu/block/vmdk_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

const struct block_opt_desc vmdk_create_opts[] = {
    { "size", "size", "Virtual disk size" },
    { "subformat", "str", "VMDK flat extent format: monolithicSparse (default), "
      "monolithicFlat, twoGbMaxExtentSparse, twoGbMaxExtentFlat or streamOptimized" },
    { "adapter_type", "str", "Virtual adapter type: ide (default), buslogic, lsilogic or "
      "legacyESX" },
    { "hwversion", "str", "VMDK hardware version" },
    { "compat6", "bool", "VMDK version 6 image" },
    { "zeroed_grain", "bool", "Enable efficient zero writes using the zeroed-grain GTE "
      "feature" },
    { "toolsversion", "str", "VMware guest tools version (ignored)" },
    { "backing_file", "str", "File name of a base image (not supported)" },
    { NULL, NULL, NULL },
};

enum { GRAIN = 128, GTES = 512, DESC_OFF = 1, DESC_SECTORS = 20 };

static uint64_t div_up(uint64_t a, uint64_t b)
{
    return a / b + (a % b != 0);
}

static uint32_t random_cid(void)
{
    uint32_t v;
    if (getrandom(&v, sizeof v, 0) != sizeof v)
        v = (uint32_t)time(NULL) ^ (uint32_t)getpid() * 2654435761u;
    return v;
}

int vmdk_create_desc_text(const struct block_opts *o, const char *type,
                          struct vmdk_desc_extent *ext, size_t n_ext, char *buf, size_t cap)
{
    const char *adapter = block_opts_get(o, "adapter_type");
    const char *hw = block_opts_get(o, "hwversion");
    bool compat6 = false;
    int r = block_opts_get_bool(o, "compat6", false, &compat6);
    if (r < 0)
        return r;
    if (adapter && strcmp(adapter, "ide") && strcmp(adapter, "buslogic") &&
        strcmp(adapter, "lsilogic") && strcmp(adapter, "legacyESX"))
        return block_fail(-EINVAL, "unknown VMDK adapter type '%s'", adapter);
    char *end;
    unsigned long v = hw ? strtoul(hw, &end, 10) : 0;
    if (hw && (*end || v == 0 || v > 255))
        return block_fail(-EINVAL, "invalid VMDK hardware version '%s'", hw);
    struct vmdk_desc d = { .cid = random_cid(), .parent_cid = UINT32_MAX,
                           .hw_version = hw ? (uint32_t)v : compat6 ? 6 : 4,
                           .ext = ext, .n_ext = n_ext };
    snprintf(d.create_type, sizeof d.create_type, "%s", type);
    snprintf(d.adapter, sizeof d.adapter, "%s", adapter ? adapter : "ide");
    memset(buf, 0, cap);
    r = vmdk_desc_format(&d, buf, cap);
    if (r < 0)
        return block_fail(-ENAMETOOLONG, "VMDK descriptor does not fit (file name too long?)");
    return r;
}

static int make_desc(const char *filename, const char *type, uint64_t sectors,
                     const struct block_opts *o, char *buf)
{
    const char *base = strrchr(filename, '/');
    struct vmdk_desc_extent x = { .access = VMDK_RW, .type = VMDK_EXT_SPARSE,
                                  .sectors = sectors,
                                  .file = (char *)(base ? base + 1 : filename) };
    int r = vmdk_create_desc_text(o, type, &x, 1, buf, DESC_SECTORS * VMDK_SECTOR);
    return r < 0 ? r : 0;
}

/* Header and descriptor: the first DESC_OFF + DESC_SECTORS sectors (desc NULL: an extent
 * of a descriptor file, whose descriptor space stays zero, as qemu-img leaves it). */
static int write_head(int fd, const struct vmdk_hdr *h, const char *desc)
{
    uint8_t b[VMDK_SECTOR];
    vmdk_hdr_encode(h, b);
    int r = hostfile_pwrite(fd, b, sizeof b, 0);
    return r || !desc ? r : hostfile_pwrite(fd, desc, DESC_SECTORS * VMDK_SECTOR, VMDK_SECTOR);
}

/* A directory whose entries point at consecutive preallocated (zero) tables. */
static int write_dir(int fd, uint64_t at, uint64_t gd_sec, uint64_t n)
{
    uint8_t *b = calloc(gd_sec ? gd_sec : 1, VMDK_SECTOR);
    if (!b)
        return -ENOMEM;
    for (uint64_t i = 0; i < n; i++)
        vmdk_st32(b + 4 * i, (uint32_t)(at + gd_sec + i * (GTES * 4 / VMDK_SECTOR)));
    int r = hostfile_pwrite(fd, b, gd_sec * VMDK_SECTOR, at * VMDK_SECTOR);
    free(b);
    return r;
}

static int create_sparse(int fd, struct vmdk_hdr *h, const char *desc)
{
    uint64_t gts = div_up(div_up(h->capacity, GRAIN), GTES);
    uint64_t gd_sec = div_up(gts * 4, VMDK_SECTOR), gt_sec = GTES * 4 / VMDK_SECTOR;
    h->flags |= VMDK_FLAG_RGD;
    h->rgd_off = DESC_OFF + DESC_SECTORS;
    h->gd_off = h->rgd_off + gd_sec + gts * gt_sec;
    h->overhead = div_up(h->gd_off + gd_sec + gts * gt_sec, GRAIN) * GRAIN;
    if (h->overhead > UINT32_MAX)
        return block_fail(-EFBIG, "VMDK image too large for 32-bit grain offsets");
    int r = write_head(fd, h, desc);
    if (r == 0)
        r = write_dir(fd, h->rgd_off, gd_sec, gts);
    if (r == 0)
        r = write_dir(fd, h->gd_off, gd_sec, gts);
    return r ? r : hostfile_truncate(fd, h->overhead * VMDK_SECTOR);
}

static int create_stream(int fd, struct vmdk_hdr *h, const char *desc)
{
    h->version = 3;
    h->flags |= VMDK_FLAG_COMPRESS | VMDK_FLAG_MARKER;
    h->compress = 1;
    h->gd_off = VMDK_GD_AT_END;
    h->overhead = DESC_OFF + DESC_SECTORS;
    int r = write_head(fd, h, desc);
    struct vmdk_sparse s = { .fd = fd, .hdr = *h, .gd_entries = vmdk_hdr_gd_entries(h) };
    s.gd = calloc(s.gd_entries + 1, sizeof *s.gd);
    s.gt = calloc(s.gd_entries + 1, sizeof *s.gt);
    if (!s.gd || !s.gt)
        r = -ENOMEM;
    if (r == 0)
        r = vmdk_stream_write_tail(&s, h->overhead * VMDK_SECTOR);
    free(s.gd);
    free(s.gt);
    return r;
}

static struct vmdk_hdr new_header(uint64_t sectors, bool zeroed)
{
    struct vmdk_hdr h = { .version = zeroed ? 2 : 1, .flags = VMDK_FLAG_NL_DETECT,
                          .capacity = sectors, .grain = GRAIN, .desc_off = DESC_OFF,
                          .desc_size = DESC_SECTORS, .gtes = GTES };
    if (zeroed)
        h.flags |= VMDK_FLAG_ZERO_GRAIN;
    return h;
}

int vmdk_create_sparse_extent(const char *path, uint64_t sectors, bool zeroed)
{
    struct vmdk_hdr h = new_header(sectors, zeroed);
    int fd = hostfile_create(path);
    if (fd < 0)
        return block_fail(fd, "could not create '%s': %s", path, strerror(-fd));
    int r = create_sparse(fd, &h, NULL);
    close(fd);
    return r;
}

static int check_opts(const struct block_opts *o, const char **sub, bool *zeroed)
{
    const char *backing = block_opts_get(o, "backing_file");
    if (backing && *backing)
        return block_fail(-ENOTSUP, "VMDK backing files are not supported");
    *sub = block_opts_get(o, "subformat");
    if (!*sub)
        *sub = "monolithicSparse";
    if (strcmp(*sub, "monolithicSparse") && strcmp(*sub, "streamOptimized") &&
        strcmp(*sub, "monolithicFlat") && strcmp(*sub, "twoGbMaxExtentFlat") &&
        strcmp(*sub, "twoGbMaxExtentSparse"))
        return block_fail(-EINVAL, "unknown VMDK subformat '%s'", *sub);
    return block_opts_get_bool(o, "zeroed_grain", false, zeroed);
}

int vmdk_create(const char *filename, uint64_t size, const struct block_opts *opts)
{
    const char *sub = NULL;
    bool zeroed = false;
    char desc[DESC_SECTORS * VMDK_SECTOR];
    int r = check_opts(opts, &sub, &zeroed);
    struct vmdk_hdr h = new_header(div_up(size, VMDK_SECTOR), zeroed);
    if (r == 0 && vmdk_hdr_gd_entries(&h) > VMDK_MAX_GD_ENTRIES)
        r = block_fail(-EFBIG, "VMDK image size is too large");
    if (r == 0 && (!strcmp(sub, "monolithicFlat") || !strncmp(sub, "twoGbMaxExtent", 14)))
        return vmdk_create_described(filename, sub, h.capacity, opts, zeroed);
    if (r == 0)
        r = make_desc(filename, sub, h.capacity, opts, desc);
    if (r < 0)
        return r;
    int fd = hostfile_create(filename);
    if (fd < 0)
        return block_fail(fd, "could not create '%s': %s", filename, strerror(-fd));
    r = strcmp(sub, "streamOptimized") ? create_sparse(fd, &h, desc)
                                       : create_stream(fd, &h, desc);
    if (r == 0)
        r = hostfile_flush(fd);
    close(fd);
    return r;
}
