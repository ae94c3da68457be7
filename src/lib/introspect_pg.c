/*
 * introspect_pg.c: the PostgreSQL catalog read into the model.
 *
 * Everything comes from pg_catalog (never information_schema), one query
 * per kind of object for the whole schema set, in the manner of pg_dump's
 * getTables/getIndexes: the relations, their columns, their constraints,
 * the indexes that back no constraint (one row per key), the enums with
 * their values in order, and the relations each view reads. With the
 * statements that set and restore search_path, eight statements whatever
 * the number of tables.
 *
 * Objects that belong to an extension (pg_buffercache's view, PostGIS's
 * spatial_ref_sys) are CREATE EXTENSION's to make: they are not read.
 *
 * The text of types, defaults, checks, predicates and views is what the
 * server prints (format_type, pg_get_expr, pg_get_constraintdef,
 * pg_get_indexdef, pg_get_viewdef), with search_path set to the first
 * schema read (the default schema), so the text does not depend on the
 * role's settings and names of other schemas come out qualified.
 */
#include "introspect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote.h"

/* The schemas as one text[] literal: {"public","my \"app\""}. */
static const char *
array_literal(rt_arena *a, const rt_strv *sv)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_putc(&b, '{');
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			rt_buf_putc(&b, ',');
		rt_buf_putc(&b, '"');
		for (const char *p = sv->v[i]; *p; p++) {
			if (*p == '"' || *p == '\\')
				rt_buf_putc(&b, '\\');
			rt_buf_putc(&b, *p);
		}
		rt_buf_putc(&b, '"');
	}
	rt_buf_putc(&b, '}');
	const char *s = rt_strdup(a, rt_buf_cstr(&b));
	rt_buf_free(&b);
	return s;
}

/* Parses the text form of a one-dimensional text[] ({a,"b c"}) into out,
 * copying into a. */
static void
parse_array(rt_arena *a, const char *s, rt_strv *out)
{
	if (!s || *s != '{')
		return;
	s++;
	rt_buf b = RT_BUF_INIT;
	while (*s && *s != '}') {
		rt_buf_clear(&b);
		if (*s == '"') {
			s++;
			while (*s && *s != '"') {
				if (*s == '\\' && s[1])
					s++;
				rt_buf_putc(&b, *s++);
			}
			if (*s == '"')
				s++;
		} else {
			while (*s && *s != ',' && *s != '}')
				rt_buf_putc(&b, *s++);
		}
		rt_strv_push(a, out, rt_strdup(a, rt_buf_cstr(&b)));
		if (*s == ',')
			s++;
	}
	rt_buf_free(&b);
}

static rt_fk_action
fk_action(const char *c)
{
	switch (c ? *c : 'a') {
	case 'r': return RT_FK_RESTRICT;
	case 'c': return RT_FK_CASCADE;
	case 'n': return RT_FK_SET_NULL;
	case 'd': return RT_FK_SET_DEFAULT;
	default: return RT_FK_NO_ACTION;
	}
}

static bool
is_true(const char *v)
{
	return v && (strcmp(v, "t") == 0 || strcmp(v, "true") == 0);
}

/* The boolean expression of "CHECK (expr)[ NOT VALID][ NO INHERIT]". */
static const char *
check_expression(rt_arena *a, const char *def)
{
	size_t n = strlen(def);
	static const char *const tails[] = { " NO INHERIT", " NOT VALID" };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < RT_ARRAY_LEN(tails); i++) {
			size_t tn = strlen(tails[i]);
			if (n >= tn && strncmp(def + n - tn, tails[i], tn) == 0)
				n -= tn;
		}
	if (n >= 8 && strncmp(def, "CHECK (", 7) == 0 && def[n - 1] == ')')
		return rt_strndup(a, def + 7, n - 8);
	return rt_strndup(a, def, n);
}

/* Rows of one catalog query, with the schemas as $1; the message names
 * the database. */
