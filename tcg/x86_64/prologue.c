/* The code every TB runs inside: the entry trampoline called by cpu_exec and the
 * shared epilogue TBs jump to when they leave. Built once at the start of the code
 * cache so TBs reach the epilogue with a rel32 jump. */
#include <string.h>

#include "tcg/page.h"
#include "tcg/x86_64/cg.h"

uint8_t *cg_epilogue;
cg_enter_fn cg_enter;

static const int saved_regs[] = { RBP, RBX, R12, R13, R14, R15 };
#define NSAVED (int)(sizeof saved_regs / sizeof saved_regs[0])

int cg_build_prologue(void)
{
    enum { SIZE = 128 };
    uint8_t *buf = tb_reserve_prologue(SIZE);
    if (!buf)
        return -1;
    struct x86_buf b = { buf, buf, buf + SIZE, false };

    /* uintptr_t enter(void *env, const void *code) */
    for (int i = 0; i < NSAVED; i++)
        x86_push(&b, saved_regs[i]);
    /* entry rsp is 8 mod 16; six pushes keep it so; the frame size restores 16 */
    _Static_assert((CG_FRAME_SIZE + 8 * NSAVED + 8) % 16 == 0, "frame alignment");
    x86_alu_ri(&b, ALU_SUB, 64, RSP, CG_FRAME_SIZE);
    x86_mov_rr(&b, 64, CG_ENV, RDI);
    x86_mov_ri(&b, 64, CG_GUEST_BASE, guest_base);
    x86_jmp_r(&b, RSI);

    cg_epilogue = b.p;
    x86_alu_ri(&b, ALU_ADD, 64, RSP, CG_FRAME_SIZE);
    for (int i = NSAVED - 1; i >= 0; i--)
        x86_pop(&b, saved_regs[i]);
    x86_ret(&b);
    if (b.overflow)
        return -1;
    cg_enter = (cg_enter_fn)(void *)buf;
    return 0;
}
