/*
 * pending.c: `retort diff` and `retort check`: what autogenerate would
 * write for the project's models against the database, written nowhere.
 */
#include "handle.h"

#include <stdlib.h>
#include <string.h>

#include "autogen.h"
#include "graph.h"
#include "heads.h"
#include "util.h"

/*
 * Autogenerates for r into *out. A SQLite file that does not exist yet is
 * an empty database: it is compared in memory, never created.
 */
static int
compute(retort *r, rt_autogen **out)
{
	int rc = rt_need_config(r);
	if (rc != RETORT_OK)
		return rc;
	const rt_url *u;
	if ((rc = rt_handle_url(r, &u)) != RETORT_OK)
		return rc;
	rt_conn *c = NULL, *own = NULL;
	rt_err e = RT_ERR_INIT;
	if (u->dialect == RT_SQLITE && strcmp(u->target, ":memory:") != 0 &&
	    !rt_path_exists(u->target)) {
		rt_url mem = { RT_SQLITE, ":memory:", u->display };
		if ((rc = rt_connect(&mem, 0, &own, &e)) != RETORT_OK)
			return rt_fail_with(r, &e);
		c = own;
	} else if ((rc = rt_handle_conn(r, RT_CONNECT_READONLY, &c)) != RETORT_OK) {
		return rc;
	}
	rc = rt_autogen_compute(c, r->config, out, &e);
	rt_disconnect(own);
	if (rc != RETORT_OK)
		return rt_fail_with(r, &e);
	rt_err_free(&e);
	return RETORT_OK;
}

static void
log_warnings(retort *r, const rt_autogen *ag)
{
	for (size_t i = 0; i < ag->warnings.n; i++)
		rt_log(r, RETORT_LOG_WARNING, "%s", ag->warnings.v[i]);
}

int
retort_changes_get(retort *r, retort_changes **out)
{
	rt_begin_call(r);
	rt_autogen *ag = NULL;
	int rc = compute(r, &ag);
	if (rc != RETORT_OK)
		return rc;
	retort_changes *c = rt_xcalloc(1, sizeof(*c));
	retort_op *ops = rt_zalloc(ag->arena, (ag->nup + 1) * sizeof(*ops));
	for (size_t i = 0; i < ag->nup; i++) {
		ops[i].kind = ag->up[i].kind;
		ops[i].table = ag->up[i].table;
		ops[i].summary = ag->up[i].summary;
		ops[i].sql = ag->up[i].sql;
		ops[i].destructive = ag->up[i].destructive;
	}
	c->nops = ag->nup;
	c->ops = ops;
	c->nwarnings = ag->warnings.n;
	c->warnings = ag->warnings.v;
	c->upgrade_sql = ag->upgrade_sql;
	c->downgrade_sql = ag->downgrade_sql;
	c->internal_ = ag;
	*out = c;
	return RETORT_OK;
}

void
retort_changes_free(retort_changes *c)
{
	if (!c)
		return;
	rt_autogen_free(c->internal_);
	free(c);
}

/* One line per op, after indent: its summary, "(destructive)" when it
 * is. */
static void
list_ops(const rt_autogen *ag, const char *indent, rt_buf *b)
{
	for (size_t i = 0; i < ag->nup; i++)
		rt_buf_printf(b, "%s%s%s\n", indent, ag->up[i].summary,
		              ag->up[i].destructive ? " (destructive)" : "");
}

int
retort_diff(retort *r, unsigned flags, char **out, size_t *nops)
{
	rt_begin_call(r);
	rt_autogen *ag = NULL;
	int rc = compute(r, &ag);
	if (rc != RETORT_OK)
		return rc;
	log_warnings(r, ag);
	rt_buf b = RT_BUF_INIT;
	if (flags & RETORT_DIFF_SQL)
		rt_buf_puts(&b, ag->upgrade_sql);
	else
		list_ops(ag, "", &b);
	if (nops)
		*nops = ag->nup;
	*out = rt_buf_detach(&b);
	rt_autogen_free(ag);
	return RETORT_OK;
}

/* The heads of the project's scripts that need a merge (heads.h), into
 * *out (in a). */
static int
unmerged(retort *r, rt_arena *a, rt_strv *out)
{
	int rc = rt_need_config(r);
	if (rc != RETORT_OK)
		return rc;
	/* A project without a script directory yet (models compared with a
	 * database adopted by inspect, say) has no heads to merge. */
	bool any = false;
	for (size_t i = 0; i < r->config->version_locations.n; i++)
		any |= rt_path_is_dir(r->config->version_locations.v[i]);
	if (!any)
		return RETORT_OK;
	rt_graph *g;
	rc = rt_handle_graph(r, &g);
	if (rc != RETORT_OK)
		return rc;
	rt_strv ids = { NULL, 0 };
	rt_heads_unmerged(g, &ids);
	for (size_t i = 0; i < ids.n; i++)
		rt_strv_push(a, out, rt_strdup(a, ids.v[i]));
	rt_graph_free(g);
	return RETORT_OK;
}

int
retort_unmerged_heads(retort *r, char ***out)
{
	rt_begin_call(r);
	rt_arena *a = rt_arena_new();
	rt_strv ids = { NULL, 0 };
	int rc = unmerged(r, a, &ids);
	if (rc == RETORT_OK)
		*out = rt_pack_strv(&ids);
	rt_arena_free(a);
	return rc;
}

int
retort_check(retort *r)
{
	rt_begin_call(r);
	rt_arena *a = rt_arena_new();
	rt_strv heads = { NULL, 0 };
	rt_autogen *ag = NULL;
	int rc = unmerged(r, a, &heads);
	if (rc == RETORT_OK)
		rc = compute(r, &ag);
	if (rc != RETORT_OK)
		goto out;
	log_warnings(r, ag);
	rt_buf b = RT_BUF_INIT;
	if (ag->nup) {
		rt_buf_printf(&b, "the models and the database differ: %zu pending op%s:\n",
		              ag->nup, ag->nup == 1 ? "" : "s");
		list_ops(ag, "  ", &b);
	}
	if (heads.n)
		rt_buf_printf(&b, "Multiple head revisions are present: %s; merge them "
		              "(retort merge heads -m \"merge\") or give independent "
		              "branches a --branch-label\n",
		              rt_strv_join(a, &heads, ", "));
	if (b.len) {
		rt_buf_truncate(&b, b.len - 1);
		rc = rt_fail(r, RETORT_EDIFF, "%s", rt_buf_cstr(&b));
	}
	rt_buf_free(&b);
out:
	rt_autogen_free(ag);
	rt_arena_free(a);
	return rc;
}
