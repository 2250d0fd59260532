/* crossrun's SysV IPC and AIO layouts (syscall/layouts.h and the ABI tables) against the
 * guest kernel's uapi headers: meson compiles test_syscall_ipc_probe.c with each guest's
 * cross compiler to assembly and passes the file in SYSCALL_IPC_PROBE_<abi>. A layout
 * stores distinct values under each key; every member must hold its key's value (cut
 * to the member's size) at the header's offset, and the sizes must agree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "syscall/abi-tables.h"
#include "syscall/layouts.h"

struct probe {
    char name[64];
    long value;
};

struct probes {
    struct probe *v;
    size_t n, cap;
};

static void add_probe(struct probes *p, const char *name, long value)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 256;
        p->v = realloc(p->v, p->cap * sizeof *p->v);
        assert_non_null(p->v);
    }
    snprintf(p->v[p->n].name, sizeof p->v[p->n].name, "%s", name);
    p->v[p->n++].value = value;
}

/* "probe_NAME:" followed by ".word N" (.4byte, .long; zero may be .space/.zero). */
static int load_probes(const char *path, struct probes *p)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256], label[64] = "";
    while (fgets(line, sizeof line, f)) {
        long v;
        if (sscanf(line, "probe_%63[A-Za-z0-9_]:", label) == 1)
            continue;
        bool zero = sscanf(line, " .space %ld", &v) == 1 || sscanf(line, " .zero %ld", &v) == 1;
        if (label[0] && (zero || sscanf(line, " .word %ld", &v) == 1 ||
                         sscanf(line, " .4byte %ld", &v) == 1 ||
                         sscanf(line, " .long %ld", &v) == 1))
            add_probe(p, label, zero ? 0 : v);
        label[0] = 0;
    }
    fclose(f);
    return 0;
}

static bool find(const struct probes *p, const char *name, long *value)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->v[i].name, name)) {
            *value = p->v[i].value;
            return true;
        }
    return false;
}

struct member {
    const char *name;
    unsigned key;
    bool only32;                /* a high time word: 32-bit ABIs only */
};

static uint64_t load_n(const struct syscall_table *abi, const uint8_t *p, long size)
{
    switch (size) {
    case 1: return p[0];
    case 2: return abi_ld16(abi, p);
    case 4: return abi_ld32(abi, p);
    default: return abi_ld64(abi, p);
    }
}

static void check(const struct syscall_table *abi, const struct probes *p, const char *sname,
                  const struct gfield *lay, const struct member *m)
{
    char key[128];
    long size = 0, off = 0, msize = 0;
    snprintf(key, sizeof key, "sizeof_%s", sname);
    if (!find(p, key, &size))
        fail_msg("%s: no probe %s", abi->name, key);
    if ((long)gstruct_size(abi, lay) != size)
        fail_msg("%s: struct %s is %zu bytes, the kernel's %ld", abi->name, sname,
                 gstruct_size(abi, lay), size);
    uint64_t vals[64];
    /* Wide values show a member's width; the ids stay below 65535 (uid16 ABIs store
     * larger ones as the overflow id). */
    for (unsigned k = 0; k < 64; k++)
        vals[k] = k >= IPC_K_UID && k <= IPC_K_CGID ? 0x100u + k
                                                   : 0x0102030405060708ull * (k + 1) + k;
    uint8_t *buf = calloc(1, (size_t)size);
    gstruct_store(abi, lay, buf, vals);
    for (; m->name; m++) {
        snprintf(key, sizeof key, "%s_%s", sname, m->name);
        bool have = find(p, key, &off);
        if (!have && m->only32 && abi->word_size == 8)
            continue;
        if (!have)
            fail_msg("%s: no probe %s", abi->name, key);
        snprintf(key, sizeof key, "%s_%s_sz", sname, m->name);
        assert_true(find(p, key, &msize));
        uint64_t want = msize == 8 ? vals[m->key] : vals[m->key] & ((1ull << (msize * 8)) - 1);
        if (load_n(abi, buf + off, msize) != want)
            fail_msg("%s: %s.%s is not at offset %ld (%ld bytes)", abi->name, sname, m->name,
                     off, msize);
    }
    free(buf);
}

