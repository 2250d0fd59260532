/* The guest Linux ABIs the syscall layer knows, one struct syscall_table each.
 * Contract: a target points its ops->syscalls at the table of its ABI, e.g.
 *     .syscalls = &syscall_table_arm,
 * and nothing else in generic code names these: it reads facts through the pointer.
 * Adding a guest ABI: generate its numbers (syscall/gen-sysnums.py --table NAME ...),
 * write syscall/abi-NAME.c with its differences from generic Linux, declare both here. */
#ifndef SYSCALL_ABI_TABLES_H
#define SYSCALL_ABI_TABLES_H

#include "syscall/abi.h"

/* Every table above, NULL-terminated (for tests and tools). */
extern const struct syscall_table *const syscall_tables[];
const struct syscall_table *syscall_table_by_name(const char *name);

/* 32-bit ARM EABI, little-endian (Debian armel/armhf) */
extern const struct syscall_table syscall_table_arm;
extern const struct sysnum_map sysnum_arm;

/* AArch64, little-endian (Debian arm64) */
extern const struct syscall_table syscall_table_aarch64;
extern const struct sysnum_map sysnum_aarch64;

/* MIPS o32 big-endian (Debian mips) and little-endian (mipsel), MIPS n64 little-endian
 * (mips64el) */
extern const struct syscall_table syscall_table_mips, syscall_table_mipsel,
    syscall_table_mips64el;
extern const struct sysnum_map sysnum_mipso32, sysnum_mipsn64;

#endif
