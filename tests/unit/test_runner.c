/*
 * Unit tests: the runner (migrate.c, runner.c, history.c, lock.c,
 * version.c) through the library API and its internals, against real
 * SQLite files and the real PostgreSQL test server.
 */
#include "harness.h"
#include "rt.h"
#include "driver.h"
#include "handle.h"
#include "history.h"
#include "lock.h"
#include "quote.h"
#include "runner.h"
#include "url.h"
#include "util.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* _i of the loop tests: 0 is SQLite, 1 is PostgreSQL. */
static bool
skip(int which)
{
	return which == 1 && !test_pg_enabled();
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A project directory named name with three linear revisions; returns the
 * path of its retort.ini. extra is appended to the [retort] section. */
static const char *
project(int which, const char *name, const char *extra)
{
	static char ini[1024];
	char dir[900], sub[1000];
	snprintf(dir, sizeof(dir), "%s/%s-%d", test_tmpdir(), name, which);
	mkdir(dir, 0777);
	snprintf(sub, sizeof(sub), "%s/versions", dir);
	mkdir(sub, 0777);
	char url[1024];
	if (which == 0)
		snprintf(url, sizeof(url), "sqlite:///%s/app.db", dir);
	else
	{
		char db[128];
		snprintf(db, sizeof(db), "rt_unit_%s", name);
		snprintf(url, sizeof(url), "%s", test_pg_url(db));
	}
	char text[2048];
	snprintf(text, sizeof(text),
	         "[retort]\nscript_location = %%(here)s\nurl = %s\n%s\n", url,
	         extra ? extra : "");
	write_file(dir, "retort.ini", text);
	write_file(sub, "a1_one.sql",
	           "-- one\n--\n-- Revision ID: a1\n-- Revises:\n\n"
	           "-- migrate:upgrade\nCREATE TABLE t1 (x integer);\n\n"
	           "-- migrate:downgrade\nDROP TABLE t1;\n");
	write_file(sub, "b2_two.sql",
	           "-- two\n--\n-- Revision ID: b2\n-- Revises: a1\n\n"
	           "-- migrate:upgrade\nCREATE TABLE t2 (x integer);\n"
	           "INSERT INTO t2 VALUES (1);\n\n"
	           "-- migrate:downgrade\nDROP TABLE t2;\n");
	write_file(sub, "c3_three.sql",
	           "-- three\n--\n-- Revision ID: c3\n-- Revises: b2\n\n"
	           "-- migrate:upgrade\nCREATE TABLE t3 (x integer);\n\n"
	           "-- migrate:downgrade\nDROP TABLE t3;\n");
	snprintf(ini, sizeof(ini), "%s/retort.ini", dir);
	return ini;
}

typedef struct logbuf {
	rt_buf text;
} logbuf;

static void
collect(retort_log_level level, const char *msg, void *payload)
{
	logbuf *l = payload;
	rt_buf_printf(&l->text, "%d %s\n", (int)level, msg);
}

static retort *
open_project(const char *ini, logbuf *log)
{
	retort_options o;
	memset(&o, 0, sizeof(o));
	o.version = RETORT_OPTIONS_VERSION;
	o.log = log ? collect : NULL;
	o.log_payload = log;
	retort *r;
	int rc = retort_open(&r, ini, &o);
	ck_assert_msg(rc == RETORT_OK, "open: %s", retort_errmsg(r));
	return r;
}

/* The version rows, joined by spaces. */
static char *
rows_of(retort *r)
{
	char **ids = NULL;
	ck_assert_int_eq(retort_current(r, &ids), RETORT_OK);
	rt_buf b = RT_BUF_INIT;
	for (char **p = ids; *p; p++)
		rt_buf_printf(&b, "%s%s", p == ids ? "" : " ", *p);
	retort_free(ids);
	return rt_buf_detach(&b);
}

static void
assert_rows(retort *r, const char *want)
{
	char *got = rows_of(r);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(upgrade_downgrade_api)
{
	if (skip(_i))
		return;
	logbuf log = { RT_BUF_INIT };
	retort *r = open_project(project(_i, "api", NULL), &log);
	ck_assert_int_eq(retort_upgrade(r, "head"), RETORT_OK);
	assert_rows(r, "c3");
	ck_assert_ptr_nonnull(strstr(rt_buf_cstr(&log.text),
	                             "3 Running upgrade a1 -> b2, two ("));
	ck_assert_int_eq(retort_downgrade(r, "-2"), RETORT_OK);
	assert_rows(r, "a1");
	ck_assert_int_eq(retort_downgrade(r, "-2"), RETORT_EINVALID);
	ck_assert_ptr_nonnull(strstr(retort_errmsg(r), "didn't produce 2 migrations"));
	ck_assert_int_eq(retort_stamp(r, "c3", 0), RETORT_OK);
	assert_rows(r, "c3");
	retort_status *s;
	ck_assert_int_eq(retort_status_get(r, &s), RETORT_OK);
	ck_assert_int_eq(s->ncurrent, 1);
	ck_assert_int_eq(s->at_heads, 1);
	ck_assert_int_eq(s->current[0].is_head, 1);
	ck_assert_str_eq(s->current[0].message, "three");
	retort_status_free(s);
	ck_assert_int_eq(retort_stamp(r, "base", 0), RETORT_OK);
	ck_assert_int_eq(retort_status_get(r, &s), RETORT_OK);
	ck_assert_int_eq(s->pending, 3);
	ck_assert_int_eq(s->at_heads, 0);
	retort_status_free(s);
	char *v = NULL;
	ck_assert_int_eq(retort_verify(r, &v), RETORT_OK);
	ck_assert_str_eq(v, "");
	retort_free(v);
	retort_close(r);
	rt_buf_free(&log.text);
}
END_TEST

/* Fails the statement holding "t3" as the database would. */
static int
fail_t3(rt_conn *c, const char *sql, void *payload, rt_err *err)
{
	(void)c;
	int *count = payload;
	if (strstr(sql, "CREATE TABLE t3")) {
		(*count)++;
		return rt_err_set(err, RETORT_ERROR, "injected failure (SQLSTATE XX000)");
	}
	return RETORT_OK;
}

START_TEST(failure_rolls_back_one_revision)
{
	if (skip(_i))
		return;
	retort *r = open_project(project(_i, "fail", NULL), NULL);
	rt_conn *c;
	ck_assert_int_eq(rt_handle_conn(r, 0, &c), RETORT_OK);
	int hits = 0;
	rt_conn_set_fault(c, fail_t3, &hits);
	ck_assert_int_eq(retort_upgrade(r, "head"), RETORT_ERROR);
	ck_assert_int_eq(hits, 1);
	const char *msg = retort_errmsg(r);
	ck_assert_msg(strstr(msg, "c3_three.sql:7: upgrade c3 failed: injected failure (SQLSTATE XX000)"),
	              "%s", msg);
	ck_assert_msg(strstr(msg, "the database is at b2"), "%s", msg);
	rt_conn_set_fault(c, NULL, NULL);
	assert_rows(r, "b2");
	/* The history has the two that committed, nothing of c3. */
	rt_arena *a = rt_arena_new();
	rt_rows rows;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_conn_query(c, a, "SELECT revision, operation, checksum FROM retort_history ORDER BY id",
	                               0, NULL, &rows, &e),
	                 RETORT_OK);
	ck_assert_int_eq(rows.nrows, 2);
	ck_assert_str_eq(rt_rows_get(&rows, 1, 0), "b2");
	ck_assert_int_eq(strlen(rt_rows_get(&rows, 1, 2)), 64);
	ck_assert_int_eq(retort_upgrade(r, "head"), RETORT_OK);
	assert_rows(r, "c3");
	rt_err_free(&e);
	rt_arena_free(a);
	retort_close(r);
}
END_TEST

/* Offline scripts: literals quoted through quote.c, the layout of
 * DESIGN.md section 8. */
START_TEST(offline_script_layout)
{
	retort *r = open_project(project(0, "offline", "transaction_per_migration = false"), NULL);
	char *sql = NULL;
	ck_assert_int_eq(retort_upgrade_sql(r, "a1:c3", &sql), RETORT_OK);
	ck_assert_ptr_null(strstr(sql, "CREATE TABLE IF NOT EXISTS retort_version"));
	/* One transaction for all. */
	const char *b = strstr(sql, "BEGIN;");
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_null(strstr(b + 1, "BEGIN;"));
	ck_assert_ptr_nonnull(strstr(sql,
	                             "-- Running upgrade a1 -> b2, two\n\n"
	                             "CREATE TABLE t2 (x integer);\n\n"
	                             "INSERT INTO t2 VALUES (1);\n\n"
	                             "UPDATE retort_version SET version_num = 'b2' WHERE version_num = 'a1';\n\n"
	                             "INSERT INTO retort_history (revision, operation, checksum, duration_ms, applied_by) VALUES ('b2', 'upgrade', '"));
	retort_free(sql);
	ck_assert_int_eq(retort_stamp_sql(r, "c3", 1, &sql), RETORT_OK);
	ck_assert_ptr_nonnull(strstr(sql, "DELETE FROM retort_version;\n"));
	ck_assert_ptr_nonnull(strstr(sql, "INSERT INTO retort_version (version_num) VALUES ('c3');"));
	retort_free(sql);
	ck_assert_int_eq(retort_downgrade_sql(r, "c3", &sql), RETORT_EINVALID);
	retort_close(r);

	/* Hostile values are literals, never SQL. */
	rt_arena *a = rt_arena_new();
	rt_bstmt s = { "INSERT INTO v VALUES ($1, $2, $3)", 3, { "it's", NULL, "a\\b" } };
	ck_assert_str_eq(rt_sql_inline(a, &s, RT_SQLITE),
	                 "INSERT INTO v VALUES ('it''s', NULL, 'a\\b')");
	ck_assert_str_eq(rt_sql_inline(a, &s, RT_POSTGRES),
	                 "INSERT INTO v VALUES ('it''s', NULL, E'a\\\\b')");
	rt_arena_free(a);
}
END_TEST

/* Several processes upgrading at once: each revision runs once. */
START_TEST(concurrent_processes)
{
	if (skip(_i))
		return;
	const char *ini = project(_i, "conc", NULL);
	enum { N = 6 };
	pid_t kids[N];
	for (int k = 0; k < N; k++) {
		kids[k] = fork();
		ck_assert_int_ge(kids[k], 0);
		if (kids[k] == 0) {
			retort *r;
			if (retort_open(&r, ini, NULL) != RETORT_OK)
				_exit(2);
			int rc = retort_upgrade(r, "head");
			if (rc != RETORT_OK)
				fprintf(stderr, "child: %s\n", retort_errmsg(r));
			retort_close(r);
			_exit(rc == RETORT_OK ? 0 : 1);
		}
	}
	for (int k = 0; k < N; k++) {
		int st;
		ck_assert_int_eq(waitpid(kids[k], &st, 0), kids[k]);
		ck_assert(WIFEXITED(st));
		ck_assert_int_eq(WEXITSTATUS(st), 0);
	}
	retort *r = open_project(ini, NULL);
	assert_rows(r, "c3");
	rt_conn *c;
	ck_assert_int_eq(rt_handle_conn(r, 0, &c), RETORT_OK);
	rt_arena *a = rt_arena_new();
	rt_rows rows;
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_conn_query(c, a, "SELECT count(*), count(DISTINCT revision) FROM retort_history",
	                               0, NULL, &rows, &e),
	                 RETORT_OK);
	ck_assert_str_eq(rt_rows_get(&rows, 0, 0), "3");
	ck_assert_str_eq(rt_rows_get(&rows, 0, 1), "3");
	rt_err_free(&e);
	rt_arena_free(a);
	retort_close(r);
}
END_TEST

