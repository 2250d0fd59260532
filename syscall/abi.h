/* The facts of one guest Linux ABI that system call emulation needs, as data.
 * Contract: a target's ops->syscalls points at one struct syscall_table (declared in
 * syscall/abi-tables.h). Everything the generic layer converts between the host and the
 * guest — numbers, flag bits, signal and errno values, struct layouts, byte order, how
 * 64-bit arguments travel in 32-bit registers — is read from it; no generic file tests
 * which guest it is running.
 *
 * Value tables (struct abi_map lists) give only what differs from the generic Linux
 * values of asm-generic/ (which are the x86-64 host's values too); NULL means "all
 * generic". Struct layouts are lists of struct gfield, laid out by C rules for the ABI's
 * word size and alignment of 64-bit types, so one description serves every ABI that
 * uses the ordinary C layout; layouts that differ are given per ABI. */
#ifndef SYSCALL_ABI_H
#define SYSCALL_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "syscall/sysnum.h"

/* ---- struct layouts ---- */

enum gtype {
    GT_END = 0,                 /* terminates a field list */
    GT_PAD,                     /* count bytes of padding, no value */
    GT_U8, GT_S8, GT_U16, GT_S16, GT_U32, GT_S32, GT_U64, GT_S64,
    GT_ULONG, GT_LONG,          /* the ABI's word: 4 or 8 bytes */
    GT_PTR,                     /* a guest pointer (word sized, unsigned) */
};

enum {
    GF_TRUNC = 1,               /* a deliberately short copy: never an overflow */
    GF_ZERO = 2,                /* reserved member: stored as zero, key unused */
    GF_OVERFLOWID = 4,          /* a uid/gid: values that do not fit become 65534 */
    GF_ALIGN4 = 8,              /* a 64-bit member only 4-aligned (a packed struct) */
    GF_NESTED_END = 16,         /* first member after a nested struct: starts past that
                                   struct's tail padding (its alignment so far) */
};

/* One member: 'count' elements (0 means 1) taking values vals[key .. key+count-1]. */
struct gfield {
    uint8_t type;               /* enum gtype */
    uint8_t count;
    uint8_t key;
    uint8_t flags;
};

struct syscall_table;

/* Size of the struct, including trailing padding to its alignment. */
size_t gstruct_size(const struct syscall_table *abi, const struct gfield *f);
/* Byte offset of the first member with this key, or -1. */
long gstruct_offset(const struct syscall_table *abi, const struct gfield *f, unsigned key);
/* Writes the struct at p (host memory, guest layout and byte order); padding is zeroed.
 * Returns 0, or -EOVERFLOW if a value did not fit its member (it is still written,
 * truncated): callers decide whether the ABI reports that. */
int gstruct_store(const struct syscall_table *abi, const struct gfield *f, void *p,
                  const uint64_t *vals);
/* Reads the struct at p; signed members are sign-extended into vals. */
void gstruct_load(const struct syscall_table *abi, const struct gfield *f, const void *p,
                  uint64_t *vals);

/* ---- value translation ---- */

/* One value (or flag bit set) in its generic and its guest form. Lists end with {0, 0}. */
struct abi_map {
    uint32_t generic, guest;
};

/* Bit sets: listed flags are moved, unlisted bits keep their position. */
uint32_t abi_bits_to_guest(const struct abi_map *m, uint32_t generic);
uint32_t abi_bits_from_guest(const struct abi_map *m, uint32_t guest);
/* Single values: listed ones are replaced, unlisted ones are equal in both. */
uint32_t abi_value_to_guest(const struct abi_map *m, uint32_t generic);
uint32_t abi_value_from_guest(const struct abi_map *m, uint32_t guest);

/* How a 64-bit argument travels in the registers of a 32-bit ABI. */
enum abi_pair64 {
    PAIR64_NONE,                /* 64-bit ABI: one register */
    PAIR64_ANY,                 /* next two registers (i386) */
    PAIR64_ALIGNED,             /* next even/odd pair, skipping one (ARM EABI, MIPS o32) */
};

