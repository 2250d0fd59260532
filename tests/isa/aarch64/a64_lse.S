/* LSE atomics, single-threaded (the values they return and leave): CAS/CASA/CASL/CASAL
 * in every size, matching and not, CASP of W and X pairs, LDADD/LDCLR/LDEOR/LDSET,
 * LDSMAX/LDSMIN/LDUMAX/LDUMIN (signed and unsigned edges in every size), SWP, and the
 * ST<op> aliases (Rt = XZR). */
#include "harness.inc"
TEST_MAIN
    INIT
    LA x1, mem
    LI x2, 0x00000000000000f0
    LI x3, 0x1111111111111111
    mov x4, x2
    casb w4, w3, [x1]
    mov x5, #0x99
    casab w5, w3, [x1]
    add x20, x1, #8
    LI x6, 0x0000000000001718
    casah w6, w3, [x20]
    mov x7, #0
    caslh w7, w3, [x20]
    add x20, x1, #16
    LI x8, 0x2122232425262728
    cas w8, w3, [x20]
    mov x9, x8
    casal w9, w3, [x20]
    add x20, x1, #24
    LI x10, 0x3132333435363738
    casl x10, x3, [x20]
    mov x11, #1
    casa x11, x3, [x20]
    mov x20, #0
    mov x1, #0
    DUMP cas
    DUMPMEM cas_mem, mem, 32
    INIT
    LA x1, mem
    add x1, x1, #32
    LI x2, 0x4142434445464748
    LI x3, 0x5152535455565758
    mov x4, x2
    mov x5, x3
    LI x6, 0xaaaaaaaaaaaaaaaa
    LI x7, 0xbbbbbbbbbbbbbbbb
    casp x4, x5, x6, x7, [x1]
    mov x8, #0
    mov x9, #0
    caspal x8, x9, x2, x3, [x1]
    add x20, x1, #16
    LI x10, 0x0000000065666768
    LI x11, 0x0000000061626364
    mov w12, #0x12
    mov w13, #0x34
    caspl w10, w11, w12, w13, [x20]
    mov w14, #0x12
    mov w15, #0x35
    caspa w14, w15, w12, w13, [x20]
    mov x20, #0
    mov x1, #0
    DUMP casp
    DUMPMEM casp_mem, mem + 32, 32
    INIT
    LA x1, ops
    mov x2, #0x81
    ldaddb w2, w3, [x1]
    mov x4, #0x0f0f
    add x20, x1, #8
    ldclrh w4, w5, [x20]
    add x20, x1, #16
    LI x6, 0xffff0000
    ldeor w6, w7, [x20]
    add x20, x1, #24
    LI x8, 0x8000000000000001
    ldsetal x8, x9, [x20]
    add x20, x1, #32
    mov x10, #0x7f
    ldsmaxb w10, w11, [x20]
    mov x12, #-1
    ldsminh w12, w13, [x20]
    add x20, x1, #40
    mov x14, #5
    ldumax w14, w15, [x20]
    mov x16, #3
    lduminl x16, x17, [x20]
    add x20, x1, #48
    LI x18, 0xdeadbeefcafef00d
    swp x18, x19, [x20]
    swpab w18, w21, [x20]
    add x20, x1, #56
    mov x22, #100
    ldsmax x22, x23, [x20]
    ldsmin x22, x24, [x20]
    staddlb w2, [x1]
    add x20, x1, #8
    stsmaxh w12, [x20]
    add x20, x1, #40
    stumin x16, [x20]
    mov x20, #0
    mov x1, #0
    DUMP ldops
    DUMPMEM ldops_mem, ops, 64
    TEST_END

    .data
    .balign 64
mem:
    .quad 0xf0e0d0c0b0a090f0, 0x0102030405061718, 0x1112131421222324, 0x3132333435363738
    .quad 0x4142434445464748, 0x5152535455565758, 0x6162636465666768, 0x7172737475767778
ops:
    .quad 0x00000000000000ff, 0x000000000000ffff, 0x12345678ffffffff, 0x0000000000000010
    .quad 0xffffffffffff8080, 0x0000000080000000, 0x0123456789abcdef, 0xffffffffffffff9c
