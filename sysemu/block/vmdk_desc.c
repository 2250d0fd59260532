/* VMDK descriptor text: "key=value" lines and extent lines (see vmdk_int.h). */
#include "sysemu/block/vmdk_int.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cursor { const char *p, *end; };

static void skip_blanks(struct cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
        c->p++;
}

/* Copies the next blank-separated (or "quoted") word; false when there is none. */
static bool next_word(struct cursor *c, char *out, size_t cap)
{
    skip_blanks(c);
    if (c->p >= c->end)
        return false;
    const char *start = c->p;
    if (*c->p == '"') {
        start = ++c->p;
        while (c->p < c->end && *c->p != '"')
            c->p++;
        if (c->p >= c->end)
            return false;                  /* unterminated quote */
    } else {
        while (c->p < c->end && *c->p != ' ' && *c->p != '\t')
            c->p++;
    }
    size_t n = (size_t)(c->p - start);
    if (c->p < c->end && *c->p == '"')
        c->p++;
    if (n >= cap)
        return false;
    memcpy(out, start, n);
    out[n] = 0;
    return true;
}

static bool parse_u64(const char *s, int base, uint64_t *v)
{
    if (!*s || !isxdigit((unsigned char)*s))
        return false;
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, base);
    if (errno || *end)
        return false;
    *v = x;
    return true;
}

static int parse_access(const char *w, enum vmdk_access *a)
{
    if (!strcmp(w, "RW")) *a = VMDK_RW;
    else if (!strcmp(w, "RDONLY")) *a = VMDK_RDONLY;
    else if (!strcmp(w, "NOACCESS")) *a = VMDK_NOACCESS;
    else return -1;
    return 0;
}

static int parse_type(const char *w, enum vmdk_ext_type *t)
{
    if (!strcmp(w, "FLAT") || !strcmp(w, "VMFS")) *t = VMDK_EXT_FLAT;
    else if (!strcmp(w, "SPARSE")) *t = VMDK_EXT_SPARSE;
    else if (!strcmp(w, "ZERO")) *t = VMDK_EXT_ZERO;
    else return -1;
    return 0;
}

static int add_extent(struct vmdk_desc *d, struct cursor *c, const char *access,
                      unsigned line)
{
    struct vmdk_desc_extent x = { 0 };
    char w[4096];

    parse_access(access, &x.access);
    if (!next_word(c, w, sizeof w) || !parse_u64(w, 10, &x.sectors))
        return block_fail(-EINVAL, "descriptor line %u: bad extent size", line);
    if (!next_word(c, w, sizeof w) || parse_type(w, &x.type) < 0)
        return block_fail(-ENOTSUP, "descriptor line %u: unsupported extent type '%s'",
                         line, w);
    if (x.type != VMDK_EXT_ZERO) {
        if (!next_word(c, w, sizeof w) || !*w)
            return block_fail(-EINVAL, "descriptor line %u: extent has no file name", line);
        char num[32];
        skip_blanks(c);
        if (c->p < c->end && (!next_word(c, num, sizeof num) || !parse_u64(num, 10, &x.offset)
                              || x.offset > UINT64_MAX / VMDK_SECTOR / 2))
            return block_fail(-EINVAL, "descriptor line %u: bad extent offset", line);
    }
    if (d->n_ext >= VMDK_MAX_EXTENTS)
        return block_fail(-EINVAL, "descriptor lists more than %u extents",
                         VMDK_MAX_EXTENTS);
    if (x.type != VMDK_EXT_ZERO && !(x.file = strdup(w)))
        return -ENOMEM;
    struct vmdk_desc_extent *n = realloc(d->ext, (d->n_ext + 1) * sizeof *n);
    if (!n) {
        free(x.file);
        return -ENOMEM;
    }
    d->ext = n;
    d->ext[d->n_ext++] = x;
    return 0;
}

static void strip(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        memmove(s, s + 1, n - 2);
        s[n - 2] = 0;
    }
}

static int set_key(struct vmdk_desc *d, const char *key, const char *val, unsigned line)
{
    uint64_t v;
    if (!strcmp(key, "CID") || !strcmp(key, "parentCID")) {
        if (!parse_u64(val, 16, &v) || v > UINT32_MAX)
            return block_fail(-EINVAL, "descriptor line %u: bad %s '%s'", line, key, val);
        *(strcmp(key, "CID") ? &d->parent_cid : &d->cid) = (uint32_t)v;
    } else if (!strcmp(key, "createType")) {
        snprintf(d->create_type, sizeof d->create_type, "%.47s", val);
    } else if (!strcmp(key, "parentFileNameHint")) {
        d->has_parent_hint = true;
    } else if (!strcmp(key, "ddb.virtualHWVersion") && parse_u64(val, 10, &v) &&
               v < 256) {
        d->hw_version = (uint32_t)v;
    } else if (!strcmp(key, "ddb.adapterType")) {
        snprintf(d->adapter, sizeof d->adapter, "%.15s", val);
    }
    return 0;
}

