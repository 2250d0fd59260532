/* MIPS Linux ABIs: o32 (big- and little-endian, one table each because the byte order
 * is a table fact) and n64, where they differ from generic Linux.
 * Sources: /usr/mips-linux-gnu/include/asm/{errno,fcntl,ioctls,mman,resource,signal,
 * siginfo,socket,stat,statfs,termbits}.h and the n64 ones of mips64el-linux-gnuabi64
 * (identical values; the layouts differ by word size). The errno and ioctl lists were
 * produced by compiling every generic name with the host and the MIPS compiler and
 * keeping those whose values differ; tests/unit/test_syscall_abi.c checks all of these
 * tables against the cross compilers' headers. */
#include "syscall/abi-tables.h"
#include "syscall/layouts.h"

/* generic value, MIPS value */
static const struct abi_map mips_errnos[] = {
    { 35, 45 },      /* EDEADLK */
    { 36, 78 },      /* ENAMETOOLONG */
    { 37, 46 },      /* ENOLCK */
    { 38, 89 },      /* ENOSYS */
    { 39, 93 },      /* ENOTEMPTY */
    { 40, 90 },      /* ELOOP */
    { 42, 35 },      /* ENOMSG */
    { 43, 36 },      /* EIDRM */
    { 44, 37 },      /* ECHRNG */
    { 45, 38 },      /* EL2NSYNC */
    { 46, 39 },      /* EL3HLT */
    { 47, 40 },      /* EL3RST */
    { 48, 41 },      /* ELNRNG */
    { 49, 42 },      /* EUNATCH */
    { 50, 43 },      /* ENOCSI */
    { 51, 44 },      /* EL2HLT */
    { 52, 50 },      /* EBADE */
    { 53, 51 },      /* EBADR */
    { 54, 52 },      /* EXFULL */
    { 55, 53 },      /* ENOANO */
    { 56, 54 },      /* EBADRQC */
    { 57, 55 },      /* EBADSLT */
    { 72, 74 },      /* EMULTIHOP */
    { 74, 77 },      /* EBADMSG */
    { 75, 79 },      /* EOVERFLOW */
    { 76, 80 },      /* ENOTUNIQ */
    { 77, 81 },      /* EBADFD */
    { 78, 82 },      /* EREMCHG */
    { 79, 83 },      /* ELIBACC */
    { 80, 84 },      /* ELIBBAD */
    { 81, 85 },      /* ELIBSCN */
    { 82, 86 },      /* ELIBMAX */
    { 83, 87 },      /* ELIBEXEC */
    { 84, 88 },      /* EILSEQ */
    { 85, 91 },      /* ERESTART */
    { 86, 92 },      /* ESTRPIPE */
    { 87, 94 },      /* EUSERS */
    { 88, 95 },      /* ENOTSOCK */
    { 89, 96 },      /* EDESTADDRREQ */
    { 90, 97 },      /* EMSGSIZE */
    { 91, 98 },      /* EPROTOTYPE */
    { 92, 99 },      /* ENOPROTOOPT */
    { 93, 120 },     /* EPROTONOSUPPORT */
    { 94, 121 },     /* ESOCKTNOSUPPORT */
    { 95, 122 },     /* EOPNOTSUPP */
    { 96, 123 },     /* EPFNOSUPPORT */
    { 97, 124 },     /* EAFNOSUPPORT */
    { 98, 125 },     /* EADDRINUSE */
    { 99, 126 },     /* EADDRNOTAVAIL */
    { 100, 127 },    /* ENETDOWN */
    { 101, 128 },    /* ENETUNREACH */
    { 102, 129 },    /* ENETRESET */
    { 103, 130 },    /* ECONNABORTED */
    { 104, 131 },    /* ECONNRESET */
    { 105, 132 },    /* ENOBUFS */
    { 106, 133 },    /* EISCONN */
    { 107, 134 },    /* ENOTCONN */
    { 108, 143 },    /* ESHUTDOWN */
    { 109, 144 },    /* ETOOMANYREFS */
    { 110, 145 },    /* ETIMEDOUT */
    { 111, 146 },    /* ECONNREFUSED */
    { 112, 147 },    /* EHOSTDOWN */
    { 113, 148 },    /* EHOSTUNREACH */
    { 114, 149 },    /* EALREADY */
    { 115, 150 },    /* EINPROGRESS */
    { 116, 151 },    /* ESTALE */
    { 117, 135 },    /* EUCLEAN */
    { 118, 137 },    /* ENOTNAM */
    { 119, 138 },    /* ENAVAIL */
    { 120, 139 },    /* EISNAM */
    { 121, 140 },    /* EREMOTEIO */
    { 122, 1133 },   /* EDQUOT */
    { 123, 159 },    /* ENOMEDIUM */
    { 124, 160 },    /* EMEDIUMTYPE */
    { 125, 158 },    /* ECANCELED */
    { 126, 161 },    /* ENOKEY */
    { 127, 162 },    /* EKEYEXPIRED */
    { 128, 163 },    /* EKEYREVOKED */
    { 129, 164 },    /* EKEYREJECTED */
    { 130, 165 },    /* EOWNERDEAD */
    { 131, 166 },    /* ENOTRECOVERABLE */
    { 132, 167 },    /* ERFKILL */
    { 133, 168 },    /* EHWPOISON */
    { 0, 0 },
};

