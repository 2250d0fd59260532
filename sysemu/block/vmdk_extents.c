/* Opening a VMDK image's extents: a monolithic sparse file is its own single extent (its
 * embedded descriptor only names the type and CIDs); a descriptor file lists FLAT, SPARSE
 * and ZERO extents in other files, named relative to the descriptor's directory.  Extents
 * may not be descriptors themselves, the descriptor file, or one sparse file twice. */
#include "sysemu/block/vmdk_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* block_fail() with the current reason prefixed by the extent's name. */
static int fail_in(int r, const char *name)
{
    char why[512];
    snprintf(why, sizeof why, "%s", block_error());
    return block_fail(r, "extent '%s': %s", name, why[0] ? why : strerror(-r));
}

static int read_embedded_desc(struct vmdk_sparse *sp, struct vmdk_desc *d)
{
    size_t len = (size_t)(sp->hdr.desc_size * VMDK_SECTOR);
    char *text = len ? malloc(len) : NULL;
    int r = text ? hostfile_pread(sp->fd, text, len, sp->hdr.desc_off * VMDK_SECTOR)
                 : -ENOENT;
    if (r == 0)
        r = vmdk_desc_parse(text, len, d);
    free(text);
    if (r < 0 && r != -ENOMEM) {
        /* The data is reachable without it (as qemu does): fall back to the header's word. */
        memset(d, 0, sizeof *d);
        d->parent_cid = UINT32_MAX;
        snprintf(d->create_type, sizeof d->create_type, "%s",
                 sp->hdr.compress == 1 ? "streamOptimized" : "monolithicSparse");
        r = 0;
    }
    return r;
}

static int open_monolithic(struct block_dev *bs, struct vmdk_image *im)
{
    struct vmdk_sparse *sp;
    int r = vmdk_sparse_open(&sp, bs->fd, bs->flags & BLOCK_O_RDWR);
    if (r < 0)
        return r;
    struct vmdk_extent *x = calloc(1, sizeof *x);
    if (!x || !(x->path = strdup(bs->filename))) {
        free(x);
        vmdk_sparse_close(sp);
        return -ENOMEM;
    }
    im->ext = x;
    im->n_ext = 1;
    *x = (struct vmdk_extent){ .type = VMDK_EXT_SPARSE, .access = VMDK_RW, .start = 0,
                               .len = sp->hdr.capacity * VMDK_SECTOR, .fd = bs->fd,
                               .path = x->path, .sp = sp };
    r = read_embedded_desc(sp, &im->desc);
    if (r == 0 && im->desc.has_parent_hint)
        r = block_fail(-ENOTSUP, "VMDK images with a parent (parentFileNameHint) are not "
                       "supported");
    return r;
}

static char *join_path(const char *image, const char *name)
{
    const char *slash = strrchr(image, '/');
    size_t dir = name[0] == '/' || !slash ? 0 : (size_t)(slash - image + 1);
    char *p = malloc(dir + strlen(name) + 1);
    if (p) {
        memcpy(p, image, dir);
        strcpy(p + dir, name);
    }
    return p;
}

static int same_file(int a, const struct stat *b)
{
    struct stat st;
    return fstat(a, &st) == 0 && st.st_dev == b->st_dev && st.st_ino == b->st_ino;
}

static int open_sparse_extent(struct vmdk_extent *x, bool rw, const char *name)
{
    uint8_t head[32] = { 0 };
    hostfile_pread_zero(x->fd, head, sizeof head, 0);
    if (!vmdk_hdr_magic_ok(head))
        return block_fail(-EINVAL, "extent '%s' is %s", name,
                          memcmp(head, "# Disk DescriptorFile", 21) ? "not a VMDK sparse extent"
                          : "another descriptor file (nested descriptors are not supported)");
    int r = vmdk_sparse_open(&x->sp, x->fd, rw);
    if (r < 0)
        return fail_in(r, name);
    if (x->sp->hdr.capacity * VMDK_SECTOR < x->len)
        return block_fail(-EINVAL, "extent '%s' holds %" PRIu64 " sectors but the descriptor "
                          "says %" PRIu64, name, x->sp->hdr.capacity, x->len / VMDK_SECTOR);
    return 0;
}

static int check_flat_size(struct vmdk_extent *x, const char *name)
{
    uint64_t size;
    int r = hostfile_size(x->fd, &size);
    if (r < 0)
        return fail_in(r, name);
    if (size < x->flat_off || size - x->flat_off < x->len)
        return block_fail(-EINVAL, "flat extent '%s' is truncated: %" PRIu64 " bytes, the "
                          "descriptor needs %" PRIu64, name, size, x->flat_off + x->len);
    return 0;
}

