/* The /proc files of the guest's own process (see syscall/procfs.h). */
#include "syscall/procfs.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "loader/loader.h"
#include "syscall/guest-mem.h"
#include "syscall/mmap.h"
#include "syscall/path.h"
#include "syscall/signal.h"
#include "syscall/syscall.h"
#include "syscall/vma.h"
#include "target/target.h"
#include "tcg/page.h"

void procfs_init(void)
{
    const struct image_info *im = linux_proc.image;
    if (!im || !im->exe_path[0])
        return;
    const char *base = strrchr(im->exe_path, '/');
    base = base ? base + 1 : im->exe_path;
    char comm[16] = { 0 };
    size_t n = strlen(base);
    memcpy(comm, base, n < sizeof comm - 1 ? n : sizeof comm - 1);   /* the kernel keeps 15 */
    prctl(PR_SET_NAME, comm, 0, 0, 0);
}

/* ---- the memory map ---- */

struct seg {
    uint64_t start, end;
    int flags;
};

struct seg_list {
    struct seg *v;
    size_t n, cap;
};

static int collect(void *opaque, uint64_t start, uint64_t end, int flags)
{
    struct seg_list *l = opaque;
    /* PAGE_CODE only says TBs were made from a page: one mapping all the same. */
    int f = flags & (PAGE_VALID | PAGE_RWX);
    if (!(f & PAGE_VALID))
        return 0;
    if (l->n && l->v[l->n - 1].end == start && l->v[l->n - 1].flags == f) {
        l->v[l->n - 1].end = end;
        return 0;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        struct seg *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (struct seg){ start, end, f };
    return 0;
}

/* What a line of maps says about one range. */
struct line {
    uint64_t start, end, offset, dev, ino;
    int flags;
    bool shared, stack;
    const char *name;           /* host path, "[heap]" ..., or NULL */
};

static uint64_t min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* The first place after pos where a maps line must end: a record's edge or one of the
 * named areas' edges. */
static uint64_t next_cut(uint64_t pos, uint64_t end, const struct vma_info *rec,
                         uint64_t next_rec, const uint64_t cuts[4])
{
    uint64_t e = min_u64(end, rec ? rec->end : next_rec);
    for (int i = 0; i < 4; i++)
        if (cuts[i] > pos)
            e = min_u64(e, cuts[i]);
    return e;
}

/* Calls fn for each line of the guest's maps, in address order. Holds the mmap lock. */
static int for_each_line(void (*fn)(void *ctx, const struct line *l), void *ctx)
{
    const struct image_info *im = linux_proc.image;
    guest_mmap_lock();
    uint64_t heap_start = im ? im->start_brk : 0;
    uint64_t heap_end = heap_start ? (guest_brk(0) + guest_page_size() - 1) & guest_page_mask()
                                   : 0;
    uint64_t stack_lo = im ? im->stack_limit : 0, stack_hi = im ? im->stack_top : 0;
    uint64_t cuts[4] = { heap_start, heap_end, stack_lo, stack_hi };
    struct seg_list segs = { 0 };
    int r = page_walk(collect, &segs);
    for (size_t i = 0; r == 0 && i < segs.n; i++) {
        for (uint64_t pos = segs.v[i].start; pos < segs.v[i].end;) {
            uint64_t next_rec;
            const struct vma_info *rec = vma_find(pos, &next_rec);
            uint64_t e = next_cut(pos, segs.v[i].end, rec, next_rec, cuts);
            struct line l = { .start = pos, .end = e, .flags = segs.v[i].flags };
            if (rec) {
                l.offset = rec->offset + (pos - rec->start);
                l.dev = rec->dev;
                l.ino = rec->ino;
                l.shared = rec->shared;
                l.name = rec->path;
            } else if (pos >= stack_lo && e <= stack_hi && stack_hi > stack_lo) {
                l.name = "[stack]";
                l.stack = true;
            } else if (pos >= heap_start && e <= heap_end && heap_end > heap_start) {
                l.name = "[heap]";
            }
            fn(ctx, &l);
            pos = e;
        }
    }
    guest_mmap_unlock();
    free(segs.v);
    return r;
}

struct maps_ctx {
    FILE *f;
    bool smaps;
};

static const char *guest_name(const char *host, char *buf, size_t n)
{
    if (host[0] != '/')
        return host;
    return path_to_guest(host, buf, n);
}

/* Resident bytes of a guest range, as the host kernel counts the pages behind it. */
static uint64_t resident(uint64_t start, uint64_t end)
{
    long hp = sysconf(_SC_PAGESIZE);
    size_t pages = (size_t)((end - start + (uint64_t)hp - 1) / (uint64_t)hp);
    unsigned char *vec = malloc(pages ? pages : 1);
    uint64_t n = 0;
    if (vec && mincore(g2h(start), (size_t)(end - start), vec) == 0)
        for (size_t i = 0; i < pages; i++)
            n += vec[i] & 1;
    free(vec);
    return n * (uint64_t)hp;
}

static void smaps_fields(FILE *f, const struct line *l)
{
    uint64_t size = (l->end - l->start) >> 10, rss = resident(l->start, l->end) >> 10;
    bool anon = !l->name || l->name[0] == '[';
    uint64_t kpage = guest_page_size() >> 10;
    const struct { const char *name; uint64_t kb; } rows[] = {
        { "Size:", size }, { "KernelPageSize:", kpage }, { "MMUPageSize:", kpage },
        { "Rss:", rss }, { "Pss:", rss }, { "Pss_Dirty:", anon ? rss : 0 },
        { "Shared_Clean:", 0 }, { "Shared_Dirty:", 0 },
        { "Private_Clean:", anon ? 0 : rss }, { "Private_Dirty:", anon ? rss : 0 },
        { "Referenced:", rss }, { "Anonymous:", anon ? rss : 0 }, { "KSM:", 0 },
        { "LazyFree:", 0 }, { "AnonHugePages:", 0 }, { "ShmemPmdMapped:", 0 },
        { "FilePmdMapped:", 0 }, { "Shared_Hugetlb:", 0 }, { "Private_Hugetlb:", 0 },
        { "Swap:", 0 }, { "SwapPss:", 0 }, { "Locked:", 0 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        fprintf(f, "%-16s%8llu kB\n", rows[i].name, (unsigned long long)rows[i].kb);
    fprintf(f, "THPeligible:    0\nVmFlags:");
    if (l->flags & PAGE_READ)
        fputs(" rd", f);
    if (l->flags & PAGE_WRITE)
        fputs(" wr", f);
    if (l->flags & PAGE_EXEC)
        fputs(" ex", f);
    if (l->shared)
        fputs(" sh", f);
    fputs(" mr mw me", f);
    if (l->shared)
        fputs(" ms", f);
    if (l->stack)
        fputs(" gd", f);
    if ((l->flags & PAGE_WRITE) && !l->shared)
        fputs(" ac", f);
    fputs(" \n", f);
}

static void maps_line(void *ctx, const struct line *l)
{
    struct maps_ctx *m = ctx;
    /* The guest kernel pads the name to a column that depends on its word size. */
    int width = 25 + (int)linux_proc.abi->word_size * 6 - 1;
    int n = fprintf(m->f, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
                    (unsigned long long)l->start, (unsigned long long)l->end,
                    l->flags & PAGE_READ ? 'r' : '-', l->flags & PAGE_WRITE ? 'w' : '-',
                    l->flags & PAGE_EXEC ? 'x' : '-', l->shared ? 's' : 'p',
                    (unsigned long long)l->offset, major((dev_t)l->dev),
                    minor((dev_t)l->dev), (unsigned long long)l->ino);
    if (l->name) {
        char buf[PATH_MAX];
        for (; n < width; n++)
            fputc(' ', m->f);
        fputs(guest_name(l->name, buf, sizeof buf), m->f);
    }
    fputc('\n', m->f);
    if (m->smaps)
        smaps_fields(m->f, l);
}

static int gen_maps(FILE *f, bool smaps)
{
    struct maps_ctx m = { f, smaps };
    return for_each_line(maps_line, &m);
}

struct vm_totals {
    uint64_t size, stack, exe;
};

static void vm_line(void *ctx, const struct line *l)
{
    struct vm_totals *t = ctx;
    t->size += l->end - l->start;
    if (l->stack)
        t->stack += l->end - l->start;
}

/* ---- memory the kernel reads from the process ---- */

static int gen_guest_bytes(FILE *f, uint64_t start, uint64_t end)
{
    if (end < start)
        return -EINVAL;
    /* The process may have unmapped it: the kernel then shows nothing. */
    const void *p = guest_rd(start, end - start);
    if (p && end > start)
        fwrite(p, 1, (size_t)(end - start), f);
    return 0;
}

/* ---- stat and status ---- */

static char *read_host(const char *path, size_t *len)
{
    FILE *in = fopen(path, "re");
    if (!in)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(in);
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, 4096, in);
        n += got;
        if (got == 0)
            break;
    }
    fclose(in);
    buf[n] = 0;
    *len = n;
    return buf;
}

static void host_file_name(char *out, size_t n, int tid, const char *file)
{
    if (tid)
        snprintf(out, n, "/proc/self/task/%d/%s", tid, file);
    else
        snprintf(out, n, "/proc/self/%s", file);
}

/* The guest's signal sets in the form the kernel prints them. */
struct sigsets {
    gsigset pending, blocked, ignored, caught;
    bool have_thread;
};

static void guest_sigsets(int tid, struct sigsets *s)
{
    memset(s, 0, sizeof *s);
    const struct syscall_table *abi = linux_proc.abi;
    for (int sig = 1; sig <= (int)abi->nsig && sig <= GSIG_MAX; sig++) {
        struct guest_sigaction a = signal_get_action(sig);
        if (a.handler == GSIG_IGN)
            gsigset_add(&s->ignored, sig);
        else if (a.handler != GSIG_DFL)
            gsigset_add(&s->caught, sig);
    }
    struct thread_state *ts = thread_self();
    if (ts && (tid == 0 || tid == ts->tid)) {
        s->blocked = ts->blocked;
        s->pending = signal_pending_set(ts);
        s->have_thread = true;
    }
}

static void put_sigset_hex(FILE *f, const gsigset *s)
{
    /* Highest signal first, as the kernel renders sigset_t. */
    unsigned nsig = linux_proc.abi->nsig;
    for (int word = (int)((nsig + 63) / 64) - 1; word >= 0; word--) {
        unsigned bits = nsig - (unsigned)word * 64 >= 64 ? 64 : nsig - (unsigned)word * 64;
        fprintf(f, "%0*llx", (int)(bits / 4), (unsigned long long)s->w[word]);
    }
}

static int gen_status(FILE *f, int tid)
{
    char path[64];
    size_t len;
    host_file_name(path, sizeof path, tid, "status");
    char *text = read_host(path, &len);
    if (!text)
        return -ENOENT;
    const struct image_info *im = linux_proc.image;
    struct vm_totals t = { 0 };
    for_each_line(vm_line, &t);
    struct sigsets ss;
    guest_sigsets(tid, &ss);
    for (char *line = text, *nl; *line; line = nl) {
        nl = strchr(line, '\n');
        nl = nl ? nl + 1 : line + strlen(line);
        uint64_t kb = UINT64_MAX;
        const gsigset *set = NULL;
        if (!strncmp(line, "VmPeak:", 7) || !strncmp(line, "VmSize:", 7))
            kb = t.size >> 10;
        else if (!strncmp(line, "VmStk:", 6))
            kb = t.stack >> 10;
        else if (!strncmp(line, "VmExe:", 6) && im)
            kb = (im->end_code - im->start_code) >> 10;
        else if (!strncmp(line, "SigBlk:", 7) && ss.have_thread)
            set = &ss.blocked;
        else if (!strncmp(line, "SigPnd:", 7) && ss.have_thread)
            set = &ss.pending;
        else if (!strncmp(line, "SigIgn:", 7))
            set = &ss.ignored;
        else if (!strncmp(line, "SigCgt:", 7))
            set = &ss.caught;
        if (kb != UINT64_MAX) {
            fprintf(f, "%.*s\t%8llu kB\n", (int)(strchr(line, ':') - line + 1), line,
                    (unsigned long long)kb);
        } else if (set) {
            fprintf(f, "%.7s\t", line);
            put_sigset_hex(f, set);
            fputc('\n', f);
        } else {
            fwrite(line, 1, (size_t)(nl - line), f);
        }
    }
    free(text);
    return 0;
}

/* Field numbers of /proc/<pid>/stat (1-based, as proc(5) counts them). */
enum { ST_SIGNAL = 31, ST_BLOCKED, ST_SIGIGNORE, ST_SIGCATCH, ST_VSIZE = 23,
       ST_RSSLIM = 25, ST_STARTCODE, ST_ENDCODE, ST_STARTSTACK, ST_KSTKESP, ST_KSTKEIP,
       ST_START_DATA = 45, ST_END_DATA, ST_START_BRK, ST_ARG_START, ST_ARG_END,
       ST_ENV_START, ST_ENV_END, ST_FIELDS = 52 };

static int gen_stat(FILE *f, int tid)
{
    char path[64];
    size_t len;
    host_file_name(path, sizeof path, tid, "stat");
    char *text = read_host(path, &len);
    if (!text)
        return -ENOENT;
    /* "pid (comm) fields...": comm may hold spaces and parentheses; it ends at the
     * last ')'. */
    char *close = strrchr(text, ')');
    if (!close) {
        free(text);
        return -EIO;
    }
    fwrite(text, 1, (size_t)(close + 1 - text), f);
    const struct image_info *im = linux_proc.image;
    struct vm_totals t = { 0 };
    for_each_line(vm_line, &t);
    struct sigsets ss;
    guest_sigsets(tid, &ss);
    uint64_t word_max = linux_proc.abi->word_size == 4 ? 0xffffffffull : ~0ull;
    int field = 3;
    char *save = NULL;
    for (char *tok = strtok_r(close + 1, " \n", &save); tok;
         tok = strtok_r(NULL, " \n", &save), field++) {
        uint64_t v = 0;
        bool ours = true;
        switch (field) {
        case ST_VSIZE: v = t.size; break;
        case ST_RSSLIM: v = strtoull(tok, NULL, 10); v = v > word_max ? word_max : v; break;
        case ST_STARTCODE: v = im ? im->start_code : 0; break;
        case ST_ENDCODE: v = im ? im->end_code : 0; break;
        case ST_STARTSTACK: v = im ? im->stack_top : 0; break;
        case ST_KSTKESP: case ST_KSTKEIP: v = 0; break;
        case ST_SIGNAL: v = ss.pending.w[0] & word_max & 0xffffffff; break;
        case ST_BLOCKED: v = ss.blocked.w[0] & 0xffffffff; break;
        case ST_SIGIGNORE: v = ss.ignored.w[0] & 0xffffffff; break;
        case ST_SIGCATCH: v = ss.caught.w[0] & 0xffffffff; break;
        case ST_START_DATA: v = im ? im->start_data : 0; break;
        case ST_END_DATA: v = im ? im->end_data : 0; break;
        case ST_START_BRK: v = im ? im->start_brk : 0; break;
        case ST_ARG_START: v = im ? im->arg_start : 0; break;
        case ST_ARG_END: v = im ? im->arg_end : 0; break;
        case ST_ENV_START: v = im ? im->env_start : 0; break;
        case ST_ENV_END: v = im ? im->env_end : 0; break;
        default: ours = false; break;
        }
        if ((field == ST_SIGNAL || field == ST_BLOCKED) && !ss.have_thread)
            ours = false;
        if (ours)
            fprintf(f, " %llu", (unsigned long long)v);
        else
            fprintf(f, " %s", tok);
    }
    fputc('\n', f);
    free(text);
    return 0;
}

static int gen_cpuinfo(FILE *f)
{
    const struct target_ops *ops = linux_proc.ops;
    if (ops->cpuinfo) {
        ops->cpuinfo(f);
        return 0;
    }
    /* No description from the target: at least what every parser looks for. */
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    for (long i = 0; i < (n > 0 ? n : 1); i++)
        fprintf(f, "processor\t: %ld\nmodel name\t: %s\n\n", i, ops->uname_machine);
    return 0;
}

/* ---- names ---- */

enum pf_file { PF_NONE, PF_MAPS, PF_SMAPS, PF_AUXV, PF_CMDLINE, PF_ENVIRON, PF_STAT,
               PF_STATUS, PF_EXE, PF_CPUINFO };

static const struct { const char *name; enum pf_file file; } files[] = {
    { "maps", PF_MAPS }, { "smaps", PF_SMAPS }, { "auxv", PF_AUXV },
    { "cmdline", PF_CMDLINE }, { "environ", PF_ENVIRON }, { "stat", PF_STAT },
    { "status", PF_STATUS }, { "exe", PF_EXE },
};

static bool is_number(const char *s, size_t n)
{
    if (!n || n > 10)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* Is tid a thread of this process? */
static bool our_thread(long tid)
{
    return tid > 0 && syscall(SYS_tgkill, getpid(), (pid_t)tid, 0) == 0;
}

/* Splits the name into components (skipping empty and "." ones); at most 8. */
static int components(const char *name, const char *comp[8], size_t clen[8])
{
    int n = 0;
    for (const char *p = name; *p;) {
        while (*p == '/')
            p++;
        const char *e = p;
        while (*e && *e != '/')
            e++;
        if (e > p && !(e - p == 1 && *p == '.')) {
            if (n == 8)
                return -1;
            comp[n] = p;
            clen[n++] = (size_t)(e - p);
        }
        p = e;
    }
    return n;
}

static bool comp_is(const char *c, size_t n, const char *word)
{
    return strlen(word) == n && !memcmp(c, word, n);
}

/* Which emulated file the name means, and for which thread (0: the process). */
static enum pf_file classify(const char *name, int *tid)
{
    const char *c[8];
    size_t n[8];
    *tid = 0;
    if (name[0] != '/')
        return PF_NONE;
    int k = components(name, c, n);
    if (k < 2 || !comp_is(c[0], n[0], "proc"))
        return PF_NONE;
    if (k == 2)
        return comp_is(c[1], n[1], "cpuinfo") ? PF_CPUINFO : PF_NONE;
    int i = 1;
    if (comp_is(c[1], n[1], "self")) {
        i = 2;
    } else if (comp_is(c[1], n[1], "thread-self")) {
        *tid = (int)gettid();
        i = 2;
    } else if (is_number(c[1], n[1])) {
        long pid = strtol(c[1], NULL, 10);
        if (pid == getpid())
            i = 2;
        else if (our_thread(pid))
            *tid = (int)pid, i = 2;
        else
            return PF_NONE;
    } else {
        return PF_NONE;
    }
    if (k == i + 3 && !*tid && comp_is(c[i], n[i], "task") && is_number(c[i + 1], n[i + 1])) {
        long t = strtol(c[i + 1], NULL, 10);
        if (!our_thread(t))
            return PF_NONE;
        *tid = (int)t;
        i += 2;
    }
    if (k != i + 1)
        return PF_NONE;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++)
        if (comp_is(c[i], n[i], files[f].name))
            return files[f].file;
    return PF_NONE;
}

static int generate(enum pf_file file, int tid, FILE *f)
{
    const struct image_info *im = linux_proc.image;
    switch (file) {
    case PF_MAPS: return gen_maps(f, false);
    case PF_SMAPS: return gen_maps(f, true);
    case PF_AUXV: return im ? gen_guest_bytes(f, im->auxv, im->auxv + im->auxv_len) : -ENOENT;
    case PF_CMDLINE: return im ? gen_guest_bytes(f, im->arg_start, im->arg_end) : -ENOENT;
    case PF_ENVIRON: return im ? gen_guest_bytes(f, im->env_start, im->env_end) : -ENOENT;
    case PF_STAT: return gen_stat(f, tid);
    case PF_STATUS: return gen_status(f, tid);
    case PF_CPUINFO: return gen_cpuinfo(f);
    default: return -ENOENT;
    }
}

static char *make_text(enum pf_file file, int tid, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (!f)
        return NULL;
    int r = generate(file, tid, f);
    if (fclose(f) != 0 || r < 0) {
        free(buf);
        errno = r < 0 ? -r : ENOMEM;
        return NULL;
    }
    return buf;
}

char *procfs_text(const char *file, size_t *len)
{
    if (!strcmp(file, "cpuinfo"))
        return make_text(PF_CPUINFO, 0, len);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (!strcmp(files[i].name, file) && files[i].file != PF_EXE)
            return make_text(files[i].file, 0, len);
    return NULL;
}

int procfs_open(const char *guest_name, int host_flags, int *fd)
{
    int tid;
    enum pf_file file = classify(guest_name, &tid);
    if (file == PF_NONE)
        return 0;
    if (file == PF_EXE) {
        int r = open(path_exe(), host_flags & (O_ACCMODE | O_CLOEXEC | O_PATH | O_NOFOLLOW));
        if (r < 0)
            return -errno;
        *fd = r;
        return 1;
    }
    /* Writing, or opening as a directory: the host decides (and refuses). */
    if ((host_flags & O_ACCMODE) != O_RDONLY || (host_flags & O_DIRECTORY))
        return 0;
    size_t len;
    char *text = make_text(file, tid, &len);
    if (!text)
        return -errno;
    int m = memfd_create("crossrun-proc", host_flags & O_CLOEXEC ? MFD_CLOEXEC : 0);
    int r = m < 0 ? -errno : 0;
    for (size_t done = 0; r == 0 && done < len;) {
        ssize_t w = write(m, text + done, len - done);
        if (w < 0)
            r = -errno;
        else
            done += (size_t)w;
    }
    free(text);
    if (r == 0 && lseek(m, 0, SEEK_SET) < 0)
        r = -errno;
    if (r < 0) {
        if (m >= 0)
            close(m);
        return r;
    }
    *fd = m;
    return 1;
}
