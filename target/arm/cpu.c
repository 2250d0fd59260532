/* The 32-bit ARM target (ARMv7-A, user mode, EABI little-endian Linux): arm_ops, the
 * CPU's reset and entry state, the CPSR view of the split flags, and the ABI facts the
 * loader needs. */
#include <capstone/capstone.h>
#include <elf.h>
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "syscall/abi-tables.h"
#include "target/arm/cpu.h"
#include "target/arm/linux-abi.h"
#include "target/arm/translate-entry.h"
#include "target/target.h"
#include "tcg/ir.h"

enum {
    CPSR_N = 1u << 31, CPSR_Z = 1 << 30, CPSR_C = 1 << 29, CPSR_V = 1 << 28,
    CPSR_Q = 1 << 27, CPSR_IT_LO = 3 << 25, CPSR_GE = 0xf << 16, CPSR_IT_HI = 0x3f << 10,
    CPSR_T = 1 << 5, CPSR_MODE_USR = 0x10,
};

/* C (0/1) and V (0/1) from the lazy representation. */
static void arm_cv(const struct arm_cpu *env, uint32_t *c, uint32_t *v)
{
    uint32_t a = env->cc_a, b = env->cc_b;
    switch (env->cc_op & 0xff) {
    case ARM_CC_ADD: *c = a + b < a; break;
    case ARM_CC_SUB: *c = a >= b; break;
    default: *c = env->CF != 0; break;
    }
    switch (env->cc_op >> 8) {
    case ARM_CC_ADD: *v = ((a + b) ^ a) & ~(a ^ b); *v >>= 31; break;
    case ARM_CC_SUB: *v = ((a ^ b) & (a ^ (a - b))) >> 31; break;
    default: *v = env->VF >> 31; break;
    }
}

uint32_t arm_cpsr_read(const struct arm_cpu *env)
{
    uint32_t it = env->condexec & 0xff, c, v;
    arm_cv(env, &c, &v);
    return (env->NF & CPSR_N) | (env->ZF == 0 ? CPSR_Z : 0) | (c ? CPSR_C : 0)
         | v << 28 | (env->QF ? CPSR_Q : 0) | (it & 3) << 25
         | (env->GE & 0xf) << 16 | (it >> 2) << 10 | (env->thumb ? CPSR_T : 0)
         | CPSR_MODE_USR;
}

void arm_cpsr_write(struct arm_cpu *env, uint32_t val, uint32_t mask)
{
    if (mask & CPSR_N)
        env->NF = val & CPSR_N;
    if (mask & CPSR_Z)
        env->ZF = !(val & CPSR_Z);
    if (mask & (CPSR_C | CPSR_V)) {
        uint32_t c, v;
        arm_cv(env, &c, &v);
        env->CF = mask & CPSR_C ? !!(val & CPSR_C) : c;
        env->VF = mask & CPSR_V ? (val & CPSR_V) << 3 : v << 31;
        env->cc_op = ARM_CC_FLAGS;
    }
    if (mask & CPSR_Q)
        env->QF = !!(val & CPSR_Q);
    if (mask & CPSR_GE)
        env->GE = (env->GE & ~(mask >> 16) & 0xf) | ((val & mask & CPSR_GE) >> 16);
    if (mask & CPSR_T)
        env->thumb = !!(val & CPSR_T);
    if (mask & (CPSR_IT_LO | CPSR_IT_HI))
        env->condexec = ((val >> 25) & 3) | ((val >> 10) & 0x3f) << 2;
}

/* EABI version 5 is what every current toolchain emits; older ABIs (OABI, EABI v1-v4)
 * use other calling and syscall conventions. Soft- and hard-float both run. */
static const char *arm_elf_check_flags(uint32_t e_flags)
{
    uint32_t eabi = e_flags & EF_ARM_EABIMASK;
    if (eabi == EF_ARM_EABI_VER5)
        return NULL;
    if (eabi == 0)
        return "old-ABI (OABI) ARM program: only EABI version 5 is supported";
    return "ARM EABI version older than 5: only EABI version 5 is supported";
}

/* What the CPU offers, as Linux reports it in AT_HWCAP. The VFP/NEON bits describe
 * the floating-point and SIMD front end (translate-vfp.c, translate-neon.c). */
