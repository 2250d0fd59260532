/* uname() as a Linux board reports it: machine "armv7l" on 32-bit ARMv7, "aarch64" on
 * arm64 (expected/aarch64/uname.out), and sysname "Linux". The release and host name vary
 * between machines, so they are only checked for being non-empty. Not portable: the
 * machine string. */
#include <stdio.h>
#include <sys/utsname.h>

int main(void)
{
    struct utsname u;
    int rc = uname(&u);
    printf("rc=%d sysname=%s machine=%s\n", rc, u.sysname, u.machine);
    printf("release nonempty=%d nodename nonempty=%d version nonempty=%d\n",
           u.release[0] != 0, u.nodename[0] != 0, u.version[0] != 0);
    return 0;
}
