/* Exclusives and ordered accesses: LDXR/STXR in every size (success, then failure after
 * CLREX, after a store-exclusive to another address, and without a load-exclusive),
 * LDAXR/STLXR, LDXP/STXP and LDAXP/STLXP of W and X pairs (the X pair is a 128-bit
 * compare-and-swap), LDAR/STLR, LDLAR/STLLR and LDAPR in every size. */
#include "harness.inc"
TEST_MAIN
    INIT
    LA x1, mem
    LI x2, 0x1122334455667788
    ldxrb w3, [x1]
    stxrb w4, w2, [x1]
    add x20, x1, #8
    ldxrh w5, [x20]
    stxrh w6, w2, [x20]
    add x20, x1, #16
    ldxr w7, [x20]
    stxr w8, w2, [x20]
    add x20, x1, #24
    ldxr x9, [x20]
    stxr w10, x2, [x20]
    ldaxr x11, [x20]
    stlxr w12, xzr, [x20]
    ldxr x13, [x1]
    clrex
    stxr w14, x2, [x1]
    ldxr x15, [x1]
    add x20, x1, #8
    stxr w16, x2, [x20]
    stxr w17, x2, [x1]
    ldaxrb w18, [x1]
    stlxrb w19, w18, [x1]
    mov x20, #0
    mov x1, #0
    DUMP excl_single
    DUMPMEM excl_single_mem, mem, 32
    INIT
    LA x1, mem
    add x1, x1, #32
    LI x2, 0xaaaaaaaabbbbbbbb
    LI x3, 0xccccccccdddddddd
    ldxp w4, w5, [x1]
    stxp w6, w2, w3, [x1]
    ldxp w7, w8, [x1]
    ldaxp x9, x10, [x1]
    add x20, x1, #16
    ldxp x11, x12, [x20]
    stxp w13, x2, x3, [x20]
    ldaxp x14, x15, [x20]
    stlxp w16, x3, x2, [x20]
    ldxp x17, x18, [x20]
    clrex
    stlxp w19, xzr, xzr, [x20]
    mov x20, #0
    mov x1, #0
    DUMP excl_pairs
    DUMPMEM excl_pairs_mem, mem + 32, 32
    INIT
    LA x1, mem
    add x1, x1, #64
    LI x2, 0x8081828384858687
    stlrb w2, [x1]
    stlrh w2, [x1]
    add x20, x1, #8
    stlr w2, [x20]
    add x20, x1, #16
    stlr x2, [x20]
    add x20, x1, #24
    stllr x2, [x20]
    ldarb w3, [x1]
    ldarh w4, [x1]
    add x20, x1, #8
    ldar w5, [x20]
    add x20, x1, #16
    ldar x6, [x20]
    ldlar x7, [x20]
    ldaprb w8, [x1]
    ldaprh w9, [x1]
    ldapr w10, [x20]
    ldapr x11, [x20]
    add x20, x1, #24
    ldlarh w12, [x20]
    stllrb w2, [x20]
    mov x20, #0
    mov x1, #0
    DUMP ordered
    DUMPMEM ordered_mem, mem + 64, 32
    TEST_END

    .data
    .balign 64
mem:
    .quad 0xf0e0d0c0b0a09080, 0x0102030405060708, 0x1112131415161718, 0x2122232425262728
    .quad 0x3132333435363738, 0x4142434445464748, 0x5152535455565758, 0x6162636465666768
    .quad 0, 0, 0, 0
