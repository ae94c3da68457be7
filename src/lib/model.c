/* model.c: see model.h. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
rt_kind_name(rt_kind k)
{
	switch (k) {
	case RT_ENUM: return "enum";
	case RT_TABLE: return "table";
	case RT_VIEW: return "view";
	case RT_COLUMN: return "column";
	case RT_PRIMARY_KEY: return "primary key";
	case RT_UNIQUE: return "unique constraint";
	case RT_FOREIGN_KEY: return "foreign key";
	case RT_CHECK: return "check constraint";
	case RT_INDEX: return "index";
	}
	return "object";
}

const char *
rt_fk_action_sql(rt_fk_action a)
{
	switch (a) {
	case RT_FK_NO_ACTION: return "NO ACTION";
	case RT_FK_RESTRICT: return "RESTRICT";
	case RT_FK_CASCADE: return "CASCADE";
	case RT_FK_SET_NULL: return "SET NULL";
	case RT_FK_SET_DEFAULT: return "SET DEFAULT";
	}
	return "NO ACTION";
}

rt_model *
rt_model_new(rt_dialect d)
{
	rt_arena *a = rt_arena_new();
	rt_model *m = rt_new(a, rt_model);
	m->arena = a;
	m->dialect = d;
	m->by_name = rt_map_new(a);
	return m;
}

void
rt_model_free(rt_model *m)
{
	if (m)
		rt_arena_free(m->arena);
}

const char *
rt_model_key(rt_arena *a, const char *schema, const char *name)
{
	if (schema && *schema)
		return rt_sprintf(a, "%s.%s", schema, name);
	return name;
}

static void
init_obj(rt_model *m, rt_object *o, rt_kind kind, const char *schema,
         const char *name)
{
	o->kind = kind;
	o->schema = rt_strdup(m->arena, schema);
	o->name = rt_strdup(m->arena, name ? name : "");
}

rt_table *
rt_model_add_table(rt_model *m, const char *schema, const char *name)
{
	rt_table *t = rt_new(m->arena, rt_table);
	init_obj(m, &t->obj, RT_TABLE, schema, name);
	RT_PUSH(m->arena, m->tables, m->ntables, t);
	rt_map_put(m->by_name, rt_model_key(m->arena, schema, name), t);
	return t;
}

rt_enum *
rt_model_add_enum(rt_model *m, const char *schema, const char *name)
{
	rt_enum *e = rt_new(m->arena, rt_enum);
	init_obj(m, &e->obj, RT_ENUM, schema, name);
	RT_PUSH(m->arena, m->enums, m->nenums, e);
	rt_map_put(m->by_name, rt_model_key(m->arena, schema, name), e);
	return e;
}

rt_view *
rt_model_add_view(rt_model *m, const char *schema, const char *name)
{
	rt_view *v = rt_new(m->arena, rt_view);
	init_obj(m, &v->obj, RT_VIEW, schema, name);
	RT_PUSH(m->arena, m->views, m->nviews, v);
	rt_map_put(m->by_name, rt_model_key(m->arena, schema, name), v);
	return v;
}

rt_column *
rt_table_add_column(rt_model *m, rt_table *t, const char *name,
                    const char *type)
{
	rt_column *c = rt_new(m->arena, rt_column);
	init_obj(m, &c->obj, RT_COLUMN, t->obj.schema, name);
	c->table = t;
	c->type = rt_strdup(m->arena, type ? type : "");
	c->nullable = true;
	RT_PUSH(m->arena, t->columns, t->ncolumns, c);
	return c;
}

rt_constraint *
rt_table_add_constraint(rt_model *m, rt_table *t, rt_kind kind,
                        const char *name)
{
	rt_constraint *c = rt_new(m->arena, rt_constraint);
	init_obj(m, &c->obj, kind, t->obj.schema, name);
	c->table = t;
	if (kind == RT_PRIMARY_KEY)
		t->primary_key = c;
	else
		RT_PUSH(m->arena, t->constraints, t->nconstraints, c);
	return c;
}

rt_index *
rt_table_add_index(rt_model *m, rt_table *t, const char *name)
{
	rt_index *ix = rt_new(m->arena, rt_index);
	init_obj(m, &ix->obj, RT_INDEX, t->obj.schema, name);
	ix->table = t;
	RT_PUSH(m->arena, t->indexes, t->nindexes, ix);
	return ix;
}

rt_index_elem *
rt_index_add_elem(rt_model *m, rt_index *ix)
{
	rt_index_elem e;
	memset(&e, 0, sizeof(e));
	RT_PUSH(m->arena, ix->elems, ix->nelems, e);
	return &ix->elems[ix->nelems - 1];
}

rt_object *
rt_model_find(const rt_model *m, const char *schema, const char *name)
{
	char stack[512];
	const char *key = name;
	if (schema && *schema) {
		int n = snprintf(stack, sizeof(stack), "%s.%s", schema, name);
		if (n < 0 || (size_t)n >= sizeof(stack)) {
			/* Longer than any identifier pair: not in the model. */
			return NULL;
		}
		key = stack;
	}
	return rt_map_get(m->by_name, key);
}

