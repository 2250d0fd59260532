/* A small decoder that classifies instructions only by their effect on NZCV. */
#include "target/arm/flags-scan.h"

#include <string.h>

#include "tcg/page.h"
#include "tcg/translate.h"

#define MAX_SCAN 24

/* What one instruction does with the flags. */
struct effect {
    unsigned reads;          /* flags it reads */
    unsigned writes;         /* flags it surely writes (unconditionally) */
    bool stop;               /* control may leave the straight line: stop scanning */
};

unsigned arm_cond_reads(unsigned cc)
{
    static const unsigned by_pair[8] = {
        ARM_FLAG_Z, ARM_FLAG_C, ARM_FLAG_N, ARM_FLAG_V,
        ARM_FLAG_C | ARM_FLAG_Z, ARM_FLAG_N | ARM_FLAG_V,
        ARM_FLAG_Z | ARM_FLAG_N | ARM_FLAG_V, 0,
    };
    return by_pair[(cc >> 1) & 7];
}

static const struct effect UNKNOWN = { ARM_FLAGS_ALL, 0, true };
static const struct effect NONE = { 0, 0, false };

/* Flags written by a data-processing op with S set: logical ops write N and Z (their C
 * depends on the shifter, so it is not counted), arithmetic ones all four. */
static unsigned dp_writes(bool logical) { return logical ? ARM_FLAG_N | ARM_FLAG_Z : ARM_FLAGS_ALL; }

/* --- A32 --- */

static struct effect a32_dp(uint32_t insn)
{
    unsigned op = (insn >> 21) & 15, rd = (insn >> 12) & 15;
    bool s = (insn >> 20) & 1, imm = (insn >> 25) & 1;
    struct effect e = NONE;
    static const bool logical[16] = {
        [0] = 1, [1] = 1, [8] = 1, [9] = 1, [12] = 1, [13] = 1, [14] = 1, [15] = 1,
    };
    if (op == 5 || op == 6 || op == 7)                 /* ADC, SBC, RSC */
        e.reads |= ARM_FLAG_C;
    if (!imm && !((insn >> 4) & 1) && ((insn >> 5) & 3) == 3 && !((insn >> 7) & 31))
        e.reads |= ARM_FLAG_C;                         /* RRX */
    if (s)
        e.writes = dp_writes(logical[op]);
    if (rd == 15 && !(op >= 8 && op <= 11))
        e.stop = true;                                 /* a write to pc */
    return e;
}

static struct effect a32(uint32_t insn)
{
    unsigned cond = insn >> 28, op1 = (insn >> 25) & 7;
    if (cond == 15) {
        /* NEON and the hint space leave the flags alone; the rest may branch */
        if ((insn & 0xfe000000u) == 0xf2000000u || (insn & 0xff100000u) == 0xf4000000u)
            return NONE;
        return UNKNOWN;
    }
    struct effect e;
    switch (op1) {
    case 0:
        if ((insn & 0x90) == 0x90) {                   /* multiplies, extra loads/stores */
            e = NONE;
            if ((insn & 0x0f0000f0u) == 0x00000090u && ((insn >> 20) & 1))
                e.writes = ARM_FLAG_N | ARM_FLAG_Z;     /* MULS, MLAS, UMULLS, ... */
            break;
        }
        if ((insn & 0x01900000u) == 0x01000000u)       /* misc: MRS/MSR/BX/CLZ/... */
            return UNKNOWN;
        e = a32_dp(insn);
        break;
    case 1:
        if ((insn & 0x01b00000u) == 0x01000000u)       /* MOVW/MOVT */
            return NONE;
        if ((insn & 0x01900000u) == 0x01000000u)       /* MSR imm and hints */
            return UNKNOWN;
        e = a32_dp(insn);
        break;
    case 2:                                            /* LDR/STR immediate */
        e = NONE;
        e.stop = ((insn >> 20) & 1) && ((insn >> 12) & 15) == 15;
        break;
    case 3:
        if ((insn >> 4) & 1) {                         /* media: no NZCV effects */
            if ((insn & 0x01f000f0u) == 0x01f000f0u)
                return UNKNOWN;                        /* UDF */
            e = NONE;
            break;
        }
        e = NONE;                                      /* LDR/STR register */
        if (((insn >> 5) & 3) == 3 && !((insn >> 7) & 31))
            e.reads |= ARM_FLAG_C;                     /* RRX offset */
        e.stop = ((insn >> 20) & 1) && ((insn >> 12) & 15) == 15;
        break;
    case 4:                                            /* LDM/STM */
        e = NONE;
        e.stop = ((insn >> 20) & 1) && ((insn >> 15) & 1);
        break;
    case 6:
    case 7:
        /* VFP data processing and loads/stores do not touch APSR; VMRS APSR_nzcv and
         * everything else in the coprocessor space (and SVC) end the scan */
        if (op1 == 7 && ((insn >> 24) & 1))
            return UNKNOWN;                            /* SVC */
        if ((insn & 0x0e000e00u) == 0x0c000a00u ||     /* VFP load/store, 64-bit moves */
            ((insn & 0x0f000e10u) == 0x0e000a00u))     /* VFP data processing */
            e = NONE;
        else
            return UNKNOWN;
        break;
    default:                                           /* B, BL */
        return UNKNOWN;
    }
    if (cond != 14) {                                  /* conditional: reads, may not write */
        e.reads |= arm_cond_reads(cond);
        e.writes = 0;
    }
    return e;
}

