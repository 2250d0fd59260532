/* compare: whether two images have the same content.  Exit codes as qemu-img: 0 same,
 * 1 different, 2 error.  Ranges both images report as zero are not read. */
#include "sysemu/img/img.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define CMP_CHUNK (1u << 20)

/* Whether [off, off+*n) reads as zeros; *present: some layer allocates it. */
static int status_of(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *n, bool *zero,
                     bool *present)
{
    uint64_t host;
    int depth;
    int st = block_status_above(bs, off, len, n, &host, NULL, &depth);
    if (st < 0)
        return st;
    *zero = (st & BLOCK_STATUS_ZERO) != 0;
    *present = (st & BLOCK_STATUS_ALLOCATED) != 0;
    return 0;
}

static int zero_until(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *n, bool *zero)
{
    bool present;
    return status_of(bs, off, len, n, zero, &present);
}

/* First differing byte in [off, off+len) or UINT64_MAX; negative errno on error.  strict
 * also stops where one image allocates what the other does not (*alloc_diff set). */
static int64_t diff_range(struct block_dev *a, struct block_dev *b, uint64_t off, uint64_t len,
                          uint8_t *ba, uint8_t *bb, uint64_t *at, bool strict, bool *alloc_diff)
{
    *at = UINT64_MAX;
    for (uint64_t p = off; p < off + len;) {
        uint64_t na, nb;
        bool za, zb, pa, pb;
        uint64_t want = off + len - p < CMP_CHUNK ? off + len - p : CMP_CHUNK;
        int r = status_of(a, p, want, &na, &za, &pa);
        if (r == 0)
            r = status_of(b, p, want, &nb, &zb, &pb);
        if (r < 0)
            return r;
        if (strict && pa != pb) {
            *at = p;
            *alloc_diff = true;
            return 0;
        }
        uint64_t n = na < nb ? na : nb;
        if (!(za && zb)) {
            if ((r = block_read(a, p, ba, (size_t)n)) < 0 ||
                (r = block_read(b, p, bb, (size_t)n)) < 0)
                return r;
            for (uint64_t i = 0; i < n; i++)
                if (ba[i] != bb[i]) {
                    *at = p + i;
                    return 0;
                }
        }
        p += n;
    }
    return 0;
}

/* The part only the larger image has must read as zeros. */
static int64_t tail_nonzero(struct block_dev *big, uint64_t from, uint8_t *buf, uint64_t *at)
{
    *at = UINT64_MAX;
    for (uint64_t p = from; p < big->size;) {
        uint64_t n;
        bool z;
        uint64_t want = big->size - p < CMP_CHUNK ? big->size - p : CMP_CHUNK;
        int r = zero_until(big, p, want, &n, &z);
        if (r < 0)
            return r;
        if (!z) {
            if ((r = block_read(big, p, buf, (size_t)n)) < 0)
                return r;
            for (uint64_t i = 0; i < n; i++)
                if (buf[i]) {
                    *at = p + i;
                    return 0;
                }
        }
        p += n;
    }
    return 0;
}

static int compare(struct block_dev *a, struct block_dev *b, bool strict, bool quiet)
{
    if (strict && a->size != b->size) {
        if (!quiet)
            printf("Strict mode: Image size mismatch!\n");
        return 1;
    }
    uint8_t *ba = img_buffer(CMP_CHUNK), *bb = img_buffer(CMP_CHUNK);
    uint64_t common = a->size < b->size ? a->size : b->size, at;
    bool alloc_diff = false;
    int64_t r = (ba && bb) ? diff_range(a, b, 0, common, ba, bb, &at, strict, &alloc_diff) : -12;
    if (r == 0 && at == UINT64_MAX && a->size != b->size)
        r = tail_nonzero(a->size > b->size ? a : b, common, ba, &at);
    free(ba);
    free(bb);
    if (r < 0) {
        img_block_error("compare", (int)r);
        return 2;
    }
    if (at != UINT64_MAX && alloc_diff) {
        if (!quiet)
            printf("Strict mode: Offset %llu block status mismatch!\n", (unsigned long long)at);
        return 1;
    }
    if (at != UINT64_MAX) {
        if (!quiet)
            printf("Content mismatch at offset %llu!\n",   /* the sector, as qemu-img */
                   (unsigned long long)(at / BLOCK_SECTOR * BLOCK_SECTOR));
        return 1;
    }
    if (!quiet)
        printf("Images are identical.\n");
    return 0;
}

int cmd_compare(int argc, char **argv)
{
    const char *fa = NULL, *fb = NULL;
    bool strict = false, quiet = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:F:spqUT:h", NULL, NULL)) != -1) {
        if (c == 'f')
            fa = optarg;
        else if (c == 'F')
            fb = optarg;
        else if (c == 's')
            strict = true;
        else if (c == 'q')
            quiet = true;
        else if (c == 'h' || c == '?') {
            img_error("usage: compare [-f fmt] [-F fmt] [-p] [-q] [-s] filename1 filename2");
            return 2;
        }
    }
    if (argc - optind != 2) {
        img_error("Expecting two image file names");
        return 2;
    }
    if (fa && !fb)
        fb = fa;
    struct block_dev *a = img_open(argv[optind], fa, 0);
    struct block_dev *b = a ? img_open(argv[optind + 1], fb, 0) : NULL;
    int ret = a && b ? compare(a, b, strict, quiet) : 2;
    block_close(a);
    block_close(b);
    return ret;
}
