/*
 * introspect_sqlite.c: the SQLite catalog read into the model.
 *
 * Seven bulk queries, whatever the number of tables: pragma_table_list
 * (STRICT, WITHOUT ROWID, shadow tables; SQLite 3.37, read from the stored
 * SQL before that), the virtual tables, the tables of sqlite_schema, their
 * columns (pragma_table_xinfo), their indexes (pragma_index_list joined
 * with pragma_index_xinfo), their foreign keys (pragma_foreign_key_list),
 * and the views and triggers.
 *
 * What the pragmas don't say comes from the CREATE statements SQLite keeps
 * in sqlite_schema, read with the small tokenizer below: constraint names,
 * column collations, AUTOINCREMENT, check constraints, deferrable foreign
 * keys, index expressions, explicit index collations and partial-index
 * predicates, view queries and what they read.
 */
#include "introspect.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote.h"

/*
 * The tokenizer: enough of SQLite's lexical grammar to split a stored
 * CREATE statement into words, quoted names, strings, numbers and
 * punctuation, keeping each token's place in the text so that expressions
 * are copied verbatim.
 */
typedef enum tok_kind {
	TK_WORD = 1,   /* bare identifier or keyword */
	TK_QUOTED,     /* "name", [name], `name` */
	TK_STRING,     /* 'text' (also X'..' blobs) */
	TK_NUMBER,
	TK_PUNCT,      /* one character: ( ) , . ; operators */
} tok_kind;

typedef struct tok {
	tok_kind kind;
	const char *p;  /* start in the statement */
	size_t n;       /* length */
} tok;

typedef struct toks {
	tok *v;
	size_t n;
	const char *sql;
} toks;

/* Splits sql into tokens (white space and comments dropped). */
static toks
tokenize(rt_arena *a, const char *sql)
{
	toks t = { NULL, 0, sql };
	const char *p = sql;
	while (*p) {
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			p = e ? e + 2 : p + strlen(p);
			continue;
		}
		tok k = { TK_PUNCT, p, 1 };
		if ((*p == 'x' || *p == 'X') && p[1] == '\'') {
			const char *q = strchr(p + 2, '\'');
			k.kind = TK_STRING;
			k.n = q ? (size_t)(q + 1 - p) : strlen(p);
		} else if (isalpha((unsigned char)*p) || *p == '_' ||
		           (unsigned char)*p >= 0x80) {
			const char *q = p;
			while (isalnum((unsigned char)*q) || *q == '_' || *q == '$' ||
			       (unsigned char)*q >= 0x80)
				q++;
			k.kind = TK_WORD;
			k.n = (size_t)(q - p);
		} else if (isdigit((unsigned char)*p) ||
		           (*p == '.' && isdigit((unsigned char)p[1]))) {
			const char *q = p;
			while (isalnum((unsigned char)*q) || *q == '.' ||
			       ((*q == '+' || *q == '-') && (q[-1] == 'e' || q[-1] == 'E')))
				q++;
			k.kind = TK_NUMBER;
			k.n = (size_t)(q - p);
		} else if (*p == '\'' || *p == '"' || *p == '`' || *p == '[') {
			char close = *p == '[' ? ']' : *p;
			const char *q = p + 1;
			for (;;) {
				if (!*q)
					break;
				if (*q == close) {
					if (close != ']' && q[1] == close) {
						q += 2;
						continue;
					}
					q++;
					break;
				}
				q++;
			}
			k.kind = *p == '\'' ? TK_STRING : TK_QUOTED;
			k.n = (size_t)(q - p);
		} else if (strchr("<>!=|", *p) && strchr("<>=|", p[1])) {
			k.n = 2;
		}
		RT_PUSH(a, t.v, t.n, k);
		p += k.n;
	}
	return t;
}

/* True when token i is the bare word w (any case). */
static bool
is_word(const toks *t, size_t i, const char *w)
{
	if (i >= t->n || t->v[i].kind != TK_WORD)
		return false;
	size_t n = strlen(w);
	return t->v[i].n == n && strncasecmp(t->v[i].p, w, n) == 0;
}

static bool
is_punct(const toks *t, size_t i, char c)
{
	return i < t->n && t->v[i].kind == TK_PUNCT && t->v[i].n == 1 &&
	       t->v[i].p[0] == c;
}

/* The identifier a token names, unquoted. */
static char *
tok_name(rt_arena *a, const tok *k)
{
	if (k->kind != TK_QUOTED && k->kind != TK_STRING)
		return rt_strndup(a, k->p, k->n);
	char close = k->p[0] == '[' ? ']' : k->p[0];
	char *out = rt_alloc(a, k->n + 1);
	size_t o = 0;
	for (size_t i = 1; i + 1 <= k->n; i++) {
		if (k->p[i] == close) {
			if (close != ']' && i + 1 < k->n && k->p[i + 1] == close) {
				out[o++] = close;
				i++;
				continue;
			}
			break;
		}
		out[o++] = k->p[i];
	}
	out[o] = '\0';
	return out;
}

