/* The AArch64 target (ARMv8.2-A EL0 under Linux, little-endian): a64_ops, the CPU's
 * reset and entry state, NZCV, the identification registers, and the ABI facts the
 * loader needs. The CPU presents itself as a Cortex-A76 (the MIDR, cache geometry and
 * /proc/cpuinfo), but every feature bit, in AT_HWCAP as in the ID registers, comes from
 * one list of what crossrun implements, so the two never disagree. */
#include <capstone/capstone.h>
#include <elf.h>
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "syscall/abi-tables.h"
#include "target/arm/cpu64.h"
#include "target/arm/helper-a64-fp.h"
#include "target/arm/linux-abi64.h"
#include "target/arm/translate-a64-entry.h"
#include "target/target.h"

uint32_t a64_nzcv_read(const struct a64_cpu *env)
{
    return (uint32_t)(env->NF >> 63) << 31 | (env->ZF == 0) << 30 | (uint32_t)(env->CF & 1) << 29
         | (uint32_t)(env->VF >> 63) << 28;
}

void a64_nzcv_write(struct a64_cpu *env, uint32_t nzcv)
{
    env->NF = (uint64_t)(nzcv >> 31) << 63;
    env->ZF = !(nzcv & (1u << 30));
    env->CF = (nzcv >> 29) & 1;
    env->VF = (uint64_t)((nzcv >> 28) & 1) << 63;
}

/* arch/arm64/include/uapi/asm/hwcap.h */
enum {
    HWCAP_FP = 1 << 0, HWCAP_ASIMD = 1 << 1, HWCAP_AES = 1 << 3, HWCAP_PMULL = 1 << 4,
    HWCAP_SHA1 = 1 << 5, HWCAP_SHA2 = 1 << 6, HWCAP_CRC32 = 1 << 7, HWCAP_ATOMICS = 1 << 8,
    HWCAP_FPHP = 1 << 9, HWCAP_ASIMDHP = 1 << 10, HWCAP_CPUID = 1 << 11,
    HWCAP_ASIMDRDM = 1 << 12, HWCAP_JSCVT = 1 << 13, HWCAP_FCMA = 1 << 14,
    HWCAP_LRCPC = 1 << 15, HWCAP_DCPOP = 1 << 16, HWCAP_SHA3 = 1 << 17, HWCAP_SM3 = 1 << 18,
    HWCAP_SM4 = 1 << 19, HWCAP_ASIMDDP = 1 << 20, HWCAP_SHA512 = 1 << 21,
    HWCAP_ASIMDFHM = 1 << 23,
};

/* The integer side: LSE atomics, LDAPR, DC CVAP, and MRS of the ID registers (CPUID:
 * Linux emulates them; a64_idreg_read answers). */
static uint64_t a64_hwcap(void)
{
    return HWCAP_ATOMICS | HWCAP_LRCPC | HWCAP_DCPOP | HWCAP_CPUID | a64_fp_hwcap();
}

static uint64_t a64_hwcap2(void)
{
    return a64_fp_hwcap2();
}

/* Where a hwcap shows in the ID registers: register index (CRm << 3 | op2), field
 * shift and the value that means "implemented". */
struct id_field {
    uint64_t hwcap;
    uint8_t reg, shift, value;
};

enum { ID_PFR0 = 4 << 3, ID_ISAR0 = 6 << 3, ID_ISAR1 = 6 << 3 | 1 };

static const struct id_field id_fields[] = {
    { HWCAP_AES, ID_ISAR0, 4, 1 },       { HWCAP_PMULL, ID_ISAR0, 4, 2 },
    { HWCAP_SHA1, ID_ISAR0, 8, 1 },      { HWCAP_SHA2, ID_ISAR0, 12, 1 },
    { HWCAP_SHA512, ID_ISAR0, 12, 2 },   { HWCAP_CRC32, ID_ISAR0, 16, 1 },
    { HWCAP_ATOMICS, ID_ISAR0, 20, 2 },  { HWCAP_ASIMDRDM, ID_ISAR0, 28, 1 },
    { HWCAP_SHA3, ID_ISAR0, 32, 1 },     { HWCAP_SM3, ID_ISAR0, 36, 1 },
    { HWCAP_SM4, ID_ISAR0, 40, 1 },      { HWCAP_ASIMDDP, ID_ISAR0, 44, 1 },
    { HWCAP_ASIMDFHM, ID_ISAR0, 48, 1 },
    { HWCAP_DCPOP, ID_ISAR1, 0, 1 },     { HWCAP_JSCVT, ID_ISAR1, 12, 1 },
    { HWCAP_FCMA, ID_ISAR1, 16, 1 },     { HWCAP_LRCPC, ID_ISAR1, 20, 1 },
    { HWCAP_FPHP, ID_PFR0, 16, 1 },      { HWCAP_ASIMDHP, ID_PFR0, 20, 1 },
};

