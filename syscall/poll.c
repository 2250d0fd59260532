/* poll and select families. The host waits (through safe_syscall, so a signal never
 * slips in before the wait starts); ppoll's and pselect6's signal masks become the
 * thread's temporary guest mask and go to the host call as host masks. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/syscall.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/safe-syscall.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"

/* poll(2) event bits are the generic ones on the ABIs we have. */
static int64_t do_poll(struct sc *c, uint64_t fds_addr, uint64_t nfds,
                       const struct timespec *timeout, const uint64_t *hmask)
{
    if (nfds > 65536)
        return -EINVAL;
    size_t esz = gstruct_size(c->abi, gs_pollfd);
    uint8_t *g = guest_wr(fds_addr, nfds * esz);
    if (!g)
        return -EFAULT;
    struct pollfd *pfd = calloc(nfds ? nfds : 1, sizeof *pfd);
    if (!pfd)
        return -ENOMEM;
    for (uint64_t i = 0; i < nfds; i++) {
        uint64_t v[3];
        gstruct_load(c->abi, gs_pollfd, g + i * esz, v);
        pfd[i].fd = (int)v[0];
        pfd[i].events = (short)v[1];
    }
    struct timespec t = timeout ? *timeout : (struct timespec){ 0, 0 };
    long n = safe_syscall6(SYS_ppoll, (long)pfd, (long)nfds, timeout ? (long)&t : 0,
                           (long)hmask, hmask ? 8 : 0, 0);
    int64_t ret = n;
    if (n >= 0) {
        for (uint64_t i = 0; i < nfds; i++) {
            uint64_t v[3] = { (uint64_t)pfd[i].fd, (uint64_t)(uint16_t)pfd[i].events,
                              (uint64_t)(uint16_t)pfd[i].revents };
            gstruct_store(c->abi, gs_pollfd, g + i * esz, v);
        }
    }
    free(pfd);
    return ret;
}

static int64_t sys_poll(struct sc *c)
{
    int ms = (int)c->a[2];
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
    return do_poll(c, c->a[0], c->a[1], ms < 0 ? NULL : &ts, NULL);
}

static int64_t do_ppoll(struct sc *c, bool time64)
{
    struct timespec ts;
    if (c->a[2]) {
        int r = get_timespec(c->abi, c->a[2], time64, &ts);
        if (r < 0)
            return r;
    }
    uint64_t hmask;
    if (c->a[3]) {
        int r = signal_wait_mask(c->ts, c->abi, c->a[3], c->a[4], &hmask);
        if (r < 0)
            return r;
    }
    int64_t ret = do_poll(c, c->a[0], c->a[1], c->a[2] ? &ts : NULL, c->a[3] ? &hmask : NULL);
    /* The kernel leaves no remaining-time update visible to glibc: it ignores it. */
    return ret;
}

static int64_t sys_ppoll(struct sc *c) { return do_ppoll(c, c->abi->word_size == 8); }
static int64_t sys_ppoll_time64(struct sc *c) { return do_ppoll(c, true); }

/* fd_set: bits in guest words, lowest fd in bit 0 of the first word. */
static int get_fdset(const struct syscall_table *abi, uint64_t addr, int n, fd_set *s)
{
    FD_ZERO(s);
    if (!addr)
        return 0;
    unsigned w = abi->word_size, bits = w * 8;
    unsigned words = ((unsigned)n + bits - 1) / bits;
    const uint8_t *p = guest_rd(addr, (uint64_t)words * w);
    if (!p)
        return -EFAULT;
    for (unsigned i = 0; i < words; i++) {
        uint64_t v = abi_ldword(abi, p + i * w);
        for (unsigned b = 0; b < bits && i * bits + b < (unsigned)n; b++)
            if (v >> b & 1)
                FD_SET((int)(i * bits + b), s);
    }
    return 0;
}

static int put_fdset(const struct syscall_table *abi, uint64_t addr, int n, const fd_set *s)
{
    if (!addr)
        return 0;
    unsigned w = abi->word_size, bits = w * 8;
    unsigned words = ((unsigned)n + bits - 1) / bits;
    uint8_t *p = guest_wr(addr, (uint64_t)words * w);
    if (!p)
        return -EFAULT;
    for (unsigned i = 0; i < words; i++) {
        uint64_t v = 0;
        for (unsigned b = 0; b < bits && i * bits + b < (unsigned)n; b++)
            if (FD_ISSET((int)(i * bits + b), s))
                v |= 1ull << b;
        abi_stword(abi, p + i * w, v);
    }
    return 0;
}

