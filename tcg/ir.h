/* The JIT's intermediate representation and its builder.
 *
 * A translator turns guest instructions into a linear list of ops on temps. Temps are
 * typed (i32 or i64) and come in four kinds:
 *   global - a guest register living in the CPU state at a fixed offset from env; the
 *            register allocator may keep it in a host register within a basic block and
 *            writes it back at block ends, helper calls and exits (never at loads and
 *            stores: a fault there recovers dirty globals from the fault-point map);
 *   ebb    - a scratch value that dies at the next label or branch;
 *   tb     - a scratch value that lives across labels within the whole TB;
 *   const  - an immediate.
 * Semantics of every op are in ir-ops.h. i32 values are always kept zero-extended in
 * host registers, so an i32 guest address can index guest memory directly.
 * Contract: translators only call the builder functions below; the optimizer (opt.c)
 * and back end (x86_64/codegen.c) consume struct ir. */
#ifndef TCG_IR_H
#define TCG_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ir_opc {
#define DEF(name, oargs, iargs, cargs, flags) IR_##name,
#include "tcg/ir-ops.h"
#undef DEF
    IR_NB_OPS
};

enum {
    OPF_BB_END = 1 << 0,   /* ends a basic block: ebb temps die, globals are synced */
    OPF_SIDE   = 1 << 1,   /* has effects beyond its outputs: never removed */
    OPF_CALL   = 1 << 2,   /* helper call: variable argument counts */
    OPF_FAULT  = 1 << 3,   /* may fault or raise: globals must be recoverable here */
};

struct ir_opdef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, flags;
};
extern const struct ir_opdef ir_opdefs[IR_NB_OPS];

enum ir_type { IR_I32, IR_I64 };
enum ir_kind { IRK_EBB, IRK_TB, IRK_GLOBAL, IRK_CONST, IRK_FIXED };

/* Conditions for setcond/movcond/brcond. Bit 0 inverts the condition. */
enum ir_cond {
    IR_NEVER = 0, IR_ALWAYS = 1,
    IR_EQ = 2, IR_NE = 3,
    IR_LT = 4, IR_GE = 5,
    IR_GT = 6, IR_LE = 7,
    IR_LTU = 8, IR_GEU = 9,
    IR_GTU = 10, IR_LEU = 11,
    IR_TSTEQ = 12, IR_TSTNE = 13,     /* (a & b) == 0, != 0 */
};
static inline enum ir_cond ir_cond_invert(enum ir_cond c) { return (enum ir_cond)(c ^ 1); }

/* Guest memory operation descriptor (the memop constant of qemu_ld/st, cmpxchg). */
enum ir_memop {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3,
    MO_SIZE = 3,
    MO_SIGN = 1 << 2,          /* sign-extend loads */
    MO_BE = 1 << 3,            /* big-endian guest access */
    MO_ALIGN = 1 << 4,         /* fault (guest SIGBUS) if addr is not size-aligned */
    MO_UB = MO_8, MO_UW = MO_16, MO_UL = MO_32, MO_Q = MO_64,
    MO_SB = MO_8 | MO_SIGN, MO_SW = MO_16 | MO_SIGN, MO_SL = MO_32 | MO_SIGN,
};

/* Helper call flags. */
enum {
    CALL_NO_READ_GLOBALS  = 1 << 0,  /* globals need not be written back before the call */
    CALL_NO_WRITE_GLOBALS = 1 << 1,  /* globals need not be reloaded after the call */
    CALL_NO_SIDE_EFFECTS  = 1 << 2,  /* removable when the result is unused */
    CALL_NO_RAISE         = 1 << 3,  /* never raises a guest exception */
    CALL_PURE = CALL_NO_READ_GLOBALS | CALL_NO_WRITE_GLOBALS | CALL_NO_SIDE_EFFECTS
              | CALL_NO_RAISE,
};
#define IR_MAX_CALL_ARGS 6

typedef struct { uint16_t t; } ir_i32;
typedef struct { uint16_t t; } ir_i64;
typedef struct { uint32_t id; } ir_label;

