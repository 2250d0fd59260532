/* A position-independent ARM program without libc or interpreter, for test_loader:
 * exit(0). */
    .text
    .globl _start
_start:
    mov r0, #0
    mov r7, #1
    svc #0
