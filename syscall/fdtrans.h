/* Descriptors whose data the kernel itself formats: eventfd and timerfd counters,
 * signalfd and inotify records. What the host kernel reads and writes there is in host
 * byte order and numbering; a guest of another byte order, or with other signal
 * numbers, needs it converted on every read and write.
 * Contract: the call that creates such a descriptor attaches a converter with
 * fdtrans_set() when the guest ABI needs one (the converter's own test), read and
 * write pass the data through fdtrans_read()/fdtrans_write(), and close, dup,
 * dup2, dup3, F_DUPFD and close_range keep the table in step (fdtrans_close/_dup).
 * Descriptors above FDTRANS_MAX are never converted. Lookups are lock-free. */
#ifndef SYSCALL_FDTRANS_H
#define SYSCALL_FDTRANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct syscall_table;

#define FDTRANS_MAX 65536

struct fd_trans {
    const char *name;
    /* n bytes the host kernel wrote into buf become the guest's form, in place
     * (records keep their sizes). */
    void (*to_guest)(const struct syscall_table *abi, void *buf, size_t n);
    /* n bytes the guest wrote become the host's form, in place; NULL: as they are. */
    void (*to_host)(const struct syscall_table *abi, void *buf, size_t n);
};

void fdtrans_set(int fd, const struct fd_trans *t);
void fdtrans_close(int fd);
void fdtrans_close_range(unsigned first, unsigned last);
void fdtrans_dup(int oldfd, int newfd);
const struct fd_trans *fdtrans_get(int fd);

/* After a read of n > 0 bytes into buf (guest memory). */
void fdtrans_read(const struct syscall_table *abi, int fd, void *buf, size_t n);
/* Before a write: NULL when the data goes as it is, else a malloc'd converted copy
 * (or NULL with *err = -ENOMEM). */
void *fdtrans_write(const struct syscall_table *abi, int fd, const void *buf, size_t n,
                    int *err);

/* The converter of 8-byte counters (eventfd, timerfd) for a big-endian guest. */
extern const struct fd_trans fdtrans_u64;

#endif
