/* Exclusives and LSE atomics under real concurrency: four threads (raw clone) each add
 * to shared counters 20000 times with LDAXR/STLXR, LDXR/STXR on bytes, LDADDAL, a CAS
 * loop, SWP-based spin lock around a plain increment, and a 128-bit LDAXP/STLXP and a
 * CASP pair increment; the main thread waits for all of them and prints the counters,
 * which are exact only if every read-modify-write was atomic. */
#include "harness.inc"

    .equ NTHREADS, 4
    .equ ITER, 20000
    .equ STACK, 16384
    .equ CLONE_FLAGS, 0x50f00      /* VM FS FILES SIGHAND THREAD SYSVSEM */

worker:
    LA x9, counters
    mov x10, #ITER
1:  /* counter 0: LDAXR/STLXR */
2:  ldaxr x11, [x9]
    add x11, x11, #1
    stlxr w12, x11, [x9]
    cbnz w12, 2b
    /* counter 1: LDADDAL */
    add x13, x9, #8
    mov x14, #1
    ldaddal x14, x15, [x13]
    /* counter 2: CAS loop */
    add x13, x9, #16
    ldr x15, [x13]
3:  add x16, x15, #1
    mov x17, x15
    casal x17, x16, [x13]
    cmp x17, x15
    mov x15, x17
    b.ne 3b
    /* counter 3: a SWP spin lock around a plain read-modify-write */
    add x13, x9, #32
    mov w14, #1
4:  swpa w14, w15, [x13]
    cbnz w15, 4b
    ldr x16, [x9, #24]
    add x16, x16, #1
    str x16, [x9, #24]
    stlr wzr, [x13]
    /* counters 4-5: a 128-bit pair, both halves incremented by LDAXP/STLXP */
    add x13, x9, #48
5:  ldaxp x15, x16, [x13]
    add x15, x15, #1
    add x16, x16, #2
    stlxp w17, x15, x16, [x13]
    cbnz w17, 5b
    /* counters 6-7: the same with CASP */
    add x13, x9, #64
    ldp x2, x3, [x13]
6:  add x4, x2, #1
    add x5, x3, #3
    mov x6, x2
    mov x7, x3
    caspal x6, x7, x4, x5, [x13]
    cmp x6, x2
    ccmp x7, x3, #0, eq
    mov x2, x6
    mov x3, x7
    b.ne 6b
    /* counter 8: a byte counter with LDXRB/STXRB (wraps) */
    add x13, x9, #80
7:  ldxrb w15, [x13]
    add w15, w15, #1
    stxrb w16, w15, [x13]
    cbnz w16, 7b
    subs x10, x10, #1
    b.ne 1b
    /* done: count up and exit this thread */
    add x13, x9, #88
    mov x14, #1
    staddl x14, [x13]
    mov x0, #0
    mov x8, #93                     /* exit (this thread only) */
    svc #0

TEST_MAIN
    INIT
    mov x19, #0
1:  LI x0, CLONE_FLAGS
    LA x1, stacks
    add x20, x19, #1
    mov x21, #STACK
    mul x21, x20, x21
    add x1, x1, x21                 /* top of this thread's stack */
    mov x2, #0
    mov x3, #0
    mov x4, #0
    mov x8, #220                    /* clone */
    svc #0
    cbz x0, worker
    add x19, x19, #1
    cmp x19, #NTHREADS
    b.ne 1b
    LA x9, counters
    add x11, x9, #88
2:  ldar x10, [x11]
    cmp x10, #NTHREADS
    b.eq 3f
    yield
    b 2b
3:  ldp x0, x1, [x9]
    ldp x2, x3, [x9, #16]
    ldp x4, x5, [x9, #48]
    ldp x6, x7, [x9, #64]
    ldr x8, [x9, #80]
    ldr x10, [x9, #88]
    mov x9, #0
    .irp r, 11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29
    mov x\r, #0
    .endr
    msr nzcv, xzr
    DUMP counters
    TEST_END

    .data
    .balign 64
counters: .fill 12, 8, 0
    .bss
    .balign 16
stacks: .space 16384 * 5
