/* The A64 JIT front end as the target_ops table (cpu64.c) sees it.
 * Contract: a64_ir_init registers the guest-register globals of translate-a64.h on a
 * fresh IR context (same order every time); a64_translate fills one TB
 * (tcg/translate.h). The insn_start extra word is always 0: the pc alone restores
 * the state at a fault. */
#ifndef TARGET_ARM_TRANSLATE_A64_ENTRY_H
#define TARGET_ARM_TRANSLATE_A64_ENTRY_H

#include "tcg/ir.h"
#include "tcg/translate.h"

void a64_ir_init(struct ir *ir);
void a64_translate(struct tr_ctx *ctx);

#endif
