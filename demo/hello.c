/* The README's demo: a small ARM program that shows it runs, with its arguments and
 * a little arithmetic, as it would on an ARMv7 board. */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

static unsigned long long fib(unsigned n)
{
    unsigned long long a = 0, b = 1;
    while (n--) {
        unsigned long long t = a + b;
        a = b;
        b = t;
    }
    return a;
}

int main(int argc, char **argv)
{
    struct utsname u;
    uname(&u);
    printf("Hello from %s (%d-bit guest)!\n", u.machine, (int)(sizeof(void *) * 8));
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = %s\n", i, argv[i]);
    printf("fib(90) = %llu\n", fib(90));
    return 0;
}
