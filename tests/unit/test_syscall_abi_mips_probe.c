/* Compiled with each MIPS cross compiler (o32 big- and little-endian, n64) to assembly
 * (-S), never run: each constant becomes a labelled word (probe_NAME: .word VALUE) that
 * test_syscall_abi_mips.c reads back and checks against crossrun's MIPS ABI tables.
 * Only the kernel's uapi headers are used, so the values are the guest kernel's own. */
#include <stddef.h>

#include <asm/bitsperlong.h>   /* first: asm/fcntl.h picks the *LK64 values by it */
#include <asm/errno.h>
#include <asm/fcntl.h>
#include <asm/ioctls.h>
#include <asm/mman.h>
#include <asm/resource.h>
#include <asm/sigcontext.h>
#include <asm/signal.h>
#include <asm/socket.h>
#include <asm/stat.h>
#include <asm/statfs.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <asm/unistd.h>
#include <linux/mman.h>
#include <linux/resource.h>
#include <linux/stat.h>
/* The SOCK_ types are glibc's (the uapi keeps MIPS's under __KERNEL__); its header wants
 * to be included from sys/socket.h, which clashes with the uapi types above. */
#define _SYS_SOCKET_H
#include <bits/socket_type.h>

#define P(name, value) const int probe_##name = (int)(value);
#define SIZE(s) P(sizeof_##s, sizeof(struct s))
#define OFF(s, m) P(s##_##m, offsetof(struct s, m))
#define VAL(x) const int probe_##x = (int)(x);

/* struct layouts */
SIZE(stat)
OFF(stat, st_dev) OFF(stat, st_ino) OFF(stat, st_mode) OFF(stat, st_nlink) OFF(stat, st_uid)
OFF(stat, st_gid) OFF(stat, st_rdev) OFF(stat, st_size) OFF(stat, st_blksize)
OFF(stat, st_blocks) OFF(stat, st_atime) OFF(stat, st_atime_nsec) OFF(stat, st_mtime)
OFF(stat, st_mtime_nsec) OFF(stat, st_ctime) OFF(stat, st_ctime_nsec)
#if _MIPS_SIM == _MIPS_SIM_ABI32
SIZE(stat64)
OFF(stat64, st_dev) OFF(stat64, st_ino) OFF(stat64, st_mode) OFF(stat64, st_nlink)
OFF(stat64, st_uid) OFF(stat64, st_gid) OFF(stat64, st_rdev) OFF(stat64, st_size)
OFF(stat64, st_blksize) OFF(stat64, st_blocks) OFF(stat64, st_atime)
OFF(stat64, st_atime_nsec) OFF(stat64, st_mtime) OFF(stat64, st_mtime_nsec)
OFF(stat64, st_ctime) OFF(stat64, st_ctime_nsec)
SIZE(statfs64)
OFF(statfs64, f_type) OFF(statfs64, f_frsize) OFF(statfs64, f_blocks) OFF(statfs64, f_bfree)
OFF(statfs64, f_files) OFF(statfs64, f_ffree) OFF(statfs64, f_bavail) OFF(statfs64, f_fsid)
OFF(statfs64, f_namelen) OFF(statfs64, f_flags)
SIZE(flock64)
OFF(flock64, l_type) OFF(flock64, l_whence) OFF(flock64, l_start) OFF(flock64, l_len)
OFF(flock64, l_pid)
#endif
SIZE(statfs)
OFF(statfs, f_type) OFF(statfs, f_frsize) OFF(statfs, f_blocks) OFF(statfs, f_bfree)
OFF(statfs, f_files) OFF(statfs, f_ffree) OFF(statfs, f_bavail) OFF(statfs, f_fsid)
OFF(statfs, f_namelen) OFF(statfs, f_flags)
SIZE(flock)
OFF(flock, l_type) OFF(flock, l_whence) OFF(flock, l_start) OFF(flock, l_len) OFF(flock, l_pid)
SIZE(sigaction)
OFF(sigaction, sa_flags) OFF(sigaction, sa_handler) OFF(sigaction, sa_mask)
P(sizeof_stack_t, sizeof(stack_t))
P(stack_t_ss_sp, offsetof(stack_t, ss_sp)) P(stack_t_ss_size, offsetof(stack_t, ss_size))
P(stack_t_ss_flags, offsetof(stack_t, ss_flags))
SIZE(termios)
OFF(termios, c_iflag) OFF(termios, c_lflag) OFF(termios, c_line) OFF(termios, c_cc)
SIZE(sigcontext)
OFF(sigcontext, sc_pc) OFF(sigcontext, sc_regs) OFF(sigcontext, sc_fpregs)
OFF(sigcontext, sc_fpc_csr) OFF(sigcontext, sc_used_math) OFF(sigcontext, sc_mdhi)
OFF(sigcontext, sc_mdlo)
P(word_size, sizeof(long))
P(nsig, _NSIG)