/* clone(2)'s argument order after (flags, stack, parent_tid): the kernel's
 * CONFIG_CLONE_BACKWARDS puts tls before child_tid (arm, i386, mips, powerpc ...). */
enum abi_clone_args {
    CLONE_ARGS_GENERIC,         /* ..., child_tid, tls (x86-64, asm-generic) */
    CLONE_ARGS_TLS_4TH,         /* ..., tls, child_tid (CLONE_BACKWARDS) */
};

/* How the ABI encodes _IOC ioctl numbers: nr in bits 0-7, type in 8-15, the argument's
 * size in the next size_bits bits, the direction in the bits above (asm/ioctl.h). */
struct abi_ioc {
    unsigned size_bits;                 /* 14 generic; 13 on MIPS, PowerPC, SPARC */
    unsigned dir_none, dir_read, dir_write;
};

/* The kernel's struct termios as the guest sees it (what TCGETS copies). */
struct abi_termios {
    const struct gfield *layout;    /* keys TIO_K_*; NULL: generic */
    unsigned ncc;                   /* guest NCCS */
    const uint8_t *cc_index;        /* guest c_cc index of generic index i; NULL: same */
    const struct abi_map *iflag, *oflag, *cflag, *lflag;   /* NULL: generic bits */
};
/* Keys of struct termios: the four flag words, c_line, then c_cc[]. */
enum { TIO_K_IFLAG, TIO_K_OFLAG, TIO_K_CFLAG, TIO_K_LFLAG, TIO_K_LINE, TIO_K_CC,
       TIO_GENERIC_NCCS = 19 };

struct syscall_table {
    const char *name;
    const struct sysnum_map *numbers;

    unsigned word_size;         /* 4 or 8: long, pointers, size_t */
    unsigned align64;           /* alignment of 64-bit integers inside structs */
    bool big_endian;
    enum abi_pair64 pair64;     /* 64-bit arguments in register pairs */
    unsigned mmap2_shift;       /* mmap2's offset unit, log2 (12 on every ABI so far) */
    unsigned nsig;              /* highest signal number + 1 rounded: 64 or 128 */
    unsigned minsigstksz;       /* MINSIGSTKSZ (sigaltstack's lower limit) */
    bool old_mmap;              /* mmap takes a pointer to its six arguments (i386) */
    bool old_select;            /* select takes a pointer to its five arguments (i386) */
    bool uid16;                 /* chown, getuid ... without "32" use 16-bit ids */
    enum abi_clone_args clone_args;
    bool siginfo_code_first;    /* siginfo starts signo, code, errno (MIPS) */

    /* differences from generic values; NULL = all generic */
    const struct abi_map *open_flags;
    const struct abi_map *mmap_flags;
    const struct abi_map *signals;
    const struct abi_map *errnos;
    const struct abi_map *fcntl_cmds;
    const struct abi_map *ioctls;       /* termios, winsize, FIO* numbers */
    const struct abi_map *sa_flags;
    const struct abi_map *rlimits;      /* RLIMIT_ resource numbers */
    const struct abi_map *sig_hows;     /* SIG_BLOCK/SIG_UNBLOCK/SIG_SETMASK */
    const struct abi_map *sock_types;   /* SOCK_STREAM ... (the type, not its flags) */
    const struct abi_map *sock_levels;  /* SOL_SOCKET */
    const struct abi_map *so_options;   /* SO_ options at SOL_SOCKET */
    const struct abi_map *si_codes;     /* negative si_code values (SI_TIMER ...) */
    const struct abi_termios *termios;  /* NULL: generic */

