/* libFuzzer entry for qcow2: header, extensions, L1/L2 tables, refcount structures,
 * snapshot table, compressed clusters and backing files through the whole driver, then
 * check -r all on a copy: a repair may fail, but it never leaves an image that opened
 * before unopenable, and leaks alone are always repaired completely. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_setup();
    return 0;
}

static bool opens(const char *path)
{
    struct block_dev *bs;
    if (block_open(&bs, path, "qcow2", 0) < 0)
        return false;
    block_close(bs);
    return true;
}

static void repair(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path("input");
    fuzz_put_input(data, size);
    struct block_check before, fixed, after;
    bool opened = opens(path);
    int r0 = fuzz_check(path, "qcow2", 0, 0, &before);
    int r1 = fuzz_check(path, "qcow2", BLOCK_O_RDWR, BLOCK_FIX_LEAKS | BLOCK_FIX_ERRORS, &fixed);
    int r2 = fuzz_check(path, "qcow2", 0, 0, &after);
    bool only_leaks = r0 == 0 && before.leaks && !before.corruptions && !before.check_errors;
    block_check_free(&before);
    block_check_free(&fixed);
    block_check_free(&after);
    if (r1 < 0)
        return;
    if (opened && !opens(path))
        abort();                           /* the repair broke a readable image */
    if (only_leaks && (r2 < 0 || after.leaks || after.corruptions || after.check_errors))
        abort();                           /* leaks alone must be repaired completely */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_image("qcow2", data, size);
    repair(data, size);
    return 0;
}
