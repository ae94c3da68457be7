/*
 * diff.h: the diff engine. Pure: two models in, ordered ops out; no I/O.
 *
 * Both models should be in canonical form (introspected: the live
 * database, and the wanted model after scratch normalisation), so that
 * equal things compare equal as text.
 *
 * The ops come in the order of DESIGN.md section 7:
 *
 *   1. drop views that go, change, or read a table whose columns change
 *      (reverse dependency order)
 *   2. drop foreign keys that go or change (and those that break a cycle
 *      between tables that are dropped)
 *   3. drop indexes and constraints that go or change
 *   4. drop tables (reverse dependency order)
 *   5. rename tables
 *   6. create enums, add enum values, recreate enums (PostgreSQL)
 *   7. create tables (dependency order; foreign keys that close a cycle
 *      are left out and added in 10)
 *   8. rename, add, alter and drop columns, table comments; SQLite
 *      rebuilds
 *   9. add constraints, create indexes
 *  10. add foreign keys
 *  11. create and rename views (dependency order)
 *  12. drop enums
 *
 * On SQLite, every change ALTER TABLE cannot make (column type,
 * nullability, default, constraints, most column drops, STRICT, WITHOUT
 * ROWID) turns the table's ops into one RT_OP_REBUILD_TABLE.
 */
#ifndef RT_DIFF_H
#define RT_DIFF_H

#include "rt.h"
#include "model.h"
#include "ops.h"

/*
 * Computes the ops that turn have into want (both of the same dialect).
 * *out (free with rt_ops_free) points into both models: keep them until
 * it is freed. The warnings of *out list destructive ops and rename hints.
 * No difference: (*out)->n == 0.
 */
int rt_diff(const rt_model *have, const rt_model *want, rt_ops **out,
            rt_err *err);

/* Puts one RT_OP_CREATE_SCHEMA per name of schemas (copied) in front of
 * ops: on PostgreSQL, the schemas the wanted model uses that the database
 * does not have yet (autogen asks the catalog; the diff itself cannot
 * know about empty schemas). Their inverses drop them last. */
void rt_ops_create_schemas(rt_ops *ops, const rt_strv *schemas);

#endif
