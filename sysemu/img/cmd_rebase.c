/* rebase (change an image's backing file; safe mode copies every range whose content would
 * change, -u only rewrites the reference) and commit (copy an overlay's data into its
 * backing file, then empty the overlay). */
#include "sysemu/img/img.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define COPY_CHUNK (1u << 20)

/* Resolves a backing name the way the image will (against the image's directory). */
static void resolve(const char *image, const char *name, char *out, size_t len)
{
    const char *slash = strrchr(image, '/');
    if (name[0] != '/' && slash)
        snprintf(out, len, "%.*s%s", (int)(slash - image + 1), image, name);
    else
        snprintf(out, len, "%s", name);
}

/* Reads [off, off+len) of the chain below the top image, or of the new backing, zeros past
 * its end. */
static int read_below(struct block_dev *b, uint64_t off, uint8_t *buf, size_t len)
{
    size_t have = 0;
    if (b && off < b->size) {
        have = b->size - off < len ? (size_t)(b->size - off) : len;
        int r = block_read(b, off, buf, have);
        if (r < 0)
            return r;
    }
    memset(buf + have, 0, len - have);
    return 0;
}

/* Copies into top every range it does not allocate where old and new backing differ. */
static int copy_differences(struct block_dev *top, struct block_dev *nb, bool progress)
{
    uint8_t *a = img_buffer(COPY_CHUNK), *b = img_buffer(COPY_CHUNK);
    int r = a && b ? 0 : -ENOMEM;
    for (uint64_t off = 0, pnum; r == 0 && off < top->size; off += pnum) {
        uint64_t want = top->size - off < COPY_CHUNK ? top->size - off : COPY_CHUNK;
        r = block_status(top, off, want, &pnum, NULL, NULL);
        if (r < 0 || (r & BLOCK_STATUS_ALLOCATED)) {
            r = r < 0 ? r : 0;
            continue;
        }
        r = read_below(top->backing, off, a, (size_t)pnum);
        if (r == 0)
            r = read_below(nb, off, b, (size_t)pnum);
        if (r == 0 && memcmp(a, b, (size_t)pnum))
            r = block_write(top, off, a, (size_t)pnum);
        if (progress)
            img_progress((double)(off + pnum) / (double)top->size);
    }
    if (progress)
        printf("\n");
    free(a);
    free(b);
    return r;
}

/* -ELOOP when the image itself is in the chain that starts at b. */
static int check_no_loop(const struct block_dev *top, const struct block_dev *b)
{
    struct stat self, st;
    if (fstat(top->fd, &self) < 0)
        return -errno;
    for (; b; b = b->backing)
        if (fstat(b->fd, &st) == 0 && st.st_dev == self.st_dev && st.st_ino == self.st_ino)
            return block_fail(-ELOOP, "'%s' would become its own backing file (a backing "
                              "file loop)", top->filename);
    return 0;
}

static int rebase(const char *file, const char *fmt, const char *backing, const char *bfmt,
                  bool unsafe, bool progress)
{
    int flags = BLOCK_O_RDWR | (unsafe ? BLOCK_O_NO_BACKING : 0);
    struct block_dev *top = img_open(file, fmt, flags);
    if (!top)
        return -1;
    struct block_dev *nb = NULL;
    int r = 0;
    if (!top->drv->set_backing)
        r = block_fail(-ENOTSUP, "format '%s' has no backing files", top->drv->name);
    if (r == 0 && backing[0] && !unsafe) {
        char path[8192];
        resolve(file, backing, path, sizeof(path));
        if ((r = block_open(&nb, path, bfmt, 0)) < 0)
            block_set_error("Could not open new backing file '%s': %s", path,
                            *block_error() ? block_error() : strerror(-r));
        else
            r = check_no_loop(top, nb);
    }
    if (r == 0 && !unsafe)
        r = copy_differences(top, nb, progress);
    if (r == 0)
        r = top->drv->set_backing(top, backing, backing[0] ? bfmt : "");
    if (r == 0)
        r = block_flush(top);
    if (r < 0)
        img_block_error(file, r);
    block_close(nb);
    block_close(top);
    return r < 0 ? -1 : 0;
}

