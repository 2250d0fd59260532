/* setsockopt and getsockopt. The level and, at SOL_SOCKET, the option name are the
 * ABI's numbers (its table maps them); what the value is comes from the table below,
 * keyed by the host's numbers: ints (most options), structs with words or pointers
 * (timeouts, BPF programs) that need a real conversion, structs of fixed-size members
 * (byte order only), and bytes. An option the table does not know is an int when it is
 * int-sized; otherwise it is refused on the way in (ENOPROTOOPT, logged with -d unimp)
 * unless the guest has the host's byte order, where any byte-order-only struct is right. */
#include <errno.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "common/log.h"
#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/layouts.h"
#include "syscall/syscall.h"

/* Host values of the options with two forms (asm-generic/socket.h). */
enum { H_RCVTIMEO_OLD = 20, H_SNDTIMEO_OLD = 21, H_RCVTIMEO_NEW = 66, H_SNDTIMEO_NEW = 67 };
enum { H_SOL_PACKET = 263, H_SOL_NETLINK = 270, H_ICMP6_FILTER = 1, H_PACKET_MR_ADD = 1,
       H_PACKET_MR_DROP = 2 };

enum opt_kind {
    OPT_INTS,           /* ints (or one byte, for the IP options that take one) */
    OPT_LINGER,         /* struct linger: two ints */
    OPT_TIMEVAL,        /* struct timeval in the ABI's words */
    OPT_TIMEVAL64,      /* two 64-bit members (the _NEW timeouts) */
    OPT_UCRED,          /* struct ucred: three 32-bit members */
    OPT_BYTES,          /* bytes, or network-order members only */
    OPT_FIXED,          /* fixed-size members in host order: raw only for same-order guests */
    OPT_MREQN,          /* ip_mreq / ip_mreqn: addresses, then an int ifindex at 8 */
    OPT_IPV6_MREQ,      /* ipv6_mreq: an address, then an int ifindex at 16 */
    OPT_FPROG,          /* struct sock_fprog: a length and a pointer to sock_filters */
    OPT_TYPE,           /* SO_TYPE: the ABI's socket type numbers */
    OPT_ERROR,          /* SO_ERROR: an errno value */
    OPT_U64,            /* one 64-bit value (SO_COOKIE) */
};

static const struct {
    int level, name;
    enum opt_kind kind;
} options[] = {
    { SOL_SOCKET, SO_LINGER, OPT_LINGER },
    { SOL_SOCKET, H_RCVTIMEO_OLD, OPT_TIMEVAL },
    { SOL_SOCKET, H_SNDTIMEO_OLD, OPT_TIMEVAL },
    { SOL_SOCKET, H_RCVTIMEO_NEW, OPT_TIMEVAL64 },
    { SOL_SOCKET, H_SNDTIMEO_NEW, OPT_TIMEVAL64 },
    { SOL_SOCKET, SO_PEERCRED, OPT_UCRED },
    { SOL_SOCKET, SO_BINDTODEVICE, OPT_BYTES },
    { SOL_SOCKET, SO_PEERSEC, OPT_BYTES },
    { SOL_SOCKET, SO_ATTACH_FILTER, OPT_FPROG },
    { SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, OPT_FPROG },
    { SOL_SOCKET, SO_TYPE, OPT_TYPE },
    { SOL_SOCKET, SO_ERROR, OPT_ERROR },
    { SOL_SOCKET, SO_COOKIE, OPT_U64 },
    { IPPROTO_IP, IP_ADD_MEMBERSHIP, OPT_MREQN },
    { IPPROTO_IP, IP_DROP_MEMBERSHIP, OPT_MREQN },
    { IPPROTO_IP, IP_MULTICAST_IF, OPT_MREQN },
    { IPPROTO_IP, IP_OPTIONS, OPT_BYTES },
    { IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, OPT_BYTES },
    { IPPROTO_IP, IP_DROP_SOURCE_MEMBERSHIP, OPT_BYTES },
    { IPPROTO_IP, IP_BLOCK_SOURCE, OPT_BYTES },
    { IPPROTO_IP, IP_UNBLOCK_SOURCE, OPT_BYTES },
    { IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, OPT_IPV6_MREQ },
    { IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, OPT_IPV6_MREQ },
    { IPPROTO_IPV6, IPV6_HOPOPTS, OPT_BYTES },
    { IPPROTO_IPV6, IPV6_RTHDR, OPT_BYTES },
    { IPPROTO_IPV6, IPV6_DSTOPTS, OPT_BYTES },
    { IPPROTO_TCP, TCP_INFO, OPT_FIXED },
    { IPPROTO_TCP, TCP_CONGESTION, OPT_BYTES },
    { IPPROTO_TCP, TCP_ULP, OPT_BYTES },
    { IPPROTO_ICMPV6, H_ICMP6_FILTER, OPT_INTS },
    { H_SOL_PACKET, H_PACKET_MR_ADD, OPT_FIXED },
    { H_SOL_PACKET, H_PACKET_MR_DROP, OPT_FIXED },
};

