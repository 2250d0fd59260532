/* ioctl: terminal, file, block-device and socket requests, with argument conversion
 * (see ioctl.h for how request numbers are matched). */
#include "syscall/ioctl.h"

#include <errno.h>
#include <linux/fs.h>
#include <linux/random.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>

#include "common/log.h"
#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/sockaddr.h"
#include "syscall/syscall.h"

/* The host kernel's struct termios (asm-generic/termbits.h), not glibc's. */
struct host_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[TIO_GENERIC_NCCS];
};
_Static_assert(sizeof(struct host_termios) == 36, "kernel termios is 36 bytes");
struct host_termios2 {
    struct host_termios t;
    uint32_t c_ispeed, c_ospeed;
};
/* struct termio, the System V one: 16-bit flags and eight control characters. */
struct host_termio {
    uint16_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[8];
};

/* _IOC numbers whose argument struct glibc does not declare. */
#define H_TCGETS2 0x802c542aul
#define H_TCSETS2 0x402c542bul
#define H_TCSETSW2 0x402c542cul
#define H_TCSETSF2 0x402c542dul

enum ioc_arg {
    IOC_NONE,           /* no argument */
    IOC_VAL,            /* an int passed by value */
    IOC_VAL_OFLAGS,     /* open flags passed by value (TIOCGPTPEER) */
    IOC_VAL_SIG,        /* a signal number passed by value (TIOCSIG) */
    IOC_IN_INT,         /* pointer to an int the kernel reads */
    IOC_OUT_INT,        /* pointer to an int the kernel writes */
    IOC_INOUT_INT,      /* both */
    IOC_IN_BYTE,        /* pointer to one byte (TIOCSTI) */
    IOC_OUT_WORD,       /* pointer to a long the kernel writes */
    IOC_OUT_U64,
    IOC_IN_U64S,        /* 64-bit members the kernel reads (struct file_clone_range) */
    IOC_IN_U32S,        /* 32-bit members (struct fsxattr) */
    IOC_OUT_U32S,
    IOC_TERMIOS_IN, IOC_TERMIOS_OUT,
    IOC_TERMIOS2_IN, IOC_TERMIOS2_OUT,
    IOC_TERMIO_IN, IOC_TERMIO_OUT,
    IOC_WINSIZE_IN, IOC_WINSIZE_OUT,
    IOC_TIMEVAL_OUT,    /* struct timeval in the ABI's words */
    IOC_TIMESPEC_OUT,
    IOC_S64PAIR_OUT,    /* two 64-bit values (the _NEW timestamps) */
    IOC_IFREQ,          /* struct ifreq, see ifr below */
    IOC_IFCONF,
};

/* How a request's number is made for a guest (see ioctl.h). */
enum ioc_enc {
    ENC_FIXED,          /* the number as it is (unless the ABI lists its own) */
    ENC_IO,             /* _IO(): no size, direction "none" */
    ENC_IOC,            /* _IOR/_IOW/_IOWR with the host's argument size */
    ENC_IOC_WORD,       /* ... whose size is a long or a pointer */
};

/* The member of struct ifreq's union a request uses. */
enum ifr_kind { IFR_NONE, IFR_INT, IFR_SHORT, IFR_ADDR, IFR_INDEX_TO_NAME };

struct ioc_def {
    unsigned long host;
    const char *name;
    uint8_t arg, enc, ifr;
    uint8_t count;      /* members of IOC_*_U32S / U64S */
};

#define R(req, arg, enc) { req, #req, arg, enc, IFR_NONE, 0 }
#define RN(req, arg, enc, n) { req, #req, arg, enc, IFR_NONE, n }
#define RI(req, ifr) { req, #req, IOC_IFREQ, ENC_FIXED, ifr, 0 }

