/* lock.c: see lock.h. */
#include "lock.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quote.h"
#include "util.h"
#include "version.h"

struct rt_mlock {
	rt_conn *c;                 /* the migration connection */
	rt_lock_mode mode;
	rt_arena *arena;
	/* lock = table */
	rt_conn *lease;             /* the lease's own connection */
	const char *table;          /* quoted lock table */
	const char *name;           /* the lease row: the version table */
	const char *holder;         /* "host:pid:random" */
	double lease_s;             /* how long a lease lasts */
	pthread_t thread;
	bool thread_running;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;                  /* under mu: the thread should end */
	bool lost;                  /* under mu: renewal found another holder */
	char lost_msg[512];         /* under mu */
};

const char *
rt_lock_table_sql(rt_arena *a, const rt_config *cfg, rt_dialect d)
{
	return rt_own_table_sql(a, cfg, d, cfg->lock_table);
}

/* The advisory lock's name: the qualified version table, so two projects
 * in one database with different version tables don't wait for each
 * other. */
static const char *
lock_name(rt_arena *a, const rt_config *cfg, rt_dialect d)
{
	const char *schema = rt_version_schema(cfg, d);
	return rt_sprintf(a, "retort:%s.%s", schema ? schema : "",
	                  cfg->version_table);
}

static int
lease_create_table(rt_mlock *l, rt_err *err)
{
	const char *sql = rt_sprintf(l->arena,
	                             "CREATE TABLE IF NOT EXISTS %s (\n"
	                             "    name varchar(255) NOT NULL PRIMARY KEY,\n"
	                             "    holder text NOT NULL,\n"
	                             "    acquired_at timestamptz NOT NULL,\n"
	                             "    expires_at timestamptz NOT NULL\n"
	                             ")",
	                             l->table);
	/* Several processes creating it at once may collide on the catalog's
	 * unique indexes; the table is there once one of them won. */
	for (int attempt = 0;; attempt++) {
		int rc = rt_conn_exec(l->lease, sql, err);
		if (rc == RETORT_OK || attempt == 3)
			return rc;
		if (strcmp(l->lease->sqlstate, "23505") != 0 &&
		    strcmp(l->lease->sqlstate, "42P07") != 0)
			return rc;
		rt_sleep_ms(20);
	}
}

/* One try: takes the lease when it is free or expired. *got says whether;
 * *stale gets the previous holder when an expired lease was taken over. */
static int
lease_try(rt_mlock *l, rt_arena *a, bool *got, const char **stale,
          rt_err *err)
{
	const char *sql = rt_sprintf(a,
	                             "WITH prev AS (SELECT holder FROM %s WHERE name = $1) "
	                             "INSERT INTO %s AS l (name, holder, acquired_at, expires_at) "
	                             "VALUES ($1, $2, clock_timestamp(), clock_timestamp() + make_interval(secs => $3::double precision)) "
	                             "ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, "
	                             "acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at "
	                             "WHERE l.expires_at < clock_timestamp() "
	                             "RETURNING (SELECT holder FROM prev)",
	                             l->table, l->table);
	char secs[32];
	snprintf(secs, sizeof(secs), "%g", l->lease_s);
	const char *p[] = { l->name, l->holder, secs };
	rt_rows rows;
	int rc = rt_conn_query(l->lease, a, sql, 3, p, &rows, err);
	if (rc != RETORT_OK) {
		/* Two first-comers inserting at once: the loser retries. */
		if (strcmp(l->lease->sqlstate, "23505") == 0) {
			*got = false;
			return RETORT_OK;
		}
		return rc;
	}
	*got = rows.nrows == 1;
	*stale = *got ? rt_rows_get(&rows, 0, 0) : NULL;
	return RETORT_OK;
}

static void *
renew_thread(void *arg)
{
	rt_mlock *l = arg;
	rt_arena *a = rt_arena_new();
	const char *sql = rt_sprintf(a,
	                             "UPDATE %s SET expires_at = clock_timestamp() + make_interval(secs => $3::double precision) "
	                             "WHERE name = $1 AND holder = $2 RETURNING holder",
	                             l->table);
	char secs[32];
	snprintf(secs, sizeof(secs), "%g", l->lease_s);
	const char *p[] = { l->name, l->holder, secs };
	long step_ns = (long)(l->lease_s / 3 * 1e9);
	pthread_mutex_lock(&l->mu);
	while (!l->stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += step_ns / 1000000000L;
		ts.tv_nsec += step_ns % 1000000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&l->cv, &l->mu, &ts);
		if (l->stop)
			break;
		pthread_mutex_unlock(&l->mu);
		rt_err e = RT_ERR_INIT;
		rt_rows rows;
		int rc = rt_conn_query(l->lease, a, sql, 3, p, &rows, &e);
		pthread_mutex_lock(&l->mu);
		if (rc != RETORT_OK || rows.nrows != 1) {
			l->lost = true;
			snprintf(l->lost_msg, sizeof(l->lost_msg),
			         "lost the migration lease in %s: %s", l->table,
			         rc != RETORT_OK ? rt_err_msg(&e)
			                         : "it expired and another retort took it over");
		}
		rt_err_free(&e);
	}
	pthread_mutex_unlock(&l->mu);
	rt_arena_free(a);
	return NULL;
}

