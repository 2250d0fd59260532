/* Shared by the libFuzzer harnesses: each input is written to a file in a private scratch
 * directory and opened through the block layer like any image.
 * Contract: fuzz_setup() once (makes the directory and the files inputs in the corpus name
 * as extents or backing files: flat.bin, sparse.vmdk, base.qcow2); fuzz_image() restores
 * those files, then runs one input through open, info, snapshots, status, reads, check and
 * a write/read-back round trip (fmt NULL: the format is probed), and abort()s on any
 * inconsistency it can prove. */
#ifndef TESTS_FUZZ_FUZZ_COMMON_H
#define TESTS_FUZZ_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "sysemu/block/block.h"

void fuzz_setup(void);
void fuzz_image(const char *fmt, const uint8_t *data, size_t size);
/* Restores the fixtures and writes the input to fuzz_path("input"). */
void fuzz_put_input(const uint8_t *data, size_t size);
/* Opens path (flags | BLOCK_O_CHECK) and runs the driver's check with fix into *c, which
 * the caller frees; returns the check's result (-ENOTSUP without one) or open's error. */
int fuzz_check(const char *path, const char *fmt, int flags, int fix, struct block_check *c);
/* "<scratch dir>/<name>" in a static buffer. */
const char *fuzz_path(const char *name);

#endif
