/* Run-time helpers for the AArch64 crypto extensions (AES, SHA1, SHA256) and CRC32.
 * Contract: helper_a64_crypto executes one instruction on the V registers in env (the
 * struct a64_cpu): desc = op | rd << 8 | rn << 16 | rm << 24, reading every source
 * before writing Vd (all 128 bits). It touches nothing else: call with A64_FP_CALL.
 * helper_a64_crc32 is pure: CRC32 (desc bit 8 clear) or CRC32C of the low
 * 'desc & 15' bytes of val into acc, bit-reflected, no inversions (as the
 * instructions define it). */
#ifndef TARGET_ARM_HELPER_A64_CRYPTO_H
#define TARGET_ARM_HELPER_A64_CRYPTO_H

#include <stdint.h>

enum a64_crypto_op {
    AC_AESE, AC_AESD, AC_AESMC, AC_AESIMC,
    AC_SHA1C, AC_SHA1P, AC_SHA1M, AC_SHA1SU0, AC_SHA256H, AC_SHA256H2, AC_SHA256SU1,
    AC_SHA1H, AC_SHA1SU1, AC_SHA256SU0,
};
static inline uint32_t a64_crypto_desc(unsigned op, unsigned rd, unsigned rn, unsigned rm)
{
    return op | rd << 8 | rn << 16 | rm << 24;
}
void helper_a64_crypto(void *env, uint32_t desc);
uint64_t helper_a64_crc32(uint64_t acc, uint64_t val, uint32_t desc);

#endif
