/* The list of image formats.  A new format adds its extern line and its table entry here
 * (one line each) and its source file to sysemu/block/meson.build. */
#include "sysemu/block/block.h"

#include <stddef.h>

extern const struct block_driver block_driver_raw;
extern const struct block_driver block_driver_qcow2;
extern const struct block_driver block_driver_vmdk;
extern const struct block_driver block_driver_vdi;

/* Probing takes the highest score, so the order only matters for ties. */
const struct block_driver *const block_drivers[] = {
    &block_driver_qcow2,
    &block_driver_raw,
    &block_driver_vmdk,
    &block_driver_vdi,
    NULL,
};
