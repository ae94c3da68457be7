/*
 * driver_pg.c: the PostgreSQL driver, on libpq.
 *
 * The URL or conninfo string is handed to libpq as it is (expand_dbname),
 * so PG* variables, ~/.pgpass, service files and sslmode all work. retort
 * adds only fallback_application_name=retort and, unless PGCONNECT_TIMEOUT
 * says otherwise, connect_timeout=10 so an unreachable server fails instead
 * of hanging.
 *
 * The migration lock is a session advisory lock keyed on a 64-bit hash of
 * the lock name, taken with pg_try_advisory_lock (never the blocking form,
 * which can deadlock with CREATE INDEX CONCURRENTLY).
 */
#include "driver.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct pg_conn {
	rt_conn base;
	PGconn *pg;
} pg_conn;

/* Collapses a libpq message onto one line: newlines become "; ", runs of
 * white space one space, no trailing punctuation of white space. */
static void
one_line(rt_buf *b, const char *msg)
{
	bool space = false;
	size_t start = b->len;
	for (const char *p = msg; *p; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ') {
			space = true;
			continue;
		}
		if (space && b->len > start)
			rt_buf_putc(b, ' ');
		space = false;
		rt_buf_putc(b, *p);
	}
}

static void
notice_sink(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int
pg_connect_(rt_conn **out, const char *target, const char *display,
            unsigned flags, rt_err *err)
{
	const char *kw[4], *val[4];
	int n = 0;
	if (!getenv("PGCONNECT_TIMEOUT")) {
		kw[n] = "connect_timeout";
		val[n++] = "10";
	}
	kw[n] = "fallback_application_name";
	val[n++] = "retort";
	kw[n] = "dbname";
	val[n++] = target;
	kw[n] = NULL;
	val[n] = NULL;

	PGconn *pg = PQconnectdbParams(kw, val, 1);
	if (!pg)
		rt_oom();
	if (PQstatus(pg) != CONNECTION_OK) {
		rt_arena *a = rt_arena_new();
		rt_buf b = RT_BUF_INIT;
		one_line(&b, PQerrorMessage(pg));
		const char *msg = rt_mask_password_in(a, rt_buf_cstr(&b), target);
		int rc = rt_err_set(err, RETORT_ERROR, "can't connect to %s: %s",
		                    display, msg);
		rt_buf_free(&b);
		rt_arena_free(a);
		PQfinish(pg);
		return rc;
	}
	PQsetNoticeProcessor(pg, notice_sink, NULL);
	/* A retort killed in the middle of a long statement must not leave
	 * its session running, holding the migration lock and the revision's
	 * locks, until the statement ends: ask the server to check every
	 * second that the client is still there (PostgreSQL 14 and later, on
	 * the platforms that support it). Best effort: a server that refuses
	 * the setting works as before. */
	if (PQserverVersion(pg) >= 140000)
		PQclear(PQexec(pg, "SET client_connection_check_interval = 1000"));
	pg_conn *c = rt_xcalloc(1, sizeof(*c));
	c->pg = pg;
	*out = &c->base;
	(void)flags;
	return RETORT_OK;
}

static void
pg_close(rt_conn *base)
{
	pg_conn *c = (pg_conn *)base;
	PQfinish(c->pg);
	free(c);
}

/* Records a failed result: "message (SQLSTATE xxxxx)" and the detail and
 * hint lines the server sent. */
static int
result_error(pg_conn *c, PGresult *res, rt_err *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
	                          : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL)
	                         : NULL;
	const char *hint = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT)
	                       : NULL;
	snprintf(c->base.sqlstate, sizeof(c->base.sqlstate), "%s",
	         state ? state : "");
	rt_buf b = RT_BUF_INIT;
	if (primary) {
		rt_buf_puts(&b, primary);
	} else {
		one_line(&b, PQerrorMessage(c->pg));
	}
	if (state)
		rt_buf_printf(&b, " (SQLSTATE %s)", state);
	if (detail)
		rt_buf_printf(&b, "\nDETAIL: %s", detail);
	if (hint)
		rt_buf_printf(&b, "\nHINT: %s", hint);
	if (PQstatus(c->pg) == CONNECTION_BAD)
		rt_buf_puts(&b, "\n(the connection to the server was lost)");
	int rc = rt_err_set(err, RETORT_ERROR, "%s", rt_buf_cstr(&b));
	rt_buf_free(&b);
	return rc;
}

