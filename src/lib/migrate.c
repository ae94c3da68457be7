/*
 * migrate.c: the public commands that move a database between revisions:
 * upgrade, downgrade, stamp (online and offline), verify, status.
 *
 * Online, every step runs like this (DESIGN.md section 6):
 *
 *     take the migration lock (lock.h)
 *     loop:
 *         BEGIN (SQLite: BEGIN IMMEDIATE, which is the lock)
 *         re-read the version table; plan from it to the target (walk.h)
 *         nothing left: COMMIT, done
 *         run the first step's statements, its version and history rows
 *         (SQLite: foreign keys off around it, PRAGMA foreign_key_check)
 *         COMMIT
 *
 * Planning again inside each transaction makes a stale plan impossible:
 * whatever another process applied in between is seen, and no revision runs
 * twice. With transaction_per_migration = false the whole plan runs in the
 * first transaction. Relative targets (+1, -1) are resolved once, against
 * the rows read under the lock at the start.
 */
#include "handle.h"

#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "history.h"
#include "lock.h"
#include "revision.h"
#include "runner.h"
#include "version.h"
#include "walk.h"

typedef enum run_kind { RUN_UPGRADE, RUN_DOWNGRADE, RUN_STAMP } run_kind;

typedef struct run {
	retort *r;
	rt_arena *a;
	const rt_config *cfg;
	rt_conn *c;
	rt_dialect d;
	rt_graph *g;
	rt_wgraph *wg;
	const char *applied_by;
	run_kind kind;
	bool purge;
	rt_strv targets;        /* resolved ids (downgrade: 0 or 1) */
	rt_strv committed;      /* the version rows as last committed (a
	                           copy: the plan changes its rows in place) */
	const char *fk_orig;    /* SQLite: PRAGMA foreign_keys before */
	bool stepped;           /* a step was started */
	size_t max_steps;       /* downgrade -N: N; else 0 */
	size_t done;            /* steps committed or running */
} run;

static const char *
rows_text(rt_arena *a, const rt_strv *rows)
{
	return rows->n ? rt_strv_join(a, rows, ", ") : "base";
}

/* True when x and y hold the same ids, in any order (a few rows: heads). */
static bool
same_set(const rt_strv *x, const rt_strv *y)
{
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++)
		if (!rt_strv_contains(y, x->v[i]))
			return false;
	return true;
}

static bool
same_rows(const rt_strv *x, const rt_strv *y)
{
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->v[i], y->v[i]) != 0)
			return false;
	return true;
}

/* Loads the scripts for dialect d and the walk's view of them. */
static int
load_graph(retort *r, rt_arena *a, rt_dialect d, rt_graph **g, rt_wgraph **wg)
{
	rt_err e = RT_ERR_INIT;
	if (rt_graph_load(r->config, d, g, &e) != RETORT_OK)
		return rt_fail_with(r, &e);
	if (rt_runner_wgraph(a, *g, wg, &e) != RETORT_OK) {
		rt_graph_free(*g);
		*g = NULL;
		return rt_fail_with(r, &e);
	}
	rt_err_free(&e);
	return RETORT_OK;
}

/* Starts a transaction; on SQLite that is the lock, waited for up to
 * lock_timeout. */
static int
begin(run *x, rt_err *e)
{
	if (x->d == RT_SQLITE)
		return rt_conn_lock(x->c, "retort", x->cfg->lock_timeout, e);
	return rt_conn_begin(x->c, e);
}

static void
rollback(run *x)
{
	if (x->c->in_transaction)
		rt_conn_rollback(x->c, NULL);
}

static int
plan_now(run *x, rt_arena *a, const rt_strv *rows, rt_plan *plan, rt_err *e)
{
	switch (x->kind) {
	case RUN_UPGRADE:
		return rt_walk_upgrade(a, x->wg, rows, &x->targets, plan, e);
	case RUN_DOWNGRADE:
		return rt_walk_downgrade(a, x->wg, rows,
		                         x->targets.n ? x->targets.v[0] : NULL,
		                         plan, e);
	default:
		return rt_walk_stamp(a, x->wg, rows, &x->targets, x->purge, plan, e);
	}
}

