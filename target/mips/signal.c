/* MIPS Linux signal frames, laid out as arch/mips/kernel/signal.c does (the offsets
 * below were taken from the cross toolchains' asm/sigcontext.h and asm/ucontext.h):
 *   frame (o32, no SA_SIGINFO): argument save area[4], pad[2], sigcontext, sigset
 *   rt frame:                   argument save area[4], pad[2], siginfo, ucontext
 * n64 only has rt frames. The handler gets a0 = signal, a1 = &siginfo (rt) or 0,
 * a2 = &ucontext (rt) or &sigcontext, sp = the frame, t9 = pc = the handler, and
 * ra = the sigreturn trampoline of the vdso page (vdso.c). Registers are saved as
 * 64-bit values (o32 ones sign-extended), FPRs as Linux saves them. */
#include <errno.h>
#include <string.h>

#include "syscall/abi.h"
#include "syscall/guest-mem.h"
#include "syscall/thread.h"
#include "target/mips/cpu.h"
#include "target/mips/linux-abi.h"
#include "target/target.h"

const struct mips_frame_layout mips_o32_frame = {
    4, 8, 16, 272, 532, 540, 552, 560, 592, 8, 24, 616, 632, 8,
};
const struct mips_frame_layout mips_n64_frame = {
    8, 576, 0, 256, 584, 588, 512, 544, 600, 16, 40, 640, 656, 16,
};

enum {
    FRAME_HEAD = 24,                   /* u32 save area[4] and pad[2] */
    SIGINFO_SIZE = 128, SIGSET_SIZE = 16,
    G_SA_SIGINFO = 0x8, G_SA_ONSTACK = 0x08000000,
    G_SS_ONSTACK = 1, G_SS_DISABLE = 2, G_SS_AUTODISARM = 1u << 31,
    USED_FP = 1, USED_FR1 = 2,
    STACK_RED_ZONE = 32,               /* get_sigframe skips the FPU emulator's area */
};

static const struct mips_frame_layout *layout_of(const struct cpu_common *cpu)
{
    return cpu->ops->addr_bits == 64 ? &mips_n64_frame : &mips_o32_frame;
}

static void stw(const struct syscall_table *abi, uint8_t *p, unsigned w, uint64_t v)
{
    if (w == 8)
        abi_st64(abi, p, v);
    else
        abi_st32(abi, p, (uint32_t)v);
}

/* The FPRs as Linux saves them in sc_fpregs (64-bit slots): all 32 in FR=1 mode, the
 * 16 even ones (each holding an even/odd single pair) in FR=0 mode. */
static void put_fpregs(const struct syscall_table *abi, const struct mips_cpu *env,
                       uint8_t *slots)
{
    for (unsigned i = 0; i < 32; i += env->fr ? 1 : 2)
        abi_st64(abi, slots + 8 * i, env->fpr[i]);
}

static void get_fpregs(const struct syscall_table *abi, struct mips_cpu *env,
                       const uint8_t *slots)
{
    for (unsigned i = 0; i < 32; i += env->fr ? 1 : 2)
        env->fpr[i] = abi_ld64(abi, slots + 8 * i);
}

static void put_sigcontext(struct cpu_common *cpu, const struct mips_frame_layout *l, uint8_t *sc)
{
    const struct syscall_table *abi = cpu->ops->syscalls;
    const struct mips_cpu *env = MIPS_CPU(cpu);
    bool w64 = l == &mips_n64_frame;
    memset(sc, 0, l->sc_size);
    abi_st64(abi, sc + l->sc_pc, cpu->pc);
    for (int i = 1; i < 32; i++) {
        uint64_t v = w64 ? env->gpr[i] : (uint64_t)(int64_t)(int32_t)env->gpr[i];
        abi_st64(abi, sc + l->sc_regs + 8 * i, v);
    }
    abi_st64(abi, sc + l->sc_mdhi, w64 ? env->hi : (uint64_t)(int64_t)(int32_t)env->hi);
    abi_st64(abi, sc + l->sc_mdlo, w64 ? env->lo : (uint64_t)(int64_t)(int32_t)env->lo);
    abi_st32(abi, sc + l->sc_used_math, USED_FP | (env->fr ? USED_FR1 : 0));
    put_fpregs(abi, env, sc + l->sc_fpregs);
    abi_st32(abi, sc + l->sc_fpc_csr, env->fcsr);
}

