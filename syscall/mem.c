/* Memory mapping calls: argument translation around syscall/mmap.h. */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall/guest-mem.h"
#include "syscall/mmap.h"
#include "syscall/syscall.h"
#include "tcg/exec.h"
#include "tcg/page.h"

/* PROT_ values are the same on every Linux ABI. */
static int64_t do_mmap(struct sc *c, uint64_t addr, uint64_t len, uint64_t prot,
                       uint64_t flags, uint64_t fd, uint64_t off)
{
    int hflags = (int)abi_mmap_flags_to_host(c->abi, (uint32_t)flags);
    return guest_mmap(addr, len, (int)prot, hflags, (int)(int32_t)fd, off);
}

static int64_t sys_mmap2(struct sc *c)
{
    return do_mmap(c, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4],
                   c->a[5] << c->abi->mmap2_shift);
}

static int64_t sys_mmap(struct sc *c)
{
    if (!c->abi->old_mmap)
        return do_mmap(c, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
    /* The six arguments are words in guest memory. */
    unsigned w = c->abi->word_size;
    const uint8_t *p = guest_rd(c->a[0], 6ull * w);
    if (!p)
        return -EFAULT;
    uint64_t v[6];
    for (int i = 0; i < 6; i++)
        v[i] = abi_ldword(c->abi, p + i * w);
    if (v[5] & ~guest_page_mask())
        return -EINVAL;
    return do_mmap(c, v[0], v[1], v[2], v[3], v[4], v[5]);
}

static int64_t sys_munmap(struct sc *c) { return guest_munmap(c->a[0], c->a[1]); }

static int64_t sys_mprotect(struct sc *c)
{
    return guest_mprotect(c->a[0], c->a[1], (int)c->a[2]);
}

static int64_t sys_mremap(struct sc *c)
{
    return guest_mremap(c->a[0], c->a[1], c->a[2], (int)c->a[3], c->a[4]);
}

static int64_t sys_brk(struct sc *c) { return (int64_t)guest_brk(c->a[0]); }

static int64_t sys_madvise(struct sc *c)
{
    uint64_t addr = c->a[0], len = c->a[1];
    int advice = (int)c->a[2];
    if (addr & ~guest_page_mask())
        return -EINVAL;
    len = (len + guest_page_size() - 1) & guest_page_mask();
    if (len && !page_check_range(addr, len, PAGE_VALID))
        return -ENOMEM;
    /* Only DONTNEED changes what the guest sees (fresh pages); other advice may be
     * ignored, as the kernel may ignore it. */
    if (advice != MADV_DONTNEED || !len)
        return 0;
    if (madvise(g2h(addr), (size_t)len, MADV_DONTNEED) < 0)
        return -errno;
    for (uint64_t a = addr; a < addr + len; a += guest_page_size()) {
        if (page_get_flags(a) & PAGE_CODE) {
            tb_invalidate_range(addr, addr + len);
            break;
        }
    }
    return 0;
}

/* The guest's pages are locked on the host, within the host's RLIMIT_MEMLOCK. */
static int64_t do_mlock(struct sc *c, bool lock)
{
    uint64_t start = c->a[0] & guest_page_mask(), len = c->a[1] + (c->a[0] - start);
    len = (len + guest_page_size() - 1) & guest_page_mask();
    if (!len)
        return 0;
    if (len < c->a[1] || !page_check_range(start, len, PAGE_VALID))
        return -ENOMEM;
    int r = lock ? mlock(g2h(start), (size_t)len) : munlock(g2h(start), (size_t)len);
    return r < 0 ? -errno : 0;
}

static int64_t sys_mlock(struct sc *c) { return do_mlock(c, true); }
static int64_t sys_munlock(struct sc *c) { return do_mlock(c, false); }

static int64_t sys_mlock2(struct sc *c)
{
    if (c->a[2] & ~(uint64_t)MLOCK_ONFAULT)
        return -EINVAL;
    return do_mlock(c, true);
}

/* Locking all of crossrun (its code cache, its reservations) would be a different
 * request from the guest's, and would run into the host's limit for no guest reason:
 * accepted with the flags checked, as a kernel without a limit would. */
static int64_t sys_mlockall(struct sc *c)
{
    uint64_t known = MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT;
    if (!c->a[0] || (c->a[0] & ~known) || c->a[0] == MCL_ONFAULT)
        return -EINVAL;
    return 0;
}

static int64_t sys_munlockall(struct sc *c) { return 0; }

static int64_t sys_msync(struct sc *c)
{
    if (c->a[0] & ~guest_page_mask())
        return -EINVAL;
    if (c->a[1] && !page_check_range(c->a[0], c->a[1], PAGE_VALID))
        return -ENOMEM;
    return msync(g2h(c->a[0]), (size_t)c->a[1], (int)c->a[2]) < 0 ? -errno : 0;
}

/* One byte per guest page: bit 0 set when any host page behind it is resident. */
static int64_t sys_mincore(struct sc *c)
{
    uint64_t addr = c->a[0], len = c->a[1];
    if (addr & ~guest_page_mask())
        return -EINVAL;
    uint64_t gpages = (len + guest_page_size() - 1) / guest_page_size();
    if (len && !page_check_range(addr, len, PAGE_VALID))
        return -ENOMEM;
    uint8_t *out = guest_wr(c->a[2], gpages);
    if (!out)
        return -EFAULT;
    if (!gpages)
        return 0;
    uint64_t hpage = (uint64_t)sysconf(_SC_PAGESIZE), per = guest_page_size() / hpage;
    unsigned char *vec = malloc((size_t)(gpages * per));
    if (!vec)
        return -ENOMEM;
    int64_t r = 0;
    if (mincore(g2h(addr), (size_t)(gpages * guest_page_size()), vec) < 0) {
        r = -errno;
    } else {
        for (uint64_t i = 0; i < gpages; i++) {
            uint8_t any = 0;
            for (uint64_t j = 0; j < per; j++)
                any |= vec[i * per + j] & 1;
            out[i] = any;
        }
    }
    free(vec);
    return r;
}

/* memfd_create's flags (MFD_CLOEXEC, MFD_ALLOW_SEALING, MFD_HUGETLB and its size bits)
 * are the same on every ABI. */
static int64_t sys_memfd_create(struct sc *c)
{
    char name[256];
    long n = guest_strcpy(name, sizeof name, c->a[0]);
    if (n < 0)
        return n == -ENAMETOOLONG ? -EINVAL : n;
    int fd = memfd_create(name, (unsigned)c->a[1]);
    return fd < 0 ? -errno : fd;
}

/* The barriers act on the host threads that run the guest's threads: the same set. */
static int64_t sys_membarrier(struct sc *c)
{
    long r = syscall(SYS_membarrier, (int)c->a[0], (unsigned)c->a[1], (int)c->a[2]);
    return r < 0 ? -errno : r;
}

const struct syscall_def syscalls_mem[] = {
    { GSYS_brk, sys_brk, { A_PTR }, R_PTR, 0 },
    { GSYS_mmap2, sys_mmap2, { A_PTR, A_ULONG, A_PROT, A_MFLAGS, A_FD, A_ULONG }, R_PTR, 0 },
    { GSYS_mmap, sys_mmap, { A_PTR, A_ULONG, A_PROT, A_MFLAGS, A_FD, A_ULONG }, R_PTR, 0 },
    { GSYS_munmap, sys_munmap, { A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_mprotect, sys_mprotect, { A_PTR, A_ULONG, A_PROT }, R_INT, 0 },
    { GSYS_mremap, sys_mremap, { A_PTR, A_ULONG, A_ULONG, A_HEX, A_PTR }, R_PTR, 0 },
    { GSYS_madvise, sys_madvise, { A_PTR, A_ULONG, A_MADV }, R_INT, 0 },
    { GSYS_mlock, sys_mlock, { A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_munlock, sys_munlock, { A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_mlockall, sys_mlockall, { A_HEX }, R_INT, 0 },
    { GSYS_munlockall, sys_munlockall, { 0 }, R_INT, 0 },
    { GSYS_mlock2, sys_mlock2, { A_PTR, A_ULONG, A_HEX }, R_INT, 0 },
    { GSYS_mincore, sys_mincore, { A_PTR, A_ULONG, A_PTR }, R_INT, 0 },
    { GSYS_memfd_create, sys_memfd_create, { A_STR, A_HEX }, R_INT, 0 },
    { GSYS_membarrier, sys_membarrier, { A_INT, A_HEX, A_INT }, R_INT, 0 },
    { GSYS_msync, sys_msync, { A_PTR, A_ULONG, A_HEX }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
