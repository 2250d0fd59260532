/* SysV message queues. A guest struct msgbuf is the guest's long mtype followed by the
 * text; the host call gets a host msgbuf. msqid64_ds and msginfo are converted through
 * their layouts. msgsnd and msgrcv block through safe_syscall and are never restarted
 * after a handler (the kernel's -ERESTARTNOHAND). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/syscall.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/ipc.h"
#include "syscall/layouts.h"
#include "syscall/safe-syscall.h"

/* No message is longer than this on any host (msgmax is at most INT_MAX, but the
 * kernel caps what it allocates); a receive buffer is never bigger. */
enum { MSG_SIZE_LIMIT = 1 << 26 };

/* The host's msgmax (this IPC namespace's), or the limit above if it cannot tell. */
static uint64_t host_msgmax(void)
{
    struct msginfo mi;
    if (msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) < 0 || mi.msgmax <= 0)
        return MSG_SIZE_LIMIT;
    return (uint64_t)mi.msgmax < MSG_SIZE_LIMIT ? (uint64_t)mi.msgmax : MSG_SIZE_LIMIT;
}

/* In the kernel's order: mtype unreadable (EFAULT), a bad size, id or mtype (EINVAL),
 * then the text unreadable (EFAULT). */
int64_t ipc_msgsnd(struct sc *c, int id, uint64_t msgp, uint64_t size, int flags)
{
    unsigned w = c->abi->word_size;
    const uint8_t *g = guest_rd(msgp, w);
    if (!msgp || !g)
        return -EFAULT;
    long mtype = (long)abi_sext_word(c->abi, abi_ldword(c->abi, g));
    if ((int64_t)size < 0 || id < 0 || (size > 4096 && size > host_msgmax()) || mtype < 1)
        return -EINVAL;
    g = guest_rd(msgp, w + size);
    if (!g)
        return -EFAULT;
    long *buf = malloc(sizeof(long) + size + 1);
    if (!buf)
        return -ENOMEM;
    buf[0] = mtype;
    memcpy(buf + 1, g + w, size);
    long r = safe_syscall6(SYS_msgsnd, id, (long)buf, (long)size, flags, 0, 0);
    free(buf);
    return r;
}

/* As the kernel, only the message that arrives must fit in the guest's memory, not the
 * whole buffer it claims; a message that does not is taken off the queue and the call
 * fails with EFAULT. */
int64_t ipc_msgrcv(struct sc *c, int id, uint64_t msgp, uint64_t size, int64_t type,
                   int flags)
{
    unsigned w = c->abi->word_size;
    if ((int64_t)size < 0 || id < 0)
        return -EINVAL;
    if (size > 4096) {
        uint64_t max = host_msgmax();   /* no message is longer */
        if (size > max)
            size = max;
    }
    long *buf = malloc(sizeof(long) + size + 1);
    if (!buf)
        return -ENOMEM;
    long r = safe_syscall6(SYS_msgrcv, id, (long)buf, (long)size, (long)type, flags, 0);
    if (r >= 0) {
        uint8_t *g = msgp ? guest_wr(msgp, w + (uint64_t)r) : NULL;
        if (g) {
            abi_stword(c->abi, g, (uint64_t)buf[0]);
            memcpy(g + w, buf + 1, (size_t)r);
        } else {
            r = -EFAULT;
        }
    }
    free(buf);
    return r;
}

static const struct gfield *msqid_layout(struct sc *c, bool old)
{
    return old ? abi_msqid_old_layout(c->abi) : abi_msqid64_layout(c->abi);
}

static uint64_t sat16(uint64_t v)
{
    return v > 0xffff ? 0xffff : v;
}

static int put_msqid(struct sc *c, uint64_t addr, const struct msqid_ds *ds, bool old)
{
    uint64_t v[MSQ_K_COUNT] = { 0 };
    ipc_perm_to_vals(&ds->msg_perm, v);
    ipc_time_to_vals(v, MSQ_K_STIME, ds->msg_stime);
    ipc_time_to_vals(v, MSQ_K_RTIME, ds->msg_rtime);
    ipc_time_to_vals(v, MSQ_K_CTIME, ds->msg_ctime);
    v[MSQ_K_LCBYTES] = ds->__msg_cbytes;
    v[MSQ_K_LQBYTES] = ds->msg_qbytes;
    /* The old struct's 16-bit copies saturate, as the kernel's. */
    v[MSQ_K_CBYTES] = old ? sat16(ds->__msg_cbytes) : ds->__msg_cbytes;
    v[MSQ_K_QNUM] = old ? sat16(ds->msg_qnum) : ds->msg_qnum;
    v[MSQ_K_QBYTES] = old ? sat16(ds->msg_qbytes) : ds->msg_qbytes;
    v[MSQ_K_LSPID] = (uint64_t)(int64_t)ds->msg_lspid;
    v[MSQ_K_LRPID] = (uint64_t)(int64_t)ds->msg_lrpid;
    return put_struct(c->abi, msqid_layout(c, old), addr, v);
}