/* --- T16 (outside IT blocks, where data processing sets flags) --- */

static struct effect t16(uint16_t insn)
{
    struct effect e = NONE;
    unsigned top5 = insn >> 11;
    if (top5 <= 2) {                                   /* LSL/LSR/ASR imm */
        e.writes = ARM_FLAG_N | ARM_FLAG_Z;
    } else if (top5 == 3) {                            /* ADD/SUB reg/imm3 */
        e.writes = ARM_FLAGS_ALL;
    } else if (top5 <= 7) {                            /* MOV/CMP/ADD/SUB imm8 */
        e.writes = top5 == 4 ? ARM_FLAG_N | ARM_FLAG_Z : ARM_FLAGS_ALL;
    } else if ((insn >> 10) == 0x10) {                 /* data processing register */
        unsigned op = (insn >> 6) & 15;
        if (op == 5 || op == 6)                        /* ADC, SBC */
            e.reads = ARM_FLAG_C;
        bool arith = op == 5 || op == 6 || op == 9 || op == 10 || op == 11;
        e.writes = arith ? ARM_FLAGS_ALL : ARM_FLAG_N | ARM_FLAG_Z;
    } else if ((insn >> 10) == 0x11) {                 /* special data, BX/BLX */
        unsigned op = (insn >> 8) & 3;
        unsigned rd = (insn & 7) | ((insn >> 4) & 8);
        if (op == 1)
            e.writes = ARM_FLAGS_ALL;                  /* CMP high */
        else if (op == 3 || rd == 15)
            return UNKNOWN;                            /* BX/BLX, or a write to pc */
    } else if (top5 >= 9 && top5 <= 0x13) {            /* loads/stores, LDR literal */
        /* no flag effects */
    } else if (top5 == 0x14 || top5 == 0x15) {         /* ADR, ADD SP */
        /* none */
    } else if (top5 == 0x16 || top5 == 0x17) {         /* misc */
        if ((insn & 0xfe00) == 0xbc00 && (insn & 0x100))
            return UNKNOWN;                            /* POP with pc */
        if ((insn & 0xff00) == 0xbf00 || (insn & 0xf500) == 0xb100 || (insn & 0xff00) == 0xbe00)
            return UNKNOWN;                            /* IT/hints, CBZ/CBNZ, BKPT */
        if ((insn & 0xffe0) == 0xb660)
            return UNKNOWN;                            /* CPS */
    } else if (top5 == 0x18 || top5 == 0x19) {         /* LDM/STM */
        /* none */
    } else if ((insn >> 12) == 0xd && ((insn >> 8) & 15) < 14) {
        e.reads = arm_cond_reads((insn >> 8) & 15);    /* B<c> */
        e.stop = true;
    } else {                                           /* SVC, UDF, B */
        return UNKNOWN;
    }
    return e;
}

/* --- T32 --- */

