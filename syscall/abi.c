/* The layout engine for guest structs, value-map translation, and the generic
 * (asm-generic) layouts that ABIs without their own use. */
#include "syscall/abi.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>

/* The host's values are the generic ones: translation tables only list a guest's
 * differences from generic, so a host that differed would silently break them. */
_Static_assert(O_DIRECTORY == 0200000 && O_NOFOLLOW == 0400000 && O_DIRECT == 040000 &&
               O_CLOEXEC == 02000000 && O_NONBLOCK == 04000 && O_APPEND == 02000,
               "host open flags are not the generic Linux values");
_Static_assert(MAP_ANONYMOUS == 0x20 && MAP_FIXED == 0x10 && MAP_NORESERVE == 0x4000,
               "host mmap flags are not the generic Linux values");
_Static_assert(SIGUSR1 == 10 && SIGCHLD == 17 && SIGSYS == 31 && SIGSTKFLT == 16,
               "host signals are not the generic Linux numbers");
_Static_assert(EAGAIN == 11 && ENOSYS == 38 && ELOOP == 40 && EOVERFLOW == 75,
               "host errno values are not the generic Linux values");
_Static_assert(RLIMIT_NOFILE == 7 && RLIMIT_AS == 9 && RLIMIT_NPROC == 6,
               "host RLIMIT_ numbers are not the generic Linux values");

static size_t type_size(const struct syscall_table *abi, unsigned t)
{
    switch (t) {
    case GT_U16: case GT_S16: return 2;
    case GT_U32: case GT_S32: return 4;
    case GT_U64: case GT_S64: return 8;
    case GT_ULONG: case GT_LONG: case GT_PTR: return abi->word_size;
    default: return 1;
    }
}

static size_t type_align(const struct syscall_table *abi, unsigned t)
{
    if (t == GT_U64 || t == GT_S64)
        return abi->align64;
    return type_size(abi, t);
}

static bool type_signed(const struct syscall_table *abi, unsigned t)
{
    return t == GT_S8 || t == GT_S16 || t == GT_S32 || t == GT_S64 || t == GT_LONG;
}

static size_t round_up(size_t v, size_t a) { return (v + a - 1) / a * a; }

static unsigned field_count(const struct gfield *f) { return f->count ? f->count : 1; }

/* Calls back with each member's offset; returns the struct's size. */
static size_t layout_walk(const struct syscall_table *abi, const struct gfield *f,
                          void (*fn)(void *ctx, const struct gfield *f, size_t off),
                          void *ctx)
{
    size_t off = 0, max_align = 1;
    for (; f->type != GT_END; f++) {
        size_t al = type_align(abi, f->type);
        if ((f->flags & GF_ALIGN4) && al > 4)
            al = 4;
        if (f->flags & GF_NESTED_END)
            off = round_up(off, max_align);
        off = round_up(off, al);
        if (al > max_align)
            max_align = al;
        if (fn)
            fn(ctx, f, off);
        off += type_size(abi, f->type) * field_count(f);
    }
    return round_up(off, max_align);
}

size_t gstruct_size(const struct syscall_table *abi, const struct gfield *f)
{
    return layout_walk(abi, f, NULL, NULL);
}

struct find_ctx {
    unsigned key;
    long off;
};

static void find_key(void *ctx, const struct gfield *f, size_t off)
{
    struct find_ctx *c = ctx;
    if (c->off < 0 && f->type != GT_PAD && f->key == c->key)
        c->off = (long)off;
}

long gstruct_offset(const struct syscall_table *abi, const struct gfield *f, unsigned key)
{
    struct find_ctx c = { key, -1 };
    layout_walk(abi, f, find_key, &c);
    return c.off;
}

static bool fits(const struct syscall_table *abi, unsigned t, uint64_t v)
{
    unsigned bits = (unsigned)type_size(abi, t) * 8;
    if (bits == 64)
        return true;
    if (type_signed(abi, t)) {
        int64_t s = (int64_t)v, lim = (int64_t)1 << (bits - 1);
        return s >= -lim && s < lim;
    }
    return v < ((uint64_t)1 << bits);
}