static int64_t msgctl_set(struct sc *c, int id, uint64_t buf, bool old)
{
    uint64_t v[MSQ_K_COUNT] = { 0 };
    int r = get_struct(c->abi, msqid_layout(c, old), buf, v);
    if (r < 0)
        return r;
    struct msqid_ds ds = { 0 };
    ds.msg_perm.uid = (uid_t)v[IPC_K_UID];
    ds.msg_perm.gid = (gid_t)v[IPC_K_GID];
    ds.msg_perm.mode = (unsigned short)v[IPC_K_MODE];
    /* The old struct: a zero 16-bit qbytes means "take the long one". */
    ds.msg_qbytes = old && !v[MSQ_K_QBYTES] ? v[MSQ_K_LQBYTES] : v[MSQ_K_QBYTES];
    return msgctl(id, IPC_SET, &ds) < 0 ? -errno : 0;
}

static int64_t msgctl_info(struct sc *c, int id, int cmd, uint64_t buf)
{
    struct msginfo mi;
    int r = msgctl(id, cmd, (struct msqid_ds *)&mi);
    if (r < 0)
        return -errno;
    uint64_t v[8] = { (uint64_t)mi.msgpool, (uint64_t)mi.msgmap, (uint64_t)mi.msgmax,
                      (uint64_t)mi.msgmnb, (uint64_t)mi.msgmni, (uint64_t)mi.msgssz,
                      (uint64_t)mi.msgtql, mi.msgseg };
    int e = put_struct(c->abi, gl_msginfo, buf, v);
    return e < 0 ? e : r;
}

int64_t ipc_msgctl(struct sc *c, int id, int cmd, uint64_t buf)
{
    bool old;
    int hcmd = ipc_parse_cmd(c->abi, cmd, &old);
    switch (hcmd) {
    case IPC_RMID:
        return msgctl(id, IPC_RMID, NULL) < 0 ? -errno : 0;
    case IPC_SET:
        return msgctl_set(c, id, buf, old);
    case IPC_INFO: case MSG_INFO:
        return msgctl_info(c, id, hcmd, buf);
    case IPC_STAT: case MSG_STAT: case MSG_STAT_ANY: {
        struct msqid_ds st;
        int r = msgctl(id, hcmd, &st);
        if (r < 0)
            return -errno;
        int e = put_msqid(c, buf, &st, old);
        return e < 0 ? e : r;
    }
    default:
        return -EINVAL;
    }
}

static int64_t sys_msgget(struct sc *c)
{
    int r = msgget((key_t)c->a[0], (int)c->a[1]);
    return r < 0 ? -errno : r;
}

static int64_t sys_msgsnd(struct sc *c)
{
    return ipc_msgsnd(c, (int)c->a[0], c->a[1], c->a[2], (int)c->a[3]);
}

static int64_t sys_msgrcv(struct sc *c)
{
    return ipc_msgrcv(c, (int)c->a[0], c->a[1], c->a[2], (int64_t)c->a[3], (int)c->a[4]);
}

static int64_t sys_msgctl(struct sc *c)
{
    return ipc_msgctl(c, (int)c->a[0], (int)c->a[1], c->a[2]);
}

const struct syscall_def syscalls_ipc_msg[] = {
    { GSYS_msgget, sys_msgget, { A_INT, A_IPCFLAGS }, R_INT, 0 },
    { GSYS_msgsnd, sys_msgsnd, { A_INT, A_PTR, A_ULONG, A_MSGFLG }, R_INT, SCF_NORESTART },
    { GSYS_msgrcv, sys_msgrcv, { A_INT, A_PTR, A_ULONG, A_LONG, A_MSGFLG }, R_INT,
      SCF_NORESTART },
    { GSYS_msgctl, sys_msgctl, { A_INT, A_IPCCMD, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
