/* guest-test: portable
 * Failing system calls must return the right errno (negative return values from the
 * emulated syscall converted by glibc): a table of calls that fail in well-defined ways,
 * each printed with the errno's symbolic name (from our own table, so the text does not
 * depend on strerror's wording). Also checks that successful calls leave errno alone.
 * Runs as root or not: no permission-based failures. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *ename(int e)
{
    switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case EBADF: return "EBADF";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EINVAL: return "EINVAL";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ESPIPE: return "ESPIPE";
    case EPIPE: return "EPIPE";
    case EFAULT: return "EFAULT";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ESRCH: return "ESRCH";
    case ECHILD: return "ECHILD";
    case ERANGE: return "ERANGE";
    case EAGAIN: return "EAGAIN";
    case ENOSYS: return "ENOSYS";
    case ENOTTY: return "ENOTTY";
    case EMFILE: return "EMFILE";
    case ENOMEM: return "ENOMEM";
    case ELOOP: return "ELOOP";
    case EXDEV: return "EXDEV";
    default: return "other";
    }
}

#define TRY(expr)                                                                       \
    do {                                                                                \
        errno = 0;                                                                      \
        long r_ = (long)(expr);                                                         \
        int e_ = errno;                                                                 \
        printf("%-44s -> %ld %s (%d)\n", #expr, r_, ename(e_), e_);                     \
    } while (0)

int main(void)
{
    char dir[512], path[600], file[600], link[600];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/errno-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        printf("mkdtemp failed\n");
        return 1;
    }
    if (chdir(dir) != 0) {
        printf("chdir failed\n");
        return 1;
    }
    snprintf(file, sizeof file, "%s/file", dir);
    int fd = open("file", O_CREAT | O_WRONLY, 0644);
    close(fd);
    mkdir("sub", 0755);
    close(open("sub/x", O_CREAT | O_WRONLY, 0644));
    snprintf(link, sizeof link, "%s/loop", dir);
    (void)path;

    signal(SIGPIPE, SIG_IGN);
    TRY(open("does-not-exist", O_RDONLY));
    TRY(open("nodir/file", O_RDONLY));
    TRY(open("file/below", O_RDONLY));
    TRY(open("sub", O_WRONLY));
    TRY(open("file", O_CREAT | O_EXCL | O_WRONLY, 0644));
    TRY(read(-1, path, 1));
    TRY(read(999, path, 1));
    TRY(write(12345, "x", 1));
    TRY(close(-1));
    TRY(mkdir("sub", 0755));
    TRY(mkdir("nodir/new", 0755));
    TRY(rmdir("sub"));
    TRY(rmdir("file"));
    TRY(rmdir("does-not-exist"));
    TRY(unlink("sub"));
    TRY(unlink("does-not-exist"));
    TRY(rename("does-not-exist", "other"));
    TRY(rename("sub", "file"));
    TRY(chdir("file"));
    TRY(access("does-not-exist", F_OK));
    TRY(symlink("loop", "loop"));
    TRY(open("loop", O_RDONLY));
    TRY(readlink("file", path, sizeof path));
    TRY(dup2(-5, 3));
    TRY(fcntl(9999, F_GETFD));
    TRY(lseek(-1, 0, SEEK_SET));
    int p[2];
    if (pipe(p) == 0) {
        TRY(lseek(p[0], 0, SEEK_SET));
        close(p[0]);
        TRY(write(p[1], "x", 1));
        close(p[1]);
    }
    fd = open("file", O_RDONLY);
    TRY(write(fd, "x", 1));
    TRY(lseek(fd, -100, SEEK_SET));
    TRY(lseek(fd, 0, 12345));
    close(fd);
    TRY(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
    TRY(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED);
    TRY(munmap((void *)4097, 4096));
    TRY(kill(getpid(), 12345));
    TRY(kill(0x7ffffff0, 0));
    TRY(getcwd(path, 2) == NULL);
    TRY(stat("", &(struct stat){0}));
    TRY(ftruncate(-1, 0));
    char longname[400];
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    TRY(open(longname, O_RDONLY));
    TRY(getpid() > 0);
    TRY(isatty(0));

    /* Cleanup. */
    unlink("loop");
    unlink("sub/x");
    rmdir("sub");
    unlink("file");
    if (chdir("/") != 0 || rmdir(dir) != 0)
        printf("cleanup failed\n");
    return 0;
}