static int
query(rt_conn *c, rt_arena *a, const char *what, const char *sql,
      const char *schemas, rt_rows *out, rt_err *err)
{
	const char *params[] = { schemas };
	int rc = rt_conn_query(c, a, sql, 1, params, out, err);
	if (rc != RETORT_OK)
		rt_err_prefix(err, "reading the %s of %s: ", what, c->display);
	return rc;
}

/* search_path while reading ($2); the schemas the config names that do not
 * exist come back as the third column, those the role may not use (which
 * search_path would skip) as the fourth. */
static const char q_path[] =
	"SELECT current_setting('search_path'), set_config('search_path', $2, false), "
	"ARRAY(SELECT s FROM unnest($1::text[]) s WHERE NOT EXISTS "
	"(SELECT 1 FROM pg_namespace WHERE nspname = s)), "
	"ARRAY(SELECT nspname FROM pg_namespace WHERE nspname = ANY ($1::text[]) "
	"AND NOT has_schema_privilege(oid, 'USAGE') ORDER BY 1)";

static const char q_relations[] =
	"SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, "
	"c.relispartition, EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid), "
	"obj_description(c.oid, 'pg_class'), "
	"CASE WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid, true) END, "
	"c.relrowsecurity, "
	"EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal), "
	"array_to_string(c.reloptions, ', ') "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
	"AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass "
	"AND x.objid = c.oid AND x.deptype = 'e') "
	"ORDER BY n.nspname, c.relname";

/* A type defined outside pg_catalog is named by its schema unless that is
 * the table's; arrays of such types get []. */
static const char q_columns[] =
	"SELECT a.attrelid, a.attname, "
	"CASE WHEN btn.nspname = 'pg_catalog' OR a.atttypmod <> -1 "
	"THEN format_type(a.atttypid, a.atttypmod) "
	"ELSE CASE WHEN btn.nspname = n.nspname THEN '' ELSE quote_ident(btn.nspname) || '.' END "
	"|| quote_ident(bt.typname) || CASE WHEN bt.oid <> t.oid THEN '[]' ELSE '' END END, "
	"a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
	"CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN "
	"CASE WHEN cn.nspname = 'pg_catalog' THEN '' ELSE cn.nspname || '.' END "
	"|| co.collname END, "
	"col_description(a.attrelid, a.attnum), bt.typtype, btn.nspname, bt.typname "
	"FROM pg_attribute a "
	"JOIN pg_class c ON c.oid = a.attrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"JOIN pg_type t ON t.oid = a.atttypid "
	"JOIN pg_type bt ON bt.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 "
	"THEN t.typelem ELSE t.oid END "
	"JOIN pg_namespace btn ON btn.oid = bt.typnamespace "
	"LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
	"LEFT JOIN pg_collation co ON co.oid = a.attcollation "
	"LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace "
	"WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p') "
	"AND a.attnum > 0 AND NOT a.attisdropped "
	"ORDER BY a.attrelid, a.attnum";

static const char q_constraints[] =
	"SELECT con.conrelid, con.conname, con.contype, "
	"ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i) "
	"JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i)::text[], "
	"rn.nspname, rc.relname, "
	"ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i) "
	"JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[], "
	"con.confupdtype, con.confdeltype, con.confmatchtype, con.condeferrable, "
	"con.condeferred, con.convalidated, con.connoinherit, "
	"pg_get_constraintdef(con.oid, true), obj_description(con.oid, 'pg_constraint'), "
	"(SELECT i.indnatts <> i.indnkeyatts FROM pg_index i WHERE i.indexrelid = con.conindid) "
	"FROM pg_constraint con "
	"JOIN pg_class c ON c.oid = con.conrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"LEFT JOIN pg_class rc ON rc.oid = con.confrelid "
	"LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
	"WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p') "
	"AND con.contype IN ('p', 'u', 'f', 'c', 'x') "
	"ORDER BY con.conrelid, con.conname";

/* One row per key (and INCLUDE column) of every index that backs no
 * constraint. indoption bit 0 is DESC, bit 1 NULLS FIRST. */
