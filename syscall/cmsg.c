/* Control message conversion (see cmsg.h). */
#include "syscall/cmsg.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/abi.h"
#include "syscall/layouts.h"

/* Host values of the SOL_SOCKET timestamp messages (asm-generic/socket.h). */
enum { H_TIMESTAMP_OLD = 29, H_TIMESTAMPNS_OLD = 35, H_TIMESTAMPING_OLD = 37,
       H_TIMESTAMP_NEW = 63, H_TIMESTAMPNS_NEW = 64, H_TIMESTAMPING_NEW = 65 };
enum { H_IP_RECVERR = 11, H_IPV6_RECVERR = 25 };

enum cm_kind {
    CMK_BYTES,          /* bytes, or members in network order */
    CMK_INTS,           /* 32-bit ints (descriptors, credentials, counters) */
    CMK_LONGS,          /* the ABI's longs: timevals and timespecs */
    CMK_S64S,           /* 64-bit values */
    CMK_INT_AT0,        /* in_pktinfo: ifindex, then addresses */
    CMK_INT_AT16,       /* in6_pktinfo: an address, then ifindex */
    CMK_EXTERR,         /* sock_extended_err (+ offender address) */
};

static enum cm_kind kind_of(int level, int type)
{
    if (level == SOL_SOCKET) {
        switch (type) {
        case SCM_RIGHTS: case SCM_CREDENTIALS: case SO_RXQ_OVFL: case SO_MARK:
            return CMK_INTS;
        case H_TIMESTAMP_OLD: case H_TIMESTAMPNS_OLD: case H_TIMESTAMPING_OLD:
            return CMK_LONGS;
        case H_TIMESTAMP_NEW: case H_TIMESTAMPNS_NEW: case H_TIMESTAMPING_NEW:
            return CMK_S64S;
        default:
            return CMK_BYTES;
        }
    }
    if (level == IPPROTO_IP) {
        switch (type) {
        case IP_PKTINFO: return CMK_INT_AT0;
        case H_IP_RECVERR: return CMK_EXTERR;
        case IP_TTL: case IP_TOS: case IP_RECVTTL: return CMK_INTS;
        default: return CMK_BYTES;
        }
    }
    if (level == IPPROTO_IPV6) {
        switch (type) {
        case IPV6_PKTINFO: return CMK_INT_AT16;
        case H_IPV6_RECVERR: return CMK_EXTERR;
        case IPV6_HOPLIMIT: case IPV6_TCLASS: return CMK_INTS;
        default: return CMK_BYTES;
        }
    }
    return CMK_BYTES;
}

/* Levels and, at SOL_SOCKET, types: SCM_RIGHTS, SCM_CREDENTIALS and SCM_SECURITY are 1,
 * 2 and 3 everywhere; the timestamp types are SO_ numbers, which some ABIs move. */
static void ids_to_host(const struct syscall_table *abi, int glevel, int gtype, int *level,
                        int *type)
{
    *level = (int)abi_value_from_guest(abi->sock_levels, (uint32_t)glevel);
    *type = gtype;
    if (*level == SOL_SOCKET && gtype > 3)
        *type = (int)abi_value_from_guest(abi->so_options, (uint32_t)gtype);
}

static void ids_to_guest(const struct syscall_table *abi, int level, int type, int *glevel,
                         int *gtype)
{
    *glevel = (int)abi_value_to_guest(abi->sock_levels, (uint32_t)level);
    *gtype = type;
    if (level == SOL_SOCKET && type > 3)
        *gtype = (int)abi_value_to_guest(abi->so_options, (uint32_t)type);
}

static size_t align_to(size_t v, size_t a) { return (v + a - 1) / a * a; }

static size_t ghdr_size(const struct syscall_table *abi)
{
    return align_to(gstruct_size(abi, gl_cmsghdr), abi->word_size);
}

/* Size of the payload after conversion to the other side. */
static size_t payload_size(const struct syscall_table *abi, enum cm_kind k, size_t n,
                           bool to_guest)
{
    if (k != CMK_LONGS)
        return n;
    return to_guest ? n / 8 * abi->word_size : n / abi->word_size * 8;
}

static void swap32_at(const struct syscall_table *abi, uint8_t *dst, const uint8_t *src,
                      bool to_guest)
{
    if (to_guest)
        abi_st32(abi, dst, abi_ld32(&abi_host, src));
    else
        abi_st32(&abi_host, dst, abi_ld32(abi, src));
}

