/* Unit tests: the revision graph (graph.c): linking, order, heads,
 * identifier resolution, ranges and every error. */
#include "harness.h"
#include "rt.h"
#include "config.h"
#include "graph.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One revision of a test graph. */
typedef struct spec {
	const char *id;
	const char *revises;  /* "a, b" or "" */
	const char *labels;   /* or NULL */
	const char *depends;  /* or NULL */
} spec;

/* The text of a revision file for s. */
static char *
file_text(rt_arena *a, const spec *s)
{
	rt_buf b = RT_BUF_INIT;
	rt_buf_printf(&b, "-- revision %s\n-- Revision ID: %s\n-- Revises: %s\n",
	              s->id, s->id, s->revises);
	if (s->labels)
		rt_buf_printf(&b, "-- Branch Labels: %s\n", s->labels);
	if (s->depends)
		rt_buf_printf(&b, "-- Depends On: %s\n", s->depends);
	rt_buf_printf(&b, "\n-- migrate:upgrade\nCREATE TABLE t_%s (a int);\n\n"
	              "-- migrate:downgrade\nDROP TABLE t_%s;\n", s->id, s->id);
	char *t = rt_strdup(a, rt_buf_cstr(&b));
	rt_buf_free(&b);
	return t;
}

/* Builds a graph from specs (files named ID.sql). */
static int
build(const spec *specs, size_t n, rt_graph **g, rt_err *e)
{
	rt_arena *a = rt_arena_new();
	rt_revision **revs = rt_alloc(a, n * sizeof(*revs));
	for (size_t i = 0; i < n; i++) {
		const char *t = file_text(a, &specs[i]);
		int rc = rt_revision_parse(a, rt_sprintf(a, "%s.sql", specs[i].id), t,
		                           strlen(t), RT_POSTGRES, &revs[i], e);
		ck_assert_msg(rc == RETORT_OK, "%s", rt_err_msg(e));
	}
	return rt_graph_build(a, revs, n, g, e);
}

/* Two branches from ab12; cd56 carries the label "feat". */
static const spec branched[] = {
	{ "a1b2", "", NULL, NULL },
	{ "ab12", "a1b2", NULL, NULL },
	{ "ab34", "ab12", NULL, NULL },
	{ "cd56", "ab12", "feat", NULL },
	{ "ef78", "", "other", NULL },          /* a second base */
	{ "ef90", "ef78", NULL, "cd56" },      /* depends on the feature */
};

/* A branch and its merge: a1 <- b2 <- (c3, d4) <- e5 <- f6. */
static const spec merged[] = {
	{ "f6", "e5", NULL, NULL },
	{ "e5", "c3, d4", NULL, NULL },
	{ "d4", "b2", "feat", NULL },
	{ "c3", "b2", NULL, NULL },
	{ "b2", "a1", NULL, NULL },
	{ "a1", "", NULL, NULL },
};

static const char *
ids(rt_arena *a, rt_revision **revs, size_t n)
{
	rt_strv sv = { NULL, 0 };
	for (size_t i = 0; i < n; i++)
		rt_strv_push(a, &sv, revs[i]->id);
	return rt_strv_join(a, &sv, " ");
}