/* The option's kind; -1 for one the table does not know. */
static int kind_of(int level, int name)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (options[i].level == level && options[i].name == name)
            return options[i].kind;
    return -1;
}

static void to_host(const struct syscall_table *abi, uint64_t glevel, uint64_t gname,
                    int *level, int *name)
{
    *level = (int)abi_value_from_guest(abi->sock_levels, (uint32_t)glevel);
    *name = (int)gname;
    if (*level == SOL_SOCKET)
        *name = (int)abi_value_from_guest(abi->so_options, (uint32_t)gname);
}

static void unsupported(const char *call, int level, int name)
{
    if (log_enabled(LOG_UNIMP))
        log_printf("crossrun: unsupported %s level %d option %d\n", call, level, name);
}

/* Swaps every whole 32-bit word of n bytes (ints from or to another byte order). */
static void swap_ints(const struct syscall_table *abi, uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i += 4)
        abi_st32(abi, p + i, abi_ld32(&abi_host, p + i));
}

/* ---- setsockopt ---- */

enum { OPT_MAX = 4096 };

/* Builds the host value of a setsockopt in buf; returns its length or -errno. */
static long set_value(struct sc *c, int kind, int level, int name, const uint8_t *g,
                      uint64_t glen, uint8_t *buf)
{
    const struct syscall_table *abi = c->abi;
    switch (kind) {
    case OPT_LINGER:
    case OPT_UCRED:
    case OPT_INTS:
    case OPT_TYPE:
    case OPT_ERROR:
        memcpy(buf, g, (size_t)glen);
        swap_ints(abi, buf, (size_t)glen);
        return (long)glen;
    case OPT_TIMEVAL: {
        const struct gfield *lay = gs_timeval;
        if (glen < gstruct_size(abi, lay))
            return -EINVAL;
        uint64_t v[2];
        gstruct_load(abi, lay, g, v);
        struct timeval tv = { (time_t)(int64_t)v[0], (suseconds_t)(int64_t)v[1] };
        memcpy(buf, &tv, sizeof tv);
        return sizeof tv;
    }
    case OPT_TIMEVAL64: {
        if (glen < 16)
            return -EINVAL;
        uint64_t v[2];
        gstruct_load(abi, gl_sock_timeval64, g, v);
        memcpy(buf, v, 16);
        return 16;
    }
    case OPT_BYTES:
        memcpy(buf, g, (size_t)glen);
        return (long)glen;
    case OPT_MREQN:
    case OPT_IPV6_MREQ: {
        memcpy(buf, g, (size_t)glen);
        size_t at = kind == OPT_MREQN ? 8 : 16;
        if (glen >= at + 4)
            abi_st32(&abi_host, buf + at, abi_ld32(abi, g + at));
        return (long)glen;
    }
    case OPT_FIXED:
        if (abi->big_endian)
            return -ENOPROTOOPT;
        memcpy(buf, g, (size_t)glen);
        return (long)glen;
    case OPT_U64:
        if (glen < 8)
            return -EINVAL;
        {
            uint64_t v = abi_ld64(abi, g);
            memcpy(buf, &v, 8);
        }
        return 8;
    default:
        return -ENOPROTOOPT;
    }
}

/* SO_ATTACH_FILTER: the program is an array the struct points to. */
static int64_t set_fprog(struct sc *c, int fd, int level, int name, const uint8_t *g,
                         uint64_t glen)
{
    if (glen < gstruct_size(c->abi, gl_sock_fprog))
        return -EINVAL;
    uint64_t v[2];
    gstruct_load(c->abi, gl_sock_fprog, g, v);
    size_t n = (size_t)v[0], esz = gstruct_size(c->abi, gl_sock_filter);
    const uint8_t *ins = guest_rd(v[1], (uint64_t)n * esz);
    if (!ins)
        return -EFAULT;
    struct sock_filter *f = calloc(n ? n : 1, sizeof *f);
    if (!f)
        return -ENOMEM;
    for (size_t i = 0; i < n; i++) {
        uint64_t w[4];
        gstruct_load(c->abi, gl_sock_filter, ins + i * esz, w);
        f[i] = (struct sock_filter){ (uint16_t)w[0], (uint8_t)w[1], (uint8_t)w[2],
                                     (uint32_t)w[3] };
    }
    struct sock_fprog prog = { (unsigned short)n, f };
    int r = setsockopt(fd, level, name, &prog, sizeof prog);
    int err = errno;
    free(f);
    return r < 0 ? -err : 0;
}

