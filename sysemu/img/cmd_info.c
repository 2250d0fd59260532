/* info: what an image is (format, sizes, backing file, snapshots, format-specific fields),
 * human or JSON, optionally for the whole backing chain. */
#include "sysemu/img/img.h"
#include "sysemu/img/json.h"
#include "sysemu/img/snapshot_table.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t actual_size(struct block_dev *bs)
{
    uint64_t bytes = 0;
    if (bs->drv->allocated_size && bs->drv->allocated_size(bs, &bytes) == 0)
        return bytes;
    struct stat st;
    return fstat(bs->fd, &st) == 0 ? (uint64_t)st.st_blocks * 512 : 0;
}

/* Writes the format-specific fields from index *i up to the END closing their level. */
static void json_fields(struct json *j, const struct block_info *in, int *i)
{
    while (*i < in->nfields) {
        const struct block_field *f = &in->fields[(*i)++];
        switch (f->type) {
        case BLOCK_FIELD_STR: json_str(j, f->key, f->str); break;
        case BLOCK_FIELD_INT: json_int(j, f->key, f->num); break;
        case BLOCK_FIELD_BOOL: json_bool(j, f->key, f->num != 0); break;
        case BLOCK_FIELD_OBJECT:
            json_begin_object(j, f->key);
            json_fields(j, in, i);
            json_end_object(j);
            break;
        case BLOCK_FIELD_LIST:
            json_begin_array(j, f->key);
            json_fields(j, in, i);
            json_end_array(j);
            break;
        case BLOCK_FIELD_END:
            return;
        }
    }
}

static void human_key(const char *key, int indent)
{
    printf("%*s", indent, "");
    for (const char *p = key; *p; p++)
        putchar(*p == '-' ? ' ' : *p);
    printf(":");
}

static void human_fields(const struct block_info *in, int *i, int indent)
{
    int index = 0;
    while (*i < in->nfields) {
        const struct block_field *f = &in->fields[(*i)++];
        if (f->type == BLOCK_FIELD_END)
            return;
        if (f->key)
            human_key(f->key, indent);
        else
            printf("%*s[%d]:", indent, "", index++);
        switch (f->type) {
        case BLOCK_FIELD_STR: printf(" %s\n", f->str); break;
        case BLOCK_FIELD_INT: printf(" %lld\n", (long long)f->num); break;
        case BLOCK_FIELD_BOOL: printf(" %s\n", f->num ? "true" : "false"); break;
        default:
            printf("\n");
            human_fields(in, i, indent + 4);
        }
    }
}

static void json_snapshots(struct json *j, const struct block_snapshot *sn, int n)
{
    json_begin_array(j, "snapshots");
    for (int i = 0; i < n; i++) {
        json_begin_object(j, NULL);
        if (sn[i].icount != UINT64_MAX)
            json_uint(j, "icount", sn[i].icount);
        json_uint(j, "vm-clock-nsec", sn[i].vm_clock_nsec % 1000000000);
        json_str(j, "name", sn[i].name);
        json_uint(j, "date-sec", sn[i].date_sec);
        json_uint(j, "date-nsec", sn[i].date_nsec);
        json_uint(j, "vm-clock-sec", sn[i].vm_clock_nsec / 1000000000);
        json_str(j, "id", sn[i].id);
        json_uint(j, "vm-state-size", sn[i].vm_state_size);
        json_end_object(j);
    }
    json_end_array(j);
}

