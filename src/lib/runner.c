/* runner.c: see runner.h. */
#include "runner.h"

#include <string.h>

#include "driver.h"
#include "history.h"
#include "quote.h"
#include "revision.h"
#include "version.h"

int
rt_runner_wgraph(rt_arena *a, const rt_graph *g, rt_wgraph **out, rt_err *err)
{
	rt_wnode *nodes = rt_zalloc(a, sizeof(rt_wnode) * (g->n + 1));
	for (size_t i = 0; i < g->n; i++) {
		const rt_revision *r = g->revs[i];
		nodes[i].id = r->id;
		nodes[i].parents = r->down;
		nodes[i].depends = r->depends_on;
		nodes[i].payload = r;
	}
	return rt_wgraph_new(a, nodes, g->n, out, err);
}

static const char *
step_name(const rt_step *s)
{
	switch (s->kind) {
	case RT_STEP_UPGRADE:
		return "upgrade";
	case RT_STEP_DOWNGRADE:
		return "downgrade";
	default:
		return "stamp";
	}
}

const char *
rt_step_describe(rt_arena *a, const rt_step *s)
{
	const char *msg = NULL;
	if (s->kind != RT_STEP_STAMP && s->rev) {
		const rt_revision *r = s->rev->payload;
		msg = r && r->message && *r->message ? r->message : NULL;
	}
	return rt_sprintf(a, "Running %s %s -> %s%s%s", step_name(s),
	                  rt_strv_join(a, &s->from, ", "),
	                  rt_strv_join(a, &s->to, ", "), msg ? ", " : "",
	                  msg ? msg : "");
}

/* The section a step runs, or NULL (a stamp). */
static const rt_section *
step_section(const rt_step *s)
{
	if (s->kind == RT_STEP_STAMP || !s->rev)
		return NULL;
	const rt_revision *r = s->rev->payload;
	return s->kind == RT_STEP_UPGRADE ? &r->upgrade : &r->downgrade;
}

/* A comment line that cannot end early: newlines in a message become
 * spaces. */
static void
put_comment(rt_buf *out, const char *text)
{
	rt_buf_puts(out, "-- ");
	for (const char *p = text; *p; p++)
		rt_buf_putc(out, *p == '\n' || *p == '\r' ? ' ' : *p);
	rt_buf_puts(out, "\n\n");
}

static void
put_stmt(rt_buf *out, const char *sql)
{
	size_t n = strlen(sql);
	while (n && (sql[n - 1] == ' ' || sql[n - 1] == '\n' ||
	             sql[n - 1] == '\t' || sql[n - 1] == '\r' || sql[n - 1] == ';'))
		n--;
	rt_buf_put(out, sql, n);
	rt_buf_puts(out, ";\n\n");
}

void
rt_runner_script(rt_arena *a, const rt_script_opts *o, const rt_plan *plan,
                 rt_buf *out)
{
	rt_dialect d = o->dialect;
	bool per = o->cfg->transaction_per_migration;
	bool open = false;
	if (o->title)
		put_comment(out, o->title);
	if (d == RT_SQLITE && plan->n)
		rt_buf_puts(out, "PRAGMA foreign_keys = OFF;\n\n");
	if (o->create_tables) {
		rt_buf_puts(out, "BEGIN;\n\n");
		open = true;
		put_stmt(out, rt_version_create_sql(a, o->cfg, d));
		put_stmt(out, rt_history_create_sql(a, o->cfg, d));
	}
	for (size_t i = 0; i < plan->n; i++) {
		const rt_step *s = &plan->steps[i];
		const rt_section *sec = step_section(s);
		bool tx = !sec || sec->transaction;
		if (!tx && open) {
			rt_buf_puts(out, "COMMIT;\n\n");
			open = false;
		}
		if (tx && !open) {
			rt_buf_puts(out, "BEGIN;\n\n");
			open = true;
		}
		put_comment(out, rt_step_describe(a, s));
		if (!tx)
			put_comment(out, "transaction:false: these statements run outside a transaction");
		for (size_t k = 0; sec && k < sec->nstmts; k++)
			put_stmt(out, sec->stmts[k].sql);
		if (!tx) {
			rt_buf_puts(out, "BEGIN;\n\n");
			open = true;
		}
		for (size_t k = 0; k < s->nvops; k++) {
			rt_bstmt b;
			rt_version_vop_stmt(a, o->cfg, d, &s->vops[k], &b);
			put_stmt(out, rt_sql_inline(a, &b, d));
		}
		const rt_revision *r = s->rev ? s->rev->payload : NULL;
		rt_bstmt h;
		rt_history_insert_stmt(a, o->cfg, d, r ? r->id : NULL, step_name(s),
		                       r ? r->checksum : NULL, -1, o->applied_by, &h);
		put_stmt(out, rt_sql_inline(a, &h, d));
		if (per || !tx) {
			rt_buf_puts(out, "COMMIT;\n\n");
			open = false;
		}
	}
	if (open)
		rt_buf_puts(out, "COMMIT;\n\n");
}

int
rt_runner_edited(rt_conn *c, rt_arena *a, const rt_config *cfg,
                 const rt_wgraph *wg, const rt_strv *current, rt_strv *out,
                 rt_err *err)
{
	rt_map *sums;
	int rc = rt_history_checksums(c, a, cfg, &sums, err);
	if (rc != RETORT_OK)
		return rc;
	rt_strv applied = rt_wgraph_applied(a, wg, current);
	for (size_t i = 0; i < applied.n; i++) {
		const rt_wnode *n = rt_wgraph_get(wg, applied.v[i]);
		const rt_revision *r = n->payload;
		const char *sum = rt_map_get(sums, r->id);
		if (sum && strcmp(sum, r->checksum) != 0)
			rt_strv_push(a, out, rt_sprintf(a, "%s\t%s\t%s\t%s", r->id,
			                                r->path, sum, r->checksum));
	}
	return RETORT_OK;
}

const char *
rt_runner_edited_text(rt_arena *a, const char *line)
{
	rt_strv f = { NULL, 0 };
	const char *p = line;
	for (int i = 0; i < 3; i++) {
		const char *tab = strchr(p, '\t');
		if (!tab)
			return line;
		rt_strv_push(a, &f, rt_strndup(a, p, (size_t)(tab - p)));
		p = tab + 1;
	}
	return rt_sprintf(a, "%s (%s): edited after it was applied (checksum %.12s... "
	                  "recorded, file has %.12s...)", f.v[0], f.v[1], f.v[2], p);
}