static int64_t sys_setsockopt(struct sc *c)
{
    int level, name, fd = (int)c->a[0];
    to_host(c->abi, c->a[1], c->a[2], &level, &name);
    uint64_t glen = c->a[4];
    if ((int64_t)(int32_t)glen < 0)
        return -EINVAL;
    if (glen > OPT_MAX)
        glen = OPT_MAX;
    const uint8_t *g = guest_rd(c->a[3], glen);
    if (!g)
        return -EFAULT;
    int kind = kind_of(level, name);
    if (kind < 0)
        kind = glen <= 4 || (glen % 4 == 0 && glen <= 16) ? OPT_INTS : OPT_FIXED;
    if (kind == OPT_FPROG)
        return set_fprog(c, fd, level, name, g, glen);
    uint8_t buf[OPT_MAX];
    long n = set_value(c, kind, level, name, g, glen, buf);
    if (n == -ENOPROTOOPT)
        unsupported("setsockopt", level, name);
    if (n < 0)
        return n;
    return setsockopt(fd, level, name, buf, (socklen_t)n) < 0 ? -errno : 0;
}

/* ---- getsockopt ---- */

/* Turns the host value (hlen bytes in buf) into the guest's in out; returns the
 * guest's length or -errno. */
static long get_value(struct sc *c, int kind, const uint8_t *buf, socklen_t hlen,
                      uint8_t *out)
{
    const struct syscall_table *abi = c->abi;
    switch (kind) {
    case OPT_TYPE:
    case OPT_ERROR: {
        int v;
        if (hlen < 4) {
            memcpy(out, buf, hlen);
            return hlen;
        }
        memcpy(&v, buf, 4);
        v = kind == OPT_TYPE ? (int)abi_value_to_guest(abi->sock_types, (uint32_t)v)
                             : abi_errno_from_host(abi, v);
        abi_st32(abi, out, (uint32_t)v);
        return 4;
    }
    case OPT_LINGER:
    case OPT_UCRED:
    case OPT_INTS:
        memcpy(out, buf, hlen);
        if (hlen >= 4)
            swap_ints(abi, out, hlen);
        return hlen;
    case OPT_TIMEVAL: {
        struct timeval tv;
        memcpy(&tv, buf, sizeof tv);
        uint64_t v[2] = { (uint64_t)tv.tv_sec, (uint64_t)tv.tv_usec };
        gstruct_store(abi, gs_timeval, out, v);
        return (long)gstruct_size(abi, gs_timeval);
    }
    case OPT_TIMEVAL64:
    case OPT_U64: {
        uint64_t v[2] = { 0, 0 };
        memcpy(v, buf, hlen < 16 ? hlen : 16);
        if (kind == OPT_U64) {
            abi_st64(abi, out, v[0]);
            return 8;
        }
        gstruct_store(abi, gl_sock_timeval64, out, v);
        return 16;
    }
    case OPT_MREQN:
    case OPT_IPV6_MREQ: {
        memcpy(out, buf, hlen);
        size_t at = kind == OPT_MREQN ? 8 : 16;
        if (hlen >= at + 4)
            abi_st32(abi, out + at, abi_ld32(&abi_host, buf + at));
        return hlen;
    }
    case OPT_BYTES:
        memcpy(out, buf, hlen);
        return hlen;
    case OPT_FIXED:
        if (abi->big_endian)
            return -ENOPROTOOPT;
        memcpy(out, buf, hlen);
        return hlen;
    default:
        return -ENOPROTOOPT;
    }
}

static int64_t sys_getsockopt(struct sc *c)
{
    int level, name;
    to_host(c->abi, c->a[1], c->a[2], &level, &name);
    uint8_t *lp = guest_wr(c->a[4], 4);
    if (!lp)
        return -EFAULT;
    int32_t room = (int32_t)abi_ld32(c->abi, lp);
    if (room < 0)
        return -EINVAL;
    int kind = kind_of(level, name);
    if (kind < 0)
        kind = OPT_INTS;
    if (kind == OPT_FPROG) {
        unsupported("getsockopt", level, name);
        return -ENOPROTOOPT;
    }
    /* The host gets the guest's room (the kernel shortens some values to fit it),
     * except where the guest's struct is smaller than the host's. */
    uint8_t buf[OPT_MAX], out[OPT_MAX];
    socklen_t hlen = room > OPT_MAX ? OPT_MAX : (socklen_t)room;
    if (kind == OPT_TIMEVAL || kind == OPT_TIMEVAL64 || kind == OPT_U64)
        hlen = 16;
    if (getsockopt((int)c->a[0], level, name, buf, &hlen) < 0)
        return -errno;
    long n = get_value(c, kind, buf, hlen, out);
    if (n == -ENOPROTOOPT)
        unsupported("getsockopt", level, name);
    if (n < 0)
        return n;
    uint32_t copy = (uint32_t)n < (uint32_t)room ? (uint32_t)n : (uint32_t)room;
    uint8_t *dst = guest_wr(c->a[3], copy);
    if (!dst)
        return -EFAULT;
    memcpy(dst, out, copy);
    abi_st32(c->abi, lp, copy);
    return 0;
}

const struct syscall_def syscalls_sockopt[] = {
    { GSYS_setsockopt, sys_setsockopt, { A_FD, A_SOCKLEVEL, A_SOCKOPT, A_PTR, A_UINT }, R_INT, 0 },
    { GSYS_getsockopt, sys_getsockopt, { A_FD, A_SOCKLEVEL, A_SOCKOPT, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
