/* ddl.c: see ddl.h. */
#include "ddl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "quote.h"
#include "render.h"

#define INDENT "    "

void
rt_ddl_qname(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
             const char *schema, const char *name)
{
	if (d == RT_SQLITE || !schema || !*schema) {
		rt_quote_ident(b, name, d);
		return;
	}
	const char *mapped = o && o->schema_map ? rt_map_get(o->schema_map, schema)
	                                        : NULL;
	if (mapped)
		schema = mapped;
	else if (o && o->default_schema && strcmp(schema, o->default_schema) == 0)
		schema = NULL;
	rt_quote_qname(b, schema, name, d);
}

rt_type_class
rt_ddl_type_class(const char *type)
{
	rt_type_class ti = { 0, 0 };
	char base[64];
	size_t i = 0;
	const char *p = type;
	while (*p && *p != '(' && *p != '[' && i + 1 < sizeof(base))
		base[i++] = (char)tolower((unsigned char)*p++);
	while (i && base[i - 1] == ' ')
		i--;
	base[i] = 0;
	long arg = -1;
	if (*p == '(')
		arg = strtol(p + 1, NULL, 10);
	if (strchr(type, '['))
		return ti;
	static const struct { const char *name; int family; long rank; } known[] = {
		{ "smallint", 1, 2 }, { "int2", 1, 2 },
		{ "integer", 1, 4 }, { "int", 1, 4 }, { "int4", 1, 4 },
		{ "bigint", 1, 8 }, { "int8", 1, 8 },
		{ "real", 2, 4 }, { "float4", 2, 4 },
		{ "double precision", 2, 8 }, { "float8", 2, 8 }, { "double", 2, 8 },
		{ "numeric", 2, 1000 }, { "decimal", 2, 1000 },
		{ "text", 3, -1 }, { "varchar", 3, -1 },
		{ "character varying", 3, -1 }, { "char", 3, 1 },
		{ "character", 3, 1 }, { "clob", 3, -1 },
	};
	for (size_t k = 0; k < RT_ARRAY_LEN(known); k++) {
		if (strcmp(base, known[k].name) == 0) {
			ti.family = known[k].family;
			ti.rank = known[k].rank;
			if (arg > 0 && (ti.family == 3 || ti.rank == 1000))
				ti.rank = arg;
			return ti;
		}
	}
	return ti;
}

typedef struct schema_sub {
	rt_buf *b;
	const char *text;
	size_t at;        /* where the earliest match starts, or SIZE_MAX */
	size_t len;       /* its length */
	const char *to;   /* its replacement */
} schema_sub;

static bool
ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$' || (c & 0x80);
}

/* Finds the earliest "schema." or "\"schema\"." in text from the start. */
static int
find_schema(const char *key, void *value, void *payload)
{
	schema_sub *s = payload;
	rt_buf q = RT_BUF_INIT;
	rt_quote_ident_always(&q, key);
	rt_buf_putc(&q, '.');
	const char *forms[2] = { rt_buf_cstr(&q), NULL };
	char *bare = rt_xmalloc(strlen(key) + 2);
	strcpy(bare, key);
	strcat(bare, ".");
	forms[1] = bare;
	for (int f = 0; f < 2; f++) {
		size_t n = strlen(forms[f]);
		for (const char *p = strstr(s->text, forms[f]); p;
		     p = strstr(p + 1, forms[f])) {
			if (p > s->text && (ident_char(p[-1]) || p[-1] == '.' ||
			                    (f == 1 && p[-1] == '"')))
				continue;
			size_t at = (size_t)(p - s->text);
			if (at < s->at) {
				s->at = at;
				s->len = n;
				s->to = value;
			}
			break;
		}
	}
	free(bare);
	rt_buf_free(&q);
	return 0;
}

/* Appends an SQL fragment of the model (a default, a check, a view); with
 * a schema map, schema-qualified names in it are pointed at the mapped
 * schemas (scratch normalisation). A textual rewrite: a schema name
 * followed by '.' inside a string literal is rewritten too. */
static void
put_sql(rt_buf *b, const rt_ddl_opts *o, const char *text)
{
	if (!o || !o->schema_map) {
		rt_buf_puts(b, text);
		return;
	}
	const char *p = text;
	for (;;) {
		schema_sub s = { b, p, (size_t)-1, 0, NULL };
		rt_map_each(o->schema_map, find_schema, &s);
		if (s.at == (size_t)-1)
			break;
		rt_buf_put(b, p, s.at);
		rt_buf_printf(b, "%s.", s.to);
		p += s.at + s.len;
	}
	rt_buf_puts(b, p);
}

