/* The guest address space: where it lives in the host (guest_base), and a table of guest
 * page flags that records what the guest mapped, with which protection, and which pages
 * hold translated code (those are write-protected on the host so stores to them fault
 * and invalidate the code: self-modifying code detection).
 * Contract: page_set_flags() is the one place mappings are recorded (loader and the mmap
 * syscalls call it); tb.c calls page_protect_code() when it translates from a page;
 * the host SIGSEGV handler calls page_unprotect() for stores to such pages. */
#ifndef TCG_PAGE_H
#define TCG_PAGE_H

#include <stdbool.h>
#include <stdint.h>

enum {
    PAGE_READ   = 1 << 0,
    PAGE_WRITE  = 1 << 1,     /* the guest may write (even if the host page is RO for code) */
    PAGE_EXEC   = 1 << 2,
    PAGE_VALID  = 1 << 3,     /* mapped */
    PAGE_CODE   = 1 << 4,     /* TBs were translated from it: host-protected if writable */
    PAGE_ANON   = 1 << 5,     /* anonymous private mapping (for /proc/self/maps) */
    PAGE_RESERVED = 1 << 6,   /* reserved for the guest but not mapped (e.g. stack guard) */
    PAGE_RWX = PAGE_READ | PAGE_WRITE | PAGE_EXEC,
};

extern uintptr_t guest_base;       /* host address of guest address 0 */
/* A window of reserved guest space has this much inaccessible host space on either
 * side (32-bit guests): see tcg_handle_fault for why. */
#define GUEST_WINDOW_GUARD (64u << 10)
extern uint64_t guest_addr_max;    /* last valid guest address (0xffffffff for 32-bit) */
extern unsigned guest_page_bits;   /* from the target; >= host page bits */

static inline void *g2h(uint64_t gaddr) { return (void *)(guest_base + (uintptr_t)gaddr); }
static inline uint64_t h2g(const void *p) { return (uint64_t)((uintptr_t)p - guest_base); }
static inline uint64_t guest_page_size(void) { return 1ull << guest_page_bits; }
static inline uint64_t guest_page_mask(void) { return ~(guest_page_size() - 1); }
/* Is the host address inside the guest's window? */
bool h2g_valid(const void *p);

/* Reserves the guest window: 4 GiB for 32-bit guests (at base if base != 0, else
 * anywhere). Returns 0 or -errno. */
int guest_space_init(unsigned addr_bits, unsigned page_bits, uintptr_t base,
                     uint64_t reserved_va);

/* Flags of the guest page holding addr (0 if unmapped). */
int page_get_flags(uint64_t addr);
/* Sets the flags of every page in [start, end) (end exclusive, page-aligned). Setting
 * flags without PAGE_VALID unmaps. Pages that lose PAGE_WRITE keep PAGE_CODE. */
void page_set_flags(uint64_t start, uint64_t end, int flags);
/* True if every page of [addr, addr+len) has all of 'flags'. len 0 is always true. */
bool page_check_range(uint64_t addr, uint64_t len, int flags);
/* Finds the lowest free (unmapped, unreserved) range of len bytes at or above start and
 * below end, aligned to align; returns its address or (uint64_t)-1. */
uint64_t page_find_free(uint64_t start, uint64_t end, uint64_t len, uint64_t align);
/* Iterates over mappings: calls fn for each run of pages with equal flags.
 * Stops and returns fn's non-zero value. */
int page_walk(int (*fn)(void *opaque, uint64_t start, uint64_t end, int flags),
              void *opaque);

/* Marks the page as holding code and removes host write access if the guest has it. */
void page_protect_code(uint64_t addr);
/* A host write fault at guest address addr: if it hit a code-protected page, invalidate
 * its TBs, restore host write access and return true (retry the store). */
bool page_unprotect(uint64_t addr);
/* Before the kernel writes into guest memory on the guest's behalf (read(2) into a
 * buffer ...): unprotect code pages in the range so the syscall does not get EFAULT. */
void page_prepare_write(uint64_t addr, uint64_t len);

/* The page table's lock, for fork (tcg_fork_prepare): innermost of the JIT's locks. */
void page_table_lock(void);
void page_table_unlock(void);

#endif
