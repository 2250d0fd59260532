/* System administration calls: capabilities, the root directory, mounts, host and
 * domain names, the kernel log, process accounting, swap, vhangup, and personality.
 * Whether the caller may is the host kernel's decision; file names honour -L. */
#include <errno.h>
#include <stdatomic.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/layouts.h"
#include "syscall/path.h"
#include "syscall/syscall.h"

static int64_t ret_errno(long r)
{
    return r < 0 ? -errno : r;
}

/* ---- capabilities ---- */

enum { CAP_V1 = 0x19980330, CAP_V2 = 0x20071026, CAP_V3 = 0x20080522 };

struct cap_header {
    uint32_t version;
    int pid;
};
struct cap_data {
    uint32_t effective, permitted, inheritable;
};

static unsigned cap_words(uint32_t version)
{
    return version == CAP_V1 ? 1 : 2;
}

static int64_t do_cap(struct sc *c, bool set)
{
    uint64_t hv[2];
    int r = get_struct(c->abi, gl_cap_header, c->a[0], hv);
    if (r < 0)
        return r;
    struct cap_header h = { (uint32_t)hv[0], (int)hv[1] };
    struct cap_data d[2] = { { 0 } };
    size_t dsz = gstruct_size(c->abi, gl_cap_data);
    unsigned n = cap_words(h.version);
    if (set) {
        for (unsigned i = 0; i < n; i++) {
            uint64_t v[3];
            if ((r = get_struct(c->abi, gl_cap_data, c->a[1] + i * dsz, v)) < 0)
                return r;
            d[i] = (struct cap_data){ (uint32_t)v[0], (uint32_t)v[1], (uint32_t)v[2] };
        }
    }
    long ret = syscall(set ? SYS_capset : SYS_capget, &h, c->a[1] ? d : NULL);
    int err = errno;
    /* An unknown version comes back as the one the kernel prefers. */
    hv[0] = h.version;
    if ((r = put_struct(c->abi, gl_cap_header, c->a[0], hv)) < 0)
        return r;
    if (ret < 0)
        return -err;
    if (!set && c->a[1]) {
        for (unsigned i = 0; i < n; i++) {
            uint64_t v[3] = { d[i].effective, d[i].permitted, d[i].inheritable };
            if ((r = put_struct(c->abi, gl_cap_data, c->a[1] + i * dsz, v)) < 0)
                return r;
        }
    }
    return 0;
}

static int64_t sys_capget(struct sc *c) { return do_cap(c, false); }
static int64_t sys_capset(struct sc *c) { return do_cap(c, true); }

/* ---- file-system level ---- */

static int64_t one_path(struct sc *c, uint64_t addr, int (*fn)(const char *))
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, addr, 0, &err);
    if (!p)
        return err;
    return ret_errno(fn(p));
}

/* After a chroot the -L lookups still work: the prefix's names no longer exist in the
 * new root, and unprefixed absolute names resolve inside it, as the guest expects. */
static int64_t sys_chroot(struct sc *c) { return one_path(c, c->a[0], chroot); }
static int64_t sys_swapoff(struct sc *c) { return one_path(c, c->a[0], swapoff); }

static int64_t sys_acct(struct sc *c)
{
    if (!c->a[0])
        return ret_errno(acct(NULL));
    return one_path(c, c->a[0], acct);
}

static int64_t sys_swapon(struct sc *c)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[0], 0, &err);
    if (!p)
        return err;
    return ret_errno(swapon(p, (int)c->a[1]));
}

static int64_t sys_mount(struct sc *c)
{
    unsigned long flags = (unsigned long)c->a[3];
    struct path_buf src_pb, dst_pb;
    char fstype[256];
    const char *src = NULL, *dst, *type = NULL;
    int err;
    if (!(dst = path_get(&dst_pb, c->a[1], 0, &err)))
        return err;
    /* The source is a file name for bind mounts and moves, else a device or a tag. */
    if (c->a[0]) {
        if (flags & (MS_BIND | MS_MOVE)) {
            if (!(src = path_get(&src_pb, c->a[0], 0, &err)))
                return err;
        } else {
            long n = guest_strcpy(src_pb.guest, sizeof src_pb.guest, c->a[0]);
            if (n < 0)
                return n;
            src = src_pb.guest;
        }
    }
    if (c->a[2]) {
        long n = guest_strcpy(fstype, sizeof fstype, c->a[2]);
        if (n < 0)
            return n;
        type = fstype;
    }
    /* Options are a string or a filesystem's binary block: at most a page, as the
     * kernel copies. */
    const void *data = NULL;
    if (c->a[4]) {
        long len;
        data = guest_str(c->a[4], 4095, &len);
        if (!data && !(data = guest_rd(c->a[4], 1)))
            return -EFAULT;
    }
    return ret_errno(mount(src, dst, type, flags, data));
}

