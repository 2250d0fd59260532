/* Backward liveness over a TB's ops. For each op it records which input temps die
 * there (dead_args) and which global/tb outputs must be written to memory right away
 * (sync_args), and it turns ops with unused results into nops: that is where dead
 * flag computations disappear.
 *
 * Per-temp state while walking backwards ("after the current op"):
 *   DEAD - no later op reads the value;
 *   MEM  - the memory home must hold the value by the next sync point.
 * Sync points: labels that several paths reach and branches to them (what the label's
 * code needs goes to memory: the code generator trusts only homes there), helper calls
 * that read globals or may raise (globals go to memory), and fault points (qemu_ld/st,
 * cmpxchg): there every global's current value must still exist somewhere — in a
 * register is enough, because the fault handler reads registers from the signal
 * context. TB exits are not sync points: the code generator stores the dirty globals
 * there itself, except those a discard declared dead, so each path out of a TB stores
 * only what it needs. A label reached by a single branch (and no fall-through) gets
 * the branch's register state carried over (ir_label_info.carry). */
#include "tcg/opt.h"

#include <stdlib.h>
#include <string.h>

#include "tcg/ir.h"

enum { DEAD = 1, MEM = 2 };

static void globals_state(struct ir *ir, uint8_t *st, uint8_t set, uint8_t clear)
{
    for (uint32_t i = 0; i < ir->nb_globals; i++) {
        if (ir->temps[i].kind != IRK_GLOBAL)
            continue;
        st[i] = (uint8_t)((st[i] & ~clear) | set);
    }
}

/* Does the code after a label need t's value from its home? (Values reach a label
 * through memory: the allocator trusts only homes there.) */
static bool needed_at_label(uint8_t st)
{
    return !(st & DEAD) || (st & MEM);
}

/* Control leaves for label l (a jump, or falling into it): homes must hold what the
 * label's code needs; register values die. */
static void jump_to(struct ir *ir, uint8_t *st, const uint8_t *lst)
{
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        uint8_t k = ir->temps[i].kind;
        if (k == IRK_GLOBAL || k == IRK_TB)
            st[i] = (uint8_t)(DEAD | (needed_at_label(lst[i]) ? MEM : 0));
        else if (k == IRK_EBB)
            st[i] = DEAD;
    }
}

/* A conditional branch: the fall-through path continues with everything as it is
 * (ebb temps included); the taken path needs what its label needs in memory. */
static void branch_out(struct ir *ir, uint8_t *st, const uint8_t *lst)
{
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        uint8_t k = ir->temps[i].kind;
        if ((k == IRK_GLOBAL || k == IRK_TB) && needed_at_label(lst[i]))
            st[i] |= MEM;
    }
}

/* Leaving the TB: the code generator stores every dirty global there unless a discard
 * declared it dead; nothing after an exit reads tb or ebb temps. */
static void tb_exit(struct ir *ir, uint8_t *st)
{
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        switch (ir->temps[i].kind) {
        case IRK_GLOBAL: st[i] = 0; break;
        case IRK_TB: case IRK_EBB: st[i] = DEAD; break;
        default: st[i] = 0; break;
        }
    }
}

/* Marks labels reached by exactly one branch and never by falling through: the branch's
 * register state continues there (the code generator carries it over), so values
 * need not go through memory. */
static void find_carry_labels(struct ir *ir)
{
    for (uint32_t l = 0; l < ir->nb_labels; l++)
        ir->labels[l].carry = false;
    uint32_t *refs = calloc(ir->nb_labels ? ir->nb_labels : 1, sizeof *refs);
    if (!refs)
        abort();
    for (uint32_t i = 0; i < ir->nb_ops; i++) {
        const struct ir_op *op = &ir->ops[i];
        if (op->opc == IR_br)
            refs[op->args[0]]++;
        else if (op->opc == IR_brcond_i32 || op->opc == IR_brcond_i64)
            refs[op->args[3]]++;
    }
    uint16_t prev = IR_nop;
    for (uint32_t i = 0; i < ir->nb_ops; i++) {
        const struct ir_op *op = &ir->ops[i];
        if (op->opc == IR_nop || op->opc == IR_insn_start || op->opc == IR_discard)
            continue;
        if (op->opc == IR_set_label)
            ir->labels[op->args[0]].carry = refs[op->args[0]] == 1 &&
                (prev == IR_br || prev == IR_exit_tb || prev == IR_goto_ptr);
        if ((op->opc == IR_br && ir->labels[op->args[0]].op_index < i) ||
            ((op->opc == IR_brcond_i32 || op->opc == IR_brcond_i64) &&
             ir->labels[op->args[3]].op_index < i))
            ir->labels[op->opc == IR_br ? op->args[0] : op->args[3]].carry = false;
        prev = op->opc;
    }
    free(refs);
}

