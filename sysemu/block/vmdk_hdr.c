/* VMDK sparse extent header: field codec and sanity checks (see vmdk_int.h). */
#include "sysemu/block/vmdk_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

bool vmdk_hdr_magic_ok(const uint8_t *b)
{
    return vmdk_ld32(b) == VMDK_MAGIC;
}

/* Field offsets of the packed on-disk header. */
enum {
    H_MAGIC = 0, H_VERSION = 4, H_FLAGS = 8, H_CAPACITY = 12, H_GRAIN = 20,
    H_DESC_OFF = 28, H_DESC_SIZE = 36, H_GTES = 44, H_RGD = 48, H_GD = 56,
    H_OVERHEAD = 64, H_UNCLEAN = 72, H_NL = 73, H_COMPRESS = 77,
};

void vmdk_hdr_decode(const uint8_t b[VMDK_SECTOR], struct vmdk_hdr *h)
{
    h->version = vmdk_ld32(b + H_VERSION);
    h->flags = vmdk_ld32(b + H_FLAGS);
    h->capacity = vmdk_ld64(b + H_CAPACITY);
    h->grain = vmdk_ld64(b + H_GRAIN);
    h->desc_off = vmdk_ld64(b + H_DESC_OFF);
    h->desc_size = vmdk_ld64(b + H_DESC_SIZE);
    h->gtes = vmdk_ld32(b + H_GTES);
    h->rgd_off = vmdk_ld64(b + H_RGD);
    h->gd_off = vmdk_ld64(b + H_GD);
    h->overhead = vmdk_ld64(b + H_OVERHEAD);
    h->unclean = b[H_UNCLEAN];
    h->compress = (uint16_t)(b[H_COMPRESS] | b[H_COMPRESS + 1] << 8);
}

void vmdk_hdr_encode(const struct vmdk_hdr *h, uint8_t b[VMDK_SECTOR])
{
    memset(b, 0, VMDK_SECTOR);
    vmdk_st32(b + H_MAGIC, VMDK_MAGIC);
    vmdk_st32(b + H_VERSION, h->version);
    vmdk_st32(b + H_FLAGS, h->flags);
    vmdk_st64(b + H_CAPACITY, h->capacity);
    vmdk_st64(b + H_GRAIN, h->grain);
    vmdk_st64(b + H_DESC_OFF, h->desc_off);
    vmdk_st64(b + H_DESC_SIZE, h->desc_size);
    vmdk_st32(b + H_GTES, h->gtes);
    vmdk_st64(b + H_RGD, h->rgd_off);
    vmdk_st64(b + H_GD, h->gd_off);
    vmdk_st64(b + H_OVERHEAD, h->overhead);
    b[H_UNCLEAN] = h->unclean;
    /* The line-ending probe lets readers spot a file mangled by a text-mode transfer. */
    memcpy(b + H_NL, "\n \r\n", 4);
    b[H_COMPRESS] = (uint8_t)h->compress;
    b[H_COMPRESS + 1] = (uint8_t)(h->compress >> 8);
}

void vmdk_marker_encode(uint8_t b[VMDK_SECTOR], uint64_t val, uint32_t type)
{
    memset(b, 0, VMDK_SECTOR);
    vmdk_st64(b, val);
    vmdk_st32(b + 12, type);
}

uint64_t vmdk_hdr_gd_entries(const struct vmdk_hdr *h)
{
    uint64_t grains = h->capacity / h->grain + (h->capacity % h->grain != 0);
    return grains / h->gtes + (grains % h->gtes != 0);
}

static bool region_in_file(uint64_t sector, uint64_t sectors, uint64_t file_size)
{
    uint64_t limit = file_size / VMDK_SECTOR;
    return sector <= limit && sectors <= limit - sector;
}

static int check_tables(const struct vmdk_hdr *h, uint64_t file_size)
{
    uint64_t gd_sectors = (vmdk_hdr_gd_entries(h) * 4 + VMDK_SECTOR - 1) / VMDK_SECTOR;

    if (h->gd_off != VMDK_GD_AT_END &&
        (h->gd_off == 0 || !region_in_file(h->gd_off, gd_sectors, file_size)))
        return block_fail(-EINVAL, "grain directory at sector %" PRIu64
                         " (%" PRIu64 " sectors) lies outside the file", h->gd_off, gd_sectors);
    if ((h->flags & VMDK_FLAG_RGD) && h->gd_off != VMDK_GD_AT_END &&
        (h->rgd_off == 0 || !region_in_file(h->rgd_off, gd_sectors, file_size)))
        return block_fail(-EINVAL, "redundant grain directory at sector %" PRIu64
                         " lies outside the file", h->rgd_off);
    if (h->desc_size && (h->desc_size > VMDK_MAX_DESC_BYTES / VMDK_SECTOR ||
                         !region_in_file(h->desc_off, h->desc_size, file_size)))
        return block_fail(-EINVAL, "embedded descriptor at sector %" PRIu64
                         " (%" PRIu64 " sectors) lies outside the file or is too large",
                         h->desc_off, h->desc_size);
    return 0;
}

int vmdk_hdr_check(const struct vmdk_hdr *h, uint64_t file_size)
{
    if (h->version < 1 || h->version > 3)
        return block_fail(-ENOTSUP, "unsupported VMDK version %" PRIu32, h->version);
    if (h->grain == 0 || h->grain > VMDK_MAX_GRAIN_SECTORS || (h->grain & (h->grain - 1)))
        return block_fail(-EINVAL, "invalid grain size %" PRIu64 " sectors", h->grain);
    if (h->gtes == 0 || h->gtes > VMDK_MAX_GTES)
        return block_fail(-EINVAL, "invalid grain table size %" PRIu32 " entries",
                         h->gtes);
    if (h->compress > 1)
        return block_fail(-ENOTSUP, "unsupported VMDK compression algorithm %u",
                         h->compress);
    if (h->capacity > UINT64_MAX / VMDK_SECTOR / 2 ||
        vmdk_hdr_gd_entries(h) > VMDK_MAX_GD_ENTRIES)
        return block_fail(-EFBIG, "capacity of %" PRIu64 " sectors is too large",
                         h->capacity);
    return check_tables(h, file_size);
}