/* A signal with no counterpart on the other side maps beyond every signal number (the
 * translation then answers 0): the host's SIGSTKFLT, MIPS's SIGEMT. */
enum { NO_SIGNAL = 200 };
static const struct abi_map mips_signals[] = {
    { 7, 10 },    /* SIGBUS */       { 10, 16 },   /* SIGUSR1 */
    { 12, 17 },   /* SIGUSR2 */      { 16, NO_SIGNAL }, /* SIGSTKFLT */
    { 17, 18 },   /* SIGCHLD */      { 18, 25 },   /* SIGCONT */
    { 19, 23 },   /* SIGSTOP */      { 20, 24 },   /* SIGTSTP */
    { 21, 26 },   /* SIGTTIN */      { 22, 27 },   /* SIGTTOU */
    { 23, 21 },   /* SIGURG */       { 24, 30 },   /* SIGXCPU */
    { 25, 31 },   /* SIGXFSZ */      { 26, 28 },   /* SIGVTALRM */
    { 27, 29 },   /* SIGPROF */      { 28, 20 },   /* SIGWINCH */
    { 29, 22 },   /* SIGIO */        { 30, 19 },   /* SIGPWR */
    { 31, 12 },   /* SIGSYS */       { NO_SIGNAL + 1, 7 }, /* SIGEMT */
    { 0, 0 },
};

static const struct abi_map mips_open_flags[] = {
    { 02000, 0x0008 },       /* O_APPEND */
    { 010000, 0x0010 },      /* O_DSYNC */
    { 04000, 0x0080 },       /* O_NONBLOCK */
    { 0100, 0x0100 },        /* O_CREAT */
    { 01000, 0x0200 },       /* O_TRUNC */
    { 0200, 0x0400 },        /* O_EXCL */
    { 0400, 0x0800 },        /* O_NOCTTY */
    { 020000, 0x1000 },      /* FASYNC */
    { 0100000, 0x2000 },     /* O_LARGEFILE */
    { 04000000, 0x4000 },    /* __O_SYNC */
    { 040000, 0x8000 },      /* O_DIRECT */
    { 0, 0 },
};

static const struct abi_map mips_mmap_flags[] = {
    { 0x20, 0x800 },         /* MAP_ANONYMOUS */
    { 0x4000, 0x400 },       /* MAP_NORESERVE */
    { 0x100, 0x1000 },       /* MAP_GROWSDOWN */
    { 0x800, 0x2000 },       /* MAP_DENYWRITE */
    { 0x1000, 0x4000 },      /* MAP_EXECUTABLE */
    { 0x2000, 0x8000 },      /* MAP_LOCKED */
    { 0x8000, 0x10000 },     /* MAP_POPULATE */
    { 0x10000, 0x20000 },    /* MAP_NONBLOCK */
    { 0x20000, 0x40000 },    /* MAP_STACK */
    { 0x40000, 0x80000 },    /* MAP_HUGETLB */
    { 0, 0 },
};

