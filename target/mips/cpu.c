/* The MIPS targets (user mode, Linux): mips_ops (o32 big-endian), mipsel_ops (o32
 * little-endian) and mips64el_ops (n64 little-endian), the CPU's reset and entry
 * state, and the ABI facts the loader needs. */
#include <capstone/capstone.h>
#include <elf.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>

#include "syscall/abi-tables.h"
#include "target/mips/cpu.h"
#include "target/mips/helper.h"
#include "target/mips/linux-abi.h"
#include "target/mips/translate-entry.h"
#include "target/target.h"

#ifndef EF_MIPS_ABI2
#define EF_MIPS_ABI2 0x20
#endif
#ifndef EF_MIPS_ABI_O32
#define EF_MIPS_ABI_O32 0x1000
#endif
#ifndef EF_MIPS_ARCH
#define EF_MIPS_ARCH 0xf0000000
#endif
enum { MIPS_ARCH_32R6 = 0x90000000u, MIPS_ARCH_64R6 = 0xa0000000u, MIPS_EF_NAN2008 = 0x400 };

/* o32 only: n32 (ABI2) uses another syscall table and pointer model; R6 and the
 * 2008 NaN encoding are other ISAs than the one emulated. */
static const char *mips_check_flags(uint32_t e_flags)
{
    if (e_flags & EF_MIPS_ABI2)
        return "MIPS n32 program: only the o32 ABI runs on 32-bit MIPS guests";
    if ((e_flags & EF_MIPS_ARCH) == MIPS_ARCH_32R6)
        return "MIPS32 release 6 program: the emulated CPU is MIPS32 release 2";
    if (e_flags & MIPS_EF_NAN2008)
        return "MIPS program built for the 2008 NaN encoding: the emulated FPU is legacy-NaN";
    return NULL;
}

static const char *mips64_check_flags(uint32_t e_flags)
{
    if ((e_flags & EF_MIPS_ARCH) == MIPS_ARCH_64R6)
        return "MIPS64 release 6 program: the emulated CPU is MIPS64 release 2";
    if (e_flags & MIPS_EF_NAN2008)
        return "MIPS program built for the 2008 NaN encoding: the emulated FPU is legacy-NaN";
    return NULL;
}

/* Linux announces only optional ASEs in AT_HWCAP (R6, MSA, ...): none here. */
static uint64_t mips_hwcap(void) { return 0; }

static void mips_cpuinfo(FILE *f)
{
    fprintf(f, "system type\t\t: crossrun\n"
               "machine\t\t\t: crossrun\n"
               "processor\t\t: 0\n"
               "cpu model\t\t: MIPS 24Kf V7.4  FPU V0.0\n"
               "BogoMIPS\t\t: 100.00\n"
               "isa\t\t\t: mips1 mips2 mips32r1 mips32r2\n"
               "ASEs implemented\t: mips16\n"
               "shadow register sets\t: 1\n\n");
}

static void mips64_cpuinfo(FILE *f)
{
    fprintf(f, "system type\t\t: crossrun\n"
               "machine\t\t\t: crossrun\n"
               "processor\t\t: 0\n"
               "cpu model\t\t: MIPS64R2-generic V0.0  FPU V0.0\n"
               "BogoMIPS\t\t: 100.00\n"
               "isa\t\t\t: mips1 mips2 mips3 mips4 mips5 mips32r1 mips32r2 mips64r1 "
               "mips64r2\n\n");
}

static int cpu_reset(struct cpu_common *cpu, const char *model, const char *const *models)
{
    if (model) {
        const char *const *m = models;
        while (*m && strcmp(*m, model))
            m++;
        if (!*m)
            return -EINVAL;
    }
    struct mips_cpu *env = MIPS_CPU(cpu);
    memset(env->gpr, 0, sizeof env->gpr);
    memset(env->fpr, 0, sizeof env->fpr);
    env->hi = env->lo = env->ulr = 0;
    env->lladdr = ~0ull;
    env->llval = 0;
    env->fcsr = 0;                  /* Linux starts processes with FCSR 0 */
    /* Linux picks FR=1 for FPXX and FP64 programs on an R2 core whose FPU has 64-bit
     * registers (arch/mips/kernel/elf.c); Debian builds FPXX. Old FP32 programs, which
     * want FR=0, are not told apart (the loader does not pass .MIPS.abiflags). */
    env->fr = 1;
    env->pad = 0;
    return 0;
}

