/* NETLINK_ROUTE messages for guests of the other byte order. */
#include "syscall/netlink.h"

#include <stdbool.h>
#include <string.h>

#include "syscall/abi.h"

/* Message types (linux/rtnetlink.h, linux/netlink.h). */
enum {
    NL_ERROR = 2, NL_DONE = 3,
    RT_LINK_FIRST = 16, RT_LINK_LAST = 19,      /* RTM_NEW/DEL/GET/SETLINK */
    RT_ADDR_FIRST = 20, RT_ADDR_LAST = 23,      /* RTM_NEW/DEL/GET/GETMULTICAST ADDR */
    RT_ROUTE_FIRST = 24, RT_ROUTE_LAST = 27,
    RT_NEIGH_FIRST = 28, RT_NEIGH_LAST = 30,
};

enum { NLMSG_HDRLEN_ = 16, RTA_HDRLEN_ = 4 };

static size_t align4(size_t v) { return (v + 3) & ~(size_t)3; }

static void sw16(void *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    v = abi_bswap16(v);
    memcpy(p, &v, 2);
}

static void sw32(void *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    v = abi_bswap32(v);
    memcpy(p, &v, 4);
}

static void sw64(void *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    v = abi_bswap64(v);
    memcpy(p, &v, 8);
}

static void sw32s(uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i += 4)
        sw32(p + i);
}

static void sw64s(uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 8 <= n; i += 8)
        sw64(p + i);
}

/* How an attribute's payload is laid out, per family of message. */
enum payload { P_BYTES, P_U32, P_U32S, P_U64S, P_NESTED };

static enum payload link_attr(unsigned type)
{
    switch (type) {
    case 4: case 5: case 10: case 13: case 15: case 27: case 30: case 31: case 32:
    case 35: case 40: case 41: case 50: case 51:
        return P_U32;       /* MTU LINK MASTER TXQLEN WEIGHT GROUP PROMISCUITY queues ... */
    case 7:
        return P_U32S;      /* IFLA_STATS: struct rtnl_link_stats, all __u32 */
    case 23:
        return P_U64S;      /* IFLA_STATS64 */
    case 18: case 26: case 43: case 52:
        return P_NESTED;    /* LINKINFO AF_SPEC XDP PROP_LIST */
    default:
        return P_BYTES;     /* names, addresses, u8 states */
    }
}

static enum payload addr_attr(unsigned type)
{
    switch (type) {
    case 6:  return P_U32S; /* IFA_CACHEINFO */
    case 8: case 9: return P_U32;   /* IFA_FLAGS IFA_RT_PRIORITY */
    default: return P_BYTES;
    }
}

static enum payload route_attr(unsigned type)
{
    switch (type) {
    case 3: case 4: case 6: case 11: case 15: case 16: case 23:
        return P_U32;       /* IIF OIF PRIORITY FLOW TABLE MARK EXPIRES */
    case 12: return P_U32S; /* RTA_CACHEINFO */
    case 8: return P_NESTED;/* RTA_METRICS */
    default: return P_BYTES;
    }
}

/* Attributes from p to end; 'host' says which order their headers are in now. */
static void swap_attrs(uint8_t *p, uint8_t *end, bool host, enum payload (*kind)(unsigned))
{
    while (end - p >= RTA_HDRLEN_) {
        uint16_t len, type;
        if (!host) {
            sw16(p);
            sw16(p + 2);
        }
        memcpy(&len, p, 2);
        memcpy(&type, p + 2, 2);
        if (host) {
            sw16(p);
            sw16(p + 2);
        }
        if (len < RTA_HDRLEN_ || len > end - p)
            return;
        uint8_t *d = p + RTA_HDRLEN_;
        size_t n = len - RTA_HDRLEN_;
        switch (kind ? kind(type & 0x3fff) : P_BYTES) {
        case P_U32: if (n >= 4) sw32(d); break;
        case P_U32S: sw32s(d, n); break;
        case P_U64S: sw64s(d, n); break;
        case P_NESTED: swap_attrs(d, d + n, host, NULL); break;
        case P_BYTES: break;
        }
        p += align4(len);
    }
}

/* The fixed header after nlmsghdr: its size, after swapping its multi-byte members. */
static size_t swap_family_header(uint8_t *d, size_t n, unsigned type,
                                 enum payload (**kind)(unsigned))
{
    if (type >= RT_LINK_FIRST && type <= RT_LINK_LAST && n >= 16) {
        sw16(d + 2);                            /* ifinfomsg: type, index, flags, change */
        sw32s(d + 4, 12);
        *kind = link_attr;
        return 16;
    }
    if (type >= RT_ADDR_FIRST && type <= RT_ADDR_LAST && n >= 8) {
        sw32(d + 4);                            /* ifaddrmsg: index */
        *kind = addr_attr;
        return 8;
    }
    if (type >= RT_ROUTE_FIRST && type <= RT_ROUTE_LAST && n >= 12) {
        sw32(d + 8);                            /* rtmsg: flags */
        *kind = route_attr;
        return 12;
    }
    if (type >= RT_NEIGH_FIRST && type <= RT_NEIGH_LAST && n >= 12) {
        sw16(d + 2);                            /* ndmsg: pad2, ifindex, state */
        sw32(d + 4);
        sw16(d + 8);
        *kind = NULL;
        return 12;
    }
    *kind = NULL;
    return 0;
}

static void swap_nlmsghdr(uint8_t *h)
{
    sw32(h);
    sw16(h + 4);
    sw16(h + 6);
    sw32(h + 8);
    sw32(h + 12);
}

static void swap_messages(uint8_t *p, size_t n, bool host)
{
    uint8_t *end = p + n;
    while (end - p >= NLMSG_HDRLEN_) {
        if (!host)
            swap_nlmsghdr(p);
        uint32_t len;
        uint16_t type;
        memcpy(&len, p, 4);
        memcpy(&type, p + 4, 2);
        if (host)
            swap_nlmsghdr(p);
        if (len < NLMSG_HDRLEN_ || len > (size_t)(end - p))
            return;
        uint8_t *d = p + NLMSG_HDRLEN_;
        size_t dn = len - NLMSG_HDRLEN_;
        if (type == NL_ERROR && dn >= 4 + NLMSG_HDRLEN_) {
            sw32(d);                            /* the error, then the request's header */
            swap_nlmsghdr(d + 4);
        } else if (type == NL_DONE && dn >= 4) {
            sw32(d);
        } else {
            enum payload (*kind)(unsigned);
            size_t fh = swap_family_header(d, dn, type, &kind);
            if (fh)
                swap_attrs(d + align4(fh), d + dn, host, kind);
        }
        p += align4(len);
    }
}

static void route_to_guest(const struct syscall_table *abi, void *buf, size_t n)
{
    (void)abi;
    swap_messages(buf, n, true);
}

static void route_to_host(const struct syscall_table *abi, void *buf, size_t n)
{
    (void)abi;
    swap_messages(buf, n, false);
}

const struct fd_trans netlink_route_trans = { "netlink-route", route_to_guest,
                                              route_to_host };
