/* Which condition flags the guest code at an address may read before it writes them:
 * TB exits to such code need not keep the others (the translator discards them, and
 * liveness then drops their computation and their stores).
 * Contract: conservative — an instruction the scanner does not understand, a branch,
 * or leaving the pages the current TB already covers (so self-modifying code there
 * invalidates this TB too) ends the scan with every flag not yet written counted as
 * read. */
#ifndef TARGET_ARM_FLAGS_SCAN_H
#define TARGET_ARM_FLAGS_SCAN_H

#include <stdbool.h>
#include <stdint.h>

struct tr_ctx;

enum { ARM_FLAG_V = 1, ARM_FLAG_C = 2, ARM_FLAG_Z = 4, ARM_FLAG_N = 8, ARM_FLAGS_ALL = 15 };

/* Flags (ARM_FLAG_*) the code at pc, in ARM or Thumb state outside an IT block, may
 * read before writing. */
unsigned arm_flags_read_first(const struct tr_ctx *ctx, uint32_t pc, bool thumb);

/* The flags condition cc (0..15, ARM encoding) reads. */
unsigned arm_cond_reads(unsigned cc);

#endif
