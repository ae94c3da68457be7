/*
 * driver.h: the database drivers, as a small table of functions per
 * dialect (driver_sqlite.c, driver_pg.c), in the manner of SQLite's
 * sqlite3_io_methods.
 *
 * The rest of the library never calls through the table: it calls the
 * rt_conn_* wrappers of driver.c, which check optional methods, count the
 * statements sent (benchmarks and tests assert on the count) and are the one
 * place where tests inject faults.
 *
 * Statements take parameters written $1, $2, ... in both dialects; values
 * are always bound, never spliced into SQL text. Result values come back as
 * text (NULL for SQL NULL).
 */
#ifndef RT_DRIVER_H
#define RT_DRIVER_H

#include <stdbool.h>

#include "rt.h"
#include "url.h"

#define RT_DRIVER_VERSION 1

/* Flags for rt_connect. */
enum {
	RT_CONNECT_READONLY = 1 << 0,  /* SQLite: open read-only, and do not
	                                  create a missing file */
};

/* The rows of a query, allocated from the arena given to rt_conn_query. */
typedef struct rt_rows {
	size_t nrows;
	size_t ncols;
	const char **names;   /* ncols column names */
	const char **cells;   /* nrows * ncols values, row-major; NULL = NULL */
} rt_rows;

/* The value at (row, col); NULL for SQL NULL. */
static inline const char *
rt_rows_get(const rt_rows *r, size_t row, size_t col)
{
	return r->cells[row * r->ncols + col];
}

/* The index of the named column, or -1. */
int rt_rows_col(const rt_rows *r, const char *name);

typedef struct rt_conn rt_conn;

/* Called before every statement a connection sends; a non-OK return makes
 * the statement fail with that code (tests use it to inject faults). */
typedef int (*rt_fault_fn)(rt_conn *c, const char *sql, void *payload,
                           rt_err *err);

/* Called with every statement a connection sends, before it is sent (the
 * handle logs them at RETORT_LOG_DEBUG: `retort -vv`). */
typedef void (*rt_trace_fn)(const char *sql, void *payload);

typedef struct rt_driver {
	int version;            /* RT_DRIVER_VERSION */
	const char *name;       /* "sqlite", "postgresql" */
	rt_dialect dialect;
	bool lock_is_transaction; /* SQLite: holding the lock is holding the
	                             write transaction; committing releases it */

	int (*connect)(rt_conn **out, const char *target, const char *display,
	               unsigned flags, rt_err *err);
	void (*close)(rt_conn *c);
	/* Runs sql (one or more statements, no parameters, rows ignored). */
	int (*exec)(rt_conn *c, const char *sql, rt_err *err);
	/* Runs one statement with parameters and collects its rows. */
	int (*query)(rt_conn *c, rt_arena *a, const char *sql, int nparams,
	             const char *const *params, rt_rows *out, rt_err *err);
	int (*begin)(rt_conn *c, rt_err *err);
	int (*commit)(rt_conn *c, rt_err *err);
	int (*rollback)(rt_conn *c, rt_err *err);
	/* Tries once to take the migration lock named key; *got says whether
	 * it did. Never waits (the wrapper polls with backoff). */
	int (*try_lock)(rt_conn *c, const char *key, bool *got, rt_err *err);
	int (*unlock)(rt_conn *c, const char *key, rt_err *err);
} rt_driver;

/* What every connection starts with; drivers embed it first. */
struct rt_conn {
	const rt_driver *drv;
	const char *display;        /* the masked URL, for messages */
	unsigned long statements;   /* statements sent so far */
	bool in_transaction;
	bool locked;
	char sqlstate[6];           /* SQLSTATE of the last failure, or "" */
	rt_fault_fn fault;          /* test hook, NULL normally */
	void *fault_payload;
	rt_trace_fn trace;          /* statement log, or NULL */
	void *trace_payload;
	char *lock_key;             /* the lock held, if any (heap) */
};

extern const rt_driver rt_sqlite_driver;
extern const rt_driver rt_pg_driver;

/* The driver for a dialect. */
const rt_driver *rt_driver_for(rt_dialect d);

/* Opens a connection to url. A failure message names the masked URL and
 * fits on one line. */
int rt_connect(const rt_url *url, unsigned flags, rt_conn **out, rt_err *err);

/* Closes c (rolling back an open transaction, releasing a held lock).
 * NULL is fine. */
void rt_disconnect(rt_conn *c);

rt_dialect rt_conn_dialect(const rt_conn *c);

int rt_conn_exec(rt_conn *c, const char *sql, rt_err *err);
int rt_conn_query(rt_conn *c, rt_arena *a, const char *sql, int nparams,
                  const char *const *params, rt_rows *out, rt_err *err);
int rt_conn_begin(rt_conn *c, rt_err *err);
int rt_conn_commit(rt_conn *c, rt_err *err);
int rt_conn_rollback(rt_conn *c, rt_err *err);

/*
 * Takes the migration lock named key, polling with backoff (10 ms doubling
 * to 500 ms) for up to timeout_s seconds; then RETORT_ELOCKED with a message
 * saying so. On SQLite the lock is the write transaction (BEGIN IMMEDIATE):
 * commit or rollback release it.
 */
int rt_conn_lock(rt_conn *c, const char *key, double timeout_s, rt_err *err);

/* Releases the lock if held. */
int rt_conn_unlock(rt_conn *c, rt_err *err);

/* Sets the test hook called before every statement. */
void rt_conn_set_fault(rt_conn *c, rt_fault_fn fn, void *payload);

/* Sets the function told of every statement sent (NULL: none). */
void rt_conn_set_trace(rt_conn *c, rt_trace_fn fn, void *payload);

/* A 64-bit key for a lock name (FNV-1a), as PostgreSQL's bigint. */
int64_t rt_lock_key(const char *name);

#endif
