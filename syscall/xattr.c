/* Extended attributes: get/set/list/remove, by name (following links or not) and by fd.
 * Values are bytes on every ABI (the POSIX ACL ones are little-endian by definition), so
 * only the names and buffers move between guest and host. */
#include <errno.h>
#include <sys/xattr.h>

#include "syscall/guest-mem.h"
#include "syscall/path.h"
#include "syscall/syscall.h"

enum { XATTR_NAME_LEN = 255, XATTR_VALUE_LEN = 65536 };

enum xtarget { BY_PATH, BY_LINK, BY_FD };

/* The file an xattr call acts on: a host path, or the fd in c->a[0]. */
struct xfile {
    struct path_buf pb;
    const char *path;
    int fd;
};

static int xfile_get(struct sc *c, enum xtarget how, struct xfile *x)
{
    if (how == BY_FD) {
        x->fd = (int)c->a[0];
        x->path = NULL;
        return 0;
    }
    int err;
    x->path = path_get(&x->pb, c->a[0], 0, &err);
    return x->path ? 0 : err;
}

static int get_name(uint64_t addr, char buf[XATTR_NAME_LEN + 1])
{
    long n = guest_strcpy(buf, XATTR_NAME_LEN + 1, addr);
    if (n == -ENAMETOOLONG)
        return -ERANGE;             /* as the kernel says for a name over 255 bytes */
    if (n == 0)
        return -ERANGE;
    return n < 0 ? (int)n : 0;
}

static int64_t ret_errno(long r)
{
    return r < 0 ? -errno : r;
}

static int64_t do_set(struct sc *c, enum xtarget how)
{
    struct xfile x;
    int r = xfile_get(c, how, &x);
    if (r < 0)
        return r;
    char name[XATTR_NAME_LEN + 1];
    if ((r = get_name(c->a[1], name)) < 0)
        return r;
    uint64_t size = c->a[3];
    if (size > XATTR_VALUE_LEN)
        return -E2BIG;
    const void *value = guest_rd(c->a[2], size);
    if (!value)
        return -EFAULT;
    int flags = (int)c->a[4];
    switch (how) {
    case BY_PATH: return ret_errno(setxattr(x.path, name, value, (size_t)size, flags));
    case BY_LINK: return ret_errno(lsetxattr(x.path, name, value, (size_t)size, flags));
    default: return ret_errno(fsetxattr(x.fd, name, value, (size_t)size, flags));
    }
}

static int64_t do_get(struct sc *c, enum xtarget how)
{
    struct xfile x;
    int r = xfile_get(c, how, &x);
    if (r < 0)
        return r;
    char name[XATTR_NAME_LEN + 1];
    if ((r = get_name(c->a[1], name)) < 0)
        return r;
    uint64_t size = c->a[3] > XATTR_VALUE_LEN ? XATTR_VALUE_LEN : c->a[3];
    void *value = size ? guest_wr(c->a[2], size) : NULL;
    if (size && !value)
        return -EFAULT;
    switch (how) {
    case BY_PATH: return ret_errno(getxattr(x.path, name, value, (size_t)size));
    case BY_LINK: return ret_errno(lgetxattr(x.path, name, value, (size_t)size));
    default: return ret_errno(fgetxattr(x.fd, name, value, (size_t)size));
    }
}

static int64_t do_list(struct sc *c, enum xtarget how)
{
    struct xfile x;
    int r = xfile_get(c, how, &x);
    if (r < 0)
        return r;
    uint64_t size = c->a[2] > XATTR_VALUE_LEN ? XATTR_VALUE_LEN : c->a[2];
    char *list = size ? guest_wr(c->a[1], size) : NULL;
    if (size && !list)
        return -EFAULT;
    switch (how) {
    case BY_PATH: return ret_errno(listxattr(x.path, list, (size_t)size));
    case BY_LINK: return ret_errno(llistxattr(x.path, list, (size_t)size));
    default: return ret_errno(flistxattr(x.fd, list, (size_t)size));
    }
}

static int64_t do_remove(struct sc *c, enum xtarget how)
{
    struct xfile x;
    int r = xfile_get(c, how, &x);
    if (r < 0)
        return r;
    char name[XATTR_NAME_LEN + 1];
    if ((r = get_name(c->a[1], name)) < 0)
        return r;
    switch (how) {
    case BY_PATH: return ret_errno(removexattr(x.path, name));
    case BY_LINK: return ret_errno(lremovexattr(x.path, name));
    default: return ret_errno(fremovexattr(x.fd, name));
    }
}

static int64_t sys_setxattr(struct sc *c) { return do_set(c, BY_PATH); }
static int64_t sys_lsetxattr(struct sc *c) { return do_set(c, BY_LINK); }
static int64_t sys_fsetxattr(struct sc *c) { return do_set(c, BY_FD); }
static int64_t sys_getxattr(struct sc *c) { return do_get(c, BY_PATH); }
static int64_t sys_lgetxattr(struct sc *c) { return do_get(c, BY_LINK); }
static int64_t sys_fgetxattr(struct sc *c) { return do_get(c, BY_FD); }
static int64_t sys_listxattr(struct sc *c) { return do_list(c, BY_PATH); }
static int64_t sys_llistxattr(struct sc *c) { return do_list(c, BY_LINK); }
static int64_t sys_flistxattr(struct sc *c) { return do_list(c, BY_FD); }
static int64_t sys_removexattr(struct sc *c) { return do_remove(c, BY_PATH); }
static int64_t sys_lremovexattr(struct sc *c) { return do_remove(c, BY_LINK); }
static int64_t sys_fremovexattr(struct sc *c) { return do_remove(c, BY_FD); }

const struct syscall_def syscalls_xattr[] = {
    { GSYS_setxattr, sys_setxattr, { A_PATH, A_STR, A_BUF, A_ULONG, A_XATTRF }, R_INT, 0 },
    { GSYS_lsetxattr, sys_lsetxattr, { A_PATH, A_STR, A_BUF, A_ULONG, A_XATTRF }, R_INT, 0 },
    { GSYS_fsetxattr, sys_fsetxattr, { A_FD, A_STR, A_BUF, A_ULONG, A_XATTRF }, R_INT, 0 },
    { GSYS_getxattr, sys_getxattr, { A_PATH, A_STR, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_lgetxattr, sys_lgetxattr, { A_PATH, A_STR, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_fgetxattr, sys_fgetxattr, { A_FD, A_STR, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_listxattr, sys_listxattr, { A_PATH, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_llistxattr, sys_llistxattr, { A_PATH, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_flistxattr, sys_flistxattr, { A_FD, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_removexattr, sys_removexattr, { A_PATH, A_STR }, R_INT, 0 },
    { GSYS_lremovexattr, sys_lremovexattr, { A_PATH, A_STR }, R_INT, 0 },
    { GSYS_fremovexattr, sys_fremovexattr, { A_FD, A_STR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
