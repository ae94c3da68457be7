/*
 * model_check.c: the second half of reading a model (see model_parse.h):
 * once every file is read, column types are mapped to the dialect, unnamed
 * constraints and indexes are named by the naming convention, and the whole
 * model is checked (duplicates, dangling references, foreign keys, identity,
 * what the dialect cannot express). Every problem is reported.
 */
#include "model_parse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "quote.h"
#include "typemap.h"

/* The enum a type names, looked up in the table's schema first, then in the
 * default schema; NULL when none. */
static rt_enum *
find_enum(rt_parse_ctx *x, const rt_table *t, const char *name)
{
	const char *dot = x->d == RT_POSTGRES ? strchr(name, '.') : NULL;
	rt_object *o;
	if (dot) {
		char *schema = rt_strndup(x->a, name, (size_t)(dot - name));
		o = rt_model_find(x->m, schema, dot + 1);
	} else {
		o = rt_model_find(x->m, t->obj.schema, name);
		if ((!o || o->kind != RT_ENUM) && x->defschema)
			o = rt_model_find(x->m, x->defschema, name);
	}
	return o && o->kind == RT_ENUM ? (rt_enum *)o : NULL;
}

/* Was "what" mentioned in s as a word (case-insensitively)? */
static bool
mentions(const char *s, const char *what)
{
	size_t n = strlen(what);
	if (!n)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p == '\'') {
			/* Words inside string literals are not names. */
			while (p[1] && p[1] != '\'')
				p++;
			if (!p[1])
				break;
			p++;
			continue;
		}
		if (strncasecmp(p, what, n) != 0)
			continue;
		bool before = p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
		bool after = !(isalnum((unsigned char)p[n]) || p[n] == '_');
		if (before && after)
			return true;
	}
	return false;
}

/* True for the type names a SQLite STRICT table accepts. */
static bool
is_strict_native(const char *s)
{
	static const char *const ok[] = { "INT", "INTEGER", "REAL", "TEXT",
	                                  "BLOB", "ANY" };
	for (size_t i = 0; i < RT_ARRAY_LEN(ok); i++)
		if (rt_streq_nocase(s, ok[i]))
			return true;
	return false;
}

/* Maps the type of one column; returns the portable id (RT_TYPE_OTHER for
 * verbatim and enum types). */