static const struct abi_map mips_fcntl_cmds[] = {
    { 5, 14 },               /* F_GETLK */
    { 8, 24 },               /* F_SETOWN */
    { 9, 23 },               /* F_GETOWN */
    { 12, 33 },              /* F_GETLK64 */
    { 13, 34 },              /* F_SETLK64 */
    { 14, 35 },              /* F_SETLKW64 */
    { 0, 0 },
};

static const struct abi_map mips_ioctls[] = {
    { 0x5401, 0x540d },          /* TCGETS */
    { 0x5402, 0x540e },          /* TCSETS */
    { 0x5403, 0x540f },          /* TCSETSW */
    { 0x5404, 0x5410 },          /* TCSETSF */
    { 0x5405, 0x5401 },          /* TCGETA */
    { 0x5406, 0x5402 },          /* TCSETA */
    { 0x5407, 0x5403 },          /* TCSETAW */
    { 0x5408, 0x5404 },          /* TCSETAF */
    { 0x5409, 0x5405 },          /* TCSBRK */
    { 0x540a, 0x5406 },          /* TCXONC */
    { 0x540b, 0x5407 },          /* TCFLSH */
    { 0x540c, 0x740d },          /* TIOCEXCL */
    { 0x540d, 0x740e },          /* TIOCNXCL */
    { 0x540e, 0x5480 },          /* TIOCSCTTY */
    { 0x540f, 0x40047477 },      /* TIOCGPGRP */
    { 0x5410, 0x80047476 },      /* TIOCSPGRP */
    { 0x5411, 0x7472 },          /* TIOCOUTQ */
    { 0x5412, 0x5472 },          /* TIOCSTI */
    { 0x5413, 0x40087468 },      /* TIOCGWINSZ */
    { 0x5414, 0x80087467 },      /* TIOCSWINSZ */
    { 0x5415, 0x741d },          /* TIOCMGET */
    { 0x5416, 0x741b },          /* TIOCMBIS */
    { 0x5417, 0x741c },          /* TIOCMBIC */
    { 0x5418, 0x741a },          /* TIOCMSET */
    { 0x5419, 0x5481 },          /* TIOCGSOFTCAR */
    { 0x541a, 0x5482 },          /* TIOCSSOFTCAR */
    { 0x541b, 0x467f },          /* FIONREAD */
    { 0x541c, 0x5483 },          /* TIOCLINUX */
    { 0x541d, 0x80047478 },      /* TIOCCONS */
    { 0x5420, 0x5470 },          /* TIOCPKT */
    { 0x5421, 0x667e },          /* FIONBIO */
    { 0x5422, 0x5471 },          /* TIOCNOTTY */
    { 0x5423, 0x7401 },          /* TIOCSETD */
    { 0x5424, 0x7400 },          /* TIOCGETD */
    { 0x5425, 0x5486 },          /* TCSBRKP */
    { 0x5429, 0x7416 },          /* TIOCGSID */
    { 0x80045430, 0x40045430 },  /* TIOCGPTN */
    { 0x40045431, 0x80045431 },  /* TIOCSPTLCK */
    { 0x40045436, 0x80045436 },  /* TIOCSIG */
    { 0x80045438, 0x40045438 },  /* TIOCGPKT */
    { 0x80045439, 0x40045439 },  /* TIOCGPTLCK */
    { 0x80045440, 0x40045440 },  /* TIOCGEXCL */
    { 0x5441, 0x20005441 },      /* TIOCGPTPEER */
    { 0x5450, 0x6602 },          /* FIONCLEX */
    { 0x5451, 0x6601 },          /* FIOCLEX */
    { 0x5452, 0x667d },          /* FIOASYNC */
    { 0x5460, 0x667f },          /* FIOQSIZE */
    { 0, 0 },
};

static const struct abi_map mips_sa_flags[] = {
    { 2, 0x10000 },          /* SA_NOCLDWAIT */
    { 4, 0x8 },              /* SA_SIGINFO */
    { 0, 0 },
};

static const struct abi_map mips_rlimits[] = {
    { 5, 7 },                /* RLIMIT_RSS */
    { 6, 8 },                /* RLIMIT_NPROC */
    { 7, 5 },                /* RLIMIT_NOFILE */
    { 8, 9 },                /* RLIMIT_MEMLOCK */
    { 9, 6 },                /* RLIMIT_AS */
    { 0, 0 },
};