/* MIDR of a Cortex-A76 r4p1; MPIDR as Linux shows it (only the RES1 bit). */
enum { MIDR_IMPL = 0x41, MIDR_VARIANT = 4, MIDR_PART = 0xd0b, MIDR_REV = 1 };

uint64_t a64_idreg_read(unsigned idx)
{
    uint64_t hw = a64_hwcap(), v = 0;
    switch (idx) {
    case 0:
        return (uint64_t)MIDR_IMPL << 24 | MIDR_VARIANT << 20 | 0xf << 16 | MIDR_PART << 4
             | MIDR_REV;
    case 5:
        return 1ull << 31;
    case ID_PFR0:
        /* EL0 in AArch64 only; FP and AdvSIMD 0xf when absent */
        v = 1;
        if (!(hw & HWCAP_FP))
            v |= 0xfull << 16;
        if (!(hw & HWCAP_ASIMD))
            v |= 0xfull << 20;
        break;
    default:
        break;
    }
    for (size_t i = 0; i < sizeof id_fields / sizeof id_fields[0]; i++) {
        const struct id_field *f = &id_fields[i];
        if (f->reg == idx && (hw & f->hwcap)) {
            v &= ~(0xfull << f->shift);
            v |= (uint64_t)f->value << f->shift;
        }
    }
    return v;
}

static const char *const hwcap_names[32] = {
    "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp",
    "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4",
    "asimddp", "sha512", "sve", "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb",
    "paca", "pacg",
};

static void a64_cpuinfo(FILE *f)
{
    uint64_t hw = a64_hwcap();
    fprintf(f, "processor\t: 0\nBogoMIPS\t: 100.00\nFeatures\t:");
    for (unsigned i = 0; i < 32; i++)
        if (hw & (1ull << i))
            fprintf(f, " %s", hwcap_names[i]);
    fprintf(f, "\nCPU implementer\t: 0x%02x\nCPU architecture: 8\nCPU variant\t: 0x%x\n"
               "CPU part\t: 0x%03x\nCPU revision\t: %d\n\n",
            MIDR_IMPL, MIDR_VARIANT, MIDR_PART, MIDR_REV);
}

static int a64_cpu_init(struct cpu_common *cpu, const char *model)
{
    static const char *const models[] = { "cortex-a76", "neoverse-n1", "max", "any", NULL };
    if (model) {
        const char *const *m = models;
        while (*m && strcmp(*m, model))
            m++;
        if (!*m)
            return -EINVAL;
    }
    struct a64_cpu *env = A64_CPU(cpu);
    memset(env->x, 0, sizeof env->x);
    a64_nzcv_write(env, 0);
    env->tpidr_el0 = env->tpidrro_el0 = 0;
    env->excl_addr = ~0ull;
    env->excl_val = env->excl_val2 = 0;
    memset(env->v, 0, sizeof env->v);
    a64_fpcr_set(env, 0);                 /* Linux starts processes with FPCR and FPSR 0 */
    a64_fpsr_set(env, 0);
    return 0;
}

/* As the kernel's start_thread: pc and sp, every other register 0. */
static void a64_cpu_set_entry(struct cpu_common *cpu, uint64_t pc, uint64_t sp)
{
    struct a64_cpu *env = A64_CPU(cpu);
    cpu->pc = pc;
    env->x[31] = sp;
    env->x[0] = 0;
}

/* As arm64's copy_thread: the child returns 0 from clone, CLONE_SETTLS sets TPIDR_EL0,
 * and the parent's exclusive monitor does not come along. */
static void a64_cpu_clone(struct cpu_common *child, const struct cpu_common *parent,
                          uint64_t new_sp, uint64_t tls, uint64_t clone_flags)
{
    struct a64_cpu *env = A64_CPU(child);
    env->x[0] = 0;
    if (new_sp)
        env->x[31] = new_sp;
    if (clone_flags & CLONE_SETTLS)
        env->tpidr_el0 = tls;
    env->excl_addr = ~0ull;
}