static const struct ioc_def requests[] = {
    R(TCGETS, IOC_TERMIOS_OUT, ENC_FIXED), R(TCSETS, IOC_TERMIOS_IN, ENC_FIXED),
    R(TCSETSW, IOC_TERMIOS_IN, ENC_FIXED), R(TCSETSF, IOC_TERMIOS_IN, ENC_FIXED),
    { H_TCGETS2, "TCGETS2", IOC_TERMIOS2_OUT, ENC_IOC, IFR_NONE, 0 },
    { H_TCSETS2, "TCSETS2", IOC_TERMIOS2_IN, ENC_IOC, IFR_NONE, 0 },
    { H_TCSETSW2, "TCSETSW2", IOC_TERMIOS2_IN, ENC_IOC, IFR_NONE, 0 },
    { H_TCSETSF2, "TCSETSF2", IOC_TERMIOS2_IN, ENC_IOC, IFR_NONE, 0 },
    R(TCGETA, IOC_TERMIO_OUT, ENC_FIXED), R(TCSETA, IOC_TERMIO_IN, ENC_FIXED),
    R(TCSETAW, IOC_TERMIO_IN, ENC_FIXED), R(TCSETAF, IOC_TERMIO_IN, ENC_FIXED),
    R(TIOCGWINSZ, IOC_WINSIZE_OUT, ENC_FIXED), R(TIOCSWINSZ, IOC_WINSIZE_IN, ENC_FIXED),
    R(TCSBRK, IOC_VAL, ENC_FIXED), R(TCSBRKP, IOC_VAL, ENC_FIXED),
    R(TCXONC, IOC_VAL, ENC_FIXED), R(TCFLSH, IOC_VAL, ENC_FIXED),
    R(TIOCSBRK, IOC_NONE, ENC_FIXED), R(TIOCCBRK, IOC_NONE, ENC_FIXED),
    R(TIOCEXCL, IOC_NONE, ENC_FIXED), R(TIOCNXCL, IOC_NONE, ENC_FIXED),
    R(TIOCGEXCL, IOC_OUT_INT, ENC_IOC), R(TIOCSCTTY, IOC_VAL, ENC_FIXED),
    R(TIOCNOTTY, IOC_NONE, ENC_FIXED), R(TIOCGPGRP, IOC_OUT_INT, ENC_FIXED),
    R(TIOCSPGRP, IOC_IN_INT, ENC_FIXED), R(TIOCGSID, IOC_OUT_INT, ENC_FIXED),
    R(TIOCOUTQ, IOC_OUT_INT, ENC_FIXED), R(FIONREAD, IOC_OUT_INT, ENC_FIXED),
    R(TIOCSTI, IOC_IN_BYTE, ENC_FIXED), R(TIOCMGET, IOC_OUT_INT, ENC_FIXED),
    R(TIOCMSET, IOC_IN_INT, ENC_FIXED), R(TIOCMBIS, IOC_IN_INT, ENC_FIXED),
    R(TIOCMBIC, IOC_IN_INT, ENC_FIXED), R(TIOCGSOFTCAR, IOC_OUT_INT, ENC_FIXED),
    R(TIOCSSOFTCAR, IOC_IN_INT, ENC_FIXED), R(TIOCCONS, IOC_NONE, ENC_FIXED),
    R(TIOCPKT, IOC_IN_INT, ENC_FIXED), R(TIOCGPKT, IOC_OUT_INT, ENC_IOC),
    R(TIOCGETD, IOC_OUT_INT, ENC_FIXED), R(TIOCSETD, IOC_IN_INT, ENC_FIXED),
    R(TIOCVHANGUP, IOC_NONE, ENC_FIXED), R(TIOCGDEV, IOC_OUT_INT, ENC_IOC),
    R(TIOCGPTN, IOC_OUT_INT, ENC_IOC), R(TIOCSPTLCK, IOC_IN_INT, ENC_IOC),
    R(TIOCGPTLCK, IOC_OUT_INT, ENC_IOC), R(TIOCGPTPEER, IOC_VAL_OFLAGS, ENC_IO),
    R(TIOCSIG, IOC_VAL_SIG, ENC_IOC), R(TIOCSERGETLSR, IOC_OUT_INT, ENC_FIXED),
    R(FIONBIO, IOC_IN_INT, ENC_FIXED), R(FIOASYNC, IOC_IN_INT, ENC_FIXED),
    R(FIOCLEX, IOC_NONE, ENC_FIXED), R(FIONCLEX, IOC_NONE, ENC_FIXED),
    R(FIOQSIZE, IOC_OUT_U64, ENC_FIXED),
    R(FIOSETOWN, IOC_IN_INT, ENC_FIXED), R(FIOGETOWN, IOC_OUT_INT, ENC_FIXED),
    R(SIOCSPGRP, IOC_IN_INT, ENC_FIXED), R(SIOCGPGRP, IOC_OUT_INT, ENC_FIXED),
    R(SIOCATMARK, IOC_OUT_INT, ENC_FIXED),
    R(SIOCGSTAMP_OLD, IOC_TIMEVAL_OUT, ENC_FIXED),
    R(SIOCGSTAMPNS_OLD, IOC_TIMESPEC_OUT, ENC_FIXED),
    R(SIOCGSTAMP_NEW, IOC_S64PAIR_OUT, ENC_IOC), R(SIOCGSTAMPNS_NEW, IOC_S64PAIR_OUT, ENC_IOC),
    R(SIOCGIFCONF, IOC_IFCONF, ENC_FIXED),
    RI(SIOCGIFNAME, IFR_INDEX_TO_NAME), RI(SIOCGIFINDEX, IFR_INT),
    RI(SIOCGIFFLAGS, IFR_SHORT), RI(SIOCSIFFLAGS, IFR_SHORT), RI(SIOCGIFADDR, IFR_ADDR),
    RI(SIOCGIFDSTADDR, IFR_ADDR), RI(SIOCGIFBRDADDR, IFR_ADDR), RI(SIOCGIFNETMASK, IFR_ADDR),
    RI(SIOCGIFHWADDR, IFR_ADDR), RI(SIOCGIFMTU, IFR_INT), RI(SIOCSIFMTU, IFR_INT),
    RI(SIOCGIFMETRIC, IFR_INT), RI(SIOCGIFTXQLEN, IFR_INT),
    R(FS_IOC_GETFLAGS, IOC_OUT_INT, ENC_IOC_WORD), R(FS_IOC_SETFLAGS, IOC_IN_INT, ENC_IOC_WORD),
    R(FS_IOC_GETVERSION, IOC_OUT_INT, ENC_IOC_WORD),
    R(FS_IOC_SETVERSION, IOC_IN_INT, ENC_IOC_WORD),
    RN(FS_IOC_FSGETXATTR, IOC_OUT_U32S, ENC_IOC, 5), RN(FS_IOC_FSSETXATTR, IOC_IN_U32S, ENC_IOC, 5),
    R(FICLONE, IOC_VAL, ENC_IOC), RN(FICLONERANGE, IOC_IN_U64S, ENC_IOC, 4),
    R(BLKGETSIZE, IOC_OUT_WORD, ENC_IO), R(BLKGETSIZE64, IOC_OUT_U64, ENC_IOC_WORD),
    R(BLKSSZGET, IOC_OUT_INT, ENC_IO), R(BLKBSZGET, IOC_OUT_INT, ENC_IOC_WORD),
    R(BLKROGET, IOC_OUT_INT, ENC_IO), R(BLKFLSBUF, IOC_NONE, ENC_IO),
    R(BLKRRPART, IOC_NONE, ENC_IO),
    R(RNDGETENTCNT, IOC_OUT_INT, ENC_IOC),
};

