/* guest-test: portable
 * raise(SIGTERM) with the default disposition after a handler was installed and reset:
 * the process must end killed by SIGTERM. Before that, raise(SIGUSR1) with SIG_IGN must be
 * ignored and execution continue. */
#include <signal.h>
#include <stdio.h>

static volatile sig_atomic_t got;
static void on_term(int sig) { got = sig; }

int main(void)
{
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("SIGUSR1 ignored, still running\n");
    signal(SIGTERM, on_term);
    raise(SIGTERM);
    printf("handler saw signal %d\n", (int)got);
    signal(SIGTERM, SIG_DFL);
    fflush(stdout);
    raise(SIGTERM);
    printf("not reached\n");
    return 0;
}
