/* guest-test: portable, native-oracle
 * Sockets over loopback: AF_UNIX stream and datagram pairs with sendmsg/recvmsg and
 * control messages (SCM_RIGHTS passing a pipe, SCM_CREDENTIALS), a listening AF_UNIX
 * socket in the abstract namespace with accept4, TCP and UDP over 127.0.0.1 with
 * sendto/recvfrom and sendmmsg/recvmmsg, AF_INET6 over ::1, a NETLINK_ROUTE dump of the
 * network interfaces, and the socket options whose values are structs (timeouts,
 * linger, peer credentials). Each check prints one line. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, what)                                                               \
    do {                                                                                \
        if (cond) {                                                                     \
            printf("ok   %s\n", what);                                                  \
        } else {                                                                        \
            failures++;                                                                 \
            printf("FAIL %s (line %d, errno %d)\n", what, __LINE__, errno);             \
        }                                                                               \
    } while (0)

static void pass_fd(void)
{
    int sv[2], p[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0, "socketpair");
    pipe(p);
    char byte = 'F';
    struct iovec iov = { &byte, 1 };
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(2 * sizeof(int))];
    } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
                        .msg_controllen = CMSG_SPACE(2 * sizeof(int)) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(2 * sizeof(int));
    int fds[2] = { p[0], p[1] };
    memcpy(CMSG_DATA(c), fds, sizeof fds);
    CHECK(sendmsg(sv[0], &m, 0) == 1, "sendmsg with SCM_RIGHTS");
    close(p[0]);
    close(p[1]);

    char got = 0;
    struct iovec riov = { &got, 1 };
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(2 * sizeof(int))];
    } rctl;
    memset(&rctl, 0, sizeof rctl);
    struct msghdr r = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = rctl.buf,
                        .msg_controllen = sizeof rctl.buf };
    CHECK(recvmsg(sv[1], &r, MSG_CMSG_CLOEXEC) == 1 && got == 'F', "recvmsg data");
    struct cmsghdr *rc = CMSG_FIRSTHDR(&r);
    int newfds[2] = { -1, -1 };
    CHECK(rc && rc->cmsg_level == SOL_SOCKET && rc->cmsg_type == SCM_RIGHTS &&
              rc->cmsg_len == CMSG_LEN(2 * sizeof(int)) && !(r.msg_flags & MSG_CTRUNC),
          "recvmsg control message");
    if (rc)
        memcpy(newfds, CMSG_DATA(rc), sizeof newfds);
    char buf[8] = { 0 };
    CHECK(write(newfds[1], "pipe", 4) == 4 && read(newfds[0], buf, 4) == 4 &&
              !strcmp(buf, "pipe"), "the passed descriptors work");
    CHECK((fcntl(newfds[0], F_GETFD) & FD_CLOEXEC) != 0, "MSG_CMSG_CLOEXEC");
    close(newfds[0]);
    close(newfds[1]);

    /* A control buffer too small for two descriptors: one arrives, MSG_CTRUNC. */
    pipe(p);
    memcpy(CMSG_DATA(c), p, sizeof p);
    sendmsg(sv[0], &m, 0);
    close(p[0]);
    close(p[1]);
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(sizeof(int))];
    } small;
    r.msg_control = small.buf;
    r.msg_controllen = CMSG_LEN(sizeof(int));
    CHECK(recvmsg(sv[1], &r, 0) == 1 && (r.msg_flags & MSG_CTRUNC) &&
              r.msg_controllen == CMSG_LEN(sizeof(int)), "MSG_CTRUNC when descriptors do not fit");
    close(sv[0]);
    close(sv[1]);
}

static void credentials(void)
{
    int sv[2], on = 1;
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on) == 0, "SO_PASSCRED");
    CHECK(send(sv[0], "c", 1, 0) == 1, "send");
    char byte;
    struct iovec iov = { &byte, 1 };
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(sizeof(struct ucred))];
    } ctl;
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
                        .msg_controllen = sizeof ctl.buf };
    CHECK(recvmsg(sv[1], &m, 0) == 1, "recvmsg with credentials");
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    struct ucred cr = { 0, 0, 0 };
    if (c && c->cmsg_type == SCM_CREDENTIALS)
        memcpy(&cr, CMSG_DATA(c), sizeof cr);
    CHECK(cr.pid == getpid() && cr.uid == getuid() && cr.gid == getgid(), "SCM_CREDENTIALS");
    struct ucred peer;
    socklen_t len = sizeof peer;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &peer, &len) == 0 && len == sizeof peer &&
              peer.pid == getpid() && peer.uid == getuid(), "SO_PEERCRED");
    int type = 0;
    len = sizeof type;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_DGRAM,
          "SO_TYPE");
    close(sv[0]);
    close(sv[1]);
}