static void get_sigcontext(struct cpu_common *cpu, const struct mips_frame_layout *l,
                           const uint8_t *sc)
{
    const struct syscall_table *abi = cpu->ops->syscalls;
    struct mips_cpu *env = MIPS_CPU(cpu);
    bool w64 = l == &mips_n64_frame;
    cpu->pc = abi_ld64(abi, sc + l->sc_pc);
    for (int i = 1; i < 32; i++) {
        uint64_t v = abi_ld64(abi, sc + l->sc_regs + 8 * i);
        env->gpr[i] = w64 ? v : (uint64_t)(int64_t)(int32_t)v;
    }
    env->hi = abi_ld64(abi, sc + l->sc_mdhi);
    env->lo = abi_ld64(abi, sc + l->sc_mdlo);
    if (!w64) {
        cpu->pc = (uint32_t)cpu->pc;
        env->hi = (uint64_t)(int64_t)(int32_t)env->hi;
        env->lo = (uint64_t)(int64_t)(int32_t)env->lo;
    }
    if (abi_ld32(abi, sc + l->sc_used_math) & USED_FP) {
        get_fpregs(abi, env, sc + l->sc_fpregs);
        env->fcsr = abi_ld32(abi, sc + l->sc_fpc_csr);
    }
}

static void put_sigset(const struct syscall_table *abi, unsigned w, uint8_t *p, uint64_t m)
{
    memset(p, 0, SIGSET_SIZE);
    if (w == 8) {
        abi_st64(abi, p, m);
    } else {
        abi_st32(abi, p, (uint32_t)m);
        abi_st32(abi, p + 4, (uint32_t)(m >> 32));
    }
}

static uint64_t get_sigset(const struct syscall_table *abi, unsigned w, const uint8_t *p)
{
    if (w == 8)
        return abi_ld64(abi, p);
    return abi_ld32(abi, p) | (uint64_t)abi_ld32(abi, p + 4) << 32;
}

static bool on_altstack(const struct thread_state *ts, uint64_t sp)
{
    return ts->altstack_size && sp > ts->altstack_sp &&
           sp - ts->altstack_sp <= ts->altstack_size;
}

/* The stack the frame goes on (the alternate one when asked for and not on it yet);
 * fills the stack_t the handler sees: sp, size, flags. */
static uint64_t frame_stack(struct cpu_common *cpu, uint32_t flags, uint64_t stack[3])
{
    struct thread_state *ts = cpu->ts;
    uint64_t sp = MIPS_CPU(cpu)->gpr[29];
    bool on = on_altstack(ts, sp);
    stack[0] = ts->altstack_sp;
    stack[1] = ts->altstack_size;
    stack[2] = on ? G_SS_ONSTACK : ts->altstack_size ? (uint32_t)ts->altstack_flags
                                                     : G_SS_DISABLE;
    sp -= STACK_RED_ZONE;
    if ((flags & G_SA_ONSTACK) && ts->altstack_size && !on) {
        sp = ts->altstack_sp + ts->altstack_size;
        if (ts->altstack_flags & G_SS_AUTODISARM)
            ts->altstack_sp = ts->altstack_size = 0;
    }
    return sp;
}

