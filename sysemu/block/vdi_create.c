/* Creating VDI images: header, block map, then (static) every data block in map order or
 * (dynamic) nothing yet.  The layout is the one qemu-img writes. */
#include "sysemu/block/vdi_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

const struct block_opt_desc vdi_create_opts[] = {
    { "size", "size", "Virtual disk size" },
    { "static", "bool", "VDI image with all blocks allocated at creation" },
    { NULL, NULL, NULL },
};

/* A random (version 4) UUID, stored as VirtualBox does: first three fields little-endian. */
static void new_uuid(uint8_t u[16])
{
    if (getrandom(u, 16, 0) != 16) {
        uint64_t x = (uint64_t)time(NULL) * 6364136223846793005u + (uint64_t)getpid();
        for (int i = 0; i < 16; i++, x = x * 6364136223846793005u + 1442695040888963407u)
            u[i] = (uint8_t)(x >> 56);
    }
    u[7] = (uint8_t)((u[7] & 0x0f) | 0x40);
    u[8] = (uint8_t)((u[8] & 0x3f) | 0x80);
}

static int write_map(int fd, const struct vdi_hdr *h)
{
    size_t len = h->offset_data - h->offset_bmap;
    uint8_t *b = malloc(len + 1);
    if (!b)
        return -ENOMEM;
    memset(b, 0, len);
    for (uint32_t i = 0; i < h->blocks_in_image; i++)
        vdi_st32(b + 4 * (size_t)i, h->image_type == VDI_TYPE_STATIC ? i : VDI_UNALLOCATED);
    int r = hostfile_pwrite(fd, b, len, h->offset_bmap);
    free(b);
    return r;
}

int vdi_create(const char *filename, uint64_t size, const struct block_opts *opts)
{
    bool is_static = false;
    int r = block_opts_get_bool(opts, "static", false, &is_static);
    if (r < 0)
        return r;
    size = (size + 511) / 512 * 512;
    uint64_t blocks = (size + VDI_BLOCK_SIZE - 1) / VDI_BLOCK_SIZE;
    if (blocks > VDI_MAX_BLOCKS)
        return block_fail(-EFBIG, "VDI image size %" PRIu64 " is too large (at most %" PRIu64
                          ")", size, (uint64_t)VDI_MAX_BLOCKS * VDI_BLOCK_SIZE);
    uint64_t map = (blocks * 4 + 511) / 512 * 512;
    struct vdi_hdr h = {
        .signature = VDI_SIGNATURE, .version = VDI_VERSION_1_1, .header_size = 0x180,
        .image_type = is_static ? VDI_TYPE_STATIC : VDI_TYPE_DYNAMIC,
        .offset_bmap = VDI_HEADER_BYTES, .offset_data = (uint32_t)(VDI_HEADER_BYTES + map),
        .sector_size = 512, .disk_size = size, .block_size = VDI_BLOCK_SIZE,
        .blocks_in_image = (uint32_t)blocks,
        .blocks_allocated = is_static ? (uint32_t)blocks : 0,
    };
    new_uuid(h.uuid_image);
    new_uuid(h.uuid_last_snap);
    int fd = hostfile_create(filename);
    if (fd < 0)
        return block_fail(fd, "could not create '%s': %s", filename, strerror(-fd));
    uint8_t b[VDI_HEADER_BYTES];
    vdi_hdr_encode(&h, b);
    r = hostfile_pwrite(fd, b, sizeof b, 0);
    if (r == 0)
        r = write_map(fd, &h);
    if (r == 0 && is_static)
        r = hostfile_truncate(fd, h.offset_data + blocks * VDI_BLOCK_SIZE);
    if (r == 0)
        r = hostfile_flush(fd);
    close(fd);
    return r;
}
