/* Guest address space and the guest page-flags table (see tcg/page.h).
 *
 * The table is a radix tree indexed by guest page number: interior nodes of 2^10
 * pointers, leaves of 2^10 one-byte flag entries. A 32-bit guest with 4 KiB pages has a
 * 20-bit page number, so the tree is two levels deep and all its leaves (1 MiB) are
 * allocated up front in one block the kernel zero-fills lazily; wider guests get more
 * interior levels and leaves allocated on first use.
 *
 * Readers (the fault handler, the translator, syscalls checking buffers) never lock:
 * node pointers are published with release stores and flags are single atomic bytes.
 * Writers serialize on page_lock.  page_unprotect() drops that lock before calling
 * tb_invalidate_range(), because tb.c holds its own lock while calling
 * page_protect_code(), and the two must not be taken in opposite orders.
 *
 * 64-bit guests: with reserved_va the guest gets a window like a 32-bit one. Without
 * it, guest_base is 0 and guest addresses are host addresses ("identity mode"); the
 * table then covers 47 bits (four levels) but knows nothing of crossrun's own host
 * mappings, so syscall/mmap.c must map with MAP_FIXED_NOREPLACE there. That mode is
 * untested until a 64-bit target exists. */
#include "tcg/page.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "common/log.h"
#include "tcg/exec.h"

uintptr_t guest_base;
uint64_t guest_addr_max;
unsigned guest_page_bits = 12;

enum { LEAF_BITS = 10, NODE_BITS = 10 };
#define LEAF_SIZE (1u << LEAF_BITS)
#define NODE_SIZE (1u << NODE_BITS)

/* Unmapped, inaccessible bytes after a 32-bit window: a guest access that straddles
 * the top of the address space faults instead of touching a host neighbour. */
#define WINDOW_TAIL_GUARD GUEST_WINDOW_GUARD
/* Inaccessible space below the window too: generated code folds small constant
 * offsets into its addressing, so base + offset can step just outside the window on
 * either side when the guest address arithmetic wraps; such accesses fault here and
 * tcg_handle_fault maps them back to the wrapped guest address. */
#define WINDOW_HEAD_GUARD WINDOW_TAIL_GUARD

typedef _Atomic(void *) node_t;

struct leaf {
    _Atomic uint32_t used;        /* entries != 0: lets scans skip empty leaves */
    _Atomic uint8_t f[LEAF_SIZE];
};

static node_t *top;               /* root node: 1 << top_bits entries */
static unsigned top_bits;
static unsigned levels;           /* interior levels, root included (>= 1) */
static uint64_t npages;           /* pages in the guest space */
static void *leaf_block;          /* all leaves, when preallocated */
static void *window;              /* host reservation (NULL in identity mode) */
static size_t window_len;

static pthread_mutex_t page_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned level_shift(unsigned k)
{
    return LEAF_BITS + NODE_BITS * (levels - 1 - k);
}

static unsigned level_bits(unsigned k)
{
    return k == 0 ? top_bits : NODE_BITS;
}

/* The leaf holding page idx. With alloc, missing nodes are created (caller holds
 * page_lock); without, a missing subtree gives NULL and *skip is set to the first page
 * index after it, so scans can jump over unmapped space. */
static struct leaf *leaf_of(uint64_t idx, bool alloc, uint64_t *skip)
{
    node_t *node = top;
    for (unsigned k = 0; k < levels; k++) {
        unsigned shift = level_shift(k);
        uint64_t i = (idx >> shift) & ((1ull << level_bits(k)) - 1);
        void *next = atomic_load_explicit(&node[i], memory_order_acquire);
        if (!next) {
            if (!alloc) {
                if (skip)
                    *skip = ((idx >> shift) + 1) << shift;
                return NULL;
            }
            size_t bytes = k + 1 < levels ? NODE_SIZE * sizeof(node_t) : sizeof(struct leaf);
            next = calloc(1, bytes);
            if (!next)
                return NULL;
            atomic_store_explicit(&node[i], next, memory_order_release);
        }
        node = next;
    }
    return (struct leaf *)node;
}

