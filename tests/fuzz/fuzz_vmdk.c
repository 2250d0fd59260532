/* libFuzzer entry for VMDK: the descriptor parser on the raw bytes, then the whole driver
 * (sparse header, grain directory and tables, stream footer, descriptor extents). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "sysemu/block/vmdk_int.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct vmdk_desc d;
    if (vmdk_desc_parse((const char *)data, size, &d) == 0)
        vmdk_desc_free(&d);
    fuzz_image("vmdk", data, size);
    return 0;
}
