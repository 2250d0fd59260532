/* Token tables for 32-bit directory positions (see syscall/dircookie.h). */
#include "syscall/dircookie.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct dir_table {
    uint64_t dev, ino;
    uint64_t used;              /* last use, for forgetting the least recent */
    int64_t *cookies;           /* token i stands for cookies[i] */
    uint32_t n, cap;
    uint32_t *slots;            /* hash of cookie -> i + 1 (0: empty), nslots a power of 2 */
    uint32_t nslots;
};

static struct dir_table dirs[DIRCOOKIE_DIRS];
static uint64_t clock_tick;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void table_free(struct dir_table *t)
{
    free(t->cookies);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static struct dir_table *table_of(uint64_t dev, uint64_t ino, bool create)
{
    struct dir_table *oldest = &dirs[0];
    for (int i = 0; i < DIRCOOKIE_DIRS; i++) {
        struct dir_table *t = &dirs[i];
        if (t->cookies && t->dev == dev && t->ino == ino) {
            t->used = ++clock_tick;
            return t;
        }
        if (t->used < oldest->used)
            oldest = t;
    }
    if (!create)
        return NULL;
    table_free(oldest);
    oldest->dev = dev;
    oldest->ino = ino;
    oldest->used = ++clock_tick;
    oldest->cap = 64;
    oldest->cookies = malloc(oldest->cap * sizeof *oldest->cookies);
    oldest->nslots = 128;
    oldest->slots = calloc(oldest->nslots, sizeof *oldest->slots);
    if (!oldest->cookies || !oldest->slots) {
        table_free(oldest);
        return NULL;
    }
    return oldest;
}

static uint32_t hash(int64_t cookie, uint32_t nslots)
{
    uint64_t h = (uint64_t)cookie * 0x9e3779b97f4a7c15ull;
    return (uint32_t)(h >> 32) & (nslots - 1);
}

/* The slot holding cookie, or the empty slot where it would go. */
static uint32_t *find_slot(const struct dir_table *t, int64_t cookie)
{
    for (uint32_t h = hash(cookie, t->nslots);; h = (h + 1) & (t->nslots - 1)) {
        uint32_t *s = &t->slots[h];
        if (!*s || t->cookies[*s - 1] == cookie)
            return s;
    }
}

static bool grow(struct dir_table *t)
{
    if (t->n == t->cap) {
        int64_t *c = realloc(t->cookies, (size_t)t->cap * 2 * sizeof *c);
        if (!c)
            return false;
        t->cookies = c;
        t->cap *= 2;
    }
    if ((uint64_t)(t->n + 1) * 2 > t->nslots) {
        uint32_t *old = t->slots, nold = t->nslots;
        t->nslots *= 2;
        t->slots = calloc(t->nslots, sizeof *t->slots);
        if (!t->slots) {
            t->slots = old;
            t->nslots = nold;
            return false;
        }
        for (uint32_t i = 0; i < nold; i++)
            if (old[i])
                *find_slot(t, t->cookies[old[i] - 1]) = old[i];
        free(old);
    }
    return true;
}

int64_t dircookie_to_guest(uint64_t dev, uint64_t ino, int64_t off)
{
    if (off >= 0 && off < DIRCOOKIE_BASE)
        return off;
    pthread_mutex_lock(&lock);
    int64_t r = -EOVERFLOW;
    struct dir_table *t = table_of(dev, ino, true);
    if (t) {
        uint32_t *s = find_slot(t, off);
        if (*s) {
            r = DIRCOOKIE_BASE + *s - 1;
        } else if (t->n < DIRCOOKIE_BASE && grow(t)) {
            s = find_slot(t, off);      /* the table may have been rebuilt */
            t->cookies[t->n++] = off;
            *s = t->n;
            r = DIRCOOKIE_BASE + t->n - 1;
        }
    }
    pthread_mutex_unlock(&lock);
    return r;
}

int64_t dircookie_from_guest(uint64_t dev, uint64_t ino, int64_t guest_off)
{
    if (guest_off >= 0 && guest_off < DIRCOOKIE_BASE)
        return guest_off;
    if (guest_off < 0)
        return -EINVAL;
    pthread_mutex_lock(&lock);
    int64_t r = -EINVAL;
    struct dir_table *t = table_of(dev, ino, false);
    if (t && guest_off - DIRCOOKIE_BASE < t->n)
        r = t->cookies[guest_off - DIRCOOKIE_BASE];
    pthread_mutex_unlock(&lock);
    return r;
}