struct ir_temp {
    uint8_t type;          /* enum ir_type */
    uint8_t kind;          /* enum ir_kind */
    uint8_t fixed_reg;     /* IRK_FIXED: the host register */
    bool allocated;        /* ebb/tb temps: in use (for reuse of freed temps) */
    int32_t mem_offset;    /* global: offset from env */
    int64_t val;           /* const: the value */
    const char *name;      /* global: for logs */
    /* register allocator state, private to the back end */
    uint8_t val_kind, reg;
    bool mem_coherent, mem_allocated;
    uint16_t reg_next;     /* next temp sharing the same host register (a ring) */
    int32_t slot;
};

/* An op: args[] holds output temps, then input temps, then constants. */
#define IR_MAX_ARGS 10
struct ir_op {
    uint16_t opc;
    uint8_t nb_oargs, nb_iargs;      /* filled for every op (calls vary) */
    uint16_t dead_args;              /* liveness: bit i set if args[i] dies here */
    uint16_t sync_args;              /* liveness: bit i set if global output i must be stored */
    uintptr_t args[IR_MAX_ARGS];
};

struct ir_label_info {
    uint32_t op_index;               /* index of its set_label op, or UINT32_MAX */
    bool has_refs;
    /* set by ir_liveness: one branch reaches the label and nothing falls into it, so
     * the register state at that branch simply continues at the label */
    bool carry;
};

struct ir {
    struct ir_temp *temps;
    uint32_t nb_temps, nb_globals, cap_temps;
    struct ir_op *ops;
    uint32_t nb_ops, cap_ops;
    struct ir_label_info *labels;
    uint32_t nb_labels, cap_labels;
    ir_i64 env;                      /* fixed temp: the CPU state pointer */
    unsigned guest_addr_bits;        /* 32 or 64: type of qemu_ld/st address temps */
    int pc_offset;                   /* env offset of the guest pc (for goto_tb exits) */
    bool overflow;                   /* too many ops: translator must end the TB */
    bool no_addr_fold;               /* keep guest address offsets out of loads/stores */
};

/* --- set-up (once per thread's context) --- */
void ir_init(struct ir *ir, unsigned guest_addr_bits);
void ir_free(struct ir *ir);
/* Globals must be registered before the first translation, in the same order in every
 * context; their indices stay valid across ir_reset(). */
ir_i32 ir_global_i32(struct ir *ir, int env_offset, const char *name);
ir_i64 ir_global_i64(struct ir *ir, int env_offset, const char *name);
/* Forget all ops and non-global temps, ready for the next TB. */
void ir_reset(struct ir *ir);

/* --- temps --- */
ir_i32 ir_new_i32(struct ir *ir);       /* ebb: dies at the next label or branch */
ir_i64 ir_new_i64(struct ir *ir);
ir_i32 ir_new_tb_i32(struct ir *ir);    /* lives for the whole TB */
ir_i64 ir_new_tb_i64(struct ir *ir);
ir_i32 ir_const_i32(struct ir *ir, uint32_t v);
ir_i64 ir_const_i64(struct ir *ir, uint64_t v);
/* Returns a temp to the pool; its value is dead. Optional but keeps temp counts low. */
void ir_free_i32(struct ir *ir, ir_i32 t);
void ir_free_i64(struct ir *ir, ir_i64 t);
/* The value is dead from here, even for a global: it need not reach memory at the next
 * block end because later code overwrites it before reading it. */
void ir_discard_i32(struct ir *ir, ir_i32 t);

/* --- labels --- */
ir_label ir_new_label(struct ir *ir);
void ir_set_label(struct ir *ir, ir_label l);
void ir_br(struct ir *ir, ir_label l);

/* --- generic op emission (the typed wrappers below are what translators use) --- */
struct ir_op *ir_emit(struct ir *ir, enum ir_opc opc, const uintptr_t *args, unsigned n);

