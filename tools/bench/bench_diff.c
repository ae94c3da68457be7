/*
 * bench_diff: CPU time of the pure diff (rt_diff) and of rendering, on a
 * model of N tables (default 2000) against an identical one and against
 * one where every tenth table changes. Not a test: prints the figures.
 *
 *     build/tools/bench-diff [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "rt.h"
#include "ddl.h"
#include "diff.h"
#include "model.h"
#include "render.h"

static double
cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* N tables of 8 columns, a primary key, a foreign key to the table before,
 * a unique constraint and two indexes; `changed` alters every tenth. */
static rt_model *
build(int n, bool changed)
{
	rt_model *m = rt_model_new(RT_POSTGRES);
	char name[64], ref[64];
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "t%05d", i);
		rt_table *t = rt_model_add_table(m, "public", name);
		static const char *const cols[] = { "id", "parent_id", "name",
			"email", "created_at", "score", "flags", "note" };
		for (size_t j = 0; j < RT_ARRAY_LEN(cols); j++) {
			rt_column *c = rt_table_add_column(m, t, cols[j],
			    j < 2 ? "bigint" : (changed && i % 10 == 0 && j == 5) ? "bigint" : "text");
			c->nullable = j != 0;
		}
		rt_constraint *pk = rt_table_add_constraint(m, t, RT_PRIMARY_KEY,
		                                            rt_sprintf(m->arena, "pk_%s", name));
		rt_strv_push(m->arena, &pk->columns, "id");
		if (i) {
			snprintf(ref, sizeof(ref), "t%05d", i - 1);
			rt_constraint *fk = rt_table_add_constraint(m, t, RT_FOREIGN_KEY,
			    rt_sprintf(m->arena, "fk_%s_parent", name));
			rt_strv_push(m->arena, &fk->columns, "parent_id");
			fk->ref_schema = "public";
			fk->ref_table = rt_strdup(m->arena, ref);
			rt_strv_push(m->arena, &fk->ref_columns, "id");
		}
		rt_constraint *uq = rt_table_add_constraint(m, t, RT_UNIQUE,
		                                            rt_sprintf(m->arena, "uq_%s_email", name));
		rt_strv_push(m->arena, &uq->columns, "email");
		for (int k = 0; k < 2; k++) {
			rt_index *ix = rt_table_add_index(m, t,
			    rt_sprintf(m->arena, "ix_%s_%d", name, k));
			rt_index_add_elem(m, ix)->column = k ? "created_at" : "name";
		}
	}
	rt_model_sort(m);
	return m;
}

static void
run(const char *what, const rt_model *have, const rt_model *want)
{
	double t0 = cpu_ms();
	rt_ops *ops = NULL;
	if (rt_diff(have, want, &ops, NULL) != RETORT_OK) {
		fprintf(stderr, "diff failed\n");
		exit(1);
	}
	double t1 = cpu_ms();
	rt_buf b = RT_BUF_INIT;
	rt_ddl_opts o = { "public", NULL };
	rt_render_ops(&b, want->dialect, &o, ops);
	rt_ops *down = rt_ops_inverse(ops);
	rt_render_ops(&b, want->dialect, &o, down);
	double t2 = cpu_ms();
	printf("%-28s %5zu ops  diff %8.1f ms  render up+down %8.1f ms\n", what,
	       ops->n, t1 - t0, t2 - t1);
	rt_buf_free(&b);
	rt_ops_free(down);
	rt_ops_free(ops);
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	rt_model *a = build(n, false), *b = build(n, false), *c = build(n, true);
	rt_model *empty = rt_model_new(RT_POSTGRES);
	printf("%d tables\n", n);
	run("identical", a, b);
	run("every tenth table altered", a, c);
	run("from empty (scratch DDL)", empty, a);
	rt_model_free(a);
	rt_model_free(b);
	rt_model_free(c);
	rt_model_free(empty);
	return 0;
}
