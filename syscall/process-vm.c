/* process_vm_readv / process_vm_writev. Both iovec arrays are in the guest's layout.
 * The local one names this guest's memory; the remote one names the target's guest
 * addresses: for our own process those are checked and translated like any buffer, for
 * another process they are taken to live at our guest_base too (a forked child, or a
 * crossrun started with the same layout) and the host kernel checks them. */
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/syscall.h"
#include "tcg/page.h"

enum { IOV_MAX_COUNT = 1024 };

/* Remote iovecs of another process: translated, not checked here. */
static int get_remote_iovec(const struct syscall_table *abi, uint64_t addr, uint64_t count,
                            struct iovec **out)
{
    if (count > IOV_MAX_COUNT)
        return -EINVAL;
    size_t esz = gstruct_size(abi, gs_iovec);
    const uint8_t *g = guest_rd(addr, esz * count);
    if (!g)
        return -EFAULT;
    struct iovec *iov = calloc(count ? count : 1, sizeof *iov);
    if (!iov)
        return -ENOMEM;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t v[2];
        gstruct_load(abi, gs_iovec, g + i * esz, v);
        iov[i].iov_base = g2h(v[0]);
        iov[i].iov_len = (size_t)v[1];
    }
    *out = iov;
    return 0;
}

static int64_t do_vm_rw(struct sc *c, bool write)
{
    pid_t pid = (pid_t)c->a[0];
    if (c->a[5])
        return -EINVAL;
    struct iovec *local = NULL, *remote = NULL;
    /* readv fills the local buffers, writev fills the remote ones. */
    int r = get_iovec(c->abi, c->a[1], c->a[2], !write, &local);
    if (r == 0)
        r = pid == getpid() ? get_iovec(c->abi, c->a[3], c->a[4], write, &remote)
                            : get_remote_iovec(c->abi, c->a[3], c->a[4], &remote);
    long n = r;
    if (r == 0) {
        n = syscall(write ? SYS_process_vm_writev : SYS_process_vm_readv, pid, local,
                    (unsigned long)c->a[2], remote, (unsigned long)c->a[4], 0ul);
        if (n < 0)
            n = -errno;
    }
    free(local);
    free(remote);
    return n;
}

static int64_t sys_process_vm_readv(struct sc *c) { return do_vm_rw(c, false); }
static int64_t sys_process_vm_writev(struct sc *c) { return do_vm_rw(c, true); }

const struct syscall_def syscalls_process_vm[] = {
    { GSYS_process_vm_readv, sys_process_vm_readv,
      { A_INT, A_PTR, A_ULONG, A_PTR, A_ULONG, A_ULONG }, R_INT, 0 },
    { GSYS_process_vm_writev, sys_process_vm_writev,
      { A_INT, A_PTR, A_ULONG, A_PTR, A_ULONG, A_ULONG }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