static const struct abi_map mips_sig_hows[] = {
    { 0, 1 }, { 1, 2 }, { 2, 3 },          /* SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK */
    { 0, 0 },
};

static const struct abi_map mips_sock_types[] = {
    { 1, 2 },                /* SOCK_STREAM */
    { 2, 1 },                /* SOCK_DGRAM */
    { 0, 0 },
};

static const struct abi_map mips_sock_levels[] = {
    { 1, 0xffff },           /* SOL_SOCKET */
    { 0, 0 },
};

static const struct abi_map mips_so_options[] = {
    { 2, 0x0004 },   /* SO_REUSEADDR */     { 3, 0x1008 },   /* SO_TYPE */
    { 4, 0x1007 },   /* SO_ERROR */         { 5, 0x0010 },   /* SO_DONTROUTE */
    { 6, 0x0020 },   /* SO_BROADCAST */     { 7, 0x1001 },   /* SO_SNDBUF */
    { 8, 0x1002 },   /* SO_RCVBUF */        { 9, 0x0008 },   /* SO_KEEPALIVE */
    { 10, 0x0100 },  /* SO_OOBINLINE */     { 13, 0x0080 },  /* SO_LINGER */
    { 15, 0x0200 },  /* SO_REUSEPORT */     { 16, 17 },      /* SO_PASSCRED */
    { 17, 18 },      /* SO_PEERCRED */      { 18, 0x1004 },  /* SO_RCVLOWAT */
    { 19, 0x1003 },  /* SO_SNDLOWAT */      { 20, 0x1006 },  /* SO_RCVTIMEO_OLD */
    { 21, 0x1005 },  /* SO_SNDTIMEO_OLD */  { 30, 0x1009 },  /* SO_ACCEPTCONN */
    { 38, 0x1028 },  /* SO_PROTOCOL */      { 39, 0x1029 },  /* SO_DOMAIN */
    { 0, 0 },
};

/* termbits.h: 23 control characters in another order, three local-mode bits moved. */
static const struct gfield mips_termios_layout[] = {
    { GT_U32, 0, TIO_K_IFLAG, 0 }, { GT_U32, 0, TIO_K_OFLAG, 0 },
    { GT_U32, 0, TIO_K_CFLAG, 0 }, { GT_U32, 0, TIO_K_LFLAG, 0 },
    { GT_U8, 0, TIO_K_LINE, 0 }, { GT_U8, 23, TIO_K_CC, 0 },
    { GT_END, 0, 0, 0 },
};
/* MIPS index of each generic one: VINTR VQUIT VERASE VKILL VEOF VTIME VMIN VSWTC VSTART
 * VSTOP VSUSP VEOL VREPRINT VDISCARD VWERASE VLNEXT VEOL2 */
static const uint8_t mips_cc_index[TIO_GENERIC_NCCS] = {
    0, 1, 2, 3, 16, 5, 4, 7, 8, 9, 10, 17, 12, 13, 14, 15, 6, 18, 19,
};
static const struct abi_map mips_lflags[] = {
    { 0x100, 0x8000 },       /* TOSTOP */
    { 0x8000, 0x100 },       /* IEXTEN */
    { 0x1000, 0x2000 },      /* FLUSHO */
    { 0, 0 },
};
static const struct abi_termios mips_termios = {
    .layout = mips_termios_layout,
    .ncc = 23,
    .cc_index = mips_cc_index,
    .lflag = mips_lflags,
};

/* o32 struct stat: padded for IRIX, 32-bit everything. */
static const struct gfield o32_stat[] = {
    { GT_U32, 0, SK_DEV, 0 },          { GT_LONG, 3, 0, GF_ZERO },
    { GT_ULONG, 0, SK_INO, 0 },        { GT_U32, 0, SK_MODE, 0 },
    { GT_U32, 0, SK_NLINK, 0 },        { GT_U32, 0, SK_UID, 0 },
    { GT_U32, 0, SK_GID, 0 },          { GT_U32, 0, SK_RDEV, 0 },
    { GT_LONG, 2, 0, GF_ZERO },        { GT_LONG, 0, SK_SIZE, 0 },
    { GT_LONG, 0, 0, GF_ZERO },
    { GT_LONG, 0, SK_ATIME, GF_TRUNC }, { GT_LONG, 0, SK_ATIME_NSEC, 0 },
    { GT_LONG, 0, SK_MTIME, GF_TRUNC }, { GT_LONG, 0, SK_MTIME_NSEC, 0 },
    { GT_LONG, 0, SK_CTIME, GF_TRUNC }, { GT_LONG, 0, SK_CTIME_NSEC, 0 },
    { GT_LONG, 0, SK_BLKSIZE, 0 },     { GT_LONG, 0, SK_BLOCKS, GF_TRUNC },
    { GT_LONG, 14, 0, GF_ZERO },
    { GT_END, 0, 0, 0 },
};

