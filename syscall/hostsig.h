/* The host's signal calls, made directly: glibc hides its two internal real-time
 * signals (32 and 33) from sigaction and strips them from masks, but crossrun gives every
 * guest signal the host signal of the same number, those two included (see signal.c).
 * Masks here are 64-bit words: bit (h - 1) is host signal h.
 * Contract: functions return 0 or -errno; crossrun itself never uses the features
 * glibc reserves those signals for (pthread_cancel, set*id across threads, SIGEV_THREAD
 * timers), so taking them over is safe. */
#ifndef SYSCALL_HOSTSIG_H
#define SYSCALL_HOSTSIG_H

#include <signal.h>
#include <stdint.h>

static inline uint64_t hostsig_bit(int h) { return h >= 1 && h <= 64 ? 1ull << (h - 1) : 0; }

/* sa: glibc's struct; its sa_mask's first 64 bits are used as they are. */
int hostsig_action(int h, const struct sigaction *sa, struct sigaction *old);
/* how: SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK. old may be NULL. */
int hostsig_mask(int how, uint64_t set, uint64_t *old);
/* Host signals pending for this thread or the process. */
uint64_t hostsig_pending(void);
/* The first 64 bits of a glibc sigset_t (a ucontext's mask) as a word, and back. */
uint64_t hostsig_word(const sigset_t *s);
void hostsig_set_word(sigset_t *s, uint64_t w);

#endif
