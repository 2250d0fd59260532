/* siginfo_t in a generic form, and its conversions from and to the host's siginfo_t and
 * the guest's 128-byte siginfo in the guest ABI's word size and byte order.
 * Contract: which union member is meaningful follows the kernel's rules
 * (siginfo_layout: the signal, and whether si_code says user, queue, timer or kernel);
 * members outside that layout are zero. signo is a GUEST signal number; so is status for
 * CLD_KILLED/CLD_DUMPED/CLD_STOPPED/CLD_TRAPPED (an exit code otherwise). err is a host
 * errno value. The conversion functions are async-signal-safe. */
#ifndef SYSCALL_SIGINFO_H
#define SYSCALL_SIGINFO_H

#include <signal.h>
#include <stdint.h>

struct syscall_table;

#define GSIGINFO_SIZE 128

struct gsiginfo {
    int signo, err, code;
    int pid, uid;               /* kill, rt, chld */
    int status;                 /* chld */
    int timerid, overrun;       /* timer */
    int fd;                     /* poll */
    int syscall;                /* sys */
    uint32_t arch;              /* sys */
    uint64_t value;             /* rt, timer: sigval as a guest word */
    uint64_t addr;              /* fault: the address; sys: the call's address */
    int64_t utime, stime;       /* chld: clock ticks */
    int64_t band;               /* poll */
};

/* Which member of the union the kernel fills (include/linux/signal.h's order). */
enum si_layout { SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_CHLD, SIL_RT, SIL_SYS };
/* host_sig: the signal in HOST (generic Linux) numbering. */
enum si_layout siginfo_layout(int host_sig, int code);

void siginfo_from_host(const struct syscall_table *abi, const siginfo_t *si,
                       struct gsiginfo *g);
void siginfo_to_host(const struct syscall_table *abi, const struct gsiginfo *g,
                     siginfo_t *si);
void siginfo_to_guest(const struct syscall_table *abi, const struct gsiginfo *g,
                      uint8_t out[GSIGINFO_SIZE]);
void siginfo_from_guest(const struct syscall_table *abi, const uint8_t in[GSIGINFO_SIZE],
                        struct gsiginfo *g);

/* A wait status (wait4) with its signal numbers turned into the guest's. */
int wait_status_to_guest(const struct syscall_table *abi, int host_status);

#endif
