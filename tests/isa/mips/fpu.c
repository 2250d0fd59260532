/* The FPU: FCSR rounding modes on arithmetic and conversions, the cause and flag bits,
 * an enabled exception trapping with SIGFPE (si_code and the sigcontext's FCSR), the
 * legacy-NaN default results and invalid conversions, comparisons into condition codes
 * (c.cond, movt/movf, bc1t), non-fused madd, and the register view of the FR mode: o32
 * starts in FR=0 (f2/f3 are the halves of the double f2), n64 is FR=1 (f3 is its own
 * register, mfhc1 reads the top of f2). */
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t get_fcsr(void)
{
    uint32_t v;
    __asm__ volatile("cfc1 %0, $31" : "=r"(v));
    return v;
}

static void set_fcsr(uint32_t v) { __asm__ volatile("ctc1 %0, $31" : : "r"(v)); }

static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

static volatile double one = 1.0, three = 3.0, zero = 0.0, huge = 1e308, tiny = 1e-308;
static volatile double half5 = 2.5, mhalf5 = -2.5;

static void rounding(void)
{
    static const char *const rm[4] = { "nearest", "zero", "+inf", "-inf" };
    for (uint32_t m = 0; m < 4; m++) {
        set_fcsr(m);
        double q, mq;
        int32_t w1, w2;
        float s;
        double a = one, b = three, c = half5, d = mhalf5;
        __asm__ volatile("div.d %0, %1, %2" : "=f"(q) : "f"(a), "f"(b));
        __asm__ volatile("neg.d %0, %1" : "=f"(mq) : "f"(q));
        __asm__ volatile("div.d %0, %1, %2" : "=f"(mq) : "f"(-a), "f"(b));
        __asm__ volatile("cvt.w.d $f4, %1\nmfc1 %0, $f4" : "=r"(w1) : "f"(c) : "$f4");
        __asm__ volatile("cvt.w.d $f4, %1\nmfc1 %0, $f4" : "=r"(w2) : "f"(d) : "$f4");
        __asm__ volatile("cvt.s.d %0, %1" : "=f"(s) : "f"(q));
        uint32_t f = get_fcsr();
        set_fcsr(0);
        printf("%-7s 1/3=%016" PRIx64 " -1/3=%016" PRIx64 " cvt.w(2.5)=%d cvt.w(-2.5)=%d "
               "cvt.s=%08" PRIx32 " fcsr=%08" PRIx32 "\n", rm[m], dbits(q), dbits(mq), w1, w2,
               fbits(s), f);
    }
    int32_t r, t, c, fl;
    double v = mhalf5;
    __asm__ volatile("round.w.d $f4, %4\nmfc1 %0, $f4\ntrunc.w.d $f4, %4\nmfc1 %1, $f4\n"
                     "ceil.w.d $f4, %4\nmfc1 %2, $f4\nfloor.w.d $f4, %4\nmfc1 %3, $f4"
                     : "=r"(r), "=r"(t), "=r"(c), "=r"(fl) : "f"(v) : "$f4");
    printf("-2.5: round=%d trunc=%d ceil=%d floor=%d\n", r, t, c, fl);
}

