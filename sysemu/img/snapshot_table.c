/* Snapshot list printing (see snapshot_table.h). */
#include "sysemu/img/snapshot_table.h"
#include "sysemu/img/img.h"

#include <time.h>

static void row(const char *id, const char *tag, const char *vmsize, const char *date,
                const char *clock, const char *icount)
{
    printf("%-9s %-17s %7s%20s%13s%11s\n", id, tag, vmsize, date, clock, icount);
}

void snapshot_table_print(const struct block_snapshot *sn, int n)
{
    row("ID", "TAG", "VM SIZE", "DATE", "VM CLOCK", "ICOUNT");
    for (int i = 0; i < n; i++) {
        char size[32], date[32], clock[32], icount[32] = "";
        img_human_size(sn[i].vm_state_size, size, sizeof(size));
        time_t t = (time_t)sn[i].date_sec;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
        uint64_t ms = sn[i].vm_clock_nsec / 1000000;
        snprintf(clock, sizeof(clock), "%02llu:%02llu:%02llu.%03llu",
                 (unsigned long long)(ms / 3600000), (unsigned long long)(ms / 60000 % 60),
                 (unsigned long long)(ms / 1000 % 60), (unsigned long long)(ms % 1000));
        if (sn[i].icount != UINT64_MAX)
            snprintf(icount, sizeof(icount), "%llu", (unsigned long long)sn[i].icount);
        row(sn[i].id, sn[i].name, size, date, clock, icount);
    }
}
