/* ELF files into guest memory (see loader/loader.h): header checks, program header
 * validation, segment mapping for the program and its PT_INTERP interpreter.
 * libelf (gelf_*) reads headers of either class and byte order; before trusting it we
 * check sizes against the file ourselves, so every malformed file gets a precise
 * one-line reason instead of whatever a short read would do. */
#include "loader/loader.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/elf_internal.h"
#include "syscall/mmap.h"
#include "target/target.h"
#include "tcg/page.h"

/* The kernel refuses program header tables larger than this. */
#define MAX_PHDR_BYTES 65536u
/* p_align beyond this is nonsense rather than a layout request. */
#define MAX_SEGMENT_ALIGN (1ull << 30)

struct elf_file {
    int fd;
    Elf *elf;
    uint64_t size;
    int cls, data;
    GElf_Ehdr eh;
    GElf_Phdr *ph;
    size_t phnum;
};

/* What mapping one file produced. */
struct loaded {
    uint64_t bias, entry, phdr;
    uint64_t brk;                     /* highest p_vaddr + p_memsz, biased */
    uint64_t start_code, end_code, start_data, end_data;
    bool exec_stack;
    char interp[PATH_MAX];            /* PT_INTERP, or "" */
};

static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

static const char *machine_name(unsigned em)
{
    static const struct { unsigned em; const char *name; } names[] = {
        { EM_386, "i386" },         { EM_X86_64, "x86-64" },   { EM_ARM, "ARM" },
        { EM_AARCH64, "AArch64" },  { EM_MIPS, "MIPS" },       { EM_PPC, "PowerPC" },
        { EM_PPC64, "PowerPC64" },  { EM_SPARC, "SPARC" },     { EM_SPARCV9, "SPARC V9" },
        { EM_SPARC32PLUS, "SPARC32+" }, { EM_RISCV, "RISC-V" }, { EM_S390, "S/390" },
        { EM_68K, "m68k" },         { EM_SH, "SuperH" },       { EM_ALPHA, "Alpha" },
        { EM_PARISC, "PA-RISC" },   { EM_IA_64, "IA-64" },     { EM_LOONGARCH, "LoongArch" },
        { EM_MICROBLAZE, "MicroBlaze" }, { EM_XTENSA, "Xtensa" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].em == em)
            return names[i].name;
    return NULL;
}

static const char *type_name(unsigned type)
{
    switch (type) {
    case ET_NONE: return "no file type";
    case ET_REL: return "a relocatable object";
    case ET_CORE: return "a core dump";
    default: return "of an unknown type";
    }
}

static void elf_close(struct elf_file *f)
{
    if (f->elf)
        elf_end(f->elf);
    if (f->fd >= 0)
        close(f->fd);
    free(f->ph);
    f->elf = NULL;
    f->fd = -1;
    f->ph = NULL;
}

