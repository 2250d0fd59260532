/* The JSON writer (see json.h). */
#include "sysemu/img/json.h"

#include <inttypes.h>

void json_init(struct json *j, FILE *f)
{
    j->f = f;
    j->depth = 0;
    j->first = true;
}

static void member(struct json *j, const char *key)
{
    if (j->depth > 0)
        fputs(j->first ? "\n" : ",\n", j->f);
    for (int i = 0; i < j->depth; i++)
        fputs("    ", j->f);
    if (key) {
        fputc('"', j->f);
        for (const char *p = key; *p; p++)
            fputc(*p, j->f);
        fputs("\": ", j->f);
    }
    j->first = false;
}

static void escaped(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void open_level(struct json *j, const char *key, char c)
{
    member(j, key);
    fputc(c, j->f);
    j->depth++;
    j->first = true;
}

static void close_level(struct json *j, char c)
{
    j->depth--;
    if (!j->first) {
        fputc('\n', j->f);
        for (int i = 0; i < j->depth; i++)
            fputs("    ", j->f);
    }
    fputc(c, j->f);
    j->first = false;
}

void json_begin_object(struct json *j, const char *key) { open_level(j, key, '{'); }
void json_end_object(struct json *j) { close_level(j, '}'); }
void json_begin_array(struct json *j, const char *key) { open_level(j, key, '['); }
void json_end_array(struct json *j) { close_level(j, ']'); }

void json_str(struct json *j, const char *key, const char *v)
{
    member(j, key);
    escaped(j->f, v);
}

void json_int(struct json *j, const char *key, int64_t v)
{
    member(j, key);
    fprintf(j->f, "%" PRId64, v);
}

void json_uint(struct json *j, const char *key, uint64_t v)
{
    member(j, key);
    fprintf(j->f, "%" PRIu64, v);
}

void json_bool(struct json *j, const char *key, bool v)
{
    member(j, key);
    fputs(v ? "true" : "false", j->f);
}

void json_finish(struct json *j)
{
    fputc('\n', j->f);
}
