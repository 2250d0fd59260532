/* The table of descriptors with converted data (see syscall/fdtrans.h). */
#include "syscall/fdtrans.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "syscall/abi.h"

static _Atomic(const struct fd_trans *) table[FDTRANS_MAX];
static atomic_bool any;

void fdtrans_set(int fd, const struct fd_trans *t)
{
    if (fd < 0 || fd >= FDTRANS_MAX)
        return;
    if (t)
        atomic_store(&any, true);
    atomic_store(&table[fd], t);
}

const struct fd_trans *fdtrans_get(int fd)
{
    if (!atomic_load_explicit(&any, memory_order_relaxed) || fd < 0 || fd >= FDTRANS_MAX)
        return NULL;
    return atomic_load(&table[fd]);
}

void fdtrans_close(int fd)
{
    if (fdtrans_get(fd))
        atomic_store(&table[fd], NULL);
}

void fdtrans_close_range(unsigned first, unsigned last)
{
    if (!atomic_load(&any))
        return;
    for (unsigned fd = first; fd <= last && fd < FDTRANS_MAX; fd++)
        atomic_store(&table[fd], NULL);
}

void fdtrans_dup(int oldfd, int newfd)
{
    if (newfd < 0 || newfd >= FDTRANS_MAX || oldfd == newfd)
        return;
    const struct fd_trans *t = fdtrans_get(oldfd);
    if (t || fdtrans_get(newfd))
        atomic_store(&table[newfd], t);
}

void fdtrans_read(const struct syscall_table *abi, int fd, void *buf, size_t n)
{
    const struct fd_trans *t = fdtrans_get(fd);
    if (t && n)
        t->to_guest(abi, buf, n);
}

void *fdtrans_write(const struct syscall_table *abi, int fd, const void *buf, size_t n,
                    int *err)
{
    const struct fd_trans *t = fdtrans_get(fd);
    if (!t || !t->to_host || !n)
        return NULL;
    void *copy = malloc(n);
    if (!copy) {
        *err = -ENOMEM;
        return NULL;
    }
    memcpy(copy, buf, n);
    t->to_host(abi, copy, n);
    return copy;
}

static void swap_u64s(const struct syscall_table *abi, void *buf, size_t n)
{
    /* eventfd and timerfd move exactly one counter; partial words are left alone. */
    for (size_t i = 0; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, (char *)buf + i, 8);
        abi_st64(abi, (char *)buf + i, v);
    }
}

const struct fd_trans fdtrans_u64 = { "u64", swap_u64s, swap_u64s };