#define PERM_MEMBERS \
    { "key", IPC_K_KEY, false }, { "uid", IPC_K_UID, false }, { "gid", IPC_K_GID, false }, \
    { "cuid", IPC_K_CUID, false }, { "cgid", IPC_K_CGID, false }, \
    { "mode", IPC_K_MODE, false }, { "seq", IPC_K_SEQ, false }

static const struct member msqid64[] = {
    PERM_MEMBERS, { "stime", MSQ_K_STIME, false }, { "rtime", MSQ_K_RTIME, false },
    { "ctime", MSQ_K_CTIME, false }, { "stime_hi", MSQ_K_STIME_HI, true },
    { "rtime_hi", MSQ_K_RTIME_HI, true }, { "ctime_hi", MSQ_K_CTIME_HI, true },
    { "cbytes", MSQ_K_CBYTES, false }, { "qnum", MSQ_K_QNUM, false },
    { "qbytes", MSQ_K_QBYTES, false }, { "lspid", MSQ_K_LSPID, false },
    { "lrpid", MSQ_K_LRPID, false }, { NULL, 0, false }
};
static const struct member semid64[] = {
    PERM_MEMBERS, { "otime", SEM_K_OTIME, false }, { "ctime", SEM_K_CTIME, false },
    { "otime_hi", SEM_K_OTIME_HI, true }, { "ctime_hi", SEM_K_CTIME_HI, true },
    { "nsems", SEM_K_NSEMS, false }, { NULL, 0, false }
};
static const struct member shmid64[] = {
    PERM_MEMBERS, { "segsz", SHM_K_SEGSZ, false }, { "atime", SHM_K_ATIME, false },
    { "dtime", SHM_K_DTIME, false }, { "ctime", SHM_K_CTIME, false },
    { "atime_hi", SHM_K_ATIME_HI, true }, { "dtime_hi", SHM_K_DTIME_HI, true },
    { "ctime_hi", SHM_K_CTIME_HI, true }, { "cpid", SHM_K_CPID, false },
    { "lpid", SHM_K_LPID, false }, { "nattch", SHM_K_NATTCH, false }, { NULL, 0, false }
};
static const struct member msqid_old[] = {
    PERM_MEMBERS, { "stime", MSQ_K_STIME, false }, { "rtime", MSQ_K_RTIME, false },
    { "ctime", MSQ_K_CTIME, false }, { "lcbytes", MSQ_K_LCBYTES, false },
    { "lqbytes", MSQ_K_LQBYTES, false }, { "cbytes", MSQ_K_CBYTES, false },
    { "qnum", MSQ_K_QNUM, false }, { "qbytes", MSQ_K_QBYTES, false },
    { "lspid", MSQ_K_LSPID, false }, { "lrpid", MSQ_K_LRPID, false }, { NULL, 0, false }
};
static const struct member semid_old[] = {
    PERM_MEMBERS, { "otime", SEM_K_OTIME, false }, { "ctime", SEM_K_CTIME, false },
    { "nsems", SEM_K_NSEMS, false }, { NULL, 0, false }
};
static const struct member shmid_old[] = {
    PERM_MEMBERS, { "segsz", SHM_K_SEGSZ, false }, { "atime", SHM_K_ATIME, false },
    { "dtime", SHM_K_DTIME, false }, { "ctime", SHM_K_CTIME, false },
    { "cpid", SHM_K_CPID, false }, { "lpid", SHM_K_LPID, false },
    { "nattch", SHM_K_NATTCH, false }, { NULL, 0, false }
};
static const struct member seminfo[] = { { "0", 0, false }, { "9", 9, false }, { NULL, 0, false } };
static const struct member msginfo[] = {
    { "0", 0, false }, { "6", 6, false }, { "7", 7, false }, { NULL, 0, false }
};
static const struct member shminfo[] = { { "0", 0, false }, { "4", 4, false }, { NULL, 0, false } };
static const struct member shm_info[] = {
    { "0", 0, false }, { "1", 1, false }, { "5", 5, false }, { NULL, 0, false }
};
static const struct member sembuf[] = {
    { "0", 0, false }, { "1", 1, false }, { "2", 2, false }, { NULL, 0, false }
};
static const struct member iocb[] = {
    { "data", IOCB_K_DATA, false }, { "key", IOCB_K_KEY, false },
    { "rw_flags", IOCB_K_RW_FLAGS, false }, { "opcode", IOCB_K_OPCODE, false },
    { "reqprio", IOCB_K_REQPRIO, false }, { "fildes", IOCB_K_FILDES, false },
    { "buf", IOCB_K_BUF, false }, { "nbytes", IOCB_K_NBYTES, false },
    { "offset", IOCB_K_OFFSET, false }, { "flags", IOCB_K_FLAGS, false },
    { "resfd", IOCB_K_RESFD, false }, { NULL, 0, false }
};
static const struct member io_event[] = {
    { "0", 0, false }, { "1", 1, false }, { "2", 2, false }, { "3", 3, false }, { NULL, 0, false }
};

