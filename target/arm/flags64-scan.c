/* Which NZCV flags the code at a TB's successor may read before it writes them (see
 * flags64-scan.h). A short forward scan over A64 instructions that knows only their
 * effect on NZCV: flag-setting data processing and FCMP write all four, conditional
 * instructions read the flags their condition needs, ADC/SBC read C, MRS NZCV reads all;
 * anything that leaves straight-line code (branches, SVC, BRK, undefined encodings)
 * ends the scan with every flag not yet written counted as read. */
#include "target/arm/flags64-scan.h"

#include <string.h>

#include "tcg/page.h"

enum { SCAN_MAX = 24 };

/* The flags condition cc reads (A64 cond field). */
static unsigned cond_reads(unsigned cc)
{
    static const uint8_t reads[8] = {
        A64_FLAG_Z, A64_FLAG_C, A64_FLAG_N, A64_FLAG_V,
        A64_FLAG_C | A64_FLAG_Z, A64_FLAG_N | A64_FLAG_V,
        A64_FLAG_N | A64_FLAG_Z | A64_FLAG_V, 0,
    };
    return reads[(cc >> 1) & 7];
}

enum effect { E_NONE, E_WRITE, E_READ, E_READ_WRITE, E_STOP };

struct fx {
    enum effect e;
    unsigned reads;     /* E_READ, E_READ_WRITE: the flags read */
};

/* Data processing (register), bits 28:25 = x101. */
static struct fx dp_reg(uint32_t insn)
{
    bool s = (insn >> 29) & 1;
    unsigned op1 = (insn >> 28) & 1, op2 = (insn >> 21) & 0xf;
    if (!op1 && (op2 & 8))                      /* add/subtract, shifted or extended */
        return (struct fx){ s ? E_WRITE : E_NONE, 0 };
    if (!op1)                                   /* logical: ANDS and BICS set flags */
        return (struct fx){ ((insn >> 29) & 3) == 3 ? E_WRITE : E_NONE, 0 };
    if (op2 == 0)                               /* ADC, SBC, ADCS, SBCS */
        return (struct fx){ s ? E_READ_WRITE : E_READ, A64_FLAG_C };
    if (op2 == 2)                               /* CCMP, CCMN */
        return (struct fx){ E_READ_WRITE, cond_reads(insn >> 12) };
    if (op2 == 4)                               /* CSEL ... */
        return (struct fx){ E_READ, cond_reads(insn >> 12) };
    return (struct fx){ E_NONE, 0 };            /* 1-, 2-, 3-source */
}

/* Scalar floating point, bits 30 = 0, 28:24 = 11110: FCMP/FCMPE write, FCCMP reads and
 * writes, FCSEL reads. */
static struct fx scalar_fp(uint32_t insn)
{
    if (!((insn >> 21) & 1))
        return (struct fx){ E_NONE, 0 };       /* conversions to/from fixed point */
    unsigned bits11_10 = (insn >> 10) & 3;
    if (bits11_10 == 1)                         /* FCCMP, FCCMPE */
        return (struct fx){ E_READ_WRITE, cond_reads(insn >> 12) };
    if (bits11_10 == 3)                         /* FCSEL */
        return (struct fx){ E_READ, cond_reads(insn >> 12) };
    if (bits11_10 == 0 && ((insn >> 10) & 0xf) == 8)   /* FCMP, FCMPE: bits 13:10 = 1000 */
        return (struct fx){ E_WRITE, 0 };
    return (struct fx){ E_NONE, 0 };
}

/* Branches, exception generation and system instructions, bits 28:26 = 101. */
static struct fx branch_sys(uint32_t insn)
{
    if ((insn & 0xffc00000u) == 0xd5000000u) {  /* system */
        if ((insn & 0xffffffe0u) == 0xd51b4200u)
            return (struct fx){ E_WRITE, 0 };   /* MSR NZCV, Xt */
        if ((insn & 0xffffffe0u) == 0xd53b4200u)
            return (struct fx){ E_READ, A64_FLAG_ALL };   /* MRS Xt, NZCV */
        if ((insn & 0xfff8f01fu) == 0xd500401fu)
            return (struct fx){ E_STOP, 0 };    /* MSR to PSTATE fields: undefined here */
        return (struct fx){ E_NONE, 0 };
    }
    return (struct fx){ E_STOP, 0 };            /* branches, SVC, BRK ... */
}

static struct fx effect_of(uint32_t insn)
{
    switch ((insn >> 25) & 0xf) {
    case 0x8: case 0x9: {                       /* data processing, immediate */
        unsigned op0 = (insn >> 23) & 7;
        bool s = (insn >> 29) & 1;
        if (op0 == 2)
            return (struct fx){ s ? E_WRITE : E_NONE, 0 };
        if (op0 == 4)
            return (struct fx){ ((insn >> 29) & 3) == 3 ? E_WRITE : E_NONE, 0 };
        return (struct fx){ op0 == 3 ? E_STOP : E_NONE, 0 };
    }
    case 0xa: case 0xb:
        return branch_sys(insn);
    case 0x4: case 0x6: case 0xc: case 0xe:
        return (struct fx){ E_NONE, 0 };       /* loads and stores */
    case 0x5: case 0xd:
        return dp_reg(insn);
    case 0x7: case 0xf:
        if ((insn & 0x5f000000u) == 0x1e000000u)
            return scalar_fp(insn);
        return (struct fx){ E_NONE, 0 };       /* AdvSIMD, crypto */
    default:
        return (struct fx){ E_STOP, 0 };        /* UDF, SVE, unallocated */
    }
}

static bool on_tb_pages(const struct tr_ctx *ctx, uint64_t pc)
{
    uint64_t page = pc & guest_page_mask();
    return page == ctx->page_first || page == ctx->page_last;
}

unsigned a64_flags_read_first(const struct tr_ctx *ctx, uint64_t dest)
{
    unsigned live = 0, written = 0;
    for (unsigned i = 0; i < SCAN_MAX; i++, dest += 4) {
        if ((dest & 3) || !on_tb_pages(ctx, dest) || !(page_get_flags(dest) & PAGE_EXEC))
            break;
        uint32_t insn;
        memcpy(&insn, g2h(dest), 4);
        struct fx f = effect_of(insn);
        if (f.e == E_STOP)
            break;
        if (f.e == E_READ || f.e == E_READ_WRITE)
            live |= f.reads & ~written;
        if (f.e == E_WRITE || f.e == E_READ_WRITE)
            written = A64_FLAG_ALL;
        if (written == A64_FLAG_ALL)
            return live;
    }
    return live | (A64_FLAG_ALL & ~written);
}
