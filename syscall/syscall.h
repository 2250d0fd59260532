/* How system call implementations plug into the dispatcher (syscall/dispatch.c).
 * Contract: each syscall/<topic>.c defines its calls as static functions and exports
 * one table, syscalls_<topic>[], of struct syscall_def ending with { GSYS_NONE }; the
 * dispatcher lists the tables. A definition's argument kinds say how raw registers
 * become arguments (a 64-bit argument of a 32-bit ABI takes a register pair the way
 * the ABI says) and how -strace prints them. An implementation gets the decoded
 * arguments in c->a[] and returns a result or a negative HOST errno; the dispatcher
 * converts errors to the guest's errno values. Implementations convert every flag and
 * struct through the ABI table (c->abi) and never touch guest memory without checking
 * it (syscall/guest-mem.h). */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>

#include "syscall/abi.h"
#include "syscall/sysnames.h"
#include "syscall/thread.h"

struct target_ops;
struct image_info;

enum arg_kind {
    A_NONE = 0,     /* no more arguments */
    A_INT,          /* int */
    A_UINT,         /* unsigned int */
    A_LONG,         /* long (sign-extended word) */
    A_ULONG,        /* unsigned long, size_t */
    A_HEX,          /* a word shown in hex (flags we do not decode) */
    A_PTR,          /* guest pointer */
    A_FD,           /* file descriptor (int) */
    A_DIRFD,        /* directory fd of *at calls (int; AT_FDCWD) */
    A_PATH,         /* guest pointer to a file name */
    A_BUF,          /* guest pointer to bytes the call reads; the next argument is the length */
    A_S64,          /* 64-bit value: a register pair on 32-bit ABIs */
    A_OFLAGS,       /* open flags (int) */
    A_FDFLAGS,      /* O_CLOEXEC/O_NONBLOCK-style flags without an access mode (int) */
    A_MODE,         /* file mode (octal) */
    A_PROT,         /* PROT_ bits */
    A_MFLAGS,       /* MAP_ flags */
    A_ATFLAGS,      /* AT_ flags */
    A_SIG,          /* guest signal number (int) */
    A_SIGHOW,       /* SIG_BLOCK ... (int) */
    A_CLOCK,        /* clockid (int) */
    A_WHENCE,       /* SEEK_ (int) */
    A_FCNTL,        /* fcntl command (int) */
    A_IOCTL,        /* ioctl request (unsigned int) */
    /* decoded by -strace; taken as words (A_HEX) */
    A_STR,          /* guest pointer to a string that is not a file name */
    A_XATTRF,       /* XATTR_CREATE / XATTR_REPLACE */
    A_SPLICEF,      /* SPLICE_F_ bits */
    A_TFDFLAGS,     /* TFD_TIMER_ / TIMER_ABSTIME bits */
    A_SIGSET,       /* guest pointer to a guest sigset_t */
    A_EPOLLOP,      /* EPOLL_CTL_ */
    A_EPOLLEV,      /* guest pointer to a struct epoll_event */
    A_TIMESPEC,     /* guest pointer to the ABI's struct timespec */
    A_TIMESPEC64,   /* guest pointer to a struct __kernel_timespec */
    A_INMASK,       /* inotify IN_ bits */
    A_SCHEDPOL,     /* SCHED_ policy */
    A_PRIOWHICH,    /* PRIO_PROCESS ... */
    A_MADV,         /* MADV_ advice */
    A_FADV,         /* POSIX_FADV_ advice */
    A_AF,           /* address family */
    A_SOCKTYPE,     /* the ABI's SOCK_ type with SOCK_NONBLOCK/SOCK_CLOEXEC */
    A_SOCKADDR,     /* guest pointer to a socket address; the next argument is its length */
    A_SOCKLEVEL,    /* the ABI's SOL_ / IPPROTO_ level */
    A_SOCKOPT,      /* option name at the level in the argument before */
    A_MSGFLAGS,     /* MSG_ bits */
    A_SHUTHOW,      /* SHUT_RD ... */
    A_RLIMIT,       /* the ABI's RLIMIT_ resource */
    A_IPCFLAGS,     /* IPC_CREAT/IPC_EXCL/IPC_NOWAIT with a mode in the low bits */
    A_IPCCMD,       /* a SysV ctl command, maybe with IPC_64 */
    A_MSGFLG,       /* msgsnd/msgrcv flags: IPC_NOWAIT, MSG_NOERROR, MSG_EXCEPT, MSG_COPY */
    A_SHMFLG,       /* shmat flags: SHM_RDONLY, SHM_RND, SHM_REMAP, SHM_EXEC */
};

