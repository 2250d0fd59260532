/* ARM Linux signal frames, laid out as arch/arm/kernel/signal.c does, so handlers,
 * unwinders and sigreturn see what a board gives them:
 *   rt frame:  siginfo (128 bytes) | ucontext | retcode[4]       (SA_SIGINFO)
 *   frame:     ucontext | retcode[4]
 * ucontext: flags, link, stack_t, sigcontext (trap_no, error_code, oldmask, r0-r15,
 * cpsr, fault_address), sigmask padded to 128 bytes, then uc_regspace (8-aligned) with
 * the VFP record (magic, size, d0-d31, fpscr, fpexc/fpinst/fpinst2) and a 0 end marker.
 * All VFP registers are saved because a signal interrupts code at any instruction. */
#include <errno.h>
#include <string.h>

#include "syscall/guest-mem.h"
#include "syscall/thread.h"
#include "target/arm/cpu.h"
#include "target/arm/linux-abi.h"

enum {
    SIGINFO_SIZE = 128,
    UC_STACK = 8, UC_MCONTEXT = 20, UC_SIGMASK = 104, UC_REGSPACE = 232,
    UC_SIZE = 744,
    SC_OLDMASK = 8, SC_R0 = 12, SC_CPSR = 76, SC_FAULT = 80,
    VFP_MAGIC = 0x56465001, VFP_RECORD_SIZE = 288,
    VFP_FPREGS = 8, VFP_FPSCR = 264, VFP_FPEXC = 272,
    FRAME_SIZE = UC_SIZE + 16,                 /* ucontext + retcode[4] */
    RT_FRAME_SIZE = SIGINFO_SIZE + FRAME_SIZE,
    G_SA_SIGINFO = 4, G_SA_RESTORER = 0x04000000, G_SA_ONSTACK = 0x08000000,
    G_SS_ONSTACK = 1, G_SS_DISABLE = 2, G_SS_AUTODISARM = 1u << 31,
    CPSR_FLAGS_IT_LO = 0xff000000u,            /* NZCVQ, IT[1:0], J: cleared on entry */
    CPSR_IT_HI = 0x0000fc00u, CPSR_T = 1 << 5, CPSR_USER_WRITABLE = 0xff0ffe20u,
};

static void st32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static uint32_t ld32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

static bool on_altstack(const struct thread_state *ts, uint32_t sp)
{
    return ts->altstack_size && sp > ts->altstack_sp &&
           sp - ts->altstack_sp <= ts->altstack_size;
}

static void put_vfp(const struct arm_cpu *env, uint8_t *rs)
{
    st32(rs, VFP_MAGIC);
    st32(rs + 4, VFP_RECORD_SIZE);
    memcpy(rs + VFP_FPREGS, env->d, sizeof env->d);
    st32(rs + VFP_FPSCR, env->fpscr);
    st32(rs + VFP_FPEXC, env->fpexc);
    st32(rs + VFP_RECORD_SIZE, 0);             /* end of the regspace records */
}

static void put_ucontext(struct cpu_common *cpu, uint8_t *uc, uint64_t blocked,
                         const uint32_t stack[3])
{
    struct arm_cpu *env = ARM_CPU(cpu);
    uint8_t *sc = uc + UC_MCONTEXT;
    memset(uc, 0, UC_SIZE);
    for (int i = 0; i < 3; i++)
        st32(uc + UC_STACK + 4 * i, stack[i]);
    st32(sc + SC_OLDMASK, (uint32_t)blocked);
    for (int i = 0; i < 15; i++)
        st32(sc + SC_R0 + 4 * i, env->r[i]);
    st32(sc + SC_R0 + 60, (uint32_t)cpu->pc);
    st32(sc + SC_CPSR, arm_cpsr_read(env));
    st32(sc + SC_FAULT, (uint32_t)cpu->excp_addr);
    st32(uc + UC_SIGMASK, (uint32_t)blocked);
    st32(uc + UC_SIGMASK + 4, (uint32_t)(blocked >> 32));
    put_vfp(env, uc + UC_REGSPACE);
}

/* The stack the frame goes on: the alternate one when asked for and not already on
 * it. Fills the stack_t the handler will see. */
