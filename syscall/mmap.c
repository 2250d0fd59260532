/* Guest memory-mapping syscalls (see syscall/mmap.h).
 *
 * In window mode (32-bit guests, or -R) the whole guest space is one host PROT_NONE
 * reservation; every guest mapping is a host MAP_FIXED mapping replacing part of it, and
 * unmapping puts the reservation back. So the host never places its own mappings in the
 * guest's range, and guest_base + addr is always either the guest's memory or a hole
 * that faults. Host mremap() is the exception: it leaves a hole at the source for an
 * instant before we re-reserve it (a concurrent host mmap could land there; the window
 * is tiny and only file or shared mappings take that path).
 *
 * In identity mode (64-bit guests without -R, untested) guest addresses are host
 * addresses, so searches are confirmed with MAP_FIXED_NOREPLACE and unmapping really
 * unmaps; guest MAP_FIXED can clobber crossrun's own memory there, as on qemu. */
#include "syscall/mmap.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "common/log.h"
#include "syscall/vma.h"
#include "tcg/exec.h"
#include "tcg/page.h"

/* Linux's default vm.mmap_min_addr on Debian: searches never go below it. */
#define MMAP_MIN_ADDR 0x10000ull

static pthread_mutex_t mmap_mutex = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local unsigned lock_depth;

static uint64_t mmap_base;       /* top-down searches start below this */
static uint64_t task_limit;      /* first address not given to the guest */
static uint64_t brk_start, brk_cur, brk_mapped;

void guest_mmap_lock(void)
{
    if (lock_depth++ == 0)
        pthread_mutex_lock(&mmap_mutex);
}

void guest_mmap_unlock(void)
{
    if (--lock_depth == 0)
        pthread_mutex_unlock(&mmap_mutex);
}

static bool identity_mode(void) { return guest_base == 0; }
static uint64_t pgsize(void) { return guest_page_size(); }
static uint64_t pg_up(uint64_t x) { return (x + pgsize() - 1) & ~(pgsize() - 1); }
static uint64_t win_end(void) { return guest_addr_max + 1; }

static uint64_t limit_of(uint64_t task_size)
{
    return task_size && task_size <= win_end() ? task_size : win_end();
}

void guest_mmap_init(uint64_t base, uint64_t task_size)
{
    guest_mmap_lock();
    task_limit = limit_of(task_size) & guest_page_mask();
    mmap_base = base && base < task_limit ? base & guest_page_mask() : task_limit;
    brk_start = brk_cur = brk_mapped = 0;
    guest_mmap_unlock();
}

static uint64_t task_end(void)
{
    return task_limit ? task_limit : win_end();
}

/* Guest page flags for a host PROT_ value. */
static int prot_flags(int prot)
{
    return (prot & PROT_READ ? PAGE_READ : 0) | (prot & PROT_WRITE ? PAGE_WRITE : 0) |
           (prot & PROT_EXEC ? PAGE_EXEC : 0);
}

/* Host protection for guest flags; see host_prot_of in tcg/page.c for the rules. */
static int host_prot(int flags)
{
    int prot = 0;
    if (flags & (PAGE_READ | PAGE_EXEC))
        prot |= PROT_READ;
    if ((flags & PAGE_WRITE) && !(flags & PAGE_CODE))
        prot |= PROT_READ | PROT_WRITE;
    return prot;
}

static bool range_any(uint64_t start, uint64_t len, int flags)
{
    for (uint64_t p = start; p - start < len; p += pgsize())
        if (page_get_flags(p) & flags)
            return true;
    return false;
}

static bool range_free(uint64_t start, uint64_t len)
{
    return len && page_find_free(start, start + len, len, pgsize()) == start;
}

