/* The A64 front end on its own (no back end): guest encodings in, IR out.
 * Encodings undefined at EL0 on the emulated ARMv8.2 core must raise SIGILL and a sample
 * of valid ones must not; 200000 random words must all translate to a TB that ends in
 * an exit and survives the optimizer and liveness (no crash, no assertion: bad input is
 * an undefined instruction, never an emulator failure); and the IR shapes the speed
 * work relies on are checked: a condition right after a compare is one comparison, flags
 * the successor overwrites are discarded at the exit, every data address is cleaned. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "syscall/mmap.h"
#include "target/arm/cpu64.h"
#include "target/arm/translate-a64.h"
#include "target/target.h"
#include "tcg/opt.h"
#include "tcg/page.h"

#define CODE 0x10000u

struct enc {
    uint32_t insn;
    const char *text;
};

static const struct enc valid[] = {
    { 0x8b020c20, "add x0, x1, x2, lsl #3" },
    { 0xab2263e0, "adds x0, sp, x2, uxtx" },
    { 0x9a020020, "adc x0, x1, x2" },
    { 0xfa42a820, "ccmp x1, #2, #0, ge" },
    { 0x1a821020, "csel w0, w1, w2, ne" },
    { 0xd3441c20, "ubfx x0, x1, #4, #4" },
    { 0x93c2fc20, "extr x0, x1, x2, #63" },
    { 0xdac00020, "rbit x0, x1" },
    { 0x9ac20c20, "sdiv x0, x1, x2" },
    { 0x9b427c20, "smulh x0, x1, x2" },
    { 0xf8616800, "ldr x0, [x0, x1]" },
    { 0xa9c17bfd, "ldp x29, x30, [sp, #16]!" },
    { 0x3c810c20, "str q0, [x1, #16]!" },
    { 0xc85ffc20, "ldaxr x0, [x1]" },
    { 0xc87f0c20, "ldxp x0, x3, [x1]" },
    { 0xc8a27c20, "cas x2, x0, [x1]" },
    { 0x08207c22, "casp w0, w1, w2, w3, [x1]" },
    { 0xf8e20020, "ldaddal x2, x0, [x1]" },
    { 0xb8bfc020, "ldapr w0, [x1]" },
    { 0xd53b4200, "mrs x0, nzcv" },
    { 0xd53bd040, "mrs x0, tpidr_el0" },
    { 0xd5380000, "mrs x0, midr_el1" },
    { 0xd50b7420, "dc zva, x0" },
    { 0xd503233f, "paciasp (a NOP without pointer authentication)" },
    { 0xd503245f, "bti c" },
    { 0xd5033bbf, "dmb ish" },
    { 0xd4000001, "svc #0" },
    { 0xd4200020, "brk #1" },
};

static const struct enc invalid[] = {
    { 0x00000000, "udf #0" },
    { 0x91c00000, "add/subtract immediate with tags (memory tagging)" },
    { 0x92400000 | 0x3f << 10, "and x0, x0, #reserved bitmask (imms all ones)" },
    { 0x12400000, "and w0, w0, #imm with N = 1" },
    { 0x32800000, "move wide with opc 01" },
    { 0x13400000, "sbfm w0 with N = 1" },
    { 0x93c00000 & ~(1u << 22), "extr x with N = 0" },
    { 0xdac10020, "pacia x0, x1" },
    { 0x9ac01020, "dp2 opcode 000100 (subp)" },
    { 0x9b600000 | 31 << 10, "dp3 op31 011" },
    { 0xd65f0bff, "retaa" },
    { 0xd69f03e0, "eret" },
    { 0xd50342df, "msr daifset, #2" },
    { 0xd53b9d00, "mrs x0, pmccntr_el0" },
    { 0xd51bd060, "msr tpidrro_el0, x0" },
    { 0xd4000002, "hvc #0" },
    { 0xd4400000, "hlt #0" },
    { 0xf8200420, "ldraa x0, [x1]" },
    { 0xe9400000, "ldp with opc 11" },
    { 0x04a00000, "an SVE add" },
    { 0x54000010, "bc.eq (FEAT_HBC)" },
    { 0xd5087840, "at s1e0r, x0" },
    { 0xd50b7d21, "dc cvadp, x1 (FEAT_DPB2)" },
    { 0xd9200000, "stg (memory tagging)" },
};

static struct ir ir;

static int setup(void **state)
{
    if (guest_space_init(64, 12, 0, 1ull << 32) < 0)
        return -1;
    guest_mmap_init(0x80000000u, 0xf0000000u);
    if (guest_mmap(CODE, 0x1000, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != CODE)
        return -1;
    ir_init(&ir, 64);
    a64_ops.ir_init(&ir);
    return 0;
}

/* Places the code at CODE and translates up to n instructions from start. */
static void translate_at(const uint32_t *words, unsigned count, uint64_t start, unsigned n)
{
    memset(g2h(CODE), 0, 0x1000);
    memcpy(g2h(CODE), words, count * 4);
    ir_reset(&ir);
    struct tr_ctx ctx = {
        .ir = &ir, .tb = NULL, .pc = start, .flags = 0, .pc_next = start, .max_insns = n,
        .page_first = ~0ull, .page_last = ~0ull,
    };
    a64_ops.translate(&ctx);
}

