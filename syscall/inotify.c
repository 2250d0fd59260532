/* File-system event notification: inotify and fanotify. IN_CLOEXEC and IN_NONBLOCK,
 * and fanotify's event_f_flags, are the ABI's O_ values; event masks are the same
 * everywhere. Watched names honour -L. The records read from the descriptors (inotify:
 * wd, mask, cookie, len, then len bytes of name; fanotify: event metadata) are
 * converted for big-endian guests (fdtrans). */
#include <errno.h>
#include <string.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>

#include "syscall/fdtrans.h"
#include "syscall/layouts.h"
#include "syscall/path.h"
#include "syscall/syscall.h"

static void events_to_guest(const struct syscall_table *abi, void *buf, size_t n)
{
    size_t hsz = gstruct_size(abi, gl_inotify_event);
    for (size_t off = 0; off + hsz <= n;) {
        uint8_t *rec = (uint8_t *)buf + off;
        uint64_t v[IE_K_COUNT];
        gstruct_load(&abi_host, gl_inotify_event, rec, v);
        gstruct_store(abi, gl_inotify_event, rec, v);
        off += hsz + v[IE_K_LEN];
    }
}

static const struct fd_trans inotify_trans = { "inotify", events_to_guest, NULL };

static int64_t do_init(struct sc *c, uint32_t guest_flags)
{
    int fd = inotify_init1((int)abi_oflags_to_host(c->abi, guest_flags));
    if (fd < 0)
        return -errno;
    fdtrans_set(fd, c->abi->big_endian ? &inotify_trans : NULL);
    return fd;
}

static int64_t sys_inotify_init(struct sc *c) { return do_init(c, 0); }
static int64_t sys_inotify_init1(struct sc *c) { return do_init(c, (uint32_t)c->a[0]); }

static int64_t sys_inotify_add_watch(struct sc *c)
{
    struct path_buf pb;
    int err;
    const char *p = path_get(&pb, c->a[1], 0, &err);
    if (!p)
        return err;
    int wd = inotify_add_watch((int)c->a[0], p, (uint32_t)c->a[2]);
    return wd < 0 ? -errno : wd;
}

static int64_t sys_inotify_rm_watch(struct sc *c)
{
    return inotify_rm_watch((int)c->a[0], (int)c->a[1]) < 0 ? -errno : 0;
}

/* struct fanotify_event_metadata: event_len, vers, reserved, metadata_len, mask, fd, pid;
 * records carrying more (FAN_REPORT_FID) keep their extra bytes as they are. */
static const struct gfield fan_meta[] = {
    { GT_U32, 0, 0, 0 }, { GT_U8, 2, 1, 0 }, { GT_U16, 0, 3, 0 }, { GT_U64, 0, 4, 0 },
    { GT_S32, 2, 5, 0 }, { GT_END, 0, 0, 0 },
};

static void fan_to_guest(const struct syscall_table *abi, void *buf, size_t n)
{
    size_t msz = gstruct_size(abi, fan_meta);
    for (size_t off = 0; off + msz <= n;) {
        uint8_t *rec = (uint8_t *)buf + off;
        uint64_t v[7];
        gstruct_load(&abi_host, fan_meta, rec, v);
        gstruct_store(abi, fan_meta, rec, v);
        if (v[0] < msz)
            break;
        off += v[0];
    }
}

static const struct fd_trans fanotify_trans = { "fanotify", fan_to_guest, NULL };

static int64_t sys_fanotify_init(struct sc *c)
{
    /* FAN_ flags (FAN_CLOEXEC ...) are plain numbers; only the flags of the event
     * descriptors are open flags. */
    unsigned flags = (unsigned)c->a[0];
    int fd = fanotify_init(flags, abi_oflags_to_host(c->abi, (uint32_t)c->a[1]));
    if (fd < 0)
        return -errno;
    fdtrans_set(fd, c->abi->big_endian ? &fanotify_trans : NULL);
    return fd;
}

static int64_t sys_fanotify_mark(struct sc *c)
{
    struct path_buf pb;
    const char *p = NULL;
    if (c->a[4]) {
        int err;
        if (!(p = path_get(&pb, c->a[4], 0, &err)))
            return err;
    }
    int r = fanotify_mark((int)c->a[0], (unsigned)c->a[1], c->a[2], (int)c->a[3], p);
    return r < 0 ? -errno : 0;
}

const struct syscall_def syscalls_inotify[] = {
    { GSYS_fanotify_init, sys_fanotify_init, { A_HEX, A_OFLAGS }, R_INT, 0 },
    { GSYS_fanotify_mark, sys_fanotify_mark, { A_FD, A_HEX, A_S64, A_DIRFD, A_PATH }, R_INT, 0 },
    { GSYS_inotify_init, sys_inotify_init, { 0 }, R_INT, 0 },
    { GSYS_inotify_init1, sys_inotify_init1, { A_FDFLAGS }, R_INT, 0 },
    { GSYS_inotify_add_watch, sys_inotify_add_watch, { A_FD, A_PATH, A_INMASK }, R_INT, 0 },
    { GSYS_inotify_rm_watch, sys_inotify_rm_watch, { A_FD, A_INT }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