START_TEST(links_order_heads)
{
	rt_graph *g;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(build(merged, RT_ARRAY_LEN(merged), &g, &e), RETORT_OK);
	rt_arena *a = rt_arena_new();
	ck_assert_uint_eq(g->n, 6);
	ck_assert_str_eq(ids(a, g->revs, g->n), "a1 b2 c3 d4 e5 f6");
	ck_assert_str_eq(ids(a, g->heads, g->nheads), "f6");
	ck_assert_str_eq(ids(a, g->bases, g->nbases), "a1");
	const rt_revision *b2 = rt_graph_get(g, "b2");
	ck_assert_str_eq(ids(a, b2->children, b2->nchildren), "c3 d4");
	const rt_revision *e5 = rt_graph_get(g, "e5");
	ck_assert_str_eq(ids(a, e5->parents, e5->nparents), "c3 d4");
	ck_assert_ptr_null(rt_graph_get(g, "zz"));
	ck_assert_ptr_null(rt_graph_get(g, "e"));
	ck_assert(rt_graph_is_ancestor(g, rt_graph_get(g, "a1"), rt_graph_get(g, "f6")));
	ck_assert(rt_graph_is_ancestor(g, rt_graph_get(g, "d4"), rt_graph_get(g, "e5")));
	ck_assert(!rt_graph_is_ancestor(g, rt_graph_get(g, "c3"), rt_graph_get(g, "d4")));
	ck_assert(!rt_graph_is_ancestor(g, rt_graph_get(g, "f6"), rt_graph_get(g, "a1")));
	rt_graph_free(g);

	ck_assert_int_eq(build(branched, RT_ARRAY_LEN(branched), &g, &e), RETORT_OK);
	/* ef90 depends on cd56, so it comes after it. */
	ck_assert_str_eq(ids(a, g->revs, g->n), "a1b2 ef78 ab12 ab34 cd56 ef90");
	ck_assert_str_eq(ids(a, g->heads, g->nheads), "ab34 cd56 ef90");
	ck_assert_str_eq(ids(a, g->bases, g->nbases), "a1b2 ef78");
	ck_assert_uint_eq(rt_graph_get(g, "ef90")->ndeps, 1);
	rt_graph_free(g);
	rt_arena_free(a);
	rt_err_free(&e);
}
END_TEST

/* Identifier resolution: graph, identifier, current, expected ids (space
 * separated) or the error code and message. */
typedef struct resolve_case {
	const spec *graph;
	size_t ngraph;
	const char *spec;
	const char *current;  /* space separated, or NULL: no database */
	int rc;
	const char *want;     /* ids, or the message */
} resolve_case;

#define B branched, RT_ARRAY_LEN(branched)
#define M merged, RT_ARRAY_LEN(merged)
#define MULTI "Multiple head revisions are present; please specify a specific target revision, 'heads' for all heads, or merge"

