/* The process entry state a 32-bit ARM Linux kernel builds: argc/argv (the runner passes
 * fixed arguments, including an empty one, one with a space and one in UTF-8), envp (the
 * runner sets GUEST_ENV_A/B/C), and the auxiliary vector read through getauxval: page
 * size, the hwcap bits an ARMv7 + VFPv3-D32 + NEON CPU (or an ARMv8.2-A) must announce,
 * AT_PLATFORM "v7l" (or "aarch64": expected/aarch64/args_auxv.out),
 * ids consistent with getuid(), AT_PHDR/AT_PHNUM/AT_ENTRY consistent with our own ELF
 * header. Values that differ between machines (paths, addresses) are only checked, not
 * printed. Not portable: ARM hwcaps and platform. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#if defined(__aarch64__)
/* Linux's arm64 hwcap bits (arch/arm64/include/uapi/asm/hwcap.h) an ARMv8.2-A with the
 * crypto and CRC extensions and LSE must announce. */
static const struct { unsigned long bit; const char *name; } hwcaps[] = {
    {1ul << 0, "fp"}, {1ul << 1, "asimd"}, {1ul << 3, "aes"}, {1ul << 4, "pmull"},
    {1ul << 5, "sha1"}, {1ul << 6, "sha2"}, {1ul << 7, "crc32"}, {1ul << 8, "atomics"},
    {1ul << 11, "cpuid"},
};

extern const Elf64_Ehdr __ehdr_start;
#elif defined(__mips__)
/* Linux's MIPS hwcap bits (arch/mips/include/uapi/asm/hwcap.h): only optional ASEs, none
 * of which a 24Kf or a MIPS64R2 core has (each MIPS guest has its own expected file). */
static const struct { unsigned long bit; const char *name; } hwcaps[] = {
    {1ul << 0, "r6"}, {1ul << 1, "msa"}, {1ul << 3, "mips16"}, {1ul << 7, "dsp"},
};

#if _MIPS_SIM == _ABI64
extern const Elf64_Ehdr __ehdr_start;
#else
extern const Elf32_Ehdr __ehdr_start;
#endif
#else
/* Linux's ARM hwcap bits (arch/arm/include/uapi/asm/hwcap.h). */
static const struct { unsigned long bit; const char *name; } hwcaps[] = {
    {1ul << 1, "half"}, {1ul << 2, "thumb"}, {1ul << 4, "fastmult"}, {1ul << 6, "vfp"},
    {1ul << 7, "edsp"}, {1ul << 12, "neon"}, {1ul << 13, "vfpv3"}, {1ul << 15, "tls"},
    {1ul << 19, "vfpd32"},
};

extern const Elf32_Ehdr __ehdr_start;
#endif

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d argv0 nonempty=%d\n", argc, argv[0] && argv[0][0] != 0);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc]==NULL: %d\n", argv[argc] == NULL);

    int n = 0, env_count = 0;
    for (char **e = envp; *e; e++) {
        env_count++;
        if (strncmp(*e, "GUEST_ENV_", 10) == 0)
            n++;
    }
    extern char **environ;
    printf("envp==environ: %d GUEST_ENV_ entries=%d any env=%d\n", envp == environ, n,
           env_count > 0);
    const char *a = getenv("GUEST_ENV_A"), *b = getenv("GUEST_ENV_B");
    const char *c = getenv("GUEST_ENV_C");
    printf("A=[%s] B=[%s] C=[%s] missing=%d\n", a ? a : "(null)", b ? b : "(null)",
           c ? c : "(null)", getenv("GUEST_ENV_NOT_SET") == NULL);

    printf("AT_PAGESZ=%lu sysconf=%ld\n", getauxval(AT_PAGESZ), sysconf(_SC_PAGESIZE));
    unsigned long hw = getauxval(AT_HWCAP);
    printf("AT_HWCAP:");
    for (unsigned i = 0; i < sizeof hwcaps / sizeof *hwcaps; i++)
        printf(" %s=%d", hwcaps[i].name, (hw & hwcaps[i].bit) != 0);
    printf("\n");
    const char *plat = (const char *)getauxval(AT_PLATFORM);
    printf("AT_PLATFORM=%s\n", plat ? plat : "(none)");
    printf("AT_UID ok=%d AT_EUID ok=%d AT_GID ok=%d AT_EGID ok=%d AT_SECURE=%lu\n",
           getauxval(AT_UID) == getuid(), getauxval(AT_EUID) == geteuid(),
           getauxval(AT_GID) == getgid(), getauxval(AT_EGID) == getegid(),
           getauxval(AT_SECURE));
    printf("AT_CLKTCK=%lu\n", getauxval(AT_CLKTCK));
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    printf("AT_RANDOM present=%d\n", rnd != NULL);
    printf("AT_PHNUM matches=%d AT_PHENT=%lu AT_PHDR matches=%d AT_ENTRY matches=%d\n",
           getauxval(AT_PHNUM) == __ehdr_start.e_phnum, getauxval(AT_PHENT),
           getauxval(AT_PHDR) == (unsigned long)&__ehdr_start + __ehdr_start.e_phoff,
           getauxval(AT_ENTRY) == __ehdr_start.e_entry);
    const char *fn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN present=%d\n", fn != NULL && fn[0] != 0);
    return 0;
}
