/* The body of every harness (see fuzz_common.h). */
#include "fuzz_common.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysemu/block/block.h"

static char scratch[64];

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

static void remove_scratch(void)
{
    static const char *const names[] = { "input", "flat.bin", "sparse.vmdk" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        unlink(fuzz_path(names[i]));
    rmdir(scratch);
}

void fuzz_setup(void)
{
    /* tmpfs when there is one: the drivers sync on flush, which a disk makes slow. */
    snprintf(scratch, sizeof scratch, "%s/crossrun-fuzz-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(scratch))
        abort();
    atexit(remove_scratch);
    /* Extent files that descriptor inputs may name. */
    static uint8_t flat[8192];
    for (size_t i = 0; i < sizeof flat; i++)
        flat[i] = (uint8_t)(i * 7 + 1);
    put("flat.bin", flat, sizeof flat);
    struct block_opts o = { 0 };
    struct block_dev *bs;
    if (block_opts_set(&o, "subformat", "streamOptimized") < 0 ||
        block_create(fuzz_path("sparse.vmdk"), "vmdk", 1 << 20, &o) < 0 ||
        block_open(&bs, fuzz_path("sparse.vmdk"), "vmdk", BLOCK_O_RDWR) < 0 ||
        block_write(bs, 65536, flat, sizeof flat) < 0)
        abort();
    block_close(bs);
    block_opts_free(&o);
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
    walk(bs);
    if (bs->size >= 4096) {
        static uint8_t buf[4096];
        block_read(bs, bs->size - sizeof buf, buf, sizeof buf);
    }
}

static void check(const char *path, const char *fmt)
{
    struct block_dev *bs;
    if (block_open(&bs, path, fmt, BLOCK_O_CHECK) < 0)
        return;
    struct block_check c = { 0 };
    if (bs->drv->check)
        bs->drv->check(bs, &c, 0);
    block_check_free(&c);
    inspect(bs);
    block_close(bs);
}

/* What is written must read back; anything else is a bug worth a crash report. */
static void round_trip(const char *path, const char *fmt)
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
}

void fuzz_image(const char *fmt, const uint8_t *data, size_t size)
{
    const char *p = fuzz_path("input");
    char path[256];
    snprintf(path, sizeof path, "%s", p);
    put("input", data, size);
    struct block_dev *bs;
    if (block_open(&bs, path, fmt, 0) == 0) {
        inspect(bs);
        block_close(bs);
    }
    check(path, fmt);
    round_trip(path, fmt);
}