static const resolve_case resolves[] = {
	{ M, "head", NULL, RETORT_OK, "f6" },
	{ M, "heads", NULL, RETORT_OK, "f6" },
	{ M, "base", NULL, RETORT_OK, "" },
	{ M, "c3", NULL, RETORT_OK, "c3" },
	{ M, "feat", NULL, RETORT_OK, "d4" },
	{ M, "feat@head", NULL, RETORT_OK, "f6" },
	{ M, "head-1", NULL, RETORT_OK, "e5" },
	{ M, "head-2", NULL, RETORT_EINVALID,
	  "relative revision 'head-2' is ambiguous: e5 is a merge of 2 revisions" },
	{ M, "c3+2", NULL, RETORT_OK, "f6" },
	{ M, "b2+1", NULL, RETORT_EINVALID,
	  "relative revision 'b2+1' is ambiguous: b2 has 2 branches (c3, ...); name one with LABEL@head or a revision" },
	{ M, "a1-1", NULL, RETORT_OK, "" },
	{ M, "a1-2", NULL, RETORT_EINVALID, "Relative revision a1-2 didn't produce 2 migrations" },
	{ M, "f6+1", NULL, RETORT_EINVALID, "Relative revision f6+1 didn't produce 1 migrations" },
	{ M, "+1", NULL, RETORT_OK, "a1" },
	{ M, "+2", "", RETORT_OK, "b2" },
	{ M, "+1", "e5", RETORT_OK, "f6" },
	{ M, "-1", "f6", RETORT_OK, "e5" },
	{ M, "-1", "", RETORT_EINVALID, "Relative revision -1 didn't produce 1 migrations" },
	{ M, "current", "c3 d4", RETORT_OK, "c3 d4" },
	{ M, "-1", "c3 d4", RETORT_EINVALID,
	  "relative revision '-1' is ambiguous: it starts from several revisions (c3, d4)" },
	{ B, "head", NULL, RETORT_EINVALID, MULTI },
	{ B, "head-1", NULL, RETORT_EINVALID, MULTI },
	{ B, "heads", NULL, RETORT_OK, "ab34 cd56 ef90" },
	{ B, "a1b2", NULL, RETORT_OK, "a1b2" },
	{ B, "a1", NULL, RETORT_OK, "a1b2" },
	{ B, "cd", NULL, RETORT_OK, "cd56" },
	{ B, "ab", NULL, RETORT_EAMBIGUOUS, "Multiple revisions start with 'ab': ab12, ab34" },
	{ B, "e", NULL, RETORT_EAMBIGUOUS, "Multiple revisions start with 'e': ef78, ef90" },
	{ B, "zz", NULL, RETORT_ENOTFOUND, "Can't locate revision identified by 'zz'" },
	{ B, "zz+1", NULL, RETORT_ENOTFOUND, "Can't locate revision identified by 'zz'" },
	{ B, "feat", NULL, RETORT_OK, "cd56" },
	{ B, "feat@head", NULL, RETORT_OK, "cd56" },
	{ B, "other@head", NULL, RETORT_OK, "ef90" },
	{ B, "ab12@heads", NULL, RETORT_OK, "ab34 cd56" },
	{ B, "ab12@head", NULL, RETORT_EINVALID,
	  "Multiple head revisions are present for given argument 'ab12@head': ab34, cd56; please specify a specific target revision or 'ab12@heads'" },
	{ B, "nope@head", NULL, RETORT_ENOTFOUND, "Can't locate revision identified by 'nope'" },
	{ B, "feat@tail", NULL, RETORT_EINVALID, "bad revision identifier 'feat@tail' (expected LABEL@head)" },
	{ B, "feat@head-1", NULL, RETORT_OK, "ab12" },
	{ B, "a1b2+1", NULL, RETORT_OK, "ab12" },
	{ B, "+1", "", RETORT_EINVALID,
	  "relative revision '+1' is ambiguous: base has 2 branches (a1b2, ...); name one with LABEL@head or a revision" },
	{ B, "ab34-3", NULL, RETORT_OK, "" },
	{ B, "a1b2:ab34", NULL, RETORT_EINVALID, "a range 'a1b2:ab34' is not allowed here (give one revision)" },
	{ B, "", NULL, RETORT_EINVALID, "empty revision identifier" },
};

START_TEST(resolve_table)
{
	const resolve_case *c = &resolves[_i];
	rt_graph *g;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(build(c->graph, c->ngraph, &g, &e), RETORT_OK);
	rt_strv cur = { NULL, 0 }, out = { NULL, 0 };
	if (c->current)
		cur = rt_split_words(g->arena, c->current, false);
	int rc = rt_graph_resolve(g, c->spec, c->current ? &cur : NULL, &out, &e);
	ck_assert_msg(rc == c->rc, "'%s': rc %d, want %d (%s)", c->spec, rc, c->rc,
	              rt_err_msg(&e));
	if (rc == RETORT_OK)
		ck_assert_str_eq(rt_strv_join(g->arena, &out, " "), c->want);
	else
		ck_assert_str_eq(rt_err_msg(&e), c->want);
	rt_graph_free(g);
	rt_err_free(&e);
}
END_TEST

typedef struct range_case {
	const char *range;
	const char *current;
	int rc;
	const char *want;
} range_case;