/* open flags and fcntl commands */
VAL(O_APPEND) VAL(O_DSYNC) VAL(O_NONBLOCK) VAL(O_CREAT) VAL(O_TRUNC) VAL(O_EXCL)
VAL(O_NOCTTY) VAL(FASYNC) VAL(O_LARGEFILE) VAL(__O_SYNC) VAL(O_DIRECT) VAL(O_DIRECTORY)
VAL(O_NOFOLLOW) VAL(O_NOATIME) VAL(O_CLOEXEC) VAL(O_PATH) VAL(__O_TMPFILE)
VAL(F_DUPFD) VAL(F_GETFD) VAL(F_SETFD) VAL(F_GETFL) VAL(F_SETFL) VAL(F_GETLK) VAL(F_SETLK)
VAL(F_SETLKW) VAL(F_SETOWN) VAL(F_GETOWN) VAL(F_SETSIG) VAL(F_GETSIG)
VAL(F_SETOWN_EX) VAL(F_GETOWN_EX) VAL(F_OFD_GETLK) VAL(F_OFD_SETLK) VAL(F_OFD_SETLKW)
#if _MIPS_SIM == _MIPS_SIM_ABI32
VAL(F_GETLK64) VAL(F_SETLK64) VAL(F_SETLKW64)
#endif

/* signals */
VAL(SIGHUP) VAL(SIGINT) VAL(SIGQUIT) VAL(SIGILL) VAL(SIGTRAP) VAL(SIGABRT) VAL(SIGEMT)
VAL(SIGFPE) VAL(SIGKILL) VAL(SIGBUS) VAL(SIGSEGV) VAL(SIGSYS) VAL(SIGPIPE) VAL(SIGALRM)
VAL(SIGTERM) VAL(SIGUSR1) VAL(SIGUSR2) VAL(SIGCHLD) VAL(SIGPWR) VAL(SIGWINCH) VAL(SIGURG)
VAL(SIGIO) VAL(SIGSTOP) VAL(SIGTSTP) VAL(SIGCONT) VAL(SIGTTIN) VAL(SIGTTOU) VAL(SIGVTALRM)
VAL(SIGPROF) VAL(SIGXCPU) VAL(SIGXFSZ) VAL(SIGRTMIN)
VAL(SA_NOCLDSTOP) VAL(SA_NOCLDWAIT) VAL(SA_SIGINFO) VAL(SA_ONSTACK) VAL(SA_RESTART)
VAL(SA_NODEFER) VAL(SA_RESETHAND)
VAL(SIG_BLOCK) VAL(SIG_UNBLOCK) VAL(SIG_SETMASK) VAL(MINSIGSTKSZ)

/* mmap flags */
VAL(MAP_SHARED) VAL(MAP_PRIVATE) VAL(MAP_FIXED) VAL(MAP_ANONYMOUS) VAL(MAP_NORESERVE)
VAL(MAP_GROWSDOWN) VAL(MAP_DENYWRITE) VAL(MAP_EXECUTABLE) VAL(MAP_LOCKED)
VAL(MAP_POPULATE) VAL(MAP_NONBLOCK) VAL(MAP_STACK) VAL(MAP_HUGETLB)

