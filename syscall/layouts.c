/* The field lists of syscall/layouts.h. */
#include "syscall/layouts.h"

#define END { GT_END, 0, 0, 0 }

const struct gfield gl_epoll_event[] = {
    { GT_U32, 0, EP_K_EVENTS, 0 }, { GT_U64, 0, EP_K_DATA, 0 }, END
};

const struct gfield *abi_epoll_layout(const struct syscall_table *abi)
{
    return abi->epoll_event ? abi->epoll_event : gl_epoll_event;
}

const struct gfield gl_signalfd_siginfo[] = {
    { GT_U32, 0, SSI_SIGNO, 0 }, { GT_S32, 0, SSI_ERRNO, 0 }, { GT_S32, 0, SSI_CODE, 0 },
    { GT_U32, 0, SSI_PID, 0 }, { GT_U32, 0, SSI_UID, 0 }, { GT_S32, 0, SSI_FD, 0 },
    { GT_U32, 0, SSI_TID, 0 }, { GT_U32, 0, SSI_BAND, 0 }, { GT_U32, 0, SSI_OVERRUN, 0 },
    { GT_U32, 0, SSI_TRAPNO, 0 }, { GT_S32, 0, SSI_STATUS, 0 }, { GT_S32, 0, SSI_INT, 0 },
    { GT_U64, 0, SSI_PTR, 0 }, { GT_U64, 0, SSI_UTIME, 0 }, { GT_U64, 0, SSI_STIME, 0 },
    { GT_U64, 0, SSI_ADDR, 0 }, { GT_U16, 0, SSI_ADDR_LSB, 0 }, { GT_U16, 0, 0, GF_ZERO },
    { GT_S32, 0, SSI_SYSCALL, 0 }, { GT_U64, 0, SSI_CALL_ADDR, 0 }, { GT_U32, 0, SSI_ARCH, 0 },
    { GT_PAD, 28, 0, 0 },
    END
};

const struct gfield gl_inotify_event[] = {
    { GT_S32, 0, IE_K_WD, 0 }, { GT_U32, 0, IE_K_MASK, 0 }, { GT_U32, 0, IE_K_COOKIE, 0 },
    { GT_U32, 0, IE_K_LEN, 0 }, END
};

#define MSGHDR_MEMBERS \
    { GT_PTR, 0, MH_K_NAME, 0 }, { GT_S32, 0, MH_K_NAMELEN, 0 }, \
    { GT_PTR, 0, MH_K_IOV, 0 }, { GT_ULONG, 0, MH_K_IOVLEN, 0 }, \
    { GT_PTR, 0, MH_K_CONTROL, 0 }, { GT_ULONG, 0, MH_K_CONTROLLEN, 0 }, \
    { GT_U32, 0, MH_K_FLAGS, 0 }

const struct gfield gl_msghdr[] = { MSGHDR_MEMBERS, END };
const struct gfield gl_mmsghdr[] = {
    MSGHDR_MEMBERS, { GT_U32, 0, MMH_K_LEN, GF_NESTED_END }, END
};

const struct gfield gl_cmsghdr[] = {
    { GT_ULONG, 0, CM_K_LEN, 0 }, { GT_S32, 0, CM_K_LEVEL, 0 }, { GT_S32, 0, CM_K_TYPE, 0 },
    END
};

/* 64 bytes: the value (a word), two ints, then a union padded to the rest. */
static const struct gfield gl_sigevent32[] = {
    { GT_PTR, 0, SEV_K_VALUE, 0 }, { GT_S32, 0, SEV_K_SIGNO, 0 },
    { GT_S32, 0, SEV_K_NOTIFY, 0 }, { GT_S32, 0, SEV_K_TID, 0 }, { GT_PAD, 48, 0, 0 }, END
};
static const struct gfield gl_sigevent64[] = {
    { GT_PTR, 0, SEV_K_VALUE, 0 }, { GT_S32, 0, SEV_K_SIGNO, 0 },
    { GT_S32, 0, SEV_K_NOTIFY, 0 }, { GT_S32, 0, SEV_K_TID, 0 }, { GT_PAD, 44, 0, 0 }, END
};

const struct gfield *gl_sigevent(const struct syscall_table *abi)
{
    return abi->word_size == 4 ? gl_sigevent32 : gl_sigevent64;
}

const struct gfield gl_sched_attr[] = {
    { GT_U32, 0, SA_A_SIZE, 0 }, { GT_U32, 0, SA_A_POLICY, 0 }, { GT_U64, 0, SA_A_FLAGS, 0 },
    { GT_S32, 0, SA_A_NICE, 0 }, { GT_U32, 0, SA_A_PRIORITY, 0 },
    { GT_U64, 0, SA_A_RUNTIME, 0 }, { GT_U64, 0, SA_A_DEADLINE, 0 },
    { GT_U64, 0, SA_A_PERIOD, 0 }, { GT_U32, 0, SA_A_UTIL_MIN, 0 },
    { GT_U32, 0, SA_A_UTIL_MAX, 0 }, END
};

