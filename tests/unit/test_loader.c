/* The ELF loader (loader/elf.c, loader/stack.c): detection, good and malformed files,
 * and the initial stack read back from guest memory.
 * ELF files are built here for three fake targets (32-bit little-endian like ARM,
 * 32-bit big-endian, 64-bit), so the test does not depend on any real target. When the
 * ARM cross compiler was found at build time, LOADER_DATA names a directory holding a
 * static, a dynamic and a no-libc PIE ARM program; those are loaded too, and malformed
 * variants are derived from them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/elf_internal.h"
#include "loader/loader.h"
#include "syscall/mmap.h"
#include "target/target.h"
#include "tcg/page.h"

/* --- fake targets --- */

static int special_calls;

static uint64_t fake_hwcap(void) { return 0x1234567; }
static uint64_t fake_hwcap2(void) { return 0x12; }

static int fake_special_pages(void)
{
    special_calls++;
    int64_t r = guest_mmap(0xffff0000, 0x1000, PROT_READ | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return r < 0 ? (int)r : 0;
}

static const char *eabi5_only(uint32_t flags)
{
    return (flags & 0xff000000) == 0x05000000 ? NULL : "not an EABI version 5 program";
}

static const struct target_ops fake_arm = {
    .name = "fakearm", .elf_machine = EM_ARM, .elf_class = ELFCLASS32,
    .elf_data = ELFDATA2LSB, .elf_check_flags = eabi5_only,
    .addr_bits = 32, .page_bits = 12, .task_size = 0xbf000000, .stack_top = 0xbf000000,
    .mmap_base = 0xb7000000, .pie_base = 0x7f555000, .interp_base = 0,
    .platform = "v7l", .hwcap = fake_hwcap, .hwcap2 = fake_hwcap2,
    .map_special_pages = fake_special_pages,
};

static const struct target_ops fake_be = {
    .name = "fakebe", .elf_machine = EM_PPC, .elf_class = ELFCLASS32,
    .elf_data = ELFDATA2MSB, .addr_bits = 32, .big_endian = true, .page_bits = 12,
    .task_size = 0x80000000, .stack_top = 0x7fff0000, .mmap_base = 0x70000000,
    .pie_base = 0x10000000, .hwcap = fake_hwcap,
};

static const struct target_ops fake_64 = {
    .name = "fake64", .elf_machine = EM_AARCH64, .elf_class = ELFCLASS64,
    .elf_data = ELFDATA2LSB, .addr_bits = 64, .page_bits = 12, .task_size = 0xf0000000,
    .stack_top = 0xf0000000, .mmap_base = 0xe0000000, .pie_base = 0x55550000,
    .interp_base = 0xd0000000, .platform = "aarch64", .hwcap = fake_hwcap,
    .hwcap2 = fake_hwcap2,
};

static const struct target_ops *const fake_list[] = { &fake_be, &fake_arm, &fake_64, NULL };

static void space_for(const struct target_ops *t)
{
    assert_int_equal(guest_space_init(t->addr_bits, t->page_bits, 0,
                                      t->addr_bits == 64 ? 1ull << 32 : 0), 0);
    special_calls = 0;
}

/* --- building ELF files --- */

enum mutation {
    M_NONE, M_OVERLAP, M_FILESZ_GT_MEMSZ, M_BAD_PHENTSIZE, M_NO_LOAD, M_INCONGRUENT,
    M_INTERP_UNTERMINATED, M_BAD_ALIGN, M_TWO_INTERPS,
};

struct spec {
    const struct target_ops *t;     /* class, byte order and machine come from it */
    uint16_t type, machine;         /* machine 0: the target's */
    uint32_t flags;
    uint64_t base;                  /* vaddr of the first segment */
    const char *interp;
    bool phdr_seg;
    int gnu_stack;                  /* 0 none, else PF_ flags */
    enum mutation mut;
};

/* Layout: headers at 0, PT_INTERP string at 0x180, code 0x200-0x240 (text segment is
 * file 0-0x240), data at file 0x1234 (0x100 bytes, then junk to 0x2000 that must not
 * show in the bss), memsz 0x2000 at base + 0x11234. */
#define CODE_OFF 0x200
#define CODE_LEN 0x40
#define DATA_OFF 0x1234
#define DATA_VADDR 0x11234
#define DATA_FILESZ 0x100
#define DATA_MEMSZ 0x2000
#define FILE_SIZE 0x2000

struct image {
    unsigned char buf[FILE_SIZE];
    size_t size;
    uint64_t phoff;
    unsigned phnum;
};

static void put(unsigned char *p, unsigned n, uint64_t v, bool be)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> (be ? 8 * (n - 1 - i) : 8 * i));
}

static void put_phdr(struct image *im, bool is64, bool be, uint32_t type, uint32_t flags,
                     uint64_t off, uint64_t vaddr, uint64_t filesz, uint64_t memsz,
                     uint64_t align)
{
    unsigned char *p = im->buf + im->phoff + im->phnum++ * (is64 ? 56 : 32);
    put(p, 4, type, be);
    if (is64) {
        put(p + 4, 4, flags, be);
        put(p + 8, 8, off, be);
        put(p + 16, 8, vaddr, be);
        put(p + 24, 8, vaddr, be);
        put(p + 32, 8, filesz, be);
        put(p + 40, 8, memsz, be);
        put(p + 48, 8, align, be);
    } else {
        put(p + 4, 4, off, be);
        put(p + 8, 4, vaddr, be);
        put(p + 12, 4, vaddr, be);
        put(p + 16, 4, filesz, be);
        put(p + 20, 4, memsz, be);
        put(p + 24, 4, flags, be);
        put(p + 28, 4, align, be);
    }
}

