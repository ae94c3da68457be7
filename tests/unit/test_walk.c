/*
 * Unit tests: the walk (walk.c) on a table of graphs: which revisions run,
 * in which order, which version rows change and which remain, as Alembic
 * does it.
 *
 * A graph is written "a; b:a; c:a; d:b,c; e:d|x": each revision with its
 * parents after ':' and its Depends On after '|', in file order. A plan is
 * written one step after another, "; "-separated: "up b a>b" runs b's
 * upgrade and updates row a to b; "+b" inserts b, "-b" deletes it, "-*"
 * deletes every row; "stamp" steps run nothing. After " = " come the rows
 * left, sorted.
 */
#include "harness.h"
#include "rt.h"
#include "util.h"
#include "walk.h"

#include <stdio.h>
#include <string.h>

static rt_wgraph *
parse_graph(rt_arena *a, const char *spec, rt_err *e, int *rc)
{
	rt_strv items = { NULL, 0 };
	char *s = rt_strdup(a, spec);
	for (char *tok = strtok(s, ";"); tok; tok = strtok(NULL, ";"))
		rt_strv_push(a, &items, rt_trim(tok));
	rt_wnode *v = rt_zalloc(a, sizeof(rt_wnode) * (items.n + 1));
	for (size_t i = 0; i < items.n; i++) {
		char *it = rt_strdup(a, items.v[i]);
		char *dep = strchr(it, '|');
		if (dep) {
			*dep++ = '\0';
			v[i].depends = rt_split_words(a, dep, true);
		}
		char *par = strchr(it, ':');
		if (par) {
			*par++ = '\0';
			v[i].parents = rt_split_words(a, par, true);
		}
		v[i].id = rt_strdup(a, rt_trim(it));
	}
	rt_wgraph *g = NULL;
	*rc = rt_wgraph_new(a, v, items.n, &g, e);
	return g;
}

static void
render(rt_buf *b, const rt_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const rt_step *s = &p->steps[i];
		if (i)
			rt_buf_puts(b, "; ");
		if (s->kind == RT_STEP_UPGRADE)
			rt_buf_printf(b, "up %s", s->rev->id);
		else if (s->kind == RT_STEP_DOWNGRADE)
			rt_buf_printf(b, "down %s", s->rev->id);
		else
			rt_buf_puts(b, "stamp");
		for (size_t k = 0; k < s->nvops; k++) {
			const rt_vop *o = &s->vops[k];
			if (o->kind == RT_VOP_INSERT)
				rt_buf_printf(b, " +%s", o->to);
			else if (o->kind == RT_VOP_DELETE)
				rt_buf_printf(b, " -%s", o->from ? o->from : "*");
			else
				rt_buf_printf(b, " %s>%s", o->from, o->to);
		}
	}
	rt_buf_puts(b, " =");
	for (size_t i = 0; i < p->heads_after.n; i++)
		rt_buf_printf(b, " %s", p->heads_after.v[i]);
}

typedef struct walk_case {
	const char *graph;
	const char *current;    /* rows, space-separated */
	const char *op;         /* "up X Y", "down X", "down base",
	                           "stamp X", "purge X", "stamp base" */
	const char *want;       /* the rendered plan, or "ERR: text" */
} walk_case;

#define LINEAR "a; b:a; c:b"
#define MERGE "a; b:a; c:a; d:b,c"
#define FORK "a; b:a; c:a"
#define DEP "a; b:a; x; c:b|x"
#define TWO "a; b:a; x; y:x"
#define MERGE3 "a; b:a; c:a; e:a; d:b,c,e; f:d"

