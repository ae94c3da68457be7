/*
 * quote.h: the one place SQL identifiers and string literals are quoted.
 *
 * Every identifier retort writes into SQL (tables, columns, constraints,
 * the version table) and every string literal (revision ids in offline
 * scripts, comments) goes through these functions, so no name from a model,
 * a config or a revision file can change the meaning of a statement.
 *
 * Identifiers are quoted only when needed: a PostgreSQL name is left bare
 * when it is all lower-case ASCII letters, digits and underscores, does not
 * start with a digit and is not a keyword that needs quoting; an SQLite name
 * when it is ASCII letters, digits and underscores not starting with a digit
 * and not an SQLite keyword. Everything else is double-quoted with inner
 * double quotes doubled: users, "Users", "order", "naïve", "a""b".
 */
#ifndef RT_QUOTE_H
#define RT_QUOTE_H

#include <stdbool.h>

#include "rt.h"

/* True when name must be quoted to be read back unchanged in dialect d. */
bool rt_ident_needs_quote(const char *name, rt_dialect d);

/* Appends name, quoted if needed. */
void rt_quote_ident(rt_buf *b, const char *name, rt_dialect d);

/* Appends name, always quoted. */
void rt_quote_ident_always(rt_buf *b, const char *name);

/* Appends schema.name (just name when schema is NULL or ""). */
void rt_quote_qname(rt_buf *b, const char *schema, const char *name,
                    rt_dialect d);

/* Appends s as a string literal: 'it''s'. On PostgreSQL a string holding a
 * backslash is written E'a\\b', which reads back the same whatever
 * standard_conforming_strings says. */
void rt_quote_literal(rt_buf *b, const char *s, rt_dialect d);

/* The same into an arena, for building messages and small statements. */
const char *rt_ident(rt_arena *a, const char *name, rt_dialect d);
const char *rt_literal(rt_arena *a, const char *s, rt_dialect d);

/*
 * One of retort's own statements and the values bound to its parameters
 * ($1, $2 ...). Online the values are bound; an offline script gets the
 * same text with the values written in as literals (rt_sql_inline), so
 * both send the same statement.
 */
typedef struct rt_bstmt {
	const char *sql;
	int n;                  /* parameters used */
	const char *p[8];       /* their values; NULL is SQL NULL */
} rt_bstmt;

/* s->sql with every $N replaced by the literal of s->p[N-1] (NULL: the
 * keyword NULL). retort's own statements hold no quoted '$'. */
const char *rt_sql_inline(rt_arena *a, const rt_bstmt *s, rt_dialect d);

/* True for a keyword PostgreSQL reserves (fully or as a column, type or
 * function name), given in lower case. */
bool rt_pg_keyword_reserved(const char *word);

#endif
