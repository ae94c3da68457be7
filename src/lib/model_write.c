/*
 * model_write.c: the model writer, rt_model_write_xml (see model_xml.h).
 *
 * Everything is written explicitly (names of every constraint and index,
 * schemas, nullability), so the file reads back to the same model whatever
 * naming convention or default schema is in force. A type the parser would
 * map to different text is written as native-type, so it is kept verbatim.
 */
#include "model_xml.h"

#include <string.h>

#include "typemap.h"

/* Appends s escaped for an attribute value or element text: &, <, >, "
 * and the white space that attribute normalisation would turn into
 * spaces. */
static void
put_escaped(rt_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': rt_buf_puts(b, "&amp;"); break;
		case '<': rt_buf_puts(b, "&lt;"); break;
		case '>': rt_buf_puts(b, "&gt;"); break;
		case '"': rt_buf_puts(b, "&quot;"); break;
		case '\n': rt_buf_puts(b, "&#10;"); break;
		case '\r': rt_buf_puts(b, "&#13;"); break;
		case '\t': rt_buf_puts(b, "&#9;"); break;
		default: rt_buf_putc(b, *s); break;
		}
	}
}

/* Appends ` key="value"` when value is not NULL. */
static void
put_attr(rt_buf *b, const char *key, const char *value)
{
	if (!value)
		return;
	rt_buf_printf(b, " %s=\"", key);
	put_escaped(b, value);
	rt_buf_putc(b, '"');
}

/* Appends ` key="a, b"` when the list is not empty. */
static void
put_list(rt_buf *b, const char *key, const rt_strv *sv)
{
	if (!sv->n)
		return;
	rt_buf_printf(b, " %s=\"", key);
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			rt_buf_puts(b, ", ");
		put_escaped(b, sv->v[i]);
	}
	rt_buf_putc(b, '"');
}

/* Appends the attributes every named object has. */
static void
put_object(rt_buf *b, const rt_object *o)
{
	put_attr(b, "name", o->name);
	put_attr(b, "schema", o->schema);
	put_attr(b, "was", o->was);
	put_attr(b, "comment", o->comment);
}

/* The on-delete/on-update value of an action, or NULL for the default. */
static const char *
action_word(rt_fk_action a)
{
	switch (a) {
	case RT_FK_RESTRICT: return "restrict";
	case RT_FK_CASCADE: return "cascade";
	case RT_FK_SET_NULL: return "set null";
	case RT_FK_SET_DEFAULT: return "set default";
	default: return NULL;
	}
}

/* True when the parser reads type back as the same text for table t. */
static bool
type_round_trips(rt_arena *a, const rt_model *m, const rt_column *c)
{
	rt_type_info ti;
	if (rt_type_parse(a, c->type, &ti))
		return false;
	if (ti.id == RT_TYPE_OTHER)
		return !ti.array && rt_type_is_known_native(ti.base) &&
		       !rt_model_find(m, c->table->obj.schema, ti.base);
	const char *mapped = rt_type_sql(a, &ti, m->dialect, c->table->strict);
	return strcmp(mapped, c->type) == 0;
}

/* Writes a <column>: a type the parser would read back differently as
 * native-type, an enum by its name. */
static void
write_column(rt_arena *a, const rt_model *m, const rt_column *c, rt_buf *b)
{
	rt_buf_puts(b, "    <column");
	put_attr(b, "name", c->obj.name);
	if (c->enum_type) {
		const rt_enum *e = c->enum_type;
		bool same = !e->obj.schema || !c->table->obj.schema ||
		            strcmp(e->obj.schema, c->table->obj.schema) == 0;
		const char *t = same ? e->obj.name
		                     : rt_sprintf(a, "%s.%s", e->obj.schema, e->obj.name);
		if (strchr(c->type, '['))
			t = rt_sprintf(a, "%s[]", t);
		put_attr(b, "type", t);
	} else if (type_round_trips(a, m, c)) {
		put_attr(b, "type", c->type);
	} else {
		put_attr(b, "native-type", c->type);
	}
	if (!c->nullable)
		rt_buf_puts(b, " nullable=\"false\"");
	put_attr(b, "default", c->default_expr);
	if (c->identity)
		put_attr(b, "identity", c->identity == RT_IDENTITY_ALWAYS
		                            ? "always" : "by-default");
	if (c->autoincrement)
		rt_buf_puts(b, " autoincrement=\"true\"");
	put_attr(b, "collation", c->collation);
	put_attr(b, "was", c->obj.was);
	put_attr(b, "comment", c->obj.comment);
	rt_buf_puts(b, "/>\n");
}

/* Writes a primary key, unique constraint, foreign key or check. */
static void
write_constraint(rt_arena *a, const rt_constraint *c, rt_buf *b)
{
	static const char *const tags[] = {
		[RT_PRIMARY_KEY] = "primary-key", [RT_UNIQUE] = "unique",
		[RT_FOREIGN_KEY] = "foreign-key", [RT_CHECK] = "check",
	};
	rt_buf_printf(b, "    <%s", tags[c->obj.kind]);
	put_attr(b, "name", c->obj.name);
	put_list(b, "columns", &c->columns);
	if (c->obj.kind == RT_FOREIGN_KEY) {
		rt_buf ref = RT_BUF_INIT;
		if (c->ref_schema)
			rt_buf_printf(&ref, "%s.", c->ref_schema);
		rt_buf_puts(&ref, c->ref_table);
		if (c->ref_columns.n)
			rt_buf_printf(&ref, "(%s)", rt_strv_join(a, &c->ref_columns, ", "));
		put_attr(b, "references", rt_buf_cstr(&ref));
		rt_buf_free(&ref);
		put_attr(b, "on-delete", action_word(c->on_delete));
		put_attr(b, "on-update", action_word(c->on_update));
		if (c->deferrable)
			rt_buf_puts(b, " deferrable=\"true\"");
		if (c->initially_deferred)
			rt_buf_puts(b, " initially-deferred=\"true\"");
	}
	put_attr(b, "expression", c->expression);
	put_attr(b, "comment", c->obj.comment);
	rt_buf_puts(b, "/>\n");
}

