/*
 * revision.h: one revision file (DESIGN.md section 3).
 *
 *     -- add new_field to agent_config
 *     --
 *     -- Revision ID: 3f2a9c1b7d4e
 *     -- Revises: c9f05c1b0a49
 *     -- Create Date: 2026-11-24 10:00:00.123456
 *
 *     -- migrate:upgrade
 *     ALTER TABLE agent_configs ADD COLUMN new_field varchar DEFAULT 'value';
 *
 *     -- migrate:downgrade transaction:false
 *     ALTER TABLE agent_configs DROP COLUMN new_field;
 *
 * The header is the leading block of `--` comment lines: `Key: value`
 * lines for the known keys (Revision ID, required; Revises, Depends On,
 * Branch Labels: comma-separated lists; Create Date) and free text, whose
 * first line is the message. Then the two sections, each introduced by a
 * marker line that may carry options (`transaction:false`). Statements are
 * split exactly for the dialect (rt_sql_split) and keep the line they start
 * on, so that an error can name `file:line`.
 */
#ifndef RT_REVISION_H
#define RT_REVISION_H

#include <stdbool.h>
#include <stddef.h>

#include "rt.h"
#include "util.h"

/* One SQL statement of a section. */
typedef struct rt_stmt {
	const char *sql;   /* the text, from its first token to before the
	                      ';' that ends it (comments inside kept) */
	int line;          /* 1-based line of the file where it starts */
} rt_stmt;

/* The upgrade or the downgrade section. */
typedef struct rt_section {
	int line;               /* line of the marker; 0 when absent */
	bool transaction;       /* false with `transaction:false` */
	const char *text;       /* the body as written (after the marker) */
	int first_line;         /* line of the body's first line */
	rt_stmt *stmts;         /* split statements (empty when the file was
	                           parsed without a dialect) */
	size_t nstmts;
} rt_section;

struct rt_revision;

/* A revision file, parsed. Graph fields are filled by graph.c. */
typedef struct rt_revision {
	const char *id;               /* Revision ID */
	const char *path;             /* the file, as found */
	const char *message;          /* first free line of the header, or "" */
	rt_strv down;                 /* Revises: parents (none: a base) */
	rt_strv depends_on;           /* Depends On */
	rt_strv branch_labels;        /* Branch Labels */
	const char *create_date;      /* Create Date, or NULL */
	int id_line;                  /* line of the Revision ID header */
	int down_line;                /* line of Revises, or 0 */
	rt_section upgrade;
	rt_section downgrade;
	char checksum[65];            /* hex SHA-256 of the sections,
	                                 normalised (rt_revision_checksum) */

	/* Filled by rt_graph_load: */
	struct rt_revision **parents;  /* resolved `down`, same order */
	size_t nparents;
	struct rt_revision **children; /* revisions that revise this one,
	                                  sorted by id */
	size_t nchildren;
	struct rt_revision **deps;     /* resolved depends_on */
	size_t ndeps;
	size_t order;                  /* index in the graph's topological
	                                  order (bases first) */
} rt_revision;

/* True when s is a valid revision id: [0-9A-Za-z_]{1,32}. */
bool rt_revision_id_valid(const char *s);

/*
 * Parses text (len bytes, read from path, which only names it in
 * messages) into a revision allocated from a. With dialect 0 the sections
 * are kept as text but not split (enough for history, heads, show).
 * Every problem is reported as "path:line: message", all of them, one per
 * line; the code is RETORT_EINVALID.
 */
int rt_revision_parse(rt_arena *a, const char *path, const char *text,
                      size_t len, rt_dialect dialect, rt_revision **out,
                      rt_err *err);

/* Reads path and parses it (rt_revision_parse). */
int rt_revision_load(rt_arena *a, const char *path, rt_dialect dialect,
                     rt_revision **out, rt_err *err);

/*
 * Splits SQL text into statements for the dialect: semicolons inside
 * quotes ('...', "...", E'...' with backslash escapes, $tag$...$tag$,
 * SQLite's [...] and `...`), comments (-- and, nested on PostgreSQL,
 * slash-star), parentheses (PostgreSQL), BEGIN ATOMIC ... END bodies
 * (PostgreSQL) and CREATE TRIGGER ... BEGIN ... END bodies (SQLite, by
 * sqlite3_complete) do not end a statement. first_line is the line of the
 * text's first character in its file. A last statement without a ';' is
 * kept. Unterminated quotes or comments are an error naming the line where
 * they start ("LINE: unterminated ..."; the caller adds the file).
 */
int rt_sql_split(rt_arena *a, rt_dialect dialect, const char *text,
                 size_t len, int first_line, rt_stmt **out, size_t *n,
                 rt_err *err);

/*
 * The checksum of a revision file: hex SHA-256 of everything from the
 * first section marker to the end, after stripping a UTF-8 BOM, turning
 * CRLF and CR into LF, dropping trailing white space on every line and
 * trailing empty lines. Header edits, editors and line-ending conversion
 * do not change it; any change to a statement does.
 */
void rt_revision_checksum(const char *text, size_t len, char out[65]);

#endif
