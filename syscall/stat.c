/* The stat family and statx, converted to the guest's struct layouts. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/path.h"
#include "syscall/syscall.h"

/* Writes st in layout lay at guest addr; -EOVERFLOW when a member the kernel checks
 * cannot hold the value (old struct stat with large inodes or sizes). */
static int put_stat(const struct syscall_table *abi, const struct gfield *lay, uint64_t addr,
                    const struct stat *st)
{
    uint64_t v[SK_COUNT] = {
        [SK_DEV] = st->st_dev, [SK_INO] = st->st_ino, [SK_MODE] = st->st_mode,
        [SK_NLINK] = st->st_nlink, [SK_UID] = st->st_uid, [SK_GID] = st->st_gid,
        [SK_RDEV] = st->st_rdev, [SK_SIZE] = (uint64_t)st->st_size,
        [SK_BLKSIZE] = (uint64_t)st->st_blksize, [SK_BLOCKS] = (uint64_t)st->st_blocks,
        [SK_ATIME] = (uint64_t)st->st_atim.tv_sec, [SK_ATIME_NSEC] = (uint64_t)st->st_atim.tv_nsec,
        [SK_MTIME] = (uint64_t)st->st_mtim.tv_sec, [SK_MTIME_NSEC] = (uint64_t)st->st_mtim.tv_nsec,
        [SK_CTIME] = (uint64_t)st->st_ctim.tv_sec, [SK_CTIME_NSEC] = (uint64_t)st->st_ctim.tv_nsec,
    };
    return put_struct(abi, lay, addr, v);
}

/* stat64 where the ABI has it, else (64-bit ABIs) the one struct stat. */
static const struct gfield *layout(const struct syscall_table *abi, bool is64)
{
    const struct gfield *l = is64 ? abi_stat64_layout(abi) : NULL;
    return l ? l : abi_stat_layout(abi);
}

static int64_t do_fstatat(struct sc *c, int dirfd, uint64_t path, uint64_t buf, int flags,
                          bool is64)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, path, flags & AT_EMPTY_PATH, &err);
    if (!p)
        return err;
    struct stat st;
    if (fstatat(dirfd, p, &st, flags) < 0)
        return -errno;
    return put_stat(c->abi, layout(c->abi, is64), buf, &st);
}

static int64_t do_fstat(struct sc *c, bool is64)
{
    struct stat st;
    if (fstat((int)c->a[0], &st) < 0)
        return -errno;
    return put_stat(c->abi, layout(c->abi, is64), c->a[1], &st);
}

static int64_t sys_stat(struct sc *c)
{
    return do_fstatat(c, AT_FDCWD, c->a[0], c->a[1], 0, false);
}
static int64_t sys_lstat(struct sc *c)
{
    return do_fstatat(c, AT_FDCWD, c->a[0], c->a[1], AT_SYMLINK_NOFOLLOW, false);
}
static int64_t sys_fstat(struct sc *c) { return do_fstat(c, false); }
static int64_t sys_newfstatat(struct sc *c)
{
    return do_fstatat(c, (int)c->a[0], c->a[1], c->a[2], (int)c->a[3], false);
}
static int64_t sys_stat64(struct sc *c)
{
    return do_fstatat(c, AT_FDCWD, c->a[0], c->a[1], 0, true);
}
static int64_t sys_lstat64(struct sc *c)
{
    return do_fstatat(c, AT_FDCWD, c->a[0], c->a[1], AT_SYMLINK_NOFOLLOW, true);
}
static int64_t sys_fstat64(struct sc *c) { return do_fstat(c, true); }
static int64_t sys_fstatat64(struct sc *c)
{
    return do_fstatat(c, (int)c->a[0], c->a[1], c->a[2], (int)c->a[3], true);
}

static int64_t sys_statx(struct sc *c)
{
    int flags = (int)c->a[2];
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[1], flags & AT_EMPTY_PATH, &err);
    if (!p)
        return err;
    size_t size = gstruct_size(c->abi, gs_statx);
    if (!guest_wr(c->a[4], size))
        return -EFAULT;
    struct statx stx;
    if (statx((int)c->a[0], p, flags, (unsigned)c->a[3], &stx) < 0)
        return -errno;
    /* Same members everywhere: only the byte order can differ. */
    uint64_t v[STX_K_COUNT];
    gstruct_load(&abi_host, gs_statx, &stx, v);
    return put_struct(c->abi, gs_statx, c->a[4], v);
}

