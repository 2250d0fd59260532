/* File I/O beyond open/read/write: access-pattern advice, readahead, syncing ranges and
 * whole filesystems, and preadv2/pwritev2 with their RWF_ flags (the same everywhere).
 * fadvise64_64 and the (fd, advice, off, len) order some 32-bit ABIs use under another
 * name (arm_fadvise64_64) are in file.c; the number tables pick the order by name. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/safe-syscall.h"
#include "syscall/syscall.h"

static int64_t ret_errno(long r)
{
    return r < 0 ? -errno : r;
}

/* fadvise64(fd, off, len, advice): len is a word (64-bit ABIs, i386). */
static int64_t sys_fadvise64(struct sc *c)
{
    return -posix_fadvise((int)c->a[0], (off_t)c->a[1], (off_t)c->a[2], (int)c->a[3]);
}

static int64_t sys_readahead(struct sc *c)
{
    return ret_errno(readahead((int)c->a[0], (off64_t)c->a[1], (size_t)c->a[2]));
}

static int64_t sys_sync_file_range(struct sc *c)
{
    return ret_errno(sync_file_range((int)c->a[0], (off64_t)c->a[1], (off64_t)c->a[2],
                                     (unsigned)c->a[3]));
}

/* The order that keeps the 64-bit arguments in aligned register pairs (ARM, PowerPC). */
static int64_t sys_sync_file_range2(struct sc *c)
{
    return ret_errno(sync_file_range((int)c->a[0], (off64_t)c->a[2], (off64_t)c->a[3],
                                     (unsigned)c->a[1]));
}

static int64_t sys_syncfs(struct sc *c) { return ret_errno(syncfs((int)c->a[0])); }

/* preadv2/pwritev2 pass the offset as two words, low first, on every ABI; -1 means
 * the current file position. */
static int64_t do_vec2(struct sc *c, bool to_guest)
{
    struct iovec *iov;
    int r = get_iovec(c->abi, c->a[1], c->a[2], to_guest, &iov);
    if (r < 0)
        return r;
    int64_t pos = c->abi->word_size == 4 ? (int64_t)((c->a[4] << 32) | (c->a[3] & 0xffffffff))
                                         : (int64_t)c->a[3];
    long n = safe_syscall6(to_guest ? SYS_preadv2 : SYS_pwritev2, (int)c->a[0], (long)iov,
                           (long)c->a[2], (long)pos, 0, (long)(int)c->a[5]);
    free(iov);
    return n;
}

static int64_t sys_preadv2(struct sc *c) { return do_vec2(c, true); }
static int64_t sys_pwritev2(struct sc *c) { return do_vec2(c, false); }

const struct syscall_def syscalls_fileadv[] = {
    { GSYS_fadvise64, sys_fadvise64, { A_FD, A_S64, A_ULONG, A_FADV }, R_INT, 0 },
    { GSYS_readahead, sys_readahead, { A_FD, A_S64, A_ULONG }, R_INT, 0 },
    { GSYS_sync_file_range, sys_sync_file_range, { A_FD, A_S64, A_S64, A_HEX }, R_INT, 0 },
    { GSYS_sync_file_range2, sys_sync_file_range2, { A_FD, A_HEX, A_S64, A_S64 }, R_INT, 0 },
    { GSYS_syncfs, sys_syncfs, { A_FD }, R_INT, 0 },
    { GSYS_preadv2, sys_preadv2, { A_FD, A_PTR, A_INT, A_ULONG, A_ULONG, A_HEX }, R_INT, 0 },
    { GSYS_pwritev2, sys_pwritev2, { A_FD, A_PTR, A_INT, A_ULONG, A_ULONG, A_HEX }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