static const struct abi_ioc generic_ioc = { 14, 0, 2, 1 };

static uint32_t guest_number(const struct syscall_table *abi, const struct ioc_def *d)
{
    for (const struct abi_map *m = abi->ioctls; m && (m->generic | m->guest); m++)
        if (m->generic == (uint32_t)d->host)
            return m->guest;
    if (d->enc == ENC_FIXED)
        return (uint32_t)d->host;
    const struct abi_ioc *ioc = abi->ioc ? abi->ioc : &generic_ioc;
    /* The host's (generic) encoding: size in bits 16-29, direction in 30-31. */
    unsigned dir = (unsigned)(d->host >> 30) & 3, size = (unsigned)(d->host >> 16) & 0x3fff;
    if (d->enc == ENC_IOC_WORD)
        size = abi->word_size;
    unsigned gdir = dir ? (dir & 1 ? ioc->dir_write : 0) | (dir & 2 ? ioc->dir_read : 0)
                        : ioc->dir_none;
    return (uint32_t)(d->host & 0xffff) | size << 16 | gdir << (16 + ioc->size_bits);
}

static const struct ioc_def *find(const struct syscall_table *abi, uint32_t guest_req)
{
    for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++)
        if (guest_number(abi, &requests[i]) == guest_req)
            return &requests[i];
    return NULL;
}

