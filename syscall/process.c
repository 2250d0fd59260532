/* Process and thread identity, exit, and per-thread kernel bookkeeping. */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "syscall/guest-mem.h"
#include "syscall/syscall.h"

static int64_t ret_errno(int64_t r)
{
    return r < 0 ? -errno : r;
}

static int64_t sys_getpid(struct sc *c) { return getpid(); }
static int64_t sys_getppid(struct sc *c) { return getppid(); }
static int64_t sys_gettid(struct sc *c) { return gettid(); }

/* The legacy 16-bit calls report ids that do not fit as the overflow id. */
static int64_t id16(struct sc *c, uint32_t id)
{
    return c->abi->uid16 && id > 0xffff ? 65534 : id;
}

static int64_t sys_getuid(struct sc *c) { return id16(c, getuid()); }
static int64_t sys_geteuid(struct sc *c) { return id16(c, geteuid()); }
static int64_t sys_getgid(struct sc *c) { return id16(c, getgid()); }
static int64_t sys_getegid(struct sc *c) { return id16(c, getegid()); }
static int64_t sys_getuid32(struct sc *c) { return getuid(); }
static int64_t sys_geteuid32(struct sc *c) { return geteuid(); }
static int64_t sys_getgid32(struct sc *c) { return getgid(); }
static int64_t sys_getegid32(struct sc *c) { return getegid(); }

static int64_t put_ids(struct sc *c, const uint32_t ids[3], bool narrow)
{
    for (int i = 0; i < 3; i++) {
        void *p = guest_wr(c->a[i], narrow ? 2 : 4);
        if (!p)
            return -EFAULT;
        if (narrow)
            abi_st16(c->abi, p, (uint16_t)(ids[i] > 0xffff ? 65534 : ids[i]));
        else
            abi_st32(c->abi, p, ids[i]);
    }
    return 0;
}

static int64_t do_getresuid(struct sc *c, bool narrow)
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) < 0)
        return -errno;
    uint32_t ids[3] = { r, e, s };
    return put_ids(c, ids, narrow);
}

static int64_t do_getresgid(struct sc *c, bool narrow)
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) < 0)
        return -errno;
    uint32_t ids[3] = { r, e, s };
    return put_ids(c, ids, narrow);
}

static int64_t sys_getresuid(struct sc *c) { return do_getresuid(c, c->abi->uid16); }
static int64_t sys_getresgid(struct sc *c) { return do_getresgid(c, c->abi->uid16); }
static int64_t sys_getresuid32(struct sc *c) { return do_getresuid(c, false); }
static int64_t sys_getresgid32(struct sc *c) { return do_getresgid(c, false); }

static int64_t do_getgroups(struct sc *c, bool narrow)
{
    int size = (int)c->a[0];
    if (size < 0)
        return -EINVAL;
    gid_t *list = malloc(((size_t)size + 1) * sizeof *list);
    if (!list)
        return -ENOMEM;
    int n = getgroups(size, list);
    int64_t ret = n < 0 ? -errno : n;
    if (n > 0 && size > 0) {
        unsigned w = narrow ? 2 : 4;
        uint8_t *p = guest_wr(c->a[1], (uint64_t)n * w);
        if (!p) {
            ret = -EFAULT;
        } else {
            for (int i = 0; i < n; i++) {
                if (narrow)
                    abi_st16(c->abi, p + i * w, (uint16_t)(list[i] > 0xffff ? 65534 : list[i]));
                else
                    abi_st32(c->abi, p + i * w, list[i]);
            }
        }
    }
    free(list);
    return ret;
}

static int64_t sys_getgroups(struct sc *c) { return do_getgroups(c, c->abi->uid16); }
static int64_t sys_getgroups32(struct sc *c) { return do_getgroups(c, false); }

static int64_t sys_getpgrp(struct sc *c) { return getpgrp(); }
static int64_t sys_getpgid(struct sc *c) { return ret_errno(getpgid((pid_t)c->a[0])); }
static int64_t sys_setpgid(struct sc *c)
{
    return ret_errno(setpgid((pid_t)c->a[0], (pid_t)c->a[1]));
}
static int64_t sys_getsid(struct sc *c) { return ret_errno(getsid((pid_t)c->a[0])); }
static int64_t sys_setsid(struct sc *c) { return ret_errno(setsid()); }

