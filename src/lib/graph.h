/*
 * graph.h: the revision graph: every revision file of the version
 * locations, linked by `Revises` (parents; several for a merge) and
 * `Depends On`, with Alembic's revision identifiers.
 *
 *     rt_graph *g;
 *     if (rt_graph_load(cfg, RT_POSTGRES, &g, &err) != RETORT_OK)
 *             ...                         // every bad file, "file:line: ..."
 *     rt_strv ids = { 0 };
 *     rt_graph_resolve(g, "head", &current, &ids, &err);
 *     const rt_revision *r = rt_graph_get(g, ids.v[0]);
 *     rt_graph_free(g);
 *
 * Loading is linear in the number of files. Everything (revisions, lists
 * returned by the functions below) lives in the graph's arena and goes
 * with rt_graph_free.
 */
#ifndef RT_GRAPH_H
#define RT_GRAPH_H

#include "rt.h"
#include "config.h"
#include "map.h"
#include "revision.h"
#include "util.h"

typedef struct rt_graph {
	rt_arena *arena;          /* owns everything below */
	rt_revision **revs;       /* topological order: parents (and
	                             dependencies) before children, ties by id */
	size_t n;
	rt_map *by_id;            /* id -> rt_revision */
	rt_map *by_label;         /* branch label -> rt_revision */
	rt_revision **heads;      /* revisions without children, by id */
	size_t nheads;
	rt_revision **bases;      /* revisions without parents, by id */
	size_t nbases;
} rt_graph;

/*
 * Loads every *.sql file of cfg->version_locations (in each directory,
 * not below it) and links them. Statements are split for dialect d (0:
 * not split, for commands that only show the graph). Every problem is
 * reported, one per line: bad files (file:line), duplicate revision ids
 * (both files), missing parents and dependencies (the file that names
 * them), duplicate branch labels, cycles (the files on the cycle). The
 * code is RETORT_EINVALID; *out is set only on success.
 */
int rt_graph_load(const rt_config *cfg, rt_dialect d, rt_graph **out,
                  rt_err *err);

/* Loads the given files (the same checks; for tests and tools). */
int rt_graph_load_files(const rt_strv *paths, rt_dialect d, rt_graph **out,
                        rt_err *err);

/* Links revisions parsed elsewhere (allocated from a, which the graph
 * takes over); the checks of rt_graph_load. a is freed on failure. */
int rt_graph_build(rt_arena *a, rt_revision **revs, size_t n,
                   rt_graph **out, rt_err *err);

/* Frees the graph and everything it handed out. NULL is fine. */
void rt_graph_free(rt_graph *g);

/* The revision with exactly this id, or NULL. Borrowed. */
const rt_revision *rt_graph_get(const rt_graph *g, const char *id);

/*
 * Resolves one revision identifier into revision ids (appended to *out,
 * whose array lives in the graph's arena):
 *
 *   head          the one head ("Multiple head revisions are present; ..."
 *                 when there are several: RETORT_EINVALID)
 *   heads         every head
 *   base          nothing (an empty list: before the first revision)
 *   current       the revisions of *current
 *   ID, PREFIX    a full id or a unique prefix (ambiguous: RETORT_EAMBIGUOUS
 *                 listing the candidates)
 *   LABEL         the revision carrying the branch label
 *   X@head        the head descending from X (a label or a revision)
 *   X+N, X-N      N steps up (towards the heads) or down from X, where X is
 *                 any of the above naming one revision
 *   +N, -N        relative to *current (one revision, or base when empty)
 *
 * An unknown identifier is RETORT_ENOTFOUND with "Can't locate revision
 * identified by 'x'". A step through a branch point or a merge is
 * ambiguous (RETORT_EINVALID naming the revisions), as is -N past base.
 * current may be NULL when the caller has no database.
 */
int rt_graph_resolve(const rt_graph *g, const char *spec,
                     const rt_strv *current, rt_strv *out, rt_err *err);

/*
 * The revisions of a history range "A:B" (either side may be empty:
 * base and heads; A and B are identifiers as for rt_graph_resolve), or
 * NULL or "" (everything): every revision that is an ancestor of (or is)
 * one of B's and a descendant of (or is) one of A's. *out (in the graph's
 * arena) gets them newest first (reverse topological order). Anything
 * else than a range is an error, in Alembic's words.
 */
int rt_graph_range(const rt_graph *g, const char *range,
                   const rt_strv *current, rt_revision ***out, size_t *n,
                   rt_err *err);

/* True when anc is rev or one of its ancestors (through parents,
 * transitively; dependencies are not followed). */
bool rt_graph_is_ancestor(const rt_graph *g, const rt_revision *anc,
                          const rt_revision *rev);


/*
 * Draws revs (a list in reverse topological order, newest first, as
 * rt_graph_range gives) as text lanes, like `git log --graph`: rows[i] is
 * the lanes of revs[i] ("* | "), after[i] the connecting lines to print
 * after it ("|\\\n", "|/\n" or ""). Both arrays live in the graph's arena.
 */
void rt_graph_draw(const rt_graph *g, rt_revision *const *revs, size_t n,
                   const char ***rows, const char ***after);

/* The graph of a handle's project (statements not split); failures are
 * recorded on the handle. */
int rt_handle_graph(retort *r, rt_graph **out);

/* The database's revisions (its version table) appended to *cur, in a;
 * failures are recorded on the handle. */
int rt_handle_current(retort *r, rt_arena *a, rt_strv *cur);

#endif
