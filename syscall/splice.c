/* Data moved by the kernel between descriptors: sendfile, splice, tee, vmsplice,
 * copy_file_range. The offsets these take by pointer are the guest's off_t (sendfile:
 * a word) or loff_t (64-bit), in its byte order; the kernel updates them. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/safe-syscall.h"
#include "syscall/syscall.h"

/* An optional in/out offset of width bytes at guest addr. */
struct goff {
    uint64_t addr;
    unsigned width;
    loff_t v;
};

static int goff_get(const struct syscall_table *abi, struct goff *o)
{
    if (!o->addr)
        return 0;
    const void *p = guest_rd(o->addr, o->width);
    if (!p || !guest_wr(o->addr, o->width))
        return -EFAULT;
    o->v = o->width == 8 ? (loff_t)abi_ld64(abi, p) : (loff_t)(int32_t)abi_ld32(abi, p);
    return 0;
}

static void goff_put(const struct syscall_table *abi, const struct goff *o)
{
    if (!o->addr)
        return;
    void *p = guest_wr(o->addr, o->width);
    if (!p)
        return;
    if (o->width == 8)
        abi_st64(abi, p, (uint64_t)o->v);
    else
        abi_st32(abi, p, (uint32_t)o->v);
}

static int64_t do_sendfile(struct sc *c, unsigned width)
{
    struct goff o = { c->a[2], width, 0 };
    int r = goff_get(c->abi, &o);
    if (r < 0)
        return r;
    long n = safe_syscall6(SYS_sendfile, (int)c->a[0], (int)c->a[1], o.addr ? (long)&o.v : 0,
                           (long)c->a[3], 0, 0);
    /* A 32-bit off_t cannot describe where the copy ended. */
    if (n >= 0 && width == 4 && o.v > INT32_MAX)
        return -EOVERFLOW;
    goff_put(c->abi, &o);
    return n;
}

static int64_t sys_sendfile(struct sc *c) { return do_sendfile(c, c->abi->word_size); }
static int64_t sys_sendfile64(struct sc *c) { return do_sendfile(c, 8); }

static int64_t sys_splice(struct sc *c)
{
    struct goff in = { c->a[1], 8, 0 }, out = { c->a[3], 8, 0 };
    int r = goff_get(c->abi, &in);
    if (r == 0)
        r = goff_get(c->abi, &out);
    if (r < 0)
        return r;
    long n = safe_syscall6(SYS_splice, (int)c->a[0], in.addr ? (long)&in.v : 0, (int)c->a[2],
                           out.addr ? (long)&out.v : 0, (long)c->a[4], (long)c->a[5]);
    if (n >= 0) {
        goff_put(c->abi, &in);
        goff_put(c->abi, &out);
    }
    return n;
}

static int64_t sys_tee(struct sc *c)
{
    return safe_syscall6(SYS_tee, (int)c->a[0], (int)c->a[1], (long)c->a[2], (long)c->a[3],
                         0, 0);
}

static int64_t sys_vmsplice(struct sc *c)
{
    int fd = (int)c->a[0];
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0)
        return -errno;
    /* From a pipe's read end the kernel writes into the buffers, else it reads them. */
    struct iovec *iov;
    int r = get_iovec(c->abi, c->a[1], c->a[2], (fl & O_ACCMODE) == O_RDONLY, &iov);
    if (r < 0)
        return r;
    long n = safe_syscall6(SYS_vmsplice, fd, (long)iov, (long)c->a[2], (long)c->a[3], 0, 0);
    free(iov);
    return n;
}

static int64_t sys_copy_file_range(struct sc *c)
{
    struct goff in = { c->a[1], 8, 0 }, out = { c->a[3], 8, 0 };
    int r = goff_get(c->abi, &in);
    if (r == 0)
        r = goff_get(c->abi, &out);
    if (r < 0)
        return r;
    long n = syscall(SYS_copy_file_range, (int)c->a[0], in.addr ? &in.v : NULL, (int)c->a[2],
                     out.addr ? &out.v : NULL, (size_t)c->a[4], (unsigned)c->a[5]);
    if (n < 0)
        return -errno;
    goff_put(c->abi, &in);
    goff_put(c->abi, &out);
    return n;
}

const struct syscall_def syscalls_splice[] = {
    { GSYS_sendfile, sys_sendfile, { A_FD, A_FD, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_sendfile64, sys_sendfile64, { A_FD, A_FD, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_splice, sys_splice, { A_FD, A_PTR, A_FD, A_PTR, A_ULONG, A_SPLICEF }, R_INT, 0 },
    { GSYS_tee, sys_tee, { A_FD, A_FD, A_ULONG, A_SPLICEF }, R_INT, 0 },
    { GSYS_vmsplice, sys_vmsplice, { A_FD, A_PTR, A_ULONG, A_SPLICEF }, R_INT, 0 },
    { GSYS_copy_file_range, sys_copy_file_range,
      { A_FD, A_PTR, A_FD, A_PTR, A_ULONG, A_UINT }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
