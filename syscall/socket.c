/* Sockets, the basics: creating, addressing, connecting, sending and receiving plain
 * buffers. Addresses are converted by sockaddr.c; options are in sockopt.c, messages
 * with control data in sockmsg.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "common/log.h"
#include "syscall/fdtrans.h"
#include "syscall/guest-mem.h"
#include "syscall/netlink.h"
#include "syscall/safe-syscall.h"
#include "syscall/sockaddr.h"
#include "syscall/syscall.h"

static int64_t ret_errno(int64_t r)
{
    return r < 0 ? -errno : r;
}

/* The type argument: the type itself (ABI value) and SOCK_NONBLOCK/SOCK_CLOEXEC, which
 * are the open flags of the same names. */
static int sock_type_to_host(const struct syscall_table *abi, uint32_t guest)
{
    uint32_t flags = abi_oflags_from_host(abi, O_NONBLOCK) | abi_oflags_from_host(abi, O_CLOEXEC);
    uint32_t type = abi_value_from_guest(abi->sock_types, guest & ~flags);
    return (int)(type | abi_oflags_to_host(abi, guest & flags));
}

static int64_t sys_socket(struct sc *c)
{
    int fd = socket((int)c->a[0], sock_type_to_host(c->abi, (uint32_t)c->a[1]), (int)c->a[2]);
    if (fd >= 0)
        fdtrans_set(fd, c->a[0] == AF_NETLINK && c->a[2] == NETLINK_ROUTE &&
                            c->abi->big_endian ? &netlink_route_trans : NULL);
    return ret_errno(fd);
}

static int64_t sys_socketpair(struct sc *c)
{
    void *out = guest_wr(c->a[3], 8);
    if (!out)
        return -EFAULT;
    int sv[2];
    if (socketpair((int)c->a[0], sock_type_to_host(c->abi, (uint32_t)c->a[1]), (int)c->a[2],
                   sv) < 0)
        return -errno;
    abi_st32(c->abi, out, (uint32_t)sv[0]);
    abi_st32(c->abi, (uint8_t *)out + 4, (uint32_t)sv[1]);
    return 0;
}

static int64_t do_addr_call(struct sc *c, bool is_connect)
{
    struct sockaddr_storage ss;
    socklen_t len;
    int r = get_sockaddr(c->abi, c->a[1], c->a[2], &ss, &len);
    if (r < 0)
        return r;
    int fd = (int)c->a[0];
    if (is_connect)
        return safe_syscall6(SYS_connect, fd, (long)&ss, len, 0, 0, 0);
    return ret_errno(bind(fd, (struct sockaddr *)&ss, len));
}

static int64_t sys_bind(struct sc *c) { return do_addr_call(c, false); }
static int64_t sys_connect(struct sc *c) { return do_addr_call(c, true); }

static int64_t sys_listen(struct sc *c)
{
    return ret_errno(listen((int)c->a[0], (int)c->a[1]));
}

static int64_t do_accept(struct sc *c, uint32_t guest_flags)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (c->a[1] && !guest_wr(c->a[2], 4))
        return -EFAULT;
    int flags = (int)abi_oflags_to_host(c->abi, guest_flags);
    long fd = safe_syscall6(SYS_accept4, (int)c->a[0], (long)&ss, (long)&len, flags, 0, 0);
    if (fd < 0)
        return fd;
    int r = put_sockaddr(c->abi, c->a[1], c->a[2], &ss, len);
    return r < 0 ? r : fd;
}

static int64_t sys_accept(struct sc *c) { return do_accept(c, 0); }
static int64_t sys_accept4(struct sc *c) { return do_accept(c, (uint32_t)c->a[3]); }

static int64_t do_name(struct sc *c, bool peer)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fd = (int)c->a[0];
    if ((peer ? getpeername(fd, (struct sockaddr *)&ss, &len)
              : getsockname(fd, (struct sockaddr *)&ss, &len)) < 0)
        return -errno;
    return put_sockaddr(c->abi, c->a[1], c->a[2], &ss, len);
}

