/* SysV semaphores. struct sembuf is three 16-bit members on every ABI (byte order
 * converted); union semun travels by value as a word: an int for SETVAL, a guest
 * pointer otherwise. semop and semtimedop block through safe_syscall and are never
 * restarted after a handler. */
#include <errno.h>
#include <stdlib.h>
#include <sys/sem.h>
#include <sys/syscall.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/ipc.h"
#include "syscall/layouts.h"
#include "syscall/safe-syscall.h"

/* SEMOPM's ceiling: the kernel's E2BIG limit is at most this. */
enum { NSOPS_MAX = 4096, SEMBUF_SIZE = 6 };

int64_t ipc_semtimedop(struct sc *c, int id, uint64_t sops, uint64_t nsops,
                       uint64_t timeout, bool time64)
{
    if (nsops < 1 || id < 0)
        return -EINVAL;
    if (nsops > NSOPS_MAX)
        return -E2BIG;
    const uint8_t *g = guest_rd(sops, nsops * SEMBUF_SIZE);
    if (!sops || !g)
        return -EFAULT;
    struct timespec ts;
    if (timeout) {
        int r = get_timespec(c->abi, timeout, time64, &ts);
        if (r < 0)
            return r;
    }
    struct sembuf *h = malloc(nsops * sizeof *h);
    if (!h)
        return -ENOMEM;
    for (uint64_t i = 0; i < nsops; i++) {
        uint64_t v[3];
        gstruct_load(c->abi, gl_sembuf, g + i * SEMBUF_SIZE, v);
        h[i].sem_num = (unsigned short)v[0];
        h[i].sem_op = (short)v[1];
        h[i].sem_flg = (short)v[2];
    }
    long r = safe_syscall6(SYS_semtimedop, id, (long)h, (long)nsops,
                           timeout ? (long)&ts : 0, 0, 0);
    free(h);
    return r;
}

static const struct gfield *semid_layout(struct sc *c, bool old)
{
    return old ? abi_semid_old_layout(c->abi) : abi_semid64_layout(c->abi);
}

static int put_semid(struct sc *c, uint64_t addr, const struct semid_ds *ds, bool old)
{
    uint64_t v[SEM_K_COUNT] = { 0 };
    ipc_perm_to_vals(&ds->sem_perm, v);
    ipc_time_to_vals(v, SEM_K_OTIME, ds->sem_otime);
    ipc_time_to_vals(v, SEM_K_CTIME, ds->sem_ctime);
    v[SEM_K_NSEMS] = ds->sem_nsems;
    return put_struct(c->abi, semid_layout(c, old), addr, v);
}

static int nsems_of(int id)
{
    struct semid_ds ds;
    return semctl(id, 0, IPC_STAT, &ds) < 0 ? -errno : (int)ds.sem_nsems;
}

/* GETALL / SETALL: an array of unsigned shorts in guest order. */
static int64_t semctl_all(struct sc *c, int id, int cmd, uint64_t arr)
{
    int n = nsems_of(id);
    if (n < 0)
        return n;
    unsigned short *h = malloc((size_t)(n ? n : 1) * sizeof *h);
    if (!h)
        return -ENOMEM;
    int64_t r = 0;
    uint8_t *g = cmd == GETALL ? guest_wr(arr, (uint64_t)n * 2) : guest_rd(arr, (uint64_t)n * 2);
    if (!g && n) {
        r = -EFAULT;
    } else if (cmd == SETALL) {
        for (int i = 0; i < n; i++)
            h[i] = abi_ld16(c->abi, g + 2 * i);
        r = semctl(id, 0, SETALL, h) < 0 ? -errno : 0;
    } else if (semctl(id, 0, GETALL, h) < 0) {
        r = -errno;
    } else {
        for (int i = 0; i < n; i++)
            abi_st16(c->abi, g + 2 * i, h[i]);
    }
    free(h);
    return r;
}

