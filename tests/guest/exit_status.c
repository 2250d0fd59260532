/* guest-test: portable
 * Exit status: the runner expects status 3. Output written through stdio before exit()
 * must be flushed by glibc's exit path (atexit handlers run in reverse order first). */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }

int main(void)
{
    atexit(first);
    atexit(second);
    printf("exiting with status 3\n");
    exit(3);
}