static const char q_indexes[] =
	"SELECT i.indrelid, ic.relname, k.n, i.indnkeyatts, i.indisunique, am.amname, "
	"pg_get_expr(i.indpred, i.indrelid, true), "
	"CASE WHEN i.indkey[k.n - 1] <> 0 THEN a.attname END, "
	"pg_get_indexdef(i.indexrelid, k.n::int, true), i.indoption[k.n - 1], "
	"CASE WHEN i.indcollation[k.n - 1] <> 0 AND "
	"i.indcollation[k.n - 1] <> coalesce(a.attcollation, 100) THEN "
	"CASE WHEN cn.nspname = 'pg_catalog' THEN '' ELSE cn.nspname || '.' END "
	"|| co.collname END, "
	"CASE WHEN NOT opc.opcdefault THEN "
	"CASE WHEN opn.nspname = 'pg_catalog' THEN '' ELSE opn.nspname || '.' END "
	"|| opc.opcname END, "
	"obj_description(i.indexrelid, 'pg_class'), i.indisvalid, n.nspname, c.relname "
	"FROM pg_index i "
	"JOIN pg_class ic ON ic.oid = i.indexrelid "
	"JOIN pg_class c ON c.oid = i.indrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"JOIN pg_am am ON am.oid = ic.relam "
	"CROSS JOIN LATERAL generate_series(1, i.indnatts) k(n) "
	"LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1] "
	"LEFT JOIN pg_opclass opc ON opc.oid = i.indclass[k.n - 1] "
	"LEFT JOIN pg_namespace opn ON opn.oid = opc.opcnamespace "
	"LEFT JOIN pg_collation co ON co.oid = i.indcollation[k.n - 1] "
	"LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace "
	"WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p') "
	"AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid "
	"AND x.conrelid = i.indrelid AND x.contype IN ('p', 'u', 'x')) "
	"ORDER BY i.indrelid, ic.relname, k.n";

static const char q_enums[] =
	"SELECT n.nspname, t.typname, e.enumlabel, obj_description(t.oid, 'pg_type') "
	"FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
	"LEFT JOIN pg_enum e ON e.enumtypid = t.oid "
	"WHERE t.typtype = 'e' AND n.nspname = ANY ($1::text[]) "
	"AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass "
	"AND x.objid = t.oid AND x.deptype = 'e') "
	"ORDER BY n.nspname, t.typname, e.enumsortorder";

static const char q_view_deps[] =
	"SELECT DISTINCT v.oid, dn.nspname, d.relname "
	"FROM pg_class v JOIN pg_namespace vn ON vn.oid = v.relnamespace "
	"JOIN pg_rewrite r ON r.ev_class = v.oid "
	"JOIN pg_depend dep ON dep.classid = 'pg_rewrite'::regclass "
	"AND dep.objid = r.oid AND dep.refclassid = 'pg_class'::regclass "
	"JOIN pg_class d ON d.oid = dep.refobjid "
	"JOIN pg_namespace dn ON dn.oid = d.relnamespace "
	"WHERE vn.nspname = ANY ($1::text[]) AND v.relkind = 'v' AND d.oid <> v.oid "
	"ORDER BY 1, 2, 3";

/* pg_get_viewdef's text without its leading white space and final ';'. */
static const char *
view_query(rt_arena *a, const char *def)
{
	if (!def)
		return "";
	while (*def == ' ' || *def == '\n')
		def++;
	size_t n = strlen(def);
	while (n && (def[n - 1] == ';' || def[n - 1] == ' ' || def[n - 1] == '\n'))
		n--;
	return rt_strndup(a, def, n);
}

/* Reads the relations: tables and views into the model (by oid in rels),
 * the rest into warnings. */
