/* Linux AIO (io_setup ... io_cancel) on the host's AIO, with struct iocb and io_event
 * converted to and from the guest's layout and byte order (syscall/layouts.h).
 * A host context id is a host address a 32-bit guest cannot hold, and libaio reads the
 * ring at the id when its magic is right: so the guest's id is the address of a
 * read-only zero page crossrun maps in the guest space (libaio then finds no magic and
 * makes the system call). Each submitted iocb gets a host copy (with its iovec array
 * for PREADV/PWRITEV) that lives until its event is collected, cancelled, or the
 * context is destroyed; the host event's obj points at it, which gives back the guest's
 * iocb address. io_pgetevents' signal mask works as ppoll's (syscall/poll.c). */
#include <errno.h>
#include <linux/aio_abi.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscall/gstructs.h"
#include "syscall/guest-mem.h"
#include "syscall/layouts.h"
#include "syscall/mmap.h"
#include "syscall/safe-syscall.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"
#include "tcg/page.h"

struct pending {
    struct iocb cb;             /* first: the host event's obj points here */
    uint64_t guest_iocb;
    struct iovec *iov;
    struct pending *prev, *next;
};

struct aio_ctx {
    uint64_t guest_id;
    aio_context_t host;
    struct pending *head;
    struct aio_ctx *next;
};

static pthread_mutex_t aio_lock = PTHREAD_MUTEX_INITIALIZER;
static struct aio_ctx *contexts;

/* Under aio_lock. */
static struct aio_ctx *find_ctx(uint64_t id)
{
    for (struct aio_ctx *x = contexts; x; x = x->next)
        if (x->guest_id == id)
            return x;
    return NULL;
}

static void link_pending(struct aio_ctx *x, struct pending *p)
{
    p->prev = NULL;
    p->next = x->head;
    if (x->head)
        x->head->prev = p;
    x->head = p;
}

static void drop_pending(struct aio_ctx *x, struct pending *p)
{
    if (p->prev)
        p->prev->next = p->next;
    else
        x->head = p->next;
    if (p->next)
        p->next->prev = p->prev;
    free(p->iov);
    free(p);
}

