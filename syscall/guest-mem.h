/* Checked access to guest memory for system calls.
 * Contract: a call that reads or writes guest memory gets its host pointer from these
 * functions; NULL means the guest range is not (fully) mapped with the needed access,
 * and the call returns -EFAULT as the kernel would. guest_wr() also makes code pages
 * in the range host-writable (page_prepare_write) so the host kernel may write there.
 * Pointers stay valid until the guest unmaps the range (i.e. for the current call). */
#ifndef SYSCALL_GUEST_MEM_H
#define SYSCALL_GUEST_MEM_H

#include <stddef.h>
#include <stdint.h>

/* [addr, addr+len) readable / writable by the guest (len 0 is always fine). */
void *guest_rd(uint64_t addr, uint64_t len);
void *guest_wr(uint64_t addr, uint64_t len);

/* A readable NUL-terminated guest string of at most max bytes before the NUL: returns
 * its host address and sets *len, or NULL with *len = -EFAULT or -ENAMETOOLONG. */
const char *guest_str(uint64_t addr, size_t max, long *len);

/* Copies a guest string into buf (n bytes, NUL included); returns its length or
 * -EFAULT / -ENAMETOOLONG. */
long guest_strcpy(char *buf, size_t n, uint64_t addr);

#endif
