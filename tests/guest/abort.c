/* guest-test: portable
 * abort(): glibc raises SIGABRT (tgkill to itself) with the default action, so the process
 * must end killed by SIGABRT - the emulator has to die by the same signal (as qemu-user
 * does), not exit with a status. Output flushed before is kept. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("about to abort\n");
    fflush(stdout);
    abort();
}
