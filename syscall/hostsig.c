/* Direct host signal calls (see hostsig.h). */
#include "syscall/hostsig.h"

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The x86-64 kernel's struct sigaction. */
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};
#define KSA_RESTORER 0x04000000ul

/* x86-64 handlers return through a restorer that calls rt_sigreturn; glibc's is
 * private, so signals installed directly get this one. */
void crossrun_sigreturn_trampoline(void);
__asm__(
    "    .text\n"
    "    .globl crossrun_sigreturn_trampoline\n"
    "    .hidden crossrun_sigreturn_trampoline\n"
    "    .type crossrun_sigreturn_trampoline, @function\n"
    "crossrun_sigreturn_trampoline:\n"
    "    mov $15, %eax\n"                       /* __NR_rt_sigreturn */
    "    syscall\n"
    "    .size crossrun_sigreturn_trampoline, . - crossrun_sigreturn_trampoline\n");

uint64_t hostsig_word(const sigset_t *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    return w;
}

void hostsig_set_word(sigset_t *s, uint64_t w)
{
    memcpy(s, &w, sizeof w);
}

/* glibc refuses only its own internal signals; those go to the kernel directly. */
static int raw_action(int h, const struct sigaction *sa, struct sigaction *old)
{
    struct ksigaction k, ko;
    if (sa) {
        memset(&k, 0, sizeof k);
        k.handler = (sa->sa_flags & SA_SIGINFO) ? (void *)sa->sa_sigaction
                                                : (void *)sa->sa_handler;
        k.flags = (unsigned long)sa->sa_flags | KSA_RESTORER;
        k.restorer = (void *)crossrun_sigreturn_trampoline;
        k.mask = hostsig_word(&sa->sa_mask);
    }
    if (syscall(SYS_rt_sigaction, h, sa ? &k : NULL, old ? &ko : NULL, 8) < 0)
        return -errno;
    if (old) {
        memset(old, 0, sizeof *old);
        old->sa_handler = (void (*)(int))ko.handler;
        old->sa_flags = (int)(ko.flags & ~KSA_RESTORER);
        hostsig_set_word(&old->sa_mask, ko.mask);
    }
    return 0;
}

int hostsig_action(int h, const struct sigaction *sa, struct sigaction *old)
{
    if (h >= 32 && h < SIGRTMIN)
        return raw_action(h, sa, old);
    return sigaction(h, sa, old) < 0 ? -errno : 0;
}

int hostsig_mask(int how, uint64_t set, uint64_t *old)
{
    uint64_t o = 0;
    if (syscall(SYS_rt_sigprocmask, how, &set, &o, 8) < 0)
        return -errno;
    if (old)
        *old = o;
    return 0;
}

uint64_t hostsig_pending(void)
{
    uint64_t p = 0;
    syscall(SYS_rt_sigpending, &p, 8);
    return p;
}
