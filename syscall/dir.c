/* Directories: reading entries, the working directory, creating and removing. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/dircookie.h"
#include "syscall/guest-mem.h"
#include "syscall/path.h"
#include "syscall/syscall.h"

static int64_t ret_errno(int64_t r)
{
    return r < 0 ? -errno : r;
}

/* struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, name. */
enum { D64_INO = 0, D64_OFF = 8, D64_RECLEN = 16, D64_TYPE = 18, D64_NAME = 19 };

/* The directory behind fd, for the cookie tables of 32-bit guests (dircookie.h). */
static int dir_id(int fd, uint64_t *dev, uint64_t *ino)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return -errno;
    *dev = st.st_dev;
    *ino = st.st_ino;
    return 0;
}

static int64_t sys_getdents64(struct sc *c)
{
    uint64_t count = c->a[2];
    int fd = (int)c->a[0];
    uint8_t *out = guest_wr(c->a[1], count);
    if (!out)
        return -EFAULT;
    uint64_t dev = 0, ino = 0;
    bool narrow = c->abi->word_size == 4;
    if (narrow) {
        int r = dir_id(fd, &dev, &ino);
        if (r < 0)
            return r;
    }
    long n = syscall(SYS_getdents64, fd, out, (size_t)count);
    if (n < 0)
        return -errno;
    if (!narrow && !c->abi->big_endian)
        return n;
    /* Same layout on every ABI: big-endian guests need their numbers swapped, 32-bit
     * ones positions they can hold. */
    for (long off = 0; off < n;) {
        uint8_t *d = out + off;
        uint16_t reclen;
        uint64_t dino;
        int64_t doff;
        memcpy(&reclen, d + D64_RECLEN, 2);
        memcpy(&dino, d + D64_INO, 8);
        memcpy(&doff, d + D64_OFF, 8);
        if (narrow) {
            doff = dircookie_to_guest(dev, ino, doff);
            if (doff < 0)
                return doff;
        }
        abi_st64(c->abi, d + D64_INO, dino);
        abi_st64(c->abi, d + D64_OFF, (uint64_t)doff);
        abi_st16(c->abi, d + D64_RECLEN, reclen);
        off += reclen;
    }
    return n;
}

/* An inode number for the old struct linux_dirent's 32-bit d_ino. The kernel says
 * EOVERFLOW for the whole call when one does not fit, which leaves such a directory
 * unreadable; a folded number only disagrees with what stat64 reports (as it must:
 * the struct cannot hold the real one). Never 0, which marks an unused entry. */
static uint64_t fold_ino(uint64_t ino)
{
    if (ino <= UINT32_MAX)
        return ino;
    uint32_t f = (uint32_t)(ino ^ (ino >> 32));
    return f ? f : 1;
}

/* The old struct linux_dirent: long d_ino, long d_off, u16 d_reclen, name, NUL, and
 * d_type in the record's last byte. Built from getdents64 records. */
static int64_t sys_getdents(struct sc *c)
{
    const struct syscall_table *abi = c->abi;
    int fd = (int)c->a[0];
    uint64_t count = c->a[2];
    uint8_t *out = guest_wr(c->a[1], count);
    if (!out)
        return -EFAULT;
    unsigned w = abi->word_size;
    uint64_t dev = 0, dino = 0;
    if (w == 4) {
        int r = dir_id(fd, &dev, &dino);
        if (r < 0)
            return r;
    }
    uint8_t *buf = malloc((size_t)count);
    if (!buf)
        return -ENOMEM;
    long n = syscall(SYS_getdents64, fd, buf, (size_t)count);
    if (n < 0) {
        free(buf);
        return -errno;
    }
    uint64_t done = 0;
    int64_t prev_off = 0;
    int64_t ret = 0;
    for (long off = 0; off < n;) {
        const uint8_t *d = buf + off;
        uint16_t reclen;
        uint64_t ino;
        int64_t doff, goff;
        memcpy(&reclen, d + D64_RECLEN, 2);
        memcpy(&ino, d + D64_INO, 8);
        memcpy(&doff, d + D64_OFF, 8);
        const char *name = (const char *)d + D64_NAME;
        size_t namelen = strlen(name);
        size_t glen = (2 * w + 2 + namelen + 2 + w - 1) / w * w;
        if (done + glen > count) {
            if (done == 0) {
                ret = -EINVAL;
                break;
            }
            /* The rest comes with the next call: resume after the last one copied. */
            lseek(fd, (off_t)prev_off, SEEK_SET);
            break;
        }
        goff = w == 4 ? dircookie_to_guest(dev, dino, doff) : doff;
        if (goff < 0) {
            ret = goff;
            break;
        }
        uint8_t *g = out + done;
        memset(g, 0, glen);
        abi_stword(abi, g, w == 4 ? fold_ino(ino) : ino);
        abi_stword(abi, g + w, (uint64_t)goff);
        abi_st16(abi, g + 2 * w, (uint16_t)glen);
        memcpy(g + 2 * w + 2, name, namelen);
        g[glen - 1] = d[D64_TYPE];
        done += glen;
        off += reclen;
        prev_off = doff;
    }
    free(buf);
    return ret < 0 ? ret : (int64_t)done;
}

static int64_t sys_getcwd(struct sc *c)
{
    char tmp[PATH_MAX];
    long len = syscall(SYS_getcwd, tmp, sizeof tmp);
    if (len < 0)
        return -errno;
    if ((uint64_t)len > c->a[1])
        return -ERANGE;
    void *out = guest_wr(c->a[0], (uint64_t)len);
    if (!out)
        return -EFAULT;
    memcpy(out, tmp, (size_t)len);
    return len;
}

static int64_t sys_chdir(struct sc *c)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[0], 0, &err);
    if (!p)
        return err;
    return ret_errno(chdir(p));
}

static int64_t sys_fchdir(struct sc *c)
{
    return ret_errno(fchdir((int)c->a[0]));
}

static int64_t do_mkdirat(int dirfd, uint64_t path, uint64_t mode)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, path, 0, &err);
    if (!p)
        return err;
    return ret_errno(mkdirat(dirfd, p, (mode_t)mode));
}

static int64_t sys_mkdir(struct sc *c) { return do_mkdirat(AT_FDCWD, c->a[0], c->a[1]); }
static int64_t sys_mkdirat(struct sc *c) { return do_mkdirat((int)c->a[0], c->a[1], c->a[2]); }

static int64_t sys_rmdir(struct sc *c)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[0], 0, &err);
    if (!p)
        return err;
    return ret_errno(rmdir(p));
}

const struct syscall_def syscalls_dir[] = {
    { GSYS_getdents64, sys_getdents64, { A_FD, A_PTR, A_UINT }, R_INT, 0 },
    { GSYS_getdents, sys_getdents, { A_FD, A_PTR, A_UINT }, R_INT, 0 },
    { GSYS_getcwd, sys_getcwd, { A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_chdir, sys_chdir, { A_PATH }, R_INT, 0 },
    { GSYS_fchdir, sys_fchdir, { A_FD }, R_INT, 0 },
    { GSYS_mkdir, sys_mkdir, { A_PATH, A_MODE }, R_INT, 0 },
    { GSYS_mkdirat, sys_mkdirat, { A_DIRFD, A_PATH, A_MODE }, R_INT, 0 },
    { GSYS_rmdir, sys_rmdir, { A_PATH }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
