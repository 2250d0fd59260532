/* Shared by the libFuzzer harnesses: each input is written to a file in a private scratch
 * directory and opened through the block layer like any image.
 * Contract: fuzz_setup() once (makes the directory and the extent files descriptors in the
 * corpus name); fuzz_image() runs one input through open, info, status, reads, check and a
 * write/read-back round trip, and abort()s on any inconsistency it can prove. */
#ifndef TESTS_FUZZ_FUZZ_COMMON_H
#define TESTS_FUZZ_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

void fuzz_setup(void);
void fuzz_image(const char *fmt, const uint8_t *data, size_t size);
/* "<scratch dir>/<name>" in a static buffer. */
const char *fuzz_path(const char *name);

#endif
