/* measure: the file size an image of a format needs, for a size or as a copy of an image. */
#include "sysemu/img/img.h"
#include "sysemu/img/json.h"

#include <getopt.h>
#include <string.h>

static void print_measure(const struct block_measure *m, bool json, bool bitmaps)
{
    if (!json) {
        printf("required size: %llu\nfully allocated size: %llu\n",
               (unsigned long long)m->required, (unsigned long long)m->fully_allocated);
        if (bitmaps && m->bitmaps)
            printf("bitmaps size: %llu\n", (unsigned long long)m->bitmaps);
        return;
    }
    struct json j;
    json_init(&j, stdout);
    json_begin_object(&j, NULL);
    if (bitmaps)
        json_uint(&j, "bitmaps", m->bitmaps);
    json_uint(&j, "required", m->required);
    json_uint(&j, "fully-allocated", m->fully_allocated);
    json_end_object(&j);
    json_finish(&j);
}

int cmd_measure(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'J' }, { "size", required_argument, NULL, 's' },
        { "force-share", no_argument, NULL, 'U' }, { NULL, 0, NULL, 0 },
    };
    const char *fmt = NULL, *out_fmt = "raw";
    struct block_opts opts = { 0 };
    bool json = false, have_size = false;
    uint64_t size = 0;
    int c, ret = 1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:O:o:l:Uh", longopts, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c == 'O')
            out_fmt = optarg;
        else if (c == 'o' && !img_add_opts(&opts, optarg))
            goto out;
        else if (c == 'J' && !img_parse_output(optarg, &json))
            goto out;
        else if (c == 's' && !(have_size = img_parse_size(optarg, &size)))
            goto out;
        else if (c == 'h' || c == '?' || c == 'l') {
            img_error("usage: measure [--output=ofmt] [-O output_fmt] [-o options] "
                      "[--size N | [-f fmt] filename]");
            goto out;
        }
    }
    if (have_size == (optind < argc) || argc - optind > 1) {
        img_error("Either --size N or one filename must be specified.");
        goto out;
    }
    const struct block_driver *drv = block_find_driver(out_fmt);
    if (!drv || !drv->measure) {
        img_error("Format driver '%s' does not support measure", out_fmt);
        goto out;
    }
    int r = block_opts_check(&opts, drv->create_opts);
    struct block_dev *in = NULL;
    if (r == 0 && !have_size && !(in = img_open(argv[optind], fmt, 0)))
        goto out;
    struct block_measure m = { 0 };
    /* qemu-img reports bitmaps for qcow2 copies of qcow2 images only. */
    bool bitmaps = !strcmp(out_fmt, "qcow2") && in && !strcmp(in->drv->name, "qcow2");
    if (r == 0)
        r = drv->measure(size, &opts, in, &m);
    block_close(in);
    if (r < 0) {
        img_block_error("measure", r);
        goto out;
    }
    print_measure(&m, json, bitmaps);
    ret = 0;
out:
    block_opts_free(&opts);
    return ret;
}