enum ret_kind {
    R_INT = 0,      /* a number */
    R_PTR,          /* a guest address (mmap, brk) */
    R_NORETURN,     /* exit, execve: the line is printed before the call (and again with
                     * the result if it returns) */
};

struct sc;
typedef int64_t syscall_fn(struct sc *c);

enum {
    /* Interrupted by a guest handler, the call fails with EINTR even under SA_RESTART
     * (waits with timeouts, as the kernel's -ERESTARTNOHAND calls). */
    SCF_NORESTART = 1,
};

/* What a call that returns -EINTR because a guest handler must run wants (struct
 * sc.restart; an implementation may change it, e.g. futex waits with a timeout). */
enum sc_restart {
    RESTART_IF_SA,          /* restart after the handler if it has SA_RESTART (ERESTARTSYS) */
    RESTART_NEVER,          /* EINTR (ERESTARTNOHAND, ERESTART_RESTARTBLOCK) */
    RESTART_ALWAYS,         /* restart after the handler regardless (ERESTARTNOINTR) */
};

struct syscall_def {
    enum gsys nr;
    syscall_fn *fn;
    uint8_t args[6];        /* enum arg_kind */
    uint8_t ret;            /* enum ret_kind */
    uint8_t flags;          /* SCF_ */
};

/* One call being made. */
struct sc {
    struct cpu_common *cpu;
    struct thread_state *ts;
    const struct syscall_table *abi;
    enum gsys nr;
    int64_t guest_nr;
    uint64_t a[6];          /* decoded arguments */
    uint8_t restart;        /* enum sc_restart, from SCF_NORESTART by default */
};

/* A result that tells the dispatcher not to store anything (sigreturn restored all
 * registers itself). Outside the -4095..-1 error range and any guest address. */
#define SC_NO_RESULT ((int64_t)INT64_MIN)

/* What every call may need to know about the process. Set by linux_init. */
struct linux_proc {
    const struct target_ops *ops;
    const struct syscall_table *abi;
    const struct image_info *image;
    const char *ld_prefix;
    bool strace;
};
extern struct linux_proc linux_proc;

/* The tables of syscall/<topic>.c */
extern const struct syscall_def syscalls_file[], syscalls_fd[], syscalls_stat[],
    syscalls_dir[], syscalls_fsnames[], syscalls_time[], syscalls_process[],
    syscalls_resource[], syscalls_system[], syscalls_mem[], syscalls_ioctl[],
    syscalls_poll[], syscalls_sigcalls[], syscalls_socket[], syscalls_clone[],
    syscalls_exit[], syscalls_futex[], syscalls_exec[], syscalls_wait[],
    syscalls_sigwait[], syscalls_creds[];
extern const struct syscall_def syscalls_xattr[], syscalls_splice[], syscalls_eventfd[],
    syscalls_timerfd[], syscalls_signalfd[], syscalls_inotify[], syscalls_epoll[],
    syscalls_timer[], syscalls_clockadj[], syscalls_sched[], syscalls_admin[],
    syscalls_fileadv[], syscalls_handles[], syscalls_sockopt[], syscalls_sockmsg[],
    syscalls_socketcall[];
extern const struct syscall_def syscalls_ipc[], syscalls_ipc_msg[], syscalls_ipc_sem[],
    syscalls_ipc_shm[], syscalls_mqueue[], syscalls_aio[], syscalls_procctl[],
    syscalls_process_vm[], syscalls_sigold[];

/* The definition of a generic call, or NULL if none implements it. */
const struct syscall_def *syscall_def_of(enum gsys nr);
/* Turns raw registers into the arguments a definition describes (NULL: raw words). */
void syscall_decode_args(const struct syscall_table *abi, const struct syscall_def *d,
                         const uint64_t raw[6], uint64_t a[6]);
/* Runs the system call the CPU stopped at (EXCP_SYSCALL) and stores its result. */
void linux_syscall(struct cpu_common *cpu);

/* Ends the process with this exit status after -d stats and flushing the logs. */
_Noreturn void linux_exit(int status);

#endif
