/* Field lists (syscall/abi.h) of the kernel structs the file, socket, polling, timer
 * and process-information calls exchange with the guest, laid out by C rules for each
 * ABI's word size, 64-bit alignment and byte order. The keys of each struct are listed
 * beside it, in member order.
 * Contract: one description serves every ABI that lays the struct out the C way; an
 * ABI whose layout differs gives its own in struct syscall_table and callers take the
 * layout from the accessor below (abi_epoll_layout). tests/unit/test_syscall_layouts.c
 * checks every list against the guest kernel headers of each cross compiler. */
#ifndef SYSCALL_LAYOUTS_H
#define SYSCALL_LAYOUTS_H

#include "syscall/abi.h"

/* struct epoll_event: events, data */
enum { EP_K_EVENTS, EP_K_DATA, EP_K_COUNT };
extern const struct gfield gl_epoll_event[];
const struct gfield *abi_epoll_layout(const struct syscall_table *abi);

/* struct signalfd_siginfo (128 bytes) */
enum { SSI_SIGNO, SSI_ERRNO, SSI_CODE, SSI_PID, SSI_UID, SSI_FD, SSI_TID, SSI_BAND,
       SSI_OVERRUN, SSI_TRAPNO, SSI_STATUS, SSI_INT, SSI_PTR, SSI_UTIME, SSI_STIME,
       SSI_ADDR, SSI_ADDR_LSB, SSI_SYSCALL, SSI_CALL_ADDR, SSI_ARCH, SSI_COUNT };
extern const struct gfield gl_signalfd_siginfo[];

/* struct inotify_event without its name: wd, mask, cookie, len */
enum { IE_K_WD, IE_K_MASK, IE_K_COOKIE, IE_K_LEN, IE_K_COUNT };
extern const struct gfield gl_inotify_event[];

/* struct user_msghdr: name, namelen, iov, iovlen, control, controllen, flags */
enum { MH_K_NAME, MH_K_NAMELEN, MH_K_IOV, MH_K_IOVLEN, MH_K_CONTROL, MH_K_CONTROLLEN,
       MH_K_FLAGS, MH_K_COUNT };
extern const struct gfield gl_msghdr[];
/* struct mmsghdr: the msghdr's members, then msg_len */
enum { MMH_K_LEN = MH_K_COUNT, MMH_K_COUNT };
extern const struct gfield gl_mmsghdr[];
/* struct cmsghdr: len, level, type (data follows, aligned to a word) */
enum { CM_K_LEN, CM_K_LEVEL, CM_K_TYPE, CM_K_COUNT };
extern const struct gfield gl_cmsghdr[];

/* struct sigevent (64 bytes, so the tail depends on the word size): value, signo,
 * notify, tid (SIGEV_THREAD_ID) */
enum { SEV_K_VALUE, SEV_K_SIGNO, SEV_K_NOTIFY, SEV_K_TID, SEV_K_COUNT };
const struct gfield *gl_sigevent(const struct syscall_table *abi);

/* struct sched_attr (version 1, 56 bytes) */
enum { SA_A_SIZE, SA_A_POLICY, SA_A_FLAGS, SA_A_NICE, SA_A_PRIORITY, SA_A_RUNTIME,
       SA_A_DEADLINE, SA_A_PERIOD, SA_A_UTIL_MIN, SA_A_UTIL_MAX, SA_A_COUNT };
extern const struct gfield gl_sched_attr[];

/* struct __user_cap_header_struct: version, pid; __user_cap_data_struct: effective,
 * permitted, inheritable */
extern const struct gfield gl_cap_header[], gl_cap_data[];

/* struct file_handle without its bytes: handle_bytes, handle_type */
extern const struct gfield gl_file_handle[];

/* struct open_how: flags, mode, resolve */
extern const struct gfield gl_open_how[];

/* struct ucred: pid, uid, gid; struct linger: onoff, linger */
extern const struct gfield gl_ucred[], gl_linger[];

/* struct mq_attr: flags, maxmsg, msgsize, curmsgs (and four reserved longs) */
extern const struct gfield gl_mq_attr[];

/* SysV IPC. Every *id64_ds starts with struct ipc64_perm (keys IPC_K_*); times are
 * a low and a high word (32-bit ABIs split them, 64-bit ABIs use only the low key).
 * ipc64_perm: key, uid, gid, cuid, cgid, mode, seq */
enum { IPC_K_KEY, IPC_K_UID, IPC_K_GID, IPC_K_CUID, IPC_K_CGID, IPC_K_MODE, IPC_K_SEQ,
       IPC_K_COUNT };
#define GL_IPC64_PERM \
    { GT_S32, 0, IPC_K_KEY, 0 }, { GT_U32, 5, IPC_K_UID, 0 }, { GT_U16, 0, IPC_K_SEQ, 0 }, \
    { GT_U16, 0, 0, GF_ZERO }, { GT_ULONG, 2, 0, GF_ZERO }
