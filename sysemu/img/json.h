/* A small pretty-printing JSON writer in qemu-img's layout (four-space indents).
 * Contract: calls nest like the document; keys are NULL inside arrays; strings are escaped. */
#ifndef SYSEMU_IMG_JSON_H
#define SYSEMU_IMG_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct json {
    FILE *f;
    int depth;
    bool first;     /* no member written yet at this depth */
};

void json_init(struct json *j, FILE *f);
void json_begin_object(struct json *j, const char *key);
void json_end_object(struct json *j);
void json_begin_array(struct json *j, const char *key);
void json_end_array(struct json *j);
void json_str(struct json *j, const char *key, const char *v);
void json_int(struct json *j, const char *key, int64_t v);
void json_uint(struct json *j, const char *key, uint64_t v);
void json_bool(struct json *j, const char *key, bool v);
void json_finish(struct json *j);   /* final newline */

#endif