static rt_type_id
map_column_type(rt_parse_ctx *x, colinfo *ci)
{
	rt_column *c = ci->c;
	rt_table *t = c->table;
	if (ci->native) {
		c->type = rt_trim((char *)ci->native);
		rt_type_info ti;
		if (!*c->type) {
			OBJ_PROBLEM(x, &c->obj, "native-type is empty");
			return RT_TYPE_OTHER;
		}
		/* Kept verbatim, but an integer is still an integer (identity). */
		return rt_type_parse(x->a, c->type, &ti) ? RT_TYPE_OTHER : ti.id;
	}
	const char *written = ci->type ? ci->type : "";
	rt_type_info ti;
	const char *msg = rt_type_parse(x->a, written, &ti);
	if (msg) {
		OBJ_PROBLEM(x, &c->obj, "type \"%s\" %s", written, msg);
		c->type = written;
		return RT_TYPE_OTHER;
	}
	if (ti.array && x->d == RT_SQLITE) {
		OBJ_PROBLEM(x, &c->obj, "type \"%s\": SQLite has no array types "
		            "(dialect sqlite)", written);
		c->type = written;
		return RT_TYPE_OTHER;
	}
	if (ti.id != RT_TYPE_OTHER) {
		c->type = rt_type_sql(x->a, &ti, x->d, t->strict);
		return ti.id;
	}
	rt_enum *e = find_enum(x, t, ti.base);
	if (e) {
		c->enum_type = e;
		if (x->d == RT_SQLITE) {
			/* An enum on SQLite: TEXT with a CHECK of its values. */
			c->type = "TEXT";
			c->enum_type = NULL;
			rt_buf b = RT_BUF_INIT;
			rt_quote_ident(&b, c->obj.name, x->d);
			rt_buf_puts(&b, " IN (");
			for (size_t i = 0; i < e->values.n; i++) {
				if (i)
					rt_buf_puts(&b, ", ");
				rt_quote_literal(&b, e->values.v[i], x->d);
			}
			rt_buf_putc(&b, ')');
			rt_constraint *ck = rt_table_add_constraint(x->m, t, RT_CHECK, "");
			ck->obj.file = c->obj.file;
			ck->obj.line = c->obj.line;
			ck->expression = rt_strdup(x->a, rt_buf_cstr(&b));
			rt_buf_free(&b);
			rt_parse_push_name(x, &ck->obj, true);
		} else {
			rt_buf b = RT_BUF_INIT;
			/* Named by its schema unless that is the table's (as the
			 * introspector names it). */
			if (e->obj.schema && t->obj.schema &&
			    strcmp(e->obj.schema, t->obj.schema) != 0)
				rt_quote_qname(&b, e->obj.schema, e->obj.name, x->d);
			else
				rt_quote_ident(&b, e->obj.name, x->d);
			if (ti.array)
				rt_buf_puts(&b, "[]");
			c->type = rt_strdup(x->a, rt_buf_cstr(&b));
			rt_buf_free(&b);
		}
		return RT_TYPE_OTHER;
	}
	c->type = rt_type_sql(x->a, &ti, x->d, false);
	/* A single unknown word close to a known one is a typo, not a type of
	 * the database. */
	if (!strpbrk(ti.base, " (.\"") && !rt_type_is_known_native(ti.base)) {
		const char *s = rt_type_mistake(ti.base);
		if (!s)
			s = rt_type_suggest(rt_lower(x->a, ti.base));
		if (!s) {
			const char **enames = rt_alloc(x->a, (x->m->nenums + 1) * sizeof(char *));
			for (size_t i = 0; i < x->m->nenums; i++)
				enames[i] = x->m->enums[i]->obj.name;
			s = rt_suggest(ti.base, enames, x->m->nenums);
		}
		if (s) {
			OBJ_PROBLEM(x, &c->obj, "unknown type \"%s\" (did you mean "
			            "\"%s\"?)", written, s);
			return RT_TYPE_OTHER;
		}
	}
	if (t->strict && !is_strict_native(ti.base))
		OBJ_PROBLEM(x, &c->obj, "type \"%s\": a strict table only takes "
		            "INT, INTEGER, REAL, TEXT, BLOB, ANY or a portable type "
		            "(dialect sqlite)", written);
	return RT_TYPE_OTHER;
}

/* True when col is one of the columns of t's primary key. */
static bool
is_pk_column(const rt_table *t, const char *col)
{
	return t->primary_key && rt_strv_contains(&t->primary_key->columns, col);
}

/* Checks one column: rename hint, primary key and identity rules,
 * autoincrement, and what the dialect cannot express. */
static void
check_column(rt_parse_ctx *x, colinfo *ci, rt_type_id id)
{
	rt_column *c = ci->c;
	rt_table *t = c->table;
	if (c->obj.was && strcmp(c->obj.was, c->obj.name) == 0)
		OBJ_PROBLEM(x, &c->obj, "was=\"%s\" names the column itself",
		            c->obj.was);
	else if (c->obj.was && rt_table_find_column(t, c->obj.was))
		OBJ_PROBLEM(x, &c->obj, "was=\"%s\" names another column of the "
		            "table, which still exists", c->obj.was);
	if (is_pk_column(t, c->obj.name)) {
		if (ci->nullable_given && c->nullable)
			OBJ_PROBLEM(x, &c->obj, "nullable=\"true\" on a primary key "
			            "column (a primary key is never null)");
		c->nullable = false;
	}
	if (c->identity) {
		if (!rt_type_is_integer(id))
			OBJ_PROBLEM(x, &c->obj, "identity on a column of type \"%s\" "
			            "(identity needs smallint, integer or bigint)",
			            ci->type ? ci->type : c->type);
		if (c->default_expr)
			OBJ_PROBLEM(x, &c->obj, "identity and default together (an "
			            "identity column's default is its sequence)");
		if (ci->nullable_given && c->nullable)
			OBJ_PROBLEM(x, &c->obj, "nullable=\"true\" on an identity "
			            "column (identity columns are never null)");
		c->nullable = false;
		if (x->d == RT_SQLITE) {
			if (c->identity == RT_IDENTITY_ALWAYS)
				OBJ_PROBLEM(x, &c->obj, "identity=\"always\" cannot be "
				            "expressed (dialect sqlite: use by-default, "
				            "an INTEGER PRIMARY KEY)");
			if (!t->primary_key || t->primary_key->columns.n != 1 ||
			    strcmp(t->primary_key->columns.v[0], c->obj.name) != 0)
				OBJ_PROBLEM(x, &c->obj, "identity needs the column to be "
				            "the table's only primary key column (dialect "
				            "sqlite: it becomes INTEGER PRIMARY KEY)");
			if (t->without_rowid)
				OBJ_PROBLEM(x, &c->obj, "identity in a without-rowid "
				            "table (dialect sqlite: there is no rowid)");
			c->type = "INTEGER";
		}
	}
	if (c->autoincrement) {
		if (x->d == RT_POSTGRES)
			OBJ_PROBLEM(x, &c->obj, "autoincrement is SQLite only (dialect "
			            "postgresql: use identity)");
		else if (!c->identity)
			OBJ_PROBLEM(x, &c->obj, "autoincrement needs "
			            "identity=\"by-default\" (AUTOINCREMENT only applies "
			            "to an INTEGER PRIMARY KEY)");
	}
	if (c->collation && !*rt_trim((char *)c->collation))
		OBJ_PROBLEM(x, &c->obj, "empty collation");
}

