/*
 * driver.c: the wrappers the library calls instead of the driver tables.
 */
#include "driver.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

int
rt_rows_col(const rt_rows *r, const char *name)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], name) == 0)
			return (int)i;
	return -1;
}

const rt_driver *
rt_driver_for(rt_dialect d)
{
	return d == RT_POSTGRES ? &rt_pg_driver : &rt_sqlite_driver;
}

int
rt_connect(const rt_url *url, unsigned flags, rt_conn **out, rt_err *err)
{
	const rt_driver *drv = rt_driver_for(url->dialect);
	rt_conn *c = NULL;
	int rc = drv->connect(&c, url->target, url->display, flags, err);
	if (rc != RETORT_OK)
		return rc;
	c->drv = drv;
	c->display = rt_xstrdup(url->display);
	*out = c;
	return RETORT_OK;
}

void
rt_disconnect(rt_conn *c)
{
	if (!c)
		return;
	if (c->in_transaction)
		c->drv->rollback(c, NULL);
	if (c->locked)
		rt_conn_unlock(c, NULL);
	free((char *)c->display);
	free(c->lock_key);
	c->drv->close(c);
}

rt_dialect
rt_conn_dialect(const rt_conn *c)
{
	return c->drv->dialect;
}

static int
fault(rt_conn *c, const char *sql, rt_err *err)
{
	c->sqlstate[0] = '\0';
	if (c->trace)
		c->trace(sql, c->trace_payload);
	if (!c->fault)
		return RETORT_OK;
	return c->fault(c, sql, c->fault_payload, err);
}

int
rt_conn_exec(rt_conn *c, const char *sql, rt_err *err)
{
	int rc = fault(c, sql, err);
	if (rc != RETORT_OK)
		return rc;
	c->statements++;
	return c->drv->exec(c, sql, err);
}

int
rt_conn_query(rt_conn *c, rt_arena *a, const char *sql, int nparams,
              const char *const *params, rt_rows *out, rt_err *err)
{
	int rc = fault(c, sql, err);
	if (rc != RETORT_OK)
		return rc;
	c->statements++;
	return c->drv->query(c, a, sql, nparams, params, out, err);
}

int
rt_conn_begin(rt_conn *c, rt_err *err)
{
	int rc = fault(c, "BEGIN", err);
	if (rc != RETORT_OK)
		return rc;
	c->statements++;
	rc = c->drv->begin(c, err);
	if (rc == RETORT_OK)
		c->in_transaction = true;
	return rc;
}

int
rt_conn_commit(rt_conn *c, rt_err *err)
{
	int rc = fault(c, "COMMIT", err);
	if (rc != RETORT_OK)
		return rc;
	c->statements++;
	rc = c->drv->commit(c, err);
	/* A failed COMMIT ends the transaction too (it rolls back). */
	c->in_transaction = false;
	if (c->drv->lock_is_transaction)
		c->locked = false;
	return rc;
}

int
rt_conn_rollback(rt_conn *c, rt_err *err)
{
	if (c->trace)
		c->trace("ROLLBACK", c->trace_payload);
	c->statements++;
	int rc = c->drv->rollback(c, err);
	c->in_transaction = false;
	if (c->drv->lock_is_transaction)
		c->locked = false;
	return rc;
}

int
rt_conn_lock(rt_conn *c, const char *key, double timeout_s, rt_err *err)
{
	double start = rt_now_ms();
	double delay = 10;
	for (;;) {
		bool got = false;
		int rc = fault(c, "LOCK", err);
		if (rc != RETORT_OK)
			return rc;
		c->statements++;
		rc = c->drv->try_lock(c, key, &got, err);
		if (rc != RETORT_OK)
			return rc;
		if (got) {
			c->locked = true;
			if (c->drv->lock_is_transaction)
				c->in_transaction = true;
			free(c->lock_key);
			c->lock_key = rt_xstrdup(key);
			return RETORT_OK;
		}
		double waited = rt_now_ms() - start;
		if (waited >= timeout_s * 1000.0)
			return rt_err_set(err, RETORT_ELOCKED,
			                  "%s: timed out after %g s waiting for the migration lock '%s' (another retort is migrating this database; raise lock_timeout to wait longer)",
			                  c->display, timeout_s, key);
		double left = timeout_s * 1000.0 - waited;
		rt_sleep_ms(delay < left ? delay : left);
		delay = delay * 2 > 500 ? 500 : delay * 2;
	}
}

int
rt_conn_unlock(rt_conn *c, rt_err *err)
{
	if (!c->locked)
		return RETORT_OK;
	int rc = RETORT_OK;
	if (c->drv->lock_is_transaction) {
		if (c->in_transaction)
			rc = rt_conn_rollback(c, err);
	} else {
		if (c->trace)
			c->trace("UNLOCK", c->trace_payload);
		c->statements++;
		rc = c->drv->unlock(c, c->lock_key, err);
	}
	c->locked = false;
	return rc;
}

void
rt_conn_set_fault(rt_conn *c, rt_fault_fn fn, void *payload)
{
	c->fault = fn;
	c->fault_payload = payload;
}

void
rt_conn_set_trace(rt_conn *c, rt_trace_fn fn, void *payload)
{
	c->trace = fn;
	c->trace_payload = payload;
}

int64_t
rt_lock_key(const char *name)
{
	uint64_t h = 14695981039346656037ULL;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return (int64_t)h;
}
