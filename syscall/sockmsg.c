/* sendmsg, recvmsg, sendmmsg and recvmmsg (with the time64 variant): struct msghdr and
 * mmsghdr in the guest's layout, their addresses (sockaddr.c), buffers (iovecs into
 * guest memory) and control data (cmsg.c). MSG_ flags are the same on every ABI. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "syscall/cmsg.h"
#include "syscall/fdtrans.h"
#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/layouts.h"
#include "syscall/safe-syscall.h"
#include "syscall/sockaddr.h"
#include "syscall/syscall.h"

enum { MMSG_MAX = 1024 };       /* UIO_MAXIOV, the kernel's cap on vlen */

/* One message on the host side, with what it points to. */
struct hmsg {
    struct msghdr m;
    struct sockaddr_storage name;
    uint64_t gv[MH_K_COUNT];    /* the guest's msghdr */
};

static void hmsg_free(struct hmsg *h)
{
    free(h->m.msg_iov);
    free(h->m.msg_control);
    h->m.msg_iov = NULL;
    h->m.msg_control = NULL;
}

/* Reads the guest's msghdr at g (host pointer to guest memory) for sending or for
 * receiving. */
static int hmsg_get(struct sc *c, const uint8_t *g, bool recv, struct hmsg *h)
{
    const struct syscall_table *abi = c->abi;
    memset(h, 0, sizeof *h);
    gstruct_load(abi, gl_msghdr, g, h->gv);
    uint64_t *v = h->gv;
    if (v[MH_K_NAME]) {
        int64_t nlen = (int32_t)v[MH_K_NAMELEN];
        if (nlen < 0)
            return -EINVAL;
        if (recv) {
            h->m.msg_namelen = sizeof h->name;
        } else {
            socklen_t hl;
            int r = get_sockaddr(abi, v[MH_K_NAME], (uint64_t)nlen, &h->name, &hl);
            if (r < 0)
                return r;
            h->m.msg_namelen = hl;
        }
        h->m.msg_name = &h->name;
    }
    int r = get_iovec(abi, v[MH_K_IOV], v[MH_K_IOVLEN], recv, &h->m.msg_iov);
    if (r < 0)
        return r == -EINVAL && v[MH_K_IOVLEN] > 1024 ? -EMSGSIZE : r;
    h->m.msg_iovlen = v[MH_K_IOVLEN];
    if (v[MH_K_CONTROL] && v[MH_K_CONTROLLEN]) {
        uint64_t clen = v[MH_K_CONTROLLEN];
        if (recv) {
            if (!guest_wr(v[MH_K_CONTROL], clen)) {
                hmsg_free(h);
                return -EFAULT;
            }
            h->m.msg_controllen = cmsg_host_room(clen);
            h->m.msg_control = calloc(1, h->m.msg_controllen);
            if (!h->m.msg_control) {
                hmsg_free(h);
                return -ENOMEM;
            }
        } else {
            const uint8_t *cg = guest_rd(v[MH_K_CONTROL], clen);
            size_t hl;
            r = cg ? cmsg_to_host(abi, cg, clen, &h->m.msg_control, &hl) : -EFAULT;
            if (r < 0) {
                hmsg_free(h);
                return r;
            }
            h->m.msg_controllen = hl;
        }
    }
    return 0;
}

/* After a receive: the address, control data and flags go back into the guest's
 * msghdr at g (which the caller checked writable). */
static int hmsg_put(struct sc *c, uint8_t *g, struct hmsg *h)
{
    const struct syscall_table *abi = c->abi;
    uint64_t *v = h->gv;
    if (v[MH_K_NAME]) {
        uint32_t room = (uint32_t)v[MH_K_NAMELEN];
        uint32_t n = h->m.msg_namelen < room ? h->m.msg_namelen : room;
        uint8_t *dst = guest_wr(v[MH_K_NAME], n);
        if (!dst)
            return -EFAULT;
        sockaddr_to_guest(abi, &h->name, dst, n);
        v[MH_K_NAMELEN] = h->m.msg_namelen;
    }
    int flags = h->m.msg_flags;
    if (h->m.msg_control) {
        bool trunc = false;
        uint8_t *dst = guest_wr(v[MH_K_CONTROL], v[MH_K_CONTROLLEN]);
        v[MH_K_CONTROLLEN] = cmsg_to_guest(abi, h->m.msg_control, h->m.msg_controllen, dst,
                                           v[MH_K_CONTROLLEN], &trunc);
        if (trunc)
            flags |= MSG_CTRUNC;
    } else {
        v[MH_K_CONTROLLEN] = 0;
    }
    v[MH_K_FLAGS] = (uint32_t)flags;
    gstruct_store(abi, gl_msghdr, g, v);
    return 0;
}