/* Reports columns of list that t does not have, and repeats. */
static void
check_columns(rt_parse_ctx *x, rt_object *o, const rt_table *t, const rt_strv *list,
              const char *what)
{
	for (size_t i = 0; i < list->n; i++) {
		if (!rt_table_find_column(t, list->v[i])) {
			const char **names = rt_alloc(x->a, (t->ncolumns + 1) * sizeof(char *));
			for (size_t j = 0; j < t->ncolumns; j++)
				names[j] = t->columns[j]->obj.name;
			const char *s = rt_suggest(list->v[i], names, t->ncolumns);
			OBJ_PROBLEM(x, o, "%s \"%s\" is not a column of table \"%s\"%s%s%s",
			            what, list->v[i], t->obj.name, s ? " (did you mean \"" : "",
			            s ? s : "", s ? "\"?)" : "");
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(list->v[i], list->v[j]) == 0)
				OBJ_PROBLEM(x, o, "%s \"%s\" is listed twice", what,
				            list->v[i]);
	}
}

/* What the two sides of a foreign key must share: the integer types are
 * one family (bigint may reference integer, and on SQLite an identity
 * column is INTEGER whatever it was declared), so are the string types;
 * any other type is itself, without parameters, case aside. */
static const char *
type_family(rt_parse_ctx *x, const rt_column *c)
{
	rt_type_info ti;
	if (!rt_type_parse(x->a, c->type, &ti) && !ti.array) {
		if (rt_type_is_integer(ti.id))
			return "integer";
		if (ti.id == RT_TYPE_TEXT || ti.id == RT_TYPE_VARCHAR ||
		    ti.id == RT_TYPE_CHAR)
			return "text";
	}
	char *s = rt_lower(x->a, c->type);
	char *p = strchr(s, '(');
	char *q = p ? strchr(p, ')') : NULL;
	if (q)
		memmove(p, q + 1, strlen(q + 1) + 1);
	return s;
}

/* True when cols are exactly the columns of t's primary key or of one of
 * its unique constraints or plain unique indexes (in any order). */
static bool
is_unique_key(const rt_table *t, const rt_strv *cols)
{
	const rt_strv *cands[1];
	for (size_t i = 0; i <= t->nconstraints; i++) {
		const rt_constraint *k = i == t->nconstraints ? t->primary_key
		                                              : t->constraints[i];
		if (!k || (k->obj.kind != RT_PRIMARY_KEY && k->obj.kind != RT_UNIQUE))
			continue;
		cands[0] = &k->columns;
		if (cands[0]->n != cols->n)
			continue;
		bool all = true;
		for (size_t j = 0; j < cols->n && all; j++)
			all = rt_strv_contains(cands[0], cols->v[j]);
		if (all)
			return true;
	}
	for (size_t i = 0; i < t->nindexes; i++) {
		const rt_index *ix = t->indexes[i];
		if (!ix->unique || ix->where || ix->nelems != cols->n)
			continue;
		bool all = true;
		for (size_t j = 0; j < ix->nelems && all; j++)
			all = ix->elems[j].column &&
			      rt_strv_contains(cols, ix->elems[j].column);
		if (all)
			return true;
	}
	return false;
}

