/* Opening, reading, writing, seeking and truncating files. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/dircookie.h"
#include "syscall/fdtrans.h"
#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/path.h"
#include "syscall/procfs.h"
#include "syscall/safe-syscall.h"
#include "syscall/syscall.h"
#include "tcg/page.h"

static int64_t ret_errno(int64_t r)
{
    return r < 0 ? -errno : r;
}

/* The guest never opened crossrun's own log file: it cannot close it either. */
static bool is_log_fd(int fd)
{
    return log_file && fd == fileno(log_file);
}

static int64_t do_openat(struct sc *c, int dirfd, uint64_t path, uint32_t flags,
                         uint32_t mode)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, path, 0, &err);
    if (!p)
        return err;
    int pfd, pr = procfs_open(pb.guest, (int)abi_oflags_to_host(c->abi, flags), &pfd);
    if (pr)
        return pr < 0 ? pr : pfd;
    /* Opening a FIFO waits for the other end: a signal must be able to end that. */
    return safe_syscall6(SYS_openat, dirfd, (long)p, (long)abi_oflags_to_host(c->abi, flags),
                         (long)mode, 0, 0);
}

static int64_t sys_open(struct sc *c)
{
    return do_openat(c, AT_FDCWD, c->a[0], (uint32_t)c->a[1], (uint32_t)c->a[2]);
}

static int64_t sys_openat(struct sc *c)
{
    return do_openat(c, (int)c->a[0], c->a[1], (uint32_t)c->a[2], (uint32_t)c->a[3]);
}

static int64_t sys_creat(struct sc *c)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[0], 0, &err);
    if (!p)
        return err;
    return ret_errno(creat(p, (mode_t)c->a[1]));
}

static int64_t sys_close(struct sc *c)
{
    if (is_log_fd((int)c->a[0]))
        return -EBADF;
    fdtrans_close((int)c->a[0]);
    return ret_errno(close((int)c->a[0]));
}

/* Bytes from addr the guest may write, up to len: a read into a buffer whose tail is
 * unmapped succeeds as far as it gets, as with the kernel. */
static uint64_t writable_len(uint64_t addr, uint64_t len)
{
    if (guest_wr(addr, len))
        return len;
    uint64_t page = guest_page_size(), ok = 0;
    while (ok < len) {
        uint64_t step = page - ((addr + ok) & (page - 1));
        if (step > len - ok)
            step = len - ok;
        if (!guest_wr(addr + ok, step))
            break;
        ok += step;
    }
    return ok;
}

static int64_t sys_read(struct sc *c)
{
    uint64_t len = c->a[2], n = writable_len(c->a[1], len);
    if (len && !n)
        return -EFAULT;
    long r = safe_syscall6(SYS_read, (int)c->a[0], (long)g2h(c->a[1]), (long)n, 0, 0, 0);
    if (r > 0)
        fdtrans_read(c->abi, (int)c->a[0], g2h(c->a[1]), (size_t)r);
    return r;
}

static int64_t sys_write(struct sc *c)
{
    const void *buf = guest_rd(c->a[1], c->a[2]);
    if (!buf)
        return -EFAULT;
    int err = 0;
    void *conv = fdtrans_write(c->abi, (int)c->a[0], buf, (size_t)c->a[2], &err);
    if (err)
        return err;
    long r = safe_syscall6(SYS_write, (int)c->a[0], (long)(conv ? conv : buf), (long)c->a[2],
                           0, 0, 0);
    free(conv);
    return r;
}

static int64_t sys_pread64(struct sc *c)
{
    uint64_t len = c->a[2], n = writable_len(c->a[1], len);
    if (len && !n)
        return -EFAULT;
    return ret_errno(pread((int)c->a[0], g2h(c->a[1]), (size_t)n, (off_t)c->a[3]));
}