static int parse_line(struct vmdk_desc *d, const char *s, size_t n, unsigned line)
{
    struct cursor c = { s, s + n };
    char word[16];

    skip_blanks(&c);
    if (c.p >= c.end || *c.p == '#')
        return 0;
    struct cursor look = c;
    enum vmdk_access a;
    if (next_word(&look, word, sizeof word) && parse_access(word, &a) == 0)
        return add_extent(d, &look, word, line);

    const char *eq = memchr(c.p, '=', (size_t)(c.end - c.p));
    if (!eq)
        return block_fail(-EINVAL, "descriptor line %u is neither a setting nor an extent",
                         line);
    char key[64], val[1024];
    size_t kn = (size_t)(eq - c.p), vn = (size_t)(c.end - eq - 1);
    if (kn >= sizeof key || vn >= sizeof val)
        return 0;                          /* long values are never ones we need */
    memcpy(key, c.p, kn), key[kn] = 0;
    memcpy(val, eq + 1, vn), val[vn] = 0;
    strip(key);
    char *v = val;
    while (isspace((unsigned char)*v))
        v++;
    strip(v);
    return set_key(d, key, v, line);
}

static bool known_create_type(const char *t)
{
    static const char *const types[] = {
        "monolithicSparse", "streamOptimized", "monolithicFlat", "twoGbMaxExtentSparse",
        "twoGbMaxExtentFlat", "vmfs",
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (!strcmp(t, types[i]))
            return true;
    return false;
}

int vmdk_desc_parse(const char *text, size_t len, struct vmdk_desc *d)
{
    memset(d, 0, sizeof *d);
    d->parent_cid = UINT32_MAX;
    const char *nul = memchr(text, 0, len);
    const char *end = nul ? nul : text + len;
    unsigned line = 0;
    for (const char *p = text; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        size_t n = (size_t)(stop - p);
        if (n && p[n - 1] == '\r')
            n--;
        int r = parse_line(d, p, n, line + 1);
        if (r < 0) {
            vmdk_desc_free(d);
            return r;
        }
        p = nl ? nl + 1 : end;
    }
    int r = 0;
    if (!d->create_type[0])
        r = block_fail(-EINVAL, "VMDK descriptor has no createType");
    else if (!known_create_type(d->create_type))
        r = block_fail(-ENOTSUP, "unsupported VMDK type '%s'", d->create_type);
    else if (d->n_ext == 0)
        r = block_fail(-EINVAL, "VMDK descriptor lists no extents");
    if (r < 0)
        vmdk_desc_free(d);
    return r;
}

void vmdk_desc_free(struct vmdk_desc *d)
{
    for (size_t i = 0; i < d->n_ext; i++)
        free(d->ext[i].file);
    free(d->ext);
    d->ext = NULL;
    d->n_ext = 0;
}

static const char *access_name(enum vmdk_access a)
{
    return a == VMDK_RW ? "RW" : a == VMDK_RDONLY ? "RDONLY" : "NOACCESS";
}

static const char *type_name(enum vmdk_ext_type t)
{
    return t == VMDK_EXT_FLAT ? "FLAT" : t == VMDK_EXT_SPARSE ? "SPARSE" : "ZERO";
}

/* Appends to buf at *pos; false when it no longer fits. */
static bool put(char *buf, size_t cap, size_t *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static bool put(char *buf, size_t cap, size_t *pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *pos, cap - *pos, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= cap - *pos)
        return false;
    *pos += (size_t)n;
    return true;
}

int vmdk_desc_format(const struct vmdk_desc *d, char *buf, size_t cap)
{
    size_t pos = 0;
    uint64_t total = 0;
    bool ok = put(buf, cap, &pos, "# Disk DescriptorFile\nversion=1\nCID=%08" PRIx32
                  "\nparentCID=%08" PRIx32 "\ncreateType=\"%s\"\n\n# Extent description\n",
                  d->cid, d->parent_cid, d->create_type);
    for (size_t i = 0; ok && i < d->n_ext; i++) {
        const struct vmdk_desc_extent *x = &d->ext[i];
        total += x->sectors;
        ok = put(buf, cap, &pos, "%s %" PRIu64 " %s", access_name(x->access), x->sectors,
                 type_name(x->type));
        if (ok && x->file)
            ok = put(buf, cap, &pos, " \"%s\"", x->file);
        if (ok && x->type == VMDK_EXT_FLAT)
            ok = put(buf, cap, &pos, " %" PRIu64, x->offset);
        ok = ok && put(buf, cap, &pos, "\n");
    }
    /* Legacy BIOS geometry: 16 heads, 63 sectors per track, cylinders capped at 16383. */
    uint64_t cyl = total / (16 * 63);
    ok = ok && put(buf, cap, &pos, "\n# The Disk Data Base\n#DDB\n\n"
                   "ddb.virtualHWVersion = \"%" PRIu32 "\"\nddb.geometry.cylinders = \"%"
                   PRIu64 "\"\nddb.geometry.heads = \"16\"\nddb.geometry.sectors = \"63\"\n"
                   "ddb.adapterType = \"%s\"\n", d->hw_version ? d->hw_version : 4,
                   cyl > 16383 ? 16383 : cyl, d->adapter[0] ? d->adapter : "ide");
    return ok ? (int)pos : -ENOSPC;
}