/* Resolves and checks a foreign key: the referenced table and columns
 * (its primary key when none are named), their count, types and uniqueness. */
static void
check_foreign_key(rt_parse_ctx *x, rt_constraint *fk)
{
	rt_table *t = fk->table;
	if (!fk->ref_table || !*fk->ref_table)
		return;
	if (x->d == RT_POSTGRES && !fk->ref_schema) {
		fk->ref_schema = t->obj.schema;
		if (!rt_model_find_table(x->m, fk->ref_schema, fk->ref_table))
			fk->ref_schema = x->defschema;
	}
	rt_table *rt = rt_model_find_table(x->m, fk->ref_schema, fk->ref_table);
	if (!rt) {
		const char **names = rt_alloc(x->a, (x->m->ntables + 1) * sizeof(char *));
		for (size_t j = 0; j < x->m->ntables; j++)
			names[j] = x->m->tables[j]->obj.name;
		const char *s = rt_suggest(fk->ref_table, names, x->m->ntables);
		OBJ_PROBLEM(x, &fk->obj, "references table \"%s\", which the model "
		            "does not have%s%s%s", fk->ref_table,
		            s ? " (did you mean \"" : "", s ? s : "", s ? "\"?)" : "");
		return;
	}
	if (!fk->ref_columns.n) {
		if (!rt->primary_key) {
			OBJ_PROBLEM(x, &fk->obj, "references table \"%s\" without "
			            "naming columns, and it has no primary key",
			            fk->ref_table);
			return;
		}
		fk->ref_columns = rt->primary_key->columns;
	}
	size_t before = x->errors;
	check_columns(x, &fk->obj, rt, &fk->ref_columns, "referenced column");
	if (x->errors != before)
		return;
	if (fk->columns.n != fk->ref_columns.n) {
		OBJ_PROBLEM(x, &fk->obj, "%zu column%s referencing %zu column%s of "
		            "table \"%s\"", fk->columns.n, fk->columns.n == 1 ? "" : "s",
		            fk->ref_columns.n, fk->ref_columns.n == 1 ? "" : "s",
		            fk->ref_table);
		return;
	}
	for (size_t i = 0; i < fk->columns.n; i++) {
		rt_column *a = rt_table_find_column(t, fk->columns.v[i]);
		rt_column *b = rt_table_find_column(rt, fk->ref_columns.v[i]);
		if (!a || !b)
			continue;
		const char *fa = type_family(x, a), *fb = type_family(x, b);
		if (strcmp(fa, fb) != 0)
			OBJ_PROBLEM(x, &fk->obj, "column \"%s\" (%s) references "
			            "\"%s\".\"%s\" (%s): the types differ", a->obj.name,
			            a->type, rt->obj.name, b->obj.name, b->type);
	}
	if (!is_unique_key(rt, &fk->ref_columns))
		OBJ_PROBLEM(x, &fk->obj, "the referenced columns (%s) of table "
		            "\"%s\" are not its primary key or a unique constraint",
		            rt_strv_join(x->a, &fk->ref_columns, ", "), fk->ref_table);
	if ((fk->on_delete == RT_FK_SET_NULL || fk->on_update == RT_FK_SET_NULL))
		for (size_t i = 0; i < fk->columns.n; i++) {
			rt_column *a = rt_table_find_column(t, fk->columns.v[i]);
			if (a && !a->nullable)
				OBJ_PROBLEM(x, &fk->obj, "set null on column \"%s\", which "
				            "is not nullable", a->obj.name);
		}
}

/* Checks an index's keys and what the dialect cannot express. */
static void
check_index(rt_parse_ctx *x, rt_index *ix)
{
	rt_table *t = ix->table;
	for (size_t i = 0; i < ix->nelems; i++) {
		rt_index_elem *e = &ix->elems[i];
		if (e->column) {
			rt_strv one = { &e->column, 1 };
			check_columns(x, &ix->obj, t, &one, "column");
		} else if (e->expression && !*rt_trim((char *)e->expression)) {
			OBJ_PROBLEM(x, &ix->obj, "empty expression");
		}
		if (e->opclass && x->d == RT_SQLITE)
			OBJ_PROBLEM(x, &ix->obj, "opclass is PostgreSQL only (dialect "
			            "sqlite)");
	}
	check_columns(x, &ix->obj, t, &ix->include, "include column");
	if (x->d == RT_SQLITE && ix->method)
		OBJ_PROBLEM(x, &ix->obj, "method=\"%s\": SQLite indexes have no "
		            "access method (dialect sqlite)", ix->method);
	if (x->d == RT_SQLITE && ix->include.n)
		OBJ_PROBLEM(x, &ix->obj, "include is PostgreSQL only (dialect "
		            "sqlite)");
}