static int64_t sys_pwrite64(struct sc *c)
{
    const void *buf = guest_rd(c->a[1], c->a[2]);
    if (!buf)
        return -EFAULT;
    return ret_errno(pwrite((int)c->a[0], buf, (size_t)c->a[2], (off_t)c->a[3]));
}

static int64_t do_vec(struct sc *c, bool to_guest, bool positioned, int64_t pos)
{
    struct iovec *iov;
    int r = get_iovec(c->abi, c->a[1], c->a[2], to_guest, &iov);
    if (r < 0)
        return r;
    int fd = (int)c->a[0], cnt = (int)c->a[2];
    ssize_t n;
    if (positioned)
        n = to_guest ? preadv(fd, iov, cnt, (off_t)pos) : pwritev(fd, iov, cnt, (off_t)pos);
    else
        n = safe_syscall6(to_guest ? SYS_readv : SYS_writev, fd, (long)iov, cnt, 0, 0, 0);
    int64_t ret = positioned ? ret_errno(n) : n;
    free(iov);
    return ret;
}

static int64_t sys_readv(struct sc *c) { return do_vec(c, true, false, 0); }
static int64_t sys_writev(struct sc *c) { return do_vec(c, false, false, 0); }

/* preadv/pwritev pass the offset as two longs, low first, whatever the byte order. */
static int64_t vec_pos(struct sc *c)
{
    return c->abi->word_size == 4 ? (int64_t)((c->a[4] << 32) | (c->a[3] & 0xffffffff))
                                  : (int64_t)c->a[3];
}

static int64_t sys_preadv(struct sc *c) { return do_vec(c, true, true, vec_pos(c)); }
static int64_t sys_pwritev(struct sc *c) { return do_vec(c, false, true, vec_pos(c)); }

static bool dir_of(int fd, struct stat *st)
{
    return fstat(fd, st) == 0 && S_ISDIR(st->st_mode);
}

/* lseek with the directory positions 32-bit guests see (syscall/dircookie.h). */
static int64_t guest_seek(struct sc *c, int fd, int64_t off, int whence)
{
    bool narrow = c->abi->word_size == 4, known = false, dir = false;
    struct stat st;
    if (narrow && whence == SEEK_SET && off >= DIRCOOKIE_BASE) {
        known = true;
        dir = dir_of(fd, &st);
        if (dir && (off = dircookie_from_guest(st.st_dev, st.st_ino, off)) < 0)
            return off;
    }
    off_t r = lseek(fd, (off_t)off, whence);
    if (r < 0)
        return -errno;
    if (narrow && r >= DIRCOOKIE_BASE && (known ? dir : dir_of(fd, &st)))
        return dircookie_to_guest(st.st_dev, st.st_ino, r);
    return r;
}

static int64_t sys_lseek(struct sc *c)
{
    int64_t r = guest_seek(c, (int)c->a[0], (int64_t)c->a[1], (int)c->a[2]);
    /* A 32-bit off_t cannot hold the new position. */
    if (c->abi->word_size == 4 && r > INT32_MAX)
        return -EOVERFLOW;
    return r;
}

static int64_t sys__llseek(struct sc *c)
{
    int64_t off = (int64_t)((c->a[1] << 32) | (c->a[2] & 0xffffffff));
    void *res = guest_wr(c->a[3], 8);
    if (!res)
        return -EFAULT;
    int64_t r = guest_seek(c, (int)c->a[0], off, (int)c->a[4]);
    if (r < 0)
        return r;
    abi_st64(c->abi, res, (uint64_t)r);
    return 0;
}

static int64_t sys_ftruncate(struct sc *c)
{
    return ret_errno(ftruncate((int)c->a[0], (off_t)(int64_t)c->a[1]));
}

static int64_t sys_truncate(struct sc *c)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[0], 0, &err);
    if (!p)
        return err;
    return ret_errno(truncate(p, (off_t)(int64_t)c->a[1]));
}

