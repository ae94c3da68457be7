/*
 * lint.h: flags destructive and locking-hazard statements in the upgrade
 * sections of revision files (`retort lint`, docs/lint.md).
 *
 * Each finding names the file, the statement's line, a rule and what to do
 * instead, in the manner of a compiler warning:
 *
 *     versions/3f2a_add_index.sql:9: index-not-concurrent: CREATE INDEX on
 *     existing table "users" blocks writes until it is built; use CREATE
 *     INDEX CONCURRENTLY in a transaction:false section
 *
 * A finding is silenced by a comment `-- lint:ignore RULE` (or `-- lint:
 * ignore all`) on a line of its own right above the statement or inside
 * it. Downgrade sections are not linted: undoing a change is destructive by
 * nature.
 */
#ifndef RT_LINT_H
#define RT_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "rt.h"
#include "revision.h"

typedef enum rt_lint_severity {
	RT_LINT_WARNING = 1,   /* a hazard: data loss or a long lock */
	RT_LINT_ERROR = 2,     /* the statement will fail as written */
} rt_lint_severity;

typedef struct rt_lint_finding {
	const rt_revision *rev;
	int line;                   /* of the statement in the file */
	const char *rule;           /* "drop-table", "index-not-concurrent" */
	rt_lint_severity severity;
	const char *message;        /* what and why, and what to do instead */
} rt_lint_finding;

typedef struct rt_lint_rule {
	const char *name;
	rt_lint_severity severity;
	bool postgres_only;         /* a locking hazard of PostgreSQL only */
	const char *summary;        /* one line, for docs and --help */
} rt_lint_rule;

/* The rules, terminated by an entry whose name is NULL. */
extern const rt_lint_rule rt_lint_rules[];

/*
 * Lints the upgrade section of rev (parsed with statements split for
 * dialect d), appending findings allocated from a to *out / *n (an RT_PUSH
 * array). Tables created earlier in the same section are new: an index or
 * constraint on them is not a locking hazard.
 */
void rt_lint_revision(rt_arena *a, const rt_revision *rev, rt_dialect d,
                      rt_lint_finding **out, size_t *n);

#endif
