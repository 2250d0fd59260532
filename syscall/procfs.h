/* /proc as a guest sees its own process: the files whose host contents would describe
 * crossrun instead of the guest program.
 * Contract: open() and openat() hand the guest's file name (as the guest wrote it,
 * before the -L lookup) to procfs_open(). For the files emulated here it makes the
 * text, puts it in a new memfd positioned at 0 and returns 1 with the fd in *fd; for
 * every other name it returns 0 and the caller opens the name as usual; or -errno.
 * Emulated, for "self", "thread-self", the process's pid and its own task/<tid>
 * directories: maps and smaps (guest addresses, permissions, file offsets, device,
 * inode, guest path, [heap] and [stack] from the guest page table), auxv, cmdline and
 * environ (read from guest memory, as the kernel does), stat and status (the host's with
 * the guest's memory layout, sizes and signal masks in guest numbering), exe (the guest
 * program); and /proc/cpuinfo (target_ops->cpuinfo). Other processes' files pass through:
 * another crossrun's guest addresses are not known here. Only absolute names are
 * recognized (not names relative to a descriptor of a /proc directory).
 * procfs_init() names the host process after the guest program, so comm, ps and the
 * Name: line show the guest's name as the kernel would after exec. */
#ifndef SYSCALL_PROCFS_H
#define SYSCALL_PROCFS_H

#include <stddef.h>

void procfs_init(void);

/* host_flags: the open flags in host values (only O_CLOEXEC and the access mode matter). */
int procfs_open(const char *guest_name, int host_flags, int *fd);

/* The text of one emulated file, for tests: "maps", "smaps", "stat", "status", "auxv",
 * "cmdline", "environ" of the calling thread, or "cpuinfo". Returns a malloc'd buffer
 * and its length in *len, or NULL. */
char *procfs_text(const char *file, size_t *len);

#endif