static int64_t sys_set_tid_address(struct sc *c)
{
    c->ts->clear_child_tid = c->a[0];
    return c->ts->tid;
}

static int64_t sys_set_robust_list(struct sc *c)
{
    /* struct robust_list_head: three words (list, futex_offset, list_op_pending) */
    if (c->a[1] != 3ull * c->abi->word_size)
        return -EINVAL;
    c->ts->robust_list = c->a[0];
    c->ts->robust_list_len = c->a[1];
    return 0;
}

/* Another thread's list is known only for threads of this process. */
static int64_t sys_get_robust_list(struct sc *c)
{
    uint64_t h = c->ts->robust_list, n = c->ts->robust_list_len;
    if (c->a[0] && c->a[0] != (uint64_t)c->ts->tid && !thread_robust_list((int)c->a[0], &h, &n))
        return -ESRCH;
    void *head = guest_wr(c->a[1], c->abi->word_size);
    void *len = guest_wr(c->a[2], c->abi->word_size);
    if (!head || !len)
        return -EFAULT;
    abi_stword(c->abi, head, h);
    abi_stword(c->abi, len, n);
    return 0;
}

/* Restartable sequences would need the JIT's help; glibc copes with ENOSYS. */
static int64_t sys_rseq(struct sc *c) { return -ENOSYS; }

static int64_t sys_sched_yield(struct sc *c) { return ret_errno(sched_yield()); }

/* CPU masks are arrays of guest words (bit i of word j is CPU j * bits + i). */
static int64_t sys_sched_getaffinity(struct sc *c)
{
    unsigned w = c->abi->word_size;
    uint64_t len = c->a[1];
    if (len % w)
        return -EINVAL;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity((pid_t)c->a[0], sizeof set, &set) < 0)
        return -errno;
    int last = -1;
    for (int i = 0; i < CPU_SETSIZE; i++)
        if (CPU_ISSET(i, &set))
            last = i;
    uint64_t need = ((uint64_t)(last + 1) + w * 8 - 1) / (w * 8) * w;
    if (need == 0)
        need = w;
    if (len < need)
        return -EINVAL;
    uint8_t *out = guest_wr(c->a[2], need);
    if (!out)
        return -EFAULT;
    for (uint64_t word = 0; word < need / w; word++) {
        uint64_t v = 0;
        for (unsigned b = 0; b < w * 8; b++) {
            uint64_t cpu = word * w * 8 + b;
            if (cpu < CPU_SETSIZE && CPU_ISSET(cpu, &set))
                v |= 1ull << b;
        }
        abi_stword(c->abi, out + word * w, v);
    }
    return (int64_t)need;
}

static int64_t sys_sched_setaffinity(struct sc *c)
{
    unsigned w = c->abi->word_size;
    uint64_t len = c->a[1] / w * w;
    const uint8_t *in = guest_rd(c->a[2], len);
    if (!in)
        return -EFAULT;
    cpu_set_t set;
    CPU_ZERO(&set);
    for (uint64_t word = 0; word < len / w; word++) {
        uint64_t v = abi_ldword(c->abi, in + word * w);
        for (unsigned b = 0; b < w * 8; b++) {
            uint64_t cpu = word * w * 8 + b;
            if ((v >> b & 1) && cpu < CPU_SETSIZE)
                CPU_SET(cpu, &set);
        }
    }
    return ret_errno(sched_setaffinity((pid_t)c->a[0], sizeof set, &set));
}