static void
add_relations(rt_model *m, const rt_introspect_opts *o, const rt_rows *r,
              rt_map *rels)
{
	for (size_t i = 0; i < r->nrows; i++) {
		const char *oid = rt_rows_get(r, i, 0), *nsp = rt_rows_get(r, i, 1);
		const char *name = rt_rows_get(r, i, 2), *kind = rt_rows_get(r, i, 3);
		if (rt_introspect_excluded(o, nsp, name))
			continue;
		const char *comment = rt_rows_get(r, i, 7);
		const char *opts = rt_rows_get(r, i, 11);
		switch (*kind) {
		case 'v': {
			rt_view *v = rt_model_add_view(m, nsp, name);
			v->query = view_query(m->arena, rt_rows_get(r, i, 8));
			v->obj.comment = rt_strdup(m->arena, comment);
			rt_map_put(rels, oid, v);
			if (opts && *opts)
				rt_introspect_warn(m, "view \"%s.%s\": its options (%s) can't be expressed in the model; read without them",
				                   nsp, name, opts);
			continue;
		}
		case 'm':
			rt_introspect_warn(m, "materialized view \"%s.%s\": materialized views can't be expressed in the model; left out",
			                   nsp, name);
			continue;
		case 'f':
			rt_introspect_warn(m, "foreign table \"%s.%s\": foreign tables can't be expressed in the model; left out",
			                   nsp, name);
			continue;
		}
		if (is_true(rt_rows_get(r, i, 5))) {
			rt_introspect_warn(m, "table \"%s.%s\": a partition can't be expressed in the model; left out (its partitioned table is read)",
			                   nsp, name);
			continue;
		}
		rt_table *t = rt_model_add_table(m, nsp, name);
		t->obj.comment = rt_strdup(m->arena, comment);
		rt_map_put(rels, oid, t);
		if (*kind == 'p')
			rt_introspect_warn(m, "table \"%s.%s\": partitioning can't be expressed in the model; read as a plain table",
			                   nsp, name);
		if (is_true(rt_rows_get(r, i, 6)))
			rt_introspect_warn(m, "table \"%s.%s\": table inheritance can't be expressed in the model; read as a plain table with all its columns",
			                   nsp, name);
		const char *pers = rt_rows_get(r, i, 4);
		if (pers && *pers == 'u')
			rt_introspect_warn(m, "table \"%s.%s\": UNLOGGED can't be expressed in the model; read as a logged table",
			                   nsp, name);
		if (is_true(rt_rows_get(r, i, 9)))
			rt_introspect_warn(m, "table \"%s.%s\": row-level security can't be expressed in the model; its policies are left alone",
			                   nsp, name);
		if (is_true(rt_rows_get(r, i, 10)))
			rt_introspect_warn(m, "table \"%s.%s\": its triggers can't be expressed in the model; they are left alone",
			                   nsp, name);
		if (opts && *opts)
			rt_introspect_warn(m, "table \"%s.%s\": its storage parameters (%s) can't be expressed in the model; the database keeps them",
			                   nsp, name, opts);
	}
}

static void
add_columns(rt_model *m, const rt_rows *r, rt_map *rels)
{
	for (size_t i = 0; i < r->nrows; i++) {
		rt_object *obj = rt_map_get(rels, rt_rows_get(r, i, 0));
		if (!obj || obj->kind != RT_TABLE)
			continue;
		rt_table *t = (rt_table *)obj;
		rt_column *c = rt_table_add_column(m, t, rt_rows_get(r, i, 1),
		                                   rt_rows_get(r, i, 2));
		c->nullable = !is_true(rt_rows_get(r, i, 3));
		c->default_expr = rt_strdup(m->arena, rt_rows_get(r, i, 4));
		const char *ident = rt_rows_get(r, i, 5);
		if (ident && *ident == 'a')
			c->identity = RT_IDENTITY_ALWAYS;
		else if (ident && *ident == 'd')
			c->identity = RT_IDENTITY_BY_DEFAULT;
		const char *gen = rt_rows_get(r, i, 6);
		if (gen && *gen) {
			rt_introspect_warn(m, "table \"%s.%s\", column \"%s\": a generated column (GENERATED ALWAYS AS (%s) STORED) can't be expressed in the model; read as a plain column",
			                   t->obj.schema, t->obj.name, c->obj.name,
			                   c->default_expr ? c->default_expr : "");
			c->default_expr = NULL;
		}
		c->collation = rt_strdup(m->arena, rt_rows_get(r, i, 7));
		c->obj.comment = rt_strdup(m->arena, rt_rows_get(r, i, 8));
		const char *typtype = rt_rows_get(r, i, 9);
		if (typtype && *typtype == 'e') {
			rt_object *e = rt_model_find(m, rt_rows_get(r, i, 10),
			                             rt_rows_get(r, i, 11));
			if (e && e->kind == RT_ENUM)
				c->enum_type = (const rt_enum *)e;
		}
	}
}

