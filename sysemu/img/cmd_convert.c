/* convert: copies one or more images (concatenated) into a new or existing one.
 * A reader thread walks the sources' allocation and reads data chunks while the main thread
 * writes the previous ones, so reading and writing overlap.  Zero ranges are never read;
 * on a target that starts out zero they are not written either, and data chunks are
 * scanned for zero blocks of the sparse size (-S) to keep the target sparse. */
#include "sysemu/img/img.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 1 MiB per read and write, as qemu-img: on Linux 6.x ext4 a 2 MiB buffered write can land
 * in one large page-cache folio, and copying into those cost up to 8 times more per byte
 * (measured: 512 x 2 MiB writes 3.3 s of system time, 1024 x 1 MiB 0.4 s). */
#define CHUNK (1u << 20)
#define NBUF 4

struct chunk {
    uint64_t off, len;      /* in the target */
    bool zero;              /* a zero range: no data */
    uint8_t *data;
};

struct pipe {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct chunk q[NBUF];
    int head, count;
    bool done;
    bool aborted;           /* the writer failed: the reader stops */
    int err;
    char why[512];
    /* reader side */
    struct block_dev **src;
    int nsrc;
    uint8_t *bufs[NBUF];
    int next_buf;
    uint32_t chunk;
    uint32_t align;         /* the target's cluster size: chunks never split a cluster */
};

/* Queues a chunk; false when the writer gave up.  The queue holds NBUF - 2 chunks: one
 * buffer is with the writer, one is being filled. */
static bool put(struct pipe *p, const struct chunk *c)
{
    pthread_mutex_lock(&p->lock);
    while (p->count >= NBUF - 2 && !p->aborted)
        pthread_cond_wait(&p->cond, &p->lock);
    bool ok = !p->aborted;
    if (ok) {
        p->q[(p->head + p->count) % NBUF] = *c;
        p->count++;
        pthread_cond_broadcast(&p->cond);
    }
    pthread_mutex_unlock(&p->lock);
    return ok;
}

static void abort_pipe(struct pipe *p)
{
    pthread_mutex_lock(&p->lock);
    p->aborted = true;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
}

static bool get(struct pipe *p, struct chunk *c)
{
    pthread_mutex_lock(&p->lock);
    while (p->count == 0 && !p->done)
        pthread_cond_wait(&p->cond, &p->lock);
    bool ok = p->count > 0;
    if (ok) {
        *c = p->q[p->head];
        p->head = (p->head + 1) % NBUF;
        p->count--;
        pthread_cond_broadcast(&p->cond);
    }
    pthread_mutex_unlock(&p->lock);
    return ok;
}

static void finish(struct pipe *p, int err)
{
    pthread_mutex_lock(&p->lock);
    p->done = true;
    if (err && err != -ECANCELED && !p->err) {
        p->err = err;
        snprintf(p->why, sizeof(p->why), "%s", *block_error() ? block_error() : strerror(-err));
    }
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
}

/* One source: zero extents as they are, data in chunks of at most p->chunk bytes. */
static int read_source(struct pipe *p, struct block_dev *bs, uint64_t base)
{
    for (uint64_t off = 0, pnum; off < bs->size; off += pnum) {
        uint64_t host;
        int depth;
        int st = block_status_above(bs, off, bs->size - off, &pnum, &host, NULL, &depth);
        if (st < 0)
            return st;
        struct chunk c = { .off = base + off, .len = pnum, .zero = (st & BLOCK_STATUS_ZERO) };
        /* Zero extents shrink to whole target clusters; the rest is read as data. */
        if (c.zero && p->align > 1 && (c.off % p->align || pnum < p->align)) {
            c.zero = false;
        } else if (c.zero && p->align > 1) {
            c.len = pnum = pnum / p->align * p->align;
        }
        if (!c.zero) {
            /* Chunks end on chunk (and cluster) boundaries so writes stay aligned. */
            uint64_t lim = p->chunk - c.off % p->chunk;
            uint64_t len = (c.off + pnum + p->align - 1) / p->align * p->align - c.off;
            if (len > lim)
                len = lim;
            if (len > bs->size - off)
                len = bs->size - off;
            c.len = pnum = len;
            c.data = p->bufs[p->next_buf];
            p->next_buf = (p->next_buf + 1) % NBUF;
            int r = block_read(bs, off, c.data, (size_t)c.len);
            if (r < 0)
                return r;
        }
        if (!put(p, &c))
            return -ECANCELED;
    }
    return 0;
}