static void store_one(const struct syscall_table *abi, unsigned t, uint8_t *p, uint64_t v)
{
    switch (type_size(abi, t)) {
    case 1: *p = (uint8_t)v; break;
    case 2: abi_st16(abi, p, (uint16_t)v); break;
    case 4: abi_st32(abi, p, (uint32_t)v); break;
    default: abi_st64(abi, p, v); break;
    }
}

struct store_ctx {
    const struct syscall_table *abi;
    uint8_t *base;
    const uint64_t *vals;
    size_t end;             /* where the last member ended: padding gets zeroed */
    int err;
};

static void store_member(void *ctx, const struct gfield *f, size_t off)
{
    struct store_ctx *c = ctx;
    size_t sz = type_size(c->abi, f->type);
    for (size_t i = c->end; i < off; i++)
        c->base[i] = 0;
    for (unsigned i = 0; i < field_count(f); i++) {
        uint8_t *p = c->base + off + i * sz;
        if (f->type == GT_PAD || (f->flags & GF_ZERO)) {
            store_one(c->abi, f->type == GT_PAD ? GT_U8 : f->type, p, 0);
            continue;
        }
        uint64_t v = c->vals[f->key + i];
        if ((f->flags & GF_OVERFLOWID) && !fits(c->abi, f->type, v))
            v = 65534;
        else if (!(f->flags & GF_TRUNC) && !fits(c->abi, f->type, v))
            c->err = -EOVERFLOW;
        store_one(c->abi, f->type, p, v);
    }
    c->end = off + sz * field_count(f);
}

int gstruct_store(const struct syscall_table *abi, const struct gfield *f, void *p,
                  const uint64_t *vals)
{
    struct store_ctx c = { abi, p, vals, 0, 0 };
    size_t size = layout_walk(abi, f, store_member, &c);
    for (size_t i = c.end; i < size; i++)
        c.base[i] = 0;
    return c.err;
}

struct load_ctx {
    const struct syscall_table *abi;
    const uint8_t *base;
    uint64_t *vals;
};

static void load_member(void *ctx, const struct gfield *f, size_t off)
{
    struct load_ctx *c = ctx;
    size_t sz = type_size(c->abi, f->type);
    if (f->type == GT_PAD || (f->flags & GF_ZERO))
        return;
    for (unsigned i = 0; i < field_count(f); i++) {
        const uint8_t *p = c->base + off + i * sz;
        uint64_t v;
        switch (sz) {
        case 1: v = *p; break;
        case 2: v = abi_ld16(c->abi, p); break;
        case 4: v = abi_ld32(c->abi, p); break;
        default: v = abi_ld64(c->abi, p); break;
        }
        if (type_signed(c->abi, f->type) && sz < 8) {
            unsigned shift = 64 - (unsigned)sz * 8;
            v = (uint64_t)((int64_t)(v << shift) >> shift);
        }
        c->vals[f->key + i] = v;
    }
}

void gstruct_load(const struct syscall_table *abi, const struct gfield *f, const void *p,
                  uint64_t *vals)
{
    struct load_ctx c = { abi, p, vals };
    layout_walk(abi, f, load_member, &c);
}

/* ---- value maps ---- */

uint32_t abi_bits_to_guest(const struct abi_map *m, uint32_t generic)
{
    if (!m)
        return generic;
    uint32_t moved = 0, out = 0;
    for (const struct abi_map *e = m; e->generic | e->guest; e++) {
        moved |= e->generic;
        if ((generic & e->generic) == e->generic && e->generic)
            out |= e->guest;
    }
    return out | (generic & ~moved);
}

uint32_t abi_bits_from_guest(const struct abi_map *m, uint32_t guest)
{
    if (!m)
        return guest;
    uint32_t moved = 0, out = 0;
    for (const struct abi_map *e = m; e->generic | e->guest; e++) {
        moved |= e->guest;
        if ((guest & e->guest) == e->guest && e->guest)
            out |= e->generic;
    }
    return out | (guest & ~moved);
}

uint32_t abi_value_to_guest(const struct abi_map *m, uint32_t generic)
{
    for (const struct abi_map *e = m; e && (e->generic | e->guest); e++)
        if (e->generic == generic)
            return e->guest;
    return generic;
}

