/*
 * walk.c: see walk.h. The order of the steps and the version-table changes
 * follow Alembic: RevisionMap._topological_sort for the order (ties broken
 * by file order), HeadMaintainer.update_to_step for the rows.
 */
#include "walk.h"

#include <stdlib.h>
#include <string.h>

#include "map.h"

struct rt_wgraph {
	const rt_wnode *nodes;
	size_t n;
	rt_map *index;          /* id -> index + 1 */
	size_t **up;            /* per node: parents then dependencies */
	size_t *nup;
	size_t **norm;          /* normalised down revisions (see below) */
	size_t *nnorm;
	size_t **down;          /* per node: children and dependents */
	size_t *ndown;
};

static long
idx_of(const rt_wgraph *g, const char *id)
{
	void *p = rt_map_get(g->index, id);
	return p ? (long)((uintptr_t)p - 1) : -1;
}

const rt_wnode *
rt_wgraph_get(const rt_wgraph *g, const char *id)
{
	long i = idx_of(g, id);
	return i < 0 ? NULL : &g->nodes[i];
}

/* Marks i and everything above it (parents, dependencies; up) or below it
 * (children, dependents; !up) in mark. */
static void
mark_from(const rt_wgraph *g, size_t i, bool up, bool *mark)
{
	if (mark[i])
		return;
	mark[i] = true;
	size_t n = up ? g->nup[i] : g->ndown[i];
	size_t *next = up ? g->up[i] : g->down[i];
	for (size_t k = 0; k < n; k++)
		mark_from(g, next[k], up, mark);
}

static void
mark_ancestors(const rt_wgraph *g, size_t i, bool *mark)
{
	mark_from(g, i, true, mark);
}

static void
mark_descendants(const rt_wgraph *g, size_t i, bool *mark)
{
	mark_from(g, i, false, mark);
}

static bool *
new_mark(rt_arena *a, const rt_wgraph *g)
{
	return rt_zalloc(a, g->n + 1);
}

bool
rt_wgraph_is_ancestor(const rt_wgraph *g, const char *anc, const char *id)
{
	long x = idx_of(g, anc), y = idx_of(g, id);
	if (x < 0 || y < 0)
		return false;
	bool *m = rt_xcalloc(g->n + 1, 1);
	mark_ancestors(g, (size_t)y, m);
	bool r = m[x];
	free(m);
	return r;
}

/* Checks the graph has no cycle (the revision parser checks too; the walk
 * must not recurse forever on a bad graph). */
static int
check_acyclic(rt_arena *a, const rt_wgraph *g, rt_err *err)
{
	unsigned char *state = rt_zalloc(a, g->n + 1); /* 0 new, 1 open, 2 done */
	size_t *stack = rt_alloc(a, sizeof(size_t) * (g->n + 1));
	size_t *pos = rt_zalloc(a, sizeof(size_t) * (g->n + 1));
	for (size_t s = 0; s < g->n; s++) {
		if (state[s])
			continue;
		size_t sp = 0;
		stack[sp++] = s;
		state[s] = 1;
		while (sp) {
			size_t i = stack[sp - 1];
			if (pos[i] < g->nup[i]) {
				size_t j = g->up[i][pos[i]++];
				if (state[j] == 1)
					return rt_err_set(err, RETORT_EINVALID,
					                  "revision '%s': cycle in the revision graph through '%s'",
					                  g->nodes[i].id, g->nodes[j].id);
				if (state[j] == 0) {
					state[j] = 1;
					stack[sp++] = j;
				}
			} else {
				state[i] = 2;
				sp--;
			}
		}
	}
	return RETORT_OK;
}