/* Converts n bytes of payload from src into dst (payload_size bytes). */
static void convert(const struct syscall_table *abi, enum cm_kind k, const uint8_t *src,
                    size_t n, uint8_t *dst, bool to_guest)
{
    switch (k) {
    case CMK_INTS:
        memcpy(dst, src, n);
        for (size_t i = 0; i + 4 <= n; i += 4)
            swap32_at(abi, dst + i, src + i, to_guest);
        break;
    case CMK_LONGS: {
        unsigned w = abi->word_size;
        size_t count = to_guest ? n / 8 : n / w;
        for (size_t i = 0; i < count; i++) {
            if (to_guest) {
                int64_t v;
                memcpy(&v, src + i * 8, 8);
                abi_stword(abi, dst + i * w, (uint64_t)v);
            } else {
                int64_t v = abi_sext_word(abi, abi_ldword(abi, src + i * w));
                memcpy(dst + i * 8, &v, 8);
            }
        }
        break;
    }
    case CMK_S64S:
        memcpy(dst, src, n);
        for (size_t i = 0; i + 8 <= n; i += 8) {
            if (to_guest)
                abi_st64(abi, dst + i, abi_ld64(&abi_host, src + i));
            else
                abi_st64(&abi_host, dst + i, abi_ld64(abi, src + i));
        }
        break;
    case CMK_INT_AT0:
    case CMK_INT_AT16: {
        size_t at = k == CMK_INT_AT0 ? 0 : 16;
        memcpy(dst, src, n);
        if (n >= at + 4)
            swap32_at(abi, dst + at, src + at, to_guest);
        break;
    }
    case CMK_EXTERR:
        /* ee_errno, then four bytes, ee_info, ee_data; the offender address follows. */
        memcpy(dst, src, n);
        if (n >= 16) {
            uint32_t e = to_guest ? abi_ld32(&abi_host, src) : abi_ld32(abi, src);
            if (to_guest)
                abi_st32(abi, dst, (uint32_t)abi_errno_from_host(abi, (int)e));
            else
                abi_st32(&abi_host, dst, e);
            swap32_at(abi, dst + 8, src + 8, to_guest);
            swap32_at(abi, dst + 12, src + 12, to_guest);
        }
        break;
    default:
        memcpy(dst, src, n);
        break;
    }
}

size_t cmsg_host_room(uint64_t room)
{
    /* Host headers are at most 4 bytes bigger and longs twice as big. */
    return (size_t)(room > 65536 ? 65536 : room) * 2 + 64;
}

int cmsg_to_host(const struct syscall_table *abi, const uint8_t *g, uint64_t glen,
                 void **host, size_t *hlen)
{
    size_t gh = ghdr_size(abi);
    size_t cap = cmsg_host_room(glen);
    uint8_t *h = calloc(1, cap);
    if (!h)
        return -ENOMEM;
    size_t out = 0;
    for (uint64_t off = 0; off + gh <= glen;) {
        uint64_t v[CM_K_COUNT];
        gstruct_load(abi, gl_cmsghdr, g + off, v);
        uint64_t len = v[CM_K_LEN];
        if (len < gh || len > glen - off) {
            free(h);
            return -EINVAL;
        }
        int level, type;
        ids_to_host(abi, (int)v[CM_K_LEVEL], (int)v[CM_K_TYPE], &level, &type);
        enum cm_kind k = kind_of(level, type);
        size_t gpay = (size_t)(len - gh), hpay = payload_size(abi, k, gpay, false);
        if (out + CMSG_SPACE(hpay) > cap) {
            free(h);
            return -ENOBUFS;
        }
        struct cmsghdr *c = (struct cmsghdr *)(h + out);
        c->cmsg_len = CMSG_LEN(hpay);
        c->cmsg_level = level;
        c->cmsg_type = type;
        convert(abi, k, g + off + gh, gpay, CMSG_DATA(c), false);
        out += CMSG_SPACE(hpay);
        off += align_to((size_t)len, abi->word_size);
    }
    *host = h;
    *hlen = out;
    return 0;
}

static void close_fds(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i += 4) {
        int fd;
        memcpy(&fd, p + i, 4);
        close(fd);
    }
}

uint64_t cmsg_to_guest(const struct syscall_table *abi, const uint8_t *host, size_t hlen,
                       uint8_t *g, uint64_t room, bool *trunc)
{
    size_t gh = ghdr_size(abi);
    uint64_t used = 0;
    struct msghdr m = { .msg_control = (void *)host, .msg_controllen = hlen };
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        size_t hpay = c->cmsg_len - CMSG_LEN(0);
        enum cm_kind k = kind_of(c->cmsg_level, c->cmsg_type);
        bool fds = c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS;
        size_t gpay = payload_size(abi, k, hpay, true);
        uint64_t left = room - used;
        if (left < gh) {
            *trunc = true;
            if (fds)
                close_fds(CMSG_DATA(c), hpay);
            continue;
        }
        size_t fit = gpay;
        if (gh + gpay > left) {
            *trunc = true;
            fit = (size_t)(left - gh);
            if (fds) {
                fit = fit / 4 * 4;
                close_fds(CMSG_DATA(c) + fit, hpay - fit);
            }
        }
        uint8_t tmp[4096];
        uint8_t *conv = gpay <= sizeof tmp ? tmp : malloc(gpay);
        if (!conv) {
            *trunc = true;
            continue;
        }
        convert(abi, k, CMSG_DATA(c), hpay, conv, true);
        int glevel, gtype;
        ids_to_guest(abi, c->cmsg_level, c->cmsg_type, &glevel, &gtype);
        uint64_t v[CM_K_COUNT] = { gh + fit, (uint64_t)glevel, (uint64_t)gtype };
        uint8_t hdr[32];
        gstruct_store(abi, gl_cmsghdr, hdr, v);
        memcpy(g + used, hdr, gh);
        memcpy(g + used + gh, conv, fit);
        if (conv != tmp)
            free(conv);
        uint64_t space = align_to(gh + fit, abi->word_size);
        used += space < left ? space : left;
        if (k == CMK_BYTES && abi->big_endian && log_enabled(LOG_UNIMP))
            log_printf("crossrun: control message level %d type %d passed as bytes\n",
                       c->cmsg_level, c->cmsg_type);
    }
    return used;
}
