/* 32-bit ARM EABI (little-endian): where it differs from generic Linux.
 * Sources: /usr/arm-linux-gnueabihf/include/asm/{fcntl,stat,statfs,signal}.h; everything not
 * listed (mmap flags, signal and errno numbers, ioctls, termios) is asm-generic.
 * tests/unit/test_syscall_abi.c checks these layouts against the cross compiler. */
#include "syscall/abi-tables.h"

/* asm/fcntl.h moves four flags; the host (generic) values are on the left. */
static const struct abi_map arm_open_flags[] = {
    { 0200000, 040000 },     /* O_DIRECTORY */
    { 0400000, 0100000 },    /* O_NOFOLLOW */
    { 040000, 0200000 },     /* O_DIRECT */
    { 0100000, 0400000 },    /* O_LARGEFILE */
    { 0, 0 },
};

/* struct stat (little-endian variant): 16-bit mode, nlink and ids. As the kernel,
 * only the inode, link count and size report EOVERFLOW; times and blocks wrap. */
static const struct gfield arm_stat[] = {
    { GT_ULONG, 0, SK_DEV, 0 },        { GT_ULONG, 0, SK_INO, 0 },
    { GT_U16, 0, SK_MODE, 0 },         { GT_U16, 0, SK_NLINK, 0 },
    { GT_U16, 0, SK_UID, GF_OVERFLOWID }, { GT_U16, 0, SK_GID, GF_OVERFLOWID },
    { GT_ULONG, 0, SK_RDEV, 0 },       { GT_ULONG, 0, SK_SIZE, 0 },
    { GT_ULONG, 0, SK_BLKSIZE, 0 },    { GT_ULONG, 0, SK_BLOCKS, GF_TRUNC },
    { GT_ULONG, 0, SK_ATIME, GF_TRUNC }, { GT_ULONG, 0, SK_ATIME_NSEC, 0 },
    { GT_ULONG, 0, SK_MTIME, GF_TRUNC }, { GT_ULONG, 0, SK_MTIME_NSEC, 0 },
    { GT_ULONG, 0, SK_CTIME, GF_TRUNC }, { GT_ULONG, 0, SK_CTIME_NSEC, 0 },
    { GT_ULONG, 2, 0, GF_ZERO },
    { GT_END, 0, 0, 0 },
};

/* struct stat64: glibc 2.1's layout, with a truncated inode copy (__st_ino) early and
 * the full one last; EABI aligns the long longs to 8. */
static const struct gfield arm_stat64[] = {
    { GT_U64, 0, SK_DEV, 0 },          { GT_PAD, 4, 0, 0 },
    { GT_ULONG, 0, SK_INO, GF_TRUNC },
    { GT_U32, 0, SK_MODE, 0 },         { GT_U32, 0, SK_NLINK, 0 },
    { GT_ULONG, 0, SK_UID, 0 },        { GT_ULONG, 0, SK_GID, 0 },
    { GT_U64, 0, SK_RDEV, 0 },         { GT_PAD, 4, 0, 0 },
    { GT_S64, 0, SK_SIZE, 0 },         { GT_ULONG, 0, SK_BLKSIZE, 0 },
    { GT_U64, 0, SK_BLOCKS, 0 },
    { GT_ULONG, 0, SK_ATIME, GF_TRUNC }, { GT_ULONG, 0, SK_ATIME_NSEC, 0 },
    { GT_ULONG, 0, SK_MTIME, GF_TRUNC }, { GT_ULONG, 0, SK_MTIME_NSEC, 0 },
    { GT_ULONG, 0, SK_CTIME, GF_TRUNC }, { GT_ULONG, 0, SK_CTIME_NSEC, 0 },
    { GT_U64, 0, SK_INO, 0 },
    { GT_END, 0, 0, 0 },
};

/* asm/statfs.h packs struct statfs64 under EABI: no tail padding, 84 bytes. */
static const struct gfield arm_statfs64[] = {
    { GT_ULONG, 0, SF_K_TYPE, 0 }, { GT_ULONG, 0, SF_K_BSIZE, 0 },
    { GT_U64, 5, SF_K_BLOCKS, GF_ALIGN4 }, { GT_S32, 2, SF_K_FSID, 0 },
    { GT_ULONG, 0, SF_K_NAMELEN, 0 }, { GT_ULONG, 0, SF_K_FRSIZE, 0 },
    { GT_ULONG, 0, SF_K_FLAGS, 0 }, { GT_ULONG, 4, SF_K_SPARE, 0 },
    { GT_END, 0, 0, 0 },
};

/* struct old_sigaction of sigaction(2): one mask word, between handler and flags. */
static const struct gfield arm_old_sigaction[] = {
    { GT_PTR, 0, SA_K_HANDLER, 0 }, { GT_ULONG, 0, SA_K_MASK, 0 },
    { GT_ULONG, 0, SA_K_FLAGS, 0 }, { GT_PTR, 0, SA_K_RESTORER, 0 },
    { GT_END, 0, 0, 0 },
};

const struct syscall_table syscall_table_arm = {
    .name = "arm",
    .numbers = &sysnum_arm,
    .word_size = 4,
    .align64 = 8,
    .big_endian = false,
    .pair64 = PAIR64_ALIGNED,
    .mmap2_shift = 12,
    .nsig = 64,
    .minsigstksz = 2048,        /* asm/signal.h */
    .uid16 = true,              /* the *32 calls are the full-width ones */
    .clone_args = CLONE_ARGS_TLS_4TH,
    .open_flags = arm_open_flags,
    .stat = arm_stat,
    .stat64 = arm_stat64,
    .statfs64 = arm_statfs64,
    .statfs64_alt_size = 88,    /* glibc passes the unpacked size: the kernel takes it */
    .shmlba = 0x4000,           /* 4 pages (asm/shmparam.h) */
    .shmlba_forced = true,
    .ipc_old_layouts = true,
    .old_sigaction = arm_old_sigaction,
};
