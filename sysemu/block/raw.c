/* The raw format: the virtual disk is the file, byte for byte.  Holes (SEEK_DATA/SEEK_HOLE)
 * are reported as zero areas so convert and map can skip them. */
#include "sysemu/block/block.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct block_opt_desc raw_create_opts[] = {
    { "size", "size", "Virtual disk size" },
    { "preallocation", "str", "Preallocation mode (allowed values: off, falloc, full)" },
    { NULL, NULL, NULL },
};

static int raw_probe(const uint8_t *head, size_t len, const char *filename)
{
    return 1;   /* anything can be a raw image; every real format scores higher */
}

static int raw_open(struct block_dev *bs)
{
    struct stat st;
    if (fstat(bs->fd, &st) < 0)
        return -errno;
    int r = hostfile_size(bs->fd, &bs->size);
    if (r < 0)
        return r;
    bs->zero_init = S_ISREG(st.st_mode);
    return 0;
}

static int write_zeros_by_hand(int fd, uint64_t off, uint64_t len)
{
    static const uint8_t zeros[65536];
    for (uint64_t done = 0; done < len;) {
        size_t n = len - done < sizeof(zeros) ? (size_t)(len - done) : sizeof(zeros);
        int r = hostfile_pwrite(fd, zeros, n, off + done);
        if (r < 0)
            return r;
        done += n;
    }
    return 0;
}

/* Fills [from, to) of a file that has just grown, as the preallocation mode asks. */
static int preallocate(int fd, uint64_t from, uint64_t to, const char *mode)
{
    if (!strcmp(mode, "off") || from >= to)
        return 0;
    if (!strcmp(mode, "falloc"))
        return hostfile_allocate(fd, from, to - from);
    if (!strcmp(mode, "full"))
        return write_zeros_by_hand(fd, from, to - from);
    return block_fail(-EINVAL, "invalid preallocation mode '%s' for raw (off, falloc, full)",
                      mode);
}

static int raw_create(const char *filename, uint64_t size, const struct block_opts *opts)
{
    const char *mode = block_opts_get(opts, "preallocation");
    if (!mode)
        mode = "off";
    if (strcmp(mode, "off") && strcmp(mode, "falloc") && strcmp(mode, "full"))
        return block_fail(-EINVAL, "invalid preallocation mode '%s' for raw (off, falloc, full)",
                          mode);
    int fd = hostfile_create(filename);
    if (fd < 0)
        return block_fail(fd, "could not create '%s': %s", filename, strerror(-fd));
    int r = hostfile_truncate(fd, size);
    if (r == 0)
        r = preallocate(fd, 0, size, mode);
    close(fd);
    return r;
}

static int raw_read(struct block_dev *bs, uint64_t off, void *buf, size_t len)
{
    return hostfile_pread_zero(bs->fd, buf, len, off);
}

static int raw_write(struct block_dev *bs, uint64_t off, const void *buf, size_t len)
{
    return hostfile_pwrite(bs->fd, buf, len, off);
}

static int raw_write_zeroes(struct block_dev *bs, uint64_t off, uint64_t len, bool may_unmap)
{
    if (may_unmap && hostfile_punch(bs->fd, off, len) == 0)
        return 0;
    if (fallocate(bs->fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, (off_t)off,
                  (off_t)len) == 0)
        return 0;
    return write_zeros_by_hand(bs->fd, off, len);
}

/* BLOCK_O_UNSAFE (qemu-img's cache=unsafe, convert's default) ignores flushes, as qemu does. */
static int raw_flush(struct block_dev *bs)
{
    return bs->flags & BLOCK_O_UNSAFE ? 0 : hostfile_flush(bs->fd);
}

static int raw_block_status(struct block_dev *bs, uint64_t off, uint64_t len, uint64_t *pnum,
                            uint64_t *host, const char **file)
{
    bool data;
    int r = hostfile_extent(bs->fd, off, len, &data, pnum);
    if (r < 0)
        return r;
    if (host)
        *host = off;
    if (file)
        *file = bs->filename;
    return (data ? BLOCK_STATUS_DATA : BLOCK_STATUS_ZERO) | BLOCK_STATUS_ALLOCATED |
           BLOCK_STATUS_OFFSET_VALID;
}

static int raw_truncate(struct block_dev *bs, uint64_t size, const char *prealloc)
{
    uint64_t old = bs->size;
    int r = hostfile_truncate(bs->fd, size);
    if (r == 0)
        r = preallocate(bs->fd, old, size, prealloc);
    if (r == 0)
        bs->size = size;
    return r;
}

static int raw_measure(uint64_t size, const struct block_opts *opts, struct block_dev *in,
                       struct block_measure *out)
{
    /* A raw image holds every byte of the disk, holes or not (qemu-img counts it so). */
    out->required = in ? in->size : size;
    out->fully_allocated = out->required;
    out->bitmaps = 0;
    return 0;
}

static int raw_make_empty(struct block_dev *bs)
{
    return raw_write_zeroes(bs, 0, bs->size, true);
}

const struct block_driver block_driver_raw = {
    .name = "raw",
    .create_opts = raw_create_opts,
    .align = 1,
    .probe = raw_probe,
    .open = raw_open,
    .create = raw_create,
    .read = raw_read,
    .write = raw_write,
    .write_zeroes = raw_write_zeroes,
    .flush = raw_flush,
    .block_status = raw_block_status,
    .truncate = raw_truncate,
    .measure = raw_measure,
    .make_empty = raw_make_empty,
};