static const char *const abis[] = { "arm", "aarch64", "mips", "mipsel", "mips64el" };
enum { NABIS = sizeof abis / sizeof abis[0] };
static struct probes loaded[NABIS];
static unsigned checked;

static void layouts_match_headers(void **state)
{
    (void)state;
    for (unsigned i = 0; i < NABIS; i++) {
        const struct probes *p = &loaded[i];
        if (!p->n)
            continue;
        const struct syscall_table *abi = syscall_table_by_name(abis[i]);
        assert_non_null(abi);
        check(abi, p, "msqid64_ds", abi_msqid64_layout(abi), msqid64);
        check(abi, p, "semid64_ds", abi_semid64_layout(abi), semid64);
        check(abi, p, "shmid64_ds", abi_shmid64_layout(abi), shmid64);
        if (abi->ipc_old_layouts) {
            check(abi, p, "msqid_ds", abi_msqid_old_layout(abi), msqid_old);
            check(abi, p, "semid_ds", abi_semid_old_layout(abi), semid_old);
            check(abi, p, "shmid_ds", abi_shmid_old_layout(abi), shmid_old);
            check(abi, p, "shminfo", gl_shminfo_old, shminfo);
        }
        check(abi, p, "seminfo", gl_seminfo, seminfo);
        check(abi, p, "msginfo", gl_msginfo, msginfo);
        check(abi, p, "shminfo64", gl_shminfo64, shminfo);
        check(abi, p, "shm_info", gl_shm_info, shm_info);
        check(abi, p, "sembuf", gl_sembuf, sembuf);
        check(abi, p, "iocb", gl_iocb(abi), iocb);
        check(abi, p, "io_event", gl_io_event, io_event);
        checked++;
    }
}

int main(void)
{
    for (unsigned i = 0; i < NABIS; i++) {
        char var[64];
        snprintf(var, sizeof var, "SYSCALL_IPC_PROBE_%s", abis[i]);
        const char *path = getenv(var);
        if (!path || !*path) {
            fprintf(stderr, "test_syscall_ipc_layouts: no %s cross compiler: its layouts are "
                            "NOT checked\n", abis[i]);
            continue;
        }
        if (load_probes(path, &loaded[i]) < 0 || !loaded[i].n) {
            fprintf(stderr, "cannot read the probe file %s\n", path);
            return 1;
        }
    }
    const struct CMUnitTest tests[] = { cmocka_unit_test(layouts_match_headers) };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    printf("ABIs checked: %u\n", checked);
    return r ? r : checked ? 0 : 1;
}
