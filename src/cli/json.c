/* json.c: see json.h. */
#include "json.h"

#include <string.h>

void
json_begin(json_out *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
	j->first[0] = true;
}

void
json_end(json_out *j)
{
	fputc('\n', j->f);
}

static void
indent(json_out *j)
{
	fputc('\n', j->f);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Before a value: the separator and indentation, unless after a key. */
static void
value_start(json_out *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fputc(',', j->f);
		indent(j);
	}
	j->first[j->depth] = false;
}

static void
open_(json_out *j, char c)
{
	value_start(j);
	fputc(c, j->f);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void
close_(json_out *j, char c)
{
	bool empty = j->first[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->f);
}

void json_object_open(json_out *j) { open_(j, '{'); }
void json_object_close(json_out *j) { close_(j, '}'); }
void json_array_open(json_out *j) { open_(j, '['); }
void json_array_close(json_out *j) { close_(j, ']'); }

/* Length of the valid UTF-8 sequence at s, or 0. */
static int
utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	int n;
	unsigned int cp;
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2;
		cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3;
		cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

static void
write_string(FILE *f, const char *s)
{
	fputc('"', f);
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned char c = *p;
		if (c == '"' || c == '\\') {
			fputc('\\', f);
			fputc(c, f);
			p++;
		} else if (c == '\n') {
			fputs("\\n", f);
			p++;
		} else if (c == '\t') {
			fputs("\\t", f);
			p++;
		} else if (c == '\r') {
			fputs("\\r", f);
			p++;
		} else if (c < 0x20 || c == 0x7F) {
			fprintf(f, "\\u%04x", c);
			p++;
		} else {
			int n = utf8_len(p);
			if (n == 0) {
				fputs("\\ufffd", f);
				p++;
			} else {
				fwrite(p, 1, (size_t)n, f);
				p += n;
			}
		}
	}
	fputc('"', f);
}

void
json_key(json_out *j, const char *key)
{
	value_start(j);
	write_string(j->f, key);
	fputs(": ", j->f);
	j->after_key = true;
}

void
json_string(json_out *j, const char *s)
{
	value_start(j);
	if (s)
		write_string(j->f, s);
	else
		fputs("null", j->f);
}

void
json_int(json_out *j, long long v)
{
	value_start(j);
	fprintf(j->f, "%lld", v);
}

void
json_bool(json_out *j, bool v)
{
	value_start(j);
	fputs(v ? "true" : "false", j->f);
}

void
json_null(json_out *j)
{
	value_start(j);
	fputs("null", j->f);
}