static void *reader(void *arg)
{
    struct pipe *p = arg;
    uint64_t base = 0;
    int r = 0;
    for (int i = 0; i < p->nsrc && r == 0; i++) {
        r = read_source(p, p->src[i], base);
        base += p->src[i]->size;
    }
    finish(p, r);
    return NULL;
}

/* Clusters of one chunk compressed on several threads (see compress_chunk). */
struct zwork {
    const struct block_dev *bs;
    const uint8_t *data;
    uint64_t len;           /* of the chunk */
    uint8_t *out;           /* zcap bytes per cluster */
    size_t zcap;            /* room for one compressed cluster (deflate may grow it) */
    size_t *zlen;           /* 0: store uncompressed; SIZE_MAX: all zeros */
    int first, stride, n;
};

struct target {
    struct block_dev *bs;
    uint8_t *cmp;           /* -B: what the target reads before writing (its backing file) */
    struct zwork z;         /* parallel compression buffers, when the format allows */
    int nthreads;
    bool zero_init;         /* target reads as zeros where nothing is written */
    bool compress;
    uint64_t sparse;        /* -S: zero runs at least this long are skipped; 0: never */
    uint64_t granule;       /* zero detection granularity */
};

static int write_zero_range(struct target *t, uint64_t off, uint64_t len)
{
    if (t->zero_init)
        return 0;
    /* With -B, ranges the backing file already has as zeros stay unwritten. */
    for (uint64_t p = 0; t->cmp && p < len;) {
        uint64_t n = len - p < CHUNK ? len - p : CHUNK;
        int r = block_read(t->bs, off + p, t->cmp, (size_t)n);
        if (r == 0 && !buffer_is_zero(t->cmp, (size_t)n))
            r = block_write_zeroes(t->bs, off + p, n, true);
        if (r < 0)
            return r;
        p += n;
    }
    return t->cmp ? 0 : block_write_zeroes(t->bs, off, len, true);
}

static void *compress_some(void *arg)
{
    struct zwork *w = arg;
    uint64_t cs = w->bs->cluster_size;
    for (int i = w->first; i < w->n; i += w->stride) {
        uint64_t p = (uint64_t)i * cs;
        size_t n = (size_t)(w->len - p < cs ? w->len - p : cs);
        w->zlen[i] = buffer_is_zero(w->data + p, n) ? SIZE_MAX
                     : block_compress(w->bs, w->data + p, n, w->out + i * w->zcap, w->zcap);
    }
    return NULL;
}

/* Compresses every cluster of a cluster-aligned chunk on t->nthreads threads, then writes
 * them in order. */
