/* guest-test: portable, native-oracle
 * File-system calls beyond plain I/O, in a private directory under $TMPDIR: statx and
 * fstatat, the *at family (relative to a directory descriptor), renameat2, links,
 * extended attributes, record locks (classic and open-file-description ones, whose
 * struct flock64 the guest's C library converts), sendfile/splice/tee/copy_file_range,
 * fallocate and the advice/sync calls, preadv2/pwritev2, memfd, close_range, utimes,
 * inotify and statfs. Each check prints one line; values printed are the same on every
 * machine. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, what)                                                               \
    do {                                                                                \
        if (cond) {                                                                     \
            printf("ok   %s\n", what);                                                  \
        } else {                                                                        \
            failures++;                                                                 \
            printf("FAIL %s (line %d, errno %d)\n", what, __LINE__, errno);             \
        }                                                                               \
    } while (0)

static int write_file(int dir, const char *name, const char *text)
{
    int fd = openat(dir, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

static void at_calls(int dir)
{
    CHECK(mkdirat(dir, "sub", 0755) == 0, "mkdirat");
    CHECK(write_file(dir, "sub/a", "alpha\n") == 0, "openat O_CREAT relative to a dirfd");
    struct stat st;
    CHECK(fstatat(dir, "sub/a", &st, 0) == 0 && st.st_size == 6 && S_ISREG(st.st_mode),
          "fstatat size and type");
    CHECK(fstatat(dir, "sub", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode),
          "fstatat directory");
    struct statx sx;
    CHECK(statx(dir, "sub/a", 0, STATX_BASIC_STATS, &sx) == 0 && sx.stx_size == 6 &&
              (sx.stx_mask & STATX_SIZE) && S_ISREG(sx.stx_mode) && sx.stx_nlink == 1 &&
              (sx.stx_mode & 0777) == 0644 && sx.stx_uid == getuid(),
          "statx basic stats");
    struct stat st2;
    CHECK(fstatat(dir, "sub/a", &st2, 0) == 0 && statx(dir, "sub/a", 0, STATX_INO, &sx) == 0 &&
              sx.stx_ino == st2.st_ino, "statx inode agrees with fstatat");
    int sub = openat(dir, "sub", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    CHECK(sub >= 0 && statx(sub, "", AT_EMPTY_PATH, STATX_TYPE, &sx) == 0 &&
              S_ISDIR(sx.stx_mode), "statx AT_EMPTY_PATH on a directory fd");
    CHECK(linkat(dir, "sub/a", sub, "hard", 0) == 0 && fstatat(sub, "hard", &st, 0) == 0 &&
              st.st_nlink == 2, "linkat");
    CHECK(symlinkat("a", sub, "sym") == 0, "symlinkat");
    char buf[64] = { 0 };
    CHECK(readlinkat(sub, "sym", buf, sizeof buf) == 1 && buf[0] == 'a', "readlinkat");
    CHECK(fstatat(sub, "sym", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode),
          "fstatat AT_SYMLINK_NOFOLLOW");
    CHECK(fchmodat(sub, "a", 0600, 0) == 0 && fstatat(sub, "a", &st, 0) == 0 &&
              (st.st_mode & 0777) == 0600, "fchmodat");
    CHECK(fchownat(sub, "a", getuid(), getgid(), 0) == 0, "fchownat to ourselves");
    CHECK(faccessat(sub, "a", R_OK | W_OK, 0) == 0, "faccessat");
    CHECK(faccessat(sub, "missing", F_OK, 0) < 0 && errno == ENOENT, "faccessat ENOENT");
    CHECK(write_file(sub, "b", "beta\n") == 0, "second file");
    CHECK(renameat2(sub, "a", sub, "b", RENAME_NOREPLACE) < 0 && errno == EEXIST,
          "renameat2 RENAME_NOREPLACE refuses");
    CHECK(renameat2(sub, "a", sub, "b", RENAME_EXCHANGE) == 0 && fstatat(sub, "a", &st, 0) == 0 &&
              st.st_size == 5, "renameat2 RENAME_EXCHANGE");
    CHECK(renameat(sub, "b", dir, "moved") == 0, "renameat across directories");
    struct timespec ts[2] = { { 1000000000, 0 }, { 1234567890, 500 } };
    CHECK(utimensat(dir, "moved", ts, 0) == 0 && fstatat(dir, "moved", &st, 0) == 0 &&
              st.st_mtim.tv_sec == 1234567890 && st.st_mtim.tv_nsec == 500 &&
              st.st_atim.tv_sec == 1000000000, "utimensat");
    struct timeval tv[2] = { { 2000000000, 0 }, { 1500000000, 250000 } };
    CHECK(futimesat(dir, "moved", tv) == 0 && fstatat(dir, "moved", &st, 0) == 0 &&
              st.st_mtim.tv_sec == 1500000000 && st.st_mtim.tv_nsec == 250000000,
          "futimesat");
    CHECK(unlinkat(sub, "sym", 0) == 0 && unlinkat(sub, "hard", 0) == 0 &&
              unlinkat(sub, "a", 0) == 0, "unlinkat");
    CHECK(unlinkat(dir, "sub", AT_REMOVEDIR) == 0, "unlinkat AT_REMOVEDIR");
    CHECK(mknodat(dir, "fifo", S_IFIFO | 0600, 0) == 0 && fstatat(dir, "fifo", &st, 0) == 0 &&
              S_ISFIFO(st.st_mode), "mknodat FIFO");
    unlinkat(dir, "fifo", 0);
    unlinkat(dir, "moved", 0);
    close(sub);
}

static void xattrs(const char *path)
{
    int r = setxattr(path, "user.crossrun", "value-1", 7, XATTR_CREATE);
    if (r < 0 && (errno == ENOTSUP || errno == EOPNOTSUPP)) {
        printf("FAIL setxattr: the test directory's file system has no user xattrs\n");
        failures++;
        return;
    }
    CHECK(r == 0, "setxattr XATTR_CREATE");
    CHECK(setxattr(path, "user.crossrun", "x", 1, XATTR_CREATE) < 0 && errno == EEXIST,
          "setxattr XATTR_CREATE on an existing name");
    char buf[64] = { 0 };
    CHECK(getxattr(path, "user.crossrun", buf, sizeof buf) == 7 && !memcmp(buf, "value-1", 7),
          "getxattr");
    CHECK(getxattr(path, "user.crossrun", NULL, 0) == 7, "getxattr size query");
    CHECK(getxattr(path, "user.crossrun", buf, 3) < 0 && errno == ERANGE, "getxattr ERANGE");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    CHECK(fsetxattr(fd, "user.second", "2", 1, 0) == 0, "fsetxattr");
    char list[256];
    ssize_t n = flistxattr(fd, list, sizeof list);
    int seen = 0;
    for (ssize_t i = 0; n > 0 && i < n; i += (ssize_t)strlen(list + i) + 1)
        seen += !strcmp(list + i, "user.crossrun") || !strcmp(list + i, "user.second");
    CHECK(seen == 2, "flistxattr lists both");
    CHECK(lgetxattr(path, "user.second", buf, sizeof buf) == 1 && buf[0] == '2', "lgetxattr");
    CHECK(fremovexattr(fd, "user.second") == 0 && removexattr(path, "user.crossrun") == 0,
          "removexattr");
    CHECK(getxattr(path, "user.crossrun", buf, sizeof buf) < 0 && errno == ENODATA,
          "getxattr ENODATA after removal");
    close(fd);
}

static void locks(const char *path)
{
    int a = open(path, O_RDWR | O_CLOEXEC), b = open(path, O_RDWR | O_CLOEXEC);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 20 };
    CHECK(fcntl(a, F_SETLK, &fl) == 0, "F_SETLK write lock");
    struct flock q = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    CHECK(fcntl(b, F_GETLK, &q) == 0 && q.l_type == F_UNLCK,
          "F_GETLK: our own process never conflicts");
    /* OFD locks conflict with our own POSIX ones too: another range. */
    struct flock o = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 100, .l_len = 1000 };
    CHECK(fcntl(a, F_OFD_SETLK, &o) == 0, "F_OFD_SETLK on one description");
    struct flock p = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 50, .l_len = 0 };
    CHECK(fcntl(b, F_OFD_GETLK, &p) == 0 && p.l_type == F_WRLCK && p.l_start == 100 &&
              p.l_len == 1000 && p.l_pid == -1, "F_OFD_GETLK sees the other description");
    struct flock big = { .l_type = F_RDLCK, .l_whence = SEEK_SET,
                         .l_start = (off_t)6 << 30, .l_len = 4096 };
    CHECK(fcntl(b, F_OFD_SETLK, &big) == 0, "lock beyond 4 GiB (64-bit flock)");
    struct flock bq = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    bq.l_start = (off_t)6 << 30;
    CHECK(fcntl(a, F_OFD_GETLK, &bq) == 0 && bq.l_type == F_RDLCK &&
              bq.l_start == (off_t)6 << 30, "F_OFD_GETLK of the far lock");
    CHECK(fcntl(b, F_OFD_SETLK, &o) < 0 && (errno == EAGAIN || errno == EACCES),
          "conflicting F_OFD_SETLK fails");
    CHECK(flock(a, LOCK_EX | LOCK_NB) == 0 && flock(b, LOCK_EX | LOCK_NB) < 0 &&
              errno == EWOULDBLOCK, "flock");
    close(a);
    close(b);
}

