/* A32 data processing: flag results of adds/subs/rsbs/logic/compare with immediate and
 * register operands, the immediate rotation's carry, every immediate shift form (lsl/lsr/
 * asr/ror, lsr #32 and asr #32 encodings, rrx), and register-specified shifts by 0, 1, 31,
 * 32, 33, 255 and 256 (only the bottom byte counts), each with its shifter carry-out. */
#include "harness.inc"
    TEST_MAIN

.macro BIN op, a, b, flags=0
    INIT
    FLAGS \flags
    LI r1, \a
    LI r2, \b
    \op r0, r1, r2
    DUMP "\op \a \b (flags \flags)"
.endm

    BIN adds, 0x7fffffff, 1
    BIN adds, 0xffffffff, 1
    BIN adds, 0x80000000, 0x80000000
    BIN adds, 0x12345678, 0x0fedcba9
    BIN subs, 0, 1
    BIN subs, 5, 5
    BIN subs, 0x80000000, 1
    BIN subs, 0x7fffffff, 0xffffffff
    BIN rsbs, 1, 0
    BIN rsbs, 0x80000000, 0
    BIN ands, 0xf0f0f0f0, 0x0ff00ff0
    BIN ands, 0xf0f0f0f0, 0x0f0f0f0f, 0x30000000
    BIN orrs, 0x80000000, 1
    BIN eors, 0xffffffff, 0xffffffff, 0x90000000
    BIN bics, 0xffffffff, 0x7fffffff
    BIN add, 0xffffffff, 1, 0xf0000000
    BIN sub, 0, 1, 0x40000000

.macro CMPCASE op, a, b
    INIT
    LI r1, \a
    LI r2, \b
    \op r1, r2
    DUMP "\op \a \b"
.endm
    CMPCASE cmp, 3, 5
    CMPCASE cmp, 5, 3
    CMPCASE cmp, 0x80000000, 0x7fffffff
    CMPCASE cmp, 0xffffffff, 0xffffffff
    CMPCASE cmn, 0xffffffff, 1
    CMPCASE cmn, 0x7fffffff, 1
    CMPCASE tst, 0xff00, 0x00ff
    CMPCASE tst, 0x80000000, 0x80000001
    CMPCASE teq, 0x12345678, 0x12345678
    CMPCASE teq, 0x80000000, 0x00000001

    /* Immediates: rotated constants set C from bit 31 when the rotation is non-zero. */
    INIT
    FLAGS 0x20000000
    LI r1, 0xffffffff
    ands r0, r1, #0xff          @ rotation 0: C unchanged (stays set)
    DUMP "ands #0xff keeps C"
    INIT
    LI r1, 0xffffffff
    ands r0, r1, #0xff000000    @ rotated: C = bit 31 of the constant = 1
    DUMP "ands #0xff000000 sets C"
    INIT
    FLAGS 0x20000000
    LI r1, 0xffffffff
    ands r0, r1, #0x3f0         @ rotated, bit 31 clear: C = 0
    DUMP "ands #0x3f0 clears C"
    INIT
    movs r0, #0x80000000
    mvns r1, #0x1
    adds r2, r0, #0xc0000000
    rsbs r3, r0, #0x10
    DUMP "immediate forms"

    /* Immediate shifts with movs: value 0x80000001, C preset to 1 and to 0. */
.macro SHIMM shift, c
    INIT
    FLAGS \c
    LI r1, 0x80000001
    movs r0, r1, \shift
    DUMP "movs r1, \shift (C in \c)"
.endm
    SHIMM "lsl #0", 0x20000000
    SHIMM "lsl #1", 0
    SHIMM "lsl #31", 0
    SHIMM "lsr #1", 0
    SHIMM "lsr #31", 0
    SHIMM "lsr #32", 0
    SHIMM "asr #1", 0
    SHIMM "asr #31", 0
    SHIMM "asr #32", 0
    SHIMM "ror #1", 0
    SHIMM "ror #31", 0x20000000
    SHIMM "rrx", 0x20000000
    SHIMM "rrx", 0

    /* Shifted register operands inside arithmetic (carry comes from the adder). */
    INIT
    LI r1, 0x10
    LI r2, 0x80000001
    adds r0, r1, r2, lsl #4
    subs r3, r1, r2, asr #31
    add r4, r1, r2, ror #8
    rsb r5, r1, r2, lsr #1
    adc r6, r1, r2, rrx
    DUMP "arith with shifted operands"

    /* Register-specified shifts: amount from the bottom byte of r2. */
.macro SHREG op, amt, c=0x20000000
    INIT
    FLAGS \c
    LI r1, 0x80000001
    LI r2, \amt
    movs r0, r1, \op r2
    DUMP "movs r1, \op r2=\amt"
.endm
    .irp amt, 0, 1, 31, 32, 33, 255, 256, 0xffffff01
    SHREG lsl, \amt
    SHREG lsr, \amt
    SHREG asr, \amt
    SHREG ror, \amt
    .endr
    SHREG ror, 32, 0
    SHREG lsl, 0, 0

    /* Register shifts in a three-operand logic op with S: C from the shifter. */
    INIT
    LI r1, 0xffffffff
    LI r2, 0x0000f00f
    LI r3, 36
    ands r0, r1, r2, ror r3
    orrs r4, r2, r2, lsl r3
    eors r5, r1, r2, asr r3
    DUMP "logic with register shifts"

    /* mov/mvn with pc-independent forms, movw/movt, and writes of every register. */
    INIT
    movw r0, #0xffff
    movt r0, #0x8000
    mvn r1, r0
    mov r2, r0, lsl #16
    mvns r3, r2, asr #8
    DUMP "movw movt mvn"
    TEST_END