static int
pg_exec(rt_conn *base, const char *sql, rt_err *err)
{
	pg_conn *c = (pg_conn *)base;
	PGresult *res = PQexec(c->pg, sql);
	ExecStatusType st = PQresultStatus(res);
	int rc = RETORT_OK;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
	    st != PGRES_EMPTY_QUERY)
		rc = result_error(c, res, err);
	PQclear(res);
	return rc;
}

static int
pg_query(rt_conn *base, rt_arena *a, const char *sql, int nparams,
         const char *const *params, rt_rows *out, rt_err *err)
{
	pg_conn *c = (pg_conn *)base;
	PGresult *res = PQexecParams(c->pg, sql, nparams, NULL, params, NULL,
	                             NULL, 0);
	ExecStatusType st = PQresultStatus(res);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		int rc = result_error(c, res, err);
		PQclear(res);
		return rc;
	}
	rt_rows r;
	r.nrows = (size_t)PQntuples(res);
	r.ncols = (size_t)PQnfields(res);
	r.names = rt_alloc(a, sizeof(char *) * (r.ncols ? r.ncols : 1));
	for (size_t i = 0; i < r.ncols; i++)
		r.names[i] = rt_strdup(a, PQfname(res, (int)i));
	r.cells = rt_alloc(a, sizeof(char *) * (r.nrows * r.ncols + 1));
	for (size_t row = 0; row < r.nrows; row++)
		for (size_t col = 0; col < r.ncols; col++)
			r.cells[row * r.ncols + col] =
			    PQgetisnull(res, (int)row, (int)col)
			        ? NULL
			        : rt_strndup(a, PQgetvalue(res, (int)row, (int)col),
			                     (size_t)PQgetlength(res, (int)row, (int)col));
	PQclear(res);
	*out = r;
	return RETORT_OK;
}

static int
pg_begin(rt_conn *c, rt_err *err)
{
	return pg_exec(c, "BEGIN", err);
}

static int
pg_commit(rt_conn *base, rt_err *err)
{
	pg_conn *c = (pg_conn *)base;
	PGresult *res = PQexec(c->pg, "COMMIT");
	int rc = RETORT_OK;
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = result_error(c, res, err);
	else if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
		/* COMMIT of a failed transaction answers ROLLBACK. */
		rc = rt_err_set(err, RETORT_ERROR,
		                "the transaction was rolled back (an earlier statement failed)");
	PQclear(res);
	return rc;
}

static int
pg_rollback(rt_conn *c, rt_err *err)
{
	return pg_exec(c, "ROLLBACK", err);
}

static int
pg_try_lock(rt_conn *base, const char *key, bool *got, rt_err *err)
{
	char k[32];
	snprintf(k, sizeof(k), "%lld", (long long)rt_lock_key(key));
	const char *params[1] = { k };
	rt_arena *a = rt_arena_new();
	rt_rows rows;
	int rc = pg_query(base, a, "SELECT pg_try_advisory_lock($1::bigint)", 1,
	                  params, &rows, err);
	if (rc == RETORT_OK)
		*got = rows.nrows == 1 && rt_rows_get(&rows, 0, 0) &&
		       strcmp(rt_rows_get(&rows, 0, 0), "t") == 0;
	rt_arena_free(a);
	return rc;
}

static int
pg_unlock(rt_conn *base, const char *key, rt_err *err)
{
	char k[32];
	snprintf(k, sizeof(k), "%lld", (long long)rt_lock_key(key));
	const char *params[1] = { k };
	rt_arena *a = rt_arena_new();
	rt_rows rows;
	int rc = pg_query(base, a, "SELECT pg_advisory_unlock($1::bigint)", 1,
	                  params, &rows, err);
	rt_arena_free(a);
	return rc;
}

const rt_driver rt_pg_driver = {
	.version = RT_DRIVER_VERSION,
	.name = "postgresql",
	.dialect = RT_POSTGRES,
	.lock_is_transaction = false,
	.connect = pg_connect_,
	.close = pg_close,
	.exec = pg_exec,
	.query = pg_query,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.try_lock = pg_try_lock,
	.unlock = pg_unlock,
};
