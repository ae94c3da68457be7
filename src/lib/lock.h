/*
 * lock.h: the migration lock (DESIGN.md section 6), taken by every command
 * that writes, so that any number of replicas may run `upgrade head` at
 * once and each revision still runs exactly once.
 *
 *   - PostgreSQL, lock = advisory: a session advisory lock keyed on the
 *     version table's name, polled with pg_try_advisory_lock and backoff
 *     (rt_conn_lock) for up to lock_timeout seconds.
 *   - PostgreSQL, lock = table (behind a transaction-mode pooler, where
 *     session locks don't hold): a lease row in lock_table (name, holder,
 *     acquired_at, expires_at) taken on a connection of its own for
 *     lock_lease seconds, renewed by a thread every third of that while the
 *     command runs, and taken
 *     over by another retort once it has expired, so a crashed holder
 *     never blocks for longer than one lease.
 *   - SQLite: nothing here; every step's transaction is BEGIN IMMEDIATE
 *     (rt_conn_lock with lock_timeout), and the runner re-reads the version
 *     table inside it.
 */
#ifndef RT_LOCK_H
#define RT_LOCK_H

#include "rt.h"
#include "config.h"
#include "driver.h"
#include "url.h"

typedef struct rt_mlock rt_mlock;

/*
 * Takes the migration lock for the database of c (a lease uses a second
 * connection to url). Waiting longer than cfg->lock_timeout is
 * RETORT_ELOCKED. *out is set on success; release it with
 * rt_mlock_release. warn, when not NULL, receives a message when a stale
 * lease is taken over.
 */
int rt_mlock_acquire(rt_conn *c, const rt_url *url, const rt_config *cfg,
                     void (*warn)(const char *msg, void *payload),
                     void *payload, rt_mlock **out, rt_err *err);

/* Fails (RETORT_ELOCKED) when a lease was lost: it expired and another
 * retort took it over. The runner checks before every commit. */
int rt_mlock_check(rt_mlock *l, rt_err *err);

/* Releases the lock and frees l. NULL is fine. */
int rt_mlock_release(rt_mlock *l, rt_err *err);

/* The lease table's name, qualified and quoted for d. */
const char *rt_lock_table_sql(rt_arena *a, const rt_config *cfg,
                              rt_dialect d);

#endif
