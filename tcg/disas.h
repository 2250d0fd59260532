/* Disassembly for -d in_asm / out_asm through capstone. Kept apart from the back end
 * because capstone's headers and ours both name an enum x86_reg. */
#ifndef TCG_DISAS_H
#define TCG_DISAS_H

#include <stddef.h>
#include <stdint.h>

/* Logs len bytes of code at host address code, shown at address addr. */
void disas_log(int cs_arch, int cs_mode, const uint8_t *code, size_t len, uint64_t addr);
/* Host (x86-64) code. */
void disas_log_host(const uint8_t *code, size_t len);

#endif
