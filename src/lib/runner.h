/*
 * runner.h: running revisions: online through a connection, or offline as
 * a script (DESIGN.md sections 6 and 8). The public commands
 * (retort_upgrade, retort_downgrade, retort_stamp, their _sql variants,
 * retort_verify, retort_status) are in migrate.c; this header gives the
 * parts the tests reach directly.
 */
#ifndef RT_RUNNER_H
#define RT_RUNNER_H

#include "rt.h"
#include "config.h"
#include "graph.h"
#include "util.h"
#include "walk.h"

/* The walk's view of a revision graph: one node per revision (payload: the
 * rt_revision), in the graph's order. */
int rt_runner_wgraph(rt_arena *a, const rt_graph *g, rt_wgraph **out,
                     rt_err *err);

/* Options of an offline script. */
typedef struct rt_script_opts {
	const rt_config *cfg;
	rt_dialect dialect;
	bool create_tables;      /* the range starts at base: create the
	                            version and history tables first */
	const char *applied_by;  /* written into the history rows */
	const char *title;       /* first comment line, or NULL */
} rt_script_opts;

/*
 * Appends the offline script of plan to out, in Alembic's layout: a
 * "-- Running upgrade A -> B, message" comment before each step, the
 * step's statements, its version-table and history statements right after,
 * BEGIN;/COMMIT; around each transaction (one per revision, or one for all
 * when transaction_per_migration is false; none around a transaction:false
 * section). psql and sqlite3 run it as it is.
 */
void rt_runner_script(rt_arena *a, const rt_script_opts *o,
                      const rt_plan *plan, rt_buf *out);

/* "Running upgrade A, B -> C, message" for a step (without a duration). */
const char *rt_step_describe(rt_arena *a, const rt_step *s);

/* Applied revisions whose file changed since (the last checksum recorded
 * in the history table differs): one "ID\tPATH\tRECORDED\tACTUAL" line
 * each (the checksums in full hex). */
struct rt_conn;
int rt_runner_edited(struct rt_conn *c, rt_arena *a, const rt_config *cfg,
                     const rt_wgraph *wg, const rt_strv *current,
                     rt_strv *out, rt_err *err);

/* One line of rt_runner_edited as a person reads it: "ID (PATH): edited
 * after it was applied (checksum 36ae1dcc791a... recorded, file has ...)". */
const char *rt_runner_edited_text(rt_arena *a, const char *line);

#endif
