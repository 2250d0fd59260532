/* Scheduling policies and parameters, nice values, I/O priorities and getcpu. Policy,
 * priority and ioprio encodings are the same on every ABI; guest tids are host tids. */
#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/layouts.h"
#include "syscall/syscall.h"

static int64_t ret_errno(long r)
{
    return r < 0 ? -errno : r;
}

/* struct sched_param is one int everywhere. */
static int get_param(struct sc *c, uint64_t addr, struct sched_param *p)
{
    const void *g = guest_rd(addr, 4);
    if (!g)
        return -EFAULT;
    p->sched_priority = (int)abi_ld32(c->abi, g);
    return 0;
}

static int64_t sys_sched_setparam(struct sc *c)
{
    struct sched_param p;
    int r = get_param(c, c->a[1], &p);
    return r < 0 ? r : ret_errno(syscall(SYS_sched_setparam, (pid_t)c->a[0], &p));
}

static int64_t sys_sched_getparam(struct sc *c)
{
    void *out = guest_wr(c->a[1], 4);
    if (!out)
        return -EFAULT;
    struct sched_param p;
    if (syscall(SYS_sched_getparam, (pid_t)c->a[0], &p) < 0)
        return -errno;
    abi_st32(c->abi, out, (uint32_t)p.sched_priority);
    return 0;
}

static int64_t sys_sched_setscheduler(struct sc *c)
{
    struct sched_param p;
    int r = get_param(c, c->a[2], &p);
    if (r < 0)
        return r;
    return ret_errno(syscall(SYS_sched_setscheduler, (pid_t)c->a[0], (int)c->a[1], &p));
}

static int64_t sys_sched_getscheduler(struct sc *c)
{
    return ret_errno(syscall(SYS_sched_getscheduler, (pid_t)c->a[0]));
}

static int64_t sys_sched_get_priority_max(struct sc *c)
{
    return ret_errno(sched_get_priority_max((int)c->a[0]));
}

static int64_t sys_sched_get_priority_min(struct sc *c)
{
    return ret_errno(sched_get_priority_min((int)c->a[0]));
}

static int64_t do_rr_interval(struct sc *c, bool time64)
{
    struct timespec ts;
    if (sched_rr_get_interval((pid_t)c->a[0], &ts) < 0)
        return -errno;
    return put_timespec(c->abi, c->a[1], time64, &ts);
}

static int64_t sys_sched_rr_get_interval(struct sc *c)
{
    return do_rr_interval(c, c->abi->word_size == 8);
}
static int64_t sys_sched_rr_get_interval_time64(struct sc *c) { return do_rr_interval(c, true); }

/* The host's struct sched_attr, version 1 (56 bytes). */
struct host_sched_attr {
    uint32_t size, policy;
    uint64_t flags;
    int32_t nice;
    uint32_t priority;
    uint64_t runtime, deadline, period;
    uint32_t util_min, util_max;
};
enum { SCHED_ATTR_SIZE_VER0 = 48, SCHED_ATTR_SIZE_VER1 = 56 };

static int64_t sys_sched_setattr(struct sc *c)
{
    const void *p = guest_rd(c->a[1], 4);
    if (!p)
        return -EFAULT;
    uint32_t size = abi_ld32(c->abi, p);
    /* 0 means the first version; newer, bigger ones are refused as the kernel does
     * when their extra bytes are not zero: we only know these members. */
    if (size == 0)
        size = SCHED_ATTR_SIZE_VER0;
    if (size < SCHED_ATTR_SIZE_VER0 || size > 4096)
        return -E2BIG;
    const uint8_t *all = guest_rd(c->a[1], size);
    if (!all)
        return -EFAULT;
    for (uint32_t i = SCHED_ATTR_SIZE_VER1; i < size; i++)
        if (all[i])
            return -E2BIG;
    uint8_t buf[SCHED_ATTR_SIZE_VER1] = { 0 };
    for (uint32_t i = 0; i < size && i < sizeof buf; i++)
        buf[i] = all[i];
    uint64_t v[SA_A_COUNT];
    gstruct_load(c->abi, gl_sched_attr, buf, v);
    struct host_sched_attr a = {
        .size = size < SCHED_ATTR_SIZE_VER1 ? size : SCHED_ATTR_SIZE_VER1,
        .policy = (uint32_t)v[SA_A_POLICY], .flags = v[SA_A_FLAGS], .nice = (int32_t)v[SA_A_NICE],
        .priority = (uint32_t)v[SA_A_PRIORITY], .runtime = v[SA_A_RUNTIME],
        .deadline = v[SA_A_DEADLINE], .period = v[SA_A_PERIOD],
        .util_min = (uint32_t)v[SA_A_UTIL_MIN], .util_max = (uint32_t)v[SA_A_UTIL_MAX],
    };
    return ret_errno(syscall(SYS_sched_setattr, (pid_t)c->a[0], &a, (unsigned)c->a[2]));
}