/* Puts [start, start+len) back to the host reservation. */
static int reserve(uint64_t start, uint64_t len)
{
    if (!len)
        return 0;
    if (identity_mode())
        return munmap(g2h(start), len) < 0 ? -errno : 0;
    void *p = mmap(g2h(start), len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    return p == MAP_FAILED ? -errno : 0;
}

/* After a host call that may have unmapped part of [start, start+len) before failing:
 * refill holes with the reservation and forget the guest pages that were there. */
static void repair_holes(uint64_t start, uint64_t len)
{
    if (identity_mode())
        return;
    for (uint64_t p = start; p - start < len; p += pgsize()) {
        void *h = g2h(p);
        void *r = mmap(h, pgsize(), PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
                       -1, 0);
        if (r == h)
            page_set_flags(p, p + pgsize(), 0);
        else if (r != MAP_FAILED)
            munmap(r, pgsize());
    }
}

/* --- finding free guest space --- */

struct gap_search {
    uint64_t lo, hi, len, align;
    uint64_t gap_start;       /* end of the previous mapping */
    uint64_t best;
};

static void gap_consider(struct gap_search *g, uint64_t start, uint64_t end)
{
    if (start < g->lo)
        start = g->lo;
    if (end > g->hi)
        end = g->hi;
    if (end <= start || end - start < g->len)
        return;
    uint64_t cand = (end - g->len) & ~(g->align - 1);
    if (cand >= start)
        g->best = cand;       /* gaps come in ascending order: the last fit is highest */
}

static int gap_visit(void *opaque, uint64_t start, uint64_t end, int flags)
{
    struct gap_search *g = opaque;
    gap_consider(g, g->gap_start, start);
    g->gap_start = end;
    return start >= g->hi;
}

/* Highest align-aligned free range of len bytes inside [lo, hi), or -1: Linux's
 * top-down allocator, without its randomization. */
static uint64_t find_top_down(uint64_t lo, uint64_t hi, uint64_t len, uint64_t align)
{
    struct gap_search g = { lo, hi, len, align, 0, (uint64_t)-1 };
    if (hi <= lo)
        return (uint64_t)-1;
    if (!page_walk(gap_visit, &g))
        gap_consider(&g, g.gap_start, hi);
    return g.best;
}

/* Where a non-fixed mapping goes: the hint if it is free, else top-down below
 * mmap_base, else bottom-up above it. -1 if the guest space is full. */
static uint64_t find_space(uint64_t hint, uint64_t len, uint64_t align)
{
    uint64_t top = task_end();
    if (align < pgsize())
        align = pgsize();
    if (len == 0 || len > top)
        return (uint64_t)-1;
    if (hint) {
        hint = (hint + align - 1) & ~(align - 1);
        if (hint >= MMAP_MIN_ADDR && hint <= top - len && range_free(hint, len))
            return hint;
    }
    uint64_t base = mmap_base ? mmap_base : top;
    uint64_t a = find_top_down(MMAP_MIN_ADDR, base, len, align);
    if (a == (uint64_t)-1)
        a = page_find_free(base, top, len, align);
    return a;
}

int64_t guest_find_unmapped(uint64_t hint, uint64_t len, uint64_t align)
{
    if (align & (align - 1))
        return -EINVAL;
    guest_mmap_lock();
    uint64_t a = find_space(hint, pg_up(len), align);
    guest_mmap_unlock();
    return a == (uint64_t)-1 ? -ENOMEM : (int64_t)a;
}

/* --- mmap --- */

/* Host flags for a guest mapping at a chosen address. Flags the host must not see:
 * GROWSDOWN (the host would grow into our reservation, not the guest's space; the
 * guest mapping is simply fixed-size), HUGETLB (the guest gets ordinary pages), STACK
 * and 32BIT (placement hints we already decided). */
static int host_map_flags(int flags, bool replace)
{
    flags &= ~(MAP_FIXED | MAP_FIXED_NOREPLACE | MAP_GROWSDOWN | MAP_STACK | MAP_32BIT |
               MAP_HUGETLB | ((unsigned)MAP_HUGE_MASK << MAP_HUGE_SHIFT));
    /* In identity mode the table does not know crossrun's own mappings. */
    return flags | (replace || !identity_mode() ? MAP_FIXED : MAP_FIXED_NOREPLACE);
}

static void log_map(const char *what, uint64_t addr, uint64_t len, int prot, int64_t r)
{
    if (log_enabled(LOG_PAGE))
        log_printf("page: %s 0x%08llx+0x%llx prot %c%c%c -> %s0x%llx\n", what,
                   (unsigned long long)addr, (unsigned long long)len,
                   prot & PROT_READ ? 'r' : '-', prot & PROT_WRITE ? 'w' : '-',
                   prot & PROT_EXEC ? 'x' : '-', r < 0 ? "-" : "",
                   (unsigned long long)(r < 0 ? -r : r));
}

/* Maps at a chosen guest address and records it. Caller holds the mmap lock. */
static int64_t map_at(uint64_t start, uint64_t len, int prot, int flags, int fd,
                      uint64_t off, bool replace)
{
    bool anon = flags & MAP_ANONYMOUS;
    void *h = g2h(start);
    void *p = mmap(h, len, host_prot(prot_flags(prot)), host_map_flags(flags, replace),
                   anon ? -1 : fd, anon ? 0 : (off_t)off);
    if (p == MAP_FAILED) {
        int err = -errno;
        if (replace)
            repair_holes(start, len);
        return err;
    }
    if (p != h) {           /* old kernel ignoring MAP_FIXED_NOREPLACE */
        munmap(p, len);
        return -EEXIST;
    }
    bool had_code = range_any(start, len, PAGE_CODE | PAGE_EXEC);
    int pf = PAGE_VALID | prot_flags(prot);
    if (anon && (flags & MAP_TYPE) == MAP_PRIVATE)
        pf |= PAGE_ANON;
    page_set_flags(start, start + len, 0);     /* a new mapping holds no code yet */
    page_set_flags(start, start + len, pf);
    vma_map(start, len, anon ? -1 : fd, off, (flags & MAP_TYPE) != MAP_PRIVATE);
    if (had_code)
        tb_invalidate_range(start, start + len);
    return (int64_t)start;
}

static int64_t do_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd,
                       uint64_t off)
{
    int type = flags & MAP_TYPE;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (len == 0 || (off & (pgsize() - 1)))
        return -EINVAL;
    uint64_t alen = pg_up(len);
    if (alen < len || alen == 0)
        return -ENOMEM;
    if (!(flags & MAP_ANONYMOUS) && off + alen < off)
        return -EOVERFLOW;
    prot &= PROT_READ | PROT_WRITE | PROT_EXEC;

    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr & (pgsize() - 1))
            return -EINVAL;
        /* The whole window, not just task_size: targets map their special pages (the
         * ARM kuser helpers at 0xffff0000) above it with MAP_FIXED. */
        if (addr > win_end() || alen > win_end() - addr)
            return -ENOMEM;
        if ((flags & MAP_FIXED_NOREPLACE) && range_any(addr, alen, PAGE_VALID))
            return -EEXIST;
        return map_at(addr, alen, prot, flags, fd, off, true);
    }
    /* In identity mode a candidate may collide with a host mapping the table does not
     * know: mark it reserved and look again. */
    for (int tries = 0; tries < 64; tries++) {
        uint64_t a = find_space(addr, alen, pgsize());
        if (a == (uint64_t)-1)
            return -ENOMEM;
        int64_t r = map_at(a, alen, prot, flags, fd, off, false);
        if (r != -EEXIST)
            return r;
        page_set_flags(a, a + alen, PAGE_RESERVED);
        addr = 0;
    }
    return -ENOMEM;
}