const char *ioctl_name(const struct syscall_table *abi, uint32_t guest_req)
{
    const struct ioc_def *d = find(abi, guest_req);
    return d ? d->name : NULL;
}

uint32_t ioctl_guest_number(const struct syscall_table *abi, unsigned long host_req)
{
    for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++)
        if (requests[i].host == host_req)
            return guest_number(abi, &requests[i]);
    return (uint32_t)host_req;
}

/* ---- terminal structs ---- */

static uint8_t cc_index(const struct abi_termios *t, unsigned generic)
{
    return t->cc_index ? t->cc_index[generic] : (uint8_t)generic;
}

static void termios_to_guest(const struct syscall_table *abi, const struct host_termios *h,
                             void *out)
{
    const struct abi_termios *t = abi_termios_facts(abi);
    uint64_t v[TIO_K_CC + 64] = {
        [TIO_K_IFLAG] = abi_bits_to_guest(t->iflag, h->c_iflag),
        [TIO_K_OFLAG] = abi_bits_to_guest(t->oflag, h->c_oflag),
        [TIO_K_CFLAG] = abi_bits_to_guest(t->cflag, h->c_cflag),
        [TIO_K_LFLAG] = abi_bits_to_guest(t->lflag, h->c_lflag),
        [TIO_K_LINE] = h->c_line,
    };
    for (unsigned i = 0; i < TIO_GENERIC_NCCS; i++) {
        unsigned g = cc_index(t, i);
        if (g < t->ncc && g < 64)
            v[TIO_K_CC + g] = h->c_cc[i];
    }
    gstruct_store(abi, t->layout, out, v);
}

static void termios_from_guest(const struct syscall_table *abi, const void *in,
                               struct host_termios *h)
{
    const struct abi_termios *t = abi_termios_facts(abi);
    uint64_t v[TIO_K_CC + 64] = { 0 };
    gstruct_load(abi, t->layout, in, v);
    memset(h, 0, sizeof *h);
    h->c_iflag = abi_bits_from_guest(t->iflag, (uint32_t)v[TIO_K_IFLAG]);
    h->c_oflag = abi_bits_from_guest(t->oflag, (uint32_t)v[TIO_K_OFLAG]);
    h->c_cflag = abi_bits_from_guest(t->cflag, (uint32_t)v[TIO_K_CFLAG]);
    h->c_lflag = abi_bits_from_guest(t->lflag, (uint32_t)v[TIO_K_LFLAG]);
    h->c_line = (uint8_t)v[TIO_K_LINE];
    for (unsigned i = 0; i < TIO_GENERIC_NCCS; i++) {
        unsigned g = cc_index(t, i);
        if (g < t->ncc && g < 64)
            h->c_cc[i] = (uint8_t)v[TIO_K_CC + g];
    }
}

static size_t termios_size(const struct syscall_table *abi)
{
    return gstruct_size(abi, abi_termios_facts(abi)->layout);
}

/* struct termio: the low 16 bits of the flags, c_line, the first eight c_cc[]. */
static const struct gfield gs_termio[] = {
    { GT_U16, 4, 0, 0 }, { GT_U8, 0, 4, 0 }, { GT_U8, 8, 5, 0 }, { GT_END, 0, 0, 0 },
};

static void termio_to_guest(const struct syscall_table *abi, const struct host_termio *h,
                            void *out)
{
    const struct abi_termios *t = abi_termios_facts(abi);
    uint64_t v[13] = {
        abi_bits_to_guest(t->iflag, h->c_iflag) & 0xffff,
        abi_bits_to_guest(t->oflag, h->c_oflag) & 0xffff,
        abi_bits_to_guest(t->cflag, h->c_cflag) & 0xffff,
        abi_bits_to_guest(t->lflag, h->c_lflag) & 0xffff, h->c_line,
    };
    for (unsigned i = 0; i < 8; i++) {
        unsigned g = cc_index(t, i);
        if (g < 8)
            v[5 + g] = h->c_cc[i];
    }
    gstruct_store(abi, gs_termio, out, v);
}

