/* The body of every harness (see fuzz_common.h). */
#include "fuzz_common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sysemu/block/block.h"

static char scratch[64];

/* Files an input may name (extents, backing files).  A write through an input may change
 * them, so each input starts from the bytes saved at setup: runs stay reproducible. */
static struct fixture {
    const char *name;
    uint8_t *data;
    size_t size;
} fixtures[] = {
    { .name = "flat.bin" }, { .name = "sparse.vmdk" }, { .name = "base.qcow2" },
};
#define N_FIXTURES (sizeof fixtures / sizeof *fixtures)

const char *fuzz_path(const char *name)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/%s", scratch, name);
    return buf;
}

static void put(const char *name, const void *data, size_t size)
{
    int fd = open(fuzz_path(name), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
        abort();
    close(fd);
}

static void save(struct fixture *f)
{
    int fd = open(fuzz_path(f->name), O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || !(f->data = malloc((size_t)st.st_size + 1)) ||
        read(fd, f->data, (size_t)st.st_size) != st.st_size)
        abort();
    f->size = (size_t)st.st_size;
    close(fd);
}

static void remove_scratch(void)
{
    unlink(fuzz_path("input"));
    for (size_t i = 0; i < N_FIXTURES; i++) {
        unlink(fuzz_path(fixtures[i].name));
        free(fixtures[i].data);
    }
    rmdir(scratch);
}

/* An image of fmt made through the block layer, with data at 64 KiB. */
static void make_image(const char *name, const char *fmt, const char *opts, const void *data,
                       size_t len)
{
    struct block_opts o = { 0 };
    struct block_dev *bs;
    if (block_opts_parse(&o, opts) < 0 ||
        block_create(fuzz_path(name), fmt, 1 << 20, &o) < 0 ||
        block_open(&bs, fuzz_path(name), fmt, BLOCK_O_RDWR) < 0 ||
        block_write(bs, 65536, data, len) < 0)
        abort();
    block_close(bs);
    block_opts_free(&o);
}

void fuzz_setup(void)
{
    /* tmpfs when there is one: the drivers sync on flush, which a disk makes slow. */
    snprintf(scratch, sizeof scratch, "%s/crossrun-fuzz-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(scratch))
        abort();
    atexit(remove_scratch);
    static uint8_t flat[8192];
    for (size_t i = 0; i < sizeof flat; i++)
        flat[i] = (uint8_t)(i * 7 + 1);
    put("flat.bin", flat, sizeof flat);
    make_image("sparse.vmdk", "vmdk", "subformat=streamOptimized", flat, sizeof flat);
    make_image("base.qcow2", "qcow2", "cluster_size=4096", flat, sizeof flat);
    for (size_t i = 0; i < N_FIXTURES; i++)
        save(&fixtures[i]);
}

/* Walks the allocation map a bounded number of steps, reading some of what is there. */
static void walk(struct block_dev *bs)
{
    static uint8_t buf[65536];
    uint64_t off = 0;
    for (int i = 0; i < 64 && off < bs->size; i++) {
        uint64_t pnum = 0, host;
        int st = block_status(bs, off, bs->size - off, &pnum, &host, NULL);
        if (st < 0)
            return;
        if (pnum == 0 || pnum > bs->size - off)
            abort();                       /* the contract: 1 <= *pnum <= len */
        size_t n = pnum < sizeof buf ? (size_t)pnum : sizeof buf;
        if (block_read(bs, off, buf, n) < 0)
            return;
        if (st & BLOCK_STATUS_ZERO)
            for (size_t k = 0; k < n; k++)
                if (buf[k])
                    abort();               /* said zero, read otherwise */
        off += pnum;
    }
}

static void inspect(struct block_dev *bs)
{
    struct block_info in;
    if (block_get_info(bs, &in) == 0)
        block_info_free(&in);
    struct block_snapshot *sn = NULL;
    if (bs->drv->snapshot_list && bs->drv->snapshot_list(bs, &sn) >= 0)
        free(sn);
    walk(bs);
    if (bs->size >= 4096) {
        static uint8_t buf[4096];
        block_read(bs, bs->size - sizeof buf, buf, sizeof buf);
    }
}

int fuzz_check(const char *path, const char *fmt, int flags, int fix, struct block_check *c)
{
    struct block_dev *bs;
    memset(c, 0, sizeof *c);
    int r = block_open(&bs, path, fmt, flags | BLOCK_O_CHECK);
    if (r < 0)
        return r;
    r = bs->drv->check ? bs->drv->check(bs, c, fix) : -ENOTSUP;
    if (!fix)
        inspect(bs);
    block_close(bs);
    return r;
}

/* Nothing wrong found: no corruption and nothing the check could not look at. */
static bool clean(int r, const struct block_check *c)
{
    return r == 0 && c->corruptions == 0 && c->check_errors == 0;
}

/* What is written must read back, and an image check called sound before the write must
 * call sound after it (writes are ordered so that no state on disk is corrupt); anything
 * else is a bug worth a crash report. */
static void round_trip(const char *path, const char *fmt, bool was_clean)
{
    struct block_dev *bs;
    if (block_open(&bs, path, fmt, BLOCK_O_RDWR) < 0)
        return;
    static uint8_t pat[1024], got[1024];
    for (size_t i = 0; i < sizeof pat; i++)
        pat[i] = (uint8_t)(i ^ 0x5a);
    uint64_t at = bs->size / 2 / 512 * 512;
    int w = bs->size >= at + sizeof pat ? block_write(bs, at, pat, sizeof pat) : -1;
    int f = w == 0 ? block_flush(bs) : -1;
    block_close(bs);
    if (w < 0 || f < 0)
        return;
    if (block_open(&bs, path, fmt, 0) < 0)
        abort();                           /* our own write made it unreadable */
    if (block_read(bs, at, got, sizeof got) < 0 || memcmp(pat, got, sizeof got))
        abort();
    block_close(bs);
    struct block_check c;
    int r = fuzz_check(path, fmt, 0, 0, &c);
    block_check_free(&c);
    if (was_clean && !clean(r, &c))
        abort();                           /* our own write corrupted a sound image */
}

void fuzz_put_input(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i < N_FIXTURES; i++)
        put(fixtures[i].name, fixtures[i].data, fixtures[i].size);
    put("input", data, size);
}

void fuzz_image(const char *fmt, const uint8_t *data, size_t size)
{
    char path[256];
    snprintf(path, sizeof path, "%s", fuzz_path("input"));
    fuzz_put_input(data, size);
    struct block_dev *bs;
    if (block_open(&bs, path, fmt, 0) == 0) {
        inspect(bs);
        block_close(bs);
    }
    struct block_check c;
    int r = fuzz_check(path, fmt, 0, 0, &c);
    block_check_free(&c);
    round_trip(path, fmt, clean(r, &c));
}
