/* SysV shared memory. shmat maps the host segment into the guest space through
 * guest_mmap_attach (page flags, /proc/self/maps as "/SYSV<key> (deleted)", code
 * invalidation) at the guest's address (SHM_RND rounds it down to the ABI's SHMLBA,
 * SHM_REMAP may replace mappings) or at a free SHMLBA-aligned one; shmdt unmaps what
 * shmat mapped at that address. The attachments are remembered under the mmap lock. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/ipc.h"
#include "syscall/layouts.h"
#include "syscall/mmap.h"
#include "syscall/vma.h"
#include "tcg/page.h"

struct attachment {
    uint64_t addr, len;
};
static struct attachment *atts;
static size_t natts, cap_atts;

static void remember(uint64_t addr, uint64_t len)
{
    for (size_t i = 0; i < natts; i++)
        if (atts[i].addr == addr) {
            atts[i].len = len;
            return;
        }
    if (natts == cap_atts) {
        size_t ncap = cap_atts ? 2 * cap_atts : 16;
        struct attachment *n = realloc(atts, ncap * sizeof *n);
        if (!n)
            return;     /* shmdt then fails with EINVAL, as for a foreign address */
        atts = n;
        cap_atts = ncap;
    }
    atts[natts++] = (struct attachment){ addr, len };
}

static void forget(size_t i)
{
    atts[i] = atts[--natts];
}

/* Attachments that an munmap, mmap or mremap has since replaced are forgotten. */
static bool still_attached(uint64_t addr)
{
    uint64_t next;
    const struct vma_info *v = vma_find(addr, &next);
    return v && v->start == addr && v->shared && v->path &&
           strncmp(v->path, "/SYSV", 5) == 0;
}

struct shm_attach {
    int id, flags;
};

static void *attach_host(void *host, bool replace, void *opaque)
{
    const struct shm_attach *a = opaque;
    int flags = (a->flags & SHM_RDONLY) | (replace ? SHM_REMAP : 0);
    return shmat(a->id, host, flags);
}

static uint64_t shmlba(const struct syscall_table *abi)
{
    return abi->shmlba ? abi->shmlba : guest_page_size();
}

int64_t ipc_shmat(struct sc *c, int id, uint64_t addr, int flags)
{
    uint64_t lba = shmlba(c->abi);
    /* As the kernel: SHM_RND rounds down to SHMLBA, else a page-aligned address is
     * taken as it is unless the ABI forces SHMLBA. */
    if (addr & (lba - 1)) {
        if (flags & SHM_RND)
            addr &= ~(lba - 1);
        else if (c->abi->shmlba_forced || (addr & (guest_page_size() - 1)))
            return -EINVAL;
    }
    if (!addr && (flags & SHM_REMAP))
        return -EINVAL;
    struct shmid_ds ds;
    if (shmctl(id, IPC_STAT, &ds) < 0)
        return -errno;
    int prot = PROT_READ | (flags & SHM_RDONLY ? 0 : PROT_WRITE) |
               (flags & SHM_EXEC ? PROT_EXEC : 0);
    struct shm_attach a = { id, flags };
    guest_mmap_lock();
    int64_t r = guest_mmap_attach(addr, ds.shm_segsz, prot, flags & SHM_REMAP, lba,
                                  attach_host, &a);
    if (r >= 0) {
        uint64_t len = (ds.shm_segsz + guest_page_size() - 1) & guest_page_mask();
        char name[32];
        snprintf(name, sizeof name, "/SYSV%08x (deleted)", (unsigned)ds.shm_perm.__key);
        vma_name_shared((uint64_t)r, len, name);
        remember((uint64_t)r, len);
    }
    guest_mmap_unlock();
    return r;
}

int64_t ipc_shmdt(struct sc *c, uint64_t addr)
{
    (void)c;
    if (addr & (guest_page_size() - 1))
        return -EINVAL;
    int64_t r = -EINVAL;
    guest_mmap_lock();
    for (size_t i = 0; i < natts; i++) {
        if (atts[i].addr != addr)
            continue;
        uint64_t len = atts[i].len;
        forget(i);
        if (still_attached(addr))
            r = guest_munmap(addr, len);
        break;
    }
    guest_mmap_unlock();
    return r;
}

static const struct gfield *shmid_layout(struct sc *c, bool old)
{
    return old ? abi_shmid_old_layout(c->abi) : abi_shmid64_layout(c->abi);
}

