/* Compiled with a GUEST cross compiler to assembly (-S), never run: each constant below
 * becomes a labelled word the ABI test reads back (probe_NAME: .word VALUE) and checks
 * against crossrun's ABI table for that guest. Only the kernel's uapi headers are used,
 * so the values are the guest kernel's own. Names must match test_syscall_abi.c. */
#include <stddef.h>

#include <asm/fcntl.h>
#include <asm/ioctls.h>
#include <asm/mman.h>
#include <asm/resource.h>
#include <asm/signal.h>
#include <asm/stat.h>
#include <asm/statfs.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <asm/errno.h>
#include <asm/unistd.h>
#include <linux/mman.h>
#include <linux/poll.h>
#include <linux/resource.h>
#include <linux/stat.h>
#include <linux/sysinfo.h>
#include <linux/time_types.h>
#include <linux/uio.h>

#define P(name, value) const int probe_##name = (int)(value);
#define SIZE(s) P(sizeof_##s, sizeof(struct s))
#define OFF(s, m) P(s##_##m, offsetof(struct s, m))
#define VAL(x) const int probe_##x = (int)(x);

/* struct layouts */
SIZE(stat64)
OFF(stat64, st_dev) OFF(stat64, __st_ino) OFF(stat64, st_mode) OFF(stat64, st_nlink)
OFF(stat64, st_uid) OFF(stat64, st_gid) OFF(stat64, st_rdev) OFF(stat64, st_size)
OFF(stat64, st_blksize) OFF(stat64, st_blocks) OFF(stat64, st_atime)
OFF(stat64, st_atime_nsec) OFF(stat64, st_mtime) OFF(stat64, st_mtime_nsec)
OFF(stat64, st_ctime) OFF(stat64, st_ctime_nsec) OFF(stat64, st_ino)
SIZE(stat)
OFF(stat, st_dev) OFF(stat, st_ino) OFF(stat, st_mode) OFF(stat, st_nlink) OFF(stat, st_uid)
OFF(stat, st_gid) OFF(stat, st_rdev) OFF(stat, st_size) OFF(stat, st_blksize)
OFF(stat, st_blocks) OFF(stat, st_atime) OFF(stat, st_atime_nsec) OFF(stat, st_mtime)
OFF(stat, st_mtime_nsec) OFF(stat, st_ctime) OFF(stat, st_ctime_nsec)
SIZE(statfs)
OFF(statfs, f_type) OFF(statfs, f_blocks) OFF(statfs, f_ffree) OFF(statfs, f_fsid)
OFF(statfs, f_namelen) OFF(statfs, f_flags)
SIZE(statfs64)
OFF(statfs64, f_type) OFF(statfs64, f_blocks) OFF(statfs64, f_ffree) OFF(statfs64, f_fsid)
OFF(statfs64, f_namelen) OFF(statfs64, f_flags)
SIZE(flock)
OFF(flock, l_type) OFF(flock, l_whence) OFF(flock, l_start) OFF(flock, l_len) OFF(flock, l_pid)
SIZE(flock64)
OFF(flock64, l_type) OFF(flock64, l_whence) OFF(flock64, l_start) OFF(flock64, l_len)
OFF(flock64, l_pid)
SIZE(statx)
OFF(statx, stx_mask) OFF(statx, stx_mode) OFF(statx, stx_ino) OFF(statx, stx_atime)
OFF(statx, stx_mtime) OFF(statx, stx_rdev_major) OFF(statx, stx_dev_minor)
OFF(statx, stx_mnt_id)
SIZE(termios)
OFF(termios, c_iflag) OFF(termios, c_oflag) OFF(termios, c_cflag) OFF(termios, c_lflag)
OFF(termios, c_line) OFF(termios, c_cc)
SIZE(winsize)
SIZE(__kernel_timespec) SIZE(__kernel_old_timeval) SIZE(iovec) OFF(iovec, iov_len)
SIZE(rlimit) SIZE(rlimit64) SIZE(rusage) OFF(rusage, ru_stime) OFF(rusage, ru_maxrss)
OFF(rusage, ru_nivcsw)
SIZE(sysinfo)
OFF(sysinfo, totalram) OFF(sysinfo, procs) OFF(sysinfo, totalhigh) OFF(sysinfo, mem_unit)
SIZE(pollfd) OFF(pollfd, events) OFF(pollfd, revents)
P(sizeof_stack_t, sizeof(stack_t))
P(stack_t_ss_flags, offsetof(stack_t, ss_flags)) P(stack_t_ss_size, offsetof(stack_t, ss_size))
P(word_size, sizeof(long))

