/* -strace: one log line per guest system call, "PID name(args) = result".
 * Contract: the formatters write into a caller's buffer (always NUL-terminated,
 * truncated to n) and return the length written; they read guest memory only through
 * checked pointers, so a bad guest pointer prints as an address. Arguments are the
 * decoded ones (syscall_decode_args); results are host-style (negative host errno),
 * errors print as "-1 errno=N (message)" with N the guest's errno value. */
#ifndef SYSCALL_STRACE_H
#define SYSCALL_STRACE_H

#include <stddef.h>
#include <stdint.h>

#include "syscall/syscall.h"

/* "openat(AT_FDCWD,\"/etc/passwd\",O_RDONLY|O_CLOEXEC)". d may be NULL (unknown call:
 * raw words in hex); nr is GSYS_NONE for numbers the ABI does not name. */
size_t strace_format_call(char *buf, size_t n, const struct syscall_table *abi,
                          enum gsys nr, int64_t guest_nr, const struct syscall_def *d,
                          const uint64_t a[6]);
/* " = 3", " = 0x40000000", " = -1 errno=2 (No such file or directory)". */
size_t strace_format_result(char *buf, size_t n, const struct syscall_table *abi,
                            const struct syscall_def *d, int64_t ret);

#endif
