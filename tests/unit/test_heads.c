/* Unit tests: heads.c: which heads `retort check` says need a merge. */
#include "harness.h"
#include "rt.h"
#include "heads.h"

#include <string.h>

/* Each case: revisions as "ID:PARENT,PARENT:LABEL" joined by spaces, and
 * the unmerged heads expected, joined by ",". */
typedef struct heads_case {
	const char *graph;
	const char *want;
} heads_case;

static const heads_case cases[] = {
	{ "", "" },
	{ "a1::", "" },
	{ "a1:: b2:a1:", "" },
	/* Two developers revised the same parent. */
	{ "a1:: b2:a1: c3:a1:", "b2,c3" },
	{ "a1:: b2:a1: c3:a1: d4:a1:", "b2,c3,d4" },
	/* ... and merged again. */
	{ "a1:: b2:a1: c3:a1: m4:b2,c3:", "" },
	/* Independent labelled branches, each with a base of its own. */
	{ "a1::app b2:a1: r1::reports r2:r1:", "" },
	/* A labelled feature branch off the trunk: the trunk is fine. */
	{ "a1:: b2:a1: f3:a1:feature", "" },
	/* Two unlabelled heads beside a labelled branch. */
	{ "a1:: b2:a1: c3:a1: f4:a1:feature", "b2,c3" },
	/* A label both heads inherit is not a branch of their own. */
	{ "a1::app b2:a1: c3:a1:", "b2,c3" },
	/* Three labelled branches, labels deep in their ancestry. */
	{ "a1:: x2:a1:x x3:x2: y2:a1:y y3:y2: z2:a1:z z3:z2:", "" },
};

static rt_graph *
build(const char *spec)
{
	rt_arena *a = rt_arena_new();
	rt_strv items = rt_split_words(a, spec, false);
	rt_revision **revs = rt_alloc(a, (items.n + 1) * sizeof(*revs));
	for (size_t i = 0; i < items.n; i++) {
		char *s = rt_strdup(a, items.v[i]);
		char *parents = strchr(s, ':');
		*parents++ = '\0';
		char *label = strchr(parents, ':');
		*label++ = '\0';
		const char *text = rt_sprintf(a,
			"-- r\n-- Revision ID: %s\n-- Revises: %s\n%s%s\n\n"
			"-- migrate:upgrade\n-- migrate:downgrade\n",
			s, parents, *label ? "-- Branch Labels: " : "", label);
		rt_err e = RT_ERR_INIT;
		ck_assert_msg(rt_revision_parse(a, s, text, strlen(text), 0, &revs[i], &e) ==
		              RETORT_OK, "%s", rt_err_msg(&e));
		rt_err_free(&e);
	}
	rt_graph *g;
	rt_err e = RT_ERR_INIT;
	ck_assert_msg(rt_graph_build(a, revs, items.n, &g, &e) == RETORT_OK, "%s",
	              rt_err_msg(&e));
	rt_err_free(&e);
	return g;
}

START_TEST(test_unmerged_heads)
{
	const heads_case *c = &cases[_i];
	rt_graph *g = build(c->graph);
	rt_strv got = { NULL, 0 };
	rt_heads_unmerged(g, &got);
	const char *s = rt_strv_join(g->arena, &got, ",");
	ck_assert_msg(strcmp(s, c->want) == 0, "%s: got '%s', want '%s'", c->graph, s,
	              c->want);
	rt_graph_free(g);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("heads");
	TCase *tc = tcase_create("Core");
	tcase_add_loop_test(tc, test_unmerged_heads, 0, (int)RT_ARRAY_LEN(cases));
	suite_add_tcase(s, tc);
	return s;
}
