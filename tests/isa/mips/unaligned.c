/* lwl/lwr and swl/swr (the unaligned-word pairs, ulw/usw) at every byte offset, alone and
 * as pairs, in the guest's byte order; ldl/ldr and sdl/sdr on MIPS64. Each partial store
 * must leave the neighbouring bytes alone. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t mem[32] __attribute__((aligned(8)));

static void fill(void)
{
    for (int i = 0; i < 32; i++)
        mem[i] = (uint8_t)(0x10 + i);
}

static void dump(const char *what)
{
    printf("%-10s", what);
    for (int i = 0; i < 16; i++)
        printf(" %02x", mem[i]);
    printf("\n");
}

int main(void)
{
    fill();
    for (int off = 0; off < 4; off++) {
        uint32_t l = 0xaaaaaaaa, r = 0xbbbbbbbb, u;
        const uint8_t *p = mem + 4 + off;
        __asm__ volatile("lwl %0, 0(%1)" : "+r"(l) : "r"(p));
        __asm__ volatile("lwr %0, 0(%1)" : "+r"(r) : "r"(p));
        __asm__ volatile("ulw %0, 0(%1)" : "=&r"(u) : "r"(p));
        printf("off %d: lwl=%08" PRIx32 " lwr=%08" PRIx32 " ulw=%08" PRIx32 "\n", off, l, r, u);
    }
    for (int off = 0; off < 4; off++) {
        char name[16];
        uint8_t *p = mem + 4 + off;
        fill();
        __asm__ volatile("swl %0, 0(%1)" : : "r"(0xc1c2c3c4u), "r"(p) : "memory");
        snprintf(name, sizeof name, "swl +%d", off);
        dump(name);
        fill();
        __asm__ volatile("swr %0, 0(%1)" : : "r"(0xc1c2c3c4u), "r"(p) : "memory");
        snprintf(name, sizeof name, "swr +%d", off);
        dump(name);
        fill();
        __asm__ volatile("usw %0, 0(%1)" : : "r"(0xc1c2c3c4u), "r"(p) : "memory");
        snprintf(name, sizeof name, "usw +%d", off);
        dump(name);
    }
#if _MIPS_SIM == _ABI64
    for (int off = 0; off < 8; off += 3) {
        uint64_t l = 0xaaaaaaaaaaaaaaaaull, r = 0xbbbbbbbbbbbbbbbbull;
        const uint8_t *p = mem + 8 + off;
        fill();
        __asm__ volatile("ldl %0, 0(%1)" : "+r"(l) : "r"(p));
        __asm__ volatile("ldr %0, 0(%1)" : "+r"(r) : "r"(p));
        printf("off %d: ldl=%016" PRIx64 " ldr=%016" PRIx64 "\n", off, l, r);
        char name[16];
        uint8_t *q = mem + off;
        __asm__ volatile("sdl %0, 0(%1)" : : "r"(0xd1d2d3d4d5d6d7d8ull), "r"(q) : "memory");
        snprintf(name, sizeof name, "sdl +%d", off);
        dump(name);
        fill();
        __asm__ volatile("sdr %0, 0(%1)" : : "r"(0xd1d2d3d4d5d6d7d8ull), "r"(q) : "memory");
        snprintf(name, sizeof name, "sdr +%d", off);
        dump(name);
    }
#endif
    return 0;
}