/* The text of tokens [i, j), verbatim. */
static char *
span(rt_arena *a, const toks *t, size_t i, size_t j)
{
	if (i >= j || i >= t->n)
		return rt_strdup(a, "");
	const tok *last = &t->v[j - 1];
	return rt_strndup(a, t->v[i].p, (size_t)(last->p + last->n - t->v[i].p));
}

/* The index just past the parenthesised group that starts at i. */
static size_t
skip_group(const toks *t, size_t i)
{
	int depth = 0;
	for (; i < t->n; i++) {
		if (is_punct(t, i, '('))
			depth++;
		else if (is_punct(t, i, ')') && --depth == 0)
			return i + 1;
	}
	return t->n;
}

/* The text of the expression in tokens [i, j) without parentheses that
 * enclose all of it: "((lower(x)))" and "lower(x)" are the same key, and
 * the canonical text is the bare one, whoever wrote the statement. */
static char *
expr_span(rt_arena *a, const toks *t, size_t i, size_t j)
{
	while (j > i + 1 && is_punct(t, i, '(') && skip_group(t, i) == j) {
		i++;
		j--;
	}
	return span(a, t, i, j);
}

/* The end of the comma-separated element that starts at i, before the
 * closing parenthesis at depth 0 or a comma. */
static size_t
elem_end(const toks *t, size_t i)
{
	while (i < t->n && !is_punct(t, i, ',') && !is_punct(t, i, ')')) {
		if (is_punct(t, i, '('))
			i = skip_group(t, i);
		else
			i++;
	}
	return i;
}

/* Column names of a parenthesised list "(a COLLATE x DESC, "b")" at i;
 * returns the index past it. */
static size_t
name_list(rt_arena *a, const toks *t, size_t i, rt_strv *out)
{
	if (!is_punct(t, i, '('))
		return i;
	i++;
	while (i < t->n && !is_punct(t, i, ')')) {
		size_t e = elem_end(t, i);
		if (e > i)
			rt_strv_push(a, out, tok_name(a, &t->v[i]));
		i = is_punct(t, e, ',') ? e + 1 : e;
	}
	return i + 1;
}

/* What the stored CREATE TABLE says that the pragmas don't. */
typedef struct sql_cons {
	rt_kind kind;
	const char *name;        /* CONSTRAINT name, or NULL */
	rt_strv columns;         /* PK, UNIQUE, FK */
	const char *ref_table;   /* FK */
	bool deferrable, initially_deferred;
	const char *expression;  /* CHECK */
	bool conflict;           /* has an ON CONFLICT clause */
} sql_cons;

typedef struct sql_col {
	const char *name;
	const char *collation;   /* or NULL */
	bool autoincrement;
	bool generated;
} sql_col;

typedef struct sql_table {
	sql_col *cols;
	size_t ncols;
	sql_cons *cons;
	size_t ncons;
	bool strict;             /* table options after the element list */
	bool without_rowid;
} sql_table;

static rt_fk_action
fk_action(const char *s)
{
	if (!s)
		return RT_FK_NO_ACTION;
	if (rt_streq_nocase(s, "RESTRICT"))
		return RT_FK_RESTRICT;
	if (rt_streq_nocase(s, "CASCADE"))
		return RT_FK_CASCADE;
	if (rt_streq_nocase(s, "SET NULL"))
		return RT_FK_SET_NULL;
	if (rt_streq_nocase(s, "SET DEFAULT"))
		return RT_FK_SET_DEFAULT;
	return RT_FK_NO_ACTION;
}

/* Reads "REFERENCES t (cols) ON ... DEFERRABLE ..." at i into c; returns the
 * index past it. */
static size_t
parse_references(rt_arena *a, const toks *t, size_t i, sql_cons *c)
{
	i++; /* REFERENCES */
	if (i < t->n)
		c->ref_table = tok_name(a, &t->v[i++]);
	if (is_punct(t, i, '(')) {
		rt_strv ignored = { 0 };
		i = name_list(a, t, i, &ignored);
	}
	while (i < t->n && !is_punct(t, i, ',') && !is_punct(t, i, ')')) {
		if (is_word(t, i, "DEFERRABLE")) {
			c->deferrable = true;
			i++;
		} else if (is_word(t, i, "NOT") && is_word(t, i + 1, "DEFERRABLE")) {
			i += 2;
		} else if (is_word(t, i, "ON") && (is_word(t, i + 1, "DELETE") ||
		                                   is_word(t, i + 1, "UPDATE"))) {
			i += 2;
			i += is_word(t, i, "SET") || is_word(t, i, "NO") ? 2 : 1;
		} else if (is_word(t, i, "MATCH")) {
			i += 2;
		} else if (is_word(t, i, "INITIALLY")) {
			c->initially_deferred = is_word(t, i + 1, "DEFERRED");
			i += 2;
		} else if (is_word(t, i, "CONSTRAINT") || is_word(t, i, "PRIMARY") ||
		           is_word(t, i, "UNIQUE") || is_word(t, i, "CHECK") ||
		           is_word(t, i, "DEFAULT") || is_word(t, i, "COLLATE") ||
		           is_word(t, i, "REFERENCES") || is_word(t, i, "GENERATED") ||
		           is_word(t, i, "AS") ||
		           (is_word(t, i, "NOT") && is_word(t, i + 1, "NULL")) ||
		           is_word(t, i, "NULL")) {
			break; /* the next column constraint */
		} else if (is_punct(t, i, '(')) {
			i = skip_group(t, i);
		} else {
			i++;
		}
	}
	return i;
}

