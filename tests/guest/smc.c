/* Self-modifying and generated code, as JITs and trampolines do it: ARM and Thumb
 * instructions written into an mmap'd RWX buffer, the cache flushed with
 * __builtin___clear_cache (libgcc -> the ARM cacheflush syscall 0xf0002), called, then
 * rewritten in place and called again - including code that has already run many times
 * (and is therefore translated and chained in the emulator), code reached again at the
 * same address after munmap/mmap, and a W^X flow with mprotect. The AArch64 build does
 * the same with A64 code (there the flush is DC CVAU + IC IVAU, inline) and has its own
 * expected/aarch64/smc.out; the MIPS builds too, with MIPS code (delay slots filled, the
 * flush through libgcc) and an expected/<guest>/smc.out of each. Not portable: machine
 * code. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#if !defined(__aarch64__) && !defined(__mips__)
typedef uint32_t (*fn0)(void);
typedef uint32_t (*fn2)(uint32_t, uint32_t);
typedef uint32_t (*fncb)(uint32_t, uint32_t, uint32_t (*)(uint32_t));

/* A32 encodings used below (condition AL). */
#define A_MOV_R0_IMM(i) (0xe3a00000u | (i))               /* mov r0, #imm8 */
#define A_ADD_R0_R0_R1 0xe0800001u                        /* add r0, r0, r1 */
#define A_SUB_R0_R0_R1 0xe0400001u                        /* sub r0, r0, r1 */
#define A_EOR_R0_R0_R1 0xe0200001u                        /* eor r0, r0, r1 */
#define A_ADD_R0_IMM(i) (0xe2800000u | (i))               /* add r0, r0, #imm8 */
#define A_SUBS_R1_1 0xe2511001u                           /* subs r1, r1, #1 */
#define A_BNE(words_back) (0x1a000000u | ((uint32_t)(-(words_back) - 2) & 0xffffff))
#define A_BX_LR 0xe12fff1eu                               /* bx lr */
#define A_PUSH_R4_LR 0xe92d4010u                          /* push {r4, lr} */
#define A_POP_R4_PC 0xe8bd8010u                           /* pop {r4, pc} */
#define A_MOV_R4_R1 0xe1a04001u                           /* mov r4, r1 */
#define A_BLX_R2 0xe12fff32u                              /* blx r2 */
#define A_BLX_R1 0xe12fff31u                              /* blx r1 */
#define A_ADD_R0_R0_R4 0xe0800004u                        /* add r0, r0, r4 */

static uint32_t a_movw(unsigned rd, uint32_t imm)         /* movw rd, #imm16 */
{
    return 0xe3000000u | ((imm >> 12) & 0xf) << 16 | rd << 12 | (imm & 0xfff);
}

static uint32_t a_movt(unsigned rd, uint32_t imm)         /* movt rd, #imm16 */
{
    return 0xe3400000u | ((imm >> 12) & 0xf) << 16 | rd << 12 | (imm & 0xfff);
}

/* T32 encodings. */
#define T_MOVS_R0_IMM(i) (uint16_t)(0x2000u | (i))        /* movs r0, #imm8 */
#define T_ADDS_R0_R0_R1 (uint16_t)0x1840u                 /* adds r0, r0, r1 */
#define T_ADDS_R0_IMM(i) (uint16_t)(0x3000u | (i))        /* adds r0, #imm8 */
#define T_BX_LR (uint16_t)0x4770u                         /* bx lr */

/* movw/movt rd, #imm16 (Thumb-2, 32-bit): returns the two halfwords in memory order. */
static void t_mov16(uint16_t *p, int top, unsigned rd, uint32_t imm)
{
    p[0] = (uint16_t)((top ? 0xf2c0u : 0xf240u) | ((imm >> 11) & 1) << 10 | ((imm >> 12) & 0xf));
    p[1] = (uint16_t)(((imm >> 8) & 7) << 12 | rd << 8 | (imm & 0xff));
}

static unsigned char *buf;
#define BUFSZ 8192

static void flush(void *p, size_t n) { __builtin___clear_cache((char *)p, (char *)p + n); }

static void put_arm(size_t off, const uint32_t *code, size_t n)
{
    memcpy(buf + off, code, n * 4);
    flush(buf + off, n * 4);
}

static void put_thumb(size_t off, const uint16_t *code, size_t n)
{
    memcpy(buf + off, code, n * 2);
    flush(buf + off, n * 2);
}

