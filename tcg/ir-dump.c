/* Text form of the IR for -d op / op_opt. */
#include "common/log.h"
#include "tcg/ir.h"

static const char *const cond_names[] = {
    "never", "always", "eq", "ne", "lt", "ge", "gt", "le",
    "ltu", "geu", "gtu", "leu", "tsteq", "tstne",
};

static void temp_name(const struct ir *ir, uintptr_t t, char *buf, size_t n)
{
    const struct ir_temp *tp = &ir->temps[t];
    switch (tp->kind) {
    case IRK_GLOBAL:
    case IRK_FIXED:
        snprintf(buf, n, "%s", tp->name);
        break;
    case IRK_CONST:
        snprintf(buf, n, "$0x%llx", (unsigned long long)(tp->type == IR_I32
                 ? (uint32_t)tp->val : (uint64_t)tp->val));
        break;
    case IRK_TB:
        snprintf(buf, n, "loc%u", (unsigned)(t - ir->nb_globals));
        break;
    default:
        snprintf(buf, n, "tmp%u", (unsigned)(t - ir->nb_globals));
        break;
    }
}

static void dump_op(const struct ir *ir, const struct ir_op *op)
{
    const struct ir_opdef *d = &ir_opdefs[op->opc];
    char buf[64];
    unsigned nio = op->nb_oargs + op->nb_iargs;
    if (op->opc == IR_insn_start) {
        log_printf(" ---- %08llx %llx\n", (unsigned long long)op->args[0],
                   (unsigned long long)op->args[1]);
        return;
    }
    if (op->opc == IR_set_label) {
        log_printf(" L%u:\n", (unsigned)op->args[0]);
        return;
    }
    log_printf(" %s ", d->name);
    for (unsigned i = 0; i < nio; i++) {
        temp_name(ir, op->args[i], buf, sizeof buf);
        log_printf("%s%s", i ? "," : "", buf);
    }
    unsigned nc = op->opc == IR_call ? 3 : d->nb_cargs;
    for (unsigned i = 0; i < nc; i++) {
        uintptr_t c = op->args[nio + i];
        bool is_cond = i == 0 && (op->opc == IR_setcond_i32 || op->opc == IR_setcond_i64 ||
                                  op->opc == IR_movcond_i32 || op->opc == IR_movcond_i64 ||
                                  op->opc == IR_brcond_i32 || op->opc == IR_brcond_i64);
        bool is_label = (op->opc == IR_brcond_i32 || op->opc == IR_brcond_i64) && i == 1;
        if (is_cond && c < sizeof cond_names / sizeof cond_names[0])
            log_printf("%s%s", nio + i ? "," : "", cond_names[c]);
        else if (is_label || op->opc == IR_br)
            log_printf("%sL%u", nio + i ? "," : "", (unsigned)c);
        else
            log_printf("%s$0x%llx", nio + i ? "," : "", (unsigned long long)c);
    }
    if (op->dead_args || op->sync_args)
        log_printf("  [dead 0x%x sync 0x%x]", op->dead_args, op->sync_args);
    log_printf("\n");
}

void ir_dump(const struct ir *ir, const char *title)
{
    log_printf("%s\n", title);
    for (uint32_t i = 0; i < ir->nb_ops; i++)
        if (ir->ops[i].opc != IR_nop)
            dump_op(ir, &ir->ops[i]);
    log_printf("\n");
}
