/* Formatting of -strace lines: arguments by kind, flags by name, strings escaped. */
#include "syscall/strace.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "syscall/guest-mem.h"

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

static const struct name ioctls[] = {
    N(TCGETS), N(TCSETS), N(TCSETSW), N(TCSETSF), N(TCGETA), N(TCSETA), N(TCSETAW),
    N(TCSETAF), N(TCSBRK), N(TCXONC), N(TCFLSH), N(TIOCSCTTY), N(TIOCGPGRP),
    N(TIOCSPGRP), N(TIOCOUTQ), N(TIOCGWINSZ), N(TIOCSWINSZ), N(FIONREAD), N(FIONBIO),
    N(TIOCNOTTY), N(TIOCGSID), N(FIONCLEX), N(FIOCLEX), N(FIOASYNC), N(TIOCGPTN),
    N(TIOCSPTLCK),
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

static void put_arg(struct sb *b, const struct syscall_table *abi, unsigned kind,
                    uint64_t v, uint64_t next)
{
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
    case A_IOCTL:
        if (!put_value(b, abi_ioctl_to_host(abi, (uint32_t)v), ioctls, COUNT(ioctls)))
            sb_printf(b, "%#llx", (unsigned long long)v);
        break;
    case A_PTR:
        put_ptr(b, v);
        break;
    default:
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
        put_arg(&b, abi, kind, a[i], i < 5 ? a[i + 1] : 0);
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
