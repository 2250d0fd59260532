/* The host's IEEE exception flags, as the inline float ops (ir.h) leave them.
 * Contract: generated code runs with MXCSR in its default state (round to nearest, no
 * flush-to-zero or denormals-are-zero, every exception masked); the six sticky flag
 * bits (invalid, denormal, divide-by-zero, overflow, underflow, inexact) are the
 * IR_FPX_* bits in the same order. host_fp_take() returns the flags raised since the
 * last call and puts MXCSR back to its default; host_fp_of_context() reads the flags
 * from a signal context (the code that faulted ran with that MXCSR, not the handler). */
#ifndef TCG_X86_64_HOSTFP_H
#define TCG_X86_64_HOSTFP_H

unsigned host_fp_take(void);
unsigned host_fp_of_context(const void *ucontext);

#endif
