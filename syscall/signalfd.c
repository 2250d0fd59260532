/* signalfd and signalfd4. The guest's sigset becomes the host signals of the same
 * guest signals (signal.c: guest signal n is host signal n where the ABI has no map);
 * the guest keeps them blocked with its own rt_sigprocmask, whose host mask mirrors
 * it, so the host kernel queues them for the descriptor. struct signalfd_siginfo is
 * 128 bytes of fixed-size members on every ABI: a guest with another byte order or
 * other signal, si_code or errno numbers gets each record converted (fdtrans). */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/fdtrans.h"
#include "syscall/layouts.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"

enum { SSI_SIZE = 128 };

static void records_to_guest(const struct syscall_table *abi, void *buf, size_t n)
{
    for (size_t off = 0; off + SSI_SIZE <= n; off += SSI_SIZE) {
        uint8_t *rec = (uint8_t *)buf + off;
        uint64_t v[SSI_COUNT];
        gstruct_load(&abi_host, gl_signalfd_siginfo, rec, v);
        int host_sig = (int)v[SSI_SIGNO], code = (int)(int32_t)v[SSI_CODE];
        v[SSI_SIGNO] = (uint64_t)abi_sig_from_host(abi, host_sig);
        if (v[SSI_ERRNO])
            v[SSI_ERRNO] = (uint64_t)abi_errno_from_host(abi, (int)v[SSI_ERRNO]);
        if (code < 0)
            v[SSI_CODE] = (uint64_t)(int64_t)(int32_t)abi_value_to_guest(abi->si_codes,
                                                                          (uint32_t)code);
        /* A child's status is an exit code only for CLD_EXITED (1), else a signal. */
        if (host_sig == SIGCHLD && code > 1)
            v[SSI_STATUS] = (uint64_t)abi_sig_from_host(abi, (int)v[SSI_STATUS]);
        gstruct_store(abi, gl_signalfd_siginfo, rec, v);
    }
}

static const struct fd_trans signalfd_trans = { "signalfd", records_to_guest, NULL };

static bool needs_trans(const struct syscall_table *abi)
{
    return abi->big_endian || abi->signals || abi->si_codes || abi->errnos;
}

static int64_t do_signalfd(struct sc *c, uint32_t guest_flags)
{
    gsigset set;
    int r = signal_read_guest_set(c->abi, c->a[1], c->a[2], &set);
    if (r < 0)
        return r;
    uint64_t hmask = signal_host_bits(&set);
    long fd = syscall(SYS_signalfd4, (int)c->a[0], &hmask, 8,
                      (int)abi_oflags_to_host(c->abi, guest_flags));
    if (fd < 0)
        return -errno;
    if ((int)c->a[0] < 0)
        fdtrans_set((int)fd, needs_trans(c->abi) ? &signalfd_trans : NULL);
    return fd;
}

static int64_t sys_signalfd(struct sc *c) { return do_signalfd(c, 0); }
static int64_t sys_signalfd4(struct sc *c) { return do_signalfd(c, (uint32_t)c->a[3]); }

const struct syscall_def syscalls_signalfd[] = {
    { GSYS_signalfd, sys_signalfd, { A_FD, A_SIGSET, A_ULONG }, R_INT, 0 },
    { GSYS_signalfd4, sys_signalfd4, { A_FD, A_SIGSET, A_ULONG, A_FDFLAGS }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
