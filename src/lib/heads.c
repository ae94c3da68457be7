/* heads.c: see heads.h. */
#include "heads.h"

#include <string.h>

#include "model.h"

/* Collects the branch labels of rev and all its ancestors into *labels
 * (each once); seen marks revisions visited, indexed by rev->order. */
static void
ancestry_labels(rt_arena *a, const rt_revision *rev, bool *seen, rt_strv *labels)
{
	/* Iterative depth-first walk: histories are long. */
	const rt_revision **stack = NULL;
	size_t n = 0;
	RT_PUSH(a, stack, n, rev);
	while (n) {
		const rt_revision *r = stack[--n];
		if (seen[r->order])
			continue;
		seen[r->order] = true;
		for (size_t i = 0; i < r->branch_labels.n; i++)
			if (!rt_strv_contains(labels, r->branch_labels.v[i]))
				rt_strv_push(a, labels, r->branch_labels.v[i]);
		for (size_t i = 0; i < r->nparents; i++)
			RT_PUSH(a, stack, n, (const rt_revision *)r->parents[i]);
	}
}

void
rt_heads_unmerged(const rt_graph *g, rt_strv *unmerged)
{
	if (g->nheads < 2)
		return;
	rt_arena *a = rt_arena_new();
	rt_strv *labels = rt_alloc(a, g->nheads * sizeof(*labels));
	for (size_t h = 0; h < g->nheads; h++) {
		bool *seen = rt_alloc(a, g->n ? g->n : 1);
		memset(seen, 0, g->n ? g->n : 1);
		labels[h].v = NULL;
		labels[h].n = 0;
		ancestry_labels(a, g->heads[h], seen, &labels[h]);
	}
	rt_strv bare = { NULL, 0 };
	for (size_t h = 0; h < g->nheads; h++) {
		bool own = false;
		for (size_t i = 0; i < labels[h].n && !own; i++) {
			bool shared = false;
			for (size_t k = 0; k < g->nheads && !shared; k++)
				shared = k != h && rt_strv_contains(&labels[k], labels[h].v[i]);
			own = !shared;
		}
		if (!own)
			rt_strv_push(a, &bare, g->heads[h]->id);
	}
	if (bare.n >= 2)
		for (size_t i = 0; i < bare.n; i++)
			rt_strv_push(g->arena, unmerged, bare.v[i]);
	rt_arena_free(a);
}
