/* Calls that act on file names: links, renames, permissions, times, access checks. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/path.h"
#include "syscall/syscall.h"

static int64_t ret_errno(int64_t r)
{
    return r < 0 ? -errno : r;
}

static int64_t do_unlinkat(int dirfd, uint64_t path, int flags)
{
    struct path_buf pb;
    int p_err;
    const char *p = path_get(&pb, path, 0, &p_err);
    if (!p)
        return p_err;
    return ret_errno(unlinkat(dirfd, p, flags));
}

static int64_t sys_unlink(struct sc *c) { return do_unlinkat(AT_FDCWD, c->a[0], 0); }
static int64_t sys_unlinkat(struct sc *c)
{
    return do_unlinkat((int)c->a[0], c->a[1], (int)c->a[2]);
}

static int64_t do_renameat2(int olddir, uint64_t oldp, int newdir, uint64_t newp,
                            unsigned flags)
{
    struct path_buf a, b;
    int from_err;
    const char *from = path_get(&a, oldp, 0, &from_err);
    if (!from)
        return from_err;
    int to_err;
    const char *to = path_get(&b, newp, 0, &to_err);
    if (!to)
        return to_err;
    return ret_errno(renameat2(olddir, from, newdir, to, flags));
}

static int64_t sys_rename(struct sc *c)
{
    return do_renameat2(AT_FDCWD, c->a[0], AT_FDCWD, c->a[1], 0);
}
static int64_t sys_renameat(struct sc *c)
{
    return do_renameat2((int)c->a[0], c->a[1], (int)c->a[2], c->a[3], 0);
}
static int64_t sys_renameat2(struct sc *c)
{
    return do_renameat2((int)c->a[0], c->a[1], (int)c->a[2], c->a[3], (unsigned)c->a[4]);
}

static int64_t do_faccessat(int dirfd, uint64_t path, int mode, int flags)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, path, flags & AT_EMPTY_PATH, &err);
    if (!p)
        return err;
    /* The raw call: glibc's wrapper would emulate flags with stat when it must. */
    if (!flags)
        return ret_errno(syscall(SYS_faccessat, dirfd, p, mode));
    return ret_errno(syscall(SYS_faccessat2, dirfd, p, mode, flags));
}

static int64_t sys_access(struct sc *c) { return do_faccessat(AT_FDCWD, c->a[0], (int)c->a[1], 0); }
static int64_t sys_faccessat(struct sc *c)
{
    return do_faccessat((int)c->a[0], c->a[1], (int)c->a[2], 0);
}
static int64_t sys_faccessat2(struct sc *c)
{
    return do_faccessat((int)c->a[0], c->a[1], (int)c->a[2], (int)c->a[3]);
}

static int64_t do_readlinkat(int dirfd, uint64_t path, uint64_t buf, uint64_t size)
{
    struct path_buf pb;
    int p_err;
    const char *p = path_get(&pb, path, 0, &p_err);
    if (!p)
        return p_err;
    if ((int64_t)size <= 0)
        return -EINVAL;
    char *out = guest_wr(buf, size);
    if (!out)
        return -EFAULT;
    if (path_is_proc_exe(pb.guest)) {
        /* The guest's program, not crossrun. Like readlink: no NUL, cut to size. */
        const char *exe = path_exe_guest();
        size_t n = strlen(exe);
        if (n > size)
            n = (size_t)size;
        memcpy(out, exe, n);
        return (int64_t)n;
    }
    return ret_errno(readlinkat(dirfd, p, out, (size_t)size));
}

static int64_t sys_readlink(struct sc *c)
{
    return do_readlinkat(AT_FDCWD, c->a[0], c->a[1], c->a[2]);
}
static int64_t sys_readlinkat(struct sc *c)
{
    return do_readlinkat((int)c->a[0], c->a[1], c->a[2], c->a[3]);
}