/* A branch to a carry label: the state after the branch is either path's. */
static void branch_carry(struct ir *ir, uint8_t *st, const uint8_t *lst)
{
    for (uint32_t i = 0; i < ir->nb_temps; i++)
        st[i] = (uint8_t)((st[i] & lst[i] & DEAD) | ((st[i] | lst[i]) & MEM));
}

static bool call_is_fault_point(const struct ir_op *op)
{
    unsigned flags = (unsigned)op->args[op->nb_oargs + op->nb_iargs + 1];
    return !(flags & CALL_NO_RAISE);
}

void ir_liveness(struct ir *ir)
{
    size_t n = ir->nb_temps ? ir->nb_temps : 1;
    uint8_t *st = malloc(n);
    /* the state after each label; a backward walk meets a label before the forward
     * branches to it (backward branches use the conservative 'anything' below) */
    uint8_t *lst = malloc(n * (ir->nb_labels ? ir->nb_labels : 1));
    if (!st || !lst)
        abort();
    find_carry_labels(ir);
    tb_exit(ir, st);
    /* what a label that a backward branch reaches is assumed to need (the walk meets
     * such a branch before its label): every global and tb temp, from memory */
    uint8_t *anything = malloc(n);
    if (!anything)
        abort();
    for (uint32_t t = 0; t < ir->nb_temps; t++) {
        uint8_t k = ir->temps[t].kind;
        anything[t] = k == IRK_EBB ? DEAD : 0;
    }

    for (uint32_t i = ir->nb_ops; i-- > 0;) {
        struct ir_op *op = &ir->ops[i];
        const struct ir_opdef *def = &ir_opdefs[op->opc];
        unsigned nout = op->nb_oargs, nin = op->nb_iargs;
        unsigned call_flags = 0;

        if (op->opc == IR_nop || op->opc == IR_insn_start)
            continue;
        if (op->opc == IR_discard) {
            st[op->args[0]] = DEAD;       /* kept: the code generator drops the value */
            continue;
        }
        if (op->opc == IR_set_label) {
            uint8_t *l = lst + n * op->args[0];
            memcpy(l, st, n);
            if (ir->labels[op->args[0]].carry)
                memset(st, DEAD, n);      /* nothing falls in: an exit comes before */
            else
                jump_to(ir, st, l);
            continue;
        }
        if (op->opc == IR_br) {
            uint8_t *l = ir->labels[op->args[0]].op_index < i ? anything
                       : lst + n * op->args[0];
            if (ir->labels[op->args[0]].carry)
                memcpy(st, l, n);
            else
                jump_to(ir, st, l);
        } else if (op->opc == IR_brcond_i32 || op->opc == IR_brcond_i64) {
            uint8_t *l = ir->labels[op->args[3]].op_index < i ? anything
                       : lst + n * op->args[3];
            if (ir->labels[op->args[3]].carry)
                branch_carry(ir, st, l);
            else
                branch_out(ir, st, l);
        } else if (def->flags & OPF_BB_END) {
            tb_exit(ir, st);
        }
        if (op->opc == IR_call)
            call_flags = (unsigned)op->args[nout + nin + 1];

        /* an op without side effects whose outputs nobody needs is dead */
        bool side = (def->flags & OPF_SIDE) &&
                    !(op->opc == IR_call && (call_flags & CALL_NO_SIDE_EFFECTS) &&
                      (call_flags & CALL_NO_RAISE) && (call_flags & CALL_NO_WRITE_GLOBALS));
        if (!side && nout > 0) {
            bool needed = false;
            for (unsigned k = 0; k < nout; k++)
                if (st[op->args[k]] != DEAD)
                    needed = true;
            if (!needed) {
                op->opc = IR_nop;
                continue;
            }
        }

        uint16_t dead = 0, sync = 0;
        for (unsigned k = 0; k < nout; k++) {
            uintptr_t t = op->args[k];
            if (st[t] & DEAD)
                dead |= (uint16_t)(1u << k);
            if (st[t] & MEM)
                sync |= (uint16_t)(1u << k);
            st[t] = DEAD;   /* the value before this op is not this value */
        }

        if (op->opc == IR_call) {
            if (!(call_flags & CALL_NO_WRITE_GLOBALS))
                globals_state(ir, st, DEAD | MEM, 0);    /* reloaded after the call */
            if (!(call_flags & CALL_NO_READ_GLOBALS) || !(call_flags & CALL_NO_RAISE))
                globals_state(ir, st, MEM, 0);           /* in memory at the call */
        }
        if ((def->flags & OPF_FAULT) && (op->opc != IR_call || call_is_fault_point(op)))
            globals_state(ir, st, 0, DEAD);              /* recoverable at the fault */

        for (unsigned k = nout; k < nout + nin; k++) {
            uintptr_t t = op->args[k];
            if (st[t] & DEAD)
                dead |= (uint16_t)(1u << k);
            st[t] &= (uint8_t)~DEAD;
        }
        op->dead_args = dead;
        op->sync_args = sync;
    }
    free(st);
    free(lst);
    free(anything);
}
