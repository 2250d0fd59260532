/* syscall-table: prints, from the code itself, which Linux system calls crossrun's generic
 * layer implements for each guest ABI, as a Markdown table (one row per call the ABIs
 * define; each cell the ABI's number, or "ENOSYS" when crossrun returns that, or "-"
 * when the ABI has no such call), then a count per ABI. Calls a target answers itself
 * before the generic layer (ARM's private cacheflush/set_tls, MIPS set_thread_area,
 * cacheflush and sysmips) show as ENOSYS here. Not installed; built for the notes. */
#include <stdio.h>

#include "syscall/abi-tables.h"
#include "syscall/syscall.h"
#include "syscall/sysnum.h"

int main(void)
{
    unsigned nabi = 0, impl[16] = { 0 }, defined[16] = { 0 };
    printf("| call |");
    for (const struct syscall_table *const *t = syscall_tables; *t; t++, nabi++)
        printf(" %s |", (*t)->name);
    printf("\n|---|");
    for (unsigned i = 0; i < nabi; i++)
        printf("---|");
    printf("\n");
    for (int g = GSYS_NONE + 1; g < GSYS_COUNT; g++) {
        char row[1024];
        int n = snprintf(row, sizeof row, "| %s |", gsys_name((enum gsys)g));
        bool any = false;
        for (unsigned i = 0; i < nabi && n < (int)sizeof row; i++) {
            int64_t nr = sysnum_reverse(syscall_tables[i]->numbers, (enum gsys)g);
            if (nr < 0) {
                n += snprintf(row + n, sizeof row - n, " - |");
                continue;
            }
            any = true;
            defined[i]++;
            bool has = syscall_def_of((enum gsys)g) != NULL;
            impl[i] += has;
            n += has ? snprintf(row + n, sizeof row - n, " %lld |", (long long)nr)
                     : snprintf(row + n, sizeof row - n, " ENOSYS |");
        }
        if (any)
            printf("%s\n", row);
    }
    printf("\n");
    for (unsigned i = 0; i < nabi; i++)
        printf("%s: %u of the ABI's %u calls implemented\n", syscall_tables[i]->name, impl[i],
               defined[i]);
    return 0;
}