static const struct gfield o32_stat64[] = {
    { GT_ULONG, 0, SK_DEV, GF_TRUNC }, { GT_ULONG, 3, 0, GF_ZERO },
    { GT_U64, 0, SK_INO, 0 },          { GT_U32, 0, SK_MODE, 0 },
    { GT_U32, 0, SK_NLINK, 0 },        { GT_U32, 0, SK_UID, 0 },
    { GT_U32, 0, SK_GID, 0 },          { GT_ULONG, 0, SK_RDEV, GF_TRUNC },
    { GT_ULONG, 3, 0, GF_ZERO },       { GT_S64, 0, SK_SIZE, 0 },
    { GT_LONG, 0, SK_ATIME, GF_TRUNC }, { GT_ULONG, 0, SK_ATIME_NSEC, 0 },
    { GT_LONG, 0, SK_MTIME, GF_TRUNC }, { GT_ULONG, 0, SK_MTIME_NSEC, 0 },
    { GT_LONG, 0, SK_CTIME, GF_TRUNC }, { GT_ULONG, 0, SK_CTIME_NSEC, 0 },
    { GT_ULONG, 0, SK_BLKSIZE, 0 },    { GT_ULONG, 0, 0, GF_ZERO },
    { GT_S64, 0, SK_BLOCKS, 0 },
    { GT_END, 0, 0, 0 },
};

static const struct gfield n64_stat[] = {
    { GT_U32, 0, SK_DEV, GF_TRUNC },   { GT_U32, 3, 0, GF_ZERO },
    { GT_ULONG, 0, SK_INO, 0 },        { GT_U32, 0, SK_MODE, 0 },
    { GT_U32, 0, SK_NLINK, 0 },        { GT_U32, 0, SK_UID, 0 },
    { GT_U32, 0, SK_GID, 0 },          { GT_U32, 0, SK_RDEV, GF_TRUNC },
    { GT_U32, 3, 0, GF_ZERO },         { GT_LONG, 0, SK_SIZE, 0 },
    { GT_U32, 0, SK_ATIME, GF_TRUNC }, { GT_U32, 0, SK_ATIME_NSEC, 0 },
    { GT_U32, 0, SK_MTIME, GF_TRUNC }, { GT_U32, 0, SK_MTIME_NSEC, 0 },
    { GT_U32, 0, SK_CTIME, GF_TRUNC }, { GT_U32, 0, SK_CTIME_NSEC, 0 },
    { GT_U32, 0, SK_BLKSIZE, 0 },      { GT_U32, 0, 0, GF_ZERO },
    { GT_ULONG, 0, SK_BLOCKS, 0 },
    { GT_END, 0, 0, 0 },
};

/* asm/statfs.h: frsize third, the counts in another order (keys: blocks, bfree,
 * bavail, files, ffree), five spare words. */
static const struct gfield mips_statfs[] = {
    { GT_LONG, 0, SF_K_TYPE, 0 },      { GT_LONG, 0, SF_K_BSIZE, 0 },
    { GT_LONG, 0, SF_K_FRSIZE, 0 },    { GT_LONG, 0, SF_K_BLOCKS, 0 },
    { GT_LONG, 0, SF_K_BLOCKS + 1, 0 }, { GT_LONG, 0, SF_K_BLOCKS + 3, 0 },
    { GT_LONG, 0, SF_K_BLOCKS + 4, 0 }, { GT_LONG, 0, SF_K_BLOCKS + 2, 0 },
    { GT_S32, 2, SF_K_FSID, 0 },       { GT_LONG, 0, SF_K_NAMELEN, 0 },
    { GT_LONG, 0, SF_K_FLAGS, 0 },     { GT_LONG, 5, 0, GF_ZERO },
    { GT_END, 0, 0, 0 },
};