static int64_t do_fchmodat(int dirfd, uint64_t path, uint64_t mode)
{
    struct path_buf pb;
    int p_err;
    const char *p = path_get(&pb, path, 0, &p_err);
    if (!p)
        return p_err;
    return ret_errno(fchmodat(dirfd, p, (mode_t)mode, 0));
}

static int64_t sys_chmod(struct sc *c) { return do_fchmodat(AT_FDCWD, c->a[0], c->a[1]); }
static int64_t sys_fchmodat(struct sc *c) { return do_fchmodat((int)c->a[0], c->a[1], c->a[2]); }
static int64_t sys_fchmod(struct sc *c)
{
    return ret_errno(fchmod((int)c->a[0], (mode_t)c->a[1]));
}

/* 16-bit id calls (the ABI's legacy ones) say "unchanged" with 0xffff. */
static uid_t id_arg(uint64_t v, bool id16)
{
    if (id16)
        return (uint16_t)v == 0xffff ? (uid_t)-1 : (uid_t)(uint16_t)v;
    return (uid_t)(uint32_t)v;
}

static int64_t do_fchownat(int dirfd, uint64_t path, uint64_t uid, uint64_t gid, int flags,
                           bool id16)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, path, flags & AT_EMPTY_PATH, &err);
    if (!p)
        return err;
    return ret_errno(fchownat(dirfd, p, id_arg(uid, id16), (gid_t)id_arg(gid, id16), flags));
}

static bool uid16(struct sc *c) { return c->abi->uid16; }

static int64_t sys_chown(struct sc *c)
{
    return do_fchownat(AT_FDCWD, c->a[0], c->a[1], c->a[2], 0, uid16(c));
}
static int64_t sys_lchown(struct sc *c)
{
    return do_fchownat(AT_FDCWD, c->a[0], c->a[1], c->a[2], AT_SYMLINK_NOFOLLOW, uid16(c));
}
static int64_t sys_chown32(struct sc *c)
{
    return do_fchownat(AT_FDCWD, c->a[0], c->a[1], c->a[2], 0, false);
}
static int64_t sys_lchown32(struct sc *c)
{
    return do_fchownat(AT_FDCWD, c->a[0], c->a[1], c->a[2], AT_SYMLINK_NOFOLLOW, false);
}
static int64_t sys_fchownat(struct sc *c)
{
    return do_fchownat((int)c->a[0], c->a[1], c->a[2], c->a[3], (int)c->a[4], false);
}
static int64_t sys_fchown(struct sc *c)
{
    bool id16 = uid16(c);
    return ret_errno(fchown((int)c->a[0], id_arg(c->a[1], id16), (gid_t)id_arg(c->a[2], id16)));
}
static int64_t sys_fchown32(struct sc *c)
{
    return ret_errno(fchown((int)c->a[0], id_arg(c->a[1], false), (gid_t)id_arg(c->a[2], false)));
}

static int64_t do_utimensat(struct sc *c, bool time64)
{
    int dirfd = (int)c->a[0], flags = (int)c->a[3];
    struct timespec ts[2], *tsp = NULL;
    if (c->a[2]) {
        size_t one = gstruct_size(c->abi, time64 ? gs_timespec64 : gs_timespec);
        for (int i = 0; i < 2; i++) {
            int r = get_timespec(c->abi, c->a[2] + i * one, time64, &ts[i]);
            if (r < 0)
                return r;
        }
        tsp = ts;
    }
    /* A NULL name means the file dirfd itself (futimens). */
    if (!c->a[1])
        return ret_errno(syscall(SYS_utimensat, dirfd, NULL, tsp, flags));
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[1], flags & AT_EMPTY_PATH, &err);
    if (!p)
        return err;
    return ret_errno(utimensat(dirfd, p, tsp, flags));
}

static int64_t sys_utimensat(struct sc *c) { return do_utimensat(c, c->abi->word_size == 8); }
static int64_t sys_utimensat_time64(struct sc *c) { return do_utimensat(c, true); }