/* SQLite: foreign-key violations after a step are an error naming them. */
static int
fk_check(run *x, const rt_step *s, rt_err *e)
{
	if (x->d != RT_SQLITE)
		return RETORT_OK;
	rt_rows rows;
	int rc = rt_conn_query(x->c, x->a, "PRAGMA foreign_key_check", 0, NULL,
	                       &rows, e);
	if (rc != RETORT_OK || rows.nrows == 0)
		return rc;
	rt_err_set(e, RETORT_ERROR,
	           "%s %s left %zu foreign-key violation(s) (PRAGMA foreign_key_check):",
	           s->kind == RT_STEP_DOWNGRADE ? "downgrade" : "upgrade",
	           s->rev ? s->rev->id : "", rows.nrows);
	for (size_t i = 0; i < rows.nrows && i < 10; i++)
		rt_err_add(e, RETORT_ERROR, "  table %s, rowid %s references %s",
		           rt_rows_get(&rows, i, 0),
		           rt_rows_get(&rows, i, 1) ? rt_rows_get(&rows, i, 1) : "?",
		           rt_rows_get(&rows, i, 2));
	return RETORT_ERROR;
}

/* Writes the version and history rows of a step (inside the open
 * transaction) and checks the table says what the plan expects. */
static int
bookkeeping(run *x, const rt_step *s, const rt_strv *before, long ms,
            rt_err *e)
{
	int rc;
	for (size_t k = 0; k < s->nvops; k++) {
		rt_bstmt b;
		rt_version_vop_stmt(x->a, x->cfg, x->d, &s->vops[k], &b);
		if ((rc = rt_bstmt_exec(x->c, x->a, &b, e)) != RETORT_OK)
			return rc;
	}
	const rt_revision *rev = s->rev ? s->rev->payload : NULL;
	const char *op = s->kind == RT_STEP_UPGRADE
	                     ? "upgrade"
	                     : s->kind == RT_STEP_DOWNGRADE ? "downgrade" : "stamp";
	rt_bstmt h;
	rt_history_insert_stmt(x->a, x->cfg, x->d, rev ? rev->id : NULL, op,
	                       rev ? rev->checksum : NULL, ms, x->applied_by, &h);
	if ((rc = rt_bstmt_exec(x->c, x->a, &h, e)) != RETORT_OK)
		return rc;
	rt_strv want = rt_strv_copy(x->a, before);
	rt_vops_apply(x->a, &want, s);
	rt_strv now;
	if ((rc = rt_version_select(x->c, x->a, x->cfg, &now, e)) != RETORT_OK)
		return rc;
	if (!same_rows(&want, &now))
		return rt_err_set(e, RETORT_ERROR,
		                  "the version table holds %s after %s, expected %s",
		                  rows_text(x->a, &now), rt_step_describe(x->a, s),
		                  rows_text(x->a, &want));
	return RETORT_OK;
}

/*
 * Runs one step inside the open transaction (a transaction:false section
 * commits it first and runs its statements on their own). *ms gets the
 * duration.
 */
