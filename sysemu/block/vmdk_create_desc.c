/* Creating the VMDK subformats made of a descriptor file and extent files beside it, named
 * as qemu-img and VMware name them: monolithicFlat ("disk-flat.vmdk", one raw file),
 * twoGbMaxExtentFlat ("disk-f001.vmdk", ... raw files of at most 2 GiB) and
 * twoGbMaxExtentSparse ("disk-s001.vmdk", ... sparse extents of at most 2 GiB each).
 * Flat files are created sparse (truncated to size), so creating costs no disk space. */
#include "sysemu/block/vmdk_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPLIT_SECTORS ((2ULL << 30) / VMDK_SECTOR)

/* The descriptor's path without a ".vmdk" suffix, the stem extent names grow from. */
static char *stem_of(const char *filename)
{
    size_t n = strlen(filename);
    if (n > 5 && !strcmp(filename + n - 5, ".vmdk"))
        n -= 5;
    return strndup(filename, n);
}

/* Extent i's path and the name the descriptor records (its last component). */
static int extent_path(const char *stem, const char *sub, size_t i, char **path)
{
    int n = !strcmp(sub, "monolithicFlat") ? asprintf(path, "%s-flat.vmdk", stem)
            : asprintf(path, "%s-%c%03zu.vmdk", stem,
                       strstr(sub, "Sparse") ? 's' : 'f', i + 1);
    return n < 0 ? -ENOMEM : 0;
}

static int create_flat(const char *path, uint64_t sectors)
{
    int fd = hostfile_create(path);
    if (fd < 0)
        return block_fail(fd, "could not create '%s': %s", path, strerror(-fd));
    int r = hostfile_truncate(fd, sectors * VMDK_SECTOR);
    close(fd);
    return r < 0 ? block_fail(r, "could not size '%s': %s", path, strerror(-r)) : 0;
}

static int write_descriptor(const char *filename, const char *text, size_t len)
{
    int fd = hostfile_create(filename);
    if (fd < 0)
        return block_fail(fd, "could not create '%s': %s", filename, strerror(-fd));
    int r = hostfile_pwrite(fd, text, len, 0);
    if (r == 0)
        r = hostfile_flush(fd);
    close(fd);
    return r;
}

/* Creates the extent files (filling in ext[]) and then the descriptor that names them. */
static int create_all(const char *filename, const char *sub, uint64_t sectors,
                      const struct block_opts *opts, bool zeroed,
                      struct vmdk_desc_extent *ext, size_t n)
{
    char *stem = stem_of(filename);
    int r = stem ? 0 : -ENOMEM;
    bool sparse = strstr(sub, "Sparse") != NULL;
    for (size_t i = 0; r == 0 && i < n; i++) {
        uint64_t len = n == 1 ? sectors : sectors - i * SPLIT_SECTORS;
        ext[i] = (struct vmdk_desc_extent){
            .access = VMDK_RW, .type = sparse ? VMDK_EXT_SPARSE : VMDK_EXT_FLAT,
            .sectors = len < SPLIT_SECTORS || n == 1 ? len : SPLIT_SECTORS };
        char *path;
        if ((r = extent_path(stem, sub, i, &path)) < 0)
            break;
        r = sparse ? vmdk_create_sparse_extent(path, ext[i].sectors, zeroed)
                   : create_flat(path, ext[i].sectors);
        const char *slash = strrchr(path, '/');
        ext[i].file = strdup(slash ? slash + 1 : path);
        free(path);
        if (r == 0 && !ext[i].file)
            r = -ENOMEM;
    }
    size_t cap = 4096 + n * 64 + strlen(filename) * n;
    char *text = r == 0 ? malloc(cap) : NULL;
    if (r == 0 && !text)
        r = -ENOMEM;
    if (r == 0 && (r = vmdk_create_desc_text(opts, sub, ext, n, text, cap)) >= 0)
        r = write_descriptor(filename, text, (size_t)r);
    free(text);
    free(stem);
    return r;
}

int vmdk_create_described(const char *filename, const char *sub, uint64_t sectors,
                          const struct block_opts *opts, bool zeroed)
{
    bool split = !strncmp(sub, "twoGbMaxExtent", 14);
    uint64_t n = split ? sectors / SPLIT_SECTORS + (sectors % SPLIT_SECTORS != 0) : 1;
    if (n == 0)
        n = 1;                             /* an empty disk still has its one extent */
    if (n > VMDK_MAX_EXTENTS)
        return block_fail(-EFBIG, "VMDK image too large for %s (more than %u extents)", sub,
                          VMDK_MAX_EXTENTS);
    struct vmdk_desc_extent *ext = calloc((size_t)n, sizeof *ext);
    if (!ext)
        return -ENOMEM;
    int r = create_all(filename, sub, sectors, opts, zeroed, ext, (size_t)n);
    for (size_t i = 0; i < n; i++)
        free(ext[i].file);
    free(ext);
    return r < 0 ? r : 0;
}