/* utimes and futimesat: two timevals (NULL: now), made timespecs. */
static int64_t do_futimesat(struct sc *c, int dirfd, uint64_t path, uint64_t times)
{
    struct timespec ts[2], *tsp = NULL;
    if (times) {
        size_t one = gstruct_size(c->abi, gs_timeval);
        for (int i = 0; i < 2; i++) {
            struct timeval tv;
            int r = get_timeval(c->abi, times + i * one, &tv);
            if (r < 0)
                return r;
            if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
                return -EINVAL;
            ts[i].tv_sec = tv.tv_sec;
            ts[i].tv_nsec = tv.tv_usec * 1000;
        }
        tsp = ts;
    }
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, path, 0, &err);
    if (!p)
        return err;
    return ret_errno(utimensat(dirfd, p, tsp, 0));
}

static int64_t sys_utimes(struct sc *c) { return do_futimesat(c, AT_FDCWD, c->a[0], c->a[1]); }
static int64_t sys_futimesat(struct sc *c)
{
    return do_futimesat(c, (int)c->a[0], c->a[1], c->a[2]);
}

/* utime: struct utimbuf is two longs of seconds (NULL: now). */
static int64_t sys_utime(struct sc *c)
{
    struct timespec ts[2], *tsp = NULL;
    if (c->a[1]) {
        uint64_t v[2];
        int r = get_struct(c->abi, gs_timeval, c->a[1], v);     /* two longs too */
        if (r < 0)
            return r;
        ts[0] = (struct timespec){ (time_t)(int64_t)v[0], 0 };
        ts[1] = (struct timespec){ (time_t)(int64_t)v[1], 0 };
        tsp = ts;
    }
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[0], 0, &err);
    if (!p)
        return err;
    return ret_errno(utimensat(AT_FDCWD, p, tsp, 0));
}

static int64_t sys_umask(struct sc *c)
{
    return umask((mode_t)c->a[0] & 0777);
}

static int64_t do_symlinkat(uint64_t target, int dirfd, uint64_t linkpath)
{
    /* The link's contents are stored as given: only where it goes is looked up. */
    char content[PATH_MAX];
    long n = guest_strcpy(content, sizeof content, target);
    if (n < 0)
        return n;
    struct path_buf pb;
    int p_err;
    const char *p = path_get(&pb, linkpath, 0, &p_err);
    if (!p)
        return p_err;
    return ret_errno(symlinkat(content, dirfd, p));
}

static int64_t sys_symlink(struct sc *c) { return do_symlinkat(c->a[0], AT_FDCWD, c->a[1]); }
static int64_t sys_symlinkat(struct sc *c)
{
    return do_symlinkat(c->a[0], (int)c->a[1], c->a[2]);
}

static int64_t do_linkat(int olddir, uint64_t oldp, int newdir, uint64_t newp, int flags)
{
    struct path_buf a, b;
    int from_err;
    const char *from = path_get(&a, oldp, 0, &from_err);
    if (!from)
        return from_err;
    int to_err;
    const char *to = path_get(&b, newp, 0, &to_err);
    if (!to)
        return to_err;
    return ret_errno(linkat(olddir, from, newdir, to, flags));
}

static int64_t sys_link(struct sc *c) { return do_linkat(AT_FDCWD, c->a[0], AT_FDCWD, c->a[1], 0); }
static int64_t sys_linkat(struct sc *c)
{
    return do_linkat((int)c->a[0], c->a[1], (int)c->a[2], c->a[3], (int)c->a[4]);
}

static int64_t do_mknodat(int dirfd, uint64_t path, uint64_t mode, uint64_t dev)
{
    struct path_buf pb;
    int p_err;
    const char *p = path_get(&pb, path, 0, &p_err);
    if (!p)
        return p_err;
    return ret_errno(mknodat(dirfd, p, (mode_t)mode, (dev_t)(uint32_t)dev));
}

