/* Field lists of the ABI-independent kernel structs and the common conversions. */
#include "syscall/gstructs.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "syscall/guest-mem.h"

#define END { GT_END, 0, 0, 0 }

const struct gfield gs_timespec[] = { { GT_LONG, 0, 0, 0 }, { GT_LONG, 0, 1, 0 }, END };
const struct gfield gs_timespec64[] = { { GT_S64, 0, 0, 0 }, { GT_S64, 0, 1, 0 }, END };
const struct gfield gs_timeval[] = { { GT_LONG, 0, 0, 0 }, { GT_LONG, 0, 1, 0 }, END };
const struct gfield gs_timezone[] = { { GT_S32, 0, 0, 0 }, { GT_S32, 0, 1, 0 }, END };
const struct gfield gs_iovec[] = { { GT_PTR, 0, 0, 0 }, { GT_ULONG, 0, 1, 0 }, END };
const struct gfield gs_rlimit[] = { { GT_ULONG, 0, 0, 0 }, { GT_ULONG, 0, 1, 0 }, END };
const struct gfield gs_rlimit64[] = { { GT_U64, 0, 0, 0 }, { GT_U64, 0, 1, 0 }, END };
const struct gfield gs_tms[] = { { GT_LONG, 4, 0, GF_TRUNC }, END };
/* ru_utime and ru_stime (timevals), then fourteen longs. */
const struct gfield gs_rusage[] = { { GT_LONG, 18, 0, GF_TRUNC }, END };
const struct gfield gs_pollfd[] = {
    { GT_S32, 0, 0, 0 }, { GT_S16, 0, 1, GF_TRUNC }, { GT_S16, 0, 2, GF_TRUNC }, END
};
const struct gfield gs_winsize[] = { { GT_U16, 4, 0, GF_TRUNC }, END };

const struct gfield gs_statx[] = {
    { GT_U32, 0, 0, 0 },  { GT_U32, 0, 1, 0 },  { GT_U64, 0, 2, 0 },  /* mask, blksize, attrs */
    { GT_U32, 0, 3, 0 },  { GT_U32, 0, 4, 0 },  { GT_U32, 0, 5, 0 },  /* nlink, uid, gid */
    { GT_U16, 0, 6, 0 },  { GT_U16, 0, 7, 0 },                        /* mode, __spare0 */
    { GT_U64, 0, 8, 0 },  { GT_U64, 0, 9, 0 },  { GT_U64, 0, 10, 0 }, /* ino, size, blocks */
    { GT_U64, 0, 11, 0 },                                             /* attributes_mask */
    { GT_S64, 0, 12, 0 }, { GT_U32, 0, 13, 0 }, { GT_S32, 0, 14, 0 }, /* atime */
    { GT_S64, 0, 15, 0 }, { GT_U32, 0, 16, 0 }, { GT_S32, 0, 17, 0 }, /* btime */
    { GT_S64, 0, 18, 0 }, { GT_U32, 0, 19, 0 }, { GT_S32, 0, 20, 0 }, /* ctime */
    { GT_S64, 0, 21, 0 }, { GT_U32, 0, 22, 0 }, { GT_S32, 0, 23, 0 }, /* mtime */
    { GT_U32, 0, 24, 0 }, { GT_U32, 0, 25, 0 },                       /* rdev major, minor */
    { GT_U32, 0, 26, 0 }, { GT_U32, 0, 27, 0 },                       /* dev major, minor */
    { GT_U64, 0, 28, 0 },                                             /* mnt_id */
    { GT_U32, 0, 29, 0 }, { GT_U32, 0, 30, 0 },                       /* dio alignments */
    { GT_U64, 12, 31, 0 },                                            /* __spare3 */
    END
};

static const struct gfield gs_sysinfo32[] = {
    { GT_LONG, 0, SI_K_UPTIME, GF_TRUNC }, { GT_ULONG, 3, SI_K_LOADS, GF_TRUNC },
    { GT_ULONG, 6, SI_K_TOTALRAM, 0 },
    { GT_U16, 0, SI_K_PROCS, GF_TRUNC }, { GT_U16, 0, 0, GF_ZERO },
    { GT_ULONG, 2, SI_K_TOTALHIGH, 0 }, { GT_U32, 0, SI_K_MEM_UNIT, 0 },
    { GT_PAD, 8, 0, 0 },                        /* char _f[20 - 2 * 4 - 4] */
    END
};
static const struct gfield gs_sysinfo64[] = {
    { GT_LONG, 0, SI_K_UPTIME, 0 }, { GT_ULONG, 3, SI_K_LOADS, 0 },
    { GT_ULONG, 6, SI_K_TOTALRAM, 0 },
    { GT_U16, 0, SI_K_PROCS, GF_TRUNC }, { GT_U16, 0, 0, GF_ZERO },
    { GT_ULONG, 2, SI_K_TOTALHIGH, 0 }, { GT_U32, 0, SI_K_MEM_UNIT, 0 },
    END
};