static void
ident(rt_buf *b, rt_dialect d, const char *name)
{
	rt_quote_ident(b, name, d);
}

static void
ident_list(rt_buf *b, rt_dialect d, const rt_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			rt_buf_puts(b, ", ");
		ident(b, d, sv->v[i]);
	}
}

bool
rt_ddl_sqlite_literal(const char *e)
{
	if (!e || !*e)
		return false;
	if (*e == '\'') {
		/* One string literal and nothing after it. */
		const char *p = e + 1;
		for (;;) {
			if (!*p)
				return false;
			if (*p == '\'') {
				if (p[1] == '\'') {
					p += 2;
					continue;
				}
				return p[1] == 0;
			}
			p++;
		}
	}
	if ((e[0] == 'x' || e[0] == 'X') && e[1] == '\'')
		return rt_ddl_sqlite_literal(e + 1);
	const char *p = e;
	if (*p == '-' || *p == '+')
		p++;
	if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
		/* Digits, a point, hex digits, an exponent with its sign. */
		for (; *p; p++) {
			bool sign = (*p == '+' || *p == '-') &&
			            (p[-1] == 'e' || p[-1] == 'E');
			if (!isalnum((unsigned char)*p) && *p != '.' && !sign)
				return false;
		}
		return true;
	}
	static const char *const words[] = {
		"NULL", "TRUE", "FALSE", "CURRENT_TIME", "CURRENT_DATE",
		"CURRENT_TIMESTAMP",
	};
	for (size_t i = 0; i < RT_ARRAY_LEN(words); i++)
		if (rt_streq_nocase(e, words[i]))
			return true;
	return false;
}

/* The type; an enum of the model is written as a name qualified as
 * needed (and through the schema map), whatever search_path is. */
static void
column_type(rt_buf *b, rt_dialect d, const rt_ddl_opts *o, const rt_column *c)
{
	if (d == RT_POSTGRES && c->enum_type) {
		rt_ddl_qname(b, d, o, c->enum_type->obj.schema, c->enum_type->obj.name);
		const char *br = strchr(c->type, '[');
		if (br)
			rt_buf_puts(b, br);
		return;
	}
	put_sql(b, o, c->type);
}

/* True when the SQLite column must carry PRIMARY KEY inline (AUTOINCREMENT
 * is only allowed there). */
static bool
sqlite_inline_pk(const rt_table *t, const rt_column *c)
{
	return c->autoincrement && t->primary_key &&
	       t->primary_key->columns.n == 1 &&
	       strcmp(t->primary_key->columns.v[0], c->obj.name) == 0;
}

void
rt_ddl_column(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
              const rt_table *t, const rt_column *c)
{
	ident(b, d, c->obj.name);
	if (*c->type) {
		rt_buf_putc(b, ' ');
		column_type(b, d, o, c);
	}
	if (d == RT_SQLITE && t && sqlite_inline_pk(t, c))
		rt_buf_puts(b, " PRIMARY KEY AUTOINCREMENT");
	if (c->collation) {
		rt_buf_puts(b, " COLLATE ");
		ident(b, d, c->collation);
	}
	if (!c->nullable)
		rt_buf_puts(b, " NOT NULL");
	if (c->default_expr) {
		rt_buf_puts(b, " DEFAULT ");
		if (d == RT_SQLITE && !rt_ddl_sqlite_literal(c->default_expr))
			rt_buf_printf(b, "(%s)", c->default_expr);
		else
			put_sql(b, o, c->default_expr);
	}
	if (d == RT_POSTGRES && c->identity)
		rt_buf_puts(b, c->identity == RT_IDENTITY_ALWAYS
		                   ? " GENERATED ALWAYS AS IDENTITY"
		                   : " GENERATED BY DEFAULT AS IDENTITY");
}

