/* typemap.c: see typemap.h. */
#include "typemap.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Which arguments a portable type takes. */
enum { ARGS_NONE, ARGS_LEN, ARGS_PREC_SCALE, ARGS_SECONDS };

static const struct alias {
	const char *name;        /* lower case, single spaces */
	rt_type_id id;
} aliases[] = {
	{ "smallint", RT_TYPE_SMALLINT },
	{ "int2", RT_TYPE_SMALLINT },
	{ "integer", RT_TYPE_INTEGER },
	{ "int", RT_TYPE_INTEGER },
	{ "int4", RT_TYPE_INTEGER },
	{ "bigint", RT_TYPE_BIGINT },
	{ "int8", RT_TYPE_BIGINT },
	{ "boolean", RT_TYPE_BOOLEAN },
	{ "bool", RT_TYPE_BOOLEAN },
	{ "real", RT_TYPE_REAL },
	{ "float4", RT_TYPE_REAL },
	{ "double", RT_TYPE_DOUBLE },
	{ "double precision", RT_TYPE_DOUBLE },
	{ "float8", RT_TYPE_DOUBLE },
	{ "float", RT_TYPE_DOUBLE },
	{ "numeric", RT_TYPE_NUMERIC },
	{ "decimal", RT_TYPE_NUMERIC },
	{ "text", RT_TYPE_TEXT },
	{ "varchar", RT_TYPE_VARCHAR },
	{ "character varying", RT_TYPE_VARCHAR },
	{ "char", RT_TYPE_CHAR },
	{ "character", RT_TYPE_CHAR },
	{ "date", RT_TYPE_DATE },
	{ "time", RT_TYPE_TIME },
	{ "time without time zone", RT_TYPE_TIME },
	{ "timetz", RT_TYPE_TIMETZ },
	{ "time with time zone", RT_TYPE_TIMETZ },
	{ "timestamp", RT_TYPE_TIMESTAMP },
	{ "timestamp without time zone", RT_TYPE_TIMESTAMP },
	{ "timestamptz", RT_TYPE_TIMESTAMPTZ },
	{ "timestamp with time zone", RT_TYPE_TIMESTAMPTZ },
	{ "interval", RT_TYPE_INTERVAL },
	{ "uuid", RT_TYPE_UUID },
	{ "json", RT_TYPE_JSON },
	{ "jsonb", RT_TYPE_JSONB },
	{ "bytes", RT_TYPE_BYTES },
	{ "bytea", RT_TYPE_BYTES },
	{ "blob", RT_TYPE_BYTES },
};

/* Per type id: arguments, PostgreSQL name, SQLite name, SQLite STRICT name. */
static const struct typedef_ {
	int args;
	const char *pg;
	const char *sqlite;
	const char *strict;
} types[] = {
	[RT_TYPE_OTHER] = { ARGS_NONE, NULL, NULL, NULL },
	[RT_TYPE_SMALLINT] = { ARGS_NONE, "smallint", "SMALLINT", "INTEGER" },
	[RT_TYPE_INTEGER] = { ARGS_NONE, "integer", "INTEGER", "INTEGER" },
	[RT_TYPE_BIGINT] = { ARGS_NONE, "bigint", "BIGINT", "INTEGER" },
	[RT_TYPE_BOOLEAN] = { ARGS_NONE, "boolean", "BOOLEAN", "INTEGER" },
	[RT_TYPE_REAL] = { ARGS_NONE, "real", "REAL", "REAL" },
	[RT_TYPE_DOUBLE] = { ARGS_NONE, "double precision", "DOUBLE", "REAL" },
	[RT_TYPE_NUMERIC] = { ARGS_PREC_SCALE, "numeric", "NUMERIC", "REAL" },
	[RT_TYPE_TEXT] = { ARGS_NONE, "text", "TEXT", "TEXT" },
	[RT_TYPE_VARCHAR] = { ARGS_LEN, "character varying", "VARCHAR", "TEXT" },
	[RT_TYPE_CHAR] = { ARGS_LEN, "character", "CHAR", "TEXT" },
	[RT_TYPE_DATE] = { ARGS_NONE, "date", "DATE", "TEXT" },
	[RT_TYPE_TIME] = { ARGS_SECONDS, "time", "TIME", "TEXT" },
	[RT_TYPE_TIMETZ] = { ARGS_SECONDS, "time", "TIME", "TEXT" },
	[RT_TYPE_TIMESTAMP] = { ARGS_SECONDS, "timestamp", "TIMESTAMP", "TEXT" },
	[RT_TYPE_TIMESTAMPTZ] = { ARGS_SECONDS, "timestamp", "TIMESTAMP", "TEXT" },
	[RT_TYPE_INTERVAL] = { ARGS_NONE, "interval", "TEXT", "TEXT" },
	[RT_TYPE_UUID] = { ARGS_NONE, "uuid", "TEXT", "TEXT" },
	[RT_TYPE_JSON] = { ARGS_NONE, "json", "TEXT", "TEXT" },
	[RT_TYPE_JSONB] = { ARGS_NONE, "jsonb", "TEXT", "TEXT" },
	[RT_TYPE_BYTES] = { ARGS_NONE, "bytea", "BLOB", "BLOB" },
};