static int64_t sys_fsync(struct sc *c) { return ret_errno(fsync((int)c->a[0])); }
static int64_t sys_fdatasync(struct sc *c) { return ret_errno(fdatasync((int)c->a[0])); }

static int64_t sys_sync(struct sc *c)
{
    sync();
    return 0;
}

static int64_t sys_fallocate(struct sc *c)
{
    return ret_errno(fallocate((int)c->a[0], (int)c->a[1], (off_t)c->a[2], (off_t)c->a[3]));
}

/* fadvise64_64(fd, off, len, advice), and the order that keeps 64-bit arguments in
 * aligned register pairs (fd, advice, off, len) */
static int64_t sys_fadvise64_64(struct sc *c)
{
    int r = posix_fadvise((int)c->a[0], (off_t)c->a[1], (off_t)c->a[2], (int)c->a[3]);
    return -r;
}

static int64_t sys_fadvise_advice_second(struct sc *c)
{
    int r = posix_fadvise((int)c->a[0], (off_t)c->a[2], (off_t)c->a[3], (int)c->a[1]);
    return -r;
}

const struct syscall_def syscalls_file[] = {
    { GSYS_open, sys_open, { A_PATH, A_OFLAGS, A_MODE }, R_INT, 0 },
    { GSYS_openat, sys_openat, { A_DIRFD, A_PATH, A_OFLAGS, A_MODE }, R_INT, 0 },
    { GSYS_creat, sys_creat, { A_PATH, A_MODE }, R_INT, 0 },
    { GSYS_close, sys_close, { A_FD }, R_INT, 0 },
    { GSYS_read, sys_read, { A_FD, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_write, sys_write, { A_FD, A_BUF, A_ULONG }, R_INT, 0 },
    { GSYS_pread64, sys_pread64, { A_FD, A_PTR, A_ULONG, A_S64 }, R_INT, 0 },
    { GSYS_pwrite64, sys_pwrite64, { A_FD, A_BUF, A_ULONG, A_S64 }, R_INT, 0 },
    { GSYS_readv, sys_readv, { A_FD, A_PTR, A_INT }, R_INT, 0 },
    { GSYS_writev, sys_writev, { A_FD, A_PTR, A_INT }, R_INT, 0 },
    { GSYS_preadv, sys_preadv, { A_FD, A_PTR, A_INT, A_ULONG, A_ULONG }, R_INT, 0 },
    { GSYS_pwritev, sys_pwritev, { A_FD, A_PTR, A_INT, A_ULONG, A_ULONG }, R_INT, 0 },
    { GSYS_lseek, sys_lseek, { A_FD, A_LONG, A_WHENCE }, R_INT, 0 },
    { GSYS__llseek, sys__llseek, { A_FD, A_ULONG, A_ULONG, A_PTR, A_WHENCE }, R_INT, 0 },
    { GSYS_ftruncate, sys_ftruncate, { A_FD, A_LONG }, R_INT, 0 },
    { GSYS_ftruncate64, sys_ftruncate, { A_FD, A_S64 }, R_INT, 0 },
    { GSYS_truncate, sys_truncate, { A_PATH, A_LONG }, R_INT, 0 },
    { GSYS_truncate64, sys_truncate, { A_PATH, A_S64 }, R_INT, 0 },
    { GSYS_fsync, sys_fsync, { A_FD }, R_INT, 0 },
    { GSYS_fdatasync, sys_fdatasync, { A_FD }, R_INT, 0 },
    { GSYS_sync, sys_sync, { 0 }, R_INT, 0 },
    { GSYS_fallocate, sys_fallocate, { A_FD, A_INT, A_S64, A_S64 }, R_INT, 0 },
    { GSYS_fadvise64_64, sys_fadvise64_64, { A_FD, A_S64, A_S64, A_INT }, R_INT, 0 },
    /* the kernel's name for the (fd, advice, off, len) order */
    { GSYS_arm_fadvise64_64, sys_fadvise_advice_second,
      { A_FD, A_INT, A_S64, A_S64 }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