/* open flags */
VAL(O_CREAT) VAL(O_EXCL) VAL(O_NOCTTY) VAL(O_TRUNC) VAL(O_APPEND) VAL(O_NONBLOCK)
VAL(O_DSYNC) VAL(FASYNC) VAL(O_DIRECT) VAL(O_LARGEFILE) VAL(O_DIRECTORY) VAL(O_NOFOLLOW)
VAL(O_NOATIME) VAL(O_CLOEXEC) VAL(__O_SYNC) VAL(O_PATH) VAL(__O_TMPFILE)

/* fcntl commands */
VAL(F_DUPFD) VAL(F_GETFD) VAL(F_SETFD) VAL(F_GETFL) VAL(F_SETFL) VAL(F_GETLK) VAL(F_SETLK)
VAL(F_SETLKW) VAL(F_SETOWN) VAL(F_GETOWN) VAL(F_SETSIG) VAL(F_GETSIG) VAL(F_GETLK64)
VAL(F_SETLK64) VAL(F_SETLKW64) VAL(F_SETOWN_EX) VAL(F_GETOWN_EX) VAL(F_OFD_GETLK)
VAL(F_OFD_SETLK) VAL(F_OFD_SETLKW)

/* signals and their flags */
VAL(SIGHUP) VAL(SIGINT) VAL(SIGQUIT) VAL(SIGILL) VAL(SIGTRAP) VAL(SIGABRT) VAL(SIGBUS)
VAL(SIGFPE) VAL(SIGKILL) VAL(SIGUSR1) VAL(SIGSEGV) VAL(SIGUSR2) VAL(SIGPIPE) VAL(SIGALRM)
VAL(SIGTERM) VAL(SIGSTKFLT) VAL(SIGCHLD) VAL(SIGCONT) VAL(SIGSTOP) VAL(SIGTSTP)
VAL(SIGTTIN) VAL(SIGTTOU) VAL(SIGURG) VAL(SIGXCPU) VAL(SIGXFSZ) VAL(SIGVTALRM)
VAL(SIGPROF) VAL(SIGWINCH) VAL(SIGIO) VAL(SIGPWR) VAL(SIGSYS)
VAL(SA_NOCLDSTOP) VAL(SA_NOCLDWAIT) VAL(SA_SIGINFO) VAL(SA_ONSTACK) VAL(SA_RESTART)
VAL(SA_NODEFER) VAL(SA_RESETHAND) VAL(SA_RESTORER)
VAL(SIG_BLOCK) VAL(SIG_UNBLOCK) VAL(SIG_SETMASK) VAL(MINSIGSTKSZ)

/* mmap flags */
VAL(MAP_SHARED) VAL(MAP_PRIVATE) VAL(MAP_FIXED) VAL(MAP_ANONYMOUS) VAL(MAP_GROWSDOWN)
VAL(MAP_DENYWRITE) VAL(MAP_EXECUTABLE) VAL(MAP_LOCKED) VAL(MAP_NORESERVE)
VAL(MAP_POPULATE) VAL(MAP_NONBLOCK) VAL(MAP_STACK) VAL(MAP_HUGETLB)

