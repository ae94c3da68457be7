/*
 * newrev.h: writing new revision files (`retort revision`, `retort
 * merge`): ids, slugs, file names, rendering through script.sql.mako.
 */
#ifndef RT_NEWREV_H
#define RT_NEWREV_H

#include <time.h>

#include "rt.h"
#include "opinfo.h"
#include "util.h"

/*
 * The slug of a message: its word characters ([0-9A-Za-z_] and every
 * non-ASCII byte) runs joined by '_', ASCII lower-cased; longer than
 * max bytes, cut at the last '_' before max (or at max when there is
 * none). "Add new_field to agent-config!" -> "add_new_field_to_agent_config".
 */
char *rt_slug(rt_arena *a, const char *message, int max);

/*
 * The file name (without directory, with ".sql") that file_template
 * gives: Alembic's tokens %(rev)s, %(slug)s, %(year)d, %(month).2d,
 * %(day).2d, %(hour).2d, %(minute).2d, %(second).2d, %(epoch)d; %% is a
 * '%'. An unknown token, or a name with a '/', is RETORT_EINVALID.
 */
int rt_revision_filename(rt_arena *a, const char *file_template,
                         const char *rev, const char *slug,
                         const struct tm *tm, time_t epoch, char **out,
                         rt_err *err);

/* A new random revision id: 12 lower-case hex digits. */
int rt_revision_new_id(char out[13], rt_err *err);

/* What a new revision file holds. */
typedef struct rt_newrev {
	const char *message;
	const char *rev_id;             /* NULL: random */
	rt_strv parents;
	rt_strv branch_labels;
	rt_strv depends_on;
	const char *upgrades;           /* the rendered SQL, or "" */
	const char *downgrades;
	const rt_op_info *up;           /* ops for the template, or NULL */
	size_t nup;
	const rt_op_info *down;
	size_t ndown;
	rt_strv warnings;
} rt_newrev;

#endif
