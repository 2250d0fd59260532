/* AArch64 Linux signal frames, laid out as arch/arm64/kernel/signal.c does, so handlers,
 * unwinders and rt_sigreturn see what a real machine gives them:
 *   frame record {x29, x30}          16-aligned, just below the interrupted sp
 *   rt_sigframe  siginfo (128 bytes) | ucontext      16-aligned, below the record
 * ucontext: uc_flags, uc_link, uc_stack, uc_sigmask (+ padding to 128 bytes), then
 * sigcontext at +176: fault_address, x0-x30, sp, pc, pstate, and __reserved[4096] with
 * records: fpsimd_context (fpsr, fpcr, v0-v31), esr_context for a synchronous fault,
 * then a zero terminator. The handler returns to a trampoline "mov x8, #139; svc #0"
 * (the kernel's vDSO __kernel_rt_sigreturn, which libgcc's unwinder recognises by
 * those two words); crossrun has no vDSO, so the trampoline lives on a page of its
 * own that a64_map_sigtramp_page() maps wherever mmap puts it (one read+exec page, by
 * default just below the program's interpreter), unless the handler has SA_RESTORER. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "syscall/guest-mem.h"
#include "syscall/mmap.h"
#include "syscall/thread.h"
#include "target/arm/cpu64.h"
#include "target/arm/linux-abi64.h"
#include "tcg/page.h"

enum {
    SIGINFO_SIZE = 128,
    UC_FLAGS = 0, UC_LINK = 8, UC_STACK = 16, UC_SIGMASK = 40, UC_MCONTEXT = 176,
    SC_FAULT = 0, SC_REGS = 8, SC_SP = 256, SC_PC = 264, SC_PSTATE = 272, SC_RESERVED = 288,
    RESERVED_SIZE = 4096,
    FRAME_SIZE = SIGINFO_SIZE + UC_MCONTEXT + SC_RESERVED + RESERVED_SIZE,   /* 4688 */
    FPSIMD_MAGIC = 0x46508001, FPSIMD_SIZE = 528,
    ESR_MAGIC = 0x45535201, ESR_SIZE = 16,
    G_SA_SIGINFO = 4, G_SA_RESTORER = 0x04000000, G_SA_ONSTACK = 0x08000000,
    G_SS_ONSTACK = 1, G_SS_DISABLE = 2, G_SS_AUTODISARM = 1u << 31,
    NR_RT_SIGRETURN = 139,
};

static uint64_t sigtramp;        /* guest address of the trampoline */

int a64_map_sigtramp_page(void)
{
    static const uint32_t code[] = {
        0xd2800008u | NR_RT_SIGRETURN << 5,     /* mov x8, #139 */
        0xd4000001u,                            /* svc #0 */
    };
    int64_t r = guest_mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (r < 0)
        return (int)r;
    memcpy(g2h((uint64_t)r), code, sizeof code);     /* the rest is 0: UDF #0 */
    sigtramp = (uint64_t)r;
    return guest_mprotect(sigtramp, 4096, PROT_READ | PROT_EXEC);
}

static void st32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void st64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static uint32_t ld32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t ld64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

/* Does this instruction write memory (for the ESR's WnR bit)? Stores, atomics and
 * DC ZVA do; loads and everything else do not. */
static bool insn_writes(uint32_t insn)
{
    if ((insn & 0xffffffe0u) == 0xd50b7420u)                 /* DC ZVA */
        return true;
    if ((insn & 0x0a000000u) != 0x08000000u)                /* not a load/store */
        return false;
    bool l = (insn >> 22) & 1;
    switch ((insn >> 28) & 3) {
    case 0:
        if ((insn >> 26) & 1)                               /* SIMD structures */
            return !l;
        if ((insn >> 21) & 1 && ((insn >> 23) & 1 || !(insn >> 31)))
            return true;                                    /* CAS, CASP */
        return !l;                                          /* exclusives, LDAR/STLR */
    case 1:
        return false;                                       /* literal */
    case 2:
        return !l;                                          /* pairs */
    default:
        if (!((insn >> 24) & 1) && ((insn >> 21) & 1) && !((insn >> 10) & 3))
            return true;                                    /* LSE atomics */
        return ((insn >> 26) & 1) ? !l : ((insn >> 22) & 3) == 0;
    }
}

