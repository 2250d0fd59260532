/* Kernel structs whose shape is the same on every Linux ABI up to word size, byte order
 * and 64-bit alignment, described once as field lists (syscall/abi.h), with helpers to
 * move the common ones between guest memory and host structs.
 * Contract: helpers check guest memory themselves and return 0, -EFAULT, or (for
 * values a 32-bit guest struct cannot hold) -EOVERFLOW. time64 selects the
 * __kernel_timespec/64-bit variants 32-bit ABIs have next to their old ones. */
#ifndef SYSCALL_GSTRUCTS_H
#define SYSCALL_GSTRUCTS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>

#include "syscall/abi.h"

extern const struct gfield gs_timespec[], gs_timespec64[], gs_timeval[], gs_timezone[],
    gs_iovec[], gs_rlimit[], gs_rlimit64[], gs_tms[], gs_rusage[], gs_pollfd[],
    gs_winsize[], gs_statx[];
/* struct sysinfo: its trailing padding depends on the word size. */
const struct gfield *gs_sysinfo(const struct syscall_table *abi);

/* Keys of struct statx: members in declaration order, each timestamp three keys
 * (tv_sec, tv_nsec, reserved), the trailing spare words last. */
enum { STX_K_COUNT = 43 };
/* Keys of struct sysinfo */
enum { SI_K_UPTIME, SI_K_LOADS, SI_K_TOTALRAM = 4, SI_K_FREERAM, SI_K_SHAREDRAM,
       SI_K_BUFFERRAM, SI_K_TOTALSWAP, SI_K_FREESWAP, SI_K_PROCS, SI_K_TOTALHIGH,
       SI_K_FREEHIGH, SI_K_MEM_UNIT, SI_K_COUNT };

int get_timespec(const struct syscall_table *abi, uint64_t addr, bool time64,
                 struct timespec *ts);
int put_timespec(const struct syscall_table *abi, uint64_t addr, bool time64,
                 const struct timespec *ts);
int get_timeval(const struct syscall_table *abi, uint64_t addr, struct timeval *tv);
int put_timeval(const struct syscall_table *abi, uint64_t addr, const struct timeval *tv);

struct rusage;
/* struct rusage at guest addr (two timevals, fourteen longs). */
int put_rusage(const struct syscall_table *abi, uint64_t addr, const struct rusage *ru);

/* Reads a guest iovec array and checks every buffer for reading (to_guest false:
 * writev) or writing (to_guest true: readv). On success *out is a malloc'd host
 * iovec array pointing into guest memory. */
int get_iovec(const struct syscall_table *abi, uint64_t addr, uint64_t count,
              bool to_guest, struct iovec **out);

/* Stores vals at guest addr in layout f / loads them from there (memory checked). */
int put_struct(const struct syscall_table *abi, const struct gfield *f, uint64_t addr,
               const uint64_t *vals);
int get_struct(const struct syscall_table *abi, const struct gfield *f, uint64_t addr,
               uint64_t *vals);

#endif
