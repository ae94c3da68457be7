/*
 * ddl.h: CREATE statements for model objects, per dialect.
 *
 * Used by the op renderer (render.h) for everything an op creates, and by
 * scratch normalisation to build a whole model in an empty space. The text
 * is readable (CREATE TABLE one column per line) and deterministic; every
 * identifier goes through quote.h. Statements are written without the
 * final ';' unless a function says otherwise.
 */
#ifndef RT_DDL_H
#define RT_DDL_H

#include <stdbool.h>

#include "rt.h"
#include "map.h"
#include "model.h"
#include "util.h"

/* How names are written. */
typedef struct rt_ddl_opts {
	const char *default_schema; /* PostgreSQL: objects in this schema are
	                               written without it; NULL: always
	                               qualified */
	const rt_map *schema_map;   /* PostgreSQL: schema -> the schema written
	                               instead (scratch space), or NULL */
} rt_ddl_opts;

/* Appends schema.name of an object (schema mapped, dropped when it is the
 * default schema, absent on SQLite). */
void rt_ddl_qname(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                  const char *schema, const char *name);

/* Appends a column definition: name, type, collation, NOT NULL, DEFAULT,
 * identity (PostgreSQL) or inline PRIMARY KEY AUTOINCREMENT (SQLite). */
void rt_ddl_column(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                   const rt_table *t, const rt_column *c);

/* Appends a table constraint: [CONSTRAINT name] PRIMARY KEY (...) |
 * UNIQUE (...) | FOREIGN KEY (...) REFERENCES ... | CHECK (...). */
void rt_ddl_constraint(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                       const rt_constraint *c);

/*
 * Appends CREATE TABLE for the definition t under the name (schema, name)
 * of named (t itself when NULL), leaving out the foreign keys listed in
 * skip (may be NULL). One statement, no ';'.
 */
void rt_ddl_create_table(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                         const rt_table *t, const rt_object *named,
                         const rt_strv *skip);

/* Appends CREATE [UNIQUE] INDEX of ix on the table named by `on` (the
 * index's own table when NULL). */
void rt_ddl_create_index(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                         const rt_index *ix, const rt_object *on);

/* Appends CREATE TYPE name AS ENUM (...) (PostgreSQL). */
void rt_ddl_create_enum(rt_buf *b, const rt_ddl_opts *o, const rt_enum *e);

/* Appends CREATE VIEW name AS query (the query without a trailing ';'). */
void rt_ddl_create_view(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                        const rt_view *v, const rt_object *named);

/* Appends COMMENT ON TABLE/COLUMN statements, each ending ";\n", for
 * the comments of t (PostgreSQL; nothing on SQLite). */
void rt_ddl_table_comments(rt_buf *b, rt_dialect d, const rt_ddl_opts *o,
                           const rt_table *t, const rt_object *named);

/* Appends COMMENT ON kind name IS 'text' (or IS NULL) and ";\n"
 * (PostgreSQL; kind is "TABLE", "TYPE", "VIEW" ...). */
void rt_ddl_comment(rt_buf *b, const rt_ddl_opts *o, const char *kind,
                    const rt_object *obj, const char *text);

/* The view query as written in CREATE VIEW: surrounding white space and
 * trailing ';' removed. Allocated from a. */
const char *rt_ddl_view_query(rt_arena *a, const char *query);

/* True when a SQLite default can be written without parentheses and be
 * given to ALTER TABLE ADD COLUMN: a literal, a signed number or NULL. */
bool rt_ddl_sqlite_literal(const char *expr);

/* A coarse classification of a type, enough to tell a widening change
 * from one that may lose data and when a cast needs USING. */
typedef struct rt_type_class {
	int family;   /* 1 integer, 2 exact or float number, 3 string, 0 other */
	long rank;    /* within the family: bigger holds more; -1 unbounded */
} rt_type_class;

rt_type_class rt_ddl_type_class(const char *type);

/*
 * Appends the whole script that creates m from nothing, statements in
 * dependency order, each ending ";\n" (what scratch normalisation runs).
 */
int rt_ddl_model(const rt_model *m, const rt_ddl_opts *o, rt_buf *out,
                 rt_err *err);

#endif
