/* Guest futexes are host futexes on the same memory (guest address -> g2h).
 * Contract: futex(2)/futex_time64 are in futex.c's syscall table; futex_thread_exit()
 * is what the kernel does for a thread that ends (mm_release): the robust futex list
 * walk (owner-died marking and wake-ups) and CLONE_CHILD_CLEARTID's store of 0 and
 * wake-up. Values in guest memory are in the guest's byte order throughout. */
#ifndef SYSCALL_FUTEX_H
#define SYSCALL_FUTEX_H

#include "syscall/thread.h"

void futex_thread_exit(struct thread_state *ts);
/* Only the robust list walk: a process ending by exit_group or a signal, whose memory
 * is not shared with anyone waiting for its CLEARTID wake-ups. */
void futex_robust_exit(struct thread_state *ts);

#endif
