/* guest-test: portable
 * A store to an unmapped guest address with no handler: the process must be killed by
 * SIGSEGV (the emulator maps the host fault in JIT code back to a guest fault, then dies
 * by the guest's signal). */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    printf("before the fault\n");
    fflush(stdout);
    volatile uintptr_t addr = 16;
    *(volatile int *)addr = 42;
    printf("not reached\n");
    return 0;
}