static const range_case ranges[] = {
	{ NULL, NULL, RETORT_OK, "f6 e5 d4 c3 b2 a1" },
	{ ":", NULL, RETORT_OK, "f6 e5 d4 c3 b2 a1" },
	{ "c3:", NULL, RETORT_OK, "f6 e5 c3" },
	{ ":c3", NULL, RETORT_OK, "c3 b2 a1" },
	{ "base:b2", NULL, RETORT_OK, "b2 a1" },
	{ "d4:e5", NULL, RETORT_OK, "e5 d4" },
	{ "b2:head", NULL, RETORT_OK, "f6 e5 d4 c3 b2" },
	{ "current:", "e5", RETORT_OK, "f6 e5" },
	{ "-1:current", "e5", RETORT_EINVALID,
	  "relative revision '-1' is ambiguous: e5 is a merge of 2 revisions" },
	{ "c3", NULL, RETORT_EINVALID,
	  "History range requires [start]:[end], [start]:, or :[end] (got 'c3')" },
	{ "a:b:c", NULL, RETORT_EINVALID,
	  "History range requires [start]:[end], [start]:, or :[end] (got 'a:b:c')" },
	{ "zz:", NULL, RETORT_ENOTFOUND, "Can't locate revision identified by 'zz'" },
};

START_TEST(range_table)
{
	const range_case *c = &ranges[_i];
	rt_graph *g;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(build(merged, RT_ARRAY_LEN(merged), &g, &e), RETORT_OK);
	rt_strv cur = { NULL, 0 };
	if (c->current)
		cur = rt_split_words(g->arena, c->current, false);
	rt_revision **revs;
	size_t n;
	int rc = rt_graph_range(g, c->range, &cur, &revs, &n, &e);
	ck_assert_msg(rc == c->rc, "'%s': rc %d (%s)", c->range, rc, rt_err_msg(&e));
	if (rc == RETORT_OK)
		ck_assert_str_eq(ids(g->arena, revs, n), c->want);
	else
		ck_assert_str_eq(rt_err_msg(&e), c->want);
	rt_graph_free(g);
	rt_err_free(&e);
}
END_TEST

/* Graphs that do not load, and the whole message. */
typedef struct bad_graph {
	spec specs[4];
	size_t n;
	const char *want;
} bad_graph;

static const bad_graph bad_graphs[] = {
	{ { { "a1", "", NULL, NULL }, { "b2", "a1", NULL, NULL },
	    { "b2", "", NULL, NULL } }, 3,
	  "b2.sql:2: duplicate revision id 'b2' (also in b2.sql)" },
	{ { { "a1", "", NULL, NULL }, { "b2", "a1, x9", NULL, NULL },
	    { "c3", "b2", NULL, "y8" } }, 3,
	  "b2.sql:3: Revises: Can't locate revision identified by 'x9'\n"
	  "c3.sql: Depends On: Can't locate revision identified by 'y8'" },
	{ { { "a1", "", "lab", NULL }, { "b2", "a1", "lab", NULL } }, 2,
	  "b2.sql: branch label 'lab' is already used by revision 'a1' (a1.sql)" },
	{ { { "x0", "", NULL, NULL }, { "a1", "x0, c3", NULL, NULL },
	    { "b2", "a1", NULL, NULL }, { "c3", "b2", NULL, NULL } }, 4,
	  "cycle in the revision graph: 'a1' (a1.sql) -> 'c3' (c3.sql) -> 'b2' (b2.sql) -> 'a1'" },
	{ { { "a1", "b2", NULL, NULL }, { "b2", "a1", NULL, NULL } }, 2,
	  "cycle in the revision graph: 'a1' (a1.sql) -> 'b2' (b2.sql) -> 'a1'" },
	{ { { "a1", "", NULL, "b2" }, { "b2", "a1", NULL, NULL } }, 2,
	  "cycle in the revision graph: 'a1' (a1.sql) -> 'b2' (b2.sql) -> 'a1'" },
};