/* --- 32-bit --- */
void ir_mov_i32(struct ir *ir, ir_i32 d, ir_i32 a);
void ir_movi_i32(struct ir *ir, ir_i32 d, uint32_t v);
void ir_add_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_addi_i32(struct ir *ir, ir_i32 d, ir_i32 a, uint32_t b);
void ir_sub_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_subi_i32(struct ir *ir, ir_i32 d, ir_i32 a, uint32_t b);
void ir_mul_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_and_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_andi_i32(struct ir *ir, ir_i32 d, ir_i32 a, uint32_t b);
void ir_or_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_ori_i32(struct ir *ir, ir_i32 d, ir_i32 a, uint32_t b);
void ir_xor_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_xori_i32(struct ir *ir, ir_i32 d, ir_i32 a, uint32_t b);
void ir_andc_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_shl_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_shli_i32(struct ir *ir, ir_i32 d, ir_i32 a, unsigned b);
void ir_shr_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_shri_i32(struct ir *ir, ir_i32 d, ir_i32 a, unsigned b);
void ir_sar_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_sari_i32(struct ir *ir, ir_i32 d, ir_i32 a, unsigned b);
void ir_rotl_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_rotr_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_rotri_i32(struct ir *ir, ir_i32 d, ir_i32 a, unsigned b);
void ir_neg_i32(struct ir *ir, ir_i32 d, ir_i32 a);
void ir_not_i32(struct ir *ir, ir_i32 d, ir_i32 a);
void ir_ext8s_i32(struct ir *ir, ir_i32 d, ir_i32 a);
void ir_ext8u_i32(struct ir *ir, ir_i32 d, ir_i32 a);
void ir_ext16s_i32(struct ir *ir, ir_i32 d, ir_i32 a);
void ir_ext16u_i32(struct ir *ir, ir_i32 d, ir_i32 a);
void ir_bswap16_i32(struct ir *ir, ir_i32 d, ir_i32 a);
void ir_bswap32_i32(struct ir *ir, ir_i32 d, ir_i32 a);
void ir_clz_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 if_zero);
void ir_ctz_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 if_zero);
void ir_ctpop_i32(struct ir *ir, ir_i32 d, ir_i32 a);
void ir_extract_i32(struct ir *ir, ir_i32 d, ir_i32 a, unsigned pos, unsigned len);
void ir_sextract_i32(struct ir *ir, ir_i32 d, ir_i32 a, unsigned pos, unsigned len);
void ir_deposit_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b, unsigned pos, unsigned len);
void ir_setcond_i32(struct ir *ir, enum ir_cond c, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_movcond_i32(struct ir *ir, enum ir_cond c, ir_i32 d, ir_i32 c1, ir_i32 c2,
                    ir_i32 v1, ir_i32 v2);
void ir_brcond_i32(struct ir *ir, enum ir_cond c, ir_i32 a, ir_i32 b, ir_label l);
void ir_brcondi_i32(struct ir *ir, enum ir_cond c, ir_i32 a, uint32_t b, ir_label l);
void ir_mulu2_i32(struct ir *ir, ir_i32 lo, ir_i32 hi, ir_i32 a, ir_i32 b);
void ir_muls2_i32(struct ir *ir, ir_i32 lo, ir_i32 hi, ir_i32 a, ir_i32 b);
void ir_divs_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_divu_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_rems_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
void ir_remu_i32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b);
/* host memory (usually the CPU state: base = ir->env) */
void ir_ld8u_i32(struct ir *ir, ir_i32 d, ir_i64 base, intptr_t off);
void ir_ld8s_i32(struct ir *ir, ir_i32 d, ir_i64 base, intptr_t off);
void ir_ld16u_i32(struct ir *ir, ir_i32 d, ir_i64 base, intptr_t off);
void ir_ld16s_i32(struct ir *ir, ir_i32 d, ir_i64 base, intptr_t off);
void ir_ld_i32(struct ir *ir, ir_i32 d, ir_i64 base, intptr_t off);
void ir_st8_i32(struct ir *ir, ir_i32 v, ir_i64 base, intptr_t off);
void ir_st16_i32(struct ir *ir, ir_i32 v, ir_i64 base, intptr_t off);
void ir_st_i32(struct ir *ir, ir_i32 v, ir_i64 base, intptr_t off);