/* The T32 data-processing opcodes with an S form; returns false for the others. */
static bool t32_dp_writes(unsigned op, bool s, unsigned *writes)
{
    static const signed char kind[16] = {   /* 1 logical, 2 arithmetic, 0 other */
        1, 1, 1, 1, 1, 0, 0, 0, 2, 0, 2, 2, 0, 2, 2, 0,
    };
    if (!kind[op])
        return false;
    *writes = s ? dp_writes(kind[op] == 1) : 0;
    return true;
}

static struct effect t32(uint32_t insn)
{
    struct effect e = NONE;
    unsigned hw1 = insn >> 16;
    bool s = (hw1 >> 4) & 1;
    if ((hw1 & 0xfe00) == 0xea00) {                    /* data processing, shifted reg */
        unsigned op = (hw1 >> 5) & 15, rd = (insn >> 8) & 15;
        if (op == 10 || op == 11)
            e.reads = ARM_FLAG_C;                      /* ADC, SBC */
        if (((insn >> 4) & 3) == 3 && !((insn >> 12) & 7) && !((insn >> 6) & 3))
            e.reads |= ARM_FLAG_C;                     /* RRX */
        if (!t32_dp_writes(op, s, &e.writes) || (rd == 15 && !s))
            return UNKNOWN;
        return e;
    }
    if ((hw1 & 0xf800) == 0xf000 && !((insn >> 15) & 1)) {
        if (!((hw1 >> 9) & 1)) {                       /* data processing, modified imm */
            unsigned op = (hw1 >> 5) & 15;
            if (op == 10 || op == 11)
                e.reads = ARM_FLAG_C;
            if (!t32_dp_writes(op, s, &e.writes))
                return UNKNOWN;
        }
        return e;                                      /* plain binary immediate: none */
    }
    if ((hw1 & 0xfe00) == 0xf800) {                    /* loads/stores */
        if (((hw1 >> 4) & 1) && ((insn >> 12) & 15) == 15 && ((hw1 >> 5) & 3) == 2)
            return UNKNOWN;                            /* LDR to pc */
        return e;
    }
    if ((hw1 & 0xff80) == 0xfb00 || (hw1 & 0xff80) == 0xfb80)
        return e;                                      /* multiplies: no flags */
    if ((hw1 & 0xff00) == 0xfa00)
        return e;                                      /* parallel, extend, misc */
    if ((hw1 & 0xef00) == 0xef00 || (hw1 & 0xfe00) == 0xf800 || (hw1 & 0xff10) == 0xf900)
        return e;                                      /* NEON data and loads/stores */
    return UNKNOWN;                                    /* branches, system, the rest */
}

/* Reads guest code without recording pages: only from pages the TB already covers. */
static bool peek(const struct tr_ctx *ctx, uint32_t pc, unsigned len, void *out)
{
    uint64_t mask = guest_page_mask();
    uint64_t a = pc & mask, b = (pc + len - 1) & mask;
    bool ok_a = a == ctx->page_first || a == ctx->page_last;
    bool ok_b = b == ctx->page_first || b == ctx->page_last;
    if (!ok_a || !ok_b || !(page_get_flags(pc) & PAGE_EXEC))
        return false;
    memcpy(out, g2h(pc), len);
    return true;
}

unsigned arm_flags_read_first(const struct tr_ctx *ctx, uint32_t pc, bool thumb)
{
    unsigned read = 0, written = 0;
    for (int i = 0; i < MAX_SCAN && written != ARM_FLAGS_ALL; i++) {
        struct effect e;
        if (!thumb) {
            uint32_t insn;
            if (!peek(ctx, pc, 4, &insn))
                break;
            e = a32(insn);
            pc += 4;
        } else {
            uint16_t hw1, hw2;
            if (!peek(ctx, pc, 2, &hw1))
                break;
            if ((hw1 >> 11) >= 0x1d) {
                if (!peek(ctx, pc + 2, 2, &hw2))
                    break;
                e = t32((uint32_t)hw1 << 16 | hw2);
                pc += 4;
            } else {
                e = t16(hw1);
                pc += 2;
            }
        }
        read |= e.reads & ~written;
        written |= e.writes;
        if (e.stop)
            break;
    }
    return (read | ~written) & ARM_FLAGS_ALL;
}
