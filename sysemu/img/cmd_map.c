/* map: the allocation of every range of an image through its backing chain, human or
 * JSON as qemu-img prints them. */
#include "sysemu/img/img.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct extent {
    uint64_t start, length, offset;
    int depth, flags;
    bool has_offset;
    const char *file;
};

static bool mergeable(const struct extent *a, const struct extent *b)
{
    if (a->depth != b->depth || a->flags != b->flags || a->has_offset != b->has_offset)
        return false;
    return !a->has_offset || a->offset + a->length == b->offset;
}

static void print_extent(const struct extent *e, bool json, bool first)
{
    if (json) {
        printf("%s{ \"start\": %llu, \"length\": %llu, \"depth\": %d, \"present\": %s, "
               "\"zero\": %s, \"data\": %s", first ? "[" : ",\n",
               (unsigned long long)e->start, (unsigned long long)e->length, e->depth,
               (e->flags & BLOCK_STATUS_ALLOCATED) ? "true" : "false",
               (e->flags & BLOCK_STATUS_ZERO) ? "true" : "false",
               (e->flags & BLOCK_STATUS_DATA) ? "true" : "false");
        if (e->has_offset)
            printf(", \"offset\": %llu", (unsigned long long)e->offset);
        printf("}");
        return;
    }
    /* The human map lists only data that is present and mapped to a file offset. */
    if ((e->flags & BLOCK_STATUS_DATA) && e->has_offset && !(e->flags & BLOCK_STATUS_ZERO))
        printf("%-#16llx%-#16llx%-#16llx%s\n", (unsigned long long)e->start,
               (unsigned long long)e->length, (unsigned long long)e->offset, e->file);
}

static int next_extent(struct block_dev *bs, uint64_t off, uint64_t end, struct extent *e)
{
    uint64_t pnum, host = 0;
    const char *file = NULL;
    int depth;
    int st = block_status_above(bs, off, end - off, &pnum, &host, &file, &depth);
    if (st < 0)
        return st;
    e->start = off;
    e->length = pnum;
    e->depth = depth;
    e->flags = st & (BLOCK_STATUS_ALLOCATED | BLOCK_STATUS_ZERO | BLOCK_STATUS_DATA);
    e->has_offset = (st & BLOCK_STATUS_OFFSET_VALID) != 0;
    e->offset = host;
    e->file = file ? file : bs->filename;
    return 0;
}

static int map_image(struct block_dev *bs, uint64_t start, uint64_t end, bool json)
{
    struct extent cur = { 0 }, e;
    bool have = false, first = true;
    if (!json)
        printf("%-16s%-16s%-16s%s\n", "Offset", "Length", "Mapped to", "File");
    for (uint64_t off = start; off < end; off += e.length) {
        int r = next_extent(bs, off, end, &e);
        if (r < 0)
            return r;
        if (have && mergeable(&cur, &e)) {
            cur.length += e.length;
            continue;
        }
        if (have) {
            print_extent(&cur, json, first);
            first = false;
        }
        cur = e;
        have = true;
    }
    if (have)
        print_extent(&cur, json, first);
    if (json)
        printf(first && !have ? "[]\n" : "]\n");
    return 0;
}

int cmd_map(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'O' },
        { "start-offset", required_argument, NULL, 's' },
        { "max-length", required_argument, NULL, 'l' },
        { "force-share", no_argument, NULL, 'U' }, { NULL, 0, NULL, 0 },
    };
    const char *fmt = NULL;
    bool json = false;
    uint64_t start = 0, max = UINT64_MAX;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:hU", longopts, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c == 'O' && !img_parse_output(optarg, &json))
            return 1;
        else if ((c == 's' && !img_parse_size(optarg, &start)) ||
                 (c == 'l' && !img_parse_size(optarg, &max)))
            return 1;
        else if (c == 'h' || c == '?') {
            img_error("usage: map [-f fmt] [--output=ofmt] [--start-offset=offset] "
                      "[--max-length=len] filename");
            return 1;
        }
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    struct block_dev *bs = img_open(argv[optind], fmt, 0);
    if (!bs)
        return 1;
    uint64_t end = bs->size;
    if (start > end)
        start = end;
    if (max < end - start)
        end = start + max;
    int r = map_image(bs, start, end, json);
    if (r < 0)
        img_block_error(argv[optind], r);
    block_close(bs);
    return r < 0 ? 1 : 0;
}