static void unix_listener(void)
{
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "crossrun-test-%d", (int)getpid());
    socklen_t alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
                                 strlen(a.sun_path + 1));
    CHECK(bind(s, (struct sockaddr *)&a, alen) == 0 && listen(s, 4) == 0,
          "bind and listen (abstract name)");
    int c = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK(connect(c, (struct sockaddr *)&a, alen) == 0, "connect");
    struct sockaddr_un peer;
    socklen_t plen = sizeof peer;
    int acc = accept4(s, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC | SOCK_NONBLOCK);
    CHECK(acc >= 0 && (fcntl(acc, F_GETFL) & O_NONBLOCK) && (fcntl(acc, F_GETFD) & FD_CLOEXEC),
          "accept4 flags");
    CHECK(plen == sizeof(sa_family_t) && peer.sun_family == AF_UNIX, "accept4 peer address");
    struct sockaddr_un me;
    socklen_t mlen = sizeof me;
    CHECK(getsockname(s, (struct sockaddr *)&me, &mlen) == 0 && mlen == alen &&
              !memcmp(me.sun_path, a.sun_path, alen - sizeof(sa_family_t)), "getsockname");
    char buf[8];
    CHECK(recv(acc, buf, sizeof buf, 0) < 0 && errno == EAGAIN, "nonblocking recv");
    CHECK(write(c, "hi", 2) == 2 && read(acc, buf, 2) == 2 && !memcmp(buf, "hi", 2),
          "data through the accepted socket");
    CHECK(shutdown(c, SHUT_WR) == 0 && read(acc, buf, 2) == 0, "shutdown");
    close(acc);
    close(c);
    close(s);
}

static void tcp(void)
{
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int on = 1;
    CHECK(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0, "SO_REUSEADDR");
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    CHECK(bind(s, (struct sockaddr *)&a, sizeof a) == 0 && listen(s, 1) == 0 &&
              getsockname(s, (struct sockaddr *)&a, &len) == 0 && a.sin_port != 0,
          "TCP listen on 127.0.0.1");
    int c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(connect(c, (struct sockaddr *)&a, sizeof a) == 0, "TCP connect");
    struct sockaddr_in peer;
    socklen_t plen = sizeof peer;
    int acc = accept(s, (struct sockaddr *)&peer, &plen);
    CHECK(acc >= 0 && plen == sizeof peer && peer.sin_family == AF_INET &&
              peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "accept peer address");
    struct sockaddr_in pn;
    socklen_t pnl = sizeof pn;
    CHECK(getpeername(c, (struct sockaddr *)&pn, &pnl) == 0 && pn.sin_port == a.sin_port,
          "getpeername");
    CHECK(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == 0, "TCP_NODELAY");
    int v = 0;
    len = sizeof v;
    CHECK(getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len) == 0 && v != 0, "TCP_NODELAY back");
    struct linger lg = { 1, 5 }, lg2 = { 0, 0 };
    len = sizeof lg2;
    CHECK(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == 0 &&
              getsockopt(c, SOL_SOCKET, SO_LINGER, &lg2, &len) == 0 && lg2.l_onoff == 1 &&
              lg2.l_linger == 5, "SO_LINGER");
    struct timeval tv = { 2, 500000 }, tv2 = { 0, 0 };
    len = sizeof tv2;
    CHECK(setsockopt(acc, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0 &&
              getsockopt(acc, SOL_SOCKET, SO_RCVTIMEO, &tv2, &len) == 0 && tv2.tv_sec == 2 &&
              tv2.tv_usec == 500000 && len == sizeof tv2, "SO_RCVTIMEO");
    struct timeval shortwait = { 0, 20000 };
    setsockopt(acc, SOL_SOCKET, SO_RCVTIMEO, &shortwait, sizeof shortwait);
    char buf[16];
    CHECK(recv(acc, buf, sizeof buf, 0) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK),
          "the receive timeout expires");
    int ttl = 0;
    len = sizeof ttl;
    CHECK(setsockopt(c, IPPROTO_IP, IP_TTL, &(int){ 33 }, sizeof(int)) == 0 &&
              getsockopt(c, IPPROTO_IP, IP_TTL, &ttl, &len) == 0 && ttl == 33, "IP_TTL");
    CHECK(send(c, "hello", 5, MSG_NOSIGNAL) == 5 && recv(acc, buf, 5, MSG_WAITALL) == 5 &&
              !memcmp(buf, "hello", 5), "TCP data");
    int err = -1;
    len = sizeof err;
    CHECK(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0, "SO_ERROR");
    close(acc);
    close(c);
    close(s);
}

