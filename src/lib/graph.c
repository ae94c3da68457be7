/* graph.c: see graph.h. */
#include "graph.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MULTIPLE_HEADS \
	"Multiple head revisions are present; please specify a specific " \
	"target revision, 'heads' for all heads, or merge"

static int
cmp_rev_id(const void *x, const void *y)
{
	const rt_revision *a = *(rt_revision *const *)x;
	const rt_revision *b = *(rt_revision *const *)y;
	return strcmp(a->id, b->id);
}

void
rt_graph_free(rt_graph *g)
{
	if (g)
		rt_arena_free(g->arena);
}

const rt_revision *
rt_graph_get(const rt_graph *g, const char *id)
{
	return rt_map_get(g->by_id, id);
}

/* Reports one cycle among the revisions that the topological sort could
 * not place (done[i] false), following unplaced parents until one
 * repeats. */
static void
report_cycle(rt_arena *a, rt_revision **revs, size_t n, const bool *done,
             rt_err *err)
{
	size_t start = 0;
	while (start < n && done[start])
		start++;
	if (start == n)
		return;
	size_t *seen = rt_zalloc(a, n * sizeof(size_t));   /* step + 1 */
	rt_revision **path = rt_alloc(a, (n + 1) * sizeof(*path));
	size_t len = 0;
	rt_revision *r = revs[start];
	while (!seen[r->order]) {
		seen[r->order] = ++len;
		path[len - 1] = r;
		rt_revision *next = NULL;
		for (size_t i = 0; !next && i < r->nparents; i++)
			if (!done[r->parents[i]->order])
				next = r->parents[i];
		for (size_t i = 0; !next && i < r->ndeps; i++)
			if (!done[r->deps[i]->order])
				next = r->deps[i];
		if (!next)
			return;
		r = next;
	}
	rt_buf b = RT_BUF_INIT;
	for (size_t i = seen[r->order] - 1; i < len; i++)
		rt_buf_printf(&b, "'%s' (%s) -> ", path[i]->id, path[i]->path);
	rt_buf_printf(&b, "'%s'", r->id);
	rt_err_add(err, RETORT_EINVALID, "cycle in the revision graph: %s",
	           rt_buf_cstr(&b));
	rt_buf_free(&b);
}