/* FIR: the F64, L, W, D and S formats, implementation 0x93 (the 24Kf's). */
static int mips_cpu_init(struct cpu_common *cpu, const char *model)
{
    static const char *const models[] = { "24Kf", "34Kf", "74Kf", "any", "max", NULL };
    MIPS_CPU(cpu)->fir = 0x00739300u;
    return cpu_reset(cpu, model, models);
}

static int mips64_cpu_init(struct cpu_common *cpu, const char *model)
{
    static const char *const models[] = { "MIPS64R2-generic", "5KEf", "any", "max", NULL };
    int r = cpu_reset(cpu, model, models);
    MIPS_CPU(cpu)->fir = 0x00730000u;
    return r;
}

/* As the kernel's start_thread: everything zero but sp and the pc; glibc's _start
 * takes v0 as rtld_fini (0: none). */
static void mips_cpu_set_entry(struct cpu_common *cpu, uint64_t pc, uint64_t sp)
{
    struct mips_cpu *env = MIPS_CPU(cpu);
    cpu->pc = pc;
    env->gpr[29] = sp;
    env->gpr[2] = 0;
    env->gpr[25] = pc;              /* PIC entry code may expect its own address in t9 */
}

/* As the MIPS copy_thread: the child returns 0 from clone with no error (v0 = a3 = 0),
 * CLONE_SETTLS sets UserLocal (what rdhwr $29 reads), and its LL bit is clear. */
static void mips_cpu_clone(struct cpu_common *child, const struct cpu_common *parent,
                           uint64_t new_sp, uint64_t tls, uint64_t clone_flags)
{
    struct mips_cpu *env = MIPS_CPU(child);
    env->gpr[2] = 0;
    env->gpr[7] = 0;
    if (new_sp)
        env->gpr[29] = new_sp;              /* as the entry point and set_thread_area */
    if (clone_flags & CLONE_SETTLS)
        env->ulr = tls;
    env->lladdr = ~0ull;
}

static uint64_t mips_cpu_sp(const struct cpu_common *cpu)
{
    return MIPS_CPU(cpu)->gpr[29];
}

static uint32_t mips_tb_flags(const struct cpu_common *cpu)
{
    const struct target_ops *ops = cpu->ops;
    return (MIPS_CPU(cpu)->fr ? MIPS_TBF_FR : 0) | (ops->big_endian ? MIPS_TBF_BE : 0) |
           (ops->addr_bits == 64 ? MIPS_TBF_64 : 0);
}

static void mips_cpu_dump(const struct cpu_common *cpu, FILE *f)
{
    const struct mips_cpu *env = MIPS_CPU(cpu);
    bool w64 = cpu->ops->addr_bits == 64;
    int w = w64 ? 16 : 8;
    uint64_t mask = w64 ? ~0ull : 0xffffffffull;
    fprintf(f, "pc=%0*llx hi=%0*llx lo=%0*llx\n", w, (unsigned long long)cpu->pc, w,
            (unsigned long long)(env->hi & mask), w, (unsigned long long)(env->lo & mask));
    for (int i = 0; i < 32; i++)
        fprintf(f, "r%02d=%0*llx%c", i, w, (unsigned long long)(env->gpr[i] & mask),
                (i & 3) == 3 ? '\n' : ' ');
    fprintf(f, "fcsr=%08x fr=%u\n", env->fcsr, env->fr);
}

static void mips_restore_state(struct cpu_common *cpu, uint64_t pc, uint64_t extra)
{
    cpu->pc = (extra & MIPS_EXTRA_DELAY_SLOT) ? pc - 4 : pc;
}

static void mips_disas_mode(uint32_t tb_flags, int *cs_arch, int *cs_mode)
{
    *cs_arch = CS_ARCH_MIPS;
    *cs_mode = (tb_flags & MIPS_TBF_64 ? CS_MODE_MIPS64 : CS_MODE_MIPS32) |
               (tb_flags & MIPS_TBF_BE ? CS_MODE_BIG_ENDIAN : CS_MODE_LITTLE_ENDIAN);
}

static const char *const mips_aliases[] = { "mipsbe", NULL };
static const char *const mips64el_aliases[] = { "mips64", NULL };

