#include "tcg/disas.h"

#include <capstone/capstone.h>

#include "common/log.h"

void disas_log(int arch, int mode, const uint8_t *code, size_t len, uint64_t addr)
{
    csh h;
    if (cs_open((cs_arch)arch, (cs_mode)mode, &h) != CS_ERR_OK) {
        log_printf("  (no disassembler for this code)\n");
        return;
    }
    while (len > 0) {
        cs_insn *insn;
        size_t n = cs_disasm(h, code, len, addr, 0, &insn);
        size_t used = 0;
        for (size_t i = 0; i < n; i++) {
            log_printf("  0x%08llx:  %-8s %s\n", (unsigned long long)insn[i].address,
                       insn[i].mnemonic, insn[i].op_str);
            used += insn[i].size;
        }
        if (n)
            cs_free(insn, n);
        if (used >= len)
            break;
        /* undecodable bytes: show them and move on by the smallest unit */
        size_t step = arch == CS_ARCH_X86 ? 1 : (mode & CS_MODE_THUMB) ? 2 : 4;
        log_printf("  0x%08llx:  .byte", (unsigned long long)(addr + used));
        for (size_t i = 0; i < step && used + i < len; i++)
            log_printf(" 0x%02x", code[used + i]);
        log_printf("\n");
        code += used + step;
        addr += used + step;
        len = len > used + step ? len - used - step : 0;
    }
    cs_close(&h);
}

void disas_log_host(const uint8_t *code, size_t len)
{
    disas_log(CS_ARCH_X86, CS_MODE_64, code, len, (uint64_t)(uintptr_t)code);
}
