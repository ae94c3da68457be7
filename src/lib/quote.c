/* quote.c: see quote.h. */
#include "quote.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/*
 * PostgreSQL's keywords outside the UNRESERVED category (reserved, column
 * name and type/function name keywords of src/include/parser/kwlist.h, up to
 * PostgreSQL 17), sorted for bsearch. These are the words quote_ident()
 * quotes.
 */
static const char *const pg_reserved[] = {
	"all", "analyse", "analyze", "and", "any", "array", "as", "asc",
	"asymmetric", "authorization", "between", "bigint", "binary", "bit",
	"boolean", "both", "case", "cast", "char", "character", "check",
	"coalesce", "collate", "collation", "column", "concurrently",
	"constraint", "create", "cross", "current_catalog", "current_date",
	"current_role", "current_schema", "current_time", "current_timestamp",
	"current_user", "dec", "decimal", "default", "deferrable", "desc",
	"distinct", "do", "else", "end", "except", "exists", "extract", "false",
	"fetch", "float", "for", "foreign", "freeze", "from", "full", "grant",
	"greatest", "group", "grouping", "having", "ilike", "in", "initially",
	"inner", "inout", "int", "integer", "intersect", "interval", "into",
	"is", "isnull", "join", "json_array", "json_arrayagg", "json_exists",
	"json_object", "json_objectagg", "json_query", "json_scalar",
	"json_serialize", "json_table", "json_value", "lateral", "leading",
	"least", "left", "like", "limit", "localtime", "localtimestamp",
	"merge_action", "national", "natural", "nchar", "none", "normalize",
	"not", "notnull", "null", "nullif", "numeric", "offset", "on", "only",
	"or", "order", "out", "outer", "overlaps", "overlay", "placing",
	"position", "precision", "primary", "real", "references", "returning",
	"right", "row", "select", "session_user", "setof", "similar", "smallint",
	"some", "substring", "symmetric", "system_user", "table", "tablesample",
	"then", "time", "timestamp", "to", "trailing", "treat", "trim", "true",
	"union", "unique", "user", "using", "values", "varchar", "variadic",
	"verbose", "when", "where", "window", "with", "xmlattributes",
	"xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces",
	"xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
};

static int
cmp_word(const void *key, const void *elem)
{
	return strcmp((const char *)key, *(const char *const *)elem);
}

bool
rt_pg_keyword_reserved(const char *word)
{
	return bsearch(word, pg_reserved, RT_ARRAY_LEN(pg_reserved),
	               sizeof(pg_reserved[0]), cmp_word) != NULL;
}

bool
rt_ident_needs_quote(const char *name, rt_dialect d)
{
	if (!name || !*name)
		return true;
	if (name[0] >= '0' && name[0] <= '9')
		return true;
	for (const char *p = name; *p; p++) {
		char c = *p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		          c == '_' ||
		          (d == RT_SQLITE && c >= 'A' && c <= 'Z');
		if (!ok)
			return true;
	}
	if (d == RT_POSTGRES)
		return rt_pg_keyword_reserved(name);
	return sqlite3_keyword_check(name, (int)strlen(name)) != 0;
}

void
rt_quote_ident_always(rt_buf *b, const char *name)
{
	rt_buf_putc(b, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			rt_buf_putc(b, '"');
		rt_buf_putc(b, *p);
	}
	rt_buf_putc(b, '"');
}

void
rt_quote_ident(rt_buf *b, const char *name, rt_dialect d)
{
	if (rt_ident_needs_quote(name, d))
		rt_quote_ident_always(b, name ? name : "");
	else
		rt_buf_puts(b, name);
}

void
rt_quote_qname(rt_buf *b, const char *schema, const char *name, rt_dialect d)
{
	if (schema && *schema) {
		rt_quote_ident(b, schema, d);
		rt_buf_putc(b, '.');
	}
	rt_quote_ident(b, name, d);
}

void
rt_quote_literal(rt_buf *b, const char *s, rt_dialect d)
{
	bool escape = d == RT_POSTGRES && strchr(s, '\\') != NULL;
	if (escape)
		rt_buf_putc(b, 'E');
	rt_buf_putc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '\'' || (escape && *p == '\\'))
			rt_buf_putc(b, *p);
		rt_buf_putc(b, *p);
	}
	rt_buf_putc(b, '\'');
}

const char *
rt_ident(rt_arena *a, const char *name, rt_dialect d)
{
	if (!rt_ident_needs_quote(name, d))
		return name;
	rt_buf b = RT_BUF_INIT;
	rt_quote_ident_always(&b, name ? name : "");
	const char *s = rt_strndup(a, b.ptr, b.len);
	rt_buf_free(&b);
	return s;
}

const char *
rt_literal(rt_arena *a, const char *s, rt_dialect d)
{
	rt_buf b = RT_BUF_INIT;
	rt_quote_literal(&b, s, d);
	const char *r = rt_strndup(a, b.ptr, b.len);
	rt_buf_free(&b);
	return r;
}

const char *
rt_dialect_name(rt_dialect d)
{
	switch (d) {
	case RT_SQLITE:
		return "sqlite";
	case RT_POSTGRES:
		return "postgresql";
	}
	return "unknown";
}

const char *
rt_sql_inline(rt_arena *a, const rt_bstmt *s, rt_dialect d)
{
	rt_buf b = RT_BUF_INIT;
	for (const char *q = s->sql; *q; q++) {
		if (*q == '$' && q[1] >= '1' && q[1] <= '9') {
			int k = q[1] - '1';
			if (k < s->n && s->p[k])
				rt_quote_literal(&b, s->p[k], d);
			else
				rt_buf_puts(&b, "NULL");
			q++;
			continue;
		}
		rt_buf_putc(&b, *q);
	}
	const char *r = rt_strndup(a, rt_buf_cstr(&b), b.len);
	rt_buf_free(&b);
	return r;
}
