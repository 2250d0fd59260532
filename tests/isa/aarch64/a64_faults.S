/* Faults and traps as a SIGSEGV/SIGBUS/SIGILL/SIGTRAP handler sees them: si_signo,
 * si_code, si_addr, the signal frame's fault_address and pc, for loads and stores to
 * unmapped and read-only memory, tagged pointers (top-byte-ignore: they work), addresses
 * beyond the user address space, misaligned exclusives, acquire/release, CAS and 128-bit
 * pairs (SIGBUS), UDF and encodings undefined at EL0 on this CPU (PAC, SVE, ERET,
 * privileged system registers ...), BRK and a misaligned branch target. The handler
 * resumes at the address the test put in x17.
 * Where qemu-aarch64 (the reference) and Linux differ, the field is checked, not printed:
 * each case names the fields it prints (KEEP_*), the others are zeroed. qemu writes no
 * ESR record, Linux does: x25 is 0 when the frame has none or the one Linux would write
 * (exception class and WnR), else the record's value | 0x10000. Fields not kept:
 * si_addr and fault_address beyond crossrun's guest window (it reports page 0 there),
 * si_code and fault_address of UDF (Linux: ILL_ILLOPC and 0; qemu 7.2 differs). */
#include "harness.inc"

    .equ SIGILL, 4
    .equ SIGTRAP, 5
    .equ SIGBUS, 7
    .equ SIGSEGV, 11
    .equ SA_SIGINFO, 4
    .equ UC_MCONTEXT, 176
    .equ SC_X17, 8 + 17 * 8
    .equ SC_PC, 264
    .equ SC_RESERVED, 288

/* records: x20 = signal, x21 = si_code, x22 = si_addr, x23 = fault_address,
 * x24 = pc - test base, x25 = ESR (EC << 8 | WnR), x26 = count */
