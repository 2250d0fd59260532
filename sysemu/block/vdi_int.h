/* VDI internals shared by the vdi*.c files (the public face is block_driver_vdi).
 * Contract: the v1.1 header codec and its checks (vdi_header.c), the block map and the
 * driver's operations (vdi.c), creation (vdi_create.c).  A VDI file is a 512-byte header,
 * a block map of little-endian uint32 (one per 1 MiB block: the index of its data block,
 * or unallocated / discarded, both reading as zeros), then the data blocks in map order.
 * Functions return 0 or -errno and leave a one-line reason in block_error(). */
#ifndef SYSEMU_BLOCK_VDI_INT_H
#define SYSEMU_BLOCK_VDI_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "sysemu/block/block.h"
#include "sysemu/block/hostfile.h"

#define VDI_SIGNATURE 0xbeda107fu
#define VDI_VERSION_1_1 0x00010001u
#define VDI_HEADER_BYTES 512u
#define VDI_TYPE_DYNAMIC 1u
#define VDI_TYPE_STATIC 2u
#define VDI_UNALLOCATED 0xffffffffu
#define VDI_DISCARDED 0xfffffffeu
#define VDI_BLOCK_SIZE (1u << 20)          /* the only block size anyone writes */
#define VDI_MAX_BLOCKS 0x1fffff80u         /* as qemu-img: 512 TiB minus 128 MiB */

static inline uint32_t vdi_ld32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline void vdi_st32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> 8 * i);
}

struct vdi_hdr {
    uint32_t signature, version, header_size, image_type, image_flags;
    uint32_t offset_bmap, offset_data;     /* bytes */
    uint32_t cylinders, heads, sectors, sector_size;
    uint64_t disk_size;                    /* bytes */
    uint32_t block_size, block_extra, blocks_in_image, blocks_allocated;
    uint8_t uuid_image[16], uuid_last_snap[16], uuid_link[16], uuid_parent[16];
};

void vdi_hdr_decode(const uint8_t b[VDI_HEADER_BYTES], struct vdi_hdr *h);
/* Writes the whole 512-byte header sector, banner text included. */
void vdi_hdr_encode(const struct vdi_hdr *h, uint8_t b[VDI_HEADER_BYTES]);
/* Field checks; the map clear of the header and the data area (whether the file holds
 * the map is the caller's check). */
int vdi_hdr_check(const struct vdi_hdr *h);

struct vdi_state {
    struct vdi_hdr hdr;
    uint32_t *bmap;                        /* host order */
    uint64_t file_size;
    uint32_t next_block;                   /* data block index the next allocation takes */
    bool map_bad;                          /* opened for check despite a bad map: no writes */
};

int vdi_read(struct block_dev *bs, uint64_t off, void *buf, size_t len);
int vdi_write(struct block_dev *bs, uint64_t off, const void *buf, size_t len);
int vdi_write_zeroes(struct block_dev *bs, uint64_t off, uint64_t len, bool may_unmap);
int vdi_block_status(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                     uint64_t *host, const char **file);
int vdi_create(const char *filename, uint64_t size, const struct block_opts *opts);
extern const struct block_opt_desc vdi_create_opts[];

#endif
