/* TB storage, lookup, chaining and invalidation.
 *
 * Code lives in one RWX mapping filled front to back; TB structs and their metadata
 * live in a separate arena filled the same way, so TBs are ordered by code address
 * and a host pc maps to its TB by binary search. Both are reset together by tb_flush.
 * Locking: one mutex (tb_lock) serializes everything that changes TBs; tb_lookup is
 * lock-free (a TB is published in its hash chain only when complete, and unlinking
 * leaves the removed TB's own hash_next intact for readers still walking it). */
#include "tcg/tb.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "common/log.h"
#include "tcg/cpu.h"
#include "tcg/exec.h"
#include "tcg/page.h"
#include "tcg/x86_64/emit.h"

struct tb_stats tb_stats;
static pthread_mutex_t tb_mutex = PTHREAD_MUTEX_INITIALIZER;

void tb_lock(void) { pthread_mutex_lock(&tb_mutex); }
void tb_unlock(void) { pthread_mutex_unlock(&tb_mutex); }

#define HASH_BITS 16
#define PAGE_HASH_BITS 14

static uint8_t *code_buf, *code_ptr, *code_end, *code_tbs_start;
static size_t code_size_total;
static uint8_t *arena, *arena_ptr, *arena_end;
static struct tb **tb_order;          /* TBs by code address since the last flush */
static size_t nb_tbs, cap_tbs;
static struct tb *hash_tab[1u << HASH_BITS];

/* guest page -> TBs with code on it */
struct page_tbs {
    uint64_t page;
    uintptr_t first;                  /* (tb | n): n says which of the TB's pages */
    struct page_tbs *next;
};
static struct page_tbs *page_hash[1u << PAGE_HASH_BITS];

static uint32_t tb_hash(uint64_t pc, uint32_t flags)
{
    uint64_t h = (pc ^ ((uint64_t)flags << 29)) * 0x9e3779b97f4a7c15ull;
    return (uint32_t)(h >> (64 - HASH_BITS));
}

static uint32_t page_hash_of(uint64_t page)
{
    return (uint32_t)(((page >> 12) * 0x9e3779b97f4a7c15ull) >> (64 - PAGE_HASH_BITS));
}

int tb_storage_init(size_t code_size)
{
    code_size_total = code_size;
    code_buf = mmap(NULL, code_size, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (code_buf == MAP_FAILED)
        return -errno;
    /* metadata: roughly as much as code, reserved lazily by the kernel */
    size_t asize = code_size;
    arena = mmap(NULL, asize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
                 MAP_NORESERVE, -1, 0);
    if (arena == MAP_FAILED)
        return -errno;
    arena_ptr = arena;
    arena_end = arena + asize;
    code_ptr = code_tbs_start = code_buf;
    code_end = code_buf + code_size;
    return 0;
}

uint8_t *tb_reserve_prologue(size_t size)
{
    if (code_ptr != code_tbs_start || (size_t)(code_end - code_ptr) < size)
        return NULL;
    uint8_t *p = code_ptr;
    code_ptr += (size + 63) & ~(size_t)63;
    code_tbs_start = code_ptr;
    return p;
}

bool in_code_cache(uintptr_t p)
{
    return p >= (uintptr_t)code_tbs_start && p < (uintptr_t)code_end;
}

uint8_t *tb_code_ptr(void) { return code_ptr; }
uint8_t *tb_code_end(void) { return code_end; }

static void *arena_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if ((size_t)(arena_end - arena_ptr) < n)
        return NULL;
    void *p = arena_ptr;
    arena_ptr += n;
    return p;
}

