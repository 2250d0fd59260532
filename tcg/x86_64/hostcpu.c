/* cpuid feature probing; bit positions are from the Intel SDM, vol. 2, CPUID. */
#include "tcg/x86_64/hostcpu.h"

#include <cpuid.h>
#include <stddef.h>
#include <stdint.h>

struct host_cpu host_cpu;

/* XCR0 via xgetbv; only valid to execute when cpuid reports OSXSAVE. */
static uint64_t read_xcr0(void)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (uint64_t)hi << 32 | lo;
}

void host_cpu_detect(void)
{
    /* Build the answer locally and publish it whole, so a repeated call never shows
     * a half-cleared struct. */
    struct host_cpu c = { 0 };
    unsigned a, b, cx, d;
    unsigned max = __get_cpuid_max(0, NULL);
    bool ymm_saved = false;

    if (max >= 1 && __get_cpuid(1, &a, &b, &cx, &d)) {
        c.sse41 = cx >> 19 & 1;
        c.sse42 = cx >> 20 & 1;
        c.movbe = cx >> 22 & 1;
        c.popcnt = cx >> 23 & 1;
        bool osxsave = cx >> 27 & 1;
        /* XCR0 bits 1 (SSE) and 2 (AVX) say the kernel preserves xmm/ymm state. */
        if (osxsave)
            ymm_saved = (read_xcr0() & 6) == 6;
        c.avx = (cx >> 28 & 1) && ymm_saved;
    }
    if (max >= 7 && __get_cpuid_count(7, 0, &a, &b, &cx, &d)) {
        c.bmi1 = b >> 3 & 1;
        c.avx2 = (b >> 5 & 1) && c.avx;
        c.bmi2 = b >> 8 & 1;
    }
    if (__get_cpuid_max(0x80000000, NULL) >= 0x80000001
        && __get_cpuid(0x80000001, &a, &b, &cx, &d))
        c.lzcnt = cx >> 5 & 1;

    host_cpu = c;
}