static void build(struct image *im, const struct spec *s)
{
    bool is64 = s->t->elf_class == ELFCLASS64, be = s->t->elf_data == ELFDATA2MSB;
    unsigned ehsize = is64 ? 64 : 52, phentsize = is64 ? 56 : 32;
    memset(im, 0, sizeof *im);
    im->size = FILE_SIZE;
    im->phoff = ehsize;
    unsigned char *e = im->buf;
    memcpy(e, ELFMAG, SELFMAG);
    e[EI_CLASS] = s->t->elf_class;
    e[EI_DATA] = s->t->elf_data;
    e[EI_VERSION] = EV_CURRENT;
    for (unsigned i = 0; i < CODE_LEN; i++)
        im->buf[CODE_OFF + i] = (unsigned char)(0xc0 + i);
    memset(im->buf + DATA_OFF, 0xaa, DATA_FILESZ);
    memset(im->buf + DATA_OFF + DATA_FILESZ, 0xbb, FILE_SIZE - DATA_OFF - DATA_FILESZ);

    unsigned nph = 2 + (s->interp ? 1 : 0) + (s->phdr_seg ? 1 : 0) + (s->gnu_stack ? 1 : 0) +
                   (s->mut == M_TWO_INTERPS ? 1 : 0);
    uint64_t b = s->base;
    if (s->phdr_seg)
        put_phdr(im, is64, be, PT_PHDR, PF_R, ehsize, b + ehsize, nph * phentsize,
                 nph * phentsize, 4);
    for (int k = 0; s->interp && k < (s->mut == M_TWO_INTERPS ? 2 : 1); k++) {
        size_t n = strlen(s->interp) + (s->mut == M_INTERP_UNTERMINATED ? 0 : 1);
        memcpy(im->buf + 0x180, s->interp, strlen(s->interp));
        put_phdr(im, is64, be, PT_INTERP, PF_R, 0x180, b + 0x180, n, n, 1);
    }
    uint32_t load = s->mut == M_NO_LOAD ? PT_NOTE : PT_LOAD;
    put_phdr(im, is64, be, load, PF_R | PF_X, 0, b, CODE_OFF + CODE_LEN, CODE_OFF + CODE_LEN,
             0x1000);
    uint64_t dv = b + DATA_VADDR, memsz = DATA_MEMSZ, align = 0x1000;
    if (s->mut == M_OVERLAP)
        dv = b + (DATA_OFF & 0xfff);
    if (s->mut == M_INCONGRUENT)
        dv = b + 0x11000;
    if (s->mut == M_FILESZ_GT_MEMSZ)
        memsz = DATA_FILESZ / 2;
    if (s->mut == M_BAD_ALIGN)
        align = 0x1800;
    put_phdr(im, is64, be, load, PF_R | PF_W, DATA_OFF, dv, DATA_FILESZ, memsz, align);
    if (s->gnu_stack)
        put_phdr(im, is64, be, PT_GNU_STACK, (uint32_t)s->gnu_stack, 0, 0, 0, 0, 16);

    put(e + 16, 2, s->type, be);
    put(e + 18, 2, s->machine ? s->machine : s->t->elf_machine, be);
    put(e + 20, 4, EV_CURRENT, be);
    uint32_t flags = s->flags ? s->flags : (s->t == &fake_arm ? 0x05000400 : 0);
    if (is64) {
        put(e + 24, 8, b + CODE_OFF, be);
        put(e + 32, 8, ehsize, be);
        put(e + 48, 4, flags, be);
        put(e + 52, 2, ehsize, be);
        put(e + 54, 2, s->mut == M_BAD_PHENTSIZE ? 40 : phentsize, be);
        put(e + 56, 2, im->phnum, be);
    } else {
        put(e + 24, 4, b + CODE_OFF, be);
        put(e + 28, 4, ehsize, be);
        put(e + 36, 4, flags, be);
        put(e + 40, 2, ehsize, be);
        put(e + 42, 2, s->mut == M_BAD_PHENTSIZE ? 40 : phentsize, be);
        put(e + 44, 2, im->phnum, be);
    }
}

/* --- files --- */

static char tmpdir[] = "/tmp/crossrun-loader-XXXXXX";

static int group_setup(void **state)
{
    if (!mkdtemp(tmpdir))
        return -1;
    char lib[sizeof tmpdir + 8];
    snprintf(lib, sizeof lib, "%s/lib", tmpdir);
    return mkdir(lib, 0755);
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        if (de->d_type == DT_DIR)
            remove_tree(p);
        else
            unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static int group_teardown(void **state)
{
    remove_tree(tmpdir);
    return 0;
}

static const char *write_file(const char *name, const void *data, size_t size)
{
    static char paths[8][512];
    static unsigned next;
    char *p = paths[next++ % 8];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, size), (ssize_t)size);
    close(fd);
    return p;
}

static const char *write_image(const char *name, const struct spec *s, size_t truncate)
{
    static struct image im;
    build(&im, s);
    return write_file(name, im.buf, truncate ? truncate : im.size);
}

/* Reads a whole file (real ARM programs). */
static unsigned char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *size = (size_t)ftell(f);
    rewind(f);
    unsigned char *buf = malloc(*size);
    assert_int_equal(fread(buf, 1, *size, f), *size);
    fclose(f);
    return buf;
}

/* --- reading the guest back --- */

static uint64_t rd(const struct target_ops *t, uint64_t addr)
{
    unsigned n = t->addr_bits / 8;
    const unsigned char *p = g2h(addr);
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (t->big_endian ? 8 * (n - 1 - i) : 8 * i);
    return v;
}

