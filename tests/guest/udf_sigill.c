/* A permanently undefined instruction with no SIGILL handler: the process must be killed
 * by SIGILL. A32 uses udf #0 (0xe7f000f0); the Thumb build uses the 16-bit udf #0 (0xde00)
 * because the A32 word would decode as a Thumb branch; A64 has udf #0 (0x00000000); MIPS
 * uses a reserved opcode.
 * Not portable: ARM instructions. */
#include <stdio.h>

int main(void)
{
    printf("executing udf\n");
    fflush(stdout);
#if defined(__aarch64__)
    __asm__ volatile(".inst 0x00000000");
#elif defined(__mips__)
    __asm__ volatile(".word 0x0000000e");     /* SPECIAL function 0x0e: reserved */
#elif defined(__thumb__)
    __asm__ volatile(".inst.n 0xde00");
#else
    __asm__ volatile(".inst 0xe7f000f0");
#endif
    printf("not reached\n");
    return 0;
}