/* Opens path and checks the ELF identification and header. */
static int elf_open(struct elf_file *f, const char *path, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    f->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (f->fd < 0)
        return fail(err, errlen, -errno, "%s", strerror(errno));
    struct stat st;
    if (fstat(f->fd, &st) < 0)
        return fail(err, errlen, -errno, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail(err, errlen, -EISDIR, "is a directory");
    if (!S_ISREG(st.st_mode))
        return fail(err, errlen, -EACCES, "not a regular file");
    f->size = (uint64_t)st.st_size;

    unsigned char id[EI_NIDENT];
    ssize_t n = pread(f->fd, id, sizeof id, 0);
    if (n < 0)
        return fail(err, errlen, -errno, "%s", strerror(errno));
    if (n < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0)
        return fail(err, errlen, -ENOEXEC, "not an ELF file");
    if (n < EI_NIDENT)
        return fail(err, errlen, -ENOEXEC, "ELF header truncated");
    f->cls = id[EI_CLASS];
    f->data = id[EI_DATA];
    if (f->cls != ELFCLASS32 && f->cls != ELFCLASS64)
        return fail(err, errlen, -ENOEXEC, "bad ELF class %d", f->cls);
    if (f->data != ELFDATA2LSB && f->data != ELFDATA2MSB)
        return fail(err, errlen, -ENOEXEC, "bad ELF data encoding %d", f->data);
    if (id[EI_VERSION] != EV_CURRENT)
        return fail(err, errlen, -ENOEXEC, "bad ELF version %d", id[EI_VERSION]);
    size_t ehsize = f->cls == ELFCLASS32 ? sizeof(Elf32_Ehdr) : sizeof(Elf64_Ehdr);
    if (f->size < ehsize)
        return fail(err, errlen, -ENOEXEC, "ELF header truncated (%llu of %zu bytes)",
                    (unsigned long long)f->size, ehsize);

    elf_version(EV_CURRENT);
    f->elf = elf_begin(f->fd, ELF_C_READ, NULL);
    if (!f->elf || elf_kind(f->elf) != ELF_K_ELF)
        return fail(err, errlen, -ENOEXEC, "unreadable ELF file (%s)", elf_errmsg(-1));
    if (!gelf_getehdr(f->elf, &f->eh))
        return fail(err, errlen, -ENOEXEC, "malformed ELF header (%s)", elf_errmsg(-1));
    return 0;
}

/* Reads and bounds-checks the program header table. */
static int elf_read_phdrs(struct elf_file *f, char *err, size_t errlen)
{
    const GElf_Ehdr *eh = &f->eh;
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return fail(err, errlen, -ENOEXEC, "not an executable (ELF file is %s)",
                    type_name(eh->e_type));
    size_t entsize = f->cls == ELFCLASS32 ? sizeof(Elf32_Phdr) : sizeof(Elf64_Phdr);
    if (eh->e_phentsize != entsize)
        return fail(err, errlen, -ENOEXEC, "bad program header size %u (expected %zu)",
                    eh->e_phentsize, entsize);
    /* libelf's elf_getphdrnum() quietly shrinks the count to what the file holds; we
     * want to report the truncation, so take e_phnum unless it defers to section 0. */
    size_t phnum = eh->e_phnum;
    if (phnum == PN_XNUM && elf_getphdrnum(f->elf, &phnum) != 0)
        return fail(err, errlen, -ENOEXEC, "unreadable program header count (%s)",
                    elf_errmsg(-1));
    if (phnum == 0)
        return fail(err, errlen, -ENOEXEC, "no program headers");
    if (phnum > MAX_PHDR_BYTES / entsize)
        return fail(err, errlen, -ENOEXEC, "too many program headers (%zu)", phnum);
    if (eh->e_phoff > f->size || phnum * entsize > f->size - eh->e_phoff)
        return fail(err, errlen, -ENOEXEC,
                    "program header table truncated (%zu entries at offset 0x%llx, "
                    "file is %llu bytes)", phnum, (unsigned long long)eh->e_phoff,
                    (unsigned long long)f->size);
    f->ph = calloc(phnum, sizeof *f->ph);
    if (!f->ph)
        return fail(err, errlen, -ENOMEM, "out of memory");
    for (size_t i = 0; i < phnum; i++)
        if (!gelf_getphdr(f->elf, (int)i, &f->ph[i]))
            return fail(err, errlen, -ENOEXEC, "unreadable program header %zu (%s)", i,
                        elf_errmsg(-1));
    f->phnum = phnum;
    return 0;
}

/* NULL if t runs this file, else why not (in buf). */
static const char *refusal(const struct target_ops *t, const struct elf_file *f, char *buf,
                           size_t n)
{
    const char *mname = machine_name(f->eh.e_machine);
    if (t->elf_machine != f->eh.e_machine) {
        snprintf(buf, n, "wrong machine: %s ELF (machine %u), the %s guest needs machine %u",
                 mname ? mname : "an unknown", f->eh.e_machine, t->name, t->elf_machine);
        return buf;
    }
    if (t->elf_class != f->cls) {
        snprintf(buf, n, "%d-bit ELF: the %s guest runs %d-bit programs",
                 f->cls == ELFCLASS64 ? 64 : 32, t->name,
                 t->elf_class == ELFCLASS64 ? 64 : 32);
        return buf;
    }
    if (t->elf_data != f->data) {
        snprintf(buf, n, "%s-endian ELF: the %s guest is %s-endian",
                 f->data == ELFDATA2MSB ? "big" : "little", t->name,
                 t->elf_data == ELFDATA2MSB ? "big" : "little");
        return buf;
    }
    if (t->elf_check_flags) {
        const char *why = t->elf_check_flags((uint32_t)f->eh.e_flags);
        if (why) {
            snprintf(buf, n, "%s", why);
            return buf;
        }
    }
    return NULL;
}

const struct target_ops *loader_detect_in(const struct target_ops *const *list,
                                          const char *path, char *err, size_t errlen)
{
    struct elf_file f;
    const struct target_ops *found = NULL;
    if (elf_open(&f, path, err, errlen) < 0) {
        elf_close(&f);
        return NULL;
    }
    char why[256] = "";
    for (const struct target_ops *const *t = list; *t && !found; t++) {
        char buf[256];
        if ((*t)->elf_machine != f.eh.e_machine)
            continue;
        const char *r = refusal(*t, &f, buf, sizeof buf);
        if (!r)
            found = *t;
        else if (!why[0])
            snprintf(why, sizeof why, "%s", r);
    }
    if (!found) {
        unsigned em = f.eh.e_machine;
        const char *name = machine_name(em);
        if (why[0])
            fail(err, errlen, -ENOEXEC, "%s", why);
        else if (em == EM_X86_64 || em == EM_386)
            fail(err, errlen, -ENOEXEC, "no guest CPU for machine %u (%s ELF: run it natively)",
                 em, name);
        else if (name)
            fail(err, errlen, -ENOEXEC, "no guest CPU for machine %u (%s ELF)", em, name);
        else
            fail(err, errlen, -ENOEXEC, "no guest CPU for machine %u", em);
    }
    elf_close(&f);
    return found;
}

const struct target_ops *loader_detect(const char *path, char *err, size_t errlen)
{
    return loader_detect_in(target_list, path, err, errlen);
}

static uint64_t task_end(const struct target_ops *ops)
{
    uint64_t end = guest_addr_max + 1;
    return ops->task_size && ops->task_size < end ? ops->task_size : end;
}

/* Checks every program header; fills l->interp and l->exec_stack. */
static int elf_validate(const struct elf_file *f, struct loaded *l, char *err, size_t errlen)
{
    uint64_t pg = guest_page_size();
    unsigned nload = 0;
    bool gnu_stack = false;
    l->interp[0] = 0;
    l->exec_stack = false;
    for (size_t i = 0; i < f->phnum; i++) {
        const GElf_Phdr *ph = &f->ph[i];
        if (ph->p_type == PT_GNU_STACK) {
            gnu_stack = true;
            l->exec_stack = ph->p_flags & PF_X;
            continue;
        }
        if (ph->p_type == PT_INTERP) {
            if (l->interp[0])
                return fail(err, errlen, -ENOEXEC, "more than one PT_INTERP");
            if (ph->p_offset > f->size || ph->p_filesz > f->size - ph->p_offset)
                return fail(err, errlen, -ENOEXEC, "PT_INTERP lies beyond the end of the file");
            if (ph->p_filesz < 2 || ph->p_filesz > sizeof l->interp)
                return fail(err, errlen, -ENOEXEC, "bad PT_INTERP size %llu",
                            (unsigned long long)ph->p_filesz);
            if (pread(f->fd, l->interp, ph->p_filesz, (off_t)ph->p_offset) !=
                (ssize_t)ph->p_filesz)
                return fail(err, errlen, -EIO, "cannot read PT_INTERP");
            if (l->interp[ph->p_filesz - 1] != 0 || strlen(l->interp) != ph->p_filesz - 1)
                return fail(err, errlen, -ENOEXEC, "PT_INTERP is not a NUL-terminated path");
            continue;
        }
        if (ph->p_type != PT_LOAD)
            continue;
        nload++;
        if (ph->p_filesz > ph->p_memsz)
            return fail(err, errlen, -ENOEXEC,
                        "segment %zu: file size 0x%llx exceeds memory size 0x%llx", i,
                        (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
        if (ph->p_offset > f->size || ph->p_filesz > f->size - ph->p_offset)
            return fail(err, errlen, -ENOEXEC,
                        "segment %zu truncated: needs bytes up to 0x%llx, file has 0x%llx", i,
                        (unsigned long long)(ph->p_offset + ph->p_filesz),
                        (unsigned long long)f->size);
        if (ph->p_align > 1 && (ph->p_align & (ph->p_align - 1)))
            return fail(err, errlen, -ENOEXEC, "segment %zu: alignment 0x%llx is not a power of 2",
                        i, (unsigned long long)ph->p_align);
        if (ph->p_align > MAX_SEGMENT_ALIGN)
            return fail(err, errlen, -ENOEXEC, "segment %zu: alignment 0x%llx is too large", i,
                        (unsigned long long)ph->p_align);
        if ((ph->p_vaddr & (pg - 1)) != (ph->p_offset & (pg - 1)))
            return fail(err, errlen, -ENOEXEC,
                        "segment %zu: address 0x%llx and file offset 0x%llx differ modulo "
                        "the page size", i, (unsigned long long)ph->p_vaddr,
                        (unsigned long long)ph->p_offset);
        if (ph->p_vaddr + ph->p_memsz < ph->p_vaddr)
            return fail(err, errlen, -ENOEXEC, "segment %zu wraps around the address space", i);
        for (size_t j = 0; j < i; j++) {
            const GElf_Phdr *o = &f->ph[j];
            if (o->p_type != PT_LOAD || !o->p_memsz || !ph->p_memsz)
                continue;
            if (ph->p_vaddr < o->p_vaddr + o->p_memsz && o->p_vaddr < ph->p_vaddr + ph->p_memsz)
                return fail(err, errlen, -ENOEXEC, "segments %zu and %zu overlap", j, i);
        }
    }
    if (!nload)
        return fail(err, errlen, -ENOEXEC, "no loadable segments");
    /* Without PT_GNU_STACK the kernel's default leaves the stack executable. */
    if (!gnu_stack)
        l->exec_stack = true;
    return 0;
}

static int pf_prot(uint32_t pf)
{
    return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) |
           (pf & PF_X ? PROT_EXEC : 0);
}

/* Maps one PT_LOAD at bias: the file pages, the zeroed tail of the last file page, and
 * anonymous pages for the rest of the bss. */
static int map_segment(const struct elf_file *f, const GElf_Phdr *ph, size_t i,
                       uint64_t bias, char *err, size_t errlen)
{
    uint64_t pg = guest_page_size();
    uint64_t vaddr = bias + ph->p_vaddr;
    uint64_t start = vaddr & ~(pg - 1);
    uint64_t file_end = vaddr + ph->p_filesz;
    uint64_t mem_end = vaddr + ph->p_memsz;
    int prot = pf_prot(ph->p_flags);
    uint64_t anon_start = start;
    int64_t r;

    if (ph->p_filesz) {
        uint64_t len = ((file_end + pg - 1) & ~(pg - 1)) - start;
        bool zero_tail = mem_end > file_end && (file_end & (pg - 1));
        /* The bss part of the last file page must be cleared, read-only or not. */
        r = guest_mmap(start, len, prot | (zero_tail ? PROT_WRITE : 0),
                       MAP_PRIVATE | MAP_FIXED, f->fd, ph->p_offset - (vaddr - start));
        if (r < 0)
            goto map_failed;
        if (zero_tail) {
            memset(g2h(file_end), 0, pg - (file_end & (pg - 1)));
            if (!(prot & PROT_WRITE) && (r = guest_mprotect(start, len, prot)) < 0)
                goto map_failed;
        }
        anon_start = start + len;
    } else if (page_get_flags(start) & PAGE_VALID) {
        /* The first page is shared with the previous segment: clear our part of it. */
        anon_start = start + pg;
        uint64_t end = mem_end < anon_start ? mem_end : anon_start;
        if (page_get_flags(start) & PAGE_WRITE)
            memset(g2h(vaddr), 0, end - vaddr);
    }
    uint64_t anon_end = (mem_end + pg - 1) & ~(pg - 1);
    if (anon_end > anon_start) {
        r = guest_mmap(anon_start, anon_end - anon_start, prot,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0)
            goto map_failed;
    }
    return 0;
map_failed:
    return fail(err, errlen, (int)r, "cannot map segment %zu at 0x%llx: %s", i,
                (unsigned long long)vaddr, strerror((int)-r));
}

/* Chooses the load bias and maps every PT_LOAD of f. pref: preferred address of the
 * lowest page for ET_DYN (0: wherever mmap would put it). */
static int elf_map(const struct elf_file *f, const struct target_ops *ops, uint64_t pref,
                   struct loaded *l, char *err, size_t errlen)
{
    uint64_t pg = guest_page_size();
    uint64_t lo = UINT64_MAX, hi = 0, align = pg;
    for (size_t i = 0; i < f->phnum; i++) {
        const GElf_Phdr *ph = &f->ph[i];
        if (ph->p_type != PT_LOAD)
            continue;
        if (ph->p_vaddr < lo)
            lo = ph->p_vaddr;
        if (ph->p_vaddr + ph->p_memsz > hi)
            hi = ph->p_vaddr + ph->p_memsz;
        if (ph->p_align > align)
            align = ph->p_align;
    }
    lo &= ~(pg - 1);
    hi = (hi + pg - 1) & ~(pg - 1);
    uint64_t span = hi - lo, limit = task_end(ops);

    l->bias = 0;
    if (f->eh.e_type == ET_DYN) {
        /* The preferred place if it is free, else where mmap(NULL) would go. */
        int64_t at = guest_find_unmapped(pref & ~(align - 1), span, align);
        if (at < 0)
            return fail(err, errlen, -ENOMEM,
                        "no room for 0x%llx bytes in the guest address space",
                        (unsigned long long)span);
        l->bias = (uint64_t)at - lo;
    } else if (lo < pg || hi > limit || hi < lo) {
        return fail(err, errlen, -ENOEXEC,
                    "segments at 0x%llx-0x%llx lie outside the guest address space "
                    "(0x%llx-0x%llx)", (unsigned long long)lo, (unsigned long long)hi,
                    (unsigned long long)pg, (unsigned long long)limit);
    }

    l->start_code = UINT64_MAX;
    l->end_code = l->start_data = l->end_data = l->brk = 0;
    l->phdr = 0;
    uint64_t first_base = UINT64_MAX;
    size_t entsize = f->eh.e_phentsize;
    for (size_t i = 0; i < f->phnum; i++) {
        const GElf_Phdr *ph = &f->ph[i];
        if (ph->p_type != PT_LOAD)
            continue;
        int r = map_segment(f, ph, i, l->bias, err, errlen);
        if (r < 0)
            return r;
        uint64_t v = l->bias + ph->p_vaddr;
        if (first_base == UINT64_MAX)
            first_base = v - ph->p_offset;
        if ((ph->p_flags & PF_X) && v < l->start_code)
            l->start_code = v;
        if ((ph->p_flags & PF_X) && v + ph->p_filesz > l->end_code)
            l->end_code = v + ph->p_filesz;
        if (v > l->start_data)
            l->start_data = v;
        if (v + ph->p_filesz > l->end_data)
            l->end_data = v + ph->p_filesz;
        if (v + ph->p_memsz > l->brk)
            l->brk = v + ph->p_memsz;
        /* AT_PHDR: where the loaded image contains the program header table. */
        if (!l->phdr && f->eh.e_phoff >= ph->p_offset &&
            f->eh.e_phoff + f->phnum * entsize <= ph->p_offset + ph->p_filesz)
            l->phdr = v + (f->eh.e_phoff - ph->p_offset);
    }
    if (l->start_code == UINT64_MAX)
        l->start_code = 0;
    for (size_t i = 0; i < f->phnum && !l->phdr; i++)
        if (f->ph[i].p_type == PT_PHDR)
            l->phdr = l->bias + f->ph[i].p_vaddr;
    if (!l->phdr)
        l->phdr = first_base + f->eh.e_phoff;
    l->entry = l->bias + f->eh.e_entry;
    return 0;
}

/* Opens and checks an ELF file for target ops: header, machine, program headers. */
static int elf_prepare(struct elf_file *f, const struct target_ops *ops, const char *path,
                       struct loaded *l, char *err, size_t errlen)
{
    int r = elf_open(f, path, err, errlen);
    if (r < 0)
        return r;
    char buf[256];
    const char *why = refusal(ops, f, buf, sizeof buf);
    if (why)
        return fail(err, errlen, -ENOEXEC, "%s", why);
    r = elf_read_phdrs(f, err, errlen);
    if (r < 0)
        return r;
    return elf_validate(f, l, err, errlen);
}

static bool under_root(const char *root, const char *name, char *out, size_t n)
{
    int k = snprintf(out, n, "%s%s%s", root, name[0] == '/' ? "" : "/", name);
    return k > 0 && (size_t)k < n && access(out, F_OK) == 0;
}

/* The host file for the interpreter: under the -L prefix first, then as named; with no
 * -L, last in the target's cross sysroot (Debian's libc6-<arch>-cross), recorded in
 * info->auto_root. */
static int find_interp(const struct target_ops *ops, const char *name, const char *prefix,
                       struct image_info *info, char *err, size_t errlen)
{
    char *out = info->interp_path;
    size_t n = sizeof info->interp_path;
    if (prefix && *prefix && under_root(prefix, name, out, n))
        return 0;
    snprintf(out, n, "%s", name);
    if (access(out, F_OK) == 0)
        return 0;
    if (!(prefix && *prefix) && ops->cross_sysroot &&
        under_root(ops->cross_sysroot, name, out, n)) {
        info->auto_root = ops->cross_sysroot;
        return 0;
    }
    if (prefix && *prefix)
        return fail(err, errlen, -ENOENT, "cannot find the interpreter %s (looked in %s and /)",
                    name, prefix);
    if (ops->cross_sysroot)
        return fail(err, errlen, -ENOENT, "cannot find the interpreter %s (looked in / and %s; "
                    "use -L to give the guest's root)", name, ops->cross_sysroot);
    return fail(err, errlen, -ENOENT,
                "cannot find the interpreter %s (use -L to give the guest's root)", name);
}

static int load_interp(const struct target_ops *ops, const char *name,
                       const struct loader_opts *opt, struct image_info *info,
                       struct loaded *il, char *err, size_t errlen)
{
    char ierr[512];
    struct elf_file f;
    int r = find_interp(ops, name, opt ? opt->ld_prefix : NULL, info, err, errlen);
    if (r < 0)
        return r;
    r = elf_prepare(&f, ops, info->interp_path, il, ierr, sizeof ierr);
    if (r == 0 && il->interp[0])
        r = fail(ierr, sizeof ierr, -ENOEXEC, "it has an interpreter of its own");
    if (r == 0)
        r = elf_map(&f, ops, ops->interp_base, il, ierr, sizeof ierr);
    elf_close(&f);
    if (r < 0)
        return fail(err, errlen, r, "interpreter %s: %s", info->interp_path, ierr);
    return 0;
}

int loader_exec(const struct target_ops *ops, const char *path, char *const argv[],
                char *const envp[], const struct loader_opts *opt, struct image_info *info,
                char *err, size_t errlen)
{
    static const char *const no_args[] = { NULL };
    struct elf_file f;
    struct loaded l, il;
    memset(info, 0, sizeof *info);
    guest_mmap_init(ops->mmap_base, ops->task_size);

    int r = elf_prepare(&f, ops, path, &l, err, errlen);
    if (r == 0)
        r = elf_map(&f, ops, ops->pie_base, &l, err, errlen);
    if (r < 0) {
        elf_close(&f);
        return r;
    }
    info->load_bias = l.bias;
    info->prog_entry = info->entry = l.entry;
    info->phdr = l.phdr;
    info->phent = f.eh.e_phentsize;
    info->phnum = f.phnum;
    info->elf_flags = f.eh.e_flags;
    info->start_code = l.start_code;
    info->end_code = l.end_code;
    info->start_data = l.start_data;
    info->end_data = l.end_data;
    info->start_brk = info->brk = (l.brk + guest_page_size() - 1) & guest_page_mask();
    elf_close(&f);
    guest_brk_init(info->start_brk);
    if (!realpath(path, info->exe_path))
        snprintf(info->exe_path, sizeof info->exe_path, "%s", path);

    uint64_t stack = opt && opt->stack_size ? opt->stack_size : 8ull << 20;
    r = stack_map(ops, stack, l.exec_stack, info, err, errlen);
    if (r < 0)
        return r;

    if (l.interp[0]) {
        r = load_interp(ops, l.interp, opt, info, &il, err, errlen);
        if (r < 0)
            return r;
        info->interp_base = il.bias;
        info->entry = il.entry;
    }

    if (ops->map_special_pages && (r = ops->map_special_pages()) < 0)
        return fail(err, errlen, r, "cannot map the %s guest's special pages: %s", ops->name,
                    strerror(-r));

    /* -0 replaces argv[0] as the guest sees it. */
    size_t argc = 0;
    while (argv && argv[argc])
        argc++;
    char **args = calloc(argc + 2, sizeof *args);
    if (!args)
        return fail(err, errlen, -ENOMEM, "out of memory");
    for (size_t i = 0; i < argc; i++)
        args[i] = argv[i];
    if (opt && opt->argv0) {
        args[0] = (char *)opt->argv0;
        if (!argc)
            argc = 1;
    }
    args[argc] = NULL;
    r = stack_build(ops, args, envp ? envp : (char *const *)no_args, path, info, err, errlen);
    free(args);
    return r;
}
