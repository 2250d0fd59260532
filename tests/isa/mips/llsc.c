/* ll/sc (and lld/scd on MIPS64) in one thread: a successful pair, an sc to another
 * address than the ll's, an sc after the word changed under it, an sc with no ll before
 * it, and an atomic increment loop. (Across threads the pair is a compare-and-swap:
 * tests/guest/atomics runs gcc's ll/sc loops.) */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static int32_t a = 10, b = 20;

static int ll_sc(int32_t *ll_at, int32_t *sc_at, int32_t nv, int32_t *seen, int change)
{
    int32_t ok = nv, old;
    __asm__ volatile(
        "ll %1, 0(%2)\n"
        "beqz %5, 1f\n"
        "nop\n"
        "sw %5, 0(%2)\n"             /* the word changes between ll and sc */
        "1: sc %0, 0(%3)\n"
        : "+r"(ok), "=&r"(old) : "r"(ll_at), "r"(sc_at), "r"(nv), "r"(change) : "memory");
    *seen = old;
    return ok;
}

int main(void)
{
    int32_t seen;
    int ok = ll_sc(&a, &a, 11, &seen, 0);
    printf("pair: ok=%d seen=%d a=%d\n", ok, seen, a);
    ok = ll_sc(&a, &b, 21, &seen, 0);
    printf("other address: ok=%d a=%d b=%d\n", ok, a, b);
    ok = ll_sc(&a, &a, 12, &seen, 99);
    printf("changed under it: ok=%d a=%d\n", ok, a);
    int32_t r = 5;
    __asm__ volatile("sc %0, 0(%1)" : "+r"(r) : "r"(&b) : "memory");
    printf("sc after a failed sc: ok=%d b=%d\n", r, b);
    int32_t counter = 0;
    for (int i = 0; i < 1000; i++) {
        int32_t t;
        __asm__ volatile("1: ll %0, 0(%1)\n"
                         "addiu %0, %0, 3\n"
                         "sc %0, 0(%1)\n"
                         "beqz %0, 1b\n"
                         "nop\n" : "=&r"(t) : "r"(&counter) : "memory");
    }
    printf("increment loop: %d\n", counter);
#if _MIPS_SIM == _ABI64
    static int64_t d = 0x100000000ll;
    int64_t o, okd = 0x7fffffff00000001ll;
    __asm__ volatile("lld %1, 0(%2)\nscd %0, 0(%2)" : "+r"(okd), "=&r"(o) : "r"(&d) : "memory");
    printf("lld/scd: ok=%" PRId64 " seen=%" PRIx64 " d=%" PRIx64 "\n", okd, (uint64_t)o,
           (uint64_t)d);
#endif
    return 0;
}