handler:
    LA x9, rec
    str x0, [x9]
    ldr w10, [x1, #8]
    str x10, [x9, #8]
    ldr x10, [x1, #16]
    str x10, [x9, #16]
    add x11, x2, #UC_MCONTEXT
    ldr x10, [x11]
    str x10, [x9, #24]
    ldr x10, [x11, #SC_PC]
    LA x12, test_main
    sub x10, x10, x12
    str x10, [x9, #32]
    /* the ESR record, if any */
    mov x13, #0
    add x12, x11, #SC_RESERVED
1:  ldp w14, w15, [x12]
    cbz w14, 3f
    LI x16, 0x45535201
    cmp w14, w16
    b.ne 2f
    ldr x13, [x12, #8]
    lsr x16, x13, #26
    ubfx x13, x13, #6, #1
    orr x13, x13, x16, lsl #8
    b 3f
2:  add x12, x12, x15
    b 1b
3:  str x13, [x9, #40]
    ldr x10, [x9, #48]
    add x10, x10, #1
    str x10, [x9, #48]
    ldr x10, [x11, #SC_X17]
    str x10, [x11, #SC_PC]
    ret

.macro CATCH sig
    mov x0, #\sig
    LA x1, act
    mov x2, #0
    mov x3, #8
    mov x8, #134                /* rt_sigaction */
    svc #0
.endm

.macro LOAD_REC
    LA x9, rec
    ldp x20, x21, [x9]
    ldp x22, x23, [x9, #16]
    ldp x24, x25, [x9, #32]
    ldr x26, [x9, #48]
    stp xzr, xzr, [x9]
    stp xzr, xzr, [x9, #16]
    stp xzr, xzr, [x9, #32]
.endm

    .equ KEEP_CODE, 1
    .equ KEEP_ADDR, 2
    .equ KEEP_ALL, 3
    .equ ESR_READ, 0x2400       /* data abort from EL0, WnR 0 */
    .equ ESR_WRITE, 0x2401
    .equ ESR_UNKNOWN, 0x0000    /* undefined instruction */
    .equ ESR_NONE, 0xffff       /* Linux writes no record (BRK) */
    .equ ESR_PC_ALIGN, 0x2200

/* The faulting instruction, then the record; x17 = where the handler resumes. */
.macro FAULT name, keep, esr, insn:vararg
    adr x17, 9f
    \insn
9:  LOAD_REC
    mov x17, #0
    .if !(\keep & KEEP_CODE)
    mov x21, #0
    .endif
    .if !(\keep & KEEP_ADDR)
    mov x22, #0
    mov x23, #0
    .endif
    cbz x25, 8f
    mov x30, #\esr
    cmp x25, x30
    orr x30, x25, #0x10000
    csel x25, xzr, x30, eq
8:  msr nzcv, xzr
    DUMP \name
.endm

TEST_MAIN
    INIT
    LA x9, act
    LA x10, handler
    str x10, [x9]
    mov x10, #SA_SIGINFO
    str x10, [x9, #8]
    CATCH SIGSEGV
    CATCH SIGBUS
    CATCH SIGILL
    CATCH SIGTRAP
    INIT
    mov x1, #0x10
    FAULT load_null, KEEP_ALL, ESR_READ, ldr x0, [x1]
    LI x1, 0xdead0000
    FAULT store_unmapped, KEEP_ALL, ESR_WRITE, str x2, [x1, #8]
    LA x1, test_main
    FAULT store_readonly, KEEP_ALL, ESR_WRITE, str x2, [x1]
    LA x1, data
    LI x2, 0x5a00000000000000
    orr x1, x1, x2
    ldr x2, [x1]
    add x3, x1, #8
    str x2, [x3]
    ldr x4, [x3]
    mov x1, #0
    mov x3, #0
    DUMP tagged_pointer
    INIT
    LI x1, 0x0001000000000000
    FAULT beyond_48bit, KEEP_CODE, ESR_READ, ldr x0, [x1]
    LI x1, 0x00ff000000001000
    FAULT bits55_48, KEEP_CODE, ESR_READ, ldrb w0, [x1]
    mov x1, #-8
    FAULT negative, KEEP_CODE, ESR_WRITE, str x0, [x1]
    LI x1, 0x0000100000000000
    FAULT beyond_window, KEEP_CODE, ESR_READ, ldp x2, x3, [x1]
    INIT
    LA x1, data
    add x1, x1, #1
    FAULT ldxr_misaligned, KEEP_ALL, ESR_READ, ldxr w0, [x1]
    add x2, x1, #1
    FAULT ldar_misaligned, KEEP_ALL, ESR_READ, ldar x0, [x2]
    add x2, x1, #3
    FAULT stlr_misaligned, KEEP_ALL, ESR_WRITE, stlr w0, [x2]
    FAULT casal_misaligned, KEEP_ALL, ESR_WRITE, casal x0, x3, [x2]
    add x2, x1, #7
    FAULT ldxp_misaligned, KEEP_ALL, ESR_READ, ldxp x4, x5, [x2]
    FAULT ldadd_misaligned, KEEP_ALL, ESR_WRITE, ldaddh w0, w6, [x1]
    INIT
    FAULT udf, 0, ESR_UNKNOWN, .inst 0x00000000
    /* undefined at EL0 on an ARMv8.2 core without PAC, SVE, FlagM, RNG, HBC */
    FAULT retaa, 0, ESR_UNKNOWN, .inst 0xd65f0bff
    FAULT eret, 0, ESR_UNKNOWN, .inst 0xd69f03e0
    FAULT msr_daifset, 0, ESR_UNKNOWN, .inst 0xd50342df
    FAULT mrs_daif, 0, ESR_UNKNOWN, .inst 0xd53b4220
    FAULT mrs_pmccntr, 0, ESR_UNKNOWN, .inst 0xd53b9d00
    FAULT msr_tpidrro, 0, ESR_UNKNOWN, .inst 0xd51bd060
    FAULT hvc, 0, ESR_UNKNOWN, .inst 0xd4000002
    FAULT hlt, 0, ESR_UNKNOWN, .inst 0xd4400000
    FAULT ldraa, 0, ESR_UNKNOWN, .inst 0xf8200420
    FAULT pacia, 0, ESR_UNKNOWN, .inst 0xdac10020
    FAULT sve_add, 0, ESR_UNKNOWN, .inst 0x04a00000
    FAULT dc_cvadp, 0, ESR_UNKNOWN, .inst 0xd50b7d21
    FAULT cfinv, 0, ESR_UNKNOWN, .inst 0xd500401f
    FAULT mrs_rndr, 0, ESR_UNKNOWN, .inst 0xd53b2400
    FAULT bc_eq, 0, ESR_UNKNOWN, .inst 0x54000010
    FAULT at_s1e0r, 0, ESR_UNKNOWN, .inst 0xd5087840
    FAULT brk, KEEP_ALL, ESR_NONE, brk #0x123
    adr x1, 8f
    add x1, x1, #2
    FAULT branch_misaligned, KEEP_ALL, ESR_PC_ALIGN, br x1
8:  nop
    TEST_END

    .data
    .balign 16
data: .quad 0x0102030405060708, 0, 0, 0
act: .quad 0, 0, 0, 0
rec: .quad 0, 0, 0, 0, 0, 0, 0