static int64_t sys_prctl(struct sc *c)
{
    int option = (int)c->a[0];
    switch (option) {
    case PR_SET_NAME: {
        char name[16];
        const char *p = guest_rd(c->a[1], 1);
        if (!p)
            return -EFAULT;
        /* Up to 15 bytes, like the kernel: read only what is mapped. */
        long n = 0;
        while (n < 15 && guest_rd(c->a[1] + (uint64_t)n, 1) && p[n])
            n++;
        memcpy(name, p, (size_t)n);
        name[n] = 0;
        return ret_errno(prctl(PR_SET_NAME, name));
    }
    case PR_GET_NAME: {
        char *out = guest_wr(c->a[1], 16);
        if (!out)
            return -EFAULT;
        char name[16] = { 0 };
        if (prctl(PR_GET_NAME, name) < 0)
            return -errno;
        memcpy(out, name, 16);
        return 0;
    }
    case PR_GET_DUMPABLE:
    case PR_GET_NO_NEW_PRIVS:
    case PR_GET_KEEPCAPS:
        return ret_errno(prctl(option, 0, 0, 0, 0));
    case PR_GET_CHILD_SUBREAPER: {
        int on;
        if (prctl(PR_GET_CHILD_SUBREAPER, &on, 0, 0, 0) < 0)
            return -errno;
        void *out = guest_wr(c->a[1], 4);
        if (!out)
            return -EFAULT;
        abi_st32(c->abi, out, (uint32_t)on);
        return 0;
    }
    case PR_SET_DUMPABLE:
    case PR_SET_NO_NEW_PRIVS:
    case PR_SET_KEEPCAPS:
    case PR_SET_CHILD_SUBREAPER:
    case PR_CAPBSET_READ:
        return ret_errno(prctl(option, (unsigned long)c->a[1], 0, 0, 0));
    case PR_SET_PDEATHSIG: {
        int h = abi_sig_to_host(c->abi, (int)c->a[1]);
        if (c->a[1] && !h)
            return -EINVAL;
        return ret_errno(prctl(PR_SET_PDEATHSIG, (unsigned long)h, 0, 0, 0));
    }
    case PR_GET_PDEATHSIG: {
        int h;
        if (prctl(PR_GET_PDEATHSIG, &h, 0, 0, 0) < 0)
            return -errno;
        void *out = guest_wr(c->a[1], 4);
        if (!out)
            return -EFAULT;
        abi_st32(c->abi, out, (uint32_t)abi_sig_from_host(c->abi, h));
        return 0;
    }
    default:
        /* Seccomp and friends would act on crossrun itself: refuse. */
        return -EINVAL;
    }
}

const struct syscall_def syscalls_process[] = {
    { GSYS_getpid, sys_getpid, { 0 }, R_INT, 0 },
    { GSYS_getppid, sys_getppid, { 0 }, R_INT, 0 },
    { GSYS_gettid, sys_gettid, { 0 }, R_INT, 0 },
    { GSYS_getuid, sys_getuid, { 0 }, R_INT, 0 },
    { GSYS_geteuid, sys_geteuid, { 0 }, R_INT, 0 },
    { GSYS_getgid, sys_getgid, { 0 }, R_INT, 0 },
    { GSYS_getegid, sys_getegid, { 0 }, R_INT, 0 },
    { GSYS_getuid32, sys_getuid32, { 0 }, R_INT, 0 },
    { GSYS_geteuid32, sys_geteuid32, { 0 }, R_INT, 0 },
    { GSYS_getgid32, sys_getgid32, { 0 }, R_INT, 0 },
    { GSYS_getegid32, sys_getegid32, { 0 }, R_INT, 0 },
    { GSYS_getresuid, sys_getresuid, { A_PTR, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_getresgid, sys_getresgid, { A_PTR, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_getresuid32, sys_getresuid32, { A_PTR, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_getresgid32, sys_getresgid32, { A_PTR, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_getgroups, sys_getgroups, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_getgroups32, sys_getgroups32, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_getpgrp, sys_getpgrp, { 0 }, R_INT, 0 },
    { GSYS_getpgid, sys_getpgid, { A_INT }, R_INT, 0 },
    { GSYS_setpgid, sys_setpgid, { A_INT, A_INT }, R_INT, 0 },
    { GSYS_getsid, sys_getsid, { A_INT }, R_INT, 0 },
    { GSYS_setsid, sys_setsid, { 0 }, R_INT, 0 },
    { GSYS_set_tid_address, sys_set_tid_address, { A_PTR }, R_INT, 0 },
    { GSYS_set_robust_list, sys_set_robust_list, { A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_get_robust_list, sys_get_robust_list, { A_INT, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_rseq, sys_rseq, { A_PTR, A_UINT, A_INT, A_HEX }, R_INT, 0 },
    { GSYS_sched_yield, sys_sched_yield, { 0 }, R_INT, 0 },
    { GSYS_sched_getaffinity, sys_sched_getaffinity, { A_INT, A_UINT, A_PTR }, R_INT, 0 },
    { GSYS_sched_setaffinity, sys_sched_setaffinity, { A_INT, A_UINT, A_PTR }, R_INT, 0 },
    { GSYS_prctl, sys_prctl, { A_INT, A_HEX, A_HEX, A_HEX, A_HEX }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