static void
note(const char *msg, void *payload)
{
	rt_buf_puts(payload, msg);
}

/* Two sessions on a fresh database db, with a config parsed from ini. */
static void
two_sessions(rt_arena *a, const char *ini, const char *db, rt_config **cfg,
             rt_url *u, rt_conn **c1, rt_conn **c2)
{
	rt_err e = RT_ERR_INIT;
	ck_assert_int_eq(rt_config_parse(a, "/tmp/retort.ini", ini, strlen(ini),
	                                 cfg, &e),
	                 RETORT_OK);
	ck_assert_int_eq(rt_url_parse(a, test_pg_url(db), NULL, u, &e), RETORT_OK);
	ck_assert_int_eq(rt_connect(u, 0, c1, &e), RETORT_OK);
	ck_assert_int_eq(rt_connect(u, 0, c2, &e), RETORT_OK);
	rt_err_free(&e);
}

/* lock = table: a live lease blocks until lock_timeout; an expired one is
 * taken over; release frees it. */
START_TEST(lease_lock)
{
	if (!test_pg_enabled())
		return;
	rt_arena *a = rt_arena_new();
	rt_config *cfg;
	rt_err e = RT_ERR_INIT;
	rt_url u;
	rt_conn *c1, *c2;
	two_sessions(a, "[retort]\nlock = table\nlock_timeout = 0.3\n",
	             "rt_unit_lease", &cfg, &u, &c1, &c2);
	rt_mlock *l1, *l2;
	rt_buf warn = RT_BUF_INIT;
	ck_assert_int_eq(rt_mlock_acquire(c1, &u, cfg, note, &warn, &l1, &e), RETORT_OK);
	ck_assert_int_eq(rt_mlock_acquire(c2, &u, cfg, note, &warn, &l2, &e), RETORT_ELOCKED);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "waiting for the migration lease in public.retort_lock"));
	ck_assert_int_eq(rt_mlock_check(l1, &e), RETORT_OK);
	/* The holder "crashes": its lease expires. */
	rt_rows rows;
	ck_assert_int_eq(rt_conn_query(c2, a, "UPDATE retort_lock SET expires_at = now() - interval '1 s' RETURNING holder",
	                               0, NULL, &rows, &e),
	                 RETORT_OK);
	const char *old = rt_strdup(a, rt_rows_get(&rows, 0, 0));
	ck_assert_int_eq(rt_mlock_acquire(c2, &u, cfg, note, &warn, &l2, &e), RETORT_OK);
	ck_assert_ptr_nonnull(strstr(rt_buf_cstr(&warn), old));
	ck_assert_ptr_nonnull(strstr(rt_buf_cstr(&warn), "took over the expired migration lease"));
	/* The old holder's release leaves the new lease alone. */
	ck_assert_int_eq(rt_mlock_release(l1, &e), RETORT_OK);
	ck_assert_int_eq(rt_conn_query(c1, a, "SELECT count(*) FROM retort_lock", 0, NULL, &rows, &e),
	                 RETORT_OK);
	ck_assert_str_eq(rt_rows_get(&rows, 0, 0), "1");
	ck_assert_int_eq(rt_mlock_release(l2, &e), RETORT_OK);
	ck_assert_int_eq(rt_conn_query(c1, a, "SELECT count(*) FROM retort_lock", 0, NULL, &rows, &e),
	                 RETORT_OK);
	ck_assert_str_eq(rt_rows_get(&rows, 0, 0), "0");
	rt_disconnect(c1);
	rt_disconnect(c2);
	rt_buf_free(&warn);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