static int compress_chunk(struct target *t, const struct chunk *c)
{
    uint64_t cs = t->bs->cluster_size;
    struct zwork w[8];
    pthread_t th[8];
    int n = (int)((c->len + cs - 1) / cs), started = 0;
    for (int k = 0; k < t->nthreads; k++) {
        w[k] = t->z;
        w[k].data = c->data;
        w[k].len = c->len;
        w[k].first = k;
        w[k].stride = t->nthreads;
        w[k].n = n;
        if (k && pthread_create(&th[k], NULL, compress_some, &w[k]) == 0)
            started = k;
        else if (k)
            compress_some(&w[k]);
    }
    compress_some(&w[0]);
    for (int k = 1; k <= started; k++)
        pthread_join(th[k], NULL);
    int r = 0;
    for (int i = 0; i < n && r == 0;) {
        uint64_t p = (uint64_t)i * cs, off = c->off + p;
        size_t len = (size_t)(c->len - p < cs ? c->len - p : cs);
        int j = i + 1;
        if (t->z.zlen[i] == SIZE_MAX) {
            r = write_zero_range(t, off, len);
        } else if (t->z.zlen[i]) {
            r = block_write_precompressed(t->bs, off, t->z.out + i * t->z.zcap,
                                          t->z.zlen[i]);
        } else {
            /* Clusters that do not shrink are stored as they are, in one write per run. */
            while (j < n && t->z.zlen[j] == 0)
                j++;
            uint64_t end = (uint64_t)j * cs < c->len ? (uint64_t)j * cs : c->len;
            r = block_write(t->bs, off, c->data + p, (size_t)(end - p));
        }
        i = j;
    }
    return r;
}

static int write_compressed(struct target *t, const struct chunk *c)
{
    if (t->z.out && c->off % t->bs->cluster_size == 0)
        return compress_chunk(t, c);
    uint64_t cs = t->bs->cluster_size;
    for (uint64_t p = 0; p < c->len;) {
        uint64_t off = c->off + p;
        uint64_t end = (off / cs + 1) * cs;
        if (end > t->bs->size)
            end = t->bs->size;
        size_t n = (size_t)(end - off);
        if (n > c->len - p)
            return block_fail(-EINVAL, "compressed output needs cluster-aligned chunks");
        int r = buffer_is_zero(c->data + p, n) ? write_zero_range(t, off, n)
                                               : block_write_compressed(t->bs, off, c->data + p, n);
        if (r < 0)
            return r;
        p += n;
    }
    return 0;
}

/* Writes a data chunk, leaving out zero runs of the sparse size. */
enum granule_kind { G_DATA, G_ZERO, G_SAME };

static enum granule_kind kind_of(const struct target *t, const struct chunk *c, uint64_t p,
                                 uint64_t n)
{
    if (t->cmp && !memcmp(c->data + p, t->cmp + p, (size_t)n))
        return G_SAME;
    return t->sparse && buffer_is_zero(c->data + p, (size_t)n) ? G_ZERO : G_DATA;
}

/* Writes a data chunk, leaving out zero runs of the sparse size and, with -B, what the
 * backing file already holds. */
static int write_data(struct target *t, const struct chunk *c)
{
    if (t->compress)
        return write_compressed(t, c);
    if (!t->sparse && !t->cmp)
        return block_write(t->bs, c->off, c->data, (size_t)c->len);
    int r = t->cmp ? block_read(t->bs, c->off, t->cmp, (size_t)c->len) : 0;
    uint64_t g = t->granule;
    for (uint64_t p = 0; r == 0 && p < c->len;) {
        uint64_t n = g - (c->off + p) % g;
        if (n > c->len - p)
            n = c->len - p;
        enum granule_kind k = kind_of(t, c, p, n);
        uint64_t q = p + n;
        while (q < c->len) {
            uint64_t m = g < c->len - q ? g : c->len - q;
            if (kind_of(t, c, q, m) != k)
                break;
            q += m;
        }
        if (k == G_ZERO && t->cmp)
            r = block_write_zeroes(t->bs, c->off + p, q - p, true);   /* differs from -B */
        else if (k == G_ZERO)
            r = write_zero_range(t, c->off + p, q - p);
        else if (k == G_DATA)
            r = block_write(t->bs, c->off + p, c->data + p, (size_t)(q - p));
        p = q;
    }
    return r;
}