static void termio_from_guest(const struct syscall_table *abi, const void *in,
                              struct host_termio *h)
{
    const struct abi_termios *t = abi_termios_facts(abi);
    uint64_t v[13] = { 0 };
    gstruct_load(abi, gs_termio, in, v);
    memset(h, 0, sizeof *h);
    h->c_iflag = (uint16_t)abi_bits_from_guest(t->iflag, (uint32_t)v[0]);
    h->c_oflag = (uint16_t)abi_bits_from_guest(t->oflag, (uint32_t)v[1]);
    h->c_cflag = (uint16_t)abi_bits_from_guest(t->cflag, (uint32_t)v[2]);
    h->c_lflag = (uint16_t)abi_bits_from_guest(t->lflag, (uint32_t)v[3]);
    h->c_line = (uint8_t)v[4];
    for (unsigned i = 0; i < 8; i++) {
        unsigned g = cc_index(t, i);
        if (g < 8)
            h->c_cc[i] = (uint8_t)v[5 + g];
    }
}

/* ---- struct ifreq ---- */

/* 16 bytes of name, then a union as big as struct ifmap (two longs and four bytes). */
static size_t ifreq_size(const struct syscall_table *abi)
{
    return IFNAMSIZ + (abi->word_size == 4 ? 16 : 24);
}

static void ifr_union(const struct syscall_table *abi, enum ifr_kind k, const uint8_t *src,
                      uint8_t *dst, bool to_guest)
{
    const struct syscall_table *from = to_guest ? &abi_host : abi;
    const struct syscall_table *to = to_guest ? abi : &abi_host;
    memcpy(dst, src, 16);
    switch (k) {
    case IFR_INT:
    case IFR_INDEX_TO_NAME:
        abi_st32(to, dst, abi_ld32(from, src));
        break;
    case IFR_SHORT:
        abi_st16(to, dst, abi_ld16(from, src));
        break;
    case IFR_ADDR:
        /* sa_family in host order, the rest bytes (hardware and IPv4 addresses). */
        abi_st16(to, dst, abi_ld16(from, src));
        break;
    default:
        break;
    }
}

static int64_t do_ifreq(struct sc *c, int fd, unsigned long req, enum ifr_kind k, uint64_t arg)
{
    size_t gsz = ifreq_size(c->abi);
    uint8_t *g = guest_wr(arg, gsz);
    if (!g)
        return -EFAULT;
    struct ifreq h;
    memset(&h, 0, sizeof h);
    memcpy(h.ifr_name, g, IFNAMSIZ);
    ifr_union(c->abi, k, g + IFNAMSIZ, (uint8_t *)&h.ifr_ifru, false);
    if (ioctl(fd, req, &h) < 0)
        return -errno;
    memcpy(g, h.ifr_name, IFNAMSIZ);
    ifr_union(c->abi, k, (const uint8_t *)&h.ifr_ifru, g + IFNAMSIZ, true);
    return 0;
}

/* struct ifconf: an int length, then a pointer to ifreqs (an address each). */
static int64_t do_ifconf(struct sc *c, int fd, uint64_t arg)
{
    const struct syscall_table *abi = c->abi;
    unsigned w = abi->word_size;
    uint8_t *g = guest_wr(arg, 2ull * w);
    if (!g)
        return -EFAULT;
    int32_t glen = (int32_t)abi_ld32(abi, g);
    uint64_t gbuf = abi_ldword(abi, g + w);
    size_t gsz = ifreq_size(abi), n = glen > 0 ? (size_t)glen / gsz : 0;
    struct ifconf ifc = { .ifc_len = (int)(n * sizeof(struct ifreq)) };
    struct ifreq *reqs = NULL;
    if (gbuf) {
        reqs = calloc(n ? n : 1, sizeof *reqs);
        if (!reqs)
            return -ENOMEM;
        ifc.ifc_req = reqs;
    } else {
        ifc.ifc_buf = NULL;
    }
    if (ioctl(fd, SIOCGIFCONF, &ifc) < 0) {
        free(reqs);
        return -errno;
    }
    size_t got = (size_t)ifc.ifc_len / sizeof(struct ifreq);
    if (gbuf) {
        uint8_t *out = guest_wr(gbuf, got * gsz);
        if (!out) {
            free(reqs);
            return -EFAULT;
        }
        for (size_t i = 0; i < got; i++) {
            memset(out + i * gsz, 0, gsz);
            memcpy(out + i * gsz, reqs[i].ifr_name, IFNAMSIZ);
            ifr_union(abi, IFR_ADDR, (const uint8_t *)&reqs[i].ifr_ifru,
                      out + i * gsz + IFNAMSIZ, true);
        }
    }
    free(reqs);
    abi_st32(abi, g, (uint32_t)(got * gsz));
    return 0;
}

