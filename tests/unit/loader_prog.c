/* A small libc program for test_loader: built static and dynamic for ARM. */
#include <stdio.h>

int counter = 5;
static char zeroed[10000];

int main(int argc, char **argv)
{
    zeroed[argc] = (char)counter;
    printf("%s: %d\n", argv[0], zeroed[argc]);
    return 0;
}