static uint64_t arm_hwcap(void)
{
    enum {
        HWCAP_SWP = 1 << 0, HWCAP_HALF = 1 << 1, HWCAP_THUMB = 1 << 2,
        HWCAP_FAST_MULT = 1 << 4, HWCAP_VFP = 1 << 6, HWCAP_EDSP = 1 << 7,
        HWCAP_NEON = 1 << 12, HWCAP_VFPv3 = 1 << 13, HWCAP_TLS = 1 << 15,
        HWCAP_VFPv4 = 1 << 16, HWCAP_IDIVA = 1 << 17, HWCAP_IDIVT = 1 << 18,
        HWCAP_VFPD32 = 1 << 19, HWCAP_LPAE = 1 << 20,
    };
    return HWCAP_SWP | HWCAP_HALF | HWCAP_THUMB | HWCAP_FAST_MULT | HWCAP_VFP | HWCAP_EDSP
         | HWCAP_NEON | HWCAP_VFPv3 | HWCAP_TLS | HWCAP_VFPv4 | HWCAP_IDIVA | HWCAP_IDIVT
         | HWCAP_VFPD32 | HWCAP_LPAE;
}

/* A Cortex-A15-like core, whose feature set matches arm_hwcap(). */
static void arm_cpuinfo(FILE *f)
{
    fprintf(f, "processor\t: 0\n"
               "model name\t: ARMv7 Processor rev 3 (v7l)\n"
               "BogoMIPS\t: 100.00\n"
               "Features\t: half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt "
               "vfpd32 lpae\n"
               "CPU implementer\t: 0x41\n"
               "CPU architecture: 7\n"
               "CPU variant\t: 0x2\n"
               "CPU part\t: 0xc0f\n"
               "CPU revision\t: 3\n\n"
               "Hardware\t: crossrun\n"
               "Revision\t: 0000\n"
               "Serial\t\t: 0000000000000000\n");
}

static int arm_cpu_init(struct cpu_common *cpu, const char *model)
{
    static const char *const models[] = { "cortex-a15", "cortex-a7", "max", "any", NULL };
    if (model) {
        const char *const *m = models;
        while (*m && strcmp(*m, model))
            m++;
        if (!*m)
            return -EINVAL;
    }
    struct arm_cpu *env = ARM_CPU(cpu);
    memset(env->r, 0, sizeof env->r);
    env->NF = env->CF = env->VF = env->QF = env->GE = 0;
    env->cc_op = ARM_CC_FLAGS;
    env->ZF = 1;                              /* Z clear */
    env->thumb = env->condexec = 0;
    env->tpidruro = env->tpidrurw = 0;
    env->excl_addr = ~0u;
    env->excl_val = 0;
    memset(env->d, 0, sizeof env->d);
    env->fpscr = 0;                           /* Linux starts processes with FPSCR 0 */
    env->fpexc = 1u << 30;                    /* VFP enabled */
    return 0;
}

/* As the kernel's start_thread: bit 0 of the entry selects Thumb, r0 is 0 (no
 * rtld_fini for glibc's _start). */
static void arm_cpu_set_entry(struct cpu_common *cpu, uint64_t pc, uint64_t sp)
{
    struct arm_cpu *env = ARM_CPU(cpu);
    env->thumb = pc & 1;
    cpu->pc = pc & ~1ull;
    env->r[13] = (uint32_t)sp;
    env->r[0] = 0;
}

/* As the kernel's copy_thread: the child returns 0 from clone; CLONE_SETTLS sets the
 * TLS register (TPIDRURO). The parent's exclusive reservation does not come along. */
static void arm_cpu_clone(struct cpu_common *child, const struct cpu_common *parent,
                          uint64_t new_sp, uint64_t tls, uint64_t clone_flags)
{
    struct arm_cpu *env = ARM_CPU(child);
    env->r[0] = 0;
    if (new_sp)
        env->r[13] = (uint32_t)new_sp;
    if (clone_flags & CLONE_SETTLS)
        env->tpidruro = (uint32_t)tls;
    env->excl_addr = ~0u;
}

static uint64_t arm_cpu_sp(const struct cpu_common *cpu)
{
    return ARM_CPU(cpu)->r[13];
}

static uint32_t arm_tb_flags(const struct cpu_common *cpu)
{
    const struct arm_cpu *env = ARM_CPU(cpu);
    uint32_t vec = env->fpscr & (7u << FPSCR_LEN_SHIFT | 3u << FPSCR_STRIDE_SHIFT);
    return (env->thumb ? ARM_TBF_THUMB : 0) | (env->condexec & 0xff) << 8 | vec |
           (env->fpscr & ARM_TBF_FPMODE);
}

/* The host's input-denormal flag has no ARM counterpart while FZ is clear (IDC means
 * "flushed"), and inline ops run only then. */
