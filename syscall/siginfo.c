/* siginfo conversions (see siginfo.h). Member offsets inside the union are the same on
 * every Linux ABI once the word size is known (include/uapi/asm-generic/siginfo.h). */
#include "syscall/siginfo.h"

#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>

#include "syscall/abi.h"

/* How many si_code values the kernel defines per signal (NSIGILL ...). */
static int code_limit(int host_sig)
{
    switch (host_sig) {
    case SIGILL: return 11;
    case SIGFPE: return 15;
    case SIGSEGV: return 10;
    case SIGBUS: return 5;
    case SIGTRAP: return 6;
    case SIGCHLD: return 6;
    case SIGPOLL: return 6;
    case SIGSYS: return 2;
    default: return 0;
    }
}

enum si_layout siginfo_layout(int host_sig, int code)
{
    if (code > SI_USER && code < SI_KERNEL) {
        if (code <= code_limit(host_sig)) {
            switch (host_sig) {
            case SIGCHLD: return SIL_CHLD;
            case SIGPOLL: return SIL_POLL;
            case SIGSYS: return SIL_SYS;
            default: return SIL_FAULT;
            }
        }
        return code <= 6 ? SIL_POLL : SIL_KILL;
    }
    if (code == SI_TIMER)
        return SIL_TIMER;
    if (code == SI_SIGIO)
        return SIL_POLL;
    return code < 0 ? SIL_RT : SIL_KILL;
}

/* CLD_EXITED carries an exit code; the other CLD_ codes a signal number. */
static int chld_status(const struct syscall_table *abi, int code, int status, bool to_guest)
{
    if (code == CLD_EXITED)
        return status;
    return to_guest ? abi_sig_from_host(abi, status) : abi_sig_to_host(abi, status);
}

void siginfo_from_host(const struct syscall_table *abi, const siginfo_t *si,
                       struct gsiginfo *g)
{
    memset(g, 0, sizeof *g);
    g->signo = abi_sig_from_host(abi, si->si_signo);
    g->err = si->si_errno;
    g->code = si->si_code;
    switch (siginfo_layout(si->si_signo, si->si_code)) {
    case SIL_RT:
        g->value = (uint64_t)(uintptr_t)si->si_value.sival_ptr;
        /* fall through */
    case SIL_KILL:
        g->pid = si->si_pid;
        g->uid = (int)si->si_uid;
        break;
    case SIL_TIMER:
        g->timerid = si->si_timerid;
        g->overrun = si->si_overrun;
        g->value = (uint64_t)(uintptr_t)si->si_value.sival_ptr;
        break;
    case SIL_POLL:
        g->band = si->si_band;
        g->fd = si->si_fd;
        break;
    case SIL_FAULT:
        g->addr = (uint64_t)(uintptr_t)si->si_addr;
        break;
    case SIL_CHLD:
        g->pid = si->si_pid;
        g->uid = (int)si->si_uid;
        g->status = chld_status(abi, si->si_code, si->si_status, true);
        g->utime = si->si_utime;
        g->stime = si->si_stime;
        break;
    case SIL_SYS:
        g->addr = (uint64_t)(uintptr_t)si->si_call_addr;
        g->syscall = si->si_syscall;
        g->arch = si->si_arch;
        break;
    }
}

void siginfo_to_host(const struct syscall_table *abi, const struct gsiginfo *g, siginfo_t *si)
{
    int h = abi_sig_to_host(abi, g->signo);
    memset(si, 0, sizeof *si);
    si->si_signo = h;
    si->si_errno = g->err;
    si->si_code = g->code;
    switch (siginfo_layout(h, g->code)) {
    case SIL_RT:
        si->si_value.sival_ptr = (void *)(uintptr_t)g->value;
        /* fall through */
    case SIL_KILL:
        si->si_pid = g->pid;
        si->si_uid = (uid_t)g->uid;
        break;
    case SIL_TIMER:
        si->si_timerid = g->timerid;
        si->si_overrun = g->overrun;
        si->si_value.sival_ptr = (void *)(uintptr_t)g->value;
        break;
    case SIL_POLL:
        si->si_band = (long)g->band;
        si->si_fd = g->fd;
        break;
    case SIL_FAULT:
        si->si_addr = (void *)(uintptr_t)g->addr;
        break;
    case SIL_CHLD:
        si->si_pid = g->pid;
        si->si_uid = (uid_t)g->uid;
        si->si_status = chld_status(abi, g->code, g->status, false);
        si->si_utime = (clock_t)g->utime;
        si->si_stime = (clock_t)g->stime;
        break;
    case SIL_SYS:
        si->si_call_addr = (void *)(uintptr_t)g->addr;
        si->si_syscall = g->syscall;
        si->si_arch = g->arch;
        break;
    }
}

/* The union follows three ints, aligned like a pointer. */
static unsigned union_off(const struct syscall_table *abi)
{
    return abi->word_size == 8 ? 16 : 12;
}

