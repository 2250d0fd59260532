/* Formatting of -strace lines: arguments by kind, flags by name, strings escaped. */
#include "syscall/strace.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/xattr.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/ioctl.h"
#include "syscall/layouts.h"
#include "syscall/signal.h"
#include "syscall/sockaddr.h"

/* Output that never overruns: past the end it only counts. */
struct sb {
    char *p;
    size_t n, len;
};

static void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(struct sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = b->len < b->n ? b->n - b->len : 0;
    int w = vsnprintf(room ? b->p + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (w > 0)
        b->len += (size_t)w;
}

static size_t sb_done(struct sb *b)
{
    if (b->n == 0)
        return 0;
    if (b->len >= b->n)
        b->len = b->n - 1;
    b->p[b->len] = 0;
    return b->len;
}

struct name {
    uint64_t value;
    const char *name;
};

/* Names the flags of v, multi-bit entries first; leftover bits in hex. */
static void put_flags(struct sb *b, uint64_t v, const struct name *t, size_t nt,
                      const char *zero)
{
    bool any = false;
    for (size_t i = 0; i < nt; i++) {
        if (t[i].value && (v & t[i].value) == t[i].value) {
            sb_printf(b, "%s%s", any ? "|" : "", t[i].name);
            v &= ~t[i].value;
            any = true;
        }
    }
    if (v || !any) {
        if (!v && zero)
            sb_printf(b, "%s%s", any ? "|" : "", zero);
        else
            sb_printf(b, "%s%#llx", any ? "|" : "", (unsigned long long)v);
    }
}

static bool put_value(struct sb *b, uint64_t v, const struct name *t, size_t nt)
{
    for (size_t i = 0; i < nt; i++) {
        if (t[i].value == v) {
            sb_printf(b, "%s", t[i].name);
            return true;
        }
    }
    return false;
}

#define N(x) { x, #x }
#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

/* Host (generic) values: arguments are translated from the guest's first. */
static const struct name open_flags[] = {
    N(O_SYNC), { 020000000 | O_DIRECTORY, "O_TMPFILE" },
    N(O_CREAT), N(O_EXCL), N(O_NOCTTY), N(O_TRUNC), N(O_APPEND), N(O_NONBLOCK),
    N(O_DSYNC), N(O_ASYNC), N(O_DIRECT), { 0100000, "O_LARGEFILE" }, N(O_DIRECTORY),
    N(O_NOFOLLOW), N(O_NOATIME), N(O_CLOEXEC), N(O_PATH),
};

static const struct name prot_flags[] = {
    N(PROT_READ), N(PROT_WRITE), N(PROT_EXEC), N(PROT_GROWSDOWN), N(PROT_GROWSUP),
};

static const struct name map_types[] = {
    N(MAP_SHARED), N(MAP_PRIVATE), N(MAP_SHARED_VALIDATE),
};

static const struct name map_flags[] = {
    N(MAP_FIXED), N(MAP_ANONYMOUS), N(MAP_GROWSDOWN), N(MAP_DENYWRITE),
    N(MAP_EXECUTABLE), N(MAP_LOCKED), N(MAP_NORESERVE), N(MAP_POPULATE), N(MAP_NONBLOCK),
    N(MAP_STACK), N(MAP_HUGETLB), N(MAP_SYNC), N(MAP_FIXED_NOREPLACE),
};

static const struct name at_flags[] = {
    N(AT_SYMLINK_NOFOLLOW), N(AT_REMOVEDIR), N(AT_SYMLINK_FOLLOW), N(AT_NO_AUTOMOUNT),
    N(AT_EMPTY_PATH), N(AT_STATX_FORCE_SYNC), N(AT_STATX_DONT_SYNC), N(AT_RECURSIVE),
};

static const struct name clocks[] = {
    N(CLOCK_REALTIME), N(CLOCK_MONOTONIC), N(CLOCK_PROCESS_CPUTIME_ID),
    N(CLOCK_THREAD_CPUTIME_ID), N(CLOCK_MONOTONIC_RAW), N(CLOCK_REALTIME_COARSE),
    N(CLOCK_MONOTONIC_COARSE), N(CLOCK_BOOTTIME), N(CLOCK_REALTIME_ALARM),
    N(CLOCK_BOOTTIME_ALARM), N(CLOCK_TAI),
};

static const struct name whences[] = {
    N(SEEK_SET), N(SEEK_CUR), N(SEEK_END), N(SEEK_DATA), N(SEEK_HOLE),
};

static const struct name sighows[] = {
    N(SIG_BLOCK), N(SIG_UNBLOCK), N(SIG_SETMASK),
};

static const struct name fcntl_cmds[] = {
    N(F_DUPFD), N(F_GETFD), N(F_SETFD), N(F_GETFL), N(F_SETFL), N(F_GETLK), N(F_SETLK),
    N(F_SETLKW), N(F_SETOWN), N(F_GETOWN), N(F_SETSIG), N(F_GETSIG),
    { 12, "F_GETLK64" }, { 13, "F_SETLK64" }, { 14, "F_SETLKW64" },
    N(F_SETOWN_EX), N(F_GETOWN_EX), N(F_OFD_GETLK), N(F_OFD_SETLK), N(F_OFD_SETLKW),
    N(F_SETLEASE), N(F_GETLEASE), N(F_NOTIFY), N(F_DUPFD_CLOEXEC), N(F_SETPIPE_SZ),
    N(F_GETPIPE_SZ), N(F_ADD_SEALS), N(F_GET_SEALS),
};


/* Bytes as a C string literal, at most max of them ("..." when cut). */
static void put_bytes(struct sb *b, const unsigned char *s, size_t len, size_t max,
                      bool cut)
{
    sb_printf(b, "\"");
    size_t i;
    for (i = 0; i < len && i < max; i++) {
        unsigned char c = s[i];
        switch (c) {
        case '\n': sb_printf(b, "\\n"); break;
        case '\t': sb_printf(b, "\\t"); break;
        case '\r': sb_printf(b, "\\r"); break;
        case '"': sb_printf(b, "\\\""); break;
        case '\\': sb_printf(b, "\\\\"); break;
        default:
            if (c >= 0x20 && c < 0x7f)
                sb_printf(b, "%c", c);
            else
                sb_printf(b, "\\%o", c);
        }
    }
    sb_printf(b, "\"%s", (i < len || cut) ? "..." : "");
}

static void put_signal(struct sb *b, const struct syscall_table *abi, int gsig)
{
    int h = abi_sig_to_host(abi, gsig);
    const char *abbrev = h > 0 && h < 32 ? sigabbrev_np(h) : NULL;
    if (abbrev)
        sb_printf(b, "SIG%s", abbrev);
    else if (gsig >= 32)
        sb_printf(b, "SIGRTMIN+%d", gsig - 32);
    else
        sb_printf(b, "%d", gsig);
}

static void put_ptr(struct sb *b, uint64_t v)
{
    if (v)
        sb_printf(b, "%#llx", (unsigned long long)v);
    else
        sb_printf(b, "NULL");
}

static const struct name xattr_flags[] = { N(XATTR_CREATE), N(XATTR_REPLACE) };

static const struct name splice_flags[] = {
    { 1, "SPLICE_F_MOVE" }, { 2, "SPLICE_F_NONBLOCK" }, { 4, "SPLICE_F_MORE" },
    { 8, "SPLICE_F_GIFT" },
};

static const struct name tfd_flags[] = {
    { 1, "TFD_TIMER_ABSTIME" }, { 2, "TFD_TIMER_CANCEL_ON_SET" },
};

static const struct name epoll_ops[] = {
    N(EPOLL_CTL_ADD), N(EPOLL_CTL_DEL), N(EPOLL_CTL_MOD),
};

static const struct name epoll_events[] = {
    N(EPOLLIN), N(EPOLLPRI), N(EPOLLOUT), N(EPOLLERR), N(EPOLLHUP), { 0x20, "EPOLLNVAL" },
    N(EPOLLRDNORM), N(EPOLLRDBAND), N(EPOLLWRNORM), N(EPOLLWRBAND), N(EPOLLMSG),
    N(EPOLLRDHUP), N(EPOLLEXCLUSIVE), N(EPOLLWAKEUP), N(EPOLLONESHOT), N(EPOLLET),
};

static const struct name in_masks[] = {
    N(IN_ALL_EVENTS), N(IN_ACCESS), N(IN_MODIFY), N(IN_ATTRIB), N(IN_CLOSE_WRITE),
    N(IN_CLOSE_NOWRITE), N(IN_OPEN), N(IN_MOVED_FROM), N(IN_MOVED_TO), N(IN_CREATE),
    N(IN_DELETE), N(IN_DELETE_SELF), N(IN_MOVE_SELF), N(IN_ONLYDIR), N(IN_DONT_FOLLOW),
    N(IN_EXCL_UNLINK), N(IN_MASK_CREATE), N(IN_MASK_ADD), N(IN_ONESHOT),
};

static const struct name sched_policies[] = {
    N(SCHED_OTHER), N(SCHED_FIFO), N(SCHED_RR), N(SCHED_BATCH), N(SCHED_IDLE),
    { 6, "SCHED_DEADLINE" },
};

/* SysV IPC (linux/ipc.h, msg.h, shm.h): the same on every ABI. */
static const struct name ipc_flags[] = {
    { 01000, "IPC_CREAT" }, { 02000, "IPC_EXCL" }, { 04000, "IPC_NOWAIT" },
    { 04000000, "SHM_HUGETLB" }, { 010000000, "SHM_NORESERVE" },
};
static const struct name ipc_cmds[] = {
    { 0, "IPC_RMID" }, { 1, "IPC_SET" }, { 2, "IPC_STAT" }, { 3, "IPC_INFO" },
};
static const struct name ipc_msg_flags[] = {
    { 04000, "IPC_NOWAIT" }, { 010000, "MSG_NOERROR" }, { 020000, "MSG_EXCEPT" },
    { 040000, "MSG_COPY" },
};
static const struct name shm_flags[] = {
    { 010000, "SHM_RDONLY" }, { 020000, "SHM_RND" }, { 040000, "SHM_REMAP" },
    { 0100000, "SHM_EXEC" },
};
static const struct name prio_which[] = {
    N(PRIO_PROCESS), N(PRIO_PGRP), N(PRIO_USER),
};

static const struct name madvices[] = {
    N(MADV_NORMAL), N(MADV_RANDOM), N(MADV_SEQUENTIAL), N(MADV_WILLNEED),
    N(MADV_DONTNEED), N(MADV_FREE), N(MADV_REMOVE), N(MADV_DONTFORK), N(MADV_DOFORK),
    N(MADV_MERGEABLE), N(MADV_UNMERGEABLE), N(MADV_HUGEPAGE), N(MADV_NOHUGEPAGE),
    N(MADV_DONTDUMP), N(MADV_DODUMP), N(MADV_WIPEONFORK), N(MADV_KEEPONFORK),
    N(MADV_COLD), N(MADV_PAGEOUT), N(MADV_HWPOISON),
};

static const struct name fadvices[] = {
    N(POSIX_FADV_NORMAL), N(POSIX_FADV_RANDOM), N(POSIX_FADV_SEQUENTIAL),
    N(POSIX_FADV_WILLNEED), N(POSIX_FADV_DONTNEED), N(POSIX_FADV_NOREUSE),
};

static const struct name families[] = {
    N(AF_UNSPEC), N(AF_UNIX), N(AF_INET), N(AF_INET6), N(AF_NETLINK), N(AF_PACKET),
    N(AF_BLUETOOTH), N(AF_ALG), N(AF_VSOCK),
};

static const struct name sock_types[] = {
    N(SOCK_STREAM), N(SOCK_DGRAM), N(SOCK_RAW), N(SOCK_RDM), N(SOCK_SEQPACKET),
    N(SOCK_DCCP), N(SOCK_PACKET),
};

static const struct name sock_levels[] = {
    N(SOL_SOCKET), N(IPPROTO_IP), N(IPPROTO_IPV6), N(IPPROTO_TCP), N(IPPROTO_UDP),
    N(IPPROTO_ICMPV6), { 263, "SOL_PACKET" }, { 270, "SOL_NETLINK" },
};

static const struct name so_names[] = {
    N(SO_DEBUG), N(SO_REUSEADDR), N(SO_TYPE), N(SO_ERROR), N(SO_DONTROUTE),
    N(SO_BROADCAST), N(SO_SNDBUF), N(SO_RCVBUF), N(SO_KEEPALIVE), N(SO_OOBINLINE),
    N(SO_NO_CHECK), N(SO_PRIORITY), N(SO_LINGER), N(SO_BSDCOMPAT), N(SO_REUSEPORT),
    N(SO_PASSCRED), N(SO_PEERCRED), N(SO_RCVLOWAT), N(SO_SNDLOWAT), { 20, "SO_RCVTIMEO" },
    { 21, "SO_SNDTIMEO" }, N(SO_BINDTODEVICE), N(SO_ATTACH_FILTER), N(SO_DETACH_FILTER),
    { 29, "SO_TIMESTAMP" }, N(SO_ACCEPTCONN), N(SO_PEERSEC), N(SO_SNDBUFFORCE),
    N(SO_RCVBUFFORCE), { 35, "SO_TIMESTAMPNS" }, N(SO_MARK), N(SO_PROTOCOL), N(SO_DOMAIN),
    N(SO_RXQ_OVFL), N(SO_PEEK_OFF), N(SO_BUSY_POLL), N(SO_INCOMING_CPU), N(SO_COOKIE),
    N(SO_PEERGROUPS), { 63, "SO_TIMESTAMP_NEW" }, { 64, "SO_TIMESTAMPNS_NEW" },
    { 66, "SO_RCVTIMEO_NEW" }, { 67, "SO_SNDTIMEO_NEW" },
};

static const struct name ip_names[] = {
    N(IP_TOS), N(IP_TTL), N(IP_HDRINCL), N(IP_OPTIONS), N(IP_RECVOPTS), N(IP_RETOPTS),
    N(IP_PKTINFO), N(IP_MTU_DISCOVER), N(IP_RECVERR), N(IP_RECVTTL), N(IP_RECVTOS),
    N(IP_MTU), N(IP_FREEBIND), N(IP_MULTICAST_IF), N(IP_MULTICAST_TTL),
    N(IP_MULTICAST_LOOP), N(IP_ADD_MEMBERSHIP), N(IP_DROP_MEMBERSHIP),
};

static const struct name ipv6_names[] = {
    N(IPV6_V6ONLY), N(IPV6_UNICAST_HOPS), N(IPV6_MULTICAST_IF), N(IPV6_MULTICAST_HOPS),
    N(IPV6_MULTICAST_LOOP), N(IPV6_ADD_MEMBERSHIP), N(IPV6_DROP_MEMBERSHIP),
    N(IPV6_RECVPKTINFO), N(IPV6_PKTINFO), N(IPV6_RECVERR), N(IPV6_TCLASS),
};

static const struct name tcp_names[] = {
    N(TCP_NODELAY), N(TCP_MAXSEG), N(TCP_CORK), N(TCP_KEEPIDLE), N(TCP_KEEPINTVL),
    N(TCP_KEEPCNT), N(TCP_SYNCNT), N(TCP_LINGER2), N(TCP_DEFER_ACCEPT),
    N(TCP_WINDOW_CLAMP), N(TCP_INFO), N(TCP_QUICKACK), N(TCP_CONGESTION),
    N(TCP_USER_TIMEOUT), N(TCP_FASTOPEN),
};

static const struct name msg_flags[] = {
    N(MSG_OOB), N(MSG_PEEK), N(MSG_DONTROUTE), N(MSG_CTRUNC), N(MSG_PROXY), N(MSG_TRUNC),
    N(MSG_DONTWAIT), N(MSG_EOR), N(MSG_WAITALL), N(MSG_FIN), N(MSG_SYN), N(MSG_CONFIRM),
    N(MSG_RST), N(MSG_ERRQUEUE), N(MSG_NOSIGNAL), N(MSG_MORE), N(MSG_WAITFORONE),
    N(MSG_ZEROCOPY), N(MSG_FASTOPEN), N(MSG_CMSG_CLOEXEC),
};

static const struct name shut_hows[] = { N(SHUT_RD), N(SHUT_WR), N(SHUT_RDWR) };

static const struct name rlimits[] = {
    N(RLIMIT_CPU), N(RLIMIT_FSIZE), N(RLIMIT_DATA), N(RLIMIT_STACK), N(RLIMIT_CORE),
    N(RLIMIT_RSS), N(RLIMIT_NPROC), N(RLIMIT_NOFILE), N(RLIMIT_MEMLOCK), N(RLIMIT_AS),
    N(RLIMIT_LOCKS), N(RLIMIT_SIGPENDING), N(RLIMIT_MSGQUEUE), N(RLIMIT_NICE),
    N(RLIMIT_RTPRIO), N(RLIMIT_RTTIME),
};

static void put_timespec_at(struct sb *b, const struct syscall_table *abi, uint64_t addr,
                            bool time64)
{
    const struct gfield *lay = time64 ? gs_timespec64 : gs_timespec;
    const void *p = guest_rd(addr, gstruct_size(abi, lay));
    if (!addr || !p) {
        put_ptr(b, addr);
        return;
    }
    uint64_t v[2];
    gstruct_load(abi, lay, p, v);
    sb_printf(b, "{tv_sec=%lld,tv_nsec=%lld}", (long long)v[0], (long long)v[1]);
}

static void put_sigset_at(struct sb *b, const struct syscall_table *abi, uint64_t addr)
{
    gsigset set;
    if (!addr || signal_read_guest_set(abi, addr, abi->nsig / 8, &set) < 0) {
        put_ptr(b, addr);
        return;
    }
    sb_printf(b, "[");
    bool first = true;
    for (int sig = 1; sig <= (int)abi->nsig && sig <= GSIG_MAX; sig++) {
        if (!gsigset_has(&set, sig))
            continue;
        if (!first)
            sb_printf(b, " ");
        put_signal(b, abi, sig);
        first = false;
    }
    sb_printf(b, "]");
}

static void put_sockaddr_at(struct sb *b, const struct syscall_table *abi, uint64_t addr,
                            uint64_t len)
{
    struct sockaddr_storage ss;
    const void *p = len <= sizeof ss ? guest_rd(addr, len) : NULL;
    if (!addr || !p || len < 2 || sockaddr_from_guest(abi, p, len, &ss) < 0) {
        put_ptr(b, addr);
        return;
    }
    char txt[INET6_ADDRSTRLEN];
    switch (ss.ss_family) {
    case AF_UNIX: {
        const struct sockaddr_un *u = (const struct sockaddr_un *)&ss;
        size_t n = len - offsetof(struct sockaddr_un, sun_path);
        sb_printf(b, "{sa_family=AF_UNIX,sun_path=");
        if (n && !u->sun_path[0]) {
            sb_printf(b, "@");
            put_bytes(b, (const unsigned char *)u->sun_path + 1, n - 1, 108, false);
        } else {
            put_bytes(b, (const unsigned char *)u->sun_path, strnlen(u->sun_path, n), 108,
                      false);
        }
        sb_printf(b, "}");
        break;
    }
    case AF_INET: {
        const struct sockaddr_in *in = (const struct sockaddr_in *)&ss;
        inet_ntop(AF_INET, &in->sin_addr, txt, sizeof txt);
        sb_printf(b, "{sa_family=AF_INET,sin_port=htons(%u),sin_addr=inet_addr(\"%s\")}",
                  ntohs(in->sin_port), txt);
        break;
    }
    case AF_INET6: {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&ss;
        inet_ntop(AF_INET6, &in6->sin6_addr, txt, sizeof txt);
        sb_printf(b, "{sa_family=AF_INET6,sin6_port=htons(%u),sin6_addr=\"%s\"}",
                  ntohs(in6->sin6_port), txt);
        break;
    }
    default:
        sb_printf(b, "{sa_family=");
        if (!put_value(b, ss.ss_family, families, COUNT(families)))
            sb_printf(b, "%u", ss.ss_family);
        sb_printf(b, ",...}");
        break;
    }
}

static void put_sockopt(struct sb *b, const struct syscall_table *abi, uint64_t glevel,
                        uint64_t gname)
{
    int level = (int)abi_value_from_guest(abi->sock_levels, (uint32_t)glevel);
    int name = (int)gname;
    const struct name *t = NULL;
    size_t n = 0;
    if (level == SOL_SOCKET) {
        name = (int)abi_value_from_guest(abi->so_options, (uint32_t)gname);
        t = so_names, n = COUNT(so_names);
    } else if (level == IPPROTO_IP) {
        t = ip_names, n = COUNT(ip_names);
    } else if (level == IPPROTO_IPV6) {
        t = ipv6_names, n = COUNT(ipv6_names);
    } else if (level == IPPROTO_TCP) {
        t = tcp_names, n = COUNT(tcp_names);
    }
    if (!t || !put_value(b, (uint64_t)name, t, n))
        sb_printf(b, "%d", (int)gname);
}

/* The kinds that need only the -strace side (syscall.h's second group). */
static bool put_more(struct sb *b, const struct syscall_table *abi, unsigned kind,
                     const uint64_t a[6], int i)
{
    uint64_t v = a[i];
    switch (kind) {
    case A_STR: {
        long len;
        const char *str = guest_str(v, 4095, &len);
        if (str)
            put_bytes(b, (const unsigned char *)str, (size_t)len, 64, false);
        else
            put_ptr(b, v);
        return true;
    }
    case A_XATTRF:
        put_flags(b, v, xattr_flags, COUNT(xattr_flags), "0");
        return true;
    case A_SPLICEF:
        put_flags(b, v, splice_flags, COUNT(splice_flags), "0");
        return true;
    case A_TFDFLAGS:
        put_flags(b, v, tfd_flags, COUNT(tfd_flags), "0");
        return true;
    case A_SIGSET:
        put_sigset_at(b, abi, v);
        return true;
    case A_EPOLLOP:
        if (!put_value(b, v, epoll_ops, COUNT(epoll_ops)))
            sb_printf(b, "%d", (int)v);
        return true;
    case A_EPOLLEV: {
        const struct gfield *lay = abi_epoll_layout(abi);
        const void *p = v ? guest_rd(v, gstruct_size(abi, lay)) : NULL;
        if (!p) {
            put_ptr(b, v);
            return true;
        }
        uint64_t e[EP_K_COUNT];
        gstruct_load(abi, lay, p, e);
        sb_printf(b, "{events=");
        put_flags(b, e[EP_K_EVENTS], epoll_events, COUNT(epoll_events), "0");
        sb_printf(b, ",data=%#llx}", (unsigned long long)e[EP_K_DATA]);
        return true;
    }
    case A_TIMESPEC:
        put_timespec_at(b, abi, v, abi->word_size == 8);
        return true;
    case A_TIMESPEC64:
        put_timespec_at(b, abi, v, true);
        return true;
    case A_INMASK:
        put_flags(b, v, in_masks, COUNT(in_masks), "0");
        return true;
    case A_SCHEDPOL:
        if (v & SCHED_RESET_ON_FORK)
            sb_printf(b, "SCHED_RESET_ON_FORK|");
        if (!put_value(b, v & ~(uint64_t)SCHED_RESET_ON_FORK, sched_policies,
                       COUNT(sched_policies)))
            sb_printf(b, "%d", (int)(v & ~(uint64_t)SCHED_RESET_ON_FORK));
        return true;
    case A_PRIOWHICH:
        if (!put_value(b, v, prio_which, COUNT(prio_which)))
            sb_printf(b, "%d", (int)v);
        return true;
    case A_MADV:
        if (!put_value(b, v, madvices, COUNT(madvices)))
            sb_printf(b, "%d", (int)v);
        return true;
    case A_FADV:
        if (!put_value(b, v, fadvices, COUNT(fadvices)))
            sb_printf(b, "%d", (int)v);
        return true;
    case A_AF:
        if (!put_value(b, v, families, COUNT(families)))
            sb_printf(b, "%d", (int)v);
        return true;
    case A_SOCKTYPE: {
        uint32_t fl = abi_oflags_from_host(abi, O_NONBLOCK) | abi_oflags_from_host(abi, O_CLOEXEC);
        uint32_t type = abi_value_from_guest(abi->sock_types, (uint32_t)v & ~fl);
        if (!put_value(b, type, sock_types, COUNT(sock_types)))
            sb_printf(b, "%u", type);
        uint32_t hf = abi_oflags_to_host(abi, (uint32_t)v & fl);
        if (hf & O_NONBLOCK)
            sb_printf(b, "|SOCK_NONBLOCK");
        if (hf & O_CLOEXEC)
            sb_printf(b, "|SOCK_CLOEXEC");
        return true;
    }
    case A_SOCKADDR:
        put_sockaddr_at(b, abi, v, i < 5 ? a[i + 1] : 0);
        return true;
    case A_SOCKLEVEL: {
        int level = (int)abi_value_from_guest(abi->sock_levels, (uint32_t)v);
        if (!put_value(b, (uint64_t)level, sock_levels, COUNT(sock_levels)))
            sb_printf(b, "%d", (int)v);
        return true;
    }
    case A_SOCKOPT:
        put_sockopt(b, abi, i > 0 ? a[i - 1] : 0, v);
        return true;
    case A_MSGFLAGS:
        put_flags(b, v, msg_flags, COUNT(msg_flags), "0");
        return true;
    case A_SHUTHOW:
        if (!put_value(b, v, shut_hows, COUNT(shut_hows)))
            sb_printf(b, "%d", (int)v);
        return true;
    case A_IPCFLAGS:
        put_flags(b, v & ~0777ull, ipc_flags, COUNT(ipc_flags), NULL);
        sb_printf(b, "|%#llo", (unsigned long long)(v & 0777));
        return true;
    case A_IPCCMD:
        if (!put_value(b, v & ~0x100ull, ipc_cmds, COUNT(ipc_cmds)))
            sb_printf(b, "%d", (int)(v & ~0x100ull));
        if (v & 0x100)
            sb_printf(b, "|IPC_64");
        return true;
    case A_MSGFLG:
        put_flags(b, v, ipc_msg_flags, COUNT(ipc_msg_flags), "0");
        return true;
    case A_SHMFLG:
        put_flags(b, v, shm_flags, COUNT(shm_flags), "0");
        return true;
    case A_RLIMIT: {
        int r = abi_rlimit_to_host(abi, (int)v);
        if (!put_value(b, (uint64_t)r, rlimits, COUNT(rlimits)))
            sb_printf(b, "%d", (int)v);
        return true;
    }
    default:
        return false;
    }
}

static void put_arg(struct sb *b, const struct syscall_table *abi, unsigned kind,
                    const uint64_t a[6], int i)
{
    uint64_t v = a[i], next = i < 5 ? a[i + 1] : 0;
    long long s = (long long)v;
    switch (kind) {
    case A_INT: case A_LONG: case A_FD: case A_S64:
        sb_printf(b, "%lld", s);
        break;
    case A_UINT: case A_ULONG:
        sb_printf(b, "%llu", (unsigned long long)v);
        break;
    case A_DIRFD:
        if ((int)v == AT_FDCWD)
            sb_printf(b, "AT_FDCWD");
        else
            sb_printf(b, "%d", (int)v);
        break;
    case A_PATH: {
        long len;
        const char *str = guest_str(v, 4095, &len);
        if (str)
            put_bytes(b, (const unsigned char *)str, (size_t)len, 4096, false);
        else
            put_ptr(b, v);
        break;
    }
    case A_BUF: {
        size_t show = next < 32 ? (size_t)next : 32;
        const unsigned char *p = guest_rd(v, show);
        if (p)
            put_bytes(b, p, show, 32, next > show);
        else
            put_ptr(b, v);
        break;
    }
    case A_OFLAGS: {
        uint32_t h = abi_oflags_to_host(abi, (uint32_t)v);
        static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
        sb_printf(b, "%s", acc[h & O_ACCMODE]);
        if (h & ~(uint32_t)O_ACCMODE) {
            sb_printf(b, "|");
            put_flags(b, h & ~(uint32_t)O_ACCMODE, open_flags, COUNT(open_flags), NULL);
        }
        break;
    }
    case A_FDFLAGS:
        put_flags(b, abi_oflags_to_host(abi, (uint32_t)v), open_flags, COUNT(open_flags), "0");
        break;
    case A_MODE:
        sb_printf(b, v ? "0%llo" : "0", (unsigned long long)v);
        break;
    case A_PROT:
        put_flags(b, v, prot_flags, COUNT(prot_flags), "PROT_NONE");
        break;
    case A_MFLAGS: {
        uint32_t h = abi_mmap_flags_to_host(abi, (uint32_t)v);
        if (!put_value(b, h & MAP_TYPE, map_types, COUNT(map_types)))
            sb_printf(b, "%#x", h & MAP_TYPE);
        if (h & ~(uint32_t)MAP_TYPE) {
            sb_printf(b, "|");
            put_flags(b, h & ~(uint32_t)MAP_TYPE, map_flags, COUNT(map_flags), NULL);
        }
        break;
    }
    case A_ATFLAGS:
        put_flags(b, v, at_flags, COUNT(at_flags), "0");
        break;
    case A_SIG:
        put_signal(b, abi, (int)v);
        break;
    case A_SIGHOW:
        if (!put_value(b, v, sighows, COUNT(sighows)))
            sb_printf(b, "%d", (int)v);
        break;
    case A_CLOCK:
        if (!put_value(b, v, clocks, COUNT(clocks)))
            sb_printf(b, "%d", (int)v);
        break;
    case A_WHENCE:
        if (!put_value(b, v, whences, COUNT(whences)))
            sb_printf(b, "%d", (int)v);
        break;
    case A_FCNTL:
        if (!put_value(b, (uint64_t)abi_fcntl_cmd_to_host(abi, (int)v), fcntl_cmds,
                       COUNT(fcntl_cmds)))
            sb_printf(b, "%d", (int)v);
        break;
    case A_IOCTL: {
        const char *name = ioctl_name(abi, (uint32_t)v);
        if (name)
            sb_printf(b, "%s", name);
        else
            sb_printf(b, "%#llx", (unsigned long long)v);
        break;
    }
    case A_PTR:
        put_ptr(b, v);
        break;
    default:
        if (put_more(b, abi, kind, a, i))
            break;
        sb_printf(b, "%#llx", (unsigned long long)v);
        break;
    }
}

size_t strace_format_call(char *buf, size_t n, const struct syscall_table *abi,
                          enum gsys nr, int64_t guest_nr, const struct syscall_def *d,
                          const uint64_t a[6])
{
    struct sb b = { buf, n, 0 };
    const char *name = gsys_name(nr);
    if (name)
        sb_printf(&b, "%s(", name);
    else if (guest_nr >= 0x10000 || guest_nr < 0)
        sb_printf(&b, "syscall_%#llx(", (unsigned long long)guest_nr);
    else
        sb_printf(&b, "syscall_%lld(", (long long)guest_nr);
    for (int i = 0; i < 6; i++) {
        unsigned kind = d ? d->args[i] : A_HEX;
        if (kind == A_NONE)
            break;
        if (i)
            sb_printf(&b, ",");
        put_arg(&b, abi, kind, a, i);
    }
    sb_printf(&b, ")");
    return sb_done(&b);
}

size_t strace_format_result(char *buf, size_t n, const struct syscall_table *abi,
                            const struct syscall_def *d, int64_t ret)
{
    struct sb b = { buf, n, 0 };
    if (ret == SC_NO_RESULT) {
        sb_printf(&b, " = ?");
    } else if (ret < 0 && ret >= -4095) {
        int e = (int)-ret;
        sb_printf(&b, " = -1 errno=%d (%s)", abi_errno_from_host(abi, e), strerror(e));
    } else if (d && d->ret == R_PTR) {
        sb_printf(&b, " = %#llx", (unsigned long long)ret);
    } else {
        sb_printf(&b, " = %lld", (long long)ret);
    }
    return sb_done(&b);
}
