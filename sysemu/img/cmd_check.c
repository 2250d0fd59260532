/* check: consistency of an image, optionally repaired (-r leaks|all).  Exit codes as
 * qemu-img: 0 clean, 1 not checked because of an error, 2 corruptions, 3 leaks only,
 * 63 the format cannot be checked (or, with -r, repaired). */
#include "sysemu/img/img.h"
#include "sysemu/img/json.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

static void print_human(const char *file, const struct block_check *c, bool quiet)
{
    for (int i = 0; i < c->nmessages && !quiet; i++)
        fprintf(stderr, "%s\n", c->messages[i]);
    if (!c->corruptions && !c->leaks && !c->check_errors) {
        printf("No errors were found on the image.\n");
    } else {
        if (c->corruptions)
            printf("\n%d errors were found on the image.\nData may be corrupted, or further "
                   "writes to the image may corrupt it.\n", c->corruptions);
        if (c->leaks)
            printf("\n%d leaked clusters were found on the image.\nThis means waste of disk "
                   "space, but no harm to data.\n", c->leaks);
        if (c->check_errors)
            printf("\n%d internal errors have occurred during the check.\n", c->check_errors);
    }
    if (c->has_cluster_stats && c->total_clusters)
        printf("%llu/%llu = %.2f%% allocated, %.2f%% fragmented, %.2f%% compressed clusters\n",
               (unsigned long long)c->allocated_clusters,
               (unsigned long long)c->total_clusters,
               c->allocated_clusters * 100.0 / c->total_clusters,
               c->allocated_clusters ? c->fragmented_clusters * 100.0 / c->allocated_clusters : 0,
               c->allocated_clusters ? c->compressed_clusters * 100.0 / c->allocated_clusters : 0);
    if (c->image_end_offset)
        printf("Image end offset: %llu\n", (unsigned long long)c->image_end_offset);
    (void)file;
}

static void print_json(const char *file, const char *fmt, const struct block_check *c)
{
    struct json j;
    json_init(&j, stdout);
    json_begin_object(&j, NULL);
    if (c->image_end_offset)
        json_uint(&j, "image-end-offset", c->image_end_offset);
    if (c->corruptions)
        json_int(&j, "corruptions", c->corruptions);
    if (c->leaks)
        json_int(&j, "leaks", c->leaks);
    if (c->corruptions_fixed)
        json_int(&j, "corruptions-fixed", c->corruptions_fixed);
    if (c->leaks_fixed)
        json_int(&j, "leaks-fixed", c->leaks_fixed);
    /* As qemu-img: cluster counts that are zero are left out. */
    if (c->compressed_clusters)
        json_uint(&j, "compressed-clusters", c->compressed_clusters);
    if (c->has_cluster_stats)
        json_uint(&j, "total-clusters", c->total_clusters);
    json_int(&j, "check-errors", c->check_errors);
    if (c->has_cluster_stats && c->allocated_clusters)
        json_uint(&j, "allocated-clusters", c->allocated_clusters);
    if (c->fragmented_clusters)
        json_uint(&j, "fragmented-clusters", c->fragmented_clusters);
    json_str(&j, "filename", file);
    json_str(&j, "format", fmt);
    json_end_object(&j);
    json_finish(&j);
}

static int exit_code(const struct block_check *c)
{
    if (c->check_errors)
        return 1;
    if (c->corruptions)
        return 2;
    return c->leaks ? 3 : 0;
}

/* Runs the driver's check; with fix, reports the repairs and checks once more.  Returns 0,
 * or the exit code of a failure: 63 when the format cannot repair (as qemu-img), else 1. */
static int run_check(struct block_dev *bs, int fix, bool json, bool quiet, struct block_check *c)
{
    int r = bs->drv->check(bs, c, fix);
    if (r < 0) {
        img_block_error(bs->filename, r);
        return r == -ENOTSUP && fix ? 63 : 1;
    }
    if (!fix || (!c->leaks_fixed && !c->corruptions_fixed))
        return 0;
    if (!json && !quiet)
        printf("The following inconsistencies were found and repaired:\n\n"
               "    %d leaked clusters\n    %d corruptions\n\nDouble checking the fixed "
               "image now...\n", c->leaks_fixed, c->corruptions_fixed);
    struct block_check again = { 0 };
    r = bs->drv->check(bs, &again, 0);
    if (r < 0) {
        img_block_error(bs->filename, r);
        block_check_free(&again);
        return 1;
    }
    again.leaks_fixed = c->leaks_fixed;
    again.corruptions_fixed = c->corruptions_fixed;
    block_check_free(c);
    *c = again;
    return 0;
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'O' },
        { "repair", required_argument, NULL, 'r' }, { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };
    const char *fmt = NULL;
    bool json = false, quiet = false;
    int fix = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:r:qUh", longopts, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c == 'O') {
            if (!img_parse_output(optarg, &json))
                return 1;
        } else if (c == 'q')
            quiet = true;
        else if (c == 'r') {
            if (!strcmp(optarg, "leaks"))
                fix = BLOCK_FIX_LEAKS;
            else if (!strcmp(optarg, "all"))
                fix = BLOCK_FIX_LEAKS | BLOCK_FIX_ERRORS;
            else {
                img_error("Unknown option value for -r (expecting 'leaks' or 'all'): %s",
                          optarg);
                return 1;
            }
        } else if (c != 'U') {
            img_error("usage: check [-f fmt] [--output=ofmt] [-r leaks|all] filename");
            return 1;
        }
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    int flags = BLOCK_O_CHECK | BLOCK_O_NO_BACKING | (fix ? BLOCK_O_RDWR : 0);
    struct block_dev *bs = img_open(argv[optind], fmt, flags);
    if (!bs)
        return 1;
    if (!bs->drv->check) {
        img_error("This image format does not support checks");
        block_close(bs);
        return 63;
    }
    struct block_check res = { 0 };
    int ret = run_check(bs, fix, json, quiet, &res);
    if (ret == 0) {
        if (json)
            print_json(argv[optind], bs->drv->name, &res);
        else if (!quiet)
            print_human(argv[optind], &res, quiet);
        ret = exit_code(&res);
    }
    block_check_free(&res);
    block_close(bs);
    return ret;
}
