/* Memory mapping calls: argument translation around syscall/mmap.h. */
#include <errno.h>
#include <sys/mman.h>

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

/* Locking pages of the guest window is harmless and needs no translation. */
static int64_t sys_mlock(struct sc *c) { return 0; }

static int64_t sys_msync(struct sc *c)
{
    if (c->a[0] & ~guest_page_mask())
        return -EINVAL;
    if (c->a[1] && !page_check_range(c->a[0], c->a[1], PAGE_VALID))
        return -ENOMEM;
    return msync(g2h(c->a[0]), (size_t)c->a[1], (int)c->a[2]) < 0 ? -errno : 0;
}

const struct syscall_def syscalls_mem[] = {
    { GSYS_brk, sys_brk, { A_PTR }, R_PTR, 0 },
    { GSYS_mmap2, sys_mmap2, { A_PTR, A_ULONG, A_PROT, A_MFLAGS, A_FD, A_ULONG }, R_PTR, 0 },
    { GSYS_mmap, sys_mmap, { A_PTR, A_ULONG, A_PROT, A_MFLAGS, A_FD, A_ULONG }, R_PTR, 0 },
    { GSYS_munmap, sys_munmap, { A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_mprotect, sys_mprotect, { A_PTR, A_ULONG, A_PROT }, R_INT, 0 },
    { GSYS_mremap, sys_mremap, { A_PTR, A_ULONG, A_ULONG, A_HEX, A_PTR }, R_PTR, 0 },
    { GSYS_madvise, sys_madvise, { A_PTR, A_ULONG, A_INT }, R_INT, 0 },
    { GSYS_mlock, sys_mlock, { A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_munlock, sys_mlock, { A_PTR, A_ULONG }, R_INT, 0 },
    { GSYS_mlockall, sys_mlock, { A_HEX }, R_INT, 0 },
    { GSYS_munlockall, sys_mlock, { 0 }, R_INT, 0 },
    { GSYS_msync, sys_msync, { A_PTR, A_ULONG, A_HEX }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