static fn0 arm0(size_t off) { return (fn0)(uintptr_t)(buf + off); }
static fn2 arm2(size_t off) { return (fn2)(uintptr_t)(buf + off); }
/* Thumb entry points have bit 0 set: blx to them switches to Thumb state. */
static fn0 thumb0(size_t off) { return (fn0)((uintptr_t)(buf + off) | 1); }
static fn2 thumb2(size_t off) { return (fn2)((uintptr_t)(buf + off) | 1); }

static uint32_t triple(uint32_t x) { return x * 3; }

int main(void)
{
    buf = mmap(NULL, BUFSZ, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
               -1, 0);
    if (buf == MAP_FAILED) {
        printf("mmap RWX failed\n");
        return 1;
    }

    /* 1. A constant function, then the same bytes rewritten with another constant. */
    uint32_t c1[] = {A_MOV_R0_IMM(42), A_BX_LR};
    put_arm(0, c1, 2);
    printf("arm const: %" PRIu32, arm0(0)());
    c1[0] = A_MOV_R0_IMM(99);
    put_arm(0, c1, 2);
    printf(" -> %" PRIu32 "\n", arm0(0)());

    /* 2. A hot function (called 10000 times), rewritten to a different operation. */
    uint32_t c2[] = {A_ADD_R0_R0_R1, A_BX_LR};
    put_arm(64, c2, 2);
    uint32_t acc = 0;
    for (uint32_t i = 0; i < 10000; i++)
        acc = arm2(64)(acc, i);
    printf("arm hot add: %" PRIu32, acc);
    static const uint32_t ops[] = {A_SUB_R0_R0_R1, A_EOR_R0_R0_R1, A_ADD_R0_R0_R1};
    for (int k = 0; k < 3; k++) {
        c2[0] = ops[k];
        put_arm(64, c2, 2);
        acc = 0;
        for (uint32_t i = 0; i < 1000; i++)
            acc = arm2(64)(acc, i * 7);
        printf(" -> %" PRIu32, acc);
    }
    printf("\n");

    /* 3. A loop whose body is patched: r0 += imm, r1 times. */
    uint32_t c3[] = {A_MOV_R0_IMM(0), A_ADD_R0_IMM(3), A_SUBS_R1_1, A_BNE(2), A_BX_LR};
    put_arm(128, c3, 5);
    printf("arm loop: %" PRIu32, arm2(128)(0, 10));
    c3[1] = A_ADD_R0_IMM(5);
    put_arm(128 + 4, &c3[1], 1);
    printf(" -> %" PRIu32 "\n", arm2(128)(0, 1000));

    /* 4. Generated code calling back into compiled C, twice with different glue. */
    uint32_t c4[] = {A_PUSH_R4_LR, A_MOV_R4_R1, A_BLX_R2, A_ADD_R0_R0_R4, A_POP_R4_PC};
    put_arm(256, c4, 5);
    fncb f4 = (fncb)(uintptr_t)(buf + 256);
    printf("arm callback: %" PRIu32, f4(5, 1000, triple));
    c4[3] = A_ADD_R0_IMM(1);
    put_arm(256, c4, 5);
    printf(" -> %" PRIu32 "\n", f4(5, 1000, triple));

    /* 5. Thumb: a 16-bit constant function rewritten, and a 32-bit movw/movt pair. */
    uint16_t t1[] = {T_MOVS_R0_IMM(7), T_BX_LR};
    put_thumb(512, t1, 2);
    printf("thumb const: %" PRIu32, thumb0(512)());
    t1[0] = T_MOVS_R0_IMM(200);
    put_thumb(512, t1, 2);
    printf(" -> %" PRIu32 "\n", thumb0(512)());
    uint16_t t2[5];
    t_mov16(&t2[0], 0, 0, 0x5678);
    t_mov16(&t2[2], 1, 0, 0x1234);
    t2[4] = T_BX_LR;
    put_thumb(544, t2, 5);
    printf("thumb movw/movt: %08" PRIx32, thumb0(544)());
    t_mov16(&t2[0], 0, 0, 0xf00d);
    t_mov16(&t2[2], 1, 0, 0xcafe);
    put_thumb(544, t2, 5);
    printf(" -> %08" PRIx32 "\n", thumb0(544)());

    /* 6. Thumb hot function rewritten. */
    uint16_t t3[] = {T_ADDS_R0_R0_R1, T_BX_LR};
    put_thumb(600, t3, 2);
    acc = 0;
    for (uint32_t i = 0; i < 5000; i++)
        acc = thumb2(600)(acc, i);
    printf("thumb hot: %" PRIu32, acc);
    uint16_t t4[] = {T_ADDS_R0_IMM(9), T_BX_LR};
    put_thumb(600, t4, 2);
    printf(" -> %" PRIu32 "\n", thumb2(600)(100, 5));

    /* 7. ARM code calling Thumb code in the same buffer (interworking by blx). */
    uint32_t c5[] = {A_PUSH_R4_LR, A_BLX_R1, A_ADD_R0_IMM(1), A_POP_R4_PC};
    put_arm(700, c5, 4);
    fn2 f5 = arm2(700);
    printf("arm->thumb: %" PRIu32, f5(0, (uint32_t)(uintptr_t)thumb0(512)));
    t1[0] = T_MOVS_R0_IMM(50);
    put_thumb(512, t1, 2);
    printf(" -> %" PRIu32 "\n", f5(0, (uint32_t)(uintptr_t)thumb0(512)));

    /* 8. 256 rewrites of the same instruction, each called once. */
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c[] = {a_movw(0, i * 257), A_BX_LR};
        put_arm(800, c, 2);
        sum += arm0(800)();
    }
    printf("256 rewrites: sum=%" PRIu32 " (want %" PRIu32 ")\n", sum, 257u * 255u * 128u);

    /* 9. W^X: write while RW, run while RX, switch back and forth. */
    unsigned char *wx = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                             -1, 0);
    uint32_t c6[] = {a_movw(0, 0xbeef), a_movt(0, 0xdead), A_BX_LR};
    memcpy(wx, c6, sizeof c6);
    flush(wx, sizeof c6);
    mprotect(wx, 4096, PROT_READ | PROT_EXEC);
    printf("w^x: %08" PRIx32, ((fn0)(uintptr_t)wx)());
    mprotect(wx, 4096, PROT_READ | PROT_WRITE);
    c6[0] = a_movw(0, 0x1111);
    memcpy(wx, c6, sizeof c6);
    flush(wx, sizeof c6);
    mprotect(wx, 4096, PROT_READ | PROT_EXEC);
    printf(" -> %08" PRIx32 "\n", ((fn0)(uintptr_t)wx)());

    /* 10. Unmap and map again at the same address: old translations must be gone. */
    munmap(wx, 4096);
    unsigned char *again = mmap(wx, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uint32_t c7[] = {a_movw(0, 0x7777), A_BX_LR};
    memcpy(again, c7, sizeof c7);
    flush(again, sizeof c7);
    printf("remapped same address=%d: %08" PRIx32 "\n", again == wx,
           ((fn0)(uintptr_t)again)());

    /* 11. The first function is still the rewritten one. */
    printf("first again: %" PRIu32 "\n", arm0(0)());
    return 0;
}
#elif defined(__aarch64__)
/* A64 encodings used below. */
#define X_MOVZ_W0(i) (0x52800000u | (uint32_t)(i) << 5)      /* movz w0, #imm16 */
#define X_MOVK_W0_16(i) (0x72a00000u | (uint32_t)(i) << 5)   /* movk w0, #imm16, lsl #16 */
#define X_RET 0xd65f03c0u
#define X_ADD_W0_W0_W1 0x0b010000u
#define X_SUB_W0_W0_W1 0x4b010000u
#define X_EOR_W0_W0_W1 0x4a010000u
#define X_ADD_W0_IMM(i) (0x11000000u | (uint32_t)(i) << 10)  /* add w0, w0, #imm12 */
#define X_SUBS_W1_1 0x71000421u                              /* subs w1, w1, #1 */
#define X_BNE(words_back) (0x54000001u | ((uint32_t)-(words_back) & 0x7ffff) << 5)
#define X_STP_FP_LR 0xa9be7bfdu                              /* stp x29, x30, [sp, #-32]! */
#define X_STR_X19 0xf9000bf3u                                /* str x19, [sp, #16] */
#define X_MOV_W19_W1 0x2a0103f3u                             /* mov w19, w1 */
#define X_BLR_X2 0xd63f0040u                                 /* blr x2 */
#define X_ADD_W0_W0_W19 0x0b130000u                          /* add w0, w0, w19 */
#define X_LDR_X19 0xf9400bf3u                                /* ldr x19, [sp, #16] */
#define X_LDP_FP_LR 0xa8c27bfdu                              /* ldp x29, x30, [sp], #32 */

