/* x86-64 encoder: exact bytes for each instruction form, cross-checked by decoding them
 * with capstone (one instruction, all bytes consumed, expected text), the overflow
 * rule, rel32 patching, and a few emitted functions actually run on this host.
 * Expected bytes were checked against the GNU assembler when this file was written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* capstone's x86.h declares its own `enum x86_reg`, which collides with emit.h's;
 * only the tag name is renamed here, the decoder API used below does not name it. */
#define x86_reg cs_x86_reg
#include <capstone/capstone.h>
#undef x86_reg
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "tcg/x86_64/emit.h"
#include "tcg/x86_64/hostcpu.h"

/* Capstone decodes the buffer as if it were loaded here, so branch targets print as
 * 0x1000 + offset. */
#define CODE_ADDR 0x1000

static uint8_t code[512];
static struct x86_buf buf;
static csh cs;
static int checks;

static struct x86_buf *fresh(void)
{
    memset(code, 0xcc, sizeof code);
    buf = (struct x86_buf){ code, code, code + sizeof code, false };
    return &buf;
}

static size_t parse_hex(const char *hex, uint8_t *out, size_t max)
{
    size_t n = 0;
    unsigned v;
    int used;
    while (sscanf(hex, " %2x%n", &v, &used) == 1) {
        assert_true(n < max);
        out[n++] = (uint8_t)v;
        hex += used;
    }
    return n;
}

static void hexdump(const uint8_t *p, size_t n, char *out)
{
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        sprintf(out + strlen(out), "%s%02x", i ? " " : "", p[i]);
}

/* Decodes one instruction at code + off; returns its length, writes its text. */
static size_t decode_one(size_t off, size_t len, char *text, size_t textlen)
{
    cs_insn *insn;
    size_t count = cs_disasm(cs, code + off, len, CODE_ADDR + off, 1, &insn);
    if (count != 1)
        return 0;
    if (insn[0].op_str[0])
        snprintf(text, textlen, "%s %s", insn[0].mnemonic, insn[0].op_str);
    else
        snprintf(text, textlen, "%s", insn[0].mnemonic);
    size_t size = insn[0].size;
    cs_free(insn, count);
    return size;
}

/* The buffer holds exactly `hex`, capstone decodes it as exactly one instruction
 * consuming every byte, and (when text is given) prints it as `text`. */
static void expect_at(int line, const char *hex, const char *text)
{
    uint8_t want[64];
    char got_s[200], want_s[200], dis[256];
    size_t n = parse_hex(hex, want, sizeof want);
    size_t got = (size_t)(buf.p - buf.start);

    checks++;
    assert_false(buf.overflow);
    if (got != n || memcmp(code, want, n) != 0) {
        hexdump(code, got, got_s);
        hexdump(want, n, want_s);
        fail_msg("line %d: emitted [%s], expected [%s] (%s)", line, got_s, want_s,
                 text ? text : "");
    }
    size_t size = decode_one(0, got, dis, sizeof dis);
    if (size != got) {
        fail_msg("line %d: capstone decoded %zu of %zu bytes as one instruction (%s)",
                 line, size, got, text ? text : "");
    }
    /* Nothing may be written past the instruction. */
    assert_int_equal(code[got], 0xcc);
    if (text && strcmp(dis, text) != 0)
        fail_msg("line %d: capstone says \"%s\", expected \"%s\"", line, dis, text);
}
#define EXPECT(hex, text) expect_at(__LINE__, hex, text)

/* For multi-instruction output: the instruction at byte offset off has this text and
 * length. */
static void expect_insn_at(int line, size_t off, size_t len, const char *text)
{
    char dis[256];
    checks++;
    size_t size = decode_one(off, (size_t)(buf.p - buf.start) - off, dis, sizeof dis);
    if (size != len || strcmp(dis, text) != 0)
        fail_msg("line %d: at +%zu capstone says \"%s\" (%zu bytes), expected \"%s\" (%zu)",
                 line, off, dis, size, text, len);
}
#define EXPECT_INSN(off, len, text) expect_insn_at(__LINE__, off, len, text)

static int setup(void **state)
{
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    cs_close(&cs);
    printf("[ emit   ] %d encodings checked\n", checks);
    return 0;
}

/* ------------------------------------------------------------------ moves */

static void mov_rr(void **state)
{
    x86_mov_rr(fresh(), 64, RAX, RSI);
    EXPECT("48 89 f0", "mov rax, rsi");
    x86_mov_rr(fresh(), 32, RAX, RSI);
    EXPECT("89 f0", "mov eax, esi");
    x86_mov_rr(fresh(), 64, R8, RAX);
    EXPECT("49 89 c0", "mov r8, rax");
    x86_mov_rr(fresh(), 64, RAX, R15);
    EXPECT("4c 89 f8", "mov rax, r15");
    x86_mov_rr(fresh(), 32, R12, R13);
    EXPECT("45 89 ec", "mov r12d, r13d");
    x86_mov_rr(fresh(), 64, RSP, RBP);
    EXPECT("48 89 ec", "mov rsp, rbp");
    /* A 32-bit self-move zero-extends: it must be emitted, not dropped. */
    x86_mov_rr(fresh(), 32, RAX, RAX);
    EXPECT("89 c0", "mov eax, eax");
}

static void mov_ri(void **state)
{
    x86_mov_ri(fresh(), 64, RAX, 0);
    EXPECT("b8 00 00 00 00", "mov eax, 0");
    x86_mov_ri(fresh(), 64, RCX, 0xffffffffu);
    EXPECT("b9 ff ff ff ff", "mov ecx, 0xffffffff");
    x86_mov_ri(fresh(), 64, R9, 0x80000000u);
    EXPECT("41 b9 00 00 00 80", "mov r9d, 0x80000000");
    x86_mov_ri(fresh(), 64, RDX, UINT64_MAX);
    EXPECT("48 c7 c2 ff ff ff ff", "mov rdx, -1");
    x86_mov_ri(fresh(), 64, R15, 0xffffffff80000000u);
    EXPECT("49 c7 c7 00 00 00 80", "mov r15, -0x80000000");
    x86_mov_ri(fresh(), 64, RAX, 0x100000000u);
    EXPECT("48 b8 00 00 00 00 01 00 00 00", "movabs rax, 0x100000000");
    x86_mov_ri(fresh(), 64, R11, 0x123456789abcdef0u);
    EXPECT("49 bb f0 de bc 9a 78 56 34 12", "movabs r11, 0x123456789abcdef0");
    x86_mov_ri(fresh(), 64, RSP, 0xffffffff7fffffffu);
    EXPECT("48 bc ff ff ff 7f ff ff ff ff", "movabs rsp, 0xffffffff7fffffff");
    x86_mov_ri(fresh(), 32, RSI, 0x12345678);
    EXPECT("be 78 56 34 12", "mov esi, 0x12345678");
    x86_mov_ri(fresh(), 32, R10, 0xffffffff12345678u);
    EXPECT("41 ba 78 56 34 12", "mov r10d, 0x12345678");
    x86_mov_ri(fresh(), 16, RAX, 0x1234);
    EXPECT("66 b8 34 12", "mov ax, 0x1234");
    x86_mov_ri(fresh(), 16, R8, 0xffff);
    EXPECT("66 41 b8 ff ff", "mov r8w, 0xffff");
    x86_mov_ri(fresh(), 8, RSI, 0x7f);
    EXPECT("40 b6 7f", "mov sil, 0x7f");
    x86_mov_ri(fresh(), 8, RBX, 1);
    EXPECT("b3 01", "mov bl, 1");
    x86_mov_ri(fresh(), 8, R12, 0x80);
    EXPECT("41 b4 80", "mov r12b, 0x80");
}

