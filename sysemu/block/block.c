/* The generic block layer: errors, driver choice, opening images and their backing chains,
 * creating images, information (see block.h). */
#include "sysemu/block/block.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static _Thread_local char last_error[512];

void block_set_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof(last_error), fmt, ap);
    va_end(ap);
}

int block_fail(int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof(last_error), fmt, ap);
    va_end(ap);
    return err;
}

const char *block_error(void) { return last_error; }
void block_clear_error(void) { last_error[0] = 0; }

const struct block_driver *block_find_driver(const char *name)
{
    for (int i = 0; block_drivers[i]; i++)
        if (!strcmp(block_drivers[i]->name, name))
            return block_drivers[i];
    return NULL;
}

static int probe_fd(int fd, const char *filename, const struct block_driver **drv)
{
    uint8_t head[4096];
    int r = hostfile_pread_zero(fd, head, sizeof(head), 0);
    if (r < 0)
        return block_fail(r, "could not read image header: %s", strerror(-r));
    uint64_t size;
    if ((r = hostfile_size(fd, &size)) < 0)
        return r;
    size_t len = size < sizeof(head) ? (size_t)size : sizeof(head);
    int best = 0;
    *drv = NULL;
    for (int i = 0; block_drivers[i]; i++) {
        int score = block_drivers[i]->probe ? block_drivers[i]->probe(head, len, filename) : 0;
        if (score > best) {
            best = score;
            *drv = block_drivers[i];
        }
    }
    return *drv ? 0 : block_fail(-EINVAL, "could not determine the image format");
}

int block_probe(const char *filename, const struct block_driver **drv)
{
    int fd = hostfile_open(filename, false);
    if (fd < 0)
        return block_fail(fd, "could not open '%s': %s", filename, strerror(-fd));
    int r = probe_fd(fd, filename, drv);
    close(fd);
    return r;
}

/* The files already open in one chain, to catch a backing file that leads back. */
struct chain_seen {
    dev_t dev[BLOCK_MAX_CHAIN + 1];
    ino_t ino[BLOCK_MAX_CHAIN + 1];
    int n;
};

static int chain_add(struct chain_seen *seen, int fd, const char *filename)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return -errno;
    for (int i = 0; i < seen->n; i++)
        if (seen->dev[i] == st.st_dev && seen->ino[i] == st.st_ino)
            return block_fail(-ELOOP, "backing file '%s' is already in the chain "
                              "(a backing file loop)", filename);
    if (seen->n > BLOCK_MAX_CHAIN)
        return block_fail(-ELOOP, "backing chain deeper than %d images at '%s' "
                          "(a backing file loop?)", BLOCK_MAX_CHAIN, filename);
    seen->dev[seen->n] = st.st_dev;
    seen->ino[seen->n] = st.st_ino;
    seen->n++;
    return 0;
}

int block_backing_path(const struct block_dev *bs, char *out, size_t outlen)
{
    const char *b = bs->backing_file;
    const char *slash = strrchr(bs->filename, '/');
    int n;
    if (b[0] == '/' || !slash || strstr(b, "://"))
        n = snprintf(out, outlen, "%s", b);
    else
        n = snprintf(out, outlen, "%.*s%s", (int)(slash - bs->filename + 1), bs->filename, b);
    return n < 0 || (size_t)n >= outlen ? -ENAMETOOLONG : 0;
}

static int open_layer(struct block_dev **out, const char *filename, const char *fmt,
                      int flags, struct chain_seen *seen);

static int open_backing(struct block_dev *bs, struct chain_seen *seen)
{
    char path[4096 + 256];
    if (block_backing_path(bs, path, sizeof(path)) < 0)
        return block_fail(-ENAMETOOLONG, "backing file name too long");
    const char *fmt = bs->backing_fmt[0] ? bs->backing_fmt : NULL;
    int r = open_layer(&bs->backing, path, fmt, bs->flags & BLOCK_O_CHECK, seen);
    if (r < 0 && r != -ELOOP) {
        char why[sizeof(last_error)];
        snprintf(why, sizeof(why), "%s", last_error);
        block_set_error("could not open backing file: %s", why);
    }
    return r;
}

static int open_layer(struct block_dev **out, const char *filename, const char *fmt,
                      int flags, struct chain_seen *seen)
{
    *out = NULL;
    const struct block_driver *drv = NULL;
    if (fmt && !(drv = block_find_driver(fmt)))
        return block_fail(-EINVAL, "unknown image format '%s'", fmt);
    int fd = hostfile_open(filename, flags & BLOCK_O_RDWR);
    if (fd < 0)
        return block_fail(fd, "could not open '%s': %s", filename, strerror(-fd));
    int r = chain_add(seen, fd, filename);
    if (r == 0 && !drv)
        r = probe_fd(fd, filename, &drv);
    struct block_dev *bs = calloc(1, sizeof(*bs));
    char *name = strdup(filename);
    if (r < 0 || !bs || !name) {
        close(fd);
        free(bs);
        free(name);
        return r < 0 ? r : -ENOMEM;
    }
    bs->drv = drv;
    bs->probed_raw = !fmt && !strcmp(drv->name, "raw");
    bs->fd = fd;
    bs->filename = name;
    bs->flags = flags;
    if ((r = drv->open(bs)) < 0) {
        if (!last_error[0])
            block_set_error("could not open '%s' as %s: %s", filename, drv->name, strerror(-r));
        close(fd);
        free(name);
        free(bs);
        return r;
    }
    if (bs->backing_file[0] && !(flags & BLOCK_O_NO_BACKING) &&
        (r = open_backing(bs, seen)) < 0) {
        block_close(bs);
        return r;
    }
    *out = bs;
    return 0;
}

int block_open(struct block_dev **out, const char *filename, const char *fmt, int flags)
{
    struct chain_seen seen = { .n = 0 };
    block_clear_error();
    return open_layer(out, filename, fmt, flags, &seen);
}

void block_close(struct block_dev *bs)
{
    while (bs) {
        struct block_dev *next = bs->backing;
        if (bs->drv->close)
            bs->drv->close(bs);
        close(bs->fd);
        free(bs->filename);
        free(bs);
        bs = next;
    }
}

int block_create(const char *filename, const char *fmt, uint64_t size,
                 const struct block_opts *opts)
{
    block_clear_error();
    const struct block_driver *drv = block_find_driver(fmt);
    if (!drv)
        return block_fail(-EINVAL, "unknown image format '%s'", fmt);
    if (!drv->create)
        return block_fail(-ENOTSUP, "format '%s' does not support image creation", fmt);
    if (size > BLOCK_MAX_SIZE)
        return block_fail(-EFBIG, "image size %llu is too large", (unsigned long long)size);
    struct block_opts none = { 0 };
    int r = block_opts_check(opts ? opts : &none, drv->create_opts);
    if (r < 0)
        return r;
    r = drv->create(filename, size, opts ? opts : &none);
    if (r < 0 && !last_error[0])
        block_set_error("could not create '%s': %s", filename, strerror(-r));
    return r;
}

int block_get_info(struct block_dev *bs, struct block_info *info)
{
    memset(info, 0, sizeof(*info));
    info->cluster_size = bs->cluster_size;
    return bs->drv->get_info ? bs->drv->get_info(bs, info) : 0;
}
