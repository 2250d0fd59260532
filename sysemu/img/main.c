/* crossrun-img: disk image tool with qemu-img's commands, options and exit codes. */
#include "sysemu/img/img.h"

#include <string.h>

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
};

static const struct command commands[] = {
    { "amend", cmd_amend, "amend [-f fmt] -o options filename" },
    { "bench", cmd_bench, "bench [-c count] [-d depth] [-f fmt] [-n] [-o offset] [-s size] "
                          "[-S step] [-w] filename" },
    { "check", cmd_check, "check [-f fmt] [--output=ofmt] [-r leaks|all] filename" },
    { "commit", cmd_commit, "commit [-f fmt] [-d] [-p] filename" },
    { "compare", cmd_compare, "compare [-f fmt] [-F fmt] [-p] [-s] filename1 filename2" },
    { "convert", cmd_convert, "convert [-c] [-p] [-n] [-W] [-f fmt] [-O output_fmt] "
                              "[-o options] [-B backing_file [-F backing_fmt]] "
                              "[-S sparse_size] [-t cache] "
                              "filename [filename2 [...]] output_filename" },
    { "create", cmd_create, "create [-f fmt] [-b backing_file [-F backing_fmt]] [-u] "
                            "[-o options] filename [size]" },
    { "dd", cmd_dd, "dd [-f fmt] [-O output_fmt] [bs=block_size] [count=blocks] "
                    "[skip=blocks] if=input of=output" },
    { "info", cmd_info, "info [-f fmt] [--output=ofmt] [--backing-chain] filename" },
    { "map", cmd_map, "map [-f fmt] [--output=ofmt] [--start-offset=offset] "
                      "[--max-length=len] filename" },
    { "measure", cmd_measure, "measure [--output=ofmt] [-O output_fmt] [-o options] "
                              "[--size N | [-f fmt] filename]" },
    { "rebase", cmd_rebase, "rebase [-f fmt] [-p] [-u] -b backing_file [-F backing_fmt] "
                            "filename" },
    { "resize", cmd_resize, "resize [-f fmt] [--shrink] [--preallocation=mode] filename "
                            "[+ | -]size" },
    { "snapshot", cmd_snapshot, "snapshot [-l | -a snapshot | -c snapshot | -d snapshot] "
                                "filename" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
    fprintf(f, "usage: crossrun-img [standard options] command [command options]\n"
               "Disk image utility (raw, qcow2 and the other formats of the block layer)\n\n"
               "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %s\n", commands[i].usage);
    fprintf(f, "\nSupported formats:");
    for (int i = 0; block_drivers[i]; i++)
        fprintf(f, " %s", block_drivers[i]->name);
    fprintf(f, "\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        img_error("Not enough arguments (try 'crossrun-img --help')");
        return 1;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
        printf("crossrun-img version 0.1.0 (qemu-img compatible commands)\n");
        return 0;
    }
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    img_error("Command not found: %s", argv[1]);
    return 1;
}