static void translate(const uint32_t *words, unsigned count, unsigned n)
{
    translate_at(words, count, CODE, n);
}

static bool raises_udef(void)
{
    for (uint32_t i = 0; i < ir.nb_ops; i++) {
        const struct ir_op *op = &ir.ops[i];
        if (op->opc == IR_st_i32 && op->args[2] == offsetof(struct cpu_common, exception)) {
            const struct ir_temp *v = &ir.temps[op->args[0]];
            if (v->kind == IRK_CONST && v->val == EXCP_UDEF)
                return true;
        }
    }
    return false;
}

static unsigned count_ops(enum ir_opc opc)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < ir.nb_ops; i++)
        n += ir.ops[i].opc == opc;
    return n;
}

static void check_list(const struct enc *list, size_t n, bool is_valid)
{
    unsigned bad = 0;
    for (size_t i = 0; i < n; i++) {
        translate(&list[i].insn, 1, 1);
        if (raises_udef() == is_valid) {
            printf("A64 %08x %-48s %s\n", list[i].insn, list[i].text,
                   is_valid ? "raised SIGILL" : "was accepted");
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void valid_translate(void **state)
{
    check_list(valid, sizeof valid / sizeof *valid, true);
}

static void invalid_raise(void **state)
{
    check_list(invalid, sizeof invalid / sizeof *invalid, false);
}

/* Does the TB end in an exit (every path has one, so the last op must be one)? */
static bool ends_in_exit(void)
{
    for (uint32_t i = ir.nb_ops; i-- > 0;) {
        enum ir_opc o = (enum ir_opc)ir.ops[i].opc;
        if (o == IR_discard || o == IR_nop)
            continue;
        return o == IR_goto_tb || o == IR_exit_tb || o == IR_goto_ptr;
    }
    return false;
}

static void random_words(void **state)
{
    uint64_t x = 0x9e3779b97f4a7c15ull;
    unsigned bad = 0;
    for (unsigned i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        uint32_t w[2] = { (uint32_t)x, (uint32_t)(x >> 32) };
        translate(w, 2, 2);
        if (!ends_in_exit() || ir.overflow) {
            if (bad++ < 10)
                printf("A64 %08x %08x: TB without a final exit\n", w[0], w[1]);
        }
        ir_optimize(&ir);
        ir_liveness(&ir);
    }
    assert_int_equal(bad, 0);
}

/* cmp x0, x1; b.lt: the branch compares the operands (a signed less-than), instead of
 * evaluating N != V from the flag words. */
static void compare_branch(void **state)
{
    const uint32_t code[] = { 0xeb01001f, 0x5400004b };   /* cmp x0, x1; b.lt +8 */
    translate(code, 2, 2);
    unsigned lt = 0;
    for (uint32_t i = 0; i < ir.nb_ops; i++)
        if (ir.ops[i].opc == IR_brcond_i64 &&
            (ir.ops[i].args[2] == IR_LT || ir.ops[i].args[2] == IR_GE))
            lt++;
    assert_int_equal(lt, 1);
    assert_int_equal(count_ops(IR_xor_i64), 2);    /* only V's a ^ b and a ^ res */
}

/* The loop "0: cmp x1, x2; 4: subs x0, x0, #1; 8: b.ne 0": at the backward exit the
 * flags are all dead (the cmp at 0 writes them first), at the fall-through to 12 (an
 * undefined instruction ends the scan) they are not. */
static void dead_flags_discarded(void **state)
{
    const uint32_t code[] = { 0xeb02003f, 0xf1000400, 0x54ffffc1 };
    translate_at(code, 3, CODE + 4, 2);
    unsigned discards = 0;
    for (uint32_t i = 0; i < ir.nb_ops; i++)
        if (ir.ops[i].opc == IR_discard && ir.temps[ir.ops[i].args[0]].kind == IRK_GLOBAL)
            discards++;
    assert_int_equal(count_ops(IR_goto_tb), 2);
    assert_int_equal(discards, 4);
}

/* ldr x0, [x1]: the address goes through the top-byte-ignore mask and the window
 * check before the load. */
static void addresses_cleaned(void **state)
{
    const uint32_t code[] = { 0xf9400020 };
    translate(code, 1, 1);
    assert_int_equal(count_ops(IR_and_i64), 1);
    assert_int_equal(count_ops(IR_movcond_i64), 1);
    assert_int_equal(count_ops(IR_qemu_ld_i64), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_translate),
        cmocka_unit_test(invalid_raise),
        cmocka_unit_test(random_words),
        cmocka_unit_test(compare_branch),
        cmocka_unit_test(dead_flags_discarded),
        cmocka_unit_test(addresses_cleaned),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
