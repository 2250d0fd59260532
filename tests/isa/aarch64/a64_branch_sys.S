/* Branches and system instructions: B, BL, BR, BLR, RET (to X30 and another register),
 * CBZ/CBNZ and TBZ/TBNZ in W and X forms taken and not, B.cond forward and back; MRS and
 * MSR of TPIDR_EL0, NZCV, FPCR, FPSR, the values of CTR_EL0, DCZID_EL0, MIDR_EL1 and
 * MPIDR_EL1, DC ZVA on a 64-byte block, and the hints and barriers that are NOPs at EL0
 * (including the pointer authentication and BTI hints of branch-protected code). */
#include "harness.inc"
TEST_MAIN
    INIT
    mov x1, #0
    b 1f
    add x1, x1, #1
1:  bl 2f
    add x1, x1, #0x10
    b 3f
2:  mov x2, x30
    adr x3, 1b
    sub x2, x2, x3
    ret
3:  adr x4, 4f
    br x4
    add x1, x1, #0x100
4:  adr x5, 5f
    blr x5
    b 6f
5:  mov x6, x30
    adr x7, 4b
    sub x6, x6, x7
    mov x8, x30
    ret x8
6:  mov x9, #0
    cbz x9, 7f
    add x1, x1, #0x1000
7:  LI x10, 0x100000000
    cbz w10, 8f
    add x1, x1, #0x2000
8:  cbnz x10, 9f
    add x1, x1, #0x4000
9:  cbnz w10, 10f
    add x1, x1, #0x8000
10: tbz x10, #32, 11f
    tbnz x10, #32, 12f
11: add x1, x1, #0x10000
12: tbz w10, #0, 13f
    add x1, x1, #0x20000
13: tbnz x10, #63, 14f
    mov x11, #3
15: subs x11, x11, #1
    b.ne 15b
14: mov x3, #0
    mov x4, #0
    mov x5, #0
    mov x7, #0
    mov x8, #0
    DUMP branches
    INIT
    LI x1, 0x123456789abcdef0
    msr tpidr_el0, x1
    mrs x2, tpidr_el0
    mrs x3, tpidrro_el0
    mrs x4, ctr_el0
    mrs x5, dczid_el0
    mrs x6, midr_el1
    mrs x7, mpidr_el1
    mov x8, #(3 << 22)
    msr fpcr, x8
    mrs x9, fpcr
    msr fpcr, xzr
    mov x10, #0x9f
    msr fpsr, x10
    mrs x11, fpsr
    msr fpsr, xzr
    LI x12, 0x60000000
    msr nzcv, x12
    mrs x13, nzcv
    msr tpidr_el0, xzr
    mrs x14, cntfrq_el0
    cmp x14, #0
    cset x14, ne
    mrs x15, cntvct_el0
    mrs x16, cntvct_el0
    cmp x16, x15
    cset x15, hs
    mov x16, #0
    msr nzcv, xzr               /* the comparison's Z depends on the clock */
    nop
    yield
    paciasp
    autiasp
    bti c
    hint #0x22
    dmb ish
    dmb ishld
    dsb sy
    isb
    csdb
    DUMP sysregs
    INIT
    LA x1, block
    add x2, x1, #70
    dc zva, x2
    dc cvau, x1
    dc cvac, x1
    dc civac, x1
    ic ivau, x1
    dsb ish
    isb
    mov x1, #0
    mov x2, #0
    DUMPMEM dc_zva, block, 192
    TEST_END

    .data
    .balign 64
block: .fill 192, 1, 0xa5
