/* The VMDK format driver: recognizing, opening and closing images, and its entry in the
 * driver list.  Sparse extents live in vmdk_sparse.c/vmdk_stream.c, the descriptor in
 * vmdk_desc.c, extents in vmdk_extents.c, I/O in vmdk_io.c, creation in vmdk_create.c. */
#include "sysemu/block/vmdk_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int vmdk_probe(const uint8_t *head, size_t len, const char *filename)
{
    static const char text_sig[] = "# Disk DescriptorFile";
    if (len >= 4 && (vmdk_hdr_magic_ok(head) || !memcmp(head, "COWD", 4)))
        return 100;
    if (len >= sizeof text_sig - 1 && !memcmp(head, text_sig, sizeof text_sig - 1))
        return 100;
    return 0;
}

static int vmdk_open(struct block_dev *bs)
{
    struct vmdk_image *im = calloc(1, sizeof *im);
    if (!im)
        return -ENOMEM;
    int r = vmdk_open_extents(bs, im);
    if (r < 0) {
        vmdk_image_free(im);
        free(im);
        return r;
    }
    const struct vmdk_extent *last = &im->ext[im->n_ext - 1];
    bs->size = last->start + last->len;
    bs->cluster_size = im->ext[0].sp ? (uint32_t)im->ext[0].sp->grain_bytes : 0;
    bs->zero_init = true;
    /* One writable deflating extent: convert may compress its grains on several threads. */
    bs->stores_compressed = (bs->flags & BLOCK_O_RDWR) && im->n_ext == 1 && im->ext[0].sp &&
                            im->ext[0].sp->hdr.compress == 1;
    bs->opaque = im;
    for (size_t i = 0; i < im->n_ext; i++)
        if (im->ext[i].sp)
            im->ext[i].sp->unsafe = bs->flags & BLOCK_O_UNSAFE;
    return 0;
}

static void vmdk_close(struct block_dev *bs)
{
    struct vmdk_image *im = bs->opaque;
    if (!im)
        return;
    /* Tables still in memory must reach the file; close cannot report, flush can. */
    if (bs->flags & BLOCK_O_RDWR)
        vmdk_flush(bs);
    vmdk_image_free(im);
    free(im);
    bs->opaque = NULL;
}

const struct block_driver block_driver_vmdk = {
    .name = "vmdk",
    .create_opts = vmdk_create_opts,
    .align = VMDK_SECTOR,
    .probe = vmdk_probe,
    .open = vmdk_open,
    .close = vmdk_close,
    .create = vmdk_create,
    .read = vmdk_read,
    .write = vmdk_write,
    .write_zeroes = vmdk_write_zeroes,
    .write_compressed = vmdk_write_compressed,
    .compress = vmdk_compress,
    .write_compressed_raw = vmdk_write_compressed_raw,
    .flush = vmdk_flush,
    .block_status = vmdk_block_status,
    .get_info = vmdk_get_info,
    .allocated_size = vmdk_allocated_size,
    .check = vmdk_check,
};