uint32_t arm_fpscr_of_fpx(unsigned fpx)
{
    return ((fpx & IR_FPX_INVALID) ? FPSCR_IOC : 0) |
           ((fpx & IR_FPX_DIVZERO) ? FPSCR_DZC : 0) |
           ((fpx & IR_FPX_OVERFLOW) ? FPSCR_OFC : 0) |
           ((fpx & IR_FPX_UNDERFLOW) ? FPSCR_UFC : 0) |
           ((fpx & IR_FPX_INEXACT) ? FPSCR_IXC : 0);
}

static void arm_fp_flags(struct cpu_common *cpu, unsigned fpx)
{
    ARM_CPU(cpu)->fpscr |= arm_fpscr_of_fpx(fpx);
}

static void arm_cpu_dump(const struct cpu_common *cpu, FILE *f)
{
    const struct arm_cpu *env = ARM_CPU(cpu);
    for (int i = 0; i < 16; i++) {
        uint32_t v = i == 15 ? (uint32_t)cpu->pc : env->r[i];
        fprintf(f, "R%02d=%08x%c", i, v, (i & 3) == 3 ? '\n' : ' ');
    }
    uint32_t psr = arm_cpsr_read(env);
    fprintf(f, "PSR=%08x %c%c%c%c%s %s usr32 IT=%02x GE=%x\n", psr,
            psr & CPSR_N ? 'N' : '-', psr & CPSR_Z ? 'Z' : '-', psr & CPSR_C ? 'C' : '-',
            psr & CPSR_V ? 'V' : '-', psr & CPSR_Q ? " Q" : "", env->thumb ? "T" : "A",
            env->condexec & 0xff, env->GE & 0xf);
}

static void arm_restore_state(struct cpu_common *cpu, uint64_t pc, uint64_t extra)
{
    struct arm_cpu *env = ARM_CPU(cpu);
    cpu->pc = pc;
    env->condexec = extra & 0xff;
    env->thumb = (extra & ARM_EXTRA_THUMB) != 0;
}

static void arm_disas_mode(uint32_t tb_flags, int *cs_arch, int *cs_mode)
{
    *cs_arch = CS_ARCH_ARM;
    *cs_mode = (tb_flags & ARM_TBF_THUMB) ? CS_MODE_THUMB : CS_MODE_ARM;
}

static const char *const arm_aliases[] = { "armhf", "armel", "armv7", NULL };

/* Address space: the kernel's 3G/1G split leaves user space below 0xbf000000
 * (PAGE_OFFSET 0xc0000000 minus the 16 MiB module area). The stack ends there; mmap
 * grows down from 128 MiB below it (the kernel's minimum stack gap), so shared libraries
 * land around 0xb6xxxxxx as on a board; PIE programs load at TASK_SIZE / 3 * 2
 * (ELF_ET_DYN_BASE); the interpreter goes wherever mmap would put it. */
const struct target_ops arm_ops = {
    .name = "arm",
    .aliases = arm_aliases,
    .elf_machine = EM_ARM,
    .elf_class = ELFCLASS32,
    .elf_data = ELFDATA2LSB,
    .elf_check_flags = arm_elf_check_flags,

    .addr_bits = 32,
    .big_endian = false,
    .page_bits = 12,
    .task_size = 0xbf000000u,
    .stack_top = 0xbf000000u,
    .mmap_base = 0xb7000000u,
    .pie_base = 0xbf000000u / 3 * 2 & ~0xfffu,
    .interp_base = 0,

    .uname_machine = "armv7l",
    .cross_sysroot = "/usr/arm-linux-gnueabihf",
    .platform = "v7l",
    .hwcap = arm_hwcap,
    .map_special_pages = arm_map_kuser_page,
    .cpuinfo = arm_cpuinfo,
    .syscalls = &syscall_table_arm,

    .cpu_size = sizeof(struct arm_cpu),
    .cpu_init = arm_cpu_init,
    .cpu_set_entry = arm_cpu_set_entry,
    .tb_flags = arm_tb_flags,
    .cpu_dump = arm_cpu_dump,
    .cpu_clone = arm_cpu_clone,
    .cpu_sp = arm_cpu_sp,

    .ir_init = arm_ir_init,
    .translate = arm_translate,
    .restore_state = arm_restore_state,
    .disas_mode = arm_disas_mode,
    .fp_flags = arm_fp_flags,

    .syscall_args = arm_syscall_args,
    .syscall_ret = arm_syscall_ret,
    .syscall_restart = arm_syscall_restart,
    .private_syscall = arm_private_syscall,

    .setup_frame = arm_setup_frame,
    .sigreturn = arm_sigreturn,
};
