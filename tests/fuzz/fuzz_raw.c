/* libFuzzer entry for raw images and format probing: every driver's probe looks at the
 * input, the winner opens it (a raw image found by probing refuses writes that would make
 * it look like another format), and the same bytes go through the raw driver by name. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_image(NULL, data, size);
    fuzz_image("raw", data, size);
    return 0;
}