int
rt_graph_build(rt_arena *a, rt_revision **revs, size_t n, rt_graph **out,
               rt_err *err)
{
	rt_err e = RT_ERR_INIT;
	rt_graph *g = rt_new(a, rt_graph);
	g->arena = a;
	g->by_id = rt_map_new(a);
	g->by_label = rt_map_new(a);
	if (n)
		qsort(revs, n, sizeof(*revs), cmp_rev_id);

	/* Ids and labels. */
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		rt_revision *r = revs[i];
		rt_revision *old = rt_map_get(g->by_id, r->id);
		if (old) {
			rt_err_add(&e, RETORT_EINVALID,
			           "%s:%d: duplicate revision id '%s' (also in %s)",
			           r->path, r->id_line, r->id, old->path);
			continue;
		}
		rt_map_put(g->by_id, r->id, r);
		r->order = kept;
		revs[kept++] = r;
	}
	n = kept;
	for (size_t i = 0; i < n; i++) {
		rt_revision *r = revs[i];
		for (size_t j = 0; j < r->branch_labels.n; j++) {
			const char *l = r->branch_labels.v[j];
			rt_revision *old = rt_map_put(g->by_label, l, r);
			if (old)
				rt_err_add(&e, RETORT_EINVALID,
				           "%s: branch label '%s' is already used by revision '%s' (%s)",
				           r->path, l, old->id, old->path);
		}
	}

	/* Parents, dependencies, children. */
	size_t *nkids = rt_zalloc(a, (n ? n : 1) * sizeof(size_t));
	size_t *ndependents = rt_zalloc(a, (n ? n : 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		rt_revision *r = revs[i];
		r->parents = rt_alloc(a, r->down.n * sizeof(*r->parents));
		for (size_t j = 0; j < r->down.n; j++) {
			rt_revision *p = rt_map_get(g->by_id, r->down.v[j]);
			if (!p) {
				rt_err_add(&e, RETORT_EINVALID,
				           "%s:%d: Revises: Can't locate revision identified by '%s'",
				           r->path, r->down_line, r->down.v[j]);
				continue;
			}
			r->parents[r->nparents++] = p;
			nkids[p->order]++;
		}
		r->deps = rt_alloc(a, r->depends_on.n * sizeof(*r->deps));
		for (size_t j = 0; j < r->depends_on.n; j++) {
			const char *d = r->depends_on.v[j];
			rt_revision *p = rt_map_get(g->by_id, d);
			if (!p)
				p = rt_map_get(g->by_label, d);
			if (!p) {
				rt_err_add(&e, RETORT_EINVALID,
				           "%s: Depends On: Can't locate revision identified by '%s'",
				           r->path, d);
				continue;
			}
			r->deps[r->ndeps++] = p;
			ndependents[p->order]++;
		}
	}
	rt_revision ***dependents = rt_zalloc(a, (n ? n : 1) * sizeof(void *));
	size_t *ndep_fill = rt_zalloc(a, (n ? n : 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		revs[i]->children = rt_alloc(a, nkids[i] * sizeof(rt_revision *));
		dependents[i] = rt_alloc(a, ndependents[i] * sizeof(rt_revision *));
	}
	/* revs is sorted by id, so children come out sorted too. */
	for (size_t i = 0; i < n; i++) {
		rt_revision *r = revs[i];
		for (size_t j = 0; j < r->nparents; j++) {
			rt_revision *p = r->parents[j];
			p->children[p->nchildren++] = r;
		}
		for (size_t j = 0; j < r->ndeps; j++) {
			size_t k = r->deps[j]->order;
			dependents[k][ndep_fill[k]++] = r;
		}
	}

	/* Topological order (Kahn), bases in id order first. */
	size_t *indeg = rt_alloc(a, (n ? n : 1) * sizeof(size_t));
	bool *done = rt_zalloc(a, (n ? n : 1) * sizeof(bool));
	rt_revision **order = rt_alloc(a, (n ? n : 1) * sizeof(*order));
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < n; i++) {
		indeg[i] = revs[i]->nparents + revs[i]->ndeps;
		if (indeg[i] == 0)
			order[tail++] = revs[i];
	}
	while (head < tail) {
		rt_revision *r = order[head++];
		done[r->order] = true;
		for (size_t j = 0; j < r->nchildren; j++)
			if (--indeg[r->children[j]->order] == 0)
				order[tail++] = r->children[j];
		for (size_t j = 0; j < ndependents[r->order]; j++) {
			rt_revision *d = dependents[r->order][j];
			if (--indeg[d->order] == 0)
				order[tail++] = d;
		}
	}
	if (tail < n && !e.count)
		report_cycle(a, revs, n, done, &e);

	if (e.count) {
		int rc = e.code;
		rt_err_move(err, &e);
		rt_err_free(&e);
		rt_arena_free(a);
		return rc;
	}
	for (size_t i = 0; i < n; i++)
		order[i]->order = i;
	g->revs = order;
	g->n = n;
	g->heads = rt_alloc(a, (n ? n : 1) * sizeof(rt_revision *));
	g->bases = rt_alloc(a, (n ? n : 1) * sizeof(rt_revision *));
	for (size_t i = 0; i < n; i++) {     /* revs: still in id order */
		if (revs[i]->nchildren == 0)
			g->heads[g->nheads++] = revs[i];
		if (revs[i]->nparents == 0)
			g->bases[g->nbases++] = revs[i];
	}
	rt_err_free(&e);
	*out = g;
	return RETORT_OK;
}

int
rt_graph_load_files(const rt_strv *paths, rt_dialect d, rt_graph **out,
                    rt_err *err)
{
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	rt_revision **revs = rt_alloc(a, (paths->n ? paths->n : 1) * sizeof(*revs));
	size_t n = 0;
	for (size_t i = 0; i < paths->n; i++) {
		rt_err fe = RT_ERR_INIT;
		rt_revision *r;
		if (rt_revision_load(a, paths->v[i], d, &r, &fe) == RETORT_OK)
			revs[n++] = r;
		else
			rt_err_add(&e, fe.code, "%s", rt_err_msg(&fe));
		rt_err_free(&fe);
	}
	if (e.count) {
		int rc = e.code;
		rt_err_move(err, &e);
		rt_err_free(&e);
		rt_arena_free(a);
		return rc;
	}
	rt_err_free(&e);
	return rt_graph_build(a, revs, n, out, err);
}