/* The words of an expression joined by "_", lower-cased, for names of
 * expression indexes: lower(name) -> lower_name. */
static const char *
expr_words(rt_parse_ctx *x, const char *expr)
{
	rt_buf b = RT_BUF_INIT;
	for (const char *p = expr; *p;) {
		if (isalnum((unsigned char)*p) || *p == '_') {
			if (b.len)
				rt_buf_putc(&b, '_');
			while (isalnum((unsigned char)*p) || *p == '_')
				rt_buf_putc(&b, (char)tolower((unsigned char)*p++));
		} else {
			p++;
		}
	}
	const char *s = rt_strdup(x->a, b.len ? rt_buf_cstr(&b) : "expr");
	rt_buf_free(&b);
	return s;
}

/* Names one unnamed constraint or index by the naming convention. */
static void
generate_name(rt_parse_ctx *x, rt_object *o)
{
	rt_naming_vars v = { 0 };
	const char *tmpl;
	rt_strv cols = { NULL, 0 };
	if (o->kind == RT_INDEX) {
		rt_index *ix = (rt_index *)o;
		v.table = ix->table->obj.name;
		for (size_t i = 0; i < ix->nelems; i++)
			rt_strv_push(x->a, &cols, ix->elems[i].column
			                              ? ix->elems[i].column
			                              : expr_words(x, ix->elems[i].expression));
		tmpl = x->naming.index;
	} else {
		rt_constraint *c = (rt_constraint *)o;
		v.table = c->table->obj.name;
		v.ref_table = c->ref_table;
		cols = c->columns;
		switch (o->kind) {
		case RT_PRIMARY_KEY: tmpl = x->naming.primary_key; break;
		case RT_UNIQUE: tmpl = x->naming.unique; break;
		case RT_FOREIGN_KEY: tmpl = x->naming.foreign_key; break;
		default: tmpl = x->naming.check; break;
		}
		if (o->kind == RT_CHECK) {
			/* %(name)s of a check: the columns it mentions. */
			rt_strv used = { NULL, 0 };
			const rt_table *t = c->table;
			for (size_t i = 0; i < t->ncolumns; i++)
				if (mentions(c->expression, t->columns[i]->obj.name))
					rt_strv_push(x->a, &used, t->columns[i]->obj.name);
			v.name = used.n ? rt_strv_join(x->a, &used, "_") : "check";
			cols = used;
		}
	}
	v.columns = rt_strv_join(x->a, &cols, "_");
	v.column0 = cols.n ? cols.v[0] : "";
	o->name = rt_naming_expand(x->a, tmpl, &v);
}