/* True when the keys of ix can be said in a columns="..." attribute. */
static bool
simple_keys(const rt_index *ix)
{
	for (size_t i = 0; i < ix->nelems; i++) {
		const rt_index_elem *e = &ix->elems[i];
		if (!e->column || e->collation || e->opclass ||
		    strpbrk(e->column, ", \t\n\r") || !*e->column)
			return false;
	}
	return ix->nelems > 0;
}

/* Writes an <index>: columns= when every key is a plain column,
 * expression= for one bare expression, <key> elements otherwise. */
static void
write_index(const rt_index *ix, rt_buf *b)
{
	rt_buf_puts(b, "    <index");
	put_attr(b, "name", ix->obj.name);
	bool simple = simple_keys(ix);
	bool one_expr = !simple && ix->nelems == 1 && ix->elems[0].expression &&
	                !ix->elems[0].desc && !ix->elems[0].nulls &&
	                !ix->elems[0].collation && !ix->elems[0].opclass;
	if (simple) {
		rt_buf_puts(b, " columns=\"");
		for (size_t i = 0; i < ix->nelems; i++) {
			const rt_index_elem *e = &ix->elems[i];
			if (i)
				rt_buf_puts(b, ", ");
			put_escaped(b, e->column);
			if (e->desc)
				rt_buf_puts(b, " DESC");
			if (e->nulls)
				rt_buf_puts(b, e->nulls == RT_NULLS_FIRST ? " NULLS FIRST"
				                                          : " NULLS LAST");
		}
		rt_buf_putc(b, '"');
	} else if (one_expr) {
		put_attr(b, "expression", ix->elems[0].expression);
	}
	if (ix->unique)
		rt_buf_puts(b, " unique=\"true\"");
	put_attr(b, "where", ix->where);
	put_attr(b, "method", ix->method);
	put_list(b, "include", &ix->include);
	put_attr(b, "comment", ix->obj.comment);
	if (simple || one_expr) {
		rt_buf_puts(b, "/>\n");
		return;
	}
	rt_buf_puts(b, ">\n");
	for (size_t i = 0; i < ix->nelems; i++) {
		const rt_index_elem *e = &ix->elems[i];
		rt_buf_puts(b, "      <key");
		put_attr(b, "column", e->column);
		put_attr(b, "expression", e->column ? NULL : e->expression);
		if (e->desc)
			rt_buf_puts(b, " order=\"desc\"");
		if (e->nulls)
			put_attr(b, "nulls", e->nulls == RT_NULLS_FIRST ? "first" : "last");
		put_attr(b, "collation", e->collation);
		put_attr(b, "opclass", e->opclass);
		rt_buf_puts(b, "/>\n");
	}
	rt_buf_puts(b, "    </index>\n");
}

/* True when the values can be said in a values="a, b" attribute. */
static bool
simple_values(const rt_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++) {
		const char *v = sv->v[i];
		size_t n = strlen(v);
		if (!n || strchr(v, ',') || strpbrk(v, "\t\n\r") || v[0] == ' ' ||
		    v[n - 1] == ' ')
			return false;
	}
	return true;
}

void
rt_model_write_xml(const rt_model *m, rt_buf *out)
{
	rt_arena *a = rt_arena_new();
	rt_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                 "<model version=\"1\">\n");
	for (size_t i = 0; i < m->nenums; i++) {
		const rt_enum *e = m->enums[i];
		rt_buf_puts(out, "  <enum");
		put_object(out, &e->obj);
		if (simple_values(&e->values)) {
			put_list(out, "values", &e->values);
			rt_buf_puts(out, "/>\n");
			continue;
		}
		rt_buf_puts(out, ">\n");
		for (size_t j = 0; j < e->values.n; j++) {
			rt_buf_puts(out, "    <value>");
			put_escaped(out, e->values.v[j]);
			rt_buf_puts(out, "</value>\n");
		}
		rt_buf_puts(out, "  </enum>\n");
	}
	for (size_t i = 0; i < m->ntables; i++) {
		const rt_table *t = m->tables[i];
		rt_buf_puts(out, "  <table");
		put_object(out, &t->obj);
		if (t->strict)
			rt_buf_puts(out, " strict=\"true\"");
		if (t->without_rowid)
			rt_buf_puts(out, " without-rowid=\"true\"");
		rt_buf_puts(out, ">\n");
		for (size_t j = 0; j < t->ncolumns; j++)
			write_column(a, m, t->columns[j], out);
		if (t->primary_key)
			write_constraint(a, t->primary_key, out);
		for (size_t j = 0; j < t->nconstraints; j++)
			write_constraint(a, t->constraints[j], out);
		for (size_t j = 0; j < t->nindexes; j++)
			write_index(t->indexes[j], out);
		rt_buf_puts(out, "  </table>\n");
	}
	for (size_t i = 0; i < m->nviews; i++) {
		const rt_view *v = m->views[i];
		rt_buf_puts(out, "  <view");
		put_object(out, &v->obj);
		rt_buf_puts(out, ">\n    ");
		put_escaped(out, v->query ? v->query : "");
		rt_buf_puts(out, "\n  </view>\n");
	}
	rt_buf_puts(out, "</model>\n");
	rt_arena_free(a);
}