/* msqid64_ds */
enum { MSQ_K_STIME = IPC_K_COUNT, MSQ_K_STIME_HI, MSQ_K_RTIME, MSQ_K_RTIME_HI, MSQ_K_CTIME,
       MSQ_K_CTIME_HI, MSQ_K_CBYTES, MSQ_K_QNUM, MSQ_K_QBYTES, MSQ_K_LSPID, MSQ_K_LRPID,
       MSQ_K_LCBYTES, MSQ_K_LQBYTES, MSQ_K_COUNT };
/* semid64_ds */
enum { SEM_K_OTIME = IPC_K_COUNT, SEM_K_OTIME_HI, SEM_K_CTIME, SEM_K_CTIME_HI, SEM_K_NSEMS,
       SEM_K_COUNT };
/* shmid64_ds */
enum { SHM_K_SEGSZ = IPC_K_COUNT, SHM_K_ATIME, SHM_K_ATIME_HI, SHM_K_DTIME, SHM_K_DTIME_HI,
       SHM_K_CTIME, SHM_K_CTIME_HI, SHM_K_CPID, SHM_K_LPID, SHM_K_NATTCH, SHM_K_COUNT };
/* The layouts in effect (the ABI's own or the generic one of its word size). */
const struct gfield *abi_msqid64_layout(const struct syscall_table *abi);
const struct gfield *abi_semid64_layout(const struct syscall_table *abi);
const struct gfield *abi_shmid64_layout(const struct syscall_table *abi);
/* The old structs of ctl calls without IPC_64 (abi->ipc_old_layouts), same keys:
 * ipc_perm's ids and mode and the pids are 16 bits on uid16 ABIs, 32 elsewhere; the
 * old msqid_ds has 16-bit cbytes/qnum/qbytes (saturated) and the full values under
 * MSQ_K_LCBYTES/LQBYTES; the old shminfo is five ints (keys of gl_shminfo64). */
const struct gfield *abi_msqid_old_layout(const struct syscall_table *abi);
const struct gfield *abi_semid_old_layout(const struct syscall_table *abi);
const struct gfield *abi_shmid_old_layout(const struct syscall_table *abi);
extern const struct gfield gl_shminfo_old[];
/* struct seminfo (10 ints), struct msginfo (7 ints, a short), struct shminfo64
 * (5 words and 4 unused), struct shm_info (an int, 5 words): keys in member order */
extern const struct gfield gl_seminfo[], gl_msginfo[], gl_shminfo64[], gl_shm_info[];
/* struct sembuf: num, op, flg */
extern const struct gfield gl_sembuf[];

/* struct iocb (Linux AIO): data, key, rw_flags, opcode, reqprio, fildes, buf, nbytes,
 * offset, reserved2, flags, resfd. key and rw_flags swap places on big-endian ABIs. */
enum { IOCB_K_DATA, IOCB_K_KEY, IOCB_K_RW_FLAGS, IOCB_K_OPCODE, IOCB_K_REQPRIO,
       IOCB_K_FILDES, IOCB_K_BUF, IOCB_K_NBYTES, IOCB_K_OFFSET, IOCB_K_RESERVED2,
       IOCB_K_FLAGS, IOCB_K_RESFD, IOCB_K_COUNT };
const struct gfield *gl_iocb(const struct syscall_table *abi);
/* struct io_event: data, obj, res, res2 */
extern const struct gfield gl_io_event[];

/* struct sock_fprog: len, filter; struct sock_filter: code, jt, jf, k */
extern const struct gfield gl_sock_fprog[], gl_sock_filter[];

/* __kernel_sock_timeval (the *_NEW socket options of 32-bit ABIs): sec, usec */
extern const struct gfield gl_sock_timeval64[];

/* struct timex (adjtimex, clock_adjtime) and the time64 __kernel_timex:
 * modes, offset, freq, maxerror, esterror, status, constant, precision, tolerance,
 * time.sec, time.usec, tick, ppsfreq, jitter, shift, stabil, jitcnt, calcnt, errcnt,
 * stbcnt, tai */
enum { TX_MODES, TX_OFFSET, TX_FREQ, TX_MAXERROR, TX_ESTERROR, TX_STATUS, TX_CONSTANT,
       TX_PRECISION, TX_TOLERANCE, TX_SEC, TX_USEC, TX_TICK, TX_PPSFREQ, TX_JITTER,
       TX_SHIFT, TX_STABIL, TX_JITCNT, TX_CALCNT, TX_ERRCNT, TX_STBCNT, TX_TAI, TX_COUNT };
extern const struct gfield gl_timex[], gl_timex64[];

#endif
