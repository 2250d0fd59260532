/* crossrun-img: one function per command (cmd_*.c) and the helpers they share.
 * Contract: a command gets argc/argv starting at its name, prints its own output and
 * errors (it is main's part of the program) and returns the process exit status, using
 * qemu-img's codes (1 for errors; check and compare have their own, see those files). */
#ifndef SYSEMU_IMG_IMG_H
#define SYSEMU_IMG_IMG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sysemu/block/block.h"

int cmd_info(int argc, char **argv);
int cmd_create(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_resize(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);
int cmd_rebase(int argc, char **argv);
int cmd_commit(int argc, char **argv);
int cmd_measure(int argc, char **argv);
int cmd_dd(int argc, char **argv);
int cmd_amend(int argc, char **argv);
int cmd_bench(int argc, char **argv);

/* "crossrun-img: <message>: <block_error() or strerror>" on stderr. */
void img_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the failure reason of a block-layer call that returned err. */
void img_block_error(const char *what, int err);
/* Opens an image, printing why not; returns NULL on failure. */
struct block_dev *img_open(const char *filename, const char *fmt, int flags);
/* qemu-img's human sizes: "10 MiB", "1.5 GiB", "332 KiB". */
void img_human_size(uint64_t bytes, char *out, size_t len);
/* Parses a size argument; prints an error and returns false when it is not one. */
bool img_parse_size(const char *s, uint64_t *out);
/* Adds one -o argument (possibly "help") to opts; false (after printing) on error. */
bool img_add_opts(struct block_opts *opts, const char *arg);
/* Prints the create options of a format ("-o help"). */
void img_print_opts(const char *fmt, const struct block_opt_desc *desc);
/* "--output=human|json": false (after printing) when neither. */
bool img_parse_output(const char *arg, bool *json);
/* A progress line "    (12.34/100%)" on stdout, redrawn in place. */
void img_progress(double fraction);
/* A page-aligned I/O buffer of at least len bytes (free() it): the kernel copies to and
 * from page-aligned user memory a third faster than to memory 16 bytes off. */
void *img_buffer(size_t len);

#endif