static int64_t sys_mknod(struct sc *c) { return do_mknodat(AT_FDCWD, c->a[0], c->a[1], c->a[2]); }
static int64_t sys_mknodat(struct sc *c)
{
    return do_mknodat((int)c->a[0], c->a[1], c->a[2], c->a[3]);
}

const struct syscall_def syscalls_fsnames[] = {
    { GSYS_unlink, sys_unlink, { A_PATH }, R_INT, 0 },
    { GSYS_unlinkat, sys_unlinkat, { A_DIRFD, A_PATH, A_ATFLAGS }, R_INT, 0 },
    { GSYS_rename, sys_rename, { A_PATH, A_PATH }, R_INT, 0 },
    { GSYS_renameat, sys_renameat, { A_DIRFD, A_PATH, A_DIRFD, A_PATH }, R_INT, 0 },
    { GSYS_renameat2, sys_renameat2, { A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_HEX }, R_INT, 0 },
    { GSYS_access, sys_access, { A_PATH, A_INT }, R_INT, 0 },
    { GSYS_faccessat, sys_faccessat, { A_DIRFD, A_PATH, A_INT }, R_INT, 0 },
    { GSYS_faccessat2, sys_faccessat2, { A_DIRFD, A_PATH, A_INT, A_ATFLAGS }, R_INT, 0 },
    { GSYS_readlink, sys_readlink, { A_PATH, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_readlinkat, sys_readlinkat, { A_DIRFD, A_PATH, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_chmod, sys_chmod, { A_PATH, A_MODE }, R_INT, 0 },
    { GSYS_fchmod, sys_fchmod, { A_FD, A_MODE }, R_INT, 0 },
    { GSYS_fchmodat, sys_fchmodat, { A_DIRFD, A_PATH, A_MODE }, R_INT, 0 },
    { GSYS_chown, sys_chown, { A_PATH, A_INT, A_INT }, R_INT, 0 },
    { GSYS_lchown, sys_lchown, { A_PATH, A_INT, A_INT }, R_INT, 0 },
    { GSYS_fchown, sys_fchown, { A_FD, A_INT, A_INT }, R_INT, 0 },
    { GSYS_chown32, sys_chown32, { A_PATH, A_INT, A_INT }, R_INT, 0 },
    { GSYS_lchown32, sys_lchown32, { A_PATH, A_INT, A_INT }, R_INT, 0 },
    { GSYS_fchown32, sys_fchown32, { A_FD, A_INT, A_INT }, R_INT, 0 },
    { GSYS_fchownat, sys_fchownat, { A_DIRFD, A_PATH, A_INT, A_INT, A_ATFLAGS }, R_INT, 0 },
    { GSYS_utimensat, sys_utimensat, { A_DIRFD, A_PATH, A_PTR, A_ATFLAGS }, R_INT, 0 },
    { GSYS_utimensat_time64, sys_utimensat_time64,
      { A_DIRFD, A_PATH, A_PTR, A_ATFLAGS }, R_INT, 0 },
    { GSYS_utime, sys_utime, { A_PATH, A_PTR }, R_INT, 0 },
    { GSYS_utimes, sys_utimes, { A_PATH, A_PTR }, R_INT, 0 },
    { GSYS_futimesat, sys_futimesat, { A_DIRFD, A_PATH, A_PTR }, R_INT, 0 },
    { GSYS_umask, sys_umask, { A_MODE }, R_INT, 0 },
    { GSYS_symlink, sys_symlink, { A_PATH, A_PATH }, R_INT, 0 },
    { GSYS_symlinkat, sys_symlinkat, { A_PATH, A_DIRFD, A_PATH }, R_INT, 0 },
    { GSYS_link, sys_link, { A_PATH, A_PATH }, R_INT, 0 },
    { GSYS_linkat, sys_linkat, { A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_ATFLAGS }, R_INT, 0 },
    { GSYS_mknod, sys_mknod, { A_PATH, A_MODE, A_HEX }, R_INT, 0 },
    { GSYS_mknodat, sys_mknodat, { A_DIRFD, A_PATH, A_MODE, A_HEX }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