static void flags(void)
{
    static const char *const what[] = { "1/0", "0/0", "huge*10", "tiny*tiny", "1/3",
                                        "cvt.w(nan)", "sqrt(-1)" };
    for (int i = 0; i < 7; i++) {
        set_fcsr(0);
        double r = 0, a = one, b = zero;
        int32_t w = 0;
        switch (i) {
        case 0: __asm__ volatile("div.d %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); break;
        case 1: __asm__ volatile("div.d %0, %1, %2" : "=f"(r) : "f"(b), "f"(b)); break;
        case 2: a = huge; b = 10; __asm__ volatile("mul.d %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); break;
        case 3: a = tiny; __asm__ volatile("mul.d %0, %1, %1" : "=f"(r) : "f"(a)); break;
        case 4: b = three; __asm__ volatile("div.d %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); break;
        case 5:
            __asm__ volatile("div.d $f6, %1, %1\ncvt.w.d $f4, $f6\nmfc1 %0, $f4" : "=r"(w)
                             : "f"(b) : "$f4", "$f6");
            break;
        default:
            a = -one;
            __asm__ volatile("sqrt.d %0, %1" : "=f"(r) : "f"(a));
            break;
        }
        printf("%-10s result=%016" PRIx64 " w=%08" PRIx32 " fcsr=%08" PRIx32 "\n", what[i],
               dbits(r), (uint32_t)w, get_fcsr());
    }
    set_fcsr(0);
}

static sigjmp_buf out;
static volatile int trap_code;
static void on_fpe(int sig, siginfo_t *si, void *ucv)
{
    trap_code = si->si_code;
    siglongjmp(out, 1);
}

/* One enabled exception: 0 Z (1/0), 1 V (0/0), 2 O (huge*10). */
static void trap_one(int i)
{
    static const uint32_t enables[] = { 1u << 10, 1u << 11, 1u << 9 };
    trap_code = 0;
    volatile double r = 42;
    if (!sigsetjmp(out, 1)) {
        set_fcsr(enables[i]);
        double a = i == 2 ? huge : i == 1 ? zero : one, b = i == 2 ? 10.0 : zero, x;
        if (i == 2)
            __asm__ volatile("mul.d %0, %1, %2" : "=f"(x) : "f"(a), "f"(b));
        else
            __asm__ volatile("div.d %0, %1, %2" : "=f"(x) : "f"(a), "f"(b));
        r = x;
    }
    set_fcsr(0);
    /* (the FCSR a handler sees differs: Linux clears the cause bits first, qemu does
     * not; only the signal and the untouched destination are compared) */
    printf("trap %d: si_code=%d result untouched=%d\n", i, trap_code, r == 42);
}

static void traps(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    for (int i = 0; i < 3; i++)
        trap_one(i);
    signal(SIGFPE, SIG_DFL);
}

static void compares(void)
{
    double a = one, b = three, n = zero / zero;
    int lt, un, eq, mv;
    __asm__ volatile("c.lt.d %1, %2\nli %0, 0\nbc1f 1f\nnop\nli %0, 1\n1:" : "=&r"(lt)
                     : "f"(a), "f"(b));
    __asm__ volatile("c.un.d $fcc3, %1, %2\nli %0, 0\nbc1f $fcc3, 1f\nnop\nli %0, 1\n1:"
                     : "=&r"(un) : "f"(a), "f"(n));
    __asm__ volatile("c.eq.d %1, %2\nli %0, 0\nbc1t 1f\nnop\nli %0, 1\n1:" : "=&r"(eq)
                     : "f"(n), "f"(n));
    __asm__ volatile("c.le.d $fcc1, %1, %2\nli %0, 5\nli $8, 9\nmovt %0, $8, $fcc1"
                     : "=&r"(mv) : "f"(a), "f"(b) : "$8");
    printf("c.lt=%d c.un(fcc3)=%d !c.eq(nan)=%d movt=%d fcsr=%08" PRIx32 "\n", lt, un, eq, mv,
           get_fcsr());
    set_fcsr(0);
    double x = 1.0 + 0x1p-30, y = 1.0 - 0x1p-30, z = -1.0, r;
    __asm__ volatile("madd.d %0, %1, %2, %3" : "=f"(r) : "f"(z), "f"(x), "f"(y));
    printf("madd not fused: %016" PRIx64 "\n", dbits(r));
}

static void fr_view(void)
{
    uint64_t pattern = 0x1122334455667788ull;
    uint32_t lo, hi, odd, top;
    __asm__ volatile(
        ".set push\n"
        ".set oddspreg\n"             /* o32 FPXX code may not name odd singles otherwise */
        "li $8, 0x0badf00d\n"
        "mtc1 $8, $f3\n"
        "ldc1 $f2, 0(%4)\n"
        "mfc1 %0, $f2\n"
        "mfc1 %2, $f3\n"
        "mfhc1 %3, $f2\n"
        "move %1, %3\n"
        ".set pop\n"
        : "=&r"(lo), "=&r"(hi), "=&r"(odd), "=&r"(top) : "r"(&pattern) : "$8", "$f2", "$f3",
          "memory");
    printf("fr view: f2 low=%08" PRIx32 " f3=%08" PRIx32 " mfhc1 f2=%08" PRIx32 "\n", lo, odd,
           top);
    (void)hi;
}

int main(void)
{
    rounding();
    flags();
    traps();
    compares();
    fr_view();
    return 0;
}