static int64_t sys_io_setup(struct sc *c)
{
    unsigned w = c->abi->word_size;
    uint8_t *out = guest_wr(c->a[1], w);
    if (!out)
        return -EFAULT;
    if (abi_ldword(c->abi, out) != 0)
        return -EINVAL;
    struct aio_ctx *x = calloc(1, sizeof *x);
    if (!x)
        return -ENOMEM;
    if (syscall(SYS_io_setup, (unsigned)c->a[0], &x->host) < 0) {
        int e = errno;
        free(x);
        return -e;
    }
    int64_t id = guest_mmap(0, guest_page_size(), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    if (id < 0) {
        syscall(SYS_io_destroy, x->host);
        free(x);
        return id;
    }
    x->guest_id = (uint64_t)id;
    pthread_mutex_lock(&aio_lock);
    x->next = contexts;
    contexts = x;
    pthread_mutex_unlock(&aio_lock);
    abi_stword(c->abi, out, x->guest_id);
    return 0;
}

static int64_t sys_io_destroy(struct sc *c)
{
    pthread_mutex_lock(&aio_lock);
    struct aio_ctx **pp = &contexts;
    while (*pp && (*pp)->guest_id != c->a[0])
        pp = &(*pp)->next;
    struct aio_ctx *x = *pp;
    if (x)
        *pp = x->next;
    pthread_mutex_unlock(&aio_lock);
    if (!x)
        return -EINVAL;
    /* The host waits for requests in flight, so the copies can go afterwards. */
    long r = syscall(SYS_io_destroy, x->host);
    int e = errno;
    while (x->head)
        drop_pending(x, x->head);
    guest_munmap(x->guest_id, guest_page_size());
    free(x);
    return r < 0 ? -e : 0;
}

/* The host copy of the guest iocb at addr. */
static int make_pending(struct sc *c, uint64_t addr, struct pending **out)
{
    uint64_t v[IOCB_K_COUNT];
    int r = get_struct(c->abi, gl_iocb(c->abi), addr, v);
    if (r < 0)
        return r;
    if (v[IOCB_K_RESERVED2])
        return -EINVAL;
    struct pending *p = calloc(1, sizeof *p);
    if (!p)
        return -ENOMEM;
    p->guest_iocb = addr;
    p->cb.aio_data = v[IOCB_K_DATA];
    p->cb.aio_key = (uint32_t)v[IOCB_K_KEY];
    p->cb.aio_rw_flags = (int)v[IOCB_K_RW_FLAGS];
    p->cb.aio_lio_opcode = (uint16_t)v[IOCB_K_OPCODE];
    p->cb.aio_reqprio = (int16_t)v[IOCB_K_REQPRIO];
    p->cb.aio_fildes = (uint32_t)v[IOCB_K_FILDES];
    p->cb.aio_nbytes = v[IOCB_K_NBYTES];
    p->cb.aio_offset = (int64_t)v[IOCB_K_OFFSET];
    p->cb.aio_flags = (uint32_t)v[IOCB_K_FLAGS];
    p->cb.aio_resfd = (uint32_t)v[IOCB_K_RESFD];
    uint64_t buf = v[IOCB_K_BUF], n = v[IOCB_K_NBYTES];
    void *h = NULL;
    switch (p->cb.aio_lio_opcode) {
    case IOCB_CMD_PREAD:
        h = guest_wr(buf, n);
        r = h || !n ? 0 : -EFAULT;
        break;
    case IOCB_CMD_PWRITE:
        h = guest_rd(buf, n);
        r = h || !n ? 0 : -EFAULT;
        break;
    case IOCB_CMD_PREADV: case IOCB_CMD_PWRITEV:
        r = get_iovec(c->abi, buf, n, p->cb.aio_lio_opcode == IOCB_CMD_PREADV, &p->iov);
        h = p->iov;
        break;
    default:    /* FSYNC, FDSYNC, NOOP take no buffer; POLL's is its event mask */
        p->cb.aio_buf = buf;
        break;
    }
    if (h)
        p->cb.aio_buf = (uint64_t)(uintptr_t)h;
    if (r < 0) {
        free(p->iov);
        free(p);
        return r;
    }
    *out = p;
    return 0;
}

static int64_t sys_io_submit(struct sc *c)
{
    int64_t nr = (int64_t)c->a[1];
    unsigned w = c->abi->word_size;
    if (nr < 0)
        return -EINVAL;
    if (nr == 0)
        return 0;
    const uint8_t *ptrs = guest_rd(c->a[2], (uint64_t)nr * w);
    if (!ptrs)
        return -EFAULT;
    pthread_mutex_lock(&aio_lock);
    struct aio_ctx *x = find_ctx(c->a[0]);
    int64_t done = x ? 0 : -EINVAL;
    /* One at a time: a request that fails stops the batch, as the kernel's loop. */
    for (int64_t i = 0; x && i < nr; i++) {
        struct pending *p;
        int r = make_pending(c, abi_ldword(c->abi, ptrs + i * w), &p);
        struct iocb *one = r == 0 ? &p->cb : NULL;
        if (r == 0 && syscall(SYS_io_submit, x->host, 1l, &one) != 1) {
            r = -errno;
            free(p->iov);
            free(p);
        }
        if (r < 0) {
            if (done == 0)
                done = r;
            break;
        }
        link_pending(x, p);
        done++;
    }
    pthread_mutex_unlock(&aio_lock);
    return done;
}

static int put_event(struct sc *c, uint8_t *g, struct aio_ctx *x, const struct io_event *e)
{
    struct pending *p = (struct pending *)(uintptr_t)e->obj;
    uint64_t v[4] = { e->data, p->guest_iocb, (uint64_t)e->res, (uint64_t)e->res2 };
    drop_pending(x, p);
    return gstruct_store(c->abi, gl_io_event, g, v);
}

enum { EVENTS_MAX = 65536 };

/* io_pgetevents' struct __aio_sigset {sigmask, sigsetsize}: the mask becomes the
 * thread's temporary guest mask (as ppoll's); *host is the host mask to wait with.
 * Returns 1 with a mask, 0 without, or -errno (-EINTR: a held signal gets through). */
static int aio_sigset(struct sc *c, uint64_t addr, uint64_t *host)
{
    unsigned w = c->abi->word_size;
    if (!addr)
        return 0;
    const uint8_t *u = guest_rd(addr, 2 * w);
    if (!u)
        return -EFAULT;
    uint64_t set = abi_ldword(c->abi, u), size = abi_ldword(c->abi, u + w);
    if (!set)
        return 0;
    int r = signal_wait_mask(c->ts, c->abi, set, size, host);
    return r < 0 ? r : 1;
}

static int64_t get_events(struct sc *c, bool time64, bool has_sig)
{
    int64_t min_nr = (int64_t)c->a[1], nr = (int64_t)c->a[2];
    if (min_nr < 0 || nr < 0 || min_nr > nr)
        return -EINVAL;
    if (nr > EVENTS_MAX)
        nr = EVENTS_MAX;
    size_t esz = gstruct_size(c->abi, gl_io_event);
    uint8_t *g = guest_wr(c->a[3], (uint64_t)nr * esz);
    if (!g && nr)
        return -EFAULT;
    struct timespec ts;
    if (c->a[4]) {
        int r = get_timespec(c->abi, c->a[4], time64, &ts);
        if (r < 0)
            return r;
    }
    pthread_mutex_lock(&aio_lock);
    struct aio_ctx *x = find_ctx(c->a[0]);
    aio_context_t host = x ? x->host : 0;
    pthread_mutex_unlock(&aio_lock);
    if (!x)
        return -EINVAL;
    uint64_t hmask;
    int masked = has_sig ? aio_sigset(c, c->a[5], &hmask) : 0;
    if (masked < 0)
        return masked;
    struct { uint64_t *mask; size_t size; } hsig = { &hmask, 8 };
    struct io_event *ev = malloc((size_t)(nr ? nr : 1) * sizeof *ev);
    if (!ev)
        return -ENOMEM;
    long n = safe_syscall6(SYS_io_pgetevents, (long)host, (long)min_nr, (long)nr, (long)ev,
                           c->a[4] ? (long)&ts : 0, masked ? (long)&hsig : 0);
    pthread_mutex_lock(&aio_lock);
    x = find_ctx(c->a[0]);
    for (long i = 0; x && i < n; i++)
        put_event(c, g + i * esz, x, &ev[i]);
    pthread_mutex_unlock(&aio_lock);
    free(ev);
    return n;
}

static bool native64(struct sc *c) { return c->abi->word_size == 8; }
static int64_t sys_io_getevents(struct sc *c) { return get_events(c, native64(c), false); }
static int64_t sys_io_pgetevents(struct sc *c) { return get_events(c, native64(c), true); }
static int64_t sys_io_pgetevents64(struct sc *c) { return get_events(c, true, true); }

static int64_t sys_io_cancel(struct sc *c)
{
    pthread_mutex_lock(&aio_lock);
    struct aio_ctx *x = find_ctx(c->a[0]);
    struct pending *p = x ? x->head : NULL;
    while (p && p->guest_iocb != c->a[1])
        p = p->next;
    int64_t r = -EINVAL;
    if (p) {
        struct io_event e;
        r = syscall(SYS_io_cancel, x->host, &p->cb, &e) < 0 ? -errno : 0;
        if (r == 0) {
            uint8_t *g = guest_wr(c->a[2], gstruct_size(c->abi, gl_io_event));
            if (g)
                put_event(c, g, x, &e);
            else
                r = -EFAULT;
        }
    }
    pthread_mutex_unlock(&aio_lock);
    return r;
}

const struct syscall_def syscalls_aio[] = {
    { GSYS_io_setup, sys_io_setup, { A_UINT, A_PTR }, R_INT, 0 },
    { GSYS_io_destroy, sys_io_destroy, { A_HEX }, R_INT, 0 },
    { GSYS_io_submit, sys_io_submit, { A_HEX, A_LONG, A_PTR }, R_INT, 0 },
    { GSYS_io_getevents, sys_io_getevents, { A_HEX, A_LONG, A_LONG, A_PTR, A_TIMESPEC },
      R_INT, SCF_NORESTART },
    { GSYS_io_pgetevents, sys_io_pgetevents,
      { A_HEX, A_LONG, A_LONG, A_PTR, A_TIMESPEC, A_PTR }, R_INT, SCF_NORESTART },
    { GSYS_io_pgetevents_time64, sys_io_pgetevents64,
      { A_HEX, A_LONG, A_LONG, A_PTR, A_TIMESPEC64, A_PTR }, R_INT, SCF_NORESTART },
    { GSYS_io_cancel, sys_io_cancel, { A_HEX, A_PTR, A_PTR }, R_INT, 0 },
    { GSYS_NONE, NULL, { 0 }, 0, 0 },
};