static void
add_constraints(rt_model *m, rt_arena *a, const rt_rows *r, rt_map *rels)
{
	for (size_t i = 0; i < r->nrows; i++) {
		rt_object *obj = rt_map_get(rels, rt_rows_get(r, i, 0));
		if (!obj || obj->kind != RT_TABLE)
			continue;
		rt_table *t = (rt_table *)obj;
		const char *name = rt_rows_get(r, i, 1);
		char type = *rt_rows_get(r, i, 2);
		const char *def = rt_rows_get(r, i, 14) ? rt_rows_get(r, i, 14) : "";
		if (type == 'x') {
			rt_introspect_warn(m, "table \"%s.%s\": exclusion constraint \"%s\" (%s) can't be expressed in the model; left out (the database keeps it)",
			                   t->obj.schema, t->obj.name, name, def);
			continue;
		}
		rt_kind kind = type == 'p'   ? RT_PRIMARY_KEY
		               : type == 'u' ? RT_UNIQUE
		               : type == 'f' ? RT_FOREIGN_KEY
		                             : RT_CHECK;
		rt_constraint *c = rt_table_add_constraint(m, t, kind, name);
		if (kind != RT_CHECK)
			parse_array(m->arena, rt_rows_get(r, i, 3), &c->columns);
		c->obj.comment = rt_strdup(m->arena, rt_rows_get(r, i, 15));
		bool deferrable = is_true(rt_rows_get(r, i, 10));
		if (kind == RT_FOREIGN_KEY) {
			c->ref_schema = rt_strdup(m->arena, rt_rows_get(r, i, 4));
			c->ref_table = rt_strdup(m->arena, rt_rows_get(r, i, 5));
			parse_array(m->arena, rt_rows_get(r, i, 6), &c->ref_columns);
			c->on_update = fk_action(rt_rows_get(r, i, 7));
			c->on_delete = fk_action(rt_rows_get(r, i, 8));
			c->deferrable = deferrable;
			c->initially_deferred = is_true(rt_rows_get(r, i, 11));
			const char *match = rt_rows_get(r, i, 9);
			if (match && *match != 's')
				rt_introspect_warn(m, "table \"%s.%s\", foreign key \"%s\": MATCH %s can't be expressed in the model; read as MATCH SIMPLE",
				                   t->obj.schema, t->obj.name, name,
				                   *match == 'f' ? "FULL" : "PARTIAL");
		} else if (kind == RT_CHECK) {
			c->expression = check_expression(m->arena, def);
			if (is_true(rt_rows_get(r, i, 13)))
				rt_introspect_warn(m, "table \"%s.%s\", check constraint \"%s\": NO INHERIT can't be expressed in the model",
				                   t->obj.schema, t->obj.name, name);
		} else {
			if (deferrable)
				rt_introspect_warn(m, "table \"%s.%s\", %s \"%s\": DEFERRABLE can't be expressed in the model for this kind of constraint",
				                   t->obj.schema, t->obj.name, rt_kind_name(kind), name);
			if (is_true(rt_rows_get(r, i, 16)))
				rt_introspect_warn(m, "table \"%s.%s\", %s \"%s\": its INCLUDE columns can't be expressed in the model; read without them",
				                   t->obj.schema, t->obj.name, rt_kind_name(kind), name);
			if (strstr(def, "NULLS NOT DISTINCT"))
				rt_introspect_warn(m, "table \"%s.%s\", %s \"%s\": NULLS NOT DISTINCT can't be expressed in the model",
				                   t->obj.schema, t->obj.name, rt_kind_name(kind), name);
		}
		if (!is_true(rt_rows_get(r, i, 12)))
			rt_introspect_warn(m, "table \"%s.%s\", %s \"%s\": NOT VALID can't be expressed in the model; read as a valid constraint",
			                   t->obj.schema, t->obj.name, rt_kind_name(kind), name);
	}
	(void)a;
}