static int run_pipe(struct pipe *p, struct target *t, uint64_t total, bool progress)
{
    pthread_t th;
    if (pthread_create(&th, NULL, reader, p) != 0)
        return -EAGAIN;
    struct chunk c;
    int r = 0;
    uint64_t done = 0;
    while (r == 0 && get(p, &c)) {
        r = c.zero ? write_zero_range(t, c.off, c.len) : write_data(t, &c);
        done += c.len;
        if (progress && total)
            img_progress((double)done / (double)total);
    }
    if (r < 0)
        abort_pipe(p);
    pthread_join(th, NULL);
    if (progress)
        printf("\n");
    if (r == 0 && p->err) {
        block_set_error("%s", p->why);
        r = p->err;
    }
    return r;
}

struct options {
    const char *src_fmt, *out_fmt, *backing, *cache;
    bool out_fmt_given;     /* -n targets are probed unless -O names their format */
    struct block_opts opts;
    bool compress, progress, no_create;
    uint64_t sparse;
};

static int parse(int argc, char **argv, struct options *o)
{
    int c;
    o->out_fmt = "raw";
    o->sparse = 4096;
    o->cache = "unsafe";
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:O:o:cpnWB:F:S:t:T:m:qUh", NULL, NULL)) != -1) {
        switch (c) {
        case 'f': o->src_fmt = optarg; break;
        case 'O': o->out_fmt = optarg; o->out_fmt_given = true; break;
        case 'o':
            if (!img_add_opts(&o->opts, optarg))
                return -1;
            break;
        case 'c': o->compress = true; break;
        case 'p': o->progress = true; break;
        case 'n': o->no_create = true; break;
        case 'B': o->backing = optarg; break;
        case 'F': block_opts_set(&o->opts, "backing_fmt", optarg); break;
        case 'S':
            if (!img_parse_size(optarg, &o->sparse))
                return -1;
            break;
        case 't': o->cache = optarg; break;
        case 'W': case 'T': case 'm': case 'q': case 'U': break;
        default:
            img_error("usage: convert [-c] [-p] [-n] [-W] [-f fmt] [-O output_fmt] "
                      "[-o options] [-B backing_file [-F backing_fmt]] [-S sparse_size] "
                      "filename [...] output");
            return -1;
        }
    }
    /* As qemu-img: probing the format of a backing file is unsafe, so it must be named. */
    if (o->backing && !block_opts_get(&o->opts, "backing_fmt")) {
        img_error("Use of backing file requires explicit backing format");
        return -1;
    }
    if (argc - optind < 2) {
        img_error("Expecting at least one source and one output file name");
        return -1;
    }
    if (strcmp(o->cache, "unsafe") && strcmp(o->cache, "writeback") &&
        strcmp(o->cache, "none") && strcmp(o->cache, "writethrough") &&
        strcmp(o->cache, "directsync")) {
        img_error("Invalid cache option: %s", o->cache);
        return -1;
    }
    return 0;
}

static int open_sources(char **names, int n, const char *fmt, struct block_dev **src,
                        uint64_t *total)
{
    *total = 0;
    for (int i = 0; i < n; i++) {
        if (!(src[i] = img_open(names[i], fmt, 0)))
            return -1;
        *total += src[i]->size;
    }
    return 0;
}

static struct block_dev *open_target(const char *out, struct options *o, uint64_t total)
{
    if (!o->no_create) {
        if (o->backing)
            block_opts_set(&o->opts, "backing_file", o->backing);
        const struct block_driver *drv = block_find_driver(o->out_fmt);
        if (!drv) {
            img_error("Unknown file format '%s'", o->out_fmt);
            return NULL;
        }
        for (int i = 0; i < o->opts.n; i++)
            if (!strcmp(o->opts.v[i].key, "size")) {
                img_error("size may not be given with convert's -o");
                return NULL;
            }
        int r = block_create(out, o->out_fmt, total, &o->opts);
        if (r < 0) {
            img_block_error(out, r);
            return NULL;
        }
    }
    int flags = BLOCK_O_RDWR | (strcmp(o->cache, "unsafe") ? 0 : BLOCK_O_UNSAFE);
    bool probe = o->no_create && !o->out_fmt_given;
    struct block_dev *t = img_open(out, probe ? NULL : o->out_fmt, flags);
    if (t && o->no_create && t->size < total) {
        img_error("%s: the target is smaller than the source (%llu < %llu bytes)", out,
                  (unsigned long long)t->size, (unsigned long long)total);
        block_close(t);
        return NULL;
    }
    return t;
}