static int
run_step(run *x, const rt_step *s, const rt_strv *before, long *ms, rt_err *e)
{
	const rt_section *sec = NULL;
	const rt_revision *rev = s->rev ? s->rev->payload : NULL;
	if (s->kind != RT_STEP_STAMP && rev)
		sec = s->kind == RT_STEP_UPGRADE ? &rev->upgrade : &rev->downgrade;
	bool tx = !sec || sec->transaction;
	int rc;
	if (!tx) {
		if ((rc = rt_conn_commit(x->c, e)) != RETORT_OK)
			return rc;
		x->committed = rt_strv_copy(x->a, before);
	}
	double t0 = rt_now_ms();
	for (size_t k = 0; sec && k < sec->nstmts; k++) {
		const rt_stmt *st = &sec->stmts[k];
		rt_log(x->r, RETORT_LOG_DEBUG, "%s:%d: %s", rev->path, st->line,
		       st->sql);
		if ((rc = rt_conn_exec(x->c, st->sql, e)) != RETORT_OK) {
			rt_err_prefix(e, "%s:%d: %s %s failed: ", rev->path, st->line,
			              s->kind == RT_STEP_UPGRADE ? "upgrade" : "downgrade",
			              rev->id);
			if (!tx && k > 0)
				rt_err_add(e, rc,
				           "(the section is transaction:false: the statements before line %d were applied and stay)",
				           st->line);
			return rc;
		}
	}
	*ms = (long)(rt_now_ms() - t0 + 0.5);
	if (!tx) {
		if ((rc = begin(x, e)) != RETORT_OK)
			return rc;
		rt_strv now;
		if ((rc = rt_version_select(x->c, x->a, x->cfg, &now, e)) != RETORT_OK)
			return rc;
		if (!same_rows(&now, before))
			return rt_err_set(e, RETORT_ERROR,
			                  "the version table changed to %s while %s ran outside a transaction",
			                  rows_text(x->a, &now), rev->id);
	}
	if ((rc = fk_check(x, s, e)) != RETORT_OK)
		return rc;
	return bookkeeping(x, s, before, *ms, e);
}

static void
lock_warn(const char *msg, void *payload)
{
	rt_log(payload, RETORT_LOG_WARNING, "%s", msg);
}

/* Resolves the user's target against the rows read under the lock. */
static int
resolve_target(run *x, const char *spec, const rt_strv *rows, rt_err *e)
{
	/* downgrade -N reverts the newest N steps of the way down to base,
	 * so that -1 also leaves a merge (both its parents become rows). */
	char *end = NULL;
	if (x->kind == RUN_DOWNGRADE && spec[0] == '-' && spec[1] >= '0' &&
	    spec[1] <= '9') {
		long n = strtol(spec + 1, &end, 10);
		if (*end == '\0' && n > 0) {
			x->targets = (rt_strv){ NULL, 0 };
			rt_plan plan;
			int rc = rt_walk_downgrade(x->a, x->wg, rows, NULL, &plan, e);
			if (rc != RETORT_OK)
				return rc;
			if (plan.n < (size_t)n)
				return rt_err_set(e, RETORT_EINVALID,
				                  "Relative revision %s didn't produce %ld migrations (the database is at %s)",
				                  spec, n, rows_text(x->a, rows));
			x->max_steps = (size_t)n;
			return RETORT_OK;
		}
	}
	rt_strv ids = { NULL, 0 };
	int rc = rt_graph_resolve(x->g, spec, rows, &ids, e);
	if (rc != RETORT_OK)
		return rc;
	if (x->kind == RUN_DOWNGRADE && ids.n > 1)
		return rt_err_set(e, RETORT_EINVALID,
		                  "downgrade target '%s' names several revisions (%s); give one",
		                  spec, rt_strv_join(x->a, &ids, ", "));
	x->targets = (rt_strv){ NULL, 0 };
	for (size_t i = 0; i < ids.n; i++)
		rt_strv_push(x->a, &x->targets, ids.v[i]);
	return RETORT_OK;
}

/*
 * Checks, before anything is written, that the command makes sense: reads
 * the version rows (read-only; none when a SQLite file does not exist yet),
 * resolves the target and plans. A bad target, unknown or inconsistent
 * rows fail here, so that they create nothing, not even a SQLite file. The
 * locked run does it all again on what it reads under the lock.
 */
static int
preflight(run *x, const rt_url *u, const char *spec)
{
	rt_strv rows = { NULL, 0 };
	rt_err e = RT_ERR_INIT;
	int rc;
	bool missing = u->dialect == RT_SQLITE &&
	               (strcmp(u->target, ":memory:") == 0 ||
	                !rt_path_exists(u->target));
	if (!missing) {
		if ((rc = rt_handle_conn(x->r,
		                         u->dialect == RT_SQLITE ? RT_CONNECT_READONLY
		                                                 : 0,
		                         &x->c)) != RETORT_OK)
			return rc;
		if ((rc = rt_version_read(x->c, x->a, x->cfg, &rows, &e)) !=
		    RETORT_OK) {
			rt_err_prefix(&e, "%s: reading the version table: ", u->display);
			return rt_fail_with(x->r, &e);
		}
	}
	rt_plan plan;
	if ((rc = resolve_target(x, spec, &rows, &e)) != RETORT_OK ||
	    (rc = plan_now(x, x->a, &rows, &plan, &e)) != RETORT_OK)
		return rt_fail_with(x->r, &e);
	rt_err_free(&e);
	return RETORT_OK;
}