static const char *
make_holder(rt_arena *a)
{
	char host[128] = "";
	if (gethostname(host, sizeof(host) - 1) != 0)
		host[0] = '\0';
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return rt_sprintf(a, "%s:%ld:%lx", *host ? host : "localhost",
	                  (long)getpid(),
	                  (unsigned long)(ts.tv_nsec ^ (ts.tv_sec << 20)));
}

static int
lease_acquire(rt_mlock *l, const rt_url *url, const rt_config *cfg,
              void (*warn)(const char *, void *), void *payload, rt_err *err)
{
	int rc = rt_connect(url, 0, &l->lease, err);
	if (rc != RETORT_OK)
		return rc;
	l->table = rt_lock_table_sql(l->arena, cfg, RT_POSTGRES);
	l->name = lock_name(l->arena, cfg, RT_POSTGRES);
	l->holder = make_holder(l->arena);
	l->lease_s = cfg->lock_lease > 0.1 ? cfg->lock_lease : 0.1;
	if ((rc = lease_create_table(l, err)) != RETORT_OK)
		return rc;
	double start = rt_now_ms(), delay = 10;
	for (;;) {
		rt_arena *a = rt_arena_new();
		bool got = false;
		const char *stale = NULL;
		rc = lease_try(l, a, &got, &stale, err);
		if (rc == RETORT_OK && got && stale && warn) {
			char msg[512];
			snprintf(msg, sizeof(msg),
			         "took over the expired migration lease of %s in %s",
			         stale, l->table);
			warn(msg, payload);
		}
		rt_arena_free(a);
		if (rc != RETORT_OK)
			return rc;
		if (got)
			break;
		double waited = rt_now_ms() - start;
		if (waited >= cfg->lock_timeout * 1000.0)
			return rt_err_set(err, RETORT_ELOCKED,
			                  "%s: timed out after %g s waiting for the migration lease in %s (another retort is migrating this database; raise lock_timeout to wait longer)",
			                  url->display, cfg->lock_timeout, l->table);
		double left = cfg->lock_timeout * 1000.0 - waited;
		rt_sleep_ms(delay < left ? delay : left);
		delay = delay * 2 > 500 ? 500 : delay * 2;
	}
	pthread_mutex_init(&l->mu, NULL);
	pthread_cond_init(&l->cv, NULL);
	if (pthread_create(&l->thread, NULL, renew_thread, l) == 0)
		l->thread_running = true;
	return RETORT_OK;
}

int
rt_mlock_acquire(rt_conn *c, const rt_url *url, const rt_config *cfg,
                 void (*warn)(const char *msg, void *payload), void *payload,
                 rt_mlock **out, rt_err *err)
{
	rt_mlock *l = rt_xcalloc(1, sizeof(*l));
	l->c = c;
	l->arena = rt_arena_new();
	l->mode = cfg->lock;
	int rc = RETORT_OK;
	if (rt_conn_dialect(c) == RT_SQLITE) {
		/* Each step's BEGIN IMMEDIATE is the lock (see lock.h). */
	} else if (cfg->lock == RT_LOCK_TABLE) {
		rc = lease_acquire(l, url, cfg, warn, payload, err);
	} else {
		rc = rt_conn_lock(c, lock_name(l->arena, cfg, RT_POSTGRES),
		                  cfg->lock_timeout, err);
	}
	if (rc != RETORT_OK) {
		rt_disconnect(l->lease);
		rt_arena_free(l->arena);
		free(l);
		return rc;
	}
	*out = l;
	return RETORT_OK;
}

int
rt_mlock_check(rt_mlock *l, rt_err *err)
{
	if (!l || !l->thread_running)
		return RETORT_OK;
	pthread_mutex_lock(&l->mu);
	int rc = RETORT_OK;
	if (l->lost)
		rc = rt_err_set(err, RETORT_ELOCKED, "%s", l->lost_msg);
	pthread_mutex_unlock(&l->mu);
	return rc;
}

int
rt_mlock_release(rt_mlock *l, rt_err *err)
{
	if (!l)
		return RETORT_OK;
	int rc = RETORT_OK;
	if (l->thread_running) {
		pthread_mutex_lock(&l->mu);
		l->stop = true;
		pthread_cond_signal(&l->cv);
		pthread_mutex_unlock(&l->mu);
		pthread_join(l->thread, NULL);
		pthread_mutex_destroy(&l->mu);
		pthread_cond_destroy(&l->cv);
	}
	if (l->lease) {
		const char *sql = rt_sprintf(l->arena,
		                             "DELETE FROM %s WHERE name = $1 AND holder = $2",
		                             l->table);
		const char *p[] = { l->name, l->holder };
		rt_rows rows;
		rc = rt_conn_query(l->lease, l->arena, sql, 2, p, &rows, err);
		rt_disconnect(l->lease);
	} else if (rt_conn_dialect(l->c) == RT_POSTGRES && l->c->locked) {
		rc = rt_conn_unlock(l->c, err);
	}
	rt_arena_free(l->arena);
	free(l);
	return rc;
}
