/* eventfd and eventfd2. EFD_CLOEXEC and EFD_NONBLOCK are the ABI's O_CLOEXEC and
 * O_NONBLOCK; EFD_SEMAPHORE is 1 everywhere. The 8-byte counter read and written
 * through the fd is in the CPU's byte order: swapped for big-endian guests (fdtrans). */
#include <errno.h>
#include <sys/eventfd.h>

#include "syscall/fdtrans.h"
#include "syscall/syscall.h"

static int64_t do_eventfd(struct sc *c, uint32_t guest_flags)
{
    int flags = (int)(abi_oflags_to_host(c->abi, guest_flags & ~1u) | (guest_flags & 1u));
    int fd = eventfd((unsigned)c->a[0], flags);
    if (fd < 0)
        return -errno;
    fdtrans_set(fd, c->abi->big_endian ? &fdtrans_u64 : NULL);
    return fd;
}

static int64_t sys_eventfd(struct sc *c) { return do_eventfd(c, 0); }
static int64_t sys_eventfd2(struct sc *c) { return do_eventfd(c, (uint32_t)c->a[1]); }

const struct syscall_def syscalls_eventfd[] = {
    { GSYS_eventfd, sys_eventfd, { A_UINT }, R_INT, 0 },
    { GSYS_eventfd2, sys_eventfd2, { A_UINT, A_FDFLAGS }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
