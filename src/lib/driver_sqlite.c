/*
 * driver_sqlite.c: the SQLite driver.
 *
 * The migration lock is the write transaction: try_lock is BEGIN IMMEDIATE
 * with the busy timeout off (the wrapper polls), so holding the lock and
 * holding the transaction are the same thing and another process's retort
 * waits until COMMIT.
 */
#include "driver.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define BUSY_TIMEOUT_MS 60000

typedef struct sqlite_conn {
	rt_conn base;
	sqlite3 *db;
} sqlite_conn;

static int
fail(sqlite_conn *c, int code, rt_err *err, const char *what)
{
	int ext = sqlite3_extended_errcode(c->db);
	int rc = (ext & 0xff) == SQLITE_BUSY ? RETORT_ELOCKED : code;
	if (what)
		return rt_err_set(err, rc, "%s: %s", what, sqlite3_errmsg(c->db));
	return rt_err_set(err, rc, "%s", sqlite3_errmsg(c->db));
}

static int
sq_connect(rt_conn **out, const char *target, const char *display,
           unsigned flags, rt_err *err)
{
	int oflags = SQLITE_OPEN_NOMUTEX;
	if (flags & RT_CONNECT_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(target, &db, oflags, NULL);
	if (rc != SQLITE_OK) {
		int r = rt_err_set(err, RETORT_ERROR, "can't open %s: %s", display,
		                   db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return r;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	sqlite_conn *c = rt_xcalloc(1, sizeof(*c));
	c->db = db;
	*out = &c->base;
	return RETORT_OK;
}

static void
sq_close(rt_conn *base)
{
	sqlite_conn *c = (sqlite_conn *)base;
	sqlite3_close_v2(c->db);
	free(c);
}

static int
sq_exec(rt_conn *base, const char *sql, rt_err *err)
{
	sqlite_conn *c = (sqlite_conn *)base;
	const char *tail = sql;
	while (tail && *tail) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(c->db, tail, -1, &st, &tail) != SQLITE_OK)
			return fail(c, RETORT_ERROR, err, NULL);
		if (!st) /* white space or a comment */
			continue;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE) {
			int r = fail(c, RETORT_ERROR, err, NULL);
			sqlite3_finalize(st);
			return r;
		}
		sqlite3_finalize(st);
	}
	return RETORT_OK;
}

static int
bind_params(sqlite_conn *c, sqlite3_stmt *st, int nparams,
            const char *const *params, rt_err *err)
{
	for (int i = 0; i < nparams; i++) {
		char name[16];
		snprintf(name, sizeof(name), "$%d", i + 1);
		int idx = sqlite3_bind_parameter_index(st, name);
		if (idx == 0)
			continue; /* not used by this statement */
		int rc = params[i]
		             ? sqlite3_bind_text(st, idx, params[i], -1, SQLITE_TRANSIENT)
		             : sqlite3_bind_null(st, idx);
		if (rc != SQLITE_OK)
			return fail(c, RETORT_ERROR, err, NULL);
	}
	return RETORT_OK;
}

static int
sq_query(rt_conn *base, rt_arena *a, const char *sql, int nparams,
         const char *const *params, rt_rows *out, rt_err *err)
{
	sqlite_conn *c = (sqlite_conn *)base;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(c, RETORT_ERROR, err, NULL);
	if (!st)
		return rt_err_set(err, RETORT_ERROR, "empty query");
	int rc = bind_params(c, st, nparams, params, err);
	if (rc != RETORT_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	rt_rows r = { 0, (size_t)sqlite3_column_count(st), NULL, NULL };
	r.names = rt_alloc(a, sizeof(char *) * (r.ncols ? r.ncols : 1));
	for (size_t i = 0; i < r.ncols; i++)
		r.names[i] = rt_strdup(a, sqlite3_column_name(st, (int)i));

	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (r.nrows == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			r.cells = rt_arena_grow(a, (void *)r.cells,
			                        cap * r.ncols * sizeof(char *),
			                        ncap * r.ncols * sizeof(char *) + 1);
			cap = ncap;
		}
		for (size_t i = 0; i < r.ncols; i++) {
			const unsigned char *v = sqlite3_column_text(st, (int)i);
			r.cells[r.nrows * r.ncols + i] =
			    v ? rt_strndup(a, (const char *)v,
			                   (size_t)sqlite3_column_bytes(st, (int)i))
			      : NULL;
		}
		r.nrows++;
	}
	if (step != SQLITE_DONE) {
		int e = fail(c, RETORT_ERROR, err, NULL);
		sqlite3_finalize(st);
		return e;
	}
	sqlite3_finalize(st);
	*out = r;
	return RETORT_OK;
}

static int
sq_begin(rt_conn *c, rt_err *err)
{
	return sq_exec(c, "BEGIN IMMEDIATE", err);
}

static int
sq_commit(rt_conn *base, rt_err *err)
{
	sqlite_conn *c = (sqlite_conn *)base;
	int rc = sq_exec(base, "COMMIT", err);
	if (rc != RETORT_OK && !sqlite3_get_autocommit(c->db))
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static int
sq_rollback(rt_conn *base, rt_err *err)
{
	sqlite_conn *c = (sqlite_conn *)base;
	if (sqlite3_get_autocommit(c->db))
		return RETORT_OK; /* SQLite already rolled back */
	return sq_exec(base, "ROLLBACK", err);
}

static int
sq_try_lock(rt_conn *base, const char *key, bool *got, rt_err *err)
{
	sqlite_conn *c = (sqlite_conn *)base;
	sqlite3_busy_timeout(c->db, 0);
	int rc = sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK) {
		*got = true;
		return RETORT_OK;
	}
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
		*got = false;
		return RETORT_OK;
	}
	return fail(c, RETORT_ERROR, err, "taking the migration lock");
}

static int
sq_unlock(rt_conn *base, const char *key, rt_err *err)
{
	return sq_rollback(base, err);
}

const rt_driver rt_sqlite_driver = {
	.version = RT_DRIVER_VERSION,
	.name = "sqlite",
	.dialect = RT_SQLITE,
	.lock_is_transaction = true,
	.connect = sq_connect,
	.close = sq_close,
	.exec = sq_exec,
	.query = sq_query,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.try_lock = sq_try_lock,
	.unlock = sq_unlock,
};
