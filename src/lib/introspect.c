/* introspect.c: see introspect.h. The dialect-independent part. */
#include "introspect.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "naming.h"

int
rt_introspect(rt_conn *c, const rt_introspect_opts *o, rt_model **out,
              rt_err *err)
{
	static const rt_introspect_opts none;
	if (!o)
		o = &none;
	if (rt_conn_dialect(c) == RT_POSTGRES)
		return rt_introspect_pg(c, o, out, err);
	return rt_introspect_sqlite(c, o, out, err);
}

void
rt_introspect_opts_from_config(rt_arena *a, const rt_config *cfg,
                               rt_introspect_opts *o)
{
	memset(o, 0, sizeof(*o));
	/* The default schema first: the introspector names objects relative
	 * to it. */
	const char *def = cfg->default_schema;
	if (def && rt_strv_contains(&cfg->include_schemas, def))
		rt_strv_push(a, &o->schemas, def);
	for (size_t i = 0; i < cfg->include_schemas.n; i++)
		if (!def || strcmp(cfg->include_schemas.v[i], def) != 0)
			rt_strv_push(a, &o->schemas, cfg->include_schemas.v[i]);
	if (!o->schemas.n && cfg->default_schema)
		rt_strv_push(a, &o->schemas, cfg->default_schema);
	for (size_t i = 0; i < cfg->exclude_tables.n; i++)
		rt_strv_push(a, &o->exclude, cfg->exclude_tables.v[i]);
	const char *own[] = { cfg->version_table, cfg->history_table,
	                      cfg->lock_table };
	for (size_t i = 0; i < RT_ARRAY_LEN(own); i++)
		if (own[i] && *own[i])
			rt_strv_push(a, &o->exclude, own[i]);
}

bool
rt_introspect_excluded(const rt_introspect_opts *o, const char *schema,
                       const char *name)
{
	char qname[600];
	bool have_q = false;
	if (schema && *schema) {
		int n = snprintf(qname, sizeof(qname), "%s.%s", schema, name);
		have_q = n > 0 && (size_t)n < sizeof(qname);
	}
	for (size_t i = 0; i < o->exclude.n; i++) {
		if (rt_glob_match(o->exclude.v[i], name))
			return true;
		if (have_q && rt_glob_match(o->exclude.v[i], qname))
			return true;
	}
	return false;
}

void
rt_introspect_warn(rt_model *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = rt_vsprintf(m->arena, fmt, ap);
	va_end(ap);
	rt_strv_push(m->arena, &m->warnings, s);
}

const char *
rt_introspect_default_name(rt_arena *a, rt_kind kind, const char *table,
                           const rt_strv *columns, const char *ref_table)
{
	const rt_naming *n = rt_naming_default();
	rt_naming_vars v = { 0 };
	v.table = table;
	v.columns = columns && columns->n ? rt_strv_join(a, columns, "_") : "";
	v.column0 = columns && columns->n ? columns->v[0] : "";
	v.ref_table = ref_table;
	const char *tmpl;
	switch (kind) {
	case RT_PRIMARY_KEY: tmpl = n->primary_key; break;
	case RT_UNIQUE: tmpl = n->unique; break;
	case RT_FOREIGN_KEY: tmpl = n->foreign_key; break;
	case RT_INDEX: tmpl = n->index; break;
	default:
		tmpl = n->check;
		v.name = *v.columns ? v.columns : "check";
		break;
	}
	return rt_naming_expand(a, tmpl, &v);
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

void
rt_introspect_finish(rt_model *m)
{
	for (size_t i = 0; i < m->nviews; i++) {
		rt_strv *d = &m->views[i]->depends;
		if (d->n > 1)
			qsort(d->v, d->n, sizeof(*d->v), cmp_str);
	}
	rt_model_sort(m);
}