static uint64_t a64_cpu_sp(const struct cpu_common *cpu)
{
    return A64_CPU(cpu)->x[31];
}

static uint32_t a64_tb_flags(const struct cpu_common *cpu)
{
    return a64_fp_tb_flags(A64_CPU(cpu)) & A64_TBF_FP_MASK;
}

static void a64_cpu_dump(const struct cpu_common *cpu, FILE *f)
{
    const struct a64_cpu *env = A64_CPU(cpu);
    for (int i = 0; i < 31; i++)
        fprintf(f, "X%02d=%016llx%c", i, (unsigned long long)env->x[i], (i & 3) == 3 ? '\n' : ' ');
    uint32_t nzcv = a64_nzcv_read(env);
    fprintf(f, "SP=%016llx\nPC=%016llx NZCV=%c%c%c%c\n", (unsigned long long)env->x[31],
            (unsigned long long)cpu->pc, nzcv >> 31 ? 'N' : '-', (nzcv >> 30) & 1 ? 'Z' : '-',
            (nzcv >> 29) & 1 ? 'C' : '-', (nzcv >> 28) & 1 ? 'V' : '-');
}

static void a64_restore_state(struct cpu_common *cpu, uint64_t pc, uint64_t extra)
{
    cpu->pc = pc;
}

static void a64_disas_mode(uint32_t tb_flags, int *cs_arch, int *cs_mode)
{
    *cs_arch = CS_ARCH_ARM64;
    *cs_mode = CS_MODE_ARM;
}

static const char *const a64_aliases[] = { "arm64", NULL };

/* Address space. An arm64 process has 48 bits (256 TiB); the x86-64 host's user space
 * has 47, shared with crossrun, so the guest gets a reserved window of 64 TiB (see
 * translate-a64.c for why a window and how accesses are kept inside it). The layout is
 * the kernel's, scaled to the window: the stack ends at the top (less 64 KiB that stay
 * unmapped, as cleaned addresses must leave room for a 64-byte access), mmap grows down
 * from 128 MiB below the stack, PIE programs load at two thirds of the space
 * (ELF_ET_DYN_BASE) and the interpreter wherever mmap puts it. */
#define A64_SPACE (1ull << 46)
#define A64_TASK_SIZE (A64_SPACE - 0x10000)
const struct target_ops a64_ops = {
    .name = "aarch64",
    .aliases = a64_aliases,
    .elf_machine = EM_AARCH64,
    .elf_class = ELFCLASS64,
    .elf_data = ELFDATA2LSB,

    .addr_bits = 64,
    .big_endian = false,
    .page_bits = 12,
    .task_size = A64_TASK_SIZE,
    .stack_top = A64_TASK_SIZE,
    .mmap_base = A64_TASK_SIZE - (128ull << 20),
    .pie_base = A64_SPACE / 3 * 2 & ~0xfffull,
    .interp_base = 0,
    .guest_space = A64_SPACE,

    .uname_machine = "aarch64",
    .cross_sysroot = "/usr/aarch64-linux-gnu",
    .platform = "aarch64",
    .hwcap = a64_hwcap,
    .hwcap2 = a64_hwcap2,
    .cpuinfo = a64_cpuinfo,
    .map_special_pages = a64_map_sigtramp_page,
    .syscalls = &syscall_table_aarch64,

    .cpu_size = sizeof(struct a64_cpu),
    .cpu_init = a64_cpu_init,
    .cpu_set_entry = a64_cpu_set_entry,
    .tb_flags = a64_tb_flags,
    .cpu_dump = a64_cpu_dump,
    .cpu_clone = a64_cpu_clone,
    .cpu_sp = a64_cpu_sp,

    .ir_init = a64_ir_init,
    .translate = a64_translate,
    .restore_state = a64_restore_state,
    .disas_mode = a64_disas_mode,
    .fp_flags = a64_fp_flags,

    .syscall_args = a64_syscall_args,
    .syscall_ret = a64_syscall_ret,
    .syscall_restart = a64_syscall_restart,

    .setup_frame = a64_setup_frame,
    .sigreturn = a64_sigreturn,
};