/* Types of PostgreSQL and SQLite that are not portable but common enough
 * that a near miss of a portable name must not be taken for a typo. */
static const char *const native[] = {
	"any", "bit", "bit varying", "bigserial", "box", "cidr", "circle",
	"citext", "clob", "datetime", "daterange", "geography", "geometry",
	"hstore", "inet", "int4range", "int8range", "line", "lseg", "ltree",
	"macaddr", "macaddr8", "money", "name", "nchar", "numrange", "nvarchar",
	"oid", "path", "pg_lsn", "point", "polygon", "regclass", "serial",
	"serial4", "serial8", "smallserial", "tinyint", "tsquery", "tsrange",
	"tstzrange", "tsvector", "varbit", "xml",
};

/* Names from other languages and databases that are not types here, with
 * the portable type meant. */
static const struct alias mistakes[] = {
	{ "string", RT_TYPE_TEXT },
	{ "str", RT_TYPE_TEXT },
	{ "long", RT_TYPE_BIGINT },
	{ "short", RT_TYPE_SMALLINT },
	{ "number", RT_TYPE_NUMERIC },
	{ "binary", RT_TYPE_BYTES },
	{ "bytearray", RT_TYPE_BYTES },
	{ "datetimetz", RT_TYPE_TIMESTAMPTZ },
};

const char *
rt_type_mistake(const char *s)
{
	char low[64];
	size_t n = strlen(s);
	if (n >= sizeof(low))
		return NULL;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	for (size_t i = 0; i < RT_ARRAY_LEN(mistakes); i++)
		if (rt_suggest(low, &mistakes[i].name, 1))
			for (size_t j = 0; j < RT_ARRAY_LEN(aliases); j++)
				if (aliases[j].id == mistakes[i].id)
					return aliases[j].name;
	return NULL;
}

const char *
rt_type_suggest(const char *word)
{
	const char *names[RT_ARRAY_LEN(aliases)];
	for (size_t i = 0; i < RT_ARRAY_LEN(aliases); i++)
		names[i] = aliases[i].name;
	return rt_suggest(word, names, RT_ARRAY_LEN(aliases));
}

bool
rt_type_is_known_native(const char *s)
{
	for (size_t i = 0; i < RT_ARRAY_LEN(native); i++)
		if (rt_streq_nocase(s, native[i]))
			return true;
	return false;
}

bool
rt_type_is_integer(rt_type_id id)
{
	return id == RT_TYPE_SMALLINT || id == RT_TYPE_INTEGER ||
	       id == RT_TYPE_BIGINT;
}

/* Lower-cased copy of s[0..n) with runs of white space made one space and
 * no space next to a parenthesis or comma. */
static char *
squeeze(rt_arena *a, const char *s, size_t n)
{
	char *out = rt_alloc(a, n + 1);
	size_t o = 0;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isspace(c)) {
			space = o > 0;
			continue;
		}
		if (space && c != '(' && c != ')' && c != ',' && c != '[' &&
		    c != ']' && out[o - 1] != '(' && out[o - 1] != ',')
			out[o++] = ' ';
		space = false;
		out[o++] = (char)tolower(c);
	}
	out[o] = '\0';
	return out;
}

/* Reads the numbers inside parentheses into out->args; a message when
 * they are not one or two numbers. */
static const char *
lookup_args(rt_arena *a, const char *inside, rt_type_info *out)
{
	const char *p = inside;
	while (*p) {
		if (out->nargs == 2)
			return "takes at most two numbers in parentheses";
		if (!isdigit((unsigned char)*p))
			return rt_sprintf(a, "expects numbers in parentheses, not \"%s\"",
			                  inside);
		char *end;
		long v = strtol(p, &end, 10);
		if (v > 10485760 || end - p > 9)
			return rt_sprintf(a, "number %.12s is too large", p);
		out->args[out->nargs++] = v;
		p = end;
		if (*p == ',') {
			p++;
			if (!*p)
				return "has an empty argument";
		} else if (*p) {
			return rt_sprintf(a, "expects numbers in parentheses, not \"%s\"",
			                  inside);
		}
	}
	return NULL;
}

