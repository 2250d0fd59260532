/* Generic services for target translators: code fetch with page tracking, the stop
 * rule for TBs, and the exception exit. */
#include "tcg/translate.h"

#include <stddef.h>
#include <string.h>

#include "tcg/cpu.h"
#include "tcg/page.h"

static bool fetch(struct tr_ctx *ctx, uint64_t pc, void *out, unsigned len)
{
    uint64_t first = pc & guest_page_mask(), last = (pc + len - 1) & guest_page_mask();
    if (!(page_get_flags(pc) & PAGE_EXEC) || !(page_get_flags(pc + len - 1) & PAGE_EXEC))
        return false;
    memcpy(out, g2h(pc), len);
    if (ctx->page_first == ~0ull)
        ctx->page_first = first;
    if (last != ctx->page_first)
        ctx->page_last = last;
    return true;
}

bool tr_fetch16(struct tr_ctx *ctx, uint64_t pc, uint16_t *out)
{
    return fetch(ctx, pc, out, 2);
}

bool tr_fetch32(struct tr_ctx *ctx, uint64_t pc, uint32_t *out)
{
    return fetch(ctx, pc, out, 4);
}

bool tr_should_stop(const struct tr_ctx *ctx)
{
    if (ctx->num_insns >= ctx->max_insns || ctx->ir->overflow)
        return true;
    /* TBs stay on their first page (an instruction may straddle into the next) */
    return (ctx->pc_next & guest_page_mask()) != (ctx->pc & guest_page_mask());
}

void tr_gen_exception(struct tr_ctx *ctx, uint64_t pc, int excp, int code, uint64_t addr)
{
    struct ir *ir = ctx->ir;
    ir_st_i64(ir, ir_const_i64(ir, pc), ir->env, offsetof(struct cpu_common, pc));
    ir_st_i32(ir, ir_const_i32(ir, (uint32_t)excp), ir->env,
              offsetof(struct cpu_common, exception));
    ir_st_i32(ir, ir_const_i32(ir, (uint32_t)code), ir->env,
              offsetof(struct cpu_common, excp_code));
    ir_st_i32(ir, ir_const_i32(ir, (uint32_t)code), ir->env,
              offsetof(struct cpu_common, excp_insn));
    ir_st_i64(ir, ir_const_i64(ir, addr), ir->env, offsetof(struct cpu_common, excp_addr));
    ir_exit_tb(ir, 0);
}
