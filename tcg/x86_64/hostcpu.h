/* Host x86-64 features the back end may use beyond the baseline (SSE2, cmov, cx16 are
 * assumed). host_cpu_detect() fills host_cpu from cpuid; it is cheap and idempotent,
 * so every entry point may call it. AVX/AVX2 are reported only when the OS also
 * saves the YMM state (XCR0), i.e. when they are actually usable. */
#ifndef TCG_X86_64_HOSTCPU_H
#define TCG_X86_64_HOSTCPU_H

#include <stdbool.h>

struct host_cpu {
    bool bmi1, bmi2, lzcnt, popcnt, movbe, sse41, sse42, avx, avx2;
};

extern struct host_cpu host_cpu;

void host_cpu_detect(void);

#endif
