/* Mapping records for /proc/self/maps: a sorted array of disjoint ranges. */
#include "syscall/vma.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct rec {
    struct vma_info v;
    char *path;
};

static struct rec *recs;
static size_t nrecs, cap;

static void drop(size_t i)
{
    free(recs[i].path);
    memmove(&recs[i], &recs[i + 1], (nrecs - i - 1) * sizeof *recs);
    nrecs--;
}

static bool make_room(void)
{
    if (nrecs < cap)
        return true;
    size_t ncap = cap ? cap * 2 : 64;
    struct rec *n = realloc(recs, ncap * sizeof *n);
    if (!n)
        return false;
    recs = n;
    cap = ncap;
    return true;
}

/* Takes ownership of path (freed on failure). */
static void insert(const struct vma_info *v, char *path)
{
    if (!path || !make_room()) {
        free(path);
        return;
    }
    size_t i = 0;
    while (i < nrecs && recs[i].v.start < v->start)
        i++;
    memmove(&recs[i + 1], &recs[i], (nrecs - i) * sizeof *recs);
    recs[i].v = *v;
    recs[i].path = path;
    recs[i].v.path = path;
    nrecs++;
}

void vma_unmap(uint64_t start, uint64_t len)
{
    uint64_t end = start + len;
    for (size_t i = 0; i < nrecs;) {
        struct rec *r = &recs[i];
        if (r->v.end <= start || r->v.start >= end) {
            i++;
            continue;
        }
        if (r->v.start < start && r->v.end > end) {
            /* A hole in the middle: the tail becomes a record of its own. */
            struct vma_info tail = r->v;
            tail.offset += end - r->v.start;
            tail.start = end;
            r->v.end = start;
            insert(&tail, strdup(r->path));
            return;
        }
        if (r->v.start < start) {
            r->v.end = start;
            i++;
        } else if (r->v.end > end) {
            r->v.offset += end - r->v.start;
            r->v.start = end;
            i++;
        } else {
            drop(i);
        }
    }
}

/* The host path of an open file, as /proc/self/fd shows it. */
static char *fd_path(int fd)
{
    char link[64], buf[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, sizeof buf - 1);
    if (n < 0)
        return NULL;
    buf[n] = 0;
    return strdup(buf);
}

void vma_map(uint64_t start, uint64_t len, int fd, uint64_t offset, bool shared)
{
    vma_unmap(start, len);
    struct vma_info v = { .start = start, .end = start + len, .offset = offset,
                          .shared = shared };
    if (fd < 0) {
        /* The kernel backs shared anonymous memory with an unlinked /dev/zero file. */
        if (shared)
            insert(&v, strdup("/dev/zero (deleted)"));
        return;
    }
    struct stat st;
    if (fstat(fd, &st) < 0)
        return;
    v.dev = st.st_dev;
    v.ino = st.st_ino;
    insert(&v, fd_path(fd));
}

void vma_name(uint64_t start, uint64_t len, const char *name)
{
    vma_unmap(start, len);
    struct vma_info v = { .start = start, .end = start + len };
    insert(&v, strdup(name));
}

void vma_name_shared(uint64_t start, uint64_t len, const char *name)
{
    vma_unmap(start, len);
    struct vma_info v = { .start = start, .end = start + len, .shared = true };
    insert(&v, strdup(name));
}

void vma_move(uint64_t old, uint64_t old_len, uint64_t dest, uint64_t new_len, bool keep_old)
{
    /* Copies first: the destination may hold records the move replaces. */
    struct vma_info moved[16];
    char *paths[16];
    size_t n = 0;
    for (size_t i = 0; i < nrecs && n < 16; i++) {
        const struct vma_info *r = &recs[i].v;
        uint64_t s = r->start > old ? r->start : old;
        uint64_t e = r->end < old + old_len ? r->end : old + old_len;
        if (s >= e || s - old >= new_len)
            continue;
        moved[n] = *r;
        moved[n].offset += s - r->start;
        moved[n].start = dest + (s - old);
        moved[n].end = dest + (e - old < new_len ? e - old : new_len);
        paths[n++] = strdup(recs[i].path);
    }
    /* Growing while moving: the last record takes the new pages, as the kernel's VMA. */
    if (n && moved[n - 1].end == dest + (old_len < new_len ? old_len : new_len))
        moved[n - 1].end = dest + new_len;
    if (!keep_old)
        vma_unmap(old, old_len);
    vma_unmap(dest, new_len);
    for (size_t i = 0; i < n; i++)
        insert(&moved[i], paths[i]);
}

void vma_grow(uint64_t start, uint64_t old_len, uint64_t new_len)
{
    for (size_t i = 0; i < nrecs; i++) {
        if (recs[i].v.start <= start && recs[i].v.end == start + old_len) {
            recs[i].v.end = start + new_len;
            return;
        }
    }
}

const struct vma_info *vma_find(uint64_t addr, uint64_t *next)
{
    *next = UINT64_MAX;
    for (size_t i = 0; i < nrecs; i++) {
        if (recs[i].v.start > addr) {
            *next = recs[i].v.start;
            return NULL;
        }
        if (addr < recs[i].v.end) {
            if (i + 1 < nrecs)
                *next = recs[i + 1].v.start;
            return &recs[i].v;
        }
    }
    return NULL;
}
