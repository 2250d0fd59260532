/* Directory positions that fit a 32-bit guest.
 *
 * A directory's d_off values ("cookies": what telldir returns and seekdir takes back)
 * are whatever the filesystem chooses. ext4 with hashed directories gives a 64-bit
 * process 63-bit hash cookies, but gives a 32-bit caller (a compat system call, or a
 * real 32-bit kernel) 31-bit ones. crossrun is a 64-bit process, so a 32-bit guest would
 * see cookies its off_t cannot hold: glibc's non-LFS readdir() then fails with EOVERFLOW
 * on the first entry, and telldir() values do not fit a long.
 *
 * So for guests with 32-bit words every cookie at or above DIRCOOKIE_BASE (2^30) is
 * replaced by a token DIRCOOKIE_BASE + i, where i numbers the distinct cookies of that
 * directory; cookies below it (tmpfs, btrfs, ext4's "." and "..") pass unchanged, so
 * filesystems with small positions behave exactly as before. Tables are kept per
 * directory (device and inode), since a cookie belongs to the directory, not to one
 * open descriptor: they stay valid across dup, reopen and fork. seekdir() to a token
 * seeks to the cookie it stands for; an unknown token is EINVAL, as the kernel says for
 * a position it never gave. At most DIRCOOKIE_DIRS directories are remembered (the
 * least recently used is forgotten), so a long find over a huge tree stays bounded.
 *
 * Contract: getdents/getdents64 of 32-bit ABIs pass each d_off through
 * dircookie_to_guest(); lseek/_llseek on a directory pass the guest's SEEK_SET position
 * through dircookie_from_guest() and the resulting position through
 * dircookie_to_guest(). 64-bit ABIs use none of this. Thread-safe. */
#ifndef SYSCALL_DIRCOOKIE_H
#define SYSCALL_DIRCOOKIE_H

#include <stdint.h>

#define DIRCOOKIE_BASE 0x40000000ll
#define DIRCOOKIE_DIRS 64

/* The guest's value for the host cookie off of directory (dev, ino): always below 2^31
 * (a host cookie that can no longer be given a token, 2^30 of them in one directory,
 * comes back as -EOVERFLOW). */
int64_t dircookie_to_guest(uint64_t dev, uint64_t ino, int64_t off);
/* The host cookie for a guest position, or -EINVAL for a token never handed out. */
int64_t dircookie_from_guest(uint64_t dev, uint64_t ino, int64_t guest_off);

#endif