int
rt_graph_load(const rt_config *cfg, rt_dialect d, rt_graph **out,
              rt_err *err)
{
	rt_arena *a = rt_arena_new();
	rt_strv paths = { NULL, 0 };
	int rc = RETORT_OK;
	for (size_t i = 0; i < cfg->version_locations.n; i++) {
		const char *dir = cfg->version_locations.v[i];
		if (!rt_path_is_dir(dir)) {
			rc = rt_err_set(err, RETORT_EINVALID,
			                "version location %s is not a directory", dir);
			goto out;
		}
		if ((rc = rt_glob(a, rt_path_join(a, dir, "*.sql"), &paths, err)))
			goto out;
	}
	rc = rt_graph_load_files(&paths, d, out, err);
out:
	rt_arena_free(a);
	return rc;
}

/*
 * Ancestry.
 */

bool
rt_graph_is_ancestor(const rt_graph *g, const rt_revision *anc,
                     const rt_revision *rev)
{
	if (anc == rev)
		return true;
	if (anc->order > rev->order)
		return false;
	/* A walk down from rev, pruned by the topological order. */
	bool *seen = rt_xcalloc(g->n ? g->n : 1, sizeof(bool));
	const rt_revision **stack = rt_xmalloc((g->n + 1) * sizeof(*stack));
	size_t sp = 0;
	bool found = false;
	stack[sp++] = rev;
	seen[rev->order] = true;
	while (sp && !found) {
		const rt_revision *r = stack[--sp];
		for (size_t i = 0; i < r->nparents; i++) {
			const rt_revision *p = r->parents[i];
			if (p == anc) {
				found = true;
				break;
			}
			if (!seen[p->order] && p->order > anc->order) {
				seen[p->order] = true;
				stack[sp++] = p;
			}
		}
	}
	free(seen);
	free(stack);
	return found;
}

/*
 * Identifiers.
 */

static int
not_found(rt_err *err, const char *spec)
{
	return rt_err_set(err, RETORT_ENOTFOUND,
	                  "Can't locate revision identified by '%s'", spec);
}

/* A revision by full id, branch label or unique prefix. */
static int
lookup(const rt_graph *g, const char *name, rt_revision **out, rt_err *err)
{
	rt_revision *r = rt_map_get(g->by_id, name);
	if (!r)
		r = rt_map_get(g->by_label, name);
	if (r) {
		*out = r;
		return RETORT_OK;
	}
	size_t len = strlen(name), found = 0;
	rt_buf b = RT_BUF_INIT;
	for (size_t i = 0; len && i < g->n; i++) {
		if (strncmp(g->revs[i]->id, name, len) == 0) {
			if (found++ == 0)
				r = g->revs[i];
			rt_buf_printf(&b, "%s%s", found > 1 ? ", " : "", g->revs[i]->id);
		}
	}
	int rc = RETORT_OK;
	if (found == 1)
		*out = r;
	else if (found > 1)
		rc = rt_err_set(err, RETORT_EAMBIGUOUS,
		                "Multiple revisions start with '%s': %s", name,
		                rt_buf_cstr(&b));
	else
		rc = not_found(err, name);
	rt_buf_free(&b);
	return rc;
}

/* The heads descending from r. */
static int
heads_of(const rt_graph *g, const rt_revision *r, rt_strv *out)
{
	int found = 0;
	for (size_t i = 0; i < g->nheads; i++)
		if (rt_graph_is_ancestor(g, r, g->heads[i])) {
			rt_strv_push(g->arena, out, g->heads[i]->id);
			found++;
		}
	return found;
}