/* Parses the element list of a stored CREATE TABLE. Anything it does not
 * understand is skipped: the pragmas stay the authority on what exists. */
static sql_table
parse_create_table(rt_arena *a, const char *sql)
{
	sql_table st = { 0 };
	toks t = tokenize(a, sql ? sql : "");
	size_t i = 0;
	while (i < t.n && !is_punct(&t, i, '('))
		i++;
	if (i >= t.n)
		return st;
	i++;
	while (i < t.n && !is_punct(&t, i, ')')) {
		size_t end = elem_end(&t, i);
		const char *cname = NULL;
		if (is_word(&t, i, "CONSTRAINT") || is_word(&t, i, "PRIMARY") ||
		    is_word(&t, i, "UNIQUE") || is_word(&t, i, "CHECK") ||
		    is_word(&t, i, "FOREIGN")) {
			/* A table constraint. */
			if (is_word(&t, i, "CONSTRAINT") && i + 1 < end) {
				cname = tok_name(a, &t.v[i + 1]);
				i += 2;
			}
			sql_cons c = { 0 };
			c.name = cname;
			if (is_word(&t, i, "PRIMARY") || is_word(&t, i, "UNIQUE")) {
				c.kind = is_word(&t, i, "PRIMARY") ? RT_PRIMARY_KEY : RT_UNIQUE;
				while (i < end && !is_punct(&t, i, '('))
					i++;
				i = name_list(a, &t, i, &c.columns);
				c.conflict = is_word(&t, i, "ON");
			} else if (is_word(&t, i, "CHECK")) {
				c.kind = RT_CHECK;
				size_t g = skip_group(&t, i + 1);
				c.expression = expr_span(a, &t, i + 2, g - 1);
			} else if (is_word(&t, i, "FOREIGN")) {
				c.kind = RT_FOREIGN_KEY;
				i = name_list(a, &t, i + 2, &c.columns);
				if (is_word(&t, i, "REFERENCES"))
					parse_references(a, &t, i, &c);
			}
			if (c.kind)
				RT_PUSH(a, st.cons, st.ncons, c);
		} else if (i < end) {
			/* A column definition: name, type words, constraints. */
			sql_col col = { 0 };
			col.name = tok_name(a, &t.v[i++]);
			while (i < end) {
				if (is_word(&t, i, "CONSTRAINT") && i + 1 < end) {
					cname = tok_name(a, &t.v[i + 1]);
					i += 2;
					continue;
				}
				if (is_word(&t, i, "PRIMARY")) {
					sql_cons c = { .kind = RT_PRIMARY_KEY, .name = cname };
					rt_strv_push(a, &c.columns, col.name);
					i += 2;
					while (i < end && !is_punct(&t, i, ',')) {
						if (is_word(&t, i, "AUTOINCREMENT"))
							col.autoincrement = true;
						else if (is_word(&t, i, "ON"))
							c.conflict = true;
						else if (!is_word(&t, i, "ASC") &&
						         !is_word(&t, i, "DESC") &&
						         !is_word(&t, i, "CONFLICT") &&
						         !is_word(&t, i, "ROLLBACK") &&
						         !is_word(&t, i, "ABORT") &&
						         !is_word(&t, i, "FAIL") &&
						         !is_word(&t, i, "IGNORE") &&
						         !is_word(&t, i, "REPLACE"))
							break;
						i++;
					}
					RT_PUSH(a, st.cons, st.ncons, c);
					cname = NULL;
					continue;
				}
				if (is_word(&t, i, "UNIQUE")) {
					sql_cons c = { .kind = RT_UNIQUE, .name = cname };
					rt_strv_push(a, &c.columns, col.name);
					i++;
					if (is_word(&t, i, "ON")) {
						c.conflict = true;
						i += 3;
					}
					RT_PUSH(a, st.cons, st.ncons, c);
					cname = NULL;
					continue;
				}
				if (is_word(&t, i, "CHECK")) {
					sql_cons c = { .kind = RT_CHECK, .name = cname };
					size_t g = skip_group(&t, i + 1);
					c.expression = expr_span(a, &t, i + 2, g - 1);
					RT_PUSH(a, st.cons, st.ncons, c);
					cname = NULL;
					i = g;
					continue;
				}
				if (is_word(&t, i, "REFERENCES")) {
					sql_cons c = { .kind = RT_FOREIGN_KEY, .name = cname };
					rt_strv_push(a, &c.columns, col.name);
					i = parse_references(a, &t, i, &c);
					RT_PUSH(a, st.cons, st.ncons, c);
					cname = NULL;
					continue;
				}
				if (is_word(&t, i, "COLLATE") && i + 1 < end) {
					col.collation = tok_name(a, &t.v[i + 1]);
					i += 2;
					continue;
				}
				if (is_word(&t, i, "GENERATED") || is_word(&t, i, "AS"))
					col.generated = true;
				if (is_punct(&t, i, '('))
					i = skip_group(&t, i);
				else
					i++;
			}
			RT_PUSH(a, st.cols, st.ncols, col);
		}
		i = is_punct(&t, end, ',') ? end + 1 : end;
	}
	for (i++; i < t.n; i++) {
		if (is_word(&t, i, "STRICT"))
			st.strict = true;
		else if (is_word(&t, i, "WITHOUT") && is_word(&t, i + 1, "ROWID"))
			st.without_rowid = true;
	}
	return st;
}