int
rt_wgraph_new(rt_arena *a, const rt_wnode *nodes, size_t n, rt_wgraph **out,
              rt_err *err)
{
	rt_wgraph *g = rt_new(a, rt_wgraph);
	g->nodes = nodes;
	g->n = n;
	g->index = rt_map_new(a);
	for (size_t i = 0; i < n; i++)
		if (rt_map_put(g->index, nodes[i].id, (void *)(uintptr_t)(i + 1)))
			return rt_err_set(err, RETORT_EINVALID,
			                  "revision '%s' is defined twice", nodes[i].id);
	g->up = rt_zalloc(a, sizeof(size_t *) * (n + 1));
	g->nup = rt_zalloc(a, sizeof(size_t) * (n + 1));
	g->down = rt_zalloc(a, sizeof(size_t *) * (n + 1));
	g->ndown = rt_zalloc(a, sizeof(size_t) * (n + 1));
	g->norm = rt_zalloc(a, sizeof(size_t *) * (n + 1));
	g->nnorm = rt_zalloc(a, sizeof(size_t) * (n + 1));
	size_t *cap = rt_zalloc(a, sizeof(size_t) * (n + 1));
	for (size_t i = 0; i < n; i++) {
		size_t m = nodes[i].parents.n + nodes[i].depends.n;
		g->up[i] = rt_alloc(a, sizeof(size_t) * (m + 1));
		for (size_t k = 0; k < m; k++) {
			bool dep = k >= nodes[i].parents.n;
			const char *pid = dep ? nodes[i].depends.v[k - nodes[i].parents.n]
			                      : nodes[i].parents.v[k];
			long p = idx_of(g, pid);
			if (p < 0)
				return rt_err_set(err, RETORT_EINVALID,
				                  "revision '%s': %s '%s' is not a known revision",
				                  nodes[i].id, dep ? "Depends On" : "Revises", pid);
			bool seen = false;
			for (size_t q = 0; q < g->nup[i]; q++)
				seen |= g->up[i][q] == (size_t)p;
			if (!seen)
				g->up[i][g->nup[i]++] = (size_t)p;
		}
	}
	/* Children lists, in file order of the children. */
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < g->nup[i]; k++) {
			size_t p = g->up[i][k];
			if (g->ndown[p] == cap[p]) {
				size_t nc = cap[p] ? cap[p] * 2 : 4;
				g->down[p] = rt_arena_grow(a, g->down[p],
				                           cap[p] * sizeof(size_t),
				                           nc * sizeof(size_t));
				cap[p] = nc;
			}
			g->down[p][g->ndown[p]++] = i;
		}
	int rc = check_acyclic(a, g, err);
	if (rc != RETORT_OK)
		return rc;
	/* Normalised down revisions (Alembic's _normalized_down_revisions):
	 * parents and dependencies, less any that is an ancestor of another
	 * of them. */
	bool *m = new_mark(a, g);
	for (size_t i = 0; i < n; i++) {
		g->norm[i] = rt_alloc(a, sizeof(size_t) * (g->nup[i] + 1));
		for (size_t k = 0; k < g->nup[i]; k++) {
			bool redundant = false;
			for (size_t q = 0; q < g->nup[i] && !redundant; q++) {
				if (q == k)
					continue;
				memset(m, 0, n + 1);
				mark_ancestors(g, g->up[i][q], m);
				redundant = m[g->up[i][k]];
			}
			if (!redundant)
				g->norm[i][g->nnorm[i]++] = g->up[i][k];
		}
	}
	*out = g;
	return RETORT_OK;
}

rt_strv
rt_wgraph_heads(rt_arena *a, const rt_wgraph *g)
{
	rt_strv sv = { NULL, 0 };
	for (size_t i = 0; i < g->n; i++)
		if (g->ndown[i] == 0)
			rt_strv_push(a, &sv, g->nodes[i].id);
	return sv;
}

rt_strv
rt_wgraph_applied(rt_arena *a, const rt_wgraph *g, const rt_strv *rows)
{
	bool *m = new_mark(a, g);
	for (size_t k = 0; k < rows->n; k++) {
		long j = idx_of(g, rows->v[k]);
		if (j >= 0)
			mark_ancestors(g, (size_t)j, m);
	}
	rt_strv sv = { NULL, 0 };
	for (size_t i = 0; i < g->n; i++)
		if (m[i])
			rt_strv_push(a, &sv, g->nodes[i].id);
	return sv;
}

/*
 * Rows: the simulated version table while the plan is built.
 */

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void
rows_sort(rt_strv *rows)
{
	if (rows->n > 1)
		qsort(rows->v, rows->n, sizeof(char *), cmp_str);
}

