/* struct itimerspec (an interval and a value, both timespecs) in the guest's layout, for
 * timerfd_settime/gettime and timer_settime/gettime.
 * Contract: as gstructs.h: 0, -EFAULT, or -EOVERFLOW from a put that a 32-bit timespec
 * cannot hold; time64 selects the __kernel_itimerspec of the *_time64 calls. */
#ifndef SYSCALL_ITIMERSPEC_H
#define SYSCALL_ITIMERSPEC_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct syscall_table;

int get_itimerspec(const struct syscall_table *abi, uint64_t addr, bool time64,
                   struct itimerspec *its);
int put_itimerspec(const struct syscall_table *abi, uint64_t addr, bool time64,
                   const struct itimerspec *its);

#endif
