/* The runner's command line and environment: crossrun [options] PROG [ARGS...] with
 * qemu-user's single-dash option spelling (double dash accepted too), and the
 * CROSSRUN_<OPTION> / QEMU_<OPTION> environment variables that mirror the options.
 * Contract: options_parse() only parses and validates; it prints nothing and changes no
 * global state (main applies the result). Precedence: QEMU_* < CROSSRUN_* < command
 * line; -E/-U edits from all three apply in that order. */
#ifndef LOADER_OPTIONS_H
#define LOADER_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum run_action {
    RUN_PROGRAM,
    RUN_HELP,          /* -h, -help */
    RUN_VERSION,       /* -version */
    RUN_CPU_HELP,      /* -cpu help */
    RUN_LOG_HELP,      /* -d help */
};

/* One -E or -U: "var=value" to set, or a bare "var" to unset. */
struct env_edit {
    const char *text;
    size_t name_len;
    bool unset;
};

struct run_options {
    enum run_action action;
    const char *forced_target;   /* from our own name crossrun-<target>, or NULL */
    const char *prog;            /* the guest program */
    char **guest_argv;           /* PROG ARGS..., NULL-terminated (points into argv) */
    const char *ld_prefix;
    const char *cpu_model;
    const char *argv0;
    unsigned log_mask;           /* -d items, plus LOG_STRACE for -strace */
    const char *log_file;
    bool strace;
    uint64_t stack_size;         /* 0: the loader's default */
    uint64_t guest_base;         /* 0: anywhere */
    uint64_t reserved_va;
    bool single_step, no_chain, perf_map;
    struct env_edit *env;        /* in order of application */
    size_t nenv;
    char **owned;                /* strings split out of comma lists (freed with us) */
    size_t nowned;
};

/* Parses env (the host environment, NULL-terminated) and argv. Returns 0, or -EINVAL
 * with a one-line reason in err (main adds a usage hint). */
int options_parse(struct run_options *o, int argc, char **argv, char *const env[],
                  char *err, size_t errlen);
void options_free(struct run_options *o);
void options_usage(FILE *f, const char *progname);

/* The guest's environment: env with the -E/-U edits applied. The array is malloc'd (free
 * it); its strings belong to env and o. NULL on allocation failure. */
char **options_guest_env(const struct run_options *o, char *const env[]);

/* Parses "8M", "512k", "0x100000": k/M/G/T are powers of 1024. Returns 0 or -EINVAL. */
int options_parse_size(const char *s, uint64_t *out);

#endif
