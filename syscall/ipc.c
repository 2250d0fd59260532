/* What the SysV IPC calls share, and ipc(2): the one entry 32-bit MIPS (and other old
 * ABIs) had for all of them before Linux 5.1 gave each its own number. Its call number
 * carries a version in the top 16 bits; version 0 of MSGRCV passes the buffer and type
 * in a struct ipc_kludge, version 0 of SHMAT stores the address through 'third'. */
#include "syscall/ipc.h"

#include <errno.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/layouts.h"

enum { GUEST_IPC_64 = 0x100 };

int ipc_parse_cmd(const struct syscall_table *abi, int cmd, bool *old)
{
    *old = false;
    /* Without versions (asm-generic 64-bit ABIs) IPC_64 is an unknown bit: EINVAL. */
    if (!abi->ipc_old_layouts)
        return cmd;
    *old = !(cmd & GUEST_IPC_64);
    return cmd & ~GUEST_IPC_64;
}

void ipc_perm_to_vals(const struct ipc_perm *p, uint64_t *vals)
{
    vals[IPC_K_KEY] = (uint64_t)(int64_t)p->__key;
    vals[IPC_K_UID] = p->uid;
    vals[IPC_K_GID] = p->gid;
    vals[IPC_K_CUID] = p->cuid;
    vals[IPC_K_CGID] = p->cgid;
    vals[IPC_K_MODE] = p->mode;
    vals[IPC_K_SEQ] = p->__seq;
}

void ipc_time_to_vals(uint64_t *vals, unsigned key, int64_t t)
{
    vals[key] = (uint64_t)t;
    vals[key + 1] = (uint64_t)t >> 32;
}

/* ipc(2) call numbers (linux/ipc.h) */
enum { SEMOP = 1, SEMGET, SEMCTL, SEMTIMEDOP, MSGSND = 11, MSGRCV, MSGGET, MSGCTL,
       SHMAT = 21, SHMDT, SHMGET, SHMCTL };

static int64_t ipc_msgrcv_kludge(struct sc *c, int id, uint64_t size, int flags,
                                 uint64_t kludge)
{
    unsigned w = c->abi->word_size;
    const uint8_t *k = guest_rd(kludge, 2 * w);
    if (!kludge || !k)
        return -EFAULT;
    uint64_t msgp = abi_ldword(c->abi, k);
    int64_t type = abi_sext_word(c->abi, abi_ldword(c->abi, k + w));
    return ipc_msgrcv(c, id, msgp, size, type, flags);
}

static int64_t ipc_shmat_v0(struct sc *c, int id, uint64_t addr, int flags, uint64_t out)
{
    int64_t r = ipc_shmat(c, id, addr, flags);
    if (r < 0)
        return r;
    void *p = guest_wr(out, c->abi->word_size);
    if (!p)
        return -EFAULT;      /* as the kernel: the segment stays attached */
    abi_stword(c->abi, p, (uint64_t)r);
    return 0;
}

static int64_t ipc_semctl_ptr(struct sc *c, int id, int num, int cmd, uint64_t ptr)
{
    const void *p = guest_rd(ptr, c->abi->word_size);
    if (!ptr || !p)
        return -EFAULT;
    return ipc_semctl(c, id, num, cmd, abi_ldword(c->abi, p));
}

static int64_t host_ret(int r)
{
    return r < 0 ? -errno : r;
}

/* ipc(call, first, second, third, ptr, fifth) */
static int64_t sys_ipc(struct sc *c)
{
    unsigned call = (unsigned)c->a[0] & 0xffff, version = (unsigned)c->a[0] >> 16;
    int first = (int)c->a[1];
    uint64_t second = c->a[2], third = c->a[3], ptr = c->a[4], fifth = c->a[5];
    bool t64 = c->abi->word_size == 8;
    switch (call) {
    case SEMOP:
        return ipc_semtimedop(c, first, ptr, second, 0, t64);
    case SEMTIMEDOP:
        return ipc_semtimedop(c, first, ptr, second, fifth, t64);
    case SEMGET:
        return host_ret(semget(first, (int)second, (int)third));
    case SEMCTL:
        return ipc_semctl_ptr(c, first, (int)second, (int)third, ptr);
    case MSGSND:
        return ipc_msgsnd(c, first, ptr, second, (int)third);
    case MSGRCV:
        if (version == 0)
            return ipc_msgrcv_kludge(c, first, second, (int)third, ptr);
        return ipc_msgrcv(c, first, ptr, second, abi_sext_word(c->abi, fifth), (int)third);
    case MSGGET:
        return host_ret(msgget(first, (int)second));
    case MSGCTL:
        return ipc_msgctl(c, first, (int)second, ptr);
    case SHMAT:
        if (version == 1)
            return -EINVAL;     /* iBCS2 emulators only */
        return ipc_shmat_v0(c, first, ptr, (int)second, third);
    case SHMDT:
        return ipc_shmdt(c, ptr);
    case SHMGET:
        return host_ret(shmget(first, second, (int)third));
    case SHMCTL:
        return ipc_shmctl(c, first, (int)second, ptr);
    default:
        return -ENOSYS;
    }
}

const struct syscall_def syscalls_ipc[] = {
    { GSYS_ipc, sys_ipc, { A_UINT, A_INT, A_ULONG, A_ULONG, A_PTR, A_LONG }, R_INT,
      SCF_NORESTART },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
