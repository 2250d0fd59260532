/* What /proc/self/maps says about guest mappings beyond what the page table knows: the
 * file a mapping shows (device, inode, host path, file offset of its first page), whether
 * it is shared, or a name such as "[vectors]".
 * Contract: syscall/mmap.c reports every change while it holds the mmap lock: vma_map()
 * once a mapping is made (it replaces whatever was recorded in the range), vma_unmap(),
 * vma_move() after mremap moved pages and vma_grow() after mremap grew a mapping in place.
 * Targets may name their special pages with vma_name() after mapping them. Readers hold
 * the mmap lock (guest_mmap_lock) while they use what vma_find() returns. Ranges are
 * page-aligned guest addresses, as in the page table. Private anonymous memory has no
 * record (only the page table's flags). Out of memory, a record is simply missing: the
 * mapping then shows as anonymous. */
#ifndef SYSCALL_VMA_H
#define SYSCALL_VMA_H

#include <stdbool.h>
#include <stdint.h>

struct vma_info {
    uint64_t start, end;        /* [start, end) */
    uint64_t offset;            /* file offset of start */
    uint64_t dev, ino;          /* of the file (host values); 0 for names */
    bool shared;                /* MAP_SHARED */
    const char *path;           /* host path of the file, or a name ("[vectors]") */
};

/* fd < 0: an anonymous mapping (recorded only when shared, as "/dev/zero (deleted)"). */
void vma_map(uint64_t start, uint64_t len, int fd, uint64_t offset, bool shared);
void vma_unmap(uint64_t start, uint64_t len);
/* [old, old+old_len) now lives at dest with new_len bytes; keep_old: MREMAP_DONTUNMAP. */
void vma_move(uint64_t old, uint64_t old_len, uint64_t dest, uint64_t new_len, bool keep_old);
void vma_grow(uint64_t start, uint64_t old_len, uint64_t new_len);
void vma_name(uint64_t start, uint64_t len, const char *name);
/* The same for a shared mapping (a SysV segment: "/SYSV0000002a (deleted)"). */
void vma_name_shared(uint64_t start, uint64_t len, const char *name);

/* The record holding addr, or NULL; *next is set to the start of the first record
 * after addr (UINT64_MAX if none), so a caller can split a run of pages where records
 * begin. */
const struct vma_info *vma_find(uint64_t addr, uint64_t *next);

#endif