const struct gfield gl_cap_header[] = { { GT_U32, 0, 0, 0 }, { GT_S32, 0, 1, 0 }, END };
const struct gfield gl_cap_data[] = { { GT_U32, 3, 0, 0 }, END };

const struct gfield gl_file_handle[] = { { GT_U32, 0, 0, 0 }, { GT_S32, 0, 1, 0 }, END };

const struct gfield gl_open_how[] = { { GT_U64, 3, 0, 0 }, END };

const struct gfield gl_ucred[] = { { GT_S32, 0, 0, 0 }, { GT_U32, 2, 1, 0 }, END };
const struct gfield gl_linger[] = { { GT_S32, 2, 0, 0 }, END };

const struct gfield gl_mq_attr[] = { { GT_LONG, 4, 0, 0 }, { GT_LONG, 4, 0, GF_ZERO }, END };

const struct gfield gl_sock_fprog[] = { { GT_U16, 0, 0, 0 }, { GT_PTR, 0, 1, 0 }, END };
const struct gfield gl_sock_filter[] = {
    { GT_U16, 0, 0, 0 }, { GT_U8, 2, 1, 0 }, { GT_U32, 0, 3, 0 }, END
};

const struct gfield gl_sock_timeval64[] = { { GT_S64, 2, 0, 0 }, END };

const struct gfield gl_timex[] = {
    { GT_U32, 0, TX_MODES, 0 }, { GT_LONG, 4, TX_OFFSET, 0 }, { GT_S32, 0, TX_STATUS, 0 },
    { GT_LONG, 5, TX_CONSTANT, 0 }, { GT_LONG, 3, TX_TICK, 0 }, { GT_S32, 0, TX_SHIFT, 0 },
    { GT_LONG, 5, TX_STABIL, 0 }, { GT_S32, 0, TX_TAI, 0 }, { GT_S32, 11, 0, GF_ZERO }, END
};

/* Every member 64-bit, the ints followed by explicit padding. */
const struct gfield gl_timex64[] = {
    { GT_U32, 0, TX_MODES, 0 }, { GT_PAD, 4, 0, 0 }, { GT_S64, 4, TX_OFFSET, 0 },
    { GT_S32, 0, TX_STATUS, 0 }, { GT_PAD, 4, 0, 0 }, { GT_S64, 5, TX_CONSTANT, 0 },
    { GT_S64, 3, TX_TICK, 0 }, { GT_S32, 0, TX_SHIFT, 0 }, { GT_PAD, 4, 0, 0 },
    { GT_S64, 5, TX_STABIL, 0 }, { GT_S32, 0, TX_TAI, 0 }, { GT_S32, 11, 0, GF_ZERO }, END
};

/* SysV IPC as asm-generic lays it out; 32-bit ABIs split each time into the low word
 * and then the high word. */
