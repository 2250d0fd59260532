/* dd: copies (part of) an image into a new one, dd-style operands. */
#include "sysemu/img/img.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct dd {
    const char *in, *out;
    uint64_t bs, count, skip;
    bool has_count;
};

static bool operand(struct dd *d, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq) {
        img_error("unrecognized operand %s", arg);
        return false;
    }
    size_t k = (size_t)(eq - arg);
    const char *v = eq + 1;
    if (k == 2 && !strncmp(arg, "if", 2))
        d->in = v;
    else if (k == 2 && !strncmp(arg, "of", 2))
        d->out = v;
    else if (k == 2 && !strncmp(arg, "bs", 2)) {
        if (!img_parse_size(v, &d->bs) || !d->bs) {
            img_error("invalid number: '%s'", v);
            return false;
        }
    } else if (k == 5 && !strncmp(arg, "count", 5)) {
        d->has_count = true;
        return img_parse_size(v, &d->count);
    } else if (k == 4 && !strncmp(arg, "skip", 4)) {
        return img_parse_size(v, &d->skip);
    } else {
        img_error("unrecognized operand %s", arg);
        return false;
    }
    return true;
}

static int copy(struct block_dev *in, struct block_dev *out, uint64_t from, uint64_t len,
                uint64_t bs)
{
    uint8_t *buf = img_buffer(bs);
    int r = buf ? 0 : -ENOMEM;
    for (uint64_t p = 0; r == 0 && p < len; p += bs) {
        size_t n = len - p < bs ? (size_t)(len - p) : (size_t)bs;
        r = block_read(in, from + p, buf, n);
        if (r == 0 && !buffer_is_zero(buf, n))
            r = block_write(out, p, buf, n);
    }
    free(buf);
    return r;
}

int cmd_dd(int argc, char **argv)
{
    const char *fmt = NULL, *out_fmt = "raw";
    struct dd d = { .bs = 512 };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:O:Uh", NULL, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c == 'O')
            out_fmt = optarg;
        else if (c != 'U') {
            img_error("usage: dd [-f fmt] [-O output_fmt] [bs=block_size] [count=blocks] "
                      "[skip=blocks] if=input of=output");
            return 1;
        }
    }
    for (int i = optind; i < argc; i++)
        if (!operand(&d, argv[i]))
            return 1;
    if (!d.in || !d.out) {
        img_error("Must specify both input and output files");
        return 1;
    }
    struct block_dev *in = img_open(d.in, fmt, 0), *out = NULL;
    if (!in)
        return 1;
    uint64_t from = d.skip * d.bs;
    uint64_t len = from < in->size ? in->size - from : 0;
    if (d.has_count && d.count * d.bs < len)
        len = d.count * d.bs;
    int r = block_create(d.out, out_fmt, len, NULL);
    if (r == 0)
        r = block_open(&out, d.out, out_fmt, BLOCK_O_RDWR | BLOCK_O_UNSAFE);
    if (r == 0)
        r = copy(in, out, from, len, d.bs);
    if (r < 0)
        img_block_error(d.out, r);
    block_close(out);
    block_close(in);
    return r < 0 ? 1 : 0;
}
