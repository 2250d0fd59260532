/* A64 run-time helpers (see helper-a64.h). */
#include "target/arm/helper-a64.h"

#include <signal.h>
#include <string.h>
#include <time.h>

#include "target/arm/cpu64.h"
#include "target/arm/helper-a64-fp.h"
#include "tcg/exec.h"
#include "tcg/page.h"

uint64_t helper_a64_rbit64(uint64_t x)
{
    x = (x >> 1 & 0x5555555555555555ull) | (x & 0x5555555555555555ull) << 1;
    x = (x >> 2 & 0x3333333333333333ull) | (x & 0x3333333333333333ull) << 2;
    x = (x >> 4 & 0x0f0f0f0f0f0f0f0full) | (x & 0x0f0f0f0f0f0f0f0full) << 4;
    return __builtin_bswap64(x);
}

/* At 1 GHz the counter is the monotonic clock in nanoseconds. */
uint64_t helper_a64_cntvct(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t helper_a64_get_fpcr(void *env) { return a64_fpcr_get(env); }
void helper_a64_set_fpcr(void *env, uint64_t v) { a64_fpcr_set(env, (uint32_t)v); }
/* Flags inline float ops left in the host are the guest's since the last exit: a read
 * folds them in, a write replaces them. */
uint64_t helper_a64_get_fpsr(void *env)
{
    A64_CPU(env)->fpsr |= a64_fpsr_of_fpx(jit_fp_take_flags());
    return a64_fpsr_get(env);
}
void helper_a64_set_fpsr(void *env, uint64_t v)
{
    jit_fp_take_flags();
    a64_fpsr_set(env, (uint32_t)v);
}

/* The line size CTR_EL0 reports for the instruction cache (IminLine = 4 words << 4). */
enum { ICACHE_LINE = 64 };

void helper_a64_ic_ivau(uint64_t addr)
{
    uint64_t line = addr & ((1ull << 56) - 1) & ~(uint64_t)(ICACHE_LINE - 1);
    tb_invalidate_range(line, line + ICACHE_LINE);
}

/* Guest memory touched from a helper: a fault there is the guest's, at the call site
 * whose return address ra is (tcg/cpu.h, helper_ra). */
static void check_align16(struct cpu_common *cpu, uint64_t clean, uintptr_t ra)
{
    if (clean & 15) {
        cpu->excp_addr = clean;
        cpu->excp_code = BUS_ADRALN;
        cpu_raise(cpu, EXCP_BUS, ra);
    }
}

void helper_a64_ld128(void *env, uint64_t clean)
{
    struct a64_cpu *e = env;
    uintptr_t ra = (uintptr_t)__builtin_return_address(0);
    check_align16(&e->c, clean, ra);
    e->c.helper_ra = ra;
    memcpy(e->xscratch, g2h(clean), 16);
    e->c.helper_ra = 0;
}

uint64_t helper_a64_cmpxchg128(void *env, uint64_t clean, uint64_t cmp_lo, uint64_t cmp_hi,
                               uint64_t new_lo, uint64_t new_hi)
{
    struct a64_cpu *e = env;
    uintptr_t ra = (uintptr_t)__builtin_return_address(0);
    check_align16(&e->c, clean, ra);
    uint64_t lo = cmp_lo, hi = cmp_hi;
    unsigned char stored;
    e->c.helper_ra = ra;
    __asm__ volatile("lock cmpxchg16b %1\n\tsete %0"
                     : "=q"(stored), "+m"(*(unsigned __int128 *)g2h(clean)), "+a"(lo), "+d"(hi)
                     : "b"(new_lo), "c"(new_hi)
                     : "memory", "cc");
    e->c.helper_ra = 0;
    e->xscratch[0] = lo;
    e->xscratch[1] = hi;
    return !stored;
}
