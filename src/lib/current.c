/*
 * current.c: `retort current`: the revisions the database is at.
 */
#include "handle.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "version.h"

int
retort_current(retort *r, char ***out)
{
	rt_begin_call(r);
	int rc = rt_need_config(r);
	if (rc != RETORT_OK)
		return rc;
	const rt_url *u;
	if ((rc = rt_handle_url(r, &u)) != RETORT_OK)
		return rc;

	rt_arena *a = rt_arena_new();
	rt_strv ids = { NULL, 0 };
	/* A SQLite file that does not exist yet is at no revision; looking
	 * must not create it. */
	if (u->dialect == RT_SQLITE && strcmp(u->target, ":memory:") != 0 &&
	    !rt_path_exists(u->target)) {
		*out = rt_pack_strv(&ids);
		rt_arena_free(a);
		return RETORT_OK;
	}
	rt_conn *c;
	if ((rc = rt_handle_conn(r, RT_CONNECT_READONLY, &c)) != RETORT_OK)
		goto out;
	rt_err e = RT_ERR_INIT;
	if ((rc = rt_version_read(c, a, r->config, &ids, &e)) != RETORT_OK) {
		rt_err_prefix(&e, "%s: reading the version table: ",
		              u->display);
		rc = rt_fail_with(r, &e);
		goto out;
	}
	rt_err_free(&e);
	*out = rt_pack_strv(&ids);
out:
	rt_arena_free(a);
	return rc;
}