/* Addressing forms, exercised through a plain 64-bit load. */
static void modrm_sib(void **state)
{
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bd(RAX, 0));
    EXPECT("48 8b 00", "mov rax, qword ptr [rax]");
    x86_load(fresh(), 8, false, 64, RDX, x86_mem_bd(RCX, 8));
    EXPECT("48 8b 51 08", "mov rdx, qword ptr [rcx + 8]");
    x86_load(fresh(), 8, false, 64, RDX, x86_mem_bd(RCX, -8));
    EXPECT("48 8b 51 f8", "mov rdx, qword ptr [rcx - 8]");
    x86_load(fresh(), 8, false, 64, RDX, x86_mem_bd(RCX, 127));
    EXPECT("48 8b 51 7f", "mov rdx, qword ptr [rcx + 0x7f]");
    x86_load(fresh(), 8, false, 64, RDX, x86_mem_bd(RCX, 128));
    EXPECT("48 8b 91 80 00 00 00", "mov rdx, qword ptr [rcx + 0x80]");
    x86_load(fresh(), 8, false, 64, RDX, x86_mem_bd(RCX, -128));
    EXPECT("48 8b 51 80", "mov rdx, qword ptr [rcx - 0x80]");
    x86_load(fresh(), 8, false, 64, RDX, x86_mem_bd(RCX, -129));
    EXPECT("48 8b 91 7f ff ff ff", "mov rdx, qword ptr [rcx - 0x81]");
    x86_load(fresh(), 8, false, 64, RDX, x86_mem_bd(RCX, INT32_MIN));
    EXPECT("48 8b 91 00 00 00 80", "mov rdx, qword ptr [rcx - 0x80000000]");
    /* rsp and r12 as base need a SIB byte. */
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bd(RSP, 0));
    EXPECT("48 8b 04 24", "mov rax, qword ptr [rsp]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bd(RSP, 8));
    EXPECT("48 8b 44 24 08", "mov rax, qword ptr [rsp + 8]");
    x86_load(fresh(), 8, false, 64, R9, x86_mem_bd(R12, 0));
    EXPECT("4d 8b 0c 24", "mov r9, qword ptr [r12]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bd(R12, 0x1000));
    EXPECT("49 8b 84 24 00 10 00 00", "mov rax, qword ptr [r12 + 0x1000]");
    /* rbp and r13 as base need a displacement even when it is 0. */
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bd(RBP, 0));
    EXPECT("48 8b 45 00", "mov rax, qword ptr [rbp]");
    x86_load(fresh(), 8, false, 64, R14, x86_mem_bd(R13, 0));
    EXPECT("4d 8b 75 00", "mov r14, qword ptr [r13]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bd(RBP, -8));
    EXPECT("48 8b 45 f8", "mov rax, qword ptr [rbp - 8]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bd(R13, 0x12345678));
    EXPECT("49 8b 85 78 56 34 12", "mov rax, qword ptr [r13 + 0x12345678]");
    /* Base + index. */
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bid(RAX, RCX, 1, 0));
    EXPECT("48 8b 04 08", "mov rax, qword ptr [rax + rcx]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bid(RAX, RCX, 2, 8));
    EXPECT("48 8b 44 48 08", "mov rax, qword ptr [rax + rcx*2 + 8]");
    x86_load(fresh(), 8, false, 64, RDX, x86_mem_bid(RBX, RSI, 4, -0x100));
    EXPECT("48 8b 94 b3 00 ff ff ff", "mov rdx, qword ptr [rbx + rsi*4 - 0x100]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bid(RDI, R8, 8, 0));
    EXPECT("4a 8b 04 c7", "mov rax, qword ptr [rdi + r8*8]");
    x86_load(fresh(), 8, false, 64, R15, x86_mem_bid(R15, R15, 8, 0x10000));
    EXPECT("4f 8b bc ff 00 00 01 00", "mov r15, qword ptr [r15 + r15*8 + 0x10000]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bid(RSP, RAX, 8, 0));
    EXPECT("48 8b 04 c4", "mov rax, qword ptr [rsp + rax*8]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bid(R12, R12, 1, 0));
    EXPECT("4b 8b 04 24", "mov rax, qword ptr [r12 + r12]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bid(RBP, RAX, 4, 0));
    EXPECT("48 8b 44 85 00", "mov rax, qword ptr [rbp + rax*4]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bid(R13, R9, 2, 0));
    EXPECT("4b 8b 44 4d 00", "mov rax, qword ptr [r13 + r9*2]");
    x86_load(fresh(), 8, false, 64, R9, x86_mem_bid(R14, R10, 1, -1));
    EXPECT("4f 8b 4c 16 ff", "mov r9, qword ptr [r14 + r10 - 1]");
    /* No base: index*scale + disp32, and a plain absolute address. */
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bid(X86_NOREG, RAX, 4, 0x10));
    EXPECT("48 8b 04 85 10 00 00 00", "mov rax, qword ptr [rax*4 + 0x10]");
    x86_load(fresh(), 8, false, 64, RCX, x86_mem_bid(X86_NOREG, R10, 8, -8));
    EXPECT("4a 8b 0c d5 f8 ff ff ff", "mov rcx, qword ptr [r10*8 - 8]");
    x86_load(fresh(), 8, false, 64, RAX, x86_mem_bd(X86_NOREG, 0x1000));
    EXPECT("48 8b 04 25 00 10 00 00", "mov rax, qword ptr [0x1000]");
    /* RIP-relative: disp counts from the end of the instruction. */
    struct x86_mem rip = { X86_NOREG, X86_NOREG, 1, true, 0x10 };
    x86_load(fresh(), 8, false, 64, RAX, rip);
    EXPECT("48 8b 05 10 00 00 00", "mov rax, qword ptr [rip + 0x10]");
    rip.disp = -0x20;
    x86_load(fresh(), 8, false, 64, R8, rip);
    EXPECT("4c 8b 05 e0 ff ff ff", "mov r8, qword ptr [rip - 0x20]");
    rip.disp = 0;
    x86_load(fresh(), 4, false, 32, RCX, rip);
    EXPECT("8b 0d 00 00 00 00", "mov ecx, dword ptr [rip]");
}

static void loads(void **state)
{
    struct x86_mem m = x86_mem_bd(RDI, 0);
    x86_load(fresh(), 1, false, 32, RAX, m);
    EXPECT("0f b6 07", "movzx eax, byte ptr [rdi]");
    x86_load(fresh(), 1, false, 64, RAX, m);
    EXPECT("0f b6 07", "movzx eax, byte ptr [rdi]");
    x86_load(fresh(), 1, true, 32, RAX, m);
    EXPECT("0f be 07", "movsx eax, byte ptr [rdi]");
    x86_load(fresh(), 1, true, 64, RAX, m);
    EXPECT("48 0f be 07", "movsx rax, byte ptr [rdi]");
    x86_load(fresh(), 1, true, 16, RAX, m);
    EXPECT("66 0f be 07", "movsx ax, byte ptr [rdi]");
    x86_load(fresh(), 1, false, 16, RCX, m);
    EXPECT("66 0f b6 0f", "movzx cx, byte ptr [rdi]");
    x86_load(fresh(), 1, false, 8, RSI, m);
    EXPECT("40 8a 37", "mov sil, byte ptr [rdi]");
    x86_load(fresh(), 1, false, 8, R9, x86_mem_bd(R9, 1));
    EXPECT("45 8a 49 01", "mov r9b, byte ptr [r9 + 1]");
    x86_load(fresh(), 1, true, 64, R10, x86_mem_bid(R11, R12, 2, 3));
    EXPECT("4f 0f be 54 63 03", "movsx r10, byte ptr [r11 + r12*2 + 3]");
    x86_load(fresh(), 2, false, 32, RAX, m);
    EXPECT("0f b7 07", "movzx eax, word ptr [rdi]");
    x86_load(fresh(), 2, false, 64, R8, m);
    EXPECT("44 0f b7 07", "movzx r8d, word ptr [rdi]");
    x86_load(fresh(), 2, true, 32, RAX, m);
    EXPECT("0f bf 07", "movsx eax, word ptr [rdi]");
    x86_load(fresh(), 2, true, 64, RAX, x86_mem_bd(RSP, 2));
    EXPECT("48 0f bf 44 24 02", "movsx rax, word ptr [rsp + 2]");
    x86_load(fresh(), 2, false, 16, RAX, m);
    EXPECT("66 8b 07", "mov ax, word ptr [rdi]");
    x86_load(fresh(), 4, false, 64, RAX, m);
    EXPECT("8b 07", "mov eax, dword ptr [rdi]");
    x86_load(fresh(), 4, true, 64, RAX, m);
    EXPECT("48 63 07", "movsxd rax, dword ptr [rdi]");
    x86_load(fresh(), 4, true, 64, R13, x86_mem_bd(R13, 0));
    EXPECT("4d 63 6d 00", "movsxd r13, dword ptr [r13]");
    x86_load(fresh(), 4, true, 32, RAX, m);
    EXPECT("8b 07", "mov eax, dword ptr [rdi]");
    x86_load(fresh(), 8, false, 64, R8, x86_mem_bd(R9, 0));
    EXPECT("4d 8b 01", "mov r8, qword ptr [r9]");
}

static void stores(void **state)
{
    struct x86_mem m = x86_mem_bd(RDI, 0);
    x86_store(fresh(), 1, RSI, m);
    EXPECT("40 88 37", "mov byte ptr [rdi], sil");
    x86_store(fresh(), 1, RAX, m);
    EXPECT("88 07", "mov byte ptr [rdi], al");
    x86_store(fresh(), 1, RSP, m);
    EXPECT("40 88 27", "mov byte ptr [rdi], spl");
    x86_store(fresh(), 1, R10, x86_mem_bd(R12, 0));
    EXPECT("45 88 14 24", "mov byte ptr [r12], r10b");
    x86_store(fresh(), 2, RAX, x86_mem_bd(RDI, 2));
    EXPECT("66 89 47 02", "mov word ptr [rdi + 2], ax");
    x86_store(fresh(), 4, RCX, x86_mem_bd(R12, 4));
    EXPECT("41 89 4c 24 04", "mov dword ptr [r12 + 4], ecx");
    x86_store(fresh(), 8, R15, x86_mem_bd(RSP, 8));
    EXPECT("4c 89 7c 24 08", "mov qword ptr [rsp + 8], r15");
    x86_store(fresh(), 8, RAX, x86_mem_bid(RBX, R14, 8, 0x200));
    EXPECT("4a 89 84 f3 00 02 00 00", "mov qword ptr [rbx + r14*8 + 0x200], rax");

    x86_store_imm(fresh(), 1, 0x12, m);
    EXPECT("c6 07 12", "mov byte ptr [rdi], 0x12");
    x86_store_imm(fresh(), 1, -1, x86_mem_bd(R8, 0));
    EXPECT("41 c6 00 ff", "mov byte ptr [r8], 0xff");
    x86_store_imm(fresh(), 2, 0x1234, m);
    EXPECT("66 c7 07 34 12", "mov word ptr [rdi], 0x1234");
    x86_store_imm(fresh(), 4, 0x12345678, x86_mem_bd(RBP, -4));
    EXPECT("c7 45 fc 78 56 34 12", "mov dword ptr [rbp - 4], 0x12345678");
    x86_store_imm(fresh(), 8, -1, x86_mem_bd(RAX, 0));
    EXPECT("48 c7 00 ff ff ff ff", "mov qword ptr [rax], -1");
    x86_store_imm(fresh(), 8, 7, x86_mem_bd(R13, 8));
    EXPECT("49 c7 45 08 07 00 00 00", "mov qword ptr [r13 + 8], 7");
    struct x86_mem rip = { X86_NOREG, X86_NOREG, 1, true, 0x100 };
    x86_store_imm(fresh(), 4, 1, rip);
    EXPECT("c7 05 00 01 00 00 01 00 00 00", "mov dword ptr [rip + 0x100], 1");
}

static void lea(void **state)
{
    x86_lea(fresh(), 64, RAX, x86_mem_bid(RDI, RSI, 2, 3));
    EXPECT("48 8d 44 77 03", "lea rax, [rdi + rsi*2 + 3]");
    x86_lea(fresh(), 32, RAX, x86_mem_bd(RDI, 1));
    EXPECT("8d 47 01", "lea eax, [rdi + 1]");
    struct x86_mem rip = { X86_NOREG, X86_NOREG, 1, true, 0x1000 };
    x86_lea(fresh(), 64, R8, rip);
    EXPECT("4c 8d 05 00 10 00 00", "lea r8, [rip + 0x1000]");
    x86_lea(fresh(), 16, RAX, x86_mem_bd(RBX, 0));
    EXPECT("66 8d 03", "lea ax, [rbx]");
    x86_lea(fresh(), 64, RSP, x86_mem_bd(RSP, -0x80));
    EXPECT("48 8d 64 24 80", "lea rsp, [rsp - 0x80]");
    x86_lea(fresh(), 64, R13, x86_mem_bid(R13, R13, 1, 0));
    EXPECT("4f 8d 6c 2d 00", "lea r13, [r13 + r13]");
}

static void ext_rr(void **state)
{
    x86_ext_rr(fresh(), 1, false, 32, RAX, RSI);
    EXPECT("40 0f b6 c6", "movzx eax, sil");
    x86_ext_rr(fresh(), 1, false, 64, RAX, RCX);
    EXPECT("0f b6 c1", "movzx eax, cl");
    x86_ext_rr(fresh(), 1, true, 64, R8, RDI);
    EXPECT("4c 0f be c7", "movsx r8, dil");
    x86_ext_rr(fresh(), 1, true, 32, RAX, RBX);
    EXPECT("0f be c3", "movsx eax, bl");
    x86_ext_rr(fresh(), 1, false, 32, RDI, RSP);
    EXPECT("40 0f b6 fc", "movzx edi, spl");
    x86_ext_rr(fresh(), 1, false, 32, RSI, RBP);
    EXPECT("40 0f b6 f5", "movzx esi, bpl");
    x86_ext_rr(fresh(), 1, true, 16, RAX, RCX);
    EXPECT("66 0f be c1", "movsx ax, cl");
    x86_ext_rr(fresh(), 1, false, 32, R11, R12);
    EXPECT("45 0f b6 dc", "movzx r11d, r12b");
    x86_ext_rr(fresh(), 2, false, 64, R9, R10);
    EXPECT("45 0f b7 ca", "movzx r9d, r10w");
    x86_ext_rr(fresh(), 2, true, 64, RAX, RCX);
    EXPECT("48 0f bf c1", "movsx rax, cx");
    x86_ext_rr(fresh(), 2, true, 32, RAX, RCX);
    EXPECT("0f bf c1", "movsx eax, cx");
    x86_ext_rr(fresh(), 4, true, 64, RAX, RCX);
    EXPECT("48 63 c1", "movsxd rax, ecx");
    x86_ext_rr(fresh(), 4, true, 64, R15, R8);
    EXPECT("4d 63 f8", "movsxd r15, r8d");
    x86_ext_rr(fresh(), 4, false, 64, RAX, RCX);
    EXPECT("89 c8", "mov eax, ecx");
}

static void movbe(void **state)
{
    x86_movbe_load(fresh(), 2, RAX, x86_mem_bd(RDI, 0));
    EXPECT("66 0f 38 f0 07", "movbe ax, word ptr [rdi]");
    x86_movbe_load(fresh(), 4, RAX, x86_mem_bd(RDI, 4));
    EXPECT("0f 38 f0 47 04", "movbe eax, dword ptr [rdi + 4]");
    x86_movbe_load(fresh(), 8, R9, x86_mem_bid(R12, RBX, 8, 0));
    EXPECT("4d 0f 38 f0 0c dc", "movbe r9, qword ptr [r12 + rbx*8]");
    x86_movbe_store(fresh(), 2, RCX, x86_mem_bd(RSI, 0));
    EXPECT("66 0f 38 f1 0e", "movbe word ptr [rsi], cx");
    x86_movbe_store(fresh(), 4, R8, x86_mem_bd(RBP, 0));
    EXPECT("44 0f 38 f1 45 00", "movbe dword ptr [rbp], r8d");
    x86_movbe_store(fresh(), 8, RAX, x86_mem_bd(R13, 0x100));
    EXPECT("49 0f 38 f1 85 00 01 00 00", "movbe qword ptr [r13 + 0x100], rax");
}

/* ------------------------------------------------------------------ ALU */

static void alu_rr(void **state)
{
    x86_alu_rr(fresh(), ALU_ADD, 64, RAX, RSI);
    EXPECT("48 01 f0", "add rax, rsi");
    x86_alu_rr(fresh(), ALU_SUB, 32, RAX, RCX);
    EXPECT("29 c8", "sub eax, ecx");
    x86_alu_rr(fresh(), ALU_XOR, 32, R8, R8);
    EXPECT("45 31 c0", "xor r8d, r8d");
    x86_alu_rr(fresh(), ALU_AND, 64, R15, RAX);
    EXPECT("49 21 c7", "and r15, rax");
    x86_alu_rr(fresh(), ALU_OR, 16, RCX, RDX);
    EXPECT("66 09 d1", "or cx, dx");
    x86_alu_rr(fresh(), ALU_CMP, 8, RSI, RDI);
    EXPECT("40 38 fe", "cmp sil, dil");
    x86_alu_rr(fresh(), ALU_ADC, 8, RBX, RCX);
    EXPECT("10 cb", "adc bl, cl");
    x86_alu_rr(fresh(), ALU_SBB, 64, R9, R10);
    EXPECT("4d 19 d1", "sbb r9, r10");
    x86_alu_rr(fresh(), ALU_CMP, 8, RAX, R8);
    EXPECT("44 38 c0", "cmp al, r8b");
    x86_alu_rr(fresh(), ALU_CMP, 64, RSP, R12);
    EXPECT("4c 39 e4", "cmp rsp, r12");
}

static void alu_ri(void **state)
{
    x86_alu_ri(fresh(), ALU_ADD, 32, RAX, 1);
    EXPECT("83 c0 01", "add eax, 1");
    x86_alu_ri(fresh(), ALU_ADD, 64, RAX, -1);
    EXPECT("48 83 c0 ff", "add rax, -1");
    x86_alu_ri(fresh(), ALU_SUB, 32, RCX, 0x80);
    EXPECT("81 e9 80 00 00 00", "sub ecx, 0x80");
    x86_alu_ri(fresh(), ALU_SUB, 32, RCX, -0x80);
    EXPECT("83 e9 80", "sub ecx, -0x80");
    x86_alu_ri(fresh(), ALU_ADD, 32, RAX, 0x1000);
    EXPECT("05 00 10 00 00", "add eax, 0x1000");
    x86_alu_ri(fresh(), ALU_AND, 64, RAX, -4096);
    EXPECT("48 25 00 f0 ff ff", "and rax, 0xfffffffffffff000");
    x86_alu_ri(fresh(), ALU_AND, 64, RDX, -4096);
    EXPECT("48 81 e2 00 f0 ff ff", "and rdx, 0xfffffffffffff000");
    x86_alu_ri(fresh(), ALU_CMP, 64, R12, INT32_MAX);
    EXPECT("49 81 fc ff ff ff 7f", "cmp r12, 0x7fffffff");
    x86_alu_ri(fresh(), ALU_XOR, 16, R9, 0x1234);
    EXPECT("66 41 81 f1 34 12", "xor r9w, 0x1234");
    x86_alu_ri(fresh(), ALU_OR, 16, RAX, 0xffff);
    EXPECT("66 83 c8 ff", "or ax, 0xffff");
    x86_alu_ri(fresh(), ALU_CMP, 16, RAX, 0x1234);
    EXPECT("66 3d 34 12", "cmp ax, 0x1234");
    x86_alu_ri(fresh(), ALU_CMP, 8, RSI, 0x80);
    EXPECT("40 80 fe 80", "cmp sil, 0x80");
    x86_alu_ri(fresh(), ALU_ADD, 8, RAX, 5);
    EXPECT("04 05", "add al, 5");
    x86_alu_ri(fresh(), ALU_AND, 8, R10, 0xf);
    EXPECT("41 80 e2 0f", "and r10b, 0xf");
    x86_alu_ri(fresh(), ALU_ADC, 32, RBX, 127);
    EXPECT("83 d3 7f", "adc ebx, 0x7f");
    x86_alu_ri(fresh(), ALU_SBB, 64, RSP, 128);
    EXPECT("48 81 dc 80 00 00 00", "sbb rsp, 0x80");
}

static void alu_mem(void **state)
{
    x86_alu_rm(fresh(), ALU_ADD, 64, RAX, x86_mem_bd(RDI, 8));
    EXPECT("48 03 47 08", "add rax, qword ptr [rdi + 8]");
    x86_alu_rm(fresh(), ALU_CMP, 32, RCX, x86_mem_bd(RSP, 0));
    EXPECT("3b 0c 24", "cmp ecx, dword ptr [rsp]");
    x86_alu_rm(fresh(), ALU_SUB, 16, R8, x86_mem_bd(RBP, 0));
    EXPECT("66 44 2b 45 00", "sub r8w, word ptr [rbp]");
    x86_alu_rm(fresh(), ALU_XOR, 8, RSI, x86_mem_bd(R13, 1));
    EXPECT("41 32 75 01", "xor sil, byte ptr [r13 + 1]");
    x86_alu_rm(fresh(), ALU_OR, 8, RDI, x86_mem_bd(RAX, 0));
    EXPECT("40 0a 38", "or dil, byte ptr [rax]");

    x86_alu_mr(fresh(), ALU_ADD, 64, x86_mem_bd(RDI, 0), RAX);
    EXPECT("48 01 07", "add qword ptr [rdi], rax");
    x86_alu_mr(fresh(), ALU_SUB, 32, x86_mem_bd(R12, 8), R9);
    EXPECT("45 29 4c 24 08", "sub dword ptr [r12 + 8], r9d");
    x86_alu_mr(fresh(), ALU_AND, 8, x86_mem_bd(RCX, 0), RSI);
    EXPECT("40 20 31", "and byte ptr [rcx], sil");
    x86_alu_mr(fresh(), ALU_CMP, 16, x86_mem_bd(RAX, 0), RBX);
    EXPECT("66 39 18", "cmp word ptr [rax], bx");

    x86_alu_mi(fresh(), ALU_ADD, 64, x86_mem_bd(RDI, 0), 1);
    EXPECT("48 83 07 01", "add qword ptr [rdi], 1");
    struct x86_mem rip = { X86_NOREG, X86_NOREG, 1, true, 0x10 };
    x86_alu_mi(fresh(), ALU_CMP, 32, rip, 0x1000);
    EXPECT("81 3d 10 00 00 00 00 10 00 00", "cmp dword ptr [rip + 0x10], 0x1000");
    x86_alu_mi(fresh(), ALU_AND, 8, x86_mem_bd(RAX, 0), 0xfe);
    EXPECT("80 20 fe", "and byte ptr [rax], 0xfe");
    x86_alu_mi(fresh(), ALU_OR, 16, x86_mem_bd(RBX, 0), 0x8000);
    EXPECT("66 81 0b 00 80", "or word ptr [rbx], 0x8000");
    x86_alu_mi(fresh(), ALU_SUB, 64, x86_mem_bd(RSP, 8), -8);
    EXPECT("48 83 6c 24 08 f8", "sub qword ptr [rsp + 8], -8");
    x86_alu_mi(fresh(), ALU_XOR, 32, x86_mem_bid(R13, R14, 4, -0x1000), 0x12345678);
    EXPECT("43 81 b4 b5 00 f0 ff ff 78 56 34 12", "xor dword ptr [r13 + r14*4 - 0x1000], 0x12345678");
}

static void test_ops(void **state)
{
    x86_test_rr(fresh(), 32, RAX, RCX);
    EXPECT("85 c8", "test eax, ecx");
    x86_test_rr(fresh(), 64, RAX, RAX);
    EXPECT("48 85 c0", "test rax, rax");
    x86_test_rr(fresh(), 64, R8, R9);
    EXPECT("4d 85 c8", "test r8, r9");
    x86_test_rr(fresh(), 8, RSI, RSI);
    EXPECT("40 84 f6", "test sil, sil");
    x86_test_rr(fresh(), 8, RAX, RBX);
    EXPECT("84 d8", "test al, bl");
    x86_test_rr(fresh(), 16, RCX, RDX);
    EXPECT("66 85 d1", "test cx, dx");

    x86_test_ri(fresh(), 32, RAX, 0x100);
    EXPECT("a9 00 01 00 00", "test eax, 0x100");
    x86_test_ri(fresh(), 32, RCX, 1);
    EXPECT("f7 c1 01 00 00 00", "test ecx, 1");
    x86_test_ri(fresh(), 64, R9, -1);
    EXPECT("49 f7 c1 ff ff ff ff", "test r9, -1");
    x86_test_ri(fresh(), 8, RAX, 1);
    EXPECT("a8 01", "test al, 1");
    x86_test_ri(fresh(), 8, RSI, 0x80);
    EXPECT("40 f6 c6 80", "test sil, 0x80");
    x86_test_ri(fresh(), 16, RDX, 0x8000);
    EXPECT("66 f7 c2 00 80", "test dx, 0x8000");
    x86_test_ri(fresh(), 64, RAX, 0x10);
    EXPECT("48 a9 10 00 00 00", "test rax, 0x10");

    x86_test_mi(fresh(), 1, x86_mem_bd(RDI, 0), 1);
    EXPECT("f6 07 01", "test byte ptr [rdi], 1");
    x86_test_mi(fresh(), 2, x86_mem_bd(RSI, 0), 0x100);
    EXPECT("66 f7 06 00 01", "test word ptr [rsi], 0x100");
    x86_test_mi(fresh(), 4, x86_mem_bd(RSP, 4), INT32_MIN);
    EXPECT("f7 44 24 04 00 00 00 80", "test dword ptr [rsp + 4], 0x80000000");
    x86_test_mi(fresh(), 8, x86_mem_bd(R13, 0), 1);
    EXPECT("49 f7 45 00 01 00 00 00", "test qword ptr [r13], 1");
}

static void shifts(void **state)
{
    x86_shift_ri(fresh(), SH_SHL, 32, RAX, 1);
    EXPECT("d1 e0", "shl eax, 1");
    x86_shift_ri(fresh(), SH_SHL, 64, RAX, 3);
    EXPECT("48 c1 e0 03", "shl rax, 3");
    x86_shift_ri(fresh(), SH_SHR, 32, RCX, 31);
    EXPECT("c1 e9 1f", "shr ecx, 0x1f");
    x86_shift_ri(fresh(), SH_SAR, 64, R9, 63);
    EXPECT("49 c1 f9 3f", "sar r9, 0x3f");
    x86_shift_ri(fresh(), SH_ROL, 16, RAX, 4);
    EXPECT("66 c1 c0 04", "rol ax, 4");
    x86_shift_ri(fresh(), SH_ROR, 8, RSI, 1);
    EXPECT("40 d0 ce", "ror sil, 1");
    x86_shift_ri(fresh(), SH_SAR, 8, RBX, 7);
    EXPECT("c0 fb 07", "sar bl, 7");
    x86_shift_ri(fresh(), SH_ROR, 64, R15, 17);
    EXPECT("49 c1 cf 11", "ror r15, 0x11");

    x86_shift_cl(fresh(), SH_SHL, 32, RAX);
    EXPECT("d3 e0", "shl eax, cl");
    x86_shift_cl(fresh(), SH_SHR, 64, R8);
    EXPECT("49 d3 e8", "shr r8, cl");
    x86_shift_cl(fresh(), SH_SAR, 8, RDI);
    EXPECT("40 d2 ff", "sar dil, cl");
    x86_shift_cl(fresh(), SH_ROL, 16, RDX);
    EXPECT("66 d3 c2", "rol dx, cl");
    x86_shift_cl(fresh(), SH_ROR, 32, R13);
    EXPECT("41 d3 cd", "ror r13d, cl");

    x86_shiftx(fresh(), SH_SHL, 32, RAX, RCX, RDX);
    EXPECT("c4 e2 69 f7 c1", "shlx eax, ecx, edx");
    x86_shiftx(fresh(), SH_SHR, 64, R9, R10, R11);
    EXPECT("c4 42 a3 f7 ca", "shrx r9, r10, r11");
    x86_shiftx(fresh(), SH_SAR, 64, RAX, RBX, R15);
    EXPECT("c4 e2 82 f7 c3", "sarx rax, rbx, r15");
    x86_shiftx(fresh(), SH_SHL, 32, R8, RAX, RCX);
    EXPECT("c4 62 71 f7 c0", "shlx r8d, eax, ecx");
    x86_shiftx(fresh(), SH_SAR, 32, RSI, R12, RSP);
    EXPECT("c4 c2 5a f7 f4", "sarx esi, r12d, esp");
}

static void unary_and_mul(void **state)
{
    x86_unary(fresh(), UN_NOT, 32, RAX);
    EXPECT("f7 d0", "not eax");
    x86_unary(fresh(), UN_NEG, 64, RAX);
    EXPECT("48 f7 d8", "neg rax");
    x86_unary(fresh(), UN_NEG, 64, R10);
    EXPECT("49 f7 da", "neg r10");
    x86_unary(fresh(), UN_MUL, 64, RCX);
    EXPECT("48 f7 e1", "mul rcx");
    x86_unary(fresh(), UN_IMUL, 32, RDX);
    EXPECT("f7 ea", "imul edx");
    x86_unary(fresh(), UN_DIV, 64, R8);
    EXPECT("49 f7 f0", "div r8");
    x86_unary(fresh(), UN_IDIV, 8, RSI);
    EXPECT("40 f6 fe", "idiv sil");
    x86_unary(fresh(), UN_NOT, 16, RCX);
    EXPECT("66 f7 d1", "not cx");

    x86_imul_rr(fresh(), 32, RAX, RCX);
    EXPECT("0f af c1", "imul eax, ecx");
    x86_imul_rr(fresh(), 64, R9, RAX);
    EXPECT("4c 0f af c8", "imul r9, rax");
    x86_imul_rr(fresh(), 16, RCX, RDX);
    EXPECT("66 0f af ca", "imul cx, dx");

    x86_imul_rri(fresh(), 32, RAX, RCX, 0x10);
    EXPECT("6b c1 10", "imul eax, ecx, 0x10");
    x86_imul_rri(fresh(), 64, RAX, RDI, 0x1000);
    EXPECT("48 69 c7 00 10 00 00", "imul rax, rdi, 0x1000");
    x86_imul_rri(fresh(), 64, R8, R9, -1);
    EXPECT("4d 6b c1 ff", "imul r8, r9, -1");
    x86_imul_rri(fresh(), 16, RAX, RBX, 0x1234);
    EXPECT("66 69 c3 34 12", "imul ax, bx, 0x1234");
}

static void byte_swaps_and_bits(void **state)
{
    x86_bswap(fresh(), 32, RAX);
    EXPECT("0f c8", "bswap eax");
    x86_bswap(fresh(), 64, R9);
    EXPECT("49 0f c9", "bswap r9");
    x86_bswap(fresh(), 64, RDI);
    EXPECT("48 0f cf", "bswap rdi");
    x86_bswap(fresh(), 32, R12);
    EXPECT("41 0f cc", "bswap r12d");
    x86_rol16_8(fresh(), RAX);
    EXPECT("66 c1 c0 08", "rol ax, 8");
    x86_rol16_8(fresh(), R11);
    EXPECT("66 41 c1 c3 08", "rol r11w, 8");
    x86_rol16_8(fresh(), RSI);
    EXPECT("66 c1 c6 08", "rol si, 8");

    x86_bsr(fresh(), 32, RAX, RCX);
    EXPECT("0f bd c1", "bsr eax, ecx");
    x86_bsf(fresh(), 64, RAX, R9);
    EXPECT("49 0f bc c1", "bsf rax, r9");
    x86_lzcnt(fresh(), 32, RAX, RCX);
    EXPECT("f3 0f bd c1", "lzcnt eax, ecx");
    x86_lzcnt(fresh(), 64, R8, RAX);
    EXPECT("f3 4c 0f bd c0", "lzcnt r8, rax");
    x86_lzcnt(fresh(), 16, RAX, RCX);
    EXPECT("66 f3 0f bd c1", "lzcnt ax, cx");
    x86_tzcnt(fresh(), 64, RCX, RDX);
    EXPECT("f3 48 0f bc ca", "tzcnt rcx, rdx");
    x86_tzcnt(fresh(), 32, R10, R11);
    EXPECT("f3 45 0f bc d3", "tzcnt r10d, r11d");
    x86_popcnt(fresh(), 32, RAX, RCX);
    EXPECT("f3 0f b8 c1", "popcnt eax, ecx");
    x86_popcnt(fresh(), 64, R15, R14);
    EXPECT("f3 4d 0f b8 fe", "popcnt r15, r14");
}

static void setcc_cmov(void **state)
{
    x86_setcc(fresh(), CC_E, RAX);
    EXPECT("0f 94 c0", "sete al");
    x86_setcc(fresh(), CC_NE, RCX);
    EXPECT("0f 95 c1", "setne cl");
    x86_setcc(fresh(), CC_B, RSI);            /* must be sil, never dh */
    EXPECT("40 0f 92 c6", "setb sil");
    x86_setcc(fresh(), CC_A, RDI);
    EXPECT("40 0f 97 c7", "seta dil");
    x86_setcc(fresh(), CC_L, RSP);
    EXPECT("40 0f 9c c4", "setl spl");
    x86_setcc(fresh(), CC_G, RBP);
    EXPECT("40 0f 9f c5", "setg bpl");
    x86_setcc(fresh(), CC_LE, R8);
    EXPECT("41 0f 9e c0", "setle r8b");
    x86_setcc(fresh(), CC_O, R15);
    EXPECT("41 0f 90 c7", "seto r15b");
    x86_setcc(fresh(), CC_P, RBX);
    EXPECT("0f 9a c3", "setp bl");
    x86_setcc(fresh(), CC_GE, RDX);
    EXPECT("0f 9d c2", "setge dl");
    x86_setcc(fresh(), CC_NO, RAX);
    EXPECT("0f 91 c0", "setno al");
    x86_setcc(fresh(), CC_AE, RAX);
    EXPECT("0f 93 c0", "setae al");
    x86_setcc(fresh(), CC_BE, RAX);
    EXPECT("0f 96 c0", "setbe al");
    x86_setcc(fresh(), CC_S, RAX);
    EXPECT("0f 98 c0", "sets al");
    x86_setcc(fresh(), CC_NS, RAX);
    EXPECT("0f 99 c0", "setns al");
    x86_setcc(fresh(), CC_NP, RAX);
    EXPECT("0f 9b c0", "setnp al");
    assert_int_equal(x86_cc_invert(CC_E), CC_NE);
    assert_int_equal(x86_cc_invert(CC_GE), CC_L);

    x86_cmov(fresh(), CC_E, 32, RAX, RCX);
    EXPECT("0f 44 c1", "cmove eax, ecx");
    x86_cmov(fresh(), CC_NE, 64, RAX, R9);
    EXPECT("49 0f 45 c1", "cmovne rax, r9");
    x86_cmov(fresh(), CC_L, 32, R8, R9);
    EXPECT("45 0f 4c c1", "cmovl r8d, r9d");
    x86_cmov(fresh(), CC_GE, 16, RCX, RDX);
    EXPECT("66 0f 4d ca", "cmovge cx, dx");
    x86_cmov(fresh(), CC_A, 64, R15, RSP);
    EXPECT("4c 0f 47 fc", "cmova r15, rsp");

    x86_cdq(fresh(), 32);
    EXPECT("99", "cdq");
    x86_cdq(fresh(), 64);
    EXPECT("48 99", "cqo");
    x86_cdq(fresh(), 16);
    EXPECT("66 99", "cwd");

    x86_xchg_rr(fresh(), 64, RCX, RDX);
    EXPECT("48 87 d1", "xchg rcx, rdx");
    x86_xchg_rr(fresh(), 32, RAX, RAX);
    EXPECT("87 c0", "xchg eax, eax");
    x86_xchg_rr(fresh(), 64, R8, R9);
    EXPECT("4d 87 c8", "xchg r8, r9");
    x86_xchg_rr(fresh(), 8, RSI, RDI);
    EXPECT("40 86 fe", "xchg sil, dil");
    x86_xchg_rr(fresh(), 16, RBX, RCX);
    EXPECT("66 87 cb", "xchg bx, cx");
}

/* ------------------------------------------------------------------ atomics */

static void atomics(void **state)
{
    x86_lock_cmpxchg(fresh(), 8, x86_mem_bd(RDI, 0), RSI);
    EXPECT("f0 48 0f b1 37", "lock cmpxchg qword ptr [rdi], rsi");
    x86_lock_cmpxchg(fresh(), 4, x86_mem_bd(RDI, 4), RCX);
    EXPECT("f0 0f b1 4f 04", "lock cmpxchg dword ptr [rdi + 4], ecx");
    x86_lock_cmpxchg(fresh(), 1, x86_mem_bd(RDI, 0), RSI);
    EXPECT("f0 40 0f b0 37", "lock cmpxchg byte ptr [rdi], sil");
    x86_lock_cmpxchg(fresh(), 2, x86_mem_bd(R12, 0), R9);
    EXPECT("66 f0 45 0f b1 0c 24", "lock cmpxchg word ptr [r12], r9w");

    x86_lock_xadd(fresh(), 8, x86_mem_bd(RSP, 8), RAX);
    EXPECT("f0 48 0f c1 44 24 08", "lock xadd qword ptr [rsp + 8], rax");
    x86_lock_xadd(fresh(), 4, x86_mem_bd(RDI, 0), R10);
    EXPECT("f0 44 0f c1 17", "lock xadd dword ptr [rdi], r10d");
    x86_lock_xadd(fresh(), 1, x86_mem_bd(RAX, 0), RCX);
    EXPECT("f0 0f c0 08", "lock xadd byte ptr [rax], cl");

    x86_xchg_mr(fresh(), 8, x86_mem_bd(RDI, 0), RAX);
    EXPECT("48 87 07", "xchg qword ptr [rdi], rax");
    x86_xchg_mr(fresh(), 1, x86_mem_bd(RDI, 0), RDI);
    EXPECT("40 86 3f", "xchg byte ptr [rdi], dil");
    x86_xchg_mr(fresh(), 2, x86_mem_bid(RBX, RCX, 2, 0), R8);
    EXPECT("66 44 87 04 4b", "xchg word ptr [rbx + rcx*2], r8w");
    x86_xchg_mr(fresh(), 4, x86_mem_bd(R13, 0), RDX);
    EXPECT("41 87 55 00", "xchg dword ptr [r13], edx");

    x86_lock_cmpxchg16b(fresh(), x86_mem_bd(RDI, 0));
    EXPECT("f0 48 0f c7 0f", "lock cmpxchg16b xmmword ptr [rdi]");
    x86_lock_cmpxchg16b(fresh(), x86_mem_bd(R8, 16));
    EXPECT("f0 49 0f c7 48 10", "lock cmpxchg16b xmmword ptr [r8 + 0x10]");
    x86_mfence(fresh());
    EXPECT("0f ae f0", "mfence");
}

/* ------------------------------------------------------------------ control flow */

static void branches(void **state)
{
    uint32_t off;
    off = x86_jmp_rel32(fresh(), code + 0x100);
    EXPECT("e9 fb 00 00 00", "jmp 0x1100");
    assert_int_equal(off, 1);
    off = x86_jmp_rel32(fresh(), code);
    EXPECT("e9 fb ff ff ff", "jmp 0x1000");
    assert_int_equal(off, 1);
    off = x86_jcc_rel32(fresh(), CC_E, code + 0x80);
    EXPECT("0f 84 7a 00 00 00", "je 0x1080");
    assert_int_equal(off, 2);
    x86_jcc_rel32(fresh(), CC_NE, code + 6);
    EXPECT("0f 85 00 00 00 00", "jne 0x1006");
    x86_jcc_rel32(fresh(), CC_L, code + 0x1ff);
    EXPECT("0f 8c f9 01 00 00", "jl 0x11ff");
    x86_jcc_rel32(fresh(), CC_A, code + 0x10);
    EXPECT("0f 87 0a 00 00 00", "ja 0x1010");
    /* A NULL target is a placeholder for later patching: it jumps to the next insn. */
    x86_jmp_rel32(fresh(), NULL);
    EXPECT("e9 00 00 00 00", "jmp 0x1005");
    x86_jcc_rel32(fresh(), CC_O, NULL);
    EXPECT("0f 80 00 00 00 00", "jo 0x1006");

    assert_true(x86_jmp_rel8(fresh(), code + 2 + 127));
    EXPECT("eb 7f", "jmp 0x1081");
    assert_true(x86_jmp_rel8(fresh(), code));
    EXPECT("eb fe", "jmp 0x1000");
    assert_true(x86_jcc_rel8(fresh(), CC_NE, code + 0x10));
    EXPECT("75 0e", "jne 0x1010");
    assert_true(x86_jcc_rel8(fresh(), CC_LE, code + 2));
    EXPECT("7e 00", "jle 0x1002");
    /* Out of reach: false, and nothing written. */
    assert_false(x86_jmp_rel8(fresh(), code + 2 + 128));
    assert_ptr_equal(buf.p, code);
    assert_false(x86_jcc_rel8(fresh(), CC_E, code + 0x100));
    assert_ptr_equal(buf.p, code);
    /* Backward reach: -128 from the end of the jump is the limit. */
    struct x86_buf *b = fresh();
    b->p = code + 200;
    assert_true(x86_jcc_rel8(b, CC_B, code + 202 - 128));
    EXPECT_INSN(200, 2, "jb 0x104a");
    b = fresh();
    b->p = code + 200;
    assert_false(x86_jmp_rel8(b, code + 202 - 129));
    assert_ptr_equal(b->p, code + 200);

    x86_jmp_r(fresh(), RAX);
    EXPECT("ff e0", "jmp rax");
    x86_jmp_r(fresh(), R11);
    EXPECT("41 ff e3", "jmp r11");
    x86_jmp_m(fresh(), x86_mem_bd(RDI, 8));
    EXPECT("ff 67 08", "jmp qword ptr [rdi + 8]");
    x86_jmp_m(fresh(), x86_mem_bid(R12, RAX, 8, 0));
    EXPECT("41 ff 24 c4", "jmp qword ptr [r12 + rax*8]");
    struct x86_mem rip = { X86_NOREG, X86_NOREG, 1, true, 0x10 };
    x86_jmp_m(fresh(), rip);
    EXPECT("ff 25 10 00 00 00", "jmp qword ptr [rip + 0x10]");
    x86_call_r(fresh(), RAX);
    EXPECT("ff d0", "call rax");
    x86_call_r(fresh(), R11);
    EXPECT("41 ff d3", "call r11");
    x86_ret(fresh());
    EXPECT("c3", "ret");
    x86_ud2(fresh());
    EXPECT("0f 0b", "ud2");
    x86_int3(fresh());
    EXPECT("cc", "int3");
}

static void push_pop(void **state)
{
    x86_push(fresh(), RAX);
    EXPECT("50", "push rax");
    x86_push(fresh(), RBP);
    EXPECT("55", "push rbp");
    x86_push(fresh(), R8);
    EXPECT("41 50", "push r8");
    x86_push(fresh(), R15);
    EXPECT("41 57", "push r15");
    x86_pop(fresh(), RSP);
    EXPECT("5c", "pop rsp");
    x86_pop(fresh(), R12);
    EXPECT("41 5c", "pop r12");
    x86_pop(fresh(), RDI);
    EXPECT("5f", "pop rdi");
}

static void call_abs(void **state)
{
    /* Within reach: direct call. */
    x86_call_abs(fresh(), code + 0x100);
    EXPECT("e8 fb 00 00 00", "call 0x1100");
    x86_call_abs(fresh(), code);
    EXPECT("e8 fb ff ff ff", "call 0x1000");

    /* The exact reach limits, measured from the end of the 5-byte call. */
    uintptr_t end = (uintptr_t)code + 5;
    x86_call_abs(fresh(), (const void *)(end + INT32_MAX));
    EXPECT("e8 ff ff ff 7f", "call 0x80001004");
    x86_call_abs(fresh(), (const void *)(end - (uintptr_t)1 - INT32_MAX));
    assert_int_equal(buf.p - buf.start, 5);
    assert_int_equal(code[0], 0xe8);
    assert_memory_equal(code + 1, "\x00\x00\x00\x80", 4);

    /* One byte further either way: movabs r11 + call r11. */
    uintptr_t far = end + (uintptr_t)INT32_MAX + 1;
    x86_call_abs(fresh(), (const void *)far);
    checks++;
    assert_int_equal(buf.p - buf.start, 13);
    uint8_t want[13] = { 0x49, 0xbb };
    for (int i = 0; i < 8; i++)
        want[2 + i] = (uint8_t)((uint64_t)far >> (8 * i));
    want[10] = 0x41, want[11] = 0xff, want[12] = 0xd3;
    assert_memory_equal(code, want, 13);
    EXPECT_INSN(10, 3, "call r11");

    x86_call_abs(fresh(), (const void *)0x123456789abcdef0u);
    checks++;
    assert_int_equal(buf.p - buf.start, 13);
    assert_memory_equal(code, "\x49\xbb\xf0\xde\xbc\x9a\x78\x56\x34\x12\x41\xff\xd3", 13);
    EXPECT_INSN(0, 10, "movabs r11, 0x123456789abcdef0");
    EXPECT_INSN(10, 3, "call r11");
}

static void nops(void **state)
{
    static const char *const bytes[10] = {
        NULL, "90", "66 90", "0f 1f 00", "0f 1f 40 00", "0f 1f 44 00 00",
        "66 0f 1f 44 00 00", "0f 1f 80 00 00 00 00", "0f 1f 84 00 00 00 00 00",
        "66 0f 1f 84 00 00 00 00 00",
    };
    static const char *const text[10] = {
        NULL, "nop", "nop", "nop dword ptr [rax]", "nop dword ptr [rax]",
        "nop dword ptr [rax + rax]", "nop word ptr [rax + rax]",
        "nop dword ptr [rax]", "nop dword ptr [rax + rax]", "nop word ptr [rax + rax]",
    };
    for (int n = 1; n <= 9; n++) {
        x86_nop(fresh(), n);
        expect_at(__LINE__ * 100 + n, bytes[n], text[n]);
    }
    x86_nop(fresh(), 0);
    assert_ptr_equal(buf.p, code);
    x86_nop(fresh(), -3);
    assert_ptr_equal(buf.p, code);

    /* Longer runs split into 9-byte nops plus the rest. */
    int lens[] = { 10, 15, 18, 20, 40 };
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        x86_nop(fresh(), lens[i]);
        assert_int_equal(buf.p - buf.start, lens[i]);
        size_t off = 0;
        while (off < (size_t)lens[i]) {
            size_t want = (size_t)lens[i] - off >= 9 ? 9 : (size_t)lens[i] - off;
            char dis[256];
            checks++;
            assert_int_equal(decode_one(off, (size_t)lens[i] - off, dis, sizeof dis), want);
            assert_non_null(strstr(dis, "nop"));
            off += want;
        }
        assert_int_equal(code[lens[i]], 0xcc);
    }
}

/* ------------------------------------------------------------------ SSE */

static void sse_arith(void **state)
{
    x86_sse_rr(fresh(), SSE_ADD, true, XMM0, XMM1);
    EXPECT("f2 0f 58 c1", "addsd xmm0, xmm1");
    x86_sse_rr(fresh(), SSE_MUL, false, XMM2, XMM3);
    EXPECT("f3 0f 59 d3", "mulss xmm2, xmm3");
    x86_sse_rr(fresh(), SSE_SUB, true, XMM8, XMM15);
    EXPECT("f2 45 0f 5c c7", "subsd xmm8, xmm15");
    x86_sse_rr(fresh(), SSE_MIN, false, XMM0, XMM9);
    EXPECT("f3 41 0f 5d c1", "minss xmm0, xmm9");
    x86_sse_rr(fresh(), SSE_DIV, true, XMM14, XMM1);
    EXPECT("f2 44 0f 5e f1", "divsd xmm14, xmm1");
    x86_sse_rr(fresh(), SSE_MAX, true, XMM4, XMM5);
    EXPECT("f2 0f 5f e5", "maxsd xmm4, xmm5");
    x86_sse_rr(fresh(), SSE_SQRT, true, XMM0, XMM1);
    EXPECT("f2 0f 51 c1", "sqrtsd xmm0, xmm1");
    x86_sse_rr(fresh(), SSE_SQRT, false, XMM7, XMM7);
    EXPECT("f3 0f 51 ff", "sqrtss xmm7, xmm7");
    x86_sse_rm(fresh(), SSE_ADD, true, XMM0, x86_mem_bd(RDI, 8));
    EXPECT("f2 0f 58 47 08", "addsd xmm0, qword ptr [rdi + 8]");
    x86_sse_rm(fresh(), SSE_MUL, false, XMM9, x86_mem_bd(R14, 4));
    EXPECT("f3 45 0f 59 4e 04", "mulss xmm9, dword ptr [r14 + 4]");
    x86_sse_rm(fresh(), SSE_DIV, true, XMM1, x86_mem_bid(RBP, R12, 8, 0));
    EXPECT("f2 42 0f 5e 4c e5 00", "divsd xmm1, qword ptr [rbp + r12*8]");

    x86_rounds(fresh(), true, XMM0, XMM1, 3);
    EXPECT("66 0f 3a 0b c1 03", "roundsd xmm0, xmm1, 3");
    x86_rounds(fresh(), false, XMM9, XMM2, 0xc);
    EXPECT("66 44 0f 3a 0a ca 0c", "roundss xmm9, xmm2, 0xc");
    x86_cmps(fresh(), true, 0, XMM0, XMM1);
    EXPECT("f2 0f c2 c1 00", "cmpeqsd xmm0, xmm1");
    x86_cmps(fresh(), false, 3, XMM8, XMM9);
    EXPECT("f3 45 0f c2 c1 03", "cmpunordss xmm8, xmm9");

    x86_ucomis(fresh(), true, XMM0, XMM1);
    EXPECT("66 0f 2e c1", "ucomisd xmm0, xmm1");
    x86_comis(fresh(), true, XMM2, XMM10);
    EXPECT("66 41 0f 2f d2", "comisd xmm2, xmm10");
    x86_comis(fresh(), false, XMM1, XMM0);
    EXPECT("0f 2f c8", "comiss xmm1, xmm0");
    x86_ucomis(fresh(), false, XMM8, XMM9);
    EXPECT("45 0f 2e c1", "ucomiss xmm8, xmm9");
}

static void sse_moves(void **state)
{
    x86_movsd_load(fresh(), true, XMM0, x86_mem_bd(RDI, 0));
    EXPECT("f2 0f 10 07", "movsd xmm0, qword ptr [rdi]");
    x86_movsd_load(fresh(), false, XMM9, x86_mem_bd(RSP, 4));
    EXPECT("f3 44 0f 10 4c 24 04", "movss xmm9, dword ptr [rsp + 4]");
    x86_movsd_store(fresh(), true, XMM1, x86_mem_bd(RBP, -8));
    EXPECT("f2 0f 11 4d f8", "movsd qword ptr [rbp - 8], xmm1");
    x86_movsd_store(fresh(), false, XMM15, x86_mem_bd(R12, 0));
    EXPECT("f3 45 0f 11 3c 24", "movss dword ptr [r12], xmm15");

    x86_movq_xr(fresh(), 64, XMM0, RAX);
    EXPECT("66 48 0f 6e c0", "movq xmm0, rax");
    x86_movq_xr(fresh(), 32, XMM1, RCX);
    EXPECT("66 0f 6e c9", "movd xmm1, ecx");
    x86_movq_xr(fresh(), 64, XMM9, R10);
    EXPECT("66 4d 0f 6e ca", "movq xmm9, r10");
    x86_movq_xr(fresh(), 32, XMM8, R8);
    EXPECT("66 45 0f 6e c0", "movd xmm8, r8d");
    x86_movq_rx(fresh(), 64, RAX, XMM0);
    EXPECT("66 48 0f 7e c0", "movq rax, xmm0");
    x86_movq_rx(fresh(), 32, RCX, XMM1);
    EXPECT("66 0f 7e c9", "movd ecx, xmm1");
    x86_movq_rx(fresh(), 64, R11, XMM15);
    EXPECT("66 4d 0f 7e fb", "movq r11, xmm15");

    x86_movdqu_load(fresh(), XMM0, x86_mem_bd(RDI, 0));
    EXPECT("f3 0f 6f 07", "movdqu xmm0, xmmword ptr [rdi]");
    x86_movdqu_load(fresh(), XMM10, x86_mem_bd(R13, 0x100));
    EXPECT("f3 45 0f 6f 95 00 01 00 00", "movdqu xmm10, xmmword ptr [r13 + 0x100]");
    x86_movdqu_store(fresh(), XMM3, x86_mem_bd(RSP, 0));
    EXPECT("f3 0f 7f 1c 24", "movdqu xmmword ptr [rsp], xmm3");
    x86_movdqu_store(fresh(), XMM12, x86_mem_bid(RAX, R9, 4, -16));
    EXPECT("f3 46 0f 7f 64 88 f0", "movdqu xmmword ptr [rax + r9*4 - 0x10], xmm12");

    x86_movaps_rr(fresh(), XMM0, XMM1);
    EXPECT("0f 28 c1", "movaps xmm0, xmm1");
    x86_movaps_rr(fresh(), XMM8, XMM2);
    EXPECT("44 0f 28 c2", "movaps xmm8, xmm2");
    x86_movaps_rr(fresh(), XMM3, XMM12);
    EXPECT("41 0f 28 dc", "movaps xmm3, xmm12");

    x86_ldmxcsr(fresh(), x86_mem_bd(RDI, 0));
    EXPECT("0f ae 17", "ldmxcsr dword ptr [rdi]");
    x86_ldmxcsr(fresh(), x86_mem_bd(R12, 0));
    EXPECT("41 0f ae 14 24", "ldmxcsr dword ptr [r12]");
    x86_stmxcsr(fresh(), x86_mem_bd(RSP, 4));
    EXPECT("0f ae 5c 24 04", "stmxcsr dword ptr [rsp + 4]");
}

static void sse_convert(void **state)
{
    x86_cvtsi2s(fresh(), true, 32, XMM0, RAX);
    EXPECT("f2 0f 2a c0", "cvtsi2sd xmm0, eax");
    x86_cvtsi2s(fresh(), true, 64, XMM1, R9);
    EXPECT("f2 49 0f 2a c9", "cvtsi2sd xmm1, r9");
    x86_cvtsi2s(fresh(), false, 64, XMM8, RAX);
    EXPECT("f3 4c 0f 2a c0", "cvtsi2ss xmm8, rax");
    x86_cvtsi2s(fresh(), false, 32, XMM0, RCX);
    EXPECT("f3 0f 2a c1", "cvtsi2ss xmm0, ecx");

    x86_cvtts2si(fresh(), true, 32, RAX, XMM0);
    EXPECT("f2 0f 2c c0", "cvttsd2si eax, xmm0");
    x86_cvtts2si(fresh(), true, 64, R9, XMM10);
    EXPECT("f2 4d 0f 2c ca", "cvttsd2si r9, xmm10");
    x86_cvtts2si(fresh(), false, 64, RAX, XMM1);
    EXPECT("f3 48 0f 2c c1", "cvttss2si rax, xmm1");
    x86_cvts2si(fresh(), true, 64, RAX, XMM0);
    EXPECT("f2 48 0f 2d c0", "cvtsd2si rax, xmm0");
    x86_cvts2si(fresh(), false, 32, RCX, XMM9);
    EXPECT("f3 41 0f 2d c9", "cvtss2si ecx, xmm9");

    x86_cvtss2sd(fresh(), XMM0, XMM1);
    EXPECT("f3 0f 5a c1", "cvtss2sd xmm0, xmm1");
    x86_cvtsd2ss(fresh(), XMM9, XMM8);
    EXPECT("f2 45 0f 5a c8", "cvtsd2ss xmm9, xmm8");
}

static void sse_packed(void **state)
{
    x86_sse_66_rr(fresh(), 0xef, XMM0, XMM0);
    EXPECT("66 0f ef c0", "pxor xmm0, xmm0");
    x86_sse_66_rr(fresh(), 0xdb, XMM8, XMM1);
    EXPECT("66 44 0f db c1", "pand xmm8, xmm1");
    x86_sse_66_rr(fresh(), 0xeb, XMM2, XMM15);
    EXPECT("66 41 0f eb d7", "por xmm2, xmm15");
    x86_sse_66_rr(fresh(), 0xfe, XMM3, XMM4);
    EXPECT("66 0f fe dc", "paddd xmm3, xmm4");
    x86_sse_66_rr(fresh(), 0xd4, XMM10, XMM11);
    EXPECT("66 45 0f d4 d3", "paddq xmm10, xmm11");
    x86_sse_66_rr(fresh(), 0xfa, XMM5, XMM6);
    EXPECT("66 0f fa ee", "psubd xmm5, xmm6");
    x86_sse_66_rr(fresh(), 0x74, XMM7, XMM8);
    EXPECT("66 41 0f 74 f8", "pcmpeqb xmm7, xmm8");
    x86_sse_66_rr(fresh(), 0x54, XMM0, XMM1);
    EXPECT("66 0f 54 c1", "andpd xmm0, xmm1");
    x86_sse_66_rr(fresh(), 0x57, XMM1, XMM2);
    EXPECT("66 0f 57 ca", "xorpd xmm1, xmm2");
    x86_sse_66_rr(fresh(), 0x50, RAX, XMM1);
    EXPECT("66 0f 50 c1", "movmskpd eax, xmm1");
    x86_sse_66_rr(fresh(), 0x50, R9, XMM9);
    EXPECT("66 45 0f 50 c9", "movmskpd r9d, xmm9");
}

/* ------------------------------------------------------------------ buffer rules */

static struct x86_buf *nearly_full(size_t left)
{
    fresh();
    buf.p = buf.end - left;
    return &buf;
}

static void overflow(void **state)
{
    /* 15 bytes left: every call sets overflow and writes nothing. */
    struct x86_buf *b = nearly_full(15);
    uint8_t *p0 = b->p;
    x86_ret(b);
    assert_true(b->overflow);
    assert_ptr_equal(b->p, p0);

    b = nearly_full(15);
    x86_mov_ri(b, 64, RAX, 1);
    x86_alu_rr(b, ALU_ADD, 64, RAX, RCX);
    x86_load(b, 8, false, 64, RAX, x86_mem_bd(RSP, 0x1000));
    x86_store_imm(b, 8, 1, x86_mem_bd(R12, 0x1000));
    x86_shiftx(b, SH_SHL, 64, RAX, RCX, RDX);
    x86_sse_rr(b, SSE_ADD, true, XMM0, XMM1);
    x86_call_abs(b, (const void *)0x123456789abcdef0u);
    x86_nop(b, 1);
    x86_mfence(b);
    x86_push(b, RAX);
    assert_true(b->overflow);
    assert_ptr_equal(b->p, p0);
    for (uint8_t *q = p0; q < b->end; q++)
        assert_int_equal(*q, 0xcc);
    assert_int_equal(x86_jmp_rel32(b, code), 0);
    assert_int_equal(x86_jcc_rel32(b, CC_E, code), 0);
    assert_ptr_equal(b->p, p0);

    /* Short branches answer "in reach" but write nothing. */
    b = nearly_full(15);
    assert_true(x86_jmp_rel8(b, b->p));
    assert_true(b->overflow);
    assert_ptr_equal(b->p, p0);
    b = nearly_full(15);
    assert_true(x86_jcc_rel8(b, CC_E, b->p));
    assert_true(b->overflow);
    assert_ptr_equal(b->p, p0);

    /* Exactly X86_MAX_INSN left is enough, even for the longest form. */
    b = nearly_full(X86_MAX_INSN);
    x86_call_abs(b, (const void *)0x123456789abcdef0u);
    assert_false(b->overflow);
    assert_int_equal(b->end - b->p, 3);
    b = nearly_full(X86_MAX_INSN);
    x86_mov_ri(b, 64, R15, 0x123456789abcdef0u);
    assert_false(b->overflow);
    x86_ret(b);                               /* 6 left: even a 1-byte insn is refused */
    assert_true(b->overflow);
    assert_int_equal(b->end - b->p, 6);

    /* Long nops need all their bytes, and at least X86_MAX_INSN. */
    b = nearly_full(20);
    x86_nop(b, 20);
    assert_false(b->overflow);
    assert_ptr_equal(b->p, b->end);
    b = nearly_full(19);
    x86_nop(b, 20);
    assert_true(b->overflow);
    assert_int_equal(b->end - b->p, 19);
    b = nearly_full(15);
    x86_nop(b, 2);
    assert_true(b->overflow);
    checks += 8;
}

static void patching(void **state)
{
    /* The returned offset is from b->start, not from the instruction. */
    struct x86_buf *b = fresh();
    x86_nop(b, 3);
    uint32_t off = x86_jcc_rel32(b, CC_NE, NULL);
    assert_int_equal(off, 5);
    x86_patch_rel32(code, off, code + 0x100);
    EXPECT_INSN(3, 6, "jne 0x1100");
    assert_memory_equal(code + 3, "\x0f\x85\xf7\x00\x00\x00", 6);

    /* Backward, and re-patching the same field. */
    b = fresh();
    x86_nop(b, 8);
    off = x86_jmp_rel32(b, NULL);
    assert_int_equal(off, 9);
    x86_patch_rel32(code, off, code);
    EXPECT_INSN(8, 5, "jmp 0x1000");
    assert_memory_equal(code + 8, "\xe9\xf3\xff\xff\xff", 5);
    x86_patch_rel32(code, off, code + 13);
    EXPECT_INSN(8, 5, "jmp 0x100d");
    assert_memory_equal(code + 9, "\x00\x00\x00\x00", 4);

    /* Aligned field (offset 12 = 4-byte aligned) and an unaligned one. */
    b = fresh();
    x86_nop(b, 10);
    off = x86_jcc_rel32(b, CC_B, code + 0x40);
    assert_int_equal(off, 12);
    x86_patch_rel32(code, off, code + 0x1f0);
    EXPECT_INSN(10, 6, "jb 0x11f0");
    b = fresh();
    x86_nop(b, 1);
    off = x86_jmp_rel32(b, code + 0x40);
    assert_int_equal(off, 2);
    x86_patch_rel32(code, off, code + 0x80);
    EXPECT_INSN(1, 5, "jmp 0x1080");
    assert_memory_equal(code + 1, "\xe9\x7a\x00\x00\x00", 5);
}

/* ------------------------------------------------------------------ host CPU */

static void hostcpu(void **state)
{
    host_cpu_detect();
    struct host_cpu first = host_cpu;
    host_cpu_detect();
    assert_memory_equal(&first, &host_cpu, sizeof first);

    /* GCC's own probe must agree (it also checks OS support for AVX). */
    __builtin_cpu_init();
    assert_int_equal(host_cpu.bmi1, !!__builtin_cpu_supports("bmi"));
    assert_int_equal(host_cpu.bmi2, !!__builtin_cpu_supports("bmi2"));
    assert_int_equal(host_cpu.lzcnt, !!__builtin_cpu_supports("lzcnt"));
    assert_int_equal(host_cpu.popcnt, !!__builtin_cpu_supports("popcnt"));
    assert_int_equal(host_cpu.movbe, !!__builtin_cpu_supports("movbe"));
    assert_int_equal(host_cpu.sse41, !!__builtin_cpu_supports("sse4.1"));
    assert_int_equal(host_cpu.sse42, !!__builtin_cpu_supports("sse4.2"));
    assert_int_equal(host_cpu.avx, !!__builtin_cpu_supports("avx"));
    assert_int_equal(host_cpu.avx2, !!__builtin_cpu_supports("avx2"));
    checks += 9;
}

/* ------------------------------------------------------------------ running it */

typedef uint64_t (*fn2)(uint64_t, uint64_t);

struct jit {
    uint8_t *mem;
    size_t size;
    struct x86_buf b;
};

/* Executable scratch memory; placed far from this binary when possible so calls into
 * the test itself need the movabs form. Skips the test if W+X mappings are refused. */
static void jit_open(struct jit *j)
{
    j->size = 1 << 16;
    void *hint = (void *)((uintptr_t)0x7e0000000000u);
    void *m = mmap(hint, j->size, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        skip();
    j->mem = m;
    j->b = (struct x86_buf){ j->mem, j->mem, j->mem + j->size, false };
}

static fn2 jit_fn(struct jit *j, uint8_t *entry)
{
    assert_false(j->b.overflow);
    return (fn2)(uintptr_t)entry;
}

static void jit_close(struct jit *j) { munmap(j->mem, j->size); }

static uint64_t helper_calls;
static uint64_t helper(uint64_t a, uint64_t c)
{
    helper_calls++;
    return a * 3 + c;
}

static void runs(void **state)
{
    struct jit j;
    jit_open(&j);
    struct x86_buf *b = &j.b;
    host_cpu_detect();

    /* setcc on rsi writes sil: the upper bytes of rsi survive, rdx is untouched. */
    uint8_t *f = b->p;
    x86_mov_rr(b, 64, RAX, RSI);
    x86_alu_rr(b, ALU_CMP, 64, RDI, RDI);
    x86_setcc(b, CC_E, RSI);
    x86_alu_rr(b, ALU_XOR, 64, RAX, RSI);
    x86_ret(b);
    assert_int_equal(jit_fn(&j, f)(5, 0x1234567890abcd00u), 1);

    /* The SIB corner cases as real loads: r12/r13/rbp bases, rsp with the stack. */
    static uint64_t data[64];
    for (int i = 0; i < 64; i++)
        data[i] = (uint64_t)i * 0x1001;
    f = b->p;
    x86_push(b, R12);
    x86_push(b, R13);
    x86_push(b, RBP);
    x86_mov_rr(b, 64, R12, RDI);
    x86_lea(b, 64, R13, x86_mem_bd(RDI, 8));
    x86_mov_rr(b, 64, RBP, RDI);
    x86_load(b, 8, false, 64, RAX, x86_mem_bd(R12, 0));                /* data[0] */
    x86_alu_rm(b, ALU_ADD, 64, RAX, x86_mem_bd(R13, 0));               /* data[1] */
    x86_alu_rm(b, ALU_ADD, 64, RAX, x86_mem_bd(RBP, 0));               /* data[0] */
    x86_alu_rm(b, ALU_ADD, 64, RAX, x86_mem_bid(R13, RSI, 8, -8));     /* data[rsi] */
    x86_alu_rm(b, ALU_ADD, 64, RAX, x86_mem_bid(RBP, RSI, 4, 0x40));   /* data[rsi/2 + 8] */
    x86_alu_rm(b, ALU_ADD, 64, RAX, x86_mem_bd(RSP, 0));               /* saved rbp */
    x86_alu_rm(b, ALU_SUB, 64, RAX, x86_mem_bd(RSP, 0));               /* ... minus it */
    x86_pop(b, RBP);
    x86_pop(b, R13);
    x86_pop(b, R12);
    x86_ret(b);
    assert_int_equal(jit_fn(&j, f)((uintptr_t)data, 10),
                     data[0] + data[1] + data[0] + data[10] + data[13]);

    /* A counted loop with a short backward jcc and a long forward one. */
    f = b->p;
    x86_mov_ri(b, 64, RAX, 0);
    uint8_t *top = b->p;
    x86_alu_rr(b, ALU_ADD, 64, RAX, RDI);
    x86_alu_ri(b, ALU_SUB, 64, RDI, 1);
    assert_true(x86_jcc_rel8(b, CC_NE, top));
    uint32_t fwd = x86_jmp_rel32(b, NULL);
    x86_ud2(b);
    x86_nop(b, 13);
    x86_patch_rel32(j.mem, fwd, b->p);
    x86_ret(b);
    assert_int_equal(jit_fn(&j, f)(100, 0), 5050);

    /* Far call into this binary (movabs r11 path when the mapping is far away). */
    f = b->p;
    x86_push(b, RBX);                         /* keeps the stack 16-byte aligned */
    uint8_t *call = b->p;
    int64_t dist = (int64_t)((uintptr_t)helper - (uintptr_t)(call + 5));
    x86_call_abs(b, (const void *)(uintptr_t)helper);
    assert_int_equal(b->p - call, dist == (int32_t)dist ? 5 : 13);
    x86_pop(b, RBX);
    x86_ret(b);
    helper_calls = 0;
    assert_int_equal(jit_fn(&j, f)(7, 4), 25);
    assert_int_equal(helper_calls, 1);

    /* Signed/unsigned narrow loads and immediate stores. */
    static uint8_t mem8[16] = { 0x80, 0xff, 0x34, 0x12, 0xfe, 0xff, 0xff, 0xff };
    f = b->p;
    x86_load(b, 1, true, 64, RAX, x86_mem_bd(RDI, 0));        /* -128 */
    x86_load(b, 2, false, 64, RCX, x86_mem_bd(RDI, 2));       /* 0x1234 */
    x86_alu_rr(b, ALU_ADD, 64, RAX, RCX);
    x86_load(b, 4, true, 64, RCX, x86_mem_bd(RDI, 4));        /* -2 */
    x86_alu_rr(b, ALU_ADD, 64, RAX, RCX);
    x86_store_imm(b, 8, -3, x86_mem_bd(RDI, 8));
    x86_alu_rm(b, ALU_ADD, 64, RAX, x86_mem_bd(RDI, 8));      /* -3 */
    x86_ret(b);
    assert_int_equal(jit_fn(&j, f)((uintptr_t)mem8, 0), (uint64_t)(0x1234 - 128 - 2 - 3));

    /* cmpxchg and xadd on real memory. */
    static uint64_t cell = 40;
    f = b->p;
    x86_mov_ri(b, 64, RAX, 40);
    x86_lock_cmpxchg(b, 8, x86_mem_bd(RDI, 0), RSI);          /* 40 -> rsi */
    x86_mov_ri(b, 64, RAX, 2);
    x86_lock_xadd(b, 8, x86_mem_bd(RDI, 0), RAX);             /* rax = rsi, cell += 2 */
    x86_ret(b);
    assert_int_equal(jit_fn(&j, f)((uintptr_t)&cell, 100), 100);
    assert_int_equal(cell, 102);

    /* SSE: (double)a / (double)c, truncated back. */
    f = b->p;
    x86_cvtsi2s(b, true, 64, XMM0, RDI);
    x86_cvtsi2s(b, true, 64, XMM9, RSI);
    x86_sse_rr(b, SSE_DIV, true, XMM0, XMM9);
    x86_cvtts2si(b, true, 64, RAX, XMM0);
    x86_ret(b);
    assert_int_equal(jit_fn(&j, f)(1000, 7), 142);

    /* Byte-swap helpers and the optional instructions this CPU has. */
    f = b->p;
    x86_mov_rr(b, 64, RAX, RDI);
    x86_bswap(b, 64, RAX);
    x86_rol16_8(b, RAX);
    x86_ret(b);
    assert_int_equal(jit_fn(&j, f)(0x0102030405060708u, 0), 0x0807060504030102u);
    if (host_cpu.bmi2) {
        f = b->p;
        x86_shiftx(b, SH_SAR, 64, R9, RDI, RSI);
        x86_mov_rr(b, 64, RAX, R9);
        x86_ret(b);
        assert_int_equal(jit_fn(&j, f)((uint64_t)-256, 4), (uint64_t)-16);
    }
    if (host_cpu.lzcnt) {
        f = b->p;
        x86_lzcnt(b, 64, RAX, RDI);
        x86_ret(b);
        assert_int_equal(jit_fn(&j, f)(0, 0), 64);
        assert_int_equal(jit_fn(&j, f)(1, 0), 63);
    }
    if (host_cpu.movbe) {
        static uint8_t be[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
        f = b->p;
        x86_movbe_load(b, 8, RAX, x86_mem_bd(RDI, 0));
        x86_ret(b);
        assert_int_equal(jit_fn(&j, f)((uintptr_t)be, 0), 0x0102030405060708u);
    }
    checks += 12;
    jit_close(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mov_rr),
        cmocka_unit_test(mov_ri),
        cmocka_unit_test(modrm_sib),
        cmocka_unit_test(loads),
        cmocka_unit_test(stores),
        cmocka_unit_test(lea),
        cmocka_unit_test(ext_rr),
        cmocka_unit_test(movbe),
        cmocka_unit_test(alu_rr),
        cmocka_unit_test(alu_ri),
        cmocka_unit_test(alu_mem),
        cmocka_unit_test(test_ops),
        cmocka_unit_test(shifts),
        cmocka_unit_test(unary_and_mul),
        cmocka_unit_test(byte_swaps_and_bits),
        cmocka_unit_test(setcc_cmov),
        cmocka_unit_test(atomics),
        cmocka_unit_test(branches),
        cmocka_unit_test(push_pop),
        cmocka_unit_test(call_abs),
        cmocka_unit_test(nops),
        cmocka_unit_test(sse_arith),
        cmocka_unit_test(sse_moves),
        cmocka_unit_test(sse_convert),
        cmocka_unit_test(sse_packed),
        cmocka_unit_test(overflow),
        cmocka_unit_test(patching),
        cmocka_unit_test(hostcpu),
        cmocka_unit_test(runs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