/* For scans: like leaf_of() without allocation, but an empty leaf counts as missing. */
static struct leaf *scan_leaf(uint64_t idx, uint64_t *skip)
{
    struct leaf *l = leaf_of(idx, false, skip);
    if (l && atomic_load_explicit(&l->used, memory_order_relaxed) == 0) {
        *skip = (idx | (LEAF_SIZE - 1)) + 1;
        return NULL;
    }
    return l;
}

static int leaf_get(struct leaf *l, uint64_t idx)
{
    return atomic_load_explicit(&l->f[idx & (LEAF_SIZE - 1)], memory_order_relaxed);
}

static void free_node(node_t *node, unsigned k)
{
    if (!node)
        return;
    for (uint64_t i = 0; i < (1ull << level_bits(k)); i++) {
        void *child = atomic_load_explicit(&node[i], memory_order_relaxed);
        if (k + 1 < levels)
            free_node(child, k + 1);
        else if (!leaf_block)
            free(child);
    }
    free(node);
}

static void table_free(void)
{
    free_node(top, 0);
    free(leaf_block);
    top = NULL;
    leaf_block = NULL;
}

static int table_init(uint64_t pages)
{
    unsigned idx_bits = 0;
    while ((1ull << idx_bits) < pages)
        idx_bits++;
    levels = 1;
    while (LEAF_BITS + NODE_BITS * levels < idx_bits)
        levels++;
    top_bits = idx_bits > LEAF_BITS + NODE_BITS * (levels - 1)
                   ? idx_bits - LEAF_BITS - NODE_BITS * (levels - 1) : 0;
    npages = pages;
    top = calloc(1ull << top_bits, sizeof(node_t));
    if (!top)
        return -ENOMEM;
    /* Small spaces get every leaf now, so recording a mapping can never fail later. */
    if (levels == 1) {
        size_t nleaves = 1ull << top_bits;
        leaf_block = calloc(nleaves, sizeof(struct leaf));
        if (!leaf_block) {
            free(top);
            top = NULL;
            return -ENOMEM;
        }
        for (size_t i = 0; i < nleaves; i++)
            atomic_store_explicit(&top[i], (struct leaf *)leaf_block + i,
                                  memory_order_relaxed);
    }
    return 0;
}