/* The syndrome Linux reports for the fault being delivered, or 0 for none: a data
 * abort (translation, permission or alignment fault, with WnR; the ISV syndrome of the
 * access is not given), a PC alignment fault or an undefined instruction. */
static uint64_t fault_esr(const struct cpu_common *cpu, int sig)
{
    enum { EC_UNKNOWN = 0x00, EC_PC_ALIGN = 0x22, EC_DABT_LOW = 0x24, IL = 1 << 25,
           WNR = 1 << 6 };
    if (sig == SIGILL && cpu->exception == EXCP_UDEF)
        return (uint64_t)EC_UNKNOWN << 26 | IL;
    if (sig == SIGBUS && cpu->exception == EXCP_BUS && (cpu->pc & 3) && cpu->excp_addr == cpu->pc)
        return (uint64_t)EC_PC_ALIGN << 26 | IL;
    if (!(sig == SIGSEGV && cpu->exception == EXCP_SEGV) &&
        !(sig == SIGBUS && cpu->exception == EXCP_BUS))
        return 0;
    const uint32_t *insn = guest_rd(cpu->pc, 4);
    uint64_t fsc = sig == SIGBUS ? 0x21 : cpu->excp_code == SEGV_ACCERR ? 0x0f : 0x07;
    return (uint64_t)EC_DABT_LOW << 26 | IL | (insn && insn_writes(*insn) ? WNR : 0) | fsc;
}

static bool on_altstack(const struct thread_state *ts, uint64_t sp)
{
    return ts->altstack_size && sp > ts->altstack_sp && sp - ts->altstack_sp <= ts->altstack_size;
}

/* The stack the frame goes on: the alternate one when asked for and not already on
 * it. Fills the stack_t the handler will see. */
static uint64_t frame_stack(struct cpu_common *cpu, uint64_t flags, uint64_t stack[3])
{
    struct thread_state *ts = cpu->ts;
    uint64_t sp = A64_CPU(cpu)->x[31];
    bool on = on_altstack(ts, sp);
    stack[0] = ts->altstack_sp;
    stack[1] = on ? G_SS_ONSTACK : ts->altstack_size ? (uint32_t)ts->altstack_flags
                                                     : G_SS_DISABLE;
    stack[2] = ts->altstack_size;
    if ((flags & G_SA_ONSTACK) && ts->altstack_size && !on) {
        sp = ts->altstack_sp + ts->altstack_size;
        if (ts->altstack_flags & G_SS_AUTODISARM)
            ts->altstack_sp = ts->altstack_size = 0;
    }
    return sp;
}

static void put_fpsimd(const struct a64_cpu *env, uint8_t *rec)
{
    st32(rec, FPSIMD_MAGIC);
    st32(rec + 4, FPSIMD_SIZE);
    st32(rec + 8, a64_fpsr_get(env));
    st32(rec + 12, a64_fpcr_get(env));
    memcpy(rec + 16, env->v, sizeof env->v);
}

static void put_sigcontext(struct cpu_common *cpu, uint8_t *sc, uint64_t esr)
{
    struct a64_cpu *env = A64_CPU(cpu);
    bool fault = cpu->exception == EXCP_SEGV || cpu->exception == EXCP_BUS;
    st64(sc + SC_FAULT, fault ? cpu->excp_addr : 0);
    for (int i = 0; i < 31; i++)
        st64(sc + SC_REGS + 8 * i, env->x[i]);
    st64(sc + SC_SP, env->x[31]);
    st64(sc + SC_PC, cpu->pc);
    st64(sc + SC_PSTATE, a64_nzcv_read(env));
    uint8_t *rec = sc + SC_RESERVED;
    put_fpsimd(env, rec);
    rec += FPSIMD_SIZE;
    if (esr) {
        st32(rec, ESR_MAGIC);
        st32(rec + 4, ESR_SIZE);
        st64(rec + 8, esr);
        rec += ESR_SIZE;
    }
    st32(rec, 0);                               /* terminator */
    st32(rec + 4, 0);
}