static void
rows_remove(rt_strv *rows, const char *id)
{
	for (size_t i = 0; i < rows->n; i++)
		if (strcmp(rows->v[i], id) == 0) {
			memmove(&rows->v[i], &rows->v[i + 1],
			        (rows->n - i - 1) * sizeof(char *));
			rows->n--;
			return;
		}
}

void
rt_vops_apply(rt_arena *a, rt_strv *rows, const rt_step *s)
{
	for (size_t i = 0; i < s->nvops; i++) {
		const rt_vop *v = &s->vops[i];
		switch (v->kind) {
		case RT_VOP_INSERT:
			rt_strv_push(a, rows, v->to);
			break;
		case RT_VOP_UPDATE:
			for (size_t k = 0; k < rows->n; k++)
				if (strcmp(rows->v[k], v->from) == 0)
					rows->v[k] = v->to;
			break;
		case RT_VOP_DELETE:
			if (v->from)
				rows_remove(rows, v->from);
			else
				rows->n = 0;
			break;
		}
	}
	rows_sort(rows);
}

typedef struct planner {
	rt_arena *a;
	const rt_wgraph *g;
	rt_vec steps;
	rt_strv rows;           /* the version table as it will be */
} planner;

static void
vop(planner *p, rt_step *s, rt_vop_kind kind, const char *from, const char *to)
{
	s->vops = rt_arena_grow(p->a, s->vops, s->nvops * sizeof(rt_vop),
	                        (s->nvops + 1) * sizeof(rt_vop));
	s->vops[s->nvops++] = (rt_vop){ kind, from, to };
}

static bool
rows_have(const planner *p, size_t i)
{
	return rt_strv_contains(&p->rows, p->g->nodes[i].id);
}

/* The ancestors (themselves included) of every row but skip. */
static bool *
ancestors_of_other_rows(planner *p, const char *skip)
{
	bool *m = new_mark(p->a, p->g);
	for (size_t k = 0; k < p->rows.n; k++) {
		if (skip && strcmp(p->rows.v[k], skip) == 0)
			continue;
		long j = idx_of(p->g, p->rows.v[k]);
		if (j >= 0)
			mark_ancestors(p->g, (size_t)j, m);
	}
	return m;
}

/* Adds the step running revision i up or down, with the version changes
 * of Alembic's HeadMaintainer.update_to_step. */
static int
add_revision_step(planner *p, size_t i, bool up, rt_err *err)
{
	const rt_wgraph *g = p->g;
	const char *id = g->nodes[i].id;
	rt_step *s = rt_new(p->a, rt_step);
	s->kind = up ? RT_STEP_UPGRADE : RT_STEP_DOWNGRADE;
	s->rev = &g->nodes[i];
	rt_strv downs = { NULL, 0 };
	for (size_t k = 0; k < g->nnorm[i]; k++)
		rt_strv_push(p->a, &downs, g->nodes[g->norm[i][k]].id);
	rt_strv self = { NULL, 0 };
	rt_strv_push(p->a, &self, id);
	s->from = up ? downs : self;
	s->to = up ? self : downs;

	size_t in_rows = 0;
	const char *the_down = NULL;
	for (size_t k = 0; k < downs.n; k++)
		if (rt_strv_contains(&p->rows, downs.v[k])) {
			in_rows++;
			the_down = downs.v[k];
		}

	if (!up && rows_have(p, i)) {
		/* Downgrade of a head: the rows its down revisions get, less
		 * those another head still implies. */
		bool *anc = ancestors_of_other_rows(p, id);
		rt_strv to = { NULL, 0 };
		for (size_t k = 0; k < downs.n; k++)
			if (!anc[g->norm[i][k]])
				rt_strv_push(p->a, &to, downs.v[k]);
		if (to.n == 0) {
			vop(p, s, RT_VOP_DELETE, id, NULL);
		} else {
			for (size_t k = 0; k + 1 < to.n; k++)
				vop(p, s, RT_VOP_INSERT, NULL, to.v[k]);
			vop(p, s, RT_VOP_UPDATE, id, to.v[to.n - 1]);
		}
	} else if (up && (downs.n == 0 || in_rows == 0)) {
		/* A base, or a branch whose down revisions are not rows. */
		vop(p, s, RT_VOP_INSERT, NULL, id);
	} else if (up && in_rows > 1) {
		/* A merge: drop the merged rows but one, move that one. */
		bool *own = new_mark(p->a, g);
		for (size_t k = 0; k < downs.n; k++)
			own[g->norm[i][k]] = true;
		/* Rows that are not down revisions of this merge stay. */
		bool *others = new_mark(p->a, g);
		for (size_t k = 0; k < p->rows.n; k++) {
			long j = idx_of(g, p->rows.v[k]);
			if (j >= 0 && !own[j])
				mark_ancestors(g, (size_t)j, others);
		}
		rt_strv from = { NULL, 0 };
		for (size_t k = 0; k < downs.n; k++)
			if (!others[g->norm[i][k]])
				rt_strv_push(p->a, &from, downs.v[k]);
		for (size_t k = 0; k + 1 < from.n; k++)
			vop(p, s, RT_VOP_DELETE, from.v[k], NULL);
		vop(p, s, RT_VOP_UPDATE, from.v[from.n - 1], id);
	} else if (up) {
		vop(p, s, RT_VOP_UPDATE, the_down, id);
	} else {
		return rt_err_set(err, RETORT_ERROR,
		                  "can't downgrade revision '%s': it is not a head of the database",
		                  id);
	}
	rt_vops_apply(p->a, &p->rows, s);
	rt_vec_push(p->a, &p->steps, s);
	return RETORT_OK;
}

