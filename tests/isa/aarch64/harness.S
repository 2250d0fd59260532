/* ISA test harness for A64: the process entry point and the register dumpers, no libc.
 *
 * _start calls the test's test_main, which ends with TEST_END (exit 0). A test calls a
 * dumper with `bl dump` followed by inline data: the case name as a NUL-terminated
 * string, padded to 4 bytes (dump_mem: the block's address and length as two .quad
 * first). The dumper prints the name, x0-x29 and NZCV (dump_fp: also V0-V31, FPCR and
 * FPSR; dump_mem: the block as 64-bit words), then returns past the inline data with
 * x0-x29, NZCV, FPCR/FPSR and V0-V31 unchanged; x30 holds that return address (the bl
 * already overwrote it). SP and x30 are never printed: they depend on the emulator's
 * stack placement. Output goes through write(1, ...), one write per dump.
 */
    .arch armv8-a

/* The frame the dumpers save on the stack. */
    .equ F_X, 0                 /* x0-x30 */
    .equ F_NZCV, 248
    .equ F_FPSR, 256
    .equ F_FPCR, 264
    .equ F_V, 272               /* q0-q31 */
    .equ F_SIZE, 784

    .text
    .global _start
    .type _start, %function
_start:
    bl test_main

    .global exit_ok
    .type exit_ok, %function
exit_ok:
    mov x0, #0
    mov x8, #93                 /* exit */
    svc #0