int cmd_rebase(int argc, char **argv)
{
    const char *fmt = NULL, *backing = NULL, *bfmt = NULL;
    bool unsafe = false, progress = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:b:F:upqt:T:Uh", NULL, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'b': backing = optarg; break;
        case 'F': bfmt = optarg; break;
        case 'u': unsafe = true; break;
        case 'p': progress = true; break;
        case 'q': case 't': case 'T': case 'U': break;
        default:
            img_error("usage: rebase [-f fmt] [-p] [-u] -b backing_file [-F backing_fmt] "
                      "filename");
            return 1;
        }
    }
    if (!backing || optind != argc - 1) {
        img_error("Expecting -b backing_file and one image file name");
        return 1;
    }
    /* As qemu-img: a new backing file needs its format named (probing is unsafe). */
    if (backing[0] && !bfmt) {
        img_error("Could not change the backing file to '%s': backing format must be "
                  "specified", backing);
        return 1;
    }
    return rebase(argv[optind], fmt, backing, bfmt, unsafe, progress) < 0 ? 1 : 0;
}

/* Copies the ranges the top image allocates into base. */
static int copy_down(struct block_dev *top, struct block_dev *base, bool progress)
{
    uint8_t *buf = img_buffer(COPY_CHUNK);
    int r = buf ? 0 : -ENOMEM;
    for (uint64_t off = 0, pnum; r == 0 && off < top->size; off += pnum) {
        uint64_t want = top->size - off < COPY_CHUNK ? top->size - off : COPY_CHUNK;
        int st = block_status(top, off, want, &pnum, NULL, NULL);
        if (st < 0)
            r = st;
        else if (!(st & BLOCK_STATUS_ALLOCATED))
            continue;
        else if (st & BLOCK_STATUS_ZERO)
            r = block_write_zeroes(base, off, pnum, false);
        else if ((r = block_read(top, off, buf, (size_t)pnum)) == 0)
            r = block_write(base, off, buf, (size_t)pnum);
        if (progress)
            img_progress((double)(off + pnum) / (double)top->size);
    }
    if (progress)
        printf("\n");
    free(buf);
    return r;
}

/* True when `base` names the same file as the image's backing file. */
static bool is_backing(const char *file, const struct block_dev *top, const char *base)
{
    char path[8192], a[PATH_MAX], b[PATH_MAX];
    resolve(file, top->backing_file, path, sizeof(path));
    return realpath(path, a) && realpath(base, b) && !strcmp(a, b);
}

static int commit(const char *file, const char *fmt, const char *want_base, bool keep,
                  bool progress)
{
    struct block_dev *top = img_open(file, fmt, BLOCK_O_RDWR | BLOCK_O_NO_BACKING);
    if (!top)
        return -1;
    struct block_dev *base = NULL;
    int r = 0;
    char path[8192];
    if (!top->backing_file[0])
        r = block_fail(-EINVAL, "Image does not have a backing file");
    else if (want_base && !is_backing(file, top, want_base))
        r = block_fail(-ENOTSUP, "'%s' is not the backing file of '%s' (only the immediate "
                       "backing file can be committed into)", want_base, file);
    if (r == 0) {
        resolve(file, top->backing_file, path, sizeof(path));
        r = block_open(&base, path, top->backing_fmt[0] ? top->backing_fmt : NULL,
                       BLOCK_O_RDWR);
    }
    if (r == 0 && base->size < top->size)
        r = block_truncate(base, top->size, false, "off");
    if (r == 0)
        r = copy_down(top, base, progress);
    if (r == 0)
        r = block_flush(base);
    if (r == 0 && !keep && top->drv->make_empty)
        r = top->drv->make_empty(top);
    if (r < 0)
        img_block_error(file, r);
    block_close(base);
    block_close(top);
    return r < 0 ? -1 : 0;
}

int cmd_commit(int argc, char **argv)
{
    const char *fmt = NULL, *base = NULL;
    bool keep = false, progress = false, quiet = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:dpqt:b:r:h", NULL, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c == 'b')
            base = optarg;
        else if (c == 'd')
            keep = true;
        else if (c == 'p')
            progress = true;
        else if (c == 'q')
            quiet = true;
        else if (c == 'h' || c == '?') {
            img_error("usage: commit [-f fmt] [-d] [-p] filename");
            return 1;
        }
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    if (commit(argv[optind], fmt, base, keep, progress) < 0)
        return 1;
    if (!quiet)
        printf("Image committed.\n");
    return 0;
}