int64_t guest_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
    guest_mmap_lock();
    int64_t r = do_mmap(addr, len, prot, flags, fd, off);
    guest_mmap_unlock();
    log_map("mmap", addr, len, prot, r);
    return r;
}

/* --- mappings made by others (shmat) --- */

static int64_t attach_at(uint64_t a, uint64_t len, int prot, bool replace,
                         guest_attach_fn *attach, void *opaque)
{
    bool had_code = range_any(a, len, PAGE_CODE | PAGE_EXEC);
    void *h = g2h(a);
    void *p = attach(h, replace || !identity_mode(), opaque);
    if (p == (void *)-1) {
        int err = -errno;
        if (replace)
            repair_holes(a, len);
        return err;
    }
    page_set_flags(a, a + len, 0);
    page_set_flags(a, a + len, PAGE_VALID | prot_flags(prot));
    vma_map(a, len, -1, 0, true);
    if (had_code)
        tb_invalidate_range(a, a + len);
    return (int64_t)a;
}

static int64_t do_attach(uint64_t addr, uint64_t len, int prot, bool replace,
                         uint64_t align, guest_attach_fn *attach, void *opaque)
{
    uint64_t alen = pg_up(len);
    if (alen < len || alen == 0)
        return -EINVAL;
    if (addr) {
        if (addr > win_end() || alen > win_end() - addr)
            return -EINVAL;
        if (!replace && range_any(addr, alen, PAGE_VALID))
            return -EINVAL;
        return attach_at(addr, alen, prot, replace, attach, opaque);
    }
    /* As do_mmap: in identity mode a host mapping may sit in a free-looking range. */
    for (int tries = 0; tries < 64; tries++) {
        uint64_t a = find_space(0, alen, align);
        if (a == (uint64_t)-1)
            return -ENOMEM;
        int64_t r = attach_at(a, alen, prot, false, attach, opaque);
        if (r != -EINVAL || !identity_mode())
            return r;
        page_set_flags(a, a + alen, PAGE_RESERVED);
    }
    return -ENOMEM;
}

