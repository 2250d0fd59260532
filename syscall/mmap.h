/* Guest mmap, munmap, mprotect, mremap and brk with Linux semantics, inside the guest
 * address space of tcg/page.h.
 * Contract: arguments use HOST PROT_/MAP_/MREMAP_ values (the syscall layer translates
 * the target's numbering) and byte offsets (mmap2's page units are the caller's job);
 * results are guest addresses or -errno, as the guest's kernel would return them.
 * Every mapping is recorded with page_set_flags() and never leaves the guest window;
 * unmapped guest memory stays reserved on the host (PROT_NONE), never given back.
 * Before the host kernel writes into guest memory on the guest's behalf (read(2),
 * recvmsg, ...), the syscall layer calls page_prepare_write() on the buffer so code
 * pages that are write-protected for self-modifying-code detection do not give EFAULT.
 * All functions are thread-safe (one mmap lock, see guest_mmap_lock). */
#ifndef SYSCALL_MMAP_H
#define SYSCALL_MMAP_H

#include <stdbool.h>
#include <stdint.h>

/* Sets the allocator's limits for a new program: mmap(NULL, ...) searches downward from
 * mmap_base (then upward from it); nothing is placed at or above task_size (both are
 * clipped to the guest window). Also forgets the program break. The loader calls it. */
void guest_mmap_init(uint64_t mmap_base, uint64_t task_size);

int64_t guest_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off);
/* The range becomes PROT_NONE-reserved again; TBs translated from it are discarded. */
int guest_munmap(uint64_t addr, uint64_t len);
/* Pages holding translated code stay write-protected on the host while the guest's
 * PROT_WRITE is recorded; dropping PROT_EXEC discards the range's TBs. */
int guest_mprotect(uint64_t addr, uint64_t len, int prot);
/* flags: MREMAP_MAYMOVE, MREMAP_FIXED (with new_addr), MREMAP_DONTUNMAP. */
int64_t guest_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags,
                     uint64_t new_addr);

/* start_brk: page-aligned end of the program's bss (image_info.start_brk). */
void guest_brk_init(uint64_t start_brk);
/* brk(2): returns the new break, or the unchanged one on failure (brk(0) queries).
 * Memory the break uncovers again after shrinking reads as zeros. */
uint64_t guest_brk(uint64_t newbrk);

/* Can the guest access [addr, addr+len) with prot (PROT_READ/PROT_WRITE/PROT_EXEC)?
 * For syscalls to return EFAULT like the kernel instead of faulting in crossrun. */
bool guest_access_ok(uint64_t addr, uint64_t len, int prot);
/* Where mmap(hint, len) would go: a free, align-aligned guest range, or -ENOMEM. Nothing
 * is reserved; call under guest_mmap_lock() and map before unlocking (e.g. shmat). */
int64_t guest_find_unmapped(uint64_t hint, uint64_t len, uint64_t align);

/* Maps memory that something other than mmap provides (shmat) at guest addr, or at a
 * free align-aligned address when addr is 0, and records it as a shared mapping with
 * prot. attach(host, replace, opaque) maps it at host address 'host' (over what is
 * there when replace is true) and returns that address, or (void *)-1 with errno.
 * Without replace an occupied guest range is -EINVAL. Returns the guest address. */
typedef void *guest_attach_fn(void *host, bool replace, void *opaque);
int64_t guest_mmap_attach(uint64_t addr, uint64_t len, int prot, bool replace,
                          uint64_t align, guest_attach_fn *attach, void *opaque);

/* The mmap lock, recursive per thread. Held across find + map sequences, and around
 * fork() so the child does not inherit it locked by a vanished thread. Lock order:
 * mmap lock, then tb.c's lock (guest_munmap calls tb_invalidate_range holding it). */
void guest_mmap_lock(void);
void guest_mmap_unlock(void);

#endif