rt_table *
rt_model_find_table(const rt_model *m, const char *schema, const char *name)
{
	rt_object *o = rt_model_find(m, schema, name);
	return o && o->kind == RT_TABLE ? (rt_table *)o : NULL;
}

rt_column *
rt_table_find_column(const rt_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncolumns; i++)
		if (strcmp(t->columns[i]->obj.name, name) == 0)
			return t->columns[i];
	return NULL;
}

static int
cmp_objects(const void *x, const void *y)
{
	const rt_object *a = *(const rt_object *const *)x;
	const rt_object *b = *(const rt_object *const *)y;
	int c = strcmp(a->schema ? a->schema : "", b->schema ? b->schema : "");
	return c ? c : strcmp(a->name, b->name);
}

static void
sort_ptrs(void *arr, size_t n)
{
	if (n > 1)
		qsort(arr, n, sizeof(void *), cmp_objects);
}

void
rt_model_sort(rt_model *m)
{
	sort_ptrs(m->enums, m->nenums);
	sort_ptrs(m->tables, m->ntables);
	sort_ptrs(m->views, m->nviews);
	for (size_t i = 0; i < m->ntables; i++) {
		rt_table *t = m->tables[i];
		sort_ptrs(t->constraints, t->nconstraints);
		sort_ptrs(t->indexes, t->nindexes);
	}
}

/* Dump helpers: every value printed with its key; NULL as "-". */
static void
put_str(rt_buf *b, const char *key, const char *v)
{
	if (!v)
		return;
	rt_buf_printf(b, " %s=", key);
	/* Quote so that spaces and newlines in expressions stay unambiguous. */
	rt_buf_putc(b, '"');
	for (const char *p = v; *p; p++) {
		if (*p == '"' || *p == '\\')
			rt_buf_putc(b, '\\');
		if (*p == '\n')
			rt_buf_puts(b, "\\n");
		else
			rt_buf_putc(b, *p);
	}
	rt_buf_putc(b, '"');
}

static void
put_list(rt_buf *b, const char *key, const rt_strv *sv)
{
	if (!sv->n)
		return;
	rt_buf_printf(b, " %s=(", key);
	for (size_t i = 0; i < sv->n; i++)
		rt_buf_printf(b, "%s%s", i ? "," : "", sv->v[i]);
	rt_buf_putc(b, ')');
}

static void
dump_constraint(const rt_constraint *c, rt_buf *b)
{
	rt_buf_printf(b, "  %s %s", rt_kind_name(c->obj.kind), c->obj.name);
	put_list(b, "columns", &c->columns);
	if (c->obj.kind == RT_FOREIGN_KEY) {
		put_str(b, "ref_schema", c->ref_schema);
		put_str(b, "ref_table", c->ref_table);
		put_list(b, "ref_columns", &c->ref_columns);
		rt_buf_printf(b, " on_delete=%s on_update=%s",
		              rt_fk_action_sql(c->on_delete),
		              rt_fk_action_sql(c->on_update));
		if (c->deferrable)
			rt_buf_printf(b, " deferrable%s",
			              c->initially_deferred ? " initially_deferred" : "");
	}
	put_str(b, "expression", c->expression);
	put_str(b, "comment", c->obj.comment);
	rt_buf_putc(b, '\n');
}

