/* guest-test: portable
 * Atomic builtins in one thread: on ARMv7 gcc inlines them as ldrex/strex loops (ldrexb/h,
 * ldrexd/strexd for 64-bit) with dmb barriers; the emulator turns exclusive pairs into
 * compare-and-swap. Every result and old value is printed, including failed compare-
 * exchanges, which must leave memory alone and report the current value. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdio.h>

/* Calls with side effects are never two arguments of one printf: the evaluation order of
 * arguments is unspecified (and differs between ARM and x86 gcc). */

static volatile uint64_t v64 = 0xfffffffffffffff0ull;
static volatile uint32_t v32 = 0x7ffffffe;
static volatile uint16_t v16 = 0xfff0;
static volatile uint8_t v8 = 0xf0;
static _Atomic int64_t a64;
static _Atomic uint32_t a32;

int main(void)
{
#ifdef __GCC_HAVE_SYNC_COMPARE_AND_SWAP_8
    uint64_t o;
    o = __sync_fetch_and_add(&v64, 0x20);
    printf("64 fetch_add old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    o = __sync_add_and_fetch(&v64, 0xffffffffull);
    printf("64 add_fetch %016" PRIx64 "\n", o);
    o = __sync_fetch_and_sub(&v64, 0x100000000ull);
    printf("64 fetch_sub old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    o = __sync_fetch_and_or(&v64, 0x8000000000000001ull);
    printf("64 fetch_or old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    o = __sync_fetch_and_and(&v64, 0xf0f0f0f0f0f0f0f0ull);
    printf("64 fetch_and old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    o = __sync_fetch_and_xor(&v64, 0xffff0000ffff0000ull);
    printf("64 fetch_xor old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    o = __sync_val_compare_and_swap(&v64, 0x1234ull, 0x5678ull);
    printf("64 cas fail ret=%016" PRIx64 " mem=%016" PRIx64 "\n", o, v64);
    o = __sync_val_compare_and_swap(&v64, v64, 0x0123456789abcdefull);
    printf("64 cas ok ret=%016" PRIx64 " mem=%016" PRIx64 "\n", o, v64);
    int b1 = __sync_bool_compare_and_swap(&v64, 0x0123456789abcdefull, 42ull);
    int b2 = __sync_bool_compare_and_swap(&v64, 0x0123456789abcdefull, 43ull);
    printf("64 bool cas %d %d mem=%016" PRIx64 "\n", b1, b2, v64);
    o = __sync_lock_test_and_set(&v64, 0xaaaaaaaa55555555ull);
    printf("64 xchg old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    __sync_lock_release(&v64);
    printf("64 release %016" PRIx64 "\n", v64);
#else
    /* 32-bit MIPS has no 64-bit __sync builtins (no lld/scd): the same operations through
     * the __atomic ones, which libatomic provides. */
    enum { SEQ = __ATOMIC_SEQ_CST, ACQ = __ATOMIC_ACQUIRE, REL = __ATOMIC_RELEASE };
    uint64_t o;
    o = __atomic_fetch_add(&v64, 0x20, SEQ);
    printf("64 fetch_add old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    o = __atomic_add_fetch(&v64, 0xffffffffull, SEQ);
    printf("64 add_fetch %016" PRIx64 "\n", o);
    o = __atomic_fetch_sub(&v64, 0x100000000ull, SEQ);
    printf("64 fetch_sub old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    o = __atomic_fetch_or(&v64, 0x8000000000000001ull, SEQ);
    printf("64 fetch_or old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    o = __atomic_fetch_and(&v64, 0xf0f0f0f0f0f0f0f0ull, SEQ);
    printf("64 fetch_and old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    o = __atomic_fetch_xor(&v64, 0xffff0000ffff0000ull, SEQ);
    printf("64 fetch_xor old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    o = 0x1234ull;
    __atomic_compare_exchange_n(&v64, &o, 0x5678ull, false, SEQ, SEQ);
    printf("64 cas fail ret=%016" PRIx64 " mem=%016" PRIx64 "\n", o, v64);
    o = v64;
    __atomic_compare_exchange_n(&v64, &o, 0x0123456789abcdefull, false, SEQ, SEQ);
    printf("64 cas ok ret=%016" PRIx64 " mem=%016" PRIx64 "\n", o, v64);
    uint64_t e1 = 0x0123456789abcdefull, e2 = e1;
    int b1 = __atomic_compare_exchange_n(&v64, &e1, 42ull, false, SEQ, SEQ);
    int b2 = __atomic_compare_exchange_n(&v64, &e2, 43ull, false, SEQ, SEQ);
    printf("64 bool cas %d %d mem=%016" PRIx64 "\n", b1, b2, v64);
    o = __atomic_exchange_n(&v64, 0xaaaaaaaa55555555ull, ACQ);
    printf("64 xchg old=%016" PRIx64 " new=%016" PRIx64 "\n", o, v64);
    __atomic_store_n(&v64, 0, REL);
    printf("64 release %016" PRIx64 "\n", v64);
#endif

    uint32_t o32 = __sync_fetch_and_add(&v32, 3);
    printf("32 fetch_add old=%08" PRIx32 " new=%08" PRIx32 "\n", o32, v32);
    o32 = __atomic_fetch_nand(&v32, 0xff00ff00u, __ATOMIC_SEQ_CST);
    printf("32 fetch_nand old=%08" PRIx32 " new=%08" PRIx32 "\n", o32, v32);
    o32 = __sync_val_compare_and_swap(&v32, 0u, 1u);
    printf("32 cas fail ret=%08" PRIx32 "\n", o32);
    uint16_t o16 = __sync_fetch_and_add(&v16, 0x20);
    uint16_t n16 = v16;
    uint16_t c16 = __sync_val_compare_and_swap(&v16, 0x10, 0xbeef);
    printf("16 fetch_add old=%04x new=%04x cas=%04x mem=%04x\n", o16, n16, c16, v16);
    uint8_t o8 = __sync_fetch_and_add(&v8, 0x20);
    uint8_t n8 = v8;
    uint8_t x8 = __sync_xor_and_fetch(&v8, 0xff);
    printf("8 fetch_add old=%02x new=%02x xor=%02x\n", o8, n8, x8);

    /* C11 atomics with explicit orders and weak/strong compare-exchange. */
    atomic_store_explicit(&a64, INT64_MIN + 5, memory_order_release);
    int64_t e = 0;
    int ok = atomic_compare_exchange_strong(&a64, &e, 1);
    printf("c11 cas fail ok=%d expected now=%" PRId64 "\n", ok, e);
    ok = atomic_compare_exchange_strong(&a64, &e, -1);
    printf("c11 cas ok=%d value=%" PRId64 "\n", ok, atomic_load(&a64));
    int tries = 0;
    e = atomic_load_explicit(&a64, memory_order_acquire);
    while (!atomic_compare_exchange_weak(&a64, &e, e * 3 + 1))
        tries++;
    printf("c11 weak value=%" PRId64 " retries<100=%d\n", atomic_load(&a64), tries < 100);
    int64_t x1 = atomic_exchange(&a64, INT64_MAX);
    int64_t x2 = atomic_fetch_sub(&a64, INT64_MAX);
    printf("c11 exchange old=%" PRId64 " fetch_sub old=%" PRId64 " value=%" PRId64 "\n", x1,
           x2, atomic_load(&a64));

    /* A counter loop: many read-modify-write operations in sequence. */
    for (uint32_t i = 0; i < 100000; i++) {
        atomic_fetch_add_explicit(&a32, i, memory_order_relaxed);
        atomic_fetch_xor(&a32, i << 3);
    }
    int64_t acc = 0;
    for (int i = 0; i < 50000; i++)
        acc += atomic_fetch_add(&a64, i) & 0xff;
    printf("loops a32=%08" PRIx32 " a64=%" PRId64 " acc=%" PRId64 "\n", atomic_load(&a32),
           atomic_load(&a64), acc);
    atomic_thread_fence(memory_order_seq_cst);
    printf("lock free: 8=%d 16=%d 32=%d 64=%d\n", __atomic_always_lock_free(1, 0),
           __atomic_always_lock_free(2, 0), __atomic_always_lock_free(4, 0),
           __atomic_always_lock_free(8, 0));
    return 0;
}