int64_t guest_mmap_attach(uint64_t addr, uint64_t len, int prot, bool replace,
                          uint64_t align, guest_attach_fn *attach, void *opaque)
{
    if (align & (align - 1))
        return -EINVAL;
    guest_mmap_lock();
    int64_t r = do_attach(addr, len, prot, replace, align, attach, opaque);
    guest_mmap_unlock();
    log_map("attach", addr, len, prot, r);
    return r;
}

/* --- munmap --- */

static int do_munmap(uint64_t addr, uint64_t len)
{
    bool code = range_any(addr, len, PAGE_CODE | PAGE_EXEC);
    int r = 0;
    if (identity_mode()) {
        /* Only what the guest mapped: the rest may be crossrun's. */
        for (uint64_t p = addr; p - addr < len; p += pgsize())
            if ((page_get_flags(p) & PAGE_VALID) && munmap(g2h(p), pgsize()) < 0)
                r = -errno;
    } else {
        r = reserve(addr, len);
    }
    if (r < 0)
        return r;
    page_set_flags(addr, addr + len, 0);
    vma_unmap(addr, len);
    if (code)
        tb_invalidate_range(addr, addr + len);
    return 0;
}

int guest_munmap(uint64_t addr, uint64_t len)
{
    if ((addr & (pgsize() - 1)) || len == 0)
        return -EINVAL;
    uint64_t alen = pg_up(len);
    if (alen < len || addr > win_end() || alen > win_end() - addr)
        return -EINVAL;
    guest_mmap_lock();
    int r = do_munmap(addr, alen);
    guest_mmap_unlock();
    if (log_enabled(LOG_PAGE))
        log_printf("page: munmap 0x%08llx+0x%llx -> %d\n", (unsigned long long)addr,
                   (unsigned long long)len, r);
    return r;
}

/* --- mprotect --- */

/* End of the run of pages from addr (below end) whose flags equal addr's. */
static uint64_t run_end(uint64_t addr, uint64_t end, int *flags)
{
    *flags = page_get_flags(addr);
    uint64_t p = addr + pgsize();
    while (p < end && page_get_flags(p) == *flags)
        p += pgsize();
    return p;
}

static int do_mprotect(uint64_t addr, uint64_t len, int prot)
{
    if (!page_check_range(addr, len, PAGE_VALID))
        return -ENOMEM;
    int pf = prot_flags(prot);
    bool drop_exec = !(pf & PAGE_EXEC) && range_any(addr, len, PAGE_EXEC | PAGE_CODE);
    uint64_t end = addr + len;
    for (uint64_t s = addr; s < end;) {
        int f;
        uint64_t e = run_end(s, end, &f);
        int nf = PAGE_VALID | pf | (f & PAGE_ANON);
        /* A code page stays host read-only while the guest may write it. */
        if (mprotect(g2h(s), e - s, host_prot(nf | (f & PAGE_CODE))) < 0)
            return -errno;
        page_set_flags(s, e, nf);
        s = e;
    }
    if (drop_exec)
        tb_invalidate_range(addr, end);
    return 0;
}

