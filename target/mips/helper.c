/* Run-time helpers of the MIPS integer translator (see helper.h). */
#include "target/mips/helper.h"

#include <time.h>

uint64_t helper_mips_cycle_counter(void *env)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    return ns / 10;
}