/* True when two lists hold the same strings in the same order. */
static bool
same_list(const rt_strv *a, const rt_strv *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

/* True when two constraints of the same table say the same thing (a
 * column shorthand and an element both declaring one foreign key). */
static bool
same_definition(const rt_object *a, const rt_object *b)
{
	if (a->kind != b->kind || a->kind == RT_INDEX || a->kind == RT_TABLE ||
	    a->kind == RT_VIEW)
		return false;
	const rt_constraint *x = (const rt_constraint *)a;
	const rt_constraint *y = (const rt_constraint *)b;
	if (x->table != y->table || !same_list(&x->columns, &y->columns))
		return false;
	if (a->kind == RT_CHECK)
		return strcmp(x->expression, y->expression) == 0;
	if (a->kind == RT_FOREIGN_KEY)
		return strcmp(x->ref_table ? x->ref_table : "",
		              y->ref_table ? y->ref_table : "") == 0 &&
		       same_list(&x->ref_columns, &y->ref_columns);
	return true;
}

/* One namespace of names: where each name was first used. */
static void
claim(rt_parse_ctx *x, rt_map *ns, const char *key, rt_object *o, bool generated)
{
	rt_object *prev = rt_map_put(ns, key, o);
	if (!prev || prev == o)
		return;
	rt_map_put(ns, key, prev);
	if (same_definition(prev, o)) {
		OBJ_PROBLEM(x, o, "declared twice: the same %s as at %s:%d",
		            rt_kind_name(o->kind), prev->file ? prev->file : "?",
		            prev->line);
		return;
	}
	OBJ_PROBLEM(x, o, "the name \"%s\" is already used by %s (at %s:%d)%s",
	            o->name, rt_parse_label(x, prev), prev->file ? prev->file : "?",
	            prev->line, generated ? "; this name was generated: give "
	            "one of them a name=\"...\"" : "");
}

/* Names what is unnamed, then checks that names are unique where the
 * dialect needs them to be: relations (tables, views, indexes, and the
 * indexes behind primary keys and unique constraints on PostgreSQL) per
 * schema; foreign keys and checks per table. */
static void
apply_names(rt_parse_ctx *x)
{
	for (size_t i = 0; i < x->nnames; i++)
		if (x->names[i].generated)
			generate_name(x, x->names[i].obj);
	rt_map *rel = rt_map_new(x->a);
	for (size_t i = 0; i < x->m->ntables; i++)
		rt_map_put(rel, rt_model_key(x->a, x->m->tables[i]->obj.schema,
		                             x->m->tables[i]->obj.name),
		           &x->m->tables[i]->obj);
	for (size_t i = 0; i < x->m->nviews; i++)
		rt_map_put(rel, rt_model_key(x->a, x->m->views[i]->obj.schema,
		                             x->m->views[i]->obj.name),
		           &x->m->views[i]->obj);
	rt_map *per_table = rt_map_new(x->a);
	for (size_t i = 0; i < x->nnames; i++) {
		rt_object *o = x->names[i].obj;
		if (x->d == RT_POSTGRES && !x->names[i].generated &&
		    strlen(o->name) > RT_NAME_MAX)
			OBJ_PROBLEM(x, o, "the name is longer than %d bytes (dialect "
			            "postgresql would cut it)", RT_NAME_MAX);
		bool relation = o->kind == RT_INDEX ||
		                (x->d == RT_POSTGRES && (o->kind == RT_PRIMARY_KEY ||
		                                         o->kind == RT_UNIQUE));
		const rt_table *t = o->kind == RT_INDEX ? ((rt_index *)o)->table
		                                        : ((rt_constraint *)o)->table;
		if (relation)
			claim(x, rel, rt_model_key(x->a, o->schema, o->name), o,
			      x->names[i].generated);
		else
			claim(x, per_table, rt_sprintf(x->a, "%s\x1f%s\x1f%s",
			                               t->obj.schema ? t->obj.schema : "",
			                               t->obj.name, o->name),
			      o, x->names[i].generated);
	}
}

/* A table's, view's or enum's rename hint must name a former object: not
 * itself, not one the model still has. */
static void
check_was(rt_parse_ctx *x, rt_object *o)
{
	if (o->was && strcmp(o->was, o->name) == 0)
		OBJ_PROBLEM(x, o, "was=\"%s\" names the %s itself", o->was,
		            rt_kind_name(o->kind));
	else if (o->was && rt_model_find(x->m, o->schema, o->was))
		OBJ_PROBLEM(x, o, "was=\"%s\" names another object of the model, "
		            "which still exists", o->was);
}

/* Checks a table: rename hint, columns, and the columns its keys name. */
static void
check_table(rt_parse_ctx *x, rt_table *t)
{
	check_was(x, &t->obj);
	if (!t->ncolumns)
		OBJ_PROBLEM(x, &t->obj, "no columns");
	if (t->without_rowid && !t->primary_key)
		OBJ_PROBLEM(x, &t->obj, "without-rowid needs a primary key");
	if (t->primary_key)
		check_columns(x, &t->primary_key->obj, t, &t->primary_key->columns,
		              "column");
	for (size_t i = 0; i < t->nconstraints; i++) {
		rt_constraint *c = t->constraints[i];
		if (c->obj.kind == RT_UNIQUE || c->obj.kind == RT_FOREIGN_KEY)
			check_columns(x, &c->obj, t, &c->columns, "column");
	}
	for (size_t i = 0; i < t->nindexes; i++)
		check_index(x, t->indexes[i]);
}

/* Checks an enum: values present, distinct and short enough. */
static void
check_enum(rt_parse_ctx *x, rt_enum *e)
{
	if (!e->values.n)
		OBJ_PROBLEM(x, &e->obj, "no values");
	for (size_t i = 0; i < e->values.n; i++) {
		for (size_t j = 0; j < i; j++)
			if (strcmp(e->values.v[i], e->values.v[j]) == 0) {
				OBJ_PROBLEM(x, &e->obj, "value \"%s\" is repeated",
				            e->values.v[i]);
				break;
			}
		if (x->d == RT_POSTGRES && strlen(e->values.v[i]) > RT_NAME_MAX)
			OBJ_PROBLEM(x, &e->obj, "value \"%s\" is longer than %d bytes "
			            "(dialect postgresql)", e->values.v[i], RT_NAME_MAX);
	}
	check_was(x, &e->obj);
}

/* Checks a name of a table, view, enum or column: its length on
 * PostgreSQL, and the characters the format itself uses to separate names
 * (lists, references, schema.name), which would make the object impossible
 * to refer to. */
static void
check_name(rt_parse_ctx *x, rt_object *o)
{
	size_t n = strlen(o->name);
	if (!n) {
		OBJ_PROBLEM(x, o, "empty name");
		return;
	}
	if (x->d == RT_POSTGRES && n > RT_NAME_MAX)
		OBJ_PROBLEM(x, o, "the name is longer than %d bytes (dialect "
		            "postgresql would cut it)", RT_NAME_MAX);
	if (isspace((unsigned char)o->name[0]) || isspace((unsigned char)o->name[n - 1]))
		OBJ_PROBLEM(x, o, "the name begins or ends with white space");
	const char *bad = o->kind == RT_ENUM ? "" : o->kind == RT_COLUMN ? ",()" : ",().";
	const char *c = strpbrk(o->name, bad);
	if (c && *bad)
		OBJ_PROBLEM(x, o, "the name holds '%c', which separates names in "
		            "columns=\"...\", references=\"...\" and schema.name",
		            *c);
	if (o->schema && (strpbrk(o->schema, ",().") || isspace((unsigned char)*o->schema)))
		OBJ_PROBLEM(x, o, "schema \"%s\": a schema name cannot hold ',', "
		            "'(', ')' or '.' or begin with white space", o->schema);
}

/* Types, names and every semantic check, over the whole model. */
void
rt_parse_finish(rt_parse_ctx *x)
{
	for (size_t i = 0; i < x->m->nenums; i++) {
		check_enum(x, x->m->enums[i]);
		check_name(x, &x->m->enums[i]->obj);
	}
	for (size_t i = 0; i < x->ncols; i++) {
		rt_type_id id = map_column_type(x, &x->cols[i]);
		check_column(x, &x->cols[i], id);
		check_name(x, &x->cols[i].c->obj);
	}
	/* Names before the checks: messages name the constraints. */
	apply_names(x);
	for (size_t i = 0; i < x->m->ntables; i++) {
		check_table(x, x->m->tables[i]);
		check_name(x, &x->m->tables[i]->obj);
	}
	for (size_t i = 0; i < x->m->nviews; i++) {
		check_was(x, &x->m->views[i]->obj);
		check_name(x, &x->m->views[i]->obj);
	}
	for (size_t i = 0; i < x->m->ntables; i++) {
		rt_table *t = x->m->tables[i];
		for (size_t j = 0; j < t->nconstraints; j++)
			if (t->constraints[j]->obj.kind == RT_FOREIGN_KEY)
				check_foreign_key(x, t->constraints[j]);
	}
	if (x->d == RT_SQLITE) {
		/* Enums live on as CHECKs; SQLite has no enum type to create. */
		x->m->nenums = 0;
		rt_model *m = x->m;
		m->by_name = rt_map_new(m->arena);
		for (size_t i = 0; i < m->ntables; i++)
			rt_map_put(m->by_name, m->tables[i]->obj.name, m->tables[i]);
		for (size_t i = 0; i < m->nviews; i++)
			rt_map_put(m->by_name, m->views[i]->obj.name, m->views[i]);
	}
	rt_model_sort(x->m);
}

