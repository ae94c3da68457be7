/* autogen.c: see autogen.h. */
#include "autogen.h"

#include <stdlib.h>
#include <string.h>

#include "ddl.h"
#include "diff.h"
#include "introspect.h"
#include "model_xml.h"
#include "render.h"
#include "scratch.h"

void
rt_autogen_opts_from_config(rt_arena *a, const rt_config *cfg,
                            rt_autogen_opts *out)
{
	memset(out, 0, sizeof(*out));
	out->default_schema = cfg->default_schema ? cfg->default_schema : "public";
	/* The default schema first: the introspector reads with it alone on
	 * search_path, so names in other schemas come out qualified. */
	rt_strv_push(a, &out->schemas, out->default_schema);
	for (size_t i = 0; i < cfg->include_schemas.n; i++)
		if (!rt_strv_contains(&out->schemas, cfg->include_schemas.v[i]))
			rt_strv_push(a, &out->schemas, cfg->include_schemas.v[i]);
	for (size_t i = 0; i < cfg->exclude_tables.n; i++)
		rt_strv_push(a, &out->exclude, cfg->exclude_tables.v[i]);
	const char *own[] = { cfg->version_table, cfg->history_table,
	                      cfg->lock_table };
	for (size_t i = 0; i < RT_ARRAY_LEN(own); i++)
		if (own[i])
			rt_strv_push(a, &out->exclude, own[i]);
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Copies rendered ops into the result. */
static void
fill(rt_autogen *ag, rt_dialect d, const rt_ddl_opts *dopts,
     const rt_ops *ops, rt_op_info **infos, size_t *n, const char **all)
{
	rt_buf sql = RT_BUF_INIT, one = RT_BUF_INIT;
	*infos = rt_zalloc(ag->arena, (ops->n + 1) * sizeof(rt_op_info));
	for (size_t i = 0; i < ops->n; i++) {
		const rt_op *op = ops->v[i];
		rt_op_info *info = &(*infos)[i];
		rt_buf_clear(&one);
		rt_render_op(&one, d, dopts, op);
		info->kind = rt_op_kind_name(op->kind);
		info->table = rt_strdup(ag->arena, rt_op_table_name(ag->arena, dopts, op));
		info->summary = rt_op_summary(ag->arena, dopts, op);
		info->sql = rt_strdup(ag->arena, rt_buf_cstr(&one));
		info->destructive = op->destructive;
		rt_buf_puts(&sql, rt_buf_cstr(&one));
	}
	*n = ops->n;
	*all = rt_strdup(ag->arena, rt_buf_cstr(&sql));
	rt_buf_free(&sql);
	rt_buf_free(&one);
}

/* PostgreSQL: the schemas want uses that the database lacks, sorted. */
static int
missing_schemas(rt_conn *c, rt_arena *a, const rt_model *want, rt_strv *out,
                rt_err *err)
{
	rt_rows rows;
	int rc = rt_conn_query(c, a, "SELECT nspname FROM pg_catalog.pg_namespace",
	                       0, NULL, &rows, err);
	if (rc != RETORT_OK)
		return rc;
	rt_strv have = { NULL, 0 }, used = { NULL, 0 };
	for (size_t i = 0; i < rows.nrows; i++)
		rt_strv_push(a, &have, rt_rows_get(&rows, i, 0));
	for (size_t i = 0; i < want->nenums; i++)
		rt_strv_push(a, &used, want->enums[i]->obj.schema);
	for (size_t i = 0; i < want->ntables; i++)
		rt_strv_push(a, &used, want->tables[i]->obj.schema);
	for (size_t i = 0; i < want->nviews; i++)
		rt_strv_push(a, &used, want->views[i]->obj.schema);
	for (size_t i = 0; i < used.n; i++)
		if (used.v[i] && !rt_strv_contains(&have, used.v[i]) &&
		    !rt_strv_contains(out, used.v[i]))
			rt_strv_push(a, out, used.v[i]);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(char *), cmp_str);
	return RETORT_OK;
}

int
rt_autogen_model(rt_conn *c, const rt_model *want, const rt_autogen_opts *o,
                 rt_autogen **out, rt_err *err)
{
	rt_dialect d = rt_conn_dialect(c);
	rt_model *canon = NULL, *have = NULL;
	rt_ops *up = NULL, *down = NULL;
	int rc;
	if (want->dialect != d)
		return rt_err_set(err, RETORT_EINVALID,
		                  "the models were read for %s, the database is %s",
		                  rt_dialect_name(want->dialect), rt_dialect_name(d));
	rt_scratch_opts so;
	memset(&so, 0, sizeof(so));
	so.schemas = o->schemas;
	if ((rc = rt_scratch_normalise(c, want, &so, &canon, err)) != RETORT_OK)
		goto out;
	rt_introspect_opts io;
	memset(&io, 0, sizeof(io));
	io.schemas = o->schemas;
	io.exclude = o->exclude;
	if ((rc = rt_introspect(c, &io, &have, err)) != RETORT_OK)
		goto out;
	if ((rc = rt_diff(have, canon, &up, err)) != RETORT_OK)
		goto out;
	if (d == RT_POSTGRES) {
		rt_strv missing = { NULL, 0 };
		if ((rc = missing_schemas(c, up->arena, canon, &missing, err)) != RETORT_OK)
			goto out;
		rt_ops_create_schemas(up, &missing);
	}
	down = rt_ops_inverse(up);

	rt_autogen *ag = rt_xcalloc(1, sizeof(*ag));
	ag->arena = rt_arena_new();
	rt_ddl_opts dopts = { d == RT_POSTGRES ? o->default_schema : NULL, NULL };
	fill(ag, d, &dopts, up, &ag->up, &ag->nup, &ag->upgrade_sql);
	fill(ag, d, &dopts, down, &ag->down, &ag->ndown, &ag->downgrade_sql);
	/* What the database cannot express, then destructive ops and hints. */
	for (size_t i = 0; i < canon->warnings.n; i++)
		rt_strv_push(ag->arena, &ag->warnings,
		             rt_strdup(ag->arena, canon->warnings.v[i]));
	for (size_t i = 0; i < up->warnings.n; i++)
		rt_strv_push(ag->arena, &ag->warnings,
		             rt_strdup(ag->arena, up->warnings.v[i]));
	/* What the downgrade cannot give back. */
	for (size_t i = 0; i < down->n; i++)
		if (down->v[i]->warning)
			rt_strv_push(ag->arena, &ag->warnings,
			             rt_strdup(ag->arena, down->v[i]->warning));
	*out = ag;
out:
	rt_ops_free(down);
	rt_ops_free(up);
	rt_model_free(have);
	rt_model_free(canon);
	return rc;
}

int
rt_autogen_compute(rt_conn *c, const rt_config *cfg, rt_autogen **out,
                   rt_err *err)
{
	rt_arena *a = rt_arena_new();
	rt_autogen_opts o;
	rt_autogen_opts_from_config(a, cfg, &o);
	rt_model_opts mo = { rt_conn_dialect(c), o.default_schema };
	rt_model *want = NULL;
	int rc = rt_model_load(&cfg->models, &mo, &want, err);
	if (rc == RETORT_OK)
		rc = rt_autogen_model(c, want, &o, out, err);
	rt_model_free(want);
	rt_arena_free(a);
	return rc;
}

void
rt_autogen_free(rt_autogen *ag)
{
	if (!ag)
		return;
	rt_arena_free(ag->arena);
	free(ag);
}
