/* Sockets, the basics: creating, addressing, connecting, sending and receiving plain
 * buffers, and integer socket options. Socket addresses are bytes in network order
 * except sa_family, a 16-bit number in the guest's byte order. sendmsg/recvmsg and
 * control messages are not here yet. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "common/log.h"
#include "syscall/guest-mem.h"
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

static int get_sockaddr(const struct syscall_table *abi, uint64_t addr, uint64_t len,
                        struct sockaddr_storage *ss, socklen_t *hlen)
{
    if (len > sizeof *ss)
        return -EINVAL;
    const uint8_t *p = guest_rd(addr, len);
    if (!p)
        return -EFAULT;
    memcpy(ss, p, (size_t)len);
    if (len >= 2)
        ss->ss_family = abi_ld16(abi, p);
    *hlen = (socklen_t)len;
    return 0;
}

/* Stores a host address into the guest's buffer of *lenp bytes; *lenp gets the full
 * length, as the kernel does (truncating the copy). */
static int put_sockaddr(const struct syscall_table *abi, uint64_t addr, uint64_t lenp,
                        const struct sockaddr_storage *ss, socklen_t hlen)
{
    if (!addr)
        return 0;
    uint8_t *lp = guest_wr(lenp, 4);
    if (!lp)
        return -EFAULT;
    uint32_t room = abi_ld32(abi, lp);
    uint32_t n = hlen < room ? hlen : room;
    uint8_t *p = guest_wr(addr, n);
    if (!p)
        return -EFAULT;
    memcpy(p, ss, n);
    if (n >= 2)
        abi_st16(abi, p, ss->ss_family);
    abi_st32(abi, lp, hlen);
    return 0;
}

