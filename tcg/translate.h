/* What a target's translate() gets: the TB's start, the IR to fill, and fetch helpers.
 * Contract: translate() emits IR for guest instructions from ctx->pc onwards (one
 * ir_insn_start per instruction), advances ctx->pc_next past each one, and ends the
 * block with an exit (ir_goto_tb/ir_goto_ptr/ir_exit_tb or an exception). It stops early
 * when tr_should_stop() says so. Code is fetched only through tr_fetch*, which records
 * the guest pages the TB covers (for self-modifying-code invalidation). */
#ifndef TCG_TRANSLATE_H
#define TCG_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/ir.h"

struct tb;

struct tr_ctx {
    struct ir *ir;
    struct tb *tb;              /* the TB being built: pass to ir_goto_tb() */
    uint64_t pc;                /* first guest pc of the TB */
    uint32_t flags;             /* tb flags (target_ops.tb_flags at entry) */
    uint64_t pc_next;           /* the translator's cursor */
    unsigned num_insns;         /* guest instructions translated so far */
    unsigned max_insns;         /* limit: 1 when single-stepping */
    uint64_t page_first, page_last;   /* guest pages of code fetched (page addresses) */
};

/* Fetch guest code. Return false (and leave *out alone) when pc is not in an executable
 * guest mapping: the translator then raises a fetch fault if this is the TB's first
 * instruction, or ends the TB before it. */
bool tr_fetch16(struct tr_ctx *ctx, uint64_t pc, uint16_t *out);
bool tr_fetch32(struct tr_ctx *ctx, uint64_t pc, uint32_t *out);
/* True when the TB should end before the next instruction: instruction budget used,
 * op buffer nearly full, or the next instruction would start on a third guest page. */
bool tr_should_stop(const struct tr_ctx *ctx);

/* Common exits the translators emit. */
/* Store pc and raise exception excp (EXCP_*) with code/addr, ending the TB. */
void tr_gen_exception(struct tr_ctx *ctx, uint64_t pc, int excp, int code, uint64_t addr);

#endif