void
rt_ddl_constraint(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                  const rt_constraint *c)
{
	if (c->obj.name && *c->obj.name) {
		rt_buf_puts(b, "CONSTRAINT ");
		ident(b, d, c->obj.name);
		rt_buf_putc(b, ' ');
	}
	switch (c->obj.kind) {
	case RT_PRIMARY_KEY:
		rt_buf_puts(b, "PRIMARY KEY (");
		ident_list(b, d, &c->columns);
		rt_buf_putc(b, ')');
		break;
	case RT_UNIQUE:
		rt_buf_puts(b, "UNIQUE (");
		ident_list(b, d, &c->columns);
		rt_buf_putc(b, ')');
		break;
	case RT_CHECK:
		rt_buf_puts(b, "CHECK (");
		put_sql(b, o, c->expression ? c->expression : "true");
		rt_buf_putc(b, ')');
		break;
	case RT_FOREIGN_KEY:
		rt_buf_puts(b, "FOREIGN KEY (");
		ident_list(b, d, &c->columns);
		rt_buf_puts(b, ") REFERENCES ");
		rt_ddl_qname(b, d, o, c->ref_schema, c->ref_table);
		if (c->ref_columns.n) {
			rt_buf_puts(b, " (");
			ident_list(b, d, &c->ref_columns);
			rt_buf_putc(b, ')');
		}
		if (c->on_delete)
			rt_buf_printf(b, " ON DELETE %s", rt_fk_action_sql(c->on_delete));
		if (c->on_update)
			rt_buf_printf(b, " ON UPDATE %s", rt_fk_action_sql(c->on_update));
		if (c->deferrable)
			rt_buf_puts(b, c->initially_deferred
			                   ? " DEFERRABLE INITIALLY DEFERRED"
			                   : " DEFERRABLE");
		break;
	default:
		break;
	}
}

void
rt_ddl_create_table(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                    const rt_table *t, const rt_object *named,
                    const rt_strv *skip)
{
	if (!named)
		named = &t->obj;
	rt_buf_puts(b, "CREATE TABLE ");
	rt_ddl_qname(b, d, o, named->schema, named->name);
	rt_buf_puts(b, " (");
	const char *sep = "\n" INDENT;
	for (size_t i = 0; i < t->ncolumns; i++) {
		rt_buf_puts(b, sep);
		rt_ddl_column(b, d, o, t, t->columns[i]);
		sep = ",\n" INDENT;
	}
	const rt_constraint *pk = t->primary_key;
	bool inline_pk = d == RT_SQLITE && pk && pk->columns.n == 1 &&
	                 rt_table_find_column(t, pk->columns.v[0]) &&
	                 sqlite_inline_pk(t, rt_table_find_column(t, pk->columns.v[0]));
	if (pk && !inline_pk) {
		rt_buf_puts(b, sep);
		rt_ddl_constraint(b, d, o, pk);
		sep = ",\n" INDENT;
	}
	/* Unique, check, then foreign keys: each group in name order. */
	static const rt_kind order[] = { RT_UNIQUE, RT_CHECK, RT_FOREIGN_KEY };
	for (size_t k = 0; k < RT_ARRAY_LEN(order); k++) {
		for (size_t i = 0; i < t->nconstraints; i++) {
			const rt_constraint *c = t->constraints[i];
			if (c->obj.kind != order[k])
				continue;
			if (skip && c->obj.kind == RT_FOREIGN_KEY &&
			    rt_strv_contains(skip, c->obj.name))
				continue;
			rt_buf_puts(b, sep);
			rt_ddl_constraint(b, d, o, c);
			sep = ",\n" INDENT;
		}
	}
	rt_buf_puts(b, "\n)");
	if (d == RT_SQLITE) {
		if (t->strict && t->without_rowid)
			rt_buf_puts(b, " STRICT, WITHOUT ROWID");
		else if (t->strict)
			rt_buf_puts(b, " STRICT");
		else if (t->without_rowid)
			rt_buf_puts(b, " WITHOUT ROWID");
	}
}

/* True when e is one parenthesised expression: "(a + b)", not "(a) + (b)". */
static bool
wrapped(const char *e)
{
	size_t n = strlen(e);
	if (n < 2 || e[0] != '(' || e[n - 1] != ')')
		return false;
	int depth = 0;
	char quote = 0;
	for (size_t i = 0; i < n; i++) {
		char c = e[i];
		if (quote) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '\'' || c == '"')
			quote = c;
		else if (c == '(')
			depth++;
		else if (c == ')' && --depth == 0 && i + 1 < n)
			return false;
	}
	return depth == 0;
}

