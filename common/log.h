/* Logging for -d / -D: a global mask of enabled categories and one output stream.
 * Contract: log_enabled() is cheap enough for hot paths; log_printf() writes to the
 * -D file (stderr by default).  Only main() decides where logs go; libraries just log. */
#ifndef COMMON_LOG_H
#define COMMON_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

enum log_mask {
    LOG_IN_ASM  = 1 << 0,   /* guest code of each new TB, disassembled */
    LOG_OP      = 1 << 1,   /* IR before optimization */
    LOG_OP_OPT  = 1 << 2,   /* IR after optimization */
    LOG_OUT_ASM = 1 << 3,   /* host code of each new TB, disassembled */
    LOG_EXEC    = 1 << 4,   /* every TB entered from the main loop */
    LOG_STRACE  = 1 << 5,   /* guest system calls */
    LOG_UNIMP   = 1 << 6,   /* unimplemented instructions and syscalls */
    LOG_STATS   = 1 << 7,   /* JIT statistics at exit */
    LOG_PAGE    = 1 << 8,   /* guest mappings and code-page protection */
    LOG_SIGNAL  = 1 << 9,   /* signal delivery */
};

extern unsigned log_mask;
extern FILE *log_file;

static inline bool log_enabled(unsigned m) { return (log_mask & m) != 0; }

/* Parses "in_asm,out_asm,..." into a mask; returns -1 and names the bad item in *bad. */
int log_parse_mask(const char *list, unsigned *mask, const char **bad, size_t *badlen);
/* Prints the category names with a line of help each. */
void log_list_masks(FILE *f);
int log_set_file(const char *path);
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_vprintf(const char *fmt, va_list ap);
void log_flush(void);

#endif