static void print_json(struct json *j, struct block_dev *bs, const struct block_info *in,
                       const struct block_snapshot *sn, int nsn)
{
    json_begin_object(j, NULL);
    if (nsn > 0)
        json_snapshots(j, sn, nsn);
    if (bs->backing_fmt[0] && bs->backing_file[0])
        json_str(j, "backing-filename-format", bs->backing_fmt);
    json_uint(j, "virtual-size", bs->size);
    json_str(j, "filename", bs->filename);
    if (in->cluster_size)
        json_uint(j, "cluster-size", in->cluster_size);
    json_str(j, "format", bs->drv->name);
    json_uint(j, "actual-size", actual_size(bs));
    if (in->specific_type) {
        int i = 0;
        json_begin_object(j, "format-specific");
        json_str(j, "type", in->specific_type);
        json_begin_object(j, "data");
        json_fields(j, in, &i);
        json_end_object(j);
        json_end_object(j);
    }
    if (bs->backing_file[0]) {
        char full[4096 + 256];
        if (block_backing_path(bs, full, sizeof(full)) == 0)
            json_str(j, "full-backing-filename", full);
        json_str(j, "backing-filename", bs->backing_file);
    }
    json_bool(j, "dirty-flag", in->dirty);
    json_end_object(j);
}

static void print_human(struct block_dev *bs, const struct block_info *in,
                        const struct block_snapshot *sn, int nsn)
{
    char vs[32], ds[32];
    img_human_size(bs->size, vs, sizeof(vs));
    img_human_size(actual_size(bs), ds, sizeof(ds));
    printf("image: %s\nfile format: %s\nvirtual size: %s (%llu bytes)\ndisk size: %s\n",
           bs->filename, bs->drv->name, vs, (unsigned long long)bs->size, ds);
    if (in->cluster_size)
        printf("cluster_size: %llu\n", (unsigned long long)in->cluster_size);
    if (bs->backing_file[0]) {
        char full[4096 + 256];
        printf("backing file: %s", bs->backing_file);
        if (block_backing_path(bs, full, sizeof(full)) == 0 && strcmp(full, bs->backing_file))
            printf(" (actual path: %s)", full);
        printf("\n");
        if (bs->backing_fmt[0])
            printf("backing file format: %s\n", bs->backing_fmt);
    }
    if (nsn > 0) {
        printf("Snapshot list:\n");
        snapshot_table_print(sn, nsn);
    }
    if (in->specific_type) {
        int i = 0;
        printf("Format specific information:\n");
        human_fields(in, &i, 4);
    }
}

static int info_one(struct block_dev *bs, bool json, struct json *j)
{
    struct block_info in;
    int r = block_get_info(bs, &in);
    if (r < 0) {
        img_block_error(bs->filename, r);
        return 1;
    }
    struct block_snapshot *sn = NULL;
    int nsn = bs->drv->snapshot_list ? bs->drv->snapshot_list(bs, &sn) : 0;
    if (json)
        print_json(j, bs, &in, sn, nsn);
    else
        print_human(bs, &in, sn, nsn);
    free(sn);
    block_info_free(&in);
    return 0;
}

int cmd_info(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'O' },
        { "backing-chain", no_argument, NULL, 'B' }, { "force-share", no_argument, NULL, 'U' },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
    };
    const char *fmt = NULL;
    bool json = false, chain = false;
    int c;
    while ((c = getopt_long(argc, argv, "f:hU", longopts, NULL)) != -1) {
        if (c == 'f')
            fmt = optarg;
        else if (c == 'O' && !img_parse_output(optarg, &json))
            return 1;
        else if (c == 'B')
            chain = true;
        else if (c == 'h' || c == '?') {
            img_error("usage: info [-f fmt] [--output=ofmt] [--backing-chain] filename");
            return c == 'h' ? 0 : 1;
        }
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    struct block_dev *bs = img_open(argv[optind], fmt, chain ? 0 : BLOCK_O_NO_BACKING);
    if (!bs)
        return 1;
    struct json j;
    json_init(&j, stdout);
    if (json && chain)
        json_begin_array(&j, NULL);
    int r = 0;
    for (struct block_dev *b = bs; b && r == 0; b = chain ? b->backing : NULL) {
        if (!json && b != bs)
            printf("\n");
        r = info_one(b, json, &j);
    }
    if (json && chain)
        json_end_array(&j);
    if (json)
        json_finish(&j);
    block_close(bs);
    return r;
}
