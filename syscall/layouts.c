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
