/* resize: grows or (with --shrink) shrinks the virtual disk. */
#include "sysemu/img/img.h"

#include <getopt.h>
#include <string.h>

int cmd_resize(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "shrink", no_argument, NULL, 's' },
        { "preallocation", required_argument, NULL, 'P' },
        { "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
    };
    const char *fmt = NULL, *prealloc = "off";
    bool shrink = false, quiet = false;
    int c;
    optind = 1;
    /* "-1G" is a size, not an option: stop option parsing at the first non-option. */
    while ((c = getopt_long(argc, argv, "+f:qh", longopts, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c == 'q')
            quiet = true;
        else if (c == 's')
            shrink = true;
        else if (c == 'P')
            prealloc = optarg;
        else {
            img_error("usage: resize [-f fmt] [--shrink] [--preallocation=mode] filename "
                      "[+ | -]size");
            return 1;
        }
    }
    if (argc - optind != 2) {
        img_error("Expecting image file name and size");
        return 1;
    }
    const char *sz = argv[optind + 1];
    int sign = sz[0] == '+' ? 1 : sz[0] == '-' ? -1 : 0;
    uint64_t n;
    if (!img_parse_size(sign ? sz + 1 : sz, &n))
        return 1;
    struct block_dev *bs = img_open(argv[optind], fmt, BLOCK_O_RDWR | BLOCK_O_NO_BACKING);
    if (!bs)
        return 1;
    uint64_t size = sign > 0 ? bs->size + n : sign < 0 ? bs->size - n : n;
    int ret = 1;
    if (sign < 0 && n > bs->size)
        img_error("New image size must be positive");
    else if (size < bs->size && !shrink)
        img_error("Use the --shrink option to perform a shrink operation.");
    else {
        int r = block_truncate(bs, size, shrink, prealloc);
        if (r == 0)
            r = block_flush(bs);
        if (r < 0)
            img_block_error(argv[optind], r);
        else {
            ret = 0;
            if (!quiet)
                printf("Image resized.\n");
        }
    }
    block_close(bs);
    return ret;
}
