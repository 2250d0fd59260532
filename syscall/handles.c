/* Opening by description: openat2 (struct open_how) and file handles
 * (name_to_handle_at, open_by_handle_at). Names honour -L and /proc emulation as open()
 * does; open flags are the ABI's; RESOLVE_ flags and handle bytes are the same
 * everywhere, the handle's header is converted to the guest's byte order. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/layouts.h"
#include "syscall/path.h"
#include "syscall/procfs.h"
#include "syscall/safe-syscall.h"
#include "syscall/syscall.h"

/* The kernel's struct open_how, version 0. */
struct host_open_how {
    uint64_t flags, mode, resolve;
};
enum { OPEN_HOW_SIZE_VER0 = 24, MAX_HANDLE_BYTES = 128 };

static int64_t sys_openat2(struct sc *c)
{
    uint64_t size = c->a[3];
    if (size < OPEN_HOW_SIZE_VER0)
        return -EINVAL;
    if (size > 4096)
        return -E2BIG;
    const uint8_t *g = guest_rd(c->a[2], size);
    if (!g)
        return -EFAULT;
    /* A newer, bigger struct is fine as long as what we do not know is zero. */
    for (uint64_t i = OPEN_HOW_SIZE_VER0; i < size; i++)
        if (g[i])
            return -E2BIG;
    uint64_t v[3];
    gstruct_load(c->abi, gl_open_how, g, v);
    if (v[0] >> 32)
        return -EINVAL;
    struct host_open_how how = { abi_oflags_to_host(c->abi, (uint32_t)v[0]), v[1], v[2] };
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[1], 0, &err);
    if (!p)
        return err;
    int pfd, pr = procfs_open(pb.guest, (int)how.flags, &pfd);
    if (pr)
        return pr < 0 ? pr : pfd;
    return safe_syscall6(SYS_openat2, (int)c->a[0], (long)p, (long)&how, sizeof how, 0, 0);
}

static int64_t sys_name_to_handle_at(struct sc *c)
{
    int flags = (int)c->a[4];
    uint64_t hdr[2];
    size_t hsz = gstruct_size(c->abi, gl_file_handle);
    int r = get_struct(c->abi, gl_file_handle, c->a[2], hdr);
    if (r < 0)
        return r;
    uint32_t room = (uint32_t)hdr[0];
    if (room > MAX_HANDLE_BYTES)
        return -EINVAL;
    void *mnt = guest_wr(c->a[3], 4);
    if (!mnt)
        return -EFAULT;
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[1], flags & AT_EMPTY_PATH, &err);
    if (!p)
        return err;
    struct file_handle *h = malloc(sizeof *h + MAX_HANDLE_BYTES);
    if (!h)
        return -ENOMEM;
    h->handle_bytes = room;
    int mount_id;
    long ret = syscall(SYS_name_to_handle_at, (int)c->a[0], p, h, &mount_id, flags);
    err = errno;
    /* EOVERFLOW still tells the size that would be needed. */
    if (ret == 0 || err == EOVERFLOW) {
        hdr[0] = h->handle_bytes;
        hdr[1] = (uint64_t)h->handle_type;
        r = put_struct(c->abi, gl_file_handle, c->a[2], hdr);
        if (r == 0 && ret == 0) {
            uint8_t *bytes = guest_wr(c->a[2] + hsz, h->handle_bytes);
            if (!bytes)
                r = -EFAULT;
            else
                memcpy(bytes, h->f_handle, h->handle_bytes);
            abi_st32(c->abi, mnt, (uint32_t)mount_id);
        }
    }
    free(h);
    if (r < 0)
        return r;
    return ret < 0 ? -err : 0;
}

static int64_t sys_open_by_handle_at(struct sc *c)
{
    uint64_t hdr[2];
    size_t hsz = gstruct_size(c->abi, gl_file_handle);
    int r = get_struct(c->abi, gl_file_handle, c->a[1], hdr);
    if (r < 0)
        return r;
    if (hdr[0] == 0 || hdr[0] > MAX_HANDLE_BYTES)
        return -EINVAL;
    const uint8_t *bytes = guest_rd(c->a[1] + hsz, hdr[0]);
    if (!bytes)
        return -EFAULT;
    struct file_handle *h = malloc(sizeof *h + MAX_HANDLE_BYTES);
    if (!h)
        return -ENOMEM;
    h->handle_bytes = (unsigned)hdr[0];
    h->handle_type = (int)hdr[1];
    memcpy(h->f_handle, bytes, (size_t)hdr[0]);
    int fd = open_by_handle_at((int)c->a[0], h,
                               (int)abi_oflags_to_host(c->abi, (uint32_t)c->a[2]));
    int err = errno;
    free(h);
    return fd < 0 ? -err : fd;
}

const struct syscall_def syscalls_handles[] = {
    { GSYS_openat2, sys_openat2, { A_DIRFD, A_PATH, A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_name_to_handle_at, sys_name_to_handle_at,
      { A_DIRFD, A_PATH, A_PTR, A_PTR, A_ATFLAGS }, R_INT, 0 },
    { GSYS_open_by_handle_at, sys_open_by_handle_at, { A_FD, A_PTR, A_OFLAGS }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