int a64_setup_frame(struct cpu_common *cpu, int sig, const void *info, const void *act,
                    uint64_t blocked)
{
    struct a64_cpu *env = A64_CPU(cpu);
    const uint8_t *a = act;
    uint64_t handler = ld64(a), flags = ld64(a + 8), restorer = ld64(a + 16);
    uint64_t stack[3];
    uint64_t record = (frame_stack(cpu, flags, stack) - 16) & ~15ull;
    uint64_t frame = record - FRAME_SIZE;
    uint8_t *p = guest_wr(frame, FRAME_SIZE + 16);
    if (!p)
        return -EFAULT;
    memset(p, 0, FRAME_SIZE);
    if (flags & G_SA_SIGINFO)
        memcpy(p, info, SIGINFO_SIZE);
    uint8_t *uc = p + SIGINFO_SIZE;
    for (int i = 0; i < 3; i++)
        st64(uc + UC_STACK + 8 * i, stack[i]);
    st64(uc + UC_SIGMASK, blocked);
    put_sigcontext(cpu, uc + UC_MCONTEXT, fault_esr(cpu, sig));
    st64(p + FRAME_SIZE, env->x[29]);
    st64(p + FRAME_SIZE + 8, env->x[30]);

    env->x[0] = (uint64_t)sig;
    if (flags & G_SA_SIGINFO) {
        env->x[1] = frame;
        env->x[2] = frame + SIGINFO_SIZE;
    }
    env->x[29] = record;
    env->x[30] = (flags & G_SA_RESTORER) ? restorer : sigtramp;
    env->x[31] = frame;
    env->excl_addr = ~0ull;                     /* the kernel's exception return clears it */
    cpu->pc = handler;
    return 0;
}

/* Walks the __reserved records: the FP/SIMD one is required, an ESR one is ignored,
 * anything else (SVE, extra_context) is a bad frame here. */
static int get_records(struct a64_cpu *env, const uint8_t *rec)
{
    const uint8_t *fpsimd = NULL;
    for (unsigned off = 0; off + 8 <= RESERVED_SIZE;) {
        uint32_t magic = ld32(rec + off), size = ld32(rec + off + 4);
        if (magic == 0 && size == 0)
            break;
        if (size < 8 || (size & 15) || size > RESERVED_SIZE - off)
            return -EFAULT;
        if (magic == FPSIMD_MAGIC && size == FPSIMD_SIZE && !fpsimd)
            fpsimd = rec + off;
        else if (magic != ESR_MAGIC)
            return -EFAULT;
        off += size;
    }
    if (!fpsimd)
        return -EFAULT;
    a64_fpsr_set(env, ld32(fpsimd + 8));
    a64_fpcr_set(env, ld32(fpsimd + 12));
    memcpy(env->v, fpsimd + 16, sizeof env->v);
    return 0;
}

/* Only what EL0 may change is taken from the frame: registers, NZCV, FP/SIMD state. */
int a64_sigreturn(struct cpu_common *cpu, bool rt, uint64_t *mask)
{
    struct a64_cpu *env = A64_CPU(cpu);
    uint64_t frame = env->x[31];
    if (!rt || (frame & 15))
        return -EFAULT;
    const uint8_t *p = guest_rd(frame, FRAME_SIZE);
    if (!p)
        return -EFAULT;
    const uint8_t *uc = p + SIGINFO_SIZE, *sc = uc + UC_MCONTEXT;
    int r = get_records(env, sc + SC_RESERVED);
    if (r < 0)
        return r;
    for (int i = 0; i < 31; i++)
        env->x[i] = ld64(sc + SC_REGS + 8 * i);
    env->x[31] = ld64(sc + SC_SP);
    cpu->pc = ld64(sc + SC_PC);
    a64_nzcv_write(env, (uint32_t)ld64(sc + SC_PSTATE) & 0xf0000000u);
    env->excl_addr = ~0ull;
    *mask = ld64(uc + UC_SIGMASK);
    return 0;
}