typedef uint32_t (*fn0)(void);
typedef uint32_t (*fn2)(uint32_t, uint32_t);
typedef uint32_t (*fncb)(uint32_t, uint32_t, uint32_t (*)(uint32_t));

static unsigned char *buf;
#define BUFSZ 8192

static void flush(void *p, size_t n) { __builtin___clear_cache((char *)p, (char *)p + n); }

static void put(size_t off, const uint32_t *code, size_t n)
{
    memcpy(buf + off, code, n * 4);
    flush(buf + off, n * 4);
}

static fn0 f0(size_t off) { return (fn0)(uintptr_t)(buf + off); }
static fn2 f2(size_t off) { return (fn2)(uintptr_t)(buf + off); }

static uint32_t triple(uint32_t x) { return x * 3; }

int main(void)
{
    buf = mmap(NULL, BUFSZ, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
               -1, 0);
    if (buf == MAP_FAILED) {
        printf("mmap RWX failed\n");
        return 1;
    }

    /* 1. A constant function, then the same bytes rewritten with another constant. */
    uint32_t c1[] = {X_MOVZ_W0(42), X_RET};
    put(0, c1, 2);
    printf("a64 const: %" PRIu32, f0(0)());
    c1[0] = X_MOVZ_W0(99);
    put(0, c1, 2);
    printf(" -> %" PRIu32 "\n", f0(0)());

    /* 2. A hot function (called 10000 times), rewritten to a different operation. */
    uint32_t c2[] = {X_ADD_W0_W0_W1, X_RET};
    put(64, c2, 2);
    uint32_t acc = 0;
    for (uint32_t i = 0; i < 10000; i++)
        acc = f2(64)(acc, i);
    printf("a64 hot add: %" PRIu32, acc);
    static const uint32_t ops[] = {X_SUB_W0_W0_W1, X_EOR_W0_W0_W1, X_ADD_W0_W0_W1};
    for (int k = 0; k < 3; k++) {
        c2[0] = ops[k];
        put(64, c2, 2);
        acc = 0;
        for (uint32_t i = 0; i < 1000; i++)
            acc = f2(64)(acc, i * 7);
        printf(" -> %" PRIu32, acc);
    }
    printf("\n");

    /* 3. A loop whose body is patched: w0 += imm, w1 times. */
    uint32_t c3[] = {X_MOVZ_W0(0), X_ADD_W0_IMM(3), X_SUBS_W1_1, X_BNE(2), X_RET};
    put(128, c3, 5);
    printf("a64 loop: %" PRIu32, f2(128)(0, 10));
    c3[1] = X_ADD_W0_IMM(5);
    put(128 + 4, &c3[1], 1);
    printf(" -> %" PRIu32 "\n", f2(128)(0, 1000));

    /* 4. Generated code calling back into compiled C, twice with different glue. */
    uint32_t c4[] = {X_STP_FP_LR, X_STR_X19, X_MOV_W19_W1, X_BLR_X2, X_ADD_W0_W0_W19,
                     X_LDR_X19, X_LDP_FP_LR, X_RET};
    put(256, c4, 8);
    fncb f4 = (fncb)(uintptr_t)(buf + 256);
    printf("a64 callback: %" PRIu32, f4(5, 1000, triple));
    c4[4] = X_ADD_W0_IMM(1);
    put(256, c4, 8);
    printf(" -> %" PRIu32 "\n", f4(5, 1000, triple));

    /* 5. 256 rewrites of the same instruction, each called once. */
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c[] = {X_MOVZ_W0(i * 257), X_RET};
        put(800, c, 2);
        sum += f0(800)();
    }
    printf("256 rewrites: sum=%" PRIu32 " (want %" PRIu32 ")\n", sum, 257u * 255u * 128u);

    /* 6. W^X: write while RW, run while RX, switch back and forth. */
    unsigned char *wx = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                             -1, 0);
    uint32_t c6[] = {X_MOVZ_W0(0xbeef), X_MOVK_W0_16(0xdead), X_RET};
    memcpy(wx, c6, sizeof c6);
    flush(wx, sizeof c6);
    mprotect(wx, 4096, PROT_READ | PROT_EXEC);
    printf("w^x: %08" PRIx32, ((fn0)(uintptr_t)wx)());
    mprotect(wx, 4096, PROT_READ | PROT_WRITE);
    c6[0] = X_MOVZ_W0(0x1111);
    memcpy(wx, c6, sizeof c6);
    flush(wx, sizeof c6);
    mprotect(wx, 4096, PROT_READ | PROT_EXEC);
    printf(" -> %08" PRIx32 "\n", ((fn0)(uintptr_t)wx)());

    /* 7. Unmap and map again at the same address: old translations must be gone. */
    munmap(wx, 4096);
    unsigned char *again = mmap(wx, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uint32_t c7[] = {X_MOVZ_W0(0x7777), X_RET};
    memcpy(again, c7, sizeof c7);
    flush(again, sizeof c7);
    printf("remapped same address=%d: %08" PRIx32 "\n", again == wx,
           ((fn0)(uintptr_t)again)());

    /* 8. The first function is still the rewritten one. */
    printf("first again: %" PRIu32 "\n", f0(0)());
    return 0;
}
#else
/* MIPS encodings used below (o32 and n64 alike where they can be; 'or' is the move). */
#define M_ORI_V0(i) (0x34020000u | (i))                   /* ori v0, zero, imm16 */
#define M_ORI_V0_V0(i) (0x34420000u | (i))                /* ori v0, v0, imm16 */
#define M_LUI_V0(i) (0x3c020000u | (i))                   /* lui v0, imm16 */
#define M_ADDIU_V0_V0(i) (0x24420000u | (i))              /* addiu v0, v0, imm16 */
#define M_ADDU_V0_A0_A1 0x00851021u
#define M_SUBU_V0_A0_A1 0x00851023u
#define M_XOR_V0_A0_A1 0x00851026u
#define M_MOVE_V0_ZERO 0x00001021u                        /* addu v0, zero, zero */
#define M_ADDIU_A1_M1 0x24a5ffffu                         /* addiu a1, a1, -1 */
#define M_BNE_A1(words) (0x14a00000u | ((uint32_t)(words) & 0xffff))   /* bne a1, zero */
#define M_JR_RA 0x03e00008u
#define M_NOP 0u
#define M_MOVE_S0_A1 0x00a08025u                          /* or s0, a1, zero */
#define M_MOVE_T9_A2 0x00c0c825u                          /* or t9, a2, zero */
#define M_JALR_T9 0x0320f809u
#define M_ADDU_V0_V0_S0 0x00501021u
#if _MIPS_SIM == _ABI64
#define M_FRAME 0x67bdffe0u                               /* daddiu sp, sp, -32 */
#define M_SAVE_RA 0xffbf0018u                             /* sd ra, 24(sp) */
#define M_SAVE_S0 0xffb00010u                             /* sd s0, 16(sp) */
#define M_LOAD_RA 0xdfbf0018u
#define M_LOAD_S0 0xdfb00010u
#define M_UNFRAME 0x67bd0020u                             /* daddiu sp, sp, 32 */
#else
#define M_FRAME 0x27bdffe0u                               /* addiu sp, sp, -32 */
#define M_SAVE_RA 0xafbf001cu                             /* sw ra, 28(sp) */
#define M_SAVE_S0 0xafb00018u                             /* sw s0, 24(sp) */
#define M_LOAD_RA 0x8fbf001cu
#define M_LOAD_S0 0x8fb00018u
#define M_UNFRAME 0x27bd0020u                             /* addiu sp, sp, 32 */
#endif

