/*
 * fuzz_revid.c: revision identifiers and history ranges resolved against
 * a small graph with a branch, a merge and a label. Any text must resolve
 * or give an error in Alembic's words, never a crash.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "graph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* base a1 -> b2 -> (c3 [label feature], d4) -> e5 merges them; f6 after. */
static const char *const files[][2] = {
	{ "a1", "" }, { "b2", "a1" }, { "c3", "b2" }, { "d4", "b2" },
	{ "e5", "c3, d4" }, { "f6", "e5" }, { "abc1", "f6" }, { "abc2", "f6" },
};

static rt_graph *
build(void)
{
	rt_arena *a = rt_arena_new();
	size_t n = sizeof(files) / sizeof(files[0]);
	rt_revision **revs = rt_alloc(a, n * sizeof(*revs));
	for (size_t i = 0; i < n; i++) {
		char *text = rt_sprintf(a,
			"-- r\n-- Revision ID: %s\n-- Revises: %s\n%s\n"
			"-- migrate:upgrade\nSELECT 1;\n-- migrate:downgrade\nSELECT 1;\n",
			files[i][0], files[i][1],
			strcmp(files[i][0], "c3") == 0 ? "-- Branch Labels: feature" : "");
		if (rt_revision_parse(a, files[i][0], text, strlen(text), 0, &revs[i],
		                      NULL) != RETORT_OK)
			__builtin_trap();
	}
	rt_graph *g;
	if (rt_graph_build(a, revs, n, &g, NULL) != RETORT_OK)
		__builtin_trap();
	return g;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Results live in the graph's arena (as for a command, which loads
	 * the graph once): start afresh now and then, or memory only grows. */
	static rt_graph *g;
	static unsigned calls;
	if (g && ++calls % 1000 == 0) {
		rt_graph_free(g);
		g = NULL;
	}
	if (!g)
		g = build();
	char spec[256];
	if (size >= sizeof(spec))
		size = sizeof(spec) - 1;
	memcpy(spec, data, size);
	spec[size] = '\0';

	rt_strv current = { NULL, 0 };
	rt_arena *a = rt_arena_new();
	rt_strv_push(a, &current, "c3");
	rt_strv_push(a, &current, "d4");
	rt_err err = RT_ERR_INIT;
	rt_strv out = { NULL, 0 };
	(void)rt_graph_resolve(g, spec, &current, &out, &err);
	rt_err_clear(&err);
	(void)rt_graph_resolve(g, spec, NULL, &out, &err);
	rt_err_clear(&err);
	rt_revision **revs;
	size_t n;
	(void)rt_graph_range(g, spec, &current, &revs, &n, &err);
	rt_err_free(&err);
	rt_arena_free(a);
	return 0;
}