struct tb *tb_alloc(uint64_t pc, uint32_t flags)
{
    if ((size_t)(code_end - code_ptr) < 4096)
        return NULL;
    if (nb_tbs == cap_tbs) {
        size_t n = cap_tbs ? cap_tbs * 2 : 4096;
        struct tb **t = realloc(tb_order, n * sizeof *t);
        if (!t)
            return NULL;
        tb_order = t;
        cap_tbs = n;
    }
    struct tb *tb = arena_alloc(sizeof *tb);
    if (!tb)
        return NULL;
    memset(tb, 0, sizeof *tb);
    tb->pc = pc;
    tb->flags = flags;
    tb->code = code_ptr;
    tb->page[1] = ~0ull;
    tb->jmp_off[0] = tb->jmp_off[1] = TB_NO_JUMP;
    return tb;
}

bool tb_commit(struct tb *tb, uint32_t code_size, const struct insn_rec *insns,
               uint32_t nb_insns, const struct fault_rec *faults, uint32_t nb_faults,
               const struct fault_map *maps, uint32_t nb_maps)
{
    tb->insns = arena_alloc(nb_insns * sizeof *insns + 1);
    tb->faults = arena_alloc(nb_faults * sizeof *faults + 1);
    tb->maps = arena_alloc(nb_maps * sizeof *maps + 1);
    if (!tb->insns || !tb->faults || !tb->maps)
        return false;
    if (nb_insns)
        memcpy(tb->insns, insns, nb_insns * sizeof *insns);
    if (nb_faults)
        memcpy(tb->faults, faults, nb_faults * sizeof *faults);
    if (nb_maps)
        memcpy(tb->maps, maps, nb_maps * sizeof *maps);
    tb->nb_insns = nb_insns;
    tb->nb_faults = nb_faults;
    tb->code_size = code_size;
    code_ptr = (uint8_t *)(((uintptr_t)code_ptr + code_size + 15) & ~(uintptr_t)15);
    tb_order[nb_tbs++] = tb;
    tb_stats.tbs_translated++;
    tb_stats.host_bytes += code_size;
    return true;
}

struct tb *tb_find_by_host_pc(uintptr_t p)
{
    size_t lo = 0, hi = nb_tbs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        struct tb *tb = tb_order[mid];
        if (p < (uintptr_t)tb->code)
            hi = mid;
        else if (p >= (uintptr_t)tb->code + tb->code_size)
            lo = mid + 1;
        else
            return tb;
    }
    return NULL;
}

struct tb *tb_lookup(uint64_t pc, uint32_t flags)
{
    struct tb *tb = atomic_load_explicit((_Atomic(struct tb *) *)&hash_tab[tb_hash(pc, flags)],
                                         memory_order_acquire);
    for (; tb; tb = tb->hash_next)
        if (tb->pc == pc && tb->flags == flags && !__atomic_load_n(&tb->invalid, __ATOMIC_RELAXED))
            return tb;
    return NULL;
}

static struct page_tbs *page_lookup(uint64_t page, bool create)
{
    uint32_t h = page_hash_of(page);
    for (struct page_tbs *p = page_hash[h]; p; p = p->next)
        if (p->page == page)
            return p;
    if (!create)
        return NULL;
    struct page_tbs *p = arena_alloc(sizeof *p);
    if (!p)
        return NULL;
    p->page = page;
    p->first = 0;
    p->next = page_hash[h];
    page_hash[h] = p;
    return p;
}

void tb_link(struct tb *tb)
{
    for (int n = 0; n < 2; n++) {
        if (tb->page[n] == ~0ull)
            continue;
        struct page_tbs *p = page_lookup(tb->page[n], true);
        if (p) {
            tb->page_next[n] = p->first;
            p->first = (uintptr_t)tb | (uintptr_t)n;
        }
        page_protect_code(tb->page[n]);
    }
    uint32_t h = tb_hash(tb->pc, tb->flags);
    tb->hash_next = hash_tab[h];
    atomic_store_explicit((_Atomic(struct tb *) *)&hash_tab[h], tb, memory_order_release);
}

static void patch_jump(struct tb *tb, unsigned n, const uint8_t *target)
{
    x86_patch_rel32(tb->code, tb->jmp_off[n], target);
}