static void transfers(int dir)
{
    char data[8192];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (char)('a' + i % 26);
    int src = openat(dir, "src", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    CHECK(write(src, data, sizeof data) == (ssize_t)sizeof data, "source file");
    int dst = openat(dir, "dst", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    off_t off = 100;
    CHECK(sendfile(dst, src, &off, 1000) == 1000 && off == 1100, "sendfile with offset");
    char back[1000];
    CHECK(pread(dst, back, 1000, 0) == 1000 && !memcmp(back, data + 100, 1000),
          "sendfile copied the right bytes");
    loff_t in = 0, out = 5000;
    CHECK(copy_file_range(src, &in, dst, &out, 3000, 0) == 3000 && in == 3000 && out == 8000,
          "copy_file_range updates both offsets");
    int p[2], q[2];
    CHECK(pipe2(p, O_CLOEXEC) == 0 && pipe2(q, O_CLOEXEC) == 0, "pipe2");
    loff_t from = 26;
    CHECK(splice(src, &from, p[1], NULL, 52, 0) == 52 && from == 78, "splice file to pipe");
    CHECK(tee(p[0], q[1], 52, 0) == 52, "tee");
    char t1[52], t2[52];
    CHECK(read(p[0], t1, 52) == 52 && read(q[0], t2, 52) == 52 && !memcmp(t1, t2, 52) &&
              !memcmp(t1, data + 26, 52), "tee duplicated the data");
    struct iovec iov = { data, 26 };
    CHECK(vmsplice(p[1], &iov, 1, 0) == 26 && read(p[0], t1, 26) == 26 && !memcmp(t1, data, 26),
          "vmsplice");
    close(p[0]);
    close(p[1]);
    close(q[0]);
    close(q[1]);
    CHECK(fallocate(dst, 0, 0, 65536) == 0 && lseek(dst, 0, SEEK_END) == 65536, "fallocate");
    CHECK(posix_fadvise(dst, 0, 0, POSIX_FADV_SEQUENTIAL) == 0, "posix_fadvise");
    CHECK(readahead(dst, 0, 4096) == 0, "readahead");
    CHECK(sync_file_range(dst, 0, 4096, SYNC_FILE_RANGE_WRITE) == 0, "sync_file_range");
    CHECK(fdatasync(dst) == 0 && fsync(dst) == 0 && syncfs(dst) == 0, "fdatasync fsync syncfs");
    char two[2][4] = { "WXYZ", "1234" };
    struct iovec wv[2] = { { two[0], 4 }, { two[1], 4 } };
    CHECK(pwritev2(dst, wv, 2, 1 << 20, 0) == 8, "pwritev2 at 1 MiB");
    char rb[8];
    struct iovec rv = { rb, 8 };
    CHECK(preadv2(dst, &rv, 1, 1 << 20, 0) == 8 && !memcmp(rb, "WXYZ1234", 8), "preadv2");
    CHECK(lseek(dst, 0, SEEK_SET) == 0 && preadv2(dst, &rv, 1, -1, 0) == 8 &&
              lseek(dst, 0, SEEK_CUR) == 8, "preadv2 at the file position");
    close(src);
    close(dst);
    unlinkat(dir, "src", 0);
    unlinkat(dir, "dst", 0);
}

static void descriptors(void)
{
    int m = memfd_create("crossrun-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    CHECK(m >= 0 && write(m, "memfd", 5) == 5 && lseek(m, 0, SEEK_END) == 5, "memfd_create");
    CHECK(fcntl(m, F_ADD_SEALS, F_SEAL_GROW) == 0 && write(m, "x", 1) < 0 && errno == EPERM,
          "memfd sealing");
    CHECK((fcntl(m, F_GET_SEALS) & F_SEAL_GROW) != 0, "F_GET_SEALS");
    int d = dup3(m, 200, O_CLOEXEC);
    CHECK(d == 200 && (fcntl(d, F_GETFD) & FD_CLOEXEC), "dup3 O_CLOEXEC");
    CHECK(dup2(m, 201) == 201 && dup2(m, 202) == 202, "dup2");
    CHECK(close_range(200, 202, 0) == 0 && fcntl(200, F_GETFD) < 0 && fcntl(202, F_GETFD) < 0,
          "close_range");
    CHECK(fcntl(m, F_GETFD) >= 0, "close_range left the others");
    close(m);
}

static void notify(const char *dir, int dfd)
{
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    CHECK(in >= 0, "inotify_init1");
    int wd = inotify_add_watch(in, dir, IN_CREATE | IN_DELETE);
    CHECK(wd >= 0, "inotify_add_watch");
    char buf[4096] __attribute__((aligned(8)));
    CHECK(read(in, buf, sizeof buf) < 0 && errno == EAGAIN, "inotify read would block");
    write_file(dfd, "watched", "");
    unlinkat(dfd, "watched", 0);
    ssize_t n = read(in, buf, sizeof buf);
    int creates = 0, deletes = 0;
    for (ssize_t off = 0; n > 0 && off < n;) {
        const struct inotify_event *e = (const struct inotify_event *)(buf + off);
        if (e->wd == wd && e->len && !strcmp(e->name, "watched")) {
            creates += (e->mask & IN_CREATE) != 0;
            deletes += (e->mask & IN_DELETE) != 0;
        }
        off += (ssize_t)(sizeof *e + e->len);
    }
    CHECK(creates == 1 && deletes == 1, "inotify events with names");
    CHECK(inotify_rm_watch(in, wd) == 0, "inotify_rm_watch");
    close(in);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/fsXXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        printf("mkdtemp failed\n");
        return 1;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    at_calls(dfd);
    char file[PATH_MAX + 16];
    snprintf(file, sizeof file, "%s/x", dir);
    write_file(dfd, "x", "0123456789");
    xattrs(file);
    locks(file);
    transfers(dfd);
    descriptors();
    notify(dir, dfd);
    struct statfs sf;
    CHECK(statfs(dir, &sf) == 0 && sf.f_bsize > 0 && sf.f_blocks > 0, "statfs");
    CHECK(fstatfs(dfd, &sf) == 0 && sf.f_namelen >= 255, "fstatfs");
    struct timeval tv[2] = { { 100, 0 }, { 200, 0 } };
    CHECK(utimes(file, tv) == 0, "utimes");
    struct stat st;
    CHECK(stat(file, &st) == 0 && st.st_mtime == 200 && st.st_atime == 100, "utimes took");
    unlink(file);
    close(dfd);
    CHECK(rmdir(dir) == 0, "the directory is empty again");
    printf("%s\n", failures ? "FAILED" : "all passed");
    return failures != 0;
}
