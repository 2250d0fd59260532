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
#include "syscall/signal.h"
#include "target/arm/cpu.h"
#include "target/arm/linux-abi.h"

enum {
    SIGINFO_SIZE = 128,
    UC_FLAGS_NONRT = 0x5ac3c35a,               /* never a trap_no: tells the frames apart */
    UC_STACK = 8, UC_MCONTEXT = 20, UC_SIGMASK = 104, UC_REGSPACE = 232,
    UC_SIZE = 744,
    SC_OLDMASK = 8, SC_R0 = 12, SC_CPSR = 76, SC_FAULT = 80,
    VFP_MAGIC = 0x56465001, VFP_RECORD_SIZE = 288,
    VFP_FPREGS = 8, VFP_FPSCR = 264, VFP_FPEXC = 272,
    FRAME_SIZE = UC_SIZE + 16,                 /* ucontext + retcode[4] */
    RT_FRAME_SIZE = SIGINFO_SIZE + FRAME_SIZE,
    G_SA_SIGINFO = 4, G_SA_RESTORER = 0x04000000, G_SA_ONSTACK = 0x08000000,
    CPSR_FLAGS_IT_LO = 0xff000000u,            /* NZCVQ, IT[1:0], J: cleared on entry */
    CPSR_IT_HI = 0x0000fc00u, CPSR_T = 1 << 5, CPSR_USER_WRITABLE = 0xff0ffe20u,
};

static void st32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static uint32_t ld32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

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
                         const uint64_t stack[3])
{
    struct arm_cpu *env = ARM_CPU(cpu);
    uint8_t *sc = uc + UC_MCONTEXT;
    memset(uc, 0, UC_SIZE);
    for (int i = 0; i < 3; i++)
        st32(uc + UC_STACK + 4 * i, (uint32_t)stack[i]);      /* ss_sp, ss_flags, ss_size */
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

int arm_setup_frame(struct cpu_common *cpu, int sig, const void *info, const void *act,
                    uint64_t blocked)
{
    struct arm_cpu *env = ARM_CPU(cpu);
    const uint8_t *a = act;
    uint32_t handler = ld32(a), flags = ld32(a + 4), restorer = ld32(a + 8);
    bool rt = flags & G_SA_SIGINFO;
    uint64_t stack[3];
    uint32_t size = rt ? RT_FRAME_SIZE : FRAME_SIZE;
    uint64_t top = signal_frame_stack(cpu->ts, env->r[13], flags & G_SA_ONSTACK, stack);
    uint32_t frame = (uint32_t)(top - size) & ~7u;
    uint8_t *p = guest_wr(frame, size);
    if (!p)
        return -EFAULT;
    uint8_t *uc = p + (rt ? SIGINFO_SIZE : 0);
    if (rt)
        memcpy(p, info, SIGINFO_SIZE);
    put_ucontext(cpu, uc, blocked, stack);
    if (!rt)
        st32(uc, UC_FLAGS_NONRT);               /* uc_flags */

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
    if (rt) {
        uint64_t stack[3];
        for (int i = 0; i < 3; i++)
            stack[i] = ld32(uc + UC_STACK + 4 * i);
        signal_restore_altstack(cpu->ts, stack, env->r[13]);
    }
    return 0;
}