.macro SAVE_ALL kind
    sub sp, sp, #F_SIZE
    stp x0, x1, [sp, #0]
    stp x2, x3, [sp, #16]
    stp x4, x5, [sp, #32]
    stp x6, x7, [sp, #48]
    stp x8, x9, [sp, #64]
    stp x10, x11, [sp, #80]
    stp x12, x13, [sp, #96]
    stp x14, x15, [sp, #112]
    stp x16, x17, [sp, #128]
    stp x18, x19, [sp, #144]
    stp x20, x21, [sp, #160]
    stp x22, x23, [sp, #176]
    stp x24, x25, [sp, #192]
    stp x26, x27, [sp, #208]
    stp x28, x29, [sp, #224]
    str x30, [sp, #240]
    mrs x0, nzcv
    str x0, [sp, #F_NZCV]
    mrs x0, fpsr
    str x0, [sp, #F_FPSR]
    mrs x0, fpcr
    str x0, [sp, #F_FPCR]
    add x0, sp, #F_V
    stp q0, q1, [x0, #0]
    stp q2, q3, [x0, #32]
    stp q4, q5, [x0, #64]
    stp q6, q7, [x0, #96]
    stp q8, q9, [x0, #128]
    stp q10, q11, [x0, #160]
    stp q12, q13, [x0, #192]
    stp q14, q15, [x0, #224]
    stp q16, q17, [x0, #256]
    stp q18, q19, [x0, #288]
    stp q20, q21, [x0, #320]
    stp q22, q23, [x0, #352]
    stp q24, q25, [x0, #384]
    stp q26, q27, [x0, #416]
    stp q28, q29, [x0, #448]
    stp q30, q31, [x0, #480]
    mov x19, #\kind
.endm

    .global dump
    .type dump, %function
dump:
    SAVE_ALL 0
    b dump_body

    .global dump_fp
    .type dump_fp, %function
dump_fp:
    SAVE_ALL 1
    b dump_body

    .global dump_mem
    .type dump_mem, %function
dump_mem:
    SAVE_ALL 2

/* x19 kind, x20 frame, x21 output cursor, x22 name, x26 inline data, x23-x25 scratch */
dump_body:
    mov x20, sp
    adrp x21, outbuf
    add x21, x21, :lo12:outbuf
    ldr x22, [x20, #240]        /* the inline data */
    mov x26, x22
    cmp x19, #2
    b.ne 1f
    add x22, x22, #16           /* dump_mem: address and length first */
1:  adr x0, s_case
    bl put_str
    mov x0, x22
    bl put_str                  /* x0 = just past the NUL */
    add x0, x0, #3
    and x0, x0, #~3
    str x0, [x20, #240]         /* return there */
    mov w0, #'\n'
    bl put_char
    cmp x19, #2
    b.eq dump_memory

    /* x0-x29, four per line */
    mov x23, #0
2:  mov w0, #'x'
    bl put_char
    mov x0, x23
    bl put_dec2
    mov w0, #'='
    bl put_char
    ldr x0, [x20, x23, lsl #3]
    bl put_hex64
    add x23, x23, #1
    and x24, x23, #3
    cmp x23, #30
    ccmp x24, #0, #4, ne        /* end of line at every fourth and at the last */
    mov w0, #' '
    mov w1, #'\n'
    csel w0, w1, w0, eq
    bl put_char
    cmp x23, #30
    b.lo 2b
    adr x0, s_nzcv
    bl put_str
    ldr x23, [x20, #F_NZCV]
    mov x24, #31
    adr x25, s_flags
4:  lsr x0, x23, x24
    tst x0, #1
    ldrb w0, [x25]
    mov w1, #'-'
    csel w0, w0, w1, ne
    bl put_char
    add x25, x25, #1
    sub x24, x24, #1
    cmp x24, #28
    b.ge 4b
    mov w0, #'\n'
    bl put_char
    cbz x19, dump_done

    /* V0-V31, two per line, as high:low 64-bit halves */
    mov x23, #0
5:  mov w0, #'v'
    bl put_char
    mov x0, x23
    bl put_dec2
    mov w0, #'='
    bl put_char
    add x24, x20, #F_V
    add x24, x24, x23, lsl #4
    ldr x0, [x24, #8]
    bl put_hex64
    mov w0, #':'
    bl put_char
    ldr x0, [x24]
    bl put_hex64
    add x23, x23, #1
    tst x23, #1
    mov w0, #' '
    mov w1, #'\n'
    csel w0, w1, w0, eq
    bl put_char
    cmp x23, #32
    b.lo 5b
    adr x0, s_fpcr
    bl put_str
    ldr x0, [x20, #F_FPCR]
    bl put_hex32
    adr x0, s_fpsr
    bl put_str
    ldr x0, [x20, #F_FPSR]
    bl put_hex32
    mov w0, #'\n'
    bl put_char
    b dump_done

    /* the block as 64-bit words, four per line */
dump_memory:
    ldr x23, [x26]              /* address */
    ldr x24, [x26, #8]          /* length in bytes */
    mov x25, #0
6:  ldr x0, [x23, x25]
    bl put_hex64
    add x25, x25, #8
    tst x25, #31
    ccmp x25, x24, #2, ne       /* end of line at every fourth and at the last */
    mov w0, #' '
    mov w1, #'\n'
    csel w0, w1, w0, hs
    bl put_char
    cmp x25, x24
    b.lo 6b

dump_done:
    /* write(1, outbuf, len) */
    adrp x1, outbuf
    add x1, x1, :lo12:outbuf
    sub x2, x21, x1
    mov x0, #1
    mov x8, #64
    svc #0
    ldr x30, [x20, #240]
    add x0, x20, #F_V
    ldp q0, q1, [x0, #0]
    ldp q2, q3, [x0, #32]
    ldp q4, q5, [x0, #64]
    ldp q6, q7, [x0, #96]
    ldp q8, q9, [x0, #128]
    ldp q10, q11, [x0, #160]
    ldp q12, q13, [x0, #192]
    ldp q14, q15, [x0, #224]
    ldp q16, q17, [x0, #256]
    ldp q18, q19, [x0, #288]
    ldp q20, q21, [x0, #320]
    ldp q22, q23, [x0, #352]
    ldp q24, q25, [x0, #384]
    ldp q26, q27, [x0, #416]
    ldp q28, q29, [x0, #448]
    ldp q30, q31, [x0, #480]
    ldr x0, [x20, #F_FPCR]
    msr fpcr, x0
    ldr x0, [x20, #F_FPSR]
    msr fpsr, x0
    ldr x0, [x20, #F_NZCV]
    msr nzcv, x0
    ldp x0, x1, [sp, #0]
    ldp x2, x3, [sp, #16]
    ldp x4, x5, [sp, #32]
    ldp x6, x7, [sp, #48]
    ldp x8, x9, [sp, #64]
    ldp x10, x11, [sp, #80]
    ldp x12, x13, [sp, #96]
    ldp x14, x15, [sp, #112]
    ldp x16, x17, [sp, #128]
    ldp x18, x19, [sp, #144]
    ldp x20, x21, [sp, #160]
    ldp x22, x23, [sp, #176]
    ldp x24, x25, [sp, #192]
    ldp x26, x27, [sp, #208]
    ldp x28, x29, [sp, #224]
    add sp, sp, #F_SIZE
    ret

/* put_char(w0), put_str(x0) -> x0 past the NUL, put_hex64(x0), put_hex32(x0),
 * put_dec2(x0 < 100): append at x21; they use x0-x3 and x30 only */
put_char:
    strb w0, [x21], #1
    ret

put_str:
    ldrb w1, [x0], #1
    cbz w1, 1f
    strb w1, [x21], #1
    b put_str
1:  ret

put_hex64:
    mov x2, #60
    b put_hex
put_hex32:
    mov x2, #28
put_hex:
    lsr x1, x0, x2
    and x1, x1, #15
    add x3, x1, #('a' - 10)
    add x1, x1, #'0'
    cmp x1, #('0' + 10)
    csel x1, x3, x1, hs
    strb w1, [x21], #1
    subs x2, x2, #4
    b.ge put_hex
    ret

put_dec2:
    mov x1, #10
    udiv x2, x0, x1
    msub x3, x2, x1, x0
    add x2, x2, #'0'
    add x3, x3, #'0'
    strb w2, [x21], #1
    strb w3, [x21], #1
    ret

s_case: .asciz "case "
s_nzcv: .asciz "nzcv="
s_flags: .ascii "NZCV"
s_fpcr: .asciz "fpcr="
s_fpsr: .asciz " fpsr="
    .balign 4

    .bss
    .balign 16
outbuf: .space 8192