typedef uint32_t (*fn0)(void);
typedef uint32_t (*fn2)(uint32_t, uint32_t);
typedef uint32_t (*fncb)(uint32_t, uint32_t, uint32_t (*)(uint32_t));

static unsigned char *buf;
#define BUFSZ 8192

/* libgcc's __clear_cache: synci and jr.hb, or the cacheflush system call. */
static void flush(void *p, size_t n) { __builtin___clear_cache((char *)p, (char *)p + n); }

static void put(size_t off, const uint32_t *code, size_t n)
{
    memcpy(buf + off, code, n * 4);
    flush(buf + off, n * 4);
}

static fn0 f0(size_t off) { return (fn0)(uintptr_t)(buf + off); }
static fn2 f2(size_t off) { return (fn2)(uintptr_t)(buf + off); }

static uint32_t triple(uint32_t x) { return x * 3; }

int main(void)
{
    buf = mmap(NULL, BUFSZ, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
               -1, 0);
    if (buf == MAP_FAILED) {
        printf("mmap RWX failed\n");
        return 1;
    }

    /* 1. A constant function, then the same bytes rewritten with another constant. */
    uint32_t c1[] = {M_JR_RA, M_ORI_V0(42)};
    put(0, c1, 2);
    printf("mips const: %" PRIu32, f0(0)());
    c1[1] = M_ORI_V0(99);
    put(0, c1, 2);
    printf(" -> %" PRIu32 "\n", f0(0)());

    /* 2. A hot function (called 10000 times), rewritten to a different operation. */
    uint32_t c2[] = {M_JR_RA, M_ADDU_V0_A0_A1};
    put(64, c2, 2);
    uint32_t acc = 0;
    for (uint32_t i = 0; i < 10000; i++)
        acc = f2(64)(acc, i);
    printf("mips hot add: %" PRIu32, acc);
    static const uint32_t ops[] = {M_SUBU_V0_A0_A1, M_XOR_V0_A0_A1, M_ADDU_V0_A0_A1};
    for (int k = 0; k < 3; k++) {
        c2[1] = ops[k];
        put(64, c2, 2);
        acc = 0;
        for (uint32_t i = 0; i < 1000; i++)
            acc = f2(64)(acc, i * 7);
        printf(" -> %" PRIu32, acc);
    }
    printf("\n");

    /* 3. A loop whose body is patched: v0 += imm, a1 times (the bne's delay slot is a nop,
     * jr's holds nothing either). */
    uint32_t c3[] = {M_MOVE_V0_ZERO, M_ADDIU_V0_V0(3), M_ADDIU_A1_M1, M_BNE_A1(-3), M_NOP,
                     M_JR_RA, M_NOP};
    put(128, c3, 7);
    printf("mips loop: %" PRIu32, f2(128)(0, 10));
    c3[1] = M_ADDIU_V0_V0(5);
    put(128 + 4, &c3[1], 1);
    printf(" -> %" PRIu32 "\n", f2(128)(0, 1000));

    /* 4. Generated code calling back into compiled C (through t9, as PIC callees want),
     * twice with different glue. */
    uint32_t c4[] = {M_FRAME, M_SAVE_RA, M_SAVE_S0, M_MOVE_S0_A1, M_MOVE_T9_A2, M_JALR_T9,
                     M_NOP, M_ADDU_V0_V0_S0, M_LOAD_RA, M_LOAD_S0, M_JR_RA, M_UNFRAME};
    put(256, c4, 12);
    fncb f4 = (fncb)(uintptr_t)(buf + 256);
    printf("mips callback: %" PRIu32, f4(5, 1000, triple));
    c4[7] = M_ADDIU_V0_V0(1);
    put(256, c4, 12);
    printf(" -> %" PRIu32 "\n", f4(5, 1000, triple));

    /* 5. 256 rewrites of the same instruction, each called once. */
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c[] = {M_JR_RA, M_ORI_V0(i * 257)};
        put(800, c, 2);
        sum += f0(800)();
    }
    printf("256 rewrites: sum=%" PRIu32 " (want %" PRIu32 ")\n", sum, 257u * 255u * 128u);

    /* 6. W^X: write while RW, run while RX, switch back and forth. */
    unsigned char *wx = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                             -1, 0);
    uint32_t c6[] = {M_LUI_V0(0xdead), M_JR_RA, M_ORI_V0_V0(0xbeef)};
    memcpy(wx, c6, sizeof c6);
    flush(wx, sizeof c6);
    mprotect(wx, 4096, PROT_READ | PROT_EXEC);
    printf("w^x: %08" PRIx32, ((fn0)(uintptr_t)wx)());
    mprotect(wx, 4096, PROT_READ | PROT_WRITE);
    c6[2] = M_ORI_V0_V0(0x1111);
    memcpy(wx, c6, sizeof c6);
    flush(wx, sizeof c6);
    mprotect(wx, 4096, PROT_READ | PROT_EXEC);
    printf(" -> %08" PRIx32 "\n", ((fn0)(uintptr_t)wx)());

    /* 7. Unmap and map again at the same address: old translations must be gone. */
    munmap(wx, 4096);
    unsigned char *again = mmap(wx, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uint32_t c7[] = {M_JR_RA, M_ORI_V0(0x7777)};
    memcpy(again, c7, sizeof c7);
    flush(again, sizeof c7);
    printf("remapped same address=%d: %08" PRIx32 "\n", again == wx,
           ((fn0)(uintptr_t)again)());

    /* 8. The first function is still the rewritten one. */
    printf("first again: %" PRIu32 "\n", f0(0)());
    return 0;
}
#endif
