/*
 * json.h: a small streaming JSON writer for --format json.
 *
 *     json_out j;
 *     json_begin(&j, stdout);
 *     json_object_open(&j);
 *     json_key(&j, "heads");
 *     json_array_open(&j);
 *     json_string(&j, "3f2a9c1b7d4e");
 *     json_array_close(&j);
 *     json_object_close(&j);
 *     json_end(&j);             // newline at the end
 *
 * Output is indented by two spaces. Strings are escaped per RFC 8259;
 * bytes that are not valid UTF-8 become U+FFFD.
 */
#ifndef RETORT_JSON_H
#define RETORT_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

typedef struct json_out {
	FILE *f;
	int depth;
	bool first[JSON_MAX_DEPTH];   /* no element written yet at depth */
	bool after_key;
} json_out;

void json_begin(json_out *j, FILE *f);
void json_end(json_out *j);
void json_object_open(json_out *j);
void json_object_close(json_out *j);
void json_array_open(json_out *j);
void json_array_close(json_out *j);
void json_key(json_out *j, const char *key);
void json_string(json_out *j, const char *s);   /* NULL writes null */
void json_int(json_out *j, long long v);
void json_bool(json_out *j, bool v);
void json_null(json_out *j);

#endif
