/* snapshot: lists (-l), creates (-c), applies (-a) and deletes (-d) internal snapshots. */
#include "sysemu/img/img.h"
#include "sysemu/img/snapshot_table.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int run(struct block_dev *bs, char action, const char *name)
{
    const struct block_driver *d = bs->drv;
    if (action == 'l') {
        struct block_snapshot *sn = NULL;
        int n = d->snapshot_list ? d->snapshot_list(bs, &sn) : 0;
        if (n > 0) {
            printf("Snapshot list:\n");
            snapshot_table_print(sn, n);
        }
        free(sn);
        return n < 0 ? n : 0;
    }
    if (!d->snapshot_create)
        return block_fail(-95, "format '%s' does not support internal snapshots", d->name);
    if (action == 'a')
        return d->snapshot_goto(bs, name);
    if (action == 'd')
        return d->snapshot_delete(bs, name);
    /* qemu-img records an instruction count of 0 (it runs no guest); so do we. */
    struct block_snapshot sn = { .icount = 0 };
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    sn.date_sec = (uint32_t)ts.tv_sec;
    sn.date_nsec = (uint32_t)(ts.tv_nsec / 1000 * 1000);
    if (strlen(name) >= sizeof(sn.name))
        return block_fail(-22, "snapshot name too long");
    snprintf(sn.name, sizeof(sn.name), "%s", name);
    return d->snapshot_create(bs, &sn);
}

int cmd_snapshot(int argc, char **argv)
{
    const char *fmt = NULL, *name = NULL;
    char action = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "la:c:d:f:qUh", NULL, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c == 'l' || c == 'a' || c == 'c' || c == 'd') {
            if (action) {
                img_error("Cannot mix '-l', '-a', '-c', '-d'");
                return 1;
            }
            action = (char)c;
            name = optarg;
        } else if (c != 'q' && c != 'U') {
            img_error("usage: snapshot [-l | -a snapshot | -c snapshot | -d snapshot] filename");
            return 1;
        }
    }
    if (!action || optind != argc - 1) {
        img_error("Expecting one of -l/-a/-c/-d and one image file name");
        return 1;
    }
    int flags = BLOCK_O_NO_BACKING | (action == 'l' ? 0 : BLOCK_O_RDWR);
    struct block_dev *bs = img_open(argv[optind], fmt, flags);
    if (!bs)
        return 1;
    int r = run(bs, action, name);
    if (r == 0)
        r = block_flush(bs);
    if (r < 0) {
        const char *verb = action == 'c' ? "create" : action == 'a' ? "apply" :
                           action == 'd' ? "delete" : "list";
        char what[512];
        snprintf(what, sizeof(what), "Could not %s snapshot '%s'", verb, name ? name : "");
        img_block_error(what, r);
    }
    block_close(bs);
    return r < 0 ? 1 : 0;
}
