/* MXCSR access (contract in hostfp.h); bit layout from the Intel SDM, vol. 1, 10.2.3. */
#include "tcg/x86_64/hostfp.h"

#include <stddef.h>
#include <ucontext.h>
#include <xmmintrin.h>

enum { MXCSR_DEFAULT = 0x1f80, MXCSR_FLAGS = 0x3f };

unsigned host_fp_take(void)
{
    unsigned m = _mm_getcsr();
    /* ldmxcsr is slow: only when a flag is set or the mode was changed */
    if (m != MXCSR_DEFAULT)
        _mm_setcsr(MXCSR_DEFAULT);
    return m & MXCSR_FLAGS;
}

unsigned host_fp_of_context(const void *ucontext)
{
    const ucontext_t *uc = ucontext;
    if (!uc || !uc->uc_mcontext.fpregs)
        return 0;
    return uc->uc_mcontext.fpregs->mxcsr & MXCSR_FLAGS;
}
