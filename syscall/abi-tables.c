/* The list of compiled-in guest ABIs. */
#include "syscall/abi-tables.h"

#include <string.h>

const struct syscall_table *const syscall_tables[] = {
    &syscall_table_arm,
    &syscall_table_mips,
    &syscall_table_mipsel,
    &syscall_table_mips64el,
    &syscall_table_aarch64,
    NULL,
};

const struct syscall_table *syscall_table_by_name(const char *name)
{
    for (const struct syscall_table *const *t = syscall_tables; *t; t++)
        if (!strcmp((*t)->name, name))
            return *t;
    return NULL;
}
