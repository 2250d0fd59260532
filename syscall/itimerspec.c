/* struct itimerspec conversions. */
#include "syscall/itimerspec.h"

#include "syscall/gstructs.h"

static uint64_t one(const struct syscall_table *abi, bool time64)
{
    return gstruct_size(abi, time64 ? gs_timespec64 : gs_timespec);
}

int get_itimerspec(const struct syscall_table *abi, uint64_t addr, bool time64,
                   struct itimerspec *its)
{
    int r = get_timespec(abi, addr, time64, &its->it_interval);
    return r < 0 ? r : get_timespec(abi, addr + one(abi, time64), time64, &its->it_value);
}

int put_itimerspec(const struct syscall_table *abi, uint64_t addr, bool time64,
                   const struct itimerspec *its)
{
    int r = put_timespec(abi, addr, time64, &its->it_interval);
    int r2 = put_timespec(abi, addr + one(abi, time64), time64, &its->it_value);
    return r < 0 ? r : r2;
}
