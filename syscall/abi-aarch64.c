/* AArch64 Linux (little-endian): where it differs from generic Linux.
 * Sources: /usr/aarch64-linux-gnu/include/asm/{fcntl,stat,statfs,signal}.h. arm64 is an
 * asm-generic architecture (struct stat and statfs, signal and errno numbers, mmap
 * flags, ioctls, termios are the generic ones; no stat64, no mmap2); only asm/fcntl.h
 * keeps 32-bit ARM's four open flags, and asm/signal.h its bigger MINSIGSTKSZ (room for
 * the signal frame's FP/SIMD record). */
#include "syscall/abi-tables.h"

/* asm/fcntl.h: the host (generic) values are on the left. */
static const struct abi_map aarch64_open_flags[] = {
    { 0200000, 040000 },     /* O_DIRECTORY */
    { 0400000, 0100000 },    /* O_NOFOLLOW */
    { 040000, 0200000 },     /* O_DIRECT */
    { 0100000, 0400000 },    /* O_LARGEFILE */
    { 0, 0 },
};

const struct syscall_table syscall_table_aarch64 = {
    .name = "aarch64",
    .numbers = &sysnum_aarch64,
    .word_size = 8,
    .align64 = 8,
    .big_endian = false,
    .clone_args = CLONE_ARGS_TLS_4TH,  /* clone(flags, stack, ptid, tls, ctid), as glibc's
                                          aarch64 clone.S passes them */
    .pair64 = PAIR64_NONE,
    .mmap2_shift = 12,
    .nsig = 64,
    .minsigstksz = 5120,        /* asm/signal.h */
    .open_flags = aarch64_open_flags,
};
