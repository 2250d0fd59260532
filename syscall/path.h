/* Guest file names -> host file names.
 * Contract: every call that takes a file name gets it through path_get(), which reads
 * it from guest memory and applies the -L prefix the way qemu-user does: an absolute
 * name that exists under the prefix (the last component not followed) is used there,
 * otherwise the host name is used unchanged. Relative names are never changed (they
 * resolve against the cwd or a dirfd, which already point into the prefix if the guest
 * went there). /proc/self/exe and /proc/<our pid>/exe name the guest program. */
#ifndef SYSCALL_PATH_H
#define SYSCALL_PATH_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

/* Room for a guest name and its host version. */
struct path_buf {
    char guest[PATH_MAX];
    char host[PATH_MAX];
};

/* The prefix (NULL or "" for none) and the guest program's host path. Copied. */
int path_init(const char *prefix, const char *exe_path);

/* Reads the name at guest addr into pb and returns the host name to use, or NULL with
 * *err = -EFAULT / -ENAMETOOLONG / -ENOENT (empty name, unless allow_empty). */
const char *path_get(struct path_buf *pb, uint64_t addr, int allow_empty, int *err);

/* The host name for a guest name (what path_get does after reading it). Returns name
 * itself or out (n bytes). */
const char *path_host(const char *name, char *out, size_t n);

/* The guest's name for a canonical host path (what /proc/self/fd or realpath gives):
 * inside the -L prefix, the part after it ("/" for the prefix itself); outside, the
 * host path unchanged. Returns host itself or out (n bytes). */
const char *path_to_guest(const char *host, char *out, size_t n);

/* Is name /proc/self/exe or /proc/<our pid>/exe? Then the guest means its program. */
int path_is_proc_exe(const char *name);
/* The guest program's host path (what opening /proc/self/exe opens). */
const char *path_exe(void);
/* The guest program as readlink("/proc/self/exe") shows it to the guest: its path
 * inside the -L prefix, as path_to_guest. */
const char *path_exe_guest(void);

#endif