/* ---- the call ---- */

static int64_t ret0(int r)
{
    return r < 0 ? -errno : r;
}

static int64_t out_int(struct sc *c, int fd, unsigned long req, uint64_t arg)
{
    void *p = guest_wr(arg, 4);
    if (!p)
        return -EFAULT;
    int v = 0;
    int r = ioctl(fd, req, &v);
    if (r < 0)
        return -errno;
    abi_st32(c->abi, p, (uint32_t)v);
    return r;
}

static int64_t in_int(struct sc *c, int fd, unsigned long req, uint64_t arg, bool back)
{
    void *p = back ? guest_wr(arg, 4) : guest_rd(arg, 4);
    if (!p)
        return -EFAULT;
    int v = (int)abi_ld32(c->abi, p);
    int r = ioctl(fd, req, &v);
    if (r < 0)
        return -errno;
    if (back)
        abi_st32(c->abi, p, (uint32_t)v);
    return r;
}

static int64_t words(struct sc *c, int fd, unsigned long req, uint64_t arg, unsigned size,
                     unsigned count, bool in)
{
    uint8_t *p = in ? guest_rd(arg, (uint64_t)size * count) : guest_wr(arg, (uint64_t)size * count);
    if (!p)
        return -EFAULT;
    uint8_t buf[64];
    for (unsigned i = 0; i < count; i++) {
        if (size == 8)
            abi_st64(&abi_host, buf + 8 * i, in ? abi_ld64(c->abi, p + 8 * i) : 0);
        else
            abi_st32(&abi_host, buf + 4 * i, in ? abi_ld32(c->abi, p + 4 * i) : 0);
    }
    int r = ioctl(fd, req, buf);
    if (r < 0)
        return -errno;
    if (!in) {
        for (unsigned i = 0; i < count; i++) {
            if (size == 8)
                abi_st64(c->abi, p + 8 * i, abi_ld64(&abi_host, buf + 8 * i));
            else
                abi_st32(c->abi, p + 4 * i, abi_ld32(&abi_host, buf + 4 * i));
        }
    }
    return r;
}

