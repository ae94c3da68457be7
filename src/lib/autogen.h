/*
 * autogen.h: autogenerate: the models against the live database, as the
 * ops, SQL and warnings a revision file holds (DESIGN.md section 7).
 *
 * The models are loaded, normalised on scratch (scratch.h), the database
 * introspected (introspect.h), the two diffed (diff.h) and every op
 * rendered (render.h) for upgrade and, inverted in reverse order, for
 * downgrade. The result owns copies of everything: the models are gone.
 */
#ifndef RT_AUTOGEN_H
#define RT_AUTOGEN_H

#include <stdbool.h>
#include <stddef.h>

#include "rt.h"
#include "config.h"
#include "driver.h"
#include "model.h"
#include "opinfo.h"
#include "util.h"

typedef struct rt_autogen {
	rt_arena *arena;
	rt_op_info *up; size_t nup;       /* upgrade ops, in order */
	rt_op_info *down; size_t ndown;   /* downgrade ops, in order */
	const char *upgrade_sql;          /* all upgrade statements, ";\n" ends each */
	const char *downgrade_sql;
	rt_strv warnings;                 /* destructive ops, hints (add was="...") */
} rt_autogen;

/* Loads the models of cfg, normalises them on scratch, introspects c,
 * diffs. No ops: nup == 0. */
int rt_autogen_compute(rt_conn *c, const rt_config *cfg, rt_autogen **out,
                       rt_err *err);

void rt_autogen_free(rt_autogen *ag);

/* What rt_autogen_compute takes from the config. */
typedef struct rt_autogen_opts {
	const char *default_schema;  /* PostgreSQL: written without schema */
	rt_strv schemas;             /* PostgreSQL schemas read, the default
	                                schema first ("public") */
	rt_strv exclude;             /* table globs never read or touched */
} rt_autogen_opts;

/* The same for a model already loaded (want, as parsed; it is not
 * changed). */
int rt_autogen_model(rt_conn *c, const rt_model *want,
                     const rt_autogen_opts *o, rt_autogen **out, rt_err *err);

/* The options rt_autogen_compute derives from cfg (allocated from a):
 * include_schemas, default_schema, exclude_tables plus retort's own
 * version, history and lock tables. */
void rt_autogen_opts_from_config(rt_arena *a, const rt_config *cfg,
                                 rt_autogen_opts *out);

#endif