static int64_t sys_getsockname(struct sc *c) { return do_name(c, false); }
static int64_t sys_getpeername(struct sc *c) { return do_name(c, true); }

/* MSG_ flags are the same on the ABIs we have. */
static int64_t do_sendto(struct sc *c, uint64_t addr, uint64_t alen)
{
    const void *buf = guest_rd(c->a[1], c->a[2]);
    if (!buf)
        return -EFAULT;
    struct sockaddr_storage ss;
    socklen_t len = 0;
    if (addr) {
        int r = get_sockaddr(c->abi, addr, alen, &ss, &len);
        if (r < 0)
            return r;
    }
    int err = 0;
    void *conv = fdtrans_write(c->abi, (int)c->a[0], buf, (size_t)c->a[2], &err);
    if (err)
        return err;
    long n = safe_syscall6(SYS_sendto, (int)c->a[0], (long)(conv ? conv : buf),
                           (long)c->a[2], (int)c->a[3], addr ? (long)&ss : 0, len);
    free(conv);
    return n;
}

static int64_t sys_send(struct sc *c) { return do_sendto(c, 0, 0); }
static int64_t sys_sendto(struct sc *c) { return do_sendto(c, c->a[4], c->a[5]); }

static int64_t do_recvfrom(struct sc *c, uint64_t addr, uint64_t alen)
{
    void *buf = guest_wr(c->a[1], c->a[2]);
    if (!buf)
        return -EFAULT;
    if (addr && !guest_wr(alen, 4))
        return -EFAULT;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    long n = safe_syscall6(SYS_recvfrom, (int)c->a[0], (long)buf, (long)c->a[2], (int)c->a[3],
                           addr ? (long)&ss : 0, addr ? (long)&len : 0);
    if (n < 0)
        return n;
    fdtrans_read(c->abi, (int)c->a[0], buf, (size_t)n);
    if (addr) {
        int r = put_sockaddr(c->abi, addr, alen, &ss, len);
        if (r < 0)
            return r;
    }
    return n;
}

static int64_t sys_recv(struct sc *c) { return do_recvfrom(c, 0, 0); }
static int64_t sys_recvfrom(struct sc *c) { return do_recvfrom(c, c->a[4], c->a[5]); }

static int64_t sys_shutdown(struct sc *c)
{
    return ret_errno(shutdown((int)c->a[0], (int)c->a[1]));
}

const struct syscall_def syscalls_socket[] = {
    { GSYS_socket, sys_socket, { A_AF, A_SOCKTYPE, A_INT }, R_INT, 0 },
    { GSYS_socketpair, sys_socketpair, { A_AF, A_SOCKTYPE, A_INT, A_PTR }, R_INT, 0 },
    { GSYS_bind, sys_bind, { A_FD, A_SOCKADDR, A_UINT }, R_INT, 0 },
    { GSYS_connect, sys_connect, { A_FD, A_SOCKADDR, A_UINT }, R_INT, 0 },
    { GSYS_listen, sys_listen, { A_FD, A_INT }, R_INT, 0 },
    { GSYS_accept, sys_accept, { A_FD, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_accept4, sys_accept4, { A_FD, A_PTR, A_PTR, A_FDFLAGS }, R_INT, 0 },
    { GSYS_getsockname, sys_getsockname, { A_FD, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_getpeername, sys_getpeername, { A_FD, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_send, sys_send, { A_FD, A_BUF, A_ULONG, A_MSGFLAGS }, R_INT, 0 },
    { GSYS_sendto, sys_sendto, { A_FD, A_BUF, A_ULONG, A_MSGFLAGS, A_SOCKADDR, A_UINT }, R_INT, 0 },
    { GSYS_recv, sys_recv, { A_FD, A_PTR, A_ULONG, A_MSGFLAGS }, R_INT, 0 },
    { GSYS_recvfrom, sys_recvfrom, { A_FD, A_PTR, A_ULONG, A_MSGFLAGS, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_shutdown, sys_shutdown, { A_FD, A_SHUTHOW }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