static bool
strv_eq_nocase(const rt_strv *x, const rt_strv *y)
{
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++)
		if (!rt_streq_nocase(x->v[i], y->v[i]))
			return false;
	return true;
}

/* The constraint of st of kind with these columns (and ref table), or
 * NULL. */
static sql_cons *
find_cons(sql_table *st, rt_kind kind, const rt_strv *cols,
          const char *ref_table)
{
	for (size_t i = 0; i < st->ncons; i++) {
		sql_cons *c = &st->cons[i];
		if (c->kind != kind || !strv_eq_nocase(&c->columns, cols))
			continue;
		if (ref_table && c->ref_table && !rt_streq_nocase(ref_table, c->ref_table))
			continue;
		return c;
	}
	return NULL;
}

/* Reads a stored CREATE INDEX into ix: expressions, explicit collations,
 * the predicate. pragma_index_xinfo already gave columns and order. */
static void
parse_create_index(rt_model *m, rt_arena *a, rt_index *ix, const char *sql)
{
	toks t = tokenize(a, sql);
	size_t i = 0;
	while (i < t.n && !is_word(&t, i, "ON"))
		i++;
	while (i < t.n && !is_punct(&t, i, '('))
		i++;
	if (i >= t.n)
		return;
	i++;
	size_t k = 0;
	while (i < t.n && !is_punct(&t, i, ')')) {
		size_t end = elem_end(&t, i);
		size_t e = end;
		if (e > i && (is_word(&t, e - 1, "ASC") || is_word(&t, e - 1, "DESC")))
			e--;
		const char *coll = NULL;
		if (e >= i + 2 && is_word(&t, e - 2, "COLLATE")) {
			coll = tok_name(a, &t.v[e - 1]);
			e -= 2;
		}
		if (k < ix->nelems) {
			rt_index_elem *el = &ix->elems[k];
			el->collation = coll ? rt_strdup(m->arena, coll) : NULL;
			if (!el->column)
				el->expression = rt_strdup(m->arena, expr_span(a, &t, i, e));
		}
		k++;
		i = is_punct(&t, end, ',') ? end + 1 : end;
	}
	i++;
	if (is_word(&t, i, "WHERE") && i + 1 < t.n) {
		size_t e = t.n;
		if (is_punct(&t, e - 1, ';'))
			e--;
		ix->where = rt_strdup(m->arena, expr_span(a, &t, i + 1, e));
	}
}

/* The query of a stored CREATE VIEW (the text after AS), and the tables
 * and views of m it reads (names after FROM and JOIN, and after commas in
 * a FROM list). */