static int64_t run(struct sc *c, const struct ioc_def *d, int fd, uint64_t arg)
{
    const struct syscall_table *abi = c->abi;
    unsigned long req = d->host;
    switch (d->arg) {
    case IOC_NONE:
        return ret0(ioctl(fd, req));
    case IOC_VAL:
        return ret0(ioctl(fd, req, (int)arg));
    case IOC_VAL_OFLAGS:
        return ret0(ioctl(fd, req, (int)abi_oflags_to_host(abi, (uint32_t)arg)));
    case IOC_VAL_SIG: {
        int h = abi_sig_to_host(abi, (int)arg);
        return h ? ret0(ioctl(fd, req, h)) : -EINVAL;
    }
    case IOC_IN_INT:
        return in_int(c, fd, req, arg, false);
    case IOC_INOUT_INT:
        return in_int(c, fd, req, arg, true);
    case IOC_OUT_INT:
        return out_int(c, fd, req, arg);
    case IOC_IN_BYTE: {
        const char *p = guest_rd(arg, 1);
        return p ? ret0(ioctl(fd, req, p)) : -EFAULT;
    }
    case IOC_OUT_WORD: {
        void *p = guest_wr(arg, abi->word_size);
        if (!p)
            return -EFAULT;
        unsigned long v = 0;
        int r = ioctl(fd, req, &v);
        if (r < 0)
            return -errno;
        if (abi->word_size == 4 && v > UINT32_MAX)
            return -EFBIG;
        abi_stword(abi, p, v);
        return r;
    }
    case IOC_OUT_U64:
        return words(c, fd, req, arg, 8, 1, false);
    case IOC_IN_U64S:
        return words(c, fd, req, arg, 8, d->count, true);
    case IOC_IN_U32S:
        return words(c, fd, req, arg, 4, d->count, true);
    case IOC_OUT_U32S:
        return words(c, fd, req, arg, 4, d->count, false);
    case IOC_TERMIOS_OUT:
    case IOC_TERMIOS2_OUT: {
        size_t ts = termios_size(abi);
        bool two = d->arg == IOC_TERMIOS2_OUT;
        uint8_t *p = guest_wr(arg, ts + (two ? 8 : 0));
        if (!p)
            return -EFAULT;
        struct host_termios2 h;
        if (ioctl(fd, req, &h) < 0)
            return -errno;
        termios_to_guest(abi, &h.t, p);
        if (two) {
            abi_st32(abi, p + ts, h.c_ispeed);
            abi_st32(abi, p + ts + 4, h.c_ospeed);
        }
        return 0;
    }
    case IOC_TERMIOS_IN:
    case IOC_TERMIOS2_IN: {
        size_t ts = termios_size(abi);
        bool two = d->arg == IOC_TERMIOS2_IN;
        const uint8_t *p = guest_rd(arg, ts + (two ? 8 : 0));
        if (!p)
            return -EFAULT;
        struct host_termios2 h = { 0 };
        termios_from_guest(abi, p, &h.t);
        if (two) {
            h.c_ispeed = abi_ld32(abi, p + ts);
            h.c_ospeed = abi_ld32(abi, p + ts + 4);
        }
        return ret0(ioctl(fd, req, &h));
    }
    case IOC_TERMIO_OUT: {
        void *p = guest_wr(arg, gstruct_size(abi, gs_termio));
        if (!p)
            return -EFAULT;
        struct host_termio h;
        if (ioctl(fd, req, &h) < 0)
            return -errno;
        termio_to_guest(abi, &h, p);
        return 0;
    }
    case IOC_TERMIO_IN: {
        const void *p = guest_rd(arg, gstruct_size(abi, gs_termio));
        if (!p)
            return -EFAULT;
        struct host_termio h;
        termio_from_guest(abi, p, &h);
        return ret0(ioctl(fd, req, &h));
    }
    case IOC_WINSIZE_OUT: {
        struct winsize ws;
        if (!guest_wr(arg, gstruct_size(abi, gs_winsize)))
            return -EFAULT;
        if (ioctl(fd, req, &ws) < 0)
            return -errno;
        uint64_t v[4] = { ws.ws_row, ws.ws_col, ws.ws_xpixel, ws.ws_ypixel };
        return put_struct(abi, gs_winsize, arg, v);
    }
    case IOC_WINSIZE_IN: {
        uint64_t v[4];
        int r = get_struct(abi, gs_winsize, arg, v);
        if (r < 0)
            return r;
        struct winsize ws = { (unsigned short)v[0], (unsigned short)v[1],
                              (unsigned short)v[2], (unsigned short)v[3] };
        return ret0(ioctl(fd, req, &ws));
    }
    case IOC_TIMEVAL_OUT: {
        struct timeval tv;
        if (!guest_wr(arg, gstruct_size(abi, gs_timeval)))
            return -EFAULT;
        if (ioctl(fd, req, &tv) < 0)
            return -errno;
        return put_timeval(abi, arg, &tv);
    }
    case IOC_TIMESPEC_OUT: {
        struct timespec ts;
        if (!guest_wr(arg, gstruct_size(abi, gs_timespec)))
            return -EFAULT;
        if (ioctl(fd, req, &ts) < 0)
            return -errno;
        return put_timespec(abi, arg, false, &ts);
    }
    case IOC_S64PAIR_OUT:
        return words(c, fd, req, arg, 8, 2, false);
    case IOC_IFREQ:
        return do_ifreq(c, fd, req, d->ifr, arg);
    case IOC_IFCONF:
        return do_ifconf(c, fd, arg);
    default:
        return -ENOTTY;
    }
}

static int64_t sys_ioctl(struct sc *c)
{
    int fd = (int)c->a[0];
    const struct ioc_def *d = find(c->abi, (uint32_t)c->a[1]);
    if (d)
        return run(c, d, fd, c->a[2]);
    if (log_enabled(LOG_UNIMP))
        log_printf("crossrun: unsupported ioctl %#llx on fd %d\n",
                   (unsigned long long)c->a[1], fd);
    return -ENOTTY;
}

const struct syscall_def syscalls_ioctl[] = {
    { GSYS_ioctl, sys_ioctl, { A_FD, A_IOCTL, A_HEX }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
