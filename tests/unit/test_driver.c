/*
 * Unit tests: the drivers (driver.c, driver_sqlite.c, driver_pg.c) against
 * a real SQLite file and the real PostgreSQL test server.
 */
#include "harness.h"
#include "rt.h"
#include "driver.h"
#include "util.h"
#include "quote.h"
#include "url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* _i of the loop tests: 0 is SQLite, 1 is PostgreSQL. */
static int
connect_to(int which, const char *name, rt_arena *a, rt_conn **c)
{
	rt_url u;
	rt_err e = RT_ERR_INIT;
	const char *url;
	if (which == 0)
		url = rt_sprintf(a, "sqlite:///%s/%s.db", test_tmpdir(), name);
	else
		url = test_pg_url(NULL) ? rt_sprintf(a, "%s dbname=%s",
		                                     test_pg_url(NULL), name)
		                        : NULL;
	ck_assert_int_eq(rt_url_parse(a, url, NULL, &u, &e), RETORT_OK);
	int rc = rt_connect(&u, 0, c, &e);
	ck_assert_msg(rc == RETORT_OK, "connect: %s", rt_err_msg(&e));
	rt_err_free(&e);
	return rc;
}

/* Prepares an empty database called name for the dialect. */
static void
fresh(int which, const char *name)
{
	if (which == 0) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s.db", test_tmpdir(), name);
		unlink(path);
	} else {
		test_pg_url(name);
	}
}

static bool
skip(int which)
{
	return which == 1 && !test_pg_enabled();
}

START_TEST(exec_and_query)
{
	if (skip(_i))
		return;
	fresh(_i, "drv_exec");
	rt_arena *a = rt_arena_new();
	rt_conn *c;
	rt_err e = RT_ERR_INIT;
	connect_to(_i, "drv_exec", a, &c);
	ck_assert_int_eq(rt_conn_exec(c, "CREATE TABLE t (id integer primary key, name text)", &e),
	                 RETORT_OK);
	const char *p1[] = { "1", "it's" };
	ck_assert_int_eq(rt_conn_query(c, a, "INSERT INTO t VALUES ($1, $2)", 2, p1,
	                               &(rt_rows){ 0 }, &e), RETORT_OK);
	const char *p2[] = { "2", NULL };
	rt_rows rows;
	ck_assert_int_eq(rt_conn_query(c, a, "INSERT INTO t VALUES ($1, $2)", 2, p2,
	                               &rows, &e), RETORT_OK);
	const char *p3[] = { "0" };
	ck_assert_int_eq(rt_conn_query(c, a, "SELECT id, name FROM t WHERE id > $1 ORDER BY id",
	                               1, p3, &rows, &e), RETORT_OK);
	ck_assert_uint_eq(rows.nrows, 2);
	ck_assert_uint_eq(rows.ncols, 2);
	ck_assert_str_eq(rows.names[1], "name");
	ck_assert_int_eq(rt_rows_col(&rows, "name"), 1);
	ck_assert_int_eq(rt_rows_col(&rows, "nope"), -1);
	ck_assert_str_eq(rt_rows_get(&rows, 0, 0), "1");
	ck_assert_str_eq(rt_rows_get(&rows, 0, 1), "it's");
	ck_assert_ptr_null(rt_rows_get(&rows, 1, 1));
	ck_assert_uint_eq(c->statements, 4);

	/* A failing statement names the problem; PostgreSQL adds SQLSTATE. */
	ck_assert_int_eq(rt_conn_exec(c, "SELECT * FROM no_such_table", &e),
	                 RETORT_ERROR);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "no_such_table"));
	if (_i == 1) {
		ck_assert_str_eq(c->sqlstate, "42P01");
		ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "SQLSTATE 42P01"));
	}
	rt_disconnect(c);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(failed_transaction_rolls_back)
{
	if (skip(_i))
		return;
	fresh(_i, "drv_tx");
	rt_arena *a = rt_arena_new();
	rt_conn *c;
	rt_err e = RT_ERR_INIT;
	connect_to(_i, "drv_tx", a, &c);
	ck_assert_int_eq(rt_conn_exec(c, "CREATE TABLE t (id integer primary key)", &e),
	                 RETORT_OK);
	ck_assert_int_eq(rt_conn_begin(c, &e), RETORT_OK);
	ck_assert(c->in_transaction);
	ck_assert_int_eq(rt_conn_exec(c, "INSERT INTO t VALUES (1)", &e), RETORT_OK);
	ck_assert_int_eq(rt_conn_exec(c, "CREATE TABLE u (x integer)", &e), RETORT_OK);
	ck_assert_int_eq(rt_conn_exec(c, "INSERT INTO t VALUES (1)", &e),
	                 RETORT_ERROR); /* duplicate key */
	ck_assert_int_eq(rt_conn_rollback(c, &e), RETORT_OK);
	ck_assert(!c->in_transaction);

	rt_rows rows;
	ck_assert_int_eq(rt_conn_query(c, a, "SELECT count(*) FROM t", 0, NULL, &rows, &e),
	                 RETORT_OK);
	ck_assert_str_eq(rt_rows_get(&rows, 0, 0), "0");
	/* The DDL rolled back too: both dialects have transactional DDL. */
	ck_assert_int_eq(rt_conn_exec(c, "SELECT * FROM u", &e), RETORT_ERROR);

	/* COMMIT of a PostgreSQL transaction that failed is an error. */
	if (_i == 1) {
		ck_assert_int_eq(rt_conn_begin(c, &e), RETORT_OK);
		rt_conn_exec(c, "SELECT * FROM nothing_here", &e);
		ck_assert_int_eq(rt_conn_commit(c, &e), RETORT_ERROR);
		ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "rolled back"));
		ck_assert(!c->in_transaction);
	}
	rt_disconnect(c);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

