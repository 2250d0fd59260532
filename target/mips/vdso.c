/* The page holding the signal return trampolines. Linux keeps them in the vdso it maps
 * at the top of user space; crossrun maps one read+exec page there with only these
 * two sequences (the guest reaches them through $ra set by the signal frame code; no
 * vdso ELF image is announced, so glibc uses its ordinary system calls). */
#include <sys/mman.h>

#include "syscall/mmap.h"
#include "target/mips/linux-abi.h"
#include "syscall/abi-tables.h"
#include "tcg/page.h"

enum {
    LI_V0 = 0x24020000u,            /* addiu v0, zero, imm */
    SYSCALL = 0x0000000cu,
    O32_SIGRETURN = 4119, O32_RT_SIGRETURN = 4193, N64_RT_SIGRETURN = 5211,
    BREAK = 0x0000000du,            /* fills the rest: a stray jump here traps */
};

static int map_page(uint64_t page, const struct syscall_table *abi, uint32_t sig_nr,
                    uint32_t rt_nr)
{
    int64_t r = guest_mmap(page, 4096, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r < 0)
        return (int)r;
    uint8_t *p = g2h(page);
    for (unsigned off = 0; off < 4096; off += 4)
        abi_st32(abi, p + off, BREAK);
    abi_st32(abi, p + MIPS_VDSO_SIGRETURN, LI_V0 | sig_nr);
    abi_st32(abi, p + MIPS_VDSO_SIGRETURN + 4, SYSCALL);
    abi_st32(abi, p + MIPS_VDSO_RT_SIGRETURN, LI_V0 | rt_nr);
    abi_st32(abi, p + MIPS_VDSO_RT_SIGRETURN + 4, SYSCALL);
    return guest_mprotect(page, 4096, PROT_READ | PROT_EXEC);
}

int mips_map_vdso_be(void)
{
    return map_page(MIPS_VDSO_PAGE, &syscall_table_mips, O32_SIGRETURN, O32_RT_SIGRETURN);
}

int mips_map_vdso_le(void)
{
    return map_page(MIPS_VDSO_PAGE, &syscall_table_mipsel, O32_SIGRETURN, O32_RT_SIGRETURN);
}

/* n64 has only rt frames: both slots hold rt_sigreturn. */
int mips64_map_vdso(void)
{
    return map_page(MIPS64_VDSO_PAGE, &syscall_table_mips64el, N64_RT_SIGRETURN,
                    N64_RT_SIGRETURN);
}