static void put_ucontext(struct cpu_common *cpu, const struct mips_frame_layout *l, uint8_t *uc,
                         uint64_t blocked, const uint64_t stack[3])
{
    const struct syscall_table *abi = cpu->ops->syscalls;
    memset(uc, 0, l->uc_size);
    stw(abi, uc + l->uc_stack, l->word, stack[0]);
    stw(abi, uc + l->uc_stack + l->word, l->word, stack[1]);
    abi_st32(abi, uc + l->uc_stack + 2 * l->word, (uint32_t)stack[2]);
    put_sigcontext(cpu, l, uc + l->uc_mcontext);
    put_sigset(abi, l->word, uc + l->uc_sigmask, blocked);
}

int mips_setup_frame(struct cpu_common *cpu, int sig, const void *info, const void *act,
                     uint64_t blocked)
{
    const struct syscall_table *abi = cpu->ops->syscalls;
    const struct mips_frame_layout *l = layout_of(cpu);
    struct mips_cpu *env = MIPS_CPU(cpu);
    uint64_t a[SA_K_COUNT] = { 0 };
    gstruct_load(abi, abi_sigaction_layout(abi), act, a);
    uint32_t flags = (uint32_t)a[SA_K_FLAGS];
    bool rt = (flags & G_SA_SIGINFO) || l == &mips_n64_frame;
    uint64_t stack[3];
    uint64_t size = FRAME_HEAD + (rt ? SIGINFO_SIZE + l->uc_size : l->sc_size + SIGSET_SIZE);
    uint64_t frame = (frame_stack(cpu, flags, stack) - size) & ~(uint64_t)(l->align - 1);
    uint8_t *p = guest_wr(frame, size);
    if (!p)
        return -EFAULT;
    memset(p, 0, FRAME_HEAD);
    uint64_t arg1 = 0, arg2;
    if (rt) {
        memcpy(p + FRAME_HEAD, info, SIGINFO_SIZE);
        put_ucontext(cpu, l, p + FRAME_HEAD + SIGINFO_SIZE, blocked, stack);
        arg1 = frame + FRAME_HEAD;
        arg2 = frame + FRAME_HEAD + SIGINFO_SIZE;
    } else {
        put_sigcontext(cpu, l, p + FRAME_HEAD);
        put_sigset(abi, l->word, p + FRAME_HEAD + l->sc_size, blocked);
        arg2 = frame + FRAME_HEAD;
    }
    uint64_t vdso = l == &mips_n64_frame ? MIPS64_VDSO_PAGE : MIPS_VDSO_PAGE;
    env->gpr[4] = (uint64_t)sig;
    env->gpr[5] = arg1;
    env->gpr[6] = arg2;
    env->gpr[29] = frame;
    env->gpr[31] = vdso + (rt ? MIPS_VDSO_RT_SIGRETURN : MIPS_VDSO_SIGRETURN);
    env->gpr[25] = a[SA_K_HANDLER];
    env->lladdr = ~0ull;                 /* the kernel's exception return clears LLbit */
    cpu->pc = a[SA_K_HANDLER];
    return 0;
}

int mips_sigreturn(struct cpu_common *cpu, bool rt, uint64_t *mask)
{
    const struct syscall_table *abi = cpu->ops->syscalls;
    const struct mips_frame_layout *l = layout_of(cpu);
    uint64_t frame = MIPS_CPU(cpu)->gpr[29];
    uint64_t size = FRAME_HEAD + (rt ? SIGINFO_SIZE + l->uc_size : l->sc_size + SIGSET_SIZE);
    const uint8_t *p = guest_rd(frame, size);
    if (!p)
        return -EFAULT;
    const uint8_t *sc, *set;
    if (rt) {
        const uint8_t *uc = p + FRAME_HEAD + SIGINFO_SIZE;
        sc = uc + l->uc_mcontext;
        set = uc + l->uc_sigmask;
    } else {
        sc = p + FRAME_HEAD;
        set = sc + l->sc_size;
    }
    get_sigcontext(cpu, l, sc);
    *mask = get_sigset(abi, l->word, set);
    return 0;
}
