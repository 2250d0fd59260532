/* VMDK information (the fields qemu-img reports), consistency check and host usage. */
#include "sysemu/block/vmdk_int.h"

#include <errno.h>
#include <string.h>

static const char *type_word(const struct vmdk_extent *x)
{
    if (!x->named)
        return "";                         /* a monolithic file's own extent has no line */
    return x->type == VMDK_EXT_FLAT ? "FLAT" : x->type == VMDK_EXT_SPARSE ? "SPARSE" : "ZERO";
}

static int extent_info(struct block_info *in, const struct vmdk_extent *x)
{
    int r = block_info_begin(in, NULL, BLOCK_FIELD_OBJECT);
    if (r == 0 && x->sp && x->sp->hdr.compress == 1)
        r = block_info_add_bool(in, "compressed", true);
    if (r == 0)
        r = block_info_add_int(in, "virtual-size", (int64_t)x->len);
    if (r == 0)
        r = block_info_add_str(in, "filename", x->path ? x->path : "");
    if (r == 0 && x->sp)
        r = block_info_add_int(in, "cluster-size", (int64_t)x->sp->grain_bytes);
    if (r == 0)
        r = block_info_add_str(in, "format", type_word(x));
    return r ? r : block_info_end(in);
}

int vmdk_get_info(struct block_dev *bs, struct block_info *info)
{
    struct vmdk_image *im = bs->opaque;
    info->specific_type = "vmdk";
    int r = block_info_add_int(info, "cid", im->desc.cid);
    if (r == 0)
        r = block_info_add_int(info, "parent-cid", im->desc.parent_cid);
    if (r == 0)
        r = block_info_add_str(info, "create-type", im->desc.create_type);
    if (r == 0)
        r = block_info_begin(info, "extents", BLOCK_FIELD_LIST);
    for (size_t i = 0; r == 0 && i < im->n_ext; i++)
        r = extent_info(info, &im->ext[i]);
    return r ? r : block_info_end(info);
}

int vmdk_check(struct block_dev *bs, struct block_check *res, int fix)
{
    struct vmdk_image *im = bs->opaque;
    if (fix)
        return block_fail(-ENOTSUP, "repairing VMDK images is not supported (as qemu-img)");
    for (size_t i = 0; i < im->n_ext; i++) {
        struct vmdk_extent *x = &im->ext[i];
        if (x->type != VMDK_EXT_SPARSE)
            continue;
        block_clear_error();
        int r = vmdk_sparse_check(x->sp);
        if (r == -EUCLEAN) {
            res->corruptions++;
            block_check_report(res, "ERROR: %s: %s", x->path, block_error());
        } else if (r == -EINVAL) {
            /* A table pointing past the end stops the check, as qemu-img's does (exit 1). */
            block_check_report(res, "ERROR: %s: %s", x->path, block_error());
            return r;
        } else if (r < 0) {
            return r;
        }
    }
    block_clear_error();
    return 0;
}

int vmdk_allocated_size(struct block_dev *bs, uint64_t *bytes)
{
    struct vmdk_image *im = bs->opaque;
    int r = hostfile_allocated(bs->fd, bytes);
    for (size_t i = 0; r == 0 && i < im->n_ext; i++) {
        uint64_t b;
        if (im->ext[i].own_fd && (r = hostfile_allocated(im->ext[i].fd, &b)) == 0)
            *bytes += b;
    }
    return r;
}
