/* What the guest learns about the machine: uname, sysinfo, random bytes. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/syscall.h"
#include "target/target.h"

/* struct new_utsname: six 65-byte strings on every ABI. */
enum { UTS_LEN = 65, UTS_FIELDS = 6 };

static int64_t sys_uname(struct sc *c)
{
    char *out = guest_wr(c->a[0], UTS_LEN * UTS_FIELDS);
    if (!out)
        return -EFAULT;
    struct utsname u;
    if (uname(&u) < 0)
        return -errno;
    const char *fields[UTS_FIELDS] = { u.sysname, u.nodename, u.release, u.version,
                                       linux_proc.ops->uname_machine, u.domainname };
    memset(out, 0, UTS_LEN * UTS_FIELDS);
    for (int i = 0; i < UTS_FIELDS; i++)
        strncpy(out + i * UTS_LEN, fields[i], UTS_LEN - 1);
    return 0;
}

static int64_t sys_getrandom(struct sc *c)
{
    void *buf = guest_wr(c->a[0], c->a[1]);
    if (!buf)
        return -EFAULT;
    ssize_t n = getrandom(buf, (size_t)c->a[1], (unsigned)c->a[2]);
    return n < 0 ? -errno : n;
}

static int64_t sys_sysinfo(struct sc *c)
{
    struct sysinfo si;
    if (sysinfo(&si) < 0)
        return -errno;
    uint64_t unit = si.mem_unit ? si.mem_unit : 1;
    uint64_t mem[8] = { si.totalram, si.freeram, si.sharedram, si.bufferram,
                        si.totalswap, si.freeswap, si.totalhigh, si.freehigh };
    /* A 32-bit guest counts memory in bigger units when bytes would not fit. */
    uint64_t lim = c->abi->word_size == 4 ? 0xffffffffull : ~0ull;
    for (;;) {
        bool fits = true;
        for (int i = 0; i < 8; i++)
            fits &= mem[i] <= lim;
        if (fits || unit >= (1ull << 31))
            break;
        for (int i = 0; i < 8; i++)
            mem[i] >>= 1;
        unit <<= 1;
    }
    uint64_t v[SI_K_COUNT] = {
        [SI_K_UPTIME] = (uint64_t)si.uptime,
        [SI_K_LOADS] = si.loads[0], [SI_K_LOADS + 1] = si.loads[1],
        [SI_K_LOADS + 2] = si.loads[2],
        [SI_K_TOTALRAM] = mem[0], [SI_K_FREERAM] = mem[1], [SI_K_SHAREDRAM] = mem[2],
        [SI_K_BUFFERRAM] = mem[3], [SI_K_TOTALSWAP] = mem[4], [SI_K_FREESWAP] = mem[5],
        [SI_K_PROCS] = si.procs, [SI_K_TOTALHIGH] = mem[6], [SI_K_FREEHIGH] = mem[7],
        [SI_K_MEM_UNIT] = unit,
    };
    int r = put_struct(c->abi, gs_sysinfo(c->abi), c->a[0], v);
    return r == -EOVERFLOW ? 0 : r;
}

const struct syscall_def syscalls_system[] = {
    { GSYS_uname, sys_uname, { A_PTR }, R_INT, 0 },
    { GSYS_getrandom, sys_getrandom, { A_PTR, A_ULONG, A_HEX }, R_INT, 0 },
    { GSYS_sysinfo, sys_sysinfo, { A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
