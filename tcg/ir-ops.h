/* The IR opcode table, one line per opcode: DEF(name, outputs, inputs, constants, flags).
 * Inputs and outputs are temps; constants are raw words (condition, label, offset, memop,
 * helper address ...). This is the only X-macro in the JIT; everything else is plain C. */

/* bookkeeping */
DEF(nop,          0, 0, 0, 0)
DEF(discard,      1, 0, 0, 0)            /* the temp's value is dead from here */
DEF(insn_start,   0, 0, 2, 0)            /* guest pc, target extra word */
DEF(set_label,    0, 0, 1, OPF_BB_END)
DEF(br,           0, 0, 1, OPF_BB_END)
DEF(mb,           0, 0, 1, OPF_SIDE)

/* 32-bit integer ops */
DEF(mov_i32,      1, 1, 0, 0)
DEF(add_i32,      1, 2, 0, 0)
DEF(sub_i32,      1, 2, 0, 0)
DEF(mul_i32,      1, 2, 0, 0)
DEF(and_i32,      1, 2, 0, 0)
DEF(or_i32,       1, 2, 0, 0)
DEF(xor_i32,      1, 2, 0, 0)
DEF(andc_i32,     1, 2, 0, 0)            /* a & ~b */
DEF(shl_i32,      1, 2, 0, 0)            /* count must be < 32 */
DEF(shr_i32,      1, 2, 0, 0)
DEF(sar_i32,      1, 2, 0, 0)
DEF(rotl_i32,     1, 2, 0, 0)
DEF(rotr_i32,     1, 2, 0, 0)
DEF(neg_i32,      1, 1, 0, 0)
DEF(not_i32,      1, 1, 0, 0)
DEF(ext8s_i32,    1, 1, 0, 0)
DEF(ext8u_i32,    1, 1, 0, 0)
DEF(ext16s_i32,   1, 1, 0, 0)
DEF(ext16u_i32,   1, 1, 0, 0)
DEF(bswap16_i32,  1, 1, 0, 0)            /* low 16 bits swapped, result zero-extended */
DEF(bswap32_i32,  1, 1, 0, 0)
DEF(clz_i32,      1, 2, 0, 0)            /* b is the result when a == 0 */
DEF(ctz_i32,      1, 2, 0, 0)
DEF(ctpop_i32,    1, 1, 0, 0)
DEF(extract_i32,  1, 1, 2, 0)            /* pos, len: unsigned field */
DEF(sextract_i32, 1, 1, 2, 0)            /* pos, len: signed field */
DEF(deposit_i32,  1, 2, 2, 0)            /* a with b's low len bits put at pos */
DEF(setcond_i32,  1, 2, 1, 0)            /* cond: d = (a cond b) ? 1 : 0 */
DEF(movcond_i32,  1, 4, 1, 0)            /* cond: d = (c1 cond c2) ? v1 : v2 */
DEF(brcond_i32,   0, 2, 2, OPF_BB_END)   /* cond, label */
DEF(mulu2_i32,    2, 2, 0, 0)            /* lo, hi = a * b unsigned */
DEF(muls2_i32,    2, 2, 0, 0)            /* lo, hi = a * b signed */
DEF(divs_i32,     1, 2, 0, 0)            /* undefined for b == 0 or INT_MIN / -1 */
DEF(divu_i32,     1, 2, 0, 0)            /* undefined for b == 0 */
DEF(rems_i32,     1, 2, 0, 0)
DEF(remu_i32,     1, 2, 0, 0)
DEF(ld8u_i32,     1, 1, 1, 0)            /* host memory: d = *(base + offset) */
DEF(ld8s_i32,     1, 1, 1, 0)
DEF(ld16u_i32,    1, 1, 1, 0)
DEF(ld16s_i32,    1, 1, 1, 0)
DEF(ld_i32,       1, 1, 1, 0)
DEF(st8_i32,      0, 2, 1, OPF_SIDE)     /* value, base, offset */
DEF(st16_i32,     0, 2, 1, OPF_SIDE)
DEF(st_i32,       0, 2, 1, OPF_SIDE)

