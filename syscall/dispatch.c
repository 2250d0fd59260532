/* From EXCP_SYSCALL to a result in the guest's registers: number lookup, argument
 * decoding, -strace, unsupported-call reports, restarts after ignored signals and
 * errno translation. */
#include "syscall/syscall.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/signal.h"
#include "syscall/strace.h"
#include "target/target.h"

struct linux_proc linux_proc;

static const struct syscall_def *const topics[] = {
    syscalls_file, syscalls_fd, syscalls_stat, syscalls_dir, syscalls_fsnames,
    syscalls_time, syscalls_process, syscalls_resource, syscalls_system, syscalls_mem,
    syscalls_ioctl, syscalls_poll, syscalls_sigcalls, syscalls_socket, syscalls_clone,
    syscalls_exit, syscalls_futex, syscalls_exec, syscalls_wait, syscalls_sigwait,
    syscalls_creds,
    syscalls_xattr, syscalls_splice, syscalls_eventfd, syscalls_timerfd, syscalls_signalfd,
    syscalls_inotify, syscalls_epoll, syscalls_timer, syscalls_clockadj, syscalls_sched,
    syscalls_admin, syscalls_fileadv, syscalls_handles, syscalls_sockopt, syscalls_sockmsg,
    syscalls_socketcall,
    syscalls_ipc, syscalls_ipc_msg, syscalls_ipc_sem, syscalls_ipc_shm,
    syscalls_mqueue, syscalls_aio, syscalls_procctl, syscalls_process_vm, syscalls_sigold,
};

static const struct syscall_def *by_nr[GSYS_COUNT];
static bool indexed;

static void build_index(void)
{
    for (size_t t = 0; t < sizeof topics / sizeof topics[0]; t++)
        for (const struct syscall_def *d = topics[t]; d->nr != GSYS_NONE; d++)
            by_nr[d->nr] = d;
    indexed = true;
}

const struct syscall_def *syscall_def_of(enum gsys nr)
{
    if (!indexed)
        build_index();
    return (unsigned)nr < GSYS_COUNT ? by_nr[nr] : NULL;
}

void syscall_decode_args(const struct syscall_table *abi, const struct syscall_def *d,
                         const uint64_t raw[6], uint64_t a[6])
{
    uint64_t word_mask = abi->word_size == 8 ? ~0ull : 0xffffffffull;
    unsigned r = 0;
    for (int i = 0; i < 6; i++) {
        unsigned kind = d ? d->args[i] : A_HEX;
        a[i] = 0;
        if (kind == A_NONE) {
            /* The rest keep their raw values: some calls read past their signature
             * (fcntl's optional argument is typed by the command). */
            a[i] = r < 6 ? raw[r++] & word_mask : 0;
            continue;
        }
        if (kind == A_S64 && abi->word_size == 4) {
            if (abi->pair64 == PAIR64_ALIGNED && (r & 1))
                r++;
            uint64_t first = r < 6 ? raw[r] & 0xffffffff : 0;
            uint64_t second = r + 1 < 6 ? raw[r + 1] & 0xffffffff : 0;
            r += 2;
            /* The pair is in memory order: high word first on big-endian ABIs. */
            a[i] = abi->big_endian ? first << 32 | second : second << 32 | first;
            continue;
        }
        uint64_t v = r < 6 ? raw[r++] : 0;
        switch (kind) {
        case A_INT: case A_FD: case A_DIRFD: case A_SIG: case A_SIGHOW: case A_CLOCK:
        case A_WHENCE: case A_FCNTL: case A_OFLAGS: case A_FDFLAGS:
            a[i] = (uint64_t)(int64_t)(int32_t)(uint32_t)v;
            break;
        case A_UINT: case A_IOCTL:
            a[i] = v & 0xffffffff;
            break;
        case A_LONG: case A_S64:
            a[i] = (uint64_t)abi_sext_word(abi, v & word_mask);
            break;
        default:
            a[i] = v & word_mask;
            break;
        }
    }
}

