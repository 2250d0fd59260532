/* Per-thread reusable zlib streams (see zcache.h). */
#include "sysemu/block/zcache.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 4 };

struct zslot {
    z_stream z;
    bool live, deflating;
    int level, window_bits, mem_level;
};

struct zthread {
    struct zslot slot[SLOTS];
    int next_victim;
};

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
/* Also held here so leak checkers see the streams as reachable while the thread lives. */
static _Thread_local struct zthread *mine;

static void end_slot(struct zslot *s)
{
    if (s->live)
        s->deflating ? deflateEnd(&s->z) : inflateEnd(&s->z);
    s->live = false;
}

static void release(void *p)
{
    struct zthread *t = p;
    for (int i = 0; i < SLOTS; i++)
        end_slot(&t->slot[i]);
    free(t);
}

static void make_key(void)
{
    pthread_key_create(&key, release);
}

static struct zthread *this_thread(void)
{
    if (mine)
        return mine;
    pthread_once(&key_once, make_key);
    struct zthread *t = calloc(1, sizeof *t);
    if (t && pthread_setspecific(key, t) != 0) {
        free(t);
        t = NULL;
    }
    return mine = t;
}

static bool same(const struct zslot *s, bool deflating, int level, int wbits, int mem)
{
    return s->live && s->deflating == deflating && s->window_bits == wbits &&
           (!deflating || (s->level == level && s->mem_level == mem));
}

/* A matching live slot reset for reuse, or a fresh one set up. */
static z_stream *get(bool deflating, int level, int wbits, int mem)
{
    struct zthread *t = this_thread();
    if (!t)
        return NULL;
    for (int i = 0; i < SLOTS; i++) {
        struct zslot *s = &t->slot[i];
        if (same(s, deflating, level, wbits, mem)) {
            int zr = deflating ? deflateReset(&s->z) : inflateReset(&s->z);
            if (zr == Z_OK)
                return &s->z;
            end_slot(s);
        }
    }
    int i = 0;
    while (i < SLOTS && t->slot[i].live)
        i++;
    if (i == SLOTS) {
        i = t->next_victim;
        t->next_victim = (i + 1) % SLOTS;
        end_slot(&t->slot[i]);
    }
    struct zslot *s = &t->slot[i];
    memset(s, 0, sizeof *s);
    /* zlib's state points back at the z_stream: it is set up in place, never copied. */
    int zr = deflating ? deflateInit2(&s->z, level, Z_DEFLATED, wbits, mem, Z_DEFAULT_STRATEGY)
                       : inflateInit2(&s->z, wbits);
    if (zr != Z_OK)
        return NULL;
    s->live = true;
    s->deflating = deflating;
    s->level = level;
    s->window_bits = wbits;
    s->mem_level = mem;
    return &s->z;
}

z_stream *zcache_deflate(int level, int window_bits, int mem_level)
{
    return get(true, level, window_bits, mem_level);
}

z_stream *zcache_inflate(int window_bits)
{
    return get(false, 0, window_bits, 0);
}