static int64_t semctl_set(struct sc *c, int id, uint64_t buf, bool old)
{
    uint64_t v[SEM_K_COUNT] = { 0 };
    int r = get_struct(c->abi, semid_layout(c, old), buf, v);
    if (r < 0)
        return r;
    struct semid_ds ds = { 0 };
    ds.sem_perm.uid = (uid_t)v[IPC_K_UID];
    ds.sem_perm.gid = (gid_t)v[IPC_K_GID];
    ds.sem_perm.mode = (unsigned short)v[IPC_K_MODE];
    return semctl(id, 0, IPC_SET, &ds) < 0 ? -errno : 0;
}

static int64_t semctl_info(struct sc *c, int id, int cmd, uint64_t buf)
{
    struct seminfo si;
    int r = semctl(id, 0, cmd, &si);
    if (r < 0)
        return -errno;
    uint64_t v[10] = { (uint64_t)si.semmap, (uint64_t)si.semmni, (uint64_t)si.semmns,
                       (uint64_t)si.semmnu, (uint64_t)si.semmsl, (uint64_t)si.semopm,
                       (uint64_t)si.semume, (uint64_t)si.semusz, (uint64_t)si.semvmx,
                       (uint64_t)si.semaem };
    int e = put_struct(c->abi, gl_seminfo, buf, v);
    return e < 0 ? e : r;
}

static int64_t semctl_stat(struct sc *c, int id, int cmd, uint64_t buf, bool old)
{
    struct semid_ds ds;
    int r = semctl(id, 0, cmd, &ds);
    if (r < 0)
        return -errno;
    int e = put_semid(c, buf, &ds, old);
    return e < 0 ? e : r;
}

int64_t ipc_semctl(struct sc *c, int id, int num, int cmd, uint64_t arg)
{
    bool old;
    int hcmd = ipc_parse_cmd(c->abi, cmd, &old);
    int r;
    switch (hcmd) {
    case IPC_RMID: case GETVAL: case GETPID: case GETNCNT: case GETZCNT:
        r = semctl(id, num, hcmd);
        break;
    case SETVAL:
        r = semctl(id, num, SETVAL, (int)arg);
        break;
    case GETALL: case SETALL:
        return semctl_all(c, id, hcmd, arg);
    case IPC_SET:
        return semctl_set(c, id, arg, old);
    case IPC_INFO: case SEM_INFO:
        return semctl_info(c, id, hcmd, arg);
    case IPC_STAT: case SEM_STAT: case SEM_STAT_ANY:
        return semctl_stat(c, id, hcmd, arg, old);
    default:
        return -EINVAL;
    }
    return r < 0 ? -errno : r;
}

static int64_t sys_semget(struct sc *c)
{
    int r = semget((key_t)c->a[0], (int)c->a[1], (int)c->a[2]);
    return r < 0 ? -errno : r;
}

static int64_t sys_semop(struct sc *c)
{
    return ipc_semtimedop(c, (int)c->a[0], c->a[1], c->a[2], 0, false);
}

static int64_t sys_semtimedop(struct sc *c)
{
    return ipc_semtimedop(c, (int)c->a[0], c->a[1], c->a[2], c->a[3],
                          c->abi->word_size == 8);
}

static int64_t sys_semtimedop_time64(struct sc *c)
{
    return ipc_semtimedop(c, (int)c->a[0], c->a[1], c->a[2], c->a[3], true);
}

static int64_t sys_semctl(struct sc *c)
{
    return ipc_semctl(c, (int)c->a[0], (int)c->a[1], (int)c->a[2], c->a[3]);
}

const struct syscall_def syscalls_ipc_sem[] = {
    { GSYS_semget, sys_semget, { A_INT, A_INT, A_IPCFLAGS }, R_INT, 0 },
    { GSYS_semop, sys_semop, { A_INT, A_PTR, A_ULONG }, R_INT, SCF_NORESTART },
    { GSYS_semtimedop, sys_semtimedop, { A_INT, A_PTR, A_ULONG, A_TIMESPEC }, R_INT,
      SCF_NORESTART },
    { GSYS_semtimedop_time64, sys_semtimedop_time64,
      { A_INT, A_PTR, A_ULONG, A_TIMESPEC64 }, R_INT, SCF_NORESTART },
    { GSYS_semctl, sys_semctl, { A_INT, A_INT, A_IPCCMD, A_HEX }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