static int put_shmid(struct sc *c, uint64_t addr, const struct shmid_ds *ds, bool old)
{
    uint64_t v[SHM_K_COUNT] = { 0 };
    ipc_perm_to_vals(&ds->shm_perm, v);
    v[SHM_K_SEGSZ] = ds->shm_segsz;
    ipc_time_to_vals(v, SHM_K_ATIME, ds->shm_atime);
    ipc_time_to_vals(v, SHM_K_DTIME, ds->shm_dtime);
    ipc_time_to_vals(v, SHM_K_CTIME, ds->shm_ctime);
    v[SHM_K_CPID] = (uint64_t)(int64_t)ds->shm_cpid;
    v[SHM_K_LPID] = (uint64_t)(int64_t)ds->shm_lpid;
    v[SHM_K_NATTCH] = ds->shm_nattch;
    return put_struct(c->abi, shmid_layout(c, old), addr, v);
}

static int64_t shmctl_set(struct sc *c, int id, uint64_t buf, bool old)
{
    uint64_t v[SHM_K_COUNT] = { 0 };
    int r = get_struct(c->abi, shmid_layout(c, old), buf, v);
    if (r < 0)
        return r;
    struct shmid_ds ds = { 0 };
    ds.shm_perm.uid = (uid_t)v[IPC_K_UID];
    ds.shm_perm.gid = (gid_t)v[IPC_K_GID];
    ds.shm_perm.mode = (unsigned short)v[IPC_K_MODE];
    return shmctl(id, IPC_SET, &ds) < 0 ? -errno : 0;
}

static int64_t shmctl_info(struct sc *c, int id, int cmd, uint64_t buf, bool old)
{
    union { struct shminfo info; struct shm_info sinfo; } u;
    int r = shmctl(id, cmd, (struct shmid_ds *)&u);
    if (r < 0)
        return -errno;
    int e;
    if (cmd == IPC_INFO) {
        uint64_t v[5] = { u.info.shmmax, u.info.shmmin, u.info.shmmni, u.info.shmseg,
                          u.info.shmall };
        e = put_struct(c->abi, old ? gl_shminfo_old : gl_shminfo64, buf, v);
    } else {
        uint64_t v[6] = { (uint64_t)u.sinfo.used_ids, u.sinfo.shm_tot, u.sinfo.shm_rss,
                          u.sinfo.shm_swp, u.sinfo.swap_attempts, u.sinfo.swap_successes };
        e = put_struct(c->abi, gl_shm_info, buf, v);
    }
    return e < 0 ? e : r;
}

int64_t ipc_shmctl(struct sc *c, int id, int cmd, uint64_t buf)
{
    bool old;
    int hcmd = ipc_parse_cmd(c->abi, cmd, &old);
    switch (hcmd) {
    case IPC_RMID: case SHM_LOCK: case SHM_UNLOCK:
        return shmctl(id, hcmd, NULL) < 0 ? -errno : 0;
    case IPC_SET:
        return shmctl_set(c, id, buf, old);
    case IPC_INFO: case SHM_INFO:
        return shmctl_info(c, id, hcmd, buf, old);
    case IPC_STAT: case SHM_STAT: case SHM_STAT_ANY: {
        struct shmid_ds st;
        int r = shmctl(id, hcmd, &st);
        if (r < 0)
            return -errno;
        int e = put_shmid(c, buf, &st, old);
        return e < 0 ? e : r;
    }
    default:
        return -EINVAL;
    }
}

static int64_t sys_shmget(struct sc *c)
{
    int r = shmget((key_t)c->a[0], c->a[1], (int)c->a[2]);
    return r < 0 ? -errno : r;
}

static int64_t sys_shmat(struct sc *c)
{
    return ipc_shmat(c, (int)c->a[0], c->a[1], (int)c->a[2]);
}

static int64_t sys_shmdt(struct sc *c)
{
    return ipc_shmdt(c, c->a[0]);
}

static int64_t sys_shmctl(struct sc *c)
{
    return ipc_shmctl(c, (int)c->a[0], (int)c->a[1], c->a[2]);
}

const struct syscall_def syscalls_ipc_shm[] = {
    { GSYS_shmget, sys_shmget, { A_INT, A_ULONG, A_IPCFLAGS }, R_INT, 0 },
    { GSYS_shmat, sys_shmat, { A_INT, A_PTR, A_SHMFLG }, R_PTR, 0 },
    { GSYS_shmdt, sys_shmdt, { A_PTR }, R_INT, 0 },
    { GSYS_shmctl, sys_shmctl, { A_INT, A_IPCCMD, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