    /* layouts that differ from the C layout of the generic definitions; NULL = generic */
    const struct gfield *stat;          /* struct stat of stat/fstat/lstat/newfstatat */
    const struct gfield *stat64;        /* struct stat64, NULL if the ABI has none */
    const struct gfield *sigaction;     /* the kernel's struct sigaction (keys SA_K_*) */
    const struct gfield *stack;         /* stack_t (keys SS_K_*) */
    const struct gfield *flock;         /* struct flock (keys FL_K_*) */
    const struct gfield *flock64;       /* struct flock64 (keys FL_K_*) */
    const struct gfield *statfs;        /* struct statfs (keys SF_K_*) */
    const struct gfield *statfs64;      /* struct statfs64 (keys SF_K_*) */
    unsigned statfs64_alt_size;         /* another size statfs64 accepts (0: none) */
    const struct gfield *epoll_event;   /* struct epoll_event (syscall/layouts.h keys) */
    const struct gfield *msqid64_ds;    /* SysV IPC structs (syscall/layouts.h keys) */
    const struct gfield *semid64_ds;
    const struct gfield *shmid64_ds;
    unsigned shmlba;                    /* shmat's address alignment; 0: the page size */
    bool shmlba_forced;                 /* shmat refuses addresses not SHMLBA-aligned
                                           (__ARCH_FORCE_SHMLBA); else page-aligned do */
    bool ipc_old_layouts;               /* ctl calls without IPC_64 use the old structs */
    const struct gfield *old_sigaction; /* sigaction(2)'s struct, keys SA_K_* (only the
                                           first mask word is used); NULL: the rt one */
    bool sigsuspend_set_ptr;            /* sigsuspend(2) takes a sigset_t pointer (MIPS),
                                           not (restart, oldmask, mask) as ARM */

    const struct abi_ioc *ioc;          /* _IOC ioctl numbers; NULL: generic */
};

/* The host (x86-64) described in the same terms, for tests and same-layout copies. */
extern const struct syscall_table abi_host;

/* Keys of struct stat and stat64 members (the values the conversion fills). */
enum stat_key {
    SK_DEV, SK_INO, SK_MODE, SK_NLINK, SK_UID, SK_GID, SK_RDEV, SK_SIZE, SK_BLKSIZE,
    SK_BLOCKS, SK_ATIME, SK_ATIME_NSEC, SK_MTIME, SK_MTIME_NSEC, SK_CTIME, SK_CTIME_NSEC,
    SK_COUNT
};
/* Keys of struct sigaction: handler, flags, restorer, then the mask words. */
enum { SA_K_HANDLER, SA_K_FLAGS, SA_K_RESTORER, SA_K_MASK, SA_K_COUNT = SA_K_MASK + 4 };
/* Keys of stack_t. */
enum { SS_K_SP, SS_K_FLAGS, SS_K_SIZE, SS_K_COUNT };
/* Keys of struct statfs / statfs64. */
enum { SF_K_TYPE, SF_K_BSIZE, SF_K_BLOCKS, SF_K_BFREE, SF_K_BAVAIL, SF_K_FILES, SF_K_FFREE,
       SF_K_FSID, SF_K_NAMELEN = SF_K_FSID + 2, SF_K_FRSIZE, SF_K_FLAGS, SF_K_SPARE,
       SF_K_COUNT = SF_K_SPARE + 4 };
/* Keys of struct flock / flock64. */
enum { FL_K_TYPE, FL_K_WHENCE, FL_K_START, FL_K_LEN, FL_K_PID, FL_K_COUNT };

/* The layouts in effect (the ABI's own or the generic one). */
const struct gfield *abi_stat_layout(const struct syscall_table *abi);
const struct gfield *abi_stat64_layout(const struct syscall_table *abi);   /* may be NULL */
const struct gfield *abi_sigaction_layout(const struct syscall_table *abi);
const struct gfield *abi_stack_layout(const struct syscall_table *abi);
const struct gfield *abi_flock_layout(const struct syscall_table *abi);
const struct gfield *abi_flock64_layout(const struct syscall_table *abi);
const struct gfield *abi_statfs_layout(const struct syscall_table *abi);
const struct gfield *abi_statfs64_layout(const struct syscall_table *abi);
const struct abi_termios *abi_termios_facts(const struct syscall_table *abi);