int guest_mprotect(uint64_t addr, uint64_t len, int prot)
{
    if (addr & (pgsize() - 1))
        return -EINVAL;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
        return -EINVAL;
    if ((prot & (PROT_GROWSDOWN | PROT_GROWSUP)) == (PROT_GROWSDOWN | PROT_GROWSUP))
        return -EINVAL;
    if (len == 0)
        return 0;
    uint64_t alen = pg_up(len);
    if (alen < len || addr > win_end() || alen > win_end() - addr)
        return -ENOMEM;
    guest_mmap_lock();
    int r = do_mprotect(addr, alen, prot & (PROT_READ | PROT_WRITE | PROT_EXEC));
    guest_mmap_unlock();
    log_map("mprotect", addr, len, prot, r);
    return r;
}

/* --- mremap --- */

/* Moves [old, old+old_len) to dest (new_len bytes) with the host's mremap. */
static int64_t remap_move(uint64_t old, uint64_t old_len, uint64_t new_len, int flags,
                          uint64_t dest, int f0)
{
    int hflags = MREMAP_MAYMOVE | MREMAP_FIXED | (flags & MREMAP_DONTUNMAP);
    bool code_old = range_any(old, old_len ? old_len : pgsize(), PAGE_CODE | PAGE_EXEC);
    bool code_dest = range_any(dest, new_len, PAGE_CODE | PAGE_EXEC);
    void *r = mremap(g2h(old), old_len, new_len, hflags, g2h(dest));
    if (r == MAP_FAILED) {
        int err = -errno;
        repair_holes(dest, new_len);
        return err;
    }
    if (!(flags & MREMAP_DONTUNMAP) && old_len) {
        if (!identity_mode())
            reserve(old, old_len);
        page_set_flags(old, old + old_len, 0);
    }
    page_set_flags(dest, dest + new_len, 0);
    page_set_flags(dest, dest + new_len, f0);
    vma_move(old, old_len, dest, new_len, flags & MREMAP_DONTUNMAP);
    /* The pages keep their host protection: code pages moved here were read-only. */
    mprotect(g2h(dest), new_len, host_prot(f0));
    if (code_old)
        tb_invalidate_range(old, old + old_len);
    if (code_dest)
        tb_invalidate_range(dest, dest + new_len);
    return (int64_t)dest;
}

/* Grows [old, old+old_len) in place into the free pages after it. */
static int grow_in_place(uint64_t old, uint64_t old_len, uint64_t new_len, int f0)
{
    uint64_t tail = old + old_len, tail_len = new_len - old_len;
    if (f0 & PAGE_ANON) {
        /* Private anonymous memory grows with fresh zero pages: the same thing the
         * kernel does, with no moment where the reservation has a hole. */
        void *p = mmap(g2h(tail), tail_len, host_prot(f0),
                       MAP_PRIVATE | MAP_ANONYMOUS | (identity_mode() ? MAP_FIXED_NOREPLACE
                                                                      : MAP_FIXED), -1, 0);
        if (p == MAP_FAILED)
            return -errno;
    } else {
        if (!identity_mode() && munmap(g2h(tail), tail_len) < 0)
            return -errno;
        if (mremap(g2h(old), old_len, new_len, 0) == MAP_FAILED) {
            int err = -errno;
            if (!identity_mode())
                reserve(tail, tail_len);
            return err;
        }
    }
    page_set_flags(tail, tail + tail_len, f0);
    vma_grow(old, old_len, new_len);
    return 0;
}

static int64_t do_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, int flags,
                         uint64_t new_addr)
{
    if (old_len > win_end() - old)
        return -EFAULT;
    /* Linux wants one VMA: all pages mapped with the same protection. */
    int f0 = page_get_flags(old) & ~PAGE_CODE;
    if (!(f0 & PAGE_VALID))
        return -EFAULT;
    for (uint64_t p = old; p - old < old_len; p += pgsize())
        if ((page_get_flags(p) & ~PAGE_CODE) != f0)
            return -EFAULT;

    if (flags & MREMAP_FIXED) {
        if (new_addr & (pgsize() - 1))
            return -EINVAL;
        if (new_addr > win_end() || new_len > win_end() - new_addr)
            return -EINVAL;
        if (new_addr < old + old_len && old < new_addr + new_len)
            return -EINVAL;
        return remap_move(old, old_len, new_len, flags, new_addr, f0);
    }
    if (flags & MREMAP_DONTUNMAP) {
        uint64_t dest = find_space(0, new_len, pgsize());
        if (dest == (uint64_t)-1)
            return -ENOMEM;
        return remap_move(old, old_len, new_len, flags, dest, f0);
    }
    if (new_len <= old_len) {
        if (new_len < old_len) {
            int r = do_munmap(old + new_len, old_len - new_len);
            if (r < 0)
                return r;
        }
        return (int64_t)old;
    }
    uint64_t tail = old + old_len;
    if (old_len && tail <= task_end() && new_len - old_len <= task_end() - tail &&
        range_free(tail, new_len - old_len) &&
        grow_in_place(old, old_len, new_len, f0) == 0)
        return (int64_t)old;
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    uint64_t dest = find_space(0, new_len, pgsize());
    if (dest == (uint64_t)-1)
        return -ENOMEM;
    return remap_move(old, old_len, new_len, flags, dest, f0);
}