static const walk_case cases[] = {
	/* A straight line. */
	{ LINEAR, "", "up c", "up a +a; up b a>b; up c b>c = c" },
	{ LINEAR, "a", "up c", "up b a>b; up c b>c = c" },
	{ LINEAR, "", "up a", "up a +a = a" },
	{ LINEAR, "c", "up c", " = c" },
	{ LINEAR, "c", "up a", " = c" },
	{ LINEAR, "c", "down a", "down c c>b; down b b>a = a" },
	{ LINEAR, "c", "down b", "down c c>b = b" },
	{ LINEAR, "c", "down base", "down c c>b; down b b>a; down a -a =" },
	{ LINEAR, "b", "down b", " = b" },
	{ LINEAR, "", "down base", " =" },
	{ LINEAR, "a", "down c", "ERR: Destination c is not a valid downgrade target" },
	{ LINEAR, "zz", "up c", "ERR: Can't locate revision identified by 'zz'" },
	{ LINEAR, "a b", "up c", "ERR: the version table holds 'a' and its descendant 'b'" },
	{ LINEAR, "a b", "purge c", "stamp -*; stamp +c = c" },
	{ LINEAR, "c", "up nope", "ERR: Can't locate revision identified by 'nope'" },
	/* Two branches from one point. */
	{ FORK, "", "up b c", "up a +a; up c a>c; up b +b = b c" },
	{ FORK, "", "up b", "up a +a; up b a>b = b" },
	{ FORK, "b", "up c", "up c +c = b c" },
	{ FORK, "b c", "down a", "down b -b; down c c>a = a" },
	{ FORK, "b c", "down base", "down b -b; down c c>a; down a -a =" },
	{ FORK, "b", "down base", "down b b>a; down a -a =" },
	/* A merge, upgrading into it and downgrading out of it. */
	{ MERGE, "", "up d", "up a +a; up c a>c; up b +b; up d -b c>d = d" },
	{ MERGE, "b", "up d", "up c +c; up d -b c>d = d" },
	{ MERGE, "b c", "up d", "up d -b c>d = d" },
	{ MERGE, "d", "down b", "down d +b d>c = b c" },
	{ MERGE, "d", "down c", "down d +b d>c = b c" },
	{ MERGE, "d", "down a", "down d +b d>c; down b -b; down c c>a = a" },
	{ MERGE, "d", "down base",
	  "down d +b d>c; down b -b; down c c>a; down a -a =" },
	/* A three-way merge and a revision after it. */
	{ MERGE3, "", "up f",
	  "up a +a; up e a>e; up c +c; up b +b; up d -b -c e>d; up f d>f = f" },
	{ MERGE3, "f", "down a",
	  "down f f>d; down d +b +c d>e; down b -b; down c -c; down e e>a = a" },
	/* Depends On: the dependency runs first and its row merges in. */
	{ DEP, "", "up c", "up x +x; up a +a; up b a>b; up c -b x>c = c" },
	{ DEP, "b", "up c", "up x +x; up c -b x>c = c" },
	{ DEP, "c", "down b", "down c +b c>x = b x" },
	/* Two independent bases. */
	{ TWO, "", "up b", "up a +a; up b a>b = b" },
	{ TWO, "b", "up y", "up x +x; up y x>y = b y" },
	{ TWO, "b y", "down a", "down b b>a = a y" },
	{ TWO, "b y", "down base", "down b b>a; down a -a; down y y>x; down x -x =" },
	/* Stamps. */
	{ LINEAR, "", "stamp b", "stamp +b = b" },
	{ LINEAR, "c", "stamp a", "stamp c>a = a" },
	{ LINEAR, "a", "stamp c", "stamp a>c = c" },
	{ LINEAR, "c", "stamp c", " = c" },
	{ LINEAR, "c", "stamp base", "stamp -c =" },
	{ FORK, "b", "stamp c", "stamp +c = b c" },
	{ MERGE, "b c", "stamp d", "stamp -b c>d = d" },
	{ MERGE, "d", "stamp b c", "stamp d>b; stamp +c = b c" },
	{ LINEAR, "zz", "stamp b", "ERR: Can't locate revision identified by 'zz'" },
	{ LINEAR, "zz", "purge b", "stamp -*; stamp +b = b" },
	/* Bad graphs. */
	{ "a; b:a; c:q", "", "up c", "ERR: revision 'c': Revises 'q' is not a known revision" },
	{ "a:c; b:a; c:b", "", "up c", "ERR: cycle in the revision graph" },
	{ "a; a", "", "up a", "ERR: revision 'a' is defined twice" },
};