static int64_t sys_umount2(struct sc *c)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[0], 0, &err);
    if (!p)
        return err;
    return ret_errno(umount2(p, (int)c->a[1]));
}

static int64_t sys_pivot_root(struct sc *c)
{
    struct path_buf a, b;
    int err;
    const char *n = path_get(&a, c->a[0], 0, &err);
    if (!n)
        return err;
    const char *o = path_get(&b, c->a[1], 0, &err);
    if (!o)
        return err;
    return ret_errno(syscall(SYS_pivot_root, n, o));
}

/* ---- names, log, terminal ---- */

static int64_t set_name(struct sc *c, int (*fn)(const char *, size_t))
{
    int64_t len = (int64_t)c->a[1];
    if (len < 0 || len > 64)
        return -EINVAL;
    const char *p = guest_rd(c->a[0], (uint64_t)len);
    if (!p)
        return -EFAULT;
    return ret_errno(fn(p, (size_t)len));
}

static int64_t sys_sethostname(struct sc *c) { return set_name(c, sethostname); }
static int64_t sys_setdomainname(struct sc *c) { return set_name(c, setdomainname); }

static int64_t sys_syslog(struct sc *c)
{
    int type = (int)c->a[0], len = (int)c->a[2];
    /* Types 2, 3 and 4 read the log into the buffer; the others take no buffer. */
    char *buf = NULL;
    if ((type >= 2 && type <= 4) && len > 0 && !(buf = guest_wr(c->a[1], (uint64_t)len)))
        return -EFAULT;
    return ret_errno(klogctl(type, buf, len));
}

static int64_t sys_vhangup(struct sc *c) { return ret_errno(vhangup()); }

/* ---- personality ---- */

/* The guest's own: the host's would change what crossrun itself sees (uname under
 * PER_LINUX32 or UNAME26). A guest starts as PER_LINUX, as after exec on its kernel. */
static _Atomic uint32_t persona;

static int64_t sys_personality(struct sc *c)
{
    uint32_t want = (uint32_t)c->a[0];
    if (want == 0xffffffffu)
        return atomic_load(&persona);
    return atomic_exchange(&persona, want);
}

const struct syscall_def syscalls_admin[] = {
    { GSYS_capget, sys_capget, { A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_capset, sys_capset, { A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_chroot, sys_chroot, { A_PATH }, R_INT, 0 },
    { GSYS_acct, sys_acct, { A_PATH }, R_INT, 0 },
    { GSYS_swapon, sys_swapon, { A_PATH, A_HEX }, R_INT, 0 },
    { GSYS_swapoff, sys_swapoff, { A_PATH }, R_INT, 0 },
    { GSYS_mount, sys_mount, { A_STR, A_PATH, A_STR, A_HEX, A_PTR }, R_INT, 0 },
    { GSYS_umount2, sys_umount2, { A_PATH, A_HEX }, R_INT, 0 },
    { GSYS_pivot_root, sys_pivot_root, { A_PATH, A_PATH }, R_INT, 0 },
    { GSYS_sethostname, sys_sethostname, { A_BUF, A_ULONG }, R_INT, 0 },
    { GSYS_setdomainname, sys_setdomainname, { A_BUF, A_ULONG }, R_INT, 0 },
    { GSYS_syslog, sys_syslog, { A_INT, A_PTR, A_INT }, R_INT, 0 },
    { GSYS_vhangup, sys_vhangup, { 0 }, R_INT, 0 },
    { GSYS_personality, sys_personality, { A_HEX }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