/* 64-bit integer ops */
DEF(mov_i64,      1, 1, 0, 0)
DEF(add_i64,      1, 2, 0, 0)
DEF(sub_i64,      1, 2, 0, 0)
DEF(mul_i64,      1, 2, 0, 0)
DEF(and_i64,      1, 2, 0, 0)
DEF(or_i64,       1, 2, 0, 0)
DEF(xor_i64,      1, 2, 0, 0)
DEF(andc_i64,     1, 2, 0, 0)
DEF(shl_i64,      1, 2, 0, 0)            /* count must be < 64 */
DEF(shr_i64,      1, 2, 0, 0)
DEF(sar_i64,      1, 2, 0, 0)
DEF(rotl_i64,     1, 2, 0, 0)
DEF(rotr_i64,     1, 2, 0, 0)
DEF(neg_i64,      1, 1, 0, 0)
DEF(not_i64,      1, 1, 0, 0)
DEF(ext8s_i64,    1, 1, 0, 0)
DEF(ext8u_i64,    1, 1, 0, 0)
DEF(ext16s_i64,   1, 1, 0, 0)
DEF(ext16u_i64,   1, 1, 0, 0)
DEF(ext32s_i64,   1, 1, 0, 0)
DEF(ext32u_i64,   1, 1, 0, 0)
DEF(bswap16_i64,  1, 1, 0, 0)
DEF(bswap32_i64,  1, 1, 0, 0)            /* low 32 bits swapped, result zero-extended */
DEF(bswap64_i64,  1, 1, 0, 0)
DEF(clz_i64,      1, 2, 0, 0)
DEF(ctz_i64,      1, 2, 0, 0)
DEF(ctpop_i64,    1, 1, 0, 0)
DEF(extract_i64,  1, 1, 2, 0)
DEF(sextract_i64, 1, 1, 2, 0)
DEF(deposit_i64,  1, 2, 2, 0)
DEF(setcond_i64,  1, 2, 1, 0)
DEF(movcond_i64,  1, 4, 1, 0)
DEF(brcond_i64,   0, 2, 2, OPF_BB_END)
DEF(mulu2_i64,    2, 2, 0, 0)
DEF(muls2_i64,    2, 2, 0, 0)
DEF(divs_i64,     1, 2, 0, 0)
DEF(divu_i64,     1, 2, 0, 0)
DEF(rems_i64,     1, 2, 0, 0)
DEF(remu_i64,     1, 2, 0, 0)
DEF(ld8u_i64,     1, 1, 1, 0)
DEF(ld8s_i64,     1, 1, 1, 0)
DEF(ld16u_i64,    1, 1, 1, 0)
DEF(ld16s_i64,    1, 1, 1, 0)
DEF(ld32u_i64,    1, 1, 1, 0)
DEF(ld32s_i64,    1, 1, 1, 0)
DEF(ld_i64,       1, 1, 1, 0)
DEF(st8_i64,      0, 2, 1, OPF_SIDE)
DEF(st16_i64,     0, 2, 1, OPF_SIDE)
DEF(st32_i64,     0, 2, 1, OPF_SIDE)
DEF(st_i64,       0, 2, 1, OPF_SIDE)

/* width changes */
DEF(ext_i32_i64,  1, 1, 0, 0)            /* sign-extend */
DEF(extu_i32_i64, 1, 1, 0, 0)            /* zero-extend */
DEF(extrl_i64_i32, 1, 1, 0, 0)           /* low half */
DEF(extrh_i64_i32, 1, 1, 0, 0)           /* high half */
DEF(concat_i32_i64, 1, 2, 0, 0)          /* d = lo | (u64)hi << 32 */

/* IEEE floating point on bit patterns held in integer temps (i32: binary32, i64:
 * binary64), rounded to nearest-even with no flush-to-zero. The constant is a fallback
 * helper, fn(env, a[, b]) -> result, which replaces the host's result whenever that is
 * exceptional: NaN, infinite, zero-exponent but non-zero (subnormal), or in the smallest
 * normal binade. The host's IEEE exception flags accumulate in the thread's sticky FP
 * status (see ir.h, IR_FPX_*): the reason these ops are never removed. */