static int
migrate(run *x, const char *spec)
{
	retort *r = x->r;
	rt_err e = RT_ERR_INIT;
	rt_mlock *lock = NULL;
	rt_arena *pa = NULL;         /* the current plan's memory */
	int rc;
	const rt_url *u;
	if ((rc = rt_handle_url(r, &u)) != RETORT_OK)
		return rc;
	/* The scripts first: a bad file changes nothing, not even creates a
	 * SQLite file. */
	x->d = u->dialect;
	if ((rc = load_graph(r, x->a, x->d, &x->g, &x->wg)) != RETORT_OK ||
	    (rc = preflight(x, u, spec)) != RETORT_OK)
		return rc;
	if ((rc = rt_handle_conn(r, 0, &x->c)) != RETORT_OK)
		return rc;
	x->applied_by = rt_history_applied_by(x->a);

	if ((rc = rt_mlock_acquire(x->c, u, x->cfg, lock_warn, r, &lock, &e)) !=
	    RETORT_OK)
		goto fail;
	if (x->d == RT_SQLITE) {
		/* Foreign keys off around every revision (a no-op inside a
		 * transaction, so set here). */
		rt_rows fk;
		if ((rc = rt_conn_query(x->c, x->a, "PRAGMA foreign_keys", 0, NULL,
		                        &fk, &e)) != RETORT_OK ||
		    (rc = rt_conn_exec(x->c, "PRAGMA foreign_keys = OFF", &e)) !=
		        RETORT_OK)
			goto fail;
		x->fk_orig = fk.nrows ? rt_rows_get(&fk, 0, 0) : "0";
	}
	if ((rc = begin(x, &e)) != RETORT_OK)
		goto fail;
	if ((rc = rt_version_ensure(x->c, x->a, x->cfg, &e)) != RETORT_OK ||
	    (rc = rt_history_ensure(x->c, x->a, x->cfg, &e)) != RETORT_OK)
		goto fail;
	rt_strv rows;
	if ((rc = rt_version_select(x->c, x->a, x->cfg, &rows, &e)) != RETORT_OK)
		goto fail;
	x->committed = rt_strv_copy(x->a, &rows);
	if ((rc = resolve_target(x, spec, &rows, &e)) != RETORT_OK)
		goto fail;
	if (x->kind == RUN_UPGRADE) {
		rt_strv edited = { NULL, 0 };
		if ((rc = rt_runner_edited(x->c, x->a, x->cfg, x->wg, &rows, &edited,
		                           &e)) != RETORT_OK)
			goto fail;
		for (size_t i = 0; i < edited.n; i++)
			rt_log(r, RETORT_LOG_WARNING, "%s (retort verify lists them)",
			       rt_runner_edited_text(x->a, edited.v[i]));
	}

	/*
	 * The plan is made once and followed step by step. Each step's
	 * transaction re-reads the version table: when another retort moved
	 * the database meanwhile, the rows are not the ones this plan left,
	 * and a new plan starts from them. (Planning again at every step
	 * would cost time and memory quadratic in the number of revisions.)
	 */
	rt_plan plan = { 0 };
	size_t next = 0;             /* the plan's next step */
	rt_strv expect = { NULL, 0 }; /* the rows the plan has led to */
	for (;;) {
		if (!pa || !same_set(&rows, &expect)) {
			rt_arena_free(pa);
			pa = rt_arena_new();
			if ((rc = plan_now(x, pa, &rows, &plan, &e)) != RETORT_OK)
				goto fail;
			next = 0;
		}
		size_t left = plan.n - next;
		if (x->max_steps && left > x->max_steps - x->done)
			left = x->max_steps - x->done;
		if (left == 0) {
			if ((rc = rt_conn_commit(x->c, &e)) != RETORT_OK)
				goto fail;
			x->committed = rt_strv_copy(x->a, &rows);
			break;
		}
		/* A stamp runs nothing: all its steps in one transaction. */
		size_t upto = x->cfg->transaction_per_migration &&
		                      x->kind != RUN_STAMP
		                  ? 1
		                  : left;
		for (size_t i = 0; i < upto; i++) {
			const rt_step *s = &plan.steps[next++];
			long ms = 0;
			x->stepped = true;
			x->done++;
			if ((rc = run_step(x, s, &rows, &ms, &e)) != RETORT_OK)
				goto fail;
			rt_vops_apply(x->a, &rows, s);
			rt_log(r, RETORT_LOG_INFO, "%s (%ld ms)",
			       rt_step_describe(x->a, s), ms);
		}
		if ((rc = rt_mlock_check(lock, &e)) != RETORT_OK ||
		    (rc = rt_conn_commit(x->c, &e)) != RETORT_OK)
			goto fail;
		x->committed = rt_strv_copy(x->a, &rows);
		if (upto == left)
			break;
		expect = x->committed;
		if ((rc = begin(x, &e)) != RETORT_OK ||
		    (rc = rt_version_select(x->c, x->a, x->cfg, &rows, &e)) !=
		        RETORT_OK)
			goto fail;
	}
	rc = RETORT_OK;
	goto out;
fail:
	rollback(x);
	if (x->stepped)
		rt_err_add(&e, rc, "the database is at %s",
		           rows_text(x->a, &x->committed));
	rc = rt_fail_with(r, &e);
out:
	rt_arena_free(pa);
	if (x->fk_orig && strcmp(x->fk_orig, "0") != 0)
		rt_conn_exec(x->c, "PRAGMA foreign_keys = ON", NULL);
	rt_mlock_release(lock, NULL);
	rt_err_free(&e);
	return rc;
}

