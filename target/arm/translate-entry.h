/* The 32-bit ARM JIT front end as the target_ops table (cpu.c) sees it.
 * Contract: arm_ir_init registers the guest-register globals of translate.h on a fresh
 * IR context (same order every time); arm_translate fills one TB (tcg/translate.h).
 * The insn_start extra word is ITSTATE | thumb << 8 (see arm_restore_state in cpu.c). */
#ifndef TARGET_ARM_TRANSLATE_ENTRY_H
#define TARGET_ARM_TRANSLATE_ENTRY_H

#include "tcg/ir.h"
#include "tcg/translate.h"

void arm_ir_init(struct ir *ir);
void arm_translate(struct tr_ctx *ctx);

enum { ARM_EXTRA_THUMB = 1 << 8 };

#endif
