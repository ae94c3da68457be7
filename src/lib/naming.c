/* naming.c: see naming.h. */
#include "naming.h"

#include <stdint.h>
#include <string.h>

static const rt_naming defaults = {
	.primary_key = "pk_%(table)s",
	.unique = "uq_%(table)s_%(columns)s",
	.index = "ix_%(table)s_%(columns)s",
	.foreign_key = "fk_%(table)s_%(columns)s_%(ref_table)s",
	.check = "ck_%(table)s_%(name)s",
};

const rt_naming *
rt_naming_default(void)
{
	return &defaults;
}

static const char *const tokens[] = {
	"table", "table_name", "columns", "column_0_name", "ref_table",
	"referred_table_name", "name", "constraint_name",
};

/* The value of token tok (length n), or "" when it has none here; NULL
 * when tok is unknown. */
static const char *
token_value(const char *tok, size_t n, const rt_naming_vars *v)
{
	static const char empty[] = "";
	for (size_t i = 0; i < RT_ARRAY_LEN(tokens); i++) {
		if (strlen(tokens[i]) != n || strncmp(tokens[i], tok, n) != 0)
			continue;
		const char *val = NULL;
		if (!v)
			return empty;
		switch (i) {
		case 0: case 1: val = v->table; break;
		case 2: val = v->columns; break;
		case 3: val = v->column0; break;
		case 4: case 5: val = v->ref_table; break;
		default: val = v->name; break;
		}
		return val ? val : empty;
	}
	return NULL;
}

const char *
rt_naming_validate(rt_arena *a, const char *t)
{
	for (const char *p = t; *p; p++) {
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		const char *end = p[1] == '(' ? strstr(p + 2, ")s") : NULL;
		if (!end)
			return rt_sprintf(a, "\"%s\": a %% starts no %%(token)s", t);
		if (!token_value(p + 2, (size_t)(end - p - 2), NULL))
			return rt_sprintf(a, "\"%s\": unknown token \"%%(%.*s)s\" (known: "
			                  "table, columns, column_0_name, ref_table, name)",
			                  t, (int)(end - p - 2), p + 2);
		p = end + 1;
	}
	if (!*t)
		return "an empty template";
	return NULL;
}

const char *
rt_naming_expand(rt_arena *a, const char *t, const rt_naming_vars *v)
{
	rt_buf b = RT_BUF_INIT;
	for (const char *p = t; *p; p++) {
		if (*p == '%' && p[1] == '%') {
			rt_buf_putc(&b, '%');
			p++;
			continue;
		}
		const char *end = *p == '%' && p[1] == '(' ? strstr(p + 2, ")s") : NULL;
		const char *val = end ? token_value(p + 2, (size_t)(end - p - 2), v) : NULL;
		if (!val) {
			rt_buf_putc(&b, *p);
			continue;
		}
		rt_buf_puts(&b, val);
		p = end + 1;
	}
	const char *s = rt_name_shorten(a, rt_buf_cstr(&b));
	if (s == rt_buf_cstr(&b))
		s = rt_strdup(a, s);
	rt_buf_free(&b);
	return s;
}

const char *
rt_name_shorten(rt_arena *a, const char *name)
{
	size_t n = strlen(name);
	if (n <= RT_NAME_MAX)
		return name;
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)name[i];
		h *= 1099511628211ULL;
	}
	size_t keep = RT_NAME_MAX - 9;
	/* Never cut inside a UTF-8 sequence. */
	while (keep > 0 && ((unsigned char)name[keep] & 0xC0) == 0x80)
		keep--;
	return rt_sprintf(a, "%.*s_%08x", (int)keep, name,
	                  (unsigned)(h ^ (h >> 32)));
}