uint32_t abi_value_from_guest(const struct abi_map *m, uint32_t guest)
{
    for (const struct abi_map *e = m; e && (e->generic | e->guest); e++)
        if (e->guest == guest)
            return e->generic;
    return guest;
}

uint32_t abi_oflags_to_host(const struct syscall_table *abi, uint32_t guest)
{
    return abi_bits_from_guest(abi->open_flags, guest);
}

uint32_t abi_oflags_from_host(const struct syscall_table *abi, uint32_t host)
{
    return abi_bits_to_guest(abi->open_flags, host);
}

uint32_t abi_mmap_flags_to_host(const struct syscall_table *abi, uint32_t guest)
{
    return abi_bits_from_guest(abi->mmap_flags, guest);
}

int abi_sig_to_host(const struct syscall_table *abi, int guest_sig)
{
    if (guest_sig < 0 || guest_sig >= (int)abi->nsig + 1)
        return 0;
    int s = (int)abi_value_from_guest(abi->signals, (uint32_t)guest_sig);
    return s <= 64 ? s : 0;
}

int abi_sig_from_host(const struct syscall_table *abi, int host_sig)
{
    if (host_sig < 0 || host_sig > 64)
        return 0;
    int s = (int)abi_value_to_guest(abi->signals, (uint32_t)host_sig);
    return s <= (int)abi->nsig ? s : 0;
}

int abi_errno_from_host(const struct syscall_table *abi, int host_errno)
{
    return (int)abi_value_to_guest(abi->errnos, (uint32_t)host_errno);
}

int abi_fcntl_cmd_to_host(const struct syscall_table *abi, int guest_cmd)
{
    return (int)abi_value_from_guest(abi->fcntl_cmds, (uint32_t)guest_cmd);
}

uint32_t abi_ioctl_to_host(const struct syscall_table *abi, uint32_t guest_cmd)
{
    return abi_value_from_guest(abi->ioctls, guest_cmd);
}

uint32_t abi_sa_flags_to_host(const struct syscall_table *abi, uint32_t guest)
{
    return abi_bits_from_guest(abi->sa_flags, guest);
}

uint32_t abi_sa_flags_from_host(const struct syscall_table *abi, uint32_t host)
{
    return abi_bits_to_guest(abi->sa_flags, host);
}

int abi_rlimit_to_host(const struct syscall_table *abi, int guest_resource)
{
    return (int)abi_value_from_guest(abi->rlimits, (uint32_t)guest_resource);
}

int abi_sig_how_to_host(const struct syscall_table *abi, int guest_how)
{
    return (int)abi_value_from_guest(abi->sig_hows, (uint32_t)guest_how);
}

/* ---- generic layouts (asm-generic/stat.h, signal.h, fcntl.h, termbits.h) ---- */

static const struct gfield generic_stat[] = {
    { GT_ULONG, 0, SK_DEV, 0 },      { GT_ULONG, 0, SK_INO, 0 },
    { GT_U32, 0, SK_MODE, 0 },       { GT_U32, 0, SK_NLINK, 0 },
    { GT_U32, 0, SK_UID, 0 },        { GT_U32, 0, SK_GID, 0 },
    { GT_ULONG, 0, SK_RDEV, 0 },     { GT_ULONG, 0, 0, GF_ZERO },          /* __pad1 */
    { GT_LONG, 0, SK_SIZE, 0 },      { GT_S32, 0, SK_BLKSIZE, 0 },
    { GT_S32, 0, 0, GF_ZERO },                                            /* __pad2 */
    { GT_LONG, 0, SK_BLOCKS, 0 },
    { GT_LONG, 0, SK_ATIME, 0 },     { GT_ULONG, 0, SK_ATIME_NSEC, 0 },
    { GT_LONG, 0, SK_MTIME, 0 },     { GT_ULONG, 0, SK_MTIME_NSEC, 0 },
    { GT_LONG, 0, SK_CTIME, 0 },     { GT_ULONG, 0, SK_CTIME_NSEC, 0 },
    { GT_PAD, 8, 0, 0 },                                                  /* __unused4/5 */
    { GT_END, 0, 0, 0 },
};