static int
online(retort *r, run_kind kind, const char *target, bool purge)
{
	rt_begin_call(r);
	int rc = rt_need_config(r);
	if (rc != RETORT_OK)
		return rc;
	if (!target || !*target)
		return rt_fail(r, RETORT_EINVALID, "no target revision given");
	run x = { 0 };
	x.r = r;
	x.a = rt_arena_new();
	x.cfg = r->config;
	x.kind = kind;
	x.purge = purge;
	rc = migrate(&x, target);
	rt_graph_free(x.g);
	rt_arena_free(x.a);
	return rc;
}

int
retort_upgrade(retort *r, const char *target)
{
	return online(r, RUN_UPGRADE, target, false);
}

int
retort_downgrade(retort *r, const char *target)
{
	return online(r, RUN_DOWNGRADE, target, false);
}

int
retort_stamp(retort *r, const char *target, int purge)
{
	return online(r, RUN_STAMP, target, purge != 0);
}

/*
 * Offline.
 */

static int
offline(retort *r, run_kind kind, const char *range, bool purge, char **out)
{
	rt_begin_call(r);
	int rc = rt_need_config(r);
	if (rc != RETORT_OK)
		return rc;
	if (!range || !*range)
		return rt_fail(r, RETORT_EINVALID, "no target revision given");
	const rt_url *u;
	if ((rc = rt_handle_url(r, &u)) != RETORT_OK)
		return rc;
	run x = { 0 };
	x.r = r;
	x.a = rt_arena_new();
	x.cfg = r->config;
	x.kind = kind;
	x.purge = purge;
	x.d = u->dialect;
	rt_err e = RT_ERR_INIT;
	rt_buf b = RT_BUF_INIT;
	if ((rc = load_graph(r, x.a, x.d, &x.g, &x.wg)) != RETORT_OK)
		goto out;

	const char *colon = strchr(range, ':');
	const char *to = colon ? colon + 1 : range;
	rt_strv from = { NULL, 0 };
	if (!colon && kind == RUN_DOWNGRADE) {
		rc = rt_fail(r, RETORT_EINVALID,
		             "downgrade with --sql requires <fromrev>:<torev> (the database is not read)");
		goto out;
	}
	if (colon) {
		char *f = rt_strndup(x.a, range, (size_t)(colon - range));
		if (*f && strcmp(f, "base") != 0 &&
		    (rc = rt_graph_resolve(x.g, f, NULL, &from, &e)) != RETORT_OK) {
			rc = rt_fail_with(r, &e);
			goto out;
		}
	}
	if (!*to) {
		rc = rt_fail(r, RETORT_EINVALID, "no target revision in '%s'", range);
		goto out;
	}
	rt_plan plan;
	if ((rc = resolve_target(&x, to, &from, &e)) != RETORT_OK ||
	    (rc = plan_now(&x, x.a, &from, &plan, &e)) != RETORT_OK) {
		rc = rt_fail_with(r, &e);
		goto out;
	}
	if (x.max_steps && plan.n > x.max_steps)
		plan.n = x.max_steps;
	rt_script_opts o = { 0 };
	o.cfg = x.cfg;
	o.dialect = x.d;
	o.create_tables = from.n == 0 && kind != RUN_DOWNGRADE;
	o.applied_by = rt_history_applied_by(x.a);
	o.title = rt_sprintf(x.a, "retort %s %s (offline script for %s)",
	                     kind == RUN_UPGRADE ? "upgrade"
	                     : kind == RUN_DOWNGRADE ? "downgrade" : "stamp",
	                     range, rt_dialect_name(x.d));
	rt_runner_script(x.a, &o, &plan, &b);
	*out = rt_buf_detach(&b);
	rc = RETORT_OK;
out:
	rt_buf_free(&b);
	rt_err_free(&e);
	rt_graph_free(x.g);
	rt_arena_free(x.a);
	return rc;
}

