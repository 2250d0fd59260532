/* VDI v1.1 header: field codec and sanity checks (see vdi_int.h). */
#include "sysemu/block/vdi_int.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

/* Field offsets of the packed on-disk header. */
enum {
    O_TEXT = 0x00, O_SIGNATURE = 0x40, O_VERSION = 0x44, O_HEADER_SIZE = 0x48,
    O_IMAGE_TYPE = 0x4c, O_IMAGE_FLAGS = 0x50, O_OFFSET_BMAP = 0x154,
    O_OFFSET_DATA = 0x158, O_CYLINDERS = 0x15c, O_HEADS = 0x160, O_SECTORS = 0x164,
    O_SECTOR_SIZE = 0x168, O_DISK_SIZE = 0x170, O_BLOCK_SIZE = 0x178,
    O_BLOCK_EXTRA = 0x17c, O_BLOCKS = 0x180, O_ALLOCATED = 0x184, O_UUID_IMAGE = 0x188,
    O_UUID_SNAP = 0x198, O_UUID_LINK = 0x1a8, O_UUID_PARENT = 0x1b8,
};

static uint64_t ld64(const uint8_t *p)
{
    return vdi_ld32(p) | (uint64_t)vdi_ld32(p + 4) << 32;
}

void vdi_hdr_decode(const uint8_t b[VDI_HEADER_BYTES], struct vdi_hdr *h)
{
    h->signature = vdi_ld32(b + O_SIGNATURE);
    h->version = vdi_ld32(b + O_VERSION);
    h->header_size = vdi_ld32(b + O_HEADER_SIZE);
    h->image_type = vdi_ld32(b + O_IMAGE_TYPE);
    h->image_flags = vdi_ld32(b + O_IMAGE_FLAGS);
    h->offset_bmap = vdi_ld32(b + O_OFFSET_BMAP);
    h->offset_data = vdi_ld32(b + O_OFFSET_DATA);
    h->cylinders = vdi_ld32(b + O_CYLINDERS);
    h->heads = vdi_ld32(b + O_HEADS);
    h->sectors = vdi_ld32(b + O_SECTORS);
    h->sector_size = vdi_ld32(b + O_SECTOR_SIZE);
    h->disk_size = ld64(b + O_DISK_SIZE);
    h->block_size = vdi_ld32(b + O_BLOCK_SIZE);
    h->block_extra = vdi_ld32(b + O_BLOCK_EXTRA);
    h->blocks_in_image = vdi_ld32(b + O_BLOCKS);
    h->blocks_allocated = vdi_ld32(b + O_ALLOCATED);
    memcpy(h->uuid_image, b + O_UUID_IMAGE, 16);
    memcpy(h->uuid_last_snap, b + O_UUID_SNAP, 16);
    memcpy(h->uuid_link, b + O_UUID_LINK, 16);
    memcpy(h->uuid_parent, b + O_UUID_PARENT, 16);
}

void vdi_hdr_encode(const struct vdi_hdr *h, uint8_t b[VDI_HEADER_BYTES])
{
    static const char banner[] = "<<< QEMU VM Virtual Disk Image >>>\n";
    memset(b, 0, VDI_HEADER_BYTES);
    memcpy(b + O_TEXT, banner, sizeof banner - 1);
    vdi_st32(b + O_SIGNATURE, h->signature);
    vdi_st32(b + O_VERSION, h->version);
    vdi_st32(b + O_HEADER_SIZE, h->header_size);
    vdi_st32(b + O_IMAGE_TYPE, h->image_type);
    vdi_st32(b + O_IMAGE_FLAGS, h->image_flags);
    vdi_st32(b + O_OFFSET_BMAP, h->offset_bmap);
    vdi_st32(b + O_OFFSET_DATA, h->offset_data);
    vdi_st32(b + O_CYLINDERS, h->cylinders);
    vdi_st32(b + O_HEADS, h->heads);
    vdi_st32(b + O_SECTORS, h->sectors);
    vdi_st32(b + O_SECTOR_SIZE, h->sector_size);
    vdi_st32(b + O_DISK_SIZE, (uint32_t)h->disk_size);
    vdi_st32(b + O_DISK_SIZE + 4, (uint32_t)(h->disk_size >> 32));
    vdi_st32(b + O_BLOCK_SIZE, h->block_size);
    vdi_st32(b + O_BLOCK_EXTRA, h->block_extra);
    vdi_st32(b + O_BLOCKS, h->blocks_in_image);
    vdi_st32(b + O_ALLOCATED, h->blocks_allocated);
    memcpy(b + O_UUID_IMAGE, h->uuid_image, 16);
    memcpy(b + O_UUID_SNAP, h->uuid_last_snap, 16);
    memcpy(b + O_UUID_LINK, h->uuid_link, 16);
    memcpy(b + O_UUID_PARENT, h->uuid_parent, 16);
}

static bool uuid_is_null(const uint8_t u[16])
{
    static const uint8_t zero[16];
    return !memcmp(u, zero, 16);
}

static int check_format(const struct vdi_hdr *h)
{
    if (h->signature != VDI_SIGNATURE)
        return block_fail(-EINVAL, "not a VDI image (bad signature)");
    if (h->version != VDI_VERSION_1_1)
        return block_fail(-ENOTSUP, "unsupported VDI version %u.%u", h->version >> 16,
                          h->version & 0xffff);
    if (h->image_type != VDI_TYPE_DYNAMIC && h->image_type != VDI_TYPE_STATIC)
        return block_fail(-ENOTSUP, "unsupported VDI image type %" PRIu32, h->image_type);
    if (h->sector_size != 512)
        return block_fail(-ENOTSUP, "unsupported VDI sector size %" PRIu32, h->sector_size);
    if (h->block_size != VDI_BLOCK_SIZE || h->block_extra != 0)
        return block_fail(-ENOTSUP, "unsupported VDI block size %" PRIu32 " (extra %" PRIu32
                          "): only 1 MiB blocks are", h->block_size, h->block_extra);
    if (!uuid_is_null(h->uuid_link) || !uuid_is_null(h->uuid_parent))
        return block_fail(-ENOTSUP, "differencing VDI images (with a parent) are not "
                          "supported");
    return 0;
}

static int check_layout(const struct vdi_hdr *h)
{
    uint64_t map_end = h->offset_bmap + (uint64_t)h->blocks_in_image * 4;
    if (h->blocks_in_image > VDI_MAX_BLOCKS)
        return block_fail(-EFBIG, "VDI image has %" PRIu32 " blocks, more than the %u "
                          "supported", h->blocks_in_image, VDI_MAX_BLOCKS);
    if (h->disk_size > (uint64_t)h->blocks_in_image * h->block_size)
        return block_fail(-EINVAL, "VDI disk size %" PRIu64 " exceeds its %" PRIu32
                          " blocks", h->disk_size, h->blocks_in_image);
    if (h->blocks_allocated > h->blocks_in_image)
        return block_fail(-EINVAL, "VDI header counts %" PRIu32 " allocated blocks of %"
                          PRIu32, h->blocks_allocated, h->blocks_in_image);
    if (h->offset_bmap % 512 || h->offset_data % 512)
        return block_fail(-EINVAL, "VDI block map or data offset is not sector-aligned");
    if (h->offset_bmap < VDI_HEADER_BYTES || map_end > h->offset_data)
        return block_fail(-EINVAL, "VDI block map overlaps the header or the data area");
    return 0;
}

int vdi_hdr_check(const struct vdi_hdr *h)
{
    int r = check_format(h);
    return r ? r : check_layout(h);
}