void tb_add_jump(struct tb *tb, unsigned n, struct tb *dest)
{
    if (tb->jmp_off[n] == TB_NO_JUMP || tb->jmp_dest[n] || tb->invalid || dest->invalid)
        return;
    tb->jmp_dest[n] = dest;
    tb->jmp_in_next[n] = dest->jmp_in;
    dest->jmp_in = (uintptr_t)tb | n;
    patch_jump(tb, n, dest->code);
    tb_stats.chains_made++;
}

/* Removes (src, n) from dest's incoming list. */
static void unlink_incoming(struct tb *dest, struct tb *src, unsigned n)
{
    uintptr_t *pp = &dest->jmp_in;
    while (*pp) {
        struct tb *t = (struct tb *)(*pp & ~(uintptr_t)3);
        unsigned k = (unsigned)(*pp & 3);
        if (t == src && k == n) {
            *pp = t->jmp_in_next[k];
            return;
        }
        pp = &t->jmp_in_next[k];
    }
}

void tb_invalidate(struct tb *tb)
{
    if (tb->invalid)
        return;
    __atomic_store_n(&tb->invalid, true, __ATOMIC_RELAXED);
    tb_stats.invalidations++;
    /* unhash */
    uint32_t h = tb_hash(tb->pc, tb->flags);
    for (struct tb **pp = &hash_tab[h]; *pp; pp = &(*pp)->hash_next) {
        if (*pp == tb) {
            *pp = tb->hash_next;
            break;
        }
    }
    /* every TB that jumps here goes back to its exit path */
    uintptr_t in = tb->jmp_in;
    while (in) {
        struct tb *src = (struct tb *)(in & ~(uintptr_t)3);
        unsigned k = (unsigned)(in & 3);
        in = src->jmp_in_next[k];
        patch_jump(src, k, src->code + src->jmp_reset[k]);
        src->jmp_dest[k] = NULL;
    }
    tb->jmp_in = 0;
    /* and our own outgoing jumps leave their targets' lists */
    for (unsigned n = 0; n < 2; n++) {
        if (tb->jmp_dest[n]) {
            unlink_incoming(tb->jmp_dest[n], tb, n);
            tb->jmp_dest[n] = NULL;
        }
    }
    jc_invalidate(tb);
}

void tb_invalidate_range(uint64_t start, uint64_t end)
{
    uint64_t mask = guest_page_mask();
    if (end <= start)
        return;
    tb_lock();
    for (uint64_t page = start & mask; page < end; page += guest_page_size()) {
        struct page_tbs *p = page_lookup(page, false);
        if (!p)
            continue;
        uintptr_t e = p->first;
        while (e) {
            struct tb *tb = (struct tb *)(e & ~(uintptr_t)3);
            unsigned n = (unsigned)(e & 3);
            e = tb->page_next[n];
            uint64_t tb_end = tb->pc + (tb->guest_size ? tb->guest_size : 1);
            if (tb->pc < end && tb_end > start)
                tb_invalidate(tb);
        }
        /* drop dead entries from the page's list */
        uintptr_t *pp = &p->first;
        while (*pp) {
            struct tb *tb = (struct tb *)(*pp & ~(uintptr_t)3);
            unsigned n = (unsigned)(*pp & 3);
            if (tb->invalid)
                *pp = tb->page_next[n];
            else
                pp = &tb->page_next[n];
        }
    }
    tb_unlock();
}

void tb_flush(void)
{
    tb_lock();
    memset(hash_tab, 0, sizeof hash_tab);
    memset(page_hash, 0, sizeof page_hash);
    nb_tbs = 0;
    code_ptr = code_tbs_start;
    arena_ptr = arena;
    jc_invalidate(NULL);
    tb_stats.flushes++;
    /* give the kernel the memory back; the mapping stays */
    madvise(arena, (size_t)(arena_end - arena), MADV_DONTNEED);
    tb_unlock();
}
