/* socketcall(2): the one socket entry point of ABIs that have it (i386, MIPS o32 beside
 * their direct calls, s390, PowerPC ...). Its arguments are words in guest memory; each
 * call number names a direct socket call, which does the work with those words as its
 * registers. */
#include <errno.h>

#include "syscall/guest-mem.h"
#include "syscall/syscall.h"

static const struct {
    enum gsys nr;
    unsigned nargs;
} calls[] = {
    [1] = { GSYS_socket, 3 }, [2] = { GSYS_bind, 3 }, [3] = { GSYS_connect, 3 },
    [4] = { GSYS_listen, 2 }, [5] = { GSYS_accept, 3 }, [6] = { GSYS_getsockname, 3 },
    [7] = { GSYS_getpeername, 3 }, [8] = { GSYS_socketpair, 4 }, [9] = { GSYS_send, 4 },
    [10] = { GSYS_recv, 4 }, [11] = { GSYS_sendto, 6 }, [12] = { GSYS_recvfrom, 6 },
    [13] = { GSYS_shutdown, 2 }, [14] = { GSYS_setsockopt, 5 }, [15] = { GSYS_getsockopt, 5 },
    [16] = { GSYS_sendmsg, 3 }, [17] = { GSYS_recvmsg, 3 }, [18] = { GSYS_accept4, 4 },
    [19] = { GSYS_recvmmsg, 5 }, [20] = { GSYS_sendmmsg, 4 },
};

static int64_t sys_socketcall(struct sc *c)
{
    uint64_t call = c->a[0];
    if (call < 1 || call >= sizeof calls / sizeof calls[0])
        return -EINVAL;
    const struct syscall_def *d = syscall_def_of(calls[call].nr);
    if (!d)
        return -ENOSYS;
    unsigned w = c->abi->word_size;
    const uint8_t *p = guest_rd(c->a[1], (uint64_t)calls[call].nargs * w);
    if (!p)
        return -EFAULT;
    uint64_t raw[6] = { 0 };
    for (unsigned i = 0; i < calls[call].nargs; i++)
        raw[i] = abi_ldword(c->abi, p + i * w);
    struct sc inner = *c;
    inner.nr = calls[call].nr;
    syscall_decode_args(c->abi, d, raw, inner.a);
    return d->fn(&inner);
}

const struct syscall_def syscalls_socketcall[] = {
    { GSYS_socketcall, sys_socketcall, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