static const struct gfield o32_statfs64[] = {
    { GT_LONG, 0, SF_K_TYPE, 0 },      { GT_LONG, 0, SF_K_BSIZE, 0 },
    { GT_LONG, 0, SF_K_FRSIZE, 0 },    { GT_LONG, 0, 0, GF_ZERO },
    { GT_U64, 0, SF_K_BLOCKS, 0 },     { GT_U64, 0, SF_K_BLOCKS + 1, 0 },
    { GT_U64, 0, SF_K_BLOCKS + 3, 0 }, { GT_U64, 0, SF_K_BLOCKS + 4, 0 },
    { GT_U64, 0, SF_K_BLOCKS + 2, 0 }, { GT_S32, 2, SF_K_FSID, 0 },
    { GT_LONG, 0, SF_K_NAMELEN, 0 },   { GT_LONG, 0, SF_K_FLAGS, 0 },
    { GT_LONG, 5, 0, GF_ZERO },
    { GT_END, 0, 0, 0 },
};

/* struct sigaction: flags first, no sa_restorer; a 128-signal mask. */
static const struct gfield o32_sigaction[] = {
    { GT_U32, 0, SA_K_FLAGS, 0 }, { GT_PTR, 0, SA_K_HANDLER, 0 },
    { GT_ULONG, 4, SA_K_MASK, 0 },
    { GT_END, 0, 0, 0 },
};
static const struct gfield n64_sigaction[] = {
    { GT_U32, 0, SA_K_FLAGS, 0 }, { GT_PTR, 0, SA_K_HANDLER, 0 },
    { GT_ULONG, 2, SA_K_MASK, 0 },
    { GT_END, 0, 0, 0 },
};

/* IRIX-compatible stack_t: the size before the flags. */
static const struct gfield mips_stack[] = {
    { GT_PTR, 0, SS_K_SP, 0 }, { GT_ULONG, 0, SS_K_SIZE, 0 }, { GT_S32, 0, SS_K_FLAGS, 0 },
    { GT_END, 0, 0, 0 },
};

/* o32 struct flock: an l_sysid word and four pad words after l_pid. */
static const struct gfield o32_flock[] = {
    { GT_S16, 0, FL_K_TYPE, 0 }, { GT_S16, 0, FL_K_WHENCE, 0 },
    { GT_LONG, 0, FL_K_START, 0 }, { GT_LONG, 0, FL_K_LEN, 0 },
    { GT_S32, 0, FL_K_PID, 0 }, { GT_LONG, 0, 0, GF_ZERO }, { GT_LONG, 4, 0, GF_ZERO },
    { GT_END, 0, 0, 0 },
};

/* si_code values of the user-sent kinds that IRIX compatibility moved. */
static const struct abi_map mips_si_codes[] = {
    { (uint32_t)-4, (uint32_t)-2 },    /* SI_ASYNCIO */
    { (uint32_t)-2, (uint32_t)-3 },    /* SI_TIMER */
    { (uint32_t)-3, (uint32_t)-4 },    /* SI_MESGQ */
    { 0, 0 },
};

/* SysV IPC of o32 (asm/msgbuf.h, sembuf.h, shmbuf.h): big-endian msqid64_ds puts each
 * high word first; semid64_ds and shmid64_ds keep the high parts at the end (16 bits
 * each in shmid64_ds). n64 is asm-generic. */
