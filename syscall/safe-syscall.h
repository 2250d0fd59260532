/* Host system calls that a guest signal can interrupt without a race.
 * Contract: a host call that may block on the guest's behalf (read from a pipe, wait4,
 * futex wait, ppoll ...) goes through safe_syscall6(). It returns the kernel's result
 * (a value or -errno) and fails with -EINTR without blocking when the calling thread's
 * sig_flag is set: the host signal handler sets the flag after recording a guest signal
 * and then calls safe_syscall_interrupted() on the context it interrupted, which moves
 * a thread that has tested the flag but not yet entered the kernel to the -EINTR exit.
 * So a signal is never left waiting behind a call that started after it arrived.
 * Whoever consumes pending signals clears the flag first, then looks at them. */
#ifndef SYSCALL_SAFE_SYSCALL_H
#define SYSCALL_SAFE_SYSCALL_H

#include <stdbool.h>

long safe_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/* From a host signal handler on the same thread: true if the thread was about to
 * enter a safe syscall (it will now return -EINTR instead). */
bool safe_syscall_interrupted(void *ucontext);

#endif
