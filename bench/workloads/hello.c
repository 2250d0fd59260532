/* Startup: a static hello world. The runner starts it many times in a row, so what it
 * measures is loading, the first translations and exit, not the printing. */
#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