static void
add_indexes(rt_model *m, const rt_rows *r, rt_map *rels)
{
	rt_index *ix = NULL;
	const char *cur_rel = NULL, *cur_name = NULL;
	for (size_t i = 0; i < r->nrows; i++) {
		const char *rel = rt_rows_get(r, i, 0), *name = rt_rows_get(r, i, 1);
		rt_object *obj = rt_map_get(rels, rel);
		if (!obj || obj->kind != RT_TABLE)
			continue;
		rt_table *t = (rt_table *)obj;
		if (!ix || strcmp(rel, cur_rel) != 0 || strcmp(name, cur_name) != 0) {
			ix = rt_table_add_index(m, t, name);
			cur_rel = rel;
			cur_name = name;
			ix->unique = is_true(rt_rows_get(r, i, 4));
			const char *am = rt_rows_get(r, i, 5);
			if (am && strcmp(am, "btree") != 0)
				ix->method = rt_strdup(m->arena, am);
			ix->where = rt_strdup(m->arena, rt_rows_get(r, i, 6));
			ix->obj.comment = rt_strdup(m->arena, rt_rows_get(r, i, 12));
			if (!is_true(rt_rows_get(r, i, 13)))
				rt_introspect_warn(m, "table \"%s.%s\", index \"%s\": the index is invalid (a failed CREATE INDEX CONCURRENTLY?); read as if valid",
				                   t->obj.schema, t->obj.name, name);
		}
		int k = atoi(rt_rows_get(r, i, 2));
		int nkey = atoi(rt_rows_get(r, i, 3));
		const char *col = rt_rows_get(r, i, 7);
		if (k > nkey) {
			rt_strv_push(m->arena, &ix->include,
			             rt_strdup(m->arena, col ? col : rt_rows_get(r, i, 8)));
			continue;
		}
		rt_index_elem *e = rt_index_add_elem(m, ix);
		if (col)
			e->column = rt_strdup(m->arena, col);
		else
			e->expression = rt_strdup(m->arena, rt_rows_get(r, i, 8));
		int opt = rt_rows_get(r, i, 9) ? atoi(rt_rows_get(r, i, 9)) : 0;
		e->desc = opt & 1;
		if (e->desc && !(opt & 2))
			e->nulls = RT_NULLS_LAST;
		else if (!e->desc && (opt & 2))
			e->nulls = RT_NULLS_FIRST;
		e->collation = rt_strdup(m->arena, rt_rows_get(r, i, 10));
		e->opclass = rt_strdup(m->arena, rt_rows_get(r, i, 11));
	}
}

