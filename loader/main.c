/* crossrun [options] PROG [ARGS...]: the one place that prints errors and decides the
 * exit status. Order: options -> guest target (our name or the ELF header) -> guest
 * address space -> JIT -> program and stack -> CPU -> Linux layer -> run forever. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "loader/loader.h"
#include "loader/options.h"
#include "loader/version.h"
#include "syscall/linux.h"
#include "target/target.h"
#include "tcg/exec.h"
#include "tcg/page.h"

extern char **environ;

static int die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("crossrun: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

static void list_guests(FILE *f)
{
    fprintf(f, "Guests compiled in (-cpu MODEL is passed to the guest's CPU setup):\n");
    for (const struct target_ops *const *t = target_list; *t; t++) {
        fprintf(f, "  %-10s %s, %u-bit %s-endian", (*t)->name,
                (*t)->uname_machine ? (*t)->uname_machine : "",
                (*t)->addr_bits, (*t)->big_endian ? "big" : "little");
        for (const char *const *a = (*t)->aliases; a && *a; a++)
            fprintf(f, "%s%s", a == (*t)->aliases ? " (also " : ", ", *a);
        fprintf(f, "%s\n", (*t)->aliases && (*t)->aliases[0] ? ")" : "");
    }
    if (!target_list[0])
        fprintf(f, "  (none)\n");
}

static int log_mapping(void *opaque, uint64_t start, uint64_t end, int flags)
{
    log_printf("  %08llx-%08llx %c%c%c%s%s%s\n", (unsigned long long)start,
               (unsigned long long)end, flags & PAGE_READ ? 'r' : '-',
               flags & PAGE_WRITE ? 'w' : '-', flags & PAGE_EXEC ? 'x' : '-',
               flags & PAGE_ANON ? " anon" : "", flags & PAGE_RESERVED ? " reserved" : "",
               flags & PAGE_CODE ? " code" : "");
    return 0;
}

static void log_image(const struct image_info *info)
{
    log_printf("guest_base  0x%llx\n", (unsigned long long)guest_base);
    log_printf("entry       0x%llx (program 0x%llx, interpreter base 0x%llx)\n",
               (unsigned long long)info->entry, (unsigned long long)info->prog_entry,
               (unsigned long long)info->interp_base);
    log_printf("brk         0x%llx\n", (unsigned long long)info->start_brk);
    log_printf("stack       0x%llx-0x%llx, sp 0x%llx\n", (unsigned long long)info->stack_limit,
               (unsigned long long)info->stack_top, (unsigned long long)info->sp);
    page_walk(log_mapping, NULL);
}

int main(int argc, char **argv)
{
    static struct run_options o;
    static struct image_info info;   /* the Linux layer keeps a pointer to it */
    char err[1024];

    if (options_parse(&o, argc, argv, environ, err, sizeof err) < 0)
        return die("%s (try 'crossrun -help')", err);
    switch (o.action) {
    case RUN_HELP:
        options_usage(stdout, "crossrun");
        return 0;
    case RUN_VERSION:
        printf("crossrun %s\n", CROSSRUN_VERSION);
        return 0;
    case RUN_CPU_HELP:
        list_guests(stdout);
        return 0;
    case RUN_LOG_HELP:
        printf("Log items for -d (comma-separated):\n");
        log_list_masks(stdout);
        return 0;
    case RUN_PROGRAM:
        break;
    }

    if (o.log_file) {
        int r = log_set_file(o.log_file);
        if (r < 0)
            return die("cannot open log file %s: %s", o.log_file, strerror(-r));
    }
    log_mask = o.log_mask;

    const struct target_ops *ops;
    if (o.forced_target) {
        ops = target_by_name(o.forced_target);
        if (!ops)
            return die("no guest named '%s' (from the program name %s)", o.forced_target,
                       argv[0]);
    } else {
        ops = loader_detect(o.prog, err, sizeof err);
        if (!ops)
            return die("%s: %s", o.prog, err);
    }

    /* The guest space first: the JIT's prologue bakes guest_base into host code. */
    uint64_t space = o.reserved_va ? o.reserved_va : ops->guest_space;
    int r = guest_space_init(ops->addr_bits, ops->page_bits, o.guest_base, space);
    if (r < 0) {
        if (o.guest_base)
            return die("cannot reserve the guest address space at 0x%llx: %s",
                       (unsigned long long)o.guest_base, strerror(-r));
        return die("cannot reserve the guest address space: %s", strerror(-r));
    }
    struct tcg_options tcg = { .single_step = o.single_step, .no_chain = o.no_chain,
                               .perf_map = o.perf_map };
    r = tcg_init(ops, &tcg);
    if (r < 0)
        return die("cannot start the JIT: %s", strerror(-r));

    char **env = options_guest_env(&o, environ);
    if (!env)
        return die("out of memory");
    struct loader_opts lo = { .ld_prefix = o.ld_prefix, .stack_size = o.stack_size,
                              .argv0 = o.argv0 };
    r = loader_exec(ops, o.prog, o.guest_argv, env, &lo, &info, err, sizeof err);
    if (r < 0)
        return die("%s: %s", o.prog, err);
    if (log_enabled(LOG_PAGE))
        log_image(&info);

    struct cpu_common *cpu = cpu_new(ops, o.cpu_model);
    if (!cpu) {
        if (o.cpu_model)
            return die("cannot create a '%s' CPU for the %s guest (-cpu help lists guests)",
                       o.cpu_model, ops->name);
        return die("cannot create the %s CPU", ops->name);
    }
    ops->cpu_set_entry(cpu, info.entry, info.sp);

    struct linux_opts lx = { .ops = ops, .image = &info,
                             .ld_prefix = o.ld_prefix ? o.ld_prefix : info.auto_root,
                             .strace = o.strace };
    r = linux_init(&lx);
    if (r < 0)
        return die("%s: cannot start the Linux layer: %s", o.prog, strerror(-r));
    cpu_loop(cpu);
}
