/* Helpers shared by the image tests: a scratch directory per test program, file paths in
 * it, patterned buffers.  The directory is removed at exit. */
#ifndef TESTS_IMG_TESTUTIL_H
#define TESTS_IMG_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

/* A path "<scratch dir>/<name>" (static buffer rotated among 8 calls). */
const char *tpath(const char *name);
/* Fills buf with bytes derived from seed and position, so any misplaced byte shows. */
void tpattern(void *buf, size_t len, uint32_t seed);
/* Runs a shell command; returns its exit status (or -1 if it died). */
int tsystem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The output of a shell command (malloc'ed, NUL-terminated) and its exit status. */
char *tcapture(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True when qemu-img is on PATH. */
int have_qemu_img(void);

#endif
