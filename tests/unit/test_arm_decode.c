/* The 32-bit ARM front end on its own (no back end): guest encodings in, IR out.
 * Every valid A32/T16/T32 encoding below (assembled by GNU as for ARMv7-A with the
 * division and MP extensions) must translate without raising SIGILL, every invalid one
 * must raise it; a few IR shapes are checked too (flags only with S, conditional
 * instructions branch around themselves, IT state in the insn_start words, exits). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "syscall/mmap.h"
#include "target/arm/cpu.h"
#include "target/arm/translate.h"
#include "target/target.h"
#include "tcg/page.h"

#define CODE 0x10000u

struct enc {
    uint32_t insn;
    const char *text;
};

static const struct enc a32_valid[] = {
    { 0xf1080080, "cpsie i (a NOP in user mode)" },
    { 0xe0910182, "adds r0, r1, r2, lsl #3" },
    { 0xe24100ff, "sub r0, r1, #255" },
    { 0xe0e43675, "rsc r3, r4, r5, ror r6" },
    { 0xe1f00041, "mvns r0, r1, asr #32" },
    { 0xe1b00061, "rrxs r0, r1" },
    { 0xe3500102, "cmp r0, #-2147483648" },
    { 0xe1110332, "tst r1, r2, lsr r3" },
    { 0xe1310002, "teq r1, r2" },
    { 0xe3710004, "cmn r1, #4" },
    { 0x01a0f00e, "moveq pc, lr" },
    { 0xe08ff003, "add pc, pc, r3" },
    { 0xe3010234, "movw r0, #4660" },
    { 0xe3450678, "movt r0, #22136" },
    { 0xe128f000, "msr CPSR_f, r0" },
    { 0xe324f80f, "msr CPSR_s, #983040" },
    { 0xe10f0000, "mrs r0, CPSR" },
    { 0xe320f000, "nop {0}" },
    { 0xe320f001, "yield" },
    { 0xe320f002, "wfe" },
    { 0xe12fff1e, "bx lr" },
    { 0xe12fff33, "blx r3" },
    { 0xe16f0f11, "clz r0, r1" },
    { 0xe1020051, "qadd r0, r1, r2" },
    { 0xe1620051, "qdsub r0, r1, r2" },
    { 0xe1212374, "bkpt 0x1234" },
    { 0xe10032c1, "smlabt r0, r1, r2, r3" },
    { 0xe12002a1, "smulwb r0, r1, r2" },
    { 0xe12032c1, "smlawt r0, r1, r2, r3" },
    { 0xe14103a2, "smlaltb r0, r1, r2, r3" },
    { 0xe16002e1, "smultt r0, r1, r2" },
    { 0xe0000291, "mul r0, r1, r2" },
    { 0xe0303291, "mlas r0, r1, r2, r3" },
    { 0xe0410392, "umaal r0, r1, r2, r3" },
    { 0xe0603291, "mls r0, r1, r2, r3" },
    { 0xe0810392, "umull r0, r1, r2, r3" },
    { 0xe0f10392, "smlals r0, r1, r2, r3" },
    { 0xe1020091, "swp r0, r1, [r2]" },
    { 0xe1420091, "swpb r0, r1, [r2]" },
    { 0xe1910f9f, "ldrex r0, [r1]" },
    { 0xe1820f91, "strex r0, r1, [r2]" },
    { 0xe1b20f9f, "ldrexd r0, [r2]" },
    { 0xe1a24f90, "strexd r4, r0, [r2]" },
    { 0xe1d10f9f, "ldrexb r0, [r1]" },
    { 0xe1e20f91, "strexh r0, r1, [r2]" },
    { 0xe17100b2, "ldrh r0, [r1, #-2]!" },
    { 0xe08100b2, "strh r0, [r1], r2" },
    { 0xe19100d2, "ldrsb r0, [r1, r2]" },
    { 0xe05100f6, "ldrsh r0, [r1], #-6" },
    { 0xe1c200d8, "ldrd r0, [r2, #8]" },
    { 0xe04420f8, "strd r2, [r4], #-8" },
    { 0xe1cf01d0, "ldrd r0, [pc, #16]" },
    { 0xe0f100b2, "ldrht r0, [r1], #2" },
    { 0xe7b10102, "ldr r0, [r1, r2, lsl #2]!" },
    { 0xe51f0008, "ldr r0, [pc, #-8]" },
    { 0xe5010fff, "str r0, [r1, #-4095]" },
    { 0xe65101c2, "ldrb r0, [r1], -r2, asr #3" },
    { 0xe4e10001, "strbt r0, [r1], #1" },
    { 0xe49df004, "pop {pc}" },
    { 0xe6110f12, "sadd16 r0, r1, r2" },
    { 0xe6610ff2, "uqsub8 r0, r1, r2" },
    { 0xe6310f32, "shasx r0, r1, r2" },
    { 0xe6710f52, "uhsax r0, r1, r2" },
    { 0xe6810412, "pkhbt r0, r1, r2, lsl #8" },
    { 0xe6810852, "pkhtb r0, r1, r2, asr #16" },
    { 0xe6810472, "sxtab16 r0, r1, r2, ror #8" },
    { 0xe68f0072, "sxtb16 r0, r2" },
    { 0xe6810fb2, "sel r0, r1, r2" },
    { 0xe6a70211, "ssat r0, #8, r1, lsl #4" },
    { 0xe6a70f31, "ssat16 r0, #8, r1" },
    { 0xe6a10072, "sxtab r0, r1, r2" },
    { 0xe6af0872, "sxtb r0, r2, ror #16" },
    { 0xe6bf0f31, "rev r0, r1" },
    { 0xe6b10072, "sxtah r0, r1, r2" },
    { 0xe6bf0fb1, "rev16 r0, r1" },
    { 0xe6cf0071, "uxtb16 r0, r1" },
    { 0xe6e701d1, "usat r0, #7, r1, asr #3" },
    { 0xe6e70f31, "usat16 r0, #7, r1" },
    { 0xe6e10072, "uxtab r0, r1, r2" },
    { 0xe6ff0f31, "rbit r0, r1" },
    { 0xe6ff0071, "uxth r0, r1" },
    { 0xe6ff0fb1, "revsh r0, r1" },
    { 0xe7003211, "smlad r0, r1, r2, r3" },
    { 0xe700f231, "smuadx r0, r1, r2" },
    { 0xe7003251, "smlsd r0, r1, r2, r3" },
    { 0xe700f251, "smusd r0, r1, r2" },
    { 0xe710f211, "sdiv r0, r1, r2" },
    { 0xe730f211, "udiv r0, r1, r2" },
    { 0xe7410312, "smlald r0, r1, r2, r3" },
    { 0xe7410372, "smlsldx r0, r1, r2, r3" },
    { 0xe7503211, "smmla r0, r1, r2, r3" },
    { 0xe750f231, "smmulr r0, r1, r2" },
    { 0xe75032d1, "smmls r0, r1, r2, r3" },
    { 0xe780f211, "usad8 r0, r1, r2" },
    { 0xe7803211, "usada8 r0, r1, r2, r3" },
    { 0xe7a601d1, "sbfx r0, r1, #3, #7" },
    { 0xe7cb021f, "bfc r0, #4, #8" },
    { 0xe7cb0211, "bfi r0, r1, #4, #8" },
    { 0xe7ff0051, "ubfx r0, r1, #0, #32" },
    { 0xe92d4ff0, "push {r4, r5, r6, r7, r8, r9, sl, fp, lr}" },
    { 0xe8bd8ff0, "pop {r4, r5, r6, r7, r8, r9, sl, fp, pc}" },
    { 0xe9900006, "ldmib r0, {r1, r2}" },
    { 0xe8200006, "stmda r0!, {r1, r2}" },
    { 0xe8b00003, "ldm r0!, {r0, r1}" },
    { 0xeafffffe, "b 19c" },
    { 0xebfffffe, "bl 1a0" },
    { 0x1bfffffe, "blne 1a4" },
    { 0xef000000, "svc 0x00000000" },
    { 0xef900004, "svc 0x00900004" },
    { 0xee1d0f70, "mrc 15, 0, r0, cr13, cr0, {3}" },
    { 0xee1d0f50, "mrc 15, 0, r0, cr13, cr0, {2}" },
    { 0xee0d0f50, "mcr 15, 0, r0, cr13, cr0, {2}" },
    { 0xee070fba, "mcr 15, 0, r0, cr7, cr10, {5}" },
    { 0xf1010000, "setend le" },
    { 0xf5d0f040, "pld [r0, #64]" },
    { 0xf790f001, "pldw [r0, r1]" },
    { 0xf450f004, "pli [r0, #-4]" },
    { 0xf57ff01f, "clrex" },
    { 0xf57ff04f, "dsb sy" },
    { 0xf57ff05b, "dmb ish" },
    { 0xf57ff06f, "isb sy" },
    { 0xfafffffe, "blx 1e0" },
};

static const struct enc a32_invalid[] = {
    { 0xe7f000f0, "udf #0" },
    { 0xe1b0f00e, "movs pc, lr (exception return)" },
    { 0xe25ef004, "subs pc, lr, #4" },
    { 0xe8d00003, "ldm r0, {r0, r1}^" },
    { 0xe12fff3f, "blx pc" },
    { 0xe00f0291, "mul pc, r1, r2" },
    { 0xe1800f91, "strex r0, r1, [r0] (Rd == Rn)" },
    { 0xe1c010d0, "ldrd r1, r2, [r0] (odd Rt)" },
    { 0xe190ff9f, "ldrex pc, [r0]" },
    { 0xe5b00004, "ldr r0, [r0, #4]! (writeback to Rt)" },
    { 0xe7100211, "sdiv with Ra != pc" },
    { 0xe6000f10, "parallel add/sub, op1 00" },
    { 0xe1600070, "smc #0" },
    { 0xe1400070, "hvc #0" },
    { 0xe160006e, "eret" },
    { 0xf96d0513, "srsdb sp!, #19" },
    { 0xf8bd0a00, "rfeia sp!" },
    { 0xf1010200, "setend be" },
    { 0xe169f000, "msr SPSR_fc, r0" },
    { 0xe14f0000, "mrs r0, SPSR" },
    { 0xee0d0f70, "mcr p15, 0, r0, c13, c0, 3 (TPIDRURO is read-only)" },
    { 0xee110f10, "mrc p15, 0, r0, c1, c0, 0 (SCTLR)" },
    { 0xee000000, "cdp p0" },
    { 0xed900100, "ldc p1, c0, [r0]" },
    { 0xfe000010, "mcr2 p0" },
    { 0xf57ff00f, "unallocated barrier" },
};

static const struct enc t32_valid[] = {
    { 0xb662, "cpsie i (a NOP in user mode)" },
    { 0xf3af8100, "cps (a NOP in user mode)" },
    { 0x00c8, "lsls r0, r1, #3" },
    { 0x0808, "lsrs r0, r1, #32" },
    { 0x1048, "asrs r0, r1, #1" },
    { 0x1888, "adds r0, r1, r2" },
    { 0x1fc8, "subs r0, r1, #7" },
    { 0x20ff, "movs r0, #255" },
    { 0x2801, "cmp r0, #1" },
    { 0x30c8, "adds r0, #200" },
    { 0x3801, "subs r0, #1" },
    { 0x4008, "ands r0, r1" },
    { 0x4048, "eors r0, r1" },
    { 0x4088, "lsls r0, r1" },
    { 0x40c8, "lsrs r0, r1" },
    { 0x4108, "asrs r0, r1" },
    { 0x4148, "adcs r0, r1" },
    { 0x4188, "sbcs r0, r1" },
    { 0x41c8, "rors r0, r1" },
    { 0x4208, "tst r0, r1" },
    { 0x4248, "negs r0, r1" },
    { 0x4288, "cmp r0, r1" },
    { 0x42c8, "cmn r0, r1" },
    { 0x4308, "orrs r0, r1" },
    { 0x4348, "muls r0, r1" },
    { 0x4388, "bics r0, r1" },
    { 0x43c8, "mvns r0, r1" },
    { 0x44c8, "add r8, r9" },
    { 0x448f, "add pc, r1" },
    { 0x4588, "cmp r8, r1" },
    { 0x4688, "mov r8, r1" },
    { 0x46f7, "mov pc, lr" },
    { 0x4770, "bx lr" },
    { 0x4798, "blx r3" },
    { 0x4804, "ldr r0, [pc, #16]" },
    { 0x5088, "str r0, [r1, r2]" },
    { 0x5288, "strh r0, [r1, r2]" },
    { 0x5488, "strb r0, [r1, r2]" },
    { 0x5688, "ldrsb r0, [r1, r2]" },
    { 0x5888, "ldr r0, [r1, r2]" },
    { 0x5a88, "ldrh r0, [r1, r2]" },
    { 0x5c88, "ldrb r0, [r1, r2]" },
    { 0x5e88, "ldrsh r0, [r1, r2]" },
    { 0x67c8, "str r0, [r1, #124]" },
    { 0x6848, "ldr r0, [r1, #4]" },
    { 0x77c8, "strb r0, [r1, #31]" },
    { 0x7848, "ldrb r0, [r1, #1]" },
    { 0x87c8, "strh r0, [r1, #62]" },
    { 0x8848, "ldrh r0, [r1, #2]" },
    { 0x90ff, "str r0, [sp, #1020]" },
    { 0x9801, "ldr r0, [sp, #4]" },
    { 0xf20f0006, "addw r0, pc, #6" },
    { 0xa804, "add r0, sp, #16" },
    { 0xb004, "add sp, #16" },
    { 0xb0ff, "sub sp, #508" },
    { 0xb110, "cbz r0, 74" },
    { 0xb931, "cbnz r1, 7e" },
    { 0xb208, "sxth r0, r1" },
    { 0xb248, "sxtb r0, r1" },
    { 0xb288, "uxth r0, r1" },
    { 0xb2c8, "uxtb r0, r1" },
    { 0xb5f0, "push {r4, r5, r6, r7, lr}" },
    { 0xbdf0, "pop {r4, r5, r6, r7, pc}" },
    { 0xba08, "rev r0, r1" },
    { 0xba48, "rev16 r0, r1" },
    { 0xbac8, "revsh r0, r1" },
    { 0xbe03, "bkpt 0x0003" },
    { 0xbf00, "nop" },
    { 0xbf10, "yield" },
    { 0xc006, "stmia r0!, {r1, r2}" },
    { 0xc806, "ldmia r0!, {r1, r2}" },
    { 0xc803, "ldmia r0, {r0, r1}" },
    { 0xd0fe, "beq.n 8e" },
    { 0xdf00, "svc 0" },
    { 0xe7fe, "b.n 92" },
    { 0xf00120ff, "and.w r0, r1, #4278255360" },
    { 0xf421307f, "bic.w r0, r1, #261120" },
    { 0xf0410012, "orr.w r0, r1, #18" },
    { 0xf0610012, "orn r0, r1, #18" },
    { 0xf0914000, "eors.w r0, r1, #2147483648" },
    { 0xf0900f01, "teq r0, #1" },
    { 0xf5013080, "add.w r0, r1, #65536" },
    { 0xf11d0004, "adds.w r0, sp, #4" },
    { 0xf1100f02, "cmn.w r0, #2" },
    { 0xf1410001, "adc.w r0, r1, #1" },
    { 0xf1710001, "sbcs.w r0, r1, #1" },
    { 0xf1a13055, "sub.w r0, r1, #1431655765" },
    { 0xf1b01fab, "cmp.w r0, #11206827" },
    { 0xf1c10000, "rsb r0, r1, #0" },
    { 0xf04f7080, "mov.w r0, #16777216" },
    { 0xf07f0005, "mvns.w r0, #5" },
    { 0xf60170ff, "addw r0, r1, #4095" },
    { 0xf2ad0001, "subw r0, sp, #1" },
    { 0xf20f30e4, "addw r0, pc, #996" },
    { 0xf64f70ff, "movw r0, #65535" },
    { 0xf6cf70ff, "movt r0, #65535" },
    { 0xf30100cf, "ssat r0, #16, r1, lsl #3" },
    { 0xf3210003, "ssat16 r0, #4, r1" },
    { 0xf341005e, "sbfx r0, r1, #1, #31" },
    { 0xf361200f, "bfi r0, r1, #8, #8" },
    { 0xf36f000f, "bfc r0, #0, #16" },
    { 0xf3a10083, "usat r0, #3, r1, asr #2" },
    { 0xf3a10003, "usat16 r0, #3, r1" },
    { 0xf3c17081, "ubfx r0, r1, #30, #2" },
    { 0xea1100c2, "ands.w r0, r1, r2, lsl #3" },
    { 0xea101ff1, "tst.w r0, r1, ror #7" },
    { 0xea210062, "bic.w r0, r1, r2, asr #1" },
    { 0xea410032, "orr.w r0, r1, r2, rrx" },
    { 0xea4f00c1, "mov.w r0, r1, lsl #3" },
    { 0xea610002, "orn r0, r1, r2" },
    { 0xea6f0091, "mvn.w r0, r1, lsr #2" },
    { 0xea810002, "eor.w r0, r1, r2" },
    { 0xea900f01, "teq r0, r1" },
    { 0xeac11002, "pkhbt r0, r1, r2, lsl #4" },
    { 0xeac11022, "pkhtb r0, r1, r2, asr #4" },
    { 0xeb010082, "add.w r0, r1, r2, lsl #2" },
    { 0xeb100f01, "cmn.w r0, r1" },
    { 0xeb410002, "adc.w r0, r1, r2" },
    { 0xeb610002, "sbc.w r0, r1, r2" },
    { 0xebb10052, "subs.w r0, r1, r2, lsr #1" },
    { 0xebb00fe1, "cmp.w r0, r1, asr #3" },
    { 0xebc10002, "rsb r0, r1, r2" },
    { 0xe92d4ff0, "stmdb sp!, {r4, r5, r6, r7, r8, r9, sl, fp, lr}" },
    { 0xe8bd8ff0, "ldmia.w sp!, {r4, r5, r6, r7, r8, r9, sl, fp, pc}" },
    { 0xe8800006, "stmia.w r0, {r1, r2}" },
    { 0xe930000e, "ldmdb r0!, {r1, r2, r3}" },
    { 0xe8421001, "strex r0, r1, [r2, #4]" },
    { 0xe8510f02, "ldrex r0, [r1, #8]" },
    { 0xe9620102, "strd r0, r1, [r2, #-8]!" },
    { 0xe8f20104, "ldrd r0, r1, [r2], #16" },
    { 0xe95f0104, "ldrd r0, r1, [pc, #-16]" },
    { 0xe8c21f40, "strexb r0, r1, [r2]" },
    { 0xe8c21f50, "strexh r0, r1, [r2]" },
    { 0xe8c42370, "strexd r0, r2, r3, [r4]" },
    { 0xe8dff000, "tbb [pc, r0]" },
    { 0xe8d1f010, "tbh [r1, r0, lsl #1]" },
    { 0xe8d10f4f, "ldrexb r0, [r1]" },
    { 0xe8d10f5f, "ldrexh r0, [r1]" },
    { 0xe8d2017f, "ldrexd r0, r1, [r2]" },
    { 0xf00081f2, "beq.w 57c" },
    { 0xf3808800, "msr CPSR_f, r0" },
    { 0xf3af8000, "nop.w" },
    { 0xf3bf8f2f, "clrex" },
    { 0xf3bf8f4f, "dsb sy" },
    { 0xf3bf8f5b, "dmb ish" },
    { 0xf3bf8f6f, "isb sy" },
    { 0xf3ef8000, "mrs r0, CPSR" },
    { 0xf018bb4e, "b.w 18854" },
    { 0xf018fb4e, "bl 18858" },
    { 0xf000e9f2, "blx 5a4" },
    { 0xf8810fff, "strb.w r0, [r1, #4095]" },
    { 0xf8010c01, "strb.w r0, [r1, #-1]" },
    { 0xf8010b01, "strb.w r0, [r1], #1" },
    { 0xf8210d02, "strh.w r0, [r1, #-2]!" },
    { 0xf8210012, "strh.w r0, [r1, r2, lsl #1]" },
    { 0xf8c10008, "str.w r0, [r1, #8]" },
    { 0xf8410cff, "str.w r0, [r1, #-255]" },
    { 0xf84d0d04, "str.w r0, [sp, #-4]!" },
    { 0xf8910001, "ldrb.w r0, [r1, #1]" },
    { 0xf8110c01, "ldrb.w r0, [r1, #-1]" },
    { 0xf9910001, "ldrsb.w r0, [r1, #1]" },
    { 0xf9110901, "ldrsb.w r0, [r1], #-1" },
    { 0xf81f000a, "ldrb.w r0, [pc, #-10]" },
    { 0xf8110e02, "ldrbt r0, [r1, #2]" },
    { 0xf890f040, "pld [r0, #64]" },
    { 0xf810fc04, "pld [r0, #-4]" },
    { 0xf89ff00c, "pld [pc, #12]" },
    { 0xf990f008, "pli [r0, #8]" },
    { 0xf8b10002, "ldrh.w r0, [r1, #2]" },
    { 0xf9310012, "ldrsh.w r0, [r1, r2, lsl #1]" },
    { 0xf8bf0004, "ldrh.w r0, [pc, #4]" },
    { 0xf8d10004, "ldr.w r0, [r1, #4]" },
    { 0xf8510d04, "ldr.w r0, [r1, #-4]!" },
    { 0xf8510022, "ldr.w r0, [r1, r2, lsl #2]" },
    { 0xf85f0064, "ldr.w r0, [pc, #-100]" },
    { 0xf85dfb04, "ldr.w pc, [sp], #4" },
    { 0xfa01f002, "lsl.w r0, r1, r2" },
    { 0xfa31f002, "lsrs.w r0, r1, r2" },
    { 0xfa41f002, "asr.w r0, r1, r2" },
    { 0xfa71f002, "rors.w r0, r1, r2" },
    { 0xfa01f092, "sxtah r0, r1, r2, ror #8" },
    { 0xfa0ff081, "sxth.w r0, r1" },
    { 0xfa11f082, "uxtah r0, r1, r2" },
    { 0xfa1ff0a1, "uxth.w r0, r1, ror #16" },
    { 0xfa21f082, "sxtab16 r0, r1, r2" },
    { 0xfa2ff081, "sxtb16 r0, r1" },
    { 0xfa31f082, "uxtab16 r0, r1, r2" },
    { 0xfa3ff081, "uxtb16 r0, r1" },
    { 0xfa41f082, "sxtab r0, r1, r2" },
    { 0xfa4ff081, "sxtb.w r0, r1" },
    { 0xfa51f082, "uxtab r0, r1, r2" },
    { 0xfa5ff081, "uxtb.w r0, r1" },
    { 0xfa91f002, "sadd16 r0, r1, r2" },
    { 0xfaa1f012, "qasx r0, r1, r2" },
    { 0xfae1f022, "shsax r0, r1, r2" },
    { 0xfad1f002, "ssub16 r0, r1, r2" },
    { 0xfa81f002, "sadd8 r0, r1, r2" },
    { 0xfac1f002, "ssub8 r0, r1, r2" },
    { 0xfa91f042, "uadd16 r0, r1, r2" },
    { 0xfa81f052, "uqadd8 r0, r1, r2" },
    { 0xfac1f062, "uhsub8 r0, r1, r2" },
    { 0xfa82f081, "qadd r0, r1, r2" },
    { 0xfa82f091, "qdadd r0, r1, r2" },
    { 0xfa82f0a1, "qsub r0, r1, r2" },
    { 0xfa82f0b1, "qdsub r0, r1, r2" },
    { 0xfa91f081, "rev.w r0, r1" },
    { 0xfa91f091, "rev16.w r0, r1" },
    { 0xfa91f0a1, "rbit r0, r1" },
    { 0xfa91f0b1, "revsh.w r0, r1" },
    { 0xfaa1f082, "sel r0, r1, r2" },
    { 0xfab1f081, "clz r0, r1" },
    { 0xfb013002, "mla r0, r1, r2, r3" },
    { 0xfb01f002, "mul.w r0, r1, r2" },
    { 0xfb013012, "mls r0, r1, r2, r3" },
    { 0xfb113002, "smlabb r0, r1, r2, r3" },
    { 0xfb11f022, "smultb r0, r1, r2" },
    { 0xfb213002, "smlad r0, r1, r2, r3" },
    { 0xfb21f012, "smuadx r0, r1, r2" },
    { 0xfb313002, "smlawb r0, r1, r2, r3" },
    { 0xfb31f012, "smulwt r0, r1, r2" },
    { 0xfb413002, "smlsd r0, r1, r2, r3" },
    { 0xfb41f012, "smusdx r0, r1, r2" },
    { 0xfb513002, "smmla r0, r1, r2, r3" },
    { 0xfb51f012, "smmulr r0, r1, r2" },
    { 0xfb613002, "smmls r0, r1, r2, r3" },
    { 0xfb713002, "usada8 r0, r1, r2, r3" },
    { 0xfb71f002, "usad8 r0, r1, r2" },
    { 0xfb820103, "smull r0, r1, r2, r3" },
    { 0xfb91f0f2, "sdiv r0, r1, r2" },
    { 0xfba20103, "umull r0, r1, r2, r3" },
    { 0xfbb1f0f2, "udiv r0, r1, r2" },
    { 0xfbc20103, "smlal r0, r1, r2, r3" },
    { 0xfbc20193, "smlalbt r0, r1, r2, r3" },
    { 0xfbc201c3, "smlald r0, r1, r2, r3" },
    { 0xfbd201d3, "smlsldx r0, r1, r2, r3" },
    { 0xfbe20103, "umlal r0, r1, r2, r3" },
    { 0xfbe20163, "umaal r0, r1, r2, r3" },
    { 0xee1d0f70, "mrc 15, 0, r0, cr13, cr0, {3}" },
    { 0xee0d1f50, "mcr 15, 0, r1, cr13, cr0, {2}" },
};

static const struct enc t32_invalid[] = {
    { 0xde00, "udf #0" },
    { 0xbff8, "it with firstcond 1111" },
    { 0x44ff, "add pc, pc" },
    { 0x47f8, "blx pc" },
    { 0xba80, "unallocated REV form" },
    { 0xbc00, "pop {}" },
    { 0xc800, "ldmia r0!, {}" },
    { 0xb658, "setend be" },
    { 0xf7f1a000, "udf.w #4096 (0xf7f0a000 is the Linux breakpoint: SIGTRAP)" },
    { 0xe810c000, "rfedb r0" },
    { 0xf3de8f00, "subs pc, lr, #0" },
    { 0xf7f08000, "smc #0" },
    { 0xe8bd2000, "ldmia sp!, {sp}" },
    { 0xfb01ff02, "mul pc, r1, r2" },
    { 0xfab1f002, "parallel add/sub, unallocated op1" },
    { 0xee0d0f70, "mcr p15, 0, r0, c13, c0, 3" },
    { 0xe8d0f00f, "tbb [r0, pc]" },
};

static struct ir ir;

static int setup(void **state)
{
    if (guest_space_init(32, 12, 0, 0) < 0)
        return -1;
    guest_mmap_init(0xb7000000u, 0xbf000000u);
    if (guest_mmap(CODE, 0x1000, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != CODE)
        return -1;
    ir_init(&ir, 32);
    ir.pc_offset = (int)offsetof(struct cpu_common, pc);
    arm_ops.ir_init(&ir);
    return 0;
}

/* Places the code (T32 instructions as two halfwords) and translates up to n
 * instructions of it. */