static void
parse_create_view(rt_model *m, rt_arena *a, rt_view *v, const char *sql)
{
	toks t = tokenize(a, sql);
	size_t i = 0;
	while (i < t.n && !is_word(&t, i, "AS")) {
		if (is_punct(&t, i, '(')) {
			rt_introspect_warn(m, "view \"%s\": its column list is not kept in the model (it is read without it)",
			                   v->obj.name);
			i = skip_group(&t, i);
			continue;
		}
		i++;
	}
	if (i + 1 >= t.n) {
		v->query = rt_strdup(m->arena, "");
		return;
	}
	size_t e = t.n;
	if (is_punct(&t, e - 1, ';'))
		e--;
	v->query = rt_strdup(m->arena, span(a, &t, i + 1, e));
	bool in_from = false;
	for (size_t j = i + 1; j < e; j++) {
		bool ref = false;
		if (is_word(&t, j, "FROM") || is_word(&t, j, "JOIN")) {
			in_from = true;
			ref = true;
		} else if (in_from && is_punct(&t, j, ',')) {
			ref = true;
		} else if (is_word(&t, j, "WHERE") || is_word(&t, j, "GROUP") ||
		           is_word(&t, j, "ORDER") || is_word(&t, j, "ON") ||
		           is_word(&t, j, "USING") || is_word(&t, j, "LIMIT") ||
		           is_word(&t, j, "HAVING") || is_word(&t, j, "WINDOW") ||
		           is_word(&t, j, "SELECT") || is_punct(&t, j, ')')) {
			in_from = false;
		}
		if (!ref || j + 1 >= e)
			continue;
		size_t n = j + 1;
		if (t.v[n].kind != TK_WORD && t.v[n].kind != TK_QUOTED)
			continue;
		if (is_punct(&t, n + 1, '.') && n + 2 < e)
			n += 2; /* schema.name: the name */
		const char *name = tok_name(a, &t.v[n]);
		for (size_t k = 0; k < m->ntables + m->nviews; k++) {
			const rt_object *o = k < m->ntables ? &m->tables[k]->obj
			                                    : &m->views[k - m->ntables]->obj;
			if (rt_streq_nocase(o->name, name) &&
			    !rt_strv_contains(&v->depends, o->name))
				rt_strv_push(m->arena, &v->depends, o->name);
		}
	}
}

static const char *
cell(const rt_rows *r, size_t row, size_t col)
{
	return rt_rows_get(r, row, col);
}

static bool
cell_true(const rt_rows *r, size_t row, size_t col)
{
	const char *v = rt_rows_get(r, row, col);
	return v && strcmp(v, "0") != 0;
}

static int
query(rt_conn *c, rt_arena *a, const char *sql, rt_rows *out, rt_err *err)
{
	int rc = rt_conn_query(c, a, sql, 0, NULL, out, err);
	if (rc != RETORT_OK)
		rt_err_prefix(err, "reading the schema of %s: ", c->display);
	return rc;
}

#define USER_TABLES                                                        \
	"FROM sqlite_schema s WHERE s.type = 'table' AND s.name NOT LIKE "  \
	"'sqlite\\_%' ESCAPE '\\' AND coalesce(s.sql, '') NOT LIKE "        \
	"'CREATE VIRTUAL%' "

/* pragma_table_list can't be joined on a column of sqlite_schema in older
 * SQLite versions: it is read whole and matched here. */
static const char q_table_list[] =
	"SELECT name, strict, wr, type FROM pragma_table_list WHERE schema = 'main'";

static const char q_virtual[] =
	"SELECT name FROM sqlite_schema WHERE type = 'table' "
	"AND sql LIKE 'CREATE VIRTUAL%' ORDER BY name";

static const char q_columns[] =
	"SELECT s.name, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, "
	"c.hidden FROM sqlite_schema s, pragma_table_xinfo(s.name) c "
	"WHERE s.type = 'table' AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
	"AND coalesce(s.sql, '') NOT LIKE 'CREATE VIRTUAL%' "
	"ORDER BY s.name, c.cid";

static const char q_indexes[] =
	"SELECT s.name, il.name, il.\"unique\", il.origin, x.cid, x.name, "
	"x.\"desc\", ix.sql "
	"FROM sqlite_schema s, pragma_index_list(s.name) il, "
	"pragma_index_xinfo(il.name) x "
	"LEFT JOIN sqlite_schema ix ON ix.type = 'index' AND ix.name = il.name "
	"WHERE s.type = 'table' AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
	"AND coalesce(s.sql, '') NOT LIKE 'CREATE VIRTUAL%' AND x.key = 1 "
	"ORDER BY s.name, il.name, x.seqno";

static const char q_fkeys[] =
	"SELECT s.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, "
	"f.on_delete FROM sqlite_schema s, pragma_foreign_key_list(s.name) f "
	"WHERE s.type = 'table' AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
	"AND coalesce(s.sql, '') NOT LIKE 'CREATE VIRTUAL%' "
	"ORDER BY s.name, f.id, f.seq";

static const char q_others[] =
	"SELECT type, name, tbl_name, sql FROM sqlite_schema "
	"WHERE type IN ('view', 'trigger') ORDER BY type DESC, name";

/* Per table while reading: the model table and its parsed SQL. */
typedef struct sq_tab {
	rt_table *t;
	sql_table st;
	rt_strv check_names;   /* names given to checks so far */
} sq_tab;

static sq_tab *
lookup(rt_map *tabs, const char *name)
{
	return name ? rt_map_get(tabs, name) : NULL;
}

/* The columns of t an expression mentions (identifier tokens, any case),
 * in table order. */