/* Resolves a name that is not relative into revisions. */
static int
resolve_plain(const rt_graph *g, const char *spec, const rt_strv *current,
              rt_strv *out, rt_err *err)
{
	if (strcmp(spec, "heads") == 0) {
		for (size_t i = 0; i < g->nheads; i++)
			rt_strv_push(g->arena, out, g->heads[i]->id);
		return RETORT_OK;
	}
	if (strcmp(spec, "head") == 0) {
		if (g->nheads > 1)
			return rt_err_set(err, RETORT_EINVALID, MULTIPLE_HEADS);
		if (g->nheads == 1)
			rt_strv_push(g->arena, out, g->heads[0]->id);
		return RETORT_OK;
	}
	if (strcmp(spec, "base") == 0)
		return RETORT_OK;
	if (strcmp(spec, "current") == 0) {
		for (size_t i = 0; current && i < current->n; i++)
			rt_strv_push(g->arena, out, current->v[i]);
		return RETORT_OK;
	}
	const char *at = strchr(spec, '@');
	if (at) {
		if (strcmp(at + 1, "head") != 0 && strcmp(at + 1, "heads") != 0)
			return rt_err_set(err, RETORT_EINVALID,
			                  "bad revision identifier '%s' (expected LABEL@head)",
			                  spec);
		char *name = rt_strndup(g->arena, spec, (size_t)(at - spec));
		rt_revision *r;
		int rc = lookup(g, name, &r, err);
		if (rc != RETORT_OK)
			return rc;
		rt_strv found = { NULL, 0 };
		heads_of(g, r, &found);
		if (found.n > 1 && strcmp(at + 1, "head") == 0)
			return rt_err_set(err, RETORT_EINVALID,
			                  "Multiple head revisions are present for given argument '%s': %s; please specify a specific target revision or '%s@heads'",
			                  spec, rt_strv_join(g->arena, &found, ", "), name);
		for (size_t i = 0; i < found.n; i++)
			rt_strv_push(g->arena, out, found.v[i]);
		return RETORT_OK;
	}
	rt_revision *r;
	int rc = lookup(g, spec, &r, err);
	if (rc == RETORT_OK)
		rt_strv_push(g->arena, out, r->id);
	return rc;
}

/* Splits "X+N" / "X-N" / "+N" / "-N"; false when spec is not relative. */
static bool
split_relative(const char *spec, size_t *xlen, long *steps)
{
	size_t len = strlen(spec), i = len;
	while (i > 0 && isdigit((unsigned char)spec[i - 1]))
		i--;
	if (i == len || i == 0 || (spec[i - 1] != '+' && spec[i - 1] != '-'))
		return false;
	long v = strtol(spec + i, NULL, 10);
	*steps = spec[i - 1] == '-' ? -v : v;
	*xlen = i - 1;
	return true;
}

int
rt_graph_resolve(const rt_graph *g, const char *spec, const rt_strv *current,
                 rt_strv *out, rt_err *err)
{
	if (!spec || !*spec)
		return rt_err_set(err, RETORT_EINVALID, "empty revision identifier");
	if (strchr(spec, ':'))
		return rt_err_set(err, RETORT_EINVALID,
		                  "a range '%s' is not allowed here (give one revision)",
		                  spec);
	size_t xlen;
	long steps;
	/* A label may contain "-2"; an exact name wins. */
	if (rt_map_get(g->by_label, spec) || rt_map_get(g->by_id, spec) ||
	    !split_relative(spec, &xlen, &steps))
		return resolve_plain(g, spec, current, out, err);

	rt_strv from = { NULL, 0 };
	int rc;
	if (xlen == 0) {
		for (size_t i = 0; current && i < current->n; i++)
			rt_strv_push(g->arena, &from, current->v[i]);
	} else {
		char *x = rt_strndup(g->arena, spec, xlen);
		if ((rc = resolve_plain(g, x, current, &from, err)) != RETORT_OK)
			return rc;
	}
	if (from.n > 1)
		return rt_err_set(err, RETORT_EINVALID,
		                  "relative revision '%s' is ambiguous: it starts from several revisions (%s)",
		                  spec, rt_strv_join(g->arena, &from, ", "));
	const rt_revision *r = NULL;
	if (from.n == 1 && !(r = rt_graph_get(g, from.v[0])))
		return not_found(err, from.v[0]);
	long n = steps < 0 ? -steps : steps;
	for (long i = 0; i < n; i++) {
		if (steps > 0) {
			size_t nk = r ? r->nchildren : g->nbases;
			rt_revision *const *kids = r ? r->children : g->bases;
			if (nk == 0)
				return rt_err_set(err, RETORT_EINVALID,
				                  "Relative revision %s didn't produce %ld migrations",
				                  spec, n);
			if (nk > 1)
				return rt_err_set(err, RETORT_EINVALID,
				                  "relative revision '%s' is ambiguous: %s has %zu branches (%s, ...); name one with LABEL@head or a revision",
				                  spec, r ? r->id : "base", nk, kids[0]->id);
			r = kids[0];
		} else {
			if (!r)
				return rt_err_set(err, RETORT_EINVALID,
				                  "Relative revision %s didn't produce %ld migrations",
				                  spec, n);
			if (r->nparents > 1)
				return rt_err_set(err, RETORT_EINVALID,
				                  "relative revision '%s' is ambiguous: %s is a merge of %zu revisions",
				                  spec, r->id, r->nparents);
			r = r->nparents ? r->parents[0] : NULL;
		}
	}
	if (r)
		rt_strv_push(g->arena, out, r->id);
	return RETORT_OK;
}

