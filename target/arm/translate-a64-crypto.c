/* A64 crypto extension instructions (AES, SHA1, SHA256; ARM ARM "Cryptographic AES",
 * "three-register SHA", "two-register SHA") and CRC32/CRC32C from the data-processing
 * (2 source) space. Each is one helper call (helper-a64-crypto.h). */
#include "target/arm/translate-a64-simd.h"

#include "target/arm/helper-a64-crypto.h"

static inline uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return a64_field(insn, pos, len);
}

static void gen_crypto(struct a64_dc *s, uint32_t insn, unsigned op)
{
    uint32_t desc = a64_crypto_desc(op, field(insn, 0, 5), field(insn, 5, 5), field(insn, 16, 5));
    uint16_t args[2] = { s->ir->env.t, ir_const_i32(s->ir, desc).t };
    ir_call(s->ir, (void *)helper_a64_crypto, A64_FP_CALL, IR_NO_RET, 2, args);
}

/* CRC32{B,H,W,X} and CRC32C{...}: sf 0 0 11010110 Rm 010 C sz Rn Rd. */
static bool gen_crc(struct a64_dc *s, uint32_t insn)
{
    unsigned sz = field(insn, 10, 2);
    bool sf = field(insn, 31, 1);
    if (sf != (sz == 3))
        return false;
    uint32_t desc = (1u << sz) | field(insn, 12, 1) << 8;
    ir_i64 r = a64_tmp(s);
    uint16_t args[3] = { a64_xreg(s, (int)field(insn, 5, 5)).t,
                         a64_xreg(s, (int)field(insn, 16, 5)).t, ir_const_i32(s->ir, desc).t };
    ir_call(s->ir, (void *)helper_a64_crc32, CALL_PURE, r.t, 3, args);
    a64_set_reg(s, (int)field(insn, 0, 5), r, false);
    return true;
}

bool a64_tr_crypto(struct a64_dc *s, uint32_t insn)
{
    unsigned opcode;

    if ((insn & 0x7fe0e000) == 0x1ac04000)
        return gen_crc(s, insn);
    if ((insn & 0xfffe0c00) == 0x4e280800) {        /* AES */
        opcode = field(insn, 12, 5);
        if (opcode < 4 || opcode > 7)
            return false;
        gen_crypto(s, insn, AC_AESE + opcode - 4);
        return true;
    }
    if ((insn & 0xffe08c00) == 0x5e000000) {        /* SHA, three registers */
        opcode = field(insn, 12, 3);
        if (opcode > 6)
            return false;
        gen_crypto(s, insn, AC_SHA1C + opcode);
        return true;
    }
    if ((insn & 0xfffe0c00) == 0x5e280800) {        /* SHA, two registers */
        opcode = field(insn, 12, 5);
        if (opcode > 2)
            return false;
        gen_crypto(s, insn, AC_SHA1H + opcode);
        return true;
    }
    return false;
}
