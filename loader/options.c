/* Command line and environment parsing for the runner (see loader/options.h). */
#include "loader/options.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"

enum opt_id {
    O_HELP, O_VERSION, O_LD_PREFIX, O_SET_ENV, O_UNSET_ENV, O_ARGV0, O_CPU, O_STACK,
    O_LOG, O_LOG_FILE, O_STRACE, O_GUEST_BASE, O_RESERVED_VA, O_SINGLESTEP, O_NOCHAIN,
    O_PERFMAP,
};

struct opt_spec {
    const char *name, *alias;
    enum opt_id id;
    const char *env;             /* CROSSRUN_<env> and QEMU_<env>, or NULL */
    const char *arg;             /* the argument's name in -help, NULL for flags */
    const char *help;
};

static const struct opt_spec specs[] = {
    { "h", "help", O_HELP, NULL, NULL, "print this help and exit" },
    { "version", NULL, O_VERSION, NULL, NULL, "print the version and exit" },
    { "L", NULL, O_LD_PREFIX, "LD_PREFIX", "path",
      "the guest's root: ELF interpreter and absolute paths are looked up there first" },
    { "E", NULL, O_SET_ENV, "SET_ENV", "var=value[,...]",
      "set variables in the guest environment (repeatable)" },
    { "U", NULL, O_UNSET_ENV, "UNSET_ENV", "var[,...]",
      "remove variables from the guest environment (repeatable)" },
    { "0", NULL, O_ARGV0, "ARGV0", "argv0", "the guest's argv[0] (default: PROG)" },
    { "cpu", NULL, O_CPU, "CPU", "model", "CPU model to emulate ('-cpu help' lists)" },
    { "s", NULL, O_STACK, "STACK_SIZE", "size", "stack size, k/M/G suffixes (default 8M)" },
    { "d", NULL, O_LOG, "LOG", "item[,...]", "enable logging ('-d help' lists the items)" },
    { "D", NULL, O_LOG_FILE, "LOG_FILENAME", "file", "write logs to file, not stderr" },
    { "strace", NULL, O_STRACE, "STRACE", NULL, "log system calls (same as -d strace)" },
    { "B", NULL, O_GUEST_BASE, "GUEST_BASE", "address",
      "put guest address 0 at this host address" },
    { "R", NULL, O_RESERVED_VA, "RESERVED_VA", "size",
      "size of the guest address space to reserve" },
    { "singlestep", "one-insn-per-tb", O_SINGLESTEP, "SINGLESTEP", NULL,
      "translate one guest instruction per block (debugging)" },
    { "nochain", NULL, O_NOCHAIN, NULL, NULL, "never chain blocks (debugging)" },
    { "perfmap", NULL, O_PERFMAP, "PERFMAP", NULL,
      "name translated code for perf in /tmp/perf-PID.map" },
};
#define NSPECS (sizeof specs / sizeof specs[0])

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -EINVAL;
}

int options_parse_size(const char *s, uint64_t *out)
{
    char *end;
    if (!*s || *s == '-')
        return -EINVAL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s)
        return -EINVAL;
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    case 't': case 'T': shift = 40; end++; break;
    }
    if (*end || (shift && v > (UINT64_MAX >> shift)))
        return -EINVAL;
    *out = (uint64_t)v << shift;
    return 0;
}

static const char *env_lookup(char *const env[], const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; env && env[i]; i++)
        if (!strncmp(env[i], name, n) && env[i][n] == '=')
            return env[i] + n + 1;
    return NULL;
}

static int own(struct run_options *o, char *s)
{
    char **n = realloc(o->owned, (o->nowned + 1) * sizeof *n);
    if (!n) {
        free(s);
        return -ENOMEM;
    }
    o->owned = n;
    o->owned[o->nowned++] = s;
    return 0;
}

