/*
 * introspect.h: the live catalog of a database read into the model.
 *
 * One introspector per dialect (introspect_pg.c, introspect_sqlite.c), both
 * behind rt_introspect(). Each reads the whole schema set in a fixed number
 * of bulk queries, never one per table, so the number of statements sent
 * (c->statements) does not grow with the number of tables.
 *
 * What the model cannot express (a PostgreSQL exclusion constraint, a
 * partitioned or inherited table, a materialized view, an SQLite generated
 * column or virtual table ...) is never dropped silently: each such object
 * gets one line in m->warnings, naming it, and says whether it was left out
 * of the model or kept without the part the model lacks.
 *
 * Names: on PostgreSQL every table, view and enum carries its schema, a
 * foreign key its ref_schema, a view's depends "schema.name". A column whose
 * type is defined outside pg_catalog, in a schema other than its table's,
 * gets the type name qualified ("public.mood" in a table of schema app), as
 * the model parser writes it, so cross-schema references survive a round
 * trip through a model file. While it reads, the PostgreSQL introspector sets
 * search_path to the first of the schemas it reads (the default schema:
 * rt_introspect_opts_from_config puts it first) and restores it after, so
 * expressions (defaults, checks, predicates, views) come out the same
 * whatever the role's search_path is, objects of the default schema bare and
 * those of every other schema qualified ('draft'::billing.state, FROM
 * billing.invoices): they mean the same under an ordinary search_path.
 * Collation and operator
 * class names are plain names ("C", "text_pattern_ops"), "schema.name" when
 * outside pg_catalog; a view's query has no final ';'.
 *
 * Names SQLite does not keep: a constraint written without CONSTRAINT NAME
 * gets the default naming convention's name (pk_TABLE, uq_TABLE_COLS,
 * fk_TABLE_COLS_REFTABLE, ck_TABLE_COLS with the columns the check
 * mentions), with _2, _3 ... added should two unnamed checks collide.
 */
#ifndef RT_INTROSPECT_H
#define RT_INTROSPECT_H

#include "rt.h"
#include "config.h"
#include "driver.h"
#include "model.h"
#include "util.h"

typedef struct rt_introspect_opts {
	rt_strv schemas;        /* PostgreSQL schemas to read ("public"); the
	                           first is the default schema */
	rt_strv exclude;        /* table-name globs never read (exclude_tables
	                           and retort's own version/history/lock tables) */
} rt_introspect_opts;

/* The options a project's config asks for: include_schemas with
 * default_schema first when it is among them, and as
 * exclusions exclude_tables plus the version, history and lock tables.
 * Lists are allocated from a. */
void rt_introspect_opts_from_config(rt_arena *a, const rt_config *cfg,
                                    rt_introspect_opts *o);

/* Reads the live catalog of c into a new model, in a fixed number of bulk
 * queries (never one per table). The model is sorted (rt_model_sort); its
 * warnings list what it cannot express. On failure *out is untouched and the
 * message names the database. */
int rt_introspect(rt_conn *c, const rt_introspect_opts *o, rt_model **out,
                  rt_err *err);

/* The dialect introspectors behind rt_introspect (same contract). */
int rt_introspect_sqlite(rt_conn *c, const rt_introspect_opts *o,
                         rt_model **out, rt_err *err);
int rt_introspect_pg(rt_conn *c, const rt_introspect_opts *o, rt_model **out,
                     rt_err *err);

/* True when a table or view called name (in schema, or NULL) is excluded by
 * o->exclude; a glob matches the bare name or "schema.name". */
bool rt_introspect_excluded(const rt_introspect_opts *o, const char *schema,
                            const char *name);

/* Appends one warning to m->warnings (printf-style, copied to the model). */
void rt_introspect_warn(rt_model *m, const char *fmt, ...) RT_PRINTF(2, 3);

/* Sorts the model (rt_model_sort) and each view's depends: the last step
 * of both introspectors. */
void rt_introspect_finish(rt_model *m);

/* The default naming convention's name (naming.h) for an unnamed
 * constraint, as the model parser makes it: "pk_users", "uq_users_a_b",
 * "fk_orders_user_id_users", "ck_users_a_b" where columns are those a check
 * mentions ("ck_users_check" when none). Used where SQLite keeps no name. */
const char *rt_introspect_default_name(rt_arena *a, rt_kind kind,
                                       const char *table,
                                       const rt_strv *columns,
                                       const char *ref_table);

#endif
