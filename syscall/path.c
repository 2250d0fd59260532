/* -L prefix lookup and the /proc/self/exe alias. */
#include "syscall/path.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "syscall/guest-mem.h"

static char *prefix;            /* without trailing slashes; NULL for none */
static char *prefix_real;       /* the prefix with every symbolic link resolved */
static char *exe;
static char exe_guest[PATH_MAX];

int path_init(const char *pfx, const char *exe_path)
{
    free(prefix);
    free(prefix_real);
    free(exe);
    prefix = NULL;
    prefix_real = NULL;
    exe = NULL;
    if (pfx && *pfx) {
        size_t n = strlen(pfx);
        while (n > 1 && pfx[n - 1] == '/')
            n--;
        /* A prefix of "/" is the host itself. */
        if (!(n == 1 && pfx[0] == '/')) {
            prefix = strndup(pfx, n);
            if (!prefix)
                return -ENOMEM;
            /* Host paths of open files come canonical: compare them with this. */
            prefix_real = realpath(prefix, NULL);
        }
    }
    if (exe_path) {
        exe = strdup(exe_path);
        if (!exe)
            return -ENOMEM;
        const char *g = path_to_guest(exe, exe_guest, sizeof exe_guest);
        if (g != exe_guest)
            snprintf(exe_guest, sizeof exe_guest, "%s", g);
    }
    return 0;
}

const char *path_to_guest(const char *host, char *out, size_t n)
{
    const char *roots[2] = { prefix_real, prefix };
    for (int i = 0; i < 2; i++) {
        size_t len = roots[i] ? strlen(roots[i]) : 0;
        if (!len || strncmp(host, roots[i], len) || (host[len] != '/' && host[len]))
            continue;
        snprintf(out, n, "%s", host[len] ? host + len : "/");
        return out;
    }
    return host;
}

const char *path_exe_guest(void)
{
    return exe ? exe_guest : "";
}

const char *path_exe(void)
{
    return exe ? exe : "";
}

int path_is_proc_exe(const char *name)
{
    const char *rest;
    if (!strncmp(name, "/proc/self/", 11)) {
        rest = name + 11;
    } else if (!strncmp(name, "/proc/", 6)) {
        char *end;
        long pid = strtol(name + 6, &end, 10);
        if (end == name + 6 || *end != '/' || pid != (long)getpid())
            return 0;
        rest = end + 1;
    } else {
        return 0;
    }
    return !strcmp(rest, "exe");
}

const char *path_host(const char *name, char *out, size_t n)
{
    if (exe && path_is_proc_exe(name))
        return exe;
    if (!prefix || name[0] != '/')
        return name;
    int len = snprintf(out, n, "%s%s", prefix, name);
    if (len < 0 || (size_t)len >= n)
        return name;
    /* Exists under the prefix (a dangling symlink counts: it is the guest's file). */
    struct stat st;
    if (fstatat(AT_FDCWD, out, &st, AT_SYMLINK_NOFOLLOW) == 0)
        return out;
    return name;
}

const char *path_get(struct path_buf *pb, uint64_t addr, int allow_empty, int *err)
{
    long len = guest_strcpy(pb->guest, sizeof pb->guest, addr);
    if (len < 0) {
        *err = (int)len;
        return NULL;
    }
    if (len == 0 && !allow_empty) {
        *err = -ENOENT;
        return NULL;
    }
    return path_host(pb->guest, pb->host, sizeof pb->host);
}
