/* create and amend: new images (size from the argument, -o size or the backing file) and
 * option changes of existing ones. */
#include "sysemu/img/img.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The backing file's name as the new image will resolve it (against its directory). */
static void backing_path(const char *image, const char *file, char *path, size_t len)
{
    const char *slash = strrchr(image, '/');
    if (file[0] != '/' && slash)
        snprintf(path, len, "%.*s%s", (int)(slash - image + 1), image, file);
    else
        snprintf(path, len, "%s", file);
}

/* The size of the backing file when create gets none. */
static int backing_size(const char *image, const struct block_opts *opts, uint64_t *size)
{
    char path[8192];
    backing_path(image, block_opts_get(opts, "backing_file"), path, sizeof(path));
    struct block_dev *b = img_open(path, block_opts_get(opts, "backing_fmt"),
                                   BLOCK_O_NO_BACKING);
    if (!b) {
        img_error("%s: could not open the backing file to read its size", image);
        return -1;
    }
    *size = b->size;
    block_close(b);
    return 0;
}

/* As qemu-img: the backing format must be named (probing a file a guest wrote is unsafe;
 * the probed one is only mentioned), and an image cannot be its own backing file (qemu-img
 * compares the names; the files are compared too, since creating truncates). */
static int check_backing(const char *image, const struct block_opts *opts)
{
    const char *file = block_opts_get(opts, "backing_file");
    char path[8192], a[PATH_MAX], b[PATH_MAX];
    backing_path(image, file, path, sizeof(path));
    if (!strcmp(file, image) || (realpath(image, a) && realpath(path, b) && !strcmp(a, b))) {
        img_error("%s: Error: Trying to create an image with the same filename as the "
                  "backing file", image);
        return -1;
    }
    if (block_opts_get(opts, "backing_fmt"))
        return 0;
    const struct block_driver *drv;
    bool probed = block_probe(path, &drv) == 0;
    img_error("%s: Backing file specified without backing format", image);
    if (probed)
        fprintf(stderr, "Detected format of %s.\n", drv->name);
    return -1;
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
                       uint64_t *size)
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
    if (block_opts_get(opts, "backing_file") && check_backing(file, opts) < 0)
        return -1;
    if (block_opts_get(opts, "backing_file") && !*size)
        return backing_size(file, opts, size);
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
    /* -u (the backing file need not exist) needs nothing more: with a size given, the
     * backing file is never opened. */
    if (create_size(argc, argv, file, &opts, &size) < 0)
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
    /* The backing chain is opened too, as qemu-img does: a missing backing file fails. */
    struct block_dev *bs = img_open(argv[optind], fmt, BLOCK_O_RDWR);
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
