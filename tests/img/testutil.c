/* Scratch files and shell helpers for the image tests (see testutil.h). */
#include "testutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static char scratch[64];

static void remove_scratch(void)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", scratch);
}

const char *tpath(const char *name)
{
    static char bufs[8][512];
    static int next;
    if (!scratch[0]) {
        snprintf(scratch, sizeof(scratch), "/tmp/crossrun-img-test-XXXXXX");
        if (!mkdtemp(scratch))
            abort();
        atexit(remove_scratch);
    }
    char *b = bufs[next++ % 8];
    snprintf(b, 512, "%s/%s", scratch, name);
    return b;
}

void tpattern(void *buf, size_t len, uint32_t seed)
{
    uint8_t *p = buf;
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (uint8_t)(x ^ (i >> 9));
    }
}

static int status_of(int st)
{
    return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int tsystem(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    return status_of(system(cmd));
}

char *tcapture(int *status, const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    FILE *p = popen(cmd, "r");
    if (!p)
        abort();
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    size_t n;
    while (out && (n = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 2)
            out = realloc(out, cap *= 2);
    }
    if (!out)
        abort();
    out[len] = 0;
    *status = status_of(pclose(p));
    return out;
}

int have_qemu_img(void)
{
    return tsystem("command -v qemu-img >/dev/null 2>&1") == 0;
}