int guest_space_init(unsigned addr_bits, unsigned page_bits, uintptr_t base,
                     uint64_t reserved_va)
{
    if (page_bits < 12 || page_bits > 16 || (addr_bits != 32 && addr_bits != 64))
        return -EINVAL;
    uint64_t pg = 1ull << page_bits;
    if ((base & (pg - 1)) || (reserved_va & (pg - 1)))
        return -EINVAL;

    /* Start over (tests load several programs in one process). */
    if (window)
        munmap(window, window_len);
    window = NULL;
    table_free();
    guest_base = 0;
    guest_page_bits = page_bits;

    uint64_t size = reserved_va;
    if (addr_bits == 32) {
        if (!size)
            size = 1ull << 32;
        if (size > 1ull << 32)
            return -EINVAL;
    } else if (!size) {
        /* Identity mode: see the note at the top of this file. */
        if (base)
            return -EINVAL;
        guest_addr_max = (1ull << 47) - 1;
        return table_init(1ull << (47 - page_bits));
    }

    size_t len = WINDOW_HEAD_GUARD + size + WINDOW_TAIL_GUARD;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    if (base && base < WINDOW_HEAD_GUARD)
        return -EINVAL;
    if (base)
        flags |= MAP_FIXED_NOREPLACE;
    void *p = mmap(base ? (void *)(base - WINDOW_HEAD_GUARD) : NULL, len, PROT_NONE, flags,
                   -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    if (base && (uintptr_t)p != base - WINDOW_HEAD_GUARD) {
        /* Kernels before 4.17 take MAP_FIXED_NOREPLACE as a mere hint. */
        munmap(p, len);
        return -EEXIST;
    }
    int r = table_init(size >> page_bits);
    if (r < 0) {
        munmap(p, len);
        return r;
    }
    window = p;
    window_len = len;
    guest_base = (uintptr_t)p + WINDOW_HEAD_GUARD;
    guest_addr_max = size - 1;
    return 0;
}

bool h2g_valid(const void *p)
{
    return (uintptr_t)p - guest_base <= guest_addr_max;
}

int page_get_flags(uint64_t addr)
{
    if (!top || addr > guest_addr_max)
        return 0;
    uint64_t idx = addr >> guest_page_bits;
    struct leaf *leaf = leaf_of(idx, false, NULL);
    return leaf ? leaf_get(leaf, idx) : 0;
}

/* Page index range [*first, *last) of [start, end) clipped to the guest space;
 * false if empty. */
static bool page_range(uint64_t start, uint64_t end, uint64_t *first, uint64_t *last)
{
    if (!top || end <= start || start > guest_addr_max)
        return false;
    if (end - 1 > guest_addr_max)
        end = guest_addr_max + 1;
    *first = start >> guest_page_bits;
    *last = (end + guest_page_size() - 1) >> guest_page_bits;
    if (*last > npages)
        *last = npages;
    return *first < *last;
}

void page_table_lock(void) { pthread_mutex_lock(&page_lock); }
void page_table_unlock(void) { pthread_mutex_unlock(&page_lock); }

void page_set_flags(uint64_t start, uint64_t end, int flags)
{
    uint64_t idx, last;
    if (!page_range(start, end, &idx, &last))
        return;
    pthread_mutex_lock(&page_lock);
    while (idx < last) {
        uint64_t skip = last;
        struct leaf *leaf = leaf_of(idx, flags != 0, &skip);
        if (!leaf) {
            if (flags == 0) {       /* nothing recorded there: already clear */
                idx = skip;
                continue;
            }
            /* Only identity mode allocates here; a failed 1 KiB allocation leaves the
             * table unable to describe the guest, which nothing downstream survives. */
            log_printf("crossrun: out of memory recording guest pages\n");
            abort();
        }
        for (; idx < last; idx++) {
            _Atomic uint8_t *e = &leaf->f[idx & (LEAF_SIZE - 1)];
            int old = atomic_load_explicit(e, memory_order_relaxed);
            int nf = flags;
            /* Translated code stays recorded across protection changes of a live
             * mapping: its TBs exist until someone invalidates them. */
            if ((flags & PAGE_VALID) && (old & PAGE_VALID))
                nf |= old & PAGE_CODE;
            atomic_store_explicit(e, (uint8_t)nf, memory_order_relaxed);
            if (!old != !nf)
                atomic_fetch_add_explicit(&leaf->used, nf ? 1u : (uint32_t)-1,
                                          memory_order_relaxed);
            if (((idx + 1) & (LEAF_SIZE - 1)) == 0) {
                idx++;
                break;
            }
        }
    }
    pthread_mutex_unlock(&page_lock);
}

bool page_check_range(uint64_t addr, uint64_t len, int flags)
{
    if (len == 0)
        return true;
    if (addr + len - 1 < addr || addr + len - 1 > guest_addr_max)
        return false;
    uint64_t pg = guest_page_size();
    for (uint64_t p = addr & ~(pg - 1); p <= addr + len - 1; p += pg) {
        if ((page_get_flags(p) & flags) != flags)
            return false;
        if (p + pg < p)
            break;
    }
    return true;
}

uint64_t page_find_free(uint64_t start, uint64_t end, uint64_t len, uint64_t align)
{
    uint64_t pg = guest_page_size();
    if (align < pg)
        align = pg;
    if (!top || len == 0 || (align & (align - 1)))
        return (uint64_t)-1;
    if (end - 1 > guest_addr_max)
        end = guest_addr_max + 1;
    len = (len + pg - 1) & ~(pg - 1);

    uint64_t cand = (start + align - 1) & ~(align - 1);
    while (cand >= start && cand < end && end - cand >= len) {
        /* Scan the candidate; on the first busy page, restart just above it. */
        uint64_t idx = cand >> guest_page_bits;
        uint64_t last = (cand + len) >> guest_page_bits;
        uint64_t busy = (uint64_t)-1;
        while (idx < last) {
            uint64_t skip = last;
            struct leaf *leaf = scan_leaf(idx, &skip);
            if (!leaf) {
                idx = skip;
                continue;
            }
            if (leaf_get(leaf, idx)) {
                busy = idx;
                break;
            }
            idx++;
        }
        if (busy == (uint64_t)-1)
            return cand;
        uint64_t next = ((busy + 1) << guest_page_bits);
        cand = (next + align - 1) & ~(align - 1);
        if (cand < next)
            break;
    }
    return (uint64_t)-1;
}

int page_walk(int (*fn)(void *opaque, uint64_t start, uint64_t end, int flags),
              void *opaque)
{
    uint64_t idx = 0, run_start = 0;
    int run_flags = 0;
    while (top && idx <= npages) {
        int f = 0;
        uint64_t next = idx + 1;
        if (idx < npages) {
            uint64_t skip = npages;
            struct leaf *leaf = scan_leaf(idx, &skip);
            if (leaf)
                f = leaf_get(leaf, idx);
            else
                next = skip < npages ? skip : npages;
        }
        /* idx == npages closes the last run. */
        if (f != run_flags || idx == npages) {
            if (run_flags) {
                int r = fn(opaque, run_start << guest_page_bits, idx << guest_page_bits,
                           run_flags);
                if (r)
                    return r;
            }
            run_start = idx;
            run_flags = f;
        }
        idx = next;
    }
    return 0;
}

/* Host protection for a guest page: reads need host read (also for execute-only pages,
 * which the translator reads); code pages lose host write so stores fault. The host
 * never needs to execute guest memory. */
static int host_prot_of(int flags)
{
    int prot = 0;
    if (flags & (PAGE_READ | PAGE_EXEC))
        prot |= PROT_READ;
    if ((flags & PAGE_WRITE) && !(flags & PAGE_CODE))
        prot |= PROT_WRITE | PROT_READ;
    return prot;
}

static void set_one(uint64_t page, int flags)
{
    uint64_t idx = page >> guest_page_bits;
    struct leaf *leaf = leaf_of(idx, false, NULL);
    if (leaf)   /* only toggles PAGE_CODE of a valid page: 'used' is unchanged */
        atomic_store_explicit(&leaf->f[idx & (LEAF_SIZE - 1)], (uint8_t)flags,
                              memory_order_relaxed);
}

void page_protect_code(uint64_t addr)
{
    uint64_t page = addr & guest_page_mask();
    int f = page_get_flags(page);
    if (!(f & PAGE_VALID) || (f & PAGE_CODE))
        return;
    pthread_mutex_lock(&page_lock);
    f = page_get_flags(page);
    if ((f & PAGE_VALID) && !(f & PAGE_CODE)) {
        f |= PAGE_CODE;
        set_one(page, f);
        if (f & PAGE_WRITE)
            mprotect(g2h(page), guest_page_size(), host_prot_of(f));
        if (log_enabled(LOG_PAGE))
            log_printf("page: code at 0x%08llx%s\n", (unsigned long long)page,
                       (f & PAGE_WRITE) ? " (write-protected)" : "");
    }
    pthread_mutex_unlock(&page_lock);
}

bool page_unprotect(uint64_t addr)
{
    if (addr > guest_addr_max)
        return false;
    uint64_t page = addr & guest_page_mask();
    pthread_mutex_lock(&page_lock);
    int f = page_get_flags(page);
    if (!(f & PAGE_VALID) || !(f & PAGE_WRITE)) {
        pthread_mutex_unlock(&page_lock);
        return false;
    }
    bool had_code = f & PAGE_CODE;
    if (had_code)
        set_one(page, f & ~PAGE_CODE);
    /* Also when PAGE_CODE was already clear: another thread unprotected the page
     * between our fault and this lock. Re-applying write access guarantees the retried
     * store makes progress. */
    mprotect(g2h(page), guest_page_size(), host_prot_of(f & ~PAGE_CODE));
    pthread_mutex_unlock(&page_lock);
    /* Invalidating after the page is writable again is safe: the faulting store has not
     * been retried yet, and a TB translated meanwhile re-protects the page and is
     * invalidated here too. */
    if (had_code)
        tb_invalidate_range(page, page + guest_page_size());
    return true;
}

void page_prepare_write(uint64_t addr, uint64_t len)
{
    if (len == 0 || addr > guest_addr_max)
        return;
    uint64_t end = addr + len - 1;
    if (end < addr || end > guest_addr_max)
        end = guest_addr_max;
    uint64_t pg = guest_page_size();
    for (uint64_t p = addr & ~(pg - 1); p <= end; p += pg) {
        int f = page_get_flags(p);
        if ((f & (PAGE_CODE | PAGE_WRITE)) == (PAGE_CODE | PAGE_WRITE))
            page_unprotect(p);
        if (p + pg < p)
            break;
    }
}
