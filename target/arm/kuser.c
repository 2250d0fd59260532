/* The ARM Linux kuser helper page: the kernel maps code at 0xffff0000 that user space
 * calls for atomics and TLS on CPUs without them (glibc and libgcc still use it, e.g.
 * __kuser_cmpxchg64). Here the page holds real ARM code the JIT translates like any
 * other, written as instruction words; semantics and addresses follow Linux's
 * Documentation/arm/kernel_user_helpers.rst. Each helper sits in its fixed slot
 * at the top of the page; the rest of the page is undefined instructions. */
#include <string.h>
#include <sys/mman.h>

#include "syscall/mmap.h"
#include "target/arm/linux-abi.h"
#include "tcg/page.h"

enum {
    KUSER_PAGE = 0xffff0000u,
    KUSER_SIZE = 0x1000,
    KUSER_HELPER_COUNT = 5,       /* 32-byte slots from 0xffff0f60 up: the version word */
    A32_UDF = 0xe7f000f0u,        /* udf #0 */
};

/* Input r0 = &oldval, r1 = &newval, r2 = ptr (64-bit values); output r0 = 0 and C set
 * if *ptr was replaced, else r0 != 0 and C clear. Only r3, lr and flags change, so
 * r1 and the pair registers are saved around the exclusive loop. */
static const uint32_t kuser_cmpxchg64[] = {
    0xe92d00f2,   /* push     {r1, r4, r5, r6, r7} */
    0xe1c040d0,   /* ldrd     r4, r5, [r0]          old value */
    0xe1c160d0,   /* ldrd     r6, r7, [r1]          new value */
    0xf57ff05b,   /* dmb      ish */
    0xe1b20f9f,   /* 1: ldrexd r0, r1, [r2] */
    0xe0303004,   /* eors     r3, r0, r4 */
    0x00313005,   /* eorseq   r3, r1, r5            r3 == 0: equal */
    0x01a23f96,   /* strexdeq r3, r6, r7, [r2] */
    0x03530001,   /* cmpeq    r3, #1                lost the monitor: again */
    0x0afffff9,   /* beq      1b */
    0xf57ff05b,   /* dmb      ish */
    0xe2730000,   /* rsbs     r0, r3, #0            r0 = 0 and C = 1 iff stored */
    0xe8bd00f2,   /* pop      {r1, r4, r5, r6, r7} */
    0xe12fff1e,   /* bx       lr */
};

static const uint32_t kuser_memory_barrier[] = {
    0xf57ff05b,   /* dmb      ish */
    0xe12fff1e,   /* bx       lr */
};

/* Input r0 = oldval, r1 = newval, r2 = ptr; output as cmpxchg64; clobbers r3, ip, flags.
 * Ends through the barrier helper (which returns), as the store must be ordered. */
static const uint32_t kuser_cmpxchg[] = {
    0xf57ff05b,   /* dmb      ish */
    0xe1923f9f,   /* 1: ldrex r3, [r2] */
    0xe0333000,   /* eors     r3, r3, r0            r3 == 0: equal */
    0x01823f91,   /* strexeq  r3, r1, [r2] */
    0x03530001,   /* cmpeq    r3, #1 */
    0x0afffffa,   /* beq      1b */
    0xe2730000,   /* rsbs     r0, r3, #0 */
    0xeaffffef,   /* b        __kuser_memory_barrier */
};

/* Output r0 = the TLS value (TPIDRURO). */
static const uint32_t kuser_get_tls[] = {
    0xee1d0f70,   /* mrc      p15, 0, r0, c13, c0, 3 */
    0xe12fff1e,   /* bx       lr */
};

/* Return trampolines for handlers without SA_RESTORER, where pre-3.11 kernels kept
 * them (KERN_SIGRETURN_CODE): sigreturn and rt_sigreturn, in ARM and Thumb, indexed
 * as the kernel does (Thumb + 8, rt + 12). */
static const uint32_t kuser_sigreturn_codes[] = {
    0xe3a07077,   /* mov      r7, #119              __NR_sigreturn */
    0xef000000,   /* svc      #0 */
    0xdf002777,   /* movs r7, #119; svc #0          (Thumb) */
    0xe3a070ad,   /* mov      r7, #173              __NR_rt_sigreturn */
    0xef000000,   /* svc      #0 */
    0xdf0027ad,   /* movs r7, #173; svc #0          (Thumb) */
};

static void put(uint32_t *page, uint32_t addr, const uint32_t *code, size_t bytes)
{
    memcpy(page + (addr - KUSER_PAGE) / 4, code, bytes);
}

int arm_map_kuser_page(void)
{
    int64_t r = guest_mmap(KUSER_PAGE, KUSER_SIZE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r < 0)
        return (int)r;
    uint32_t *page = g2h(KUSER_PAGE);
    for (unsigned i = 0; i < KUSER_SIZE / 4; i++)
        page[i] = A32_UDF;
    put(page, ARM_SIGRETURN_CODES, kuser_sigreturn_codes, sizeof kuser_sigreturn_codes);
    put(page, 0xffff0f60u, kuser_cmpxchg64, sizeof kuser_cmpxchg64);
    put(page, 0xffff0fa0u, kuser_memory_barrier, sizeof kuser_memory_barrier);
    put(page, 0xffff0fc0u, kuser_cmpxchg, sizeof kuser_cmpxchg);
    put(page, 0xffff0fe0u, kuser_get_tls, sizeof kuser_get_tls);
    page[(0xffff0ffcu - KUSER_PAGE) / 4] = KUSER_HELPER_COUNT;
    return guest_mprotect(KUSER_PAGE, KUSER_SIZE, PROT_READ | PROT_EXEC);
}