int
rt_introspect_pg(rt_conn *c, const rt_introspect_opts *o, rt_model **out,
                 rt_err *err)
{
	rt_arena *a = rt_arena_new();
	rt_model *m = rt_model_new(RT_POSTGRES);
	rt_map *rels = rt_map_new(a);
	rt_strv schemas = o->schemas;
	if (!schemas.n)
		rt_strv_push(a, &schemas, "public");
	const char *arr = array_literal(a, &schemas);
	/* search_path is the first schema alone (the default schema): names
	 * of every other schema come out qualified in expressions, so they
	 * still mean the same run with an ordinary search_path. */
	rt_buf path = RT_BUF_INIT;
	rt_quote_ident(&path, schemas.v[0], RT_POSTGRES);
	const char *old_path = NULL;
	rt_rows r;
	int rc;

	const char *pp[] = { arr, rt_buf_cstr(&path) };
	rc = rt_conn_query(c, a, q_path, 2, pp, &r, err);
	if (rc != RETORT_OK) {
		rt_err_prefix(err, "reading the schema of %s: ", c->display);
		goto out;
	}
	old_path = rt_rows_get(&r, 0, 0);
	rt_strv missing = { 0 };
	parse_array(a, rt_rows_get(&r, 0, 2), &missing);
	for (size_t i = 0; i < missing.n; i++)
		rt_introspect_warn(m, "schema \"%s\" does not exist: nothing read from it",
		                   missing.v[i]);
	rt_strv unusable = { 0 };
	parse_array(a, rt_rows_get(&r, 0, 3), &unusable);
	for (size_t i = 0; i < unusable.n; i++)
		if (strcmp(unusable.v[i], schemas.v[0]) == 0)
			rt_introspect_warn(m, "schema \"%s\": this role has no USAGE privilege on it, so its objects come out schema-qualified in expressions (defaults, checks, views); run retort as a role that may use it",
			                   unusable.v[i]);

	/* Enums first: columns point at them. */
	if ((rc = query(c, a, "enums", q_enums, arr, &r, err)) != RETORT_OK)
		goto out;
	for (size_t i = 0; i < r.nrows; i++) {
		const char *nsp = rt_rows_get(&r, i, 0), *name = rt_rows_get(&r, i, 1);
		rt_object *e = rt_model_find(m, nsp, name);
		if (!e) {
			e = &rt_model_add_enum(m, nsp, name)->obj;
			e->comment = rt_strdup(m->arena, rt_rows_get(&r, i, 3));
		}
		if (rt_rows_get(&r, i, 2))
			rt_strv_push(m->arena, &((rt_enum *)e)->values,
			             rt_strdup(m->arena, rt_rows_get(&r, i, 2)));
	}
	if ((rc = query(c, a, "tables", q_relations, arr, &r, err)) != RETORT_OK)
		goto out;
	add_relations(m, o, &r, rels);
	if ((rc = query(c, a, "columns", q_columns, arr, &r, err)) != RETORT_OK)
		goto out;
	add_columns(m, &r, rels);
	if ((rc = query(c, a, "constraints", q_constraints, arr, &r, err)) != RETORT_OK)
		goto out;
	add_constraints(m, a, &r, rels);
	if ((rc = query(c, a, "indexes", q_indexes, arr, &r, err)) != RETORT_OK)
		goto out;
	add_indexes(m, &r, rels);
	if ((rc = query(c, a, "views", q_view_deps, arr, &r, err)) != RETORT_OK)
		goto out;
	for (size_t i = 0; i < r.nrows; i++) {
		rt_object *v = rt_map_get(rels, rt_rows_get(&r, i, 0));
		if (v && v->kind == RT_VIEW)
			rt_strv_push(m->arena, &((rt_view *)v)->depends,
			             rt_sprintf(m->arena, "%s.%s", rt_rows_get(&r, i, 1),
			                        rt_rows_get(&r, i, 2)));
	}
	rc = RETORT_OK;
out:
	if (old_path) {
		/* Put search_path back, even after a failure (unless the
		 * transaction is aborted, when its rollback does it). */
		rt_err e2 = RT_ERR_INIT;
		const char *rp[] = { arr, old_path };
		int rc2 = rt_conn_query(c, a, q_path, 2, rp, &r, &e2);
		if (rc == RETORT_OK && rc2 != RETORT_OK) {
			rt_err_move(err, &e2);
			rt_err_prefix(err, "restoring search_path on %s: ", c->display);
			rc = rc2;
		}
		rt_err_free(&e2);
	}
	rt_buf_free(&path);
	if (rc == RETORT_OK) {
		rt_introspect_finish(m);
		*out = m;
		m = NULL;
	}
	rt_model_free(m);
	rt_arena_free(a);
	return rc;
}
