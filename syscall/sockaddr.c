/* Socket address conversion (see sockaddr.h). */
#include "syscall/sockaddr.h"

#include <errno.h>
#include <string.h>

#include "syscall/abi.h"
#include "syscall/guest-mem.h"

/* Members in host byte order: family, offset, size. */
static const struct {
    uint16_t family;
    uint8_t off, size;
} host_order[] = {
    { AF_INET6, 24, 4 },                        /* sin6_scope_id */
    { AF_NETLINK, 4, 4 }, { AF_NETLINK, 8, 4 }, /* nl_pid, nl_groups */
    { AF_PACKET, 4, 4 }, { AF_PACKET, 8, 2 },   /* sll_ifindex, sll_hatype */
};

/* Swaps the host-order members of family inside the first len bytes of p. */
static void swap_members(const struct syscall_table *abi, unsigned family, uint8_t *p,
                         uint64_t len)
{
    if (!abi->big_endian)
        return;
    for (size_t i = 0; i < sizeof host_order / sizeof host_order[0]; i++) {
        if (host_order[i].family != family || host_order[i].off + host_order[i].size > len)
            continue;
        uint8_t *m = p + host_order[i].off;
        if (host_order[i].size == 4) {
            uint32_t v;
            memcpy(&v, m, 4);
            v = abi_bswap32(v);
            memcpy(m, &v, 4);
        } else {
            uint16_t v;
            memcpy(&v, m, 2);
            v = abi_bswap16(v);
            memcpy(m, &v, 2);
        }
    }
}

int sockaddr_from_guest(const struct syscall_table *abi, const void *g, uint64_t len,
                        struct sockaddr_storage *ss)
{
    if (len > sizeof *ss)
        return -EINVAL;
    memset(ss, 0, sizeof *ss);
    memcpy(ss, g, (size_t)len);
    if (len >= 2) {
        ss->ss_family = abi_ld16(abi, g);
        swap_members(abi, ss->ss_family, (uint8_t *)ss, len);
    }
    return 0;
}

void sockaddr_to_guest(const struct syscall_table *abi, const struct sockaddr_storage *ss,
                       void *g, uint32_t n)
{
    uint8_t tmp[sizeof *ss];
    if (n > sizeof tmp)
        n = sizeof tmp;
    memcpy(tmp, ss, n);
    if (n >= 2) {
        swap_members(abi, ss->ss_family, tmp, n);
        abi_st16(abi, tmp, ss->ss_family);
    }
    memcpy(g, tmp, n);
}

int get_sockaddr(const struct syscall_table *abi, uint64_t addr, uint64_t len,
                 struct sockaddr_storage *ss, socklen_t *hlen)
{
    if (len > sizeof *ss)
        return -EINVAL;
    const void *p = guest_rd(addr, len);
    if (!p)
        return -EFAULT;
    *hlen = (socklen_t)len;
    return sockaddr_from_guest(abi, p, len, ss);
}

int put_sockaddr(const struct syscall_table *abi, uint64_t addr, uint64_t lenp,
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
    sockaddr_to_guest(abi, ss, p, n);
    abi_st32(abi, lp, hlen);
    return 0;
}