int64_t guest_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags,
                     uint64_t new_addr)
{
    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
        return -EINVAL;
    if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if ((flags & MREMAP_DONTUNMAP) && old_len != new_len)
        return -EINVAL;
    if (old_addr & (pgsize() - 1))
        return -EINVAL;
    uint64_t olen = pg_up(old_len), nlen = pg_up(new_len);
    if (olen < old_len || nlen < new_len || nlen == 0)
        return -EINVAL;
    guest_mmap_lock();
    int64_t r = do_mremap(old_addr, olen, nlen, flags, new_addr);
    guest_mmap_unlock();
    if (log_enabled(LOG_PAGE))
        log_printf("page: mremap 0x%08llx+0x%llx -> +0x%llx: %s0x%llx\n",
                   (unsigned long long)old_addr, (unsigned long long)old_len,
                   (unsigned long long)new_len, r < 0 ? "-" : "",
                   (unsigned long long)(r < 0 ? -r : r));
    return r;
}

/* --- brk --- */

void guest_brk_init(uint64_t start_brk)
{
    guest_mmap_lock();
    brk_start = brk_cur = brk_mapped = pg_up(start_brk);
    guest_mmap_unlock();
}

/* Zeroes [start, end) where the guest can write (it may have unmapped heap pages). */
static void zero_range(uint64_t start, uint64_t end)
{
    if (end <= start)
        return;
    page_prepare_write(start, end - start);
    for (uint64_t p = start; p < end;) {
        uint64_t next = (p & guest_page_mask()) + pgsize();
        if (next > end)
            next = end;
        if ((page_get_flags(p) & (PAGE_VALID | PAGE_WRITE)) == (PAGE_VALID | PAGE_WRITE))
            memset(g2h(p), 0, next - p);
        p = next;
    }
}

static uint64_t do_brk(uint64_t newbrk)
{
    if (!brk_start || newbrk < brk_start || newbrk > task_end())
        return brk_cur;
    uint64_t top = pg_up(newbrk);
    if (top <= brk_mapped) {
        if (top < brk_mapped && do_munmap(top, brk_mapped - top) == 0)
            brk_mapped = top;
        if (newbrk > brk_cur)
            zero_range(brk_cur, newbrk);
        brk_cur = newbrk;
        return brk_cur;
    }
    /* Growing onto new pages: they must be free (no stack guard, no mapping), like the
     * kernel's check against the next VMA. */
    if (!range_free(brk_mapped, top - brk_mapped))
        return brk_cur;
    int64_t r = map_at(brk_mapped, top - brk_mapped, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, false);
    if (r < 0)
        return brk_cur;
    zero_range(brk_cur, brk_mapped);
    brk_mapped = top;
    brk_cur = newbrk;
    return brk_cur;
}

uint64_t guest_brk(uint64_t newbrk)
{
    guest_mmap_lock();
    uint64_t r = do_brk(newbrk);
    guest_mmap_unlock();
    if (log_enabled(LOG_PAGE) && newbrk)
        log_printf("page: brk 0x%08llx -> 0x%08llx\n", (unsigned long long)newbrk,
                   (unsigned long long)r);
    return r;
}

bool guest_access_ok(uint64_t addr, uint64_t len, int prot)
{
    if (len && (addr + len - 1 < addr || addr + len - 1 > guest_addr_max))
        return false;
    return page_check_range(addr, len, PAGE_VALID | prot_flags(prot));
}
