/* Code written through one mapping and run through another (the "double mapping" of
 * W^X JITs such as .NET's): a file is mapped read+write and, at another address,
 * read+exec; 100 times a function is written through the first view, the cache is
 * maintained by address of the second (DC CVAU + IC IVAU, DSB, ISB: what
 * __builtin___clear_cache does), and the function is called there. The sum of the
 * returned values is 4950 only if every call ran the freshly written code: the write
 * itself cannot be seen from the executable view, so IC IVAU is what must drop stale
 * translations. qemu-aarch64 7.2 runs stale code here (sum 0), so this test checks
 * itself: x0 = the sum, x1 = 1 if it is right. */
#include "harness.inc"

    .equ AT_FDCWD, -100
    .equ O_RDWR_CREAT, 0102
    .equ PROT_RW, 3
    .equ PROT_RX, 5
    .equ MAP_SHARED, 1

TEST_MAIN
    INIT
    /* fd = openat(AT_FDCWD, "dualmap.tmp", O_RDWR|O_CREAT, 0600); unlink it */
    mov x0, #AT_FDCWD
    adr x1, fname
    mov x2, #O_RDWR_CREAT
    mov x3, #0600
    mov x8, #56
    svc #0
    mov x19, x0
    mov x0, #AT_FDCWD
    adr x1, fname
    mov x2, #0
    mov x8, #35                     /* unlinkat */
    svc #0
    mov x0, x19
    mov x1, #4096
    mov x8, #46                     /* ftruncate */
    svc #0
    /* w = mmap(RW), x = mmap(RX) of the same file */
    mov x0, #0
    mov x1, #4096
    mov x2, #PROT_RW
    mov x3, #MAP_SHARED
    mov x4, x19
    mov x5, #0
    mov x8, #222
    svc #0
    mov x20, x0
    mov x0, #0
    mov x1, #4096
    mov x2, #PROT_RX
    mov x3, #MAP_SHARED
    mov x4, x19
    mov x5, #0
    mov x8, #222
    svc #0
    mov x21, x0
    mov x22, #0                     /* i */
    mov x23, #0                     /* sum */
    LI x24, 0xd65f03c0              /* ret */
1:  mov x25, #0x52800000            /* movz w0, #i */
    orr x25, x25, x22, lsl #5
    str w25, [x20]
    str w24, [x20, #4]
    dc cvau, x21
    dsb ish
    ic ivau, x21
    dsb ish
    isb
    blr x21
    add x23, x23, x0
    add x22, x22, #1
    cmp x22, #100
    b.ne 1b
    mov x0, x23
    mov x1, #4950
    cmp x0, x1
    cset x1, eq
    .irp r, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25
    mov x\r, #0
    .endr
    msr nzcv, xzr
    DUMP dual_mapping
    TEST_END

fname: .asciz "dualmap.tmp"
    .balign 4