const struct gfield *gs_sysinfo(const struct syscall_table *abi)
{
    return abi->word_size == 4 ? gs_sysinfo32 : gs_sysinfo64;
}

int put_struct(const struct syscall_table *abi, const struct gfield *f, uint64_t addr,
               const uint64_t *vals)
{
    void *p = guest_wr(addr, gstruct_size(abi, f));
    if (!p)
        return -EFAULT;
    return gstruct_store(abi, f, p, vals);
}

int get_struct(const struct syscall_table *abi, const struct gfield *f, uint64_t addr,
               uint64_t *vals)
{
    const void *p = guest_rd(addr, gstruct_size(abi, f));
    if (!p)
        return -EFAULT;
    gstruct_load(abi, f, p, vals);
    return 0;
}

int get_timespec(const struct syscall_table *abi, uint64_t addr, bool time64,
                 struct timespec *ts)
{
    uint64_t v[2];
    int r = get_struct(abi, time64 ? gs_timespec64 : gs_timespec, addr, v);
    if (r < 0)
        return r;
    ts->tv_sec = (time_t)v[0];
    /* A 32-bit kernel reads only the low half of a 64-bit tv_nsec. */
    ts->tv_nsec = abi->word_size == 4 ? (long)(int32_t)(uint32_t)v[1] : (long)v[1];
    return 0;
}

int put_timespec(const struct syscall_table *abi, uint64_t addr, bool time64,
                 const struct timespec *ts)
{
    uint64_t v[2] = { (uint64_t)ts->tv_sec, (uint64_t)ts->tv_nsec };
    return put_struct(abi, time64 ? gs_timespec64 : gs_timespec, addr, v);
}

int get_timeval(const struct syscall_table *abi, uint64_t addr, struct timeval *tv)
{
    uint64_t v[2];
    int r = get_struct(abi, gs_timeval, addr, v);
    if (r < 0)
        return r;
    tv->tv_sec = (time_t)v[0];
    tv->tv_usec = (suseconds_t)v[1];
    return 0;
}

int put_timeval(const struct syscall_table *abi, uint64_t addr, const struct timeval *tv)
{
    uint64_t v[2] = { (uint64_t)tv->tv_sec, (uint64_t)tv->tv_usec };
    return put_struct(abi, gs_timeval, addr, v);
}

int put_rusage(const struct syscall_table *abi, uint64_t addr, const struct rusage *ru)
{
    uint64_t v[18] = {
        (uint64_t)ru->ru_utime.tv_sec, (uint64_t)ru->ru_utime.tv_usec,
        (uint64_t)ru->ru_stime.tv_sec, (uint64_t)ru->ru_stime.tv_usec,
        (uint64_t)ru->ru_maxrss, (uint64_t)ru->ru_ixrss, (uint64_t)ru->ru_idrss,
        (uint64_t)ru->ru_isrss, (uint64_t)ru->ru_minflt, (uint64_t)ru->ru_majflt,
        (uint64_t)ru->ru_nswap, (uint64_t)ru->ru_inblock, (uint64_t)ru->ru_oublock,
        (uint64_t)ru->ru_msgsnd, (uint64_t)ru->ru_msgrcv, (uint64_t)ru->ru_nsignals,
        (uint64_t)ru->ru_nvcsw, (uint64_t)ru->ru_nivcsw,
    };
    return put_struct(abi, gs_rusage, addr, v);
}

int get_iovec(const struct syscall_table *abi, uint64_t addr, uint64_t count,
              bool to_guest, struct iovec **out)
{
    if (count > 1024)                           /* UIO_MAXIOV */
        return -EINVAL;
    size_t esz = gstruct_size(abi, gs_iovec);
    const uint8_t *g = guest_rd(addr, esz * count);
    if (!g)
        return -EFAULT;
    struct iovec *iov = calloc(count ? count : 1, sizeof *iov);
    if (!iov)
        return -ENOMEM;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t v[2];
        gstruct_load(abi, gs_iovec, g + i * esz, v);
        if ((int64_t)abi_sext_word(abi, v[1]) < 0) {
            free(iov);
            return -EINVAL;
        }
        void *p = to_guest ? guest_wr(v[0], v[1]) : guest_rd(v[0], v[1]);
        if (!p) {
            free(iov);
            return -EFAULT;
        }
        iov[i].iov_base = p;
        iov[i].iov_len = (size_t)v[1];
    }
    *out = iov;
    return 0;
}
