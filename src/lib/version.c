/* version.c: see version.h. */
#include "version.h"

#include <stdlib.h>
#include <string.h>

#include "quote.h"

const char *
rt_version_schema(const rt_config *cfg, rt_dialect d)
{
	if (d != RT_POSTGRES)
		return NULL;
	return cfg->version_table_schema ? cfg->version_table_schema
	                                 : cfg->default_schema;
}

const char *
rt_own_table_sql(rt_arena *a, const rt_config *cfg, rt_dialect d,
                 const char *name)
{
	rt_buf b = RT_BUF_INIT;
	rt_quote_qname(&b, rt_version_schema(cfg, d), name, d);
	const char *s = rt_strndup(a, rt_buf_cstr(&b), b.len);
	rt_buf_free(&b);
	return s;
}

const char *
rt_version_table_sql(rt_arena *a, const rt_config *cfg, rt_dialect d)
{
	return rt_own_table_sql(a, cfg, d, cfg->version_table);
}

int
rt_version_table_exists(rt_conn *c, rt_arena *a, const rt_config *cfg,
                        bool *out, rt_err *err)
{
	return rt_own_table_exists(c, a, cfg, cfg->version_table, out, err);
}

int
rt_own_table_exists(rt_conn *c, rt_arena *a, const rt_config *cfg,
                    const char *name, bool *out, rt_err *err)
{
	rt_dialect d = rt_conn_dialect(c);
	rt_rows rows;
	int rc;
	if (d == RT_SQLITE) {
		const char *p[] = { name };
		rc = rt_conn_query(c, a,
		                   "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = $1",
		                   1, p, &rows, err);
	} else {
		const char *p[] = { rt_version_schema(cfg, d), name };
		rc = rt_conn_query(c, a,
		                   "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
		                   "WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')",
		                   2, p, &rows, err);
	}
	if (rc == RETORT_OK)
		*out = rows.nrows > 0;
	return rc;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int
rt_version_read(rt_conn *c, rt_arena *a, const rt_config *cfg, rt_strv *out,
                rt_err *err)
{
	bool exists = false;
	int rc = rt_version_table_exists(c, a, cfg, &exists, err);
	if (rc != RETORT_OK || !exists) {
		out->n = 0;
		return rc;
	}
	return rt_version_select(c, a, cfg, out, err);
}

int
rt_version_select(rt_conn *c, rt_arena *a, const rt_config *cfg, rt_strv *out,
                  rt_err *err)
{
	int rc;
	rt_dialect d = rt_conn_dialect(c);
	const char *sql = rt_sprintf(a, "SELECT version_num FROM %s",
	                             rt_version_table_sql(a, cfg, d));
	rt_rows rows;
	rc = rt_conn_query(c, a, sql, 0, NULL, &rows, err);
	if (rc != RETORT_OK)
		return rc;
	rt_strv sv = { NULL, 0 };
	for (size_t i = 0; i < rows.nrows; i++)
		if (rt_rows_get(&rows, i, 0))
			rt_strv_push(a, &sv, rt_rows_get(&rows, i, 0));
	if (sv.n)
		qsort(sv.v, sv.n, sizeof(char *), cmp_str);
	*out = sv;
	return RETORT_OK;
}

const char *
rt_version_create_sql(rt_arena *a, const rt_config *cfg, rt_dialect d)
{
	return rt_sprintf(a,
	                  "CREATE TABLE IF NOT EXISTS %s (\n"
	                  "    version_num varchar(32) NOT NULL,\n"
	                  "    CONSTRAINT %s PRIMARY KEY (version_num)\n"
	                  ")",
	                  rt_version_table_sql(a, cfg, d),
	                  rt_ident(a, rt_sprintf(a, "%s_pkc", cfg->version_table),
	                           d));
}

void
rt_version_vop_stmt(rt_arena *a, const rt_config *cfg, rt_dialect d,
                    const rt_vop *v, rt_bstmt *out)
{
	const char *t = rt_version_table_sql(a, cfg, d);
	*out = (rt_bstmt){ 0 };
	switch (v->kind) {
	case RT_VOP_INSERT:
		out->sql = rt_sprintf(a, "INSERT INTO %s (version_num) VALUES ($1)", t);
		out->n = 1;
		out->p[0] = v->to;
		break;
	case RT_VOP_UPDATE:
		out->sql = rt_sprintf(a, "UPDATE %s SET version_num = $1 WHERE version_num = $2", t);
		out->n = 2;
		out->p[0] = v->to;
		out->p[1] = v->from;
		break;
	case RT_VOP_DELETE:
		if (v->from) {
			out->sql = rt_sprintf(a, "DELETE FROM %s WHERE version_num = $1", t);
			out->n = 1;
			out->p[0] = v->from;
		} else {
			out->sql = rt_sprintf(a, "DELETE FROM %s", t);
		}
		break;
	}
}

int
rt_bstmt_exec(rt_conn *c, rt_arena *a, const rt_bstmt *s, rt_err *err)
{
	rt_rows rows;
	return rt_conn_query(c, a, s->sql, s->n, s->p, &rows, err);
}

int
rt_version_ensure(rt_conn *c, rt_arena *a, const rt_config *cfg, rt_err *err)
{
	bool exists = false;
	int rc = rt_version_table_exists(c, a, cfg, &exists, err);
	if (rc != RETORT_OK || exists)
		return rc;
	return rt_conn_exec(c, rt_version_create_sql(a, cfg, rt_conn_dialect(c)),
	                    err);
}