static const struct gfield o32be_msqid64[] = {
    GL_IPC64_PERM,
    { GT_ULONG, 0, MSQ_K_STIME_HI, 0 }, { GT_ULONG, 0, MSQ_K_STIME, GF_TRUNC },
    { GT_ULONG, 0, MSQ_K_RTIME_HI, 0 }, { GT_ULONG, 0, MSQ_K_RTIME, GF_TRUNC },
    { GT_ULONG, 0, MSQ_K_CTIME_HI, 0 }, { GT_ULONG, 0, MSQ_K_CTIME, GF_TRUNC },
    { GT_ULONG, 3, MSQ_K_CBYTES, GF_TRUNC }, { GT_S32, 2, MSQ_K_LSPID, 0 },
    { GT_ULONG, 2, 0, GF_ZERO }, { GT_END, 0, 0, 0 },
};
static const struct gfield o32_semid64[] = {
    GL_IPC64_PERM,
    { GT_ULONG, 0, SEM_K_OTIME, GF_TRUNC }, { GT_ULONG, 0, SEM_K_CTIME, GF_TRUNC },
    { GT_ULONG, 0, SEM_K_NSEMS, 0 }, { GT_ULONG, 0, SEM_K_OTIME_HI, 0 },
    { GT_ULONG, 0, SEM_K_CTIME_HI, 0 }, { GT_END, 0, 0, 0 },
};
static const struct gfield o32_shmid64[] = {
    GL_IPC64_PERM,
    { GT_ULONG, 0, SHM_K_SEGSZ, 0 }, { GT_ULONG, 0, SHM_K_ATIME, GF_TRUNC },
    { GT_ULONG, 0, SHM_K_DTIME, GF_TRUNC }, { GT_ULONG, 0, SHM_K_CTIME, GF_TRUNC },
    { GT_S32, 2, SHM_K_CPID, 0 }, { GT_ULONG, 0, SHM_K_NATTCH, 0 },
    { GT_U16, 0, SHM_K_ATIME_HI, GF_TRUNC }, { GT_U16, 0, SHM_K_DTIME_HI, GF_TRUNC },
    { GT_U16, 0, SHM_K_CTIME_HI, GF_TRUNC }, { GT_U16, 0, 0, GF_ZERO }, { GT_END, 0, 0, 0 },
};

/* What the three MIPS ABIs share (a field added here reaches all of them). */
#define MIPS_ABI_COMMON                                                                 \
    .align64 = 8,                                                                       \
    .clone_args = CLONE_ARGS_TLS_4TH,      /* MIPS selects CLONE_BACKWARDS */           \
    .mmap2_shift = 12,                                                                  \
    .nsig = 128,                                                                        \
    .minsigstksz = 2048,                                                                \
    .siginfo_code_first = true,                                                         \
    .open_flags = mips_open_flags,                                                      \
    .mmap_flags = mips_mmap_flags,                                                      \
    .signals = mips_signals,                                                            \
    .errnos = mips_errnos,                                                              \
    .fcntl_cmds = mips_fcntl_cmds,                                                      \
    .ioctls = mips_ioctls,                                                              \
    .sa_flags = mips_sa_flags,                                                          \
    .rlimits = mips_rlimits,                                                            \
    .sig_hows = mips_sig_hows,                                                          \
    .sock_types = mips_sock_types,                                                      \
    .sock_levels = mips_sock_levels,                                                    \
    .so_options = mips_so_options,                                                      \
    .si_codes = mips_si_codes,                                                          \
    .termios = &mips_termios,                                                           \
    .stack = mips_stack,                                                                \
    .statfs = mips_statfs,                                                              \
    .shmlba = 0x40000,                                                                  \
    .ipc_old_layouts = true

/* o32, either byte order. */
#define MIPS_O32_ABI                                                                    \
    .numbers = &sysnum_mipso32,                                                         \
    .word_size = 4,                                                                     \
    .pair64 = PAIR64_ALIGNED,                                                           \
    .stat = o32_stat,                                                                   \
    .stat64 = o32_stat64,                                                               \
    .sigaction = o32_sigaction,                                                         \
    .flock = o32_flock,                                                                 \
    .statfs64 = o32_statfs64,                                                           \
    .semid64_ds = o32_semid64,                                                          \
    .shmid64_ds = o32_shmid64,                                                          \
    .sigsuspend_set_ptr = true

const struct syscall_table syscall_table_mips = {
    .name = "mips",
    .big_endian = true,
    MIPS_ABI_COMMON,
    MIPS_O32_ABI,
    .msqid64_ds = o32be_msqid64,
};

const struct syscall_table syscall_table_mipsel = {
    .name = "mipsel",
    .big_endian = false,
    MIPS_ABI_COMMON,
    MIPS_O32_ABI,
};

const struct syscall_table syscall_table_mips64el = {
    .name = "mips64el",
    .numbers = &sysnum_mipsn64,
    .word_size = 8,
    .big_endian = false,
    .pair64 = PAIR64_NONE,
    MIPS_ABI_COMMON,
    .stat = n64_stat,
    .sigaction = n64_sigaction,
};