static uint32_t frame_stack(struct cpu_common *cpu, uint32_t flags, uint32_t stack[3])
{
    struct thread_state *ts = cpu->ts;
    uint32_t sp = ARM_CPU(cpu)->r[13];
    bool on = on_altstack(ts, sp);
    stack[0] = (uint32_t)ts->altstack_sp;
    stack[1] = on ? G_SS_ONSTACK : ts->altstack_size ? (uint32_t)ts->altstack_flags
                                                     : G_SS_DISABLE;
    stack[2] = (uint32_t)ts->altstack_size;
    if ((flags & G_SA_ONSTACK) && ts->altstack_size && !on) {
        sp = (uint32_t)(ts->altstack_sp + ts->altstack_size);
        if (ts->altstack_flags & G_SS_AUTODISARM)
            ts->altstack_sp = ts->altstack_size = 0;
    }
    return sp;
}

int arm_setup_frame(struct cpu_common *cpu, int sig, const void *info, const void *act,
                    uint64_t blocked)
{
    struct arm_cpu *env = ARM_CPU(cpu);
    const uint8_t *a = act;
    uint32_t handler = ld32(a), flags = ld32(a + 4), restorer = ld32(a + 8);
    bool rt = flags & G_SA_SIGINFO;
    uint32_t stack[3];
    uint32_t size = rt ? RT_FRAME_SIZE : FRAME_SIZE;
    uint32_t frame = (frame_stack(cpu, flags, stack) - size) & ~7u;
    uint8_t *p = guest_wr(frame, size);
    if (!p)
        return -EFAULT;
    uint8_t *uc = p + (rt ? SIGINFO_SIZE : 0);
    if (rt)
        memcpy(p, info, SIGINFO_SIZE);
    put_ucontext(cpu, uc, blocked, stack);

    bool thumb = handler & 1;
    unsigned idx = (thumb ? 2 : 0) + (rt ? 3 : 0);
    uint32_t ret = restorer;
    if (!(flags & G_SA_RESTORER))
        ret = ARM_SIGRETURN_CODES + 4 * idx + thumb;
    env->r[0] = (uint32_t)sig;
    if (rt) {
        env->r[1] = frame;
        env->r[2] = frame + SIGINFO_SIZE;
    }
    env->r[13] = frame;
    env->r[14] = ret;
    env->excl_addr = ~0u;                      /* the kernel's exception return clears it */
    cpu->pc = handler & ~1u;
    uint32_t cpsr = arm_cpsr_read(env) & ~(CPSR_FLAGS_IT_LO | CPSR_IT_HI | CPSR_T);
    arm_cpsr_write(env, cpsr | (thumb ? CPSR_T : 0), 0xffffffffu);
    return 0;
}

/* Only the state user mode may change is taken from the frame (mode stays usr). */
int arm_sigreturn(struct cpu_common *cpu, bool rt, uint64_t *mask)
{
    struct arm_cpu *env = ARM_CPU(cpu);
    uint32_t frame = env->r[13];
    if (frame & 7)
        return -EFAULT;
    const uint8_t *p = guest_rd(frame, rt ? RT_FRAME_SIZE : FRAME_SIZE);
    if (!p)
        return -EFAULT;
    const uint8_t *uc = p + (rt ? SIGINFO_SIZE : 0), *sc = uc + UC_MCONTEXT;
    const uint8_t *vfp = uc + UC_REGSPACE;
    if (ld32(vfp) != VFP_MAGIC || ld32(vfp + 4) != VFP_RECORD_SIZE)
        return -EFAULT;
    for (int i = 0; i < 15; i++)
        env->r[i] = ld32(sc + SC_R0 + 4 * i);
    cpu->pc = ld32(sc + SC_R0 + 60);
    arm_cpsr_write(env, ld32(sc + SC_CPSR), CPSR_USER_WRITABLE);
    cpu->pc &= env->thumb ? ~1u : ~3u;
    memcpy(env->d, vfp + VFP_FPREGS, sizeof env->d);
    env->fpscr = ld32(vfp + VFP_FPSCR);
    *mask = ld32(uc + UC_SIGMASK) | (uint64_t)ld32(uc + UC_SIGMASK + 4) << 32;
    return 0;
}
