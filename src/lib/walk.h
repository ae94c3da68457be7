/*
 * walk.h: which steps take a database from its current heads to a target,
 * over the revision graph, with Alembic's semantics (alembic/script/
 * revision.py and alembic/runtime/migration.py):
 *
 *   - upgrade to targets runs every ancestor of the targets (parents and
 *     Depends On, the targets included) that is not an ancestor of a
 *     current head, parents first; other branches stay where they are;
 *   - downgrade to a revision reverts every applied descendant of its
 *     children, children first; downgrade to base reverts everything;
 *   - the version table keeps one row per head: INSERT for a base or a new
 *     branch, UPDATE for a linear step, DELETE + UPDATE at a merge, INSERT
 *     + UPDATE when a downgrade leaves a merge, DELETE when a branch goes
 *     back to base.
 *
 * The walk is pure: it knows nothing of files or databases. It works on
 * rt_wnode, the little it needs of a revision, so its tests are tables of
 * graphs; the runner builds the nodes from the revision graph (graph.h).
 */
#ifndef RT_WALK_H
#define RT_WALK_H

#include "rt.h"
#include "util.h"

/* A revision as the walk sees it. */
typedef struct rt_wnode {
	const char *id;
	rt_strv parents;            /* Revises: none for a base, 2+ at a merge */
	rt_strv depends;            /* Depends On */
	const void *payload;        /* the caller's revision (borrowed) */
} rt_wnode;

typedef struct rt_wgraph rt_wgraph;

/* An index over nodes (borrowed; kept in file order, which breaks ties
 * between branches). A parent or dependency that is not a node is an
 * error naming both. */
int rt_wgraph_new(rt_arena *a, const rt_wnode *nodes, size_t n,
                  rt_wgraph **out, rt_err *err);

/* The node called id, or NULL. */
const rt_wnode *rt_wgraph_get(const rt_wgraph *g, const char *id);

/* The heads of the graph (revisions nobody revises), in file order. */
rt_strv rt_wgraph_heads(rt_arena *a, const rt_wgraph *g);

/* True when anc is id or one of its ancestors (parents and dependencies). */
bool rt_wgraph_is_ancestor(const rt_wgraph *g, const char *anc,
                           const char *id);

/* The revisions applied when the version rows are rows: every ancestor of
 * a row (the rows included), in the graph's order. Unknown rows are
 * skipped. */
rt_strv rt_wgraph_applied(rt_arena *a, const rt_wgraph *g, const rt_strv *rows);

/* One change of the version table. */
typedef enum rt_vop_kind {
	RT_VOP_INSERT = 1,          /* INSERT to */
	RT_VOP_UPDATE = 2,          /* UPDATE from -> to */
	RT_VOP_DELETE = 3,          /* DELETE from */
} rt_vop_kind;

typedef struct rt_vop {
	rt_vop_kind kind;
	const char *from;           /* UPDATE, DELETE */
	const char *to;             /* INSERT, UPDATE */
} rt_vop;

typedef enum rt_step_kind {
	RT_STEP_UPGRADE = 1,
	RT_STEP_DOWNGRADE = 2,
	RT_STEP_STAMP = 3,
} rt_step_kind;

/* One step: a revision's upgrade or downgrade, or a stamp. */
typedef struct rt_step {
	rt_step_kind kind;
	const rt_wnode *rev;        /* the revision run; for a stamp the
	                               destination (NULL: base) */
	rt_strv from;               /* "Running upgrade FROM -> TO" */
	rt_strv to;
	rt_vop *vops;               /* version-table changes, in order */
	size_t nvops;
} rt_step;

typedef struct rt_plan {
	rt_step *steps;
	size_t n;
	rt_strv heads_after;        /* the version rows after the plan, sorted */
} rt_plan;

/*
 * The steps from current (the version rows) up to targets (revision ids;
 * several for "heads"). A current row that is not in the graph is
 * "Can't locate revision identified by 'x'" (RETORT_ENOTFOUND). Targets
 * already applied give an empty plan.
 */
int rt_walk_upgrade(rt_arena *a, const rt_wgraph *g, const rt_strv *current,
                    const rt_strv *targets, rt_plan *out, rt_err *err);

/*
 * The steps from current down to target (NULL: base). A target that is
 * not below the current heads is an error, as in Alembic ("Destination ...
 * is not a valid downgrade target from current head(s)").
 */
int rt_walk_downgrade(rt_arena *a, const rt_wgraph *g, const rt_strv *current,
                      const char *target, rt_plan *out, rt_err *err);

/*
 * The stamp steps setting the version rows to targets (empty: base) without
 * running anything: each target replaces the current rows on its lineage
 * (its ancestors and descendants), or is added as a new branch. purge
 * deletes every row first (rows the graph does not know included).
 */
int rt_walk_stamp(rt_arena *a, const rt_wgraph *g, const rt_strv *current,
                  const rt_strv *targets, bool purge, rt_plan *out,
                  rt_err *err);

/* Applies the version changes of one step to a set of rows (tests, offline
 * scripts). */
void rt_vops_apply(rt_arena *a, rt_strv *rows, const rt_step *s);

#endif
