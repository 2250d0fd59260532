/* struct sigevent conversion (see sigevent.h). */
#include "syscall/sigevent.h"

#include <errno.h>
#include <string.h>

#include "syscall/gstructs.h"
#include "syscall/layouts.h"

int get_sigevent(const struct syscall_table *abi, uint64_t addr, struct sigevent *sev)
{
    uint64_t v[SEV_K_COUNT];
    int r = get_struct(abi, gl_sigevent(abi), addr, v);
    if (r < 0)
        return r;
    memset(sev, 0, sizeof *sev);
    sev->sigev_notify = (int)v[SEV_K_NOTIFY];
    sev->sigev_value.sival_ptr = (void *)(uintptr_t)v[SEV_K_VALUE];
    sev->_sigev_un._tid = (int)v[SEV_K_TID];
    if (sev->sigev_notify != SIGEV_NONE) {
        int h = abi_sig_to_host(abi, (int)v[SEV_K_SIGNO]);
        if (!h && v[SEV_K_SIGNO])
            return -EINVAL;
        sev->sigev_signo = h;
    }
    return 0;
}
