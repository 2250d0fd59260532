/* guest-test: portable
 * File I/O in a private temporary directory (mkdtemp under $TMPDIR, which the runner sets
 * to a fresh empty directory): open/write/read/lseek (beyond 4 GiB too: _llseek on the
 * guest), fstat/stat (statx under glibc armhf), ftruncate, rename, unlink, mkdir/rmdir,
 * dup/dup2, O_APPEND, pipes, and a directory listing via opendir/readdir (getdents64),
 * sorted so the output does not depend on the file system's order. */
#define _GNU_SOURCE
/* 64-bit off_t (lseek -> _llseek, readdir -> readdir64): with the 32-bit default, glibc's
 * readdir fails with EOVERFLOW on hosts whose file system hands out 64-bit directory
 * offsets, which a 32-bit kernel or board would never show. */
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, ...)                                                                \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            failures++;                                                                 \
            printf("FAIL line %d: %s (errno %d) ", __LINE__, #cond, errno);            \
            printf(__VA_ARGS__);                                                        \
            printf("\n");                                                               \
        }                                                                               \
    } while (0)

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *dir)
{
    DIR *d = opendir(dir);
    CHECK(d != NULL, "opendir");
    if (!d)
        return;
    char *names[300];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 300) {
        /* The type comes from fstatat, not d_type, which some file systems leave unknown. */
        struct stat st;
        char type = '?';
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
            type = S_ISDIR(st.st_mode) ? 'd' : S_ISREG(st.st_mode) ? 'f' : 'o';
        char *s = malloc(strlen(e->d_name) + 3);
        sprintf(s, "%s:%c", e->d_name, type);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_names);
    printf("listing (%d entries):", n);
    for (int i = 0; i < n; i++) {
        if (n < 20 || i < 5 || i >= n - 5)
            printf(" %s", names[i]);
        else if (i == 5)
            printf(" ...");
        free(names[i]);
    }
    printf("\n");
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[512], path[600], path2[600];
    snprintf(dir, sizeof dir, "%s/fileio-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL, "mkdtemp %s", dir);

    /* Write a file in odd-sized chunks, read it back whole. */
    snprintf(path, sizeof path, "%s/data.bin", dir);
    int fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0644);
    CHECK(fd >= 0, "open %s", path);
    static unsigned char buf[100000], back[100000];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 7 + (i >> 9));
    size_t off = 0, chunk = 1;
    while (off < sizeof buf) {
        size_t n = chunk < sizeof buf - off ? chunk : sizeof buf - off;
        ssize_t w = write(fd, buf + off, n);
        CHECK(w == (ssize_t)n, "write %zu", n);
        off += n;
        chunk = chunk * 2 + 1;
    }
    off_t pos = lseek(fd, 0, SEEK_CUR);
    printf("after writes: pos=%lld\n", (long long)pos);
    CHECK(lseek(fd, 0, SEEK_SET) == 0, "rewind");
    ssize_t got = read(fd, back, sizeof back);
    ssize_t at_eof = read(fd, back + 50000, 10);
    printf("read back %zd bytes, equal=%d, read at eof=%zd\n", got,
           memcmp(buf, back, sizeof buf) == 0, at_eof);

    /* Seeks: relative, from the end, past the end (a hole), and beyond 4 GiB. */
    /* Calls go in separate statements: argument evaluation order is unspecified. */
    off_t e10 = lseek(fd, -10, SEEK_END);
    off_t c3 = lseek(fd, 3, SEEK_CUR);
    printf("seek end-10=%lld cur+3=%lld\n", (long long)e10, (long long)c3);
    unsigned char tail[16];
    got = read(fd, tail, sizeof tail);
    printf("tail read %zd: %02x %02x\n", got, tail[0], tail[6]);
    CHECK(lseek(fd, 200000, SEEK_SET) == 200000, "seek past end");
    CHECK(write(fd, "END", 3) == 3, "write after hole");
    struct stat st;
    CHECK(fstat(fd, &st) == 0, "fstat");
    printf("fstat size=%lld reg=%d mode=%o nlink=%u\n", (long long)st.st_size,
           S_ISREG(st.st_mode), (unsigned)(st.st_mode & 07777), (unsigned)st.st_nlink);
    CHECK(pread(fd, tail, 4, 150000) == 4, "pread hole");
    printf("hole bytes %02x%02x%02x%02x\n", tail[0], tail[1], tail[2], tail[3]);
    off_t big = lseek(fd, (off_t)5 << 30, SEEK_SET);
    printf("seek to 5 GiB -> %lld\n", (long long)big);
    CHECK(ftruncate(fd, 1234) == 0, "ftruncate");
    CHECK(fstat(fd, &st) == 0, "fstat2");
    printf("after ftruncate size=%lld\n", (long long)st.st_size);
    CHECK(close(fd) == 0, "close");

    /* O_APPEND and dup: both descriptors share one offset. */
    fd = open(path, O_WRONLY | O_APPEND);
    CHECK(fd >= 0, "open append");
    int fd2 = dup(fd);
    CHECK(write(fd, "abc", 3) == 3 && write(fd2, "defg", 4) == 4, "append writes");
    printf("append offset %lld\n", (long long)lseek(fd2, 0, SEEK_CUR));
    int fd3 = dup2(fd, 50);
    printf("dup2 -> %d\n", fd3);
    close(fd);
    close(fd2);
    close(fd3);
    CHECK(stat(path, &st) == 0, "stat");
    printf("stat size=%lld\n", (long long)st.st_size);

    /* rename, then the old name is gone. */
    snprintf(path2, sizeof path2, "%s/renamed.bin", dir);
    CHECK(rename(path, path2) == 0, "rename");
    errno = 0;
    int old_stat = stat(path, &st);
    int old_errno = errno;
    printf("old name stat=%d errno=%d new name access=%d\n", old_stat, old_errno,
           access(path2, R_OK));

    /* Subdirectory with many files, then a sorted listing. */
    char sub[560];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    CHECK(mkdir(sub, 0755) == 0, "mkdir");
    for (int i = 0; i < 150; i++) {
        snprintf(path, sizeof path, "%s/file-%03d.txt", sub, (i * 37) % 150);
        FILE *f = fopen(path, "w");
        CHECK(f != NULL, "fopen %s", path);
        if (f) {
            fprintf(f, "file %d line\n", i);
            fclose(f);
        }
    }
    snprintf(path, sizeof path, "%s/nested", sub);
    CHECK(mkdir(path, 0700) == 0, "mkdir nested");
    list_dir(sub);
    list_dir(dir);

    /* stdio reading with fgets and fscanf. */
    snprintf(path, sizeof path, "%s/file-042.txt", sub);
    FILE *f = fopen(path, "r");
    char line[64] = "";
    int num = -1;
    if (f) {
        CHECK(fscanf(f, "file %d", &num) == 1, "fscanf");
        rewind(f);
        CHECK(fgets(line, sizeof line, f) != NULL, "fgets");
        fclose(f);
    }
    printf("file-042: num=%d line=%s", num, line);

    /* A pipe within the process. */
    int p[2];
    CHECK(pipe(p) == 0, "pipe");
    CHECK(write(p[1], "through the pipe", 16) == 16, "pipe write");
    char pb[32] = "";
    got = read(p[0], pb, sizeof pb);
    printf("pipe read %zd: %.16s\n", got, pb);
    close(p[0]);
    close(p[1]);

    /* Clean up: everything must be removable, then the directory itself. */
    for (int i = 0; i < 150; i++) {
        snprintf(path, sizeof path, "%s/file-%03d.txt", sub, i);
        CHECK(unlink(path) == 0, "unlink %s", path);
    }
    snprintf(path, sizeof path, "%s/nested", sub);
    CHECK(rmdir(path) == 0, "rmdir nested");
    CHECK(rmdir(sub) == 0, "rmdir sub");
    CHECK(unlink(path2) == 0, "unlink renamed");
    CHECK(rmdir(dir) == 0, "rmdir dir");
    printf("cleanup done, dir exists=%d, failures=%d\n", access(dir, F_OK) == 0, failures);
    return 0;
}