/* Common to select and pselect6: *timeout is updated with the time left, as Linux. */
static int64_t do_select(struct sc *c, struct timespec *timeout, const uint64_t *hmask)
{
    int n = (int)c->a[0];
    if (n < 0 || n > FD_SETSIZE)
        return -EINVAL;
    fd_set sets[3];
    for (int i = 0; i < 3; i++) {
        int r = get_fdset(c->abi, c->a[1 + i], n, &sets[i]);
        if (r < 0)
            return r;
    }
    struct timespec t = timeout ? *timeout : (struct timespec){ 0, 0 };
    struct { const uint64_t *set; size_t len; } sig = { hmask, 8 };
    long ret = safe_syscall6(SYS_pselect6, n, (long)&sets[0], (long)&sets[1], (long)&sets[2],
                             timeout ? (long)&t : 0, hmask ? (long)&sig : 0);
    if (ret < 0)
        return ret;
    for (int i = 0; i < 3; i++) {
        int r = put_fdset(c->abi, c->a[1 + i], n, &sets[i]);
        if (r < 0)
            return r;
    }
    return ret;
}

static int64_t sys_select(struct sc *c)
{
    if (c->nr == GSYS_select && c->abi->old_select) {
        /* The five arguments are words in guest memory. */
        unsigned w = c->abi->word_size;
        const uint8_t *p = guest_rd(c->a[0], 5ull * w);
        if (!p)
            return -EFAULT;
        for (int i = 0; i < 5; i++)
            c->a[i] = abi_ldword(c->abi, p + i * w);
        c->a[0] = (uint64_t)(int64_t)(int32_t)c->a[0];
    }
    struct timeval tv;
    struct timespec ts;
    if (c->a[4]) {
        int r = get_timeval(c->abi, c->a[4], &tv);
        if (r < 0)
            return r;
        if (tv.tv_sec < 0 || tv.tv_usec < 0)
            return -EINVAL;
        ts.tv_sec = tv.tv_sec + tv.tv_usec / 1000000;
        ts.tv_nsec = (tv.tv_usec % 1000000) * 1000;
    }
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int64_t ret = do_select(c, c->a[4] ? &ts : NULL, NULL);
    if (c->a[4] && ret >= 0) {
        /* Linux writes back the time that was left. */
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        int64_t left = ((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000) -
                       ((int64_t)(now.tv_sec - start.tv_sec) * 1000000 +
                        (now.tv_nsec - start.tv_nsec) / 1000);
        if (left < 0 || ret == 0)
            left = 0;
        struct timeval rem = { (time_t)(left / 1000000), (suseconds_t)(left % 1000000) };
        put_timeval(c->abi, c->a[4], &rem);
    }
    return ret;
}

static int64_t do_pselect6(struct sc *c, bool time64)
{
    struct timespec ts;
    if (c->a[4]) {
        int r = get_timespec(c->abi, c->a[4], time64, &ts);
        if (r < 0)
            return r;
    }
    /* The sixth argument points at { const sigset_t *ss; size_t ss_len; } */
    uint64_t hmask;
    bool masked = false;
    if (c->a[5]) {
        unsigned w = c->abi->word_size;
        const uint8_t *p = guest_rd(c->a[5], 2ull * w);
        if (!p)
            return -EFAULT;
        uint64_t ss = abi_ldword(c->abi, p), len = abi_ldword(c->abi, p + w);
        if (ss) {
            int r = signal_wait_mask(c->ts, c->abi, ss, len, &hmask);
            if (r < 0)
                return r;
            masked = true;
        }
    }
    return do_select(c, c->a[4] ? &ts : NULL, masked ? &hmask : NULL);
}

static int64_t sys_pselect6(struct sc *c) { return do_pselect6(c, c->abi->word_size == 8); }
static int64_t sys_pselect6_time64(struct sc *c) { return do_pselect6(c, true); }

const struct syscall_def syscalls_poll[] = {
    { GSYS_poll, sys_poll, { A_PTR, A_UINT, A_INT }, R_INT, SCF_NORESTART },
    { GSYS_ppoll, sys_ppoll, { A_PTR, A_UINT, A_PTR, A_PTR, A_ULONG }, R_INT, SCF_NORESTART },
    { GSYS_ppoll_time64, sys_ppoll_time64,
      { A_PTR, A_UINT, A_PTR, A_PTR, A_ULONG }, R_INT, SCF_NORESTART },
    { GSYS_select, sys_select, { A_INT, A_PTR, A_PTR, A_PTR, A_PTR }, R_INT, SCF_NORESTART },
    { GSYS__newselect, sys_select,
      { A_INT, A_PTR, A_PTR, A_PTR, A_PTR }, R_INT, SCF_NORESTART },
    { GSYS_pselect6, sys_pselect6,
      { A_INT, A_PTR, A_PTR, A_PTR, A_PTR, A_PTR }, R_INT, SCF_NORESTART },
    { GSYS_pselect6_time64, sys_pselect6_time64,
      { A_INT, A_PTR, A_PTR, A_PTR, A_PTR, A_PTR }, R_INT, SCF_NORESTART },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