int
retort_upgrade_sql(retort *r, const char *range, char **out)
{
	return offline(r, RUN_UPGRADE, range, false, out);
}

int
retort_downgrade_sql(retort *r, const char *range, char **out)
{
	return offline(r, RUN_DOWNGRADE, range, false, out);
}

int
retort_stamp_sql(retort *r, const char *range, int purge, char **out)
{
	return offline(r, RUN_STAMP, range, purge != 0, out);
}

/*
 * Read-only: verify and status.
 */

/* Opens what the read-only commands need: the graph and, when the database
 * exists, a read-only connection and its version rows. *c stays NULL for a
 * SQLite file that does not exist (looking must not create it). */
static int
read_state(retort *r, rt_arena *a, rt_graph **g, rt_wgraph **wg, rt_conn **c,
           rt_strv *rows)
{
	const rt_url *u;
	int rc = rt_handle_url(r, &u);
	if (rc != RETORT_OK)
		return rc;
	*c = NULL;
	*rows = (rt_strv){ NULL, 0 };
	/* No script directory yet (nothing generated): an empty graph, so
	 * `current` still reads the database. */
	bool any = false;
	for (size_t i = 0; i < r->config->version_locations.n; i++)
		any |= rt_path_is_dir(r->config->version_locations.v[i]);
	if (any) {
		if ((rc = load_graph(r, a, u->dialect, g, wg)) != RETORT_OK)
			return rc;
	} else {
		rt_err e = RT_ERR_INIT;
		if (rt_graph_build(rt_arena_new(), NULL, 0, g, &e) != RETORT_OK ||
		    rt_runner_wgraph(a, *g, wg, &e) != RETORT_OK)
			return rt_fail_with(r, &e);
		rt_err_free(&e);
	}
	if (u->dialect == RT_SQLITE && strcmp(u->target, ":memory:") != 0 &&
	    !rt_path_exists(u->target))
		return RETORT_OK;
	if ((rc = rt_handle_conn(r, RT_CONNECT_READONLY, c)) != RETORT_OK)
		return rc;
	rt_err e = RT_ERR_INIT;
	if (rt_version_read(*c, a, r->config, rows, &e) != RETORT_OK) {
		rt_err_prefix(&e, "%s: reading the version table: ", u->display);
		return rt_fail_with(r, &e);
	}
	rt_err_free(&e);
	return RETORT_OK;
}