void
rt_ddl_create_index(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                    const rt_index *ix, const rt_object *on)
{
	if (!on)
		on = &ix->table->obj;
	rt_buf_printf(b, "CREATE %sINDEX ", ix->unique ? "UNIQUE " : "");
	ident(b, d, ix->obj.name);
	rt_buf_puts(b, " ON ");
	rt_ddl_qname(b, d, o, on->schema, on->name);
	if (d == RT_POSTGRES && ix->method && strcmp(ix->method, "btree") != 0)
		rt_buf_printf(b, " USING %s", ix->method);
	rt_buf_puts(b, " (");
	for (size_t i = 0; i < ix->nelems; i++) {
		const rt_index_elem *e = &ix->elems[i];
		if (i)
			rt_buf_puts(b, ", ");
		if (e->column) {
			ident(b, d, e->column);
		} else if (wrapped(e->expression)) {
			put_sql(b, o, e->expression);
		} else {
			rt_buf_putc(b, '(');
			put_sql(b, o, e->expression);
			rt_buf_putc(b, ')');
		}
		if (e->collation) {
			rt_buf_puts(b, " COLLATE ");
			ident(b, d, e->collation);
		}
		if (d == RT_POSTGRES && e->opclass)
			rt_buf_printf(b, " %s", e->opclass);
		if (e->desc)
			rt_buf_puts(b, " DESC");
		if (e->nulls == RT_NULLS_FIRST)
			rt_buf_puts(b, " NULLS FIRST");
		else if (e->nulls == RT_NULLS_LAST)
			rt_buf_puts(b, " NULLS LAST");
	}
	rt_buf_putc(b, ')');
	if (d == RT_POSTGRES && ix->include.n) {
		rt_buf_puts(b, " INCLUDE (");
		ident_list(b, d, &ix->include);
		rt_buf_putc(b, ')');
	}
	if (ix->where) {
		rt_buf_puts(b, " WHERE ");
		put_sql(b, o, ix->where);
	}
}

void
rt_ddl_create_enum(rt_buf *b, const rt_ddl_opts *o, const rt_enum *e)
{
	rt_buf_puts(b, "CREATE TYPE ");
	rt_ddl_qname(b, RT_POSTGRES, o, e->obj.schema, e->obj.name);
	rt_buf_puts(b, " AS ENUM (");
	for (size_t i = 0; i < e->values.n; i++) {
		if (i)
			rt_buf_puts(b, ", ");
		rt_quote_literal(b, e->values.v[i], RT_POSTGRES);
	}
	rt_buf_putc(b, ')');
}

const char *
rt_ddl_view_query(rt_arena *a, const char *q)
{
	if (!q)
		return "";
	while (isspace((unsigned char)*q))
		q++;
	size_t n = strlen(q);
	while (n && (isspace((unsigned char)q[n - 1]) || q[n - 1] == ';'))
		n--;
	return rt_strndup(a, q, n);
}

void
rt_ddl_create_view(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                   const rt_view *v, const rt_object *named)
{
	if (!named)
		named = &v->obj;
	rt_arena *a = rt_arena_new();
	rt_buf_puts(b, "CREATE VIEW ");
	rt_ddl_qname(b, d, o, named->schema, named->name);
	rt_buf_puts(b, " AS\n");
	put_sql(b, o, rt_ddl_view_query(a, v->query));
	rt_arena_free(a);
}

void
rt_ddl_comment(rt_buf *b, const rt_ddl_opts *o, const char *kind,
               const rt_object *obj, const char *text)
{
	rt_buf_printf(b, "COMMENT ON %s ", kind);
	rt_ddl_qname(b, RT_POSTGRES, o, obj->schema, obj->name);
	rt_buf_puts(b, " IS ");
	if (text)
		rt_quote_literal(b, text, RT_POSTGRES);
	else
		rt_buf_puts(b, "NULL");
	rt_buf_puts(b, ";\n");
}

void
rt_ddl_table_comments(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                      const rt_table *t, const rt_object *named)
{
	if (d != RT_POSTGRES)
		return;
	if (!named)
		named = &t->obj;
	if (t->obj.comment)
		rt_ddl_comment(b, o, "TABLE", named, t->obj.comment);
	for (size_t i = 0; i < t->ncolumns; i++) {
		const rt_column *c = t->columns[i];
		if (!c->obj.comment)
			continue;
		rt_buf_puts(b, "COMMENT ON COLUMN ");
		rt_ddl_qname(b, d, o, named->schema, named->name);
		rt_buf_putc(b, '.');
		ident(b, d, c->obj.name);
		rt_buf_puts(b, " IS ");
		rt_quote_literal(b, c->obj.comment, d);
		rt_buf_puts(b, ";\n");
	}
}

int
rt_ddl_model(const rt_model *m, const rt_ddl_opts *o, rt_buf *out,
             rt_err *err)
{
	rt_model *empty = rt_model_new(m->dialect);
	rt_ops *ops = NULL;
	int rc = rt_diff(empty, m, &ops, err);
	if (rc == RETORT_OK)
		rt_render_ops(out, m->dialect, o, ops);
	rt_ops_free(ops);
	rt_model_free(empty);
	return rc;
}