/* errno */
VAL(EPERM) VAL(ENOENT) VAL(EINTR) VAL(EAGAIN) VAL(ENOMEM) VAL(EACCES) VAL(EFAULT)
VAL(EEXIST) VAL(ENOTDIR) VAL(EINVAL) VAL(ENOTTY) VAL(ERANGE) VAL(EDEADLK)
VAL(ENAMETOOLONG) VAL(ENOLCK) VAL(ENOSYS) VAL(ENOTEMPTY) VAL(ELOOP) VAL(ENOMSG)
VAL(EIDRM) VAL(ENOSTR) VAL(ENODATA) VAL(ETIME) VAL(EOVERFLOW) VAL(EILSEQ) VAL(ENOTSOCK)
VAL(EDESTADDRREQ) VAL(EMSGSIZE) VAL(EPROTOTYPE) VAL(ENOPROTOOPT) VAL(EPROTONOSUPPORT)
VAL(EOPNOTSUPP) VAL(EAFNOSUPPORT) VAL(EADDRINUSE) VAL(EADDRNOTAVAIL) VAL(ENETDOWN)
VAL(ENETUNREACH) VAL(ECONNABORTED) VAL(ECONNRESET) VAL(ENOBUFS) VAL(EISCONN)
VAL(ENOTCONN) VAL(ETIMEDOUT) VAL(ECONNREFUSED) VAL(EHOSTUNREACH) VAL(EALREADY)
VAL(EINPROGRESS) VAL(ESTALE) VAL(EDQUOT) VAL(ECANCELED) VAL(EOWNERDEAD)
VAL(ENOTRECOVERABLE) VAL(EHWPOISON)

/* terminal and file ioctls */
VAL(TCGETS) VAL(TCSETS) VAL(TCSETSW) VAL(TCSETSF) VAL(TIOCGWINSZ) VAL(TIOCSWINSZ)
VAL(FIONREAD) VAL(TIOCGPGRP) VAL(TIOCSPGRP) VAL(TIOCOUTQ) VAL(FIONBIO) VAL(TIOCSCTTY)
VAL(TIOCNOTTY) VAL(TCFLSH) VAL(TCXONC) VAL(TCSBRK) VAL(FIOCLEX) VAL(FIONCLEX)
VAL(TIOCGPTN) VAL(TIOCSPTLCK) VAL(TIOCGSID) VAL(FIOASYNC)

/* termios bits and c_cc indices */
VAL(NCCS) VAL(VINTR) VAL(VQUIT) VAL(VERASE) VAL(VKILL) VAL(VEOF) VAL(VTIME) VAL(VMIN)
VAL(VSTART) VAL(VSTOP) VAL(VSUSP) VAL(VEOL) VAL(VEOL2)
VAL(ICANON) VAL(ECHO) VAL(ISIG) VAL(IEXTEN) VAL(TOSTOP) VAL(FLUSHO) VAL(ICRNL) VAL(IXON)
VAL(OPOST) VAL(ONLCR) VAL(CS8) VAL(CREAD) VAL(CLOCAL) VAL(B38400)

/* resources, sockets */
VAL(RLIMIT_CPU) VAL(RLIMIT_FSIZE) VAL(RLIMIT_DATA) VAL(RLIMIT_STACK) VAL(RLIMIT_CORE)
VAL(RLIMIT_RSS) VAL(RLIMIT_NPROC) VAL(RLIMIT_NOFILE) VAL(RLIMIT_MEMLOCK) VAL(RLIMIT_AS)
VAL(SOCK_STREAM) VAL(SOCK_DGRAM) VAL(SOCK_RAW) VAL(SOCK_SEQPACKET) VAL(SOL_SOCKET)
VAL(SO_DEBUG) VAL(SO_REUSEADDR) VAL(SO_TYPE) VAL(SO_ERROR) VAL(SO_DONTROUTE)
VAL(SO_BROADCAST) VAL(SO_SNDBUF) VAL(SO_RCVBUF) VAL(SO_KEEPALIVE) VAL(SO_OOBINLINE)
VAL(SO_LINGER) VAL(SO_REUSEPORT) VAL(SO_PASSCRED) VAL(SO_PEERCRED) VAL(SO_RCVLOWAT)
VAL(SO_SNDLOWAT) VAL(SO_ACCEPTCONN) VAL(SO_PROTOCOL) VAL(SO_DOMAIN)

/* system call numbers (the generated tables must agree) */
P(nr_read, __NR_read) P(nr_openat, __NR_openat) P(nr_exit_group, __NR_exit_group)
P(nr_statx, __NR_statx) P(nr_rt_sigreturn, __NR_rt_sigreturn)
P(nr_set_thread_area, __NR_set_thread_area) P(nr_cacheflush, __NR_cacheflush)
P(nr_clone, __NR_clone) P(nr_pipe2, __NR_pipe2) P(nr_io_uring_setup, __NR_io_uring_setup)
#if _MIPS_SIM == _MIPS_SIM_ABI32
P(nr_mmap2, __NR_mmap2) P(nr_fstat64, __NR_fstat64) P(nr_sigreturn, __NR_sigreturn)
P(nr_clock_gettime64, __NR_clock_gettime64)
#endif
