/* Helpers shared by the crossrun-img commands (see img.h). */
#include "sysemu/img/img.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void img_error(const char *fmt, ...)
{
    va_list ap;
    fputs("crossrun-img: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void img_block_error(const char *what, int err)
{
    const char *why = block_error();
    if (*why)
        img_error("%s: %s", what, why);
    else
        img_error("%s: %s", what, strerror(-err));
}

struct block_dev *img_open(const char *filename, const char *fmt, int flags)
{
    struct block_dev *bs;
    int r = block_open(&bs, filename, fmt, flags);
    if (r < 0) {
        img_block_error(filename, r);
        return NULL;
    }
    if (bs->probed_raw && (flags & BLOCK_O_RDWR))
        fprintf(stderr, "crossrun-img: warning: the format of '%s' was not given and probing "
                "found raw; writes that would make its first sector look like another format "
                "are refused (use -f raw)\n", filename);
    return bs;
}

void img_human_size(uint64_t bytes, char *out, size_t len)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    int i = 0;
    /* Switch to the next unit once the number would reach 1000, as qemu-img does. */
    while (i < 6 && (double)bytes >= 1000.0 * (double)(1ULL << (10 * i)))
        i++;
    snprintf(out, len, "%0.3g %s", (double)bytes / (double)(1ULL << (10 * i)), units[i]);
}

bool img_parse_size(const char *s, uint64_t *out)
{
    int r = block_parse_size(s, out);
    if (r == -ERANGE) {
        img_error("image size must be less than 8 EiB");
        return false;
    }
    if (r < 0) {
        img_error("invalid image size specified: '%s' (a number with an optional k, M, G, T, "
                  "P or E suffix)", s);
        return false;
    }
    return true;
}

bool img_add_opts(struct block_opts *opts, const char *arg)
{
    int r = block_opts_parse(opts, arg);
    if (r < 0) {
        img_block_error("invalid option list", r);
        return false;
    }
    return true;
}

void img_print_opts(const char *fmt, const struct block_opt_desc *desc)
{
    printf("Supported %s options:\n", fmt);
    for (; desc && desc->name; desc++) {
        char left[64];
        snprintf(left, sizeof(left), "%s=<%s>", desc->name, desc->type);
        printf("  %-22s - %s\n", left, desc->help);
    }
}

bool img_parse_output(const char *arg, bool *json)
{
    if (!strcmp(arg, "json"))
        *json = true;
    else if (!strcmp(arg, "human"))
        *json = false;
    else {
        img_error("--output must be used with human or json as argument.");
        return false;
    }
    return true;
}

void img_progress(double fraction)
{
    printf("    (%.2f/100%%)\r", fraction * 100.0);
    fflush(stdout);
}

void *img_buffer(size_t len)
{
    const size_t page = 4096;
    if (len > SIZE_MAX - page)
        return NULL;
    return aligned_alloc(page, (len + page - 1) / page * page);
}