/* Translations the syscalls use; host values are the generic ones. */
uint32_t abi_oflags_to_host(const struct syscall_table *abi, uint32_t guest);
uint32_t abi_oflags_from_host(const struct syscall_table *abi, uint32_t host);
uint32_t abi_mmap_flags_to_host(const struct syscall_table *abi, uint32_t guest);
/* Signal numbers; 0 when the other side has no such signal. */
int abi_sig_to_host(const struct syscall_table *abi, int guest_sig);
int abi_sig_from_host(const struct syscall_table *abi, int host_sig);
/* Host errno (positive) to the guest's value. */
int abi_errno_from_host(const struct syscall_table *abi, int host_errno);
int abi_fcntl_cmd_to_host(const struct syscall_table *abi, int guest_cmd);
uint32_t abi_ioctl_to_host(const struct syscall_table *abi, uint32_t guest_cmd);
uint32_t abi_sa_flags_to_host(const struct syscall_table *abi, uint32_t guest);
uint32_t abi_sa_flags_from_host(const struct syscall_table *abi, uint32_t host);
int abi_rlimit_to_host(const struct syscall_table *abi, int guest_resource);
int abi_sig_how_to_host(const struct syscall_table *abi, int guest_how);

/* ---- guest byte order ---- */

static inline uint16_t abi_bswap16(uint16_t v) { return __builtin_bswap16(v); }
static inline uint32_t abi_bswap32(uint32_t v) { return __builtin_bswap32(v); }
static inline uint64_t abi_bswap64(uint64_t v) { return __builtin_bswap64(v); }

/* A 32-bit value as it reads in guest memory (for atomics on aligned guest words);
 * its own inverse. */
static inline uint32_t abi_order32(const struct syscall_table *abi, uint32_t v)
{
    return abi->big_endian ? abi_bswap32(v) : v;
}

/* Loads and stores of guest-order integers at any alignment (guest structs are only as
 * aligned as the guest made them). */
static inline uint16_t abi_ld16(const struct syscall_table *abi, const void *p)
{
    uint16_t v;
    __builtin_memcpy(&v, p, 2);
    return abi->big_endian ? abi_bswap16(v) : v;
}
static inline uint32_t abi_ld32(const struct syscall_table *abi, const void *p)
{
    uint32_t v;
    __builtin_memcpy(&v, p, 4);
    return abi->big_endian ? abi_bswap32(v) : v;
}
static inline uint64_t abi_ld64(const struct syscall_table *abi, const void *p)
{
    uint64_t v;
    __builtin_memcpy(&v, p, 8);
    return abi->big_endian ? abi_bswap64(v) : v;
}
static inline void abi_st16(const struct syscall_table *abi, void *p, uint16_t v)
{
    if (abi->big_endian)
        v = abi_bswap16(v);
    __builtin_memcpy(p, &v, 2);
}
static inline void abi_st32(const struct syscall_table *abi, void *p, uint32_t v)
{
    if (abi->big_endian)
        v = abi_bswap32(v);
    __builtin_memcpy(p, &v, 4);
}
static inline void abi_st64(const struct syscall_table *abi, void *p, uint64_t v)
{
    if (abi->big_endian)
        v = abi_bswap64(v);
    __builtin_memcpy(p, &v, 8);
}
/* A guest word (long, pointer, size_t): zero-extended. */
static inline uint64_t abi_ldword(const struct syscall_table *abi, const void *p)
{
    return abi->word_size == 8 ? abi_ld64(abi, p) : abi_ld32(abi, p);
}
static inline void abi_stword(const struct syscall_table *abi, void *p, uint64_t v)
{
    if (abi->word_size == 8)
        abi_st64(abi, p, v);
    else
        abi_st32(abi, p, (uint32_t)v);
}
/* A guest 'long' value as a host signed 64-bit value. */
static inline int64_t abi_sext_word(const struct syscall_table *abi, uint64_t v)
{
    return abi->word_size == 8 ? (int64_t)v : (int64_t)(int32_t)(uint32_t)v;
}

#endif