START_TEST(bad_graph_table)
{
	const bad_graph *c = &bad_graphs[_i];
	rt_graph *g = NULL;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(build(c->specs, c->n, &g, &e), RETORT_EINVALID);
	ck_assert_ptr_null(g);
	ck_assert_str_eq(rt_err_msg(&e), c->want);
	rt_err_free(&e);
}
END_TEST

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(load_version_locations)
{
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	const char *dir = rt_sprintf(a, "%s/proj", test_tmpdir());
	mkdir(dir, 0777);
	mkdir(rt_sprintf(a, "%s/v1", dir), 0777);
	mkdir(rt_sprintf(a, "%s/v2", dir), 0777);
	for (size_t i = 0; i < RT_ARRAY_LEN(merged); i++)
		write_file(rt_sprintf(a, "%s/v%d/%s_x.sql", dir, i % 2 ? 1 : 2,
		                      merged[i].id),
		           file_text(a, &merged[i]));
	write_file(rt_sprintf(a, "%s/v1/README", dir), "not a revision");
	const char *ini = rt_sprintf(a, "[retort]\nversion_locations = %s/v1 %s/v2\n",
	                             dir, dir);
	rt_config *cfg;
	ck_assert_int_eq(rt_config_parse(a, rt_sprintf(a, "%s/retort.ini", dir), ini,
	                                 strlen(ini), &cfg, &e), RETORT_OK);
	rt_graph *g;
	ck_assert_msg(rt_graph_load(cfg, RT_SQLITE, &g, &e) == RETORT_OK, "%s",
	              rt_err_msg(&e));
	ck_assert_uint_eq(g->n, 6);
	ck_assert_str_eq(ids(a, g->revs, g->n), "a1 b2 c3 d4 e5 f6");
	ck_assert_uint_eq(rt_graph_get(g, "c3")->upgrade.nstmts, 1);
	rt_graph_free(g);

	/* A bad file and a duplicate across directories: all reported. */
	write_file(rt_sprintf(a, "%s/v1/zz_bad.sql", dir), "-- Revision ID: zz\n");
	write_file(rt_sprintf(a, "%s/v2/dup.sql", dir),
	           file_text(a, &merged[0]));
	g = NULL;
	ck_assert_int_eq(rt_graph_load(cfg, RT_SQLITE, &g, &e), RETORT_EINVALID);
	ck_assert_ptr_null(g);
	const char *want = rt_sprintf(a,
	    "%s/v1/zz_bad.sql:2: missing section '-- migrate:upgrade'\n"
	    "%s/v1/zz_bad.sql:2: missing section '-- migrate:downgrade'", dir, dir);
	ck_assert_str_eq(rt_err_msg(&e), want);
	unlink(rt_sprintf(a, "%s/v1/zz_bad.sql", dir));
	ck_assert_int_eq(rt_graph_load(cfg, RT_SQLITE, &g, &e), RETORT_EINVALID);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "duplicate revision id 'f6'"));

	/* A version location that is not there. */
	ini = rt_sprintf(a, "[retort]\nversion_locations = %s/none\n", dir);
	ck_assert_int_eq(rt_config_parse(a, rt_sprintf(a, "%s/retort.ini", dir), ini,
	                                 strlen(ini), &cfg, &e), RETORT_OK);
	ck_assert_int_eq(rt_graph_load(cfg, RT_SQLITE, &g, &e), RETORT_EINVALID);
	ck_assert_str_eq(rt_err_msg(&e),
	                 rt_sprintf(a, "version location %s/none is not a directory", dir));
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(empty_graph)
{
	rt_graph *g;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_graph_build(rt_arena_new(), NULL, 0, &g, &e), RETORT_OK);
	ck_assert_uint_eq(g->n, 0);
	rt_strv out = { NULL, 0 };
	ck_assert_int_eq(rt_graph_resolve(g, "head", NULL, &out, &e), RETORT_OK);
	ck_assert_uint_eq(out.n, 0);
	ck_assert_int_eq(rt_graph_resolve(g, "heads", NULL, &out, &e), RETORT_OK);
	ck_assert_uint_eq(out.n, 0);
	ck_assert_int_eq(rt_graph_resolve(g, "x", NULL, &out, &e), RETORT_ENOTFOUND);
	rt_graph_free(g);
	rt_graph_free(NULL);
	rt_err_free(&e);
}
END_TEST