/*
 * Ranges.
 */

/* Marks r and everything reachable through parents (up == false) or
 * children (up == true). */
static void
mark(const rt_graph *g, const rt_revision *r, bool up, bool *m)
{
	const rt_revision **stack = rt_xmalloc((g->n + 1) * sizeof(*stack));
	size_t sp = 0;
	if (!m[r->order]) {
		m[r->order] = true;
		stack[sp++] = r;
	}
	while (sp) {
		const rt_revision *x = stack[--sp];
		size_t k = up ? x->nchildren : x->nparents;
		rt_revision *const *next = up ? x->children : x->parents;
		for (size_t i = 0; i < k; i++)
			if (!m[next[i]->order]) {
				m[next[i]->order] = true;
				stack[sp++] = next[i];
			}
	}
	free(stack);
}

/* mark() for each of ids; an id that is not in g (a stale version row)
 * is "Can't locate revision". */
static int
mark_all(const rt_graph *g, const rt_strv *ids, bool up, bool *m, rt_err *err)
{
	for (size_t i = 0; i < ids->n; i++) {
		const rt_revision *r = rt_graph_get(g, ids->v[i]);
		if (!r)
			return not_found(err, ids->v[i]);
		mark(g, r, up, m);
	}
	return RETORT_OK;
}

int
rt_graph_range(const rt_graph *g, const char *range, const rt_strv *current,
               rt_revision ***out, size_t *n, rt_err *err)
{
	rt_revision **res = rt_alloc(g->arena, (g->n ? g->n : 1) * sizeof(*res));
	size_t k = 0;
	int rc = RETORT_OK;
	bool *lo = NULL, *hi = NULL;
	if (!range || !*range) {
		for (size_t i = g->n; i-- > 0;)
			res[k++] = g->revs[i];
		goto done;
	}
	const char *colon = strchr(range, ':');
	if (!colon || strchr(colon + 1, ':'))
		return rt_err_set(err, RETORT_EINVALID,
		                  "History range requires [start]:[end], [start]:, or :[end] (got '%s')",
		                  range);
	char *a = rt_strndup(g->arena, range, (size_t)(colon - range));
	const char *b = colon + 1;
	rt_strv as = { NULL, 0 }, bs = { NULL, 0 };
	bool from_base = !*a || strcmp(a, "base") == 0;
	if (!from_base && (rc = rt_graph_resolve(g, a, current, &as, err)))
		return rc;
	if (!from_base && as.n == 0)    /* e.g. -1 from the first revision */
		from_base = true;
	if (!*b) {
		for (size_t i = 0; i < g->nheads; i++)
			rt_strv_push(g->arena, &bs, g->heads[i]->id);
	} else if ((rc = rt_graph_resolve(g, b, current, &bs, err))) {
		return rc;
	}
	lo = rt_xcalloc(g->n + 1, sizeof(bool));
	hi = rt_xcalloc(g->n + 1, sizeof(bool));
	if ((rc = mark_all(g, &as, true, lo, err)) ||
	    (rc = mark_all(g, &bs, false, hi, err)))
		goto done;
	for (size_t i = g->n; i-- > 0;)
		if (hi[i] && (from_base || lo[i]))
			res[k++] = g->revs[i];
done:
	free(lo);
	free(hi);
	if (rc == RETORT_OK) {
		*out = res;
		*n = k;
	}
	return rc;
}
