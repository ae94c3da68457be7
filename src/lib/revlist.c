/*
 * revlist.c: `retort history`, `heads`, `branches`, `show`: the revision
 * graph as the read-only commands show it (retort_rev lists).
 */
#include "handle.h"

#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"

void
retort_revs_free(retort_revs *l)
{
	if (l)
		rt_arena_free(l->priv_);
}

/* Loads the graph of the handle's project (statements not split). */
int
rt_handle_graph(retort *r, rt_graph **out)
{
	int rc = rt_need_config(r);
	if (rc != RETORT_OK)
		return rc;
	rt_err e = RT_ERR_INIT;
	if ((rc = rt_graph_load(r->config, 0, out, &e)) != RETORT_OK)
		rc = rt_fail_with(r, &e);
	rt_err_free(&e);
	return rc;
}

/* The database's revisions into *cur (in a). */
int
rt_handle_current(retort *r, rt_arena *a, rt_strv *cur)
{
	char **ids = NULL;
	int rc = retort_current(r, &ids);
	if (rc != RETORT_OK)
		return rc;
	for (char **p = ids; *p; p++)
		rt_strv_push(a, cur, rt_strdup(a, *p));
	retort_free(ids);
	return RETORT_OK;
}

static const char *const *
id_list(rt_arena *a, rt_revision *const *revs, size_t n)
{
	const char **v = rt_alloc(a, (n + 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++)
		v[i] = rt_strdup(a, revs[i]->id);
	v[n] = NULL;
	return v;
}

static const char *const *
str_list(rt_arena *a, const rt_strv *sv)
{
	const char **v = rt_alloc(a, (sv->n + 1) * sizeof(char *));
	for (size_t i = 0; i < sv->n; i++)
		v[i] = rt_strdup(a, sv->v[i]);
	v[sv->n] = NULL;
	return v;
}

static void
fill(rt_arena *a, const rt_revision *rev, const rt_strv *cur, retort_rev *o)
{
	o->id = rt_strdup(a, rev->id);
	o->message = rt_strdup(a, rev->message);
	o->create_date = rt_strdup(a, rev->create_date);
	o->path = rt_strdup(a, rev->path);
	o->parents = id_list(a, rev->parents, rev->nparents);
	o->children = id_list(a, rev->children, rev->nchildren);
	o->depends_on = str_list(a, &rev->depends_on);
	o->branch_labels = str_list(a, &rev->branch_labels);
	o->is_head = rev->nchildren == 0;
	o->is_base = rev->nparents == 0;
	o->is_branchpoint = rev->nchildren > 1;
	o->is_mergepoint = rev->nparents > 1;
	o->is_current = cur && rt_strv_contains(cur, rev->id);
	o->graph = "";
	o->graph_after = "";
}

/* A list of n revisions in a new arena. */
static retort_revs *
new_list(size_t n)
{
	rt_arena *a = rt_arena_new();
	retort_revs *l = rt_new(a, retort_revs);
	l->priv_ = a;
	l->v = rt_zalloc(a, (n ? n : 1) * sizeof(retort_rev));
	return l;
}

/* True when the identifiers of spec (one, or a range A:B) refer to the
 * database's revisions: "current", or "+N"/"-N" without a revision. */
static bool
needs_current(const char *spec)
{
	if (!spec)
		return false;
	if (strstr(spec, "current"))
		return true;
	const char *colon = strchr(spec, ':');
	return spec[0] == '+' || spec[0] == '-' ||
	       (colon && (colon[1] == '+' || colon[1] == '-'));
}

int
retort_history(retort *r, const char *range, unsigned flags,
               retort_revs **out)
{
	rt_begin_call(r);
	rt_graph *g;
	int rc = rt_handle_graph(r, &g);
	if (rc != RETORT_OK)
		return rc;
	rt_strv cur = { NULL, 0 };
	rt_err e = RT_ERR_INIT;
	bool want_cur = (flags & RETORT_HISTORY_CURRENT) || needs_current(range);
	if (want_cur && (rc = rt_handle_current(r, g->arena, &cur)) != RETORT_OK)
		goto out;
	rt_revision **revs;
	size_t n;
	if ((rc = rt_graph_range(g, range, &cur, &revs, &n, &e)) != RETORT_OK) {
		rc = rt_fail_with(r, &e);
		goto out;
	}
	retort_revs *l = new_list(n);
	rt_arena *a = l->priv_;
	const char **rows = NULL, **after = NULL;
	if (flags & RETORT_HISTORY_GRAPH)
		rt_graph_draw(g, revs, n, &rows, &after);
	for (size_t i = 0; i < n; i++) {
		fill(a, revs[i], (flags & RETORT_HISTORY_CURRENT) ? &cur : NULL,
		     &l->v[i]);
		if (rows) {
			l->v[i].graph = rt_strdup(a, rows[i]);
			l->v[i].graph_after = rt_strdup(a, after[i]);
		}
	}
	l->n = n;
	*out = l;
out:
	rt_err_free(&e);
	rt_graph_free(g);
	return rc;
}

/* The revisions of g for which keep() holds, in id order. */
static int
select_revs(retort *r, bool (*keep)(const rt_revision *), retort_revs **out)
{
	rt_begin_call(r);
	rt_graph *g;
	int rc = rt_handle_graph(r, &g);
	if (rc != RETORT_OK)
		return rc;
	rt_revision **byid = rt_alloc(g->arena, (g->n ? g->n : 1) * sizeof(*byid));
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++)
		if (keep(g->revs[i]))
			byid[n++] = g->revs[i];
	retort_revs *l = new_list(n);
	/* g->revs is topological; sort the selection by id */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(byid[j - 1]->id, byid[j]->id) > 0; j--) {
			rt_revision *t = byid[j];
			byid[j] = byid[j - 1];
			byid[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++)
		fill(l->priv_, byid[i], NULL, &l->v[i]);
	l->n = n;
	*out = l;
	rt_graph_free(g);
	return RETORT_OK;
}