/* What the three MIPS guests share (a hook added here reaches all of them). */
#define MIPS_OPS_COMMON                                                                 \
    .elf_machine = EM_MIPS,                                                             \
    .page_bits = 12,                                                                    \
    .interp_base = 0,                                                                   \
    .platform = NULL,                                                                   \
    .hwcap = mips_hwcap,                                                                \
    .cpu_size = sizeof(struct mips_cpu),                                                \
    .cpu_set_entry = mips_cpu_set_entry,                                                \
    .tb_flags = mips_tb_flags,                                                          \
    .cpu_dump = mips_cpu_dump,                                                          \
    .cpu_clone = mips_cpu_clone,                                                        \
    .cpu_sp = mips_cpu_sp,                                                              \
    .ir_init = mips_ir_init,                                                            \
    .translate = mips_translate,                                                        \
    .restore_state = mips_restore_state,                                                \
    .disas_mode = mips_disas_mode,                                                      \
    .syscall_ret = mips_syscall_ret,                                                    \
    .syscall_restart = mips_syscall_restart,                                            \
    .private_syscall = mips_private_syscall,                                            \
    .target_exception = mips_target_exception,                                          \
    .setup_frame = mips_setup_frame,                                                    \
    .sigreturn = mips_sigreturn

/* Address space of a 32-bit MIPS process: user space is the low 2 GiB (kuseg). The
 * trampoline page sits at its top, the stack ends below it, mmap grows down from
 * 128 MiB under the stack, PIE programs load at TASK_SIZE / 3 * 2 (ELF_ET_DYN_BASE).
 * The rest is o32's, either byte order. */
#define MIPS_O32_OPS                                                                    \
    .elf_class = ELFCLASS32,                                                            \
    .elf_check_flags = mips_check_flags,                                                \
    .addr_bits = 32,                                                                    \
    .task_size = 0x80000000u,                                                           \
    .stack_top = 0x7fff0000u,                                                           \
    .mmap_base = 0x77000000u,                                                           \
    .pie_base = 0x80000000u / 3 * 2 & ~0xfffu,                                          \
    .uname_machine = "mips",                                                            \
    .cpuinfo = mips_cpuinfo,                                                            \
    .cpu_init = mips_cpu_init,                                                          \
    .syscall_args = mips_o32_syscall_args

const struct target_ops mips_ops = {
    .name = "mips",
    .aliases = mips_aliases,
    .elf_data = ELFDATA2MSB,
    .big_endian = true,
    .cross_sysroot = "/usr/mips-linux-gnu",
    .map_special_pages = mips_map_vdso_be,
    .syscalls = &syscall_table_mips,
    MIPS_OPS_COMMON,
    MIPS_O32_OPS,
};

const struct target_ops mipsel_ops = {
    .name = "mipsel",
    .aliases = NULL,
    .elf_data = ELFDATA2LSB,
    .big_endian = false,
    .cross_sysroot = "/usr/mipsel-linux-gnu",
    .map_special_pages = mips_map_vdso_le,
    .syscalls = &syscall_table_mipsel,
    MIPS_OPS_COMMON,
    MIPS_O32_OPS,
};

/* 64-bit: a 40-bit user space (1 TiB, SEGBITS of common MIPS64 cores) with the same
 * arrangement at its top, in a reserved window of that size (guest_space): with guest
 * addresses used as host ones, the program would land in ranges crossrun or a
 * sanitizer's shadow memory own, and a wild pointer could reach crossrun's memory
 * (mips_clean_addr keeps every access inside the window). */
const struct target_ops mips64el_ops = {
    .name = "mips64el",
    .aliases = mips64el_aliases,
    .elf_class = ELFCLASS64,
    .elf_data = ELFDATA2LSB,
    .elf_check_flags = mips64_check_flags,
    .addr_bits = 64,
    .big_endian = false,
    .task_size = 0x10000000000ull,
    .guest_space = 0x10000000000ull,
    .stack_top = 0xffffff0000ull,
    .mmap_base = 0xfff7000000ull,
    .pie_base = 0xaaaaaaa000ull,
    .uname_machine = "mips64",
    .cross_sysroot = "/usr/mips64el-linux-gnuabi64",
    .map_special_pages = mips64_map_vdso,
    .cpuinfo = mips64_cpuinfo,
    .syscalls = &syscall_table_mips64el,
    .cpu_init = mips64_cpu_init,
    .syscall_args = mips_n64_syscall_args,
    MIPS_OPS_COMMON,
};