static const struct gfield generic_stat64[] = {
    { GT_U64, 0, SK_DEV, 0 },        { GT_U64, 0, SK_INO, 0 },
    { GT_U32, 0, SK_MODE, 0 },       { GT_U32, 0, SK_NLINK, 0 },
    { GT_U32, 0, SK_UID, 0 },        { GT_U32, 0, SK_GID, 0 },
    { GT_U64, 0, SK_RDEV, 0 },       { GT_PAD, 8, 0, 0 },
    { GT_S64, 0, SK_SIZE, 0 },       { GT_S32, 0, SK_BLKSIZE, 0 },
    { GT_PAD, 4, 0, 0 },             { GT_S64, 0, SK_BLOCKS, 0 },
    { GT_S32, 0, SK_ATIME, 0 },      { GT_U32, 0, SK_ATIME_NSEC, 0 },
    { GT_S32, 0, SK_MTIME, 0 },      { GT_U32, 0, SK_MTIME_NSEC, 0 },
    { GT_S32, 0, SK_CTIME, 0 },      { GT_U32, 0, SK_CTIME_NSEC, 0 },
    { GT_PAD, 8, 0, 0 },
    { GT_END, 0, 0, 0 },
};

/* With sa_restorer (every ABI that defines SA_RESTORER); the mask is 64 signals. */
static const struct gfield generic_sigaction32[] = {
    { GT_PTR, 0, SA_K_HANDLER, 0 }, { GT_ULONG, 0, SA_K_FLAGS, 0 },
    { GT_PTR, 0, SA_K_RESTORER, 0 }, { GT_ULONG, 2, SA_K_MASK, 0 },
    { GT_END, 0, 0, 0 },
};
static const struct gfield generic_sigaction64[] = {
    { GT_PTR, 0, SA_K_HANDLER, 0 }, { GT_ULONG, 0, SA_K_FLAGS, 0 },
    { GT_PTR, 0, SA_K_RESTORER, 0 }, { GT_ULONG, 1, SA_K_MASK, 0 },
    { GT_END, 0, 0, 0 },
};

static const struct gfield generic_stack[] = {
    { GT_PTR, 0, SS_K_SP, 0 }, { GT_S32, 0, SS_K_FLAGS, 0 }, { GT_ULONG, 0, SS_K_SIZE, 0 },
    { GT_END, 0, 0, 0 },
};

static const struct gfield generic_flock[] = {
    { GT_S16, 0, FL_K_TYPE, 0 }, { GT_S16, 0, FL_K_WHENCE, 0 },
    { GT_LONG, 0, FL_K_START, 0 }, { GT_LONG, 0, FL_K_LEN, 0 }, { GT_S32, 0, FL_K_PID, 0 },
    { GT_END, 0, 0, 0 },
};

static const struct gfield generic_flock64[] = {
    { GT_S16, 0, FL_K_TYPE, 0 }, { GT_S16, 0, FL_K_WHENCE, 0 },
    { GT_S64, 0, FL_K_START, 0 }, { GT_S64, 0, FL_K_LEN, 0 }, { GT_S32, 0, FL_K_PID, 0 },
    { GT_END, 0, 0, 0 },
};

/* asm-generic/statfs.h: words, with 64-bit counts in statfs64 */
static const struct gfield generic_statfs[] = {
    { GT_ULONG, 0, SF_K_TYPE, 0 }, { GT_ULONG, 0, SF_K_BSIZE, 0 },
    { GT_ULONG, 5, SF_K_BLOCKS, 0 }, { GT_S32, 2, SF_K_FSID, 0 },
    { GT_ULONG, 0, SF_K_NAMELEN, 0 }, { GT_ULONG, 0, SF_K_FRSIZE, 0 },
    { GT_ULONG, 0, SF_K_FLAGS, 0 }, { GT_ULONG, 4, SF_K_SPARE, 0 },
    { GT_END, 0, 0, 0 },
};