static bool tracing(void)
{
    return linux_proc.strace || log_enabled(LOG_STRACE);
}

static void report_unsupported(int64_t guest_nr, enum gsys g)
{
    if (log_enabled(LOG_UNIMP) || tracing()) {
        const char *name = gsys_name(g);
        log_printf("Unsupported syscall: %lld (%s)\n", (long long)guest_nr,
                   name ? name : "unknown");
    }
}

/* Numbers the generic layer does not implement: the target's own calls (ARM's 0xf0000
 * range, MIPS's set_thread_area or cacheflush), else ENOSYS. Results of the target's
 * private calls are already in guest form. */
static void private_call(struct cpu_common *cpu, int nr, enum gsys g, const uint64_t raw[6])
{
    const struct target_ops *ops = linux_proc.ops;
    int64_t ret;
    int64_t enosys = -abi_errno_from_host(linux_proc.abi, ENOSYS);
    if (!ops->private_syscall || !ops->private_syscall(cpu, nr, raw, &ret))
        ret = enosys;
    if (ret == enosys)
        report_unsupported(nr, g);
    if (tracing()) {
        char call[256];
        strace_format_call(call, sizeof call, linux_proc.abi, g, nr, NULL, raw);
        log_printf("%d %s = %lld\n", (int)getpid(), call, (long long)ret);
    }
    ops->syscall_ret(cpu, ret);
}

void linux_syscall(struct cpu_common *cpu)
{
    const struct target_ops *ops = linux_proc.ops;
    const struct syscall_table *abi = linux_proc.abi;
    int nr;
    uint64_t raw[6];
    ops->syscall_args(cpu, &nr, raw);

    enum gsys g = sysnum_lookup(abi->numbers, nr);
    const struct syscall_def *d = syscall_def_of(g);
    if (!d) {
        private_call(cpu, nr, g, raw);
        return;
    }
    /* A signal that arrived before the guest reached its syscall instruction goes
     * first, as on a board; the call then runs after the handler. */
    struct thread_state *ts = cpu->ts;
    if (ts && atomic_load(&ts->sig_flag) && signal_deliverable(ts) && ops->syscall_restart) {
        ops->syscall_restart(cpu);
        return;
    }
    struct sc c = { .cpu = cpu, .ts = ts, .abi = abi, .nr = g, .guest_nr = nr };
    syscall_decode_args(abi, d, raw, c.a);
    c.restart = (d->flags & SCF_NORESTART) ? RESTART_NEVER : RESTART_IF_SA;

    /* Formatted before the call: it may change the memory the arguments point to. */
    static _Thread_local char line[8192];
    bool trace = tracing();
    size_t len = 0;
    if (trace) {
        len = strace_format_call(line, sizeof line, abi, g, nr, d, c.a);
        if (d->ret == R_NORETURN) {
            log_printf("%d %s\n", (int)getpid(), line);
            log_flush();
        }
    }

    int64_t ret;
    /* Host signals interrupt blocking calls even when the guest would not have
     * noticed them (ignored, blocked); then the call simply goes on. */
    do
        ret = d->fn(&c);
    while (ret == -EINTR && signal_restart_after_eintr(c.ts));

    /* A restart: the guest re-executes the call after its handler returns, with its
     * argument registers untouched (nothing is stored). */
    if (ret == -EINTR && ops->syscall_restart &&
        (c.restart == RESTART_ALWAYS ||
         (c.restart == RESTART_IF_SA && signal_handler_restarts(c.ts)))) {
        ops->syscall_restart(cpu);
        if (trace)
            log_printf("%d %s = ? (restarted after the signal handler)\n", (int)getpid(), line);
        return;
    }
    if (trace) {
        strace_format_result(line + len, sizeof line - len, abi, d, ret);
        log_printf("%d %s\n", (int)getpid(), line);
    }
    if (ret == SC_NO_RESULT)
        return;
    if (ret < 0 && ret >= -4095)
        ret = -abi_errno_from_host(abi, (int)-ret);
    ops->syscall_ret(cpu, ret);
}