static int64_t sys_socket(struct sc *c)
{
    return ret_errno(socket((int)c->a[0], sock_type_to_host(c->abi, (uint32_t)c->a[1]),
                           (int)c->a[2]));
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
    return ret_errno(is_connect ? connect(fd, (struct sockaddr *)&ss, len)
                                : bind(fd, (struct sockaddr *)&ss, len));
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
    int fd = accept4((int)c->a[0], (struct sockaddr *)&ss, &len, flags);
    if (fd < 0)
        return -errno;
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
    return ret_errno(sendto((int)c->a[0], buf, (size_t)c->a[2], (int)c->a[3],
                            addr ? (struct sockaddr *)&ss : NULL, len));
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
    ssize_t n = recvfrom((int)c->a[0], buf, (size_t)c->a[2], (int)c->a[3],
                         addr ? (struct sockaddr *)&ss : NULL, addr ? &len : NULL);
    if (n < 0)
        return -errno;
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

/* Options whose value is one int, or struct linger (two ints); others are refused. */
static bool int_option(int level, int name, int *nints)
{
    *nints = 1;
    if (level == SOL_SOCKET && name == SO_LINGER) {
        *nints = 2;
        return true;
    }
    if (level == SOL_SOCKET)
        return name != SO_RCVTIMEO && name != SO_SNDTIMEO && name != SO_ATTACH_FILTER &&
               name != SO_BINDTODEVICE && name != SO_PEERCRED;
    /* IP, IPv6, TCP and UDP options taking ints */
    return level == IPPROTO_TCP || level == IPPROTO_UDP || level == IPPROTO_IP ||
           level == IPPROTO_IPV6;
}

static void option_to_host(const struct syscall_table *abi, uint64_t glevel, uint64_t gname,
                           int *level, int *name)
{
    *level = (int)abi_value_from_guest(abi->sock_levels, (uint32_t)glevel);
    *name = (int)gname;
    if (*level == SOL_SOCKET)
        *name = (int)abi_value_from_guest(abi->so_options, (uint32_t)gname);
}

static int64_t sys_setsockopt(struct sc *c)
{
    int level, name, nints;
    option_to_host(c->abi, c->a[1], c->a[2], &level, &name);
    if (!int_option(level, name, &nints)) {
        if (log_enabled(LOG_UNIMP))
            log_printf("crossrun: unsupported setsockopt level %d option %d\n", level, name);
        return -ENOPROTOOPT;
    }
    uint64_t glen = c->a[4];
    if (glen < 4ull * nints && !(nints == 1 && glen >= 1))
        return -EINVAL;
    int v[2] = { 0, 0 };
    const uint8_t *p = guest_rd(c->a[3], glen < 4ull * nints ? glen : 4ull * nints);
    if (!p)
        return -EFAULT;
    if (glen < 4)
        v[0] = *p;                       /* a few IP options accept one byte */
    else
        for (int i = 0; i < nints; i++)
            v[i] = (int)abi_ld32(c->abi, p + 4 * i);
    return ret_errno(setsockopt((int)c->a[0], level, name, v,
                                glen < 4 ? sizeof(int) : (socklen_t)(4 * nints)));
}

static int64_t sys_getsockopt(struct sc *c)
{
    int level, name, nints;
    option_to_host(c->abi, c->a[1], c->a[2], &level, &name);
    if (!int_option(level, name, &nints)) {
        if (log_enabled(LOG_UNIMP))
            log_printf("crossrun: unsupported getsockopt level %d option %d\n", level, name);
        return -ENOPROTOOPT;
    }
    uint8_t *lp = guest_wr(c->a[4], 4);
    if (!lp)
        return -EFAULT;
    uint32_t room = abi_ld32(c->abi, lp);
    int v[2] = { 0, 0 };
    socklen_t hlen = sizeof v;
    if (getsockopt((int)c->a[0], level, name, v, &hlen) < 0)
        return -errno;
    uint32_t n = hlen < room ? (uint32_t)hlen : room;
    uint8_t *out = guest_wr(c->a[3], n);
    if (!out)
        return -EFAULT;
    if (name == SO_TYPE && level == SOL_SOCKET)
        v[0] = (int)abi_value_to_guest(c->abi->sock_types, (uint32_t)v[0]);
    uint8_t tmp[8];
    for (int i = 0; i < 2; i++)
        abi_st32(c->abi, tmp + 4 * i, (uint32_t)v[i]);
    memcpy(out, tmp, n);
    abi_st32(c->abi, lp, n);
    return 0;
}

const struct syscall_def syscalls_socket[] = {
    { GSYS_socket, sys_socket, { A_INT, A_HEX, A_INT }, R_INT, 0 },
    { GSYS_socketpair, sys_socketpair, { A_INT, A_HEX, A_INT, A_PTR }, R_INT, 0 },
    { GSYS_bind, sys_bind, { A_FD, A_PTR, A_UINT }, R_INT, 0 },
    { GSYS_connect, sys_connect, { A_FD, A_PTR, A_UINT }, R_INT, 0 },
    { GSYS_listen, sys_listen, { A_FD, A_INT }, R_INT, 0 },
    { GSYS_accept, sys_accept, { A_FD, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_accept4, sys_accept4, { A_FD, A_PTR, A_PTR, A_FDFLAGS }, R_INT, 0 },
    { GSYS_getsockname, sys_getsockname, { A_FD, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_getpeername, sys_getpeername, { A_FD, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_send, sys_send, { A_FD, A_BUF, A_ULONG, A_HEX }, R_INT, 0 },
    { GSYS_sendto, sys_sendto, { A_FD, A_BUF, A_ULONG, A_HEX, A_PTR, A_UINT }, R_INT, 0 },
    { GSYS_recv, sys_recv, { A_FD, A_PTR, A_ULONG, A_HEX }, R_INT, 0 },
    { GSYS_recvfrom, sys_recvfrom, { A_FD, A_PTR, A_ULONG, A_HEX, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_shutdown, sys_shutdown, { A_FD, A_INT }, R_INT, 0 },
    { GSYS_setsockopt, sys_setsockopt, { A_FD, A_INT, A_INT, A_PTR, A_UINT }, R_INT, 0 },
    { GSYS_getsockopt, sys_getsockopt, { A_FD, A_INT, A_INT, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
