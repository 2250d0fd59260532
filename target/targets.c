#include "target/target.h"
#include "target/arm/cpu.h"
#include "target/arm/cpu64.h"
#include "target/mips/cpu.h"

#include <string.h>

const struct target_ops *const target_list[] = {
    &arm_ops,
    &a64_ops,
    &mips_ops,
    &mipsel_ops,
    &mips64el_ops,
    NULL,
};

const struct target_ops *target_by_name(const char *name)
{
    for (const struct target_ops *const *t = target_list; *t; t++) {
        if (!strcmp((*t)->name, name))
            return *t;
        for (const char *const *a = (*t)->aliases; a && *a; a++)
            if (!strcmp(*a, name))
                return *t;
    }
    return NULL;
}