static int put_statfs(const struct syscall_table *abi, const struct gfield *lay, uint64_t addr,
                      const struct statfs *sf)
{
    int fsid[2];
    memcpy(fsid, &sf->f_fsid, sizeof fsid);
    uint64_t v[SF_K_COUNT] = {
        [SF_K_TYPE] = (uint64_t)sf->f_type, [SF_K_BSIZE] = (uint64_t)sf->f_bsize,
        [SF_K_BLOCKS] = sf->f_blocks, [SF_K_BFREE] = sf->f_bfree,
        [SF_K_BAVAIL] = sf->f_bavail, [SF_K_FILES] = sf->f_files, [SF_K_FFREE] = sf->f_ffree,
        [SF_K_FSID] = (uint64_t)fsid[0], [SF_K_FSID + 1] = (uint64_t)fsid[1],
        [SF_K_NAMELEN] = (uint64_t)sf->f_namelen, [SF_K_FRSIZE] = (uint64_t)sf->f_frsize,
        [SF_K_FLAGS] = (uint64_t)sf->f_flags,
    };
    return put_struct(abi, lay, addr, v);
}

/* statfs64 and fstatfs64 also pass the size of the struct they expect. */
static int64_t do_statfs(struct sc *c, bool by_fd, bool is64)
{
    const struct gfield *lay = is64 ? abi_statfs64_layout(c->abi) : abi_statfs_layout(c->abi);
    uint64_t buf = is64 ? c->a[2] : c->a[1];
    if (is64 && c->a[1] != gstruct_size(c->abi, lay) &&
        (!c->abi->statfs64_alt_size || c->a[1] != c->abi->statfs64_alt_size))
        return -EINVAL;
    struct statfs sf;
    if (by_fd) {
        if (fstatfs((int)c->a[0], &sf) < 0)
            return -errno;
    } else {
        struct path_buf pb;
        int err;
        const char *p = path_get(&pb, c->a[0], 0, &err);
        if (!p)
            return err;
        if (statfs(p, &sf) < 0)
            return -errno;
    }
    return put_statfs(c->abi, lay, buf, &sf);
}

static int64_t sys_statfs(struct sc *c) { return do_statfs(c, false, false); }
static int64_t sys_fstatfs(struct sc *c) { return do_statfs(c, true, false); }
static int64_t sys_statfs64(struct sc *c) { return do_statfs(c, false, true); }
static int64_t sys_fstatfs64(struct sc *c) { return do_statfs(c, true, true); }

const struct syscall_def syscalls_stat[] = {
    { GSYS_stat, sys_stat, { A_PATH, A_PTR }, R_INT, 0 },
    { GSYS_lstat, sys_lstat, { A_PATH, A_PTR }, R_INT, 0 },
    { GSYS_fstat, sys_fstat, { A_FD, A_PTR }, R_INT, 0 },
    { GSYS_newfstatat, sys_newfstatat, { A_DIRFD, A_PATH, A_PTR, A_ATFLAGS }, R_INT, 0 },
    { GSYS_stat64, sys_stat64, { A_PATH, A_PTR }, R_INT, 0 },
    { GSYS_lstat64, sys_lstat64, { A_PATH, A_PTR }, R_INT, 0 },
    { GSYS_fstat64, sys_fstat64, { A_FD, A_PTR }, R_INT, 0 },
    { GSYS_fstatat64, sys_fstatat64, { A_DIRFD, A_PATH, A_PTR, A_ATFLAGS }, R_INT, 0 },
    { GSYS_statfs, sys_statfs, { A_PATH, A_PTR }, R_INT, 0 },
    { GSYS_fstatfs, sys_fstatfs, { A_FD, A_PTR }, R_INT, 0 },
    { GSYS_statfs64, sys_statfs64, { A_PATH, A_ULONG, A_PTR }, R_INT, 0 },
    { GSYS_fstatfs64, sys_fstatfs64, { A_FD, A_ULONG, A_PTR }, R_INT, 0 },
    { GSYS_statx, sys_statx, { A_DIRFD, A_PATH, A_ATFLAGS, A_HEX, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
