/* create and amend: new images (size from the argument, -o size or the backing file) and
 * option changes of existing ones. */
#include "sysemu/img/img.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* The size of the backing file when create gets none, and its format when -F is missing. */
static int backing_defaults(const char *image, struct block_opts *opts, uint64_t *size)
{
    const char *file = block_opts_get(opts, "backing_file");
    const char *bfmt = block_opts_get(opts, "backing_fmt");
    char path[8192];
    const char *slash = strrchr(image, '/');
    if (file[0] != '/' && slash)
        snprintf(path, sizeof(path), "%.*s%s", (int)(slash - image + 1), image, file);
    else
        snprintf(path, sizeof(path), "%s", file);
    struct block_dev *b = img_open(path, bfmt, BLOCK_O_NO_BACKING);
    if (!b) {
        img_error("%s: could not open the backing file to read its size and format", image);
        return -1;
    }
    if (!*size)
        *size = b->size;
    int r = bfmt ? 0 : block_opts_set(opts, "backing_fmt", b->drv->name);
    block_close(b);
    return r;
}

static void print_formatting(const char *file, const char *fmt, uint64_t size,
                             const struct block_opts *opts)
{
    printf("Formatting '%s', fmt=%s", file, fmt);
    for (int i = 0; i < opts->n; i++)
        if (strcmp(opts->v[i].key, "size"))
            printf(" %s=%s", opts->v[i].key, opts->v[i].value);
    printf(" size=%llu\n", (unsigned long long)size);
}

/* Parses create's options into fmt and opts; -1 after printing on error. */
static int parse_create(int argc, char **argv, const char **fmt, struct block_opts *opts,
                        bool *quiet, bool *unsafe)
{
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:b:F:o:quh", NULL, NULL)) != -1) {
        switch (c) {
        case 'f': *fmt = optarg; break;
        case 'b': block_opts_set(opts, "backing_file", optarg); break;
        case 'F': block_opts_set(opts, "backing_fmt", optarg); break;
        case 'o':
            if (!img_add_opts(opts, optarg))
                return -1;
            break;
        case 'q': *quiet = true; break;
        case 'u': *unsafe = true; break;
        default:
            img_error("usage: create [-f fmt] [-b backing_file [-F backing_fmt]] [-u] "
                      "[-o options] filename [size]");
            return -1;
        }
    }
    return 0;
}

/* The size from the argument, -o size or the backing file; removes "size" from opts. */
static int create_size(int argc, char **argv, const char *file, struct block_opts *opts,
                       bool unsafe, uint64_t *size)
{
    *size = 0;
    if (optind + 1 < argc && !img_parse_size(argv[optind + 1], size))
        return -1;
    if (block_opts_get(opts, "size") && block_opts_get_size(opts, "size", 0, size) < 0) {
        img_block_error(file, -22);
        return -1;
    }
    bool given = optind + 1 < argc || block_opts_get(opts, "size");
    for (int i = 0; i < opts->n; i++)
        if (!strcmp(opts->v[i].key, "size")) {
            free(opts->v[i].key);
            free(opts->v[i].value);
            opts->v[i] = opts->v[--opts->n];
            break;
        }
    if (block_opts_get(opts, "backing_file") && (!*size || !block_opts_get(opts, "backing_fmt"))
        && !(unsafe && *size))
        return backing_defaults(file, opts, size);
    if (!given && !block_opts_get(opts, "backing_file")) {
        img_error("%s: Image creation needs a size parameter", file);
        return -1;
    }
    return 0;
}

int cmd_create(int argc, char **argv)
{
    const char *fmt = "raw";
    struct block_opts opts = { 0 };
    bool quiet = false, unsafe = false;
    int ret = 1;
    if (parse_create(argc, argv, &fmt, &opts, &quiet, &unsafe) < 0)
        goto out;
    const struct block_driver *drv = block_find_driver(fmt);
    if (!drv) {
        img_error("Unknown file format '%s'", fmt);
        goto out;
    }
    if (block_opts_get(&opts, "help")) {
        img_print_opts(fmt, drv->create_opts);
        ret = 0;
        goto out;
    }
    if (optind >= argc || argc - optind > 2) {
        img_error("Expecting image file name (and an optional size)");
        goto out;
    }
    const char *file = argv[optind];
    uint64_t size;
    if (create_size(argc, argv, file, &opts, unsafe, &size) < 0)
        goto out;
    if (!quiet)
        print_formatting(file, fmt, size, &opts);
    int r = block_create(file, fmt, size, &opts);
    if (r < 0)
        img_block_error(file, r);
    else
        ret = 0;
out:
    block_opts_free(&opts);
    return ret;
}

int cmd_amend(int argc, char **argv)
{
    const char *fmt = NULL;
    struct block_opts opts = { 0 };
    int c, ret = 1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:qph", NULL, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c == 'o') {
            if (!img_add_opts(&opts, optarg))
                goto out;
        } else if (c != 'q' && c != 'p') {
            img_error("usage: amend [-f fmt] -o options filename");
            goto out;
        }
    }
    if (!opts.n || optind != argc - 1) {
        img_error("Expecting -o options and one image file name");
        goto out;
    }
    struct block_dev *bs = img_open(argv[optind], fmt, BLOCK_O_RDWR | BLOCK_O_NO_BACKING);
    if (!bs)
        goto out;
    if (block_opts_get(&opts, "help")) {
        img_print_opts(bs->drv->name, bs->drv->amend_opts);
        ret = 0;
    } else if (!bs->drv->amend) {
        img_error("Format driver '%s' does not support option amendment", bs->drv->name);
    } else {
        int r = block_opts_check(&opts, bs->drv->amend_opts);
        if (r == 0)
            r = bs->drv->amend(bs, &opts);
        if (r < 0)
            img_block_error(argv[optind], r);
        else
            ret = 0;
    }
    block_close(bs);
out:
    block_opts_free(&opts);
    return ret;
}