static rt_strv
mentioned(rt_arena *a, const rt_table *t, const char *expr)
{
	toks k = tokenize(a, expr);
	rt_strv out = { 0 };
	for (size_t c = 0; c < t->ncolumns; c++) {
		const char *name = t->columns[c]->obj.name;
		for (size_t i = 0; i < k.n; i++) {
			if (k.v[i].kind != TK_WORD && k.v[i].kind != TK_QUOTED)
				continue;
			if (rt_streq_nocase(tok_name(a, &k.v[i]), name)) {
				rt_strv_push(a, &out, name);
				break;
			}
		}
	}
	return out;
}

static void
add_constraints_from_sql(rt_model *m, rt_arena *a, sq_tab *tab)
{
	rt_table *t = tab->t;
	for (size_t i = 0; i < tab->st.ncons; i++) {
		sql_cons *sc = &tab->st.cons[i];
		if (sc->kind != RT_CHECK)
			continue;
		const char *name = sc->name;
		if (!name) {
			rt_strv cols = mentioned(a, t, sc->expression);
			const char *base = rt_introspect_default_name(a, RT_CHECK, t->obj.name,
			                                              &cols, NULL);
			name = base;
			for (int n = 2; rt_strv_contains(&tab->check_names, name); n++)
				name = rt_sprintf(a, "%s_%d", base, n);
		}
		rt_strv_push(a, &tab->check_names, name);
		rt_constraint *c = rt_table_add_constraint(m, t, RT_CHECK, name);
		c->expression = rt_strdup(m->arena, sc->expression);
	}
	for (size_t i = 0; i < tab->st.ncols; i++) {
		sql_col *sc = &tab->st.cols[i];
		rt_column *col = NULL;
		for (size_t j = 0; j < t->ncolumns && !col; j++)
			if (rt_streq_nocase(t->columns[j]->obj.name, sc->name))
				col = t->columns[j];
		if (!col)
			continue;
		col->collation = rt_strdup(m->arena, sc->collation);
		col->autoincrement = sc->autoincrement;
	}
}