static void translate(const uint32_t *words, unsigned count, bool thumb, unsigned n)
{
    uint8_t *p = g2h(CODE);
    for (unsigned i = 0; i < count; i++) {
        uint32_t w = words[i];
        if (!thumb) {
            memcpy(p, &w, 4);
            p += 4;
            continue;
        }
        uint16_t hw[2] = { (uint16_t)(w >> 16), (uint16_t)w };
        if (w >> 16)
            memcpy(p, hw, 4), p += 4;
        else
            memcpy(p, &hw[1], 2), p += 2;
    }
    ir_reset(&ir);
    struct tr_ctx ctx = {
        .ir = &ir, .tb = NULL, .pc = CODE, .flags = thumb ? ARM_TBF_THUMB : 0,
        .pc_next = CODE, .max_insns = n, .page_first = ~0ull, .page_last = ~0ull,
    };
    arm_ops.translate(&ctx);
}

static bool raises_udef(void)
{
    for (uint32_t i = 0; i < ir.nb_ops; i++) {
        const struct ir_op *op = &ir.ops[i];
        if (op->opc == IR_st_i32 && op->args[2] == offsetof(struct cpu_common, exception)) {
            const struct ir_temp *v = &ir.temps[op->args[0]];
            if (v->kind == IRK_CONST && v->val == EXCP_UDEF)
                return true;
        }
    }
    return false;
}

