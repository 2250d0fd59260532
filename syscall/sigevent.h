/* struct sigevent from the guest (timer_create, mq_notify): its signal becomes the host
 * signal of the same guest signal, its value (a guest word) travels unchanged so the
 * siginfo delivered later carries it back, and a SIGEV_THREAD_ID target is a guest tid,
 * which is the host tid. The notify values are the same on every ABI; SIGEV_THREAD
 * never reaches the kernel (the C library makes it out of SIGEV_THREAD_ID).
 * Contract: returns 0, -EFAULT, or -EINVAL for a signal the host has no number for. */
#ifndef SYSCALL_SIGEVENT_H
#define SYSCALL_SIGEVENT_H

#include <signal.h>
#include <stdint.h>

struct syscall_table;

int get_sigevent(const struct syscall_table *abi, uint64_t addr, struct sigevent *sev);

#endif