static int64_t sys_sched_getattr(struct sc *c)
{
    uint32_t size = (uint32_t)c->a[2];
    if (size < SCHED_ATTR_SIZE_VER0 || size > 4096)
        return -EINVAL;
    uint8_t *out = guest_wr(c->a[1], size);
    if (!out)
        return -EFAULT;
    struct host_sched_attr a;
    if (syscall(SYS_sched_getattr, (pid_t)c->a[0], &a, sizeof a, (unsigned)c->a[3]) < 0)
        return -errno;
    uint64_t v[SA_A_COUNT] = {
        [SA_A_SIZE] = size < SCHED_ATTR_SIZE_VER1 ? size : SCHED_ATTR_SIZE_VER1,
        [SA_A_POLICY] = a.policy, [SA_A_FLAGS] = a.flags, [SA_A_NICE] = (uint64_t)a.nice,
        [SA_A_PRIORITY] = a.priority, [SA_A_RUNTIME] = a.runtime, [SA_A_DEADLINE] = a.deadline,
        [SA_A_PERIOD] = a.period, [SA_A_UTIL_MIN] = a.util_min, [SA_A_UTIL_MAX] = a.util_max,
    };
    uint8_t buf[SCHED_ATTR_SIZE_VER1];
    gstruct_store(c->abi, gl_sched_attr, buf, v);
    for (uint32_t i = 0; i < size; i++)
        out[i] = i < sizeof buf ? buf[i] : 0;
    return 0;
}

/* The raw call: 20 - nice, so the result is never negative (glibc's wrapper undoes it). */
static int64_t sys_getpriority(struct sc *c)
{
    return ret_errno(syscall(SYS_getpriority, (int)c->a[0], (id_t)c->a[1]));
}

static int64_t sys_setpriority(struct sc *c)
{
    return ret_errno(syscall(SYS_setpriority, (int)c->a[0], (id_t)c->a[1], (int)c->a[2]));
}

static int64_t sys_getcpu(struct sc *c)
{
    unsigned cpu, node;
    void *pc = c->a[0] ? guest_wr(c->a[0], 4) : NULL;
    void *pn = c->a[1] ? guest_wr(c->a[1], 4) : NULL;
    if ((c->a[0] && !pc) || (c->a[1] && !pn))
        return -EFAULT;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0)
        return -errno;
    if (pc)
        abi_st32(c->abi, pc, cpu);
    if (pn)
        abi_st32(c->abi, pn, node);
    return 0;
}

static int64_t sys_ioprio_get(struct sc *c)
{
    return ret_errno(syscall(SYS_ioprio_get, (int)c->a[0], (int)c->a[1]));
}

static int64_t sys_ioprio_set(struct sc *c)
{
    return ret_errno(syscall(SYS_ioprio_set, (int)c->a[0], (int)c->a[1], (int)c->a[2]));
}

const struct syscall_def syscalls_sched[] = {
    { GSYS_sched_setparam, sys_sched_setparam, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_sched_getparam, sys_sched_getparam, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_sched_setscheduler, sys_sched_setscheduler, { A_INT, A_SCHEDPOL, A_PTR }, R_INT, 0 },
    { GSYS_sched_getscheduler, sys_sched_getscheduler, { A_INT }, R_INT, 0 },
    { GSYS_sched_get_priority_max, sys_sched_get_priority_max, { A_SCHEDPOL }, R_INT, 0 },
    { GSYS_sched_get_priority_min, sys_sched_get_priority_min, { A_SCHEDPOL }, R_INT, 0 },
    { GSYS_sched_rr_get_interval, sys_sched_rr_get_interval, { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_sched_rr_get_interval_time64, sys_sched_rr_get_interval_time64,
      { A_INT, A_PTR }, R_INT, 0 },
    { GSYS_sched_setattr, sys_sched_setattr, { A_INT, A_PTR, A_UINT }, R_INT, 0 },
    { GSYS_sched_getattr, sys_sched_getattr, { A_INT, A_PTR, A_UINT, A_UINT }, R_INT, 0 },
    { GSYS_getpriority, sys_getpriority, { A_PRIOWHICH, A_INT }, R_INT, 0 },
    { GSYS_setpriority, sys_setpriority, { A_PRIOWHICH, A_INT, A_INT }, R_INT, 0 },
    { GSYS_getcpu, sys_getcpu, { A_PTR, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_ioprio_get, sys_ioprio_get, { A_INT, A_INT }, R_INT, 0 },
    { GSYS_ioprio_set, sys_ioprio_set, { A_INT, A_INT, A_HEX }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