/* Adds the comma-separated -E/-U items of list. */
static int add_env_edits(struct run_options *o, const char *list, bool unset, char *err,
                         size_t errlen)
{
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        if (n) {
            char *item = strndup(p, n);
            if (!item || own(o, item) < 0)
                return fail(err, errlen, "out of memory");
            size_t name_len = strcspn(item, "=");
            if (unset ? item[name_len] != 0 : (item[name_len] != '=' || name_len == 0))
                return fail(err, errlen, unset ? "-U wants a variable name, not '%s'"
                                               : "-E wants var=value, not '%s'", item);
            struct env_edit *e = realloc(o->env, (o->nenv + 1) * sizeof *e);
            if (!e)
                return fail(err, errlen, "out of memory");
            o->env = e;
            o->env[o->nenv++] = (struct env_edit){ item, name_len, unset };
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

static int apply(struct run_options *o, const struct opt_spec *s, const char *val,
                 char *err, size_t errlen)
{
    const char *bad;
    size_t badlen;
    unsigned mask;
    switch (s->id) {
    case O_HELP: o->action = RUN_HELP; break;
    case O_VERSION: o->action = RUN_VERSION; break;
    case O_LD_PREFIX: o->ld_prefix = val; break;
    case O_SET_ENV: return add_env_edits(o, val, false, err, errlen);
    case O_UNSET_ENV: return add_env_edits(o, val, true, err, errlen);
    case O_ARGV0: o->argv0 = val; break;
    case O_CPU:
        if (!strcmp(val, "help") || !strcmp(val, "?"))
            o->action = RUN_CPU_HELP;
        else
            o->cpu_model = val;
        break;
    case O_STACK:
        if (options_parse_size(val, &o->stack_size) < 0 || o->stack_size == 0)
            return fail(err, errlen, "bad stack size '%s'", val);
        break;
    case O_LOG:
        if (!strcmp(val, "help") || !strcmp(val, "?")) {
            o->action = RUN_LOG_HELP;
            break;
        }
        if (log_parse_mask(val, &mask, &bad, &badlen) < 0)
            return fail(err, errlen, "unknown log item '%.*s' (-d help lists them)",
                        (int)badlen, bad);
        /* Keep -strace's bit when -d comes after it. */
        o->log_mask = mask | (o->strace ? LOG_STRACE : 0);
        break;
    case O_LOG_FILE: o->log_file = val; break;
    case O_STRACE:
        o->strace = true;
        o->log_mask |= LOG_STRACE;
        break;
    case O_GUEST_BASE: {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(val, &end, 0);
        if (errno || end == val || *end || *val == '-' || (v & 4095))
            return fail(err, errlen, "bad guest base '%s' (a page-aligned address)", val);
        o->guest_base = v;
        break;
    }
    case O_RESERVED_VA:
        if (options_parse_size(val, &o->reserved_va) < 0 || o->reserved_va == 0)
            return fail(err, errlen, "bad reserved size '%s'", val);
        break;
    case O_SINGLESTEP: o->single_step = true; break;
    case O_NOCHAIN: o->no_chain = true; break;
    case O_PERFMAP: o->perf_map = true; break;
    }
    return 0;
}

static const struct opt_spec *find_spec(const char *name)
{
    for (size_t i = 0; i < NSPECS; i++)
        if (!strcmp(specs[i].name, name) || (specs[i].alias && !strcmp(specs[i].alias, name)))
            return &specs[i];
    return NULL;
}

/* The environment's view of one option: QEMU_<X> first so CROSSRUN_<X> overrides it. */
static int apply_env(struct run_options *o, const struct opt_spec *s, char *const env[],
                     char *err, size_t errlen)
{
    static const char *const prefixes[] = { "QEMU_", "CROSSRUN_" };
    for (size_t p = 0; p < 2; p++) {
        char name[64];
        snprintf(name, sizeof name, "%s%s", prefixes[p], s->env);
        const char *val = env_lookup(env, name);
        if (!val)
            continue;
        char why[200];
        if (apply(o, s, val, why, sizeof why) < 0)
            return fail(err, errlen, "%s: %s", name, why);
    }
    return 0;
}

int options_parse(struct run_options *o, int argc, char **argv, char *const env[],
                  char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    const char *self = argc > 0 ? argv[0] : "crossrun";
    const char *base = strrchr(self, '/');
    base = base ? base + 1 : self;
    if (!strncmp(base, "crossrun-", 9) && base[9])
        o->forced_target = base + 9;

    for (size_t i = 0; i < NSPECS; i++) {
        if (specs[i].env && apply_env(o, &specs[i], env, err, errlen) < 0)
            return -EINVAL;
    }

    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        const char *a = argv[i++];
        if (!strcmp(a, "--"))
            break;
        const char *name = a + 1 + (a[1] == '-');
        const struct opt_spec *s = find_spec(name);
        if (!s)
            return fail(err, errlen, "unknown option %s", a);
        const char *val = NULL;
        if (s->arg) {
            if (i >= argc)
                return fail(err, errlen, "option %s needs an argument (%s)", a, s->arg);
            val = argv[i++];
        }
        char why[200];
        if (apply(o, s, val, why, sizeof why) < 0)
            return fail(err, errlen, "%s", why);
        if (o->action == RUN_HELP || o->action == RUN_VERSION)
            return 0;
    }
    if (o->action != RUN_PROGRAM)
        return 0;
    if (i >= argc)
        return fail(err, errlen, "no program to run");
    o->prog = argv[i];
    o->guest_argv = &argv[i];
    return 0;
}

void options_free(struct run_options *o)
{
    for (size_t i = 0; i < o->nowned; i++)
        free(o->owned[i]);
    free(o->owned);
    free(o->env);
    o->owned = NULL;
    o->env = NULL;
    o->nowned = o->nenv = 0;
}

void options_usage(FILE *f, const char *progname)
{
    fprintf(f, "usage: %s [options] PROG [ARGS...]\n"
               "Runs a Linux program built for another CPU.\n\n"
               "options (one dash or two):\n", progname);
    for (size_t i = 0; i < NSPECS; i++) {
        char left[64];
        snprintf(left, sizeof left, "-%s%s%s%s%s", specs[i].name,
                 specs[i].alias ? "/-" : "", specs[i].alias ? specs[i].alias : "",
                 specs[i].arg ? " " : "", specs[i].arg ? specs[i].arg : "");
        fprintf(f, "  %-24s %s\n", left, specs[i].help);
    }
    fprintf(f, "\nenvironment (the options win over it):\n");
    for (size_t i = 0; i < NSPECS; i++)
        if (specs[i].env)
            fprintf(f, "  CROSSRUN_%-16s -%s%s\n", specs[i].env, specs[i].name,
                    specs[i].id == O_SET_ENV || specs[i].id == O_UNSET_ENV
                        ? " (comma-separated list)" : "");
    fprintf(f, "  (QEMU_<name> is accepted too)\n"
               "Named crossrun-<guest>, the program runs as that guest without detection.\n");
}

char **options_guest_env(const struct run_options *o, char *const env[])
{
    size_t n = 0;
    while (env && env[n])
        n++;
    char **out = malloc((n + o->nenv + 1) * sizeof *out);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++)
        out[i] = env[i];
    for (size_t k = 0; k < o->nenv; k++) {
        const struct env_edit *e = &o->env[k];
        size_t j = 0;
        while (j < n && !(strncmp(out[j], e->text, e->name_len) == 0 &&
                          out[j][e->name_len] == '='))
            j++;
        if (e->unset) {
            if (j < n) {
                memmove(&out[j], &out[j + 1], (n - j - 1) * sizeof *out);
                n--;
            }
        } else {
            out[j == n ? n++ : j] = (char *)e->text;
        }
    }
    out[n] = NULL;
    return out;
}