/* Takes the lock in a child process, signals, holds it for hold_ms while
 * writing a row, then releases. */
static pid_t
hold_lock_in_child(int which, const char *db, int hold_ms, int *ready_fd)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		rt_arena *a = rt_arena_new();
		rt_conn *c;
		rt_err e = RT_ERR_INIT;
		connect_to(which, db, a, &c);
		if (rt_conn_lock(c, "retort_version", 5, &e) != RETORT_OK)
			_exit(2);
		if (write(fds[1], "x", 1) != 1)
			_exit(3);
		rt_sleep_ms(hold_ms);
		if (which == 1)
			rt_conn_begin(c, &e);
		if (rt_conn_exec(c, "INSERT INTO log VALUES ('child')", &e) != RETORT_OK)
			_exit(4);
		if (rt_conn_commit(c, &e) != RETORT_OK)
			_exit(5);
		if (rt_conn_unlock(c, &e) != RETORT_OK)
			_exit(6);
		rt_disconnect(c);
		rt_err_free(&e);
		rt_arena_free(a);
		_exit(0);
	}
	close(fds[1]);
	*ready_fd = fds[0];
	return pid;
}

START_TEST(lock_serializes)
{
	if (skip(_i))
		return;
	fresh(_i, "drv_lock");
	rt_arena *a = rt_arena_new();
	rt_conn *c;
	rt_err e = RT_ERR_INIT;
	connect_to(_i, "drv_lock", a, &c);
	ck_assert_int_eq(rt_conn_exec(c, "CREATE TABLE log (who text)", &e), RETORT_OK);

	int ready;
	pid_t pid = hold_lock_in_child(_i, "drv_lock", 400, &ready);
	char byte;
	ck_assert_int_eq(read(ready, &byte, 1), 1);
	close(ready);

	/* The child holds the lock: we wait for it, then see its row. */
	double t0 = rt_now_ms();
	ck_assert_msg(rt_conn_lock(c, "retort_version", 30, &e) == RETORT_OK, "%s",
	              rt_err_msg(&e));
	double waited = rt_now_ms() - t0;
	ck_assert(c->locked);
	rt_rows rows;
	ck_assert_int_eq(rt_conn_query(c, a, "SELECT who FROM log", 0, NULL, &rows, &e),
	                 RETORT_OK);
	ck_assert_uint_eq(rows.nrows, 1);
	ck_assert_str_eq(rt_rows_get(&rows, 0, 0), "child");
	ck_assert_msg(waited >= 100, "got the lock after %.0f ms while it was held",
	              waited);
	ck_assert_int_eq(rt_conn_unlock(c, &e), RETORT_OK);
	ck_assert(!c->locked);

	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	rt_disconnect(c);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(lock_times_out)
{
	if (skip(_i))
		return;
	fresh(_i, "drv_lock_to");
	rt_arena *a = rt_arena_new();
	rt_conn *holder, *waiter;
	rt_err e = RT_ERR_INIT;
	connect_to(_i, "drv_lock_to", a, &holder);
	connect_to(_i, "drv_lock_to", a, &waiter);
	ck_assert_int_eq(rt_conn_lock(holder, "retort_version", 1, &e), RETORT_OK);

	int rc = rt_conn_lock(waiter, "retort_version", 0.3, &e);
	ck_assert_int_eq(rc, RETORT_ELOCKED);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "timed out after 0.3 s waiting for the migration lock"));
	ck_assert(!waiter->locked);

	/* A different lock name is a different lock (PostgreSQL; on SQLite the
	 * lock is the database's write lock). */
	if (_i == 1)
		ck_assert_int_eq(rt_conn_lock(waiter, "other_version", 0.3, &e),
		                 RETORT_OK);
	ck_assert_int_eq(rt_conn_unlock(holder, &e), RETORT_OK);
	ck_assert_int_eq(rt_conn_lock(waiter, "retort_version", 1, &e), RETORT_OK);
	rt_disconnect(holder);
	rt_disconnect(waiter); /* releases what it holds */
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(hostile_identifiers)
{
	if (skip(_i))
		return;
	fresh(_i, "drv_names");
	rt_dialect d = _i == 0 ? RT_SQLITE : RT_POSTGRES;
	rt_arena *a = rt_arena_new();
	rt_conn *c;
	rt_err e = RT_ERR_INIT;
	connect_to(_i, "drv_names", a, &c);
	static const char *const names[] = {
		"x\"; DROP TABLE victim; --", "Order", "select", "naïve 名前", "a'b",
	};
	ck_assert_int_eq(rt_conn_exec(c, "CREATE TABLE victim (id integer)", &e),
	                 RETORT_OK);
	for (size_t i = 0; i < RT_ARRAY_LEN(names); i++) {
		rt_buf b = RT_BUF_INIT;
		rt_buf_puts(&b, "CREATE TABLE ");
		rt_quote_ident(&b, names[i], d);
		rt_buf_puts(&b, " (");
		rt_quote_ident(&b, names[i], d);
		rt_buf_puts(&b, " text)");
		ck_assert_msg(rt_conn_exec(c, rt_buf_cstr(&b), &e) == RETORT_OK, "%s: %s",
		              rt_buf_cstr(&b), rt_err_msg(&e));
		rt_buf_free(&b);
		/* The table exists under exactly that name (a bound parameter). */
		const char *q = _i == 0
		    ? "SELECT count(*) FROM sqlite_schema WHERE name = $1"
		    : "SELECT count(*) FROM pg_class WHERE relname = $1";
		rt_rows rows;
		ck_assert_int_eq(rt_conn_query(c, a, q, 1, &names[i], &rows, &e),
		                 RETORT_OK);
		ck_assert_str_eq(rt_rows_get(&rows, 0, 0), "1");
	}
	rt_rows rows;
	ck_assert_int_eq(rt_conn_query(c, a, "SELECT count(*) FROM victim", 0, NULL,
	                               &rows, &e), RETORT_OK);
	rt_disconnect(c);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

static int
fail_on(rt_conn *conn, const char *sql, void *payload, rt_err *err)
{
	(void)conn;
	(*(int *)payload)++;
	if (strncmp(sql, "INSERT", 6) == 0)
		return rt_err_set(err, RETORT_ERROR, "injected: %s", sql);
	return RETORT_OK;
}

START_TEST(fault_hook)
{
	rt_arena *a = rt_arena_new();
	rt_conn *c;
	rt_err e = RT_ERR_INIT;
	fresh(0, "drv_fault");
	connect_to(0, "drv_fault", a, &c);
	int calls = 0;
	rt_conn_set_fault(c, fail_on, &calls);
	ck_assert_int_eq(rt_conn_exec(c, "CREATE TABLE t (x int)", &e), RETORT_OK);
	ck_assert_int_eq(rt_conn_exec(c, "INSERT INTO t VALUES (1)", &e), RETORT_ERROR);
	ck_assert_str_eq(rt_err_msg(&e), "injected: INSERT INTO t VALUES (1)");
	ck_assert_int_eq(calls, 2);
	ck_assert_uint_eq(c->statements, 1); /* the failed one was never sent */
	rt_disconnect(c);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(sqlite_readonly_does_not_create)
{
	rt_arena *a = rt_arena_new();
	rt_url u;
	rt_conn *c = NULL;
	rt_err e = RT_ERR_INIT;
	const char *path = rt_sprintf(a, "%s/absent.db", test_tmpdir());
	ck_assert_int_eq(rt_url_parse(a, rt_sprintf(a, "sqlite:///%s", path), NULL,
	                              &u, &e), RETORT_OK);
	ck_assert_int_eq(rt_connect(&u, RT_CONNECT_READONLY, &c, &e), RETORT_ERROR);
	ck_assert_ptr_nonnull(strstr(rt_err_msg(&e), "can't open sqlite:///"));
	ck_assert_int_eq(access(path, F_OK), -1);
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

START_TEST(pg_bad_password_one_line_masked)
{
	if (!test_pg_enabled())
		return;
	const char *pw_url = getenv("RETORT_TEST_PG_PASSWORD_URL");
	ck_assert_msg(pw_url && *pw_url, "RETORT_TEST_PG_PASSWORD_URL is not set");
	rt_arena *a = rt_arena_new();
	rt_url u;
	rt_conn *c = NULL;
	rt_err e = RT_ERR_INIT;
	/* The right user with a wrong password. */
	/* The URL has PASSWORD where the password goes. */
	const char *at = strstr(pw_url, "PASSWORD");
	ck_assert_ptr_nonnull(at);
	const char *url = rt_sprintf(a, "%.*swrong-Passw0rd%s", (int)(at - pw_url),
	                             pw_url, at + strlen("PASSWORD"));
	ck_assert_int_eq(rt_url_parse(a, url, NULL, &u, &e), RETORT_OK);
	ck_assert_int_eq(rt_connect(&u, 0, &c, &e), RETORT_ERROR);
	const char *m = rt_err_msg(&e);
	ck_assert_ptr_null(strchr(m, '\n'));
	ck_assert_ptr_null(strstr(m, "wrong-Passw0rd"));
	ck_assert_ptr_nonnull(strstr(m, ":***@"));
	ck_assert_ptr_nonnull(strstr(m, "password authentication failed"));
	rt_err_free(&e);
	rt_arena_free(a);
}
END_TEST

Suite *
make_suite(void)
{
	Suite *s = suite_create("driver");
	TCase *tc = tcase_create("Both");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, exec_and_query, 0, 2);
	tcase_add_loop_test(tc, failed_transaction_rolls_back, 0, 2);
	tcase_add_loop_test(tc, lock_serializes, 0, 2);
	tcase_add_loop_test(tc, lock_times_out, 0, 2);
	tcase_add_loop_test(tc, hostile_identifiers, 0, 2);
	suite_add_tcase(s, tc);
	TCase *t1 = tcase_create("Specific");
	tcase_add_test(t1, fault_hook);
	tcase_add_test(t1, sqlite_readonly_does_not_create);
	tcase_add_test(t1, pg_bad_password_one_line_masked);
	suite_add_tcase(s, t1);
	return s;
}