static const struct gfield gl_msqid64_32[] = {
    GL_IPC64_PERM,
    { GT_ULONG, 0, MSQ_K_STIME, GF_TRUNC }, { GT_ULONG, 0, MSQ_K_STIME_HI, 0 },
    { GT_ULONG, 0, MSQ_K_RTIME, GF_TRUNC }, { GT_ULONG, 0, MSQ_K_RTIME_HI, 0 },
    { GT_ULONG, 0, MSQ_K_CTIME, GF_TRUNC }, { GT_ULONG, 0, MSQ_K_CTIME_HI, 0 },
    { GT_ULONG, 3, MSQ_K_CBYTES, GF_TRUNC }, { GT_S32, 2, MSQ_K_LSPID, 0 },
    { GT_ULONG, 2, 0, GF_ZERO }, END
};
static const struct gfield gl_msqid64_64[] = {
    GL_IPC64_PERM,
    { GT_LONG, 0, MSQ_K_STIME, 0 }, { GT_LONG, 0, MSQ_K_RTIME, 0 },
    { GT_LONG, 0, MSQ_K_CTIME, 0 }, { GT_ULONG, 3, MSQ_K_CBYTES, 0 },
    { GT_S32, 2, MSQ_K_LSPID, 0 }, { GT_ULONG, 2, 0, GF_ZERO }, END
};
static const struct gfield gl_semid64_32[] = {
    GL_IPC64_PERM,
    { GT_ULONG, 0, SEM_K_OTIME, GF_TRUNC }, { GT_ULONG, 0, SEM_K_OTIME_HI, 0 },
    { GT_ULONG, 0, SEM_K_CTIME, GF_TRUNC }, { GT_ULONG, 0, SEM_K_CTIME_HI, 0 },
    { GT_ULONG, 0, SEM_K_NSEMS, 0 }, { GT_ULONG, 2, 0, GF_ZERO }, END
};
static const struct gfield gl_semid64_64[] = {
    GL_IPC64_PERM,
    { GT_LONG, 0, SEM_K_OTIME, 0 }, { GT_LONG, 0, SEM_K_CTIME, 0 },
    { GT_ULONG, 0, SEM_K_NSEMS, 0 }, { GT_ULONG, 2, 0, GF_ZERO }, END
};
static const struct gfield gl_shmid64_32[] = {
    GL_IPC64_PERM,
    { GT_ULONG, 0, SHM_K_SEGSZ, 0 },
    { GT_ULONG, 0, SHM_K_ATIME, GF_TRUNC }, { GT_ULONG, 0, SHM_K_ATIME_HI, 0 },
    { GT_ULONG, 0, SHM_K_DTIME, GF_TRUNC }, { GT_ULONG, 0, SHM_K_DTIME_HI, 0 },
    { GT_ULONG, 0, SHM_K_CTIME, GF_TRUNC }, { GT_ULONG, 0, SHM_K_CTIME_HI, 0 },
    { GT_S32, 2, SHM_K_CPID, 0 }, { GT_ULONG, 0, SHM_K_NATTCH, 0 },
    { GT_ULONG, 2, 0, GF_ZERO }, END
};
static const struct gfield gl_shmid64_64[] = {
    GL_IPC64_PERM,
    { GT_ULONG, 0, SHM_K_SEGSZ, 0 }, { GT_LONG, 0, SHM_K_ATIME, 0 },
    { GT_LONG, 0, SHM_K_DTIME, 0 }, { GT_LONG, 0, SHM_K_CTIME, 0 },
    { GT_S32, 2, SHM_K_CPID, 0 }, { GT_ULONG, 0, SHM_K_NATTCH, 0 },
    { GT_ULONG, 2, 0, GF_ZERO }, END
};

const struct gfield *abi_msqid64_layout(const struct syscall_table *abi)
{
    if (abi->msqid64_ds)
        return abi->msqid64_ds;
    return abi->word_size == 4 ? gl_msqid64_32 : gl_msqid64_64;
}

const struct gfield *abi_semid64_layout(const struct syscall_table *abi)
{
    if (abi->semid64_ds)
        return abi->semid64_ds;
    return abi->word_size == 4 ? gl_semid64_32 : gl_semid64_64;
}

const struct gfield *abi_shmid64_layout(const struct syscall_table *abi)
{
    if (abi->shmid64_ds)
        return abi->shmid64_ds;
    return abi->word_size == 4 ? gl_shmid64_32 : gl_shmid64_64;
}

const struct gfield gl_seminfo[] = { { GT_S32, 10, 0, 0 }, END };
const struct gfield gl_msginfo[] = { { GT_S32, 7, 0, 0 }, { GT_U16, 0, 7, GF_TRUNC }, END };
const struct gfield gl_shminfo64[] = {
    { GT_ULONG, 5, 0, GF_TRUNC }, { GT_ULONG, 4, 0, GF_ZERO }, END
};
const struct gfield gl_shm_info[] = { { GT_S32, 0, 0, 0 }, { GT_ULONG, 5, 1, GF_TRUNC }, END };
const struct gfield gl_sembuf[] = {
    { GT_U16, 0, 0, 0 }, { GT_S16, 0, 1, 0 }, { GT_S16, 0, 2, 0 }, END
};

/* PADDED(key, rw_flags) in linux/aio_abi.h: the pair is in the order of the CPU's
 * 64-bit halves. */