/*
 * Alembic's RevisionMap._topological_sort: the revisions of todo, heads
 * first, walking down one branch as long as no other head still needs the
 * candidate. heads are node indices, ordered by file order.
 */
static int
topo_sort(rt_arena *a, const rt_wgraph *g, bool *todo, const bool *is_head,
          size_t *out, size_t *nout, rt_err *err)
{
	size_t n = g->n;
	size_t *cur = rt_alloc(a, sizeof(size_t) * (n + 1));
	bool **anc = rt_alloc(a, sizeof(bool *) * (n + 1));
	size_t ncur = 0, ntodo = 0;
	for (size_t i = 0; i < n; i++) {
		ntodo += todo[i];
		if (is_head[i] && todo[i]) {
			cur[ncur] = i;
			anc[ncur] = new_mark(a, g);
			mark_ancestors(g, i, anc[ncur]);
			ncur++;
		}
	}
	*nout = 0;
	size_t ci = 0;
	size_t guard = 0;
	while (ncur) {
		if (++guard > 4 * (n + 1) * (n + 1))
			return rt_err_set(err, RETORT_ERROR,
			                  "internal error: the revision walk does not end");
		size_t cand = cur[ci];
		bool moved = false;
		for (size_t h = 0; h < ncur; h++)
			if (h != ci && anc[h][cand]) {
				ci = h;
				moved = true;
				break;
			}
		if (moved)
			continue;
		if (todo[cand]) {
			out[(*nout)++] = cand;
			todo[cand] = false;
		}
		size_t add[64];
		size_t nadd = 0;
		size_t *addv = g->nnorm[cand] > 64
		                   ? rt_alloc(a, sizeof(size_t) * g->nnorm[cand])
		                   : add;
		for (size_t k = 0; k < g->nnorm[cand]; k++) {
			size_t r = g->norm[cand][k];
			bool in_cur = false;
			for (size_t h = 0; h < ncur; h++)
				in_cur |= cur[h] == r;
			if (todo[r] && !in_cur)
				addv[nadd++] = r;
		}
		if (nadd == 0) {
			memmove(&cur[ci], &cur[ci + 1], (ncur - ci - 1) * sizeof(size_t));
			memmove(&anc[ci], &anc[ci + 1], (ncur - ci - 1) * sizeof(bool *));
			ncur--;
			ci = ci > 0 ? ci - 1 : 0;
		} else {
			cur[ci] = addv[0];
			anc[ci] = new_mark(a, g);
			mark_ancestors(g, addv[0], anc[ci]);
			for (size_t k = 1; k < nadd; k++) {
				cur[ncur] = addv[k];
				anc[ncur] = new_mark(a, g);
				mark_ancestors(g, addv[k], anc[ncur]);
				ncur++;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		if (todo[i])
			return rt_err_set(err, RETORT_ERROR,
			                  "internal error: revision '%s' was not reached by the walk",
			                  g->nodes[i].id);
	(void)ntodo;
	return RETORT_OK;
}

/* The version rows must name known revisions, each the head of its
 * branch (no row an ancestor of another). */
static int
check_rows(const rt_wgraph *g, const rt_strv *current, rt_err *err)
{
	for (size_t k = 0; k < current->n; k++)
		if (idx_of(g, current->v[k]) < 0)
			return rt_err_set(err, RETORT_ENOTFOUND,
			                  "Can't locate revision identified by '%s' (the database's version table names it, but no revision file has it)",
			                  current->v[k]);
	for (size_t k = 0; k < current->n; k++)
		for (size_t j = 0; j < current->n; j++)
			if (j != k && strcmp(current->v[k], current->v[j]) != 0 &&
			    rt_wgraph_is_ancestor(g, current->v[k], current->v[j]))
				return rt_err_set(err, RETORT_EINVALID,
				                  "the version table holds '%s' and its descendant '%s', but each row must be the head of a branch; repair it with `retort stamp --purge %s` (or the revisions the database really is at)",
				                  current->v[k], current->v[j], current->v[j]);
	return RETORT_OK;
}

static void
finish(planner *p, rt_plan *out)
{
	out->n = p->steps.n;
	out->steps = rt_alloc(p->a, sizeof(rt_step) * (p->steps.n + 1));
	for (size_t i = 0; i < p->steps.n; i++)
		out->steps[i] = *(rt_step *)p->steps.items[i];
	rows_sort(&p->rows);
	out->heads_after = p->rows;
}

/* The plan running every revision of set (heads: where the sort starts)
 * from the rows current: upgrades parents first, downgrades children
 * first. */
static int
plan_set(rt_arena *a, const rt_wgraph *g, bool *set, const bool *is_head,
         const rt_strv *current, bool up, rt_plan *out, rt_err *err)
{
	size_t *order = rt_alloc(a, sizeof(size_t) * (g->n + 1));
	size_t norder;
	int rc = topo_sort(a, g, set, is_head, order, &norder, err);
	if (rc != RETORT_OK)
		return rc;
	planner p = { a, g, { NULL, 0, 0 }, rt_strv_copy(a, current) };
	for (size_t k = 0; k < norder; k++) {
		size_t i = up ? order[norder - 1 - k] : order[k];
		if ((rc = add_revision_step(&p, i, up, err)) != RETORT_OK)
			return rc;
	}
	finish(&p, out);
	return RETORT_OK;
}

int
rt_walk_upgrade(rt_arena *a, const rt_wgraph *g, const rt_strv *current,
                const rt_strv *targets, rt_plan *out, rt_err *err)
{
	int rc = check_rows(g, current, err);
	if (rc != RETORT_OK)
		return rc;
	bool *need = new_mark(a, g);
	bool *have = new_mark(a, g);
	bool *is_head = new_mark(a, g);
	for (size_t k = 0; k < targets->n; k++) {
		long t = idx_of(g, targets->v[k]);
		if (t < 0)
			return rt_err_set(err, RETORT_ENOTFOUND,
			                  "Can't locate revision identified by '%s'",
			                  targets->v[k]);
		mark_ancestors(g, (size_t)t, need);
		is_head[t] = true;
	}
	for (size_t k = 0; k < current->n; k++)
		mark_ancestors(g, (size_t)idx_of(g, current->v[k]), have);
	for (size_t i = 0; i < g->n; i++)
		need[i] = need[i] && !have[i];

	return plan_set(a, g, need, is_head, current, true, out, err);
}

int
rt_walk_downgrade(rt_arena *a, const rt_wgraph *g, const rt_strv *current,
                  const char *target, rt_plan *out, rt_err *err)
{
	int rc = check_rows(g, current, err);
	if (rc != RETORT_OK)
		return rc;
	long t = -1;
	if (target) {
		t = idx_of(g, target);
		if (t < 0)
			return rt_err_set(err, RETORT_ENOTFOUND,
			                  "Can't locate revision identified by '%s'",
			                  target);
	}
	/* What goes: the descendants of the target's children (of the bases
	 * for base) that are applied. */
	bool *drop = new_mark(a, g);
	for (size_t i = 0; i < g->n; i++) {
		bool root = false;
		if (t < 0) {
			root = g->nodes[i].parents.n == 0;
		} else {
			for (size_t k = 0; k < g->nup[i] && !root; k++)
				root = g->up[i][k] == (size_t)t;
		}
		if (root)
			mark_descendants(g, i, drop);
	}
	bool *active = new_mark(a, g);
	bool *is_head = new_mark(a, g);
	bool target_is_row = false;
	for (size_t k = 0; k < current->n; k++) {
		size_t j = (size_t)idx_of(g, current->v[k]);
		mark_ancestors(g, j, active);
		is_head[j] = true;
		target_is_row |= (long)j == t;
	}
	size_t ndrop = 0;
	for (size_t i = 0; i < g->n; i++) {
		drop[i] = drop[i] && active[i];
		ndrop += drop[i];
	}
	if (t >= 0 && ndrop == 0 && !target_is_row)
		return rt_err_set(err, RETORT_ERROR,
		                  "Destination %s is not a valid downgrade target from current head(s)",
		                  target);
	return plan_set(a, g, drop, is_head, current, false, out, err);
}

int
rt_walk_stamp(rt_arena *a, const rt_wgraph *g, const rt_strv *current,
              const rt_strv *targets, bool purge, rt_plan *out, rt_err *err)
{
	int rc;
	if (!purge && (rc = check_rows(g, current, err)) != RETORT_OK)
		return rc;
	planner p = { a, g, { NULL, 0, 0 }, rt_strv_copy(a, current) };
	if (purge) {
		rt_step *s = rt_new(a, rt_step);
		s->kind = RT_STEP_STAMP;
		s->from = rt_strv_copy(a, current);
		vop(&p, s, RT_VOP_DELETE, NULL, NULL);
		rt_vops_apply(a, &p.rows, s);
		rt_vec_push(a, &p.steps, s);
	}
	if (targets->n == 0) {
		/* base: every row goes. */
		rt_strv rows = rt_strv_copy(a, &p.rows);
		for (size_t k = 0; k < rows.n; k++) {
			rt_step *s = rt_new(a, rt_step);
			s->kind = RT_STEP_STAMP;
			rt_strv_push(a, &s->from, rows.v[k]);
			vop(&p, s, RT_VOP_DELETE, rows.v[k], NULL);
			rt_vops_apply(a, &p.rows, s);
			rt_vec_push(a, &p.steps, s);
		}
	}
	for (size_t k = 0; k < targets->n; k++) {
		long t = idx_of(g, targets->v[k]);
		if (t < 0)
			return rt_err_set(err, RETORT_ENOTFOUND,
			                  "Can't locate revision identified by '%s'",
			                  targets->v[k]);
		if (rows_have(&p, (size_t)t))
			continue;
		bool *anc = new_mark(a, g), *desc = new_mark(a, g);
		mark_ancestors(g, (size_t)t, anc);
		mark_descendants(g, (size_t)t, desc);
		rt_step *s = rt_new(a, rt_step);
		s->kind = RT_STEP_STAMP;
		s->rev = &g->nodes[t];
		rt_strv_push(a, &s->to, g->nodes[t].id);
		for (size_t r = 0; r < p.rows.n; r++) {
			long j = idx_of(g, p.rows.v[r]);
			if (j >= 0 && (anc[j] || desc[j]))
				rt_strv_push(a, &s->from, p.rows.v[r]);
		}
		if (s->from.n == 0) {
			vop(&p, s, RT_VOP_INSERT, NULL, g->nodes[t].id);
		} else {
			for (size_t r = 0; r + 1 < s->from.n; r++)
				vop(&p, s, RT_VOP_DELETE, s->from.v[r], NULL);
			vop(&p, s, RT_VOP_UPDATE, s->from.v[s->from.n - 1],
			    g->nodes[t].id);
		}
		rt_vops_apply(a, &p.rows, s);
		rt_vec_push(a, &p.steps, s);
	}
	finish(&p, out);
	return RETORT_OK;
}
