#include "common/log.h"

#include <errno.h>
#include <string.h>

unsigned log_mask;
FILE *log_file;

static const struct {
    const char *name;
    unsigned mask;
    const char *help;
} log_items[] = {
    { "in_asm",  LOG_IN_ASM,  "guest code of each translated block" },
    { "op",      LOG_OP,      "IR of each block before optimization" },
    { "op_opt",  LOG_OP_OPT,  "IR of each block after optimization" },
    { "out_asm", LOG_OUT_ASM, "host code generated for each block" },
    { "exec",    LOG_EXEC,    "each block entered from the main loop" },
    { "strace",  LOG_STRACE,  "guest system calls and their results" },
    { "unimp",   LOG_UNIMP,   "unimplemented instructions and system calls" },
    { "stats",   LOG_STATS,   "JIT statistics at exit" },
    { "page",    LOG_PAGE,    "guest memory mappings" },
    { "signal",  LOG_SIGNAL,  "guest signal delivery" },
};

int log_parse_mask(const char *list, unsigned *mask, const char **bad, size_t *badlen)
{
    unsigned m = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        bool found = false;
        if (n == 3 && !strncmp(p, "all", 3)) {
            for (size_t i = 0; i < sizeof log_items / sizeof log_items[0]; i++)
                m |= log_items[i].mask;
            found = true;
        }
        for (size_t i = 0; !found && i < sizeof log_items / sizeof log_items[0]; i++) {
            if (strlen(log_items[i].name) == n && !strncmp(p, log_items[i].name, n)) {
                m |= log_items[i].mask;
                found = true;
            }
        }
        if (!found && n > 0) {
            *bad = p;
            *badlen = n;
            return -1;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    *mask = m;
    return 0;
}

void log_list_masks(FILE *f)
{
    for (size_t i = 0; i < sizeof log_items / sizeof log_items[0]; i++)
        fprintf(f, "  %-8s %s\n", log_items[i].name, log_items[i].help);
    fprintf(f, "  %-8s %s\n", "all", "every category above");
}

int log_set_file(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -errno;
    setvbuf(f, NULL, _IOLBF, 0);
    log_file = f;
    return 0;
}

void log_vprintf(const char *fmt, va_list ap)
{
    vfprintf(log_file ? log_file : stderr, fmt, ap);
}

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vprintf(fmt, ap);
    va_end(ap);
}

void log_flush(void)
{
    fflush(log_file ? log_file : stderr);
}