/* errno */
VAL(EPERM) VAL(ENOENT) VAL(ESRCH) VAL(EINTR) VAL(EIO) VAL(ENXIO) VAL(E2BIG) VAL(ENOEXEC)
VAL(EBADF) VAL(ECHILD) VAL(EAGAIN) VAL(ENOMEM) VAL(EACCES) VAL(EFAULT) VAL(EBUSY)
VAL(EEXIST) VAL(EXDEV) VAL(ENODEV) VAL(ENOTDIR) VAL(EISDIR) VAL(EINVAL) VAL(ENFILE)
VAL(EMFILE) VAL(ENOTTY) VAL(EFBIG) VAL(ENOSPC) VAL(ESPIPE) VAL(EROFS) VAL(EMLINK)
VAL(EPIPE) VAL(EDOM) VAL(ERANGE) VAL(EDEADLK) VAL(ENAMETOOLONG) VAL(ENOLCK) VAL(ENOSYS)
VAL(ENOTEMPTY) VAL(ELOOP) VAL(ENOMSG) VAL(EIDRM) VAL(ENOSTR) VAL(ENODATA) VAL(ETIME)
VAL(EOVERFLOW) VAL(EILSEQ) VAL(ENOTSOCK) VAL(EDESTADDRREQ) VAL(EMSGSIZE)
VAL(EPROTOTYPE) VAL(ENOPROTOOPT) VAL(EPROTONOSUPPORT) VAL(EOPNOTSUPP) VAL(EAFNOSUPPORT)
VAL(EADDRINUSE) VAL(EADDRNOTAVAIL) VAL(ENETDOWN) VAL(ENETUNREACH) VAL(ECONNABORTED)
VAL(ECONNRESET) VAL(ENOBUFS) VAL(EISCONN) VAL(ENOTCONN) VAL(ETIMEDOUT) VAL(ECONNREFUSED)
VAL(EHOSTUNREACH) VAL(EALREADY) VAL(EINPROGRESS) VAL(ESTALE) VAL(EDQUOT) VAL(ECANCELED)
VAL(EOWNERDEAD) VAL(ENOTRECOVERABLE)

/* terminal and file ioctls */
VAL(TCGETS) VAL(TCSETS) VAL(TCSETSW) VAL(TCSETSF) VAL(TIOCGWINSZ) VAL(TIOCSWINSZ)
VAL(FIONREAD) VAL(TIOCGPGRP) VAL(TIOCSPGRP) VAL(TIOCOUTQ) VAL(FIONBIO) VAL(TIOCSCTTY)
VAL(TIOCNOTTY) VAL(TCFLSH) VAL(TCXONC) VAL(TCSBRK) VAL(FIOCLEX) VAL(FIONCLEX)
VAL(TIOCGPTN) VAL(TIOCSPTLCK) VAL(TIOCGSID) VAL(FIOASYNC)

/* termios bits and c_cc indices */
VAL(NCCS) VAL(VINTR) VAL(VQUIT) VAL(VERASE) VAL(VKILL) VAL(VEOF) VAL(VTIME) VAL(VMIN)
VAL(VSTART) VAL(VSTOP) VAL(VSUSP) VAL(VEOL) VAL(VEOL2)
VAL(ICANON) VAL(ECHO) VAL(ISIG) VAL(IEXTEN) VAL(ICRNL) VAL(IXON) VAL(OPOST) VAL(ONLCR)
VAL(CS8) VAL(CREAD) VAL(CLOCAL) VAL(B38400)

/* resources */
VAL(RLIMIT_CPU) VAL(RLIMIT_FSIZE) VAL(RLIMIT_DATA) VAL(RLIMIT_STACK) VAL(RLIMIT_CORE)
VAL(RLIMIT_RSS) VAL(RLIMIT_NPROC) VAL(RLIMIT_NOFILE) VAL(RLIMIT_MEMLOCK) VAL(RLIMIT_AS)

/* a few system call numbers (the generated table must agree) */
P(nr_read, __NR_read) P(nr_openat, __NR_openat) P(nr_fstat64, __NR_fstat64)
P(nr_statx, __NR_statx) P(nr_clock_gettime64, __NR_clock_gettime64)
P(nr_exit_group, __NR_exit_group) P(nr_mmap2, __NR_mmap2)
P(nr__llseek, __NR__llseek) P(nr_sync_file_range2, __NR_sync_file_range2)
