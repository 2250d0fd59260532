/* FP, AdvSIMD, crypto and CRC32 smoke test (no libc): computes into buf and writes it
 * to stdout; the bytes must equal qemu-aarch64's. Build: aarch64-linux-gnu-gcc -nostdlib
 * -static -march=armv8-a+crypto+crc. Waits for the tests/isa/aarch64 infrastructure. */
.global _start
_start:
    adr x9, buf
    fmov d0, #1.5
    fmov d1, #-2.25
    fadd d2, d0, d1
    fmul d3, d2, d1
    fcvtzs x3, d3
    str d2, [x9], #8
    str d3, [x9], #8
    str x3, [x9], #8
    scvtf s4, w3
    frintm d5, d1
    str s4, [x9], #8
    str d5, [x9], #8
    movi v6.16b, #0x35
    movi v7.4s, #0x12, lsl #8
    add v8.16b, v6.16b, v7.16b
    mul v9.8h, v8.8h, v6.8h
    addv s10, v9.4s
    uzp1 v11.16b, v8.16b, v9.16b
    ext v12.16b, v11.16b, v9.16b, #3
    sqadd v13.8h, v9.8h, v9.8h
    ushr v14.4s, v13.4s, #3
    umaxv b15, v11.16b
    cnt v16.16b, v12.16b
    tbl v17.16b, {v11.16b, v12.16b}, v8.16b
    fcmgt v18.2d, v0.2d, v1.2d
    aese v12.16b, v11.16b
    aesmc v19.16b, v12.16b
    sha256h q11, q12, v9.4s
    pmull v20.1q, v9.1d, v13.1d
    mov w0, #0x1234
    mov x1, #0x5678
    crc32cx w2, w0, x1
    crc32b w3, w0, w1
    st1 {v8.16b-v11.16b}, [x9], #64
    st1 {v12.16b-v15.16b}, [x9], #64
    st1 {v16.16b-v19.16b}, [x9], #64
    st2 {v19.8h, v20.8h}, [x9], #32
    ld3 {v21.4s-v23.4s}, [x9]
    st1 {v20.16b-v23.16b}, [x9], #64
    stp w2, w3, [x9], #8
    mrs x4, fpsr
    str x4, [x9], #8
    mov x0, #1
    adr x1, buf
    sub x2, x9, x1
    mov x8, #64
    svc #0
    mov x0, #0
    mov x8, #93
    svc #0
.data
buf: .space 1024