static int64_t sys_sendmsg(struct sc *c)
{
    const uint8_t *g = guest_rd(c->a[1], gstruct_size(c->abi, gl_msghdr));
    if (!g)
        return -EFAULT;
    struct hmsg h;
    int r = hmsg_get(c, g, false, &h);
    if (r < 0)
        return r;
    /* Converted data (netlink for the other byte order) goes from a copy when it is in
     * one buffer, as every netlink user sends it. */
    void *conv = NULL;
    if (h.m.msg_iovlen == 1)
        conv = fdtrans_write(c->abi, (int)c->a[0], h.m.msg_iov[0].iov_base,
                             h.m.msg_iov[0].iov_len, &r);
    if (r < 0) {
        hmsg_free(&h);
        return r;
    }
    void *orig = h.m.msg_iovlen ? h.m.msg_iov[0].iov_base : NULL;
    if (conv)
        h.m.msg_iov[0].iov_base = conv;
    long n = safe_syscall6(SYS_sendmsg, (int)c->a[0], (long)&h.m, (int)c->a[2], 0, 0, 0);
    if (conv)
        h.m.msg_iov[0].iov_base = orig;
    free(conv);
    hmsg_free(&h);
    return n;
}

static int64_t sys_recvmsg(struct sc *c)
{
    uint8_t *g = guest_wr(c->a[1], gstruct_size(c->abi, gl_msghdr));
    if (!g)
        return -EFAULT;
    struct hmsg h;
    int r = hmsg_get(c, g, true, &h);
    if (r < 0)
        return r;
    long n = safe_syscall6(SYS_recvmsg, (int)c->a[0], (long)&h.m, (int)c->a[2], 0, 0, 0);
    if (n > 0 && h.m.msg_iovlen == 1)
        fdtrans_read(c->abi, (int)c->a[0], h.m.msg_iov[0].iov_base,
                     (size_t)n < h.m.msg_iov[0].iov_len ? (size_t)n : h.m.msg_iov[0].iov_len);
    if (n >= 0 && (r = hmsg_put(c, g, &h)) < 0)
        n = r;
    hmsg_free(&h);
    return n;
}

/* The host's struct mmsghdr array for vlen guest entries at addr. */
static int mmsg_get(struct sc *c, uint64_t addr, unsigned vlen, bool recv, uint8_t **gp,
                    struct hmsg **hp, struct mmsghdr **mp)
{
    size_t esz = gstruct_size(c->abi, gl_mmsghdr);
    uint8_t *g = recv ? guest_wr(addr, (uint64_t)vlen * esz) : guest_rd(addr, (uint64_t)vlen * esz);
    if (!g)
        return -EFAULT;
    struct hmsg *h = calloc(vlen, sizeof *h);
    struct mmsghdr *m = calloc(vlen, sizeof *m);
    if (!h || !m) {
        free(h);
        free(m);
        return -ENOMEM;
    }
    for (unsigned i = 0; i < vlen; i++) {
        int r = hmsg_get(c, g + i * esz, recv, &h[i]);
        if (r < 0) {
            for (unsigned j = 0; j < i; j++)
                hmsg_free(&h[j]);
            free(h);
            free(m);
            return r;
        }
    }
    *gp = g;
    *hp = h;
    *mp = m;
    return 0;
}

static void mmsg_free(struct hmsg *h, struct mmsghdr *m, unsigned vlen)
{
    for (unsigned i = 0; i < vlen; i++)
        hmsg_free(&h[i]);
    free(h);
    free(m);
}