/* Files opened so far, to refuse loops and duplicates. */
static int check_unique(struct vmdk_image *im, size_t i, const struct stat *self,
                        const char *name)
{
    struct vmdk_extent *x = &im->ext[i];
    if (same_file(x->fd, self))
        return block_fail(-ELOOP, "extent '%s' is the descriptor file itself (a descriptor "
                          "loop)", name);
    struct stat st;
    if (fstat(x->fd, &st) < 0)
        return fail_in(-errno, name);
    for (size_t k = 0; k < i; k++)
        if (im->ext[k].fd >= 0 && same_file(im->ext[k].fd, &st) &&
            (x->type == VMDK_EXT_SPARSE || im->ext[k].type == VMDK_EXT_SPARSE))
            return block_fail(-ELOOP, "extent '%s' names a sparse extent file already used",
                              name);
    return 0;
}

static int open_named(struct block_dev *bs, struct vmdk_image *im, size_t i,
                      const struct stat *self)
{
    const struct vmdk_desc_extent *d = &im->desc.ext[i];
    struct vmdk_extent *x = &im->ext[i];
    bool rw = (bs->flags & BLOCK_O_RDWR) && d->access == VMDK_RW;
    x->fd = -1;
    if (d->access == VMDK_NOACCESS)
        return block_fail(-ENOTSUP, "extent '%s' is NOACCESS", d->file);
    if (d->type == VMDK_EXT_ZERO)
        return 0;
    if (!(x->path = join_path(bs->filename, d->file)))
        return -ENOMEM;
    /* Opening a FIFO or a terminal could block forever: only files and disks are extents. */
    struct stat st;
    if (stat(x->path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
        return block_fail(-EINVAL, "extent '%s' is not a regular file or block device",
                          d->file);
    x->fd = hostfile_open(x->path, rw);
    if (x->fd < 0)
        return block_fail(x->fd, "cannot open extent '%s': %s", x->path, strerror(-x->fd));
    x->own_fd = true;
    int r = check_unique(im, i, self, d->file);
    if (r == 0)
        r = d->type == VMDK_EXT_SPARSE ? open_sparse_extent(x, rw, d->file)
                                       : check_flat_size(x, d->file);
    return r;
}

static int open_descriptor_file(struct block_dev *bs, struct vmdk_image *im, uint64_t size)
{
    if (size > VMDK_MAX_DESC_BYTES)
        return block_fail(-EINVAL, "VMDK descriptor file is too large (%" PRIu64 " bytes)",
                          size);
    char *text = malloc(size + 1);
    struct stat self;
    int r = text ? hostfile_pread(bs->fd, text, size, 0) : -ENOMEM;
    if (r == 0)
        r = vmdk_desc_parse(text, size, &im->desc);
    free(text);
    if (r == 0 && im->desc.has_parent_hint)
        r = block_fail(-ENOTSUP, "VMDK images with a parent (parentFileNameHint) are not "
                       "supported");
    if (r == 0 && fstat(bs->fd, &self) < 0)
        r = -errno;
    if (r == 0 && !(im->ext = calloc(im->desc.n_ext, sizeof *im->ext)))
        r = -ENOMEM;
    uint64_t at = 0;
    for (size_t i = 0; r == 0 && i < im->desc.n_ext; i++) {
        const struct vmdk_desc_extent *d = &im->desc.ext[i];
        im->n_ext++;
        im->ext[i] = (struct vmdk_extent){ .type = d->type, .access = d->access, .start = at,
                                           .len = d->sectors * VMDK_SECTOR, .named = true,
                                           .flat_off = d->offset * VMDK_SECTOR };
        if (d->sectors > BLOCK_MAX_SIZE / VMDK_SECTOR - at / VMDK_SECTOR)
            return block_fail(-EFBIG, "VMDK extents add up to an absurd size");
        at += im->ext[i].len;
        r = open_named(bs, im, i, &self);
    }
    return r;
}

int vmdk_open_extents(struct block_dev *bs, struct vmdk_image *im)
{
    uint8_t head[4] = { 0 };
    uint64_t size;
    int r = hostfile_size(bs->fd, &size);
    if (r < 0)
        return r;
    hostfile_pread_zero(bs->fd, head, sizeof head, 0);
    if (vmdk_hdr_magic_ok(head))
        return open_monolithic(bs, im);
    if (!memcmp(head, "COWD", 4))
        return block_fail(-ENOTSUP, "VMDK3 (COWD) sparse extents are not supported");
    return open_descriptor_file(bs, im, size);
}

void vmdk_image_free(struct vmdk_image *im)
{
    for (size_t i = 0; i < im->n_ext; i++) {
        struct vmdk_extent *x = &im->ext[i];
        vmdk_sparse_close(x->sp);
        if (x->own_fd)
            close(x->fd);
        free(x->path);
    }
    free(im->ext);
    vmdk_desc_free(&im->desc);
    memset(im, 0, sizeof *im);
}

struct vmdk_extent *vmdk_extent_at(struct vmdk_image *im, uint64_t off)
{
    size_t lo = 0, hi = im->n_ext;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (im->ext[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    return &im->ext[lo];
}