static bool all_zero(uint64_t addr, size_t len)
{
    const unsigned char *p = g2h(addr);
    for (size_t i = 0; i < len; i++)
        if (p[i])
            return false;
    return true;
}

static char *const test_argv[] = { "prog", "first arg", "", "last", NULL };
static char *const test_envp[] = { "A=1", "PATH=/usr/bin:/bin", "EMPTY=", NULL };

/* Everything the kernel's layout promises, checked word by word. phdrs: the file's
 * program header table as bytes. */
static void check_stack(const struct target_ops *t, const struct image_info *info,
                        char *const argv[], char *const envp[], const char *execfn,
                        const unsigned char *phdrs)
{
    unsigned w = t->addr_bits / 8;
    uint64_t sp = info->sp;
    size_t argc = 0, envc = 0;
    while (argv[argc])
        argc++;
    while (envp[envc])
        envc++;

    assert_int_equal(sp % 16, 0);
    assert_true(sp > info->stack_limit && sp < info->stack_top);
    assert_int_equal(rd(t, sp), argc);
    for (size_t i = 0; i < argc; i++) {
        uint64_t a = rd(t, sp + w * (1 + i));
        assert_string_equal((const char *)g2h(a), argv[i]);
        assert_true(a >= info->arg_start && a < info->arg_end);
    }
    assert_int_equal(rd(t, sp + w * (1 + argc)), 0);
    for (size_t i = 0; i < envc; i++) {
        uint64_t a = rd(t, sp + w * (2 + argc + i));
        assert_string_equal((const char *)g2h(a), envp[i]);
        assert_true(a >= info->env_start && a < info->env_end);
    }
    assert_int_equal(rd(t, sp + w * (2 + argc + envc)), 0);
    if (argc)
        assert_int_equal(rd(t, sp + w), info->arg_start);
    assert_int_equal(info->arg_end, info->env_start);

    uint64_t auxv = sp + w * (3 + argc + envc);
    assert_int_equal(info->auxv, auxv);
    uint64_t val[64];
    bool seen[64] = { false };
    unsigned n = 0;
    for (;; n++) {
        uint64_t type = rd(t, auxv + 2 * w * n), v = rd(t, auxv + 2 * w * n + w);
        if (n == 0)
            assert_int_equal(type, AT_HWCAP);      /* the kernel's first entry */
        if (type == AT_NULL)
            break;
        assert_true(type < 64);
        assert_false(seen[type]);
        seen[type] = true;
        val[type] = v;
    }
    assert_int_equal(info->auxv_len, 2 * w * (n + 1));
    static const int required[] = {
        AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS,
        AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_RANDOM, AT_EXECFN,
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        assert_true(seen[required[i]]);
    assert_false(seen[AT_SYSINFO_EHDR]);
    assert_int_equal(val[AT_HWCAP], fake_hwcap());
    assert_int_equal(seen[AT_HWCAP2], t->hwcap2 != NULL);
    if (t->hwcap2)
        assert_int_equal(val[AT_HWCAP2], fake_hwcap2());
    assert_int_equal(val[AT_PAGESZ], 4096);
    assert_int_equal(val[AT_CLKTCK], sysconf(_SC_CLK_TCK));
    assert_int_equal(val[AT_PHDR], info->phdr);
    assert_int_equal(val[AT_PHENT], t->elf_class == ELFCLASS64 ? 56 : 32);
    assert_int_equal(val[AT_PHNUM], info->phnum);
    assert_int_equal(val[AT_BASE], info->interp_base);
    assert_int_equal(val[AT_FLAGS], 0);
    assert_int_equal(val[AT_ENTRY], info->prog_entry);
    assert_int_equal(val[AT_UID], getuid());
    assert_int_equal(val[AT_EUID], geteuid());
    assert_int_equal(val[AT_GID], getgid());
    assert_int_equal(val[AT_EGID], getegid());
    assert_int_equal(val[AT_SECURE], 0);
    /* The program headers are mapped where AT_PHDR says. */
    assert_memory_equal(g2h(val[AT_PHDR]), phdrs, info->phnum * info->phent);

    /* Top of the stack: a zero word, then AT_EXECFN's string right below it. */
    assert_true(all_zero(info->stack_top - w, w));
    uint64_t execfn_at = info->stack_top - w - (strlen(execfn) + 1);
    assert_int_equal(val[AT_EXECFN], execfn_at);
    assert_string_equal((const char *)g2h(execfn_at), execfn);
    assert_int_equal(info->env_end, execfn_at);
    /* Platform string and random bytes sit between the tables and the strings. */
    uint64_t rnd = val[AT_RANDOM];
    assert_true(rnd >= auxv + info->auxv_len && rnd + 16 <= info->arg_start);
    assert_false(all_zero(rnd, 16));
    assert_int_equal(seen[AT_PLATFORM], t->platform != NULL);
    if (t->platform) {
        assert_string_equal((const char *)g2h(val[AT_PLATFORM]), t->platform);
        assert_int_equal(val[AT_PLATFORM], rnd + 16);
        assert_true(val[AT_PLATFORM] + strlen(t->platform) + 1 <= info->arg_start);
    }
}

/* The builder's program with its first page at base: segments, bss, brk. */
static void check_segments(const struct image_info *info, uint64_t base)
{
    int rx = PAGE_VALID | PAGE_READ | PAGE_EXEC, rw = PAGE_VALID | PAGE_READ | PAGE_WRITE;
    assert_int_equal(page_get_flags(base), rx);
    assert_false(page_get_flags(base) & PAGE_ANON);
    for (unsigned i = 0; i < CODE_LEN; i++)
        assert_int_equal(((unsigned char *)g2h(base + CODE_OFF))[i], 0xc0 + i);
    uint64_t data = base + DATA_VADDR;
    assert_int_equal(page_get_flags(data), rw);
    const unsigned char *d = g2h(data);
    for (unsigned i = 0; i < DATA_FILESZ; i++)
        assert_int_equal(d[i], 0xaa);
    /* The junk after p_filesz in the last file page is cleared ... */
    uint64_t file_end = data + DATA_FILESZ, page_end = (file_end | 0xfff) + 1;
    assert_true(all_zero(file_end, page_end - file_end));
    /* ... and the rest of the bss is anonymous zero memory. */
    uint64_t bss_end = data + DATA_MEMSZ;
    assert_int_equal(page_get_flags(page_end), rw | PAGE_ANON);
    assert_int_equal(page_get_flags(bss_end - 1), rw | PAGE_ANON);
    assert_true(all_zero(page_end, bss_end - page_end));
    assert_int_equal(page_get_flags((bss_end | 0xfff) + 1), 0);
    assert_int_equal(info->start_brk, (bss_end + 0xfff) & ~0xfffull);
    assert_int_equal(info->brk, info->start_brk);
    assert_int_equal(guest_brk(0), info->start_brk);
    assert_int_equal(info->start_code, base);
    assert_int_equal(info->end_code, base + CODE_OFF + CODE_LEN);
    assert_int_equal(info->start_data, data);
    assert_int_equal(info->end_data, file_end);
}

static void load_ok(const struct target_ops *t, const char *path, char *const argv[],
                    const struct loader_opts *opt, struct image_info *info)
{
    char err[512] = "";
    int r = loader_exec(t, path, argv, (char *const *)test_envp, opt, info, err, sizeof err);
    if (r != 0)
        fail_msg("loader_exec(%s): %d %s", path, r, err);
}

static void load_fails(const struct target_ops *t, const char *path, int code,
                       const char *reason)
{
    char err[512] = "";
    struct image_info info;
    space_for(t);
    int r = loader_exec(t, path, test_argv, (char *const *)test_envp, NULL, &info, err,
                        sizeof err);
    if (r != code || !strstr(err, reason))
        fail_msg("%s: got %d '%s', wanted %d '%s'", path, r, err, code, reason);
    assert_null(strchr(err, '\n'));
}

/* --- detection --- */

static void detect_rejects(const char *path, const char *reason)
{
    char err[512] = "";
    assert_null(loader_detect_in(fake_list, path, err, sizeof err));
    if (!strstr(err, reason))
        fail_msg("%s: '%s' lacks '%s'", path, err, reason);
}

static void detects_targets(void **state)
{
    char err[256];
    struct spec s = { .t = &fake_arm, .type = ET_EXEC, .base = 0x10000 };
    assert_ptr_equal(loader_detect_in(fake_list, write_image("arm", &s, 0), err, sizeof err),
                     &fake_arm);
    s.t = &fake_be;
    assert_ptr_equal(loader_detect_in(fake_list, write_image("be", &s, 0), err, sizeof err),
                     &fake_be);
    s.t = &fake_64;
    assert_ptr_equal(loader_detect_in(fake_list, write_image("64", &s, 0), err, sizeof err),
                     &fake_64);
}

static void detect_errors(void **state)
{
    detect_rejects("/nonexistent/prog", "No such file or directory");
    detect_rejects(tmpdir, "is a directory");
    detect_rejects(write_file("text", "#!/bin/sh\necho hi\n", 18), "not an ELF file");
    detect_rejects(write_file("tiny", "\x7f" "E", 2), "not an ELF file");
    detect_rejects(write_file("empty", "", 0), "not an ELF file");
    detect_rejects(write_file("ident", "\x7f" "ELF\x01\x01\x01", 7), "ELF header truncated");

    struct spec s = { .t = &fake_arm, .type = ET_EXEC, .base = 0x10000 };
    detect_rejects(write_image("hdr", &s, 40), "ELF header truncated");
    s.machine = EM_X86_64;
    detect_rejects(write_image("x86", &s, 0),
                   "no guest CPU for machine 62 (x86-64 ELF: run it natively)");
    s.machine = EM_RISCV;
    detect_rejects(write_image("riscv", &s, 0), "no guest CPU for machine 243 (RISC-V ELF)");
    s.machine = 0x7777;
    detect_rejects(write_image("unknown", &s, 0), "no guest CPU for machine 30583");
    /* The machine is known, the rest does not fit. */
    s.machine = 0;
    s.flags = 0x04000000;
    detect_rejects(write_image("eabi4", &s, 0), "not an EABI version 5 program");
    struct spec s64 = { .t = &fake_64, .type = ET_EXEC, .machine = EM_ARM };
    detect_rejects(write_image("arm64bit", &s64, 0), "64-bit ELF: the fakearm guest runs 32-bit");
    struct spec sbe = { .t = &fake_be, .type = ET_EXEC, .machine = EM_ARM };
    detect_rejects(write_image("armbe", &sbe, 0), "big-endian ELF: the fakearm guest is little");

    unsigned char bad[64] = "\x7f" "ELF";
    bad[EI_CLASS] = 3;
    bad[EI_DATA] = 1;
    bad[EI_VERSION] = 1;
    detect_rejects(write_file("class", bad, sizeof bad), "bad ELF class 3");
    bad[EI_CLASS] = 1;
    bad[EI_DATA] = 0;
    detect_rejects(write_file("data", bad, sizeof bad), "bad ELF data encoding 0");
}

/* loader_detect() proper uses the compiled-in targets. */
static void detect_with_real_targets(void **state)
{
    char err[256] = "";
    struct spec s = { .t = &fake_arm, .type = ET_EXEC, .base = 0x10000 };
    const char *p = write_image("real", &s, 0);
    const struct target_ops *t = loader_detect(p, err, sizeof err);
    if (target_by_name("arm"))
        assert_ptr_equal(t, target_by_name("arm"));
    else
        assert_string_equal(err, "no guest CPU for machine 40 (ARM ELF)");
}

/* --- good programs --- */

static void loads_static_exec(void **state)
{
    struct spec s = { .t = &fake_arm, .type = ET_EXEC, .base = 0x10000, .gnu_stack = PF_R | PF_W };
    static struct image im;
    build(&im, &s);
    const char *path = write_image("static", &s, 0);
    struct image_info info;
    space_for(&fake_arm);
    load_ok(&fake_arm, path, test_argv, NULL, &info);

    assert_int_equal(info.load_bias, 0);
    assert_int_equal(info.entry, 0x10000 + CODE_OFF);
    assert_int_equal(info.prog_entry, info.entry);
    assert_int_equal(info.interp_base, 0);
    assert_int_equal(info.phdr, 0x10000 + 52);
    assert_int_equal(info.phnum, 3);
    assert_int_equal(info.phent, 32);
    assert_int_equal(info.elf_flags, 0x05000400);
    assert_string_equal(info.interp_path, "");
    assert_non_null(strstr(info.exe_path, "/static"));
    assert_int_equal(info.exe_path[0], '/');
    check_segments(&info, 0x10000);
    check_stack(&fake_arm, &info, test_argv, test_envp, path, im.buf + im.phoff);

    /* The default 8 MiB stack under stack_top, not executable, with a guard page. */
    assert_int_equal(info.stack_top, 0xbf000000);
    assert_int_equal(info.stack_limit, 0xbf000000 - (8 << 20));
    assert_int_equal(page_get_flags(info.stack_top - 1),
                     PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
    assert_int_equal(page_get_flags(info.stack_limit - 1), PAGE_RESERVED);
    assert_int_equal(page_get_flags(info.stack_top), 0);
    /* The target's special pages. */
    assert_int_equal(special_calls, 1);
    assert_int_equal(page_get_flags(0xffff0000),
                     PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_ANON);
}

static void options_and_exec_stack(void **state)
{
    struct spec s = { .t = &fake_arm, .type = ET_EXEC, .base = 0x10000 };   /* no GNU_STACK */
    static struct image im;
    build(&im, &s);
    const char *path = write_image("opts", &s, 0);
    struct image_info info;
    struct loader_opts opt = { .stack_size = 100000, .argv0 = "renamed" };
    space_for(&fake_arm);
    load_ok(&fake_arm, path, test_argv, &opt, &info);
    char *const want[] = { "renamed", "first arg", "", "last", NULL };
    check_stack(&fake_arm, &info, want, test_envp, path, im.buf + im.phoff);
    assert_int_equal(info.stack_top - info.stack_limit, 102400);     /* page-rounded */
    /* Without PT_GNU_STACK the stack is executable, as the kernel's default. */
    assert_true(page_get_flags(info.stack_top - 1) & PAGE_EXEC);

    /* No arguments at all, and -0 with no arguments. */
    char *const none[] = { NULL };
    space_for(&fake_arm);
    load_ok(&fake_arm, path, none, NULL, &info);
    check_stack(&fake_arm, &info, none, test_envp, path, im.buf + im.phoff);
    space_for(&fake_arm);
    load_ok(&fake_arm, path, none, &opt, &info);
    char *const only[] = { "renamed", NULL };
    check_stack(&fake_arm, &info, only, test_envp, path, im.buf + im.phoff);
}

static void loads_pie_at_pie_base(void **state)
{
    struct spec s = { .t = &fake_arm, .type = ET_DYN, .phdr_seg = true,
                      .gnu_stack = PF_R | PF_W };
    static struct image im;
    build(&im, &s);
    const char *path = write_image("pie", &s, 0);
    struct image_info info;
    space_for(&fake_arm);
    load_ok(&fake_arm, path, test_argv, NULL, &info);
    assert_int_equal(info.load_bias, 0x7f555000);
    assert_int_equal(info.entry, 0x7f555000 + CODE_OFF);
    assert_int_equal(info.phdr, 0x7f555000 + 52);
    check_segments(&info, 0x7f555000);
    check_stack(&fake_arm, &info, test_argv, test_envp, path, im.buf + im.phoff);

    /* pie_base taken: placed where mmap would put it instead. */
    space_for(&fake_arm);
    guest_mmap_init(fake_arm.mmap_base, fake_arm.task_size);
    assert_int_equal(guest_mmap(0x7f555000, 0x1000, PROT_READ,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), 0x7f555000);
    char err[256];
    /* loader_exec re-initializes the allocator but keeps existing mappings. */
    assert_int_equal(loader_exec(&fake_arm, path, test_argv, test_envp, NULL, &info, err,
                                 sizeof err), 0);
    assert_true(info.load_bias != 0x7f555000);
    assert_true(info.load_bias + 0x14000 <= fake_arm.mmap_base);
    check_segments(&info, info.load_bias);
}

static void loads_interpreter(void **state)
{
    struct spec is = { .t = &fake_arm, .type = ET_DYN, .gnu_stack = PF_R | PF_W };
    write_image("lib/ld-fake.so.1", &is, 0);
    struct spec s = { .t = &fake_arm, .type = ET_DYN, .interp = "/lib/ld-fake.so.1",
                      .phdr_seg = true, .gnu_stack = PF_R | PF_W };
    static struct image im;
    build(&im, &s);
    const char *path = write_image("dyn", &s, 0);
    struct image_info info;
    struct loader_opts opt = { .ld_prefix = tmpdir };
    space_for(&fake_arm);
    load_ok(&fake_arm, path, test_argv, &opt, &info);

    char want[512];
    snprintf(want, sizeof want, "%s/lib/ld-fake.so.1", tmpdir);
    assert_string_equal(info.interp_path, want);
    assert_int_equal(info.load_bias, 0x7f555000);
    assert_int_equal(info.prog_entry, 0x7f555000 + CODE_OFF);
    /* interp_base 0: the interpreter goes where mmap(NULL) would, below mmap_base. */
    assert_int_equal(info.interp_base, fake_arm.mmap_base - 0x14000);
    assert_int_equal(info.entry, info.interp_base + CODE_OFF);
    check_segments(&info, 0x7f555000);
    assert_int_equal(page_get_flags(info.interp_base),
                     PAGE_VALID | PAGE_READ | PAGE_EXEC);
    assert_int_equal(page_get_flags(info.interp_base + DATA_VADDR),
                     PAGE_VALID | PAGE_READ | PAGE_WRITE);
    check_stack(&fake_arm, &info, test_argv, test_envp, path, im.buf + im.phoff);

    /* A prefix with a trailing slash works too, and an interpreter outside the prefix is
     * found at its own path. */
    char slash[512];
    snprintf(slash, sizeof slash, "%s/", tmpdir);
    opt.ld_prefix = slash;
    space_for(&fake_arm);
    load_ok(&fake_arm, path, test_argv, &opt, &info);
    char abs_interp[512];
    snprintf(abs_interp, sizeof abs_interp, "%s/lib/ld-fake.so.1", tmpdir);
    struct spec s2 = s;
    s2.interp = abs_interp;
    const char *p2 = write_image("dyn-abs", &s2, 0);
    opt.ld_prefix = "/nonexistent-root";
    space_for(&fake_arm);
    load_ok(&fake_arm, p2, test_argv, &opt, &info);
    assert_string_equal(info.interp_path, abs_interp);
}

static void big_endian_stack(void **state)
{
    struct spec s = { .t = &fake_be, .type = ET_EXEC, .base = 0x10000000,
                      .gnu_stack = PF_R | PF_W };
    static struct image im;
    build(&im, &s);
    const char *path = write_image("be-prog", &s, 0);
    struct image_info info;
    space_for(&fake_be);
    load_ok(&fake_be, path, test_argv, NULL, &info);
    check_segments(&info, 0x10000000);
    check_stack(&fake_be, &info, test_argv, test_envp, path, im.buf + im.phoff);
    assert_int_equal(info.stack_top, 0x7fff0000);
    /* argc really is big-endian in memory. */
    const unsigned char *p = g2h(info.sp);
    assert_int_equal(p[3], 4);
    assert_int_equal(p[0], 0);
}

static void sixty_four_bit_stack(void **state)
{
    struct spec s = { .t = &fake_64, .type = ET_DYN, .gnu_stack = PF_R | PF_W };
    static struct image im;
    write_image("lib/ld-fake64.so.1", &s, 0);
    s.interp = "/lib/ld-fake64.so.1";
    build(&im, &s);
    const char *path = write_image("prog64", &s, 0);
    struct image_info info;
    struct loader_opts opt = { .ld_prefix = tmpdir };
    space_for(&fake_64);
    load_ok(&fake_64, path, test_argv, &opt, &info);
    assert_int_equal(info.load_bias, 0x55550000);
    assert_int_equal(info.interp_base, 0xd0000000);
    assert_int_equal(info.entry, 0xd0000000 + CODE_OFF);
    assert_int_equal(info.phdr, 0x55550000 + 64);
    check_segments(&info, 0x55550000);
    check_stack(&fake_64, &info, test_argv, test_envp, path, im.buf + im.phoff);
    const unsigned char *p = g2h(info.sp);
    assert_int_equal(p[0], 4);
    assert_true(all_zero(info.sp + 1, 7));
}

/* --- bad programs --- */

static void malformed_files(void **state)
{
    struct spec s = { .t = &fake_arm, .type = ET_EXEC, .base = 0x10000 };
    load_fails(&fake_arm, "/nonexistent/prog", -ENOENT, "No such file or directory");
    load_fails(&fake_arm, write_image("m-hdr", &s, 45), -ENOEXEC, "ELF header truncated");
    load_fails(&fake_arm, write_image("m-ph", &s, 52 + 40), -ENOEXEC,
               "program header table truncated");
    load_fails(&fake_arm, write_image("m-seg", &s, 0x1300), -ENOEXEC, "segment 1 truncated");
    load_fails(&fake_arm, write_file("m-text", "hello", 5), -ENOEXEC, "not an ELF file");

    struct { enum mutation m; const char *reason; } cases[] = {
        { M_OVERLAP, "segments 0 and 1 overlap" },
        { M_FILESZ_GT_MEMSZ, "segment 1: file size 0x100 exceeds memory size 0x80" },
        { M_BAD_PHENTSIZE, "bad program header size 40 (expected 32)" },
        { M_NO_LOAD, "no loadable segments" },
        { M_INCONGRUENT, "differ modulo the page size" },
        { M_BAD_ALIGN, "alignment 0x1800 is not a power of 2" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "m-%zu", i);
        s.mut = cases[i].m;
        load_fails(&fake_arm, write_image(name, &s, 0), -ENOEXEC, cases[i].reason);
    }
    s.mut = M_NONE;

    s.machine = EM_X86_64;
    load_fails(&fake_arm, write_image("m-mach", &s, 0), -ENOEXEC,
               "wrong machine: x86-64 ELF (machine 62), the fakearm guest needs machine 40");
    s.machine = 0;
    s.type = ET_REL;
    load_fails(&fake_arm, write_image("m-rel", &s, 0), -ENOEXEC,
               "not an executable (ELF file is a relocatable object)");
    s.type = ET_EXEC;
    s.base = 0xc0000000;
    load_fails(&fake_arm, write_image("m-high", &s, 0), -ENOEXEC,
               "lie outside the guest address space");
    s.base = 0;
    load_fails(&fake_arm, write_image("m-zero", &s, 0), -ENOEXEC,
               "lie outside the guest address space");
    s.base = 0x10000;

    s.interp = "/lib/ld-missing.so.1";
    load_fails(&fake_arm, write_image("m-nointerp", &s, 0), -ENOENT,
               "cannot find the interpreter /lib/ld-missing.so.1");
    s.mut = M_INTERP_UNTERMINATED;
    load_fails(&fake_arm, write_image("m-interp-nul", &s, 0), -ENOEXEC,
               "PT_INTERP is not a NUL-terminated path");
    s.mut = M_TWO_INTERPS;
    load_fails(&fake_arm, write_image("m-2interp", &s, 0), -ENOEXEC, "more than one PT_INTERP");
    s.mut = M_NONE;

    /* An interpreter for another machine, or one that wants its own interpreter. */
    struct spec is = { .t = &fake_64, .type = ET_DYN, .machine = EM_ARM };
    write_image("lib/ld-wrong.so.1", &is, 0);
    s.interp = "/lib/ld-wrong.so.1";
    char prefix_err[64];
    snprintf(prefix_err, sizeof prefix_err, "interpreter %s/lib/ld-wrong.so.1: ", tmpdir);
    struct image_info info;
    char err[512];
    space_for(&fake_arm);
    struct loader_opts opt = { .ld_prefix = tmpdir };
    assert_int_equal(loader_exec(&fake_arm, write_image("m-wrongi", &s, 0), test_argv,
                                 test_envp, &opt, &info, err, sizeof err), -ENOEXEC);
    assert_non_null(strstr(err, prefix_err));
    assert_non_null(strstr(err, "64-bit ELF"));
    struct spec chained = { .t = &fake_arm, .type = ET_DYN, .interp = "/lib/ld-x.so" };
    write_image("lib/ld-chained.so.1", &chained, 0);
    s.interp = "/lib/ld-chained.so.1";
    space_for(&fake_arm);
    assert_int_equal(loader_exec(&fake_arm, write_image("m-chain", &s, 0), test_argv,
                                 test_envp, &opt, &info, err, sizeof err), -ENOEXEC);
    assert_non_null(strstr(err, "it has an interpreter of its own"));
}

static void stack_limits(void **state)
{
    struct spec s = { .t = &fake_arm, .type = ET_EXEC, .base = 0x10000 };
    const char *path = write_image("stk", &s, 0);
    struct image_info info;
    char err[512];
    static char big[20000];
    memset(big, 'x', sizeof big - 1);
    memcpy(big, "BIG=", 4);
    char *const env[] = { big, NULL };
    struct loader_opts opt = { .stack_size = 64 << 10 };
    space_for(&fake_arm);
    assert_int_equal(loader_exec(&fake_arm, path, test_argv, env, &opt, &info, err,
                                 sizeof err), -E2BIG);
    assert_non_null(strstr(err, "argument list too long"));
    /* The same fits the default stack. */
    space_for(&fake_arm);
    assert_int_equal(loader_exec(&fake_arm, path, test_argv, env, NULL, &info, err,
                                 sizeof err), 0);
    opt.stack_size = 0xf0000000;
    space_for(&fake_arm);
    assert_int_equal(loader_exec(&fake_arm, path, test_argv, env, &opt, &info, err,
                                 sizeof err), -ENOMEM);
    assert_non_null(strstr(err, "does not fit"));
    /* A program lying where the stack goes. */
    s.base = 0xbe7f0000;
    space_for(&fake_arm);
    assert_int_equal(loader_exec(&fake_arm, write_image("stk-clash", &s, 0), test_argv, env,
                                 NULL, &info, err, sizeof err), -ENOEXEC);
    assert_non_null(strstr(err, "overlaps the stack"));
}

/* --- real ARM programs from the cross compiler --- */

static const char *data_path(const char *name)
{
    static char p[4][512];
    static unsigned next;
    const char *dir = getenv("LOADER_DATA");
    if (!dir)
        return NULL;
    char *out = p[next++ % 4];
    snprintf(out, 512, "%s/%s", dir, name);
    return access(out, R_OK) == 0 ? out : NULL;
}

static uint32_t le32(const unsigned char *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wr32(unsigned char *p, uint32_t v) { put(p, 4, v, false); }

/* Offset of the n-th program header of type type in a 32-bit LE image. */
static size_t find_ph(const unsigned char *b, uint32_t type, int n)
{
    uint32_t phoff = le32(b + 28);
    unsigned phnum = b[44] | b[45] << 8;
    for (unsigned i = 0; i < phnum; i++)
        if (le32(b + phoff + 32 * i) == type && n-- == 0)
            return phoff + 32 * i;
    fail_msg("no program header of type %u", type);
    return 0;
}

static void real_static(void **state)
{
    const char *path = data_path("loader-arm-static");
    if (!path)
        skip();
    size_t size;
    unsigned char *b = slurp(path, &size);
    struct image_info info;
    space_for(&fake_arm);
    load_ok(&fake_arm, path, test_argv, NULL, &info);
    assert_int_equal(info.entry, le32(b + 24));
    assert_int_equal(info.load_bias, 0);
    assert_int_equal(info.interp_base, 0);
    check_stack(&fake_arm, &info, test_argv, test_envp, path, b + le32(b + 28));
    /* Every segment's file bytes are in guest memory; brk follows the last one. */
    for (int n = 0; n < 2; n++) {
        size_t ph = find_ph(b, PT_LOAD, n);
        assert_memory_equal(g2h(le32(b + ph + 8)), b + le32(b + ph + 4), le32(b + ph + 16));
    }
    size_t last = find_ph(b, PT_LOAD, 1);
    uint64_t end = le32(b + last + 8) + le32(b + last + 20);
    assert_true(info.start_brk >= end && info.start_brk - end < 4096);
    free(b);
}

static void real_dynamic_and_pie(void **state)
{
    const char *path = data_path("loader-arm-dynamic");
    const char *root = getenv("LOADER_ARM_ROOT");
    char ld[512];
    snprintf(ld, sizeof ld, "%s/lib/ld-linux-armhf.so.3", root ? root : "");
    if (!path || !root || access(ld, R_OK) != 0)
        skip();
    size_t size, ldsize;
    unsigned char *b = slurp(path, &size), *l = slurp(ld, &ldsize);
    struct image_info info;
    struct loader_opts opt = { .ld_prefix = root };
    space_for(&fake_arm);
    load_ok(&fake_arm, path, test_argv, &opt, &info);
    assert_string_equal(info.interp_path, ld);
    assert_int_equal(info.load_bias, 0x7f555000);
    assert_int_equal(info.prog_entry, 0x7f555000 + le32(b + 24));
    assert_true(info.interp_base > 0x7f555000 && info.interp_base < fake_arm.mmap_base);
    assert_int_equal(info.entry, info.interp_base + le32(l + 24));
    check_stack(&fake_arm, &info, test_argv, test_envp, path, b + le32(b + 28));

    const char *pie = data_path("loader-arm-pie");
    if (pie) {
        unsigned char *p = slurp(pie, &size);
        space_for(&fake_arm);
        load_ok(&fake_arm, pie, test_argv, NULL, &info);
        assert_int_equal(info.load_bias, 0x7f555000);
        assert_int_equal(info.interp_base, 0);
        assert_int_equal(info.entry, 0x7f555000 + le32(p + 24));
        check_stack(&fake_arm, &info, test_argv, test_envp, pie, p + le32(p + 28));
        free(p);
    }

    /* The same program asking for an interpreter that is not there. */
    size_t in = find_ph(b, PT_INTERP, 0);
    char *name = (char *)b + le32(b + in + 4);
    assert_string_equal(name, "/lib/ld-linux-armhf.so.3");
    memcpy(name + 8, "nohav", 5);
    load_fails(&fake_arm, write_file("real-nointerp", b, size), -ENOENT,
               "cannot find the interpreter /lib/ld-nohav-armhf.so.3");
    free(b);
    free(l);
}

static void real_malformed(void **state)
{
    const char *path = data_path("loader-arm-static");
    if (!path)
        skip();
    size_t size;
    unsigned char *orig = slurp(path, &size), *b = malloc(size);
    size_t ph0 = find_ph(orig, PT_LOAD, 0), ph1 = find_ph(orig, PT_LOAD, 1);
    uint32_t phoff = le32(orig + 28);

    load_fails(&fake_arm, write_file("r-hdr", orig, 40), -ENOEXEC, "ELF header truncated");
    load_fails(&fake_arm, write_file("r-ph", orig, phoff + 10), -ENOEXEC,
               "program header table truncated");
    load_fails(&fake_arm, write_file("r-seg", orig, le32(orig + ph1 + 4) + 16), -ENOEXEC,
               "truncated");

    memcpy(b, orig, size);
    wr32(b + ph1 + 8, le32(b + ph0 + 8) + (le32(b + ph1 + 4) & 0xfff));
    load_fails(&fake_arm, write_file("r-overlap", b, size), -ENOEXEC, "overlap");

    memcpy(b, orig, size);
    wr32(b + ph1 + 16, le32(b + ph1 + 20) + 1);
    load_fails(&fake_arm, write_file("r-filesz", b, size), -ENOEXEC, "exceeds memory size");

    memcpy(b, orig, size);
    b[18] = EM_X86_64;
    load_fails(&fake_arm, write_file("r-mach", b, size), -ENOEXEC, "wrong machine");

    memcpy(b, orig, size);
    b[1] = 'X';
    load_fails(&fake_arm, write_file("r-magic", b, size), -ENOEXEC, "not an ELF file");
    free(b);
    free(orig);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(detects_targets),
        cmocka_unit_test(detect_errors),
        cmocka_unit_test(detect_with_real_targets),
        cmocka_unit_test(loads_static_exec),
        cmocka_unit_test(options_and_exec_stack),
        cmocka_unit_test(loads_pie_at_pie_base),
        cmocka_unit_test(loads_interpreter),
        cmocka_unit_test(big_endian_stack),
        cmocka_unit_test(sixty_four_bit_stack),
        cmocka_unit_test(malformed_files),
        cmocka_unit_test(stack_limits),
        cmocka_unit_test(real_static),
        cmocka_unit_test(real_dynamic_and_pie),
        cmocka_unit_test(real_malformed),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
