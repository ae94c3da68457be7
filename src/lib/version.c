/* version.c: see version.h. */
#include "version.h"

#include <stdlib.h>
#include <string.h>

#include "quote.h"

static const char *
version_schema(const rt_config *cfg, rt_dialect d)
{
	if (d != RT_POSTGRES)
		return NULL;
	return cfg->version_table_schema ? cfg->version_table_schema
	                                 : cfg->default_schema;
}

const char *
rt_version_table_sql(rt_arena *a, const rt_config *cfg, rt_dialect d)
{
	rt_buf b = RT_BUF_INIT;
	rt_quote_qname(&b, version_schema(cfg, d), cfg->version_table, d);
	const char *s = rt_strndup(a, rt_buf_cstr(&b), b.len);
	rt_buf_free(&b);
	return s;
}

int
rt_version_table_exists(rt_conn *c, rt_arena *a, const rt_config *cfg,
                        bool *out, rt_err *err)
{
	rt_dialect d = rt_conn_dialect(c);
	rt_rows rows;
	int rc;
	if (d == RT_SQLITE) {
		const char *p[] = { cfg->version_table };
		rc = rt_conn_query(c, a,
		                   "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = $1",
		                   1, p, &rows, err);
	} else {
		const char *p[] = { version_schema(cfg, d), cfg->version_table };
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
