/* Host-file I/O under the block drivers: whole reads and writes at offsets, sizes, holes.
 * Contract: every call retries short transfers and EINTR; errors are negative errno.
 * hostfile_pread fails with -EIO ("unexpected end of file") when the file ends early, because
 * metadata that is not there is corruption; hostfile_pread_zero reads zeros past the end. */
#ifndef SYSEMU_BLOCK_HOSTFILE_H
#define SYSEMU_BLOCK_HOSTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int hostfile_pread(int fd, void *buf, size_t len, uint64_t off);
int hostfile_pread_zero(int fd, void *buf, size_t len, uint64_t off);
int hostfile_pwrite(int fd, const void *buf, size_t len, uint64_t off);
int hostfile_size(int fd, uint64_t *size);
int hostfile_truncate(int fd, uint64_t size);
int hostfile_flush(int fd);                       /* fdatasync */
/* Bytes the file occupies on disk (st_blocks). */
int hostfile_allocated(int fd, uint64_t *bytes);
/* Deallocates [off, off+len) keeping the size; -EOPNOTSUPP when the file system can't. */
int hostfile_punch(int fd, uint64_t off, uint64_t len);
int hostfile_allocate(int fd, uint64_t off, uint64_t len);   /* fallocate, keeps size */
/* The extent at off: *is_data tells data or hole, *pnum its length (clipped to len);
 * files without SEEK_DATA support answer "data" for everything. */
int hostfile_extent(int fd, uint64_t off, uint64_t len, bool *is_data, uint64_t *pnum);
/* Opens with O_CLOEXEC; create truncates (mode 0644). */
int hostfile_open(const char *path, bool rdwr);
int hostfile_create(const char *path);
/* True when all len bytes of buf are zero. */
bool buffer_is_zero(const void *buf, size_t len);

#endif
