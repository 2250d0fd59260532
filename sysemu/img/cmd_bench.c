/* bench: times a run of same-sized reads or writes through the block layer. */
#include "sysemu/img/img.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct bench {
    uint64_t count, size, offset, step, flush_every;
    bool write;
    const char *pattern_or_null;
};

static int run(struct block_dev *bs, const struct bench *b)
{
    uint8_t *buf = img_buffer(b->size);
    if (!buf)
        return -ENOMEM;
    memset(buf, 0xa5, b->size);
    uint64_t off = b->offset;
    int r = 0;
    for (uint64_t i = 0; i < b->count && r == 0; i++) {
        if (off + b->size > bs->size)
            off = 0;    /* wrap around, as qemu-img bench does */
        r = b->write ? block_write(bs, off, buf, b->size) : block_read(bs, off, buf, b->size);
        if (r == 0 && b->write && b->flush_every && (i + 1) % b->flush_every == 0)
            r = block_flush(bs);
        off += b->step;
    }
    free(buf);
    return r;
}

int cmd_bench(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "flush-interval", required_argument, NULL, 'F' }, { NULL, 0, NULL, 0 },
    };
    struct bench b = { .count = 75000, .size = 4096 };
    const char *fmt = NULL;
    bool step_given = false;
    int c, depth = 64;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:d:f:no:qs:S:t:wi:U", longopts, NULL)) != -1) {
        uint64_t v = 0;
        if (strchr("cdosSF", c) && !img_parse_size(optarg, &v))
            return 1;
        switch (c) {
        case 'c': b.count = v; break;
        case 'd': depth = (int)v; break;
        case 'f': fmt = optarg; break;
        case 'o': b.offset = v; break;
        case 's': b.size = v; break;
        case 'S': b.step = v; step_given = true; break;
        case 'w': b.write = true; break;
        case 'F': b.flush_every = v; break;
        case 'n': case 'q': case 't': case 'i': case 'U': break;
        default:
            img_error("usage: bench [-c count] [-d depth] [-f fmt] [-o offset] [-s size] "
                      "[-S step] [-w] filename");
            return 1;
        }
    }
    if (optind != argc - 1 || !b.size) {
        img_error("Expecting one image file name and a non-zero request size");
        return 1;
    }
    if (!step_given)
        b.step = b.size;
    struct block_dev *bs = img_open(argv[optind], fmt, b.write ? BLOCK_O_RDWR : 0);
    if (!bs)
        return 1;
    if (b.size > bs->size) {
        img_error("request size is larger than the image");
        block_close(bs);
        return 1;
    }
    printf("Sending %llu %s requests, %llu bytes each, %d in parallel (starting at offset "
           "%llu, step size %llu)\n", (unsigned long long)b.count, b.write ? "write" : "read",
           (unsigned long long)b.size, depth, (unsigned long long)b.offset,
           (unsigned long long)b.step);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int r = run(bs, &b);
    if (r == 0 && b.write)
        r = block_flush(bs);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (r < 0)
        img_block_error(argv[optind], r);
    else
        printf("Run completed in %.3f seconds.\n",
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    block_close(bs);
    return r < 0 ? 1 : 0;
}
