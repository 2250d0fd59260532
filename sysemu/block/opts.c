/* "-o key=value" option lists, size and boolean values (see block.h). */
#include "sysemu/block/block.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int block_parse_size(const char *s, uint64_t *out)
{
    static const char units[] = "bkmgtpe";
    char *end;
    if (!s || !*s || *s == '-')
        return -EINVAL;
    errno = 0;
    double whole = strtod(s, &end);
    unsigned long long n = strtoull(s, NULL, 10);
    if (errno || end == s)
        return -EINVAL;
    int shift = 0;
    if (*end) {
        const char *u = strchr(units, (*end >= 'A' && *end <= 'Z') ? *end + 32 : *end);
        if (!u || end[1])
            return -EINVAL;
        shift = (int)(u - units) * 10;
    }
    /* Fractions ("1.5G") are allowed with a unit, as qemu-img allows them. */
    if (whole != (double)n) {
        if (!shift)
            return -EINVAL;
        double v = whole * (double)(1ULL << shift);
        if (v >= 18446744073709551615.0)
            return -ERANGE;
        *out = (uint64_t)v;
        return 0;
    }
    if (shift && n > (UINT64_MAX >> shift))
        return -ERANGE;
    *out = (uint64_t)n << shift;
    return 0;
}

static int opt_find(const struct block_opts *o, const char *key)
{
    for (int i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].key, key))
            return i;
    return -1;
}

int block_opts_set(struct block_opts *o, const char *key, const char *value)
{
    char *v = strdup(value);
    if (!v)
        return -ENOMEM;
    int i = opt_find(o, key);
    if (i >= 0) {
        free(o->v[i].value);
        o->v[i].value = v;
        return 0;
    }
    char *k = strdup(key);
    struct block_opt *nv = realloc(o->v, sizeof(*nv) * (size_t)(o->n + 1));
    if (!k || !nv) {
        free(k);
        free(v);
        if (nv)
            o->v = nv;
        return -ENOMEM;
    }
    o->v = nv;
    o->v[o->n].key = k;
    o->v[o->n].value = v;
    o->n++;
    return 0;
}

/* Copies one comma-terminated item of `s` into `item`, undoubling ",,"; returns the rest. */
static const char *next_item(const char *s, char *item)
{
    while (*s) {
        if (*s == ',') {
            if (s[1] != ',')
                break;
            s++;
        }
        *item++ = *s++;
    }
    *item = 0;
    return *s ? s + 1 : s;
}

int block_opts_parse(struct block_opts *o, const char *list)
{
    char *item = malloc(strlen(list) + 1);
    if (!item)
        return -ENOMEM;
    int r = 0;
    const char *s = list;
    while (*s && r == 0) {
        s = next_item(s, item);
        if (!*item)
            continue;
        char *eq = strchr(item, '=');
        if (!eq) {
            /* "help" and bare flags mean key=on, as qemu's option parser reads them. */
            r = block_opts_set(o, item, "on");
            continue;
        }
        *eq = 0;
        if (!*item)
            r = block_fail(-EINVAL, "option '=%s' has no name", eq + 1);
        else
            r = block_opts_set(o, item, eq + 1);
    }
    free(item);
    return r;
}

const char *block_opts_get(const struct block_opts *o, const char *key)
{
    if (!o)
        return NULL;
    int i = opt_find(o, key);
    return i < 0 ? NULL : o->v[i].value;
}

int block_opts_get_size(const struct block_opts *o, const char *key, uint64_t dflt, uint64_t *out)
{
    const char *v = block_opts_get(o, key);
    *out = dflt;
    if (!v)
        return 0;
    if (block_parse_size(v, out) < 0)
        return block_fail(-EINVAL, "option %s: '%s' is not a size", key, v);
    return 0;
}

int block_opts_get_bool(const struct block_opts *o, const char *key, bool dflt, bool *out)
{
    const char *v = block_opts_get(o, key);
    *out = dflt;
    if (!v)
        return 0;
    if (!strcmp(v, "on") || !strcmp(v, "true") || !strcmp(v, "yes"))
        *out = true;
    else if (!strcmp(v, "off") || !strcmp(v, "false") || !strcmp(v, "no"))
        *out = false;
    else
        return block_fail(-EINVAL, "option %s: '%s' is not on or off", key, v);
    return 0;
}

int block_opts_check(const struct block_opts *o, const struct block_opt_desc *desc)
{
    for (int i = 0; i < o->n; i++) {
        const struct block_opt_desc *d = desc;
        while (d && d->name && strcmp(d->name, o->v[i].key))
            d++;
        if (!d || !d->name)
            return block_fail(-EINVAL, "invalid parameter '%s'", o->v[i].key);
    }
    return 0;
}

void block_opts_free(struct block_opts *o)
{
    for (int i = 0; i < o->n; i++) {
        free(o->v[i].key);
        free(o->v[i].value);
    }
    free(o->v);
    o->v = NULL;
    o->n = 0;
}