static void
dump_index(const rt_index *ix, rt_buf *b)
{
	rt_buf_printf(b, "  index %s%s (", ix->obj.name, ix->unique ? " unique" : "");
	for (size_t i = 0; i < ix->nelems; i++) {
		const rt_index_elem *e = &ix->elems[i];
		if (i)
			rt_buf_puts(b, ", ");
		if (e->column)
			rt_buf_puts(b, e->column);
		else
			put_str(b, "expr", e->expression);
		if (e->desc)
			rt_buf_puts(b, " DESC");
		if (e->nulls)
			rt_buf_puts(b, e->nulls == RT_NULLS_FIRST ? " NULLS FIRST"
			                                          : " NULLS LAST");
		put_str(b, "collate", e->collation);
		put_str(b, "opclass", e->opclass);
	}
	rt_buf_putc(b, ')');
	put_str(b, "method", ix->method);
	put_str(b, "where", ix->where);
	put_list(b, "include", &ix->include);
	put_str(b, "comment", ix->obj.comment);
	rt_buf_putc(b, '\n');
}

/* Sorted copies of pointer arrays, so dumping does not reorder the model. */
static void **
sorted(const void *arr, size_t n)
{
	void **copy = rt_xmalloc((n ? n : 1) * sizeof(void *));
	if (n)
		memcpy(copy, arr, n * sizeof(void *));
	sort_ptrs(copy, n);
	return copy;
}

void
rt_model_dump(const rt_model *m, rt_buf *b)
{
	void **enums = sorted(m->enums, m->nenums);
	for (size_t i = 0; i < m->nenums; i++) {
		const rt_enum *e = enums[i];
		rt_buf_printf(b, "enum %s%s%s", e->obj.schema ? e->obj.schema : "",
		              e->obj.schema ? "." : "", e->obj.name);
		put_list(b, "values", &e->values);
		put_str(b, "comment", e->obj.comment);
		rt_buf_putc(b, '\n');
	}
	free(enums);

	void **tables = sorted(m->tables, m->ntables);
	for (size_t i = 0; i < m->ntables; i++) {
		const rt_table *t = tables[i];
		rt_buf_printf(b, "table %s%s%s", t->obj.schema ? t->obj.schema : "",
		              t->obj.schema ? "." : "", t->obj.name);
		if (t->strict)
			rt_buf_puts(b, " strict");
		if (t->without_rowid)
			rt_buf_puts(b, " without_rowid");
		put_str(b, "comment", t->obj.comment);
		rt_buf_putc(b, '\n');
		for (size_t j = 0; j < t->ncolumns; j++) {
			const rt_column *c = t->columns[j];
			rt_buf_printf(b, "  column %s", c->obj.name);
			put_str(b, "type", c->type);
			rt_buf_puts(b, c->nullable ? " null" : " not_null");
			put_str(b, "default", c->default_expr);
			if (c->identity)
				rt_buf_puts(b, c->identity == RT_IDENTITY_ALWAYS
				                   ? " identity=always"
				                   : " identity=by_default");
			if (c->autoincrement)
				rt_buf_puts(b, " autoincrement");
			put_str(b, "collate", c->collation);
			put_str(b, "comment", c->obj.comment);
			rt_buf_putc(b, '\n');
		}
		if (t->primary_key)
			dump_constraint(t->primary_key, b);
		void **cons = sorted(t->constraints, t->nconstraints);
		for (size_t j = 0; j < t->nconstraints; j++)
			dump_constraint(cons[j], b);
		free(cons);
		void **ixs = sorted(t->indexes, t->nindexes);
		for (size_t j = 0; j < t->nindexes; j++)
			dump_index(ixs[j], b);
		free(ixs);
		for (size_t j = 0; j < t->triggers.n; j++)
			put_str(b, "  trigger", t->triggers.v[j]);
		if (t->triggers.n)
			rt_buf_putc(b, '\n');
	}
	free(tables);

	void **views = sorted(m->views, m->nviews);
	for (size_t i = 0; i < m->nviews; i++) {
		const rt_view *v = views[i];
		rt_buf_printf(b, "view %s%s%s", v->obj.schema ? v->obj.schema : "",
		              v->obj.schema ? "." : "", v->obj.name);
		put_str(b, "query", v->query);
		put_str(b, "comment", v->obj.comment);
		rt_buf_putc(b, '\n');
	}
	free(views);
}