/* MIPS puts si_code before si_errno and numbers some negative codes differently. */
static unsigned code_off(const struct syscall_table *abi) { return abi->siginfo_code_first ? 4 : 8; }
static unsigned errno_off(const struct syscall_table *abi) { return abi->siginfo_code_first ? 8 : 4; }

static int code_to_guest(const struct syscall_table *abi, int code)
{
    return code < 0 ? (int)abi_value_to_guest(abi->si_codes, (uint32_t)code) : code;
}

static int code_from_guest(const struct syscall_table *abi, int code)
{
    return code < 0 ? (int)abi_value_from_guest(abi->si_codes, (uint32_t)code) : code;
}

void siginfo_to_guest(const struct syscall_table *abi, const struct gsiginfo *g,
                      uint8_t out[GSIGINFO_SIZE])
{
    unsigned w = abi->word_size;
    memset(out, 0, GSIGINFO_SIZE);
    abi_st32(abi, out, (uint32_t)g->signo);
    abi_st32(abi, out + errno_off(abi), (uint32_t)abi_errno_from_host(abi, g->err));
    abi_st32(abi, out + code_off(abi), (uint32_t)code_to_guest(abi, g->code));
    uint8_t *u = out + union_off(abi);
    switch (siginfo_layout(abi_sig_to_host(abi, g->signo), g->code)) {
    case SIL_RT:
        abi_stword(abi, u + 8, g->value);
        /* fall through */
    case SIL_KILL:
        abi_st32(abi, u, (uint32_t)g->pid);
        abi_st32(abi, u + 4, (uint32_t)g->uid);
        break;
    case SIL_TIMER:
        abi_st32(abi, u, (uint32_t)g->timerid);
        abi_st32(abi, u + 4, (uint32_t)g->overrun);
        abi_stword(abi, u + 8, g->value);
        break;
    case SIL_POLL:
        abi_stword(abi, u, (uint64_t)g->band);
        abi_st32(abi, u + w, (uint32_t)g->fd);
        break;
    case SIL_FAULT:
        abi_stword(abi, u, g->addr);
        break;
    case SIL_CHLD:
        abi_st32(abi, u, (uint32_t)g->pid);
        abi_st32(abi, u + 4, (uint32_t)g->uid);
        abi_st32(abi, u + 8, (uint32_t)g->status);
        /* clock_t is a long: after the status on 32-bit ABIs, 8-aligned on 64-bit */
        abi_stword(abi, u + (w == 8 ? 16 : 12), (uint64_t)g->utime);
        abi_stword(abi, u + (w == 8 ? 24 : 16), (uint64_t)g->stime);
        break;
    case SIL_SYS:
        abi_stword(abi, u, g->addr);
        abi_st32(abi, u + w, (uint32_t)g->syscall);
        abi_st32(abi, u + w + 4, g->arch);
        break;
    }
}

void siginfo_from_guest(const struct syscall_table *abi, const uint8_t in[GSIGINFO_SIZE],
                        struct gsiginfo *g)
{
    unsigned w = abi->word_size;
    memset(g, 0, sizeof *g);
    g->signo = (int)abi_ld32(abi, in);
    g->err = (int)abi_ld32(abi, in + errno_off(abi));
    g->code = code_from_guest(abi, (int)abi_ld32(abi, in + code_off(abi)));
    const uint8_t *u = in + union_off(abi);
    switch (siginfo_layout(abi_sig_to_host(abi, g->signo), g->code)) {
    case SIL_RT:
        g->value = abi_ldword(abi, u + 8);
        /* fall through */
    case SIL_KILL:
        g->pid = (int)abi_ld32(abi, u);
        g->uid = (int)abi_ld32(abi, u + 4);
        break;
    case SIL_TIMER:
        g->timerid = (int)abi_ld32(abi, u);
        g->overrun = (int)abi_ld32(abi, u + 4);
        g->value = abi_ldword(abi, u + 8);
        break;
    case SIL_POLL:
        g->band = abi_sext_word(abi, abi_ldword(abi, u));
        g->fd = (int)abi_ld32(abi, u + w);
        break;
    case SIL_FAULT:
        g->addr = abi_ldword(abi, u);
        break;
    case SIL_CHLD:
        g->pid = (int)abi_ld32(abi, u);
        g->uid = (int)abi_ld32(abi, u + 4);
        g->status = (int)abi_ld32(abi, u + 8);
        g->utime = abi_sext_word(abi, abi_ldword(abi, u + (w == 8 ? 16 : 12)));
        g->stime = abi_sext_word(abi, abi_ldword(abi, u + (w == 8 ? 24 : 16)));
        break;
    case SIL_SYS:
        g->addr = abi_ldword(abi, u);
        g->syscall = (int)abi_ld32(abi, u + w);
        g->arch = abi_ld32(abi, u + w + 4);
        break;
    }
}

int wait_status_to_guest(const struct syscall_table *abi, int st)
{
    if (WIFSIGNALED(st))
        return (st & ~0x7f) | abi_sig_from_host(abi, WTERMSIG(st));
    if (WIFSTOPPED(st))
        return (st & ~0xff00) | abi_sig_from_host(abi, WSTOPSIG(st)) << 8;
    return st;
}