START_TEST(walk_table)
{
	const walk_case *tc = &cases[_i];
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	int rc;
	rt_wgraph *g = parse_graph(a, tc->graph, &e, &rc);
	rt_plan plan;
	if (rc == RETORT_OK) {
		rt_strv cur = rt_split_words(a, tc->current, false);
		rt_strv words = rt_split_words(a, tc->op, false);
		rt_strv args = { words.v + 1, words.n - 1 };
		if (strcmp(words.v[0], "up") == 0) {
			rc = rt_walk_upgrade(a, g, &cur, &args, &plan, &e);
		} else if (strcmp(words.v[0], "down") == 0) {
			const char *t = strcmp(args.v[0], "base") == 0 ? NULL : args.v[0];
			rc = rt_walk_downgrade(a, g, &cur, t, &plan, &e);
		} else {
			if (args.n == 1 && strcmp(args.v[0], "base") == 0)
				args.n = 0;
			rc = rt_walk_stamp(a, g, &cur, &args,
			                   strcmp(words.v[0], "purge") == 0, &plan, &e);
		}
	}
	if (rt_startswith(tc->want, "ERR: ")) {
		ck_assert_msg(rc != RETORT_OK, "case %d (%s | %s | %s): expected an error",
		              _i, tc->graph, tc->current, tc->op);
		ck_assert_msg(strstr(rt_err_msg(&e), tc->want + 5),
		              "case %d: message '%s' lacks '%s'", _i,
		              rt_err_msg(&e), tc->want + 5);
	} else {
		ck_assert_msg(rc == RETORT_OK, "case %d (%s | %s | %s): %s", _i,
		              tc->graph, tc->current, tc->op, rt_err_msg(&e));
		rt_buf b = RT_BUF_INIT;
		render(&b, &plan);
		ck_assert_msg(strcmp(rt_buf_cstr(&b), tc->want) == 0,
		              "case %d (%s | %s | %s):\n got: '%s'\nwant: '%s'", _i,
		              tc->graph, tc->current, tc->op, rt_buf_cstr(&b),
		              tc->want);
		rt_buf_free(&b);
	}
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

/* Replaying the plan's version changes on the starting rows gives the rows
 * the plan announces, for every case: the executor and the offline writer
 * rely on it. */
START_TEST(vops_replay)
{
	rt_arena *a = rt_arena_new();
	rt_err e = RT_ERR_INIT;
	int rc;
	rt_wgraph *g = parse_graph(a, MERGE3, &e, &rc);
	ck_assert_int_eq(rc, RETORT_OK);
	rt_strv none = { NULL, 0 };
	rt_strv f = rt_split_words(a, "f", false);
	rt_plan up, down;
	ck_assert_int_eq(rt_walk_upgrade(a, g, &none, &f, &up, &e), RETORT_OK);
	rt_strv rows = { NULL, 0 };
	for (size_t i = 0; i < up.n; i++)
		rt_vops_apply(a, &rows, &up.steps[i]);
	ck_assert_int_eq(rows.n, 1);
	ck_assert_str_eq(rows.v[0], "f");
	ck_assert_int_eq(rt_walk_downgrade(a, g, &rows, NULL, &down, &e),
	                 RETORT_OK);
	for (size_t i = 0; i < down.n; i++)
		rt_vops_apply(a, &rows, &down.steps[i]);
	ck_assert_int_eq(rows.n, 0);
	ck_assert_int_eq(up.n, down.n);
	rt_strv heads = rt_wgraph_heads(a, g);
	ck_assert_int_eq(heads.n, 1);
	ck_assert(rt_wgraph_is_ancestor(g, "a", "f"));
	ck_assert(!rt_wgraph_is_ancestor(g, "f", "a"));
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("Core");
	tcase_add_loop_test(tc, walk_table, 0, (int)RT_ARRAY_LEN(cases));
	tcase_add_test(tc, vops_replay);
	suite_add_tcase(s, tc);
	return s;
}