int
rt_introspect_sqlite(rt_conn *c, const rt_introspect_opts *o, rt_model **out,
                     rt_err *err)
{
	rt_arena *a = rt_arena_new();
	rt_model *m = rt_model_new(RT_SQLITE);
	rt_map *tabs = rt_map_new(a);
	rt_rows r;
	int rc;

	/* Tables. pragma_table_list (SQLite 3.37) says STRICT, WITHOUT ROWID
	 * and which tables belong to a virtual table; before it, the stored
	 * SQL says the first two and the shadow tables' names the third. */
	rt_rows tl;
	bool have_list = true;
	if ((rc = query(c, a, q_table_list, &tl, err)) != RETORT_OK) {
		if (!strstr(rt_err_msg(err), "no such table: pragma_table_list"))
			goto out;
		rt_err_clear(err);
		memset(&tl, 0, sizeof(tl));
		have_list = false;
	}
	rt_map *listed = rt_map_new(a);
	for (size_t j = 0; j < tl.nrows; j++) {
		size_t *row = rt_new(a, size_t);
		*row = j;
		rt_map_put(listed, cell(&tl, j, 0), row);
	}
	if ((rc = query(c, a, q_virtual, &r, err)) != RETORT_OK)
		goto out;
	rt_strv virtuals = { 0 };
	for (size_t i = 0; i < r.nrows; i++) {
		rt_strv_push(a, &virtuals, rt_sprintf(a, "%s_", cell(&r, i, 0)));
		if (!rt_introspect_excluded(o, NULL, cell(&r, i, 0)))
			rt_introspect_warn(m, "table \"%s\": a virtual table can't be expressed in the model; left out (with its shadow tables)",
			                   cell(&r, i, 0));
	}
	if ((rc = query(c, a, "SELECT s.name, s.sql " USER_TABLES "ORDER BY s.name",
	                &r, err)) != RETORT_OK)
		goto out;
	for (size_t i = 0; i < r.nrows; i++) {
		const char *name = cell(&r, i, 0);
		if (rt_introspect_excluded(o, NULL, name))
			continue;
		sql_table st = parse_create_table(a, cell(&r, i, 1));
		bool strict = st.strict, wr = st.without_rowid, shadow = false;
		size_t *row = rt_map_get(listed, name);
		if (row) {
			strict = cell_true(&tl, *row, 1);
			wr = cell_true(&tl, *row, 2);
			shadow = cell(&tl, *row, 3) && strcmp(cell(&tl, *row, 3), "shadow") == 0;
		}
		for (size_t k = 0; !have_list && k < virtuals.n && !shadow; k++)
			shadow = rt_startswith(name, virtuals.v[k]);
		if (shadow)
			continue; /* part of a virtual table, warned above */
		sq_tab *tab = rt_new(a, sq_tab);
		tab->t = rt_model_add_table(m, NULL, name);
		tab->t->strict = strict;
		tab->t->without_rowid = wr;
		tab->st = st;
		rt_map_put(tabs, name, tab);
	}

	/* Columns, and the primary key from their pk positions. */
	if ((rc = query(c, a, q_columns, &r, err)) != RETORT_OK)
		goto out;
	for (size_t i = 0; i < r.nrows; i++) {
		sq_tab *tab = lookup(tabs, cell(&r, i, 0));
		if (!tab)
			continue;
		rt_table *t = tab->t;
		const char *cname = cell(&r, i, 1);
		rt_column *col = rt_table_add_column(m, t, cname, cell(&r, i, 2));
		int pk = atoi(cell(&r, i, 5) ? cell(&r, i, 5) : "0");
		col->nullable = !cell_true(&r, i, 3) && pk == 0;
		col->default_expr = rt_strdup(m->arena, cell(&r, i, 4));
		int hidden = atoi(cell(&r, i, 6) ? cell(&r, i, 6) : "0");
		if (hidden == 2 || hidden == 3)
			rt_introspect_warn(m, "table \"%s\", column \"%s\": a generated column can't be expressed in the model; read as a plain column",
			                   t->obj.name, cname);
		if (pk > 0) {
			if (!t->primary_key)
				rt_table_add_constraint(m, t, RT_PRIMARY_KEY, "");
			rt_strv *cols = &t->primary_key->columns;
			/* pk is the 1-based position in the key. */
			while (cols->n < (size_t)pk)
				rt_strv_push(m->arena, cols, NULL);
			cols->v[pk - 1] = col->obj.name;
		}
	}
	for (size_t i = 0; i < m->ntables; i++) {
		rt_table *t = m->tables[i];
		sq_tab *tab = lookup(tabs, t->obj.name);
		add_constraints_from_sql(m, a, tab);
		rt_constraint *pk = t->primary_key;
		if (!pk)
			continue;
		sql_cons *sc = find_cons(&tab->st, RT_PRIMARY_KEY, &pk->columns, NULL);
		pk->obj.name = sc && sc->name
		                   ? rt_strdup(m->arena, sc->name)
		                   : rt_introspect_default_name(m->arena, RT_PRIMARY_KEY,
		                                                t->obj.name, NULL, NULL);
		if (sc && sc->conflict)
			rt_introspect_warn(m, "table \"%s\": the ON CONFLICT clause of the primary key can't be expressed in the model",
			                   t->obj.name);
		if (pk->columns.n == 1 && !t->without_rowid) {
			rt_column *col = rt_table_find_column(t, pk->columns.v[0]);
			if (col && rt_streq_nocase(col->type, "INTEGER"))
				col->identity = RT_IDENTITY_BY_DEFAULT;
		}
	}

	/* Indexes: unique constraints (origin u) and CREATE INDEX (origin c);
	 * the primary key's (origin pk) is the primary key. */
	if ((rc = query(c, a, q_indexes, &r, err)) != RETORT_OK)
		goto out;
	for (size_t i = 0; i < r.nrows;) {
		sq_tab *tab = lookup(tabs, cell(&r, i, 0));
		const char *iname = cell(&r, i, 1);
		size_t j = i;
		while (j < r.nrows && strcmp(cell(&r, j, 0), cell(&r, i, 0)) == 0 &&
		       strcmp(cell(&r, j, 1), iname) == 0)
			j++;
		const char *origin = cell(&r, i, 3);
		if (!tab || !origin || strcmp(origin, "pk") == 0) {
			i = j;
			continue;
		}
		rt_table *t = tab->t;
		if (strcmp(origin, "u") == 0) {
			rt_strv cols = { 0 };
			for (size_t k = i; k < j; k++)
				rt_strv_push(m->arena, &cols, rt_strdup(m->arena, cell(&r, k, 5)));
			sql_cons *sc = find_cons(&tab->st, RT_UNIQUE, &cols, NULL);
			const char *name = sc && sc->name
			                       ? sc->name
			                       : rt_introspect_default_name(a, RT_UNIQUE,
			                                                    t->obj.name,
			                                                    &cols, NULL);
			rt_constraint *u = rt_table_add_constraint(m, t, RT_UNIQUE, name);
			u->columns = cols;
			if (sc && sc->conflict)
				rt_introspect_warn(m, "table \"%s\", unique constraint \"%s\": the ON CONFLICT clause can't be expressed in the model",
				                   t->obj.name, name);
		} else {
			rt_index *ix = rt_table_add_index(m, t, iname);
			ix->unique = cell_true(&r, i, 2);
			for (size_t k = i; k < j; k++) {
				rt_index_elem *e = rt_index_add_elem(m, ix);
				int cid = atoi(cell(&r, k, 4) ? cell(&r, k, 4) : "0");
				if (cid >= 0)
					e->column = rt_strdup(m->arena, cell(&r, k, 5));
				else if (cid == -1)
					e->column = "rowid";
				e->desc = cell_true(&r, k, 6);
			}
			if (cell(&r, i, 7))
				parse_create_index(m, a, ix, cell(&r, i, 7));
		}
		i = j;
	}

	/* Foreign keys: one per (table, id); names and deferrability from the
	 * stored SQL. */
	if ((rc = query(c, a, q_fkeys, &r, err)) != RETORT_OK)
		goto out;
	for (size_t i = 0; i < r.nrows;) {
		sq_tab *tab = lookup(tabs, cell(&r, i, 0));
		size_t j = i;
		while (j < r.nrows && strcmp(cell(&r, j, 0), cell(&r, i, 0)) == 0 &&
		       strcmp(cell(&r, j, 1), cell(&r, i, 1)) == 0)
			j++;
		if (!tab) {
			i = j;
			continue;
		}
		rt_table *t = tab->t;
		rt_strv cols = { 0 }, refs = { 0 };
		for (size_t k = i; k < j; k++) {
			rt_strv_push(m->arena, &cols, rt_strdup(m->arena, cell(&r, k, 3)));
			if (cell(&r, k, 4))
				rt_strv_push(m->arena, &refs, rt_strdup(m->arena, cell(&r, k, 4)));
		}
		/* SQLite keeps the referenced names as written: the table's
		 * own spelling is the canonical one (names are case-blind). */
		const char *ref_table = cell(&r, i, 2);
		rt_table *rt = rt_model_find_table(m, NULL, ref_table);
		for (size_t k = 0; k < m->ntables && !rt; k++)
			if (rt_streq_nocase(m->tables[k]->obj.name, ref_table))
				rt = m->tables[k];
		sql_cons *sc = find_cons(&tab->st, RT_FOREIGN_KEY, &cols, ref_table);
		if (rt) {
			ref_table = rt->obj.name;
			for (size_t k = 0; k < refs.n; k++) {
				rt_column *rc_ = rt_table_find_column(rt, refs.v[k]);
				for (size_t q = 0; q < rt->ncolumns && !rc_; q++)
					if (rt_streq_nocase(rt->columns[q]->obj.name, refs.v[k]))
						rc_ = rt->columns[q];
				if (rc_)
					refs.v[k] = rc_->obj.name;
			}
		}
		const char *name = sc && sc->name
		                       ? sc->name
		                       : rt_introspect_default_name(a, RT_FOREIGN_KEY,
		                                                    t->obj.name, &cols,
		                                                    ref_table);
		rt_constraint *fk = rt_table_add_constraint(m, t, RT_FOREIGN_KEY, name);
		fk->columns = cols;
		fk->ref_table = rt_strdup(m->arena, ref_table);
		if (refs.n == cols.n) {
			fk->ref_columns = refs;
		} else {
			/* REFERENCES t without columns: t's primary key. */
			if (rt && rt->primary_key)
				fk->ref_columns = rt->primary_key->columns;
		}
		fk->on_update = fk_action(cell(&r, i, 5));
		fk->on_delete = fk_action(cell(&r, i, 6));
		if (sc) {
			fk->deferrable = sc->deferrable;
			fk->initially_deferred = sc->deferrable && sc->initially_deferred;
		}
		i = j;
	}

	/* Views, then triggers; a view's depends are read once every view is
	 * known. */
	if ((rc = query(c, a, q_others, &r, err)) != RETORT_OK)
		goto out;
	for (size_t i = 0; i < r.nrows; i++) {
		const char *type = cell(&r, i, 0), *name = cell(&r, i, 1);
		if (strcmp(type, "view") == 0 && !rt_introspect_excluded(o, NULL, name))
			rt_model_add_view(m, NULL, name);
	}
	for (size_t i = 0; i < r.nrows; i++) {
		const char *type = cell(&r, i, 0), *name = cell(&r, i, 1);
		const char *sql = cell(&r, i, 3) ? cell(&r, i, 3) : "";
		if (strcmp(type, "view") == 0) {
			rt_object *v = rt_model_find(m, NULL, name);
			if (v && v->kind == RT_VIEW)
				parse_create_view(m, a, (rt_view *)v, sql);
			continue;
		}
		const char *tbl = cell(&r, i, 2);
		sq_tab *tab = lookup(tabs, tbl);
		if (tab) {
			rt_strv_push(m->arena, &tab->t->triggers, rt_strdup(m->arena, sql));
		} else if (!rt_introspect_excluded(o, NULL, tbl ? tbl : "")) {
			rt_introspect_warn(m, "trigger \"%s\" on view \"%s\": triggers on views can't be expressed in the model; left out",
			                   name, tbl ? tbl : "");
		}
	}

	rt_introspect_finish(m);
	*out = m;
	m = NULL;
	rc = RETORT_OK;
out:
	rt_model_free(m);
	rt_arena_free(a);
	return rc;
}
