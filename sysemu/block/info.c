/* Building format-specific information trees and check reports (see block.h). */
#include "sysemu/block/block.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct block_field *add_field(struct block_info *in, enum block_field_type t,
                                     const char *key)
{
    if (in->nfields == in->cap) {
        int cap = in->cap ? in->cap * 2 : 16;
        struct block_field *f = realloc(in->fields, sizeof(*f) * (size_t)cap);
        if (!f)
            return NULL;
        in->fields = f;
        in->cap = cap;
    }
    struct block_field *f = &in->fields[in->nfields];
    memset(f, 0, sizeof(*f));
    f->type = t;
    if (key && !(f->key = strdup(key)))
        return NULL;
    in->nfields++;
    return f;
}

int block_info_add_str(struct block_info *in, const char *key, const char *value)
{
    struct block_field *f = add_field(in, BLOCK_FIELD_STR, key);
    if (!f || !(f->str = strdup(value)))
        return -ENOMEM;
    return 0;
}

int block_info_add_int(struct block_info *in, const char *key, int64_t value)
{
    struct block_field *f = add_field(in, BLOCK_FIELD_INT, key);
    if (!f)
        return -ENOMEM;
    f->num = value;
    return 0;
}

int block_info_add_bool(struct block_info *in, const char *key, bool value)
{
    struct block_field *f = add_field(in, BLOCK_FIELD_BOOL, key);
    if (!f)
        return -ENOMEM;
    f->num = value;
    return 0;
}

int block_info_begin(struct block_info *in, const char *key, enum block_field_type list_or_obj)
{
    if (list_or_obj != BLOCK_FIELD_LIST && list_or_obj != BLOCK_FIELD_OBJECT)
        return -EINVAL;
    return add_field(in, list_or_obj, key) ? 0 : -ENOMEM;
}

int block_info_end(struct block_info *in)
{
    return add_field(in, BLOCK_FIELD_END, NULL) ? 0 : -ENOMEM;
}

void block_info_free(struct block_info *in)
{
    for (int i = 0; i < in->nfields; i++) {
        free(in->fields[i].key);
        free(in->fields[i].str);
    }
    free(in->fields);
    memset(in, 0, sizeof(*in));
}

void block_check_report(struct block_check *c, const char *fmt, ...)
{
    char *line;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    char **m = realloc(c->messages, sizeof(*m) * (size_t)(c->nmessages + 1));
    if (!m) {
        free(line);
        return;
    }
    c->messages = m;
    c->messages[c->nmessages++] = line;
}

void block_check_free(struct block_check *c)
{
    for (int i = 0; i < c->nmessages; i++)
        free(c->messages[i]);
    free(c->messages);
    c->messages = NULL;
    c->nmessages = 0;
}
