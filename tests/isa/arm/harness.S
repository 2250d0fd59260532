/* ISA test harness: the process entry point and the register dumpers, in A32, no libc.
 *
 * _start jumps to the test's test_main (A32 or T32). A test calls the dumpers with
 * `bl dump` (the linker turns it into blx from Thumb code) followed by inline data: the
 * case name as a NUL-terminated string, padded to 4 bytes. The dumper prints the name, r0-r12
 * and the APSR flags (and for dump_fp the 32 D registers and FPSCR; for dump_mem a block of
 * memory whose address and word count precede the name), then returns past the inline
 * data with every core register, the flags, FPSCR and the D registers unchanged, so a test
 * may go on computing after a dump. Output goes through write(1, ...), one write per dump.
 */
    .syntax unified
    .arch armv7-a
    .fpu neon
    .arm

    .text
    .global _start
    .type _start, %function
_start:
    ldr r0, =test_main          @ bit 0 set when test_main is Thumb: bx interworks
    bx r0

    .global exit_ok
    .type exit_ok, %function
exit_ok:
    mov r0, #0
    mov r7, #1                  @ exit
    svc #0

/* Frame built by the entry stubs below (r11 points at it):
 *   [r11, #0]   APSR as read on entry
 *   [r11, #4*(n+1)]  rn for n = 0..12
 *   [r11, #56]  lr (the return address, rewritten to skip the inline data)
 * r9 holds the kind: 0 core registers, 1 core + VFP/NEON, 2 memory block. */
    .global dump
    .type dump, %function
dump:
    push {r0-r12, lr}
    mrs r0, apsr
    push {r0}
    mov r9, #0
    b dump_body

    .global dump_fp
    .type dump_fp, %function
dump_fp:
    push {r0-r12, lr}
    mrs r0, apsr
    push {r0}
    mov r9, #1
    b dump_body

    .global dump_mem
    .type dump_mem, %function
dump_mem:
    push {r0-r12, lr}
    mrs r0, apsr
    push {r0}
    mov r9, #2

dump_body:
    mov r11, sp
    ldr r10, =outbuf
    ldr r0, [r11, #56]
    bic r8, r0, #1              @ r8 -> inline data
    cmp r9, #2
    addeq r8, r8, #8            @ dump_mem: address and count come first
    ldr r0, =s_case
    bl put_str
    mov r0, r8
    bl put_str                  @ returns r0 just past the NUL
    add r0, r0, #3
    bic r0, r0, #3
    ldr r1, [r11, #56]
    and r1, r1, #1              @ keep the caller's Thumb bit
    orr r0, r0, r1
    str r0, [r11, #56]
    mov r0, #'\n'
    bl put_char

    cmp r9, #2
    beq dump_memory

    /* r0-r12, four per line. */
    mov r7, #0
1:  mov r0, #'r'
    bl put_char
    mov r0, r7
    bl put_dec2
    mov r0, #'='
    bl put_char
    add r1, r11, #4
    ldr r0, [r1, r7, lsl #2]
    bl put_hex32
    add r7, r7, #1
    and r0, r7, #3
    cmp r0, #0
    cmpne r7, #13
    moveq r0, #'\n'
    movne r0, #' '
    bl put_char
    cmp r7, #13
    blt 1b

    /* APSR: NZCVQ and GE[3:0]; the other bits are not defined for user code. */
    ldr r0, =s_apsr
    bl put_str
    ldr r6, [r11]
    ldr r0, =0xf80f0000
    and r0, r6, r0
    bl put_hex32
    mov r0, #' '
    bl put_char
    ldr r5, =s_flags            @ "NZCVQ"
    mov r4, #31
2:  mov r0, #1
    tst r6, r0, lsl r4
    ldrb r0, [r5], #1
    moveq r0, #'-'
    bl put_char
    sub r4, r4, #1
    cmp r4, #27
    bge 2b
    ldr r0, =s_ge
    bl put_str
    mov r4, #19
3:  mov r0, #1
    tst r6, r0, lsl r4
    moveq r0, #'0'
    movne r0, #'1'
    bl put_char
    sub r4, r4, #1
    cmp r4, #16
    bge 3b
    mov r0, #'\n'
    bl put_char

    cmp r9, #1
    bne dump_done

    /* D0-D31 (high word first, as a 64-bit hex value), four per line, then FPSCR. */
    ldr r5, =fpsave
    vstmia r5!, {d0-d15}
    vstmia r5, {d16-d31}
    ldr r5, =fpsave
    mov r7, #0
4:  mov r0, #'d'
    bl put_char
    mov r0, r7
    bl put_dec2
    mov r0, #'='
    bl put_char
    add r1, r5, r7, lsl #3
    ldr r0, [r1, #4]
    bl put_hex32
    add r1, r5, r7, lsl #3
    ldr r0, [r1]
    bl put_hex32
    add r7, r7, #1
    tst r7, #3
    moveq r0, #'\n'
    movne r0, #' '
    bl put_char
    cmp r7, #32
    blt 4b
    ldr r0, =s_fpscr
    bl put_str
    vmrs r0, fpscr
    bl put_hex32
    mov r0, #'\n'
    bl put_char
    b dump_done

dump_memory:                    @ words at [r8-8] (address) and [r8-4] (count), 8 per line
    ldr r5, [r8, #-8]
    ldr r6, [r8, #-4]
    mov r7, #0
5:  cmp r7, r6
    bge 6f
    ldr r0, [r5, r7, lsl #2]
    bl put_hex32
    add r7, r7, #1
    tst r7, #7
    cmpne r7, r6
    moveq r0, #'\n'
    movne r0, #' '
    bl put_char
    b 5b
6:

dump_done:
    bl flush
    pop {r0}
    msr APSR_nzcvqg, r0
    pop {r0-r12, lr}
    bx lr

/* Output helpers: r10 is the cursor into outbuf; they use r0-r3 only. */
put_char:
    strb r0, [r10], #1
    bx lr

put_str:                        @ r0 = string; returns r0 past its NUL
1:  ldrb r1, [r0], #1
    cmp r1, #0
    strbne r1, [r10], #1
    bne 1b
    bx lr

put_dec2:                       @ r0 = 0..99, printed without leading zero
    cmp r0, #10
    blt 1f
    mov r1, #0
2:  sub r0, r0, #10
    add r1, r1, #1
    cmp r0, #10
    bge 2b
    add r1, r1, #'0'
    strb r1, [r10], #1
1:  add r0, r0, #'0'
    strb r0, [r10], #1
    bx lr

put_hex32:                      @ r0 = value, 8 lower-case hex digits
    mov r2, #28
1:  lsr r1, r0, r2
    and r1, r1, #15
    cmp r1, #10
    addlt r1, r1, #'0'
    addge r1, r1, #('a' - 10)
    strb r1, [r10], #1
    subs r2, r2, #4
    bge 1b
    bx lr

flush:                          @ write(1, outbuf, r10 - outbuf)
    push {r7, lr}
    ldr r1, =outbuf
    sub r2, r10, r1
    mov r0, #1
    mov r7, #4
    svc #0
    ldr r10, =outbuf
    pop {r7, pc}

    .ltorg

    .section .rodata
s_case:  .asciz "== "
s_apsr:  .asciz "apsr="
s_flags: .ascii "NZCVQ"
s_ge:    .asciz " ge="
s_fpscr: .asciz "fpscr="

    .bss
    .align 3
fpsave: .space 32 * 8
outbuf: .space 2048