static unsigned count_ops(enum ir_opc opc)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < ir.nb_ops; i++)
        n += ir.ops[i].opc == opc;
    return n;
}

/* Does any op write this global? */
/* Does some op compute a new value for g? (A discard only declares it dead.) */
static bool writes(ir_i32 g)
{
    for (uint32_t i = 0; i < ir.nb_ops; i++)
        for (unsigned o = 0; o < ir.ops[i].nb_oargs && ir.ops[i].opc != IR_discard; o++)
            if (ir.ops[i].args[o] == g.t)
                return true;
    return false;
}

static void check_list(const struct enc *list, size_t n, bool thumb, bool valid)
{
    unsigned bad = 0;
    for (size_t i = 0; i < n; i++) {
        translate(&list[i].insn, 1, thumb, 1);
        if (raises_udef() == valid) {
            printf("%s %08x %-40s %s\n", thumb ? "T32" : "A32", list[i].insn, list[i].text,
                   valid ? "raised SIGILL" : "was accepted");
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void a32_valid_translate(void **state)
{
    check_list(a32_valid, sizeof a32_valid / sizeof *a32_valid, false, true);
}

static void a32_invalid_raise(void **state)
{
    check_list(a32_invalid, sizeof a32_invalid / sizeof *a32_invalid, false, false);
}

static void t32_valid_translate(void **state)
{
    check_list(t32_valid, sizeof t32_valid / sizeof *t32_valid, true, true);
}

static void t32_invalid_raise(void **state)
{
    check_list(t32_invalid, sizeof t32_invalid / sizeof *t32_invalid, true, false);
}

static void flags_only_with_s(void **state)
{
    static const uint32_t adds = 0xe0910002, add = 0xe0810002;   /* adds/add r0, r1, r2 */
    /* C and V of an add are lazy: its operands and cc_op are recorded (cpu.h) */
    translate(&adds, 1, false, 1);
    assert_true(writes(arm_NF) && writes(arm_ZF) && writes(arm_CCOP) && writes(arm_CCA) &&
                writes(arm_CCB));
    translate(&add, 1, false, 1);
    assert_false(writes(arm_NF) || writes(arm_ZF) || writes(arm_CF) || writes(arm_VF) ||
                 writes(arm_CCOP) || writes(arm_CCA) || writes(arm_CCB));
}

static void conditional_skips(void **state)
{
    static const uint32_t addeq = 0x00810002, add = 0xe0810002;
    translate(&addeq, 1, false, 1);
    assert_int_equal(count_ops(IR_brcond_i32), 1);
    assert_int_equal(count_ops(IR_set_label), 1);
    translate(&add, 1, false, 1);
    assert_int_equal(count_ops(IR_brcond_i32), 0);
}

static void exits(void **state)
{
    static const uint32_t bx_lr = 0xe12fff1e, b_self = 0xeafffffe, bxeq_lr = 0x012fff1e;
    translate(&bx_lr, 1, false, 4);
    assert_int_equal(count_ops(IR_goto_ptr), 1);
    assert_int_equal(count_ops(IR_goto_tb), 0);
    translate(&b_self, 1, false, 4);
    assert_int_equal(count_ops(IR_goto_tb), 1);
    translate(&bxeq_lr, 1, false, 4);        /* taken: jump cache; not taken: next insn */
    assert_int_equal(count_ops(IR_goto_ptr), 1);
    assert_int_equal(count_ops(IR_goto_tb), 1);
}

/* ite eq; moveq r0, #1; movne r0, #2; nop: two conditional moves, the IT state in each
 * insn_start extra word (ITSTATE | thumb << 8). */
static void it_block(void **state)
{
    static const uint32_t code[] = { 0xbf0c, 0x2001, 0x2002, 0xbf00 };
    static const uint64_t extra[] = { 0x100, 0x10c, 0x118, 0x100 };
    translate(code, 4, true, 4);
    assert_int_equal(count_ops(IR_brcond_i32), 2);
    unsigned k = 0;
    for (uint32_t i = 0; i < ir.nb_ops; i++) {
        if (ir.ops[i].opc != IR_insn_start)
            continue;
        assert_true(k < 4);
        assert_int_equal(ir.ops[i].args[0], CODE + 2 * k);
        assert_int_equal(ir.ops[i].args[1], extra[k]);
        k++;
    }
    assert_int_equal(k, 4);
    /* the NE move does not set flags inside the block */
    assert_false(writes(arm_NF));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a32_valid_translate),
        cmocka_unit_test(a32_invalid_raise),
        cmocka_unit_test(t32_valid_translate),
        cmocka_unit_test(t32_invalid_raise),
        cmocka_unit_test(flags_only_with_s),
        cmocka_unit_test(conditional_skips),
        cmocka_unit_test(exits),
        cmocka_unit_test(it_block),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