static int convert(struct block_dev **src, int nsrc, struct block_dev *out, struct options *o,
                   uint64_t total)
{
    /* A streamOptimized VMDK deflates every grain: those go through the compressing path
     * (on every core) whether or not -c asked for it. */
    bool compress = o->compress || out->stores_compressed;
    struct target t = { .bs = out, .compress = compress, .sparse = o->sparse };
    /* A new image without a backing file reads as zeros; -n targets must be written. */
    t.zero_init = !o->no_create && out->zero_init && !o->backing;
    if (o->backing && !o->compress && !(t.cmp = img_buffer(CHUNK > out->cluster_size ? CHUNK
                                                                      : out->cluster_size)))
        return -ENOMEM;
    t.granule = o->sparse ? o->sparse : 1;
    if (out->cluster_size > t.granule && !strcmp(out->drv->name, "qcow2"))
        t.granule = out->cluster_size;
    if (o->compress && !out->drv->write_compressed)
        return block_fail(-ENOTSUP, "the output format %s does not support compression",
                          out->drv->name);
    struct pipe p = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER,
                      .src = src, .nsrc = nsrc, .chunk = CHUNK };
    p.align = out->cluster_size ? out->cluster_size : 1;
    if (p.align > p.chunk)
        p.chunk = p.align;
    int r = 0;
    for (int i = 0; i < NBUF && r == 0; i++)
        if (!(p.bufs[i] = img_buffer(p.chunk)))
            r = -ENOMEM;
    if (r == 0 && compress && block_can_compress_in_parallel(out)) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        t.nthreads = cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus;
        t.z.bs = out;
        /* zlib's bound for incompressible input: a little over the input. */
        t.z.zcap = out->cluster_size + out->cluster_size / 8 + 64;
        t.z.out = malloc(p.chunk / out->cluster_size * t.z.zcap + t.z.zcap);
        t.z.zlen = malloc(sizeof(size_t) * (p.chunk / out->cluster_size + 1));
        if (!t.z.out || !t.z.zlen)
            r = -ENOMEM;
    }
    if (r == 0)
        r = run_pipe(&p, &t, total, o->progress);
    for (int i = 0; i < NBUF; i++)
        free(p.bufs[i]);
    free(t.z.out);
    free(t.z.zlen);
    free(t.cmp);
    /* qemu-img's default cache mode never syncs a converted image; the others do. */
    if (r == 0 && strcmp(o->cache, "unsafe"))
        r = block_flush(out);
    return r;
}

int cmd_convert(int argc, char **argv)
{
    struct options o = { 0 };
    if (parse(argc, argv, &o) < 0) {
        block_opts_free(&o.opts);
        return 1;
    }
    int nsrc = argc - optind - 1;
    const char *out = argv[argc - 1];
    struct block_dev **src = calloc((size_t)nsrc, sizeof(*src));
    struct block_dev *dst = NULL;
    uint64_t total = 0;
    int ret = 1;
    if (src && open_sources(argv + optind, nsrc, o.src_fmt, src, &total) == 0 &&
        (dst = open_target(out, &o, total))) {
        int r = convert(src, nsrc, dst, &o, total);
        if (r < 0)
            img_block_error(out, r);
        else
            ret = 0;
    }
    block_close(dst);
    for (int i = 0; src && i < nsrc; i++)
        block_close(src[i]);
    free(src);
    block_opts_free(&o.opts);
    return ret;
}