/* The state of a read-only command, from read_state. */
typedef struct state {
	rt_arena *a;
	rt_graph *g;
	rt_wgraph *wg;
	rt_conn *c;             /* NULL: no database yet */
	rt_strv rows;
} state;

/* Starts a read-only public call: checks the handle, reads the state.
 * On failure the state is already released. */
static int
state_open(retort *r, state *st)
{
	rt_begin_call(r);
	*st = (state){ 0 };
	int rc = rt_need_config(r);
	if (rc != RETORT_OK)
		return rc;
	st->a = rt_arena_new();
	rc = read_state(r, st->a, &st->g, &st->wg, &st->c, &st->rows);
	if (rc != RETORT_OK) {
		rt_graph_free(st->g);
		rt_arena_free(st->a);
	}
	return rc;
}

static void
state_close(state *st)
{
	rt_graph_free(st->g);
	rt_arena_free(st->a);
}

int
retort_verify(retort *r, char **out)
{
	state st;
	int rc = state_open(r, &st);
	if (rc != RETORT_OK)
		return rc;
	rt_arena *a = st.a;
	rt_wgraph *wg = st.wg;
	rt_conn *c = st.c;
	rt_strv rows = st.rows, edited = { NULL, 0 };
	if (c) {
		rt_err e = RT_ERR_INIT;
		if (rt_runner_edited(c, a, r->config, wg, &rows, &edited, &e) !=
		    RETORT_OK) {
			rc = rt_fail_with(r, &e);
			goto out;
		}
		rt_err_free(&e);
	}
	*out = rt_xstrdup(edited.n ? rt_strv_join(a, &edited, "\n") : "");
	if (edited.n) {
		rt_strv text = { NULL, 0 };
		for (size_t i = 0; i < edited.n; i++)
			rt_strv_push(a, &text, rt_runner_edited_text(a, edited.v[i]));
		rc = rt_fail(r, RETORT_EDIFF,
		             "%zu applied revision(s) were edited after they were applied:\n%s",
		             edited.n, rt_strv_join(a, &text, "\n"));
	}
out:
	state_close(&st);
	return rc;
}

int
retort_status_get(retort *r, retort_status **out)
{
	state st;
	int rc = state_open(r, &st);
	if (rc != RETORT_OK)
		return rc;
	rt_arena *a = st.a;
	rt_graph *g = st.g;
	rt_strv rows = st.rows;
	retort_status *s = rt_xcalloc(1, sizeof(*s));
	s->ncurrent = rows.n;
	s->current = rt_xcalloc(rows.n + 1, sizeof(retort_applied));
	for (size_t i = 0; i < rows.n; i++) {
		const rt_revision *rev = rt_graph_get(g, rows.v[i]);
		s->current[i].id = rt_xstrdup(rows.v[i]);
		s->current[i].message = rt_xstrdup(rev && rev->message ? rev->message : "");
		s->current[i].path = rt_xstrdup(rev ? rev->path : "");
		s->current[i].is_head = rev && rev->nchildren == 0;
	}
	s->nheads = g->nheads;
	s->heads = rt_xcalloc(g->nheads + 1, sizeof(char *));
	rt_strv heads = { NULL, 0 };
	for (size_t i = 0; i < g->nheads; i++) {
		s->heads[i] = rt_xstrdup(g->heads[i]->id);
		rt_strv_push(a, &heads, g->heads[i]->id);
	}
	s->at_heads = same_rows(&rows, &heads) ? 1 : 0;
	rt_plan plan;
	rt_err e = RT_ERR_INIT;
	if (rt_walk_upgrade(a, st.wg, &rows, &heads, &plan, &e) == RETORT_OK)
		s->pending = plan.n;
	rt_err_free(&e);
	*out = s;
	state_close(&st);
	return RETORT_OK;
}

void
retort_status_free(retort_status *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncurrent; i++) {
		free(s->current[i].id);
		free(s->current[i].message);
		free(s->current[i].path);
	}
	free(s->current);
	for (size_t i = 0; i < s->nheads; i++)
		free(s->heads[i]);
	free(s->heads);
	free(s);
}
