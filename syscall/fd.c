/* File descriptor plumbing: dup, pipes, fcntl (with record locks). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/fdtrans.h"
#include "syscall/guest-mem.h"
#include "syscall/safe-syscall.h"
#include "syscall/syscall.h"

static int64_t ret_errno(int64_t r)
{
    return r < 0 ? -errno : r;
}

static bool is_log_fd(int fd)
{
    return log_file && fd == fileno(log_file);
}

/* A new descriptor for old's file takes its data converter along (fdtrans.h). */
static int64_t duped(int old, int r)
{
    if (r < 0)
        return -errno;
    fdtrans_dup(old, r);
    return r;
}

static int64_t sys_dup(struct sc *c)
{
    return duped((int)c->a[0], dup((int)c->a[0]));
}

static int64_t sys_dup2(struct sc *c)
{
    if (is_log_fd((int)c->a[1]))
        return -EBUSY;
    return duped((int)c->a[0], dup2((int)c->a[0], (int)c->a[1]));
}

static int64_t sys_dup3(struct sc *c)
{
    if (is_log_fd((int)c->a[1]))
        return -EBUSY;
    uint32_t flags = abi_oflags_to_host(c->abi, (uint32_t)c->a[2]);
    return duped((int)c->a[0], dup3((int)c->a[0], (int)c->a[1], (int)flags));
}

/* close_range, except crossrun's own log file, which the guest never opened. */
static int64_t sys_close_range(struct sc *c)
{
    unsigned first = (unsigned)c->a[0], last = (unsigned)c->a[1], flags = (unsigned)c->a[2];
    if (first > last)
        return -EINVAL;
    int log = log_file ? fileno(log_file) : -1;
    unsigned ranges[2][2] = { { first, last }, { 1, 0 } };
    if (log >= 0 && (unsigned)log >= first && (unsigned)log <= last) {
        ranges[0][1] = (unsigned)log - 1;
        ranges[1][0] = (unsigned)log + 1;
        ranges[1][1] = last;
        if ((unsigned)log == first)
            ranges[0][0] = 1, ranges[0][1] = 0;
    }
    for (int i = 0; i < 2; i++) {
        if (ranges[i][0] > ranges[i][1])
            continue;
        if (syscall(SYS_close_range, ranges[i][0], ranges[i][1], flags) < 0)
            return -errno;
        if (!(flags & CLOSE_RANGE_CLOEXEC))
            fdtrans_close_range(ranges[i][0], ranges[i][1]);
    }
    return 0;
}

static int64_t do_pipe(struct sc *c, uint64_t addr, uint32_t guest_flags)
{
    void *out = guest_wr(addr, 8);
    if (!out)
        return -EFAULT;
    int fds[2];
    if (pipe2(fds, (int)abi_oflags_to_host(c->abi, guest_flags)) < 0)
        return -errno;
    abi_st32(c->abi, out, (uint32_t)fds[0]);
    abi_st32(c->abi, (char *)out + 4, (uint32_t)fds[1]);
    return 0;
}

static int64_t sys_pipe(struct sc *c) { return do_pipe(c, c->a[0], 0); }
static int64_t sys_pipe2(struct sc *c) { return do_pipe(c, c->a[0], (uint32_t)c->a[1]); }

/* Record locks: the guest's struct flock or flock64 <-> the host's (64-bit) flock. */
static int64_t do_lock(struct sc *c, int host_cmd, const struct gfield *lay, uint64_t addr)
{
    uint64_t v[FL_K_COUNT];
    size_t size = gstruct_size(c->abi, lay);
    const void *in = guest_rd(addr, size);
    if (!in)
        return -EFAULT;
    gstruct_load(c->abi, lay, in, v);
    struct flock fl = {
        .l_type = (short)v[FL_K_TYPE], .l_whence = (short)v[FL_K_WHENCE],
        .l_start = (off_t)v[FL_K_START], .l_len = (off_t)v[FL_K_LEN],
        .l_pid = (pid_t)v[FL_K_PID],
    };
    /* F_SETLKW waits for the lock: a signal must be able to end that. */
    long r = safe_syscall6(SYS_fcntl, (int)c->a[0], host_cmd, (long)&fl, 0, 0, 0);
    if (r < 0)
        return r;
    if (host_cmd != F_GETLK && host_cmd != F_OFD_GETLK)
        return 0;
    void *out = guest_wr(addr, size);
    if (!out)
        return -EFAULT;
    v[FL_K_TYPE] = (uint64_t)fl.l_type;
    v[FL_K_WHENCE] = (uint64_t)fl.l_whence;
    v[FL_K_START] = (uint64_t)fl.l_start;
    v[FL_K_LEN] = (uint64_t)fl.l_len;
    v[FL_K_PID] = (uint64_t)fl.l_pid;
    return gstruct_store(c->abi, lay, out, v);
}

