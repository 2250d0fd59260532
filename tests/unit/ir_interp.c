/* Reference IR interpreter (see ir_interp.h). Written from the op table's comments, not
 * from the back end, so the two can disagree; all arithmetic is done on unsigned values
 * so the interpreter itself has no undefined behaviour for sanitizers to report. */
#include "ir_interp.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/cpu.h"

#define DEFAULT_MAX_STEPS 10000000u
#define TB_EXIT_REQUESTED 2     /* what generated code returns from its chk_exit stub */

struct interp {
    const struct ir *ir;
    const struct interp_env *e;
    struct interp_result *res;
    uint64_t *val;              /* ebb/tb temps */
    bool *def;                  /* does the ebb/tb temp hold a value? */
    uint32_t pc;                /* index of the op being executed */
    bool failed;
};

static void fail(struct interp *in, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void fail(struct interp *in, const char *fmt, ...)
{
    if (in->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(in->res->msg, sizeof in->res->msg, fmt, ap);
    va_end(ap);
    in->res->status = INTERP_UNDEFINED;
    in->res->op_index = in->pc;
    in->failed = true;
}

static bool is64(const struct interp *in, uintptr_t t)
{
    return in->ir->temps[t].type == IR_I64;
}

static uint64_t trunc_to(const struct interp *in, uintptr_t t, uint64_t v)
{
    return is64(in, t) ? v : (uint32_t)v;
}

static uint64_t rd(struct interp *in, uintptr_t t)
{
    const struct ir_temp *tp = &in->ir->temps[t];
    switch (tp->kind) {
    case IRK_CONST:
        return trunc_to(in, t, (uint64_t)tp->val);
    case IRK_FIXED:
        return (uintptr_t)in->e->env;
    case IRK_GLOBAL: {
        char *p = (char *)in->e->env + tp->mem_offset;
        if (tp->type == IR_I64) {
            uint64_t v;
            memcpy(&v, p, 8);
            return v;
        }
        uint32_t v;
        memcpy(&v, p, 4);
        return v;
    }
    default:
        if (!in->def[t])
            fail(in, "read of temp %u which holds no value", (unsigned)t);
        return in->val[t];
    }
}

static void wr(struct interp *in, uintptr_t t, uint64_t v)
{
    const struct ir_temp *tp = &in->ir->temps[t];
    v = trunc_to(in, t, v);
    switch (tp->kind) {
    case IRK_GLOBAL: {
        char *p = (char *)in->e->env + tp->mem_offset;
        if (tp->type == IR_I64) {
            memcpy(p, &v, 8);
        } else {
            uint32_t w = (uint32_t)v;
            memcpy(p, &w, 4);
        }
        break;
    }
    case IRK_EBB:
    case IRK_TB:
        in->val[t] = v;
        in->def[t] = true;
        break;
    default:
        fail(in, "write to constant or fixed temp %u", (unsigned)t);
        break;
    }
}

static int64_t sx(uint64_t v, unsigned bits)
{
    /* sign-extend the low 'bits' bits without signed shifts */
    uint64_t m = 1ull << (bits - 1);
    if (bits == 64)
        return (int64_t)v;
    v &= (m << 1) - 1;
    return (int64_t)((v ^ m) - m);
}

static bool cond(enum ir_cond c, uint64_t a, uint64_t b, unsigned bits, bool *ok)
{
    int64_t sa = sx(a, bits), sb = sx(b, bits);
    *ok = true;
    switch (c) {
    case IR_NEVER: return false;
    case IR_ALWAYS: return true;
    case IR_EQ: return a == b;
    case IR_NE: return a != b;
    case IR_LT: return sa < sb;
    case IR_GE: return sa >= sb;
    case IR_GT: return sa > sb;
    case IR_LE: return sa <= sb;
    case IR_LTU: return a < b;
    case IR_GEU: return a >= b;
    case IR_GTU: return a > b;
    case IR_LEU: return a <= b;
    case IR_TSTEQ: return (a & b) == 0;
    case IR_TSTNE: return (a & b) != 0;
    }
    *ok = false;
    return false;
}

static uint64_t mask_of(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

static unsigned clz_n(uint64_t v, unsigned bits)
{
    unsigned n = 0;
    for (uint64_t m = 1ull << (bits - 1); m && !(v & m); m >>= 1)
        n++;
    return n;
}

static unsigned ctz_n(uint64_t v, unsigned bits)
{
    unsigned n = 0;
    while (n < bits && !(v >> n & 1))
        n++;
    return n;
}

static unsigned popcount_n(uint64_t v)
{
    unsigned n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

static uint64_t bswap_n(uint64_t v, unsigned bytes)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < bytes; i++)
        r |= (v >> (8 * i) & 0xff) << (8 * (bytes - 1 - i));
    return r;
}

static uint64_t rotl_n(uint64_t v, unsigned s, unsigned bits)
{
    v &= mask_of(bits);
    if (s == 0)
        return v;
    return (v << s | v >> (bits - s)) & mask_of(bits);
}

/* Two-input ALU ops (and shifts) of either width; false if opc is not one. */
static bool alu2(struct interp *in, enum ir_opc opc, uint64_t a, uint64_t b, unsigned bits,
                 uint64_t *r)
{
    uint64_t m = mask_of(bits);
    switch (opc) {
    case IR_add_i32: case IR_add_i64: *r = a + b; break;
    case IR_sub_i32: case IR_sub_i64: *r = a - b; break;
    case IR_mul_i32: case IR_mul_i64: *r = a * b; break;
    case IR_and_i32: case IR_and_i64: *r = a & b; break;
    case IR_or_i32: case IR_or_i64: *r = a | b; break;
    case IR_xor_i32: case IR_xor_i64: *r = a ^ b; break;
    case IR_andc_i32: case IR_andc_i64: *r = a & ~b; break;
    case IR_shl_i32: case IR_shl_i64: case IR_shr_i32: case IR_shr_i64:
    case IR_sar_i32: case IR_sar_i64: case IR_rotl_i32: case IR_rotl_i64:
    case IR_rotr_i32: case IR_rotr_i64:
        if (b >= bits) {
            fail(in, "%s by %llu", ir_opdefs[opc].name, (unsigned long long)b);
            return true;
        }
        switch (opc) {
        case IR_shl_i32: case IR_shl_i64: *r = a << b; break;
        case IR_shr_i32: case IR_shr_i64: *r = (a & m) >> b; break;
        case IR_sar_i32: case IR_sar_i64: {
            /* arithmetic shift built from logical ones */
            uint64_t v = a & m, sign = v >> (bits - 1) & 1;
            uint64_t res = v >> b;
            if (sign && b)
                res |= m & ~(m >> b);
            *r = res;
            break;
        }
        case IR_rotl_i32: case IR_rotl_i64: *r = rotl_n(a, (unsigned)b, bits); break;
        default: *r = rotl_n(a, (unsigned)((bits - b) % bits), bits); break;
        }
        break;
    case IR_divs_i32: case IR_divs_i64: case IR_rems_i32: case IR_rems_i64: {
        int64_t sa = sx(a, bits), sb = sx(b, bits);
        int64_t min = bits == 64 ? INT64_MIN : INT32_MIN;
        if (sb == 0 || (sa == min && sb == -1)) {
            fail(in, "%s of %lld by %lld", ir_opdefs[opc].name, (long long)sa, (long long)sb);
            return true;
        }
        bool div = opc == IR_divs_i32 || opc == IR_divs_i64;
        *r = (uint64_t)(div ? sa / sb : sa % sb);
        break;
    }
    case IR_divu_i32: case IR_divu_i64: case IR_remu_i32: case IR_remu_i64:
        if ((b & m) == 0) {
            fail(in, "%s by zero", ir_opdefs[opc].name);
            return true;
        }
        *r = (opc == IR_divu_i32 || opc == IR_divu_i64) ? (a & m) / (b & m) : (a & m) % (b & m);
        break;
    case IR_clz_i32: case IR_clz_i64: *r = (a & m) ? clz_n(a, bits) : b; break;
    case IR_ctz_i32: case IR_ctz_i64: *r = (a & m) ? ctz_n(a, bits) : b; break;
    default:
        return false;
    }
    return true;
}

/* One-input ops; false if opc is not one. */
static bool alu1(enum ir_opc opc, uint64_t a, uint64_t *r)
{
    switch (opc) {
    case IR_mov_i32: case IR_mov_i64: *r = a; break;
    case IR_neg_i32: case IR_neg_i64: *r = 0 - a; break;
    case IR_not_i32: case IR_not_i64: *r = ~a; break;
    case IR_ext8s_i32: case IR_ext8s_i64: *r = (uint64_t)sx(a, 8); break;
    case IR_ext8u_i32: case IR_ext8u_i64: *r = a & 0xff; break;
    case IR_ext16s_i32: case IR_ext16s_i64: *r = (uint64_t)sx(a, 16); break;
    case IR_ext16u_i32: case IR_ext16u_i64: *r = a & 0xffff; break;
    case IR_ext32s_i64: case IR_ext_i32_i64: *r = (uint64_t)sx(a, 32); break;
    case IR_ext32u_i64: case IR_extu_i32_i64: case IR_extrl_i64_i32: *r = a & 0xffffffffu; break;
    case IR_extrh_i64_i32: *r = a >> 32; break;
    case IR_bswap16_i32: case IR_bswap16_i64: *r = bswap_n(a, 2); break;
    case IR_bswap32_i32: case IR_bswap32_i64: *r = bswap_n(a, 4); break;
    case IR_bswap64_i64: *r = bswap_n(a, 8); break;
    case IR_ctpop_i32: *r = popcount_n(a & 0xffffffffu); break;
    case IR_ctpop_i64: *r = popcount_n(a); break;
    default: return false;
    }
    return true;
}

static bool host_ldst(struct interp *in, const struct ir_op *op)
{
    enum ir_opc o = op->opc;
    unsigned size;
    bool sign = false, store = false;
    switch (o) {
    case IR_ld8u_i32: case IR_ld8u_i64: size = 1; break;
    case IR_ld8s_i32: case IR_ld8s_i64: size = 1; sign = true; break;
    case IR_ld16u_i32: case IR_ld16u_i64: size = 2; break;
    case IR_ld16s_i32: case IR_ld16s_i64: size = 2; sign = true; break;
    case IR_ld_i32: case IR_ld32u_i64: size = 4; break;
    case IR_ld32s_i64: size = 4; sign = true; break;
    case IR_ld_i64: size = 8; break;
    case IR_st8_i32: case IR_st8_i64: size = 1; store = true; break;
    case IR_st16_i32: case IR_st16_i64: size = 2; store = true; break;
    case IR_st_i32: case IR_st32_i64: size = 4; store = true; break;
    case IR_st_i64: size = 8; store = true; break;
    default: return false;
    }
    uintptr_t base = (uintptr_t)rd(in, op->args[1]);
    char *p = (char *)(base + op->args[2]);
    if (in->failed)
        return true;
    uint64_t v = 0;
    if (store) {
        v = rd(in, op->args[0]);
        memcpy(p, &v, size);              /* little-endian host: low bytes first */
    } else {
        memcpy(&v, p, size);
        wr(in, op->args[0], sign ? (uint64_t)sx(v, 8 * size) : v);
    }
    return true;
}

/* Guest memory address check; returns the host pointer or NULL (after fail/align). */
static uint8_t *guest_ptr(struct interp *in, uint64_t addr, unsigned memop)
{
    unsigned size = 1u << (memop & MO_SIZE);
    if ((memop & MO_ALIGN) && (addr & (size - 1))) {
        in->res->status = INTERP_FAULT_ALIGN;
        in->res->addr = addr;
        in->res->op_index = in->pc;
        in->failed = true;
        return NULL;
    }
    if (addr >= in->e->gmem_size || in->e->gmem_size - addr < size) {
        fail(in, "guest access of %u bytes at 0x%llx outside the buffer", size,
             (unsigned long long)addr);
        return NULL;
    }
    return in->e->gmem + addr;
}

static uint64_t gload(uint8_t *p, unsigned memop)
{
    unsigned size = 1u << (memop & MO_SIZE);
    uint64_t v = 0;
    memcpy(&v, p, size);
    if (memop & MO_BE)
        v = bswap_n(v, size);
    return (memop & MO_SIGN) ? (uint64_t)sx(v, 8 * size) : v;
}

static void gstore(uint8_t *p, unsigned memop, uint64_t v)
{
    unsigned size = 1u << (memop & MO_SIZE);
    if (memop & MO_BE)
        v = bswap_n(v, size);
    memcpy(p, &v, size);
}

/* The guest address of a load/store: addr + offset, wrapping at the address width. */
static uint64_t guest_addr(struct interp *in, uintptr_t addr, uintptr_t off)
{
    uint64_t a = rd(in, addr) + (uint64_t)(int64_t)(intptr_t)off;
    return in->ir->temps[addr].type == IR_I32 ? (uint32_t)a : a;
}

static bool guest_op(struct interp *in, const struct ir_op *op)
{
    switch (op->opc) {
    case IR_qemu_ld_i32: case IR_qemu_ld_i64: {
        unsigned memop = (unsigned)op->args[2];
        uint8_t *p = guest_ptr(in, guest_addr(in, op->args[1], op->args[3]), memop);
        if (p)
            wr(in, op->args[0], gload(p, memop));
        return true;
    }
    case IR_qemu_st_i32: case IR_qemu_st_i64: {
        unsigned memop = (unsigned)op->args[2];
        uint64_t v = rd(in, op->args[0]);
        uint8_t *p = guest_ptr(in, guest_addr(in, op->args[1], op->args[3]), memop);
        if (p)
            gstore(p, memop, v);
        return true;
    }
    case IR_cmpxchg_i32: case IR_cmpxchg_i64: {
        unsigned memop = (unsigned)op->args[4];
        unsigned bits = 8u << (memop & MO_SIZE);
        uint64_t cmp = rd(in, op->args[2]), nv = rd(in, op->args[3]);
        uint8_t *p = guest_ptr(in, rd(in, op->args[1]), memop);
        if (!p)
            return true;
        uint64_t old = gload(p, memop);
        /* the comparison is on the accessed width */
        if ((old & mask_of(bits)) == (cmp & mask_of(bits)))
            gstore(p, memop, nv);
        wr(in, op->args[0], old);
        return true;
    }
    default:
        return false;
    }
}

typedef uint64_t (*helper6)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

static void call(struct interp *in, const struct ir_op *op)
{
    unsigned nout = op->nb_oargs, nin = op->nb_iargs;
    uint64_t a[IR_MAX_CALL_ARGS] = { 0 };
    for (unsigned i = 0; i < nin; i++)
        a[i] = rd(in, op->args[nout + i]);
    if (in->failed)
        return;
    /* Helpers are declared with their own integer prototypes; under the SysV ABI every
     * integer argument travels in a 64-bit register, so calling through one six-argument
     * type passes the same bits the generated code does. A 32-bit result's upper half is
     * unspecified and is dropped by wr(). */
    helper6 fn = (helper6)op->args[nout + nin];
    uint64_t r = fn(a[0], a[1], a[2], a[3], a[4], a[5]);
    if (nout)
        wr(in, op->args[0], r);
}

static uint32_t f32_bits(float f)
{
    uint32_t b;
    memcpy(&b, &f, 4);
    return b;
}

static uint64_t f64_bits(double d)
{
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

static bool exceptional(uint64_t r, bool dbl)
{
    unsigned mant = dbl ? 52 : 23, emax = dbl ? 0x7ff : 0xff;
    uint64_t mag = dbl ? r << 1 >> 1 : (r & 0x7fffffffu);
    unsigned e = (unsigned)(mag >> mant);
    return mag != 0 && (e == 0 || e == 1 || e == emax);
}

/* The float ops (ir-ops.h): the host's IEEE result, or the fallback's for an
 * exceptional one (NaN, infinity, exponent field 0 or 1 and not zero). */
static uint64_t host_fop(enum ir_fop f, bool dbl, uint64_t a, uint64_t b)
{
    if (dbl) {
        double x, y, r;
        memcpy(&x, &a, 8);
        memcpy(&y, &b, 8);
        r = f == IR_FADD ? x + y : f == IR_FSUB ? x - y : f == IR_FMUL ? x * y
          : f == IR_FDIV ? x / y : __builtin_sqrt(x);
        uint64_t bits;
        memcpy(&bits, &r, 8);
        return bits;
    }
    float x, y, r;
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, bits;
    memcpy(&x, &a32, 4);
    memcpy(&y, &b32, 4);
    r = f == IR_FADD ? x + y : f == IR_FSUB ? x - y : f == IR_FMUL ? x * y
      : f == IR_FDIV ? x / y : __builtin_sqrtf(x);
    memcpy(&bits, &r, 4);
    return bits;
}

static void fop(struct interp *in, const struct ir_op *op)
{
    bool dbl = op->opc >= IR_fadd_f64;
    enum ir_fop f = (enum ir_fop)(op->opc - (dbl ? IR_fadd_f64 : IR_fadd_f32));
    uint64_t a = rd(in, op->args[1]), b = op->nb_iargs > 1 ? rd(in, op->args[2]) : 0;
    if (in->failed)
        return;
    uint64_t r = host_fop(f, dbl, a, b);
    if (exceptional(r, dbl)) {
        helper6 fn = (helper6)op->args[op->nb_oargs + op->nb_iargs];
        r = fn((uintptr_t)in->e->env, a, b, 0, 0, 0);
    }
    wr(in, op->args[0], r);
}

/* The conversions: as ir-ops.h defines them, with C's conversions as the host's. */
static void fconv(struct interp *in, const struct ir_op *op)
{
    uint64_t a = rd(in, op->args[1]), r;
    helper6 fn = (helper6)op->args[2];
    uint32_t a32 = (uint32_t)a;
    float fa;
    double da;
    memcpy(&fa, &a32, 4);
    memcpy(&da, &a, 8);
    switch (op->opc) {
    case IR_fext_f64:
        r = f64_bits((double)fa);
        if (exceptional(r, true))
            r = fn((uintptr_t)in->e->env, a, 0, 0, 0, 0);
        break;
    case IR_fnarrow_f32:
        r = f32_bits((float)da);
        if (exceptional(r, false))
            r = fn((uintptr_t)in->e->env, a, 0, 0, 0, 0);
        break;
    case IR_ftoi32_f32: case IR_ftoi32_f64: {
        double v = op->opc == IR_ftoi32_f32 ? (double)fa : da;
        if (v != v || v <= -2147483649.0 || v >= 2147483648.0 || (int32_t)v == INT32_MIN)
            r = fn((uintptr_t)in->e->env, a, 0, 0, 0, 0);
        else
            r = (uint32_t)(int32_t)v;
        break;
    }
    case IR_itof_f32:
        r = f32_bits(op->args[2] ? (float)(int32_t)a32 : (float)a32);
        break;
    default:
        r = f64_bits(op->args[2] ? (double)(int32_t)a32 : (double)a32);
        break;
    }
    wr(in, op->args[0], r);
}

static void fcmp(struct interp *in, const struct ir_op *op)
{
    uint64_t a = rd(in, op->args[1]), b = rd(in, op->args[2]);
    double x, y;
    if (op->opc == IR_fcmp_f64) {
        memcpy(&x, &a, 8);
        memcpy(&y, &b, 8);
    } else {
        float fx, fy;
        uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
        memcpy(&fx, &a32, 4);
        memcpy(&fy, &b32, 4);
        x = fx;
        y = fy;
    }
    wr(in, op->args[0], x != x || y != y ? IR_FCMP_UN : x < y ? IR_FCMP_LT
                        : x > y ? IR_FCMP_GT : IR_FCMP_EQ);
}

static void exec_op(struct interp *in, const struct ir_op *op, uint32_t *next, bool *stop)
{
    const struct ir *ir = in->ir;
    enum ir_opc o = op->opc;
    uint64_t r = 0;
    switch (o) {
    case IR_nop: case IR_insn_start: case IR_mb: case IR_goto_tb:
        /* goto_tb: generated code falls through to the unchained exit path */
        return;
    case IR_discard:
        in->def[op->args[0]] = false;
        return;
    case IR_set_label:
        for (uint32_t t = ir->nb_globals; t < ir->nb_temps; t++)
            if (ir->temps[t].kind == IRK_EBB)
                in->def[t] = false;
        return;
    case IR_br:
        *next = ir->labels[op->args[0]].op_index;
        return;
    case IR_brcond_i32: case IR_brcond_i64: {
        bool ok;
        bool h = cond((enum ir_cond)op->args[2], rd(in, op->args[0]), rd(in, op->args[1]),
                      o == IR_brcond_i64 ? 64 : 32, &ok);
        if (!ok)
            fail(in, "bad condition %u", (unsigned)op->args[2]);
        if (h)
            *next = ir->labels[op->args[3]].op_index;
        return;
    }
    case IR_setcond_i32: case IR_setcond_i64: {
        bool ok;
        bool h = cond((enum ir_cond)op->args[3], rd(in, op->args[1]), rd(in, op->args[2]),
                      o == IR_setcond_i64 ? 64 : 32, &ok);
        if (!ok)
            fail(in, "bad condition %u", (unsigned)op->args[3]);
        wr(in, op->args[0], h);
        return;
    }
    case IR_movcond_i32: case IR_movcond_i64: {
        bool ok;
        uint64_t v1 = rd(in, op->args[3]), v2 = rd(in, op->args[4]);
        bool h = cond((enum ir_cond)op->args[5], rd(in, op->args[1]), rd(in, op->args[2]),
                      o == IR_movcond_i64 ? 64 : 32, &ok);
        if (!ok)
            fail(in, "bad condition %u", (unsigned)op->args[5]);
        wr(in, op->args[0], h ? v1 : v2);
        return;
    }
    case IR_extract_i32: case IR_extract_i64: case IR_sextract_i32: case IR_sextract_i64: {
        unsigned bits = (o == IR_extract_i64 || o == IR_sextract_i64) ? 64 : 32;
        unsigned pos = (unsigned)op->args[2], len = (unsigned)op->args[3];
        if (len == 0 || pos + len > bits) {
            fail(in, "%s pos %u len %u", ir_opdefs[o].name, pos, len);
            return;
        }
        uint64_t f = rd(in, op->args[1]) >> pos & mask_of(len);
        wr(in, op->args[0], (o == IR_sextract_i32 || o == IR_sextract_i64)
                                ? (uint64_t)sx(f, len) : f);
        return;
    }
    case IR_deposit_i32: case IR_deposit_i64: {
        unsigned bits = o == IR_deposit_i64 ? 64 : 32;
        unsigned pos = (unsigned)op->args[3], len = (unsigned)op->args[4];
        if (len == 0 || pos + len > bits) {
            fail(in, "%s pos %u len %u", ir_opdefs[o].name, pos, len);
            return;
        }
        uint64_t field = mask_of(len) << pos;
        uint64_t a = rd(in, op->args[1]), b = rd(in, op->args[2]);
        wr(in, op->args[0], (a & ~field) | (b << pos & field));
        return;
    }
    case IR_mulu2_i32: case IR_muls2_i32: {
        uint64_t a = rd(in, op->args[2]), b = rd(in, op->args[3]);
        uint64_t p = o == IR_mulu2_i32 ? a * b : (uint64_t)(sx(a, 32) * sx(b, 32));
        wr(in, op->args[0], p);
        wr(in, op->args[1], p >> 32);
        return;
    }
    case IR_mulu2_i64: case IR_muls2_i64: {
        uint64_t a = rd(in, op->args[2]), b = rd(in, op->args[3]);
        unsigned __int128 p = (unsigned __int128)a * b;
        if (o == IR_muls2_i64) {
            /* signed high half = unsigned high half minus the other operand per sign */
            uint64_t hi = (uint64_t)(p >> 64);
            if (a >> 63)
                hi -= b;
            if (b >> 63)
                hi -= a;
            p = (p & ~0ull) | (unsigned __int128)hi << 64;
        }
        wr(in, op->args[0], (uint64_t)p);
        wr(in, op->args[1], (uint64_t)(p >> 64));
        return;
    }
    case IR_concat_i32_i64:
        wr(in, op->args[0], (rd(in, op->args[1]) & 0xffffffffu) | rd(in, op->args[2]) << 32);
        return;
    case IR_call:
        call(in, op);
        return;
    case IR_fadd_f32: case IR_fsub_f32: case IR_fmul_f32: case IR_fdiv_f32:
    case IR_fsqrt_f32: case IR_fadd_f64: case IR_fsub_f64: case IR_fmul_f64:
    case IR_fdiv_f64: case IR_fsqrt_f64:
        fop(in, op);
        return;
    case IR_fcmp_f32: case IR_fcmp_f64:
        fcmp(in, op);
        return;
    case IR_fext_f64: case IR_fnarrow_f32: case IR_ftoi32_f32: case IR_ftoi32_f64:
    case IR_itof_f32: case IR_itof_f64:
        fconv(in, op);
        return;
    case IR_exit_tb:
        in->res->status = INTERP_EXIT;
        in->res->exit_val = op->args[0];
        in->res->op_index = in->pc;
        *stop = true;
        return;
    case IR_goto_ptr:
        (void)rd(in, op->args[0]);
        (void)rd(in, op->args[1]);
        in->res->status = INTERP_GOTO_PTR;
        in->res->op_index = in->pc;
        *stop = true;
        return;
    case IR_chk_exit: {
        struct cpu_common *c = in->e->env;
        if (atomic_load(&c->exit_request)) {
            c->pc = in->e->tb_pc;
            in->res->status = INTERP_EXIT;
            in->res->exit_val = TB_EXIT_REQUESTED;
            in->res->op_index = in->pc;
            *stop = true;
        }
        return;
    }
    default:
        break;
    }
    if (op->nb_oargs == 1 && op->nb_iargs == 2 && ir_opdefs[o].nb_cargs == 0) {
        unsigned bits = is64(in, op->args[1]) ? 64 : 32;
        uint64_t a = rd(in, op->args[1]), b = rd(in, op->args[2]);
        if (alu2(in, o, a, b, bits, &r)) {
            if (!in->failed)
                wr(in, op->args[0], r);
            return;
        }
    }
    if (op->nb_oargs == 1 && op->nb_iargs == 1 && ir_opdefs[o].nb_cargs == 0 &&
        alu1(o, rd(in, op->args[1]), &r)) {
        wr(in, op->args[0], r);
        return;
    }
    if (host_ldst(in, op) || guest_op(in, op))
        return;
    fail(in, "op %s not implemented by the interpreter", ir_opdefs[o].name);
}

enum interp_status ir_interp(const struct ir *ir, const struct interp_env *e,
                             struct interp_result *res)
{
    struct interp in = { .ir = ir, .e = e, .res = res };
    memset(res, 0, sizeof *res);
    in.val = calloc(ir->nb_temps + 1, sizeof *in.val);
    in.def = calloc(ir->nb_temps + 1, sizeof *in.def);
    if (!in.val || !in.def)
        abort();
    uint64_t steps = 0, max = e->max_steps ? e->max_steps : DEFAULT_MAX_STEPS;
    bool stop = false;
    while (!stop && !in.failed) {
        if (in.pc >= ir->nb_ops) {
            fail(&in, "ran off the end of the op list");
            break;
        }
        if (++steps > max) {
            fail(&in, "step limit reached");
            break;
        }
        uint32_t next = in.pc + 1;
        exec_op(&in, &ir->ops[in.pc], &next, &stop);
        if (next != in.pc + 1 && next >= ir->nb_ops)
            fail(&in, "branch to a label that was never set");
        if (!stop)
            in.pc = next;
    }
    free(in.val);
    free(in.def);
    return res->status;
}