/* Stores msg_len of the first n entries (and for receives what hmsg_put stores). */
static int mmsg_put(struct sc *c, uint8_t *g, struct hmsg *h, struct mmsghdr *m, long n,
                    bool recv)
{
    size_t esz = gstruct_size(c->abi, gl_mmsghdr);
    long len_off = gstruct_offset(c->abi, gl_mmsghdr, MMH_K_LEN);
    for (long i = 0; i < n; i++) {
        h[i].m = m[i].msg_hdr;
        if (recv) {
            int r = hmsg_put(c, g + (size_t)i * esz, &h[i]);
            if (r < 0)
                return r;
        }
        abi_st32(c->abi, g + (size_t)i * esz + len_off, m[i].msg_len);
    }
    return 0;
}

static int64_t sys_sendmmsg(struct sc *c)
{
    unsigned vlen = (unsigned)c->a[2];
    if (vlen > MMSG_MAX)
        vlen = MMSG_MAX;
    if (!vlen)
        return 0;
    uint8_t *g;
    struct hmsg *h;
    struct mmsghdr *m;
    int r = mmsg_get(c, c->a[1], vlen, false, &g, &h, &m);
    if (r < 0)
        return r;
    for (unsigned i = 0; i < vlen; i++)
        m[i].msg_hdr = h[i].m;
    long n = safe_syscall6(SYS_sendmmsg, (int)c->a[0], (long)m, vlen, (int)c->a[3], 0, 0);
    /* The lengths are written where the guest can write; a read-only array still sent. */
    if (n > 0 && guest_wr(c->a[1], (uint64_t)n * gstruct_size(c->abi, gl_mmsghdr)))
        mmsg_put(c, g, h, m, n, false);
    mmsg_free(h, m, vlen);
    return n;
}

static int64_t do_recvmmsg(struct sc *c, bool time64)
{
    unsigned vlen = (unsigned)c->a[2];
    if (vlen > MMSG_MAX)
        vlen = MMSG_MAX;
    struct timespec ts;
    if (c->a[4]) {
        int r = get_timespec(c->abi, c->a[4], time64, &ts);
        if (r < 0)
            return r;
    }
    if (!vlen)
        return 0;
    uint8_t *g;
    struct hmsg *h;
    struct mmsghdr *m;
    int r = mmsg_get(c, c->a[1], vlen, true, &g, &h, &m);
    if (r < 0)
        return r;
    for (unsigned i = 0; i < vlen; i++)
        m[i].msg_hdr = h[i].m;
    long n = safe_syscall6(SYS_recvmmsg, (int)c->a[0], (long)m, vlen, (int)c->a[3],
                           c->a[4] ? (long)&ts : 0, 0);
    if (n > 0 && (r = mmsg_put(c, g, h, m, n, true)) < 0)
        n = r;
    if (n >= 0 && c->a[4])
        put_timespec(c->abi, c->a[4], time64, &ts);
    mmsg_free(h, m, vlen);
    return n;
}

static int64_t sys_recvmmsg(struct sc *c) { return do_recvmmsg(c, c->abi->word_size == 8); }
static int64_t sys_recvmmsg_time64(struct sc *c) { return do_recvmmsg(c, true); }

const struct syscall_def syscalls_sockmsg[] = {
    { GSYS_sendmsg, sys_sendmsg, { A_FD, A_PTR, A_MSGFLAGS }, R_INT, 0 },
    { GSYS_recvmsg, sys_recvmsg, { A_FD, A_PTR, A_MSGFLAGS }, R_INT, 0 },
    { GSYS_sendmmsg, sys_sendmmsg, { A_FD, A_PTR, A_UINT, A_MSGFLAGS }, R_INT, 0 },
    { GSYS_recvmmsg, sys_recvmmsg, { A_FD, A_PTR, A_UINT, A_MSGFLAGS, A_TIMESPEC }, R_INT, 0 },
    { GSYS_recvmmsg_time64, sys_recvmmsg_time64,
      { A_FD, A_PTR, A_UINT, A_MSGFLAGS, A_TIMESPEC64 }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
