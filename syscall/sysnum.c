/* Reverse lookups on the generated number tables. */
#include "syscall/sysnum.h"

#include <stddef.h>

int64_t sysnum_reverse(const struct sysnum_map *m, enum gsys g)
{
    if (g == GSYS_NONE)
        return -1;
    for (unsigned i = 0; i < m->count; i++)
        if (m->to_gsys[i] == g)
            return m->base + i;
    return -1;
}

const char *gsys_name(enum gsys g)
{
    if ((unsigned)g >= GSYS_COUNT)
        return NULL;
    return gsys_names[g];
}