static const struct gfield generic_statfs64[] = {
    { GT_ULONG, 0, SF_K_TYPE, 0 }, { GT_ULONG, 0, SF_K_BSIZE, 0 },
    { GT_U64, 5, SF_K_BLOCKS, 0 }, { GT_S32, 2, SF_K_FSID, 0 },
    { GT_ULONG, 0, SF_K_NAMELEN, 0 }, { GT_ULONG, 0, SF_K_FRSIZE, 0 },
    { GT_ULONG, 0, SF_K_FLAGS, 0 }, { GT_ULONG, 4, SF_K_SPARE, 0 },
    { GT_END, 0, 0, 0 },
};

static const struct gfield generic_termios_layout[] = {
    { GT_U32, 0, TIO_K_IFLAG, 0 }, { GT_U32, 0, TIO_K_OFLAG, 0 },
    { GT_U32, 0, TIO_K_CFLAG, 0 }, { GT_U32, 0, TIO_K_LFLAG, 0 },
    { GT_U8, 0, TIO_K_LINE, 0 }, { GT_U8, TIO_GENERIC_NCCS, TIO_K_CC, 0 },
    { GT_END, 0, 0, 0 },
};

static const struct abi_termios generic_termios = {
    .layout = generic_termios_layout,
    .ncc = TIO_GENERIC_NCCS,
};

const struct gfield *abi_stat_layout(const struct syscall_table *abi)
{
    return abi->stat ? abi->stat : generic_stat;
}

const struct gfield *abi_stat64_layout(const struct syscall_table *abi)
{
    if (abi->stat64)
        return abi->stat64;
    return abi->word_size == 4 ? generic_stat64 : NULL;
}

const struct gfield *abi_sigaction_layout(const struct syscall_table *abi)
{
    if (abi->sigaction)
        return abi->sigaction;
    return abi->word_size == 4 ? generic_sigaction32 : generic_sigaction64;
}

const struct gfield *abi_stack_layout(const struct syscall_table *abi)
{
    return abi->stack ? abi->stack : generic_stack;
}

const struct gfield *abi_flock_layout(const struct syscall_table *abi)
{
    return abi->flock ? abi->flock : generic_flock;
}

const struct gfield *abi_flock64_layout(const struct syscall_table *abi)
{
    return abi->flock64 ? abi->flock64 : generic_flock64;
}

const struct gfield *abi_statfs_layout(const struct syscall_table *abi)
{
    return abi->statfs ? abi->statfs : generic_statfs;
}

const struct gfield *abi_statfs64_layout(const struct syscall_table *abi)
{
    return abi->statfs64 ? abi->statfs64 : generic_statfs64;
}

const struct abi_termios *abi_termios_facts(const struct syscall_table *abi)
{
    return abi->termios ? abi->termios : &generic_termios;
}

/* x86-64's struct stat is its own (arch/x86/include/uapi/asm/stat.h order). */
static const struct gfield x86_64_stat[] = {
    { GT_ULONG, 0, SK_DEV, 0 },      { GT_ULONG, 0, SK_INO, 0 },
    { GT_ULONG, 0, SK_NLINK, 0 },    { GT_U32, 0, SK_MODE, 0 },
    { GT_U32, 0, SK_UID, 0 },        { GT_U32, 0, SK_GID, 0 },
    { GT_PAD, 4, 0, 0 },             { GT_ULONG, 0, SK_RDEV, 0 },
    { GT_LONG, 0, SK_SIZE, 0 },      { GT_LONG, 0, SK_BLKSIZE, 0 },
    { GT_LONG, 0, SK_BLOCKS, 0 },
    { GT_ULONG, 0, SK_ATIME, 0 },    { GT_ULONG, 0, SK_ATIME_NSEC, 0 },
    { GT_ULONG, 0, SK_MTIME, 0 },    { GT_ULONG, 0, SK_MTIME_NSEC, 0 },
    { GT_ULONG, 0, SK_CTIME, 0 },    { GT_ULONG, 0, SK_CTIME_NSEC, 0 },
    { GT_PAD, 24, 0, 0 },
    { GT_END, 0, 0, 0 },
};

const struct syscall_table abi_host = {
    .name = "host",
    .word_size = 8,
    .align64 = 8,
    .big_endian = false,
    .pair64 = PAIR64_NONE,
    .mmap2_shift = 12,
    .nsig = 64,
    .minsigstksz = 2048,
    .stat = x86_64_stat,
};