/* The lanes of history --graph. */
static const char *
drawn(const spec *specs, size_t n, const char *range)
{
	rt_graph *g;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(build(specs, n, &g, &e), RETORT_OK);
	rt_revision **revs;
	size_t k;
	ck_assert_int_eq(rt_graph_range(g, range, NULL, &revs, &k, &e), RETORT_OK);
	const char **rows, **after;
	rt_graph_draw(g, revs, k, &rows, &after);
	rt_buf b = RT_BUF_INIT;
	for (size_t i = 0; i < k; i++)
		rt_buf_printf(&b, "%s %s\n%s", rows[i], revs[i]->id, after[i]);
	static char out[4096];
	snprintf(out, sizeof(out), "%s", rt_buf_cstr(&b));
	rt_buf_free(&b);
	rt_graph_free(g);
	rt_err_free(&e);
	return out;
}

START_TEST(draw)
{
	ck_assert_str_eq(drawn(merged, RT_ARRAY_LEN(merged), NULL),
	                 "* f6\n"
	                 "* e5\n"
	                 "|\\\n"
	                 "| * d4\n"
	                 "* | c3\n"
	                 "|/\n"
	                 "* b2\n"
	                 "* a1\n");
	/* Three heads, two bases. */
	ck_assert_str_eq(drawn(branched, RT_ARRAY_LEN(branched), NULL),
	                 "* ef90\n"
	                 "| * cd56\n"
	                 "| | * ab34\n"
	                 "| |/\n"
	                 "| * ab12\n"
	                 "* | ef78\n"
	                 " /\n"
	                 "* a1b2\n");
	/* Merges of merges, a late head on an old branch, a second base. */
	static const spec crossing[] = {
		{ "a", "", NULL, NULL }, { "b", "a", NULL, NULL },
		{ "c", "a", NULL, NULL }, { "d", "a", NULL, NULL },
		{ "m1", "b, c", NULL, NULL }, { "e", "d", NULL, NULL },
		{ "m2", "m1, e", NULL, NULL }, { "x", "", NULL, NULL },
		{ "y", "b", NULL, NULL },
	};
	ck_assert_str_eq(drawn(crossing, RT_ARRAY_LEN(crossing), NULL),
	                 "* m2\n"
	                 "|\\\n"
	                 "| * e\n"
	                 "* | m1\n"
	                 "|\\ \\\n"
	                 "|  \\ \\\n"
	                 "| * | | y\n"
	                 "| | | * d\n"
	                 "| | * | c\n"
	                 "|/ / /\n"
	                 "* | | b\n"
	                 "| | | * x\n"
	                 "|/ /\n"
	                 "* a\n");
	ck_assert_str_eq(drawn(merged, RT_ARRAY_LEN(merged), "d4:"),
	                 "* f6\n"
	                 "* e5\n"
	                 "|\\\n"
	                 "| * d4\n");
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("graph");
	TCase *tc = tcase_create("Core");
	tcase_add_test(tc, links_order_heads);
	tcase_add_test(tc, load_version_locations);
	tcase_add_test(tc, empty_graph);
	tcase_add_test(tc, draw);
	suite_add_tcase(s, tc);
	TCase *tr = tcase_create("Resolve");
	tcase_add_loop_test(tr, resolve_table, 0, (int)RT_ARRAY_LEN(resolves));
	tcase_add_loop_test(tr, range_table, 0, (int)RT_ARRAY_LEN(ranges));
	suite_add_tcase(s, tr);
	TCase *te = tcase_create("Errors");
	tcase_add_loop_test(te, bad_graph_table, 0, (int)RT_ARRAY_LEN(bad_graphs));
	suite_add_tcase(s, te);
	return s;
}