/* --- 64-bit --- */
void ir_mov_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_movi_i64(struct ir *ir, ir_i64 d, uint64_t v);
void ir_add_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_addi_i64(struct ir *ir, ir_i64 d, ir_i64 a, uint64_t b);
void ir_sub_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_mul_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_and_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_andi_i64(struct ir *ir, ir_i64 d, ir_i64 a, uint64_t b);
void ir_or_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_xor_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_andc_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_shl_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_shli_i64(struct ir *ir, ir_i64 d, ir_i64 a, unsigned b);
void ir_shr_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_shri_i64(struct ir *ir, ir_i64 d, ir_i64 a, unsigned b);
void ir_sar_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_sari_i64(struct ir *ir, ir_i64 d, ir_i64 a, unsigned b);
void ir_rotl_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_rotr_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_neg_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_not_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_ext8s_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_ext8u_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_ext16s_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_ext16u_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_ext32s_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_ext32u_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_bswap16_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_bswap32_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_bswap64_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_clz_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 if_zero);
void ir_ctz_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 if_zero);
void ir_ctpop_i64(struct ir *ir, ir_i64 d, ir_i64 a);
void ir_extract_i64(struct ir *ir, ir_i64 d, ir_i64 a, unsigned pos, unsigned len);
void ir_sextract_i64(struct ir *ir, ir_i64 d, ir_i64 a, unsigned pos, unsigned len);
void ir_deposit_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b, unsigned pos, unsigned len);
void ir_setcond_i64(struct ir *ir, enum ir_cond c, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_movcond_i64(struct ir *ir, enum ir_cond c, ir_i64 d, ir_i64 c1, ir_i64 c2,
                    ir_i64 v1, ir_i64 v2);
void ir_brcond_i64(struct ir *ir, enum ir_cond c, ir_i64 a, ir_i64 b, ir_label l);
void ir_mulu2_i64(struct ir *ir, ir_i64 lo, ir_i64 hi, ir_i64 a, ir_i64 b);
void ir_muls2_i64(struct ir *ir, ir_i64 lo, ir_i64 hi, ir_i64 a, ir_i64 b);
void ir_divs_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_divu_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_rems_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_remu_i64(struct ir *ir, ir_i64 d, ir_i64 a, ir_i64 b);
void ir_ld8u_i64(struct ir *ir, ir_i64 d, ir_i64 base, intptr_t off);
void ir_ld8s_i64(struct ir *ir, ir_i64 d, ir_i64 base, intptr_t off);
void ir_ld16u_i64(struct ir *ir, ir_i64 d, ir_i64 base, intptr_t off);
void ir_ld16s_i64(struct ir *ir, ir_i64 d, ir_i64 base, intptr_t off);
void ir_ld32u_i64(struct ir *ir, ir_i64 d, ir_i64 base, intptr_t off);
void ir_ld32s_i64(struct ir *ir, ir_i64 d, ir_i64 base, intptr_t off);
void ir_ld_i64(struct ir *ir, ir_i64 d, ir_i64 base, intptr_t off);
void ir_st8_i64(struct ir *ir, ir_i64 v, ir_i64 base, intptr_t off);
void ir_st16_i64(struct ir *ir, ir_i64 v, ir_i64 base, intptr_t off);
void ir_st32_i64(struct ir *ir, ir_i64 v, ir_i64 base, intptr_t off);
void ir_st_i64(struct ir *ir, ir_i64 v, ir_i64 base, intptr_t off);

/* --- width changes --- */
void ir_ext_i32_i64(struct ir *ir, ir_i64 d, ir_i32 a);
void ir_extu_i32_i64(struct ir *ir, ir_i64 d, ir_i32 a);
void ir_extrl_i64_i32(struct ir *ir, ir_i32 d, ir_i64 a);
void ir_extrh_i64_i32(struct ir *ir, ir_i32 d, ir_i64 a);
void ir_concat_i32_i64(struct ir *ir, ir_i64 d, ir_i32 lo, ir_i32 hi);

/* --- IEEE floating point (ir-ops.h, fadd_f32 ...) ---
 * d = a op b (sqrt: d = sqrt(a), b unused) on raw bit patterns, round to nearest-even;
 * exceptional results come from fallback(env, a[, b]) instead, a helper that must not
 * read or write IR globals or raise (it may write other CPU state, e.g. FP flags).
 * The IEEE exception flags the host raises accumulate per thread: cpu_exec() clears
 * them before running generated code and hands them to the target's fp_flags hook
 * after; a helper reads and clears them with jit_fp_take_flags() (exec.h). */
enum ir_fop { IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FSQRT };
enum {
    IR_FPX_INVALID = 1 << 0, IR_FPX_DENORMAL = 1 << 1, IR_FPX_DIVZERO = 1 << 2,
    IR_FPX_OVERFLOW = 1 << 3, IR_FPX_UNDERFLOW = 1 << 4, IR_FPX_INEXACT = 1 << 5,
};
void ir_fop_f32(struct ir *ir, enum ir_fop op, ir_i32 d, ir_i32 a, ir_i32 b, void *fallback);
void ir_fop_f64(struct ir *ir, enum ir_fop op, ir_i64 d, ir_i64 a, ir_i64 b, void *fallback);
/* Conversions (ir-ops.h): widen/narrow between binary32 and binary64, truncate to a
 * signed 32-bit integer, and from a signed or unsigned 32-bit integer. */
void ir_fext_f64(struct ir *ir, ir_i64 d, ir_i32 a, void *fallback);
void ir_fnarrow_f32(struct ir *ir, ir_i32 d, ir_i64 a, void *fallback);
void ir_ftoi32_f32(struct ir *ir, ir_i32 d, ir_i32 a, void *fallback);
void ir_ftoi32_f64(struct ir *ir, ir_i32 d, ir_i64 a, void *fallback);
void ir_itof_f32(struct ir *ir, ir_i32 d, ir_i32 a, bool is_signed);
void ir_itof_f64(struct ir *ir, ir_i64 d, ir_i32 a, bool is_signed);
/* d = a compared with b: IR_FCMP_* (no fallback: the host's answer is exact); 'signal'
 * makes quiet NaNs raise invalid too. */
enum { IR_FCMP_EQ = 0, IR_FCMP_LT = 1, IR_FCMP_GT = 2, IR_FCMP_UN = 3 };
void ir_fcmp_f32(struct ir *ir, ir_i32 d, ir_i32 a, ir_i32 b, bool signal);
void ir_fcmp_f64(struct ir *ir, ir_i32 d, ir_i64 a, ir_i64 b, bool signal);

/* --- guest memory; addr is an i32 temp's index for 32-bit guests, else an i64's --- */
void ir_qemu_ld_i32(struct ir *ir, ir_i32 d, uint16_t addr, unsigned memop);
void ir_qemu_st_i32(struct ir *ir, ir_i32 v, uint16_t addr, unsigned memop);
void ir_qemu_ld_i64(struct ir *ir, ir_i64 d, uint16_t addr, unsigned memop);
void ir_qemu_st_i64(struct ir *ir, ir_i64 v, uint16_t addr, unsigned memop);
void ir_cmpxchg_i32(struct ir *ir, ir_i32 old, uint16_t addr, ir_i32 cmp, ir_i32 nv,
                    unsigned memop);
void ir_cmpxchg_i64(struct ir *ir, ir_i64 old, uint16_t addr, ir_i64 cmp, ir_i64 nv,
                    unsigned memop);
void ir_mb(struct ir *ir);

/* --- helper calls ---
 * ret is a temp index or IR_NO_RET; args are temp indices (i32 args reach the helper as
 * uint32_t, i64 args as uint64_t or pointers). Helpers follow the SysV ABI. A helper that
 * can raise a guest exception gets the CPU state in env and may call cpu_raise() (exec.h):
 * the guest state at the call is recoverable from the return address. */
#define IR_NO_RET 0xffff
void ir_call(struct ir *ir, void *fn, unsigned flags, unsigned ret, unsigned nargs,
             const uint16_t *args);
void ir_call0(struct ir *ir, void *fn, unsigned flags, unsigned ret);
void ir_call1(struct ir *ir, void *fn, unsigned flags, unsigned ret, unsigned a0);
void ir_call2(struct ir *ir, void *fn, unsigned flags, unsigned ret, unsigned a0, unsigned a1);
void ir_call3(struct ir *ir, void *fn, unsigned flags, unsigned ret, unsigned a0, unsigned a1,
              unsigned a2);
void ir_call4(struct ir *ir, void *fn, unsigned flags, unsigned ret, unsigned a0, unsigned a1,
              unsigned a2, unsigned a3);

/* --- guest instruction boundaries and block exits --- */
void ir_insn_start(struct ir *ir, uint64_t guest_pc, uint64_t extra);
void ir_chk_exit(struct ir *ir);
/* Jump to the TB at dest directly once chained; until then store dest to the guest pc and
 * return to the main loop asking it to chain slot n (0 or 1). tb is the TB being built. */
void ir_goto_tb(struct ir *ir, unsigned slot, uint64_t dest, const void *tb);
void ir_exit_tb(struct ir *ir, uintptr_t val);
/* The guest pc (and flags) were stored already: look the target up in the thread's jump
 * cache and go there, or return to the main loop. */
void ir_goto_ptr(struct ir *ir, unsigned pc_temp, ir_i32 flags);

/* --- logs --- */
void ir_dump(const struct ir *ir, const char *title);

#endif
