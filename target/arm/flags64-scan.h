/* Dead-flag elimination at A64 TB exits: before a direct exit to dest, the translator
 * asks which NZCV flags the code there may read before writing them; the others are
 * dead and need not be computed or stored (ir discard).
 * Contract: only instructions on the pages the TB already covers are read (so code
 * changes there invalidate this TB too); when unsure, a flag counts as read. A fault
 * or signal in the successor before its flag write shows stale NZCV values to a
 * handler; the interrupted code never reads them. */
#ifndef TARGET_ARM_FLAGS64_SCAN_H
#define TARGET_ARM_FLAGS64_SCAN_H

#include <stdint.h>

#include "tcg/translate.h"

enum {
    A64_FLAG_N = 1, A64_FLAG_Z = 2, A64_FLAG_C = 4, A64_FLAG_V = 8,
    A64_FLAG_ALL = 15,
};

/* The flags the code at dest may read before it writes them. */
unsigned a64_flags_read_first(const struct tr_ctx *ctx, uint64_t dest);

#endif