/* fcntl's 64-bit lock commands, numbered as in the generic 32-bit ABI. */
enum { GF_GETLK64 = 12, GF_SETLK64 = 13, GF_SETLKW64 = 14 };

static int64_t do_fcntl(struct sc *c, bool is64)
{
    int fd = (int)c->a[0];
    int cmd = abi_fcntl_cmd_to_host(c->abi, (int)c->a[1]);
    uint64_t arg = c->a[2];
    const struct gfield *lock32 = abi_flock_layout(c->abi);
    const struct gfield *lock64 = abi_flock64_layout(c->abi);
    /* On 64-bit ABIs struct flock already has 64-bit offsets. */
    const struct gfield *ofd_lock = is64 ? lock64 : lock32;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        return duped(fd, fcntl(fd, cmd, (int)arg));
    case F_GETFD:
        return ret_errno(fcntl(fd, F_GETFD));
    case F_SETFD:
        return ret_errno(fcntl(fd, F_SETFD, (int)arg));
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        if (r < 0)
            return -errno;
        return abi_oflags_from_host(c->abi, (uint32_t)r);
    }
    case F_SETFL:
        return ret_errno(fcntl(fd, F_SETFL, (int)abi_oflags_to_host(c->abi, (uint32_t)arg)));
    case F_GETLK: case F_SETLK: case F_SETLKW:
        return do_lock(c, cmd, lock32, arg);
    case GF_GETLK64: case GF_SETLK64: case GF_SETLKW64:
        if (c->abi->word_size == 8)
            return -EINVAL;
        return do_lock(c, cmd - GF_GETLK64 + F_GETLK, lock64, arg);
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        return do_lock(c, cmd, ofd_lock, arg);
    case F_GETOWN: case F_GETLEASE: case F_GETPIPE_SZ: case F_GET_SEALS:
        return ret_errno(fcntl(fd, cmd));
    case F_SETOWN: case F_SETLEASE: case F_NOTIFY: case F_SETPIPE_SZ: case F_ADD_SEALS:
        return ret_errno(fcntl(fd, cmd, (int)arg));
    case F_GETSIG: {
        int r = fcntl(fd, F_GETSIG);
        return r < 0 ? -errno : abi_sig_from_host(c->abi, r);
    }
    case F_SETSIG: {
        int h = abi_sig_to_host(c->abi, (int)arg);
        if (arg && !h)
            return -EINVAL;
        return ret_errno(fcntl(fd, F_SETSIG, h));
    }
    case F_GETOWN_EX: case F_SETOWN_EX: {
        /* struct f_owner_ex is two ints everywhere */
        void *p = cmd == F_GETOWN_EX ? guest_wr(arg, 8) : guest_rd(arg, 8);
        if (!p)
            return -EFAULT;
        struct f_owner_ex ex = { (enum __pid_type)abi_ld32(c->abi, p),
                                 (pid_t)abi_ld32(c->abi, (char *)p + 4) };
        if (fcntl(fd, cmd, &ex) < 0)
            return -errno;
        if (cmd == F_GETOWN_EX) {
            abi_st32(c->abi, p, (uint32_t)ex.type);
            abi_st32(c->abi, (char *)p + 4, (uint32_t)ex.pid);
        }
        return 0;
    }
    default:
        if (log_enabled(LOG_UNIMP))
            log_printf("crossrun: unsupported fcntl command %d\n", (int)c->a[1]);
        return -EINVAL;
    }
}

static int64_t sys_fcntl(struct sc *c) { return do_fcntl(c, c->abi->word_size == 8); }
static int64_t sys_fcntl64(struct sc *c) { return do_fcntl(c, true); }

static int64_t sys_flock(struct sc *c)
{
    return safe_syscall6(SYS_flock, (int)c->a[0], (int)c->a[1], 0, 0, 0, 0);
}

const struct syscall_def syscalls_fd[] = {
    { GSYS_dup, sys_dup, { A_FD }, R_INT, 0 },
    { GSYS_dup2, sys_dup2, { A_FD, A_FD }, R_INT, 0 },
    { GSYS_dup3, sys_dup3, { A_FD, A_FD, A_FDFLAGS }, R_INT, 0 },
    { GSYS_close_range, sys_close_range, { A_FD, A_FD, A_HEX }, R_INT, 0 },
    { GSYS_pipe, sys_pipe, { A_PTR }, R_INT, 0 },
    { GSYS_pipe2, sys_pipe2, { A_PTR, A_FDFLAGS }, R_INT, 0 },
    { GSYS_fcntl, sys_fcntl, { A_FD, A_FCNTL, A_HEX }, R_INT, 0 },
    { GSYS_fcntl64, sys_fcntl64, { A_FD, A_FCNTL, A_HEX }, R_INT, 0 },
    { GSYS_flock, sys_flock, { A_FD, A_INT }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