const char *
rt_type_parse(rt_arena *a, const char *s, rt_type_info *out)
{
	memset(out, 0, sizeof(*out));
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	while (n && isspace((unsigned char)*s))
		s++, n--;
	if (!n)
		return "is empty";
	/* Whatever a dialect accepts, a type never holds these. */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ';' || c == '\'' || c < 0x20 || c == 0x7f ||
		    (c == '-' && i + 1 < n && s[i + 1] == '-') ||
		    (c == '/' && i + 1 < n && s[i + 1] == '*'))
			return "is not a type name (it holds characters no type has)";
	}
	/* Array dimensions: trailing "[]" or "[N]" pairs. */
	size_t end = n;
	for (;;) {
		size_t e = end;
		while (e && isspace((unsigned char)s[e - 1]))
			e--;
		if (!e || s[e - 1] != ']')
			break;
		size_t b = e - 1;
		while (b && isdigit((unsigned char)s[b - 1]))
			b--;
		if (!b || s[b - 1] != '[')
			return "has unbalanced brackets";
		end = b - 1;
		out->array++;
	}
	while (end && isspace((unsigned char)s[end - 1]))
		end--;
	if (!end)
		return "is empty";
	int depth = 0;
	for (size_t i = 0; i < end; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth < 0)
			break;
		else if (s[i] == '[' || s[i] == ']')
			return "has unbalanced brackets";
	}
	if (depth != 0)
		return "has unbalanced parentheses";
	out->base = rt_strndup(a, s, end);

	/* Portable? Words, then optional (args), then optional words
	 * ("timestamp(3) with time zone"). */
	char *sq = squeeze(a, s, end);
	char *lp = strchr(sq, '(');
	const char *inside = NULL;
	if (lp) {
		char *rp = strchr(lp, ')');
		if (!rp || strchr(lp + 1, '('))
			return NULL; /* nested: not a portable type */
		*lp = '\0';
		*rp = '\0';
		inside = lp + 1;
		const char *tail = rp + 1;
		while (*tail == ' ')
			tail++;
		if (*tail)
			sq = rt_sprintf(a, "%s %s", sq, tail);
		size_t l = strlen(sq);
		while (l && sq[l - 1] == ' ')
			sq[--l] = '\0';
	}
	rt_type_id id = RT_TYPE_OTHER;
	for (size_t i = 0; i < RT_ARRAY_LEN(aliases); i++)
		if (strcmp(sq, aliases[i].name) == 0)
			id = aliases[i].id;
	if (id == RT_TYPE_OTHER)
		return NULL;
	out->id = id;
	if (!inside)
		return NULL;
	const char *msg = lookup_args(a, inside, out);
	if (msg)
		return msg;
	switch (types[id].args) {
	case ARGS_NONE:
		return "takes no arguments in parentheses";
	case ARGS_LEN:
		if (out->nargs != 1 || out->args[0] < 1)
			return "takes one length of at least 1: varchar(n)";
		break;
	case ARGS_PREC_SCALE:
		if (out->args[0] < 1 || out->args[0] > 1000)
			return "takes a precision from 1 to 1000: numeric(p,s)";
		if (out->nargs == 2 && out->args[1] > out->args[0])
			return "takes a scale no larger than its precision";
		break;
	case ARGS_SECONDS:
		if (out->nargs != 1 || out->args[0] > 6)
			return "takes a precision of fractional seconds from 0 to 6";
		break;
	}
	return NULL;
}

const char *
rt_type_sql(rt_arena *a, const rt_type_info *t, rt_dialect d, bool strict)
{
	if (t->id == RT_TYPE_OTHER)
		return t->array ? rt_sprintf(a, "%s[]", t->base) : t->base;
	const struct typedef_ *td = &types[t->id];
	rt_buf b = RT_BUF_INIT;
	if (d == RT_SQLITE) {
		if (strict) {
			rt_buf_puts(&b, td->strict);
		} else {
			rt_buf_puts(&b, td->sqlite);
			if (td->args == ARGS_LEN || td->args == ARGS_PREC_SCALE) {
				for (int i = 0; i < t->nargs; i++)
					rt_buf_printf(&b, "%s%ld", i ? "," : "(",
					              t->args[i]);
				if (t->nargs)
					rt_buf_putc(&b, ')');
			}
		}
	} else {
		rt_buf_puts(&b, td->pg);
		for (int i = 0; i < t->nargs; i++)
			rt_buf_printf(&b, "%s%ld", i ? "," : "(", t->args[i]);
		if (t->nargs)
			rt_buf_putc(&b, ')');
		else if (t->id == RT_TYPE_CHAR)
			rt_buf_puts(&b, "(1)");
		if (t->id == RT_TYPE_TIME || t->id == RT_TYPE_TIMESTAMP)
			rt_buf_puts(&b, " without time zone");
		else if (t->id == RT_TYPE_TIMETZ || t->id == RT_TYPE_TIMESTAMPTZ)
			rt_buf_puts(&b, " with time zone");
		if (t->array)
			rt_buf_puts(&b, "[]");
	}
	const char *s = rt_strdup(a, rt_buf_cstr(&b));
	rt_buf_free(&b);
	return s;
}