/* The advisory lock: a second session waits, then times out. */
START_TEST(advisory_lock)
{
	if (!test_pg_enabled())
		return;
	rt_arena *a = rt_arena_new();
	rt_config *cfg;
	rt_err e = RT_ERR_INIT;
	rt_url u;
	rt_conn *c1, *c2;
	two_sessions(a, "[retort]\nlock_timeout = 0.2\n", "rt_unit_adv", &cfg, &u,
	             &c1, &c2);
	rt_mlock *l1, *l2;
	ck_assert_int_eq(rt_mlock_acquire(c1, &u, cfg, NULL, NULL, &l1, &e), RETORT_OK);
	double t0 = rt_now_ms();
	ck_assert_int_eq(rt_mlock_acquire(c2, &u, cfg, NULL, NULL, &l2, &e), RETORT_ELOCKED);
	ck_assert(rt_now_ms() - t0 >= 190);
	ck_assert_int_eq(rt_mlock_release(l1, &e), RETORT_OK);
	ck_assert_int_eq(rt_mlock_acquire(c2, &u, cfg, NULL, NULL, &l2, &e), RETORT_OK);
	ck_assert_int_eq(rt_mlock_release(l2, &e), RETORT_OK);
	rt_disconnect(c1);
	rt_disconnect(c2);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("runner");
	TCase *tc = tcase_create("Both");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, upgrade_downgrade_api, 0, 2);
	tcase_add_loop_test(tc, failure_rolls_back_one_revision, 0, 2);
	tcase_add_loop_test(tc, concurrent_processes, 0, 2);
	suite_add_tcase(s, tc);
	TCase *t1 = tcase_create("Specific");
	tcase_set_timeout(t1, 60);
	tcase_add_test(t1, offline_script_layout);
	tcase_add_test(t1, lease_lock);
	tcase_add_test(t1, advisory_lock);
	suite_add_tcase(s, t1);
	return s;
}
