/* Private to the x86-64 back end: the code generator's state and the register
 * allocator's primitives (regalloc.c), used by the op lowering (codegen.c).
 *
 * Host register roles: rbp = env (the guest CPU state), r15 = guest_base, rsp = a fixed
 * frame whose first CG_FRAME_SLOTS * 8 bytes hold spilled temps. The other 13 GPRs are
 * allocatable; caller-saved ones are emptied around helper calls.
 *
 * A temp's value is in one of: a host register (VK_REG), its memory home (VK_MEM: the
 * CPU state for globals, a frame slot otherwise), a known constant (VK_CONST), or
 * nowhere (VK_DEAD). mem_coherent says whether the home holds the current value too. */
#ifndef TCG_X86_64_CG_H
#define TCG_X86_64_CG_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/ir.h"
#include "tcg/tb.h"
#include "tcg/x86_64/emit.h"

enum { VK_DEAD, VK_REG, VK_MEM, VK_CONST };

#define CG_ENV RBP
#define CG_GUEST_BASE R15
#define CG_FRAME_SLOTS 128
#define CG_FRAME_SIZE (CG_FRAME_SLOTS * 8 + 8)   /* + 8 keeps rsp 16-byte aligned */
#define CG_ALL_REGS 0x7fcfu      /* every GPR but rsp, rbp (env) and r15 (guest_base) */
#define CG_CALLER_SAVED ((1u << RAX) | (1u << RCX) | (1u << RDX) | (1u << RSI) | \
                         (1u << RDI) | (1u << R8) | (1u << R9) | (1u << R10) | (1u << R11))

/* The register allocator's state at a branch, for the carry label it goes to. */
struct cg_snapshot {
    int32_t reg_temp[16];
    struct cg_temp_state {
        uint8_t val_kind, reg;
        bool mem_coherent;
        uint16_t reg_next;
        int32_t slot;
        int64_t val;
    } *temps;
};

struct cg_fixup {
    uint32_t rel_off;            /* offset of a rel32 field */
    uint32_t label;
};

/* A float op's out-of-line fallback call (codegen-float.c). */
struct cg_fp_stub {
    uint32_t jcc_rel;            /* rel32 of the branch to the stub */
    uint32_t ret_off;            /* where the stub jumps back to */
    uint32_t save;               /* caller-saved registers live at the op */
    const void *fn;
    int8_t rd;                   /* the result register */
    uint8_t in_w, w, nargs;
    bool zero_ok;                /* a zero result needs no call (the branch also takes zeros) */
};

struct cg {
    struct ir *ir;
    struct x86_buf b;
    struct tb *tb;
    int32_t reg_temp[16];        /* temp held by each host register, or -1 */
    uint32_t locked;             /* registers the current op is using */
    uint32_t frame_used;         /* spill slots handed out */
    bool failed;                 /* out of frame slots: translate a shorter TB */

    uint32_t *label_off;         /* host offset of each label (UINT32_MAX: not yet) */
    struct cg_snapshot *snaps;   /* per label: the state its single branch left */
    uint32_t cap_snaps;
    struct cg_fixup *fixups;
    uint32_t nb_fixups, cap_fixups;
    uint32_t *exit_fixups;       /* chk_exit jumps to the exit-request stub */
    uint32_t nb_exit_fixups, cap_exit_fixups;
    struct cg_fp_stub *fp_stubs; /* float ops' fallback calls, emitted after the TB */
    uint32_t nb_fp_stubs, cap_fp_stubs;

    struct insn_rec *insns;
    uint32_t nb_insns, cap_insns;
    struct fault_rec *faults;
    uint32_t nb_faults, cap_faults;
    struct fault_map *maps;
    uint32_t nb_maps, cap_maps;
};

/* regalloc.c */
void cg_ra_begin(struct cg *cg);
struct ir_temp *cg_temp(struct cg *cg, uintptr_t t);
bool cg_is64(struct cg *cg, uintptr_t t);
struct x86_mem cg_home(struct cg *cg, uintptr_t t);
int cg_alloc(struct cg *cg, uint32_t allowed);
void cg_evict(struct cg *cg, int r);
int cg_in_reg(struct cg *cg, uintptr_t t, uint32_t allowed);
bool cg_const_imm(struct cg *cg, uintptr_t t, int32_t *imm);
void cg_bind(struct cg *cg, uintptr_t t, int r);
void cg_alias(struct cg *cg, uintptr_t dst, uintptr_t src);
bool cg_reg_alone(struct cg *cg, uintptr_t t);
void cg_unbind_output(struct cg *cg, uintptr_t t);
void cg_sync(struct cg *cg, uintptr_t t);
void cg_dead(struct cg *cg, uintptr_t t);
void cg_kill_dead_inputs(struct cg *cg, const struct ir_op *op);
void cg_finish_output(struct cg *cg, const struct ir_op *op, unsigned k, int r);
void cg_sync_all(struct cg *cg, bool tb_temps);
void cg_reset_at_label(struct cg *cg);
void cg_globals_to_mem(struct cg *cg);
void cg_snapshot_save(struct cg *cg, struct cg_snapshot *s);
void cg_snapshot_restore(struct cg *cg, const struct cg_snapshot *s);
void cg_discard(struct cg *cg, uintptr_t t);
void cg_record_fault(struct cg *cg, uint32_t host_off, enum fault_kind kind, int addr_reg);
void *cg_grow(void *p, uint32_t *cap, size_t elem, uint32_t need);

/* codegen.c */
/* Generates host code for the IR into b; returns the code size or -1 (failed/overflow). */
int cg_generate(struct cg *cg, struct ir *ir, struct tb *tb, uint8_t *buf, uint8_t *end);
void cg_free(struct cg *cg);

/* codegen-float.c: the IEEE float ops (fadd_f32 ... itof_f64). */
void cg_gen_float(struct cg *cg, const struct ir_op *op);
void cg_gen_fcmp(struct cg *cg, const struct ir_op *op);
void cg_gen_ftoi(struct cg *cg, const struct ir_op *op);
void cg_gen_itof(struct cg *cg, const struct ir_op *op);
/* Emits the fallback stubs after the TB's code and links them in. */
void cg_gen_fp_stubs(struct cg *cg);

/* Count TB executions and inline jump-cache hits in generated code (-d stats). */
extern bool cg_count_execs;

/* prologue.c */
extern uint8_t *cg_epilogue;          /* jump here with rax = exit value */
typedef uintptr_t (*cg_enter_fn)(void *env, const void *code);
extern cg_enter_fn cg_enter;
int cg_build_prologue(void);

#endif
