/* ioctl: the terminal and file requests programs use, with struct conversion.
 * Requests are known by their host (generic) number after the ABI's translation. */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "common/log.h"
#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/syscall.h"

/* The host kernel's struct termios (asm-generic/termbits.h), not glibc's. */
struct host_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[TIO_GENERIC_NCCS];
};
_Static_assert(sizeof(struct host_termios) == 36, "kernel termios is 36 bytes");

enum ioc_arg {
    IOC_NONE,           /* no argument */
    IOC_VAL,            /* an int passed by value */
    IOC_IN_INT,         /* pointer to an int the kernel reads */
    IOC_OUT_INT,        /* pointer to an int the kernel writes */
    IOC_TERMIOS_IN,
    IOC_TERMIOS_OUT,
    IOC_WINSIZE_IN,
    IOC_WINSIZE_OUT,
};

static const struct {
    unsigned long req;
    enum ioc_arg arg;
} requests[] = {
    { TCGETS, IOC_TERMIOS_OUT }, { TCSETS, IOC_TERMIOS_IN }, { TCSETSW, IOC_TERMIOS_IN },
    { TCSETSF, IOC_TERMIOS_IN }, { TIOCGWINSZ, IOC_WINSIZE_OUT },
    { TIOCSWINSZ, IOC_WINSIZE_IN }, { FIONREAD, IOC_OUT_INT }, { TIOCOUTQ, IOC_OUT_INT },
    { TIOCGPGRP, IOC_OUT_INT }, { TIOCSPGRP, IOC_IN_INT }, { TIOCGSID, IOC_OUT_INT },
    { FIONBIO, IOC_IN_INT }, { FIOASYNC, IOC_IN_INT }, { TIOCSCTTY, IOC_VAL },
    { TIOCNOTTY, IOC_NONE }, { TCFLSH, IOC_VAL }, { TCXONC, IOC_VAL }, { TCSBRK, IOC_VAL },
    { TCSBRKP, IOC_VAL }, { FIOCLEX, IOC_NONE }, { FIONCLEX, IOC_NONE },
    { TIOCGPTN, IOC_OUT_INT }, { TIOCSPTLCK, IOC_IN_INT }, { TIOCEXCL, IOC_NONE },
    { TIOCNXCL, IOC_NONE },
};

static uint8_t cc_index(const struct abi_termios *t, unsigned generic)
{
    return t->cc_index ? t->cc_index[generic] : (uint8_t)generic;
}

static int termios_to_guest(const struct syscall_table *abi, const struct host_termios *h,
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
    return gstruct_store(abi, t->layout, out, v);
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

static int64_t sys_ioctl(struct sc *c)
{
    const struct syscall_table *abi = c->abi;
    int fd = (int)c->a[0];
    unsigned long req = abi_ioctl_to_host(abi, (uint32_t)c->a[1]);
    uint64_t arg = c->a[2];
    for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++) {
        if (requests[i].req != req)
            continue;
        switch (requests[i].arg) {
        case IOC_NONE:
            return ioctl(fd, req) < 0 ? -errno : 0;
        case IOC_VAL:
            return ioctl(fd, req, (int)arg) < 0 ? -errno : 0;
        case IOC_IN_INT: {
            const void *p = guest_rd(arg, 4);
            if (!p)
                return -EFAULT;
            int v = (int)abi_ld32(abi, p);
            return ioctl(fd, req, &v) < 0 ? -errno : 0;
        }
        case IOC_OUT_INT: {
            void *p = guest_wr(arg, 4);
            if (!p)
                return -EFAULT;
            int v = 0;
            if (ioctl(fd, req, &v) < 0)
                return -errno;
            abi_st32(abi, p, (uint32_t)v);
            return 0;
        }
        case IOC_TERMIOS_OUT: {
            const struct abi_termios *t = abi_termios_facts(abi);
            void *p = guest_wr(arg, gstruct_size(abi, t->layout));
            if (!p)
                return -EFAULT;
            struct host_termios h;
            if (ioctl(fd, req, &h) < 0)
                return -errno;
            termios_to_guest(abi, &h, p);
            return 0;
        }
        case IOC_TERMIOS_IN: {
            const struct abi_termios *t = abi_termios_facts(abi);
            const void *p = guest_rd(arg, gstruct_size(abi, t->layout));
            if (!p)
                return -EFAULT;
            struct host_termios h;
            termios_from_guest(abi, p, &h);
            return ioctl(fd, req, &h) < 0 ? -errno : 0;
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
            return ioctl(fd, req, &ws) < 0 ? -errno : 0;
        }
        }
    }
    if (log_enabled(LOG_UNIMP))
        log_printf("crossrun: unsupported ioctl %#llx on fd %d\n",
                   (unsigned long long)c->a[1], fd);
    return -ENOTTY;
}

const struct syscall_def syscalls_ioctl[] = {
    { GSYS_ioctl, sys_ioctl, { A_FD, A_IOCTL, A_HEX }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