static void udp(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0), c = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    bind(s, (struct sockaddr *)&a, sizeof a);
    getsockname(s, (struct sockaddr *)&a, &len);
    CHECK(sendto(c, "dgram", 5, 0, (struct sockaddr *)&a, sizeof a) == 5, "sendto");
    char buf[16];
    struct sockaddr_in from;
    socklen_t flen = sizeof from;
    CHECK(recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen) == 5 &&
              !memcmp(buf, "dgram", 5) && from.sin_family == AF_INET &&
              from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "recvfrom with the sender");
    connect(c, (struct sockaddr *)&a, sizeof a);
    char out[3][4] = { "one", "two", "six" };
    struct iovec iov[3];
    struct mmsghdr mm[3];
    memset(mm, 0, sizeof mm);
    for (int i = 0; i < 3; i++) {
        iov[i] = (struct iovec){ out[i], 3 };
        mm[i].msg_hdr.msg_iov = &iov[i];
        mm[i].msg_hdr.msg_iovlen = 1;
    }
    CHECK(sendmmsg(c, mm, 3, 0) == 3 && mm[0].msg_len == 3 && mm[2].msg_len == 3, "sendmmsg");
    char in[3][8];
    struct iovec riov[3];
    struct mmsghdr rm[3];
    struct sockaddr_in names[3];
    memset(rm, 0, sizeof rm);
    for (int i = 0; i < 3; i++) {
        riov[i] = (struct iovec){ in[i], sizeof in[i] };
        rm[i].msg_hdr.msg_iov = &riov[i];
        rm[i].msg_hdr.msg_iovlen = 1;
        rm[i].msg_hdr.msg_name = &names[i];
        rm[i].msg_hdr.msg_namelen = sizeof names[i];
    }
    struct timespec to = { 1, 0 };
    int n = recvmmsg(s, rm, 3, MSG_WAITFORONE, &to);
    CHECK(n >= 1 && rm[0].msg_len == 3 && !memcmp(in[0], "one", 3) &&
              rm[0].msg_hdr.msg_namelen == sizeof(struct sockaddr_in) &&
              names[0].sin_family == AF_INET, "recvmmsg");
    int total = n;
    while (total < 3 && (n = recvmmsg(s, rm, 3, MSG_WAITFORONE, &to)) > 0)
        total += n;
    CHECK(total == 3, "recvmmsg got all three");
    close(s);
    close(c);
}

static void inet6(void)
{
    int s = socket(AF_INET6, SOCK_STREAM, 0);
    CHECK(s >= 0, "AF_INET6 socket");
    int v6only = 0;
    socklen_t len = sizeof v6only;
    CHECK(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &(int){ 1 }, sizeof(int)) == 0 &&
              getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &len) == 0 && v6only == 1,
          "IPV6_V6ONLY");
    struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    len = sizeof a;
    CHECK(bind(s, (struct sockaddr *)&a, sizeof a) == 0 && listen(s, 1) == 0 &&
              getsockname(s, (struct sockaddr *)&a, &len) == 0 && len == sizeof a &&
              a.sin6_family == AF_INET6 && a.sin6_port != 0, "bind ::1");
    int c = socket(AF_INET6, SOCK_STREAM, 0);
    CHECK(connect(c, (struct sockaddr *)&a, sizeof a) == 0, "connect ::1");
    struct sockaddr_in6 peer;
    socklen_t plen = sizeof peer;
    int acc = accept(s, (struct sockaddr *)&peer, &plen);
    CHECK(acc >= 0 && IN6_IS_ADDR_LOOPBACK(&peer.sin6_addr) && peer.sin6_scope_id == 0,
          "IPv6 peer address");
    char buf[4];
    CHECK(write(c, "v6", 2) == 2 && read(acc, buf, 2) == 2 && !memcmp(buf, "v6", 2),
          "IPv6 data");
    close(acc);
    close(c);
    close(s);
}

static void netlink(void)
{
    int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    CHECK(s >= 0, "NETLINK_ROUTE socket");
    struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
    CHECK(bind(s, (struct sockaddr *)&sa, sizeof sa) == 0, "bind netlink");
    struct sockaddr_nl me;
    socklen_t len = sizeof me;
    CHECK(getsockname(s, (struct sockaddr *)&me, &len) == 0 && me.nl_family == AF_NETLINK &&
              me.nl_pid != 0, "netlink port id");
    struct {
        struct nlmsghdr h;
        struct ifinfomsg i;
    } req = { .h = { .nlmsg_len = sizeof req, .nlmsg_type = RTM_GETLINK,
                     .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1 },
              .i = { .ifi_family = AF_UNSPEC } };
    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    CHECK(sendto(s, &req, sizeof req, 0, (struct sockaddr *)&kernel, sizeof kernel) ==
              sizeof req, "RTM_GETLINK request");
    int found_lo = 0, done = 0;
    static char buf[65536] __attribute__((aligned(8)));
    while (!done) {
        ssize_t n = recv(s, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
             h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
                done = 1;
                break;
            }
            if (h->nlmsg_type != RTM_NEWLINK || h->nlmsg_seq != 1)
                continue;
            struct ifinfomsg *ifi = NLMSG_DATA(h);
            int alen = (int)IFLA_PAYLOAD(h);
            for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, alen); a = RTA_NEXT(a, alen))
                if (a->rta_type == IFLA_IFNAME && !strcmp(RTA_DATA(a), "lo") &&
                    (ifi->ifi_flags & 0x8 /* IFF_LOOPBACK */))
                    found_lo = 1;
        }
    }
    CHECK(done && found_lo, "the dump lists lo as a loopback interface");
    close(s);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    pass_fd();
    credentials();
    unix_listener();
    tcp();
    udp();
    inet6();
    netlink();
    printf("%s\n", failures ? "FAILED" : "all passed");
    return failures != 0;
}
