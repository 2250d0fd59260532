/* The MIPS JIT front end as the target_ops tables (cpu.c) see it.
 * Contract: mips_ir_init registers the guest-register globals of translate.h on a fresh
 * IR context (i32 views for 32-bit guests, i64 for 64-bit ones, chosen by the context's
 * guest address width; same order every time); mips_translate fills one TB
 * (tcg/translate.h). The insn_start extra word holds MIPS_EXTRA_DELAY_SLOT (cpu.h). */
#ifndef TARGET_MIPS_TRANSLATE_ENTRY_H
#define TARGET_MIPS_TRANSLATE_ENTRY_H

#include "tcg/ir.h"
#include "tcg/translate.h"

void mips_ir_init(struct ir *ir);
void mips_translate(struct tr_ctx *ctx);

#endif
