/*
 * scratch.h: scratch normalisation (DESIGN.md section 7).
 *
 * The wanted model, as parsed, holds what the user wrote ("int",
 * "varchar", "now()"); the live model holds what the database reports
 * ("integer", "character varying", "now()"). To compare like with like the
 * wanted model is applied to a scratch space and read back with the same
 * introspector:
 *
 *   - SQLite: a fresh in-memory database, closed afterwards.
 *   - PostgreSQL: one temporary schema per schema of the model, created
 *     inside a transaction on the live connection (a savepoint when one is
 *     already open) that is rolled back, leaving nothing behind. The
 *     introspected model is renamed back to the real schema names.
 */
#ifndef RT_SCRATCH_H
#define RT_SCRATCH_H

#include "rt.h"
#include "driver.h"
#include "model.h"
#include "util.h"

typedef struct rt_scratch_opts {
	rt_strv schemas;        /* PostgreSQL: the project's schemas
	                           (include_schemas), in search_path order */
} rt_scratch_opts;

/*
 * Applies want to a scratch space next to live (SQLite: in memory; the
 * live connection is not used) and introspects it back into *out (free
 * with rt_model_free). A model the database refuses is RETORT_EINVALID
 * with the database's message. want->warnings and the scratch
 * introspection's warnings are carried over to *out.
 */
int rt_scratch_normalise(rt_conn *live, const rt_model *want,
                         const rt_scratch_opts *o, rt_model **out,
                         rt_err *err);

#endif