DEF(fadd_f32,     1, 2, 1, OPF_SIDE)
DEF(fsub_f32,     1, 2, 1, OPF_SIDE)
DEF(fmul_f32,     1, 2, 1, OPF_SIDE)
DEF(fdiv_f32,     1, 2, 1, OPF_SIDE)
DEF(fsqrt_f32,    1, 1, 1, OPF_SIDE)
DEF(fadd_f64,     1, 2, 1, OPF_SIDE)
DEF(fsub_f64,     1, 2, 1, OPF_SIDE)
DEF(fmul_f64,     1, 2, 1, OPF_SIDE)
DEF(fdiv_f64,     1, 2, 1, OPF_SIDE)
DEF(fsqrt_f64,    1, 1, 1, OPF_SIDE)
/* Conversions in the same setting. fext_f64: binary32 a widened (exact); fnarrow_f32:
 * binary64 a rounded to binary32; both with the fallback, fn(env, a), for exceptional
 * results as above. ftoi32: a truncated toward zero to a signed 32-bit integer, the
 * fallback's answer when a is NaN or out of range. itof: the 32-bit integer a (constant:
 * 1 signed, 0 unsigned) rounded to the format, never exceptional. */
DEF(fext_f64,     1, 1, 1, OPF_SIDE)
DEF(fnarrow_f32,  1, 1, 1, OPF_SIDE)
DEF(ftoi32_f32,   1, 1, 1, OPF_SIDE)
DEF(ftoi32_f64,   1, 1, 1, OPF_SIDE)
DEF(itof_f32,     1, 1, 1, OPF_SIDE)
DEF(itof_f64,     1, 1, 1, OPF_SIDE)
/* d (i32) = 0 if a == b, 1 if a < b, 2 if a > b, 3 if unordered; the constant is 1 to
 * raise invalid for quiet NaN operands too (signalling NaNs always raise it). Exact in
 * every case: no fallback. */
DEF(fcmp_f32,     1, 2, 1, OPF_SIDE)
DEF(fcmp_f64,     1, 2, 1, OPF_SIDE)

/* guest memory at guest_base + (addr + offset), the sum wrapping at the guest address
 * width; addr is an i32 temp for 32-bit guests, else i64. The offset is 0 from the
 * builder; the optimizer folds constant additions into it. These may fault: the fault
 * is precise (see tb.h, fault points). */
DEF(qemu_ld_i32,  1, 1, 2, OPF_SIDE | OPF_FAULT)   /* memop, offset */
DEF(qemu_st_i32,  0, 2, 2, OPF_SIDE | OPF_FAULT)   /* value, addr, memop, offset */
DEF(qemu_ld_i64,  1, 1, 2, OPF_SIDE | OPF_FAULT)
DEF(qemu_st_i64,  0, 2, 2, OPF_SIDE | OPF_FAULT)
/* old = *addr; if (old == cmp) *addr = new; all atomically. memop gives size/sign/endian. */
DEF(cmpxchg_i32,  1, 3, 1, OPF_SIDE | OPF_FAULT)   /* old = (addr, cmp, new), memop */
DEF(cmpxchg_i64,  1, 3, 1, OPF_SIDE | OPF_FAULT)

/* helper calls: constants are the function, the call flags and the argument count;
 * outputs 0 or 1, inputs up to IR_MAX_CALL_ARGS (counts live in the op) */
DEF(call,         0, 0, 3, OPF_SIDE | OPF_CALL | OPF_FAULT)

/* leaving the block */
DEF(goto_tb,      0, 0, 1, OPF_BB_END | OPF_SIDE)  /* slot 0 or 1: patched direct jump */
DEF(exit_tb,      0, 0, 1, OPF_BB_END | OPF_SIDE)  /* return value to the main loop */
DEF(goto_ptr,     0, 2, 0, OPF_BB_END | OPF_SIDE)  /* pc, flags: inline jump-cache lookup */
DEF(chk_exit,     0, 0, 0, OPF_SIDE)               /* TB entry: leave if exit_request set */