static bool
is_head(const rt_revision *r)
{
	return r->nchildren == 0;
}

static bool
is_branchpoint(const rt_revision *r)
{
	return r->nchildren > 1;
}

int
retort_heads(retort *r, retort_revs **out)
{
	return select_revs(r, is_head, out);
}

int
retort_branches(retort *r, retort_revs **out)
{
	return select_revs(r, is_branchpoint, out);
}

int
retort_show(retort *r, const char *rev, retort_revs **out)
{
	rt_begin_call(r);
	rt_graph *g;
	int rc = rt_handle_graph(r, &g);
	if (rc != RETORT_OK)
		return rc;
	rt_err e = RT_ERR_INIT;
	rt_strv ids = { NULL, 0 }, cur = { NULL, 0 };
	retort_revs *l = NULL;
	if (needs_current(rev) &&
	    (rc = rt_handle_current(r, g->arena, &cur)) != RETORT_OK)
		goto out;
	if ((rc = rt_graph_resolve(g, rev ? rev : "head", &cur, &ids, &e))) {
		rc = rt_fail_with(r, &e);
		goto out;
	}
	if (ids.n == 0) {
		rc = rt_fail(r, RETORT_ENOTFOUND, "'%s' names no revision (base)",
		             rev ? rev : "head");
		goto out;
	}
	l = new_list(ids.n);
	for (size_t i = 0; i < ids.n; i++) {
		const rt_revision *x = rt_graph_get(g, ids.v[i]);
		fill(l->priv_, x, NULL, &l->v[i]);
		char *text;
		if ((rc = rt_read_file(l->priv_, x->path, 64 * 1024 * 1024, &text,
		                       NULL, &e)) != RETORT_OK) {
			rc = rt_fail_with(r, &e);
			retort_revs_free(l);
			goto out;
		}
		l->v[i].text = text;
	}
	l->n = ids.n;
	*out = l;
out:
	rt_err_free(&e);
	rt_graph_free(g);
	return rc;
}