static const struct gfield gl_iocb_le[] = {
    { GT_U64, 0, IOCB_K_DATA, 0 }, { GT_U32, 0, IOCB_K_KEY, 0 },
    { GT_U32, 0, IOCB_K_RW_FLAGS, 0 }, { GT_U16, 0, IOCB_K_OPCODE, 0 },
    { GT_S16, 0, IOCB_K_REQPRIO, 0 }, { GT_U32, 0, IOCB_K_FILDES, 0 },
    { GT_U64, 0, IOCB_K_BUF, 0 }, { GT_U64, 0, IOCB_K_NBYTES, 0 },
    { GT_S64, 0, IOCB_K_OFFSET, 0 }, { GT_U64, 0, IOCB_K_RESERVED2, 0 },
    { GT_U32, 0, IOCB_K_FLAGS, 0 }, { GT_U32, 0, IOCB_K_RESFD, 0 }, END
};
static const struct gfield gl_iocb_be[] = {
    { GT_U64, 0, IOCB_K_DATA, 0 }, { GT_U32, 0, IOCB_K_RW_FLAGS, 0 },
    { GT_U32, 0, IOCB_K_KEY, 0 }, { GT_U16, 0, IOCB_K_OPCODE, 0 },
    { GT_S16, 0, IOCB_K_REQPRIO, 0 }, { GT_U32, 0, IOCB_K_FILDES, 0 },
    { GT_U64, 0, IOCB_K_BUF, 0 }, { GT_U64, 0, IOCB_K_NBYTES, 0 },
    { GT_S64, 0, IOCB_K_OFFSET, 0 }, { GT_U64, 0, IOCB_K_RESERVED2, 0 },
    { GT_U32, 0, IOCB_K_FLAGS, 0 }, { GT_U32, 0, IOCB_K_RESFD, 0 }, END
};

const struct gfield *gl_iocb(const struct syscall_table *abi)
{
    return abi->big_endian ? gl_iocb_be : gl_iocb_le;
}

const struct gfield gl_io_event[] = { { GT_U64, 2, 0, 0 }, { GT_S64, 2, 2, 0 }, END };

/* The old IPC structs (linux/ipc.h, msg.h, sem.h, shm.h), for 16-bit and 32-bit
 * __kernel_uid_t/__kernel_mode_t/__kernel_ipc_pid_t. */
#define OLD_PERM(idt) \
    { GT_S32, 0, IPC_K_KEY, 0 }, { idt, 4, IPC_K_UID, GF_OVERFLOWID }, \
    { idt, 0, IPC_K_MODE, 0 }, { GT_U16, 0, IPC_K_SEQ, 0 }
#define OLD_MSQID(idt, pidt) \
    OLD_PERM(idt), { GT_PTR, 2, 0, GF_ZERO }, { GT_LONG, 0, MSQ_K_STIME, GF_TRUNC }, \
    { GT_LONG, 0, MSQ_K_RTIME, GF_TRUNC }, { GT_LONG, 0, MSQ_K_CTIME, GF_TRUNC }, \
    { GT_ULONG, 2, MSQ_K_LCBYTES, GF_TRUNC }, { GT_U16, 3, MSQ_K_CBYTES, 0 }, \
    { pidt, 2, MSQ_K_LSPID, GF_TRUNC }, END
#define OLD_SEMID(idt) \
    OLD_PERM(idt), { GT_LONG, 0, SEM_K_OTIME, GF_TRUNC }, \
    { GT_LONG, 0, SEM_K_CTIME, GF_TRUNC }, { GT_PTR, 4, 0, GF_ZERO }, \
    { GT_U16, 0, SEM_K_NSEMS, GF_TRUNC }, END
#define OLD_SHMID(idt, pidt) \
    OLD_PERM(idt), { GT_S32, 0, SHM_K_SEGSZ, GF_TRUNC }, \
    { GT_LONG, 0, SHM_K_ATIME, GF_TRUNC }, { GT_LONG, 0, SHM_K_DTIME, GF_TRUNC }, \
    { GT_LONG, 0, SHM_K_CTIME, GF_TRUNC }, { pidt, 2, SHM_K_CPID, GF_TRUNC }, \
    { GT_U16, 0, SHM_K_NATTCH, GF_TRUNC }, { GT_U16, 0, 0, GF_ZERO }, \
    { GT_PTR, 2, 0, GF_ZERO }, END

static const struct gfield gl_msqid_old16[] = { OLD_MSQID(GT_U16, GT_U16) };
static const struct gfield gl_msqid_old32[] = { OLD_MSQID(GT_U32, GT_S32) };
static const struct gfield gl_semid_old16[] = { OLD_SEMID(GT_U16) };
static const struct gfield gl_semid_old32[] = { OLD_SEMID(GT_U32) };
static const struct gfield gl_shmid_old16[] = { OLD_SHMID(GT_U16, GT_U16) };
static const struct gfield gl_shmid_old32[] = { OLD_SHMID(GT_U32, GT_S32) };

const struct gfield *abi_msqid_old_layout(const struct syscall_table *abi)
{
    return abi->uid16 ? gl_msqid_old16 : gl_msqid_old32;
}

const struct gfield *abi_semid_old_layout(const struct syscall_table *abi)
{
    return abi->uid16 ? gl_semid_old16 : gl_semid_old32;
}

const struct gfield *abi_shmid_old_layout(const struct syscall_table *abi)
{
    return abi->uid16 ? gl_shmid_old16 : gl_shmid_old32;
}

const struct gfield gl_shminfo_old[] = { { GT_S32, 5, 0, GF_TRUNC }, END };
